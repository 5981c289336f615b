//! `swot_cards`: the cards on a group's SWOT board for one focus area.

use rusqlite::Row;
use rusqlite::types::Value as Sql;
use sala_core::model::SwotCard;
use sala_core::op::Entity;

use crate::log::table::{
    Table, boolean, enum_sql, get_enum, get_opt_enum, int, opt_enum_sql, opt_text, text,
};

pub const MIGRATION: &str = "
CREATE TABLE swot_cards (
    id             TEXT PRIMARY KEY NOT NULL,
    workshop_id    TEXT NOT NULL REFERENCES workshops (id),
    group_id       TEXT NOT NULL REFERENCES groups (id),
    focus_area_id  TEXT NOT NULL REFERENCES focus_areas (id),
    quadrant       TEXT NOT NULL CHECK (quadrant IN ('strengths', 'weaknesses', 'opportunities', 'threats')),
    text           TEXT NOT NULL,
    stakeholder    TEXT,
    position       INTEGER NOT NULL,
    cluster_id     TEXT,
    source_note_id TEXT,
    deleted        INTEGER NOT NULL DEFAULT 0
) STRICT;
CREATE INDEX swot_cards_by_board ON swot_cards (group_id, focus_area_id, quadrant, position);
";

#[derive(Debug)]
pub struct SwotCards;

impl Table for SwotCards {
    type Row = SwotCard;
    const ENTITY: Entity = Entity::SwotCard;
    const TABLE: &'static str = "swot_cards";
    const COLUMNS: &'static [&'static str] = &[
        "id",
        "workshop_id",
        "group_id",
        "focus_area_id",
        "quadrant",
        "text",
        "stakeholder",
        "position",
        "cluster_id",
        "source_note_id",
        "deleted",
        "agenda_item_id",
    ];
    const SETTABLE: &'static [&'static str] = &[
        "quadrant",
        "text",
        "stakeholder",
        "position",
        "cluster_id",
        "deleted",
        "agenda_item_id",
    ];
    const ORDER: &'static str = "group_id, focus_area_id, quadrant, position, id";

    fn to_sql(c: &SwotCard) -> Vec<Sql> {
        vec![
            text(&c.id),
            text(&c.workshop_id),
            text(&c.group_id),
            text(&c.focus_area_id),
            enum_sql(&c.quadrant),
            text(&c.text),
            opt_enum_sql(&c.stakeholder),
            int(c.position),
            opt_text(&c.cluster_id),
            opt_text(&c.source_note_id),
            boolean(c.deleted),
            opt_text(&c.agenda_item_id),
        ]
    }

    fn from_sql(r: &Row<'_>) -> rusqlite::Result<SwotCard> {
        Ok(SwotCard {
            id: r.get(0)?,
            workshop_id: r.get(1)?,
            group_id: r.get(2)?,
            focus_area_id: r.get(3)?,
            quadrant: get_enum(r, 4)?,
            text: r.get(5)?,
            stakeholder: get_opt_enum(r, 6)?,
            position: r.get(7)?,
            cluster_id: r.get(8)?,
            source_note_id: r.get(9)?,
            deleted: r.get(10)?,
            agenda_item_id: r.get(11)?,
        })
    }

    fn id(row: &SwotCard) -> &str {
        &row.id
    }
}
