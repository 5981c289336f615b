//! `pictures`: the pictures kept with a group's work (issue 21), one row each. The row travels
//! as ops like a note; the picture itself is in [`super::files`], by its content.

use rusqlite::types::Value as Sql;
use rusqlite::{Connection, Row, params};
use sala_core::model::Picture;
use sala_core::op::Entity;

use crate::Result;
use crate::error::from_sqlite;
use crate::log::table::{Table, boolean, enum_sql, get_enum, int, opt_text, text};

pub const MIGRATION: &str = "
CREATE TABLE IF NOT EXISTS pictures (
    id            TEXT PRIMARY KEY NOT NULL,
    workshop_id   TEXT NOT NULL REFERENCES workshops (id),
    group_id      TEXT NOT NULL,
    question_id   TEXT,
    focus_area_id TEXT,
    note_id       TEXT,
    caption       TEXT NOT NULL,
    content       TEXT NOT NULL,  -- SHA-256 of the stored picture (picture_files.content)
    format        TEXT NOT NULL CHECK (format IN ('jpeg', 'png')),
    width         INTEGER NOT NULL,
    height        INTEGER NOT NULL,
    bytes         INTEGER NOT NULL,
    device        TEXT NOT NULL,  -- the laptop that added it
    added_hlc     TEXT NOT NULL,
    deleted       INTEGER NOT NULL DEFAULT 0
) STRICT;
CREATE INDEX IF NOT EXISTS pictures_by_group ON pictures (workshop_id, group_id, deleted, added_hlc);
CREATE INDEX IF NOT EXISTS pictures_by_content ON pictures (content);
";

#[derive(Debug)]
pub struct Pictures;

impl Table for Pictures {
    type Row = Picture;
    const ENTITY: Entity = Entity::Picture;
    const TABLE: &'static str = "pictures";
    const COLUMNS: &'static [&'static str] = &[
        "id",
        "workshop_id",
        "group_id",
        "question_id",
        "focus_area_id",
        "note_id",
        "caption",
        "content",
        "format",
        "width",
        "height",
        "bytes",
        "device",
        "added_hlc",
        "deleted",
    ];
    const SETTABLE: &'static [&'static str] = &["caption", "question_id", "deleted"];
    const ORDER: &'static str = "added_hlc, id";

    fn to_sql(p: &Picture) -> Vec<Sql> {
        vec![
            text(&p.id),
            text(&p.workshop_id),
            text(&p.group_id),
            opt_text(&p.question_id),
            opt_text(&p.focus_area_id),
            opt_text(&p.note_id),
            text(&p.caption),
            text(&p.content),
            enum_sql(&p.format),
            int(p.width),
            int(p.height),
            Sql::Integer(i64::try_from(p.bytes).unwrap_or(i64::MAX)),
            text(&p.device),
            text(&p.added_hlc),
            boolean(p.deleted),
        ]
    }

    fn from_sql(r: &Row<'_>) -> rusqlite::Result<Picture> {
        Ok(Picture {
            id: r.get(0)?,
            workshop_id: r.get(1)?,
            group_id: r.get(2)?,
            question_id: r.get(3)?,
            focus_area_id: r.get(4)?,
            note_id: r.get(5)?,
            caption: r.get(6)?,
            content: r.get(7)?,
            format: get_enum(r, 8)?,
            width: r.get(9)?,
            height: r.get(10)?,
            bytes: u64::try_from(r.get::<_, i64>(11)?).unwrap_or(0),
            device: r.get(12)?,
            added_hlc: r.get(13)?,
            deleted: r.get(14)?,
        })
    }

    fn id(row: &Picture) -> &str {
        &row.id
    }
}

/// A workshop's pictures (live or in the trash) of one content: the same picture, wherever it
/// is attached.
pub fn with_content(conn: &Connection, workshop_id: &str, content: &str) -> Result<Vec<Picture>> {
    let sql = format!(
        "SELECT {} FROM pictures WHERE content = ?1 AND workshop_id = ?2 ORDER BY {}",
        Pictures::COLUMNS.join(", "),
        Pictures::ORDER
    );
    let mut stmt = conn.prepare_cached(&sql).map_err(from_sqlite)?;
    let rows = stmt
        .query_map(params![content, workshop_id], Pictures::from_sql)
        .map_err(from_sqlite)?;
    rows.collect::<rusqlite::Result<Vec<_>>>()
        .map_err(from_sqlite)
}

/// The bytes a workshop's pictures take, each content counted once (in the trash or not: a
/// picture in the trash is still kept everywhere).
pub fn workshop_bytes(conn: &Connection, workshop_id: &str) -> Result<u64> {
    conn.prepare_cached(
        "SELECT coalesce(sum(bytes), 0) FROM
           (SELECT content, max(bytes) AS bytes FROM pictures WHERE workshop_id = ?1 GROUP BY content)",
    )
    .map_err(from_sqlite)?
    .query_row(params![workshop_id], |r| r.get::<_, i64>(0))
    .map(|n| u64::try_from(n).unwrap_or(0))
    .map_err(from_sqlite)
}
