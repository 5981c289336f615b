//! `ops`: the local op log, one row per change, in the same transaction as the change.

use rusqlite::{Connection, OptionalExtension, Row, params};
use sala_core::hlc::Hlc;
use sala_core::op::{Entity, Op, OpKind};

use crate::Result;
use crate::error::from_sqlite;

pub const MIGRATION: &str = "
CREATE TABLE ops (
    id          TEXT PRIMARY KEY NOT NULL,  -- UUIDv7
    hlc         TEXT NOT NULL,              -- hybrid logical clock, sorts as text
    device      TEXT NOT NULL,
    workshop_id TEXT NOT NULL,
    entity      TEXT NOT NULL,
    entity_id   TEXT NOT NULL,
    kind        TEXT NOT NULL CHECK (kind IN ('create', 'set', 'delete', 'restore')),
    field       TEXT NOT NULL,
    value       TEXT NOT NULL               -- JSON
) STRICT;
CREATE INDEX ops_by_hlc ON ops (hlc);
CREATE INDEX ops_by_entity ON ops (entity, entity_id);
";

pub fn insert(conn: &Connection, op: &Op) -> Result<()> {
    conn.execute(
        "INSERT INTO ops (id, hlc, device, workshop_id, entity, entity_id, kind, field, value)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)",
        params![
            op.id,
            op.hlc.to_string(),
            op.device,
            op.workshop_id,
            op.entity.as_str(),
            op.entity_id,
            op.kind.as_str(),
            op.field,
            op.value.to_string(),
        ],
    )
    .map_err(from_sqlite)?;
    Ok(())
}

fn bad_column(i: usize, what: &str) -> rusqlite::Error {
    rusqlite::Error::FromSqlConversionFailure(
        i,
        rusqlite::types::Type::Text,
        format!("bad {what} in op log").into(),
    )
}

fn from_row(r: &Row<'_>) -> rusqlite::Result<Op> {
    let hlc: String = r.get(1)?;
    let entity: String = r.get(4)?;
    let kind: String = r.get(6)?;
    let value: String = r.get(8)?;
    Ok(Op {
        id: r.get(0)?,
        hlc: hlc.parse().map_err(|_| bad_column(1, "hlc"))?,
        device: r.get(2)?,
        workshop_id: r.get(3)?,
        entity: Entity::parse(&entity).ok_or_else(|| bad_column(4, "entity"))?,
        entity_id: r.get(5)?,
        kind: OpKind::parse(&kind).ok_or_else(|| bad_column(6, "kind"))?,
        field: r.get(7)?,
        value: serde_json::from_str(&value).map_err(|_| bad_column(8, "value"))?,
    })
}

/// Every op, oldest first.
pub fn all(conn: &Connection) -> Result<Vec<Op>> {
    let mut stmt = conn
        .prepare("SELECT id, hlc, device, workshop_id, entity, entity_id, kind, field, value FROM ops ORDER BY hlc, id")
        .map_err(from_sqlite)?;
    let rows = stmt.query_map([], from_row).map_err(from_sqlite)?;
    rows.collect::<rusqlite::Result<Vec<_>>>()
        .map_err(from_sqlite)
}

/// The ops that changed one row, oldest first.
pub fn for_entity(conn: &Connection, entity: Entity, id: &str) -> Result<Vec<Op>> {
    let mut stmt = conn
        .prepare("SELECT id, hlc, device, workshop_id, entity, entity_id, kind, field, value FROM ops WHERE entity = ?1 AND entity_id = ?2 ORDER BY hlc, id")
        .map_err(from_sqlite)?;
    let rows = stmt
        .query_map(params![entity.as_str(), id], from_row)
        .map_err(from_sqlite)?;
    rows.collect::<rusqlite::Result<Vec<_>>>()
        .map_err(from_sqlite)
}

pub fn count(conn: &Connection) -> Result<u64> {
    let n: i64 = conn
        .query_row("SELECT count(*) FROM ops", [], |r| r.get(0))
        .map_err(from_sqlite)?;
    Ok(n.unsigned_abs())
}

/// The newest timestamp in the log, to continue the clock after a restart.
pub fn last_hlc(conn: &Connection) -> Result<Option<Hlc>> {
    let text: Option<String> = conn
        .query_row("SELECT max(hlc) FROM ops", [], |r| r.get(0))
        .optional()
        .map_err(from_sqlite)?
        .flatten();
    Ok(text.and_then(|t| t.parse().ok()))
}
