//! The library's layers depend downward only:
//! error, diagnostics, wareki, fonts, tokenizer ← model ← store ← analysis ← chart ← report
//! ← files ← catalog ← demo ← bench (and the CLI and the shell above them all).
//! A file that names a layer above its own fails here, so a rule cannot
//! quietly move to the wrong place; every module of src/ must be listed.

use std::path::{Path, PathBuf};

/// Bottom first. The first five are leaves: they use no other layer.
const LAYERS: [&str; 15] = [
    "error",
    "diagnostics",
    "wareki",
    "fonts",
    "tokenizer",
    "model",
    "store",
    "analysis",
    "chart",
    "report",
    "files",
    "sync",
    "catalog",
    "demo",
    "bench",
];
const LEAVES: usize = 5;

fn rust_files(path: &Path, out: &mut Vec<PathBuf>) {
    if path.is_dir() {
        for e in std::fs::read_dir(path).unwrap() {
            rust_files(&e.unwrap().path(), out);
        }
    } else if path.extension().is_some_and(|x| x == "rs") {
        out.push(path.to_owned());
    }
}

/// Every `crate::layer` a file names (in `use` lines and in paths);
/// `crate::Store`, re-exported at the root, counts as the store.
fn named_layers(text: &str) -> Vec<&'static str> {
    let names = |needle: &str| {
        text.match_indices(needle).any(|(i, m)| {
            let next = text[i + m.len()..].chars().next();
            !matches!(next, Some(c) if c.is_alphanumeric() || c == '_')
        })
    };
    LAYERS
        .iter()
        .copied()
        .filter(|l| names(&format!("crate::{l}")) || (*l == "store" && names("crate::Store")))
        .collect()
}

#[test]
fn no_layer_uses_one_above_it() {
    let src = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    let mut violations = Vec::new();
    for (rank, layer) in LAYERS.iter().enumerate() {
        let mut files = Vec::new();
        let dir = src.join(layer);
        if dir.is_dir() {
            rust_files(&dir, &mut files);
        } else {
            files.push(src.join(format!("{layer}.rs")));
        }
        assert!(
            !files.is_empty() && files[0].exists(),
            "layer {layer} not found"
        );
        // A module compiled for tests only (`*_tests.rs`) may drive any layer.
        for f in files
            .into_iter()
            .filter(|f| !f.to_string_lossy().ends_with("_tests.rs"))
        {
            let text = std::fs::read_to_string(&f).unwrap();
            for used in named_layers(&text) {
                let used_rank = LAYERS.iter().position(|l| *l == used).unwrap();
                let leaf = rank < LEAVES && used_rank < LEAVES && used != *layer;
                if used_rank > rank || leaf {
                    violations.push(format!(
                        "{} ({layer}) uses crate::{used}",
                        f.strip_prefix(&src).unwrap().display()
                    ));
                }
            }
        }
    }
    assert!(
        violations.is_empty(),
        "upward imports:\n{}",
        violations.join("\n")
    );
}

/// A new module must take its place in the layers, or this test fails.
#[test]
fn every_module_has_a_layer() {
    let src = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    let lib = std::fs::read_to_string(src.join("lib.rs")).unwrap();
    let modules: Vec<&str> = lib
        .lines()
        .filter_map(|l| l.trim().strip_prefix("pub mod "))
        .map(|l| l.trim_end_matches(';'))
        .collect();
    assert!(modules.len() >= LAYERS.len(), "{modules:?}");
    for m in modules {
        assert!(LAYERS.contains(&m), "src/{m} has no place in LAYERS");
    }
}

#[test]
fn the_check_sees_an_upward_import() {
    assert_eq!(named_layers("use crate::chart::Scene;"), ["chart"]);
    assert_eq!(
        named_layers("crate::reporting::x; crate::store_like"),
        Vec::<&str>::new()
    );
    assert_eq!(
        named_layers("let s = crate::store::Store::open(p);"),
        ["store"]
    );
    assert_eq!(named_layers("fn f(s: &crate::Store) {}"), ["store"]);
}

/// `r.get(3)` reads whatever the SELECT's fourth column is today; a column
/// added in the middle shifts it silently. Rows in the store are read by name.
fn positional_reads(text: &str) -> Vec<String> {
    let mut out = Vec::new();
    for needle in [".get(", ".get_ref(", ".get_unwrap("] {
        for (i, _) in text.match_indices(needle) {
            let rest = &text[i + needle.len()..];
            if rest.starts_with(|c: char| c.is_ascii_digit()) {
                out.push(format!("{needle}{}", &rest[..rest.len().min(8)]));
            }
        }
    }
    for (i, _) in text.match_indices(".get::<") {
        let rest = &text[i..];
        if let Some(close) = rest.find(">(") {
            if rest[close + 2..].starts_with(|c: char| c.is_ascii_digit()) {
                out.push(rest[..close + 4].to_owned());
            }
        }
    }
    out
}

#[test]
fn the_store_reads_columns_by_name() {
    let mut files = Vec::new();
    rust_files(
        &Path::new(env!("CARGO_MANIFEST_DIR")).join("src/store"),
        &mut files,
    );
    let found: Vec<String> = files
        .iter()
        .flat_map(|f| {
            let text = std::fs::read_to_string(f).unwrap();
            positional_reads(&text)
                .into_iter()
                .map(move |r| format!("{}: {r}", f.display()))
        })
        .collect();
    assert!(found.is_empty(), "{found:#?}");
    assert_eq!(positional_reads("|r| r.get(0)").len(), 1);
    assert_eq!(positional_reads("r.get::<_, i64>(1)?").len(), 1);
    assert!(positional_reads("r.get(\"id\")? v.get(i)").is_empty());
}
