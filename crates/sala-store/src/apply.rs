//! Applying one op to the materialised tables.
//!
//! This is the only code that changes a materialised row. Local edits reach it through
//! [`crate::write::Writer`]; ops from other devices (a later issue) will reach it the same way.
//! Applying the same op twice changes nothing more than applying it once.

use rusqlite::Connection;
use sala_core::op::{Entity, Op, OpKind};
use sala_core::{ErrorCode, SalaError};

use crate::Result;
use crate::error::not_found;
use crate::table::{self, Table};
use crate::{
    actions::Actions, agenda_items::AgendaItems, focus_areas::FocusAreas, groups::Groups,
    guiding_questions::GuidingQuestions, notes::Notes, participants::Participants,
    swot_boards::SwotBoards, swot_cards::SwotCards, swot_votes::SwotVotes, workshops::Workshops,
};

pub fn apply(conn: &Connection, op: &Op) -> Result<()> {
    apply_row(conn, op)?;
    // The search index follows every change, in the same transaction.
    crate::search::reindex(conn, op.entity, &op.entity_id)
}

fn apply_row(conn: &Connection, op: &Op) -> Result<()> {
    match op.entity {
        Entity::Workshop => apply_to::<Workshops>(conn, op),
        Entity::AgendaItem => apply_to::<AgendaItems>(conn, op),
        Entity::FocusArea => apply_to::<FocusAreas>(conn, op),
        Entity::GuidingQuestion => apply_to::<GuidingQuestions>(conn, op),
        Entity::Group => apply_to::<Groups>(conn, op),
        Entity::Note => apply_to::<Notes>(conn, op),
        Entity::SwotCard => apply_to::<SwotCards>(conn, op),
        Entity::Action => apply_to::<Actions>(conn, op),
        Entity::Participant => apply_to::<Participants>(conn, op),
        Entity::SwotBoard => apply_to::<SwotBoards>(conn, op),
        Entity::SwotVote => apply_to::<SwotVotes>(conn, op),
        Entity::Attendance => apply_to::<crate::attendance::AttendanceTable>(conn, op),
    }
}

fn invalid(name: &str, value: impl ToString) -> SalaError {
    SalaError::new(ErrorCode::InvalidArgument)
        .with("name", name)
        .with("value", value)
}

fn apply_to<T: Table>(conn: &Connection, op: &Op) -> Result<()> {
    if op.kind == OpKind::Create {
        let row: T::Row =
            serde_json::from_value(op.value.clone()).map_err(|e| invalid(T::ENTITY.as_str(), e))?;
        if T::id(&row) != op.entity_id {
            return Err(invalid("entity_id", &op.entity_id));
        }
        return table::insert::<T>(conn, &row);
    }
    let (field, value) = match op.kind {
        OpKind::Set => (op.field.as_str(), op.value.clone()),
        OpKind::Delete => ("deleted", serde_json::Value::Bool(true)),
        OpKind::Restore => ("deleted", serde_json::Value::Bool(false)),
        OpKind::Create => unreachable!("handled above"),
    };
    if !T::SETTABLE.contains(&field) {
        return Err(invalid("field", format!("{}.{field}", T::ENTITY.as_str())));
    }
    let row = table::get::<T>(conn, &op.entity_id)?
        .ok_or_else(|| not_found(T::ENTITY.as_str(), &op.entity_id))?;
    let mut json = serde_json::to_value(&row).map_err(|e| invalid(T::ENTITY.as_str(), e))?;
    let obj = json
        .as_object_mut()
        .ok_or_else(|| invalid(T::ENTITY.as_str(), "not an object"))?;
    obj.insert(field.to_owned(), value);
    if obj.contains_key("updated_hlc") {
        obj.insert(
            "updated_hlc".into(),
            serde_json::Value::String(op.hlc.to_string()),
        );
    }
    let changed: T::Row = serde_json::from_value(json)
        .map_err(|e| invalid(&format!("{}.{field}", T::ENTITY.as_str()), e))?;
    table::update::<T>(conn, &changed)
}
