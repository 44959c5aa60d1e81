#![allow(dead_code)]

use bansou::model::{MemberInput, ProjectInput};
use bansou::Store;
use std::path::PathBuf;
use tempfile::TempDir;

/// A real database file in a fresh temporary folder.
pub fn store() -> (TempDir, PathBuf, Store) {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("bansou.sqlite3");
    let store = Store::open(&path).unwrap();
    (dir, path, store)
}

pub fn project_input(name: &str) -> ProjectInput {
    ProjectInput {
        name: name.into(),
        program: "令和6年度 地域保健総合推進事業".into(),
        prefecture: "山口県".into(),
        profession: "PT".into(),
        theme: "腰痛予防".into(),
        target: "企業".into(),
        start_date: "2024-06-01".into(),
        end_date: "2025-03-31".into(),
        goal: "腰痛を予防する".into(),
    }
}

pub fn member_input(name: &str, role: &str) -> MemberInput {
    MemberInput {
        name: name.into(),
        role: role.into(),
        affiliation: "山口県理学療法士会".into(),
        email: String::new(),
    }
}

/// A PDF's text in content order with white space removed (pdftotext from
/// poppler-utils), so words that a table cell wrapped read whole again.
pub fn pdf_text(pdf: &std::path::Path) -> String {
    let out = std::process::Command::new("pdftotext")
        .args(["-raw", "-enc", "UTF-8"])
        .arg(pdf)
        .arg("-")
        .output()
        .expect("pdftotext (poppler-utils) is installed");
    assert!(out.status.success());
    String::from_utf8(out.stdout)
        .unwrap()
        .split_whitespace()
        .collect()
}
