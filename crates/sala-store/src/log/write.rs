//! The write handle: every change becomes an op, logged and applied in the caller's transaction.

use rusqlite::Connection;
use sala_core::hlc::{Clock, Hlc};
use sala_core::op::{Entity, Op, OpKind, new_id};
use serde::Serialize;

use crate::Result;
use crate::log::table::Table;
use crate::{log::apply, log::ops};

/// What one op changes, before it is stamped.
struct Change<'a> {
    entity: Entity,
    entity_id: &'a str,
    kind: OpKind,
    field: &'a str,
    value: serde_json::Value,
    prev: Vec<String>,
    /// The op's id when it had to be known before (a text edit's update is written under it).
    id: Option<String>,
    text_update: Option<String>,
}

/// Valid inside [`crate::Store::write`] only.
#[derive(Debug)]
pub struct Writer<'a> {
    conn: &'a Connection,
    clock: &'a mut Clock,
    device: &'a str,
    /// Search-index writes, made when the transaction ends (see `search::index::Pending`).
    pending: crate::search::index::Pending,
}

pub(crate) use sala_core::hlc::wall_clock_ms as now_ms;

impl<'a> Writer<'a> {
    pub(crate) fn new(conn: &'a Connection, clock: &'a mut Clock, device: &'a str) -> Self {
        Self {
            conn,
            clock,
            device,
            pending: crate::search::index::Pending::default(),
        }
    }

    /// Writes what was gathered for the search index; called once, before the commit.
    pub(crate) fn finish(self) -> Result<()> {
        self.pending.flush(self.conn)
    }

    /// Reads inside the same transaction.
    pub fn conn(&self) -> &Connection {
        self.conn
    }

    pub fn device(&self) -> &str {
        self.device
    }

    /// The timestamp the next op will carry.
    pub fn tick(&mut self) -> Hlc {
        self.clock.tick(now_ms())
    }

    fn commit(&mut self, hlc: Hlc, workshop_id: &str, change: Change<'_>) -> Result<Op> {
        let op = Op {
            id: change.id.unwrap_or_else(new_id),
            hlc,
            device: self.device.to_owned(),
            workshop_id: workshop_id.to_owned(),
            entity: change.entity,
            entity_id: change.entity_id.to_owned(),
            kind: change.kind,
            field: change.field.to_owned(),
            value: change.value,
            prev: change.prev,
            text_update: change.text_update,
        };
        ops::insert(self.conn, &op)?;
        apply::apply_row(self.conn, &op)?;
        crate::search::index::reindex(self.conn, op.entity, &op.entity_id, &mut self.pending)?;
        if op.kind == OpKind::Set {
            crate::log::heads::advance(
                self.conn,
                op.entity,
                &op.entity_id,
                &op.field,
                &op.prev,
                &op.id,
                &op.hlc,
            )?;
        }
        Ok(op)
    }

    /// Creates a row (its timestamp is `hlc`, taken from [`Writer::tick`] when the row records it).
    pub fn create_at<T: Table>(&mut self, hlc: Hlc, workshop_id: &str, row: &T::Row) -> Result<Op> {
        let value = serde_json::to_value(row).map_err(|e| {
            sala_core::SalaError::new(sala_core::ErrorCode::Storage).with("detail", e.to_string())
        })?;
        self.commit(
            hlc,
            workshop_id,
            Change {
                entity: T::ENTITY,
                entity_id: T::id(row),
                kind: OpKind::Create,
                field: "",
                value,
                prev: Vec::new(),
                id: None,
                text_update: None,
            },
        )
    }

    pub fn create<T: Table>(&mut self, workshop_id: &str, row: &T::Row) -> Result<Op> {
        let hlc = self.tick();
        self.create_at::<T>(hlc, workshop_id, row)
    }

    /// Sets one field of a row. The edit replaces the value shown (the field's first head); when
    /// the field is in conflict, the other values stay until someone resolves them.
    pub fn set<T: Table>(
        &mut self,
        workshop_id: &str,
        id: &str,
        field: &str,
        value: impl Serialize,
    ) -> Result<Op> {
        let shown = crate::log::heads::of(self.conn, id, field)?
            .into_iter()
            .take(1)
            .collect();
        self.set_replacing::<T>(workshop_id, id, field, value, shown)
    }

    /// Resolves a conflict: the value replaces every concurrent value of the field.
    pub fn resolve<T: Table>(
        &mut self,
        workshop_id: &str,
        id: &str,
        field: &str,
        value: impl Serialize,
    ) -> Result<Op> {
        let all = crate::log::heads::of(self.conn, id, field)?;
        self.set_replacing::<T>(workshop_id, id, field, value, all)
    }

    fn set_replacing<T: Table>(
        &mut self,
        workshop_id: &str,
        id: &str,
        field: &str,
        value: impl Serialize,
        prev: Vec<String>,
    ) -> Result<Op> {
        let value = serde_json::to_value(value).map_err(|e| {
            sala_core::SalaError::new(sala_core::ErrorCode::Storage).with("detail", e.to_string())
        })?;
        self.commit_set::<T>(workshop_id, id, field, value, prev, None)
    }

    /// Logs and applies a `Set`; `text` is the op's id and text update when it edits text.
    fn commit_set<T: Table>(
        &mut self,
        workshop_id: &str,
        id: &str,
        field: &str,
        value: serde_json::Value,
        prev: Vec<String>,
        text: Option<(String, String)>,
    ) -> Result<Op> {
        let hlc = self.tick();
        let (op_id, text_update) = text.unzip();
        self.commit(
            hlc,
            workshop_id,
            Change {
                entity: T::ENTITY,
                entity_id: id,
                kind: OpKind::Set,
                field,
                value,
                prev,
                id: op_id,
                text_update,
            },
        )
    }

    /// Edits a field that merges as text (a note's body): the editor went from `base` to `new`.
    /// The op carries the change as a Yjs update, and its value is the text that results, with
    /// every other device's words that arrived meanwhile still in it. Returns the op.
    pub fn set_text<T: Table>(
        &mut self,
        workshop_id: &str,
        id: &str,
        field: &str,
        base: &str,
        new: &str,
    ) -> Result<Op> {
        use sala_core::text_merge::{TextDoc, edit_doc, materialize};
        let count = crate::log::text_docs::op_count(self.conn, id)?;
        let doc = match crate::log::text_docs::get(self.conn, id, count)?
            .and_then(|state| TextDoc::from_state(&state))
        {
            Some(doc) => doc,
            None => {
                let held = ops::for_entity(self.conn, T::ENTITY, id)?;
                materialize(&held.iter().collect::<Vec<_>>())
            }
        };
        let op_id = new_id();
        let (update, text) = edit_doc(&doc, &op_id, base, new);
        crate::log::text_docs::put(self.conn, id, count + 1, &doc.state())?;
        // The edit holds every value there was: nothing concurrent is left to resolve.
        let prev = crate::log::heads::of(self.conn, id, field)?;
        let value = serde_json::Value::String(text);
        self.commit_set::<T>(workshop_id, id, field, value, prev, Some((op_id, update)))
    }

    /// Moves a row to the trash.
    pub fn delete<T: Table>(&mut self, workshop_id: &str, id: &str) -> Result<Op> {
        self.tombstone::<T>(workshop_id, id, OpKind::Delete)
    }

    /// Brings a row back from the trash.
    pub fn restore<T: Table>(&mut self, workshop_id: &str, id: &str) -> Result<Op> {
        self.tombstone::<T>(workshop_id, id, OpKind::Restore)
    }

    fn tombstone<T: Table>(&mut self, workshop_id: &str, id: &str, kind: OpKind) -> Result<Op> {
        let hlc = self.tick();
        let change = Change {
            entity: T::ENTITY,
            entity_id: id,
            kind,
            field: "",
            value: serde_json::Value::Null,
            prev: Vec::new(),
            id: None,
            text_update: None,
        };
        self.commit(hlc, workshop_id, change)
    }
}
