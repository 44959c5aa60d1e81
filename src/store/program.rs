//! 事業全体: the program, its people and their assignments to teams, and the
//! secretariat's dashboard of every team.

use super::{member, now, Store};
use crate::error::{Error, FieldError, Result};
use crate::model::member::MemberInput;
use crate::model::program::{
    Assignment, Person, PersonInput, Program, ProgramInput, SupporterWork,
};
use crate::wareki;
use rusqlite::{params, Connection, OptionalExtension, Row};

const SELECT: &str = "SELECT g.id, g.name, g.fiscal_year, g.organizer, g.secretariat, g.note,
        (SELECT count(*) FROM projects p WHERE p.program_id = g.id AND p.archived_at IS NULL) AS teams
     FROM programs g";

fn from_row(r: &Row) -> rusqlite::Result<Program> {
    let fy: Option<i32> = r.get("fiscal_year")?;
    Ok(Program {
        id: r.get("id")?,
        name: r.get("name")?,
        fiscal_year: fy,
        fiscal_year_label: fy.map(wareki::fiscal_year_wareki),
        organizer: r.get("organizer")?,
        secretariat: r.get("secretariat")?,
        note: r.get("note")?,
        teams: r.get("teams")?,
    })
}

fn people(conn: &Connection, where_sql: &str, key: i64) -> Result<Vec<Person>> {
    let mut st = conn.prepare_cached(&format!(
        "SELECT id, program_id, name, role, affiliation, email, retired_at IS NOT NULL AS retired
         FROM program_people WHERE {where_sql} ORDER BY
           CASE role WHEN '伴走支援班リーダー' THEN 0 WHEN '伴走支援者' THEN 1 WHEN '研修会班' THEN 2
                     WHEN '事業協力者' THEN 3 ELSE 4 END, id"
    ))?;
    let mut out: Vec<Person> = st
        .query_map([key], |r| {
            Ok(Person {
                id: r.get("id")?,
                program_id: r.get("program_id")?,
                name: r.get("name")?,
                role: r.get("role")?,
                affiliation: r.get("affiliation")?,
                email: r.get("email")?,
                retired: r.get("retired")?,
                assignments: Vec::new(),
            })
        })?
        .collect::<rusqlite::Result<_>>()?;
    let mut st = conn.prepare_cached(
        "SELECT m.project_id, m.id, p.prefecture, p.profession, m.retired_at IS NOT NULL AS retired
         FROM members m JOIN projects p ON p.id = m.project_id
         WHERE m.person_id = ?1 AND p.archived_at IS NULL ORDER BY p.id",
    )?;
    for person in &mut out {
        person.assignments = st
            .query_map([person.id], |r| {
                Ok(Assignment {
                    project_id: r.get("project_id")?,
                    member_id: r.get("id")?,
                    society: crate::model::project::society_name(
                        &r.get::<_, String>("prefecture")?,
                        r.get("profession")?,
                    ),
                    retired: r.get("retired")?,
                })
            })?
            .collect::<rusqlite::Result<_>>()?;
    }
    Ok(out)
}

/// A member's role as the program records it (伴走支援リーダー on a team is the
/// 伴走支援班's リーダー).
const PROGRAM_ROLE_SQL: &str =
    "CASE m.role WHEN '伴走支援リーダー' THEN '伴走支援班リーダー' ELSE m.role END";

/// Links a team's supporters and secretariat to the program's people by name
/// and role, recording those not yet there: what the migration did for the
/// teams of that time, done again for a team that arrives in a bundle.
pub(crate) fn link_people(tx: &Connection, project_id: i64) -> Result<()> {
    tx.execute(
        &format!(
            "INSERT INTO program_people (program_id, name, role, affiliation, email, created_at)
             SELECT p.program_id, m.name, {PROGRAM_ROLE_SQL}, max(m.affiliation), max(m.email), ?2
             FROM members m JOIN projects p ON p.id = m.project_id
             WHERE m.project_id = ?1 AND p.program_id IS NOT NULL AND m.person_id IS NULL
               AND m.role IN ('伴走支援者', '伴走支援リーダー', '事務局')
               AND NOT EXISTS (SELECT 1 FROM program_people pp WHERE pp.program_id = p.program_id
                               AND pp.name = m.name AND pp.role = {PROGRAM_ROLE_SQL})
             GROUP BY m.name, m.role ORDER BY min(m.id)"
        ),
        params![project_id, now()],
    )?;
    tx.execute(
        &format!(
            "UPDATE members AS m SET person_id = (
                SELECT pp.id FROM program_people pp JOIN projects p ON p.program_id = pp.program_id
                WHERE p.id = m.project_id AND pp.name = m.name AND pp.role = {PROGRAM_ROLE_SQL}
                ORDER BY pp.id LIMIT 1)
             WHERE m.project_id = ?1 AND m.person_id IS NULL
               AND m.role IN ('伴走支援者', '伴走支援リーダー', '事務局')"
        ),
        [project_id],
    )?;
    Ok(())
}

fn person_of(conn: &Connection, id: i64) -> Result<Person> {
    people(conn, "id = ?1", id)?
        .pop()
        .ok_or_else(|| Error::not_found("関係者", id))
}

impl Store {
    /// Every program, newest 年度 first.
    pub fn programs(&self) -> Result<Vec<Program>> {
        let mut st = self.conn().prepare_cached(&format!(
            "{SELECT} ORDER BY g.fiscal_year IS NULL, g.fiscal_year DESC, g.id"
        ))?;
        let rows = st.query_map([], from_row)?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }

    pub fn program(&self, id: i64) -> Result<Program> {
        self.conn()
            .query_row(&format!("{SELECT} WHERE g.id = ?1"), [id], from_row)
            .optional()?
            .ok_or_else(|| Error::not_found("事業全体", id))
    }

    /// What a CLI user types: an id or a part of the name; nothing when there
    /// is exactly one program.
    pub fn resolve_program(&self, query: Option<&str>) -> Result<Program> {
        let all = self.programs()?;
        let matches: Vec<Program> = match query.map(str::trim).filter(|q| !q.is_empty()) {
            None => all,
            Some(q) => match q.parse::<i64>() {
                Ok(id) => return self.program(id),
                Err(_) => all.into_iter().filter(|p| p.name.contains(q)).collect(),
            },
        };
        match matches.len() {
            1 => Ok(matches.into_iter().next().expect("one")),
            0 => Err(Error::NotFound {
                what: "事業全体",
                key: query.unwrap_or("").to_owned(),
            }),
            _ => Err(Error::Ambiguous {
                query: query.unwrap_or("").to_owned(),
                candidates: matches
                    .iter()
                    .map(|p| format!("{}（ID {}）", p.name, p.id))
                    .collect(),
            }),
        }
    }

    pub fn create_program(&mut self, input: &ProgramInput) -> Result<Program> {
        let d = input.validate()?;
        let id = self.write(|tx| {
            let taken = tx
                .query_row("SELECT 1 FROM programs WHERE name = ?1", [&d.name], |_| {
                    Ok(())
                })
                .optional()?
                .is_some();
            if taken {
                return Err(Error::Validation(vec![FieldError::new(
                    "name",
                    format!("「{}」は既にあります", d.name),
                )]));
            }
            tx.execute(
                "INSERT INTO programs (name, fiscal_year, organizer, secretariat, note)
                 VALUES (?1, ?2, ?3, ?4, ?5)",
                params![d.name, d.fiscal_year, d.organizer, d.secretariat, d.note],
            )?;
            Ok(tx.last_insert_rowid())
        })?;
        self.program(id)
    }

    pub fn update_program(&mut self, id: i64, input: &ProgramInput) -> Result<Program> {
        let d = input.validate()?;
        self.write(|tx| {
            let other = tx
                .query_row(
                    "SELECT 1 FROM programs WHERE name = ?1 AND id <> ?2",
                    params![d.name, id],
                    |_| Ok(()),
                )
                .optional()?
                .is_some();
            if other {
                return Err(Error::Validation(vec![FieldError::new(
                    "name",
                    format!("「{}」は既にあります", d.name),
                )]));
            }
            let n = tx.execute(
                "UPDATE programs SET name = ?2, fiscal_year = ?3, organizer = ?4, secretariat = ?5,
                    note = ?6, updated_at = ?7 WHERE id = ?1",
                params![
                    id,
                    d.name,
                    d.fiscal_year,
                    d.organizer,
                    d.secretariat,
                    d.note,
                    now()
                ],
            )?;
            if n == 0 {
                return Err(Error::not_found("事業全体", id));
            }
            Ok(())
        })?;
        self.program(id)
    }

    /// The program's people, 伴走支援班 first.
    pub fn program_people(&self, program_id: i64) -> Result<Vec<Person>> {
        self.program(program_id)?;
        people(self.conn(), "program_id = ?1", program_id)
    }

    pub fn add_person(&mut self, program_id: i64, input: &PersonInput) -> Result<Person> {
        let (name, role, affiliation, email) = input.validate()?;
        self.program(program_id)?;
        let id = self.write(|tx| {
            tx.execute(
                "INSERT INTO program_people (program_id, name, role, affiliation, email, created_at)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
                params![program_id, name, role, affiliation, email, now()],
            )?;
            Ok(tx.last_insert_rowid())
        })?;
        person_of(self.conn(), id)
    }

    /// Edits a person; every team they are assigned to shows the new name.
    pub fn update_person(&mut self, id: i64, input: &PersonInput) -> Result<Person> {
        let (name, role, affiliation, email) = input.validate()?;
        self.write(|tx| {
            let old = person_of(tx, id)?;
            if !old.assignments.is_empty() && role.team_role().is_none() {
                return Err(Error::Validation(vec![FieldError::new(
                    "role",
                    format!(
                        "{}はチームに割り当てられています（{}）。{}はチームに割り当てられない役割です。先に割り当てを外してください",
                        old.name,
                        old.assignments.iter().map(|a| a.society.as_str()).collect::<Vec<_>>().join("・"),
                        role
                    ),
                )]));
            }
            tx.execute(
                "UPDATE program_people SET name = ?2, role = ?3, affiliation = ?4, email = ?5,
                    updated_at = ?6 WHERE id = ?1",
                params![id, name, role, affiliation, email, now()],
            )?;
            if let Some(team_role) = role.team_role() {
                tx.execute(
                    "UPDATE members SET name = ?2, role = ?3, affiliation = ?4, email = ?5, updated_at = ?6
                     WHERE person_id = ?1",
                    params![id, name, team_role, affiliation, email, now()],
                )?;
            }
            Ok(())
        })?;
        person_of(self.conn(), id)
    }

    /// Assigns a person to a team of the program: their member row there
    /// (made, or back from 退任).
    pub fn assign_person(&mut self, person_id: i64, project_id: i64) -> Result<Person> {
        let person = person_of(self.conn(), person_id)?;
        let project = self.project(project_id)?;
        let refuse = |m: String| Err(Error::Validation(vec![FieldError::new("project", m)]));
        if project.program_id != Some(person.program_id) {
            return refuse(format!(
                "「{}」はこの事業全体のチームではありません",
                project.name
            ));
        }
        let Some(role) = person.role.team_role() else {
            return refuse(format!(
                "{}（{}）はチームに割り当てられない役割です",
                person.name, person.role
            ));
        };
        match person
            .assignments
            .iter()
            .find(|a| a.project_id == project_id)
        {
            Some(a) if a.retired => {
                self.reinstate_member(a.member_id)?;
            }
            Some(_) => {}
            None => {
                let d = MemberInput {
                    name: person.name.clone(),
                    role: role.label().into(),
                    affiliation: person.affiliation.clone(),
                    email: person.email.clone(),
                }
                .validate()?;
                self.write(|tx| {
                    let id = member::insert(tx, project_id, &d)?;
                    tx.execute(
                        "UPDATE members SET person_id = ?2 WHERE id = ?1",
                        params![id, person_id],
                    )?;
                    Ok(())
                })?;
            }
        }
        person_of(self.conn(), person_id)
    }

    /// Takes a person off a team: as removing a member does (退任 when they
    /// have records there, so nothing they wrote loses its name).
    pub fn unassign_person(&mut self, person_id: i64, project_id: i64) -> Result<Person> {
        let person = person_of(self.conn(), person_id)?;
        if let Some(a) = person
            .assignments
            .iter()
            .find(|a| a.project_id == project_id)
        {
            self.remove_member(a.member_id)?;
        }
        person_of(self.conn(), person_id)
    }

    /// Per person: the teams they follow, the meetings they attended (team and
    /// program meetings) and the evaluations they wrote — in the teams in use
    /// (an archived team's are left out, as its row is).
    pub fn supporter_work(&self, program_id: i64) -> Result<Vec<SupporterWork>> {
        let list = self.program_people(program_id)?;
        let mut attended = self.conn().prepare_cached(
            "SELECT (SELECT count(DISTINCT p.meeting_id) FROM meeting_participants p
                      JOIN members m ON m.id = p.member_id
                      JOIN projects t ON t.id = m.project_id AND t.archived_at IS NULL
                      WHERE m.person_id = ?1)
                  + (SELECT count(*) FROM meeting_people WHERE person_id = ?1) AS n",
        )?;
        let mut written = self.conn().prepare_cached(
            "SELECT count(*) AS n FROM evaluations e JOIN members m ON m.id = e.evaluator_id
             JOIN projects t ON t.id = m.project_id AND t.archived_at IS NULL
             WHERE m.person_id = ?1",
        )?;
        let mut out = Vec::new();
        for p in list {
            out.push(SupporterWork {
                person_id: p.id,
                teams: p
                    .assignments
                    .iter()
                    .filter(|a| !a.retired)
                    .map(|a| a.society.clone())
                    .collect(),
                meetings_attended: attended.query_row([p.id], |r| r.get("n"))?,
                evaluations_written: written.query_row([p.id], |r| r.get("n"))?,
                name: p.name,
                role: p.role,
            });
        }
        Ok(out)
    }

    /// One of the program's people.
    pub fn person(&self, id: i64) -> Result<Person> {
        person_of(self.conn(), id)
    }
}
