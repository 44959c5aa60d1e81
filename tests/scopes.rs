//! 受け取るものを疑う: a file can change only what its kind and its sender own
//! (docs/EXCHANGE.md, "What a file may change"), and everything a user can
//! be handed — a bundle, a backup — is checked before anything is written.
//! Each database is a real SQLite file; "nothing changed" compares every row.

mod common;

use bansou::files::bundle_file;
use bansou::model::evaluation::EvaluationInput;
use bansou::store::bundle::{Bundle, Choice, Choices};
use bansou::{demo, Store};
use common::{dump, store};
use serde_json::{json, Value};

fn through_file(b: &Bundle) -> Bundle {
    bundle_file::parse(&bundle_file::to_bytes(b)).expect("a bundle we wrote reads back")
}

fn edited(b: &Bundle, f: impl FnOnce(&mut Value)) -> Result<Bundle, bansou::Error> {
    let mut v = serde_json::to_value(b).unwrap();
    f(&mut v);
    bundle_file::parse(&serde_json::to_vec(&v).unwrap())
}

/// Every message of an error, for matching.
fn said(e: &bansou::Error) -> String {
    let mut out = e.to_string();
    for f in e.fields() {
        out.push(' ');
        out.push_str(&f.message);
    }
    out
}

fn demo_pc() -> Pc {
    let (dir, path, mut s) = store();
    demo::load(&mut s).unwrap();
    (dir, path, s)
}

/// The team's meeting, a supporter's PC that received its request and wrote
/// a 自己評価, and the response it sends back.
/// A PC: its folder (kept while the test runs), database file and store.
type Pc = (tempfile::TempDir, std::path::PathBuf, Store);

fn round_trip() -> (Pc, Pc, i64, Bundle) {
    let (a, pa, mut team) = demo_pc();
    let y = team.resolve_project("山口").unwrap().id;
    let meeting = team.meetings(y, &Default::default()).unwrap()[2].clone();
    let request = through_file(&team.evaluation_request(meeting.id, y).unwrap());
    let (b, pb, mut supporter) = store();
    supporter
        .import_bundle(&request, &Choices::default())
        .unwrap();
    let ys = supporter.resolve_project("山口").unwrap().id;
    let here = supporter.meetings(ys, &Default::default()).unwrap()[0].clone();
    let me = supporter
        .members(ys)
        .unwrap()
        .into_iter()
        .find(|m| m.role.label() == "伴走支援者")
        .unwrap();
    // The answer brings this supporter's 自己評価 of the meeting: the demo's
    // copy of it at the team is taken out first (one per person, meeting and
    // kind; a second one would be asked about, not added).
    for e in team.meeting_evaluations(meeting.id).unwrap() {
        if e.evaluator == me.name && e.kind.label() == "自己評価" {
            team.delete_evaluation(e.id).unwrap();
        }
    }
    supporter
        .create_evaluation(&EvaluationInput {
            meeting_id: here.id,
            kind: "自己評価".into(),
            evaluator_id: Some(me.id),
            written_on: meeting.held_on.to_string(),
            scores: vec![Some(3), Some(3), Some(2), Some(2)],
            comments: vec!["".into(), "".into(), "情報提供が多すぎた".into(), "".into()],
        })
        .unwrap();
    let answer = through_file(&supporter.evaluation_response(here.id, ys).unwrap());
    ((a, pa, team), (b, pb, supporter), meeting.id, answer)
}

#[test]
fn a_response_that_also_deletes_the_project_or_its_members_is_refused_whole() {
    let ((_a, pa, mut team), _, _, answer) = round_trip();
    let before = dump(&pa);
    let project = answer.project.clone();
    let member = answer.records::<bansou::store::record::Members>().unwrap()[0]
        .uuid
        .clone();
    for (what, uuid, kind) in [
        ("project", project, "project"),
        ("member", member, "member"),
    ] {
        let hostile = edited(&answer, |v| {
            v["tombstones"] = json!([{ "uuid": uuid, "kind": kind, "version": null,
                "history": [], "deleted_at": "2024-12-09T10:00:00+09:00" }]);
        })
        .unwrap();
        let e = team.preview_import(&hostile).unwrap_err();
        assert!(
            said(&e).contains("評価回答では取り込めません"),
            "{what}: {}",
            said(&e)
        );
        let e = team
            .import_bundle(
                &hostile,
                &Choices {
                    all: Some(Choice::Take),
                    ..Default::default()
                },
            )
            .unwrap_err();
        assert!(
            said(&e).contains("何も取り込みませんでした"),
            "{what}: {}",
            said(&e)
        );
        assert_eq!(dump(&pa), before, "{what}: the team's database changed");
    }
}

#[test]
fn a_response_cannot_rename_the_project_rewrite_the_meeting_or_add_strangers() {
    let ((_a, _pa, mut team), _, meeting, answer) = round_trip();
    let y = team.resolve_project("山口").unwrap();
    let m = team.meeting(meeting).unwrap();
    // Renaming and rewriting come along with a genuine answer: the answer is
    // taken, the team's project and meeting stay as the team has them.
    let renamed = edited(&answer, |v| {
        v["projects"][0]["data"]["name"] = "乗っ取られた事業".into();
        v["projects"][0]["version"] = "ffffffffffffffffffffffffffffffff".into();
        v["meetings"][0]["data"]["title"] = "書き換えた会議".into();
        v["meetings"][0]["data"]["minutes"] = "書き換えた議事録".into();
        v["meetings"][0]["version"] = "eeeeeeeeeeeeeeeeeeeeeeeeeeeeeeee".into();
    })
    .unwrap();
    let summary = team.import_bundle(&renamed, &Choices::default()).unwrap();
    assert_eq!(
        (summary.added, summary.updated),
        (1, 0),
        "{}",
        summary.sentence
    );
    assert_eq!(team.resolve_project("山口").unwrap().name, y.name);
    let after = team.meeting(meeting).unwrap();
    assert_eq!((after.title, after.minutes), (m.title, m.minutes));

    // An evaluation of another meeting, or by someone the team never asked.
    let other_meeting = team.meetings(y.id, &Default::default()).unwrap()[0].clone();
    let other_uuid = team.record_uuid("meetings", other_meeting.id).unwrap();
    let (_c, pc, mut fresh_team) = demo_pc();
    let _ = &mut fresh_team;
    let e = edited(&answer, |v| {
        v["evaluations"][0]["data"]["meeting"] = other_uuid.clone().into();
    })
    .and_then(|b| team.import_bundle(&b, &Choices::default()))
    .unwrap_err();
    assert!(
        said(&e).contains("評価回答の会議の評価ではありません"),
        "{}",
        said(&e)
    );
    let e = edited(&answer, |v| {
        v["evaluations"][0]["data"]["evaluator"] = Value::Null;
    })
    .and_then(|b| team.import_bundle(&b, &Choices::default()))
    .unwrap_err();
    assert!(said(&e).contains("評価者のない評価"), "{}", said(&e));
    let _ = pc;
}

#[test]
fn a_request_cannot_put_a_read_only_meeting_into_the_receivers_own_project() {
    let (_a, pa, mut team) = demo_pc();
    let y = team.resolve_project("山口").unwrap().id;
    let meeting = team.meetings(y, &Default::default()).unwrap()[1].clone();
    let request = through_file(&team.evaluation_request(meeting.id, y).unwrap());
    let before = dump(&pa);
    // Its own meeting, sent back to itself.
    let e = team
        .import_bundle(&request, &Choices::default())
        .unwrap_err();
    assert!(
        said(&e).contains("このパソコンで記録している"),
        "{}",
        said(&e)
    );
    // A new meeting of its own project, made on another PC that has a copy.
    let (_b, _pb, mut copy) = store();
    copy.import_bundle(
        &through_file(&team.project_bundle(y).unwrap()),
        &Choices::default(),
    )
    .unwrap();
    let yc = copy.resolve_project("山口").unwrap().id;
    let m = copy
        .create_meeting(&bansou::model::meeting::MeetingInput {
            kind: "臨時会議".into(),
            held_on: "2024-12-20".into(),
            format: "オンライン".into(),
            project_ids: vec![yc],
            ..Default::default()
        })
        .unwrap();
    let request = through_file(&copy.evaluation_request(m.id, yc).unwrap());
    let e = team
        .import_bundle(&request, &Choices::default())
        .unwrap_err();
    assert!(
        said(&e).contains("評価依頼の会議をこの事業に加えることはできません"),
        "{}",
        said(&e)
    );
    assert_eq!(dump(&pa), before);
}

#[test]
fn one_teams_bundle_cannot_add_to_or_delete_from_another_teams_project() {
    let (_a, _pa, team) = demo_pc();
    let y = team.resolve_project("山口").unwrap().id;
    let i = team.resolve_project("茨城").unwrap().id;
    let ibaraki = team.record_uuid("projects", i).unwrap();
    let yb = through_file(&team.project_bundle(y).unwrap());
    let ib = through_file(&team.project_bundle(i).unwrap());

    let (_s, ps, mut office) = store();
    office.import_bundle(&yb, &Choices::default()).unwrap();
    office.import_bundle(&ib, &Choices::default()).unwrap();
    let before = dump(&ps);

    // A task for 茨城 slipped into 山口's file.
    let e = edited(&yb, |v| {
        let mut task = v["tasks"][0].clone();
        task["uuid"] = "0b7e6f3c-1a2b-4c3d-8e9f-0a1b2c3d4e5f".into();
        task["data"]["project"] = ibaraki.clone().into();
        v["tasks"].as_array_mut().unwrap().push(task);
    })
    .and_then(|b| office.import_bundle(&b, &Choices::default()))
    .unwrap_err();
    assert!(
        said(&e).contains("このファイルの事業の記録ではありません"),
        "{}",
        said(&e)
    );
    // 茨城's member deleted through 山口's file.
    let member = office
        .members(office.resolve_project("茨城").unwrap().id)
        .unwrap()[0]
        .id;
    let member_uuid = office.record_uuid("members", member).unwrap();
    let e = edited(&yb, |v| {
        v["tombstones"] = json!([{ "uuid": member_uuid, "kind": "member", "version": null,
            "history": [], "deleted_at": "2024-12-09T10:00:00+09:00", "owners": [] }]);
    })
    .and_then(|b| {
        office.import_bundle(
            &b,
            &Choices {
                all: Some(Choice::Take),
                ..Default::default()
            },
        )
    })
    .unwrap_err();
    assert!(said(&e).contains("別の事業の記録です"), "{}", said(&e));
    // 茨城's project renamed through 山口's file: 茨城 is only named there.
    let renamed = edited(&yb, |v| {
        for p in v["projects"].as_array_mut().unwrap() {
            if p["uuid"] == ibaraki.as_str() {
                p["data"]["name"] = "別の名前".into();
                p["version"] = "dddddddddddddddddddddddddddddddd".into();
            }
        }
    })
    .unwrap();
    office.import_bundle(&renamed, &Choices::default()).unwrap();
    assert_eq!(dump(&ps), before, "山口's file changed 茨城");
}

#[test]
fn clearing_away_a_copy_of_a_partner_team_makes_no_tombstone_that_travels() {
    let (_a, _pa, team) = demo_pc();
    let y = team.resolve_project("山口").unwrap().id;
    let i = team.resolve_project("茨城").unwrap().id;
    let yb = through_file(&team.project_bundle(y).unwrap());
    let ib = through_file(&team.project_bundle(i).unwrap());

    // A PC that got 山口 (and, with its joint meetings, a copy of 茨城).
    let (_t, _pt, mut other) = store();
    other.import_bundle(&yb, &Choices::default()).unwrap();
    let copy = other.resolve_project("茨城").unwrap();
    other.archive_project(copy.id).unwrap();
    other.delete_project(copy.id).unwrap();
    let again = through_file(
        &other
            .project_bundle(other.resolve_project("山口").unwrap().id)
            .unwrap(),
    );
    assert!(again.tombstones.is_empty(), "{:?}", again.tombstones);

    // At the secretariat, 茨城 keeps every member and evaluation.
    let (_s, ps, mut office) = store();
    office.import_bundle(&yb, &Choices::default()).unwrap();
    office.import_bundle(&ib, &Choices::default()).unwrap();
    let kept = |path: &std::path::Path| -> (i64, i64, i64) {
        let c = rusqlite::Connection::open(path).unwrap();
        let n = |sql: &str| c.query_row(sql, [], |r| r.get(0)).unwrap();
        (
            n("SELECT count(*) FROM members WHERE project_id = (SELECT id FROM projects WHERE prefecture = '茨城県')"),
            n("SELECT count(*) FROM evaluations"),
            n("SELECT count(*) FROM meetings"),
        )
    };
    let before = kept(&ps);
    let s = office.import_bundle(&again, &Choices::default()).unwrap();
    assert_eq!(s.deleted, 0, "{}", s.sentence);
    assert!(s.deletions.is_empty());
    assert_eq!(kept(&ps), before);
}

#[test]
fn the_preview_names_every_deletion_and_what_goes_with_it() {
    let (_a, _pa, mut team) = demo_pc();
    let y = team.resolve_project("山口").unwrap().id;
    let (_b, _pb, mut other) = store();
    other
        .import_bundle(
            &through_file(&team.project_bundle(y).unwrap()),
            &Choices::default(),
        )
        .unwrap();
    let task = team.tasks(y, "2024-12-20".parse().unwrap()).unwrap()[0].clone();
    team.delete_task(task.id).unwrap();
    let s = other
        .preview_import(&through_file(&team.project_bundle(y).unwrap()))
        .unwrap();
    assert_eq!(s.deleted, 1);
    assert_eq!(s.deletions.len(), 1);
    assert_eq!(s.deletions[0].what, "タスク");
    assert!(
        s.deletions[0].name.contains(&task.title),
        "{:?}",
        s.deletions
    );
}

#[test]
fn a_backup_that_is_not_exactly_ours_is_refused_and_nothing_changes() {
    let (dir, pa, team) = demo_pc();
    let before = dump(&pa);
    let empty = dir.path().join("空.sqlite3");
    std::fs::write(&empty, b"").unwrap();
    let foreign = dir.path().join("よその.sqlite3");
    {
        let c = rusqlite::Connection::open(&foreign).unwrap();
        c.execute_batch("CREATE TABLE notes (body TEXT); PRAGMA user_version = 2;")
            .unwrap();
    }
    let tampered = dir.path().join("細工.sqlite3");
    team.backup_to(&tampered).unwrap();
    {
        let c = rusqlite::Connection::open(&tampered).unwrap();
        c.execute_batch("CREATE TRIGGER wipe AFTER INSERT ON tasks BEGIN DELETE FROM issues; END;")
            .unwrap();
    }
    let truncated = dir.path().join("途中.sqlite3");
    team.backup_to(&dir.path().join("whole.sqlite3")).unwrap();
    let whole = std::fs::read(dir.path().join("whole.sqlite3")).unwrap();
    std::fs::write(&truncated, &whole[..whole.len() / 2]).unwrap();

    let mut team = team;
    for (file, expect) in [
        (&empty, "空のファイル"),
        (&foreign, "伴走ノートのデータベースではない"),
        (&tampered, "余分なトリガー「wipe」"),
        (&truncated, "壊れ"),
    ] {
        let e = team.restore(file).map(|_| ()).unwrap_err();
        assert!(
            said(&e).contains(expect),
            "{}: {}",
            file.display(),
            said(&e)
        );
        team = Store::open(&pa).unwrap();
        assert_eq!(dump(&pa), before, "{} changed the database", file.display());
    }
    // An older version's database of ours still restores (and is migrated).
    let old = dir.path().join("v10.sqlite3");
    std::fs::copy(
        concat!(
            env!("CARGO_MANIFEST_DIR"),
            "/tests/fixtures/demo-v10.sqlite3"
        ),
        &old,
    )
    .unwrap();
    let restored = team.restore(&old).unwrap();
    assert!(!restored.projects().unwrap().is_empty());
}

#[test]
fn a_damaged_database_can_still_take_a_backup_back() {
    let (dir, pa, team) = demo_pc();
    let backup = team
        .backup_now(bansou::store::backup::Reason::Manual)
        .unwrap();
    let projects = team.projects().unwrap().len();
    drop(team);
    std::fs::write(
        &pa,
        b"garbage that is not a database at all, but the user's file",
    )
    .unwrap();
    assert!(Store::open(&pa).is_err());
    let store =
        bansou::store::backup::restore_unopened(&pa, std::path::Path::new(&backup.path)).unwrap();
    assert_eq!(store.projects().unwrap().len(), projects);
    // The unreadable file was kept, not thrown away.
    let kept = std::fs::read_dir(dir.path().join("backups"))
        .unwrap()
        .filter_map(|e| std::fs::read(e.unwrap().path()).ok())
        .any(|b| b.starts_with(b"garbage"));
    assert!(kept);
}

#[test]
fn text_arrives_trimmed_and_control_characters_are_refused() {
    let (_a, _pa, team) = demo_pc();
    let y = team.resolve_project("山口").unwrap().id;
    let b = through_file(&team.project_bundle(y).unwrap());
    let padded = edited(&b, |v| {
        v["projects"][0]["data"]["name"] = format!("{}山口の事業  ", "\n".repeat(8000)).into();
    })
    .unwrap();
    let name = padded.records::<bansou::store::record::Projects>().unwrap()[0]
        .data
        .name
        .clone();
    assert_eq!(name, "山口の事業");
    let e = edited(&b, |v| {
        v["members"][0]["data"]["name"] = "\u{1b}]0;title\u{7}野口".into();
    })
    .unwrap_err();
    assert!(said(&e).contains("制御文字（U+001B）"), "{}", said(&e));
}

#[test]
fn a_trailing_space_does_not_make_a_second_project_of_the_same_name() {
    let (_a, _pa, team) = demo_pc();
    let y = team.resolve_project("山口").unwrap().id;
    let name = team.project(y).unwrap().name;
    let (_b, _pb, mut other) = demo_pc();
    let e = edited(&team.project_bundle(y).unwrap(), |v| {
        v["projects"][0]["data"]["name"] = format!("{name} ").into();
    })
    .and_then(|b| other.import_bundle(&b, &Choices::default()))
    .unwrap_err();
    assert!(said(&e).contains("同じ名前の事業"), "{}", said(&e));
}

#[test]
fn a_bundle_dated_in_the_future_does_not_pin_the_dashboard() {
    let (_a, _pa, team) = demo_pc();
    let y = team.resolve_project("山口").unwrap().id;
    let (_b, _pb, mut office) = store();
    let future = edited(&team.project_bundle(y).unwrap(), |v| {
        v["exported_at"] = "2099-01-01T00:00:00+09:00".into();
    })
    .unwrap();
    office.import_bundle(&future, &Choices::default()).unwrap();
    let made: String = rusqlite::Connection::open(office.path())
        .unwrap()
        .query_row(
            "SELECT bundle_imported_at FROM projects WHERE uuid = ?1",
            [&future.project],
            |r| r.get(0),
        )
        .unwrap();
    assert!(made.as_str() < "2099", "{made}");
}

#[test]
fn a_backup_named_in_the_future_is_pruned_like_any_other() {
    let (dir, _pa, mut s) = store();
    s.set_backup_keep(2).unwrap();
    let first = s.backup_now(bansou::store::backup::Reason::Manual).unwrap();
    // A copy whose name says 2099 but which was written long ago.
    let odd = dir
        .path()
        .join("backups")
        .join("bansou.sqlite3.manual-20990101-000000.sqlite3");
    std::fs::rename(&first.path, &odd).unwrap();
    let old = std::time::SystemTime::now() - std::time::Duration::from_secs(86_400 * 30);
    std::fs::File::options()
        .write(true)
        .open(&odd)
        .unwrap()
        .set_modified(old)
        .unwrap();
    for _ in 0..3 {
        std::thread::sleep(std::time::Duration::from_millis(1100));
        s.backup_now(bansou::store::backup::Reason::Manual).unwrap();
    }
    assert!(!odd.exists(), "the future-dated copy was never pruned");
    assert_eq!(s.backups().unwrap().len(), 2);
}

mod scopes_under_mutation {
    //! Bundles mutated across kinds and scopes, not only values: records of
    //! the other team slipped in, records moved to the other team, tombstones
    //! of the other team's records, the file's kind or meeting changed. Each
    //! is imported at a secretariat that holds both teams, with every
    //! conflict answered 「相手を採用」; nothing outside the file's scope may
    //! change, whether the import is refused or taken.
    use super::*;
    use proptest::prelude::*;

    fn cases() -> u32 {
        std::env::var("BANSOU_FUZZ_CASES")
            .ok()
            .and_then(|v| v.parse().ok())
            .unwrap_or(24)
    }

    struct Setup {
        _dir: tempfile::TempDir,
        office: std::path::PathBuf,
        yamaguchi: Value,
        ibaraki: Value,
    }

    /// Rows this PC keeps that a file in `scope` may not touch, as text.
    fn protected(path: &std::path::Path, scope: &Scope) -> Vec<String> {
        let c = rusqlite::Connection::open(path).unwrap();
        let rows = |sql: &str| -> Vec<String> {
            let mut st = c.prepare(sql).unwrap();
            let n = st.column_count();
            st.query_map([], |r| {
                Ok((0..n)
                    .map(|i| format!("{:?}", r.get_ref(i).unwrap()))
                    .collect::<Vec<_>>()
                    .join("|"))
            })
            .unwrap()
            .map(Result::unwrap)
            .collect()
        };
        match scope {
            // Everything of 茨城 alone: its project row and what hangs under it.
            Scope::Project => {
                let i =
                    "(SELECT id FROM projects WHERE name LIKE '%茨城%' OR prefecture = '茨城県')";
                let only = format!(
                    "(SELECT meeting_id FROM meeting_projects GROUP BY meeting_id
                      HAVING count(*) = 1 AND max(project_id) IN {i})"
                );
                let mut out = Vec::new();
                for t in [
                    "members",
                    "checklist_items",
                    "stakeholders",
                    "strength_items",
                    "strength_sessions",
                    "tasks",
                    "plan_steps",
                    "issues",
                    "surveys",
                ] {
                    out.extend(rows(&format!(
                        "SELECT * FROM {t} WHERE project_id IN {i} ORDER BY id"
                    )));
                }
                out.extend(rows(&format!(
                    "SELECT id, name, program_id, prefecture, profession, theme, target, start_date,
                            end_date, goal, phase, uuid, version, strength_scale
                     FROM projects WHERE id IN {i}"
                )));
                out.extend(rows(&format!(
                    "SELECT * FROM meetings WHERE id IN {only} ORDER BY id"
                )));
                out.extend(rows(&format!(
                    "SELECT e.*, i.item, i.score, i.comment FROM evaluations e
                     JOIN evaluation_items i ON i.evaluation_id = e.id
                     WHERE e.meeting_id IN {only} ORDER BY e.id, i.item"
                )));
                out.extend(rows(&format!(
                    "SELECT * FROM contact_log WHERE stakeholder_id IN
                       (SELECT id FROM stakeholders WHERE project_id IN {i}) ORDER BY id"
                )));
                out.extend(rows(&format!(
                    "SELECT * FROM checklist_history WHERE item_id IN
                       (SELECT id FROM checklist_items WHERE project_id IN {i}) ORDER BY id"
                )));
                out
            }
            // Everything but the evaluations of the meeting the response names.
            Scope::Response(meeting) => {
                let mut out = dump(path);
                out.retain(|t| {
                    !t.starts_with("evaluation")
                        && !t.starts_with("record_versions")
                        && !t.starts_with("tombstone")
                });
                out.extend(rows(&format!(
                    "SELECT e.* FROM evaluations e JOIN meetings m ON m.id = e.meeting_id
                     WHERE m.uuid <> '{meeting}' ORDER BY e.id"
                )));
                out
            }
        }
    }

    #[derive(Debug, Clone)]
    enum Scope {
        Project,
        Response(String),
    }

    #[derive(Debug, Clone)]
    enum Mutation {
        /// A record of 茨城's file slipped into the same list of 山口's.
        Foreign(prop::sample::Index, prop::sample::Index),
        /// A record of 山口's file said to be 茨城's.
        Reown(prop::sample::Index),
        /// A tombstone of one of 茨城's records, said to be 山口's (or nobody's).
        Tombstone(prop::sample::Index, prop::sample::Index, bool),
        /// An evaluation moved to one of 茨城's own meetings.
        Evaluation(prop::sample::Index, prop::sample::Index),
        /// A meeting said to be 茨城's alone.
        Meeting(prop::sample::Index),
        /// The file made a 評価回答 for one of 茨城's meetings.
        Response(prop::sample::Index),
    }

    fn mutation() -> impl Strategy<Value = Mutation> {
        prop_oneof![
            (any::<prop::sample::Index>(), any::<prop::sample::Index>())
                .prop_map(|(a, b)| Mutation::Foreign(a, b)),
            any::<prop::sample::Index>().prop_map(Mutation::Reown),
            (
                any::<prop::sample::Index>(),
                any::<prop::sample::Index>(),
                any::<bool>()
            )
                .prop_map(|(a, b, c)| Mutation::Tombstone(a, b, c)),
            (any::<prop::sample::Index>(), any::<prop::sample::Index>())
                .prop_map(|(a, b)| Mutation::Evaluation(a, b)),
            any::<prop::sample::Index>().prop_map(Mutation::Meeting),
            any::<prop::sample::Index>().prop_map(Mutation::Response),
        ]
    }

    const LISTS: [&str; 12] = [
        "members",
        "stakeholders",
        "contact_log",
        "checklist_items",
        "checklist_history",
        "strength_items",
        "strength_sessions",
        "meetings",
        "tasks",
        "plan_steps",
        "evaluations",
        "issues",
    ];

    fn ibaraki_meetings(s: &Setup) -> Vec<String> {
        let i = s.ibaraki["project"].as_str().unwrap();
        s.ibaraki["meetings"]
            .as_array()
            .unwrap()
            .iter()
            .filter(|m| {
                m["data"]["projects"].as_array().unwrap().len() == 1
                    && m["data"]["projects"][0] == i
            })
            .map(|m| m["uuid"].as_str().unwrap().to_owned())
            .collect()
    }

    fn apply(s: &Setup, v: &mut Value, m: &Mutation, scope: &mut Scope) {
        let ibaraki = s.ibaraki["project"].as_str().unwrap().to_owned();
        match m {
            Mutation::Foreign(list, at) => {
                let list = LISTS[list.index(LISTS.len())];
                if let Some(recs) = s.ibaraki[list].as_array().filter(|r| !r.is_empty()) {
                    let r = recs[at.index(recs.len())].clone();
                    v[list].as_array_mut().unwrap().push(r);
                }
            }
            Mutation::Reown(at) => {
                let owned: Vec<(&str, usize)> = LISTS
                    .iter()
                    .flat_map(|l| {
                        let n = v[*l].as_array().map_or(0, Vec::len);
                        (0..n).map(move |i| (*l, i))
                    })
                    .filter(|(l, i)| v[*l][*i]["data"].get("project").is_some())
                    .collect();
                if !owned.is_empty() {
                    let (l, i) = owned[at.index(owned.len())];
                    v[l][i]["data"]["project"] = ibaraki.into();
                }
            }
            Mutation::Tombstone(list, at, claim) => {
                let list = LISTS[list.index(LISTS.len())];
                if let Some(recs) = s.ibaraki[list].as_array().filter(|r| !r.is_empty()) {
                    let r = &recs[at.index(recs.len())];
                    let kind = match list {
                        "contact_log" => "contact",
                        "checklist_history" => "checklist_change",
                        l => l.trim_end_matches('s'),
                    };
                    let owners = if *claim {
                        json!([v["project"].clone()])
                    } else {
                        json!([])
                    };
                    v["tombstones"].as_array_mut().unwrap().push(json!({
                        "uuid": r["uuid"], "kind": kind, "version": r["version"],
                        "history": r["history"], "deleted_at": "2024-12-20T10:00:00+09:00",
                        "owners": owners
                    }));
                }
            }
            Mutation::Evaluation(at, to) => {
                let theirs = ibaraki_meetings(s);
                let n = v["evaluations"].as_array().map_or(0, Vec::len);
                if n > 0 && !theirs.is_empty() {
                    v["evaluations"][at.index(n)]["data"]["meeting"] =
                        theirs[to.index(theirs.len())].clone().into();
                }
            }
            Mutation::Meeting(at) => {
                let n = v["meetings"].as_array().map_or(0, Vec::len);
                if n > 0 {
                    v["meetings"][at.index(n)]["data"]["projects"] = json!([ibaraki]);
                }
            }
            Mutation::Response(at) => {
                let theirs = ibaraki_meetings(s);
                if !theirs.is_empty() {
                    let m = theirs[at.index(theirs.len())].clone();
                    v["kind"] = "evaluation-response".into();
                    v["meeting"] = m.clone().into();
                    *scope = Scope::Response(m);
                }
            }
        }
    }

    thread_local! {
        static SETUP: std::cell::RefCell<Option<Setup>> = const { std::cell::RefCell::new(None) };
    }

    proptest! {
        #![proptest_config(ProptestConfig { cases: cases(), ..ProptestConfig::default() })]

        #[test]
        fn nothing_outside_a_files_scope_changes(muts in prop::collection::vec(mutation(), 1..4)) {
            SETUP.with(|cell| {
                let mut cell = cell.borrow_mut();
                let s = cell.get_or_insert_with(|| {
                    let (dir, _pa, team) = demo_pc();
                    let y = team.resolve_project("山口").unwrap().id;
                    let i = team.resolve_project("茨城").unwrap().id;
                    let yb = team.project_bundle(y).unwrap();
                    let ib = team.project_bundle(i).unwrap();
                    let office = dir.path().join("office.sqlite3");
                    let mut o = Store::open(&office).unwrap();
                    o.import_bundle(&yb, &Choices::default()).unwrap();
                    o.import_bundle(&ib, &Choices::default()).unwrap();
                    drop(o);
                    Setup {
                        _dir: dir,
                        office,
                        yamaguchi: serde_json::to_value(&yb).unwrap(),
                        ibaraki: serde_json::to_value(&ib).unwrap(),
                    }
                });
                let work = s.office.with_file_name("work.sqlite3");
                for suffix in ["", "-wal", "-shm"] {
                    let _ = std::fs::remove_file(format!("{}{suffix}", work.display()));
                }
                std::fs::copy(&s.office, &work).unwrap();
                let mut v = s.yamaguchi.clone();
                let mut scope = Scope::Project;
                for m in &muts {
                    apply(s, &mut v, m, &mut scope);
                }
                let before = protected(&work, &scope);
                let mut store = Store::open(&work).unwrap();
                let result = bundle_file::parse(&serde_json::to_vec(&v).unwrap()).and_then(|b| {
                    store.import_bundle(&b, &Choices { all: Some(Choice::Take), ..Default::default() })
                });
                drop(store);
                prop_assert_eq!(protected(&work, &scope), before, "{:?} → {:?}", muts, result.map(|r| r.sentence));
                Ok(())
            })?;
        }
    }
}
