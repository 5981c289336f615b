//! The room (issue 20), as the app runs it: opened and closed by the user, served on the app's
//! tokio runtime, its answers written through the app's store like the laptop's own. Quitting
//! the app closes it.

use std::sync::Mutex;

use sala_core::SalaError;
use sala_core::api::{RoomOffer, RoomView};
use tauri::{AppHandle, Emitter, Manager};

use crate::AppState;

/// The room while it is open: what it shows, what it offers, and how to close it.
pub struct OpenRoom {
    view: RoomView,
    offers: sala_room::Offers,
    stop: tokio::sync::oneshot::Sender<()>,
}

#[derive(Default)]
pub struct RoomState(pub Mutex<Option<OpenRoom>>);

impl RoomState {
    pub fn view(&self) -> RoomView {
        self.0
            .lock()
            .ok()
            .and_then(|r| r.as_ref().map(|r| r.view.clone()))
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

    fn arrived(&self, what: sala_room::Arrival) {
        // The window shows it at once (a queue, a count); missing it only delays that.
        let _ = self.0.emit("room-arrival", what);
    }
}

/// Opens the room offering `offers` on this laptop's local network address. A room already
/// open keeps its address and code and offers these from now on: the phones stay where they are.
pub async fn open(app: &AppHandle, offers: Vec<RoomOffer>) -> Result<RoomView, SalaError> {
    app.state::<AppState>()
        .with(|s| sala_room::check_offers(s, &offers))?;
    if let Ok(mut r) = app.state::<RoomState>().0.lock()
        && let Some(open) = r.as_mut()
    {
        open.offers.set(offers.clone());
        open.view.offers = offers;
        return Ok(open.view.clone());
    }
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
    let shared = sala_room::Offers::new(offers);
    let room = sala_room::Room {
        code,
        offers: shared.clone(),
        hosts: vec![local.to_string()],
    };
    let (stop, stopped) = tokio::sync::oneshot::channel::<()>();
    let backend = std::sync::Arc::new(AppBackend(app.clone()));
    tauri::async_runtime::spawn(sala_room::serve(listener, room, backend, async {
        let _ = stopped.await;
    }));
    if let Ok(mut r) = app.state::<RoomState>().0.lock() {
        *r = Some(OpenRoom {
            view: view.clone(),
            offers: shared,
            stop,
        });
    }
    Ok(view)
}

/// Closes the room if it is open.
pub fn close(app: &AppHandle) {
    if let Ok(mut r) = app.state::<RoomState>().0.lock()
        && let Some(open) = r.take()
    {
        let _ = open.stop.send(());
    }
}
