//! The library's layers depend downward only:
//! error, wareki, fonts, tokenizer ← model ← store ← analysis ← chart ← report
//! ← files ← catalog ← demo ← bench (and the CLI and the shell above them all).
//! A file that names a layer above its own fails here, so a rule cannot
//! quietly move to the wrong place; every module of src/ must be listed.

use std::path::{Path, PathBuf};

/// Bottom first. The first four are leaves: they use no other layer.
const LAYERS: [&str; 13] = [
    "error",
    "wareki",
    "fonts",
    "tokenizer",
    "model",
    "store",
    "analysis",
    "chart",
    "report",
    "files",
    "catalog",
    "demo",
    "bench",
];
const LEAVES: usize = 4;

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
