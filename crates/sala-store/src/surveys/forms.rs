//! `survey_forms`: one row per version of a survey form (decision 15). A form's versions share
//! `form_id`; its sections (questions, options, scales) are kept as JSON.

use rusqlite::Row;
use rusqlite::types::Value as Sql;
use sala_core::op::Entity;
use sala_core::survey::SurveyForm;

use crate::log::table::{
    Table, boolean, enum_sql, get_bilingual, get_enum, get_json, int, json, text,
};

pub const MIGRATION: &str = "
CREATE TABLE survey_forms (
    id          TEXT PRIMARY KEY NOT NULL,
    workshop_id TEXT NOT NULL REFERENCES workshops (id),
    form_id     TEXT NOT NULL,
    kind        TEXT NOT NULL CHECK (kind IN ('pre', 'post', 'follow_up')),
    version     INTEGER NOT NULL,
    title_en    TEXT NOT NULL,
    title_lo    TEXT NOT NULL,
    intro_en    TEXT NOT NULL,
    intro_lo    TEXT NOT NULL,
    anonymous   INTEGER NOT NULL,
    sections    TEXT NOT NULL,  -- JSON
    deleted     INTEGER NOT NULL DEFAULT 0
) STRICT;
CREATE INDEX survey_forms_by_form ON survey_forms (workshop_id, form_id, version);
";

#[derive(Debug)]
pub struct SurveyForms;

impl Table for SurveyForms {
    type Row = SurveyForm;
    const ENTITY: Entity = Entity::SurveyForm;
    const TABLE: &'static str = "survey_forms";
    const COLUMNS: &'static [&'static str] = &[
        "id",
        "workshop_id",
        "form_id",
        "kind",
        "version",
        "title_en",
        "title_lo",
        "intro_en",
        "intro_lo",
        "anonymous",
        "sections",
        "deleted",
    ];
    const SETTABLE: &'static [&'static str] =
        &["title", "intro", "anonymous", "sections", "deleted"];
    const ORDER: &'static str = "kind, form_id, version, id";

    fn to_sql(f: &SurveyForm) -> Vec<Sql> {
        vec![
            text(&f.id),
            text(&f.workshop_id),
            text(&f.form_id),
            enum_sql(&f.kind),
            int(f.version),
            text(&f.title.en),
            text(&f.title.lo),
            text(&f.intro.en),
            text(&f.intro.lo),
            boolean(f.anonymous),
            json(&f.sections),
            boolean(f.deleted),
        ]
    }

    fn from_sql(r: &Row<'_>) -> rusqlite::Result<SurveyForm> {
        Ok(SurveyForm {
            id: r.get(0)?,
            workshop_id: r.get(1)?,
            form_id: r.get(2)?,
            kind: get_enum(r, 3)?,
            version: r.get(4)?,
            title: get_bilingual(r, 5)?,
            intro: get_bilingual(r, 7)?,
            anonymous: r.get(9)?,
            sections: get_json(r, 10)?,
            deleted: r.get(11)?,
        })
    }

    fn id(row: &SurveyForm) -> &str {
        &row.id
    }
}
