//! 伴走ノート's desktop shell: opens the database and exposes the library to the
//! window through IPC commands.

pub mod commands;
pub mod error;
pub mod state;

use std::path::PathBuf;

/// Registers the state and every command on `builder`; shared by the app and
/// the IPC tests (which pass Tauri's mock builder).
pub fn setup<R: tauri::Runtime>(
    builder: tauri::Builder<R>,
    state: state::AppState,
) -> tauri::Builder<R> {
    builder
        .manage(state)
        .invoke_handler(tauri::generate_handler![
            commands::app_status,
            commands::catalog,
            commands::finish_welcome,
            commands::load_demo,
            commands::list_projects,
            commands::create_project,
            commands::update_project,
            commands::delete_project,
            commands::list_members,
            commands::add_member,
            commands::update_member,
            commands::remove_member,
        ])
}

pub fn run(db: Option<PathBuf>) {
    let state = state::AppState::open(db);
    if let Err(e) = setup(tauri::Builder::default(), state).run(tauri::generate_context!()) {
        eprintln!("伴走ノートを起動できませんでした：{e}");
        std::process::exit(1);
    }
}
