//! アンケート: surveys, their questions and answer sheets.

use super::{backup, now, Store};
use crate::error::{Error, FieldError, Result};
use crate::model::survey::{
    templates, Answer, Question, QuestionInput, Response, ResponseAnswer, ResponseInput, Survey,
    SurveyInput, SurveyTemplate, ValidQuestion, ValidResponse, ValidSurvey,
};
use crate::wareki;
use rusqlite::{params, Connection, OptionalExtension, Transaction};

fn refuse(field: &str, message: impl Into<String>) -> Error {
    Error::Validation(vec![FieldError::new(field, message.into())])
}

/// A survey's questions as they are now (an import checks answers against them).
pub(crate) fn questions_of(conn: &Connection, survey_id: i64) -> Result<Vec<Question>> {
    questions(conn, survey_id)
}

fn questions(conn: &Connection, survey_id: i64) -> Result<Vec<Question>> {
    let mut st = conn.prepare_cached(
        "SELECT q.id, q.section, q.kind, q.text, q.required, q.options, q.rows,
                (SELECT count(*) FROM survey_answers a WHERE a.question_id = q.id)
         FROM survey_questions q WHERE q.survey_id = ?1 ORDER BY q.position, q.id",
    )?;
    let rows = st.query_map([survey_id], |r| {
        Ok((
            r.get::<_, i64>(0)?,
            r.get::<_, String>(1)?,
            r.get(2)?,
            r.get::<_, String>(3)?,
            r.get::<_, bool>(4)?,
            r.get::<_, String>(5)?,
            r.get::<_, String>(6)?,
            r.get::<_, u32>(7)?,
        ))
    })?;
    let mut out = Vec::new();
    for (i, row) in rows.enumerate() {
        let (id, section, kind, text, required, options, rows, answers) = row?;
        out.push(Question {
            id,
            number: i as u32 + 1,
            section,
            kind,
            text,
            required,
            options: serde_json::from_str(&options).unwrap_or_default(),
            rows: serde_json::from_str(&rows).unwrap_or_default(),
            answers,
        });
    }
    Ok(out)
}

const SELECT: &str =
    "SELECT s.id, s.program_id, s.project_id, s.meeting_id, s.title, s.template_key,
        s.description, s.participants,
        (SELECT count(*) FROM survey_responses r WHERE r.survey_id = s.id),
        m.title, m.held_on,
        coalesce(g.name, p.prefecture || CASE p.profession WHEN 'PT' THEN '理学療法士会'
                 WHEN 'OT' THEN '作業療法士会' WHEN 'ST' THEN '言語聴覚士会' ELSE '士会' END)
     FROM surveys s LEFT JOIN meetings m ON m.id = s.meeting_id
     LEFT JOIN programs g ON g.id = s.program_id LEFT JOIN projects p ON p.id = s.project_id";

fn load(conn: &Connection, where_sql: &str, key: i64) -> Result<Vec<Survey>> {
    let mut st = conn.prepare(&format!("{SELECT} WHERE {where_sql} ORDER BY s.id"))?;
    let heads: Vec<_> = st
        .query_map([key], |r| {
            let meeting = match (
                r.get::<_, Option<String>>(9)?,
                r.get::<_, Option<chrono::NaiveDate>>(10)?,
            ) {
                (Some(t), Some(d)) => Some(format!("{t}（{}）", wareki::date_wareki(d))),
                _ => None,
            };
            Ok(Survey {
                id: r.get(0)?,
                program_id: r.get(1)?,
                project_id: r.get(2)?,
                meeting_id: r.get(3)?,
                title: r.get(4)?,
                template_key: r.get(5)?,
                description: r.get(6)?,
                participants: r.get(7)?,
                responses: r.get(8)?,
                meeting,
                owner: r.get(11)?,
                questions: Vec::new(),
            })
        })?
        .collect::<rusqlite::Result<_>>()?;
    heads
        .into_iter()
        .map(|mut s: Survey| {
            s.questions = questions(conn, s.id)?;
            Ok(s)
        })
        .collect()
}

fn get(conn: &Connection, id: i64) -> Result<Survey> {
    load(conn, "s.id = ?1", id)?
        .pop()
        .ok_or_else(|| Error::not_found("アンケート", id))
}

/// The meeting must be the owner's: the program's own meeting, or one of the project's.
fn check_meeting(
    tx: &Transaction,
    program_id: Option<i64>,
    project_id: Option<i64>,
    meeting_id: i64,
) -> Result<()> {
    let ok = match (program_id, project_id) {
        (Some(g), _) => tx
            .query_row(
                "SELECT 1 FROM meetings WHERE id = ?1 AND program_id = ?2",
                params![meeting_id, g],
                |_| Ok(()),
            )
            .optional()?,
        (_, Some(p)) => tx
            .query_row(
                "SELECT 1 FROM meeting_projects WHERE meeting_id = ?1 AND project_id = ?2",
                params![meeting_id, p],
                |_| Ok(()),
            )
            .optional()?,
        _ => None,
    };
    ok.ok_or_else(|| {
        refuse(
            "meeting_id",
            format!("会議（ID {meeting_id}）はこのアンケートの事業の会議にありません"),
        )
    })
}

fn insert_question(
    tx: &Transaction,
    survey_id: i64,
    position: i64,
    q: &ValidQuestion,
) -> Result<i64> {
    tx.execute(
        "INSERT INTO survey_questions (survey_id, position, section, kind, text, required, options, rows, created_at)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)",
        params![
            survey_id,
            position,
            q.section,
            q.kind,
            q.text,
            q.required,
            serde_json::to_string(&q.options).expect("strings"),
            serde_json::to_string(&q.rows).expect("strings"),
            now()
        ],
    )?;
    Ok(tx.last_insert_rowid())
}

/// A new survey, with the template's questions when there is one.
pub(crate) fn insert_survey(
    tx: &Transaction,
    program_id: Option<i64>,
    project_id: Option<i64>,
    d: &ValidSurvey,
    template: Option<&SurveyTemplate>,
) -> Result<i64> {
    if let Some(m) = d.meeting_id {
        check_meeting(tx, program_id, project_id, m)?;
    }
    tx.execute(
        "INSERT INTO surveys (program_id, project_id, meeting_id, title, template_key, description, participants, created_at)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)",
        params![
            program_id,
            project_id,
            d.meeting_id,
            d.title,
            template.map(|t| t.key.as_str()),
            d.description,
            d.participants,
            now()
        ],
    )?;
    let id = tx.last_insert_rowid();
    for (i, q) in template.iter().flat_map(|t| &t.questions).enumerate() {
        insert_question(tx, id, i as i64 + 1, q)?;
    }
    Ok(id)
}

/// Writes one answer sheet (a new one when `id` is None).
pub(crate) fn put_response(
    tx: &Transaction,
    survey_id: i64,
    id: Option<i64>,
    d: &ValidResponse,
) -> Result<i64> {
    let id = match id {
        Some(id) => {
            tx.execute(
                "UPDATE survey_responses SET source = ?2, answered_on = ?3, updated_at = ?4 WHERE id = ?1",
                params![id, d.source, d.answered_on, now()],
            )?;
            tx.execute("DELETE FROM survey_answers WHERE response_id = ?1", [id])?;
            id
        }
        None => {
            tx.execute(
                "INSERT INTO survey_responses (survey_id, source, answered_on, created_at)
                 VALUES (?1, ?2, ?3, ?4)",
                params![survey_id, d.source, d.answered_on, now()],
            )?;
            tx.last_insert_rowid()
        }
    };
    let mut st = tx.prepare_cached(
        "INSERT INTO survey_answers (response_id, question_id, value) VALUES (?1, ?2, ?3)",
    )?;
    for (q, a) in &d.answers {
        st.execute(params![id, q, serde_json::to_string(a).expect("an answer")])?;
    }
    Ok(id)
}

/// The survey's sheets, or (`only`) one of them, numbered in the order recorded.
fn responses_of(conn: &Connection, survey_id: i64, only: Option<i64>) -> Result<Vec<Response>> {
    let mut st = conn.prepare_cached(
        "SELECT r.id, r.source, r.answered_on, a.question_id, a.value
         FROM survey_responses r LEFT JOIN survey_answers a ON a.response_id = r.id
         WHERE r.survey_id = ?1 AND (?2 IS NULL OR r.id = ?2) ORDER BY r.id, a.question_id",
    )?;
    let before: u32 = match only {
        Some(id) => conn.query_row(
            "SELECT count(*) FROM survey_responses WHERE survey_id = ?1 AND id < ?2",
            params![survey_id, id],
            |r| r.get(0),
        )?,
        None => 0,
    };
    let mut rows = st.query(params![survey_id, only])?;
    let mut out: Vec<Response> = Vec::new();
    while let Some(r) = rows.next()? {
        let id: i64 = r.get(0)?;
        if out.last().map(|x| x.id) != Some(id) {
            out.push(Response {
                id,
                number: before + out.len() as u32 + 1,
                source: r.get(1)?,
                answered_on: r.get(2)?,
                answers: Vec::new(),
            });
        }
        if let (Some(q), Some(v)) = (r.get::<_, Option<i64>>(3)?, r.get::<_, Option<String>>(4)?) {
            // A value this build cannot read is left out rather than shown wrong.
            if let Ok(answer) = serde_json::from_str::<Answer>(&v) {
                out.last_mut()
                    .expect("pushed")
                    .answers
                    .push(ResponseAnswer {
                        question_id: q,
                        answer,
                    });
            }
        }
    }
    Ok(out)
}

fn survey_of_response(conn: &Connection, id: i64) -> Result<i64> {
    conn.query_row(
        "SELECT survey_id FROM survey_responses WHERE id = ?1",
        [id],
        |r| r.get(0),
    )
    .optional()?
    .ok_or_else(|| Error::not_found("回答", id))
}

fn survey_of_question(conn: &Connection, id: i64) -> Result<i64> {
    conn.query_row(
        "SELECT survey_id FROM survey_questions WHERE id = ?1",
        [id],
        |r| r.get(0),
    )
    .optional()?
    .ok_or_else(|| Error::not_found("質問", id))
}

impl Store {
    /// Every survey, oldest first.
    pub fn surveys(&self) -> Result<Vec<Survey>> {
        load(self.conn(), "?1 = ?1", 0)
    }

    pub fn survey(&self, id: i64) -> Result<Survey> {
        get(self.conn(), id)
    }

    /// What a CLI user types: an ID or a part of the title.
    pub fn resolve_survey(&self, query: &str) -> Result<Survey> {
        let q = query.trim();
        if let Ok(id) = q.parse::<i64>() {
            return self.survey(id);
        }
        let found: Vec<Survey> = self
            .surveys()?
            .into_iter()
            .filter(|s| !q.is_empty() && s.title.contains(q))
            .collect();
        match found.len() {
            1 => Ok(found.into_iter().next().expect("one")),
            0 => Err(Error::NotFound {
                what: "アンケート",
                key: q.to_owned(),
            }),
            _ => Err(Error::Ambiguous {
                query: q.to_owned(),
                candidates: found
                    .iter()
                    .map(|s| format!("{}（ID {}）", s.title, s.id))
                    .collect(),
            }),
        }
    }

    /// A survey of a program or of a project (exactly one), from a template's
    /// questions or empty.
    pub fn create_survey(
        &mut self,
        program_id: Option<i64>,
        project_id: Option<i64>,
        input: &SurveyInput,
        template: Option<&str>,
    ) -> Result<Survey> {
        let d = input.validate()?;
        let template = match template.filter(|t| !t.is_empty()) {
            None => None,
            Some(key) => Some(
                templates()
                    .iter()
                    .find(|t| t.key == key)
                    .ok_or_else(|| refuse("template", format!("ひな形「{key}」はありません")))?,
            ),
        };
        match (program_id, project_id) {
            (Some(g), None) => {
                self.program(g)?;
            }
            (None, Some(p)) => {
                self.project(p)?;
            }
            _ => {
                return Err(refuse(
                    "owner",
                    "アンケートは事業全体かチームの事業のどちらかに作ります",
                ))
            }
        }
        let id = self.write(|tx| insert_survey(tx, program_id, project_id, &d, template))?;
        self.survey(id)
    }

    pub fn update_survey(&mut self, id: i64, input: &SurveyInput) -> Result<Survey> {
        let d = input.validate()?;
        let s = self.survey(id)?;
        self.write(|tx| {
            if let Some(m) = d.meeting_id {
                check_meeting(tx, s.program_id, s.project_id, m)?;
            }
            tx.execute(
                "UPDATE surveys SET title = ?2, description = ?3, participants = ?4, meeting_id = ?5,
                    updated_at = ?6 WHERE id = ?1",
                params![id, d.title, d.description, d.participants, d.meeting_id, now()],
            )?;
            Ok(())
        })?;
        self.survey(id)
    }

    /// Deletes a survey with its questions and answers (after a backup when
    /// it holds answers).
    pub fn delete_survey(&mut self, id: i64) -> Result<()> {
        let s = self.survey(id)?;
        if s.responses > 0 {
            self.backup_now(backup::Reason::Delete)?;
        }
        self.write(|tx| {
            tx.execute("DELETE FROM surveys WHERE id = ?1", [id])?;
            Ok(())
        })
    }

    pub fn add_question(&mut self, survey_id: i64, input: &QuestionInput) -> Result<Survey> {
        let d = input.validate()?;
        self.survey(survey_id)?;
        self.write(|tx| {
            let last: i64 = tx.query_row(
                "SELECT coalesce(max(position), 0) FROM survey_questions WHERE survey_id = ?1",
                [survey_id],
                |r| r.get(0),
            )?;
            insert_question(tx, survey_id, last + 1, &d)?;
            tx.execute(
                "UPDATE surveys SET updated_at = ?2 WHERE id = ?1",
                params![survey_id, now()],
            )?;
            Ok(())
        })?;
        self.survey(survey_id)
    }

    /// Edits a question. Once answered, its kind stays and no choice or row
    /// is taken away (the answers point at them by position); wording may change.
    pub fn update_question(&mut self, id: i64, input: &QuestionInput) -> Result<Survey> {
        let d = input.validate()?;
        let survey_id = survey_of_question(self.conn(), id)?;
        let s = self.survey(survey_id)?;
        let q = s.question(id).expect("of this survey");
        if q.answers > 0 {
            if d.kind != q.kind {
                return Err(refuse(
                    "kind",
                    format!(
                        "{}には回答が{}件あるため、種類は変えられません",
                        q.label(),
                        q.answers
                    ),
                ));
            }
            if d.options.len() < q.options.len() || d.rows.len() < q.rows.len() {
                return Err(refuse(
                    "options",
                    format!(
                        "{}には回答が{}件あるため、選択肢や行は減らせません（言葉を直すか、末尾に足してください）",
                        q.label(),
                        q.answers
                    ),
                ));
            }
        }
        self.write(|tx| {
            tx.execute(
                "UPDATE survey_questions SET section = ?2, kind = ?3, text = ?4, required = ?5,
                    options = ?6, rows = ?7, updated_at = ?8 WHERE id = ?1",
                params![
                    id,
                    d.section,
                    d.kind,
                    d.text,
                    d.required,
                    serde_json::to_string(&d.options).expect("strings"),
                    serde_json::to_string(&d.rows).expect("strings"),
                    now()
                ],
            )?;
            Ok(())
        })?;
        self.survey(survey_id)
    }

    /// Removes a question nobody has answered yet.
    pub fn delete_question(&mut self, id: i64) -> Result<Survey> {
        let survey_id = survey_of_question(self.conn(), id)?;
        let s = self.survey(survey_id)?;
        let q = s.question(id).expect("of this survey");
        if q.answers > 0 {
            return Err(refuse(
                "question",
                format!(
                    "{}には回答が{}件あるため削除できません",
                    q.label(),
                    q.answers
                ),
            ));
        }
        self.write(|tx| {
            tx.execute("DELETE FROM survey_questions WHERE id = ?1", [id])?;
            Ok(())
        })?;
        self.survey(survey_id)
    }

    /// Moves a question one place up or down.
    pub fn move_question(&mut self, id: i64, up: bool) -> Result<Survey> {
        let survey_id = survey_of_question(self.conn(), id)?;
        let s = self.survey(survey_id)?;
        let i = s
            .questions
            .iter()
            .position(|q| q.id == id)
            .expect("of this survey");
        let j = if up { i.checked_sub(1) } else { Some(i + 1) };
        if let Some(other) = j.and_then(|j| s.questions.get(j)) {
            self.write(|tx| {
                // Positions are rewritten in order so two never share one.
                for (k, q) in s.questions.iter().enumerate() {
                    let pos = if q.id == id {
                        j.expect("some")
                    } else if q.id == other.id {
                        i
                    } else {
                        k
                    };
                    tx.execute(
                        "UPDATE survey_questions SET position = ?2 WHERE id = ?1 AND position <> ?2",
                        params![q.id, pos as i64 + 1],
                    )?;
                }
                Ok(())
            })?;
        }
        self.survey(survey_id)
    }

    /// The survey's answer sheets in the order they were recorded.
    pub fn responses(&self, survey_id: i64) -> Result<Vec<Response>> {
        self.survey(survey_id)?;
        responses_of(self.conn(), survey_id, None)
    }

    pub fn add_response(&mut self, survey_id: i64, input: &ResponseInput) -> Result<Response> {
        let s = self.survey(survey_id)?;
        let d = input.validate(&s)?;
        let id = self.write(|tx| put_response(tx, survey_id, None, &d))?;
        self.response(survey_id, id)
    }

    pub fn update_response(&mut self, id: i64, input: &ResponseInput) -> Result<Response> {
        let survey_id = survey_of_response(self.conn(), id)?;
        let s = self.survey(survey_id)?;
        let d = input.validate(&s)?;
        self.write(|tx| put_response(tx, survey_id, Some(id), &d))?;
        self.response(survey_id, id)
    }

    pub fn delete_response(&mut self, id: i64) -> Result<()> {
        survey_of_response(self.conn(), id)?;
        self.write(|tx| {
            tx.execute("DELETE FROM survey_responses WHERE id = ?1", [id])?;
            Ok(())
        })
    }

    fn response(&self, survey_id: i64, id: i64) -> Result<Response> {
        responses_of(self.conn(), survey_id, Some(id))?
            .pop()
            .ok_or_else(|| Error::not_found("回答", id))
    }
}

impl Store {
    /// Adds answer sheets under UUIDs the caller chose (rows from a CSV), in
    /// one transaction: all of them or none.
    pub fn insert_responses_with_uuids(
        &mut self,
        survey_id: i64,
        sheets: &[(String, ValidResponse)],
    ) -> Result<()> {
        self.write(|tx| {
            for (uuid, d) in sheets {
                let id = put_response(tx, survey_id, None, d)?;
                tx.execute(
                    "UPDATE survey_responses SET uuid = ?2 WHERE id = ?1",
                    params![id, uuid],
                )?;
                tx.execute(
                    "INSERT OR IGNORE INTO record_versions (uuid, version)
                     SELECT uuid, version FROM survey_responses WHERE id = ?1",
                    [id],
                )?;
            }
            Ok(())
        })
    }
}
