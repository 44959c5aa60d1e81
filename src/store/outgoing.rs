//! This PC's records as a server that keeps PCs in step sees them: every
//! record's current version, one record at a time in its travelling form (the
//! bundle's), with the projects that own it; and this PC's link to that
//! server. The sync itself (src/sync) lives above the store and only reads and
//! writes through here and through the bundle engine.

use super::bundle::Tombstone;
use super::record::{self, LocalOwner, KINDS};
use super::Store;
use crate::error::Result;
use rusqlite::{params, OptionalExtension};

/// The owner a server gives records every login may read (the program).
pub const EVERYONE: &str = "*";

/// A record's version as the server holds it: a tombstone's is marked, so a
/// deletion is a version of its own.
pub fn wire_version(version: Option<&str>, deleted: bool) -> String {
    if deleted {
        format!("deleted:{}", version.unwrap_or(""))
    } else {
        version.unwrap_or("").to_owned()
    }
}

/// One record (or tombstone) of this PC and its current version.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Current {
    /// Its kind's name in tombstones (`meeting`, `evaluation`…).
    pub kind: &'static str,
    pub uuid: String,
    /// None: a tombstone of a record that never had a version.
    pub version: Option<String>,
    pub deleted: bool,
}

/// A record as it goes to the server.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Outgoing {
    pub uuid: String,
    pub kind: &'static str,
    /// The projects (UUIDs) that own it, or [`EVERYONE`] for the program.
    pub owners: Vec<String>,
    pub version: String,
    /// The record as a bundle carries it (compact JSON), or its tombstone.
    pub body: String,
    /// The UUIDs it refers to.
    pub refs: Vec<String>,
    pub deleted: bool,
}

/// This PC's link to an association's server (設定 → 共有サーバー).
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct SyncLink {
    pub url: String,
    pub login: String,
    pub role: String,
    pub ca: Option<String>,
    pub server_id: Option<String>,
    pub cursor: i64,
    pub projects: Vec<String>,
    pub last_sync: Option<String>,
    pub last_error: Option<String>,
    pub pending: Vec<String>,
    /// Projects to pull whole at the next sync.
    pub retry: Vec<String>,
}

impl Store {
    /// Every record's and every travelling tombstone's current version.
    pub fn current_versions(&self) -> Result<Vec<Current>> {
        let conn = self.conn();
        let mut out = Vec::new();
        for k in KINDS {
            let mut st = conn.prepare(&format!("SELECT uuid, version FROM {}", k.table()))?;
            let rows = st.query_map([], |r| {
                Ok(Current {
                    kind: k.kind(),
                    uuid: r.get("uuid")?,
                    version: r.get("version")?,
                    deleted: false,
                })
            })?;
            out.extend(rows.collect::<rusqlite::Result<Vec<_>>>()?);
        }
        let mut st = conn.prepare("SELECT uuid, kind, version FROM tombstones WHERE local = 0")?;
        let rows = st.query_map([], |r| {
            Ok((
                r.get::<_, String>("uuid")?,
                r.get::<_, String>("kind")?,
                r.get::<_, Option<String>>("version")?,
            ))
        })?;
        for row in rows {
            let (uuid, kind, version) = row?;
            // A tombstone of a kind this build does not know cannot be sent.
            if let Some(k) = record::by_kind(&kind) {
                out.push(Current {
                    kind: k.kind(),
                    uuid,
                    version,
                    deleted: true,
                });
            }
        }
        Ok(out)
    }

    /// True when this PC has had `version` of `uuid` (now or before).
    pub fn has_seen(&self, uuid: &str, version: &str) -> Result<bool> {
        Ok(self
            .conn()
            .prepare_cached("SELECT 1 FROM record_versions WHERE uuid = ?1 AND version = ?2")?
            .query_row([uuid, version], |_| Ok(()))
            .optional()?
            .is_some())
    }

    /// The record (or tombstone) in its travelling form with its owners; None
    /// when it is gone or belongs to nobody (nothing a server could file it under).
    pub fn outgoing(&self, c: &Current) -> Result<Option<Outgoing>> {
        let conn = self.conn();
        let Some(k) = record::by_kind(c.kind) else {
            return Ok(None);
        };
        if c.deleted {
            return self.outgoing_tombstone(c);
        }
        // The program's own meetings, tasks and surveys belong to no project
        // and do not travel yet (as in bundles).
        let owners = match record::local_owner_by_uuid(conn, k.table(), &c.uuid)? {
            LocalOwner::Program => vec![EVERYONE.to_owned()],
            LocalOwner::Projects(list) => list,
            LocalOwner::Nobody => return Ok(None),
        };
        let Some(raw) = k.export(conn, "t.uuid = ?1", &c.uuid)?.into_iter().next() else {
            return Ok(None);
        };
        let head = k.head(&raw)?;
        Ok(Some(Outgoing {
            uuid: c.uuid.clone(),
            kind: k.kind(),
            owners,
            version: head.version,
            refs: head.refs.into_iter().map(|(_, uuid)| uuid).collect(),
            body: raw.into(),
            deleted: false,
        }))
    }

    fn outgoing_tombstone(&self, c: &Current) -> Result<Option<Outgoing>> {
        let conn = self.conn();
        let row: Option<(String, Option<String>, String)> = conn
            .query_row(
                "SELECT kind, version, deleted_at FROM tombstones WHERE uuid = ?1 AND local = 0",
                [&c.uuid],
                |r| Ok((r.get("kind")?, r.get("version")?, r.get("deleted_at")?)),
            )
            .optional()?;
        let Some((kind, version, deleted_at)) = row else {
            return Ok(None);
        };
        let owners: Vec<String> = conn
            .prepare_cached("SELECT owner FROM tombstone_owners WHERE uuid = ?1 ORDER BY owner")?
            .query_map([&c.uuid], |r| r.get("owner"))?
            .collect::<rusqlite::Result<_>>()?;
        if owners.is_empty() {
            return Ok(None);
        }
        let t = Tombstone {
            history: record::history(conn, &c.uuid, version.as_deref().unwrap_or(""))?,
            owners: owners.clone(),
            uuid: c.uuid.clone(),
            kind,
            version: version.clone(),
            deleted_at,
        };
        Ok(Some(Outgoing {
            uuid: c.uuid.clone(),
            kind: c.kind,
            owners,
            version: wire_version(version.as_deref(), true),
            body: serde_json::to_string(&t).expect("a tombstone serialises"),
            refs: Vec::new(),
            deleted: true,
        }))
    }

    /// This PC's link to a server, if it has one.
    pub fn sync_link(&self) -> Result<Option<SyncLink>> {
        let row = self
            .conn()
            .query_row("SELECT * FROM sync_server WHERE id = 1", [], |r| {
                Ok((
                    SyncLink {
                        url: r.get("url")?,
                        login: r.get("login")?,
                        role: r.get("role")?,
                        ca: r.get("ca")?,
                        server_id: r.get("server_id")?,
                        cursor: r.get("cursor")?,
                        last_sync: r.get("last_sync")?,
                        last_error: r.get("last_error")?,
                        ..SyncLink::default()
                    },
                    r.get::<_, String>("projects")?,
                    r.get::<_, String>("pending")?,
                    r.get::<_, String>("retry")?,
                ))
            })
            .optional()?;
        Ok(row.map(|(mut link, projects, pending, retry)| {
            link.projects = serde_json::from_str(&projects).unwrap_or_default();
            link.pending = serde_json::from_str(&pending).unwrap_or_default();
            link.retry = serde_json::from_str(&retry).unwrap_or_default();
            link
        }))
    }

    /// Links this PC to a server (replacing any link it had: a new server
    /// starts again from nothing).
    pub fn set_sync_link(&mut self, link: &SyncLink) -> Result<()> {
        self.write(|tx| {
            tx.execute(
                "INSERT OR REPLACE INTO sync_server
                   (id, url, login, role, ca, server_id, cursor, projects, last_sync, last_error,
                    pending, retry)
                 VALUES (1, ?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11)",
                params![
                    link.url,
                    link.login,
                    link.role,
                    link.ca,
                    link.server_id,
                    link.cursor,
                    serde_json::to_string(&link.projects).expect("a list serialises"),
                    link.last_sync,
                    link.last_error,
                    serde_json::to_string(&link.pending).expect("a list serialises"),
                    serde_json::to_string(&link.retry).expect("a list serialises"),
                ],
            )?;
            Ok(())
        })
    }

    /// Forgets the server (the records stay).
    pub fn remove_sync_link(&mut self) -> Result<()> {
        self.write(|tx| {
            tx.execute("DELETE FROM sync_server", [])?;
            Ok(())
        })
    }
}
