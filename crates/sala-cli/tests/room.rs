//! `sala room open` in the foreground: it says where the room is, phones reach it there, and
//! Ctrl+C closes it; what it cannot offer is refused in words.

#![allow(clippy::unwrap_used, clippy::expect_used)]

use std::io::{BufRead, BufReader, Read, Write};
use std::net::TcpStream;
use std::process::Stdio;

mod kit;

fn get(address: &str, path: &str) -> String {
    request(address, "GET", path, "")
}

fn request(address: &str, method: &str, path: &str, body: &str) -> String {
    let host = address
        .trim_start_matches("http://")
        .split('/')
        .next()
        .unwrap();
    let mut stream = TcpStream::connect(host).unwrap();
    write!(
        stream,
        "{method} {path} HTTP/1.1\r\nHost: {host}\r\nContent-Type: application/json\r\nContent-Length: {}\r\nConnection: close\r\n\r\n{body}",
        body.len()
    )
    .unwrap();
    let mut answer = String::new();
    stream.read_to_string(&mut answer).unwrap();
    answer
}

/// A room's process, killed if the test ends without closing it (a failing assertion): an
/// orphan would hold the test runner's output open.
struct RoomProcess(std::process::Child);

impl Drop for RoomProcess {
    fn drop(&mut self) {
        let _ = self.0.kill();
        let _ = self.0.wait();
    }
}

/// `sala room open ARGS…` started; the room's address (from its first line) and the process.
fn open_room(data: &std::path::Path, args: &[&str]) -> (String, RoomProcess) {
    let mut all = vec!["room", "open", "--bind", "127.0.0.1"];
    all.extend_from_slice(args);
    let mut room = kit::command(data, "m", &all)
        .stdout(Stdio::piped())
        .spawn()
        .unwrap();
    let mut lines = BufReader::new(room.stdout.take().unwrap()).lines();
    let first = lines.next().unwrap().unwrap();
    let address = first
        .split_whitespace()
        .find(|w| w.starts_with("http://"))
        .unwrap()
        .to_owned();
    // The rest of what it says is read (and dropped) so that it never blocks on a full pipe.
    std::thread::spawn(move || lines.for_each(drop));
    (address, RoomProcess(room))
}

#[test]
fn the_room_says_where_it_is_answers_there_and_closes_on_ctrl_c() {
    let data = tempfile::tempdir().unwrap();
    kit::ok_on(data.path(), "m", &["init", "--demo"]);
    let mut room = kit::command(
        data.path(),
        "m",
        &[
            "room",
            "open",
            "--bind",
            "127.0.0.1",
            "--code",
            "ROOM42",
            "--offer",
            "survey:pre",
        ],
    )
    .stdout(Stdio::piped())
    .spawn()
    .unwrap();
    let mut lines = BufReader::new(room.stdout.take().unwrap()).lines();
    let first = lines.next().unwrap().unwrap();
    assert!(
        first.starts_with("The room is open at http://127.0.0.1:"),
        "{first}"
    );
    assert!(first.ends_with("— room code ROOM42."), "{first}");
    let address = first
        .split_whitespace()
        .find(|w| w.starts_with("http://"))
        .unwrap()
        .to_owned();
    let said: Vec<String> = lines.by_ref().take(3).map(|l| l.unwrap()).collect();
    assert_eq!(said[0], "It offers: survey:pre.");
    assert!(said[1].contains("plain HTTP"), "{said:?}");

    let offers = get(&address, "/ROOM42/api/room");
    assert!(offers.starts_with("HTTP/1.1 200"), "{offers}");
    assert!(offers.contains("ແບບສຳຫຼວດກ່ອນກອງປະຊຸມ"), "{offers}");
    assert!(get(&address, "/OTHER1/api/room").starts_with("HTTP/1.1 404"));

    // Ctrl+C: the room closes and says so.
    let interrupted = std::process::Command::new("kill")
        .args(["-INT", &room.id().to_string()])
        .status()
        .unwrap();
    assert!(interrupted.success());
    let rest: Vec<String> = lines.map(|l| l.unwrap()).collect();
    assert_eq!(rest, ["The room is closed."]);
    assert!(room.wait().unwrap().success());
}

#[test]
fn what_the_room_cannot_offer_is_refused_in_words() {
    let data = tempfile::tempdir().unwrap();
    kit::ok_on(data.path(), "m", &["init", "--demo"]);
    // (arguments, what standard error says)
    let check = |args: &[&str], said: &str| {
        let o = kit::run(data.path(), "m", args);
        assert!(!o.status.success(), "{args:?}");
        let err = String::from_utf8_lossy(&o.stderr);
        assert!(err.contains(said), "{args:?}: {err}");
    };
    check(&["room", "open"], "--offer survey:pre");
    check(
        &["room", "open", "--offer", "vote:A"],
        "“vote:A” is not something the room can offer",
    );
    check(
        &["room", "open", "--offer", "ideas:A:two"],
        "“ideas:A:two” is not something the room can offer",
    );
    check(&["room", "open", "--offer", "ideas:Z:2"], "Z");
    check(&["room", "open", "--offer", "ideas:A:99"], "99");
    // Group A has no board for the People pillar; there is no focus area "nowhere".
    check(&["room", "open", "--offer", "vote:A:people"], "people");
    check(&["room", "open", "--offer", "vote:A:nowhere"], "nowhere");
    check(&["room", "open", "--offer", "survey:nonsense"], "nonsense");
    check(
        &["room", "open", "--offer", "survey:pre", "--code", "a b"],
        "a b",
    );
    let mut lao = kit::command(data.path(), "m", &["room", "open", "--offer", "vote:A"]);
    let o = lao.env("SALA_LANG", "lo").output().unwrap();
    assert!(String::from_utf8_lossy(&o.stderr).contains("ບໍ່ແມ່ນສິ່ງທີ່ຫ້ອງສາມາດເປີດໃຫ້ໄດ້"));
}

#[test]
fn ideas_sent_to_the_room_are_moderated_from_another_terminal_while_it_runs() {
    let data = tempfile::tempdir().unwrap();
    kit::ok_on(data.path(), "m", &["init", "--demo"]);
    let (address, mut room) = open_room(data.path(), &["--code", "IDEAS9", "--offer", "ideas:A:2"]);
    let offers = get(&address, "/IDEAS9/api/room");
    let body = offers.split_once("\r\n\r\n").unwrap().1;
    let offer = &serde_json::from_str::<serde_json::Value>(body).unwrap()["offers"][0];
    let (group, question) = (
        offer["group_id"].as_str().unwrap(),
        offer["question_id"].as_str().unwrap(),
    );
    let path = format!("/IDEAS9/api/ideas/{group}/{question}");
    for text in ["ຄວນມີກົດໝາຍປົກປ້ອງຂໍ້ມູນ", "off topic", "more open data"]
    {
        let body = format!("{{\"phone\":\"abcd1234\",\"text\":\"{text}\"}}");
        let sent = request(&address, "POST", &path, &body);
        assert!(sent.starts_with("HTTP/1.1 200"), "{sent}");
    }

    // Another terminal, the room still open on the same data folder.
    let queue = kit::ok_on(data.path(), "m", &["room", "ideas", "--group", "A"]);
    let lines: Vec<&str> = queue.lines().collect();
    assert_eq!(lines.len(), 3, "{queue}");
    assert!(
        lines[0].contains("group A · question 2 · Waiting · ຄວນມີກົດໝາຍປົກປ້ອງຂໍ້ມູນ"),
        "{queue}"
    );
    let id = |line: &str| line.split_whitespace().next().unwrap().to_owned();
    let accepted = kit::ok_on(data.path(), "m", &["room", "accept", &id(lines[0])]);
    assert!(accepted.starts_with("Accepted: note "), "{accepted}");
    kit::ok_on(data.path(), "m", &["room", "reject", &id(lines[1])]);
    let again = kit::run(data.path(), "m", &["room", "reject", &id(lines[1])]);
    assert!(String::from_utf8_lossy(&again.stderr).contains("already been dealt with"));
    let note = accepted.split_whitespace().nth(2).unwrap().to_owned();
    let merged = kit::ok_on(
        data.path(),
        "m",
        &["room", "merge", &id(lines[2]), "--into", &note],
    );
    assert_eq!(merged.trim(), format!("Merged into note {note}."));

    let dump: serde_json::Value =
        serde_json::from_str(&kit::ok_on(data.path(), "m", &["dump", "--json"])).unwrap();
    let notes = dump["notes"].as_array().unwrap();
    assert_eq!(notes.len(), 1);
    assert_eq!(notes[0]["text"], "ຄວນມີກົດໝາຍປົກປ້ອງຂໍ້ມູນ\n\nmore open data");
    assert!(notes[0]["idea_id"].is_string());
    assert_eq!(
        kit::ok_on(data.path(), "m", &["room", "ideas"]).trim(),
        "No idea is waiting."
    );
    let all = kit::ok_on(data.path(), "m", &["room", "ideas", "--all", "--json"]);
    let all: serde_json::Value = serde_json::from_str(&all).unwrap();
    let statuses: Vec<&str> = all
        .as_array()
        .unwrap()
        .iter()
        .map(|i| i["status"].as_str().unwrap())
        .collect();
    assert_eq!(statuses, ["accepted", "rejected", "merged"]);
    // In Lao too.
    let mut lao = kit::command(data.path(), "m", &["room", "ideas", "--all"]);
    let o = lao.env("SALA_LANG", "lo").output().unwrap();
    assert!(String::from_utf8_lossy(&o.stdout).contains("ກຸ່ມ A · ຄຳຖາມ 2 · ຮັບເອົາແລ້ວ"));

    let interrupted = std::process::Command::new("kill")
        .args(["-INT", &room.0.id().to_string()])
        .status()
        .unwrap();
    assert!(interrupted.success());
    assert!(room.0.wait().unwrap().success());
}
