//! 表1 as an Excel workbook: written for one meeting with the meeting filled
//! in, the 評価者 and 区分 as drop-down lists, 記載日 validated as a date, A–D
//! whole numbers 1–4 with the scale words and the 〇 points beside them,
//! comment cells that wrap, and only the input cells unlocked (Excel's own data
//! validation and sheet protection, so any spreadsheet shows the same lists and
//! limits). A supporter fills it in Excel or LibreOffice and mails it back;
//! the filled workbooks are read back ([`import`]) into the same engine that
//! takes a 評価回答 bundle: one meeting's evaluations by the people its
//! projects have, each checked as the window's 表1 checks it. A form of the
//! same meeting, evaluator and 区分 as one already here updates it.
//!
//! A workbook may hold several forms: every visible sheet laid out as 表1 is
//! one (a supporter may copy the sheet for a second form). The meeting is
//! named on a hidden sheet by its UUID.

use super::{cell_name, message_of, open, read_cells, refuse, Book, Cell, Value};
use crate::error::{Error, Result};
use crate::model::evaluation::{EvalItem, EvaluationInput, EvaluatorKind, RATING_LABELS};
use crate::model::meeting::Meeting;
use crate::model::Member;
use crate::store::bundle::{Bundle, Choices};
use crate::store::record::{EvaluationData, Evaluations, Rec};
use crate::store::Store;
use chrono::NaiveDate;
use rust_xlsxwriter::{
    DataValidation, DataValidationRule, ExcelDateTime, Format, FormatAlign, FormatBorder, Formula,
    Workbook, Worksheet,
};
use serde::Serialize;
use std::collections::HashMap;
use std::path::{Path, PathBuf};
use ts_rs::TS;

/// A1 of every form sheet.
pub const TITLE: &str = "伴走型支援事業評価（表1）";
/// The hidden sheet naming the meeting.
const DATA_SHEET: &str = "_bansou";
/// Its A1, and the layout's version in B1.
const MARKER: &str = "bansou-note/evaluation-form";
const LAYOUT_VERSION: f64 = 1.0;
/// The defined name of the evaluators' list on the hidden sheet.
const EVALUATORS: &str = "bansou_evaluators";
/// The first row of that list (0-based).
const LIST_ROW: u32 = 5;
/// 和暦 as Excel shows it: 令和6年12月5日 (the first year of an era as 1年).
/// The LCID form (411 = ja-JP) is the one LibreOffice reads too; it turns
/// `[$-ja-JP-x-gannen]`, which shows 元年 in Excel, into 「標準」 and the date
/// into a bare number.
pub const WAREKI_FORMAT: &str = "[$-411]ggge\"年\"m\"月\"d\"日\"";

// The layout (0-based rows and columns): labels in A, inputs in B (score) and E (comment).
const ROW_MEETING: u32 = 1;
const ROW_EVALUATOR: u32 = 2;
const ROW_KIND: u32 = 3;
const ROW_WRITTEN: u32 = 4;
const ROW_HEADER: u32 = 5;
/// Items A–D on rows 7–10 (1-based): item A's score is B7.
const ROW_ITEMS: u32 = 6;
const COL_INPUT: u16 = 1;
const COL_SCALE: u16 = 2;
const COL_POINTS: u16 = 3;
const COL_COMMENT: u16 = 4;
/// A form sheet has nothing beyond these (rows, columns); a cell there refuses it.
const FORM_ROWS: u32 = 60;
const FORM_COLS: u32 = 26;

const LABEL_EVALUATOR: &str = "評価者";
const LABEL_KIND: &str = "区分";
const LABEL_WRITTEN: &str = "記載日";

fn item_label(item: EvalItem) -> String {
    format!("{} {}\n{}", item.label(), item.short(), item.title())
}

fn scale_text() -> String {
    (1..=4)
        .rev()
        .map(|n| format!("{n}：{}", RATING_LABELS[n - 1]))
        .collect::<Vec<_>>()
        .join("\n")
}

/// A form written already filled in (the benchmark's and tests' workbooks;
/// a team may also hand out forms with the evaluator chosen).
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Fill {
    pub evaluator: String,
    pub kind: String,
    pub written_on: Option<NaiveDate>,
    pub scores: [Option<u8>; 4],
    pub comments: [String; 4],
}

/// The people who may evaluate the meeting: the members of its projects (not
/// 退任), this project's first, each name once.
fn evaluators(store: &Store, meeting: &Meeting, project_id: i64) -> Result<Vec<Member>> {
    let mut projects = meeting.project_ids.clone();
    projects.sort_by_key(|p| *p != project_id);
    let mut out: Vec<Member> = Vec::new();
    for p in projects {
        for m in store.members(p)? {
            if !m.retired && !out.iter().any(|o| squeeze(&o.name) == squeeze(&m.name)) {
                out.push(m);
            }
        }
    }
    Ok(out)
}

fn squeeze(s: &str) -> String {
    s.chars().filter(|c| !c.is_whitespace()).collect()
}

/// 「令和6年12月5日 第3回チーム会議（山口県理学療法士会）」.
fn meeting_label(store: &Store, m: &Meeting) -> Result<String> {
    let mut societies = Vec::new();
    for p in &m.project_ids {
        societies.push(store.project(*p)?.society);
    }
    Ok(format!(
        "{} {}（{}）",
        m.held_on_label,
        m.title,
        societies.join("・")
    ))
}

fn excel_date(d: NaiveDate) -> Result<ExcelDateTime> {
    use chrono::Datelike;
    Ok(ExcelDateTime::from_ymd(
        d.year().clamp(1900, 9999) as u16,
        d.month() as u8,
        d.day() as u8,
    )?)
}

/// The 表1 workbook for `meeting_id` of `project_id`: one blank form, or one
/// sheet per `fills`.
pub fn form_workbook(
    store: &Store,
    project_id: i64,
    meeting_id: i64,
    fills: &[Fill],
) -> Result<Vec<u8>> {
    let meeting = store.meeting(meeting_id)?;
    if !meeting.project_ids.contains(&project_id) {
        return Err(Error::Validation(vec![crate::FieldError::new(
            "meeting",
            format!("会議（ID {meeting_id}）はこの事業の会議ではありません"),
        )]));
    }
    let people = evaluators(store, &meeting, project_id)?;
    if people.is_empty() {
        return Err(Error::Validation(vec![crate::FieldError::new(
            "meeting",
            "この会議の事業にメンバーがいないため、評価者を選べる評価票を作れません。先にメンバーを登録してください",
        )]));
    }
    let label = meeting_label(store, &meeting)?;
    let mut wb = Workbook::new();
    let styles = Styles::new();
    let rules = Rules::new(&meeting)?;
    let blank = [Fill::default()];
    let fills = if fills.is_empty() { &blank[..] } else { fills };
    for (i, fill) in fills.iter().enumerate() {
        let ws = wb.add_worksheet();
        ws.set_name(if i == 0 {
            "表1".to_owned()
        } else {
            format!("表1 ({})", i + 1)
        })?;
        write_form(ws, &label, fill, &styles, &rules)?;
    }
    let ids = [
        ("meeting", store.record_uuid("meetings", meeting_id)?),
        ("project", store.record_uuid("projects", project_id)?),
        ("label", label),
    ];
    write_data_sheet(&mut wb, &ids, &people)?;
    Ok(wb.save_to_buffer()?)
}

/// The form's cell formats: fixed text, and the unlocked yellow input cells.
struct Styles {
    title: Format,
    head: Format,
    label: Format,
    fixed: Format,
    input: Format,
    score: Format,
    comment: Format,
    date: Format,
    note: Format,
}

impl Styles {
    fn new() -> Styles {
        let font = |f: Format| f.set_font_name("BIZ UDPGothic").set_font_size(11);
        let input = font(Format::new())
            .set_unlocked()
            .set_background_color(0xFFFBE6)
            .set_border(FormatBorder::Medium)
            .set_align(FormatAlign::Top);
        Styles {
            title: font(Format::new()).set_bold().set_font_size(14),
            head: font(Format::new())
                .set_bold()
                .set_background_color(0xE8F0FE)
                .set_border(FormatBorder::Thin)
                .set_align(FormatAlign::VerticalCenter)
                .set_text_wrap(),
            label: font(Format::new())
                .set_bold()
                .set_border(FormatBorder::Thin)
                .set_align(FormatAlign::Top)
                .set_text_wrap(),
            fixed: font(Format::new())
                .set_border(FormatBorder::Thin)
                .set_align(FormatAlign::Top)
                .set_text_wrap(),
            score: input
                .clone()
                .set_align(FormatAlign::Center)
                .set_font_size(14),
            comment: input.clone().set_text_wrap(),
            date: input.clone().set_num_format(WAREKI_FORMAT),
            note: font(Format::new()).set_font_size(9).set_text_wrap(),
            input,
        }
    }
}

/// Excel's own data validation for the input cells, so any spreadsheet
/// shows the same lists and limits as the app checks on import.
struct Rules {
    evaluator: DataValidation,
    kind: DataValidation,
    date: DataValidation,
    score: DataValidation,
    comment: DataValidation,
}

impl Rules {
    fn new(meeting: &Meeting) -> Result<Rules> {
        Ok(Rules {
            evaluator: DataValidation::new()
                .allow_list_formula(Formula::new(format!("={EVALUATORS}")))
                .set_input_title("評価者")?
                .set_input_message("一覧から選んでください")?
                .set_error_title("評価者")?
                .set_error_message("評価者は一覧から選んでください")?,
            kind: DataValidation::new()
                .allow_list_strings(&EvaluatorKind::labels())?
                .set_input_title("区分")?
                .set_input_message("チームの方は他者評価、伴走支援者ご自身は自己評価")?
                .set_error_message("他者評価か自己評価を選んでください")?,
            date: DataValidation::new()
                .allow_date(DataValidationRule::Between(
                    excel_date(meeting.held_on)?,
                    ExcelDateTime::from_ymd(2099, 12, 31)?,
                ))
                .set_input_title("記載日")?
                .set_input_message(format!(
                    "日付を入力してください（例：{}）",
                    meeting.held_on.format("%Y/%-m/%-d")
                ))?
                .set_error_message(format!(
                    "記載日は会議の日（{}）以降の日付で入力してください",
                    meeting.held_on_label
                ))?,
            score: DataValidation::new()
                .allow_whole_number(DataValidationRule::Between(1, 4))
                .set_input_title("評価（1〜4）")?
                .set_input_message(scale_text().replace('\n', "／"))?
                .set_error_title("評価")?
                .set_error_message("1〜4の整数で入力してください")?,
            comment: DataValidation::new()
                .allow_text_length(DataValidationRule::LessThanOrEqualTo(
                    crate::model::limits::COMMENT as u32,
                ))
                .set_error_message(format!(
                    "コメントは{}文字までです",
                    crate::model::limits::COMMENT
                ))?,
        })
    }
}

/// Writes `text` in an input cell, or leaves it blank (but formatted, so it
/// stays unlocked and yellow).
fn write_input(ws: &mut Worksheet, row: u32, col: u16, text: &str, f: &Format) -> Result<()> {
    if text.is_empty() {
        ws.write_blank(row, col, f)?;
    } else {
        ws.write_string_with_format(row, col, text, f)?;
    }
    Ok(())
}

/// One 表1 sheet: the meeting (locked), the evaluator, 区分 and 記載日, and the
/// four items with their scale and 〇 points; only the input cells unlocked.
fn write_form(
    ws: &mut Worksheet,
    meeting_label: &str,
    fill: &Fill,
    st: &Styles,
    rules: &Rules,
) -> Result<()> {
    ws.set_column_width(0, 30)?;
    ws.set_column_width(COL_INPUT, 14)?;
    ws.set_column_width(COL_SCALE, 30)?;
    ws.set_column_width(COL_POINTS, 44)?;
    ws.set_column_width(COL_COMMENT, 50)?;
    ws.write_string_with_format(0, 0, TITLE, &st.title)?;
    ws.write_string_with_format(ROW_MEETING, 0, "会議", &st.label)?;
    ws.write_string_with_format(ROW_MEETING, COL_INPUT, meeting_label, &st.fixed)?;
    for (row, text, help) in [
        (ROW_EVALUATOR, LABEL_EVALUATOR, "一覧から選んでください"),
        (
            ROW_KIND,
            LABEL_KIND,
            "チームの方は他者評価、伴走支援者ご自身は自己評価",
        ),
        (ROW_WRITTEN, LABEL_WRITTEN, "記入した日（例：2024/12/5）"),
    ] {
        ws.write_string_with_format(row, 0, text, &st.label)?;
        ws.write_string_with_format(row, COL_SCALE, help, &st.note)?;
    }
    write_input(ws, ROW_EVALUATOR, COL_INPUT, &fill.evaluator, &st.input)?;
    write_input(ws, ROW_KIND, COL_INPUT, &fill.kind, &st.input)?;
    match fill.written_on {
        Some(d) => {
            ws.write_datetime_with_format(ROW_WRITTEN, COL_INPUT, excel_date(d)?, &st.date)?
        }
        None => ws.write_blank(ROW_WRITTEN, COL_INPUT, &st.date)?,
    };
    for (row, rule) in [
        (ROW_EVALUATOR, &rules.evaluator),
        (ROW_KIND, &rules.kind),
        (ROW_WRITTEN, &rules.date),
    ] {
        ws.add_data_validation(row, COL_INPUT, row, COL_INPUT, rule)?;
    }
    for (col, text) in [
        (0, "項目"),
        (COL_INPUT, "評価（1〜4）"),
        (COL_SCALE, "評価の目安"),
        (COL_POINTS, "〇 観点"),
        (COL_COMMENT, "コメント"),
    ] {
        ws.write_string_with_format(ROW_HEADER, col, text, &st.head)?;
    }
    for (k, item) in EvalItem::ALL.iter().enumerate() {
        let row = ROW_ITEMS + k as u32;
        ws.set_row_height(row, 78)?;
        ws.write_string_with_format(row, 0, item_label(*item), &st.label)?;
        match fill.scores[k] {
            Some(s) => ws.write_number_with_format(row, COL_INPUT, s, &st.score)?,
            None => ws.write_blank(row, COL_INPUT, &st.score)?,
        };
        ws.write_string_with_format(row, COL_SCALE, scale_text(), &st.fixed)?;
        let points: Vec<String> = item.points().iter().map(|p| format!("〇{p}")).collect();
        ws.write_string_with_format(row, COL_POINTS, points.join("\n"), &st.fixed)?;
        write_input(ws, row, COL_COMMENT, &fill.comments[k], &st.comment)?;
    }
    let last = ROW_ITEMS + 3;
    ws.add_data_validation(ROW_ITEMS, COL_INPUT, last, COL_INPUT, &rules.score)?;
    ws.add_data_validation(ROW_ITEMS, COL_COMMENT, last, COL_COMMENT, &rules.comment)?;
    ws.write_string_with_format(
        last + 2,
        0,
        "黄色のセルに入力してください（ほかのセルは保護されています）。記入後、このファイルを保存して返送してください。",
        &st.note,
    )?;
    ws.set_selection(ROW_EVALUATOR, COL_INPUT, ROW_EVALUATOR, COL_INPUT)?;
    ws.set_landscape();
    ws.set_paper_size(9);
    ws.set_print_fit_to_pages(1, 1);
    ws.protect();
    Ok(())
}

/// The hidden sheet: what the form is for (the meeting's and project's
/// UUIDs, checked on import) and the evaluators' list the drop-down reads.
fn write_data_sheet(wb: &mut Workbook, ids: &[(&str, String)], people: &[Member]) -> Result<()> {
    let data = wb.add_worksheet();
    data.set_name(DATA_SHEET)?;
    data.write_string(0, 0, MARKER)?;
    data.write_number(0, 1, LAYOUT_VERSION)?;
    for (i, (key, value)) in ids.iter().enumerate() {
        data.write_string(1 + i as u32, 0, *key)?;
        data.write_string(1 + i as u32, 1, value)?;
    }
    data.write_string(LIST_ROW - 1, 0, "評価者")?;
    for (i, m) in people.iter().enumerate() {
        data.write_string(LIST_ROW + i as u32, 0, &m.name)?;
    }
    data.set_hidden(true);
    data.protect();
    wb.define_name(
        EVALUATORS,
        &format!(
            "='{DATA_SHEET}'!$A${}:$A${}",
            LIST_ROW + 1,
            LIST_ROW + people.len() as u32
        ),
    )?;
    Ok(())
}

/// What happens to one form of a workbook.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "lowercase")]
#[ts(export)]
pub enum FormStatus {
    /// A new evaluation.
    Add,
    /// Replaces the one here of the same meeting, evaluator and 区分.
    Update,
    /// The same evaluation is here already.
    Same,
    /// Not taken in; `problems` says why.
    Refused,
}

/// One form (one sheet) of a workbook, as the preview shows it.
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
#[ts(export)]
pub struct FormRow {
    pub sheet: String,
    pub evaluator: String,
    pub kind: String,
    /// 令和6年12月5日, or empty when unreadable.
    pub written_on: String,
    /// A–D as read (0 where unreadable).
    pub scores: Vec<u8>,
    pub status: FormStatus,
    /// 「B7：1〜4で入力してください」…
    pub problems: Vec<String>,
}

/// One workbook of an import.
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
#[ts(export)]
pub struct FormFile {
    /// The file's name as chosen.
    pub file: String,
    /// The meeting it is for, as the workbook names it.
    pub meeting: String,
    pub rows: Vec<FormRow>,
    /// Why the whole file is refused (not a workbook, another meeting…).
    pub problems: Vec<String>,
}

/// What importing filled 表1 workbooks would do, or did.
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
#[ts(export)]
pub struct FormImport {
    pub files: Vec<FormFile>,
    pub added: u32,
    pub updated: u32,
    pub unchanged: u32,
    /// Forms (and whole files) not taken in.
    pub refused: u32,
    pub applied: bool,
    /// 「追加 3件・更新 1件・取り込めない 2件」.
    pub sentence: String,
}

/// The `.xlsx` files among `paths`: a folder stands for the workbooks in it
/// (Excel's 「~$」 lock files left out), sorted by name.
pub fn expand_paths(paths: &[PathBuf]) -> Result<Vec<PathBuf>> {
    let mut out = Vec::new();
    for p in paths {
        if p.is_dir() {
            let io = |source| Error::Io {
                path: p.clone(),
                source,
            };
            let mut found: Vec<PathBuf> = std::fs::read_dir(p)
                .map_err(io)?
                .filter_map(|e| e.ok().map(|e| e.path()))
                .filter(|f| {
                    f.is_file()
                        && f.extension()
                            .is_some_and(|x| x.eq_ignore_ascii_case("xlsx"))
                        && !f
                            .file_name()
                            .is_some_and(|n| n.to_string_lossy().starts_with("~$"))
                })
                .collect();
            found.sort();
            out.extend(found);
        } else {
            out.push(p.clone());
        }
    }
    Ok(out)
}

/// A form read from a sheet, before the database is asked.
struct Read {
    sheet: String,
    evaluator: String,
    kind: Option<EvaluatorKind>,
    written_on: Option<NaiveDate>,
    scores: Vec<Option<i32>>,
    comments: Vec<String>,
    problems: Vec<String>,
}

/// The cell at (row, col) of a sheet read by [`read_cells`].
fn at(cells: &HashMap<(u32, u32), &Cell>, row: u32, col: u16) -> Option<Cell> {
    cells.get(&(row, col as u32)).map(|c| (*c).clone())
}

fn text_at(cells: &HashMap<(u32, u32), &Cell>, row: u32, col: u16) -> String {
    at(cells, row, col)
        .map(|c| c.value.text())
        .unwrap_or_default()
}

/// Reads one form sheet; None when the sheet is empty (skipped).
fn read_form(book: &mut Book, sheet: &str) -> Result<Option<Read>> {
    let cells = read_cells(book, sheet, FORM_ROWS, FORM_COLS)?;
    if cells.is_empty() {
        return Ok(None);
    }
    let map: HashMap<(u32, u32), &Cell> = cells.iter().map(|c| ((c.row, c.col), c)).collect();
    let mut r = Read {
        sheet: sheet.to_owned(),
        evaluator: String::new(),
        kind: None,
        written_on: None,
        scores: vec![None; 4],
        comments: vec![String::new(); 4],
        problems: Vec::new(),
    };
    // The layout must be ours: a row or column inserted shifts every input.
    let mut expected: Vec<(u32, u16, String)> = vec![
        (0, 0, TITLE.to_owned()),
        (ROW_EVALUATOR, 0, LABEL_EVALUATOR.to_owned()),
        (ROW_KIND, 0, LABEL_KIND.to_owned()),
        (ROW_WRITTEN, 0, LABEL_WRITTEN.to_owned()),
    ];
    for (k, item) in EvalItem::ALL.iter().enumerate() {
        expected.push((ROW_ITEMS + k as u32, 0, item_label(*item)));
    }
    for (row, col, want) in &expected {
        let got = text_at(&map, *row, *col);
        if squeeze(&got) != squeeze(want) {
            let first_line = want.lines().next().unwrap_or_default();
            r.problems.push(format!(
                "{}：評価票の形ではありません（ここは「{first_line}」のはずです）。行や列を足したり消したりせずに記入してください",
                cell_name(*row, *col as u32)
            ));
            return Ok(Some(r));
        }
    }
    for range in super::merged_ranges(book, sheet)? {
        r.problems.push(format!(
            "{range}：セルが結合されています。評価票のセルは結合しないでください"
        ));
    }
    let mut inputs: Vec<(u32, u16)> = vec![
        (ROW_EVALUATOR, COL_INPUT),
        (ROW_KIND, COL_INPUT),
        (ROW_WRITTEN, COL_INPUT),
    ];
    for k in 0..4 {
        inputs.push((ROW_ITEMS + k, COL_INPUT));
        inputs.push((ROW_ITEMS + k, COL_COMMENT));
    }
    let mut formula = false;
    for &(row, col) in &inputs {
        if at(&map, row, col).is_some_and(|c| c.formula) {
            formula = true;
            r.problems.push(format!(
                "{}：式（数式）は使えません。値を直接入力してください",
                cell_name(row, col as u32)
            ));
        }
    }
    if formula || !r.problems.is_empty() {
        return Ok(Some(r));
    }
    let name = |row: u32, col: u16| cell_name(row, col as u32);
    // 評価者
    match at(&map, ROW_EVALUATOR, COL_INPUT).map(|c| c.value) {
        Some(Value::Text(t)) if !t.trim().is_empty() => r.evaluator = t.trim().to_owned(),
        _ => r.problems.push(format!(
            "{}：評価者を一覧から選んでください",
            name(ROW_EVALUATOR, COL_INPUT)
        )),
    }
    // 区分
    let kind_text = text_at(&map, ROW_KIND, COL_INPUT);
    r.kind = EvaluatorKind::parse(&kind_text);
    if r.kind.is_none() {
        r.problems.push(format!(
            "{}：区分は「他者評価」か「自己評価」を選んでください",
            name(ROW_KIND, COL_INPUT)
        ));
    }
    // 記載日: a date cell, never text that looks like one.
    let at_written = name(ROW_WRITTEN, COL_INPUT);
    match at(&map, ROW_WRITTEN, COL_INPUT).map(|c| c.value) {
        Some(Value::Date(d)) => r.written_on = Some(d.date()),
        None | Some(Value::Empty) => r
            .problems
            .push(format!("{at_written}：記載日を入力してください")),
        Some(Value::Text(t)) => r.problems.push(format!(
            "{at_written}：記載日が文字（「{}」）として入っています。日付として入力してください（例：2024/12/5）",
            t.chars().take(20).collect::<String>()
        )),
        Some(_) => r.problems.push(format!(
            "{at_written}：記載日を日付として入力してください（例：2024/12/5）"
        )),
    }
    // A–D
    for k in 0..4usize {
        let row = ROW_ITEMS + k as u32;
        match at(&map, row, COL_INPUT).map(|c| c.value) {
            Some(Value::Number(n)) if n.fract() == 0.0 && (1.0..=4.0).contains(&n) => {
                r.scores[k] = Some(n as i32)
            }
            None | Some(Value::Empty) => r.problems.push(format!(
                "{}：{}（{}）の評価を1〜4で入力してください",
                name(row, COL_INPUT),
                EvalItem::ALL[k].short(),
                EvalItem::ALL[k].label()
            )),
            Some(_) => r
                .problems
                .push(format!("{}：1〜4で入力してください", name(row, COL_INPUT))),
        }
        r.comments[k] = match at(&map, row, COL_COMMENT).map(|c| c.value) {
            Some(Value::Text(t)) => t.trim().to_owned(),
            Some(Value::Empty) | None => String::new(),
            Some(v) => v.text(),
        };
    }
    Ok(Some(r))
}

/// The cell an [`EvaluationInput`] field's error is about.
fn cell_of_field(field: &str) -> String {
    let item_row = |x: &str| {
        EvalItem::ALL
            .iter()
            .position(|i| i.label() == x)
            .map(|k| ROW_ITEMS + k as u32)
    };
    let (row, col) = match field {
        "kind" => (ROW_KIND, COL_INPUT),
        "written_on" => (ROW_WRITTEN, COL_INPUT),
        "evaluator_id" => (ROW_EVALUATOR, COL_INPUT),
        f => match f.split_once('.') {
            Some(("score", x)) => match item_row(x) {
                Some(r) => (r, COL_INPUT),
                None => return String::new(),
            },
            Some(("comment", x)) => match item_row(x) {
                Some(r) => (r, COL_COMMENT),
                None => return String::new(),
            },
            _ => return String::new(),
        },
    };
    cell_name(row, col as u32)
}

/// A form that passed every check: what goes into the bundle.
struct Ready {
    file: usize,
    row: usize,
    meeting_id: i64,
    member_uuid: String,
    data: EvaluationData,
}

/// The meeting a workbook is for, from its hidden sheet: (meeting uuid, label).
fn workbook_meeting(book: &mut Book) -> Result<(String, String)> {
    let not_ours = || {
        refuse("伴走ノートで書き出した評価票（表1）のブックではありません。会議の「Excelの評価票を書き出す」で作ったファイルに記入してください")
    };
    if !super::sheets(book).iter().any(|(n, _)| n == DATA_SHEET) {
        return Err(not_ours());
    }
    let cells = read_cells(book, DATA_SHEET, 1_000, 4)?;
    let get = |row: u32, col: u32| {
        cells
            .iter()
            .find(|c| c.row == row && c.col == col && !c.formula)
            .map(|c| c.value.clone())
    };
    if get(0, 0).map(|v| v.text()).as_deref() != Some(MARKER) {
        return Err(not_ours());
    }
    match get(0, 1) {
        Some(Value::Number(v)) if v <= LAYOUT_VERSION => {}
        _ => {
            return Err(refuse(
                "新しい版の伴走ノートで作られた評価票です。アプリを更新してから取り込んでください",
            ))
        }
    }
    let uuid = get(1, 1).map(|v| v.text()).unwrap_or_default();
    if uuid::Uuid::parse_str(&uuid).is_err() {
        return Err(not_ours());
    }
    let label = get(3, 1).map(|v| v.text()).unwrap_or_default();
    Ok((uuid, label.chars().take(100).collect()))
}

/// Reads filled 表1 workbooks and, unless `dry_run`, takes their forms in:
/// per meeting, one 評価回答 through the bundle engine (one transaction, after
/// a backup). Refused forms and files are listed, named by file, sheet and
/// cell, and never written; a file that is not a workbook of this project's
/// meeting (`meeting_id`, when given) is refused whole.
pub fn import(
    store: &mut Store,
    project_id: i64,
    meeting_id: Option<i64>,
    paths: &[PathBuf],
    dry_run: bool,
) -> Result<FormImport> {
    store.project(project_id)?;
    let paths = expand_paths(paths)?;
    if paths.is_empty() {
        return Err(refuse("取り込む Excel ファイル（.xlsx）がありません"));
    }
    let mut files: Vec<FormFile> = Vec::new();
    let mut ready: Vec<Ready> = Vec::new();
    // (meeting, evaluator, kind) → where it was first read.
    let mut taken: HashMap<(i64, String, String), (String, String)> = HashMap::new();
    // Members by meeting: the people its projects have (name → uuid).
    let mut people: HashMap<i64, Vec<(String, String)>> = HashMap::new();
    for path in &paths {
        let name = path
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_else(|| path.display().to_string());
        let mut file = FormFile {
            file: name.clone(),
            meeting: String::new(),
            rows: Vec::new(),
            problems: Vec::new(),
        };
        match read_file(store, project_id, meeting_id, path, &mut file) {
            Ok(Some((meeting, forms))) => {
                if let std::collections::hash_map::Entry::Vacant(e) = people.entry(meeting.id) {
                    e.insert(meeting_people(store, &meeting, project_id)?);
                }
                for f in forms {
                    let (mut row, passed) = check_form(&f, &meeting, &people[&meeting.id]);
                    if let Some(data) = passed {
                        let key = (meeting.id, data.member_uuid.clone(), data.data.kind.clone());
                        if let Some((other_file, other_sheet)) = taken.get(&key) {
                            row.problems.push(format!(
                                "同じ評価者・区分の評価票が「{other_file}」のシート「{other_sheet}」にもあります。1つだけ取り込めます"
                            ));
                        } else {
                            taken.insert(key, (name.clone(), f.sheet.clone()));
                            ready.push(Ready {
                                file: files.len(),
                                row: file.rows.len(),
                                ..data
                            });
                        }
                    }
                    file.rows.push(row);
                }
                if file.rows.is_empty() && file.problems.is_empty() {
                    file.problems
                        .push("記入された評価票がありません（シートがすべて空です）".into());
                }
            }
            Ok(None) => {}
            Err(e) => file.problems.extend(message_of(&e)),
        }
        files.push(file);
    }
    let plans = plan(store, project_id, &ready, &mut files)?;
    if !dry_run {
        for bundle in &plans {
            store.import_bundle(bundle, &Choices::default())?;
        }
    }
    Ok(summary(files, dry_run))
}

/// The people who may evaluate `meeting` (name squeezed → member uuid): the
/// members of its projects, `project_id`'s first, current before retired.
fn meeting_people(
    store: &Store,
    meeting: &Meeting,
    project_id: i64,
) -> Result<Vec<(String, String)>> {
    let mut list = Vec::new();
    let mut projects = meeting.project_ids.clone();
    projects.sort_by_key(|p| *p != project_id);
    for p in projects {
        let mut ms = store.members(p)?;
        ms.sort_by_key(|m| m.retired);
        for m in ms {
            list.push((squeeze(&m.name), store.record_uuid("members", m.id)?));
        }
    }
    Ok(list)
}

/// One form as read, checked: its row in the preview, and what goes into the
/// bundle when every check passed (file and row still to be set).
fn check_form(
    f: &Read,
    meeting: &Meeting,
    people: &[(String, String)],
) -> (FormRow, Option<Ready>) {
    let mut row = FormRow {
        sheet: f.sheet.clone(),
        evaluator: f.evaluator.clone(),
        kind: f.kind.map(|k| k.label().to_owned()).unwrap_or_default(),
        written_on: f
            .written_on
            .map(crate::wareki::date_wareki)
            .unwrap_or_default(),
        scores: f.scores.iter().map(|s| s.unwrap_or(0) as u8).collect(),
        status: FormStatus::Refused,
        problems: f.problems.clone(),
    };
    let member = if f.evaluator.is_empty() {
        None
    } else {
        let found = people
            .iter()
            .find(|(n, _)| *n == squeeze(&f.evaluator))
            .map(|(_, u)| u.clone());
        if found.is_none() {
            row.problems.push(format!(
                "{}：「{}」はこの会議の事業のメンバーにいません。一覧から選んでください",
                cell_name(ROW_EVALUATOR, COL_INPUT as u32),
                f.evaluator.chars().take(30).collect::<String>()
            ));
        }
        found
    };
    if let Some(d) = f.written_on {
        if d < meeting.held_on {
            row.problems.push(format!(
                "{}：記載日は会議の日（{}）と同じか、それより後の日付にしてください",
                cell_name(ROW_WRITTEN, COL_INPUT as u32),
                meeting.held_on_label
            ));
        }
    }
    // The window's own 表1 checks, each named by its cell.
    if row.problems.is_empty() {
        let input = EvaluationInput {
            meeting_id: meeting.id,
            kind: row.kind.clone(),
            evaluator_id: None,
            written_on: f.written_on.map(|d| d.to_string()).unwrap_or_default(),
            scores: f.scores.clone(),
            comments: f.comments.clone(),
        };
        if let Err(e) = input.validate() {
            for fe in e.fields() {
                row.problems
                    .push(format!("{}：{}", cell_of_field(&fe.field), fe.message));
            }
        }
    }
    let passed = match (row.problems.is_empty(), member, f.kind, f.written_on) {
        (true, Some(member), Some(kind), Some(written)) => Some(Ready {
            file: 0,
            row: 0,
            meeting_id: meeting.id,
            member_uuid: member,
            data: EvaluationData {
                meeting: String::new(),
                kind: kind.label().to_owned(),
                evaluator: None,
                written_on: written.to_string(),
                scores: f.scores.iter().map(|s| s.unwrap_or(0)).collect(),
                comments: f.comments.clone(),
            },
        }),
        _ => None,
    };
    (row, passed)
}

/// Per meeting, one 評価回答 bundle of the forms that passed, planned by the
/// bundle engine; each form's status is set in `files` (a refusal by the
/// engine refuses that meeting's forms). The bundles that may be applied.
fn plan(
    store: &Store,
    project_id: i64,
    ready: &[Ready],
    files: &mut [FormFile],
) -> Result<Vec<Bundle>> {
    let mut meetings: Vec<i64> = ready.iter().map(|r| r.meeting_id).collect();
    meetings.sort_unstable();
    meetings.dedup();
    let mut plans = Vec::new();
    for m in meetings {
        let mut bundle = store.evaluation_response(m, project_id)?;
        let meeting_uuid = bundle.meeting.clone().unwrap_or_default();
        let existing = bundle.records::<Evaluations>()?;
        let mut recs: Vec<Rec<EvaluationData>> = Vec::new();
        let mine: Vec<&Ready> = ready.iter().filter(|r| r.meeting_id == m).collect();
        for r in &mine {
            let mut data = r.data.clone();
            data.meeting = meeting_uuid.clone();
            data.evaluator = Some(r.member_uuid.clone());
            let (rec, status) = record_for(&existing, data);
            files[r.file].rows[r.row].status = status;
            recs.push(rec);
        }
        bundle.set_records::<Evaluations>(&recs);
        // The engine's own plan: scope (this meeting, its people), every record
        // checked as the window checks it. A refusal there refuses these forms.
        match store.preview_import(&bundle) {
            Ok(_) => plans.push(bundle),
            Err(e) => {
                let why = message_of(&e);
                for r in &mine {
                    let row = &mut files[r.file].rows[r.row];
                    row.status = FormStatus::Refused;
                    row.problems.extend(why.iter().cloned());
                }
            }
        }
    }
    Ok(plans)
}

/// The record a form becomes: the one here of the same evaluator and 区分 (the
/// latest when there are several) updated — never duplicated — or a new one.
fn record_for(
    existing: &[Rec<EvaluationData>],
    data: EvaluationData,
) -> (Rec<EvaluationData>, FormStatus) {
    let here = existing
        .iter()
        .filter(|e| e.data.evaluator == data.evaluator && e.data.kind == data.kind)
        .max_by(|a, b| a.updated_at.cmp(&b.updated_at));
    match here {
        Some(e) if e.data == data => (e.clone(), FormStatus::Same),
        Some(e) => {
            let mut history = vec![e.version.clone()];
            history.extend(e.history.iter().cloned());
            (
                Rec {
                    uuid: e.uuid.clone(),
                    version: uuid::Uuid::new_v4().simple().to_string(),
                    history,
                    updated_at: crate::store::now(),
                    data,
                },
                FormStatus::Update,
            )
        }
        None => (
            Rec {
                uuid: uuid::Uuid::new_v4().to_string(),
                version: uuid::Uuid::new_v4().simple().to_string(),
                history: Vec::new(),
                updated_at: crate::store::now(),
                data,
            },
            FormStatus::Add,
        ),
    }
}

/// The counts by status and the preview's one sentence.
fn summary(files: Vec<FormFile>, dry_run: bool) -> FormImport {
    let count = |s: FormStatus| {
        files
            .iter()
            .flat_map(|f| &f.rows)
            .filter(|r| r.status == s)
            .count() as u32
    };
    let refused = count(FormStatus::Refused)
        + files
            .iter()
            .filter(|f| !f.problems.is_empty() && f.rows.is_empty())
            .count() as u32;
    let (added, updated, unchanged) = (
        count(FormStatus::Add),
        count(FormStatus::Update),
        count(FormStatus::Same),
    );
    let mut parts: Vec<String> = [
        ("追加", added),
        ("更新", updated),
        ("変更なし", unchanged),
        ("取り込めない", refused),
    ]
    .iter()
    .filter(|(_, n)| *n > 0)
    .map(|(w, n)| format!("{w} {n}件"))
    .collect();
    if parts.is_empty() {
        parts.push("取り込む評価票はありません".into());
    }
    FormImport {
        files,
        added,
        updated,
        unchanged,
        refused,
        applied: !dry_run,
        sentence: parts.join("・"),
    }
}

/// One workbook: its meeting (checked against the project and `meeting_id`)
/// and its forms as read. Ok(None) when the file is refused whole (the
/// reasons are in `file.problems`).
fn read_file(
    store: &Store,
    project_id: i64,
    meeting_id: Option<i64>,
    path: &Path,
    file: &mut FormFile,
) -> Result<Option<(Meeting, Vec<Read>)>> {
    let bytes = crate::files::read_limited(path, super::MAX_FILE)?;
    let mut book = open(bytes)?;
    let (uuid, label) = workbook_meeting(&mut book)?;
    file.meeting = label.clone();
    let found = store.record_id("meetings", &uuid)?;
    let Some(id) = found else {
        file.problems.push(format!(
            "このファイルの会議（{label}）はこのパソコンにありません。評価票を書き出した伴走ノートで取り込んでください"
        ));
        return Ok(None);
    };
    let meeting = store.meeting(id)?;
    if !meeting.project_ids.contains(&project_id) || meeting_id.is_some_and(|m| m != id) {
        file.problems.push(format!(
            "このファイルは別の会議（{label}）の評価票です。{}",
            if meeting_id.is_some() {
                "この会議の評価票を選んでください"
            } else {
                "この事業の会議の評価票を選んでください"
            }
        ));
        return Ok(None);
    }
    let mut forms = Vec::new();
    for (sheet, visible) in super::sheets(&book) {
        if !visible || sheet == DATA_SHEET {
            continue;
        }
        // A sheet that cannot be read as a form at all (a million rows, a
        // broken part) refuses the whole file.
        if let Some(r) = read_form(&mut book, &sheet)? {
            forms.push(r);
        }
    }
    Ok(Some((meeting, forms)))
}
