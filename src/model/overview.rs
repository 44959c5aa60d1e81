//! 概要: what the project overview answers at a glance — where are we?

use super::meeting::Meeting;
use super::task::Task;
use super::{Completion, Project, Relation, StakeholderKind};
use chrono::NaiveDate;
use serde::Serialize;
use ts_rs::TS;

#[derive(Debug, Clone, PartialEq, Serialize, TS)]
#[ts(export)]
pub struct OverdueItem {
    #[ts(type = "number")]
    pub id: i64,
    pub label: String,
    pub due_date: NaiveDate,
    /// 令和6年7月16日.
    pub due_label: String,
}

#[derive(Debug, Clone, PartialEq, Serialize, TS)]
#[ts(export)]
pub struct StakeholderSummary {
    #[ts(type = "number")]
    pub id: i64,
    pub name: String,
    pub kind: StakeholderKind,
    pub state: Relation,
    pub last_contact: Option<NaiveDate>,
    pub last_contact_label: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Serialize, TS)]
#[ts(export)]
pub struct Overview {
    pub project: Project,
    /// 内向き then 外向き.
    pub completion: Vec<Completion>,
    pub overdue: Vec<OverdueItem>,
    pub stakeholders: Vec<StakeholderSummary>,
    /// Open tasks by 期限: the overdue ones first, then the next few.
    pub next_tasks: Vec<Task>,
    #[ts(type = "number")]
    pub overdue_task_count: i64,
    /// Every open task, shown or not.
    #[ts(type = "number")]
    pub open_task_count: i64,
    pub last_meeting: Option<Meeting>,
    pub next_meeting: Option<Meeting>,
    /// 課題・今後の検討事項 not yet settled (未対応・検討中), in the order raised.
    pub open_issues: Vec<super::issue::Issue>,
}
