//! Files between PCs (.bansou) and the lists as CSV.

use super::*;

/// A project as a file for another PC (.bansou).
#[tauri::command]
pub async fn export_bundle(
    state: State<'_, AppState>,
    project_id: i64,
    target: String,
) -> CmdResult<ExportResult> {
    let b = state.with(|s| s.project_bundle(project_id))?;
    save_export(&state, &target, &bansou::files::bundle_file::to_bytes(&b))
}

/// 評価依頼: one meeting for a supporter to evaluate on their own PC.
#[tauri::command]
pub async fn export_evaluation_request(
    state: State<'_, AppState>,
    project_id: i64,
    meeting_id: i64,
    target: String,
) -> CmdResult<ExportResult> {
    let b = state.with(|s| s.evaluation_request(meeting_id, project_id))?;
    save_export(&state, &target, &bansou::files::bundle_file::to_bytes(&b))
}

/// 評価回答: the evaluations of one meeting, back to the team.
#[tauri::command]
pub async fn export_evaluation_response(
    state: State<'_, AppState>,
    project_id: i64,
    meeting_id: i64,
    target: String,
) -> CmdResult<ExportResult> {
    let b = state.with(|s| s.evaluation_response(meeting_id, project_id))?;
    save_export(&state, &target, &bansou::files::bundle_file::to_bytes(&b))
}

/// One of the project's lists as CSV for Excel.
#[tauri::command]
pub async fn export_list_csv(
    state: State<'_, AppState>,
    project_id: i64,
    list: bansou::files::csv::List,
    target: String,
) -> CmdResult<ExportResult> {
    let (bytes, _) =
        state.with(|s| bansou::files::csv::list_csv(s, project_id, list, local_today()))?;
    save_export(&state, &target, &bytes)
}

/// One of the project's lists as an Excel workbook (準備チェック with its
/// history), written as the whole-project workbook writes that list.
#[tauri::command]
pub async fn export_list_xlsx(
    state: State<'_, AppState>,
    project_id: i64,
    list: bansou::files::csv::List,
    target: String,
) -> CmdResult<ExportResult> {
    let (bytes, _) = state.with(|s| {
        bansou::files::xlsx::lists::project_workbook(
            s,
            project_id,
            bansou::files::xlsx::lists::Sheet::of_list(list),
            local_today(),
        )
    })?;
    save_export(&state, &target, &bytes)
}

/// Every list of the project as one Excel workbook (a sheet each, date
/// cells in 和暦, frozen headers and filters).
#[tauri::command]
pub async fn export_lists_xlsx(
    state: State<'_, AppState>,
    project_id: i64,
    target: String,
) -> CmdResult<ExportResult> {
    let (bytes, _) = state.with(|s| {
        bansou::files::xlsx::lists::project_workbook(
            s,
            project_id,
            &bansou::files::xlsx::lists::Sheet::ALL,
            local_today(),
        )
    })?;
    save_export(&state, &target, &bytes)
}

/// What importing the chosen bundle would do (nothing is written).
#[tauri::command]
pub async fn preview_bundle(
    state: State<'_, AppState>,
    source: String,
) -> CmdResult<bansou::model::bundle::ImportSummary> {
    let path = chosen_source(&state, &source)?;
    let bundle = guarded(|| Ok(bansou::files::bundle_file::read(&path)?))?;
    state.with(|s| s.preview_import(&bundle))
}

/// Merges the chosen bundle, with the user's answers to its conflicts.
#[tauri::command]
pub async fn import_bundle(
    state: State<'_, AppState>,
    source: String,
    choices: bansou::model::bundle::Choices,
) -> CmdResult<bansou::model::bundle::ImportSummary> {
    let path = chosen_source(&state, &source)?;
    let bundle = guarded(|| Ok(bansou::files::bundle_file::read(&path)?))?;
    state.with(|s| s.import_bundle(&bundle, &choices))
}
