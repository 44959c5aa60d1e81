//! 伴走ガイド.

use super::*;

#[tauri::command]
pub async fn guide_suggestions(
    state: State<'_, AppState>,
    project_id: i64,
) -> CmdResult<Vec<Suggestion>> {
    state.with(|s| bansou::analysis::guide::suggestions(s, project_id, local_today()))
}

/// 「タスクにする」: the suggestion shown (rule and trigger state) becomes a task.
#[tauri::command]
pub async fn take_suggestion(
    state: State<'_, AppState>,
    project_id: i64,
    rule_key: String,
    fingerprint: String,
) -> CmdResult<Task> {
    state.with(|s| {
        bansou::analysis::guide::take(s, project_id, &rule_key, &fingerprint, local_today())
    })
}

#[tauri::command]
pub async fn dismiss_suggestion(
    state: State<'_, AppState>,
    project_id: i64,
    input: DismissInput,
) -> CmdResult<()> {
    state.with(|s| s.dismiss_suggestion(project_id, &input, local_today()))
}

#[tauri::command]
pub async fn guide_rules(state: State<'_, AppState>) -> CmdResult<Vec<Rule>> {
    state.with(|s| s.rules())
}

#[tauri::command]
pub async fn save_rule(state: State<'_, AppState>, input: RuleInput) -> CmdResult<Vec<Rule>> {
    state.with(|s| s.save_rule(&input))
}

#[tauri::command]
pub async fn reset_rule(state: State<'_, AppState>, key: String) -> CmdResult<Vec<Rule>> {
    state.with(|s| s.reset_rule(&key))
}

#[tauri::command]
pub async fn guide_practices(state: State<'_, AppState>) -> CmdResult<Vec<Practice>> {
    state.with(|s| s.practices())
}

#[tauri::command]
pub async fn save_practice(
    state: State<'_, AppState>,
    input: PracticeInput,
) -> CmdResult<Vec<Practice>> {
    state.with(|s| s.save_practice(&input))
}

#[tauri::command]
pub async fn reset_practice(state: State<'_, AppState>, key: String) -> CmdResult<Vec<Practice>> {
    state.with(|s| s.reset_practice(&key))
}

#[tauri::command]
pub async fn meeting_reflections(
    state: State<'_, AppState>,
    meeting_id: i64,
) -> CmdResult<Vec<Reflection>> {
    state.with(|s| s.reflections(meeting_id))
}

#[tauri::command]
pub async fn save_reflection(
    state: State<'_, AppState>,
    input: ReflectionInput,
) -> CmdResult<Vec<Reflection>> {
    state.with(|s| s.save_reflection(&input))
}

#[tauri::command]
pub async fn practice_usage(
    state: State<'_, AppState>,
    project_id: i64,
) -> CmdResult<Vec<PracticeUsage>> {
    state.with(|s| bansou::analysis::guide::practice_usage(s, project_id))
}

#[tauri::command]
pub async fn prepare_meeting(
    state: State<'_, AppState>,
    meeting_id: i64,
    project_id: Option<i64>,
) -> CmdResult<Preparation> {
    state.with(|s| bansou::analysis::guide::prepare(s, meeting_id, project_id, local_today()))
}

/// The 会議の準備 handout, to a file the save dialog chose.
#[tauri::command]
pub async fn export_preparation(
    state: State<'_, AppState>,
    meeting_id: i64,
    project_id: Option<i64>,
    target: String,
) -> CmdResult<ExportResult> {
    chosen_path(&state, &target)?;
    let p = state
        .with(|s| bansou::analysis::guide::prepare(s, meeting_id, project_id, local_today()))?;
    let pdf = guarded(|| {
        Ok(bansou::report::guide::preparation_pdf(
            &p,
            chrono::Local::now(),
        ))
    })?;
    save_pdf(&state, &target, &pdf.bytes, pdf.replaced)
}
