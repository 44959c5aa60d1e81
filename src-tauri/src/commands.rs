//! IPC commands: each adapts one library call. No domain logic lives here.
//! They are `async` so Tauri runs them off the window's main thread.

use crate::error::CommandError;
use crate::state::AppState;
use bansou::demo::{self, DemoOutcome};
use bansou::model::{Catalog, Member, MemberInput, Project, ProjectInput};
use serde::Serialize;
use tauri::State;
use ts_rs::TS;

type CmdResult<T> = Result<T, CommandError>;

const WELCOME_DONE: &str = "welcome_done";

#[derive(Debug, Serialize, TS)]
#[ts(export)]
pub struct AppStatus {
    /// Where the data lives, shown in 設定.
    pub db_path: String,
    #[ts(type = "number")]
    pub schema_version: i64,
    /// Set when the database could not be opened; the window shows it.
    pub error: Option<CommandError>,
    /// First start: offer the demo or an empty start.
    pub welcome_pending: bool,
}

#[tauri::command]
pub async fn app_status(state: State<'_, AppState>) -> CmdResult<AppStatus> {
    let db_path = state
        .db_path
        .as_ref()
        .map(|p| p.display().to_string())
        .unwrap_or_default();
    let schema_version = bansou::store::schema_version();
    if let Some(error) = state.open_error() {
        return Ok(AppStatus {
            db_path,
            schema_version,
            error: Some(error),
            welcome_pending: false,
        });
    }
    let welcome_pending =
        state.with(|s| Ok(s.setting(WELCOME_DONE)?.is_none() && s.projects()?.is_empty()))?;
    Ok(AppStatus {
        db_path,
        schema_version,
        error: None,
        welcome_pending,
    })
}

#[tauri::command]
pub async fn catalog() -> Catalog {
    Catalog::get()
}

/// The welcome's answer: load the demo (true) or start empty (false).
#[tauri::command]
pub async fn finish_welcome(state: State<'_, AppState>, load_demo: bool) -> CmdResult<bool> {
    state.with(|s| {
        let loaded = if load_demo {
            matches!(demo::load(s)?, DemoOutcome::Loaded { .. })
        } else {
            false
        };
        s.set_setting(WELCOME_DONE, "1")?;
        Ok(loaded)
    })
}

#[tauri::command]
pub async fn load_demo(state: State<'_, AppState>) -> CmdResult<bool> {
    state.with(|s| Ok(matches!(demo::load(s)?, DemoOutcome::Loaded { .. })))
}

#[tauri::command]
pub async fn list_projects(state: State<'_, AppState>) -> CmdResult<Vec<Project>> {
    state.with(|s| s.projects())
}

#[tauri::command]
pub async fn create_project(state: State<'_, AppState>, input: ProjectInput) -> CmdResult<Project> {
    state.with(|s| s.create_project(&input))
}

#[tauri::command]
pub async fn update_project(
    state: State<'_, AppState>,
    id: i64,
    input: ProjectInput,
) -> CmdResult<Project> {
    state.with(|s| s.update_project(id, &input))
}

#[tauri::command]
pub async fn delete_project(state: State<'_, AppState>, id: i64) -> CmdResult<()> {
    state.with(|s| s.delete_project(id))
}

#[tauri::command]
pub async fn list_members(state: State<'_, AppState>, project_id: i64) -> CmdResult<Vec<Member>> {
    state.with(|s| s.members(project_id))
}

#[tauri::command]
pub async fn add_member(
    state: State<'_, AppState>,
    project_id: i64,
    input: MemberInput,
) -> CmdResult<Member> {
    state.with(|s| s.add_member(project_id, &input))
}

#[tauri::command]
pub async fn update_member(
    state: State<'_, AppState>,
    id: i64,
    input: MemberInput,
) -> CmdResult<Member> {
    state.with(|s| s.update_member(id, &input))
}

#[tauri::command]
pub async fn remove_member(state: State<'_, AppState>, id: i64) -> CmdResult<()> {
    state.with(|s| s.remove_member(id))
}
