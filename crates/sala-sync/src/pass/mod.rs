//! One sync pass: this device's waiting changes out to its folder, every other device's new
//! files in, problems recorded, and the status the UI shows.
//!
//! Nothing read from the folder ever removes anything here: a missing file or a vanished folder
//! only means nothing new arrived. Each file is applied in one transaction together with the
//! record that it was applied (a joining laptop applies up to [`BATCH_OPS`] ops' worth of files
//! per transaction), so a pass cut short (the share disappears, the laptop sleeps)
//! resumes where it stopped.
//!
//! What must hold whatever the folder holds (issue 14):
//! - **One pass per data folder at a time** ([`crate::lock`]): the app and a `sala` command
//!   never number a file alike; a file number is never reused ([`folder::write_new`]); ops are
//!   marked sent only once the file on disk is the one written.
//! - **One bad file halts nothing**: a file that cannot be read or applied is set aside with
//!   its reason and its table named, and retried on every pass; every other file goes on.
//! - **This device's work reaches the others**: a file of its own that vanished, or that
//!   something else took the place of, sends its ops again.

use std::path::Path;
use std::time::Duration;

use rusqlite::Connection;
use sala_core::api::{PeerView, SyncProblem, SyncReport};
use sala_core::model::Workshop;
use sala_core::op::Op;
use sala_core::text::printable_line;
use sala_core::{ErrorCode, SalaError};
use sala_store::sync::{Ingested, LAST_SYNC, Receiving, TABLE_LABEL};
use sala_store::{Store, log::ops, sync::files as sync_files, sync::peers as sync_peers};

mod receive;
mod send;

pub use receive::BATCH_OPS;
pub(crate) use receive::file_refused;
use receive::*;
use send::*;

use crate::folder::{self, DeviceInfo, Unreadable, WorkshopInfo, Written};
use crate::format::{self, Expect, FORMAT, Header};
use crate::key::{Key, key_of};
use crate::lock::{self, PassLock};
use crate::names::{self, FileKind};

/// At most this many ops go in one file: a file stays about 2 MB, and applying one (the unit
/// the background task holds the store for) takes well under a second.
pub const OPS_PER_FILE: usize = 2_000;
/// And at most about this many bytes (long notes with their text updates are large); a file
/// always holds at least one op. Readers refuse files over [`folder::MAX_SYNC_FILE`].
pub const BYTES_PER_FILE: usize = 8 << 20;

type Result<T> = std::result::Result<T, SalaError>;

fn workshop_info(w: &Workshop) -> WorkshopInfo {
    WorkshopInfo {
        format: FORMAT,
        workshop_id: w.id.clone(),
        title: w.title.clone(),
        start_date: w.start_date.clone(),
        end_date: w.end_date.clone(),
    }
}

/// Runs one pass of the current workshop against `folder`. `now_ms` is the wall clock, used
/// only for what is shown (last sync, last seen, a clock far ahead). Waits up to
/// [`lock::CLI_WAIT`] for another pass on this data folder to end (`SyncBusy` after that).
///
/// Returns `Err` only when this laptop's own store fails (or another pass holds the lock); an
/// unreachable or read-only folder, and every bad file, are reported in the [`SyncReport`].
pub fn sync_pass(store: &mut Store, folder: &Path, now_ms: u64) -> Result<SyncReport> {
    let lock = lock::acquire_for(store, lock::CLI_WAIT)?;
    pass_locked(store, &lock, folder, now_ms, usize::MAX)
}

/// [`sync_pass`] that reads at most `max_files` new files, then stops with `more` set in the
/// report — so that a caller sharing the store (the app's background task) can let typing in
/// between passes while a large workshop arrives. It does not wait for the sync lock: when
/// another pass holds it (a `sala sync` in a terminal), it returns `SyncBusy` at once. It
/// writes no snapshot (that takes seconds): see [`snapshot_due`].
pub fn sync_pass_limited(
    store: &mut Store,
    folder: &Path,
    now_ms: u64,
    max_files: usize,
) -> Result<SyncReport> {
    let lock = lock::acquire_for(store, Duration::ZERO)?;
    pass_locked(store, &lock, folder, now_ms, max_files)
}

/// The snapshot of the current workshop due in this laptop's folder in `folder`, if one is
/// (`snapshot::pending`): for a caller of [`sync_pass_limited`] whose passes changed something,
/// to write with the store let go (`snapshot::Pending::write`). `None` when the folder cannot
/// be reached.
pub fn snapshot_due(store: &Store, folder: &Path) -> Result<Option<crate::snapshot::Pending>> {
    let workshop = store.current_workshop()?;
    let Ok(dir) = folder::workshop_dir(folder, &workshop.id) else {
        return Ok(None);
    };
    let key = key_of(store, &workshop.id)?;
    crate::snapshot::pending(store, &dir.join(store.device_id()), &workshop, key.as_ref())
}

/// A pass, with the data folder's sync lock held.
pub(crate) fn pass_locked(
    store: &mut Store,
    _lock: &PassLock,
    folder: &Path,
    now_ms: u64,
    max_files: usize,
) -> Result<SyncReport> {
    let workshop = store.current_workshop()?;
    let mut report = SyncReport {
        folder: printable_line(&folder.display().to_string()),
        ..SyncReport::default()
    };
    if let Err(e) = std::fs::read_dir(folder) {
        report.folder_error = Some(folder::folder_error(folder, &e));
        return finish(store, &workshop, report);
    }
    report.reached = true;
    let dir = match folder::workshop_dir(folder, &workshop.id) {
        Ok(d) => d,
        Err(e) => {
            report.folder_error = Some(e);
            return finish(store, &workshop, report);
        }
    };

    // A big join's search index first: all of it in a full pass, a slice per limited one (the
    // app's background task, which lets saves in between and comes back at once).
    if max_files == usize::MAX {
        store.index_pending()?;
    } else if store.index_pending_step(sala_store::search::INDEX_SLICE)? {
        report.more = true;
        return finish(store, &workshop, report);
    }
    send(store, folder, &dir, &workshop, now_ms, &mut report)?;
    let key = key_of(store, &workshop.id)?;
    let device = store.device_id().to_owned();
    let ctx = Ctx {
        folder,
        dir: &dir,
        workshop: &workshop,
        device: &device,
        key: key.as_ref(),
        now_ms,
        progress: None,
    };
    receive(&mut EachBatch(store), &ctx, max_files, &mut report)?;
    // The pictures after the text: a limited pass fetches a few, and comes back at once while
    // more are there to fetch.
    if !report.more && report.folder_error.is_none() {
        let max = if max_files == usize::MAX {
            usize::MAX
        } else {
            crate::pictures::PICTURES_PER_PASS
        };
        crate::pictures::exchange(store, folder, &dir, key.as_ref(), max, &mut report)?;
        // Come back at once while pictures wait whose files are there to read: the budget of
        // reads was spent (a torn file spends it too, so a pass never loops on one forever).
        if report.pictures_received > 0 && report.pictures_waiting > 0 {
            report.more = true;
        }
    }
    if max_files == usize::MAX
        && !report.more
        && report.folder_error.is_none()
        && report.ops_received + report.ops_sent > 0
    {
        // An optimisation for laptops joining later, never a reason for the pass to fail: the
        // op files are the truth, and the next pass tries again. (A limited pass leaves it to
        // its caller, with the store let go: see [`snapshot_due`].)
        let _ = crate::snapshot::write_if_due(store, &dir.join(&device), &workshop, key.as_ref());
    }

    store.set_setting(LAST_SYNC, &now_ms.to_string())?;
    finish(store, &workshop, report)
}

/// Removes the files this laptop wrote to the shared folder before the workshop had a key —
/// readable by anyone with the folder — once everything in them has gone out again encrypted
/// (setting the key sends all of this laptop's work again). Only this laptop's own folder is
/// touched; copies elsewhere (exports, other folders) are not. Returns the pass's report, with
/// `plain_files` what is left (0 unless the folder could not be written).
///
/// `wait` is how long to wait for another pass on this data folder (the app does not wait).
pub fn withdraw_plain(
    store: &mut Store,
    folder: &Path,
    now_ms: u64,
    wait: Duration,
) -> Result<(u32, SyncReport)> {
    let lock = lock::acquire_for(store, wait)?;
    let workshop = store.current_workshop()?;
    if key_of(store, &workshop.id)?.is_none() {
        return Err(SalaError::new(ErrorCode::NoWorkshopKey));
    }
    // Everything out again, encrypted, before anything is removed.
    let report = pass_locked(store, &lock, folder, now_ms, usize::MAX)?;
    if let Some(e) = report.folder_error {
        return Err(e);
    }
    if store.waiting()? > 0 {
        return Err(SalaError::new(ErrorCode::SyncFolderReadOnly)
            .with("folder", printable_line(&folder.display().to_string()))
            .with("detail", store.waiting()?));
    }
    let mine = folder::workshop_dir(folder, &workshop.id)?.join(store.device_id());
    let mut removed = 0;
    for name in folder::names(&mine).unwrap_or_default() {
        if !matches!(names::classify(&name), FileKind::Ops(_)) {
            continue;
        }
        let path = mine.join(&name);
        let plain = folder::read_prefix(&path, HEADER_PREFIX)
            .and_then(|p| format::header_of(&p))
            .is_some_and(|h| h.key.is_none() && h.device_id == store.device_id());
        if plain {
            std::fs::remove_file(&path).map_err(|e| folder::folder_error(folder, &e))?;
            removed += 1;
        }
    }
    // And the pictures written plain, whose encrypted copies the pass above wrote.
    removed += crate::pictures::withdraw_plain_pictures(
        &folder::workshop_dir(folder, &workshop.id)?,
        store.device_id(),
    )
    .map_err(|e| folder::folder_error(folder, &e))?;
    // The pass after forgets the files removed (their ops are in the encrypted ones).
    let after = pass_locked(store, &lock, folder, now_ms, usize::MAX)?;
    Ok((removed, after))
}

/// Reads a workshop that may not be here yet (joining) — every device folder's files — and
/// makes it the current workshop, **all or nothing**: everything is applied in one
/// transaction, so a join that fails (the folder goes away, the workshop itself is not in the
/// folder) leaves this laptop as it was. Bad files are set aside as in a pass; they do not
/// make the join fail.
///
/// With [`Load::Auto`], a laptop holding nothing of the workshop loads the best snapshot in the
/// folder that passes every check ([`crate::snapshot`]) and applies only the files after it;
/// a snapshot that fails to load is set aside and the files are read instead. The search index
/// of a big join is left to the passes after it (`sala_store::search::index::defer_from`).
pub fn receive_workshop(
    store: &mut Store,
    folder: &Path,
    info: &WorkshopInfo,
    now_ms: u64,
    load: Load,
) -> Result<Joined> {
    receive_workshop_telling(store, folder, info, now_ms, load, &|_| {})
}

/// [`receive_workshop`], telling `progress` what it is doing as it goes.
pub fn receive_workshop_telling(
    store: &mut Store,
    folder: &Path,
    info: &WorkshopInfo,
    now_ms: u64,
    load: Load,
    progress: &dyn Fn(JoinProgress),
) -> Result<Joined> {
    let placeholder = Workshop {
        id: info.workshop_id.clone(),
        title: info.title.clone(),
        start_date: info.start_date.clone(),
        end_date: info.end_date.clone(),
        venue: Default::default(),
        organisers: Default::default(),
        template: String::new(),
        is_demo: false,
        objectives: Vec::new(),
    };
    let dir = folder::workshop_dir(folder, &info.workshop_id)?;
    let key = key_of(store, &info.workshop_id)?;
    let device = store.device_id().to_owned();
    let lock = lock::acquire_for(store, lock::CLI_WAIT)?;
    // Files to read, for the progress shown (their names only: nothing is counted in the
    // database, and a snapshot's files are then passed over quickly).
    let total = std::cell::Cell::new(files_in(&dir, &device));
    let reading = |p: JoinProgress| {
        progress(JoinProgress {
            total: total.get(),
            ..p
        })
    };
    let ctx = Ctx {
        folder,
        dir: &dir,
        workshop: &placeholder,
        device: &device,
        key: key.as_ref(),
        now_ms,
        progress: Some(&reading),
    };
    let receive = |r: &mut Receiving<'_>| {
        let mut report = SyncReport::default();
        receive(r, &ctx, usize::MAX, &mut report)?;
        if let Some(e) = report.folder_error {
            return Err(e);
        }
        make_current(r.conn(), &info.workshop_id, &folder.display().to_string())?;
        Ok(sync_files::not_done(r.conn(), &info.workshop_id)?.len() as u32)
    };
    let mut refused = Vec::new();
    let tell = |phase| {
        progress(JoinProgress {
            phase,
            done: 0,
            total: 0,
        })
    };
    let fresh = load == Load::Auto && ops::count_of_workshop(store.read(), &info.workshop_id)? == 0;
    if fresh {
        tell(JoinPhase::Snapshot);
    }
    if fresh
        && let Some(chosen) =
            crate::snapshot::choose(store, &dir, &info.workshop_id, key.as_ref(), &mut refused)?
    {
        // Only the files after it are read.
        total.set(total.get().saturating_sub(chosen.info.files.len() as u64));
        let loaded = store.receiving_snapshot(&chosen.db, &info.workshop_id, |r, covered| {
            record_covered(r.conn(), &info.workshop_id, &covered.files, now_ms)?;
            receive(r)
        });
        match loaded {
            Ok(set_aside) => {
                return Ok(Joined {
                    set_aside,
                    snapshot: Some(chosen.file),
                    refused,
                });
            }
            Err(e) if is_local_failure(&e) => return Err(e),
            Err(e) => {
                refused.push((chosen.file, e));
                total.set(files_in(&dir, &device));
            }
        }
    }
    let bulk = match load {
        Load::Auto => backlog(&dir, &device) >= BULK_MIN_OPS,
        Load::RowByRow => false,
        Load::Bulk => true,
    };
    let set_aside = if bulk {
        store.receiving_bulk(&info.workshop_id, receive)?
    } else {
        store.receiving(receive)?
    };
    drop(lock);
    Ok(Joined {
        set_aside,
        snapshot: None,
        refused,
    })
}

/// What a joining laptop is doing, for a progress bar.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum JoinPhase {
    /// Looking for a snapshot, checking it and loading it.
    Snapshot,
    /// Reading and applying files: `done` of `total` read.
    Reading,
    /// Building the search index of what arrived.
    Indexing,
}

/// A step of a join's progress (`done` and `total` count files while reading; 0 otherwise).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct JoinProgress {
    pub phase: JoinPhase,
    pub done: u64,
    pub total: u64,
}

impl JoinProgress {
    /// As shown, `elapsed` into the join: while files are read, with about how many seconds
    /// are left once a few are (the time per file so far, for the files still to read).
    pub fn view(&self, elapsed: std::time::Duration) -> sala_core::api::JoinProgressView {
        use sala_core::api::JoinStep;
        let step = match self.phase {
            JoinPhase::Snapshot => JoinStep::Snapshot,
            JoinPhase::Reading => JoinStep::Reading,
            JoinPhase::Indexing => JoinStep::Indexing,
        };
        // More files than counted at the start (written meanwhile): never past the end.
        let total = self.total.max(self.done);
        let seconds_left = (step == JoinStep::Reading && self.done >= 3 && self.done < total)
            .then(|| elapsed.as_secs_f64() / self.done as f64 * (total - self.done) as f64)
            .map(|s| s.ceil() as u32);
        sala_core::api::JoinProgressView {
            step,
            done: u32::try_from(self.done).unwrap_or(u32::MAX),
            total: u32::try_from(total).unwrap_or(u32::MAX),
            seconds_left,
        }
    }
}

/// How many op files the other devices' folders of workshop folder `dir` hold.
fn files_in(dir: &Path, own_device: &str) -> u64 {
    folder::names(dir)
        .unwrap_or_default()
        .iter()
        .filter(|d| *d != own_device && names::is_id(d))
        .map(|d| {
            folder::names(&dir.join(d))
                .unwrap_or_default()
                .iter()
                .filter(|n| matches!(names::classify(n), FileKind::Ops(_)))
                .count() as u64
        })
        .sum()
}

/// What a join did.
#[derive(Debug)]
pub struct Joined {
    /// Files set aside (as in a pass).
    pub set_aside: u32,
    /// The snapshot loaded (`DEVICE/NAME`), if one was.
    pub snapshot: Option<String>,
    /// Snapshots not loaded, and why.
    pub refused: Vec<(String, SalaError)>,
}

/// Records the files a loaded snapshot covers as applied: a pass never reads them.
fn record_covered(
    conn: &Connection,
    workshop_id: &str,
    files: &[sala_store::sync::snapshot::Covered],
    now_ms: u64,
) -> Result<()> {
    for f in files {
        sync_files::done(
            conn,
            workshop_id,
            &sync_files::Done {
                device: &f.device,
                name: &f.name,
                seq: Some(f.seq),
                direction: "in",
                checksum: &f.checksum,
                ops: f.ops,
            },
            now_ms as i64,
        )?;
    }
    Ok(())
}

/// How a joining laptop applies what it receives.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Load {
    /// In bulk when the folder holds at least [`BULK_MIN_OPS`] ops, else row by row.
    Auto,
    /// Every file's rows and search entries written as the file is applied.
    RowByRow,
    /// Indexes and the search index built once at the end (`sala_store::sync::bulk`).
    Bulk,
}

/// From how many ops waiting in a workshop's folder a join is done in bulk: below it, building
/// every index again would cost more than keeping them (a laptop holding other big workshops
/// rebuilds their indexes too).
pub const BULK_MIN_OPS: u64 = 50_000;

/// The ops the other devices' files in workshop folder `dir` hold, as their headers say (no
/// body read, nothing counted in the database).
pub fn backlog(dir: &Path, own_device: &str) -> u64 {
    let mut total = 0;
    for device in folder::names(dir).unwrap_or_default() {
        let path = dir.join(&device);
        if device == own_device || !names::is_id(&device) || !folder::is_real_dir(&path) {
            continue;
        }
        for name in folder::names(&path).unwrap_or_default() {
            if !matches!(names::classify(&name), FileKind::Ops(_)) {
                continue;
            }
            let header = folder::read_prefix(&path.join(&name), HEADER_BYTES)
                .and_then(|prefix| format::header_of(&prefix));
            total += header.map_or(0, |h| h.op_count.min(MAX_COUNTED));
        }
    }
    total
}

/// Enough of a file to hold its header (a workshop title of 500 Lao characters in each
/// language is ~3 KB), and no more: the files are read whole again when applied.
pub(crate) const HEADER_BYTES: u64 = 16 * 1024;

/// The most ops a file counts for in [`backlog`] (a header claiming billions says nothing).
const MAX_COUNTED: u64 = OPS_PER_FILE as u64 * 2;

/// Makes `id` the current workshop, inside a join's transaction — refused when the workshop
/// itself did not arrive (files of its tables only, a partial export).
pub(crate) fn make_current(conn: &Connection, id: &str, source: &str) -> Result<()> {
    if sala_store::log::table::get::<sala_store::workshop::workshops::Workshops>(conn, id)?
        .is_none()
    {
        return Err(SalaError::new(ErrorCode::SyncNoWorkshop)
            .with("folder", printable_line(source))
            .with("workshop", id));
    }
    sala_store::db::meta::set(conn, sala_store::db::meta::CURRENT_WORKSHOP, id)
}

/// Where things stand, without touching the folder (`sala status`, the status bar at start).
pub fn status(store: &mut Store) -> Result<SyncReport> {
    let workshop = store.current_workshop()?;
    let folder = store
        .setting(sala_store::sync::SYNC_FOLDER)?
        .unwrap_or_default();
    finish(
        store,
        &workshop,
        SyncReport {
            folder,
            ..SyncReport::default()
        },
    )
}

/// Fills in where things stand (also when the folder could not be reached). Problems met in
/// this pass only (`report.problems` so far) follow the files set aside.
fn finish(store: &mut Store, workshop: &Workshop, mut report: SyncReport) -> Result<SyncReport> {
    report.waiting = store.waiting()?;
    report.conflicts = store.conflicts()?.len() as u32;
    report.devices = sync_peers::peers(store.read(), &workshop.id)?
        .into_iter()
        .map(|p| PeerView {
            device_id: p.device,
            label: folder::shown_label(&p.label),
            last_seen_ms: p.last_seen,
            clock_ahead_ms: p.clock_ahead_ms,
        })
        .collect();
    let passing = std::mem::take(&mut report.problems);
    report.problems = problems(store, workshop)?;
    report.problems.extend(passing);
    report.last_sync_ms = store.setting(LAST_SYNC)?.and_then(|v| v.parse().ok());
    report.indexing = store.index_is_pending()?;
    Ok(report)
}

/// The files set aside, with their errors.
pub fn problems(store: &Store, workshop: &Workshop) -> Result<Vec<SyncProblem>> {
    Ok(sync_files::not_done(store.read(), &workshop.id)?
        .into_iter()
        .map(|f| SyncProblem {
            file: printable_line(&format!("{}/{}", f.device, f.name)),
            error: f
                .detail
                .as_deref()
                .and_then(|d| serde_json::from_str(d).ok())
                .unwrap_or_else(|| {
                    SalaError::new(ErrorCode::SyncFileCorrupt)
                        .with("file", printable_line(&f.name))
                        .with("detail", "?")
                }),
            tries: u32::try_from(f.tries).unwrap_or(u32::MAX),
            retried: f.status == "problem",
        })
        .collect())
}
