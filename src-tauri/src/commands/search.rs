//! Search across the workshop's notes and cards, and what a linked id is.

use sala_core::api::{SearchHit, SearchQuery, SourceRef};
use tauri::State;

use crate::{AppState, Result};

/// Notes and SWOT cards matching the query, best first; Lao words are found inside unspaced
/// text.
#[tauri::command]
pub async fn search(state: State<'_, AppState>, query: SearchQuery) -> Result<Vec<SearchHit>> {
    state.with(|s| s.search(&query))
}

/// What each of these ids is (a note or a card) and its text, for showing links.
#[tauri::command]
pub async fn sources(state: State<'_, AppState>, ids: Vec<String>) -> Result<Vec<SourceRef>> {
    state.with(|s| s.sources(&ids))
}
