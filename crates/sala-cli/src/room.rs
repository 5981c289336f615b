//! `sala room`: the room in the foreground — participants answer the workshop's surveys and
//! send ideas from their phones over the local network (issue 20, crates/sala-room); Ctrl+C
//! closes it. `ideas`, `accept`, `merge`, `reject`: the moderation queue of those ideas.

use std::net::{IpAddr, Ipv4Addr, SocketAddr};
use std::sync::Arc;

use clap::Subcommand;
use sala_core::api::UiLanguage;
use sala_core::model::{Idea, IdeaStatus};
use sala_core::{ErrorCode, SalaError};
use sala_i18n::message;
use sala_room::{Room, StoreBackend};
use sala_store::Store;

use crate::out;

#[derive(Debug, Subcommand)]
pub enum RoomCommand {
    /// Open the room on this laptop's local network address and wait; Ctrl+C closes it.
    Open {
        /// What the room offers, one or more: survey:pre, survey:post, survey:follow_up,
        /// ideas:GROUP:N (ideas for guiding question N of a group), pictures:GROUP (photos from
        /// the facilitator's phone to a group's work), vote:GROUP:FOCUS (dot
        /// voting on a group's SWOT board for a focus area, by its code).
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
    /// The participants' ideas waiting for a table to read them, oldest first.
    Ideas {
        /// Only this group's (its name).
        #[arg(long)]
        group: Option<String>,
        /// Every idea, also those accepted, merged or rejected.
        #[arg(long)]
        all: bool,
        /// As JSON.
        #[arg(long)]
        json: bool,
    },
    /// Accept an idea: it becomes a note of its group and question, from a participant.
    Accept {
        /// The idea (the id `sala room ideas` shows).
        id: String,
        /// The note's text, when the table edits it (the idea keeps what was sent).
        #[arg(long)]
        text: Option<String>,
    },
    /// Merge an idea into a note already there: its text is added to the note's.
    Merge {
        /// The idea (the id `sala room ideas` shows).
        id: String,
        /// The note (its id).
        #[arg(long)]
        into: String,
    },
    /// Reject an idea: it leaves the queue, kept.
    Reject {
        /// The idea (the id `sala room ideas` shows).
        id: String,
    },
}

fn bad(name: &str, value: &str) -> SalaError {
    SalaError::new(ErrorCode::InvalidArgument)
        .with("name", name)
        .with("value", value)
}

pub fn run(mut store: Store, lang: UiLanguage, command: RoomCommand) -> Result<(), SalaError> {
    let say =
        |key: &str, params: &[(&str, &str)]| message(lang, &format!("room.cli.{key}"), params);
    let (offers, port, code, bind) = match command {
        RoomCommand::Open {
            offers,
            port,
            code,
            bind,
        } => (offers, port, code, bind),
        RoomCommand::Ideas { group, all, json } => {
            return list_ideas(&store, lang, group.as_deref(), all, json);
        }
        RoomCommand::Accept { id, text } => {
            let note = store.accept_idea(&id, text.as_deref(), None)?;
            return out(&say("accepted", &[("note", &note.id)]));
        }
        RoomCommand::Merge { id, into } => {
            let note = store.merge_idea(&id, &into)?;
            return out(&say("merged", &[("note", &note.id)]));
        }
        RoomCommand::Reject { id } => {
            store.reject_idea(&id)?;
            return out(&say("rejected", &[]));
        }
    };
    if offers.is_empty() {
        return Err(bad("--offer", &say("no_offer", &[])));
    }
    let offers = offers
        .iter()
        .map(|o| {
            sala_room::parse_offer(&store, o)?
                .ok_or_else(|| bad("--offer", &say("bad_offer", &[("offer", o)])))
        })
        .collect::<Result<Vec<_>, _>>()?;
    sala_room::check_offers(&mut store, &offers)?;
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
            .map(|o| sala_room::offer_spec(&store, o))
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
            offers: sala_room::Offers::new(offers),
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

/// The last 8 characters of an idea's id: its random part, what `accept` and `reject` take.
fn short_id(idea: &Idea) -> &str {
    &idea.id[idea.id.len().saturating_sub(8)..]
}

fn list_ideas(
    store: &Store,
    lang: UiLanguage,
    group: Option<&str>,
    all: bool,
    as_json: bool,
) -> Result<(), SalaError> {
    let ideas = store.ideas(group, !all)?;
    if as_json {
        let text = serde_json::to_string_pretty(&ideas)
            .map_err(|e| SalaError::new(ErrorCode::Storage).with("detail", e.to_string()))?;
        return out(&text);
    }
    if ideas.is_empty() {
        return out(&message(lang, "room.cli.no_ideas", &[]));
    }
    let overview = store.overview()?;
    for idea in &ideas {
        let group = overview
            .groups
            .iter()
            .find(|g| g.id == idea.group_id)
            .map_or("?", |g| g.name.as_str());
        let number = overview
            .questions
            .iter()
            .find(|q| q.id == idea.question_id)
            .map_or_else(|| "?".to_owned(), |q| q.number.to_string());
        let status = message(
            lang,
            &format!("idea.status.{}", status_key(idea.status)),
            &[],
        );
        out(&message(
            lang,
            "room.cli.idea",
            &[
                ("id", short_id(idea)),
                ("group", group),
                ("n", &number),
                ("status", &status),
                ("text", &idea.text.replace('\n', " ")),
            ],
        ))?;
    }
    Ok(())
}

fn status_key(status: IdeaStatus) -> &'static str {
    match status {
        IdeaStatus::Pending => "pending",
        IdeaStatus::Accepted => "accepted",
        IdeaStatus::Merged => "merged",
        IdeaStatus::Rejected => "rejected",
    }
}
