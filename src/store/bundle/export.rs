//! Reading records of this PC into a bundle: a whole project, or one
//! meeting's evaluation request or response, with every record they refer to
//! (so every reference resolves on the other PC).

use super::{Bundle, BundleKind, Tombstone};
use crate::error::{Error, FieldError, Result};
use crate::store::record::{self, AnyKind, By, KINDS};
use crate::store::Store;
use rusqlite::Connection;
use std::collections::{BTreeMap, HashSet};

/// `t.<…>` of `kind` that belongs to the project `?1` (a local id), from the
/// kind's owner rule. None: the kind has no rows of a project (programs).
fn owned_by_project(kind: &dyn AnyKind) -> Option<String> {
    Some(match kind.by() {
        By::Program => return None,
        By::Itself => "t.id = ?1".to_owned(),
        By::Project => "t.project_id = ?1".to_owned(),
        By::Projects => {
            let l = kind.links().into_iter().find(|l| l.field == "projects")?;
            format!(
                "t.id IN (SELECT {} FROM {} WHERE {} = ?1)",
                l.owner, l.table, l.other
            )
        }
        By::Parent(field) => {
            let (column, table) = record::parent_column(kind, field);
            let parent = record::by_table(table)?;
            format!(
                "t.{column} IN (SELECT t.id FROM {table} t WHERE {})",
                owned_by_project(parent)?
            )
        }
    })
}

/// Adds to `b` every record the records of `b` refer to that it does not
/// carry yet (the partner project of a joint meeting, its people, the
/// program…), until nothing is missing.
fn close_over_references(
    conn: &Connection,
    lists: &mut BTreeMap<&'static str, Vec<Box<str>>>,
) -> Result<()> {
    let mut carried: HashSet<String> = HashSet::new();
    let mut todo: Vec<(&'static str, Box<str>)> = Vec::new();
    for k in KINDS {
        for raw in lists.get(k.table()).map(Vec::as_slice).unwrap_or(&[]) {
            carried.insert(k.head(raw)?.uuid);
            todo.push((k.table(), raw.clone()));
        }
    }
    while let Some((table, raw)) = todo.pop() {
        let kind = record::by_table(table).expect("a known table");
        for (target, uuid) in kind.head(&raw)?.refs {
            if !carried.insert(uuid.clone()) {
                continue;
            }
            let k = record::by_table(target).expect("references point at known tables");
            for found in k.export(conn, "t.uuid = ?1", &uuid)? {
                lists.entry(target).or_default().push(found.clone());
                todo.push((target, found));
            }
        }
    }
    Ok(())
}

impl Store {
    /// The whole project as a bundle: every record of it, the records they
    /// refer to (the projects its joint meetings and shared resources name,
    /// the people of those meetings, the program), and its tombstones.
    pub fn project_bundle(&self, project_id: i64) -> Result<Bundle> {
        self.project(project_id)?;
        let conn = self.conn();
        let mut lists: BTreeMap<&'static str, Vec<Box<str>>> = BTreeMap::new();
        for k in KINDS {
            if let Some(w) = owned_by_project(*k) {
                lists.insert(k.table(), k.export(conn, &w, &project_id)?);
            }
        }
        close_over_references(conn, &mut lists)?;
        let uuid = record::uuid_of(conn, "projects", project_id)?;
        let mut b = Bundle::new(BundleKind::Project, uuid.clone(), None);
        for (table, list) in lists {
            b.set_raw(table, list);
        }
        b.tombstones = tombstones_of(conn, &uuid)?;
        Ok(b)
    }

    /// 評価依頼: one meeting, its projects and their people, for a supporter to
    /// evaluate on their own PC.
    pub fn evaluation_request(&self, meeting_id: i64, project_id: i64) -> Result<Bundle> {
        self.check_meeting_of(meeting_id, project_id)?;
        let conn = self.conn();
        let mut lists = BTreeMap::new();
        lists.insert("meetings", meeting_alone(conn, meeting_id)?);
        // Everyone who may evaluate: the people of the meeting's projects.
        lists.insert(
            "members",
            record::by_table("members").expect("members").export(
                conn,
                "t.retired_at IS NULL AND t.project_id IN
                       (SELECT project_id FROM meeting_projects WHERE meeting_id = ?1)",
                &meeting_id,
            )?,
        );
        self.meeting_bundle(BundleKind::EvaluationRequest, meeting_id, project_id, lists)
    }

    /// 評価回答: one meeting's evaluations on this PC, to send back to the team.
    pub fn evaluation_response(&self, meeting_id: i64, project_id: i64) -> Result<Bundle> {
        self.check_meeting_of(meeting_id, project_id)?;
        let conn = self.conn();
        let mut lists = BTreeMap::new();
        lists.insert("meetings", meeting_alone(conn, meeting_id)?);
        lists.insert(
            "evaluations",
            record::by_table("evaluations")
                .expect("evaluations")
                .export(conn, "t.meeting_id = ?1", &meeting_id)?,
        );
        self.meeting_bundle(
            BundleKind::EvaluationResponse,
            meeting_id,
            project_id,
            lists,
        )
    }

    fn meeting_bundle(
        &self,
        kind: BundleKind,
        meeting_id: i64,
        project_id: i64,
        mut lists: BTreeMap<&'static str, Vec<Box<str>>>,
    ) -> Result<Bundle> {
        let conn = self.conn();
        close_over_references(conn, &mut lists)?;
        let mut b = Bundle::new(
            kind,
            record::uuid_of(conn, "projects", project_id)?,
            Some(record::uuid_of(conn, "meetings", meeting_id)?),
        );
        for (table, list) in lists {
            b.set_raw(table, list);
        }
        Ok(b)
    }

    fn check_meeting_of(&self, meeting_id: i64, project_id: i64) -> Result<()> {
        let m = self.meeting(meeting_id)?;
        if !m.project_ids.contains(&project_id) {
            return Err(Error::Validation(vec![FieldError::new(
                "meeting",
                format!("会議（ID {meeting_id}）はこの事業の会議ではありません"),
            )]));
        }
        Ok(())
    }
}

/// The meeting without the resources it was given: a request or response is
/// about its evaluation, and the team keeps its resources.
fn meeting_alone(conn: &Connection, meeting_id: i64) -> Result<Vec<Box<str>>> {
    let mut recs = record::read_where::<record::Meetings>(conn, "t.id = ?1", &meeting_id)?;
    for r in &mut recs {
        r.data.resources.clear();
    }
    Ok(recs
        .iter()
        .map(|r| {
            serde_json::to_string(r)
                .expect("a record serialises")
                .into_boxed_str()
        })
        .collect())
}

/// The tombstones a project's bundle carries: of its records, made by edits
/// here (not by clearing away a copy; see docs/EXCHANGE.md).
fn tombstones_of(conn: &Connection, project: &str) -> Result<Vec<Tombstone>> {
    let mut st = conn.prepare(
        "SELECT t.uuid, t.kind, t.version, t.deleted_at FROM tombstones t
         WHERE t.local = 0 AND t.uuid IN (SELECT uuid FROM tombstone_owners WHERE owner = ?1)
         ORDER BY t.deleted_at, t.uuid",
    )?;
    let rows: Vec<(String, String, Option<String>, String)> = st
        .query_map([project], |r| {
            Ok((
                r.get("uuid")?,
                r.get("kind")?,
                r.get("version")?,
                r.get("deleted_at")?,
            ))
        })?
        .collect::<rusqlite::Result<_>>()?;
    let mut owners =
        conn.prepare_cached("SELECT owner FROM tombstone_owners WHERE uuid = ?1 ORDER BY owner")?;
    let mut out = Vec::new();
    for (uuid, kind, version, deleted_at) in rows {
        out.push(Tombstone {
            history: record::history(conn, &uuid, version.as_deref().unwrap_or(""))?,
            owners: owners
                .query_map([&uuid], |r| r.get("owner"))?
                .collect::<rusqlite::Result<_>>()?,
            uuid,
            kind,
            version,
            deleted_at,
        });
    }
    Ok(out)
}
