//! Bad input and a broken environment: clear, translated, nothing lost.

use super::*;

// Long by design: one scenario step by step, each step using what the one before left.
#[test]
fn errors_are_clear_translated_and_exit_non_zero() {
    let dir = demo();
    let d = dir.path();
    check(
        d,
        &note_add("Z", "1", "x", &[]),
        1,
        "There is no group “Z”. Groups: A, B, C, D.",
    );
    check(
        d,
        &[
            "--ui-lang",
            "lo",
            "note",
            "add",
            "--group",
            "Z",
            "--question",
            "1",
            "--text",
            "x",
        ],
        1,
        "ບໍ່ມີກຸ່ມ “Z”",
    );
    check(
        d,
        &note_add("A", "9", "x", &[]),
        1,
        "no guiding question 9 (there are 5)",
    );
    check(
        d,
        &note_add("A", "1", "   ", &[]),
        1,
        "A note needs some text",
    );
    check(
        d,
        &note_add("A", "1", "x", &["--lang", "fr"]),
        1,
        "Unknown language “fr”",
    );
    check(
        d,
        &note_add("A", "one", "x", &[]),
        2,
        "“one” is not a valid value for --question",
    );
    check(
        d,
        &[
            "--ui-lang",
            "lo",
            "note",
            "add",
            "--group",
            "A",
            "--question",
            "one",
            "--text",
            "x",
        ],
        2,
        "“one” ບໍ່ແມ່ນຄ່າທີ່ຖືກຕ້ອງສຳລັບ --question",
    );
    check(
        d,
        &["note", "add", "--group", "A"],
        2,
        "Missing: --question",
    );
    check(
        d,
        &["note", "frobnicate"],
        2,
        "Unknown argument or command “frobnicate”",
    );
    check(d, &["--ui-lang", "xx", "dump"], 2, "Invalid --ui-lang: xx");
    let long = "ກ".repeat(20_001);
    check(
        d,
        &note_add("A", "1", &long, &[]),
        1,
        "20001 characters; the limit is 20000",
    );
    // Nothing of the failures was written.
    assert!(dump(d)["notes"].as_array().unwrap().is_empty());

    let empty = TempDir::new().unwrap();
    check(empty.path(), &["note", "list"], 1, "no workshop");
}

#[test]
fn a_corrupt_database_is_reported_and_not_overwritten() {
    let dir = TempDir::new().unwrap();
    let garbage = vec![0x5Au8; 64 * 1024];
    std::fs::write(dir.path().join("sala.db"), &garbage).unwrap();
    check(
        dir.path(),
        &["note", "list"],
        1,
        "damaged or is not a Sala database",
    );
    check(dir.path(), &["init", "--demo"], 1, "damaged");
    assert_eq!(std::fs::read(dir.path().join("sala.db")).unwrap(), garbage);
}

#[test]
fn a_locked_database_is_reported() {
    let dir = demo();
    let conn = rusqlite::Connection::open(dir.path().join("sala.db")).unwrap();
    conn.execute_batch("BEGIN EXCLUSIVE").unwrap();
    check(
        dir.path(),
        &note_add("A", "1", "x", &[]),
        1,
        "in use by another program",
    );
    conn.execute_batch("ROLLBACK").unwrap();
    drop(conn);
    let o = sala(dir.path(), &note_add("A", "1", "x", &[]));
    assert!(o.status.success(), "after the lock is gone: {}", stderr(&o));
}

#[test]
fn kill_9_right_after_acknowledged_notes_loses_none_and_leaves_the_database_intact() {
    let dir = demo();
    let mut child = Command::new(env!("CARGO_BIN_EXE_sala"))
        .arg("--data")
        .arg(dir.path())
        .args(["note", "add", "--group", "C", "--question", "4", "--stdin"])
        .env("LANG", "C.UTF-8")
        .env("SALA_MACHINE_ID", "test-machine")
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .spawn()
        .unwrap();
    let mut input = child.stdin.take().unwrap();
    let mut acks = BufReader::new(child.stdout.take().unwrap()).lines();
    let mut sent = Vec::new();
    for i in 0..25 {
        let text = format!("{LAO_NOTE} #{i}");
        writeln!(input, "{text}").unwrap();
        input.flush().unwrap();
        let ack = acks.next().unwrap().unwrap();
        assert!(ack.starts_with("Saved note"), "{ack}");
        sent.push(text);
    }
    // The process is alive, waiting for the next line, its notes acknowledged: kill it hard.
    child.kill().unwrap();
    child.wait().unwrap();

    let check = sala(dir.path(), &["check"]);
    assert!(
        check.status.success() && stdout(&check).contains("integrity check ok"),
        "{}",
        stdout(&check)
    );
    let d = dump(dir.path());
    let texts: Vec<&str> = d["notes"]
        .as_array()
        .unwrap()
        .iter()
        .map(|n| n["text"].as_str().unwrap())
        .collect();
    assert_eq!(texts, sent.iter().map(String::as_str).collect::<Vec<_>>());
}

#[test]
fn an_os_error_is_said_in_the_users_language_with_what_to_do() {
    let dir = demo();
    let d = dir.path();
    let missing = d.join("no-such-dir");
    let docx = missing.join("x.docx");
    let docx = docx.to_str().unwrap();
    for (lang, said, advice) in [
        ("lo", "ບໍ່ມີຢູ່", "ກະລຸນາກວດເບິ່ງເສັ້ນທາງ"),
        ("en", "it does not exist", "Check the path"),
    ] {
        let o = sala(d, &["--ui-lang", lang, "report", "--out", docx]);
        assert_eq!(o.status.code(), Some(1));
        let err = stderr(&o);
        assert!(err.contains(said) && err.contains(advice), "{err}");
        assert!(
            !err.contains("os error") && !err.contains("No such file"),
            "{err}"
        );
    }
    // A shared folder that is not there is refused before it is kept, saying so.
    let share = missing.to_str().unwrap();
    check(
        d,
        &["sync", "--folder", share],
        1,
        &format!("There is no folder {share}. Create it"),
    );
    let status = sala(d, &["status", "--json"]);
    assert!(!String::from_utf8_lossy(&status.stdout).contains("no-such-dir"));
}
