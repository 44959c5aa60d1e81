//! Projects and their members, the overview and the phase.

use super::*;

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

/// 「削除」: the project leaves the lists, every record kept (設定 → アーカイブ).
#[tauri::command]
pub async fn archive_project(state: State<'_, AppState>, id: i64) -> CmdResult<Project> {
    state.with(|s| s.archive_project(id))
}

#[tauri::command]
pub async fn unarchive_project(state: State<'_, AppState>, id: i64) -> CmdResult<Project> {
    state.with(|s| s.unarchive_project(id))
}

#[tauri::command]
pub async fn archived_projects(state: State<'_, AppState>) -> CmdResult<Vec<Project>> {
    state.with(|s| s.archived_projects())
}

/// What deleting an archived project for good would remove, for the dialog.
#[tauri::command]
pub async fn project_deletion(state: State<'_, AppState>, id: i64) -> CmdResult<ProjectDeletion> {
    state.with(|s| s.project_deletion(id))
}

/// Deletes an archived project for good (after a backup).
#[tauri::command]
pub async fn delete_project(state: State<'_, AppState>, id: i64) -> CmdResult<ProjectDeletion> {
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

/// The records that keep a member's name (the dialog explains 退任 with them).
#[tauri::command]
pub async fn member_records(state: State<'_, AppState>, id: i64) -> CmdResult<MemberRecords> {
    state.with(|s| s.member_records(id))
}

#[tauri::command]
pub async fn remove_member(state: State<'_, AppState>, id: i64) -> CmdResult<MemberRemoval> {
    state.with(|s| s.remove_member(id))
}

#[tauri::command]
pub async fn reinstate_member(state: State<'_, AppState>, id: i64) -> CmdResult<Member> {
    state.with(|s| s.reinstate_member(id))
}

pub(super) fn local_today() -> chrono::NaiveDate {
    chrono::Local::now().date_naive()
}

#[tauri::command]
pub async fn overview(state: State<'_, AppState>, project_id: i64) -> CmdResult<Overview> {
    state.with(|s| s.overview(project_id, local_today()))
}

#[tauri::command]
pub async fn set_phase(
    state: State<'_, AppState>,
    project_id: i64,
    phase: Option<i32>,
) -> CmdResult<Project> {
    state.with(|s| s.set_phase(project_id, phase))
}
