//! Breakout groups and the agenda's items as the group screens edit them.

use sala_core::api::{AgendaDraft, GroupDraft, WorkshopOverview};
use tauri::State;

use crate::{AppState, Result};

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
