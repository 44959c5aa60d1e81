use super::{now, Store};
use crate::error::{Error, Result};
use crate::model::project::ProjectDeletion;
use crate::model::{Project, ProjectInput, ValidProject};
use crate::FieldError;
use rusqlite::{params, Connection, OptionalExtension, Row, Transaction};

const SELECT: &str =
    "SELECT p.id, p.name, g.name AS program, p.prefecture, p.profession, p.theme, p.target,
        p.start_date, p.end_date, p.goal,
        (SELECT m.name FROM members m WHERE m.project_id = p.id AND m.role = 'リーダー'
           AND m.retired_at IS NULL ORDER BY m.id LIMIT 1) AS leader,
        p.phase, p.archived_at IS NOT NULL AS archived, p.program_id, p.origin
     FROM projects p LEFT JOIN programs g ON g.id = p.program_id";

fn from_row(r: &Row) -> rusqlite::Result<Project> {
    let draft = ValidProject {
        name: r.get("name")?,
        program: r.get("program")?,
        prefecture: r.get("prefecture")?,
        profession: r.get("profession")?,
        theme: r.get("theme")?,
        target: r.get("target")?,
        start_date: r.get("start_date")?,
        end_date: r.get("end_date")?,
        goal: r.get("goal")?,
    };
    let mut p = Project::from_draft(
        r.get("id")?,
        draft,
        r.get("leader")?,
        r.get("phase")?,
        r.get("archived")?,
    );
    p.program_id = r.get("program_id")?;
    p.origin = r.get("origin")?;
    Ok(p)
}

/// The program named on the project's form, made when new (its 年度 from the
/// project's start).
fn program_id(tx: &Transaction, d: &ValidProject) -> Result<Option<i64>> {
    let Some(name) = d.program.as_deref() else {
        return Ok(None);
    };
    tx.execute(
        "INSERT OR IGNORE INTO programs (name, fiscal_year) VALUES (?1, ?2)",
        params![name, crate::wareki::fiscal_year(d.start_date)],
    )?;
    Ok(Some(tx.query_row(
        "SELECT id FROM programs WHERE name = ?1",
        [name],
        |r| r.get("id"),
    )?))
}

/// `SELECT id` of the meetings (or resources) that belong to project `id` alone.
fn own(what: &str, id: i64) -> String {
    let table = format!("{what}_projects");
    let column = format!("{what}_id");
    format!(
        "SELECT {column} AS id FROM {table} WHERE project_id = {id}
           AND {column} NOT IN (SELECT {column} FROM {table} WHERE project_id <> {id})"
    )
}

fn count(conn: &Connection, sql: &str) -> Result<u32> {
    Ok(conn.query_row(sql, [], |r| r.get("n"))?)
}

fn deletion(conn: &Connection, id: i64) -> Result<ProjectDeletion> {
    let own_meetings = own("meeting", id);
    let mut st = conn.prepare_cached(&format!(
        "SELECT m.title FROM meetings m JOIN meeting_projects mp ON mp.meeting_id = m.id
         WHERE mp.project_id = {id} AND m.id NOT IN ({own_meetings}) ORDER BY m.held_on, m.id"
    ))?;
    let kept_joint_meetings = st
        .query_map([], |r| r.get("title"))?
        .collect::<rusqlite::Result<_>>()?;
    let per_project = |table: &str| {
        count(
            conn,
            &format!("SELECT count(*) AS n FROM {table} WHERE project_id = {id}"),
        )
    };
    Ok(ProjectDeletion {
        meetings: count(conn, &format!("SELECT count(*) AS n FROM ({own_meetings})"))?,
        evaluations: count(
            conn,
            &format!(
                "SELECT count(*) AS n FROM evaluations WHERE meeting_id IN ({own_meetings})
                   OR evaluator_id IN (SELECT id FROM members WHERE project_id = {id})"
            ),
        )?,
        tasks: per_project("tasks")?,
        issues: per_project("issues")?,
        checklist_items: per_project("checklist_items")?,
        strength_sessions: per_project("strength_sessions")?,
        stakeholders: per_project("stakeholders")?,
        resources: count(
            conn,
            &format!("SELECT count(*) AS n FROM ({})", own("resource", id)),
        )?,
        members: per_project("members")?,
        kept_joint_meetings,
        summary: String::new(),
    }
    .with_summary())
}

pub(crate) fn get(conn: &Connection, id: i64) -> Result<Project> {
    // Cached: every read of a team's records checks its project first.
    conn.prepare_cached(&format!("{SELECT} WHERE p.id = ?1"))?
        .query_row([id], from_row)
        .optional()?
        .ok_or_else(|| Error::not_found("事業", id))
}

/// The columns the project's form fills, for INSERT and UPDATE alike.
fn form<'a>(
    d: &'a ValidProject,
    program: &'a Option<i64>,
    now: &'a dyn rusqlite::ToSql,
) -> Vec<(&'static str, &'a dyn rusqlite::ToSql)> {
    vec![
        ("name", &d.name),
        ("program_id", program),
        ("prefecture", &d.prefecture),
        ("profession", &d.profession),
        ("theme", &d.theme),
        ("target", &d.target),
        ("start_date", &d.start_date),
        ("end_date", &d.end_date),
        ("goal", &d.goal),
        ("updated_at", now),
    ]
}

pub(crate) fn insert(tx: &Transaction, d: &ValidProject) -> Result<i64> {
    let program = program_id(tx, d)?;
    let t = now();
    let mut values = form(d, &program, &t);
    values.push(("created_at", &t));
    let id = super::row::insert(tx, "projects", &values)?;
    super::add_template_items(tx)?;
    Ok(id)
}

impl Store {
    /// The projects in use (archived ones are left out), newest period first,
    /// then by name.
    pub fn projects(&self) -> Result<Vec<Project>> {
        self.list_projects("p.archived_at IS NULL")
    }

    /// Archived projects, restorable from 設定 or deleted for good there.
    pub fn archived_projects(&self) -> Result<Vec<Project>> {
        self.list_projects("p.archived_at IS NOT NULL")
    }

    fn list_projects(&self, where_sql: &str) -> Result<Vec<Project>> {
        let mut st = self.conn().prepare_cached(&format!(
            "{SELECT} WHERE {where_sql} ORDER BY p.start_date DESC, p.name, p.id"
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
            let program = program_id(tx, &d)?;
            let t = now();
            let n = super::row::update(tx, "projects", id, &form(&d, &program, &t))?;
            if n == 0 {
                get(tx, id)?;
            }
            Ok(())
        })?;
        self.project(id)
    }

    /// Sets the current phase of 図7 (1–5), or clears it.
    pub fn set_phase(&mut self, id: i64, phase: Option<i32>) -> Result<Project> {
        let phase = match phase {
            None => None,
            Some(n) => Some(crate::model::phase::number(n).ok_or_else(|| {
                Error::Validation(vec![FieldError::new(
                    "phase",
                    format!("フェーズは1〜5から選んでください（{n}は選べません）"),
                )])
            })?),
        };
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

    /// 「削除」 in the window: the project leaves every list and 全体 view but
    /// keeps every record, restorable from 設定 → アーカイブ.
    pub fn archive_project(&mut self, id: i64) -> Result<Project> {
        self.write(|tx| {
            get(tx, id)?;
            tx.execute(
                // Archiving is this computer's choice: it does not change the
                // record that travels to other PCs (no new version).
                "UPDATE projects SET archived_at = ?2 WHERE id = ?1",
                params![id, now()],
            )?;
            Ok(())
        })?;
        self.project(id)
    }

    /// Brings an archived project back into the lists.
    pub fn unarchive_project(&mut self, id: i64) -> Result<Project> {
        self.write(|tx| {
            get(tx, id)?;
            tx.execute(
                "UPDATE projects SET archived_at = NULL WHERE id = ?1",
                params![id],
            )?;
            Ok(())
        })?;
        self.project(id)
    }

    /// What deleting the project for good would remove.
    pub fn project_deletion(&self, id: i64) -> Result<ProjectDeletion> {
        get(self.conn(), id)?;
        deletion(self.conn(), id)
    }

    /// Deletes an archived project for good, with everything it owns: its own
    /// meetings and their evaluations, attendance, tasks, checklist, strengths,
    /// stakeholders, the resources only it had, and every link. A joint meeting
    /// stays with the other projects, minus this project's link and the
    /// evaluations its people wrote. A backup is made first; all of it is one
    /// transaction.
    pub fn delete_project(&mut self, id: i64) -> Result<ProjectDeletion> {
        let p = self.project(id)?;
        if !p.archived {
            return Err(Error::Validation(vec![FieldError::new(
                "project",
                format!(
                    "「{}」はアーカイブされていません。完全に削除できるのは、アーカイブした事業だけです",
                    p.name
                ),
            )]));
        }
        self.backup_now(super::backup::Reason::Delete)?;
        self.write(|tx| {
            let gone = deletion(tx, id)?;
            // Deleting an archived project for good is this PC's housekeeping:
            // the tombstones it leaves never travel (docs/EXCHANGE.md).
            tx.execute(
                "INSERT INTO local_deletion (since) VALUES (?1)",
                [super::now()],
            )?;
            tx.execute_batch(&format!(
                "CREATE TEMP TABLE doomed_meetings AS {OWN_MEETINGS};
                 DELETE FROM evaluations WHERE meeting_id IN (SELECT id FROM doomed_meetings)
                    OR evaluator_id IN (SELECT id FROM members WHERE project_id = {id});
                 DELETE FROM meetings WHERE id IN (SELECT id FROM doomed_meetings);
                 DROP TABLE doomed_meetings;
                 DELETE FROM resources WHERE id IN ({OWN_RESOURCES});
                 DELETE FROM projects WHERE id = {id};
                 DELETE FROM local_deletion;",
                OWN_MEETINGS = own("meeting", id),
                OWN_RESOURCES = own("resource", id),
            ))?;
            Ok(gone)
        })
    }

    /// What a CLI user types for PROJECT: a numeric id, or a part of the 事業名
    /// or 士会名 that matches exactly one project (e.g. 「山口」). Projects in
    /// use are matched first; archived ones only when no project in use matches.
    pub fn resolve_project(&self, query: &str) -> Result<Project> {
        let q = query.trim();
        if let Ok(id) = q.parse::<i64>() {
            return self.project(id);
        }
        let matching = |list: Vec<Project>| -> Vec<Project> {
            list.into_iter()
                .filter(|p| !q.is_empty() && (p.name.contains(q) || p.society.contains(q)))
                .collect()
        };
        let mut matches = matching(self.projects()?);
        if matches.is_empty() {
            matches = matching(self.archived_projects()?);
        }
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
