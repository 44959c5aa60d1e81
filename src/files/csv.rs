//! CSV that Excel opens correctly: UTF-8 with a byte-order mark, CRLF lines,
//! and text that Excel would run as a formula written as plain text.

use crate::analysis::round::fixed;
use crate::error::{Error, Result};
use crate::model::evaluation::{EvalItem, Evaluation, RATING_LABELS};
use crate::model::issue::Issue;
use crate::model::meeting::Meeting;
use crate::model::task::Task;
use crate::model::{Checklist, Stakeholder};
use std::borrow::Cow;

const BOM: &[u8] = b"\xEF\xBB\xBF";

/// A cell as Excel should read it. Text starting with `=`, `+`, `-`, `@`, a
/// tab or a carriage return would be run as a formula (CSV injection), so it
/// gets a leading apostrophe, which Excel shows as text; numbers stay numbers.
pub fn cell(text: &str) -> Cow<'_, str> {
    let risky = text.starts_with(['=', '+', '-', '@', '\t', '\r']);
    if risky && text.trim().parse::<f64>().is_err() {
        Cow::Owned(format!("'{text}"))
    } else {
        Cow::Borrowed(text)
    }
}

/// A list as its columns' names and its rows of text (dates as YYYY-MM-DD):
/// what the CSV and the Excel workbook are both written from.
pub type Rows = (Vec<&'static str>, Vec<Vec<String>>);

/// A whole sheet: the header, then one record per row, every cell made safe.
pub fn sheet(head: &[&str], rows: &[Vec<String>]) -> Result<Vec<u8>> {
    let mut out = BOM.to_vec();
    {
        let mut w = csv::WriterBuilder::new()
            .terminator(csv::Terminator::CRLF)
            .from_writer(&mut out);
        let io = |e: csv::Error| Error::Io {
            path: "CSV".into(),
            source: std::io::Error::other(e),
        };
        w.write_record(head).map_err(io)?;
        for row in rows {
            w.write_record(row.iter().map(|c| cell(c).into_owned()))
                .map_err(io)?;
        }
        w.flush().map_err(|source| Error::Io {
            path: "CSV".into(),
            source,
        })?;
    }
    Ok(out)
}

/// One row per evaluation × item.
pub fn evaluations_rows(evals: &[Evaluation]) -> Rows {
    let mut rows = Vec::with_capacity(evals.len() * 4);
    for e in evals {
        for (i, item) in EvalItem::ALL.iter().enumerate() {
            let score = e.scores.get(i).copied().unwrap_or(0);
            rows.push(vec![
                e.projects.clone(),
                e.held_on.to_string(),
                e.meeting_title.clone(),
                e.meeting_kind.label().to_owned(),
                e.kind.label().to_owned(),
                e.evaluator.clone(),
                e.written_on.to_string(),
                item.label().to_owned(),
                item.title().to_owned(),
                score.to_string(),
                RATING_LABELS
                    .get(usize::from(score).wrapping_sub(1))
                    .copied()
                    .unwrap_or("")
                    .to_owned(),
                e.comments.get(i).cloned().unwrap_or_default(),
            ]);
        }
    }
    (
        vec![
            "事業（士会）",
            "会議日",
            "会議名",
            "会議の種類",
            "評価者区分",
            "評価者",
            "記載日",
            "項目",
            "項目名",
            "評価",
            "評価の意味",
            "コメント",
        ],
        rows,
    )
}

pub fn evaluations_csv(evals: &[Evaluation]) -> Result<Vec<u8>> {
    let (head, rows) = evaluations_rows(evals);
    sheet(&head, &rows)
}

fn date(d: Option<chrono::NaiveDate>) -> String {
    d.map(|d| d.to_string()).unwrap_or_default()
}

/// 内向き・外向き: one row per item, then its status changes, newest first.
pub fn checklist_rows(c: &Checklist) -> Rows {
    let mut rows = Vec::new();
    for i in &c.items {
        let history: Vec<String> = i
            .history
            .iter()
            .map(|h| {
                format!(
                    "{} {}→{}（{}）",
                    h.changed_on,
                    h.from.map(|s| s.label()).unwrap_or("—"),
                    h.to,
                    h.changed_by
                )
            })
            .collect();
        rows.push(vec![
            i.side.to_string(),
            i.number.to_string(),
            i.text.clone(),
            i.status.to_string(),
            i.owner_name.clone().unwrap_or_default(),
            date(i.due_date),
            if i.overdue {
                "期限超過".into()
            } else {
                String::new()
            },
            i.note.clone(),
            history.join(" / "),
        ]);
    }
    (
        vec![
            "区分",
            "No",
            "項目",
            "状況",
            "担当",
            "期限",
            "期限超過",
            "メモ",
            "履歴",
        ],
        rows,
    )
}

pub fn checklist_csv(c: &Checklist) -> Result<Vec<u8>> {
    let (head, rows) = checklist_rows(c);
    sheet(&head, &rows)
}

/// 表3: one row per meeting.
pub fn meetings_rows(list: &[Meeting]) -> Rows {
    let rows: Vec<Vec<String>> = list
        .iter()
        .map(|m| {
            vec![
                m.held_on.to_string(),
                m.title.clone(),
                m.kind.to_string(),
                m.format.to_string(),
                if m.joint {
                    "合同".into()
                } else {
                    String::new()
                },
                m.participants
                    .iter()
                    .map(|p| p.name.clone())
                    .collect::<Vec<_>>()
                    .join("、"),
                m.guests.join("、"),
                m.agenda.clone(),
                m.decisions.join("\n"),
                m.minutes.clone(),
            ]
        })
        .collect();
    (
        vec![
            "開催日",
            "会議名",
            "種類",
            "方式",
            "合同",
            "参加者",
            "ゲスト",
            "議題",
            "決定事項",
            "議事録",
        ],
        rows,
    )
}

pub fn meetings_csv(list: &[Meeting]) -> Result<Vec<u8>> {
    let (head, rows) = meetings_rows(list);
    sheet(&head, &rows)
}

pub fn tasks_rows(list: &[Task]) -> Rows {
    let rows: Vec<Vec<String>> = list
        .iter()
        .map(|t| {
            vec![
                date(t.due_date),
                t.title.clone(),
                t.status.to_string(),
                t.owner_name.clone().unwrap_or_default(),
                t.phase.map(|p| p.to_string()).unwrap_or_default(),
                if t.milestone {
                    "◆".into()
                } else {
                    String::new()
                },
                t.meeting_title.clone().unwrap_or_default(),
                t.note.clone(),
            ]
        })
        .collect();
    (
        vec![
            "期限",
            "タスク",
            "状況",
            "担当",
            "フェーズ",
            "マイルストーン",
            "元の会議",
            "メモ",
        ],
        rows,
    )
}

pub fn tasks_csv(list: &[Task]) -> Result<Vec<u8>> {
    let (head, rows) = tasks_rows(list);
    sheet(&head, &rows)
}

/// 課題・今後の検討事項, one row each, as the register shows them.
pub fn issues_rows(list: &[Issue]) -> Rows {
    let rows: Vec<Vec<String>> = list
        .iter()
        .map(|i| {
            vec![
                i.number_label.clone(),
                i.kind.to_string(),
                i.title.clone(),
                i.detail.clone(),
                i.status.to_string(),
                i.response.clone(),
                i.raised_on.to_string(),
                date(i.settled_on),
                i.meeting_title.clone().unwrap_or_default(),
            ]
        })
        .collect();
    (
        vec![
            "番号",
            "区分",
            "課題",
            "内容",
            "状況",
            "対応",
            "挙がった日",
            "対応した日",
            "元の会議",
        ],
        rows,
    )
}

pub fn issues_csv(list: &[Issue]) -> Result<Vec<u8>> {
    let (head, rows) = issues_rows(list);
    sheet(&head, &rows)
}

pub fn stakeholders_rows(list: &[Stakeholder]) -> Rows {
    let rows: Vec<Vec<String>> = list
        .iter()
        .map(|s| {
            vec![
                s.name.clone(),
                s.kind.to_string(),
                s.state.to_string(),
                s.contacts
                    .iter()
                    .map(|c| {
                        format!("{} {} {}", c.name, c.title, c.contact)
                            .trim()
                            .to_owned()
                    })
                    .collect::<Vec<_>>()
                    .join("、"),
                s.log
                    .first()
                    .map(|l| l.contacted_on.to_string())
                    .unwrap_or_default(),
                s.log
                    .iter()
                    .map(|l| format!("{} {}", l.contacted_on, l.summary))
                    .collect::<Vec<_>>()
                    .join(" / "),
                s.note.clone(),
            ]
        })
        .collect();
    (
        vec![
            "機関名",
            "種別",
            "関係の状態",
            "担当者",
            "最終連絡日",
            "連絡の記録",
            "メモ",
        ],
        rows,
    )
}

pub fn stakeholders_csv(list: &[Stakeholder]) -> Result<Vec<u8>> {
    let (head, rows) = stakeholders_rows(list);
    sheet(&head, &rows)
}

/// 事業全体: one row per team, as the dashboard shows it.
pub fn dashboard_csv(rows: &[crate::model::program::TeamRow]) -> Result<Vec<u8>> {
    let (head, body) = dashboard_rows(rows);
    sheet(&head, &body)
}

/// 事業全体: one row per team, as the dashboard shows it.
pub fn dashboard_rows(rows: &[crate::model::program::TeamRow]) -> Rows {
    let num = |v: Option<f64>, f: fn(f64) -> String| v.map(f).unwrap_or_default();
    let body: Vec<Vec<String>> = rows
        .iter()
        .map(|r| {
            vec![
                r.society.clone(),
                r.name.clone(),
                r.theme.to_string(),
                r.phase.clone().unwrap_or_default(),
                format!("{}/{}", r.inner_done, r.inner_applicable),
                format!("{}/{}", r.outer_done, r.outer_applicable),
                r.completion.to_string(),
                r.last_meeting.clone().unwrap_or_default(),
                r.next_meeting.clone().unwrap_or_default(),
                r.open_tasks.to_string(),
                r.overdue_tasks.to_string(),
                r.open_issues.to_string(),
                num(r.other_mean, |x| fixed(x, 2)),
                num(r.self_mean, |x| fixed(x, 2)),
                num(r.latest_gap, |x| fixed(x, 2)),
                r.trend
                    .iter()
                    .map(|&x| fixed(x, 2))
                    .collect::<Vec<_>>()
                    .join(" "),
                r.weakest_strength.clone().unwrap_or_default(),
                r.warnings.join("／"),
                r.bundle_imported_at.clone().unwrap_or_default(),
            ]
        })
        .collect();
    (
        vec![
            "士会",
            "事業名",
            "テーマ",
            "フェーズ",
            "内向き（完了/対象）",
            "外向き（完了/対象）",
            "達成度（%）",
            "直近の会議",
            "次の会議",
            "未完了タスク",
            "期限超過タスク",
            "未解決の課題",
            "他者評価の平均",
            "自己評価の平均",
            "最新の差（他者−自己）",
            "他者評価の推移",
            "最も弱い強み",
            "注意",
            "最後に取り込んだファイル",
        ],
        body,
    )
}

/// アンケート結果: one row per option (per row and option for a grid), with
/// its count, the denominator and the share; free texts one per row.
pub fn survey_results_rows(r: &crate::analysis::survey::SurveyResults) -> Rows {
    let mut rows = Vec::new();
    for q in &r.questions {
        let head = |row: &str, option: &str, count: String, of: u32, share: String| {
            vec![
                format!("問{}", q.number),
                q.text.clone(),
                q.kind.to_string(),
                row.to_owned(),
                option.to_owned(),
                count,
                of.to_string(),
                share,
            ]
        };
        let pct = |s: f64| format!("{:.1}", crate::analysis::survey::one_decimal(s));
        for o in &q.options {
            if q.rows.is_empty() {
                rows.push(head(
                    "",
                    &o.label,
                    o.count.to_string(),
                    q.base,
                    pct(o.share),
                ));
            }
        }
        for row in &q.rows {
            for o in &row.options {
                rows.push(head(
                    &row.label,
                    &o.label,
                    o.count.to_string(),
                    row.answered,
                    pct(o.share),
                ));
            }
        }
        // Free text as the report lists it: identical lines once, with their count.
        for g in &q.text_groups {
            rows.push(head(
                "",
                &g.text,
                g.count.to_string(),
                q.answered,
                String::new(),
            ));
        }
    }
    (
        vec![
            "問",
            "質問",
            "種類",
            "行",
            "選択肢・記述",
            "件数",
            "分母（件）",
            "割合（%）",
        ],
        rows,
    )
}

pub fn survey_results_csv(r: &crate::analysis::survey::SurveyResults) -> Result<Vec<u8>> {
    let (head, rows) = survey_results_rows(r);
    sheet(&head, &rows)
}

/// The lists the window and the CLI export for Excel.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Deserialize, ts_rs::TS)]
#[serde(rename_all = "lowercase")]
#[ts(export)]
pub enum List {
    Checklist,
    Meetings,
    Tasks,
    Stakeholders,
    Evaluations,
}

impl List {
    /// The name a file gets by default: 「準備チェック_山口県理学療法士会.csv」.
    pub fn label(self) -> &'static str {
        match self {
            List::Checklist => "準備チェック",
            List::Meetings => "会議",
            List::Tasks => "タスク",
            List::Stakeholders => "関係機関",
            List::Evaluations => "伴走支援評価",
        }
    }
}

/// One of a project's lists as CSV bytes, and how many records it holds.
pub fn list_csv(
    store: &crate::Store,
    project_id: i64,
    list: List,
    today: chrono::NaiveDate,
) -> Result<(Vec<u8>, usize)> {
    Ok(match list {
        List::Checklist => {
            let c = store.checklist(project_id, today)?;
            (checklist_csv(&c)?, c.items.len())
        }
        List::Meetings => {
            let m = store.meetings(project_id, &Default::default())?;
            (meetings_csv(&m)?, m.len())
        }
        List::Tasks => {
            let t = store.tasks(project_id, today)?;
            (tasks_csv(&t)?, t.len())
        }
        List::Stakeholders => {
            let s = store.stakeholders(project_id)?;
            (stakeholders_csv(&s)?, s.len())
        }
        List::Evaluations => {
            let e = store.evaluations(Some(project_id), &Default::default())?;
            (evaluations_csv(&e)?, e.len())
        }
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn formulas_become_text_and_numbers_stay_numbers() {
        assert_eq!(cell("=1+1"), "'=1+1");
        assert_eq!(cell("+81 90"), "'+81 90");
        assert_eq!(cell("@SUM(A1)"), "'@SUM(A1)");
        assert_eq!(cell("-とても良い"), "'-とても良い");
        assert_eq!(cell("\t=cmd"), "'\t=cmd");
        assert_eq!(cell("-1.5"), "-1.5");
        assert_eq!(cell("4"), "4");
        assert_eq!(cell("丁寧な傾聴=信頼"), "丁寧な傾聴=信頼");
    }
}
