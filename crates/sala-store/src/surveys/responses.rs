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

/// Issue 20: where a response came from when not typed on a laptop (JSON, `ResponseSource`).
pub const SOURCE_COLUMN: (&str, &str) = ("source", "TEXT");

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
        "source",
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
            r.source.as_ref().map_or(Sql::Null, json),
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
            source: match r.get::<_, Option<String>>(10)? {
                Some(s) => Some(serde_json::from_str(&s).map_err(|e| {
                    rusqlite::Error::FromSqlConversionFailure(
                        10,
                        rusqlite::types::Type::Text,
                        Box::new(e),
                    )
                })?),
                None => None,
            },
        })
    }

    fn id(row: &SurveyResponse) -> &str {
        &row.id
    }
}

/// Whether a live response to form `form_id` came from phone `phone`.
pub fn answered_on_phone(
    conn: &rusqlite::Connection,
    workshop_id: &str,
    form_id: &str,
    phone: &str,
) -> crate::Result<bool> {
    conn.query_row(
        "SELECT EXISTS (SELECT 1 FROM survey_responses
         WHERE workshop_id = ?1 AND form_id = ?2 AND deleted = 0 AND source ->> '$.phone' = ?3)",
        [workshop_id, form_id, phone],
        |r| r.get(0),
    )
    .map_err(crate::error::from_sqlite)
}
