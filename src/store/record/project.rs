//! Programs, projects and their members as they travel.

use super::{By, Field, Kind, Problems, Twin};
use crate::error::Result;
use rusqlite::{Connection, OptionalExtension};
use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ProgramData {
    pub name: String,
}

pub struct Programs;

impl Kind for Programs {
    type Data = ProgramData;
    const TABLE: &'static str = "programs";
    const KIND: &'static str = "program";
    const LABEL: &'static str = "事業プログラム";
    const CREATED: Option<&'static str> = None;

    fn name(d: &ProgramData) -> String {
        d.name.clone()
    }
    const BY: By = By::Program;
    fn check(d: &ProgramData, what: &str, p: &mut Problems) {
        if d.name.trim().is_empty() || d.name.chars().count() > crate::model::limits::PROGRAM {
            p.add(what, "事業プログラム名は1〜100文字です");
        }
    }
    /// Programs are names: one of the same name here is the same program.
    fn twin(conn: &Connection, d: &ProgramData) -> Result<Option<Twin>> {
        Ok(conn
            .prepare_cached("SELECT id FROM programs WHERE name = ?1")?
            .query_row([&d.name], |r| r.get("id"))
            .optional()?
            .map(Twin::Name))
    }
}

#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
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

pub struct Projects;

impl Kind for Projects {
    type Data = ProjectData;
    const TABLE: &'static str = "projects";
    const KIND: &'static str = "project";
    const LABEL: &'static str = "事業";
    const LOCAL: &'static [&'static str] = &["archived_at", "bundle_imported_at", "origin"];
    const FIELDS: &'static [Field] = &[
        Field::Ref {
            field: "program",
            column: "program_id",
            table: "programs",
        },
        Field::Json("strength_scale"),
    ];

    fn name(d: &ProjectData) -> String {
        d.name.clone()
    }
    const BY: By = By::Itself;
    fn check(d: &ProjectData, what: &str, p: &mut Problems) {
        p.check(
            what,
            crate::model::ProjectInput {
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
            if crate::model::phase::number(n).is_none() {
                p.add(what, "フェーズは1〜5です");
            }
        }
        if let Some(scale) = &d.strength_scale {
            p.check(what, crate::model::strength::validate_scale(scale));
        }
        p.dates(
            what,
            &[
                ("開始日", Some(&d.start_date)),
                ("終了日", Some(&d.end_date)),
            ],
        );
    }
}

#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct MemberData {
    pub project: String,
    pub name: String,
    pub role: String,
    pub affiliation: String,
    pub email: String,
    pub retired: bool,
}

pub struct Members;

impl Kind for Members {
    type Data = MemberData;
    const TABLE: &'static str = "members";
    const KIND: &'static str = "member";
    const LABEL: &'static str = "メンバー";
    const LOCAL: &'static [&'static str] = &["person_id"];
    const FIELDS: &'static [Field] = &[
        Field::Ref {
            field: "project",
            column: "project_id",
            table: "projects",
        },
        Field::Since {
            field: "retired",
            column: "retired_at",
        },
    ];

    fn name(d: &MemberData) -> String {
        d.name.clone()
    }
    const BY: By = By::Project;
    fn check(d: &MemberData, what: &str, p: &mut Problems) {
        p.check(
            what,
            crate::model::MemberInput {
                name: d.name.clone(),
                role: d.role.clone(),
                affiliation: d.affiliation.clone(),
                email: d.email.clone(),
            }
            .validate(),
        );
    }
}
