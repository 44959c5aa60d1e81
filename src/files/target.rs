//! Where an export may go. A report written over the database, its -wal file
//! or a backup destroys the user's records, so such targets are refused — in
//! the window (after the save dialog) and in the CLI alike — before anything
//! is written.

use crate::error::{Error, FieldError, Result};
use std::path::{Path, PathBuf};

/// What is exported; decides the extension the file must carry.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Deserialize, ts_rs::TS)]
#[serde(rename_all = "lowercase")]
#[ts(export)]
pub enum ExportKind {
    Pdf,
    Csv,
    Svg,
    /// A bundle for another PC (.bansou).
    Bansou,
    /// A network for graph tools.
    Graphml,
    /// A copy of the database (`bansou backup --out`).
    Backup,
    /// An Excel workbook.
    Xlsx,
    /// A 共有サーバー connection file (`bansou server user add --out`).
    Connection,
}

impl ExportKind {
    pub fn extension(self) -> &'static str {
        match self {
            ExportKind::Pdf => "pdf",
            ExportKind::Csv => "csv",
            ExportKind::Svg => "svg",
            ExportKind::Bansou => "bansou",
            ExportKind::Graphml => "graphml",
            ExportKind::Backup => "sqlite3",
            ExportKind::Xlsx => "xlsx",
            ExportKind::Connection => "bansou-server",
        }
    }
}

fn refuse(message: String) -> Error {
    Error::Validation(vec![FieldError::new("path", message)])
}

/// The absolute form of a path whose file may not exist yet: its folder
/// resolved (links followed), then its name.
fn resolved(path: &Path) -> PathBuf {
    let name = path.file_name().map(PathBuf::from).unwrap_or_default();
    let dir = match path.parent() {
        Some(d) if !d.as_os_str().is_empty() => d.to_owned(),
        _ => PathBuf::from("."),
    };
    dir.canonicalize().unwrap_or(dir).join(name)
}

/// True for a file that starts like an SQLite database (a 伴走ノート database
/// or any other): never overwritten by an export.
fn is_database(path: &Path) -> bool {
    use std::io::Read;
    let mut head = [0u8; 16];
    std::fs::File::open(path)
        .and_then(|mut f| f.read_exact(&mut head))
        .is_ok()
        && &head == b"SQLite format 3\0"
}

/// Refuses the database at `db`, its -wal/-shm/-journal files and its backups folder.
fn check_not_ours(path: &Path, db: &Path) -> Result<()> {
    let db_abs = resolved(db);
    let here = resolved(path);
    for suffix in ["", "-wal", "-shm", "-journal"] {
        let mut name = db_abs.as_os_str().to_owned();
        name.push(suffix);
        if here.as_os_str() == name {
            return Err(refuse(format!(
                "開いているデータベース（{}）には書き出せません。別の名前を指定してください",
                db.display()
            )));
        }
    }
    let backups = crate::store::backup::dir_of(&db_abs);
    let backups = backups.canonicalize().unwrap_or(backups);
    if here.parent().is_some_and(|p| p.starts_with(&backups)) {
        return Err(refuse(format!(
            "バックアップのフォルダ（{}）には書き出せません。別の場所を指定してください",
            backups.display()
        )));
    }
    Ok(())
}

/// Checks the path chosen for an export and returns it with the right
/// extension (「報告書」 → 「報告書.pdf」). Refused, with a Japanese message:
/// no path, a folder, the open database and its -wal/-shm/-journal files, the
/// backups folder, and any existing database file.
pub fn check(path: &Path, kind: ExportKind, db: Option<&Path>) -> Result<PathBuf> {
    if path.as_os_str().is_empty() || path.file_name().is_none() {
        return Err(refuse("保存先のファイルを選んでください".into()));
    }
    let folder = |p: &Path| {
        refuse(format!(
            "{} はフォルダです。ファイル名を指定してください",
            p.display()
        ))
    };
    if path.is_dir() {
        return Err(folder(path));
    }
    let ext = kind.extension();
    let mut target = path.to_owned();
    if !target
        .extension()
        .is_some_and(|e| e.to_string_lossy().eq_ignore_ascii_case(ext))
    {
        let mut name = target.as_os_str().to_owned();
        name.push(format!(".{ext}"));
        target = PathBuf::from(name);
    }
    if target.is_dir() {
        return Err(folder(&target));
    }
    if let Some(db) = db {
        // Both as typed and with the extension added: naming the database is a
        // slip worth saying so, not a file to write beside it.
        for p in [path, target.as_path()] {
            check_not_ours(p, db)?;
        }
    }
    if is_database(&target) {
        return Err(refuse(format!(
            "{} はデータベースのファイルです。上書きすると記録が失われるため、書き出せません",
            target.display()
        )));
    }
    Ok(target)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn message(e: Error) -> String {
        e.fields()[0].message.clone()
    }

    #[test]
    fn the_database_its_companions_backups_and_other_databases_are_refused() {
        let dir = tempfile::tempdir().unwrap();
        let db = dir.path().join("bansou.sqlite3");
        let store = crate::Store::open(&db).unwrap();
        store
            .backup_now(crate::store::backup::Reason::Manual)
            .unwrap();
        for bad in ["bansou.sqlite3", "bansou.sqlite3-wal", "bansou.sqlite3-shm"] {
            let e = check(&dir.path().join(bad), ExportKind::Pdf, Some(&db)).unwrap_err();
            assert!(message(e).contains("開いているデータベース"), "{bad}");
        }
        // A copy of a database under a document's name is refused too.
        let renamed = dir.path().join("data.pdf");
        std::fs::copy(&db, &renamed).unwrap();
        assert!(
            message(check(&renamed, ExportKind::Pdf, Some(&db)).unwrap_err())
                .contains("データベースのファイル")
        );
        let in_backups = crate::store::backup::dir_of(&db).join("x.pdf");
        assert!(
            message(check(&in_backups, ExportKind::Pdf, Some(&db)).unwrap_err())
                .contains("バックアップのフォルダ")
        );
        assert!(
            message(check(Path::new(""), ExportKind::Csv, Some(&db)).unwrap_err())
                .contains("保存先")
        );
        assert!(
            message(check(dir.path(), ExportKind::Csv, Some(&db)).unwrap_err())
                .contains("フォルダ")
        );
    }

    #[test]
    fn the_open_database_is_refused_when_its_name_is_given_exactly() {
        let dir = tempfile::tempdir().unwrap();
        let db = dir.path().join("report.pdf");
        std::fs::write(&db, b"").unwrap();
        let e = check(&dir.path().join("./report.pdf"), ExportKind::Pdf, Some(&db)).unwrap_err();
        assert!(message(e).contains("開いているデータベース"));
        let e = check(
            &dir.path().join("report.pdf-wal"),
            ExportKind::Pdf,
            Some(&db),
        )
        .unwrap_err();
        assert!(message(e).contains("開いているデータベース"));
    }

    #[test]
    fn the_extension_is_added_when_missing_and_kept_when_present() {
        let dir = tempfile::tempdir().unwrap();
        let p = dir.path().join("報告書");
        assert_eq!(
            check(&p, ExportKind::Pdf, None).unwrap(),
            dir.path().join("報告書.pdf")
        );
        let p = dir.path().join("評価.CSV");
        assert_eq!(check(&p, ExportKind::Csv, None).unwrap(), p);
    }
}
