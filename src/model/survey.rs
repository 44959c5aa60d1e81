//! アンケート (第3章): a survey of a 研修会 or of the societies, built from
//! question types, and the answer sheets it collects — typed from paper,
//! imported from a Google Forms / Excel CSV, or entered in the window.

use super::choice_enum;
use super::validate::Checker;
use crate::error::{Error, FieldError, Result};
use chrono::NaiveDate;
use serde::{Deserialize, Serialize};
use ts_rs::TS;

choice_enum! {
    QuestionKind {
        Single => "単一選択",
        Multiple => "複数選択",
        Scale => "5段階",
        YesNo => "当てはまる／当てはまらない",
        Matrix => "マトリクス",
        Short => "短い記述",
        Long => "長い記述",
    }
}

choice_enum! {
    /// Where an answer sheet came from.
    ResponseSource { Paper => "紙", Csv => "CSV", Window => "画面" }
}

/// The report's scale for satisfaction, 5 points first (第3章 第3節).
pub const SATISFACTION: [&str; 5] = [
    "非常に満足",
    "満足",
    "どちらともいえない",
    "やや不満",
    "不満",
];
/// The two answers of a 当てはまる／当てはまらない row.
pub const YES_NO: [&str; 2] = ["当てはまる", "当てはまらない"];

/// The longest texts a survey accepts.
pub const TITLE_MAX: usize = 100;
pub const QUESTION_MAX: usize = 400;
pub const OPTION_MAX: usize = 200;
pub const OPTIONS_MAX: usize = 60;
pub const ANSWER_MAX: usize = 4000;

/// One answer, in the shape of its question.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
#[serde(tag = "type", content = "value", rename_all = "snake_case")]
#[ts(export)]
pub enum Answer {
    /// 単一選択: the option's index (0 = the first).
    Choice(u32),
    /// 複数選択: the indexes chosen.
    Choices(Vec<u32>),
    /// 5段階: 1–5 (5 is the first label).
    Score(u8),
    /// 当てはまる／当てはまらない: per row, true = 当てはまる; None unanswered.
    Rows(Vec<Option<bool>>),
    /// マトリクス: per row, the columns chosen.
    Grid(Vec<Vec<u32>>),
    /// 短い記述・長い記述.
    Text(String),
}

impl Answer {
    /// True when nothing was chosen or written (a required question is then unanswered).
    pub fn is_empty(&self) -> bool {
        match self {
            Answer::Choice(_) | Answer::Score(_) => false,
            Answer::Choices(v) => v.is_empty(),
            Answer::Rows(v) => v.iter().all(Option::is_none),
            Answer::Grid(v) => v.iter().all(Vec::is_empty),
            Answer::Text(t) => t.trim().is_empty(),
        }
    }
}

#[derive(Debug, Clone, Default, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct SurveyInput {
    pub title: String,
    pub description: String,
    /// How many took part (for 回収率), as typed; empty when unknown.
    pub participants: String,
    #[ts(type = "number | null")]
    pub meeting_id: Option<i64>,
    /// The same survey's previous round (last year's), whose results each
    /// question is compared with; null for none.
    #[serde(default)]
    #[ts(type = "number | null")]
    pub previous_id: Option<i64>,
}

#[derive(Debug, Clone, PartialEq)]
pub struct ValidSurvey {
    pub title: String,
    pub description: String,
    pub participants: Option<u32>,
    pub meeting_id: Option<i64>,
    pub previous_id: Option<i64>,
}

impl SurveyInput {
    pub fn validate(&self) -> Result<ValidSurvey> {
        let mut c = Checker::new();
        let title = c.text("title", "アンケート名", &self.title, TITLE_MAX);
        let description = c.long_text(
            "description",
            "説明",
            &self.description,
            super::limits::NOTE,
        );
        let participants = match crate::wareki::half_width(self.participants.trim()).as_str() {
            "" => None,
            t => match t.parse::<u32>() {
                Ok(n) if (1..=100_000).contains(&n) => Some(n),
                _ => {
                    c.push(
                        "participants",
                        "参加者数は1〜100000の数で入力してください（わからなければ空欄）",
                    );
                    None
                }
            },
        };
        c.finish(|| ValidSurvey {
            title,
            description,
            participants,
            meeting_id: self.meeting_id,
            previous_id: self.previous_id,
        })
        .map_err(Error::Validation)
    }
}

#[derive(Debug, Clone, Default, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct QuestionInput {
    pub kind: String,
    pub text: String,
    /// A heading the question sits under (questions with the same one in a row form a section).
    pub section: String,
    pub required: bool,
    /// One per line: choices, the five scale labels (5 points first), or a matrix's columns.
    pub options: String,
    /// One per line: the statements of a 当てはまる／当てはまらない grid or a matrix's rows.
    pub rows: String,
    /// Skip logic: asked only of those whose answer to this earlier 単一選択
    /// question (its id) is one of `show_if_options`; null: asked of everyone.
    #[serde(default)]
    #[ts(type = "number | null")]
    pub show_if_question: Option<i64>,
    /// The options (0 = the first) of `show_if_question` that lead here.
    #[serde(default)]
    pub show_if_options: Vec<u32>,
    /// 無回答 is counted and shown: the shares are of everyone asked, not only
    /// of those who answered (the report's 問11).
    #[serde(default)]
    pub count_blank: bool,
}

/// Which earlier question a condition names: its id in a survey, or its place
/// in a template (the template's questions have no ids yet).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum QuestionRef {
    Id(i64),
    /// 0 = the template's first question.
    Position(usize),
}

/// Skip logic as checked by the form: the earlier question and the options
/// that lead to this one. The store checks that the question comes earlier in
/// the same survey and is 単一選択 with those options.
#[derive(Debug, Clone, PartialEq)]
pub struct ValidShowIf {
    pub question: QuestionRef,
    pub options: Vec<u32>,
}

#[derive(Debug, Clone, PartialEq)]
pub struct ValidQuestion {
    pub kind: QuestionKind,
    pub text: String,
    pub section: String,
    pub required: bool,
    pub options: Vec<String>,
    pub rows: Vec<String>,
    pub show_if: Option<ValidShowIf>,
    pub count_blank: bool,
}

impl QuestionInput {
    pub fn validate(&self) -> Result<ValidQuestion> {
        let mut c = Checker::new();
        let kind = c.choice(
            "kind",
            "質問の種類",
            &self.kind,
            QuestionKind::parse,
            &QuestionKind::labels(),
        );
        let text = c.text("text", "質問", &self.text, QUESTION_MAX);
        let section = c.optional_text("section", "見出し", &self.section, TITLE_MAX);
        let mut options = c.lines("options", "選択肢", &self.options);
        let mut rows = c.lines("rows", "行", &self.rows);
        for (field, list, what) in [("options", &options, "選択肢"), ("rows", &rows, "行")] {
            if list.len() > OPTIONS_MAX {
                c.push(field, format!("{what}は{OPTIONS_MAX}個までです"));
            }
            if let Some(long) = list.iter().find(|o| o.chars().count() > OPTION_MAX) {
                c.push(
                    field,
                    format!(
                        "{what}「{}…」は{OPTION_MAX}文字以内にしてください",
                        long.chars().take(10).collect::<String>()
                    ),
                );
            }
            let mut seen = std::collections::HashSet::new();
            if let Some(dup) = list.iter().find(|o| !seen.insert(o.as_str())) {
                c.push(field, format!("{what}「{dup}」が2回あります"));
            }
        }
        match kind {
            Some(QuestionKind::Single | QuestionKind::Multiple) if options.len() < 2 => {
                c.push("options", "選択肢を2つ以上、1行に1つずつ入力してください");
            }
            Some(QuestionKind::Scale) if options.is_empty() => {
                options = SATISFACTION.iter().map(|s| s.to_string()).collect();
            }
            Some(QuestionKind::Scale) if options.len() != 5 => {
                c.push(
                    "options",
                    "5段階の言葉を5つ（5点から1点の順に）入力してください",
                );
            }
            Some(QuestionKind::YesNo) => {
                if options.is_empty() {
                    options = YES_NO.iter().map(|s| s.to_string()).collect();
                } else if options.len() != 2 {
                    c.push(
                        "options",
                        "答えの言葉を2つ（当てはまる・当てはまらないの順に）入力してください",
                    );
                }
                if rows.is_empty() {
                    c.push("rows", "たずねる項目を1行に1つずつ入力してください");
                }
            }
            Some(QuestionKind::Matrix) => {
                if rows.is_empty() {
                    c.push("rows", "行（例：テーマ）を1行に1つずつ入力してください");
                }
                if options.is_empty() {
                    c.push("options", "列（例：方法）を1行に1つずつ入力してください");
                }
            }
            Some(QuestionKind::Short | QuestionKind::Long) => {
                options.clear();
                rows.clear();
            }
            _ => {}
        }
        if !matches!(kind, Some(QuestionKind::YesNo | QuestionKind::Matrix)) {
            rows.clear();
        }
        let show_if = match self.show_if_question {
            None => None,
            Some(_) if self.show_if_options.is_empty() => {
                c.push(
                    "show_if_options",
                    "どの答えの方にたずねるか、選択肢を1つ以上選んでください",
                );
                None
            }
            Some(id) => {
                let mut options = self.show_if_options.clone();
                options.sort_unstable();
                options.dedup();
                Some(ValidShowIf {
                    question: QuestionRef::Id(id),
                    options,
                })
            }
        };
        c.finish(|| ValidQuestion {
            kind: kind.expect("checked"),
            text,
            section,
            required: self.required,
            options,
            rows,
            show_if,
            count_blank: self.count_blank,
        })
        .map_err(Error::Validation)
    }
}

#[derive(Debug, Clone, PartialEq, Serialize, TS)]
#[ts(export)]
pub struct Question {
    #[ts(type = "number")]
    pub id: i64,
    /// 1, 2, … in the survey's order (問1).
    pub number: u32,
    pub section: String,
    pub kind: QuestionKind,
    pub text: String,
    pub required: bool,
    pub options: Vec<String>,
    pub rows: Vec<String>,
    /// Skip logic: asked only of those whose earlier answer leads here.
    pub show_if: Option<ShowIf>,
    /// 無回答 is counted and shown (the shares are of everyone asked).
    pub count_blank: bool,
    /// Answer sheets that answer it.
    pub answers: u32,
}

/// A question's condition as the window and the forms show it.
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
#[ts(export)]
pub struct ShowIf {
    #[ts(type = "number")]
    pub question_id: i64,
    /// The earlier question's 問番号.
    pub number: u32,
    /// Its options (0 = the first) that lead here.
    pub options: Vec<u32>,
    /// 「問10で「検討している」と答えた方のみ」.
    pub text: String,
}

impl ShowIf {
    /// The condition as a person reads it.
    pub fn describe(number: u32, labels: &[&str]) -> String {
        let quoted: Vec<String> = labels.iter().map(|l| format!("「{l}」")).collect();
        format!("問{number}で{}と答えた方のみ", quoted.join("・"))
    }
}

impl Question {
    /// 「問4（研修会全体の満足度…）」: how a message names it.
    pub fn label(&self) -> String {
        let short: String = self.text.chars().take(20).collect();
        let more = if self.text.chars().count() > 20 {
            "…"
        } else {
            ""
        };
        format!("問{}（{short}{more}）", self.number)
    }

    /// Why `answer` does not fit this question, in Japanese; None when it does.
    pub fn refuse(&self, answer: &Answer) -> Option<String> {
        let n = self.options.len() as u32;
        let choice_ok = |i: &u32| *i < n;
        let wrong = |what: &str| Some(format!("{}：{what}", self.label()));
        match (self.kind, answer) {
            (QuestionKind::Single, Answer::Choice(i)) if choice_ok(i) => None,
            (QuestionKind::Single, Answer::Choice(_)) => wrong("その選択肢はありません"),
            (QuestionKind::Multiple, Answer::Choices(v)) => {
                if !v.iter().all(choice_ok) {
                    wrong("その選択肢はありません")
                } else if has_duplicates(v) {
                    wrong("同じ選択肢が2回選ばれています")
                } else {
                    None
                }
            }
            (QuestionKind::Scale, Answer::Score(s)) if (1..=5).contains(s) => None,
            (QuestionKind::Scale, Answer::Score(_)) => wrong("1〜5で答えてください"),
            (QuestionKind::YesNo, Answer::Rows(v)) if v.len() == self.rows.len() => None,
            (QuestionKind::YesNo, Answer::Rows(_)) => wrong("行の数が質問と合いません"),
            (QuestionKind::Matrix, Answer::Grid(v)) => {
                if v.len() != self.rows.len() {
                    wrong("行の数が質問と合いません")
                } else if !v.iter().flatten().all(choice_ok) {
                    wrong("その列はありません")
                } else if v.iter().any(|r| has_duplicates(r)) {
                    wrong("同じ列が2回選ばれています")
                } else {
                    None
                }
            }
            (QuestionKind::Short | QuestionKind::Long, Answer::Text(t)) => (t.chars().count()
                > ANSWER_MAX)
                .then(|| format!("{}：{ANSWER_MAX}文字以内にしてください", self.label())),
            _ => wrong("答えの形が質問の種類と合いません"),
        }
    }
}

fn has_duplicates(v: &[u32]) -> bool {
    let mut s = v.to_vec();
    s.sort_unstable();
    s.windows(2).any(|w| w[0] == w[1])
}

#[derive(Debug, Clone, PartialEq, Serialize, TS)]
#[ts(export)]
pub struct Survey {
    #[ts(type = "number")]
    pub id: i64,
    #[ts(type = "number | null")]
    pub program_id: Option<i64>,
    #[ts(type = "number | null")]
    pub project_id: Option<i64>,
    #[ts(type = "number | null")]
    pub meeting_id: Option<i64>,
    /// 「研修会（オンライン）（令和6年10月5日）」.
    pub meeting: Option<String>,
    /// Whose survey: the program's name or the team's 士会.
    pub owner: String,
    pub title: String,
    pub template_key: Option<String>,
    pub description: String,
    pub participants: Option<u32>,
    /// The previous round (last year's survey) its results are compared with.
    #[ts(type = "number | null")]
    pub previous_id: Option<i64>,
    pub previous_title: Option<String>,
    pub questions: Vec<Question>,
    pub responses: u32,
}

impl Survey {
    pub fn question(&self, id: i64) -> Option<&Question> {
        self.questions.iter().find(|q| q.id == id)
    }

    /// Whether `q` is asked of the sheet whose answers are `answer_of`: always
    /// without a condition; with one, when the earlier question (itself
    /// asked) was answered with one of the condition's options.
    pub fn asks(&self, q: &Question, answer_of: &dyn Fn(i64) -> Option<Answer>) -> bool {
        let mut current = q;
        // Conditions only point at earlier questions, so this ends; the
        // bound guards against a file that says otherwise.
        for _ in 0..=self.questions.len() {
            let Some(cond) = &current.show_if else {
                return true;
            };
            match answer_of(cond.question_id) {
                Some(Answer::Choice(i)) if cond.options.contains(&i) => {}
                _ => return false,
            }
            match self.question(cond.question_id) {
                Some(earlier) => current = earlier,
                None => return false,
            }
        }
        false
    }
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct AnswerInput {
    #[ts(type = "number")]
    pub question_id: i64,
    pub answer: Option<Answer>,
}

#[derive(Debug, Clone, Default, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct ResponseInput {
    /// 回答日, as typed; empty when unknown.
    pub answered_on: String,
    pub source: String,
    pub answers: Vec<AnswerInput>,
}

#[derive(Debug, Clone, PartialEq)]
pub struct ValidResponse {
    pub source: ResponseSource,
    pub answered_on: Option<NaiveDate>,
    /// (question id, answer), unanswered questions left out.
    pub answers: Vec<(i64, Answer)>,
}

impl ResponseInput {
    /// Checks the sheet against its survey: every answer fits its question,
    /// every required question is answered. Each problem names the question.
    pub fn validate(&self, survey: &Survey) -> Result<ValidResponse> {
        let mut c = Checker::new();
        let source = c.choice(
            "source",
            "回答の入力方法",
            &self.source,
            ResponseSource::parse,
            &ResponseSource::labels(),
        );
        let answered_on = c.optional_date("answered_on", "回答日", &self.answered_on);
        let mut answers = Vec::new();
        let mut errors: Vec<FieldError> = Vec::new();
        let given = |id: i64| {
            self.answers
                .iter()
                .find(|a| a.question_id == id)
                .and_then(|a| a.answer.clone())
                .filter(|a| !a.is_empty())
        };
        for a in &self.answers {
            let Some(q) = survey.question(a.question_id) else {
                errors.push(FieldError::new(
                    "answers",
                    format!("質問（ID {}）はこのアンケートにありません", a.question_id),
                ));
                continue;
            };
            match &a.answer {
                Some(answer) if !answer.is_empty() && !survey.asks(q, &given) => {
                    let cond = q.show_if.as_ref().map(|c| c.text.as_str()).unwrap_or("");
                    errors.push(FieldError::new(
                        &format!("answers.{}", q.id),
                        format!(
                            "{}は、{cond}にたずねる質問です。この回答には当てはまらないので、空欄にしてください",
                            q.label()
                        ),
                    ))
                }
                Some(answer) if !answer.is_empty() => match q.refuse(answer) {
                    Some(why) => errors.push(FieldError::new(&format!("answers.{}", q.id), why)),
                    None => answers.push((q.id, normalized(answer))),
                },
                _ => {}
            }
        }
        // A required question is required of those it is asked of.
        for q in survey
            .questions
            .iter()
            .filter(|q| q.required && survey.asks(q, &given))
        {
            if !answers.iter().any(|(id, _)| *id == q.id)
                && !errors
                    .iter()
                    .any(|e| e.field == format!("answers.{}", q.id))
            {
                errors.push(FieldError::new(
                    &format!("answers.{}", q.id),
                    format!("{}：必須の質問です。答えを入力してください", q.label()),
                ));
            }
        }
        for e in errors {
            c.push(&e.field, e.message);
        }
        c.finish(|| ValidResponse {
            source: source.expect("checked"),
            answered_on,
            answers,
        })
        .map_err(Error::Validation)
    }
}

/// The same answer written one way: choices in order, text trimmed.
fn normalized(a: &Answer) -> Answer {
    match a {
        Answer::Choices(v) => {
            let mut v = v.clone();
            v.sort_unstable();
            Answer::Choices(v)
        }
        Answer::Grid(g) => Answer::Grid(
            g.iter()
                .map(|r| {
                    let mut r = r.clone();
                    r.sort_unstable();
                    r
                })
                .collect(),
        ),
        Answer::Text(t) => Answer::Text(t.trim().to_owned()),
        other => other.clone(),
    }
}

#[derive(Debug, Clone, PartialEq, Serialize, TS)]
#[ts(export)]
pub struct ResponseAnswer {
    #[ts(type = "number")]
    pub question_id: i64,
    pub answer: Answer,
}

/// One answer sheet.
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
#[ts(export)]
pub struct Response {
    #[ts(type = "number")]
    pub id: i64,
    /// 1, 2, … in the order they were recorded.
    pub number: u32,
    pub source: ResponseSource,
    pub answered_on: Option<NaiveDate>,
    pub answers: Vec<ResponseAnswer>,
}

impl Response {
    pub fn answer(&self, question_id: i64) -> Option<&Answer> {
        self.answers
            .iter()
            .find(|a| a.question_id == question_id)
            .map(|a| &a.answer)
    }
}

/// A template in the report's words where it gives them; the app's own are
/// marked 例 in assets/templates/surveys.toml and listed in docs/SURVEYS.md.
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
#[ts(export)]
pub struct SurveyTemplate {
    pub key: String,
    pub title: String,
    pub description: String,
    #[ts(skip)]
    #[serde(skip)]
    pub questions: Vec<ValidQuestion>,
}

#[derive(Deserialize)]
#[serde(untagged)]
enum OptionList {
    List(Vec<String>),
    /// "prefectures": the 47 都道府県.
    Named(String),
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct TemplateQuestion {
    kind: String,
    text: String,
    #[serde(default)]
    section: String,
    #[serde(default)]
    required: bool,
    options: Option<OptionList>,
    #[serde(default)]
    rows: Vec<String>,
    /// Skip logic: the earlier question's 問番号 and the options that lead here.
    show_if: Option<TemplateShowIf>,
    #[serde(default)]
    count_blank: bool,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct TemplateShowIf {
    question: usize,
    options: Vec<String>,
}

#[derive(Deserialize)]
struct TemplateSurvey {
    key: String,
    title: String,
    #[serde(default)]
    description: String,
    question: Vec<TemplateQuestion>,
}

#[derive(Deserialize)]
struct TemplateFile {
    survey: Vec<TemplateSurvey>,
}

fn parse_templates(text: &str) -> std::result::Result<Vec<SurveyTemplate>, String> {
    let file: TemplateFile = super::parse_toml(text).map_err(|e: toml::de::Error| e.to_string())?;
    file.survey
        .into_iter()
        .map(|s| {
            let mut questions: Vec<ValidQuestion> = Vec::new();
            for (i, q) in s.question.into_iter().enumerate() {
                let options = match q.options {
                    None => Vec::new(),
                    Some(OptionList::List(v)) => v,
                    Some(OptionList::Named(n)) if n == "prefectures" => super::project::PREFECTURES
                        .iter()
                        .map(|p| p.to_string())
                        .collect(),
                    Some(OptionList::Named(n)) => return Err(format!("未知の選択肢の一覧「{n}」")),
                };
                let mut valid = QuestionInput {
                    kind: q.kind,
                    text: q.text,
                    section: q.section,
                    required: q.required,
                    options: options.join("\n"),
                    rows: q.rows.join("\n"),
                    show_if_question: None,
                    show_if_options: Vec::new(),
                    count_blank: q.count_blank,
                }
                .validate()
                .map_err(|e| format!("{}: {e:?}", s.key))?;
                if let Some(c) = q.show_if {
                    // 問番号 counts from 1 and must name an earlier 単一選択 question.
                    let earlier = c
                        .question
                        .checked_sub(1)
                        .filter(|&k| k < i)
                        .and_then(|k| questions.get(k).map(|q| (k, q)))
                        .filter(|(_, q)| q.kind == QuestionKind::Single)
                        .ok_or_else(|| {
                            format!(
                                "{}: 問{}の条件の問{}は前の単一選択ではありません",
                                s.key,
                                i + 1,
                                c.question
                            )
                        })?;
                    let options = c
                        .options
                        .iter()
                        .map(|label| {
                            earlier
                                .1
                                .options
                                .iter()
                                .position(|o| o == label)
                                .map(|k| k as u32)
                                .ok_or_else(|| {
                                    format!(
                                        "{}: 問{}に選択肢「{label}」はありません",
                                        s.key, c.question
                                    )
                                })
                        })
                        .collect::<std::result::Result<Vec<_>, _>>()?;
                    valid.show_if = Some(ValidShowIf {
                        question: QuestionRef::Position(earlier.0),
                        options,
                    });
                }
                questions.push(valid);
            }
            Ok(SurveyTemplate {
                key: s.key,
                title: s.title,
                description: s.description,
                questions,
            })
        })
        .collect()
}

/// The shipped template: 「研修会アンケート」, the report's one questionnaire (問1〜14).
pub fn templates() -> &'static [SurveyTemplate] {
    static T: std::sync::OnceLock<Vec<SurveyTemplate>> = std::sync::OnceLock::new();
    T.get_or_init(|| {
        parse_templates(include_str!("../../assets/templates/surveys.toml"))
            .expect("the shipped survey templates are valid")
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn question(kind: QuestionKind, options: &[&str], rows: &[&str]) -> Question {
        Question {
            id: 7,
            number: 4,
            section: String::new(),
            kind,
            text: "研修会全体の満足度についてお答えください".into(),
            required: true,
            options: options.iter().map(|s| s.to_string()).collect(),
            rows: rows.iter().map(|s| s.to_string()).collect(),
            show_if: None,
            count_blank: false,
            answers: 0,
        }
    }

    #[test]
    fn the_template_is_the_report_s_one_questionnaire_with_its_skip_logic() {
        let t = templates();
        assert_eq!(t.len(), 1, "no separate survey of the societies");
        let training = &t[0];
        assert_eq!(training.title, "研修会アンケート");
        assert_eq!(training.questions.len(), 14);
        let texts: Vec<&str> = training.questions.iter().map(|q| q.text.as_str()).collect();
        assert_eq!(texts[0], "職種");
        assert_eq!(texts[3], "研修会全体の満足度についてお答えください");
        assert!(texts[7].ends_with("（複数回答）"));
        assert_eq!(texts[10], "【複数回答可】検討に至ったきっかけ");
        assert_eq!(training.questions[2].options.len(), 47);
        assert_eq!(training.questions[3].options, SATISFACTION);
        let cond = |n: usize| {
            let c = training.questions[n - 1].show_if.as_ref().unwrap();
            (c.question, c.options.clone())
        };
        // 11 of those considering it (問10), 13 of those working on it (問12), 14 of the rest.
        assert_eq!(cond(11), (QuestionRef::Position(9), vec![0]));
        assert!(training.questions[10].count_blank, "問11 shows 無回答");
        assert_eq!(cond(13), (QuestionRef::Position(11), vec![0]));
        assert_eq!(cond(14), (QuestionRef::Position(11), vec![1]));
        assert_eq!(
            training
                .questions
                .iter()
                .filter(|q| q.show_if.is_some())
                .count(),
            3
        );
        let grid = &training.questions[13];
        assert_eq!((grid.kind, grid.rows.len()), (QuestionKind::YesNo, 5));
        assert!(grid.rows[0].starts_with("①ヒト"));
        let matrix = &training.questions[12];
        assert_eq!((matrix.rows.len(), matrix.options.len()), (4, 3));
    }

    #[test]
    fn a_template_condition_must_name_an_earlier_single_choice_and_its_options() {
        let file = |show_if: &str| {
            format!(
                "[[survey]]\nkey = \"t\"\ntitle = \"t\"\n\
                 [[survey.question]]\nkind = \"単一選択\"\ntext = \"a\"\noptions = [\"はい\", \"いいえ\"]\n\
                 [[survey.question]]\nkind = \"短い記述\"\ntext = \"b\"\nshow_if = {show_if}\n"
            )
        };
        assert!(parse_templates(&file("{ question = 1, options = [\"はい\"] }")).is_ok());
        for bad in [
            "{ question = 2, options = [\"はい\"] }",
            "{ question = 0, options = [\"はい\"] }",
            "{ question = 1, options = [\"たぶん\"] }",
        ] {
            assert!(parse_templates(&file(bad)).is_err(), "{bad}");
        }
    }

    #[test]
    fn answers_are_checked_against_their_question_and_name_it() {
        let scale = question(QuestionKind::Scale, &SATISFACTION, &[]);
        assert_eq!(scale.refuse(&Answer::Score(5)), None);
        let why = scale.refuse(&Answer::Score(6)).unwrap();
        assert_eq!(
            why,
            "問4（研修会全体の満足度についてお答えください）：1〜5で答えてください"
        );
        assert!(scale
            .refuse(&Answer::Choice(1))
            .unwrap()
            .contains("形が質問の種類と合いません"));
        let single = question(QuestionKind::Single, &["PT", "OT"], &[]);
        assert!(single
            .refuse(&Answer::Choice(2))
            .unwrap()
            .contains("その選択肢はありません"));
        let multi = question(QuestionKind::Multiple, &["a", "b", "c"], &[]);
        assert_eq!(multi.refuse(&Answer::Choices(vec![0, 2])), None);
        assert!(multi.refuse(&Answer::Choices(vec![1, 1])).is_some());
        let grid = question(QuestionKind::YesNo, &YES_NO, &["ヒト", "モノ"]);
        assert_eq!(grid.refuse(&Answer::Rows(vec![Some(true), None])), None);
        assert!(grid.refuse(&Answer::Rows(vec![Some(true)])).is_some());
        let matrix = question(
            QuestionKind::Matrix,
            &["個別", "配信", "集団"],
            &["腰痛", "転倒"],
        );
        assert_eq!(matrix.refuse(&Answer::Grid(vec![vec![0, 2], vec![]])), None);
        assert!(matrix
            .refuse(&Answer::Grid(vec![vec![3], vec![]]))
            .is_some());
    }

    #[test]
    fn a_sheet_must_answer_what_is_required() {
        let survey = Survey {
            id: 1,
            program_id: Some(1),
            project_id: None,
            meeting_id: None,
            meeting: None,
            owner: String::new(),
            title: "研修会アンケート".into(),
            template_key: None,
            description: String::new(),
            participants: Some(54),
            previous_id: None,
            previous_title: None,
            questions: vec![
                question(QuestionKind::Scale, &SATISFACTION, &[]),
                Question {
                    id: 8,
                    number: 5,
                    required: false,
                    ..question(QuestionKind::Long, &[], &[])
                },
            ],
            responses: 0,
        };
        let sheet = |answers: Vec<AnswerInput>| ResponseInput {
            answered_on: String::new(),
            source: "紙".into(),
            answers,
        };
        let e = sheet(vec![AnswerInput {
            question_id: 8,
            answer: Some(Answer::Text("  ".into())),
        }])
        .validate(&survey)
        .unwrap_err();
        assert_eq!(e.fields()[0].field, "answers.7");
        assert!(e.fields()[0].message.contains("必須の質問"));
        let ok = sheet(vec![
            AnswerInput {
                question_id: 7,
                answer: Some(Answer::Score(4)),
            },
            AnswerInput {
                question_id: 8,
                answer: Some(Answer::Text(" 情報共有 ".into())),
            },
        ])
        .validate(&survey)
        .unwrap();
        assert_eq!(ok.answers[1].1, Answer::Text("情報共有".into()));
        let stray = sheet(vec![AnswerInput {
            question_id: 99,
            answer: Some(Answer::Score(4)),
        }])
        .validate(&survey)
        .unwrap_err();
        assert!(stray.fields().iter().any(|f| f.message.contains("ID 99")));
    }

    #[test]
    fn questions_are_checked_by_kind() {
        let q = |kind: &str, options: &str, rows: &str| QuestionInput {
            kind: kind.into(),
            text: "質問".into(),
            section: String::new(),
            required: false,
            options: options.into(),
            rows: rows.into(),
            ..Default::default()
        };
        assert!(q("単一選択", "PT", "").validate().is_err());
        assert_eq!(q("5段階", "", "").validate().unwrap().options, SATISFACTION);
        assert!(q("5段階", "a\nb", "").validate().is_err());
        assert_eq!(
            q("当てはまる／当てはまらない", "", "ヒト")
                .validate()
                .unwrap()
                .options,
            YES_NO
        );
        assert!(q("マトリクス", "個別", "").validate().is_err());
        assert!(q("単一選択", "PT\nPT", "").validate().is_err());
        let text = q("短い記述", "a\nb", "c").validate().unwrap();
        assert!(text.options.is_empty() && text.rows.is_empty());
    }
}
