//! Pictures through the shared folder (issue 21).
//!
//! ```text
//! FOLDER/sala-sync/WORKSHOP_ID/DEVICE_ID/pictures/<sha256>.jpg        (no workshop key)
//! FOLDER/sala-sync/WORKSHOP_ID/DEVICE_ID/pictures/<sha256>.jpg.age    (with the workshop key)
//! ```
//!
//! A picture's row travels as ops; the picture itself as a file named by its content (the
//! SHA-256 of the stored bytes), written once and never rewritten ([`folder::write_new`]). A
//! laptop writes, into its own folder, each picture it holds that no device folder holds yet —
//! so the same picture is in the folder once, and a picture whose file vanished is written again
//! by any laptop that has it.
//!
//! A laptop missing a picture looks for its file in every device folder, after the text (a pass
//! reads op files first, and a limited pass fetches a few pictures at most). A file is kept only
//! when it is an ordinary file of bounded size, decrypts with the workshop key (when there is
//! one — plain pictures are then refused, as plain op files are), is a picture of the row's
//! format, and its SHA-256 is its name. Anything else — missing, torn mid-copy, damaged,
//! hostile — is "not arrived yet": counted, never an error, tried again next pass.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use sala_core::SalaError;
use sala_core::api::SyncReport;
use sala_core::model::{Picture, PictureFormat};
use sala_core::text::MAX_PICTURE_FILE_MB;
use sala_store::Store;

use crate::folder::{self, Written};
use crate::key::Key;
use crate::names;

/// The folder of pictures inside a device's folder.
pub const PICTURES_DIR: &str = "pictures";
/// The largest picture file read from the shared folder: a stored picture is far smaller than
/// the largest file taken, and age adds little.
pub const MAX_PICTURE_FILE: u64 = (MAX_PICTURE_FILE_MB + 1) << 20;
/// The most pictures a limited pass (the app's background sync) fetches: typing's saves get in
/// between, and the next pass comes at once.
pub const PICTURES_PER_PASS: usize = 4;

/// A picture's file name in the folder: `<content>.<ext>`, and `.age` when encrypted.
pub fn file_name(content: &str, format: PictureFormat, encrypted: bool) -> String {
    let ext = format.extension();
    if encrypted {
        format!("{content}.{ext}.age")
    } else {
        format!("{content}.{ext}")
    }
}

/// The picture files in the workshop's folder, by name: where each is (own folder first, then
/// the device folders in order). Only the names a picture can have are listed.
fn listing(dir: &Path, own: &str) -> BTreeMap<String, Vec<PathBuf>> {
    let mut devices: Vec<String> = folder::names(dir)
        .unwrap_or_default()
        .into_iter()
        .filter(|d| names::is_id(d))
        .collect();
    devices.sort_by_key(|d| (d != own, d.clone()));
    let mut found: BTreeMap<String, Vec<PathBuf>> = BTreeMap::new();
    for device in devices {
        let pictures = dir.join(&device).join(PICTURES_DIR);
        if !folder::is_real_dir(&pictures) {
            continue;
        }
        for name in folder::names(&pictures).unwrap_or_default() {
            let content = name.split('.').next().unwrap_or_default();
            if sala_picture::is_content(content) {
                found
                    .entry(name.clone())
                    .or_default()
                    .push(pictures.join(&name));
            }
        }
    }
    found
}

/// Writes the pictures no device folder holds yet, and fetches the ones this laptop misses
/// (reading at most `max_fetched` of their files), counting each in `report`.
pub(crate) fn exchange(
    store: &mut Store,
    folder: &Path,
    dir: &Path,
    key: Option<&Key>,
    max_fetched: usize,
    report: &mut SyncReport,
) -> Result<(), SalaError> {
    let pictures = store.picture_contents()?;
    if pictures.is_empty() {
        return Ok(());
    }
    let own = store.device_id().to_owned();
    let mut there = listing(dir, &own);
    let mine = dir.join(&own).join(PICTURES_DIR);
    if key.is_some() {
        // Pictures this laptop wrote before the workshop had a key: readable by anyone with
        // the folder until withdrawn (`plain_pictures`).
        report.plain_files += plain_pictures(&mine).len() as u32;
    }
    // Files read from the folder this pass, whole or not: a torn file costs a read too.
    let mut tried = 0;
    // Live pictures first: one in the trash is fetched once they are all here.
    for picture in &pictures {
        let name = file_name(&picture.content, picture.format, key.is_some());
        if store.has_picture_file(&picture.content)? {
            // Only a picture no folder holds is read from the database (a pass every few
            // seconds never reads every picture again).
            if there.contains_key(&name) || report.folder_error.is_some() {
                continue;
            }
            let data = store.picture_file(&picture.content)?.unwrap_or_default();
            match send_one(folder, dir, &mine, &name, &data, key) {
                Ok(()) => {
                    report.pictures_sent += 1;
                    let path = mine.join(&name);
                    there.insert(name, vec![path]);
                }
                Err(e) => report.folder_error = Some(e),
            }
            continue;
        }
        match there.get(&name) {
            Some(paths) if tried < max_fetched => {
                tried += 1;
                if fetch_one(store, picture, paths, key)? {
                    report.pictures_received += 1;
                } else {
                    report.pictures_waiting += 1;
                }
            }
            _ => report.pictures_waiting += 1,
        }
    }
    Ok(())
}

/// This laptop's picture files written before the workshop had a key (plain, not `.age`).
pub(crate) fn plain_pictures(mine: &Path) -> Vec<PathBuf> {
    folder::names(mine)
        .unwrap_or_default()
        .into_iter()
        .filter(|n| {
            !n.ends_with(".age")
                && sala_picture::is_content(n.split('.').next().unwrap_or_default())
        })
        .map(|n| mine.join(n))
        .collect()
}

/// Removes this laptop's plain picture files whose encrypted copy is in the folder (any
/// device's): the picture stays readable to those with the key. Returns how many went.
pub(crate) fn withdraw_plain_pictures(dir: &Path, own: &str) -> std::io::Result<u32> {
    let there = listing(dir, own);
    let mut removed = 0;
    for path in plain_pictures(&dir.join(own).join(PICTURES_DIR)) {
        let name = path
            .file_name()
            .and_then(|n| n.to_str())
            .unwrap_or_default();
        if there.contains_key(&format!("{name}.age")) {
            std::fs::remove_file(&path)?;
            removed += 1;
        }
    }
    Ok(removed)
}

fn send_one(
    folder: &Path,
    dir: &Path,
    mine: &Path,
    name: &str,
    data: &[u8],
    key: Option<&Key>,
) -> Result<(), SalaError> {
    let io = |e: std::io::Error| folder::folder_error(folder, &e);
    folder::ensure_real_dir(dir, mine)?;
    let bytes = match key {
        Some(key) => key.encrypt(data),
        None => data.to_vec(),
    };
    match folder::write_new(mine, name, &bytes).map_err(io)? {
        // Written, or there already under this name (a content is never rewritten).
        Written::Done | Written::Taken => Ok(()),
    }
}

/// Looks for `picture` among `paths` (its file in each folder holding one); keeps the first
/// that passes every check. `false`: not arrived yet.
fn fetch_one(
    store: &mut Store,
    picture: &Picture,
    paths: &[PathBuf],
    key: Option<&Key>,
) -> Result<bool, SalaError> {
    for path in paths {
        let Ok(bytes) = folder::read_regular(path, MAX_PICTURE_FILE) else {
            continue;
        };
        let data = match key {
            Some(key) => match key.decrypt(&bytes) {
                Ok(plain) => plain,
                Err(_) => continue,
            },
            None => bytes,
        };
        if !sala_picture::is_stored(&data, picture.format, &picture.content) {
            continue;
        }
        let Ok(thumbnail) = sala_picture::thumbnail(&data) else {
            continue;
        };
        store.keep_picture_file(&picture.content, picture.format, &data, &thumbnail)?;
        return Ok(true);
    }
    Ok(false)
}
