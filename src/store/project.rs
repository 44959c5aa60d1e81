use super::{now, Store};
use crate::error::{Error, Result};
use crate::model::{Project, ProjectDraft, ProjectInput};
use rusqlite::{params, Connection, OptionalExtension, Row, Transaction};

const SELECT: &str = "SELECT p.id, p.name, g.name, p.prefecture, p.profession, p.theme, p.target,
        p.start_date, p.end_date, p.goal,
        (SELECT m.name FROM members m WHERE m.project_id = p.id AND m.role = 'リーダー'
         ORDER BY m.id LIMIT 1),
        p.phase
     FROM projects p LEFT JOIN programs g ON g.id = p.program_id";

fn from_row(r: &Row) -> rusqlite::Result<Project> {
    let draft = ProjectDraft {
        name: r.get(1)?,
        program: r.get(2)?,
        prefecture: r.get(3)?,
        profession: r.get(4)?,
        theme: r.get(5)?,
        target: r.get(6)?,
        start_date: r.get(7)?,
        end_date: r.get(8)?,
        goal: r.get(9)?,
    };
    Ok(Project::from_draft(
        r.get(0)?,
        draft,
        r.get(10)?,
        r.get(11)?,
    ))
}

fn program_id(tx: &Transaction, name: Option<&str>) -> Result<Option<i64>> {
    let Some(name) = name else { return Ok(None) };
    tx.execute("INSERT OR IGNORE INTO programs (name) VALUES (?1)", [name])?;
    Ok(Some(tx.query_row(
        "SELECT id FROM programs WHERE name = ?1",
        [name],
        |r| r.get(0),
    )?))
}

pub(crate) fn get(conn: &Connection, id: i64) -> Result<Project> {
    conn.query_row(&format!("{SELECT} WHERE p.id = ?1"), [id], from_row)
        .optional()?
        .ok_or_else(|| Error::not_found("事業", id))
}

pub(crate) fn insert(tx: &Transaction, d: &ProjectDraft) -> Result<i64> {
    let program = program_id(tx, d.program.as_deref())?;
    tx.execute(
        "INSERT INTO projects (name, program_id, prefecture, profession, theme, target,
            start_date, end_date, goal, created_at, updated_at)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?10)",
        params![
            d.name,
            program,
            d.prefecture,
            d.profession,
            d.theme,
            d.target,
            d.start_date,
            d.end_date,
            d.goal,
            now()
        ],
    )?;
    let id = tx.last_insert_rowid();
    super::add_template_items(tx)?;
    Ok(id)
}

impl Store {
    /// All projects, newest period first, then by name.
    pub fn projects(&self) -> Result<Vec<Project>> {
        let mut st = self.conn().prepare(&format!(
            "{SELECT} ORDER BY p.start_date DESC, p.name, p.id"
        ))?;
        let rows = st.query_map([], from_row)?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }

    pub fn project(&self, id: i64) -> Result<Project> {
        get(self.conn(), id)
    }

    pub fn create_project(&mut self, input: &ProjectInput) -> Result<Project> {
        let d = input.validate()?;
        let id = self.write(|tx| insert(tx, &d))?;
        self.project(id)
    }

    pub fn update_project(&mut self, id: i64, input: &ProjectInput) -> Result<Project> {
        let d = input.validate()?;
        self.write(|tx| {
            let program = program_id(tx, d.program.as_deref())?;
            let n = tx.execute(
                "UPDATE projects SET name = ?2, program_id = ?3, prefecture = ?4, profession = ?5,
                    theme = ?6, target = ?7, start_date = ?8, end_date = ?9, goal = ?10,
                    updated_at = ?11
                 WHERE id = ?1",
                params![
                    id,
                    d.name,
                    program,
                    d.prefecture,
                    d.profession,
                    d.theme,
                    d.target,
                    d.start_date,
                    d.end_date,
                    d.goal,
                    now()
                ],
            )?;
            if n == 0 {
                get(tx, id)?;
            }
            Ok(())
        })?;
        self.project(id)
    }

    /// Sets the current phase of 図7 (1–5), or clears it.
    pub fn set_phase(&mut self, id: i64, phase: Option<u8>) -> Result<Project> {
        if let Some(n) = phase {
            if crate::model::phase::phase(n).is_none() {
                return Err(Error::Validation(vec![crate::FieldError::new(
                    "phase",
                    format!("フェーズは1〜5から選んでください（{n}は選べません）"),
                )]));
            }
        }
        self.write(|tx| {
            get(tx, id)?;
            tx.execute(
                "UPDATE projects SET phase = ?2, updated_at = ?3 WHERE id = ?1",
                params![id, phase, now()],
            )?;
            Ok(())
        })?;
        self.project(id)
    }

    /// Deletes the project and, through foreign keys, everything that belongs to it.
    pub fn delete_project(&mut self, id: i64) -> Result<()> {
        self.write(|tx| {
            get(tx, id)?;
            tx.execute("DELETE FROM projects WHERE id = ?1", [id])?;
            Ok(())
        })
    }

    /// What a CLI user types for PROJECT: a numeric id, or a part of the 事業名
    /// or 士会名 that matches exactly one project (e.g. 「山口」).
    pub fn resolve_project(&self, query: &str) -> Result<Project> {
        let q = query.trim();
        if let Ok(id) = q.parse::<i64>() {
            return self.project(id);
        }
        let matches: Vec<Project> = self
            .projects()?
            .into_iter()
            .filter(|p| !q.is_empty() && (p.name.contains(q) || p.society.contains(q)))
            .collect();
        match matches.len() {
            1 => Ok(matches.into_iter().next().expect("one match")),
            0 => Err(Error::NotFound {
                what: "事業",
                key: format!("「{q}」"),
            }),
            _ => Err(Error::Ambiguous {
                query: q.to_owned(),
                candidates: matches
                    .iter()
                    .map(|p| format!("{}（ID {}）", p.name, p.id))
                    .collect(),
            }),
        }
    }
}
