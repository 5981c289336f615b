//! Commands for the room (issue 20): participants answer surveys from their own phones over
//! the local network. Thin calls into `room_task` (and `sala-room`).

use sala_core::api::RoomView;
use tauri::{AppHandle, State};

use crate::Result;
use crate::room_task::{self, RoomState};

/// Opens the room offering these survey forms (by key: `pre`, `post`, `follow_up`); one already
/// open is closed first. Returns where phones reach it, its code and its QR code.
#[tauri::command]
pub async fn room_open(app: AppHandle, offers: Vec<String>) -> Result<RoomView> {
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
