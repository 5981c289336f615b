//! `sync_peers`: the other devices seen in the shared folder — their table labels, when their
//! folder was last read, and whether their clock looks far ahead of this one. Device-local.

use rusqlite::{Connection, params};

use crate::Result;
use crate::error::from_sqlite;

pub const MIGRATION: &str = "
CREATE TABLE sync_peers (
    workshop_id    TEXT NOT NULL,
    device         TEXT NOT NULL,
    label          TEXT NOT NULL DEFAULT '',
    last_seen      INTEGER NOT NULL,         -- wall clock, ms, when its folder was last read
    clock_ahead_ms INTEGER NOT NULL DEFAULT 0,
    PRIMARY KEY (workshop_id, device)
) STRICT;
";

/// One other device, as last seen in the shared folder.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Peer {
    pub device: String,
    pub label: String,
    pub last_seen: i64,
    pub clock_ahead_ms: i64,
}

pub fn saw_peer(
    conn: &Connection,
    workshop_id: &str,
    device: &str,
    label: Option<&str>,
    now_ms: i64,
) -> Result<()> {
    conn.prepare_cached(
        "INSERT INTO sync_peers (workshop_id, device, label, last_seen) VALUES (?1, ?2, coalesce(?3, ''), ?4)
         ON CONFLICT (workshop_id, device) DO UPDATE SET
            label = coalesce(?3, label), last_seen = excluded.last_seen",
    )
    .map_err(from_sqlite)?
    .execute(params![workshop_id, device, label, now_ms])
    .map_err(from_sqlite)?;
    Ok(())
}

/// Notes that a device's ops carry timestamps ahead of this device's clock by `ahead_ms`.
pub fn clock_ahead(
    conn: &Connection,
    workshop_id: &str,
    device: &str,
    ahead_ms: i64,
) -> Result<()> {
    conn.execute(
        "UPDATE sync_peers SET clock_ahead_ms = max(clock_ahead_ms, ?3) WHERE workshop_id = ?1 AND device = ?2",
        params![workshop_id, device, ahead_ms],
    )
    .map_err(from_sqlite)?;
    Ok(())
}

pub fn peers(conn: &Connection, workshop_id: &str) -> Result<Vec<Peer>> {
    let mut stmt = conn
        .prepare_cached(
            "SELECT device, label, last_seen, clock_ahead_ms FROM sync_peers WHERE workshop_id = ?1
             ORDER BY label, device",
        )
        .map_err(from_sqlite)?;
    let rows = stmt
        .query_map([workshop_id], |r| {
            Ok(Peer {
                device: r.get(0)?,
                label: r.get(1)?,
                last_seen: r.get(2)?,
                clock_ahead_ms: r.get(3)?,
            })
        })
        .map_err(from_sqlite)?;
    rows.collect::<rusqlite::Result<Vec<_>>>()
        .map_err(from_sqlite)
}
