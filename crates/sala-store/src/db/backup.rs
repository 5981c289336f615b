//! Local backups of the database (issue 8, decision 16).
//!
//! - A backup is a copy made with SQLite's **online backup API** from a read connection of its
//!   own, so the app keeps saving while it is made; it is written to a temporary file, checked
//!   (`quick_check`, a Sala schema no newer than this build), then renamed into
//!   `DATA_DIR/backups/` — a backup that exists is whole.
//! - Names carry a **sequence number**, the UTC time and the reason:
//!   `sala-000042-20261128-010512-auto.db`. The number says which backup was made last; the
//!   time is only shown — a laptop's clock can be a year wrong, and a backup made while it was
//!   must neither outlive the ones made after the clock was put right nor be restored in their
//!   place (issue 14). Names without a number (an older Sala's) come before every numbered one.
//!   The app makes one on a schedule when something changed, and
//!   [`Store::open`](crate::Store::open) makes one before migrating a database written by an
//!   older Sala. The newest [`KEEP_AUTO`] scheduled backups are kept, and the newest
//!   [`KEEP_OTHER`] of each other reason — newest by number, so the one just made is never
//!   the one deleted.
//! - A copy is written as a rollback-journal database (no `-wal`/`-shm` beside it); what an
//!   interrupted copy leaves (`*.partial*`) is removed by the next backup.
//! - [`restore`] replaces the database with a backup while no store is open: the backup is
//!   checked first; the database it replaces is backed up (or, when it cannot be read, kept
//!   beside it as `sala.db.damaged-…`) — never overwritten; the copy is written whole, then
//!   renamed. The restored database takes a new device id and sends all its work again, as a
//!   laptop copied from another does: it may be older than what it already sent.

use std::path::{Path, PathBuf};

use rusqlite::{Connection, OpenFlags};
use sala_core::api::{BackupInfo, BackupReason};
use sala_core::{ErrorCode, SalaError};

use crate::error::{from_sqlite, io};
use crate::{DB_FILE, Result};

/// The folder of backups inside the data folder.
pub const BACKUP_DIR: &str = "backups";
/// How many scheduled backups are kept, and how many of each other reason.
pub const KEEP_AUTO: usize = 10;
pub const KEEP_OTHER: usize = 5;

pub fn dir(data_dir: &Path) -> PathBuf {
    data_dir.join(BACKUP_DIR)
}

fn reason_name(r: BackupReason) -> &'static str {
    match r {
        BackupReason::Auto => "auto",
        BackupReason::BeforeMigration => "before-migration",
        BackupReason::BeforeRestore => "before-restore",
        BackupReason::Manual => "manual",
    }
}

/// (year, month, day, hour, minute, second) in UTC of a time in ms since 1970.
fn utc(ms: i64) -> (i64, u32, u32, u32, u32, u32) {
    let secs = ms.div_euclid(1000);
    let (days, rem) = (secs.div_euclid(86_400), secs.rem_euclid(86_400));
    let (year, month, day) = sala_core::template::civil_from_days(days);
    (
        year,
        month,
        day,
        (rem / 3600) as u32,
        (rem % 3600 / 60) as u32,
        (rem % 60) as u32,
    )
}

/// ms since 1970 of a UTC civil time (the inverse of [`utc`], to read names back).
fn from_utc(y: i64, mo: u32, d: u32, h: u32, mi: u32, s: u32) -> i64 {
    let days = sala_core::template::days_from_civil(y, mo, d);
    (days * 86_400 + i64::from(h) * 3600 + i64::from(mi) * 60 + i64::from(s)) * 1000
}

/// A backup's file name: its sequence number, time and reason.
pub fn file_name(seq: u64, reason: BackupReason, now_ms: i64) -> String {
    let (y, mo, d, h, mi, s) = utc(now_ms);
    format!(
        "sala-{seq:06}-{y:04}{mo:02}{d:02}-{h:02}{mi:02}{s:02}-{}.db",
        reason_name(reason)
    )
}

/// What a backup's name says: its sequence number (0 for an older Sala's names), time and
/// reason; `None` for any other file.
fn parse_name(name: &str) -> Option<(u64, i64, BackupReason)> {
    let rest = name.strip_prefix("sala-")?.strip_suffix(".db")?;
    let (seq, rest) = match rest.split_once('-') {
        Some((n, rest)) if n.len() == 6 && n.bytes().all(|b| b.is_ascii_digit()) => {
            (n.parse().ok()?, rest)
        }
        _ => (0, rest),
    };
    let (date, rest) = rest.split_once('-')?;
    let (time, reason) = rest.split_once('-')?;
    let num = |s: &str| s.parse::<u32>().ok();
    if date.len() != 8
        || time.len() != 6
        || !(date.bytes().chain(time.bytes())).all(|b| b.is_ascii_digit())
    {
        return None;
    }
    let reason = [
        BackupReason::Auto,
        BackupReason::BeforeMigration,
        BackupReason::BeforeRestore,
        BackupReason::Manual,
    ]
    .into_iter()
    .find(|r| reason_name(*r) == reason)?;
    let ms = from_utc(
        i64::from(num(&date[..4])?),
        num(&date[4..6])?,
        num(&date[6..])?,
        num(&time[..2])?,
        num(&time[2..4])?,
        num(&time[4..])?,
    );
    Some((seq, ms, reason))
}

/// The backups in `DATA_DIR/backups`, the last made first (by sequence number; an older
/// Sala's unnumbered ones after, by the time in their names).
pub fn list(data_dir: &Path) -> Result<Vec<BackupInfo>> {
    Ok(numbered(data_dir)?.into_iter().map(|(_, b)| b).collect())
}

/// [`list`] with each backup's sequence number.
fn numbered(data_dir: &Path) -> Result<Vec<(u64, BackupInfo)>> {
    let dir = dir(data_dir);
    let entries = match std::fs::read_dir(&dir) {
        Ok(e) => e,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(Vec::new()),
        Err(e) => return Err(io(&dir, &e)),
    };
    let mut out = Vec::new();
    for entry in entries.flatten() {
        let name = entry.file_name().to_string_lossy().into_owned();
        let Some((seq, created_ms, reason)) = parse_name(&name) else {
            continue;
        };
        let bytes = entry.metadata().map(|m| m.len()).unwrap_or(0);
        out.push((
            seq,
            BackupInfo {
                path: entry.path().display().to_string(),
                file: name,
                created_ms,
                reason,
                bytes,
            },
        ));
    }
    out.sort_by(|(sa, a), (sb, b)| (sb, b.created_ms, &b.file).cmp(&(sa, a.created_ms, &a.file)));
    Ok(out)
}

/// What the scheduled backup does when it looks.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Scheduled {
    /// Nothing to do: nothing changed since the last backup (or ever).
    Wait,
    /// A backup younger than the interval is already there (the app was started again): it
    /// counts as the last one, for the store as it is now.
    Adopt,
    /// Make a backup now.
    Make,
}

/// The schedule, as a pure function. `mark` is the store's change mark now (0: nothing was ever
/// changed), `last` the mark the last backup of this run was made (or adopted) at, `latest_ms`
/// when the newest backup in the folder was made, `every_ms` the interval. A backup "made" in
/// the future (a clock put back) is not recent.
pub fn due(
    mark: i64,
    last: Option<i64>,
    latest_ms: Option<i64>,
    now_ms: i64,
    every_ms: i64,
) -> Scheduled {
    let recent = latest_ms.is_some_and(|made| (0..every_ms).contains(&(now_ms - made)));
    if last.is_none() && recent {
        Scheduled::Adopt
    } else if mark == 0 || last == Some(mark) {
        Scheduled::Wait
    } else {
        Scheduled::Make
    }
}

/// When the last backup made was made, if there is one.
pub fn latest_ms(data_dir: &Path) -> Option<i64> {
    list(data_dir)
        .ok()
        .and_then(|l| l.into_iter().next())
        .map(|b| b.created_ms)
}

/// Checks that `path` is a Sala database this build can open: SQLite, whole (`quick_check`),
/// with Sala's op log, and not from a newer Sala.
pub fn check(path: &Path) -> Result<()> {
    let invalid = |detail: String| {
        SalaError::new(ErrorCode::BackupInvalid)
            .with("file", path.display())
            .with("detail", detail)
    };
    if !path.is_file() {
        return Err(invalid("not a file".into()));
    }
    let conn = Connection::open_with_flags(
        path,
        OpenFlags::SQLITE_OPEN_READ_ONLY | OpenFlags::SQLITE_OPEN_NO_MUTEX,
    )
    .map_err(|e| invalid(e.to_string()))?;
    let check: String = conn
        .query_row("PRAGMA quick_check", [], |r| r.get(0))
        .map_err(|e| invalid(e.to_string()))?;
    if check != "ok" {
        return Err(invalid(check));
    }
    let version: i64 = conn
        .query_row("PRAGMA user_version", [], |r| r.get(0))
        .map_err(|e| invalid(e.to_string()))?;
    if version > crate::db::migrations::latest_version() as i64 {
        return Err(SalaError::new(ErrorCode::DatabaseTooNew)
            .with("found", version)
            .with("known", crate::db::migrations::latest_version()));
    }
    let has_log: bool = conn
        .query_row(
            "SELECT count(*) > 0 FROM sqlite_master WHERE type = 'table' AND name = 'ops'",
            [],
            |r| r.get(0),
        )
        .map_err(|e| invalid(e.to_string()))?;
    if !has_log {
        return Err(invalid("no Sala op log".into()));
    }
    Ok(())
}

/// Copies the database at `db` to `dest` with the online backup API (from a connection of its
/// own), checks the copy, and only then gives it its name. Returns the copy's size.
pub fn snapshot(db: &Path, dest: &Path) -> Result<u64> {
    let folder = dest.parent().unwrap_or(Path::new("."));
    std::fs::create_dir_all(folder).map_err(|e| io(folder, &e))?;
    let tmp = dest.with_extension("db.partial");
    let src = Connection::open_with_flags(
        db,
        OpenFlags::SQLITE_OPEN_READ_ONLY | OpenFlags::SQLITE_OPEN_NO_MUTEX,
    )
    .map_err(|e| crate::error::from_sqlite_at(e, db))?;
    src.busy_timeout(crate::BUSY_TIMEOUT).map_err(from_sqlite)?;
    let result = (|| {
        {
            let mut out =
                Connection::open(&tmp).map_err(|e| crate::error::from_sqlite_at(e, &tmp))?;
            {
                let backup = rusqlite::backup::Backup::new(&src, &mut out).map_err(from_sqlite)?;
                // Pages in steps, so a writer waiting on the file gets in between.
                backup
                    .run_to_completion(256, std::time::Duration::from_millis(5), None)
                    .map_err(from_sqlite)?;
            }
            // The copy carries the WAL mode of the original: as a rollback-journal database
            // nothing (`-wal`, `-shm`) is left beside it when it is checked and closed. Sala
            // opens it in WAL mode again when it is restored.
            let _: String = out
                .query_row("PRAGMA journal_mode=DELETE", [], |r| r.get(0))
                .map_err(from_sqlite)?;
        }
        check(&tmp)?;
        // Opened for writing: Windows flushes only a file its handle may write (a read-only
        // handle gives "access denied"; found under Wine).
        std::fs::OpenOptions::new()
            .write(true)
            .open(&tmp)
            .and_then(|f| f.sync_all())
            .map_err(|e| io(&tmp, &e))?;
        sala_core::fsio::rename(&tmp, dest).map_err(|e| io(dest, &e))?;
        std::fs::metadata(dest)
            .map(|m| m.len())
            .map_err(|e| io(dest, &e))
    })();
    if result.is_err() {
        for suffix in ["", "-wal", "-shm", "-journal"] {
            let _ = std::fs::remove_file(format!("{}{suffix}", tmp.display()));
        }
    }
    result
}

/// Makes a backup of `DATA_DIR/sala.db` into `DATA_DIR/backups` and keeps only the newest
/// ones (see the module's docs). `now_ms` names it.
pub fn make(data_dir: &Path, reason: BackupReason, now_ms: i64) -> Result<BackupInfo> {
    let folder = dir(data_dir);
    let mut seq = numbered(data_dir)?.first().map_or(0, |(n, _)| *n) + 1;
    let mut name = file_name(seq, reason, now_ms);
    // Another Sala on this data folder made one at the same moment: the next number.
    while folder.join(&name).exists() {
        seq += 1;
        name = file_name(seq, reason, now_ms);
    }
    let path = folder.join(&name);
    let bytes = snapshot(&data_dir.join(DB_FILE), &path)?;
    prune(data_dir)?;
    let (_, created_ms, reason) = parse_name(&name).unwrap_or((seq, now_ms, reason));
    Ok(BackupInfo {
        path: path.display().to_string(),
        file: name,
        created_ms,
        reason,
        bytes,
    })
}

/// How old what an interrupted backup left must be before it is removed (one in progress is
/// younger).
const PARTIAL_AGE: std::time::Duration = std::time::Duration::from_secs(15 * 60);

/// Deletes all but the newest [`KEEP_AUTO`] scheduled backups and [`KEEP_OTHER`] of each other
/// reason (newest by sequence number), and what interrupted backups left behind.
pub fn prune(data_dir: &Path) -> Result<()> {
    if let Ok(entries) = std::fs::read_dir(dir(data_dir)) {
        for entry in entries.flatten() {
            let name = entry.file_name().to_string_lossy().into_owned();
            let stale = entry
                .metadata()
                .and_then(|m| m.modified())
                .ok()
                .and_then(|t| t.elapsed().ok())
                .is_some_and(|age| age > PARTIAL_AGE);
            if name.starts_with("sala-") && name.contains(".db.partial") && stale {
                let _ = std::fs::remove_file(entry.path());
            }
        }
    }
    let all = list(data_dir)?;
    let mut seen: Vec<(BackupReason, usize)> = Vec::new();
    for b in all {
        let keep = if b.reason == BackupReason::Auto {
            KEEP_AUTO
        } else {
            KEEP_OTHER
        };
        let count = match seen.iter_mut().find(|(r, _)| *r == b.reason) {
            Some((_, n)) => {
                *n += 1;
                *n
            }
            None => {
                seen.push((b.reason, 1));
                1
            }
        };
        if count > keep {
            let p = Path::new(&b.path);
            std::fs::remove_file(p).map_err(|e| io(p, &e))?;
        }
    }
    Ok(())
}

/// The last made backup that passes [`check`], if any.
pub fn latest_good(data_dir: &Path) -> Result<Option<BackupInfo>> {
    Ok(list(data_dir)?
        .into_iter()
        .find(|b| check(Path::new(&b.path)).is_ok()))
}

/// Replaces `DATA_DIR/sala.db` with the backup at `from` (see the module's docs). No store may
/// be open on the data folder. Returns what was done with the database replaced: its backup,
/// or the name it was kept under when it could not be read.
pub fn restore(data_dir: &Path, from: &Path, now_ms: i64) -> Result<Option<String>> {
    check(from)?;
    let db = data_dir.join(DB_FILE);
    let mut kept = None;
    if db.exists() {
        match check(&db).and_then(|()| make(data_dir, BackupReason::BeforeRestore, now_ms)) {
            Ok(b) => kept = Some(b.file),
            Err(_) => {
                // Unreadable: kept beside it, with its journal, never overwritten.
                let (y, mo, d, h, mi, s) = utc(now_ms);
                let aside = format!("{DB_FILE}.damaged-{y:04}{mo:02}{d:02}-{h:02}{mi:02}{s:02}");
                for suffix in ["", "-wal", "-shm"] {
                    let from = data_dir.join(format!("{DB_FILE}{suffix}"));
                    if from.exists() {
                        let to = data_dir.join(format!("{aside}{suffix}"));
                        sala_core::fsio::rename(&from, &to).map_err(|e| io(&from, &e))?;
                    }
                }
                kept = Some(aside);
            }
        }
    }
    // The replaced database's journal belongs to it, not to the backup.
    for suffix in ["-wal", "-shm"] {
        let p = data_dir.join(format!("{DB_FILE}{suffix}"));
        if p.exists() {
            std::fs::remove_file(&p).map_err(|e| io(&p, &e))?;
        }
    }
    let tmp = data_dir.join(format!("{DB_FILE}.restoring"));
    snapshot(from, &tmp)?;
    // A restored database is a copy: it takes a new device id when opened, and sends its work
    // again (see `Store::open`).
    {
        let conn = Connection::open(&tmp).map_err(|e| crate::error::from_sqlite_at(e, &tmp))?;
        crate::db::meta::set(&conn, crate::db::meta::RESTORED, "1")?;
    }
    sala_core::fsio::rename(&tmp, &db).map_err(|e| io(&db, &e))?;
    sala_core::fsio::sync_dir(data_dir);
    Ok(kept)
}

#[cfg(test)]
mod tests {
    use super::*;

    const EVERY: i64 = 600_000;
    const NOW: i64 = 1_795_828_712_000;

    /// The schedule at `NOW`, for a store at change mark `mark`.
    fn check(mark: i64, last: Option<i64>, latest_ms: Option<i64>, expected: Scheduled) {
        assert_eq!(
            due(mark, last, latest_ms, NOW, EVERY),
            expected,
            "mark {mark}, last {last:?}, latest {latest_ms:?}"
        );
    }

    #[test]
    fn the_scheduled_backup_copies_a_changed_store_and_nothing_else() {
        use Scheduled::*;
        // The first look after start-up.
        check(0, None, None, Wait); // a store nothing was ever written to
        check(5, None, None, Make); // changes, no backup yet
        check(5, None, Some(NOW - 60_000), Adopt); // started again a minute after one
        check(5, None, Some(NOW - EVERY), Make); // the last one is as old as the interval
        check(5, None, Some(NOW + 60_000), Make); // one "made" in the future (clock put back)
        check(0, None, Some(NOW - 60_000), Adopt);
        // Later looks.
        check(5, Some(5), Some(NOW - 60_000), Wait); // nothing changed since
        check(5, Some(5), None, Wait); // the backups deleted, nothing changed
        check(6, Some(5), Some(NOW - 60_000), Make); // changed since, even soon after
        check(6, Some(5), Some(NOW - 3 * EVERY), Make);
    }

    #[test]
    fn names_carry_the_number_utc_time_and_reason_and_read_back() {
        for (seq, ms, name) in [
            (1, 0, "sala-000001-19700101-000000-auto.db"),
            (42, 1_795_828_712_000, "sala-000042-20261128-011832-auto.db"),
            (7, 951_782_400_000, "sala-000007-20000229-000000-auto.db"),
        ] {
            assert_eq!(file_name(seq, BackupReason::Auto, ms), name);
            assert_eq!(parse_name(name), Some((seq, ms, BackupReason::Auto)));
        }
        assert_eq!(
            parse_name("sala-000003-20261128-011832-before-migration.db"),
            Some((3, 1_795_828_712_000, BackupReason::BeforeMigration))
        );
        // An older Sala's names: number 0.
        assert_eq!(
            parse_name("sala-20261128-011832-before-migration.db"),
            Some((0, 1_795_828_712_000, BackupReason::BeforeMigration))
        );
        for other in [
            "sala.db",
            "sala-2026-01.db",
            "sala-20261128-011832-other.db",
            "x.db",
        ] {
            assert_eq!(parse_name(other), None, "{other}");
        }
    }
}
