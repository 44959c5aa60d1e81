//! CSV that Excel opens correctly: UTF-8 with a byte-order mark, CRLF lines.

use crate::error::{Error, Result};
use crate::model::evaluation::{EvalItem, Evaluation, RATING_LABELS};

const BOM: &[u8] = b"\xEF\xBB\xBF";

/// One row per evaluation × item.
pub fn evaluations_csv(evals: &[Evaluation]) -> Result<Vec<u8>> {
    let mut out = BOM.to_vec();
    {
        let mut w = csv::WriterBuilder::new()
            .terminator(csv::Terminator::CRLF)
            .from_writer(&mut out);
        let io = |e: csv::Error| Error::Io {
            path: "CSV".into(),
            source: std::io::Error::other(e),
        };
        w.write_record([
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
        ])
        .map_err(io)?;
        for e in evals {
            for (i, item) in EvalItem::ALL.iter().enumerate() {
                let score = e.scores.get(i).copied().unwrap_or(0);
                w.write_record([
                    e.projects.as_str(),
                    &e.held_on.to_string(),
                    &e.meeting_title,
                    e.meeting_kind.label(),
                    e.kind.label(),
                    &e.evaluator,
                    &e.written_on.to_string(),
                    item.label(),
                    item.title(),
                    &score.to_string(),
                    RATING_LABELS
                        .get(usize::from(score).wrapping_sub(1))
                        .copied()
                        .unwrap_or(""),
                    e.comments.get(i).map(String::as_str).unwrap_or(""),
                ])
                .map_err(io)?;
            }
        }
        w.flush().map_err(|source| Error::Io {
            path: "CSV".into(),
            source,
        })?;
    }
    Ok(out)
}
