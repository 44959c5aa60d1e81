#![allow(dead_code)]

use bansou::model::{MemberInput, ProjectInput};
use bansou::Store;
use rusqlite::Connection;
use std::path::Path;
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

/// A PDF's text in content order with white space removed, so words that a
/// table cell wrapped read whole again. Read with lopdf (through the fonts'
/// ToUnicode maps), which gives what poppler's `pdftotext -raw` gives on our
/// PDFs and also runs where no poppler does (the Windows tests under Wine).
pub fn pdf_text(pdf: &std::path::Path) -> String {
    let doc = lopdf::Document::load(pdf).expect("a PDF lopdf can read");
    let pages: Vec<u32> = doc.get_pages().keys().copied().collect();
    doc.extract_text(&pages)
        .expect("the text of every page")
        .split_whitespace()
        .collect()
}

/// What `pdfinfo` would say about a PDF, read with lopdf.
#[derive(Debug)]
pub struct PdfInfo {
    pub pages: usize,
    pub title: String,
    pub author: String,
    pub creation_date: String,
    /// The first page's size in points (595.28 × 841.89 for A4 portrait).
    pub width: f32,
    pub height: f32,
}

fn text_string(o: &lopdf::Object) -> String {
    let bytes = o.as_str().unwrap_or_default();
    match bytes {
        [0xFE, 0xFF, rest @ ..] => String::from_utf16_lossy(
            &rest
                .chunks(2)
                .map(|c| u16::from_be_bytes([c[0], *c.get(1).unwrap_or(&0)]))
                .collect::<Vec<_>>(),
        ),
        _ => String::from_utf8_lossy(bytes).into_owned(),
    }
}

pub fn pdf_info(pdf: &std::path::Path) -> PdfInfo {
    let doc = lopdf::Document::load(pdf).expect("a PDF lopdf can read");
    let pages = doc.get_pages();
    let info = doc
        .trailer
        .get(b"Info")
        .and_then(|o| o.as_reference())
        .and_then(|id| doc.get_dictionary(id))
        .expect("an Info dictionary");
    let field = |k: &[u8]| info.get(k).map(text_string).unwrap_or_default();
    let first = doc.get_dictionary(*pages.values().next().unwrap()).unwrap();
    let media = first
        .get(b"MediaBox")
        .and_then(|o| o.as_array())
        .expect("a MediaBox on the page")
        .iter()
        .map(|v| v.as_float().unwrap())
        .collect::<Vec<_>>();
    PdfInfo {
        pages: pages.len(),
        title: field(b"Title"),
        author: field(b"Author"),
        creation_date: field(b"CreationDate"),
        width: media[2] - media[0],
        height: media[3] - media[1],
    }
}

/// Every table's rows as text, for "nothing changed" checks.
pub fn dump(path: &Path) -> Vec<String> {
    let conn = Connection::open(path).unwrap();
    let mut out = Vec::new();
    let names: Vec<String> = conn
        .prepare("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name")
        .unwrap()
        .query_map([], |r| r.get(0))
        .unwrap()
        .map(Result::unwrap)
        .collect();
    for t in names {
        let mut st = conn
            .prepare(&format!("SELECT * FROM {t} ORDER BY 1"))
            .unwrap();
        let n = st.column_count();
        let rows: Vec<String> = st
            .query_map([], |r| {
                Ok((0..n)
                    .map(|i| format!("{:?}", r.get_ref(i).unwrap()))
                    .collect::<Vec<_>>()
                    .join("|"))
            })
            .unwrap()
            .map(Result::unwrap)
            .collect();
        out.push(format!("{t}: {}", rows.join("\n")));
    }
    out
}
