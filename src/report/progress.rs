//! 進捗報告書: the A4 report a board (理事会) approves.

use super::layout::{Column, Layout, BODY_W, MARGIN};
use crate::analysis::evaluation::summarize;
use crate::chart::Color;
use crate::error::{Error, FieldError, Result};
use crate::model::evaluation::{EvalItem, EvaluatorKind};
use crate::model::meeting::MeetingFilter;
use crate::model::phase::phases;
use crate::model::task::{plan_scene, timeline_scene};
use crate::model::Role;
use crate::store::evaluation::EvaluationFilter;
use crate::wareki;
use crate::Store;
use chrono::NaiveDate;

/// The report's sections in order; 8 (テキスト分析) joins when that capability exists.
pub const SECTIONS: [(u8, &str); 10] = [
    (1, "事業概要"),
    (2, "活動フェーズ"),
    (3, "準備チェック"),
    (4, "強み分析"),
    (5, "関係機関"),
    (6, "会議記録"),
    (7, "伴走支援評価"),
    (9, "計画・今後の予定"),
    (10, "提供資料"),
    (11, "承認欄"),
];

#[derive(Debug, Clone)]
pub struct ReportOptions {
    pub from: Option<NaiveDate>,
    pub to: Option<NaiveDate>,
    /// Section numbers of [`SECTIONS`]; empty for all.
    pub sections: Vec<u8>,
    pub author: String,
    /// 和暦 (default) or 西暦 dates.
    pub wareki: bool,
    pub today: NaiveDate,
    pub created: chrono::DateTime<chrono::Local>,
}

/// The report form as typed in the window.
#[derive(Debug, Clone, Default, serde::Serialize, serde::Deserialize, ts_rs::TS)]
#[ts(export)]
pub struct ReportInput {
    /// YYYY-MM-DD, or empty for the default period.
    pub from: String,
    pub to: String,
    /// Section numbers of [`SECTIONS`]; empty for all.
    pub sections: Vec<u8>,
    pub author: String,
    /// 西暦 instead of 和暦.
    pub seireki: bool,
}

impl ReportInput {
    pub fn validate(&self, today: NaiveDate) -> Result<ReportOptions> {
        let mut c = crate::model::validate_fields();
        let from = c.optional_date("from", "期間の始まり", &self.from);
        let to = c.optional_date("to", "期間の終わり", &self.to);
        let author = c.optional_text("author", "作成者", &self.author, 60);
        for n in &self.sections {
            if !SECTIONS.iter().any(|(k, _)| k == n) {
                c.push("sections", format!("章 {n} はありません"));
            }
        }
        if let (Some(f), Some(t)) = (from, to) {
            if t < f {
                c.push("to", "期間の終わりは、始まりと同じか後の日付にしてください");
            }
        }
        c.finish(|| ReportOptions {
            from,
            to,
            sections: self.sections.clone(),
            author,
            wareki: !self.seireki,
            today,
            created: chrono::Local::now(),
        })
        .map_err(Error::Validation)
    }
}

/// Reads `--sections` text: numbers or names, separated by commas
/// (「1,3,7」 or 「概要,準備チェック」 — a name matches when it contains the word).
pub fn parse_sections(text: &str) -> Result<Vec<u8>> {
    let mut out = Vec::new();
    for part in text
        .split([',', '、', ' '])
        .map(str::trim)
        .filter(|p| !p.is_empty())
    {
        let found = SECTIONS
            .iter()
            .find(|(n, name)| part.parse::<u8>().ok() == Some(*n) || name.contains(part))
            .map(|(n, _)| *n);
        match found {
            Some(n) if !out.contains(&n) => out.push(n),
            Some(_) => {}
            None => {
                let names: Vec<String> = SECTIONS.iter().map(|(n, s)| format!("{n} {s}")).collect();
                return Err(Error::Validation(vec![FieldError::new(
                    "sections",
                    format!(
                        "章「{part}」はありません。次から選んでください：{}",
                        names.join("・")
                    ),
                )]));
            }
        }
    }
    Ok(out)
}

/// The period a report covers by default: the current 年度 so far, or the
/// project's own period when it ended before this 年度 began.
pub fn default_period(
    start: NaiveDate,
    end: NaiveDate,
    today: NaiveDate,
) -> (NaiveDate, NaiveDate) {
    let fy_start = NaiveDate::from_ymd_opt(wareki::fiscal_year(today), 4, 1).expect("valid");
    if end < fy_start {
        (start, end)
    } else {
        (start.max(fy_start), end.min(today).max(start.max(fy_start)))
    }
}

struct Dates(bool);

impl Dates {
    fn d(&self, d: NaiveDate) -> String {
        if self.0 {
            wareki::date_wareki(d)
        } else {
            wareki::date_seireki(d)
        }
    }
}

const BLUE: Color = Color(0x00, 0x17, 0xc1);

/// Builds the report; `progress` hears each section as it is drawn.
pub fn progress_report(
    store: &Store,
    project_id: i64,
    opts: &ReportOptions,
    progress: &mut dyn FnMut(&str),
) -> Result<Vec<u8>> {
    let p = store.project(project_id)?;
    let (dfrom, dto) = default_period(p.start_date, p.end_date, opts.today);
    let (from, to) = (opts.from.unwrap_or(dfrom), opts.to.unwrap_or(dto));
    if to < from {
        return Err(Error::Validation(vec![FieldError::new(
            "to",
            "報告の期間の終わりは、始まりと同じか後の日付にしてください",
        )]));
    }
    let dates = Dates(opts.wareki);
    let wanted = |n: u8| opts.sections.is_empty() || opts.sections.contains(&n);
    let title = format!("進捗報告書　{}", p.name);
    let created_label = dates.d(opts.created.date_naive());
    let mut l = Layout::new(
        &title,
        &format!("{}　{}　作成日 {}", p.society, p.name, created_label),
    );

    // 表紙
    progress("表紙");
    l.new_page();
    l.gap(150.0);
    l.text_at(MARGIN, l.cursor(), &p.society, 14.0, false, Color::TEXT_SUB);
    l.gap(46.0);
    l.text_at(MARGIN, l.cursor(), "進捗報告書", 30.0, true, BLUE);
    l.gap(20.0);
    l.paragraph_at(MARGIN, BODY_W, &p.name, 18.0, true, Color::BLACK);
    l.gap(30.0);
    let period = format!("{}〜{}", dates.d(p.start_date), dates.d(p.end_date));
    let covered = format!("{}〜{}", dates.d(from), dates.d(to));
    let mut rows = vec![
        ("事業期間", period),
        ("年度", p.fiscal_year_label.clone()),
        ("報告の対象期間", covered.clone()),
        ("作成日", created_label.clone()),
        (
            "作成者",
            if opts.author.trim().is_empty() {
                "—".into()
            } else {
                opts.author.clone()
            },
        ),
    ];
    if let Some(program) = &p.program {
        rows.insert(0, ("事業プログラム", program.clone()));
    }
    for (k, v) in rows {
        l.gap(26.0);
        l.text_at(MARGIN, l.cursor(), k, 11.0, false, Color::TEXT_SUB);
        l.text_at(MARGIN + 110.0, l.cursor(), &v, 12.0, false, Color::BLACK);
    }
    l.new_page();

    let mut number = 0;
    let mut section = |l: &mut Layout, name: &str| {
        number += 1;
        l.heading(&format!("{number}　{name}"));
    };
    let today = opts.today;

    if wanted(1) {
        progress("事業概要");
        section(&mut l, "事業概要");
        let members = store.members(project_id)?;
        let team: Vec<String> = members
            .iter()
            .filter(|m| matches!(m.role, Role::Leader | Role::Member))
            .map(|m| m.display_name())
            .collect();
        let supporters: Vec<String> = members
            .iter()
            .filter(|m| matches!(m.role, Role::Supporter | Role::SupporterLeader))
            .map(|m| {
                if m.role == Role::SupporterLeader {
                    format!("{}（リーダー）", m.name)
                } else {
                    m.name.clone()
                }
            })
            .collect();
        let rows = vec![
            vec!["士会".into(), p.society.clone()],
            vec!["テーマ".into(), p.theme.to_string()],
            vec!["対象".into(), p.target.to_string()],
            vec![
                "目標".into(),
                if p.goal.is_empty() {
                    "—".into()
                } else {
                    p.goal.clone()
                },
            ],
            vec![
                "チーム（〇リーダー）".into(),
                if team.is_empty() {
                    "—".into()
                } else {
                    team.join("、")
                },
            ],
            vec![
                "伴走支援者".into(),
                if supporters.is_empty() {
                    "—".into()
                } else {
                    supporters.join("、")
                },
            ],
        ];
        l.table(
            &[
                Column {
                    title: "項目",
                    weight: 1.0,
                },
                Column {
                    title: "内容",
                    weight: 3.6,
                },
            ],
            &rows,
        );
    }

    if wanted(2) {
        progress("活動フェーズ");
        section(&mut l, "活動フェーズ（図7）");
        let current = p.phase.as_ref().map(|ph| ph.number);
        let rows: Vec<Vec<String>> = phases()
            .iter()
            .map(|ph| {
                vec![
                    format!(
                        "{}{}",
                        ph.number,
                        if current == Some(ph.number) {
                            "（現在）"
                        } else {
                            ""
                        }
                    ),
                    ph.name.clone(),
                    ph.supporter_role.clone(),
                ]
            })
            .collect();
        l.table(
            &[
                Column {
                    title: "段階",
                    weight: 0.8,
                },
                Column {
                    title: "フェーズ",
                    weight: 1.6,
                },
                Column {
                    title: "伴走支援者の役割",
                    weight: 3.4,
                },
            ],
            &rows,
        );
        if current.is_none() {
            l.paragraph("現在のフェーズはまだ設定されていません。", 10.0, false);
        }
    }

    if wanted(3) {
        progress("準備チェック");
        section(&mut l, "準備チェック");
        let checklist = store.checklist(project_id, today)?;
        for c in &checklist.completion {
            l.subheading(&format!(
                "{}の準備・調整（完了 {}/{}{}）",
                c.side,
                c.done,
                c.applicable,
                if c.overdue > 0 {
                    format!("・期限超過 {}件", c.overdue)
                } else {
                    String::new()
                }
            ));
            let rows: Vec<Vec<String>> = checklist
                .items
                .iter()
                .filter(|i| i.side == c.side)
                .map(|i| {
                    vec![
                        i.number.to_string(),
                        i.text.clone(),
                        i.status.to_string(),
                        i.owner_name.clone().unwrap_or_default(),
                        i.due_date
                            .map(|d| {
                                format!("{}{}", dates.d(d), if i.overdue { "（超過）" } else { "" })
                            })
                            .unwrap_or_default(),
                    ]
                })
                .collect();
            l.table(
                &[
                    Column {
                        title: "No",
                        weight: 0.35,
                    },
                    Column {
                        title: "項目",
                        weight: 3.6,
                    },
                    Column {
                        title: "状況",
                        weight: 0.8,
                    },
                    Column {
                        title: "担当",
                        weight: 1.0,
                    },
                    Column {
                        title: "期限",
                        weight: 1.4,
                    },
                ],
                &rows,
            );
        }
    }

    if wanted(4) {
        progress("強み分析");
        // The heading stays with its radar.
        l.need(380.0);
        section(&mut l, "強み分析（創造力・人力・対応力・財力）");
        let st = store.strengths(project_id)?;
        if st.sessions.is_empty() {
            l.paragraph("強み分析の評価はまだありません。", 10.0, false);
        } else {
            l.scene(&st.radar(false), 300.0);
            let mut cols = vec![Column {
                title: "強み",
                weight: 1.0,
            }];
            let heads: Vec<String> = st
                .sessions
                .iter()
                .map(|s| format!("{}（{}）", s.label, dates.d(s.rated_on)))
                .collect();
            for h in &heads {
                cols.push(Column {
                    title: h,
                    weight: 1.6,
                });
            }
            if st.sessions.len() > 1 {
                cols.push(Column {
                    title: "前回からの変化",
                    weight: 1.2,
                });
            }
            let rows: Vec<Vec<String>> = (0..4)
                .map(|a| {
                    let mut row = vec![st.sessions[0].axes[a].name.clone()];
                    for s in &st.sessions {
                        let x = &s.axes[a];
                        row.push(
                            x.mean
                                .map(|m| format!("{m:.1}（{}/{}項目）", x.rated, x.items))
                                .unwrap_or_else(|| "—".into()),
                        );
                    }
                    if st.sessions.len() > 1 {
                        let n = st.sessions.len();
                        row.push(
                            match (
                                st.sessions[n - 2].axes[a].mean,
                                st.sessions[n - 1].axes[a].mean,
                            ) {
                                (Some(x), Some(y)) => format!("{:+.1}", y - x),
                                _ => "—".into(),
                            },
                        );
                    }
                    row
                })
                .collect();
            l.table(&cols, &rows);
            if let Some(s) = &st.summary {
                l.paragraph(s, 10.5, true);
            }
        }
    }

    if wanted(5) {
        progress("関係機関");
        section(&mut l, "関係機関");
        let orgs = store.stakeholders(project_id)?;
        if orgs.is_empty() {
            l.paragraph("関係機関はまだ登録されていません。", 10.0, false);
        } else {
            let rows: Vec<Vec<String>> = orgs
                .iter()
                .map(|o| {
                    vec![
                        o.name.clone(),
                        o.kind.to_string(),
                        o.state.to_string(),
                        o.log
                            .first()
                            .map(|e| format!("{} {}", dates.d(e.contacted_on), e.summary))
                            .unwrap_or_default(),
                    ]
                })
                .collect();
            l.table(
                &[
                    Column {
                        title: "機関名",
                        weight: 2.0,
                    },
                    Column {
                        title: "種別",
                        weight: 1.4,
                    },
                    Column {
                        title: "状態",
                        weight: 0.7,
                    },
                    Column {
                        title: "最新の連絡",
                        weight: 3.0,
                    },
                ],
                &rows,
            );
        }
    }

    let period_filter = MeetingFilter {
        kind: String::new(),
        from: from.to_string(),
        to: to.to_string(),
    };
    if wanted(6) {
        progress("会議記録");
        section(&mut l, "会議記録");
        let meetings = store.meetings(project_id, &period_filter)?;
        if meetings.is_empty() {
            l.paragraph("対象期間の会議の記録はありません。", 10.0, false);
        } else {
            let rows: Vec<Vec<String>> = meetings
                .iter()
                .map(|m| {
                    vec![
                        dates.d(m.held_on),
                        format!("{}{}", m.title, if m.joint { "（合同）" } else { "" }),
                        m.format.to_string(),
                        m.decisions.join("／"),
                    ]
                })
                .collect();
            l.table(
                &[
                    Column {
                        title: "開催日",
                        weight: 1.3,
                    },
                    Column {
                        title: "会議名",
                        weight: 1.6,
                    },
                    Column {
                        title: "方式",
                        weight: 0.8,
                    },
                    Column {
                        title: "主な決定事項",
                        weight: 3.2,
                    },
                ],
                &rows,
            );
        }
    }

    if wanted(7) {
        progress("伴走支援評価");
        section(&mut l, "伴走支援評価");
        let evals = store.evaluations(
            Some(project_id),
            &EvaluationFilter {
                from: from.to_string(),
                to: to.to_string(),
                kind: String::new(),
            },
        )?;
        if evals.is_empty() {
            l.paragraph("対象期間の評価はありません。", 10.0, false);
        } else {
            let s = summarize(&evals);
            l.paragraph("表1【伴走型支援事業評価】の4項目を、会議ごとにモデルチーム（他者評価）と伴走支援者（自己評価）が1〜4で評価した平均です。", 9.5, false);
            for &item in EvalItem::ALL {
                l.paragraph_at(
                    MARGIN + 12.0,
                    BODY_W - 12.0,
                    &format!("{}　{}", item, item.title()),
                    9.5,
                    false,
                    Color::BLACK,
                );
            }
            l.gap(4.0);
            if let Some(sentence) = &s.sentence {
                l.paragraph(sentence, 10.5, true);
            }
            l.scenes_pair(&s.bars(EvalItem::A), &s.bars(EvalItem::B));
            l.scenes_pair(&s.bars(EvalItem::C), &s.bars(EvalItem::D));
            let rows: Vec<Vec<String>> = s
                .meetings
                .iter()
                .flat_map(|m| EvaluatorKind::ALL.iter().map(move |&k| (m, k)))
                .map(|(m, k)| {
                    let mut row =
                        vec![format!("{} {}", dates.d(m.held_on), m.title), k.to_string()];
                    for &item in EvalItem::ALL {
                        let st = s.stat(m.id, item, k).expect("every cell is computed");
                        row.push(
                            st.mean
                                .map(|v| format!("{v:.2}（{}）", st.n))
                                .unwrap_or_else(|| "—".into()),
                        );
                    }
                    row
                })
                .collect();
            l.subheading("会議ごとの平均（かっこ内は件数）");
            l.table(
                &[
                    Column {
                        title: "会議",
                        weight: 2.4,
                    },
                    Column {
                        title: "区分",
                        weight: 1.0,
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
                &rows,
            );
        }
    }

    if wanted(9) {
        progress("計画・今後の予定");
        section(&mut l, "計画・今後の予定");
        let tasks = store.tasks(project_id, today)?;
        l.scene(
            &timeline_scene(wareki::fiscal_year(from), &tasks, today),
            BODY_W,
        );
        let open: Vec<Vec<String>> = tasks
            .iter()
            .filter(|t| t.status.is_open())
            .map(|t| {
                vec![
                    t.due_date
                        .map(|d| {
                            format!("{}{}", dates.d(d), if t.overdue { "（超過）" } else { "" })
                        })
                        .unwrap_or_else(|| "—".into()),
                    format!("{}{}", if t.milestone { "◆ " } else { "" }, t.title),
                    t.status.to_string(),
                    t.owner_name.clone().unwrap_or_default(),
                ]
            })
            .collect();
        l.subheading("未完了のタスク");
        if open.is_empty() {
            l.paragraph("未完了のタスクはありません。", 10.0, false);
        } else {
            l.table(
                &[
                    Column {
                        title: "期限",
                        weight: 1.4,
                    },
                    Column {
                        title: "タスク",
                        weight: 3.4,
                    },
                    Column {
                        title: "状況",
                        weight: 0.8,
                    },
                    Column {
                        title: "担当",
                        weight: 1.2,
                    },
                ],
                &open,
            );
        }
        let plan = store.plan(project_id)?;
        if !plan.is_empty() {
            l.subheading("中長期計画");
            l.scene(&plan_scene(&plan), BODY_W);
        }
    }

    if wanted(10) {
        progress("提供資料");
        section(&mut l, "提供資料");
        let resources = store.resources(project_id)?;
        if resources.is_empty() {
            l.paragraph("提供資料はまだ登録されていません。", 10.0, false);
        } else {
            let rows: Vec<Vec<String>> = resources
                .iter()
                .map(|r| {
                    vec![
                        r.provided_on.map(|d| dates.d(d)).unwrap_or_default(),
                        r.title.clone(),
                        r.category.to_string(),
                        r.provided_by.clone(),
                        if r.url.is_empty() {
                            r.file_path.clone()
                        } else {
                            r.url.clone()
                        },
                    ]
                })
                .collect();
            l.table(
                &[
                    Column {
                        title: "提供日",
                        weight: 1.2,
                    },
                    Column {
                        title: "資料名",
                        weight: 2.4,
                    },
                    Column {
                        title: "分類",
                        weight: 0.7,
                    },
                    Column {
                        title: "提供者",
                        weight: 0.9,
                    },
                    Column {
                        title: "URL・ファイル",
                        weight: 2.6,
                    },
                ],
                &rows,
            );
        }
    }

    if wanted(11) {
        progress("承認欄");
        l.need(260.0);
        section(&mut l, "承認欄");
        l.paragraph(
            "本報告書の内容を理事会において確認し、承認する。",
            10.5,
            false,
        );
        l.gap(16.0);
        for label in ["理事会 承認日", "承認者"] {
            l.gap(28.0);
            let y = l.cursor();
            l.text_at(MARGIN, y, label, 11.0, false, Color::BLACK);
            l.line(
                MARGIN + 100.0,
                y - 3.0,
                MARGIN + 330.0,
                y - 3.0,
                0.6,
                Color::BLACK,
            );
        }
        l.gap(30.0);
        let boxes = ["会長", "担当理事", "事業担当者"];
        let w = (BODY_W - 24.0) / 3.0;
        let top = l.cursor();
        for (i, b) in boxes.iter().enumerate() {
            let x = MARGIN + (w + 12.0) * i as f32;
            l.rect(x, top, w, 90.0, 0.8);
            l.line(x, top - 22.0, x + w, top - 22.0, 0.6, Color::BLACK);
            l.text_at(x + 8.0, top - 16.0, b, 10.5, true, Color::BLACK);
        }
        l.gap(100.0);
    }
    progress("保存");
    Ok(l.finish(&title, &opts.author, opts.created))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(s: &str) -> NaiveDate {
        s.parse().unwrap()
    }

    #[test]
    fn the_default_period_is_this_fiscal_year_so_far_or_a_finished_projects_own() {
        assert_eq!(
            default_period(d("2024-06-01"), d("2025-03-31"), d("2024-11-25")),
            (d("2024-06-01"), d("2024-11-25"))
        );
        assert_eq!(
            default_period(d("2023-04-01"), d("2026-03-31"), d("2024-11-25")),
            (d("2024-04-01"), d("2024-11-25"))
        );
        assert_eq!(
            default_period(d("2024-06-01"), d("2025-03-31"), d("2026-11-25")),
            (d("2024-06-01"), d("2025-03-31"))
        );
    }

    #[test]
    fn the_window_form_is_checked() {
        let bad = ReportInput {
            from: "2025-04-01".into(),
            to: "2024-04-01".into(),
            sections: vec![8],
            author: String::new(),
            seireki: false,
        };
        let e = bad.validate(d("2024-12-01")).unwrap_err();
        let fields: Vec<&str> = e.fields().iter().map(|f| f.field.as_str()).collect();
        assert_eq!(fields, ["sections", "to"]);
        let ok = ReportInput {
            seireki: true,
            ..Default::default()
        }
        .validate(d("2024-12-01"))
        .unwrap();
        assert!(!ok.wareki && ok.from.is_none() && ok.sections.is_empty());
    }

    #[test]
    fn sections_are_chosen_by_number_or_name() {
        assert_eq!(parse_sections("1, 3,評価").unwrap(), vec![1, 3, 7]);
        assert_eq!(parse_sections("承認").unwrap(), vec![11]);
        let e = parse_sections("1,目次").unwrap_err();
        assert!(e.fields()[0].message.contains("章「目次」はありません"));
    }
}
