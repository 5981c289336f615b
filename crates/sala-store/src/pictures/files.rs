//! `picture_files`: the pictures themselves, by content (SHA-256), with their thumbnails. This
//! laptop's own: not an op table, never synced as ops — the files travel through the shared
//! folder beside the ops (`sala_sync::pictures`), and a row whose content is not here yet is a
//! picture that has "not arrived yet".

use rusqlite::{Connection, OptionalExtension, params};
use sala_core::model::PictureFormat;

use crate::Result;
use crate::error::from_sqlite;
use crate::log::table::enum_sql;

pub const MIGRATION: &str = "
CREATE TABLE IF NOT EXISTS picture_files (
    content   TEXT PRIMARY KEY NOT NULL,
    format    TEXT NOT NULL CHECK (format IN ('jpeg', 'png')),
    data      BLOB NOT NULL,
    thumbnail BLOB NOT NULL
) STRICT;
";

/// Keeps a picture (a content already here is left as it is: the same bytes).
pub fn keep(
    conn: &Connection,
    content: &str,
    format: PictureFormat,
    data: &[u8],
    thumbnail: &[u8],
) -> Result<()> {
    conn.prepare_cached(
        "INSERT INTO picture_files (content, format, data, thumbnail) VALUES (?1, ?2, ?3, ?4)
         ON CONFLICT (content) DO NOTHING",
    )
    .map_err(from_sqlite)?
    .execute(params![content, enum_sql(&format), data, thumbnail])
    .map_err(from_sqlite)?;
    Ok(())
}

/// Whether this laptop holds the picture `content`.
pub fn has(conn: &Connection, content: &str) -> Result<bool> {
    conn.prepare_cached("SELECT 1 FROM picture_files WHERE content = ?1")
        .map_err(from_sqlite)?
        .query_row([content], |_| Ok(()))
        .optional()
        .map(|found| found.is_some())
        .map_err(from_sqlite)
}

/// The stored picture `content`, if it has arrived.
pub fn data(conn: &Connection, content: &str) -> Result<Option<Vec<u8>>> {
    blob(conn, "data", content)
}

/// The thumbnail of `content`, if it has arrived.
pub fn thumbnail(conn: &Connection, content: &str) -> Result<Option<Vec<u8>>> {
    blob(conn, "thumbnail", content)
}

fn blob(conn: &Connection, column: &str, content: &str) -> Result<Option<Vec<u8>>> {
    conn.prepare_cached(&format!(
        "SELECT {column} FROM picture_files WHERE content = ?1"
    ))
    .map_err(from_sqlite)?
    .query_row([content], |r| r.get(0))
    .optional()
    .map_err(from_sqlite)
}
