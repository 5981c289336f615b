//! Backups from the app: the list, "Back up now", restoring one (also from the recovery screen
//! shown when the database cannot be opened), and the scheduled backup task. The work is
//! `sala_store::db::backup`'s; a backup is made from a connection of its own, off the store's lock.

use std::path::Path;

use sala_core::api::{BackupInfo, BackupReason};
use sala_core::{ErrorCode, SalaError};
use sala_store::db::backup;
use tauri::State;

use crate::{AppState, Result};

/// The backups in the data folder, newest first; works when the store could not be opened.
#[tauri::command]
pub async fn backups(state: State<'_, AppState>) -> Result<Vec<BackupInfo>> {
    backup::list(&state.data_dir)
}

/// "Back up now": a backup made at once, off the store's lock.
#[tauri::command]
pub async fn backup_now(state: State<'_, AppState>) -> Result<BackupInfo> {
    crate::backup_task::make(state.data_dir.clone(), BackupReason::Manual).await
}

/// Replaces the database with one of the data folder's backups, named by its file name (no
/// other path is taken), and opens it. The window reloads afterwards.
#[tauri::command]
pub async fn restore_backup(state: State<'_, AppState>, file: String) -> Result<()> {
    let chosen = backup::list(&state.data_dir)?
        .into_iter()
        .find(|b| b.file == file)
        .ok_or_else(|| {
            SalaError::new(ErrorCode::BackupInvalid)
                .with("file", &file)
                .with("detail", "not in backups/")
        })?;
    state.replace_store(|data_dir| {
        backup::restore(
            data_dir,
            Path::new(&chosen.path),
            crate::backup_task::now_ms(),
        )
        .map(|_| ())
    })
}
