//! What an op received from another laptop must be before anything of it is applied.
//!
//! A sync file's checksum says it arrived whole, not that a well-behaved Sala wrote it: a buggy
//! or hostile laptop (or a hand-edited file with its checksum recomputed) can hold an op whose
//! row is not a row, whose ids would become paths, whose timestamp no clock makes, or that
//! names a row of another workshop. [`check`] refuses such an op, naming it; the sync pass then
//! sets the whole file aside (shown, retried) and goes on with every other file — one bad
//! file never halts sync (issue 14).
//!
//! What is *not* refused: a field this Sala does not know (a newer Sala's; kept in the log,
//! not shown), a value for a row that has not arrived yet (kept; see `apply::remerge`, which
//! shows a row without a value that does not fit it), a timestamp far in the past or a year
//! ahead (real clocks do that).

use rusqlite::{Connection, OptionalExtension, params};
use sala_core::op::{Entity, Op, OpKind};
use sala_core::{ErrorCode, SalaError};
use serde::Deserialize;

use crate::Result;
use crate::error::from_sqlite;
use crate::log::table::{self, Table};

/// The longest id of a row Sala accepts (UUIDs and the ids derived from them are far shorter).
pub const MAX_ID_BYTES: usize = 200;
/// The longest field name.
pub const MAX_FIELD_BYTES: usize = 64;

/// Whether `s` is a UUID in its hyphenated text form — what every workshop, device and op id
/// is. Ids that become folder names must pass this before any path is made of them.
pub fn is_uuid(s: &str) -> bool {
    s.len() == 36 && uuid::Uuid::try_parse(s).is_ok()
}

/// Whether `s` can be a row id: a UUID, or an id derived from one (`…survey.pre.v1`), in
/// letters, digits and `.-_:` only.
pub fn is_row_id(s: &str) -> bool {
    !s.is_empty()
        && s.len() <= MAX_ID_BYTES
        && s.bytes()
            .all(|b| b.is_ascii_alphanumeric() || matches!(b, b'.' | b'-' | b'_' | b':'))
}

fn is_field(s: &str) -> bool {
    s.len() <= MAX_FIELD_BYTES && s.bytes().all(|b| b.is_ascii_lowercase() || b == b'_')
}

fn bad(index: usize, op: &Op, detail: impl ToString) -> SalaError {
    SalaError::new(ErrorCode::SyncBadOp)
        .with("op", index + 1)
        .with("entity", op.entity.as_str())
        .with("detail", detail)
}

/// Checks op number `index` (0-based) of what arrived, against the store as it is.
pub fn check(conn: &Connection, index: usize, op: &Op) -> Result<()> {
    if !op.hlc.is_plausible() {
        return Err(SalaError::new(ErrorCode::SyncImpossibleTime)
            .with("op", index + 1)
            .with("time", &op.hlc));
    }
    for (what, id) in [
        ("id", &op.id),
        ("device", &op.device),
        ("workshop_id", &op.workshop_id),
        ("hlc device", &op.hlc.device),
    ] {
        if !is_uuid(id) {
            return Err(bad(index, op, format!("{what} is not a UUID")));
        }
    }
    if !is_row_id(&op.entity_id) {
        return Err(bad(index, op, "entity_id is not an id"));
    }
    if !is_field(&op.field) || (op.kind == OpKind::Set && op.field.is_empty()) {
        return Err(bad(index, op, "field is not a field name"));
    }
    if op.entity == Entity::Workshop && op.entity_id != op.workshop_id {
        return Err(other_workshop(index, op));
    }
    if let Some(update) = &op.text_update
        && (op.kind != OpKind::Set || !sala_core::text_merge::update_is_readable(update))
    {
        return Err(bad(index, op, "text update cannot be read"));
    }
    // The row's first op fixes its workshop: an op in another workshop's file cannot touch it.
    let owner: Option<String> = conn
        .prepare_cached(
            "SELECT workshop_id FROM ops WHERE entity = ?1 AND entity_id = ?2 AND workshop_id != ?3 LIMIT 1",
        )
        .map_err(from_sqlite)?
        .query_row(
            params![op.entity.as_str(), op.entity_id, op.workshop_id],
            |r| r.get(0),
        )
        .optional()
        .map_err(from_sqlite)?;
    if owner.is_some() {
        return Err(other_workshop(index, op));
    }
    by_entity(conn, index, op)
}

fn other_workshop(index: usize, op: &Op) -> SalaError {
    SalaError::new(ErrorCode::SyncOtherWorkshopRow)
        .with("op", index + 1)
        .with("entity", op.entity.as_str())
}

fn by_entity(conn: &Connection, index: usize, op: &Op) -> Result<()> {
    use crate::{
        notes::rows::Notes, people::attendance::AttendanceTable,
        people::participants::Participants, plan::actions::Actions, surveys::forms::SurveyForms,
        surveys::responses::SurveyResponses, swot::boards::SwotBoards, swot::cards::SwotCards,
        swot::votes::SwotVotes, workshop::agenda_items::AgendaItems,
        workshop::focus_areas::FocusAreas, workshop::groups::Groups,
        workshop::guiding_questions::GuidingQuestions, workshop::workshops::Workshops,
    };
    match op.entity {
        Entity::Workshop => row_fits::<Workshops>(conn, index, op),
        Entity::AgendaItem => row_fits::<AgendaItems>(conn, index, op),
        Entity::FocusArea => row_fits::<FocusAreas>(conn, index, op),
        Entity::GuidingQuestion => row_fits::<GuidingQuestions>(conn, index, op),
        Entity::Group => row_fits::<Groups>(conn, index, op),
        Entity::Note => row_fits::<Notes>(conn, index, op),
        Entity::SwotCard => row_fits::<SwotCards>(conn, index, op),
        Entity::Action => row_fits::<Actions>(conn, index, op),
        Entity::Participant => row_fits::<Participants>(conn, index, op),
        Entity::SwotBoard => row_fits::<SwotBoards>(conn, index, op),
        Entity::SwotVote => row_fits::<SwotVotes>(conn, index, op),
        Entity::Attendance => row_fits::<AttendanceTable>(conn, index, op),
        Entity::SurveyForm => row_fits::<SurveyForms>(conn, index, op),
        Entity::SurveyResponse => row_fits::<SurveyResponses>(conn, index, op),
        Entity::Idea => row_fits::<crate::ideas::rows::Ideas>(conn, index, op),
        Entity::Picture => row_fits::<crate::pictures::rows::Pictures>(conn, index, op),
    }
}

/// A creation holds a whole row of its table, with its own id, in its own workshop; a change
/// of a row already here gives a row of its table.
fn row_fits<T: Table>(conn: &Connection, index: usize, op: &Op) -> Result<()> {
    match op.kind {
        OpKind::Create => {
            let row = T::Row::deserialize(&op.value).map_err(|e| bad(index, op, e))?;
            if T::id(&row) != op.entity_id {
                return Err(bad(index, op, "the row's id is not the op's"));
            }
            let own = match op.entity {
                Entity::Workshop => op.value.get("id"),
                _ => op.value.get("workshop_id"),
            };
            if own.and_then(serde_json::Value::as_str) != Some(op.workshop_id.as_str()) {
                return Err(other_workshop(index, op));
            }
            Ok(())
        }
        OpKind::Set => {
            let Some(row) = table::get::<T>(conn, &op.entity_id)? else {
                return Ok(());
            };
            let mut json = serde_json::to_value(&row).map_err(|e| bad(index, op, e))?;
            let Some(obj) = json.as_object_mut() else {
                return Ok(());
            };
            if matches!(op.field.as_str(), "id" | "workshop_id") {
                return Err(bad(index, op, "the row's id and workshop cannot change"));
            }
            if !obj.contains_key(&op.field) {
                // A newer Sala's field: kept in the log, not shown.
                return Ok(());
            }
            obj.insert(op.field.clone(), op.value.clone());
            T::Row::deserialize(&json)
                .map(|_| ())
                .map_err(|e| bad(index, op, format!("{}: {e}", op.field)))
        }
        OpKind::Delete | OpKind::Restore => Ok(()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_ids_that_cannot_become_paths_pass() {
        let check = |s: &str, uuid: bool, row: bool| {
            assert_eq!(is_uuid(s), uuid, "{s:?} uuid");
            assert_eq!(is_row_id(s), row, "{s:?} row id");
        };
        check("0190aa55-6e3c-7c4e-9a1b-2f3d4e5f6a7b", true, true);
        check(
            "0190aa55-6e3c-7c4e-9a1b-2f3d4e5f6a7b.survey.pre.v1",
            false,
            true,
        );
        check("../../../outside", false, false);
        check("..", false, true);
        check("", false, false);
        check("a/b", false, false);
        check("a\\b", false, false);
        check("C:", false, true);
        check("0190aa556e3c7c4e9a1b2f3d4e5f6a7b", false, true); // simple form: not a folder name we make
        check("{0190aa55-6e3c-7c4e-9a1b-2f3d4e5f6a7b}", false, false);
        check(&"a".repeat(MAX_ID_BYTES + 1), false, false);
    }
}
