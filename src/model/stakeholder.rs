//! 関係機関: the organisations a project works with, their contact people, the
//! relationship state and a dated contact log.

use super::choice_enum;
use super::validate::Checker;
use crate::error::{Error, Result};
use chrono::NaiveDate;
use serde::{Deserialize, Serialize};
use ts_rs::TS;

choice_enum! {
    StakeholderKind {
        HealthCenter => "保健所",
        Municipality => "自治体",
        KyokaiKenpo => "協会けんぽ",
        OccupationalHealthCenter => "産業保健総合支援センター",
        LabourBureau => "労働局",
        LabourInspection => "労働基準監督署",
        MentalHealthCenter => "精神保健福祉センター",
        RosaiHospital => "労災病院",
        MedicalWelfare => "医療・福祉機関",
        Commerce => "商工会",
        Company => "企業",
        OtherSociety => "他士会",
        Association => "関係団体",
        Press => "報道機関",
        KeyPerson => "キーパーソン（個人）",
        Other => "その他",
    }
}

choice_enum! {
    /// How far the relationship has come: 未接触 → 打診 → 協議中 → 連携.
    Relation { Untouched => "未接触", Sounded => "打診", Discussing => "協議中", Partnered => "連携" }
}

#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct ContactPerson {
    pub name: String,
    /// 部署・役職.
    pub title: String,
    /// 電話・メールなど.
    pub contact: String,
}

#[derive(Debug, Clone, Default, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct StakeholderInput {
    pub name: String,
    pub kind: String,
    pub state: String,
    pub contacts: Vec<ContactPerson>,
    pub note: String,
}

#[derive(Debug, Clone, PartialEq)]
pub struct ValidStakeholder {
    pub name: String,
    pub kind: StakeholderKind,
    pub state: Relation,
    pub contacts: Vec<ContactPerson>,
    pub note: String,
}

impl StakeholderInput {
    pub fn validate(&self) -> Result<ValidStakeholder> {
        let mut c = Checker::new();
        // A key person is recorded as an individual: the name is theirs.
        let name_label = if StakeholderKind::parse(&self.kind) == Some(StakeholderKind::KeyPerson) {
            "氏名"
        } else {
            "機関名"
        };
        let name = c.text(
            "name",
            name_label,
            &self.name,
            super::limits::STAKEHOLDER_NAME,
        );
        let kind = c.choice(
            "kind",
            "種別",
            &self.kind,
            StakeholderKind::parse,
            &StakeholderKind::labels(),
        );
        let state = c.choice(
            "state",
            "関係の状態",
            &self.state,
            Relation::parse,
            &Relation::labels(),
        );
        let note = c.long_text("note", "メモ", &self.note, super::limits::NOTE);
        let mut contacts = Vec::new();
        for (i, p) in self.contacts.iter().enumerate() {
            let field = format!("contacts.{i}");
            let person = ContactPerson {
                name: c.optional_text(&field, "担当者名", &p.name, super::limits::CONTACT_NAME),
                title: c.optional_text(
                    &field,
                    "部署・役職",
                    &p.title,
                    super::limits::CONTACT_TITLE,
                ),
                contact: c.optional_text(&field, "連絡先", &p.contact, super::limits::CONTACT),
            };
            // A row left entirely empty is an unused form row, not a person.
            if person == ContactPerson::default() {
                continue;
            }
            if person.name.is_empty() {
                c.push(&field, format!("{}人目の担当者名を入力してください", i + 1));
            }
            contacts.push(person);
        }
        c.finish(|| ValidStakeholder {
            name,
            kind: kind.expect("checked"),
            state: state.expect("checked"),
            contacts,
            note,
        })
        .map_err(Error::Validation)
    }
}

#[derive(Debug, Clone, PartialEq, Serialize, TS)]
#[ts(export)]
pub struct ContactLogEntry {
    #[ts(type = "number")]
    pub id: i64,
    pub contacted_on: NaiveDate,
    /// 令和6年10月16日.
    pub contacted_on_label: String,
    pub summary: String,
    pub new_state: Option<Relation>,
}

#[derive(Debug, Clone, PartialEq, Serialize, TS)]
#[ts(export)]
pub struct Stakeholder {
    #[ts(type = "number")]
    pub id: i64,
    #[ts(type = "number")]
    pub project_id: i64,
    pub name: String,
    pub kind: StakeholderKind,
    pub state: Relation,
    pub contacts: Vec<ContactPerson>,
    pub note: String,
    /// Newest first.
    pub log: Vec<ContactLogEntry>,
    /// Checklist items that cite this organisation as evidence.
    pub linked_items: Vec<String>,
}

#[derive(Debug, Clone, Default, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct ContactLogInput {
    pub contacted_on: String,
    pub summary: String,
    /// Empty when the contact did not change the relationship.
    pub new_state: String,
}

#[derive(Debug, Clone, PartialEq)]
pub struct ValidContactLog {
    pub contacted_on: NaiveDate,
    pub summary: String,
    pub new_state: Option<Relation>,
}

impl ContactLogInput {
    pub fn validate(&self) -> Result<ValidContactLog> {
        let mut c = Checker::new();
        let contacted_on = c.date("contacted_on", "連絡日", &self.contacted_on);
        let summary = c.required_long_text(
            "summary",
            "内容",
            &self.summary,
            super::limits::CONTACT_SUMMARY,
        );
        let new_state = if self.new_state.trim().is_empty() {
            None
        } else {
            c.choice(
                "new_state",
                "関係の状態",
                &self.new_state,
                Relation::parse,
                &Relation::labels(),
            )
        };
        c.finish(|| ValidContactLog {
            contacted_on: contacted_on.expect("checked"),
            summary,
            new_state,
        })
        .map_err(Error::Validation)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn empty_contact_rows_are_dropped_and_nameless_ones_refused() {
        let mut input = StakeholderInput {
            name: "山口産業保健総合支援センター".into(),
            kind: "産業保健総合支援センター".into(),
            state: "打診".into(),
            contacts: vec![
                ContactPerson::default(),
                ContactPerson {
                    name: "田村".into(),
                    title: "相談員".into(),
                    contact: "".into(),
                },
            ],
            note: "".into(),
        };
        let d = input.validate().unwrap();
        assert_eq!(d.contacts.len(), 1);
        assert_eq!(d.kind, StakeholderKind::OccupationalHealthCenter);
        input.contacts[1].name = "".into();
        let e = input.validate().unwrap_err();
        assert_eq!(e.fields()[0].field, "contacts.1");
        assert_eq!(e.fields()[0].message, "2人目の担当者名を入力してください");
    }

    #[test]
    fn log_entry_state_is_optional_but_checked() {
        let mut input = ContactLogInput {
            contacted_on: "2024-10-16".into(),
            summary: "打ち合わせ".into(),
            new_state: "".into(),
        };
        assert_eq!(input.validate().unwrap().new_state, None);
        input.new_state = "連携".into();
        assert_eq!(
            input.validate().unwrap().new_state,
            Some(Relation::Partnered)
        );
        input.new_state = "絶縁".into();
        assert_eq!(input.validate().unwrap_err().fields()[0].field, "new_state");
    }
}
