//! The pictures themselves, by content (SHA-256): each a file in the data folder's `pictures/`
//! (`<content>.jpg` or `.png`), and here, in `picture_files`, its format and its thumbnail. This
//! laptop's own: not an op table, never synced as ops — the files travel through the shared
//! folder beside the ops (`sala_sync::pictures`), and a row whose content is not here yet is a
//! picture that has "not arrived yet".
//!
//! Files, not BLOBs: the database is backed up every ten minutes and up to 25 backups kept — a
//! workshop's pictures inside it would be copied into every one. A picture file never changes
//! (its name is its content), so it needs no backup of its own; a restored database finds its
//! pictures where they are. The file is written whole (a temporary file, flushed, renamed) before
//! its row, so a row always has its file; a file without a row (a save that failed after it) is
//! harmless, and kept.

use std::path::{Path, PathBuf};

use rusqlite::{Connection, OptionalExtension, params};
use sala_core::SalaError;
use sala_core::model::PictureFormat;

use crate::Result;
use crate::error::from_sqlite;
use crate::log::table::{enum_sql, get_enum};

pub const MIGRATION: &str = "
CREATE TABLE IF NOT EXISTS picture_files (
    content   TEXT PRIMARY KEY NOT NULL,  -- its file: pictures/<content>.<extension of format>
    format    TEXT NOT NULL CHECK (format IN ('jpeg', 'png')),
    thumbnail BLOB NOT NULL
) STRICT;
";

/// The folder of pictures in a data folder.
pub const DIR: &str = "pictures";

/// Where the picture `content` of `format` is kept in the data folder `data_dir`.
pub fn path(data_dir: &Path, content: &str, format: PictureFormat) -> PathBuf {
    data_dir
        .join(DIR)
        .join(format!("{content}.{}", format.extension()))
}

/// Keeps a picture: its file (when not there already: the same content is the same bytes), then
/// its row. `content` must be the SHA-256 of `data` (the callers made or checked it).
pub fn keep(
    conn: &Connection,
    data_dir: &Path,
    content: &str,
    format: PictureFormat,
    data: &[u8],
    thumbnail: &[u8],
) -> Result<()> {
    if !sala_picture::is_content(content) {
        return Err(SalaError::new(sala_core::ErrorCode::InvalidArgument)
            .with("name", "content")
            .with("value", content));
    }
    let file = path(data_dir, content, format);
    if !file.is_file() {
        write_whole(&file, data)?;
    }
    conn.prepare_cached(
        "INSERT INTO picture_files (content, format, thumbnail) VALUES (?1, ?2, ?3)
         ON CONFLICT (content) DO NOTHING",
    )
    .map_err(from_sqlite)?
    .execute(params![content, enum_sql(&format), thumbnail])
    .map_err(from_sqlite)?;
    Ok(())
}

/// `data` as `file`: a temporary file beside it, flushed, renamed, the folder flushed.
fn write_whole(file: &Path, data: &[u8]) -> Result<()> {
    use std::io::Write;
    let dir = file.parent().unwrap_or(Path::new("."));
    let io = |e: std::io::Error| SalaError::io(file.display(), &e);
    std::fs::create_dir_all(dir).map_err(io)?;
    let name = file
        .file_name()
        .and_then(|n| n.to_str())
        .unwrap_or("picture");
    let tmp = dir.join(format!(".{name}.tmp-{}", std::process::id()));
    let written = std::fs::File::create(&tmp).and_then(|mut f| {
        f.write_all(data)?;
        f.sync_all()
    });
    if let Err(e) = written.and_then(|()| sala_core::fsio::rename(&tmp, file)) {
        let _ = std::fs::remove_file(&tmp);
        return Err(io(e));
    }
    sala_core::fsio::sync_dir(dir);
    Ok(())
}

/// The format of `content`, when this laptop holds its row.
fn format_of(conn: &Connection, content: &str) -> Result<Option<PictureFormat>> {
    conn.prepare_cached("SELECT format FROM picture_files WHERE content = ?1")
        .map_err(from_sqlite)?
        .query_row([content], |r| get_enum(r, 0))
        .optional()
        .map_err(from_sqlite)
}

/// Whether this laptop holds the picture `content`: its row and its file.
pub fn has(conn: &Connection, data_dir: &Path, content: &str) -> Result<bool> {
    Ok(format_of(conn, content)?.is_some_and(|f| path(data_dir, content, f).is_file()))
}

/// The stored picture `content`, if it has arrived (its file read whole).
pub fn data(conn: &Connection, data_dir: &Path, content: &str) -> Result<Option<Vec<u8>>> {
    let Some(format) = format_of(conn, content)? else {
        return Ok(None);
    };
    match std::fs::read(path(data_dir, content, format)) {
        Ok(bytes) => Ok(Some(bytes)),
        // Gone from the data folder (removed by hand): as if it had not arrived — sync brings
        // it again.
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(None),
        Err(e) => Err(SalaError::io(path(data_dir, content, format).display(), &e)),
    }
}

/// The thumbnail of `content`, if it has arrived.
pub fn thumbnail(conn: &Connection, data_dir: &Path, content: &str) -> Result<Option<Vec<u8>>> {
    if !has(conn, data_dir, content)? {
        return Ok(None);
    }
    conn.prepare_cached("SELECT thumbnail FROM picture_files WHERE content = ?1")
        .map_err(from_sqlite)?
        .query_row([content], |r| r.get(0))
        .optional()
        .map_err(from_sqlite)
}
