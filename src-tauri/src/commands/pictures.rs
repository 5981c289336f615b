//! Pictures kept with a group's work (issue 21): attached from a file, a drop or a paste, listed
//! with their thumbnails, shown whole for the projector, captioned, to the trash and back.

use sala_core::api::{PictureFile, PictureItem, PictureTarget};
use sala_core::model::Picture;
use sala_core::{ErrorCode, SalaError};
use tauri::State;

use crate::{AppState, Result};

/// Keeps a picture the user gave (a file picked, dropped or pasted) with `target`'s work: made
/// upright, scaled and stripped of its metadata away from the store, then saved.
#[tauri::command]
pub async fn attach_picture(
    state: State<'_, AppState>,
    target: PictureTarget,
    file: PictureFile,
    caption: String,
) -> Result<Picture> {
    let prepared =
        tauri::async_runtime::spawn_blocking(move || sala_store::pictures::prepare_file(&file))
            .await
            .map_err(|e| SalaError::new(ErrorCode::Storage).with("detail", e))??;
    state.with(|s| s.add_picture(&target, &caption, &prepared))
}

/// A group's pictures (live, in the order added), each with whether it has arrived and its
/// thumbnail.
#[tauri::command]
pub async fn group_pictures(
    state: State<'_, AppState>,
    group_id: String,
) -> Result<Vec<PictureItem>> {
    state.with(|s| s.picture_items(Some(&group_id), false))
}

/// The workshop's pictures in the trash.
#[tauri::command]
pub async fn pictures_in_trash(state: State<'_, AppState>) -> Result<Vec<PictureItem>> {
    state.with(|s| s.picture_items(None, true))
}

/// A picture whole, as a `data:` address (the full-screen viewer).
#[tauri::command]
pub async fn picture_data(state: State<'_, AppState>, id: String) -> Result<String> {
    state.with(|s| {
        let picture = s.picture(&id)?;
        let data = s.picture_data(&picture)?;
        Ok(sala_store::pictures::data_address(
            picture.format.media_type(),
            &data,
        ))
    })
}

/// Changes a picture's caption.
#[tauri::command]
pub async fn set_picture_caption(
    state: State<'_, AppState>,
    id: String,
    caption: String,
) -> Result<Picture> {
    state.with(|s| s.set_picture_caption(&id, &caption))
}

/// Puts a picture in the trash.
#[tauri::command]
pub async fn delete_picture(state: State<'_, AppState>, id: String) -> Result<Picture> {
    state.with(|s| s.delete_picture(&id))
}

/// Brings a picture back from the trash.
#[tauri::command]
pub async fn restore_picture(state: State<'_, AppState>, id: String) -> Result<Picture> {
    state.with(|s| s.restore_picture(&id))
}
