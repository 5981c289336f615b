//! Commands for a workshop of one's own (issue 15): the New workshop steps (a template's
//! defaults, a template file read in Rust, the problems of a draft, making it), duplicating,
//! archiving, and the coordinator's Workshop settings — facts, focus areas, guiding questions
//! and agenda, each edit a thin call into `sala-store`.

use std::path::PathBuf;

use sala_core::api::{
    AgendaDraft, DraftFromTemplate, DuplicateRequest, GroupDraft, TemplateSource, WorkshopChoice,
    WorkshopFacts, WorkshopOverview, WorkshopSettings,
};
use sala_core::model::Bilingual;
use sala_core::template::{AgendaPlan, FocusAreaPlan, TemplateProblem, WorkshopDraft};
use sala_core::{ErrorCode, SalaError};
use tauri::{AppHandle, State};
use tauri_plugin_dialog::DialogExt;

use crate::commands::reports::io_error;
use crate::sync_task::SyncControl;
use crate::{AppState, Result};

/// A template file larger than this is refused unread (the built-in one is 12 KB).
const MAX_TEMPLATE_BYTES: u64 = 1 << 20;

/// The steps' starting point: the built-in or blank template's workshop from `start_date`.
#[tauri::command]
pub async fn draft_from_template(
    state: State<'_, AppState>,
    source: TemplateSource,
    start_date: String,
) -> Result<DraftFromTemplate> {
    state.with(|s| Ok(s.draft_from(&source, start_date.trim())))
}

/// "New from template file": the system's open dialog, the file read here (never by the
/// page), its workshop or every problem in words; `None` when cancelled.
#[tauri::command]
pub async fn pick_template_file(
    app: AppHandle,
    state: State<'_, AppState>,
    start_date: String,
) -> Result<Option<DraftFromTemplate>> {
    let Some(path) = app
        .dialog()
        .file()
        .add_filter("TOML", &["toml"])
        .blocking_pick_file()
        .and_then(|p| p.into_path().ok())
    else {
        return Ok(None);
    };
    let bytes = sala_sync::folder::read_regular(&path, MAX_TEMPLATE_BYTES).map_err(|e| {
        let folder = path.parent().unwrap_or(&path);
        let name = path
            .file_name()
            .map_or_else(String::new, |n| n.to_string_lossy().into_owned());
        e.error(folder, &name, MAX_TEMPLATE_BYTES)
    })?;
    let text = String::from_utf8(bytes)
        .map_err(|_| SalaError::new(ErrorCode::BadTemplate).with("detail", "not UTF-8 text"))?;
    state.with(|s| {
        Ok(Some(s.draft_from(
            &TemplateSource::File { text },
            start_date.trim(),
        )))
    })
}

/// What stands in the way of making the workshop, each problem in words on the page.
#[tauri::command]
pub async fn workshop_draft_problems(draft: WorkshopDraft) -> Result<Vec<TemplateProblem>> {
    Ok(draft.problems())
}

/// Makes the workshop set up in the steps and switches to it.
#[tauri::command]
pub async fn new_workshop(
    state: State<'_, AppState>,
    control: State<'_, SyncControl>,
    draft: WorkshopDraft,
) -> Result<WorkshopOverview> {
    let o = state.with(|s| {
        s.new_workshop(&draft)?;
        s.overview()
    })?;
    control.kick();
    Ok(o)
}

/// The next edition of the current workshop, switched to.
#[tauri::command]
pub async fn duplicate_workshop(
    state: State<'_, AppState>,
    control: State<'_, SyncControl>,
    request: DuplicateRequest,
) -> Result<WorkshopOverview> {
    let o = state.with(|s| {
        s.duplicate_workshop(&request)?;
        s.overview()
    })?;
    control.kick();
    Ok(o)
}

/// Archives a workshop on this laptop (or brings it back); the list after.
#[tauri::command]
pub async fn set_workshop_archived(
    state: State<'_, AppState>,
    workshop_id: String,
    archived: bool,
) -> Result<Vec<WorkshopChoice>> {
    state.with(|s| {
        s.set_archived(&workshop_id, archived)?;
        s.workshops()
    })
}

/// "Save as template": the system's save dialog, then the current workshop's structure as a
/// template file, written whole; the path written, or `None` when cancelled.
#[tauri::command]
pub async fn save_template(
    app: AppHandle,
    state: State<'_, AppState>,
    suggested: String,
) -> Result<Option<String>> {
    let toml = state.with(|s| Ok(s.workshop_files()?.0.to_toml()))?;
    let Some(path): Option<PathBuf> = app
        .dialog()
        .file()
        .set_file_name(sala_sync::names::portable_file_name(&suggested))
        .add_filter("TOML", &["toml"])
        .blocking_save_file()
        .and_then(|p| p.into_path().ok())
    else {
        return Ok(None);
    };
    let (Some(dir), Some(name)) = (path.parent(), path.file_name().and_then(|n| n.to_str())) else {
        return Err(SalaError::new(ErrorCode::InvalidArgument)
            .with("name", "path")
            .with("value", path.display()));
    };
    sala_sync::folder::write_atomic(dir, name, toml.as_bytes()).map_err(|e| io_error(&path, e))?;
    Ok(Some(path.display().to_string()))
}

/// The coordinator's Workshop settings; each edit below answers with them as they are after it.
#[tauri::command]
pub async fn workshop_settings(state: State<'_, AppState>) -> Result<WorkshopSettings> {
    state.with(|s| s.workshop_settings())
}

/// Runs one edit of the Workshop settings; the settings after it.
fn edit<T>(
    state: &State<'_, AppState>,
    f: impl FnOnce(&mut sala_store::Store) -> Result<T>,
) -> Result<WorkshopSettings> {
    state.with(|s| {
        f(s)?;
        s.workshop_settings()
    })
}

/// Edits the workshop's facts: title, dates, venue, organisers, objectives.
#[tauri::command]
pub async fn update_workshop_facts(
    state: State<'_, AppState>,
    facts: WorkshopFacts,
) -> Result<WorkshopSettings> {
    edit(&state, |s| s.update_workshop_facts(&facts))
}

/// Adds a focus area.
#[tauri::command]
pub async fn add_focus_area(
    state: State<'_, AppState>,
    plan: FocusAreaPlan,
) -> Result<WorkshopSettings> {
    edit(&state, |s| s.add_focus_area(&plan))
}

/// Edits a focus area.
#[tauri::command]
pub async fn update_focus_area(
    state: State<'_, AppState>,
    id: String,
    plan: FocusAreaPlan,
) -> Result<WorkshopSettings> {
    edit(&state, |s| s.update_focus_area(&id, &plan))
}

/// Moves a focus area to a place in the list.
#[tauri::command]
pub async fn move_focus_area(
    state: State<'_, AppState>,
    id: String,
    to: u32,
) -> Result<WorkshopSettings> {
    edit(&state, |s| s.move_focus_area(&id, to as usize))
}

/// Retires a focus area (its work kept), or brings it back.
#[tauri::command]
pub async fn retire_focus_area(
    state: State<'_, AppState>,
    id: String,
    retired: bool,
) -> Result<WorkshopSettings> {
    edit(&state, |s| s.retire_focus_area(&id, retired))
}

/// Adds a guiding question.
#[tauri::command]
pub async fn add_question(state: State<'_, AppState>, text: Bilingual) -> Result<WorkshopSettings> {
    edit(&state, |s| s.add_question(&text))
}

/// Edits a guiding question's wording.
#[tauri::command]
pub async fn update_question(
    state: State<'_, AppState>,
    id: String,
    text: Bilingual,
) -> Result<WorkshopSettings> {
    edit(&state, |s| s.update_question(&id, &text))
}

/// Moves a guiding question to a place in the list.
#[tauri::command]
pub async fn move_question(
    state: State<'_, AppState>,
    id: String,
    to: u32,
) -> Result<WorkshopSettings> {
    edit(&state, |s| s.move_question(&id, to as usize))
}

/// Retires a guiding question (its notes kept), or brings it back.
#[tauri::command]
pub async fn retire_question(
    state: State<'_, AppState>,
    id: String,
    retired: bool,
) -> Result<WorkshopSettings> {
    edit(&state, |s| s.retire_question(&id, retired))
}

/// Adds a session to the agenda.
#[tauri::command]
pub async fn add_session(state: State<'_, AppState>, plan: AgendaPlan) -> Result<WorkshopSettings> {
    edit(&state, |s| s.add_agenda_item(&plan))
}

/// Edits an agenda session.
#[tauri::command]
pub async fn update_session(
    state: State<'_, AppState>,
    id: String,
    plan: AgendaPlan,
) -> Result<WorkshopSettings> {
    edit(&state, |s| s.update_agenda_plan(&id, &plan))
}

/// Removes an agenda session, or brings it back.
#[tauri::command]
pub async fn remove_session(
    state: State<'_, AppState>,
    id: String,
    removed: bool,
) -> Result<WorkshopSettings> {
    edit(&state, |s| s.remove_agenda_item(&id, removed))
}

// ── Breakout groups and agenda items, as the group screens edit them ──────────

/// Adds a breakout group; the overview after it.
#[tauri::command]
pub async fn create_group(
    state: State<'_, AppState>,
    draft: GroupDraft,
) -> Result<WorkshopOverview> {
    state.with(|s| {
        s.create_group(&draft)?;
        s.overview()
    })
}

/// Edits a breakout group (its name, focus areas, facilitator and note-taker); the overview
/// after it.
#[tauri::command]
pub async fn update_group(
    state: State<'_, AppState>,
    id: String,
    draft: GroupDraft,
) -> Result<WorkshopOverview> {
    state.with(|s| {
        s.update_group(&id, &draft)?;
        s.overview()
    })
}

/// Edits an agenda item from the group screens; the overview after it.
#[tauri::command]
pub async fn update_agenda_item(
    state: State<'_, AppState>,
    id: String,
    draft: AgendaDraft,
) -> Result<WorkshopOverview> {
    state.with(|s| {
        s.update_agenda_item(&id, &draft)?;
        s.overview()
    })
}
