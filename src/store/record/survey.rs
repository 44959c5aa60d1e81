//! A team's own アンケート as they travel: the survey, its questions, and each
//! answer sheet with its answers.

use super::{By, Field, Ids, Kind, Problems};
use crate::error::{Error, FieldError, Result};
use rusqlite::{params, Connection, Transaction};
use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SurveyData {
    pub project: String,
    pub meeting: Option<String>,
    pub title: String,
    pub template_key: Option<String>,
    pub description: String,
    pub participants: Option<u32>,
    /// The previous round's UUID (format 5; older files have none).
    #[serde(default)]
    pub previous_round: Option<String>,
}

pub struct Surveys;

impl Kind for Surveys {
    type Data = SurveyData;
    const TABLE: &'static str = "surveys";
    const KIND: &'static str = "survey";
    const LABEL: &'static str = "アンケート";
    const FIELDS: &'static [Field] = &[
        Field::Ref {
            field: "project",
            column: "project_id",
            table: "projects",
        },
        Field::Ref {
            field: "meeting",
            column: "meeting_id",
            table: "meetings",
        },
    ];

    fn name(d: &SurveyData) -> String {
        d.title.clone()
    }
    const BY: By = By::Project;
    fn check(d: &SurveyData, what: &str, p: &mut Problems) {
        p.check(
            what,
            crate::model::survey::SurveyInput {
                title: d.title.clone(),
                description: d.description.clone(),
                participants: d.participants.map(|n| n.to_string()).unwrap_or_default(),
                meeting_id: None,
                previous_id: None,
            }
            .validate(),
        );
        uuid_field(what, "前回のアンケート", d.previous_round.as_deref(), p);
    }
}

#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
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
    /// Skip logic (format 5): the earlier question's UUID, and its options
    /// that lead here.
    #[serde(default)]
    pub show_if_question: Option<String>,
    #[serde(default)]
    pub show_if_options: Vec<u32>,
    #[serde(default)]
    pub count_blank: bool,
}

/// A UUID kept as a value (a link that survives moves and travel), checked
/// like the references the engine resolves.
fn uuid_field(what: &str, label: &str, value: Option<&str>, p: &mut Problems) {
    if let Some(u) = value {
        if uuid::Uuid::parse_str(u).is_err() {
            p.add(
                what,
                format!(
                    "{label}のUUID「{}」の形式が正しくありません",
                    super::short(u)
                ),
            );
        }
    }
}

pub struct SurveyQuestions;

impl Kind for SurveyQuestions {
    type Data = SurveyQuestionData;
    const TABLE: &'static str = "survey_questions";
    const KIND: &'static str = "survey_question";
    const LABEL: &'static str = "アンケートの質問";
    const FIELDS: &'static [Field] = &[
        Field::Ref {
            field: "survey",
            column: "survey_id",
            table: "surveys",
        },
        Field::Bool("required"),
        Field::Json("options"),
        Field::Json("rows"),
        Field::Json("show_if_options"),
        Field::Bool("count_blank"),
    ];

    fn name(d: &SurveyQuestionData) -> String {
        d.text.clone()
    }
    const BY: By = By::Parent("survey");
    fn check(d: &SurveyQuestionData, what: &str, p: &mut Problems) {
        p.check(
            what,
            crate::model::survey::QuestionInput {
                kind: d.kind.clone(),
                text: d.text.clone(),
                section: d.section.clone(),
                required: d.required,
                options: d.options.join("\n"),
                rows: d.rows.join("\n"),
                show_if_question: d.show_if_question.as_ref().map(|_| 0),
                show_if_options: d.show_if_options.clone(),
                count_blank: d.count_blank,
            }
            .validate(),
        );
        uuid_field(what, "表示条件の質問", d.show_if_question.as_deref(), p);
        if d.show_if_question.is_none() && !d.show_if_options.is_empty() {
            p.add(what, "表示条件の選択肢がありますが、条件の質問がありません");
        }
        if d.show_if_options
            .iter()
            .any(|&o| o as usize >= crate::model::survey::OPTIONS_MAX)
        {
            p.add(what, "表示条件の選択肢の番号が大きすぎます");
        }
    }
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SurveyAnswerData {
    pub question: String,
    pub answer: crate::model::survey::Answer,
}

/// One answer sheet with its answers (they travel together, like a 表1's items).
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SurveyResponseData {
    pub survey: String,
    pub source: String,
    pub answered_on: Option<String>,
    pub answers: Vec<SurveyAnswerData>,
}

pub struct SurveyResponses;

impl Kind for SurveyResponses {
    type Data = SurveyResponseData;
    const TABLE: &'static str = "survey_responses";
    const KIND: &'static str = "survey_response";
    const LABEL: &'static str = "アンケートの回答";
    const FIELDS: &'static [Field] = &[
        Field::Ref {
            field: "survey",
            column: "survey_id",
            table: "surveys",
        },
        Field::Children("answers"),
    ];

    fn name(d: &SurveyResponseData) -> String {
        format!("回答（{}）", d.source)
    }
    const BY: By = By::Parent("survey");
    fn check(d: &SurveyResponseData, what: &str, p: &mut Problems) {
        if crate::model::survey::ResponseSource::parse(&d.source).is_none() {
            p.add(what, "入力方法は紙・CSV・画面のどれかです");
        }
        if d.answers.len() > 10_000 {
            p.add(what, "答えが多すぎます");
        }
        p.dates(what, &[("回答日", d.answered_on.as_deref())]);
    }
    fn child_refs(d: &SurveyResponseData) -> Vec<(&'static str, &str)> {
        d.answers
            .iter()
            .map(|a| ("survey_questions", a.question.as_str()))
            .collect()
    }
    fn read_children(conn: &Connection, id: i64, d: &mut SurveyResponseData) -> Result<()> {
        let mut st = conn.prepare_cached(
            "SELECT q.uuid AS question, a.value FROM survey_answers a
             JOIN survey_questions q ON q.id = a.question_id
             WHERE a.response_id = ?1 ORDER BY q.position, q.id",
        )?;
        let rows = st
            .query_map([id], |x| {
                Ok((
                    x.get::<_, String>("question")?,
                    x.get::<_, String>("value")?,
                ))
            })?
            .collect::<rusqlite::Result<Vec<_>>>()?;
        d.answers = rows
            .into_iter()
            .filter_map(|(question, value)| {
                Some(SurveyAnswerData {
                    question,
                    answer: serde_json::from_str(&value).ok()?,
                })
            })
            .collect();
        Ok(())
    }
    /// Each answer must fit its question as this PC has it, or nothing is taken in.
    fn write_children(tx: &Transaction, id: i64, d: &SurveyResponseData, ids: &Ids) -> Result<()> {
        let survey = ids.id(tx, "surveys", &d.survey)?;
        super::run(
            tx,
            "DELETE FROM survey_answers WHERE response_id = ?1",
            [id],
        )?;
        let questions = crate::store::survey::questions_of(tx, survey)?;
        let title: String =
            tx.query_row("SELECT title FROM surveys WHERE id = ?1", [survey], |x| {
                x.get("title")
            })?;
        for a in &d.answers {
            let qid = ids.id(tx, "survey_questions", &a.question)?;
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
            super::run(
                tx,
                "INSERT INTO survey_answers (response_id, question_id, value) VALUES (?1, ?2, ?3)",
                params![
                    id,
                    q.id,
                    serde_json::to_string(&a.answer).expect("an answer")
                ],
            )?;
        }
        Ok(())
    }
}
