//! The scheduled backup: every [`EVERY`], a backup when something changed since the last one.
//! When is decided by `sala_store::db::backup::due` (tested there); this only keeps the clock.

use std::time::Duration;

use sala_core::api::{BackupInfo, BackupReason};
use sala_core::{ErrorCode, SalaError};
use sala_store::db::backup;
use tauri::{AppHandle, Manager};

use crate::{AppState, Result};

/// How often the scheduled backup looks for changes.
const EVERY: Duration = Duration::from_secs(10 * 60);

pub(crate) fn now_ms() -> i64 {
    sala_core::hlc::wall_clock_ms() as i64
}

pub(crate) async fn make(data_dir: std::path::PathBuf, reason: BackupReason) -> Result<BackupInfo> {
    tauri::async_runtime::spawn_blocking(move || backup::make(&data_dir, reason, now_ms()))
        .await
        .map_err(|e| SalaError::new(ErrorCode::Storage).with("detail", e))?
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
