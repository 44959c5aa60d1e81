//! 事業全体: the secretariat's dashboard, one row per team, from what each team
//! records (checklists, meetings, tasks, 課題, evaluations, strengths).

use crate::error::Result;
use crate::model::evaluation::{EvaluationFilter, EvaluatorKind};
use crate::model::program::{TeamRow, QUIET_DAYS};
use crate::model::Side;
use crate::store::Store;
use chrono::NaiveDate;

/// The secretariat's dashboard: one row per team in use.
pub fn program_dashboard(store: &Store, program_id: i64, today: NaiveDate) -> Result<Vec<TeamRow>> {
    store.program(program_id)?;
    let ids: Vec<(i64, Option<String>)> = {
        let mut st = store.conn().prepare(
            "SELECT id, bundle_imported_at FROM projects
             WHERE program_id = ?1 AND archived_at IS NULL ORDER BY id",
        )?;
        let rows = st.query_map([program_id], |r| Ok((r.get(0)?, r.get(1)?)))?;
        rows.collect::<rusqlite::Result<_>>()?
    };
    let mut out = Vec::new();
    for (id, imported) in ids {
        let o = store.overview(id, today)?;
        let p = &o.project;
        let side = |s: Side| {
            o.completion
                .iter()
                .find(|c| c.side == s)
                .map(|c| (c.done, c.applicable))
                .unwrap_or((0, 0))
        };
        let (inner_done, inner_applicable) = side(Side::Inner);
        let (outer_done, outer_applicable) = side(Side::Outer);
        let evals = store.evaluations(Some(id), &EvaluationFilter::default())?;
        let summary = super::evaluation::summarize(&evals);
        let mean_of = |kind: EvaluatorKind| {
            let scores: Vec<u8> = evals
                .iter()
                .filter(|e| e.kind == kind)
                .flat_map(|e| e.scores.iter().copied())
                .collect();
            (!scores.is_empty())
                .then(|| scores.iter().map(|&s| f64::from(s)).sum::<f64>() / scores.len() as f64)
        };
        let meeting_mean = |i: usize, kind: EvaluatorKind| -> Option<f64> {
            let m = &summary.meetings[i];
            let means: Vec<f64> = crate::model::evaluation::EvalItem::ALL
                .iter()
                .filter_map(|&item| summary.stat(m.id, item, kind).and_then(|s| s.mean))
                .collect();
            (!means.is_empty()).then(|| means.iter().sum::<f64>() / means.len() as f64)
        };
        let trend: Vec<f64> = (0..summary.meetings.len())
            .filter_map(|i| meeting_mean(i, EvaluatorKind::Other))
            .collect();
        let latest_gap = (0..summary.meetings.len()).rev().find_map(|i| {
            Some(
                meeting_mean(i, EvaluatorKind::Other)?
                    - meeting_mean(i, EvaluatorKind::SelfRating)?,
            )
        });
        let strengths = super::strength::strengths(store, id)?;
        let weakest_strength = strengths.sessions.last().and_then(|s| {
            s.axes
                .iter()
                .filter_map(|a| a.mean.map(|m| (a.name.clone(), m)))
                .min_by(|a, b| a.1.total_cmp(&b.1))
                .map(|(name, m)| format!("{name}（{m:.1}）"))
        });
        let last_on = o.last_meeting.as_ref().map(|m| m.held_on);
        let mut warnings = Vec::new();
        let running = p.start_date <= today && today <= p.end_date;
        let quiet_since = last_on.unwrap_or(p.start_date);
        if running && (today - quiet_since).num_days() > QUIET_DAYS && o.next_meeting.is_none() {
            warnings.push(format!(
                "{}日間、会議がありません",
                (today - quiet_since).num_days()
            ));
        }
        let overdue = o.overdue_task_count as u32;
        if overdue > 0 {
            warnings.push(format!("期限を過ぎたタスクが{overdue}件あります"));
        }
        let (done, applicable) = (inner_done + outer_done, inner_applicable + outer_applicable);
        out.push(TeamRow {
            project_id: id,
            society: p.society.clone(),
            name: p.name.clone(),
            theme: p.theme,
            phase: p
                .phase
                .as_ref()
                .map(|ph| format!("{}. {}", ph.number, ph.name)),
            inner_done,
            inner_applicable,
            outer_done,
            outer_applicable,
            completion: if applicable == 0 {
                0
            } else {
                ((f64::from(done) * 100.0 / f64::from(applicable)).round()) as u32
            },
            last_meeting: o
                .last_meeting
                .as_ref()
                .map(|m| format!("{}（{}）", m.title, m.held_on_label)),
            last_meeting_on: last_on,
            next_meeting: o
                .next_meeting
                .as_ref()
                .map(|m| format!("{}（{}）", m.title, m.held_on_label)),
            open_tasks: o.open_task_count as u32,
            overdue_tasks: overdue,
            open_issues: o.open_issues.len() as u32,
            other_mean: mean_of(EvaluatorKind::Other),
            self_mean: mean_of(EvaluatorKind::SelfRating),
            latest_gap,
            trend,
            weakest_strength,
            warnings,
            bundle_imported_at: imported,
        });
    }
    Ok(out)
}

/// One team in the program's year summary.
#[derive(Debug, Clone, PartialEq, serde::Serialize, ts_rs::TS)]
#[ts(export)]
pub struct TeamYear {
    pub society: String,
    pub name: String,
    pub theme: crate::model::Theme,
    pub period_label: String,
    pub meetings: u32,
    pub evaluations: u32,
    /// A–D: (他者評価の平均, 自己評価の平均).
    pub means: Vec<(Option<f64>, Option<f64>)>,
}

/// The program's year for the association's board: teams, meetings,
/// evaluation means per team, and its own meetings (研修会 among them).
#[derive(Debug, Clone, PartialEq, serde::Serialize, ts_rs::TS)]
#[ts(export)]
pub struct YearSummary {
    pub program: crate::model::program::Program,
    pub teams: Vec<TeamYear>,
    pub program_meetings: Vec<crate::model::meeting::Meeting>,
}

pub fn year_summary(store: &Store, program_id: i64) -> Result<YearSummary> {
    let program = store.program(program_id)?;
    let mut teams = Vec::new();
    for p in store.projects()? {
        if p.program_id != Some(program_id) {
            continue;
        }
        let evals = store.evaluations(Some(p.id), &EvaluationFilter::default())?;
        let s = super::evaluation::summarize(&evals);
        teams.push(TeamYear {
            meetings: store.meetings(p.id, &Default::default())?.len() as u32,
            evaluations: evals.len() as u32,
            means: s.gaps.iter().map(|g| (g.other_mean, g.self_mean)).collect(),
            society: p.society,
            name: p.name,
            theme: p.theme,
            period_label: p.period_label,
        });
    }
    Ok(YearSummary {
        program,
        teams,
        program_meetings: store.program_meetings(program_id)?,
    })
}
