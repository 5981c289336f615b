//! `survey_responses`: one row per response, written once (a correction is a new response; the
//! old one goes to the trash), so answers from every laptop merge by the op log alone.

use rusqlite::Row;
use rusqlite::types::Value as Sql;
use sala_core::op::Entity;
use sala_core::survey::SurveyResponse;

use crate::log::table::{Table, boolean, get_json, int, json, opt_text, text};

pub const MIGRATION: &str = "
CREATE TABLE survey_responses (
    id             TEXT PRIMARY KEY NOT NULL,
    workshop_id    TEXT NOT NULL REFERENCES workshops (id),
    form_id        TEXT NOT NULL,
    form_version   INTEGER NOT NULL,
    version_id     TEXT NOT NULL,
    participant_id TEXT,
    answers        TEXT NOT NULL,  -- JSON, by question key
    device_id      TEXT NOT NULL,
    created_hlc    TEXT NOT NULL,
    deleted        INTEGER NOT NULL DEFAULT 0
) STRICT;
CREATE INDEX survey_responses_by_form ON survey_responses (workshop_id, form_id, deleted);
";

#[derive(Debug)]
pub struct SurveyResponses;

impl Table for SurveyResponses {
    type Row = SurveyResponse;
    const ENTITY: Entity = Entity::SurveyResponse;
    const TABLE: &'static str = "survey_responses";
    const COLUMNS: &'static [&'static str] = &[
        "id",
        "workshop_id",
        "form_id",
        "form_version",
        "version_id",
        "participant_id",
        "answers",
        "device_id",
        "created_hlc",
        "deleted",
    ];
    const SETTABLE: &'static [&'static str] = &["deleted"];
    const ORDER: &'static str = "created_hlc, id";

    fn to_sql(r: &SurveyResponse) -> Vec<Sql> {
        vec![
            text(&r.id),
            text(&r.workshop_id),
            text(&r.form_id),
            int(r.form_version),
            text(&r.version_id),
            opt_text(&r.participant_id),
            json(&r.answers),
            text(&r.device_id),
            text(&r.created_hlc),
            boolean(r.deleted),
        ]
    }

    fn from_sql(r: &Row<'_>) -> rusqlite::Result<SurveyResponse> {
        Ok(SurveyResponse {
            id: r.get(0)?,
            workshop_id: r.get(1)?,
            form_id: r.get(2)?,
            form_version: r.get(3)?,
            version_id: r.get(4)?,
            participant_id: r.get(5)?,
            answers: get_json(r, 6)?,
            device_id: r.get(7)?,
            created_hlc: r.get(8)?,
            deleted: r.get(9)?,
        })
    }

    fn id(row: &SurveyResponse) -> &str {
        &row.id
    }
}
