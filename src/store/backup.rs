//! Copies of the database in `backups/` next to it: before a migration, a
//! permanent delete or a restore, once a day at start, and on request. Each
//! copy is a consistent snapshot (VACUUM INTO, WAL included) written under a
//! temporary name and renamed, so a half-written backup never carries a
//! backup's name. The newest `keep` copies are kept.

use super::files;
use crate::error::{Error, FieldError, Result};
use chrono::{Local, NaiveDate, NaiveDateTime};
use rusqlite::{Connection, OpenFlags};
use serde::Serialize;
use std::path::{Path, PathBuf};
use ts_rs::TS;

/// How many backups are kept unless the user chose otherwise (設定).
pub const DEFAULT_KEEP: u32 = 14;
/// The settings key of that number.
pub const KEEP_SETTING: &str = "backup_keep";

/// Why a copy was made; part of its file name, so the list can say it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Reason {
    /// Before migrating from this schema version.
    Migration(i64),
    Daily,
    Delete,
    Restore,
    /// Before a file from another PC is merged in.
    Import,
    Manual,
}

impl Reason {
    fn tag(self) -> String {
        match self {
            Reason::Migration(v) => format!("v{v}"),
            Reason::Daily => "daily".into(),
            Reason::Delete => "delete".into(),
            Reason::Restore => "restore".into(),
            Reason::Import => "import".into(),
            Reason::Manual => "manual".into(),
        }
    }

    fn from_tag(tag: &str) -> Option<Self> {
        Some(match tag {
            "daily" => Reason::Daily,
            "delete" => Reason::Delete,
            "restore" => Reason::Restore,
            "import" => Reason::Import,
            "manual" => Reason::Manual,
            v => Reason::Migration(v.strip_prefix('v')?.parse().ok()?),
        })
    }

    pub fn label(self) -> String {
        match self {
            Reason::Migration(v) => format!("データベース更新の前（スキーマ {v}）"),
            Reason::Daily => "毎日の自動バックアップ".into(),
            Reason::Delete => "事業の完全削除の前".into(),
            Reason::Restore => "復元の前".into(),
            Reason::Import => "取り込みの前".into(),
            Reason::Manual => "手動".into(),
        }
    }
}

#[derive(Debug, Clone, PartialEq, Serialize, TS)]
#[ts(export)]
pub struct BackupInfo {
    pub file_name: String,
    pub path: String,
    /// 令和8年11月26日 14:30.
    pub created_label: String,
    #[ts(type = "number")]
    pub bytes: u64,
    pub reason: String,
    #[serde(skip)]
    pub created: NaiveDateTime,
    #[serde(skip)]
    kind: Option<Reason>,
}

/// `backups/` next to the database.
pub fn dir_of(db: &Path) -> PathBuf {
    db.parent()
        .unwrap_or_else(|| Path::new("."))
        .join("backups")
}

fn db_name(db: &Path) -> String {
    db.file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_else(|| "bansou.sqlite3".into())
}

const STAMP: &str = "%Y%m%d-%H%M%S";

/// `bansou.sqlite3.daily-20261126-143000.sqlite3` → its reason and time.
fn parse(db: &Path, file: &Path) -> Option<BackupInfo> {
    let name = file.file_name()?.to_str()?;
    let rest = name
        .strip_prefix(&format!("{}.", db_name(db)))?
        .strip_suffix(".sqlite3")?;
    // An optional `_2`, `_3` … tells apart copies made in the same second.
    let rest = rest.split('_').next()?;
    let (tag, stamp) = rest.split_at(rest.len().checked_sub(16)?);
    let created = NaiveDateTime::parse_from_str(stamp.strip_prefix('-')?, STAMP).ok()?;
    let kind = Reason::from_tag(tag)?;
    let bytes = std::fs::metadata(file).ok()?.len();
    Some(BackupInfo {
        file_name: name.to_owned(),
        path: file.to_string_lossy().into_owned(),
        created_label: format!(
            "{} {}",
            crate::wareki::date_wareki(created.date()),
            created.format("%H:%M")
        ),
        bytes,
        reason: kind.label(),
        created,
        kind: Some(kind),
    })
}

/// The backups of the database at `db`, newest first.
pub fn list(db: &Path) -> Result<Vec<BackupInfo>> {
    let dir = dir_of(db);
    if !dir.exists() {
        return Ok(Vec::new());
    }
    let entries = std::fs::read_dir(&dir).map_err(|source| Error::Io {
        path: dir.clone(),
        source,
    })?;
    let mut out: Vec<BackupInfo> = entries.filter_map(|e| parse(db, &e.ok()?.path())).collect();
    out.sort_by(|a, b| {
        b.created
            .cmp(&a.created)
            .then(b.file_name.cmp(&a.file_name))
    });
    Ok(out)
}

/// Writes a consistent copy of `conn`'s database to `target`: first under a
/// temporary name in the same folder, then renamed, so `target` is whole or absent.
pub(crate) fn copy_to(conn: &Connection, target: &Path) -> Result<()> {
    let dir = target.parent().unwrap_or_else(|| Path::new("."));
    let part = dir.join(format!(
        ".{}.part",
        target
            .file_name()
            .map(|n| n.to_string_lossy())
            .unwrap_or_default()
    ));
    let _ = std::fs::remove_file(&part);
    let io = |source| Error::Io {
        path: target.to_owned(),
        source,
    };
    let written = conn
        .execute("VACUUM INTO ?1", [part.to_string_lossy()])
        .map_err(Error::from)
        .and_then(|_| files::make_private(&part, false))
        .and_then(|_| std::fs::rename(&part, target).map_err(io));
    if written.is_err() {
        let _ = std::fs::remove_file(&part);
    }
    written
}

/// Makes a backup of `conn`'s database (which lives at `db`) and, when `keep`
/// is given, removes the oldest beyond it.
pub(crate) fn create(
    conn: &Connection,
    db: &Path,
    reason: Reason,
    keep: Option<u32>,
) -> Result<BackupInfo> {
    let dir = dir_of(db);
    files::create_private_dir(&dir)?;
    let stamp = Local::now().format(STAMP).to_string();
    let base = format!("{}.{}-{stamp}", db_name(db), reason.tag());
    let mut target = dir.join(format!("{base}.sqlite3"));
    let mut n = 2;
    while target.exists() {
        target = dir.join(format!("{base}_{n}.sqlite3"));
        n += 1;
    }
    copy_to(conn, &target)?;
    let made = parse(db, &target).ok_or_else(|| Error::Io {
        path: target.clone(),
        source: std::io::Error::other("バックアップの名前を読めませんでした"),
    })?;
    if let Some(keep) = keep {
        prune(db, keep, &made.file_name)?;
    }
    Ok(made)
}

/// Removes the oldest backups beyond `keep` (never `spare`, the one just made).
fn prune(db: &Path, keep: u32, spare: &str) -> Result<()> {
    for old in list(db)?.into_iter().skip(keep.max(1) as usize) {
        if old.file_name != spare {
            let _ = std::fs::remove_file(&old.path);
        }
    }
    Ok(())
}

/// The daily backup, unless one was made today. Reads through its own
/// connection, so it can run beside the window's without holding it up.
pub fn daily_if_due(db: &Path, today: NaiveDate, keep: u32) -> Result<Option<BackupInfo>> {
    let done_today = list(db)?
        .iter()
        .any(|b| b.kind == Some(Reason::Daily) && b.created.date() == today);
    if done_today || !db.exists() {
        return Ok(None);
    }
    let conn = Connection::open_with_flags(
        db,
        OpenFlags::SQLITE_OPEN_READ_ONLY | OpenFlags::SQLITE_OPEN_NO_MUTEX,
    )?;
    conn.busy_timeout(std::time::Duration::from_secs(5))?;
    create(&conn, db, Reason::Daily, Some(keep)).map(Some)
}

/// Checks a number of backups to keep as typed in 設定.
pub fn check_keep(keep: i64) -> Result<u32> {
    if (1..=365).contains(&keep) {
        Ok(keep as u32)
    } else {
        Err(Error::Validation(vec![FieldError::new(
            "keep",
            "残すバックアップの数は1〜365で入力してください",
        )]))
    }
}

impl super::Store {
    /// How many backups are kept (設定), 14 unless changed.
    pub fn backup_keep(&self) -> Result<u32> {
        Ok(self
            .setting(KEEP_SETTING)?
            .and_then(|v| v.parse().ok())
            .unwrap_or(DEFAULT_KEEP))
    }

    pub fn set_backup_keep(&mut self, keep: i64) -> Result<u32> {
        let keep = check_keep(keep)?;
        self.set_setting(KEEP_SETTING, &keep.to_string())?;
        Ok(keep)
    }

    /// This database's backups, newest first.
    pub fn backups(&self) -> Result<Vec<BackupInfo>> {
        list(self.path())
    }

    /// Makes a backup in `backups/` now.
    pub fn backup_now(&self, reason: Reason) -> Result<BackupInfo> {
        create(self.conn(), self.path(), reason, Some(self.backup_keep()?))
    }

    /// Writes a copy of the database to a file the user named. An existing file
    /// is never replaced (it may be another copy), nor is the database itself.
    pub fn backup_to(&self, target: &Path) -> Result<()> {
        if target.exists() {
            return Err(Error::Validation(vec![FieldError::new(
                "out",
                format!(
                    "{} は既にあります。上書きはしません。別の名前を指定してください",
                    target.display()
                ),
            )]));
        }
        copy_to(self.conn(), target)
    }

    /// Replaces this database's content with a backup's: the backup is checked
    /// first (a 伴走ノート database, not newer than this version, intact), the
    /// current content is backed up, then the pages are copied in one step and
    /// the database is reopened (and migrated, if the backup is older).
    pub fn restore(self, source: &Path) -> Result<super::Store> {
        let refuse = |message: String| Error::Validation(vec![FieldError::new("file", message)]);
        if !source.is_file() {
            return Err(refuse(format!("{} が見つかりません", source.display())));
        }
        let same = |a: &Path, b: &Path| match (a.canonicalize(), b.canonicalize()) {
            (Ok(a), Ok(b)) => a == b,
            _ => false,
        };
        if same(source, self.path()) {
            return Err(refuse(
                "開いているデータベースそのものは復元元にできません".into(),
            ));
        }
        super::inspect(source, super::schema_version())?;
        let src = Connection::open_with_flags(source, OpenFlags::SQLITE_OPEN_READ_ONLY)?;
        let check: String = src.query_row("PRAGMA integrity_check", [], |r| r.get(0))?;
        if check != "ok" {
            return Err(refuse(format!(
                "{} は壊れているため復元できません（{check}）",
                source.display()
            )));
        }
        self.backup_now(Reason::Restore)?;
        let path = self.path().to_owned();
        let mut conn = self.conn;
        {
            let copy = rusqlite::backup::Backup::new(&src, &mut conn)?;
            copy.run_to_completion(256, std::time::Duration::from_millis(0), None)?;
        }
        drop(conn);
        super::Store::open(&path)
    }
}
