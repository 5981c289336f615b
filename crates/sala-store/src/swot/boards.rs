//! `swot_boards`: the settings of each board (a group's SWOT for one focus area).

use rusqlite::Row;
use rusqlite::types::Value as Sql;
use sala_core::model::SwotBoard;
use sala_core::op::Entity;

use crate::log::table::{Table, boolean, int, text};

pub const MIGRATION: &str = "
CREATE TABLE swot_boards (
    id            TEXT PRIMARY KEY NOT NULL,
    workshop_id   TEXT NOT NULL REFERENCES workshops (id),
    group_id      TEXT NOT NULL REFERENCES groups (id),
    focus_area_id TEXT NOT NULL REFERENCES focus_areas (id),
    vote_limit    INTEGER NOT NULL CHECK (vote_limit >= 0),
    deleted       INTEGER NOT NULL DEFAULT 0
) STRICT;
CREATE INDEX swot_boards_by_group ON swot_boards (group_id, focus_area_id);
";

#[derive(Debug)]
pub struct SwotBoards;

impl Table for SwotBoards {
    type Row = SwotBoard;
    const ENTITY: Entity = Entity::SwotBoard;
    const TABLE: &'static str = "swot_boards";
    const COLUMNS: &'static [&'static str] = &[
        "id",
        "workshop_id",
        "group_id",
        "focus_area_id",
        "vote_limit",
        "deleted",
    ];
    const SETTABLE: &'static [&'static str] = &["vote_limit", "deleted"];
    const ORDER: &'static str = "group_id, focus_area_id, id";

    fn to_sql(b: &SwotBoard) -> Vec<Sql> {
        vec![
            text(&b.id),
            text(&b.workshop_id),
            text(&b.group_id),
            text(&b.focus_area_id),
            int(b.vote_limit),
            boolean(b.deleted),
        ]
    }

    fn from_sql(r: &Row<'_>) -> rusqlite::Result<SwotBoard> {
        Ok(SwotBoard {
            id: r.get(0)?,
            workshop_id: r.get(1)?,
            group_id: r.get(2)?,
            focus_area_id: r.get(3)?,
            vote_limit: r.get(4)?,
            deleted: r.get(5)?,
        })
    }

    fn id(row: &SwotBoard) -> &str {
        &row.id
    }
}
