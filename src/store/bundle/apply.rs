//! Writing a planned import: records parents first, then every link (so a
//! checklist item may cite a meeting written after it), then the deletions,
//! children before their parents. Runs inside one transaction.

use super::plan::{Decision, Plan};
use super::{Bundle, BundleKind, Choice, Choices};
use crate::error::Result;
use crate::store::record::{self, Ids, KINDS};
use rusqlite::types::Value;
use rusqlite::{params, OptionalExtension, Transaction};
use std::collections::HashSet;

/// How one record is written.
#[derive(Clone, Copy, PartialEq)]
enum Mode {
    /// A new row (or an overwritten one, when it exists).
    Write,
    /// Kept as it is here; the file's version is remembered as seen, so the
    /// same file asks nothing next time and the other PC takes ours later.
    Remember,
}

fn mode(plan: &Plan, choices: &Choices, uuid: &str) -> Option<Mode> {
    match plan.decisions.get(&uuid::Uuid::parse_str(uuid).ok()?)? {
        Decision::Add | Decision::Update => Some(Mode::Write),
        Decision::Conflict => match choices.for_record(uuid)? {
            Choice::Take => Some(Mode::Write),
            Choice::Keep => Some(Mode::Remember),
        },
        _ => None,
    }
}

pub(super) fn apply(tx: &Transaction, b: &Bundle, plan: &Plan, choices: &Choices) -> Result<()> {
    let ids = Ids {
        adopted: plan.adopted.clone(),
    };
    let request = b.kind == BundleKind::EvaluationRequest;
    let mut written: Vec<(&'static dyn record::AnyKind, i64, &str)> = Vec::new();
    for k in KINDS {
        for raw in b.raw(k.table()) {
            let head = k.head(raw)?;
            match mode(plan, choices, &head.uuid) {
                Some(Mode::Write) => {
                    let mut extra: Vec<(&str, Value)> = Vec::new();
                    if k.table() == "projects" {
                        if let Some(origin) = plan.origins.get(&head.uuid) {
                            extra.push(("origin", Value::Text((*origin).into())));
                        } else if head.uuid == b.project && b.kind == BundleKind::Project {
                            extra.push(("origin", Value::Text("here".into())));
                        }
                    }
                    let new = tx
                        .prepare_cached(&format!("SELECT 1 FROM {} WHERE uuid = ?1", k.table()))?
                        .query_row([&head.uuid], |_| Ok(()))
                        .optional()?
                        .is_none();
                    if request && k.table() == "meetings" && new {
                        // The team keeps the meeting; this copy is for evaluating it.
                        extra.push(("read_only", Value::Integer(1)));
                    }
                    let id = k.write(tx, &ids, raw, &extra)?;
                    // It exists again: a tombstone of it no longer stands.
                    crate::store::record::run(
                        tx,
                        "DELETE FROM tombstones WHERE uuid = ?1",
                        [&head.uuid],
                    )?;
                    written.push((*k, id, raw));
                }
                Some(Mode::Remember) => {
                    record::remember(tx, &head.uuid, &head.version, &head.history)?;
                }
                None => {}
            }
        }
    }
    let carried: HashSet<String> = b
        .raw("projects")
        .iter()
        .filter_map(|r| super::decode::<record::Projects>(r).ok())
        .map(|p| p.uuid)
        .collect();
    for (k, id, raw) in written {
        k.write_links(tx, &ids, id, raw, &|u| carried.contains(u))?;
    }
    // Deletions, children before their parents.
    let mut deletes = plan.deletes.clone();
    deletes.sort_by_key(|(table, _, _)| std::cmp::Reverse(record::rank(table)));
    for (table, uuid, conflicting) in deletes {
        let go = !conflicting || choices.for_record(&uuid) == Some(Choice::Take);
        if !go {
            continue;
        }
        if table == "meetings" {
            crate::store::record::run(tx,
                "DELETE FROM evaluations WHERE meeting_id = (SELECT id FROM meetings WHERE uuid = ?1)",
                [&uuid],
            )?;
        }
        crate::store::record::run(
            tx,
            &format!("DELETE FROM {table} WHERE uuid = ?1"),
            params![uuid],
        )?;
    }
    Ok(())
}
