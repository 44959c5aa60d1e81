//! Files between PCs (.bansou): export and import.

use crate::output::print_json;
use crate::Cx;
use bansou::files::target::ExportKind;
use bansou::{Error, Result};
use clap::Args;
use std::path::PathBuf;

#[derive(Args)]
pub(crate) struct ExportArgs {
    /// 事業のID、または事業名・士会名の一部（例：山口）
    pub project: String,
    /// 書き出すファイル（.bansou、--xlsx なら .xlsx）
    #[arg(long, value_name = "FILE")]
    pub out: PathBuf,
    /// 事業の一覧すべて（準備チェックとその履歴・会議・タスク・関係機関・評価・課題）を
    /// 1つの Excel のブックに書き出す
    #[arg(long, conflicts_with_all = ["meeting", "request", "response"])]
    pub xlsx: bool,
    /// 評価依頼・評価回答の会議のID
    #[arg(long, value_name = "ID")]
    pub meeting: Option<i64>,
    /// 評価依頼（伴走支援者に表1の記入を頼む）
    #[arg(long, requires = "meeting")]
    pub request: bool,
    /// 評価回答（記入した表1をチームに返す）
    #[arg(long, requires = "meeting", conflicts_with = "request")]
    pub response: bool,
}

pub(crate) fn export(cx: &mut Cx, a: ExportArgs) -> Result<()> {
    let ExportArgs {
        project,
        out,
        meeting,
        request,
        response,
        xlsx,
    } = a;
    let p = cx.store.resolve_project(&project)?;
    if xlsx {
        return crate::output::write_lists(cx, p.id, &bansou::files::xlsx::lists::Sheet::ALL, &out);
    }
    let out = cx.target(&out, ExportKind::Bansou)?;
    let b = match (meeting, request, response) {
        (Some(m), true, _) => cx.store.evaluation_request(m, p.id)?,
        (Some(m), _, true) => cx.store.evaluation_response(m, p.id)?,
        _ => cx.store.project_bundle(p.id)?,
    };
    let bytes = bansou::files::bundle_file::to_bytes(&b);
    bansou::files::write_atomically(&out, &bytes)?;
    out!(
        "{}を書き出しました：{}（{} KB、記録 {} 件）",
        b.kind.label(),
        out.display(),
        bytes.len().div_ceil(1024),
        b.count()
    );
    Ok(())
}

#[derive(Args)]
pub(crate) struct ImportArgs {
    /// 取り込むファイル
    pub file: PathBuf,
    /// 何が変わるかを表示するだけ（書き込まない）
    #[arg(long)]
    pub dry_run: bool,
    /// JSON で出力する
    #[arg(long)]
    pub json: bool,
    #[command(flatten)]
    pub choice: ChoiceArgs,
}

/// How every record changed on both sides is settled (import and sync).
#[derive(Args)]
pub(crate) struct ChoiceArgs {
    /// 両方で変更された記録は、こちらを残す
    #[arg(long)]
    pub keep_ours: bool,
    /// 両方で変更された記録は、相手（ファイル・共有サーバー）のものを採用する
    #[arg(long, conflicts_with = "keep_ours")]
    pub take_theirs: bool,
}

impl ChoiceArgs {
    pub fn choice(&self) -> Option<bansou::model::bundle::Choice> {
        use bansou::model::bundle::Choice;
        match (self.keep_ours, self.take_theirs) {
            (true, _) => Some(Choice::Keep),
            (_, true) => Some(Choice::Take),
            _ => None,
        }
    }
}

pub(crate) fn import(cx: &mut Cx, a: ImportArgs) -> Result<()> {
    let ImportArgs {
        file,
        dry_run,
        json,
        choice,
    } = a;
    let b = bansou::files::bundle_file::read(&file)?;
    let choices = bansou::model::bundle::Choices {
        all: choice.choice(),
        ..Default::default()
    };
    let preview = cx.store.preview_import(&b)?;
    let summary = if dry_run || (!preview.conflicts.is_empty() && choices.all.is_none()) {
        preview
    } else {
        cx.store.import_bundle(&b, &choices)?
    };
    if json {
        print_json(&summary)?;
    } else {
        out!("{}（{}）", summary.kind, summary.project);
        out!("{}", summary.sentence);
        for c in &summary.conflicts {
            out!("競合：{}　こちら：{}　相手：{}", c.what, c.here, c.there);
        }
        if summary.applied {
            out!("取り込みました（取り込み前のバックアップがあります）");
        } else if dry_run {
            out!("確認のみ：書き込んでいません");
        }
    }
    if !summary.applied && !dry_run {
        return Err(Error::Validation(vec![bansou::FieldError::new(
            "choices",
            format!(
                "両方のパソコンで変更された記録が{}件あります。--keep-ours（こちらを残す）か --take-theirs（相手を採用）を付けて実行してください。何も書き込んでいません",
                summary.conflicts.len()
            ),
        )]));
    }
    Ok(())
}
