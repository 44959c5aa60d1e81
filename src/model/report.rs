//! What a progress report is made from: every record of one project that the
//! report shows, read in one go so the document can be drawn without the store.

use super::evaluation::Evaluation;
use super::meeting::Meeting;
use super::strength::StrengthRecords;
use super::task::{PlanStep, Task};
use super::{Checklist, Member, Project, Resource, Stakeholder};
use crate::wareki;
use chrono::NaiveDate;

#[derive(Debug, Clone)]
pub struct ReportSource {
    pub project: Project,
    /// The period the report covers (meetings and evaluations inside it).
    pub from: NaiveDate,
    pub to: NaiveDate,
    /// The day overdue items are judged against.
    pub today: NaiveDate,
    pub members: Vec<Member>,
    pub checklist: Checklist,
    pub strengths: StrengthRecords,
    pub stakeholders: Vec<Stakeholder>,
    pub meetings: Vec<Meeting>,
    pub evaluations: Vec<Evaluation>,
    pub tasks: Vec<Task>,
    pub issues: Vec<super::issue::Issue>,
    /// The evaluation comments of the period with their words, and how the
    /// テキスト分析 section counts them.
    pub comments: Vec<super::cooc::CommentDocument>,
    pub text_options: super::cooc::NetworkOptions,
    pub plan: Vec<PlanStep>,
    pub resources: Vec<Resource>,
}

/// The period a report covers by default: the current 年度 so far, or the
/// project's own period when it ended before this 年度 began.
pub fn default_period(
    start: NaiveDate,
    end: NaiveDate,
    today: NaiveDate,
) -> (NaiveDate, NaiveDate) {
    let fy_start = NaiveDate::from_ymd_opt(wareki::fiscal_year(today), 4, 1).expect("valid");
    if end < fy_start {
        (start, end)
    } else {
        (start.max(fy_start), end.min(today).max(start.max(fy_start)))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(s: &str) -> NaiveDate {
        s.parse().unwrap()
    }

    #[test]
    fn the_default_period_is_this_fiscal_year_so_far_or_a_finished_projects_own() {
        assert_eq!(
            default_period(d("2024-06-01"), d("2025-03-31"), d("2024-11-25")),
            (d("2024-06-01"), d("2024-11-25"))
        );
        assert_eq!(
            default_period(d("2023-04-01"), d("2026-03-31"), d("2024-11-25")),
            (d("2024-04-01"), d("2024-11-25"))
        );
        assert_eq!(
            default_period(d("2024-06-01"), d("2025-03-31"), d("2026-11-25")),
            (d("2024-06-01"), d("2025-03-31"))
        );
    }
}
