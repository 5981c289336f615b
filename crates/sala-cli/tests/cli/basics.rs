//! Setting up, adding a Lao note, help, the dump and the data folder.

use super::*;

#[test]
fn init_demo_creates_the_lao_pdr_workshop_once() {
    let dir = demo();
    let d = dump(dir.path());
    assert_eq!(d["workshop"]["start_date"], "2023-05-11");
    assert_eq!(d["workshop"]["venue"]["en"], "Crowne Plaza, Vientiane");
    assert_eq!(d["guiding_questions"].as_array().unwrap().len(), 5);
    assert_eq!(d["focus_areas"].as_array().unwrap().len(), 10);
    let ops = d["op_count"].as_u64().unwrap();

    let again = sala(dir.path(), &["init", "--demo"]);
    assert!(again.status.success());
    assert!(
        stdout(&again).contains("nothing changed"),
        "{}",
        stdout(&again)
    );
    assert_eq!(dump(dir.path())["op_count"].as_u64().unwrap(), ops);
}

#[test]
fn a_lao_note_added_is_listed_and_dumped_with_its_exact_text() {
    let dir = demo();
    let o = sala(dir.path(), &note_add("A", "1", LAO_NOTE, &[]));
    assert!(o.status.success(), "{}", stderr(&o));
    let o = sala(
        dir.path(),
        &note_add("b", "3", "Needs a data-sharing law", &["--lang", "en"]),
    );
    assert!(o.status.success(), "{}", stderr(&o));

    let listed = stdout(&sala(dir.path(), &["note", "list"]));
    assert!(
        listed.contains(&format!("[Group A · Q1] {LAO_NOTE}")),
        "{listed}"
    );
    assert!(
        listed.contains("[Group B · Q3] Needs a data-sharing law"),
        "{listed}"
    );

    let only_a = stdout(&sala(
        dir.path(),
        &["note", "list", "--group", "A", "--json"],
    ));
    let notes: serde_json::Value = serde_json::from_str(&only_a).unwrap();
    assert_eq!(notes.as_array().unwrap().len(), 1);
    assert_eq!(notes[0]["text"], LAO_NOTE);
    assert_eq!(notes[0]["lang"], "lo");

    let d = dump(dir.path());
    let texts: Vec<&str> = d["notes"]
        .as_array()
        .unwrap()
        .iter()
        .map(|n| n["text"].as_str().unwrap())
        .collect();
    assert_eq!(texts, vec![LAO_NOTE, "Needs a data-sharing law"]);
    // Provenance: the device that captured it.
    assert_eq!(d["notes"][0]["device_id"], d["device_id"]);
}

#[test]
fn help_is_in_the_chosen_language() {
    let dir = TempDir::new().unwrap();
    let o = sala(dir.path(), &["--ui-lang", "lo", "note", "add", "--help"]);
    assert!(o.status.success());
    let help = stdout(&o);
    assert!(help.contains("ເພີ່ມບັນທຶກໃນກຸ່ມ ແລະ ຄຳຖາມຊີ້ນຳ"), "{help}");
    assert!(
        help.contains("ທາງເລືອກ:") && !help.contains("Options:"),
        "{help}"
    );
    let o = sala(dir.path(), &["--help"]);
    assert!(
        stdout(&o).contains("Print the whole workshop state."),
        "{}",
        stdout(&o)
    );
}

#[test]
fn the_dump_is_stable_json() {
    let dir = demo();
    sala(dir.path(), &note_add("A", "2", "x", &[]));
    let a = stdout(&sala(dir.path(), &["dump", "--json"]));
    let b = stdout(&sala(dir.path(), &["dump", "--json"]));
    assert_eq!(a, b);
    let keys: Vec<String> = serde_json::from_str::<serde_json::Value>(&a)
        .unwrap()
        .as_object()
        .unwrap()
        .keys()
        .cloned()
        .collect();
    assert_eq!(
        keys,
        [
            "dump_format",
            "device_id",
            "workshop",
            "agenda",
            "focus_areas",
            "guiding_questions",
            "groups",
            "notes",
            "swot_boards",
            "swot_cards",
            "swot_votes",
            "actions",
            "participants",
            "attendance",
            "survey_forms",
            "survey_responses",
            "ideas",
            "pictures",
            "provenance",
            "op_count"
        ]
    );
}

#[test]
fn sala_data_dir_moves_the_data_folder() {
    let dir = TempDir::new().unwrap();
    let o = Command::new(env!("CARGO_BIN_EXE_sala"))
        .args(["init", "--demo"])
        .env("SALA_DATA_DIR", dir.path())
        .env("LANG", "C.UTF-8")
        .output()
        .unwrap();
    assert!(o.status.success(), "{}", stderr(&o));
    assert!(dir.path().join("sala.db").exists());
    // --data wins over the environment.
    let other = TempDir::new().unwrap();
    let o = Command::new(env!("CARGO_BIN_EXE_sala"))
        .arg("--data")
        .arg(other.path())
        .args(["note", "list"])
        .env("SALA_DATA_DIR", dir.path())
        .env("LANG", "C.UTF-8")
        .output()
        .unwrap();
    assert_eq!(o.status.code(), Some(1), "the other folder has no workshop");
    assert!(stderr(&o).contains("no workshop"));
}
