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

/// A list's column: its header and how its cell is read from a record. A
/// list is a table of these, so a header and its value are written together
/// (adding a column is one line) and never fall out of step.
pub type Column<T> = (&'static str, fn(&T) -> String);

/// The rows of `records` under `columns`.
pub fn rows_of<T>(columns: &[Column<T>], records: &[T]) -> Rows {
    (
        columns.iter().map(|(head, _)| *head).collect(),
        records
            .iter()
            .map(|r| columns.iter().map(|(_, cell)| cell(r)).collect())
            .collect(),
    )
}

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

/// One evaluation's line for one item (A–D): a row of the evaluations list.
pub struct EvalLine<'a> {
    pub e: &'a Evaluation,
    pub item: usize,
}

impl EvalLine<'_> {
    fn score(&self) -> u8 {
        self.e.scores.get(self.item).copied().unwrap_or(0)
    }
}

/// One row per evaluation × item.
#[allow(clippy::type_complexity)]
pub const EVALUATION_COLUMNS: &[(&str, for<'a, 'b> fn(&'a EvalLine<'b>) -> String)] = &[
    ("事業（士会）", |l| l.e.projects.clone()),
    ("会議日", |l| l.e.held_on.to_string()),
    ("会議名", |l| l.e.meeting_title.clone()),
    ("会議の種類", |l| l.e.meeting_kind.label().to_owned()),
    ("評価者区分", |l| l.e.kind.label().to_owned()),
    ("評価者", |l| l.e.evaluator.clone()),
    ("記載日", |l| l.e.written_on.to_string()),
    ("項目", |l| EvalItem::ALL[l.item].label().to_owned()),
    ("項目名", |l| EvalItem::ALL[l.item].title().to_owned()),
    ("評価", |l| l.score().to_string()),
    ("評価の意味", |l| {
        RATING_LABELS
            .get(usize::from(l.score()).wrapping_sub(1))
            .copied()
            .unwrap_or("")
            .to_owned()
    }),
    ("コメント", |l| {
        l.e.comments.get(l.item).cloned().unwrap_or_default()
    }),
];

pub fn evaluations_rows(evals: &[Evaluation]) -> Rows {
    let lines: Vec<EvalLine> = evals
        .iter()
        .flat_map(|e| (0..EvalItem::ALL.len()).map(move |item| EvalLine { e, item }))
        .collect();
    rows_of(EVALUATION_COLUMNS, &lines)
}

pub fn evaluations_csv(evals: &[Evaluation]) -> Result<Vec<u8>> {
    let (head, rows) = evaluations_rows(evals);
    sheet(&head, &rows)
}

fn date(d: Option<chrono::NaiveDate>) -> String {
    d.map(|d| d.to_string()).unwrap_or_default()
}

/// 内向き・外向き: one row per item, its status changes in the last column.
pub const CHECKLIST_COLUMNS: &[Column<crate::model::checklist::ChecklistItem>] = &[
    ("区分", |i| i.side.to_string()),
    ("No", |i| i.number.to_string()),
    ("項目", |i| i.text.clone()),
    ("状況", |i| i.status.to_string()),
    ("担当", |i| i.owner_name.clone().unwrap_or_default()),
    ("期限", |i| date(i.due_date)),
    ("期限超過", |i| {
        if i.overdue {
            "期限超過".into()
        } else {
            String::new()
        }
    }),
    ("メモ", |i| i.note.clone()),
    ("履歴", |i| {
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
        history.join(" / ")
    }),
];

pub fn checklist_rows(c: &Checklist) -> Rows {
    rows_of(CHECKLIST_COLUMNS, &c.items)
}

pub fn checklist_csv(c: &Checklist) -> Result<Vec<u8>> {
    let (head, rows) = checklist_rows(c);
    sheet(&head, &rows)
}

/// 表3: one row per meeting.
/// 表3: one row per meeting.
pub const MEETING_COLUMNS: &[Column<Meeting>] = &[
    ("開催日", |m| m.held_on.to_string()),
    ("会議名", |m| m.title.clone()),
    ("種類", |m| m.kind.to_string()),
    ("方式", |m| m.format.to_string()),
    ("合同", |m| {
        if m.joint {
            "合同".into()
        } else {
            String::new()
        }
    }),
    ("参加者", |m| {
        let names: Vec<&str> = m.participants.iter().map(|p| p.name.as_str()).collect();
        names.join("、")
    }),
    ("ゲスト", |m| m.guests.join("、")),
    ("議題", |m| m.agenda.clone()),
    ("決定事項", |m| m.decisions.join("\n")),
    ("議事録", |m| m.minutes.clone()),
];

pub fn meetings_rows(list: &[Meeting]) -> Rows {
    rows_of(MEETING_COLUMNS, list)
}

pub fn meetings_csv(list: &[Meeting]) -> Result<Vec<u8>> {
    let (head, rows) = meetings_rows(list);
    sheet(&head, &rows)
}

pub const TASK_COLUMNS: &[Column<Task>] = &[
    ("期限", |t| date(t.due_date)),
    ("タスク", |t| t.title.clone()),
    ("状況", |t| t.status.to_string()),
    ("担当", |t| t.owner_name.clone().unwrap_or_default()),
    ("フェーズ", |t| {
        t.phase.map(|p| p.to_string()).unwrap_or_default()
    }),
    ("マイルストーン", |t| {
        if t.milestone {
            "◆".into()
        } else {
            String::new()
        }
    }),
    ("元の会議", |t| {
        t.meeting_title.clone().unwrap_or_default()
    }),
    ("メモ", |t| t.note.clone()),
];

pub fn tasks_rows(list: &[Task]) -> Rows {
    rows_of(TASK_COLUMNS, list)
}

pub fn tasks_csv(list: &[Task]) -> Result<Vec<u8>> {
    let (head, rows) = tasks_rows(list);
    sheet(&head, &rows)
}

/// 課題・今後の検討事項, one row each, as the register shows them.
pub fn issues_rows(list: &[Issue]) -> Rows {
    rows_of(ISSUE_COLUMNS, list)
}

pub const ISSUE_COLUMNS: &[Column<Issue>] = &[
    ("番号", |i| i.number_label.clone()),
    ("区分", |i| i.kind.to_string()),
    ("課題", |i| i.title.clone()),
    ("内容", |i| i.detail.clone()),
    ("状況", |i| i.status.to_string()),
    ("対応", |i| i.response.clone()),
    ("挙がった日", |i| i.raised_on.to_string()),
    ("対応した日", |i| date(i.settled_on)),
    ("元の会議", |i| {
        i.meeting_title.clone().unwrap_or_default()
    }),
];

pub fn issues_csv(list: &[Issue]) -> Result<Vec<u8>> {
    let (head, rows) = issues_rows(list);
    sheet(&head, &rows)
}

pub const STAKEHOLDER_COLUMNS: &[Column<Stakeholder>] = &[
    ("機関名", |s| s.name.clone()),
    ("種別", |s| s.kind.to_string()),
    ("関係の状態", |s| s.state.to_string()),
    ("担当者", |s| {
        let people: Vec<String> = s
            .contacts
            .iter()
            .map(|c| {
                format!("{} {} {}", c.name, c.title, c.contact)
                    .trim()
                    .to_owned()
            })
            .collect();
        people.join("、")
    }),
    ("最終連絡日", |s| {
        s.log
            .first()
            .map(|l| l.contacted_on.to_string())
            .unwrap_or_default()
    }),
    ("連絡の記録", |s| {
        let log: Vec<String> = s
            .log
            .iter()
            .map(|l| format!("{} {}", l.contacted_on, l.summary))
            .collect();
        log.join(" / ")
    }),
    ("メモ", |s| s.note.clone()),
];

pub fn stakeholders_rows(list: &[Stakeholder]) -> Rows {
    rows_of(STAKEHOLDER_COLUMNS, list)
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

fn mean(v: Option<f64>) -> String {
    v.map(|x| fixed(x, 2)).unwrap_or_default()
}

/// 事業全体: one row per team, as the dashboard shows it.
pub const DASHBOARD_COLUMNS: &[Column<crate::model::program::TeamRow>] = &[
    ("士会", |r| r.society.clone()),
    ("事業名", |r| r.name.clone()),
    ("テーマ", |r| r.theme.to_string()),
    ("フェーズ", |r| r.phase.clone().unwrap_or_default()),
    ("内向き（完了/対象）", |r| {
        format!("{}/{}", r.inner_done, r.inner_applicable)
    }),
    ("外向き（完了/対象）", |r| {
        format!("{}/{}", r.outer_done, r.outer_applicable)
    }),
    ("達成度（%）", |r| r.completion.to_string()),
    ("直近の会議", |r| {
        r.last_meeting.clone().unwrap_or_default()
    }),
    ("次の会議", |r| {
        r.next_meeting.clone().unwrap_or_default()
    }),
    ("未完了タスク", |r| r.open_tasks.to_string()),
    ("期限超過タスク", |r| r.overdue_tasks.to_string()),
    ("未解決の課題", |r| r.open_issues.to_string()),
    ("他者評価の平均", |r| mean(r.other_mean)),
    ("自己評価の平均", |r| mean(r.self_mean)),
    ("最新の差（他者−自己）", |r| mean(r.latest_gap)),
    ("他者評価の推移", |r| {
        let trend: Vec<String> = r.trend.iter().map(|&x| fixed(x, 2)).collect();
        trend.join(" ")
    }),
    ("最も弱い強み", |r| {
        r.weakest_strength.clone().unwrap_or_default()
    }),
    ("注意", |r| r.warnings.join("／")),
    ("最後に取り込んだファイル", |r| {
        r.bundle_imported_at.clone().unwrap_or_default()
    }),
];

pub fn dashboard_rows(rows: &[crate::model::program::TeamRow]) -> Rows {
    rows_of(DASHBOARD_COLUMNS, rows)
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
