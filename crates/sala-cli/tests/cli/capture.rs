//! Cards, votes, actions, the trash, clusters, Lao fixes and search from the command line.

use super::*;

// Long by design: one scenario step by step, each step using what the one before left.
#[test]
fn cards_votes_and_actions_from_the_command_line_appear_in_the_dump() {
    let dir = demo();
    let d = dir.path();
    let o = sala(
        d,
        &[
            "card",
            "add",
            "--group",
            "C",
            "--focus",
            "data-security",
            "--quadrant",
            "t",
            "--text",
            "ການໂຈມຕີທາງໄຊເບີ",
        ],
    );
    assert!(o.status.success(), "{}", stderr(&o));
    assert!(
        stdout(&o)
            .contains("added to Threats on the board of group C for Data security and protection"),
        "{}",
        stdout(&o)
    );
    let card = dump(d)["swot_cards"][0].clone();
    let id = card["id"].as_str().unwrap().to_owned();
    assert_eq!(
        (card["quadrant"].as_str(), card["text"].as_str()),
        (Some("threats"), Some("ການໂຈມຕີທາງໄຊເບີ"))
    );

    for n in 1..=3 {
        let o = sala(d, &["card", "vote", &id, "--voter", "Noy"]);
        assert!(
            stdout(&o).contains(&format!("has {n} votes")),
            "{}",
            stdout(&o)
        );
    }
    check(
        d,
        &["card", "vote", &id, "--voter", "Noy"],
        1,
        "Noy has used all 3 dots on this board",
    );
    assert!(
        sala(d, &["card", "vote", &id, "--voter", "Anna"])
            .status
            .success()
    );
    assert_eq!(dump(d)["swot_votes"].as_array().unwrap().len(), 4);

    check(
        d,
        &[
            "action",
            "add",
            "--title",
            "Audit",
            "--start",
            "2023-09-01",
            "--due",
            "2023-06-30",
        ],
        1,
        "The due date 2023-06-30 is before the start date 2023-09-01",
    );
    check(
        d,
        &["action", "add", "--title", "Audit", "--due", "31/12/2023"],
        1,
        "“31/12/2023” is not a date",
    );
    // What a US-order date field made of 2023-09-01: a real date, but no plan's.
    check(
        d,
        &["action", "add", "--title", "Audit", "--start", "0001-12-09"],
        1,
        "“0001-12-09” is outside the years Sala accepts (2000–2100)",
    );
    check(
        d,
        &[
            "--ui-lang",
            "lo",
            "action",
            "add",
            "--title",
            "Audit",
            "--due",
            "2566-12-31",
        ],
        1,
        "“2566-12-31” ຢູ່ນອກປີທີ່ Sala ຮັບ (2000–2100)",
    );
    check(
        d,
        &["action", "add", "--title", "Audit", "--focus", "astrology"],
        1,
        "There is no focus area “astrology”",
    );
    check(
        d,
        &["action", "add", "--title", "  "],
        1,
        "An action needs a title",
    );
    let o = sala(
        d,
        &[
            "action",
            "add",
            "--title",
            "Security audit of ministry systems",
            "--focus",
            "data-security",
            "--due",
            "2023-12-31",
            "--priority",
            "high",
            "--responsible",
            "MTC",
            "--from",
            &id,
        ],
    );
    assert!(o.status.success(), "{}", stderr(&o));
    let actions = dump(d)["actions"].clone();
    assert_eq!(actions.as_array().unwrap().len(), 1);
    assert_eq!(actions[0]["source_id"], id.as_str());
    assert_eq!(actions[0]["due_date"], "2023-12-31");
    assert_eq!(actions[0]["priority"], "high");
}

// Long by design: one scenario step by step, each step using what the one before left.
#[test]
fn trash_clusters_and_lao_fixes_from_the_command_line() {
    let dir = demo();
    let d = dir.path();
    // A Lao note with a Thai letter: saved as typed with a warning, or fixed on request.
    let thai = "ຂໍ້ມູນເປີດ\u{0E2D}ອນໄລນ໌";
    let o = sala(d, &note_add("A", "1", thai, &[]));
    assert!(o.status.success());
    assert!(
        stderr(&o).contains("Thai letters in Lao text"),
        "{}",
        stderr(&o)
    );
    let o = sala(d, &note_add("A", "1", thai, &["--fix-lao"]));
    assert!(
        o.status.success() && stderr(&o).is_empty(),
        "{}",
        stderr(&o)
    );
    let notes = dump(d)["notes"].clone();
    assert_eq!(notes[0]["text"], thai);
    assert_eq!(notes[1]["text"], "ຂໍ້ມູນເປີດອອນໄລນ໌");

    // Trash and back.
    let id = notes[0]["id"].as_str().unwrap().to_owned();
    assert!(stdout(&sala(d, &["note", "delete", &id])).contains("moved to the trash"));
    assert_eq!(
        stdout(&sala(d, &["note", "list", "--json"]))
            .matches("\"id\"")
            .count(),
        1
    );
    assert!(stdout(&sala(d, &["note", "restore", &id])).contains("restored"));
    assert_eq!(
        stdout(&sala(d, &["note", "list", "--json"]))
            .matches("\"id\"")
            .count(),
        2
    );
    check(
        d,
        &["note", "delete", "no-such-id"],
        1,
        "There is no note no-such-id",
    );

    // Two cards clustered keep both texts; a card from another quadrant is refused.
    for (q, t) in [
        ("w", "No data law"),
        ("w", "ບໍ່ມີກົດໝາຍຂໍ້ມູນ"),
        ("s", "Leadership"),
    ] {
        assert!(
            sala(
                d,
                &[
                    "card",
                    "add",
                    "--group",
                    "A",
                    "--focus",
                    "policy",
                    "--quadrant",
                    q,
                    "--text",
                    t
                ]
            )
            .status
            .success()
        );
    }
    let cards = dump(d)["swot_cards"].clone();
    let id_of = |text: &str| {
        cards
            .as_array()
            .unwrap()
            .iter()
            .find(|c| c["text"] == text)
            .unwrap()["id"]
            .as_str()
            .unwrap()
            .to_owned()
    };
    let ids = [
        id_of("No data law"),
        id_of("ບໍ່ມີກົດໝາຍຂໍ້ມູນ"),
        id_of("Leadership"),
    ];
    let o = sala(d, &["card", "cluster", &ids[0], &ids[1]]);
    assert!(
        stdout(&o).contains("the cluster has 2 cards"),
        "{}",
        stdout(&o)
    );
    let after = dump(d)["swot_cards"].clone();
    let mut clustered: Vec<&str> = after
        .as_array()
        .unwrap()
        .iter()
        .filter(|c| c["cluster_id"] == ids[0].as_str())
        .map(|c| c["text"].as_str().unwrap())
        .collect();
    clustered.sort_unstable();
    assert_eq!(clustered, ["No data law", "ບໍ່ມີກົດໝາຍຂໍ້ມູນ"]);
    check(
        d,
        &["card", "cluster", &ids[0], &ids[2]],
        1,
        "Only cards in the same quadrant",
    );
    assert!(stdout(&sala(d, &["card", "delete", &ids[2]])).contains("moved to the trash"));
    assert!(stdout(&sala(d, &["card", "restore", &ids[2]])).contains("restored"));
}

#[test]
fn search_finds_lao_words_in_notes_and_cards() {
    let dir = demo();
    let d = dir.path();
    sala(d, &note_add("A", "1", LAO_NOTE, &[]));
    sala(
        d,
        &[
            "card",
            "add",
            "--group",
            "B",
            "--focus",
            "data-sharing",
            "--quadrant",
            "w",
            "--text",
            "ບໍ່ມີກົດໝາຍແບ່ງປັນຂໍ້ມູນ",
        ],
    );
    sala(d, &note_add("C", "2", "Budget for training", &[]));
    let o = sala(d, &["search", "ຂໍ້ມູນ"]);
    assert!(o.status.success(), "{}", stderr(&o));
    let printed = stdout(&o);
    let lines: Vec<&str> = printed.lines().collect();
    assert_eq!(lines.len(), 2, "{lines:?}");
    assert!(
        lines
            .iter()
            .any(|l| l.contains("[SWOT card · Group B] ບໍ່ມີກົດໝາຍແບ່ງປັນ«ຂໍ້ມູນ»")),
        "{lines:?}"
    );
    assert!(
        lines
            .iter()
            .any(|l| l.contains("[Note · Group A] ການແບ່ງປັນ«ຂໍ້ມູນ»ລະຫວ່າງ")),
        "{lines:?}"
    );
    let json: serde_json::Value =
        serde_json::from_slice(&sala(d, &["search", "BUDGET", "--json"]).stdout).unwrap();
    assert_eq!(json.as_array().unwrap().len(), 1);
    assert_eq!(json[0]["entity"], "note");
    let only_a = stdout(&sala(d, &["search", "ຂໍ້ມູນ", "--group", "A"]));
    assert_eq!(only_a.lines().count(), 1, "{only_a}");
    assert!(stdout(&sala(d, &["search", "zzz"])).contains("Nothing found for “zzz”"));
}
