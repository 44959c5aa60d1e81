//! 強み分析.

use super::*;

#[tauri::command]
pub async fn strengths(state: State<'_, AppState>, project_id: i64) -> CmdResult<Strengths> {
    state.with(|s| bansou::analysis::strength::strengths(s, project_id))
}

/// The radar as SVG, drawn by the library's chart module (the report prints
/// the same scene).
#[tauri::command]
pub async fn strength_chart(
    state: State<'_, AppState>,
    project_id: i64,
    by_barrier: bool,
) -> CmdResult<String> {
    state.with(|s| {
        let strengths = bansou::analysis::strength::strengths(s, project_id)?;
        let scene = bansou::chart::radar::strengths_radar(&strengths, by_barrier);
        Ok(bansou::chart::svg::render(&scene))
    })
}

#[tauri::command]
pub async fn create_strength_session(
    state: State<'_, AppState>,
    project_id: i64,
    input: SessionInput,
) -> CmdResult<i64> {
    state.with(|s| s.create_strength_session(project_id, &input))
}

#[tauri::command]
pub async fn delete_strength_session(state: State<'_, AppState>, session_id: i64) -> CmdResult<()> {
    state.with(|s| s.delete_strength_session(session_id))
}

#[tauri::command]
pub async fn rate_strength(
    state: State<'_, AppState>,
    session_id: i64,
    item_id: i64,
    input: RatingInput,
) -> CmdResult<()> {
    state.with(|s| s.rate_strength(session_id, item_id, &input))
}

#[tauri::command]
pub async fn add_strength_item(
    state: State<'_, AppState>,
    project_id: i64,
    input: StrengthItemInput,
) -> CmdResult<i64> {
    state.with(|s| s.add_strength_item(project_id, &input))
}

#[tauri::command]
pub async fn rename_strength_item(
    state: State<'_, AppState>,
    item_id: i64,
    text: String,
) -> CmdResult<()> {
    state.with(|s| s.rename_strength_item(item_id, &text))
}

#[tauri::command]
pub async fn set_strength_item_hidden(
    state: State<'_, AppState>,
    item_id: i64,
    hidden: bool,
) -> CmdResult<()> {
    state.with(|s| s.set_strength_item_hidden(item_id, hidden))
}

/// The team's words for the strength scale 1–4; null goes back to the app's example.
#[tauri::command]
pub async fn set_strength_scale(
    state: State<'_, AppState>,
    project_id: i64,
    labels: Option<Vec<String>>,
) -> CmdResult<()> {
    state.with(|s| s.set_strength_scale(project_id, labels.as_deref()))
}
