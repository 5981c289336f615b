//! The same sync files, carried by hand: "Export my work" writes everything this laptop knows of
//! the workshop into one file (any path: a USB stick, an e-mail attachment); "Import files…"
//! applies such files, or files copied out of a shared folder, through the same checks. Joining
//! a workshop reads it from a shared folder or a file and makes it the current one.

use std::path::Path;

use sala_core::model::Workshop;
use sala_core::text::printable_line;
use sala_core::{ErrorCode, SalaError};
use sala_store::{Store, log::ops};

use crate::folder::{self, Unreadable, WorkshopInfo};
use crate::format::{self, Expect};
use crate::key::{KeySource, key_of};
use crate::pass::{self, sync_pass};

type Result<T> = std::result::Result<T, SalaError>;

/// What an export or import did.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Transferred {
    pub files: u32,
    pub ops: u64,
    /// Ops not held before (imports).
    pub new_ops: u64,
}

impl From<Transferred> for sala_core::api::TransferView {
    fn from(t: Transferred) -> Self {
        sala_core::api::TransferView {
            files: t.files,
            ops: t.ops,
            new_ops: t.new_ops,
        }
    }
}

/// Writes every op of the current workshop this laptop holds into `path` (atomically),
/// encrypted with the workshop's key when it has one.
pub fn export(store: &Store, path: &Path) -> Result<Transferred> {
    let workshop = store.current_workshop()?;
    let all = ops::of_workshop(store.read(), &workshop.id)?;
    let key = key_of(store, &workshop.id)?;
    let (header, bytes) = format::encode_for(
        key.as_ref(),
        &workshop.id,
        &workshop.title,
        store.device_id(),
        0,
        &all,
    );
    let dir = path
        .parent()
        .filter(|p| !p.as_os_str().is_empty())
        .unwrap_or(Path::new("."));
    let name = path.file_name().and_then(|n| n.to_str()).ok_or_else(|| {
        SalaError::new(ErrorCode::InvalidArgument)
            .with("name", "file")
            .with("value", path.display())
    })?;
    folder::write_atomic(dir, name, &bytes).map_err(|e| folder::folder_error(dir, &e))?;
    Ok(Transferred {
        files: 1,
        ops: header.op_count,
        new_ops: 0,
    })
}

/// A file the user chose: an ordinary file (not a pipe or a device) of at most
/// [`folder::MAX_EXPORT_FILE`] bytes.
fn read(path: &Path) -> Result<Vec<u8>> {
    let shown = printable_line(&path.display().to_string());
    folder::read_regular(path, folder::MAX_EXPORT_FILE).map_err(|u| match u {
        Unreadable::Io(e) => SalaError::io(&shown, &e),
        Unreadable::Missing => {
            SalaError::io(&shown, &std::io::Error::from(std::io::ErrorKind::NotFound))
        }
        other => other.error(
            path.parent().unwrap_or(Path::new(".")),
            &shown,
            folder::MAX_EXPORT_FILE,
        ),
    })
}

/// Applies sync files of the current workshop, all or nothing: every file is checked before
/// any is applied, and all are applied in one transaction — a bad one stops the import with
/// its error (naming it) and nothing from any of them is applied.
pub fn import(store: &mut Store, paths: &[&Path], now_ms: u64) -> Result<Transferred> {
    let workshop = store.current_workshop()?;
    let expect = Expect {
        workshop_id: &workshop.id,
        workshop_title: &workshop.title,
    };
    let key = key_of(store, &workshop.id)?;
    let mut decoded = Vec::new();
    for path in paths {
        let bytes = read(path)?;
        let shown = printable_line(&path.display().to_string());
        let (header, file_ops) = format::decode(&shown, &bytes, Some(expect), key.as_ref())?;
        decoded.push((shown, header, file_ops));
    }
    store.receiving(|r| {
        let mut done = Transferred::default();
        for (shown, header, file_ops) in &decoded {
            let got = r
                .ingest(file_ops, now_ms, |_| Ok(()))
                .map_err(|e| refused(e, shown, header))?;
            done.files += 1;
            done.ops += header.op_count;
            done.new_ops += got.new_ops;
        }
        Ok(done)
    })
}

/// An import's error naming the file, when it is about the file's ops.
fn refused(e: SalaError, shown: &str, header: &format::Header) -> SalaError {
    match e.code {
        ErrorCode::DatabaseLocked
        | ErrorCode::DatabaseCorrupt
        | ErrorCode::DiskFull
        | ErrorCode::ReadOnly => e,
        _ => pass::file_refused(&e, shown, &header.device_id),
    }
}

/// Takes the key `source` gives for `workshop_id`, after checking it is the one `sealed_with`
/// (the public key an encrypted file of the workshop names) — a wrong passphrase is refused
/// before anything is kept or read.
fn take_key(
    store: &mut Store,
    workshop_id: &str,
    sealed_with: Option<&str>,
    source: Option<&KeySource>,
    shown: &str,
) -> Result<()> {
    match (sealed_with, source) {
        (_, None) => Ok(()),
        (Some(public), Some(source)) => {
            let key = source.key(workshop_id)?;
            if key.public() != public {
                return Err(SalaError::new(ErrorCode::SyncWrongKey).with("file", shown));
            }
            crate::key::set_key(store, workshop_id, source).map(|_| ())
        }
        // A key for a workshop not encrypted yet: kept, and used from now on.
        (None, Some(source)) => crate::key::set_key(store, workshop_id, source).map(|_| ()),
    }
}

/// Joins the workshop in an exported file: applies it and makes it the current workshop.
/// An encrypted file needs the workshop's key (`key`).
pub fn join_file(
    store: &mut Store,
    path: &Path,
    now_ms: u64,
    key: Option<&KeySource>,
) -> Result<Workshop> {
    let bytes = read(path)?;
    let shown = printable_line(&path.display().to_string());
    // The whole file is checked (its ids among it) before the key is kept or anything read.
    format::checked_header(&shown, &bytes)?;
    if let Some(h) = format::header_of(&bytes) {
        take_key(store, &h.workshop_id, h.key.as_deref(), key, &shown)?;
    }
    let stored = format::header_of(&bytes)
        .map(|h| key_of(store, &h.workshop_id))
        .transpose()?
        .flatten();
    let (header, file_ops) = format::decode(&shown, &bytes, None, stored.as_ref())?;
    // All or nothing: the workshop becomes current in the same transaction, and only if the
    // file held the workshop itself.
    store.receiving(|r| {
        r.ingest(&file_ops, now_ms, |_| Ok(()))
            .map_err(|e| refused(e, &shown, &header))?;
        pass::make_current(r.conn(), &header.workshop_id, &shown)
    })?;
    store.current_workshop()
}

/// Joins a workshop from a shared folder (the only one there, or the one named), reads every
/// device's files, and keeps the folder as this laptop's shared folder. A workshop whose
/// files are encrypted needs its key (`key`, or one this laptop already keeps): without it,
/// or with a wrong one, nothing is changed.
pub fn join_folder(
    store: &mut Store,
    folder: &Path,
    workshop_id: Option<&str>,
    now_ms: u64,
    key: Option<&KeySource>,
) -> Result<Workshop> {
    join_folder_as(store, folder, workshop_id, now_ms, key, pass::Load::Auto)
}

/// [`join_folder`], applying what it receives as `load` says (tests compare the two ways).
pub fn join_folder_as(
    store: &mut Store,
    folder: &Path,
    workshop_id: Option<&str>,
    now_ms: u64,
    key: Option<&KeySource>,
    load: pass::Load,
) -> Result<Workshop> {
    let workshop = join_folder_telling(store, folder, workshop_id, now_ms, key, load, &|_| {})?;
    settle_join(store, folder, now_ms, &|_| {})?;
    Ok(workshop)
}

/// What follows a join made with [`join_folder_telling`]: the search index of a big join built
/// (the step told to `progress`), and a full pass — this laptop's folder appears, and it shows
/// up for the others. The app leaves both to its background task instead.
pub fn settle_join(
    store: &mut Store,
    folder: &Path,
    now_ms: u64,
    progress: &dyn Fn(pass::JoinProgress),
) -> Result<()> {
    if store.index_is_pending()? {
        progress(pass::JoinProgress {
            phase: pass::JoinPhase::Indexing,
            done: 0,
            total: 0,
        });
    }
    sync_pass(store, folder, now_ms)?;
    Ok(())
}

/// [`join_folder_as`] up to the workshop committed and current, telling `progress` what it is
/// doing as it goes (a progress bar); [`settle_join`] does the rest.
pub fn join_folder_telling(
    store: &mut Store,
    folder: &Path,
    workshop_id: Option<&str>,
    now_ms: u64,
    key: Option<&KeySource>,
    load: pass::Load,
    progress: &dyn Fn(pass::JoinProgress),
) -> Result<Workshop> {
    let listed = folder::workshops(folder)?;
    let missing = || {
        SalaError::new(ErrorCode::SyncNoWorkshop)
            .with("folder", folder.display())
            .with("workshop", workshop_id.unwrap_or(""))
    };
    let info: &WorkshopInfo = match workshop_id {
        Some(id) => listed
            .iter()
            .find(|w| w.workshop_id == id)
            .ok_or_else(missing)?,
        None if listed.len() == 1 => &listed[0],
        None => return Err(missing()),
    };
    let dir = folder::workshop_dir(folder, &info.workshop_id)?;
    if let Some(public) = sealed_with(&dir) {
        let shown = dir.display().to_string();
        take_key(store, &info.workshop_id, Some(&public), key, &shown)?;
        match key_of(store, &info.workshop_id)? {
            None => return Err(SalaError::new(ErrorCode::SyncNeedsKey).with("file", shown)),
            Some(k) if k.public() != public => {
                return Err(SalaError::new(ErrorCode::SyncWrongKey).with("file", shown));
            }
            Some(_) => {}
        }
    } else {
        take_key(store, &info.workshop_id, None, key, "")?;
    }
    // All of it or nothing: the workshop becomes current only once everything is applied.
    pass::receive_workshop_telling(store, folder, info, now_ms, load, progress)?;
    store.set_setting(sala_store::sync::SYNC_FOLDER, &folder.display().to_string())?;
    store.current_workshop()
}

/// The key (public half) the first encrypted file of a workshop's folder names, if any.
fn sealed_with(dir: &Path) -> Option<String> {
    for device in folder::names(dir).unwrap_or_default() {
        let device_dir = dir.join(&device);
        if !crate::names::is_id(&device) || !folder::is_real_dir(&device_dir) {
            continue;
        }
        for name in folder::names(&device_dir).unwrap_or_default() {
            if !matches!(
                crate::names::classify(&name),
                crate::names::FileKind::Ops(_)
            ) {
                continue;
            }
            let Some(prefix) = folder::read_prefix(&device_dir.join(&name), 64 * 1024) else {
                continue;
            };
            if let Some(h) = format::header_of(&prefix)
                && h.key.is_some()
            {
                return h.key;
            }
        }
    }
    None
}

/// The workshops in a shared folder, each marked when it is already on this laptop.
pub fn folder_choices(store: &Store, folder: &Path) -> Result<Vec<sala_core::api::WorkshopChoice>> {
    let here = store.workshops()?;
    Ok(folder::workshops(folder)?
        .into_iter()
        .map(|info| {
            let held = here.iter().find(|w| w.workshop_id == info.workshop_id);
            sala_core::api::WorkshopChoice {
                workshop_id: info.workshop_id,
                title: info.title,
                start_date: info.start_date,
                end_date: info.end_date,
                here: held.is_some(),
                current: held.is_some_and(|w| w.current),
                archived: held.is_some_and(|w| w.archived),
            }
        })
        .collect())
}
