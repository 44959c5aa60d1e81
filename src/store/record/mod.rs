//! Each record kind that travels between PCs, described once: its table, how
//! its fields map to columns (by name), its label in conflicts, who owns it
//! and the checks a record of it must pass. The bundle's export, plan and
//! apply (store::bundle), tombstones and the sync all read these descriptions
//! instead of keeping their own per-kind lists (docs/EXCHANGE.md).
//!
//! A field of a kind's `Data` is a column of the same name unless [`Field`]
//! says otherwise, so adding a plain field to a travelling record is adding it
//! to the migration and to `Data`.

mod checklist;
mod evaluation;
mod meeting;
mod project;
mod resource;
mod stakeholder;
mod strength;
mod survey;
mod task;
#[cfg(test)]
pub(crate) mod triggers;

pub use checklist::{ChecklistChangeData, ChecklistChanges, ChecklistItemData, ChecklistItems};
pub use evaluation::{EvaluationData, Evaluations};
pub use meeting::{MeetingData, Meetings};
pub use project::{MemberData, Members, ProgramData, Programs, ProjectData, Projects};
pub use resource::{ResourceData, Resources};
pub use stakeholder::{ContactData, ContactPersonData, Contacts, StakeholderData, Stakeholders};
pub use strength::{
    RatingData, StrengthItemData, StrengthItems, StrengthSessionData, StrengthSessions,
};
pub use survey::{
    SurveyAnswerData, SurveyData, SurveyQuestionData, SurveyQuestions, SurveyResponseData,
    SurveyResponses, Surveys,
};
pub use task::{IssueData, Issues, PlanStepData, PlanSteps, TaskData, Tasks};

use crate::error::{Error, FieldError, Result};

use rusqlite::types::{Value, ValueRef};
use rusqlite::{Connection, OptionalExtension, Transaction};
use serde::de::DeserializeOwned;
use serde::{Deserialize, Serialize};
use serde_json::{Map, Value as Json};
use std::collections::HashMap;
use std::sync::OnceLock;

/// One record as it travels: who it is, which version, the versions it had
/// before on the sending PC (so the other side can tell who built on whose
/// change), and its data.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Rec<T> {
    pub uuid: String,
    pub version: String,
    #[serde(default)]
    pub history: Vec<String>,
    pub updated_at: String,
    pub data: T,
}

/// How a field of a kind's data maps to its row, where it is not simply the
/// column of the same name.
#[derive(Debug, Clone, Copy)]
pub enum Field {
    /// A reference: the data holds the other record's UUID (or null), the row its id.
    Ref {
        field: &'static str,
        column: &'static str,
        table: &'static str,
    },
    /// 0/1 in the row, false/true in the data.
    Bool(&'static str),
    /// JSON text in the row; an array (or null) in the data.
    Json(&'static str),
    /// The same value under another column name.
    Renamed {
        field: &'static str,
        column: &'static str,
    },
    /// A yes/no in the data that the row keeps as the time it became yes
    /// (a member's 退任): NULL for no.
    Since {
        field: &'static str,
        column: &'static str,
    },
    /// A list of UUIDs kept in a link table (owner column, other column).
    Links(Link),
    /// Kept in child rows the kind reads and writes itself.
    Children(&'static str),
}

#[derive(Debug, Clone, Copy)]
pub struct Link {
    pub field: &'static str,
    pub table: &'static str,
    pub owner: &'static str,
    pub other: &'static str,
    /// The table the other column points into.
    pub target: &'static str,
    /// Links to records of `target` that the file does not carry stay as
    /// they are (a shared resource keeps its links to other teams).
    pub keep_others: bool,
}

impl Field {
    fn name(&self) -> &'static str {
        match *self {
            Field::Ref { field, .. }
            | Field::Renamed { field, .. }
            | Field::Since { field, .. }
            | Field::Bool(field)
            | Field::Json(field)
            | Field::Children(field) => field,
            Field::Links(l) => l.field,
        }
    }
}

/// Who a record of a kind belongs to; the scope of a bundle (and of a
/// server login) is checked against it, and a deleted record's tombstone
/// carries it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum By {
    /// The program itself (programs are matched by name; see [`Kind::twin`]).
    Program,
    /// The project row itself.
    Itself,
    /// The project its `project` field names.
    Project,
    /// Every project its `projects` list names (joint meetings, shared resources).
    Projects,
    /// Whoever owns the record this reference field names.
    Parent(&'static str),
}

/// A record of this PC that stands for the file's record under another UUID:
/// a shipped template item each PC added by itself, or a program of the same name.
pub enum Twin {
    /// Never changed here: takes the file's identity; changed here: a conflict.
    Template(i64, String),
    /// The same thing by name: the file's record is not written.
    Name(i64),
    /// Another record here that must stay the only one of its kind (one
    /// evaluation per meeting, evaluator and kind): the user is asked whether
    /// the file's takes its place or is skipped. Its row, and how it is named.
    Duplicate(i64, String),
}

/// Collects what is wrong with incoming records, each message naming the record.
#[derive(Default)]
pub struct Problems(pub Vec<FieldError>);

/// More problems than this and the list stops (the file is not ours to fix).
const MAX_REPORTED: usize = 50;

impl Problems {
    pub fn add(&mut self, what: &str, message: impl Into<String>) {
        if self.0.len() < MAX_REPORTED {
            self.0.push(FieldError::new(
                "file",
                format!("{what}：{}", message.into()),
            ));
        }
    }

    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }

    /// Dates in a file are stored as they come, so they must be exactly
    /// YYYY-MM-DD (the forms read 令和6年7月16日 too; a file may not).
    pub fn dates(&mut self, what: &str, dates: &[(&str, Option<&str>)]) {
        for (label, value) in dates {
            if let Some(v) = value {
                let ok = chrono::NaiveDate::parse_from_str(v, "%Y-%m-%d")
                    .is_ok_and(|d| d.format("%Y-%m-%d").to_string() == *v);
                if !ok {
                    self.add(
                        what,
                        format!("{label}「{}」は YYYY-MM-DD の日付ではありません", short(v)),
                    );
                }
            }
        }
    }

    /// Times likewise: exactly HH:MM.
    pub fn times(&mut self, what: &str, times: &[(&str, Option<&str>)]) {
        for (label, value) in times {
            if let Some(v) = value {
                let ok = chrono::NaiveTime::parse_from_str(v, "%H:%M")
                    .is_ok_and(|t| t.format("%H:%M").to_string() == *v);
                if !ok {
                    self.add(
                        what,
                        format!("{label}「{}」は HH:MM の時刻ではありません", short(v)),
                    );
                }
            }
        }
    }

    /// Runs a model validator (the window's form checks) and files its
    /// messages under `what`.
    pub fn check<T>(&mut self, what: &str, result: Result<T>) {
        if let Err(e) = result {
            let fields = e.fields().to_vec();
            if fields.is_empty() {
                self.add(what, e.to_string());
            }
            for f in fields {
                self.add(what, f.message);
            }
        }
    }

    pub fn into_result(self) -> Result<()> {
        if self.0.is_empty() {
            Ok(())
        } else {
            Err(Error::Validation(self.0))
        }
    }
}

/// The first characters of a text a message quotes (a hostile file may hold megabytes).
pub(crate) fn short(text: &str) -> String {
    cut(text, 40)
}

fn cut(text: &str, n: usize) -> String {
    let head: String = text.chars().take(n).collect();
    if head.len() < text.len() {
        format!("{head}…")
    } else {
        head
    }
}

/// The description of one record kind. Implemented once per kind, in the
/// files of this module; everything else reaches the kinds through [`KINDS`].
pub trait Kind: 'static {
    /// The record as it travels, with references as UUIDs.
    type Data: Serialize + DeserializeOwned + Clone + Default + std::fmt::Debug + PartialEq;
    /// Its table, which is also its list's name in a bundle.
    const TABLE: &'static str;
    /// Its name in tombstones.
    const KIND: &'static str;
    /// What a person calls it: 「会議」.
    const LABEL: &'static str;
    /// The fields that are not a column of the same name.
    const FIELDS: &'static [Field] = &[];
    /// The column that says when the row was first written here.
    const CREATED: Option<&'static str> = Some("created_at");

    /// How the record reads in a conflict or a preview: its name or title.
    /// Who the record belongs to.
    const BY: By;
    /// Columns that are this PC's own state: they never make a new version.
    const LOCAL: &'static [&'static str] = &[];

    fn name(d: &Self::Data) -> String;
    /// The form checks a record must pass (the window's own validators).
    fn check(d: &Self::Data, what: &str, p: &mut Problems);
    /// References held in child rows (ratings → items, answers → questions).
    fn child_refs(_d: &Self::Data) -> Vec<(&'static str, &str)> {
        Vec::new()
    }
    /// Reads child rows into the data (contact people, ratings, A–D items).
    fn read_children(_conn: &Connection, _id: i64, _d: &mut Self::Data) -> Result<()> {
        Ok(())
    }
    /// Replaces the child rows with the data's.
    fn write_children(_tx: &Transaction, _id: i64, _d: &Self::Data, _ids: &Ids) -> Result<()> {
        Ok(())
    }
    /// Runs before the row is written (one plan step per 年度 gives way).
    fn before_write(_tx: &Transaction, _d: &Self::Data, _uuid: &str, _ids: &Ids) -> Result<()> {
        Ok(())
    }
    /// This PC's record that stands for the file's under another UUID.
    fn twin(_conn: &Connection, _d: &Self::Data) -> Result<Option<Twin>> {
        Ok(None)
    }
}

/// The kinds in the order they are written: every parent before its children.
pub(crate) static KINDS: &[&dyn AnyKind] = &[
    &Programs,
    &Projects,
    &Members,
    &Resources,
    &Stakeholders,
    &Contacts,
    &ChecklistItems,
    &ChecklistChanges,
    &StrengthItems,
    &StrengthSessions,
    &Meetings,
    &Tasks,
    &PlanSteps,
    &Evaluations,
    &Issues,
    &Surveys,
    &SurveyQuestions,
    &SurveyResponses,
];

/// Every kind's name in tombstones (and on a sync server).
pub fn kind_names() -> impl Iterator<Item = &'static str> {
    KINDS.iter().map(|k| k.kind())
}

/// A kind by its table (also its list in a bundle).
pub(crate) fn by_table(table: &str) -> Option<&'static dyn AnyKind> {
    KINDS.iter().copied().find(|k| k.table() == table)
}

/// A kind by its name in tombstones.
pub(crate) fn by_kind(kind: &str) -> Option<&'static dyn AnyKind> {
    KINDS.iter().copied().find(|k| k.kind() == kind)
}

/// Position in [`KINDS`]: parents first.
pub(crate) fn rank(table: &str) -> usize {
    KINDS
        .iter()
        .position(|k| k.table() == table)
        .unwrap_or(usize::MAX)
}

/// A kind without its data type: what the bundle engine and the sync do with
/// every kind's records, which they hold as compact JSON.
pub(crate) trait AnyKind: Sync {
    fn table(&self) -> &'static str;
    fn kind(&self) -> &'static str;
    fn label(&self) -> &'static str;
    fn by(&self) -> By;
    fn fields(&self) -> &'static [Field];
    /// Only the trigger generator asks (a developer's tool, run by its test).
    #[cfg_attr(not(test), allow(dead_code))]
    fn local_columns(&self) -> &'static [&'static str];
    fn links(&self) -> Vec<Link>;
    /// How this PC's record reads in a conflict (None when it is gone).
    fn local_name(&self, conn: &Connection, uuid: &str) -> Result<Option<String>>;
    /// Who owns this PC's record `id`.
    fn local_owner(&self, conn: &Connection, id: i64) -> Result<LocalOwner>;
    /// Takes in one arriving record: its text normalised, checked like the
    /// window's forms, written back compactly. None (with the problems noted)
    /// when it does not pass.
    /// Returns it with its UUID.
    fn accept(&self, raw: &str, what: &str, p: &mut Problems) -> Option<(Box<str>, String)>;
    /// Checks a record a bundle already holds (one made here, or taken in);
    /// its UUID when it passes.
    fn verify(&self, raw: &str, what: &str, p: &mut Problems) -> Option<String>;
    fn head(&self, raw: &str) -> Result<Head>;
    fn twin(&self, conn: &Connection, raw: &str) -> Result<Option<Twin>>;
    fn write(&self, tx: &Transaction, ids: &Ids, raw: &str, extra: &[(&str, Value)])
        -> Result<i64>;
    fn write_links(
        &self,
        tx: &Transaction,
        ids: &Ids,
        id: i64,
        raw: &str,
        carried: &dyn Fn(&str) -> bool,
    ) -> Result<()>;
    /// This PC's records whose row matches `where_sql` (about `t`), as compact JSON.
    fn export(
        &self,
        conn: &Connection,
        where_sql: &str,
        key: &dyn rusqlite::ToSql,
    ) -> Result<Vec<Box<str>>>;
}

/// What the engine needs of a record without its data type.
#[derive(Debug, Clone)]
pub struct Head {
    pub uuid: String,
    pub version: String,
    pub history: Vec<String>,
    pub updated_at: String,
    /// How it reads: its name or title.
    pub name: String,
    /// Every UUID it refers to, with the table it must be found in.
    pub refs: Vec<(&'static str, String)>,
    /// Who it belongs to, as its data says.
    pub claim: Claim,
}

/// Who a record belongs to as its data says; a parent's owners are looked up
/// (in the file first, then here).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Claim {
    Program,
    Projects(Vec<String>),
    /// The owners of this record of `table`.
    Parent(&'static str, String),
    Nobody,
}

/// Who owns a record of this PC: the projects (by UUID) or the program.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum LocalOwner {
    Projects(Vec<String>),
    Program,
    Nobody,
}

impl<K: Kind + Sync> AnyKind for K {
    fn table(&self) -> &'static str {
        K::TABLE
    }
    fn kind(&self) -> &'static str {
        K::KIND
    }
    fn label(&self) -> &'static str {
        K::LABEL
    }
    fn by(&self) -> By {
        K::BY
    }
    fn fields(&self) -> &'static [Field] {
        K::FIELDS
    }
    fn local_columns(&self) -> &'static [&'static str] {
        K::LOCAL
    }
    fn links(&self) -> Vec<Link> {
        links::<K>()
    }
    fn local_name(&self, conn: &Connection, uuid: &str) -> Result<Option<String>> {
        Ok(read_where::<K>(conn, "t.uuid = ?1", &uuid)?
            .into_iter()
            .next()
            .map(|r| format!("{}（更新 {}）", K::name(&r.data), r.updated_at)))
    }
    fn local_owner(&self, conn: &Connection, id: i64) -> Result<LocalOwner> {
        local_owner::<K>(conn, id)
    }
    fn accept(&self, raw: &str, what: &str, p: &mut Problems) -> Option<(Box<str>, String)> {
        let mut v: Json = match serde_json::from_str(raw) {
            Ok(v) => v,
            Err(e) => {
                p.add(what, explain(&e));
                return None;
            }
        };
        let before = p.0.len();
        normalise(&mut v, what, p);
        let rec = match Rec::<K::Data>::deserialize(&v) {
            Ok(r) => r,
            Err(e) => {
                p.add(what, explain(&e));
                return None;
            }
        };
        check_rec::<K>(&rec, &v["data"], what, p);
        (p.0.len() == before).then(|| {
            let compact = serde_json::to_string(&v).expect("a record serialises");
            (compact.into_boxed_str(), rec.uuid)
        })
    }
    fn verify(&self, raw: &str, what: &str, p: &mut Problems) -> Option<String> {
        let v: Json = match serde_json::from_str(raw) {
            Ok(v) => v,
            Err(e) => {
                p.add(what, explain(&e));
                return None;
            }
        };
        let before = p.0.len();
        if !normalised(&v) {
            p.add(
                what,
                "前後の空白や改行の形が整っていない文字、または使えない制御文字があります",
            );
        }
        match Rec::<K::Data>::deserialize(&v) {
            Ok(rec) => {
                check_rec::<K>(&rec, &v["data"], what, p);
                (p.0.len() == before).then_some(rec.uuid)
            }
            Err(e) => {
                p.add(what, explain(&e));
                None
            }
        }
    }
    fn head(&self, raw: &str) -> Result<Head> {
        let rec = decode::<K>(raw)?;
        let v = serde_json::to_value(&rec.data).expect("data serialises");
        Ok(Head {
            name: K::name(&rec.data),
            refs: refs::<K>(&rec.data, &v),
            claim: claim::<K>(&rec.uuid, &v),
            uuid: rec.uuid,
            version: rec.version,
            history: rec.history,
            updated_at: rec.updated_at,
        })
    }
    fn twin(&self, conn: &Connection, raw: &str) -> Result<Option<Twin>> {
        K::twin(conn, &decode::<K>(raw)?.data)
    }
    fn write(
        &self,
        tx: &Transaction,
        ids: &Ids,
        raw: &str,
        extra: &[(&str, Value)],
    ) -> Result<i64> {
        write_row::<K>(tx, ids, &decode::<K>(raw)?, extra)
    }
    fn write_links(
        &self,
        tx: &Transaction,
        ids: &Ids,
        id: i64,
        raw: &str,
        carried: &dyn Fn(&str) -> bool,
    ) -> Result<()> {
        write_links::<K>(tx, ids, id, &decode::<K>(raw)?.data, carried)
    }
    fn export(
        &self,
        conn: &Connection,
        where_sql: &str,
        key: &dyn rusqlite::ToSql,
    ) -> Result<Vec<Box<str>>> {
        Ok(read_where::<K>(conn, where_sql, key)?
            .iter()
            .map(|r| {
                serde_json::to_string(r)
                    .expect("a record serialises")
                    .into_boxed_str()
            })
            .collect())
    }
}

fn decode<K: Kind>(raw: &str) -> Result<Rec<K::Data>> {
    serde_json::from_str(raw).map_err(|e| {
        Error::Validation(vec![FieldError::new(
            "file",
            format!("{}の記録が読めません：{}", K::LABEL, explain(&e)),
        )])
    })
}

/// The checks every record of a kind passes before it is written: its
/// identity and versions well formed, no text over [`MAX_TEXT`], and the
/// kind's own form checks.
fn check_rec<K: Kind>(rec: &Rec<K::Data>, data: &Json, what: &str, p: &mut Problems) {
    if uuid::Uuid::parse_str(&rec.uuid).is_err() {
        p.add(
            what,
            format!("UUID「{}」の形式が正しくありません", short(&rec.uuid)),
        );
    }
    let bad_version = |v: &str| v.is_empty() || v.len() > 64;
    if bad_version(&rec.version)
        || rec.history.len() > MAX_HISTORY
        || rec.history.iter().any(|v| bad_version(v))
    {
        p.add(what, "版の情報が正しくありません");
    }
    for (table, u) in refs::<K>(&rec.data, data) {
        if uuid::Uuid::parse_str(&u).is_err() {
            let label = by_table(table).map(|k| k.label()).unwrap_or("記録");
            p.add(
                what,
                format!(
                    "参照先（{label}）のUUID「{}」の形式が正しくありません",
                    short(&u)
                ),
            );
        }
    }
    K::check(&rec.data, what, p);
}

/// No single text in a record may be longer: a record is a form's worth of text.
pub const MAX_TEXT: usize = 1024 * 1024;
/// No record may be longer as it stands in a file (a few texts of at most
/// [`MAX_TEXT`] and its lists): checked before it is read into its type, so
/// one record cannot take memory out of proportion to the file.
pub const MAX_RECORD: usize = 8 * 1024 * 1024;
/// A record's history is a few versions per edit; more is not a record of ours.
const MAX_HISTORY: usize = 100_000;

/// Every text of an arriving record as the forms keep it: line ends as
/// `\n`, no control characters but newline and tab, no space at either end,
/// at most [`MAX_TEXT`].
fn normalise(v: &mut Json, what: &str, p: &mut Problems) {
    match v {
        Json::String(s) => match crate::model::validate::normalise(s) {
            Ok(clean) if clean.len() > MAX_TEXT => {
                p.add(what, "1 MB を超える文章が含まれています");
            }
            Ok(clean) => *s = clean,
            Err(why) => p.add(what, why),
        },
        Json::Array(a) => a.iter_mut().for_each(|x| normalise(x, what, p)),
        Json::Object(o) => o.values_mut().for_each(|x| normalise(x, what, p)),
        _ => {}
    }
}

/// True when every text of `v` is already as [`normalise`] leaves it.
fn normalised(v: &Json) -> bool {
    match v {
        Json::String(s) => {
            s.len() <= MAX_TEXT
                && crate::model::validate::normalise(s).is_ok_and(|clean| clean == *s)
        }
        Json::Array(a) => a.iter().all(normalised),
        Json::Object(o) => o.values().all(normalised),
        _ => true,
    }
}

/// Serde's message about a record, in Japanese.
pub(crate) fn explain(e: &serde_json::Error) -> String {
    let raw = e.to_string();
    let field = |prefix: &str| {
        raw.split(prefix)
            .nth(1)
            .and_then(|rest| rest.split('`').next())
            .map(str::to_owned)
    };
    let head = raw.split(" at line").next().unwrap_or(&raw);
    if raw.contains("recursion limit exceeded") {
        "入れ子が深すぎます".to_owned()
    } else if let Some(f) = field("missing field `") {
        format!("必要な項目「{f}」がありません")
    } else if let Some(f) = field("unknown field `") {
        format!("この版の伴走ノートが知らない項目「{}」があります。新しい版で作られたファイルなら、アプリを更新してください", short(&f))
    } else if raw.contains("invalid type") || raw.contains("invalid value") {
        format!("値の種類が正しくありません（{}）", cut(head, 100))
    } else if raw.contains("unknown variant") {
        format!("選べない値があります（{}）", cut(head, 100))
    } else if e.is_eof() {
        "ファイルが途中で切れています".to_owned()
    } else if e.is_syntax() {
        "JSON の書き方が正しくありません".to_owned()
    } else {
        cut(&raw, 100)
    }
}

/// The column and table of a kind's reference field (a parent, for `By::Parent`).
pub(crate) fn parent_column(kind: &dyn AnyKind, field: &str) -> (&'static str, &'static str) {
    kind.fields()
        .iter()
        .find_map(|f| match *f {
            Field::Ref {
                field: f,
                column,
                table,
            } if f == field => Some((column, table)),
            _ => None,
        })
        .expect("a parent is a reference field")
}

pub(crate) fn links<K: Kind>() -> Vec<Link> {
    K::FIELDS
        .iter()
        .filter_map(|f| match f {
            Field::Links(l) => Some(*l),
            _ => None,
        })
        .collect()
}

/// How a kind's data maps to its row, worked out once per kind.
struct Spec {
    /// Every field of the data: its name, its column (None: link lists and
    /// child rows, which the kind reads and writes apart) and how it maps.
    fields: Vec<(&'static str, Option<&'static str>, Option<Field>)>,
    /// `SELECT t.id, t.uuid, t.version, t.updated_at, <columns> FROM <table> t`.
    select: String,
    /// The UUIDs of the projects the row `?1` belongs to.
    owners: String,
}

fn spec<K: Kind>() -> &'static Spec {
    static SPECS: OnceLock<std::sync::Mutex<HashMap<&'static str, &'static Spec>>> =
        OnceLock::new();
    let map = SPECS.get_or_init(Default::default);
    let mut map = map.lock().unwrap_or_else(|e| e.into_inner());
    map.entry(K::TABLE).or_insert_with(|| {
        let v = serde_json::to_value(K::Data::default()).expect("data serialises");
        let fields: Vec<(&'static str, Option<&'static str>, Option<Field>)> = v
            .as_object()
            .expect("a kind's data is a struct")
            .keys()
            .map(|name| {
                // A fixed, small set of names, leaked once per kind.
                let name: &'static str = Box::leak(name.clone().into_boxed_str());
                let field = K::FIELDS.iter().copied().find(|f| f.name() == name);
                let column = match field {
                    None => Some(name),
                    Some(Field::Ref { column, .. })
                    | Some(Field::Renamed { column, .. })
                    | Some(Field::Since { column, .. }) => Some(column),
                    Some(Field::Bool(c)) | Some(Field::Json(c)) => Some(c),
                    Some(Field::Links(_)) | Some(Field::Children(_)) => None,
                };
                (name, column, field)
            })
            .collect();
        let mut cols = vec![
            "t.id".to_owned(),
            "t.uuid".into(),
            "t.version".into(),
            "t.updated_at".into(),
        ];
        for (name, column, _) in &fields {
            if let Some(c) = column {
                cols.push(format!("t.{c} AS \"{name}\""));
            }
        }
        Box::leak(Box::new(Spec {
            select: format!("SELECT {} FROM {} t", cols.join(", "), K::TABLE),
            owners: project_owners_sql(by_table(K::TABLE).expect("every kind is in KINDS"), "?1"),
            fields,
        }))
    })
}

/// SQL listing the UUIDs (column `owner`) of the projects the row of `kind`
/// whose id is the SQL expression `id` belongs to, following its parents.
pub(crate) fn project_owners_sql(kind: &dyn AnyKind, id: &str) -> String {
    let t = kind.table();
    match kind.by() {
        By::Program => "SELECT NULL AS owner WHERE 0".to_owned(),
        By::Itself => format!("SELECT uuid AS owner FROM {t} WHERE id = {id}"),
        By::Project => format!(
            "SELECT uuid AS owner FROM projects WHERE id = (SELECT project_id FROM {t} WHERE id = {id})"
        ),
        By::Projects => {
            let l = kind
                .links()
                .into_iter()
                .find(|l| l.field == "projects")
                .expect("a kind owned by its projects links them");
            format!(
                "SELECT p.uuid AS owner FROM {} l JOIN projects p ON p.id = l.{} WHERE l.{} = {id}",
                l.table, l.other, l.owner
            )
        }
        By::Parent(field) => {
            let (column, table) = parent_column(kind, field);
            let parent = by_table(table).expect("a parent is a kind");
            project_owners_sql(parent, &format!("(SELECT {column} FROM {t} WHERE id = {id})"))
        }
    }
}

/// The UUID of a row, by table and id.
pub(crate) fn uuid_of(conn: &Connection, table: &str, id: i64) -> Result<String> {
    Ok(conn
        .prepare_cached(&format!("SELECT uuid FROM {table} WHERE id = ?1"))?
        .query_row([id], |r| r.get("uuid"))?)
}

fn json_of(v: ValueRef) -> Json {
    match v {
        ValueRef::Null => Json::Null,
        ValueRef::Integer(i) => Json::from(i),
        ValueRef::Real(f) => Json::from(f),
        ValueRef::Text(t) => Json::from(String::from_utf8_lossy(t).into_owned()),
        ValueRef::Blob(_) => Json::Null,
    }
}

/// The records of kind `K` whose row matches `where_sql` (about `t`), oldest first.
pub(crate) fn read_where<K: Kind>(
    conn: &Connection,
    where_sql: &str,
    key: &dyn rusqlite::ToSql,
) -> Result<Vec<Rec<K::Data>>> {
    let spec = spec::<K>();
    let sql = format!("{} WHERE {where_sql} ORDER BY t.id", spec.select);
    let mut st = conn.prepare_cached(&sql)?;
    let mut rows = st.query([key])?;
    let columns: Vec<&(&'static str, Option<&'static str>, Option<Field>)> =
        spec.fields.iter().filter(|f| f.1.is_some()).collect();
    let mut out = Vec::new();
    while let Some(r) = rows.next()? {
        let id: i64 = r.get("id")?;
        let uuid: String = r.get("uuid")?;
        let version: String = r.get("version")?;
        let mut data = Map::new();
        for (i, (name, _, field)) in columns.iter().enumerate() {
            let raw = r.get_ref(i + 4)?;
            let value = match field {
                Some(Field::Ref { table, .. }) => match raw {
                    ValueRef::Integer(other) => Json::from(uuid_of(conn, table, other)?),
                    _ => Json::Null,
                },
                Some(Field::Bool(_)) => Json::from(matches!(raw, ValueRef::Integer(i) if i != 0)),
                Some(Field::Since { .. }) => Json::from(!matches!(raw, ValueRef::Null)),
                Some(Field::Json(_)) => match raw {
                    ValueRef::Text(t) => serde_json::from_slice(t).unwrap_or(Json::Null),
                    _ => Json::Null,
                },
                _ => json_of(raw),
            };
            data.insert((*name).to_owned(), value);
        }
        for link in links::<K>() {
            data.insert(
                link.field.to_owned(),
                Json::from(linked_uuids(conn, &link, id)?),
            );
        }
        let mut data = from_map::<K>(data)?;
        K::read_children(conn, id, &mut data)?;
        out.push(Rec {
            history: history(conn, &uuid, &version)?,
            updated_at: r
                .get::<_, Option<String>>("updated_at")?
                .unwrap_or_default(),
            data,
            uuid,
            version,
        });
    }
    Ok(out)
}

/// The data from a map of its fields; fields the map lacks (child rows) take
/// their defaults.
fn from_map<K: Kind>(mut data: Map<String, Json>) -> Result<K::Data> {
    let defaults = serde_json::to_value(K::Data::default()).expect("data serialises");
    if let Json::Object(d) = defaults {
        for (k, v) in d {
            data.entry(k).or_insert(v);
        }
    }
    serde_json::from_value(Json::Object(data)).map_err(|e| {
        Error::Database(rusqlite::Error::FromSqlConversionFailure(
            0,
            rusqlite::types::Type::Text,
            Box::new(e),
        ))
    })
}

fn linked_uuids(conn: &Connection, link: &Link, id: i64) -> Result<Vec<String>> {
    let mut st = conn.prepare_cached(&format!(
        "SELECT x.uuid FROM {} l JOIN {} x ON x.id = l.{} WHERE l.{} = ?1 ORDER BY x.id",
        link.table, link.target, link.other, link.owner
    ))?;
    let rows = st.query_map([id], |r| r.get("uuid"))?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

/// The versions a record had before `current`.
pub(crate) fn history(conn: &Connection, uuid: &str, current: &str) -> Result<Vec<String>> {
    let mut st = conn.prepare_cached(
        "SELECT version FROM record_versions WHERE uuid = ?1 AND version <> ?2 ORDER BY version",
    )?;
    let rows = st.query_map([uuid, current], |r| r.get("version"))?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

/// Who owns the record with local `id` of kind `K`, following parents: read
/// with one query from the kind's owner rule.
fn local_owner<K: Kind>(conn: &Connection, id: i64) -> Result<LocalOwner> {
    if K::BY == By::Program {
        return Ok(LocalOwner::Program);
    }
    let mut st = conn.prepare_cached(&spec::<K>().owners)?;
    let owners: Vec<String> = st
        .query_map([id], |r| r.get::<_, Option<String>>("owner"))?
        .filter_map(|r| r.transpose())
        .collect::<rusqlite::Result<_>>()?;
    Ok(if owners.is_empty() {
        LocalOwner::Nobody
    } else {
        LocalOwner::Projects(owners)
    })
}

/// Who a record belongs to as its data `v` says.
fn claim<K: Kind>(uuid: &str, v: &Json) -> Claim {
    let text = |field: &str| v.get(field).and_then(Json::as_str).map(str::to_owned);
    match K::BY {
        By::Program => Claim::Program,
        By::Itself => Claim::Projects(vec![uuid.to_owned()]),
        By::Project => text("project").map_or(Claim::Nobody, |p| Claim::Projects(vec![p])),
        By::Projects => Claim::Projects(
            v.get("projects")
                .and_then(|p| serde_json::from_value(p.clone()).ok())
                .unwrap_or_default(),
        ),
        By::Parent(field) => {
            let table = K::FIELDS
                .iter()
                .find_map(|f| match *f {
                    Field::Ref {
                        field: f, table, ..
                    } if f == field => Some(table),
                    _ => None,
                })
                .expect("a parent is a reference field");
            text(field).map_or(Claim::Nobody, |p| Claim::Parent(table, p))
        }
    }
}

/// Who owns this PC's record `uuid` in `table`, following parents here.
pub(crate) fn local_owner_by_uuid(
    conn: &Connection,
    table: &str,
    uuid: &str,
) -> Result<LocalOwner> {
    let id: Option<i64> = conn
        .prepare_cached(&format!("SELECT id FROM {table} WHERE uuid = ?1"))?
        .query_row([uuid], |r| r.get("id"))
        .optional()?;
    match (id, by_table(table)) {
        (Some(id), Some(k)) => k.local_owner(conn, id),
        _ => Ok(LocalOwner::Nobody),
    }
}

/// Local ids of the records a bundle's references name: found by UUID here,
/// or the template item a file's item was matched with.
#[derive(Default)]
pub struct Ids {
    /// The file's UUID → this PC's row, for records matched with a twin.
    pub adopted: HashMap<String, i64>,
}

impl Ids {
    pub fn id(&self, conn: &Connection, table: &str, uuid: &str) -> Result<i64> {
        if let Some(&id) = self.adopted.get(uuid) {
            return Ok(id);
        }
        conn.prepare_cached(&format!("SELECT id FROM {table} WHERE uuid = ?1"))?
            .query_row([uuid], |r| r.get("id"))
            .optional()?
            .ok_or_else(|| {
                let what = by_table(table).map(|k| k.label()).unwrap_or("記録");
                Error::Validation(vec![FieldError::new(
                    "file",
                    format!("{what}（UUID {uuid}）が見つかりません"),
                )])
            })
    }

    pub fn ids(&self, conn: &Connection, table: &str, uuids: &[String]) -> Result<Vec<i64>> {
        uuids.iter().map(|u| self.id(conn, table, u)).collect()
    }
}

/// Every UUID `d` refers to, with the table it must be found in: its
/// reference fields, its link lists and its child rows' references.
fn refs<K: Kind>(d: &K::Data, v: &Json) -> Vec<(&'static str, String)> {
    let mut out = Vec::new();
    for f in K::FIELDS {
        match *f {
            Field::Ref { field, table, .. } => {
                if let Some(u) = v.get(field).and_then(Json::as_str) {
                    out.push((table, u.to_owned()));
                }
            }
            Field::Links(l) => {
                if let Some(list) = v.get(l.field).and_then(Json::as_array) {
                    out.extend(
                        list.iter()
                            .filter_map(Json::as_str)
                            .map(|u| (l.target, u.to_owned())),
                    );
                }
            }
            _ => {}
        }
    }
    out.extend(K::child_refs(d).into_iter().map(|(t, u)| (t, u.to_owned())));
    out
}

/// Writes `rec`'s row — a new one, or over the row it matches — with its
/// version, and returns its local id. Links and child rows follow separately.
pub(crate) fn write_row<K: Kind>(
    tx: &Transaction,
    ids: &Ids,
    rec: &Rec<K::Data>,
    extra: &[(&str, Value)],
) -> Result<i64> {
    K::before_write(tx, &rec.data, &rec.uuid, ids)?;
    let existing: Option<i64> = match ids.adopted.get(&rec.uuid) {
        Some(&id) => Some(id),
        None => tx
            .prepare_cached(&format!("SELECT id FROM {} WHERE uuid = ?1", K::TABLE))?
            .query_row([&rec.uuid], |r| r.get("id"))
            .optional()?,
    };
    let data = serde_json::to_value(&rec.data).expect("data serialises");
    let mut cols: Vec<(&str, Value)> = Vec::new();
    for &(name, column, field) in &spec::<K>().fields {
        let Some(column) = column else {
            continue;
        };
        let v = data.get(name).cloned().unwrap_or(Json::Null);
        let value = match field {
            Some(Field::Ref { table, .. }) => match v.as_str() {
                Some(u) => Value::Integer(ids.id(tx, table, u)?),
                None => Value::Null,
            },
            Some(Field::Bool(_)) => Value::Integer(i64::from(v.as_bool().unwrap_or(false))),
            Some(Field::Json(_)) => match v {
                Json::Null => Value::Null,
                other => Value::Text(other.to_string()),
            },
            Some(Field::Since { column, .. }) => {
                if v.as_bool().unwrap_or(false) {
                    // Keeps the time it was first marked here.
                    let since: Option<String> = match existing {
                        Some(id) => tx
                            .prepare_cached(&format!(
                                "SELECT {column} AS since FROM {} WHERE id = ?1",
                                K::TABLE
                            ))?
                            .query_row([id], |r| r.get("since"))
                            .optional()?
                            .flatten(),
                        None => None,
                    };
                    Value::Text(since.unwrap_or_else(|| rec.updated_at.clone()))
                } else {
                    Value::Null
                }
            }
            _ => match v {
                Json::Null => Value::Null,
                Json::Bool(b) => Value::Integer(i64::from(b)),
                Json::Number(n) => n
                    .as_i64()
                    .map(Value::Integer)
                    .or_else(|| n.as_f64().map(Value::Real))
                    .unwrap_or(Value::Null),
                Json::String(s) => Value::Text(s),
                other => Value::Text(other.to_string()),
            },
        };
        cols.push((column, value));
    }
    for (c, v) in extra {
        cols.push((c, v.clone()));
    }
    cols.push(("uuid", Value::Text(rec.uuid.clone())));
    cols.push(("version", Value::Text(rec.version.clone())));
    cols.push(("updated_at", Value::Text(rec.updated_at.clone())));
    let id = match existing {
        Some(id) => {
            let sets: Vec<String> = cols
                .iter()
                .enumerate()
                .map(|(i, (c, _))| format!("{c} = ?{}", i + 1))
                .collect();
            let mut values: Vec<&dyn rusqlite::ToSql> = cols
                .iter()
                .map(|(_, v)| v as &dyn rusqlite::ToSql)
                .collect();
            values.push(&id);
            run(
                tx,
                &format!(
                    "UPDATE {} SET {} WHERE id = ?{}",
                    K::TABLE,
                    sets.join(", "),
                    cols.len() + 1
                ),
                values.as_slice(),
            )?;
            id
        }
        None => {
            if let Some(created) = K::CREATED {
                cols.push((created, Value::Text(rec.updated_at.clone())));
            }
            let names: Vec<&str> = cols.iter().map(|(c, _)| *c).collect();
            let marks: Vec<String> = (1..=cols.len()).map(|i| format!("?{i}")).collect();
            let values: Vec<&dyn rusqlite::ToSql> = cols
                .iter()
                .map(|(_, v)| v as &dyn rusqlite::ToSql)
                .collect();
            run(
                tx,
                &format!(
                    "INSERT INTO {} ({}) VALUES ({})",
                    K::TABLE,
                    names.join(", "),
                    marks.join(", ")
                ),
                values.as_slice(),
            )?;
            tx.last_insert_rowid()
        }
    };
    remember(tx, &rec.uuid, &rec.version, &rec.history)?;
    K::write_children(tx, id, &rec.data, ids)?;
    Ok(id)
}

/// Replaces the links of record `id` as the data lists them. With
/// `keep_others`, links to records the file does not carry (`carried`)
/// stay as they are.
pub(crate) fn write_links<K: Kind>(
    tx: &Transaction,
    ids: &Ids,
    id: i64,
    d: &K::Data,
    carried: &dyn Fn(&str) -> bool,
) -> Result<()> {
    let v = serde_json::to_value(d).expect("data serialises");
    for link in links::<K>() {
        let wanted: Vec<String> = v
            .get(link.field)
            .and_then(|l| serde_json::from_value(l.clone()).ok())
            .unwrap_or_default();
        let mut keep: Vec<String> = Vec::new();
        if link.keep_others {
            keep = linked_uuids(tx, &link, id)?
                .into_iter()
                .filter(|u| !carried(u))
                .collect();
        }
        keep.extend(wanted);
        let others = ids.ids(tx, link.target, &keep)?;
        run(
            tx,
            &format!("DELETE FROM {} WHERE {} = ?1", link.table, link.owner),
            [id],
        )?;
        let mut st = tx.prepare_cached(&format!(
            "INSERT OR IGNORE INTO {} ({}, {}) VALUES (?1, ?2)",
            link.table, link.owner, link.other
        ))?;
        for o in others {
            st.execute([id, o])?;
        }
    }
    Ok(())
}

/// Runs one statement through the connection's statement cache: an import
/// writes thousands of rows with the same few statements.
pub(crate) fn run(conn: &Connection, sql: &str, params: impl rusqlite::Params) -> Result<usize> {
    Ok(conn.prepare_cached(sql)?.execute(params)?)
}

/// Records a version and its history as seen on this PC.
pub(crate) fn remember(
    tx: &Connection,
    uuid: &str,
    version: &str,
    history: &[String],
) -> Result<()> {
    let mut st =
        tx.prepare_cached("INSERT OR IGNORE INTO record_versions (uuid, version) VALUES (?1, ?2)")?;
    st.execute([uuid, version])?;
    for v in history {
        st.execute([uuid, v.as_str()])?;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_kind_is_listed_once_with_its_parents_first() {
        let mut seen = std::collections::HashSet::new();
        for k in KINDS {
            assert!(seen.insert(k.table()), "{} twice", k.table());
            assert!(by_kind(k.kind()).is_some());
            for l in k.links() {
                assert!(
                    by_table(l.target).is_some(),
                    "{} links to {}",
                    k.table(),
                    l.target
                );
            }
        }
        assert!(rank("projects") < rank("members"));
        assert!(rank("meetings") < rank("evaluations"));
        assert!(rank("surveys") < rank("survey_responses"));
    }
}
