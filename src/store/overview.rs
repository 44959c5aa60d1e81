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
            .map(|i| OverdueItem {
                id: i.id,
                label: format!("{}{}：{}", i.side, i.number, i.text),
                due_date: i.due_date.expect("overdue items have a due date"),
            })
            .collect();
        let stakeholders = self
            .stakeholders(project_id)?
            .into_iter()
            .map(|s| StakeholderSummary {
                last_contact: s.log.first().map(|l| l.contacted_on),
                id: s.id,
                name: s.name,
                kind: s.kind,
                state: s.state,
            })
            .collect();
        Ok(Overview {
            project,
            completion: checklist.completion,
            overdue,
            stakeholders,
        })
    }
}
