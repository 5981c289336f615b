//! From SQLite and I/O failures to the one typed [`SalaError`].

use std::path::Path;

use rusqlite::ErrorCode as Sqlite;
use sala_core::{ErrorCode, SalaError};

pub type Result<T, E = SalaError> = std::result::Result<T, E>;

/// Maps a SQLite error to the code a user can act on.
pub fn from_sqlite(e: rusqlite::Error) -> SalaError {
    let code = match &e {
        rusqlite::Error::SqliteFailure(f, _) => match f.code {
            Sqlite::DatabaseBusy | Sqlite::DatabaseLocked => ErrorCode::DatabaseLocked,
            Sqlite::NotADatabase | Sqlite::DatabaseCorrupt => ErrorCode::DatabaseCorrupt,
            Sqlite::DiskFull => ErrorCode::DiskFull,
            Sqlite::ReadOnly | Sqlite::PermissionDenied => ErrorCode::ReadOnly,
            _ => ErrorCode::Storage,
        },
        _ => ErrorCode::Storage,
    };
    SalaError::new(code).with("detail", e.to_string())
}

/// Like [`from_sqlite`], naming the file when it cannot be opened at all.
pub fn from_sqlite_at(e: rusqlite::Error, path: &Path) -> SalaError {
    match &e {
        rusqlite::Error::SqliteFailure(f, _) if f.code == Sqlite::CannotOpen => {
            SalaError::new(ErrorCode::Io)
                .with("path", path.display())
                .with("detail", e.to_string())
        }
        _ => from_sqlite(e),
    }
}

pub fn io(path: &Path, e: &std::io::Error) -> SalaError {
    let code = match e.kind() {
        std::io::ErrorKind::StorageFull => ErrorCode::DiskFull,
        std::io::ErrorKind::ReadOnlyFilesystem | std::io::ErrorKind::PermissionDenied => {
            ErrorCode::ReadOnly
        }
        _ => ErrorCode::Io,
    };
    SalaError::new(code).with("path", path.display()).with_io(e)
}

/// A row that should exist does not.
pub fn not_found(entity: &str, id: &str) -> SalaError {
    SalaError::new(ErrorCode::NotFound)
        .with("entity", entity)
        .with("id", id)
}
