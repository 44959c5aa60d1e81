//! 伴走ガイド: the society's practices and rules over the shipped template,
//! the suggestions a team set aside, and the supporters' reflections.

use super::{now, Store};
use crate::error::{Error, FieldError, Result};
use crate::model::guide::{
    template, DismissInput, Dismissal, Practice, PracticeInput, Reflection, ReflectionEntry,
    ReflectionInput, Rule, RuleInput,
};
use crate::model::task::{Task, TaskInput};
use crate::model::Role;
use chrono::NaiveDate;
use rusqlite::{params, OptionalExtension};

fn refuse(field: &str, message: impl Into<String>) -> Error {
    Error::Validation(vec![FieldError::new(field, message.into())])
}

/// A new key for a society's own practice or rule: never one the template uses.
fn own_key(prefix: &str) -> String {
    format!(
        "{prefix}-{}",
        &uuid::Uuid::new_v4().simple().to_string()[..8]
    )
}

/// The template's entries with the stored ones laid over them by key (a stored
/// row wins), then the society's own in the order they were added.
fn merged<T: Clone>(defaults: &[T], stored: Vec<(i64, T)>, key: impl Fn(&T) -> &str) -> Vec<T> {
    let mut out: Vec<T> = defaults
        .iter()
        .map(|d| {
            stored
                .iter()
                .find(|(_, s)| key(s) == key(d))
                .map(|(_, s)| s.clone())
                .unwrap_or_else(|| d.clone())
        })
        .collect();
    let mut own: Vec<&(i64, T)> = stored
        .iter()
        .filter(|(_, s)| !defaults.iter().any(|d| key(d) == key(s)))
        .collect();
    own.sort_by_key(|(position, _)| *position);
    out.extend(own.into_iter().map(|(_, s)| s.clone()));
    out
}

impl Store {
    /// Every practice, inactive ones included (the editor shows them).
    pub fn practices(&self) -> Result<Vec<Practice>> {
        let mut st = self.conn().prepare_cached(
            "SELECT position, key, timing, mark, text, active FROM guide_practices",
        )?;
        let stored = st
            .query_map([], |r| {
                Ok((
                    r.get("position")?,
                    Practice {
                        key: r.get("key")?,
                        timing: r.get("timing")?,
                        mark: r.get("mark")?,
                        text: r.get("text")?,
                        active: r.get("active")?,
                        custom: true,
                    },
                ))
            })?
            .collect::<rusqlite::Result<Vec<_>>>()?;
        Ok(merged(&template().practice, stored, |p| &p.key))
    }

    /// Every rule, disabled ones included.
    pub fn rules(&self) -> Result<Vec<Rule>> {
        let mut st = self.conn().prepare_cached(
            "SELECT position, key, condition, item, value, title, reason, source, task, enabled
             FROM guide_rules",
        )?;
        let stored = st
            .query_map([], |r| {
                let condition: crate::model::guide::Condition = r.get("condition")?;
                let item: Option<crate::model::evaluation::EvalItem> = r.get("item")?;
                let value: f64 = r.get("value")?;
                Ok((
                    r.get("position")?,
                    Rule {
                        key: r.get("key")?,
                        when: condition.describe(value, item),
                        condition,
                        item,
                        value,
                        title: r.get("title")?,
                        reason: r.get("reason")?,
                        source: r.get("source")?,
                        task: r.get("task")?,
                        enabled: r.get("enabled")?,
                        custom: true,
                    },
                ))
            })?
            .collect::<rusqlite::Result<Vec<_>>>()?;
        Ok(merged(&template().rule, stored, |r| &r.key))
    }

    /// Saves a practice: the template's (by its key) or the society's own
    /// (a new key when `key` is empty).
    pub fn save_practice(&mut self, input: &PracticeInput) -> Result<Vec<Practice>> {
        let mut p = input.validate()?;
        let known = self.practices()?;
        if p.key.is_empty() {
            p.key = own_key("practice");
        } else if !known.iter().any(|k| k.key == p.key) {
            return Err(refuse("key", format!("実践「{}」はありません", p.key)));
        }
        let position = known
            .iter()
            .position(|k| k.key == p.key)
            .unwrap_or(known.len());
        self.write(|tx| {
            tx.execute(
                "INSERT INTO guide_practices (key, timing, mark, text, active, position, updated_at)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)
                 ON CONFLICT (key) DO UPDATE SET timing = ?2, mark = ?3, text = ?4, active = ?5,
                     updated_at = ?7",
                params![p.key, p.timing, p.mark, p.text, p.active, position as i64, now()],
            )?;
            Ok(())
        })?;
        self.practices()
    }

    /// Back to the template's words; a society's own practice is removed
    /// (its reflections stay, shown under their key).
    pub fn reset_practice(&mut self, key: &str) -> Result<Vec<Practice>> {
        self.write(|tx| {
            tx.execute("DELETE FROM guide_practices WHERE key = ?1", [key])?;
            Ok(())
        })?;
        self.practices()
    }

    pub fn save_rule(&mut self, input: &RuleInput) -> Result<Vec<Rule>> {
        let mut r = input.validate()?;
        let known = self.rules()?;
        if r.key.is_empty() {
            r.key = own_key("rule");
        } else if !known.iter().any(|k| k.key == r.key) {
            return Err(refuse("key", format!("規則「{}」はありません", r.key)));
        }
        let position = known
            .iter()
            .position(|k| k.key == r.key)
            .unwrap_or(known.len());
        self.write(|tx| {
            tx.execute(
                "INSERT INTO guide_rules (key, condition, item, value, title, reason, source, task,
                     enabled, position, updated_at)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11)
                 ON CONFLICT (key) DO UPDATE SET condition = ?2, item = ?3, value = ?4, title = ?5,
                     reason = ?6, source = ?7, task = ?8, enabled = ?9, updated_at = ?11",
                params![
                    r.key,
                    r.condition,
                    r.item,
                    r.value,
                    r.title,
                    r.reason,
                    r.source,
                    r.task,
                    r.enabled,
                    position as i64,
                    now()
                ],
            )?;
            Ok(())
        })?;
        self.rules()
    }

    pub fn reset_rule(&mut self, key: &str) -> Result<Vec<Rule>> {
        self.write(|tx| {
            tx.execute("DELETE FROM guide_rules WHERE key = ?1", [key])?;
            Ok(())
        })?;
        self.rules()
    }

    pub fn dismissals(&self, project_id: i64) -> Result<Vec<Dismissal>> {
        let mut st = self.conn().prepare_cached(
            "SELECT rule_key, fingerprint, reason, dismissed_on, task_id FROM guide_dismissals
             WHERE project_id = ?1 ORDER BY dismissed_on, id",
        )?;
        let rows = st.query_map([project_id], |r| {
            Ok(Dismissal {
                rule_key: r.get("rule_key")?,
                fingerprint: r.get("fingerprint")?,
                reason: r.get("reason")?,
                dismissed_on: r.get("dismissed_on")?,
                task_id: r.get("task_id")?,
            })
        })?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }

    /// Sets a suggestion aside for its present trigger state.
    pub fn dismiss_suggestion(
        &mut self,
        project_id: i64,
        input: &DismissInput,
        today: NaiveDate,
    ) -> Result<()> {
        let d = input.validate()?;
        self.project(project_id)?;
        self.write(|tx| {
            let known: Option<i64> = tx
                .query_row(
                    "SELECT id FROM guide_dismissals
                     WHERE project_id = ?1 AND rule_key = ?2 AND fingerprint = ?3",
                    params![project_id, d.rule_key, d.fingerprint],
                    |r| r.get("id"),
                )
                .optional()?;
            if known.is_some() {
                return Err(refuse(
                    "rule_key",
                    "この提案はもう見送ったか、タスクにしてあります",
                ));
            }
            tx.execute(
                "INSERT INTO guide_dismissals
                     (project_id, rule_key, fingerprint, reason, dismissed_on)
                 VALUES (?1, ?2, ?3, ?4, ?5)",
                params![project_id, d.rule_key, d.fingerprint, d.reason, today],
            )?;
            Ok(())
        })
    }

    /// Makes the task and records that the suggestion was taken, in one
    /// transaction: a suggestion never becomes two tasks.
    pub fn take_suggestion(
        &mut self,
        project_id: i64,
        rule_key: &str,
        fingerprint: &str,
        task: &TaskInput,
        today: NaiveDate,
    ) -> Result<Task> {
        let draft = task.validate()?;
        self.project(project_id)?;
        let taken: Option<i64> = self
            .conn()
            .query_row(
                "SELECT id FROM guide_dismissals
                 WHERE project_id = ?1 AND rule_key = ?2 AND fingerprint = ?3",
                params![project_id, rule_key, fingerprint],
                |r| r.get("id"),
            )
            .optional()?;
        if taken.is_some() {
            return Err(refuse(
                "rule_key",
                "この提案はもう見送ったか、タスクにしてあります",
            ));
        }
        let id = self.write(|tx| {
            let id = super::task::insert(tx, project_id, &draft)?;
            tx.execute(
                "INSERT INTO guide_dismissals
                     (project_id, rule_key, fingerprint, reason, dismissed_on, task_id)
                 VALUES (?1, ?2, ?3, 'タスクにしました', ?4, ?5)",
                params![project_id, rule_key, fingerprint, today, id],
            )?;
            Ok(id)
        })?;
        self.task(id, today)
    }

    /// Tasks of a project marked 完了 on a day after `after` up to `until`
    /// (the day of the last change), with that day.
    pub fn tasks_closed_between(
        &self,
        project_id: i64,
        after: Option<NaiveDate>,
        until: NaiveDate,
    ) -> Result<Vec<(String, NaiveDate)>> {
        let mut st = self.conn().prepare_cached(
            "SELECT title, substr(updated_at, 1, 10) AS day FROM tasks
             WHERE project_id = ?1 AND status = '完了'
               AND (?2 IS NULL OR day > ?2) AND day <= ?3
             ORDER BY day, id",
        )?;
        let rows = st.query_map(params![project_id, after, until], |r| {
            Ok((r.get("title")?, r.get("day")?))
        })?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }

    /// Every supporter's reflection on a meeting.
    pub fn reflections(&self, meeting_id: i64) -> Result<Vec<Reflection>> {
        let mut st = self.conn().prepare_cached(
            "SELECT g.member_id, m.name, g.practice_key, g.state, g.note
             FROM guide_reflections g JOIN members m ON m.id = g.member_id
             WHERE g.meeting_id = ?1 ORDER BY m.name, g.member_id, g.id",
        )?;
        let rows = st
            .query_map([meeting_id], |r| {
                Ok((
                    r.get::<_, i64>("member_id")?,
                    r.get::<_, String>("name")?,
                    ReflectionEntry {
                        practice_key: r.get("practice_key")?,
                        state: r.get("state")?,
                        note: r.get("note")?,
                    },
                ))
            })?
            .collect::<rusqlite::Result<Vec<_>>>()?;
        let mut out: Vec<Reflection> = Vec::new();
        for (member_id, member_name, entry) in rows {
            match out.last_mut() {
                Some(r) if r.member_id == member_id => r.entries.push(entry),
                _ => out.push(Reflection {
                    meeting_id,
                    member_id,
                    member_name,
                    entries: vec![entry],
                }),
            }
        }
        Ok(out)
    }

    /// Replaces one supporter's reflection on a meeting. Only a supporter of
    /// one of the meeting's projects reflects on it.
    pub fn save_reflection(&mut self, input: &ReflectionInput) -> Result<Vec<Reflection>> {
        let entries = input.validate(&self.practices()?)?;
        let meeting = self.meeting(input.meeting_id)?;
        let member = super::member::get(self.conn(), input.member_id)?;
        if !meeting.project_ids.contains(&member.project_id)
            || !matches!(member.role, Role::Supporter | Role::SupporterLeader)
        {
            return Err(refuse(
                "member_id",
                format!("{}さんはこの会議の伴走支援者ではありません", member.name),
            ));
        }
        self.write(|tx| {
            // Only the practices the form showed are replaced: an entry for a
            // practice since switched off or removed stays as it was.
            for e in &input.entries {
                tx.execute(
                    "DELETE FROM guide_reflections
                     WHERE meeting_id = ?1 AND member_id = ?2 AND practice_key = ?3",
                    params![input.meeting_id, input.member_id, e.practice_key],
                )?;
            }
            let at = now();
            for (key, state, note) in &entries {
                tx.execute(
                    "INSERT INTO guide_reflections
                         (meeting_id, member_id, practice_key, state, note, updated_at)
                     VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
                    params![input.meeting_id, input.member_id, key, state, note, at],
                )?;
            }
            Ok(())
        })?;
        self.reflections(input.meeting_id)
    }
}
