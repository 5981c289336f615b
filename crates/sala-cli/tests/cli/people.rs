//! Participants: Lao order, importing a list, anonymised outputs.

use super::*;

#[test]
fn participants_are_listed_in_lao_order() {
    let dir = demo();
    let d = dir.path();
    for name in ["ແສງດາວ", "ກິດຕິ", "ໂຄສະນາ"] {
        assert!(
            sala(
                d,
                &["participant", "add", "--name-lo", name, "--group", "A"]
            )
            .status
            .success()
        );
    }
    assert!(
        sala(
            d,
            &[
                "participant",
                "add",
                "--name-en",
                "Anna Berg",
                "--organisation",
                "UN DESA"
            ]
        )
        .status
        .success()
    );
    let printed = stdout(&sala(d, &["participant", "list"]));
    let names: Vec<&str> = printed
        .lines()
        .map(|l| l.split_once(' ').unwrap().1)
        .collect();
    assert_eq!(
        names,
        ["ກິດຕິ · ", "ໂຄສະນາ · ", "ແສງດາວ · ", "Anna Berg · UN DESA"]
    );
    check(
        d,
        &["participant", "add", "--name-en", "X", "--group", "Q"],
        1,
        "There is no group “Q”",
    );
}

#[test]
fn a_participant_list_imports_only_when_clean_unless_told_to_skip() {
    let dir = demo();
    let d = dir.path();
    let file = d.join("invited.csv");
    std::fs::write(&file, "name_lo,name_en,category,group\nສົມພອນ,Somphone,government,A\n,,government,\nBob,,astronaut,Z\n").unwrap();
    let path = file.to_str().unwrap();
    let o = sala(d, &["participant", "import", path]);
    assert_eq!(o.status.code(), Some(1));
    assert!(stderr(&o).contains("Line 3: No name"), "{}", stderr(&o));
    assert!(
        stderr(&o).contains("Line 4: Unknown category “astronaut”; Unknown group “Z”"),
        "{}",
        stderr(&o)
    );
    assert!(
        stderr(&o).contains("2 rows have problems; nothing was imported"),
        "{}",
        stderr(&o)
    );
    assert!(dump(d)["participants"].as_array().unwrap().is_empty());
    let o = sala(d, &["participant", "import", path, "--dry-run"]);
    assert!(o.status.success() && stdout(&o).contains("3 rows, 2 with problems."));
    assert!(dump(d)["participants"].as_array().unwrap().is_empty());
    let o = sala(d, &["participant", "import", path, "--skip-bad"]);
    assert!(
        stdout(&o).contains("Imported 1 participant."),
        "{}",
        stdout(&o)
    );
    assert_eq!(dump(d)["participants"][0]["name"]["lo"], "ສົມພອນ");
}

// Long by design: one scenario step by step, each step using what the one before left.
#[test]
fn an_anonymised_report_and_the_participant_list_from_the_cli() {
    let dir = demo();
    let d = dir.path();
    let o = sala(
        d,
        &[
            "participant",
            "add",
            "--name-en",
            "Somphone Keo",
            "--name-lo",
            "ສົມພອນ",
            "--consent",
        ],
    );
    assert!(o.status.success(), "{}", stderr(&o));
    let o = sala(d, &note_add("A", "1", "ສົມພອນ ເວົ້າວ່າ ຕ້ອງມີກົດໝາຍ", &[]));
    assert!(o.status.success(), "{}", stderr(&o));
    let md = d.join("report.md");
    let path = md.to_str().unwrap();
    let o = sala(
        d,
        &[
            "report",
            "--format",
            "md",
            "--participant-list",
            "--out",
            path,
        ],
    );
    assert!(o.status.success(), "{}", stderr(&o));
    assert!(std::fs::read_to_string(&md).unwrap().contains("ສົມພອນ"));
    let o = sala(
        d,
        &["report", "--format", "md", "--anonymised", "--out", path],
    );
    assert!(o.status.success(), "{}", stderr(&o));
    let text = std::fs::read_to_string(&md).unwrap();
    assert!(
        !text.contains("ສົມພອນ") && text.contains("ຕ້ອງມີກົດໝາຍ"),
        "{text}"
    );

    let list = d.join("people.csv");
    let o = sala(
        d,
        &[
            "participant",
            "export",
            "--format",
            "csv",
            "--lang",
            "en",
            "--out",
            list.to_str().unwrap(),
        ],
    );
    assert!(o.status.success(), "{}", stderr(&o));
    assert!(
        std::fs::read_to_string(&list)
            .unwrap()
            .contains("Somphone Keo")
    );
    check(
        d,
        &[
            "--ui-lang",
            "en",
            "participant",
            "export",
            "--format",
            "csv",
            "--anonymised",
            "--out",
            "x.csv",
        ],
        1,
        "Invalid --anonymised",
    );
}
