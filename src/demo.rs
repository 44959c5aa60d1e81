//! The demo: the two model teams of the FY2024 (令和6年度) report, with invented
//! personal names (the report names real people; societies and dates are kept).
//! The data lives in assets/demo/*.toml (docs/DEMO.md says what is the report's
//! and what is the app's example); this module reads it with the same TOML
//! parser as the templates and writes it through the store, validating each
//! record as a form would.

use crate::error::{Error, Result};
use crate::model::evaluation::EvaluationInput;
use crate::model::issue::IssueInput;
use crate::model::meeting::MeetingInput;
use crate::model::survey::{templates, Answer, ResponseSource, SurveyInput, ValidResponse};
use crate::model::task::TaskInput;
use crate::model::{
    ContactLogInput, ContactPerson, MemberInput, ProjectInput, ResourceInput, StakeholderInput,
};
use crate::store::survey::{insert_survey, put_response};
use crate::store::{
    evaluation, issue, meeting, member, project, resource, stakeholder, task, Store,
};
use rusqlite::{params, OptionalExtension, Transaction};
use serde::Deserialize;
use std::collections::HashMap;
use std::sync::OnceLock;

/// The demo's files, parsed once (a unit test checks that each one parses).
struct Demo {
    program: ProgramFile,
    teams: Vec<TeamFile>,
    resources: Vec<ResourceSpec>,
    evaluations: Vec<EvaluatedSpec>,
    surveys: Vec<SurveySpec>,
}

fn demo() -> &'static Demo {
    static DEMO: OnceLock<Demo> = OnceLock::new();
    DEMO.get_or_init(|| {
        fn parse<T: serde::de::DeserializeOwned>(name: &str, text: &str) -> T {
            crate::model::parse_toml(text)
                .unwrap_or_else(|e| panic!("assets/demo/{name} is checked by a unit test: {e}"))
        }
        Demo {
            program: parse("program.toml", include_str!("../assets/demo/program.toml")),
            teams: vec![
                parse(
                    "yamaguchi.toml",
                    include_str!("../assets/demo/yamaguchi.toml"),
                ),
                parse("ibaraki.toml", include_str!("../assets/demo/ibaraki.toml")),
            ],
            resources: parse::<ResourceFile>(
                "resources.toml",
                include_str!("../assets/demo/resources.toml"),
            )
            .resource,
            evaluations: parse::<EvaluationFile>(
                "evaluations.toml",
                include_str!("../assets/demo/evaluations.toml"),
            )
            .meeting,
            surveys: parse::<SurveyFile>(
                "surveys.toml",
                include_str!("../assets/demo/surveys.toml"),
            )
            .survey,
        }
    })
}

/// The program's name (令和6年度 地域保健総合推進事業).
pub fn program_name() -> &'static str {
    &demo().program.program.name
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct ProgramFile {
    program: ProgramSpec,
    secretariat: PersonSpec,
    supporter: Vec<SupporterSpec>,
    person: Vec<PersonSpec>,
    meeting: Vec<ProgramMeetingSpec>,
    task: Vec<ProgramTaskSpec>,
    joint_meeting: Vec<MeetingSpec>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct ProgramSpec {
    name: String,
    fiscal_year: i32,
    organizer: String,
    secretariat: String,
    note: String,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct PersonSpec {
    name: String,
    role: String,
    affiliation: String,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct SupporterSpec {
    name: String,
    role: String,
    affiliation: String,
    teams: Vec<String>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct ProgramMeetingSpec {
    kind: String,
    #[serde(default)]
    title: String,
    date: String,
    start: String,
    end: String,
    format: String,
    who: Vec<String>,
    agenda: String,
    #[serde(default)]
    decisions: String,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct ProgramTaskSpec {
    title: String,
    owner: String,
    due: String,
    status: String,
    #[serde(default)]
    milestone: bool,
    meeting: String,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct TeamFile {
    key: String,
    phase: u8,
    project: ProjectSpec,
    member: Vec<PersonSpec>,
    item: Vec<ItemSpec>,
    stakeholder: Vec<StakeholderSpec>,
    strength: Vec<StrengthSpec>,
    meeting: Vec<MeetingSpec>,
    task: Vec<TaskSpec>,
    plan: Vec<PlanSpec>,
    issue: Vec<IssueSpec>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct ProjectSpec {
    name: String,
    prefecture: String,
    profession: String,
    theme: String,
    target: String,
    start_date: String,
    end_date: String,
    goal: String,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct ItemSpec {
    key: String,
    status: String,
    owner: String,
    #[serde(default)]
    due: String,
    #[serde(default)]
    note: String,
    #[serde(default)]
    history: Vec<StatusChange>,
    #[serde(default)]
    organisations: Vec<String>,
    /// The team meeting where it was settled.
    meeting: Option<String>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct StatusChange {
    on: String,
    by: String,
    to: String,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct StakeholderSpec {
    name: String,
    kind: String,
    contact: Option<ContactSpec>,
    #[serde(default)]
    log: Vec<LogSpec>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct ContactSpec {
    name: String,
    title: String,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct LogSpec {
    on: String,
    summary: String,
    state: String,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct StrengthSpec {
    label: String,
    date: String,
    /// Base score per axis, 創造力・人力・対応力・財力.
    scores: [u8; 4],
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct MeetingSpec {
    kind: String,
    #[serde(default)]
    title: String,
    date: String,
    start: String,
    end: String,
    format: String,
    /// The roles of the teams' members who take part.
    #[serde(default)]
    with: Vec<String>,
    agenda: String,
    #[serde(default)]
    decisions: String,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct TaskSpec {
    title: String,
    owner: String,
    due: String,
    status: String,
    phase: Option<i32>,
    #[serde(default)]
    milestone: bool,
    /// The date of the team meeting whose decision it is.
    meeting: Option<String>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct PlanSpec {
    year: i32,
    title: String,
    #[serde(default)]
    note: String,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct IssueSpec {
    kind: String,
    title: String,
    status: String,
    #[serde(default)]
    response: String,
    /// The date of the team meeting where it was raised.
    meeting: String,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct ResourceFile {
    resource: Vec<ResourceSpec>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct ResourceSpec {
    title: String,
    /// Empty for a piece of information given without an address.
    #[serde(default)]
    url: String,
    #[serde(default)]
    note: String,
    category: String,
    by: String,
    on: String,
    teams: Vec<String>,
    /// A prefecture, or 全国.
    prefecture: String,
    /// The checklist item (template key) of those teams it is evidence for.
    evidence: Option<String>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct EvaluationFile {
    meeting: Vec<EvaluatedSpec>,
}

/// An evaluated meeting: the sums of the scores A–D, from which each person's
/// 1–4 is spread, and one comment per item.
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct EvaluatedSpec {
    /// A team's key, or 合同 for the joint 進捗会議 of that date.
    team: String,
    date: String,
    other: [u32; 4],
    own: [u32; 4],
    #[serde(default)]
    other_comments: Vec<String>,
    #[serde(default)]
    own_comments: Vec<String>,
}

const JOINT: &str = "合同";

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct SurveyFile {
    survey: Vec<SurveySpec>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct SurveySpec {
    template: String,
    /// Another title than the template's.
    title: Option<String>,
    description: Option<String>,
    /// Only these of the template's questions (問番号), for a round that asked fewer.
    keep: Option<Vec<usize>>,
    /// The date of the program meeting (the 研修会) it belongs to.
    meeting: Option<String>,
    /// The title of the previous round (linked once every survey is loaded).
    previous: Option<String>,
    participants: Option<u32>,
    sheets: usize,
    answered_on: String,
    question: Vec<QuestionSpec>,
}

/// How the answers to one question (its 問番号 in the survey) spread over the
/// sheets it is asked of (all, or those whose earlier answer leads to it):
/// `answers` (each value `count` times, the rest unanswered) are dealt with a
/// stride of `step`, so that a cross-tabulation does not split them by
/// position; or `cycle` walks the options (the 都道府県).
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct QuestionSpec {
    number: usize,
    #[serde(default)]
    answers: Vec<AnswerSpec>,
    #[serde(default = "one")]
    step: usize,
    cycle: Option<Cycle>,
    /// 当てはまる／当てはまらない: per row, how many of each.
    #[serde(default)]
    rows: Vec<RowSpec>,
}

fn one() -> usize {
    1
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct Cycle {
    step: usize,
    offset: usize,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RowSpec {
    yes: usize,
    no: usize,
    step: usize,
}

#[derive(Deserialize)]
#[serde(untagged, deny_unknown_fields)]
enum AnswerSpec {
    Choice { choice: String, count: usize },
    Choices { choices: Vec<String>, count: usize },
    Score { score: u8, count: usize },
    Text { text: String, count: usize },
    Grid { grid: Vec<Vec<u32>>, count: usize },
}

/// A fact of the data that does not hold (a name, a date, a key that is not
/// there): the demo's files are wrong, which a unit test catches first.
fn bad(what: String) -> Error {
    Error::Validation(vec![crate::error::FieldError::new(
        "demo",
        format!("デモデータの誤り：{what}"),
    )])
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DemoOutcome {
    Loaded { projects: usize, members: usize },
    AlreadyLoaded,
}

/// Loads the demo in one transaction. Loading twice changes nothing.
pub fn load(store: &mut Store) -> Result<DemoOutcome> {
    let demo = demo();
    store.write(|tx| {
        let exists = tx
            .query_row(
                "SELECT 1 FROM projects WHERE name = ?1",
                [&demo.teams[0].project.name],
                |_| Ok(()),
            )
            .optional()?
            .is_some();
        if exists {
            return Ok(DemoOutcome::AlreadyLoaded);
        }
        let mut members = 0;
        let mut ids = HashMap::new();
        for team in &demo.teams {
            let pid = add_team(tx, demo, team, &mut members)?;
            ids.insert(team.key.as_str(), pid);
        }
        let teams = Teams { demo, ids };
        add_resources(tx, &teams)?;
        add_meetings_and_tasks(tx, &teams)?;
        add_program(tx, &teams)?;
        add_surveys(tx, &teams)?;
        add_evaluations(tx, &teams)?;
        add_issues(tx, &teams, chrono::Local::now().date_naive())?;
        Ok(DemoOutcome::Loaded {
            projects: demo.teams.len(),
            members,
        })
    })
}

/// The teams as loaded: key → project id.
struct Teams<'a> {
    demo: &'a Demo,
    ids: HashMap<&'a str, i64>,
}

impl Teams<'_> {
    fn id(&self, key: &str) -> Result<i64> {
        self.ids
            .get(key)
            .copied()
            .ok_or_else(|| bad(format!("チーム「{key}」がありません")))
    }
    fn all(&self) -> Vec<i64> {
        self.demo
            .teams
            .iter()
            .map(|t| self.ids[t.key.as_str()])
            .collect()
    }
}

fn add_team(tx: &Transaction, demo: &Demo, team: &TeamFile, members: &mut usize) -> Result<i64> {
    let p = &team.project;
    let input = ProjectInput {
        name: p.name.clone(),
        program: demo.program.program.name.clone(),
        prefecture: p.prefecture.clone(),
        profession: p.profession.clone(),
        theme: p.theme.clone(),
        target: p.target.clone(),
        start_date: p.start_date.clone(),
        end_date: p.end_date.clone(),
        goal: p.goal.clone(),
    };
    let pid = project::insert(tx, &input.validate()?)?;
    // The team, then its supporters, then the secretariat.
    let people = team
        .member
        .iter()
        .map(|m| (&m.name, &m.role, &m.affiliation))
        .chain(
            demo.program
                .supporter
                .iter()
                .filter(|s| s.teams.contains(&team.key))
                .map(|s| (&s.name, &s.role, &s.affiliation)),
        )
        .chain(
            std::iter::once(&demo.program.secretariat).map(|s| (&s.name, &s.role, &s.affiliation)),
        );
    for (name, role, affiliation) in people {
        let input = MemberInput {
            name: name.clone(),
            role: role.clone(),
            affiliation: affiliation.clone(),
            email: String::new(),
        };
        member::insert(tx, pid, &input.validate()?)?;
        *members += 1;
    }
    tx.execute(
        "UPDATE projects SET phase = ?2 WHERE id = ?1",
        params![pid, team.phase],
    )?;
    let mut org_ids = HashMap::new();
    for s in &team.stakeholder {
        let input = StakeholderInput {
            name: s.name.clone(),
            kind: s.kind.clone(),
            state: "未接触".into(),
            contacts: s
                .contact
                .iter()
                .map(|c| ContactPerson {
                    name: c.name.clone(),
                    title: c.title.clone(),
                    contact: String::new(),
                })
                .collect(),
            note: String::new(),
        };
        let sid = stakeholder::insert(tx, pid, &input.validate()?)?;
        for l in &s.log {
            let entry = ContactLogInput {
                contacted_on: l.on.clone(),
                summary: l.summary.clone(),
                new_state: l.state.clone(),
            };
            stakeholder::insert_log(tx, sid, &entry.validate()?)?;
        }
        org_ids.insert(s.name.as_str(), sid);
    }
    for item in &team.item {
        let item_id = checklist_item(tx, pid, &item.key)?;
        let owner_id = member_id(tx, pid, &item.owner)?;
        tx.execute(
            "UPDATE checklist_items SET status = ?2, owner_id = ?3, due_date = NULLIF(?4, ''), note = ?5
             WHERE id = ?1",
            params![item_id, item.status, owner_id, item.due, item.note],
        )?;
        let mut from = "未着手";
        for c in &item.history {
            tx.execute(
                "INSERT INTO checklist_history (item_id, changed_on, changed_by, from_status, to_status, recorded_at)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?2)",
                params![item_id, c.on, c.by, from, c.to],
            )?;
            from = &c.to;
        }
        for org in &item.organisations {
            let sid = org_ids
                .get(org.as_str())
                .ok_or_else(|| bad(format!("関係機関「{org}」がありません")))?;
            tx.execute(
                "INSERT INTO checklist_stakeholders (item_id, stakeholder_id) VALUES (?1, ?2)",
                params![item_id, sid],
            )?;
        }
    }
    rate_strengths(tx, pid, &team.strength)?;
    Ok(pid)
}

fn checklist_item(tx: &Transaction, project: i64, key: &str) -> Result<i64> {
    tx.query_row(
        "SELECT id FROM checklist_items WHERE project_id = ?1 AND template_key = ?2",
        params![project, key],
        |r| r.get(0),
    )
    .optional()?
    .ok_or_else(|| bad(format!("準備チェックの項目「{key}」がありません")))
}

/// A member of the project by name; None for an empty name.
fn member_id(tx: &Transaction, project: i64, name: &str) -> Result<Option<i64>> {
    if name.is_empty() {
        return Ok(None);
    }
    tx.query_row(
        "SELECT id FROM members WHERE project_id = ?1 AND name = ?2",
        params![project, name],
        |r| r.get(0),
    )
    .optional()?
    .map(Some)
    .ok_or_else(|| bad(format!("メンバー「{name}」がいません")))
}

/// Rates every item around its axis' base score (every third item one higher),
/// so the means are not all whole numbers.
fn rate_strengths(tx: &Transaction, pid: i64, sessions: &[StrengthSpec]) -> Result<()> {
    let items: Vec<(i64, String)> = {
        let mut st =
            tx.prepare("SELECT id, axis FROM strength_items WHERE project_id = ?1 ORDER BY id")?;
        let rows = st.query_map([pid], |r| Ok((r.get("id")?, r.get("axis")?)))?;
        rows.collect::<rusqlite::Result<_>>()?
    };
    for s in sessions {
        tx.execute(
            "INSERT INTO strength_sessions (project_id, label, rated_on, created_at) VALUES (?1, ?2, ?3, ?3)",
            params![pid, s.label, s.date],
        )?;
        let sid = tx.last_insert_rowid();
        for (n, (item, axis)) in items.iter().enumerate() {
            let a = crate::model::strength::Axis::ALL
                .iter()
                .position(|x| x.label() == axis)
                .unwrap_or(0);
            let score = (s.scores[a] + u8::from(n % 3 == 2)).min(4);
            tx.execute(
                "INSERT INTO strength_ratings (session_id, item_id, score, note) VALUES (?1, ?2, ?3, '')",
                params![sid, item, score],
            )?;
        }
    }
    Ok(())
}

fn add_resources(tx: &Transaction, teams: &Teams) -> Result<()> {
    for r in &teams.demo.resources {
        let project_ids = r
            .teams
            .iter()
            .map(|t| teams.id(t))
            .collect::<Result<Vec<_>>>()?;
        let input = ResourceInput {
            title: r.title.clone(),
            url: r.url.clone(),
            file_path: String::new(),
            category: r.category.clone(),
            provided_by: r.by.clone(),
            provided_on: r.on.clone(),
            project_ids: project_ids.clone(),
            note: r.note.clone(),
            prefecture: r.prefecture.clone(),
        };
        let rid = resource::insert(tx, &input.validate()?)?;
        if let Some(key) = &r.evidence {
            for &pid in &project_ids {
                let item = checklist_item(tx, pid, key)?;
                tx.execute(
                    "INSERT INTO checklist_resources (item_id, resource_id) VALUES (?1, ?2)",
                    params![item, rid],
                )?;
            }
        }
    }
    Ok(())
}

/// The members of `projects` whose role is one of `roles`, in each project's order.
fn members_with(tx: &Transaction, projects: &[i64], roles: &[String]) -> Result<Vec<i64>> {
    let roles = serde_json::to_string(roles).expect("strings");
    let mut out = Vec::new();
    let mut st = tx.prepare(
        "SELECT id FROM members WHERE project_id = ?1 AND role IN (SELECT value FROM json_each(?2)) ORDER BY id",
    )?;
    for p in projects {
        let rows = st.query_map(params![p, roles], |r| r.get(0))?;
        out.extend(rows.collect::<rusqlite::Result<Vec<i64>>>()?);
    }
    Ok(out)
}

fn meeting_input(m: &MeetingSpec, projects: Vec<i64>, participants: Vec<i64>) -> MeetingInput {
    MeetingInput {
        kind: m.kind.clone(),
        title: m.title.clone(),
        held_on: m.date.clone(),
        start_time: m.start.clone(),
        end_time: m.end.clone(),
        format: m.format.clone(),
        project_ids: projects,
        participant_ids: participants,
        decisions: m.decisions.clone(),
        agenda: m.agenda.clone(),
        ..Default::default()
    }
}

fn add_meetings_and_tasks(tx: &Transaction, teams: &Teams) -> Result<()> {
    let demo = teams.demo;
    let mut meeting_on = HashMap::new();
    for team in &demo.teams {
        let pid = teams.id(&team.key)?;
        for m in &team.meeting {
            let people = members_with(tx, &[pid], &m.with)?;
            let mid = meeting::insert(tx, &meeting_input(m, vec![pid], people).validate()?)?;
            meeting_on.insert((pid, m.date.as_str()), mid);
        }
    }
    for m in &demo.program.joint_meeting {
        let all = teams.all();
        let people = members_with(tx, &all, &m.with)?;
        meeting::insert(tx, &meeting_input(m, all, people).validate()?)?;
    }
    let meeting_of = |pid: i64, date: &str| {
        meeting_on
            .get(&(pid, date))
            .copied()
            .ok_or_else(|| bad(format!("{date} の会議がありません")))
    };
    for team in &demo.teams {
        let pid = teams.id(&team.key)?;
        for t in &team.task {
            let input = TaskInput {
                title: t.title.clone(),
                owner_id: member_id(tx, pid, &t.owner)?,
                due_date: t.due.clone(),
                status: t.status.clone(),
                phase: t.phase,
                meeting_id: t
                    .meeting
                    .as_deref()
                    .map(|d| meeting_of(pid, d))
                    .transpose()?,
                milestone: t.milestone,
                note: String::new(),
            };
            task::insert(tx, pid, &input.validate()?)?;
        }
    }
    for team in &demo.teams {
        let pid = teams.id(&team.key)?;
        for step in &team.plan {
            tx.execute(
                "INSERT INTO plan_steps (project_id, fiscal_year, title, note) VALUES (?1, ?2, ?3, ?4)",
                params![pid, step.year, step.title, step.note],
            )?;
        }
    }
    // Checklist items cite the meetings where they were settled.
    for team in &demo.teams {
        let pid = teams.id(&team.key)?;
        for item in &team.item {
            if let Some(date) = &item.meeting {
                tx.execute(
                    "INSERT INTO checklist_meetings (item_id, meeting_id) VALUES (?1, ?2)",
                    params![checklist_item(tx, pid, &item.key)?, meeting_of(pid, date)?],
                )?;
            }
        }
    }
    Ok(())
}

/// The program (第1章 第3節): who runs it, its people once each (the teams'
/// supporters and secretariat linked to them), and its own meetings.
fn add_program(tx: &Transaction, teams: &Teams) -> Result<()> {
    let spec = &teams.demo.program;
    let all = teams.all();
    let program: i64 = tx.query_row(
        "SELECT program_id FROM projects WHERE id = ?1",
        [all[0]],
        |r| r.get(0),
    )?;
    let p = &spec.program;
    tx.execute(
        "UPDATE programs SET fiscal_year = ?2, organizer = ?3, secretariat = ?4, note = ?5 WHERE id = ?1",
        params![program, p.fiscal_year, p.organizer, p.secretariat, p.note],
    )?;
    // The supporters and the secretariat, once each, linked from the teams.
    for &id in &all {
        crate::store::program::link_people(tx, id)?;
    }
    for person in &spec.person {
        tx.execute(
            "INSERT INTO program_people (program_id, name, role, affiliation, created_at) VALUES (?1, ?2, ?3, ?4, ?5)",
            params![program, person.name, person.role, person.affiliation, crate::store::now()],
        )?;
    }
    let people = |roles: &[String]| -> Result<Vec<i64>> {
        let mut st = tx.prepare(
            "SELECT id FROM program_people WHERE program_id = ?1 AND role IN (SELECT value FROM json_each(?2)) ORDER BY id",
        )?;
        let roles = serde_json::to_string(roles).expect("strings");
        let rows = st.query_map(params![program, roles], |r| r.get(0))?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    };
    let mut meeting_on = HashMap::new();
    for m in &spec.meeting {
        let input = MeetingInput {
            kind: m.kind.clone(),
            title: m.title.clone(),
            held_on: m.date.clone(),
            start_time: m.start.clone(),
            end_time: m.end.clone(),
            format: m.format.clone(),
            program_id: Some(program),
            person_ids: people(&m.who)?,
            agenda: m.agenda.clone(),
            decisions: m.decisions.clone(),
            ..Default::default()
        };
        let id = meeting::insert(tx, &input.validate()?)?;
        meeting_on.entry(m.date.as_str()).or_insert(id);
    }
    for t in &spec.task {
        let owner: Option<i64> = tx
            .query_row(
                "SELECT id FROM program_people WHERE program_id = ?1 AND role = ?2",
                params![program, t.owner],
                |r| r.get(0),
            )
            .optional()?;
        let task = TaskInput {
            title: t.title.clone(),
            owner_id: owner,
            due_date: t.due.clone(),
            status: t.status.clone(),
            phase: None,
            meeting_id: Some(
                *meeting_on
                    .get(t.meeting.as_str())
                    .ok_or_else(|| bad(format!("{} の会議がありません", t.meeting)))?,
            ),
            milestone: t.milestone,
            note: String::new(),
        };
        task::insert_program_task(tx, program, &task.validate()?)?;
    }
    Ok(())
}

/// `n` answers dealt from `values` (each with its count; the rest unanswered)
/// with a stride of `step`, a fixed mixed order so that a cross-tabulation
/// does not split them by position.
fn deal<T: Clone>(values: &[(T, usize)], n: usize, step: usize) -> Vec<Option<T>> {
    let mut flat: Vec<Option<T>> = values
        .iter()
        .flat_map(|(v, k)| std::iter::repeat_n(Some(v.clone()), *k))
        .collect();
    flat.resize(n, None);
    (0..n).map(|i| flat[(i * step) % n].clone()).collect()
}

/// The 研修会's questionnaire and its previous round (第3章 第3節), their
/// sheets made up to reproduce the report's published shares and counts
/// (assets/demo/surveys.toml).
fn add_surveys(tx: &Transaction, teams: &Teams) -> Result<()> {
    let program: i64 = tx.query_row(
        "SELECT program_id FROM projects WHERE id = ?1",
        [teams.all()[0]],
        |r| r.get(0),
    )?;
    let mut made: HashMap<String, i64> = HashMap::new();
    let mut links: Vec<(i64, &String)> = Vec::new();
    for spec in &teams.demo.surveys {
        let shipped = templates()
            .iter()
            .find(|t| t.key == spec.template)
            .ok_or_else(|| {
                bad(format!(
                    "アンケートのひな形「{}」がありません",
                    spec.template
                ))
            })?;
        let mut t = shipped.clone();
        if let Some(keep) = &spec.keep {
            // A round that asked fewer: conditions would name questions left out.
            t.questions = keep
                .iter()
                .map(|&n| {
                    shipped
                        .questions
                        .get(n.wrapping_sub(1))
                        .filter(|q| q.show_if.is_none())
                        .cloned()
                        .ok_or_else(|| bad(format!("問{n}だけを残すことはできません")))
                })
                .collect::<Result<_>>()?;
        }
        let meeting_id = match &spec.meeting {
            None => None,
            Some(date) => Some(
                tx.query_row(
                    "SELECT id FROM meetings WHERE program_id = ?1 AND held_on = ?2 AND kind = '研修会'",
                    params![program, date],
                    |r| r.get(0),
                )
                .optional()?
                .ok_or_else(|| bad(format!("{date} の研修会がありません")))?,
            ),
        };
        let title = spec.title.clone().unwrap_or_else(|| t.title.clone());
        let d = SurveyInput {
            title: title.clone(),
            description: spec
                .description
                .clone()
                .unwrap_or_else(|| t.description.clone()),
            participants: spec.participants.map(|n| n.to_string()).unwrap_or_default(),
            meeting_id,
            previous_id: None,
        }
        .validate()?;
        let survey = insert_survey(tx, Some(program), None, &d, Some(&t))?;
        made.insert(title, survey);
        if let Some(p) = &spec.previous {
            links.push((survey, p));
        }
        let questions = crate::store::survey::questions_of(tx, survey)?;
        let sheets = survey_sheets(spec, &questions)?;
        let answered_on = spec
            .answered_on
            .parse()
            .map_err(|_| bad(format!("回答日「{}」", spec.answered_on)))?;
        for answers in sheets {
            let d = ValidResponse {
                source: ResponseSource::Paper,
                answered_on: Some(answered_on),
                answers: questions
                    .iter()
                    .zip(answers)
                    .filter_map(|(q, a)| Some((q.id, a?)))
                    .collect(),
            };
            put_response(tx, survey, None, &d)?;
        }
    }
    // The previous rounds, linked once every survey is there (the 研修会's own
    // comes first in the lists, as the newest).
    for (survey, previous) in links {
        let before = made
            .get(previous)
            .ok_or_else(|| bad(format!("前回のアンケート「{previous}」がありません")))?;
        tx.execute(
            "UPDATE surveys SET previous_round = (SELECT uuid FROM surveys WHERE id = ?2) WHERE id = ?1",
            params![survey, before],
        )?;
    }
    Ok(())
}

/// Every sheet's answers, question by question (None: unanswered). A
/// question is dealt over the sheets it is asked of: those whose answer to
/// its condition's question leads to it, as the window would ask.
fn survey_sheets(
    spec: &SurveySpec,
    questions: &[crate::model::survey::Question],
) -> Result<Vec<Vec<Option<Answer>>>> {
    let n = spec.sheets;
    let mut sheets: Vec<Vec<Option<Answer>>> = vec![vec![None; questions.len()]; n];
    let mut specs: Vec<&QuestionSpec> = spec.question.iter().collect();
    specs.sort_by_key(|q| q.number);
    for qs in specs {
        let qi = qs
            .number
            .checked_sub(1)
            .filter(|&i| i < questions.len())
            .ok_or_else(|| bad(format!("問{}がありません", qs.number)))?;
        let q = &questions[qi];
        let option = |label: &str| -> Result<u32> {
            q.options
                .iter()
                .position(|o| o == label)
                .map(|i| i as u32)
                .ok_or_else(|| bad(format!("{}に選択肢「{label}」がありません", q.label())))
        };
        let asked: Vec<usize> = match &q.show_if {
            None => (0..n).collect(),
            Some(cond) => {
                let earlier = questions
                    .iter()
                    .position(|x| x.id == cond.question_id)
                    .expect("a condition names a question of the survey");
                (0..n)
                    .filter(|&i| {
                        matches!(sheets[i][earlier], Some(Answer::Choice(c)) if cond.options.contains(&c))
                    })
                    .collect()
            }
        };
        let m = asked.len();
        let answers: Vec<Option<Answer>> = if let Some(c) = &qs.cycle {
            let k = q.options.len();
            (0..m)
                .map(|i| Some(Answer::Choice(((i * c.step + c.offset) % k) as u32)))
                .collect()
        } else if !qs.rows.is_empty() {
            let rows: Vec<Vec<Option<bool>>> = qs
                .rows
                .iter()
                .map(|r| deal(&[(true, r.yes), (false, r.no)], m, r.step))
                .collect();
            (0..m)
                .map(|i| Some(Answer::Rows(rows.iter().map(|r| r[i]).collect())))
                .collect()
        } else {
            let values = qs
                .answers
                .iter()
                .map(|a| {
                    Ok(match a {
                        AnswerSpec::Choice { choice, count } => {
                            (Answer::Choice(option(choice)?), *count)
                        }
                        AnswerSpec::Choices { choices, count } => (
                            Answer::Choices(
                                choices.iter().map(|c| option(c)).collect::<Result<_>>()?,
                            ),
                            *count,
                        ),
                        AnswerSpec::Score { score, count } => (Answer::Score(*score), *count),
                        AnswerSpec::Text { text, count } => (Answer::Text(text.clone()), *count),
                        AnswerSpec::Grid { grid, count } => (Answer::Grid(grid.clone()), *count),
                    })
                })
                .collect::<Result<Vec<_>>>()?;
            if values.iter().map(|(_, k)| k).sum::<usize>() > m {
                return Err(bad(format!(
                    "{}の答えが、たずねた{m}件より多くあります",
                    q.label()
                )));
            }
            deal(&values, m, qs.step)
        };
        for (i, a) in asked.into_iter().zip(answers) {
            sheets[i][qi] = a;
        }
    }
    Ok(sheets)
}

/// Spreads `sum` over `n` people as 1–4 scores: the first `sum % n` (turning
/// with the item, so no one always scores high) get one more than the rest.
fn spread(sum: u32, n: usize, item: usize) -> Vec<u8> {
    let n32 = n as u32;
    let (base, extra) = (sum / n32, (sum % n32) as usize);
    (0..n)
        .map(|k| {
            let high = (k + n - item % n) % n < extra;
            u8::try_from(base + u32::from(high)).expect("1–4")
        })
        .collect()
}

/// Every comment sentence of the demo (its vocabulary, for benchmarks).
pub fn comment_sentences() -> Vec<&'static str> {
    demo()
        .evaluations
        .iter()
        .flat_map(|e| e.other_comments.iter().chain(&e.own_comments))
        .map(String::as_str)
        .filter(|c| !c.is_empty())
        .collect()
}

fn add_evaluations(tx: &Transaction, teams: &Teams) -> Result<()> {
    for ev in &teams.demo.evaluations {
        let joint = ev.team == JOINT;
        let projects: Vec<i64> = if joint {
            teams.all()
        } else {
            vec![teams.id(&ev.team)?]
        };
        let meeting: i64 = tx
            .query_row(
                "SELECT m.id FROM meetings m JOIN meeting_projects mp ON mp.meeting_id = m.id
                 WHERE mp.project_id = ?1 AND m.held_on = ?2 AND (?3 = 0 OR m.kind = '進捗会議')",
                params![projects[0], ev.date, i64::from(joint)],
                |r| r.get(0),
            )
            .optional()?
            .ok_or_else(|| bad(format!("評価する {} の会議がありません", ev.date)))?;
        let people = |roles: &str| -> Result<Vec<i64>> {
            let mut out = Vec::new();
            let mut seen = std::collections::HashSet::new();
            for p in &projects {
                let mut st = tx.prepare(&format!(
                    "SELECT id, name FROM members WHERE project_id = ?1 AND role IN ({roles}) ORDER BY id"
                ))?;
                let rows = st.query_map([p], |r| {
                    Ok((r.get::<_, i64>("id")?, r.get::<_, String>("name")?))
                })?;
                for row in rows {
                    let (id, name) = row?;
                    // A supporter of both teams writes one 自己評価 of a joint meeting.
                    if seen.insert(name) {
                        out.push(id);
                    }
                }
            }
            Ok(out)
        };
        let written = (ev
            .date
            .parse::<chrono::NaiveDate>()
            .map_err(|_| bad(format!("日付「{}」", ev.date)))?
            + chrono::Days::new(4))
        .to_string();
        let forms = [
            (
                "他者評価",
                people("'リーダー', 'メンバー'")?,
                ev.other,
                &ev.other_comments,
            ),
            (
                "自己評価",
                people("'伴走支援者', '伴走支援リーダー'")?,
                ev.own,
                &ev.own_comments,
            ),
        ];
        for (kind, evaluators, sums, texts) in forms {
            let n = evaluators.len();
            let scores: Vec<Vec<u8>> = (0..4).map(|i| spread(sums[i], n, i)).collect();
            for (k, evaluator) in evaluators.into_iter().enumerate() {
                // Each item's comment comes from one person; the others
                // left that box empty, as most people do.
                let comments: Vec<String> = (0..4)
                    .map(|i| match texts.get(i) {
                        Some(t) if i % n == k => t.clone(),
                        _ => String::new(),
                    })
                    .collect();
                let input = EvaluationInput {
                    meeting_id: meeting,
                    kind: kind.into(),
                    evaluator_id: Some(evaluator),
                    written_on: written.clone(),
                    scores: (0..4).map(|i| Some(i32::from(scores[i][k]))).collect(),
                    comments,
                };
                evaluation::insert(tx, &input.validate()?)?;
            }
        }
    }
    Ok(())
}

fn add_issues(tx: &Transaction, teams: &Teams, today: chrono::NaiveDate) -> Result<()> {
    for team in &teams.demo.teams {
        let pid = teams.id(&team.key)?;
        for i in &team.issue {
            let meeting_id: i64 = tx
                .query_row(
                    "SELECT m.id FROM meetings m JOIN meeting_projects mp ON mp.meeting_id = m.id
                     WHERE mp.project_id = ?1 AND m.held_on = ?2 AND m.kind = 'チーム会議'",
                    params![pid, i.meeting],
                    |r| r.get(0),
                )
                .optional()?
                .ok_or_else(|| bad(format!("{} のチーム会議がありません", i.meeting)))?;
            let input = IssueInput {
                kind: i.kind.clone(),
                title: i.title.clone(),
                status: i.status.clone(),
                response: i.response.clone(),
                meeting_id: Some(meeting_id),
                ..Default::default()
            };
            issue::insert(tx, pid, &input.validate()?, today)?;
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_demo_files_parse_and_name_what_exists() {
        let d = demo();
        assert_eq!(d.teams.len(), 2);
        let keys: Vec<&str> = d.teams.iter().map(|t| t.key.as_str()).collect();
        for s in &d.program.supporter {
            assert!(
                s.teams.iter().all(|t| keys.contains(&t.as_str())),
                "{}",
                s.name
            );
        }
        for r in &d.resources {
            assert!(
                r.teams.iter().all(|t| keys.contains(&t.as_str())),
                "{}",
                r.title
            );
        }
        for e in &d.evaluations {
            assert!(
                e.team == JOINT || keys.contains(&e.team.as_str()),
                "{}",
                e.date
            );
        }
        assert!(!d.surveys.is_empty());
    }

    #[test]
    fn dealt_answers_keep_their_counts() {
        let v = deal(&[("a", 3), ("b", 2)], 7, 3);
        assert_eq!(v.iter().filter(|x| **x == Some("a")).count(), 3);
        assert_eq!(v.iter().filter(|x| **x == Some("b")).count(), 2);
        assert_eq!(v.iter().filter(|x| x.is_none()).count(), 2);
        assert_ne!(v[..3], [Some("a"); 3], "mixed, not in blocks");
    }
}
