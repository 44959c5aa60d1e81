//! The library's one error type. Messages are Japanese because they reach users
//! unchanged (the CLI prints them, the window shows them next to the field).

use serde::Serialize;
use std::path::PathBuf;
use ts_rs::TS;

/// A message for one form field; `field` is the input's key (e.g. `name`).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[ts(export)]
pub struct FieldError {
    pub field: String,
    pub message: String,
}

impl FieldError {
    pub fn new(field: &str, message: impl Into<String>) -> Self {
        Self {
            field: field.to_owned(),
            message: message.into(),
        }
    }
}

#[derive(Debug, thiserror::Error)]
pub enum Error {
    #[error("入力内容を確認してください（{}件）", .0.len())]
    Validation(Vec<FieldError>),

    #[error("{what}が見つかりません（{key}）")]
    NotFound { what: &'static str, key: String },

    #[error("「{query}」に当てはまる事業が複数あります：{}。IDで指定してください", .candidates.join("、"))]
    Ambiguous {
        query: String,
        candidates: Vec<String>,
    },

    #[error(
        "このデータベース（{path}）は新しい版の伴走ノートで作成されています（スキーマ {found}、この版は {supported} まで）。ファイルには触れていません。伴走ノートを更新してから開いてください"
    )]
    SchemaTooNew {
        path: PathBuf,
        found: i64,
        supported: i64,
    },

    #[error("{path} は伴走ノートのデータベースではありません。ファイルには触れていません")]
    NotOurDatabase { path: PathBuf },

    #[error("{}", database_message(.0))]
    Database(#[from] rusqlite::Error),

    #[error("{}", migration_message(.0))]
    Migration(#[from] rusqlite_migration::Error),

    #[error("ファイル {path} を扱えませんでした：{source}")]
    Io {
        path: PathBuf,
        source: std::io::Error,
    },

    #[error("データの保存先フォルダが見つかりません。--db でファイルを指定してください")]
    NoDataDir,

    #[error("Excel のファイルを作れませんでした：{}", short(&.0.to_string()))]
    Workbook(#[from] rust_xlsxwriter::XlsxError),
}

impl Error {
    /// A stable, machine-readable code for the UI and scripts.
    pub fn code(&self) -> &'static str {
        match self {
            Error::Validation(_) => "validation",
            Error::NotFound { .. } => "not_found",
            Error::Ambiguous { .. } => "ambiguous",
            Error::SchemaTooNew { .. } => "schema_too_new",
            Error::NotOurDatabase { .. } => "not_our_database",
            Error::Database(_) => "database",
            Error::Migration(_) => "migration",
            Error::Io { .. } => "io",
            Error::NoDataDir => "no_data_dir",
            Error::Workbook(_) => "workbook",
        }
    }

    /// 「{what}が見つかりません（ID {id}）」.
    pub fn not_found(what: &'static str, id: i64) -> Self {
        Error::NotFound {
            what,
            key: format!("ID {id}"),
        }
    }

    pub fn fields(&self) -> &[FieldError] {
        match self {
            Error::Validation(f) => f,
            _ => &[],
        }
    }
}

/// SQLite's complaint in words a user can act on; never the SQL text.
fn database_message(e: &rusqlite::Error) -> String {
    use rusqlite::ErrorCode::*;
    match e {
        rusqlite::Error::SqliteFailure(f, _) => match f.code {
            DatabaseBusy | DatabaseLocked => BUSY.to_owned(),
            DiskFull => "ディスクの空きがないため保存できませんでした。空きを作ってからもう一度お試しください（変更は取り消されました）".to_owned(),
            ReadOnly | PermissionDenied => "データベースのファイルに書き込めません（読み取り専用か、権限がありません）".to_owned(),
            CannotOpen => "データベースのファイルを開けませんでした（場所や権限を確かめてください）".to_owned(),
            NotADatabase | DatabaseCorrupt => "データベースのファイルが壊れているか、伴走ノートのデータベースではありません。設定のバックアップから復元できます".to_owned(),
            _ => format!("データベースの操作に失敗しました：{}", short(&e.to_string())),
        },
        rusqlite::Error::SqlInputError { msg, .. } => {
            format!("データベースの操作に失敗しました：{}", short(msg))
        }
        other => format!("データベースの操作に失敗しました：{}", short(&other.to_string())),
    }
}

/// Another process holds the database's write lock longer than we wait.
const BUSY: &str = "ほかの操作（別の画面やコマンド）がデータベースを使っています。終わるまでお待ちのうえ、もう一度お試しください";

fn migration_message(e: &rusqlite_migration::Error) -> String {
    match e {
        rusqlite_migration::Error::RusqliteError { err, .. } => {
            if let rusqlite::Error::SqliteFailure(f, _) = err {
                if matches!(
                    f.code,
                    rusqlite::ErrorCode::DatabaseBusy | rusqlite::ErrorCode::DatabaseLocked
                ) {
                    return BUSY.to_owned();
                }
            }
            format!(
                "データベースの更新（マイグレーション）に失敗しました。変更は取り消されました：{}",
                short(&err.to_string())
            )
        }
        other => format!(
            "データベースの更新（マイグレーション）に失敗しました。変更は取り消されました：{}",
            short(&other.to_string())
        ),
    }
}

/// At most a line of a message that came from below (it may quote anything).
fn short(text: &str) -> String {
    let line = text.lines().next().unwrap_or("");
    let head: String = line.chars().take(200).collect();
    head
}

pub type Result<T, E = Error> = std::result::Result<T, E>;
