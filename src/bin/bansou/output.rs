//! Everything the CLI prints goes through here: tables aligned by display
//! width, JSON, files written whole, and no control character of a record
//! (an escape sequence in a name) ever reaching the terminal raw.

use bansou::{Error, Result};
use unicode_width::UnicodeWidthStr;

/// `println!` for the CLI: the text with its control characters made visible.
macro_rules! out {
    () => { println!() };
    ($($t:tt)*) => { println!("{}", $crate::output::clean(&format!($($t)*))) };
}

/// A line as the terminal should get it: newlines and tabs kept, every other
/// control character shown as its code (`\u{1b}`) instead of acted on.
pub(crate) fn clean(text: &str) -> String {
    if !text
        .chars()
        .any(|c| c.is_control() && c != '\n' && c != '\t')
    {
        return text.to_owned();
    }
    text.chars()
        .map(|c| {
            if c.is_control() && c != '\n' && c != '\t' {
                format!("\\u{{{:x}}}", u32::from(c))
            } else {
                c.to_string()
            }
        })
        .collect()
}

pub(crate) fn say_replaced(n: usize) {
    if n > 0 {
        out!("PDF のフォントにない文字 {n} 字を「〓」で印刷しました（絵文字など）");
    }
}

pub(crate) fn write_csv(out: &std::path::Path, bytes: &[u8], rows: usize) -> Result<()> {
    bansou::files::write_atomically(out, bytes)?;
    out!("{rows} 件を CSV に書き出しました：{}", out.display());
    Ok(())
}

/// A project's lists `sheets` as one Excel workbook at `out`.
pub(crate) fn write_lists(
    cx: &crate::Cx,
    project_id: i64,
    sheets: &[bansou::files::xlsx::lists::Sheet],
    out: &std::path::Path,
) -> Result<()> {
    let out = cx.target(out, bansou::files::target::ExportKind::Xlsx)?;
    let today = crate::today();
    let (bytes, counts) =
        bansou::files::xlsx::lists::project_workbook(&cx.store, project_id, sheets, today)?;
    bansou::files::write_atomically(&out, &bytes)?;
    let what: Vec<String> = counts
        .iter()
        .map(|(s, n)| format!("{} {n} 件", s.label()))
        .collect();
    out!(
        "Excel のブックに書き出しました：{}（{}）",
        out.display(),
        what.join("・")
    );
    Ok(())
}

pub(crate) fn print_heading(p: &bansou::model::Project) {
    out!("{}｜{}（{}）", p.society, p.name, p.fiscal_year_label);
    if let Some(phase) = &p.phase {
        out!("現在のフェーズ: {} {}", phase.number, phase.name);
    }
}

pub(crate) fn print_json<T: serde::Serialize>(value: &T) -> Result<()> {
    let out = std::io::stdout().lock();
    let io = |e: std::io::Error| Error::Io {
        path: "標準出力".into(),
        source: e,
    };
    serde_json::to_writer_pretty(out, value).map_err(|e| io(e.into()))?;
    out!();
    Ok(())
}

/// Columns aligned by display width, so full-width text lines up in a terminal.
pub(crate) fn print_table<const N: usize>(head: &[&str; N], rows: &[[String; N]]) {
    let head: Vec<String> = head.iter().map(|h| h.to_string()).collect();
    let rows: Vec<Vec<String>> = rows.iter().map(|r| r.to_vec()).collect();
    print_rows(&head, &rows);
}

pub(crate) fn print_rows(head: &[String], rows: &[Vec<String>]) {
    let mut widths: Vec<usize> = head.iter().map(|h| h.width()).collect();
    for r in rows {
        for (w, c) in widths.iter_mut().zip(r) {
            *w = (*w).max(c.width());
        }
    }
    let line = |cells: &[String]| {
        let parts: Vec<String> = cells
            .iter()
            .zip(&widths)
            .map(|(c, w)| format!("{c}{}", " ".repeat(w - c.width())))
            .collect();
        out!("{}", parts.join("  ").trim_end());
    };
    line(head);
    for r in rows {
        line(r);
    }
}
