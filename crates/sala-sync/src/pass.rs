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
/// another pass holds it (a `sala sync` in a terminal), it returns `SyncBusy` at once.
pub fn sync_pass_limited(
    store: &mut Store,
    folder: &Path,
    now_ms: u64,
    max_files: usize,
) -> Result<SyncReport> {
    let lock = lock::acquire_for(store, Duration::ZERO)?;
    pass_locked(store, &lock, folder, now_ms, max_files)
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
    };
    receive(&mut EachBatch(store), &ctx, max_files, &mut report)?;

    store.set_setting(LAST_SYNC, &now_ms.to_string())?;
    finish(store, &workshop, report)
}

/// Writes this device's waiting ops, after making sure no other laptop writes under its id.
fn send(
    store: &mut Store,
    folder: &Path,
    dir: &Path,
    workshop: &Workshop,
    now_ms: u64,
    report: &mut SyncReport,
) -> Result<()> {
    let mine = dir.join(store.device_id());
    if let Err(e) = folder::ensure_real_dir(folder, &mine) {
        report.folder_error = Some(e);
        return Ok(());
    }
    if folder::read_json::<WorkshopInfo>(&dir.join(folder::WORKSHOP_FILE)).is_none() {
        let json = serde_json::to_vec_pretty(&workshop_info(workshop)).unwrap_or_default();
        if let Err(e) = folder::write_atomic(dir, folder::WORKSHOP_FILE, &json) {
            report.folder_error = Some(folder::folder_error(folder, &e));
            return Ok(());
        }
    }
    let label = store.setting(TABLE_LABEL)?.unwrap_or_default();
    let device = DeviceInfo {
        format: FORMAT,
        device_id: store.device_id().to_owned(),
        label,
    };
    if folder::read_json::<DeviceInfo>(&mine.join(folder::DEVICE_FILE)).as_ref() != Some(&device) {
        let json = serde_json::to_vec_pretty(&device).unwrap_or_default();
        if let Err(e) = folder::write_atomic(&mine, folder::DEVICE_FILE, &json) {
            report.folder_error = Some(folder::folder_error(folder, &e));
            return Ok(());
        }
    }

    let own = check_own_folder(store, &mine, workshop)?;
    report.plain_files = own.plain;
    if let Some(new_id) = own.new_id {
        report.new_device_id = Some(new_id);
        // Start again in the new folder.
        return send(store, folder, dir, workshop, now_ms, report);
    }

    // With a workshop key, every file written is encrypted with it.
    let key = key_of(store, &workshop.id)?;
    // After the last file this device recorded writing (files it wrote just before a crash
    // were recorded by the check above). A name found taken — a file this laptop cannot
    // vouch for — is skipped, never replaced; past many, the numbering jumps beyond the
    // highest name present, so a file planted at 99999999 hides nothing after it.
    let mut next =
        sync_files::last_out_seq(store.read(), &workshop.id, store.device_id())?.saturating_add(1);
    let mut taken = 0;
    loop {
        let mut waiting = ops::waiting(store.read(), &workshop.id, OPS_PER_FILE)?;
        if waiting.is_empty() {
            break;
        }
        fit_in_one_file(&mut waiting);
        let (header, bytes) = format::encode_for(
            key.as_ref(),
            &workshop.id,
            &workshop.title,
            store.device_id(),
            next,
            &waiting,
        );
        let name = names::ops_name(next);
        next += 1;
        match folder::write_new(&mine, &name, &bytes) {
            Ok(Written::Done) => {}
            Ok(Written::Taken) if taken < TAKEN_IN_A_ROW => {
                taken += 1;
                continue;
            }
            Ok(Written::Taken) => {
                let beyond = highest_seq(&mine).saturating_add(1);
                if beyond <= next || beyond > MAX_SEQ {
                    break;
                }
                next = beyond;
                taken = 0;
                continue;
            }
            Err(e) => {
                report.folder_error = Some(folder::folder_error(folder, &e));
                break;
            }
        }
        // Marked sent only once the file under that name is the one written.
        match folder::read_regular(&mine.join(&name), folder::MAX_SYNC_FILE) {
            Ok(on_disk) if on_disk == bytes => {}
            Ok(_) | Err(Unreadable::Missing | Unreadable::NotAFile | Unreadable::TooLarge(_)) => {
                continue;
            }
            Err(Unreadable::Io(e)) => {
                // Unverified: the next pass recognises the file by its ops, or sends them again.
                report.folder_error = Some(folder::folder_error(folder, &e));
                break;
            }
        }
        let ids: Vec<String> = waiting.iter().map(|o| o.id.clone()).collect();
        let device = store.device_id().to_owned();
        let seq = header.seq;
        store.bookkeeping(|conn| {
            ops::mark_sent(conn, &ids, seq)?;
            sync_files::done(
                conn,
                &workshop.id,
                &done_file(&device, &name, seq, "out", &header),
                now_ms as i64,
            )
        })?;
        report.files_written += 1;
        report.ops_sent += header.op_count;
    }
    Ok(())
}

/// Keeps the first ops of `waiting` that fit in [`BYTES_PER_FILE`] (always at least one).
fn fit_in_one_file(waiting: &mut Vec<Op>) {
    let mut bytes = 0;
    let keep = waiting
        .iter()
        .position(|op| {
            bytes += serde_json::to_vec(op).map_or(0, |v| v.len()) + 1;
            bytes > BYTES_PER_FILE
        })
        .unwrap_or(waiting.len())
        .max(1);
    waiting.truncate(keep);
}

fn done_file<'a>(
    device: &'a str,
    name: &'a str,
    seq: u64,
    direction: &'a str,
    header: &'a Header,
) -> sync_files::Done<'a> {
    sync_files::Done {
        device,
        name,
        seq: Some(seq),
        direction,
        checksum: &header.sha256,
        ops: header.op_count,
    }
}

fn highest_seq(dir: &Path) -> u64 {
    folder::names(dir)
        .unwrap_or_default()
        .iter()
        .filter_map(|n| match names::classify(n) {
            FileKind::Ops(seq) => Some(seq),
            _ => None,
        })
        .max()
        .unwrap_or(0)
}

/// Names found taken one after another before the numbering jumps past the highest present.
const TAKEN_IN_A_ROW: u32 = 100;
/// The largest file number written (a name of at most 19 digits).
const MAX_SEQ: u64 = 999_999_999_999_999_999;

/// How much of a file in this device's own folder is read to find its header.
const HEADER_PREFIX: u64 = 16 * 1024;

/// What [`check_own_folder`] found.
#[derive(Debug, Default)]
struct OwnFolder {
    /// The new device id taken, when another laptop writes under this one's.
    new_id: Option<String>,
    /// This device's files written without the workshop's key, now that it has one.
    plain: u32,
}

/// Looks after this device's own folder before writing to it:
/// - a file this device wrote that has **vanished**, or whose place **another device's file**
///   took (a sync program's doing), sends its ops again;
/// - a file it wrote just before a crash (written, not yet recorded) is recognised by its ops
///   and recorded;
/// - a file with this device's id that it did not write (or that changed since) means another
///   laptop writes under the same id — a cloned disk: a new id is taken, and returned.
fn check_own_folder(store: &mut Store, mine: &Path, workshop: &Workshop) -> Result<OwnFolder> {
    let device = store.device_id().to_owned();
    let key = key_of(store, &workshop.id)?;
    let mut found = OwnFolder::default();
    let Ok(listed) = folder::names(mine) else {
        return Ok(found);
    };
    let written = sync_files::written(store.read(), &workshop.id, &device)?;
    // A listing without the device.json written moments ago is not trusted to be complete.
    if listed.iter().any(|n| n == folder::DEVICE_FILE) {
        let vanished: Vec<(&String, u64)> = written
            .iter()
            .filter(|(name, _)| !listed.contains(name))
            .map(|(name, (seq, _))| (name, *seq))
            .collect();
        if !vanished.is_empty() {
            store.bookkeeping(|conn| {
                vanished.iter().try_for_each(|(name, seq)| {
                    ops::unsend_file(conn, &workshop.id, *seq)?;
                    sync_files::forget_out(conn, &workshop.id, &device, name)
                })
            })?;
        }
    }
    for name in listed {
        let FileKind::Ops(seq) = names::classify(&name) else {
            continue;
        };
        let expected = written.get(&name).map(|(_, sha)| sha);
        // A file this device wrote is recognised by the checksum in its header: every pass
        // looks, so only the first bytes are read.
        let path = mine.join(&name);
        if let Some(expected) = expected {
            let header = folder::read_prefix(&path, HEADER_PREFIX)
                .and_then(|prefix| format::header_of(&prefix));
            if key.is_some() && header.as_ref().is_some_and(|h| h.key.is_none()) {
                found.plain += 1;
            }
            if header.is_none_or(|h| &h.sha256 == expected) {
                continue;
            }
        }
        let Ok(bytes) = folder::read_regular(&path, folder::MAX_SYNC_FILE) else {
            continue;
        };
        let Ok((header, file_ops)) = format::decode(&name, &bytes, None, key.as_ref()) else {
            // Damaged, or being replaced: not evidence of anything yet.
            continue;
        };
        if expected == Some(&header.sha256) {
            continue;
        }
        if header.device_id != device {
            if expected.is_some() {
                // A sync program put another device's file in the place of one of this
                // device's: what this device wrote there goes out again, in a new file.
                store.bookkeeping(|conn| {
                    ops::unsend_file(conn, &workshop.id, seq)?;
                    sync_files::forget_out(conn, &workshop.id, &device, &name)
                })?;
            }
            // Another device's file copied in here (by hand, or by a confused sync program) is
            // a stray copy, not another laptop writing under this id.
            continue;
        }
        let all_mine = !file_ops.is_empty()
            && file_ops.iter().all(|o| {
                store
                    .read()
                    .query_row(
                        "SELECT 1 FROM ops WHERE id = ?1 AND origin = 'local'",
                        [&o.id],
                        |_| Ok(()),
                    )
                    .is_ok()
            });
        if expected.is_none() && all_mine {
            let ids: Vec<String> = file_ops.iter().map(|o| o.id.clone()).collect();
            store.bookkeeping(|conn| {
                ops::mark_sent(conn, &ids, seq)?;
                sync_files::done(
                    conn,
                    &workshop.id,
                    &done_file(&device, &name, seq, "out", &header),
                    0,
                )
            })?;
            continue;
        }
        found.new_id = Some(store.take_new_device_id(&workshop.id)?);
        return Ok(found);
    }
    Ok(found)
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
    // The pass after forgets the files removed (their ops are in the encrypted ones).
    let after = pass_locked(store, &lock, folder, now_ms, usize::MAX)?;
    Ok((removed, after))
}

/// Reads a workshop that may not be here yet (joining) — every device folder's files — and
/// makes it the current workshop, **all or nothing**: everything is applied in one
/// transaction, so a join that fails (the folder goes away, the workshop itself is not in the
/// folder) leaves this laptop as it was. Bad files are set aside as in a pass; they do not
/// make the join fail. Returns the files set aside.
pub fn receive_workshop(
    store: &mut Store,
    folder: &Path,
    info: &WorkshopInfo,
    now_ms: u64,
) -> Result<u32> {
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
    let set_aside = store.receiving(|r| {
        let ctx = Ctx {
            folder,
            dir: &dir,
            workshop: &placeholder,
            device: &device,
            key: key.as_ref(),
            now_ms,
        };
        let mut report = SyncReport::default();
        receive(r, &ctx, usize::MAX, &mut report)?;
        if let Some(e) = report.folder_error {
            return Err(e);
        }
        make_current(r.conn(), &info.workshop_id, &folder.display().to_string())?;
        Ok(sync_files::not_done(r.conn(), &info.workshop_id)?.len() as u32)
    })?;
    drop(lock);
    Ok(set_aside)
}

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

/// What a received file is read against.
struct Ctx<'a> {
    folder: &'a Path,
    dir: &'a Path,
    workshop: &'a Workshop,
    /// This laptop's device id: its own folder is not read.
    device: &'a str,
    key: Option<&'a Key>,
    now_ms: u64,
}

/// Where received files are applied: the store with each batch in a transaction of its own (a
/// pass — saves get in between), or one transaction for a whole join (all or nothing).
trait Sink {
    fn conn(&self) -> &Connection;
    fn bookkeeping(&mut self, f: &mut dyn FnMut(&Connection) -> Result<()>) -> Result<()>;
    fn ingest(
        &mut self,
        ops: &[Op],
        now_ms: u64,
        record: &mut dyn FnMut(&Connection) -> Result<()>,
    ) -> Result<Ingested>;
}

/// A pass's sink: every batch of files committed on its own.
struct EachBatch<'s>(&'s mut Store);

impl Sink for EachBatch<'_> {
    fn conn(&self) -> &Connection {
        self.0.read()
    }
    fn bookkeeping(&mut self, f: &mut dyn FnMut(&Connection) -> Result<()>) -> Result<()> {
        self.0.bookkeeping(|c| f(c))
    }
    fn ingest(
        &mut self,
        ops: &[Op],
        now_ms: u64,
        record: &mut dyn FnMut(&Connection) -> Result<()>,
    ) -> Result<Ingested> {
        self.0.ingest(ops, now_ms, |c| record(c))
    }
}

impl Sink for Receiving<'_> {
    fn conn(&self) -> &Connection {
        Receiving::conn(self)
    }
    fn bookkeeping(&mut self, f: &mut dyn FnMut(&Connection) -> Result<()>) -> Result<()> {
        Receiving::bookkeeping(self, |c| f(c))
    }
    fn ingest(
        &mut self,
        ops: &[Op],
        now_ms: u64,
        record: &mut dyn FnMut(&Connection) -> Result<()>,
    ) -> Result<Ingested> {
        Receiving::ingest(self, ops, now_ms, |c| record(c))
    }
}

/// A file of a batch.
struct BatchFile {
    device: String,
    /// The device's table label, or the end of its id.
    table: String,
    name: String,
    seq: u64,
    header: Header,
    /// Where its ops end in `Batch::ops`.
    end: usize,
}

/// Files read and checked, applied together in one transaction (see [`BATCH_OPS`]).
#[derive(Default)]
struct Batch {
    ops: Vec<Op>,
    files: Vec<BatchFile>,
}

/// Files are applied together until they hold this many ops: one transaction (one commit, one
/// full-text segment) per ten full files instead of per file, when a laptop joins or comes back
/// after a long time away. The background task reads one file per step, so this never holds the
/// store longer than a step would.
pub const BATCH_OPS: usize = 20_000;

/// Whether an error is this laptop's own store failing (then the pass stops and says so), not
/// a file that cannot be applied (then the file is set aside and the pass goes on).
fn is_local_failure(e: &SalaError) -> bool {
    matches!(
        e.code,
        ErrorCode::DatabaseLocked
            | ErrorCode::DatabaseCorrupt
            | ErrorCode::DiskFull
            | ErrorCode::ReadOnly
    )
}

/// How a device is named in messages: its table label, or the end of its id.
fn table_name(label: Option<&str>, device: &str) -> String {
    match label.filter(|l| !l.trim().is_empty()) {
        Some(l) => l.to_owned(),
        None => device
            .get(device.len().saturating_sub(8)..)
            .unwrap_or(device)
            .to_owned(),
    }
}

/// The error a file that could not be applied is set aside with: it names the file and its
/// table. An error that is not about an op (it should not happen) is told as a bad op.
pub(crate) fn file_refused(e: &SalaError, file: &str, table: &str) -> SalaError {
    let named = match e.code {
        ErrorCode::SyncBadOp | ErrorCode::SyncImpossibleTime | ErrorCode::SyncOtherWorkshopRow => {
            e.clone()
        }
        _ => SalaError::new(ErrorCode::SyncBadOp)
            .with("op", "–")
            .with("entity", "–")
            .with(
                "detail",
                e.params
                    .get("detail")
                    .cloned()
                    .unwrap_or_else(|| format!("{:?}", e.code)),
            ),
    };
    named.with("file", file).with("table", table)
}

impl Batch {
    fn apply(&mut self, sink: &mut dyn Sink, ctx: &Ctx<'_>, report: &mut SyncReport) -> Result<()> {
        let files = std::mem::take(&mut self.files);
        let ops = std::mem::take(&mut self.ops);
        if files.is_empty() {
            return Ok(());
        }
        let record = |conn: &Connection, files: &[BatchFile]| {
            files.iter().try_for_each(|f| {
                sync_files::done(
                    conn,
                    &ctx.workshop.id,
                    &done_file(&f.device, &f.name, f.seq, "in", &f.header),
                    ctx.now_ms as i64,
                )
            })
        };
        if files.len() > 1 {
            match sink.ingest(&ops, ctx.now_ms, &mut |conn| record(conn, &files)) {
                Ok(got) => {
                    report.ops_received += got.new_ops;
                    return Ok(());
                }
                Err(e) if is_local_failure(&e) => return Err(e),
                Err(_) => {}
            }
        }
        // One file at a time (a batch of one, or a batch with a file that cannot be applied):
        // one bad file holds back no other; it is set aside and retried.
        let mut start = 0;
        for (i, f) in files.iter().enumerate() {
            let one = &files[i..=i];
            match sink.ingest(&ops[start..f.end], ctx.now_ms, &mut |conn| {
                record(conn, one)
            }) {
                Ok(got) => report.ops_received += got.new_ops,
                Err(e) if is_local_failure(&e) => return Err(e),
                Err(e) => {
                    let shown = printable_line(&format!("{}/{}", f.device, f.name));
                    let e = file_refused(&e, &shown, &f.table);
                    set_aside(sink, ctx, &f.device, &f.name, "problem", &e)?;
                }
            }
            start = f.end;
        }
        Ok(())
    }
}

/// Reads every other device's folder and applies its new files.
fn receive(
    sink: &mut dyn Sink,
    ctx: &Ctx<'_>,
    max_files: usize,
    report: &mut SyncReport,
) -> Result<()> {
    let mut batch = Batch::default();
    receive_into(sink, ctx, max_files, report, &mut batch)?;
    // What was read before the folder went away (or the step ended) is applied all the same.
    batch.apply(sink, ctx, report)
}

/// A problem shown for this pass only (a folder that is a link): nothing to retry by name.
fn passing_problem(error: SalaError) -> SyncProblem {
    SyncProblem {
        file: error.params.get("file").cloned().unwrap_or_default(),
        error,
        tries: 1,
        retried: true,
    }
}

fn receive_into(
    sink: &mut dyn Sink,
    ctx: &Ctx<'_>,
    max_files: usize,
    report: &mut SyncReport,
    batch: &mut Batch,
) -> Result<()> {
    let shown_dir = || printable_line(&ctx.dir.display().to_string());
    if std::fs::symlink_metadata(ctx.dir).is_ok() && !folder::is_real_dir(ctx.dir) {
        report.problems.push(passing_problem(
            SalaError::new(ErrorCode::SyncNotAFile).with("file", shown_dir()),
        ));
        return Ok(());
    }
    let devices = match folder::names(ctx.dir) {
        Ok(d) => d,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => Vec::new(),
        Err(e) => {
            report.folder_error = Some(folder::folder_error(ctx.folder, &e));
            return Ok(());
        }
    };
    let expect = Expect {
        workshop_id: &ctx.workshop.id,
        workshop_title: &ctx.workshop.title,
    };
    for device in devices {
        // Only device folders, named by a device id (not workshop.json, desktop.ini, …).
        if device == ctx.device || !names::is_id(&device) {
            continue;
        }
        let path = ctx.dir.join(&device);
        if !folder::is_real_dir(&path) {
            if std::fs::symlink_metadata(&path).is_ok_and(|m| !m.file_type().is_file()) {
                report.problems.push(passing_problem(
                    SalaError::new(ErrorCode::SyncNotAFile).with("file", &device),
                ));
            }
            continue;
        }
        let label = folder::device_label(&path, &device);
        let table = table_name(label.as_deref(), &device);
        let now = ctx.now_ms as i64;
        sink.bookkeeping(&mut |conn| {
            sync_peers::saw_peer(conn, &ctx.workshop.id, &device, label.as_deref(), now)
        })?;
        let files = match folder::names(&path) {
            Ok(f) => f,
            // The folder went away mid-pass: nothing more to read now.
            Err(e) => {
                report.folder_error = Some(folder::folder_error(ctx.folder, &e));
                return Ok(());
            }
        };
        let done = sync_files::done_names(sink.conn(), &ctx.workshop.id, &device)?;
        // A file set aside that has since gone (a conflict copy deleted, a temporary name
        // replaced) is no longer a problem.
        let gone: Vec<String> = sync_files::not_done(sink.conn(), &ctx.workshop.id)?
            .into_iter()
            .filter(|f| f.device == device && !files.contains(&f.name))
            .map(|f| f.name)
            .collect();
        if !gone.is_empty() {
            sink.bookkeeping(&mut |conn| {
                gone.iter()
                    .try_for_each(|name| sync_files::forget(conn, &ctx.workshop.id, &device, name))
            })?;
        }
        for name in files {
            if done.contains_key(&name) {
                continue;
            }
            match names::classify(&name) {
                FileKind::Temporary | FileKind::Other => {}
                FileKind::ConflictCopy => {
                    let e = SalaError::new(ErrorCode::SyncConflictCopy)
                        .with("file", printable_line(&format!("{device}/{name}")));
                    set_aside(sink, ctx, &device, &name, "ignored", &e)?;
                }
                FileKind::Ops(_) if report.files_read as usize >= max_files => {
                    report.more = true;
                    return Ok(());
                }
                FileKind::Ops(seq) => {
                    let file = FileRef {
                        device: &device,
                        table: &table,
                        name: &name,
                        seq,
                    };
                    read_one(sink, ctx, &path, expect, &file, report, batch)?;
                    if batch.ops.len() >= BATCH_OPS {
                        batch.apply(sink, ctx, report)?;
                    }
                }
            }
        }
    }
    Ok(())
}

/// A file in another device's folder.
struct FileRef<'a> {
    device: &'a str,
    table: &'a str,
    name: &'a str,
    seq: u64,
}

fn read_one(
    sink: &mut dyn Sink,
    ctx: &Ctx<'_>,
    path: &Path,
    expect: Expect<'_>,
    file: &FileRef<'_>,
    report: &mut SyncReport,
    batch: &mut Batch,
) -> Result<()> {
    let shown = printable_line(&format!("{}/{}", file.device, file.name));
    let bytes = match folder::read_regular(&path.join(file.name), folder::MAX_SYNC_FILE) {
        Ok(b) => b,
        Err(Unreadable::Missing) => return Ok(()),
        Err(u) => {
            let e = u
                .error(path, &shown, folder::MAX_SYNC_FILE)
                .with("table", file.table);
            return set_aside(sink, ctx, file.device, file.name, "problem", &e);
        }
    };
    match format::decode(&shown, &bytes, Some(expect), ctx.key) {
        Ok((header, file_ops)) => {
            batch.ops.extend(file_ops);
            batch.files.push(BatchFile {
                device: file.device.to_owned(),
                table: file.table.to_owned(),
                name: file.name.to_owned(),
                seq: file.seq,
                header,
                end: batch.ops.len(),
            });
            report.files_read += 1;
            Ok(())
        }
        Err(e) => set_aside(
            sink,
            ctx,
            file.device,
            file.name,
            "problem",
            &e.with("table", file.table),
        ),
    }
}

fn set_aside(
    sink: &mut dyn Sink,
    ctx: &Ctx<'_>,
    device: &str,
    name: &str,
    status: &str,
    e: &SalaError,
) -> Result<()> {
    let detail = serde_json::to_string(e).unwrap_or_default();
    let problem = e.code.locale_key();
    let problem = problem.trim_start_matches("error.");
    let now = ctx.now_ms as i64;
    sink.bookkeeping(&mut |conn| {
        sync_files::set_aside(
            conn,
            &ctx.workshop.id,
            device,
            name,
            status,
            problem,
            &detail,
            now,
        )
    })
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
