//! 事業全体: the program, its people, meetings, tasks and documents.

use super::*;

/// 事業全体 as its page shows it: the program, one row per team, and what
/// each of its people did.
#[derive(Debug, Serialize, TS)]
#[ts(export)]
pub struct ProgramView {
    pub program: Program,
    pub teams: Vec<TeamRow>,
    pub work: Vec<SupporterWork>,
}

#[tauri::command]
pub async fn list_programs(state: State<'_, AppState>) -> CmdResult<Vec<Program>> {
    state.with(|s| s.programs())
}

#[tauri::command]
pub async fn create_program(state: State<'_, AppState>, input: ProgramInput) -> CmdResult<Program> {
    state.with(|s| s.create_program(&input))
}

#[tauri::command]
pub async fn update_program(
    state: State<'_, AppState>,
    id: i64,
    input: ProgramInput,
) -> CmdResult<Program> {
    state.with(|s| s.update_program(id, &input))
}

#[tauri::command]
pub async fn program_view(state: State<'_, AppState>, program_id: i64) -> CmdResult<ProgramView> {
    state.with(|s| {
        Ok(ProgramView {
            program: s.program(program_id)?,
            teams: bansou::analysis::program::program_dashboard(s, program_id, local_today())?,
            work: s.supporter_work(program_id)?,
        })
    })
}

#[tauri::command]
pub async fn program_people(state: State<'_, AppState>, program_id: i64) -> CmdResult<Vec<Person>> {
    state.with(|s| s.program_people(program_id))
}

#[tauri::command]
pub async fn add_person(
    state: State<'_, AppState>,
    program_id: i64,
    input: PersonInput,
) -> CmdResult<Person> {
    state.with(|s| s.add_person(program_id, &input))
}

#[tauri::command]
pub async fn update_person(
    state: State<'_, AppState>,
    id: i64,
    input: PersonInput,
) -> CmdResult<Person> {
    state.with(|s| s.update_person(id, &input))
}

#[tauri::command]
pub async fn assign_person(
    state: State<'_, AppState>,
    person_id: i64,
    project_id: i64,
) -> CmdResult<Person> {
    state.with(|s| s.assign_person(person_id, project_id))
}

#[tauri::command]
pub async fn unassign_person(
    state: State<'_, AppState>,
    person_id: i64,
    project_id: i64,
) -> CmdResult<Person> {
    state.with(|s| s.unassign_person(person_id, project_id))
}

#[tauri::command]
pub async fn list_program_meetings(
    state: State<'_, AppState>,
    program_id: i64,
) -> CmdResult<Vec<Meeting>> {
    state.with(|s| s.program_meetings(program_id))
}

#[tauri::command]
pub async fn list_program_tasks(
    state: State<'_, AppState>,
    program_id: i64,
) -> CmdResult<Vec<Task>> {
    state.with(|s| s.program_tasks(program_id, local_today()))
}

#[tauri::command]
pub async fn create_program_task(
    state: State<'_, AppState>,
    program_id: i64,
    input: TaskInput,
) -> CmdResult<Task> {
    state.with(|s| s.create_program_task(program_id, &input, local_today()))
}

/// The program's documents: the dashboard as CSV, as an Excel workbook with
/// charts or as 「事業全体の進捗一覧」 (A4 landscape), and the year summary for
/// the association's board.
#[derive(Debug, Clone, Copy, serde::Deserialize, TS)]
#[serde(rename_all = "kebab-case")]
#[ts(export)]
pub enum ProgramDocument {
    DashboardCsv,
    DashboardXlsx,
    DashboardPdf,
    YearSummary,
}

#[tauri::command]
pub async fn export_program(
    state: State<'_, AppState>,
    program_id: i64,
    document: ProgramDocument,
    target: String,
) -> CmdResult<ExportResult> {
    chosen_path(&state, &target)?;
    let today = local_today();
    match document {
        ProgramDocument::DashboardCsv => {
            let rows = state
                .with(|s| bansou::analysis::program::program_dashboard(s, program_id, today))?;
            let bytes = guarded(|| Ok(bansou::files::csv::dashboard_csv(&rows)?))?;
            save_export(&state, &target, &bytes)
        }
        ProgramDocument::DashboardXlsx => {
            let rows = state
                .with(|s| bansou::analysis::program::program_dashboard(s, program_id, today))?;
            let bytes = guarded(|| Ok(bansou::files::xlsx::lists::dashboard_workbook(&rows)?))?;
            save_export(&state, &target, &bytes)
        }
        ProgramDocument::DashboardPdf => {
            let (program, rows) = state.with(|s| {
                Ok((
                    s.program(program_id)?,
                    bansou::analysis::program::program_dashboard(s, program_id, today)?,
                ))
            })?;
            let pdf = guarded(|| {
                Ok(bansou::report::program::dashboard_pdf(
                    &program,
                    &rows,
                    today,
                    chrono::Local::now(),
                ))
            })?;
            save_pdf(&state, &target, &pdf.bytes, pdf.replaced)
        }
        ProgramDocument::YearSummary => {
            let summary = state.with(|s| bansou::analysis::program::year_summary(s, program_id))?;
            let pdf = guarded(|| {
                Ok(bansou::report::program::year_summary_pdf(
                    &summary,
                    chrono::Local::now(),
                ))
            })?;
            save_pdf(&state, &target, &pdf.bytes, pdf.replaced)
        }
    }
}
