//! What every materialised table module provides, and the generic reads and writes built on it.
//!
//! A module says which columns it has, how a row becomes SQL values and back, and which fields
//! a `set` op may change. Inserting, updating, reading by id and listing a workshop's rows are
//! written once, here.

use rusqlite::types::Value as Sql;
use rusqlite::{Connection, OptionalExtension, Row, params_from_iter};
use sala_core::op::Entity;
use serde::Serialize;
use serde::de::DeserializeOwned;

use crate::Result;
use crate::error::from_sqlite;

pub trait Table {
    type Row: Serialize + DeserializeOwned + Clone;
    const ENTITY: Entity;
    const TABLE: &'static str;
    /// Column names, `id` first, in the order of [`Table::to_sql`].
    const COLUMNS: &'static [&'static str];
    /// Row fields (JSON names) that a `set` op may change.
    const SETTABLE: &'static [&'static str];
    /// `ORDER BY` clause for listings.
    const ORDER: &'static str;

    fn to_sql(row: &Self::Row) -> Vec<Sql>;
    fn from_sql(r: &Row<'_>) -> rusqlite::Result<Self::Row>;
    fn id(row: &Self::Row) -> &str;
}

fn select<T: Table>() -> String {
    format!("SELECT {} FROM {}", T::COLUMNS.join(", "), T::TABLE)
}

/// Inserts a new row; a row with the same id already there is left alone (an op applied twice
/// changes nothing).
pub fn insert<T: Table>(conn: &Connection, row: &T::Row) -> Result<()> {
    let marks = vec!["?"; T::COLUMNS.len()].join(", ");
    let sql = format!(
        "INSERT INTO {} ({}) VALUES ({marks}) ON CONFLICT (id) DO NOTHING",
        T::TABLE,
        T::COLUMNS.join(", ")
    );
    conn.prepare_cached(&sql)
        .map_err(from_sqlite)?
        .execute(params_from_iter(T::to_sql(row)))
        .map_err(from_sqlite)?;
    Ok(())
}

/// Writes a whole row, inserting it or replacing every column of the one there.
pub fn upsert<T: Table>(conn: &Connection, row: &T::Row) -> Result<()> {
    let marks = vec!["?"; T::COLUMNS.len()].join(", ");
    let sets: Vec<String> = T::COLUMNS[1..]
        .iter()
        .map(|c| format!("{c} = excluded.{c}"))
        .collect();
    let sql = format!(
        "INSERT INTO {} ({}) VALUES ({marks}) ON CONFLICT (id) DO UPDATE SET {}",
        T::TABLE,
        T::COLUMNS.join(", "),
        sets.join(", ")
    );
    conn.prepare_cached(&sql)
        .map_err(from_sqlite)?
        .execute(params_from_iter(T::to_sql(row)))
        .map_err(from_sqlite)?;
    Ok(())
}

/// Writes every column of an existing row.
pub fn update<T: Table>(conn: &Connection, row: &T::Row) -> Result<()> {
    let sets: Vec<String> = T::COLUMNS[1..].iter().map(|c| format!("{c} = ?")).collect();
    let sql = format!("UPDATE {} SET {} WHERE id = ?", T::TABLE, sets.join(", "));
    let mut values = T::to_sql(row);
    let id = values.remove(0);
    values.push(id);
    conn.prepare_cached(&sql)
        .map_err(from_sqlite)?
        .execute(params_from_iter(values))
        .map_err(from_sqlite)?;
    Ok(())
}

pub fn get<T: Table>(conn: &Connection, id: &str) -> Result<Option<T::Row>> {
    let sql = format!("{} WHERE id = ?1", select::<T>());
    conn.prepare_cached(&sql)
        .map_err(from_sqlite)?
        .query_row([id], T::from_sql)
        .optional()
        .map_err(from_sqlite)
}

/// A workshop's rows, in the table's order; `deleted` chooses the live rows or the trash.
pub fn list<T: Table>(conn: &Connection, workshop_id: &str, deleted: bool) -> Result<Vec<T::Row>> {
    let sql = format!(
        "{} WHERE workshop_id = ?1 AND deleted = ?2 ORDER BY {}",
        select::<T>(),
        T::ORDER
    );
    let mut stmt = conn.prepare_cached(&sql).map_err(from_sqlite)?;
    let rows = stmt
        .query_map(rusqlite::params![workshop_id, deleted], T::from_sql)
        .map_err(from_sqlite)?;
    rows.collect::<rusqlite::Result<Vec<_>>>()
        .map_err(from_sqlite)
}

// ── Conversions shared by the table modules ─────────────────────────────────

/// A serde enum (or any value) as its JSON string form, e.g. `Quadrant::Strengths` → `strengths`.
pub fn enum_sql<T: Serialize>(value: &T) -> Sql {
    match serde_json::to_value(value) {
        Ok(serde_json::Value::String(s)) => Sql::Text(s),
        Ok(other) => Sql::Text(other.to_string()),
        Err(_) => Sql::Null,
    }
}

pub fn opt_enum_sql<T: Serialize>(value: &Option<T>) -> Sql {
    value.as_ref().map_or(Sql::Null, enum_sql)
}

pub fn text(s: &str) -> Sql {
    Sql::Text(s.to_owned())
}

pub fn opt_text(s: &Option<String>) -> Sql {
    s.as_ref().map_or(Sql::Null, |s| Sql::Text(s.clone()))
}

pub fn int(n: u32) -> Sql {
    Sql::Integer(i64::from(n))
}

pub fn boolean(b: bool) -> Sql {
    Sql::Integer(i64::from(b))
}

pub fn json<T: Serialize>(value: &T) -> Sql {
    Sql::Text(serde_json::to_string(value).unwrap_or_else(|_| "null".into()))
}

fn conversion(i: usize, e: impl std::error::Error + Send + Sync + 'static) -> rusqlite::Error {
    rusqlite::Error::FromSqlConversionFailure(i, rusqlite::types::Type::Text, Box::new(e))
}

/// Reads a column written by [`enum_sql`].
pub fn get_enum<T: DeserializeOwned>(r: &Row<'_>, i: usize) -> rusqlite::Result<T> {
    let s: String = r.get(i)?;
    serde_json::from_value(serde_json::Value::String(s)).map_err(|e| conversion(i, e))
}

pub fn get_opt_enum<T: DeserializeOwned>(r: &Row<'_>, i: usize) -> rusqlite::Result<Option<T>> {
    let s: Option<String> = r.get(i)?;
    s.map(|s| serde_json::from_value(serde_json::Value::String(s)).map_err(|e| conversion(i, e)))
        .transpose()
}

/// Reads a text in both languages from two columns: English at `en`, Lao at `en + 1`.
pub fn get_bilingual(r: &Row<'_>, en: usize) -> rusqlite::Result<sala_core::model::Bilingual> {
    Ok(sala_core::model::Bilingual {
        en: r.get(en)?,
        lo: r.get(en + 1)?,
    })
}

/// Reads a column written by [`json`].
pub fn get_json<T: DeserializeOwned>(r: &Row<'_>, i: usize) -> rusqlite::Result<T> {
    let s: String = r.get(i)?;
    serde_json::from_str(&s).map_err(|e| conversion(i, e))
}
