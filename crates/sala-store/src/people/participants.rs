//! `participants`: the people invited. Personal data: it leaves the device only through sync
//! and the exports a user asks for.

use rusqlite::Row;
use rusqlite::types::Value as Sql;
use sala_core::model::Participant;
use sala_core::op::Entity;

use crate::log::table::{
    Table, boolean, enum_sql, get_bilingual, get_enum, get_opt_enum, opt_enum_sql, opt_text, text,
};

pub const MIGRATION: &str = "
CREATE TABLE participants (
    id           TEXT PRIMARY KEY NOT NULL,
    workshop_id  TEXT NOT NULL REFERENCES workshops (id),
    name_en      TEXT NOT NULL,
    name_lo      TEXT NOT NULL,
    organisation TEXT NOT NULL,
    stakeholder  TEXT,
    gender       TEXT NOT NULL,
    contact      TEXT NOT NULL,
    consent      INTEGER NOT NULL,
    group_id     TEXT REFERENCES groups (id),
    deleted      INTEGER NOT NULL DEFAULT 0
) STRICT;
CREATE INDEX participants_by_workshop ON participants (workshop_id, deleted);
";

#[derive(Debug)]
pub struct Participants;

impl Table for Participants {
    type Row = Participant;
    const ENTITY: Entity = Entity::Participant;
    const TABLE: &'static str = "participants";
    const COLUMNS: &'static [&'static str] = &[
        "id",
        "workshop_id",
        "name_en",
        "name_lo",
        "organisation",
        "stakeholder",
        "gender",
        "contact",
        "consent",
        "group_id",
        "deleted",
    ];
    const SETTABLE: &'static [&'static str] = &[
        "name",
        "organisation",
        "stakeholder",
        "gender",
        "contact",
        "consent",
        "group_id",
        "deleted",
    ];
    const ORDER: &'static str = "name_lo, name_en, id";

    fn to_sql(p: &Participant) -> Vec<Sql> {
        vec![
            text(&p.id),
            text(&p.workshop_id),
            text(&p.name.en),
            text(&p.name.lo),
            text(&p.organisation),
            opt_enum_sql(&p.stakeholder),
            enum_sql(&p.gender),
            text(&p.contact),
            boolean(p.consent),
            opt_text(&p.group_id),
            boolean(p.deleted),
        ]
    }

    fn from_sql(r: &Row<'_>) -> rusqlite::Result<Participant> {
        Ok(Participant {
            id: r.get(0)?,
            workshop_id: r.get(1)?,
            name: get_bilingual(r, 2)?,
            organisation: r.get(4)?,
            stakeholder: get_opt_enum(r, 5)?,
            gender: get_enum(r, 6)?,
            contact: r.get(7)?,
            consent: r.get(8)?,
            group_id: r.get(9)?,
            deleted: r.get(10)?,
        })
    }

    fn id(row: &Participant) -> &str {
        &row.id
    }
}
