//! Several real `sala` processes, each with its own data folder and machine, syncing through
//! one shared folder — the way three laptops at three tables do.

#![allow(clippy::unwrap_used, clippy::expect_used)]

use std::path::Path;
use std::process::{Command, Output};

use tempfile::TempDir;

mod kit;
use kit::command;

fn sala(data: &Path, machine: &str, args: &[&str]) -> Output {
    kit::run(data, machine, args)
}

fn ok(data: &Path, machine: &str, args: &[&str]) -> String {
    kit::ok_on(data, machine, args)
}

fn json(data: &Path, machine: &str, args: &[&str]) -> serde_json::Value {
    serde_json::from_str(&ok(data, machine, args)).unwrap()
}

/// The notes' texts, sorted.
fn texts(data: &Path, machine: &str) -> Vec<String> {
    let d = json(data, machine, &["dump", "--json"]);
    let mut t: Vec<String> = d["notes"]
        .as_array()
        .unwrap()
        .iter()
        .map(|n| n["text"].as_str().unwrap().to_owned())
        .collect();
    t.sort();
    t
}

// Long by design: one scenario step by step, each step using what the one before left.
#[test]
fn three_laptops_exchange_notes_and_merge_two_offline_edits_of_one_note() {
    let shared = TempDir::new().unwrap();
    let folder = shared.path().to_str().unwrap();
    let laptops: Vec<(TempDir, &str, &str)> = vec![
        (TempDir::new().unwrap(), "m-coordinator", "Coordinator"),
        (TempDir::new().unwrap(), "m-table-1", "Table 1"),
        (TempDir::new().unwrap(), "m-table-2", "Table 2"),
    ];
    let (coord, cm, _) = &laptops[0];
    ok(coord.path(), cm, &["init", "--demo"]);
    ok(
        coord.path(),
        cm,
        &["sync", "--folder", folder, "--label", "Coordinator"],
    );
    for (dir, m, label) in &laptops[1..] {
        let out = ok(dir.path(), m, &["join", "--folder", folder]);
        assert!(out.contains("Joined the workshop"), "{out}");
        ok(dir.path(), m, &["sync", "--label", label]);
    }

    // Each table types a note; one note is then edited at two tables at once.
    let (t1, m1, _) = &laptops[1];
    let (t2, m2, _) = &laptops[2];
    let added = ok(
        t1.path(),
        m1,
        &[
            "note",
            "add",
            "--group",
            "A",
            "--question",
            "1",
            "--text",
            "ຂາດບຸກຄະລາກອນດ້ານຂໍ້ມູນ",
        ],
    );
    let id = added.split_whitespace().nth(2).unwrap().to_owned();
    ok(
        t2.path(),
        m2,
        &[
            "note",
            "add",
            "--group",
            "B",
            "--question",
            "2",
            "--text",
            "No shared data standards",
        ],
    );
    ok(t1.path(), m1, &["sync"]);
    ok(t2.path(), m2, &["sync"]);
    ok(t1.path(), m1, &["sync"]);
    ok(
        t2.path(),
        m2,
        &["note", "edit", &id, "--text", "ຂາດບຸກຄະລາກອນ (ກະຊວງ)"],
    );
    ok(
        t1.path(),
        m1,
        &[
            "note",
            "edit",
            &id,
            "--text",
            "ຂາດບຸກຄະລາກອນດ້ານຂໍ້ມູນ ແລະ ງົບປະມານ",
        ],
    );
    for _ in 0..2 {
        for (dir, m, _) in &laptops {
            ok(dir.path(), m, &["sync"]);
        }
    }

    // Every laptop holds the same workshop, and the note has both tables' words.
    let first = texts(coord.path(), cm);
    let merged = first.iter().find(|t| t.starts_with("ຂາດ")).unwrap();
    assert!(
        merged.starts_with("ຂາດບຸກຄະລາກອນ")
            && merged.contains("(ກະຊວງ)")
            && merged.contains("ແລະ ງົບປະມານ")
            && !merged.contains("ດ້ານຂໍ້ມູນ"),
        "both edits, and table 2's deletion: {merged}"
    );
    for (dir, m, _) in &laptops {
        assert_eq!(texts(dir.path(), m), first);
        // The text merged, and is listed to be checked: the merge and each table's version.
        let c = json(dir.path(), m, &["conflicts", "--json"]);
        let c = c.as_array().unwrap();
        assert_eq!(c.len(), 1, "{c:?}");
        assert_eq!(c[0]["field"], "text");
        assert_eq!(c[0]["merged"].as_str(), Some(merged.as_str()));
        assert_eq!(c[0]["values"].as_array().unwrap().len(), 2);
    }
    // The coordinator sees both tables by their labels, nothing waiting.
    let status = json(coord.path(), cm, &["status", "--json"]);
    let mut labels: Vec<&str> = status["devices"]
        .as_array()
        .unwrap()
        .iter()
        .map(|d| d["label"].as_str().unwrap())
        .collect();
    labels.sort_unstable();
    assert_eq!(labels, ["Table 1", "Table 2"]);
    assert_eq!(status["waiting"], 0);
    assert_eq!(status["conflicts"], 1);
    let text = ok(coord.path(), cm, &["status"]);
    assert!(
        text.contains("Table 1") && text.contains("Conflicts: 1"),
        "{text}"
    );
}

#[test]
fn a_usb_stick_carries_the_same_files() {
    let a = TempDir::new().unwrap();
    let b = TempDir::new().unwrap();
    let stick = TempDir::new().unwrap();
    ok(a.path(), "m-a", &["init", "--demo"]);
    ok(
        a.path(),
        "m-a",
        &[
            "note",
            "add",
            "--group",
            "C",
            "--question",
            "3",
            "--text",
            "ຕ້ອງມີກົດໝາຍ",
        ],
    );
    let file = stick.path().join("table-a.sala-ops");
    let file = file.to_str().unwrap();
    let out = ok(a.path(), "m-a", &["export", file]);
    assert!(out.starts_with("Wrote "), "{out}");
    ok(b.path(), "m-b", &["join", file]);
    assert_eq!(texts(b.path(), "m-b"), ["ຕ້ອງມີກົດໝາຍ"]);
    // Importing the same file again adds nothing.
    let again = ok(b.path(), "m-b", &["import", file]);
    assert!(again.contains(": 0 new changes"), "{again}");

    // A sync with no folder set says what to do, in Lao too.
    let o = sala(b.path(), "m-b", &["--ui-lang", "lo", "sync"]);
    assert_eq!(o.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&o.stderr).contains("ໂຟນເດີທີ່ໃຊ້ຮ່ວມກັນ"));
}

/// A `sala` process that has started, with its standard input open.
fn spawn(data: &Path, machine: &str, args: &[&str]) -> std::process::Child {
    command(data, machine, args)
        .stdin(std::process::Stdio::piped())
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .expect("start sala")
}

/// A coordinator with the demo workshop sharing a folder, and a table that joined it.
fn coordinator_and_table() -> (TempDir, String, TempDir, TempDir) {
    let shared = TempDir::new().unwrap();
    let folder = shared.path().to_str().unwrap().to_owned();
    let (coord, table) = (TempDir::new().unwrap(), TempDir::new().unwrap());
    ok(coord.path(), "m-c", &["init", "--demo"]);
    ok(coord.path(), "m-c", &["sync", "--folder", &folder]);
    ok(table.path(), "m-t", &["join", "--folder", &folder]);
    (shared, folder, coord, table)
}

#[test]
fn several_sala_syncs_on_one_data_folder_at_once_lose_no_note() {
    // Two terminals (or the app and a terminal) on one laptop's data folder, syncing while
    // notes are typed in a third: every acknowledged note reaches the coordinator.
    let (_shared, _, coord, table) = coordinator_and_table();
    let mut acknowledged = 0;
    for round in 0..6 {
        let mut typing = spawn(
            table.path(),
            "m-t",
            &["note", "add", "--group", "A", "--question", "1", "--stdin"],
        );
        let syncs: Vec<_> = (0..3)
            .map(|_| spawn(table.path(), "m-t", &["sync"]))
            .collect();
        {
            use std::io::Write;
            let mut input = typing.stdin.take().unwrap();
            for i in 0..20 {
                writeln!(input, "ຮອບ {round} ບັນທຶກ {i}").unwrap();
            }
        }
        let typed = typing.wait_with_output().unwrap();
        assert!(
            typed.status.success(),
            "{}",
            String::from_utf8_lossy(&typed.stderr)
        );
        acknowledged += String::from_utf8_lossy(&typed.stdout)
            .lines()
            .filter(|l| l.starts_with("Saved note"))
            .count();
        for s in syncs {
            let o = s.wait_with_output().unwrap();
            assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
            assert!(
                !String::from_utf8_lossy(&o.stdout).contains("Another laptop was writing"),
                "no clone was seen where there is none"
            );
        }
    }
    assert_eq!(acknowledged, 120);
    ok(table.path(), "m-t", &["sync"]);
    let status = json(table.path(), "m-t", &["status", "--json"]);
    assert_eq!(status["waiting"], 0);
    ok(coord.path(), "m-c", &["sync"]);
    assert_eq!(texts(coord.path(), "m-c").len(), 120);
}

// Long by design: one scenario step by step, each step using what the one before left.
#[test]
fn a_bad_file_in_the_folder_is_shown_and_sync_goes_on() {
    let (shared, folder, coord, table) = coordinator_and_table();
    let folder = folder.as_str();
    ok(
        table.path(),
        "m-t",
        &["sync", "--label", "\u{1b}[2J\u{1b}]0;pwned\u{7}Table 2"],
    );
    // A well-formed, checksummed file of the table's whose note is not a note.
    let d = json(coord.path(), "m-c", &["dump", "--json"]);
    let workshop = d["workshop"]["id"].as_str().unwrap();
    let table_device = json(table.path(), "m-t", &["dump", "--json"])["device_id"]
        .as_str()
        .unwrap()
        .to_owned();
    let dir = shared
        .path()
        .join("sala-sync")
        .join(workshop)
        .join(&table_device);
    let id = "0190aa55-6e3c-7c4e-9a1b-2f3d4e5f6a7b";
    let op = serde_json::json!({
        "id": "0190aa55-6e3c-7c4e-9a1b-2f3d4e5f6a7c", "hlc": format!("001700000000000-0000000000-{table_device}"),
        "device": table_device, "workshop_id": workshop, "entity": "note", "entity_id": id,
        "kind": "create", "field": "", "value": {"id": id, "hello": "x"}
    });
    let body = format!("{op}\n");
    let title = d["workshop"]["title"].clone();
    let mut header = serde_json::json!({
        "format": 3, "workshop_id": workshop, "workshop_title": title, "device_id": table_device,
        "seq": 50, "op_count": 1, "body_bytes": body.len(), "sha256": ""
    });
    let sha = {
        use sha2::Digest;
        let mut h = sha2::Sha256::new();
        h.update(serde_json::to_vec(&header).unwrap());
        h.update(b"\n");
        h.update(body.as_bytes());
        h.finalize()
            .iter()
            .map(|b| format!("{b:02x}"))
            .collect::<String>()
    };
    header["sha256"] = serde_json::json!(sha);
    std::fs::write(
        dir.join("00000050.sala-ops"),
        format!("SALA-OPS\n{header}\n{body}"),
    )
    .unwrap();
    ok(
        table.path(),
        "m-t",
        &[
            "note",
            "add",
            "--group",
            "B",
            "--question",
            "1",
            "--text",
            "ຫຼັງໄຟລ໌ເສຍ",
        ],
    );
    ok(table.path(), "m-t", &["sync"]);

    for _ in 0..2 {
        let o = sala(coord.path(), "m-c", &["sync"]);
        assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
        let text = String::from_utf8(o.stdout).unwrap();
        assert!(text.contains("00000050.sala-ops"), "{text}");
        assert!(
            !text.contains('\u{1b}') && !text.contains('\u{7}'),
            "{text:?}"
        );
        assert!(text.contains("Table 2"), "{text}");
    }
    assert_eq!(texts(coord.path(), "m-c"), ["ຫຼັງໄຟລ໌ເສຍ"]);
    // A new laptop joins all the same.
    let late = TempDir::new().unwrap();
    ok(late.path(), "m-l", &["join", "--folder", folder]);
    assert_eq!(texts(late.path(), "m-l"), ["ຫຼັງໄຟລ໌ເສຍ"]);
}

#[test]
fn note_add_from_stdin_saves_every_line_it_can_and_names_the_others() {
    let data = TempDir::new().unwrap();
    ok(data.path(), "m", &["init", "--demo"]);
    let mut p = spawn(
        data.path(),
        "m",
        &["note", "add", "--group", "A", "--question", "1", "--stdin"],
    );
    {
        use std::io::Write;
        let mut input = p.stdin.take().unwrap();
        input.write_all("ແຖວທີໜຶ່ງ\n".as_bytes()).unwrap();
        input.write_all("x".repeat(20_001).as_bytes()).unwrap();
        input.write_all(b"\n\xff\xfe not utf-8\n").unwrap();
        input.write_all("ແຖວທີສີ່\r\n".as_bytes()).unwrap();
    }
    let o = p.wait_with_output().unwrap();
    assert_eq!(o.status.code(), Some(1));
    let err = String::from_utf8_lossy(&o.stderr);
    assert!(err.contains("Line 2 was not saved"), "{err}");
    assert!(err.contains("Line 3 was not saved"), "{err}");
    assert!(err.contains("lines 2, 3"), "{err}");
    assert_eq!(
        String::from_utf8_lossy(&o.stdout)
            .lines()
            .filter(|l| l.starts_with("Saved note"))
            .count(),
        2
    );
    assert_eq!(texts(data.path(), "m"), ["ແຖວທີສີ່", "ແຖວທີໜຶ່ງ"]);
}

#[test]
fn files_sent_before_the_key_are_named_and_withdrawn_from_the_command_line() {
    let (_shared, _folder, coord, _table) = coordinator_and_table();
    let secret = TempDir::new().unwrap();
    let pass_file = secret.path().join("passphrase.txt");
    std::fs::write(&pass_file, "ນະໂຍບາຍຂໍ້ມູນ 2026 Vientiane\n").unwrap();
    ok(
        coord.path(),
        "m-c",
        &[
            "key",
            "set",
            "--passphrase-file",
            pass_file.to_str().unwrap(),
        ],
    );
    let said = ok(coord.path(), "m-c", &["sync"]);
    assert!(said.contains("can still be read by anyone"), "{said}");
    let withdrawn = ok(coord.path(), "m-c", &["key", "withdraw"]);
    assert!(
        withdrawn.starts_with("Removed from the shared folder: "),
        "{withdrawn}"
    );
    let again = ok(coord.path(), "m-c", &["sync"]);
    assert!(!again.contains("can still be read by anyone"), "{again}");
    // In Lao too.
    let o = sala(coord.path(), "m-c", &["--ui-lang", "lo", "key", "withdraw"]);
    assert!(o.status.success());
    assert!(String::from_utf8_lossy(&o.stdout).contains("ໄດ້ລຶບ"));
}

#[cfg(unix)]
#[test]
fn a_pipe_named_on_the_command_line_is_refused_not_waited_on() {
    let data = TempDir::new().unwrap();
    ok(data.path(), "m", &["init", "--demo"]);
    let fifo = data.path().join("list.csv");
    assert!(
        Command::new("mkfifo")
            .arg(&fifo)
            .status()
            .unwrap()
            .success()
    );
    for args in [
        vec!["participant", "import", fifo.to_str().unwrap()],
        vec!["import", fifo.to_str().unwrap()],
        vec!["key", "set", "--passphrase-file", fifo.to_str().unwrap()],
    ] {
        let o = sala(data.path(), "m", &args);
        assert_eq!(o.status.code(), Some(1), "{args:?}");
        assert!(
            String::from_utf8_lossy(&o.stderr).contains("not an ordinary file"),
            "{args:?}: {}",
            String::from_utf8_lossy(&o.stderr)
        );
    }
}

#[test]
fn note_add_from_stdin_waits_for_a_busy_database_and_loses_no_line() {
    let data = TempDir::new().unwrap();
    ok(data.path(), "m", &["init", "--demo"]);
    // Another writer (the app, a long sync) holds the database longer than one save waits.
    let conn = rusqlite::Connection::open(data.path().join("sala.db")).unwrap();
    conn.execute_batch("BEGIN IMMEDIATE").unwrap();
    let mut p = spawn(
        data.path(),
        "m",
        &["note", "add", "--group", "A", "--question", "1", "--stdin"],
    );
    {
        use std::io::Write;
        let mut input = p.stdin.take().unwrap();
        input.write_all("ໜຶ່ງ\nສອງ\nສາມ\n".as_bytes()).unwrap();
    }
    std::thread::sleep(std::time::Duration::from_secs(4));
    conn.execute_batch("COMMIT").unwrap();
    let o = p.wait_with_output().unwrap();
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    assert_eq!(texts(data.path(), "m"), ["ສອງ", "ສາມ", "ໜຶ່ງ"]);
}

/// The table label this laptop shows the others (its `device.json` in the shared folder).
fn shown_label(shared: &Path) -> String {
    let root = shared.join("sala-sync");
    let workshop = std::fs::read_dir(&root)
        .unwrap()
        .next()
        .unwrap()
        .unwrap()
        .path();
    let device = std::fs::read_dir(&workshop)
        .unwrap()
        .map(|e| e.unwrap().path())
        .find(|p| p.is_dir())
        .unwrap();
    let info: serde_json::Value =
        serde_json::from_slice(&std::fs::read(device.join("device.json")).unwrap()).unwrap();
    info["label"].as_str().unwrap().to_owned()
}

#[test]
fn a_table_label_past_sixty_characters_is_refused_as_in_the_app() {
    let data = TempDir::new().unwrap();
    let shared = TempDir::new().unwrap();
    let folder = shared.path().to_str().unwrap();
    ok(data.path(), "m1", &["init", "--demo"]);
    ok(
        data.path(),
        "m1",
        &["sync", "--folder", folder, "--label", " Table 3 "],
    );
    assert_eq!(shown_label(shared.path()), "Table 3", "trimmed");
    let o = sala(data.path(), "m1", &["sync", "--label", &"ໂ".repeat(61)]);
    assert_eq!(o.status.code(), Some(1), "refused");
    ok(data.path(), "m1", &["sync"]);
    assert_eq!(shown_label(shared.path()), "Table 3", "kept as it was");
    let sixty = "ໂ".repeat(60);
    ok(data.path(), "m1", &["sync", "--label", &sixty]);
    assert_eq!(shown_label(shared.path()), sixty);
}
