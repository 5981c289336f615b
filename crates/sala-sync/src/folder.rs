//! The shared folder's layout, and writing into it safely.
//!
//! ```text
//! FOLDER/sala-sync/WORKSHOP_ID/workshop.json        what the workshop is (for "Join a workshop")
//! FOLDER/sala-sync/WORKSHOP_ID/DEVICE_ID/device.json the device's table label
//! FOLDER/sala-sync/WORKSHOP_ID/DEVICE_ID/00000001.sala-ops, 00000002.sala-ops, …
//! ```
//!
//! Each device writes only inside its own folder. Files are written under a temporary name,
//! flushed to disk, then renamed, so a reader sees a whole file or none.

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

pub fn workshop_dir(folder: &Path, workshop_id: &str) -> PathBuf {
    folder.join(ROOT).join(workshop_id)
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
        .with("detail", e)
}

/// Writes `bytes` as `dir/name`: a temporary file, flushed, renamed, and the folder flushed.
/// On failure the temporary file is removed and `dir/name` is untouched.
pub fn write_atomic(dir: &Path, name: &str, bytes: &[u8]) -> io::Result<()> {
    let tmp = dir.join(format!(".{name}.tmp-{}", uuid::Uuid::new_v4().simple()));
    let result = (|| {
        let mut f = fs::File::create(&tmp)?;
        #[cfg(feature = "faults")]
        if let Some(os_error) = faults::failing() {
            // Half of it lands, then the disk is full (or the folder turns read-only).
            f.write_all(&bytes[..bytes.len() / 2])?;
            return Err(io::Error::from_raw_os_error(os_error));
        }
        f.write_all(bytes)?;
        f.sync_all()?;
        drop(f);
        fs::rename(&tmp, dir.join(name))?;
        // The rename itself must survive a power cut.
        if let Ok(d) = fs::File::open(dir) {
            let _ = d.sync_all();
        }
        Ok(())
    })();
    if result.is_err() {
        let _ = fs::remove_file(&tmp);
    }
    result
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

/// Reads a small JSON file, `None` when it is missing or unreadable.
pub fn read_json<T: for<'de> Deserialize<'de>>(path: &Path) -> Option<T> {
    let bytes = fs::read(path).ok()?;
    serde_json::from_slice(&bytes).ok()
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
    for name in names(&root).unwrap_or_default() {
        if let Some(info) = read_json::<WorkshopInfo>(&root.join(&name).join(WORKSHOP_FILE)) {
            if info.workshop_id == name {
                out.push(info);
            }
        }
    }
    out.sort_by(|a, b| (&a.start_date, &a.workshop_id).cmp(&(&b.start_date, &b.workshop_id)));
    Ok(out)
}
