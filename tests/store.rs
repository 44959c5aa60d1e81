//! The store against real SQLite files.

mod common;

use bansou::demo::{self, DemoOutcome};
use bansou::model::Role;
use bansou::{Error, Store};
use common::{member_input, project_input, store};

/// The database file and its WAL: together they are everything SQLite wrote.
fn file_bytes(path: &std::path::Path) -> Vec<u8> {
    let mut bytes = std::fs::read(path).unwrap();
    let mut wal = path.as_os_str().to_owned();
    wal.push("-wal");
    if let Ok(w) = std::fs::read(&wal) {
        bytes.extend(w);
    }
    bytes
}

#[test]
fn a_new_database_gets_the_full_schema_in_wal_mode_with_foreign_keys() {
    let (_dir, path, _store) = store();
    let conn = rusqlite::Connection::open(&path).unwrap();
    let v: i64 = conn
        .pragma_query_value(None, "user_version", |r| r.get(0))
        .unwrap();
    assert_eq!(v, bansou::store::schema_version());
    let mode: String = conn
        .pragma_query_value(None, "journal_mode", |r| r.get(0))
        .unwrap();
    assert_eq!(mode, "wal");
    for table in ["programs", "projects", "members", "settings"] {
        let n: i64 = conn
            .query_row(
                "SELECT count(*) FROM sqlite_master WHERE type='table' AND name=?1",
                [table],
                |r| r.get(0),
            )
            .unwrap();
        assert_eq!(n, 1, "{table}");
    }
}

#[test]
fn projects_and_members_survive_reopening() {
    let (_dir, path, mut s) = store();
    let p = s.create_project(&project_input("腰痛予防事業")).unwrap();
    s.add_member(p.id, &member_input("山田 太郎", "メンバー"))
        .unwrap();
    s.add_member(p.id, &member_input("今井 健一", "リーダー"))
        .unwrap();
    s.add_member(p.id, &member_input("北村 浩一", "伴走支援者"))
        .unwrap();
    drop(s);

    let s = Store::open(&path).unwrap();
    let projects = s.projects().unwrap();
    assert_eq!(projects.len(), 1);
    let p = &projects[0];
    assert_eq!(p.name, "腰痛予防事業");
    assert_eq!(p.society, "山口県理学療法士会");
    assert_eq!(p.fiscal_year_label, "令和6年度");
    assert_eq!(p.program.as_deref(), Some("令和6年度 地域保健総合推進事業"));
    assert_eq!(p.leader.as_deref(), Some("今井 健一"));
    let members = s.members(p.id).unwrap();
    let names: Vec<String> = members.iter().map(|m| m.display_name()).collect();
    // The leader is listed first, with 〇.
    assert_eq!(names, ["〇今井 健一", "山田 太郎", "北村 浩一"]);
    assert_eq!(members[2].role, Role::Supporter);
}

#[test]
fn invalid_project_changes_nothing() {
    let (_dir, path, mut s) = store();
    let p = s.create_project(&project_input("元の事業名")).unwrap();
    let before = file_bytes(&path);

    let mut bad = project_input("");
    bad.prefecture = "ムー大陸".into();
    let err = s.create_project(&bad).unwrap_err();
    assert_eq!(err.code(), "validation");
    let fields: Vec<&str> = err.fields().iter().map(|f| f.field.as_str()).collect();
    assert_eq!(fields, ["name", "prefecture"]);
    assert_eq!(err.fields()[0].message, "事業名を入力してください");

    let mut reversed = project_input("新しい名前");
    reversed.end_date = "2024-01-01".into();
    let err = s.update_project(p.id, &reversed).unwrap_err();
    assert_eq!(err.fields()[0].field, "end_date");

    assert_eq!(before, file_bytes(&path), "the file must be unchanged");
    assert_eq!(s.project(p.id).unwrap().name, "元の事業名");
}

#[test]
fn unknown_role_is_refused_and_nothing_saved() {
    let (_dir, _path, mut s) = store();
    let p = s.create_project(&project_input("事業")).unwrap();
    let err = s
        .add_member(p.id, &member_input("誰か", "社長"))
        .unwrap_err();
    assert_eq!(err.fields()[0].field, "role");
    assert!(s.members(p.id).unwrap().is_empty());
}

#[test]
fn editing_and_deleting() {
    let (_dir, _path, mut s) = store();
    let p = s.create_project(&project_input("事業A")).unwrap();
    let m = s
        .add_member(p.id, &member_input("佐藤", "メンバー"))
        .unwrap();
    let m = s
        .update_member(m.id, &member_input("佐藤 花子", "リーダー"))
        .unwrap();
    assert_eq!(m.role, Role::Leader);
    assert_eq!(
        s.project(p.id).unwrap().leader.as_deref(),
        Some("佐藤 花子")
    );

    let mut input = project_input("事業A（改）");
    input.prefecture = "茨城県".into();
    input.profession = "OT".into();
    let p2 = s.update_project(p.id, &input).unwrap();
    assert_eq!(p2.society, "茨城県作業療法士会");

    s.remove_member(m.id).unwrap();
    assert!(s.members(p.id).unwrap().is_empty());
    s.add_member(p.id, &member_input("残る人", "メンバー"))
        .unwrap();
    // 削除 archives first; only an archived project is deleted for good.
    assert_eq!(s.delete_project(p.id).unwrap_err().code(), "validation");
    s.archive_project(p.id).unwrap();
    s.delete_project(p.id).unwrap();
    assert!(s.projects().unwrap().is_empty());
    // Members went with the project (ON DELETE CASCADE).
    let n: i64 = rusqlite::Connection::open(s.path())
        .unwrap()
        .query_row("SELECT count(*) FROM members", [], |r| r.get(0))
        .unwrap();
    assert_eq!(n, 0);
    assert_eq!(s.delete_project(p.id).unwrap_err().code(), "not_found");
    assert_eq!(
        s.add_member(p.id, &member_input("x", "メンバー"))
            .unwrap_err()
            .to_string(),
        format!("事業が見つかりません（ID {}）", p.id)
    );
}

#[test]
fn demo_loads_both_model_teams_once() {
    let (_dir, _path, mut s) = store();
    let out = demo::load(&mut s).unwrap();
    assert!(matches!(out, DemoOutcome::Loaded { projects: 2, .. }));
    assert_eq!(demo::load(&mut s).unwrap(), DemoOutcome::AlreadyLoaded);

    let projects = s.projects().unwrap();
    assert_eq!(projects.len(), 2);
    let yamaguchi = s.resolve_project("山口").unwrap();
    assert_eq!(yamaguchi.society, "山口県理学療法士会");
    assert_eq!(yamaguchi.program.as_deref(), Some(demo::program_name()));
    assert_eq!(yamaguchi.fiscal_year_label, "令和6年度");
    let ibaraki = s.resolve_project("茨城").unwrap();
    assert_eq!(ibaraki.theme.label(), "メンタルヘルス不調");

    let team = |id| {
        s.members(id)
            .unwrap()
            .into_iter()
            .filter(|m| matches!(m.role, Role::Leader | Role::Member))
            .count()
    };
    assert_eq!(team(yamaguchi.id), 3);
    assert_eq!(team(ibaraki.id), 4);
    for p in [&yamaguchi, &ibaraki] {
        let ms = s.members(p.id).unwrap();
        assert_eq!(ms.iter().filter(|m| m.role == Role::Leader).count(), 1);
        assert!(ms.iter().any(|m| m.role == Role::SupporterLeader));
    }
    // The report's real names are not used: tests/demo.rs guards every person field.
}

#[test]
fn project_argument_accepts_id_or_unique_part() {
    let (_dir, _path, mut s) = store();
    demo::load(&mut s).unwrap();
    let y = s.resolve_project("山口").unwrap();
    assert_eq!(s.resolve_project(&y.id.to_string()).unwrap().id, y.id);
    assert_eq!(s.resolve_project("腰痛").unwrap().id, y.id);
    let err = s.resolve_project("事業").unwrap_err();
    assert!(matches!(err, Error::Ambiguous { .. }));
    assert!(err.to_string().contains("複数"));
    assert_eq!(s.resolve_project("沖縄").unwrap_err().code(), "not_found");
    assert_eq!(s.resolve_project("9999").unwrap_err().code(), "not_found");
}

#[test]
fn a_newer_schema_is_refused_and_the_file_left_untouched() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("future.sqlite3");
    {
        let conn = rusqlite::Connection::open(&path).unwrap();
        conn.execute_batch("CREATE TABLE future (x); PRAGMA user_version = 99;")
            .unwrap();
    }
    let before = file_bytes(&path);
    let err = Store::open(&path).err().expect("must refuse");
    assert_eq!(err.code(), "schema_too_new");
    let msg = err.to_string();
    assert!(msg.contains("新しい版の伴走ノート"), "{msg}");
    assert!(msg.contains("ファイルには触れていません"), "{msg}");
    assert_eq!(before, file_bytes(&path));
    assert!(!dir.path().join("backups").exists());
    assert!(!dir.path().join("future.sqlite3-wal").exists());
}

#[test]
fn a_foreign_file_is_refused_untouched() {
    let dir = tempfile::tempdir().unwrap();
    let text = dir.path().join("notes.txt");
    std::fs::write(&text, "これはデータベースではありません。".repeat(100)).unwrap();
    let before = file_bytes(&text);
    assert_eq!(Store::open(&text).err().unwrap().code(), "not_our_database");
    assert_eq!(before, file_bytes(&text));

    let other = dir.path().join("other.sqlite3");
    rusqlite::Connection::open(&other)
        .unwrap()
        .execute_batch("CREATE TABLE customers (id);")
        .unwrap();
    assert_eq!(
        Store::open(&other).err().unwrap().code(),
        "not_our_database"
    );
}

#[test]
fn settings_persist() {
    let (_dir, path, mut s) = store();
    assert_eq!(s.setting("welcome_done").unwrap(), None);
    s.set_setting("welcome_done", "1").unwrap();
    s.set_setting("welcome_done", "2").unwrap();
    drop(s);
    let s = Store::open(&path).unwrap();
    assert_eq!(s.setting("welcome_done").unwrap().as_deref(), Some("2"));
}

/// The names of the projects in a copy of the database file alone (without
/// its `-wal`), as a user copying it to a USB stick would carry it; none when
/// the copy has not even the schema.
fn projects_in_file_alone(path: &std::path::Path) -> Vec<String> {
    let dir = tempfile::tempdir().unwrap();
    let copy = dir.path().join("copy.sqlite3");
    std::fs::copy(path, &copy).unwrap();
    let conn =
        rusqlite::Connection::open_with_flags(&copy, rusqlite::OpenFlags::SQLITE_OPEN_READ_ONLY)
            .unwrap();
    let names = conn
        .prepare("SELECT name FROM projects ORDER BY name")
        .and_then(|mut st| {
            st.query_map([], |r| r.get::<_, String>(0))?
                .collect::<rusqlite::Result<Vec<_>>>()
        });
    names.unwrap_or_default()
}

#[test]
fn after_a_checkpoint_the_database_file_alone_holds_every_record() {
    let (_dir, path, mut s) = store();
    s.create_project(&project_input("腰痛予防チーム")).unwrap();
    // While the store is open, the record is in the -wal file only.
    assert!(projects_in_file_alone(&path).is_empty());
    // The window's close.
    assert!(s.checkpoint(true).unwrap());
    assert_eq!(projects_in_file_alone(&path), ["腰痛予防チーム"]);
    let mut wal = path.as_os_str().to_owned();
    wal.push("-wal");
    assert_eq!(
        std::fs::metadata(&wal).unwrap().len(),
        0,
        "the -wal is emptied"
    );
    // The store goes on working; the pause's checkpoint, with another
    // connection reading, moves what it can without waiting.
    s.create_project(&project_input("転倒予防チーム")).unwrap();
    let reader = rusqlite::Connection::open(&path).unwrap();
    let n: i64 = reader
        .query_row("SELECT count(*) FROM projects", [], |r| r.get(0))
        .unwrap();
    assert_eq!(n, 2);
    assert!(s.checkpoint(false).unwrap());
    assert_eq!(
        projects_in_file_alone(&path),
        ["腰痛予防チーム", "転倒予防チーム"]
    );
}
