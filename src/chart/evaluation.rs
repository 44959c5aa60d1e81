//! The evaluation charts of 図23–25: 他者 and 自己 means per meeting for one
//! item, and the trend of A–D over the meetings.

use super::bars::{grouped, BarSeries};
use super::line::{lines, LineSeries};
use super::Scene;
use crate::analysis::evaluation::{EvaluationSummary, MeetingRef};
use crate::model::evaluation::{EvalItem, EvaluatorKind};
use chrono::Datelike;

/// 「7/16」: meetings of one 年度 are told apart by month and day.
fn label(m: &MeetingRef) -> String {
    format!("{}/{}", m.held_on.month(), m.held_on.day())
}

/// 図23–25: for one item, 他者 and 自己 means side by side per meeting.
pub fn bars(summary: &EvaluationSummary, item: EvalItem) -> Scene {
    let groups: Vec<String> = summary.meetings.iter().map(label).collect();
    let series: Vec<BarSeries> = EvaluatorKind::ALL
        .iter()
        .map(|&kind| BarSeries {
            label: kind.label().to_owned(),
            values: summary
                .meetings
                .iter()
                .map(|m| summary.stat(m.id, item, kind).and_then(|s| s.mean))
                .collect(),
        })
        .collect();
    grouped(
        &format!("{}（{}）", item.short(), item),
        &groups,
        &series,
        4.0,
    )
}

/// The trend of each item over the meetings, for one kind of evaluator.
pub fn trend(summary: &EvaluationSummary, kind: EvaluatorKind) -> Scene {
    let x: Vec<String> = summary.meetings.iter().map(label).collect();
    let series: Vec<LineSeries> = EvalItem::ALL
        .iter()
        .map(|&item| LineSeries {
            label: format!("{} {}", item, item.short()),
            values: summary
                .meetings
                .iter()
                .map(|m| summary.stat(m.id, item, kind).and_then(|s| s.mean))
                .collect(),
        })
        .collect();
    lines(&format!("{}の推移", kind), &x, &series, 4.0)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::analysis::evaluation::summarize;
    use crate::model::evaluation::sample as ev;
    use EvaluatorKind::{Other, SelfRating};

    #[test]
    fn charts_have_a_bar_pair_per_meeting_and_a_line_per_item() {
        let s = summarize(&[
            ev(1, 16, Other, [4, 4, 3, 4]),
            ev(1, 16, SelfRating, [3, 3, 3, 2]),
            ev(2, 30, Other, [4, 3, 3, 3]),
        ]);
        let svg = crate::chart::svg::render(&bars(&s, EvalItem::D));
        assert_eq!(
            svg.matches(r#"class="bar""#).count(),
            3,
            "meeting 2 has no 自己 bar"
        );
        assert!(svg.contains(">7/16</text>") && svg.contains(">他者評価</text>"));
        let svg = crate::chart::svg::render(&trend(&s, Other));
        assert_eq!(svg.matches(r#"class="line""#).count(), 4);
    }
}
