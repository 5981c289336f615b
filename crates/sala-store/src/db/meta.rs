//! `meta`: this installation's own settings (device id, UI language, current workshop).
//! Never synced.

use rusqlite::{Connection, OptionalExtension, params};

use crate::Result;
use crate::error::from_sqlite;

pub const MIGRATION: &str = "
CREATE TABLE meta (
    key   TEXT PRIMARY KEY NOT NULL,
    value TEXT NOT NULL
) STRICT;
";

pub const DEVICE_ID: &str = "device_id";
pub const DEVICE_FINGERPRINT: &str = "device_fingerprint";
pub const PREVIOUS_DEVICE_IDS: &str = "previous_device_ids";
pub const UI_LANGUAGE: &str = "ui_language";
pub const CURRENT_WORKSHOP: &str = "current_workshop";
/// Search documents from this rowid on are not in the full-text tables yet (a big join commits
/// the workshop first and indexes it right after: `search::index::defer_from`).
pub const SEARCH_PENDING_FROM: &str = "search_pending_from";
/// Set on a database restored from a backup until it is first opened (it then takes a new
/// device id and sends its work again).
pub const RESTORED: &str = "restored";

pub fn get(conn: &Connection, key: &str) -> Result<Option<String>> {
    conn.query_row("SELECT value FROM meta WHERE key = ?1", [key], |r| r.get(0))
        .optional()
        .map_err(from_sqlite)
}

pub fn set(conn: &Connection, key: &str, value: &str) -> Result<()> {
    conn.execute(
        "INSERT INTO meta (key, value) VALUES (?1, ?2)
         ON CONFLICT (key) DO UPDATE SET value = excluded.value",
        params![key, value],
    )
    .map_err(from_sqlite)?;
    Ok(())
}
