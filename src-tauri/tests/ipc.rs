//! The commands as the window calls them, through Tauri's IPC (mock runtime).

mod common;

use bansou_app::state::AppState;
use common::window::{app, invoke, project, Window};
use serde_json::{json, Value};

#[test]
fn commands_round_trip_and_errors_arrive_as_code_message_fields() {
    let dir = tempfile::tempdir().unwrap();
    let (_app, w) = app(&dir.path().join("ipc.sqlite3"));

    let status = invoke(&w, "app_status", json!({})).unwrap();
    assert_eq!(status["welcome_pending"], true);
    assert!(status["error"].is_null());

    let err = invoke(&w, "create_project", json!({ "input": project("  ") })).unwrap_err();
    assert_eq!(err["code"], "validation");
    assert_eq!(err["fields"][0]["field"], "name");
    assert_eq!(err["fields"][0]["message"], "事業名を入力してください");

    let p = invoke(
        &w,
        "create_project",
        json!({ "input": project("腰痛予防事業") }),
    )
    .unwrap();
    let id = p["id"].as_i64().unwrap();
    assert_eq!(p["society"], "山口県理学療法士会");

    let m = invoke(
        &w,
        "add_member",
        json!({ "projectId": id, "input": { "name": "今井", "role": "リーダー", "affiliation": "", "email": "" } }),
    )
    .unwrap();
    assert_eq!(m["role"], "リーダー");
    let list = invoke(&w, "list_projects", json!({})).unwrap();
    assert_eq!(list[0]["leader"], "今井");

    let bad = invoke(
        &w,
        "add_member",
        json!({ "projectId": id, "input": { "name": "x", "role": "社長", "affiliation": "", "email": "" } }),
    )
    .unwrap_err();
    assert_eq!(bad["fields"][0]["field"], "role");

    assert_eq!(
        invoke(&w, "finish_welcome", json!({ "loadDemo": true })).unwrap(),
        true
    );
    let status = invoke(&w, "app_status", json!({})).unwrap();
    assert_eq!(status["welcome_pending"], false);
    assert_eq!(
        invoke(&w, "list_projects", json!({}))
            .unwrap()
            .as_array()
            .unwrap()
            .len(),
        3
    );
}

#[test]
fn a_database_that_cannot_be_opened_is_reported_not_fatal() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("future.sqlite3");
    future_db(&db);
    let (_app, w) = app(&db);
    let status = invoke(&w, "app_status", json!({})).unwrap();
    assert_eq!(status["error"]["code"], "schema_too_new");
    let err = invoke(&w, "list_projects", json!({})).unwrap_err();
    assert_eq!(err["code"], "schema_too_new");
}

/// The project names in a copy of the database file alone (without its
/// `-wal`), as a user copying it to a USB stick would carry it.
fn projects_in_file_alone(db: &std::path::Path) -> Vec<String> {
    let dir = tempfile::tempdir().unwrap();
    let copy = dir.path().join("copy.sqlite3");
    std::fs::copy(db, &copy).unwrap();
    let conn = rusqlite::Connection::open(&copy).unwrap();
    let names = conn
        .prepare("SELECT name FROM projects ORDER BY name")
        .and_then(|mut st| {
            st.query_map([], |r| r.get::<_, String>(0))?
                .collect::<rusqlite::Result<Vec<_>>>()
        });
    names.unwrap_or_default()
}

#[test]
fn when_the_window_closes_the_database_file_alone_holds_every_record() {
    use tauri::Manager;
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("close.sqlite3");
    let (app, w) = app(&db);
    invoke(
        &w,
        "create_project",
        json!({ "input": project("閉じる前の事業") }),
    )
    .unwrap();
    assert!(
        projects_in_file_alone(&db).is_empty(),
        "while the window works, the record is in the -wal file"
    );
    let state = app.state::<AppState>();
    assert!(
        !state.checkpoint_if_idle(std::time::Duration::from_secs(3600)),
        "not idle yet"
    );
    // The shell's close path (what its Destroyed and Exit handlers call; the
    // mock runtime delivers no window events, the journey closes a real window).
    bansou_app::close(&state);
    assert_eq!(projects_in_file_alone(&db), ["閉じる前の事業"]);
}

#[test]
fn after_a_pause_the_database_file_alone_holds_every_record() {
    use tauri::Manager;
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("idle.sqlite3");
    let (app, w) = app(&db);
    let state = app.state::<AppState>();
    invoke(
        &w,
        "create_project",
        json!({ "input": project("休む前の事業") }),
    )
    .unwrap();
    assert!(projects_in_file_alone(&db).is_empty());
    assert!(state.checkpoint_if_idle(std::time::Duration::ZERO));
    assert_eq!(projects_in_file_alone(&db), ["休む前の事業"]);
    assert!(
        !state.checkpoint_if_idle(std::time::Duration::ZERO),
        "nothing used since: no checkpoint"
    );
}

fn future_db(path: &std::path::Path) {
    rusqlite::Connection::open(path)
        .unwrap()
        .execute_batch("PRAGMA user_version = 999;")
        .unwrap();
}

#[test]
fn evaluations_export_to_a_csv_excel_opens() {
    let dir = tempfile::tempdir().unwrap();
    let (_app, w) = app(&dir.path().join("ipc.sqlite3"));
    invoke(&w, "finish_welcome", json!({ "loadDemo": true })).unwrap();
    let projects = invoke(&w, "list_projects", json!({})).unwrap();
    let id = projects[0]["id"].as_i64().unwrap();
    let filter = json!({ "from": "", "to": "", "kind": "" });
    let view = invoke(
        &w,
        "evaluation_view",
        json!({ "projectId": id, "filter": filter }),
    )
    .unwrap();
    // The report's split: the team's own meetings, then the joint 進捗会議.
    let groups = view["groups"].as_array().unwrap();
    let names: Vec<&str> = groups
        .iter()
        .map(|g| g["group"].as_str().unwrap())
        .collect();
    assert_eq!(names, ["チーム会議など", "合同の進捗会議"], "{view}");
    assert_eq!(groups[0]["bar_charts"].as_array().unwrap().len(), 4);
    assert!(groups[0]["summary"]["sentence"]
        .as_str()
        .unwrap()
        .ends_with("自己評価が低い"));
    let team_only = invoke(
        &w,
        "evaluation_view",
        json!({ "projectId": id, "filter": { "from": "", "to": "", "kind": "", "meetings": "team" } }),
    )
    .unwrap();
    assert_eq!(team_only["groups"].as_array().unwrap().len(), 1);
    assert!(
        team_only["evaluations"].as_u64().unwrap() < view["evaluations"].as_u64().unwrap(),
        "the team filter leaves out the joint meetings"
    );

    // The target comes from the save dialog (its test hook here), never from a
    // path the window makes up.
    let saves = save_dir();
    let chosen = invoke(
        &w,
        "choose_export",
        json!({ "kind": "csv", "defaultName": "評価_全体" }),
    )
    .unwrap();
    let out = std::path::PathBuf::from(chosen["path"].as_str().unwrap());
    assert_eq!(out, saves.join("評価_全体.csv"), "the extension is added");
    let done = invoke(
        &w,
        "export_evaluations_csv",
        json!({ "projectId": null, "filter": filter, "target": chosen["token"] }),
    )
    .unwrap();
    assert_eq!(done["path"].as_str().unwrap(), out.to_str().unwrap());
    let all = json!({ "projectId": null, "filter": filter });
    let n = json!(invoke(&w, "evaluation_view", all).unwrap()["evaluations"]);
    assert!(n.as_u64().unwrap() > 0);
    let bytes = std::fs::read(&out).unwrap();
    assert!(bytes.starts_with(b"\xEF\xBB\xBF"));
    let lines = String::from_utf8(bytes).unwrap().lines().count() as u64;
    assert_eq!(lines, n.as_u64().unwrap() * 4 + 1);

    // A path the window made up is not a target.
    let made_up = invoke(
        &w,
        "export_evaluations_csv",
        json!({ "projectId": null, "filter": filter, "target": out.to_str().unwrap() }),
    )
    .unwrap_err();
    assert_eq!(made_up["code"], "validation");

    // A target the system refuses (a folder took its name): a Japanese
    // message, and nothing is written.
    let chosen = invoke(
        &w,
        "choose_export",
        json!({ "kind": "csv", "defaultName": "塞がれた.csv" }),
    )
    .unwrap();
    let blocked = std::path::PathBuf::from(chosen["path"].as_str().unwrap());
    std::fs::create_dir_all(blocked.join("中身")).unwrap();
    let err = invoke(
        &w,
        "export_evaluations_csv",
        json!({ "projectId": null, "filter": filter, "target": chosen["token"] }),
    )
    .unwrap_err();
    assert_eq!(err["code"], "io");
    assert!(err["message"]
        .as_str()
        .unwrap()
        .contains("扱えませんでした"));
    assert!(blocked.join("中身").is_dir());
}

/// The folder exports go to in these tests: `choose_export` skips the system
/// dialog when `BANSOU_TEST_SAVE_DIR` is set (shared by the tests of this file).
fn save_dir() -> std::path::PathBuf {
    static DIR: std::sync::OnceLock<tempfile::TempDir> = std::sync::OnceLock::new();
    let dir = DIR.get_or_init(|| {
        let d = tempfile::tempdir().unwrap();
        std::env::set_var("BANSOU_TEST_SAVE_DIR", d.path());
        d
    });
    dir.path().to_owned()
}

/// Calls commands and remembers which, so the test can prove it reached all.
struct Calls<'a> {
    w: &'a Window,
    seen: std::cell::RefCell<std::collections::BTreeSet<String>>,
}

impl Calls<'_> {
    fn ok(&self, cmd: &str, args: Value) -> Value {
        self.seen.borrow_mut().insert(cmd.to_owned());
        invoke(self.w, cmd, args).unwrap_or_else(|e| panic!("{cmd} failed: {e}"))
    }

    /// A refused call: `{ code, message, fields }` with a Japanese message.
    fn err(&self, cmd: &str, args: Value, code: &str) -> Value {
        self.seen.borrow_mut().insert(cmd.to_owned());
        let e = invoke(self.w, cmd, args).expect_err(cmd);
        assert_eq!(e["code"], code, "{cmd}: {e}");
        let message = e["message"].as_str().unwrap_or_default();
        assert!(
            message
                .chars()
                .any(|c| ('\u{3040}'..='\u{30ff}').contains(&c)),
            "{cmd}: not Japanese: {message}"
        );
        e
    }
}

fn id(v: &Value) -> i64 {
    v["id"].as_i64().expect("an id")
}

#[test]
fn every_command_answers_and_every_input_is_checked() {
    let dir = tempfile::tempdir().unwrap();
    let (_app, w) = app(&dir.path().join("all.sqlite3"));
    let c = Calls {
        w: &w,
        seen: Default::default(),
    };
    let nf = "not_found";
    let bad = "validation";

    c.ok("app_status", json!({}));
    c.ok("catalog", json!({}));
    assert_eq!(c.ok("today", json!({}))["date"].as_str().unwrap().len(), 10);
    // The window's word for the diagnostic log (tests/log.rs reads the file).
    c.ok(
        "report_failure",
        json!({ "command": "create_project", "code": "internal" }),
    );
    let r = c.ok("read_date", json!({ "text": "令和6年7月16日" }));
    assert_eq!(
        (r["iso"].as_str(), r["ok"].as_bool()),
        (Some("2024-07-16"), Some(true))
    );
    assert_eq!(c.ok("read_date", json!({ "text": "来週" }))["ok"], false);
    c.ok("finish_welcome", json!({ "loadDemo": false }));
    assert_eq!(c.ok("load_demo", json!({})), true);
    let projects = c.ok("list_projects", json!({}));
    let pid = id(&projects[0]);

    let p = c.ok("create_project", json!({ "input": project("IPC事業") }));
    c.err("create_project", json!({ "input": project("") }), bad);
    c.ok(
        "update_project",
        json!({ "id": id(&p), "input": project("IPC事業（改）") }),
    );
    c.err(
        "update_project",
        json!({ "id": 999_999, "input": project("x") }),
        nf,
    );
    c.err("delete_project", json!({ "id": id(&p) }), bad);
    c.ok("archive_project", json!({ "id": id(&p) }));
    c.err("archive_project", json!({ "id": 999_999 }), nf);
    assert_eq!(c.ok("archived_projects", json!({}))[0]["id"], id(&p));
    c.ok("unarchive_project", json!({ "id": id(&p) }));
    c.err("unarchive_project", json!({ "id": 999_999 }), nf);
    c.ok("archive_project", json!({ "id": id(&p) }));
    let what = c.ok("project_deletion", json!({ "id": id(&p) }));
    assert_eq!(what["summary"], "準備チェック項目 16件");
    c.err("project_deletion", json!({ "id": 999_999 }), nf);
    c.ok("delete_project", json!({ "id": id(&p) }));
    c.err("delete_project", json!({ "id": 999_999 }), nf);

    let member = json!({ "name": "試験 太郎", "role": "メンバー", "affiliation": "", "email": "" });
    let m = c.ok("add_member", json!({ "projectId": pid, "input": member }));
    c.err("add_member", json!({ "projectId": pid, "input": { "name": "", "role": "社長", "affiliation": "", "email": "" } }), bad);
    c.ok("list_members", json!({ "projectId": pid }));
    c.err("list_members", json!({ "projectId": 999_999 }), nf);
    c.ok("update_member", json!({ "id": id(&m), "input": member }));
    c.err(
        "update_member",
        json!({ "id": 999_999, "input": member }),
        nf,
    );
    assert_eq!(
        c.ok("member_records", json!({ "id": id(&m) }))["meetings"],
        0
    );
    c.err("member_records", json!({ "id": 999_999 }), nf);
    assert_eq!(c.ok("remove_member", json!({ "id": id(&m) })), "Erased");
    c.err("remove_member", json!({ "id": id(&m) }), nf);
    let leader = id(&c.ok("list_members", json!({ "projectId": pid }))[0]);
    assert_eq!(c.ok("remove_member", json!({ "id": leader })), "Retired");
    assert_eq!(
        c.ok("reinstate_member", json!({ "id": leader }))["retired"],
        false
    );
    c.err("reinstate_member", json!({ "id": 999_999 }), nf);

    let second =
        json!({ "name": "副 リーダー", "role": "リーダー", "affiliation": "", "email": "" });
    let w = c.ok(
        "member_warnings",
        json!({ "projectId": pid, "memberId": null, "input": second }),
    );
    assert!(w[0].as_str().unwrap().contains("既にリーダー"), "{w}");
    c.err(
        "member_warnings",
        json!({ "projectId": 999_999, "memberId": null, "input": second }),
        nf,
    );
    c.ok("overview", json!({ "projectId": pid }));
    c.err("overview", json!({ "projectId": 999_999 }), nf);
    c.ok("set_phase", json!({ "projectId": pid, "phase": 3 }));
    c.err("set_phase", json!({ "projectId": pid, "phase": 9 }), bad);
    c.err("set_phase", json!({ "projectId": pid, "phase": 300 }), bad);
    c.err("set_phase", json!({ "projectId": pid, "phase": 300 }), bad);

    let checklist = c.ok("checklist", json!({ "projectId": pid }));
    c.err("checklist", json!({ "projectId": 999_999 }), nf);
    let item = id(&checklist["items"][0]);
    let update = json!({ "status": "完了", "owner_id": null, "due_date": "", "note": "", "stakeholder_ids": [],
        "resource_ids": [], "changed_by": "試験", "changed_on": "2024-07-16" });
    c.ok(
        "update_checklist_item",
        json!({ "itemId": item, "input": update }),
    );
    let mut wrong = update.clone();
    wrong["status"] = json!("済み");
    c.err(
        "update_checklist_item",
        json!({ "itemId": item, "input": wrong }),
        bad,
    );
    let own = c.ok(
        "add_checklist_item",
        json!({ "projectId": pid, "input": { "side": "内向き", "text": "独自の項目" } }),
    );
    c.err(
        "add_checklist_item",
        json!({ "projectId": pid, "input": { "side": "上向き", "text": "" } }),
        bad,
    );
    c.ok("delete_checklist_item", json!({ "itemId": id(&own) }));
    c.err("delete_checklist_item", json!({ "itemId": item }), bad);

    let org = json!({ "name": "試験センター", "kind": "保健所", "state": "未接触", "contacts": [], "note": "" });
    let s = c.ok(
        "create_stakeholder",
        json!({ "projectId": pid, "input": org }),
    );
    c.err("create_stakeholder", json!({ "projectId": pid, "input": { "name": "", "kind": "宇宙局", "state": "", "contacts": [], "note": "" } }), bad);
    c.ok("list_stakeholders", json!({ "projectId": pid }));
    c.err("list_stakeholders", json!({ "projectId": 999_999 }), nf);
    c.ok("update_stakeholder", json!({ "id": id(&s), "input": org }));
    c.err(
        "update_stakeholder",
        json!({ "id": 999_999, "input": org }),
        nf,
    );
    let log = json!({ "contacted_on": "2024-10-16", "summary": "打ち合わせ", "new_state": "打診" });
    c.ok(
        "add_contact_log",
        json!({ "stakeholderId": id(&s), "input": log }),
    );
    c.err("add_contact_log", json!({ "stakeholderId": id(&s), "input": { "contacted_on": "2024-02-30", "summary": "", "new_state": "" } }), bad);
    c.ok("delete_stakeholder", json!({ "id": id(&s) }));
    c.err("delete_stakeholder", json!({ "id": id(&s) }), nf);

    let res = json!({ "title": "資料", "url": "https://www.mhlw.go.jp/", "file_path": "", "category": "資料",
        "provided_by": "", "provided_on": "", "project_ids": [pid], "note": "" });
    let r = c.ok("create_resource", json!({ "input": res }));
    let mut js = res.clone();
    js["url"] = json!("javascript:alert(1)");
    c.err("create_resource", json!({ "input": js }), bad);
    c.ok("list_resources", json!({ "projectId": pid }));
    c.err("list_resources", json!({ "projectId": 999_999 }), nf);
    c.ok("update_resource", json!({ "id": id(&r), "input": res }));
    c.err(
        "update_resource",
        json!({ "id": 999_999, "input": res }),
        nf,
    );
    // Opening would start a browser; an unknown id is refused before that.
    c.err("open_resource", json!({ "id": 999_999 }), nf);
    c.ok("delete_resource", json!({ "id": id(&r) }));
    c.err("delete_resource", json!({ "id": id(&r) }), nf);

    let st = c.ok("strengths", json!({ "projectId": pid }));
    c.err("strengths", json!({ "projectId": 999_999 }), nf);
    assert!(c
        .ok(
            "strength_chart",
            json!({ "projectId": pid, "byBarrier": false })
        )
        .as_str()
        .unwrap()
        .starts_with("<svg"));
    c.err(
        "strength_chart",
        json!({ "projectId": 999_999, "byBarrier": true }),
        nf,
    );
    let session = c.ok("create_strength_session", json!({ "projectId": pid, "input": { "label": "試験", "rated_on": "2024-12-01", "copy_last": true } }));
    c.err(
        "create_strength_session",
        json!({ "projectId": pid, "input": { "label": "", "rated_on": "", "copy_last": false } }),
        bad,
    );
    let sitem = id(&st["items"][0]);
    c.ok(
        "rate_strength",
        json!({ "sessionId": session, "itemId": sitem, "input": { "score": 3, "note": "" } }),
    );
    c.err(
        "rate_strength",
        json!({ "sessionId": session, "itemId": sitem, "input": { "score": 5, "note": "" } }),
        bad,
    );
    c.err(
        "rate_strength",
        json!({ "sessionId": session, "itemId": sitem, "input": { "score": 300, "note": "" } }),
        bad,
    );
    let new_item = c.ok("add_strength_item", json!({ "projectId": pid, "input": { "group": "士会内", "axis": "財力", "barrier": "", "text": "寄付" } }));
    c.err("add_strength_item", json!({ "projectId": pid, "input": { "group": "", "axis": "魔力", "barrier": "", "text": "" } }), bad);
    c.ok(
        "rename_strength_item",
        json!({ "itemId": new_item, "text": "寄付金" }),
    );
    c.err(
        "rename_strength_item",
        json!({ "itemId": new_item, "text": " " }),
        bad,
    );
    c.ok(
        "set_strength_item_hidden",
        json!({ "itemId": new_item, "hidden": true }),
    );
    c.err(
        "set_strength_item_hidden",
        json!({ "itemId": 999_999, "hidden": true }),
        nf,
    );
    c.ok("delete_strength_session", json!({ "sessionId": session }));
    c.err(
        "delete_strength_session",
        json!({ "sessionId": session }),
        nf,
    );

    let meeting = json!({ "kind": "臨時会議", "title": "", "held_on": "2024-12-10", "start_time": "", "end_time": "",
        "format": "対面", "project_ids": [pid], "participant_ids": [], "guests": "", "agenda": "", "minutes": "",
        "decisions": "資料を送る", "resource_ids": [] });
    let mut late = meeting.clone();
    late["held_on"] = json!("2030-01-01");
    let w = c.ok(
        "meeting_warnings",
        json!({ "input": late, "meetingId": null }),
    );
    assert!(w[0].as_str().unwrap().contains("期間"), "{w}");
    late["project_ids"] = json!([999_999]);
    c.err(
        "meeting_warnings",
        json!({ "input": late, "meetingId": null }),
        nf,
    );
    let mt = c.ok("create_meeting", json!({ "input": meeting }));
    let mut no_date = meeting.clone();
    no_date["held_on"] = json!("");
    c.err("create_meeting", json!({ "input": no_date }), bad);
    let filter = json!({ "kind": "", "from": "", "to": "" });
    c.ok(
        "list_meetings",
        json!({ "projectId": pid, "filter": filter }),
    );
    c.err(
        "list_meetings",
        json!({ "projectId": pid, "filter": { "kind": "宴会", "from": "", "to": "" } }),
        bad,
    );
    c.ok("update_meeting", json!({ "id": id(&mt), "input": meeting }));
    // 編集 opens on the form the record was saved from.
    let back = c.ok("meeting_input", json!({ "id": id(&mt) }));
    assert_eq!(back["held_on"], meeting["held_on"], "{back}");
    assert_eq!(back["kind"], meeting["kind"], "{back}");
    c.err("meeting_input", json!({ "id": 999_999 }), nf);
    c.err(
        "update_meeting",
        json!({ "id": 999_999, "input": meeting }),
        nf,
    );

    let task = json!({ "title": "資料を送る", "owner_id": null, "due_date": "2024-12-20", "status": "未着手",
        "phase": 3, "meeting_id": id(&mt), "milestone": false, "note": "" });
    let t = c.ok("create_task", json!({ "projectId": pid, "input": task }));
    let mut late = task.clone();
    late["status"] = json!("終わった");
    c.err(
        "create_task",
        json!({ "projectId": pid, "input": late }),
        bad,
    );
    c.ok("list_tasks", json!({ "projectId": pid }));
    c.err("list_tasks", json!({ "projectId": 999_999 }), nf);
    c.ok("update_task", json!({ "id": id(&t), "input": task }));
    assert_eq!(c.ok("task_input", json!({ "id": id(&t) })), task);
    c.err("task_input", json!({ "id": 999_999 }), nf);
    c.err("update_task", json!({ "id": 999_999, "input": task }), nf);
    c.ok("delete_task", json!({ "id": id(&t) }));
    c.err("delete_task", json!({ "id": id(&t) }), nf);

    let issue = json!({ "kind": "課題", "title": "人材確保（マンパワー）", "detail": "", "status": "未対応",
        "response": "", "raised_on": "", "settled_on": "", "meeting_id": id(&mt) });
    let before = c
        .ok("list_issues", json!({ "projectId": pid }))
        .as_array()
        .unwrap()
        .len();
    let i = c.ok("create_issue", json!({ "projectId": pid, "input": issue }));
    assert_eq!(
        i["number"],
        before as u64 + 1,
        "numbered after the others: {i}"
    );
    let mut wrong = issue.clone();
    wrong["kind"] = json!("問題");
    c.err(
        "create_issue",
        json!({ "projectId": pid, "input": wrong }),
        bad,
    );
    let raised = c.ok(
        "raise_issue",
        json!({ "projectId": pid, "meetingId": id(&mt), "text": "メニューの多様性" }),
    );
    assert_eq!(raised["meeting_id"], json!(id(&mt)), "{raised}");
    c.err(
        "raise_issue",
        json!({ "projectId": pid, "meetingId": id(&mt), "text": " " }),
        bad,
    );
    c.ok("list_issues", json!({ "projectId": pid }));
    c.err("list_issues", json!({ "projectId": 999_999 }), nf);
    let mut settled = issue.clone();
    settled["status"] = json!("対応済み");
    c.ok("update_issue", json!({ "id": id(&i), "input": settled }));
    let back = c.ok("issue_input", json!({ "id": id(&i) }));
    assert_eq!(back["status"], "対応済み", "{back}");
    c.err("issue_input", json!({ "id": 999_999 }), nf);
    c.err("update_issue", json!({ "id": 999_999, "input": issue }), nf);
    c.ok("delete_issue", json!({ "id": id(&raised) }));
    c.err("delete_issue", json!({ "id": id(&raised) }), nf);
    c.ok(
        "set_strength_scale",
        json!({ "projectId": pid, "labels": ["ない", "少し", "ある", "十分"] }),
    );
    c.err(
        "set_strength_scale",
        json!({ "projectId": pid, "labels": ["ない", ""] }),
        bad,
    );
    c.ok(
        "set_strength_scale",
        json!({ "projectId": pid, "labels": null }),
    );

    c.ok(
        "set_plan_step",
        json!({ "projectId": pid, "input": { "fiscal_year": 2028, "title": "展開", "note": "" } }),
    );
    c.err(
        "set_plan_step",
        json!({ "projectId": pid, "input": { "fiscal_year": 1999, "title": "", "note": "" } }),
        bad,
    );
    let plan = c.ok("plan", json!({ "projectId": pid }));
    c.err("plan", json!({ "projectId": 999_999 }), nf);
    let step = plan
        .as_array()
        .unwrap()
        .iter()
        .find(|s| s["fiscal_year"] == 2028)
        .unwrap();
    c.ok("delete_plan_step", json!({ "id": id(step) }));
    c.err("delete_plan_step", json!({ "id": id(step) }), nf);
    c.ok(
        "plan_charts",
        json!({ "projectId": pid, "fiscalYear": 2024 }),
    );
    c.err(
        "plan_charts",
        json!({ "projectId": 999_999, "fiscalYear": 2024 }),
        nf,
    );
    c.err(
        "plan_charts",
        json!({ "projectId": pid, "fiscalYear": 20245 }),
        bad,
    );

    let ev = json!({ "meeting_id": id(&mt), "kind": "他者評価", "evaluator_id": null, "written_on": "2024-12-11",
        "scores": [4, 3, 3, 2], "comments": ["", "", "", ""] });
    let e = c.ok("create_evaluation", json!({ "input": ev }));
    let mut early = ev.clone();
    early["written_on"] = json!("2024-12-01");
    c.err("create_evaluation", json!({ "input": early }), bad);
    c.ok("meeting_evaluations", json!({ "meetingId": id(&mt) }));
    c.err("meeting_evaluations", json!({ "meetingId": 999_999 }), nf);
    c.ok("update_evaluation", json!({ "id": id(&e), "input": ev }));
    let back = c.ok("evaluation_input", json!({ "id": id(&e) }));
    assert_eq!(back["scores"], ev["scores"], "{back}");
    c.err("evaluation_input", json!({ "id": 999_999 }), nf);
    c.err(
        "update_evaluation",
        json!({ "id": 999_999, "input": ev }),
        nf,
    );
    // The library's own reason why a meeting with evaluations stays.
    let blocked = c.err("delete_meeting", json!({ "id": id(&mt) }), bad);
    assert!(blocked["fields"][0]["message"]
        .as_str()
        .unwrap()
        .contains("評価が1件"));
    c.ok("delete_evaluation", json!({ "id": id(&e) }));
    c.err("delete_evaluation", json!({ "id": id(&e) }), nf);
    c.ok("delete_meeting", json!({ "id": id(&mt) }));

    let ef = json!({ "from": "", "to": "", "kind": "" });
    c.ok("evaluation_view", json!({ "projectId": pid, "filter": ef }));
    c.err(
        "evaluation_view",
        json!({ "projectId": pid, "filter": { "from": "去年", "to": "", "kind": "" } }),
        bad,
    );
    let e = c.err(
        "evaluation_view",
        json!({ "projectId": pid, "filter": { "from": "", "to": "", "kind": "", "meetings": "宴会" } }),
        bad,
    );
    assert!(
        e["fields"][0]["message"].as_str().unwrap().contains("team"),
        "{e}"
    );
    save_dir();
    let token = |name: &str, kind: &str| {
        c.ok(
            "choose_export",
            json!({ "kind": kind, "defaultName": name }),
        )["token"]
            .clone()
    };
    // A folder where the file would go: refused before anything is written.
    std::fs::create_dir_all(save_dir().join("フォルダ.pdf")).unwrap();
    let e = c.err(
        "choose_export",
        json!({ "kind": "pdf", "defaultName": "フォルダ.pdf" }),
        bad,
    );
    assert!(e["fields"][0]["message"]
        .as_str()
        .unwrap()
        .contains("フォルダです"));
    let e = token("e", "csv");
    c.ok(
        "export_evaluations_csv",
        json!({ "projectId": pid, "filter": ef, "target": e }),
    );
    let bad_kind = json!({ "from": "", "to": "", "kind": "相互" });
    let e2 = token("e2", "csv");
    c.err(
        "export_evaluations_csv",
        json!({ "projectId": pid, "filter": bad_kind, "target": e2 }),
        bad,
    );
    let done = c.ok(
        "export_evaluations_xlsx",
        json!({ "projectId": null, "filter": ef, "target": token("e3", "xlsx") }),
    );
    let path = done["path"].as_str().unwrap();
    assert!(path.ends_with("e3.xlsx"), "{done}");
    // Out of the way of the filled 表1 workbooks chosen from the same folder below.
    std::fs::remove_file(path).unwrap();
    c.err(
        "export_evaluations_xlsx",
        json!({ "projectId": pid, "filter": bad_kind, "target": token("e4", "xlsx") }),
        bad,
    );

    // 表1 as an Excel workbook for a meeting, and filled workbooks back,
    // several at once, previewed by file, sheet and cell.
    let demo_meetings = c.ok(
        "list_meetings",
        json!({ "projectId": pid, "filter": { "kind": "", "from": "", "to": "" } }),
    );
    let dm = id(&demo_meetings[0]);
    let x = token("表1", "xlsx");
    c.ok(
        "export_evaluation_form_xlsx",
        json!({ "projectId": pid, "meetingId": dm, "target": x }),
    );
    let x2 = token("表1の2", "xlsx");
    c.err(
        "export_evaluation_form_xlsx",
        json!({ "projectId": pid, "meetingId": 999_999, "target": x2 }),
        nf,
    );
    let chosen = c.ok("choose_imports", json!({ "kind": "xlsx" }));
    let sources: Vec<Value> = chosen
        .as_array()
        .unwrap()
        .iter()
        .map(|s| s["token"].clone())
        .collect();
    assert_eq!(sources.len(), 1, "{chosen}");
    let p = c.ok(
        "preview_evaluation_xlsx",
        json!({ "sources": sources, "projectId": pid, "meetingId": dm }),
    );
    // The blank form: nothing to take in, the empty 評価者 named by its cell.
    assert_eq!(p["added"], 0, "{p}");
    assert!(
        p["files"][0]["rows"][0]["problems"][0]
            .as_str()
            .unwrap()
            .starts_with("B3："),
        "{p}"
    );
    c.ok(
        "import_evaluation_xlsx",
        json!({ "sources": sources, "projectId": pid, "meetingId": dm }),
    );
    c.err(
        "preview_evaluation_xlsx",
        json!({ "sources": ["made-up"], "projectId": pid, "meetingId": null }),
        bad,
    );
    c.err(
        "import_evaluation_xlsx",
        json!({ "sources": sources, "projectId": 999_999, "meetingId": null }),
        nf,
    );

    // テキスト分析: the demo's comments, as a network, its words' comments, exports.
    let tf = json!({ "meeting_id": null, "from": "", "to": "", "kind": "", "items": [], "min_freq": 2, "top": 60 });
    let view = c.ok("text_view", json!({ "projectId": pid, "filter": tf }));
    let nodes = view["analysis"]["network"]["nodes"].as_array().unwrap();
    assert!(!nodes.is_empty(), "{view}");
    assert!(view["svg"].as_str().unwrap().starts_with("<svg"));
    assert_eq!(
        view["meeting_svgs"].as_array().unwrap().len(),
        view["analysis"]["per_meeting"].as_array().unwrap().len()
    );
    let word = nodes[0]["word"].as_str().unwrap();
    let found = c.ok(
        "text_comments",
        json!({ "projectId": pid, "filter": tf, "word": word }),
    );
    assert!(found
        .as_array()
        .unwrap()
        .iter()
        .all(|d| d["comment"].is_string()));
    assert!(!found.as_array().unwrap().is_empty());
    let mut bad_tf = tf.clone();
    bad_tf["min_freq"] = json!(0);
    c.err(
        "text_view",
        json!({ "projectId": pid, "filter": bad_tf }),
        bad,
    );
    c.err(
        "text_comments",
        json!({ "projectId": pid, "filter": bad_tf, "word": word }),
        bad,
    );
    let stop = c.ok("set_stop_words", json!({ "words": [word, " ", word] }));
    assert_eq!(stop, json!([word]), "blanks and repeats dropped");
    let without = c.ok("text_view", json!({ "projectId": pid, "filter": tf }));
    assert!(without["analysis"]["network"]["words"]
        .as_array()
        .unwrap()
        .iter()
        .all(|w| w["word"] != word));
    c.ok("set_stop_words", json!({ "words": null }));
    c.ok(
        "set_word_classes",
        json!({ "classes": ["名詞", "サ変名詞"] }),
    );
    c.ok("set_word_classes", json!({ "classes": ["名詞", "サ変名詞", "形容動詞", "固有名詞", "動詞", "形容詞", "副詞", "感動詞"] }));
    let g = token("net", "graphml");
    c.ok(
        "export_network",
        json!({ "projectId": pid, "filter": tf, "format": "graphml", "target": g }),
    );
    let g2 = token("net2", "graphml");
    c.err(
        "export_network",
        json!({ "projectId": pid, "filter": tf, "format": "pptx", "target": g2 }),
        bad,
    );

    c.err("open_last_export", json!({}), "internal");
    let report = json!({ "from": "", "to": "", "sections": [1], "author": "", "seireki": false });
    let r1 = token("r", "pdf");
    let r = c.ok(
        "export_report",
        json!({ "projectId": pid, "input": report, "target": r1 }),
    );
    assert!(std::fs::read(r["path"].as_str().unwrap())
        .unwrap()
        .starts_with(b"%PDF-"));
    let no_such = json!({ "from": "", "to": "", "sections": [13], "author": "", "seireki": false });
    let r2 = token("r2", "pdf");
    c.err(
        "export_report",
        json!({ "projectId": pid, "input": no_such, "target": r2 }),
        bad,
    );
    let f1 = token("f", "pdf");
    c.ok("export_form", json!({ "evaluationId": null, "target": f1 }));
    let f2 = token("f2", "pdf");
    c.err(
        "export_form",
        json!({ "evaluationId": 999_999, "target": f2 }),
        nf,
    );

    // 事業全体: the program, its people, meetings and tasks, its documents.
    let programs = c.ok("list_programs", json!({}));
    let gid = id(&programs[0]);
    let program = json!({ "name": "IPC事業全体", "fiscal_year": 2025, "organizer": "", "secretariat": "", "note": "" });
    let g = c.ok("create_program", json!({ "input": program }));
    c.err("create_program", json!({ "input": program }), bad);
    let mut renamed = program.clone();
    renamed["name"] = json!("IPC事業全体（改）");
    assert_eq!(
        c.ok("update_program", json!({ "id": id(&g), "input": renamed }))["name"],
        "IPC事業全体（改）"
    );
    c.err(
        "update_program",
        json!({ "id": 999_999, "input": program }),
        nf,
    );
    let view = c.ok("program_view", json!({ "programId": gid }));
    assert_eq!(view["teams"].as_array().unwrap().len(), 2, "{view}");
    assert!(view["work"].as_array().unwrap().len() >= 6);
    c.err("program_view", json!({ "programId": 999_999 }), nf);
    let people = c.ok("program_people", json!({ "programId": gid }));
    assert_eq!(people[0]["role"], "伴走支援班リーダー");
    c.err("program_people", json!({ "programId": 999_999 }), nf);
    let person =
        json!({ "name": "試験 花子", "role": "伴走支援者", "affiliation": "", "email": "" });
    let who = c.ok("add_person", json!({ "programId": gid, "input": person }));
    c.err("add_person", json!({ "programId": gid, "input": { "name": "", "role": "班長", "affiliation": "", "email": "" } }), bad);
    c.ok("update_person", json!({ "id": id(&who), "input": person }));
    c.err(
        "update_person",
        json!({ "id": 999_999, "input": person }),
        nf,
    );
    let assigned = c.ok(
        "assign_person",
        json!({ "personId": id(&who), "projectId": pid }),
    );
    assert_eq!(assigned["assignments"][0]["project_id"], pid);
    c.err(
        "assign_person",
        json!({ "personId": id(&who), "projectId": 999_999 }),
        nf,
    );
    let off = c.ok(
        "unassign_person",
        json!({ "personId": id(&who), "projectId": pid }),
    );
    assert!(off["assignments"].as_array().unwrap().is_empty(), "{off}");
    c.err(
        "unassign_person",
        json!({ "personId": 999_999, "projectId": pid }),
        nf,
    );
    let pm = c.ok("list_program_meetings", json!({ "programId": gid }));
    assert_eq!(pm.as_array().unwrap().len(), 15);
    c.err("list_program_meetings", json!({ "programId": 999_999 }), nf);
    c.ok("list_program_tasks", json!({ "programId": gid }));
    c.err("list_program_tasks", json!({ "programId": 999_999 }), nf);
    let ptask = json!({ "title": "研修会の案内を送る", "owner_id": id(&who), "due_date": "2025-01-10", "status": "未着手",
        "phase": null, "meeting_id": pm[0]["id"], "milestone": false, "note": "" });
    c.ok(
        "create_program_task",
        json!({ "programId": gid, "input": ptask }),
    );
    let mut stranger = ptask.clone();
    stranger["owner_id"] = json!(999_999);
    c.err(
        "create_program_task",
        json!({ "programId": gid, "input": stranger }),
        bad,
    );
    for (doc, kind) in [
        ("dashboard-csv", "csv"),
        ("dashboard-xlsx", "xlsx"),
        ("dashboard-pdf", "pdf"),
        ("year-summary", "pdf"),
    ] {
        let t = token(&format!("事業全体_{doc}"), kind);
        let done = c.ok(
            "export_program",
            json!({ "programId": gid, "document": doc, "target": t }),
        );
        assert!(done["bytes"].as_u64().unwrap() > 500, "{doc}: {done}");
    }
    c.err(
        "export_program",
        json!({ "programId": 999_999, "document": "year-summary", "target": token("x", "pdf") }),
        nf,
    );

    // アンケート: the demo's 研修会 survey, a new one from a template, answers.
    let surveys = c.ok("list_surveys", json!({}));
    let training = id(&surveys[0]);
    let view = c.ok("survey_view", json!({ "surveyId": training, "by": null }));
    assert_eq!(view["results"]["n"], 48);
    assert_eq!(
        view["results"]["questions"][3]["sentence"],
        "5点（非常に満足）・4点（満足）を合わせると98%"
    );
    let job = view["survey"]["questions"][0]["id"].clone();
    let split = c.ok("survey_view", json!({ "surveyId": training, "by": job }));
    assert_eq!(split["groups"].as_array().unwrap().len(), 2);
    c.err(
        "survey_view",
        json!({ "surveyId": 999_999, "by": null }),
        nf,
    );
    let sv = json!({ "title": "IPCアンケート", "description": "", "participants": "20", "meeting_id": null });
    let made = c.ok(
        "create_survey",
        json!({ "programId": gid, "projectId": null, "input": sv, "template": "training" }),
    );
    assert_eq!(made["questions"].as_array().unwrap().len(), 14, "問1〜14");
    assert_eq!(
        made["questions"][10]["show_if"]["text"],
        "問10で「検討している」と答えた方のみ"
    );
    c.err(
        "create_survey",
        json!({ "programId": gid, "projectId": pid, "input": sv, "template": null }),
        bad,
    );
    c.ok("update_survey", json!({ "id": id(&made), "input": sv }));
    let mut bad_sv = sv.clone();
    bad_sv["participants"] = json!("たくさん");
    c.err(
        "update_survey",
        json!({ "id": id(&made), "input": bad_sv }),
        bad,
    );
    let question = json!({ "kind": "単一選択", "text": "参加方法", "section": "", "required": false, "options": "会場\nオンライン", "rows": "" });
    let with_q = c.ok(
        "add_question",
        json!({ "surveyId": id(&made), "input": question }),
    );
    let qid = with_q["questions"][14]["id"].clone();
    c.err("add_question", json!({ "surveyId": id(&made), "input": { "kind": "単一選択", "text": "x", "section": "", "required": false, "options": "一つだけ", "rows": "" } }), bad);
    // Skip logic that names no earlier question of the survey is refused.
    let e = c.err("add_question", json!({ "surveyId": id(&made), "input": { "kind": "短い記述", "text": "x", "section": "", "required": false, "options": "", "rows": "", "show_if_question": 999_999, "show_if_options": [0], "count_blank": false } }), bad);
    assert_eq!(e["fields"][0]["field"], "show_if_question", "{e}");
    c.ok("update_question", json!({ "id": qid, "input": question }));
    c.err(
        "update_question",
        json!({ "id": 999_999, "input": question }),
        nf,
    );
    let moved = c.ok("move_question", json!({ "id": qid, "up": true }));
    assert_eq!(moved["questions"][13]["text"], "参加方法");
    c.err("move_question", json!({ "id": 999_999, "up": true }), nf);
    let q0 = made["questions"][0]["id"].clone();
    let q3 = made["questions"][3]["id"].clone();
    let sheet = |score: u8| {
        json!({ "answered_on": "", "source": "紙", "answers": [
        { "question_id": q0, "answer": { "type": "choice", "value": 1 } },
        { "question_id": made["questions"][2]["id"], "answer": { "type": "choice", "value": 7 } },
        { "question_id": q3, "answer": { "type": "score", "value": score } },
        { "question_id": made["questions"][4]["id"], "answer": { "type": "score", "value": 4 } },
        { "question_id": made["questions"][5]["id"], "answer": { "type": "score", "value": 4 } },
        { "question_id": made["questions"][6]["id"], "answer": { "type": "score", "value": 4 } } ] })
    };
    let answer = c.ok(
        "add_response",
        json!({ "surveyId": id(&made), "input": sheet(5) }),
    );
    let e = c.err(
        "add_response",
        json!({ "surveyId": id(&made), "input": sheet(6) }),
        bad,
    );
    assert!(
        e["fields"][0]["message"].as_str().unwrap().contains("1〜5"),
        "{e}"
    );
    c.ok(
        "update_response",
        json!({ "id": id(&answer), "input": sheet(4) }),
    );
    c.err(
        "update_response",
        json!({ "id": 999_999, "input": sheet(4) }),
        nf,
    );
    assert_eq!(
        c.ok("list_responses", json!({ "surveyId": id(&made) }))
            .as_array()
            .unwrap()
            .len(),
        1
    );
    c.err("list_responses", json!({ "surveyId": 999_999 }), nf);
    let e = c.err("delete_question", json!({ "id": q3 }), bad);
    assert!(
        e["fields"][0]["message"]
            .as_str()
            .unwrap()
            .contains("回答が1件"),
        "{e}"
    );
    c.ok("delete_question", json!({ "id": qid }));
    for (doc, kind) in [
        ("results-csv", "csv"),
        ("results-xlsx", "xlsx"),
        ("results-pdf", "pdf"),
        ("form", "pdf"),
    ] {
        let t = token(&format!("アンケート_{doc}"), kind);
        let done = c.ok(
            "export_survey",
            json!({ "surveyId": training, "document": doc, "by": job, "target": t }),
        );
        assert!(done["bytes"].as_u64().unwrap() > 300, "{doc}: {done}");
    }
    c.err(
        "export_survey",
        json!({ "surveyId": 999_999, "document": "form", "by": null, "target": token("y", "pdf") }),
        nf,
    );
    // Answers from a CSV as Google Forms writes it.
    std::fs::write(
        save_dir().join("回答.csv"),
        "タイムスタンプ,職種,所属の都道府県,4. 研修会全体の満足度についてお答えください,厚生労働省の講演の理解度についてお答えください,保健師の講演の理解度についてお答えください,モデルチームの講演の理解度についてお答えください\n         2024/10/05 16:01:00,作業療法士（OT）,山口県,非常に満足,4,4,5\n         2024/10/05 16:02:00,理学療法士（PT）,茨城県,7,4,4,5\n",
    )
    .unwrap();
    let sheet_src = c.ok("choose_import", json!({ "kind": "csv" }));
    let p = c.ok(
        "preview_survey_csv",
        json!({ "source": sheet_src["token"], "surveyId": id(&made), "mapping": null }),
    );
    assert_eq!(
        (p["new"].as_u64(), p["refused"][0]["row"].as_u64()),
        (Some(1), Some(3)),
        "{p}"
    );
    c.err(
        "preview_survey_csv",
        json!({ "source": sheet_src["token"], "surveyId": 999_999, "mapping": null }),
        nf,
    );
    c.ok(
        "import_survey_csv",
        json!({ "source": sheet_src["token"], "surveyId": id(&made), "mapping": p["mapping"] }),
    );
    c.err("import_survey_csv", json!({ "source": sheet_src["token"], "surveyId": id(&made), "mapping": [{ "column": 99, "question_id": q0, "row": null }] }), bad);
    c.ok("delete_response", json!({ "id": id(&answer) }));
    c.err("delete_response", json!({ "id": id(&answer) }), nf);
    c.ok("delete_survey", json!({ "id": id(&made) }));
    c.err("delete_survey", json!({ "id": id(&made) }), nf);

    // 伴走ガイド: suggestions taken or set aside, rules and practices, reflections,
    // 会議の準備 and its handout.
    // The start-up mark does nothing unless BANSOU_READY_FILE is set.
    c.ok("app_ready", json!({}));
    let next = c.ok("guide_suggestions", json!({ "projectId": pid }));
    let s0 = next[0].clone();
    assert!(s0["trigger"].as_str().unwrap().len() > 3, "{s0}");
    c.err("guide_suggestions", json!({ "projectId": 999_999 }), nf);
    let task = c.ok(
        "take_suggestion",
        json!({ "projectId": pid, "ruleKey": s0["rule_key"], "fingerprint": s0["fingerprint"] }),
    );
    assert_eq!(task["title"], s0["task"]);
    c.err(
        "take_suggestion",
        json!({ "projectId": pid, "ruleKey": s0["rule_key"], "fingerprint": s0["fingerprint"] }),
        bad,
    );
    if let Some(s1) = c
        .ok("guide_suggestions", json!({ "projectId": pid }))
        .get(0)
    {
        let d =
            json!({ "rule_key": s1["rule_key"], "fingerprint": s1["fingerprint"], "reason": "" });
        c.err(
            "dismiss_suggestion",
            json!({ "projectId": pid, "input": d }),
            bad,
        );
        let d = json!({ "rule_key": s1["rule_key"], "fingerprint": s1["fingerprint"], "reason": "次年度" });
        c.ok(
            "dismiss_suggestion",
            json!({ "projectId": pid, "input": d }),
        );
    }
    let rules = c.ok("guide_rules", json!({}));
    assert_eq!(rules.as_array().unwrap().len(), 8);
    let mut rule = json!({ "key": "", "condition": "overdue_tasks", "item": "", "value": "2",
        "title": "IPCの規則", "reason": "", "source": "士会の独自ルール", "task": "確認する", "enabled": true });
    let saved = c.ok("save_rule", json!({ "input": rule }));
    let own = saved[8]["key"].clone();
    rule["value"] = json!("0");
    c.err("save_rule", json!({ "input": rule }), bad);
    assert_eq!(
        c.ok("reset_rule", json!({ "key": own }))
            .as_array()
            .unwrap()
            .len(),
        8
    );
    let practices = c.ok("guide_practices", json!({}));
    assert_eq!(practices[0]["mark"], "①");
    let pr = json!({ "key": "goal", "timing": "初動時", "mark": "①", "text": "", "active": true });
    c.err("save_practice", json!({ "input": pr }), bad);
    c.ok("reset_practice", json!({ "key": "goal" }));
    let members = c.ok("list_members", json!({ "projectId": pid }));
    let supporter = members
        .as_array()
        .unwrap()
        .iter()
        .find(|m| m["role"] == "伴走支援者")
        .unwrap()["id"]
        .clone();
    let meeting = c.ok(
        "list_meetings",
        json!({ "projectId": pid, "filter": { "kind": "", "from": "", "to": "" } }),
    )[0]["id"]
        .clone();
    let refl = json!({ "meeting_id": meeting, "member_id": supporter,
        "entries": [{ "practice_key": "goal", "state": "実施", "note": "" }] });
    assert_eq!(
        c.ok("save_reflection", json!({ "input": refl }))
            .as_array()
            .unwrap()
            .len(),
        1
    );
    let refl_bad = json!({ "meeting_id": meeting, "member_id": supporter,
        "entries": [{ "practice_key": "goal", "state": "?", "note": "" }] });
    c.err("save_reflection", json!({ "input": refl_bad }), bad);
    assert_eq!(
        c.ok("meeting_reflections", json!({ "meetingId": meeting }))
            .as_array()
            .unwrap()
            .len(),
        1
    );
    let usage = c.ok("practice_usage", json!({ "projectId": pid }));
    assert_eq!(usage[0]["done"], 1);
    let prep = c.ok(
        "prepare_meeting",
        json!({ "meetingId": meeting, "projectId": null }),
    );
    assert!(prep["agenda"].is_array());
    c.err(
        "prepare_meeting",
        json!({ "meetingId": 999_999, "projectId": null }),
        nf,
    );
    let done = c.ok(
        "export_preparation",
        json!({ "meetingId": meeting, "projectId": pid, "target": token("準備", "pdf") }),
    );
    assert!(done["bytes"].as_u64().unwrap() > 300, "{done}");

    // 交換: files for other PCs, and files from them.
    let t = token("山口", "bansou");
    c.ok("export_bundle", json!({ "projectId": pid, "target": t }));
    c.err(
        "export_bundle",
        json!({ "projectId": 999_999, "target": token("x", "bansou") }),
        nf,
    );
    let first = c.ok(
        "list_meetings",
        json!({ "projectId": pid, "filter": { "kind": "", "from": "", "to": "" } }),
    )[0]["id"]
        .clone();
    let t = token("依頼", "bansou");
    c.ok(
        "export_evaluation_request",
        json!({ "projectId": pid, "meetingId": first, "target": t }),
    );
    let t = token("依頼2", "bansou");
    c.err(
        "export_evaluation_request",
        json!({ "projectId": pid, "meetingId": 999_999, "target": t }),
        nf,
    );
    let t = token("回答", "bansou");
    c.ok(
        "export_evaluation_response",
        json!({ "projectId": pid, "meetingId": first, "target": t }),
    );
    let t = token("回答2", "bansou");
    c.err(
        "export_evaluation_response",
        json!({ "projectId": 999_999, "meetingId": first, "target": t }),
        bad,
    );
    // The newest .bansou in the test folder: the 評価回答 just written.
    let source = c.ok("choose_import", json!({ "kind": "bansou" }));
    assert_eq!(source["file_name"], "回答.bansou");
    let preview = c.ok("preview_bundle", json!({ "source": source["token"] }));
    assert_eq!(preview["added"], 0, "our own file: {preview}");
    c.err("preview_bundle", json!({ "source": "made-up" }), bad);
    c.ok(
        "import_bundle",
        json!({ "source": source["token"], "choices": { "all": null, "each": {} } }),
    );
    c.err(
        "import_bundle",
        json!({ "source": "made-up", "choices": { "all": null, "each": {} } }),
        bad,
    );
    let t = token("評価", "csv");
    c.ok(
        "export_list_csv",
        json!({ "projectId": pid, "list": "evaluations", "target": t }),
    );
    let t = token("評価2", "csv");
    c.err(
        "export_list_csv",
        json!({ "projectId": 999_999, "list": "tasks", "target": t }),
        nf,
    );
    let t = token("準備チェック", "xlsx");
    c.ok(
        "export_list_xlsx",
        json!({ "projectId": pid, "list": "checklist", "target": t }),
    );
    c.err(
        "export_list_xlsx",
        json!({ "projectId": 999_999, "list": "meetings", "target": token("会議", "xlsx") }),
        nf,
    );
    let t = token("一覧", "xlsx");
    c.ok(
        "export_lists_xlsx",
        json!({ "projectId": pid, "target": t }),
    );
    let t = token("一覧2", "xlsx");
    c.err(
        "export_lists_xlsx",
        json!({ "projectId": 999_999, "target": t }),
        nf,
    );
    let sheet = c.ok("choose_import", json!({ "kind": "csv" }));
    let p = c.ok(
        "preview_evaluation_csv",
        json!({ "source": sheet["token"], "projectId": pid, "mapping": null }),
    );
    assert_eq!(p["new"], 0, "our own export: {p}");
    assert_eq!(p["mapping"]["layout"], "long");
    c.err(
        "preview_evaluation_csv",
        json!({ "source": sheet["token"], "projectId": 999_999, "mapping": null }),
        nf,
    );
    c.ok(
        "import_evaluation_csv",
        json!({ "source": sheet["token"], "projectId": pid, "mapping": p["mapping"] }),
    );
    let mut wrong = p["mapping"].clone();
    wrong["meeting_date"] = json!(99);
    c.err(
        "import_evaluation_csv",
        json!({ "source": sheet["token"], "projectId": pid, "mapping": wrong }),
        bad,
    );

    let status = c.ok("backup_status", json!({}));
    assert_eq!(status["keep"], 14);
    let made = c.ok("backup_now", json!({}));
    assert!(made["file_name"].as_str().unwrap().contains(".manual-"));
    assert_eq!(c.ok("set_backup_keep", json!({ "keep": 5 })), 5);
    c.err("set_backup_keep", json!({ "keep": 0 }), bad);
    c.ok("restore_backup", json!({ "fileName": made["file_name"] }));
    c.err(
        "restore_backup",
        json!({ "fileName": "../../etc/passwd" }),
        nf,
    );
    // 「このデータを1つのファイルに書き出す」, and that file read in on a new PC.
    let t = c.ok(
        "choose_export",
        json!({ "kind": "backup", "defaultName": "伴走ノートのデータ.sqlite3" }),
    )["token"]
        .clone();
    let written = c.ok("export_database", json!({ "target": t }));
    assert!(written["bytes"].as_u64().unwrap() > 4096, "{written}");
    c.err("export_database", json!({ "target": "made-up" }), bad);
    let source = c.ok("choose_import", json!({ "kind": "backup" }));
    assert_eq!(source["file_name"], "伴走ノートのデータ.sqlite3");
    let new_pc = tempfile::tempdir().unwrap();
    let (_app3, w3) = app(&new_pc.path().join("bansou.sqlite3"));
    let c3 = Calls {
        w: &w3,
        seen: Default::default(),
    };
    let source = c3.ok("choose_import", json!({ "kind": "backup" }));
    c3.ok("restore_from_file", json!({ "source": source["token"] }));
    c3.err("restore_from_file", json!({ "source": "made-up" }), bad);
    assert_eq!(
        c3.ok("list_projects", json!({})),
        c.ok("list_projects", json!({})),
        "the new PC has the same projects"
    );
    c.seen.borrow_mut().extend(c3.seen.take());
    assert!(
        c.ok("list_projects", json!({})).as_array().unwrap().len() >= 2,
        "still usable after a restore"
    );
    // Opening the folder would start a file manager; here it is called where
    // the database could not be opened, and answers with the reason.
    let future = dir.path().join("future.sqlite3");
    future_db(&future);
    let (_app2, w2) = app(&future);
    let c2 = Calls {
        w: &w2,
        seen: Default::default(),
    };
    c2.err("open_backup_folder", json!({}), "schema_too_new");
    c.seen.borrow_mut().extend(c2.seen.take());

    // 共有サーバー: not linked yet; a connection file naming a server nobody
    // runs is refused in words (オフライン) and links nothing.
    let st = c.ok("server_status", json!({}));
    assert_eq!(st["linked"], false);
    c.err("server_sync", json!({ "choice": null }), "input");
    c.err("server_connect", json!({ "token": "made-up" }), bad);
    std::fs::write(
        save_dir().join("事務局から.bansou-server"),
        "url = \"postgresql://127.0.0.1:1/bansou\"\nlogin = \"sato\"\npassword = \"x\"\nrole = \"伴走支援者\"\n",
    )
    .unwrap();
    let source = c.ok("choose_import", json!({ "kind": "connection" }));
    let said = c.err(
        "server_connect",
        json!({ "token": source["token"] }),
        "offline",
    );
    assert!(
        said["message"].as_str().unwrap().contains("オフライン"),
        "{said}"
    );
    assert_eq!(c.ok("server_disconnect", json!({}))["linked"], false);
    c.err("server_pending_source", json!({ "index": 0 }), "not_found");

    let (all, _) = common::commands();
    let seen = c.seen.borrow();
    let missed: Vec<&str> = all
        .iter()
        .map(|c| c.name.as_str())
        .filter(|n| !seen.contains(*n))
        .collect();
    assert!(missed.is_empty(), "commands never called: {missed:?}");
}
