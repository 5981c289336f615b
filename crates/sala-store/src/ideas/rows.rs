//! `ideas`: what participants sent from their phones (issue 20), one row per idea, in the
//! group's moderation queue until the table deals with it.

use rusqlite::types::Value as Sql;
use rusqlite::{Connection, Row, params};
use sala_core::model::{Idea, IdeaStatus};
use sala_core::op::Entity;

use crate::Result;
use crate::error::from_sqlite;
use crate::log::table::{Table, boolean, enum_sql, get_enum, opt_text, text};

pub const MIGRATION: &str = "
CREATE TABLE IF NOT EXISTS ideas (
    id           TEXT PRIMARY KEY NOT NULL,
    workshop_id  TEXT NOT NULL REFERENCES workshops (id),
    group_id     TEXT NOT NULL,
    question_id  TEXT NOT NULL,
    text         TEXT NOT NULL,  -- as the participant typed it
    lang         TEXT NOT NULL CHECK (lang IN ('lo', 'en', 'mixed')),
    phone        TEXT NOT NULL,  -- the phone's anonymous id
    via          TEXT NOT NULL,  -- the table label of the laptop that received it
    received_hlc TEXT NOT NULL,
    status       TEXT NOT NULL CHECK (status IN ('pending', 'accepted', 'merged', 'rejected')),
    note_id      TEXT,
    deleted      INTEGER NOT NULL DEFAULT 0
) STRICT;
CREATE INDEX IF NOT EXISTS ideas_by_question ON ideas (group_id, question_id, deleted, received_hlc);
CREATE INDEX IF NOT EXISTS ideas_by_phone ON ideas (phone, question_id);
";

#[derive(Debug)]
pub struct Ideas;

impl Table for Ideas {
    type Row = Idea;
    const ENTITY: Entity = Entity::Idea;
    const TABLE: &'static str = "ideas";
    const COLUMNS: &'static [&'static str] = &[
        "id",
        "workshop_id",
        "group_id",
        "question_id",
        "text",
        "lang",
        "phone",
        "via",
        "received_hlc",
        "status",
        "note_id",
        "deleted",
    ];
    const SETTABLE: &'static [&'static str] = &["status", "note_id", "deleted"];
    const ORDER: &'static str = "received_hlc, id";

    fn to_sql(i: &Idea) -> Vec<Sql> {
        vec![
            text(&i.id),
            text(&i.workshop_id),
            text(&i.group_id),
            text(&i.question_id),
            text(&i.text),
            enum_sql(&i.lang),
            text(&i.phone),
            text(&i.via),
            text(&i.received_hlc),
            enum_sql(&i.status),
            opt_text(&i.note_id),
            boolean(i.deleted),
        ]
    }

    fn from_sql(r: &Row<'_>) -> rusqlite::Result<Idea> {
        Ok(Idea {
            id: r.get(0)?,
            workshop_id: r.get(1)?,
            group_id: r.get(2)?,
            question_id: r.get(3)?,
            text: r.get(4)?,
            lang: get_enum(r, 5)?,
            phone: r.get(6)?,
            via: r.get(7)?,
            received_hlc: r.get(8)?,
            status: get_enum(r, 9)?,
            note_id: r.get(10)?,
            deleted: r.get(11)?,
        })
    }

    fn id(row: &Idea) -> &str {
        &row.id
    }
}

/// A workshop's live ideas, oldest first: of one group (or every group), waiting or all.
pub fn listed(
    conn: &Connection,
    workshop_id: &str,
    group_id: Option<&str>,
    pending_only: bool,
) -> Result<Vec<Idea>> {
    let sql = format!(
        "SELECT {} FROM ideas WHERE workshop_id = ?1 AND deleted = 0
           AND (?2 IS NULL OR group_id = ?2) AND (?3 = 0 OR status = 'pending')
         ORDER BY received_hlc, id",
        Ideas::COLUMNS.join(", ")
    );
    let mut stmt = conn.prepare_cached(&sql).map_err(from_sqlite)?;
    let rows = stmt
        .query_map(
            params![workshop_id, group_id, pending_only],
            Ideas::from_sql,
        )
        .map_err(from_sqlite)?;
    rows.collect::<rusqlite::Result<Vec<_>>>()
        .map_err(from_sqlite)
}

/// How many ideas one phone has sent for one question of one group (any status).
pub fn sent_by(conn: &Connection, phone: &str, group_id: &str, question_id: &str) -> Result<u32> {
    conn.prepare_cached(
        "SELECT count(*) FROM ideas WHERE phone = ?1 AND question_id = ?2 AND group_id = ?3",
    )
    .map_err(from_sqlite)?
    .query_row(params![phone, question_id, group_id], |r| r.get(0))
    .map_err(from_sqlite)
}

/// Ideas still waiting, by status name (for a tally of the queue).
pub fn is_pending(idea: &Idea) -> bool {
    idea.status == IdeaStatus::Pending && !idea.deleted
}
