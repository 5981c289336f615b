//! Commands for the room (issue 20): participants answer surveys and send ideas from their own
//! phones over the local network; the group's moderation queue of those ideas. Thin calls into
//! `room_task` (and `sala-room`) and the store.

use sala_core::api::{RoomOffer, RoomResults, RoomView};
use sala_core::model::{Idea, Note};
use tauri::{AppHandle, State};

use crate::room_task::{self, RoomState};
use crate::{AppState, Result};

/// Opens the room with these offers; a room already open keeps its address and code and offers
/// these from now on. Returns where phones reach it, its code and its QR code.
#[tauri::command]
pub async fn room_open(app: AppHandle, offers: Vec<RoomOffer>) -> Result<RoomView> {
    room_task::open(&app, offers).await
}

/// Closes the room: phones reach nothing any more.
#[tauri::command]
pub async fn room_close(app: AppHandle) -> Result<RoomView> {
    room_task::close(&app);
    Ok(RoomView::default())
}

/// The room as it is: open or not, and where.
#[tauri::command]
pub async fn room_status(room: State<'_, RoomState>) -> Result<RoomView> {
    Ok(room.view())
}

// ── The moderation queue: participants' ideas, read by the table before they become notes ──

/// The ideas waiting under one group and guiding question, oldest first.
#[tauri::command]
pub async fn pending_ideas(
    state: State<'_, AppState>,
    group_id: String,
    question_id: String,
) -> Result<Vec<Idea>> {
    state.with(|s| s.pending_ideas(&group_id, &question_id))
}

/// Accepts an idea: it becomes a note (its text as sent, or `text` as the table edited it),
/// from a participant, in the session given.
#[tauri::command]
pub async fn accept_idea(
    state: State<'_, AppState>,
    id: String,
    text: Option<String>,
    agenda_item_id: Option<String>,
) -> Result<Note> {
    state.with(|s| s.accept_idea(&id, text.as_deref(), agenda_item_id.as_deref()))
}

/// Merges an idea into a note of its group and question: its text is added to the note's.
#[tauri::command]
pub async fn merge_idea(state: State<'_, AppState>, id: String, note_id: String) -> Result<Note> {
    state.with(|s| s.merge_idea(&id, &note_id))
}

/// Rejects an idea: it leaves the queue, kept.
#[tauri::command]
pub async fn reject_idea(state: State<'_, AppState>, id: String) -> Result<Idea> {
    state.with(|s| s.reject_idea(&id))
}

/// Puts a rejected idea back in the queue.
#[tauri::command]
pub async fn reconsider_idea(state: State<'_, AppState>, id: String) -> Result<Idea> {
    state.with(|s| s.reconsider_idea(&id))
}

/// What the open room's offers have gathered so far: the projector's live results (survey
/// answers, the ideas the table accepted and their words, the dots per card). Nothing when the
/// room is closed.
#[tauri::command]
pub async fn room_results(
    state: State<'_, AppState>,
    room: State<'_, RoomState>,
) -> Result<RoomResults> {
    let offers = room.view().offers;
    state.with(|s| sala_room::results(s, &offers))
}
