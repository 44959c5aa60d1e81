//! The bundle: records travelling between PCs as plain UTF-8 JSON (.bansou).
//! Every record has a UUID, its version, the versions it had before and an
//! updated-at stamp; references between records are UUIDs. Reading a project
//! (or one meeting's evaluation request or response) into a bundle is
//! `export`; merging one into this database is `plan` (what would happen,
//! nothing written, every record checked against the bundle's scope) then
//! `apply`. The kinds themselves are described in `store::record`.
//! docs/EXCHANGE.md has the format and the rules.

mod apply;
mod export;
mod parse;
mod plan;

pub use crate::model::bundle::{
    BundleKind, Choice, Choices, Conflict, Deletion, ImportSummary, KindChanges, FORMAT,
    FORMAT_VERSION,
};
pub use parse::{parse_reader, MAX_TEXT};

use super::record::{self, Kind, Rec};
use super::{backup, Store};
use crate::error::{Error, FieldError, Result};
use rusqlite::{params, OptionalExtension};
use serde::ser::{SerializeMap, SerializeSeq};
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

/// A record deleted on the exporting PC.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Tombstone {
    pub uuid: String,
    pub kind: String,
    /// The last version it had there, and the versions before it.
    pub version: Option<String>,
    #[serde(default)]
    pub history: Vec<String>,
    pub deleted_at: String,
    /// The projects (or the program) it belonged to (format 4).
    #[serde(default)]
    pub owners: Vec<String>,
}

/// The whole file. Its records are kept as compact JSON, one string each, and
/// read into their types when the engine needs them: a file in memory takes
/// about its own size, however its records are shaped.
#[derive(Debug, Clone, PartialEq)]
pub struct Bundle {
    pub format: String,
    pub format_version: u32,
    pub app_version: String,
    pub kind: BundleKind,
    pub exported_at: String,
    /// The project the bundle is about.
    pub project: String,
    /// For 評価依頼 and 評価回答: the meeting.
    pub meeting: Option<String>,
    lists: BTreeMap<&'static str, Vec<Box<str>>>,
    pub tombstones: Vec<Tombstone>,
}

impl Bundle {
    pub(crate) fn new(kind: BundleKind, project: String, meeting: Option<String>) -> Bundle {
        Bundle {
            format: FORMAT.into(),
            format_version: FORMAT_VERSION,
            app_version: env!("CARGO_PKG_VERSION").into(),
            kind,
            exported_at: super::now(),
            project,
            meeting,
            lists: BTreeMap::new(),
            tombstones: Vec::new(),
        }
    }

    /// The records of one kind, read into their type.
    pub fn records<K: Kind>(&self) -> Result<Vec<Rec<K::Data>>> {
        self.raw(K::TABLE).iter().map(|r| decode::<K>(r)).collect()
    }

    /// Replaces the records of one kind.
    pub fn set_records<K: Kind>(&mut self, recs: &[Rec<K::Data>]) {
        let list = recs
            .iter()
            .map(|r| {
                serde_json::to_string(r)
                    .expect("a record serialises")
                    .into_boxed_str()
            })
            .collect();
        self.lists.insert(K::TABLE, list);
    }

    /// The records of a kind's table as compact JSON.
    pub(crate) fn raw(&self, table: &str) -> &[Box<str>] {
        self.lists.get(table).map(Vec::as_slice).unwrap_or(&[])
    }

    pub(crate) fn set_raw(&mut self, table: &'static str, list: Vec<Box<str>>) {
        self.lists.insert(table, list);
    }

    /// How many records the file carries.
    pub fn count(&self) -> usize {
        self.lists.values().map(Vec::len).sum()
    }
}

pub(crate) fn decode<K: Kind>(raw: &str) -> Result<Rec<K::Data>> {
    serde_json::from_str(raw).map_err(|e| {
        Error::Validation(vec![FieldError::new(
            "file",
            format!("{}の記録が読めません：{e}", K::LABEL),
        )])
    })
}

impl Serialize for Bundle {
    fn serialize<S: serde::Serializer>(&self, s: S) -> std::result::Result<S::Ok, S::Error> {
        struct List<'a>(&'a [Box<str>]);
        impl Serialize for List<'_> {
            fn serialize<S: serde::Serializer>(
                &self,
                s: S,
            ) -> std::result::Result<S::Ok, S::Error> {
                let mut seq = s.serialize_seq(Some(self.0.len()))?;
                for raw in self.0 {
                    let v: serde_json::Value =
                        serde_json::from_str(raw).map_err(serde::ser::Error::custom)?;
                    seq.serialize_element(&v)?;
                }
                seq.end()
            }
        }
        let mut m = s.serialize_map(None)?;
        m.serialize_entry("format", &self.format)?;
        m.serialize_entry("format_version", &self.format_version)?;
        m.serialize_entry("app_version", &self.app_version)?;
        m.serialize_entry("kind", &self.kind)?;
        m.serialize_entry("exported_at", &self.exported_at)?;
        m.serialize_entry("project", &self.project)?;
        m.serialize_entry("meeting", &self.meeting)?;
        for k in record::KINDS {
            m.serialize_entry(k.table(), &List(self.raw(k.table())))?;
        }
        m.serialize_entry("tombstones", &self.tombstones)?;
        m.end()
    }
}

/// What a bundle may change here, from what it says it is: the engine checks
/// every record and tombstone against it before anything is written.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum Scope {
    /// A project's own bundle: that project's records, and the partner
    /// projects (and their people) its joint meetings need, added but never
    /// changed or deleted.
    Project { project: String },
    /// 評価依頼: the meeting it names, under projects that are not this PC's own.
    Request { project: String, meeting: String },
    /// 評価回答: evaluations of that meeting by the people its projects have.
    Response { meeting: String },
}

impl Scope {
    pub(crate) fn of(b: &Bundle) -> Result<Scope> {
        let meeting = || {
            b.meeting.clone().ok_or_else(|| {
                Error::Validation(vec![FieldError::new(
                    "file",
                    format!("{}のファイルに会議が書かれていません", b.kind.label()),
                )])
            })
        };
        Ok(match b.kind {
            BundleKind::Project => Scope::Project {
                project: b.project.clone(),
            },
            BundleKind::EvaluationRequest => Scope::Request {
                project: b.project.clone(),
                meeting: meeting()?,
            },
            BundleKind::EvaluationResponse => Scope::Response {
                meeting: meeting()?,
            },
        })
    }
}

impl Store {
    /// What importing `bundle` would do; nothing is written.
    pub fn preview_import(&self, bundle: &Bundle) -> Result<ImportSummary> {
        Ok(plan::plan(self.conn(), bundle)?.summary)
    }

    /// Merges `bundle` into this database in one transaction, after a backup.
    /// Every conflict needs an answer in `choices` first; importing the same
    /// file again changes nothing.
    pub fn import_bundle(&mut self, bundle: &Bundle, choices: &Choices) -> Result<ImportSummary> {
        self.merge_bundle(bundle, choices, true)
    }

    /// As [`Store::import_bundle`]; `with_backup` false when the caller made one
    /// already (a sync takes in one bundle per project after one backup).
    pub fn merge_bundle(
        &mut self,
        bundle: &Bundle,
        choices: &Choices,
        with_backup: bool,
    ) -> Result<ImportSummary> {
        let preview = self.preview_import(bundle)?;
        let open = preview
            .conflicts
            .iter()
            .filter(|c| choices.for_record(&c.uuid).is_none())
            .count();
        if open > 0 {
            return Err(Error::Validation(vec![FieldError::new(
                "choices",
                format!(
                    "両方のパソコンで変更された記録が{open}件あります。それぞれ「こちらを残す」か「相手を採用」を選んでから取り込んでください"
                ),
            )]));
        }
        let writes =
            preview.added + preview.updated + preview.deleted + preview.conflicts.len() as u32;
        if writes > 0 {
            if with_backup {
                self.backup_now(backup::Reason::Import)?;
            }
            self.write(|tx| {
                // Planned again inside the write lock: another process may
                // have changed the database since the preview.
                let p = plan::plan(tx, bundle)?;
                apply::apply(tx, bundle, &p, choices)?;
                // Supporters who follow several teams are one person at the
                // secretariat too.
                for r in bundle.raw("projects") {
                    let uuid = decode::<record::Projects>(r)?.uuid;
                    let id: Option<i64> = tx
                        .query_row("SELECT id FROM projects WHERE uuid = ?1", [&uuid], |x| {
                            x.get("id")
                        })
                        .optional()?;
                    if let Some(id) = id {
                        super::program::link_people(tx, id)?;
                    }
                }
                Ok(())
            })?;
            // A project that arrived without its checklist and strength items
            // (an evaluation request) gets the shipped ones, as any project does.
            self.write(super::add_template_items)?;
        }
        if bundle.kind == BundleKind::Project {
            self.note_bundle_made(bundle)?;
        }
        let project_id = self
            .conn()
            .query_row(
                "SELECT id FROM projects WHERE uuid = ?1",
                [&bundle.project],
                |x| x.get("id"),
            )
            .optional()?;
        Ok(ImportSummary {
            applied: true,
            project_id,
            ..preview
        })
    }

    /// The dashboard's 「最後に取り込んだファイル」: when the team made its latest
    /// bundle. An older file taken in later does not turn it back, and a date
    /// after today (a wrong clock, or a hand-made file) is taken as today.
    fn note_bundle_made(&mut self, bundle: &Bundle) -> Result<()> {
        let now = chrono::Local::now();
        let made = chrono::DateTime::parse_from_rfc3339(&bundle.exported_at)
            .map(|d| d.with_timezone(&chrono::Local).min(now))
            .unwrap_or(now)
            .to_rfc3339_opts(chrono::SecondsFormat::Secs, false);
        self.write(|tx| {
            tx.execute(
                "UPDATE projects SET bundle_imported_at = ?2 WHERE uuid = ?1
                   AND (bundle_imported_at IS NULL OR bundle_imported_at < ?2)",
                params![bundle.project, made],
            )?;
            // Its own file makes a partner's or a request's copy the project
            // itself here (this PC may now speak for it).
            tx.execute(
                "UPDATE projects SET origin = 'here' WHERE uuid = ?1 AND origin <> 'here'",
                [&bundle.project],
            )?;
            Ok(())
        })
    }

    /// The UUID of a record, by table and local id.
    pub fn record_uuid(&self, table: &str, id: i64) -> Result<String> {
        check_table(table)?;
        record::uuid_of(self.conn(), table, id)
    }

    /// The local id of the record with `uuid` in `table`, if this PC has it.
    pub fn record_id(&self, table: &str, uuid: &str) -> Result<Option<i64>> {
        check_table(table)?;
        Ok(self
            .conn()
            .query_row(
                &format!("SELECT id FROM {table} WHERE uuid = ?1"),
                [uuid],
                |r| r.get("id"),
            )
            .optional()?)
    }

    /// How many records of a kind this PC has (the kind by its table).
    pub fn count_rows(&self, table: &str) -> Result<i64> {
        check_table(table)?;
        Ok(self
            .conn()
            .query_row(&format!("SELECT count(*) AS n FROM {table}"), [], |r| {
                r.get("n")
            })?)
    }

    /// True when a record with `uuid` exists in `table`.
    pub fn has_record(&self, table: &str, uuid: &str) -> Result<bool> {
        check_table(table)?;
        Ok(self
            .conn()
            .query_row(
                &format!("SELECT 1 FROM {table} WHERE uuid = ?1"),
                [uuid],
                |_| Ok(()),
            )
            .optional()?
            .is_some())
    }

    /// Adds evaluations under UUIDs the caller chose (rows from a CSV), in one
    /// transaction: all of them or none.
    pub fn insert_evaluations_with_uuids(
        &mut self,
        forms: &[(String, crate::model::evaluation::ValidEvaluation)],
    ) -> Result<()> {
        self.write(|tx| {
            for (uuid, d) in forms {
                let id = super::evaluation::insert(tx, d)?;
                tx.execute(
                    "UPDATE evaluations SET uuid = ?2 WHERE id = ?1",
                    params![id, uuid],
                )?;
                tx.execute(
                    "INSERT OR IGNORE INTO record_versions (uuid, version)
                     SELECT uuid, version FROM evaluations WHERE id = ?1",
                    [id],
                )?;
            }
            Ok(())
        })
    }
}

fn check_table(table: &str) -> Result<()> {
    if record::by_table(table).is_some() {
        Ok(())
    } else {
        Err(Error::NotFound {
            what: "記録の種類",
            key: table.to_owned(),
        })
    }
}
