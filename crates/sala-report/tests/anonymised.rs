//! The anonymised export and the participant list (issue 8): with `anonymised`, no participant's,
//! facilitator's or note-taker's name and no contact is anywhere in any output — not even where
//! a note-taker typed one into a note, a card or an action — while what is counted stays; the
//! participant list is its own export, the one with names and contacts, and cannot be
//! anonymised.

#![allow(clippy::unwrap_used)]

mod fixture;

use std::io::Read as _;

use sala_core::api::{ReportKind, ReportParts, ReportRequest};
use sala_report::anonymise::REMOVED;

/// The filled workshop, with names typed into free text and on the groups.
fn with_names_in_text() -> fixture::Workshop {
    let mut w = fixture::filled();
    let d = &mut w.dump;
    d.notes[0].text = format!("Somphone said: {} ສົມພອນ ເວົ້າວ່າ ຕ້ອງມີກົດໝາຍ", d.notes[0].text);
    d.notes[1].translation = Some("as Bounmy put it".into());
    d.swot_cards[0].text = "Davone's ministry has the data".into();
    d.actions[0].responsible = "MTC (Keomany)".into();
    d.groups[0].facilitator = "Keomany Sisouvanh".into();
    d.groups[0].note_taker = "Noy Phommachanh".into();
    w
}

fn request(kind: ReportKind, format: &str, lang: &str, anonymised: bool) -> ReportRequest {
    ReportRequest {
        kind,
        format: format.into(),
        lang: lang.into(),
        parts: ReportParts {
            participant_list: true,
            ..ReportParts::default()
        },
        path: String::new(),
        form: Some("pre".into()),
        anonymised: Some(anonymised),
        pictures_checked: None,
    }
}

/// The text of an output: the DOCX's document part, else the bytes as UTF-8.
fn text(bytes: &[u8]) -> String {
    if bytes.starts_with(b"PK") {
        let mut z = zip::ZipArchive::new(std::io::Cursor::new(bytes)).unwrap();
        let mut s = String::new();
        z.by_name("word/document.xml")
            .unwrap()
            .read_to_string(&mut s)
            .unwrap();
        s
    } else {
        String::from_utf8_lossy(bytes).into_owned()
    }
}

#[test]
fn an_anonymised_output_names_no_one_anywhere() {
    let w = with_names_in_text();
    let outputs = [
        (ReportKind::Summary, "md", "both"),
        (ReportKind::Summary, "html", "lo"),
        (ReportKind::Summary, "docx", "en"),
        (ReportKind::Brief, "docx", "lo"),
        (ReportKind::Actions, "csv", "en"),
        (ReportKind::Survey, "csv", "lo"),
    ];
    let names = [
        "Somphone",
        "ສົມພອນ",
        "Bounmy",
        "Davone",
        "Keomany",
        "Sisouvanh",
        "Phommachanh",
        "example.la",
    ];
    for (kind, format, lang) in outputs {
        let plain = text(
            &sala_report::produce_request(
                &w.dump,
                &w.tables,
                &w.pictures,
                &request(kind, format, lang, false),
            )
            .unwrap(),
        );
        let anon = text(
            &sala_report::produce_request(
                &w.dump,
                &w.tables,
                &w.pictures,
                &request(kind, format, lang, true),
            )
            .unwrap(),
        );
        for name in names {
            assert!(
                !anon.contains(name),
                "{name} in the anonymised {kind:?} {format}"
            );
        }
        if kind == ReportKind::Summary && format == "md" {
            // Not anonymised, the names typed into notes are there (and the consented list).
            assert!(plain.contains("Somphone said") && plain.contains("ສົມພອນ"));
            // Anonymised: the words around the names stay; what is counted stays.
            // (Markdown escapes the brackets of the marker.)
            let marker = REMOVED.replace('[', "\\[").replace(']', "\\]");
            assert!(anon.contains(&format!("{marker} said:")), "{anon}");
            assert!(anon.contains("ຕ້ອງມີກົດໝາຍ"));
            let count = |s: &str| s.matches("Participation").count();
            assert_eq!(count(&plain), count(&anon));
        }
    }
}

#[test]
fn the_participant_list_has_names_and_contacts_and_cannot_be_anonymised() {
    let w = fixture::filled();
    let csv = text(
        &sala_report::produce_request(
            &w.dump,
            &w.tables,
            &w.pictures,
            &request(ReportKind::Participants, "csv", "en", false),
        )
        .unwrap(),
    );
    let (header, rows) = fixture::read_csv(&csv);
    assert_eq!(header[..2], ["Name in Lao", "Name in English"]);
    assert_eq!(rows.len(), 3);
    assert!(
        rows.iter()
            .any(|r| r[1].contains("Somphone") && r[5].contains("@example.la"))
    );
    let xlsx = sala_report::produce_request(
        &w.dump,
        &w.tables,
        &w.pictures,
        &request(ReportKind::Participants, "xlsx", "lo", false),
    )
    .unwrap();
    assert!(xlsx.starts_with(b"PK"));
    let e = sala_report::produce_request(
        &w.dump,
        &w.tables,
        &w.pictures,
        &request(ReportKind::Participants, "csv", "en", true),
    )
    .unwrap_err();
    assert_eq!(e.code, sala_core::ErrorCode::InvalidArgument);
}
