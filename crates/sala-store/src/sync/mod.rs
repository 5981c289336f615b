//! What sync needs from the store: ops received from other devices applied in one transaction
//! with the record of the file they came in ([`Store::ingest`]), this device's waiting ops, the
//! Conflicts inbox and its resolution, the sync settings, and a new device id when another
//! laptop turns out to be writing under this one's.
//!
//! The shared-folder format and the passes live in `sala-sync`; nothing here reads a folder.

pub mod bulk;
pub mod files;
pub mod peers;
pub mod snapshot;

use std::collections::BTreeMap;

use rusqlite::Connection;
use sala_core::hlc::Hlc;
use sala_core::merge::Head;
use sala_core::op::{Entity, Op};
use sala_core::{ErrorCode, SalaError};

use crate::error::from_sqlite;
use crate::{Result, Store, db::meta, log::apply, log::heads, log::ops, sync::peers as sync_peers};

/// The folder shared with the other laptops (a device setting, never synced).
pub const SYNC_FOLDER: &str = "sync_folder";
/// This laptop's table label, e.g. "Table 3" (shown to the other devices).
pub const TABLE_LABEL: &str = "table_label";
pub use sala_core::text::MAX_TABLE_LABEL_CHARS;

/// A table label as it is kept (trimmed), or refused when longer than
/// [`MAX_TABLE_LABEL_CHARS`] — checked before anything else is done with the settings it came in.
pub fn checked_table_label(label: &str) -> Result<&str> {
    let label = label.trim();
    if label.chars().count() > MAX_TABLE_LABEL_CHARS {
        return Err(SalaError::new(ErrorCode::InvalidArgument)
            .with("name", "label")
            .with("value", format!("> {MAX_TABLE_LABEL_CHARS}")));
    }
    Ok(label)
}
/// Wall-clock ms of the last pass that reached the folder.
pub const LAST_SYNC: &str = "last_sync_ms";

/// How far ahead of this device's clock a received op's timestamp may be before its device's
/// clock is reported as wrong.
pub const CLOCK_AHEAD_WARNING_MS: u64 = 10 * 60 * 1000;

/// What [`Store::ingest`] did.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Ingested {
    /// Ops not seen before.
    pub new_ops: u64,
    /// Rows recomputed because of them.
    pub rows: u64,
}

/// One unresolved field with all of its values, the shown one first.
#[derive(Debug, Clone, PartialEq)]
pub struct Conflict {
    pub entity: Entity,
    pub entity_id: String,
    pub field: String,
    pub values: Vec<Head>,
    /// For a text two laptops edited at once: the text shown, every edit merged in it (`values`
    /// are then each laptop's own version).
    pub merged: Option<serde_json::Value>,
}

/// The `meta` key prefix of a workshop's key on this laptop (never synced).
pub const WORKSHOP_KEY: &str = "workshop_key:";

impl Store {
    /// Applies ops received from elsewhere, in one transaction together with `record` (which
    /// notes the file they came in). See [`Receiving::ingest`].
    pub fn ingest(
        &mut self,
        incoming: &[Op],
        now_ms: u64,
        record: impl FnOnce(&Connection) -> Result<()>,
    ) -> Result<Ingested> {
        self.receiving(|r| r.ingest(incoming, now_ms, record))
    }

    /// Runs `f` with received files applied in **one** transaction, however many it applies
    /// (joining a workshop: all of it or nothing). Each [`Receiving::ingest`] inside it is a
    /// savepoint: one that fails leaves nothing of itself and lets `f` go on.
    ///
    /// Foreign keys are not enforced while ops are received: rows arrive in any order (a note
    /// before the group another laptop made for it, when that laptop's folder is read later),
    /// and what is shown must be a function of the ops held, not of the order they came in. A
    /// row whose parent has not arrived yet waits unseen.
    pub fn receiving<T>(&mut self, f: impl FnOnce(&mut Receiving<'_>) -> Result<T>) -> Result<T> {
        self.receive_with(None, f)
    }

    /// [`Store::receiving`] in bulk mode, for a large backlog of workshop `workshop_id` (a
    /// laptop joining a big workshop): indexes and the search index built once at the end, not
    /// after every file (see [`bulk`]). Still one transaction, all or nothing.
    pub fn receiving_bulk<T>(
        &mut self,
        workshop_id: &str,
        f: impl FnOnce(&mut Receiving<'_>) -> Result<T>,
    ) -> Result<T> {
        let cache: i64 = self
            .conn
            .query_row("PRAGMA cache_size", [], |r| r.get(0))
            .map_err(from_sqlite)?;
        self.conn
            .pragma_update(None, "cache_size", -bulk::CACHE_KIB)
            .map_err(from_sqlite)?;
        let result = self.receive_with(Some(workshop_id), f);
        let restored = self
            .conn
            .pragma_update(None, "cache_size", cache)
            .map_err(from_sqlite);
        let value = result?;
        restored?;
        Ok(value)
    }

    fn receive_with<T>(
        &mut self,
        bulk: Option<&str>,
        f: impl FnOnce(&mut Receiving<'_>) -> Result<T>,
    ) -> Result<T> {
        // `PRAGMA foreign_keys` cannot change inside a transaction: set around it.
        self.conn
            .pragma_update(None, "foreign_keys", false)
            .map_err(from_sqlite)?;
        let result = (|| {
            let tx = self
                .conn
                .transaction_with_behavior(rusqlite::TransactionBehavior::Immediate)
                .map_err(from_sqlite)?;
            let bulk = match bulk {
                Some(workshop_id) => Some(bulk::Bulk::start(&tx, workshop_id)?),
                None => None,
            };
            let mut r = Receiving {
                tx,
                newest: None,
                bulk,
            };
            let value = f(&mut r)?;
            let Receiving { tx, newest, bulk } = r;
            if let Some(b) = bulk {
                b.finish(&tx)?;
            }
            tx.commit().map_err(from_sqlite)?;
            Ok((value, newest))
        })();
        let restored = self
            .conn
            .pragma_update(None, "foreign_keys", true)
            .map_err(from_sqlite);
        let (value, newest) = result?;
        restored?;
        // Later local edits come after everything seen, whatever this laptop's clock says.
        if let Some(n) = newest {
            self.clock.observe(&n);
        }
        Ok(value)
    }

    /// Runs `f` in one transaction (sync bookkeeping that is not an op).
    pub fn bookkeeping<T>(&mut self, f: impl FnOnce(&Connection) -> Result<T>) -> Result<T> {
        let tx = self
            .conn
            .transaction_with_behavior(rusqlite::TransactionBehavior::Immediate)
            .map_err(from_sqlite)?;
        let v = f(&tx)?;
        tx.commit().map_err(from_sqlite)?;
        Ok(v)
    }

    /// Every unresolved field of the current workshop, with its values.
    pub fn conflicts(&self) -> Result<Vec<Conflict>> {
        let workshop = self.current_workshop()?;
        let conn = self.read();
        let mut out = Vec::new();
        for open in heads::conflicts(conn, &workshop.id)? {
            let ops = ops::for_entity(conn, open.entity, &open.entity_id)?;
            let merged = sala_core::merge::merge_row(&ops);
            // A row whose creation has not arrived yet (its file torn, or not read yet) is not
            // shown anywhere: neither are its conflicts, which cannot be resolved until it is.
            if merged.row.is_none() {
                continue;
            }
            // The same value set on two laptops is agreement, not a conflict.
            let Some((_, values)) = merged.conflicts().find(|(f, _)| *f == open.field) else {
                continue;
            };
            let text = sala_core::text_merge::merges_as_text(open.entity, &open.field)
                .then(|| merged.fields.get(&open.field).map(|h| h[0].value.clone()))
                .flatten();
            out.push(Conflict {
                entity: open.entity,
                entity_id: open.entity_id,
                field: open.field,
                values: values.to_vec(),
                merged: text,
            });
        }
        Ok(out)
    }

    /// Resolves a conflict with `value` (one of the values, or a combination): an op that replaces
    /// every concurrent value, synced like any edit.
    pub fn resolve_conflict(
        &mut self,
        entity: Entity,
        entity_id: &str,
        field: &str,
        value: serde_json::Value,
    ) -> Result<Op> {
        let workshop = self.current_workshop()?;
        if heads::of(self.read(), entity_id, field)?.len() < 2 {
            return Err(SalaError::new(ErrorCode::NotFound)
                .with("entity", "conflict")
                .with("id", format!("{entity_id}.{field}")));
        }
        if sala_core::text_merge::merges_as_text(entity, field) {
            // A text: the chosen version (or the merge, accepted as it is) is an edit of the text
            // shown, replacing every head.
            let shown =
                crate::log::table::get::<crate::notes::rows::Notes>(self.read(), entity_id)?
                    .map(|n| n.text)
                    .unwrap_or_default();
            let chosen = value.as_str().unwrap_or_default().to_owned();
            sala_core::text::check_note_text(&chosen)?;
            return self.write(|w| {
                w.set_text::<crate::notes::rows::Notes>(
                    &workshop.id,
                    entity_id,
                    field,
                    &shown,
                    &chosen,
                )
            });
        }
        self.write(|w| {
            crate::log::apply::resolve_in(w, entity, &workshop.id, entity_id, field, value)
        })
    }

    /// A device setting from `meta`.
    pub fn setting(&self, key: &str) -> Result<Option<String>> {
        meta::get(self.read(), key)
    }

    pub fn set_setting(&mut self, key: &str, value: &str) -> Result<()> {
        meta::set(self.read(), key, value)
    }

    /// Sets this laptop's table label, trimmed; one longer than [`MAX_TABLE_LABEL_CHARS`] is
    /// refused and the label kept as it was. Returns the label set.
    pub fn set_table_label(&mut self, label: &str) -> Result<String> {
        let label = checked_table_label(label)?;
        self.set_setting(TABLE_LABEL, label)?;
        Ok(label.to_owned())
    }

    /// The workshop's key on this laptop (an age identity, as its file's line), if it has one.
    pub fn workshop_key(&self, workshop_id: &str) -> Result<Option<String>> {
        meta::get(self.read(), &format!("{WORKSHOP_KEY}{workshop_id}"))
    }

    /// Keeps the workshop's key on this laptop, and marks all of this laptop's work to go out
    /// again (encrypted with it) — in one transaction.
    pub fn set_workshop_key(&mut self, workshop_id: &str, secret: &str) -> Result<()> {
        let tx = self
            .conn
            .transaction_with_behavior(rusqlite::TransactionBehavior::Immediate)
            .map_err(from_sqlite)?;
        meta::set(&tx, &format!("{WORKSHOP_KEY}{workshop_id}"), secret)?;
        ops::unsend_all(&tx, workshop_id)?;
        tx.commit().map_err(from_sqlite)
    }

    /// How many of this device's changes to the current workshop wait to go out.
    pub fn waiting(&self) -> Result<u64> {
        let workshop = self.current_workshop()?;
        ops::waiting_count(self.read(), &workshop.id)
    }

    /// Another laptop writes under this device's id (a cloned disk): take a new id, and send
    /// all of this device's work again under it (receivers skip what they already hold).
    pub fn take_new_device_id(&mut self, workshop_id: &str) -> Result<String> {
        let tx = self
            .conn
            .transaction_with_behavior(rusqlite::TransactionBehavior::Immediate)
            .map_err(from_sqlite)?;
        let id = crate::db::identity::mint_new(&tx)?;
        ops::unsend_all(&tx, workshop_id)?;
        tx.commit().map_err(from_sqlite)?;
        self.device_id = id.clone();
        self.clock = sala_core::hlc::Clock::new(id.clone(), ops::last_hlc(&self.conn)?)
            .with_skew(self.clock.skew_ms());
        Ok(id)
    }
}

/// Received ops being applied inside [`Store::receiving`]'s transaction.
#[derive(Debug)]
pub struct Receiving<'a> {
    tx: rusqlite::Transaction<'a>,
    newest: Option<Hlc>,
    /// In bulk mode: the rows received so far, computed and indexed at the end.
    bulk: Option<bulk::Bulk>,
}

impl Receiving<'_> {
    /// Reads inside the transaction.
    pub fn conn(&self) -> &Connection {
        &self.tx
    }

    /// Ops up to `newest` arrived other than through [`Receiving::ingest`] (a snapshot): later
    /// local edits come after them.
    pub(crate) fn saw(&mut self, newest: Option<Hlc>) {
        if let Some(n) = newest
            && self.newest.as_ref().is_none_or(|m| n > *m)
        {
            self.newest = Some(n);
        }
    }

    /// Sync bookkeeping (a file set aside, a device seen) inside the transaction.
    pub fn bookkeeping<T>(&mut self, f: impl FnOnce(&Connection) -> Result<T>) -> Result<T> {
        f(&self.tx)
    }

    /// Applies ops received from elsewhere together with `record` (which notes the file they
    /// came in), all or nothing (a savepoint). Ops already held are skipped; every row they
    /// touch is recomputed from all of its ops, so the result does not depend on arrival
    /// order. `now_ms` is this device's wall clock, used only to notice a device whose clock is
    /// ahead.
    ///
    /// Every op is checked first ([`crate::log::incoming::check`]): one that is not a change this
    /// Sala can apply refuses the whole call, writing nothing (`SyncBadOp`,
    /// `SyncImpossibleTime`, `SyncOtherWorkshopRow`, naming the op by its place in `incoming`).
    pub fn ingest(
        &mut self,
        incoming: &[Op],
        now_ms: u64,
        record: impl FnOnce(&Connection) -> Result<()>,
    ) -> Result<Ingested> {
        let sp = self.tx.savepoint().map_err(from_sqlite)?;
        // The new ops of each row they touch.
        let mut touched: BTreeMap<(Entity, &str), Vec<&Op>> = BTreeMap::new();
        let mut newest: Option<&Hlc> = None;
        // How far ahead each device's clock is, at most (one warning per device, not per op).
        let mut ahead: BTreeMap<(&str, &str), u64> = BTreeMap::new();
        let mut new_ops = 0;
        for (i, op) in incoming.iter().enumerate() {
            crate::log::incoming::check(&sp, i, op)?;
            if ops::insert_remote(&sp, op)? {
                new_ops += 1;
                touched
                    .entry((op.entity, op.entity_id.as_str()))
                    .or_default()
                    .push(op);
                if newest.is_none_or(|n| op.hlc > *n) {
                    newest = Some(&op.hlc);
                }
                if op.hlc.wall_ms > now_ms.saturating_add(CLOCK_AHEAD_WARNING_MS) {
                    let by = ahead.entry((&op.workshop_id, &op.device)).or_default();
                    *by = (*by).max(op.hlc.wall_ms - now_ms);
                }
            }
        }
        let mut pending = crate::search::index::Pending::default();
        let taken = match &self.bulk {
            // Rows computed and indexed once, at the end of the load.
            Some(b) => b.take(&sp, &touched)?,
            None => {
                for ((entity, id), new) in &touched {
                    match apply::whole_history(&sp, *entity, id, new, false)? {
                        Some(create) => {
                            apply::apply_row(&sp, create)?;
                            crate::search::index::reindex(&sp, *entity, id, &mut pending)?;
                        }
                        None => {
                            apply::remerge(&sp, *entity, id, &mut pending)?;
                        }
                    }
                }
                Vec::new()
            }
        };
        // Last, so that no later statement makes FTS5 write it out row by row.
        pending.flush(&sp)?;
        for ((workshop, device), by) in ahead {
            sync_peers::saw_peer(&sp, workshop, device, None, now_ms as i64)?;
            sync_peers::clock_ahead(&sp, workshop, device, by as i64)?;
        }
        record(&sp)?;
        sp.commit().map_err(from_sqlite)?;
        if let Some(b) = &mut self.bulk {
            b.keep(taken);
        }
        if let Some(n) = newest
            && self.newest.as_ref().is_none_or(|m| n > m)
        {
            self.newest = Some(n.clone());
        }
        Ok(Ingested {
            new_ops,
            rows: touched.len() as u64,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Sets `typed` as the label of a laptop labelled "Table 1": what is kept, or the error.
    fn check(typed: &str, kept: &str, refused: bool) {
        let dir = tempfile::tempdir().unwrap();
        let mut store = Store::open_in(dir.path(), &crate::MachineIdentity("m".into())).unwrap();
        store.set_table_label("Table 1").unwrap();
        let result = store.set_table_label(typed);
        assert_eq!(result.is_err(), refused, "{typed:?}: {result:?}");
        if let Err(e) = result {
            assert_eq!(e.code, ErrorCode::InvalidArgument);
        }
        assert_eq!(
            store.setting(TABLE_LABEL).unwrap().as_deref(),
            Some(kept),
            "{typed:?}"
        );
    }

    #[test]
    fn a_table_label_is_trimmed_and_at_most_sixty_characters() {
        check("Table 3", "Table 3", false);
        check("  ໂຕະ 3 \n", "ໂຕະ 3", false);
        check("", "", false);
        let sixty = "ໂ".repeat(60);
        check(&sixty, &sixty, false);
        check(&format!("  {sixty}  "), &sixty, false);
        check(&"ໂ".repeat(61), "Table 1", true);
    }
}
