//! Commands for the Reports view: where to save, the save dialog, producing a report (through
//! `sala-report`, outside the store's lock), and opening what was written.

use std::path::Path;

use sala_core::api::{ReportRequest, SavedReport};
use sala_core::{ErrorCode, SalaError};
use tauri::{AppHandle, Manager, State};
use tauri_plugin_dialog::DialogExt;
use tauri_plugin_opener::OpenerExt;

use crate::{AppState, Granted, Result};

/// A file or folder the OS refused, said with its reason (see [`SalaError::with_io`]); any
/// other failure (a path the system cannot name, an opener) with its own words.
pub(crate) fn io_error(path: &Path, e: impl std::fmt::Display + 'static) -> SalaError {
    match (&e as &dyn std::any::Any).downcast_ref::<std::io::Error>() {
        Some(io) => SalaError::io(path.display(), io),
        None => SalaError::new(ErrorCode::Io)
            .with("path", path.display())
            .with("detail", e),
    }
}

/// The folder reports go to unless the user picks another: `Documents/Sala` (else the home
/// folder's `Sala`).
#[tauri::command]
pub async fn report_folder(app: AppHandle) -> Result<String> {
    let base = app
        .path()
        .document_dir()
        .or_else(|_| app.path().home_dir())
        .map_err(|e| io_error(Path::new("~"), e))?;
    Ok(base.join("Sala").display().to_string())
}

/// The system's save dialog for a report; `None` when cancelled.
#[tauri::command]
pub async fn pick_report_file(
    app: AppHandle,
    suggested: String,
    extension: String,
) -> Result<Option<String>> {
    Ok(app
        .dialog()
        .file()
        .set_file_name(sala_sync::names::portable_file_name(&suggested))
        .add_filter(extension.to_uppercase(), &[extension.as_str()])
        .blocking_save_file()
        .and_then(|p| p.into_path().ok())
        .map(|p| p.display().to_string()))
}

/// Produces the report asked for and writes it whole (a temporary file, flushed, renamed): an
/// existing file is replaced only by a complete one. Its folder is made if missing.
#[tauri::command]
pub async fn save_report(
    state: State<'_, AppState>,
    granted: State<'_, Granted>,
    request: ReportRequest,
) -> Result<SavedReport> {
    let (dir, name) = sala_report::report_target(&request.path, &request.format)?;
    let path = dir.join(&name);
    // The store is held only to open a read handle: the workshop is read from one snapshot of
    // the database and the file produced outside the store's lock, so saves go on meanwhile.
    let reader = state.with(|s| s.reader())?;
    let bytes = tauri::async_runtime::spawn_blocking(move || {
        let read = reader.report_reading(request.shows_pictures())?;
        sala_report::produce_request(&read.dump, &read.tables, &read.pictures, &request)
    })
    .await
    .map_err(|e| SalaError::new(ErrorCode::Storage).with("detail", e))??;
    std::fs::create_dir_all(&dir).map_err(|e| io_error(&dir, e))?;
    sala_sync::folder::write_atomic(&dir, &name, &bytes).map_err(|e| io_error(&path, e))?;
    granted.grant(&path);
    Ok(SavedReport {
        path: path.display().to_string(),
        bytes: bytes.len() as u64,
    })
}

/// Opens a written report in the program the system uses for it.
#[tauri::command]
pub async fn open_path(granted: State<'_, Granted>, path: String) -> Result<()> {
    granted.check(&path)?;
    sala_core::fsio::open_in_program(Path::new(&path))
}

/// Shows a written report in its folder.
#[tauri::command]
pub async fn reveal_path(app: AppHandle, granted: State<'_, Granted>, path: String) -> Result<()> {
    granted.check(&path)?;
    app.opener()
        .reveal_item_in_dir(&path)
        .map_err(|e| io_error(Path::new(&path), e))
}
