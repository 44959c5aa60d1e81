//! 準備チェック, 関係機関 and 提供資料.

use super::*;

#[tauri::command]
pub async fn checklist(state: State<'_, AppState>, project_id: i64) -> CmdResult<Checklist> {
    state.with(|s| s.checklist(project_id, local_today()))
}

#[tauri::command]
pub async fn update_checklist_item(
    state: State<'_, AppState>,
    item_id: i64,
    input: ItemUpdateInput,
) -> CmdResult<ChecklistItem> {
    state.with(|s| s.update_checklist_item(item_id, &input, local_today()))
}

#[tauri::command]
pub async fn add_checklist_item(
    state: State<'_, AppState>,
    project_id: i64,
    input: NewItemInput,
) -> CmdResult<ChecklistItem> {
    state.with(|s| s.add_checklist_item(project_id, &input, local_today()))
}

#[tauri::command]
pub async fn delete_checklist_item(state: State<'_, AppState>, item_id: i64) -> CmdResult<()> {
    state.with(|s| s.delete_checklist_item(item_id))
}

#[tauri::command]
pub async fn list_stakeholders(
    state: State<'_, AppState>,
    project_id: i64,
) -> CmdResult<Vec<Stakeholder>> {
    state.with(|s| s.stakeholders(project_id))
}

#[tauri::command]
pub async fn create_stakeholder(
    state: State<'_, AppState>,
    project_id: i64,
    input: StakeholderInput,
) -> CmdResult<Stakeholder> {
    state.with(|s| s.create_stakeholder(project_id, &input))
}

#[tauri::command]
pub async fn update_stakeholder(
    state: State<'_, AppState>,
    id: i64,
    input: StakeholderInput,
) -> CmdResult<Stakeholder> {
    state.with(|s| s.update_stakeholder(id, &input))
}

#[tauri::command]
pub async fn delete_stakeholder(state: State<'_, AppState>, id: i64) -> CmdResult<()> {
    state.with(|s| s.delete_stakeholder(id))
}

#[tauri::command]
pub async fn add_contact_log(
    state: State<'_, AppState>,
    stakeholder_id: i64,
    input: ContactLogInput,
) -> CmdResult<Stakeholder> {
    state.with(|s| s.add_contact_log(stakeholder_id, &input))
}

#[tauri::command]
pub async fn list_resources(
    state: State<'_, AppState>,
    project_id: i64,
) -> CmdResult<Vec<Resource>> {
    state.with(|s| s.resources(project_id))
}

#[tauri::command]
pub async fn create_resource(
    state: State<'_, AppState>,
    input: ResourceInput,
) -> CmdResult<Resource> {
    state.with(|s| s.create_resource(&input))
}

#[tauri::command]
pub async fn update_resource(
    state: State<'_, AppState>,
    id: i64,
    input: ResourceInput,
) -> CmdResult<Resource> {
    state.with(|s| s.update_resource(id, &input))
}

#[tauri::command]
pub async fn delete_resource(state: State<'_, AppState>, id: i64) -> CmdResult<()> {
    state.with(|s| s.delete_resource(id))
}

/// Opens a stored resource in the system browser or viewer. The window passes
/// only an id, so nothing but a checked http(s) URL or an existing local file
/// can be opened from here; a local file opens only if it is a document
/// (PDF, office, picture, text) — anything else is shown in its folder — and
/// a network path is refused.
#[tauri::command]
pub async fn open_resource<R: tauri::Runtime>(
    app: tauri::AppHandle<R>,
    state: State<'_, AppState>,
    id: i64,
) -> CmdResult<()> {
    use bansou::model::resource::{check_web_url, local_open, LocalOpen};
    use tauri_plugin_opener::OpenerExt;
    let r = state.with(|s| s.resource(id))?;
    let failed = |e: tauri_plugin_opener::Error| {
        CommandError::internal(format!("資料を開けませんでした：{e}"))
    };
    if !r.url.is_empty() {
        let url = check_web_url(&r.url).map_err(CommandError::internal)?;
        return app
            .opener()
            .open_url(url.as_str(), None::<&str>)
            .map_err(failed);
    }
    let how = local_open(&r.file_path).map_err(CommandError::internal)?;
    if !std::path::Path::new(&r.file_path).exists() {
        return Err(CommandError::internal(format!(
            "ファイルが見つかりません：{}。移動または削除された可能性があります",
            r.file_path
        )));
    }
    match how {
        LocalOpen::Document => app
            .opener()
            .open_path(&r.file_path, None::<&str>)
            .map_err(failed),
        LocalOpen::Folder => app
            .opener()
            .reveal_item_in_dir(&r.file_path)
            .map_err(failed),
    }
}
