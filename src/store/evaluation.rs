use super::{now, Store};
use crate::error::{Error, FieldError, Result};
use crate::model::evaluation::{
    EvalItem, Evaluation, EvaluationFilter, EvaluationInput, JointRaters, ValidEvaluation,
};
use crate::model::project::society_name;
use crate::wareki;
use chrono::NaiveDate;
use rusqlite::types::Value;
use rusqlite::vtab::array::Array;
use rusqlite::{params, Connection, OptionalExtension, Transaction};
use std::collections::HashMap;
use std::rc::Rc;

/// What needs the database: the meeting, its date and the evaluator. Works
/// from the form as typed, so its messages join the form's own in one list
/// (the 記載日 error does not wait for the A–D ones to be fixed).
/// The form as the database sees it: which meeting, when written, by whom,
/// as which kind, and (when editing) which evaluation it is.
struct Filed<'a> {
    meeting_id: i64,
    written_on: Option<NaiveDate>,
    evaluator_id: Option<i64>,
    kind: Option<&'a str>,
    id: Option<i64>,
}

/// The evaluation `evaluator_id` already filed as `kind` for `meeting_id`
/// (other than `id`): its id, the evaluator's name and its 記載日. One per
/// (meeting, evaluator, kind), so no one is counted twice in the means; 匿名
/// forms (paper, no name) are not matched.
pub(crate) fn existing(
    conn: &Connection,
    meeting_id: i64,
    evaluator_id: i64,
    kind: &str,
    id: Option<i64>,
) -> Result<Option<(i64, String, NaiveDate)>> {
    Ok(conn
        .prepare_cached(
            "SELECT e.id, mb.name, e.written_on FROM evaluations e
             JOIN members mb ON mb.id = e.evaluator_id
             WHERE e.meeting_id = ?1 AND e.evaluator_id = ?2 AND e.kind = ?3
               AND (?4 IS NULL OR e.id <> ?4)
             ORDER BY e.id LIMIT 1",
        )?
        .query_row(params![meeting_id, evaluator_id, kind, id], |r| {
            Ok((r.get("id")?, r.get("name")?, r.get("written_on")?))
        })
        .optional()?)
}

/// The message refusing a second evaluation of one person for one meeting.
pub(crate) fn twice_message(name: &str, kind: &str, written_on: NaiveDate) -> String {
    format!(
        "{name}さんの{kind}は、この会議の分がすでにあります（記載日 {}）。1人1回のため、二重に数えないよう、そちらを編集してください",
        wareki::date_wareki(written_on)
    )
}

fn db_errors(conn: &Connection, f: &Filed) -> Result<Vec<FieldError>> {
    let Filed {
        meeting_id,
        written_on,
        evaluator_id,
        kind,
        id,
    } = *f;
    let (held_on, read_only): (NaiveDate, bool) = conn
        .query_row(
            "SELECT held_on, read_only FROM meetings WHERE id = ?1",
            [meeting_id],
            |r| Ok((r.get("held_on")?, r.get("read_only")?)),
        )
        .optional()?
        .ok_or_else(|| Error::not_found("会議", meeting_id))?;
    let mut errors = Vec::new();
    if read_only && evaluator_id.is_none() {
        // Going back as a 評価回答, it is taken in only as a named person's.
        errors.push(FieldError::new(
            "evaluator_id",
            "評価依頼で届いた会議の表1には、評価者（ご自身）を選んでください。チームに返すとき、だれの評価かが必要です",
        ));
    }
    if written_on.is_some_and(|w| w < held_on) {
        errors.push(FieldError::new(
            "written_on",
            format!(
                "記載日は会議の日（{}）と同じか、それより後の日付にしてください",
                wareki::date_wareki(held_on)
            ),
        ));
    }
    if let Some(member) = evaluator_id {
        let ok = conn
            .query_row(
                "SELECT 1 FROM members WHERE id = ?1
                   AND project_id IN (SELECT project_id FROM meeting_projects WHERE meeting_id = ?2)",
                params![member, meeting_id],
                |_| Ok(()),
            )
            .optional()?
            .is_some();
        if !ok {
            errors.push(FieldError::new(
                "evaluator_id",
                format!("評価者（ID {member}）はこの会議の事業のメンバーではありません"),
            ));
        } else if let Some(kind) = kind {
            if let Some((_, name, written)) = existing(conn, meeting_id, member, kind, id)? {
                errors.push(FieldError::new(
                    "evaluator_id",
                    twice_message(&name, kind, written),
                ));
            }
        }
    }
    Ok(errors)
}

fn check(tx: &Transaction, d: &ValidEvaluation, id: Option<i64>) -> Result<()> {
    let errors = db_errors(
        tx,
        &Filed {
            meeting_id: d.meeting_id,
            written_on: Some(d.written_on),
            evaluator_id: d.evaluator_id,
            kind: Some(d.kind.label()),
            id,
        },
    )?;
    if errors.is_empty() {
        Ok(())
    } else {
        Err(Error::Validation(errors))
    }
}

/// The form's own checks, and when they fail, the database's too, in one list.
fn validate_all(
    conn: &Connection,
    input: &EvaluationInput,
    id: Option<i64>,
) -> Result<ValidEvaluation> {
    match input.validate() {
        Ok(d) => Ok(d),
        Err(Error::Validation(mut fields)) => {
            let written = crate::wareki::parse_date(&input.written_on);
            let kind = crate::model::evaluation::EvaluatorKind::parse(&input.kind);
            fields.extend(db_errors(
                conn,
                &Filed {
                    meeting_id: input.meeting_id,
                    written_on: written,
                    evaluator_id: input.evaluator_id,
                    kind: kind.map(|k| k.label()),
                    id,
                },
            )?);
            Err(Error::Validation(fields))
        }
        Err(e) => Err(e),
    }
}

fn write_items(tx: &Transaction, id: i64, d: &ValidEvaluation) -> Result<()> {
    tx.execute(
        "DELETE FROM evaluation_items WHERE evaluation_id = ?1",
        [id],
    )?;
    for (i, item) in EvalItem::ALL.iter().enumerate() {
        tx.execute(
            "INSERT INTO evaluation_items (evaluation_id, item, score, comment) VALUES (?1, ?2, ?3, ?4)",
            params![id, item, d.scores[i], d.comments[i]],
        )?;
    }
    // The comments' words, for テキスト分析, as they are saved.
    super::words::tokenize_evaluation(tx, id)
}

pub(crate) fn insert(tx: &Transaction, d: &ValidEvaluation) -> Result<i64> {
    check(tx, d, None)?;
    let t = now();
    tx.execute(
        "INSERT INTO evaluations (meeting_id, kind, evaluator_id, written_on, created_at, updated_at)
         VALUES (?1, ?2, ?3, ?4, ?5, ?5)",
        params![d.meeting_id, d.kind, d.evaluator_id, d.written_on, t],
    )?;
    let id = tx.last_insert_rowid();
    write_items(tx, id, d)?;
    Ok(id)
}

fn load(
    conn: &Connection,
    where_sql: &str,
    args: &[&dyn rusqlite::ToSql],
) -> Result<Vec<Evaluation>> {
    let mut st = conn.prepare_cached(&format!(
        "SELECT e.id, e.meeting_id, m.title, m.kind AS meeting_kind, m.held_on, e.kind, e.evaluator_id,
                COALESCE(mb.name, '匿名') AS evaluator, e.written_on
         FROM evaluations e JOIN meetings m ON m.id = e.meeting_id
         LEFT JOIN members mb ON mb.id = e.evaluator_id
         WHERE {where_sql}
         ORDER BY m.held_on, m.id, e.kind, e.id"
    ))?;
    let rows = st.query_map(args, |r| {
        Ok(Evaluation {
            id: r.get("id")?,
            meeting_id: r.get("meeting_id")?,
            meeting_title: r.get("title")?,
            meeting_kind: r.get("meeting_kind")?,
            held_on: r.get("held_on")?,
            held_on_label: String::new(),
            kind: r.get("kind")?,
            evaluator_id: r.get("evaluator_id")?,
            evaluator: r.get("evaluator")?,
            written_on: r.get("written_on")?,
            written_on_label: String::new(),
            projects: String::new(),
            joint: false,
            scores: Vec::new(),
            comments: Vec::new(),
        })
    })?;
    let mut out: Vec<Evaluation> = rows.collect::<rusqlite::Result<_>>()?;
    // The items of all of them in one query, the societies of their meetings
    // in another, each date's label once: per evaluation, these were most of
    // the time of a team's row on the dashboard of 94 teams.
    let at: HashMap<i64, usize> = out.iter().enumerate().map(|(i, e)| (e.id, i)).collect();
    let ids: Array = Rc::new(out.iter().map(|e| Value::from(e.id)).collect());
    let mut items = conn.prepare_cached(
        "SELECT evaluation_id, score, comment FROM evaluation_items
         WHERE evaluation_id IN rarray(?1) ORDER BY evaluation_id, item",
    )?;
    for row in items.query_map([ids], |r| {
        Ok((
            r.get::<_, i64>("evaluation_id")?,
            r.get::<_, u8>("score")?,
            r.get::<_, String>("comment")?,
        ))
    })? {
        let (id, score, comment) = row?;
        let e = &mut out[at[&id]];
        e.scores.push(score);
        e.comments.push(comment);
    }
    let mut meeting_ids: Vec<i64> = out.iter().map(|e| e.meeting_id).collect();
    meeting_ids.dedup();
    let meeting_ids: Array = Rc::new(meeting_ids.into_iter().map(Value::from).collect());
    let mut societies = conn.prepare_cached(
        "SELECT mp.meeting_id, p.prefecture, p.profession FROM meeting_projects mp
         JOIN projects p ON p.id = mp.project_id
         WHERE mp.meeting_id IN rarray(?1) ORDER BY mp.meeting_id, p.id",
    )?;
    let mut names: HashMap<i64, Vec<String>> = HashMap::new();
    for row in societies.query_map([meeting_ids], |r| {
        Ok((
            r.get::<_, i64>("meeting_id")?,
            society_name(&r.get::<_, String>("prefecture")?, r.get("profession")?),
        ))
    })? {
        let (meeting, name) = row?;
        names.entry(meeting).or_default().push(name);
    }
    let mut labels: HashMap<NaiveDate, String> = HashMap::new();
    let mut label = |d: NaiveDate| {
        labels
            .entry(d)
            .or_insert_with(|| wareki::date_wareki(d))
            .clone()
    };
    for e in &mut out {
        e.held_on_label = label(e.held_on);
        e.written_on_label = label(e.written_on);
        if let Some(list) = names.get(&e.meeting_id) {
            e.projects = list.join("・");
            e.joint = list.len() > 1;
        }
    }
    Ok(out)
}

impl Store {
    /// Evaluations of a project's meetings (joint ones included), or of every
    /// project when `project_id` is None (the secretariat's view). A team's view
    /// of a joint meeting holds every evaluation of it, as 図25 pools the members
    /// of both teams; with `joint_raters` = own, only what its own people wrote
    /// and the supporters' 自己評価 (not another team's 他者評価, nor an
    /// anonymous one, whose team is unknown).
    pub fn evaluations(
        &self,
        project_id: Option<i64>,
        filter: &EvaluationFilter,
    ) -> Result<Vec<Evaluation>> {
        if let Some(p) = project_id {
            super::project::get(self.conn(), p)?;
        }
        let f = filter.validate()?;
        let (from, to, kind) = (f.from, f.to, f.kind);
        let group = f.meetings.map(|g| g.key());
        // Two plain conditions rather than one CASE, so that SQLite reaches a
        // project's evaluations through its meetings' indexes instead of
        // reading every evaluation (the 94 teams' dashboard in bench all: 353 → 141 ms).
        let scope = if project_id.is_some() && f.joint_raters == JointRaters::Own {
            "m.id IN (SELECT meeting_id FROM meeting_projects WHERE project_id = ?1)
             AND ((SELECT count(*) FROM meeting_projects x WHERE x.meeting_id = m.id) = 1
                  OR e.kind = '自己評価' OR mb.project_id = ?1)"
        } else if project_id.is_some() {
            "m.id IN (SELECT meeting_id FROM meeting_projects WHERE project_id = ?1)"
        } else {
            // 全体: the meetings of the projects in use (archived ones are hidden).
            "?1 IS NULL AND m.id IN (SELECT mp.meeting_id FROM meeting_projects mp
                JOIN projects p ON p.id = mp.project_id WHERE p.archived_at IS NULL)"
        };
        load(
            self.conn(),
            &format!(
                "{scope}
             AND (?2 IS NULL OR m.held_on >= ?2) AND (?3 IS NULL OR m.held_on <= ?3)
             AND (?4 IS NULL OR e.kind = ?4)
             AND (?5 IS NULL OR ?5 = 'all'
                  OR (?5 = 'joint') = ((SELECT count(*) FROM meeting_projects x WHERE x.meeting_id = m.id) > 1))"
            ),
            &[&project_id, &from, &to, &kind, &group],
        )
    }

    pub fn meeting_evaluations(&self, meeting_id: i64) -> Result<Vec<Evaluation>> {
        self.meeting(meeting_id)?;
        load(self.conn(), "e.meeting_id = ?1", &[&meeting_id])
    }

    pub fn evaluation(&self, id: i64) -> Result<Evaluation> {
        load(self.conn(), "e.id = ?1", &[&id])?
            .pop()
            .ok_or_else(|| Error::not_found("評価", id))
    }

    pub fn create_evaluation(&mut self, input: &EvaluationInput) -> Result<Evaluation> {
        let d = validate_all(self.conn(), input, None)?;
        let id = self.write(|tx| insert(tx, &d))?;
        self.evaluation(id)
    }

    pub fn update_evaluation(&mut self, id: i64, input: &EvaluationInput) -> Result<Evaluation> {
        let d = validate_all(self.conn(), input, Some(id))?;
        self.write(|tx| {
            tx.query_row("SELECT 1 FROM evaluations WHERE id = ?1", [id], |_| Ok(()))
                .optional()?
                .ok_or_else(|| Error::not_found("評価", id))?;
            check(tx, &d, Some(id))?;
            tx.execute(
                "UPDATE evaluations SET meeting_id = ?2, kind = ?3, evaluator_id = ?4, written_on = ?5,
                    updated_at = ?6 WHERE id = ?1",
                params![id, d.meeting_id, d.kind, d.evaluator_id, d.written_on, now()],
            )?;
            write_items(tx, id, &d)
        })?;
        self.evaluation(id)
    }

    pub fn delete_evaluation(&mut self, id: i64) -> Result<()> {
        self.write(|tx| {
            if tx.execute("DELETE FROM evaluations WHERE id = ?1", [id])? == 0 {
                return Err(Error::not_found("評価", id));
            }
            Ok(())
        })
    }
}

/// Names a meeting's evaluations for the message that refuses its deletion.
pub(crate) fn blocking_meeting_delete(tx: &Transaction, meeting_id: i64) -> Result<Option<String>> {
    let evals = load(tx, "e.meeting_id = ?1", &[&meeting_id])?;
    if evals.is_empty() {
        return Ok(None);
    }
    let names: Vec<String> = evals
        .iter()
        .map(|e| {
            format!(
                "{}：{}（{}）",
                e.kind,
                e.evaluator,
                wareki::date_wareki(e.written_on)
            )
        })
        .collect();
    Ok(Some(format!(
        "この会議には評価が{}件あります（{}）。会議を削除するには、先にこれらの評価を削除してください",
        evals.len(),
        names.join("、")
    )))
}
