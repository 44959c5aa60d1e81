//! 表1 evaluations as they travel, with their A–D scores and comments.

use super::{By, Field, Ids, Kind, Problems, Twin};
use crate::error::Result;
use rusqlite::{params, Connection, OptionalExtension, Transaction};
use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct EvaluationData {
    pub meeting: String,
    pub kind: String,
    pub evaluator: Option<String>,
    pub written_on: String,
    /// A–D, 1–4 each.
    pub scores: Vec<i32>,
    /// A–D.
    pub comments: Vec<String>,
}

pub struct Evaluations;

impl Kind for Evaluations {
    type Data = EvaluationData;
    const TABLE: &'static str = "evaluations";
    const KIND: &'static str = "evaluation";
    const LABEL: &'static str = "評価";
    const FIELDS: &'static [Field] = &[
        Field::Ref {
            field: "meeting",
            column: "meeting_id",
            table: "meetings",
        },
        Field::Ref {
            field: "evaluator",
            column: "evaluator_id",
            table: "members",
        },
        Field::Children("scores"),
        Field::Children("comments"),
    ];

    fn name(d: &EvaluationData) -> String {
        format!("{}（記載 {}）", d.kind, d.written_on)
    }
    const BY: By = By::Parent("meeting");
    fn check(d: &EvaluationData, what: &str, p: &mut Problems) {
        if d.scores.len() != 4 || d.comments.len() != 4 {
            p.add(what, "評価とコメントはA〜Dの4つずつです");
        }
        p.check(
            what,
            crate::model::evaluation::EvaluationInput {
                meeting_id: 0,
                kind: d.kind.clone(),
                evaluator_id: None,
                written_on: d.written_on.clone(),
                scores: d.scores.iter().map(|&s| Some(s)).collect(),
                comments: d.comments.clone(),
            }
            .validate(),
        );
        p.dates(what, &[("記載日", Some(&d.written_on))]);
    }
    /// One evaluation per (meeting, evaluator, kind): a named person's
    /// evaluation of a meeting that this PC already holds under another UUID
    /// (filed here, or from another supporter's file) is the same one, and
    /// the import asks which to keep instead of counting the person twice.
    fn twin(conn: &Connection, d: &EvaluationData) -> Result<Option<Twin>> {
        let Some(evaluator) = &d.evaluator else {
            return Ok(None);
        };
        let found: Option<(i64, String, String, chrono::NaiveDate, chrono::NaiveDate)> = conn
            .prepare_cached(
                "SELECT e.id, mb.name, m.title, m.held_on, e.written_on FROM evaluations e
                 JOIN meetings m ON m.id = e.meeting_id
                 JOIN members mb ON mb.id = e.evaluator_id
                 WHERE m.uuid = ?1 AND mb.uuid = ?2 AND e.kind = ?3
                 ORDER BY e.id LIMIT 1",
            )?
            .query_row(params![d.meeting, evaluator, d.kind], |r| {
                Ok((
                    r.get("id")?,
                    r.get("name")?,
                    r.get("title")?,
                    r.get("held_on")?,
                    r.get("written_on")?,
                ))
            })
            .optional()?;
        Ok(found.map(|(id, name, title, held_on, written_on)| {
            let date = crate::wareki::date_wareki;
            Twin::Duplicate(
                id,
                format!(
                    "{name}さんの{}（{}「{title}」）：このパソコンに記載日 {} の分があります",
                    d.kind,
                    date(held_on),
                    date(written_on)
                ),
            )
        }))
    }
    fn read_children(conn: &Connection, id: i64, d: &mut EvaluationData) -> Result<()> {
        let mut st = conn.prepare_cached(
            "SELECT score, comment FROM evaluation_items WHERE evaluation_id = ?1 ORDER BY item",
        )?;
        let items: Vec<(i32, String)> = st
            .query_map([id], |x| Ok((x.get("score")?, x.get("comment")?)))?
            .collect::<rusqlite::Result<_>>()?;
        d.scores = items.iter().map(|x| x.0).collect();
        d.comments = items.into_iter().map(|x| x.1).collect();
        Ok(())
    }
    fn write_children(tx: &Transaction, id: i64, d: &EvaluationData, _: &Ids) -> Result<()> {
        super::run(
            tx,
            "DELETE FROM evaluation_items WHERE evaluation_id = ?1",
            [id],
        )?;
        for (i, item) in ["A", "B", "C", "D"].iter().enumerate() {
            super::run(tx,
                "INSERT INTO evaluation_items (evaluation_id, item, score, comment) VALUES (?1, ?2, ?3, ?4)",
                params![id, item, d.scores[i], d.comments[i]],
            )?;
        }
        crate::store::words::tokenize_evaluation(tx, id)
    }
}
