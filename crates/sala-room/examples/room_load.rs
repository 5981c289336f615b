//! The room under load (issue 20; numbers in docs/benchmarks.md): `PHONES` simulated phones
//! (default 80, each from an address of its own on the loopback network, as phones on a Wi-Fi
//! are) all at once load the page, answer the post-workshop form — tapping Send twice, as people
//! do — and place the board's three dots, while the laptop's note-taker keeps typing into a note
//! (a save every 50 ms through the same store lock, as the app's commands take it).
//!
//! Measured: each request kind's latency (p50, p99, max), the typing saves' latency, and what the
//! store holds afterwards — every phone's response exactly once, every dot exactly once.
//!
//! `cargo run --release -p sala-room --example room_load [PHONES] [SPREAD]`: with SPREAD
//! seconds, the phones arrive evenly over that time (people scanning the QR code one after
//! another) instead of all in the same instant.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::print_stdout)]

use std::collections::BTreeMap;
use std::net::{IpAddr, SocketAddr};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use sala_core::model::Quadrant;
use sala_core::survey::{Answer, QuestionKind};
use sala_room::{Room, StoreAccess, StoreBackend};
use sala_store::{MachineIdentity, Store};
use serde_json::{Value, json};
use tokio::io::{AsyncReadExt, AsyncWriteExt};

const CODE: &str = "LOAD42";

/// Latencies by request kind, in milliseconds.
type Timings = Arc<Mutex<BTreeMap<&'static str, Vec<f64>>>>;

struct Phone {
    addr: SocketAddr,
    from: IpAddr,
    host: String,
    timings: Timings,
}

impl Phone {
    /// One HTTP/1.1 request, timed under `kind`; its status and body.
    async fn call(
        &self,
        kind: &'static str,
        method: &str,
        path: &str,
        body: &Value,
    ) -> (u16, Value) {
        let body = if body.is_null() {
            String::new()
        } else {
            body.to_string()
        };
        let started = Instant::now();
        let socket = tokio::net::TcpSocket::new_v4().unwrap();
        socket.bind(SocketAddr::new(self.from, 0)).unwrap();
        let mut stream = socket.connect(self.addr).await.unwrap();
        let head = format!(
            "{method} {path} HTTP/1.1\r\nHost: {}\r\nContent-Type: application/json\r\nContent-Length: {}\r\nConnection: close\r\n\r\n{body}",
            self.host,
            body.len()
        );
        stream.write_all(head.as_bytes()).await.unwrap();
        let mut raw = Vec::new();
        stream.read_to_end(&mut raw).await.unwrap();
        let ms = started.elapsed().as_secs_f64() * 1000.0;
        self.timings
            .lock()
            .unwrap()
            .entry(kind)
            .or_default()
            .push(ms);
        let split = raw.windows(4).position(|w| w == b"\r\n\r\n").unwrap();
        let status = String::from_utf8_lossy(&raw[9..12]).parse().unwrap();
        (
            status,
            serde_json::from_slice(&raw[split + 4..]).unwrap_or(Value::Null),
        )
    }
}

/// Answers to every question of a form, as a participant would give them.
fn answers_to(survey: &Value, n: usize) -> Value {
    let mut out = serde_json::Map::new();
    for section in survey["sections"].as_array().unwrap() {
        for q in section["questions"].as_array().unwrap() {
            let kind: QuestionKind = serde_json::from_value(q["kind"].clone()).unwrap();
            let a = match kind {
                QuestionKind::Rating { min, max, .. } => {
                    Answer::Rating(min + (n as u8) % (max - min + 1))
                }
                QuestionKind::Single { options } => {
                    Answer::Choice(options[n % options.len()].key.clone())
                }
                QuestionKind::Multiple { options } => Answer::Choices(vec![options[0].key.clone()]),
                _ => Answer::Text(format!("ຄວາມຄິດເຫັນ {n}: ຕ້ອງການການຝຶກອົບຮົມເພີ່ມ")),
            };
            out.insert(q["key"].as_str().unwrap().to_owned(), json!(a));
        }
    }
    Value::Object(out)
}

/// One phone's whole visit, after `delay`; the statuses of its two taps of Send and of its
/// three dots.
async fn visit(phone: Phone, n: usize, delay: Duration, group: String, focus: String) -> Vec<u16> {
    tokio::time::sleep(delay).await;
    // Random-looking, as the page makes them (32 hex digits), and distinct.
    let id = format!(
        "{:08x}{n:024x}",
        (n as u64).wrapping_mul(2_654_435_761) % (1 << 32)
    );
    let base = format!("/{CODE}");
    phone
        .call("page", "GET", &format!("{base}/"), &Value::Null)
        .await;
    phone
        .call("script", "GET", &format!("{base}/app.js"), &Value::Null)
        .await;
    phone
        .call(
            "words",
            "GET",
            &format!("{base}/api/messages?lang=lo"),
            &Value::Null,
        )
        .await;
    phone
        .call("offers", "GET", &format!("{base}/api/room"), &Value::Null)
        .await;
    let (_, survey) = phone
        .call(
            "form",
            "GET",
            &format!("{base}/api/survey/post?phone={id}"),
            &Value::Null,
        )
        .await;
    let body = json!({ "phone": id, "answers": answers_to(&survey, n) });
    let mut statuses = Vec::new();
    for _ in 0..2 {
        let (status, _) = phone
            .call("answer", "POST", &format!("{base}/api/survey/post"), &body)
            .await;
        statuses.push(status);
    }
    let vote = format!("{base}/api/vote/{group}/{focus}");
    let (_, board) = phone
        .call("board", "GET", &format!("{vote}?phone={id}"), &Value::Null)
        .await;
    let cards: Vec<String> = board["cards"]
        .as_array()
        .unwrap()
        .iter()
        .map(|c| c["id"].as_str().unwrap().to_owned())
        .collect();
    for k in 0..3 {
        let card = &cards[(n + k) % cards.len()];
        let (status, _) = phone
            .call(
                "dot",
                "POST",
                &vote,
                &json!({ "phone": id, "card": card, "add": true }),
            )
            .await;
        statuses.push(status);
    }
    statuses
}

fn percentile(sorted: &[f64], p: f64) -> f64 {
    if sorted.is_empty() {
        return 0.0;
    }
    sorted[((sorted.len() - 1) as f64 * p).round() as usize]
}

fn summary(name: &str, mut values: Vec<f64>) {
    values.sort_by(f64::total_cmp);
    println!(
        "{name:<8} n={:<5} p50 {:>7.1} ms   p99 {:>7.1} ms   max {:>7.1} ms",
        values.len(),
        percentile(&values, 0.50),
        percentile(&values, 0.99),
        values.last().copied().unwrap_or(0.0)
    );
}

fn main() {
    let phones: usize = std::env::args().nth(1).map_or(80, |n| n.parse().unwrap());
    let spread: f64 = std::env::args().nth(2).map_or(0.0, |s| s.parse().unwrap());
    let data = tempfile::tempdir().unwrap();
    let mut store = Store::open_in(data.path(), &MachineIdentity("room-load".into())).unwrap();
    store.ensure_demo().unwrap();
    store.ensure_builtin_surveys().unwrap();
    store
        .set_setting(sala_store::sync::TABLE_LABEL, "Coordinator")
        .unwrap();
    let group = store.find_group("A").unwrap().id;
    let focus = store.focus_area("policy").unwrap().id;
    for (i, q) in [
        Quadrant::Strengths,
        Quadrant::Weaknesses,
        Quadrant::Opportunities,
        Quadrant::Threats,
    ]
    .into_iter()
    .enumerate()
    {
        for k in 0..2 {
            store
                .add_card(&sala_core::api::NewCard {
                    group_id: group.clone(),
                    focus_area_id: focus.clone(),
                    quadrant: q,
                    text: format!("ບັດ {i}.{k}"),
                    stakeholder: None,
                    source_note_id: None,
                    agenda_item_id: None,
                })
                .unwrap();
        }
    }
    let note = store.add_note_at("A", 1, "ບັນທຶກ").unwrap().id;
    let offers = ["survey:post", "vote:A:policy"]
        .iter()
        .map(|o| sala_room::parse_offer(&store, o).unwrap().unwrap())
        .collect();
    let backend = Arc::new(StoreBackend::new(store));

    let runtime = tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()
        .unwrap();
    let timings: Timings = Arc::default();
    let (statuses, saves, wall) = runtime.block_on(async {
        let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
        let addr = listener.local_addr().unwrap();
        let room = Room {
            code: CODE.into(),
            offers: sala_room::Offers::new(offers),
            hosts: vec![addr.to_string()],
        };
        let (stop, stopped) = tokio::sync::oneshot::channel::<()>();
        tokio::spawn(sala_room::serve(listener, room, backend.clone(), async {
            let _ = stopped.await;
        }));

        // The note-taker types on: a save every 100 ms until the phones are done.
        let typing = Arc::new(AtomicBool::new(true));
        let typist = {
            let (backend, typing, note) = (backend.clone(), typing.clone(), note.clone());
            tokio::task::spawn_blocking(move || {
                let mut saves = Vec::new();
                let mut text = String::from("ບັນທຶກ");
                while typing.load(Ordering::Relaxed) {
                    text.push('ກ');
                    let started = Instant::now();
                    backend
                        .with_store(|s| s.update_note_text(&note, &text))
                        .unwrap();
                    saves.push(started.elapsed().as_secs_f64() * 1000.0);
                    // A save as the note-taker types (the app saves a moment after each pause).
                    std::thread::sleep(Duration::from_millis(50));
                }
                saves
            })
        };
        tokio::time::sleep(Duration::from_millis(300)).await;

        let started = Instant::now();
        let visits: Vec<_> = (0..phones)
            .map(|n| {
                let phone = Phone {
                    addr,
                    from: IpAddr::from([127, 0, (n / 250) as u8, (n % 250 + 2) as u8]),
                    host: addr.to_string(),
                    timings: timings.clone(),
                };
                let delay = Duration::from_secs_f64(spread * n as f64 / phones as f64);
                tokio::spawn(visit(phone, n, delay, group.clone(), focus.clone()))
            })
            .collect();
        let mut statuses = Vec::new();
        for v in visits {
            statuses.push(v.await.unwrap());
        }
        let wall = started.elapsed();
        typing.store(false, Ordering::Relaxed);
        let saves = typist.await.unwrap();
        let _ = stop.send(());
        (statuses, saves, wall)
    });

    let arriving = if spread > 0.0 {
        format!("arriving over {spread} s")
    } else {
        "at once".to_owned()
    };
    println!(
        "{phones} phones {arriving}, {:.1} s from the first request to the last answer",
        wall.as_secs_f64()
    );
    for (kind, values) in timings.lock().unwrap().clone() {
        summary(kind, values);
    }
    summary("saves", saves);

    // What the store holds: each phone's response once, each dot once.
    let (responses, votes) = backend
        .with_store(|s| {
            let form = s.survey_form("post")?;
            let responses = s.survey_responses(&form.form_id)?;
            let votes: u32 = s.board(&group, &focus)?.cards.iter().map(|c| c.votes).sum();
            Ok((responses, votes))
        })
        .unwrap();
    let from_phones = responses.iter().filter(|r| r.source.is_some()).count();
    let distinct: std::collections::BTreeSet<_> = responses
        .iter()
        .filter_map(|r| r.source.as_ref().map(|s| s.phone.clone()))
        .collect();
    let first_taps = statuses.iter().filter(|s| s[0] == 200).count();
    let second_taps = statuses.iter().filter(|s| s[1] == 409).count();
    let dots = statuses
        .iter()
        .flat_map(|s| &s[2..])
        .filter(|s| **s == 200)
        .count();
    println!(
        "responses: {from_phones} from {} distinct phones (first Send 200: {first_taps}, second Send 409: {second_taps}); dots counted: {votes} of {dots} accepted",
        distinct.len()
    );
    let ok = from_phones == phones
        && distinct.len() == phones
        && first_taps == phones
        && second_taps == phones
        && votes as usize == 3 * phones
        && dots == 3 * phones;
    println!(
        "{}",
        if ok {
            "nothing lost, nothing doubled"
        } else {
            "MISMATCH"
        }
    );
    if !ok {
        std::process::exit(1);
    }
}
