//! IPC commands: each adapts one library call. No domain logic lives here.
//! They are `async` so Tauri runs them off the window's main thread. One
//! module per area of the window; the shell registers them as `commands::name`.

use crate::error::CommandError;
use crate::state::{guarded, AppState};
use bansou::analysis::evaluation::{summarize_groups, EvaluationSummary};
use bansou::analysis::guide::Preparation;
use bansou::analysis::survey::SurveyResults;
use bansou::catalog::Catalog;
use bansou::chart::timeline::{plan_scene, timeline_scene};
use bansou::demo::{self, DemoOutcome};
use bansou::files::target::{self, ExportKind};
use bansou::model::evaluation::EvaluationFilter;
use bansou::model::evaluation::{
    EvalItem, Evaluation, EvaluationInput, EvaluatorKind, MeetingGroup,
};
use bansou::model::guide::{
    DismissInput, Practice, PracticeInput, PracticeUsage, Reflection, ReflectionInput, Rule,
    RuleInput, Suggestion,
};
use bansou::model::issue::{Issue, IssueInput};
use bansou::model::meeting::{Meeting, MeetingFilter, MeetingInput};
use bansou::model::member::{MemberRecords, MemberRemoval};
use bansou::model::overview::Overview;
use bansou::model::program::{Person, PersonInput, Program, ProgramInput, SupporterWork, TeamRow};
use bansou::model::project::ProjectDeletion;
use bansou::model::strength::{RatingInput, SessionInput, StrengthItemInput, Strengths};
use bansou::model::survey::{QuestionInput, Response, ResponseInput, Survey, SurveyInput};
use bansou::model::task::{PlanStep, PlanStepInput, Task, TaskInput};
use bansou::model::{
    Checklist, ChecklistItem, ContactLogInput, ItemUpdateInput, Member, MemberInput, NewItemInput,
    Project, ProjectInput, Resource, ResourceInput, Stakeholder, StakeholderInput,
};
use bansou::report::progress::{render, ReportInput};
use bansou::store::backup::{BackupInfo, Reason};
use serde::Serialize;
use tauri::State;
use ts_rs::TS;

type CmdResult<T> = Result<T, CommandError>;

mod app;
mod bundle;
mod evaluation;
mod files;
mod guide;
mod meeting;
mod plan;
mod program;
mod project;
mod readiness;
mod report;
mod server;
mod strength;
mod survey;
mod text;

pub use app::*;
pub use bundle::*;
pub use evaluation::*;
pub use files::*;
pub use guide::*;
pub use meeting::*;
pub use plan::*;
pub use program::*;
pub use project::*;
pub use readiness::*;
pub use report::*;
pub use server::*;
pub use strength::*;
pub use survey::*;
pub use text::*;
