//! アンケート.

use super::*;

/// アンケート as its page shows it: the survey, its results (or one set per
/// group when split by a question) and a chart per question as SVG.
#[derive(Debug, Serialize, TS)]
#[ts(export)]
pub struct SurveyView {
    pub survey: Survey,
    pub results: SurveyResults,
    pub groups: Vec<SurveyResults>,
    /// Per question, in order: its chart (None for free text, and for a long
    /// list whose chosen options are too many to draw).
    pub charts: Vec<Option<String>>,
    /// Per question, in order: its counts table, as the PDF prints it.
    pub tables: Vec<bansou::analysis::survey::CountTable>,
}

#[tauri::command]
pub async fn list_surveys(state: State<'_, AppState>) -> CmdResult<Vec<Survey>> {
    state.with(|s| s.surveys())
}

#[tauri::command]
pub async fn survey_view(
    state: State<'_, AppState>,
    survey_id: i64,
    by: Option<i64>,
) -> CmdResult<SurveyView> {
    state.with(|s| {
        let bansou::analysis::survey::SurveyReport {
            survey,
            results,
            groups,
        } = bansou::analysis::survey::report(s, survey_id, by)?;
        let charts = results
            .questions
            .iter()
            .map(|q| {
                bansou::chart::survey::question_chart(q).map(|c| bansou::chart::svg::render(&c))
            })
            .collect();
        let tables = results.questions.iter().map(|q| q.count_table()).collect();
        Ok(SurveyView {
            survey,
            results,
            groups,
            charts,
            tables,
        })
    })
}

#[tauri::command]
pub async fn create_survey(
    state: State<'_, AppState>,
    program_id: Option<i64>,
    project_id: Option<i64>,
    input: SurveyInput,
    template: Option<String>,
) -> CmdResult<Survey> {
    state.with(|s| s.create_survey(program_id, project_id, &input, template.as_deref()))
}

#[tauri::command]
pub async fn update_survey(
    state: State<'_, AppState>,
    id: i64,
    input: SurveyInput,
) -> CmdResult<Survey> {
    state.with(|s| s.update_survey(id, &input))
}

#[tauri::command]
pub async fn delete_survey(state: State<'_, AppState>, id: i64) -> CmdResult<()> {
    state.with(|s| s.delete_survey(id))
}

#[tauri::command]
pub async fn add_question(
    state: State<'_, AppState>,
    survey_id: i64,
    input: QuestionInput,
) -> CmdResult<Survey> {
    state.with(|s| s.add_question(survey_id, &input))
}

#[tauri::command]
pub async fn update_question(
    state: State<'_, AppState>,
    id: i64,
    input: QuestionInput,
) -> CmdResult<Survey> {
    state.with(|s| s.update_question(id, &input))
}

#[tauri::command]
pub async fn delete_question(state: State<'_, AppState>, id: i64) -> CmdResult<Survey> {
    state.with(|s| s.delete_question(id))
}

#[tauri::command]
pub async fn move_question(state: State<'_, AppState>, id: i64, up: bool) -> CmdResult<Survey> {
    state.with(|s| s.move_question(id, up))
}

#[tauri::command]
pub async fn list_responses(
    state: State<'_, AppState>,
    survey_id: i64,
) -> CmdResult<Vec<Response>> {
    state.with(|s| s.responses(survey_id))
}

#[tauri::command]
pub async fn add_response(
    state: State<'_, AppState>,
    survey_id: i64,
    input: ResponseInput,
) -> CmdResult<Response> {
    state.with(|s| s.add_response(survey_id, &input))
}

#[tauri::command]
pub async fn update_response(
    state: State<'_, AppState>,
    id: i64,
    input: ResponseInput,
) -> CmdResult<Response> {
    state.with(|s| s.update_response(id, &input))
}

#[tauri::command]
pub async fn delete_response(state: State<'_, AppState>, id: i64) -> CmdResult<()> {
    state.with(|s| s.delete_response(id))
}

/// Answers from a Google Forms / Excel CSV: how the columns map and every row
/// that would be refused, with why (nothing is written).
#[tauri::command]
pub async fn preview_survey_csv(
    state: State<'_, AppState>,
    source: String,
    survey_id: i64,
    mapping: Option<Vec<bansou::files::survey_csv::ColumnMap>>,
) -> CmdResult<bansou::files::survey_csv::SurveyCsvPreview> {
    let table = read_sheet(&chosen_source(&state, &source)?)?;
    state.with(|s| bansou::files::survey_csv::import(s, survey_id, &table, mapping, true))
}

#[tauri::command]
pub async fn import_survey_csv(
    state: State<'_, AppState>,
    source: String,
    survey_id: i64,
    mapping: Vec<bansou::files::survey_csv::ColumnMap>,
) -> CmdResult<bansou::files::survey_csv::SurveyCsvPreview> {
    let table = read_sheet(&chosen_source(&state, &source)?)?;
    state.with(|s| bansou::files::survey_csv::import(s, survey_id, &table, Some(mapping), false))
}

/// A survey's documents: the results as CSV, an Excel workbook with charts or PDF (split by a question when
/// `by` is set), or the blank form to hand out.
#[derive(Debug, Clone, Copy, serde::Deserialize, TS)]
#[serde(rename_all = "kebab-case")]
#[ts(export)]
pub enum SurveyDocument {
    ResultsCsv,
    ResultsXlsx,
    ResultsPdf,
    Form,
}

#[tauri::command]
pub async fn export_survey(
    state: State<'_, AppState>,
    survey_id: i64,
    document: SurveyDocument,
    by: Option<i64>,
    target: String,
) -> CmdResult<ExportResult> {
    chosen_path(&state, &target)?;
    let bansou::analysis::survey::SurveyReport {
        survey,
        results: r,
        groups,
    } = state.with(|s| bansou::analysis::survey::report(s, survey_id, by))?;
    match document {
        SurveyDocument::ResultsCsv => {
            let bytes = guarded(|| Ok(bansou::files::csv::survey_results_csv(&r)?))?;
            save_export(&state, &target, &bytes)
        }
        SurveyDocument::ResultsXlsx => {
            let bytes = guarded(|| Ok(bansou::files::xlsx::lists::survey_workbook(&r)?))?;
            save_export(&state, &target, &bytes)
        }
        SurveyDocument::ResultsPdf => {
            let by_text = by.and_then(|q| survey.question(q)).map(|q| q.text.clone());
            let pdf = guarded(|| {
                Ok(bansou::report::survey::results_pdf(
                    &r,
                    &groups,
                    by_text.as_deref(),
                    chrono::Local::now(),
                ))
            })?;
            save_pdf(&state, &target, &pdf.bytes, pdf.replaced)
        }
        SurveyDocument::Form => {
            let pdf = guarded(|| {
                Ok(bansou::report::survey::form_pdf(
                    &survey,
                    chrono::Local::now(),
                ))
            })?;
            save_pdf(&state, &target, &pdf.bytes, pdf.replaced)
        }
    }
}
