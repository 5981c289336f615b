//! The same sync files, carried by hand: "Export my work" writes everything this laptop knows of
//! the workshop into one file (any path: a USB stick, an e-mail attachment); "Import files…"
//! applies such files, or files copied out of a shared folder, through the same checks. Joining
//! a workshop reads it from a shared folder or a file and makes it the current one.

use std::path::Path;

use sala_core::model::Workshop;
use sala_core::{ErrorCode, SalaError};
use sala_store::{Store, meta, ops};

use crate::folder::{self, WorkshopInfo};
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

fn read(path: &Path) -> Result<Vec<u8>> {
    std::fs::read(path).map_err(|e| {
        SalaError::new(ErrorCode::Io)
            .with("path", path.display())
            .with("detail", e)
    })
}

/// Applies sync files of the current workshop. Every file is checked before any is applied;
/// a bad one stops the import with its error and nothing from it is applied.
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
        decoded.push(format::decode(
            &path.display().to_string(),
            &bytes,
            Some(expect),
            key.as_ref(),
        )?);
    }
    let mut done = Transferred::default();
    for (header, file_ops) in decoded {
        let got = store.ingest(&file_ops, now_ms, |_| Ok(()))?;
        done.files += 1;
        done.ops += header.op_count;
        done.new_ops += got.new_ops;
    }
    Ok(done)
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
    let shown = path.display().to_string();
    if let Some(h) = format::header_of(&bytes) {
        take_key(store, &h.workshop_id, h.key.as_deref(), key, &shown)?;
    }
    let stored = format::header_of(&bytes)
        .map(|h| key_of(store, &h.workshop_id))
        .transpose()?
        .flatten();
    let (header, file_ops) = format::decode(&shown, &bytes, None, stored.as_ref())?;
    store.ingest(&file_ops, now_ms, |conn| {
        meta::set(conn, meta::CURRENT_WORKSHOP, &header.workshop_id)
    })?;
    current_is(store, &header.workshop_id, &path.display().to_string())
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
    let dir = folder::workshop_dir(folder, &info.workshop_id);
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
    store.bookkeeping(|conn| meta::set(conn, meta::CURRENT_WORKSHOP, &info.workshop_id))?;
    pass::receive_workshop(store, folder, info, now_ms)?;
    store.set_setting(sala_store::sync::SYNC_FOLDER, &folder.display().to_string())?;
    let workshop = current_is(store, &info.workshop_id, &folder.display().to_string())?;
    // A full pass: this laptop's folder appears, and it shows up for the others.
    sync_pass(store, folder, now_ms)?;
    Ok(workshop)
}

/// The key (public half) the first encrypted file of a workshop's folder names, if any.
fn sealed_with(dir: &Path) -> Option<String> {
    use std::io::Read;
    for device in folder::names(dir).unwrap_or_default() {
        for name in folder::names(&dir.join(&device)).unwrap_or_default() {
            if !matches!(
                crate::names::classify(&name),
                crate::names::FileKind::Ops(_)
            ) {
                continue;
            }
            let mut prefix = Vec::with_capacity(4096);
            let read = std::fs::File::open(dir.join(&device).join(&name))
                .and_then(|f| f.take(64 * 1024).read_to_end(&mut prefix));
            if read.is_err() {
                continue;
            }
            if let Some(h) = format::header_of(&prefix) {
                if h.key.is_some() {
                    return h.key;
                }
            }
        }
    }
    None
}

fn current_is(store: &Store, id: &str, source: &str) -> Result<Workshop> {
    let w = store.current_workshop()?;
    if w.id == id {
        Ok(w)
    } else {
        // The ops did not include the workshop itself (a partial export).
        Err(SalaError::new(ErrorCode::SyncNoWorkshop)
            .with("folder", source)
            .with("workshop", id))
    }
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
            }
        })
        .collect())
}
