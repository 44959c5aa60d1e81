//! Start-up, the catalog, dates, the welcome, backups.

use super::*;

pub(super) const WELCOME_DONE: &str = "welcome_done";

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

/// Slips worth a word before a meeting is saved (a date outside the
/// period), and the 第N回 that saving it would move on (`meeting_id`: the
/// meeting being edited, null for a new one).
#[tauri::command]
pub async fn meeting_warnings(
    state: State<'_, AppState>,
    input: MeetingInput,
    meeting_id: Option<i64>,
) -> CmdResult<Vec<String>> {
    let (projects, renumbering) = state.with(|s| {
        let projects = input
            .project_ids
            .iter()
            .map(|&id| s.project(id))
            .collect::<bansou::Result<Vec<_>>>()?;
        Ok((projects, s.meeting_renumbering(&input, meeting_id)?))
    })?;
    let mut out = bansou::model::meeting::warnings(&projects, &input);
    out.extend(renumbering);
    Ok(out)
}

/// The window's word that a command failed (with the code it got back): the
/// shell logs its cause where it knows it, but not which command was running
/// on the async runtime, and a call Tauri refuses never reaches a command.
/// The user's own mistakes are not logged; the log keeps codes, not text.
#[tauri::command]
pub async fn report_failure(command: String, code: String) -> CmdResult<()> {
    if !bansou::error::is_for_the_user(&code) {
        crate::state::log_command_failure(&command, &code, "reported_by_the_window");
    }
    Ok(())
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
    let db = state
        .db_path
        .clone()
        .ok_or_else(|| CommandError::internal("データの保存先がわかりません"))?;
    // Listed even when the database does not open, so it can be restored.
    let keep = state
        .with(|s| s.backup_keep())
        .unwrap_or(bansou::store::backup::DEFAULT_KEEP);
    Ok(BackupStatus {
        folder: bansou::store::backup::dir_of(&db).display().to_string(),
        keep,
        backups: bansou::store::backup::list(&db)?,
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
    let db = state
        .db_path
        .clone()
        .ok_or_else(|| CommandError::internal("データの保存先がわかりません"))?;
    let listed = bansou::store::backup::list(&db)?;
    let chosen = listed
        .into_iter()
        .find(|b| b.file_name == file_name)
        .ok_or_else(|| {
            CommandError::from(bansou::Error::NotFound {
                what: "バックアップ",
                key: file_name.clone(),
            })
        })?;
    state.restore(std::path::Path::new(&chosen.path))
}

/// 「このデータを1つのファイルに書き出す」: every record, as one database
/// file, to the place chosen in the save dialog (a USB stick, for a new PC).
/// The copy is consistent (taken through SQLite, WAL included) and never
/// replaces an existing file.
#[tauri::command]
pub async fn export_database(
    state: State<'_, AppState>,
    target: String,
) -> CmdResult<super::files::ExportResult> {
    let path = super::files::chosen_path(&state, &target)?;
    state.with(|s| s.backup_to(&path))?;
    let bytes = std::fs::metadata(&path).map(|m| m.len()).unwrap_or(0);
    super::files::remember_export(&state, &target, &path)?;
    Ok(super::files::ExportResult {
        path: path.display().to_string(),
        bytes: bytes as usize,
        replaced: 0,
    })
}

/// On the new PC: replaces this PC's data with a file written by
/// 「このデータを1つのファイルに書き出す」 (chosen in the open dialog). The
/// file is checked whole first; the current data is backed up before.
#[tauri::command]
pub async fn restore_from_file(state: State<'_, AppState>, source: String) -> CmdResult<()> {
    let path = super::files::chosen_source(&state, &source)?;
    state.restore(&path)
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
