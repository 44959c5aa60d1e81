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
/// `survey_responses`). An older file reads as before (the new fields are empty).
pub const FORMAT_VERSION: u32 = 3;

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

/// One record: who it is, which version, and its data.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Rec<T> {
    pub uuid: String,
    pub version: String,
    /// Versions the record had before this one on the exporting PC.
    #[serde(default)]
    pub history: Vec<String>,
    pub updated_at: String,
    pub data: T,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ProgramData {
    pub name: String,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ProjectData {
    pub name: String,
    pub program: Option<String>,
    pub prefecture: String,
    pub profession: String,
    pub theme: String,
    pub target: String,
    pub start_date: String,
    pub end_date: String,
    pub goal: String,
    pub phase: Option<i32>,
    /// The team's own words for the strength scale 1–4; None: the app's example.
    #[serde(default)]
    pub strength_scale: Option<Vec<String>>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct MemberData {
    pub project: String,
    pub name: String,
    pub role: String,
    pub affiliation: String,
    pub email: String,
    pub retired: bool,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ChecklistItemData {
    pub project: String,
    pub side: String,
    pub template_key: Option<String>,
    pub position: i64,
    pub text: String,
    pub status: String,
    pub owner: Option<String>,
    pub due_date: Option<String>,
    pub note: String,
    pub stakeholders: Vec<String>,
    pub resources: Vec<String>,
    /// Meetings cited as evidence.
    #[serde(default)]
    pub meetings: Vec<String>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ChecklistChangeData {
    pub item: String,
    pub changed_on: String,
    pub changed_by: String,
    pub from_status: Option<String>,
    pub to_status: String,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ContactPersonData {
    pub name: String,
    pub title: String,
    pub contact: String,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct StakeholderData {
    pub project: String,
    pub name: String,
    pub kind: String,
    pub state: String,
    pub note: String,
    pub contacts: Vec<ContactPersonData>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ContactData {
    pub stakeholder: String,
    pub contacted_on: String,
    pub summary: String,
    pub new_state: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ResourceData {
    pub title: String,
    pub url: String,
    pub file_path: String,
    pub category: String,
    pub provided_by: String,
    pub provided_on: Option<String>,
    pub note: String,
    pub projects: Vec<String>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct StrengthItemData {
    pub project: String,
    pub template_key: Option<String>,
    pub group: String,
    pub axis: String,
    pub barrier: Option<String>,
    pub text: String,
    pub hidden: bool,
    pub position: i64,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RatingData {
    pub item: String,
    pub score: Option<i32>,
    pub note: String,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct StrengthSessionData {
    pub project: String,
    pub label: String,
    pub rated_on: String,
    pub ratings: Vec<RatingData>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct MeetingData {
    pub kind: String,
    pub number: Option<i64>,
    pub title: String,
    pub held_on: String,
    pub start_time: Option<String>,
    pub end_time: Option<String>,
    pub format: String,
    pub agenda: String,
    pub minutes: String,
    pub decisions: String,
    pub guests: String,
    pub projects: Vec<String>,
    pub participants: Vec<String>,
    pub resources: Vec<String>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct TaskData {
    pub project: String,
    pub title: String,
    pub owner: Option<String>,
    pub due_date: Option<String>,
    pub status: String,
    pub phase: Option<i32>,
    pub meeting: Option<String>,
    pub milestone: bool,
    pub note: String,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct PlanStepData {
    pub project: String,
    pub fiscal_year: i32,
    pub title: String,
    pub note: String,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct EvaluationData {
    pub meeting: String,
    pub kind: String,
    pub evaluator: Option<String>,
    pub written_on: String,
    /// A–D, 1–4 each.
    pub scores: Vec<i32>,
    /// A–D.
    pub comments: Vec<String>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct IssueData {
    pub project: String,
    pub meeting: Option<String>,
    pub kind: String,
    pub title: String,
    pub detail: String,
    pub status: String,
    pub response: String,
    pub raised_on: String,
    pub settled_on: Option<String>,
    pub position: i64,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SurveyData {
    pub project: String,
    pub meeting: Option<String>,
    pub title: String,
    pub template_key: Option<String>,
    pub description: String,
    pub participants: Option<u32>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SurveyQuestionData {
    pub survey: String,
    pub position: i64,
    pub section: String,
    pub kind: String,
    pub text: String,
    pub required: bool,
    pub options: Vec<String>,
    pub rows: Vec<String>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SurveyAnswerData {
    pub question: String,
    pub answer: super::survey::Answer,
}

/// One answer sheet with its answers (they travel together, like a 表1's items).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SurveyResponseData {
    pub survey: String,
    pub source: String,
    pub answered_on: Option<String>,
    pub answers: Vec<SurveyAnswerData>,
}

/// A record deleted on the exporting PC.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Tombstone {
    pub uuid: String,
    pub kind: String,
    /// The last version it had there, and the versions before it.
    pub version: Option<String>,
    #[serde(default)]
    pub history: Vec<String>,
    pub deleted_at: String,
}

/// The whole file.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Bundle {
    pub format: String,
    pub format_version: u32,
    pub app_version: String,
    pub kind: BundleKind,
    pub exported_at: String,
    /// The project the bundle is about.
    pub project: String,
    /// For 評価依頼 and 評価回答: the meeting.
    #[serde(default)]
    pub meeting: Option<String>,
    #[serde(default)]
    pub programs: Vec<Rec<ProgramData>>,
    #[serde(default)]
    pub projects: Vec<Rec<ProjectData>>,
    #[serde(default)]
    pub members: Vec<Rec<MemberData>>,
    #[serde(default)]
    pub resources: Vec<Rec<ResourceData>>,
    #[serde(default)]
    pub stakeholders: Vec<Rec<StakeholderData>>,
    #[serde(default)]
    pub contact_log: Vec<Rec<ContactData>>,
    #[serde(default)]
    pub checklist_items: Vec<Rec<ChecklistItemData>>,
    #[serde(default)]
    pub checklist_history: Vec<Rec<ChecklistChangeData>>,
    #[serde(default)]
    pub strength_items: Vec<Rec<StrengthItemData>>,
    #[serde(default)]
    pub strength_sessions: Vec<Rec<StrengthSessionData>>,
    #[serde(default)]
    pub meetings: Vec<Rec<MeetingData>>,
    #[serde(default)]
    pub tasks: Vec<Rec<TaskData>>,
    #[serde(default)]
    pub plan_steps: Vec<Rec<PlanStepData>>,
    #[serde(default)]
    pub evaluations: Vec<Rec<EvaluationData>>,
    #[serde(default)]
    pub issues: Vec<Rec<IssueData>>,
    #[serde(default)]
    pub surveys: Vec<Rec<SurveyData>>,
    #[serde(default)]
    pub survey_questions: Vec<Rec<SurveyQuestionData>>,
    #[serde(default)]
    pub survey_responses: Vec<Rec<SurveyResponseData>>,
    #[serde(default)]
    pub tombstones: Vec<Tombstone>,
}

impl Bundle {
    /// How many records the file carries.
    pub fn records(&self) -> usize {
        self.programs.len()
            + self.projects.len()
            + self.members.len()
            + self.resources.len()
            + self.stakeholders.len()
            + self.contact_log.len()
            + self.checklist_items.len()
            + self.checklist_history.len()
            + self.strength_items.len()
            + self.strength_sessions.len()
            + self.meetings.len()
            + self.tasks.len()
            + self.plan_steps.len()
            + self.evaluations.len()
            + self.issues.len()
            + self.surveys.len()
            + self.survey_questions.len()
            + self.survey_responses.len()
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
    /// True once written.
    pub applied: bool,
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

use crate::error::{Error, FieldError, Result};
use std::collections::HashSet;

/// More problems than this and the list stops (the file is not ours to fix).
const MAX_REPORTED: usize = 50;

fn is_uuid(text: &str) -> bool {
    uuid::Uuid::parse_str(text).is_ok()
}

/// Collects what is wrong with a bundle, each message naming the record.
struct Problems(Vec<FieldError>);

impl Problems {
    fn add(&mut self, what: &str, message: impl Into<String>) {
        if self.0.len() < MAX_REPORTED {
            self.0.push(FieldError::new(
                "file",
                format!("{what}：{}", message.into()),
            ));
        }
    }

    /// Dates in a file are stored as they come, so they must be exactly
    /// YYYY-MM-DD (the forms read 令和6年7月16日 too; a file may not).
    fn dates(&mut self, what: &str, dates: &[(&str, Option<&str>)]) {
        for (label, value) in dates {
            if let Some(v) = value {
                let ok = chrono::NaiveDate::parse_from_str(v, "%Y-%m-%d")
                    .is_ok_and(|d| d.format("%Y-%m-%d").to_string() == *v);
                if !ok {
                    self.add(
                        what,
                        format!("{label}「{v}」は YYYY-MM-DD の日付ではありません"),
                    );
                }
            }
        }
    }

    /// Times likewise: exactly HH:MM.
    fn times(&mut self, what: &str, times: &[(&str, Option<&str>)]) {
        for (label, value) in times {
            if let Some(v) = value {
                let ok = chrono::NaiveTime::parse_from_str(v, "%H:%M")
                    .is_ok_and(|t| t.format("%H:%M").to_string() == *v);
                if !ok {
                    self.add(what, format!("{label}「{v}」は HH:MM の時刻ではありません"));
                }
            }
        }
    }

    /// Runs a model validator and files its messages under `what`.
    fn check<T>(&mut self, what: &str, result: Result<T>) {
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
}

impl Bundle {
    /// Everything about the file that needs no database: the format and its
    /// version, UUIDs (well-formed, unique), every record's fields (through the
    /// same checks as the window's forms) and references inside the file.
    /// Returns the UUIDs the records point at that are not in the file; the
    /// importer looks for those in the database.
    pub fn validate(&self) -> Result<HashSet<String>> {
        if self.format != FORMAT {
            return Err(Error::Validation(vec![FieldError::new(
                "file",
                "伴走ノートの受け渡しファイルではありません（形式名が違います）",
            )]));
        }
        if self.format_version > FORMAT_VERSION || self.format_version == 0 {
            return Err(Error::Validation(vec![FieldError::new(
                "file",
                format!(
                    "このファイルは新しい版の伴走ノート（{}、形式 {}）で作られています。アプリを更新してください",
                    self.app_version, self.format_version
                ),
            )]));
        }
        let mut p = Problems(Vec::new());
        let mut seen: HashSet<String> = HashSet::new();
        let mut meta =
            |p: &mut Problems, what: &str, uuid: &str, version: &str, history: &[String]| {
                if !is_uuid(uuid) {
                    p.add(
                        what,
                        format!("UUID「{}」の形式が正しくありません", short(uuid)),
                    );
                } else if !seen.insert(uuid.to_owned()) {
                    p.add(what, format!("UUID「{uuid}」が2回出てきます"));
                }
                if version.is_empty() || version.len() > 64 || history.len() > 100_000 {
                    p.add(what, "版の情報が正しくありません");
                }
            };
        macro_rules! each {
            ($list:ident, $label:expr, |$r:ident, $what:ident| $body:block) => {
                for (i, $r) in self.$list.iter().enumerate() {
                    let $what = format!("{}{}", $label, i + 1);
                    meta(&mut p, &$what, &$r.uuid, &$r.version, &$r.history);
                    $body
                }
            };
        }
        let mut refs: Vec<(String, &str)> = Vec::new();
        each!(programs, "事業プログラム", |r, what| {
            if r.data.name.trim().is_empty() || r.data.name.chars().count() > 100 {
                p.add(&what, "事業プログラム名は1〜100文字です");
            }
        });
        each!(projects, "事業", |r, what| {
            let d = &r.data;
            p.check(
                &what,
                super::ProjectInput {
                    name: d.name.clone(),
                    program: String::new(),
                    prefecture: d.prefecture.clone(),
                    profession: d.profession.clone(),
                    theme: d.theme.clone(),
                    target: d.target.clone(),
                    start_date: d.start_date.clone(),
                    end_date: d.end_date.clone(),
                    goal: d.goal.clone(),
                }
                .validate(),
            );
            if let Some(n) = d.phase {
                if super::phase::number(n).is_none() {
                    p.add(&what, "フェーズは1〜5です");
                }
            }
            if let Some(g) = &d.program {
                refs.push((what.clone(), g));
            }
            if let Some(scale) = &d.strength_scale {
                p.check(&what, super::strength::validate_scale(scale));
            }
            p.dates(
                &what,
                &[
                    ("開始日", Some(&d.start_date)),
                    ("終了日", Some(&d.end_date)),
                ],
            );
        });
        each!(members, "メンバー", |r, what| {
            let d = &r.data;
            p.check(
                &what,
                super::MemberInput {
                    name: d.name.clone(),
                    role: d.role.clone(),
                    affiliation: d.affiliation.clone(),
                    email: d.email.clone(),
                }
                .validate(),
            );
            refs.push((what.clone(), &d.project));
        });
        each!(resources, "提供資料", |r, what| {
            let d = &r.data;
            p.check(
                &what,
                super::ResourceInput {
                    title: d.title.clone(),
                    url: d.url.clone(),
                    file_path: d.file_path.clone(),
                    category: d.category.clone(),
                    provided_by: d.provided_by.clone(),
                    provided_on: d.provided_on.clone().unwrap_or_default(),
                    project_ids: Vec::new(),
                    note: d.note.clone(),
                }
                .validate(),
            );
            refs.extend(d.projects.iter().map(|u| (what.clone(), u.as_str())));
            p.dates(&what, &[("提供日", d.provided_on.as_deref())]);
        });
        each!(stakeholders, "関係機関", |r, what| {
            let d = &r.data;
            p.check(
                &what,
                super::StakeholderInput {
                    name: d.name.clone(),
                    kind: d.kind.clone(),
                    state: d.state.clone(),
                    contacts: d
                        .contacts
                        .iter()
                        .map(|c| super::ContactPerson {
                            name: c.name.clone(),
                            title: c.title.clone(),
                            contact: c.contact.clone(),
                        })
                        .collect(),
                    note: d.note.clone(),
                }
                .validate(),
            );
            refs.push((what.clone(), &d.project));
        });
        each!(contact_log, "連絡の記録", |r, what| {
            let d = &r.data;
            p.check(
                &what,
                super::ContactLogInput {
                    contacted_on: d.contacted_on.clone(),
                    summary: d.summary.clone(),
                    new_state: d.new_state.clone().unwrap_or_default(),
                }
                .validate(),
            );
            refs.push((what.clone(), &d.stakeholder));
            p.dates(&what, &[("連絡日", Some(&d.contacted_on))]);
        });
        each!(checklist_items, "準備チェック項目", |r, what| {
            let d = &r.data;
            p.check(
                &what,
                super::NewItemInput {
                    side: d.side.clone(),
                    text: d.text.clone(),
                }
                .validate(),
            );
            p.check(
                &what,
                super::ItemUpdateInput {
                    status: d.status.clone(),
                    owner_id: None,
                    due_date: d.due_date.clone().unwrap_or_default(),
                    note: d.note.clone(),
                    stakeholder_ids: Vec::new(),
                    resource_ids: Vec::new(),
                    meeting_ids: Vec::new(),
                    changed_by: "取り込み".into(),
                    changed_on: "2024-04-01".into(),
                }
                .validate(),
            );
            refs.push((what.clone(), &d.project));
            refs.extend(d.owner.iter().map(|u| (what.clone(), u.as_str())));
            refs.extend(d.stakeholders.iter().map(|u| (what.clone(), u.as_str())));
            refs.extend(d.resources.iter().map(|u| (what.clone(), u.as_str())));
            refs.extend(d.meetings.iter().map(|u| (what.clone(), u.as_str())));
            p.dates(&what, &[("期限", d.due_date.as_deref())]);
        });
        each!(
            checklist_history,
            "準備チェックの履歴",
            |r, what| {
                let d = &r.data;
                let status = |s: &str| super::ItemStatus::parse(s).is_some();
                if !status(&d.to_status) || d.from_status.as_deref().is_some_and(|s| !status(s)) {
                    p.add(&what, "状況は未着手・進行中・完了・該当なしのどれかです");
                }
                p.check(
                    &what,
                    super::ItemUpdateInput {
                        status: d.to_status.clone(),
                        changed_by: d.changed_by.clone(),
                        changed_on: d.changed_on.clone(),
                        ..Default::default()
                    }
                    .validate(),
                );
                refs.push((what.clone(), &d.item));
                p.dates(&what, &[("変更日", Some(&d.changed_on))]);
            }
        );
        each!(strength_items, "強み分析の項目", |r, what| {
            let d = &r.data;
            p.check(
                &what,
                super::strength::StrengthItemInput {
                    group: d.group.clone(),
                    axis: d.axis.clone(),
                    barrier: d.barrier.clone().unwrap_or_default(),
                    text: d.text.clone(),
                }
                .validate(),
            );
            refs.push((what.clone(), &d.project));
        });
        each!(strength_sessions, "強み分析の評価", |r, what| {
            let d = &r.data;
            p.check(
                &what,
                super::strength::SessionInput {
                    label: d.label.clone(),
                    rated_on: d.rated_on.clone(),
                    copy_last: false,
                }
                .validate(),
            );
            for rating in &d.ratings {
                p.check(
                    &what,
                    super::strength::RatingInput {
                        score: rating.score,
                        note: rating.note.clone(),
                    }
                    .validate(),
                );
                refs.push((what.clone(), &rating.item));
            }
            refs.push((what.clone(), &d.project));
            p.dates(&what, &[("評価日", Some(&d.rated_on))]);
        });
        each!(meetings, "会議", |r, what| {
            let d = &r.data;
            p.check(
                &what,
                super::meeting::MeetingInput {
                    kind: d.kind.clone(),
                    title: d.title.clone(),
                    held_on: d.held_on.clone(),
                    start_time: d.start_time.clone().unwrap_or_default(),
                    end_time: d.end_time.clone().unwrap_or_default(),
                    format: d.format.clone(),
                    project_ids: vec![0; d.projects.len()],
                    participant_ids: Vec::new(),
                    guests: d.guests.clone(),
                    agenda: d.agenda.clone(),
                    minutes: d.minutes.clone(),
                    decisions: d.decisions.clone(),
                    resource_ids: Vec::new(),
                    program_id: None,
                    person_ids: Vec::new(),
                }
                .validate(),
            );
            for list in [&d.projects, &d.participants, &d.resources] {
                refs.extend(list.iter().map(|u| (what.clone(), u.as_str())));
            }
            p.dates(&what, &[("開催日", Some(&d.held_on))]);
            p.times(
                &what,
                &[
                    ("開始時刻", d.start_time.as_deref()),
                    ("終了時刻", d.end_time.as_deref()),
                ],
            );
        });
        each!(tasks, "タスク", |r, what| {
            let d = &r.data;
            p.check(
                &what,
                super::task::TaskInput {
                    title: d.title.clone(),
                    owner_id: None,
                    due_date: d.due_date.clone().unwrap_or_default(),
                    status: d.status.clone(),
                    phase: d.phase,
                    meeting_id: None,
                    milestone: d.milestone,
                    note: d.note.clone(),
                }
                .validate(),
            );
            refs.push((what.clone(), &d.project));
            refs.extend(d.owner.iter().map(|u| (what.clone(), u.as_str())));
            refs.extend(d.meeting.iter().map(|u| (what.clone(), u.as_str())));
            p.dates(&what, &[("期限", d.due_date.as_deref())]);
        });
        each!(plan_steps, "中長期計画", |r, what| {
            let d = &r.data;
            p.check(
                &what,
                super::task::PlanStepInput {
                    fiscal_year: d.fiscal_year,
                    title: d.title.clone(),
                    note: d.note.clone(),
                }
                .validate(),
            );
            refs.push((what.clone(), &d.project));
        });
        each!(evaluations, "評価", |r, what| {
            let d = &r.data;
            if d.scores.len() != 4 || d.comments.len() != 4 {
                p.add(&what, "評価とコメントはA〜Dの4つずつです");
            }
            p.check(
                &what,
                super::evaluation::EvaluationInput {
                    meeting_id: 0,
                    kind: d.kind.clone(),
                    evaluator_id: None,
                    written_on: d.written_on.clone(),
                    scores: d.scores.iter().map(|&s| Some(s)).collect(),
                    comments: d.comments.clone(),
                }
                .validate(),
            );
            refs.push((what.clone(), &d.meeting));
            refs.extend(d.evaluator.iter().map(|u| (what.clone(), u.as_str())));
            p.dates(&what, &[("記載日", Some(&d.written_on))]);
        });
        each!(issues, "課題", |r, what| {
            let d = &r.data;
            p.check(
                &what,
                super::issue::IssueInput {
                    kind: d.kind.clone(),
                    title: d.title.clone(),
                    detail: d.detail.clone(),
                    status: d.status.clone(),
                    response: d.response.clone(),
                    raised_on: d.raised_on.clone(),
                    settled_on: d.settled_on.clone().unwrap_or_default(),
                    meeting_id: None,
                }
                .validate(),
            );
            p.dates(
                &what,
                &[
                    ("挙がった日", Some(&d.raised_on)),
                    ("対応した日", d.settled_on.as_deref()),
                ],
            );
            refs.push((what.clone(), &d.project));
            refs.extend(d.meeting.iter().map(|u| (what.clone(), u.as_str())));
        });
        each!(surveys, "アンケート", |r, what| {
            let d = &r.data;
            p.check(
                &what,
                super::survey::SurveyInput {
                    title: d.title.clone(),
                    description: d.description.clone(),
                    participants: d.participants.map(|n| n.to_string()).unwrap_or_default(),
                    meeting_id: None,
                }
                .validate(),
            );
            refs.push((what.clone(), &d.project));
            refs.extend(d.meeting.iter().map(|u| (what.clone(), u.as_str())));
        });
        each!(survey_questions, "アンケートの質問", |r, what| {
            let d = &r.data;
            p.check(
                &what,
                super::survey::QuestionInput {
                    kind: d.kind.clone(),
                    text: d.text.clone(),
                    section: d.section.clone(),
                    required: d.required,
                    options: d.options.join("\n"),
                    rows: d.rows.join("\n"),
                }
                .validate(),
            );
            refs.push((what.clone(), &d.survey));
        });
        each!(survey_responses, "アンケートの回答", |r, what| {
            let d = &r.data;
            if super::survey::ResponseSource::parse(&d.source).is_none() {
                p.add(&what, "入力方法は紙・CSV・画面のどれかです");
            }
            if d.answers.len() > 10_000 {
                p.add(&what, "答えが多すぎます");
            }
            p.dates(&what, &[("回答日", d.answered_on.as_deref())]);
            refs.push((what.clone(), &d.survey));
            refs.extend(
                d.answers
                    .iter()
                    .map(|a| (what.clone(), a.question.as_str())),
            );
        });
        for (i, t) in self.tombstones.iter().enumerate() {
            if !is_uuid(&t.uuid) {
                p.add(
                    &format!("削除の記録{}", i + 1),
                    "UUIDの形式が正しくありません",
                );
            }
        }
        if !is_uuid(&self.project) {
            p.add("ファイル", "事業のUUIDが正しくありません");
        }
        refs.push(("ファイル".into(), &self.project));
        if let Some(m) = &self.meeting {
            refs.push(("ファイル".into(), m));
        }
        let mut outside = HashSet::new();
        for (what, target) in refs {
            if !is_uuid(target) {
                p.add(
                    &what,
                    format!("参照先のUUID「{}」の形式が正しくありません", short(target)),
                );
            } else if !seen.contains(target) {
                outside.insert(target.to_owned());
            }
        }
        if p.0.is_empty() {
            Ok(outside)
        } else {
            Err(Error::Validation(p.0))
        }
    }
}

/// The first characters of a text a message quotes (a hostile file may hold megabytes).
fn short(text: &str) -> String {
    let head: String = text.chars().take(40).collect();
    if head.len() < text.len() {
        format!("{head}…")
    } else {
        head
    }
}
