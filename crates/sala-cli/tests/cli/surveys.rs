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

#[test]
fn the_offline_form_is_one_file_that_runs_only_its_own_script_and_needs_no_network() {
    let dir = demo();
    let d = dir.path();
    let file = d.join("before the workshop.html");
    let o = sala(
        d,
        &[
            "survey",
            "html",
            "pre",
            "--out",
            &file.display().to_string(),
        ],
    );
    assert!(o.status.success(), "{}", stderr(&o));
    assert!(
        stdout(&o).contains("before the workshop.html"),
        "{}",
        stdout(&o)
    );
    let html = std::fs::read_to_string(&file).unwrap();
    // Everything inside: the form, the words of both languages, the Lao font.
    assert!(html.contains("ແບບສຳຫຼວດກ່ອນກອງປະຊຸມ") && html.contains("Save my answers"));
    assert!(html.contains("ບັນທຶກຄຳຕອບຂອງຂ້ອຍ"));
    assert!(html.contains("data:font/woff2;base64,"));
    // Nothing from elsewhere, no connection at all, and only its own script runs: the policy
    // names the hash of the one script in the file.
    let csp = html
        .split("Content-Security-Policy\" content=\"")
        .nth(1)
        .unwrap()
        .split('"')
        .next()
        .unwrap();
    assert!(
        csp.contains("connect-src 'none'") && csp.contains("default-src 'none'"),
        "{csp}"
    );
    let script = html
        .rsplit("<script>")
        .next()
        .unwrap()
        .split("</script>")
        .next()
        .unwrap();
    let hash = {
        use base64::Engine;
        use sha2::Digest;
        base64::engine::general_purpose::STANDARD.encode(sha2::Sha256::digest(script.as_bytes()))
    };
    assert!(
        csp.contains(&format!("script-src 'sha256-{hash}'")),
        "{csp}"
    );
    assert_eq!(
        html.matches("</script>").count(),
        2,
        "a data block and the script, nothing else"
    );
}

#[test]
fn answer_files_are_imported_in_any_number_and_each_bad_one_is_named() {
    let dir = demo();
    let d = dir.path();
    assert!(
        sala(d, &["survey", "list"]).status.success(),
        "the built-in forms made"
    );
    let o = sala(d, &["dump", "--json"]);
    let dump: serde_json::Value = serde_json::from_slice(&o.stdout).unwrap();
    let workshop = &dump["workshop"];
    let form = dump["survey_forms"]
        .as_array()
        .unwrap()
        .iter()
        .find(|f| f["kind"] == "pre")
        .unwrap()
        .clone();
    let mut answers = serde_json::Map::new();
    for q in form["sections"]
        .as_array()
        .unwrap()
        .iter()
        .flat_map(|s| s["questions"].as_array().unwrap())
    {
        if q["required"] == true {
            let a = match q["kind"]["type"].as_str().unwrap() {
                "rating" => serde_json::json!({ "type": "rating", "value": 3 }),
                "single" => {
                    serde_json::json!({ "type": "choice", "value": q["kind"]["options"][0]["key"] })
                }
                _ => serde_json::json!({ "type": "text", "value": "ok" }),
            };
            answers.insert(q["key"].as_str().unwrap().to_owned(), a);
        }
    }
    let body =
        serde_json::json!({ "id": "1b4e28ba-2fa1-41d2-883f-0016d3cca427", "answers": answers })
            .to_string();
    let file = serde_json::json!({
        "sala_response": 1, "workshop_id": workshop["id"], "workshop_title": workshop["title"],
        "form_id": form["form_id"], "version_id": form["id"], "form_version": form["version"],
        "sha256": sala_core::survey::offline::sha256_hex(&body), "body": body,
    })
    .to_string();
    let good = d.join("sala-answers-pre-1b4e28ba.json");
    std::fs::write(&good, &file).unwrap();
    let bad = d.join("edited.json");
    std::fs::write(&bad, file.replace("\\\"value\\\":3", "\\\"value\\\":5")).unwrap();
    let (g, b) = (good.display().to_string(), bad.display().to_string());
    let o = sala(d, &["survey", "import", "pre", &g, &g, &b]);
    assert!(
        !o.status.success(),
        "a file was not taken: the command says so"
    );
    assert!(
        stdout(&o).contains("1 imported, 1 already here (counted once), 1 not taken"),
        "{}",
        stdout(&o)
    );
    assert!(
        stderr(&o).contains("“edited.json” was changed or damaged"),
        "{}",
        stderr(&o)
    );
    let o = sala(d, &["survey", "results", "pre", "--json"]);
    let v: serde_json::Value = serde_json::from_slice(&o.stdout).unwrap();
    assert_eq!(v["responses"], 1);
}

#[test]
fn a_form_filled_in_kobotoolbox_comes_back_through_the_survey_import() {
    let dir = demo();
    let d = dir.path();
    let xlsform = d.join("pre-xlsform.xlsx");
    let o = sala(
        d,
        &[
            "survey",
            "form",
            "pre",
            "--format",
            "xlsform",
            "--out",
            &xlsform.display().to_string(),
        ],
    );
    assert!(o.status.success(), "{}", stderr(&o));
    // The XLSForm's survey sheet: one row per question, named by Sala's keys.
    let bytes = std::fs::read(&xlsform).unwrap();
    let sheet = sala_store::sheet::read_sheet("pre-xlsform.xlsx", &bytes).unwrap();
    assert_eq!(
        sheet.header,
        [
            "type",
            "name",
            "label::Lao (lo)",
            "label::English (en)",
            "required"
        ]
    );
    let o = sala(d, &["dump", "--json"]);
    let dump: serde_json::Value = serde_json::from_slice(&o.stdout).unwrap();
    let form = dump["survey_forms"]
        .as_array()
        .unwrap()
        .iter()
        .find(|f| f["kind"] == "pre")
        .unwrap()
        .clone();
    let questions: Vec<serde_json::Value> = form["sections"]
        .as_array()
        .unwrap()
        .iter()
        .flat_map(|s| s["questions"].as_array().unwrap().clone())
        .collect();
    for q in &questions {
        let row = sheet
            .rows
            .iter()
            .find(|(_, r)| r[1] == q["key"].as_str().unwrap());
        let (_, row) = row.unwrap_or_else(|| panic!("{} in the XLSForm", q["key"]));
        let expected = match q["kind"]["type"].as_str().unwrap() {
            "rating" | "single" => "select_one",
            "multiple" => "select_multiple",
            _ => "text",
        };
        assert!(row[0].starts_with(expected), "{row:?}");
    }

    // KoboToolbox's data export of two submissions: its own columns beside the questions', a
    // choice by its name, several choices by their names with spaces between.
    let mut header = vec!["start".to_owned(), "end".to_owned()];
    let mut row = vec![
        "2026-05-01T08:00:00".to_owned(),
        "2026-05-01T08:05:00".to_owned(),
    ];
    for q in &questions {
        header.push(q["key"].as_str().unwrap().to_owned());
        row.push(match q["kind"]["type"].as_str().unwrap() {
            "rating" => "4".to_owned(),
            "single" => q["kind"]["options"][0]["key"].as_str().unwrap().to_owned(),
            "multiple" => format!(
                "{} {}",
                q["kind"]["options"][0]["key"].as_str().unwrap(),
                q["kind"]["options"][1]["key"].as_str().unwrap()
            ),
            _ => "ຢາກຮູ້ກ່ຽວກັບກົດໝາຍ".to_owned(),
        });
    }
    header.extend([
        "_id".to_owned(),
        "_uuid".to_owned(),
        "_submission_time".to_owned(),
    ]);
    row.extend([
        "1".to_owned(),
        "6fa459ea-ee8a-4ca4-894e-db77e160355e".to_owned(),
        "2026-05-01".to_owned(),
    ]);
    let export = d.join("kobo-export.csv");
    let csv = format!(
        "{}\n{}\n{}\n",
        header.join(","),
        row.join(","),
        row.join(",")
    );
    std::fs::write(&export, csv).unwrap();
    let o = sala(
        d,
        &["survey", "import", "pre", &export.display().to_string()],
    );
    assert!(o.status.success(), "{}\n{}", stdout(&o), stderr(&o));
    assert!(
        stdout(&o).contains("Imported 2 responses."),
        "{}",
        stdout(&o)
    );
    assert!(
        stderr(&o).contains("_submission_time"),
        "Kobo's own columns are named as left out"
    );
}
