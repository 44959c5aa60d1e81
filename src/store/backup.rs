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
use std::collections::BTreeMap;
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
    let meta = std::fs::metadata(file).ok()?;
    parse_with(db, file, Some(meta))
}

/// As [`parse`], from the name alone when `meta` is None.
fn parse_with(db: &Path, file: &Path, meta: Option<std::fs::Metadata>) -> Option<BackupInfo> {
    let name = file.file_name()?.to_str()?;
    let rest = name
        .strip_prefix(&format!("{}.", db_name(db)))?
        .strip_suffix(".sqlite3")?;
    // An optional `_2`, `_3` … tells apart copies made in the same second.
    let rest = rest.split('_').next()?;
    let (tag, stamp) = rest.split_at(rest.len().checked_sub(16)?);
    let named = NaiveDateTime::parse_from_str(stamp.strip_prefix('-')?, STAMP).ok()?;
    let kind = Reason::from_tag(tag)?;
    let bytes = meta.as_ref().map_or(0, |m| m.len());
    // A name dated after the file was written (a wrong clock, or a renamed
    // file) would stay the newest for ever and never be pruned.
    let written = meta
        .and_then(|m| m.modified().ok())
        .map(|t| chrono::DateTime::<Local>::from(t).naive_local());
    let created = written.map_or(named, |w| named.min(w));
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

/// Writes a consistent copy of `conn`'s database (VACUUM INTO) under a
/// temporary name of its own in `dir`, made private; several processes
/// backing up at once never share one.
fn snapshot(conn: &Connection, dir: &Path) -> Result<tempfile::NamedTempFile> {
    let io = |source| Error::Io {
        path: dir.to_owned(),
        source,
    };
    // tempfile creates the file exclusively, empty, readable by its owner
    // only; VACUUM INTO fills an empty file.
    let part = tempfile::Builder::new()
        .prefix(".bansou-backup-")
        .suffix(".part")
        .tempfile_in(dir)
        .map_err(io)?;
    conn.execute("VACUUM INTO ?1", [part.path().to_string_lossy()])?;
    files::make_private(part.path(), false)?;
    Ok(part)
}

/// Gives a finished snapshot its name, never over an existing file: with
/// `number`, the first free of `base.sqlite3`, `base_2.sqlite3`…; without,
/// `target` or nothing.
fn settle(mut part: tempfile::NamedTempFile, target: &Path, number: bool) -> Result<PathBuf> {
    let io = |source| Error::Io {
        path: target.to_owned(),
        source,
    };
    let stem = target.with_extension("");
    for n in 1.. {
        let name = if n == 1 {
            target.to_owned()
        } else {
            PathBuf::from(format!("{}_{n}.sqlite3", stem.display()))
        };
        match part.persist_noclobber(&name) {
            Ok(_) => return Ok(name),
            Err(e) if e.error.kind() == std::io::ErrorKind::AlreadyExists && number => {
                part = e.file;
            }
            Err(e) if e.error.kind() == std::io::ErrorKind::AlreadyExists => {
                return Err(Error::Validation(vec![FieldError::new(
                    "out",
                    format!(
                        "{} は既にあります。上書きはしません。別の名前を指定してください",
                        target.display()
                    ),
                )]))
            }
            Err(e) => return Err(io(e.error)),
        }
    }
    unreachable!("the loop returns")
}

/// Writes a consistent copy of `conn`'s database to `target`, whole or not at
/// all, never over an existing file.
pub(crate) fn copy_to(conn: &Connection, target: &Path) -> Result<()> {
    let dir = match target.parent() {
        Some(d) if !d.as_os_str().is_empty() => d,
        _ => Path::new("."),
    };
    settle(snapshot(conn, dir)?, target, false).map(|_| ())
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
    let base = dir.join(format!("{}.{}-{stamp}.sqlite3", db_name(db), reason.tag()));
    let target = settle(snapshot(conn, &dir)?, &base, true)?;
    // Another process taking in files at the same moment may already have
    // pruned this copy as one too many (beyond `keep`): it was still made.
    let made = parse(db, &target)
        .or_else(|| parse_with(db, &target, None))
        .ok_or_else(|| Error::Io {
            path: target.clone(),
            source: std::io::Error::other("バックアップの名前を読めませんでした"),
        })?;
    if let Some(keep) = keep {
        prune(db, keep, &made.file_name)?;
    }
    Ok(made)
}

/// The first name of `base.sqlite3`, `base_2.sqlite3`… in `dir` not taken yet.
fn unique_name(dir: &Path, base: &str) -> PathBuf {
    let mut target = dir.join(format!("{base}.sqlite3"));
    let mut n = 2;
    while target.exists() {
        target = dir.join(format!("{base}_{n}.sqlite3"));
        n += 1;
    }
    target
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
        copy_to(self.conn(), target)
    }

    /// Replaces this database's content with a backup's. The backup is
    /// checked on a copy first ([`checked_copy`]); then the current content is
    /// backed up, the checked copy's pages are copied in one step and the
    /// database is reopened. A refused backup leaves everything as it was.
    pub fn restore(self, source: &Path) -> Result<super::Store> {
        if same_file(source, self.path()) {
            return Err(refuse(
                "開いているデータベースそのものは復元元にできません".into(),
            ));
        }
        let (_scratch, copy) = checked_copy(source)?;
        self.backup_now(Reason::Restore)?;
        let path = self.path().to_owned();
        let mut conn = self.conn;
        {
            let src = Connection::open_with_flags(&copy, OpenFlags::SQLITE_OPEN_READ_ONLY)?;
            let step = rusqlite::backup::Backup::new(&src, &mut conn)?;
            step.run_to_completion(256, std::time::Duration::from_millis(0), None)?;
        }
        drop(conn);
        super::Store::open(&path)
    }
}

fn refuse(message: String) -> Error {
    Error::Validation(vec![FieldError::new("file", message)])
}

fn same_file(a: &Path, b: &Path) -> bool {
    match (a.canonicalize(), b.canonicalize()) {
        (Ok(a), Ok(b)) => a == b,
        _ => false,
    }
}

/// Restores a backup over a database that cannot be opened (damaged, or left
/// by a failed update), so the window can offer the backups even then. The
/// backup is checked as for [`super::Store::restore`]; the unreadable file is
/// kept in `backups/` as it is, then replaced.
pub fn restore_unopened(db: &Path, source: &Path) -> Result<super::Store> {
    if same_file(source, db) {
        return Err(refuse(
            "開けないデータベースそのものは復元元にできません".into(),
        ));
    }
    let (_scratch, copy) = checked_copy(source)?;
    let io = |path: &Path| {
        let path = path.to_owned();
        move |source| Error::Io { path, source }
    };
    if db.exists() {
        let dir = dir_of(db);
        files::create_private_dir(&dir)?;
        let stamp = Local::now().format(STAMP).to_string();
        let kept = unique_name(
            &dir,
            &format!("{}.{}-{stamp}", db_name(db), Reason::Restore.tag()),
        );
        std::fs::copy(db, &kept).map_err(io(&kept))?;
        files::make_private(&kept, false)?;
    }
    let dir = db.parent().unwrap_or_else(|| Path::new("."));
    let part = tempfile::Builder::new()
        .prefix(".bansou-restore-")
        .suffix(".part")
        .tempfile_in(dir)
        .map_err(io(dir))?;
    std::fs::copy(&copy, part.path()).map_err(io(part.path()))?;
    for suffix in ["-wal", "-shm", "-journal"] {
        let mut name = db.as_os_str().to_owned();
        name.push(suffix);
        let _ = std::fs::remove_file(PathBuf::from(name));
    }
    part.persist(db).map_err(|e| Error::Io {
        path: db.to_owned(),
        source: e.error,
    })?;
    super::Store::open(db)
}

/// Every table, column, index, trigger and view, by name: (kind, SQL) with
/// the SQL's spacing evened out.
fn schema(conn: &Connection) -> Result<BTreeMap<String, (String, String)>> {
    let mut st = conn.prepare(
        "SELECT type, name, coalesce(sql, '') AS sql FROM sqlite_master WHERE name NOT LIKE 'sqlite_%'",
    )?;
    let rows = st.query_map([], |r| {
        let sql: String = r.get("sql")?;
        Ok((
            r.get::<_, String>("name")?,
            (
                r.get::<_, String>("type")?,
                sql.split_whitespace().collect::<Vec<_>>().join(" "),
            ),
        ))
    })?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

/// Checks a backup before anything of ours is touched: it is a 伴走ノート
/// database with records (not empty, not newer than this version, intact), a
/// copy of it in a scratch folder takes this version's migrations, and the
/// copy's schema is then exactly what the migrations make — nothing more
/// (a trigger or a view added to the file), nothing less. Returns the copy.
pub(crate) fn checked_copy(source: &Path) -> Result<(tempfile::TempDir, PathBuf)> {
    if !source.is_file() {
        return Err(refuse(format!("{} が見つかりません", source.display())));
    }
    let name = source.display();
    let version = super::inspect(source, super::schema_version())?;
    if version == 0 {
        return Err(refuse(format!(
            "{name} は空のファイルか、伴走ノートのデータベースではありません。復元できません"
        )));
    }
    let src = Connection::open_with_flags(source, OpenFlags::SQLITE_OPEN_READ_ONLY)?;
    let check: String = src
        .query_row("PRAGMA integrity_check", [], |r| r.get("integrity_check"))
        .map_err(|_| refuse(format!("{name} は壊れているため復元できません")))?;
    if check != "ok" {
        return Err(refuse(format!(
            "{name} は壊れているため復元できません（{}）",
            super::record::short(&check)
        )));
    }
    let scratch = tempfile::tempdir().map_err(|source| Error::Io {
        path: std::env::temp_dir(),
        source,
    })?;
    // First as it is: exactly what our migrations made at its version.
    let then = super::Store::open_with(
        &scratch.path().join("then.sqlite3"),
        &super::MIGRATIONS[..version as usize],
    )?;
    let odd = differences(&schema(then.conn())?, &schema(&src)?);
    if !odd.is_empty() {
        return Err(refuse(format!(
            "{name} は伴走ノートのデータベースではないか、手が加えられているため、復元できません（{odd}）"
        )));
    }
    drop(then);
    let copy = scratch.path().join("restore.sqlite3");
    {
        let mut dst = Connection::open(&copy)?;
        let step = rusqlite::backup::Backup::new(&src, &mut dst)?;
        step.run_to_completion(256, std::time::Duration::from_millis(0), None)?;
    }
    drop(src);
    let migrated = super::Store::open(&copy).map_err(|e| {
        refuse(format!(
            "{name} はこの版の伴走ノートに合わせて更新できないため、復元できません（{}）",
            super::record::short(&e.to_string())
        ))
    })?;
    // Then as this version would have it.
    let reference = super::Store::open(&scratch.path().join("reference.sqlite3"))?;
    let odd = differences(&schema(reference.conn())?, &schema(migrated.conn())?);
    if !odd.is_empty() {
        return Err(refuse(format!(
            "{name} は伴走ノートが作るデータベースと形が違うため、復元できません（{odd}）"
        )));
    }
    let dangling: i64 = migrated.conn().query_row(
        "SELECT count(*) AS n FROM pragma_foreign_key_check",
        [],
        |r| r.get("n"),
    )?;
    if dangling > 0 {
        return Err(refuse(format!(
            "{name} には、つながる先のない記録が {dangling} 件あるため、復元できません"
        )));
    }
    drop(migrated);
    drop(reference);
    Ok((scratch, copy))
}

/// What `theirs` has that `ours` has not, lacks, or has otherwise, said
/// shortly (five at most); empty when they are the same.
fn differences(
    ours: &BTreeMap<String, (String, String)>,
    theirs: &BTreeMap<String, (String, String)>,
) -> String {
    let mut odd: Vec<String> = Vec::new();
    for (n, (kind, sql)) in theirs {
        match ours.get(n) {
            None => odd.push(format!(
                "余分な{}「{}」",
                kind_label(kind),
                super::record::short(n)
            )),
            Some((_, s)) if s != sql => odd.push(format!("形の違う{}「{n}」", kind_label(kind))),
            Some(_) => {}
        }
    }
    for (n, (kind, _)) in ours {
        if !theirs.contains_key(n) {
            odd.push(format!("足りない{}「{n}」", kind_label(kind)));
        }
    }
    let more = if odd.len() > 5 {
        format!(" ほか {} 件", odd.len() - 5)
    } else {
        String::new()
    };
    odd.truncate(5);
    if odd.is_empty() {
        String::new()
    } else {
        format!("{}{more}", odd.join("・"))
    }
}

fn kind_label(kind: &str) -> &'static str {
    match kind {
        "table" => "表",
        "index" => "索引",
        "trigger" => "トリガー",
        "view" => "ビュー",
        _ => "定義",
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_copy_pruned_at_once_by_another_process_still_reads_from_its_name() {
        let db = Path::new("/nowhere/office.sqlite3");
        let gone = Path::new("/nowhere/backups/office.sqlite3.import-20261208-034951_11.sqlite3");
        assert!(parse(db, gone).is_none(), "no file: not listed");
        let info = parse_with(db, gone, None).expect("read from the name");
        assert_eq!(info.bytes, 0);
        assert_eq!(info.kind, Some(Reason::Import));
        assert_eq!(
            info.created,
            NaiveDateTime::parse_from_str("20261208-034951", STAMP).unwrap()
        );
        assert!(parse_with(db, Path::new("/nowhere/backups/other.txt"), None).is_none());
    }
}
