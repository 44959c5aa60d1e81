//! 強み分析: the mean of each strength axis (and each barrier) per rating
//! session, and the sentence that names the weakest and the strongest.

use crate::error::Result;
use crate::model::strength::{
    Axis, Barrier, RatedSession, Rating, Score, Session, StrengthItem, StrengthRecords, Strengths,
};
use crate::Store;

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

/// The axis and barrier scores of one session.
pub fn session(raw: RatedSession, items: &[StrengthItem]) -> Session {
    let axes = Axis::ALL
        .iter()
        .map(|&a| score(a.label(), items, &raw.ratings, |i| i.axis == a))
        .collect();
    let barriers = Barrier::ALL
        .iter()
        .map(|&b| score(b.label(), items, &raw.ratings, |i| i.barrier == Some(b)))
        .collect();
    Session {
        rated_on_label: crate::wareki::date_wareki(raw.rated_on),
        id: raw.id,
        label: raw.label,
        rated_on: raw.rated_on,
        ratings: raw.ratings,
        axes,
        barriers,
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

/// Scores every session; the summary speaks of the newest.
pub fn analyze(records: StrengthRecords) -> Strengths {
    let items = records.items;
    let sessions: Vec<Session> = records
        .sessions
        .into_iter()
        .map(|s| session(s, &items))
        .collect();
    let summary = sessions.last().and_then(|s| summary(&s.axes));
    let scale_custom = records.scale.is_some();
    Strengths {
        items,
        sessions,
        summary,
        scale: records.scale.unwrap_or_else(|| {
            crate::model::strength::SCORE_LABELS
                .iter()
                .map(|s| s.to_string())
                .collect()
        }),
        scale_custom,
    }
}

/// A project's strength analysis, read from the store and scored.
pub fn strengths(store: &Store, project_id: i64) -> Result<Strengths> {
    Ok(analyze(store.strength_records(project_id)?))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::strength::StrengthGroup;
    use chrono::NaiveDate;

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
        let s = session(
            RatedSession {
                id: 1,
                label: "開始時".into(),
                rated_on: "2024-06-17".parse::<NaiveDate>().unwrap(),
                ratings,
            },
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
}
