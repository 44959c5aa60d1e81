//! Tasks, 課題 and the multi-year plan.

use super::*;

#[tauri::command]
pub async fn list_tasks(state: State<'_, AppState>, project_id: i64) -> CmdResult<Vec<Task>> {
    state.with(|s| s.tasks(project_id, local_today()))
}

#[tauri::command]
pub async fn create_task(
    state: State<'_, AppState>,
    project_id: i64,
    input: TaskInput,
) -> CmdResult<Task> {
    state.with(|s| s.create_task(project_id, &input, local_today()))
}

/// The form for editing a task, from the record.
#[tauri::command]
pub async fn task_input(state: State<'_, AppState>, id: i64) -> CmdResult<TaskInput> {
    state.with(|s| Ok(s.task(id, local_today())?.to_input()))
}

#[tauri::command]
pub async fn update_task(state: State<'_, AppState>, id: i64, input: TaskInput) -> CmdResult<Task> {
    state.with(|s| s.update_task(id, &input, local_today()))
}

#[tauri::command]
pub async fn delete_task(state: State<'_, AppState>, id: i64) -> CmdResult<()> {
    state.with(|s| s.delete_task(id))
}

#[tauri::command]
pub async fn list_issues(state: State<'_, AppState>, project_id: i64) -> CmdResult<Vec<Issue>> {
    state.with(|s| s.issues(project_id))
}

#[tauri::command]
pub async fn create_issue(
    state: State<'_, AppState>,
    project_id: i64,
    input: IssueInput,
) -> CmdResult<Issue> {
    state.with(|s| s.create_issue(project_id, &input, local_today()))
}

/// 「課題として登録」 on a meeting's record: one line becomes an open 課題.
#[tauri::command]
pub async fn raise_issue(
    state: State<'_, AppState>,
    project_id: i64,
    meeting_id: i64,
    text: String,
) -> CmdResult<Issue> {
    state.with(|s| s.raise_issue(project_id, meeting_id, &text, local_today()))
}

/// The form for editing a 課題, from the record.
#[tauri::command]
pub async fn issue_input(state: State<'_, AppState>, id: i64) -> CmdResult<IssueInput> {
    state.with(|s| Ok(s.issue(id)?.to_input()))
}

#[tauri::command]
pub async fn update_issue(
    state: State<'_, AppState>,
    id: i64,
    input: IssueInput,
) -> CmdResult<Issue> {
    state.with(|s| s.update_issue(id, &input, local_today()))
}

#[tauri::command]
pub async fn delete_issue(state: State<'_, AppState>, id: i64) -> CmdResult<()> {
    state.with(|s| s.delete_issue(id))
}

#[tauri::command]
pub async fn plan(state: State<'_, AppState>, project_id: i64) -> CmdResult<Vec<PlanStep>> {
    state.with(|s| s.plan(project_id))
}

#[tauri::command]
pub async fn set_plan_step(
    state: State<'_, AppState>,
    project_id: i64,
    input: PlanStepInput,
) -> CmdResult<()> {
    state.with(|s| s.set_plan_step(project_id, &input))
}

#[tauri::command]
pub async fn delete_plan_step(state: State<'_, AppState>, id: i64) -> CmdResult<()> {
    state.with(|s| s.delete_plan_step(id))
}

/// The 年度 timeline and the multi-year plan as SVG from the chart module.
#[tauri::command]
pub async fn plan_charts(
    state: State<'_, AppState>,
    project_id: i64,
    fiscal_year: i32,
) -> CmdResult<[String; 2]> {
    bansou::model::check_fiscal_year(fiscal_year)?;
    state.with(|s| {
        let tasks = s.tasks(project_id, local_today())?;
        let steps = s.plan(project_id)?;
        Ok([
            bansou::chart::svg::render(&timeline_scene(
                fiscal_year,
                &tasks,
                bansou::chart::timeline::DayMarker::for_year(fiscal_year, local_today(), None),
            )),
            bansou::chart::svg::render(&plan_scene(&steps)),
        ])
    })
}
