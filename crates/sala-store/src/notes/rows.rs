//! `notes`: what the note-taker captures, per group and guiding question.

use rusqlite::types::Value as Sql;
use rusqlite::{Connection, Row, params};
use sala_core::model::Note;
use sala_core::op::Entity;

use crate::Result;
use crate::error::from_sqlite;
use crate::log::table::{
    Table, boolean, enum_sql, get_enum, get_json, get_opt_enum, json, opt_enum_sql, opt_text, text,
};

pub const MIGRATION: &str = "
CREATE TABLE notes (
    id             TEXT PRIMARY KEY NOT NULL,
    workshop_id    TEXT NOT NULL REFERENCES workshops (id),
    group_id       TEXT NOT NULL REFERENCES groups (id),
    question_id    TEXT NOT NULL REFERENCES guiding_questions (id),
    agenda_item_id TEXT REFERENCES agenda_items (id),
    text           TEXT NOT NULL,  -- exactly as typed, any script
    lang           TEXT NOT NULL CHECK (lang IN ('lo', 'en', 'mixed')),
    stakeholder    TEXT,
    key_point      INTEGER NOT NULL,
    tags           TEXT NOT NULL,  -- JSON array
    translation    TEXT,
    device_id      TEXT NOT NULL,
    created_hlc    TEXT NOT NULL,
    updated_hlc    TEXT NOT NULL,
    deleted        INTEGER NOT NULL DEFAULT 0
) STRICT;
CREATE INDEX notes_by_question ON notes (group_id, question_id, deleted, created_hlc);
";

/// Issue 20: the participant's idea a note was made from (its id), if any.
pub const IDEA_COLUMN: (&str, &str) = ("idea_id", "TEXT");

#[derive(Debug)]
pub struct Notes;

impl Table for Notes {
    type Row = Note;
    const ENTITY: Entity = Entity::Note;
    const TABLE: &'static str = "notes";
    const COLUMNS: &'static [&'static str] = &[
        "id",
        "workshop_id",
        "group_id",
        "question_id",
        "agenda_item_id",
        "text",
        "lang",
        "stakeholder",
        "key_point",
        "tags",
        "translation",
        "device_id",
        "created_hlc",
        "updated_hlc",
        "deleted",
        "idea_id",
    ];
    const SETTABLE: &'static [&'static str] = &[
        "group_id",
        "question_id",
        "agenda_item_id",
        "text",
        "lang",
        "stakeholder",
        "key_point",
        "tags",
        "translation",
        "deleted",
    ];
    const ORDER: &'static str = "created_hlc, id";

    fn to_sql(n: &Note) -> Vec<Sql> {
        vec![
            text(&n.id),
            text(&n.workshop_id),
            text(&n.group_id),
            text(&n.question_id),
            opt_text(&n.agenda_item_id),
            text(&n.text),
            enum_sql(&n.lang),
            opt_enum_sql(&n.stakeholder),
            boolean(n.key_point),
            json(&n.tags),
            opt_text(&n.translation),
            text(&n.device_id),
            text(&n.created_hlc),
            text(&n.updated_hlc),
            boolean(n.deleted),
            opt_text(&n.idea_id),
        ]
    }

    fn from_sql(r: &Row<'_>) -> rusqlite::Result<Note> {
        Ok(Note {
            id: r.get(0)?,
            workshop_id: r.get(1)?,
            group_id: r.get(2)?,
            question_id: r.get(3)?,
            agenda_item_id: r.get(4)?,
            text: r.get(5)?,
            lang: get_enum(r, 6)?,
            stakeholder: get_opt_enum(r, 7)?,
            key_point: r.get(8)?,
            tags: get_json(r, 9)?,
            translation: r.get(10)?,
            device_id: r.get(11)?,
            created_hlc: r.get(12)?,
            updated_hlc: r.get(13)?,
            deleted: r.get(14)?,
            idea_id: r.get(15)?,
        })
    }

    fn id(row: &Note) -> &str {
        &row.id
    }
}

/// The live notes under one group and question, in the order they were taken.
pub fn for_question(conn: &Connection, group_id: &str, question_id: &str) -> Result<Vec<Note>> {
    let sql = format!(
        "SELECT {} FROM notes WHERE group_id = ?1 AND question_id = ?2 AND deleted = 0 ORDER BY created_hlc, id",
        Notes::COLUMNS.join(", ")
    );
    let mut stmt = conn.prepare_cached(&sql).map_err(from_sqlite)?;
    let rows = stmt
        .query_map(params![group_id, question_id], Notes::from_sql)
        .map_err(from_sqlite)?;
    rows.collect::<rusqlite::Result<Vec<_>>>()
        .map_err(from_sqlite)
}
