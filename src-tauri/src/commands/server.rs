//! 設定 → 共有サーバー: linking this PC to the association's server, its
//! status, and a sync now. A sync runs on a connection of its own to the
//! database (never under the window's store lock), so the window stays
//! usable while the server is slow or away.

use super::*;
use bansou::sync::{self, SyncReport};

/// What 設定 shows about the server.
#[derive(Debug, Serialize, TS)]
#[ts(export)]
pub struct ServerStatus {
    pub linked: bool,
    pub url: String,
    pub login: String,
    pub role: String,
    /// When the last sync finished (RFC 3339), if one has.
    pub last_sync: Option<String>,
    /// Why the last sync failed (オフライン…), until one succeeds.
    pub last_error: Option<String>,
    /// Projects waiting for a choice: their files, for the import preview.
    pub pending: Vec<String>,
    /// Where the password is kept, in words (the OS keyring, or a file only
    /// its owner reads).
    pub password_place: String,
}

fn db_path(state: &AppState) -> CmdResult<std::path::PathBuf> {
    state
        .db_path
        .clone()
        .ok_or_else(|| CommandError::internal("データベースの場所が分かりません"))
}

fn status(state: &AppState) -> CmdResult<ServerStatus> {
    let path = db_path(state)?;
    let link = state.with(|s| s.sync_link())?;
    Ok(match link {
        Some(l) => ServerStatus {
            linked: true,
            url: l.url,
            login: l.login,
            role: l.role,
            last_sync: l.last_sync,
            last_error: l.last_error,
            pending: l.pending,
            password_place: sync::secret::place(&path),
        },
        None => ServerStatus {
            linked: false,
            url: String::new(),
            login: String::new(),
            role: String::new(),
            last_sync: None,
            last_error: None,
            pending: Vec::new(),
            password_place: String::new(),
        },
    })
}

#[tauri::command]
pub async fn server_status(state: State<'_, AppState>) -> CmdResult<ServerStatus> {
    status(&state)
}

/// Opens the connection file the secretariat handed out (chosen with
/// `choose_import`, kept under its token) and links this PC to that server.
#[tauri::command]
pub async fn server_connect(state: State<'_, AppState>, token: String) -> CmdResult<ServerStatus> {
    let source = super::files::chosen_source(&state, &token)?;
    let file = sync::ConnectionFile::read(&source)?;
    let db = db_path(&state)?;
    crate::state::off_runtime(move || {
        let mut store = bansou::Store::open(&db)?;
        sync::connect(&mut store, &file).map(|_| ())
    })
    .await?;
    status(&state)
}

/// Forgets the server on this PC (its records stay).
#[tauri::command]
pub async fn server_disconnect(state: State<'_, AppState>) -> CmdResult<ServerStatus> {
    let path = db_path(&state)?;
    state.with(|s| s.remove_sync_link())?;
    sync::secret::forget(&path)?;
    status(&state)
}

/// Syncs now. `choice` 「keep」/「take」 settles every conflict one way.
#[tauri::command]
pub async fn server_sync(
    state: State<'_, AppState>,
    choice: Option<String>,
) -> CmdResult<SyncReport> {
    let choice = match choice.as_deref() {
        Some("keep") => Some(bansou::model::bundle::Choice::Keep),
        Some("take") => Some(bansou::model::bundle::Choice::Take),
        _ => None,
    };
    let db = db_path(&state)?;
    crate::state::off_runtime(move || crate::state::sync_now(&db, choice)).await
}

/// A project waiting for a choice (the `index`th of `pending`), as a file
/// the import preview opens: the same preview and choices as any file.
#[tauri::command]
pub async fn server_pending_source(
    state: State<'_, AppState>,
    index: u32,
) -> CmdResult<super::files::ImportSource> {
    let pending = state
        .with(|s| s.sync_link())?
        .map(|l| l.pending)
        .unwrap_or_default();
    let Some(path) = pending.get(index as usize) else {
        return Err(CommandError::from(bansou::Error::NotFound {
            what: "選ぶのを待っている事業",
            key: format!("{}件目", index + 1),
        }));
    };
    super::files::keep_source(&state, std::path::PathBuf::from(path))
}
