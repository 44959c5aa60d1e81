//! 表1 from a spreadsheet: the app's own CSV, or a Google Forms / Excel sheet
//! whose columns the user maps to 会議, 区分, 評価者, A–D and コメント. Every row
//! is checked before anything is written; refused rows are named with why.
//! Importing the same file twice adds nothing (each form gets a UUID derived
//! from its content).

use crate::error::{Error, FieldError, Result};
use crate::model::evaluation::{EvalItem, EvaluationInput, EvaluatorKind};
use crate::model::meeting::Meeting;
use crate::model::Member;
use crate::store::Store;
use serde::{Deserialize, Serialize};
use std::collections::{BTreeSet, HashMap};
use ts_rs::TS;

/// Larger sheets are refused unread.
pub const MAX_FILE: usize = 50 * 1024 * 1024;

/// A sheet as read: the header row and the rows under it.
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
#[ts(export)]
pub struct Table {
    pub headers: Vec<String>,
    pub rows: Vec<Vec<String>>,
}

fn refuse(message: impl Into<String>) -> Error {
    Error::Validation(vec![FieldError::new("file", message.into())])
}

/// Reads CSV bytes: UTF-8 (with or without BOM) or Shift_JIS, the encoding
/// Excel in Japan saves CSV in.
pub fn read_table(bytes: &[u8]) -> Result<Table> {
    if bytes.len() > MAX_FILE {
        return Err(refuse("ファイルが大きすぎます（上限 50 MB）"));
    }
    let text = match std::str::from_utf8(bytes) {
        Ok(t) => t.trim_start_matches('\u{feff}').to_owned(),
        Err(_) => {
            let (t, _, bad) = encoding_rs::SHIFT_JIS.decode(bytes);
            if bad {
                return Err(refuse(
                    "文字コードを読めません。UTF-8 か Shift_JIS の CSV にしてください",
                ));
            }
            t.into_owned()
        }
    };
    let mut r = csv::ReaderBuilder::new()
        .flexible(true)
        .has_headers(false)
        .from_reader(text.as_bytes());
    let mut rows = Vec::new();
    for (i, rec) in r.records().enumerate() {
        let rec = rec.map_err(|e| refuse(format!("{}行目を読めません（{e}）", i + 1)))?;
        rows.push(rec.iter().map(|c| c.trim().to_owned()).collect::<Vec<_>>());
    }
    if rows.is_empty() {
        return Err(refuse("CSV が空です"));
    }
    let headers = rows.remove(0);
    Ok(Table { headers, rows })
}

/// One row per 表1 (a form's answers side by side), or one row per item (the
/// app's own export: 項目 A–D down the rows).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "lowercase")]
#[ts(export)]
pub enum Layout {
    Wide,
    Long,
}

/// Which column holds what (0-based), as the user confirmed in the preview.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct Mapping {
    pub layout: Layout,
    pub meeting_date: Option<u32>,
    pub meeting_title: Option<u32>,
    pub kind: Option<u32>,
    /// 他者評価 or 自己評価 for every row when there is no kind column.
    pub default_kind: String,
    pub evaluator: Option<u32>,
    pub written_on: Option<u32>,
    /// Wide: the A–D score and comment columns.
    pub scores: Vec<Option<u32>>,
    pub comments: Vec<Option<u32>>,
    /// Long: the item (A–D), score and comment columns.
    pub item: Option<u32>,
    pub score: Option<u32>,
    pub comment: Option<u32>,
}

fn find(headers: &[String], words: &[&str]) -> Option<u32> {
    headers
        .iter()
        .position(|h| words.iter().any(|w| h.contains(w)))
        .map(|i| i as u32)
}

/// A first guess from the headers: the app's own export is recognised
/// exactly; a form's columns by the words of 表1 (A / 関係性, コメント…).
pub fn guess(headers: &[String]) -> Mapping {
    let own = [
        "会議日",
        "会議名",
        "評価者区分",
        "評価者",
        "記載日",
        "項目",
        "評価",
        "コメント",
    ];
    if own.iter().all(|h| headers.iter().any(|x| x == h)) {
        let at = |h: &str| headers.iter().position(|x| x == h).map(|i| i as u32);
        return Mapping {
            layout: Layout::Long,
            meeting_date: at("会議日"),
            meeting_title: at("会議名"),
            kind: at("評価者区分"),
            default_kind: String::new(),
            evaluator: at("評価者"),
            written_on: at("記載日"),
            scores: vec![None; 4],
            comments: vec![None; 4],
            item: at("項目"),
            score: at("評価"),
            comment: at("コメント"),
        };
    }
    let per_item = |comment: bool| -> Vec<Option<u32>> {
        EvalItem::ALL
            .iter()
            .map(|item| {
                headers
                    .iter()
                    .position(|h| {
                        let names_item = h.contains(item.short())
                            || h.starts_with(item.label())
                            || h.contains(&format!("{}.", item.label()))
                            || h.contains(&format!("（{}）", item.label()));
                        names_item && h.contains("コメント") == comment
                    })
                    .map(|i| i as u32)
            })
            .collect()
    };
    Mapping {
        layout: Layout::Wide,
        meeting_date: find(headers, &["会議日", "会議の日", "開催日"]),
        meeting_title: find(headers, &["会議名"]),
        kind: find(headers, &["区分", "他者", "自己"]),
        default_kind: String::new(),
        evaluator: find(headers, &["氏名", "評価者", "お名前", "名前"]),
        written_on: find(
            headers,
            &["記載日", "タイムスタンプ", "回答日", "Timestamp"],
        ),
        scores: per_item(false),
        comments: per_item(true),
        item: None,
        score: None,
        comment: None,
    }
}

/// A refused row: its number as a spreadsheet shows it (the header is row 1).
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
#[ts(export)]
pub struct RowProblem {
    pub row: u32,
    pub reason: String,
}

/// What an import would do, or did.
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
#[ts(export)]
pub struct CsvPreview {
    pub headers: Vec<String>,
    pub mapping: Mapping,
    /// The first rows, as read.
    pub sample: Vec<Vec<String>>,
    /// 表1 forms found (a long-layout form is four rows).
    pub forms: u32,
    /// Of those, not yet in this project.
    pub new: u32,
    pub already: u32,
    pub refused: Vec<RowProblem>,
    pub applied: bool,
}

/// One form read from the sheet, with the rows it came from.
struct Form {
    rows: Vec<u32>,
    input: EvaluationInput,
    meeting_uuid: String,
    evaluator_name: String,
}

fn cell(row: &[String], col: Option<u32>) -> &str {
    col.and_then(|c| row.get(c as usize))
        .map(String::as_str)
        .unwrap_or("")
}

fn kind_of(text: &str) -> Option<EvaluatorKind> {
    let t = text.trim();
    if t.contains("他者") {
        Some(EvaluatorKind::Other)
    } else if t.contains("自己") {
        Some(EvaluatorKind::SelfRating)
    } else {
        None
    }
}

fn score_of(text: &str) -> Option<i32> {
    // 「4」「4:十分に満足できる対応ができた」「４」 all read as 4.
    let t: String = text
        .trim()
        .chars()
        .take_while(|c| !matches!(c, ':' | '：' | ' ' | '　'))
        .collect();
    let t = t
        .chars()
        .map(|c| {
            if ('０'..='９').contains(&c) {
                char::from_u32(c as u32 - 0xFEE0).unwrap_or(c)
            } else {
                c
            }
        })
        .collect::<String>();
    t.parse().ok()
}

struct Context<'a> {
    project_id: i64,
    meetings: &'a [(Meeting, String)],
    members: &'a [Member],
}

impl Context<'_> {
    fn meeting(
        &self,
        row: &[String],
        m: &Mapping,
    ) -> std::result::Result<&(Meeting, String), String> {
        let date_text = cell(row, m.meeting_date);
        let title = cell(row, m.meeting_title);
        let date = crate::wareki::parse_date_with_year(date_text);
        if m.meeting_date.is_some() && date.is_none() {
            return Err(format!("会議日「{date_text}」を日付として読めません"));
        }
        let candidates: Vec<&(Meeting, String)> = self
            .meetings
            .iter()
            .filter(|(x, _)| date.is_none_or(|d| x.held_on == d))
            .filter(|(x, _)| title.is_empty() || x.title == title)
            .collect();
        match candidates.as_slice() {
            [one] => Ok(one),
            [] => Err(format!(
                "この事業に「{}{}」の会議がありません",
                date.map(crate::wareki::date_wareki).unwrap_or_default(),
                if title.is_empty() {
                    String::new()
                } else {
                    format!(" {title}")
                }
            )),
            _ => Err("同じ日の会議が複数あります。会議名の列も選んでください".into()),
        }
    }

    /// A member of the meeting's projects (a joint meeting has several), by
    /// name. The same person may be a member of each team of a joint meeting
    /// (a supporter, the secretariat): this project's record comes first.
    fn evaluator(
        &self,
        name: &str,
        meeting: Option<&Meeting>,
    ) -> std::result::Result<Option<i64>, String> {
        let n = name.trim();
        if n.is_empty() || n == "匿名" {
            return Ok(None);
        }
        let squeeze = |s: &str| s.chars().filter(|c| !c.is_whitespace()).collect::<String>();
        let mut candidates: Vec<&Member> = self
            .members
            .iter()
            .filter(|m| meeting.is_none_or(|mt| mt.project_ids.contains(&m.project_id)))
            .filter(|m| squeeze(&m.name) == squeeze(n))
            .collect();
        candidates.sort_by_key(|m| m.project_id != self.project_id);
        candidates.first().map(|m| Some(m.id)).ok_or_else(|| {
            format!("評価者「{n}」はこの会議の事業のメンバーにいません（匿名にするなら空欄に）")
        })
    }
}

fn forms(t: &Table, m: &Mapping, cx: &Context) -> (Vec<Form>, Vec<RowProblem>) {
    let mut out: Vec<Form> = Vec::new();
    let mut refused = Vec::new();
    // For the one-row-per-item layout: per (meeting, kind, evaluator, 記載日),
    // the forms whose item A, B, C or D is still open, so each row finds its
    // form in log time however long the sheet.
    type Key = (i64, String, Option<i64>, String, String);
    let mut open: HashMap<Key, [BTreeSet<usize>; 4]> = HashMap::new();
    let default_kind = kind_of(&m.default_kind);
    for (i, row) in t.rows.iter().enumerate() {
        let n = i as u32 + 2;
        if row.iter().all(|c| c.is_empty()) {
            continue;
        }
        let mut problems = Vec::new();
        let meeting = cx.meeting(row, m).map_err(|e| problems.push(e)).ok();
        let kind = if m.kind.is_some() {
            kind_of(cell(row, m.kind))
        } else {
            default_kind
        };
        if kind.is_none() {
            problems.push(format!(
                "評価者の区分「{}」が他者評価・自己評価のどちらか読めません",
                cell(row, m.kind)
            ));
        }
        let who = cell(row, m.evaluator).to_owned();
        let evaluator = cx
            .evaluator(&who, meeting.map(|(m, _)| m))
            .map_err(|e| problems.push(e))
            .ok()
            .flatten();
        let written_text = cell(row, m.written_on);
        let written = match (crate::wareki::parse_date_with_year(written_text), meeting) {
            (Some(d), _) => Some(d),
            (None, Some((mt, _))) if m.written_on.is_none() => Some(mt.held_on),
            _ => {
                problems.push(format!("記載日「{written_text}」を日付として読めません"));
                None
            }
        };
        if !problems.is_empty() {
            refused.push(RowProblem {
                row: n,
                reason: problems.join("。"),
            });
            continue;
        }
        let (meeting, meeting_uuid) = meeting.expect("checked");
        let base = EvaluationInput {
            meeting_id: meeting.id,
            kind: kind.expect("checked").label().into(),
            evaluator_id: evaluator,
            written_on: written.expect("checked").to_string(),
            scores: vec![None; 4],
            comments: vec![String::new(); 4],
        };
        match m.layout {
            Layout::Wide => {
                let mut input = base;
                for k in 0..4 {
                    input.scores[k] = score_of(cell(row, m.scores.get(k).copied().flatten()));
                    input.comments[k] = cell(row, m.comments.get(k).copied().flatten()).to_owned();
                }
                out.push(Form {
                    rows: vec![n],
                    input,
                    meeting_uuid: meeting_uuid.clone(),
                    evaluator_name: who,
                });
            }
            Layout::Long => {
                let item = cell(row, m.item).trim().to_uppercase();
                let Some(k) = EvalItem::ALL.iter().position(|x| x.label() == item) else {
                    refused.push(RowProblem {
                        row: n,
                        reason: format!("項目「{item}」は A〜D のどれでもありません"),
                    });
                    continue;
                };
                // The four rows of one form share meeting, kind, evaluator and
                // 記載日; a row joins the latest such form whose item is open.
                let key: Key = (
                    base.meeting_id,
                    base.kind.clone(),
                    base.evaluator_id,
                    base.written_on.clone(),
                    who.clone(),
                );
                let free = open.entry(key).or_default();
                let at = match free[k].last() {
                    Some(&at) => at,
                    None => {
                        out.push(Form {
                            rows: Vec::new(),
                            input: base,
                            meeting_uuid: meeting_uuid.clone(),
                            evaluator_name: who.clone(),
                        });
                        let at = out.len() - 1;
                        for f in free.iter_mut() {
                            f.insert(at);
                        }
                        at
                    }
                };
                let f = &mut out[at];
                f.rows.push(n);
                f.input.scores[k] = score_of(cell(row, m.score));
                f.input.comments[k] = cell(row, m.comment).to_owned();
                if f.input.scores[k].is_some() {
                    free[k].remove(&at);
                }
            }
        }
    }
    // Every form must be whole and valid, as the window's 表1 requires.
    let mut ok = Vec::new();
    for f in out {
        match f.input.validate() {
            Ok(_) => ok.push(f),
            Err(e) => {
                let reasons: Vec<String> = e.fields().iter().map(|x| x.message.clone()).collect();
                refused.push(RowProblem {
                    row: f.rows[0],
                    reason: reasons.join("。"),
                });
            }
        }
    }
    refused.sort_by_key(|r| r.row);
    (ok, refused)
}

/// The same form always gets the same UUID, so importing a sheet twice adds
/// nothing; `occurrence` tells apart identical forms in one sheet (two
/// anonymous team members who answered alike are two forms).
fn form_uuid(f: &Form, occurrence: usize) -> String {
    let ns = uuid::Uuid::from_u128(0x6f2a_1c4e_5b3d_4e8a_9c71_2d5e_8f40_a1b3);
    let mut key = format!(
        "{}|{}|{}|{}|{:?}|{:?}",
        f.meeting_uuid,
        f.input.kind,
        f.evaluator_name,
        f.input.written_on,
        f.input.scores,
        f.input.comments
    );
    if occurrence > 0 {
        key.push_str(&format!("#{occurrence}"));
    }
    uuid::Uuid::new_v5(&ns, key.as_bytes()).to_string()
}

/// Checks the sheet against the project and, unless `dry_run`, adds the new
/// forms in one transaction (after a backup). Rows that are refused are listed
/// and never written; the others go in whole.
pub fn import(
    store: &mut Store,
    project_id: i64,
    table: &Table,
    mapping: Option<Mapping>,
    dry_run: bool,
) -> Result<CsvPreview> {
    let mapping = mapping.unwrap_or_else(|| guess(&table.headers));
    let columns = table.headers.len() as u32;
    let used = [
        mapping.meeting_date,
        mapping.meeting_title,
        mapping.kind,
        mapping.evaluator,
        mapping.written_on,
        mapping.item,
        mapping.score,
        mapping.comment,
    ]
    .into_iter()
    .chain(mapping.scores.iter().copied())
    .chain(mapping.comments.iter().copied())
    .flatten();
    if used.into_iter().any(|c| c >= columns) {
        return Err(refuse("選んだ列が CSV にありません"));
    }
    if mapping.meeting_date.is_none() && mapping.meeting_title.is_none() {
        return Err(refuse("会議日か会議名の列を選んでください"));
    }
    if mapping.layout == Layout::Wide && mapping.scores.iter().take(4).any(Option::is_none) {
        return Err(refuse("A〜D の評価の列をすべて選んでください"));
    }
    let meetings: Vec<(Meeting, String)> = store
        .meetings(project_id, &Default::default())?
        .into_iter()
        .map(|m| {
            let uuid = store.record_uuid("meetings", m.id)?;
            Ok((m, uuid))
        })
        .collect::<Result<_>>()?;
    // The people of every project the meetings belong to (joint meetings too).
    let mut projects: Vec<i64> = meetings
        .iter()
        .flat_map(|(m, _)| m.project_ids.clone())
        .collect();
    projects.push(project_id);
    projects.sort_unstable();
    projects.dedup();
    let mut members = Vec::new();
    for p in projects {
        members.extend(store.members(p)?);
    }
    let (found, refused) = forms(
        table,
        &mapping,
        &Context {
            project_id,
            meetings: &meetings,
            members: &members,
        },
    );
    // Already here: imported before (same UUID), or the same form entered in
    // the window (same meeting, kind, evaluator, date, scores and comments).
    let mut existing: std::collections::HashMap<i64, Vec<crate::model::evaluation::Evaluation>> =
        std::collections::HashMap::new();
    let mut new = Vec::new();
    let mut seen: HashMap<String, usize> = HashMap::new();
    for f in found.iter() {
        let first = form_uuid(f, 0);
        let occurrence = seen.entry(first).or_insert(0);
        let uuid = form_uuid(f, *occurrence);
        *occurrence += 1;
        if store.has_record("evaluations", &uuid)? {
            continue;
        }
        let m = f.input.meeting_id;
        if let std::collections::hash_map::Entry::Vacant(e) = existing.entry(m) {
            e.insert(store.meeting_evaluations(m)?);
        }
        let anonymous = |name: &str| name.trim().is_empty() || name.trim() == "匿名";
        let same = existing[&m].iter().any(|e| {
            e.kind.label() == f.input.kind
                && (e.evaluator == f.evaluator_name.trim()
                    || (e.evaluator_id.is_none() && anonymous(&f.evaluator_name)))
                && e.written_on.to_string() == f.input.written_on
                && e.scores
                    .iter()
                    .map(|&s| Some(i32::from(s)))
                    .collect::<Vec<_>>()
                    == f.input.scores
                && e.comments == f.input.comments
        });
        if !same {
            new.push((uuid, f));
        }
    }
    let preview = CsvPreview {
        headers: table.headers.clone(),
        sample: table.rows.iter().take(5).cloned().collect(),
        forms: found.len() as u32,
        new: new.len() as u32,
        already: (found.len() - new.len()) as u32,
        refused,
        applied: !dry_run,
        mapping,
    };
    if dry_run || new.is_empty() {
        return Ok(CsvPreview {
            applied: !dry_run,
            ..preview
        });
    }
    store.backup_now(crate::store::backup::Reason::Import)?;
    let drafts: Vec<(String, crate::model::evaluation::ValidEvaluation)> = new
        .iter()
        .map(|(u, f)| Ok((u.clone(), f.input.validate()?)))
        .collect::<Result<_>>()?;
    store.insert_evaluations_with_uuids(&drafts)?;
    Ok(preview)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn shift_jis_from_excel_reads_like_utf8() {
        let (sjis, _, _) = encoding_rs::SHIFT_JIS.encode("会議日,評価\r\n2024/7/16,４\r\n");
        let t = read_table(&sjis).unwrap();
        assert_eq!(t.headers, ["会議日", "評価"]);
        assert_eq!(t.rows[0], ["2024/7/16", "４"]);
        assert_eq!(score_of(&t.rows[0][1]), Some(4));
        assert_eq!(score_of("3:ほぼ必要な対応ができた"), Some(3));
    }

    #[test]
    fn a_forms_columns_are_guessed_from_the_words_of_table_1() {
        let headers: Vec<String> = [
            "タイムスタンプ",
            "氏名",
            "評価者の区分",
            "モデルチーム会議日",
            "A 関係性",
            "A コメント",
            "B 活動の推進",
            "B コメント",
            "C 現実検討",
            "C コメント",
            "D 臨機応変な支援",
            "D コメント",
        ]
        .iter()
        .map(|s| s.to_string())
        .collect();
        let m = guess(&headers);
        assert_eq!(m.layout, Layout::Wide);
        assert_eq!(
            (m.written_on, m.evaluator, m.kind, m.meeting_date),
            (Some(0), Some(1), Some(2), Some(3))
        );
        assert_eq!(m.scores, [Some(4), Some(6), Some(8), Some(10)]);
        assert_eq!(m.comments, [Some(5), Some(7), Some(9), Some(11)]);
    }
}
