//! Reports and the action plan in each format, and opening what was written.

use super::*;

// Long by design: one scenario step by step, each step using what the one before left.
#[test]
fn the_report_and_the_action_plan_are_written_in_each_format() {
    let dir = demo();
    let ok = |args: &[&str]| {
        let o = sala(dir.path(), args);
        assert!(o.status.success(), "{args:?}: {}", stderr(&o));
        stdout(&o)
    };
    ok(&note_add("A", "1", LAO_NOTE, &[]));
    ok(&[
        "action",
        "add",
        "--title",
        "ຮ່າງດຳລັດ",
        "--due",
        "2023-12-31",
        "--responsible",
        "MTC",
    ]);
    let out = TempDir::new().unwrap();
    let file = |name: &str| out.path().join(name).display().to_string();

    assert!(
        ok(&[
            "report",
            "--format",
            "md",
            "--lang",
            "lo",
            "--out",
            &file("r.md")
        ])
        .contains("r.md")
    );
    let md = std::fs::read_to_string(file("r.md")).unwrap();
    assert!(
        md.contains("## ການມີສ່ວນຮ່ວມ") && md.contains(LAO_NOTE),
        "{md}"
    );
    ok(&["report", "--format", "docx", "--out", &file("r.docx")]);
    assert!(std::fs::read(file("r.docx")).unwrap().starts_with(b"PK"));
    ok(&[
        "report",
        "--format",
        "html",
        "--lang",
        "en",
        "--out",
        &file("r.html"),
    ]);
    let page = std::fs::read_to_string(file("r.html")).unwrap();
    assert!(page.contains(">Participation</h2>") && page.contains(LAO_NOTE));
    // Session by session: the note was taken outside any session of the agenda.
    ok(&[
        "report",
        "--format",
        "md",
        "--lang",
        "en",
        "--by-session",
        "--out",
        &file("s.md"),
    ]);
    let md = std::fs::read_to_string(file("s.md")).unwrap();
    let outside = md
        .find("### Outside any session")
        .expect("outside any session");
    assert!(md.contains("## Session by session") && !md.contains("## Breakout groups"));
    assert!(md[outside..].contains(LAO_NOTE), "{md}");
    ok(&["participant", "add", "--name-en", "Somphone K", "--consent"]);
    ok(&["participant", "add", "--name-en", "Bounmy S"]);
    ok(&["report", "--format", "md", "--out", &file("n.md")]);
    let md = std::fs::read_to_string(file("n.md")).unwrap();
    assert!(
        !md.contains("Somphone") && !md.contains("Bounmy"),
        "named without asking"
    );
    ok(&[
        "report",
        "--format",
        "md",
        "--participant-list",
        "--out",
        &file("n.md"),
    ]);
    let md = std::fs::read_to_string(file("n.md")).unwrap();
    assert!(md.contains("Somphone K") && !md.contains("Bounmy"), "{md}");
    ok(&["brief", "--lang", "en", "--out", &file("brief.docx")]);
    assert!(
        std::fs::read(file("brief.docx"))
            .unwrap()
            .starts_with(b"PK")
    );
    ok(&["actions", "--format", "csv", "--out", &file("a.csv")]);
    let csv = std::fs::read_to_string(file("a.csv")).unwrap();
    assert!(
        csv.starts_with('\u{feff}') && csv.contains("ຮ່າງດຳລັດ,,MTC"),
        "{csv}"
    );
    ok(&[
        "actions",
        "--format",
        "xlsx",
        "--lang",
        "en",
        "--out",
        &file("a.xlsx"),
    ]);

    // Bad input: a translated error, exit 1, nothing written.
    check(
        dir.path(),
        &["report", "--format", "pdf", "--out", &file("x.pdf")],
        1,
        "--format",
    );
    let lo_args = [
        "--ui-lang",
        "lo",
        "actions",
        "--format",
        "csv",
        "--lang",
        "both",
        "--out",
        &file("x.csv"),
    ];
    check(dir.path(), &lo_args, 1, "--lang");
    let missing = out.path().join("no-such-folder").join("r.docx");
    let missing = missing.display().to_string();
    check(
        dir.path(),
        &["report", "--format", "docx", "--out", &missing],
        1,
        "no-such-folder",
    );
    assert!(!out.path().join("x.pdf").exists() && !out.path().join("x.csv").exists());
}

#[cfg(unix)]
#[test]
fn a_written_report_opens_in_the_systems_program_and_a_refusal_is_said() {
    use std::os::unix::fs::PermissionsExt;
    let dir = demo();
    let bin = TempDir::new().unwrap();
    let opened = bin.path().join("opened.txt");
    // The desktop's opener (xdg-open), as a script that notes what it was given; then one that
    // finds no program for the file.
    let launcher = bin.path().join("xdg-open");
    let run = |script: &str, args: &[&str]| {
        std::fs::write(&launcher, script).unwrap();
        std::fs::set_permissions(&launcher, std::fs::Permissions::from_mode(0o755)).unwrap();
        Command::new(env!("CARGO_BIN_EXE_sala"))
            .arg("--data")
            .arg(dir.path())
            .args(args)
            .env("PATH", bin.path())
            .env("SALA_MACHINE_ID", "test-machine")
            .env("OPENED", &opened)
            .output()
            .unwrap()
    };
    let report = dir.path().join("ລາຍງານ ກອງປະຊຸມ.docx");
    let r = report.to_str().unwrap();
    let o = run(
        "#!/bin/sh\nprintf '%s' \"$1\" > \"$OPENED\"\n",
        &["report", "--out", r, "--open"],
    );
    assert!(o.status.success(), "{}", stderr(&o));
    for _ in 0..100 {
        if opened.exists() {
            break;
        }
        std::thread::sleep(std::time::Duration::from_millis(20));
    }
    assert_eq!(
        std::fs::read_to_string(&opened).unwrap(),
        r,
        "the report itself was opened"
    );

    let plan = dir.path().join("plan.xlsx");
    let o = run(
        "#!/bin/sh\nexit 3\n",
        &[
            "--ui-lang",
            "lo",
            "actions",
            "--out",
            plan.to_str().unwrap(),
            "--open",
        ],
    );
    assert_eq!(o.status.code(), Some(1));
    let err = stderr(&o);
    assert!(
        err.contains("ຖືກບັນທຶກແລ້ວ, ແຕ່ບໍ່ມີໂປຣແກຣມໃດເປີດມັນ"),
        "said in Lao: {err}"
    );
    assert!(
        std::fs::metadata(&plan).unwrap().len() > 1000,
        "the plan is saved all the same"
    );
}
