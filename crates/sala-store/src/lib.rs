//! Sala's durable local store.
//!
//! - One SQLite file in the app's data folder ([`db::paths`]), never in a shared folder.
//!   WAL journal, `synchronous=FULL`: a change acknowledged is on disk, power cut or not.
//! - Versioned migrations ([`db::migrations`]), each table's beside its module.
//! - Every change goes through [`log::write::Writer`], which appends an [`sala_core::op::Op`] to the
//!   op log ([`log::ops`]) and applies it to the materialised table ([`log::apply`]) in **one transaction**:
//!   a failed change writes neither.
//! - The device id is minted on first open and minted again when the file turns up on another
//!   machine or at another path ([`db::identity`]), so a copied database never speaks for two laptops.
//!
//! The code is in folders named after the workshop's own words. Each holds its use cases (the
//! `Store` methods the shell and the CLI call) in `mod.rs`, and beside them one module per table
//! it owns, with that table's migration:
//!
//! - [`db`]: the file itself — paths, migrations, `meta`, the device identity, backups.
//! - [`log`]: the op log, the write handle, applying ops, field heads, note-text documents, the
//!   table trait, the checks on received ops.
//! - [`workshop`]: workshops, the agenda, focus areas, guiding questions, groups; setting a
//!   workshop up ([`workshop::setup`]) and the coordinator's merged view ([`workshop::merged`]).
//! - [`notes`], [`swot`], [`plan`], [`people`], [`surveys`]: the work of the tables.
//! - [`sync`]: what sync needs from the store; [`search`]: the search index.

pub mod db;
pub mod error;
pub mod log;

pub mod ideas;
pub mod notes;
pub mod people;
pub mod pictures;
pub mod plan;
pub mod search;
pub mod sheet;
pub mod surveys;
pub mod swot;
pub mod sync;
pub mod workshop;

use sala_core::api::BackupReason;
use std::path::{Path, PathBuf};
use std::time::Duration;

use rusqlite::Connection;
use sala_core::hlc::{Clock, Hlc};
use sala_core::{ErrorCode, SalaError};

pub use db::identity::MachineIdentity;
pub use error::Result;

use db::{backup, identity, meta, migrations};
use log::{ops, write};

/// The database file's name inside the data folder.
pub const DB_FILE: &str = "sala.db";

/// How long a write waits for another process's lock before reporting it.
pub const BUSY_TIMEOUT: Duration = Duration::from_secs(3);

/// An open store: one connection, one device, one clock.
#[derive(Debug)]
pub struct Store {
    conn: Connection,
    path: PathBuf,
    device_id: String,
    clock: Clock,
}

impl Store {
    /// Opens (or creates) `DATA_DIR/sala.db`.
    pub fn open_in(data_dir: &Path, machine: &MachineIdentity) -> Result<Store> {
        std::fs::create_dir_all(data_dir).map_err(|e| error::io(data_dir, &e))?;
        Store::open(&data_dir.join(DB_FILE), machine)
    }

    /// Opens (or creates) the database at `path`, migrates it and settles the device id.
    pub fn open(path: &Path, machine: &MachineIdentity) -> Result<Store> {
        let mut conn = Connection::open(path).map_err(|e| error::from_sqlite_at(e, path))?;
        conn.busy_timeout(BUSY_TIMEOUT)
            .map_err(error::from_sqlite)?;
        // The first statement that reads the file: a non-database fails here.
        let mode: String = conn
            .query_row("PRAGMA journal_mode=WAL", [], |r| r.get(0))
            .map_err(error::from_sqlite)?;
        if !mode.eq_ignore_ascii_case("wal") {
            return Err(
                SalaError::new(ErrorCode::Storage).with("detail", format!("journal_mode={mode}"))
            );
        }
        conn.execute_batch("PRAGMA synchronous=FULL; PRAGMA foreign_keys=ON;")
            .map_err(error::from_sqlite)?;
        let check: String = conn
            .query_row("PRAGMA quick_check", [], |r| r.get(0))
            .map_err(error::from_sqlite)?;
        if check != "ok" {
            return Err(SalaError::new(ErrorCode::DatabaseCorrupt).with("detail", check));
        }
        // A database an older Sala wrote is backed up before it is migrated.
        let version: i64 = conn
            .query_row("PRAGMA user_version", [], |r| r.get(0))
            .map_err(error::from_sqlite)?;
        if version > 0 && version < migrations::latest_version() as i64 {
            let data_dir = path.parent().unwrap_or(Path::new("."));
            backup::make(
                data_dir,
                BackupReason::BeforeMigration,
                write::now_ms() as i64,
            )?;
        }
        migrations::migrate(&mut conn)?;
        let canonical = path.canonicalize().unwrap_or_else(|_| path.to_path_buf());
        let mut device_id = identity::settle_device_id(&conn, machine, &canonical)?;
        if meta::get(&conn, meta::RESTORED)?.is_some() {
            // Restored from a backup: it may be older than what this laptop already sent, so
            // it writes on under a new id and sends all its work again.
            let tx = conn.transaction().map_err(error::from_sqlite)?;
            device_id = identity::mint_new(&tx)?;
            let workshops: Vec<String> = tx
                .prepare("SELECT DISTINCT workshop_id FROM ops")
                .and_then(|mut st| {
                    st.query_map([], |r| r.get(0))?
                        .collect::<rusqlite::Result<Vec<String>>>()
                })
                .map_err(error::from_sqlite)?;
            for w in workshops {
                ops::unsend_all(&tx, &w)?;
            }
            tx.execute("DELETE FROM meta WHERE key = ?1", [meta::RESTORED])
                .map_err(error::from_sqlite)?;
            tx.commit().map_err(error::from_sqlite)?;
        }
        let last: Option<Hlc> = ops::last_hlc(&conn)?;
        let clock = Clock::new(device_id.clone(), last);
        let mut store = Store {
            conn,
            path: path.to_path_buf(),
            device_id,
            clock,
        };
        // A join that stopped between committing the workshop and indexing it.
        store.index_pending()?;
        Ok(store)
    }

    pub fn device_id(&self) -> &str {
        &self.device_id
    }

    /// A second, read-only handle on the same database, for long reads (a report of a large
    /// workshop) made without holding this handle: saves go on meanwhile. Read inside
    /// [`Store::read_snapshot`] to see one consistent state. Every write through it fails.
    pub fn reader(&self) -> Result<Store> {
        let conn = Connection::open_with_flags(
            &self.path,
            rusqlite::OpenFlags::SQLITE_OPEN_READ_ONLY | rusqlite::OpenFlags::SQLITE_OPEN_NO_MUTEX,
        )
        .map_err(|e| error::from_sqlite_at(e, &self.path))?;
        conn.busy_timeout(BUSY_TIMEOUT)
            .map_err(error::from_sqlite)?;
        Ok(Store {
            conn,
            path: self.path.clone(),
            device_id: self.device_id.clone(),
            clock: self.clock.clone(),
        })
    }

    /// Runs `f` inside one read transaction: everything it reads is one state of the database
    /// (WAL), whatever is saved meanwhile.
    pub fn read_snapshot<T>(&self, f: impl FnOnce(&Store) -> Result<T>) -> Result<T> {
        self.conn
            .execute_batch("BEGIN DEFERRED")
            .map_err(error::from_sqlite)?;
        let result = f(self);
        let _ = self.conn.execute_batch("COMMIT");
        result
    }

    /// Plays a laptop whose wall clock is off by `skew_ms` (tests and `cargo xtask soak`: a
    /// clock set hours or a year wrong must not lose or wrongly reorder edits).
    pub fn set_clock_skew(&mut self, skew_ms: i64) {
        self.clock = self.clock.clone().with_skew(skew_ms);
    }

    /// The database's schema version (`PRAGMA user_version`, one per migration).
    pub fn schema_version(&self) -> Result<i64> {
        self.conn
            .query_row("PRAGMA user_version", [], |r| r.get(0))
            .map_err(error::from_sqlite)
    }

    pub fn path(&self) -> &Path {
        &self.path
    }

    /// The data folder: the database's folder, which also keeps the pictures' files.
    pub fn data_dir(&self) -> &Path {
        self.path.parent().unwrap_or(Path::new("."))
    }

    /// A read handle.
    pub fn read(&self) -> &Connection {
        &self.conn
    }

    /// Runs `f` in one immediate transaction with a [`log::write::Writer`]; commits when it returns
    /// `Ok`, rolls everything back (rows and ops) when it returns `Err`.
    pub fn write<T>(&mut self, f: impl FnOnce(&mut write::Writer<'_>) -> Result<T>) -> Result<T> {
        let tx = self
            .conn
            .transaction_with_behavior(rusqlite::TransactionBehavior::Immediate)
            .map_err(error::from_sqlite)?;
        let mut clock = self.clock.clone();
        let value = {
            let mut writer = write::Writer::new(&tx, &mut clock, &self.device_id);
            let value = f(&mut writer)?;
            writer.finish()?;
            value
        };
        tx.commit().map_err(error::from_sqlite)?;
        // Only a committed transaction advances the clock.
        self.clock = clock;
        Ok(value)
    }

    /// A number that grows with every op written or received: the scheduled backup makes one
    /// only when it changed.
    pub fn change_mark(&self) -> Result<i64> {
        self.conn
            .query_row("SELECT coalesce(max(rowid), 0) FROM ops", [], |r| r.get(0))
            .map_err(error::from_sqlite)
    }

    /// `PRAGMA integrity_check`, for tests and diagnostics.
    pub fn integrity_check(&self) -> Result<String> {
        self.conn
            .query_row("PRAGMA integrity_check", [], |r| r.get(0))
            .map_err(error::from_sqlite)
    }
}
