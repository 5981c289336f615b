//! The follow-up action plan.

use sala_core::api::ActionDraft;
use sala_core::model::Action;
use tauri::State;

use crate::{AppState, Result};

/// The action plan: the live actions by due date (undated last), then title.
#[tauri::command]
pub async fn actions(state: State<'_, AppState>) -> Result<Vec<Action>> {
    state.with(|s| s.actions())
}

/// Adds an action to the plan.
#[tauri::command]
pub async fn add_action(state: State<'_, AppState>, draft: ActionDraft) -> Result<Action> {
    state.with(|s| s.add_action(&draft))
}

/// Edits an action.
#[tauri::command]
pub async fn update_action(
    state: State<'_, AppState>,
    id: String,
    draft: ActionDraft,
) -> Result<Action> {
    state.with(|s| s.update_action(&id, &draft))
}

/// Deletes an action (restorable).
#[tauri::command]
pub async fn delete_action(state: State<'_, AppState>, id: String) -> Result<Action> {
    state.with(|s| s.delete_action(&id))
}

/// Brings a deleted action back.
#[tauri::command]
pub async fn restore_action(state: State<'_, AppState>, id: String) -> Result<Action> {
    state.with(|s| s.restore_action(&id))
}
