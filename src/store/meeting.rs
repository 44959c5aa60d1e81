use super::{now, project, Store};
use crate::error::{Error, FieldError, Result};
use crate::model::meeting::{Meeting, MeetingFilter, MeetingInput, Participant, ValidMeeting};
use crate::wareki;
use chrono::NaiveDate;
use rusqlite::{params, Connection, OptionalExtension, Transaction};

fn check_refs(tx: &Transaction, d: &ValidMeeting) -> Result<()> {
    let mut errors = Vec::new();
    if let Some(program) = d.program_id {
        let exists = tx
            .query_row(
                "SELECT 1 FROM programs WHERE id = ?1",
                [program],
                |_| Ok(()),
            )
            .optional()?
            .is_some();
        if !exists {
            errors.push(FieldError::new(
                "program_id",
                format!("事業全体（ID {program}）が見つかりません"),
            ));
        }
        for &person in &d.person_ids {
            let ok = tx
                .query_row(
                    "SELECT 1 FROM program_people WHERE id = ?1 AND program_id = ?2",
                    params![person, program],
                    |_| Ok(()),
                )
                .optional()?
                .is_some();
            if !ok {
                errors.push(FieldError::new(
                    "person_ids",
                    format!("参加者（ID {person}）はこの事業全体の関係者ではありません"),
                ));
            }
        }
    } else if !d.person_ids.is_empty() {
        errors.push(FieldError::new(
            "person_ids",
            "事業全体の関係者は、事業全体の会議の参加者として記録します",
        ));
    }
    let mut programs = Vec::new();
    for &p in &d.project_ids {
        match tx
            .query_row("SELECT program_id FROM projects WHERE id = ?1", [p], |r| {
                r.get::<_, Option<i64>>("program_id")
            })
            .optional()?
        {
            Some(program) => programs.push(program),
            None => errors.push(FieldError::new(
                "project_ids",
                format!("事業（ID {p}）が見つかりません"),
            )),
        }
    }
    if programs.len() > 1
        && (programs.iter().any(Option::is_none) || programs.windows(2).any(|w| w[0] != w[1]))
    {
        errors.push(FieldError::new(
            "project_ids",
            "合同会議にまとめられるのは、同じ事業プログラムの事業だけです",
        ));
    }
    let in_projects = |table: &str, column: &str, id: i64| -> Result<bool> {
        let sql = format!(
            "SELECT 1 FROM {table} WHERE {column} = ?1 AND project_id IN (SELECT value FROM json_each(?2))"
        );
        let ids = serde_json::to_string(&d.project_ids).expect("a list of numbers");
        Ok(tx
            .query_row(&sql, params![id, ids], |_| Ok(()))
            .optional()?
            .is_some())
    };
    for &m in &d.participant_ids {
        if !in_projects("members", "id", m)? {
            errors.push(FieldError::new(
                "participant_ids",
                format!("参加者（ID {m}）はこの事業のメンバーではありません。メンバー以外の方はゲストとして名前で入力してください"),
            ));
        }
    }
    for &r in &d.resource_ids {
        if !in_projects("resource_projects", "resource_id", r)? {
            errors.push(FieldError::new(
                "resource_ids",
                format!("提供資料（ID {r}）がこの事業の資料にありません"),
            ));
        }
    }
    if errors.is_empty() {
        Ok(())
    } else {
        Err(Error::Validation(errors))
    }
}

/// One meeting of a numbered series (same kind, 年度 and project or program).
struct InSeries {
    id: i64,
    held_on: NaiveDate,
    number: Option<i64>,
    title: String,
    read_only: bool,
}

/// The other meetings of `d`'s series (the same kind in the same 年度, of
/// its program, else of its first project), in date order.
fn series(conn: &Connection, d: &ValidMeeting, except: Option<i64>) -> Result<Vec<InSeries>> {
    let fy = wareki::fiscal_year(d.held_on);
    let (from, to) = (
        NaiveDate::from_ymd_opt(fy, 4, 1).expect("valid"),
        NaiveDate::from_ymd_opt(fy + 1, 3, 31).expect("valid"),
    );
    let (scope, owner) = match d.program_id {
        Some(program) => ("m.program_id = ?1", program),
        None => (
            "m.id IN (SELECT meeting_id FROM meeting_projects WHERE project_id = ?1)",
            d.project_ids[0],
        ),
    };
    let mut st = conn.prepare_cached(&format!(
        "SELECT m.id, m.held_on, m.number, m.title, m.read_only FROM meetings m
         WHERE {scope} AND m.kind = ?2 AND m.held_on >= ?3 AND m.held_on <= ?4
           AND m.id IS NOT ?5
         ORDER BY m.held_on, m.id"
    ))?;
    let rows = st.query_map(params![owner, d.kind, from, to, except], |r| {
        Ok(InSeries {
            id: r.get("id")?,
            held_on: r.get("held_on")?,
            number: r.get("number")?,
            title: r.get("title")?,
            read_only: r.get("read_only")?,
        })
    })?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

/// A later meeting whose 第N回 moves on because an earlier one was added
/// (or moved) before it: its id, old and new number, and its title now.
struct Renumbered {
    id: i64,
    held_on: NaiveDate,
    from: i64,
    to: i64,
    title: String,
}

/// 第N回 for `d` (one more than the meetings of its series held on or before
/// its day) and the later meetings that must move on so that no 第N回 is
/// there twice in a 年度. A meeting received with an evaluation request is
/// the team's record and keeps its number.
fn numbering(
    conn: &Connection,
    d: &ValidMeeting,
    except: Option<i64>,
) -> Result<(Option<i64>, Vec<Renumbered>)> {
    if !d.kind.is_numbered() {
        return Ok((None, Vec::new()));
    }
    let others = series(conn, d, except)?;
    let earlier = others.iter().filter(|m| m.held_on <= d.held_on).count() as i64;
    let own = earlier + 1;
    let mut moved = Vec::new();
    let mut previous = own;
    for m in others.iter().filter(|m| m.held_on > d.held_on) {
        let Some(n) = m.number else { continue };
        if n <= previous && !m.read_only {
            previous += 1;
            moved.push(Renumbered {
                id: m.id,
                held_on: m.held_on,
                from: n,
                to: previous,
                title: m.title.clone(),
            });
        } else {
            previous = previous.max(n);
        }
    }
    Ok((Some(own), moved))
}

/// Gives the later meetings their new 第N回; a title that was the automatic
/// one (「第2回チーム会議」) follows its number, one the user wrote stays.
fn renumber(tx: &Transaction, d: &ValidMeeting, moved: &[Renumbered]) -> Result<()> {
    for m in moved {
        let title = if m.title == d.kind.default_title(Some(m.from)) {
            d.kind.default_title(Some(m.to))
        } else {
            m.title.clone()
        };
        tx.execute(
            "UPDATE meetings SET number = ?2, title = ?3, updated_at = ?4 WHERE id = ?1",
            params![m.id, m.to, title, now()],
        )?;
    }
    Ok(())
}

fn write_links(tx: &Transaction, id: i64, d: &ValidMeeting) -> Result<()> {
    for table in [
        "meeting_projects",
        "meeting_participants",
        "meeting_resources",
        "meeting_people",
    ] {
        tx.execute(&format!("DELETE FROM {table} WHERE meeting_id = ?1"), [id])?;
    }
    let insert = |sql: &str, ids: &[i64]| -> Result<()> {
        for other in ids {
            tx.execute(sql, params![id, other])?;
        }
        Ok(())
    };
    insert(
        "INSERT INTO meeting_projects (meeting_id, project_id) VALUES (?1, ?2)",
        &d.project_ids,
    )?;
    insert(
        "INSERT INTO meeting_participants (meeting_id, member_id) VALUES (?1, ?2)",
        &d.participant_ids,
    )?;
    insert(
        "INSERT INTO meeting_resources (meeting_id, resource_id) VALUES (?1, ?2)",
        &d.resource_ids,
    )?;
    insert(
        "INSERT INTO meeting_people (meeting_id, person_id) VALUES (?1, ?2)",
        &d.person_ids,
    )?;
    Ok(())
}

/// A meeting that came with an evaluation request is the team's record; the
/// copy here is evaluated, not edited.
fn refuse_read_only(tx: &Transaction, id: i64) -> Result<()> {
    let read_only: bool = tx
        .query_row("SELECT read_only FROM meetings WHERE id = ?1", [id], |r| {
            r.get("read_only")
        })
        .optional()?
        .unwrap_or(false);
    if read_only {
        return Err(Error::Validation(vec![FieldError::new(
            "meeting",
            "この会議は評価依頼で届いたものです。変更はチームの伴走ノートで行ってください（ここでは評価を記入できます）",
        )]));
    }
    Ok(())
}

fn time_text(t: Option<chrono::NaiveTime>) -> Option<String> {
    t.map(|t| t.format("%H:%M").to_string())
}

/// Writes the meeting's own row: a new one when `id` is None.
fn write_row(
    tx: &Transaction,
    id: Option<i64>,
    d: &ValidMeeting,
    number: Option<i64>,
) -> Result<i64> {
    let title = if d.title.is_empty() {
        d.kind.default_title(number)
    } else {
        d.title.clone()
    };
    let (start, end) = (time_text(d.start_time), time_text(d.end_time));
    let (decisions, guests, t) = (d.decisions.join("\n"), d.guests.join("\n"), now());
    let form: &super::row::Values = &[
        ("kind", &d.kind),
        ("number", &number),
        ("title", &title),
        ("held_on", &d.held_on),
        ("start_time", &start),
        ("end_time", &end),
        ("format", &d.format),
        ("agenda", &d.agenda),
        ("minutes", &d.minutes),
        ("decisions", &decisions),
        ("guests", &guests),
        ("program_id", &d.program_id),
        ("updated_at", &t),
    ];
    match id {
        None => super::row::insert(tx, "meetings", &[form, &[("created_at", &t)]].concat()),
        Some(id) => {
            super::row::update(tx, "meetings", id, form)?;
            Ok(id)
        }
    }
}

pub(crate) fn insert(tx: &Transaction, d: &ValidMeeting) -> Result<i64> {
    check_refs(tx, d)?;
    let (number, moved) = numbering(tx, d, None)?;
    renumber(tx, d, &moved)?;
    let id = write_row(tx, None, d, number)?;
    write_links(tx, id, d)?;
    Ok(id)
}

/// The ids `sql` selects (`… AS id`) for the row `id` names.
fn ids(conn: &Connection, sql: &str, id: i64) -> Result<Vec<i64>> {
    let mut st = conn.prepare_cached(sql)?;
    let rows = st.query_map([id], |r| r.get("id"))?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

fn load(conn: &Connection, where_sql: &str, args: &[&dyn rusqlite::ToSql]) -> Result<Vec<Meeting>> {
    let mut st = conn.prepare_cached(&format!(
        "SELECT m.id, m.kind, m.number, m.title, m.held_on, m.start_time, m.end_time, m.format,
                m.agenda, m.minutes, m.decisions, m.guests,
                (SELECT count(*) FROM tasks t WHERE t.meeting_id = m.id) AS task_count, m.read_only,
                (SELECT count(*) FROM issues i WHERE i.meeting_id = m.id) AS issue_count, m.program_id
         FROM meetings m WHERE {where_sql}
         ORDER BY m.held_on, m.start_time, m.id"
    ))?;
    let split = |s: String| -> Vec<String> {
        s.lines()
            .map(str::to_owned)
            .filter(|l| !l.is_empty())
            .collect()
    };
    let rows = st.query_map(args, |r| {
        let held_on: NaiveDate = r.get("held_on")?;
        Ok(Meeting {
            id: r.get("id")?,
            kind: r.get("kind")?,
            number: r.get("number")?,
            title: r.get("title")?,
            held_on,
            held_on_label: wareki::date_wareki(held_on),
            start_time: r.get("start_time")?,
            end_time: r.get("end_time")?,
            format: r.get("format")?,
            agenda: r.get("agenda")?,
            minutes: r.get("minutes")?,
            decisions: split(r.get("decisions")?),
            guests: split(r.get("guests")?),
            task_count: r.get("task_count")?,
            read_only: r.get("read_only")?,
            issue_count: r.get("issue_count")?,
            program_id: r.get("program_id")?,
            people: Vec::new(),
            project_ids: Vec::new(),
            joint: false,
            participants: Vec::new(),
            resource_ids: Vec::new(),
        })
    })?;
    let mut out: Vec<Meeting> = rows.collect::<rusqlite::Result<_>>()?;
    let mut people = conn.prepare_cached(
        "SELECT m.id, m.name, m.role FROM meeting_participants p JOIN members m ON m.id = p.member_id
         WHERE p.meeting_id = ?1 ORDER BY m.id",
    )?;
    for m in &mut out {
        m.project_ids = ids(
            conn,
            "SELECT project_id AS id FROM meeting_projects WHERE meeting_id = ?1 ORDER BY project_id",
            m.id,
        )?;
        m.joint = m.project_ids.len() > 1;
        m.resource_ids = ids(
            conn,
            "SELECT resource_id AS id FROM meeting_resources WHERE meeting_id = ?1 ORDER BY resource_id",
            m.id,
        )?;
        m.participants = people
            .query_map([m.id], |r| {
                Ok(Participant {
                    member_id: r.get("id")?,
                    name: r.get("name")?,
                    role: r.get("role")?,
                })
            })?
            .collect::<rusqlite::Result<_>>()?;
        if m.program_id.is_some() {
            let mut st = conn.prepare_cached(
                "SELECT p.id, p.name, p.role FROM meeting_people x JOIN program_people p ON p.id = x.person_id
                 WHERE x.meeting_id = ?1 ORDER BY p.id",
            )?;
            m.people = st
                .query_map([m.id], |r| {
                    Ok(crate::model::program::PersonRef {
                        person_id: r.get("id")?,
                        name: r.get("name")?,
                        role: r.get("role")?,
                    })
                })?
                .collect::<rusqlite::Result<_>>()?;
        }
    }
    Ok(out)
}

impl Store {
    /// A project's meetings (joint ones included), oldest first, as 表3.
    pub fn meetings(&self, project_id: i64, filter: &MeetingFilter) -> Result<Vec<Meeting>> {
        project::get(self.conn(), project_id)?;
        let f = filter.validate()?;
        let (kind, from, to) = (f.kind, f.from, f.to);
        load(
            self.conn(),
            "m.id IN (SELECT meeting_id FROM meeting_projects WHERE project_id = ?1)
             AND (?2 IS NULL OR m.kind = ?2) AND (?3 IS NULL OR m.held_on >= ?3)
             AND (?4 IS NULL OR m.held_on <= ?4)",
            &[&project_id, &kind, &from, &to],
        )
    }

    /// A project's last meeting held on or before `today` and its next one
    /// after it, in the order of [`Store::meetings`], without reading the others
    /// (the overview and every row of the dashboard need only these two).
    pub fn last_and_next_meeting(
        &self,
        project_id: i64,
        today: NaiveDate,
    ) -> Result<(Option<Meeting>, Option<Meeting>)> {
        project::get(self.conn(), project_id)?;
        let one = |last: bool| -> Result<Option<Meeting>> {
            let (cmp, order) = if last { ("<=", "DESC") } else { (">", "ASC") };
            Ok(load(
                self.conn(),
                &format!(
                    "m.id = (SELECT x.id FROM meetings x
                        WHERE x.id IN (SELECT meeting_id FROM meeting_projects WHERE project_id = ?1)
                          AND x.held_on {cmp} ?2
                        ORDER BY x.held_on {order}, x.start_time {order}, x.id {order} LIMIT 1)"
                ),
                &[&project_id, &today],
            )?
            .pop())
        };
        Ok((one(true)?, one(false)?))
    }

    /// The program's own meetings (事業協力者会議, 班会議…), oldest first.
    pub fn program_meetings(&self, program_id: i64) -> Result<Vec<Meeting>> {
        self.program(program_id)?;
        load(self.conn(), "m.program_id = ?1", &[&program_id])
    }

    pub fn meeting(&self, id: i64) -> Result<Meeting> {
        load(self.conn(), "m.id = ?1", &[&id])?
            .pop()
            .ok_or_else(|| Error::not_found("会議", id))
    }

    /// What saving `input` (a new meeting, or meeting `id` edited) would
    /// renumber, said before it is saved: 「令和6年7月31日の「第2回チーム会議」
    /// は第3回になります」. Empty when nothing moves or the form is not
    /// complete yet.
    pub fn meeting_renumbering(
        &self,
        input: &MeetingInput,
        id: Option<i64>,
    ) -> Result<Vec<String>> {
        let Ok(d) = input.validate() else {
            return Ok(Vec::new());
        };
        if let Some(id) = id {
            let old: Option<(String, NaiveDate)> = self
                .conn()
                .query_row(
                    "SELECT kind, held_on FROM meetings WHERE id = ?1",
                    [id],
                    |r| Ok((r.get("kind")?, r.get("held_on")?)),
                )
                .optional()?;
            if old.is_some_and(|(kind, on)| kind == d.kind.label() && on == d.held_on) {
                return Ok(Vec::new());
            }
        }
        let (number, moved) = numbering(self.conn(), &d, id)?;
        Ok(moved
            .iter()
            .map(|m| {
                format!(
                    "保存すると、この会議が第{}回になり、後の{}の「{}」は第{}回に繰り下がります（同じ年度に第{}回が2つにならないように）",
                    number.unwrap_or(0),
                    wareki::date_wareki(m.held_on),
                    m.title,
                    m.to,
                    m.from
                )
            })
            .collect())
    }

    pub fn create_meeting(&mut self, input: &MeetingInput) -> Result<Meeting> {
        let d = input.validate()?;
        let id = self.write(|tx| insert(tx, &d))?;
        self.meeting(id)
    }

    pub fn update_meeting(&mut self, id: i64, input: &MeetingInput) -> Result<Meeting> {
        let d = input.validate()?;
        self.write(|tx| {
            let old: Option<(String, Option<i64>, NaiveDate)> = tx
                .query_row(
                    "SELECT kind, number, held_on FROM meetings WHERE id = ?1",
                    [id],
                    |r| Ok((r.get("kind")?, r.get("number")?, r.get("held_on")?)),
                )
                .optional()?;
            let (old_kind, old_number, old_date) =
                old.ok_or_else(|| Error::not_found("会議", id))?;
            refuse_read_only(tx, id)?;
            check_refs(tx, &d)?;
            // Its number stays unless its kind or day changed (then it takes
            // its place in the series, and later ones move on).
            let number = if old_kind == d.kind.label() && old_date == d.held_on {
                old_number
            } else {
                let (number, moved) = numbering(tx, &d, Some(id))?;
                renumber(tx, &d, &moved)?;
                number
            };
            write_row(tx, Some(id), &d, number)?;
            write_links(tx, id, &d)
        })?;
        self.meeting(id)
    }

    /// Deletes a meeting; tasks made from it stay and lose the link. A meeting
    /// with evaluations is refused, naming them.
    pub fn delete_meeting(&mut self, id: i64) -> Result<()> {
        self.write(|tx| {
            refuse_read_only(tx, id)?;
            if let Some(message) = super::evaluation::blocking_meeting_delete(tx, id)? {
                return Err(Error::Validation(vec![FieldError::new("meeting", message)]));
            }
            let n = tx.execute("DELETE FROM meetings WHERE id = ?1", [id])?;
            if n == 0 {
                return Err(Error::not_found("会議", id));
            }
            Ok(())
        })
    }
}
