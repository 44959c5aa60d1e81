use super::{now, project, Store};
use crate::error::{Error, Result};
use crate::model::member::{MemberRecords, MemberRemoval, ValidMember};
use crate::model::{Member, MemberInput};
use rusqlite::{params, Connection, OptionalExtension, Row, Transaction};

const SELECT: &str =
    "SELECT id, project_id, name, role, affiliation, email, retired_at IS NOT NULL AS retired FROM members";

fn from_row(r: &Row) -> rusqlite::Result<Member> {
    Ok(Member {
        id: r.get("id")?,
        project_id: r.get("project_id")?,
        name: r.get("name")?,
        role: r.get("role")?,
        affiliation: r.get("affiliation")?,
        email: r.get("email")?,
        retired: r.get("retired")?,
    })
}

pub(crate) fn get(conn: &Connection, id: i64) -> Result<Member> {
    conn.query_row(&format!("{SELECT} WHERE id = ?1"), [id], from_row)
        .optional()?
        .ok_or_else(|| Error::not_found("メンバー", id))
}

/// Order in which a team is listed: the leader first, supporters and
/// secretariat after the team, then in the order they were added.
const ROLE_ORDER: &str = "CASE role WHEN 'リーダー' THEN 0 WHEN 'メンバー' THEN 1
    WHEN '伴走支援リーダー' THEN 2 WHEN '伴走支援者' THEN 3 ELSE 4 END";

pub(crate) fn insert(tx: &Transaction, project_id: i64, d: &ValidMember) -> Result<i64> {
    tx.execute(
        "INSERT INTO members (project_id, name, role, affiliation, email, created_at, updated_at)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?6)",
        params![project_id, d.name, d.role, d.affiliation, d.email, now()],
    )?;
    Ok(tx.last_insert_rowid())
}

impl Store {
    /// The team, 退任 members last (forms offer only those still active).
    pub fn members(&self, project_id: i64) -> Result<Vec<Member>> {
        project::get(self.conn(), project_id)?;
        let mut st = self.conn().prepare_cached(&format!(
            "{SELECT} WHERE project_id = ?1 ORDER BY retired_at IS NOT NULL, {ROLE_ORDER}, id"
        ))?;
        let rows = st.query_map([project_id], from_row)?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }

    pub fn add_member(&mut self, project_id: i64, input: &MemberInput) -> Result<Member> {
        let d = input.validate()?;
        let id = self.write(|tx| {
            project::get(tx, project_id)?;
            insert(tx, project_id, &d)
        })?;
        get(self.conn(), id)
    }

    pub fn update_member(&mut self, id: i64, input: &MemberInput) -> Result<Member> {
        let d = input.validate()?;
        self.write(|tx| {
            get(tx, id)?;
            tx.execute(
                "UPDATE members SET name = ?2, role = ?3, affiliation = ?4, email = ?5, updated_at = ?6
                 WHERE id = ?1",
                params![id, d.name, d.role, d.affiliation, d.email, now()],
            )?;
            Ok(())
        })?;
        get(self.conn(), id)
    }

    /// The records that keep this member's name.
    pub fn member_records(&self, id: i64) -> Result<MemberRecords> {
        get(self.conn(), id)?;
        records(self.conn(), id)
    }

    /// Removes a member without rewriting history: one who attended meetings,
    /// wrote evaluations or owns tasks or checklist items is marked 退任 and
    /// keeps their name on those records; only a member with none is erased.
    pub fn remove_member(&mut self, id: i64) -> Result<MemberRemoval> {
        self.write(|tx| {
            get(tx, id)?;
            if records(tx, id)?.any() {
                tx.execute(
                    "UPDATE members SET retired_at = ?2, updated_at = ?2 WHERE id = ?1",
                    params![id, now()],
                )?;
                Ok(MemberRemoval::Retired)
            } else {
                tx.execute("DELETE FROM members WHERE id = ?1", [id])?;
                Ok(MemberRemoval::Erased)
            }
        })
    }

    /// Brings a 退任 member back into the forms.
    pub fn reinstate_member(&mut self, id: i64) -> Result<Member> {
        self.write(|tx| {
            get(tx, id)?;
            tx.execute(
                "UPDATE members SET retired_at = NULL, updated_at = ?2 WHERE id = ?1",
                params![id, now()],
            )?;
            Ok(())
        })?;
        get(self.conn(), id)
    }
}

fn records(conn: &Connection, id: i64) -> Result<MemberRecords> {
    let n = |sql: &str| -> Result<u32> { Ok(conn.query_row(sql, [id], |r| r.get("n"))?) };
    Ok(MemberRecords::new(
        n("SELECT count(*) AS n FROM meeting_participants WHERE member_id = ?1")?,
        n("SELECT count(*) AS n FROM evaluations WHERE evaluator_id = ?1")?,
        n("SELECT count(*) AS n FROM tasks WHERE owner_id = ?1")?,
        n("SELECT count(*) AS n FROM checklist_items WHERE owner_id = ?1")?,
        n("SELECT count(DISTINCT meeting_id) AS n FROM guide_reflections WHERE member_id = ?1")?,
    ))
}
