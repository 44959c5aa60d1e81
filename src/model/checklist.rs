//! 準備チェック: the internal (内向き) and external (外向き) readiness items.

use super::choice_enum;
use super::validate::Checker;
use crate::error::{Error, Result};
use chrono::NaiveDate;
use serde::{Deserialize, Serialize};
use std::sync::OnceLock;
use ts_rs::TS;

choice_enum! {
    Side { Inner => "内向き", Outer => "外向き" }
}

choice_enum! {
    ItemStatus {
        NotStarted => "未着手",
        InProgress => "進行中",
        Done => "完了",
        NotApplicable => "該当なし",
    }
}

impl ItemStatus {
    /// Still to be done: counts as overdue once its 期限 has passed.
    pub fn is_open(self) -> bool {
        matches!(self, ItemStatus::NotStarted | ItemStatus::InProgress)
    }
}

/// One default item from assets/templates/checklist.toml.
#[derive(Debug, Clone, Deserialize)]
pub struct TemplateItem {
    pub key: String,
    pub side: Side,
    pub text: String,
    #[serde(default)]
    pub links_stakeholders: bool,
}

/// Parses a template file; used for the shipped one and in tests for updates.
pub fn parse_template(text: &str) -> Result<Vec<TemplateItem>, toml::de::Error> {
    super::parse_items(text)
}

/// The shipped template.
pub fn template() -> &'static [TemplateItem] {
    static TEMPLATE: OnceLock<Vec<TemplateItem>> = OnceLock::new();
    TEMPLATE.get_or_init(|| {
        parse_template(include_str!("../../assets/templates/checklist.toml"))
            .expect("assets/templates/checklist.toml is checked by a unit test")
    })
}

#[derive(Debug, Clone, PartialEq, Serialize, TS)]
#[ts(export)]
pub struct StatusChange {
    pub changed_on: NaiveDate,
    pub changed_on_label: String,
    pub changed_by: String,
    pub from: Option<ItemStatus>,
    pub to: ItemStatus,
}

#[derive(Debug, Clone, PartialEq, Serialize, TS)]
#[ts(export)]
pub struct ChecklistItem {
    #[ts(type = "number")]
    pub id: i64,
    pub side: Side,
    /// 1-based number within its side (①–⑧ for the template items).
    pub number: u32,
    pub template_key: Option<String>,
    pub text: String,
    pub status: ItemStatus,
    #[ts(type = "number | null")]
    pub owner_id: Option<i64>,
    pub owner_name: Option<String>,
    pub due_date: Option<NaiveDate>,
    pub due_label: Option<String>,
    /// 期限 passed while still 未着手 or 進行中.
    pub overdue: bool,
    pub note: String,
    /// True for the external items the report ties to organisations (2–5).
    pub suggests_stakeholders: bool,
    #[ts(type = "number[]")]
    pub stakeholder_ids: Vec<i64>,
    #[ts(type = "number[]")]
    pub resource_ids: Vec<i64>,
    /// Meetings cited as evidence (where it was decided or reported).
    #[ts(type = "number[]")]
    pub meeting_ids: Vec<i64>,
    /// Newest first.
    pub history: Vec<StatusChange>,
}

/// Completion of one side: 完了 of the applicable items (該当なし excluded).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, TS)]
#[ts(export)]
pub struct Completion {
    pub side: Side,
    pub done: u32,
    pub applicable: u32,
    pub overdue: u32,
}

impl Completion {
    pub fn of(side: Side, items: &[ChecklistItem]) -> Self {
        let mine = items.iter().filter(|i| i.side == side);
        let mut c = Completion {
            side,
            done: 0,
            applicable: 0,
            overdue: 0,
        };
        for i in mine {
            if i.status != ItemStatus::NotApplicable {
                c.applicable += 1;
            }
            if i.status == ItemStatus::Done {
                c.done += 1;
            }
            if i.overdue {
                c.overdue += 1;
            }
        }
        c
    }

    /// 「内向き 5/8」.
    pub fn label(&self) -> String {
        format!("{} {}/{}", self.side, self.done, self.applicable)
    }
}

#[derive(Debug, Clone, PartialEq, Serialize, TS)]
#[ts(export)]
pub struct Checklist {
    pub items: Vec<ChecklistItem>,
    /// 内向き then 外向き.
    pub completion: Vec<Completion>,
    /// Who records a status change unless the form says otherwise: the last
    /// 記録者 on this computer's database, else the team's leader.
    pub default_recorder: String,
}

impl Checklist {
    pub fn new(items: Vec<ChecklistItem>, default_recorder: String) -> Self {
        let completion = Side::ALL
            .iter()
            .map(|&s| Completion::of(s, &items))
            .collect();
        Checklist {
            items,
            completion,
            default_recorder,
        }
    }
}

pub fn is_overdue(status: ItemStatus, due: Option<NaiveDate>, today: NaiveDate) -> bool {
    status.is_open() && due.is_some_and(|d| d < today)
}

/// The item form: everything as typed.
#[derive(Debug, Clone, Default, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct ItemUpdateInput {
    pub status: String,
    #[ts(type = "number | null")]
    pub owner_id: Option<i64>,
    pub due_date: String,
    pub note: String,
    #[ts(type = "number[]")]
    pub stakeholder_ids: Vec<i64>,
    #[ts(type = "number[]")]
    pub resource_ids: Vec<i64>,
    /// Meetings cited as evidence.
    #[serde(default)]
    #[ts(type = "number[]")]
    pub meeting_ids: Vec<i64>,
    /// Who records a status change (記録者).
    pub changed_by: String,
    /// The day the status changed (defaults to today in the form).
    pub changed_on: String,
}

#[derive(Debug, Clone, PartialEq)]
pub struct ItemUpdate {
    pub status: ItemStatus,
    pub owner_id: Option<i64>,
    pub due_date: Option<NaiveDate>,
    pub note: String,
    pub stakeholder_ids: Vec<i64>,
    pub resource_ids: Vec<i64>,
    pub meeting_ids: Vec<i64>,
    pub changed_by: String,
    pub changed_on: NaiveDate,
}

impl ItemUpdateInput {
    pub fn validate(&self) -> Result<ItemUpdate> {
        let mut c = Checker::new();
        let status = c.choice(
            "status",
            "状況",
            &self.status,
            ItemStatus::parse,
            &ItemStatus::labels(),
        );
        let due_date = c.optional_date("due_date", "期限", &self.due_date);
        let note = c.long_text("note", "メモ", &self.note, super::limits::NOTE);
        let changed_by = c.text(
            "changed_by",
            "記録者",
            &self.changed_by,
            super::limits::RECORDER,
        );
        let changed_on = c.date("changed_on", "変更日", &self.changed_on);
        let dedup = |ids: &[i64]| {
            let mut v = ids.to_vec();
            v.sort_unstable();
            v.dedup();
            v
        };
        let stakeholder_ids = dedup(&self.stakeholder_ids);
        let resource_ids = dedup(&self.resource_ids);
        let meeting_ids = dedup(&self.meeting_ids);
        c.finish(|| ItemUpdate {
            status: status.expect("checked"),
            owner_id: self.owner_id,
            due_date,
            note,
            stakeholder_ids,
            resource_ids,
            meeting_ids,
            changed_by,
            changed_on: changed_on.expect("checked"),
        })
        .map_err(Error::Validation)
    }
}

/// A project's own item (not from the template).
#[derive(Debug, Clone, Default, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct NewItemInput {
    pub side: String,
    pub text: String,
}

impl NewItemInput {
    pub fn validate(&self) -> Result<(Side, String)> {
        let mut c = Checker::new();
        let side = c.choice("side", "区分", &self.side, Side::parse, &Side::labels());
        let text = c.text("text", "項目", &self.text, super::limits::ITEM_TEXT);
        c.finish(|| (side.expect("checked"), text))
            .map_err(Error::Validation)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(s: &str) -> NaiveDate {
        s.parse().unwrap()
    }

    #[test]
    fn shipped_template_has_eight_items_a_side_with_unique_keys() {
        let t = template();
        assert_eq!(t.iter().filter(|i| i.side == Side::Inner).count(), 8);
        assert_eq!(t.iter().filter(|i| i.side == Side::Outer).count(), 8);
        let mut keys: Vec<&str> = t.iter().map(|i| i.key.as_str()).collect();
        keys.sort();
        keys.dedup();
        assert_eq!(keys.len(), 16);
        assert_eq!(t[0].text, "組織内での担当部門の明確化");
        let linked: Vec<&str> = t
            .iter()
            .filter(|i| i.links_stakeholders)
            .map(|i| i.key.as_str())
            .collect();
        assert_eq!(linked, ["outer.2", "outer.3", "outer.4", "outer.5"]);
    }

    #[test]
    fn overdue_only_while_open() {
        let today = d("2024-09-01");
        assert!(is_overdue(
            ItemStatus::InProgress,
            Some(d("2024-08-31")),
            today
        ));
        assert!(!is_overdue(
            ItemStatus::InProgress,
            Some(d("2024-09-01")),
            today
        ));
        assert!(!is_overdue(ItemStatus::Done, Some(d("2024-01-01")), today));
        assert!(!is_overdue(
            ItemStatus::NotApplicable,
            Some(d("2024-01-01")),
            today
        ));
        assert!(!is_overdue(ItemStatus::NotStarted, None, today));
    }

    #[test]
    fn update_input_is_checked() {
        let input = ItemUpdateInput {
            status: "済み".into(),
            due_date: "1900-04-01".into(),
            changed_by: "".into(),
            changed_on: "2024-07-16".into(),
            ..Default::default()
        };
        let e = input.validate().unwrap_err();
        let fields: Vec<&str> = e.fields().iter().map(|f| f.field.as_str()).collect();
        assert_eq!(fields, ["status", "due_date", "changed_by"]);
        assert!(e.fields()[0]
            .message
            .contains("未着手・進行中・完了・該当なし"));
        assert!(e.fields()[1].message.contains("2000年から2099年"));
    }
}
