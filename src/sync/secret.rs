//! Where this PC keeps the server password: never in the database (which is
//! backed up, copied and exported). On Windows and macOS it goes to the OS
//! keyring (Windows の資格情報マネージャー, the macOS keychain), one entry per
//! database; where there is none (a headless Linux) or it refuses, to a file
//! beside the database that only its owner can read (0600). 設定 and
//! `bansou connect` say which.

use super::error::{Error, Result};
use std::path::{Path, PathBuf};

/// The keyring entry's service name; the account is the database's path.
#[cfg(any(windows, target_os = "macos"))]
const SERVICE: &str = "伴走ノート 共有サーバー";

/// The password file of the database at `db`.
pub fn path_for(db: &Path) -> PathBuf {
    let mut name = db.file_name().unwrap_or_default().to_owned();
    name.push(".server-password");
    db.with_file_name(name)
}

#[cfg(any(windows, target_os = "macos"))]
fn entry(db: &Path) -> Option<keyring::Entry> {
    keyring::Entry::new(SERVICE, &db.display().to_string()).ok()
}

/// Where the password of the database at `db` is, as 設定 says it.
pub fn place(db: &Path) -> String {
    #[cfg(any(windows, target_os = "macos"))]
    if entry(db).is_some_and(|e| e.get_password().is_ok()) {
        return if cfg!(windows) {
            "Windows の資格情報マネージャー".into()
        } else {
            "macOS のキーチェーン".into()
        };
    }
    format!(
        "このパソコンのあなただけが読めるファイル（{}）",
        path_for(db).display()
    )
}

/// Keeps the password; returns where (as [`place`] says it).
pub fn save(db: &Path, password: &str) -> Result<String> {
    #[cfg(any(windows, target_os = "macos"))]
    if entry(db).is_some_and(|e| e.set_password(password).is_ok()) {
        // A file left from before would be read no more; it goes.
        let _ = std::fs::remove_file(path_for(db));
        return Ok(place(db));
    }
    crate::files::write_atomically(&path_for(db), password.as_bytes())?;
    Ok(place(db))
}

pub fn load(db: &Path) -> Result<String> {
    #[cfg(any(windows, target_os = "macos"))]
    if let Some(p) = entry(db).and_then(|e| e.get_password().ok()) {
        return Ok(p);
    }
    match std::fs::read_to_string(path_for(db)) {
        Ok(p) if !p.is_empty() => Ok(p),
        Ok(_) | Err(_) => Err(Error::Input(
            "共有サーバーのパスワードが見つかりません。接続ファイルを開き直してください（設定 → 共有サーバー、または bansou connect FILE）".into(),
        )),
    }
}

pub fn forget(db: &Path) -> Result<()> {
    #[cfg(any(windows, target_os = "macos"))]
    if let Some(e) = entry(db) {
        let _ = e.delete_credential();
    }
    let path = path_for(db);
    match std::fs::remove_file(&path) {
        Ok(()) => Ok(()),
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(()),
        Err(e) => Err(Error::Store(crate::Error::Io { path, source: e })),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_password_is_kept_out_of_the_database_and_forgotten() {
        let dir = tempfile::tempdir().unwrap();
        let db = dir.path().join("bansou.sqlite3");
        assert!(load(&db).is_err());
        let said = save(&db, "abc123").unwrap();
        assert_eq!(load(&db).unwrap(), "abc123");
        assert_eq!(said, place(&db));
        if path_for(&db).exists() {
            // The file: beside the database, its owner's only.
            assert!(said.contains("bansou.sqlite3.server-password"), "{said}");
            #[cfg(unix)]
            {
                use std::os::unix::fs::PermissionsExt;
                let mode = std::fs::metadata(path_for(&db))
                    .unwrap()
                    .permissions()
                    .mode();
                assert_eq!(mode & 0o077, 0);
            }
        } else {
            assert!(
                said.contains("資格情報マネージャー") || said.contains("キーチェーン"),
                "{said}"
            );
        }
        save(&db, "def456").unwrap();
        assert_eq!(
            load(&db).unwrap(),
            "def456",
            "a new file replaces the old password"
        );
        forget(&db).unwrap();
        forget(&db).unwrap();
        assert!(load(&db).is_err());
    }
}
