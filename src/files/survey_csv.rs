//! アンケートの回答を CSV から (Google Forms の「回答をダウンロード」, or an Excel
//! sheet typed from paper): each column is mapped to a question — or, for a
//! grid, to one of its rows (「質問 [行]」, as Google Forms writes them) — and
//! each row becomes one answer sheet. A row that does not fit is refused whole
//! and named with the question; the same row imported again adds nothing.

use super::evaluation_csv::{RowProblem, Table};
use crate::error::{Error, FieldError, Result};
use crate::model::survey::{
    Answer, AnswerInput, Question, QuestionKind, ResponseInput, Survey, ValidResponse,
};
use crate::store::Store;
use serde::{Deserialize, Serialize};
use ts_rs::TS;

/// Which question a column answers (and which row of a grid).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct ColumnMap {
    pub column: u32,
    #[ts(type = "number")]
    pub question_id: i64,
    pub row: Option<u32>,
}

/// What an import would do, or did.
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
#[ts(export)]
pub struct SurveyCsvPreview {
    pub headers: Vec<String>,
    pub mapping: Vec<ColumnMap>,
    /// Columns no question takes (タイムスタンプ, メールアドレス…).
    pub unused: Vec<String>,
    /// Questions no column answers.
    pub unanswered: Vec<String>,
    pub sample: Vec<Vec<String>>,
    /// Rows read as answer sheets.
    pub sheets: u32,
    /// Of those, not yet in the survey.
    pub new: u32,
    pub already: u32,
    pub refused: Vec<RowProblem>,
    pub applied: bool,
}

fn refuse(message: impl Into<String>) -> Error {
    Error::Validation(vec![FieldError::new("file", message.into())])
}

/// Text as compared: full-width letters and digits as ASCII, no spaces.
fn plain(text: &str) -> String {
    crate::wareki::half_width(text)
        .chars()
        .filter(|c| !c.is_whitespace())
        .collect()
}

/// 「4. 研修会全体の満足度… [①ヒト…]」 → ("研修会全体の満足度…", Some("①ヒト…")).
fn split_header(h: &str) -> (String, Option<String>) {
    let h = h.trim();
    let (main, row) = match (h.rfind('['), h.ends_with(']')) {
        (Some(i), true) => (&h[..i], Some(h[i + 1..h.len() - 1].trim().to_owned())),
        _ => (h, None),
    };
    let main = main.trim();
    // A leading number as forms print it: 「4.」「4．」「問4」「Q4」.
    let stripped = main
        .trim_start_matches(['問', 'Q', 'q'])
        .trim_start_matches(|c: char| c.is_ascii_digit() || ('０'..='９').contains(&c))
        .trim_start_matches(['.', '．', '、', ')', '）', ' ', '　']);
    let main = if stripped.len() < main.len() && !stripped.is_empty() {
        stripped
    } else {
        main
    };
    (main.trim().to_owned(), row)
}

/// Columns matched to questions by their headers; a column matches the
/// question whose text it is (or contains, or is part of).
pub fn guess(survey: &Survey, headers: &[String]) -> Vec<ColumnMap> {
    let mut out = Vec::new();
    for (c, h) in headers.iter().enumerate() {
        let (main, row) = split_header(h);
        let m = plain(&main);
        if m.is_empty() {
            continue;
        }
        let score = |q: &Question| {
            let t = plain(&q.text);
            if t == m {
                3
            } else if t.contains(&m) && m.chars().count() >= 2 {
                2
            } else if m.contains(&t) {
                1
            } else {
                0
            }
        };
        let Some(q) = survey
            .questions
            .iter()
            .filter(|q| score(q) > 0)
            .max_by_key(|q| (score(q), std::cmp::Reverse(q.number)))
        else {
            continue;
        };
        let grid = matches!(q.kind, QuestionKind::YesNo | QuestionKind::Matrix);
        let row_index = match (&row, grid) {
            (Some(r), true) => q
                .rows
                .iter()
                .position(|x| plain(x) == plain(r))
                .or_else(|| {
                    q.rows.iter().position(|x| {
                        plain(x).starts_with(&plain(r)) || plain(r).starts_with(&plain(x))
                    })
                })
                .map(|i| i as u32),
            _ => None,
        };
        if grid && row_index.is_none() {
            continue;
        }
        out.push(ColumnMap {
            column: c as u32,
            question_id: q.id,
            row: row_index,
        });
    }
    out
}

/// The options named in a cell: each label found is taken out; what is left
/// must be separators. Numbers (1 = the first) are read too.
fn choices(cell: &str, options: &[String]) -> std::result::Result<Vec<u32>, String> {
    let mut rest = plain(cell);
    let mut found = Vec::new();
    // Longer labels first, so 「満足」 does not eat 「非常に満足」.
    let mut order: Vec<usize> = (0..options.len()).collect();
    order.sort_by_key(|&i| std::cmp::Reverse(options[i].chars().count()));
    for i in order {
        let label = plain(&options[i]);
        if !label.is_empty() && rest.contains(&label) {
            rest = rest.replacen(&label, "\u{1f}", 1);
            found.push(i as u32);
        }
    }
    let leftover: String = rest
        .split(['\u{1f}', ',', '、', ';', '；', '/', '・'])
        .filter(|p| !p.is_empty())
        .collect::<Vec<_>>()
        .join("、");
    if !leftover.is_empty() {
        let numbers: Option<Vec<u32>> = leftover
            .split('、')
            .map(|p| {
                p.parse::<u32>()
                    .ok()
                    .filter(|n| (1..=options.len() as u32).contains(n))
            })
            .collect();
        match numbers {
            Some(ns) if found.is_empty() => found.extend(ns.into_iter().map(|n| n - 1)),
            _ => return Err(format!("選択肢にない答え「{leftover}」")),
        }
    }
    found.sort_unstable();
    found.dedup();
    Ok(found)
}

/// One cell as an answer to `q` (None when empty).
fn read_cell(q: &Question, cell: &str) -> std::result::Result<Option<Answer>, String> {
    let t = cell.trim();
    if t.is_empty() {
        return Ok(None);
    }
    Ok(Some(match q.kind {
        QuestionKind::Single => match choices(t, &q.options)?.as_slice() {
            [one] => Answer::Choice(*one),
            _ => return Err(format!("1つだけ選ぶ質問に「{t}」")),
        },
        QuestionKind::Multiple => Answer::Choices(choices(t, &q.options)?),
        QuestionKind::Scale => match plain(t).parse::<u8>() {
            Ok(n) if (1..=5).contains(&n) => Answer::Score(n),
            Ok(_) => return Err(format!("1〜5でない点数「{t}」")),
            Err(_) => match choices(t, &q.options)?.as_slice() {
                [one] => Answer::Score(5 - *one as u8),
                _ => return Err(format!("5段階の答えとして読めない「{t}」")),
            },
        },
        QuestionKind::Short | QuestionKind::Long => Answer::Text(t.to_owned()),
        // Grids are read cell by cell in `sheet`.
        QuestionKind::YesNo | QuestionKind::Matrix => return Err("行の列として読みます".into()),
    }))
}

/// A row as an answer sheet, or why it is refused.
fn sheet(
    survey: &Survey,
    mapping: &[ColumnMap],
    row: &[String],
) -> std::result::Result<ResponseInput, String> {
    let mut answers: Vec<AnswerInput> = Vec::new();
    let mut problems = Vec::new();
    for q in &survey.questions {
        let cols: Vec<&ColumnMap> = mapping.iter().filter(|m| m.question_id == q.id).collect();
        if cols.is_empty() {
            continue;
        }
        let cell = |c: &ColumnMap| row.get(c.column as usize).map(String::as_str).unwrap_or("");
        let answer = match q.kind {
            QuestionKind::YesNo => {
                let mut rows = vec![None; q.rows.len()];
                for c in &cols {
                    let t = cell(c);
                    if t.trim().is_empty() {
                        continue;
                    }
                    match (c.row, choices(t, &q.options).as_deref()) {
                        (Some(r), Ok([one])) if (r as usize) < rows.len() => {
                            rows[r as usize] = Some(*one == 0)
                        }
                        _ => problems.push(format!(
                            "{}：「{}」は{}のどちらでもありません",
                            q.label(),
                            t.trim(),
                            q.options.join("・")
                        )),
                    }
                }
                rows.iter()
                    .any(Option::is_some)
                    .then_some(Answer::Rows(rows))
            }
            QuestionKind::Matrix => {
                let mut grid = vec![Vec::new(); q.rows.len()];
                for c in &cols {
                    let t = cell(c);
                    if t.trim().is_empty() {
                        continue;
                    }
                    match (c.row, choices(t, &q.options)) {
                        (Some(r), Ok(v)) if (r as usize) < grid.len() => grid[r as usize] = v,
                        (_, Err(why)) => problems.push(format!("{}：{why}", q.label())),
                        _ => {
                            problems.push(format!("{}：行が決まっていない列があります", q.label()))
                        }
                    }
                }
                grid.iter()
                    .any(|r| !r.is_empty())
                    .then_some(Answer::Grid(grid))
            }
            _ => match read_cell(q, cell(cols[0])) {
                Ok(a) => a,
                Err(why) => {
                    problems.push(format!("{}：{why}", q.label()));
                    None
                }
            },
        };
        answers.push(AnswerInput {
            question_id: q.id,
            answer,
        });
    }
    if !problems.is_empty() {
        return Err(problems.join("／"));
    }
    Ok(ResponseInput {
        answered_on: String::new(),
        source: "CSV".into(),
        answers,
    })
}

/// The same row always gets the same UUID: a file imported twice adds nothing.
/// Two identical rows of one file (two people who answered alike, typed from
/// paper) are told apart by which of them it is.
fn sheet_uuid(survey_uuid: &str, row: &[String], occurrence: u32) -> String {
    let ns = uuid::Uuid::from_u128(0x2b7c_91d4_6a3e_4f15_8d20_c4a1_7e9b_53f6);
    let key = format!(
        "{survey_uuid}\u{1e}{occurrence}\u{1e}{}",
        row.join("\u{1f}")
    );
    uuid::Uuid::new_v5(&ns, key.as_bytes()).to_string()
}

/// Checks the sheet against the survey and, unless `dry_run`, adds the new
/// answer sheets in one transaction (after a backup). Refused rows are listed
/// and never written; the others go in whole.
pub fn import(
    store: &mut Store,
    survey_id: i64,
    table: &Table,
    mapping: Option<Vec<ColumnMap>>,
    dry_run: bool,
) -> Result<SurveyCsvPreview> {
    let survey = store.survey(survey_id)?;
    let mapping = mapping.unwrap_or_else(|| guess(&survey, &table.headers));
    for m in &mapping {
        let Some(q) = survey.question(m.question_id) else {
            return Err(refuse(format!(
                "質問（ID {}）はこのアンケートにありません",
                m.question_id
            )));
        };
        if m.column as usize >= table.headers.len() {
            return Err(refuse("選んだ列が CSV にありません"));
        }
        let grid = matches!(q.kind, QuestionKind::YesNo | QuestionKind::Matrix);
        if grid != m.row.is_some() || m.row.is_some_and(|r| r as usize >= q.rows.len()) {
            return Err(refuse(format!("{}の列の行の指定が合いません", q.label())));
        }
    }
    if mapping.is_empty() {
        return Err(refuse(
            "どの列も質問に対応づけられません。見出しの行が質問と同じ言葉か確かめるか、列を選んでください",
        ));
    }
    let survey_uuid = store.record_uuid("surveys", survey.id)?;
    let mut refused = Vec::new();
    let mut fresh: Vec<(String, ValidResponse)> = Vec::new();
    let mut already = 0u32;
    let mut seen: std::collections::HashMap<&[String], u32> = std::collections::HashMap::new();
    for (i, row) in table.rows.iter().enumerate() {
        if row.iter().all(|c| c.trim().is_empty()) {
            continue;
        }
        // The header is row 1 in a spreadsheet.
        let number = i as u32 + 2;
        let checked = sheet(&survey, &mapping, row).and_then(|input| {
            input.validate(&survey).map_err(|e| {
                e.fields()
                    .iter()
                    .map(|f| f.message.clone())
                    .collect::<Vec<_>>()
                    .join("／")
            })
        });
        match checked {
            Err(reason) => refused.push(RowProblem {
                row: number,
                reason,
            }),
            Ok(d) => {
                let occurrence = seen.entry(row.as_slice()).or_insert(0);
                *occurrence += 1;
                let uuid = sheet_uuid(&survey_uuid, row, *occurrence);
                if store.has_record("survey_responses", &uuid)? {
                    already += 1;
                } else {
                    fresh.push((uuid, d));
                }
            }
        }
    }
    let preview = SurveyCsvPreview {
        headers: table.headers.clone(),
        unused: table
            .headers
            .iter()
            .enumerate()
            .filter(|(c, _)| !mapping.iter().any(|m| m.column as usize == *c))
            .map(|(_, h)| h.clone())
            .collect(),
        unanswered: survey
            .questions
            .iter()
            .filter(|q| !mapping.iter().any(|m| m.question_id == q.id))
            .map(Question::label)
            .collect(),
        sample: table.rows.iter().take(5).cloned().collect(),
        sheets: fresh.len() as u32 + already,
        new: fresh.len() as u32,
        already,
        refused,
        applied: !dry_run,
        mapping,
    };
    if dry_run || fresh.is_empty() {
        return Ok(preview);
    }
    store.backup_now(crate::store::backup::Reason::Import)?;
    store.insert_responses_with_uuids(survey.id, &fresh)?;
    Ok(preview)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn headers_as_google_forms_writes_them() {
        assert_eq!(
            split_header("4. 研修会全体の満足度についてお答えください"),
            ("研修会全体の満足度についてお答えください".to_owned(), None)
        );
        assert_eq!(
            split_header("次の理由により取り組めていないか [①ヒト]"),
            (
                "次の理由により取り組めていないか".to_owned(),
                Some("①ヒト".to_owned())
            )
        );
        assert_eq!(split_header("タイムスタンプ").0, "タイムスタンプ");
    }

    #[test]
    fn cells_name_options_by_label_or_number() {
        let opts: Vec<String> = ["非常に満足", "満足", "どちらともいえない"]
            .iter()
            .map(|s| s.to_string())
            .collect();
        assert_eq!(choices("非常に満足", &opts), Ok(vec![0]));
        assert_eq!(choices("満足", &opts), Ok(vec![1]));
        assert_eq!(choices("非常に満足, 満足", &opts), Ok(vec![0, 1]));
        assert_eq!(choices("２", &opts), Ok(vec![1]));
        assert!(choices("とても良い", &opts)
            .unwrap_err()
            .contains("選択肢にない答え「とても良い」"));
        // A label with 、 inside is one choice, not two.
        let long = vec![
            "前回の会議に参加し、そこから対応していく方向性を士会内で確認、検討し始めた".to_owned(),
            "その他".to_owned(),
        ];
        assert_eq!(choices("前回の会議に参加し、そこから対応していく方向性を士会内で確認、検討し始めた, その他", &long), Ok(vec![0, 1]));
    }
}
