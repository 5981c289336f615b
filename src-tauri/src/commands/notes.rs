//! Notes under a guiding question: capture, edit (merged with other tables' words), delete to
//! trash and restore, and the Lao typing check.

use sala_core::api::{LaoCheck, NewNote, NoteChange};
use sala_core::model::Note;
use sala_core::text;
use tauri::State;

use crate::{AppState, Result};

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
