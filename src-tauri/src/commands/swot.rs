//! SWOT boards: cards, moving and clustering them, and dot votes.

use sala_core::api::{BoardView, NewCard};
use sala_core::model::{Quadrant, SwotCard};
use tauri::State;

use crate::{AppState, Result};

/// A group's SWOT board for a focus area: its cards by quadrant, clusters and dot votes.
#[tauri::command]
pub async fn board(
    state: State<'_, AppState>,
    group_id: String,
    focus_area_id: String,
) -> Result<BoardView> {
    state.with(|s| s.board(&group_id, &focus_area_id))
}

/// Adds a SWOT card.
#[tauri::command]
pub async fn add_card(state: State<'_, AppState>, card: NewCard) -> Result<SwotCard> {
    state.with(|s| s.add_card(&card))
}

/// Makes a SWOT card from a note, linked back to it.
#[tauri::command]
pub async fn card_from_note(
    state: State<'_, AppState>,
    note_id: String,
    focus_area_id: String,
    quadrant: Quadrant,
) -> Result<SwotCard> {
    state.with(|s| s.card_from_note(&note_id, &focus_area_id, quadrant))
}

/// Edits a card's text.
#[tauri::command]
pub async fn edit_card(state: State<'_, AppState>, id: String, text: String) -> Result<SwotCard> {
    state.with(|s| s.edit_card_text(&id, &text))
}

/// Moves a card to a quadrant, at a place in it; the board after.
#[tauri::command]
pub async fn move_card(
    state: State<'_, AppState>,
    id: String,
    quadrant: Quadrant,
    index: u32,
) -> Result<BoardView> {
    state.with(|s| s.move_card(&id, quadrant, index as usize))
}

/// Puts `other_id` into `lead_id`'s cluster; the board after.
#[tauri::command]
pub async fn cluster_cards(
    state: State<'_, AppState>,
    lead_id: String,
    other_id: String,
) -> Result<BoardView> {
    state.with(|s| s.cluster_cards(&lead_id, &other_id))
}

/// Takes a card out of its cluster; the board after.
#[tauri::command]
pub async fn uncluster_card(state: State<'_, AppState>, id: String) -> Result<BoardView> {
    state.with(|s| s.uncluster_card(&id))
}

/// One of `voter`'s dots on a card, cast in `session` (an agenda item's id).
#[tauri::command]
pub async fn vote(
    state: State<'_, AppState>,
    card_id: String,
    voter: String,
    session: Option<String>,
) -> Result<BoardView> {
    state.with(|s| s.vote_in(&card_id, &voter, session.as_deref()))
}

/// Takes back one of `voter`'s dots.
#[tauri::command]
pub async fn unvote(
    state: State<'_, AppState>,
    card_id: String,
    voter: String,
) -> Result<BoardView> {
    state.with(|s| s.unvote(&card_id, &voter))
}

/// The board's dot budget per voter.
#[tauri::command]
pub async fn set_vote_limit(
    state: State<'_, AppState>,
    group_id: String,
    focus_area_id: String,
    limit: u32,
) -> Result<BoardView> {
    state.with(|s| s.set_vote_limit(&group_id, &focus_area_id, limit))
}

/// Deletes a card (restorable).
#[tauri::command]
pub async fn delete_card(state: State<'_, AppState>, id: String) -> Result<SwotCard> {
    state.with(|s| s.delete_card(&id))
}

/// Brings a deleted card back.
#[tauri::command]
pub async fn restore_card(state: State<'_, AppState>, id: String) -> Result<SwotCard> {
    state.with(|s| s.restore_card(&id))
}
