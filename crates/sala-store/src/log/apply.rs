//! Applying ops to the materialised tables.
//!
//! This is the only code that changes a materialised row. A local edit ([`crate::log::write::Writer`])
//! is applied directly ([`apply_row`]): it is the newest op and replaces the value shown, so the row it
//! gives is the one [`sala_core::merge::merge_row`] would compute. Ops from other devices can
//! arrive in any order, so a row they touch is recomputed from all of its ops ([`remerge`]).
//! Applying the same op twice changes nothing more than applying it once.

use rusqlite::Connection;
use sala_core::op::{Entity, Op, OpKind};
use sala_core::{ErrorCode, SalaError};
use serde::Deserialize;

use crate::Result;
use crate::error::not_found;
use crate::log::table::{self, Table};
use crate::{
    notes::rows::Notes, people::participants::Participants, plan::actions::Actions,
    swot::boards::SwotBoards, swot::cards::SwotCards, swot::votes::SwotVotes,
    workshop::agenda_items::AgendaItems, workshop::focus_areas::FocusAreas,
    workshop::groups::Groups, workshop::guiding_questions::GuidingQuestions,
    workshop::workshops::Workshops,
};

/// Calls `$f::<Table>($args)` for the table of `$entity`.
macro_rules! by_table {
    ($entity:expr, $f:ident ( $($arg:expr),* )) => {
        match $entity {
            Entity::Workshop => $f::<Workshops>($($arg),*),
            Entity::AgendaItem => $f::<AgendaItems>($($arg),*),
            Entity::FocusArea => $f::<FocusAreas>($($arg),*),
            Entity::GuidingQuestion => $f::<GuidingQuestions>($($arg),*),
            Entity::Group => $f::<Groups>($($arg),*),
            Entity::Note => $f::<Notes>($($arg),*),
            Entity::SwotCard => $f::<SwotCards>($($arg),*),
            Entity::Action => $f::<Actions>($($arg),*),
            Entity::Participant => $f::<Participants>($($arg),*),
            Entity::SwotBoard => $f::<SwotBoards>($($arg),*),
            Entity::SwotVote => $f::<SwotVotes>($($arg),*),
            Entity::Attendance => $f::<crate::people::attendance::AttendanceTable>($($arg),*),
            Entity::SurveyForm => $f::<crate::surveys::forms::SurveyForms>($($arg),*),
            Entity::SurveyResponse => $f::<crate::surveys::responses::SurveyResponses>($($arg),*),
            Entity::Idea => $f::<crate::ideas::rows::Ideas>($($arg),*),
            Entity::Picture => $f::<crate::pictures::rows::Pictures>($($arg),*),
        }
    };
}

/// The fields of `entity` a `Set` op may change (each has a label `field.<name>` in both
/// locale files, for the Conflicts inbox: a test in `tests/locales.rs` holds them to it).
pub fn settable_fields(entity: Entity) -> &'static [&'static str] {
    fn of<T: Table>() -> &'static [&'static str] {
        T::SETTABLE
    }
    by_table!(entity, of())
}

/// The SQL table of `entity`'s rows.
pub fn table_of(entity: Entity) -> &'static str {
    fn of<T: Table>() -> &'static str {
        T::TABLE
    }
    by_table!(entity, of())
}

/// The creation that is a row's whole history, when it is (most rows when a laptop joins):
/// the row is then that creation, written as is without recomputing it from the log. `new`
/// are the row's ops just received (already in the log); `fresh`: the log held nothing of the
/// workshop before them, so it need not be asked.
pub fn whole_history<'o>(
    conn: &Connection,
    entity: Entity,
    id: &str,
    new: &[&'o Op],
    fresh: bool,
) -> Result<Option<&'o Op>> {
    Ok(match new {
        [create]
            if create.kind == OpKind::Create
                && (fresh || crate::log::ops::count_for(conn, entity, id)? == 1) =>
        {
            Some(*create)
        }
        _ => None,
    })
}

/// Writes the row an op changes. Its search document follows in the same transaction: the
/// caller gathers it (`search::index::reindex`) and writes it before committing.
pub fn apply_row(conn: &Connection, op: &Op) -> Result<()> {
    by_table!(op.entity, apply_to(conn, op))
}

/// Recomputes one row from every op the log holds for it (after ops from elsewhere arrived):
/// the row, its field heads (conflicts) and its search document. Returns whether the row exists.
/// The full-text writes are gathered in `pending` (see [`crate::search::index::Pending`]).
pub fn remerge(
    conn: &Connection,
    entity: Entity,
    id: &str,
    pending: &mut crate::search::index::Pending,
) -> Result<bool> {
    let ops = crate::log::ops::for_entity(conn, entity, id)?;
    let merged = sala_core::merge::merge_row(&ops);
    crate::log::heads::replace_all(conn, entity, id, &merged.fields)?;
    if let Some(state) = &merged.text_doc {
        crate::log::text_docs::put(conn, id, ops.len() as i64, state)?;
    }
    let exists = match &merged.row {
        Some(row) => {
            by_table!(entity, put(conn, row, &ops, &merged))?;
            true
        }
        None => false,
    };
    crate::search::index::reindex(conn, entity, id, pending)?;
    Ok(exists)
}

/// Writes a merged row. A value that does not fit its field (an op from a buggy or newer Sala
/// that arrived before its row did, so it could not be refused) is left out of what is shown —
/// the row is built from its creation and every field that fits — and stays in the log.
fn put<T: Table>(
    conn: &Connection,
    row: &serde_json::Value,
    ops: &[Op],
    merged: &sala_core::merge::Merged,
) -> Result<()> {
    let whole = match T::Row::deserialize(row) {
        Ok(r) => r,
        Err(e) => fitting::<T>(row, ops, merged).ok_or_else(|| invalid(T::ENTITY.as_str(), e))?,
    };
    table::upsert::<T>(conn, &whole)
}

/// The row from its creation with each field's shown value applied only where it fits.
fn fitting<T: Table>(
    row: &serde_json::Value,
    ops: &[Op],
    merged: &sala_core::merge::Merged,
) -> Option<T::Row> {
    let mut best = ops
        .iter()
        .filter(|o| o.kind == OpKind::Create)
        .min_by(|a, b| (&a.hlc, &a.id).cmp(&(&b.hlc, &b.id)))?
        .value
        .clone();
    T::Row::deserialize(&best).ok()?;
    for field in merged
        .fields
        .keys()
        .map(String::as_str)
        .chain(["deleted", "updated_hlc"])
    {
        let (Some(value), Some(obj)) = (row.get(field), best.as_object_mut()) else {
            continue;
        };
        if !obj.contains_key(field) {
            continue;
        }
        let before = obj.insert(field.to_owned(), value.clone());
        if T::Row::deserialize(&best).is_err()
            && let (Some(obj), Some(before)) = (best.as_object_mut(), before)
        {
            obj.insert(field.to_owned(), before);
        }
    }
    T::Row::deserialize(best).ok()
}

fn invalid(name: &str, value: impl ToString) -> SalaError {
    SalaError::new(ErrorCode::InvalidArgument)
        .with("name", name)
        .with("value", value)
}

fn apply_to<T: Table>(conn: &Connection, op: &Op) -> Result<()> {
    if op.kind == OpKind::Create {
        let row: T::Row =
            T::Row::deserialize(&op.value).map_err(|e| invalid(T::ENTITY.as_str(), e))?;
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

/// A conflict's resolution, written through the writer (see [`crate::Store::resolve_conflict`]).
pub fn resolve_in(
    w: &mut crate::log::write::Writer<'_>,
    entity: Entity,
    workshop_id: &str,
    id: &str,
    field: &str,
    value: serde_json::Value,
) -> Result<Op> {
    by_table!(entity, resolve_one(w, workshop_id, id, field, value))
}

fn resolve_one<T: Table>(
    w: &mut crate::log::write::Writer<'_>,
    workshop_id: &str,
    id: &str,
    field: &str,
    value: serde_json::Value,
) -> Result<Op> {
    w.resolve::<T>(workshop_id, id, field, value)
}
