//! The app itself: the first screen's bootstrap, the UI's language and messages, the workshop's
//! overview, and start-up timing.

use sala_core::api::{AppInfo, Bootstrap, UiLanguage, WorkshopOverview};
use std::collections::BTreeMap;
use tauri::State;

use crate::{AppState, Result};

/// Every message of one language, by key.
type Messages = BTreeMap<String, String>;

/// Every message of a language; available even when the store could not be opened, so that
/// the error itself can be shown translated.
#[tauri::command]
pub async fn messages(language: UiLanguage) -> Result<Messages> {
    Ok(sala_i18n::messages(language))
}

/// The UI's language on this laptop, kept for the next start.
#[tauri::command]
pub async fn set_language(state: State<'_, AppState>, language: UiLanguage) -> Result<()> {
    state.with(|s| s.set_ui_language(language))
}

/// The current workshop: its groups, focus areas, guiding questions and agenda.
#[tauri::command]
pub async fn overview(state: State<'_, AppState>) -> Result<WorkshopOverview> {
    state.with(|s| s.overview())
}

/// Everything the first screen needs, in one round trip: the language, its messages, and the
/// workshop (or why the store could not be opened).
#[tauri::command]
pub async fn bootstrap(state: State<'_, AppState>) -> Result<Bootstrap> {
    let language = state
        .with(|s| s.ui_language())
        .ok()
        .flatten()
        .unwrap_or_else(sala_i18n::language_from_env);
    let data_dir = state.data_dir.display().to_string();
    let loaded = state.with(|s| {
        Ok((
            s.overview()?,
            AppInfo {
                device_id: s.device_id().to_owned(),
                data_dir,
                language,
                version: env!("CARGO_PKG_VERSION").to_owned(),
            },
        ))
    });
    let messages = sala_i18n::messages(language);
    Ok(match loaded {
        Ok((overview, info)) => Bootstrap {
            language,
            messages,
            overview: Some(overview),
            info: Some(info),
            error: None,
        },
        Err(e) => Bootstrap {
            language,
            messages,
            overview: None,
            info: None,
            error: Some(e),
        },
    })
}

/// The UI has painted a stage of start-up: `shell` (the frame with the workshop, its sections
/// and groups) or `workspace` (the group's notes under a guiding question). With
/// `SALA_STARTUP_REPORT` set, says so on stderr, so a harness can time start-up from the outside
/// (`cargo xtask bench`).
#[tauri::command]
pub async fn ui_ready(stage: String, since_navigation_ms: f64) -> Result<()> {
    if std::env::var_os("SALA_STARTUP_REPORT").is_some() {
        let marker = if stage == "shell" {
            "ui-ready"
        } else {
            "workspace-ready"
        };
        eprintln!("sala: {marker} ({since_navigation_ms:.0} ms after the page started loading)");
    }
    Ok(())
}
