//! 準備チェック items (with their evidence links) and their status history as they travel.

use super::{By, Field, Kind, Link, Problems, Twin};
use crate::error::Result;
use rusqlite::{params, Connection, OptionalExtension};
use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ChecklistItemData {
    pub project: String,
    pub side: String,
    pub template_key: Option<String>,
    pub position: i64,
    pub text: String,
    pub status: String,
    pub owner: Option<String>,
    pub due_date: Option<String>,
    pub note: String,
    pub stakeholders: Vec<String>,
    pub resources: Vec<String>,
    /// Meetings cited as evidence.
    #[serde(default)]
    pub meetings: Vec<String>,
}

pub struct ChecklistItems;

const fn item_link(
    field: &'static str,
    table: &'static str,
    other: &'static str,
    target: &'static str,
) -> Field {
    Field::Links(Link {
        field,
        table,
        owner: "item_id",
        other,
        target,
        keep_others: false,
    })
}

impl Kind for ChecklistItems {
    type Data = ChecklistItemData;
    const TABLE: &'static str = "checklist_items";
    const KIND: &'static str = "checklist_item";
    const LABEL: &'static str = "準備チェック項目";
    const CREATED: Option<&'static str> = None;
    const FIELDS: &'static [Field] = &[
        Field::Ref {
            field: "project",
            column: "project_id",
            table: "projects",
        },
        Field::Ref {
            field: "owner",
            column: "owner_id",
            table: "members",
        },
        item_link(
            "stakeholders",
            "checklist_stakeholders",
            "stakeholder_id",
            "stakeholders",
        ),
        item_link(
            "resources",
            "checklist_resources",
            "resource_id",
            "resources",
        ),
        item_link("meetings", "checklist_meetings", "meeting_id", "meetings"),
    ];

    fn name(d: &ChecklistItemData) -> String {
        format!("{}：{}", d.text, d.status)
    }
    const BY: By = By::Project;
    fn check(d: &ChecklistItemData, what: &str, p: &mut Problems) {
        p.check(
            what,
            crate::model::checklist::NewItemInput {
                side: d.side.clone(),
                text: d.text.clone(),
            }
            .validate(),
        );
        p.check(
            what,
            crate::model::checklist::ItemUpdateInput {
                status: d.status.clone(),
                owner_id: None,
                due_date: d.due_date.clone().unwrap_or_default(),
                note: d.note.clone(),
                stakeholder_ids: Vec::new(),
                resource_ids: Vec::new(),
                meeting_ids: Vec::new(),
                changed_by: "取り込み".into(),
                changed_on: "2024-04-01".into(),
            }
            .validate(),
        );
        p.dates(what, &[("期限", d.due_date.as_deref())]);
    }
    fn twin(conn: &Connection, d: &ChecklistItemData) -> Result<Option<Twin>> {
        template_twin(
            conn,
            "checklist_items",
            &d.project,
            d.template_key.as_deref(),
        )
    }
}

/// Each PC adds the shipped template items to a project by itself, under its
/// own UUIDs: the file's item of the same key is the same item.
pub(super) fn template_twin(
    conn: &Connection,
    table: &str,
    project: &str,
    key: Option<&str>,
) -> Result<Option<Twin>> {
    let Some(key) = key else { return Ok(None) };
    Ok(conn
        .prepare_cached(&format!(
            "SELECT t.id, t.uuid FROM {table} t JOIN projects p ON p.id = t.project_id
             WHERE p.uuid = ?1 AND t.template_key = ?2"
        ))?
        .query_row(params![project, key], |r| {
            Ok(Twin::Template(r.get("id")?, r.get("uuid")?))
        })
        .optional()?)
}

#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ChecklistChangeData {
    pub item: String,
    pub changed_on: String,
    pub changed_by: String,
    pub from_status: Option<String>,
    pub to_status: String,
}

pub struct ChecklistChanges;

impl Kind for ChecklistChanges {
    type Data = ChecklistChangeData;
    const TABLE: &'static str = "checklist_history";
    const KIND: &'static str = "checklist_change";
    const LABEL: &'static str = "準備チェックの履歴";
    const CREATED: Option<&'static str> = Some("recorded_at");
    const FIELDS: &'static [Field] = &[Field::Ref {
        field: "item",
        column: "item_id",
        table: "checklist_items",
    }];

    fn name(d: &ChecklistChangeData) -> String {
        format!("{}（{}）", d.to_status, d.changed_on)
    }
    const BY: By = By::Parent("item");
    fn check(d: &ChecklistChangeData, what: &str, p: &mut Problems) {
        let status = |s: &str| crate::model::ItemStatus::parse(s).is_some();
        if !status(&d.to_status) || d.from_status.as_deref().is_some_and(|s| !status(s)) {
            p.add(what, "状況は未着手・進行中・完了・該当なしのどれかです");
        }
        p.check(
            what,
            crate::model::checklist::ItemUpdateInput {
                status: d.to_status.clone(),
                changed_by: d.changed_by.clone(),
                changed_on: d.changed_on.clone(),
                ..Default::default()
            }
            .validate(),
        );
        p.dates(what, &[("変更日", Some(&d.changed_on))]);
    }
}
