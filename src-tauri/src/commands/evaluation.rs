//! 表1 evaluations: the view, the forms, CSV in and out.

use super::*;

/// The evaluation analysis of one group of meetings with its charts (SVG from
/// the chart module).
#[derive(Debug, Serialize, TS)]
#[ts(export)]
pub struct EvaluationGroupView {
    pub group: MeetingGroup,
    pub summary: EvaluationSummary,
    /// 図23–25: one grouped bar chart per item, A–D.
    pub bar_charts: Vec<String>,
    /// The trend of A–D over the meetings: 他者評価, then 自己評価.
    pub trend_charts: Vec<String>,
}

/// The analysis as the filter asks: the report's split (team meetings, then the
/// joint ones) by default, or one group.
#[derive(Debug, Serialize, TS)]
#[ts(export)]
pub struct EvaluationView {
    pub groups: Vec<EvaluationGroupView>,
    /// All evaluations the view covers.
    #[ts(type = "number")]
    pub evaluations: u32,
    /// What the view computes (it names 図23〜25 only when computed as they are).
    pub reading: String,
}

#[tauri::command]
pub async fn evaluation_view(
    state: State<'_, AppState>,
    project_id: Option<i64>,
    filter: EvaluationFilter,
) -> CmdResult<EvaluationView> {
    use bansou::chart::evaluation::{bars, trend};
    use bansou::chart::svg::render;
    state.with(|s| {
        let scope = filter.validate()?;
        let group = scope.meetings;
        let evals = s.evaluations(project_id, &filter)?;
        let groups = summarize_groups(&evals, group)
            .into_iter()
            .map(|g| EvaluationGroupView {
                bar_charts: EvalItem::ALL
                    .iter()
                    .map(|&i| render(&bars(&g.summary, i)))
                    .collect(),
                trend_charts: EvaluatorKind::ALL
                    .iter()
                    .map(|&k| render(&trend(&g.summary, k)))
                    .collect(),
                group: g.group,
                summary: g.summary,
            })
            .collect();
        Ok(EvaluationView {
            groups,
            evaluations: evals.len() as u32,
            reading: bansou::analysis::evaluation::reading(project_id.is_some(), &scope),
        })
    })
}

#[tauri::command]
pub async fn meeting_evaluations(
    state: State<'_, AppState>,
    meeting_id: i64,
) -> CmdResult<Vec<Evaluation>> {
    state.with(|s| s.meeting_evaluations(meeting_id))
}

#[tauri::command]
pub async fn create_evaluation(
    state: State<'_, AppState>,
    input: EvaluationInput,
) -> CmdResult<Evaluation> {
    state.with(|s| s.create_evaluation(&input))
}

/// The form for editing an evaluation (表1), from the record.
#[tauri::command]
pub async fn evaluation_input(state: State<'_, AppState>, id: i64) -> CmdResult<EvaluationInput> {
    state.with(|s| Ok(s.evaluation(id)?.to_input()))
}

#[tauri::command]
pub async fn update_evaluation(
    state: State<'_, AppState>,
    id: i64,
    input: EvaluationInput,
) -> CmdResult<Evaluation> {
    state.with(|s| s.update_evaluation(id, &input))
}

#[tauri::command]
pub async fn delete_evaluation(state: State<'_, AppState>, id: i64) -> CmdResult<()> {
    state.with(|s| s.delete_evaluation(id))
}

/// Writes the evaluations (one row per evaluation × item) where the user chose.
#[tauri::command]
pub async fn export_evaluations_csv(
    state: State<'_, AppState>,
    project_id: Option<i64>,
    filter: EvaluationFilter,
    target: String,
) -> CmdResult<ExportResult> {
    let write = bansou::files::csv::evaluations_csv;
    export_evaluations(&state, project_id, &filter, &target, write)
}

/// The evaluations as filtered, as an Excel workbook of one sheet.
#[tauri::command]
pub async fn export_evaluations_xlsx(
    state: State<'_, AppState>,
    project_id: Option<i64>,
    filter: EvaluationFilter,
    target: String,
) -> CmdResult<ExportResult> {
    let write = bansou::files::xlsx::lists::evaluations_workbook;
    export_evaluations(&state, project_id, &filter, &target, write)
}

fn export_evaluations(
    state: &AppState,
    project_id: Option<i64>,
    filter: &EvaluationFilter,
    target: &str,
    write: fn(&[bansou::model::evaluation::Evaluation]) -> bansou::Result<Vec<u8>>,
) -> CmdResult<ExportResult> {
    let evals = state.with(|s| s.evaluations(project_id, filter))?;
    let bytes = guarded(|| Ok(write(&evals)?))?;
    save_export(state, target, &bytes)
}

/// A CSV, or an .xlsx (a Microsoft Forms export), as the same rows.
pub(super) fn read_sheet(
    path: &std::path::Path,
) -> CmdResult<bansou::files::evaluation_csv::Table> {
    guarded(|| Ok(bansou::files::xlsx::table::read_sheet_file(path)?))
}

/// 表1 from a CSV: how its columns map (guessed, or as the user set them),
/// the first rows, and every row that would be refused, with why.
#[tauri::command]
pub async fn preview_evaluation_csv(
    state: State<'_, AppState>,
    source: String,
    project_id: i64,
    mapping: Option<bansou::files::evaluation_csv::Mapping>,
) -> CmdResult<bansou::files::evaluation_csv::CsvPreview> {
    let table = read_sheet(&chosen_source(&state, &source)?)?;
    state.with(|s| bansou::files::evaluation_csv::import(s, project_id, &table, mapping, true))
}

#[tauri::command]
pub async fn import_evaluation_csv(
    state: State<'_, AppState>,
    source: String,
    project_id: i64,
    mapping: bansou::files::evaluation_csv::Mapping,
) -> CmdResult<bansou::files::evaluation_csv::CsvPreview> {
    let table = read_sheet(&chosen_source(&state, &source)?)?;
    state.with(|s| {
        bansou::files::evaluation_csv::import(s, project_id, &table, Some(mapping), false)
    })
}

/// 表1 as an Excel workbook for one meeting (the meeting filled in, lists,
/// limits and protection), written where the user chose.
#[tauri::command]
pub async fn export_evaluation_form_xlsx(
    state: State<'_, AppState>,
    project_id: i64,
    meeting_id: i64,
    target: String,
) -> CmdResult<ExportResult> {
    let bytes =
        state.with(|s| bansou::files::xlsx::form::form_workbook(s, project_id, meeting_id, &[]))?;
    save_export(&state, &target, &bytes)
}

fn chosen_sources(state: &AppState, sources: &[String]) -> CmdResult<Vec<std::path::PathBuf>> {
    sources.iter().map(|t| chosen_source(state, t)).collect()
}

/// Filled 表1 workbooks: what each file and form would add or update, and
/// every refusal by file, sheet and cell; nothing is written.
#[tauri::command]
pub async fn preview_evaluation_xlsx(
    state: State<'_, AppState>,
    sources: Vec<String>,
    project_id: i64,
    meeting_id: Option<i64>,
) -> CmdResult<bansou::files::xlsx::form::FormImport> {
    let paths = chosen_sources(&state, &sources)?;
    state.with(|s| bansou::files::xlsx::form::import(s, project_id, meeting_id, &paths, true))
}

/// Takes in the forms the preview showed as 追加 or 更新.
#[tauri::command]
pub async fn import_evaluation_xlsx(
    state: State<'_, AppState>,
    sources: Vec<String>,
    project_id: i64,
    meeting_id: Option<i64>,
) -> CmdResult<bansou::files::xlsx::form::FormImport> {
    let paths = chosen_sources(&state, &sources)?;
    state.with(|s| bansou::files::xlsx::form::import(s, project_id, meeting_id, &paths, false))
}
