//! Receiving a large backlog at once: a laptop joining a big workshop (issue 19, decision 22).
//!
//! Row by row, a join spends most of its time keeping indexes and the search index up to date
//! after every file. In bulk mode, inside the join's one transaction:
//!
//! - the secondary indexes of the op log and of the workshop's tables are dropped (their own
//!   `CREATE INDEX` text kept) and built again once at the end — a sorted build instead of
//!   hundreds of thousands of scattered inserts; `ops_by_entity` stays, the checks of every
//!   received op read it;
//! - a row whose only op is its creation (most rows of a join) is written as it comes, every
//!   other row is computed from all of its ops once, at the end;
//! - the search documents are written at the end, and their full-text index built right after
//!   the join commits (`search::index::defer_from`);
//! - the page cache is made large enough that the load is not written out page by page.
//!
//! It stays one transaction: a crash or an error at any point rolls all of it back — the
//! dropped indexes included (SQLite's schema changes are transactional), so the database is
//! exactly as before. Other connections (the app and the CLI on one data folder) keep reading
//! the committed database meanwhile and wait to write, as for any join.

use std::collections::BTreeMap;

use rusqlite::{Connection, OptionalExtension};
use sala_core::op::{Entity, Op};

use crate::Result;
use crate::error::from_sqlite;
use crate::log::apply;
use crate::search::index::{self, Pending};

/// The tables whose secondary indexes are built again at the end of a bulk load: the op log
/// and every table ops write.
fn tables() -> impl Iterator<Item = &'static str> {
    std::iter::once("ops").chain(Entity::ALL.into_iter().map(apply::table_of))
}
/// Read for every received op (which workshop a row belongs to): kept through the load.
const KEPT: &str = "ops_by_entity";

/// The page cache while loading (KiB, as SQLite's negative `cache_size`): 128 MB.
pub const CACHE_KIB: i64 = 131_072;

/// A row received in the load, and whether it was written from its creation as it came
/// (`true`) or is computed from all its ops at the end.
pub type Received = ((Entity, String), bool);

/// A bulk load in progress (see the module's docs).
#[derive(Debug)]
pub struct Bulk {
    /// The `CREATE INDEX` text of every index dropped.
    dropped: Vec<String>,
    /// Whether this laptop held no op of the workshop when the load began (then a row's first
    /// op received is its first op at all, without asking the log).
    fresh: bool,
    /// Every row received, and whether it was written from its creation as it came (else it
    /// is computed from all its ops at the end).
    rows: BTreeMap<(Entity, String), bool>,
}

impl Bulk {
    /// Begins a load of `workshop_id` in the transaction `conn`: drops the secondary indexes.
    pub fn start(conn: &Connection, workshop_id: &str) -> Result<Bulk> {
        let fresh = conn
            .query_row(
                "SELECT 1 FROM ops WHERE workshop_id = ?1 LIMIT 1",
                [workshop_id],
                |_| Ok(()),
            )
            .optional()
            .map_err(from_sqlite)?
            .is_none();
        // The search documents it writes are indexed right after the join commits
        // (`Store::index_pending`), out of its way.
        index::defer_from(conn, index::next_rowid(conn)?)?;
        let mut dropped = Vec::new();
        for table in tables() {
            let found: Vec<(String, String)> = conn
                .prepare(
                    "SELECT name, sql FROM sqlite_master
                     WHERE type = 'index' AND tbl_name = ?1 AND sql IS NOT NULL
                       AND sql NOT LIKE 'CREATE UNIQUE%' AND name != ?2
                     ORDER BY name",
                )
                .and_then(|mut st| {
                    st.query_map([table, KEPT], |r| Ok((r.get(0)?, r.get(1)?)))?
                        .collect()
                })
                .map_err(from_sqlite)?;
            for (name, sql) in found {
                conn.execute_batch(&format!("DROP INDEX \"{name}\""))
                    .map_err(from_sqlite)?;
                dropped.push(sql);
            }
        }
        Ok(Bulk {
            dropped,
            fresh,
            rows: BTreeMap::new(),
        })
    }

    /// Takes the new ops of each row of one received file (or batch), already in the log:
    /// writes the rows whose creation is all they have. What it returns is kept
    /// ([`Bulk::keep`]) once the file's savepoint is committed — a file refused leaves nothing.
    pub fn take(
        &self,
        conn: &Connection,
        touched: &BTreeMap<(Entity, &str), Vec<&Op>>,
    ) -> Result<Vec<Received>> {
        let mut taken = Vec::with_capacity(touched.len());
        for ((entity, id), new) in touched {
            let key = (*entity, (*id).to_owned());
            let create = if self.rows.contains_key(&key) {
                None
            } else {
                apply::whole_history(conn, *entity, id, new, self.fresh)?
            };
            if let Some(create) = create {
                apply::apply_row(conn, create)?;
            }
            taken.push((key, create.is_some()));
        }
        Ok(taken)
    }

    /// Keeps what a committed file's [`Bulk::take`] returned.
    pub fn keep(&mut self, taken: Vec<Received>) {
        for (key, direct) in taken {
            // A row seen in an earlier file as well is computed from all its ops.
            self.rows
                .entry(key)
                .and_modify(|d| *d = false)
                .or_insert(direct);
        }
    }

    /// Ends the load: the indexes built again, every row that received more than its creation
    /// computed from all its ops, the search index written for every row received.
    pub fn finish(self, conn: &Connection) -> Result<()> {
        for sql in &self.dropped {
            conn.execute_batch(sql).map_err(from_sqlite)?;
        }
        let mut pending = Pending::default();
        for ((entity, id), direct) in &self.rows {
            if *direct {
                index::reindex(conn, *entity, id, &mut pending)?;
            } else {
                apply::remerge(conn, *entity, id, &mut pending)?;
            }
        }
        pending.flush(conn)
    }
}
