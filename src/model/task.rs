//! タスク・マイルストーン and the 中長期計画 (multi-year plan).

use super::choice_enum;
use super::validate::Checker;
use crate::error::{Error, Result};
use chrono::NaiveDate;
use serde::{Deserialize, Serialize};
use ts_rs::TS;

choice_enum! {
    TaskStatus { NotStarted => "未着手", InProgress => "進行中", Done => "完了", OnHold => "保留" }
}

impl TaskStatus {
    pub fn is_open(self) -> bool {
        matches!(self, TaskStatus::NotStarted | TaskStatus::InProgress)
    }
}

#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct TaskInput {
    pub title: String,
    #[ts(type = "number | null")]
    pub owner_id: Option<i64>,
    pub due_date: String,
    pub status: String,
    /// 図7 phase 1–5, or null.
    pub phase: Option<i32>,
    /// The meeting whose decision this comes from, or null.
    #[ts(type = "number | null")]
    pub meeting_id: Option<i64>,
    pub milestone: bool,
    pub note: String,
}

#[derive(Debug, Clone, PartialEq)]
pub struct ValidTask {
    pub title: String,
    pub owner_id: Option<i64>,
    pub due_date: Option<NaiveDate>,
    pub status: TaskStatus,
    pub phase: Option<u8>,
    pub meeting_id: Option<i64>,
    pub milestone: bool,
    pub note: String,
}

impl TaskInput {
    pub fn validate(&self) -> Result<ValidTask> {
        let mut c = Checker::new();
        let title = c.text("title", "タスク名", &self.title, super::limits::TASK_TITLE);
        let due_date = c.optional_date("due_date", "期限", &self.due_date);
        if self.milestone && due_date.is_none() && self.due_date.trim().is_empty() {
            c.push("due_date", "マイルストーンには日付を入力してください");
        }
        let status = c.choice(
            "status",
            "状況",
            &self.status,
            TaskStatus::parse,
            &TaskStatus::labels(),
        );
        let phase = self.phase.and_then(|p| {
            let n = super::phase::number(p);
            if n.is_none() {
                c.push("phase", "フェーズは1〜5から選んでください");
            }
            n
        });
        let note = c.long_text("note", "メモ", &self.note, super::limits::NOTE);
        c.finish(|| ValidTask {
            title,
            owner_id: self.owner_id,
            due_date,
            status: status.expect("checked"),
            phase,
            meeting_id: self.meeting_id,
            milestone: self.milestone,
            note,
        })
        .map_err(Error::Validation)
    }
}

#[derive(Debug, Clone, PartialEq, Serialize, TS)]
#[ts(export)]
pub struct Task {
    #[ts(type = "number")]
    pub id: i64,
    /// The team's task, or (project_id null) the program's.
    #[ts(type = "number | null")]
    pub project_id: Option<i64>,
    #[ts(type = "number | null")]
    pub program_id: Option<i64>,
    pub title: String,
    #[ts(type = "number | null")]
    pub owner_id: Option<i64>,
    pub owner_name: Option<String>,
    pub due_date: Option<NaiveDate>,
    /// 令和6年7月26日.
    pub due_label: Option<String>,
    pub status: TaskStatus,
    pub phase: Option<u8>,
    #[ts(type = "number | null")]
    pub meeting_id: Option<i64>,
    /// 「第2回チーム会議（令和6年7月16日）」 for a task from a meeting.
    pub meeting_title: Option<String>,
    pub milestone: bool,
    pub note: String,
    /// Past its 期限 while 未着手 or 進行中.
    pub overdue: bool,
}

#[derive(Debug, Clone, Default, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct PlanStepInput {
    pub fiscal_year: i32,
    pub title: String,
    pub note: String,
}

#[derive(Debug, Clone, PartialEq, Serialize, TS)]
#[ts(export)]
pub struct PlanStep {
    #[ts(type = "number")]
    pub id: i64,
    pub fiscal_year: i32,
    /// 令和7年度.
    pub fiscal_year_label: String,
    pub title: String,
    pub note: String,
}

impl PlanStepInput {
    pub fn validate(&self) -> Result<(i32, String, String)> {
        let mut c = Checker::new();
        c.fiscal_year("fiscal_year", self.fiscal_year);
        let title = c.text("title", "計画", &self.title, super::limits::PLAN_TITLE);
        let note = c.long_text("note", "メモ", &self.note, super::limits::SHORT_NOTE);
        c.finish(|| (self.fiscal_year, title, note))
            .map_err(Error::Validation)
    }
}

impl Task {
    /// The form's content for editing this task.
    pub fn to_input(&self) -> TaskInput {
        TaskInput {
            title: self.title.clone(),
            owner_id: self.owner_id,
            due_date: self.due_date.map(|d| d.to_string()).unwrap_or_default(),
            status: self.status.label().into(),
            phase: self.phase.map(i32::from),
            meeting_id: self.meeting_id,
            milestone: self.milestone,
            note: self.note.clone(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_milestone_needs_a_date_and_status_is_checked() {
        let t = TaskInput {
            title: "腰痛予防対策研修会".into(),
            status: "終わった".into(),
            milestone: true,
            phase: Some(7),
            ..Default::default()
        };
        let e = t.validate().unwrap_err();
        let f: Vec<&str> = e.fields().iter().map(|f| f.field.as_str()).collect();
        assert_eq!(f, ["due_date", "status", "phase"]);
    }
}
