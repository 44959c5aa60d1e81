//! Where this PC keeps the server password: never in the database (which is
//! backed up, copied and exported). This build keeps it in a file beside the
//! database that only its owner can read (0600); the OS keyring is not used
//! yet (docs/SERVER.md), and 設定 and `bansou connect` say where it is.

use super::error::{Error, Result};
use std::path::{Path, PathBuf};

/// The password file of the database at `db`.
pub fn path_for(db: &Path) -> PathBuf {
    let mut name = db.file_name().unwrap_or_default().to_owned();
    name.push(".server-password");
    db.with_file_name(name)
}

pub fn save(db: &Path, password: &str) -> Result<PathBuf> {
    let path = path_for(db);
    crate::files::write_atomically(&path, password.as_bytes())?;
    Ok(path)
}

pub fn load(db: &Path) -> Result<String> {
    let path = path_for(db);
    match std::fs::read_to_string(&path) {
        Ok(p) if !p.is_empty() => Ok(p),
        Ok(_) | Err(_) => Err(Error::Input(format!(
            "共有サーバーのパスワード（{}）が見つかりません。接続ファイルを開き直してください（bansou connect FILE）",
            path.display()
        ))),
    }
}

pub fn forget(db: &Path) -> Result<()> {
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
    fn the_password_lives_beside_the_database_for_its_owner_only() {
        let dir = tempfile::tempdir().unwrap();
        let db = dir.path().join("bansou.sqlite3");
        assert!(load(&db).is_err());
        let p = save(&db, "abc123").unwrap();
        assert_eq!(p, dir.path().join("bansou.sqlite3.server-password"));
        assert_eq!(load(&db).unwrap(), "abc123");
        #[cfg(unix)]
        {
            use std::os::unix::fs::PermissionsExt;
            assert_eq!(
                std::fs::metadata(&p).unwrap().permissions().mode() & 0o077,
                0
            );
        }
        forget(&db).unwrap();
        forget(&db).unwrap();
        assert!(load(&db).is_err());
    }
}
