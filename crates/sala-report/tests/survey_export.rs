//! A survey's answers exported as CSV and XLSX: one row per response with the version it
//! answered and the table that took it, labels for choices, numbers for ratings, a column kept
//! for a question only an older version asked, names only of participants who consented, and
//! a results sheet that agrees with the app's arithmetic.

#![allow(clippy::unwrap_used)]

mod fixture;

use std::collections::BTreeMap;
use std::io::Cursor;

use calamine::{Data, Reader, Xlsx};
use sala_core::api::{ParticipantDraft, ReportKind, ReportParts};
use sala_core::model::{Bilingual, Gender};
use sala_core::survey::{Answer, SurveyFormEdit};
use sala_report::ReportLang;
use sala_report::survey_export;
use sala_store::{MachineIdentity, Store};

struct Answered {
    dump: sala_core::api::Dump,
    tables: BTreeMap<String, String>,
    _home: tempfile::TempDir,
}

/// Three answers to the before-workshop form: one linked to a participant who consented to be
/// named, one to a participant who did not, one anonymous (in Lao, with text that looks like a
/// formula); then the form is edited (its last question dropped) and a fourth answers version 2.
fn answered() -> Answered {
    let home = tempfile::tempdir().unwrap();
    let mut s = Store::open_in(home.path(), &MachineIdentity("export".into())).unwrap();
    s.ensure_demo().unwrap();
    let pre = s.ensure_builtin_surveys().unwrap().remove(0);
    let person = |s: &mut Store, en: &str, consent: bool| {
        s.add_participant(&ParticipantDraft {
            name: Bilingual::new(en, ""),
            organisation: "MTC".into(),
            stakeholder: None,
            gender: Gender::Undisclosed,
            contact: "secret@example.la".into(),
            consent,
            group_id: None,
        })
        .unwrap()
        .id
    };
    let named = person(&mut s, "Keomany Named", true);
    let unnamed = person(&mut s, "Hidden Person", false);
    let answers = |rating: u8, role: &str, hope: &str| {
        let mut a = BTreeMap::new();
        for q in pre.questions().filter(|q| q.topic.is_some()) {
            a.insert(q.key.clone(), Answer::Rating(rating));
        }
        a.insert("role".to_owned(), Answer::Choice(role.to_owned()));
        a.insert("expectations".to_owned(), Answer::Text(hope.to_owned()));
        a
    };
    s.answer_survey("pre", Some(&named), answers(2, "government", "Learn"))
        .unwrap();
    s.answer_survey("pre", Some(&unnamed), answers(3, "academia", "ຮຽນຮູ້"))
        .unwrap();
    s.answer_survey("pre", None, answers(4, "government", "=1+1"))
        .unwrap();
    let mut sections = pre.sections.clone();
    let last = sections.last_mut().unwrap();
    assert_eq!(last.questions.pop().unwrap().key, "expectations");
    s.edit_survey_form(
        "pre",
        SurveyFormEdit {
            title: pre.title.clone(),
            intro: pre.intro.clone(),
            anonymous: false,
            sections,
        },
    )
    .unwrap();
    let mut v2 = answers(5, "academia", "");
    v2.remove("expectations");
    s.answer_survey("pre", None, v2).unwrap();
    let tables = BTreeMap::from([(s.device_id().to_owned(), "Table 4".to_owned())]);
    Answered {
        dump: s.dump().unwrap(),
        tables,
        _home: home,
    }
}

#[test]
fn the_answers_as_csv_one_row_per_response() {
    let w = answered();
    let bytes = survey_export::csv(&w.dump, &w.tables, "pre", ReportLang::En).unwrap();
    let text = String::from_utf8(bytes).unwrap();
    assert!(!text.contains("secret@example.la"), "no contact ever");
    assert!(!text.contains("Hidden Person"), "no name without consent");
    let (header, rows) = fixture::read_csv(&text);
    assert_eq!(&header[..4], ["No.", "Version", "Table", "Participant"]);
    assert_eq!(
        header.last().unwrap(),
        "What do you hope to take away from the workshop?",
        "a question only version 1 asked keeps its column, at the end"
    );
    let col = |name: &str| header.iter().position(|h| h == name).unwrap();
    assert_eq!(rows.len(), 4);
    let check = |row: usize, version: &str, who: &str, policy: &str, role: &str, hope: &str| {
        let r = &rows[row];
        assert_eq!(
            (
                r[0].as_str(),
                r[1].as_str(),
                r[2].as_str(),
                r[3].as_str(),
                r[col("How well do you know “Policy”?")].as_str(),
                r[col("Where do you work?")].as_str(),
                r[header.len() - 1].as_str(),
            ),
            (
                (row + 1).to_string().as_str(),
                version,
                "Table 4",
                who,
                policy,
                role,
                hope
            ),
            "row {row}"
        );
    };
    check(0, "1", "Keomany Named", "2", "Government", "Learn");
    check(
        1,
        "1",
        "(linked; not named without consent)",
        "3",
        "Academia / think tank",
        "ຮຽນຮູ້",
    );
    check(2, "1", "", "4", "Government", "'=1+1");
    check(3, "2", "", "5", "Academia / think tank", "");
}

fn cell(sheet: &calamine::Range<Data>, row: u32, col: u32) -> Data {
    sheet.get_value((row, col)).cloned().unwrap_or(Data::Empty)
}

#[test]
fn the_answers_as_xlsx_with_a_results_sheet_in_lao() {
    let w = answered();
    let bytes = sala_report::produce(
        sala_report::Sources {
            dump: &w.dump,
            tables: &w.tables,
            pictures: &Default::default(),
        },
        ReportKind::Survey,
        "xlsx",
        "lo",
        ReportParts::default(),
        Some("pre"),
    )
    .unwrap();
    let mut book: Xlsx<_> = calamine::open_workbook_from_rs(Cursor::new(bytes)).unwrap();
    assert_eq!(book.sheet_names(), ["ຄຳຕອບ", "ຜົນການສຳຫຼວດ"]);
    let responses = book.worksheet_range("ຄຳຕອບ").unwrap();
    assert_eq!(responses.height(), 5, "a header and four responses");
    assert_eq!(cell(&responses, 0, 0), Data::String("ລຳດັບ".into()));
    // Numbers are numbers; the table label is text; a rating is a number.
    assert_eq!(cell(&responses, 1, 0), Data::Float(1.0));
    assert_eq!(cell(&responses, 4, 1), Data::Float(2.0), "version 2");
    assert_eq!(cell(&responses, 1, 2), Data::String("Table 4".into()));
    assert_eq!(cell(&responses, 1, 4), Data::Float(2.0), "a rating");

    let results = book.worksheet_range("ຜົນການສຳຫຼວດ").unwrap();
    let rows: Vec<Vec<Data>> = results.rows().map(<[Data]>::to_vec).collect();
    // The first question: answered 4 times, mean (2+3+4+5)/4, then one row per scale point.
    assert_eq!(rows[1][2], Data::Float(4.0));
    assert_eq!(rows[1][3], Data::Float(3.5));
    let points: Vec<(Data, Data)> = rows[2..7]
        .iter()
        .map(|r| (r[1].clone(), r[2].clone()))
        .collect();
    assert_eq!(
        points,
        (1..=5)
            .map(|v| (
                Data::String(v.to_string()),
                Data::Float(if v == 1 { 0.0 } else { 1.0 })
            ))
            .collect::<Vec<_>>()
    );
    // A choice question's counts are under its choices' Lao labels.
    let role = rows
        .iter()
        .position(|r| r[0] == Data::String("ທ່ານເຮັດວຽກຢູ່ໃສ?".into()))
        .unwrap_or_else(|| panic!("the role question: {rows:?}"));
    let government = rows[role + 1..]
        .iter()
        .find(|r| r[1] == Data::String("ລັດຖະບານ".into()))
        .unwrap();
    assert_eq!(government[2], Data::Float(2.0));
}

#[test]
fn an_unknown_form_or_format_is_refused() {
    let w = answered();
    let err = survey_export::csv(&w.dump, &w.tables, "nope", ReportLang::En).unwrap_err();
    assert_eq!(err.code, sala_core::ErrorCode::NotFound);
    let err = sala_report::produce(
        sala_report::Sources {
            dump: &w.dump,
            tables: &w.tables,
            pictures: &Default::default(),
        },
        ReportKind::Survey,
        "docx",
        "en",
        ReportParts::default(),
        Some("pre"),
    )
    .unwrap_err();
    assert_eq!(err.code, sala_core::ErrorCode::InvalidArgument);
}
