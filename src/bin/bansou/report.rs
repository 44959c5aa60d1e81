//! The board's progress report (A4 PDF).

use crate::output::say_replaced;
use crate::{today, Cx};
use bansou::files::target::ExportKind;
use bansou::report::progress::{parse_sections, render, ReportInput};
use bansou::Result;
use clap::Args;
use std::path::PathBuf;

#[derive(Args)]
pub(crate) struct ReportArgs {
    /// 事業のID、または事業名・士会名の一部（例：山口）
    pub project: String,
    /// 書き出す PDF ファイル
    #[arg(long, value_name = "OUT.pdf")]
    pub out: PathBuf,
    /// 対象期間の始まり（YYYY-MM-DD、省略時は今年度の初め）
    #[arg(long, value_name = "DATE")]
    pub from: Option<String>,
    /// 対象期間の終わり（YYYY-MM-DD、省略時は今日）
    #[arg(long, value_name = "DATE")]
    pub to: Option<String>,
    /// 入れる章（番号か名前をカンマ区切り。例：1,3,評価,承認）
    #[arg(long, value_name = "LIST")]
    pub sections: Option<String>,
    /// 作成者
    #[arg(long, default_value = "")]
    pub author: String,
    /// 日付を西暦で書く（既定は和暦）
    #[arg(long)]
    pub seireki: bool,
    /// 評価の章の会議の区分：team・joint・all（省略時は両方を分けて載せる）
    #[arg(long, value_name = "team|joint|all")]
    pub meetings: Option<String>,
    /// 評価のコメントを載せない
    #[arg(long)]
    pub no_comments: bool,
}

pub(crate) fn report(cx: &mut Cx, a: ReportArgs) -> Result<()> {
    let ReportArgs {
        project,
        out,
        from,
        to,
        sections,
        author,
        seireki,
        meetings,
        no_comments,
    } = a;
    let p = cx.store.resolve_project(&project)?;
    let out = cx.target(&out, ExportKind::Pdf)?;
    // The same checks as the window's report form.
    let opts = ReportInput {
        from: from.unwrap_or_default(),
        to: to.unwrap_or_default(),
        sections: sections
            .map(|s| parse_sections(&s))
            .transpose()?
            .unwrap_or_default()
            .into_iter()
            .map(i32::from)
            .collect(),
        author,
        seireki,
        meetings: meetings.unwrap_or_default(),
        no_comments,
    }
    .validate(today())?;
    let src = bansou::report::progress::source(&mut cx.store, p.id, &opts)?;
    let pdf = render(&src, &opts, &mut |_| {});
    bansou::files::write_atomically(&out, &pdf.bytes)?;
    out!(
        "進捗報告書を書き出しました：{}（{} KB）",
        out.display(),
        pdf.bytes.len() / 1024
    );
    say_replaced(pdf.replaced);
    Ok(())
}
