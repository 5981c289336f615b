//! Surveys in the store: the built-in forms made once, answers checked before anything is
//! written, a form edited under answers becomes a new version, and results per version.

#![allow(clippy::unwrap_used)]

use std::collections::BTreeMap;

use sala_core::ErrorCode;
use sala_core::model::Bilingual;
use sala_core::survey::{
    Answer, QuestionKind, SurveyForm, SurveyFormEdit, SurveyKind, SurveyOption, SurveyQuestion,
    SurveySection,
};
use sala_store::{MachineIdentity, Store};

mod kit;

fn all_knowledge(form: &sala_core::survey::SurveyForm, v: u8) -> BTreeMap<String, Answer> {
    form.questions()
        .filter(|q| q.required)
        .map(|q| {
            let a = match q.kind {
                QuestionKind::Rating { .. } => Answer::Rating(v),
                QuestionKind::Single { ref options } => Answer::Choice(options[0].key.clone()),
                _ => Answer::Text("ok".into()),
            };
            (q.key.clone(), a)
        })
        .collect()
}

#[test]
fn the_built_in_forms_are_made_once() {
    let (_h, mut s) = kit::demo();
    assert!(s.survey_forms().unwrap().is_empty());
    let forms = s.ensure_builtin_surveys().unwrap();
    let kinds: Vec<SurveyKind> = forms.iter().map(|f| f.kind).collect();
    assert_eq!(
        kinds,
        [SurveyKind::Pre, SurveyKind::Post, SurveyKind::FollowUp]
    );
    let ops = sala_store::log::ops::count(s.read()).unwrap();
    assert_eq!(s.ensure_builtin_surveys().unwrap(), forms);
    assert_eq!(
        sala_store::log::ops::count(s.read()).unwrap(),
        ops,
        "nothing written the second time"
    );
    assert_eq!(s.survey_form("pre").unwrap().title.lo, "ແບບສຳຫຼວດກ່ອນກອງປະຊຸມ");
    assert_eq!(
        s.survey_form("nonsense").unwrap_err().code,
        ErrorCode::NotFound
    );
    // In the dump, with every version.
    assert_eq!(s.dump().unwrap().survey_forms.len(), 3);
}

#[test]
fn an_answer_with_problems_is_refused_and_nothing_is_written() {
    let (_h, mut s) = kit::demo();
    let pre = s.ensure_builtin_surveys().unwrap().remove(0);
    let ops = sala_store::log::ops::count(s.read()).unwrap();
    let mut answers = all_knowledge(&pre, 3);
    answers.insert("knowledge.policy".into(), Answer::Rating(9));
    let err = s.answer_survey("pre", None, answers).unwrap_err();
    assert_eq!(err.code, ErrorCode::InvalidArgument);
    assert_eq!(
        err.params.get("name").map(String::as_str),
        Some("knowledge.policy")
    );
    let err = s.answer_survey("pre", None, BTreeMap::new()).unwrap_err();
    assert_eq!(
        err.params.get("value").map(String::as_str),
        Some("required")
    );
    assert_eq!(sala_store::log::ops::count(s.read()).unwrap(), ops);

    let r = s
        .answer_survey("pre", None, all_knowledge(&pre, 3))
        .unwrap();
    assert_eq!(
        (r.form_version, r.version_id.as_str()),
        (1, pre.id.as_str())
    );
    assert_eq!(s.survey_responses(&pre.form_id).unwrap(), [r]);
}

fn edit_of(form: &SurveyForm, sections: Vec<SurveySection>) -> SurveyFormEdit {
    SurveyFormEdit {
        title: form.title.clone(),
        intro: form.intro.clone(),
        anonymous: form.anonymous,
        sections,
    }
}

#[test]
fn a_form_edited_under_answers_becomes_a_new_version_and_results_say_which() {
    let (_h, mut s) = kit::demo();
    let post = s.ensure_builtin_surveys().unwrap().remove(1);
    // Nobody has answered: the edit changes version 1 in place.
    let mut sections = post.sections.clone();
    sections[0].questions.truncate(4);
    let edited = s
        .edit_survey_form("post", edit_of(&post, sections.clone()))
        .unwrap();
    assert_eq!((edited.version, edited.id.as_str()), (1, post.id.as_str()));
    assert_eq!(edited.sections, sections);

    s.answer_survey("post", None, all_knowledge(&edited, 2))
        .unwrap();
    // Now answered: the next edit is version 2; version 1 and its answer stay.
    sections[0].questions.truncate(2);
    let v2 = s
        .edit_survey_form("post", edit_of(&post, sections))
        .unwrap();
    assert_eq!(v2.version, 2);
    assert_ne!(v2.id, post.id);
    assert_eq!(
        s.survey_versions().unwrap().len(),
        4,
        "3 forms, one of them twice"
    );
    s.answer_survey("post", None, all_knowledge(&v2, 4))
        .unwrap();

    let results = s.survey_results("post").unwrap();
    assert_eq!(results.form.version, 2);
    assert_eq!(
        (results.responses, results.by_version.clone()),
        (2, vec![(1, 1), (2, 1)])
    );
    let policy = results
        .questions
        .iter()
        .find(|q| q.key == "knowledge.policy")
        .unwrap();
    assert_eq!((policy.answered, policy.mean), (2, Some(3.0)));
}

fn travel(e: &mut SurveyFormEdit) -> &mut SurveyQuestion {
    e.sections[0]
        .questions
        .iter_mut()
        .find(|q| q.key == "q-travel")
        .unwrap()
}

// Long by design: one scenario step by step, each step using what the one before left.
#[test]
fn the_coordinator_edits_a_form_before_the_workshop_and_a_bad_edit_writes_nothing() {
    let (_h, mut s) = kit::demo();
    let pre = s.ensure_builtin_surveys().unwrap().remove(0);
    let ops = |s: &Store| -> i64 {
        s.read()
            .query_row("SELECT count(*) FROM ops", [], |r| r.get(0))
            .unwrap()
    };

    // Title, intro, linked to participants, and a question of one's own: in place, version 1.
    let mut edit = edit_of(&pre, pre.sections.clone());
    edit.title = Bilingual::new("Before we start", "ກ່ອນເລີ່ມ");
    edit.anonymous = false;
    edit.sections[0].questions.push(SurveyQuestion {
        key: "q-travel".into(),
        text: Bilingual::new("How did you travel here?", "ທ່ານເດີນທາງມາແນວໃດ?"),
        kind: QuestionKind::Single {
            options: vec![
                SurveyOption {
                    key: "o1".into(),
                    label: Bilingual::new("Car", "ລົດ"),
                },
                SurveyOption {
                    key: "o2".into(),
                    label: Bilingual::new("Bus", "ລົດເມ"),
                },
            ],
        },
        required: false,
        topic: None,
    });
    let saved = s.edit_survey_form("pre", edit.clone()).unwrap();
    assert_eq!((saved.version, saved.id.as_str()), (1, pre.id.as_str()));
    assert_eq!(
        (saved.title.clone(), saved.anonymous),
        (edit.title.clone(), false)
    );
    assert!(saved.question("q-travel").is_some());
    // Saving it again unchanged writes nothing.
    let before = ops(&s);
    s.edit_survey_form("pre", edit.clone()).unwrap();
    assert_eq!(ops(&s), before);

    // Each broken edit is refused with its own code, and the form stays as it was.
    let check = |what: &str, broken: SurveyFormEdit, code: ErrorCode, s: &mut Store| {
        let e = s.edit_survey_form("pre", broken).unwrap_err();
        assert_eq!(e.code, code, "{what}");
        assert_eq!(
            s.survey_form("pre").unwrap(),
            saved,
            "{what}: nothing written"
        );
    };
    let mut no_title = edit.clone();
    no_title.title = Bilingual::new(" ", "");
    check("no title", no_title, ErrorCode::SurveyNoTitle, &mut s);
    let mut empty = edit.clone();
    empty.sections.iter_mut().for_each(|s| s.questions.clear());
    check("no questions", empty, ErrorCode::SurveyNoQuestions, &mut s);
    let mut no_text = edit.clone();
    travel(&mut no_text).text = Bilingual::default();
    let e = s.edit_survey_form("pre", no_text).unwrap_err();
    assert_eq!(e.code, ErrorCode::SurveyQuestionNoText);
    let number = edit.sections[0].questions.len();
    assert_eq!(e.params["number"], number.to_string(), "counted from 1");
    let mut one_choice = edit.clone();
    if let QuestionKind::Single { options } = &mut travel(&mut one_choice).kind {
        options.truncate(1);
    }
    check(
        "one choice",
        one_choice,
        ErrorCode::SurveyTooFewOptions,
        &mut s,
    );
    let mut unlabelled = edit.clone();
    if let QuestionKind::Single { options } = &mut travel(&mut unlabelled).kind {
        options[1].label = Bilingual::default();
    }
    check(
        "unlabelled choice",
        unlabelled,
        ErrorCode::SurveyOptionNoLabel,
        &mut s,
    );
    let mut scale = edit.clone();
    travel(&mut scale).kind = QuestionKind::Rating {
        min: 1,
        max: 11,
        low: Bilingual::default(),
        high: Bilingual::default(),
    };
    check("scale to 11", scale, ErrorCode::SurveyBadScale, &mut s);
    let mut twice = edit.clone();
    let copy = travel(&mut twice).clone();
    twice.sections[0].questions.push(copy);
    check("a key twice", twice, ErrorCode::InvalidArgument, &mut s);
    let mut long = edit.clone();
    travel(&mut long).text.lo = "ກ".repeat(501);
    check("a long question", long, ErrorCode::TextTooLong, &mut s);
}

#[test]
fn answers_typed_in_from_paper_are_previewed_then_imported_only_when_clean() {
    use sala_core::survey::AnswerProblem;
    let (_h, mut s) = kit::demo();
    let pre = s.ensure_builtin_surveys().unwrap().remove(0);
    let knowledge: Vec<String> = pre
        .questions()
        .filter(|q| q.topic.is_some())
        .map(|q| q.key.clone())
        .collect();
    // Columns by key, the role question by its Lao text, and one column Sala does not know.
    let mut header = knowledge.clone();
    header.extend([
        "ທ່ານເຮັດວຽກຢູ່ໃສ?".into(),
        "expectations".into(),
        "Timestamp".into(),
    ]);
    let row = |first: &str, role: &str, text: &str| {
        let mut cells = vec![first.to_owned()];
        cells.extend(std::iter::repeat_n("3".to_owned(), knowledge.len() - 1));
        cells.extend([role.to_owned(), text.to_owned(), "2023-05-10".to_owned()]);
        cells.join(",")
    };
    let csv = [
        header.join(","),
        row("4", "ລັດຖະບານ", "ຢາກຮູ້ກ່ຽວກັບກົດໝາຍ"),
        row("6", "army", ""),
        row("", "Academia / think tank", "More examples"),
        ",,,".into(),
    ]
    .join("\n");
    let preview = s
        .preview_survey_answers("pre", "answers.csv", csv.as_bytes())
        .unwrap();
    assert_eq!(preview.ignored_columns, ["Timestamp"]);
    let problems: Vec<(u32, Vec<AnswerProblem>)> = preview
        .rows
        .iter()
        .map(|r| (r.line, r.problems.clone()))
        .collect();
    let key = |k: &str| k.to_owned();
    assert_eq!(
        problems,
        [
            (2, vec![]),
            (
                3,
                vec![
                    AnswerProblem::UnknownOption {
                        key: key("role"),
                        option: key("army")
                    },
                    AnswerProblem::OutOfRange {
                        key: key("knowledge.policy"),
                        value: 6,
                        min: 1,
                        max: 5
                    },
                ]
            ),
            (
                4,
                vec![AnswerProblem::Required {
                    key: key("knowledge.policy")
                }]
            ),
        ]
    );
    assert_eq!(
        preview.rows[0].answers["role"],
        Answer::Choice("government".into())
    );
    assert_eq!(
        preview.rows[2].answers["role"],
        Answer::Choice("academia".into())
    );

    let ops = sala_store::log::ops::count(s.read()).unwrap();
    let err = s
        .import_survey_answers("pre", "answers.csv", csv.as_bytes(), false)
        .unwrap_err();
    assert_eq!(err.code, ErrorCode::ImportHasProblems);
    assert_eq!(
        sala_store::log::ops::count(s.read()).unwrap(),
        ops,
        "nothing written"
    );
    assert_eq!(
        s.import_survey_answers("pre", "answers.csv", csv.as_bytes(), true)
            .unwrap(),
        1
    );
    let results = s.survey_results("pre").unwrap();
    assert_eq!(results.responses, 1);
    let expectations = results
        .questions
        .iter()
        .find(|q| q.key == "expectations")
        .unwrap();
    assert_eq!(expectations.texts, ["ຢາກຮູ້ກ່ຽວກັບກົດໝາຍ"]);
}

#[test]
fn written_answers_are_found_by_search_in_lao_even_those_written_before_they_were_indexed() {
    let home = tempfile::tempdir().unwrap();
    let mut s = Store::open_in(home.path(), &MachineIdentity("search".into())).unwrap();
    s.ensure_demo().unwrap();
    let post = s.ensure_builtin_surveys().unwrap().remove(1);
    let mut answers = all_knowledge(&post, 3);
    answers.insert("comments".into(), Answer::Text("ຄວນມີການຝຶກອົບຮົມຕື່ມອີກ".into()));
    let r = s.answer_survey("post", None, answers).unwrap();
    let find = |s: &Store, text: &str| -> Vec<String> {
        s.search(&sala_core::api::SearchQuery {
            text: text.into(),
            entity: Some("survey_response".into()),
            ..Default::default()
        })
        .unwrap()
        .into_iter()
        .map(|h| h.id)
        .collect()
    };
    assert_eq!(find(&s, "ຝຶກອົບຮົມ"), std::slice::from_ref(&r.id));
    assert!(find(&s, "ກົດໝາຍ").is_empty());

    // A database whose answers were written before they were searchable: indexed on update.
    s.read()
        .execute_batch(&format!(
            "DELETE FROM search_docs WHERE entity = 'survey_response';
             INSERT INTO search_fts (search_fts) VALUES ('rebuild');
             PRAGMA user_version = {};",
            // Before migration 28, which indexed the answers written before.
            27
        ))
        .unwrap();
    drop(s);
    let s = Store::open_in(home.path(), &MachineIdentity("search".into())).unwrap();
    assert_eq!(find(&s, "ຝຶກອົບຮົມ"), [r.id]);
}

#[test]
fn a_phone_answers_each_form_once_and_its_response_says_where_it_came_from() {
    use sala_core::survey::ResponseSource;
    let (_h, mut s) = kit::demo();
    s.ensure_builtin_surveys().unwrap();
    let both = |t: &Bilingual| format!("{} · {}", t.lo, t.en);
    let phone = |id: &str| ResponseSource {
        phone: id.into(),
        via: "Table 3".into(),
    };
    // (who answers which form, from which phone — `None`: the kiosk —, answered or refused)
    let mut check = |key: &str, from: Option<&str>, ok: bool| {
        let form = s.survey_form(key).unwrap();
        let answers = all_knowledge(&form, 3);
        let ops = sala_store::log::ops::count(s.read()).unwrap();
        let r = match from {
            Some(p) => s.answer_survey_from_phone(key, None, answers, phone(p)),
            None => s.answer_survey(key, None, answers),
        };
        match r {
            Ok(r) => {
                assert!(ok, "{key} from {from:?} was taken");
                assert_eq!(r.source, from.map(phone));
            }
            Err(e) => {
                assert!(!ok, "{key} from {from:?}: {e:?}");
                assert_eq!(e.code, ErrorCode::SurveyAnsweredOnThisPhone);
                assert_eq!(e.params.get("form"), Some(&both(&form.title)));
                assert_eq!(sala_store::log::ops::count(s.read()).unwrap(), ops);
            }
        }
    };
    check("pre", Some("phone-1"), true);
    check("pre", Some("phone-1"), false);
    check("post", Some("phone-1"), true);
    check("pre", Some("phone-2"), true);
    check("pre", None, true);
    check("pre", None, true);
    check("post", Some("phone-1"), false);

    // Every version of a form counts: the form edited under answers is still the same form.
    let pre = s.survey_form("pre").unwrap();
    let edit = SurveyFormEdit {
        title: Bilingual::new("Before the workshop", "ກ່ອນກອງປະຊຸມ"),
        ..edit_of(&pre, pre.sections.clone())
    };
    s.edit_survey_form("pre", edit).unwrap();
    assert_eq!(s.survey_form("pre").unwrap().version, 2);
    let again = s
        .answer_survey_from_phone("pre", None, all_knowledge(&pre, 4), phone("phone-1"))
        .unwrap_err();
    assert_eq!(again.code, ErrorCode::SurveyAnsweredOnThisPhone);
    assert_eq!(
        again.params.get("form").map(String::as_str),
        Some("ກ່ອນກອງປະຊຸມ · Before the workshop")
    );

    // The coordinator trashes that phone's response (a test, a mistake): the phone may answer
    // again.
    let first = s
        .survey_responses(&pre.form_id)
        .unwrap()
        .into_iter()
        .find(|r| r.source.as_ref().is_some_and(|p| p.phone == "phone-1"))
        .unwrap();
    assert!(s.survey_answered_on_phone("pre", "phone-1").unwrap());
    s.write(|w| {
        w.delete::<sala_store::surveys::responses::SurveyResponses>(&first.workshop_id, &first.id)
            .map(|_| ())
    })
    .unwrap();
    assert!(!s.survey_answered_on_phone("pre", "phone-1").unwrap());
    s.answer_survey_from_phone("pre", None, all_knowledge(&pre, 4), phone("phone-1"))
        .unwrap();
}

/// An answer file as the offline form saves it, for `form` of `workshop`, with these answers.
fn answer_file(
    s: &Store,
    form: &sala_core::survey::SurveyForm,
    id: &str,
    answers: &BTreeMap<String, Answer>,
) -> Vec<u8> {
    let workshop = s.current_workshop().unwrap();
    let body =
        serde_json::json!({ "id": id, "answers": answers, "saved_at": "2026-05-01T08:00:00Z" })
            .to_string();
    serde_json::json!({
        "sala_response": 1,
        "workshop_id": workshop.id,
        "workshop_title": workshop.title,
        "form_id": form.form_id,
        "version_id": form.id,
        "form_version": form.version,
        "sha256": sala_core::survey::offline::sha256_hex(&body),
        "body": body,
    })
    .to_string()
    .into_bytes()
}

#[test]
fn answer_files_from_the_offline_form_are_imported_once_and_bad_ones_named() {
    let (_h, mut s) = kit::demo();
    s.ensure_builtin_surveys().unwrap();
    let pre = s.survey_form("pre").unwrap();
    let post = s.survey_form("post").unwrap();
    let good = answer_file(
        &s,
        &pre,
        "1b4e28ba-2fa1-41d2-883f-0016d3cca427",
        &all_knowledge(&pre, 3),
    );
    let other = answer_file(
        &s,
        &pre,
        "6fa459ea-ee8a-4ca4-894e-db77e160355e",
        &all_knowledge(&pre, 2),
    );
    let tampered = String::from_utf8(good.clone())
        .unwrap()
        .replace(r#"\"value\":3"#, r#"\"value\":4"#);
    let wrong_form = answer_file(
        &s,
        &post,
        "0e4b6b4e-8f5a-4c2e-9d7b-2b1f3c4d5e6f",
        &all_knowledge(&post, 3),
    );
    let blank = answer_file(
        &s,
        &pre,
        "9f1c2d3e-4b5a-4c6d-8e7f-0a1b2c3d4e5f",
        &BTreeMap::new(),
    );
    let files = vec![
        ("a.json".to_owned(), good.clone()),
        ("again.json".to_owned(), good.clone()),
        ("b.json".to_owned(), other),
        ("tampered.json".to_owned(), tampered.into_bytes()),
        ("post.json".to_owned(), wrong_form),
        ("blank.json".to_owned(), blank),
        ("sheet.csv".to_owned(), b"name,answer\nx,y\n".to_vec()),
    ];
    let report = s.import_response_files(Some("pre"), &files).unwrap();
    assert_eq!((report.imported, report.duplicates), (2, 1), "{report:?}");
    let refused: Vec<(&str, ErrorCode)> = report
        .refused
        .iter()
        .map(|r| (r.file.as_str(), r.error.code))
        .collect();
    assert_eq!(
        refused,
        [
            ("tampered.json", ErrorCode::ResponseFileDamaged),
            ("post.json", ErrorCode::ResponseFileOtherForm),
            ("blank.json", ErrorCode::InvalidArgument),
            ("sheet.csv", ErrorCode::ResponseFileInvalid),
        ]
    );
    assert_eq!(
        report.refused[1].error.params["form"],
        "ການປະເມີນກອງປະຊຸມ · Workshop evaluation"
    );
    let responses = s.survey_responses(&pre.form_id).unwrap();
    assert_eq!(responses.len(), 2);
    assert!(
        responses
            .iter()
            .any(|r| r.id == "1b4e28ba-2fa1-41d2-883f-0016d3cca427")
    );
    // Imported again, the same files add nothing.
    let again = s.import_response_files(Some("pre"), &files[..3]).unwrap();
    assert_eq!((again.imported, again.duplicates), (0, 3));

    // A file of another workshop is refused by that workshop's name.
    let (_h2, mut elsewhere) = kit::empty();
    elsewhere.ensure_demo().unwrap();
    elsewhere.ensure_builtin_surveys().unwrap();
    let theirs = elsewhere.survey_form("pre").unwrap();
    let mut file = answer_file(
        &elsewhere,
        &theirs,
        "2c5ea4c0-4067-41a6-9f8e-3f1a2b3c4d5e",
        &all_knowledge(&theirs, 1),
    );
    let json = String::from_utf8(file).unwrap();
    let workshop = elsewhere.current_workshop().unwrap();
    file = json
        .replace(&workshop.id, "0190aa55-6e3c-7c4e-9a1b-2f3d4e5f6a7b")
        .into_bytes();
    let report = s
        .import_response_files(None, &[("w.json".to_owned(), file)])
        .unwrap();
    assert_eq!(
        report.refused[0].error.code,
        ErrorCode::ResponseFileOtherWorkshop
    );
    assert!(report.refused[0].error.params["workshop"].contains(&workshop.title.en));
}
