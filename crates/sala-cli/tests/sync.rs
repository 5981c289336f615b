//! Several real `sala` processes, each with its own data folder and machine, syncing through
//! one shared folder — the way three laptops at three tables do.

#![allow(clippy::unwrap_used, clippy::expect_used)]

use std::path::Path;
use std::process::{Command, Output};

use tempfile::TempDir;

fn sala(data: &Path, machine: &str, args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_sala"))
        .arg("--data")
        .arg(data)
        .args(args)
        .env_remove("SALA_LANG")
        .env("LANG", "C.UTF-8")
        .env("SALA_MACHINE_ID", machine)
        .output()
        .expect("run sala")
}

fn ok(data: &Path, machine: &str, args: &[&str]) -> String {
    let o = sala(data, machine, args);
    assert!(
        o.status.success(),
        "sala {args:?}: {}",
        String::from_utf8_lossy(&o.stderr)
    );
    String::from_utf8(o.stdout).unwrap()
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
        let c = json(dir.path(), m, &["conflicts", "--json"]);
        assert_eq!(c.as_array().unwrap().len(), 0, "text merges: no conflict");
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
    assert_eq!(status["conflicts"], 0);
    let text = ok(coord.path(), cm, &["status"]);
    assert!(
        text.contains("Table 1") && text.contains("Conflicts: 0"),
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
