//! `sala room open` in the foreground: it says where the room is, phones reach it there, and
//! Ctrl+C closes it; what it cannot offer is refused in words.

#![allow(clippy::unwrap_used, clippy::expect_used)]

use std::io::{BufRead, BufReader, Read, Write};
use std::net::TcpStream;
use std::process::Stdio;

mod kit;

fn get(address: &str, path: &str) -> String {
    let host = address
        .trim_start_matches("http://")
        .split('/')
        .next()
        .unwrap();
    let mut stream = TcpStream::connect(host).unwrap();
    write!(
        stream,
        "GET {path} HTTP/1.1\r\nHost: {host}\r\nConnection: close\r\n\r\n"
    )
    .unwrap();
    let mut answer = String::new();
    stream.read_to_string(&mut answer).unwrap();
    answer
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
    check(&["room", "open", "--offer", "survey:nonsense"], "nonsense");
    check(
        &["room", "open", "--offer", "survey:pre", "--code", "a b"],
        "a b",
    );
    let mut lao = kit::command(data.path(), "m", &["room", "open", "--offer", "vote:A"]);
    let o = lao.env("SALA_LANG", "lo").output().unwrap();
    assert!(String::from_utf8_lossy(&o.stderr).contains("ບໍ່ແມ່ນສິ່ງທີ່ຫ້ອງສາມາດເປີດໃຫ້ໄດ້"));
}
