//! 事業全体: the secretariat's dashboard, its exports and the people.

use crate::output::{print_json, print_table, say_replaced, write_csv};
use crate::{today, Cx};
use bansou::files::target::ExportKind;
use bansou::Result;
use clap::Args;
use std::path::PathBuf;

#[derive(Args)]
pub(crate) struct ProgramArgs {
    /// 事業全体のID、または名前の一部（事業全体が1つなら省略可）
    #[arg(long, value_name = "ID|NAME")]
    pub program: Option<String>,
    /// JSON で出力する
    #[arg(long)]
    pub json: bool,
    /// 「事業全体の進捗一覧」（A4 横の PDF）を書き出す
    #[arg(long, value_name = "OUT.pdf")]
    pub pdf: Option<PathBuf>,
    /// 一覧を Excel で開ける CSV に書き出す
    #[arg(long, value_name = "OUT.csv")]
    pub csv: Option<PathBuf>,
    /// 一覧を Excel のブックに書き出す（チームごとの達成度と評価の平均の Excel のグラフつき）
    #[arg(long, value_name = "OUT.xlsx")]
    pub xlsx: Option<PathBuf>,
    /// 年間まとめ（チーム・会議・評価の平均・研修会、A4 PDF）を書き出す
    #[arg(long, value_name = "OUT.pdf")]
    pub summary_pdf: Option<PathBuf>,
    /// 一覧の代わりに、関係者ごとの担当チーム・出席した会議・書いた評価を表示する
    #[arg(long)]
    pub people: bool,
}

pub(crate) fn program(cx: &mut Cx, a: ProgramArgs) -> Result<()> {
    let ProgramArgs {
        program,
        json,
        pdf,
        csv,
        xlsx,
        summary_pdf,
        people,
    } = a;
    let g = cx.store.resolve_program(program.as_deref())?;
    // Check every target before writing any, so a bad one changes nothing.
    let pdf = pdf.map(|o| cx.target(&o, ExportKind::Pdf)).transpose()?;
    let csv = csv.map(|o| cx.target(&o, ExportKind::Csv)).transpose()?;
    let xlsx = xlsx.map(|o| cx.target(&o, ExportKind::Xlsx)).transpose()?;
    let summary_pdf = summary_pdf
        .map(|o| cx.target(&o, ExportKind::Pdf))
        .transpose()?;
    let rows = bansou::analysis::program::program_dashboard(&cx.store, g.id, today())?;
    let mut wrote = false;
    if let Some(out) = &pdf {
        let doc = bansou::report::program::dashboard_pdf(&g, &rows, today(), chrono::Local::now());
        bansou::files::write_atomically(out, &doc.bytes)?;
        out!("事業全体の進捗一覧を書き出しました：{}", out.display());
        say_replaced(doc.replaced);
        wrote = true;
    }
    if let Some(out) = &csv {
        write_csv(out, &bansou::files::csv::dashboard_csv(&rows)?, rows.len())?;
        wrote = true;
    }
    if let Some(out) = &xlsx {
        let bytes = bansou::files::xlsx::lists::dashboard_workbook(&rows)?;
        bansou::files::write_atomically(out, &bytes)?;
        out!(
            "事業全体の一覧を Excel のブックに書き出しました：{}（チーム {}）",
            out.display(),
            rows.len()
        );
        wrote = true;
    }
    if let Some(out) = &summary_pdf {
        let s = bansou::analysis::program::year_summary(&cx.store, g.id)?;
        let doc = bansou::report::program::year_summary_pdf(&s, chrono::Local::now());
        bansou::files::write_atomically(out, &doc.bytes)?;
        out!("事業の年間まとめを書き出しました：{}", out.display());
        say_replaced(doc.replaced);
        wrote = true;
    }
    if wrote && !json {
        return Ok(());
    }
    if people {
        let work = cx.store.supporter_work(g.id)?;
        if json {
            return print_json(&work);
        }
        out!("{}", g.title());
        let rows: Vec<[String; 5]> = work
            .iter()
            .map(|w| {
                [
                    w.name.clone(),
                    w.role.to_string(),
                    if w.teams.is_empty() {
                        "—".into()
                    } else {
                        w.teams.join("・")
                    },
                    w.meetings_attended.to_string(),
                    w.evaluations_written.to_string(),
                ]
            })
            .collect();
        print_table(
            &["氏名", "役割", "担当チーム", "出席した会議", "書いた評価"],
            &rows,
        );
        return Ok(());
    }
    if json {
        return print_json(&rows);
    }
    out!("{}　{}", g.title(), g.who_runs_it());
    if rows.is_empty() {
        out!("この事業全体にはまだチームがありません");
        return Ok(());
    }
    let mean = |v: Option<f64>| {
        v.map(|x| bansou::analysis::round::fixed(x, 2))
            .unwrap_or_else(|| "—".into())
    };
    let table: Vec<[String; 9]> = rows
        .iter()
        .map(|r| {
            [
                r.project_id.to_string(),
                r.society.clone(),
                r.phase.clone().unwrap_or_else(|| "—".into()),
                format!("{}%", r.completion),
                r.last_meeting_on
                    .map(|d| d.to_string())
                    .unwrap_or_else(|| "—".into()),
                format!("{}（超過 {}）", r.open_tasks, r.overdue_tasks),
                r.open_issues.to_string(),
                format!("{} / {}", mean(r.other_mean), mean(r.self_mean)),
                if r.warnings.is_empty() {
                    "—".into()
                } else {
                    r.warnings.join("／")
                },
            ]
        })
        .collect();
    print_table(
        &[
            "ID",
            "士会",
            "フェーズ",
            "達成度",
            "直近の会議",
            "タスク",
            "課題",
            "評価（他者/自己）",
            "注意",
        ],
        &table,
    );
    Ok(())
}
