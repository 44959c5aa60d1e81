//! The open database, or why it could not be opened (the window then shows the
//! reason instead of closing silently), and the files the window may write.

use crate::error::CommandError;
use bansou::Store;
use std::collections::HashMap;
use std::path::PathBuf;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Mutex, OnceLock};
use std::time::{Duration, Instant};

pub struct AppState {
    pub db_path: Option<PathBuf>,
    /// The last file this window exported, the only one it may ask to open.
    pub last_export: Mutex<Option<PathBuf>>,
    /// Targets chosen in the save dialog, by the token the window holds: an
    /// export writes only where the user chose, never to a path the window
    /// makes up.
    pub export_targets: Mutex<HashMap<String, PathBuf>>,
    /// Files chosen in the open dialog, by token, for the same reason.
    pub import_sources: Mutex<HashMap<String, PathBuf>>,
    db: Mutex<Result<Store, CommandError>>,
    /// When the state was made; the times below count from it, in ms.
    started: Instant,
    /// How many times the store was used, and that count at the last
    /// checkpoint: the idle checkpoint runs only after some use.
    uses: AtomicU64,
    checkpointed_at_use: AtomicU64,
    /// When the store was last used (ms since `started`).
    last_use_ms: AtomicU64,
    /// When the window last changed a record (ms since start; 0: not yet):
    /// a linked PC syncs shortly after.
    last_write_ms: AtomicU64,
}

/// How long the window must have left the store alone before the records in
/// the `-wal` file are moved into the database file.
pub const IDLE_BEFORE_CHECKPOINT: Duration = Duration::from_secs(10);

/// The message for a command that failed inside (a bug, not the user's input):
/// the window gets an answer, the data is unchanged (the transaction rolled back).
pub const INTERNAL: &str =
    "内部エラーが発生しました。データは変更していません。もう一度お試しください";

impl AppState {
    pub fn open(explicit: Option<PathBuf>) -> Self {
        let path = bansou::store::resolve_db_path(explicit);
        let db_path = path.as_ref().ok().cloned();
        if let Some(folder) = db_path.as_deref().and_then(std::path::Path::parent) {
            start_log(folder);
        }
        let db = path
            .and_then(|p| Store::open(&p))
            .map_err(CommandError::from);
        AppState {
            db_path,
            last_export: Mutex::new(None),
            export_targets: Mutex::new(HashMap::new()),
            import_sources: Mutex::new(HashMap::new()),
            db: Mutex::new(db),
            started: Instant::now(),
            uses: AtomicU64::new(0),
            checkpointed_at_use: AtomicU64::new(0),
            last_use_ms: AtomicU64::new(0),
            last_write_ms: AtomicU64::new(0),
        }
    }

    fn note_use(&self) {
        self.uses.fetch_add(1, Ordering::SeqCst);
        let ms = self.started.elapsed().as_millis() as u64;
        self.last_use_ms.store(ms, Ordering::SeqCst);
    }

    /// Moves every record in the `-wal` file into the database file (see
    /// `Store::checkpoint`): when the window closes (`wait`) and after a
    /// pause (not waiting for the daily backup's reader). True
    /// when the database file alone holds everything (or nothing is open).
    pub fn checkpoint(&self, wait: bool) -> bool {
        let at = self.uses.load(Ordering::SeqCst);
        let guard = self.lock();
        let Ok(store) = guard.as_ref() else {
            return true;
        };
        let done =
            std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| store.checkpoint(wait)));
        match done {
            Ok(Ok(whole)) => {
                if whole {
                    self.checkpointed_at_use.store(at, Ordering::SeqCst);
                }
                whole
            }
            Ok(Err(e)) => {
                eprintln!("データをデータベースのファイルにまとめられませんでした：{e}");
                false
            }
            Err(_) => false,
        }
    }

    /// The idle checkpoint: when the store was used since the last one and
    /// has then been left alone for `idle`. True when it ran.
    pub fn checkpoint_if_idle(&self, idle: Duration) -> bool {
        let used = self.uses.load(Ordering::SeqCst);
        if used == self.checkpointed_at_use.load(Ordering::SeqCst) {
            return false;
        }
        let now = self.started.elapsed().as_millis() as u64;
        if now.saturating_sub(self.last_use_ms.load(Ordering::SeqCst)) < idle.as_millis() as u64 {
            return false;
        }
        self.checkpoint(false)
    }

    fn lock(&self) -> std::sync::MutexGuard<'_, Result<Store, CommandError>> {
        // A panic in another command rolled its transaction back; the
        // connection itself is still good, so carry on rather than lock out.
        self.db
            .lock()
            .unwrap_or_else(|poisoned| poisoned.into_inner())
    }

    /// Runs `f` with the store; commands never touch SQLite any other way. A
    /// panic inside becomes an error reply, so the window never waits forever.
    pub fn with<T>(
        &self,
        f: impl FnOnce(&mut Store) -> bansou::Result<T>,
    ) -> Result<T, CommandError> {
        let mut guard = self.lock();
        self.note_use();
        match guard.as_mut() {
            Ok(store) => {
                let before = store.changes();
                let result = guarded(|| f(store).map_err(CommandError::from));
                if store.changes() != before {
                    let ms = self.started.elapsed().as_millis() as u64;
                    self.last_write_ms.store(ms.max(1), Ordering::SeqCst);
                }
                result
            }
            Err(e) => Err(e.clone()),
        }
    }

    /// How long ago the window last changed a record; None if it has not.
    pub fn since_last_write(&self) -> Option<Duration> {
        match self.last_write_ms.load(Ordering::SeqCst) {
            0 => None,
            ms => Some(
                self.started
                    .elapsed()
                    .saturating_sub(Duration::from_millis(ms)),
            ),
        }
    }

    /// Replaces the open store with what `f` makes of it (a restore). If `f`
    /// fails, the database is opened again as it was.
    pub fn replace(
        &self,
        f: impl FnOnce(Store) -> bansou::Result<Store>,
    ) -> Result<(), CommandError> {
        let path = self
            .db_path
            .clone()
            .ok_or_else(|| CommandError::internal("データの保存先がわかりません"))?;
        let mut guard = self.lock();
        let current = std::mem::replace(
            &mut *guard,
            Err(CommandError::internal("データベースを開き直しています")),
        );
        let store = current?;
        match guarded(|| f(store).map_err(CommandError::from)) {
            Ok(new) => {
                *guard = Ok(new);
                Ok(())
            }
            Err(e) => {
                *guard = Store::open(&path).map_err(CommandError::from);
                Err(e)
            }
        }
    }

    /// Restores a backup: over the open database, or — when it could not be
    /// opened — over its file, so a user locked out by a damaged database can
    /// still reach the backups.
    pub fn restore(&self, source: &std::path::Path) -> Result<(), CommandError> {
        let opened = self.lock().is_ok();
        if opened {
            return self.replace(|s| s.restore(source));
        }
        let path = self
            .db_path
            .clone()
            .ok_or_else(|| CommandError::internal("データの保存先がわかりません"))?;
        let mut guard = self.lock();
        let restored = guarded(|| {
            bansou::store::backup::restore_unopened(&path, source).map_err(CommandError::from)
        })?;
        *guard = Ok(restored);
        Ok(())
    }

    pub fn open_error(&self) -> Option<CommandError> {
        self.lock().as_ref().err().cloned()
    }

    /// Once a day, a copy of the database in `backups/`, made on a thread of
    /// its own through its own connection, so start-up does not wait for it.
    pub fn start_daily_backup(&self) {
        let Some(path) = self.db_path.clone() else {
            return;
        };
        let Ok(keep) = self.with(|s| s.backup_keep()) else {
            return;
        };
        std::thread::spawn(move || {
            // After the first screen: on a 2-core office PC the copy would
            // otherwise compete with the window's start for the CPU and disk.
            std::thread::sleep(std::time::Duration::from_secs(8));
            let today = chrono::Local::now().date_naive();
            if let Err(e) = bansou::store::backup::daily_if_due(&path, today, keep) {
                eprintln!("毎日のバックアップを作れませんでした：{e}");
            }
        });
    }
}

/// Runs `f`, turning a panic into an error reply.
pub fn guarded<T>(f: impl FnOnce() -> Result<T, CommandError>) -> Result<T, CommandError> {
    std::panic::catch_unwind(std::panic::AssertUnwindSafe(f))
        .unwrap_or_else(|_| Err(CommandError::internal(INTERNAL)))
}

/// The diagnostic log of this process: in the data folder of the database it
/// opened first (a window opens one).
static LOG: OnceLock<bansou::diagnostics::Log> = OnceLock::new();

/// Starts the log in `folder` and has panics written to it (where, not what:
/// a panic's message could quote a user's text).
fn start_log(folder: &std::path::Path) {
    if LOG
        .set(bansou::diagnostics::Log::in_folder(folder))
        .is_err()
    {
        return;
    }
    let previous = std::panic::take_hook();
    std::panic::set_hook(Box::new(move |info| {
        let at = info
            .location()
            .map(|l| format!("{}:{}", l.file(), l.line()))
            .unwrap_or_default();
        log_failure("panic", &at);
        previous(info);
    }));
}

/// Writes a line for a command that failed inside or was refused. Every
/// command runs on the async runtime, where which one is running is not
/// known here: the window reports that itself (`report_failure`), one line
/// beside this one.
pub fn log_failure(code: &str, cause: &str) {
    log_command_failure("shell", code, cause);
}

pub fn log_command_failure(command: &str, code: &str, cause: &str) {
    if let Some(log) = LOG.get() {
        log.write(command, code, cause);
    }
}

/// Runs `f` on a thread of its own, outside Tauri's async runtime: the
/// PostgreSQL client is synchronous and starts a runtime of its own, which
/// cannot be done from inside another.
pub async fn off_runtime<T: Send + 'static, E: Send + 'static>(
    f: impl FnOnce() -> Result<T, E> + Send + 'static,
) -> Result<T, CommandError>
where
    CommandError: From<E>,
{
    let joined = tauri::async_runtime::spawn_blocking(move || std::thread::spawn(f).join())
        .await
        .map_err(|_| CommandError::internal(INTERNAL))?;
    match joined {
        Ok(result) => result.map_err(CommandError::from),
        Err(_) => Err(CommandError::internal(INTERNAL)),
    }
}

/// One sync at a time in this process (the button and the background).
static SYNCING: Mutex<()> = Mutex::new(());

/// Syncs the database at `path` on a connection of its own: the window's
/// store stays free while the server answers (or does not).
pub fn sync_now(
    path: &std::path::Path,
    choice: Option<bansou::model::bundle::Choice>,
) -> Result<bansou::sync::SyncReport, CommandError> {
    let _one = SYNCING.lock().unwrap_or_else(|p| p.into_inner());
    guarded(|| {
        let mut store = Store::open(path)?;
        Ok(bansou::sync::sync(&mut store, choice)?)
    })
}
