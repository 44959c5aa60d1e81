//! A form's row written as (column, value) pairs: adding a field to a record
//! is one line here, and no list of columns has to stay in step with a list
//! of values (or with numbered `?N` marks) by position.

use crate::error::Result;
use rusqlite::{ToSql, Transaction};

pub(crate) type Values<'a> = [(&'static str, &'a dyn ToSql)];

/// `INSERT INTO table (…) VALUES (…)`; the new row's id.
pub(crate) fn insert(tx: &Transaction, table: &str, values: &Values) -> Result<i64> {
    let columns: Vec<&str> = values.iter().map(|(c, _)| *c).collect();
    let marks: Vec<String> = (1..=values.len()).map(|i| format!("?{i}")).collect();
    let params: Vec<&dyn ToSql> = values.iter().map(|(_, v)| *v).collect();
    tx.prepare_cached(&format!(
        "INSERT INTO {table} ({}) VALUES ({})",
        columns.join(", "),
        marks.join(", ")
    ))?
    .execute(params.as_slice())?;
    Ok(tx.last_insert_rowid())
}

/// `UPDATE table SET … WHERE id = ?`; how many rows it changed (0: no such id).
pub(crate) fn update(tx: &Transaction, table: &str, id: i64, values: &Values) -> Result<usize> {
    let sets: Vec<String> = values
        .iter()
        .enumerate()
        .map(|(i, (c, _))| format!("{c} = ?{}", i + 1))
        .collect();
    let mut params: Vec<&dyn ToSql> = values.iter().map(|(_, v)| *v).collect();
    params.push(&id);
    Ok(tx
        .prepare_cached(&format!(
            "UPDATE {table} SET {} WHERE id = ?{}",
            sets.join(", "),
            values.len() + 1
        ))?
        .execute(params.as_slice())?)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn each_value_lands_in_its_named_column() {
        let mut conn = rusqlite::Connection::open_in_memory().unwrap();
        conn.execute_batch("CREATE TABLE t (id INTEGER PRIMARY KEY, a TEXT, b INTEGER, c TEXT)")
            .unwrap();
        let tx = conn.transaction().unwrap();
        let id = insert(&tx, "t", &[("c", &"three"), ("a", &"one"), ("b", &2)]).unwrap();
        assert_eq!(
            update(&tx, "t", id, &[("b", &5), ("c", &"six")]).unwrap(),
            1
        );
        assert_eq!(update(&tx, "t", id + 1, &[("b", &7)]).unwrap(), 0);
        let row: (String, i64, String) = tx
            .query_row("SELECT a, b, c FROM t WHERE id = ?1", [id], |r| {
                Ok((r.get("a")?, r.get("b")?, r.get("c")?))
            })
            .unwrap();
        assert_eq!(row, ("one".into(), 5, "six".into()));
    }
}
