//! The room over real TCP, as phones reach it: a survey answered and written into the laptop's
//! store with where it came from; everything that is not the room refused plainly; a phone
//! that floods is slowed and the others are not.

#![allow(clippy::unwrap_used, clippy::expect_used)]

use std::collections::BTreeMap;
use std::net::{IpAddr, SocketAddr};
use std::sync::Arc;

use sala_core::ErrorCode;
use sala_core::model::Quadrant;
use sala_core::survey::{Answer, QuestionKind};
use sala_room::{Room, StoreBackend};
use sala_store::{MachineIdentity, Store};
use serde_json::{Value, json};
use tokio::io::{AsyncReadExt, AsyncWriteExt};

const CODE: &str = "K7M2QX";

struct Open {
    addr: SocketAddr,
    host: String,
    data: tempfile::TempDir,
    offers: sala_room::Offers,
    _stop: tokio::sync::oneshot::Sender<()>,
}

/// A laptop with the demo workshop and its surveys, its room open offering `offers`.
async fn open(offers: &[&str]) -> Open {
    let data = tempfile::tempdir().unwrap();
    let mut store = Store::open_in(data.path(), &MachineIdentity("room".into())).unwrap();
    store.ensure_demo().unwrap();
    store.ensure_builtin_surveys().unwrap();
    store
        .set_setting(sala_store::sync::TABLE_LABEL, "Table 3")
        .unwrap();
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let addr = listener.local_addr().unwrap();
    let host = addr.to_string();
    let shared = sala_room::Offers::new(
        offers
            .iter()
            .map(|o| sala_room::parse_offer(&store, o).unwrap().unwrap())
            .collect(),
    );
    let room = Room {
        code: CODE.into(),
        offers: shared.clone(),
        hosts: vec![host.clone()],
    };
    let (stop, stopped) = tokio::sync::oneshot::channel::<()>();
    let backend = Arc::new(StoreBackend::new(store));
    tokio::spawn(sala_room::serve(listener, room, backend, async {
        let _ = stopped.await;
    }));
    Open {
        addr,
        host,
        data,
        offers: shared,
        _stop: stop,
    }
}

struct Answered {
    status: u16,
    headers: Vec<(String, String)>,
    body: Vec<u8>,
}

impl Answered {
    fn json(&self) -> Value {
        serde_json::from_slice(&self.body).unwrap_or(Value::Null)
    }
    fn header(&self, name: &str) -> Option<&str> {
        self.headers
            .iter()
            .find(|(k, _)| k.eq_ignore_ascii_case(name))
            .map(|(_, v)| v.as_str())
    }
}

/// One HTTP/1.1 request from address `from` (a loopback address of its own: another phone).
async fn send(
    addr: SocketAddr,
    from: IpAddr,
    method: &str,
    path: impl AsRef<str>,
    host: &str,
    body: &[u8],
) -> Answered {
    let path = path.as_ref();
    let socket = tokio::net::TcpSocket::new_v4().unwrap();
    socket.bind(SocketAddr::new(from, 0)).unwrap();
    let mut stream = socket.connect(addr).await.unwrap();
    let head = format!(
        "{method} {path} HTTP/1.1\r\nHost: {host}\r\nContent-Type: application/json\r\nContent-Length: {}\r\nConnection: close\r\n\r\n",
        body.len()
    );
    stream.write_all(head.as_bytes()).await.unwrap();
    // A server may answer (413) before it has read all of a body it refuses.
    let _ = stream.write_all(body).await;
    let mut raw = Vec::new();
    let _ = stream.read_to_end(&mut raw).await;
    let split = raw
        .windows(4)
        .position(|w| w == b"\r\n\r\n")
        .expect("a whole answer");
    let head = String::from_utf8_lossy(&raw[..split]).to_string();
    let mut lines = head.lines();
    let status = lines
        .next()
        .unwrap()
        .split(' ')
        .nth(1)
        .unwrap()
        .parse()
        .unwrap();
    let headers = lines
        .filter_map(|l| l.split_once(':'))
        .map(|(k, v)| (k.trim().to_owned(), v.trim().to_owned()))
        .collect();
    Answered {
        status,
        headers,
        body: raw[split + 4..].to_vec(),
    }
}

/// One request from phone address 127.0.0.`from` to `room`, with a JSON body unless null.
async fn call(room: &Open, from: u8, method: &str, path: String, body: Value) -> Answered {
    let body = if body.is_null() {
        Vec::new()
    } else {
        body.to_string().into_bytes()
    };
    send(room.addr, phone(from), method, &path, &room.host, &body).await
}

/// A card on a group's board for a focus area; its id.
fn add_card(s: &mut Store, group: &str, focus: &str, quadrant: Quadrant, text: &str) -> String {
    s.add_card(&sala_core::api::NewCard {
        group_id: group.to_owned(),
        focus_area_id: focus.to_owned(),
        quadrant,
        text: text.into(),
        stakeholder: None,
        source_note_id: None,
        agenda_item_id: None,
    })
    .unwrap()
    .id
}

fn phone(n: u8) -> IpAddr {
    IpAddr::from([127, 0, 0, n])
}

/// Answers to every question of a form (its text questions: markup and Lao).
fn answers_to(survey: &Value, rating: u8) -> Value {
    let mut out = serde_json::Map::new();
    for section in survey["sections"].as_array().unwrap() {
        for q in section["questions"].as_array().unwrap() {
            let kind: QuestionKind = serde_json::from_value(q["kind"].clone()).unwrap();
            let a = match kind {
                QuestionKind::Rating { .. } => Answer::Rating(rating),
                QuestionKind::Single { options } => Answer::Choice(options[0].key.clone()),
                QuestionKind::Multiple { options } => Answer::Choices(vec![options[0].key.clone()]),
                _ => Answer::Text("<script>alert(1)</script> ຂໍ້ມູນ".into()),
            };
            out.insert(q["key"].as_str().unwrap().to_owned(), json!(a));
        }
    }
    Value::Object(out)
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_phone_answers_the_survey_and_the_laptop_has_it_with_where_it_came_from() {
    let room = open(&["survey:pre"]).await;
    let (addr, host) = (room.addr, room.host.clone());
    let get = move |path: String| {
        let host = host.clone();
        async move { send(addr, phone(2), "GET", &path, &host, b"").await }
    };

    let page = get(format!("/{CODE}/")).await;
    assert_eq!(page.status, 200);
    assert!(String::from_utf8_lossy(&page.body).contains("app.js"));
    let csp = page.header("content-security-policy").unwrap();
    assert!(
        csp.contains("default-src 'none'") && csp.contains("script-src 'self'"),
        "{csp}"
    );
    assert_eq!(page.header("cache-control"), Some("no-store"));
    // Everything a phone loads: small enough for a crowded Wi-Fi, Lao font included.
    let mut bytes = page.body.len();
    for file in ["app.js", "app.css", "lao-400.woff2", "lao-700.woff2"] {
        let got = get(format!("/{CODE}/{file}")).await;
        assert_eq!(got.status, 200, "{file}");
        bytes += got.body.len();
    }
    assert!(bytes < 150 * 1024, "the page is {bytes} bytes");
    assert_eq!(
        get(format!("/{CODE}/lao-400.woff2"))
            .await
            .header("content-type"),
        Some("font/woff2")
    );
    // The page's words, in Lao and in English, from the locale files.
    let lo = get(format!("/{CODE}/api/messages?lang=lo")).await.json();
    assert_eq!(lo["room.phone.send"], "ສົ່ງຄຳຕອບຂອງຂ້ອຍ");
    let en = get(format!("/{CODE}/api/messages?lang=en")).await.json();
    assert_eq!(en["room.phone.send"], "Send my answers");
    assert!(
        lo.as_object()
            .unwrap()
            .keys()
            .all(|k| k.starts_with("room.phone."))
    );

    let offers = get(format!("/{CODE}/api/room")).await.json();
    assert_eq!(offers["offers"][0]["key"], "pre");
    assert_eq!(offers["offers"][0]["title"]["lo"], "ແບບສຳຫຼວດກ່ອນກອງປະຊຸມ");

    let survey = get(format!("/{CODE}/api/survey/pre?phone=7f3a9c"))
        .await
        .json();
    assert_eq!(survey["answered"], false);
    let body = json!({ "phone": "7f3a9c", "answers": answers_to(&survey, 3) }).to_string();
    let post = || {
        let path = format!("/{CODE}/api/survey/pre");
        send(
            room.addr,
            phone(2),
            "POST",
            path,
            &room.host,
            body.as_bytes(),
        )
    };
    let sent = post().await;
    assert_eq!(sent.status, 200, "{}", String::from_utf8_lossy(&sent.body));

    // On the laptop: an ordinary response, saying it came from that phone through Table 3.
    let laptop = Store::open_in(room.data.path(), &MachineIdentity("room".into())).unwrap();
    let form = laptop.survey_form("pre").unwrap();
    let got = laptop.survey_responses(&form.form_id).unwrap();
    assert_eq!(got.len(), 1);
    let source = got[0].source.as_ref().unwrap();
    assert_eq!(
        (source.phone.as_str(), source.via.as_str()),
        ("7f3a9c", "Table 3")
    );
    assert!(got[0].participant_id.is_none());
    // What a participant typed is kept as text, whatever it looks like.
    assert!(
        got[0]
            .answers
            .values()
            .any(|a| matches!(a, Answer::Text(t) if t.starts_with("<script>")))
    );

    // The same phone again: refused, in both languages; the page then says it has answered.
    let again = post().await;
    assert_eq!(again.status, 409);
    let e = again.json();
    assert_eq!(e["code"], json!(ErrorCode::SurveyAnsweredOnThisPhone));
    assert!(
        e["message"]["lo"]
            .as_str()
            .unwrap()
            .starts_with("ໂທລະສັບເຄື່ອງນີ້ໄດ້ຕອບ"),
        "{e}"
    );
    assert!(
        e["message"]["en"]
            .as_str()
            .unwrap()
            .starts_with("This phone has already"),
        "{e}"
    );
    let survey = get(format!("/{CODE}/api/survey/pre?phone=7f3a9c"))
        .await
        .json();
    assert_eq!(survey["answered"], true);
    assert_eq!(laptop.survey_responses(&form.form_id).unwrap().len(), 1);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn what_is_not_the_room_is_refused_plainly() {
    let room = open(&["survey:pre"]).await;
    let survey = send(
        room.addr,
        phone(4),
        "GET",
        &format!("/{CODE}/api/survey/pre"),
        &room.host,
        b"",
    )
    .await
    .json();
    let good = json!({ "phone": "ab12", "answers": answers_to(&survey, 3) }).to_string();
    let mut bad_rating = serde_json::from_str::<Value>(&good).unwrap();
    bad_rating["answers"]["knowledge.policy"] = json!({"type": "rating", "value": 99});
    let bad_rating = bad_rating.to_string();
    let huge = json!({ "phone": "ab12", "answers": { "x": { "type": "text", "value": "ກ".repeat(30_000) } } }).to_string();
    // (method, path, Host, body, status)
    let cases: Vec<(&str, String, String, String, u16)> = vec![
        (
            "GET",
            format!("/{CODE}/"),
            room.host.clone(),
            String::new(),
            200,
        ),
        // No code, a wrong one, one letter short, the right one in lower case.
        ("GET", "/".into(), room.host.clone(), String::new(), 404),
        (
            "GET",
            "/K7M2QY/".into(),
            room.host.clone(),
            String::new(),
            404,
        ),
        (
            "GET",
            "/K7M2Q/api/room".into(),
            room.host.clone(),
            String::new(),
            404,
        ),
        (
            "GET",
            "/k7m2qx/api/room".into(),
            room.host.clone(),
            String::new(),
            404,
        ),
        // Another name for this address (DNS rebinding): refused before anything else.
        (
            "GET",
            format!("/{CODE}/"),
            "evil.example".into(),
            String::new(),
            421,
        ),
        (
            "GET",
            format!("/{CODE}/"),
            format!("evil.example:{}", room.addr.port()),
            String::new(),
            421,
        ),
        // A form the room does not offer.
        (
            "GET",
            format!("/{CODE}/api/survey/post"),
            room.host.clone(),
            String::new(),
            404,
        ),
        (
            "POST",
            format!("/{CODE}/api/survey/post"),
            room.host.clone(),
            good.clone(),
            404,
        ),
        // Not answers; a phone id that is not one; an answer the form does not allow.
        (
            "POST",
            format!("/{CODE}/api/survey/pre"),
            room.host.clone(),
            "{nonsense".into(),
            422,
        ),
        (
            "POST",
            format!("/{CODE}/api/survey/pre"),
            room.host.clone(),
            good.replace("ab12", "../../x"),
            422,
        ),
        (
            "POST",
            format!("/{CODE}/api/survey/pre"),
            room.host.clone(),
            bad_rating,
            422,
        ),
        // Larger than any answers.
        (
            "POST",
            format!("/{CODE}/api/survey/pre"),
            room.host.clone(),
            huge,
            413,
        ),
    ];
    for (method, path, host, body, status) in cases {
        let got = send(room.addr, phone(4), method, &path, &host, body.as_bytes()).await;
        assert_eq!(
            got.status,
            status,
            "{method} {path} (Host {host}): {}",
            String::from_utf8_lossy(&got.body)
        );
    }
    // None of that wrote anything.
    let laptop = Store::open_in(room.data.path(), &MachineIdentity("room".into())).unwrap();
    let form = laptop.survey_form("pre").unwrap();
    assert!(laptop.survey_responses(&form.form_id).unwrap().is_empty());
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_phone_that_floods_the_room_is_slowed_and_the_others_are_not() {
    let room = open(&["survey:pre"]).await;
    let path = format!("/{CODE}/api/room");
    let mut statuses = BTreeMap::new();
    for _ in 0..(sala_room::guard::BURST as usize + 20) {
        let got = send(room.addr, phone(9), "GET", &path, &room.host, b"").await;
        *statuses.entry(got.status).or_insert(0) += 1;
    }
    assert!(
        statuses.get(&429).copied().unwrap_or(0) >= 10,
        "{statuses:?}"
    );
    let other = send(room.addr, phone(10), "GET", &path, &room.host, b"").await;
    assert_eq!(other.status, 200);
}

#[test]
fn the_page_builds_with_text_only() {
    // Whatever a participant or the coordinator typed is shown as text on every phone: the
    // page never parses HTML.
    let js = include_str!("../page/app.js");
    for risky in [
        "innerHTML",
        "outerHTML",
        "insertAdjacentHTML",
        "document.write",
        "eval(",
    ] {
        assert!(!js.contains(risky), "{risky}");
    }
}

#[test]
fn every_word_the_page_says_is_in_both_languages() {
    let js = include_str!("../page/app.js");
    // What follows each `t('`, up to its closing quote.
    let mut keys: Vec<String> = js
        .match_indices("t('")
        .filter_map(|(at, open)| js[at + open.len()..].split_once('\''))
        .map(|(key, _)| key.to_owned())
        .filter(|k| {
            !k.is_empty()
                && !k.ends_with('_')
                && k.bytes().all(|b| b.is_ascii_lowercase() || b == b'_')
        })
        .collect();
    // Chosen at run time: `t('status_' + status)`.
    keys.extend(["pending", "accepted", "merged", "rejected"].map(|s| format!("status_{s}")));
    // `t('quadrant_' + q)`.
    keys.extend(
        ["strengths", "weaknesses", "opportunities", "threats"].map(|q| format!("quadrant_{q}")),
    );
    assert!(keys.len() > 20, "{keys:?}");
    for lang in [
        sala_core::api::UiLanguage::Lo,
        sala_core::api::UiLanguage::En,
    ] {
        let words = sala_i18n::messages(lang);
        for key in &keys {
            let full = format!("room.phone.{key}");
            assert!(words.contains_key(&full), "{full} in {lang:?}");
        }
    }
}

#[test]
fn the_qr_code_reads_back_as_the_room_s_address() {
    let address = "http://192.168.43.7:49213/K7M2QX/";
    let svg = sala_room::qr_svg(address);
    let tree = resvg::usvg::Tree::from_str(&svg, &resvg::usvg::Options::default()).unwrap();
    let size = tree.size().to_int_size();
    let mut pixmap = resvg::tiny_skia::Pixmap::new(size.width(), size.height()).unwrap();
    resvg::render(
        &tree,
        resvg::tiny_skia::Transform::default(),
        &mut pixmap.as_mut(),
    );
    let (w, h) = (pixmap.width() as usize, pixmap.height() as usize);
    let data = pixmap.data().to_vec();
    let mut image = rqrr::PreparedImage::prepare_from_greyscale(w, h, |x, y| data[(y * w + x) * 4]);
    let grids = image.detect_grids();
    assert_eq!(grids.len(), 1);
    let (_, content) = grids[0].decode().unwrap();
    assert_eq!(content, address);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn ideas_from_phones_wait_in_the_groups_queue_and_each_phone_sees_only_its_own() {
    let room = open(&["ideas:A:2"]).await;
    let laptop = Store::open_in(room.data.path(), &MachineIdentity("room".into())).unwrap();
    let group = laptop.find_group("A").unwrap().id;
    let question = laptop.question_by_number(2).unwrap().id;
    let here = format!("/{CODE}/api/ideas/{group}/{question}");

    // The offer names the group and the question, in both languages.
    let offers = call(&room, 2, "GET", format!("/{CODE}/api/room"), Value::Null)
        .await
        .json();
    let offer = &offers["offers"][0];
    assert_eq!(offer["kind"], "ideas");
    assert_eq!(
        (offer["group"].as_str(), offer["number"].as_u64()),
        (Some("A"), Some(2))
    );
    assert!(!offer["text"]["lo"].as_str().unwrap().is_empty());

    let sent = |from: u8, phone: &'static str, text: &'static str| {
        call(
            &room,
            from,
            "POST",
            here.clone(),
            json!({ "phone": phone, "text": text }),
        )
    };
    let first = sent(2, "aaaa1111", "ຄວນມີກົດໝາຍປົກປ້ອງຂໍ້ມູນ").await;
    assert_eq!(first.status, 200, "{:?}", first.json());
    let second = sent(2, "aaaa1111", "<script>alert(1)</script> open data portal").await;
    assert_eq!(second.json()["sent"].as_array().unwrap().len(), 2);
    assert_eq!(second.json()["sent"][1]["status"], "pending");
    sent(3, "bbbb2222", "another phone's idea").await;

    // Each phone sees what it sent, and nothing of anyone else's (no phone ids at all).
    let mine = call(
        &room,
        2,
        "GET",
        format!("{here}?phone=aaaa1111"),
        Value::Null,
    )
    .await;
    let mine = mine.json();
    let texts: Vec<&str> = mine["sent"]
        .as_array()
        .unwrap()
        .iter()
        .map(|i| i["text"].as_str().unwrap())
        .collect();
    assert_eq!(
        texts,
        [
            "ຄວນມີກົດໝາຍປົກປ້ອງຂໍ້ມູນ",
            "<script>alert(1)</script> open data portal"
        ]
    );
    assert!(!mine.to_string().contains("bbbb2222") && !mine.to_string().contains("aaaa1111"));
    assert_eq!(mine["max_chars"], sala_core::text::MAX_IDEA_CHARS);

    // On the laptop: in group A's queue for question 2, as sent, received via this table.
    let queue = laptop.pending_ideas(&group, &question).unwrap();
    assert_eq!(queue.len(), 3);
    assert_eq!(queue[1].text, "<script>alert(1)</script> open data portal");
    assert!(queue.iter().all(|i| i.via == "Table 3"));

    // A blank idea is refused in words, in both languages; nothing written.
    let blank = sent(2, "aaaa1111", "   ").await;
    assert_eq!(blank.status, 422);
    assert_eq!(blank.json()["code"], json!(ErrorCode::EmptyText));
    assert!(
        blank.json()["message"]["lo"]
            .as_str()
            .unwrap()
            .chars()
            .any(|c| ('\u{0E80}'..='\u{0EFF}').contains(&c))
    );
    // Ideas for a question the room does not offer: nothing there.
    let q3 = laptop.question_by_number(3).unwrap().id;
    let elsewhere = call(
        &room,
        2,
        "POST",
        format!("/{CODE}/api/ideas/{group}/{q3}"),
        json!({ "phone": "aaaa1111", "text": "x" }),
    )
    .await;
    assert_eq!(elsewhere.status, 404);
    // The facilitator moves on to a survey: ideas are no longer taken, the room stays where it is.
    room.offers.set(vec![sala_core::api::RoomOffer::Survey {
        key: "pre".into(),
    }]);
    assert_eq!(sent(2, "aaaa1111", "late idea").await.status, 404);
    assert_eq!(laptop.pending_ideas(&group, &question).unwrap().len(), 3);
    let now = call(&room, 2, "GET", format!("/{CODE}/api/room"), Value::Null)
        .await
        .json();
    assert_eq!(now["offers"][0]["kind"], "survey");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn each_phone_places_the_boards_dots_and_no_more_and_the_laptop_counts_them() {
    let room = open(&["vote:A:policy"]).await;
    let mut laptop = Store::open_in(room.data.path(), &MachineIdentity("room".into())).unwrap();
    let group = laptop.find_group("A").unwrap().id;
    let focus = laptop.focus_area("policy").unwrap().id;
    let law = add_card(&mut laptop, &group, &focus, Quadrant::Weaknesses, "ບໍ່ມີກົດໝາຍ");
    let skills = add_card(
        &mut laptop,
        &group,
        &focus,
        Quadrant::Opportunities,
        "<b>skills</b>",
    );
    let here = format!("/{CODE}/api/vote/{group}/{focus}");

    let offers = call(&room, 2, "GET", format!("/{CODE}/api/room"), Value::Null)
        .await
        .json();
    assert_eq!(offers["offers"][0]["kind"], "vote");
    assert_eq!(offers["offers"][0]["group"], "A");
    let board = call(
        &room,
        2,
        "GET",
        format!("{here}?phone=aaaa1111"),
        Value::Null,
    )
    .await
    .json();
    assert_eq!(
        (board["vote_limit"].as_u64(), board["used"].as_u64()),
        (Some(3), Some(0))
    );
    assert_eq!(board["cards"].as_array().unwrap().len(), 2);

    let vote = |from: u8, phone: &'static str, card: &str, add: bool| {
        call(
            &room,
            from,
            "POST",
            here.clone(),
            json!({ "phone": phone, "card": card, "add": add }),
        )
    };
    for c in [&law, &law, &skills] {
        assert_eq!(vote(2, "aaaa1111", c, true).await.status, 200);
    }
    // The fourth dot is refused in words; the board is as it was.
    let over = vote(2, "aaaa1111", &skills, true).await;
    assert_eq!(over.status, 409);
    assert_eq!(over.json()["code"], json!(ErrorCode::VoteLimitReached));
    // Another phone has its own dots, and sees none of the first phone's.
    let other = vote(3, "bbbb2222", &skills, true).await.json();
    assert_eq!(other["used"], 1);
    let mine: Vec<u64> = other["cards"]
        .as_array()
        .unwrap()
        .iter()
        .map(|c| c["mine"].as_u64().unwrap())
        .collect();
    assert_eq!(mine, [0, 1]);
    // A dot taken back frees it.
    assert_eq!(vote(2, "aaaa1111", &law, false).await.json()["used"], 2);

    // On the laptop: ordinary votes, one per dot, cast by each phone's anonymous voter.
    let counted = laptop.board(&group, &focus).unwrap();
    let tally: Vec<(String, u32)> = counted
        .cards
        .iter()
        .map(|c| (c.card.id.clone(), c.votes))
        .collect();
    assert_eq!(tally, [(law.clone(), 1), (skills.clone(), 2)]);
    assert!(
        counted
            .cards
            .iter()
            .flat_map(|c| &c.voters)
            .all(|v| v.starts_with("📱"))
    );
    // A card of another board, or one that is not there: nothing counted.
    assert_eq!(vote(2, "aaaa1111", "no-such-card", true).await.status, 404);
    let q = laptop.focus_area("data-privacy").unwrap().id;
    let elsewhere = call(
        &room,
        2,
        "POST",
        format!("/{CODE}/api/vote/{group}/{q}"),
        json!({ "phone": "aaaa1111", "card": law, "add": true }),
    )
    .await;
    assert_eq!(elsewhere.status, 404);
}

#[test]
fn the_projector_shows_only_what_the_table_accepted_and_the_dots_most_first() {
    use sala_core::api::{OfferResults, RoomOffer};
    let data = tempfile::tempdir().unwrap();
    let mut s = Store::open_in(data.path(), &MachineIdentity("results".into())).unwrap();
    s.ensure_demo().unwrap();
    let group = s.find_group("A").unwrap().id;
    let question = s.question_by_number(2).unwrap().id;
    let focus = s.focus_area("policy").unwrap().id;
    let send = |s: &mut Store, text: &str| {
        s.send_idea(&group, &question, text, "abcd1234", "t")
            .unwrap()
            .id
    };
    let a = send(&mut s, "ກົດໝາຍ pls");
    s.accept_idea(&a, Some("ຕ້ອງມີກົດໝາຍປົກປ້ອງຂໍ້ມູນ"), None).unwrap();
    let b = send(&mut s, "ກົດໝາຍ ແລະ ງົບປະມານ");
    s.accept_idea(&b, None, None).unwrap();
    let secret = send(&mut s, "rejected secret words");
    s.reject_idea(&secret).unwrap();
    send(&mut s, "pending unseen words");
    let few = add_card(&mut s, &group, &focus, Quadrant::Threats, "few");
    let many = add_card(&mut s, &group, &focus, Quadrant::Threats, "many");
    for (c, voter) in [(&many, "📱1"), (&many, "📱2"), (&few, "📱1")] {
        s.vote_in(c, voter, None).unwrap();
    }
    let offers = [
        RoomOffer::Ideas {
            group_id: group.clone(),
            question_id: question.clone(),
        },
        RoomOffer::Vote {
            group_id: group.clone(),
            focus_area_id: focus.clone(),
        },
    ];
    let results = sala_room::results(&s, &offers).unwrap();
    let OfferResults::Ideas {
        received,
        waiting,
        accepted,
        words,
        ..
    } = &results.offers[0]
    else {
        panic!("{results:?}")
    };
    assert_eq!((*received, *waiting, *accepted), (4, 1, 2));
    let words: Vec<(&str, u32)> = words.iter().map(|w| (w.word.as_str(), w.count)).collect();
    assert_eq!(words[0], ("ກົດໝາຍ", 2), "{words:?}");
    assert!(
        words
            .iter()
            .all(|(w, _)| !["pls", "rejected", "secret", "pending", "unseen"].contains(w)),
        "{words:?}"
    );
    let OfferResults::Vote { cards, voters, .. } = &results.offers[1] else {
        panic!()
    };
    let tally: Vec<(&str, u32)> = cards.iter().map(|c| (c.text.as_str(), c.votes)).collect();
    assert_eq!(tally, [("many", 2), ("few", 1)]);
    assert_eq!(*voters, 2);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn forty_phones_at_once_lose_nothing_and_double_nothing() {
    let room = Arc::new(open(&["survey:post", "vote:A:policy"]).await);
    let mut laptop = Store::open_in(room.data.path(), &MachineIdentity("room".into())).unwrap();
    let group = laptop.find_group("A").unwrap().id;
    let focus = laptop.focus_area("policy").unwrap().id;
    let cards: Vec<String> = (0..4)
        .map(|i| {
            add_card(
                &mut laptop,
                &group,
                &focus,
                Quadrant::Strengths,
                &format!("ບັດ {i}"),
            )
        })
        .collect();
    let survey = call(
        &room,
        2,
        "GET",
        format!("/{CODE}/api/survey/post"),
        Value::Null,
    )
    .await
    .json();
    let visits: Vec<_> = (0..40u8)
        .map(|n| {
            let (room, cards, survey) = (room.clone(), cards.clone(), survey.clone());
            let vote = format!("/{CODE}/api/vote/{group}/{focus}");
            tokio::spawn(async move {
                let phone = format!("{n:02x}{:030x}", u32::from(n) * 7919);
                let body = json!({ "phone": phone, "answers": answers_to(&survey, 1 + n % 5) });
                let mut statuses = Vec::new();
                // Send tapped twice, as people do.
                for _ in 0..2 {
                    let path = format!("/{CODE}/api/survey/post");
                    statuses.push(call(&room, 10 + n, "POST", path, body.clone()).await.status);
                }
                for k in 0..3 {
                    let card = &cards[(usize::from(n) + k) % cards.len()];
                    let dot = json!({ "phone": phone, "card": card, "add": true });
                    statuses.push(call(&room, 10 + n, "POST", vote.clone(), dot).await.status);
                }
                statuses
            })
        })
        .collect();
    for v in visits {
        assert_eq!(v.await.unwrap(), [200, 409, 200, 200, 200]);
    }
    let post = laptop.survey_form("post").unwrap();
    let responses = laptop.survey_responses(&post.form_id).unwrap();
    let phones: std::collections::BTreeSet<_> = responses
        .iter()
        .filter_map(|r| r.source.as_ref().map(|s| s.phone.clone()))
        .collect();
    assert_eq!((responses.len(), phones.len()), (40, 40));
    let dots: u32 = laptop
        .board(&group, &focus)
        .unwrap()
        .cards
        .iter()
        .map(|c| c.votes)
        .sum();
    assert_eq!(dots, 120);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_linked_form_finds_a_name_from_two_letters_and_shows_nothing_else() {
    let room = open(&["survey:pre"]).await;
    let mut laptop = Store::open_in(room.data.path(), &MachineIdentity("room".into())).unwrap();
    let mut person = |lo: &str, en: &str| {
        laptop
            .add_participant(&sala_core::api::ParticipantDraft {
                name: sala_core::model::Bilingual::new(en, lo),
                organisation: "Ministry of Technology and Communications".into(),
                stakeholder: None,
                gender: sala_core::model::Gender::Undisclosed,
                contact: "020 5555 1234".into(),
                consent: false,
                group_id: None,
            })
            .unwrap()
            .id
    };
    let somphone = person("ສົມພອນ ແກ້ວມະນີ", "Somphone Keomany");
    for n in 0..7 {
        person(&format!("ສົມສັກ {n}"), &format!("Somsack {n}"));
    }
    let survey = call(
        &room,
        2,
        "GET",
        format!("/{CODE}/api/survey/pre"),
        Value::Null,
    )
    .await
    .json();
    assert_eq!(survey["linked"], true);
    let find = |q: &str| {
        call(
            &room,
            2,
            "GET",
            format!("/{CODE}/api/people/pre?q={q}"),
            Value::Null,
        )
    };
    // One letter: nothing. Two: a few names at most, and nothing but names.
    assert_eq!(find("s").await.json()["found"], json!([]));
    let found = find("so").await;
    let text = String::from_utf8_lossy(&found.body).to_string();
    assert_eq!(
        found.json()["found"].as_array().unwrap().len(),
        sala_room::MAX_PEOPLE_FOUND
    );
    assert!(
        !text.contains("Ministry") && !text.contains("020"),
        "{text}"
    );
    let lao = find("%E0%BA%AA%E0%BA%BB%E0%BA%A1%E0%BA%9E").await.json();
    assert_eq!(lao["found"][0]["id"], somphone.as_str(), "{lao}");
    assert_eq!(lao["found"].as_array().unwrap().len(), 1);

    let body =
        json!({ "phone": "cafe0001", "participant": somphone, "answers": answers_to(&survey, 3) });
    let sent = call(&room, 2, "POST", format!("/{CODE}/api/survey/pre"), body).await;
    assert_eq!(sent.status, 200, "{:?}", sent.json());
    let pre = laptop.survey_form("pre").unwrap();
    let responses = laptop.survey_responses(&pre.form_id).unwrap();
    assert_eq!(
        responses[0].participant_id.as_deref(),
        Some(somphone.as_str())
    );
    // Someone who is not a participant cannot be answered as.
    let body = json!({ "phone": "cafe0002", "participant": "no-such-person", "answers": answers_to(&survey, 3) });
    let refused = call(&room, 3, "POST", format!("/{CODE}/api/survey/pre"), body).await;
    assert_ne!(refused.status, 200);
    assert_eq!(laptop.survey_responses(&pre.form_id).unwrap().len(), 1);
    // An anonymous form offers no names at all.
    let edit = sala_core::survey::SurveyFormEdit {
        title: pre.title.clone(),
        intro: pre.intro.clone(),
        anonymous: true,
        sections: pre.sections.clone(),
    };
    laptop.edit_survey_form("pre", edit).unwrap();
    assert_eq!(find("so").await.json()["found"], json!([]));
}

const SIDEWAYS: &[u8] =
    include_bytes!("../../../tests/fixtures/pictures/flipchart-sideways-gps.jpg");

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_facilitators_phone_sends_a_flipchart_photo_to_the_groups_work() {
    use base64::Engine as _;
    let room = open(&["pictures:B"]).await;
    let laptop = Store::open_in(room.data.path(), &MachineIdentity("room".into())).unwrap();
    let group = laptop.find_group("B").unwrap().id;
    let here = format!("/{CODE}/api/pictures/{group}");

    let offers = call(&room, 2, "GET", format!("/{CODE}/api/room"), Value::Null)
        .await
        .json();
    assert_eq!(offers["offers"][0]["kind"], "pictures");
    assert_eq!(offers["offers"][0]["group"], "B");

    let photo = base64::engine::general_purpose::STANDARD.encode(SIDEWAYS);
    let sent = call(
        &room,
        2,
        "POST",
        here.clone(),
        json!({ "phone": "cccc3333", "name": "IMG_0042.JPG", "base64": photo, "caption": "ເຈ້ຍຟລິບຊາດ ໂຕະ B" }),
    )
    .await;
    assert_eq!(sent.status, 200, "{:?}", sent.json());
    assert_eq!(sent.json()["width"], 1200, "upright");

    // In the group's work on the laptop, as one attached there: upright, without its location.
    let pictures = laptop.pictures(Some("B"), false).unwrap();
    assert_eq!(pictures.len(), 1);
    assert_eq!(pictures[0].caption, "ເຈ້ຍຟລິບຊາດ ໂຕະ B");
    let kept = laptop.picture_data(&pictures[0]).unwrap();
    assert!(!kept.windows(13).any(|w| w == b"SalaTestPhone"));
    assert!(!kept.windows(4).any(|w| w == b"Exif"));

    // A HEIC photo is refused in both languages, saying what to do; nothing is kept.
    let mut heic = vec![0, 0, 0, 0x18];
    heic.extend_from_slice(b"ftypheic\0\0\0\0mif1heic");
    let refused = call(
        &room,
        2,
        "POST",
        here.clone(),
        json!({ "phone": "cccc3333", "name": "IMG_1.HEIC", "base64": base64::engine::general_purpose::STANDARD.encode(heic) }),
    )
    .await;
    assert_eq!(refused.status, 415);
    assert_eq!(refused.json()["code"], "picture_heic");
    assert!(
        refused.json()["message"]["lo"]
            .as_str()
            .unwrap()
            .contains("iPhone")
    );
    // Another group's pictures are not offered.
    let other = laptop.find_group("A").unwrap().id;
    let elsewhere = call(
        &room,
        2,
        "POST",
        format!("/{CODE}/api/pictures/{other}"),
        json!({ "phone": "cccc3333", "name": "a.jpg", "base64": "" }),
    )
    .await;
    assert_eq!(elsewhere.status, 404);
    assert_eq!(laptop.pictures(None, false).unwrap().len(), 1);
    // The projector's results count the group's pictures.
    let results = sala_room::results(
        &laptop,
        &[sala_core::api::RoomOffer::Pictures { group_id: group }],
    )
    .unwrap();
    assert!(matches!(
        results.offers[0],
        sala_core::api::OfferResults::Pictures { pictures: 1, .. }
    ));
}
