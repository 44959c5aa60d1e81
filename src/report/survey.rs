//! アンケートの PDF: the blank form to hand out at a 研修会 (A4), and the
//! results as the report's 第3節 shows them — n and 回収率, a chart per
//! question with the counts and the denominator, the free texts, and the
//! shares split by a question such as 職種.

use super::layout::{Column, Layout, Pdf};
use crate::analysis::survey::{percent, QuestionResult, SurveyResults};
use crate::chart::survey::question_chart;
use crate::model::survey::{QuestionKind, Survey};

/// Options short enough to sit side by side on one line (「○北海道　○青森県…」).
fn inline(options: &[String]) -> bool {
    options.iter().all(|o| o.chars().count() <= 8)
}

/// The blank form: every question with a mark to fill for each choice and a
/// box for free text.
pub fn form_pdf(s: &Survey, created: chrono::DateTime<chrono::Local>) -> Pdf {
    let mut l = Layout::new(&s.title, &s.title);
    l.new_page();
    l.heading(&s.title);
    if !s.description.is_empty() {
        l.paragraph(&s.description, 10.0, false);
    }
    if let Some(m) = &s.meeting {
        l.paragraph(m, 10.0, false);
    }
    let mut section = "";
    for q in &s.questions {
        if !q.section.is_empty() && q.section != section {
            l.subheading(&q.section);
        }
        section = &q.section;
        l.gap(4.0);
        let mark = if q.required { "（必須）" } else { "" };
        let hint = match q.kind {
            QuestionKind::Multiple => "（あてはまるものすべてに✓）",
            QuestionKind::Single | QuestionKind::Scale => "（1つに○）",
            QuestionKind::YesNo => "（各行どちらかに○）",
            QuestionKind::Matrix => "（あてはまるものすべてに✓）",
            _ => "",
        };
        l.paragraph(
            &format!("問{}　{}{mark}{hint}", q.number, q.text),
            10.5,
            true,
        );
        if let Some(c) = &q.show_if {
            l.paragraph(
                &format!("※{}がお答えください", c.text.trim_end_matches("のみ")),
                9.5,
                false,
            );
        }
        match q.kind {
            QuestionKind::Single | QuestionKind::Multiple => {
                let box_ = if q.kind == QuestionKind::Single {
                    "○"
                } else {
                    "□"
                };
                if inline(&q.options) {
                    let line: Vec<String> =
                        q.options.iter().map(|o| format!("{box_}{o}")).collect();
                    l.paragraph(&line.join("　"), 10.0, false);
                } else {
                    for o in &q.options {
                        l.paragraph(&format!("{box_} {o}"), 10.0, false);
                    }
                }
            }
            QuestionKind::Scale => {
                let line: Vec<String> = q
                    .options
                    .iter()
                    .enumerate()
                    .map(|(i, o)| format!("○{} {o}", 5 - i))
                    .collect();
                l.paragraph(&line.join("　"), 10.0, false);
            }
            QuestionKind::YesNo | QuestionKind::Matrix => {
                let cell = if q.kind == QuestionKind::YesNo {
                    "○"
                } else {
                    "□"
                };
                let mut columns = vec![Column {
                    title: "",
                    weight: 3.0,
                }];
                columns.extend(q.options.iter().map(|o| Column {
                    title: o.as_str(),
                    weight: 1.0,
                }));
                let rows: Vec<Vec<String>> = q
                    .rows
                    .iter()
                    .map(|r| {
                        let mut row = vec![r.clone()];
                        row.extend(q.options.iter().map(|_| cell.to_owned()));
                        row
                    })
                    .collect();
                l.table(&columns, &rows);
            }
            QuestionKind::Short | QuestionKind::Long => {
                let h = if q.kind == QuestionKind::Short {
                    26.0
                } else {
                    96.0
                };
                l.need(h + 6.0);
                let top = l.cursor() - 4.0;
                let w = l.body_w();
                l.rect(super::layout::MARGIN, top, w, h, 0.6);
                l.gap(h + 8.0);
            }
        }
    }
    l.gap(8.0);
    l.paragraph("ご協力ありがとうございました。", 10.0, false);
    l.finish(&s.title, "", created)
}

/// What every share is of, said once above the questions.
pub const BASE_NOTE: &str = "割合の分母は、各質問の下に示す件数です：その質問をたずねた方のうち答えた件数（無回答を数える質問は、たずねた件数）。";

/// How many answered and the 回収率, as the report writes it: 「回答者数は48名…
/// 参加者数54名に対して回収率は89％」.
pub fn response_line(r: &SurveyResults) -> String {
    match (r.participants, r.response_rate) {
        (Some(p), Some(rate)) => {
            format!("回答 {}件／参加者 {p}名（回収率 {}）", r.n, percent(rate))
        }
        _ => format!("回答 {}件", r.n),
    }
}

fn counts_table(l: &mut Layout, q: &QuestionResult) {
    let table = q.count_table();
    let rows: Vec<Vec<String>> = table
        .rows
        .iter()
        .map(|r| vec![r.label.clone(), r.count.to_string(), r.share.clone()])
        .collect();
    l.table(
        &[
            Column {
                title: "選択肢",
                weight: 4.0,
            },
            Column {
                title: "件数",
                weight: 0.7,
            },
            Column {
                title: "割合",
                weight: 1.3,
            },
        ],
        &rows,
    );
    if let Some(note) = &table.note {
        l.paragraph(note, 9.0, false);
    }
}

/// The results: one block per question; with `groups`, a table per question
/// comparing the groups' shares (cross-tabulation).
pub fn results_pdf(
    r: &SurveyResults,
    groups: &[SurveyResults],
    by: Option<&str>,
    created: chrono::DateTime<chrono::Local>,
) -> Pdf {
    let title = format!("アンケート結果　{}", r.title);
    let mut l = Layout::new(&title, &r.title);
    l.new_page();
    l.heading(&title);
    l.paragraph(&response_line(r), 10.5, true);
    l.paragraph(BASE_NOTE, 9.0, false);
    for q in &r.questions {
        l.subheading(&format!("問{}　{}", q.number, q.text));
        l.paragraph(&q.base_label, 9.0, false);
        if let Some(scene) = question_chart(q) {
            let w = (scene.width as f32).min(l.body_w() * 0.9);
            l.scene(&scene, w);
        }
        if let Some(s) = &q.sentence {
            l.paragraph(s, 10.0, true);
        }
        if q.texts.is_empty() {
            if q.answered > 0 && !matches!(q.kind, QuestionKind::Short | QuestionKind::Long) {
                counts_table(&mut l, q);
            }
        } else {
            for g in &q.text_groups {
                l.paragraph(&format!("・{}", QuestionResult::group_line(g)), 9.5, false);
            }
        }
        if let Some(p) = &q.previous {
            l.paragraph(&format!("前回（{}）との比較", p.title), 9.5, true);
            for line in &p.lines {
                l.paragraph(line, 9.5, false);
            }
        }
    }
    if !groups.is_empty() {
        l.heading(&format!("{}別の集計", by.unwrap_or("回答者")));
        let heads: Vec<String> = groups
            .iter()
            .map(|g| format!("{}（{}件）", g.group.as_deref().unwrap_or(""), g.n))
            .collect();
        for (i, q) in r.questions.iter().enumerate() {
            if matches!(q.kind, QuestionKind::Short | QuestionKind::Long) {
                continue;
            }
            l.subheading(&format!("問{}　{}", q.number, q.text));
            let mut columns = vec![Column {
                title: "選択肢",
                weight: 3.0,
            }];
            columns.extend(heads.iter().map(|h| Column {
                title: h.as_str(),
                weight: 1.2,
            }));
            let mut rows = Vec::new();
            let labels: Vec<String> = if q.rows.is_empty() {
                q.options.iter().map(|o| o.label.clone()).collect()
            } else {
                q.rows
                    .iter()
                    .flat_map(|row| {
                        q.options
                            .iter()
                            .map(move |o| format!("{}：{}", row.label, o.label))
                    })
                    .collect()
            };
            for (k, label) in labels.iter().enumerate() {
                let mut row = vec![label.clone()];
                for g in groups {
                    let gq = &g.questions[i];
                    let cell = if gq.rows.is_empty() {
                        gq.options
                            .get(k)
                            .map(|o| format!("{}（{}）", percent(o.share), o.count))
                    } else {
                        let per = gq.options.len().max(q.options.len()).max(1);
                        gq.rows
                            .get(k / per)
                            .and_then(|r| r.options.get(k % per))
                            .map(|o| format!("{}（{}）", percent(o.share), o.count))
                    };
                    row.push(cell.unwrap_or_else(|| "—".into()));
                }
                rows.push(row);
            }
            let mut answered = vec!["回答".to_owned()];
            answered.extend(groups.iter().map(|g| g.questions[i].answered.to_string()));
            rows.push(answered);
            l.table(&columns, &rows);
        }
    }
    l.finish(&title, "", created)
}
