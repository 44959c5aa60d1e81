//! Excel workbooks (.xlsx): written with rust_xlsxwriter, read with calamine.
//!
//! A workbook a user hands in is checked before calamine parses it: it must
//! be a zip whose parts together unpack to at most [`MAX_UNPACKED`] bytes
//! (counted while inflating, not taken from the zip's own claims, so a zip
//! bomb stops there). Sheets are then read cell by cell as a stream with a
//! bound on rows, so a sheet of a million rows is refused at the bound's row
//! instead of being loaded. A cell holding a formula is never trusted for its
//! value: the readers refuse it, naming the cell.

pub mod form;
pub mod lists;
pub mod parts;
pub mod table;

use crate::error::{Error, FieldError, Result};
use calamine::{DataRef, Reader};
use chrono::NaiveDateTime;
use std::io::{Cursor, Read};

/// Larger files are refused unread.
pub const MAX_FILE: u64 = 20 * 1024 * 1024;
/// The most a workbook's parts may unpack to, all together.
pub const MAX_UNPACKED: u64 = 64 * 1024 * 1024;
/// The most parts (files inside the zip) a workbook may have.
const MAX_PARTS: usize = 2_000;

pub(crate) fn refuse(message: impl Into<String>) -> Error {
    Error::Validation(vec![FieldError::new("file", message.into())])
}

/// The first message of a refusal (what a preview row shows).
pub(crate) fn message_of(e: &Error) -> Vec<String> {
    match e {
        Error::Validation(f) => f.iter().map(|x| x.message.clone()).collect(),
        other => vec![other.to_string()],
    }
}

/// A cell's name as the spreadsheet shows it: (6, 1) → 「B7」.
pub fn cell_name(row: u32, col: u32) -> String {
    let mut letters = Vec::new();
    let mut c = col + 1;
    while c > 0 {
        let r = (c - 1) % 26;
        letters.push(char::from(b'A' + r as u8));
        c = (c - 1) / 26;
    }
    letters.reverse();
    format!("{}{}", letters.into_iter().collect::<String>(), row + 1)
}

/// Checks that `bytes` is a zip whose parts unpack within [`MAX_UNPACKED`],
/// inflating each part into nothing (bounded time and memory).
pub(crate) fn check_package(bytes: &[u8]) -> Result<()> {
    if bytes.len() as u64 > MAX_FILE {
        return Err(refuse(format!(
            "ファイルが大きすぎます（上限 {} MB）",
            MAX_FILE / 1024 / 1024
        )));
    }
    let not_xlsx = || {
        refuse("Excel のブック（.xlsx）ではありません。Excel で「Excel ブック（*.xlsx）」として保存したファイルを選んでください")
    };
    if !bytes.starts_with(b"PK\x03\x04") {
        return Err(not_xlsx());
    }
    let mut zip = zip::ZipArchive::new(Cursor::new(bytes)).map_err(|_| not_xlsx())?;
    if zip.len() > MAX_PARTS {
        return Err(refuse(format!(
            "ブックの中のファイルが多すぎます（{}個、上限 {MAX_PARTS}個）",
            zip.len()
        )));
    }
    let mut total: u64 = 0;
    for i in 0..zip.len() {
        let mut part = zip
            .by_index(i)
            .map_err(|_| refuse("ブックの中身が壊れているか、パスワードで保護されています"))?;
        let budget = MAX_UNPACKED - total;
        let n = std::io::copy(&mut (&mut part).take(budget + 1), &mut std::io::sink())
            .map_err(|_| refuse("ブックの中身が壊れています（展開できません）"))?;
        total += n;
        if total > MAX_UNPACKED {
            return Err(refuse(format!(
                "ブックを展開すると大きすぎます（上限 {} MB）。圧縮された中身が異常に大きいファイルは読みません",
                MAX_UNPACKED / 1024 / 1024
            )));
        }
    }
    Ok(())
}

pub(crate) type Book = calamine::Xlsx<Cursor<Vec<u8>>>;

/// Opens a workbook after [`check_package`].
pub(crate) fn open(bytes: Vec<u8>) -> Result<Book> {
    check_package(&bytes)?;
    calamine::Xlsx::new(Cursor::new(bytes)).map_err(|e| {
        refuse(format!(
            "Excel のブックとして読めません（{}）",
            e.to_string().chars().take(120).collect::<String>()
        ))
    })
}

/// A cell's value as read.
#[derive(Debug, Clone, PartialEq)]
pub enum Value {
    Empty,
    Text(String),
    Number(f64),
    /// A cell Excel shows as a date (a date number format).
    Date(NaiveDateTime),
    Bool(bool),
    /// #N/A, #DIV/0!…
    Error,
}

impl Value {
    fn of(d: &DataRef) -> Value {
        match d {
            DataRef::Empty => Value::Empty,
            DataRef::Int(i) => Value::Number(*i as f64),
            DataRef::Float(f) => Value::Number(*f),
            DataRef::String(s) => Value::Text(s.clone()),
            DataRef::SharedString(s) => Value::Text((*s).to_owned()),
            DataRef::Bool(b) => Value::Bool(*b),
            DataRef::DateTime(d) => d.as_datetime().map(Value::Date).unwrap_or(Value::Error),
            DataRef::DateTimeIso(s) => {
                match chrono::NaiveDateTime::parse_from_str(s, "%Y-%m-%dT%H:%M:%S")
                    .ok()
                    .or_else(|| {
                        chrono::NaiveDate::parse_from_str(s, "%Y-%m-%d")
                            .ok()
                            .and_then(|d| d.and_hms_opt(0, 0, 0))
                    }) {
                    Some(d) => Value::Date(d),
                    None => Value::Text(s.clone()),
                }
            }
            DataRef::DurationIso(s) => Value::Text(s.clone()),
            DataRef::Error(_) => Value::Error,
        }
    }

    /// The value as a CSV cell would hold it: whole numbers without 「.0」,
    /// dates as YYYY-MM-DD (with the time when there is one).
    pub fn text(&self) -> String {
        match self {
            Value::Empty | Value::Error => String::new(),
            Value::Text(s) => s.trim().to_owned(),
            Value::Number(n) if n.fract() == 0.0 && n.abs() < 1e15 => format!("{}", *n as i64),
            Value::Number(n) => n.to_string(),
            Value::Date(d) if d.time() == chrono::NaiveTime::MIN => d.date().to_string(),
            Value::Date(d) => d.format("%Y-%m-%d %H:%M:%S").to_string(),
            Value::Bool(b) => if *b { "TRUE" } else { "FALSE" }.into(),
        }
    }
}

/// One cell that is not empty (or holds a formula).
#[derive(Debug, Clone, PartialEq)]
pub struct Cell {
    pub row: u32,
    pub col: u32,
    pub value: Value,
    /// The cell holds a formula: its value is not trusted.
    pub formula: bool,
}

/// The cells of one sheet, read as a stream: a cell at row `max_rows` or
/// beyond, or column `max_cols` or beyond, refuses the sheet there.
pub(crate) fn read_cells(
    book: &mut Book,
    sheet: &str,
    max_rows: u32,
    max_cols: u32,
) -> Result<Vec<Cell>> {
    let mut reader = book.worksheet_cells_reader(sheet).map_err(|e| {
        refuse(format!(
            "シート「{sheet}」を読めません（{}）",
            e.to_string().chars().take(120).collect::<String>()
        ))
    })?;
    let mut out = Vec::new();
    loop {
        let next = reader.next_cell_with_formula().map_err(|e| {
            refuse(format!(
                "シート「{sheet}」を読めません（{}）",
                e.to_string().chars().take(120).collect::<String>()
            ))
        })?;
        let Some(c) = next else { break };
        let (row, col) = c.pos;
        let formula = c.formula.as_deref().is_some_and(|f| !f.trim().is_empty());
        let value = Value::of(&c.value);
        if value == Value::Empty && !formula {
            continue;
        }
        if row >= max_rows {
            return Err(refuse(format!(
                "シート「{sheet}」：行が多すぎます（{} 行目に入力があります。読めるのは {max_rows} 行まで）",
                row + 1
            )));
        }
        if col >= max_cols {
            return Err(refuse(format!(
                "シート「{sheet}」：{} に入力があります（読めるのは {} 列まで）",
                cell_name(row, col),
                cell_name(0, max_cols - 1).trim_end_matches('1')
            )));
        }
        out.push(Cell {
            row,
            col,
            value,
            formula,
        });
    }
    Ok(out)
}

/// The merged ranges of a sheet, as 「B7:C8」.
pub(crate) fn merged_ranges(book: &mut Book, sheet: &str) -> Result<Vec<String>> {
    let dims = book
        .merge_cells_by_sheet_name(sheet)
        .map_err(|_| refuse(format!("シート「{sheet}」の結合セルを読めません")))?;
    Ok(dims
        .iter()
        .map(|d| {
            format!(
                "{}:{}",
                cell_name(d.start.0, d.start.1),
                cell_name(d.end.0, d.end.1)
            )
        })
        .collect())
}

/// The sheets' names in the workbook's order, with whether each is visible.
pub(crate) fn sheets(book: &Book) -> Vec<(String, bool)> {
    book.sheets_metadata()
        .iter()
        .map(|s| {
            (
                s.name.clone(),
                s.visible == calamine::SheetVisible::Visible
                    && s.typ == calamine::SheetType::WorkSheet,
            )
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cells_are_named_as_a_spreadsheet_names_them() {
        assert_eq!(cell_name(0, 0), "A1");
        assert_eq!(cell_name(6, 1), "B7");
        assert_eq!(cell_name(9, 25), "Z10");
        assert_eq!(cell_name(0, 26), "AA1");
        assert_eq!(cell_name(1_048_575, 16_383), "XFD1048576");
    }

    #[test]
    fn what_is_not_a_zip_is_refused_before_calamine_reads_it() {
        let Err(e) = open(b"not a workbook".to_vec()) else {
            panic!()
        };
        assert!(message_of(&e)[0].contains(".xlsx"), "{e:?}");
        let Err(e) = open(b"PK\x03\x04 truncated".to_vec()) else {
            panic!()
        };
        assert!(message_of(&e)[0].contains(".xlsx"), "{e:?}");
    }

    #[test]
    fn a_zip_bomb_is_refused_at_the_bound() {
        use std::io::Write;
        let mut buf = Cursor::new(Vec::new());
        {
            let mut z = zip::ZipWriter::new(&mut buf);
            let opts = zip::write::SimpleFileOptions::default()
                .compression_method(zip::CompressionMethod::Deflated)
                .large_file(true);
            z.start_file("xl/worksheets/sheet1.xml", opts).unwrap();
            let zeros = vec![0u8; 1024 * 1024];
            for _ in 0..(MAX_UNPACKED / 1024 / 1024 + 2) {
                z.write_all(&zeros).unwrap();
            }
            z.finish().unwrap();
        }
        let bytes = buf.into_inner();
        assert!(bytes.len() < 1024 * 1024, "{}", bytes.len());
        let started = std::time::Instant::now();
        let e = check_package(&bytes).unwrap_err();
        assert!(
            message_of(&e)[0].contains("展開すると大きすぎます"),
            "{e:?}"
        );
        assert!(started.elapsed() < std::time::Duration::from_secs(20));
    }

    #[test]
    fn values_read_as_the_csv_would_hold_them() {
        assert_eq!(Value::Number(4.0).text(), "4");
        assert_eq!(Value::Number(3.5).text(), "3.5");
        let d = chrono::NaiveDate::from_ymd_opt(2024, 12, 5).unwrap();
        assert_eq!(
            Value::Date(d.and_hms_opt(0, 0, 0).unwrap()).text(),
            "2024-12-05"
        );
        assert_eq!(
            Value::Date(d.and_hms_opt(9, 30, 0).unwrap()).text(),
            "2024-12-05 09:30:00"
        );
        assert_eq!(Value::Text(" 山田 ".into()).text(), "山田");
    }
}
