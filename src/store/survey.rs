//! アンケート: surveys, their questions and answer sheets.

use super::{backup, now, Store};
use crate::error::{Error, FieldError, Result};
use crate::model::survey::{
    templates, Answer, Question, QuestionInput, QuestionKind, QuestionRef, Response,
    ResponseAnswer, ResponseInput, ShowIf, Survey, SurveyInput, SurveyTemplate, ValidQuestion,
    ValidResponse, ValidSurvey,
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
        "SELECT q.id, q.uuid, q.section, q.kind, q.text, q.required, q.options, q.rows,
                q.show_if_question, q.show_if_options, q.count_blank,
                (SELECT count(*) FROM survey_answers a WHERE a.question_id = q.id) AS answers
         FROM survey_questions q WHERE q.survey_id = ?1 ORDER BY q.position, q.id",
    )?;
    let rows = st.query_map([survey_id], |r| {
        let options: String = r.get("options")?;
        let rows: String = r.get("rows")?;
        let show_if_options: String = r.get("show_if_options")?;
        Ok((
            Question {
                id: r.get("id")?,
                number: 0,
                section: r.get("section")?,
                kind: r.get("kind")?,
                text: r.get("text")?,
                required: r.get("required")?,
                options: serde_json::from_str(&options).unwrap_or_default(),
                rows: serde_json::from_str(&rows).unwrap_or_default(),
                show_if: None,
                count_blank: r.get("count_blank")?,
                answers: r.get("answers")?,
            },
            r.get::<_, Option<String>>("uuid")?,
            r.get::<_, Option<String>>("show_if_question")?,
            serde_json::from_str::<Vec<u32>>(&show_if_options).unwrap_or_default(),
        ))
    })?;
    let rows: Vec<_> = rows.collect::<rusqlite::Result<_>>()?;
    let mut out: Vec<Question> = Vec::new();
    for (i, (mut q, _, cond, options)) in rows.iter().cloned().enumerate() {
        q.number = i as u32 + 1;
        // The condition names an earlier question of this survey; one that is
        // not there (a file that said otherwise) leaves the question asked of all.
        let earlier = cond.and_then(|u| {
            rows[..i]
                .iter()
                .position(|(_, uuid, _, _)| uuid.as_deref() == Some(u.as_str()))
        });
        if let Some(k) = earlier {
            let e = &out[k];
            let labels: Vec<&str> = options
                .iter()
                .filter_map(|&o| e.options.get(o as usize).map(String::as_str))
                .collect();
            q.show_if = Some(ShowIf {
                question_id: e.id,
                number: e.number,
                text: ShowIf::describe(e.number, &labels),
                options,
            });
        }
        out.push(q);
    }
    Ok(out)
}

const SELECT: &str =
    "SELECT s.id, s.program_id, s.project_id, s.meeting_id, s.title, s.template_key,
        s.description, s.participants,
        (SELECT count(*) FROM survey_responses r WHERE r.survey_id = s.id) AS responses,
        m.title AS meeting_title, m.held_on,
        coalesce(g.name, p.prefecture || CASE p.profession WHEN 'PT' THEN '理学療法士会'
                 WHEN 'OT' THEN '作業療法士会' WHEN 'ST' THEN '言語聴覚士会' ELSE '士会' END) AS owner,
        pv.id AS previous_id, pv.title AS previous_title
     FROM surveys s LEFT JOIN meetings m ON m.id = s.meeting_id
     LEFT JOIN programs g ON g.id = s.program_id LEFT JOIN projects p ON p.id = s.project_id
     LEFT JOIN surveys pv ON pv.uuid = s.previous_round AND pv.id <> s.id";

fn load(conn: &Connection, where_sql: &str, key: i64) -> Result<Vec<Survey>> {
    let mut st = conn.prepare(&format!("{SELECT} WHERE {where_sql} ORDER BY s.id"))?;
    let heads: Vec<_> = st
        .query_map([key], |r| {
            let meeting = match (
                r.get::<_, Option<String>>("meeting_title")?,
                r.get::<_, Option<chrono::NaiveDate>>("held_on")?,
            ) {
                (Some(t), Some(d)) => Some(format!("{t}（{}）", wareki::date_wareki(d))),
                _ => None,
            };
            Ok(Survey {
                id: r.get("id")?,
                program_id: r.get("program_id")?,
                project_id: r.get("project_id")?,
                meeting_id: r.get("meeting_id")?,
                title: r.get("title")?,
                template_key: r.get("template_key")?,
                description: r.get("description")?,
                participants: r.get("participants")?,
                previous_id: r.get("previous_id")?,
                previous_title: r.get("previous_title")?,
                responses: r.get("responses")?,
                meeting,
                owner: r.get("owner")?,
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
    condition: Option<&str>,
) -> Result<i64> {
    tx.execute(
        "INSERT INTO survey_questions (survey_id, position, section, kind, text, required, options, rows,
             show_if_question, show_if_options, count_blank, created_at)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12)",
        params![
            survey_id,
            position,
            q.section,
            q.kind,
            q.text,
            q.required,
            serde_json::to_string(&q.options).expect("strings"),
            serde_json::to_string(&q.rows).expect("strings"),
            condition,
            serde_json::to_string(&condition_options(q, condition)).expect("numbers"),
            q.count_blank,
            now()
        ],
    )?;
    Ok(tx.last_insert_rowid())
}

/// The options a stored condition keeps: none without its question.
fn condition_options(q: &ValidQuestion, condition: Option<&str>) -> Vec<u32> {
    match (&q.show_if, condition) {
        (Some(c), Some(_)) => c.options.clone(),
        _ => Vec::new(),
    }
}

fn uuid_of(conn: &Connection, table: &str, id: i64) -> Result<String> {
    Ok(conn.query_row(
        &format!("SELECT uuid FROM {table} WHERE id = ?1"),
        [id],
        |r| r.get("uuid"),
    )?)
}

/// The UUID of the question a condition names, after checking that it is an
/// earlier 単一選択 question of `questions` (the survey in its order, `at` the
/// place of the question that carries the condition) and has those options.
fn condition_question(
    conn: &Connection,
    questions: &[Question],
    at: usize,
    q: &ValidQuestion,
) -> Result<Option<String>> {
    let Some(c) = &q.show_if else {
        return Ok(None);
    };
    let QuestionRef::Id(id) = c.question else {
        return Err(refuse("show_if_question", "表示条件の質問がわかりません"));
    };
    let Some(k) = questions.iter().position(|x| x.id == id) else {
        return Err(refuse(
            "show_if_question",
            format!("表示条件の質問（ID {id}）はこのアンケートにありません"),
        ));
    };
    let earlier = &questions[k];
    if k >= at {
        return Err(refuse(
            "show_if_question",
            format!(
                "表示条件には、この質問より前の質問を選んでください（{}は後ろにあります）",
                earlier.label()
            ),
        ));
    }
    if earlier.kind != QuestionKind::Single {
        return Err(refuse(
            "show_if_question",
            format!(
                "表示条件に使えるのは単一選択の質問です（{}は{}）",
                earlier.label(),
                earlier.kind.label()
            ),
        ));
    }
    if c.options
        .iter()
        .any(|&o| o as usize >= earlier.options.len())
    {
        return Err(refuse(
            "show_if_options",
            format!("{}にその選択肢はありません", earlier.label()),
        ));
    }
    Ok(Some(uuid_of(conn, "survey_questions", id)?))
}

/// The previous round's UUID, after checking it is another survey.
fn previous_round(
    conn: &Connection,
    this: Option<i64>,
    previous: Option<i64>,
) -> Result<Option<String>> {
    let Some(p) = previous else {
        return Ok(None);
    };
    if Some(p) == this {
        return Err(refuse(
            "previous_id",
            "前回のアンケートには、別のアンケートを選んでください",
        ));
    }
    get(conn, p).map_err(|_| {
        refuse(
            "previous_id",
            format!("前回のアンケート（ID {p}）が見つかりません"),
        )
    })?;
    Ok(Some(uuid_of(conn, "surveys", p)?))
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
    let previous = previous_round(tx, None, d.previous_id)?;
    tx.execute(
        "INSERT INTO surveys (program_id, project_id, meeting_id, title, template_key, description,
             participants, previous_round, created_at)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)",
        params![
            program_id,
            project_id,
            d.meeting_id,
            d.title,
            template.map(|t| t.key.as_str()),
            d.description,
            d.participants,
            previous,
            now()
        ],
    )?;
    let id = tx.last_insert_rowid();
    // A template's conditions name its questions by place: each becomes the
    // UUID of the question just written there.
    let mut written: Vec<String> = Vec::new();
    for (i, q) in template.iter().flat_map(|t| &t.questions).enumerate() {
        let condition = match q.show_if.as_ref().map(|c| c.question) {
            Some(QuestionRef::Position(k)) => written.get(k).cloned(),
            _ => None,
        };
        let qid = insert_question(tx, id, i as i64 + 1, q, condition.as_deref())?;
        written.push(uuid_of(tx, "survey_questions", qid)?);
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
            "SELECT count(*) AS n FROM survey_responses WHERE survey_id = ?1 AND id < ?2",
            params![survey_id, id],
            |r| r.get("n"),
        )?,
        None => 0,
    };
    let mut rows = st.query(params![survey_id, only])?;
    let mut out: Vec<Response> = Vec::new();
    while let Some(r) = rows.next()? {
        let id: i64 = r.get("id")?;
        if out.last().map(|x| x.id) != Some(id) {
            out.push(Response {
                id,
                number: before + out.len() as u32 + 1,
                source: r.get("source")?,
                answered_on: r.get("answered_on")?,
                answers: Vec::new(),
            });
        }
        if let (Some(q), Some(v)) = (
            r.get::<_, Option<i64>>("question_id")?,
            r.get::<_, Option<String>>("value")?,
        ) {
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
        |r| r.get("survey_id"),
    )
    .optional()?
    .ok_or_else(|| Error::not_found("回答", id))
}

fn survey_of_question(conn: &Connection, id: i64) -> Result<i64> {
    conn.query_row(
        "SELECT survey_id FROM survey_questions WHERE id = ?1",
        [id],
        |r| r.get("survey_id"),
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
            let previous = previous_round(tx, Some(id), d.previous_id)?;
            tx.execute(
                "UPDATE surveys SET title = ?2, description = ?3, participants = ?4, meeting_id = ?5,
                    previous_round = ?6, updated_at = ?7 WHERE id = ?1",
                params![id, d.title, d.description, d.participants, d.meeting_id, previous, now()],
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
        let s = self.survey(survey_id)?;
        self.write(|tx| {
            let condition = condition_question(tx, &s.questions, s.questions.len(), &d)?;
            let last: i64 = tx.query_row(
                "SELECT coalesce(max(position), 0) AS position FROM survey_questions WHERE survey_id = ?1",
                [survey_id],
                |r| r.get("position"),
            )?;
            insert_question(tx, survey_id, last + 1, &d, condition.as_deref())?;
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
        // Questions asked by this one's answer keep a 単一選択 with their options.
        for later in s
            .questions
            .iter()
            .filter(|x| x.show_if.as_ref().is_some_and(|c| c.question_id == id))
        {
            let cond = later.show_if.as_ref().expect("filtered");
            if d.kind != QuestionKind::Single
                || cond.options.iter().any(|&o| o as usize >= d.options.len())
            {
                return Err(refuse(
                    "kind",
                    format!(
                        "{}の表示条件（{}）に使われているため、単一選択のまま、その選択肢を残してください",
                        later.label(),
                        cond.text
                    ),
                ));
            }
        }
        let at = s
            .questions
            .iter()
            .position(|x| x.id == id)
            .expect("of this survey");
        self.write(|tx| {
            let condition = condition_question(tx, &s.questions, at, &d)?;
            tx.execute(
                "UPDATE survey_questions SET section = ?2, kind = ?3, text = ?4, required = ?5,
                    options = ?6, rows = ?7, show_if_question = ?8, show_if_options = ?9,
                    count_blank = ?10, updated_at = ?11 WHERE id = ?1",
                params![
                    id,
                    d.section,
                    d.kind,
                    d.text,
                    d.required,
                    serde_json::to_string(&d.options).expect("strings"),
                    serde_json::to_string(&d.rows).expect("strings"),
                    condition,
                    serde_json::to_string(&condition_options(&d, condition.as_deref()))
                        .expect("numbers"),
                    d.count_blank,
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
        if let Some(later) = s
            .questions
            .iter()
            .find(|x| x.show_if.as_ref().is_some_and(|c| c.question_id == id))
        {
            return Err(refuse(
                "question",
                format!(
                    "{}は{}の表示条件に使われているため削除できません（先にその条件を外してください）",
                    q.label(),
                    later.label()
                ),
            ));
        }
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
            // A condition names an earlier question: the two may not cross it.
            let (first, second) = if up {
                (other, &s.questions[i])
            } else {
                (&s.questions[i], other)
            };
            if second
                .show_if
                .as_ref()
                .is_some_and(|c| c.question_id == first.id)
            {
                return Err(refuse(
                    "question",
                    format!(
                        "{}は{}の答えでたずねる質問なので、その前には移せません",
                        second.label(),
                        first.label()
                    ),
                ));
            }
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
