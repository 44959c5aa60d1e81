//! The diagnostic log: a small file in the data folder that says which command
//! failed inside, where and why (SQLite's code, the I/O error's kind, the
//! source line of a refusal or panic), so a user's 「内部エラー」 can be traced.
//! It never holds what users wrote: callers pass codes and locations, and
//! every field is reduced to printable ASCII before it is written.

use std::fs::OpenOptions;
use std::io::Write;
use std::path::{Path, PathBuf};

/// The log's name in the data folder; the previous one is kept as `.1`.
pub const FILE: &str = "bansou.log";
/// Past this size the log starts again, the old one kept beside it: two files
/// of at most this size each, whatever happens.
const MAX_BYTES: u64 = 256 * 1024;
/// A field longer than this is cut (a cause is a code, not a story).
const MAX_FIELD: usize = 200;

#[derive(Debug, Clone)]
pub struct Log {
    path: PathBuf,
}

impl Log {
    /// The log in `folder` (the data folder, beside the database).
    pub fn in_folder(folder: &Path) -> Log {
        Log {
            path: folder.join(FILE),
        }
    }

    pub fn path(&self) -> &Path {
        &self.path
    }

    /// Appends one line: time, what was running, the error's code and cause.
    /// A log that cannot be written is not a reason to fail the user's
    /// command, so this reports nothing back.
    pub fn write(&self, what: &str, code: &str, cause: &str) {
        let _ = self.try_write(what, code, cause);
    }

    fn try_write(&self, what: &str, code: &str, cause: &str) -> std::io::Result<()> {
        if std::fs::metadata(&self.path).is_ok_and(|m| m.len() >= MAX_BYTES) {
            let mut old = self.path.clone().into_os_string();
            old.push(".1");
            std::fs::rename(&self.path, old)?;
        }
        let line = format!(
            "{} {} {} {}\n",
            chrono::Local::now().format("%Y-%m-%dT%H:%M:%S"),
            clean(what),
            clean(code),
            clean(cause)
        );
        let mut file = OpenOptions::new()
            .create(true)
            .append(true)
            .open(&self.path)?;
        // One write per line: lines from two threads never interleave.
        file.write_all(line.as_bytes())
    }
}

/// Printable ASCII only, spaces as `_` inside a field so a line splits in
/// four: whatever slips into a cause (a name in an error text) cannot reach
/// the file, and a newline cannot forge a line.
fn clean(field: &str) -> String {
    let kept: String = field
        .chars()
        .filter(|c| c.is_ascii_graphic() || *c == ' ')
        .map(|c| if c == ' ' { '_' } else { c })
        .take(MAX_FIELD)
        .collect();
    if kept.is_empty() {
        "-".to_owned()
    } else {
        kept
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn lines(log: &Log) -> Vec<String> {
        std::fs::read_to_string(log.path())
            .unwrap()
            .lines()
            .map(str::to_owned)
            .collect()
    }

    #[test]
    fn a_line_per_event_with_four_fields_and_no_personal_text() {
        let dir = tempfile::tempdir().unwrap();
        let log = Log::in_folder(dir.path());
        log.write("save_meeting", "database", "sqlite DatabaseBusy (5)");
        log.write("export", "internal", "山口県士会\n2026-01-01 forged line");
        let got = lines(&log);
        assert_eq!(got.len(), 2, "{got:?}");
        assert!(
            got[0].ends_with(" save_meeting database sqlite_DatabaseBusy_(5)"),
            "{}",
            got[0]
        );
        assert!(!got[1].contains('山'), "{}", got[1]);
        assert_eq!(got[1].split(' ').count(), 4, "{}", got[1]);
    }

    #[test]
    fn the_log_starts_again_past_its_size_and_keeps_one_old_file() {
        let dir = tempfile::tempdir().unwrap();
        let log = Log::in_folder(dir.path());
        let cause = "x".repeat(MAX_FIELD);
        for _ in 0..(2 * MAX_BYTES as usize / MAX_FIELD + 10) {
            log.write("cmd", "internal", &cause);
        }
        let size = |p: &Path| std::fs::metadata(p).unwrap().len();
        assert!(size(log.path()) <= MAX_BYTES + 300);
        let old = dir.path().join(format!("{FILE}.1"));
        assert!(size(&old) >= MAX_BYTES && size(&old) <= MAX_BYTES + 300);
        assert_eq!(std::fs::read_dir(dir.path()).unwrap().count(), 2);
    }

    #[test]
    fn a_folder_that_cannot_be_written_fails_quietly() {
        let log = Log::in_folder(Path::new("/nonexistent/folder"));
        log.write("cmd", "internal", "cause");
        assert!(!log.path().exists());
    }
}
