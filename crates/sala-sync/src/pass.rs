//! One sync pass: this device's waiting changes out to its folder, every other device's new
//! files in, problems recorded, and the status the UI shows.
//!
//! Nothing read from the folder ever removes anything here: a missing file or a vanished folder
//! only means nothing new arrived. Each file is applied in one transaction together with the
//! record that it was applied (a joining laptop applies up to [`BATCH_OPS`] ops' worth of files
//! per transaction), so a pass cut short (the share disappears, the laptop sleeps)
//! resumes where it stopped.

use std::path::Path;

use sala_core::api::{PeerView, SyncProblem, SyncReport};
use sala_core::model::Workshop;
use sala_core::op::Op;
use sala_core::{ErrorCode, SalaError};
use sala_store::sync::{LAST_SYNC, TABLE_LABEL};
use sala_store::{Store, ops, sync_files, sync_peers};

use crate::folder::{self, DeviceInfo, WorkshopInfo};
use crate::format::{self, Expect, FORMAT, Header};
use crate::names::{self, FileKind};

/// At most this many ops go in one file: a file stays about 2 MB, and applying one (the unit
/// the background task holds the store for) takes well under a second.
pub const OPS_PER_FILE: usize = 2_000;

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
/// only for what is shown (last sync, last seen, a clock far ahead).
///
/// Returns `Err` only when this laptop's own store fails; an unreachable or read-only folder,
/// and every bad file, are reported in the [`SyncReport`].
pub fn sync_pass(store: &mut Store, folder: &Path, now_ms: u64) -> Result<SyncReport> {
    sync_pass_limited(store, folder, now_ms, usize::MAX)
}

/// [`sync_pass`] that reads at most `max_files` new files, then stops with `more` set in the
/// report — so that a caller sharing the store (the app's background task) can let typing in
/// between passes while a large workshop arrives.
pub fn sync_pass_limited(
    store: &mut Store,
    folder: &Path,
    now_ms: u64,
    max_files: usize,
) -> Result<SyncReport> {
    let workshop = store.current_workshop()?;
    let mut report = SyncReport {
        folder: folder.display().to_string(),
        ..SyncReport::default()
    };
    if let Err(e) = std::fs::read_dir(folder) {
        report.folder_error = Some(folder::folder_error(folder, &e));
        return finish(store, &workshop, report);
    }
    report.reached = true;
    let dir = folder::workshop_dir(folder, &workshop.id);

    send(store, folder, &workshop, now_ms, &mut report)?;
    receive(
        store,
        folder,
        &dir,
        &workshop,
        now_ms,
        max_files,
        &mut report,
    )?;

    store.set_setting(LAST_SYNC, &now_ms.to_string())?;
    finish(store, &workshop, report)
}

/// Writes this device's waiting ops, after making sure no other laptop writes under its id.
fn send(
    store: &mut Store,
    folder: &Path,
    workshop: &Workshop,
    now_ms: u64,
    report: &mut SyncReport,
) -> Result<()> {
    let dir = folder::workshop_dir(folder, &workshop.id);
    let mine = dir.join(store.device_id());
    if let Err(e) = std::fs::create_dir_all(&mine) {
        report.folder_error = Some(folder::folder_error(folder, &e));
        return Ok(());
    }
    if folder::read_json::<WorkshopInfo>(&dir.join(folder::WORKSHOP_FILE)).is_none() {
        let json = serde_json::to_vec_pretty(&workshop_info(workshop)).unwrap_or_default();
        if let Err(e) = folder::write_atomic(&dir, folder::WORKSHOP_FILE, &json) {
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

    if let Some(new_id) = check_own_folder(store, &mine, workshop)? {
        report.new_device_id = Some(new_id);
        // Start again in the new folder.
        return send(store, folder, workshop, now_ms, report);
    }

    // With a workshop key, every file written is encrypted with it.
    let key = crate::key::key_of(store, &workshop.id)?;
    let mut next = {
        let written = sync_files::last_out_seq(store.read(), &workshop.id, store.device_id())?;
        let present = highest_seq(&mine);
        written.max(present) + 1
    };
    loop {
        let waiting = ops::waiting(store.read(), &workshop.id, OPS_PER_FILE)?;
        if waiting.is_empty() {
            break;
        }
        let (header, bytes) = format::encode_for(
            key.as_ref(),
            &workshop.id,
            &workshop.title,
            store.device_id(),
            next,
            &waiting,
        );
        let name = names::ops_name(next);
        if let Err(e) = folder::write_atomic(&mine, &name, &bytes) {
            report.folder_error = Some(folder::folder_error(folder, &e));
            break;
        }
        let ids: Vec<String> = waiting.iter().map(|o| o.id.clone()).collect();
        let device = store.device_id().to_owned();
        store.bookkeeping(|conn| {
            ops::mark_sent(conn, &ids, next)?;
            sync_files::done(
                conn,
                &workshop.id,
                &done_file(&device, &name, next, "out", &header),
                now_ms as i64,
            )
        })?;
        report.files_written += 1;
        report.ops_sent += header.op_count;
        next += 1;
    }
    Ok(())
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

/// A file in this device's own folder that it did not write (or that changed since) means
/// another laptop is writing under the same id — a cloned disk. Files this device wrote just
/// before a crash (written, not yet recorded) are recognised by their ops and recorded.
/// Returns the new device id when one had to be taken.
fn check_own_folder(store: &mut Store, mine: &Path, workshop: &Workshop) -> Result<Option<String>> {
    let device = store.device_id().to_owned();
    let key = crate::key::key_of(store, &workshop.id)?;
    let written = sync_files::done_names(store.read(), &workshop.id, &device)?;
    for name in folder::names(mine).unwrap_or_default() {
        let FileKind::Ops(seq) = names::classify(&name) else {
            continue;
        };
        let expected = written.get(&name);
        // A file this device wrote is recognised by the checksum in its header: every pass
        // looks, so only the first bytes are read.
        if let Some(expected) = expected {
            if own_header(&mine.join(&name)).is_none_or(|h| &h.sha256 == expected) {
                continue;
            }
        }
        let Ok(bytes) = std::fs::read(mine.join(&name)) else {
            continue;
        };
        let Ok((header, file_ops)) = format::decode(&name, &bytes, None, key.as_ref()) else {
            // Damaged, or being replaced: not evidence of anything yet.
            continue;
        };
        if expected == Some(&header.sha256) {
            continue;
        }
        // Another device's file copied in here (by hand, or by a confused sync program) is a
        // stray copy, not another laptop writing under this id.
        if header.device_id != device {
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
        let new_id = store.take_new_device_id(&workshop.id)?;
        return Ok(Some(new_id));
    }
    Ok(None)
}

/// Reads a workshop that may not be here yet (joining): every device folder's files.
pub fn receive_workshop(
    store: &mut Store,
    folder: &Path,
    info: &WorkshopInfo,
    now_ms: u64,
) -> Result<()> {
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
    let mut report = SyncReport::default();
    let dir = folder::workshop_dir(folder, &info.workshop_id);
    receive(
        store,
        folder,
        &dir,
        &placeholder,
        now_ms,
        usize::MAX,
        &mut report,
    )?;
    match report.folder_error {
        Some(e) => Err(e),
        None => Ok(()),
    }
}

/// The header of a file in this device's folder (`None` when unreadable or incomplete).
fn own_header(path: &Path) -> Option<Header> {
    use std::io::Read;
    let mut prefix = Vec::with_capacity(4096);
    std::fs::File::open(path)
        .ok()?
        .take(64 * 1024)
        .read_to_end(&mut prefix)
        .ok()?;
    format::header_of(&prefix)
}

/// Files read and checked, applied together in one transaction (see [`BATCH_OPS`]).
#[derive(Default)]
struct Batch {
    ops: Vec<Op>,
    files: Vec<BatchFile>,
}

/// A file of a batch: device, name, seq, header, and where its ops end in `Batch::ops`.
type BatchFile = (String, String, u64, Header, usize);

/// Files are applied together until they hold this many ops: one transaction (one commit, one
/// full-text segment) per ten full files instead of per file, when a laptop joins or comes back
/// after a long time away. The background task reads one file per step, so this never holds the
/// store longer than a step would.
pub const BATCH_OPS: usize = 20_000;

impl Batch {
    fn apply(
        &mut self,
        store: &mut Store,
        workshop: &Workshop,
        now_ms: u64,
        report: &mut SyncReport,
    ) -> Result<()> {
        let files = std::mem::take(&mut self.files);
        let ops = std::mem::take(&mut self.ops);
        if files.is_empty() {
            return Ok(());
        }
        // Applies `ops` with the record that `files` were read, in one transaction.
        let ingest = |store: &mut Store, ops: &[Op], files: &[BatchFile]| {
            store.ingest(ops, now_ms, |conn| {
                files.iter().try_for_each(|(device, name, seq, header, _)| {
                    sync_files::done(
                        conn,
                        &workshop.id,
                        &done_file(device, name, *seq, "in", header),
                        now_ms as i64,
                    )
                })
            })
        };
        match ingest(store, &ops, &files) {
            Ok(got) => {
                report.ops_received += got.new_ops;
                Ok(())
            }
            // One file's ops could not be applied: apply the others one file at a time, as
            // without batching, so that one bad file holds back no file read before it.
            Err(_) if files.len() > 1 => {
                let mut start = 0;
                for (i, file) in files.iter().enumerate() {
                    let end = file.4;
                    let got = ingest(store, &ops[start..end], &files[i..=i])?;
                    report.ops_received += got.new_ops;
                    start = end;
                }
                Ok(())
            }
            Err(e) => Err(e),
        }
    }
}

/// Reads every other device's folder and applies its new files.
fn receive(
    store: &mut Store,
    folder: &Path,
    dir: &Path,
    workshop: &Workshop,
    now_ms: u64,
    max_files: usize,
    report: &mut SyncReport,
) -> Result<()> {
    let mut batch = Batch::default();
    receive_into(
        store, folder, dir, workshop, now_ms, max_files, report, &mut batch,
    )?;
    // What was read before the folder went away (or the step ended) is applied all the same.
    batch.apply(store, workshop, now_ms, report)
}

#[allow(clippy::too_many_arguments)]
fn receive_into(
    store: &mut Store,
    folder: &Path,
    dir: &Path,
    workshop: &Workshop,
    now_ms: u64,
    max_files: usize,
    report: &mut SyncReport,
    batch: &mut Batch,
) -> Result<()> {
    let devices = match folder::names(dir) {
        Ok(d) => d,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => Vec::new(),
        Err(e) => {
            report.folder_error = Some(folder::folder_error(folder, &e));
            return Ok(());
        }
    };
    let expect = Expect {
        workshop_id: &workshop.id,
        workshop_title: &workshop.title,
    };
    for device in devices {
        let path = dir.join(&device);
        if device == store.device_id() || !path.is_dir() {
            continue;
        }
        let label = folder::read_json::<DeviceInfo>(&path.join(folder::DEVICE_FILE))
            .filter(|d| d.device_id == device)
            .map(|d| d.label);
        store.bookkeeping(|conn| {
            sync_peers::saw_peer(conn, &workshop.id, &device, label.as_deref(), now_ms as i64)
        })?;
        let files = match folder::names(&path) {
            Ok(f) => f,
            // The folder went away mid-pass: nothing more to read now.
            Err(e) => {
                report.folder_error = Some(folder::folder_error(folder, &e));
                return Ok(());
            }
        };
        let done = sync_files::done_names(store.read(), &workshop.id, &device)?;
        // A file set aside that has since gone (a conflict copy deleted, a temporary name
        // replaced) is no longer a problem.
        let gone: Vec<String> = sync_files::not_done(store.read(), &workshop.id)?
            .into_iter()
            .filter(|f| f.device == device && !files.contains(&f.name))
            .map(|f| f.name)
            .collect();
        if !gone.is_empty() {
            store.bookkeeping(|conn| {
                gone.iter()
                    .try_for_each(|name| sync_files::forget(conn, &workshop.id, &device, name))
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
                        .with("file", format!("{device}/{name}"));
                    set_aside(store, workshop, &device, &name, "ignored", &e, now_ms)?;
                }
                FileKind::Ops(_) if report.files_read as usize >= max_files => {
                    report.more = true;
                    return Ok(());
                }
                FileKind::Ops(seq) => {
                    read_one(
                        store, &path, workshop, expect, &device, &name, seq, now_ms, report, batch,
                    )?;
                    if batch.ops.len() >= BATCH_OPS {
                        batch.apply(store, workshop, now_ms, report)?;
                    }
                }
            }
        }
    }
    Ok(())
}

#[allow(clippy::too_many_arguments)]
fn read_one(
    store: &mut Store,
    path: &Path,
    workshop: &Workshop,
    expect: Expect<'_>,
    device: &str,
    name: &str,
    seq: u64,
    now_ms: u64,
    report: &mut SyncReport,
    batch: &mut Batch,
) -> Result<()> {
    let shown = format!("{device}/{name}");
    let bytes = match std::fs::read(path.join(name)) {
        Ok(b) => b,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(()),
        Err(e) => {
            let err = SalaError::new(ErrorCode::SyncFolderUnreachable)
                .with("folder", path.display())
                .with("detail", e);
            return set_aside(store, workshop, device, name, "problem", &err, now_ms);
        }
    };
    let key = crate::key::key_of(store, &workshop.id)?;
    match format::decode(&shown, &bytes, Some(expect), key.as_ref()) {
        Ok((header, file_ops)) => {
            batch.ops.extend(file_ops);
            let end = batch.ops.len();
            batch
                .files
                .push((device.to_owned(), name.to_owned(), seq, header, end));
            report.files_read += 1;
            Ok(())
        }
        Err(e) => set_aside(store, workshop, device, name, "problem", &e, now_ms),
    }
}

fn set_aside(
    store: &mut Store,
    workshop: &Workshop,
    device: &str,
    name: &str,
    status: &str,
    e: &SalaError,
    now_ms: u64,
) -> Result<()> {
    let detail = serde_json::to_string(e).unwrap_or_default();
    store.bookkeeping(|conn| {
        sync_files::set_aside(
            conn,
            &workshop.id,
            device,
            name,
            status,
            e.code.locale_key().trim_start_matches("error."),
            &detail,
            now_ms as i64,
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

/// Fills in where things stand (also when the folder could not be reached).
fn finish(store: &mut Store, workshop: &Workshop, mut report: SyncReport) -> Result<SyncReport> {
    report.waiting = store.waiting()?;
    report.conflicts = store.conflicts()?.len() as u32;
    report.devices = sync_peers::peers(store.read(), &workshop.id)?
        .into_iter()
        .map(|p| PeerView {
            device_id: p.device,
            label: p.label,
            last_seen_ms: p.last_seen,
            clock_ahead_ms: p.clock_ahead_ms,
        })
        .collect();
    report.problems = problems(store, workshop)?;
    report.last_sync_ms = store.setting(LAST_SYNC)?.and_then(|v| v.parse().ok());
    Ok(report)
}

/// The files set aside, with their errors.
pub fn problems(store: &Store, workshop: &Workshop) -> Result<Vec<SyncProblem>> {
    Ok(sync_files::not_done(store.read(), &workshop.id)?
        .into_iter()
        .map(|f| SyncProblem {
            file: format!("{}/{}", f.device, f.name),
            error: f
                .detail
                .as_deref()
                .and_then(|d| serde_json::from_str(d).ok())
                .unwrap_or_else(|| {
                    SalaError::new(ErrorCode::SyncFileCorrupt).with("file", &f.name)
                }),
            tries: u32::try_from(f.tries).unwrap_or(u32::MAX),
            retried: f.status == "problem",
        })
        .collect())
}
