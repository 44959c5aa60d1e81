use super::{now, project, Store};
use crate::error::{Error, FieldError, Result};
use crate::model::strength::{
    RatedSession, Rating, RatingInput, SessionInput, StrengthItem, StrengthItemInput,
    StrengthRecords, TemplateItem,
};
use rusqlite::{params, Connection, OptionalExtension, Transaction};

/// Adds template items a project lacks; items it has keep their wording,
/// visibility and ratings.
pub(crate) fn add_template_items(tx: &Transaction, items: &[TemplateItem]) -> Result<usize> {
    let mut st = tx.prepare_cached(
        "INSERT INTO strength_items (project_id, template_key, grp, axis, barrier, text, position)
         SELECT p.id, ?1, ?2, ?3, ?4, ?5,
                COALESCE((SELECT max(s.position) FROM strength_items s WHERE s.project_id = p.id), 0) + 1
         FROM projects p
         WHERE NOT EXISTS (SELECT 1 FROM strength_items s
                           WHERE s.project_id = p.id AND s.template_key = ?1)",
    )?;
    let mut added = 0;
    for i in items {
        added += st.execute(params![i.key, i.group, i.axis, i.barrier, i.text])?;
    }
    Ok(added)
}

fn items(conn: &Connection, project_id: i64) -> Result<Vec<StrengthItem>> {
    let mut st = conn.prepare_cached(
        "SELECT id, grp, axis, barrier, text, hidden, template_key FROM strength_items
         WHERE project_id = ?1
         ORDER BY CASE grp WHEN '士会内' THEN 0 ELSE 1 END,
                  CASE axis WHEN '創造力' THEN 0 WHEN '人力' THEN 1 WHEN '対応力' THEN 2 ELSE 3 END,
                  position, id",
    )?;
    let rows = st.query_map([project_id], |r| {
        Ok(StrengthItem {
            id: r.get("id")?,
            group: r.get("grp")?,
            axis: r.get("axis")?,
            barrier: r.get("barrier")?,
            text: r.get("text")?,
            hidden: r.get("hidden")?,
            template_key: r.get("template_key")?,
        })
    })?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

fn ratings(conn: &Connection, session_id: i64) -> Result<Vec<Rating>> {
    let mut st = conn.prepare_cached(
        "SELECT item_id, score, note FROM strength_ratings WHERE session_id = ?1 ORDER BY item_id",
    )?;
    let rows = st.query_map([session_id], |r| {
        Ok(Rating {
            item_id: r.get("item_id")?,
            score: r.get("score")?,
            note: r.get("note")?,
        })
    })?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

fn session_project(conn: &Connection, session_id: i64) -> Result<i64> {
    conn.query_row(
        "SELECT project_id FROM strength_sessions WHERE id = ?1",
        [session_id],
        |r| r.get("project_id"),
    )
    .optional()?
    .ok_or_else(|| Error::not_found("強み分析の評価", session_id))
}

fn item_project(conn: &Connection, item_id: i64) -> Result<i64> {
    conn.query_row(
        "SELECT project_id FROM strength_items WHERE id = ?1",
        [item_id],
        |r| r.get("project_id"),
    )
    .optional()?
    .ok_or_else(|| Error::not_found("強み分析の項目", item_id))
}

impl Store {
    /// Items and every rating session (oldest first) with their raw ratings;
    /// `analysis::strength` scores them.
    pub fn strength_records(&self, project_id: i64) -> Result<StrengthRecords> {
        project::get(self.conn(), project_id)?;
        let items = items(self.conn(), project_id)?;
        let mut st = self.conn().prepare_cached(
            "SELECT id, label, rated_on FROM strength_sessions WHERE project_id = ?1
             ORDER BY rated_on, id",
        )?;
        let heads: Vec<(i64, String, chrono::NaiveDate)> = st
            .query_map([project_id], |r| {
                Ok((r.get("id")?, r.get("label")?, r.get("rated_on")?))
            })?
            .collect::<rusqlite::Result<_>>()?;
        let mut sessions = Vec::new();
        for (id, label, rated_on) in heads {
            sessions.push(RatedSession {
                id,
                label,
                rated_on,
                ratings: ratings(self.conn(), id)?,
            });
        }
        let scale: Option<String> = self
            .conn()
            .prepare_cached("SELECT strength_scale FROM projects WHERE id = ?1")?
            .query_row([project_id], |r| r.get("strength_scale"))?;
        Ok(StrengthRecords {
            items,
            sessions,
            scale: scale.and_then(|s| serde_json::from_str(&s).ok()),
        })
    }

    /// The team's own words for the scale 1–4, or None to go back to the app's example.
    pub fn set_strength_scale(&mut self, project_id: i64, labels: Option<&[String]>) -> Result<()> {
        let value = labels
            .map(crate::model::strength::validate_scale)
            .transpose()?
            .map(|l| serde_json::to_string(&l).expect("strings serialise"));
        self.write(|tx| {
            project::get(tx, project_id)?;
            tx.execute(
                "UPDATE projects SET strength_scale = ?2, updated_at = ?3 WHERE id = ?1",
                params![project_id, value, now()],
            )?;
            Ok(())
        })
    }

    /// Starts a rating session; with `copy_last` it begins as a copy of the newest one.
    pub fn create_strength_session(
        &mut self,
        project_id: i64,
        input: &SessionInput,
    ) -> Result<i64> {
        let (label, on) = input.validate()?;
        self.write(|tx| {
            project::get(tx, project_id)?;
            let last: Option<i64> = tx
                .query_row(
                    "SELECT id FROM strength_sessions WHERE project_id = ?1
                     ORDER BY rated_on DESC, id DESC LIMIT 1",
                    [project_id],
                    |r| r.get("id"),
                )
                .optional()?;
            tx.execute(
                "INSERT INTO strength_sessions (project_id, label, rated_on, created_at)
                 VALUES (?1, ?2, ?3, ?4)",
                params![project_id, label, on, now()],
            )?;
            let id = tx.last_insert_rowid();
            if let (true, Some(last)) = (input.copy_last, last) {
                tx.execute(
                    "INSERT INTO strength_ratings (session_id, item_id, score, note)
                     SELECT ?1, item_id, score, note FROM strength_ratings WHERE session_id = ?2",
                    params![id, last],
                )?;
            }
            Ok(id)
        })
    }

    pub fn delete_strength_session(&mut self, session_id: i64) -> Result<()> {
        self.write(|tx| {
            session_project(tx, session_id)?;
            tx.execute("DELETE FROM strength_sessions WHERE id = ?1", [session_id])?;
            Ok(())
        })
    }

    /// Rates one item in one session (score None = 未評価).
    pub fn rate_strength(
        &mut self,
        session_id: i64,
        item_id: i64,
        input: &RatingInput,
    ) -> Result<()> {
        let (score, note) = input.validate()?;
        self.write(|tx| {
            let project = session_project(tx, session_id)?;
            if item_project(tx, item_id)? != project {
                return Err(Error::Validation(vec![FieldError::new(
                    "item_id",
                    "この項目は別の事業のものです",
                )]));
            }
            tx.execute(
                "INSERT INTO strength_ratings (session_id, item_id, score, note) VALUES (?1, ?2, ?3, ?4)
                 ON CONFLICT(session_id, item_id) DO UPDATE SET score = excluded.score, note = excluded.note",
                params![session_id, item_id, score, note],
            )?;
            // The ratings travel with their session: it changed.
            tx.execute(
                "UPDATE strength_sessions SET updated_at = ?2 WHERE id = ?1",
                params![session_id, now()],
            )?;
            Ok(())
        })
    }

    pub fn add_strength_item(&mut self, project_id: i64, input: &StrengthItemInput) -> Result<i64> {
        let d = input.validate()?;
        self.write(|tx| {
            project::get(tx, project_id)?;
            tx.execute(
                "INSERT INTO strength_items (project_id, grp, axis, barrier, text, position)
                 SELECT ?1, ?2, ?3, ?4, ?5, COALESCE(max(position), 0) + 1
                 FROM strength_items WHERE project_id = ?1",
                params![project_id, d.group, d.axis, d.barrier, d.text],
            )?;
            Ok(tx.last_insert_rowid())
        })
    }

    /// Renames an item; its ratings stay with it.
    pub fn rename_strength_item(&mut self, item_id: i64, text: &str) -> Result<()> {
        let text = text.trim();
        let max = crate::model::limits::ITEM_TEXT;
        if text.is_empty() || text.chars().count() > max {
            return Err(Error::Validation(vec![FieldError::new(
                "text",
                format!("項目名は1〜{max}文字で入力してください"),
            )]));
        }
        self.write(|tx| {
            item_project(tx, item_id)?;
            tx.execute(
                "UPDATE strength_items SET text = ?2, updated_at = ?3 WHERE id = ?1",
                params![item_id, text, now()],
            )?;
            Ok(())
        })
    }

    /// Hides an item from the scores (its ratings are kept) or shows it again.
    pub fn set_strength_item_hidden(&mut self, item_id: i64, hidden: bool) -> Result<()> {
        self.write(|tx| {
            item_project(tx, item_id)?;
            tx.execute(
                "UPDATE strength_items SET hidden = ?2, updated_at = ?3 WHERE id = ?1",
                params![item_id, hidden, now()],
            )?;
            Ok(())
        })
    }

    pub fn apply_strength_template(&mut self, items: &[TemplateItem]) -> Result<usize> {
        self.write(|tx| add_template_items(tx, items))
    }
}
