//! 何も失わない: deletes archive first, members with records retire, a write
//! that fails half-way leaves nothing, backups are made and restored.

mod common;

use bansou::model::checklist::ItemUpdateInput;
use bansou::model::evaluation::{EvaluationFilter, EvaluationInput};
use bansou::model::meeting::MeetingInput;
use bansou::model::member::MemberRemoval;
use bansou::store::backup::{self, Reason};
use bansou::{demo, Store};
use common::{member_input, project_input, store};
use rusqlite::Connection;
use std::path::Path;

fn count(path: &Path, sql: &str) -> i64 {
    Connection::open(path)
        .unwrap()
        .query_row(sql, [], |r| r.get(0))
        .unwrap()
}

/// Makes the next write that reaches `table` fail inside the database, the
/// way a full disk or a bug half-way through a form would.
fn fail_on_insert(path: &Path, table: &str, when: &str) {
    Connection::open(path)
        .unwrap()
        .execute_batch(&format!(
            "CREATE TRIGGER inject_failure AFTER INSERT ON {table} WHEN {when}
             BEGIN SELECT RAISE(ABORT, 'injected failure'); END;"
        ))
        .unwrap();
}

fn heal(path: &Path) {
    Connection::open(path)
        .unwrap()
        .execute_batch("DROP TRIGGER inject_failure;")
        .unwrap();
}

fn meeting(project: i64, on: &str) -> MeetingInput {
    MeetingInput {
        kind: "チーム会議".into(),
        held_on: on.into(),
        format: "オンライン".into(),
        project_ids: vec![project],
        decisions: "資料を送る".into(),
        ..Default::default()
    }
}

#[test]
fn a_meeting_write_that_fails_after_its_first_statement_leaves_nothing() {
    let (_d, path, mut s) = store();
    let p = s.create_project(&project_input("事業")).unwrap();
    let m = s
        .add_member(p.id, &member_input("田中", "リーダー"))
        .unwrap();
    let before = count(&path, "SELECT count(*) FROM meetings");
    fail_on_insert(&path, "meeting_projects", "1");
    let mut input = meeting(p.id, "2024-07-16");
    input.participant_ids = vec![m.id];
    assert!(s.create_meeting(&input).is_err());
    assert_eq!(count(&path, "SELECT count(*) FROM meetings"), before);
    assert_eq!(count(&path, "SELECT count(*) FROM meeting_participants"), 0);
    heal(&path);
    assert!(s.create_meeting(&input).is_ok(), "the store works again");
}

#[test]
fn an_evaluation_write_that_fails_on_its_second_item_leaves_no_evaluation() {
    let (_d, path, mut s) = store();
    let p = s.create_project(&project_input("事業")).unwrap();
    let m = s.create_meeting(&meeting(p.id, "2024-07-16")).unwrap();
    fail_on_insert(&path, "evaluation_items", "NEW.item = 'B'");
    let e = s.create_evaluation(&EvaluationInput {
        meeting_id: m.id,
        kind: "他者評価".into(),
        evaluator_id: None,
        written_on: "2024-07-20".into(),
        scores: vec![Some(4); 4],
        comments: vec![String::new(); 4],
    });
    assert!(e.is_err());
    assert_eq!(count(&path, "SELECT count(*) FROM evaluations"), 0);
    assert_eq!(count(&path, "SELECT count(*) FROM evaluation_items"), 0);
}

#[test]
fn a_checklist_change_that_fails_on_its_history_keeps_the_old_status() {
    let (_d, path, mut s) = store();
    let p = s.create_project(&project_input("事業")).unwrap();
    let today = "2024-07-16".parse().unwrap();
    let item = s.checklist(p.id, today).unwrap().items[0].clone();
    fail_on_insert(&path, "checklist_history", "1");
    let input = ItemUpdateInput {
        status: "完了".into(),
        note: "理事会で承認".into(),
        changed_by: "田中".into(),
        changed_on: "2024-07-16".into(),
        ..Default::default()
    };
    assert!(s.update_checklist_item(item.id, &input, today).is_err());
    let after = s.checklist_item(item.id, today).unwrap();
    assert_eq!(after.status.label(), "未着手");
    assert_eq!(after.note, "");
    assert!(
        s.setting("recorder").unwrap().is_none(),
        "the 記録者 default is not half-saved either"
    );
}

#[test]
fn loading_the_demo_is_all_or_nothing() {
    let (_d, path, mut s) = store();
    fail_on_insert(&path, "evaluations", "NEW.id > 20");
    assert!(demo::load(&mut s).is_err());
    for table in [
        "projects",
        "members",
        "meetings",
        "evaluations",
        "tasks",
        "resources",
    ] {
        assert_eq!(
            count(&path, &format!("SELECT count(*) FROM {table}")),
            0,
            "{table}"
        );
    }
    heal(&path);
    demo::load(&mut s).unwrap();
    assert_eq!(s.projects().unwrap().len(), 2);
}

#[test]
fn deleting_first_archives_then_deletes_everything_the_project_owns() {
    let (_d, path, mut s) = store();
    demo::load(&mut s).unwrap();
    let y = s.resolve_project("山口").unwrap();
    let i = s.resolve_project("茨城").unwrap();
    let all = |s: &Store| {
        s.evaluations(None, &EvaluationFilter::default())
            .unwrap()
            .len()
    };
    let everything = all(&s);
    let ibaraki_before = s
        .evaluations(Some(i.id), &EvaluationFilter::default())
        .unwrap();

    // A project in use cannot be deleted for good.
    assert_eq!(s.delete_project(y.id).unwrap_err().code(), "validation");

    s.archive_project(y.id).unwrap();
    assert_eq!(s.projects().unwrap().len(), 1, "hidden from lists");
    assert_eq!(s.archived_projects().unwrap()[0].id, y.id);
    assert!(all(&s) < everything, "hidden from 全体");
    // Nothing is gone yet: unarchiving brings it all back.
    s.unarchive_project(y.id).unwrap();
    assert_eq!(all(&s), everything);
    s.archive_project(y.id).unwrap();

    let what = s.project_deletion(y.id).unwrap();
    assert_eq!(what.meetings, 8, "山口's own team meetings and 研修会");
    assert_eq!(what.issues, 6, "山口's 今後の検討事項");
    assert!(
        what.summary.starts_with("会議 8件・評価 "),
        "{}",
        what.summary
    );
    assert_eq!(
        what.kept_joint_meetings.len(),
        3,
        "オリエンテーション and two 進捗会議 stay with 茨城"
    );
    let backups_before = s.backups().unwrap().len();
    let gone = s.delete_project(y.id).unwrap();
    assert_eq!(gone, what);
    assert_eq!(
        s.backups().unwrap().len(),
        backups_before + 1,
        "a backup first"
    );
    assert!(s.backups().unwrap()[0].file_name.contains(".delete-"));

    // Nothing of 山口 is left behind…
    for (table, sql) in [
        ("projects", format!("SELECT count(*) FROM projects WHERE id = {}", y.id)),
        ("members", format!("SELECT count(*) FROM members WHERE project_id = {}", y.id)),
        ("orphan meetings", "SELECT count(*) FROM meetings m WHERE m.program_id IS NULL AND NOT EXISTS (SELECT 1 FROM meeting_projects p WHERE p.meeting_id = m.id)".into()),
        ("evaluations of a deleted member", "SELECT count(*) FROM evaluations e WHERE e.evaluator_id IS NOT NULL AND NOT EXISTS (SELECT 1 FROM members m WHERE m.id = e.evaluator_id)".into()),
        ("resources of nobody", "SELECT count(*) FROM resources r WHERE NOT EXISTS (SELECT 1 FROM resource_projects p WHERE p.resource_id = r.id)".into()),
        ("issues", format!("SELECT count(*) FROM issues WHERE project_id = {}", y.id)),
    ] {
        assert_eq!(count(&path, &sql), 0, "{table}");
    }
    // …and 茨城 keeps the joint meetings and its own people's evaluations.
    let ibaraki_after = s
        .evaluations(Some(i.id), &EvaluationFilter::default())
        .unwrap();
    // Anonymous ones and those by 茨城's own members.
    let theirs = |list: &[bansou::model::evaluation::Evaluation]| {
        list.iter()
            .filter(|e| {
                e.evaluator_id.is_none_or(|m| {
                    let sql = format!(
                        "SELECT count(*) FROM members WHERE id = {m} AND project_id = {}",
                        i.id
                    );
                    count(&path, &sql) == 1
                })
            })
            .count()
    };
    assert_eq!(theirs(&ibaraki_after), theirs(&ibaraki_before));
    assert_eq!(
        s.meetings(i.id, &Default::default())
            .unwrap()
            .iter()
            .filter(|m| m.kind.label() == "進捗会議")
            .count(),
        2
    );
}

#[test]
fn a_member_with_records_retires_and_keeps_their_name_on_them() {
    let (_d, _path, mut s) = store();
    let p = s.create_project(&project_input("事業")).unwrap();
    let leader = s
        .add_member(p.id, &member_input("田中 一郎", "リーダー"))
        .unwrap();
    let newcomer = s
        .add_member(p.id, &member_input("佐藤 花", "メンバー"))
        .unwrap();
    let mut input = meeting(p.id, "2024-07-16");
    input.participant_ids = vec![leader.id];
    let m = s.create_meeting(&input).unwrap();
    s.create_evaluation(&EvaluationInput {
        meeting_id: m.id,
        kind: "他者評価".into(),
        evaluator_id: Some(leader.id),
        written_on: "2024-07-20".into(),
        scores: vec![Some(4); 4],
        comments: vec![String::new(); 4],
    })
    .unwrap();

    let records = s.member_records(leader.id).unwrap();
    assert_eq!(records.summary, "会議への出席 1件・評価 1件");
    assert_eq!(s.remove_member(leader.id).unwrap(), MemberRemoval::Retired);
    assert_eq!(s.remove_member(newcomer.id).unwrap(), MemberRemoval::Erased);

    let team = s.members(p.id).unwrap();
    assert_eq!(team.len(), 1);
    assert!(team[0].retired);
    assert_eq!(s.meeting(m.id).unwrap().participants[0].name, "田中 一郎");
    let e = &s.meeting_evaluations(m.id).unwrap()[0];
    assert_eq!(e.evaluator, "田中 一郎", "not turned into 匿名");
    assert_eq!(
        s.project(p.id).unwrap().leader,
        None,
        "a retired leader leads no more"
    );
    s.reinstate_member(leader.id).unwrap();
    assert_eq!(
        s.project(p.id).unwrap().leader.as_deref(),
        Some("田中 一郎")
    );
}

#[test]
fn backups_are_made_listed_pruned_and_restored() {
    let (dir, path, mut s) = store();
    demo::load(&mut s).unwrap();
    let today = chrono::Local::now().date_naive();
    let first = backup::daily_if_due(&path, today, 14).unwrap();
    assert!(first.is_some());
    assert!(
        backup::daily_if_due(&path, today, 14).unwrap().is_none(),
        "once a day"
    );

    s.set_backup_keep(3).unwrap();
    assert_eq!(s.set_backup_keep(0).unwrap_err().code(), "validation");
    for _ in 0..4 {
        s.backup_now(Reason::Manual).unwrap();
    }
    let list = s.backups().unwrap();
    assert_eq!(list.len(), 3, "only the newest 3 are kept");
    assert!(list.iter().all(|b| b.bytes > 0 && b.reason == "手動"));

    // Restore: the projects deleted after the backup come back, and the state
    // just before the restore is itself backed up.
    let copy = dir.path().join("copy.sqlite3");
    s.backup_to(&copy).unwrap();
    assert_eq!(
        s.backup_to(&copy).unwrap_err().code(),
        "validation",
        "never over a file"
    );
    let y = s.resolve_project("山口").unwrap();
    s.archive_project(y.id).unwrap();
    s.delete_project(y.id).unwrap();
    assert_eq!(s.projects().unwrap().len(), 1);
    let s = s.restore(&copy).unwrap();
    assert_eq!(s.projects().unwrap().len(), 2);
    assert!(s.backups().unwrap().iter().any(|b| b.reason == "復元の前"));

    // Refused, and the database untouched: the open file itself, a text file,
    // a database from a newer version.
    assert_eq!(s.projects().unwrap().len(), 2);
    let junk = dir.path().join("junk.sqlite3");
    std::fs::write(&junk, "これはデータベースではありません").unwrap();
    let s = match s.restore(&junk) {
        Err(e) => {
            assert_eq!(e.code(), "not_our_database");
            Store::open(&path).unwrap()
        }
        Ok(_) => panic!("a text file was restored"),
    };
    let future = dir.path().join("future.sqlite3");
    Connection::open(&future)
        .unwrap()
        .execute_batch("PRAGMA user_version = 999;")
        .unwrap();
    let s = match s.restore(&future) {
        Err(e) => {
            assert_eq!(e.code(), "schema_too_new");
            Store::open(&path).unwrap()
        }
        Ok(_) => panic!("a newer database was restored"),
    };
    let same = path.clone();
    match s.restore(&same) {
        Err(e) => assert_eq!(e.code(), "validation"),
        Ok(_) => panic!("the open database was restored onto itself"),
    }
    assert_eq!(Store::open(&path).unwrap().projects().unwrap().len(), 2);
}

#[cfg(unix)]
#[test]
fn the_data_folder_database_and_backups_are_private() {
    use std::os::unix::fs::PermissionsExt;
    let top = tempfile::tempdir().unwrap();
    let path = top.path().join("bansou-note").join("bansou.sqlite3");
    let s = Store::open(&path).unwrap();
    let b = s.backup_now(Reason::Manual).unwrap();
    let mode = |p: &Path| std::fs::metadata(p).unwrap().permissions().mode() & 0o777;
    assert_eq!(mode(path.parent().unwrap()), 0o700);
    assert_eq!(mode(&path), 0o600);
    assert_eq!(mode(Path::new(&b.path)), 0o600);
    assert_eq!(mode(&backup::dir_of(&path)), 0o700);
    let wal = path.with_file_name("bansou.sqlite3-wal");
    if wal.exists() {
        assert_eq!(mode(&wal), 0o600);
    }
}
