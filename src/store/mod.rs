//! The SQLite store: one file, numbered migrations, a backup before any of them.

pub mod backup;
pub mod bundle;
pub(crate) mod checklist;
pub(crate) mod evaluation;
pub(crate) mod files;
pub(crate) mod guide;
pub(crate) mod issue;
pub(crate) mod meeting;
pub(crate) mod member;
#[cfg(test)]
mod migration_tests;
pub mod outgoing;
mod overview;
pub(crate) mod program;
pub(crate) mod project;
pub mod record;
mod report;
pub(crate) mod resource;
mod row;
pub(crate) mod stakeholder;
pub(crate) mod strength;
pub(crate) mod survey;
pub(crate) mod task;
pub(crate) mod words;

use crate::error::{Error, Result};
use chrono::Local;
use rusqlite::{Connection, OpenFlags, OptionalExtension, TransactionBehavior};
use rusqlite_migration::{Migrations, M};
use std::path::{Path, PathBuf};

/// Numbered migrations; the position is the schema version. Never edit a
/// released one: add the next. A migration that rebuilds a table (copy, drop,
/// rename) sets `PRAGMA legacy_alter_table = ON` around the rename: other
/// tables' triggers name it, and SQLite would otherwise refuse the rename
/// while the old table is gone. A new travelling kind or column takes its
/// triggers from `record::triggers` (its test prints them).
const MIGRATIONS: &[&str] = &[
    include_str!("migrations/0001_projects.sql"),
    include_str!("migrations/0002_settings.sql"),
    include_str!("migrations/0003_readiness.sql"),
    include_str!("migrations/0004_strengths.sql"),
    include_str!("migrations/0005_meetings.sql"),
    include_str!("migrations/0006_evaluations.sql"),
    include_str!("migrations/0007_archive.sql"),
    include_str!("migrations/0008_exchange.sql"),
    include_str!("migrations/0009_fidelity.sql"),
    include_str!("migrations/0010_comment_words.sql"),
    include_str!("migrations/0011_program.sql"),
    include_str!("migrations/0012_surveys.sql"),
    include_str!("migrations/0013_guide.sql"),
    include_str!("migrations/0014_indexes.sql"),
    include_str!("migrations/0015_scopes.sql"),
    include_str!("migrations/0017_report_facts.sql"),
    include_str!("migrations/0018_sync.sql"),
];

/// The schema version this build writes.
pub fn schema_version() -> i64 {
    MIGRATIONS.len() as i64
}

/// The environment variable that points the app and the CLI at another database.
pub const DB_ENV: &str = "BANSOU_DB";

/// Where the database lives: an explicit path, else `BANSOU_DB`, else the
/// user's data directory (`~/.local/share/bansou-note/bansou.sqlite3` on Linux).
pub fn resolve_db_path(explicit: Option<PathBuf>) -> Result<PathBuf> {
    if let Some(p) = explicit {
        return Ok(p);
    }
    if let Some(p) = std::env::var_os(DB_ENV).filter(|v| !v.is_empty()) {
        return Ok(PathBuf::from(p));
    }
    dirs::data_dir()
        .map(|d| d.join("bansou-note").join("bansou.sqlite3"))
        .ok_or(Error::NoDataDir)
}

pub struct Store {
    conn: Connection,
    path: PathBuf,
}

impl Store {
    /// Opens (creating if needed) the database at `path` and brings its schema
    /// up to date. A newer schema or a foreign SQLite file is refused before
    /// anything is written to it.
    pub fn open(path: &Path) -> Result<Store> {
        Self::open_with(path, MIGRATIONS)
    }

    fn open_with(path: &Path, migrations: &[&'static str]) -> Result<Store> {
        if let Some(dir) = path.parent().filter(|d| !d.as_os_str().is_empty()) {
            files::create_private_dir(dir)?;
        }
        let existed = path.exists();
        let version = if existed {
            inspect(path, migrations.len() as i64)?
        } else {
            files::create_private_file(path)?;
            0
        };
        let mut conn = Connection::open(path)?;
        conn.pragma_update(None, "journal_mode", "WAL")?;
        conn.pragma_update(None, "synchronous", "NORMAL")?;
        conn.busy_timeout(std::time::Duration::from_secs(5))?;
        // The read paths prepare their statements once (prepare_cached); the
        // overview alone uses a few dozen, and the dashboard repeats it per team.
        conn.set_prepared_statement_cache_capacity(128);
        // rarray(?): a list of ids as one parameter, so a list's details come in
        // one query instead of one per row.
        rusqlite::vtab::array::load_module(&conn)?;
        // Migrations take the write lock up front, so a second process cannot
        // slip in between reading the version and changing the schema.
        conn.set_transaction_behavior(TransactionBehavior::Immediate);
        if existed && version > 0 && version < migrations.len() as i64 {
            backup::create(&conn, path, backup::Reason::Migration(version), None)?;
        }
        // Foreign keys stay off while the schema changes (the pragma is ignored
        // inside a transaction, so it is set here): a migration that rebuilds a
        // table must not cascade-delete the rows that point at it. Each
        // migration checks every foreign key before it commits instead.
        conn.pragma_update(None, "foreign_keys", "OFF")?;
        let ms = Migrations::new(
            migrations
                .iter()
                .map(|sql| M::up(sql).foreign_key_check())
                .collect(),
        );
        let migrated = ms.to_latest(&mut conn);
        conn.pragma_update(None, "foreign_keys", "ON")?;
        if let Err(e) = migrated {
            // Another process opening the same file at the same moment may
            // have migrated it between our reading the version and taking
            // the write lock: then there is nothing left to do.
            let now: i64 =
                conn.pragma_query_value(None, "user_version", |r| r.get("user_version"))?;
            if now != migrations.len() as i64 {
                return Err(e.into());
            }
        }
        if migrations.len() == MIGRATIONS.len() {
            // New template items reach existing projects; recorded ones are kept.
            let tx = conn.transaction()?;
            add_template_items(&tx)?;
            tx.commit()?;
        }
        Ok(Store {
            conn,
            path: path.to_owned(),
        })
    }

    pub fn path(&self) -> &Path {
        &self.path
    }

    /// Rows this connection has changed since it opened: a caller tells a
    /// write from a read by comparing it before and after.
    pub fn changes(&self) -> u64 {
        self.conn.total_changes()
    }

    pub(crate) fn conn(&self) -> &Connection {
        &self.conn
    }

    /// Runs `f` in one IMMEDIATE transaction: all of it is written, or none.
    pub(crate) fn write<T>(
        &mut self,
        f: impl FnOnce(&rusqlite::Transaction) -> Result<T>,
    ) -> Result<T> {
        let tx = self
            .conn
            .transaction_with_behavior(TransactionBehavior::Immediate)?;
        let out = f(&tx)?;
        tx.commit()?;
        Ok(out)
    }

    /// Moves every record still in the `-wal` file into the database file
    /// itself, so the one file 設定 names holds all the data (copied alone to
    /// a USB stick or a new PC, it is whole). With `wait` (the window
    /// closing) it waits for other readers, such as the daily backup, and
    /// empties the `-wal` file; without (the window's pause in work) it never
    /// holds anyone up. Closing a store (the CLI) does the same. Returns false
    /// when some pages had to stay in the `-wal` file because another
    /// connection was using them (they are moved at the next checkpoint;
    /// nothing is lost).
    pub fn checkpoint(&self, wait: bool) -> Result<bool> {
        let sql = if wait {
            "PRAGMA wal_checkpoint(TRUNCATE)"
        } else {
            "PRAGMA wal_checkpoint(PASSIVE)"
        };
        let (busy, log, moved): (i64, i64, i64) = self.conn.query_row(sql, [], |r| {
            Ok((r.get("busy")?, r.get("log")?, r.get("checkpointed")?))
        })?;
        Ok(busy == 0 && log == moved)
    }

    pub fn setting(&self, key: &str) -> Result<Option<String>> {
        Ok(self
            .conn
            .prepare_cached("SELECT value FROM settings WHERE key = ?1")?
            .query_row([key], |r| r.get("value"))
            .optional()?)
    }

    pub fn set_setting(&mut self, key: &str, value: &str) -> Result<()> {
        self.write(|tx| put_setting(tx, key, value))
    }
}

/// Writes a setting inside a transaction that writes something else too.
pub(crate) fn put_setting(tx: &rusqlite::Transaction, key: &str, value: &str) -> Result<()> {
    tx.execute(
        "INSERT INTO settings (key, value) VALUES (?1, ?2)
         ON CONFLICT(key) DO UPDATE SET value = excluded.value",
        [key, value],
    )?;
    Ok(())
}

/// Reads the schema version of an existing file without writing to it, and
/// refuses files this build must not touch.
pub(crate) fn inspect(path: &Path, supported: i64) -> Result<i64> {
    let conn = Connection::open_with_flags(path, OpenFlags::SQLITE_OPEN_READ_ONLY)?;
    let version: i64 = conn
        .pragma_query_value(None, "user_version", |r| r.get("user_version"))
        .map_err(|e| match e {
            rusqlite::Error::SqliteFailure(f, _) if f.code == rusqlite::ErrorCode::NotADatabase => {
                Error::NotOurDatabase {
                    path: path.to_owned(),
                }
            }
            e => Error::Database(e),
        })?;
    if version > supported {
        return Err(Error::SchemaTooNew {
            path: path.to_owned(),
            found: version,
            supported,
        });
    }
    if version == 0 {
        let tables: i64 = conn.query_row(
            "SELECT count(*) AS n FROM sqlite_master WHERE type = 'table'",
            [],
            |r| r.get("n"),
        )?;
        if tables > 0 {
            return Err(Error::NotOurDatabase {
                path: path.to_owned(),
            });
        }
    }
    Ok(version)
}

/// Gives every project the items of the shipped checklist and strength templates it lacks.
pub(crate) fn add_template_items(tx: &rusqlite::Transaction) -> Result<()> {
    checklist::add_template_items(tx, crate::model::checklist::template())?;
    strength::add_template_items(tx, crate::model::strength::template())?;
    Ok(())
}

pub(crate) fn now() -> String {
    Local::now().to_rfc3339_opts(chrono::SecondsFormat::Secs, false)
}

#[cfg(test)]
pub(crate) fn open_at_version(path: &Path, version: usize) -> Result<Store> {
    Store::open_with(path, &MIGRATIONS[..version])
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn older_database_is_backed_up_then_migrated() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("bansou.sqlite3");
        {
            let s = open_at_version(&path, 1).unwrap();
            s.conn()
                .execute(
                    "INSERT INTO programs (name) VALUES ('令和6年度 地域保健総合推進事業')",
                    [],
                )
                .unwrap();
        }
        let mut s = Store::open(&path).unwrap();
        s.set_setting("k", "v").unwrap();
        let backups: Vec<_> = std::fs::read_dir(dir.path().join("backups"))
            .unwrap()
            .map(|e| e.unwrap().path())
            .collect();
        assert_eq!(backups.len(), 1, "{backups:?}");
        let name = backups[0]
            .file_name()
            .unwrap()
            .to_string_lossy()
            .into_owned();
        assert!(name.starts_with("bansou.sqlite3.v1-"), "{name}");
        // The copy is the old schema with the old data.
        let old = Connection::open(&backups[0]).unwrap();
        let v: i64 = old
            .pragma_query_value(None, "user_version", |r| r.get("user_version"))
            .unwrap();
        assert_eq!(v, 1);
        let n: String = old
            .query_row("SELECT name FROM programs", [], |r| r.get("name"))
            .unwrap();
        assert_eq!(n, "令和6年度 地域保健総合推進事業");
        let has_settings: i64 = old
            .query_row(
                "SELECT count(*) AS n FROM sqlite_master WHERE name = 'settings'",
                [],
                |r| r.get("n"),
            )
            .unwrap();
        assert_eq!(has_settings, 0);
    }

    #[test]
    fn a_current_database_is_not_backed_up_again() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("b.sqlite3");
        Store::open(&path).unwrap();
        Store::open(&path).unwrap();
        assert!(!dir.path().join("backups").exists());
    }
}
