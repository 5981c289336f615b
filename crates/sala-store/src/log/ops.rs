//! `ops`: the op log, one row per change, in the same transaction as the change. It holds this
//! device's ops (`origin = 'local'`, each marked with the sync file it went out in) and those
//! received from other devices (`origin = 'remote'`); an op is stored once, by id.

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

/// For sync: where an op came from, what it replaces, and which file took it out.
pub const SYNC_MIGRATION: &str = "
ALTER TABLE ops ADD COLUMN prev TEXT NOT NULL DEFAULT '[]';      -- JSON array of op ids
ALTER TABLE ops ADD COLUMN origin TEXT NOT NULL DEFAULT 'local'; -- 'local' or 'remote'
ALTER TABLE ops ADD COLUMN out_seq INTEGER;                      -- sync file of a local op; NULL = waiting
CREATE INDEX ops_waiting ON ops (workshop_id, hlc) WHERE origin = 'local' AND out_seq IS NULL;
CREATE INDEX ops_by_workshop ON ops (workshop_id, hlc);
";

/// A note's body merges as text: its edits carry a Yjs update (see `sala_core::text_merge`).
pub const TEXT_MIGRATION: &str = "
ALTER TABLE ops ADD COLUMN text_update TEXT;                    -- base64 Yjs update, or NULL
";

/// Logs an op made on this device.
pub fn insert(conn: &Connection, op: &Op) -> Result<()> {
    insert_as(conn, op, "local")?;
    Ok(())
}

/// Logs an op received from elsewhere; `false` when it was already there (nothing written).
pub fn insert_remote(conn: &Connection, op: &Op) -> Result<bool> {
    insert_as(conn, op, "remote")
}

fn insert_as(conn: &Connection, op: &Op, origin: &str) -> Result<bool> {
    let prev = serde_json::to_string(&op.prev).unwrap_or_else(|_| "[]".into());
    let n = conn
        .prepare_cached(
            "INSERT INTO ops (id, hlc, device, workshop_id, entity, entity_id, kind, field, value, prev, origin, text_update)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12)
             ON CONFLICT (id) DO NOTHING",
        )
        .map_err(from_sqlite)?
        .execute(params![
            op.id,
            op.hlc.to_string(),
            op.device,
            op.workshop_id,
            op.entity.as_str(),
            op.entity_id,
            op.kind.as_str(),
            op.field,
            op.value.to_string(),
            prev,
            origin,
            op.text_update,
        ])
        .map_err(from_sqlite)?;
    Ok(n == 1)
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
    let prev: String = r.get(9)?;
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
        prev: serde_json::from_str(&prev).map_err(|_| bad_column(9, "prev"))?,
        text_update: r.get(10)?,
    })
}

const COLS: &str =
    "id, hlc, device, workshop_id, entity, entity_id, kind, field, value, prev, text_update";

/// Every op, oldest first.
pub fn all(conn: &Connection) -> Result<Vec<Op>> {
    let mut stmt = conn
        .prepare(&format!("SELECT {COLS} FROM ops ORDER BY hlc, id"))
        .map_err(from_sqlite)?;
    let rows = stmt.query_map([], from_row).map_err(from_sqlite)?;
    rows.collect::<rusqlite::Result<Vec<_>>>()
        .map_err(from_sqlite)
}

/// The ops that changed one row, oldest first.
pub fn for_entity(conn: &Connection, entity: Entity, id: &str) -> Result<Vec<Op>> {
    let mut stmt = conn
        .prepare_cached(&format!(
            "SELECT {COLS} FROM ops WHERE entity = ?1 AND entity_id = ?2 ORDER BY hlc, id"
        ))
        .map_err(from_sqlite)?;
    let rows = stmt
        .query_map(params![entity.as_str(), id], from_row)
        .map_err(from_sqlite)?;
    rows.collect::<rusqlite::Result<Vec<_>>>()
        .map_err(from_sqlite)
}

/// How many ops one row has.
pub fn count_for(conn: &Connection, entity: Entity, id: &str) -> Result<u64> {
    let n: i64 = conn
        .prepare_cached("SELECT count(*) FROM ops WHERE entity = ?1 AND entity_id = ?2")
        .map_err(from_sqlite)?
        .query_row(params![entity.as_str(), id], |r| r.get(0))
        .map_err(from_sqlite)?;
    Ok(n.unsigned_abs())
}

pub fn count(conn: &Connection) -> Result<u64> {
    let n: i64 = conn
        .query_row("SELECT count(*) FROM ops", [], |r| r.get(0))
        .map_err(from_sqlite)?;
    Ok(n.unsigned_abs())
}

/// The newest timestamp in the log, to continue the clock after a restart. Timestamps no real
/// clock makes (received before Sala refused them) are passed over: the clock goes on from the
/// newest real one.
pub fn last_hlc(conn: &Connection) -> Result<Option<Hlc>> {
    let beyond = format!("{:015}", sala_core::hlc::MAX_WALL_MS + 1);
    let text: Option<String> = conn
        .query_row("SELECT max(hlc) FROM ops WHERE hlc < ?1", [beyond], |r| {
            r.get(0)
        })
        .optional()
        .map_err(from_sqlite)?
        .flatten();
    Ok(text.and_then(|t| t.parse().ok()))
}

/// This device's ops of a workshop that no sync file has taken out yet, oldest first, at most `limit`.
pub fn waiting(conn: &Connection, workshop_id: &str, limit: usize) -> Result<Vec<Op>> {
    let mut stmt = conn
        .prepare_cached(&format!(
            "SELECT {COLS} FROM ops WHERE workshop_id = ?1 AND origin = 'local' AND out_seq IS NULL
             ORDER BY hlc, id LIMIT ?2"
        ))
        .map_err(from_sqlite)?;
    let rows = stmt
        .query_map(params![workshop_id, limit as i64], from_row)
        .map_err(from_sqlite)?;
    rows.collect::<rusqlite::Result<Vec<_>>>()
        .map_err(from_sqlite)
}

/// How many of this device's ops of a workshop wait to go out.
pub fn waiting_count(conn: &Connection, workshop_id: &str) -> Result<u64> {
    let n: i64 = conn
        .query_row(
            "SELECT count(*) FROM ops WHERE workshop_id = ?1 AND origin = 'local' AND out_seq IS NULL",
            [workshop_id],
            |r| r.get(0),
        )
        .map_err(from_sqlite)?;
    Ok(n.unsigned_abs())
}

/// Marks ops as taken out by sync file `seq`.
pub fn mark_sent(conn: &Connection, ids: &[String], seq: u64) -> Result<()> {
    let mut stmt = conn
        .prepare_cached("UPDATE ops SET out_seq = ?2 WHERE id = ?1")
        .map_err(from_sqlite)?;
    for id in ids {
        stmt.execute(params![id, seq as i64]).map_err(from_sqlite)?;
    }
    Ok(())
}

/// Every op of a workshop, oldest first (for an export of everything this device knows).
/// How many ops of a workshop this laptop holds.
pub fn count_of_workshop(conn: &Connection, workshop_id: &str) -> Result<u64> {
    conn.prepare_cached("SELECT count(*) FROM ops WHERE workshop_id = ?1")
        .and_then(|mut st| st.query_row([workshop_id], |r| r.get::<_, i64>(0)))
        .map(i64::unsigned_abs)
        .map_err(from_sqlite)
}

pub fn of_workshop(conn: &Connection, workshop_id: &str) -> Result<Vec<Op>> {
    let mut stmt = conn
        .prepare(&format!(
            "SELECT {COLS} FROM ops WHERE workshop_id = ?1 ORDER BY hlc, id"
        ))
        .map_err(from_sqlite)?;
    let rows = stmt
        .query_map([workshop_id], from_row)
        .map_err(from_sqlite)?;
    rows.collect::<rusqlite::Result<Vec<_>>>()
        .map_err(from_sqlite)
}

/// Marks every local op of a workshop as waiting again (after this device took a new id, its
/// work goes out again under the new one; receivers already holding an op skip it).
pub fn unsend_all(conn: &Connection, workshop_id: &str) -> Result<()> {
    conn.execute(
        "UPDATE ops SET out_seq = NULL WHERE workshop_id = ?1 AND origin = 'local'",
        [workshop_id],
    )
    .map_err(from_sqlite)?;
    Ok(())
}

/// Marks the ops that went out in this device's sync file `seq` as waiting again: the file is
/// gone from the shared folder, or something else took its place there.
pub fn unsend_file(conn: &Connection, workshop_id: &str, seq: u64) -> Result<u64> {
    let n = conn
        .execute(
            "UPDATE ops SET out_seq = NULL WHERE workshop_id = ?1 AND origin = 'local' AND out_seq = ?2",
            params![workshop_id, seq as i64],
        )
        .map_err(from_sqlite)?;
    Ok(n as u64)
}
