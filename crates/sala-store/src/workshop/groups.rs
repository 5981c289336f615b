//! `groups`: the breakout tables.

use rusqlite::Row;
use rusqlite::types::Value as Sql;
use sala_core::model::Group;
use sala_core::op::Entity;

use crate::log::table::{Table, boolean, get_json, int, json, text};

pub const MIGRATION: &str = "
CREATE TABLE groups (
    id             TEXT PRIMARY KEY NOT NULL,
    workshop_id    TEXT NOT NULL REFERENCES workshops (id),
    name           TEXT NOT NULL,
    position       INTEGER NOT NULL,
    focus_area_ids TEXT NOT NULL,  -- JSON array of focus_areas.id
    facilitator    TEXT NOT NULL,
    note_taker     TEXT NOT NULL,
    deleted        INTEGER NOT NULL DEFAULT 0
) STRICT;
CREATE INDEX groups_by_workshop ON groups (workshop_id, position);
";

#[derive(Debug)]
pub struct Groups;

impl Table for Groups {
    type Row = Group;
    const ENTITY: Entity = Entity::Group;
    const TABLE: &'static str = "groups";
    const COLUMNS: &'static [&'static str] = &[
        "id",
        "workshop_id",
        "name",
        "position",
        "focus_area_ids",
        "facilitator",
        "note_taker",
        "deleted",
    ];
    const SETTABLE: &'static [&'static str] = &[
        "name",
        "position",
        "focus_area_ids",
        "facilitator",
        "note_taker",
        "deleted",
    ];
    const ORDER: &'static str = "position, id";

    fn to_sql(g: &Group) -> Vec<Sql> {
        vec![
            text(&g.id),
            text(&g.workshop_id),
            text(&g.name),
            int(g.position),
            json(&g.focus_area_ids),
            text(&g.facilitator),
            text(&g.note_taker),
            boolean(g.deleted),
        ]
    }

    fn from_sql(r: &Row<'_>) -> rusqlite::Result<Group> {
        Ok(Group {
            id: r.get(0)?,
            workshop_id: r.get(1)?,
            name: r.get(2)?,
            position: r.get(3)?,
            focus_area_ids: get_json(r, 4)?,
            facilitator: r.get(5)?,
            note_taker: r.get(6)?,
            deleted: r.get(7)?,
        })
    }

    fn id(row: &Group) -> &str {
        &row.id
    }
}
