//! Several `bansou` processes at once on one database, and what a terminal
//! is shown: many imports never collide in their backups nor fail with a raw
//! SQLite error; parallel first opens migrate once; a name with an escape
//! sequence in it never reaches the terminal raw.

use std::path::Path;
use std::process::{Command, Output};

fn run(db: &Path, args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_bansou"))
        .arg("--db")
        .arg(db)
        .args(args)
        .env_remove("BANSOU_DB")
        .output()
        .unwrap()
}

fn text(b: &[u8]) -> String {
    String::from_utf8_lossy(b).into_owned()
}

/// What a busy database may say instead of succeeding.
const BUSY: &str = "ほかの操作（別の画面やコマンド）がデータベースを使っています";

#[test]
fn many_imports_at_once_never_collide_and_never_fail_raw() {
    let dir = tempfile::tempdir().unwrap();
    let team = dir.path().join("team.sqlite3");
    assert!(run(&team, &["demo"]).status.success());
    let file = dir.path().join("山口.bansou");
    assert!(
        run(&team, &["export", "山口", "--out", file.to_str().unwrap()])
            .status
            .success()
    );
    let office = dir.path().join("office.sqlite3");
    assert!(run(&office, &["projects"]).status.success());

    let n = 30;
    let children: Vec<_> = (0..n)
        .map(|_| {
            Command::new(env!("CARGO_BIN_EXE_bansou"))
                .arg("--db")
                .arg(&office)
                .args(["import", file.to_str().unwrap()])
                .env_remove("BANSOU_DB")
                .stdout(std::process::Stdio::piped())
                .stderr(std::process::Stdio::piped())
                .spawn()
                .unwrap()
        })
        .collect();
    let mut ok = 0;
    for c in children {
        let out = c.wait_with_output().unwrap();
        let err = text(&out.stderr);
        if out.status.success() {
            ok += 1;
        } else {
            assert!(err.contains(BUSY), "a raw failure: {err}");
        }
        assert!(!err.contains("disk I/O") && !err.contains("SQL"), "{err}");
    }
    assert!(ok >= 1);
    let projects = text(&run(&office, &["projects"]).stdout);
    assert_eq!(
        projects.matches("山口県理学療法士会").count(),
        1,
        "{projects}"
    );
    // Every backup is whole and has a name of its own.
    let backups = std::fs::read_dir(dir.path().join("backups")).unwrap();
    for b in backups {
        let p = b.unwrap().path();
        let name = p.file_name().unwrap().to_string_lossy().into_owned();
        assert!(
            !name.ends_with(".part"),
            "a half-written copy was left: {name}"
        );
        let c = rusqlite::Connection::open(&p).unwrap();
        let check: String = c
            .query_row("PRAGMA integrity_check", [], |r| r.get(0))
            .unwrap();
        assert_eq!(check, "ok", "{name}");
    }
}

#[test]
fn parallel_first_opens_migrate_once_without_showing_sql() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("new.sqlite3");
    let children: Vec<_> = (0..8)
        .map(|_| {
            Command::new(env!("CARGO_BIN_EXE_bansou"))
                .arg("--db")
                .arg(&db)
                .arg("projects")
                .env_remove("BANSOU_DB")
                .stderr(std::process::Stdio::piped())
                .stdout(std::process::Stdio::piped())
                .spawn()
                .unwrap()
        })
        .collect();
    for c in children {
        let out = c.wait_with_output().unwrap();
        let err = text(&out.stderr);
        assert!(!err.contains("CREATE TABLE"), "{err}");
        assert!(out.status.success() || err.contains(BUSY), "{err}");
    }
    assert!(run(&db, &["projects"]).status.success());
}

#[test]
fn an_escape_sequence_in_a_record_never_reaches_the_terminal_raw() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("b.sqlite3");
    assert!(run(&db, &["demo"]).status.success());
    // Written behind the app's back (an old version, another tool).
    let c = rusqlite::Connection::open(&db).unwrap();
    c.execute(
        "UPDATE projects SET name = '山口' || char(27) || ']0;乗っ取り' || char(7) || '事業' WHERE id = 1",
        [],
    )
    .unwrap();
    drop(c);
    for args in [&["projects"][..], &["checklist", "1"], &["meetings", "1"]] {
        let out = run(&db, args);
        let all = format!("{}{}", text(&out.stdout), text(&out.stderr));
        assert!(
            !all.contains('\u{1b}') && !all.contains('\u{7}'),
            "{args:?}: {all:?}"
        );
    }
    let shown = text(&run(&db, &["projects"]).stdout);
    assert!(shown.contains("\\u{1b}"), "{shown}");
}

#[test]
fn a_backup_is_never_written_over_the_database_or_its_companions() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("b.sqlite3");
    assert!(run(&db, &["demo"]).status.success());
    for bad in ["b.sqlite3-journal", "b.sqlite3-wal", "b.sqlite3"] {
        let out = run(
            &db,
            &["backup", "--out", dir.path().join(bad).to_str().unwrap()],
        );
        assert!(!out.status.success(), "{bad}");
    }
    assert!(!dir.path().join("b.sqlite3-journal").exists());
    assert!(
        run(&db, &["projects"]).status.success(),
        "the database still opens"
    );
}

#[test]
fn a_sheet_too_large_is_refused_before_it_is_read() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("b.sqlite3");
    assert!(run(&db, &["demo"]).status.success());
    let big = dir.path().join("大きい.csv");
    std::fs::File::create(&big)
        .unwrap()
        .set_len(400 * 1024 * 1024)
        .unwrap();
    let out = run(
        &db,
        &["evaluations", "山口", "--import-csv", big.to_str().unwrap()],
    );
    assert!(!out.status.success());
    assert!(
        text(&out.stderr).contains("大きすぎます"),
        "{}",
        text(&out.stderr)
    );
}
