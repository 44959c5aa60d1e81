//! IPC commands: each adapts one library call. No domain logic lives here.
//! They are `async` so Tauri runs them off the window's main thread.

use crate::error::CommandError;
use crate::state::{guarded, AppState};
use bansou::analysis::evaluation::{summarize_groups, EvaluationSummary};
use bansou::analysis::guide::Preparation;
use bansou::analysis::survey::SurveyResults;
use bansou::catalog::Catalog;
use bansou::chart::timeline::{plan_scene, timeline_scene};
use bansou::demo::{self, DemoOutcome};
use bansou::exchange::target::{self, ExportKind};
use bansou::model::evaluation::EvaluationFilter;
use bansou::model::evaluation::{
    EvalItem, Evaluation, EvaluationInput, EvaluatorKind, MeetingGroup,
};
use bansou::model::guide::{
    DismissInput, Practice, PracticeInput, PracticeUsage, Reflection, ReflectionInput, Rule,
    RuleInput, Suggestion,
};
use bansou::model::issue::{Issue, IssueInput};
use bansou::model::meeting::{Meeting, MeetingFilter, MeetingInput};
use bansou::model::member::{MemberRecords, MemberRemoval};
use bansou::model::overview::Overview;
use bansou::model::program::{Person, PersonInput, Program, ProgramInput, SupporterWork, TeamRow};
use bansou::model::project::ProjectDeletion;
use bansou::model::strength::{RatingInput, SessionInput, StrengthItemInput, Strengths};
use bansou::model::survey::{QuestionInput, Response, ResponseInput, Survey, SurveyInput};
use bansou::model::task::{PlanStep, PlanStepInput, Task, TaskInput};
use bansou::model::{
    Checklist, ChecklistItem, ContactLogInput, ItemUpdateInput, Member, MemberInput, NewItemInput,
    Project, ProjectInput, Resource, ResourceInput, Stakeholder, StakeholderInput,
};
use bansou::report::progress::{render, ReportInput};
use bansou::store::backup::{BackupInfo, Reason};
use serde::Serialize;
use tauri::State;
use ts_rs::TS;

type CmdResult<T> = Result<T, CommandError>;

const WELCOME_DONE: &str = "welcome_done";

#[derive(Debug, Serialize, TS)]
#[ts(export)]
pub struct AppStatus {
    /// Where the data lives, shown in 設定.
    pub db_path: String,
    #[ts(type = "number")]
    pub schema_version: i64,
    /// Set when the database could not be opened; the window shows it.
    pub error: Option<CommandError>,
    /// First start: offer the demo or an empty start.
    pub welcome_pending: bool,
}

#[tauri::command]
pub async fn app_status(state: State<'_, AppState>) -> CmdResult<AppStatus> {
    let db_path = state
        .db_path
        .as_ref()
        .map(|p| p.display().to_string())
        .unwrap_or_default();
    let schema_version = bansou::store::schema_version();
    if let Some(error) = state.open_error() {
        return Ok(AppStatus {
            db_path,
            schema_version,
            error: Some(error),
            welcome_pending: false,
        });
    }
    let welcome_pending =
        state.with(|s| Ok(s.setting(WELCOME_DONE)?.is_none() && s.projects()?.is_empty()))?;
    Ok(AppStatus {
        db_path,
        schema_version,
        error: None,
        welcome_pending,
    })
}

#[tauri::command]
pub async fn catalog() -> Catalog {
    Catalog::get()
}

/// What a date field reads in the text typed so far (the 和暦 with its
/// weekday, or why it is not a date); the rule is `wareki::parse_date`.
#[tauri::command]
pub async fn read_date(text: String) -> bansou::wareki::DateReading {
    bansou::wareki::reading(&text)
}

/// Slips worth a word before a member is saved (a second リーダー).
#[tauri::command]
pub async fn member_warnings(
    state: State<'_, AppState>,
    project_id: i64,
    member_id: Option<i64>,
    input: MemberInput,
) -> CmdResult<Vec<String>> {
    let team = state.with(|s| s.members(project_id))?;
    Ok(bansou::model::member::warnings(&team, member_id, &input))
}

/// Slips worth a word before a meeting is saved (a date outside the period).
#[tauri::command]
pub async fn meeting_warnings(
    state: State<'_, AppState>,
    input: MeetingInput,
) -> CmdResult<Vec<String>> {
    let projects = state.with(|s| {
        input
            .project_ids
            .iter()
            .map(|&id| s.project(id))
            .collect::<bansou::Result<Vec<_>>>()
    })?;
    Ok(bansou::model::meeting::warnings(&projects, &input))
}

/// Today, its 和暦 name and its 年度: the defaults of every date field.
#[tauri::command]
pub async fn today() -> bansou::wareki::Today {
    bansou::wareki::today_info(chrono::Local::now().date_naive())
}

/// The welcome's answer: load the demo (true) or start empty (false).
#[tauri::command]
pub async fn finish_welcome(state: State<'_, AppState>, load_demo: bool) -> CmdResult<bool> {
    state.with(|s| {
        let loaded = if load_demo {
            matches!(demo::load(s)?, DemoOutcome::Loaded { .. })
        } else {
            false
        };
        s.set_setting(WELCOME_DONE, "1")?;
        Ok(loaded)
    })
}

#[tauri::command]
pub async fn load_demo(state: State<'_, AppState>) -> CmdResult<bool> {
    state.with(|s| Ok(matches!(demo::load(s)?, DemoOutcome::Loaded { .. })))
}

#[tauri::command]
pub async fn list_projects(state: State<'_, AppState>) -> CmdResult<Vec<Project>> {
    state.with(|s| s.projects())
}

#[tauri::command]
pub async fn create_project(state: State<'_, AppState>, input: ProjectInput) -> CmdResult<Project> {
    state.with(|s| s.create_project(&input))
}

#[tauri::command]
pub async fn update_project(
    state: State<'_, AppState>,
    id: i64,
    input: ProjectInput,
) -> CmdResult<Project> {
    state.with(|s| s.update_project(id, &input))
}

/// 「削除」: the project leaves the lists, every record kept (設定 → アーカイブ).
#[tauri::command]
pub async fn archive_project(state: State<'_, AppState>, id: i64) -> CmdResult<Project> {
    state.with(|s| s.archive_project(id))
}

#[tauri::command]
pub async fn unarchive_project(state: State<'_, AppState>, id: i64) -> CmdResult<Project> {
    state.with(|s| s.unarchive_project(id))
}

#[tauri::command]
pub async fn archived_projects(state: State<'_, AppState>) -> CmdResult<Vec<Project>> {
    state.with(|s| s.archived_projects())
}

/// What deleting an archived project for good would remove, for the dialog.
#[tauri::command]
pub async fn project_deletion(state: State<'_, AppState>, id: i64) -> CmdResult<ProjectDeletion> {
    state.with(|s| s.project_deletion(id))
}

/// Deletes an archived project for good (after a backup).
#[tauri::command]
pub async fn delete_project(state: State<'_, AppState>, id: i64) -> CmdResult<ProjectDeletion> {
    state.with(|s| s.delete_project(id))
}

#[tauri::command]
pub async fn list_members(state: State<'_, AppState>, project_id: i64) -> CmdResult<Vec<Member>> {
    state.with(|s| s.members(project_id))
}

#[tauri::command]
pub async fn add_member(
    state: State<'_, AppState>,
    project_id: i64,
    input: MemberInput,
) -> CmdResult<Member> {
    state.with(|s| s.add_member(project_id, &input))
}

#[tauri::command]
pub async fn update_member(
    state: State<'_, AppState>,
    id: i64,
    input: MemberInput,
) -> CmdResult<Member> {
    state.with(|s| s.update_member(id, &input))
}

/// The records that keep a member's name (the dialog explains 退任 with them).
#[tauri::command]
pub async fn member_records(state: State<'_, AppState>, id: i64) -> CmdResult<MemberRecords> {
    state.with(|s| s.member_records(id))
}

#[tauri::command]
pub async fn remove_member(state: State<'_, AppState>, id: i64) -> CmdResult<MemberRemoval> {
    state.with(|s| s.remove_member(id))
}

#[tauri::command]
pub async fn reinstate_member(state: State<'_, AppState>, id: i64) -> CmdResult<Member> {
    state.with(|s| s.reinstate_member(id))
}

fn local_today() -> chrono::NaiveDate {
    chrono::Local::now().date_naive()
}

#[tauri::command]
pub async fn overview(state: State<'_, AppState>, project_id: i64) -> CmdResult<Overview> {
    state.with(|s| s.overview(project_id, local_today()))
}

#[tauri::command]
pub async fn set_phase(
    state: State<'_, AppState>,
    project_id: i64,
    phase: Option<i32>,
) -> CmdResult<Project> {
    state.with(|s| s.set_phase(project_id, phase))
}

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

/// The team's words for the strength scale 1–4; null goes back to the app's example.
#[tauri::command]
pub async fn set_strength_scale(
    state: State<'_, AppState>,
    project_id: i64,
    labels: Option<Vec<String>>,
) -> CmdResult<()> {
    state.with(|s| s.set_strength_scale(project_id, labels.as_deref()))
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
    if !(2000..=2099).contains(&fiscal_year) {
        return Err(CommandError::from(bansou::Error::Validation(vec![
            bansou::FieldError::new("fiscal_year", "年度は2000〜2099の間で選んでください"),
        ])));
    }
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
        let group = filter.validate()?.meetings;
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

#[derive(Debug, Serialize, TS)]
#[ts(export)]
pub struct ExportTarget {
    /// What the window passes to the export command.
    pub token: String,
    /// Where the file will go, to show the user.
    pub path: String,
}

/// Asks where an export goes, through the system save dialog only (it asks
/// before replacing an existing file). The chosen path is checked — never the
/// database, its -wal/-shm files, a backup or another database — and kept here
/// under a token; the export commands write only to a path chosen this way.
/// None when the user cancels. With `BANSOU_TEST_SAVE_DIR` set (the WebDriver
/// journeys), no dialog opens and the file goes into that folder.
#[tauri::command]
pub async fn choose_export<R: tauri::Runtime>(
    app: tauri::AppHandle<R>,
    state: State<'_, AppState>,
    kind: ExportKind,
    default_name: String,
) -> CmdResult<Option<ExportTarget>> {
    use tauri_plugin_dialog::DialogExt;
    let name = std::path::Path::new(&default_name)
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_else(|| format!("伴走ノート.{}", kind.extension()));
    let chosen = match std::env::var_os("BANSOU_TEST_SAVE_DIR") {
        Some(dir) => Some(std::path::PathBuf::from(dir).join(&name)),
        None => {
            let dialog = app
                .dialog()
                .file()
                .set_title("保存先を選ぶ")
                .set_file_name(&name)
                .add_filter(kind.extension().to_uppercase(), &[kind.extension()]);
            tauri::async_runtime::spawn_blocking(move || dialog.blocking_save_file())
                .await
                .map_err(|_| CommandError::internal(crate::state::INTERNAL))?
                .and_then(|p| p.into_path().ok())
        }
    };
    let Some(chosen) = chosen else {
        return Ok(None);
    };
    let path = target::check(&chosen, kind, state.db_path.as_deref())?;
    let token = uuid::Uuid::new_v4().to_string();
    state
        .export_targets
        .lock()
        .map_err(|_| CommandError::internal(crate::state::INTERNAL))?
        .insert(token.clone(), path.clone());
    Ok(Some(ExportTarget {
        token,
        path: path.display().to_string(),
    }))
}

/// The path chosen in the save dialog for `token`.
fn chosen_path(state: &AppState, token: &str) -> CmdResult<std::path::PathBuf> {
    state
        .export_targets
        .lock()
        .map_err(|_| CommandError::internal(crate::state::INTERNAL))?
        .get(token)
        .cloned()
        .ok_or_else(|| {
            CommandError::from(bansou::Error::Validation(vec![bansou::FieldError::new(
                "path",
                "保存先のファイルを選んでください",
            )]))
        })
}

#[derive(Debug, Serialize, TS)]
#[ts(export)]
pub struct ExportResult {
    pub path: String,
    #[ts(type = "number")]
    pub bytes: usize,
    /// Characters a PDF printed as 〓 (its font has no glyph for them).
    #[ts(type = "number")]
    pub replaced: usize,
}

/// Writes an export whole to the place chosen for `token` and remembers it as
/// the one file the window may open.
fn save_export(state: &AppState, token: &str, bytes: &[u8]) -> CmdResult<ExportResult> {
    save_pdf(state, token, bytes, 0)
}

fn save_pdf(
    state: &AppState,
    token: &str,
    bytes: &[u8],
    replaced: usize,
) -> CmdResult<ExportResult> {
    let path = chosen_path(state, token)?;
    bansou::exchange::write_atomically(&path, bytes).map_err(CommandError::from)?;
    *state
        .last_export
        .lock()
        .map_err(|_| CommandError::internal(crate::state::INTERNAL))? = Some(path.clone());
    if let Ok(mut targets) = state.export_targets.lock() {
        targets.remove(token);
    }
    Ok(ExportResult {
        path: path.display().to_string(),
        bytes: bytes.len(),
        replaced,
    })
}

/// Writes the evaluations (one row per evaluation × item) where the user chose.
#[tauri::command]
pub async fn export_evaluations_csv(
    state: State<'_, AppState>,
    project_id: Option<i64>,
    filter: EvaluationFilter,
    target: String,
) -> CmdResult<ExportResult> {
    let evals = state.with(|s| s.evaluations(project_id, &filter))?;
    let bytes = guarded(|| Ok(bansou::exchange::csv::evaluations_csv(&evals)?))?;
    save_export(&state, &target, &bytes)
}

/// テキスト分析 as the page shows it: the network of every comment in scope,
/// and one pair per meeting (他者 | 自己), each drawn as SVG.
#[derive(Debug, Serialize, TS)]
#[ts(export)]
pub struct TextView {
    pub analysis: bansou::analysis::cooc::TextAnalysis,
    pub svg: String,
    /// Per meeting, oldest first: (他者, 自己) pictures.
    pub meeting_svgs: Vec<[String; 2]>,
}

fn text_title(filter: &bansou::model::text::TextFilter) -> String {
    format!(
        "共起ネットワーク（{}）",
        if filter.kind.is_empty() {
            "他者評価・自己評価"
        } else {
            filter.kind.as_str()
        }
    )
}

#[tauri::command]
pub async fn text_view(
    state: State<'_, AppState>,
    project_id: Option<i64>,
    filter: bansou::model::text::TextFilter,
) -> CmdResult<TextView> {
    use bansou::chart::network::network_scene;
    use bansou::chart::svg::render;
    let analysis = state.with(|s| bansou::analysis::cooc::text_analysis(s, project_id, &filter))?;
    guarded(|| {
        let svg = render(&network_scene(&text_title(&filter), &analysis.network));
        let meeting_svgs = analysis
            .per_meeting
            .iter()
            .map(|m| {
                [
                    render(&network_scene(
                        &format!("{}・他者評価", m.held_on_label),
                        &m.other,
                    )),
                    render(&network_scene(
                        &format!("{}・自己評価", m.held_on_label),
                        &m.own,
                    )),
                ]
            })
            .collect();
        Ok(TextView {
            analysis,
            svg,
            meeting_svgs,
        })
    })
}

/// The comments in scope that contain `word` (as counted, e.g. 産業保健総合支援センター).
#[tauri::command]
pub async fn text_comments(
    state: State<'_, AppState>,
    project_id: Option<i64>,
    filter: bansou::model::text::TextFilter,
    word: String,
) -> CmdResult<Vec<bansou::model::text::CommentDocument>> {
    state.with(|s| {
        let (scope, _, _) = filter.validate(project_id)?;
        s.ensure_words()?;
        Ok(s.comment_documents(&scope)?
            .into_iter()
            .filter(|d| d.words.iter().any(|(w, _)| *w == word))
            .collect())
    })
}

/// The stop-word list; null goes back to the app's default.
#[tauri::command]
pub async fn set_stop_words(
    state: State<'_, AppState>,
    words: Option<Vec<String>>,
) -> CmdResult<Vec<String>> {
    state.with(|s| s.set_stop_words(words.as_deref()))
}

#[tauri::command]
pub async fn set_word_classes(
    state: State<'_, AppState>,
    classes: Vec<bansou::text::WordClass>,
) -> CmdResult<()> {
    state.with(|s| s.set_word_classes(&classes))
}

/// The network as a file: GraphML, the word list or the edge list as CSV, or the picture as SVG.
#[tauri::command]
pub async fn export_network(
    state: State<'_, AppState>,
    project_id: Option<i64>,
    filter: bansou::model::text::TextFilter,
    format: String,
    target: String,
) -> CmdResult<ExportResult> {
    let analysis = state.with(|s| bansou::analysis::cooc::text_analysis(s, project_id, &filter))?;
    let net = &analysis.network;
    let bytes = guarded(|| {
        Ok(match format.as_str() {
            "graphml" => bansou::exchange::graph::graphml(net).into_bytes(),
            "svg" => bansou::chart::svg::render(&bansou::chart::network::network_scene(
                &text_title(&filter),
                net,
            ))
            .into_bytes(),
            "nodes" => bansou::exchange::graph::csv_lists(net)?.0,
            "edges" => bansou::exchange::graph::csv_lists(net)?.1,
            other => {
                return Err(CommandError::from(bansou::Error::Validation(vec![
                    bansou::FieldError::new(
                        "format",
                        format!("書き出しの形式「{other}」はありません"),
                    ),
                ])))
            }
        })
    })?;
    save_export(&state, &target, &bytes)
}

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
    let src = state.with(|s| {
        s.ensure_words()?;
        s.report_source(project_id, opts.from, opts.to, opts.today)
    })?;
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

/// A project as a file for another PC (.bansou).
#[tauri::command]
pub async fn export_bundle(
    state: State<'_, AppState>,
    project_id: i64,
    target: String,
) -> CmdResult<ExportResult> {
    let b = state.with(|s| s.project_bundle(project_id))?;
    save_export(&state, &target, &bansou::exchange::bundle::to_bytes(&b))
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
    save_export(&state, &target, &bansou::exchange::bundle::to_bytes(&b))
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
    save_export(&state, &target, &bansou::exchange::bundle::to_bytes(&b))
}

/// One of the project's lists as CSV for Excel.
#[tauri::command]
pub async fn export_list_csv(
    state: State<'_, AppState>,
    project_id: i64,
    list: bansou::exchange::csv::List,
    target: String,
) -> CmdResult<ExportResult> {
    let (bytes, _) =
        state.with(|s| bansou::exchange::csv::list_csv(s, project_id, list, local_today()))?;
    save_export(&state, &target, &bytes)
}

#[derive(Debug, Serialize, TS)]
#[ts(export)]
pub struct ImportSource {
    pub token: String,
    pub file_name: String,
}

/// Asks which file to import, through the system open dialog (the window
/// never names a path). With `BANSOU_TEST_SAVE_DIR` set, the newest file of
/// the kind in that folder is taken instead (the WebDriver journeys).
#[tauri::command]
pub async fn choose_import<R: tauri::Runtime>(
    app: tauri::AppHandle<R>,
    state: State<'_, AppState>,
    kind: ExportKind,
) -> CmdResult<Option<ImportSource>> {
    use tauri_plugin_dialog::DialogExt;
    let ext = kind.extension();
    let chosen = match std::env::var_os("BANSOU_TEST_SAVE_DIR") {
        Some(dir) => std::fs::read_dir(dir)
            .map_err(|e| CommandError::internal(format!("フォルダを読めません：{e}")))?
            .filter_map(|e| e.ok())
            .map(|e| e.path())
            .filter(|p| p.extension().is_some_and(|x| x == ext))
            .max_by_key(|p| p.metadata().and_then(|m| m.modified()).ok()),
        None => {
            let dialog = app
                .dialog()
                .file()
                .set_title("取り込むファイルを選ぶ")
                .add_filter(ext.to_uppercase(), &[ext]);
            tauri::async_runtime::spawn_blocking(move || dialog.blocking_pick_file())
                .await
                .map_err(|_| CommandError::internal(crate::state::INTERNAL))?
                .and_then(|p| p.into_path().ok())
        }
    };
    let Some(path) = chosen else {
        return Ok(None);
    };
    let token = uuid::Uuid::new_v4().to_string();
    let file_name = path
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    state
        .import_sources
        .lock()
        .map_err(|_| CommandError::internal(crate::state::INTERNAL))?
        .insert(token.clone(), path);
    Ok(Some(ImportSource { token, file_name }))
}

fn chosen_source(state: &AppState, token: &str) -> CmdResult<std::path::PathBuf> {
    state
        .import_sources
        .lock()
        .map_err(|_| CommandError::internal(crate::state::INTERNAL))?
        .get(token)
        .cloned()
        .ok_or_else(|| {
            CommandError::from(bansou::Error::Validation(vec![bansou::FieldError::new(
                "file",
                "取り込むファイルを選んでください",
            )]))
        })
}

/// What importing the chosen bundle would do (nothing is written).
#[tauri::command]
pub async fn preview_bundle(
    state: State<'_, AppState>,
    source: String,
) -> CmdResult<bansou::model::exchange::ImportSummary> {
    let path = chosen_source(&state, &source)?;
    let bundle = guarded(|| Ok(bansou::exchange::bundle::read(&path)?))?;
    state.with(|s| s.preview_import(&bundle))
}

/// Merges the chosen bundle, with the user's answers to its conflicts.
#[tauri::command]
pub async fn import_bundle(
    state: State<'_, AppState>,
    source: String,
    choices: bansou::model::exchange::Choices,
) -> CmdResult<bansou::model::exchange::ImportSummary> {
    let path = chosen_source(&state, &source)?;
    let bundle = guarded(|| Ok(bansou::exchange::bundle::read(&path)?))?;
    state.with(|s| s.import_bundle(&bundle, &choices))
}

fn read_sheet(path: &std::path::Path) -> CmdResult<bansou::exchange::evaluation_csv::Table> {
    let bytes = std::fs::read(path).map_err(|source| {
        CommandError::from(bansou::Error::Io {
            path: path.to_owned(),
            source,
        })
    })?;
    guarded(|| Ok(bansou::exchange::evaluation_csv::read_table(&bytes)?))
}

/// 表1 from a CSV: how its columns map (guessed, or as the user set them),
/// the first rows, and every row that would be refused, with why.
#[tauri::command]
pub async fn preview_evaluation_csv(
    state: State<'_, AppState>,
    source: String,
    project_id: i64,
    mapping: Option<bansou::exchange::evaluation_csv::Mapping>,
) -> CmdResult<bansou::exchange::evaluation_csv::CsvPreview> {
    let table = read_sheet(&chosen_source(&state, &source)?)?;
    state.with(|s| bansou::exchange::evaluation_csv::import(s, project_id, &table, mapping, true))
}

#[tauri::command]
pub async fn import_evaluation_csv(
    state: State<'_, AppState>,
    source: String,
    project_id: i64,
    mapping: bansou::exchange::evaluation_csv::Mapping,
) -> CmdResult<bansou::exchange::evaluation_csv::CsvPreview> {
    let table = read_sheet(&chosen_source(&state, &source)?)?;
    state.with(|s| {
        bansou::exchange::evaluation_csv::import(s, project_id, &table, Some(mapping), false)
    })
}

#[derive(Debug, Serialize, TS)]
#[ts(export)]
pub struct BackupStatus {
    /// The backups folder, shown in 設定.
    pub folder: String,
    pub keep: u32,
    /// Newest first.
    pub backups: Vec<BackupInfo>,
}

#[tauri::command]
pub async fn backup_status(state: State<'_, AppState>) -> CmdResult<BackupStatus> {
    state.with(|s| {
        Ok(BackupStatus {
            folder: bansou::store::backup::dir_of(s.path())
                .display()
                .to_string(),
            keep: s.backup_keep()?,
            backups: s.backups()?,
        })
    })
}

#[tauri::command]
pub async fn backup_now(state: State<'_, AppState>) -> CmdResult<BackupInfo> {
    state.with(|s| s.backup_now(Reason::Manual))
}

#[tauri::command]
pub async fn set_backup_keep(state: State<'_, AppState>, keep: i32) -> CmdResult<u32> {
    state.with(|s| s.set_backup_keep(i64::from(keep)))
}

/// Restores one of the listed backups (by its file name: the window cannot
/// name any other file). The current content is backed up first.
#[tauri::command]
pub async fn restore_backup(state: State<'_, AppState>, file_name: String) -> CmdResult<()> {
    let listed = state.with(|s| s.backups())?;
    let chosen = listed
        .into_iter()
        .find(|b| b.file_name == file_name)
        .ok_or_else(|| {
            CommandError::from(bansou::Error::NotFound {
                what: "バックアップ",
                key: file_name.clone(),
            })
        })?;
    state.replace(|s| s.restore(std::path::Path::new(&chosen.path)))
}

/// Shows the backups folder in the system's file manager.
#[tauri::command]
pub async fn open_backup_folder<R: tauri::Runtime>(
    app: tauri::AppHandle<R>,
    state: State<'_, AppState>,
) -> CmdResult<()> {
    use tauri_plugin_opener::OpenerExt;
    let dir = state.with(|s| {
        let dir = bansou::store::backup::dir_of(s.path());
        if !dir.exists() {
            s.backup_now(Reason::Manual)?;
        }
        Ok(dir)
    })?;
    app.opener()
        .open_path(dir.to_string_lossy(), None::<&str>)
        .map_err(|e| CommandError::internal(format!("フォルダを開けませんでした：{e}")))
}

/// Opens the file this window last exported in the system viewer (the window
/// cannot ask to open any other path).
#[tauri::command]
pub async fn open_last_export<R: tauri::Runtime>(
    app: tauri::AppHandle<R>,
    state: State<'_, AppState>,
) -> CmdResult<()> {
    use tauri_plugin_opener::OpenerExt;
    let path = state
        .last_export
        .lock()
        .map_err(|_| CommandError::internal("内部エラーが発生しました"))?
        .clone()
        .ok_or_else(|| CommandError::internal("まだ書き出したファイルがありません"))?;
    app.opener()
        .open_path(path.to_string_lossy(), None::<&str>)
        .map_err(|e| CommandError::internal(format!("ファイルを開けませんでした：{e}")))
}

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

/// The program's documents: the dashboard as CSV or as 「事業全体の進捗一覧」
/// (A4 landscape), and the year summary for the association's board.
#[derive(Debug, Clone, Copy, serde::Deserialize, TS)]
#[serde(rename_all = "kebab-case")]
#[ts(export)]
pub enum ProgramDocument {
    DashboardCsv,
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
            let bytes = guarded(|| Ok(bansou::exchange::csv::dashboard_csv(&rows)?))?;
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

/// アンケート as its page shows it: the survey, its results (or one set per
/// group when split by a question) and a chart per question as SVG.
#[derive(Debug, Serialize, TS)]
#[ts(export)]
pub struct SurveyView {
    pub survey: Survey,
    pub results: SurveyResults,
    pub groups: Vec<SurveyResults>,
    /// Per question, in order: its chart (None for free text).
    pub charts: Vec<Option<String>>,
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
    use bansou::analysis::survey::{cross_tab, results};
    state.with(|s| {
        let survey = s.survey(survey_id)?;
        let responses = s.responses(survey_id)?;
        let results = results(&survey, &responses);
        let groups = by
            .map(|q| cross_tab(&survey, &responses, q))
            .transpose()?
            .unwrap_or_default();
        let charts = results
            .questions
            .iter()
            .map(|q| {
                bansou::chart::survey::question_chart(q).map(|c| bansou::chart::svg::render(&c))
            })
            .collect();
        Ok(SurveyView {
            survey,
            results,
            groups,
            charts,
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
    mapping: Option<Vec<bansou::exchange::survey_csv::ColumnMap>>,
) -> CmdResult<bansou::exchange::survey_csv::SurveyCsvPreview> {
    let table = read_sheet(&chosen_source(&state, &source)?)?;
    state.with(|s| bansou::exchange::survey_csv::import(s, survey_id, &table, mapping, true))
}

#[tauri::command]
pub async fn import_survey_csv(
    state: State<'_, AppState>,
    source: String,
    survey_id: i64,
    mapping: Vec<bansou::exchange::survey_csv::ColumnMap>,
) -> CmdResult<bansou::exchange::survey_csv::SurveyCsvPreview> {
    let table = read_sheet(&chosen_source(&state, &source)?)?;
    state.with(|s| bansou::exchange::survey_csv::import(s, survey_id, &table, Some(mapping), false))
}

/// A survey's documents: the results as CSV or PDF (split by a question when
/// `by` is set), or the blank form to hand out.
#[derive(Debug, Clone, Copy, serde::Deserialize, TS)]
#[serde(rename_all = "kebab-case")]
#[ts(export)]
pub enum SurveyDocument {
    ResultsCsv,
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
    use bansou::analysis::survey::{cross_tab, results};
    chosen_path(&state, &target)?;
    let (survey, responses) =
        state.with(|s| Ok((s.survey(survey_id)?, s.responses(survey_id)?)))?;
    match document {
        SurveyDocument::ResultsCsv => {
            let r = results(&survey, &responses);
            let bytes = guarded(|| Ok(bansou::exchange::csv::survey_results_csv(&r)?))?;
            save_export(&state, &target, &bytes)
        }
        SurveyDocument::ResultsPdf => {
            let r = results(&survey, &responses);
            let groups = by
                .map(|q| cross_tab(&survey, &responses, q))
                .transpose()
                .map_err(CommandError::from)?
                .unwrap_or_default();
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

/// The window calls this once its first screen can be used. With
/// BANSOU_READY_FILE set (the start-up benchmark, the package test) the shell
/// writes that file; otherwise it does nothing.
#[tauri::command]
pub async fn app_ready() -> CmdResult<()> {
    if let Some(path) = std::env::var_os("BANSOU_READY_FILE") {
        let _ = std::fs::write(path, b"ready\n");
    }
    Ok(())
}

// 伴走ガイド

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
