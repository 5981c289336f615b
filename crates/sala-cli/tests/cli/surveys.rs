//! Survey forms, results, and answers typed in from paper.

use super::*;

#[test]
fn survey_forms_are_listed_and_their_results_read() {
    let dir = demo();
    let o = sala(dir.path(), &["--ui-lang", "lo", "survey", "list"]);
    assert!(o.status.success(), "{}", stderr(&o));
    let lines: Vec<String> = stdout(&o).lines().map(str::to_owned).collect();
    assert_eq!(lines.len(), 3, "{lines:?}");
    assert!(
        lines[0].starts_with("pre  v1  ແບບສຳຫຼວດກ່ອນກອງປະຊຸມ — 12 ຄຳຖາມ, 0 ຄຳຕອບ"),
        "{lines:?}"
    );
    let o = sala(dir.path(), &["survey", "results", "post", "--json"]);
    assert!(o.status.success(), "{}", stderr(&o));
    let v: serde_json::Value = serde_json::from_slice(&o.stdout).unwrap();
    assert_eq!(
        (v["kind"].as_str(), v["responses"].as_u64()),
        (Some("post"), Some(0))
    );
    assert_eq!(v["questions"][0]["key"], "knowledge.policy");
    check(dir.path(), &["survey", "results", "mid"], 1, "mid");
}

#[test]
fn survey_answers_typed_in_from_paper_are_imported_when_clean() {
    let dir = demo();
    let d = dir.path();
    let header = "knowledge.policy,knowledge.institutions,knowledge.people,knowledge.processes,knowledge.data-standards,knowledge.data-sharing,knowledge.data-security,knowledge.data-privacy,knowledge.data-infrastructure,knowledge.digital-identity,ທ່ານເຮັດວຽກຢູ່ໃສ?,expectations";
    let file = d.join("answers.csv");
    std::fs::write(
        &file,
        format!(
            "{header}\n4,3,3,3,3,3,3,3,3,3,ລັດຖະບານ,ຢາກຮູ້ກ່ຽວກັບກົດໝາຍ\n9,3,3,3,3,3,3,3,3,3,army,\n"
        ),
    )
    .unwrap();
    let f = file.display().to_string();
    let o = sala(d, &["--ui-lang", "lo", "survey", "import", "pre", &f]);
    assert_eq!(o.status.code(), Some(1), "{}", stderr(&o));
    let err = stderr(&o);
    assert!(
        err.contains("“knowledge.policy”: 9 ບໍ່ຢູ່ລະຫວ່າງ 1 ຫາ 5"),
        "{err}"
    );
    assert!(err.contains("“army” ບໍ່ແມ່ນໜຶ່ງໃນຕົວເລືອກ"), "{err}");
    let o = sala(d, &["survey", "import", "pre", &f, "--skip-bad"]);
    assert!(o.status.success(), "{}", stderr(&o));
    assert!(
        stdout(&o).contains("Imported 1 response."),
        "{}",
        stdout(&o)
    );
    let o = sala(d, &["survey", "results", "pre", "--json"]);
    let v: serde_json::Value = serde_json::from_slice(&o.stdout).unwrap();
    assert_eq!(v["responses"], 1);

    // The answers exported: the Lao words as typed, the choice by its Lao label.
    let out = d.join("pre.csv");
    let o = sala(
        d,
        &[
            "survey", "export", "pre", "--format", "csv", "--lang", "lo", "--out",
        ]
        .into_iter()
        .chain([out.to_str().unwrap()])
        .collect::<Vec<_>>(),
    );
    assert!(o.status.success(), "{}", stderr(&o));
    let csv = std::fs::read_to_string(&out).unwrap();
    assert!(csv.starts_with('\u{feff}'), "{csv}");
    assert_eq!(csv.lines().count(), 2, "a header and one response: {csv}");
    assert!(
        csv.contains("ລັດຖະບານ") && csv.contains("ຢາກຮູ້ກ່ຽວກັບກົດໝາຍ"),
        "{csv}"
    );
    let o = sala(
        d,
        &[
            "--ui-lang",
            "en",
            "survey",
            "export",
            "pre",
            "--format",
            "pdf",
            "--lang",
            "lo",
            "--out",
            "x.pdf",
        ],
    );
    assert_eq!(o.status.code(), Some(1));
    assert!(
        stderr(&o).contains("Invalid --format: pdf"),
        "{}",
        stderr(&o)
    );
}
