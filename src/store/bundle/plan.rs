//! What importing a bundle would do, decided record by record before anything
//! is written: every record checked (as the window's forms check it), every
//! reference found, every record and tombstone inside what this kind of file
//! may change (its scope), and each one's fate by its version history.

use super::{
    Bundle, Conflict, Deletion, ImportSummary, KindChanges, Scope, FORMAT, FORMAT_VERSION,
};
use crate::error::{Error, FieldError, Result};
use crate::model::bundle::NAMES_SHOWN;
use crate::store::record::{self, AnyKind, By, Claim, LocalOwner, Problems, Twin, KINDS};
use rusqlite::{params, Connection, OptionalExtension};
use std::collections::{HashMap, HashSet};

/// What happens to one record of the file.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Decision {
    Add,
    /// The file's version builds on ours: take it.
    Update,
    /// Identical here.
    Same,
    /// Ours builds on the file's: keep ours.
    KeepLocal,
    /// Changed on both sides (or deleted here, changed there).
    Conflict,
    /// Deleted here, and the file has the version we deleted.
    StaysDeleted,
    /// Not this file's to change: it only names it (the partner project of a
    /// joint meeting, the meeting a response answers). Added when missing
    /// where the scope allows, never changed.
    Reference,
}

/// The plan of an import: a decision per record, and the deletions.
pub(super) struct Plan {
    /// By UUID (16 bytes each: a file of a million records stays small here).
    pub decisions: HashMap<uuid::Uuid, Decision>,
    /// Records matched with one of this PC under another UUID: the file's UUID → the local row.
    pub adopted: HashMap<String, i64>,
    /// Tombstones to apply: (table, uuid, conflicting).
    pub deletes: Vec<(&'static str, String, bool)>,
    /// Projects the file adds that are not this PC's own: (uuid, origin).
    pub origins: HashMap<String, &'static str>,
    pub summary: ImportSummary,
}

fn refuse(message: impl Into<String>) -> Error {
    Error::Validation(vec![FieldError::new("file", message.into())])
}

/// A record of the file, found by its UUID.
#[derive(Clone, Copy)]
pub(super) struct InFile<'a> {
    kind: &'static dyn AnyKind,
    raw: &'a str,
}

/// Who owns a record as the file says (its `claim`), parents looked up in
/// the file first, then here.
fn file_owner(
    conn: &Connection,
    index: &Index,
    memo: &mut HashMap<String, LocalOwner>,
    claim: &Claim,
) -> Result<LocalOwner> {
    Ok(match claim {
        Claim::Program => LocalOwner::Program,
        Claim::Nobody => LocalOwner::Nobody,
        Claim::Projects(list) => LocalOwner::Projects(list.clone()),
        Claim::Parent(table, uuid) => {
            if let Some(o) = memo.get(uuid) {
                return Ok(o.clone());
            }
            let o = match index.get(uuid) {
                Some(p) if p.kind.table() == *table => {
                    let parent = p.kind.head(p.raw)?.claim;
                    file_owner(conn, index, memo, &parent)?
                }
                _ => record::local_owner_by_uuid(conn, table, uuid)?,
            };
            memo.insert(uuid.clone(), o.clone());
            o
        }
    })
}

fn includes(owner: &LocalOwner, project: &str) -> bool {
    matches!(owner, LocalOwner::Projects(list) if list.iter().any(|p| p == project))
}

/// This PC's row for `uuid` in `table`, if any: (id, version).
fn local_row(conn: &Connection, table: &str, uuid: &str) -> Result<Option<(i64, String)>> {
    Ok(conn
        .prepare_cached(&format!("SELECT id, version FROM {table} WHERE uuid = ?1"))?
        .query_row([uuid], |r| Ok((r.get("id")?, r.get("version")?)))
        .optional()?)
}

fn known(conn: &Connection, uuid: &str, version: &str) -> Result<bool> {
    Ok(conn
        .prepare_cached("SELECT 1 FROM record_versions WHERE uuid = ?1 AND version = ?2")?
        .query_row(params![uuid, version], |_| Ok(()))
        .optional()?
        .is_some())
}

fn decide(
    conn: &Connection,
    local: Option<&(i64, String)>,
    uuid: &str,
    version: &str,
    history: &[String],
) -> Result<Decision> {
    Ok(match local {
        Some((_, v)) if v == version => Decision::Same,
        Some((_, v)) if history.contains(v) => Decision::Update,
        Some(_) if known(conn, uuid, version)? => Decision::KeepLocal,
        Some(_) => Decision::Conflict,
        None => {
            let deleted = conn
                .prepare_cached("SELECT 1 FROM tombstones WHERE uuid = ?1")?
                .query_row([uuid], |_| Ok(()))
                .optional()?
                .is_some();
            match (deleted, known(conn, uuid, version)?) {
                (true, true) => Decision::StaysDeleted,
                (true, false) => Decision::Conflict,
                (false, _) => Decision::Add,
            }
        }
    })
}

/// The kinds a project's bundle may add as references when its own records
/// name them (a joint meeting's partner team and its people, a resource it
/// shares): added when missing, never changed.
const REFERENCE_KINDS: [&str; 4] = ["programs", "projects", "members", "resources"];

/// A project's name as its society and title, for messages.
fn project_label(conn: &Connection, b: &Bundle, uuid: &str) -> Result<String> {
    let from_file = b
        .raw("projects")
        .iter()
        .filter_map(|r| super::decode::<record::Projects>(r).ok())
        .find(|p| p.uuid == uuid)
        .map(|p| (p.data.name, p.data.prefecture, p.data.profession));
    let here = || -> Result<Option<(String, String, String)>> {
        Ok(conn
            .query_row(
                "SELECT name, prefecture, profession FROM projects WHERE uuid = ?1",
                [uuid],
                |r| Ok((r.get("name")?, r.get("prefecture")?, r.get("profession")?)),
            )
            .optional()?)
    };
    Ok(
        match from_file
            .map(Ok)
            .or_else(|| here().transpose())
            .transpose()?
        {
            Some((name, prefecture, profession)) => {
                match crate::model::Profession::parse(&profession) {
                    Some(p) => format!(
                        "{}「{name}」",
                        crate::model::project::society_name(&prefecture, p)
                    ),
                    None => format!("「{name}」"),
                }
            }
            None => String::new(),
        },
    )
}

/// Compares the file with this database: nothing is written.
pub(super) fn plan(conn: &Connection, b: &Bundle) -> Result<Plan> {
    if b.format != FORMAT {
        return Err(refuse(
            "伴走ノートの受け渡しファイルではありません（形式名が違います）",
        ));
    }
    if b.format_version > FORMAT_VERSION || b.format_version == 0 {
        return Err(refuse(format!(
            "このファイルは新しい版の伴走ノート（{}、形式 {}）で作られています。アプリを更新してください",
            record::short(&b.app_version),
            b.format_version
        )));
    }
    for uuid in std::iter::once(&b.project).chain(b.meeting.iter()) {
        if uuid::Uuid::parse_str(uuid).is_err() {
            return Err(refuse("ファイルの事業または会議のUUIDが正しくありません"));
        }
    }
    let index = Index::of(b)?;
    let mut planner = Planner {
        conn,
        scope: Scope::of(b)?,
        index: &index,
        memo: HashMap::new(),
        outside: Problems::default(),
        plan: Plan {
            decisions: HashMap::new(),
            adopted: HashMap::new(),
            deletes: Vec::new(),
            origins: HashMap::new(),
            summary: ImportSummary {
                kind: b.kind.label().into(),
                project: project_label(conn, b, &b.project)?,
                ..Default::default()
            },
        },
    };
    for &(r, i) in &index.order {
        planner.record(r, i)?;
    }
    let deleted_there: HashSet<&str> = b.tombstones.iter().map(|t| t.uuid.as_str()).collect();
    for (i, t) in b.tombstones.iter().enumerate() {
        planner.tombstone(i, t, &deleted_there)?;
    }
    refuse_same_name_twin(conn, b)?;
    if !planner.outside.is_empty() {
        let mut all = vec![FieldError::new(
            "file",
            format!(
                "このファイル（{}）には、変えてよい範囲の外の記録が含まれているため、何も取り込みませんでした",
                b.kind.label()
            ),
        )];
        all.extend(planner.outside.0);
        return Err(Error::Validation(all));
    }
    let mut plan = planner.plan;
    plan.summary = std::mem::take(&mut plan.summary).with_sentence();
    Ok(plan)
}

/// The file's records by UUID, each checked as the window's forms would
/// check it, in the order they are written (parents first).
struct Index<'a> {
    by_uuid: HashMap<uuid::Uuid, InFile<'a>>,
    order: Vec<(InFile<'a>, usize)>,
}

impl<'a> Index<'a> {
    fn of(b: &'a Bundle) -> Result<Index<'a>> {
        let mut p = Problems::default();
        let mut index = Index {
            by_uuid: HashMap::new(),
            order: Vec::new(),
        };
        for k in KINDS {
            for (i, raw) in b.raw(k.table()).iter().enumerate() {
                let what = format!("{}{}", k.label(), i + 1);
                let Some(uuid) = k.verify(raw, &what, &mut p) else {
                    continue;
                };
                let Ok(u) = uuid::Uuid::parse_str(&uuid) else {
                    continue;
                };
                let r = InFile { kind: *k, raw };
                if index.by_uuid.insert(u, r).is_some() {
                    p.add(&what, format!("UUID「{uuid}」が2回出てきます"));
                }
                index.order.push((r, i));
            }
        }
        p.into_result()?;
        Ok(index)
    }

    fn get(&self, uuid: &str) -> Option<InFile<'a>> {
        uuid::Uuid::parse_str(uuid)
            .ok()
            .and_then(|u| self.by_uuid.get(&u).copied())
    }

    /// Every reference of `head` resolves: in the file, or here, in the right table.
    fn check_references(
        &self,
        conn: &Connection,
        r: &InFile,
        i: usize,
        head: &record::Head,
    ) -> Result<()> {
        for (table, uuid) in &head.refs {
            let found = match self.get(uuid) {
                Some(other) => other.kind.table() == *table,
                None => local_row(conn, table, uuid)?.is_some(),
            };
            if !found {
                return Err(refuse(format!(
                    "{}：ファイルの中にもこのパソコンにもない記録（{}）を参照しています（UUID {uuid}）。ファイルが壊れているか、一部だけが書き出されています",
                    what(r, i),
                    record::by_table(table).map(|k| k.label()).unwrap_or("記録")
                )));
            }
        }
        Ok(())
    }
}

/// How a record of the file is named in messages: 「会議3」.
fn what(r: &InFile, i: usize) -> String {
    format!("{}{}", r.kind.label(), i + 1)
}

/// Deciding the fate of each record and tombstone, and what reached outside.
struct Planner<'c, 'a> {
    conn: &'c Connection,
    scope: Scope,
    index: &'c Index<'a>,
    memo: HashMap<String, LocalOwner>,
    outside: Problems,
    plan: Plan,
}

impl Planner<'_, '_> {
    fn record(&mut self, r: InFile, i: usize) -> Result<()> {
        let conn = self.conn;
        let head = r.kind.head(r.raw)?;
        self.index.check_references(conn, &r, i, &head)?;
        let mut local = local_row(conn, r.kind.table(), &head.uuid)?;
        let mut d = decide(
            conn,
            local.as_ref(),
            &head.uuid,
            &head.version,
            &head.history,
        )?;
        let mut twin_by_name = false;
        let mut duplicate: Option<String> = None;
        if d == Decision::Add {
            match r.kind.twin(conn, r.raw)? {
                Some(Twin::Template(id, local_uuid)) => {
                    let versions: i64 = conn.query_row(
                        "SELECT count(*) AS n FROM record_versions WHERE uuid = ?1",
                        [&local_uuid],
                        |x| x.get("n"),
                    )?;
                    self.plan.adopted.insert(head.uuid.clone(), id);
                    local = Some((id, String::new()));
                    d = if versions <= 1 {
                        Decision::Update
                    } else {
                        Decision::Conflict
                    };
                }
                Some(Twin::Name(id)) => {
                    self.plan.adopted.insert(head.uuid.clone(), id);
                    twin_by_name = true;
                    d = Decision::Reference;
                }
                Some(Twin::Duplicate(id, here)) => {
                    // Taken, the file's record is written over ours (and
                    // takes its UUID); skipped once, its version is
                    // remembered and the same file asks no more.
                    self.plan.adopted.insert(head.uuid.clone(), id);
                    local = Some((id, String::new()));
                    d = if known(conn, &head.uuid, &head.version)? {
                        Decision::KeepLocal
                    } else {
                        Decision::Conflict
                    };
                    duplicate = Some(here);
                }
                None => {}
            }
        }
        let owner = file_owner(conn, self.index, &mut self.memo, &head.claim)?;
        let local_owner = match &local {
            Some((id, _)) if !twin_by_name => Some(r.kind.local_owner(conn, *id)?),
            _ => None,
        };
        let verdict = in_scope(
            conn,
            &self.scope,
            &self.index.by_uuid,
            r,
            &head.uuid,
            &owner,
            local_owner.as_ref(),
            local.as_ref().map(|l| l.0),
        )?;
        match verdict {
            Verdict::Own => {}
            Verdict::Reference { origin } if d == Decision::Add => {
                if let Some(o) = origin {
                    self.plan.origins.insert(head.uuid.clone(), o);
                }
            }
            Verdict::Reference { .. } => d = Decision::Reference,
            Verdict::Outside(why) => {
                let name = record::short(&head.name);
                self.outside.add(&what(&r, i), format!("「{name}」{why}"));
                return Ok(());
            }
        }
        self.tally(r, &head, d)?;
        if let (Decision::Conflict, Some(here)) = (d, duplicate) {
            if let Some(c) = self.plan.summary.conflicts.last_mut() {
                c.what = "同じ人・同じ会議の評価（1人1回）".into();
                c.here = here;
                c.there = format!("ファイルの分：{}（更新 {}）", head.name, head.updated_at);
            }
        }
        if let Ok(u) = uuid::Uuid::parse_str(&head.uuid) {
            self.plan.decisions.insert(u, d);
        }
        Ok(())
    }

    /// Counts a record's fate in the summary a person reads.
    fn tally(&mut self, r: InFile, head: &record::Head, d: Decision) -> Result<()> {
        let s = &mut self.plan.summary;
        match d {
            Decision::Add | Decision::Update => {
                if s.changes.last().is_none_or(|c| c.what != r.kind.label()) {
                    s.changes.push(KindChanges {
                        what: r.kind.label().into(),
                        ..Default::default()
                    });
                }
                let c = s.changes.last_mut().expect("just pushed");
                if d == Decision::Add {
                    s.added += 1;
                    c.added += 1;
                } else {
                    s.updated += 1;
                    c.updated += 1;
                }
                if c.names.len() < NAMES_SHOWN {
                    c.names.push(head.name.clone());
                }
            }
            Decision::Same | Decision::KeepLocal | Decision::StaysDeleted | Decision::Reference => {
                s.unchanged += 1
            }
            Decision::Conflict => s.conflicts.push(Conflict {
                uuid: head.uuid.clone(),
                what: r.kind.label().into(),
                here: r
                    .kind
                    .local_name(self.conn, &head.uuid)?
                    .unwrap_or_else(|| "（このパソコンでは削除済み）".into()),
                there: format!("{}（更新 {}）", head.name, head.updated_at),
            }),
        }
        Ok(())
    }

    fn tombstone(
        &mut self,
        i: usize,
        t: &super::Tombstone,
        deleted_there: &HashSet<&str>,
    ) -> Result<()> {
        let conn = self.conn;
        let what = format!("削除の記録{}", i + 1);
        let Some(kind) = record::by_kind(&t.kind) else {
            let why = format!("記録の種類「{}」はありません", record::short(&t.kind));
            self.outside.add(&what, why);
            return Ok(());
        };
        let local = local_row(conn, kind.table(), &t.uuid)?;
        let local_owner = match &local {
            Some((id, _)) => Some(kind.local_owner(conn, *id)?),
            None => None,
        };
        let refused = tombstone_outside(
            conn,
            &self.scope,
            kind,
            t,
            local_owner.as_ref(),
            local.as_ref().map(|l| l.0),
        )?;
        if let Some(why) = refused {
            self.outside.add(&what, why);
            return Ok(());
        }
        let Some((id, v)) = local else { return Ok(()) };
        let mut conflicting = !(t.version.as_deref() == Some(v.as_str()) || t.history.contains(&v));
        if kind.table() == "meetings" && !conflicting {
            // A meeting keeps the evaluations written here unless those go too.
            let mut st =
                conn.prepare_cached("SELECT uuid FROM evaluations WHERE meeting_id = ?1")?;
            let evals: Vec<String> = st
                .query_map([id], |r| r.get("uuid"))?
                .collect::<rusqlite::Result<_>>()?;
            conflicting = evals.iter().any(|e| !deleted_there.contains(e.as_str()));
        }
        let name = kind.local_name(conn, &t.uuid)?.unwrap_or_default();
        let s = &mut self.plan.summary;
        if conflicting {
            s.conflicts.push(Conflict {
                uuid: t.uuid.clone(),
                what: kind.label().into(),
                here: name.clone(),
                there: format!("削除されています（{}）", t.deleted_at),
            });
        } else {
            s.deleted += 1;
        }
        s.deletions.push(Deletion {
            uuid: t.uuid.clone(),
            what: kind.label().into(),
            name,
            with: goes_with(conn, kind, id)?,
            conflicting,
        });
        self.plan
            .deletes
            .push((kind.table(), t.uuid.clone(), conflicting));
        Ok(())
    }
}

/// A project the file is about must not exist here under another UUID with
/// the same name and 都道府県 (the demo loaded on two PCs).
fn refuse_same_name_twin(conn: &Connection, b: &Bundle) -> Result<()> {
    if local_row(conn, "projects", &b.project)?.is_some() {
        return Ok(());
    }
    let Some(main) = b
        .raw("projects")
        .iter()
        .filter_map(|r| super::decode::<record::Projects>(r).ok())
        .find(|p| p.uuid == b.project)
    else {
        return Ok(());
    };
    let twin: Option<i64> = conn
        .query_row(
            "SELECT id FROM projects WHERE name = ?1 AND prefecture = ?2 AND uuid <> ?3",
            params![main.data.name, main.data.prefecture, main.uuid],
            |r| r.get("id"),
        )
        .optional()?;
    if let Some(id) = twin {
        return Err(refuse(format!(
            "このパソコンには同じ名前の事業「{}」（ID {id}）が、別の事業として既にあります（別のパソコンで別々に登録されたものです）。取り込むと同じ名前の事業が2つになるため、取り込みませんでした。どちらかの事業名を変えてから取り込んでください",
            main.data.name
        )));
    }
    Ok(())
}

enum Verdict {
    /// Within what the file may change.
    Own,
    /// Named by the file's own records: added when missing (as `origin` for
    /// a project), never changed.
    Reference { origin: Option<&'static str> },
    /// Outside: the whole file is refused, saying why.
    Outside(String),
}

/// Whether the file may write record `r`, given who owns it in the file and here.
#[allow(clippy::too_many_arguments)]
fn in_scope(
    conn: &Connection,
    scope: &Scope,
    in_file: &HashMap<uuid::Uuid, InFile>,
    r: InFile,
    uuid: &str,
    owner: &LocalOwner,
    here: Option<&LocalOwner>,
    local_id: Option<i64>,
) -> Result<Verdict> {
    let table = r.kind.table();
    let outside = |why: &str| Ok(Verdict::Outside(why.to_owned()));
    match scope {
        Scope::Project { project } => {
            if table == "programs" {
                return Ok(Verdict::Reference { origin: None });
            }
            let ours_in_file = includes(owner, project);
            let ours_here = here.is_none_or(|h| includes(h, project));
            if ours_in_file && ours_here {
                return Ok(Verdict::Own);
            }
            if !ours_in_file && REFERENCE_KINDS.contains(&table) {
                return Ok(Verdict::Reference {
                    origin: (table == "projects").then_some("partner"),
                });
            }
            if ours_in_file {
                outside("は別の事業の記録です。この事業のファイルからは変えられません")
            } else {
                outside("はこのファイルの事業の記録ではありません")
            }
        }
        Scope::Request { meeting, .. } => {
            let meeting_projects = || -> Result<Vec<String>> {
                Ok(uuid::Uuid::parse_str(meeting)
                    .ok()
                    .and_then(|m| in_file.get(&m))
                    .and_then(|m| super::decode::<record::Meetings>(m.raw).ok())
                    .map(|m| m.data.projects)
                    .unwrap_or_default())
            };
            match table {
                "meetings" if uuid == meeting => {
                    if let Some(id) = local_id {
                        let read_only: bool = conn.query_row(
                            "SELECT read_only FROM meetings WHERE id = ?1",
                            [id],
                            |x| x.get("read_only"),
                        )?;
                        if !read_only {
                            return outside("はこのパソコンで記録している会議です。評価依頼では変えられません");
                        }
                    }
                    Ok(Verdict::Own)
                }
                "programs" => Ok(Verdict::Reference { origin: None }),
                "projects" => {
                    if !meeting_projects()?.iter().any(|p| p == uuid) {
                        return outside("は依頼された会議の事業ではありません");
                    }
                    match local_id {
                        Some(id) if !is_request_copy(conn, id)? => outside(
                            "はこのパソコンで記録している事業です。評価依頼の会議をこの事業に加えることはできません",
                        ),
                        _ => Ok(Verdict::Reference {
                            origin: Some("request"),
                        }),
                    }
                }
                "members" => {
                    let projects = meeting_projects()?;
                    let of_meeting =
                        matches!(owner, LocalOwner::Projects(l) if l.iter().all(|p| projects.contains(p)) && !l.is_empty());
                    if !of_meeting {
                        return outside("は依頼された会議の事業のメンバーではありません");
                    }
                    if let Some(LocalOwner::Projects(l)) = here {
                        for p in l {
                            if let Some((id, _)) = local_row(conn, "projects", p)? {
                                if !is_request_copy(conn, id)? {
                                    return outside("はこのパソコンで記録している事業のメンバーです。評価依頼では変えられません");
                                }
                            }
                        }
                    }
                    Ok(Verdict::Own)
                }
                _ => outside("は評価依頼で送れる記録ではありません（送れるのは会議・事業・メンバーだけです）"),
            }
        }
        Scope::Response { meeting } => match table {
            "meetings" if uuid == meeting => match local_id {
                Some(_) => Ok(Verdict::Reference { origin: None }),
                None => outside("（評価回答の会議）がこのパソコンにありません。評価依頼を出した伴走ノートで取り込んでください"),
            },
            "programs" | "projects" | "members" => match local_id {
                Some(_) => Ok(Verdict::Reference { origin: None }),
                None if table == "programs" => Ok(Verdict::Reference { origin: None }),
                None => outside("がこのパソコンにありません。評価回答で新しく加えることはできません"),
            },
            "evaluations" => {
                let e = super::decode::<record::Evaluations>(r.raw)?;
                evaluation_outside(conn, meeting, &e.data.meeting, e.data.evaluator.as_deref(), local_id)
                    .map(|why| why.map_or(Verdict::Own, Verdict::Outside))
            }
            _ => outside("は評価回答で送れる記録ではありません（送れるのは、その会議の評価だけです）"),
        },
    }
}

/// True when the project of local `id` came with an evaluation request (it
/// is the requesting team's, not this PC's own).
fn is_request_copy(conn: &Connection, id: i64) -> Result<bool> {
    Ok(conn.query_row(
        "SELECT origin = 'request' AS requested FROM projects WHERE id = ?1",
        [id],
        |x| x.get("requested"),
    )?)
}

/// Why a response may not write an evaluation (None: it may): it must be of
/// the meeting the response answers, written by someone of that meeting's
/// projects, and an evaluation already here must stay that person's.
fn evaluation_outside(
    conn: &Connection,
    meeting: &str,
    of_meeting: &str,
    evaluator: Option<&str>,
    local_id: Option<i64>,
) -> Result<Option<String>> {
    if of_meeting != meeting {
        return Ok(Some("は評価回答の会議の評価ではありません".into()));
    }
    let Some(evaluator) = evaluator else {
        return Ok(Some(
            "は評価者のない評価です。評価回答で届けられるのは、依頼された方の評価だけです".into(),
        ));
    };
    let named: bool = conn
        .query_row(
            "SELECT 1 FROM members m JOIN meeting_projects mp ON mp.project_id = m.project_id
             JOIN meetings g ON g.id = mp.meeting_id WHERE g.uuid = ?1 AND m.uuid = ?2",
            [meeting, evaluator],
            |_| Ok(()),
        )
        .optional()?
        .is_some();
    if !named {
        return Ok(Some(
            "の評価者は、この会議の事業のメンバーではありません".into(),
        ));
    }
    if let Some(id) = local_id {
        let here: Option<(String, Option<String>)> = conn
            .query_row(
                "SELECT g.uuid AS meeting, m.uuid AS evaluator FROM evaluations e JOIN meetings g ON g.id = e.meeting_id
                 LEFT JOIN members m ON m.id = e.evaluator_id WHERE e.id = ?1",
                [id],
                |x| Ok((x.get("meeting")?, x.get("evaluator")?)),
            )
            .optional()?;
        if let Some((m, who)) = here {
            if m != meeting || who.as_deref() != Some(evaluator) {
                return Ok(Some(
                    "は、このパソコンでは別の方（または別の会議）の評価です".into(),
                ));
            }
        }
    }
    Ok(None)
}

/// Why a tombstone may not be applied (None: it may).
fn tombstone_outside(
    conn: &Connection,
    scope: &Scope,
    kind: &'static dyn AnyKind,
    t: &super::Tombstone,
    here: Option<&LocalOwner>,
    local_id: Option<i64>,
) -> Result<Option<String>> {
    let name = || -> Result<String> {
        Ok(kind
            .local_name(conn, &t.uuid)?
            .map(|n| format!("{}「{}」", kind.label(), record::short(&n)))
            .unwrap_or_else(|| kind.label().to_owned()))
    };
    Ok(match scope {
        Scope::Project { project } => {
            if matches!(kind.by(), By::Itself | By::Program) {
                Some(format!(
                    "{}の削除は、事業のファイルでは取り込めません",
                    name()?
                ))
            } else if !t.owners.is_empty() && !t.owners.iter().any(|o| o == project) {
                Some(format!(
                    "{}の削除は、このファイルの事業のものではありません",
                    name()?
                ))
            } else if here.is_some_and(|h| !includes(h, project)) {
                Some(format!(
                    "{}は別の事業の記録です。この事業のファイルでは削除できません",
                    name()?
                ))
            } else {
                None
            }
        }
        Scope::Request { .. } => Some("評価依頼で記録を削除することはできません".into()),
        Scope::Response { meeting } => {
            if kind.table() != "evaluations" {
                Some(format!("{}の削除は、評価回答では取り込めません", name()?))
            } else if let Some(id) = local_id {
                let (m, who): (String, Option<String>) = conn.query_row(
                    "SELECT g.uuid AS meeting, m.uuid AS evaluator FROM evaluations e JOIN meetings g ON g.id = e.meeting_id
                     LEFT JOIN members m ON m.id = e.evaluator_id WHERE e.id = ?1",
                    [id],
                    |x| Ok((x.get("meeting")?, x.get("evaluator")?)),
                )?;
                evaluation_outside(conn, meeting, &m, who.as_deref(), None)?
                    .map(|why| format!("{}{why}", name().unwrap_or_default()))
            } else {
                None
            }
        }
    })
}

/// What goes with a deleted record: the records that belong to it.
fn goes_with(conn: &Connection, kind: &'static dyn AnyKind, id: i64) -> Result<String> {
    let mut parts = Vec::new();
    for child in KINDS {
        let By::Parent(field) = child.by() else {
            continue;
        };
        let (column, table) = record::parent_column(*child, field);
        if table != kind.table() {
            continue;
        }
        let n: i64 = conn.query_row(
            &format!(
                "SELECT count(*) AS n FROM {} WHERE {column} = ?1",
                child.table()
            ),
            [id],
            |r| r.get("n"),
        )?;
        if n > 0 {
            parts.push(format!("{} {n}件", child.label()));
        }
    }
    Ok(parts.join("・"))
}
