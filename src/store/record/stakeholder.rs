//! 関係機関 (with their contact people) and the contact log as they travel.

use super::{By, Field, Ids, Kind, Problems};
use crate::error::Result;
use rusqlite::{params, Connection, Transaction};
use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ContactPersonData {
    pub name: String,
    pub title: String,
    pub contact: String,
}

#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct StakeholderData {
    pub project: String,
    pub name: String,
    pub kind: String,
    pub state: String,
    pub note: String,
    pub contacts: Vec<ContactPersonData>,
}

pub struct Stakeholders;

impl Kind for Stakeholders {
    type Data = StakeholderData;
    const TABLE: &'static str = "stakeholders";
    const KIND: &'static str = "stakeholder";
    const LABEL: &'static str = "関係機関";
    const FIELDS: &'static [Field] = &[
        Field::Ref {
            field: "project",
            column: "project_id",
            table: "projects",
        },
        Field::Children("contacts"),
    ];

    fn name(d: &StakeholderData) -> String {
        d.name.clone()
    }
    const BY: By = By::Project;
    fn check(d: &StakeholderData, what: &str, p: &mut Problems) {
        p.check(
            what,
            crate::model::StakeholderInput {
                name: d.name.clone(),
                kind: d.kind.clone(),
                state: d.state.clone(),
                contacts: d
                    .contacts
                    .iter()
                    .map(|c| crate::model::ContactPerson {
                        name: c.name.clone(),
                        title: c.title.clone(),
                        contact: c.contact.clone(),
                    })
                    .collect(),
                note: d.note.clone(),
            }
            .validate(),
        );
    }
    fn read_children(conn: &Connection, id: i64, d: &mut StakeholderData) -> Result<()> {
        let mut st = conn.prepare_cached(
            "SELECT name, title, contact FROM stakeholder_contacts WHERE stakeholder_id = ?1 ORDER BY position",
        )?;
        d.contacts = st
            .query_map([id], |x| {
                Ok(ContactPersonData {
                    name: x.get("name")?,
                    title: x.get("title")?,
                    contact: x.get("contact")?,
                })
            })?
            .collect::<rusqlite::Result<_>>()?;
        Ok(())
    }
    fn write_children(tx: &Transaction, id: i64, d: &StakeholderData, _: &Ids) -> Result<()> {
        super::run(
            tx,
            "DELETE FROM stakeholder_contacts WHERE stakeholder_id = ?1",
            [id],
        )?;
        for (i, c) in d.contacts.iter().enumerate() {
            super::run(
                tx,
                "INSERT INTO stakeholder_contacts (stakeholder_id, position, name, title, contact)
                 VALUES (?1, ?2, ?3, ?4, ?5)",
                params![id, i as i64, c.name, c.title, c.contact],
            )?;
        }
        Ok(())
    }
}

#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ContactData {
    pub stakeholder: String,
    pub contacted_on: String,
    pub summary: String,
    pub new_state: Option<String>,
}

pub struct Contacts;

impl Kind for Contacts {
    type Data = ContactData;
    const TABLE: &'static str = "contact_log";
    const KIND: &'static str = "contact";
    const LABEL: &'static str = "連絡の記録";
    const FIELDS: &'static [Field] = &[Field::Ref {
        field: "stakeholder",
        column: "stakeholder_id",
        table: "stakeholders",
    }];
    const CREATED: Option<&'static str> = Some("recorded_at");

    fn name(d: &ContactData) -> String {
        format!("{} {}", d.contacted_on, d.summary)
    }
    const BY: By = By::Parent("stakeholder");
    fn check(d: &ContactData, what: &str, p: &mut Problems) {
        p.check(
            what,
            crate::model::ContactLogInput {
                contacted_on: d.contacted_on.clone(),
                summary: d.summary.clone(),
                new_state: d.new_state.clone().unwrap_or_default(),
            }
            .validate(),
        );
        p.dates(what, &[("連絡日", Some(&d.contacted_on))]);
    }
}
