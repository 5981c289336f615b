//! `agenda_items`: the agenda, by day.

use rusqlite::Row;
use rusqlite::types::Value as Sql;
use sala_core::model::AgendaItem;
use sala_core::op::Entity;

use crate::log::table::{Table, boolean, enum_sql, get_bilingual, get_enum, int, text};

pub const MIGRATION: &str = "
CREATE TABLE agenda_items (
    id          TEXT PRIMARY KEY NOT NULL,
    workshop_id TEXT NOT NULL REFERENCES workshops (id),
    day         INTEGER NOT NULL CHECK (day >= 1),
    position    INTEGER NOT NULL,
    kind        TEXT NOT NULL,
    title_en    TEXT NOT NULL,
    title_lo    TEXT NOT NULL,
    starts_at   TEXT NOT NULL,
    ends_at     TEXT NOT NULL,
    room        TEXT NOT NULL,
    deleted     INTEGER NOT NULL DEFAULT 0
) STRICT;
CREATE INDEX agenda_items_by_workshop ON agenda_items (workshop_id, day, position);
";

#[derive(Debug)]
pub struct AgendaItems;

impl Table for AgendaItems {
    type Row = AgendaItem;
    const ENTITY: Entity = Entity::AgendaItem;
    const TABLE: &'static str = "agenda_items";
    const COLUMNS: &'static [&'static str] = &[
        "id",
        "workshop_id",
        "day",
        "position",
        "kind",
        "title_en",
        "title_lo",
        "starts_at",
        "ends_at",
        "room",
        "deleted",
    ];
    const SETTABLE: &'static [&'static str] = &[
        "day",
        "position",
        "kind",
        "title",
        "starts_at",
        "ends_at",
        "room",
        "deleted",
    ];
    const ORDER: &'static str = "day, starts_at, position, id";

    fn to_sql(a: &AgendaItem) -> Vec<Sql> {
        vec![
            text(&a.id),
            text(&a.workshop_id),
            int(a.day),
            int(a.position),
            enum_sql(&a.kind),
            text(&a.title.en),
            text(&a.title.lo),
            text(&a.starts_at),
            text(&a.ends_at),
            text(&a.room),
            boolean(a.deleted),
        ]
    }

    fn from_sql(r: &Row<'_>) -> rusqlite::Result<AgendaItem> {
        Ok(AgendaItem {
            id: r.get(0)?,
            workshop_id: r.get(1)?,
            day: r.get(2)?,
            position: r.get(3)?,
            kind: get_enum(r, 4)?,
            title: get_bilingual(r, 5)?,
            starts_at: r.get(7)?,
            ends_at: r.get(8)?,
            room: r.get(9)?,
            deleted: r.get(10)?,
        })
    }

    fn id(row: &AgendaItem) -> &str {
        &row.id
    }
}
