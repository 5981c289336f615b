//! Sending: this laptop's waiting ops written as its next numbered files, and its own folder
//! checked first (a clone writing under this id, files vanished or replaced).

use super::*;

/// Writes this device's waiting ops, after making sure no other laptop writes under its id.
pub(super) fn send(
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
    let device = DeviceInfo {
        format: FORMAT,
        device_id: store.device_id().to_owned(),
        label: store.setting(TABLE_LABEL)?.unwrap_or_default(),
    };
    if let Err(e) = announce(dir, &mine, workshop, &device) {
        report.folder_error = Some(folder::folder_error(folder, &e));
        return Ok(());
    }

    let own = check_own_folder(store, &mine, workshop)?;
    report.plain_files = own.plain;
    if let Some(new_id) = own.new_id {
        report.new_device_id = Some(new_id);
        // Start again in the new folder.
        return send(store, folder, dir, workshop, now_ms, report);
    }

    write_waiting(store, folder, &mine, workshop, now_ms, report)
}

/// The workshop's file in the folder (if no laptop wrote it yet) and this laptop's own, with its
/// table label (when it changed).
fn announce(
    dir: &Path,
    mine: &Path,
    workshop: &Workshop,
    device: &DeviceInfo,
) -> std::io::Result<()> {
    if folder::read_json::<WorkshopInfo>(&dir.join(folder::WORKSHOP_FILE)).is_none() {
        let json = serde_json::to_vec_pretty(&workshop_info(workshop)).unwrap_or_default();
        folder::write_atomic(dir, folder::WORKSHOP_FILE, &json)?;
    }
    if folder::read_json::<DeviceInfo>(&mine.join(folder::DEVICE_FILE)).as_ref() != Some(device) {
        let json = serde_json::to_vec_pretty(device).unwrap_or_default();
        folder::write_atomic(mine, folder::DEVICE_FILE, &json)?;
    }
    Ok(())
}

/// This laptop's waiting ops as its next numbered files, each marked sent once the file under
/// its name is the one written.
fn write_waiting(
    store: &mut Store,
    folder: &Path,
    mine: &Path,
    workshop: &Workshop,
    now_ms: u64,
    report: &mut SyncReport,
) -> Result<()> {
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
        match folder::write_new(mine, &name, &bytes) {
            Ok(Written::Done) => {}
            Ok(Written::Taken) if taken < TAKEN_IN_A_ROW => {
                taken += 1;
                continue;
            }
            Ok(Written::Taken) => {
                let beyond = highest_seq(mine).saturating_add(1);
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
        mark_file_sent(
            store,
            &workshop.id,
            (&name, header.seq),
            &header,
            &waiting,
            now_ms as i64,
        )?;
        report.files_written += 1;
        report.ops_sent += header.op_count;
    }
    Ok(())
}

/// Records the file this device wrote (its name and number, its `header`, its `ops`) as sent:
/// the ops marked with the number, the file among those done, at `at_ms` (0 when found after a
/// crash).
fn mark_file_sent(
    store: &mut Store,
    workshop_id: &str,
    (name, seq): (&str, u64),
    header: &Header,
    ops: &[Op],
    at_ms: i64,
) -> Result<()> {
    let ids: Vec<String> = ops.iter().map(|o| o.id.clone()).collect();
    let device = store.device_id().to_owned();
    store.bookkeeping(|conn| {
        ops::mark_sent(conn, &ids, seq)?;
        sync_files::done(
            conn,
            workshop_id,
            &done_file(&device, name, seq, "out", header),
            at_ms,
        )
    })
}

/// Keeps the first ops of `waiting` that fit in [`BYTES_PER_FILE`] (always at least one).
pub(super) fn fit_in_one_file(waiting: &mut Vec<Op>) {
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

pub(super) fn done_file<'a>(
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

pub(super) fn highest_seq(dir: &Path) -> u64 {
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
pub(super) const TAKEN_IN_A_ROW: u32 = 100;
/// The largest file number written (a name of at most 19 digits).
pub(super) const MAX_SEQ: u64 = 999_999_999_999_999_999;

/// How much of a file in this device's own folder is read to find its header.
pub(super) const HEADER_PREFIX: u64 = 16 * 1024;

/// What [`check_own_folder`] found.
#[derive(Debug, Default)]
pub(super) struct OwnFolder {
    /// The new device id taken, when another laptop writes under this one's.
    pub(super) new_id: Option<String>,
    /// This device's files written without the workshop's key, now that it has one.
    pub(super) plain: u32,
}

/// Looks after this device's own folder before writing to it:
/// - a file this device wrote that has **vanished**, or whose place **another device's file**
///   took (a sync program's doing), sends its ops again;
/// - a file it wrote just before a crash (written, not yet recorded) is recognised by its ops
///   and recorded;
/// - a file with this device's id that it did not write (or that changed since) means another
///   laptop writes under the same id — a cloned disk: a new id is taken, and returned.
pub(super) fn check_own_folder(
    store: &mut Store,
    mine: &Path,
    workshop: &Workshop,
) -> Result<OwnFolder> {
    let device = store.device_id().to_owned();
    let key = key_of(store, &workshop.id)?;
    let mut found = OwnFolder::default();
    let Ok(listed) = folder::names(mine) else {
        return Ok(found);
    };
    let written = sync_files::written(store.read(), &workshop.id, &device)?;
    resend_vanished(store, &workshop.id, &device, &listed, &written)?;
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
        let all_mine = !file_ops.is_empty() && file_ops.iter().all(|o| is_local(store, &o.id));
        if expected.is_none() && all_mine {
            mark_file_sent(store, &workshop.id, (&name, seq), &header, &file_ops, 0)?;
            continue;
        }
        found.new_id = Some(store.take_new_device_id(&workshop.id)?);
        return Ok(found);
    }
    Ok(found)
}

/// The files this device wrote that are gone from its folder: their ops go out again. A listing
/// without the device.json written moments ago is not trusted to be complete.
fn resend_vanished(
    store: &mut Store,
    workshop_id: &str,
    device: &str,
    listed: &[String],
    written: &std::collections::BTreeMap<String, (u64, String)>,
) -> Result<()> {
    if !listed.iter().any(|n| n == folder::DEVICE_FILE) {
        return Ok(());
    }
    let vanished: Vec<(&String, u64)> = written
        .iter()
        .filter(|(name, _)| !listed.contains(name))
        .map(|(name, (seq, _))| (name, *seq))
        .collect();
    if vanished.is_empty() {
        return Ok(());
    }
    store.bookkeeping(|conn| {
        vanished.iter().try_for_each(|(name, seq)| {
            ops::unsend_file(conn, workshop_id, *seq)?;
            sync_files::forget_out(conn, workshop_id, device, name)
        })
    })
}

/// Whether an op was made on this laptop (not received).
fn is_local(store: &Store, op_id: &str) -> bool {
    store
        .read()
        .query_row(
            "SELECT 1 FROM ops WHERE id = ?1 AND origin = 'local'",
            [op_id],
            |_| Ok(()),
        )
        .is_ok()
}
