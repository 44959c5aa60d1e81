//! The program's documents: 「事業全体の進捗一覧」 (A4 landscape, for the
//! 事業協力者会議) and the year summary for the association's board.

use super::layout::{Column, Layout, Pdf};
use crate::analysis::program::YearSummary;
use crate::model::program::{Program, TeamRow};
use crate::wareki;
use chrono::NaiveDate;

fn mean(v: Option<f64>) -> String {
    v.map(|x| crate::analysis::round::fixed(x, 2))
        .unwrap_or_else(|| "—".into())
}

/// The dashboard as a table, one team per row, its warnings under it.
pub fn dashboard_pdf(
    program: &Program,
    rows: &[TeamRow],
    today: NaiveDate,
    created: chrono::DateTime<chrono::Local>,
) -> Pdf {
    let title = format!("事業全体の進捗一覧　{}", program.name);
    let mut l = Layout::new(
        &title,
        &format!("{}　{}現在", program.name, wareki::date_wareki(today)),
    )
    .landscape();
    l.new_page();
    l.heading("事業全体の進捗一覧");
    l.paragraph(
        &format!(
            "{}　{}　{}現在・{}チーム",
            program.title(),
            program.who_runs_it(),
            wareki::date_wareki(today),
            rows.len()
        ),
        10.0,
        false,
    );
    let table: Vec<Vec<String>> = rows
        .iter()
        .map(|r| {
            vec![
                format!("{}\n{}", r.society, r.theme),
                r.phase.clone().unwrap_or_else(|| "—".into()),
                format!(
                    "内 {}/{}\n外 {}/{}（{}%）",
                    r.inner_done,
                    r.inner_applicable,
                    r.outer_done,
                    r.outer_applicable,
                    r.completion
                ),
                format!(
                    "{}\n次：{}",
                    r.last_meeting.clone().unwrap_or_else(|| "—".into()),
                    r.next_meeting.clone().unwrap_or_else(|| "—".into())
                ),
                format!("未完了 {}\n超過 {}", r.open_tasks, r.overdue_tasks),
                r.open_issues.to_string(),
                format!(
                    "他者 {} / 自己 {}\n最新の差 {}",
                    mean(r.other_mean),
                    mean(r.self_mean),
                    r.latest_gap
                        .map(|g| format!("{g:+.2}"))
                        .unwrap_or_else(|| "—".into())
                ),
                r.weakest_strength.clone().unwrap_or_else(|| "—".into()),
                if r.warnings.is_empty() {
                    "—".into()
                } else {
                    r.warnings.join("\n")
                },
            ]
        })
        .collect();
    l.table(
        &[
            Column {
                title: "チーム・テーマ",
                weight: 1.7,
            },
            Column {
                title: "フェーズ",
                weight: 1.4,
            },
            Column {
                title: "準備チェック",
                weight: 1.2,
            },
            Column {
                title: "直近・次の会議",
                weight: 2.4,
            },
            Column {
                title: "タスク",
                weight: 0.9,
            },
            Column {
                title: "課題",
                weight: 0.5,
            },
            Column {
                title: "評価（A〜Dの平均）",
                weight: 1.6,
            },
            Column {
                title: "弱い強み",
                weight: 1.0,
            },
            Column {
                title: "注意",
                weight: 1.6,
            },
        ],
        &table,
    );
    l.finish(&title, "", created)
}

/// The year summary: teams, meetings, evaluation means per team, the
/// program's own meetings (研修会 among them).
pub fn year_summary_pdf(s: &YearSummary, created: chrono::DateTime<chrono::Local>) -> Pdf {
    let p = &s.program;
    let title = format!("事業の年間まとめ　{}", p.title());
    let mut l = Layout::new(&title, &p.name);
    l.new_page();
    l.heading("事業の年間まとめ");
    l.paragraph(&format!("{}　{}", p.title(), p.who_runs_it()), 10.0, false);
    l.subheading("モデルチーム");
    let teams: Vec<Vec<String>> = s
        .teams
        .iter()
        .map(|t| {
            vec![
                t.society.clone(),
                format!("{}\n{}", t.name, t.theme),
                t.period_label.clone(),
                t.meetings.to_string(),
                t.evaluations.to_string(),
            ]
        })
        .collect();
    l.table(
        &[
            Column {
                title: "士会",
                weight: 1.4,
            },
            Column {
                title: "事業・テーマ",
                weight: 2.6,
            },
            Column {
                title: "期間",
                weight: 2.0,
            },
            Column {
                title: "会議",
                weight: 0.6,
            },
            Column {
                title: "評価",
                weight: 0.6,
            },
        ],
        &teams,
    );
    l.subheading("伴走支援評価の平均（他者評価／自己評価）");
    let means: Vec<Vec<String>> = s
        .teams
        .iter()
        .map(|t| {
            let mut row = vec![t.society.clone()];
            for (o, own) in &t.means {
                row.push(format!("{} / {}", mean(*o), mean(*own)));
            }
            row
        })
        .collect();
    l.table(
        &[
            Column {
                title: "士会",
                weight: 1.4,
            },
            Column {
                title: "A 関係性",
                weight: 1.0,
            },
            Column {
                title: "B 活動の推進",
                weight: 1.0,
            },
            Column {
                title: "C 現実検討",
                weight: 1.0,
            },
            Column {
                title: "D 臨機応変",
                weight: 1.0,
            },
        ],
        &means,
    );
    l.subheading("事業全体の会議・研修会");
    let meetings: Vec<Vec<String>> = s
        .program_meetings
        .iter()
        .map(|m| {
            vec![
                wareki::date_wareki(m.held_on),
                m.title.clone(),
                m.format.to_string(),
                m.agenda.replace('\n', "／"),
            ]
        })
        .collect();
    if meetings.is_empty() {
        l.paragraph("事業全体の会議はまだ記録されていません。", 10.0, false);
    } else {
        l.table(
            &[
                Column {
                    title: "開催日",
                    weight: 1.3,
                },
                Column {
                    title: "会議",
                    weight: 2.0,
                },
                Column {
                    title: "方式",
                    weight: 0.8,
                },
                Column {
                    title: "内容",
                    weight: 2.8,
                },
            ],
            &meetings,
        );
    }
    l.finish(&title, "", created)
}
