//! `bansou survey …`: list, results, import of answer sheets, the blank form.

use crate::output::{print_json, print_table, say_replaced, write_csv};
use crate::Cx;
use bansou::analysis::survey::QuestionResult;
use bansou::files::target::ExportKind;
use bansou::{Error, Result};
use clap::{Args, Subcommand};
use std::path::PathBuf;

#[derive(Subcommand)]
pub(crate) enum SurveyCommand {
    /// アンケートの一覧（ID・名前・会議・回答数）
    List(ListArgs),
    /// 結果（回答数・回収率・選択肢ごとの件数と割合）を表示・書き出す
    Results(ResultsArgs),
    /// Google フォーム・Excel の CSV や Microsoft Forms の .xlsx から回答を取り込む（同じ行は二度入りません）
    Import(ImportArgs),
    /// 配る用紙（空欄の A4 PDF）を作る
    Form(FormArgs),
}

#[derive(Args)]
pub(crate) struct ListArgs {
    /// JSON で出力する
    #[arg(long)]
    pub json: bool,
}

#[derive(Args)]
pub(crate) struct ResultsArgs {
    /// アンケートのID、または名前の一部（例：研修会）
    pub survey: String,
    /// JSON で出力する
    #[arg(long)]
    pub json: bool,
    /// Excel で開ける CSV に書き出す
    #[arg(long, value_name = "OUT.csv", conflicts_with = "json")]
    pub csv: Option<PathBuf>,
    /// A4 の PDF に書き出す
    #[arg(long, value_name = "OUT.pdf", conflicts_with = "json")]
    pub pdf: Option<PathBuf>,
    /// Excel のブックに書き出す（結果の表と、選択式の質問ごとの Excel のグラフ）
    #[arg(long, value_name = "OUT.xlsx", conflicts_with = "json")]
    pub xlsx: Option<PathBuf>,
    /// この質問（番号、例：1）の答えで分けて集計する（職種・都道府県など単一選択の質問）
    #[arg(long, value_name = "問")]
    pub by: Option<u32>,
}

#[derive(Args)]
pub(crate) struct ImportArgs {
    /// アンケートのID、または名前の一部
    pub survey: String,
    /// 取り込む CSV（UTF-8 か Shift_JIS）か、Microsoft Forms・Excel の .xlsx
    pub file: PathBuf,
    /// 何が取り込まれるかを表示するだけ（書き込まない）
    #[arg(long)]
    pub dry_run: bool,
    /// JSON で出力する
    #[arg(long)]
    pub json: bool,
}

#[derive(Args)]
pub(crate) struct FormArgs {
    /// アンケートのID、または名前の一部
    pub survey: String,
    /// 書き出す PDF ファイル
    #[arg(long, value_name = "OUT.pdf")]
    pub out: PathBuf,
}

/// `bansou survey …`: the アンケート.
pub(crate) fn run(cx: &mut Cx, action: SurveyCommand) -> Result<()> {
    match action {
        SurveyCommand::List(a) => list(cx, a),
        SurveyCommand::Results(a) => show_results(cx, a),
        SurveyCommand::Import(a) => import(cx, a),
        SurveyCommand::Form(a) => form(cx, a),
    }
}

fn list(cx: &mut Cx, a: ListArgs) -> Result<()> {
    let ListArgs { json } = a;
    let list = cx.store.surveys()?;
    if json {
        return print_json(&list);
    }
    if list.is_empty() {
        out!("アンケートはまだありません");
        return Ok(());
    }
    let rows: Vec<[String; 5]> = list
        .iter()
        .map(|s| {
            [
                s.id.to_string(),
                s.title.clone(),
                s.owner.clone(),
                s.meeting.clone().unwrap_or_else(|| "—".into()),
                match s.participants {
                    Some(p) => format!("{}（参加 {p}）", s.responses),
                    None => s.responses.to_string(),
                },
            ]
        })
        .collect();
    print_table(&["ID", "アンケート", "事業", "会議", "回答"], &rows);

    Ok(())
}

fn show_results(cx: &mut Cx, a: ResultsArgs) -> Result<()> {
    let ResultsArgs {
        survey,
        json,
        csv,
        pdf,
        xlsx,
        by,
    } = a;
    let s = cx.store.resolve_survey(&survey)?;
    let csv = csv.map(|o| cx.target(&o, ExportKind::Csv)).transpose()?;
    let pdf = pdf.map(|o| cx.target(&o, ExportKind::Pdf)).transpose()?;
    let xlsx = xlsx.map(|o| cx.target(&o, ExportKind::Xlsx)).transpose()?;
    let by_question = by
        .map(|n| {
            s.questions
                .iter()
                .find(|q| q.number == n)
                .ok_or(Error::NotFound {
                    what: "質問",
                    key: format!("問{n}"),
                })
        })
        .transpose()?;
    let bansou::analysis::survey::SurveyReport {
        results: r, groups, ..
    } = bansou::analysis::survey::report(&cx.store, s.id, by_question.map(|q| q.id))?;
    if let Some(out) = &csv {
        write_csv(
            out,
            &bansou::files::csv::survey_results_csv(&r)?,
            r.questions.len(),
        )?;
    }
    if let Some(out) = &pdf {
        let doc = bansou::report::survey::results_pdf(
            &r,
            &groups,
            by_question.map(|q| q.text.as_str()),
            chrono::Local::now(),
        );
        bansou::files::write_atomically(out, &doc.bytes)?;
        out!(
            "アンケート結果を書き出しました：{}（{} ページ）",
            out.display(),
            doc.pages
        );
        say_replaced(doc.replaced);
    }
    if let Some(out) = &xlsx {
        let bytes = bansou::files::xlsx::lists::survey_workbook(&r)?;
        bansou::files::write_atomically(out, &bytes)?;
        out!(
            "アンケート結果を Excel のブックに書き出しました：{}（{} KB）",
            out.display(),
            bytes.len().div_ceil(1024)
        );
    }
    if csv.is_some() || pdf.is_some() || xlsx.is_some() {
        return Ok(());
    }
    if json {
        return if groups.is_empty() {
            print_json(&r)
        } else {
            print_json(&groups)
        };
    }
    for r in std::iter::once(&r).chain(&groups) {
        out!(
            "{}{}　{}",
            r.title,
            r.group
                .as_deref()
                .map(|g| format!("（{g}）"))
                .unwrap_or_default(),
            bansou::report::survey::response_line(r)
        );
        for q in &r.questions {
            out!();
            out!("問{}　{}（{}）", q.number, q.text, q.base_label);
            // The same table as the window and the PDF.
            let table = q.count_table();
            let rows: Vec<[String; 3]> = table
                .rows
                .iter()
                .map(|r| [r.label.clone(), r.count.to_string(), r.share.clone()])
                .collect();
            if !rows.is_empty() {
                print_table(&["選択肢", "件数", "割合"], &rows);
            }
            if let Some(note) = &table.note {
                out!("（{note}）");
            }
            for g in &q.text_groups {
                out!("・{}", QuestionResult::group_line(g));
            }
            if let Some(s) = &q.sentence {
                out!("→ {s}");
            }
            if let Some(p) = &q.previous {
                out!("前回（{}）との比較：", p.title);
                for line in &p.lines {
                    out!("　{line}");
                }
            }
        }
        out!();
    }

    Ok(())
}

fn import(cx: &mut Cx, a: ImportArgs) -> Result<()> {
    let ImportArgs {
        survey,
        file,
        dry_run,
        json,
    } = a;
    let s = cx.store.resolve_survey(&survey)?;
    let table = bansou::files::xlsx::table::read_sheet_file(&file)?;
    let r = bansou::files::survey_csv::import(&mut cx.store, s.id, &table, None, dry_run)?;
    if json {
        return print_json(&r);
    }
    for problem in &r.refused {
        out!("{}行目：{}", problem.row, problem.reason);
    }
    if !r.unused.is_empty() {
        out!("使わない列：{}", r.unused.join("、"));
    }
    if !r.unanswered.is_empty() {
        out!("対応する列のない質問：{}", r.unanswered.join("、"));
    }
    out!(
        "{}回答 {} 件（新しいもの {} 件、取り込み済み {} 件）、取り込めない行 {} 件",
        if dry_run {
            "確認のみ："
        } else {
            "取り込みました："
        },
        r.sheets,
        r.new,
        r.already,
        r.refused.len()
    );

    Ok(())
}

fn form(cx: &mut Cx, a: FormArgs) -> Result<()> {
    let FormArgs { survey, out } = a;
    let s = cx.store.resolve_survey(&survey)?;
    let out = cx.target(&out, ExportKind::Pdf)?;
    let doc = bansou::report::survey::form_pdf(&s, chrono::Local::now());
    bansou::files::write_atomically(&out, &doc.bytes)?;
    say_replaced(doc.replaced);
    out!(
        "アンケート用紙を書き出しました：{}（{} ページ）",
        out.display(),
        doc.pages
    );

    Ok(())
}
