//! A workshop's snapshot: everything this laptop holds of one workshop, as a small SQLite file of
//! its own, so that a laptop joining it loads the merged state instead of replaying every op
//! (issue 19, decision 22). `sala-sync` packs the file (compressed, encrypted) into the shared
//! folder and chooses which one a joining laptop may load; this module writes and loads it.
//!
//! The file holds the workshop's ops (every one: the merge goes on from them), its rows as
//! merged, their field heads (conflicts), note text documents and search documents — the very
//! tables of this database, created with their own `CREATE TABLE` text — and the files it
//! covers (`snapshot_files`: each device's files applied, by name and checksum). Loading it is
//! copying those tables, in the join's one transaction, so a laptop that loaded a snapshot holds
//! exactly what the writer held; the files after it are then applied like any others.
//!
//! A snapshot is trusted as far as its writer is (a laptop of the workshop, with its key when
//! it has one) and no further: before anything is copied, its schema must be this Sala's, to
//! the letter (no trigger, no view, no other table), SQLite must find the file sound, every row
//! must belong to the workshop, no op may touch a row of another workshop held here, and the
//! laptop must hold nothing of the workshop yet. Any doubt refuses it; the caller falls back to
//! the op files.

use std::path::{Path, PathBuf};

use rusqlite::{Connection, OptionalExtension, params};
use sala_core::hlc::Hlc;
use sala_core::op::Entity;
use sala_core::{ErrorCode, SalaError};

use crate::error::from_sqlite;
use crate::log::apply;
use crate::sync::Receiving;
use crate::{Result, Store};

/// What merging means (`sala_core::merge`): a snapshot made under another meaning is not loaded.
pub const MERGE_VERSION: u32 = 1;

/// The snapshot's own tables, beside the copied ones.
const OWN_TABLES: &str = "
CREATE TABLE snapshot_info (
    key   TEXT PRIMARY KEY NOT NULL,
    value TEXT NOT NULL
) STRICT;
CREATE TABLE snapshot_files (
    device   TEXT NOT NULL,
    name     TEXT NOT NULL,
    seq      INTEGER NOT NULL,
    checksum TEXT NOT NULL,
    ops      INTEGER NOT NULL,
    PRIMARY KEY (device, name)
) STRICT;
";

/// The tables copied: the op log, every table ops write, and what the merge and search keep
/// beside them.
fn copied() -> impl Iterator<Item = &'static str> {
    ["ops", "field_heads", "text_docs", "search_docs"]
        .into_iter()
        .chain(Entity::ALL.into_iter().map(apply::table_of))
}

/// A file a snapshot covers: applied (or, for its writer's own folder, written) before it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Covered {
    pub device: String,
    pub name: String,
    pub seq: u64,
    pub checksum: String,
    pub ops: u64,
}

/// What a snapshot says about itself.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Info {
    pub workshop_id: String,
    /// The writer's device id.
    pub device: String,
    /// The database schema it was written with (`PRAGMA user_version`).
    pub schema: i64,
    pub merge: u32,
    /// How many ops it holds.
    pub ops: u64,
    pub files: Vec<Covered>,
}

fn doubt(detail: impl ToString) -> SalaError {
    SalaError::new(ErrorCode::SyncFileCorrupt)
        .with("file", "snapshot")
        .with("detail", detail.to_string())
}

fn schema_version(conn: &Connection, db: &str) -> Result<i64> {
    conn.query_row(&format!("PRAGMA {db}.user_version"), [], |r| r.get(0))
        .map_err(from_sqlite)
}

/// What database `db` holds (kind, name, `CREATE` text), sorted — SQLite's own indexes of
/// primary keys and unique columns left out.
fn table_sql(conn: &Connection, db: &str) -> Result<Vec<(String, String, String)>> {
    conn.prepare(&format!(
        "SELECT type, name, coalesce(sql, '') FROM {db}.sqlite_master
         WHERE NOT (type = 'index' AND sql IS NULL AND name LIKE 'sqlite\\_autoindex\\_%' ESCAPE '\\')
         ORDER BY type, name"
    ))
    .and_then(|mut st| {
        st.query_map([], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))?
            .collect()
    })
    .map_err(from_sqlite)
}

/// Attaches `path` as `snap` for `f`, detached after whatever happens.
fn attached<T>(conn: &Connection, path: &Path, f: impl FnOnce() -> Result<T>) -> Result<T> {
    conn.execute(
        "ATTACH DATABASE ?1 AS snap",
        [path.to_string_lossy().as_ref()],
    )
    .map_err(from_sqlite)?;
    let result = f();
    let detached = conn
        .execute_batch("DETACH DATABASE snap")
        .map_err(from_sqlite);
    let value = result?;
    detached?;
    Ok(value)
}

impl Store {
    /// Writes a snapshot of workshop `workshop_id` as it is now to a new file at `path` (which
    /// must not exist; the caller packs it and removes it); see [`SnapshotWriter::write`].
    pub fn write_snapshot(&self, workshop_id: &str, path: &Path) -> Result<Info> {
        self.snapshot_writer().write(workshop_id, path)
    }

    /// What writes a snapshot of this database through its own connection, so that the
    /// caller can let go of this handle meanwhile: at 300,000 ops a snapshot takes seconds,
    /// and the app's saves wait for nothing while it is written.
    pub fn snapshot_writer(&self) -> SnapshotWriter {
        SnapshotWriter {
            db: self.path.clone(),
            device_id: self.device_id.clone(),
        }
    }
}

/// Writes snapshots of one database, through a connection of its own ([`Store::snapshot_writer`]).
#[derive(Debug, Clone)]
pub struct SnapshotWriter {
    db: PathBuf,
    device_id: String,
}

impl SnapshotWriter {
    /// The folder the database is in (scratch files go beside it: personal data stays on this
    /// laptop's own disk).
    pub fn data_dir(&self) -> &Path {
        self.db.parent().unwrap_or(Path::new("."))
    }

    /// Writes a snapshot of workshop `workshop_id` as it is now to a new file at `path` (which
    /// must not exist; the caller packs it and removes it). One read transaction of the
    /// database (WAL): the ops, the rows and the files covered are one state, and saves through
    /// other connections go on meanwhile — only the new file is written. Returns what it says
    /// about itself.
    pub fn write(&self, workshop_id: &str, path: &Path) -> Result<Info> {
        let conn =
            Connection::open(&self.db).map_err(|e| crate::error::from_sqlite_at(e, &self.db))?;
        conn.busy_timeout(crate::BUSY_TIMEOUT)
            .map_err(from_sqlite)?;
        // Rows are copied as they are, a row before the parent it names: no foreign keys here
        // (a new connection's default, said again).
        conn.pragma_update(None, "foreign_keys", false)
            .map_err(from_sqlite)?;
        let sql: Vec<String> = {
            let all = table_sql(&conn, "main")?;
            copied()
                .map(|t| {
                    all.iter()
                        .find(|(kind, name, _)| kind == "table" && name == t)
                        .map(|(_, _, sql)| format!("{sql};"))
                        .ok_or_else(|| doubt(format!("no table {t}")))
                })
                .collect::<Result<_>>()?
        };
        {
            let file = Connection::open(path).map_err(|e| crate::error::from_sqlite_at(e, path))?;
            file.execute_batch(&format!(
                "PRAGMA journal_mode=OFF; PRAGMA synchronous=OFF; {} {OWN_TABLES}",
                sql.concat()
            ))
            .map_err(from_sqlite)?;
            file.pragma_update(None, "user_version", schema_version(&conn, "main")?)
                .map_err(from_sqlite)?;
        }
        attached(&conn, path, || {
            conn.execute_batch("PRAGMA snap.synchronous=OFF; BEGIN")
                .map_err(from_sqlite)?;
            let result = copy_out(&conn, workshop_id, &self.device_id);
            match result {
                Ok(()) => conn.execute_batch("COMMIT").map_err(from_sqlite),
                Err(e) => {
                    let _ = conn.execute_batch("ROLLBACK");
                    Err(e)
                }
            }
        })?;
        drop(conn);
        let file = Connection::open(path).map_err(|e| crate::error::from_sqlite_at(e, path))?;
        info_of(&file, "main")
    }
}

/// Fills the attached snapshot with workshop `w`.
fn copy_out(conn: &Connection, w: &str, device: &str) -> Result<()> {
    // The first read of the transaction, so the state it sees is the one copied: a snapshot
    // holds no op of this laptop that is in no file yet (a note typed since the caller looked).
    if crate::log::ops::waiting_count(conn, w)? > 0 {
        return Err(doubt("ops of this laptop wait to go out"));
    }
    let run = |sql: &str| conn.execute(sql, [w]).map_err(from_sqlite);
    run("INSERT INTO snap.ops SELECT * FROM main.ops WHERE workshop_id = ?1")?;
    conn.execute_batch("UPDATE snap.ops SET origin = 'remote', out_seq = NULL")
        .map_err(from_sqlite)?;
    for entity in Entity::ALL {
        let table = apply::table_of(entity);
        conn.execute(
            &format!(
                "INSERT INTO snap.{table} SELECT * FROM main.{table} WHERE id IN
                 (SELECT entity_id FROM main.ops WHERE workshop_id = ?1 AND entity = ?2)"
            ),
            params![w, entity.as_str()],
        )
        .map_err(from_sqlite)?;
    }
    let of_workshop = "(SELECT entity_id FROM snap.ops)";
    run(&format!(
        "INSERT INTO snap.field_heads SELECT * FROM main.field_heads WHERE entity_id IN {of_workshop} AND ?1 = ?1"
    ))?;
    run(&format!(
        "INSERT INTO snap.text_docs SELECT * FROM main.text_docs WHERE entity_id IN {of_workshop} AND ?1 = ?1"
    ))?;
    run("INSERT INTO snap.search_docs SELECT * FROM main.search_docs WHERE workshop_id = ?1")?;
    run("INSERT INTO snap.snapshot_files (device, name, seq, checksum, ops)
         SELECT device, name, seq, checksum, ops FROM main.sync_files
         WHERE workshop_id = ?1 AND status = 'done' AND seq IS NOT NULL AND seq > 0 AND checksum IS NOT NULL")?;
    let ops: i64 = conn
        .query_row("SELECT count(*) FROM snap.ops", [], |r| r.get(0))
        .map_err(from_sqlite)?;
    let info = [
        ("workshop_id", w.to_owned()),
        ("device", device.to_owned()),
        ("merge", MERGE_VERSION.to_string()),
        ("ops", ops.to_string()),
    ];
    for (key, value) in info {
        conn.execute(
            "INSERT INTO snap.snapshot_info (key, value) VALUES (?1, ?2)",
            params![key, value],
        )
        .map_err(from_sqlite)?;
    }
    Ok(())
}

/// What the snapshot attached as `db` says about itself.
fn info_of(conn: &Connection, db: &str) -> Result<Info> {
    let get = |key: &str| -> Result<String> {
        conn.query_row(
            &format!("SELECT value FROM {db}.snapshot_info WHERE key = ?1"),
            [key],
            |r| r.get(0),
        )
        .optional()
        .map_err(from_sqlite)?
        .ok_or_else(|| doubt(format!("no {key}")))
    };
    let number = |key: &str| -> Result<u64> {
        get(key)?
            .parse()
            .map_err(|_| doubt(format!("{key} is not a number")))
    };
    let files = conn
        .prepare(&format!(
            "SELECT device, name, seq, checksum, ops FROM {db}.snapshot_files ORDER BY device, seq, name"
        ))
        .and_then(|mut st| {
            st.query_map([], |r| {
                Ok(Covered {
                    device: r.get(0)?,
                    name: r.get(1)?,
                    seq: r.get::<_, i64>(2)?.unsigned_abs(),
                    checksum: r.get(3)?,
                    ops: r.get::<_, i64>(4)?.unsigned_abs(),
                })
            })?
            .collect()
        })
        .map_err(from_sqlite)?;
    Ok(Info {
        workshop_id: get("workshop_id")?,
        device: get("device")?,
        schema: schema_version(conn, db)?,
        merge: u32::try_from(number("merge")?).unwrap_or(u32::MAX),
        ops: number("ops")?,
        files,
    })
}

/// Reads what the snapshot file at `path` says about itself, checking nothing else (which
/// snapshot to take; [`Store::receiving_snapshot`] checks it all before loading).
pub fn read_info(path: &Path) -> Result<Info> {
    let conn = Connection::open_with_flags(path, rusqlite::OpenFlags::SQLITE_OPEN_READ_ONLY)
        .map_err(|e| crate::error::from_sqlite_at(e, path))?;
    conn.pragma_update(None, "trusted_schema", false)
        .map_err(from_sqlite)?;
    info_of(&conn, "main").map_err(|e| doubt(format!("{:?}", e.code)))
}

impl Store {
    /// [`Store::receiving`] for a laptop that holds nothing of workshop `workshop_id` yet,
    /// beginning with the snapshot at `path` loaded: `f` then records the files it covers and
    /// applies the ones after it — all in one transaction, all or nothing. A snapshot in doubt
    /// (see the module's docs) is refused before anything is written; the caller falls back to
    /// the files.
    pub fn receiving_snapshot<T>(
        &mut self,
        path: &Path,
        workshop_id: &str,
        f: impl FnOnce(&mut Receiving<'_>, &Info) -> Result<T>,
    ) -> Result<T> {
        // Nothing the snapshot's schema names runs with this connection's trust while it is
        // attached; the setting is given back after.
        let trusted: bool = self
            .conn
            .query_row("PRAGMA trusted_schema", [], |r| r.get(0))
            .map_err(from_sqlite)?;
        self.conn
            .pragma_update(None, "trusted_schema", false)
            .map_err(from_sqlite)?;
        if let Err(e) = self.conn.execute(
            "ATTACH DATABASE ?1 AS snap",
            [path.to_string_lossy().as_ref()],
        ) {
            let _ = self.conn.pragma_update(None, "trusted_schema", trusted);
            return Err(from_sqlite(e));
        }
        let result = (|| {
            let info = checked(&self.conn, workshop_id)?;
            self.receive_with(None, |r| {
                let newest = load(r.conn(), workshop_id)?;
                r.saw(newest);
                f(r, &info)
            })
        })();
        let detached = self
            .conn
            .execute_batch("DETACH DATABASE snap")
            .map_err(from_sqlite);
        let restored = self
            .conn
            .pragma_update(None, "trusted_schema", trusted)
            .map_err(from_sqlite);
        let value = result?;
        detached?;
        restored?;
        Ok(value)
    }
}

/// Everything checked of the attached snapshot before a row is copied (see the module's docs).
fn checked(conn: &Connection, workshop_id: &str) -> Result<Info> {
    let ours = table_sql(conn, "main")?;
    let mut expected: Vec<(String, String, String)> = copied()
        .filter_map(|t| {
            ours.iter()
                .find(|(k, n, _)| k == "table" && n == t)
                .cloned()
        })
        .collect();
    let own = Connection::open_in_memory().map_err(from_sqlite)?;
    own.execute_batch(OWN_TABLES).map_err(from_sqlite)?;
    expected.extend(table_sql(&own, "main")?);
    expected.sort();
    let theirs = table_sql(conn, "snap")?;
    if theirs != expected {
        return Err(doubt("its tables are not this Sala's"));
    }
    let sound: String = conn
        .query_row("PRAGMA snap.quick_check", [], |r| r.get(0))
        .map_err(from_sqlite)?;
    if sound != "ok" {
        return Err(doubt(sound));
    }
    let info = info_of(conn, "snap")?;
    if info.workshop_id != workshop_id
        || info.schema != schema_version(conn, "main")?
        || info.merge != MERGE_VERSION
    {
        return Err(doubt("another workshop, or another version of Sala"));
    }
    Ok(info)
}

/// Copies the attached snapshot's rows of workshop `w` in, inside the join's transaction, once
/// every row is seen to belong to it. Returns the newest time among its ops.
fn load(conn: &Connection, w: &str) -> Result<Option<Hlc>> {
    let any = |sql: &str| -> Result<bool> {
        conn.query_row(sql, [w], |_| Ok(()))
            .optional()
            .map(|o| o.is_some())
            .map_err(from_sqlite)
    };
    if any("SELECT 1 FROM main.ops WHERE workshop_id = ?1 LIMIT 1")? {
        return Err(doubt("this laptop holds the workshop already"));
    }
    // One read of its ops: all of the workshop, none at an impossible time, and the newest.
    let beyond = format!("{:015}", sala_core::hlc::MAX_WALL_MS + 1);
    let (others, impossible, newest): (i64, i64, Option<String>) = conn
        .query_row(
            "SELECT coalesce(sum(workshop_id != ?1), 0), coalesce(sum(hlc >= ?2), 0), max(hlc)
             FROM snap.ops",
            params![w, beyond],
            |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)),
        )
        .map_err(from_sqlite)?;
    if impossible > 0 {
        return Err(doubt("ops at an impossible time"));
    }
    if others > 0
        || any("SELECT 1 FROM snap.workshops WHERE id != ?1 LIMIT 1")?
        || any("SELECT 1 FROM snap.search_docs WHERE workshop_id != ?1 LIMIT 1")?
    {
        return Err(doubt("rows of another workshop"));
    }
    for entity in Entity::ALL {
        let table = apply::table_of(entity);
        let has_workshop: bool = conn
            .query_row(
                &format!(
                    "SELECT 1 FROM pragma_table_info('{table}', 'main') WHERE name = 'workshop_id'"
                ),
                [],
                |_| Ok(()),
            )
            .optional()
            .map_err(from_sqlite)?
            .is_some();
        if has_workshop
            && any(&format!(
                "SELECT 1 FROM snap.{table} WHERE workshop_id != ?1 LIMIT 1"
            ))?
        {
            return Err(doubt("rows of another workshop"));
        }
    }
    // A row of another workshop held here, which ops of this one would change.
    if any(
        "SELECT 1 FROM snap.ops s WHERE ?1 = ?1 AND EXISTS
           (SELECT 1 FROM main.ops m WHERE m.entity = s.entity AND m.entity_id = s.entity_id) LIMIT 1",
    )? {
        return Err(SalaError::new(ErrorCode::SyncOtherWorkshopRow)
            .with("op", "–")
            .with("entity", "–"));
    }
    let copy = |sql: &str| conn.execute_batch(sql).map_err(from_sqlite);
    copy("INSERT INTO main.ops SELECT * FROM snap.ops")?;
    for entity in Entity::ALL {
        let table = apply::table_of(entity);
        copy(&format!(
            "INSERT INTO main.{table} SELECT * FROM snap.{table}"
        ))?;
    }
    let held = "(SELECT entity_id FROM snap.ops)";
    copy(&format!(
        "INSERT INTO main.field_heads SELECT * FROM snap.field_heads WHERE entity_id IN {held}"
    ))?;
    copy(&format!(
        "INSERT INTO main.text_docs SELECT * FROM snap.text_docs WHERE entity_id IN {held}"
    ))?;
    let first = crate::search::index::next_rowid(conn)?;
    copy(
        "INSERT INTO main.search_docs (entity, entity_id, workshop_id, group_id, question_id,
            focus_area_id, stakeholder, lang, key_point, display, body)
         SELECT entity, entity_id, workshop_id, group_id, question_id, focus_area_id, stakeholder,
            lang, key_point, display, body
         FROM snap.search_docs ORDER BY rowid",
    )?;
    // Indexed right after the join commits (`Store::index_pending`), out of its way.
    crate::search::index::defer_from(conn, first)?;
    Ok(newest.and_then(|t| t.parse().ok()))
}
