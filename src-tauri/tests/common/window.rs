//! The shell in Tauri's mock runtime, called as the window calls it.

use bansou_app::state::AppState;
use serde_json::{json, Value};
use tauri::ipc::{CallbackFn, InvokeBody};
use tauri::test::{get_ipc_response, mock_builder, mock_context, noop_assets, INVOKE_KEY};
use tauri::webview::InvokeRequest;
use tauri::{WebviewUrl, WebviewWindowBuilder};

pub fn invoke(webview: &Window, cmd: &str, args: Value) -> Result<Value, Value> {
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

pub type App = tauri::App<tauri::test::MockRuntime>;
pub type Window = tauri::WebviewWindow<tauri::test::MockRuntime>;

pub fn app(db: &std::path::Path) -> (App, Window) {
    let app = bansou_app::setup(mock_builder(), AppState::open(Some(db.to_owned())))
        .build(mock_context(noop_assets()))
        .unwrap();
    let webview = WebviewWindowBuilder::new(&app, "main", WebviewUrl::default())
        .build()
        .unwrap();
    (app, webview)
}

pub fn project(name: &str) -> Value {
    json!({
        "name": name, "program": "", "prefecture": "山口県", "profession": "PT",
        "theme": "腰痛予防", "target": "企業", "start_date": "2024-06-01",
        "end_date": "2025-03-31", "goal": ""
    })
}
