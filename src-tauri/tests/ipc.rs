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
