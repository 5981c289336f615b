//! Importing the invitation list, as a spec: good files in the forms Excel saves, every kind of
//! bad row shown before anything is written, and a bad file changing nothing.

#![allow(clippy::unwrap_used, clippy::expect_used)]

use sala_core::ErrorCode;
use sala_core::api::ImportProblem;
use sala_core::model::{Gender, Stakeholder};
use sala_store::{MachineIdentity, Store, ops};
use tempfile::TempDir;

fn store() -> (TempDir, Store) {
    let dir = TempDir::new().unwrap();
    let mut store = Store::open_in(dir.path(), &MachineIdentity("m".into())).unwrap();
    store.ensure_demo().unwrap();
    (dir, store)
}

const GOOD: &str = "name_lo,name_en,organisation,category,gender,group,consent\n\
ສົມພອນ ແກ້ວມະນີ,Somphone Keomany,MTC,government,M,A,yes\n\
ແສງດາວ,Sengdao,Lao Women's Union,ສັງຄົມພົນລະເຮືອນ,ຍິງ,B,\n\
,Anna Berg,UN DESA,Development partner / UN,female,,x\n";

fn names(store: &Store) -> Vec<String> {
    store
        .participants()
        .unwrap()
        .into_iter()
        .map(|p| {
            if p.name.lo.is_empty() {
                p.name.en
            } else {
                p.name.lo
            }
        })
        .collect()
}

#[track_caller]
fn check_good(file: &str, bytes: &[u8]) {
    let (_dir, mut store) = store();
    let preview = store.preview_participants(file, bytes).unwrap();
    assert!(
        preview.rows.iter().all(|r| r.problems.is_empty()),
        "{file}: {:?}",
        preview.rows
    );
    assert_eq!(
        store.import_participants(file, bytes, false).unwrap(),
        3,
        "{file}"
    );
    assert_eq!(
        names(&store),
        ["ສົມພອນ ແກ້ວມະນີ", "ແສງດາວ", "Anna Berg"],
        "{file}"
    );
    let people = store.participants().unwrap();
    assert_eq!(people[0].stakeholder, Some(Stakeholder::Government));
    assert_eq!(people[0].gender, Gender::Male);
    assert_eq!(people[0].group_id, Some(store.find_group("A").unwrap().id));
    assert!(people[0].consent && !people[1].consent && people[2].consent);
    assert_eq!(people[1].stakeholder, Some(Stakeholder::CivilSociety));
    assert_eq!(people[1].gender, Gender::Female);
    assert_eq!(people[2].stakeholder, Some(Stakeholder::DevelopmentPartner));
}

#[test]
fn good_lists_import_in_every_form_excel_saves() {
    check_good("list.csv", GOOD.as_bytes());
    // Excel's "CSV UTF-8": a byte-order mark, and ; where the locale uses , for decimals.
    let bom = [&[0xEF, 0xBB, 0xBF][..], GOOD.replace(',', ";").as_bytes()].concat();
    check_good("excel.csv", &bom);
    // Excel's "Unicode text": UTF-16 little-endian with a BOM, tab-separated, CRLF.
    let tabbed = GOOD.replace(',', "\t").replace('\n', "\r\n");
    let utf16: Vec<u8> = [0xFF, 0xFE]
        .into_iter()
        .chain(tabbed.encode_utf16().flat_map(u16::to_le_bytes))
        .collect();
    check_good("unicode.txt", &utf16);
    // XLSX with Lao names.
    let mut book = rust_xlsxwriter::Workbook::new();
    let sheet = book.add_worksheet();
    for (r, line) in GOOD.lines().enumerate() {
        for (c, cell) in line.split(',').enumerate() {
            sheet.write_string(r as u32, c as u16, cell).unwrap();
        }
    }
    check_good("list.xlsx", &book.save_to_buffer().unwrap());
}

#[test]
fn every_kind_of_bad_row_is_shown_and_nothing_is_written() {
    let (_dir, mut store) = store();
    store
        .import_participants("a.csv", "name\nExisting Person\n".as_bytes(), false)
        .unwrap();
    let before = ops::count(store.read()).unwrap();
    let file = "name_en,name_lo,category,gender,group\n\
        Good Row,,academia,f,C\n\
        ,,government,m,A\n\
        Bad Category,,astronaut,,\n\
        Bad Gender,,,maybe,\n\
        Bad Group,,,,Z\n\
        Existing Person,,,,\n\
        Twice,,,,\n\
        twice,,,,\n";
    let preview = store
        .preview_participants("bad.csv", file.as_bytes())
        .unwrap();
    let problems: Vec<(u32, Vec<ImportProblem>)> = preview
        .rows
        .iter()
        .map(|r| (r.line, r.problems.clone()))
        .collect();
    assert_eq!(
        problems,
        vec![
            (2, vec![]),
            (3, vec![ImportProblem::MissingName]),
            (
                4,
                vec![ImportProblem::UnknownCategory {
                    value: "astronaut".into()
                }]
            ),
            (
                5,
                vec![ImportProblem::UnknownGender {
                    value: "maybe".into()
                }]
            ),
            (6, vec![ImportProblem::UnknownGroup { value: "Z".into() }]),
            (
                7,
                vec![ImportProblem::Duplicate {
                    name: "Existing Person".into()
                }]
            ),
            (8, vec![]),
            (
                9,
                vec![ImportProblem::Duplicate {
                    name: "twice".into()
                }]
            ),
        ]
    );
    let err = store
        .import_participants("bad.csv", file.as_bytes(), false)
        .unwrap_err();
    assert_eq!(
        (err.code, err.params["count"].as_str()),
        (ErrorCode::ImportHasProblems, "6")
    );
    assert_eq!(
        ops::count(store.read()).unwrap(),
        before,
        "a refused import writes nothing"
    );
    // Asked to, the good rows alone are imported.
    assert_eq!(
        store
            .import_participants("bad.csv", file.as_bytes(), true)
            .unwrap(),
        2
    );
    assert_eq!(names(&store), ["Existing Person", "Good Row", "Twice"]);
}

#[test]
fn a_file_that_is_not_a_list_is_refused_with_a_reason() {
    let (_dir, mut store) = store();
    let before = ops::count(store.read()).unwrap();
    for (file, bytes, needle) in [
        ("empty.csv", b"".to_vec(), "empty"),
        (
            "no-name.csv",
            b"organisation,gender\nMTC,f\n".to_vec(),
            "no name column",
        ),
        ("broken.xlsx", b"PK\x03\x04 not really a zip".to_vec(), ""),
    ] {
        let err = store.import_participants(file, &bytes, true).unwrap_err();
        assert_eq!(err.code, ErrorCode::BadImportFile, "{file}");
        assert!(
            err.params["detail"].contains(needle),
            "{file}: {:?}",
            err.params
        );
    }
    assert_eq!(ops::count(store.read()).unwrap(), before);
}
