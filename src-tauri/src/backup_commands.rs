//! Backups from the app: the list, "Back up now", restoring one (also from the recovery screen
//! shown when the database cannot be opened), and the scheduled backup task. The work is
//! `sala_store::db::backup`'s; a backup is made from a connection of its own, off the store's lock.

use std::path::Path;
use std::time::Duration;

use sala_core::api::{BackupInfo, BackupReason};
use sala_core::{ErrorCode, SalaError};
use sala_store::db::backup;
use tauri::{AppHandle, Manager, State};

use crate::{AppState, Result};

/// How often the scheduled backup looks for changes.
const EVERY: Duration = Duration::from_secs(10 * 60);

fn now_ms() -> i64 {
    sala_core::hlc::wall_clock_ms() as i64
}

async fn make(data_dir: std::path::PathBuf, reason: BackupReason) -> Result<BackupInfo> {
    tauri::async_runtime::spawn_blocking(move || backup::make(&data_dir, reason, now_ms()))
        .await
        .map_err(|e| SalaError::new(ErrorCode::Storage).with("detail", e))?
}

/// The backups in the data folder, newest first; works when the store could not be opened.
#[tauri::command]
pub async fn backups(state: State<'_, AppState>) -> Result<Vec<BackupInfo>> {
    backup::list(&state.data_dir)
}

#[tauri::command]
pub async fn backup_now(state: State<'_, AppState>) -> Result<BackupInfo> {
    make(state.data_dir.clone(), BackupReason::Manual).await
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
        backup::restore(data_dir, Path::new(&chosen.path), now_ms()).map(|_| ())
    })
}

/// Backs the database up every [`EVERY`] when something changed since the last backup,
/// keeping the newest few. The first look is a minute after start-up (not during it), and a
/// backup younger than [`EVERY`] counts as the last one, so starting the app again and again
/// does not copy an unchanged database each time.
pub fn start(app: &AppHandle) {
    let app = app.clone();
    tauri::async_runtime::spawn(async move {
        let mut last: Option<i64> = None;
        let first = tokio::time::Instant::now() + Duration::from_secs(60);
        let mut ticks = tokio::time::interval_at(first, EVERY);
        loop {
            ticks.tick().await;
            let state = app.state::<AppState>();
            let Ok(mark) = state.with(|s| s.change_mark()) else {
                continue;
            };
            // Only the first look asks the folder (a backup from before this start counts).
            let latest = last
                .is_none()
                .then(|| backup::latest_ms(&state.data_dir))
                .flatten();
            match backup::due(mark, last, latest, now_ms(), EVERY.as_millis() as i64) {
                backup::Scheduled::Wait => {}
                backup::Scheduled::Adopt => last = Some(mark),
                backup::Scheduled::Make => {
                    if make(state.data_dir.clone(), BackupReason::Auto)
                        .await
                        .is_ok()
                    {
                        last = Some(mark);
                    }
                }
            }
        }
    });
}
