//! `attendance`: who was at the workshop on which day. One row per participant and day; a
//! check-in sets `present`, a mistaken one is set back.

use rusqlite::Row;
use rusqlite::types::Value as Sql;
use sala_core::model::Attendance;
use sala_core::op::Entity;

use crate::log::table::{Table, boolean, int, text};

pub const MIGRATION: &str = "
CREATE TABLE attendance (
    id             TEXT PRIMARY KEY NOT NULL,
    workshop_id    TEXT NOT NULL REFERENCES workshops (id),
    participant_id TEXT NOT NULL REFERENCES participants (id),
    day            INTEGER NOT NULL CHECK (day >= 1),
    present        INTEGER NOT NULL,
    deleted        INTEGER NOT NULL DEFAULT 0
) STRICT;
CREATE INDEX attendance_by_day ON attendance (workshop_id, day, participant_id);
";

#[derive(Debug)]
pub struct AttendanceTable;

impl Table for AttendanceTable {
    type Row = Attendance;
    const ENTITY: Entity = Entity::Attendance;
    const TABLE: &'static str = "attendance";
    const COLUMNS: &'static [&'static str] = &[
        "id",
        "workshop_id",
        "participant_id",
        "day",
        "present",
        "deleted",
    ];
    const SETTABLE: &'static [&'static str] = &["present", "deleted"];
    const ORDER: &'static str = "day, participant_id, id";

    fn to_sql(a: &Attendance) -> Vec<Sql> {
        vec![
            text(&a.id),
            text(&a.workshop_id),
            text(&a.participant_id),
            int(a.day),
            boolean(a.present),
            boolean(a.deleted),
        ]
    }

    fn from_sql(r: &Row<'_>) -> rusqlite::Result<Attendance> {
        Ok(Attendance {
            id: r.get(0)?,
            workshop_id: r.get(1)?,
            participant_id: r.get(2)?,
            day: r.get(3)?,
            present: r.get(4)?,
            deleted: r.get(5)?,
        })
    }

    fn id(row: &Attendance) -> &str {
        &row.id
    }
}
