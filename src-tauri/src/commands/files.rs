//! Where exports go and imports come from: the system dialogs and the chosen paths.

use super::*;

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
    let test_dir = test_save_dir();
    let chosen = match &test_dir {
        Some(dir) => Some(dir.join(&name)),
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
    // The dialog asked about replacing the name as typed; with the extension
    // added it may name another file that exists, so ask about that one.
    if path != chosen && path.exists() && test_dir.is_none() {
        use tauri_plugin_dialog::{MessageDialogButtons, MessageDialogKind};
        let ask = app
            .dialog()
            .message(format!(
                "{} は既にあります。置き換えますか？",
                path.file_name().unwrap_or_default().to_string_lossy()
            ))
            .title("置き換えの確認")
            .kind(MessageDialogKind::Warning)
            .buttons(MessageDialogButtons::OkCancelCustom(
                "置き換える".into(),
                "キャンセル".into(),
            ));
        let replace = tauri::async_runtime::spawn_blocking(move || ask.blocking_show())
            .await
            .map_err(|_| CommandError::internal(crate::state::INTERNAL))?;
        if !replace {
            return Ok(None);
        }
    }
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

/// The folder the WebDriver journeys put exports in instead of asking
/// (`BANSOU_TEST_SAVE_DIR`); a release build never reads it, so no setting of
/// a user's environment can bypass the dialogs.
pub(super) fn test_save_dir() -> Option<std::path::PathBuf> {
    if cfg!(debug_assertions) {
        std::env::var_os("BANSOU_TEST_SAVE_DIR").map(std::path::PathBuf::from)
    } else {
        None
    }
}

/// The path chosen in the save dialog for `token`.
pub(super) fn chosen_path(state: &AppState, token: &str) -> CmdResult<std::path::PathBuf> {
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
pub(super) fn save_export(state: &AppState, token: &str, bytes: &[u8]) -> CmdResult<ExportResult> {
    save_pdf(state, token, bytes, 0)
}

pub(super) fn save_pdf(
    state: &AppState,
    token: &str,
    bytes: &[u8],
    replaced: usize,
) -> CmdResult<ExportResult> {
    let path = chosen_path(state, token)?;
    bansou::files::write_atomically(&path, bytes).map_err(CommandError::from)?;
    remember_export(state, token, &path)?;
    Ok(ExportResult {
        path: path.display().to_string(),
        bytes: bytes.len(),
        replaced,
    })
}

/// After an export is written: it is the one file the window may open, and
/// its token is spent.
pub(super) fn remember_export(
    state: &AppState,
    token: &str,
    path: &std::path::Path,
) -> CmdResult<()> {
    *state
        .last_export
        .lock()
        .map_err(|_| CommandError::internal(crate::state::INTERNAL))? = Some(path.to_owned());
    if let Ok(mut targets) = state.export_targets.lock() {
        targets.remove(token);
    }
    Ok(())
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
    let chosen = match test_save_dir() {
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
            // A sheet to import may also be an Excel workbook (a Microsoft Forms export).
            let dialog = if kind == ExportKind::Csv {
                dialog.add_filter("Excel", &["xlsx"])
            } else {
                dialog
            };
            tauri::async_runtime::spawn_blocking(move || dialog.blocking_pick_file())
                .await
                .map_err(|_| CommandError::internal(crate::state::INTERNAL))?
                .and_then(|p| p.into_path().ok())
        }
    };
    let Some(path) = chosen else {
        return Ok(None);
    };
    Ok(Some(keep_source(&state, path)?))
}

/// Keeps a file the window may import under a new token (the window never
/// names a path itself).
pub(super) fn keep_source(state: &AppState, path: std::path::PathBuf) -> CmdResult<ImportSource> {
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
    Ok(ImportSource { token, file_name })
}

/// Asks for several files at once (filled 表1 workbooks), through the system
/// open dialog; each is kept under a token as [`choose_import`] keeps one.
/// With `BANSOU_TEST_SAVE_DIR` set, every file of the kind in that folder.
#[tauri::command]
pub async fn choose_imports<R: tauri::Runtime>(
    app: tauri::AppHandle<R>,
    state: State<'_, AppState>,
    kind: ExportKind,
) -> CmdResult<Vec<ImportSource>> {
    use tauri_plugin_dialog::DialogExt;
    let ext = kind.extension();
    let chosen: Vec<std::path::PathBuf> = match test_save_dir() {
        Some(dir) => {
            let mut found: Vec<_> = std::fs::read_dir(dir)
                .map_err(|e| CommandError::internal(format!("フォルダを読めません：{e}")))?
                .filter_map(|e| e.ok())
                .map(|e| e.path())
                .filter(|p| p.extension().is_some_and(|x| x == ext))
                .collect();
            found.sort();
            found
        }
        None => {
            let dialog = app
                .dialog()
                .file()
                .set_title("取り込むファイルを選ぶ（いくつでも）")
                .add_filter(ext.to_uppercase(), &[ext]);
            tauri::async_runtime::spawn_blocking(move || dialog.blocking_pick_files())
                .await
                .map_err(|_| CommandError::internal(crate::state::INTERNAL))?
                .unwrap_or_default()
                .into_iter()
                .filter_map(|p| p.into_path().ok())
                .collect()
        }
    };
    let mut sources = state
        .import_sources
        .lock()
        .map_err(|_| CommandError::internal(crate::state::INTERNAL))?;
    Ok(chosen
        .into_iter()
        .map(|path| {
            let token = uuid::Uuid::new_v4().to_string();
            let file_name = path
                .file_name()
                .map(|n| n.to_string_lossy().into_owned())
                .unwrap_or_default();
            sources.insert(token.clone(), path);
            ImportSource { token, file_name }
        })
        .collect())
}

pub(super) fn chosen_source(state: &AppState, token: &str) -> CmdResult<std::path::PathBuf> {
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
