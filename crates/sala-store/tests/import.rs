//! Importing the invitation list, as a spec: good files in the forms Excel saves, every kind of
//! bad row shown before anything is written, and a bad file changing nothing.

#![allow(clippy::unwrap_used, clippy::expect_used)]

use sala_core::ErrorCode;
use sala_core::api::ImportProblem;
use sala_core::model::{Gender, Stakeholder};
use sala_store::{Store, log::ops};

mod kit;

const GOOD: &str = "name_lo,name_en,organisation,category,gender,group,consent\n\
ສົມພອນ ແກ້ວມະນີ,Somphone Keomany,MTC,government,M,A,yes\n\
ແສງດາວ,Sengdao,Lao Women's Union,ສັງຄົມພົນລະເຮືອນ,ຍິງ,B,\n\
,Anna Berg,UN DESA,Development partner / UN,female,,x\n";

fn names(store: &Store) -> Vec<String> {
    store
        .participants()
        .unwrap()
        .into_iter()
        .map(|p| p.name.in_lang(sala_core::api::UiLanguage::Lo).to_owned())
        .collect()
}

#[track_caller]
fn check_good(file: &str, bytes: &[u8]) {
    let (_dir, mut store) = kit::demo();
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
    let (_dir, mut store) = kit::demo();
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
    let (_dir, mut store) = kit::demo();
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

/// An XLSX of the good list with `extra` cells written too.
fn xlsx_with(extra: &[(u32, u16, &str)]) -> Vec<u8> {
    let mut book = rust_xlsxwriter::Workbook::new();
    let sheet = book.add_worksheet();
    for (r, line) in GOOD.lines().enumerate() {
        for (c, cell) in line.split(',').enumerate() {
            sheet.write_string(r as u32, c as u16, cell).unwrap();
        }
    }
    for (r, c, text) in extra {
        sheet.write_string(*r, *c, *text).unwrap();
    }
    book.save_to_buffer().unwrap()
}

/// The good list's XLSX with its shared strings replaced by `strings` (a header and a body of
/// `repeat` bytes `fill`), written as a packed (deflated) zip entry: small file, large inside.
fn xlsx_with_strings(header: &str, fill: u8, repeat: usize) -> Vec<u8> {
    use std::io::{Read, Write};
    let good = xlsx_with(&[]);
    let mut src = zip::ZipArchive::new(std::io::Cursor::new(good)).unwrap();
    let mut out = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
    let options = zip::write::SimpleFileOptions::default()
        .compression_method(zip::CompressionMethod::Deflated)
        .compression_level(Some(1))
        .large_file(true);
    for i in 0..src.len() {
        let mut entry = src.by_index(i).unwrap();
        let name = entry.name().unwrap().to_string();
        out.start_file(name.as_str(), options).unwrap();
        if name.ends_with("sharedStrings.xml") {
            out.write_all(header.as_bytes()).unwrap();
            let chunk = vec![fill; 1 << 20];
            for _ in 0..repeat / chunk.len() {
                out.write_all(&chunk).unwrap();
            }
            out.write_all(b"</t></si></sst>").unwrap();
        } else {
            let mut bytes = Vec::new();
            entry.read_to_end(&mut bytes).unwrap();
            out.write_all(&bytes).unwrap();
        }
    }
    out.finish().unwrap().into_inner()
}

#[test]
fn spreadsheet_bombs_are_refused_before_they_are_unpacked() {
    let (_dir, mut store) = kit::demo();
    let before = ops::count(store.read()).unwrap();
    let check = |name: &str, bytes: &[u8], code: ErrorCode, cell: Option<&str>| {
        let (_dir, store) = kit::demo();
        let e = store.preview_participants(name, bytes).unwrap_err();
        assert_eq!(e.code, code, "{name}: {e:?}");
        if let Some(cell) = cell {
            assert_eq!(e.params["cell"], cell, "{name}");
        }
        for lang in [
            sala_core::api::UiLanguage::En,
            sala_core::api::UiLanguage::Lo,
        ] {
            let shown = sala_i18n::error_message(lang, &e);
            assert!(
                !shown.contains("%{") && !shown.is_empty(),
                "{name}: {shown}"
            );
        }
    };
    // Two cells, A1 and the last cell a sheet can have: a 16384 × 1048576 grid if laid out.
    let far = xlsx_with(&[(1_048_575, 16_383, "x")]);
    assert!(far.len() < 16_000, "{} bytes", far.len());
    check(
        "far.xlsx",
        &far,
        ErrorCode::ImportSheetTooLarge,
        Some("XFD1048576"),
    );
    check(
        "tall.xlsx",
        &xlsx_with(&[(199_999, 701, "x")]),
        ErrorCode::ImportSheetTooLarge,
        Some("ZZ200000"),
    );
    // A shared string of 100 MB packed into a few hundred KB.
    let sst = "<?xml version=\"1.0\"?><sst xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\" count=\"1\" uniqueCount=\"1\"><si><t>";
    let packed = xlsx_with_strings(sst, b'a', 100 << 20);
    assert!(packed.len() < 1 << 20, "{} bytes", packed.len());
    check("packed.xlsx", &packed, ErrorCode::ImportTooLarge, None);
    // A few bytes that declare four billion strings (room for them would be reserved at once).
    let declared = sst.replace("uniqueCount=\"1\"", "uniqueCount=\"4000000000\"");
    check(
        "declared.xlsx",
        &xlsx_with_strings(&declared, b'a', 0),
        ErrorCode::ImportTooLarge,
        None,
    );
    // A CSV of more rows than a list has, and a file larger than an import reads.
    let many = "name\n".to_owned() + &"x\n".repeat(sala_store::sheet::MAX_ROWS as usize + 1);
    check(
        "many.csv",
        many.as_bytes(),
        ErrorCode::ImportSheetTooLarge,
        None,
    );
    let huge = vec![b'a'; sala_store::sheet::MAX_IMPORT_BYTES + 1];
    check("huge.csv", &huge, ErrorCode::ImportTooLarge, None);
    // Nothing was written by any of them.
    let e = store
        .import_participants("far.xlsx", &far, true)
        .unwrap_err();
    assert_eq!(e.code, ErrorCode::ImportSheetTooLarge);
    assert_eq!(ops::count(store.read()).unwrap(), before);
}

#[test]
fn an_unclosed_quote_is_refused_with_its_line() {
    let (_dir, store) = kit::demo();
    let file =
        "name_en,organisation\nSomphone,MTC\nSengdao,\"Lao Women's Union\nAnna,UN\nBen,UNDP\n";
    let e = store
        .preview_participants("q.csv", file.as_bytes())
        .unwrap_err();
    assert_eq!(
        (e.code, e.params["line"].as_str()),
        (ErrorCode::ImportUnclosedQuote, "3")
    );
    // Quotes that close, quotes doubled inside, and a quote inside a word are all fine.
    let fine = "name_en,organisation\nSomphone,\"MTC, \"\"Vientiane\"\"\"\nSengdao,Lao \"Women\nAnna,\"UN\nDESA\"\n";
    let p = store
        .preview_participants("ok.csv", fine.as_bytes())
        .unwrap();
    assert_eq!(p.rows.len(), 3);
    assert_eq!(p.rows[0].draft.organisation, "MTC, \"Vientiane\"");
}

#[test]
fn imported_cells_meet_the_limits_typing_does() {
    let (_dir, mut store) = kit::demo();
    let long = "ກ".repeat(sala_core::text::MAX_SHORT_CHARS + 1);
    let file = format!("name_lo,organisation\n{long},MTC\nສົມພອນ,{long}\nແສງດາວ,MTC\n");
    let p = store
        .preview_participants("long.csv", file.as_bytes())
        .unwrap();
    let max = sala_core::text::MAX_SHORT_CHARS as u32;
    assert_eq!(
        p.rows[0].problems,
        [ImportProblem::TooLong {
            column: "name_lo".into(),
            length: max + 1,
            max
        }]
    );
    assert_eq!(
        p.rows[1].problems,
        [ImportProblem::TooLong {
            column: "organisation".into(),
            length: max + 1,
            max
        }]
    );
    assert!(p.rows[2].problems.is_empty());
    assert_eq!(
        store
            .import_participants("long.csv", file.as_bytes(), false)
            .unwrap_err()
            .code,
        ErrorCode::ImportHasProblems
    );
    assert_eq!(
        store
            .import_participants("long.csv", file.as_bytes(), true)
            .unwrap(),
        1
    );
    assert_eq!(names(&store), ["ແສງດາວ"]);
}

mod fuzz {
    //! A bounded fuzz run of the CSV and XLSX readers: random bytes, and valid files with random
    //! bytes changed or cut short. Whatever comes in, the reader answers — rows or a refusal —
    //! without panicking or running away with memory.
    use super::*;
    use proptest::prelude::*;

    fn edited(base: Vec<u8>) -> impl Strategy<Value = Vec<u8>> {
        let len = base.len();
        (
            proptest::collection::vec((0..len, any::<u8>()), 0..12),
            0..=len,
        )
            .prop_map(move |(edits, cut)| {
                let mut b = base.clone();
                for (at, byte) in edits {
                    b[at] = byte;
                }
                b.truncate(cut.max(1));
                b
            })
    }

    fn read(name: &str, bytes: &[u8]) {
        match sala_store::sheet::read_sheet(name, bytes) {
            Ok(t) => assert!(t.rows.len() <= sala_store::sheet::MAX_ROWS as usize),
            Err(e) => assert!(
                matches!(
                    e.code,
                    ErrorCode::BadImportFile
                        | ErrorCode::ImportTooLarge
                        | ErrorCode::ImportSheetTooLarge
                        | ErrorCode::ImportUnclosedQuote
                ),
                "{e:?}"
            ),
        }
    }

    proptest! {
        #![proptest_config(ProptestConfig { cases: 200, ..ProptestConfig::default() })]

        #[test]
        fn random_bytes_as_csv(bytes in proptest::collection::vec(any::<u8>(), 0..2048)) {
            read("random.csv", &bytes);
        }

        #[test]
        fn a_csv_changed_anywhere(bytes in edited(GOOD.as_bytes().to_vec())) {
            read("edited.csv", &bytes);
        }

        #[test]
        fn an_xlsx_changed_anywhere(bytes in edited(xlsx_with(&[]))) {
            read("edited.xlsx", &bytes);
        }
    }
}
