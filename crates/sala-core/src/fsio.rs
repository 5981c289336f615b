//! File operations that behave the same on Windows as elsewhere.
//!
//! On Windows a rename onto a file another program holds open (OneDrive uploading it, an
//! antivirus scanning it, Syncthing hashing it, Word showing it) fails for as long as it is
//! held, where Unix lets it through: [`rename`] tries again with backoff, and a rename is whole
//! or not done at all. A folder cannot be flushed on Windows (there is no directory fsync):
//! [`sync_dir`] does it where it exists. A written report is opened in the program the system
//! uses for its kind ([`open_in_program`]): the Windows shell (`ShellExecuteExW`), `xdg-open`,
//! `open` — the app and `sala report --open` alike.

use std::io;
use std::path::Path;
use std::time::Duration;

use crate::error::{ErrorCode, IoReason, SalaError};

/// How long, in all, a rename waits for a file another program holds.
pub const MAX_WAIT: Duration = Duration::from_secs(4);

/// Whether an error may pass in a moment: the file is in use by another program (Windows'
/// sharing and lock violations, `EBUSY`), or — on Windows only, where it is what a file being
/// deleted or scanned gives — access denied.
pub fn is_transient(e: &io::Error) -> bool {
    IoReason::of(e) == IoReason::InUse || (cfg!(windows) && e.raw_os_error() == Some(5))
}

/// Runs `op` until it succeeds or fails for good; a transient failure ([`is_transient`]) waits
/// 50 ms, then twice as long each time (at most 1 s at once), `MAX_WAIT` in all. `sleep` is
/// given so that tests need not wait.
pub fn retrying<T>(
    mut sleep: impl FnMut(Duration),
    mut op: impl FnMut() -> io::Result<T>,
) -> io::Result<T> {
    let mut delay = Duration::from_millis(50);
    let mut waited = Duration::ZERO;
    loop {
        match op() {
            Err(e) if is_transient(&e) && waited < MAX_WAIT => {
                sleep(delay);
                waited += delay;
                delay = (delay * 2).min(Duration::from_secs(1));
            }
            other => return other,
        }
    }
}

/// `fs::rename`, tried again while the target is held by another program.
///
/// Windows says "access denied" both for a target another program holds open and for one it
/// may not write; `from` is already in the target's folder, so the folder is writable, and a
/// target that is not read-only was held: that is said as "in use" (close the program), not
/// as a permission to ask for.
pub fn rename(from: &Path, to: &Path) -> io::Result<()> {
    retrying(std::thread::sleep, || std::fs::rename(from, to)).map_err(|e| {
        let held = cfg!(windows)
            && e.raw_os_error() == Some(5)
            && std::fs::metadata(to).is_ok_and(|m| !m.permissions().readonly());
        if held {
            io::Error::new(io::ErrorKind::ResourceBusy, e)
        } else {
            e
        }
    })
}

/// Opens the file at `path` in the program the system uses for its kind (Word or LibreOffice
/// for a `.docx`), without waiting for that program. A file that is not there is said as such;
/// a file no program takes is [`ErrorCode::OpenFailed`] (it stays saved).
pub fn open_in_program(path: &Path) -> Result<(), SalaError> {
    if let Err(e) = std::fs::metadata(path) {
        return Err(SalaError::io(path.display(), &e));
    }
    open::that_detached(path).map_err(|e| {
        SalaError::new(ErrorCode::OpenFailed)
            .with("path", path.display())
            .with_io(&e)
    })
}

/// Flushes a folder's entries (a new name survives a power cut). Unix only: Windows has no
/// directory flush (NTFS journals its metadata).
pub fn sync_dir(dir: &Path) {
    #[cfg(unix)]
    if let Ok(d) = std::fs::File::open(dir) {
        let _ = d.sync_all();
    }
    #[cfg(not(unix))]
    let _ = dir;
}

#[cfg(test)]
mod tests {
    use super::*;

    fn busy() -> io::Error {
        io::Error::from(io::ErrorKind::ResourceBusy)
    }

    #[test]
    fn a_file_held_for_a_moment_is_waited_for_and_a_real_error_is_not() {
        // Held three times, then let go: done, after 50 + 100 + 200 ms of (fake) waiting.
        let mut slept = Vec::new();
        let mut calls = 0;
        let r = retrying(
            |d| slept.push(d),
            || {
                calls += 1;
                if calls <= 3 { Err(busy()) } else { Ok(calls) }
            },
        );
        assert_eq!(r.unwrap(), 4);
        assert_eq!(slept, [50, 100, 200].map(Duration::from_millis));
        // A folder that is not there is not waited for.
        let mut slept = 0;
        let r: io::Result<()> = retrying(|_| slept += 1, || Err(io::ErrorKind::NotFound.into()));
        assert_eq!(r.unwrap_err().kind(), io::ErrorKind::NotFound);
        assert_eq!(slept, 0);
        // Held for good: given up after MAX_WAIT of waiting, the error returned as it is.
        let mut total = Duration::ZERO;
        let r: io::Result<()> = retrying(|d| total += d, || Err(busy()));
        assert_eq!(IoReason::of(&r.unwrap_err()), IoReason::InUse);
        assert!(
            total >= MAX_WAIT && total < MAX_WAIT + Duration::from_secs(1),
            "{total:?}"
        );
    }

    #[test]
    fn a_rename_replaces_the_target_whole() {
        let dir = tempfile::tempdir().unwrap();
        let (a, b) = (dir.path().join("a"), dir.path().join("b"));
        std::fs::write(&a, "new").unwrap();
        std::fs::write(&b, "old").unwrap();
        rename(&a, &b).unwrap();
        sync_dir(dir.path());
        assert_eq!(std::fs::read_to_string(&b).unwrap(), "new");
        assert!(!a.exists());
    }
}
