use super::Store;
use crate::error::Result;
use crate::model::overview::{OverdueItem, Overview, StakeholderSummary};
use chrono::NaiveDate;

impl Store {
    pub fn overview(&self, project_id: i64, today: NaiveDate) -> Result<Overview> {
        let project = self.project(project_id)?;
        let checklist = self.checklist(project_id, today)?;
        let overdue = checklist
            .items
            .iter()
            .filter(|i| i.overdue)
            .map(|i| {
                let due_date = i.due_date.expect("overdue items have a due date");
                OverdueItem {
                    id: i.id,
                    label: format!("{}{}：{}", i.side, i.number, i.text),
                    due_date,
                    due_label: crate::wareki::date_wareki(due_date),
                }
            })
            .collect();
        let stakeholders = self
            .stakeholders(project_id)?
            .into_iter()
            .map(|s| StakeholderSummary {
                last_contact: s.log.first().map(|l| l.contacted_on),
                last_contact_label: s.log.first().map(|l| l.contacted_on_label.clone()),
                id: s.id,
                name: s.name,
                kind: s.kind,
                state: s.state,
            })
            .collect();
        let tasks = self.tasks(project_id, today)?;
        let overdue_task_count = tasks.iter().filter(|t| t.overdue).count() as i64;
        let open_task_count = tasks.iter().filter(|t| t.status.is_open()).count() as i64;
        let next_tasks = tasks
            .into_iter()
            .filter(|t| t.status.is_open())
            .take(overdue_task_count.max(0) as usize + 5)
            .collect();
        let (last_meeting, next_meeting) = self.last_and_next_meeting(project_id, today)?;
        let open_issues = self
            .issues(project_id)?
            .into_iter()
            .filter(|i| i.status.is_open())
            .collect();
        Ok(Overview {
            open_issues,
            project,
            completion: checklist.completion,
            overdue,
            stakeholders,
            next_tasks,
            overdue_task_count,
            open_task_count,
            last_meeting,
            next_meeting,
        })
    }
}
