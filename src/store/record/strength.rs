//! 強み分析: the items (図8/図9) and the rating sessions as they travel.

use super::{By, Field, Ids, Kind, Problems, Twin};
use crate::error::Result;
use rusqlite::{params, Connection, Transaction};
use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct StrengthItemData {
    pub project: String,
    pub template_key: Option<String>,
    pub group: String,
    pub axis: String,
    pub barrier: Option<String>,
    pub text: String,
    pub hidden: bool,
    pub position: i64,
}

pub struct StrengthItems;

impl Kind for StrengthItems {
    type Data = StrengthItemData;
    const TABLE: &'static str = "strength_items";
    const KIND: &'static str = "strength_item";
    const LABEL: &'static str = "強み分析の項目";
    const CREATED: Option<&'static str> = None;
    const FIELDS: &'static [Field] = &[
        Field::Ref {
            field: "project",
            column: "project_id",
            table: "projects",
        },
        Field::Renamed {
            field: "group",
            column: "grp",
        },
        Field::Bool("hidden"),
    ];

    fn name(d: &StrengthItemData) -> String {
        d.text.clone()
    }
    const BY: By = By::Project;
    fn check(d: &StrengthItemData, what: &str, p: &mut Problems) {
        p.check(
            what,
            crate::model::strength::StrengthItemInput {
                group: d.group.clone(),
                axis: d.axis.clone(),
                barrier: d.barrier.clone().unwrap_or_default(),
                text: d.text.clone(),
            }
            .validate(),
        );
    }
    fn twin(conn: &Connection, d: &StrengthItemData) -> Result<Option<Twin>> {
        super::checklist::template_twin(
            conn,
            "strength_items",
            &d.project,
            d.template_key.as_deref(),
        )
    }
}

#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RatingData {
    pub item: String,
    pub score: Option<i32>,
    pub note: String,
}

#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct StrengthSessionData {
    pub project: String,
    pub label: String,
    pub rated_on: String,
    pub ratings: Vec<RatingData>,
}

pub struct StrengthSessions;

impl Kind for StrengthSessions {
    type Data = StrengthSessionData;
    const TABLE: &'static str = "strength_sessions";
    const KIND: &'static str = "strength_session";
    const LABEL: &'static str = "強み分析の評価";
    const FIELDS: &'static [Field] = &[
        Field::Ref {
            field: "project",
            column: "project_id",
            table: "projects",
        },
        Field::Children("ratings"),
    ];

    fn name(d: &StrengthSessionData) -> String {
        format!("{}（{}）", d.label, d.rated_on)
    }
    const BY: By = By::Project;
    fn check(d: &StrengthSessionData, what: &str, p: &mut Problems) {
        p.check(
            what,
            crate::model::strength::SessionInput {
                label: d.label.clone(),
                rated_on: d.rated_on.clone(),
                copy_last: false,
            }
            .validate(),
        );
        for rating in &d.ratings {
            p.check(
                what,
                crate::model::strength::RatingInput {
                    score: rating.score,
                    note: rating.note.clone(),
                }
                .validate(),
            );
        }
        p.dates(what, &[("評価日", Some(&d.rated_on))]);
    }
    fn child_refs(d: &StrengthSessionData) -> Vec<(&'static str, &str)> {
        d.ratings
            .iter()
            .map(|r| ("strength_items", r.item.as_str()))
            .collect()
    }
    fn read_children(conn: &Connection, id: i64, d: &mut StrengthSessionData) -> Result<()> {
        let mut st = conn.prepare_cached(
            "SELECT i.uuid AS item, r.score, r.note FROM strength_ratings r
             JOIN strength_items i ON i.id = r.item_id WHERE r.session_id = ?1 ORDER BY i.id",
        )?;
        d.ratings = st
            .query_map([id], |x| {
                Ok(RatingData {
                    item: x.get("item")?,
                    score: x.get("score")?,
                    note: x.get("note")?,
                })
            })?
            .collect::<rusqlite::Result<_>>()?;
        Ok(())
    }
    fn write_children(tx: &Transaction, id: i64, d: &StrengthSessionData, ids: &Ids) -> Result<()> {
        super::run(
            tx,
            "DELETE FROM strength_ratings WHERE session_id = ?1",
            [id],
        )?;
        for x in &d.ratings {
            super::run(
                tx,
                "INSERT OR REPLACE INTO strength_ratings (session_id, item_id, score, note)
                 VALUES (?1, ?2, ?3, ?4)",
                params![id, ids.id(tx, "strength_items", &x.item)?, x.score, x.note],
            )?;
        }
        Ok(())
    }
}
