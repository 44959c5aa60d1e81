use super::{now, project, Store};
use crate::error::{Error, FieldError, Result};
use crate::model::checklist::{
    is_overdue, template, Checklist, ChecklistItem, ItemStatus, ItemUpdateInput, NewItemInput,
    StatusChange, TemplateItem,
};
use chrono::NaiveDate;
use rusqlite::{params, Connection, OptionalExtension, Transaction};
use std::collections::{HashMap, HashSet};

/// Adds every template item a project lacks, at the end of its side. Items a
/// project already has are left exactly as they are (status, text, history),
/// so a template update never disturbs recorded work.
pub(crate) fn add_template_items(tx: &Transaction, items: &[TemplateItem]) -> Result<usize> {
    let mut st = tx.prepare_cached(
        "INSERT INTO checklist_items (project_id, side, template_key, position, text, updated_at)
         SELECT p.id, ?1, ?2,
                COALESCE((SELECT max(c.position) FROM checklist_items c
                          WHERE c.project_id = p.id AND c.side = ?1), 0) + 1,
                ?3, ?4
         FROM projects p
         WHERE NOT EXISTS (SELECT 1 FROM checklist_items c
                           WHERE c.project_id = p.id AND c.template_key = ?2)",
    )?;
    let t = now();
    let mut added = 0;
    for item in items {
        added += st.execute(params![item.side, item.key, item.text, t])?;
    }
    Ok(added)
}

/// The settings key of the last 記録者, the default for the next change.
const RECORDER: &str = "recorder";

fn stakeholder_keys() -> HashSet<&'static str> {
    template()
        .iter()
        .filter(|i| i.links_stakeholders)
        .map(|i| i.key.as_str())
        .collect()
}

/// A project's links of one kind, by item: `sql` selects `item_id` and `linked`
/// for project ?1 in the order each item lists them. One query per project
/// rather than one per item (16 per team, read again for every dashboard row).
fn links(conn: &Connection, sql: &str, project_id: i64) -> Result<HashMap<i64, Vec<i64>>> {
    let mut st = conn.prepare_cached(sql)?;
    let mut out: HashMap<i64, Vec<i64>> = HashMap::new();
    for row in st.query_map([project_id], |r| {
        Ok((r.get::<_, i64>("item_id")?, r.get::<_, i64>("linked")?))
    })? {
        let (item, id) = row?;
        out.entry(item).or_default().push(id);
    }
    Ok(out)
}

/// Every status change of a project's items, by item, newest first.
fn histories(conn: &Connection, project_id: i64) -> Result<HashMap<i64, Vec<StatusChange>>> {
    let mut st = conn.prepare_cached(
        "SELECT h.item_id, h.changed_on, h.changed_by, h.from_status, h.to_status
         FROM checklist_history h JOIN checklist_items c ON c.id = h.item_id
         WHERE c.project_id = ?1 ORDER BY h.item_id, h.changed_on DESC, h.id DESC",
    )?;
    let mut out: HashMap<i64, Vec<StatusChange>> = HashMap::new();
    for row in st.query_map([project_id], |r| {
        let changed_on = r.get("changed_on")?;
        Ok((
            r.get::<_, i64>("item_id")?,
            StatusChange {
                changed_on,
                changed_on_label: crate::wareki::date_wareki(changed_on),
                changed_by: r.get("changed_by")?,
                from: r.get("from_status")?,
                to: r.get("to_status")?,
            },
        ))
    })? {
        let (item, change) = row?;
        out.entry(item).or_default().push(change);
    }
    Ok(out)
}

/// All items of a project, numbered within each side.
fn items(conn: &Connection, project_id: i64, today: NaiveDate) -> Result<Vec<ChecklistItem>> {
    let linkable = stakeholder_keys();
    let mut st = conn.prepare_cached(
        "SELECT c.id, c.side, c.template_key, c.text, c.status, c.owner_id, m.name,
                c.due_date, c.note
         FROM checklist_items c LEFT JOIN members m ON m.id = c.owner_id
         WHERE c.project_id = ?1
         ORDER BY CASE c.side WHEN '内向き' THEN 0 ELSE 1 END, c.position, c.id",
    )?;
    let rows = st.query_map([project_id], |r| {
        Ok(ChecklistItem {
            id: r.get("id")?,
            side: r.get("side")?,
            number: 0,
            template_key: r.get("template_key")?,
            text: r.get("text")?,
            status: r.get("status")?,
            owner_id: r.get("owner_id")?,
            owner_name: r.get("name")?,
            due_date: r.get("due_date")?,
            due_label: None,
            overdue: false,
            note: r.get("note")?,
            suggests_stakeholders: false,
            stakeholder_ids: Vec::new(),
            resource_ids: Vec::new(),
            meeting_ids: Vec::new(),
            history: Vec::new(),
        })
    })?;
    let mut out: Vec<ChecklistItem> = rows.collect::<rusqlite::Result<_>>()?;
    let mut stakeholders = links(
        conn,
        "SELECT x.item_id, x.stakeholder_id AS linked FROM checklist_stakeholders x
         JOIN checklist_items c ON c.id = x.item_id
         WHERE c.project_id = ?1 ORDER BY x.item_id, x.stakeholder_id",
        project_id,
    )?;
    let mut resources = links(
        conn,
        "SELECT x.item_id, x.resource_id AS linked FROM checklist_resources x
         JOIN checklist_items c ON c.id = x.item_id
         WHERE c.project_id = ?1 ORDER BY x.item_id, x.resource_id",
        project_id,
    )?;
    let mut meetings = links(
        conn,
        "SELECT x.item_id, x.meeting_id AS linked FROM checklist_meetings x
         JOIN checklist_items c ON c.id = x.item_id JOIN meetings m ON m.id = x.meeting_id
         WHERE c.project_id = ?1 ORDER BY x.item_id, m.held_on, m.id",
        project_id,
    )?;
    let mut history = histories(conn, project_id)?;
    let mut counters = [0u32; 2];
    for item in &mut out {
        let n = &mut counters[usize::from(item.side == crate::model::Side::Outer)];
        *n += 1;
        item.number = *n;
        item.overdue = is_overdue(item.status, item.due_date, today);
        item.due_label = item.due_date.map(crate::wareki::date_wareki);
        item.suggests_stakeholders = item
            .template_key
            .as_deref()
            .is_some_and(|k| linkable.contains(k));
        item.stakeholder_ids = stakeholders.remove(&item.id).unwrap_or_default();
        item.resource_ids = resources.remove(&item.id).unwrap_or_default();
        item.meeting_ids = meetings.remove(&item.id).unwrap_or_default();
        item.history = history.remove(&item.id).unwrap_or_default();
    }
    Ok(out)
}

fn item_project(conn: &Connection, item_id: i64) -> Result<(i64, ItemStatus, Option<String>)> {
    conn.query_row(
        "SELECT project_id, status, template_key FROM checklist_items WHERE id = ?1",
        [item_id],
        |r| {
            Ok((
                r.get("project_id")?,
                r.get("status")?,
                r.get("template_key")?,
            ))
        },
    )
    .optional()?
    .ok_or_else(|| Error::not_found("準備チェックの項目", item_id))
}

/// Checks that every referenced record exists (and belongs to the project),
/// naming the missing ones in Japanese.
fn check_refs(
    tx: &Transaction,
    project_id: i64,
    u: &crate::model::checklist::ItemUpdate,
) -> Result<()> {
    let mut errors = Vec::new();
    let exists = |sql: &str, id: i64| -> Result<bool> {
        Ok(tx
            .query_row(sql, params![id, project_id], |_| Ok(()))
            .optional()?
            .is_some())
    };
    if let Some(owner) = u.owner_id {
        if !exists(
            "SELECT 1 FROM members WHERE id = ?1 AND project_id = ?2",
            owner,
        )? {
            errors.push(FieldError::new(
                "owner_id",
                format!("担当者（ID {owner}）はこの事業のメンバーにいません。選び直してください"),
            ));
        }
    }
    for &s in &u.stakeholder_ids {
        if !exists(
            "SELECT 1 FROM stakeholders WHERE id = ?1 AND project_id = ?2",
            s,
        )? {
            errors.push(FieldError::new(
                "stakeholder_ids",
                format!("関係機関（ID {s}）が見つかりません。削除された可能性があります"),
            ));
        }
    }
    for &r in &u.resource_ids {
        if !exists(
            "SELECT 1 FROM resource_projects WHERE resource_id = ?1 AND project_id = ?2",
            r,
        )? {
            errors.push(FieldError::new(
                "resource_ids",
                format!(
                    "提供資料（ID {r}）がこの事業の資料にありません。削除された可能性があります"
                ),
            ));
        }
    }
    for &m in &u.meeting_ids {
        if !exists(
            "SELECT 1 FROM meeting_projects WHERE meeting_id = ?1 AND project_id = ?2",
            m,
        )? {
            errors.push(FieldError::new(
                "meeting_ids",
                format!("会議（ID {m}）がこの事業の会議にありません。削除された可能性があります"),
            ));
        }
    }
    if errors.is_empty() {
        Ok(())
    } else {
        Err(Error::Validation(errors))
    }
}

impl Store {
    /// Both checklists of a project with completion; `today` decides what is overdue.
    pub fn checklist(&self, project_id: i64, today: NaiveDate) -> Result<Checklist> {
        let project = project::get(self.conn(), project_id)?;
        let recorder = self
            .setting(RECORDER)?
            .or(project.leader)
            .unwrap_or_default();
        Ok(Checklist::new(
            items(self.conn(), project_id, today)?,
            recorder,
        ))
    }

    pub fn checklist_item(&self, item_id: i64, today: NaiveDate) -> Result<ChecklistItem> {
        let (project_id, _, _) = item_project(self.conn(), item_id)?;
        items(self.conn(), project_id, today)?
            .into_iter()
            .find(|i| i.id == item_id)
            .ok_or_else(|| Error::not_found("準備チェックの項目", item_id))
    }

    /// Saves an item; a status change is written to its history in the same
    /// transaction.
    pub fn update_checklist_item(
        &mut self,
        item_id: i64,
        input: &ItemUpdateInput,
        today: NaiveDate,
    ) -> Result<ChecklistItem> {
        let u = input.validate()?;
        self.write(|tx| {
            let (project_id, old_status, _) = item_project(tx, item_id)?;
            check_refs(tx, project_id, &u)?;
            tx.execute(
                "UPDATE checklist_items SET status = ?2, owner_id = ?3, due_date = ?4, note = ?5,
                    updated_at = ?6 WHERE id = ?1",
                params![item_id, u.status, u.owner_id, u.due_date, u.note, now()],
            )?;
            tx.execute(
                "DELETE FROM checklist_stakeholders WHERE item_id = ?1",
                [item_id],
            )?;
            for s in &u.stakeholder_ids {
                tx.execute(
                    "INSERT INTO checklist_stakeholders (item_id, stakeholder_id) VALUES (?1, ?2)",
                    params![item_id, s],
                )?;
            }
            tx.execute(
                "DELETE FROM checklist_resources WHERE item_id = ?1",
                [item_id],
            )?;
            for r in &u.resource_ids {
                tx.execute(
                    "INSERT INTO checklist_resources (item_id, resource_id) VALUES (?1, ?2)",
                    params![item_id, r],
                )?;
            }
            tx.execute(
                "DELETE FROM checklist_meetings WHERE item_id = ?1",
                [item_id],
            )?;
            for m in &u.meeting_ids {
                tx.execute(
                    "INSERT INTO checklist_meetings (item_id, meeting_id) VALUES (?1, ?2)",
                    params![item_id, m],
                )?;
            }
            super::put_setting(tx, RECORDER, &u.changed_by)?;
            if old_status != u.status {
                tx.execute(
                    "INSERT INTO checklist_history (item_id, changed_on, changed_by, from_status,
                        to_status, recorded_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
                    params![
                        item_id,
                        u.changed_on,
                        u.changed_by,
                        old_status,
                        u.status,
                        now()
                    ],
                )?;
            }
            Ok(())
        })?;
        self.checklist_item(item_id, today)
    }

    /// Adds a project's own item at the end of its side.
    pub fn add_checklist_item(
        &mut self,
        project_id: i64,
        input: &NewItemInput,
        today: NaiveDate,
    ) -> Result<ChecklistItem> {
        let (side, text) = input.validate()?;
        let id = self.write(|tx| {
            project::get(tx, project_id)?;
            tx.execute(
                "INSERT INTO checklist_items (project_id, side, position, text, updated_at)
                 SELECT ?1, ?2, COALESCE(max(position), 0) + 1, ?3, ?4
                 FROM checklist_items WHERE project_id = ?1 AND side = ?2",
                params![project_id, side, text, now()],
            )?;
            Ok(tx.last_insert_rowid())
        })?;
        self.checklist_item(id, today)
    }

    /// Removes a project's own item. Template items stay (mark them 該当なし).
    pub fn delete_checklist_item(&mut self, item_id: i64) -> Result<()> {
        self.write(|tx| {
            let (_, _, key) = item_project(tx, item_id)?;
            if key.is_some() {
                return Err(Error::Validation(vec![FieldError::new(
                    "item",
                    "既定の項目は削除できません。この事業に当てはまらない場合は「該当なし」にしてください",
                )]));
            }
            tx.execute("DELETE FROM checklist_items WHERE id = ?1", [item_id])?;
            Ok(())
        })
    }

    /// Applies a (new version of the) template to every project; returns how
    /// many items were added.
    pub fn apply_checklist_template(&mut self, items: &[TemplateItem]) -> Result<usize> {
        self.write(|tx| add_template_items(tx, items))
    }
}
