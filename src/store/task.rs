use super::{now, project, Store};
use crate::error::{Error, FieldError, Result};
use crate::model::task::{PlanStep, PlanStepInput, Task, TaskInput, ValidTask};
use crate::wareki;
use chrono::NaiveDate;
use rusqlite::{params, Connection, OptionalExtension, Transaction};

/// Whose task: a team's (members own it) or the program's (its people do).
#[derive(Debug, Clone, Copy, PartialEq)]
enum Owner {
    Project(i64),
    Program(i64),
}

fn check_refs(tx: &Transaction, owner: Owner, d: &ValidTask) -> Result<()> {
    let mut errors = Vec::new();
    let exists = |sql: &str, a: i64, b: i64| -> Result<bool> {
        Ok(tx
            .query_row(sql, params![a, b], |_| Ok(()))
            .optional()?
            .is_some())
    };
    if let Some(person) = d.owner_id {
        let ok = match owner {
            Owner::Project(p) => exists(
                "SELECT 1 FROM members WHERE id = ?1 AND project_id = ?2",
                person,
                p,
            )?,
            Owner::Program(g) => exists(
                "SELECT 1 FROM program_people WHERE id = ?1 AND program_id = ?2",
                person,
                g,
            )?,
        };
        if !ok {
            errors.push(FieldError::new(
                "owner_id",
                format!("担当者（ID {person}）はこの事業のメンバーにいません"),
            ));
        }
    }
    if let Some(m) = d.meeting_id {
        let ok = match owner {
            Owner::Project(p) => exists(
                "SELECT 1 FROM meeting_projects WHERE meeting_id = ?1 AND project_id = ?2",
                m,
                p,
            )?,
            Owner::Program(g) => exists(
                "SELECT 1 FROM meetings WHERE id = ?1 AND program_id = ?2",
                m,
                g,
            )?,
        };
        if !ok {
            errors.push(FieldError::new(
                "meeting_id",
                format!("会議（ID {m}）はこの事業の会議にありません"),
            ));
        }
    }
    if errors.is_empty() {
        Ok(())
    } else {
        Err(Error::Validation(errors))
    }
}

/// The columns the task's form fills, for INSERT and UPDATE alike (its owner
/// is a team member or one of the program's people, by whose task it is).
fn form<'a>(
    d: &'a ValidTask,
    member: &'a Option<i64>,
    person: &'a Option<i64>,
    now: &'a dyn rusqlite::ToSql,
) -> Vec<(&'static str, &'a dyn rusqlite::ToSql)> {
    vec![
        ("title", &d.title),
        ("owner_id", member),
        ("owner_person_id", person),
        ("due_date", &d.due_date),
        ("status", &d.status),
        ("phase", &d.phase),
        ("meeting_id", &d.meeting_id),
        ("milestone", &d.milestone),
        ("note", &d.note),
        ("updated_at", now),
    ]
}

fn insert_owned(tx: &Transaction, owner: Owner, d: &ValidTask) -> Result<i64> {
    check_refs(tx, owner, d)?;
    let (project, program, member, person) = match owner {
        Owner::Project(p) => (Some(p), None, d.owner_id, None),
        Owner::Program(g) => (None, Some(g), None, d.owner_id),
    };
    let t = now();
    let mut values = form(d, &member, &person, &t);
    values.extend([
        ("project_id", &project as &dyn rusqlite::ToSql),
        ("program_id", &program),
        ("created_at", &t),
    ]);
    super::row::insert(tx, "tasks", &values)
}

pub(crate) fn insert(tx: &Transaction, project_id: i64, d: &ValidTask) -> Result<i64> {
    insert_owned(tx, Owner::Project(project_id), d)
}

pub(crate) fn insert_program_task(tx: &Transaction, program_id: i64, d: &ValidTask) -> Result<i64> {
    insert_owned(tx, Owner::Program(program_id), d)
}

fn load(conn: &Connection, where_sql: &str, key: i64, today: NaiveDate) -> Result<Vec<Task>> {
    let mut st = conn.prepare_cached(&format!(
        "SELECT t.id, t.project_id, t.title, COALESCE(t.owner_id, t.owner_person_id) AS owner_id,
                COALESCE(m.name, pp.name) AS owner_name, t.due_date, t.status, t.phase,
                t.meeting_id, g.title AS meeting_title, g.held_on, t.milestone, t.note, t.program_id
         FROM tasks t LEFT JOIN members m ON m.id = t.owner_id
         LEFT JOIN program_people pp ON pp.id = t.owner_person_id
         LEFT JOIN meetings g ON g.id = t.meeting_id
         WHERE {where_sql}
         ORDER BY t.due_date IS NULL, t.due_date, t.id"
    ))?;
    let rows = st.query_map([key], |r| {
        let due: Option<NaiveDate> = r.get("due_date")?;
        let status: crate::model::task::TaskStatus = r.get("status")?;
        let meeting_title: Option<String> = r.get("meeting_title")?;
        let meeting_on: Option<NaiveDate> = r.get("held_on")?;
        Ok(Task {
            id: r.get("id")?,
            project_id: r.get("project_id")?,
            program_id: r.get("program_id")?,
            title: r.get("title")?,
            owner_id: r.get("owner_id")?,
            owner_name: r.get("owner_name")?,
            due_date: due,
            due_label: due.map(wareki::date_wareki),
            status,
            phase: r.get("phase")?,
            meeting_id: r.get("meeting_id")?,
            meeting_title: meeting_title
                .zip(meeting_on)
                .map(|(t, on)| format!("{t}（{}）", wareki::date_wareki(on))),
            milestone: r.get("milestone")?,
            note: r.get("note")?,
            overdue: status.is_open() && due.is_some_and(|d| d < today),
        })
    })?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

fn task_owner(conn: &Connection, id: i64) -> Result<Owner> {
    let (project, program): (Option<i64>, Option<i64>) = conn
        .query_row(
            "SELECT project_id, program_id FROM tasks WHERE id = ?1",
            [id],
            |r| Ok((r.get("project_id")?, r.get("program_id")?)),
        )
        .optional()?
        .ok_or_else(|| Error::not_found("タスク", id))?;
    Ok(match (project, program) {
        (Some(p), _) => Owner::Project(p),
        (None, Some(g)) => Owner::Program(g),
        (None, None) => return Err(Error::not_found("タスク", id)),
    })
}

impl Store {
    /// A project's tasks and milestones, by 期限 (undated last).
    pub fn tasks(&self, project_id: i64, today: NaiveDate) -> Result<Vec<Task>> {
        project::get(self.conn(), project_id)?;
        load(self.conn(), "t.project_id = ?1", project_id, today)
    }

    /// The program's own tasks (from 事業協力者会議 and 班会議), by 期限.
    pub fn program_tasks(&self, program_id: i64, today: NaiveDate) -> Result<Vec<Task>> {
        self.program(program_id)?;
        load(self.conn(), "t.program_id = ?1", program_id, today)
    }

    pub fn task(&self, id: i64, today: NaiveDate) -> Result<Task> {
        load(self.conn(), "t.id = ?1", id, today)?
            .pop()
            .ok_or_else(|| Error::not_found("タスク", id))
    }

    pub fn create_task(
        &mut self,
        project_id: i64,
        input: &TaskInput,
        today: NaiveDate,
    ) -> Result<Task> {
        let d = input.validate()?;
        let id = self.write(|tx| {
            project::get(tx, project_id)?;
            insert(tx, project_id, &d)
        })?;
        self.task(id, today)
    }

    /// A task of the program; `owner_id` names one of its people.
    pub fn create_program_task(
        &mut self,
        program_id: i64,
        input: &TaskInput,
        today: NaiveDate,
    ) -> Result<Task> {
        let d = input.validate()?;
        self.program(program_id)?;
        let id = self.write(|tx| insert_program_task(tx, program_id, &d))?;
        self.task(id, today)
    }

    pub fn update_task(&mut self, id: i64, input: &TaskInput, today: NaiveDate) -> Result<Task> {
        let d = input.validate()?;
        self.write(|tx| {
            let owner = task_owner(tx, id)?;
            check_refs(tx, owner, &d)?;
            let (member, person) = match owner {
                Owner::Project(_) => (d.owner_id, None),
                Owner::Program(_) => (None, d.owner_id),
            };
            let t = now();
            super::row::update(tx, "tasks", id, &form(&d, &member, &person, &t))?;
            Ok(())
        })?;
        self.task(id, today)
    }

    pub fn delete_task(&mut self, id: i64) -> Result<()> {
        self.write(|tx| {
            task_owner(tx, id)?;
            tx.execute("DELETE FROM tasks WHERE id = ?1", [id])?;
            Ok(())
        })
    }

    /// The multi-year plan, one step per 年度.
    pub fn plan(&self, project_id: i64) -> Result<Vec<PlanStep>> {
        project::get(self.conn(), project_id)?;
        let mut st = self.conn().prepare_cached(
            "SELECT id, fiscal_year, title, note FROM plan_steps WHERE project_id = ?1 ORDER BY fiscal_year",
        )?;
        let rows = st.query_map([project_id], |r| {
            let fy: i32 = r.get("fiscal_year")?;
            Ok(PlanStep {
                id: r.get("id")?,
                fiscal_year: fy,
                fiscal_year_label: wareki::fiscal_year_wareki(fy),
                title: r.get("title")?,
                note: r.get("note")?,
            })
        })?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }

    /// Sets the step of one 年度 (replacing what that year had).
    pub fn set_plan_step(&mut self, project_id: i64, input: &PlanStepInput) -> Result<()> {
        let (fy, title, note) = input.validate()?;
        self.write(|tx| {
            project::get(tx, project_id)?;
            tx.execute(
                "INSERT INTO plan_steps (project_id, fiscal_year, title, note, updated_at)
                 VALUES (?1, ?2, ?3, ?4, ?5)
                 ON CONFLICT(project_id, fiscal_year) DO UPDATE SET title = excluded.title,
                    note = excluded.note, updated_at = excluded.updated_at",
                params![project_id, fy, title, note, now()],
            )?;
            Ok(())
        })
    }

    pub fn delete_plan_step(&mut self, id: i64) -> Result<()> {
        self.write(|tx| {
            if tx.execute("DELETE FROM plan_steps WHERE id = ?1", [id])? == 0 {
                return Err(Error::not_found("計画", id));
            }
            Ok(())
        })
    }
}
