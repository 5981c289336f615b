//! `sync_files`: every sync file this device wrote (`out`) or read (`in`), and what came of it —
//! applied (`done`), set aside with a problem to retry (`problem`), or not to be read at all
//! (`ignored`: conflict copies made by sync tools). A file is applied in the same transaction
//! that records it `done`, so a crash never leaves it half-applied or applied but unrecorded.
//! Device-local bookkeeping: never synced.

use rusqlite::{Connection, OptionalExtension, params};

use crate::Result;
use crate::error::from_sqlite;

pub const MIGRATION: &str = "
CREATE TABLE sync_files (
    workshop_id TEXT NOT NULL,
    device      TEXT NOT NULL,               -- the device folder the file is in
    name        TEXT NOT NULL,               -- the file's name in that folder
    seq         INTEGER,                     -- its sequence number, for a well-named op file
    direction   TEXT NOT NULL CHECK (direction IN ('out', 'in')),
    status      TEXT NOT NULL CHECK (status IN ('done', 'problem', 'ignored')),
    checksum    TEXT,
    ops         INTEGER NOT NULL DEFAULT 0,
    problem     TEXT,                        -- an error code, when not done
    detail      TEXT,
    tries       INTEGER NOT NULL DEFAULT 0,
    last_tried  INTEGER NOT NULL,            -- wall clock, ms (shown, never merged)
    PRIMARY KEY (workshop_id, device, name)
) STRICT;
";

/// What is known of one file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FileRecord {
    pub device: String,
    pub name: String,
    pub seq: Option<u64>,
    pub direction: String,
    pub status: String,
    pub checksum: Option<String>,
    pub ops: u64,
    pub problem: Option<String>,
    pub detail: Option<String>,
    pub tries: u64,
    pub last_tried: i64,
}

fn from_row(r: &rusqlite::Row<'_>) -> rusqlite::Result<FileRecord> {
    Ok(FileRecord {
        device: r.get(0)?,
        name: r.get(1)?,
        seq: r.get::<_, Option<i64>>(2)?.map(i64::unsigned_abs),
        direction: r.get(3)?,
        status: r.get(4)?,
        checksum: r.get(5)?,
        ops: r.get::<_, i64>(6)?.unsigned_abs(),
        problem: r.get(7)?,
        detail: r.get(8)?,
        tries: r.get::<_, i64>(9)?.unsigned_abs(),
        last_tried: r.get(10)?,
    })
}

const COLS: &str =
    "device, name, seq, direction, status, checksum, ops, problem, detail, tries, last_tried";

/// A file applied (`in`) or written (`out`).
#[derive(Debug, Clone, Copy)]
pub struct Done<'a> {
    pub device: &'a str,
    pub name: &'a str,
    pub seq: Option<u64>,
    pub direction: &'a str,
    pub checksum: &'a str,
    pub ops: u64,
}

/// Records a file as applied or written.
pub fn done(conn: &Connection, workshop_id: &str, f: &Done<'_>, now_ms: i64) -> Result<()> {
    conn.prepare_cached(
        "INSERT INTO sync_files (workshop_id, device, name, seq, direction, status, checksum, ops, tries, last_tried)
         VALUES (?1, ?2, ?3, ?4, ?5, 'done', ?6, ?7, 1, ?8)
         ON CONFLICT (workshop_id, device, name) DO UPDATE SET
            status = 'done', checksum = excluded.checksum, ops = excluded.ops, problem = NULL,
            detail = NULL, tries = tries + 1, last_tried = excluded.last_tried, seq = excluded.seq,
            direction = excluded.direction",
    )
    .map_err(from_sqlite)?
    .execute(params![
        workshop_id,
        f.device,
        f.name,
        f.seq.map(|s| s as i64),
        f.direction,
        f.checksum,
        f.ops as i64,
        now_ms
    ])
    .map_err(from_sqlite)?;
    Ok(())
}

/// Records a file set aside (`problem`, tried again on every pass) or `ignored`.
#[allow(clippy::too_many_arguments)]
pub fn set_aside(
    conn: &Connection,
    workshop_id: &str,
    device: &str,
    name: &str,
    status: &str,
    problem: &str,
    detail: &str,
    now_ms: i64,
) -> Result<()> {
    conn.prepare_cached(
        "INSERT INTO sync_files (workshop_id, device, name, direction, status, problem, detail, tries, last_tried)
         VALUES (?1, ?2, ?3, 'in', ?4, ?5, ?6, 1, ?7)
         ON CONFLICT (workshop_id, device, name) DO UPDATE SET
            status = excluded.status, problem = excluded.problem, detail = excluded.detail,
            tries = tries + 1, last_tried = excluded.last_tried",
    )
    .map_err(from_sqlite)?
    .execute(params![
        workshop_id,
        device,
        name,
        status,
        problem,
        detail,
        now_ms
    ])
    .map_err(from_sqlite)?;
    Ok(())
}

/// Forgets a problem whose file has gone (a temporary or torn file replaced by the real one).
pub fn forget(conn: &Connection, workshop_id: &str, device: &str, name: &str) -> Result<()> {
    conn.execute(
        "DELETE FROM sync_files WHERE workshop_id = ?1 AND device = ?2 AND name = ?3 AND status != 'done'",
        params![workshop_id, device, name],
    )
    .map_err(from_sqlite)?;
    Ok(())
}

/// Forgets that this device wrote `name` (the file is gone, or is no longer the one written:
/// its ops go out again in a new file).
///
/// Its number is never given to another file: [`last_out_seq`] stays at least the highest one
/// this device ever wrote (a laptop that applied the old file skips the name for good, and would
/// never read what a new file by that name holds).
pub fn forget_out(conn: &Connection, workshop_id: &str, device: &str, name: &str) -> Result<()> {
    let seq: Option<i64> = conn
        .query_row(
            "SELECT seq FROM sync_files WHERE workshop_id = ?1 AND device = ?2 AND name = ?3 AND direction = 'out'",
            params![workshop_id, device, name],
            |r| r.get(0),
        )
        .optional()
        .map_err(from_sqlite)?
        .flatten();
    if let Some(seq) = seq {
        let key = out_floor_key(workshop_id, device);
        let floor = crate::db::meta::get(conn, &key)?
            .and_then(|v| v.parse::<i64>().ok())
            .unwrap_or(0);
        if seq > floor {
            crate::db::meta::set(conn, &key, &seq.to_string())?;
        }
    }
    conn.execute(
        "DELETE FROM sync_files WHERE workshop_id = ?1 AND device = ?2 AND name = ?3 AND direction = 'out'",
        params![workshop_id, device, name],
    )
    .map_err(from_sqlite)?;
    Ok(())
}

/// Files of a workshop that are not applied: problems first, then ignored ones.
pub fn not_done(conn: &Connection, workshop_id: &str) -> Result<Vec<FileRecord>> {
    let mut stmt = conn
        .prepare_cached(&format!(
            "SELECT {COLS} FROM sync_files WHERE workshop_id = ?1 AND status != 'done'
             ORDER BY status DESC, device, name"
        ))
        .map_err(from_sqlite)?;
    let rows = stmt
        .query_map([workshop_id], from_row)
        .map_err(from_sqlite)?;
    rows.collect::<rusqlite::Result<Vec<_>>>()
        .map_err(from_sqlite)
}

/// The names of the files of one device folder already applied (or written, for this device's).
pub fn done_names(
    conn: &Connection,
    workshop_id: &str,
    device: &str,
) -> Result<std::collections::BTreeMap<String, String>> {
    let mut stmt = conn
        .prepare_cached(
            "SELECT name, coalesce(checksum, '') FROM sync_files
             WHERE workshop_id = ?1 AND device = ?2 AND status = 'done'",
        )
        .map_err(from_sqlite)?;
    let rows = stmt
        .query_map(params![workshop_id, device], |r| Ok((r.get(0)?, r.get(1)?)))
        .map_err(from_sqlite)?;
    rows.collect::<rusqlite::Result<_>>().map_err(from_sqlite)
}

/// The files this device wrote for a workshop, by name, with their sequence numbers.
pub fn written(
    conn: &Connection,
    workshop_id: &str,
    device: &str,
) -> Result<std::collections::BTreeMap<String, (u64, String)>> {
    let mut stmt = conn
        .prepare_cached(
            "SELECT name, coalesce(seq, 0), coalesce(checksum, '') FROM sync_files
             WHERE workshop_id = ?1 AND device = ?2 AND direction = 'out' AND status = 'done'",
        )
        .map_err(from_sqlite)?;
    let rows = stmt
        .query_map(params![workshop_id, device], |r| {
            Ok((
                r.get::<_, String>(0)?,
                (r.get::<_, i64>(1)?.unsigned_abs(), r.get(2)?),
            ))
        })
        .map_err(from_sqlite)?;
    rows.collect::<rusqlite::Result<_>>().map_err(from_sqlite)
}

/// The highest sequence number this device wrote for a workshop.
pub fn last_out_seq(conn: &Connection, workshop_id: &str, device: &str) -> Result<u64> {
    let n: Option<i64> = conn
        .query_row(
            "SELECT max(seq) FROM sync_files WHERE workshop_id = ?1 AND device = ?2 AND direction = 'out'",
            params![workshop_id, device],
            |r| r.get(0),
        )
        .map_err(from_sqlite)?;
    let floor = crate::db::meta::get(conn, &out_floor_key(workshop_id, device))?
        .and_then(|v| v.parse::<i64>().ok())
        .unwrap_or(0);
    Ok(n.unwrap_or(0).max(floor).unsigned_abs())
}

/// The `meta` key keeping the highest number of a file this device wrote and then forgot.
fn out_floor_key(workshop_id: &str, device: &str) -> String {
    format!("out_seq_floor:{workshop_id}:{device}")
}
