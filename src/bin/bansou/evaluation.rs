//! 表1: evaluations, their summary (図23–25), the comments' network and the form.

use crate::output::{print_heading, print_json, print_rows, print_table, say_replaced};
use crate::Cx;
use bansou::files::target::ExportKind;
use bansou::model::evaluation::EvaluationFilter;
use bansou::{Error, Result};
use clap::Args;
use std::path::PathBuf;

#[derive(Args)]
pub(crate) struct EvaluationsArgs {
    /// 事業のID、または事業名・士会名の一部（例：山口）。「全体」ですべての事業
    pub project: String,
    /// Excel で開ける CSV（UTF-8 BOM 付き）に書き出す：評価×項目ごとに1行
    #[arg(long, value_name = "OUT.csv")]
    pub csv: Option<PathBuf>,
    /// Excel のブック（.xlsx）に書き出す：評価×項目ごとに1行、日付は和暦の日付セル
    #[arg(long, value_name = "OUT.xlsx")]
    pub xlsx: Option<PathBuf>,
    /// 会議×項目×評価者区分ごとの件数と平均を表示する
    #[arg(long)]
    pub summary: bool,
    /// JSON で出力する
    #[arg(long)]
    pub json: bool,
    /// この日以降の会議だけ（YYYY-MM-DD）
    #[arg(long, value_name = "DATE")]
    pub from: Option<String>,
    /// この日までの会議だけ（YYYY-MM-DD）
    #[arg(long, value_name = "DATE")]
    pub to: Option<String>,
    /// 他者評価 または 自己評価 だけ
    #[arg(long)]
    pub kind: Option<String>,
    /// 会議の区分：team（チーム会議など）・joint（合同の進捗会議）・all（すべて）。
    /// 省略時は team と joint を分けて集計する（報告書の図23・24と図25の区分）
    #[arg(long, value_name = "team|joint|all")]
    pub meetings: Option<String>,
    /// 合同の進捗会議の他者評価：both（両チームの全員、報告書の図25と同じ。省略時）・
    /// own（このチームのメンバーだけ）
    #[arg(long, value_name = "both|own")]
    pub joint_raters: Option<String>,
    /// CSV（このアプリの書き出し、Google フォーム・Excel の表）や Microsoft Forms の
    /// .xlsx から評価を取り込む
    #[arg(long, value_name = "FILE.csv|FILE.xlsx")]
    pub import_csv: Option<PathBuf>,
    /// 会議の表1を Excel のブックに書き出す（--meeting で会議を指定）。評価者・区分は
    /// 一覧から選び、A〜D は 1〜4、入力欄のほかは保護されています
    #[arg(long, value_name = "OUT.xlsx", requires = "meeting")]
    pub xlsx_form: Option<PathBuf>,
    /// 会議のID（--xlsx-form で書き出す会議。--import-xlsx ではこの会議の評価票だけを取り込む）
    #[arg(long, value_name = "ID")]
    pub meeting: Option<i64>,
    /// 記入された表1のブック（.xlsx、いくつでも。フォルダならその中の .xlsx すべて）を取り込む
    #[arg(long, value_name = "FILE.xlsx", num_args = 1..)]
    pub import_xlsx: Vec<PathBuf>,
    /// 取り込む前の確認だけ（書き込まない）
    #[arg(long)]
    pub dry_run: bool,
}

pub(crate) fn evaluations(cx: &mut Cx, a: EvaluationsArgs) -> Result<()> {
    let EvaluationsArgs {
        project,
        csv,
        xlsx,
        summary,
        json,
        from,
        to,
        kind,
        meetings,
        joint_raters,
        import_csv,
        xlsx_form,
        meeting,
        import_xlsx,
        dry_run,
    } = a;
    if let Some(out) = xlsx_form {
        let p = cx.store.resolve_project(&project)?;
        let out = cx.target(&out, ExportKind::Xlsx)?;
        let m = meeting.expect("clap requires --meeting");
        let bytes = bansou::files::xlsx::form::form_workbook(&cx.store, p.id, m, &[])?;
        bansou::files::write_atomically(&out, &bytes)?;
        out!(
            "表1の評価票（Excel）を書き出しました：{}（{} KB）",
            out.display(),
            bytes.len().div_ceil(1024)
        );
        return Ok(());
    }
    if !import_xlsx.is_empty() {
        let p = cx.store.resolve_project(&project)?;
        let r =
            bansou::files::xlsx::form::import(&mut cx.store, p.id, meeting, &import_xlsx, dry_run)?;
        if json {
            return print_json(&r);
        }
        print_form_import(&r, dry_run);
        return Ok(());
    }
    if let Some(file) = import_csv {
        let p = cx.store.resolve_project(&project)?;
        let table = bansou::files::xlsx::table::read_sheet_file(&file)?;
        let r = bansou::files::evaluation_csv::import(&mut cx.store, p.id, &table, None, dry_run)?;
        if json {
            return print_json(&r);
        }
        for problem in &r.refused {
            out!("{}行目：{}", problem.row, problem.reason);
        }
        out!(
            "{}表1 {} 件（新しいもの {} 件、取り込み済み {} 件）、取り込めない行 {} 件",
            if dry_run {
                "確認のみ："
            } else {
                "取り込みました："
            },
            r.forms,
            r.new,
            r.already,
            r.refused.len()
        );
        return Ok(());
    }
    let scope = if project == "全体" {
        None
    } else {
        Some(cx.store.resolve_project(&project)?)
    };
    let filter = EvaluationFilter {
        from: from.unwrap_or_default(),
        to: to.unwrap_or_default(),
        kind: kind.unwrap_or_default(),
        meetings: meetings.unwrap_or_default(),
        joint_raters: joint_raters.unwrap_or_default(),
    };
    let valid = filter.validate()?;
    let group = valid.meetings;
    let evals = cx
        .store
        .evaluations(scope.as_ref().map(|p| p.id), &filter)?;
    if let Some(out) = xlsx {
        let out = cx.target(&out, ExportKind::Xlsx)?;
        let bytes = bansou::files::xlsx::lists::evaluations_workbook(&evals)?;
        bansou::files::write_atomically(&out, &bytes)?;
        out!(
            "評価 {} 件（{} 行）を Excel のブックに書き出しました：{}",
            evals.len(),
            evals.len() * 4,
            out.display()
        );
        if csv.is_none() && !summary && !json {
            return Ok(());
        }
    }
    let csv = csv
        .map(|out| cx.target(&out, ExportKind::Csv))
        .transpose()?;
    if let Some(out) = &csv {
        let bytes = bansou::files::csv::evaluations_csv(&evals)?;
        bansou::files::write_atomically(out, &bytes)?;
        out!(
            "評価 {} 件（{} 行）を書き出しました：{}",
            evals.len(),
            evals.len() * 4,
            out.display()
        );
        if !summary && !json {
            return Ok(());
        }
    }
    if summary {
        let groups = bansou::analysis::evaluation::summarize_groups(&evals, group);
        if json {
            return print_json(&groups);
        }
        if let Some(p) = &scope {
            print_heading(p);
        } else {
            out!("すべての事業");
        }
        out!(
            "{}",
            bansou::analysis::evaluation::reading(scope.is_some(), &valid)
        );
        for g in &groups {
            print_evaluation_summary(g);
        }
    } else if json {
        print_json(&evals)?;
    } else if csv.is_none() {
        let rows: Vec<[String; 5]> = evals
            .iter()
            .map(|e| {
                [
                    e.held_on.to_string(),
                    e.meeting_title.clone(),
                    e.kind.to_string(),
                    e.evaluator.clone(),
                    e.scores
                        .iter()
                        .map(u8::to_string)
                        .collect::<Vec<_>>()
                        .join(" "),
                ]
            })
            .collect();
        print_table(&["会議日", "会議", "区分", "評価者", "A B C D"], &rows);
    }
    Ok(())
}

/// The preview of filled 表1 workbooks: each file, each form, each refusal by cell.
fn print_form_import(r: &bansou::files::xlsx::form::FormImport, dry_run: bool) {
    use bansou::files::xlsx::form::FormStatus;
    for f in &r.files {
        if f.meeting.is_empty() {
            out!("■ {}", f.file);
        } else {
            out!("■ {}（{}）", f.file, f.meeting);
        }
        for p in &f.problems {
            out!("  取り込めません：{p}");
        }
        for row in &f.rows {
            let status = match row.status {
                FormStatus::Add => "追加",
                FormStatus::Update => "更新",
                FormStatus::Same => "変更なし",
                FormStatus::Refused => "取り込めません",
            };
            out!(
                "  シート「{}」：{} {} {} A〜D {} … {status}",
                row.sheet,
                if row.evaluator.is_empty() {
                    "（評価者なし）"
                } else {
                    row.evaluator.as_str()
                },
                row.kind,
                row.written_on,
                row.scores
                    .iter()
                    .map(|s| if *s == 0 {
                        "—".to_owned()
                    } else {
                        s.to_string()
                    })
                    .collect::<Vec<_>>()
                    .join(" "),
            );
            for p in &row.problems {
                out!("    {p}");
            }
        }
    }
    out!(
        "{}{}",
        if dry_run {
            "確認のみ："
        } else {
            "取り込みました："
        },
        r.sentence
    );
}

#[derive(Args)]
pub(crate) struct AnalyzeArgs {
    /// 事業のID、または事業名・士会名の一部（例：茨城）。「全体」ですべての事業
    pub project: String,
    /// other（他者評価）・self（自己評価）・both（両方）
    #[arg(long, default_value = "both", value_name = "other|self|both")]
    pub kind: String,
    /// この会議のコメントだけ（会議のID）
    #[arg(long, value_name = "ID")]
    pub meeting: Option<i64>,
    /// 最小出現数
    #[arg(long, default_value_t = 2)]
    pub min_freq: u32,
    /// 描く共起関係の数（同じ強さの共起は含める）
    #[arg(long, default_value_t = 60)]
    pub top: u32,
    /// 続く名詞を1語の複合名詞としてつなげる（例：産業保健総合支援センター）。
    /// 省略時はつなげない（KH Coder の既定、報告書の図と同じ）
    #[arg(long)]
    pub compounds: bool,
    /// JSON で出力する
    #[arg(long)]
    pub json: bool,
    /// GraphML（networkx・Gephi 用）に書き出す
    #[arg(long, value_name = "OUT.graphml")]
    pub graphml: Option<PathBuf>,
    /// ノードと辺の CSV（nodes.csv・edges.csv）をこのフォルダに書き出す
    #[arg(long, value_name = "DIR")]
    pub csv_dir: Option<PathBuf>,
    /// 図を SVG に書き出す
    #[arg(long, value_name = "OUT.svg")]
    pub svg: Option<PathBuf>,
}

pub(crate) fn analyze(cx: &mut Cx, a: AnalyzeArgs) -> Result<()> {
    let AnalyzeArgs {
        project,
        kind,
        meeting,
        min_freq,
        top,
        compounds,
        json,
        graphml,
        csv_dir,
        svg,
    } = a;
    let scope = if project == "全体" {
        None
    } else {
        Some(cx.store.resolve_project(&project)?)
    };
    let kind = match kind.as_str() {
        "other" | "他者評価" | "他者" => "他者評価",
        "self" | "自己評価" | "自己" => "自己評価",
        "both" | "両方" | "" => "",
        other => {
            return Err(Error::Validation(vec![bansou::FieldError::new(
                "kind",
                format!("--kind「{other}」は選べません。other・self・both から選んでください"),
            )]))
        }
    };
    let filter = bansou::model::cooc::TextFilter {
        meeting_id: meeting,
        kind: kind.into(),
        min_freq,
        top,
        compounds,
        ..Default::default()
    };
    let a = bansou::analysis::cooc::text_analysis(
        &mut cx.store,
        scope.as_ref().map(|p| p.id),
        &filter,
    )?;
    let net = &a.network;
    let title = bansou::analysis::cooc::network_title(kind);
    if let Some(out) = graphml {
        let out = cx.target(&out, ExportKind::Graphml)?;
        bansou::files::write_atomically(&out, bansou::files::graph::graphml(net).as_bytes())?;
        out!(
            "GraphML を書き出しました：{}（語 {}・共起 {}）",
            out.display(),
            net.nodes.len(),
            net.edges.len()
        );
    }
    if let Some(dir) = csv_dir {
        let (nodes, edges) = bansou::files::graph::csv_lists(net)?;
        for (name, bytes) in [("nodes.csv", nodes), ("edges.csv", edges)] {
            let out = cx.target(&dir.join(name), ExportKind::Csv)?;
            bansou::files::write_atomically(&out, &bytes)?;
            out!("CSV を書き出しました：{}", out.display());
        }
    }
    if let Some(out) = svg {
        let out = cx.target(&out, ExportKind::Svg)?;
        let scene = bansou::chart::network::network_scene(&title, net);
        bansou::files::write_atomically(&out, bansou::chart::svg::render(&scene).as_bytes())?;
        out!("図を書き出しました：{}", out.display());
    }
    if json {
        return print_json(&a);
    }
    match &scope {
        Some(p) => print_heading(p),
        None => out!("すべての事業"),
    }
    out!();
    out!(
        "{title}：コメント {}件、語 {}（描いた語 {}）、共起 {}、グループ {}（{}）",
        net.documents,
        net.words.len(),
        net.nodes.len(),
        net.edges.len(),
        net.communities,
        a.settings_line()
    );
    let rows: Vec<[String; 4]> = net
        .words
        .iter()
        .take(20)
        .map(|w| {
            [
                w.word.clone(),
                w.class.label().into(),
                w.frequency.to_string(),
                w.documents.to_string(),
            ]
        })
        .collect();
    out!();
    print_table(&["語", "品詞", "出現数", "コメント数"], &rows);
    let rows: Vec<[String; 3]> = net
        .edges
        .iter()
        .take(20)
        .map(|e| {
            [
                net.nodes[e.source as usize].word.clone(),
                net.nodes[e.target as usize].word.clone(),
                format!("{:.3}", e.jaccard),
            ]
        })
        .collect();
    out!();
    print_table(&["語1", "語2", "Jaccard"], &rows);
    Ok(())
}

#[derive(Args)]
pub(crate) struct FormArgs {
    /// 書き出す PDF ファイル
    #[arg(long, value_name = "OUT.pdf")]
    pub out: PathBuf,
    /// 記入済みにする評価のID
    #[arg(long, value_name = "ID")]
    pub evaluation: Option<i64>,
}

pub(crate) fn form(cx: &mut Cx, a: FormArgs) -> Result<()> {
    let FormArgs { out, evaluation } = a;
    let out = cx.target(&out, ExportKind::Pdf)?;
    let e = evaluation.map(|id| cx.store.evaluation(id)).transpose()?;
    let pdf = bansou::report::form::evaluation_form(e.as_ref(), chrono::Local::now());
    bansou::files::write_atomically(&out, &pdf.bytes)?;
    say_replaced(pdf.replaced);
    out!("評価用紙を書き出しました：{}", out.display());
    Ok(())
}

/// One group of the evaluation summary: means per meeting, the gap 他者−自己
/// meeting by meeting with its range, and the report's sentence.
pub(crate) fn print_evaluation_summary(g: &bansou::analysis::evaluation::GroupSummary) {
    use bansou::model::evaluation::{EvalItem, EvaluatorKind};
    let s = &g.summary;
    out!();
    out!(
        "■ {}（会議 {}回・評価 {}件）",
        g.group,
        s.meetings.len(),
        s.evaluations
    );
    if s.meetings.is_empty() {
        out!("評価はありません");
        return;
    }
    let rows: Vec<Vec<String>> = s
        .meetings
        .iter()
        .flat_map(|m| EvaluatorKind::ALL.iter().map(move |&k| (m, k)))
        .map(|(m, k)| {
            let mut row = vec![format!("{} {}", m.held_on, m.title), k.to_string()];
            for &item in EvalItem::ALL {
                let st = s.stat(m.id, item, k).expect("every cell is computed");
                row.push(match st.mean {
                    Some(v) => format!("{}（n={}）", bansou::analysis::round::fixed(v, 2), st.n),
                    None => "—（n=0）".into(),
                });
            }
            row
        })
        .collect();
    let head: Vec<String> = ["会議", "区分", "A", "B", "C", "D"]
        .iter()
        .map(|h| h.to_string())
        .collect();
    print_rows(&head, &rows);
    out!();
    let gap_rows: Vec<Vec<String>> = s
        .meetings
        .iter()
        .enumerate()
        .map(|(i, m)| {
            let mut row = vec![format!("{} {}", m.held_on, m.title)];
            for gap in &s.gaps {
                row.push(match gap.per_meeting[i] {
                    Some(v) => format!("{v:+.2}"),
                    None => "—".into(),
                });
            }
            row
        })
        .chain(std::iter::once({
            let mut row = vec!["範囲（会議ごとの差）".to_string()];
            for gap in &s.gaps {
                row.push(gap.range_label.clone().unwrap_or_else(|| "—".into()));
            }
            row
        }))
        .chain(std::iter::once({
            let mut row = vec!["全体の平均の差".to_string()];
            for gap in &s.gaps {
                row.push(
                    gap.gap
                        .map(|v| format!("{v:+.2}"))
                        .unwrap_or_else(|| "—".into()),
                );
            }
            row
        }))
        .collect();
    let head: Vec<String> = ["他者−自己", "A", "B", "C", "D"]
        .iter()
        .map(|h| h.to_string())
        .collect();
    print_rows(&head, &gap_rows);
    if let Some(sentence) = &s.sentence {
        out!("{sentence}");
    }
}
