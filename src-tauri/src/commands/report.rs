//! The progress report and the 表1 form as PDF.

use super::*;

/// Builds the progress report off the window's thread, telling the window
/// each section as it is drawn (event `report-progress`), and writes it whole.
#[tauri::command]
pub async fn export_report<R: tauri::Runtime>(
    app: tauri::AppHandle<R>,
    state: State<'_, AppState>,
    project_id: i64,
    input: ReportInput,
    target: String,
) -> CmdResult<ExportResult> {
    use tauri::Emitter;
    let opts = input.validate(local_today()).map_err(CommandError::from)?;
    chosen_path(&state, &target)?;
    // Read under the store's lock, draw outside it on a worker thread, so the
    // window and every other command stay usable while a long report is made.
    let src = state.with(|s| bansou::report::progress::source(s, project_id, &opts))?;
    let drawing = tauri::async_runtime::spawn_blocking(move || {
        guarded(|| {
            Ok(render(&src, &opts, &mut |step| {
                let _ = app.emit("report-progress", step.to_owned());
            }))
        })
    });
    // A fault while drawing must answer the window, not leave it waiting.
    let pdf = drawing
        .await
        .map_err(|_| CommandError::internal(crate::state::INTERNAL))??;
    save_pdf(&state, &target, &pdf.bytes, pdf.replaced)
}

/// The 表1 form as PDF: blank, or filled with one evaluation.
#[tauri::command]
pub async fn export_form(
    state: State<'_, AppState>,
    evaluation_id: Option<i64>,
    target: String,
) -> CmdResult<ExportResult> {
    let e = evaluation_id
        .map(|id| state.with(|s| s.evaluation(id)))
        .transpose()?;
    let pdf = guarded(|| {
        Ok(bansou::report::form::evaluation_form(
            e.as_ref(),
            chrono::Local::now(),
        ))
    })?;
    save_pdf(&state, &target, &pdf.bytes, pdf.replaced)
}
