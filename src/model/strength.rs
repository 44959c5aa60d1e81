//! 強み分析: the four strengths (創造力・人力・対応力・財力) rated through check items
//! (図8 士会内, 図9 外部関係機関・経費), re-rated over time as a milestone.

use super::choice_enum;
use super::validate::Checker;
use crate::chart::radar::{radar, Series};
use crate::chart::Scene;
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

choice_enum! {
    /// The barriers of the training survey (ヒト・モノ・カネ・情報).
    Barrier { People => "ヒト", Things => "モノ", Money => "カネ", Information => "情報" }
}

/// 1–4 with the words the form shows.
pub const SCORE_LABELS: [&str; 4] = ["ない・未確認", "不十分", "ほぼある", "十分ある"];

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
}

/// Mean of the scores of the visible items that `belongs` picks; unrated
/// items are excluded and counted apart.
fn score(
    name: &str,
    items: &[StrengthItem],
    ratings: &[Rating],
    belongs: impl Fn(&StrengthItem) -> bool,
) -> Score {
    let mine: Vec<&StrengthItem> = items.iter().filter(|i| !i.hidden && belongs(i)).collect();
    let scores: Vec<f64> = mine
        .iter()
        .filter_map(|i| ratings.iter().find(|r| r.item_id == i.id)?.score)
        .map(f64::from)
        .collect();
    Score {
        name: name.to_owned(),
        mean: (!scores.is_empty()).then(|| scores.iter().sum::<f64>() / scores.len() as f64),
        rated: scores.len() as u32,
        items: mine.len() as u32,
    }
}

impl Session {
    pub(crate) fn new(
        id: i64,
        label: String,
        rated_on: NaiveDate,
        ratings: Vec<Rating>,
        items: &[StrengthItem],
    ) -> Self {
        let axes = Axis::ALL
            .iter()
            .map(|&a| score(a.label(), items, &ratings, |i| i.axis == a))
            .collect();
        let barriers = Barrier::ALL
            .iter()
            .map(|&b| score(b.label(), items, &ratings, |i| i.barrier == Some(b)))
            .collect();
        Session {
            id,
            label,
            rated_on,
            ratings,
            axes,
            barriers,
        }
    }
}

/// 「財力が最も低い（1.8）。最も高いのは人力（3.2）」; None until something is rated.
pub fn summary(scores: &[Score]) -> Option<String> {
    let rated: Vec<(&str, f64)> = scores
        .iter()
        .filter_map(|s| Some((s.name.as_str(), s.mean?)))
        .collect();
    let low = rated.iter().copied().min_by(|a, b| a.1.total_cmp(&b.1))?;
    let high = rated.iter().copied().max_by(|a, b| a.1.total_cmp(&b.1))?;
    if rated.len() < 2 || (high.1 - low.1).abs() < f64::EPSILON {
        return Some(format!("評価した強みはどれも同じ水準です（{:.1}）", low.1));
    }
    Some(format!(
        "{}が最も低い（{:.1}）。最も高いのは{}（{:.1}）",
        low.0, low.1, high.0, high.1
    ))
}

impl Strengths {
    pub fn new(items: Vec<StrengthItem>, sessions: Vec<Session>) -> Self {
        let summary = sessions.last().and_then(|s| summary(&s.axes));
        Strengths {
            items,
            sessions,
            summary,
        }
    }

    /// The radar of the four strengths (or of the barriers), a polygon per session.
    pub fn radar(&self, by_barrier: bool) -> Scene {
        let (title, names): (&str, Vec<&str>) = if by_barrier {
            (
                "障壁（ヒト・モノ・カネ・情報）の推移",
                Barrier::ALL.iter().map(|b| b.label()).collect(),
            )
        } else {
            (
                "強み（創造力・人力・対応力・財力）の推移",
                Axis::ALL.iter().map(|a| a.label()).collect(),
            )
        };
        let series: Vec<Series> = self
            .sessions
            .iter()
            .map(|s| Series {
                label: &s.label,
                values: if by_barrier { &s.barriers } else { &s.axes }
                    .iter()
                    .map(|x| x.mean)
                    .collect(),
            })
            .collect();
        radar(title, &names, &series, 4.0)
    }
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
        let label = c.text("label", "評価の名前", &self.label, 40);
        let on = c.date("rated_on", "評価日", &self.rated_on);
        c.finish(|| (label, on.expect("checked")))
            .map_err(Error::Validation)
    }
}

#[derive(Debug, Clone, Default, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct RatingInput {
    /// 1–4, or null for 未評価.
    pub score: Option<u8>,
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
        let note = c.optional_text("note", "メモ", &self.note, 1000);
        c.finish(|| (self.score, note)).map_err(Error::Validation)
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

pub struct StrengthItemDraft {
    pub group: StrengthGroup,
    pub axis: Axis,
    pub barrier: Option<Barrier>,
    pub text: String,
}

impl StrengthItemInput {
    pub fn validate(&self) -> Result<StrengthItemDraft> {
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
        let text = c.text("text", "項目", &self.text, 200);
        c.finish(|| StrengthItemDraft {
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

    fn item(id: i64, axis: Axis, hidden: bool) -> StrengthItem {
        StrengthItem {
            id,
            group: StrengthGroup::Society,
            axis,
            barrier: None,
            text: format!("項目{id}"),
            hidden,
            template_key: None,
        }
    }

    fn rating(item_id: i64, score: Option<u8>) -> Rating {
        Rating {
            item_id,
            score,
            note: String::new(),
        }
    }

    #[test]
    fn axis_means_leave_out_unrated_and_hidden_items() {
        let items = vec![
            item(1, Axis::Money, false),
            item(2, Axis::Money, false),
            item(3, Axis::Money, false),
            item(4, Axis::Money, true),
            item(5, Axis::People, false),
        ];
        let ratings = vec![
            rating(1, Some(1)),
            rating(2, Some(2)),
            rating(3, None),
            rating(4, Some(4)),
        ];
        let s = Session::new(
            1,
            "開始時".into(),
            "2024-06-17".parse().unwrap(),
            ratings,
            &items,
        );
        let money = &s.axes[3];
        assert_eq!(money.name, "財力");
        assert_eq!(money.mean, Some(1.5));
        assert_eq!((money.rated, money.items), (2, 3));
        let people = &s.axes[1];
        assert_eq!((people.mean, people.rated, people.items), (None, 0, 1));
        assert_eq!(s.axes[0].items, 0);
    }

    #[test]
    fn summary_names_the_weakest_and_strongest() {
        let s = |name: &str, mean| Score {
            name: name.into(),
            mean,
            rated: 1,
            items: 1,
        };
        assert_eq!(
            summary(&[
                s("創造力", Some(3.0)),
                s("人力", Some(3.25)),
                s("対応力", None),
                s("財力", Some(1.75))
            ])
            .unwrap(),
            "財力が最も低い（1.8）。最も高いのは人力（3.2）"
        );
        assert_eq!(summary(&[s("創造力", None)]), None);
        assert!(summary(&[s("創造力", Some(2.0)), s("財力", Some(2.0))])
            .unwrap()
            .contains("同じ水準"));
    }

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
