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

/// Whether an error of this code is the user's to act on (a field, a missing
/// record, a file that is not ours) rather than something that went wrong
/// inside, which the diagnostic log keeps.
pub fn is_for_the_user(code: &str) -> bool {
    matches!(
        code,
        "validation" | "not_found" | "ambiguous" | "schema_too_new" | "not_our_database"
    )
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

    /// What went wrong, for the diagnostic log: codes and kinds only (SQLite's
    /// code, the I/O error's kind), never a path, a value or a message that
    /// could carry what a user wrote.
    pub fn cause(&self) -> String {
        match self {
            Error::Database(e) => database_cause(e),
            Error::Migration(rusqlite_migration::Error::RusqliteError { err, .. }) => {
                format!("migration {}", database_cause(err))
            }
            Error::Io { source, .. } => format!("io {:?}", source.kind()),
            other => other.code().to_owned(),
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

fn database_cause(e: &rusqlite::Error) -> String {
    use rusqlite::Error as E;
    match e {
        E::SqliteFailure(f, _) => format!("sqlite {:?} ({})", f.code, f.extended_code),
        // Column names and indexes are ours, not the user's.
        E::InvalidColumnName(name) => format!("invalid column name {name}"),
        E::InvalidColumnIndex(i) => format!("invalid column index {i}"),
        E::InvalidColumnType(i, name, t) => format!("column {i} {name} is {t}"),
        E::FromSqlConversionFailure(i, t, _) => format!("column {i} from {t} not converted"),
        E::QueryReturnedNoRows => "no rows".to_owned(),
        E::SqlInputError { .. } => "sql input error".to_owned(),
        _ => "sqlite other".to_owned(),
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

#[cfg(test)]
mod cause_tests {
    use super::*;

    #[test]
    fn a_cause_names_codes_and_kinds_never_what_the_user_wrote() {
        let io = Error::Io {
            path: PathBuf::from("/home/u/山口県理学療法士会.pdf"),
            source: std::io::Error::new(std::io::ErrorKind::PermissionDenied, "山口"),
        };
        assert_eq!(io.cause(), "io PermissionDenied");
        let conn = rusqlite::Connection::open_in_memory().unwrap();
        let e: Error = conn
            .execute("INSERT INTO nowhere VALUES ('山口の会議')", [])
            .unwrap_err()
            .into();
        assert!(e.cause().starts_with("sql"), "{}", e.cause());
        assert!(!e.cause().contains('山'), "{}", e.cause());
        let v = Error::Validation(vec![FieldError::new("name", "山口")]);
        assert_eq!(v.cause(), "validation");
    }
}
