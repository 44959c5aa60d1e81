//! Backups: make one, list them, restore one.

use crate::output::{print_json, print_table};
use crate::Cx;
use bansou::files::target::ExportKind;
use bansou::store::backup::Reason;
use bansou::store::Store;
use bansou::Result;
use clap::Args;
use std::path::{Path, PathBuf};

#[derive(Args)]
pub(crate) struct BackupArgs {
    /// 書き出すファイル（既にあるファイルには書きません）
    #[arg(long, value_name = "FILE")]
    pub out: Option<PathBuf>,
}

pub(crate) fn backup(cx: &mut Cx, a: BackupArgs) -> Result<()> {
    let BackupArgs { out } = a;
    match out {
        Some(out) => {
            // The same checks as every export: never the database, its
            // companions or the backups folder; an existing file never.
            if out.exists() {
                return Err(bansou::Error::Validation(vec![bansou::FieldError::new(
                    "out",
                    format!(
                        "{} は既にあります。上書きはしません。別の名前を指定してください",
                        out.display()
                    ),
                )]));
            }
            let out = bansou::files::target::check(&out, ExportKind::Backup, Some(&cx.path))?;
            cx.store.backup_to(&out)?;
            out!("バックアップを書き出しました：{}", out.display());
        }
        None => {
            let b = cx.store.backup_now(Reason::Manual)?;
            out!(
                "バックアップを作りました：{}（{} KB）",
                b.path,
                b.bytes / 1024
            );
        }
    };
    Ok(())
}

#[derive(Args)]
pub(crate) struct RestoreArgs {
    /// 復元するバックアップのファイル
    pub file: PathBuf,
}

/// Restores `file` over the database at `db`, which need not open (a damaged
/// file, or one a failed update left behind).
pub(crate) fn restore(db: &Path, a: RestoreArgs) -> Result<()> {
    let RestoreArgs { file } = a;
    let store = match Store::open(db) {
        Ok(store) => store.restore(&file)?,
        Err(e) => {
            out!("いまのデータベースを開けません（{e}）。開けないファイルはバックアップに残して復元します");
            bansou::store::backup::restore_unopened(db, &file)?
        }
    };
    let before = store
        .backups()?
        .into_iter()
        .find(|b| b.reason == Reason::Restore.label());
    out!("{} から復元しました。", file.display());
    if let Some(b) = before {
        out!("復元前のデータはバックアップしてあります：{}", b.path);
    }
    Ok(())
}

#[derive(Args)]
pub(crate) struct BackupsArgs {
    /// JSON で出力する
    #[arg(long)]
    pub json: bool,
}

pub(crate) fn backups(cx: &mut Cx, a: BackupsArgs) -> Result<()> {
    let BackupsArgs { json } = a;
    let list = cx.store.backups()?;
    if json {
        return print_json(&list);
    }
    if list.is_empty() {
        out!(
            "バックアップはまだありません（{}）",
            bansou::store::backup::dir_of(&cx.path).display()
        );
    }
    let rows: Vec<[String; 4]> = list
        .iter()
        .map(|b| {
            [
                b.created_label.clone(),
                b.reason.clone(),
                format!("{} KB", b.bytes.div_ceil(1024)),
                b.file_name.clone(),
            ]
        })
        .collect();
    print_table(&["作成日時", "理由", "大きさ", "ファイル"], &rows);
    Ok(())
}
