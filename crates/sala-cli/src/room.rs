//! `sala room open`: the room in the foreground — participants answer the workshop's surveys
//! from their phones over the local network (issue 20, crates/sala-room). Ctrl+C closes it.

use std::net::{IpAddr, Ipv4Addr, SocketAddr};
use std::sync::Arc;

use clap::Subcommand;
use sala_core::api::UiLanguage;
use sala_core::{ErrorCode, SalaError};
use sala_i18n::message;
use sala_room::{Offer, Room, StoreBackend};
use sala_store::Store;

use crate::out;

#[derive(Debug, Subcommand)]
pub enum RoomCommand {
    /// Open the room on this laptop's local network address and wait; Ctrl+C closes it.
    Open {
        /// What the room offers, one or more: survey:pre, survey:post, survey:follow_up.
        #[arg(long = "offer", value_name = "WHAT")]
        offers: Vec<String>,
        /// The port (default: one the system gives).
        #[arg(long, default_value_t = 0)]
        port: u16,
        /// The room code (default: a new one; 4 to 32 letters and digits).
        #[arg(long)]
        code: Option<String>,
        /// The address to open it on (default: this laptop's local network address).
        #[arg(long, value_name = "IP")]
        bind: Option<IpAddr>,
    },
}

fn bad(name: &str, value: &str) -> SalaError {
    SalaError::new(ErrorCode::InvalidArgument)
        .with("name", name)
        .with("value", value)
}

pub fn run(mut store: Store, lang: UiLanguage, command: RoomCommand) -> Result<(), SalaError> {
    let RoomCommand::Open {
        offers,
        port,
        code,
        bind,
    } = command;
    let say =
        |key: &str, params: &[(&str, &str)]| message(lang, &format!("room.cli.{key}"), params);
    if offers.is_empty() {
        return Err(bad("--offer", &say("no_offer", &[])));
    }
    let offers = offers
        .iter()
        .map(|o| Offer::parse(o).ok_or_else(|| bad("--offer", &say("bad_offer", &[("offer", o)]))))
        .collect::<Result<Vec<_>, _>>()?;
    // Every form offered is there (the built-in ones are made the first time).
    store.ensure_builtin_surveys()?;
    for offer in &offers {
        match offer {
            Offer::Survey(key) => store.survey_form(key).map(|_| ())?,
        }
    }
    let code = match code {
        Some(c) if (4..=32).contains(&c.len()) && c.bytes().all(|b| b.is_ascii_alphanumeric()) => c,
        Some(c) => return Err(bad("--code", &c)),
        None => sala_room::room_code(),
    };
    let lan = bind.or_else(sala_room::lan_address);
    let ip = lan.unwrap_or(IpAddr::V4(Ipv4Addr::LOCALHOST));
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()
        .map_err(|e| SalaError::new(ErrorCode::Storage).with("detail", e.to_string()))?;
    runtime.block_on(async move {
        let listener = tokio::net::TcpListener::bind(SocketAddr::new(ip, port))
            .await
            .map_err(|e| SalaError::io(format!("{ip}:{port}"), &e))?;
        let local = listener
            .local_addr()
            .map_err(|e| SalaError::io(format!("{ip}:{port}"), &e))?;
        let address = format!("http://{local}/{code}/");
        let shown: Vec<String> = offers
            .iter()
            .map(|o| match o {
                Offer::Survey(k) => format!("survey:{k}"),
            })
            .collect();
        if lan.is_some() {
            out(&say("open", &[("address", &address), ("code", &code)]))?;
        } else {
            out(&say("local_only", &[("address", &address)]))?;
        }
        out(&say("offers", &[("offers", &shown.join(", "))]))?;
        out(&say("plain_http", &[]))?;
        out(&say("close", &[]))?;
        let room = Room {
            code,
            offers,
            hosts: vec![local.to_string()],
        };
        let backend = Arc::new(StoreBackend::new(store));
        sala_room::serve(listener, room, backend, async {
            let _ = tokio::signal::ctrl_c().await;
        })
        .await
        .map_err(|e| SalaError::io(local.to_string(), &e))?;
        out(&say("closed", &[]))
    })
}
