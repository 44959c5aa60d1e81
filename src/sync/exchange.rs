//! One sync: first take in what the server has that this PC has not seen
//! (one project bundle per project, checked and merged by the bundle engine
//! exactly as a file from that team would be), then send what this PC has
//! that the server has not — only records whose server copy this PC's
//! version was built on; anything else is the next pull's to settle.
//!
//! Both halves can be cut at any point: the pull writes each project in one
//! local transaction and moves its bookmark only after all of them; the push
//! is one server transaction. Running again finishes the work, and a record
//! is never written twice (UUIDs are the keys on both sides).

use super::connection::{self, ConnectionFile};
use super::error::{Error, Result};
use super::secret;
use super::server::prepared;
use crate::model::bundle::{Choice, Choices, FORMAT, FORMAT_VERSION};
use crate::store::backup::Reason;
use crate::store::outgoing::{wire_version, Outgoing, SyncLink, EVERYONE};
use crate::store::record;
use crate::store::Store;
use serde::Serialize;
use std::collections::{BTreeMap, HashMap, HashSet};
use std::path::{Path, PathBuf};
use ts_rs::TS;

/// Writers on the server take this lock so that changes commit in the order
/// of their numbers (any constant; only this app uses it).
pub(super) const WRITE_LOCK: i64 = 0x6261_6e73_6f75;
/// Rows sent per statement.
const BATCH: usize = 500;

/// What one sync did, for the status line and `bansou sync --json`.
#[derive(Debug, Clone, Default, PartialEq, Serialize, TS)]
#[ts(export)]
pub struct SyncReport {
    /// Records added, changed or deleted here.
    pub received: u32,
    /// Records (and deletions) the server took from here.
    pub sent: u32,
    /// Changes of records this login may not write (another supporter's
    /// evaluation, a project of a team it does not follow): kept here only.
    pub not_sent: u32,
    /// Records changed both here and on the server since this PC last synced,
    /// by project: nothing of that project was taken in; the file holds the
    /// server's side for the same preview and choices as an import.
    pub conflicts: Vec<Pending>,
    /// Projects whose records from the server were refused (a record that
    /// does not pass the checks a file's would): nothing of them was taken
    /// in, the rest of the sync went on.
    pub refused: Vec<String>,
    pub last_sync: String,
    /// 「受信 3件・送信 1件」.
    pub sentence: String,
}

/// A project waiting for a person's choice.
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
#[ts(export)]
pub struct Pending {
    pub project: String,
    #[ts(type = "number")]
    pub count: usize,
    /// The server's side as a project bundle, for the import preview.
    #[ts(type = "string")]
    pub file: PathBuf,
}

fn pg(login: &str) -> impl Fn(postgres::Error) -> Error + '_ {
    move |e| Error::from_pg(e, login)
}

/// Links this PC to the server the connection file names, after checking
/// that the login works and the server is one this build can use. The
/// password goes to the OS keyring or a file beside the database (see
/// `secret`), never into it; returns where, in words.
pub fn connect(store: &mut Store, file: &ConnectionFile) -> Result<String> {
    let mut c = connection::open(
        &file.url,
        Some((&file.login, &file.password)),
        file.ca.as_deref(),
    )?;
    let (server_id, _) = prepared(&mut c)?;
    let url = connection::public_url(&file.url)?;
    let keep = store
        .sync_link()?
        .filter(|l| l.server_id.as_deref() == Some(&server_id) && l.login == file.login);
    let link = keep.unwrap_or(SyncLink {
        url,
        login: file.login.clone(),
        role: file.role.clone(),
        ca: file.ca.clone(),
        server_id: Some(server_id),
        ..SyncLink::default()
    });
    let saved = secret::save(store.path(), &file.password)?;
    store.set_sync_link(&link)?;
    Ok(saved)
}

/// Syncs with the linked server. `choice` settles every conflict one way
/// (「こちらを残す」/「相手を採用」); without it a conflicting project waits.
pub fn sync(store: &mut Store, choice: Option<Choice>) -> Result<SyncReport> {
    let Some(mut link) = store.sync_link()? else {
        return Err(Error::Input(
            "共有サーバーにつないでいません。先に接続ファイルを開いてください（bansou connect FILE）"
                .into(),
        ));
    };
    match run(store, &mut link, choice) {
        Ok(report) => Ok(report),
        Err(e) => {
            link.last_error = Some(e.to_string());
            // The error is what the user needs; a failure to note it is not.
            let _ = store.set_sync_link(&link);
            Err(e)
        }
    }
}

struct Row {
    uuid: String,
    kind: String,
    owners: Vec<String>,
    version: String,
    body: String,
    refs: Vec<String>,
    deleted: bool,
    seq: i64,
}

const ROW: &str =
    "SELECT uuid, kind, owners, version, body, refs, deleted, seq FROM bansou.records";

/// The server's rows, read without trusting their shape: a row that does not
/// read is the server's problem, said in words, never a panic.
fn rows(
    c: &mut postgres::Client,
    sql: &str,
    params: &[&(dyn postgres::types::ToSql + Sync)],
    login: &str,
) -> Result<Vec<Row>> {
    c.query(sql, params)
        .map_err(pg(login))?
        .into_iter()
        .map(|r| {
            let read = || -> std::result::Result<Row, postgres::Error> {
                Ok(Row {
                    uuid: r.try_get(0)?,
                    kind: r.try_get(1)?,
                    owners: r.try_get(2)?,
                    version: r.try_get(3)?,
                    body: r.try_get(4)?,
                    refs: r.try_get(5)?,
                    deleted: r.try_get(6)?,
                    seq: r.try_get(7)?,
                })
            };
            read().map_err(|e| Error::Server(format!("共有サーバーの記録が読めません：{e}")))
        })
        .collect()
}

fn run(store: &mut Store, link: &mut SyncLink, choice: Option<Choice>) -> Result<SyncReport> {
    let password = secret::load(store.path())?;
    let login = link.login.clone();
    let mut c = connection::open(&link.url, Some((&login, &password)), link.ca.as_deref())?;
    let (server_id, _) = prepared(&mut c)?;
    let row = c
        .query_one(
            "SELECT bansou.is_secretariat(), bansou.my_projects(),
                    (SELECT coalesce(max(seq), 0) FROM bansou.records), bansou.my_member()",
            &[],
        )
        .map_err(pg(&login))?;
    let secretariat: bool = row.get(0);
    let mine: Vec<String> = row.get(1);
    let newest: i64 = row.get(2);
    let me: Option<String> = row.get(3);
    if !secretariat && mine.is_empty() {
        return Err(Error::Revoked(login));
    }
    // Another server, or a team newly given: take everything in again (what is
    // here already is 「変更なし」).
    if link.server_id.as_deref() != Some(&server_id)
        || mine.iter().any(|p| !link.projects.contains(p))
    {
        link.cursor = 0;
        link.server_id = Some(server_id);
    }
    // A server restored from an older dump numbers from lower again.
    if newest < link.cursor {
        link.cursor = 0;
    }
    let mut report = SyncReport::default();

    // Pull: every change since the bookmark, and the whole of each project
    // left waiting last time (a conflict, a refusal).
    let pulled = rows(
        &mut c,
        &format!("{ROW} WHERE seq > $1 OR owners && $2::text[] ORDER BY seq"),
        &[&link.cursor, &link.retry],
        &login,
    )?;
    let top = pulled.iter().map(|r| r.seq).max();
    // What they refer to that is older than the bookmark (a joint meeting's
    // partner people, written long ago) comes too, for the references only.
    let have: HashSet<&str> = pulled.iter().map(|r| r.uuid.as_str()).collect();
    let wanted: Vec<String> = pulled
        .iter()
        .flat_map(|r| r.refs.iter())
        .filter(|u| !have.contains(u.as_str()))
        .cloned()
        .collect::<HashSet<_>>()
        .into_iter()
        .collect();
    let named = if wanted.is_empty() {
        Vec::new()
    } else {
        rows(
            &mut c,
            &format!("{ROW} WHERE uuid = ANY($1)"),
            &[&wanted],
            &login,
        )?
    };
    let only = (!secretariat).then_some(mine.as_slice());
    let waiting = take_in(store, &pulled, &named, only, choice, &mut report)?;
    // (The rows of waiting projects may be older than the bookmark.)
    if let Some(top) = top {
        link.cursor = link.cursor.max(top);
    }
    link.retry = waiting;

    // Push. What to send is worked out first; the lock every writer takes
    // is held only while sending (the server's versions may move meanwhile:
    // each update is written only over the version it was built on).
    let mut tx = c.transaction().map_err(pg(&login))?;
    let (inserts, updates, not_sent) = outgoing(
        store,
        &mut tx,
        &login,
        secretariat,
        &mine,
        me.as_deref(),
        &link.retry,
    )?;
    report.not_sent = not_sent;
    if !inserts.is_empty() || !updates.is_empty() {
        tx.execute("SELECT pg_advisory_xact_lock($1)", &[&WRITE_LOCK])
            .map_err(pg(&login))?;
        let newest = |tx: &mut postgres::Transaction| -> Result<i64> {
            Ok(tx
                .query_one("SELECT coalesce(max(seq), 0) FROM bansou.records", &[])
                .map_err(pg(&login))?
                .get(0))
        };
        let before = newest(&mut tx)?;
        report.sent = send(&mut tx, &inserts, &updates).map_err(pg(&login))?;
        // Nobody wrote between our pull and our push: what we just sent
        // need not come back to us.
        if before == link.cursor {
            link.cursor = newest(&mut tx)?;
        }
    }
    tx.execute("SELECT bansou.touch()", &[])
        .map_err(pg(&login))?;
    tx.commit().map_err(pg(&login))?;

    report.last_sync = chrono::Local::now().to_rfc3339_opts(chrono::SecondsFormat::Secs, false);
    link.projects = mine;
    link.last_sync = Some(report.last_sync.clone());
    link.last_error = None;
    link.pending = report
        .conflicts
        .iter()
        .map(|p| p.file.display().to_string())
        .collect();
    report.sentence = sentence(&report);
    store.set_sync_link(link)?;
    Ok(report)
}

fn sentence(r: &SyncReport) -> String {
    let mut parts = vec![
        format!("受信 {}件", r.received),
        format!("送信 {}件", r.sent),
    ];
    if r.not_sent > 0 {
        parts.push(format!("担当外で送らない変更 {}件", r.not_sent));
    }
    let conflicts: usize = r.conflicts.iter().map(|p| p.count).sum();
    if conflicts > 0 {
        parts.push(format!("競合 {conflicts}件（選ぶまで取り込みません）"));
    }
    if !r.refused.is_empty() {
        parts.push(format!(
            "取り込めなかった事業 {}件（記録が確認を通りません）",
            r.refused.len()
        ));
    }
    parts.join("・")
}

/// The folder a sync leaves conflicting projects' bundles in.
pub fn pending_dir(db: &Path) -> PathBuf {
    db.parent().unwrap_or(Path::new(".")).join("sync-conflicts")
}

/// Takes the pulled rows in, one project bundle at a time (for a team or a
/// supporter, only the projects the server gave it: a partner team a joint
/// meeting names comes along inside them, and stays a partner here). Returns
/// the projects left waiting (a conflict, a refusal), to pull whole next time;
/// the conflicts are in `report`.
fn take_in(
    store: &mut Store,
    rows: &[Row],
    named: &[Row],
    only: Option<&[String]>,
    choice: Option<Choice>,
    report: &mut SyncReport,
) -> Result<Vec<String>> {
    let by_uuid: HashMap<&str, &Row> = rows
        .iter()
        .chain(named)
        .map(|r| (r.uuid.as_str(), r))
        .collect();
    let mut by_project: BTreeMap<&str, Vec<&Row>> = BTreeMap::new();
    for r in rows {
        for o in &r.owners {
            if o != EVERYONE && only.is_none_or(|mine| mine.contains(o)) {
                by_project.entry(o.as_str()).or_default().push(r);
            }
        }
    }
    let choices = Choices {
        all: choice,
        ..Choices::default()
    };
    let mut backed_up = false;
    let mut waiting = Vec::new();
    for (project, own) in by_project {
        let arrives = by_uuid.get(project).is_some_and(|r| r.kind == "project");
        if !arrives && !store.has_record("projects", project)? {
            // A record of a project neither here nor sent: nothing to file it under.
            continue;
        }
        // A project whose records do not pass is named and skipped; the
        // others, and the push, still go, and it is pulled whole next time.
        let checked =
            bundle_of(project, &own, &by_uuid).and_then(|b| Ok((store.preview_import(&b)?, b)));
        let (preview, bundle) = match checked {
            Ok(x) => x,
            Err(e) => {
                let mut said = e.to_string();
                for f in e.fields().iter().take(3) {
                    said.push('／');
                    said.push_str(&f.message);
                }
                report.refused.push(format!("{project}：{said}"));
                waiting.push(project.to_owned());
                continue;
            }
        };
        if !preview.conflicts.is_empty() && choice.is_none() {
            let file = pending_dir(store.path()).join(format!("{project}.bansou"));
            if let Some(dir) = file.parent() {
                std::fs::create_dir_all(dir).map_err(|e| {
                    Error::Store(crate::Error::Io {
                        path: dir.to_owned(),
                        source: e,
                    })
                })?;
            }
            crate::files::write_atomically(&file, &crate::files::bundle_file::to_bytes(&bundle))?;
            report.conflicts.push(Pending {
                project: preview.project.clone(),
                count: preview.conflicts.len(),
                file,
            });
            waiting.push(project.to_owned());
            continue;
        }
        let writes = preview.added + preview.updated + preview.deleted;
        if writes == 0 && preview.conflicts.is_empty() {
            continue;
        }
        if !backed_up {
            store.backup_now(Reason::Import)?;
            backed_up = true;
        }
        store.merge_bundle(&bundle, &choices, false)?;
        report.received += writes + preview.conflicts.len() as u32;
    }
    // Settled conflicts leave no file behind.
    if let Ok(entries) = std::fs::read_dir(pending_dir(store.path())) {
        for e in entries.flatten() {
            if !report.conflicts.iter().any(|p| p.file == e.path()) {
                let _ = std::fs::remove_file(e.path());
            }
        }
    }
    Ok(waiting)
}

/// A project's pulled records as its bundle, with the records they refer to
/// that the server sent (a joint meeting's partner, the program), then read
/// back through the bundle reader: what arrives from the server is checked
/// as a file is.
fn bundle_of(
    project: &str,
    own: &[&Row],
    by_uuid: &HashMap<&str, &Row>,
) -> Result<crate::store::bundle::Bundle> {
    let mut lists: BTreeMap<&'static str, Vec<serde_json::Value>> = BTreeMap::new();
    let mut tombstones = Vec::new();
    let mut carried: HashSet<&str> = HashSet::new();
    let mut todo: Vec<&Row> = own.to_vec();
    while let Some(r) = todo.pop() {
        if !carried.insert(r.uuid.as_str()) {
            continue;
        }
        let value: serde_json::Value = serde_json::from_str(&r.body).map_err(|e| {
            Error::Input(format!(
                "共有サーバーの記録（{}）が読めません：{e}。何も取り込んでいません",
                r.uuid
            ))
        })?;
        // The body must be the record the row says it is: a row whose body
        // names another record would change that one here.
        let said = |k: &str| value.get(k).and_then(|v| v.as_str()).unwrap_or("");
        let version = wire_version(Some(said("version")), r.deleted);
        if said("uuid") != r.uuid || version != r.version || (r.deleted && said("kind") != r.kind) {
            return Err(Error::Input(format!(
                "共有サーバーの記録（{}）は、中身が別の記録を名乗っています。何も取り込んでいません",
                r.uuid
            )));
        }
        if r.deleted {
            tombstones.push(value);
            continue;
        }
        let Some(k) = record::by_kind(&r.kind) else {
            return Err(Error::Input(format!(
                "共有サーバーに、この版の伴走ノートが知らない種類の記録（{}）があります。アプリを更新してください",
                r.kind
            )));
        };
        lists.entry(k.table()).or_default().push(value);
        if let Ok(head) = k.head(&r.body) {
            for (_, uuid) in head.refs {
                if let Some(other) = by_uuid.get(uuid.as_str()) {
                    if !other.deleted && !carried.contains(uuid.as_str()) {
                        todo.push(other);
                    }
                }
            }
        }
    }
    let mut file = serde_json::Map::new();
    file.insert("format".into(), FORMAT.into());
    file.insert("format_version".into(), FORMAT_VERSION.into());
    file.insert("app_version".into(), env!("CARGO_PKG_VERSION").into());
    file.insert("kind".into(), "project".into());
    file.insert(
        "exported_at".into(),
        chrono::Local::now()
            .to_rfc3339_opts(chrono::SecondsFormat::Secs, false)
            .into(),
    );
    file.insert("project".into(), project.into());
    file.insert("meeting".into(), serde_json::Value::Null);
    for (table, list) in lists {
        file.insert(table.into(), list.into());
    }
    file.insert("tombstones".into(), tombstones.into());
    let bytes = serde_json::to_vec(&file).expect("a bundle serialises");
    Ok(crate::store::bundle::parse_reader(bytes.as_slice())?)
}

struct Update {
    out: Outgoing,
    expected: String,
}

/// What this PC sends: records the server lacks, and records whose server
/// copy this PC's version was built on. Returns also how many changes stay
/// here because this login may not write them.
fn outgoing(
    store: &Store,
    tx: &mut postgres::Transaction,
    login: &str,
    secretariat: bool,
    mine: &[String],
    me: Option<&str>,
    waiting: &[String],
) -> Result<(Vec<Outgoing>, Vec<Update>, u32)> {
    struct There {
        version: String,
        deleted: bool,
        author: String,
    }
    let there: HashMap<String, There> = tx
        .query(
            "SELECT uuid, version, deleted, author FROM bansou.records",
            &[],
        )
        .map_err(pg(login))?
        .into_iter()
        .map(|r| {
            (
                r.get(0),
                There {
                    version: r.get(1),
                    deleted: r.get(2),
                    author: r.get(3),
                },
            )
        })
        .collect();
    let mut inserts = Vec::new();
    let mut updates: Vec<Update> = Vec::new();
    let mut not_sent = 0;
    // Evaluations another login wrote, changed or deleted here: kept here.
    let mut held: Vec<String> = Vec::new();
    // Records of teams this login does not follow (a partner's, as a joint
    // meeting names it, with the template rows this PC added) are not its to
    // send, nor worth a word.
    let followed = |out: &Outgoing| {
        secretariat
            || (!out.owners.iter().any(|o| o == EVERYONE)
                && out.owners.iter().any(|o| mine.contains(o)))
    };
    for c in store.current_versions()? {
        let version = wire_version(c.version.as_deref(), c.deleted);
        let there_now = there.get(&c.uuid);
        let (expected, someone_elses) = match there_now {
            Some(t) if t.version == version => continue,
            // Deleted on the server and here too: nothing to say.
            Some(t) if t.deleted && c.deleted => continue,
            Some(t) if t.deleted => (Some(t.version.clone()), false),
            Some(t) => {
                let built_on = store.has_seen(&c.uuid, &t.version)?
                    || (c.deleted && c.version.as_deref() == Some(t.version.as_str()));
                if !built_on {
                    // The server's is newer, or both changed: the pull settles it.
                    continue;
                }
                (
                    Some(t.version.clone()),
                    c.kind == "evaluation" && t.author != login,
                )
            }
            None => (None, false),
        };
        let Some(out) = store.outgoing(&c)? else {
            continue;
        };
        if there_now.is_some_and(|t| t.deleted) {
            // Deleted on the server, still here after this sync's pull: the
            // pull would have deleted it unless a person kept ours (a project
            // still waiting for that choice is left alone).
            if followed(&out) && !out.owners.iter().any(|o| waiting.contains(o)) {
                updates.push(Update {
                    out,
                    expected: expected.expect("a deleted row has a version"),
                });
            }
            continue;
        }
        if someone_elses && !written_by(&out, me) {
            not_sent += 1;
            held.push(c.uuid.clone());
            continue;
        }
        if !followed(&out) {
            continue;
        }
        if !secretariat && expected.is_none() && out.kind == "project" {
            not_sent += 1;
            continue;
        }
        match expected {
            Some(expected) => updates.push(Update { out, expected }),
            None => inserts.push(out),
        }
    }
    // A meeting deleted here whose evaluations by others stay on the server
    // stays there too: deleting it alone would leave them pointing at nothing.
    if !held.is_empty() {
        let kept: HashSet<String> = tx
            .query(
                "SELECT DISTINCT unnest(refs) FROM bansou.records
                  WHERE uuid = ANY($1) AND kind = 'evaluation' AND NOT deleted",
                &[&held],
            )
            .map_err(pg(login))?
            .into_iter()
            .filter_map(|r| r.try_get::<_, String>(0).ok())
            .collect();
        let before = updates.len();
        updates
            .retain(|u| !(u.out.deleted && u.out.kind == "meeting" && kept.contains(&u.out.uuid)));
        not_sent += (before - updates.len()) as u32;
    }
    Ok((inserts, updates, not_sent))
}

/// True when the evaluation `out` names `me` (this login's member) as its
/// evaluator: the server lets this login change it.
fn written_by(out: &Outgoing, me: Option<&str>) -> bool {
    let Some(me) = me else {
        return false;
    };
    if out.deleted {
        return false;
    }
    let v: serde_json::Value = serde_json::from_str(&out.body).unwrap_or_default();
    v["data"]["evaluator"].as_str() == Some(me)
}

fn send(
    tx: &mut postgres::Transaction,
    inserts: &[Outgoing],
    updates: &[Update],
) -> std::result::Result<u32, postgres::Error> {
    let mut sent = 0;
    for chunk in inserts.chunks(BATCH) {
        let col = |f: &dyn Fn(&Outgoing) -> String| chunk.iter().map(f).collect::<Vec<_>>();
        let deleted: Vec<bool> = chunk.iter().map(|o| o.deleted).collect();
        sent += tx.execute(
            "INSERT INTO bansou.records (uuid, kind, owners, version, body, deleted, refs)
             SELECT u, k, string_to_array(o, ','), v, b, d, string_to_array(r, ',')
               FROM unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::text[], $6::bool[],
                           $7::text[]) AS x(u, k, o, v, b, d, r)
             ON CONFLICT (uuid) DO NOTHING",
            &[
                &col(&|o| o.uuid.clone()),
                &col(&|o| o.kind.to_owned()),
                &col(&|o| o.owners.join(",")),
                &col(&|o| o.version.clone()),
                &col(&|o| o.body.clone()),
                &deleted,
                &col(&|o| o.refs.join(",")),
            ],
        )? as u32;
    }
    for chunk in updates.chunks(BATCH) {
        let col = |f: &dyn Fn(&Update) -> String| chunk.iter().map(f).collect::<Vec<_>>();
        let deleted: Vec<bool> = chunk.iter().map(|u| u.out.deleted).collect();
        // Only where the server still has the version ours was built on:
        // another PC's change that arrived meanwhile is never overwritten.
        sent += tx.execute(
            "UPDATE bansou.records r
                SET owners = string_to_array(x.o, ','), version = x.v,
                    body = x.b, deleted = x.d, refs = string_to_array(x.r, ',')
               FROM unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::text[],
                           $6::bool[], $7::text[], $8::text[]) AS x(u, k, o, v, b, d, e, r)
              WHERE r.uuid = x.u AND r.version = x.e",
            &[
                &col(&|u| u.out.uuid.clone()),
                &col(&|u| u.out.kind.to_owned()),
                &col(&|u| u.out.owners.join(",")),
                &col(&|u| u.out.version.clone()),
                &col(&|u| u.out.body.clone()),
                &deleted,
                &col(&|u| u.expected.clone()),
                &col(&|u| u.out.refs.join(",")),
            ],
        )? as u32;
    }
    Ok(sent)
}
