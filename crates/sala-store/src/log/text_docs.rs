//! `text_docs`: each edited note's text document (`sala_core::text_merge::TextDoc::state`), kept
//! so that saving an edit while someone types does not replay every earlier edit of the note.
//! A cache of what the op log determines: written in the same transaction as the ops it covers,
//! checked against the note's op count before use, and rebuilt from the log when it disagrees.

use rusqlite::{Connection, OptionalExtension, params};

use crate::Result;
use crate::error::from_sqlite;

pub const MIGRATION: &str = "
CREATE TABLE text_docs (
    entity_id TEXT PRIMARY KEY NOT NULL,
    ops       INTEGER NOT NULL,   -- how many ops of the row the document covers
    state     BLOB NOT NULL       -- Yjs update (v1) holding the whole document
) STRICT;
";

/// How many ops the log holds for a note.
pub fn op_count(conn: &Connection, entity_id: &str) -> Result<i64> {
    conn.prepare_cached("SELECT count(*) FROM ops WHERE entity = 'note' AND entity_id = ?1")
        .map_err(from_sqlite)?
        .query_row([entity_id], |r| r.get(0))
        .map_err(from_sqlite)
}

/// The kept document of a note, when it covers exactly the `ops` ops the log holds.
pub fn get(conn: &Connection, entity_id: &str, ops: i64) -> Result<Option<Vec<u8>>> {
    conn.prepare_cached("SELECT state FROM text_docs WHERE entity_id = ?1 AND ops = ?2")
        .map_err(from_sqlite)?
        .query_row(params![entity_id, ops], |r| r.get(0))
        .optional()
        .map_err(from_sqlite)
}

pub fn put(conn: &Connection, entity_id: &str, ops: i64, state: &[u8]) -> Result<()> {
    conn.prepare_cached(
        "INSERT INTO text_docs (entity_id, ops, state) VALUES (?1, ?2, ?3)
         ON CONFLICT (entity_id) DO UPDATE SET ops = excluded.ops, state = excluded.state",
    )
    .map_err(from_sqlite)?
    .execute(params![entity_id, ops, state])
    .map_err(from_sqlite)?;
    Ok(())
}
