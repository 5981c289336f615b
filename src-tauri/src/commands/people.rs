//! Participants: the list, importing an invitation list (CSV/XLSX), and attendance.

use sala_core::api::{ImportPreview, ParticipantDraft};
use sala_core::model::{Attendance, Participant};
use tauri::State;

use crate::{AppState, Result};

/// The live participants in Lao alphabetical order (Latin names after Lao ones).
#[tauri::command]
pub async fn participants(state: State<'_, AppState>) -> Result<Vec<Participant>> {
    state.with(|s| s.participants())
}

/// Adds a participant by hand.
#[tauri::command]
pub async fn add_participant(
    state: State<'_, AppState>,
    draft: ParticipantDraft,
) -> Result<Participant> {
    state.with(|s| s.add_participant(&draft))
}

/// Edits a participant.
#[tauri::command]
pub async fn update_participant(
    state: State<'_, AppState>,
    id: String,
    draft: ParticipantDraft,
) -> Result<Participant> {
    state.with(|s| s.update_participant(&id, &draft))
}

/// Deletes a participant.
#[tauri::command]
pub async fn delete_participant(state: State<'_, AppState>, id: String) -> Result<Participant> {
    state.with(|s| s.delete_participant(&id))
}

/// Brings a deleted participant back (the undo of a delete).
#[tauri::command]
pub async fn restore_participant(state: State<'_, AppState>, id: String) -> Result<Participant> {
    state.with(|s| s.restore_participant(&id))
}

/// Reads a participant list (the file's bytes, as the user picked it) into a preview.
#[tauri::command]
pub async fn preview_participants(
    state: State<'_, AppState>,
    file_name: String,
    bytes: Vec<u8>,
) -> Result<ImportPreview> {
    check_import_size(&bytes)?;
    state.with(|s| s.preview_participants(&file_name, &bytes))
}

/// Imports a participant list: every row, or with `skip_bad` the rows without problems, in
/// one transaction; refused, writing nothing, when rows have problems and `skip_bad` is off.
/// How many were imported.
#[tauri::command]
pub async fn import_participants(
    state: State<'_, AppState>,
    file_name: String,
    bytes: Vec<u8>,
    skip_bad: bool,
) -> Result<u32> {
    check_import_size(&bytes)?;
    state.with(|s| s.import_participants(&file_name, &bytes, skip_bad))
}

/// An invitation list is kilobytes; refuse what is clearly not one before parsing it.
pub(crate) fn check_import_size(bytes: &[u8]) -> Result<()> {
    sala_store::sheet::check_size(bytes)
}

/// Who is checked in on a day of the workshop.
#[tauri::command]
pub async fn attendance(state: State<'_, AppState>, day: u32) -> Result<Vec<Attendance>> {
    state.with(|s| s.attendance(day))
}

/// Checks a participant in (or out) for a day.
#[tauri::command]
pub async fn set_attendance(
    state: State<'_, AppState>,
    participant_id: String,
    day: u32,
    present: bool,
) -> Result<Attendance> {
    state.with(|s| s.set_attendance(&participant_id, day, present))
}
