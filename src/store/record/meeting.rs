//! Meetings (表3) as they travel: one team's, or joint with several.

use super::{By, Field, Kind, Link, Problems};
use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
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

pub struct Meetings;

const fn link(
    field: &'static str,
    table: &'static str,
    other: &'static str,
    target: &'static str,
) -> Field {
    Field::Links(Link {
        field,
        table,
        owner: "meeting_id",
        other,
        target,
        keep_others: false,
    })
}

impl Kind for Meetings {
    type Data = MeetingData;
    const TABLE: &'static str = "meetings";
    const KIND: &'static str = "meeting";
    const LABEL: &'static str = "会議";
    const LOCAL: &'static [&'static str] = &["read_only"];
    const FIELDS: &'static [Field] = &[
        link("projects", "meeting_projects", "project_id", "projects"),
        link(
            "participants",
            "meeting_participants",
            "member_id",
            "members",
        ),
        link("resources", "meeting_resources", "resource_id", "resources"),
    ];

    fn name(d: &MeetingData) -> String {
        format!("{}（{}）", d.title, d.held_on)
    }
    const BY: By = By::Projects;
    fn check(d: &MeetingData, what: &str, p: &mut Problems) {
        p.check(
            what,
            crate::model::meeting::MeetingInput {
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
        p.dates(what, &[("開催日", Some(&d.held_on))]);
        p.times(
            what,
            &[
                ("開始時刻", d.start_time.as_deref()),
                ("終了時刻", d.end_time.as_deref()),
            ],
        );
    }
}
