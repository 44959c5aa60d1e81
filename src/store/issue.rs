use super::{now, project, Store};
use crate::error::{Error, FieldError, Result};
use crate::model::issue::{Issue, IssueInput, IssueKind, IssueStatus, ValidIssue};
use crate::wareki;
use chrono::NaiveDate;
use rusqlite::{params, Connection, OptionalExtension, Transaction};

/// The meeting's day when the issue came from one it belongs to; an error
/// naming the meeting otherwise.
fn meeting_day(tx: &Transaction, project_id: i64, meeting_id: i64) -> Result<NaiveDate> {
    tx.query_row(
        "SELECT m.held_on FROM meetings m JOIN meeting_projects mp ON mp.meeting_id = m.id
         WHERE m.id = ?1 AND mp.project_id = ?2",
        params![meeting_id, project_id],
        |r| r.get("held_on"),
    )
    .optional()?
    .ok_or_else(|| {
        Error::Validation(vec![FieldError::new(
            "meeting_id",
            format!("会議（ID {meeting_id}）はこの事業の会議にありません"),
        )])
    })
}

/// Fills what the form may leave empty: the day raised (the meeting's, else
/// today) and, for a settled issue, the day settled (today).
fn dates(
    tx: &Transaction,
    project_id: i64,
    d: &ValidIssue,
    today: NaiveDate,
) -> Result<(NaiveDate, Option<NaiveDate>)> {
    let meeting_on = d
        .meeting_id
        .map(|m| meeting_day(tx, project_id, m))
        .transpose()?;
    let raised = d.raised_on.or(meeting_on).unwrap_or(today);
    let settled = match d.status {
        IssueStatus::Settled => Some(d.settled_on.unwrap_or(today.max(raised))),
        _ => None,
    };
    Ok((raised, settled))
}

pub(crate) fn insert(
    tx: &Transaction,
    project_id: i64,
    d: &ValidIssue,
    today: NaiveDate,
) -> Result<i64> {
    let (raised, settled) = dates(tx, project_id, d, today)?;
    let position: i64 = tx.query_row(
        "SELECT coalesce(max(position), 0) + 1 AS position FROM issues WHERE project_id = ?1",
        [project_id],
        |r| r.get("position"),
    )?;
    let t = now();
    tx.execute(
        "INSERT INTO issues (project_id, meeting_id, kind, title, detail, status, response,
            raised_on, settled_on, position, created_at, updated_at)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?11)",
        params![
            project_id,
            d.meeting_id,
            d.kind,
            d.title,
            d.detail,
            d.status,
            d.response,
            raised,
            settled,
            position,
            t
        ],
    )?;
    Ok(tx.last_insert_rowid())
}

fn load(conn: &Connection, where_sql: &str, key: i64) -> Result<Vec<Issue>> {
    let mut st = conn.prepare_cached(&format!(
        "SELECT i.id, i.project_id, i.kind, i.title, i.detail, i.status, i.response, i.raised_on,
                i.settled_on, i.meeting_id, m.title AS meeting_title, m.held_on,
                (SELECT count(*) FROM issues j WHERE j.project_id = i.project_id
                   AND (j.position < i.position OR (j.position = i.position AND j.id <= i.id))) AS number
         FROM issues i LEFT JOIN meetings m ON m.id = i.meeting_id
         WHERE {where_sql}
         ORDER BY i.project_id, i.position, i.id"
    ))?;
    let rows = st.query_map([key], |r| {
        let raised: NaiveDate = r.get("raised_on")?;
        let settled: Option<NaiveDate> = r.get("settled_on")?;
        let meeting_title: Option<String> = r.get("meeting_title")?;
        let meeting_on: Option<NaiveDate> = r.get("held_on")?;
        Ok(Issue {
            id: r.get("id")?,
            project_id: r.get("project_id")?,
            kind: r.get("kind")?,
            title: r.get("title")?,
            detail: r.get("detail")?,
            status: r.get("status")?,
            response: r.get("response")?,
            raised_on: raised,
            raised_on_label: wareki::date_wareki(raised),
            settled_on: settled,
            settled_on_label: settled.map(wareki::date_wareki),
            meeting_id: r.get("meeting_id")?,
            meeting_title: meeting_title
                .zip(meeting_on)
                .map(|(t, on)| format!("{t}（{}）", wareki::date_wareki(on))),
            number: r.get("number")?,
            number_label: String::new(),
        })
    })?;
    let mut out: Vec<Issue> = rows.collect::<rusqlite::Result<_>>()?;
    for i in &mut out {
        i.number_label = crate::model::issue::circled(i.number);
    }
    Ok(out)
}

fn issue_project(conn: &Connection, id: i64) -> Result<i64> {
    conn.query_row("SELECT project_id FROM issues WHERE id = ?1", [id], |r| {
        r.get("project_id")
    })
    .optional()?
    .ok_or_else(|| Error::not_found("課題", id))
}

impl Store {
    /// A project's 課題・今後の検討事項, numbered ①… in the order they were raised.
    pub fn issues(&self, project_id: i64) -> Result<Vec<Issue>> {
        project::get(self.conn(), project_id)?;
        load(self.conn(), "i.project_id = ?1", project_id)
    }

    pub fn issue(&self, id: i64) -> Result<Issue> {
        load(self.conn(), "i.id = ?1", id)?
            .pop()
            .ok_or_else(|| Error::not_found("課題", id))
    }

    pub fn create_issue(
        &mut self,
        project_id: i64,
        input: &IssueInput,
        today: NaiveDate,
    ) -> Result<Issue> {
        let d = input.validate()?;
        let id = self.write(|tx| {
            project::get(tx, project_id)?;
            insert(tx, project_id, &d, today)
        })?;
        self.issue(id)
    }

    /// 「課題として登録」 on a meeting's record: one line of it becomes an open 課題
    /// of the project, dated and linked to the meeting.
    pub fn raise_issue(
        &mut self,
        project_id: i64,
        meeting_id: i64,
        text: &str,
        today: NaiveDate,
    ) -> Result<Issue> {
        self.create_issue(
            project_id,
            &IssueInput {
                kind: IssueKind::Problem.label().into(),
                title: text.trim().into(),
                status: IssueStatus::Open.label().into(),
                meeting_id: Some(meeting_id),
                ..Default::default()
            },
            today,
        )
    }

    pub fn update_issue(&mut self, id: i64, input: &IssueInput, today: NaiveDate) -> Result<Issue> {
        let d = input.validate()?;
        self.write(|tx| {
            let project_id = issue_project(tx, id)?;
            let (raised, settled) = dates(tx, project_id, &d, today)?;
            tx.execute(
                "UPDATE issues SET meeting_id = ?2, kind = ?3, title = ?4, detail = ?5, status = ?6,
                    response = ?7, raised_on = ?8, settled_on = ?9, updated_at = ?10 WHERE id = ?1",
                params![
                    id,
                    d.meeting_id,
                    d.kind,
                    d.title,
                    d.detail,
                    d.status,
                    d.response,
                    raised,
                    settled,
                    now()
                ],
            )?;
            Ok(())
        })?;
        self.issue(id)
    }

    pub fn delete_issue(&mut self, id: i64) -> Result<()> {
        self.write(|tx| {
            issue_project(tx, id)?;
            tx.execute("DELETE FROM issues WHERE id = ?1", [id])?;
            Ok(())
        })
    }
}
