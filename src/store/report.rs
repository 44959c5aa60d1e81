use super::Store;
use crate::error::{Error, FieldError, Result};
use crate::model::evaluation::EvaluationFilter;
use crate::model::meeting::MeetingFilter;
use crate::model::report::{default_period, ReportSource};
use chrono::NaiveDate;

impl Store {
    /// Reads everything a progress report of the project shows. `from`/`to`
    /// default to [`default_period`]; `today` decides what is overdue.
    pub fn report_source(
        &self,
        project_id: i64,
        from: Option<NaiveDate>,
        to: Option<NaiveDate>,
        today: NaiveDate,
    ) -> Result<ReportSource> {
        let project = self.project(project_id)?;
        let (dfrom, dto) = default_period(project.start_date, project.end_date, today);
        let (from, to) = (from.unwrap_or(dfrom), to.unwrap_or(dto));
        if to < from {
            return Err(Error::Validation(vec![FieldError::new(
                "to",
                "報告の期間の終わりは、始まりと同じか後の日付にしてください",
            )]));
        }
        let (f, t) = (from.to_string(), to.to_string());
        Ok(ReportSource {
            members: self.members(project_id)?,
            checklist: self.checklist(project_id, today)?,
            strengths: self.strength_records(project_id)?,
            stakeholders: self.stakeholders(project_id)?,
            meetings: self.meetings(
                project_id,
                &MeetingFilter {
                    kind: String::new(),
                    from: f.clone(),
                    to: t.clone(),
                },
            )?,
            evaluations: self.evaluations(
                Some(project_id),
                &EvaluationFilter {
                    from: f,
                    to: t,
                    kind: String::new(),
                    // Every group: the report splits them as it draws.
                    meetings: "all".into(),
                    // A joint 進捗会議 as 図25 pools it: every member of both teams.
                    joint_raters: String::new(),
                },
            )?,
            tasks: self.tasks(project_id, today)?,
            issues: self.issues(project_id)?,
            comments: self.comment_documents(&crate::model::cooc::TextScope {
                project_id: Some(project_id),
                from: Some(from),
                to: Some(to),
                ..Default::default()
            })?,
            text_options: crate::model::cooc::NetworkOptions {
                min_freq: 2,
                top: 60,
                classes: self.word_classes()?,
                stop_words: self.stop_words()?,
            },
            plan: self.plan(project_id)?,
            resources: self.resources(project_id)?,
            project,
            from,
            to,
            today,
        })
    }
}
