//! Versioned schema migrations (`rusqlite_migration`, kept in `PRAGMA user_version`).
//!
//! Each table's SQL lives beside its module; this list fixes their order. Append only: a
//! released migration is never edited, a change is a new entry.

use rusqlite::Connection;
use rusqlite_migration::{M, Migrations};
use sala_core::{ErrorCode, SalaError};

use crate::Result;
use crate::{
    db::meta, ideas::rows as ideas, log::heads, log::ops, log::text_docs, notes::rows as notes,
    people::attendance, people::participants, pictures::files as picture_files,
    pictures::rows as pictures, plan::actions, search, surveys::forms as survey_forms,
    surveys::responses as survey_responses, swot::boards as swot_boards, swot::cards as swot_cards,
    swot::votes as swot_votes, sync::files as sync_files, sync::peers as sync_peers,
    workshop::agenda_items, workshop::focus_areas, workshop::groups, workshop::guiding_questions,
    workshop::workshops,
};

/// The migrations, in order. Version N of the schema is the first N entries.
pub fn all() -> Migrations<'static> {
    Migrations::new(steps())
}

fn steps() -> Vec<M<'static>> {
    vec![
        M::up(meta::MIGRATION),
        M::up(ops::MIGRATION),
        M::up(workshops::MIGRATION),
        M::up(agenda_items::MIGRATION),
        M::up(focus_areas::MIGRATION),
        M::up(guiding_questions::MIGRATION),
        M::up(groups::MIGRATION),
        M::up(notes::MIGRATION),
        M::up(swot_cards::MIGRATION),
        M::up(actions::MIGRATION),
        M::up(participants::MIGRATION),
        M::up(swot_boards::MIGRATION),
        M::up(swot_votes::MIGRATION),
        M::up(search::index::MIGRATION),
        M::up(attendance::MIGRATION),
        M::up_with_hook(
            search::index::SHORT_MIGRATION,
            |tx: &rusqlite::Transaction<'_>| search::index::fill_short(tx).map_err(Into::into),
        ),
        M::up(ops::SYNC_MIGRATION),
        M::up(heads::MIGRATION),
        M::up(sync_files::MIGRATION),
        M::up(sync_peers::MIGRATION),
        M::up(ops::TEXT_MIGRATION),
        M::up(text_docs::MIGRATION),
        M::up(search::index::NO_TRIGGERS_MIGRATION),
        M::up(search::index::HASHSIZE_MIGRATION),
        M::up(workshops::OBJECTIVES_MIGRATION),
        M::up(survey_forms::MIGRATION),
        M::up(survey_responses::MIGRATION),
        M::up_with_hook("", |tx: &rusqlite::Transaction<'_>| {
            search::index::index_survey_responses(tx)
                .map_err(|e| rusqlite_migration::HookError::Hook(e.to_string()))
        }),
        // Issue 15: cards, actions and votes record the session they were made in.
        M::up_with_hook("", |tx: &rusqlite::Transaction<'_>| {
            for table in ["swot_cards", "actions", "swot_votes"] {
                add_column(tx, table, "agenda_item_id", "TEXT")?;
            }
            Ok(())
        }),
        // Issue 16: Lao marks in one order in the search's normal form.
        M::up_with_hook("", |tx: &rusqlite::Transaction<'_>| {
            search::index::refold_lao_marks(tx)
                .map_err(|e| rusqlite_migration::HookError::Hook(e.to_string()))
        }),
        // Issue 20: survey responses say when they came from a participant's phone.
        M::up_with_hook("", |tx: &rusqlite::Transaction<'_>| {
            let (column, decl) = survey_responses::SOURCE_COLUMN;
            add_column(tx, "survey_responses", column, decl)
        }),
        // Issue 20: participants' ideas, and the notes made from them.
        M::up(ideas::MIGRATION),
        M::up_with_hook("", |tx: &rusqlite::Transaction<'_>| {
            let (column, decl) = notes::IDEA_COLUMN;
            add_column(tx, "notes", column, decl)
        }),
        // Issue 21: pictures kept with the groups' work, and the pictures themselves.
        M::up(pictures::MIGRATION),
        M::up(picture_files::MIGRATION),
    ]
}

/// Adds a column unless the table has it already (a migration run again on a database that a
/// test or a tool set back to an older version changes nothing).
fn add_column(
    tx: &rusqlite::Transaction<'_>,
    table: &str,
    column: &str,
    decl: &str,
) -> std::result::Result<(), rusqlite_migration::HookError> {
    let has: bool = tx.query_row(
        &format!("SELECT count(*) > 0 FROM pragma_table_info('{table}') WHERE name = ?1"),
        [column],
        |r| r.get(0),
    )?;
    if !has {
        tx.execute_batch(&format!("ALTER TABLE {table} ADD COLUMN {column} {decl}"))?;
    }
    Ok(())
}

/// The schema version this build writes.
pub fn latest_version() -> usize {
    steps().len()
}

/// Brings the database to the latest schema, in one transaction per step.
pub fn migrate(conn: &mut Connection) -> Result<()> {
    let found: i64 = conn
        .query_row("PRAGMA user_version", [], |r| r.get(0))
        .map_err(crate::error::from_sqlite)?;
    if found > latest_version() as i64 {
        return Err(SalaError::new(ErrorCode::DatabaseTooNew)
            .with("found", found)
            .with("known", latest_version()));
    }
    all().to_latest(conn).map_err(|e| match e {
        rusqlite_migration::Error::RusqliteError { err, .. } => crate::error::from_sqlite(err),
        other => SalaError::new(ErrorCode::Storage).with("detail", other.to_string()),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn migrations_are_valid_and_latest_version_matches() {
        all().validate().unwrap();
        let mut conn = Connection::open_in_memory().unwrap();
        migrate(&mut conn).unwrap();
        let v: i64 = conn
            .query_row("PRAGMA user_version", [], |r| r.get(0))
            .unwrap();
        assert_eq!(v, latest_version() as i64);
    }
}
