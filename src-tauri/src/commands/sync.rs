//! Commands for sync, the Conflicts inbox, joining and switching workshops, and the
//! coordinator's matrix. Each is a thin call into `sala-sync` / `sala-store`.

use sala_sync::key::KeySource;
use std::path::{Path, PathBuf};

use sala_core::api::{
    ConflictView, Matrix, MatrixFilter, MatrixItems, Provenance, SyncReport, SyncSettings,
    TransferView, Withdrawn, WorkshopChoice, WorkshopOverview,
};
use sala_core::op::Entity;
use sala_core::{ErrorCode, SalaError};
use sala_store::sync::{SYNC_FOLDER, TABLE_LABEL};
use tauri::{AppHandle, Emitter, State};
use tauri_plugin_dialog::DialogExt;

use crate::commands::reports::io_error;
use crate::sync_task::{SyncControl, now_ms};
use crate::{AppState, Granted, Result};

fn invalid(name: &str, value: impl std::fmt::Display) -> SalaError {
    SalaError::new(ErrorCode::InvalidArgument)
        .with("name", name)
        .with("value", value)
}

/// The shared folder and this laptop's table label.
#[tauri::command]
pub async fn sync_settings(state: State<'_, AppState>) -> Result<SyncSettings> {
    state.with(|s| {
        Ok(SyncSettings {
            folder: s.setting(SYNC_FOLDER)?.unwrap_or_default(),
            label: s.setting(TABLE_LABEL)?.unwrap_or_default(),
        })
    })
}

/// Saves the shared folder (empty: stop syncing) and the table label, then syncs. A folder
/// that is not there is refused (`sync_folder_missing`), or made first with `create`.
#[tauri::command]
pub async fn set_sync_settings(
    state: State<'_, AppState>,
    control: State<'_, SyncControl>,
    settings: SyncSettings,
    create: Option<bool>,
) -> Result<SyncReport> {
    // A label refused leaves everything as it was: no folder made for settings not saved.
    sala_store::sync::checked_table_label(&settings.label)?;
    let folder = if settings.folder.trim().is_empty() {
        String::new()
    } else {
        sala_sync::folder::chosen_folder(&settings.folder, create.unwrap_or(false))?
            .display()
            .to_string()
    };
    let report = state.with(|s| {
        s.set_table_label(&settings.label)?;
        s.set_setting(SYNC_FOLDER, &folder)?;
        if folder.is_empty() {
            sala_sync::pass::status(s)
        } else {
            sala_sync::pass::sync_pass_limited(s, Path::new(&folder), now_ms(), FILES_NOW)
        }
    })?;
    control.kick();
    Ok(report)
}

/// Where things stand, without touching the folder.
#[tauri::command]
pub async fn sync_status(state: State<'_, AppState>) -> Result<SyncReport> {
    state.with(sala_sync::pass::status)
}

/// Files "Sync now" and saving the settings read before answering; the background task reads
/// the rest, letting saves in between.
const FILES_NOW: usize = 8;

/// "Sync now": a pass, answered with its report.
#[tauri::command]
pub async fn sync_now(
    state: State<'_, AppState>,
    control: State<'_, SyncControl>,
) -> Result<SyncReport> {
    let report = state.with(
        |s| match s.setting(SYNC_FOLDER)?.filter(|f| !f.is_empty()) {
            Some(folder) => {
                sala_sync::pass::sync_pass_limited(s, Path::new(&folder), now_ms(), FILES_NOW)
            }
            None => Err(SalaError::new(ErrorCode::NoSyncFolder)),
        },
    )?;
    if report.more {
        control.kick();
    }
    Ok(report)
}

/// The system's folder dialog; `None` when cancelled.
#[tauri::command]
pub async fn pick_folder(app: AppHandle) -> Result<Option<String>> {
    Ok(app
        .dialog()
        .file()
        .blocking_pick_folder()
        .and_then(|p| p.into_path().ok())
        .map(|p| p.display().to_string()))
}

/// The system's save dialog for an export; `None` when cancelled.
#[tauri::command]
pub async fn pick_export_file(
    app: AppHandle,
    granted: State<'_, Granted>,
    suggested: String,
) -> Result<Option<String>> {
    let picked = app
        .dialog()
        .file()
        .set_file_name(sala_sync::names::portable_file_name(&suggested))
        .add_filter("Sala", &["sala-ops"])
        .blocking_save_file()
        .and_then(|p| p.into_path().ok());
    if let Some(p) = &picked {
        granted.grant(p);
    }
    Ok(picked.map(|p| p.display().to_string()))
}

/// The system's open dialog for sync files to import; empty when cancelled.
#[tauri::command]
pub async fn pick_import_files(app: AppHandle, granted: State<'_, Granted>) -> Result<Vec<String>> {
    let picked: Vec<PathBuf> = app
        .dialog()
        .file()
        .add_filter("Sala", &["sala-ops"])
        .blocking_pick_files()
        .unwrap_or_default()
        .into_iter()
        .filter_map(|p| p.into_path().ok())
        .collect();
    for p in &picked {
        granted.grant(p);
    }
    Ok(picked.iter().map(|p| p.display().to_string()).collect())
}

/// "Export my work": everything this laptop holds of the workshop, in one file.
#[tauri::command]
pub async fn export_work(
    state: State<'_, AppState>,
    granted: State<'_, Granted>,
    path: String,
) -> Result<TransferView> {
    let path = granted.check(&path)?;
    state
        .with(|s| sala_sync::transfer::export(s, &path))
        .map(TransferView::from)
}

/// "Import files…": sync files from a USB stick or an e-mail, checked before anything is applied.
#[tauri::command]
pub async fn import_files(
    state: State<'_, AppState>,
    granted: State<'_, Granted>,
    paths: Vec<String>,
) -> Result<TransferView> {
    let paths: Vec<PathBuf> = paths
        .iter()
        .map(|p| granted.check(p))
        .collect::<Result<_>>()?;
    let refs: Vec<&Path> = paths.iter().map(PathBuf::as_path).collect();
    state
        .with(|s| sala_sync::transfer::import(s, &refs, now_ms()))
        .map(TransferView::from)
}

/// The Conflicts inbox: every unresolved field, with the item it belongs to.
#[tauri::command]
pub async fn conflicts(state: State<'_, AppState>) -> Result<Vec<ConflictView>> {
    state.with(|s| s.conflict_views())
}

/// Resolves a conflict with `json` (one of its values, or a combination typed by the user).
#[tauri::command]
pub async fn resolve_conflict(
    state: State<'_, AppState>,
    control: State<'_, SyncControl>,
    entity: String,
    entity_id: String,
    field: String,
    json: String,
) -> Result<Vec<ConflictView>> {
    let entity: Entity = serde_json::from_value(serde_json::Value::String(entity.clone()))
        .map_err(|_| invalid("entity", &entity))?;
    let value: serde_json::Value =
        serde_json::from_str(&json).map_err(|_| invalid("value", &json))?;
    let views = state.with(|s| {
        s.resolve_conflict(entity, &entity_id, &field, value)?;
        s.conflict_views()
    })?;
    control.kick();
    Ok(views)
}

/// The workshops on this laptop.
#[tauri::command]
pub async fn workshops(state: State<'_, AppState>) -> Result<Vec<WorkshopChoice>> {
    state.with(|s| s.workshops())
}

/// The workshops a shared folder holds.
#[tauri::command]
pub async fn folder_workshops(
    state: State<'_, AppState>,
    folder: String,
) -> Result<Vec<WorkshopChoice>> {
    let folder = sala_sync::folder::chosen_folder(&folder, false)?;
    state.with(|s| sala_sync::transfer::folder_choices(s, &folder))
}

/// Makes another workshop on this laptop the current one.
#[tauri::command]
pub async fn switch_workshop(
    state: State<'_, AppState>,
    control: State<'_, SyncControl>,
    workshop_id: String,
) -> Result<WorkshopOverview> {
    let o = state.with(|s| {
        s.switch_workshop(&workshop_id)?;
        s.overview()
    })?;
    control.kick();
    Ok(o)
}

/// Joins a workshop from a shared folder, which becomes this laptop's shared folder; the
/// `join-progress` event tells the window how far it is.
#[tauri::command]
pub async fn join_folder(
    app: AppHandle,
    state: State<'_, AppState>,
    control: State<'_, SyncControl>,
    folder: String,
    workshop_id: String,
    passphrase: Option<String>,
) -> Result<WorkshopOverview> {
    let folder = sala_sync::folder::chosen_folder(&folder, false)?;
    let key = typed_key(passphrase);
    let started = std::time::Instant::now();
    // How far it is, for the window's progress bar.
    let tell = |p: sala_sync::pass::JoinProgress| {
        let _ = app.emit("join-progress", p.view(started.elapsed()));
    };
    let o = state.with(|s| {
        sala_sync::transfer::join_folder_telling(
            s,
            &folder,
            Some(&workshop_id),
            now_ms(),
            key.as_ref(),
            sala_sync::pass::Load::Auto,
            &tell,
        )?;
        s.overview()
    })?;
    control.kick();
    Ok(o)
}

/// The passphrase typed to join an encrypted workshop; empty is none (a key this laptop keeps).
fn typed_key(passphrase: Option<String>) -> Option<KeySource> {
    passphrase
        .filter(|p| !p.is_empty())
        .map(KeySource::Passphrase)
}

/// Joins the workshop in an exported file.
#[tauri::command]
pub async fn join_file(
    state: State<'_, AppState>,
    granted: State<'_, Granted>,
    path: String,
    passphrase: Option<String>,
) -> Result<WorkshopOverview> {
    let path = granted.check(&path)?;
    let key = typed_key(passphrase);
    state.with(|s| {
        sala_sync::transfer::join_file(s, &path, now_ms(), key.as_ref())?;
        s.overview()
    })
}

/// The public half of the current workshop's key on this laptop, or `None` without one.
#[tauri::command]
pub async fn workshop_key(state: State<'_, AppState>) -> Result<Option<String>> {
    state.with(|s| {
        let w = s.current_workshop()?;
        Ok(sala_sync::key::key_of(s, &w.id)?.map(|k| k.public()))
    })
}

/// Sets the current workshop's key from a passphrase, or from a key file the user picks in the
/// system dialog (`passphrase` empty); `None` when the dialog was cancelled.
#[tauri::command]
pub async fn set_workshop_key(
    app: tauri::AppHandle,
    state: State<'_, AppState>,
    control: State<'_, SyncControl>,
    passphrase: String,
) -> Result<Option<String>> {
    let source = if passphrase.is_empty() {
        use tauri_plugin_dialog::DialogExt;
        let Some(picked) = app.dialog().file().blocking_pick_file() else {
            return Ok(None);
        };
        let path = picked.into_path().map_err(|e| {
            SalaError::new(ErrorCode::Io)
                .with("path", "")
                .with("detail", e)
        })?;
        let meta = std::fs::metadata(&path).map_err(|e| io_error(&path, e))?;
        // An ordinary file of a line or two: a pipe would block the read, a large file is not
        // a key.
        if !meta.is_file() || meta.len() > 64 * 1024 {
            return Err(SalaError::new(ErrorCode::NotAKeyFile));
        }
        KeySource::IdentityFile(std::fs::read_to_string(&path).map_err(|e| io_error(&path, e))?)
    } else {
        KeySource::Passphrase(passphrase)
    };
    let public = state.with(|s| {
        let w = s.current_workshop()?;
        Ok(sala_sync::key::set_key(s, &w.id, &source)?.public())
    })?;
    control.kick();
    Ok(Some(public))
}

/// Removes from the shared folder the files this laptop wrote there before the workshop had
/// a key, once their contents went out again encrypted.
#[tauri::command]
pub async fn withdraw_plain_files(state: State<'_, AppState>) -> Result<Withdrawn> {
    state.with(|s| {
        let folder = s
            .setting(SYNC_FOLDER)?
            .filter(|f| !f.is_empty())
            .ok_or_else(|| SalaError::new(ErrorCode::NoSyncFolder))?;
        let (removed, report) = sala_sync::pass::withdraw_plain(
            s,
            Path::new(&folder),
            now_ms(),
            std::time::Duration::ZERO,
        )?;
        Ok(Withdrawn { removed, report })
    })
}

/// The coordinator's matrix, for every table or one, every session or one.
#[tauri::command]
pub async fn matrix(state: State<'_, AppState>, filter: MatrixFilter) -> Result<Matrix> {
    state.with(|s| s.matrix(&filter))
}

/// What one cell of the coordinator's matrix holds.
#[tauri::command]
pub async fn matrix_cell(
    state: State<'_, AppState>,
    group_id: String,
    focus_area_id: String,
    filter: MatrixFilter,
) -> Result<MatrixItems> {
    state.with(|s| s.matrix_cell(&group_id, &focus_area_id, &filter))
}

/// Which table created and last changed each of these items.
#[tauri::command]
pub async fn provenance(state: State<'_, AppState>, ids: Vec<String>) -> Result<Vec<Provenance>> {
    if ids.len() > 10_000 {
        return Err(invalid("ids", ids.len()));
    }
    state.with(|s| s.provenance(&ids))
}
