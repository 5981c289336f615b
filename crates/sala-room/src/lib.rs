//! The room (issue 20): participants answer the workshop's surveys and send ideas for a group's
//! guiding question from their own phones, over the venue's local network (or the coordinator
//! laptop's hotspot) — no internet.
//!
//! A laptop opens the room: a small HTTP server ([`serve`]) on its local network address, and a
//! room code. Phones load one page (`page/`: HTML, a script, a style sheet, every word from the
//! locale files) at `http://ADDRESS/CODE/`, and see nothing but what the room offers now
//! ([`Offers`], which the facilitator may change while the room is open). What they send goes
//! through the same checks as the laptop's own ([`Backend`]; [`StoreBackend`] writes answers
//! into the laptop's store as ordinary responses with where they came from, and ideas into the
//! group's moderation queue).
//!
//! Safety (docs/security.md, "The room"): every request names the room code (a wrong or missing
//! code is a plain 404, compared in constant time); the `Host` header must be the room's own
//! address (no DNS rebinding); bodies are at most [`MAX_BODY`]; each phone's address has a
//! token bucket ([`guard::RateLimit`]); the page has a strict content security policy and is
//! never cached. Plain HTTP on a local network is readable by others on the same Wi-Fi: the
//! app says so, and advises a hotspot with a password.

pub mod guard;
pub mod offline;
mod page;

use std::collections::BTreeMap;
use std::net::{IpAddr, SocketAddr};
use std::sync::{Arc, Mutex};

use axum::Router;
use axum::extract::{ConnectInfo, DefaultBodyLimit, Path, Query, State};
use axum::http::{HeaderMap, HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Response};
use axum::routing::get;
use sala_core::api::{RoomOffer, RoomResults, UiLanguage};
use sala_core::model::{Bilingual, Idea};
use sala_core::survey::{Answer, ResponseSource, SurveyForm, SurveySection};
use sala_core::{ErrorCode, SalaError};
use sala_store::Store;
use serde::{Deserialize, Serialize};

/// The largest request body a phone may send (a survey's answers; its long texts are at most
/// 20,000 characters, and nobody types that on a phone).
pub const MAX_BODY: usize = 64 * 1024;
/// The largest picture a phone sends (base64 of the largest file Sala takes, and its JSON).
pub const MAX_PICTURE_BODY: usize =
    ((sala_core::text::MAX_PICTURE_FILE_MB as usize) << 20) / 3 * 4 + 64 * 1024;
/// The longest phone id accepted (the page makes 32 hex digits).
pub const MAX_PHONE_ID: usize = 64;

/// `survey:KEY`, `ideas:GROUP:N` or `vote:GROUP:FOCUS` (the CLI's `--offer`; GROUP a group's
/// name, N a guiding question's number, FOCUS a focus area's code or name), resolved in `store`. `Ok(None)`: `spec` is neither form.
pub fn parse_offer(store: &Store, spec: &str) -> Result<Option<RoomOffer>, SalaError> {
    let mut parts = spec.splitn(3, ':').map(str::trim);
    match (parts.next(), parts.next(), parts.next()) {
        (Some("survey"), Some(key), None) if !key.is_empty() => Ok(Some(RoomOffer::Survey {
            key: key.to_owned(),
        })),
        (Some("ideas"), Some(group), Some(number)) if !group.is_empty() => {
            let Ok(number) = number.parse::<u32>() else {
                return Ok(None);
            };
            Ok(Some(RoomOffer::Ideas {
                group_id: store.find_group(group)?.id,
                question_id: store.question_by_number(number)?.id,
            }))
        }
        (Some("vote"), Some(group), Some(focus)) if !group.is_empty() && !focus.is_empty() => {
            Ok(Some(RoomOffer::Vote {
                group_id: store.find_group(group)?.id,
                focus_area_id: store.focus_area(focus)?.id,
            }))
        }
        (Some("pictures"), Some(group), None) if !group.is_empty() => {
            Ok(Some(RoomOffer::Pictures {
                group_id: store.find_group(group)?.id,
            }))
        }
        _ => Ok(None),
    }
}

/// An offer as the CLI writes it (`survey:pre`, `ideas:A:2`).
pub fn offer_spec(store: &Store, offer: &RoomOffer) -> String {
    match offer {
        RoomOffer::Survey { key } => format!("survey:{key}"),
        RoomOffer::Ideas {
            group_id,
            question_id,
        } => {
            let group = store
                .find_group(group_id)
                .map_or_else(|_| group_id.clone(), |g| g.name);
            let number = idea_target(store, group_id, question_id)
                .map_or_else(|_| question_id.clone(), |t| t.number.to_string());
            format!("ideas:{group}:{number}")
        }
        RoomOffer::Vote {
            group_id,
            focus_area_id,
        } => {
            let group = store
                .find_group(group_id)
                .map_or_else(|_| group_id.clone(), |g| g.name);
            let focus = store
                .focus_area(focus_area_id)
                .map_or_else(|_| focus_area_id.clone(), |f| f.code);
            format!("vote:{group}:{focus}")
        }
        RoomOffer::Pictures { group_id } => {
            let group = store
                .find_group(group_id)
                .map_or_else(|_| group_id.clone(), |g| g.name);
            format!("pictures:{group}")
        }
    }
}

/// Checks that every offer names what the store holds — the forms (the built-in ones are made
/// the first time), the groups and the questions — before a room opens with them.
pub fn check_offers(store: &mut Store, offers: &[RoomOffer]) -> Result<(), SalaError> {
    if offers.is_empty() {
        return Err(SalaError::new(ErrorCode::InvalidArgument)
            .with("name", "offers")
            .with("value", ""));
    }
    store.ensure_builtin_surveys()?;
    for offer in offers {
        match offer {
            RoomOffer::Survey { key } => store.survey_form(key).map(|_| ())?,
            RoomOffer::Ideas {
                group_id,
                question_id,
            } => idea_target(store, group_id, question_id).map(|_| ())?,
            RoomOffer::Vote {
                group_id,
                focus_area_id,
            } => vote_target(store, group_id, focus_area_id).map(|_| ())?,
            RoomOffer::Pictures { group_id } => store.find_group(group_id).map(|_| ())?,
        }
    }
    Ok(())
}

/// What phones are told of a board they vote on.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct VoteTarget {
    /// The group's name.
    pub group: String,
    /// The focus area's name.
    pub focus: Bilingual,
}

/// The group and focus area of a vote offer: a board the group works on.
pub fn vote_target(
    store: &Store,
    group_id: &str,
    focus_area_id: &str,
) -> Result<VoteTarget, SalaError> {
    let group = store.find_group(group_id)?;
    let focus = store.focus_area(focus_area_id)?;
    if !group.focus_area_ids.contains(&focus.id) {
        return Err(SalaError::new(ErrorCode::InvalidArgument)
            .with("name", "focus")
            .with("value", focus.code));
    }
    Ok(VoteTarget {
        group: group.name,
        focus: focus.name,
    })
}

/// The voter a phone's dots are cast as: not a name, its anonymous id (all of it: two phones
/// never share a dot budget).
pub fn phone_voter(phone: &str) -> String {
    format!("📱{phone}")
}

/// One card as a voting phone sees it: its text and this phone's dots on it (not the others').
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct PhoneCard {
    pub id: String,
    pub quadrant: sala_core::model::Quadrant,
    pub text: String,
    pub mine: u32,
}

/// A board as a voting phone sees it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct PhoneBoard {
    #[serde(flatten)]
    pub target: VoteTarget,
    pub vote_limit: u32,
    /// The dots this phone has placed.
    pub used: u32,
    pub cards: Vec<PhoneCard>,
}

fn phone_board(
    store: &Store,
    group_id: &str,
    focus_area_id: &str,
    phone: Option<&str>,
) -> Result<PhoneBoard, SalaError> {
    let target = vote_target(store, group_id, focus_area_id)?;
    let board = store.board(group_id, focus_area_id)?;
    let voter = phone.map(phone_voter);
    let cards: Vec<PhoneCard> = board
        .cards
        .into_iter()
        .map(|c| PhoneCard {
            mine: c
                .voters
                .iter()
                .filter(|v| Some(v.as_str()) == voter.as_deref())
                .count() as u32,
            id: c.card.id,
            quadrant: c.card.quadrant,
            text: c.card.text,
        })
        .collect();
    Ok(PhoneBoard {
        target,
        vote_limit: board.vote_limit,
        used: cards.iter().map(|c| c.mine).sum(),
        cards,
    })
}

/// The most names a phone is shown for one search.
pub const MAX_PEOPLE_FOUND: usize = 5;

/// A participant a phone may answer as: a name, nothing else (no organisation, no contact).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct PersonMatch {
    pub id: String,
    pub name: Bilingual,
}

/// Participants of the workshop whose name (either language, case and accents folded) has
/// `query` in it: none for fewer than two letters, none for an anonymous form, at most
/// [`MAX_PEOPLE_FOUND`].
pub fn find_people(store: &Store, key: &str, query: &str) -> Result<Vec<PersonMatch>, SalaError> {
    let form = store.survey_form(key)?;
    let wanted = sala_text::fold(query.trim());
    if form.anonymous || wanted.chars().count() < 2 {
        return Ok(Vec::new());
    }
    Ok(store
        .participants()?
        .into_iter()
        .filter(|p| {
            sala_text::fold(&p.name.en).contains(&wanted)
                || sala_text::fold(&p.name.lo).contains(&wanted)
        })
        .take(MAX_PEOPLE_FOUND)
        .map(|p| PersonMatch {
            id: p.id,
            name: p.name,
        })
        .collect())
}

/// What phones are told of a question they send ideas for.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct IdeaTarget {
    /// The group's name.
    pub group: String,
    pub number: u32,
    pub text: Bilingual,
}

/// The group and question of an ideas offer, as phones see them.
pub fn idea_target(
    store: &Store,
    group_id: &str,
    question_id: &str,
) -> Result<IdeaTarget, SalaError> {
    let group = store.find_group(group_id)?;
    let question = store
        .overview()?
        .questions
        .into_iter()
        .find(|q| q.id == question_id)
        .ok_or_else(|| {
            SalaError::new(ErrorCode::NotFound)
                .with("entity", "guiding_question")
                .with("id", question_id)
        })?;
    Ok(IdeaTarget {
        group: group.name,
        number: question.number,
        text: question.text,
    })
}

pub use sala_core::api::RoomArrival as Arrival;

/// What an open room offers now: shared between the server and whoever opened it, so the
/// facilitator can change the activity without the phones having to find the room again.
#[derive(Debug, Clone, Default)]
pub struct Offers(Arc<std::sync::RwLock<Vec<RoomOffer>>>);

impl Offers {
    pub fn new(offers: Vec<RoomOffer>) -> Offers {
        Offers(Arc::new(std::sync::RwLock::new(offers)))
    }

    /// What is offered now.
    pub fn get(&self) -> Vec<RoomOffer> {
        self.0.read().map(|o| o.clone()).unwrap_or_default()
    }

    /// Offers `offers` from now on; a phone busy with one no longer offered is told so.
    pub fn set(&self, offers: Vec<RoomOffer>) {
        if let Ok(mut o) = self.0.write() {
            *o = offers;
        }
    }

    fn any(&self, f: impl Fn(&RoomOffer) -> bool) -> bool {
        self.0.read().map(|o| o.iter().any(f)).unwrap_or(false)
    }
}

/// An open room: its code and what it offers.
#[derive(Debug, Clone)]
pub struct Room {
    pub code: String,
    pub offers: Offers,
    /// The `Host` values a request may carry: the room's own address(es), `IP:PORT`.
    pub hosts: Vec<String>,
}

/// A new room code: 6 characters a person can read out and type (no 0/O, 1/I/L).
pub fn room_code() -> String {
    const ALPHABET: &[u8] = b"23456789ABCDEFGHJKMNPQRSTUVWXYZ";
    let mut bytes = [0u8; 6];
    // Without randomness there is no room: a predictable code would let anyone in.
    getrandom::fill(&mut bytes).unwrap_or_else(|_| {
        let nanos = std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .map_or(0, |d| d.as_nanos());
        bytes.copy_from_slice(&nanos.to_le_bytes()[..6]);
    });
    bytes
        .iter()
        .map(|b| ALPHABET[usize::from(*b) % ALPHABET.len()] as char)
        .collect()
}

/// The address of this laptop on the local network: the one its default route leaves from
/// (a UDP socket "connected" to a documentation address sends nothing). `None` with no network
/// at all — the room then opens on this laptop only.
pub fn lan_address() -> Option<IpAddr> {
    let socket = std::net::UdpSocket::bind("0.0.0.0:0").ok()?;
    socket.connect("192.0.2.1:9").ok()?;
    let ip = socket.local_addr().ok()?.ip();
    (!ip.is_unspecified()).then_some(ip)
}

/// Where the room's answers go: the laptop's store, behind whatever lock it lives in. Every
/// call may wait for that lock: the server makes them on a blocking thread.
pub trait Backend: Send + Sync + 'static {
    /// The latest version of form `key`.
    fn survey(&self, key: &str) -> Result<SurveyForm, SalaError>;
    /// Whether `phone` has answered form `key`.
    fn answered(&self, key: &str, phone: &str) -> Result<bool, SalaError>;
    /// Records `phone`'s answers to form `key` (checked as the laptop's own are), given by
    /// `participant` when the form is linked and they found their name.
    fn answer(
        &self,
        key: &str,
        phone: &str,
        participant: Option<&str>,
        answers: BTreeMap<String, Answer>,
    ) -> Result<(), SalaError>;
    /// Participants whose name has `query` (two letters or more) in it, a few at most — for a
    /// linked form only: nobody sees the whole list.
    fn find_people(&self, key: &str, query: &str) -> Result<Vec<PersonMatch>, SalaError>;
    /// The group and question of an ideas offer.
    fn idea_target(&self, group_id: &str, question_id: &str) -> Result<IdeaTarget, SalaError>;
    /// The ideas `phone` sent for a question of a group, oldest first.
    fn ideas_sent(
        &self,
        group_id: &str,
        question_id: &str,
        phone: &str,
    ) -> Result<Vec<Idea>, SalaError>;
    /// Puts `phone`'s idea into the group's moderation queue.
    fn send_idea(
        &self,
        group_id: &str,
        question_id: &str,
        phone: &str,
        text: &str,
    ) -> Result<Idea, SalaError>;
    /// The board of a vote offer as `phone` sees it (its own dots only).
    fn board(
        &self,
        group_id: &str,
        focus_area_id: &str,
        phone: Option<&str>,
    ) -> Result<PhoneBoard, SalaError>;
    /// Places (`add`) or takes back one of `phone`'s dots on a card of that board, within the
    /// board's dot budget.
    fn vote(
        &self,
        group_id: &str,
        focus_area_id: &str,
        phone: &str,
        card_id: &str,
        add: bool,
    ) -> Result<PhoneBoard, SalaError>;
    /// The name of the group a pictures offer sends to.
    fn picture_group(&self, group_id: &str) -> Result<String, SalaError>;
    /// Keeps a picture a phone sent (made fit to keep before: `sala_picture::prepare`) with the
    /// group's work, captioned.
    fn send_picture(
        &self,
        group_id: &str,
        caption: &str,
        prepared: &sala_picture::Prepared,
    ) -> Result<sala_core::model::Picture, SalaError>;
}

/// Where the room finds the laptop's store: every [`StoreAccess`] is a [`Backend`] that writes
/// phones' answers through it, saying the laptop's table label as it is at that moment.
pub trait StoreAccess: Send + Sync + 'static {
    fn with_store<T>(
        &self,
        f: impl FnOnce(&mut Store) -> Result<T, SalaError>,
    ) -> Result<T, SalaError>;

    /// Called after something a phone sent was written (the app tells its window).
    fn arrived(&self, _what: Arrival) {}
}

impl<S: StoreAccess> Backend for S {
    fn survey(&self, key: &str) -> Result<SurveyForm, SalaError> {
        self.with_store(|s| s.survey_form(key))
    }

    fn answered(&self, key: &str, phone: &str) -> Result<bool, SalaError> {
        self.with_store(|s| s.survey_answered_on_phone(key, phone))
    }

    fn answer(
        &self,
        key: &str,
        phone: &str,
        participant: Option<&str>,
        answers: BTreeMap<String, Answer>,
    ) -> Result<(), SalaError> {
        self.with_store(|s| {
            let source = ResponseSource {
                phone: phone.to_owned(),
                via: table_label(s)?,
            };
            s.answer_survey_from_phone(key, participant, answers, source)
                .map(|_| ())
        })?;
        self.arrived(Arrival::SurveyAnswer {
            key: key.to_owned(),
        });
        Ok(())
    }

    fn find_people(&self, key: &str, query: &str) -> Result<Vec<PersonMatch>, SalaError> {
        self.with_store(|s| find_people(s, key, query))
    }

    fn idea_target(&self, group_id: &str, question_id: &str) -> Result<IdeaTarget, SalaError> {
        self.with_store(|s| idea_target(s, group_id, question_id))
    }

    fn ideas_sent(
        &self,
        group_id: &str,
        question_id: &str,
        phone: &str,
    ) -> Result<Vec<Idea>, SalaError> {
        self.with_store(|s| s.ideas_of_phone(group_id, question_id, phone))
    }

    fn send_idea(
        &self,
        group_id: &str,
        question_id: &str,
        phone: &str,
        text: &str,
    ) -> Result<Idea, SalaError> {
        let idea = self.with_store(|s| {
            let via = table_label(s)?;
            s.send_idea(group_id, question_id, text, phone, &via)
        })?;
        self.arrived(Arrival::Idea {
            group_id: idea.group_id.clone(),
            question_id: idea.question_id.clone(),
        });
        Ok(idea)
    }

    fn board(
        &self,
        group_id: &str,
        focus_area_id: &str,
        phone: Option<&str>,
    ) -> Result<PhoneBoard, SalaError> {
        self.with_store(|s| phone_board(s, group_id, focus_area_id, phone))
    }

    fn vote(
        &self,
        group_id: &str,
        focus_area_id: &str,
        phone: &str,
        card_id: &str,
        add: bool,
    ) -> Result<PhoneBoard, SalaError> {
        let board = self.with_store(|s| {
            let card = s
                .board(group_id, focus_area_id)?
                .cards
                .into_iter()
                .find(|c| c.card.id == card_id)
                .ok_or_else(|| {
                    SalaError::new(ErrorCode::NotFound)
                        .with("entity", "swot_card")
                        .with("id", card_id)
                })?;
            let voter = phone_voter(phone);
            if add {
                s.vote_in(&card.card.id, &voter, None)?;
            } else {
                s.unvote(&card.card.id, &voter)?;
            }
            phone_board(s, group_id, focus_area_id, Some(phone))
        })?;
        self.arrived(Arrival::Vote {
            group_id: group_id.to_owned(),
            focus_area_id: focus_area_id.to_owned(),
        });
        Ok(board)
    }

    fn picture_group(&self, group_id: &str) -> Result<String, SalaError> {
        self.with_store(|s| s.find_group(group_id).map(|g| g.name))
    }

    fn send_picture(
        &self,
        group_id: &str,
        caption: &str,
        prepared: &sala_picture::Prepared,
    ) -> Result<sala_core::model::Picture, SalaError> {
        let target = sala_core::api::PictureTarget {
            group_id: group_id.to_owned(),
            ..Default::default()
        };
        let picture = self.with_store(|s| s.add_picture(&target, caption, prepared))?;
        self.arrived(Arrival::Picture {
            group_id: group_id.to_owned(),
        });
        Ok(picture)
    }
}

/// This laptop's table label, else the start of its device id (what provenance shows).
pub fn table_label(store: &Store) -> Result<String, SalaError> {
    Ok(store
        .setting(sala_store::sync::TABLE_LABEL)?
        .filter(|l| !l.trim().is_empty())
        .unwrap_or_else(|| store.device_id().chars().take(8).collect()))
}

/// A store this process holds (the CLI's `sala room open`, the tests).
#[derive(Debug)]
pub struct StoreBackend(Mutex<Store>);

impl StoreBackend {
    pub fn new(store: Store) -> StoreBackend {
        StoreBackend(Mutex::new(store))
    }
}

impl StoreAccess for StoreBackend {
    fn with_store<T>(
        &self,
        f: impl FnOnce(&mut Store) -> Result<T, SalaError>,
    ) -> Result<T, SalaError> {
        let mut guard = self.0.lock().map_err(|_| {
            SalaError::new(ErrorCode::Storage).with("detail", "store lock poisoned")
        })?;
        f(&mut guard)
    }
}

#[derive(Clone)]
struct Shared {
    room: Arc<Room>,
    backend: Arc<dyn Backend>,
    limit: Arc<guard::RateLimit>,
    /// One phone at a time at the store: the others wait here, in the server, not on the
    /// store's lock — so the laptop's own saves (a note being typed) wait for one phone's
    /// write at most, never for a crowd of them.
    gate: Arc<tokio::sync::Semaphore>,
}

/// Serves `room` on `listener` until `shutdown` completes.
pub async fn serve(
    listener: tokio::net::TcpListener,
    room: Room,
    backend: Arc<dyn Backend>,
    shutdown: impl std::future::Future<Output = ()> + Send + 'static,
) -> std::io::Result<()> {
    let shared = Shared {
        room: Arc::new(room),
        backend,
        limit: Arc::new(guard::RateLimit::default()),
        gate: Arc::new(tokio::sync::Semaphore::new(1)),
    };
    axum::serve(
        listener,
        router(shared).into_make_service_with_connect_info::<SocketAddr>(),
    )
    .with_graceful_shutdown(shutdown)
    .await
}

fn router(shared: Shared) -> Router {
    Router::new()
        .route("/{code}/", get(page_html))
        .route("/{code}/app.js", get(page_js))
        .route("/{code}/app.css", get(page_css))
        .route("/{code}/lao-400.woff2", get(font_400))
        .route("/{code}/lao-700.woff2", get(font_700))
        .route("/{code}/api/room", get(room_view))
        .route("/{code}/api/messages", get(messages))
        .route(
            "/{code}/api/survey/{key}",
            get(survey_view).post(survey_answer),
        )
        .route("/{code}/api/people/{key}", get(people_view))
        .route(
            "/{code}/api/ideas/{group}/{question}",
            get(ideas_view).post(idea_send),
        )
        .route(
            "/{code}/api/vote/{group}/{focus}",
            get(vote_view).post(vote_cast),
        )
        // A photo is megabytes: this route alone takes a bigger body.
        .route(
            "/{code}/api/pictures/{group}",
            axum::routing::post(picture_send).layer(DefaultBodyLimit::max(MAX_PICTURE_BODY)),
        )
        .fallback(|| async { StatusCode::NOT_FOUND })
        .layer(axum::middleware::from_fn_with_state(
            shared.clone(),
            guard::check,
        ))
        .layer(DefaultBodyLimit::max(MAX_BODY))
        .with_state(shared)
}

/// Headers every answer carries: nothing cached, nothing run but the room's own script.
fn secured(mut r: Response) -> Response {
    let h = r.headers_mut();
    h.insert(
        header::CONTENT_SECURITY_POLICY,
        HeaderValue::from_static(
            "default-src 'none'; script-src 'self'; style-src 'self'; connect-src 'self'; \
             img-src 'self'; font-src 'self'; base-uri 'none'; form-action 'none'; \
             frame-ancestors 'none'",
        ),
    );
    h.insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
    h.insert(
        header::X_CONTENT_TYPE_OPTIONS,
        HeaderValue::from_static("nosniff"),
    );
    h.insert(
        header::REFERRER_POLICY,
        HeaderValue::from_static("no-referrer"),
    );
    h.insert(header::X_FRAME_OPTIONS, HeaderValue::from_static("DENY"));
    r
}

fn typed(kind: &'static str, body: &'static str) -> Response {
    secured(([(header::CONTENT_TYPE, kind)], body).into_response())
}

async fn page_html() -> Response {
    typed("text/html; charset=utf-8", page::HTML)
}

async fn page_js() -> Response {
    typed("text/javascript; charset=utf-8", page::JS)
}

async fn page_css() -> Response {
    typed("text/css; charset=utf-8", page::CSS)
}

fn font(data: &'static [u8]) -> Response {
    secured(([(header::CONTENT_TYPE, "font/woff2")], data).into_response())
}

async fn font_400() -> Response {
    font(page::LAO_400)
}

async fn font_700() -> Response {
    font(page::LAO_700)
}

/// Calls the backend on a blocking thread (it may wait for the store's lock), one phone at a
/// time (`Shared::gate`): other phones' pages and words are served meanwhile.
async fn blocking<T: Send + 'static>(
    s: &Shared,
    f: impl FnOnce(&dyn Backend) -> Result<T, SalaError> + Send + 'static,
) -> Result<T, SalaError> {
    let backend = s.backend.clone();
    let turn = s.gate.clone().acquire_owned().await;
    tokio::task::spawn_blocking(move || {
        let _turn = turn;
        f(backend.as_ref())
    })
    .await
    .unwrap_or_else(|e| Err(SalaError::new(ErrorCode::Storage).with("detail", e.to_string())))
}

#[derive(Serialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
enum OfferView {
    Survey {
        key: String,
        title: Bilingual,
    },
    Ideas {
        group_id: String,
        question_id: String,
        #[serde(flatten)]
        target: IdeaTarget,
    },
    Vote {
        group_id: String,
        focus_area_id: String,
        #[serde(flatten)]
        target: VoteTarget,
    },
    Pictures {
        group_id: String,
        /// The group's name.
        group: String,
    },
}

async fn room_view(State(s): State<Shared>) -> Response {
    let offers = s.room.offers.get();
    let views = blocking(&s, move |b| {
        // An offer whose form or question has gone since the room opened is left out.
        Ok(offers
            .into_iter()
            .filter_map(|offer| match offer {
                RoomOffer::Survey { key } => b.survey(&key).ok().map(|form| OfferView::Survey {
                    key,
                    title: form.title,
                }),
                RoomOffer::Ideas {
                    group_id,
                    question_id,
                } => b
                    .idea_target(&group_id, &question_id)
                    .ok()
                    .map(|target| OfferView::Ideas {
                        group_id,
                        question_id,
                        target,
                    }),
                RoomOffer::Vote {
                    group_id,
                    focus_area_id,
                } => b
                    .board(&group_id, &focus_area_id, None)
                    .ok()
                    .map(|board| OfferView::Vote {
                        group_id,
                        focus_area_id,
                        target: board.target,
                    }),
                RoomOffer::Pictures { group_id } => b
                    .picture_group(&group_id)
                    .ok()
                    .map(|group| OfferView::Pictures { group_id, group }),
            })
            .collect::<Vec<_>>())
    })
    .await;
    match views {
        Ok(offers) => json(StatusCode::OK, &serde_json::json!({ "offers": offers })),
        Err(e) => refused(&e),
    }
}

#[derive(Deserialize)]
struct LangQuery {
    lang: Option<String>,
}

fn lang_of(q: Option<&str>) -> UiLanguage {
    match q {
        Some("en") => UiLanguage::En,
        _ => UiLanguage::Lo,
    }
}

/// The page's words (the `room.` keys, and the error messages a phone may be shown), in one
/// language.
async fn messages(Query(q): Query<LangQuery>) -> Response {
    let lang = lang_of(q.lang.as_deref());
    let words: BTreeMap<String, String> = sala_i18n::messages(lang)
        .into_iter()
        .filter(|(k, _)| k.starts_with("room.phone."))
        .collect();
    json(StatusCode::OK, &words)
}

#[derive(Deserialize)]
struct PhoneQuery {
    phone: Option<String>,
}

#[derive(Serialize)]
struct SurveyView {
    key: String,
    title: Bilingual,
    intro: Bilingual,
    sections: Vec<SurveySection>,
    answered: bool,
    /// The form is linked: the phone asks who is answering (a name found, or none).
    linked: bool,
}

fn offered(room: &Room, key: &str) -> bool {
    room.offers
        .any(|o| matches!(o, RoomOffer::Survey { key: k } if k == key))
}

fn vote_offered(room: &Room, group: &str, focus: &str) -> bool {
    room.offers.any(|o| {
        matches!(o, RoomOffer::Vote { group_id, focus_area_id } if group_id == group && focus_area_id == focus)
    })
}

fn pictures_offered(room: &Room, group: &str) -> bool {
    room.offers
        .any(|o| matches!(o, RoomOffer::Pictures { group_id } if group_id == group))
}

fn ideas_offered(room: &Room, group: &str, question: &str) -> bool {
    room.offers.any(|o| {
        matches!(o, RoomOffer::Ideas { group_id, question_id } if group_id == group && question_id == question)
    })
}

fn phone_ok(phone: &str) -> bool {
    !phone.is_empty()
        && phone.len() <= MAX_PHONE_ID
        && phone
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || b == b'-')
}

/// What a phone asked of an offer: nothing there (404) unless it is `offered` now; else `f`'s
/// result (on a blocking thread), or its error as the phone shows it.
async fn answer<T: Serialize + Send + 'static>(
    s: &Shared,
    offered: bool,
    f: impl FnOnce(&dyn Backend) -> Result<T, SalaError> + Send + 'static,
) -> Response {
    if !offered {
        return StatusCode::NOT_FOUND.into_response();
    }
    match blocking(s, f).await {
        Ok(value) => json(StatusCode::OK, &value),
        Err(e) => refused(&e),
    }
}

/// What a phone sends: always with its anonymous id.
trait FromPhone: serde::de::DeserializeOwned {
    /// The name its errors give it.
    const NAME: &'static str;
    fn phone(&self) -> &str;
}

/// A body a phone sent, read as `T` with its phone id checked; else the error it is shown.
fn body_of<T: FromPhone>(body: &[u8]) -> Result<T, SalaError> {
    let body = serde_json::from_slice::<T>(body).map_err(|e| {
        SalaError::new(ErrorCode::InvalidArgument)
            .with("name", T::NAME)
            .with("value", e.to_string())
    })?;
    if !phone_ok(body.phone()) {
        return Err(SalaError::new(ErrorCode::InvalidArgument)
            .with("name", "phone")
            .with("value", sala_core::text::printable_line(body.phone())));
    }
    Ok(body)
}

/// A POST from a phone for an offer: its body read and checked, then `f` with it.
async fn answer_body<B: FromPhone + Send + 'static, T: Serialize + Send + 'static>(
    s: &Shared,
    offered: bool,
    body: &[u8],
    f: impl FnOnce(&dyn Backend, B) -> Result<T, SalaError> + Send + 'static,
) -> Response {
    if !offered {
        return StatusCode::NOT_FOUND.into_response();
    }
    match body_of::<B>(body) {
        Ok(b) => answer(s, true, move |backend| f(backend, b)).await,
        Err(e) => refused(&e),
    }
}

async fn survey_view(
    State(s): State<Shared>,
    Path((_, key)): Path<(String, String)>,
    Query(q): Query<PhoneQuery>,
) -> Response {
    let phone = q.phone.filter(|p| phone_ok(p));
    answer(&s, offered(&s.room, &key), move |b| {
        let form = b.survey(&key)?;
        let answered = match phone {
            Some(p) => b.answered(&key, &p)?,
            None => false,
        };
        Ok(SurveyView {
            key,
            title: form.title,
            intro: form.intro,
            sections: form.sections,
            answered,
            linked: !form.anonymous,
        })
    })
    .await
}

#[derive(Deserialize)]
struct AnswerBody {
    phone: String,
    /// Who is answering, on a linked form (a participant's id found by name); none: anonymous.
    #[serde(default)]
    participant: Option<String>,
    answers: BTreeMap<String, Answer>,
}

impl FromPhone for AnswerBody {
    const NAME: &'static str = "answers";
    fn phone(&self) -> &str {
        &self.phone
    }
}

async fn survey_answer(
    State(s): State<Shared>,
    Path((_, key)): Path<(String, String)>,
    body: axum::body::Bytes,
) -> Response {
    let offer = offered(&s.room, &key);
    answer_body(&s, offer, &body, move |b, body: AnswerBody| {
        b.answer(&key, &body.phone, body.participant.as_deref(), body.answers)?;
        Ok(serde_json::json!({ "ok": true }))
    })
    .await
}

/// What a phone sees of an idea it sent: its text and what became of it — nothing of anyone
/// else's.
#[derive(Serialize)]
struct SentIdea {
    text: String,
    status: sala_core::model::IdeaStatus,
}

#[derive(Serialize)]
struct IdeasView {
    #[serde(flatten)]
    target: IdeaTarget,
    sent: Vec<SentIdea>,
    max_chars: usize,
    max_ideas: u32,
}

fn sent(ideas: Vec<Idea>) -> Vec<SentIdea> {
    ideas
        .into_iter()
        .map(|i| SentIdea {
            text: i.text,
            status: i.status,
        })
        .collect()
}

async fn ideas_view(
    State(s): State<Shared>,
    Path((_, group, question)): Path<(String, String, String)>,
    Query(q): Query<PhoneQuery>,
) -> Response {
    let phone = q.phone.filter(|p| phone_ok(p));
    let offer = ideas_offered(&s.room, &group, &question);
    answer(&s, offer, move |b| {
        let target = b.idea_target(&group, &question)?;
        let ideas = match phone {
            Some(p) => b.ideas_sent(&group, &question, &p)?,
            None => Vec::new(),
        };
        Ok(IdeasView {
            target,
            sent: sent(ideas),
            max_chars: sala_core::text::MAX_IDEA_CHARS,
            max_ideas: sala_core::text::MAX_IDEAS_PER_PHONE,
        })
    })
    .await
}

#[derive(Deserialize)]
struct IdeaBody {
    phone: String,
    text: String,
}

impl FromPhone for IdeaBody {
    const NAME: &'static str = "idea";
    fn phone(&self) -> &str {
        &self.phone
    }
}

async fn idea_send(
    State(s): State<Shared>,
    Path((_, group, question)): Path<(String, String, String)>,
    body: axum::body::Bytes,
) -> Response {
    let offer = ideas_offered(&s.room, &group, &question);
    answer_body(&s, offer, &body, move |b, body: IdeaBody| {
        b.send_idea(&group, &question, &body.phone, &body.text)?;
        let ideas = b.ideas_sent(&group, &question, &body.phone)?;
        Ok(serde_json::json!({ "sent": sent(ideas) }))
    })
    .await
}

#[derive(Deserialize)]
struct PictureBody {
    phone: String,
    /// The file's name on the phone (for messages).
    name: String,
    base64: String,
    #[serde(default)]
    caption: String,
}

impl FromPhone for PictureBody {
    const NAME: &'static str = "picture";
    fn phone(&self) -> &str {
        &self.phone
    }
}

/// A picture from a facilitator's or note-taker's phone: made fit to keep on a blocking thread
/// of its own (seconds for a big photo: other phones are served meanwhile, and the store is not
/// held), then kept with the group's work like one attached on the laptop.
async fn picture_send(
    State(s): State<Shared>,
    Path((_, group)): Path<(String, String)>,
    body: axum::body::Bytes,
) -> Response {
    if !pictures_offered(&s.room, &group) {
        return StatusCode::NOT_FOUND.into_response();
    }
    let body = match body_of::<PictureBody>(&body) {
        Ok(b) => b,
        Err(e) => return refused(&e),
    };
    let caption = body.caption;
    let file = sala_core::api::PictureFile {
        name: body.name,
        base64: body.base64,
    };
    let prepared =
        tokio::task::spawn_blocking(move || sala_store::pictures::prepare_file(&file)).await;
    let prepared = match prepared {
        Ok(Ok(p)) => p,
        Ok(Err(e)) => return refused(&e),
        Err(e) => {
            return refused(&SalaError::new(ErrorCode::Storage).with("detail", e.to_string()));
        }
    };
    answer(&s, true, move |b| {
        let picture = b.send_picture(&group, &caption, &prepared)?;
        Ok(serde_json::json!({
            "caption": picture.caption,
            "width": picture.width,
            "height": picture.height,
        }))
    })
    .await
}

#[derive(Deserialize)]
struct NameQuery {
    q: Option<String>,
}

async fn people_view(
    State(s): State<Shared>,
    Path((_, key)): Path<(String, String)>,
    Query(q): Query<NameQuery>,
) -> Response {
    let query = q.q.unwrap_or_default();
    answer(&s, offered(&s.room, &key), move |b| {
        Ok(serde_json::json!({ "found": b.find_people(&key, &query)? }))
    })
    .await
}

async fn vote_view(
    State(s): State<Shared>,
    Path((_, group, focus)): Path<(String, String, String)>,
    Query(q): Query<PhoneQuery>,
) -> Response {
    let phone = q.phone.filter(|p| phone_ok(p));
    let offer = vote_offered(&s.room, &group, &focus);
    answer(&s, offer, move |b| {
        b.board(&group, &focus, phone.as_deref())
    })
    .await
}

#[derive(Deserialize)]
struct VoteBody {
    phone: String,
    card: String,
    /// Place a dot (`true`) or take one back.
    add: bool,
}

impl FromPhone for VoteBody {
    const NAME: &'static str = "vote";
    fn phone(&self) -> &str {
        &self.phone
    }
}

async fn vote_cast(
    State(s): State<Shared>,
    Path((_, group, focus)): Path<(String, String, String)>,
    body: axum::body::Bytes,
) -> Response {
    let offer = vote_offered(&s.room, &group, &focus);
    answer_body(&s, offer, &body, move |b, body: VoteBody| {
        b.vote(&group, &focus, &body.phone, &body.card, body.add)
    })
    .await
}

/// An error as the phone shows it: its code, its parameters and its message in both
/// languages (the page picks the one it shows).
fn refused(e: &SalaError) -> Response {
    let status = match e.code {
        ErrorCode::SurveyAnsweredOnThisPhone
        | ErrorCode::IdeaLimitReached
        | ErrorCode::VoteLimitReached => StatusCode::CONFLICT,
        ErrorCode::NotFound => StatusCode::NOT_FOUND,
        ErrorCode::InvalidArgument | ErrorCode::EmptyText | ErrorCode::TextTooLong => {
            StatusCode::UNPROCESSABLE_ENTITY
        }
        ErrorCode::PictureUnsupported
        | ErrorCode::PictureHeic
        | ErrorCode::PictureDamaged
        | ErrorCode::PictureTooManyPixels => StatusCode::UNSUPPORTED_MEDIA_TYPE,
        ErrorCode::PictureTooLarge | ErrorCode::WorkshopPicturesFull => {
            StatusCode::PAYLOAD_TOO_LARGE
        }
        _ => StatusCode::SERVICE_UNAVAILABLE,
    };
    json(
        status,
        &serde_json::json!({
            "code": e.code,
            "params": e.params,
            "message": {
                "lo": sala_i18n::error_message(UiLanguage::Lo, e),
                "en": sala_i18n::error_message(UiLanguage::En, e),
            }
        }),
    )
}

fn json(status: StatusCode, value: &impl Serialize) -> Response {
    let body = serde_json::to_vec(value).unwrap_or_default();
    secured(
        (
            status,
            [(header::CONTENT_TYPE, "application/json; charset=utf-8")],
            body,
        )
            .into_response(),
    )
}

/// The address a phone's request came from (the rate limit's key).
fn peer(info: Option<&ConnectInfo<SocketAddr>>) -> Option<IpAddr> {
    info.map(|c| c.0.ip())
}

/// The `Host` a request names, if any.
fn host_of(headers: &HeaderMap) -> Option<&str> {
    headers.get(header::HOST).and_then(|h| h.to_str().ok())
}

/// `text` (the room's address) as a QR code: an SVG image, black on white, with its quiet zone,
/// sized by its viewBox (the page scales it).
pub fn qr_svg(text: &str) -> String {
    match qrcode::QrCode::with_error_correction_level(text.as_bytes(), qrcode::EcLevel::M) {
        Ok(code) => code
            .render::<qrcode::render::svg::Color<'_>>()
            .min_dimensions(256, 256)
            .dark_color(qrcode::render::svg::Color("#000000"))
            .light_color(qrcode::render::svg::Color("#ffffff"))
            .build(),
        Err(_) => String::new(),
    }
}

/// How many words a word cloud shows at most.
pub const CLOUD_WORDS: usize = 40;

/// What the room's `offers` have gathered in `store` so far: the projector's live results.
pub fn results(store: &Store, offers: &[RoomOffer]) -> Result<RoomResults, SalaError> {
    use sala_core::api::{CardTally, OfferResults, WordCount};
    use sala_core::model::IdeaStatus;
    let mut out = Vec::new();
    for offer in offers {
        out.push(match offer {
            RoomOffer::Survey { key } => {
                let results = store.survey_results_view(key)?;
                let from_phones = store
                    .survey_responses(&results.form.form_id)?
                    .iter()
                    .filter(|r| !r.deleted && r.source.is_some())
                    .count() as u32;
                OfferResults::Survey {
                    key: key.clone(),
                    results: Box::new(results),
                    from_phones,
                }
            }
            RoomOffer::Ideas {
                group_id,
                question_id,
            } => {
                let mut ideas = store.ideas(Some(group_id), false)?;
                ideas.retain(|i| &i.question_id == question_id);
                let notes = store.notes_for(group_id, question_id)?;
                // What the table made public: an accepted idea's note as accepted (perhaps
                // edited), a merged idea's own words.
                let shown: Vec<String> = ideas
                    .iter()
                    .filter_map(|i| match i.status {
                        IdeaStatus::Accepted => notes
                            .iter()
                            .find(|n| Some(&n.id) == i.note_id.as_ref())
                            .map(|n| n.text.clone()),
                        IdeaStatus::Merged => Some(i.text.clone()),
                        IdeaStatus::Pending | IdeaStatus::Rejected => None,
                    })
                    .collect();
                let count = |s: IdeaStatus| ideas.iter().filter(|i| i.status == s).count() as u32;
                OfferResults::Ideas {
                    group_id: group_id.clone(),
                    question_id: question_id.clone(),
                    received: ideas.len() as u32,
                    waiting: count(IdeaStatus::Pending),
                    accepted: count(IdeaStatus::Accepted) + count(IdeaStatus::Merged),
                    words: sala_text::words::word_counts(
                        shown.iter().map(String::as_str),
                        CLOUD_WORDS,
                    )
                    .into_iter()
                    .map(|w| WordCount {
                        word: w.word,
                        count: w.count,
                    })
                    .collect(),
                }
            }
            RoomOffer::Vote {
                group_id,
                focus_area_id,
            } => {
                let board = store.board(group_id, focus_area_id)?;
                let voters: std::collections::BTreeSet<&String> =
                    board.cards.iter().flat_map(|c| &c.voters).collect();
                let voters = voters.len() as u32;
                let mut cards: Vec<CardTally> = board
                    .cards
                    .iter()
                    .map(|c| CardTally {
                        card_id: c.card.id.clone(),
                        quadrant: c.card.quadrant,
                        text: c.card.text.clone(),
                        votes: c.votes,
                    })
                    .collect();
                // Most dots first; the board's own order on a tie (a stable sort).
                cards.sort_by_key(|c| std::cmp::Reverse(c.votes));
                OfferResults::Vote {
                    group_id: group_id.clone(),
                    focus_area_id: focus_area_id.clone(),
                    cards,
                    voters,
                }
            }
            RoomOffer::Pictures { group_id } => OfferResults::Pictures {
                group_id: group_id.clone(),
                pictures: store.pictures(Some(group_id), false)?.len() as u32,
            },
        });
    }
    Ok(RoomResults { offers: out })
}
