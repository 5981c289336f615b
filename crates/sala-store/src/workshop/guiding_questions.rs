//! `guiding_questions`: the questions for the focus-group discussions.

use rusqlite::Row;
use rusqlite::types::Value as Sql;
use sala_core::model::GuidingQuestion;
use sala_core::op::Entity;

use crate::log::table::{Table, boolean, get_bilingual, int, text};

pub const MIGRATION: &str = "
CREATE TABLE guiding_questions (
    id          TEXT PRIMARY KEY NOT NULL,
    workshop_id TEXT NOT NULL REFERENCES workshops (id),
    number      INTEGER NOT NULL CHECK (number >= 1),
    text_en     TEXT NOT NULL,
    text_lo     TEXT NOT NULL,
    deleted     INTEGER NOT NULL DEFAULT 0
) STRICT;
CREATE INDEX guiding_questions_by_workshop ON guiding_questions (workshop_id, number);
";

#[derive(Debug)]
pub struct GuidingQuestions;

impl Table for GuidingQuestions {
    type Row = GuidingQuestion;
    const ENTITY: Entity = Entity::GuidingQuestion;
    const TABLE: &'static str = "guiding_questions";
    const COLUMNS: &'static [&'static str] = &[
        "id",
        "workshop_id",
        "number",
        "text_en",
        "text_lo",
        "deleted",
    ];
    const SETTABLE: &'static [&'static str] = &["number", "text", "deleted"];
    const ORDER: &'static str = "number, id";

    fn to_sql(q: &GuidingQuestion) -> Vec<Sql> {
        vec![
            text(&q.id),
            text(&q.workshop_id),
            int(q.number),
            text(&q.text.en),
            text(&q.text.lo),
            boolean(q.deleted),
        ]
    }

    fn from_sql(r: &Row<'_>) -> rusqlite::Result<GuidingQuestion> {
        Ok(GuidingQuestion {
            id: r.get(0)?,
            workshop_id: r.get(1)?,
            number: r.get(2)?,
            text: get_bilingual(r, 3)?,
            deleted: r.get(5)?,
        })
    }

    fn id(row: &GuidingQuestion) -> &str {
        &row.id
    }
}
