//! `focus_areas`: the pillars and elements a group can discuss.

use rusqlite::Row;
use rusqlite::types::Value as Sql;
use sala_core::model::FocusArea;
use sala_core::op::Entity;

use crate::log::table::{Table, boolean, enum_sql, get_bilingual, get_enum, int, text};

pub const MIGRATION: &str = "
CREATE TABLE focus_areas (
    id             TEXT PRIMARY KEY NOT NULL,
    workshop_id    TEXT NOT NULL REFERENCES workshops (id),
    kind           TEXT NOT NULL CHECK (kind IN ('pillar', 'element')),
    code           TEXT NOT NULL,
    position       INTEGER NOT NULL,
    name_en        TEXT NOT NULL,
    name_lo        TEXT NOT NULL,
    description_en TEXT NOT NULL,
    description_lo TEXT NOT NULL,
    deleted        INTEGER NOT NULL DEFAULT 0
) STRICT;
CREATE INDEX focus_areas_by_workshop ON focus_areas (workshop_id, position);
";

#[derive(Debug)]
pub struct FocusAreas;

impl Table for FocusAreas {
    type Row = FocusArea;
    const ENTITY: Entity = Entity::FocusArea;
    const TABLE: &'static str = "focus_areas";
    const COLUMNS: &'static [&'static str] = &[
        "id",
        "workshop_id",
        "kind",
        "code",
        "position",
        "name_en",
        "name_lo",
        "description_en",
        "description_lo",
        "deleted",
    ];
    const SETTABLE: &'static [&'static str] =
        &["position", "kind", "name", "description", "deleted"];
    const ORDER: &'static str = "position, id";

    fn to_sql(f: &FocusArea) -> Vec<Sql> {
        vec![
            text(&f.id),
            text(&f.workshop_id),
            enum_sql(&f.kind),
            text(&f.code),
            int(f.position),
            text(&f.name.en),
            text(&f.name.lo),
            text(&f.description.en),
            text(&f.description.lo),
            boolean(f.deleted),
        ]
    }

    fn from_sql(r: &Row<'_>) -> rusqlite::Result<FocusArea> {
        Ok(FocusArea {
            id: r.get(0)?,
            workshop_id: r.get(1)?,
            kind: get_enum(r, 2)?,
            code: r.get(3)?,
            position: r.get(4)?,
            name: get_bilingual(r, 5)?,
            description: get_bilingual(r, 7)?,
            deleted: r.get(9)?,
        })
    }

    fn id(row: &FocusArea) -> &str {
        &row.id
    }
}
