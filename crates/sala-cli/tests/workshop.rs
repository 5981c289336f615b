//! Setting up any workshop from the command line: a new one from the blank template in Lao,
//! its focus areas, questions and agenda edited, exported and read back to the same structure;
//! bad input refused with every problem in words, nothing written.

#![allow(clippy::unwrap_used, clippy::expect_used)]

use std::path::Path;
use std::process::Output;

use tempfile::TempDir;

mod kit;

fn sala(data: &Path, args: &[&str]) -> Output {
    kit::run(data, "m", args)
}

fn ok(data: &Path, args: &[&str]) -> String {
    kit::ok_on(data, "m", args)
}

fn structure(data: &Path) -> serde_json::Value {
    let d: serde_json::Value = serde_json::from_str(&ok(data, &["dump", "--json"])).unwrap();
    let pick = |key: &str, fields: &[&str]| {
        serde_json::Value::Array(
            d[key]
                .as_array()
                .unwrap()
                .iter()
                .filter(|r| r["deleted"] != true)
                .map(|r| {
                    serde_json::Value::Object(
                        fields
                            .iter()
                            .map(|f| ((*f).to_owned(), r[*f].clone()))
                            .collect(),
                    )
                })
                .collect(),
        )
    };
    serde_json::json!({
        "title": d["workshop"]["title"],
        "dates": [d["workshop"]["start_date"], d["workshop"]["end_date"]],
        "areas": pick("focus_areas", &["code", "kind", "name", "position"]),
        "questions": pick("guiding_questions", &["number", "text"]),
        "agenda": pick("agenda", &["day", "starts_at", "ends_at", "kind", "title"]),
        "groups": pick("groups", &["name"]),
    })
}

// Long by design: one scenario step by step, each step using what the one before left.
#[test]
fn a_workshop_is_set_up_edited_exported_and_read_back() {
    let data = TempDir::new().unwrap();
    let d = data.path();
    let made = ok(
        d,
        &[
            "workshop",
            "new",
            "--template",
            "blank",
            "--title-lo",
            "ກອງປະຊຸມຂໍ້ມູນສາທາລະນະສຸກ",
            "--start",
            "2027-03-01",
            "--end",
            "2027-03-02",
        ],
    );
    assert!(
        made.starts_with("Made the workshop “ກອງປະຊຸມຂໍ້ມູນສາທາລະນະສຸກ”"),
        "{made}"
    );
    for (kind, lo) in [
        ("pillar", "ນະໂຍບາຍ"),
        ("pillar", "ລະບົບ"),
        ("element", "ບຸກຄະລາກອນ"),
    ] {
        ok(d, &["focus", "add", "--kind", kind, "--text-lo", lo]);
    }
    ok(
        d,
        &["focus", "add", "--code", "privacy", "--text-en", "Privacy"],
    );
    ok(
        d,
        &[
            "focus",
            "edit",
            "privacy",
            "--text-en",
            "Data privacy",
            "--text-lo",
            "ຄວາມເປັນສ່ວນຕົວ",
        ],
    );
    let retired = ok(d, &["focus", "retire", "privacy"]);
    assert!(retired.contains("keep it"), "{retired}");
    for q in ["ຈຸດແຂງແມ່ນຫຍັງ?", "ບາດກ້າວຕໍ່ໄປ?", "ຍ້າຍຂຶ້ນ"]
    {
        ok(d, &["question", "add", "--text-lo", q]);
    }
    ok(d, &["question", "move", "3", "1"]);
    ok(d, &["question", "retire", "1"]);
    ok(
        d,
        &["question", "edit", "2", "--text-lo", "ບາດກ້າວຕໍ່ໄປແມ່ນຫຍັງ?"],
    );
    for (day, start, end, kind, title) in [
        ("1", "09:00", "09:30", "opening", "ພິທີເປີດ"),
        ("1", "09:30", "12:00", "breakout", "ກຸ່ມຍ່ອຍ 1"),
        ("2", "09:00", "11:30", "breakout", "ກຸ່ມຍ່ອຍ 2"),
        ("2", "11:00", "12:00", "closing", "ພິທີປິດ"),
    ] {
        ok(
            d,
            &[
                "agenda",
                "add",
                "--day",
                day,
                "--kind",
                kind,
                "--start",
                start,
                "--end",
                end,
                "--title-lo",
                title,
            ],
        );
    }
    let agenda = ok(d, &["agenda", "list"]);
    assert!(
        agenda.contains("overlap"),
        "day 2's sessions overlap: {agenda}"
    );
    let s = structure(d);
    assert_eq!(s["areas"].as_array().unwrap().len(), 3);
    assert_eq!(
        s["questions"],
        serde_json::json!([
            {"number": 1, "text": {"en": "", "lo": "ຈຸດແຂງແມ່ນຫຍັງ?"}},
            {"number": 2, "text": {"en": "", "lo": "ບາດກ້າວຕໍ່ໄປແມ່ນຫຍັງ?"}},
        ])
    );

    // Exported and read back into another data folder: the same structure.
    let files = TempDir::new().unwrap();
    let out = files.path().join("health.toml");
    ok(d, &["workshop", "export", "--out", out.to_str().unwrap()]);
    let template = files.path().join("health.template.toml");
    assert!(template.exists());
    let other = TempDir::new().unwrap();
    ok(
        other.path(),
        &[
            "init",
            "--workshop",
            out.to_str().unwrap(),
            "--template",
            template.to_str().unwrap(),
        ],
    );
    assert_eq!(structure(other.path()), s);

    // Listed, archived, switched: a second workshop beside it.
    ok(
        d,
        &[
            "workshop",
            "new",
            "--title-en",
            "National data governance 2027",
            "--start",
            "2027-06-01",
        ],
    );
    let list = ok(d, &["workshop", "list", "--json"]);
    let list: serde_json::Value = serde_json::from_str(&list).unwrap();
    let demo = list
        .as_array()
        .unwrap()
        .iter()
        .find(|w| w["title"]["en"] == "")
        .unwrap()["workshop_id"]
        .as_str()
        .unwrap()
        .to_owned();
    ok(d, &["workshop", "archive", &demo]);
    assert!(!ok(d, &["workshop", "list"]).contains(&demo));
    assert!(ok(d, &["workshop", "list", "--all"]).contains("archived"));
    ok(d, &["workshop", "restore", &demo]);
    ok(d, &["workshop", "switch", &demo]);
    let next = ok(
        d,
        &[
            "workshop",
            "duplicate",
            "--title-en",
            "Second consultation",
            "--start",
            "2027-05-11",
        ],
    );
    assert!(next.contains("Second consultation"), "{next}");
}

// Long by design: one scenario step by step, each step using what the one before left.
#[test]
fn bad_input_is_refused_with_every_problem_and_writes_nothing() {
    let data = TempDir::new().unwrap();
    let d = data.path();
    let o = sala(
        d,
        &[
            "--ui-lang",
            "lo",
            "workshop",
            "new",
            "--template",
            "blank",
            "--start",
            "2027-13-01",
        ],
    );
    assert_eq!(o.status.code(), Some(1));
    let err = String::from_utf8_lossy(&o.stderr);
    assert!(err.contains("ກອງປະຊຸມຕ້ອງມີຫົວຂໍ້"), "{err}");
    assert!(err.contains("2027-13-01"), "{err}");
    assert!(!err.contains("%{"), "{err}");
    assert!(sala(d, &["dump", "--json"]).status.success());
    let dump: serde_json::Value = serde_json::from_str(&ok(d, &["dump", "--json"])).unwrap();
    assert_eq!(dump["op_count"], 0, "nothing written");

    // A template file with mistakes: each named, with its line.
    let files = TempDir::new().unwrap();
    let t = files.path().join("t.toml");
    std::fs::write(&t, "format = 2\nid = \"t\"\nname = { en = \"\", lo = \"\" }\ndays = 0\nfocus_areas = []\nguiding_questions = []\n").unwrap();
    let o = sala(
        d,
        &[
            "workshop",
            "new",
            "--template",
            t.to_str().unwrap(),
            "--title-en",
            "X",
            "--start",
            "2027-01-01",
        ],
    );
    let err = String::from_utf8_lossy(&o.stderr);
    assert!(
        err.contains("no name") && err.contains("at least one day"),
        "{err}"
    );
    std::fs::write(&t, "format = 2\nid = \"t\"\nname = = 1\n").unwrap();
    let o = sala(
        d,
        &[
            "workshop",
            "new",
            "--template",
            t.to_str().unwrap(),
            "--title-en",
            "X",
            "--start",
            "2027-01-01",
        ],
    );
    assert!(String::from_utf8_lossy(&o.stderr).contains("Line 3"));
    // A real date, but a typing slip (what a US-order date field made of 2023-09-01): refused,
    // as in the app.
    let o = sala(
        d,
        &[
            "workshop",
            "new",
            "--template",
            "blank",
            "--title-en",
            "X",
            "--start",
            "0001-12-09",
        ],
    );
    assert_eq!(o.status.code(), Some(1));
    let err = String::from_utf8_lossy(&o.stderr);
    assert!(
        err.contains("0001-12-09") && err.contains("2000 and 2100"),
        "{err}"
    );

    ok(d, &["init", "--demo"]);
    for args in [
        &["question", "edit", "9", "--text-en", "x"][..],
        &["focus", "retire", "nowhere"],
        &[
            "agenda",
            "add",
            "--day",
            "3",
            "--kind",
            "plenary",
            "--start",
            "09:00",
            "--end",
            "10:00",
            "--title-en",
            "x",
        ],
        &[
            "agenda",
            "add",
            "--day",
            "1",
            "--kind",
            "plenary",
            "--start",
            "10:00",
            "--end",
            "09:00",
            "--title-en",
            "x",
        ],
        &["focus", "add", "--code", "policy", "--text-en", "Again"],
        &["question", "add"],
    ] {
        let before: serde_json::Value = serde_json::from_str(&ok(d, &["dump", "--json"])).unwrap();
        let o = sala(d, args);
        assert_eq!(o.status.code(), Some(1), "{args:?}");
        assert!(
            !String::from_utf8_lossy(&o.stderr).contains("%{"),
            "{args:?}"
        );
        let after: serde_json::Value = serde_json::from_str(&ok(d, &["dump", "--json"])).unwrap();
        assert_eq!(
            after["op_count"], before["op_count"],
            "{args:?} wrote nothing"
        );
    }
}
