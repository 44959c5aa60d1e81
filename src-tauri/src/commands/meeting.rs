//! Meetings.

use super::*;

#[tauri::command]
pub async fn list_meetings(
    state: State<'_, AppState>,
    project_id: i64,
    filter: MeetingFilter,
) -> CmdResult<Vec<Meeting>> {
    state.with(|s| s.meetings(project_id, &filter))
}

#[tauri::command]
pub async fn create_meeting(state: State<'_, AppState>, input: MeetingInput) -> CmdResult<Meeting> {
    state.with(|s| s.create_meeting(&input))
}

/// The form for editing a meeting, from the record (one conversion, in Rust).
#[tauri::command]
pub async fn meeting_input(state: State<'_, AppState>, id: i64) -> CmdResult<MeetingInput> {
    state.with(|s| Ok(s.meeting(id)?.to_input()))
}

#[tauri::command]
pub async fn update_meeting(
    state: State<'_, AppState>,
    id: i64,
    input: MeetingInput,
) -> CmdResult<Meeting> {
    state.with(|s| s.update_meeting(id, &input))
}

#[tauri::command]
pub async fn delete_meeting(state: State<'_, AppState>, id: i64) -> CmdResult<()> {
    state.with(|s| s.delete_meeting(id))
}
