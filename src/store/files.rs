//! The files the app creates for a user's data are theirs alone: on Unix the
//! data folder is 0700 and the database, its backups and exports are 0600.
//! (On Windows the folder under the user's profile is private by default.)

use crate::error::{Error, Result};
use std::path::Path;

fn io(path: &Path) -> impl FnOnce(std::io::Error) -> Error + '_ {
    move |source| Error::Io {
        path: path.to_owned(),
        source,
    }
}

/// Creates `dir` and any missing parents; only the folders created here are
/// made private (a folder the user chose, such as /tmp, keeps its mode).
pub(crate) fn create_private_dir(dir: &Path) -> Result<()> {
    let mut missing = Vec::new();
    let mut at = Some(dir);
    while let Some(d) = at.filter(|d| !d.as_os_str().is_empty() && !d.exists()) {
        missing.push(d.to_owned());
        at = d.parent();
    }
    std::fs::create_dir_all(dir).map_err(io(dir))?;
    for d in missing {
        make_private(&d, true)?;
    }
    Ok(())
}

/// Creates an empty file readable only by its owner (SQLite then gives its
/// -wal and -shm files the same mode). Another process opening the same new
/// database at the same moment may have created it first, the same way: that
/// is no error (the migrations then wait for its write lock).
pub(crate) fn create_private_file(path: &Path) -> Result<()> {
    let mut options = std::fs::OpenOptions::new();
    options.write(true).create_new(true);
    #[cfg(unix)]
    std::os::unix::fs::OpenOptionsExt::mode(&mut options, 0o600);
    match options.open(path) {
        Ok(_) => Ok(()),
        Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists => Ok(()),
        Err(e) => Err(io(path)(e)),
    }
}

/// 0700 for a folder, 0600 for a file. On Windows there is nothing to set: the
/// data folder lies under the user's profile (%APPDATA%), whose access list
/// admits only that user (and SYSTEM and administrators), and what the app
/// creates there inherits it.
pub(crate) fn make_private(path: &Path, dir: bool) -> Result<()> {
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        let mode = if dir { 0o700 } else { 0o600 };
        std::fs::set_permissions(path, std::fs::Permissions::from_mode(mode)).map_err(io(path))?;
    }
    #[cfg(not(unix))]
    let _ = (path, dir);
    Ok(())
}

#[cfg(all(test, unix))]
mod tests {
    use super::*;
    use std::os::unix::fs::PermissionsExt;

    fn mode(p: &Path) -> u32 {
        std::fs::metadata(p).unwrap().permissions().mode() & 0o777
    }

    #[test]
    fn created_folders_and_files_are_private_but_existing_folders_keep_their_mode() {
        let top = tempfile::tempdir().unwrap();
        std::fs::set_permissions(top.path(), std::fs::Permissions::from_mode(0o755)).unwrap();
        let dir = top.path().join("bansou-note").join("data");
        create_private_dir(&dir).unwrap();
        assert_eq!(mode(&dir), 0o700);
        assert_eq!(mode(dir.parent().unwrap()), 0o700);
        assert_eq!(
            mode(top.path()),
            0o755,
            "a folder that existed is not changed"
        );
        let file = dir.join("x.sqlite3");
        create_private_file(&file).unwrap();
        assert_eq!(mode(&file), 0o600);
        // A second opener that lost the race to create it carries on.
        std::fs::write(&file, b"kept").unwrap();
        create_private_file(&file).unwrap();
        assert_eq!(std::fs::read(&file).unwrap(), b"kept");
        assert_eq!(mode(&file), 0o600);
    }
}
