//! The background sync task: one pass (`sala_sync::sync_pass_limited`) at start, whenever the
//! shared folder changes (file-system events), every few seconds (network shares drop events),
//! and on "Sync now". Each pass reads a few files at a time and lets go of the store in between,
//! so saves made while typing never wait behind a large workshop arriving. Every report goes to
//! the window as the `sync` event (the status bar).

use std::path::{Path, PathBuf};
use std::time::Duration;

use notify::{EventKind, RecursiveMode, Watcher};
use sala_core::api::SyncReport;
use tauri::{AppHandle, Emitter, Manager};
use tokio::sync::mpsc;

use crate::AppState;

/// How often the folder is looked at when nothing announces a change.
const POLL: Duration = Duration::from_secs(5);
/// Changes arriving together (a file written, renamed, a folder made) give one pass.
const SETTLE: Duration = Duration::from_millis(300);
/// Files read before the store is let go for other work (one file: at most 2,000 ops).
const FILES_PER_STEP: usize = 1;

/// Why a pass is wanted.
#[derive(Debug, Clone, Copy)]
pub enum Kick {
    /// "Sync now", a new folder, a join.
    Now,
    /// Something changed in the shared folder.
    Changed,
}

/// The handle commands use to ask for a pass.
pub struct SyncControl(pub mpsc::UnboundedSender<Kick>);

impl SyncControl {
    pub fn kick(&self) {
        let _ = self.0.send(Kick::Now);
    }
}

pub use sala_core::hlc::wall_clock_ms as now_ms;

/// Starts the task; returns the handle to kick it.
pub fn start(app: &AppHandle) -> SyncControl {
    let (tx, rx) = mpsc::unbounded_channel();
    let handle = app.clone();
    let events = tx.clone();
    tauri::async_runtime::spawn(run(handle, rx, events));
    let _ = tx.send(Kick::Now);
    SyncControl(tx)
}

/// One step of a pass with the store held; `None` when there is no folder or no store.
fn step(app: &AppHandle, folder: &Path) -> Option<SyncReport> {
    let state = app.state::<AppState>();
    state
        .with(|s| sala_sync::pass::sync_pass_limited(s, folder, now_ms(), FILES_PER_STEP))
        .ok()
}

/// Writes the workshop's snapshot into the shared folder when one is due: decided with the
/// store held (a count and a look at the folder), written without it — saves go on meanwhile.
/// An optimisation for laptops joining later: a failure is left for the next pass.
fn write_snapshot(app: &AppHandle, folder: &Path) {
    let state = app.state::<AppState>();
    if let Ok(Some(pending)) = state.with(|s| sala_sync::pass::snapshot_due(s, folder)) {
        let _ = pending.write();
    }
}

fn folder_of(app: &AppHandle) -> Option<PathBuf> {
    let state = app.state::<AppState>();
    state
        .with(|s| s.setting(sala_store::sync::SYNC_FOLDER))
        .ok()
        .flatten()
        .filter(|f| !f.trim().is_empty())
        .map(PathBuf::from)
}

/// A watcher on `folder` that kicks the task; `None` when the folder cannot be watched now
/// (the share is away) — polling goes on, and the next pass tries again.
fn watch(folder: &Path, kicks: mpsc::UnboundedSender<Kick>) -> Option<notify::RecommendedWatcher> {
    let mut watcher = notify::recommended_watcher(move |res: notify::Result<notify::Event>| {
        if let Ok(ev) = res
            && matches!(
                ev.kind,
                EventKind::Create(_) | EventKind::Modify(_) | EventKind::Remove(_)
            )
        {
            let _ = kicks.send(Kick::Changed);
        }
    })
    .ok()?;
    watcher.watch(folder, RecursiveMode::Recursive).ok()?;
    Some(watcher)
}

async fn run(
    app: AppHandle,
    mut rx: mpsc::UnboundedReceiver<Kick>,
    kicks: mpsc::UnboundedSender<Kick>,
) {
    let mut ticker = tokio::time::interval(POLL);
    ticker.set_missed_tick_behavior(tokio::time::MissedTickBehavior::Delay);
    let mut watching: Option<(PathBuf, notify::RecommendedWatcher)> = None;
    loop {
        tokio::select! {
            _ = ticker.tick() => {}
            kick = rx.recv() => match kick {
                None => return,
                Some(Kick::Changed) => {
                    // Let a burst of changes settle, then take them all as one.
                    tokio::time::sleep(SETTLE).await;
                    while rx.try_recv().is_ok() {}
                }
                Some(Kick::Now) => while rx.try_recv().is_ok() {},
            },
        }
        let Some(folder) = folder_of(&app) else {
            watching = None;
            continue;
        };
        if watching.as_ref().is_none_or(|(f, _)| f != &folder) {
            watching = watch(&folder, kicks.clone()).map(|w| (folder.clone(), w));
        }
        let mut changed = false;
        loop {
            let app2 = app.clone();
            let folder2 = folder.clone();
            let Ok(Some(report)) =
                tauri::async_runtime::spawn_blocking(move || step(&app2, &folder2)).await
            else {
                break;
            };
            if !report.reached {
                // The share went away: watch again once it is back.
                watching = None;
            }
            changed |= report.ops_received + report.ops_sent > 0 && report.folder_error.is_none();
            let more = report.more;
            let _ = app.emit("sync", &report);
            if !more {
                if changed {
                    let (app2, folder2) = (app.clone(), folder.clone());
                    let _ = tauri::async_runtime::spawn_blocking(move || {
                        write_snapshot(&app2, &folder2)
                    })
                    .await;
                }
                break;
            }
            tokio::task::yield_now().await;
        }
        // Our own writes wake the watcher too; those changes are already taken. A "Sync now"
        // that came during the pass still gets its own.
        let mut asked = false;
        while let Ok(k) = rx.try_recv() {
            asked |= matches!(k, Kick::Now);
        }
        if asked {
            let _ = kicks.send(Kick::Now);
        }
    }
}
