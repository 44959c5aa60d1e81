//! The statistics of 図23–25 in one place: per meeting × item × evaluator kind
//! the count, mean, minimum and maximum; the gap 他者−自己 per item, pooled and
//! meeting by meeting with its range (as the report describes it); the trend.

use crate::model::evaluation::{
    EvalItem, Evaluation, EvaluationScope, EvaluatorKind, JointRaters, MeetingGroup,
};
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

#[derive(Debug, Clone, Copy, PartialEq, Serialize, TS)]
#[ts(export)]
pub struct GapRange {
    pub low: f64,
    pub high: f64,
}

impl GapRange {
    /// 「0.5〜1.5」: one decimal, rounded as the summary sentence rounds it, so a
    /// table and its sentence never say the same gap two ways.
    pub fn label(&self) -> String {
        let (lo, hi) = (pt(self.low), pt(self.high));
        if lo == hi {
            lo
        } else {
            format!("{lo}〜{hi}")
        }
    }
}

#[derive(Debug, Clone, PartialEq, Serialize, TS)]
#[ts(export)]
pub struct Gap {
    pub item: EvalItem,
    /// Over every evaluation of the summary (pooled).
    pub other_mean: Option<f64>,
    pub self_mean: Option<f64>,
    /// 他者 − 自己; None unless both were rated.
    pub gap: Option<f64>,
    /// Meeting by meeting (in the order of `meetings`): None where only one
    /// kind was filled in — shown 「—」, never 0.
    pub per_meeting: Vec<Option<f64>>,
    /// The smallest and largest of the per-meeting gaps.
    pub range: Option<GapRange>,
    /// The range as every table prints it ([`GapRange::label`]).
    pub range_label: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Serialize, TS)]
#[ts(export)]
pub struct EvaluationSummary {
    /// Meetings with at least one evaluation, oldest first.
    pub meetings: Vec<MeetingRef>,
    /// Every meeting × item × kind, including n = 0 where a kind is missing.
    pub stats: Vec<ItemStat>,
    pub gaps: Vec<Gap>,
    /// The per-meeting gap ranges as one sentence, the app's short form of how
    /// the report describes them (「…0.5ポイントから1.0ポイントの評定差がある」):
    /// 「A〜Cは0.5〜1.0ポイント、Dは0.5〜1.5ポイント自己評価が低い」.
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
    // Each meeting's evaluations found once, not once per item and kind.
    let mut by_meeting: std::collections::HashMap<i64, Vec<&Evaluation>> =
        std::collections::HashMap::new();
    for e in evals {
        by_meeting.entry(e.meeting_id).or_default().push(e);
    }
    let of_meeting = |id: i64, kind: EvaluatorKind| {
        by_meeting[&id]
            .iter()
            .copied()
            .filter(move |e| e.kind == kind)
    };

    let mut stats = Vec::new();
    for m in &meetings {
        for &item in EvalItem::ALL {
            for &kind in EvaluatorKind::ALL {
                let scores = scores_of(of_meeting(m.id, kind), item);
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
            let per_meeting: Vec<Option<f64>> = meetings
                .iter()
                .map(|m| {
                    let of = |kind| mean(&scores_of(of_meeting(m.id, kind), item));
                    of(EvaluatorKind::Other)
                        .zip(of(EvaluatorKind::SelfRating))
                        .map(|(o, s)| o - s)
                })
                .collect();
            let known = per_meeting.iter().flatten().copied();
            let range = known.clone().reduce(f64::min).zip(known.reduce(f64::max));
            let range = range.map(|(low, high)| GapRange { low, high });
            Gap {
                item,
                other_mean: other,
                self_mean: own,
                gap: other.zip(own).map(|(o, s)| o - s),
                per_meeting,
                range_label: range.map(|r| r.label()),
                range,
            }
        })
        .collect();
    let sentence = gap_sentence(&gaps);
    EvaluationSummary {
        meetings,
        stats,
        gaps,
        sentence,
        evaluations: evals.len() as u32,
    }
}

/// One decimal, as the report writes points (0.5, 1.0), rounded as every
/// other printed number is ([`super::round`]).
fn pt(x: f64) -> String {
    super::round::fixed(x, 1)
}

/// 「A〜C」 for three or more items in a row, else 「A・B」「A・B・D」.
fn items_label(items: &[EvalItem]) -> String {
    let at = |i: &EvalItem| EvalItem::ALL.iter().position(|x| x == i);
    let in_a_row = items
        .windows(2)
        .all(|w| matches!((at(&w[0]), at(&w[1])), (Some(a), Some(b)) if b == a + 1));
    match items {
        [first, _, .., last] if in_a_row && items.len() >= 3 => format!("{first}〜{last}"),
        _ => items
            .iter()
            .map(|i| i.to_string())
            .collect::<Vec<_>>()
            .join("・"),
    }
}

/// The per-meeting gap ranges in one sentence (the app's wording of what the
/// report describes); items with the same range (to one decimal, as
/// [`GapRange::label`] rounds) are named together.
pub fn gap_sentence(gaps: &[Gap]) -> Option<String> {
    let ranges: Vec<(EvalItem, String, String, f64, f64)> = gaps
        .iter()
        .filter_map(|g| {
            let r = g.range?;
            Some((g.item, pt(r.low), pt(r.high), r.low, r.high))
        })
        .collect();
    if ranges.is_empty() {
        return None;
    }
    let amount = |lo: String, hi: String| {
        if lo == hi {
            format!("{lo}ポイント")
        } else {
            format!("{lo}〜{hi}ポイント")
        }
    };
    // Items with the same range are named together (「A・B・Dは1.0ポイント」),
    // in the order of their first item.
    let mut groups: Vec<(Vec<EvalItem>, f64, f64, String, String)> = Vec::new();
    for (item, lo_t, hi_t, lo, hi) in ranges {
        match groups.iter_mut().find(|g| g.3 == lo_t && g.4 == hi_t) {
            Some(g) => g.0.push(item),
            None => groups.push((vec![item], lo, hi, lo_t, hi_t)),
        }
    }
    let below = |g: &&(Vec<EvalItem>, f64, f64, String, String)| g.1 > 0.0;
    let above = |g: &&(Vec<EvalItem>, f64, f64, String, String)| g.2 < 0.0;
    let none = |g: &&(Vec<EvalItem>, f64, f64, String, String)| g.3 == "0.0" && g.4 == "0.0";
    // Items without a difference are said apart, after the others.
    let level: Vec<EvalItem> = groups
        .iter()
        .filter(none)
        .flat_map(|g| g.0.clone())
        .collect();
    let tail = if level.is_empty() {
        String::new()
    } else {
        format!(
            "（{}は差がない）",
            level
                .iter()
                .map(|i| i.to_string())
                .collect::<Vec<_>>()
                .join("・")
        )
    };
    let differing: Vec<_> = groups.iter().filter(|g| !none(g)).collect();
    if differing.is_empty() {
        return Some("他者評価と自己評価の差はない".into());
    }
    if differing.iter().all(below) {
        let parts: Vec<String> = differing
            .iter()
            .map(|g| {
                format!(
                    "{}は{}",
                    items_label(&g.0),
                    amount(g.3.clone(), g.4.clone())
                )
            })
            .collect();
        return Some(format!("{}自己評価が低い{tail}", parts.join("、")));
    }
    if differing.iter().all(above) {
        let parts: Vec<String> = differing
            .iter()
            .map(|g| format!("{}は{}", items_label(&g.0), amount(pt(-g.2), pt(-g.1))))
            .collect();
        return Some(format!("{}自己評価が高い{tail}", parts.join("、")));
    }
    let parts: Vec<String> = groups
        .iter()
        .map(|g| {
            let items = items_label(&g.0);
            if below(&g) {
                format!(
                    "{items}は{}自己評価が低い",
                    amount(g.3.clone(), g.4.clone())
                )
            } else if above(&g) {
                format!("{items}は{}自己評価が高い", amount(pt(-g.2), pt(-g.1)))
            } else if none(&g) {
                format!("{items}は差がない")
            } else {
                format!(
                    "{items}は会議により{}〜{}ポイントの差（他者−自己）",
                    g.3, g.4
                )
            }
        })
        .collect();
    Some(parts.join("。"))
}

/// A summary of one group of meetings (図23/24 or 図25).
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
#[ts(export)]
pub struct GroupSummary {
    pub group: MeetingGroup,
    pub summary: EvaluationSummary,
}

/// The summaries a view shows: for the report's split (None) one per group
/// that has evaluations (the team meetings first); else the one group asked for.
pub fn summarize_groups(evals: &[Evaluation], group: Option<MeetingGroup>) -> Vec<GroupSummary> {
    let of = |g: MeetingGroup| {
        let list: Vec<Evaluation> = evals
            .iter()
            .filter(|e| g.contains(e.joint))
            .cloned()
            .collect();
        GroupSummary {
            group: g,
            summary: summarize(&list),
        }
    };
    match group {
        Some(g) => vec![of(g)],
        None => {
            let split: Vec<GroupSummary> = MeetingGroup::SPLIT
                .iter()
                .map(|&g| of(g))
                .filter(|s| s.summary.evaluations > 0)
                .collect();
            if split.is_empty() {
                vec![of(MeetingGroup::All)]
            } else {
                split
            }
        }
    }
}

/// What a view of evaluations computes, in one sentence for the page, the CLI
/// and the PDF. It names 図23〜25 only when the view is computed as they are:
/// a team's own meetings apart from the joint 進捗会議, which pool every member
/// of both teams (「合同進捗会議（７名）」).
pub fn reading(team_view: bool, scope: &EvaluationScope) -> String {
    let kind = scope
        .kind
        .map(|k| format!("（{k}だけ）"))
        .unwrap_or_default();
    let pooled = scope.joint_raters == JointRaters::Both;
    let text = match (team_view, scope.meetings, pooled) {
        (true, None, true) => "報告書の図23〜25と同じ集計です：このチームのチーム会議など（図23・24）と合同の進捗会議（図25）を分け、合同の進捗会議は両チームの全員の他者評価と伴走支援者の自己評価で集計します".to_owned(),
        (true, Some(MeetingGroup::Joint), true) => "合同の進捗会議を、両チームの全員の他者評価と伴走支援者の自己評価で集計しています（報告書の図25と同じ）".to_owned(),
        (true, Some(MeetingGroup::Team), _) => "このチームのチーム会議など（合同の進捗会議を除く）を集計しています（報告書の図23・24と同じ区分）".to_owned(),
        (true, Some(MeetingGroup::All), true) => "チーム会議などと合同の進捗会議をまとめて集計しています（報告書の図23〜25は分けて集計）".to_owned(),
        (true, _, false) => "合同の進捗会議は、このチームのメンバーの他者評価と伴走支援者の自己評価だけで集計しています（報告書の図25は両チームの全員で集計）".to_owned(),
        (false, _, _) => "すべての事業の評価を集計しています。チーム会議などはすべてのチームの会議をまとめたもので、チームごとの報告書の図23・24とは異なります。合同の進捗会議は全員の評価で集計します".to_owned(),
    };
    format!("{text}{kind}。")
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
        // Meeting by meeting: only meeting 1 has both kinds; meeting 2 is 「—」.
        assert_eq!(s.gaps[3].per_meeting, vec![Some(2.0), None]);
        assert_eq!(s.gaps[0].per_meeting, vec![Some(0.5), None]);
        assert_eq!(
            s.sentence.as_deref(),
            Some("A・Cは0.5ポイント、Bは1.0ポイント、Dは2.0ポイント自己評価が低い")
        );
    }

    /// Items with the same range are named once together, wherever they
    /// stand; a range is rounded as the table prints it, float noise or not.
    #[test]
    fn items_with_the_same_range_are_named_together_and_rounded_once() {
        let s = summarize(&[
            ev(1, 16, Other, [4, 4, 3, 4]),
            ev(1, 16, SelfRating, [3, 3, 3, 3]),
        ]);
        assert_eq!(
            s.sentence.as_deref(),
            Some("A・B・Dは1.0ポイント自己評価が低い（Cは差がない）")
        );
        // 他者 7/4, 自己 8/5: 0.15 exactly, computed 0.1499999…
        let mut evals = Vec::new();
        for b in [2, 2, 2, 1] {
            evals.push(ev(1, 16, Other, [3, b, 3, 3]));
        }
        for b in [2, 2, 2, 1, 1] {
            evals.push(ev(1, 16, SelfRating, [3, b, 3, 3]));
        }
        let s = summarize(&evals);
        let b = &s.gaps[1];
        assert!(b.per_meeting[0].unwrap() < 0.15);
        assert_eq!(b.range_label.as_deref(), Some("0.2"));
        assert_eq!(
            s.sentence.as_deref(),
            Some("Bは0.2ポイント自己評価が低い（A・C・Dは差がない）")
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
            Some("Aは2.0ポイント自己評価が高い（B・C・Dは差がない）")
        );
    }

    /// The report's 茨城 figures: three meetings, ranges A–C 0.5–1.0 and D 0.5–1.5.
    #[test]
    fn ranges_over_meetings_are_worded_like_the_report() {
        let s = summarize(&[
            ev(1, 3, Other, [4, 4, 3, 3]),
            ev(1, 3, SelfRating, [3, 3, 2, 2]),
            ev(2, 17, Other, [4, 4, 4, 4]),
            ev(2, 17, SelfRating, [3, 3, 3, 3]),
            ev(3, 31, Other, [4, 4, 4, 4]),
            ev(3, 31, SelfRating, [3, 3, 3, 2]),
            ev(3, 31, SelfRating, [4, 4, 4, 3]),
        ]);
        // Meeting 3: 自己 means 3.5/3.5/3.5/2.5 → gaps 0.5/0.5/0.5/1.5.
        assert_eq!(s.gaps[0].per_meeting, vec![Some(1.0), Some(1.0), Some(0.5)]);
        assert_eq!(s.gaps[3].per_meeting, vec![Some(1.0), Some(1.0), Some(1.5)]);
        let d = s.gaps[3].range.unwrap();
        assert_eq!((d.low, d.high), (1.0, 1.5));
        assert_eq!(
            s.sentence.as_deref(),
            Some("A〜Cは0.5〜1.0ポイント、Dは1.0〜1.5ポイント自己評価が低い")
        );
    }

    #[test]
    fn groups_split_team_meetings_from_joint_ones() {
        let mut joint = ev(9, 5, Other, [4, 4, 4, 4]);
        joint.joint = true;
        let evals = [ev(1, 16, Other, [3, 3, 3, 3]), joint];
        let split = summarize_groups(&evals, None);
        let groups: Vec<MeetingGroup> = split.iter().map(|g| g.group).collect();
        assert_eq!(groups, [MeetingGroup::Team, MeetingGroup::Joint]);
        assert_eq!(split[0].summary.meetings[0].id, 1);
        assert_eq!(split[1].summary.meetings[0].id, 9);
        let all = summarize_groups(&evals, Some(MeetingGroup::All));
        assert_eq!(all.len(), 1);
        assert_eq!(all[0].summary.meetings.len(), 2);
        // Only team meetings: the split shows one group, not an empty joint one.
        assert_eq!(summarize_groups(&evals[..1], None).len(), 1);
    }
}
