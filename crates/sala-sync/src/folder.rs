//! The shared folder's layout, and writing into it safely.
//!
//! ```text
//! FOLDER/sala-sync/WORKSHOP_ID/workshop.json        what the workshop is (for "Join a workshop")
//! FOLDER/sala-sync/WORKSHOP_ID/DEVICE_ID/device.json the device's table label
//! FOLDER/sala-sync/WORKSHOP_ID/DEVICE_ID/00000001.sala-ops, 00000002.sala-ops, …
//! ```
//!
//! Each device writes only inside its own folder. Files are written under a temporary name,
//! flushed to disk, then renamed, so a reader sees a whole file or none; a numbered sync file
//! is given its name only if the name is free ([`write_new`]), so a number is never reused.
//!
//! Everything here may be hostile or half-written: only ordinary files and real folders are
//! read or written — never through a link, never a pipe or a device — and every read is
//! bounded ([`read_regular`]). Folder names become paths only once they are UUIDs.

use std::fs;
use std::io::{self, Write};
use std::path::{Path, PathBuf};

use sala_core::model::Bilingual;
use sala_core::{ErrorCode, SalaError};
use serde::{Deserialize, Serialize};

/// The top folder Sala uses inside a shared folder (other programs' files stay apart).
pub const ROOT: &str = "sala-sync";
pub const WORKSHOP_FILE: &str = "workshop.json";
pub const DEVICE_FILE: &str = "device.json";

/// The largest sync file read from the shared folder. Sala writes files of at most
/// [`crate::pass::BYTES_PER_FILE`] (plus one op), so anything bigger did not come from it.
pub const MAX_SYNC_FILE: u64 = 64 << 20;
/// The largest exported file imported or joined from (a whole workshop in one file).
pub const MAX_EXPORT_FILE: u64 = 1 << 30;
/// The largest `workshop.json` or `device.json`.
pub const MAX_INFO_FILE: u64 = 64 << 10;
/// The longest table label or workshop title shown from the shared folder, in characters.
pub const MAX_LABEL_CHARS: usize = sala_store::sync::MAX_TABLE_LABEL_CHARS;

/// The folder of a workshop in the shared folder. Its id becomes a path only when it is a UUID:
/// an id read from a file (`../../outside`) never leads out of the shared folder.
pub fn workshop_dir(folder: &Path, workshop_id: &str) -> Result<PathBuf, SalaError> {
    if !crate::names::is_id(workshop_id) {
        return Err(SalaError::new(ErrorCode::SyncNoWorkshop)
            .with("folder", folder.display())
            .with("workshop", sala_core::text::printable_line(workshop_id)));
    }
    Ok(folder.join(ROOT).join(workshop_id))
}

/// `workshop.json`: enough to list the workshop before joining it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct WorkshopInfo {
    pub format: u32,
    pub workshop_id: String,
    pub title: Bilingual,
    pub start_date: String,
    pub end_date: String,
}

/// `device.json`: who writes a device folder.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct DeviceInfo {
    pub format: u32,
    pub device_id: String,
    pub label: String,
}

/// An I/O failure in the shared folder, as the error the user reads.
pub fn folder_error(folder: &Path, e: &io::Error) -> SalaError {
    let code = match e.raw_os_error() {
        Some(28) => ErrorCode::DiskFull,           // ENOSPC
        Some(30) => ErrorCode::SyncFolderReadOnly, // EROFS
        _ if e.kind() == io::ErrorKind::PermissionDenied => ErrorCode::SyncFolderReadOnly,
        _ if e.kind() == io::ErrorKind::StorageFull => ErrorCode::DiskFull,
        _ => ErrorCode::SyncFolderUnreachable,
    };
    SalaError::new(code)
        .with("folder", folder.display())
        .with_io(e)
}

/// The prefix of Sala's temporary files (`.NAME.tmp-RANDOM`).
pub fn temporary_name(name: &str) -> String {
    format!(".{name}.tmp-{}", uuid::Uuid::new_v4().simple())
}

/// Writes `bytes` to a new temporary file in `dir`, flushed to disk; returns its path.
fn write_temporary(dir: &Path, name: &str, bytes: &[u8]) -> io::Result<PathBuf> {
    let tmp = dir.join(temporary_name(name));
    let result = (|| {
        let mut f = fs::OpenOptions::new()
            .write(true)
            .create_new(true)
            .open(&tmp)?;
        #[cfg(feature = "faults")]
        if let Some(os_error) = faults::failing() {
            // Half of it lands, then the disk is full (or the folder turns read-only).
            f.write_all(&bytes[..bytes.len() / 2])?;
            return Err(io::Error::from_raw_os_error(os_error));
        }
        f.write_all(bytes)?;
        f.sync_all()
    })();
    match result {
        Ok(()) => Ok(tmp),
        Err(e) => {
            let _ = fs::remove_file(&tmp);
            Err(e)
        }
    }
}

fn sync_dir(dir: &Path) {
    // The new name must survive a power cut (Unix; Windows has no directory flush).
    sala_core::fsio::sync_dir(dir);
}

/// Writes `bytes` as `dir/name`: a temporary file, flushed, renamed, and the folder flushed.
/// On failure the temporary file is removed and `dir/name` is untouched. Replaces a file of
/// that name (`workshop.json`, `device.json`, an export).
pub fn write_atomic(dir: &Path, name: &str, bytes: &[u8]) -> io::Result<()> {
    let tmp = write_temporary(dir, name, bytes)?;
    // Waits a moment when another program holds the file it replaces (Windows).
    if let Err(e) = sala_core::fsio::rename(&tmp, &dir.join(name)) {
        let _ = fs::remove_file(&tmp);
        return Err(e);
    }
    sync_dir(dir);
    Ok(())
}

/// What [`write_new`] did.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Written {
    /// `dir/name` is the file written.
    Done,
    /// `dir/name` existed already: nothing was written (take the next number).
    Taken,
}

/// Writes `bytes` as `dir/name` only if no file has that name: whole or not at all, like
/// [`write_atomic`], but never replacing anything. The name is given with a hard link, which
/// fails when the name exists; where links are not supported (FAT and exFAT USB sticks) the
/// name is checked, then renamed to — safe from every other Sala on this laptop, which waits
/// for the sync lock ([`crate::lock`]).
pub fn write_new(dir: &Path, name: &str, bytes: &[u8]) -> io::Result<Written> {
    let target = dir.join(name);
    if fs::symlink_metadata(&target).is_ok() {
        return Ok(Written::Taken);
    }
    let tmp = write_temporary(dir, name, bytes)?;
    let result = match fs::hard_link(&tmp, &target) {
        Ok(()) => Ok(Written::Done),
        Err(e) if e.kind() == io::ErrorKind::AlreadyExists => Ok(Written::Taken),
        Err(_) if fs::symlink_metadata(&target).is_ok() => Ok(Written::Taken),
        Err(_) => sala_core::fsio::rename(&tmp, &target).map(|()| Written::Done),
    };
    let _ = fs::remove_file(&tmp);
    if result.as_ref().is_ok_and(|w| *w == Written::Done) {
        sync_dir(dir);
    }
    result
}

/// Why a file in the shared folder was not read.
#[derive(Debug)]
pub enum Unreadable {
    /// It is not there (any more).
    Missing,
    /// A link, a pipe, a device, a socket or a folder.
    NotAFile,
    /// Larger than allowed; its size in bytes.
    TooLarge(u64),
    Io(io::Error),
}

impl Unreadable {
    /// As the error a user reads, naming the file as `shown`.
    pub fn error(&self, folder: &Path, shown: &str, max: u64) -> SalaError {
        let mb = |bytes: u64| bytes.div_ceil(1 << 20);
        match self {
            Unreadable::Missing => SalaError::new(ErrorCode::SyncFileTorn)
                .with("file", shown)
                .with("have", 0)
                .with("need", "?"),
            Unreadable::NotAFile => SalaError::new(ErrorCode::SyncNotAFile).with("file", shown),
            Unreadable::TooLarge(size) => SalaError::new(ErrorCode::SyncFileTooLarge)
                .with("file", shown)
                .with("size", mb(*size))
                .with("max", mb(max)),
            Unreadable::Io(e) => SalaError::new(ErrorCode::SyncFolderUnreachable)
                .with("folder", folder.display())
                .with_io(e),
        }
    }
}

/// Opens a file for reading without following a link at its last step and without waiting on
/// a pipe (whose open would block until someone writes to it).
fn open_nofollow(path: &Path) -> io::Result<fs::File> {
    let mut options = fs::OpenOptions::new();
    options.read(true);
    #[cfg(unix)]
    {
        use std::os::unix::fs::OpenOptionsExt;
        options.custom_flags(libc::O_NOFOLLOW | libc::O_NONBLOCK);
    }
    options.open(path)
}

/// `O_NOFOLLOW` met a link: ELOOP (Linux, macOS), EMLINK (FreeBSD).
#[cfg(unix)]
fn refused_link(e: &io::Error) -> bool {
    e.raw_os_error()
        .is_some_and(|c| c == libc::ELOOP || c == libc::EMLINK)
}

#[cfg(not(unix))]
fn refused_link(_: &io::Error) -> bool {
    false
}

/// Reads `path` whole when it is an ordinary file (not a link, pipe or device) of at most
/// `max` bytes — checked before opening, on the open file, and while reading, so a file that
/// grows or is swapped for something else meanwhile is still caught.
pub fn read_regular(path: &Path, max: u64) -> Result<Vec<u8>, Unreadable> {
    use std::io::Read;
    let meta = match fs::symlink_metadata(path) {
        Ok(m) => m,
        Err(e) if e.kind() == io::ErrorKind::NotFound => return Err(Unreadable::Missing),
        Err(e) => return Err(Unreadable::Io(e)),
    };
    if !meta.file_type().is_file() {
        return Err(Unreadable::NotAFile);
    }
    if meta.len() > max {
        return Err(Unreadable::TooLarge(meta.len()));
    }
    let file = match open_nofollow(path) {
        Ok(f) => f,
        Err(e) if e.kind() == io::ErrorKind::NotFound => return Err(Unreadable::Missing),
        Err(e) if refused_link(&e) => return Err(Unreadable::NotAFile),
        Err(e) => return Err(Unreadable::Io(e)),
    };
    let opened = file.metadata().map_err(Unreadable::Io)?;
    if !opened.file_type().is_file() {
        return Err(Unreadable::NotAFile);
    }
    let mut bytes = Vec::with_capacity(usize::try_from(opened.len().min(max)).unwrap_or(0));
    file.take(max + 1)
        .read_to_end(&mut bytes)
        .map_err(Unreadable::Io)?;
    if bytes.len() as u64 > max {
        return Err(Unreadable::TooLarge(bytes.len() as u64));
    }
    Ok(bytes)
}

/// The first `limit` bytes of an ordinary file (a sync file's header), `None` otherwise.
pub fn read_prefix(path: &Path, limit: u64) -> Option<Vec<u8>> {
    use std::io::Read;
    if !fs::symlink_metadata(path).ok()?.file_type().is_file() {
        return None;
    }
    let file = open_nofollow(path).ok()?;
    if !file.metadata().ok()?.file_type().is_file() {
        return None;
    }
    let mut prefix = Vec::with_capacity(4096);
    file.take(limit).read_to_end(&mut prefix).ok()?;
    Some(prefix)
}

/// Whether `path` is a real folder (not a link to one).
pub fn is_real_dir(path: &Path) -> bool {
    fs::symlink_metadata(path).is_ok_and(|m| m.file_type().is_dir())
}

/// Makes `dir` (and what leads to it below `base`) as real folders: a link, a file or
/// anything else in the way is refused, so nothing is ever written through a link.
pub fn ensure_real_dir(base: &Path, dir: &Path) -> Result<(), SalaError> {
    fs::create_dir_all(dir).map_err(|e| folder_error(base, &e))?;
    let mut at = dir;
    while at != base && at.starts_with(base) {
        if !is_real_dir(at) {
            return Err(SalaError::new(ErrorCode::SyncNotAFile).with(
                "file",
                sala_core::text::printable_line(&at.display().to_string()),
            ));
        }
        match at.parent() {
            Some(p) => at = p,
            None => break,
        }
    }
    Ok(())
}

/// Writes that fail on purpose, for tests (feature `faults`).
#[cfg(feature = "faults")]
pub mod faults {
    use std::cell::Cell;

    thread_local! {
        static FAILING: Cell<Option<i32>> = const { Cell::new(None) };
    }

    /// From now on, on this thread, every write to the shared folder fails with this OS error
    /// (28: no space left; 30: read-only file system; 13: permission denied); `None` ends it.
    pub fn fail_writes(os_error: Option<i32>) {
        FAILING.with(|f| f.set(os_error));
    }

    pub(crate) fn failing() -> Option<i32> {
        FAILING.with(Cell::get)
    }
}

/// Reads a small JSON file, `None` when it is missing, unreadable, not an ordinary file or
/// larger than [`MAX_INFO_FILE`].
pub fn read_json<T: for<'de> Deserialize<'de>>(path: &Path) -> Option<T> {
    let bytes = read_regular(path, MAX_INFO_FILE).ok()?;
    serde_json::from_slice(&bytes).ok()
}

/// A table label or title from the shared folder, as it may be shown: no control or
/// direction-changing characters, one line, at most [`MAX_LABEL_CHARS`] characters.
pub fn shown_label(raw: &str) -> String {
    sala_core::text::printable_line(raw)
        .trim()
        .chars()
        .take(MAX_LABEL_CHARS)
        .collect()
}

/// A workshop title from the shared folder, as it may be shown (at most 500 characters).
fn shown_label_long(raw: &str) -> String {
    sala_core::text::printable_line(raw)
        .trim()
        .chars()
        .take(sala_core::text::MAX_SHORT_CHARS)
        .collect()
}

/// A device's label from its `device.json` (only when the file names that device).
pub fn device_label(device_dir: &Path, device: &str) -> Option<String> {
    read_json::<DeviceInfo>(&device_dir.join(DEVICE_FILE))
        .filter(|d| d.device_id == device)
        .map(|d| shown_label(&d.label))
}

/// The names in a folder, sorted (a missing folder has none).
pub fn names(dir: &Path) -> io::Result<Vec<String>> {
    let mut out = Vec::new();
    for entry in fs::read_dir(dir)? {
        let entry = entry?;
        if let Some(name) = entry.file_name().to_str() {
            out.push(name.to_owned());
        }
    }
    out.sort();
    Ok(out)
}

/// A shared folder a person typed or picked, checked before it is kept: there, and a folder.
/// With `create`, a missing one is made first (what the app offers when it is not there).
pub fn chosen_folder(typed: &str, create: bool) -> Result<PathBuf, SalaError> {
    let path = PathBuf::from(typed.trim());
    match fs::metadata(&path) {
        Ok(m) if m.is_dir() => Ok(path),
        Ok(_) => Err(SalaError::new(ErrorCode::SyncNotAFolder).with("folder", path.display())),
        Err(e) if e.kind() == io::ErrorKind::NotFound && create => {
            fs::create_dir_all(&path).map_err(|e| SalaError::io(path.display(), &e))?;
            Ok(path)
        }
        Err(e) if e.kind() == io::ErrorKind::NotFound => {
            Err(SalaError::new(ErrorCode::SyncFolderMissing).with("folder", path.display()))
        }
        Err(e) => Err(SalaError::io(path.display(), &e)),
    }
}

/// The workshops a shared folder holds, by title.
pub fn workshops(folder: &Path) -> Result<Vec<WorkshopInfo>, SalaError> {
    let root = folder.join(ROOT);
    if !folder.is_dir() {
        return Err(folder_error(
            folder,
            &io::Error::new(io::ErrorKind::NotFound, "not a folder"),
        ));
    }
    let mut out = Vec::new();
    if !is_real_dir(&root) {
        return Ok(out);
    }
    for name in names(&root).unwrap_or_default() {
        let dir = root.join(&name);
        if !crate::names::is_id(&name) || !is_real_dir(&dir) {
            continue;
        }
        if let Some(mut info) = read_json::<WorkshopInfo>(&dir.join(WORKSHOP_FILE))
            && info.workshop_id == name
        {
            info.title.en = shown_label_long(&info.title.en);
            info.title.lo = shown_label_long(&info.title.lo);
            info.start_date = shown_label(&info.start_date);
            info.end_date = shown_label(&info.end_date);
            out.push(info);
        }
    }
    out.sort_by(|a, b| (&a.start_date, &a.workshop_id).cmp(&(&b.start_date, &b.workshop_id)));
    Ok(out)
}
