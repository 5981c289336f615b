//! The room (issue 20): participants answer the workshop's surveys from their own phones, over
//! the venue's local network (or the coordinator laptop's hotspot) — no internet.
//!
//! A laptop opens the room: a small HTTP server ([`serve`]) on its local network address, and a
//! room code. Phones load one page (`page/`: HTML, a script, a style sheet, every word from the
//! locale files) at `http://ADDRESS/CODE/`, and see nothing but what the room offers now
//! ([`Offer`]). What they send goes through the same checks as the laptop's own answers
//! ([`Backend`]; [`StoreBackend`] writes them into the laptop's store as ordinary responses,
//! with where they came from).
//!
//! Safety (docs/security.md, "The room"): every request names the room code (a wrong or missing
//! code is a plain 404, compared in constant time); the `Host` header must be the room's own
//! address (no DNS rebinding); bodies are at most [`MAX_BODY`]; each phone's address has a
//! token bucket ([`guard::RateLimit`]); the page has a strict content security policy and is
//! never cached. Plain HTTP on a local network is readable by others on the same Wi-Fi: the
//! app says so, and advises a hotspot with a password.

pub mod guard;
mod page;

use std::collections::BTreeMap;
use std::net::{IpAddr, SocketAddr};
use std::sync::{Arc, Mutex};

use axum::Router;
use axum::extract::{ConnectInfo, DefaultBodyLimit, Path, Query, State};
use axum::http::{HeaderMap, HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Response};
use axum::routing::get;
use sala_core::api::UiLanguage;
use sala_core::model::Bilingual;
use sala_core::survey::{Answer, ResponseSource, SurveyForm, SurveySection};
use sala_core::{ErrorCode, SalaError};
use sala_store::Store;
use serde::{Deserialize, Serialize};

/// The largest request body a phone may send (a survey's answers; its long texts are at most
/// 20,000 characters, and nobody types that on a phone).
pub const MAX_BODY: usize = 64 * 1024;
/// The longest phone id accepted (the page makes 32 hex digits).
pub const MAX_PHONE_ID: usize = 64;

/// What the room offers the phones now.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "kind", content = "key", rename_all = "snake_case")]
pub enum Offer {
    /// A survey form, by its key (`pre`, `post`, `follow_up`, or a form id).
    Survey(String),
}

impl Offer {
    /// `survey:pre` (the CLI's `--offer`).
    pub fn parse(s: &str) -> Option<Offer> {
        match s.split_once(':') {
            Some(("survey", key)) if !key.trim().is_empty() => {
                Some(Offer::Survey(key.trim().to_owned()))
            }
            _ => None,
        }
    }
}

/// An open room: its code and what it offers.
#[derive(Debug, Clone)]
pub struct Room {
    pub code: String,
    pub offers: Vec<Offer>,
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

/// Where the room's answers go: the laptop's store, behind whatever lock it lives in.
pub trait Backend: Send + Sync + 'static {
    /// The latest version of form `key`.
    fn survey(&self, key: &str) -> Result<SurveyForm, SalaError>;
    /// Whether `phone` has answered form `key`.
    fn answered(&self, key: &str, phone: &str) -> Result<bool, SalaError>;
    /// Records `phone`'s answers to form `key` (checked as the laptop's own are).
    fn answer(
        &self,
        key: &str,
        phone: &str,
        answers: BTreeMap<String, Answer>,
    ) -> Result<(), SalaError>;
}

/// Where the room finds the laptop's store: every [`StoreAccess`] is a [`Backend`] that writes
/// phones' answers through it, saying the laptop's table label as it is at that moment.
pub trait StoreAccess: Send + Sync + 'static {
    fn with_store<T>(
        &self,
        f: impl FnOnce(&mut Store) -> Result<T, SalaError>,
    ) -> Result<T, SalaError>;
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
        answers: BTreeMap<String, Answer>,
    ) -> Result<(), SalaError> {
        self.with_store(|s| {
            let source = ResponseSource {
                phone: phone.to_owned(),
                via: table_label(s)?,
            };
            s.answer_survey_from_phone(key, None, answers, source)
                .map(|_| ())
        })
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
        .route("/{code}/api/room", get(room_view))
        .route("/{code}/api/messages", get(messages))
        .route(
            "/{code}/api/survey/{key}",
            get(survey_view).post(survey_answer),
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
             img-src 'self'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'",
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

#[derive(Serialize)]
struct OfferView {
    kind: &'static str,
    key: String,
    title: Bilingual,
}

async fn room_view(State(s): State<Shared>) -> Response {
    let mut offers = Vec::new();
    for offer in &s.room.offers {
        match offer {
            Offer::Survey(key) => {
                if let Ok(form) = s.backend.survey(key) {
                    offers.push(OfferView {
                        kind: "survey",
                        key: key.clone(),
                        title: form.title,
                    });
                }
            }
        }
    }
    json(StatusCode::OK, &serde_json::json!({ "offers": offers }))
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
}

fn offered(room: &Room, key: &str) -> bool {
    room.offers
        .iter()
        .any(|o| matches!(o, Offer::Survey(k) if k == key))
}

fn phone_ok(phone: &str) -> bool {
    !phone.is_empty()
        && phone.len() <= MAX_PHONE_ID
        && phone
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || b == b'-')
}

async fn survey_view(
    State(s): State<Shared>,
    Path((_, key)): Path<(String, String)>,
    Query(q): Query<PhoneQuery>,
) -> Response {
    if !offered(&s.room, &key) {
        return StatusCode::NOT_FOUND.into_response();
    }
    let form = match s.backend.survey(&key) {
        Ok(f) => f,
        Err(e) => return refused(&e),
    };
    let answered = match q.phone.as_deref().filter(|p| phone_ok(p)) {
        Some(p) => s.backend.answered(&key, p).unwrap_or(false),
        None => false,
    };
    json(
        StatusCode::OK,
        &SurveyView {
            key,
            title: form.title,
            intro: form.intro,
            sections: form.sections,
            answered,
        },
    )
}

#[derive(Deserialize)]
struct AnswerBody {
    phone: String,
    answers: BTreeMap<String, Answer>,
}

async fn survey_answer(
    State(s): State<Shared>,
    Path((_, key)): Path<(String, String)>,
    body: axum::body::Bytes,
) -> Response {
    if !offered(&s.room, &key) {
        return StatusCode::NOT_FOUND.into_response();
    }
    let body = match serde_json::from_slice::<AnswerBody>(&body) {
        Ok(b) => b,
        Err(e) => {
            return refused(
                &SalaError::new(ErrorCode::InvalidArgument)
                    .with("name", "answers")
                    .with("value", e.to_string()),
            );
        }
    };
    if !phone_ok(&body.phone) {
        return refused(
            &SalaError::new(ErrorCode::InvalidArgument)
                .with("name", "phone")
                .with("value", sala_core::text::printable_line(&body.phone)),
        );
    }
    let backend = s.backend.clone();
    // The store is written on a blocking thread: other phones are answered meanwhile.
    let written =
        tokio::task::spawn_blocking(move || backend.answer(&key, &body.phone, body.answers)).await;
    match written {
        Ok(Ok(())) => json(StatusCode::OK, &serde_json::json!({ "ok": true })),
        Ok(Err(e)) => refused(&e),
        Err(e) => refused(&SalaError::new(ErrorCode::Storage).with("detail", e.to_string())),
    }
}

/// An error as the phone shows it: its code, its parameters and its message in both
/// languages (the page picks the one it shows).
fn refused(e: &SalaError) -> Response {
    let status = match e.code {
        ErrorCode::SurveyAnsweredOnThisPhone => StatusCode::CONFLICT,
        ErrorCode::NotFound => StatusCode::NOT_FOUND,
        ErrorCode::InvalidArgument => StatusCode::UNPROCESSABLE_ENTITY,
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
