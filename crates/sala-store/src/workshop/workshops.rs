//! `workshops`: the consultation itself.

use rusqlite::Row;
use rusqlite::types::Value as Sql;
use sala_core::model::Workshop;
use sala_core::op::Entity;

use crate::log::table::{Table, boolean, get_bilingual, get_json, json, text};

pub const MIGRATION: &str = "
CREATE TABLE workshops (
    id            TEXT PRIMARY KEY NOT NULL,
    workshop_id   TEXT NOT NULL,  -- itself; lets generic listings filter every table alike
    title_en      TEXT NOT NULL,
    title_lo      TEXT NOT NULL,
    start_date    TEXT NOT NULL,
    end_date      TEXT NOT NULL,
    venue_en      TEXT NOT NULL,
    venue_lo      TEXT NOT NULL,
    organisers_en TEXT NOT NULL,
    organisers_lo TEXT NOT NULL,
    template      TEXT NOT NULL,
    is_demo       INTEGER NOT NULL,
    deleted       INTEGER NOT NULL DEFAULT 0
) STRICT;
";

/// A workshop's objectives (a JSON array of `{en, lo}`), from the workshop file.
pub const OBJECTIVES_MIGRATION: &str = "
ALTER TABLE workshops ADD COLUMN objectives TEXT NOT NULL DEFAULT '[]';
";

#[derive(Debug)]
pub struct Workshops;

impl Table for Workshops {
    type Row = Workshop;
    const ENTITY: Entity = Entity::Workshop;
    const TABLE: &'static str = "workshops";
    const COLUMNS: &'static [&'static str] = &[
        "id",
        "workshop_id",
        "title_en",
        "title_lo",
        "start_date",
        "end_date",
        "venue_en",
        "venue_lo",
        "organisers_en",
        "organisers_lo",
        "template",
        "is_demo",
        "objectives",
    ];
    const SETTABLE: &'static [&'static str] = &[
        "title",
        "start_date",
        "end_date",
        "venue",
        "organisers",
        "objectives",
    ];
    const ORDER: &'static str = "start_date, id";

    fn to_sql(w: &Workshop) -> Vec<Sql> {
        vec![
            text(&w.id),
            text(&w.id),
            text(&w.title.en),
            text(&w.title.lo),
            text(&w.start_date),
            text(&w.end_date),
            text(&w.venue.en),
            text(&w.venue.lo),
            text(&w.organisers.en),
            text(&w.organisers.lo),
            text(&w.template),
            boolean(w.is_demo),
            json(&w.objectives),
        ]
    }

    fn from_sql(r: &Row<'_>) -> rusqlite::Result<Workshop> {
        Ok(Workshop {
            id: r.get(0)?,
            title: get_bilingual(r, 2)?,
            start_date: r.get(4)?,
            end_date: r.get(5)?,
            venue: get_bilingual(r, 6)?,
            organisers: get_bilingual(r, 8)?,
            template: r.get(10)?,
            is_demo: r.get(11)?,
            objectives: get_json(r, 12)?,
        })
    }

    fn id(row: &Workshop) -> &str {
        &row.id
    }
}
