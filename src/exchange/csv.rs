//! CSV that Excel opens correctly: UTF-8 with a byte-order mark, CRLF lines,
//! and text that Excel would run as a formula written as plain text.

use crate::error::{Error, Result};
use crate::model::evaluation::{EvalItem, Evaluation, RATING_LABELS};
use std::borrow::Cow;

const BOM: &[u8] = b"\xEF\xBB\xBF";

/// A cell as Excel should read it. Text starting with `=`, `+`, `-`, `@`, a
/// tab or a carriage return would be run as a formula (CSV injection), so it
/// gets a leading apostrophe, which Excel shows as text; numbers stay numbers.
pub fn cell(text: &str) -> Cow<'_, str> {
    let risky = text.starts_with(['=', '+', '-', '@', '\t', '\r']);
    if risky && text.trim().parse::<f64>().is_err() {
        Cow::Owned(format!("'{text}"))
    } else {
        Cow::Borrowed(text)
    }
}

/// A whole sheet: the header, then one record per row, every cell made safe.
pub fn sheet(head: &[&str], rows: &[Vec<String>]) -> Result<Vec<u8>> {
    let mut out = BOM.to_vec();
    {
        let mut w = csv::WriterBuilder::new()
            .terminator(csv::Terminator::CRLF)
            .from_writer(&mut out);
        let io = |e: csv::Error| Error::Io {
            path: "CSV".into(),
            source: std::io::Error::other(e),
        };
        w.write_record(head).map_err(io)?;
        for row in rows {
            w.write_record(row.iter().map(|c| cell(c).into_owned()))
                .map_err(io)?;
        }
        w.flush().map_err(|source| Error::Io {
            path: "CSV".into(),
            source,
        })?;
    }
    Ok(out)
}

/// One row per evaluation × item.
pub fn evaluations_csv(evals: &[Evaluation]) -> Result<Vec<u8>> {
    let mut rows = Vec::with_capacity(evals.len() * 4);
    for e in evals {
        for (i, item) in EvalItem::ALL.iter().enumerate() {
            let score = e.scores.get(i).copied().unwrap_or(0);
            rows.push(vec![
                e.projects.clone(),
                e.held_on.to_string(),
                e.meeting_title.clone(),
                e.meeting_kind.label().to_owned(),
                e.kind.label().to_owned(),
                e.evaluator.clone(),
                e.written_on.to_string(),
                item.label().to_owned(),
                item.title().to_owned(),
                score.to_string(),
                RATING_LABELS
                    .get(usize::from(score).wrapping_sub(1))
                    .copied()
                    .unwrap_or("")
                    .to_owned(),
                e.comments.get(i).cloned().unwrap_or_default(),
            ]);
        }
    }
    sheet(
        &[
            "事業（士会）",
            "会議日",
            "会議名",
            "会議の種類",
            "評価者区分",
            "評価者",
            "記載日",
            "項目",
            "項目名",
            "評価",
            "評価の意味",
            "コメント",
        ],
        &rows,
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn formulas_become_text_and_numbers_stay_numbers() {
        assert_eq!(cell("=1+1"), "'=1+1");
        assert_eq!(cell("+81 90"), "'+81 90");
        assert_eq!(cell("@SUM(A1)"), "'@SUM(A1)");
        assert_eq!(cell("-とても良い"), "'-とても良い");
        assert_eq!(cell("\t=cmd"), "'\t=cmd");
        assert_eq!(cell("-1.5"), "-1.5");
        assert_eq!(cell("4"), "4");
        assert_eq!(cell("丁寧な傾聴=信頼"), "丁寧な傾聴=信頼");
    }
}
