//! The open database, or why it could not be opened (the window then shows the
//! reason instead of closing silently).

use crate::error::CommandError;
use bansou::Store;
use std::path::PathBuf;
use std::sync::Mutex;

pub struct AppState {
    pub db_path: Option<PathBuf>,
    /// The last file this window exported, the only one it may ask to open.
    pub last_export: Mutex<Option<PathBuf>>,
    db: Mutex<Result<Store, CommandError>>,
}

impl AppState {
    pub fn open(explicit: Option<PathBuf>) -> Self {
        let path = bansou::store::resolve_db_path(explicit);
        let db_path = path.as_ref().ok().cloned();
        let db = path
            .and_then(|p| Store::open(&p))
            .map_err(CommandError::from);
        AppState {
            db_path,
            last_export: Mutex::new(None),
            db: Mutex::new(db),
        }
    }

    /// Runs `f` with the store; commands never touch SQLite any other way.
    pub fn with<T>(
        &self,
        f: impl FnOnce(&mut Store) -> bansou::Result<T>,
    ) -> Result<T, CommandError> {
        // A panic in another command rolled its transaction back; the
        // connection itself is still good, so carry on rather than lock out.
        let mut guard = self
            .db
            .lock()
            .unwrap_or_else(|poisoned| poisoned.into_inner());
        match guard.as_mut() {
            Ok(store) => f(store).map_err(CommandError::from),
            Err(e) => Err(e.clone()),
        }
    }

    pub fn open_error(&self) -> Option<CommandError> {
        self.db.lock().ok().and_then(|g| g.as_ref().err().cloned())
    }
}
