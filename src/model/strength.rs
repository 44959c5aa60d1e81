//! 強み分析: the four strengths (創造力・人力・対応力・財力) rated through check items
//! (図8 士会内, 図9 外部関係機関・経費), re-rated over time as a milestone.

use super::choice_enum;
use super::validate::Checker;
use crate::error::{Error, Result};
use chrono::NaiveDate;
use serde::{Deserialize, Serialize};
use std::sync::OnceLock;
use ts_rs::TS;

choice_enum! {
    Axis { Creativity => "創造力", People => "人力", Response => "対応力", Money => "財力" }
}

choice_enum! {
    StrengthGroup { Society => "士会内", External => "外部関係機関・経費" }
}

impl StrengthGroup {
    /// 図8/図9 are pictures of examples: the app's items are examples too.
    pub fn example_title(self) -> &'static str {
        match self {
            StrengthGroup::Society => "士会内での確認項目の例（図8を参考）",
            StrengthGroup::External => "外部関係機関および経費に関する確認項目の例（図9を参考）",
        }
    }
}

/// What the strength page and report say about whose the items and scale are.
pub const EXAMPLE_NOTE: &str = "確認項目は報告書の図8・図9を参考にしたこのアプリの例です。1〜4の尺度とヒト・モノ・カネ・情報への対応づけも、このアプリの例です。項目と尺度の言葉は事業ごとに変えられます。";

choice_enum! {
    /// The barriers of the training survey (ヒト・モノ・カネ・情報).
    Barrier { People => "ヒト", Things => "モノ", Money => "カネ", Information => "情報" }
}

/// 1–4 with the words the form shows by default. The report gives no scale for
/// 図8/図9: this one is the app's example, and a team may word its own.
pub const SCORE_LABELS: [&str; 4] = ["ない・未確認", "不十分", "ほぼある", "十分ある"];

/// A team's own wording of the scale: four labels, 1–4, each 1–30 characters.
pub fn validate_scale(labels: &[String]) -> Result<Vec<String>> {
    let mut c = Checker::new();
    if labels.len() != 4 {
        c.push("scale", "尺度の言葉は1〜4の4つです");
    }
    let out: Vec<String> = labels
        .iter()
        .enumerate()
        .map(|(i, l)| {
            c.text(
                &format!("scale.{}", i + 1),
                &format!("尺度{}の言葉", i + 1),
                l,
                super::limits::SCALE_LABEL,
            )
        })
        .collect();
    c.finish(|| out).map_err(Error::Validation)
}

#[derive(Debug, Clone, Deserialize)]
pub struct TemplateItem {
    pub key: String,
    pub group: StrengthGroup,
    pub axis: Axis,
    pub barrier: Option<Barrier>,
    pub text: String,
}

pub fn parse_template(text: &str) -> Result<Vec<TemplateItem>, toml::de::Error> {
    super::parse_items(text)
}

pub fn template() -> &'static [TemplateItem] {
    static TEMPLATE: OnceLock<Vec<TemplateItem>> = OnceLock::new();
    TEMPLATE.get_or_init(|| {
        parse_template(include_str!("../../assets/templates/strengths.toml"))
            .expect("assets/templates/strengths.toml is checked by a unit test")
    })
}

#[derive(Debug, Clone, PartialEq, Serialize, TS)]
#[ts(export)]
pub struct StrengthItem {
    #[ts(type = "number")]
    pub id: i64,
    pub group: StrengthGroup,
    pub axis: Axis,
    pub barrier: Option<Barrier>,
    pub text: String,
    pub hidden: bool,
    pub template_key: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Serialize, TS)]
#[ts(export)]
pub struct Rating {
    #[ts(type = "number")]
    pub item_id: i64,
    pub score: Option<u8>,
    pub note: String,
}

/// The mean of one axis (or barrier) over its rated, visible items.
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
#[ts(export)]
pub struct Score {
    pub name: String,
    pub mean: Option<f64>,
    pub rated: u32,
    pub items: u32,
}

#[derive(Debug, Clone, PartialEq, Serialize, TS)]
#[ts(export)]
pub struct Session {
    #[ts(type = "number")]
    pub id: i64,
    pub label: String,
    pub rated_on: NaiveDate,
    /// 令和6年6月17日.
    pub rated_on_label: String,
    pub ratings: Vec<Rating>,
    /// 創造力・人力・対応力・財力, in that order.
    pub axes: Vec<Score>,
    /// ヒト・モノ・カネ・情報, in that order (items without a barrier left out).
    pub barriers: Vec<Score>,
}

#[derive(Debug, Clone, PartialEq, Serialize, TS)]
#[ts(export)]
pub struct Strengths {
    pub items: Vec<StrengthItem>,
    /// Oldest first.
    pub sessions: Vec<Session>,
    /// A sentence about the newest session: 「財力が最も低い（1.8）…」.
    pub summary: Option<String>,
    /// The words for 1–4: the team's own, or the app's example.
    pub scale: Vec<String>,
    /// True when the team worded the scale itself.
    pub scale_custom: bool,
}

/// One rating session as stored: the raw ratings, before any score is computed.
#[derive(Debug, Clone, PartialEq)]
pub struct RatedSession {
    pub id: i64,
    pub label: String,
    pub rated_on: NaiveDate,
    pub ratings: Vec<Rating>,
}

/// A project's items and rating sessions (oldest first), as the store reads them;
/// `analysis::strength` turns them into [`Strengths`].
#[derive(Debug, Clone, PartialEq)]
pub struct StrengthRecords {
    pub items: Vec<StrengthItem>,
    pub sessions: Vec<RatedSession>,
    /// The team's words for 1–4, when it chose its own.
    pub scale: Option<Vec<String>>,
}

#[derive(Debug, Clone, Default, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct SessionInput {
    /// 事業開始時, 中間, 終了時 …
    pub label: String,
    pub rated_on: String,
    /// Start from the ratings of the newest session.
    pub copy_last: bool,
}

impl SessionInput {
    pub fn validate(&self) -> Result<(String, NaiveDate)> {
        let mut c = Checker::new();
        let label = c.text(
            "label",
            "評価の名前",
            &self.label,
            super::limits::SESSION_LABEL,
        );
        let on = c.date("rated_on", "評価日", &self.rated_on);
        c.finish(|| (label, on.expect("checked")))
            .map_err(Error::Validation)
    }
}

#[derive(Debug, Clone, Default, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct RatingInput {
    /// 1–4, or null for 未評価.
    pub score: Option<i32>,
    pub note: String,
}

impl RatingInput {
    pub fn validate(&self) -> Result<(Option<u8>, String)> {
        let mut c = Checker::new();
        if let Some(s) = self.score {
            if !(1..=4).contains(&s) {
                c.push(
                    "score",
                    format!("評価は1〜4から選んでください（{s}は選べません）"),
                );
            }
        }
        let note = c.long_text("note", "メモ", &self.note, super::limits::SHORT_NOTE);
        c.finish(|| (self.score.map(|s| s as u8), note))
            .map_err(Error::Validation)
    }
}

#[derive(Debug, Clone, Default, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct StrengthItemInput {
    pub group: String,
    pub axis: String,
    /// Empty for none.
    pub barrier: String,
    pub text: String,
}

pub struct ValidStrengthItem {
    pub group: StrengthGroup,
    pub axis: Axis,
    pub barrier: Option<Barrier>,
    pub text: String,
}

impl StrengthItemInput {
    pub fn validate(&self) -> Result<ValidStrengthItem> {
        let mut c = Checker::new();
        let group = c.choice(
            "group",
            "区分",
            &self.group,
            StrengthGroup::parse,
            &StrengthGroup::labels(),
        );
        let axis = c.choice("axis", "強み", &self.axis, Axis::parse, &Axis::labels());
        let barrier = if self.barrier.trim().is_empty() {
            None
        } else {
            c.choice(
                "barrier",
                "障壁",
                &self.barrier,
                Barrier::parse,
                &Barrier::labels(),
            )
        };
        let text = c.text("text", "項目", &self.text, super::limits::ITEM_TEXT);
        c.finish(|| ValidStrengthItem {
            group: group.expect("checked"),
            axis: axis.expect("checked"),
            barrier,
            text,
        })
        .map_err(Error::Validation)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn template_covers_all_four_axes_in_both_groups() {
        let t = template();
        for g in StrengthGroup::ALL {
            for a in Axis::ALL {
                assert!(t.iter().any(|i| i.group == *g && i.axis == *a), "{g} {a}");
            }
        }
        for b in Barrier::ALL {
            assert!(t.iter().any(|i| i.barrier == Some(*b)), "{b}");
        }
        let mut keys: Vec<&str> = t.iter().map(|i| i.key.as_str()).collect();
        keys.sort();
        keys.dedup();
        assert_eq!(keys.len(), t.len());
    }

    #[test]
    fn ratings_outside_one_to_four_are_refused() {
        let bad = RatingInput {
            score: Some(5),
            note: String::new(),
        };
        assert!(bad.validate().unwrap_err().fields()[0]
            .message
            .contains("1〜4"));
        assert!(RatingInput {
            score: None,
            note: String::new()
        }
        .validate()
        .is_ok());
    }
}
