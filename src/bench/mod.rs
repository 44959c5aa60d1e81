//! Benchmarks that print figures (not pass/fail tests), one module per
//! `bansou bench …`: report (and seed), crash, exchange, hostile, analysis,
//! program, survey, xlsx, sync (against a PostgreSQL server) and all.

mod all;
mod analysis;
mod crash;
mod exchange;
mod hostile;
mod program;
mod report;
mod survey;
mod sync;
mod xlsx;

pub use all::all;
pub use analysis::{analysis, generated_comments, AnalysisFigures};
pub use crash::{crash, crash_writer, CrashReport};
pub use exchange::exchange;
pub use hostile::{hostile, peak_memory_kb};
pub use program::program;
pub use report::{large_project, report};
pub use survey::survey;
pub use sync::sync;
pub use xlsx::xlsx;

use program::seed_program;

use crate::demo;
use crate::error::Result;
use crate::model::evaluation::EvaluationInput;
use crate::model::meeting::MeetingInput;
use crate::model::{MemberInput, ProjectInput};
use crate::report::progress::{render, ReportOptions};
use crate::store::{evaluation, meeting, member, project, Store};
use chrono::{Days, NaiveDate};
use std::time::{Duration, Instant};
