//! Records in and out of bundles: reading a project (or one meeting's
//! evaluation request/response) as UUID-linked records, and merging a bundle
//! into this database by UUID and version history (docs/EXCHANGE.md).

use super::{backup, Store};
use crate::error::{Error, FieldError, Result};
use crate::model::exchange::*;
use rusqlite::{params, Connection, OptionalExtension, Row, Transaction};
use std::collections::{BTreeSet, HashMap, HashSet};

/// The kinds of record, in the order they are written (parents first).
const TABLES: [(&str, &str); 18] = [
    ("programs", "事業プログラム"),
    ("projects", "事業"),
    ("members", "メンバー"),
    ("resources", "提供資料"),
    ("stakeholders", "関係機関"),
    ("contact_log", "連絡の記録"),
    ("checklist_items", "準備チェック項目"),
    ("checklist_history", "準備チェックの履歴"),
    ("strength_items", "強み分析の項目"),
    ("strength_sessions", "強み分析の評価"),
    ("meetings", "会議"),
    ("tasks", "タスク"),
    ("plan_steps", "中長期計画"),
    ("evaluations", "評価"),
    ("issues", "課題"),
    ("surveys", "アンケート"),
    ("survey_questions", "アンケートの質問"),
    ("survey_responses", "アンケートの回答"),
];

fn uuids(conn: &Connection, sql: &str, key: &dyn rusqlite::ToSql) -> Result<Vec<String>> {
    let mut st = conn.prepare_cached(sql)?;
    let rows = st.query_map([key], |r| r.get(0))?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

/// The versions a record had before `current`.
fn history(conn: &Connection, uuid: &str, current: &str) -> Result<Vec<String>> {
    let mut st = conn.prepare_cached(
        "SELECT version FROM record_versions WHERE uuid = ?1 AND version <> ?2 ORDER BY version",
    )?;
    let rows = st.query_map(params![uuid, current], |r| r.get(0))?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

/// Reads records with `sql` (whose first three columns are uuid, version,
/// updated_at, and whose `?1` is `key`), building each one's data from the row.
fn records<T>(
    conn: &Connection,
    sql: &str,
    key: &dyn rusqlite::ToSql,
    data: impl Fn(&Connection, &Row) -> Result<T>,
) -> Result<Vec<Rec<T>>> {
    let mut st = conn.prepare(sql)?;
    let mut rows = st.query([key])?;
    let mut out = Vec::new();
    while let Some(r) = rows.next()? {
        let uuid: String = r.get(0)?;
        let version: String = r.get(1)?;
        out.push(Rec {
            history: history(conn, &uuid, &version)?,
            updated_at: r.get(2)?,
            data: data(conn, r)?,
            uuid,
            version,
        });
    }
    Ok(out)
}

/// Which records a bundle carries, by local id.
#[derive(Default)]
struct Scope {
    projects: BTreeSet<i64>,
    meetings: BTreeSet<i64>,
    /// With every record of theirs (checklist, strengths, tasks…), not just the project row.
    full_projects: BTreeSet<i64>,
    evaluations: bool,
    members_of_all: bool,
}

fn id_list(ids: &BTreeSet<i64>) -> String {
    let v: Vec<String> = ids.iter().map(i64::to_string).collect();
    serde_json::to_string(&v).expect("a list of numbers")
}

impl Store {
    /// The whole project as a bundle (and the projects its joint meetings and
    /// shared resources name, so every reference resolves on the other PC).
    pub fn project_bundle(&self, project_id: i64) -> Result<Bundle> {
        self.project(project_id)?;
        let conn = self.conn();
        let mut scope = Scope {
            full_projects: BTreeSet::from([project_id]),
            evaluations: true,
            ..Default::default()
        };
        scope.meetings = uuids_i64(
            conn,
            "SELECT meeting_id FROM meeting_projects WHERE project_id = ?1",
            project_id,
        )?;
        self.bundle(BundleKind::Project, project_id, None, scope)
    }

    /// 評価依頼: one meeting, its projects and their people, for a supporter to
    /// evaluate on their own PC.
    pub fn evaluation_request(&self, meeting_id: i64, project_id: i64) -> Result<Bundle> {
        self.check_meeting_of(meeting_id, project_id)?;
        let scope = Scope {
            meetings: BTreeSet::from([meeting_id]),
            members_of_all: true,
            ..Default::default()
        };
        self.bundle(
            BundleKind::EvaluationRequest,
            project_id,
            Some(meeting_id),
            scope,
        )
    }

    /// 評価回答: one meeting's evaluations on this PC, to send back to the team.
    pub fn evaluation_response(&self, meeting_id: i64, project_id: i64) -> Result<Bundle> {
        self.check_meeting_of(meeting_id, project_id)?;
        let scope = Scope {
            meetings: BTreeSet::from([meeting_id]),
            evaluations: true,
            ..Default::default()
        };
        self.bundle(
            BundleKind::EvaluationResponse,
            project_id,
            Some(meeting_id),
            scope,
        )
    }

    fn check_meeting_of(&self, meeting_id: i64, project_id: i64) -> Result<()> {
        let m = self.meeting(meeting_id)?;
        if !m.project_ids.contains(&project_id) {
            return Err(Error::Validation(vec![FieldError::new(
                "meeting",
                format!("会議（ID {meeting_id}）はこの事業の会議ではありません"),
            )]));
        }
        Ok(())
    }

    fn bundle(
        &self,
        kind: BundleKind,
        project_id: i64,
        meeting_id: Option<i64>,
        mut scope: Scope,
    ) -> Result<Bundle> {
        let conn = self.conn();
        let uuid_of = |table: &str, id: i64| -> Result<String> {
            Ok(conn.query_row(
                &format!("SELECT uuid FROM {table} WHERE id = ?1"),
                [id],
                |r| r.get(0),
            )?)
        };
        let meetings = id_list(&scope.meetings);
        // Projects every carried meeting belongs to, and those sharing resources.
        scope.projects.extend(&scope.full_projects);
        scope.projects.extend(uuids_i64(
            conn,
            "SELECT project_id FROM meeting_projects WHERE meeting_id IN (SELECT value FROM json_each(?1))",
            meetings.clone(),
        )?);
        let full = id_list(&scope.full_projects);
        scope.projects.extend(uuids_i64(
            conn,
            "SELECT project_id FROM resource_projects WHERE resource_id IN
               (SELECT resource_id FROM resource_projects WHERE project_id IN (SELECT value FROM json_each(?1)))",
            full.clone(),
        )?);
        let projects = id_list(&scope.projects);
        let members_sql = if scope.members_of_all {
            // Everyone who may evaluate: the people of the meeting's projects.
            "SELECT id FROM members WHERE project_id IN (SELECT value FROM json_each(?1)) AND retired_at IS NULL"
        } else {
            "SELECT id FROM members WHERE project_id IN (SELECT value FROM json_each(?2))
               OR id IN (SELECT member_id FROM meeting_participants WHERE meeting_id IN (SELECT value FROM json_each(?3)))
               OR id IN (SELECT evaluator_id FROM evaluations WHERE ?4 AND meeting_id IN (SELECT value FROM json_each(?3)))
               OR id IN (SELECT owner_id FROM tasks WHERE project_id IN (SELECT value FROM json_each(?2)))
               OR id IN (SELECT owner_id FROM checklist_items WHERE project_id IN (SELECT value FROM json_each(?2)))"
        };
        let member_ids: BTreeSet<i64> = {
            let mut st = conn.prepare(members_sql)?;
            let rows = if scope.members_of_all {
                st.query_map(params![projects], |r| r.get(0))?
                    .collect::<rusqlite::Result<_>>()?
            } else {
                st.query_map(params![projects, full, meetings, scope.evaluations], |r| {
                    r.get(0)
                })?
                .collect::<rusqlite::Result<_>>()?
            };
            rows
        };
        let members = id_list(&member_ids);
        let in_full = "project_id IN (SELECT value FROM json_each(?1))";
        let key_full: &dyn rusqlite::ToSql = &full;

        let opt_uuid = |table: &str, id: Option<i64>| -> Result<Option<String>> {
            id.map(|i| uuid_of(table, i)).transpose()
        };
        let link_uuids = |sql: &str, id: i64| -> Result<Vec<String>> { uuids(conn, sql, &id) };

        let projects_recs = records(
            conn,
            "SELECT uuid, version, updated_at, id, name, program_id, prefecture, profession, theme,
                    target, start_date, end_date, goal, phase, strength_scale
             FROM projects WHERE id IN (SELECT value FROM json_each(?1)) ORDER BY id",
            &projects,
            |_, r| {
                let scale: Option<String> = r.get(14)?;
                Ok(ProjectData {
                    strength_scale: scale.and_then(|s| serde_json::from_str(&s).ok()),
                    name: r.get(4)?,
                    program: opt_uuid("programs", r.get(5)?)?,
                    prefecture: r.get(6)?,
                    profession: r.get(7)?,
                    theme: r.get(8)?,
                    target: r.get(9)?,
                    start_date: r.get(10)?,
                    end_date: r.get(11)?,
                    goal: r.get(12)?,
                    phase: r.get(13)?,
                })
            },
        )?;
        let programs = records(
            conn,
            "SELECT uuid, version, updated_at, name FROM programs
             WHERE id IN (SELECT program_id FROM projects WHERE id IN (SELECT value FROM json_each(?1)))",
            &projects,
            |_, r| Ok(ProgramData { name: r.get(3)? }),
        )?;
        let members_recs = records(
            conn,
            "SELECT uuid, version, updated_at, project_id, name, role, affiliation, email,
                    retired_at IS NOT NULL
             FROM members WHERE id IN (SELECT value FROM json_each(?1)) ORDER BY id",
            &members,
            |_, r| {
                Ok(MemberData {
                    project: uuid_of("projects", r.get(3)?)?,
                    name: r.get(4)?,
                    role: r.get(5)?,
                    affiliation: r.get(6)?,
                    email: r.get(7)?,
                    retired: r.get(8)?,
                })
            },
        )?;
        let resources = records(
            conn,
            &format!(
                "SELECT uuid, version, updated_at, id, title, url, file_path, category, provided_by,
                        provided_on, note FROM resources
                 WHERE id IN (SELECT resource_id FROM resource_projects WHERE {in_full}) ORDER BY id"
            ),
            key_full,
            |c, r| {
                Ok(ResourceData {
                    title: r.get(4)?,
                    url: r.get(5)?,
                    file_path: r.get(6)?,
                    category: r.get(7)?,
                    provided_by: r.get(8)?,
                    provided_on: r.get(9)?,
                    note: r.get(10)?,
                    projects: uuids(
                        c,
                        "SELECT p.uuid FROM resource_projects l JOIN projects p ON p.id = l.project_id
                         WHERE l.resource_id = ?1 ORDER BY p.id",
                        &r.get::<_, i64>(3)?,
                    )?,
                })
            },
        )?;
        let stakeholders = records(
            conn,
            &format!(
                "SELECT uuid, version, updated_at, id, project_id, name, kind, state, note
                 FROM stakeholders WHERE {in_full} ORDER BY id"
            ),
            key_full,
            |c, r| {
                let id: i64 = r.get(3)?;
                let mut st = c.prepare_cached(
                    "SELECT name, title, contact FROM stakeholder_contacts WHERE stakeholder_id = ?1 ORDER BY position",
                )?;
                let contacts = st
                    .query_map([id], |x| {
                        Ok(ContactPersonData {
                            name: x.get(0)?,
                            title: x.get(1)?,
                            contact: x.get(2)?,
                        })
                    })?
                    .collect::<rusqlite::Result<_>>()?;
                Ok(StakeholderData {
                    project: uuid_of("projects", r.get(4)?)?,
                    name: r.get(5)?,
                    kind: r.get(6)?,
                    state: r.get(7)?,
                    note: r.get(8)?,
                    contacts,
                })
            },
        )?;
        let contact_log = records(
            conn,
            &format!(
                "SELECT l.uuid, l.version, l.updated_at, s.uuid, l.contacted_on, l.summary, l.new_state
                 FROM contact_log l JOIN stakeholders s ON s.id = l.stakeholder_id
                 WHERE s.{in_full} ORDER BY l.id"
            ),
            key_full,
            |_, r| {
                Ok(ContactData {
                    stakeholder: r.get(3)?,
                    contacted_on: r.get(4)?,
                    summary: r.get(5)?,
                    new_state: r.get(6)?,
                })
            },
        )?;
        let checklist_items = records(
            conn,
            &format!(
                "SELECT uuid, version, updated_at, id, project_id, side, template_key, position, text,
                        status, owner_id, due_date, note
                 FROM checklist_items WHERE {in_full} ORDER BY id"
            ),
            key_full,
            |_, r| {
                let id: i64 = r.get(3)?;
                Ok(ChecklistItemData {
                    project: uuid_of("projects", r.get(4)?)?,
                    side: r.get(5)?,
                    template_key: r.get(6)?,
                    position: r.get(7)?,
                    text: r.get(8)?,
                    status: r.get(9)?,
                    owner: opt_uuid("members", r.get(10)?)?,
                    due_date: r.get(11)?,
                    note: r.get(12)?,
                    stakeholders: link_uuids(
                        "SELECT s.uuid FROM checklist_stakeholders l JOIN stakeholders s ON s.id = l.stakeholder_id
                         WHERE l.item_id = ?1 ORDER BY s.id",
                        id,
                    )?,
                    resources: link_uuids(
                        "SELECT x.uuid FROM checklist_resources l JOIN resources x ON x.id = l.resource_id
                         WHERE l.item_id = ?1 ORDER BY x.id",
                        id,
                    )?,
                    meetings: link_uuids(
                        "SELECT m.uuid FROM checklist_meetings l JOIN meetings m ON m.id = l.meeting_id
                         WHERE l.item_id = ?1 ORDER BY m.id",
                        id,
                    )?,
                })
            },
        )?;
        let checklist_history = records(
            conn,
            &format!(
                "SELECT h.uuid, h.version, h.updated_at, c.uuid, h.changed_on, h.changed_by,
                        h.from_status, h.to_status
                 FROM checklist_history h JOIN checklist_items c ON c.id = h.item_id
                 WHERE c.{in_full} ORDER BY h.id"
            ),
            key_full,
            |_, r| {
                Ok(ChecklistChangeData {
                    item: r.get(3)?,
                    changed_on: r.get(4)?,
                    changed_by: r.get(5)?,
                    from_status: r.get(6)?,
                    to_status: r.get(7)?,
                })
            },
        )?;
        let strength_items = records(
            conn,
            &format!(
                "SELECT uuid, version, updated_at, project_id, template_key, grp, axis, barrier, text,
                        hidden, position
                 FROM strength_items WHERE {in_full} ORDER BY id"
            ),
            key_full,
            |_, r| {
                Ok(StrengthItemData {
                    project: uuid_of("projects", r.get(3)?)?,
                    template_key: r.get(4)?,
                    group: r.get(5)?,
                    axis: r.get(6)?,
                    barrier: r.get(7)?,
                    text: r.get(8)?,
                    hidden: r.get(9)?,
                    position: r.get(10)?,
                })
            },
        )?;
        let strength_sessions = records(
            conn,
            &format!(
                "SELECT uuid, version, updated_at, id, project_id, label, rated_on
                 FROM strength_sessions WHERE {in_full} ORDER BY id"
            ),
            key_full,
            |c, r| {
                let id: i64 = r.get(3)?;
                let mut st = c.prepare_cached(
                    "SELECT i.uuid, r.score, r.note FROM strength_ratings r
                     JOIN strength_items i ON i.id = r.item_id WHERE r.session_id = ?1 ORDER BY i.id",
                )?;
                let ratings = st
                    .query_map([id], |x| {
                        Ok(RatingData {
                            item: x.get(0)?,
                            score: x.get(1)?,
                            note: x.get(2)?,
                        })
                    })?
                    .collect::<rusqlite::Result<_>>()?;
                Ok(StrengthSessionData {
                    project: uuid_of("projects", r.get(4)?)?,
                    label: r.get(5)?,
                    rated_on: r.get(6)?,
                    ratings,
                })
            },
        )?;
        let meetings_recs = records(
            conn,
            "SELECT uuid, version, updated_at, id, kind, number, title, held_on, start_time, end_time,
                    format, agenda, minutes, decisions, guests
             FROM meetings WHERE id IN (SELECT value FROM json_each(?1)) ORDER BY held_on, id",
            &meetings,
            |_, r| {
                let id: i64 = r.get(3)?;
                Ok(MeetingData {
                    kind: r.get(4)?,
                    number: r.get(5)?,
                    title: r.get(6)?,
                    held_on: r.get(7)?,
                    start_time: r.get(8)?,
                    end_time: r.get(9)?,
                    format: r.get(10)?,
                    agenda: r.get(11)?,
                    minutes: r.get(12)?,
                    decisions: r.get(13)?,
                    guests: r.get(14)?,
                    projects: link_uuids(
                        "SELECT p.uuid FROM meeting_projects l JOIN projects p ON p.id = l.project_id
                         WHERE l.meeting_id = ?1 ORDER BY p.id",
                        id,
                    )?,
                    participants: link_uuids(
                        "SELECT m.uuid FROM meeting_participants l JOIN members m ON m.id = l.member_id
                         WHERE l.meeting_id = ?1 ORDER BY m.id",
                        id,
                    )?,
                    resources: if scope.full_projects.is_empty() {
                        Vec::new()
                    } else {
                        link_uuids(
                            "SELECT x.uuid FROM meeting_resources l JOIN resources x ON x.id = l.resource_id
                             WHERE l.meeting_id = ?1 ORDER BY x.id",
                            id,
                        )?
                    },
                })
            },
        )?;
        let tasks = records(
            conn,
            &format!(
                "SELECT uuid, version, updated_at, project_id, title, owner_id, due_date, status, phase,
                        meeting_id, milestone, note
                 FROM tasks WHERE {in_full} ORDER BY id"
            ),
            key_full,
            |_, r| {
                Ok(TaskData {
                    project: uuid_of("projects", r.get(3)?)?,
                    title: r.get(4)?,
                    owner: opt_uuid("members", r.get(5)?)?,
                    due_date: r.get(6)?,
                    status: r.get(7)?,
                    phase: r.get(8)?,
                    meeting: opt_uuid("meetings", r.get(9)?)?,
                    milestone: r.get(10)?,
                    note: r.get(11)?,
                })
            },
        )?;
        let plan_steps = records(
            conn,
            &format!(
                "SELECT uuid, version, updated_at, project_id, fiscal_year, title, note
                 FROM plan_steps WHERE {in_full} ORDER BY id"
            ),
            key_full,
            |_, r| {
                Ok(PlanStepData {
                    project: uuid_of("projects", r.get(3)?)?,
                    fiscal_year: r.get(4)?,
                    title: r.get(5)?,
                    note: r.get(6)?,
                })
            },
        )?;
        let evaluations = if scope.evaluations {
            records(
                conn,
                "SELECT e.uuid, e.version, e.updated_at, e.id, m.uuid, e.kind, e.evaluator_id, e.written_on
                 FROM evaluations e JOIN meetings m ON m.id = e.meeting_id
                 WHERE e.meeting_id IN (SELECT value FROM json_each(?1)) ORDER BY e.id",
                &meetings,
                |c, r| {
                    let id: i64 = r.get(3)?;
                    let mut st = c.prepare_cached(
                        "SELECT score, comment FROM evaluation_items WHERE evaluation_id = ?1 ORDER BY item",
                    )?;
                    let items: Vec<(i32, String)> = st
                        .query_map([id], |x| Ok((x.get(0)?, x.get(1)?)))?
                        .collect::<rusqlite::Result<_>>()?;
                    Ok(EvaluationData {
                        meeting: r.get(4)?,
                        kind: r.get(5)?,
                        evaluator: opt_uuid("members", r.get(6)?)?,
                        written_on: r.get(7)?,
                        scores: items.iter().map(|x| x.0).collect(),
                        comments: items.into_iter().map(|x| x.1).collect(),
                    })
                },
            )?
        } else {
            Vec::new()
        };
        let issues = records(
            conn,
            &format!(
                "SELECT uuid, version, updated_at, project_id, meeting_id, kind, title, detail, status,
                        response, raised_on, settled_on, position
                 FROM issues WHERE {in_full} ORDER BY id"
            ),
            key_full,
            |_, r| {
                Ok(IssueData {
                    project: uuid_of("projects", r.get(3)?)?,
                    meeting: opt_uuid("meetings", r.get(4)?)?,
                    kind: r.get(5)?,
                    title: r.get(6)?,
                    detail: r.get(7)?,
                    status: r.get(8)?,
                    response: r.get(9)?,
                    raised_on: r.get(10)?,
                    settled_on: r.get(11)?,
                    position: r.get(12)?,
                })
            },
        )?;
        // A team's アンケート travel with the team (the program's stay with the program).
        let surveys = records(
            conn,
            &format!(
                "SELECT uuid, version, updated_at, project_id, meeting_id, title, template_key,
                        description, participants
                 FROM surveys WHERE {in_full} ORDER BY id"
            ),
            key_full,
            |_, r| {
                Ok(SurveyData {
                    project: uuid_of("projects", r.get(3)?)?,
                    meeting: opt_uuid("meetings", r.get(4)?)?,
                    title: r.get(5)?,
                    template_key: r.get(6)?,
                    description: r.get(7)?,
                    participants: r.get(8)?,
                })
            },
        )?;
        let of_surveys = format!("survey_id IN (SELECT id FROM surveys WHERE {in_full})");
        let survey_questions = records(
            conn,
            &format!(
                "SELECT uuid, version, updated_at, survey_id, position, section, kind, text,
                        required, options, rows
                 FROM survey_questions WHERE {of_surveys} ORDER BY survey_id, position, id"
            ),
            key_full,
            |_, r| {
                Ok(SurveyQuestionData {
                    survey: uuid_of("surveys", r.get(3)?)?,
                    position: r.get(4)?,
                    section: r.get(5)?,
                    kind: r.get(6)?,
                    text: r.get(7)?,
                    required: r.get(8)?,
                    options: serde_json::from_str(&r.get::<_, String>(9)?).unwrap_or_default(),
                    rows: serde_json::from_str(&r.get::<_, String>(10)?).unwrap_or_default(),
                })
            },
        )?;
        let survey_responses = records(
            conn,
            &format!(
                "SELECT uuid, version, updated_at, survey_id, source, answered_on, id
                 FROM survey_responses WHERE {of_surveys} ORDER BY id"
            ),
            key_full,
            |conn, r| {
                let mut st = conn.prepare_cached(
                    "SELECT q.uuid, a.value FROM survey_answers a
                     JOIN survey_questions q ON q.id = a.question_id
                     WHERE a.response_id = ?1 ORDER BY q.position, q.id",
                )?;
                let answers = st
                    .query_map([r.get::<_, i64>(6)?], |x| {
                        Ok((x.get::<_, String>(0)?, x.get::<_, String>(1)?))
                    })?
                    .collect::<rusqlite::Result<Vec<_>>>()?
                    .into_iter()
                    .filter_map(|(question, value)| {
                        Some(SurveyAnswerData {
                            question,
                            answer: serde_json::from_str(&value).ok()?,
                        })
                    })
                    .collect();
                Ok(SurveyResponseData {
                    survey: uuid_of("surveys", r.get(3)?)?,
                    source: r.get(4)?,
                    answered_on: r.get(5)?,
                    answers,
                })
            },
        )?;
        let tombstones = if scope.full_projects.is_empty() {
            Vec::new()
        } else {
            let main = uuid_of("projects", project_id)?;
            let mut st = conn.prepare(
                "SELECT uuid, kind, version, deleted_at FROM tombstones
                 WHERE project_uuid = ?1 OR project_uuid IS NULL ORDER BY deleted_at, uuid",
            )?;
            let rows: Vec<(String, String, Option<String>, String)> = st
                .query_map([main], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?)))?
                .collect::<rusqlite::Result<_>>()?;
            let mut out = Vec::new();
            for (uuid, kind, version, deleted_at) in rows {
                out.push(Tombstone {
                    history: history(conn, &uuid, version.as_deref().unwrap_or(""))?,
                    uuid,
                    kind,
                    version,
                    deleted_at,
                });
            }
            out
        };
        Ok(Bundle {
            format: FORMAT.into(),
            format_version: FORMAT_VERSION,
            app_version: env!("CARGO_PKG_VERSION").into(),
            kind,
            exported_at: super::now(),
            project: uuid_of("projects", project_id)?,
            meeting: meeting_id.map(|m| uuid_of("meetings", m)).transpose()?,
            programs,
            projects: projects_recs,
            members: members_recs,
            resources,
            stakeholders,
            contact_log,
            checklist_items,
            checklist_history,
            strength_items,
            strength_sessions,
            meetings: meetings_recs,
            tasks,
            plan_steps,
            evaluations,
            issues,
            surveys,
            survey_questions,
            survey_responses,
            tombstones,
        })
    }
}

fn uuids_i64(conn: &Connection, sql: &str, key: impl rusqlite::ToSql) -> Result<BTreeSet<i64>> {
    let mut st = conn.prepare(sql)?;
    let rows = st.query_map([key], |r| r.get(0))?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

/// What happens to one record of the file.
#[derive(Debug, Clone, PartialEq)]
enum Decision {
    Add,
    /// The file's version builds on ours: take it.
    Update,
    /// Identical here.
    Same,
    /// Ours builds on the file's: keep ours.
    KeepLocal,
    /// Changed on both sides (or deleted here, changed there).
    Conflict,
    /// Deleted here, and the file has the version we deleted.
    StaysDeleted,
}

/// The plan of an import: a decision per record, and the deletions.
struct Plan {
    decisions: HashMap<String, Decision>,
    /// Template items (checklist, strength) the file has under another UUID
    /// than this PC: the file's UUID → the local row.
    adopted: HashMap<String, i64>,
    /// Tombstones to apply: (table, uuid, conflicting).
    deletes: Vec<(&'static str, String, bool)>,
    summary: ImportSummary,
}

fn table_of_kind(kind: &str) -> Option<&'static str> {
    Some(match kind {
        "program" => "programs",
        "project" => "projects",
        "member" => "members",
        "checklist_item" => "checklist_items",
        "checklist_change" => "checklist_history",
        "stakeholder" => "stakeholders",
        "contact" => "contact_log",
        "resource" => "resources",
        "strength_item" => "strength_items",
        "strength_session" => "strength_sessions",
        "meeting" => "meetings",
        "task" => "tasks",
        "plan_step" => "plan_steps",
        "evaluation" => "evaluations",
        "issue" => "issues",
        "survey" => "surveys",
        "survey_question" => "survey_questions",
        "survey_response" => "survey_responses",
        _ => return None,
    })
}

fn what_of(table: &str) -> &'static str {
    TABLES
        .iter()
        .find(|(t, _)| *t == table)
        .map(|(_, w)| *w)
        .unwrap_or("記録")
}

/// How a local row reads in a conflict: its name or title, and when it changed.
fn local_label(conn: &Connection, table: &str, uuid: &str) -> Result<String> {
    let expr = match table {
        "meetings" => "title || '（' || held_on || '）'",
        "evaluations" => "kind || '（記載 ' || written_on || '）'",
        "checklist_items" => "text || '：' || status",
        "checklist_history" => "to_status || '（' || changed_on || '）'",
        "contact_log" => "contacted_on || ' ' || summary",
        "resources" | "tasks" => "title",
        "plan_steps" => "fiscal_year || '年度 ' || title",
        "strength_sessions" => "label || '（' || rated_on || '）'",
        "strength_items" => "text",
        "issues" => "title || '：' || status",
        "surveys" => "title",
        "survey_questions" => "text",
        "survey_responses" => "'回答（' || source || '）'",
        _ => "name",
    };
    Ok(conn
        .query_row(
            &format!(
                "SELECT {expr} || '（更新 ' || updated_at || '）' FROM {table} WHERE uuid = ?1"
            ),
            [uuid],
            |r| r.get(0),
        )
        .optional()?
        .unwrap_or_else(|| "（このパソコンでは削除済み）".into()))
}

fn known(conn: &Connection, uuid: &str, version: &str) -> Result<bool> {
    Ok(conn
        .query_row(
            "SELECT 1 FROM record_versions WHERE uuid = ?1 AND version = ?2",
            params![uuid, version],
            |_| Ok(()),
        )
        .optional()?
        .is_some())
}

fn decide(
    conn: &Connection,
    table: &str,
    uuid: &str,
    version: &str,
    history: &[String],
) -> Result<Decision> {
    let local: Option<String> = conn
        .query_row(
            &format!("SELECT version FROM {table} WHERE uuid = ?1"),
            [uuid],
            |r| r.get(0),
        )
        .optional()?;
    Ok(match local {
        Some(v) if v == version => Decision::Same,
        Some(v) if history.contains(&v) => Decision::Update,
        Some(_) if known(conn, uuid, version)? => Decision::KeepLocal,
        Some(_) => Decision::Conflict,
        None => {
            let deleted = conn
                .query_row("SELECT 1 FROM tombstones WHERE uuid = ?1", [uuid], |_| {
                    Ok(())
                })
                .optional()?
                .is_some();
            match (deleted, known(conn, uuid, version)?) {
                (true, true) => Decision::StaysDeleted,
                (true, false) => Decision::Conflict,
                (false, _) => Decision::Add,
            }
        }
    })
}

fn exists_anywhere(conn: &Connection, uuid: &str) -> Result<bool> {
    for (table, _) in TABLES {
        let hit = conn
            .query_row(
                &format!("SELECT 1 FROM {table} WHERE uuid = ?1"),
                [uuid],
                |_| Ok(()),
            )
            .optional()?
            .is_some();
        if hit {
            return Ok(true);
        }
    }
    Ok(false)
}

/// Compares the file with this database: nothing is written.
fn plan(conn: &Connection, b: &Bundle) -> Result<Plan> {
    let outside = b.validate()?;
    let refuse = |m: String| Error::Validation(vec![FieldError::new("file", m)]);
    for uuid in &outside {
        if !exists_anywhere(conn, uuid)? {
            return Err(refuse(format!(
                "ファイルの中にもこのパソコンにもない記録を参照しています（UUID {uuid}）。ファイルが壊れているか、一部だけが書き出されています"
            )));
        }
    }
    let main = b.projects.iter().find(|p| p.uuid == b.project);
    let here_main: Option<(String, String)> = conn
        .query_row(
            "SELECT name, prefecture FROM projects WHERE uuid = ?1",
            [&b.project],
            |r| Ok((r.get(0)?, r.get(1)?)),
        )
        .optional()?;
    if let (Some(p), None) = (main, &here_main) {
        let twin: Option<i64> = conn
            .query_row(
                "SELECT id FROM projects WHERE name = ?1 AND prefecture = ?2 AND uuid <> ?3",
                params![p.data.name, p.data.prefecture, p.uuid],
                |r| r.get(0),
            )
            .optional()?;
        if let Some(id) = twin {
            return Err(refuse(format!(
                "このパソコンには同じ名前の事業「{}」（ID {id}）が、別の事業として既にあります（別のパソコンで別々に登録されたものです）。取り込むと同じ名前の事業が2つになるため、取り込みませんでした。どちらかの事業名を変えてから取り込んでください",
                p.data.name
            )));
        }
    }
    let project_label = main
        .map(|p| format!("{}｜{}", p.data.prefecture, p.data.name))
        .or_else(|| here_main.map(|(n, pref)| format!("{pref}｜{n}")))
        .unwrap_or_default();

    let mut plan = Plan {
        decisions: HashMap::new(),
        adopted: HashMap::new(),
        deletes: Vec::new(),
        summary: ImportSummary {
            kind: b.kind.label().into(),
            project: project_label,
            ..Default::default()
        },
    };
    let note =
        |plan: &mut Plan, table: &str, uuid: &str, d: Decision, there: String| -> Result<()> {
            let s = &mut plan.summary;
            match d {
                Decision::Add => s.added += 1,
                Decision::Update => s.updated += 1,
                Decision::Same | Decision::KeepLocal | Decision::StaysDeleted => s.unchanged += 1,
                Decision::Conflict => s.conflicts.push(Conflict {
                    uuid: uuid.to_owned(),
                    what: what_of(table).into(),
                    here: local_label(conn, table, uuid)?,
                    there,
                }),
            }
            plan.decisions.insert(uuid.to_owned(), d);
            Ok(())
        };
    macro_rules! each {
        ($list:ident, $table:literal, |$d:ident| $label:expr) => {
            for r in &b.$list {
                let mut d = decide(conn, $table, &r.uuid, &r.version, &r.history)?;
                let $d = &r.data;
                let there = format!("{}（更新 {}）", $label, r.updated_at);
                if d == Decision::Add {
                    d = adopt(conn, &mut plan, $table, &r.uuid, &r.data_template())?.unwrap_or(d);
                }
                note(&mut plan, $table, &r.uuid, d, there)?;
            }
        };
    }
    each!(programs, "programs", |d| d.name.clone());
    each!(projects, "projects", |d| d.name.clone());
    each!(members, "members", |d| d.name.clone());
    each!(resources, "resources", |d| d.title.clone());
    each!(stakeholders, "stakeholders", |d| d.name.clone());
    each!(contact_log, "contact_log", |d| format!(
        "{} {}",
        d.contacted_on, d.summary
    ));
    each!(checklist_items, "checklist_items", |d| format!(
        "{}：{}",
        d.text, d.status
    ));
    each!(checklist_history, "checklist_history", |d| format!(
        "{}（{}）",
        d.to_status, d.changed_on
    ));
    each!(strength_items, "strength_items", |d| d.text.clone());
    each!(strength_sessions, "strength_sessions", |d| format!(
        "{}（{}）",
        d.label, d.rated_on
    ));
    each!(meetings, "meetings", |d| format!(
        "{}（{}）",
        d.title, d.held_on
    ));
    each!(tasks, "tasks", |d| d.title.clone());
    each!(plan_steps, "plan_steps", |d| format!(
        "{}年度 {}",
        d.fiscal_year, d.title
    ));
    each!(evaluations, "evaluations", |d| format!(
        "{}（記載 {}）",
        d.kind, d.written_on
    ));
    each!(issues, "issues", |d| format!("{}：{}", d.title, d.status));
    each!(surveys, "surveys", |d| d.title.clone());
    each!(survey_questions, "survey_questions", |d| d.text.clone());
    each!(survey_responses, "survey_responses", |d| format!(
        "回答（{}）",
        d.source
    ));

    let deleted_there: HashSet<&str> = b.tombstones.iter().map(|t| t.uuid.as_str()).collect();
    for t in &b.tombstones {
        let Some(table) = table_of_kind(&t.kind) else {
            continue;
        };
        let local: Option<(i64, String)> = conn
            .query_row(
                &format!("SELECT id, version FROM {table} WHERE uuid = ?1"),
                [&t.uuid],
                |r| Ok((r.get(0)?, r.get(1)?)),
            )
            .optional()?;
        let Some((id, v)) = local else { continue };
        let mut conflicting = !(t.version.as_deref() == Some(v.as_str()) || t.history.contains(&v));
        if table == "meetings" && !conflicting {
            // A meeting keeps the evaluations written here unless those go too.
            let mut st = conn.prepare("SELECT uuid FROM evaluations WHERE meeting_id = ?1")?;
            let evals: Vec<String> = st
                .query_map([id], |r| r.get(0))?
                .collect::<rusqlite::Result<_>>()?;
            conflicting = evals.iter().any(|e| !deleted_there.contains(e.as_str()));
        }
        if conflicting {
            plan.summary.conflicts.push(Conflict {
                uuid: t.uuid.clone(),
                what: what_of(table).into(),
                here: local_label(conn, table, &t.uuid)?,
                there: format!("削除されています（{}）", t.deleted_at),
            });
        } else {
            plan.summary.deleted += 1;
        }
        plan.deletes.push((table, t.uuid.clone(), conflicting));
    }
    plan.summary = std::mem::take(&mut plan.summary).with_sentence();
    Ok(plan)
}

/// The template key of an item that has one (checklist and strength items).
trait TemplateKey {
    fn data_template(&self) -> (Option<&str>, Option<&str>);
}

impl<T: HasTemplate> TemplateKey for Rec<T> {
    fn data_template(&self) -> (Option<&str>, Option<&str>) {
        (Some(self.data.project_uuid()), self.data.template())
    }
}

trait HasTemplate {
    fn project_uuid(&self) -> &str {
        ""
    }
    fn template(&self) -> Option<&str> {
        None
    }
}

impl HasTemplate for ChecklistItemData {
    fn project_uuid(&self) -> &str {
        &self.project
    }
    fn template(&self) -> Option<&str> {
        self.template_key.as_deref()
    }
}

impl HasTemplate for StrengthItemData {
    fn project_uuid(&self) -> &str {
        &self.project
    }
    fn template(&self) -> Option<&str> {
        self.template_key.as_deref()
    }
}

macro_rules! no_template {
    ($($t:ty),*) => { $(impl HasTemplate for $t {})* };
}
no_template!(
    ProgramData,
    ProjectData,
    MemberData,
    ResourceData,
    StakeholderData,
    ContactData,
    ChecklistChangeData,
    StrengthSessionData,
    MeetingData,
    TaskData,
    PlanStepData,
    EvaluationData,
    IssueData,
    SurveyData,
    SurveyQuestionData,
    SurveyResponseData
);

/// A template item (checklist or strength) the file has under another UUID:
/// each PC adds the shipped items to a project by itself. An item never
/// changed here takes the file's identity (an update); one changed here is a
/// conflict. Programs are matched by name.
fn adopt(
    conn: &Connection,
    plan: &mut Plan,
    table: &str,
    uuid: &str,
    (project, key): &(Option<&str>, Option<&str>),
) -> Result<Option<Decision>> {
    let (Some(project), Some(key)) = (project, key) else {
        return Ok(None);
    };
    let local: Option<(i64, String)> = conn
        .query_row(
            &format!(
                "SELECT t.id, t.uuid FROM {table} t JOIN projects p ON p.id = t.project_id
                 WHERE p.uuid = ?1 AND t.template_key = ?2"
            ),
            params![project, key],
            |r| Ok((r.get(0)?, r.get(1)?)),
        )
        .optional()?;
    let Some((id, local_uuid)) = local else {
        return Ok(None);
    };
    let versions: i64 = conn.query_row(
        "SELECT count(*) FROM record_versions WHERE uuid = ?1",
        [&local_uuid],
        |r| r.get(0),
    )?;
    plan.adopted.insert(uuid.to_owned(), id);
    Ok(Some(if versions <= 1 {
        Decision::Update
    } else {
        Decision::Conflict
    }))
}

/// How one record is written.
#[derive(Clone, Copy, PartialEq)]
enum Mode {
    /// A new row (or an overwritten one, when it exists).
    Write,
    /// Kept as it is here; the file's version is remembered as seen, so the
    /// same file asks nothing next time and the other PC takes ours later.
    Remember,
}

fn mode(plan: &Plan, choices: &Choices, uuid: &str) -> Option<Mode> {
    match plan.decisions.get(uuid)? {
        Decision::Add | Decision::Update => Some(Mode::Write),
        Decision::Conflict => match choices.for_record(uuid)? {
            Choice::Take => Some(Mode::Write),
            Choice::Keep => Some(Mode::Remember),
        },
        _ => None,
    }
}

type Values = Vec<Box<dyn rusqlite::ToSql>>;

/// Local id of the record with `uuid` in `table` (or the template item it adopted).
fn id_of(tx: &Transaction, plan: &Plan, table: &str, uuid: &str) -> Result<i64> {
    if let Some(&id) = plan.adopted.get(uuid) {
        return Ok(id);
    }
    tx.query_row(
        &format!("SELECT id FROM {table} WHERE uuid = ?1"),
        [uuid],
        |r| r.get(0),
    )
    .optional()?
    .ok_or_else(|| {
        Error::Validation(vec![FieldError::new(
            "file",
            format!("{}（UUID {uuid}）が見つかりません", what_of(table)),
        )])
    })
}

fn opt_id(
    tx: &Transaction,
    plan: &Plan,
    table: &str,
    uuid: &Option<String>,
) -> Result<Option<i64>> {
    uuid.as_ref().map(|u| id_of(tx, plan, table, u)).transpose()
}

/// Writes one record's row (insert, or update of the row it matches), with
/// its version and history, and returns its local id.
fn write_row<T>(
    tx: &Transaction,
    plan: &Plan,
    table: &str,
    rec: &Rec<T>,
    columns: &[&str],
    values: Values,
) -> Result<i64> {
    let existing: Option<i64> = match plan.adopted.get(&rec.uuid) {
        Some(&id) => Some(id),
        None => tx
            .query_row(
                &format!("SELECT id FROM {table} WHERE uuid = ?1"),
                [&rec.uuid],
                |r| r.get(0),
            )
            .optional()?,
    };
    let mut all: Values = values;
    all.push(Box::new(rec.uuid.clone()));
    all.push(Box::new(rec.version.clone()));
    all.push(Box::new(rec.updated_at.clone()));
    let mut cols: Vec<&str> = columns.to_vec();
    cols.extend(["uuid", "version", "updated_at"]);
    let params: Vec<&dyn rusqlite::ToSql> = all.iter().map(|b| b.as_ref()).collect();
    let id = match existing {
        Some(id) => {
            let sets: Vec<String> = cols
                .iter()
                .enumerate()
                .map(|(i, c)| format!("{c} = ?{}", i + 1))
                .collect();
            let mut p = params.clone();
            p.push(&id);
            tx.execute(
                &format!(
                    "UPDATE {table} SET {} WHERE id = ?{}",
                    sets.join(", "),
                    cols.len() + 1
                ),
                p.as_slice(),
            )?;
            id
        }
        None => {
            let marks: Vec<String> = (1..=cols.len()).map(|i| format!("?{i}")).collect();
            let extra = match table {
                "projects" | "members" | "stakeholders" | "meetings" | "tasks" | "evaluations"
                | "issues" | "surveys" | "survey_questions" | "survey_responses" => ", created_at",
                "resources" | "strength_sessions" => ", created_at",
                "checklist_history" | "contact_log" => ", recorded_at",
                _ => "",
            };
            let extra_mark = if extra.is_empty() {
                String::new()
            } else {
                format!(", ?{}", cols.len())
            };
            tx.execute(
                &format!(
                    "INSERT INTO {table} ({}{extra}) VALUES ({}{extra_mark})",
                    cols.join(", "),
                    marks.join(", ")
                ),
                params.as_slice(),
            )?;
            tx.last_insert_rowid()
        }
    };
    remember(tx, rec)?;
    Ok(id)
}

/// Records the file's version and its history as seen on this PC.
fn remember<T>(tx: &Transaction, rec: &Rec<T>) -> Result<()> {
    let mut st =
        tx.prepare_cached("INSERT OR IGNORE INTO record_versions (uuid, version) VALUES (?1, ?2)")?;
    st.execute(params![rec.uuid, rec.version])?;
    for v in &rec.history {
        st.execute(params![rec.uuid, v])?;
    }
    Ok(())
}

fn replace_links(
    tx: &Transaction,
    table: &str,
    owner: &str,
    id: i64,
    other: &str,
    ids: &[i64],
) -> Result<()> {
    tx.execute(&format!("DELETE FROM {table} WHERE {owner} = ?1"), [id])?;
    for o in ids {
        tx.execute(
            &format!("INSERT OR IGNORE INTO {table} ({owner}, {other}) VALUES (?1, ?2)"),
            params![id, o],
        )?;
    }
    Ok(())
}

fn ids(tx: &Transaction, plan: &Plan, table: &str, uuids: &[String]) -> Result<Vec<i64>> {
    uuids.iter().map(|u| id_of(tx, plan, table, u)).collect()
}

fn b<T: rusqlite::ToSql + 'static>(v: T) -> Box<dyn rusqlite::ToSql> {
    Box::new(v)
}

fn apply(tx: &Transaction, bundle: &Bundle, plan: &Plan, choices: &Choices) -> Result<()> {
    macro_rules! each {
        ($list:ident, |$r:ident| $write:block) => {
            for $r in &bundle.$list {
                match mode(plan, choices, &$r.uuid) {
                    Some(Mode::Write) => $write,
                    Some(Mode::Remember) => remember(tx, $r)?,
                    None => {}
                }
            }
        };
    }
    each!(programs, |r| {
        // Programs are names: one of the same name here is the same program.
        let same: Option<i64> = tx
            .query_row(
                "SELECT id FROM programs WHERE name = ?1 AND uuid <> ?2",
                params![r.data.name, r.uuid],
                |x| x.get(0),
            )
            .optional()?;
        if same.is_none() {
            write_row(
                tx,
                plan,
                "programs",
                r,
                &["name"],
                vec![b(r.data.name.clone())],
            )?;
        }
    });
    each!(projects, |r| {
        let d = &r.data;
        let program = match &d.program {
            None => None,
            Some(u) => match tx
                .query_row("SELECT id FROM programs WHERE uuid = ?1", [u], |x| {
                    x.get::<_, i64>(0)
                })
                .optional()?
            {
                Some(id) => Some(id),
                None => {
                    let name = bundle
                        .programs
                        .iter()
                        .find(|g| &g.uuid == u)
                        .map(|g| g.data.name.clone());
                    tx.query_row("SELECT id FROM programs WHERE name = ?1", [name], |x| {
                        x.get(0)
                    })
                    .optional()?
                }
            },
        };
        write_row(
            tx,
            plan,
            "projects",
            r,
            &[
                "name",
                "program_id",
                "prefecture",
                "profession",
                "theme",
                "target",
                "start_date",
                "end_date",
                "goal",
                "phase",
                "strength_scale",
            ],
            vec![
                b(d.name.clone()),
                b(program),
                b(d.prefecture.clone()),
                b(d.profession.clone()),
                b(d.theme.clone()),
                b(d.target.clone()),
                b(d.start_date.clone()),
                b(d.end_date.clone()),
                b(d.goal.clone()),
                b(d.phase),
                b(d.strength_scale
                    .as_ref()
                    .map(|s| serde_json::to_string(s).expect("strings serialise"))),
            ],
        )?;
    });
    each!(members, |r| {
        let d = &r.data;
        let retired: Option<String> = if d.retired {
            Some(r.updated_at.clone())
        } else {
            None
        };
        let keep_retired: Option<String> = tx
            .query_row(
                "SELECT retired_at FROM members WHERE uuid = ?1",
                [&r.uuid],
                |x| x.get(0),
            )
            .optional()?
            .flatten();
        write_row(
            tx,
            plan,
            "members",
            r,
            &[
                "project_id",
                "name",
                "role",
                "affiliation",
                "email",
                "retired_at",
            ],
            vec![
                b(id_of(tx, plan, "projects", &d.project)?),
                b(d.name.clone()),
                b(d.role.clone()),
                b(d.affiliation.clone()),
                b(d.email.clone()),
                b(if d.retired {
                    keep_retired.or(retired)
                } else {
                    None
                }),
            ],
        )?;
    });
    let in_bundle: HashSet<&str> = bundle.projects.iter().map(|p| p.uuid.as_str()).collect();
    each!(resources, |r| {
        let d = &r.data;
        let id = write_row(
            tx,
            plan,
            "resources",
            r,
            &[
                "title",
                "url",
                "file_path",
                "category",
                "provided_by",
                "provided_on",
                "note",
            ],
            vec![
                b(d.title.clone()),
                b(d.url.clone()),
                b(d.file_path.clone()),
                b(d.category.clone()),
                b(d.provided_by.clone()),
                b(d.provided_on.clone()),
                b(d.note.clone()),
            ],
        )?;
        // Links to projects the file speaks for are replaced; others stay.
        let mut st = tx.prepare("SELECT p.uuid FROM resource_projects l JOIN projects p ON p.id = l.project_id WHERE l.resource_id = ?1")?;
        let here: Vec<String> = st
            .query_map([id], |x| x.get(0))?
            .collect::<rusqlite::Result<_>>()?;
        let mut keep: Vec<String> = here
            .into_iter()
            .filter(|u| !in_bundle.contains(u.as_str()))
            .collect();
        keep.extend(d.projects.iter().cloned());
        let linked = ids(tx, plan, "projects", &keep)?;
        replace_links(
            tx,
            "resource_projects",
            "resource_id",
            id,
            "project_id",
            &linked,
        )?;
    });
    each!(stakeholders, |r| {
        let d = &r.data;
        let id = write_row(
            tx,
            plan,
            "stakeholders",
            r,
            &["project_id", "name", "kind", "state", "note"],
            vec![
                b(id_of(tx, plan, "projects", &d.project)?),
                b(d.name.clone()),
                b(d.kind.clone()),
                b(d.state.clone()),
                b(d.note.clone()),
            ],
        )?;
        tx.execute(
            "DELETE FROM stakeholder_contacts WHERE stakeholder_id = ?1",
            [id],
        )?;
        for (i, c) in d.contacts.iter().enumerate() {
            tx.execute("INSERT INTO stakeholder_contacts (stakeholder_id, position, name, title, contact) VALUES (?1, ?2, ?3, ?4, ?5)",
                params![id, i as i64, c.name, c.title, c.contact])?;
        }
    });
    each!(contact_log, |r| {
        let d = &r.data;
        write_row(
            tx,
            plan,
            "contact_log",
            r,
            &["stakeholder_id", "contacted_on", "summary", "new_state"],
            vec![
                b(id_of(tx, plan, "stakeholders", &d.stakeholder)?),
                b(d.contacted_on.clone()),
                b(d.summary.clone()),
                b(d.new_state.clone()),
            ],
        )?;
    });
    each!(checklist_items, |r| {
        let d = &r.data;
        let id = write_row(
            tx,
            plan,
            "checklist_items",
            r,
            &[
                "project_id",
                "side",
                "template_key",
                "position",
                "text",
                "status",
                "owner_id",
                "due_date",
                "note",
            ],
            vec![
                b(id_of(tx, plan, "projects", &d.project)?),
                b(d.side.clone()),
                b(d.template_key.clone()),
                b(d.position),
                b(d.text.clone()),
                b(d.status.clone()),
                b(opt_id(tx, plan, "members", &d.owner)?),
                b(d.due_date.clone()),
                b(d.note.clone()),
            ],
        )?;
        let s = ids(tx, plan, "stakeholders", &d.stakeholders)?;
        replace_links(
            tx,
            "checklist_stakeholders",
            "item_id",
            id,
            "stakeholder_id",
            &s,
        )?;
        let x = ids(tx, plan, "resources", &d.resources)?;
        replace_links(tx, "checklist_resources", "item_id", id, "resource_id", &x)?;
    });
    each!(checklist_history, |r| {
        let d = &r.data;
        write_row(
            tx,
            plan,
            "checklist_history",
            r,
            &[
                "item_id",
                "changed_on",
                "changed_by",
                "from_status",
                "to_status",
            ],
            vec![
                b(id_of(tx, plan, "checklist_items", &d.item)?),
                b(d.changed_on.clone()),
                b(d.changed_by.clone()),
                b(d.from_status.clone()),
                b(d.to_status.clone()),
            ],
        )?;
    });
    each!(strength_items, |r| {
        let d = &r.data;
        write_row(
            tx,
            plan,
            "strength_items",
            r,
            &[
                "project_id",
                "template_key",
                "grp",
                "axis",
                "barrier",
                "text",
                "hidden",
                "position",
            ],
            vec![
                b(id_of(tx, plan, "projects", &d.project)?),
                b(d.template_key.clone()),
                b(d.group.clone()),
                b(d.axis.clone()),
                b(d.barrier.clone()),
                b(d.text.clone()),
                b(d.hidden),
                b(d.position),
            ],
        )?;
    });
    each!(strength_sessions, |r| {
        let d = &r.data;
        let id = write_row(
            tx,
            plan,
            "strength_sessions",
            r,
            &["project_id", "label", "rated_on"],
            vec![
                b(id_of(tx, plan, "projects", &d.project)?),
                b(d.label.clone()),
                b(d.rated_on.clone()),
            ],
        )?;
        tx.execute("DELETE FROM strength_ratings WHERE session_id = ?1", [id])?;
        for x in &d.ratings {
            tx.execute("INSERT OR REPLACE INTO strength_ratings (session_id, item_id, score, note) VALUES (?1, ?2, ?3, ?4)",
                params![id, id_of(tx, plan, "strength_items", &x.item)?, x.score, x.note])?;
        }
    });
    let request = bundle.kind == BundleKind::EvaluationRequest;
    each!(meetings, |r| {
        let d = &r.data;
        let new = tx
            .query_row("SELECT 1 FROM meetings WHERE uuid = ?1", [&r.uuid], |_| {
                Ok(())
            })
            .optional()?
            .is_none();
        let id = write_row(
            tx,
            plan,
            "meetings",
            r,
            &[
                "kind",
                "number",
                "title",
                "held_on",
                "start_time",
                "end_time",
                "format",
                "agenda",
                "minutes",
                "decisions",
                "guests",
            ],
            vec![
                b(d.kind.clone()),
                b(d.number),
                b(d.title.clone()),
                b(d.held_on.clone()),
                b(d.start_time.clone()),
                b(d.end_time.clone()),
                b(d.format.clone()),
                b(d.agenda.clone()),
                b(d.minutes.clone()),
                b(d.decisions.clone()),
                b(d.guests.clone()),
            ],
        )?;
        if request && new {
            // The team keeps the meeting; this copy is for evaluating it.
            tx.execute("UPDATE meetings SET read_only = 1 WHERE id = ?1", [id])?;
        }
        let p = ids(tx, plan, "projects", &d.projects)?;
        replace_links(tx, "meeting_projects", "meeting_id", id, "project_id", &p)?;
        let m = ids(tx, plan, "members", &d.participants)?;
        replace_links(
            tx,
            "meeting_participants",
            "meeting_id",
            id,
            "member_id",
            &m,
        )?;
        if bundle.kind == BundleKind::Project {
            let x = ids(tx, plan, "resources", &d.resources)?;
            replace_links(tx, "meeting_resources", "meeting_id", id, "resource_id", &x)?;
        }
    });
    each!(tasks, |r| {
        let d = &r.data;
        write_row(
            tx,
            plan,
            "tasks",
            r,
            &[
                "project_id",
                "title",
                "owner_id",
                "due_date",
                "status",
                "phase",
                "meeting_id",
                "milestone",
                "note",
            ],
            vec![
                b(id_of(tx, plan, "projects", &d.project)?),
                b(d.title.clone()),
                b(opt_id(tx, plan, "members", &d.owner)?),
                b(d.due_date.clone()),
                b(d.status.clone()),
                b(d.phase),
                b(opt_id(tx, plan, "meetings", &d.meeting)?),
                b(d.milestone),
                b(d.note.clone()),
            ],
        )?;
    });
    each!(plan_steps, |r| {
        let d = &r.data;
        let project = id_of(tx, plan, "projects", &d.project)?;
        // One step per 年度: a step of the same year made here gives way to the file's.
        tx.execute(
            "DELETE FROM plan_steps WHERE project_id = ?1 AND fiscal_year = ?2 AND uuid <> ?3",
            params![project, d.fiscal_year, r.uuid],
        )?;
        write_row(
            tx,
            plan,
            "plan_steps",
            r,
            &["project_id", "fiscal_year", "title", "note"],
            vec![
                b(project),
                b(d.fiscal_year),
                b(d.title.clone()),
                b(d.note.clone()),
            ],
        )?;
    });
    each!(evaluations, |r| {
        let d = &r.data;
        let id = write_row(
            tx,
            plan,
            "evaluations",
            r,
            &["meeting_id", "kind", "evaluator_id", "written_on"],
            vec![
                b(id_of(tx, plan, "meetings", &d.meeting)?),
                b(d.kind.clone()),
                b(opt_id(tx, plan, "members", &d.evaluator)?),
                b(d.written_on.clone()),
            ],
        )?;
        tx.execute(
            "DELETE FROM evaluation_items WHERE evaluation_id = ?1",
            [id],
        )?;
        for (i, item) in ["A", "B", "C", "D"].iter().enumerate() {
            tx.execute("INSERT INTO evaluation_items (evaluation_id, item, score, comment) VALUES (?1, ?2, ?3, ?4)",
                params![id, item, d.scores[i], d.comments[i]])?;
        }
        super::text::tokenize_evaluation(tx, id)?;
    });
    each!(issues, |r| {
        let d = &r.data;
        write_row(
            tx,
            plan,
            "issues",
            r,
            &[
                "project_id",
                "meeting_id",
                "kind",
                "title",
                "detail",
                "status",
                "response",
                "raised_on",
                "settled_on",
                "position",
            ],
            vec![
                b(id_of(tx, plan, "projects", &d.project)?),
                b(opt_id(tx, plan, "meetings", &d.meeting)?),
                b(d.kind.clone()),
                b(d.title.clone()),
                b(d.detail.clone()),
                b(d.status.clone()),
                b(d.response.clone()),
                b(d.raised_on.clone()),
                b(d.settled_on.clone()),
                b(d.position),
            ],
        )?;
    });
    each!(surveys, |r| {
        let d = &r.data;
        write_row(
            tx,
            plan,
            "surveys",
            r,
            &[
                "project_id",
                "meeting_id",
                "title",
                "template_key",
                "description",
                "participants",
            ],
            vec![
                b(id_of(tx, plan, "projects", &d.project)?),
                b(opt_id(tx, plan, "meetings", &d.meeting)?),
                b(d.title.clone()),
                b(d.template_key.clone()),
                b(d.description.clone()),
                b(d.participants),
            ],
        )?;
    });
    each!(survey_questions, |r| {
        let d = &r.data;
        write_row(
            tx,
            plan,
            "survey_questions",
            r,
            &[
                "survey_id",
                "position",
                "section",
                "kind",
                "text",
                "required",
                "options",
                "rows",
            ],
            vec![
                b(id_of(tx, plan, "surveys", &d.survey)?),
                b(d.position),
                b(d.section.clone()),
                b(d.kind.clone()),
                b(d.text.clone()),
                b(d.required),
                b(serde_json::to_string(&d.options).expect("strings")),
                b(serde_json::to_string(&d.rows).expect("strings")),
            ],
        )?;
    });
    each!(survey_responses, |r| {
        let d = &r.data;
        let survey = id_of(tx, plan, "surveys", &d.survey)?;
        let id = write_row(
            tx,
            plan,
            "survey_responses",
            r,
            &["survey_id", "source", "answered_on"],
            vec![b(survey), b(d.source.clone()), b(d.answered_on.clone())],
        )?;
        tx.execute("DELETE FROM survey_answers WHERE response_id = ?1", [id])?;
        // Each answer must fit its question as this PC has it, or nothing is taken in.
        let questions = super::survey::questions_of(tx, survey)?;
        let title: String =
            tx.query_row("SELECT title FROM surveys WHERE id = ?1", [survey], |x| {
                x.get(0)
            })?;
        for a in &d.answers {
            let qid = id_of(tx, plan, "survey_questions", &a.question)?;
            let q = questions.iter().find(|q| q.id == qid).ok_or_else(|| {
                Error::Validation(vec![FieldError::new(
                    "file",
                    "アンケートの回答が、別のアンケートの質問を指しています",
                )])
            })?;
            if let Some(why) = q.refuse(&a.answer) {
                return Err(Error::Validation(vec![FieldError::new(
                    "file",
                    format!("アンケート「{title}」の回答：{why}"),
                )]));
            }
            tx.execute(
                "INSERT INTO survey_answers (response_id, question_id, value) VALUES (?1, ?2, ?3)",
                params![
                    id,
                    q.id,
                    serde_json::to_string(&a.answer).expect("an answer")
                ],
            )?;
        }
    });
    // Checklist items cite meetings, which are written after them.
    for r in &bundle.checklist_items {
        if mode(plan, choices, &r.uuid) == Some(Mode::Write) {
            let id = id_of(tx, plan, "checklist_items", &r.uuid)?;
            let m = ids(tx, plan, "meetings", &r.data.meetings)?;
            replace_links(tx, "checklist_meetings", "item_id", id, "meeting_id", &m)?;
        }
    }
    // Deletions, children before their parents.
    let mut deletes = plan.deletes.clone();
    deletes.sort_by_key(|(table, _, _)| {
        std::cmp::Reverse(TABLES.iter().position(|(t, _)| t == table))
    });
    for (table, uuid, conflicting) in deletes {
        let go = !conflicting || choices.for_record(&uuid) == Some(Choice::Take);
        if !go {
            continue;
        }
        if table == "meetings" {
            tx.execute("DELETE FROM evaluations WHERE meeting_id = (SELECT id FROM meetings WHERE uuid = ?1)", [&uuid])?;
        }
        tx.execute(&format!("DELETE FROM {table} WHERE uuid = ?1"), [&uuid])?;
    }
    Ok(())
}

impl Store {
    /// What importing `bundle` would do; nothing is written.
    pub fn preview_import(&self, bundle: &Bundle) -> Result<ImportSummary> {
        Ok(plan(self.conn(), bundle)?.summary)
    }

    /// Merges `bundle` into this database in one transaction, after a backup.
    /// Every conflict needs an answer in `choices` first; importing the same
    /// file again changes nothing.
    pub fn import_bundle(&mut self, bundle: &Bundle, choices: &Choices) -> Result<ImportSummary> {
        let preview = self.preview_import(bundle)?;
        let open = preview
            .conflicts
            .iter()
            .filter(|c| choices.for_record(&c.uuid).is_none())
            .count();
        if open > 0 {
            return Err(Error::Validation(vec![FieldError::new(
                "choices",
                format!(
                    "両方のパソコンで変更された記録が{open}件あります。それぞれ「こちらを残す」か「相手を採用」を選んでから取り込んでください"
                ),
            )]));
        }
        let writes =
            preview.added + preview.updated + preview.deleted + preview.conflicts.len() as u32;
        if writes > 0 {
            self.backup_now(backup::Reason::Import)?;
            self.write(|tx| {
                let p = plan(tx, bundle)?;
                apply(tx, bundle, &p, choices)?;
                // Supporters who follow several teams are one person at the
                // secretariat too.
                for r in &bundle.projects {
                    let id: Option<i64> = tx
                        .query_row("SELECT id FROM projects WHERE uuid = ?1", [&r.uuid], |x| {
                            x.get(0)
                        })
                        .optional()?;
                    if let Some(id) = id {
                        super::program::link_people(tx, id)?;
                    }
                }
                Ok(())
            })?;
            // A project that arrived without its checklist and strength items
            // (an evaluation request) gets the shipped ones, as any project does.
            self.write(super::add_template_items)?;
        }
        if bundle.kind == BundleKind::Project {
            // The dashboard's 「最後に取り込んだファイル」: when the team made its
            // latest bundle (an older file taken in later does not turn it back).
            let made = chrono::DateTime::parse_from_rfc3339(&bundle.exported_at)
                .map(|d| {
                    d.with_timezone(&chrono::Local)
                        .to_rfc3339_opts(chrono::SecondsFormat::Secs, false)
                })
                .unwrap_or_else(|_| super::now());
            self.write(|tx| {
                tx.execute(
                    "UPDATE projects SET bundle_imported_at = ?2 WHERE uuid = ?1
                       AND (bundle_imported_at IS NULL OR bundle_imported_at < ?2)",
                    params![bundle.project, made],
                )?;
                Ok(())
            })?;
        }
        Ok(ImportSummary {
            applied: true,
            ..preview
        })
    }
}

impl Store {
    /// The UUID of a record, by table and local id.
    pub fn record_uuid(&self, table: &str, id: i64) -> Result<String> {
        check_table(table)?;
        Ok(self.conn().query_row(
            &format!("SELECT uuid FROM {table} WHERE id = ?1"),
            [id],
            |r| r.get(0),
        )?)
    }

    /// True when a record with `uuid` exists in `table`.
    pub fn has_record(&self, table: &str, uuid: &str) -> Result<bool> {
        check_table(table)?;
        Ok(self
            .conn()
            .query_row(
                &format!("SELECT 1 FROM {table} WHERE uuid = ?1"),
                [uuid],
                |_| Ok(()),
            )
            .optional()?
            .is_some())
    }

    /// Adds evaluations under UUIDs the caller chose (rows from a CSV), in one
    /// transaction: all of them or none.
    pub fn insert_evaluations_with_uuids(
        &mut self,
        forms: &[(String, crate::model::evaluation::EvaluationDraft)],
    ) -> Result<()> {
        self.write(|tx| {
            for (uuid, d) in forms {
                let id = super::evaluation::insert(tx, d)?;
                tx.execute(
                    "UPDATE evaluations SET uuid = ?2 WHERE id = ?1",
                    params![id, uuid],
                )?;
                tx.execute(
                    "INSERT OR IGNORE INTO record_versions (uuid, version)
                     SELECT uuid, version FROM evaluations WHERE id = ?1",
                    [id],
                )?;
            }
            Ok(())
        })
    }
}

fn check_table(table: &str) -> Result<()> {
    if TABLES.iter().any(|(t, _)| *t == table) {
        Ok(())
    } else {
        Err(Error::NotFound {
            what: "記録の種類",
            key: table.to_owned(),
        })
    }
}
