//! The diagnostic log in the data folder: a command that fails inside leaves a
//! line naming the command and the cause; a user's own mistake leaves none, and
//! nothing the user wrote reaches the file. (A process of its own: the log
//! belongs to the first database a process opens.)

mod common;

use common::window::{app, invoke, project};
use serde_json::json;

#[test]
fn an_internal_error_is_logged_with_its_command_and_cause_and_nothing_personal() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("log.sqlite3");
    let (_app, w) = app(&db);
    let log = dir.path().join(bansou::diagnostics::FILE);

    // The user's mistake is theirs to fix: no line, whoever reports it.
    let err = invoke(&w, "create_project", json!({ "input": project(" ") })).unwrap_err();
    assert_eq!(err["code"], "validation");
    let report = |code: &str| {
        invoke(
            &w,
            "report_failure",
            json!({ "command": "create_project", "code": code }),
        )
        .unwrap()
    };
    report("validation");
    assert!(!log.exists(), "{:?}", std::fs::read_to_string(&log));

    // A schema changed under the window (what a damaged file would do): the
    // save fails inside, the window gets its message, the log the cause.
    rusqlite::Connection::open(&db)
        .unwrap()
        .execute_batch("ALTER TABLE projects RENAME COLUMN theme TO theme_moved")
        .unwrap();
    let err = invoke(
        &w,
        "create_project",
        json!({ "input": project("山口秘密の事業") }),
    )
    .unwrap_err();
    assert_eq!(err["code"], "database", "{err}");
    // The window names the command that failed (the shell runs it on the
    // async runtime, where its name is not known).
    report("database");
    let text = std::fs::read_to_string(&log).expect("a log line");
    let lines: Vec<Vec<&str>> = text.lines().map(|l| l.split(' ').collect()).collect();
    assert_eq!(lines.len(), 2, "{text}");
    assert!(lines.iter().all(|l| l.len() == 4), "{text}");
    assert_eq!(lines[0][2], "database", "{text}");
    assert!(lines[0][3].starts_with("sql"), "the cause: {text}");
    assert_eq!(
        lines[1][1..],
        ["create_project", "database", "reported_by_the_window"]
    );
    assert!(text.is_ascii(), "{text}");
}
