//! タスク, the multi-year plan's steps and 課題 as they travel.

use super::{By, Field, Ids, Kind, Problems};
use crate::error::Result;
use rusqlite::{params, Transaction};
use serde::{Deserialize, Serialize};

const PROJECT: Field = Field::Ref {
    field: "project",
    column: "project_id",
    table: "projects",
};
const MEETING: Field = Field::Ref {
    field: "meeting",
    column: "meeting_id",
    table: "meetings",
};

#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct TaskData {
    pub project: String,
    pub title: String,
    pub owner: Option<String>,
    pub due_date: Option<String>,
    pub status: String,
    pub phase: Option<i32>,
    pub meeting: Option<String>,
    pub milestone: bool,
    pub note: String,
}

pub struct Tasks;

impl Kind for Tasks {
    type Data = TaskData;
    const TABLE: &'static str = "tasks";
    const KIND: &'static str = "task";
    const LABEL: &'static str = "タスク";
    const FIELDS: &'static [Field] = &[
        PROJECT,
        MEETING,
        Field::Ref {
            field: "owner",
            column: "owner_id",
            table: "members",
        },
        Field::Bool("milestone"),
    ];

    fn name(d: &TaskData) -> String {
        d.title.clone()
    }
    const BY: By = By::Project;
    fn check(d: &TaskData, what: &str, p: &mut Problems) {
        p.check(
            what,
            crate::model::task::TaskInput {
                title: d.title.clone(),
                owner_id: None,
                due_date: d.due_date.clone().unwrap_or_default(),
                status: d.status.clone(),
                phase: d.phase,
                meeting_id: None,
                milestone: d.milestone,
                note: d.note.clone(),
            }
            .validate(),
        );
        p.dates(what, &[("期限", d.due_date.as_deref())]);
    }
}

#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct PlanStepData {
    pub project: String,
    pub fiscal_year: i32,
    pub title: String,
    pub note: String,
}

pub struct PlanSteps;

impl Kind for PlanSteps {
    type Data = PlanStepData;
    const TABLE: &'static str = "plan_steps";
    const KIND: &'static str = "plan_step";
    const LABEL: &'static str = "中長期計画";
    const CREATED: Option<&'static str> = None;
    const FIELDS: &'static [Field] = &[PROJECT];

    fn name(d: &PlanStepData) -> String {
        format!("{}年度 {}", d.fiscal_year, d.title)
    }
    const BY: By = By::Project;
    fn check(d: &PlanStepData, what: &str, p: &mut Problems) {
        p.check(
            what,
            crate::model::task::PlanStepInput {
                fiscal_year: d.fiscal_year,
                title: d.title.clone(),
                note: d.note.clone(),
            }
            .validate(),
        );
    }
    /// One step per 年度: a step of the same year made here gives way to the file's.
    fn before_write(tx: &Transaction, d: &PlanStepData, uuid: &str, ids: &Ids) -> Result<()> {
        let project = ids.id(tx, "projects", &d.project)?;
        super::run(
            tx,
            "DELETE FROM plan_steps WHERE project_id = ?1 AND fiscal_year = ?2 AND uuid <> ?3",
            params![project, d.fiscal_year, uuid],
        )?;
        Ok(())
    }
}

#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct IssueData {
    pub project: String,
    pub meeting: Option<String>,
    pub kind: String,
    pub title: String,
    pub detail: String,
    pub status: String,
    pub response: String,
    pub raised_on: String,
    pub settled_on: Option<String>,
    pub position: i64,
}

pub struct Issues;

impl Kind for Issues {
    type Data = IssueData;
    const TABLE: &'static str = "issues";
    const KIND: &'static str = "issue";
    const LABEL: &'static str = "課題";
    const FIELDS: &'static [Field] = &[PROJECT, MEETING];

    fn name(d: &IssueData) -> String {
        format!("{}：{}", d.title, d.status)
    }
    const BY: By = By::Project;
    fn check(d: &IssueData, what: &str, p: &mut Problems) {
        p.check(
            what,
            crate::model::issue::IssueInput {
                kind: d.kind.clone(),
                title: d.title.clone(),
                detail: d.detail.clone(),
                status: d.status.clone(),
                response: d.response.clone(),
                raised_on: d.raised_on.clone(),
                settled_on: d.settled_on.clone().unwrap_or_default(),
                meeting_id: None,
            }
            .validate(),
        );
        p.dates(
            what,
            &[
                ("挙がった日", Some(&d.raised_on)),
                ("対応した日", d.settled_on.as_deref()),
            ],
        );
    }
}
