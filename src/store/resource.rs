use super::{now, project, Store};
use crate::error::{Error, FieldError, Result};
use crate::model::resource::ValidResource;
use crate::model::{Resource, ResourceInput};
use rusqlite::{params, Connection, OptionalExtension, Transaction};

const SELECT: &str =
    "SELECT id, title, url, file_path, category, provided_by, provided_on, note, prefecture
     FROM resources";

fn load(conn: &Connection, sql: &str, key: i64) -> Result<Vec<Resource>> {
    let mut st = conn.prepare_cached(sql)?;
    let rows = st.query_map([key], |r| {
        let provided_on: Option<chrono::NaiveDate> = r.get("provided_on")?;
        Ok(Resource {
            id: r.get("id")?,
            title: r.get("title")?,
            url: r.get("url")?,
            file_path: r.get("file_path")?,
            category: r.get("category")?,
            provided_by: r.get("provided_by")?,
            provided_on,
            provided_on_label: provided_on.map(crate::wareki::date_wareki),
            note: r.get("note")?,
            prefecture: r.get("prefecture")?,
            project_ids: Vec::new(),
        })
    })?;
    let mut out: Vec<Resource> = rows.collect::<rusqlite::Result<_>>()?;
    let mut projects = conn.prepare_cached(
        "SELECT project_id FROM resource_projects WHERE resource_id = ?1 ORDER BY project_id",
    )?;
    for r in &mut out {
        r.project_ids = projects
            .query_map([r.id], |row| row.get("project_id"))?
            .collect::<rusqlite::Result<_>>()?;
    }
    Ok(out)
}

fn write_projects(tx: &Transaction, id: i64, project_ids: &[i64]) -> Result<()> {
    for &p in project_ids {
        if tx
            .query_row("SELECT 1 FROM projects WHERE id = ?1", [p], |_| Ok(()))
            .optional()?
            .is_none()
        {
            return Err(Error::Validation(vec![FieldError::new(
                "project_ids",
                format!("提供先の事業（ID {p}）が見つかりません"),
            )]));
        }
    }
    tx.execute("DELETE FROM resource_projects WHERE resource_id = ?1", [id])?;
    for &p in project_ids {
        tx.execute(
            "INSERT INTO resource_projects (resource_id, project_id) VALUES (?1, ?2)",
            params![id, p],
        )?;
    }
    Ok(())
}

pub(crate) fn insert(tx: &Transaction, d: &ValidResource) -> Result<i64> {
    tx.execute(
        "INSERT INTO resources (title, url, file_path, category, provided_by, provided_on, note, prefecture, created_at)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)",
        params![d.title, d.url, d.file_path, d.category, d.provided_by, d.provided_on, d.note, d.prefecture, now()],
    )?;
    let id = tx.last_insert_rowid();
    write_projects(tx, id, &d.project_ids)?;
    Ok(id)
}

impl Store {
    /// The resources given to a project, newest first.
    pub fn resources(&self, project_id: i64) -> Result<Vec<Resource>> {
        project::get(self.conn(), project_id)?;
        load(
            self.conn(),
            &format!(
                "{SELECT} WHERE id IN (SELECT resource_id FROM resource_projects WHERE project_id = ?1)
                 ORDER BY provided_on DESC, id DESC"
            ),
            project_id,
        )
    }

    /// Every resource in the library, whoever it was given to, newest first.
    pub fn resource_library(&self) -> Result<Vec<Resource>> {
        let mut st = self
            .conn()
            .prepare_cached(&format!("{SELECT} ORDER BY provided_on DESC, id DESC"))?;
        let ids: Vec<i64> = st
            .query_map([], |r| r.get("id"))?
            .collect::<rusqlite::Result<_>>()?;
        ids.into_iter().map(|id| self.resource(id)).collect()
    }

    pub fn resource(&self, id: i64) -> Result<Resource> {
        load(self.conn(), &format!("{SELECT} WHERE id = ?1"), id)?
            .pop()
            .ok_or_else(|| Error::not_found("提供資料", id))
    }

    pub fn create_resource(&mut self, input: &ResourceInput) -> Result<Resource> {
        let d = input.validate()?;
        let id = self.write(|tx| insert(tx, &d))?;
        self.resource(id)
    }

    pub fn update_resource(&mut self, id: i64, input: &ResourceInput) -> Result<Resource> {
        let d = input.validate()?;
        self.write(|tx| {
            let n = tx.execute(
                "UPDATE resources SET title = ?2, url = ?3, file_path = ?4, category = ?5,
                    provided_by = ?6, provided_on = ?7, note = ?8, prefecture = ?9, updated_at = ?10
                 WHERE id = ?1",
                params![
                    id,
                    d.title,
                    d.url,
                    d.file_path,
                    d.category,
                    d.provided_by,
                    d.provided_on,
                    d.note,
                    d.prefecture,
                    now()
                ],
            )?;
            if n == 0 {
                return Err(Error::not_found("提供資料", id));
            }
            write_projects(tx, id, &d.project_ids)
        })?;
        self.resource(id)
    }

    pub fn delete_resource(&mut self, id: i64) -> Result<()> {
        self.write(|tx| {
            let n = tx.execute("DELETE FROM resources WHERE id = ?1", [id])?;
            if n == 0 {
                return Err(Error::not_found("提供資料", id));
            }
            Ok(())
        })
    }
}
