//! A Microsoft Forms export (or any one-table Excel sheet) read into the same
//! rows a CSV gives, so the CSV imports (表1 and アンケート) map its columns
//! with the same preview and refuse its rows with the same reasons.

use super::{cell_name, merged_ranges, open, read_cells, refuse, sheets};
use crate::error::Result;
use crate::files::evaluation_csv::Table;

/// The most rows (header included) and columns a table may have.
pub const MAX_ROWS: u32 = 100_000;
pub const MAX_COLS: u32 = 1_000;

/// The first visible sheet of an .xlsx as a table: its first row that has
/// anything is the header. Dates read as YYYY-MM-DD (with the time when there
/// is one), whole numbers without 「.0」. A formula anywhere, or merged cells,
/// refuse the file (a formula's value is not trusted; merged cells shift columns).
pub fn read_table(bytes: Vec<u8>) -> Result<Table> {
    let mut book = open(bytes)?;
    let Some((sheet, _)) = sheets(&book).into_iter().find(|(_, visible)| *visible) else {
        return Err(refuse("ブックに表のシートがありません"));
    };
    let cells = read_cells(&mut book, &sheet, MAX_ROWS, MAX_COLS)?;
    if let Some(c) = cells.iter().find(|c| c.formula) {
        return Err(refuse(format!(
            "シート「{sheet}」の {}：式（数式）が入っています。式の値は取り込みません。値だけの表にしてから取り込んでください（「値の貼り付け」）",
            cell_name(c.row, c.col)
        )));
    }
    if let Some(range) = merged_ranges(&mut book, &sheet)?.first() {
        return Err(refuse(format!(
            "シート「{sheet}」の {range}：セルが結合されています。結合を解除してから取り込んでください"
        )));
    }
    let Some(first) = cells.iter().map(|c| c.row).min() else {
        return Err(refuse(format!("シート「{sheet}」が空です")));
    };
    let last = cells.iter().map(|c| c.row).max().unwrap_or(first);
    let width = cells.iter().map(|c| c.col + 1).max().unwrap_or(0) as usize;
    let mut grid: Vec<Vec<String>> = vec![vec![String::new(); width]; (last - first + 1) as usize];
    for c in &cells {
        grid[(c.row - first) as usize][c.col as usize] = c.value.text();
    }
    let headers = grid.remove(0);
    Ok(Table {
        headers,
        rows: grid,
    })
}

/// A sheet the user chose: an .xlsx workbook (it starts as a zip does) or a
/// CSV in UTF-8 or Shift_JIS.
pub fn read_sheet(bytes: Vec<u8>) -> Result<Table> {
    if bytes.starts_with(b"PK\x03\x04") {
        read_table(bytes)
    } else {
        crate::files::evaluation_csv::read_table(&bytes)
    }
}

/// Reads the file at `path` (at most [`super::MAX_FILE`] for a workbook, the
/// CSV's own bound otherwise) as [`read_sheet`] does.
pub fn read_sheet_file(path: &std::path::Path) -> Result<Table> {
    let max = super::MAX_FILE.max(crate::files::evaluation_csv::MAX_FILE as u64);
    read_sheet(crate::files::read_limited(path, max)?)
}
