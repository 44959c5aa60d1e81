//! Data leaving the app: CSV and workbooks for Excel, project bundles, and the
//! rules every file written for the user follows.

pub mod bundle_file;
pub mod csv;
pub mod evaluation_csv;
pub mod graph;
pub mod survey_csv;
pub mod target;
pub mod xlsx;

use crate::error::{Error, Result};
use std::io::Write;
use std::path::Path;

/// Writes the file whole or not at all: a temporary file in the target folder,
/// flushed to disk, then renamed over the target. A failure leaves an existing
/// file as it was and no stray temporary file behind.
pub fn write_atomically(path: &Path, bytes: &[u8]) -> Result<()> {
    let io = |source| Error::Io {
        path: path.to_owned(),
        source,
    };
    let dir = match path.parent() {
        Some(d) if !d.as_os_str().is_empty() => d,
        _ => Path::new("."),
    };
    // tempfile creates the file readable by its owner only (0600 on Unix).
    let mut tmp = tempfile::Builder::new()
        .prefix(".bansou-")
        .suffix(".part")
        .tempfile_in(dir)
        .map_err(io)?;
    tmp.write_all(bytes).map_err(io)?;
    tmp.as_file().sync_all().map_err(io)?;
    tmp.persist(path).map_err(|e| io(e.error))?;
    Ok(())
}

/// Reads a file the user chose whole, refusing one larger than `max` bytes
/// before reading any of it (a sheet, a form's export).
pub fn read_limited(path: &Path, max: u64) -> Result<Vec<u8>> {
    use std::io::Read;
    let io = |source| Error::Io {
        path: path.to_owned(),
        source,
    };
    let file = std::fs::File::open(path).map_err(io)?;
    let len = file.metadata().map_err(io)?.len();
    if len > max {
        return Err(Error::Validation(vec![crate::error::FieldError::new(
            "file",
            format!(
                "ファイルが大きすぎます（{} MB、上限 {} MB）",
                len.div_ceil(1024 * 1024),
                max / 1024 / 1024
            ),
        )]));
    }
    let mut bytes = Vec::with_capacity(len as usize);
    file.take(max + 1).read_to_end(&mut bytes).map_err(io)?;
    Ok(bytes)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_failed_write_leaves_the_old_file_and_no_temporary_file() {
        let dir = tempfile::tempdir().unwrap();
        let out = dir.path().join("報告書.pdf");
        write_atomically(&out, b"first").unwrap();
        assert_eq!(std::fs::read(&out).unwrap(), b"first");
        write_atomically(&out, b"second").unwrap();
        assert_eq!(std::fs::read(&out).unwrap(), b"second");
        // A target that is a folder cannot be replaced: the folder stays.
        let folder = dir.path().join("folder.pdf");
        std::fs::create_dir(&folder).unwrap();
        std::fs::write(folder.join("keep.txt"), b"x").unwrap();
        assert!(write_atomically(&folder, b"third").is_err());
        assert!(folder.join("keep.txt").exists());
        let names: Vec<String> = std::fs::read_dir(dir.path())
            .unwrap()
            .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
            .collect();
        assert!(names.iter().all(|n| !n.ends_with(".part")), "{names:?}");
    }

    #[cfg(unix)]
    #[test]
    fn exports_are_readable_by_their_owner_only() {
        use std::os::unix::fs::PermissionsExt;
        let dir = tempfile::tempdir().unwrap();
        let out = dir.path().join("評価.csv");
        write_atomically(&out, b"x").unwrap();
        let mode = std::fs::metadata(&out).unwrap().permissions().mode() & 0o777;
        assert_eq!(mode, 0o600);
    }
}
