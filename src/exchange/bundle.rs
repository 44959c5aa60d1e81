//! Bundle files (.bansou): written whole as UTF-8 JSON, read with limits so a
//! hostile or damaged file is refused with a Japanese message before anything
//! is written.

use crate::error::{Error, FieldError, Result};
use crate::model::exchange::Bundle;
use std::io::Read;
use std::path::Path;

/// Larger files are refused unread: a project's bundle is kilobytes to a few
/// megabytes (docs/EXCHANGE.md).
pub const MAX_FILE: u64 = 200 * 1024 * 1024;
/// No single text in a bundle may be longer.
pub const MAX_TEXT: usize = 1024 * 1024;

fn refuse(message: impl Into<String>) -> Error {
    Error::Validation(vec![FieldError::new("file", message.into())])
}

/// Serde's message about a bad file, in Japanese, with its place in the file.
fn explain(e: &serde_json::Error) -> String {
    let raw = e.to_string();
    let at = format!("（{}行{}列目）", e.line(), e.column());
    let field = |prefix: &str| {
        raw.split(prefix)
            .nth(1)
            .and_then(|rest| rest.split('`').next())
            .map(str::to_owned)
    };
    let what = if raw.contains("recursion limit exceeded") {
        "入れ子が深すぎます".to_owned()
    } else if let Some(f) = field("missing field `") {
        format!("必要な項目「{f}」がありません")
    } else if let Some(f) = field("unknown field `") {
        format!("この版の伴走ノートが知らない項目「{f}」があります。新しい版で作られたファイルなら、アプリを更新してください")
    } else if raw.contains("invalid type") || raw.contains("invalid value") {
        format!(
            "値の種類が正しくありません（{}）",
            raw.split(" at line").next().unwrap_or(&raw)
        )
    } else if raw.contains("unknown variant") {
        format!(
            "選べない値があります（{}）",
            raw.split(" at line").next().unwrap_or(&raw)
        )
    } else if e.is_eof() {
        "ファイルが途中で切れています".to_owned()
    } else if e.is_syntax() {
        "JSON の書き方が正しくありません".to_owned()
    } else {
        raw.clone()
    };
    format!("{what}{at}")
}

/// Longest text anywhere in a JSON value (strings and object keys).
fn longest_text(v: &serde_json::Value) -> usize {
    match v {
        serde_json::Value::String(s) => s.len(),
        serde_json::Value::Array(a) => a.iter().map(longest_text).max().unwrap_or(0),
        serde_json::Value::Object(o) => o
            .iter()
            .map(|(k, v)| k.len().max(longest_text(v)))
            .max()
            .unwrap_or(0),
        _ => 0,
    }
}

/// Reads and checks a bundle from bytes: UTF-8 JSON, a known format, no text
/// over [`MAX_TEXT`], the expected fields and types (nothing unknown is
/// silently dropped), and every record valid (see [`Bundle::validate`]).
pub fn parse(bytes: &[u8]) -> Result<Bundle> {
    if bytes.is_empty() {
        return Err(refuse("ファイルが空です"));
    }
    let text = std::str::from_utf8(bytes).map_err(|e| match e.error_len() {
        // A character cut at the very end: the file stopped mid-way.
        None => refuse("ファイルが途中で切れています"),
        Some(_) => refuse(format!(
            "ファイルの文字コードが UTF-8 ではありません（{}バイト目）",
            e.valid_up_to() + 1
        )),
    })?;
    let value: serde_json::Value = serde_json::from_str(text.trim_start_matches('\u{feff}'))
        .map_err(|e| {
            refuse(format!(
                "伴走ノートの受け渡しファイルとして読めません：{}",
                explain(&e)
            ))
        })?;
    if !value.is_object() || value.get("format").is_none() {
        return Err(refuse("伴走ノートの受け渡しファイルではありません"));
    }
    if longest_text(&value) > MAX_TEXT {
        return Err(refuse("1 MB を超える文章が含まれています。伴走ノートの記録としては長すぎるため、取り込みません"));
    }
    // Checked before the fields, so a newer format gets "update the app"
    // rather than a list of fields this version does not know.
    let format_version = value
        .get("format_version")
        .and_then(|v| v.as_u64())
        .unwrap_or(0);
    if value.get("format").and_then(|v| v.as_str()) == Some(crate::model::exchange::FORMAT)
        && format_version > u64::from(crate::model::exchange::FORMAT_VERSION)
    {
        return Err(refuse(format!(
            "このファイルは新しい版の伴走ノート（形式 {format_version}）で作られています。アプリを更新してください"
        )));
    }
    let bundle: Bundle = serde_json::from_value(value)
        .map_err(|e| refuse(format!("ファイルの内容が正しくありません：{}", explain(&e))))?;
    bundle.validate()?;
    Ok(bundle)
}

/// Reads a bundle file, refusing one larger than [`MAX_FILE`] before reading it.
pub fn read(path: &Path) -> Result<Bundle> {
    let io = |source| Error::Io {
        path: path.to_owned(),
        source,
    };
    let file = std::fs::File::open(path).map_err(io)?;
    let len = file.metadata().map_err(io)?.len();
    if len > MAX_FILE {
        return Err(refuse(format!(
            "ファイルが大きすぎます（{} MB、上限 {} MB）",
            len / 1024 / 1024,
            MAX_FILE / 1024 / 1024
        )));
    }
    let mut bytes = Vec::with_capacity(len as usize);
    file.take(MAX_FILE + 1)
        .read_to_end(&mut bytes)
        .map_err(io)?;
    parse(&bytes)
}

/// The bundle as the file's bytes: pretty UTF-8 JSON a person can read.
pub fn to_bytes(bundle: &Bundle) -> Vec<u8> {
    let mut out = serde_json::to_vec_pretty(bundle).expect("a bundle serializes");
    out.push(b'\n');
    out
}
