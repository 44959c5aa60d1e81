//! The statistics of 図23–25 in one place: per meeting × item × evaluator kind
//! the count, mean, minimum and maximum; the gap 他者−自己 per item; the trend.

use crate::model::evaluation::{EvalItem, Evaluation, EvaluatorKind};
use chrono::NaiveDate;
use serde::Serialize;
use ts_rs::TS;

#[derive(Debug, Clone, PartialEq, Serialize, TS)]
#[ts(export)]
pub struct MeetingRef {
    #[ts(type = "number")]
    pub id: i64,
    pub title: String,
    pub held_on: NaiveDate,
    /// 令和6年7月16日.
    pub held_on_label: String,
}

#[derive(Debug, Clone, PartialEq, Serialize, TS)]
#[ts(export)]
pub struct ItemStat {
    #[ts(type = "number")]
    pub meeting_id: i64,
    pub item: EvalItem,
    pub kind: EvaluatorKind,
    pub n: u32,
    pub mean: Option<f64>,
    pub min: Option<u8>,
    pub max: Option<u8>,
}

#[derive(Debug, Clone, PartialEq, Serialize, TS)]
#[ts(export)]
pub struct Gap {
    pub item: EvalItem,
    pub other_mean: Option<f64>,
    pub self_mean: Option<f64>,
    /// 他者 − 自己; None unless both were rated.
    pub gap: Option<f64>,
}

#[derive(Debug, Clone, PartialEq, Serialize, TS)]
#[ts(export)]
pub struct EvaluationSummary {
    /// Meetings with at least one evaluation, oldest first.
    pub meetings: Vec<MeetingRef>,
    /// Every meeting × item × kind, including n = 0 where a kind is missing.
    pub stats: Vec<ItemStat>,
    pub gaps: Vec<Gap>,
    /// 「臨機応変な支援（D）の自己評価は他者評価より平均1.2低い」.
    pub sentence: Option<String>,
    #[ts(type = "number")]
    pub evaluations: u32,
}

fn stat(meeting_id: i64, item: EvalItem, kind: EvaluatorKind, scores: &[u8]) -> ItemStat {
    let n = scores.len() as u32;
    ItemStat {
        meeting_id,
        item,
        kind,
        n,
        mean: (n > 0).then(|| scores.iter().map(|&s| f64::from(s)).sum::<f64>() / f64::from(n)),
        min: scores.iter().copied().min(),
        max: scores.iter().copied().max(),
    }
}

fn scores_of<'a>(evals: impl Iterator<Item = &'a Evaluation>, item: EvalItem) -> Vec<u8> {
    let i = EvalItem::ALL.iter().position(|x| *x == item).expect("A–D");
    evals.filter_map(|e| e.scores.get(i).copied()).collect()
}

fn mean(scores: &[u8]) -> Option<f64> {
    (!scores.is_empty())
        .then(|| scores.iter().map(|&s| f64::from(s)).sum::<f64>() / scores.len() as f64)
}

pub fn summarize(evals: &[Evaluation]) -> EvaluationSummary {
    let mut meetings: Vec<MeetingRef> = Vec::new();
    for e in evals {
        if !meetings.iter().any(|m| m.id == e.meeting_id) {
            meetings.push(MeetingRef {
                id: e.meeting_id,
                title: e.meeting_title.clone(),
                held_on: e.held_on,
                held_on_label: e.held_on_label.clone(),
            });
        }
    }
    meetings.sort_by_key(|m| (m.held_on, m.id));

    let mut stats = Vec::new();
    for m in &meetings {
        for &item in EvalItem::ALL {
            for &kind in EvaluatorKind::ALL {
                let scores = scores_of(
                    evals
                        .iter()
                        .filter(|e| e.meeting_id == m.id && e.kind == kind),
                    item,
                );
                stats.push(stat(m.id, item, kind, &scores));
            }
        }
    }

    let gaps: Vec<Gap> = EvalItem::ALL
        .iter()
        .map(|&item| {
            let other = mean(&scores_of(
                evals.iter().filter(|e| e.kind == EvaluatorKind::Other),
                item,
            ));
            let own = mean(&scores_of(
                evals.iter().filter(|e| e.kind == EvaluatorKind::SelfRating),
                item,
            ));
            Gap {
                item,
                other_mean: other,
                self_mean: own,
                gap: other.zip(own).map(|(o, s)| o - s),
            }
        })
        .collect();
    let sentence = gaps
        .iter()
        .filter_map(|g| Some((g.item, g.gap?)))
        .max_by(|a, b| a.1.abs().total_cmp(&b.1.abs()))
        .map(|(item, gap)| {
            if gap.abs() < 0.05 {
                "自己評価と他者評価の差はほとんどありません".to_owned()
            } else {
                format!(
                    "{}（{}）の自己評価は他者評価より平均{:.1}{}",
                    item.short(),
                    item,
                    gap.abs(),
                    if gap > 0.0 { "低い" } else { "高い" }
                )
            }
        });
    EvaluationSummary {
        meetings,
        stats,
        gaps,
        sentence,
        evaluations: evals.len() as u32,
    }
}

impl EvaluationSummary {
    pub fn stat(&self, meeting_id: i64, item: EvalItem, kind: EvaluatorKind) -> Option<&ItemStat> {
        self.stats
            .iter()
            .find(|s| s.meeting_id == meeting_id && s.item == item && s.kind == kind)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    use crate::model::evaluation::sample as ev;

    use EvaluatorKind::{Other, SelfRating};

    #[test]
    fn hand_computed_means_gaps_and_the_sentence() {
        let evals = [
            ev(1, 16, Other, [4, 4, 3, 4]),
            ev(1, 16, Other, [3, 4, 4, 4]),
            ev(1, 16, SelfRating, [3, 3, 3, 2]),
            // Meeting 2 has only 他者評価.
            ev(2, 30, Other, [4, 3, 3, 3]),
        ];
        let s = summarize(&evals);
        assert_eq!(s.meetings.iter().map(|m| m.id).collect::<Vec<_>>(), [1, 2]);
        assert_eq!(s.stats.len(), 2 * 4 * 2);
        let a1 = s.stat(1, EvalItem::A, Other).unwrap();
        assert_eq!(
            (a1.n, a1.mean, a1.min, a1.max),
            (2, Some(3.5), Some(3), Some(4))
        );
        // Nobody rated meeting 2 as 自己評価: n = 0 and no mean.
        let d2 = s.stat(2, EvalItem::D, SelfRating).unwrap();
        assert_eq!((d2.n, d2.mean, d2.min), (0, None, None));
        // D: 他者 (4+4+3)/3 = 3.667, 自己 2 → gap 1.667, the largest.
        let d = &s.gaps[3];
        assert!((d.gap.unwrap() - 5.0 / 3.0).abs() < 1e-9);
        // A: 他者 (4+3+4)/3 = 3.667, 自己 3 → 0.667.
        assert!((s.gaps[0].gap.unwrap() - 2.0 / 3.0).abs() < 1e-9);
        assert_eq!(
            s.sentence.as_deref(),
            Some("臨機応変な支援（D）の自己評価は他者評価より平均1.7低い")
        );
    }

    #[test]
    fn only_one_kind_gives_no_gap_and_no_sentence() {
        let s = summarize(&[ev(1, 16, Other, [4, 4, 4, 4])]);
        assert!(s
            .gaps
            .iter()
            .all(|g| g.gap.is_none() && g.self_mean.is_none()));
        assert_eq!(s.sentence, None);
        let s = summarize(&[]);
        assert!(s.meetings.is_empty() && s.stats.is_empty() && s.sentence.is_none());
    }

    #[test]
    fn a_higher_self_rating_is_said_plainly() {
        let s = summarize(&[
            ev(1, 16, Other, [2, 3, 3, 3]),
            ev(1, 16, SelfRating, [4, 3, 3, 3]),
        ]);
        assert_eq!(
            s.sentence.as_deref(),
            Some("関係性（A）の自己評価は他者評価より平均2.0高い")
        );
    }
}
