//! One sync pass per data folder at a time.
//!
//! The app's background sync and a `sala sync` in a terminal (or two terminals) share one data
//! folder, one device id and one device folder in the share. Two passes at once would both
//! number their next file the same and mark their changes sent — one file replacing the
//! other, notes never reaching the other laptops (issue 14). Every pass therefore holds an OS
//! file lock on `DATA_DIR/sync.lock` ([`File::try_lock`]: `flock` on Unix, `LockFileEx` on
//! Windows), released when the pass ends — or when its process dies, however it dies.

use std::fs::{File, OpenOptions, TryLockError};
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use sala_core::{ErrorCode, SalaError};

/// The lock file's name in the data folder (never in the shared folder).
pub const LOCK_FILE: &str = "sync.lock";

/// How long a `sala` command waits for another pass to end before saying one is running.
pub const CLI_WAIT: Duration = Duration::from_secs(30);

/// The sync lock of one data folder, held until dropped.
#[derive(Debug)]
pub struct PassLock {
    file: File,
    path: PathBuf,
}

impl PassLock {
    pub fn path(&self) -> &Path {
        &self.path
    }
}

impl Drop for PassLock {
    fn drop(&mut self) {
        let _ = self.file.unlock();
    }
}

/// Takes the sync lock of `data_dir`, waiting up to `wait` for another pass to end
/// (`Duration::ZERO`: try once). `SyncBusy` when it stays taken.
pub fn acquire(data_dir: &Path, wait: Duration) -> Result<PassLock, SalaError> {
    let path = data_dir.join(LOCK_FILE);
    let file = OpenOptions::new()
        .read(true)
        .write(true)
        .create(true)
        .truncate(false)
        .open(&path)
        .map_err(|e| SalaError::io(path.display(), &e))?;
    let started = Instant::now();
    loop {
        match file.try_lock() {
            Ok(()) => return Ok(PassLock { file, path }),
            Err(TryLockError::WouldBlock) if started.elapsed() < wait => {
                std::thread::sleep(Duration::from_millis(50));
            }
            Err(TryLockError::WouldBlock) => return Err(SalaError::new(ErrorCode::SyncBusy)),
            Err(TryLockError::Error(e)) => {
                return Err(SalaError::io(path.display(), &e));
            }
        }
    }
}

/// The sync lock of the data folder `store` lives in.
pub fn acquire_for(store: &sala_store::Store, wait: Duration) -> Result<PassLock, SalaError> {
    let dir = store
        .path()
        .parent()
        .filter(|p| !p.as_os_str().is_empty())
        .unwrap_or(Path::new("."));
    acquire(dir, wait)
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used)]
    use super::*;

    #[test]
    fn a_second_pass_waits_then_says_another_is_running() {
        let dir = tempfile::tempdir().unwrap();
        let first = acquire(dir.path(), Duration::ZERO).unwrap();
        let e = acquire(dir.path(), Duration::from_millis(120)).unwrap_err();
        assert_eq!(e.code, ErrorCode::SyncBusy);
        drop(first);
        let again = acquire(dir.path(), Duration::ZERO).unwrap();
        assert!(again.path().ends_with(LOCK_FILE));
    }

    #[test]
    fn the_lock_is_let_go_when_its_holder_ends_while_another_waits() {
        let dir = tempfile::tempdir().unwrap();
        let first = acquire(dir.path(), Duration::ZERO).unwrap();
        let path = dir.path().to_path_buf();
        let waiter = std::thread::spawn(move || acquire(&path, Duration::from_secs(10)).is_ok());
        std::thread::sleep(Duration::from_millis(150));
        drop(first);
        assert!(waiter.join().unwrap());
    }
}
