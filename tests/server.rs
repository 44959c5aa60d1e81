//! 共有サーバー against a real PostgreSQL: `make test` starts a throwaway
//! cluster (scripts/pg-cluster.sh) and sets BANSOU_TEST_PG to its superuser's
//! URL. Each test prepares its own database and logins. Without the variable
//! these tests say so and pass, unless BANSOU_REQUIRE_PG is set (CI sets it).

mod common;

use bansou::model::bundle::{Choice, Choices};
use bansou::model::evaluation::EvaluationInput;
use bansou::model::meeting::MeetingFilter;
use bansou::model::task::TaskInput;
use bansou::store::bundle::Tombstone;
use bansou::store::outgoing::{SyncLink, EVERYONE};
use bansou::store::Store;
use bansou::sync::{self, Role};
use std::path::{Path, PathBuf};
use std::process::Command;

/// The tests share one cluster; the one that restarts it runs alone.
static GATE: std::sync::RwLock<()> = std::sync::RwLock::new(());

#[allow(dead_code)] // held, never read
enum Gate {
    Shared(std::sync::RwLockReadGuard<'static, ()>),
    Alone(std::sync::RwLockWriteGuard<'static, ()>),
}

/// A database of its own on the test cluster, dropped at the end.
struct Server {
    admin: String,
    url: String,
    name: String,
    _gate: Gate,
}

impl Server {
    fn new(test: &str) -> Option<Server> {
        Server::open(test, false)
    }

    /// For a test that stops the cluster: no other test runs meanwhile.
    fn alone(test: &str) -> Option<Server> {
        Server::open(test, true)
    }

    fn open(test: &str, alone: bool) -> Option<Server> {
        let Ok(base) = std::env::var("BANSOU_TEST_PG") else {
            assert!(
                std::env::var_os("BANSOU_REQUIRE_PG").is_none(),
                "BANSOU_TEST_PG is not set: run the tests through scripts/test.sh"
            );
            eprintln!("{test}: BANSOU_TEST_PG がないため共有サーバーの試験を飛ばします");
            return None;
        };
        let gate = if alone {
            Gate::Alone(GATE.write().unwrap_or_else(|p| p.into_inner()))
        } else {
            Gate::Shared(GATE.read().unwrap_or_else(|p| p.into_inner()))
        };
        let name = format!(
            "t_{test}_{}",
            &uuid::Uuid::new_v4().simple().to_string()[..6]
        );
        let mut c = postgres::Client::connect(&base, postgres::NoTls).unwrap();
        c.batch_execute(&format!("CREATE DATABASE {name}")).unwrap();
        let url = format!("{}/{name}", base.rsplit_once('/').unwrap().0);
        sync::init(&url, None).unwrap();
        Some(Server {
            admin: base,
            url,
            name,
            _gate: gate,
        })
    }

    fn login(&self, name: &str, role: Role, teams: &[&str]) -> sync::ConnectionFile {
        self.login_as(name, role, teams, None)
    }

    /// A login that is `member` of its teams.
    fn login_as(
        &self,
        name: &str,
        role: Role,
        teams: &[&str],
        member: Option<&str>,
    ) -> sync::ConnectionFile {
        let teams: Vec<String> = teams.iter().map(|t| t.to_string()).collect();
        sync::user_add(
            &self.url,
            None,
            &format!("{}_{name}", self.name),
            role,
            &teams,
            member,
        )
        .unwrap()
    }

    fn sql(&self) -> postgres::Client {
        postgres::Client::connect(&self.url, postgres::NoTls).unwrap()
    }
}

impl Drop for Server {
    fn drop(&mut self) {
        if let Ok(mut c) = postgres::Client::connect(&self.admin, postgres::NoTls) {
            let _ = c.batch_execute(&format!(
                "DROP DATABASE IF EXISTS {} WITH (FORCE)",
                self.name
            ));
            let rows = c
                .query(
                    "SELECT rolname FROM pg_roles WHERE rolname LIKE $1",
                    &[&format!("{}\\_%", self.name)],
                )
                .unwrap_or_default();
            for r in rows {
                let role: String = r.get(0);
                let _ = c.batch_execute(&format!("DROP ROLE IF EXISTS \"{role}\""));
            }
        }
    }
}

/// One PC: its own data folder and database, linked to the server.
struct Pc {
    _dir: tempfile::TempDir,
    path: PathBuf,
    store: Store,
}

impl Pc {
    fn new(file: Option<&sync::ConnectionFile>) -> Pc {
        let (dir, path, mut store) = common::store();
        if let Some(f) = file {
            sync::connect(&mut store, f).unwrap();
        }
        Pc {
            _dir: dir,
            path,
            store,
        }
    }

    fn sync(&mut self) -> sync::SyncReport {
        sync::sync(&mut self.store, None).unwrap()
    }

    fn count(&self, table: &str) -> i64 {
        rusqlite::Connection::open(&self.path)
            .unwrap()
            .query_row(&format!("SELECT count(*) FROM {table}"), [], |r| r.get(0))
            .unwrap()
    }
}

fn yamaguchi(s: &Store) -> i64 {
    s.resolve_project("山口").unwrap().id
}

fn first_meeting(s: &Store, project: i64) -> i64 {
    s.meetings(project, &MeetingFilter::default()).unwrap()[0].id
}

fn retitle_first_task(s: &mut Store, project: i64, title: &str) -> String {
    let today = chrono::Local::now().date_naive();
    let t = s.tasks(project, today).unwrap()[0].clone();
    let input = TaskInput {
        title: title.into(),
        owner_id: t.owner_id,
        due_date: t.due_date.map(|d| d.to_string()).unwrap_or_default(),
        status: t.status.label().into(),
        phase: t.phase.map(i32::from),
        meeting_id: t.meeting_id,
        milestone: t.milestone,
        note: t.note.clone(),
    };
    s.update_task(t.id, &input, today).unwrap();
    s.record_uuid("tasks", t.id).unwrap()
}

fn task_title(s: &Store, uuid: &str) -> String {
    let id = s.record_id("tasks", uuid).unwrap().unwrap();
    s.task(id, chrono::Local::now().date_naive()).unwrap().title
}

/// The secretariat with the demo on the server, and a supporter and a team of
/// 山口 linked to it.
fn three_pcs(server: &Server) -> (Pc, Pc, Pc, sync::ConnectionFile) {
    let mut sec = Pc::new(Some(&server.login("jimu", Role::Secretariat, &[])));
    bansou::demo::load(&mut sec.store).unwrap();
    let first = sec.sync();
    assert!(first.sent > 200, "{first:?}");
    let sato = server.login("sato", Role::Supporter, &["山口"]);
    let supporter = Pc::new(Some(&sato));
    let team = Pc::new(Some(&server.login("team", Role::Team, &["山口"])));
    (sec, supporter, team, sato)
}

#[test]
fn three_pcs_stay_in_step_and_a_synced_record_still_travels_by_file() {
    let Some(server) = Server::new("step") else {
        return;
    };
    let (mut sec, mut sup, mut team, _) = three_pcs(&server);
    // The file the secretariat would have sent before the server.
    let old = sec.store.project_bundle(yamaguchi(&sec.store)).unwrap();
    let r = sup.sync();
    assert!(r.received > 100, "{r:?}");
    let r = team.sync();
    assert!(r.received > 100, "{r:?}");
    assert_eq!(team.sync().received, 0, "a second sync finds nothing new");
    // 茨城 came along only as the partner its joint meetings name: the team
    // syncs 山口 alone.
    let origin: String = rusqlite::Connection::open(&team.path)
        .unwrap()
        .query_row(
            "SELECT origin FROM projects WHERE prefecture = '茨城県'",
            [],
            |r| r.get(0),
        )
        .unwrap();
    assert_eq!(origin, "partner");
    let p = yamaguchi(&team.store);
    let evaluations_before = team
        .store
        .meeting_evaluations(first_meeting(&team.store, p))
        .unwrap()
        .len();

    // The supporter files a 表1 for the team's first meeting.
    let sp = yamaguchi(&sup.store);
    let meeting = first_meeting(&sup.store, sp);
    let me = sup.store.members(sp).unwrap()[0].id;
    sup.store
        .create_evaluation(&EvaluationInput {
            meeting_id: meeting,
            kind: "自己評価".into(),
            evaluator_id: Some(me),
            written_on: "2024-07-16".into(),
            scores: vec![Some(3), Some(4), Some(2), Some(3)],
            comments: vec![
                "役割分担が明確になった".into(),
                "".into(),
                "".into(),
                "".into(),
            ],
        })
        .unwrap_or_else(|_| {
            // The demo's member already filed one: pick the other kind.
            sup.store
                .create_evaluation(&EvaluationInput {
                    meeting_id: meeting,
                    kind: "他者評価".into(),
                    evaluator_id: None,
                    written_on: "2024-07-16".into(),
                    scores: vec![Some(3), Some(4), Some(2), Some(3)],
                    comments: vec![
                        "役割分担が明確になった".into(),
                        "".into(),
                        "".into(),
                        "".into(),
                    ],
                })
                .unwrap()
        });
    assert_eq!(sup.sync().sent, 1);
    assert_eq!(team.sync().received, 1);
    assert_eq!(
        team.store
            .meeting_evaluations(first_meeting(&team.store, p))
            .unwrap()
            .len(),
        evaluations_before + 1,
        "the supporter's 表1 reached the team with no file"
    );

    // The team renames a task; the secretariat sees it.
    let uuid = retitle_first_task(&mut team.store, p, "安全衛生委員会で報告する");
    assert_eq!(team.sync().sent, 1);
    sec.sync();
    assert_eq!(task_title(&sec.store, &uuid), "安全衛生委員会で報告する");

    // A deletion travels as its tombstone.
    let id = sec.store.record_id("tasks", &uuid).unwrap().unwrap();
    sec.store.delete_task(id).unwrap();
    assert_eq!(sec.sync().sent, 1);
    team.sync();
    assert_eq!(team.store.record_id("tasks", &uuid).unwrap(), None);

    // The team's project, exported as a bundle, merges cleanly on a PC
    // without the server that had it from the secretariat's file earlier.
    let mut offline = Pc::new(None);
    let mut other = Pc::new(None);
    other
        .store
        .import_bundle(&old, &Choices::default())
        .unwrap();
    let now = team.store.project_bundle(p).unwrap();
    offline
        .store
        .import_bundle(&now, &Choices::default())
        .unwrap();
    let summary = other
        .store
        .import_bundle(&now, &Choices::default())
        .unwrap();
    assert!(summary.conflicts.is_empty(), "{summary:?}");
    assert_eq!(other.count("evaluations"), offline.count("evaluations"));
}

#[test]
fn edits_on_two_pcs_wait_for_a_choice_then_settle_everywhere() {
    let Some(server) = Server::new("conflict") else {
        return;
    };
    let (mut sec, _, mut team, _) = three_pcs(&server);
    team.sync();
    let p = yamaguchi(&team.store);
    let uuid = retitle_first_task(&mut team.store, p, "チームの題名");
    let sp = yamaguchi(&sec.store);
    retitle_first_task(&mut sec.store, sp, "事務局の題名");
    assert_eq!(team.sync().sent, 1);
    let r = sec.sync();
    assert_eq!(r.conflicts.len(), 1, "{r:?}");
    assert_eq!(r.conflicts[0].count, 1);
    assert!(
        r.conflicts[0].file.exists(),
        "the server's side waits as a file"
    );
    assert_eq!(r.sent, 0, "nothing of the conflicting record is sent");
    assert_eq!(
        task_title(&sec.store, &uuid),
        "事務局の題名",
        "nothing overwritten"
    );
    // The same preview as a file: the pending bundle asks about the same record.
    let pending = bansou::files::bundle_file::read(&r.conflicts[0].file).unwrap();
    let preview = sec.store.preview_import(&pending).unwrap();
    assert_eq!(preview.conflicts[0].uuid, uuid);
    // Asking again keeps waiting; choosing settles it.
    let bookmark = sec.store.sync_link().unwrap().unwrap().cursor;
    assert_eq!(sec.sync().conflicts.len(), 1);
    // The waiting project is pulled whole again; the bookmark does not go back.
    assert!(sec.store.sync_link().unwrap().unwrap().cursor >= bookmark);
    // Settled from the command line, as a script would.
    let out = Command::new(env!("CARGO_BIN_EXE_bansou"))
        .args([
            "--db",
            sec.path.to_str().unwrap(),
            "sync",
            "--keep-ours",
            "--json",
        ])
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let r: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(r["conflicts"].as_array().unwrap().len(), 0, "{r}");
    assert_eq!(r["sent"], 1, "ours goes to the server: it has seen theirs");
    assert_eq!(task_title(&sec.store, &uuid), "事務局の題名");
    team.sync();
    assert_eq!(task_title(&team.store, &uuid), "事務局の題名");
    assert!(sec.sync().conflicts.is_empty());
    assert!(
        !pending_exists(&sec.path),
        "a settled conflict leaves no file"
    );
}

/// The records two bundles do not share, or hold differently, by table.
fn differences(a: &serde_json::Value, b: &serde_json::Value) -> Vec<String> {
    let mut out = Vec::new();
    for (table, list) in a.as_object().unwrap() {
        let (Some(x), Some(y)) = (list.as_array(), b[table].as_array()) else {
            continue;
        };
        let index =
            |l: &Vec<serde_json::Value>| -> std::collections::BTreeMap<String, serde_json::Value> {
                l.iter()
                    .map(|r| (r["uuid"].as_str().unwrap_or("").to_owned(), r.clone()))
                    .collect()
            };
        let (x, y) = (index(x), index(y));
        for (uuid, r) in &x {
            match y.get(uuid) {
                None => out.push(format!("{table} {uuid}: only on the sender")),
                Some(o) if o != r => {
                    let mut keys: Vec<String> = Vec::new();
                    for k in ["version", "updated_at"] {
                        if r[k] != o[k] {
                            keys.push(format!("{k}: {} ≠ {}", r[k], o[k]));
                        }
                    }
                    if let Some(d) = r["data"].as_object() {
                        for (k, v) in d {
                            if o["data"][k] != *v {
                                keys.push(format!("{k}: {v} ≠ {}", o["data"][k]));
                            }
                        }
                    }
                    out.push(format!("{table} {uuid}: {}", keys.join("; ")))
                }
                _ => {}
            }
        }
        for uuid in y.keys().filter(|u| !x.contains_key(*u)) {
            out.push(format!("{table} {uuid}: only on the receiver"));
        }
    }
    out.truncate(5);
    out
}

#[test]
fn keeping_a_record_the_server_deleted_sends_it_back() {
    let Some(server) = Server::new("revive") else {
        return;
    };
    let (mut sec, _, mut team, _) = three_pcs(&server);
    team.sync();
    let p = yamaguchi(&team.store);
    // The team changes a task while the secretariat deletes it and syncs first.
    let uuid = retitle_first_task(&mut team.store, p, "消さないでください");
    let id = sec.store.record_id("tasks", &uuid).unwrap().unwrap();
    sec.store.delete_task(id).unwrap();
    assert_eq!(sec.sync().sent, 1);
    let r = team.sync();
    assert_eq!(r.conflicts.len(), 1, "{r:?}");
    assert_eq!(r.sent, 0, "{r:?}");
    assert!(
        team.store.record_id("tasks", &uuid).unwrap().is_some(),
        "nothing deleted while the choice waits"
    );
    let r = sync::sync(&mut team.store, Some(Choice::Keep)).unwrap();
    assert_eq!(r.sent, 1, "ours goes back to the server: {r:?}");
    // The secretariat, which deleted it, is asked in turn; taking theirs brings it back.
    let r = sec.sync();
    assert_eq!(r.conflicts.len(), 1, "{r:?}");
    sync::sync(&mut sec.store, Some(Choice::Take)).unwrap();
    assert_eq!(task_title(&sec.store, &uuid), "消さないでください");
}

#[test]
fn a_supporter_changes_the_evaluations_they_wrote_whoever_sent_them_first() {
    let Some(server) = Server::new("author") else {
        return;
    };
    let (sec, _, _, _) = three_pcs(&server);
    // The secretariat sent every evaluation; the supporter's login is a
    // 伴走支援者 of 山口 who wrote some of them.
    let p = yamaguchi(&sec.store);
    let people = sec.store.members(p).unwrap();
    let evaluations = sec.store.evaluations(Some(p), &Default::default()).unwrap();
    let who = people
        .iter()
        .find(|m| {
            m.role.label() == "伴走支援者"
                && evaluations.iter().any(|e| e.evaluator_id == Some(m.id))
        })
        .expect("a supporter who wrote an evaluation");
    let file = server.login_as("nakagawa", Role::Supporter, &["山口"], Some(&who.name));
    let mut sup = Pc::new(Some(&file));
    sup.sync();
    let sp = yamaguchi(&sup.store);
    let mine_here = sup
        .store
        .members(sp)
        .unwrap()
        .into_iter()
        .find(|m| m.name == who.name)
        .unwrap();
    let all = sup
        .store
        .evaluations(Some(sp), &Default::default())
        .unwrap();
    let edit = |s: &mut Store, e: &bansou::model::evaluation::Evaluation, comment: &str| {
        let mut comments = e.comments.clone();
        comments[0] = comment.into();
        s.update_evaluation(
            e.id,
            &EvaluationInput {
                meeting_id: e.meeting_id,
                kind: e.kind.label().into(),
                evaluator_id: e.evaluator_id,
                written_on: e.written_on.to_string(),
                scores: e.scores.iter().map(|&x| Some(i32::from(x))).collect(),
                comments,
            },
        )
        .unwrap();
    };
    let own = all
        .iter()
        .find(|e| e.evaluator_id == Some(mine_here.id))
        .unwrap();
    edit(&mut sup.store, own, "本人が直したコメント");
    let r = sup.sync();
    assert_eq!(
        (r.sent, r.not_sent),
        (1, 0),
        "their own evaluation goes: {r:?}"
    );
    let other = all
        .iter()
        .find(|e| e.evaluator_id.is_some() && e.evaluator_id != Some(mine_here.id))
        .unwrap();
    edit(&mut sup.store, other, "他の人の評価を直した");
    let r = sup.sync();
    assert_eq!(
        (r.sent, r.not_sent),
        (0, 1),
        "someone else's stays here: {r:?}"
    );
    // psql as that login: the server itself refuses the other's, allows theirs.
    let mut admin = server.sql();
    let changed: String = admin
        .query_one(
            "SELECT body FROM bansou.records WHERE uuid = $1",
            &[&sup.store.record_uuid("evaluations", own.id).unwrap()],
        )
        .unwrap()
        .get(0);
    assert!(changed.contains("本人が直したコメント"));
    let (ok, out) = psql(
        &server,
        &file,
        &format!(
            "UPDATE bansou.records SET body = body WHERE uuid = '{}'",
            sup.store.record_uuid("evaluations", other.id).unwrap()
        ),
    );
    assert!(ok && out.contains("UPDATE 0"), "{out}");
}

fn pending_exists(db: &Path) -> bool {
    std::fs::read_dir(db.parent().unwrap().join("sync-conflicts"))
        .map(|d| d.count() > 0)
        .unwrap_or(false)
}

/// psql as a login, one statement; (exit ok, output).
fn psql(server: &Server, f: &sync::ConnectionFile, sql: &str) -> (bool, String) {
    let url = format!(
        "postgresql://{}:{}@{}",
        urlencode(&f.login),
        f.password,
        server.url.split_once('@').unwrap().1
    );
    let out = Command::new("psql")
        .args([&url, "-X", "-At", "-v", "ON_ERROR_STOP=1", "-c", sql])
        .output()
        .expect("psql runs (scripts/pg-cluster.sh installs it)");
    (
        out.status.success(),
        format!(
            "{}{}",
            String::from_utf8_lossy(&out.stdout),
            String::from_utf8_lossy(&out.stderr)
        ),
    )
}

fn urlencode(s: &str) -> String {
    s.bytes()
        .map(|b| {
            if b.is_ascii_alphanumeric() || b == b'_' {
                (b as char).to_string()
            } else {
                format!("%{b:02X}")
            }
        })
        .collect()
}

#[test]
fn the_server_decides_who_reads_and_writes_what() {
    let Some(server) = Server::new("rls") else {
        return;
    };
    let (sec, mut sup, _team, sato) = three_pcs(&server);
    sup.sync();
    let ibaraki = sec
        .store
        .record_uuid("projects", sec.store.resolve_project("茨城").unwrap().id)
        .unwrap();
    let yamaguchi_uuid = sec
        .store
        .record_uuid("projects", yamaguchi(&sec.store))
        .unwrap();
    let mut admin = server.sql();
    let theirs: i64 = admin
        .query_one(
            "SELECT count(*) FROM bansou.records WHERE NOT ($1 = ANY (owners)) AND owners <> '{*}'",
            &[&yamaguchi_uuid],
        )
        .unwrap()
        .get(0);
    assert!(theirs > 50, "茨城 has records of its own on the server");

    // Reading: 茨城's own records stay hidden, but for those 山口's records name.
    let (ok, seen) = psql(
        &server,
        &sato,
        &format!(
            "SELECT count(*) FROM bansou.records WHERE NOT ('{yamaguchi_uuid}' = ANY (owners)) AND owners <> '{{*}}'"
        ),
    );
    assert!(ok, "{seen}");
    let seen: i64 = seen.trim().parse().unwrap();
    assert!(
        seen > 0 && seen < theirs,
        "the supporter reads {seen} of 茨城's {theirs} records"
    );
    // …and those are only the team, people and resources 山口's records name.
    let (ok, kinds) = psql(
        &server,
        &sato,
        &format!(
            "SELECT string_agg(DISTINCT kind, ',' ORDER BY kind) FROM bansou.records
              WHERE NOT ('{yamaguchi_uuid}' = ANY (owners)) AND owners <> '{{*}}'"
        ),
    );
    assert!(ok, "{kinds}");
    for kind in kinds.trim().split(',') {
        assert!(
            ["member", "project", "resource"].contains(&kind),
            "the supporter reads 茨城's {kind}: {kinds}"
        );
    }
    let (ok, out) = psql(
        &server,
        &sato,
        &format!("SELECT count(*) FROM bansou.records WHERE kind = 'checklist-item' AND '{ibaraki}' = ANY (owners)"),
    );
    assert!(ok && out.trim() == "0", "{out}");

    // Writing another team's row: nothing changes, or refused.
    let (ok, out) = psql(
        &server,
        &sato,
        &format!("UPDATE bansou.records SET body = '{{}}' WHERE '{ibaraki}' = ANY (owners) AND NOT ('{yamaguchi_uuid}' = ANY (owners))"),
    );
    assert!(ok && out.contains("UPDATE 0"), "{out}");
    let (ok, out) = psql(
        &server,
        &sato,
        &format!("INSERT INTO bansou.records (uuid, kind, owners, version, body) VALUES ('x', 'task', '{{{ibaraki}}}', 'v', '{{}}')"),
    );
    assert!(!ok && out.contains("row-level security"), "{out}");
    // A record of both teams, a body naming another record, a kind changed
    // after the fact: each refused.
    let (ok, out) = psql(
        &server,
        &sato,
        &format!("INSERT INTO bansou.records (uuid, kind, owners, version, body) VALUES ('y', 'task', '{{{yamaguchi_uuid},{ibaraki}}}', 'v', '{{\"uuid\":\"y\",\"version\":\"v\"}}')"),
    );
    assert!(!ok && out.contains("row-level security"), "{out}");
    let (ok, out) = psql(
        &server,
        &sato,
        &format!("INSERT INTO bansou.records (uuid, kind, owners, version, body) VALUES ('z', 'task', '{{{yamaguchi_uuid}}}', 'v', '{{\"uuid\":\"{ibaraki}\",\"version\":\"v\"}}')"),
    );
    assert!(!ok && out.contains("check constraint"), "{out}");
    let (ok, out) = psql(&server, &sato, "UPDATE bansou.records SET kind = 'project'");
    assert!(!ok && out.contains("permission denied"), "{out}");
    let (ok, out) = psql(&server, &sato, "DELETE FROM bansou.records");
    assert!(!ok && out.contains("permission denied"), "{out}");
    let (ok, out) = psql(&server, &sato, "SELECT count(*) FROM bansou.access");
    assert!(!ok && out.contains("permission denied"), "{out}");
    // A supporter may not make itself the author of a row, nor renumber it.
    let (ok, out) = psql(
        &server,
        &sato,
        "UPDATE bansou.records SET author = current_user",
    );
    assert!(!ok && out.contains("permission denied"), "{out}");

    // The secretariat's evaluations are its own: the supporter cannot change them.
    let (ok, out) = psql(
        &server,
        &sato,
        &format!("UPDATE bansou.records SET body = body WHERE kind = 'evaluation' AND '{yamaguchi_uuid}' = ANY (owners)"),
    );
    assert!(ok && out.contains("UPDATE 0"), "{out}");

    // Removed: no more reading, and the PC says so in words; its records stay.
    let written: i64 = admin
        .query_one("SELECT count(*) FROM bansou.records", &[])
        .unwrap()
        .get(0);
    sync::user_remove(&server.url, None, &sato.login).unwrap();
    let (ok, out) = psql(&server, &sato, "SELECT 1");
    assert!(!ok, "{out}");
    let before = sup.count("evaluations");
    let e = sync::sync(&mut sup.store, None).unwrap_err();
    assert!(matches!(e, sync::Error::Revoked(_)), "{e}");
    assert!(e.to_string().contains("取り消されています"), "{e}");
    assert_eq!(
        sup.count("evaluations"),
        before,
        "the local records are untouched"
    );
    let after: i64 = admin
        .query_one("SELECT count(*) FROM bansou.records", &[])
        .unwrap()
        .get(0);
    assert_eq!(after, written);
    let users = sync::users(&server.url, None).unwrap();
    let row = users.iter().find(|u| u.login == sato.login).unwrap();
    assert!(row.removed_at.is_some());
    assert!(users.iter().any(|u| u.last_sync.is_some()));
}

#[test]
fn wrong_passwords_newer_servers_and_no_server_are_told_in_words() {
    let Some(server) = Server::new("words") else {
        return;
    };
    let mut file = server.login("kato", Role::Secretariat, &[]);
    let mut pc = Pc::new(Some(&file));
    bansou::demo::load(&mut pc.store).unwrap();
    let tasks = pc.count("tasks");

    file.password = "wrong".into();
    let e = sync::connect(&mut pc.store, &file).err().unwrap();
    assert!(matches!(e, sync::Error::Login), "{e}");

    let mut admin = server.sql();
    admin
        .execute(
            "UPDATE bansou.meta SET value = '99' WHERE key = 'schema_version'",
            &[],
        )
        .unwrap();
    let e = sync::sync(&mut pc.store, None).unwrap_err();
    assert!(e.to_string().contains("アプリを更新してください"), "{e}");
    let e = sync::init(&server.url, None).unwrap_err();
    assert!(e.to_string().contains("アプリを更新してください"), "{e}");
    admin
        .execute(
            "UPDATE bansou.meta SET value = '1' WHERE key = 'schema_version'",
            &[],
        )
        .unwrap();

    let mut link = pc.store.sync_link().unwrap().unwrap();
    let good = link.url.clone();
    link.url = "postgresql://127.0.0.1:1/nothing".into();
    pc.store.set_sync_link(&link).unwrap();
    let e = sync::sync(&mut pc.store, None).unwrap_err();
    assert!(matches!(e, sync::Error::Offline(_)), "{e}");
    let noted = pc.store.sync_link().unwrap().unwrap();
    assert!(noted.last_error.unwrap().contains("オフライン"));
    assert_eq!(pc.count("tasks"), tasks, "the local work is untouched");
    link.url = good;
    pc.store.set_sync_link(&link).unwrap();
    assert!(pc.sync().sent > 200);

    let e = sync::user_add(
        &server.url,
        None,
        &file.login,
        Role::Team,
        &["山口".into()],
        None,
    )
    .unwrap_err();
    assert!(e.to_string().contains("既にあります"), "{e}");
    let e = sync::user_add(
        &server.url,
        None,
        "x_nobody",
        Role::Team,
        &["存在しない事業".into()],
        None,
    )
    .unwrap_err();
    assert!(e.to_string().contains("共有サーバーにありません"), "{e}");
}

/// Kills `bansou sync` at a random moment, `trials` times (after `work`
/// before each, so every trial has something to do); returns how many were
/// cut mid-way. The caller compares what arrived.
fn kill_trials(
    db: &Path,
    trials: u32,
    seed: &mut u64,
    work: &dyn Fn(&Path),
    within_ms: u64,
) -> u32 {
    let mut killed = 0;
    for _ in 0..trials {
        work(db);
        *seed = seed
            .wrapping_mul(6364136223846793005)
            .wrapping_add(1442695040888963407);
        let wait = 5 + (*seed >> 33) % within_ms;
        let mut child = Command::new(env!("CARGO_BIN_EXE_bansou"))
            .args(["--db", db.to_str().unwrap(), "sync"])
            .stdout(std::process::Stdio::null())
            .stderr(std::process::Stdio::null())
            .spawn()
            .unwrap();
        std::thread::sleep(std::time::Duration::from_millis(wait));
        if child.try_wait().unwrap().is_none() {
            child.kill().unwrap(); // SIGKILL on Unix
            killed += 1;
        }
        child.wait().unwrap();
    }
    killed
}

#[test]
fn a_sync_killed_at_any_moment_loses_and_duplicates_nothing() {
    let Some(server) = Server::new("kill") else {
        return;
    };
    let mut sender = Pc::new(Some(&server.login("sender", Role::Secretariat, &[])));
    bansou::demo::load(&mut sender.store).unwrap();
    bansou::bench::large_project(&mut sender.store, 150).unwrap();
    drop(sender.store);
    let mut seed = 0x5eed;
    // Every trial changes every task and meeting, so each push has work.
    let edit = |db: &Path| {
        let c = rusqlite::Connection::open(db).unwrap();
        c.execute_batch(
            "UPDATE tasks SET note = note || '済' WHERE project_id IS NOT NULL;
             UPDATE meetings SET decisions = decisions || '。'
              WHERE id IN (SELECT meeting_id FROM meeting_projects);",
        )
        .unwrap();
    };
    let killed_push = kill_trials(&sender.path, 20, &mut seed, &edit, 300);
    sender.store = Store::open(&sender.path).unwrap();
    sender.sync();
    assert_eq!(sender.sync().sent, 0, "everything is on the server");

    let receiver_file = server.login("receiver", Role::Secretariat, &[]);
    let mut receiver = Pc::new(Some(&receiver_file));
    drop(receiver.store);
    let killed_pull = kill_trials(&receiver.path, 20, &mut seed, &|_| (), 600);
    receiver.store = Store::open(&receiver.path).unwrap();
    receiver.sync();
    eprintln!("kill trials: push {killed_push}/20 killed, pull {killed_pull}/20 killed");
    same_projects(&sender, &receiver, &["山口", "茨城", "大規模"]);
    assert_eq!(receiver.count("evaluations"), sender.count("evaluations"));
    assert!(
        killed_push + killed_pull > 10,
        "most trials were cut mid-way"
    );
}

/// Each named project reads back the same on both PCs, record for record.
fn same_projects(sender: &Pc, receiver: &Pc, names: &[&str]) {
    for name in names {
        let a = sender.store.resolve_project(name).unwrap().id;
        let b = receiver.store.resolve_project(name).unwrap().id;
        let a = bansou::files::bundle_file::to_bytes(&sender.store.project_bundle(a).unwrap());
        let b = bansou::files::bundle_file::to_bytes(&receiver.store.project_bundle(b).unwrap());
        // The same records, whatever order each PC's ids put them in, and
        // whichever earlier versions each has seen.
        let strip = |bytes: Vec<u8>| {
            let mut v: serde_json::Value = serde_json::from_slice(&bytes).unwrap();
            v["exported_at"] = serde_json::Value::Null;
            for (_, list) in v.as_object_mut().unwrap().iter_mut() {
                if let Some(list) = list.as_array_mut() {
                    for r in list.iter_mut() {
                        r.as_object_mut().unwrap().remove("history");
                        // Link lists and child rows read in each PC's id order.
                        if let Some(d) = r["data"].as_object_mut() {
                            for v in d.values_mut() {
                                if let Some(a) = v.as_array_mut() {
                                    a.sort_by_key(|x| x.to_string());
                                }
                            }
                        }
                    }
                    list.sort_by_key(|r| r["uuid"].as_str().unwrap_or("").to_owned());
                }
            }
            v
        };
        let problems = differences(&strip(a), &strip(b));
        assert!(problems.is_empty(), "{name}: {problems:#?}");
    }
    assert_eq!(receiver.count("evaluations"), sender.count("evaluations"));
}

#[test]
fn the_server_restarted_mid_sync_loses_nothing_and_the_next_sync_finishes() {
    let Some(server) = Server::alone("restart") else {
        return;
    };
    let Ok(cluster) = std::env::var("BANSOU_TEST_PG_DIR") else {
        assert!(
            std::env::var_os("BANSOU_REQUIRE_PG").is_none(),
            "BANSOU_TEST_PG_DIR is not set"
        );
        return;
    };
    let mut sender = Pc::new(Some(&server.login("sender", Role::Secretariat, &[])));
    bansou::demo::load(&mut sender.store).unwrap();
    bansou::bench::large_project(&mut sender.store, 300).unwrap();
    drop(sender.store);
    let script = Path::new(env!("CARGO_MANIFEST_DIR")).join("scripts/pg-cluster.sh");
    let mut failed = 0;
    for wait in [50u64, 150, 400] {
        // Every round has work: every task changes.
        rusqlite::Connection::open(&sender.path)
            .unwrap()
            .execute_batch("UPDATE tasks SET note = note || '再' WHERE project_id IS NOT NULL")
            .unwrap();
        let child = Command::new(env!("CARGO_BIN_EXE_bansou"))
            .args(["--db", sender.path.to_str().unwrap(), "sync"])
            .stdout(std::process::Stdio::null())
            .stderr(std::process::Stdio::piped())
            .spawn()
            .unwrap();
        let restart = std::thread::spawn({
            let script = script.clone();
            let cluster = cluster.clone();
            move || {
                std::thread::sleep(std::time::Duration::from_millis(wait));
                let ok = Command::new(&script)
                    .args(["restart", &cluster])
                    .status()
                    .unwrap();
                assert!(ok.success(), "the cluster restarts");
            }
        });
        let out = child.wait_with_output().unwrap();
        restart.join().unwrap();
        if !out.status.success() {
            failed += 1;
            let said = String::from_utf8_lossy(&out.stderr);
            assert!(
                said.contains("エラー: 共有サーバー"),
                "said in words: {said}"
            );
        }
    }
    eprintln!("server restarts: {failed}/3 syncs cut");
    sender.store = Store::open(&sender.path).unwrap();
    // The server may still be coming up.
    let mut finished = None;
    for _ in 0..50 {
        match sync::sync(&mut sender.store, None) {
            Ok(r) => {
                finished = Some(r);
                break;
            }
            Err(_) => std::thread::sleep(std::time::Duration::from_millis(200)),
        }
    }
    finished.expect("a sync after the restarts finishes");
    assert_eq!(sender.sync().sent, 0, "everything is on the server");
    let mut receiver = Pc::new(Some(&server.login("receiver", Role::Secretariat, &[])));
    receiver.sync();
    same_projects(&sender, &receiver, &["山口", "茨城", "大規模"]);
}

// What the store gives the sync (no server needed).

fn demo() -> (tempfile::TempDir, Store) {
    let dir = tempfile::tempdir().unwrap();
    let mut s = Store::open(&dir.path().join("t.sqlite3")).unwrap();
    bansou::demo::load(&mut s).unwrap();
    (dir, s)
}

#[test]
fn every_record_goes_out_with_its_owners_and_the_program_to_everyone() {
    let (_d, s) = demo();
    let all = s.current_versions().unwrap();
    let projects = all.iter().filter(|c| c.kind == "project").count();
    assert_eq!(projects, 2, "the demo's two teams");
    let mut by_kind = std::collections::BTreeMap::new();
    for c in &all {
        if let Some(o) = s.outgoing(c).unwrap() {
            assert_eq!(o.version, c.version.clone().unwrap());
            assert!(!o.owners.is_empty());
            let v: serde_json::Value = serde_json::from_str(&o.body).unwrap();
            assert_eq!(v["uuid"], o.uuid.as_str());
            by_kind.insert(o.kind, o.owners.clone());
        }
    }
    assert_eq!(by_kind["program"], vec![EVERYONE.to_owned()]);
    let projects: Vec<String> = all
        .iter()
        .filter(|c| c.kind == "project")
        .map(|c| c.uuid.clone())
        .collect();
    // An evaluation of a joint meeting belongs to both teams.
    assert!(by_kind["evaluation"].iter().all(|o| projects.contains(o)));
    assert!(s
        .has_seen(&all[0].uuid, all[0].version.as_deref().unwrap())
        .unwrap());
    assert!(!s.has_seen(&all[0].uuid, "0").unwrap());
}

#[test]
fn a_deleted_task_goes_out_as_its_tombstone_with_the_project_as_owner() {
    let (_d, mut s) = demo();
    let p = s.resolve_project("山口").unwrap();
    let task = s.tasks(p.id, chrono::Local::now().date_naive()).unwrap()[0].clone();
    let before = s.record_uuid("tasks", task.id).unwrap();
    s.delete_task(task.id).unwrap();
    let c = s
        .current_versions()
        .unwrap()
        .into_iter()
        .find(|c| c.uuid == before)
        .expect("the tombstone is listed");
    assert!(c.deleted);
    let o = s.outgoing(&c).unwrap().unwrap();
    assert!(o.deleted && o.version.starts_with("deleted:"));
    let project_uuid = s.record_uuid("projects", p.id).unwrap();
    assert_eq!(o.owners, vec![project_uuid]);
    let t: Tombstone = serde_json::from_str(&o.body).unwrap();
    assert_eq!(t.kind, "task");
}

#[test]
fn the_link_is_kept_and_forgotten() {
    let (_d, mut s) = demo();
    assert_eq!(s.sync_link().unwrap(), None);
    let link = SyncLink {
        url: "postgresql://127.0.0.1:5432/bansou".into(),
        login: "sato".into(),
        role: "伴走支援者".into(),
        cursor: 12,
        projects: vec!["a".into()],
        ..SyncLink::default()
    };
    s.set_sync_link(&link).unwrap();
    assert_eq!(s.sync_link().unwrap(), Some(link));
    s.remove_sync_link().unwrap();
    assert_eq!(s.sync_link().unwrap(), None);
}

/// The cluster's CA (scripts/pg-cluster.sh makes one), and a stranger's.
fn test_ca() -> Option<String> {
    let path = std::env::var("BANSOU_TEST_PG_CA").ok()?;
    Some(std::fs::read_to_string(path).unwrap())
}

fn stranger_ca(dir: &Path) -> String {
    let ok = Command::new("openssl")
        .args([
            "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "1",
        ])
        .args(["-subj", "/CN=stranger CA", "-keyout"])
        .arg(dir.join("k.pem"))
        .arg("-out")
        .arg(dir.join("ca.pem"))
        .output()
        .unwrap()
        .status
        .success();
    assert!(ok);
    std::fs::read_to_string(dir.join("ca.pem")).unwrap()
}

#[test]
fn tls_is_verified_against_the_connection_files_ca() {
    let Some(server) = Server::new("tls") else {
        return;
    };
    let Some(ca) = test_ca() else {
        assert!(
            std::env::var_os("BANSOU_REQUIRE_PG").is_none(),
            "BANSOU_TEST_PG_CA is not set"
        );
        return;
    };
    // The same server by name, so its certificate (for "localhost") is checked.
    let url = server.url.replace("127.0.0.1", "localhost");
    let mut file = sync::user_add(
        &url,
        Some(&ca),
        &format!("{}_tls", server.name),
        Role::Secretariat,
        &[],
        None,
    )
    .unwrap();
    assert_eq!(
        file.ca.as_deref(),
        Some(ca.as_str()),
        "the file carries the CA"
    );
    let mut pc = Pc::new(Some(&file));
    bansou::demo::load(&mut pc.store).unwrap();
    assert!(pc.sync().sent > 200);
    // A CA that did not sign the server's certificate is refused: the
    // session above was TLS, verified.
    let dir = tempfile::tempdir().unwrap();
    file.ca = Some(stranger_ca(dir.path()));
    let e = sync::connect(&mut pc.store, &file).err().unwrap();
    assert!(matches!(e, sync::Error::Certificate), "{e}");
    assert!(e.to_string().contains("証明書"), "{e}");
}

#[test]
fn a_record_from_the_server_is_checked_as_a_files_would_be() {
    let Some(server) = Server::new("hostile") else {
        return;
    };
    let (_sec, _, mut team, _) = three_pcs(&server);
    team.sync();
    let tasks = team.count("tasks");
    let mut admin = server.sql();
    // A task with a date that does not exist, put straight into the server.
    let row = admin
        .query_one(
            "SELECT body, owners FROM bansou.records WHERE kind = 'task' AND NOT deleted LIMIT 1",
            &[],
        )
        .unwrap();
    let mut body: serde_json::Value = serde_json::from_str(&row.get::<_, String>(0)).unwrap();
    let uuid = uuid::Uuid::new_v4().to_string();
    body["uuid"] = uuid.clone().into();
    body["version"] = "0123456789abcdef0123456789abcdef".into();
    body["data"]["due_date"] = "2024-02-30".into();
    let owners: Vec<String> = row.get(1);
    admin
        .execute(
            "INSERT INTO bansou.records (uuid, kind, owners, version, body) VALUES ($1, 'task', $2, $3, $4)",
            &[&uuid, &owners, &"0123456789abcdef0123456789abcdef", &body.to_string()],
        )
        .unwrap();
    // A change of the team's own meanwhile still goes out.
    let p = yamaguchi(&team.store);
    retitle_first_task(&mut team.store, p, "チームの変更");
    let r = team.sync();
    assert_eq!(r.refused.len(), 1, "{r:?}");
    assert!(
        r.refused[0].contains("2024-02-30") || r.refused[0].contains("日付"),
        "{r:?}"
    );
    assert_eq!(r.sent, 1, "the push went on: {r:?}");
    assert_eq!(
        team.count("tasks"),
        tasks,
        "nothing of the refused project was written"
    );
    // Put right on the server, the next sync takes it in.
    body["data"]["due_date"] = "2024-02-28".into();
    body["version"] = "fedcba9876543210fedcba9876543210".into();
    admin
        .execute(
            "UPDATE bansou.records SET body = $2, version = 'fedcba9876543210fedcba9876543210' WHERE uuid = $1",
            &[&uuid, &body.to_string()],
        )
        .unwrap();
    let r = team.sync();
    assert!(r.refused.is_empty(), "{r:?}");
    assert_eq!(team.count("tasks"), tasks + 1);
}
