//! The bundle: records travelling between PCs as plain UTF-8 JSON (.bansou).
//! Every record has a UUID, its version, the versions it had before (so the
//! other side can tell who built on whose change) and an updated-at stamp;
//! references between records are UUIDs. See docs/EXCHANGE.md.

use serde::{Deserialize, Serialize};
use ts_rs::TS;

/// The format name every bundle carries.
pub const FORMAT: &str = "bansou-note/bundle";
/// The newest format version this build reads and writes. 2 added 課題
/// (`issues`), checklist items' meeting evidence and a project's strength scale;
/// 3 added a project's アンケート (`surveys`, `survey_questions`,
/// `survey_responses`); 4 gives every tombstone its `owners` (the projects or
/// program it belonged to); 5 gives a survey question its skip logic
/// (`show_if_question`, `show_if_options`) and `count_blank`, a survey its
/// `previous_round`, and a resource its `prefecture`. An older file reads as
/// before (the new fields are empty; a resource is 全国).
pub const FORMAT_VERSION: u32 = 5;

/// What a bundle is for.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "kebab-case")]
#[ts(export)]
pub enum BundleKind {
    /// A whole project: moving it to another PC or sharing it with the secretariat.
    Project,
    /// 評価依頼: one meeting, its projects and the people who may evaluate it.
    EvaluationRequest,
    /// 評価回答: the evaluations of one meeting written on a supporter's PC.
    EvaluationResponse,
}

impl BundleKind {
    pub fn label(self) -> &'static str {
        match self {
            BundleKind::Project => "事業のデータ",
            BundleKind::EvaluationRequest => "評価依頼",
            BundleKind::EvaluationResponse => "評価回答",
        }
    }
}

/// How a conflict is settled: keep this PC's record, or adopt the file's.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "lowercase")]
#[ts(export)]
pub enum Choice {
    /// 「こちらを残す」.
    Keep,
    /// 「相手を採用」.
    Take,
}

/// The user's answers for an import's conflicts.
#[derive(Debug, Clone, Default, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct Choices {
    /// For every conflict not listed in `each`; None means "not answered".
    pub all: Option<Choice>,
    /// By record UUID.
    pub each: std::collections::BTreeMap<String, Choice>,
}

impl Choices {
    pub fn for_record(&self, uuid: &str) -> Option<Choice> {
        self.each.get(uuid).copied().or(self.all)
    }
}

/// One conflict: changed on both PCs since they last exchanged (or deleted on
/// one and changed on the other).
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
#[ts(export)]
pub struct Conflict {
    pub uuid: String,
    /// 「会議」「評価」…
    pub what: String,
    /// The record as it reads here, and in the file.
    pub here: String,
    pub there: String,
}

/// Records of one kind an import adds or updates, with the names of the first few.
#[derive(Debug, Clone, Default, PartialEq, Serialize, TS)]
#[ts(export)]
pub struct KindChanges {
    /// 「会議」「評価」…
    pub what: String,
    pub added: u32,
    pub updated: u32,
    /// Names of the records, at most [`NAMES_SHOWN`].
    pub names: Vec<String>,
}

/// How many names each kind lists in a preview (the rest are counted).
pub const NAMES_SHOWN: usize = 5;

/// One record an import deletes here, named, and what goes with it.
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
#[ts(export)]
pub struct Deletion {
    pub uuid: String,
    pub what: String,
    pub name: String,
    /// What goes with it (「評価 3件」), empty when nothing does.
    pub with: String,
    /// Changed here since: deleted only if the user adopts the file's side.
    pub conflicting: bool,
}

/// What an import would do (dry run) or did.
#[derive(Debug, Clone, Default, PartialEq, Serialize, TS)]
#[ts(export)]
pub struct ImportSummary {
    pub kind: String,
    /// The bundle's project as its 士会 and name.
    pub project: String,
    pub added: u32,
    pub updated: u32,
    pub deleted: u32,
    /// Records identical on both sides, or newer here.
    pub unchanged: u32,
    pub conflicts: Vec<Conflict>,
    /// Additions and updates by kind, in the order records are written.
    pub changes: Vec<KindChanges>,
    /// Every record the import deletes here.
    pub deletions: Vec<Deletion>,
    /// True once written.
    pub applied: bool,
    /// The bundle's project on this PC once written (the window opens it:
    /// a received 評価依頼 on its 評価 page).
    #[ts(type = "number | null")]
    pub project_id: Option<i64>,
    /// One line a person reads: 「追加 12件・更新 3件・削除 1件・競合 2件」.
    pub sentence: String,
}

impl ImportSummary {
    pub fn with_sentence(mut self) -> Self {
        let parts = [
            ("追加", self.added),
            ("更新", self.updated),
            ("削除", self.deleted),
            ("変更なし", self.unchanged),
            ("競合", self.conflicts.len() as u32),
        ];
        self.sentence = parts
            .iter()
            .filter(|(_, n)| *n > 0)
            .map(|(w, n)| format!("{w} {n}件"))
            .collect::<Vec<_>>()
            .join("・");
        if self.sentence.is_empty() {
            self.sentence = "取り込む記録はありません".into();
        }
        self
    }
}
