//! `actions`: the follow-up action plan.

use rusqlite::Row;
use rusqlite::types::Value as Sql;
use sala_core::model::Action;
use sala_core::op::Entity;

use crate::log::table::{
    Table, boolean, enum_sql, get_enum, get_opt_enum, opt_enum_sql, opt_text, text,
};

pub const MIGRATION: &str = "
CREATE TABLE actions (
    id            TEXT PRIMARY KEY NOT NULL,
    workshop_id   TEXT NOT NULL REFERENCES workshops (id),
    title         TEXT NOT NULL,
    description   TEXT NOT NULL,
    focus_area_id TEXT REFERENCES focus_areas (id),
    responsible   TEXT NOT NULL,
    partners      TEXT NOT NULL,
    start_date    TEXT,
    due_date      TEXT,
    horizon       TEXT CHECK (horizon IN ('short', 'medium', 'long')),
    priority      TEXT NOT NULL CHECK (priority IN ('high', 'medium', 'low')),
    status        TEXT NOT NULL,
    source_id     TEXT,
    deleted       INTEGER NOT NULL DEFAULT 0
) STRICT;
CREATE INDEX actions_by_workshop ON actions (workshop_id, deleted);
";

#[derive(Debug)]
pub struct Actions;

impl Table for Actions {
    type Row = Action;
    const ENTITY: Entity = Entity::Action;
    const TABLE: &'static str = "actions";
    const COLUMNS: &'static [&'static str] = &[
        "id",
        "workshop_id",
        "title",
        "description",
        "focus_area_id",
        "responsible",
        "partners",
        "start_date",
        "due_date",
        "horizon",
        "priority",
        "status",
        "source_id",
        "deleted",
        "agenda_item_id",
    ];
    const SETTABLE: &'static [&'static str] = &[
        "title",
        "description",
        "focus_area_id",
        "responsible",
        "partners",
        "start_date",
        "due_date",
        "horizon",
        "priority",
        "status",
        "source_id",
        "deleted",
        "agenda_item_id",
    ];
    const ORDER: &'static str = "id";

    fn to_sql(a: &Action) -> Vec<Sql> {
        vec![
            text(&a.id),
            text(&a.workshop_id),
            text(&a.title),
            text(&a.description),
            opt_text(&a.focus_area_id),
            text(&a.responsible),
            text(&a.partners),
            opt_text(&a.start_date),
            opt_text(&a.due_date),
            opt_enum_sql(&a.horizon),
            enum_sql(&a.priority),
            enum_sql(&a.status),
            opt_text(&a.source_id),
            boolean(a.deleted),
            opt_text(&a.agenda_item_id),
        ]
    }

    fn from_sql(r: &Row<'_>) -> rusqlite::Result<Action> {
        Ok(Action {
            id: r.get(0)?,
            workshop_id: r.get(1)?,
            title: r.get(2)?,
            description: r.get(3)?,
            focus_area_id: r.get(4)?,
            responsible: r.get(5)?,
            partners: r.get(6)?,
            start_date: r.get(7)?,
            due_date: r.get(8)?,
            horizon: get_opt_enum(r, 9)?,
            priority: get_enum(r, 10)?,
            status: get_enum(r, 11)?,
            source_id: r.get(12)?,
            deleted: r.get(13)?,
            agenda_item_id: r.get(14)?,
        })
    }

    fn id(row: &Action) -> &str {
        &row.id
    }
}
