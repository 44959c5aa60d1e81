//! The commands as the window calls them, through Tauri's IPC (mock runtime).

use bansou_app::state::AppState;
use serde_json::{json, Value};
use tauri::ipc::{CallbackFn, InvokeBody};
use tauri::test::{get_ipc_response, mock_builder, mock_context, noop_assets, INVOKE_KEY};
use tauri::webview::InvokeRequest;
use tauri::{WebviewUrl, WebviewWindowBuilder};

fn invoke(webview: &Window, cmd: &str, args: Value) -> Result<Value, Value> {
    let request = InvokeRequest {
        cmd: cmd.into(),
        callback: CallbackFn(0),
        error: CallbackFn(1),
        // tauri://localhost is the app's own origin on Linux; http://tauri.localhost
        // is treated as remote there and every command would be refused.
        url: "tauri://localhost".parse().unwrap(),
        body: InvokeBody::Json(args),
        headers: Default::default(),
        invoke_key: INVOKE_KEY.to_string(),
    };
    get_ipc_response(webview, request).map(|b| b.deserialize::<Value>().unwrap())
}

type App = tauri::App<tauri::test::MockRuntime>;
type Window = tauri::WebviewWindow<tauri::test::MockRuntime>;

fn app(db: &std::path::Path) -> (App, Window) {
    let app = bansou_app::setup(mock_builder(), AppState::open(Some(db.to_owned())))
        .build(mock_context(noop_assets()))
        .unwrap();
    let webview = WebviewWindowBuilder::new(&app, "main", WebviewUrl::default())
        .build()
        .unwrap();
    (app, webview)
}

fn project(name: &str) -> Value {
    json!({
        "name": name, "program": "", "prefecture": "山口県", "profession": "PT",
        "theme": "腰痛予防", "target": "企業", "start_date": "2024-06-01",
        "end_date": "2025-03-31", "goal": ""
    })
}

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
        json!({ "projectId": id, "input": { "name": "山本", "role": "リーダー", "affiliation": "", "email": "" } }),
    )
    .unwrap();
    assert_eq!(m["role"], "リーダー");
    let list = invoke(&w, "list_projects", json!({})).unwrap();
    assert_eq!(list[0]["leader"], "山本");

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
    assert_eq!(view["bar_charts"].as_array().unwrap().len(), 4);
    assert!(view["summary"]["sentence"]
        .as_str()
        .unwrap()
        .contains("臨機応変な支援"));

    let out = dir.path().join("評価.csv");
    let n = invoke(
        &w,
        "export_evaluations_csv",
        json!({ "projectId": null, "filter": filter, "path": out.to_str().unwrap() }),
    )
    .unwrap();
    assert!(n.as_u64().unwrap() > 0);
    let bytes = std::fs::read(&out).unwrap();
    assert!(bytes.starts_with(b"\xEF\xBB\xBF"));
    let lines = String::from_utf8(bytes).unwrap().lines().count() as u64;
    assert_eq!(lines, n.as_u64().unwrap() * 4 + 1);

    // A folder that does not exist: a Japanese message, and no file appears.
    let bad = dir.path().join("ない").join("x.csv");
    let err = invoke(
        &w,
        "export_evaluations_csv",
        json!({ "projectId": null, "filter": filter, "path": bad.to_str().unwrap() }),
    )
    .unwrap_err();
    assert_eq!(err["code"], "io");
    assert!(err["message"]
        .as_str()
        .unwrap()
        .contains("扱えませんでした"));
    assert!(!bad.exists());
}
