//! Reading a bundle as it streams in: each record is taken in on its own
//! (normalised, checked, kept as compact JSON) before the next is read, so
//! memory follows the file's size and not the shape of its records.

use super::{Bundle, BundleKind, Tombstone, FORMAT, FORMAT_VERSION};
use crate::error::{Error, FieldError, Result};
use crate::store::record::{self, AnyKind, Problems};
use serde::de::{DeserializeSeed, IgnoredAny, MapAccess, SeqAccess, Visitor};
use serde_json::value::RawValue;
use std::collections::HashSet;
use std::fmt;

pub use crate::store::record::MAX_TEXT;

fn refuse(message: impl Into<String>) -> Error {
    Error::Validation(vec![FieldError::new("file", message.into())])
}

/// What the reading has found so far.
#[derive(Default)]
struct Reading {
    problems: Problems,
    seen: HashSet<uuid::Uuid>,
    unknown: Option<String>,
    unknown_kind: Option<String>,
    format: Option<String>,
    format_version: Option<u64>,
    app_version: Option<String>,
    kind: Option<BundleKind>,
    exported_at: Option<String>,
    project: Option<String>,
    meeting: Option<String>,
    lists: Vec<(&'static str, Vec<Box<str>>)>,
    tombstones: Vec<Tombstone>,
}

/// Reads a bundle from `input`, which may be a file: UTF-8 JSON, a known
/// format, the expected fields and types (nothing unknown is silently
/// dropped), and every record passing the checks of its kind. A refusal
/// names what is wrong in Japanese.
pub fn parse_reader(input: impl std::io::Read) -> Result<Bundle> {
    let mut reading = Reading::default();
    let mut de = serde_json::Deserializer::from_reader(input);
    let outcome = Top(&mut reading)
        .deserialize(&mut de)
        .and_then(|()| de.end());
    if let Err(e) = outcome {
        // A newer format is told as such, whatever else it holds.
        newer(&reading)?;
        if e.is_io() {
            // The reader's own complaint (not UTF-8, unreadable): as it is.
            let text = e.to_string();
            return Err(refuse(text.split(" at line").next().unwrap_or(&text)));
        }
        if reading.format.is_none() && !e.is_syntax() && !e.is_eof() && !e.is_io() {
            return Err(refuse("伴走ノートの受け渡しファイルではありません"));
        }
        return Err(refuse(format!(
            "伴走ノートの受け渡しファイルとして読めません：{}{}",
            record::explain(&e),
            if e.line() > 0 {
                format!("（{}行{}列目）", e.line(), e.column())
            } else {
                String::new()
            }
        )));
    }
    newer(&reading)?;
    match reading.format.as_deref() {
        None => return Err(refuse("伴走ノートの受け渡しファイルではありません")),
        Some(FORMAT) => {}
        Some(_) => {
            return Err(refuse(
                "伴走ノートの受け渡しファイルではありません（形式名が違います）",
            ))
        }
    }
    if let Some(field) = reading.unknown.take() {
        return Err(refuse(format!(
            "ファイルの内容が正しくありません：この版の伴走ノートが知らない項目「{}」があります。新しい版で作られたファイルなら、アプリを更新してください",
            record::short(&field)
        )));
    }
    if let Some(kind) = reading.unknown_kind.take() {
        return Err(refuse(format!(
            "この版の伴走ノートが知らない種類のファイル（{}）です。アプリを更新してください",
            record::short(&kind)
        )));
    }
    let missing = |what: &str| {
        refuse(format!(
            "ファイルの内容が正しくありません：必要な項目「{what}」がありません"
        ))
    };
    let format_version = reading
        .format_version
        .ok_or_else(|| missing("format_version"))?;
    if format_version == 0 {
        return Err(refuse("ファイルの形式の版が正しくありません"));
    }
    for (i, t) in reading.tombstones.iter().enumerate() {
        let what = format!("削除の記録{}", i + 1);
        if uuid::Uuid::parse_str(&t.uuid).is_err() {
            reading.problems.add(&what, "UUIDの形式が正しくありません");
        }
        if record::by_kind(&t.kind).is_none() {
            reading.problems.add(
                &what,
                format!("記録の種類「{}」はありません", record::short(&t.kind)),
            );
        }
    }
    std::mem::take(&mut reading.problems).into_result()?;
    let mut b = Bundle::new(
        reading.kind.ok_or_else(|| missing("kind"))?,
        reading.project.take().ok_or_else(|| missing("project"))?,
        reading.meeting.take(),
    );
    b.format_version = format_version as u32;
    b.app_version = reading
        .app_version
        .take()
        .ok_or_else(|| missing("app_version"))?;
    b.exported_at = reading
        .exported_at
        .take()
        .ok_or_else(|| missing("exported_at"))?;
    for (table, list) in reading.lists {
        b.set_raw(table, list);
    }
    b.tombstones = reading.tombstones;
    Ok(b)
}

/// Checked before anything else is said, so a newer format gets "update the
/// app" rather than a list of fields this version does not know.
fn newer(r: &Reading) -> Result<()> {
    match r.format_version {
        Some(v) if v > u64::from(FORMAT_VERSION) => {
            Err(refuse(format!(
                "このファイルは新しい版の伴走ノート（形式 {v}）で作られています。アプリを更新してください"
            )))
        }
        _ => Ok(()),
    }
}

struct Top<'a>(&'a mut Reading);

impl<'de> DeserializeSeed<'de> for Top<'_> {
    type Value = ();
    fn deserialize<D: serde::Deserializer<'de>>(self, d: D) -> Result2<D::Error> {
        d.deserialize_map(self)
    }
}

type Result2<E> = std::result::Result<(), E>;

impl<'de> Visitor<'de> for Top<'_> {
    type Value = ();
    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("a bundle")
    }
    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result2<A::Error> {
        let r = self.0;
        while let Some(key) = map.next_key::<String>()? {
            match key.as_str() {
                "format" => r.format = Some(map.next_value()?),
                "format_version" => r.format_version = Some(map.next_value()?),
                "app_version" => r.app_version = Some(map.next_value()?),
                "kind" => {
                    // A newer file may be of a kind this version does not know.
                    let v: String = map.next_value()?;
                    r.kind = serde_json::from_value(serde_json::Value::String(v.clone())).ok();
                    if r.kind.is_none() {
                        r.unknown_kind = Some(v);
                    }
                }
                "exported_at" => r.exported_at = Some(map.next_value()?),
                "project" => r.project = Some(map.next_value()?),
                "meeting" => r.meeting = map.next_value()?,
                "tombstones" => r.tombstones = map.next_value()?,
                other => match record::by_table(other) {
                    Some(kind) if !r.lists.iter().any(|(t, _)| *t == kind.table()) => {
                        let list = map.next_value_seed(List { kind, reading: r })?;
                        r.lists.push((kind.table(), list));
                    }
                    Some(_) => {
                        return Err(serde::de::Error::custom(format!(
                            "「{other}」が2回出てきます"
                        )))
                    }
                    None => {
                        r.unknown.get_or_insert(key);
                        map.next_value::<IgnoredAny>()?;
                    }
                },
            }
        }
        Ok(())
    }
}

/// One kind's list, taken in record by record.
struct List<'a> {
    kind: &'static dyn AnyKind,
    reading: &'a mut Reading,
}

impl<'de> DeserializeSeed<'de> for List<'_> {
    type Value = Vec<Box<str>>;
    fn deserialize<D: serde::Deserializer<'de>>(
        self,
        d: D,
    ) -> std::result::Result<Self::Value, D::Error> {
        d.deserialize_seq(self)
    }
}

impl<'de> Visitor<'de> for List<'_> {
    type Value = Vec<Box<str>>;
    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("a list of records")
    }
    fn visit_seq<A: SeqAccess<'de>>(
        self,
        mut seq: A,
    ) -> std::result::Result<Self::Value, A::Error> {
        let r = self.reading;
        let mut out = Vec::new();
        let mut i = 0;
        while let Some(raw) = seq.next_element::<Box<RawValue>>()? {
            i += 1;
            let what = format!("{}{i}", self.kind.label());
            if raw.get().len() > record::MAX_RECORD {
                r.problems.add(
                    &what,
                    format!(
                        "記録が大きすぎます（{} MB、1件は {} MB まで）",
                        raw.get().len().div_ceil(1024 * 1024),
                        record::MAX_RECORD / 1024 / 1024
                    ),
                );
                continue;
            }
            let Some((rec, uuid)) = self.kind.accept(raw.get(), &what, &mut r.problems) else {
                continue;
            };
            drop(raw);
            if let Ok(u) = uuid::Uuid::parse_str(&uuid) {
                if !r.seen.insert(u) {
                    r.problems
                        .add(&what, format!("UUID「{uuid}」が2回出てきます"));
                }
            }
            out.push(rec);
        }
        out.shrink_to_fit();
        Ok(out)
    }
}
