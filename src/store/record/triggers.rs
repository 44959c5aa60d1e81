//! The triggers every travelling table has, written by one generator from
//! the kind's description: a UUID, version and updated-at on insert, a new
//! version on every change of a column that travels, every version kept,
//! and a tombstone (with its owners) on delete. A migration that adds a kind
//! or a column pastes what [`sql`] writes; `tests` compares every table's
//! triggers with it, and prints the SQL to paste when they differ.

use super::{AnyKind, By};
use crate::error::Result;
use rusqlite::Connection;

/// A new UUID v4 in SQL.
const NEW_UUID: &str = "lower(hex(randomblob(4)) || '-' || hex(randomblob(2)) || '-4' || substr(hex(randomblob(2)), 2) || '-' || substr('89ab', 1 + (abs(random()) % 4), 1) || substr(hex(randomblob(2)), 2) || '-' || hex(randomblob(6)))";
const NOW: &str = "strftime('%Y-%m-%dT%H:%M:%fZ', 'now')";

/// The suffixes of the generated triggers.
pub(crate) const NAMES: [&str; 5] = ["stamped", "known", "changed", "versioned", "deleted"];

fn columns(conn: &Connection, table: &str) -> Result<Vec<String>> {
    let mut st = conn.prepare(&format!("PRAGMA table_info({table})"))?;
    let cols = st
        .query_map([], |r| r.get::<_, String>("name"))?
        .collect::<rusqlite::Result<_>>()?;
    Ok(cols)
}

/// The columns whose change makes a new version: all but identity, the
/// row's own timestamps of creation and this PC's own state.
pub(crate) fn tracked(conn: &Connection, kind: &dyn AnyKind) -> Result<Vec<String>> {
    Ok(columns(conn, kind.table())?
        .into_iter()
        .filter(|c| {
            !["id", "uuid", "version", "created_at", "recorded_at"].contains(&c.as_str())
                && !kind.local_columns().contains(&c.as_str())
        })
        .collect())
}

/// SQL listing the owners (project or program UUIDs, column `owner`) of the
/// row of `kind` whose id is the SQL expression `id`: its projects, as the
/// scope checks read them, and the program of a row that has one.
fn owners(conn: &Connection, kind: &dyn AnyKind, id: &str) -> Result<String> {
    if kind.by() == By::Program {
        // A program's tombstone is its own.
        return Ok(format!(
            "SELECT uuid AS owner FROM {} WHERE id = {id}",
            kind.table()
        ));
    }
    let projects = super::project_owners_sql(kind, id);
    Ok(match program_owners(conn, kind, id)? {
        Some(program) if !matches!(kind.by(), By::Program | By::Itself) => {
            format!("{projects} UNION ALL {program}")
        }
        _ => projects,
    })
}

/// The program a row belongs to through its `program_id` (or its parent's).
fn program_owners(conn: &Connection, kind: &dyn AnyKind, id: &str) -> Result<Option<String>> {
    let t = kind.table();
    Ok(match kind.by() {
        By::Parent(field) => {
            let (column, table) = super::parent_column(kind, field);
            let parent = super::by_table(table).expect("a parent is a kind");
            program_owners(conn, parent, &format!("(SELECT {column} FROM {t} WHERE id = {id})"))?
        }
        _ if columns(conn, t)?.iter().any(|c| c == "program_id") => Some(format!(
            "SELECT uuid AS owner FROM programs WHERE id = (SELECT program_id FROM {t} WHERE id = {id})"
        )),
        _ => None,
    })
}

/// The five triggers of `kind`'s table.
pub(crate) fn sql(conn: &Connection, kind: &dyn AnyKind) -> Result<String> {
    let t = kind.table();
    let tracked = tracked(conn, kind)?.join(", ");
    let owners = owners(conn, kind, "OLD.id")?;
    let k = kind.kind();
    Ok(format!(
        "CREATE TRIGGER {t}_stamped AFTER INSERT ON {t}
    WHEN NEW.uuid IS NULL OR NEW.version IS NULL OR NEW.updated_at IS NULL
BEGIN
    UPDATE {t} SET uuid = coalesce(NEW.uuid, {NEW_UUID}),
        version = coalesce(NEW.version, lower(hex(randomblob(16)))),
        updated_at = coalesce(NEW.updated_at, {NOW})
    WHERE rowid = NEW.rowid;
END;
CREATE TRIGGER {t}_known AFTER INSERT ON {t} WHEN NEW.version IS NOT NULL
BEGIN
    INSERT OR IGNORE INTO record_versions (uuid, version) VALUES (NEW.uuid, NEW.version);
END;
CREATE TRIGGER {t}_changed AFTER UPDATE OF {tracked} ON {t}
    WHEN NEW.version IS OLD.version
BEGIN
    UPDATE {t} SET version = lower(hex(randomblob(16))) WHERE rowid = NEW.rowid;
END;
CREATE TRIGGER {t}_versioned AFTER UPDATE OF version ON {t} WHEN NEW.version IS NOT NULL
BEGIN
    INSERT OR IGNORE INTO record_versions (uuid, version) VALUES (NEW.uuid, NEW.version);
END;
CREATE TRIGGER {t}_deleted BEFORE DELETE ON {t} WHEN OLD.uuid IS NOT NULL
BEGIN
    INSERT OR REPLACE INTO tombstones (uuid, kind, version, project_uuid, deleted_at, local)
        VALUES (OLD.uuid, '{k}', OLD.version, NULL, {NOW}, EXISTS (SELECT 1 FROM local_deletion));
    DELETE FROM tombstone_owners WHERE uuid = OLD.uuid;
    INSERT OR IGNORE INTO tombstone_owners (uuid, owner)
        SELECT OLD.uuid, owner FROM ({owners}) WHERE owner IS NOT NULL;
END;
"
    ))
}

/// Every generated trigger of every kind, dropped first: what a migration
/// that changes them pastes.
pub(crate) fn all_sql(conn: &Connection) -> Result<String> {
    let mut out = String::new();
    for k in super::KINDS {
        for n in NAMES {
            out.push_str(&format!("DROP TRIGGER IF EXISTS {}_{n};\n", k.table()));
        }
        out.push_str(&sql(conn, *k)?);
        out.push('\n');
    }
    Ok(out)
}

/// Whitespace-insensitive form of a statement, for comparing.
pub(crate) fn squeeze(sql: &str) -> String {
    sql.split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
        .trim_end_matches(';')
        .to_owned()
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Every travelling table has exactly the generated triggers; when a kind
    /// or a column is added, this says what to paste into the new migration.
    #[test]
    fn every_travelling_table_has_the_generated_triggers() {
        let dir = tempfile::tempdir().unwrap();
        let store = crate::Store::open(&dir.path().join("t.sqlite3")).unwrap();
        let conn = store.conn();
        let mut wrong = Vec::new();
        for k in super::super::KINDS {
            let expected = sql(conn, *k).unwrap();
            let expected: Vec<String> = expected
                .split("END;")
                .filter(|s| !s.trim().is_empty())
                .map(|s| squeeze(&format!("{s}END")))
                .collect();
            for (n, want) in NAMES.iter().zip(&expected) {
                let name = format!("{}_{n}", k.table());
                let got: Option<String> = conn
                    .query_row(
                        "SELECT sql FROM sqlite_master WHERE type = 'trigger' AND name = ?1",
                        [&name],
                        |r| r.get("sql"),
                    )
                    .ok();
                if got.as_deref().map(squeeze).as_deref() != Some(want.as_str()) {
                    wrong.push(name);
                }
            }
        }
        assert!(
            wrong.is_empty(),
            "triggers differ from the generator: {wrong:?}\npaste into a new migration:\n{}",
            all_sql(conn).unwrap()
        );
    }
}
