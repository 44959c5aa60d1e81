//! 課題・今後の検討事項 (図16 「取り組みの中での課題」「今後の検討事項」): what a
//! team found in the way or left to consider, raised in a meeting and followed
//! until it is settled.

use super::choice_enum;
use super::validate::Checker;
use crate::error::{Error, Result};
use chrono::NaiveDate;
use serde::{Deserialize, Serialize};
use ts_rs::TS;

choice_enum! {
    /// The two lists of 図16.
    IssueKind { Problem => "課題", Consideration => "今後の検討事項" }
}

choice_enum! {
    IssueStatus { Open => "未対応", Considering => "検討中", Settled => "対応済み" }
}

impl IssueStatus {
    pub fn is_open(self) -> bool {
        self != IssueStatus::Settled
    }
}

#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct IssueInput {
    pub kind: String,
    pub title: String,
    pub detail: String,
    pub status: String,
    /// 対応: what was done or decided about it.
    pub response: String,
    /// The day it was raised (YYYY-MM-DD, or as typed); empty: the meeting's day, else today.
    pub raised_on: String,
    /// The day it was settled; empty while it is open.
    pub settled_on: String,
    /// The meeting it came from, or null.
    #[ts(type = "number | null")]
    pub meeting_id: Option<i64>,
}

#[derive(Debug, Clone, PartialEq)]
pub struct ValidIssue {
    pub kind: IssueKind,
    pub title: String,
    pub detail: String,
    pub status: IssueStatus,
    pub response: String,
    pub raised_on: Option<NaiveDate>,
    pub settled_on: Option<NaiveDate>,
    pub meeting_id: Option<i64>,
}

impl IssueInput {
    pub fn validate(&self) -> Result<ValidIssue> {
        let mut c = Checker::new();
        let kind = c.choice(
            "kind",
            "区分",
            &self.kind,
            IssueKind::parse,
            &IssueKind::labels(),
        );
        let title = c.text("title", "課題", &self.title, super::limits::ISSUE_TITLE);
        let detail = c.long_text("detail", "内容", &self.detail, super::limits::NOTE);
        let status = c.choice(
            "status",
            "状況",
            &self.status,
            IssueStatus::parse,
            &IssueStatus::labels(),
        );
        let response = c.long_text("response", "対応", &self.response, super::limits::NOTE);
        let raised_on = c.optional_date("raised_on", "挙がった日", &self.raised_on);
        let settled_on = c.optional_date("settled_on", "対応した日", &self.settled_on);
        if let (Some(r), Some(s)) = (raised_on, settled_on) {
            if s < r {
                c.push(
                    "settled_on",
                    "対応した日は、挙がった日と同じか後の日付にしてください",
                );
            }
        }
        if settled_on.is_some() && status.is_some_and(IssueStatus::is_open) {
            c.push(
                "settled_on",
                "対応した日は、状況が「対応済み」のときに入力してください",
            );
        }
        c.finish(|| ValidIssue {
            kind: kind.expect("checked"),
            title,
            detail,
            status: status.expect("checked"),
            response,
            raised_on,
            settled_on,
            meeting_id: self.meeting_id,
        })
        .map_err(Error::Validation)
    }
}

#[derive(Debug, Clone, PartialEq, Serialize, TS)]
#[ts(export)]
pub struct Issue {
    #[ts(type = "number")]
    pub id: i64,
    #[ts(type = "number")]
    pub project_id: i64,
    /// 1, 2, … in the order they were raised within the project.
    pub number: u32,
    /// The number as the report writes it: ①, ②, ….
    pub number_label: String,
    pub kind: IssueKind,
    pub title: String,
    pub detail: String,
    pub status: IssueStatus,
    pub response: String,
    pub raised_on: NaiveDate,
    /// 令和6年10月30日.
    pub raised_on_label: String,
    pub settled_on: Option<NaiveDate>,
    pub settled_on_label: Option<String>,
    #[ts(type = "number | null")]
    pub meeting_id: Option<i64>,
    /// 「第6回チーム会議（令和6年10月30日）」.
    pub meeting_title: Option<String>,
}

/// ① … ⑳, then (21), (22), … as the report numbers its lists.
pub fn circled(n: u32) -> String {
    match n {
        1..=20 => char::from_u32(0x2460 + n - 1).expect("① block").to_string(),
        _ => format!("({n})"),
    }
}

impl Issue {
    /// The form's content for editing this 課題.
    pub fn to_input(&self) -> IssueInput {
        IssueInput {
            kind: self.kind.label().into(),
            title: self.title.clone(),
            detail: self.detail.clone(),
            status: self.status.label().into(),
            response: self.response.clone(),
            raised_on: self.raised_on.to_string(),
            settled_on: self.settled_on.map(|d| d.to_string()).unwrap_or_default(),
            meeting_id: self.meeting_id,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn input() -> IssueInput {
        IssueInput {
            kind: "課題".into(),
            title: "人材確保（マンパワー）".into(),
            status: "未対応".into(),
            ..Default::default()
        }
    }

    #[test]
    fn every_field_error_at_once() {
        let bad = IssueInput {
            kind: "問題".into(),
            title: " ".into(),
            status: "未対応".into(),
            raised_on: "2024-10-30".into(),
            settled_on: "2024-10-01".into(),
            ..Default::default()
        };
        let e = bad.validate().unwrap_err();
        let f: Vec<&str> = e.fields().iter().map(|f| f.field.as_str()).collect();
        assert_eq!(f, ["kind", "title", "settled_on", "settled_on"]);
    }

    #[test]
    fn a_settled_issue_may_carry_its_date() {
        let d = IssueInput {
            status: "対応済み".into(),
            raised_on: "令和6年10月30日".into(),
            settled_on: "R6.12.5".into(),
            ..input()
        }
        .validate()
        .unwrap();
        assert_eq!(d.settled_on, NaiveDate::from_ymd_opt(2024, 12, 5));
        assert_eq!(d.kind, IssueKind::Problem);
    }

    #[test]
    fn circled_numbers_like_the_report() {
        assert_eq!(circled(1), "①");
        assert_eq!(circled(6), "⑥");
        assert_eq!(circled(20), "⑳");
        assert_eq!(circled(21), "(21)");
    }
}
