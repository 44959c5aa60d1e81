//! The report's sections, one builder each. A builder draws its content under a
//! heading the assembler has already numbered and placed.

use super::Context;
use crate::analysis::evaluation::summarize_groups;
use crate::analysis::round::{fixed, signed};
use crate::analysis::strength::analyze;
use crate::chart::evaluation::bars;
use crate::chart::radar::strengths_radar;
use crate::chart::timeline::{plan_scene, timeline_scene, DayMarker};
use crate::chart::Color;
use crate::model::evaluation::{EvalItem, EvaluatorKind};
use crate::model::issue::IssueKind;
use crate::model::phase::phases;
use crate::model::Role;
use crate::report::layout::{Column, Layout, BODY_W, MARGIN};
use crate::wareki;

pub(super) fn overview(l: &mut Layout, cx: &Context) {
    let (p, members) = (&cx.src.project, &cx.src.members);
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

pub(super) fn phase_flow(l: &mut Layout, cx: &Context) {
    let current = cx.src.project.phase.as_ref().map(|ph| ph.number);
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

pub(super) fn checklist(l: &mut Layout, cx: &Context) {
    let checklist = &cx.src.checklist;
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
                            format!(
                                "{}{}",
                                cx.dates.d(d),
                                if i.overdue { "（超過）" } else { "" }
                            )
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

pub(super) fn strengths(l: &mut Layout, cx: &Context) {
    let st = analyze(cx.src.strengths.clone());
    if st.sessions.is_empty() {
        l.paragraph("強み分析の評価はまだありません。", 10.0, false);
    } else {
        l.scene(&strengths_radar(&st, false), 300.0);
        let mut cols = vec![Column {
            title: "強み",
            weight: 1.0,
        }];
        let heads: Vec<String> = st
            .sessions
            .iter()
            .map(|s| format!("{}（{}）", s.label, cx.dates.d(s.rated_on)))
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
                            .map(|m| format!("{}（{}/{}項目）", fixed(m, 1), x.rated, x.items))
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
        let scale: Vec<String> = st
            .scale
            .iter()
            .enumerate()
            .map(|(i, w)| format!("{}：{w}", i + 1))
            .collect();
        l.paragraph(
            &format!(
                "尺度 {}{}。{}",
                scale.join("、"),
                if st.scale_custom {
                    "（この事業の言葉）"
                } else {
                    ""
                },
                crate::model::strength::EXAMPLE_NOTE
            ),
            9.0,
            false,
        );
    }
}

pub(super) fn stakeholders(l: &mut Layout, cx: &Context) {
    let orgs = &cx.src.stakeholders;
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
                        .map(|e| format!("{} {}", cx.dates.d(e.contacted_on), e.summary))
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

pub(super) fn meetings(l: &mut Layout, cx: &Context) {
    let meetings = &cx.src.meetings;
    if meetings.is_empty() {
        l.paragraph("対象期間の会議の記録はありません。", 10.0, false);
    } else {
        let rows: Vec<Vec<String>> = meetings
            .iter()
            .map(|m| {
                vec![
                    cx.dates.d(m.held_on),
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

pub(super) fn evaluations(l: &mut Layout, cx: &Context) {
    let evals = &cx.src.evaluations;
    if evals.is_empty() {
        l.paragraph("対象期間の評価はありません。", 10.0, false);
        return;
    }
    let scope = crate::model::evaluation::EvaluationScope {
        from: None,
        to: None,
        kind: None,
        meetings: cx.meetings,
        joint_raters: crate::model::evaluation::JointRaters::Both,
    };
    l.paragraph(
        &format!(
            "表1【伴走型支援事業評価】の4項目を、会議ごとにモデルチーム（他者評価）と伴走支援者（自己評価）が1〜4で評価した平均です。{}",
            crate::analysis::evaluation::reading(true, &scope)
        ),
        9.5,
        false,
    );
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
    for g in summarize_groups(evals, cx.meetings) {
        let s = &g.summary;
        l.subheading(&format!(
            "{}（会議 {}回・評価 {}件）",
            g.group,
            s.meetings.len(),
            s.evaluations
        ));
        if s.meetings.is_empty() {
            l.paragraph("この区分の評価はありません。", 10.0, false);
            continue;
        }
        if let Some(sentence) = &s.sentence {
            l.paragraph(
                &format!("他者評価と自己評価の差（会議ごと）：{sentence}"),
                10.5,
                true,
            );
        }
        l.scenes_pair(&bars(s, EvalItem::A), &bars(s, EvalItem::B));
        l.scenes_pair(&bars(s, EvalItem::C), &bars(s, EvalItem::D));
        let rows: Vec<Vec<String>> = s
            .meetings
            .iter()
            .flat_map(|m| EvaluatorKind::ALL.iter().map(move |&k| (m, k)))
            .map(|(m, k)| {
                let mut row = vec![
                    format!("{} {}", cx.dates.d(m.held_on), m.title),
                    k.to_string(),
                ];
                for &item in EvalItem::ALL {
                    let st = s.stat(m.id, item, k).expect("every cell is computed");
                    row.push(
                        st.mean
                            .map(|v| format!("{}（{}）", fixed(v, 2), st.n))
                            .unwrap_or_else(|| "—".into()),
                    );
                }
                row
            })
            .collect();
        l.subheading("会議ごとの平均（かっこ内は件数）");
        l.table(&item_columns("会議", "区分"), &rows);
        let mut gaps: Vec<Vec<String>> = s
            .meetings
            .iter()
            .enumerate()
            .map(|(i, m)| {
                let mut row = vec![
                    format!("{} {}", cx.dates.d(m.held_on), m.title),
                    "他者−自己".into(),
                ];
                for gap in &s.gaps {
                    row.push(
                        gap.per_meeting[i]
                            .map(|v| signed(v, 2))
                            .unwrap_or_else(|| "—".into()),
                    );
                }
                row
            })
            .collect();
        let mut range = vec!["会議ごとの差の範囲".into(), String::new()];
        let mut pooled = vec!["全体の平均の差".into(), String::new()];
        for gap in &s.gaps {
            range.push(gap.range_label.clone().unwrap_or_else(|| "—".into()));
            pooled.push(gap.gap.map(|v| signed(v, 2)).unwrap_or_else(|| "—".into()));
        }
        gaps.push(range);
        gaps.push(pooled);
        l.subheading("他者評価と自己評価の差（片方だけの会議は「—」）");
        l.table(&item_columns("会議", ""), &gaps);
        if cx.comments {
            comments(l, cx, s);
        }
    }
}

/// The table columns 会議 | 区分 | A | B | C | D of the evaluation tables.
fn item_columns<'a>(first: &'a str, second: &'a str) -> Vec<Column<'a>> {
    let mut cols = vec![
        Column {
            title: first,
            weight: 2.4,
        },
        Column {
            title: second,
            weight: 1.0,
        },
    ];
    for title in ["A 関係性", "B 活動の推進", "C 現実検討", "D 臨機応変"] {
        cols.push(Column { title, weight: 1.0 });
    }
    cols
}

/// The other half of the evaluations: their comments, meeting by meeting,
/// 他者評価 and 自己評価 apart, item by item.
fn comments(l: &mut Layout, cx: &Context, s: &crate::analysis::evaluation::EvaluationSummary) {
    let evals = &cx.src.evaluations;
    let mut any = false;
    for m in &s.meetings {
        let rows: Vec<Vec<String>> = EvaluatorKind::ALL
            .iter()
            .flat_map(|&kind| EvalItem::ALL.iter().map(move |&item| (kind, item)))
            .filter_map(|(kind, item)| {
                let i = EvalItem::ALL.iter().position(|x| *x == item).expect("A–D");
                let texts: Vec<String> = evals
                    .iter()
                    .filter(|e| e.meeting_id == m.id && e.kind == kind)
                    .filter_map(|e| e.comments.get(i))
                    .map(|c| c.trim())
                    .filter(|c| !c.is_empty())
                    .map(|c| format!("・{c}"))
                    .collect();
                (!texts.is_empty()).then(|| {
                    vec![
                        kind.to_string(),
                        format!("{} {}", item, item.short()),
                        texts.join("\n"),
                    ]
                })
            })
            .collect();
        if rows.is_empty() {
            continue;
        }
        if !any {
            l.subheading("コメント");
            any = true;
        }
        l.subheading(&format!("{}（{}）", m.title, cx.dates.d(m.held_on)));
        l.table(
            &[
                Column {
                    title: "区分",
                    weight: 1.0,
                },
                Column {
                    title: "項目",
                    weight: 1.3,
                },
                Column {
                    title: "コメント",
                    weight: 5.0,
                },
            ],
            &rows,
        );
    }
}

pub(super) fn issues(l: &mut Layout, cx: &Context) {
    let issues = &cx.src.issues;
    if issues.is_empty() {
        l.paragraph(
            "課題・今後の検討事項はまだ登録されていません。",
            10.0,
            false,
        );
        return;
    }
    for kind in IssueKind::ALL {
        let rows: Vec<Vec<String>> = issues
            .iter()
            .filter(|i| i.kind == *kind)
            .map(|i| {
                let mut title = i.title.clone();
                if !i.detail.is_empty() {
                    title.push_str(&format!("\n{}", i.detail));
                }
                let mut response = i.response.clone();
                if let Some(d) = i.settled_on {
                    response = format!(
                        "{}（{}）",
                        if response.is_empty() {
                            "対応済み".into()
                        } else {
                            response
                        },
                        cx.dates.d(d)
                    );
                }
                vec![
                    i.number_label.clone(),
                    title,
                    i.status.to_string(),
                    response,
                    i.meeting_title
                        .clone()
                        .unwrap_or_else(|| cx.dates.d(i.raised_on)),
                ]
            })
            .collect();
        if rows.is_empty() {
            continue;
        }
        let open = issues
            .iter()
            .filter(|i| i.kind == *kind && i.status.is_open())
            .count();
        l.subheading(&format!(
            "{kind}（{}件・うち未対応・検討中 {open}件）",
            rows.len()
        ));
        l.table(
            &[
                Column {
                    title: "No",
                    weight: 0.4,
                },
                Column {
                    title: "内容",
                    weight: 3.2,
                },
                Column {
                    title: "状況",
                    weight: 0.8,
                },
                Column {
                    title: "対応",
                    weight: 2.0,
                },
                Column {
                    title: "挙がった会議",
                    weight: 1.8,
                },
            ],
            &rows,
        );
    }
}

pub(super) fn text(l: &mut Layout, cx: &Context) {
    let docs = &cx.src.comments;
    if docs.is_empty() {
        l.paragraph("対象期間の評価コメントはありません。", 10.0, false);
        return;
    }
    let o = &cx.src.text_options;
    l.paragraph(
        &format!(
            "表1のコメントを、1件のコメントを1つの文書として語に分け、同じコメントに現れる語の結びつき（Jaccard係数）を描きました（KH Coderの共起ネットワークと同じ考え方。最小出現数{}、上位{}の共起、品詞は{}、名詞はつなげずに数える（KH Coderの既定））。円の大きさは出現数、色は語のまとまり、濃く太い線ほど強い共起です。",
            o.min_freq,
            o.top,
            if o.classes.len() == crate::tokenizer::WordClass::ALL.len() {
                "すべて".to_string()
            } else {
                o.classes.iter().map(|c| c.label()).collect::<Vec<_>>().join("・")
            }
        ),
        9.5,
        false,
    );
    for kind in EvaluatorKind::ALL {
        let list: Vec<&[(String, crate::tokenizer::WordClass)]> = docs
            .iter()
            .filter(|d| d.kind == *kind)
            .map(|d| d.words.as_slice())
            .collect();
        let net = crate::analysis::cooc::network(&list, o);
        l.subheading(&format!("{kind}のコメント（{}件）", list.len()));
        if list.is_empty() {
            l.paragraph("コメントはありません。", 10.0, false);
            continue;
        }
        if net.nodes.is_empty() {
            // An empty box would take half a page and say nothing: the
            // reason, once, in a line.
            l.paragraph(
                &format!(
                    "{}件のコメントでは、{}回以上出てくる語どうしが同じコメントにそろって現れることがまだないため、図は省きました。コメントが増えると描けるようになります。",
                    list.len(),
                    o.min_freq
                ),
                10.0,
                false,
            );
            if net.words.is_empty() {
                continue;
            }
        } else {
            l.scene(
                &crate::chart::network::network_scene(
                    &crate::analysis::cooc::network_title(kind.label()),
                    &net,
                ),
                BODY_W * 0.9,
            );
        }
        let rows: Vec<Vec<String>> = net
            .words
            .iter()
            .take(10)
            .map(|w| {
                vec![
                    w.word.clone(),
                    w.class.label().into(),
                    w.frequency.to_string(),
                    w.documents.to_string(),
                ]
            })
            .collect();
        l.table(
            &[
                Column {
                    title: "よく出た語",
                    weight: 2.4,
                },
                Column {
                    title: "品詞",
                    weight: 1.0,
                },
                Column {
                    title: "出現数",
                    weight: 0.8,
                },
                Column {
                    title: "コメント数",
                    weight: 0.9,
                },
            ],
            &rows,
        );
    }
}

pub(super) fn plan(l: &mut Layout, cx: &Context) {
    let (tasks, today) = (&cx.src.tasks, cx.src.today);
    l.scene(
        &timeline_scene(
            wareki::fiscal_year(cx.src.from),
            tasks,
            DayMarker::for_year(wareki::fiscal_year(cx.src.from), today, Some(cx.src.to)),
        ),
        BODY_W,
    );
    let open: Vec<Vec<String>> = tasks
        .iter()
        .filter(|t| t.status.is_open())
        .map(|t| {
            vec![
                t.due_date
                    .map(|d| {
                        format!(
                            "{}{}",
                            cx.dates.d(d),
                            if t.overdue { "（超過）" } else { "" }
                        )
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
    let plan = &cx.src.plan;
    if !plan.is_empty() {
        l.subheading("中長期計画");
        l.scene(&plan_scene(plan), BODY_W);
    }
}

pub(super) fn resources(l: &mut Layout, cx: &Context) {
    let resources = &cx.src.resources;
    if resources.is_empty() {
        l.paragraph("提供資料はまだ登録されていません。", 10.0, false);
    } else {
        let rows: Vec<Vec<String>> = resources
            .iter()
            .map(|r| {
                vec![
                    r.provided_on.map(|d| cx.dates.d(d)).unwrap_or_default(),
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

pub(super) fn approval(l: &mut Layout, _cx: &Context) {
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
