//! 伴走ノート's desktop shell: opens the database and exposes the library to the
//! window through IPC commands.

pub mod commands;
pub mod error;
pub mod state;
#[cfg(windows)]
mod webview2;

use std::path::PathBuf;

/// The window's font: the bytes the PDFs embed, not a second copy.
fn font(
    request: tauri::http::Request<Vec<u8>>,
) -> tauri::http::Response<std::borrow::Cow<'static, [u8]>> {
    let bold = request.uri().path().ends_with("bold.ttf");
    tauri::http::Response::builder()
        .header("Content-Type", "font/ttf")
        .header("Access-Control-Allow-Origin", "*")
        .body(std::borrow::Cow::Borrowed(bansou::fonts::file(bold)))
        .expect("a font response")
}

/// Registers the state and every command on `builder`; shared by the app and
/// the IPC tests (which pass Tauri's mock builder).
pub fn setup<R: tauri::Runtime>(
    builder: tauri::Builder<R>,
    state: state::AppState,
) -> tauri::Builder<R> {
    builder
        .register_uri_scheme_protocol("bansoufont", |_ctx, request| font(request))
        .setup(|app| {
            fit_to_screen(app);
            words_in_background(app.handle().clone());
            checkpoint_when_idle(app.handle().clone());
            sync_in_background(app.handle().clone());
            Ok(())
        })
        .on_window_event(|window, event| {
            // Closing the window ends the process without dropping the
            // store, so the records are moved into the database file here.
            if let tauri::WindowEvent::Destroyed = event {
                use tauri::Manager;
                close(&window.state::<state::AppState>());
            }
        })
        .plugin(tauri_plugin_opener::init())
        .plugin(tauri_plugin_dialog::init())
        .manage(state)
        .invoke_handler(tauri::generate_handler![
            commands::app_status,
            commands::catalog,
            commands::server_status,
            commands::server_connect,
            commands::server_disconnect,
            commands::server_sync,
            commands::server_pending_source,
            commands::today,
            commands::report_failure,
            commands::read_date,
            commands::member_warnings,
            commands::meeting_warnings,
            commands::finish_welcome,
            commands::load_demo,
            commands::list_projects,
            commands::create_project,
            commands::update_project,
            commands::archive_project,
            commands::unarchive_project,
            commands::archived_projects,
            commands::project_deletion,
            commands::delete_project,
            commands::list_members,
            commands::add_member,
            commands::update_member,
            commands::member_records,
            commands::remove_member,
            commands::reinstate_member,
            commands::overview,
            commands::list_issues,
            commands::create_issue,
            commands::raise_issue,
            commands::issue_input,
            commands::update_issue,
            commands::delete_issue,
            commands::set_strength_scale,
            commands::text_view,
            commands::text_comments,
            commands::set_stop_words,
            commands::set_word_classes,
            commands::export_network,
            commands::set_phase,
            commands::checklist,
            commands::update_checklist_item,
            commands::add_checklist_item,
            commands::delete_checklist_item,
            commands::list_stakeholders,
            commands::create_stakeholder,
            commands::update_stakeholder,
            commands::delete_stakeholder,
            commands::add_contact_log,
            commands::list_resources,
            commands::create_resource,
            commands::update_resource,
            commands::delete_resource,
            commands::open_resource,
            commands::strengths,
            commands::strength_chart,
            commands::create_strength_session,
            commands::delete_strength_session,
            commands::rate_strength,
            commands::add_strength_item,
            commands::rename_strength_item,
            commands::set_strength_item_hidden,
            commands::list_meetings,
            commands::create_meeting,
            commands::meeting_input,
            commands::update_meeting,
            commands::delete_meeting,
            commands::list_tasks,
            commands::create_task,
            commands::task_input,
            commands::update_task,
            commands::delete_task,
            commands::plan,
            commands::set_plan_step,
            commands::delete_plan_step,
            commands::plan_charts,
            commands::evaluation_view,
            commands::meeting_evaluations,
            commands::create_evaluation,
            commands::evaluation_input,
            commands::update_evaluation,
            commands::delete_evaluation,
            commands::choose_export,
            commands::export_evaluations_csv,
            commands::export_evaluations_xlsx,
            commands::export_evaluation_form_xlsx,
            commands::preview_evaluation_xlsx,
            commands::import_evaluation_xlsx,
            commands::export_report,
            commands::export_form,
            commands::open_last_export,
            commands::export_bundle,
            commands::export_evaluation_request,
            commands::export_evaluation_response,
            commands::export_list_csv,
            commands::export_lists_xlsx,
            commands::export_list_xlsx,
            commands::choose_import,
            commands::choose_imports,
            commands::preview_bundle,
            commands::import_bundle,
            commands::preview_evaluation_csv,
            commands::import_evaluation_csv,
            commands::backup_status,
            commands::backup_now,
            commands::set_backup_keep,
            commands::restore_backup,
            commands::export_database,
            commands::restore_from_file,
            commands::open_backup_folder,
            commands::list_programs,
            commands::create_program,
            commands::update_program,
            commands::program_view,
            commands::program_people,
            commands::add_person,
            commands::update_person,
            commands::assign_person,
            commands::unassign_person,
            commands::list_program_meetings,
            commands::list_program_tasks,
            commands::create_program_task,
            commands::export_program,
            commands::list_surveys,
            commands::survey_view,
            commands::create_survey,
            commands::update_survey,
            commands::delete_survey,
            commands::add_question,
            commands::update_question,
            commands::delete_question,
            commands::move_question,
            commands::list_responses,
            commands::add_response,
            commands::update_response,
            commands::delete_response,
            commands::preview_survey_csv,
            commands::import_survey_csv,
            commands::export_survey,
            commands::app_ready,
            commands::guide_suggestions,
            commands::take_suggestion,
            commands::dismiss_suggestion,
            commands::guide_rules,
            commands::save_rule,
            commands::reset_rule,
            commands::guide_practices,
            commands::save_practice,
            commands::reset_practice,
            commands::meeting_reflections,
            commands::save_reflection,
            commands::practice_usage,
            commands::prepare_meeting,
            commands::export_preparation,
        ])
}

/// Comments saved before テキスト分析 existed (or imported, or from an older
/// tokenizer) get their words on a thread of their own, a batch at a time, so
/// the window never waits; the dictionary is loaded only when there is work.
fn words_in_background<R: tauri::Runtime>(app: tauri::AppHandle<R>) {
    use tauri::Manager;
    std::thread::spawn(move || {
        let state = app.state::<state::AppState>();
        if !matches!(state.with(|s| s.comments_without_words()), Ok(n) if n > 0) {
            return;
        }
        bansou::tokenizer::warm_up();
        while let Ok(n) = state.with(|s| s.tokenize_pending(200)) {
            if n == 0 {
                break;
            }
        }
    });
}

/// What the shell does before the process ends (the window closed, or the
/// app quits): every record in the `-wal` file goes into the database file,
/// so that file alone, copied to another PC, holds all the data.
pub fn close(state: &state::AppState) {
    state.checkpoint(true);
}

/// While the window is open, after a pause in its work the records are
/// moved into the database file too (a power cut or a killed process then
/// leaves a file that is whole by itself).
fn checkpoint_when_idle<R: tauri::Runtime>(app: tauri::AppHandle<R>) {
    use tauri::Manager;
    std::thread::spawn(move || loop {
        std::thread::sleep(std::time::Duration::from_secs(5));
        app.state::<state::AppState>()
            .checkpoint_if_idle(state::IDLE_BEFORE_CHECKPOINT);
    });
}

/// 共有サーバー: a PC linked to one syncs shortly after start, a few seconds
/// after the window saves something, and every few minutes, on a connection
/// of its own; a failure (オフライン) is kept in the link for 設定 to show, and
/// the next round tries again. The window hears of each round
/// (`server-synced`: the records that arrived, -1 when it failed) to refresh
/// what it shows.
fn sync_in_background<R: tauri::Runtime>(app: tauri::AppHandle<R>) {
    use std::time::{Duration, Instant};
    use tauri::{Emitter, Manager};
    let Some(path) = app.state::<state::AppState>().db_path.clone() else {
        return;
    };
    let every = Duration::from_secs(
        std::env::var("BANSOU_SYNC_SECONDS")
            .ok()
            .and_then(|s| s.parse().ok())
            .unwrap_or(300),
    );
    // Saves come in bursts (a form, then its list); wait for a pause.
    let after_save = Duration::from_secs(5);
    std::thread::spawn(move || {
        std::thread::sleep(Duration::from_secs(3));
        let mut last: Option<Instant> = None;
        loop {
            let state = app.state::<state::AppState>();
            let due = match (last, state.since_last_write()) {
                (None, _) => true,
                (Some(t), Some(w)) if w >= after_save && w < t.elapsed() => true,
                (Some(t), _) => t.elapsed() >= every,
            };
            let linked = due && state.with(|s| s.sync_link()).is_ok_and(|l| l.is_some());
            if due {
                last = Some(Instant::now());
            }
            if linked {
                // How many records arrived; -1 when the sync failed.
                let received = state::sync_now(&path, None).map_or(-1, |r| i64::from(r.received));
                let _ = app.emit("server-synced", received);
            }
            std::thread::sleep(Duration::from_secs(2));
        }
    });
}

/// The window opens no larger than the screen it is on (a 1024×640 netbook
/// included); its minimum size is set in tauri.conf.json (1024×640).
fn fit_to_screen<R: tauri::Runtime>(app: &tauri::App<R>) {
    use tauri::Manager;
    let Some(window) = app.get_webview_window("main") else {
        return;
    };
    // Before the window is mapped it may have no monitor yet; the primary one
    // is where a fresh window opens.
    let monitor = window
        .current_monitor()
        .ok()
        .flatten()
        .or_else(|| window.primary_monitor().ok().flatten());
    let Some(monitor) = monitor else {
        return;
    };
    // An unmapped window reports 0×0, so the size asked for is the configured one.
    let Some(config) = app.config().app.windows.first() else {
        return;
    };
    let scale = monitor.scale_factor();
    let wanted = tauri::LogicalSize::new(config.width, config.height).to_physical::<u32>(scale);
    // The work area leaves out the taskbar, which on a 1024×640 office PC
    // would otherwise hide the window's bottom row of buttons.
    let area = monitor.work_area();
    let screen = area.size;
    let (w, h) = (
        wanted.width.min(screen.width),
        wanted.height.min(screen.height),
    );
    if (w, h) != (wanted.width, wanted.height) {
        let _ = window.set_size(tauri::PhysicalSize::new(w, h));
        // center() would use the unmapped 0×0 size, so the position is computed.
        let x = area.position.x + ((screen.width - w) / 2) as i32;
        let y = area.position.y + ((screen.height - h) / 2) as i32;
        let _ = window.set_position(tauri::PhysicalPosition::new(x, y));
    }
}

pub fn run(db: Option<PathBuf>) {
    #[cfg(windows)]
    if !webview2::check() {
        std::process::exit(1);
    }
    let state = state::AppState::open(db);
    state.start_daily_backup();
    let app = match setup(tauri::Builder::default(), state).build(tauri::generate_context!()) {
        Ok(app) => app,
        Err(e) => {
            eprintln!("伴走ノートを起動できませんでした：{e}");
            std::process::exit(1);
        }
    };
    app.run(|app, event| {
        if let tauri::RunEvent::Exit = event {
            use tauri::Manager;
            close(&app.state::<state::AppState>());
        }
    });
}
