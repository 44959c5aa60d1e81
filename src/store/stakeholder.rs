use super::{now, project, Store};
use crate::error::{Error, Result};
use crate::model::stakeholder::ValidStakeholder;
use crate::model::{
    ContactLogEntry, ContactLogInput, ContactPerson, Stakeholder, StakeholderInput,
};
use rusqlite::{params, Connection, OptionalExtension, Transaction};

fn project_of(conn: &Connection, id: i64) -> Result<i64> {
    conn.query_row(
        "SELECT project_id FROM stakeholders WHERE id = ?1",
        [id],
        |r| r.get("project_id"),
    )
    .optional()?
    .ok_or_else(|| Error::not_found("関係機関", id))
}

fn write_contacts(tx: &Transaction, id: i64, contacts: &[ContactPerson]) -> Result<()> {
    tx.execute(
        "DELETE FROM stakeholder_contacts WHERE stakeholder_id = ?1",
        [id],
    )?;
    for (i, c) in contacts.iter().enumerate() {
        tx.execute(
            "INSERT INTO stakeholder_contacts (stakeholder_id, position, name, title, contact)
             VALUES (?1, ?2, ?3, ?4, ?5)",
            params![id, i as i64, c.name, c.title, c.contact],
        )?;
    }
    Ok(())
}

pub(crate) fn insert(tx: &Transaction, project_id: i64, d: &ValidStakeholder) -> Result<i64> {
    let t = now();
    tx.execute(
        "INSERT INTO stakeholders (project_id, name, kind, state, note, created_at, updated_at)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?6)",
        params![project_id, d.name, d.kind, d.state, d.note, t],
    )?;
    let id = tx.last_insert_rowid();
    write_contacts(tx, id, &d.contacts)?;
    Ok(id)
}

pub(crate) fn insert_log(
    tx: &Transaction,
    stakeholder_id: i64,
    d: &crate::model::stakeholder::ValidContactLog,
) -> Result<()> {
    tx.execute(
        "INSERT INTO contact_log (stakeholder_id, contacted_on, summary, new_state, recorded_at)
         VALUES (?1, ?2, ?3, ?4, ?5)",
        params![
            stakeholder_id,
            d.contacted_on,
            d.summary,
            d.new_state,
            now()
        ],
    )?;
    if let Some(state) = d.new_state {
        tx.execute(
            "UPDATE stakeholders SET state = ?2, updated_at = ?3 WHERE id = ?1",
            params![stakeholder_id, state, now()],
        )?;
    }
    Ok(())
}

fn load(conn: &Connection, where_sql: &str, key: i64) -> Result<Vec<Stakeholder>> {
    let mut st = conn.prepare_cached(&format!(
        "SELECT id, project_id, name, kind, state, note FROM stakeholders WHERE {where_sql}
         ORDER BY CASE state WHEN '連携' THEN 0 WHEN '協議中' THEN 1 WHEN '打診' THEN 2 ELSE 3 END,
                  name, id"
    ))?;
    let rows = st.query_map([key], |r| {
        Ok(Stakeholder {
            id: r.get("id")?,
            project_id: r.get("project_id")?,
            name: r.get("name")?,
            kind: r.get("kind")?,
            state: r.get("state")?,
            note: r.get("note")?,
            contacts: Vec::new(),
            log: Vec::new(),
            linked_items: Vec::new(),
        })
    })?;
    let mut out: Vec<Stakeholder> = rows.collect::<rusqlite::Result<_>>()?;
    let mut contacts = conn.prepare_cached(
        "SELECT name, title, contact FROM stakeholder_contacts WHERE stakeholder_id = ?1 ORDER BY position",
    )?;
    let mut log = conn.prepare_cached(
        "SELECT id, contacted_on, summary, new_state FROM contact_log WHERE stakeholder_id = ?1
         ORDER BY contacted_on DESC, id DESC",
    )?;
    let mut linked = conn.prepare_cached(
        "SELECT c.side || '・' || c.text AS item FROM checklist_stakeholders l
         JOIN checklist_items c ON c.id = l.item_id WHERE l.stakeholder_id = ?1
         ORDER BY c.side DESC, c.position",
    )?;
    for s in &mut out {
        s.contacts = contacts
            .query_map([s.id], |r| {
                Ok(ContactPerson {
                    name: r.get("name")?,
                    title: r.get("title")?,
                    contact: r.get("contact")?,
                })
            })?
            .collect::<rusqlite::Result<_>>()?;
        s.log = log
            .query_map([s.id], |r| {
                let contacted_on = r.get("contacted_on")?;
                Ok(ContactLogEntry {
                    id: r.get("id")?,
                    contacted_on,
                    contacted_on_label: crate::wareki::date_wareki(contacted_on),
                    summary: r.get("summary")?,
                    new_state: r.get("new_state")?,
                })
            })?
            .collect::<rusqlite::Result<_>>()?;
        s.linked_items = linked
            .query_map([s.id], |r| r.get("item"))?
            .collect::<rusqlite::Result<_>>()?;
    }
    Ok(out)
}

impl Store {
    /// A project's organisations, those furthest along first.
    pub fn stakeholders(&self, project_id: i64) -> Result<Vec<Stakeholder>> {
        project::get(self.conn(), project_id)?;
        load(self.conn(), "project_id = ?1", project_id)
    }

    pub fn stakeholder(&self, id: i64) -> Result<Stakeholder> {
        load(self.conn(), "id = ?1", id)?
            .pop()
            .ok_or_else(|| Error::not_found("関係機関", id))
    }

    pub fn create_stakeholder(
        &mut self,
        project_id: i64,
        input: &StakeholderInput,
    ) -> Result<Stakeholder> {
        let d = input.validate()?;
        let id = self.write(|tx| {
            project::get(tx, project_id)?;
            insert(tx, project_id, &d)
        })?;
        self.stakeholder(id)
    }

    pub fn update_stakeholder(&mut self, id: i64, input: &StakeholderInput) -> Result<Stakeholder> {
        let d = input.validate()?;
        self.write(|tx| {
            project_of(tx, id)?;
            tx.execute(
                "UPDATE stakeholders SET name = ?2, kind = ?3, state = ?4, note = ?5, updated_at = ?6
                 WHERE id = ?1",
                params![id, d.name, d.kind, d.state, d.note, now()],
            )?;
            write_contacts(tx, id, &d.contacts)
        })?;
        self.stakeholder(id)
    }

    /// Deletes the organisation with its contacts and log; checklist items
    /// that cited it lose that link (the window asks first, naming them).
    pub fn delete_stakeholder(&mut self, id: i64) -> Result<()> {
        self.write(|tx| {
            project_of(tx, id)?;
            tx.execute("DELETE FROM stakeholders WHERE id = ?1", [id])?;
            Ok(())
        })
    }

    /// Records a contact; a new state given with it becomes the organisation's state.
    pub fn add_contact_log(
        &mut self,
        stakeholder_id: i64,
        input: &ContactLogInput,
    ) -> Result<Stakeholder> {
        let d = input.validate()?;
        self.write(|tx| {
            project_of(tx, stakeholder_id)?;
            insert_log(tx, stakeholder_id, &d)
        })?;
        self.stakeholder(stakeholder_id)
    }
}
