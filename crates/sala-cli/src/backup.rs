//! `sala backup` and `sala restore`: the database's local backups (see `sala_store::db::backup`).
//! Neither opens the store, so both work when the database is damaged.

use std::path::{Path, PathBuf};

use sala_core::api::{BackupInfo, BackupReason, UiLanguage};
use sala_core::{ErrorCode, SalaError};
use sala_i18n::message;
use sala_store::{DB_FILE, db::backup};

use crate::out;

fn now_ms() -> i64 {
    sala_core::hlc::wall_clock_ms() as i64
}

fn kb(bytes: u64) -> String {
    bytes.div_ceil(1024).to_string()
}

fn reason(lang: UiLanguage, r: BackupReason) -> String {
    let key = serde_json::to_value(r)
        .ok()
        .and_then(|v| v.as_str().map(str::to_owned))
        .unwrap_or_default();
    message(lang, &format!("backup.reason.{key}"), &[])
}

fn line(lang: UiLanguage, b: &BackupInfo) -> String {
    message(
        lang,
        "cli.backup_line",
        &[
            ("file", &b.file),
            ("reason", &reason(lang, b.reason)),
            ("kb", &kb(b.bytes)),
        ],
    )
}

pub fn backup(
    data_dir: &Path,
    lang: UiLanguage,
    to: Option<PathBuf>,
    list: bool,
) -> Result<(), SalaError> {
    if list {
        for b in backup::list(data_dir)? {
            out(&line(lang, &b))?;
        }
        return Ok(());
    }
    let db = data_dir.join(DB_FILE);
    if !db.is_file() {
        return Err(SalaError::new(ErrorCode::NoWorkshop));
    }
    let (path, bytes) = match to {
        Some(file) => {
            let bytes = backup::snapshot(&db, &file)?;
            (file.display().to_string(), bytes)
        }
        None => {
            let b = backup::make(data_dir, BackupReason::Manual, now_ms())?;
            (b.path, b.bytes)
        }
    };
    out(&message(
        lang,
        "cli.backed_up",
        &[("file", &path), ("kb", &kb(bytes))],
    ))
}

pub fn restore(data_dir: &Path, lang: UiLanguage, file: Option<PathBuf>) -> Result<(), SalaError> {
    let from = match file {
        Some(f) => f,
        None => PathBuf::from(
            backup::latest_good(data_dir)?
                .ok_or_else(|| SalaError::new(ErrorCode::NoBackup))?
                .path,
        ),
    };
    let kept = backup::restore(data_dir, &from, now_ms())?;
    let file = from.display().to_string();
    match kept {
        Some(kept) => out(&message(
            lang,
            "cli.restored_kept",
            &[("file", &file), ("kept", &kept)],
        )),
        None => out(&message(lang, "cli.restored", &[("file", &file)])),
    }
}
