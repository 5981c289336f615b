//! The group's work: notes under a guiding question (capture, edits merged with other tables'
//! words, the trash, the Lao typing check), SWOT boards (cards, moving, clustering, dot votes),
//! the follow-up action plan, and search across them.

use sala_core::api::{
    ActionDraft, BoardView, LaoCheck, NewCard, NewNote, NoteChange, SearchHit, SearchQuery,
    SourceRef,
};
use sala_core::model::{Action, Note, Quadrant, SwotCard};
use sala_core::text;
use tauri::State;

use crate::{AppState, Result};

// ── Notes under a guiding question: capture, edit (merged with other tables' words), delete to ──────────

/// The live notes under one group and guiding question, oldest first.
#[tauri::command]
pub async fn notes_for(
    state: State<'_, AppState>,
    group_id: String,
    question_id: String,
) -> Result<Vec<Note>> {
    state.with(|s| s.notes_for(&group_id, &question_id))
}

/// Saves a new note.
#[tauri::command]
pub async fn add_note(state: State<'_, AppState>, note: NewNote) -> Result<Note> {
    state.with(|s| s.add_note(&note))
}

/// Saves an edit made from `base` (the text the editor started from, or last saved); words
/// other tables added meanwhile are kept in the returned note.
#[tauri::command]
pub async fn update_note(
    state: State<'_, AppState>,
    id: String,
    text: String,
    base: Option<String>,
) -> Result<Note> {
    state.with(|s| s.edit_note_text(&id, base.as_deref(), &text))
}

/// Moves a note to the trash, to restore.
#[tauri::command]
pub async fn delete_note(state: State<'_, AppState>, id: String) -> Result<Note> {
    state.with(|s| s.delete_note(&id))
}

/// Brings a note back from the trash.
#[tauri::command]
pub async fn restore_note(state: State<'_, AppState>, id: String) -> Result<Note> {
    state.with(|s| s.restore_note(&id))
}

/// Every deleted note of the workshop, to restore.
#[tauri::command]
pub async fn trash(state: State<'_, AppState>) -> Result<Vec<Note>> {
    state.with(|s| s.trash())
}

/// Changes one thing about a note: its text, language, stakeholder, key point, tags or
/// translation.
#[tauri::command]
pub async fn change_note(
    state: State<'_, AppState>,
    id: String,
    change: NoteChange,
) -> Result<Note> {
    state.with(|s| s.change_note(&id, &change))
}

/// Typing accidents in Lao text (Thai letters, zero-width spaces) and the offered fix.
#[tauri::command]
pub async fn lao_check(text: String) -> Result<LaoCheck> {
    Ok(LaoCheck {
        issues: text::lao_issues(&text),
        fixed: text::fix_lao(&text),
    })
}

// ── SWOT boards: cards, moving and clustering them, and dot votes ──────────

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

// ── The follow-up action plan ──────────

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

// ── Search across the workshop's notes and cards, and what a linked id is ──────────

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
