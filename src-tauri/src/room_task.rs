//! The room (issue 20), as the app runs it: opened and closed by the user, served on the app's
//! tokio runtime, its answers written through the app's store like the laptop's own. Quitting
//! the app closes it.

use std::sync::Mutex;

use sala_core::api::RoomView;
use sala_core::{ErrorCode, SalaError};
use tauri::{AppHandle, Manager};

use crate::AppState;

/// The room while it is open: what it shows, and how to close it.
#[derive(Default)]
pub struct RoomState(pub Mutex<Option<(RoomView, tokio::sync::oneshot::Sender<()>)>>);

impl RoomState {
    pub fn view(&self) -> RoomView {
        self.0
            .lock()
            .ok()
            .and_then(|r| r.as_ref().map(|(v, _)| v.clone()))
            .unwrap_or_default()
    }
}

/// Answers from the phones, into the app's store (through its lock, like a command).
pub struct AppBackend(pub AppHandle);

impl sala_room::StoreAccess for AppBackend {
    fn with_store<T>(
        &self,
        f: impl FnOnce(&mut sala_store::Store) -> Result<T, SalaError>,
    ) -> Result<T, SalaError> {
        self.0.state::<AppState>().with(f)
    }
}

/// Opens the room offering the survey forms `offers` (closing one already open), on this
/// laptop's local network address.
pub async fn open(app: &AppHandle, offers: Vec<String>) -> Result<RoomView, SalaError> {
    if offers.is_empty() {
        return Err(SalaError::new(ErrorCode::InvalidArgument)
            .with("name", "offers")
            .with("value", ""));
    }
    let state = app.state::<AppState>();
    state.with(|s| {
        s.ensure_builtin_surveys()?;
        offers.iter().try_for_each(|k| s.survey_form(k).map(|_| ()))
    })?;
    close(app);
    let lan = sala_room::lan_address();
    let ip = lan.unwrap_or(std::net::IpAddr::V4(std::net::Ipv4Addr::LOCALHOST));
    let listener = tokio::net::TcpListener::bind((ip, 0))
        .await
        .map_err(|e| SalaError::io(ip.to_string(), &e))?;
    let local = listener
        .local_addr()
        .map_err(|e| SalaError::io(ip.to_string(), &e))?;
    let code = sala_room::room_code();
    let address = format!("http://{local}/{code}/");
    let view = RoomView {
        open: true,
        qr_svg: sala_room::qr_svg(&address),
        address,
        code: code.clone(),
        offers: offers.clone(),
        local_only: lan.is_none(),
    };
    let room = sala_room::Room {
        code,
        offers: offers.into_iter().map(sala_room::Offer::Survey).collect(),
        hosts: vec![local.to_string()],
    };
    let (stop, stopped) = tokio::sync::oneshot::channel::<()>();
    let backend = std::sync::Arc::new(AppBackend(app.clone()));
    tauri::async_runtime::spawn(sala_room::serve(listener, room, backend, async {
        let _ = stopped.await;
    }));
    if let Ok(mut r) = app.state::<RoomState>().0.lock() {
        *r = Some((view.clone(), stop));
    }
    Ok(view)
}

/// Closes the room if it is open.
pub fn close(app: &AppHandle) {
    if let Ok(mut r) = app.state::<RoomState>().0.lock()
        && let Some((_, stop)) = r.take()
    {
        let _ = stop.send(());
    }
}
