//! The summary report of a workshop, in each language and format: what it says (snapshots of
//! the Markdown), that no participant is named, that the DOCX is a well-formed package with the
//! parts Word needs, and the action plan as CSV and XLSX read back.

#![allow(clippy::unwrap_used)]

mod fixture;

use std::io::Read as _;

use sala_report::{Input, ReportLang, actions, docx, html, markdown, summary};

fn report(w: &fixture::Workshop, lang: ReportLang) -> sala_report::doc::Document {
    summary(Input {
        dump: &w.dump,
        tables: &w.tables,
        pictures: &w.pictures,
        parts: Default::default(),
        lang,
    })
}

#[test]
fn the_report_in_each_language() {
    let w = fixture::filled();
    for (name, lang) in [
        ("en", ReportLang::En),
        ("lo", ReportLang::Lo),
        ("both", ReportLang::Both),
    ] {
        insta::assert_snapshot!(
            format!("summary_{name}"),
            markdown::render(&report(&w, lang))
        );
    }
}

#[test]
fn the_policy_brief_in_each_language() {
    let w = fixture::filled();
    for (name, lang) in [("en", ReportLang::En), ("lo", ReportLang::Lo)] {
        let doc = sala_report::brief::brief(Input {
            dump: &w.dump,
            tables: &w.tables,
            pictures: &w.pictures,
            parts: Default::default(),
            lang,
        });
        insta::assert_snapshot!(format!("brief_{name}"), markdown::render(&doc));
        assert!(docx::render(&doc).unwrap().starts_with(b"PK"));
    }
}

#[test]
fn an_empty_workshop_gives_a_report_that_says_so() {
    let w = fixture::empty();
    insta::assert_snapshot!(
        "summary_empty_lo",
        markdown::render(&report(&w, ReportLang::Lo))
    );
}

#[test]
fn no_participant_is_named_in_any_format() {
    let w = fixture::filled();
    for lang in [ReportLang::En, ReportLang::Lo, ReportLang::Both] {
        let doc = report(&w, lang);
        let md = markdown::render(&doc);
        let xml = docx::document_xml(&doc);
        for name in fixture::PERSONAL {
            assert!(!md.contains(name), "{name} in the Markdown ({lang:?})");
            assert!(!xml.contains(name), "{name} in the DOCX ({lang:?})");
        }
    }
}

fn part(docx: &[u8], name: &str) -> String {
    let mut z = zip::ZipArchive::new(std::io::Cursor::new(docx)).unwrap();
    let mut s = String::new();
    z.by_name(name).unwrap().read_to_string(&mut s).unwrap();
    s
}

#[test]
fn the_docx_holds_headings_a_contents_field_page_numbers_and_lao_fonts() {
    let w = fixture::filled();
    let bytes = docx::render(&report(&w, ReportLang::Lo)).unwrap();
    let doc = part(&bytes, "word/document.xml");
    // Real heading styles, in Lao, each bookmarked for the contents.
    let heading = doc
        .match_indices(r#"<w:pStyle w:val="Heading1"/>"#)
        .map(|(i, _)| &doc[i..i + doc[i..].find("</w:p>").unwrap()])
        .find(|p| p.contains(r#"<w:t xml:space="preserve">ການມີສ່ວນຮ່ວມ</w:t>"#))
        .unwrap();
    // The contents list every part with its page: a PAGEREF to the heading's bookmark.
    let mark = &heading[heading.find(r#"w:name=""#).unwrap() + 8..];
    let mark = &mark[..mark.find('"').unwrap()];
    assert!(doc.contains(&format!(" PAGEREF {mark} \\h ")), "{mark}");
    assert!(doc.contains("ຍັງບໍ່ມີກົດໝາຍວ່າດ້ວຍການແບ່ງປັນຂໍ້ມູນລະຫວ່າງກະຊວງ"));
    assert!(part(&bytes, "word/footer1.xml").contains(" PAGE "));
    // The two charts (coverage, timeline) as PNG pictures, each referenced from the body.
    for n in 0..2 {
        let mut z = zip::ZipArchive::new(std::io::Cursor::new(&bytes)).unwrap();
        let mut png = Vec::new();
        z.by_name(&format!("word/media/chart{n}.png"))
            .unwrap()
            .read_to_end(&mut png)
            .unwrap();
        assert!(png.starts_with(b"\x89PNG"));
        assert!(doc.contains(&format!(r#"<a:blip r:embed="rIdChart{n}"/>"#)));
        assert!(
            part(&bytes, "word/_rels/document.xml.rels").contains(&format!("media/chart{n}.png"))
        );
    }
    let styles = part(&bytes, "word/styles.xml");
    assert!(styles.contains(r#"w:cs="Noto Sans Lao""#) && styles.contains(r#"w:bidi="lo-LA""#));
    // The same workshop gives the same bytes.
    assert_eq!(bytes, docx::render(&report(&w, ReportLang::Lo)).unwrap());
}

#[test]
fn text_that_xml_cannot_hold_is_dropped_not_written() {
    let doc = sala_report::doc::Document {
        title: "a\u{1}b <c> & \"d\"".into(),
        subtitle: vec![],
        blocks: vec![sala_report::doc::Block::Paragraph(
            "line\u{0}one\nline two\u{FFFF}".into(),
        )],
        contents_label: "Contents".into(),
        page_label: "Page".into(),
        lang_tag: "en".into(),
    };
    let xml = docx::document_xml(&doc);
    assert!(xml.contains("ab &lt;c&gt; &amp; &quot;d&quot;"));
    assert!(xml.contains(
        "lineone</w:t></w:r><w:r><w:br/></w:r><w:r><w:t xml:space=\"preserve\">line two</w:t>"
    ));
}

#[test]
fn characters_that_act_on_a_terminal_or_reverse_text_are_in_no_output() {
    // ESC and BEL (a terminal showing the Markdown), DEL, NEL, and the right-to-left override
    // that makes "txt.exe" read as "exe.txt".
    let typed = "Note\u{1b}[2J\u{7} one\u{7f}\u{85} evil\u{202e}txt.exe\u{2066}x\u{2069}";
    let doc = sala_report::doc::Document {
        title: typed.into(),
        subtitle: vec![typed.into()],
        blocks: vec![sala_report::doc::Block::Paragraph(typed.into())],
        contents_label: "Contents".into(),
        page_label: "Page".into(),
        lang_tag: "en".into(),
    };
    let outputs = [
        ("markdown", markdown::render(&doc)),
        ("html", html::render(&doc)),
        ("docx", docx::document_xml(&doc)),
    ];
    for (format, out) in &outputs {
        for c in [
            '\u{1b}', '\u{7}', '\u{7f}', '\u{85}', '\u{202e}', '\u{2066}', '\u{2069}',
        ] {
            assert!(!out.contains(c), "{format} keeps U+{:04X}", c as u32);
        }
        assert!(out.contains("evil"), "{format}: the words stay");
    }
}

#[test]
fn the_csv_starts_with_a_bom_and_keeps_lao_quotes_and_formulas_as_text() {
    let w = fixture::filled();
    let bytes = actions::csv(&w.dump, ReportLang::Lo);
    assert!(
        bytes.starts_with(b"\xEF\xBB\xBF"),
        "a UTF-8 byte-order mark first"
    );
    let text = String::from_utf8(bytes).unwrap();
    let lines: Vec<&str> = text.trim_start_matches('\u{feff}').split("\r\n").collect();
    insta::assert_snapshot!("actions_csv_lo", lines.join("\n"));
    assert!(text.contains("ຮ່າງດຳລັດວ່າດ້ວຍການແບ່ງປັນຂໍ້ມູນ"));
    assert!(text.contains(r#""Agree formats, ""open"" by default""#));
    assert!(text.contains("'=cmd"), "a formula is written as text");
    // Read back as CSV, every field is the action's own text.
    let mut reader =
        csv::ReaderBuilder::new().from_reader(text.trim_start_matches('\u{feff}').as_bytes());
    let read: Vec<Vec<String>> = reader
        .records()
        .map(|r| r.unwrap().iter().map(str::to_owned).collect())
        .collect();
    assert_eq!(
        read,
        actions::rows(&w.dump, ReportLang::Lo)
            .into_iter()
            .map(|mut r| {
                // (the guarded formula keeps its apostrophe)
                if r[3].starts_with('=') {
                    r[3] = format!("'{}", r[3]);
                }
                r
            })
            .collect::<Vec<_>>()
    );
}

/// A `YYYY-MM-DD` date as Excel's day number (days since 1899-12-30).
fn excel_serial(date: &str) -> f64 {
    let (y, m, d): (i64, i64, i64) = (
        date[0..4].parse().unwrap(),
        date[5..7].parse().unwrap(),
        date[8..10].parse().unwrap(),
    );
    // Days from civil (Howard Hinnant's algorithm), then from 1970-01-01 to 1899-12-30.
    let y = if m <= 2 { y - 1 } else { y };
    let era = y.div_euclid(400);
    let yoe = y - era * 400;
    let doy = (153 * (m + if m > 2 { -3 } else { 9 }) + 2) / 5 + d - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    (era * 146_097 + doe - 719_468 + 25_569) as f64
}

#[test]
fn the_xlsx_reads_back_with_the_same_actions_and_real_dates() {
    use calamine::{Data, Reader, Xlsx};
    let w = fixture::filled();
    let bytes = actions::xlsx(&w.dump, ReportLang::En).unwrap();
    let mut book: Xlsx<_> = calamine::open_workbook_from_rs(std::io::Cursor::new(bytes)).unwrap();
    let sheet = book.worksheet_range("Action plan").unwrap();
    let rows: Vec<Vec<Data>> = sheet.rows().map(<[Data]>::to_vec).collect();
    assert_eq!(rows[0][1], Data::String("Title".into()));
    let expected = actions::rows(&w.dump, ReportLang::En);
    assert_eq!(rows.len(), expected.len() + 1);
    for (got, want) in rows[1..].iter().zip(&expected) {
        assert_eq!(got[1].to_string(), want[1], "title");
        assert_eq!(got[3].to_string(), want[3], "responsible");
        for c in [5, 6] {
            match &got[c] {
                Data::DateTime(d) => assert_eq!(d.as_f64(), excel_serial(&want[c]), "{}", want[c]),
                Data::Empty => assert_eq!(want[c], ""),
                other => panic!("a date cell holds {other:?}"),
            }
        }
    }
    assert!(
        rows.iter()
            .any(|r| r[1] == Data::String("ຮ່າງດຳລັດວ່າດ້ວຍການແບ່ງປັນຂໍ້ມູນ".into()))
    );
    // A filter on every column of the header row, and the header frozen.
    let bytes = actions::xlsx(&w.dump, ReportLang::En).unwrap();
    let sheet = part(&bytes, "xl/worksheets/sheet1.xml");
    let filter = format!(r#"<autoFilter ref="A1:J{}"/>"#, expected.len() + 1);
    assert!(sheet.contains(&filter), "{sheet}");
    assert!(
        sheet.contains(r#"ySplit="1""#) && sheet.contains(r#"state="frozen""#),
        "{sheet}"
    );
}

/// How many marks (`class="mark"`) a well-formed SVG holds; panics when it is not well-formed.
fn marks_in_svg(svg: &str) -> usize {
    use quick_xml::events::{BytesStart, Event};
    let is_mark = |e: &BytesStart<'_>| {
        e.attributes()
            .flatten()
            .any(|a| a.key.as_ref() == b"class" && a.value.as_ref() == b"mark")
    };
    let mut reader = quick_xml::Reader::from_str(svg);
    reader.config_mut().check_end_names = true;
    let (mut marks, mut depth) = (0, 0);
    loop {
        match reader.read_event() {
            Ok(Event::Start(e)) => {
                depth += 1;
                marks += usize::from(is_mark(&e));
            }
            Ok(Event::Empty(e)) => marks += usize::from(is_mark(&e)),
            Ok(Event::End(_)) => depth -= 1,
            Ok(Event::Eof) => break,
            Ok(_) => {}
            Err(e) => panic!("not well-formed: {e}\n{svg}"),
        }
    }
    assert_eq!(depth, 0, "unclosed elements in {svg}");
    marks
}

#[test]
fn the_html_report_is_self_contained_with_its_fonts_and_one_mark_per_item() {
    let w = fixture::filled();
    let page = html::render(&report(&w, ReportLang::Lo));
    assert!(page.starts_with("<!DOCTYPE html>") && page.contains(r#"<html lang="lo">"#));
    assert!(page.contains(r#"font-family: "Noto Sans Lao"; font-style: normal; font-weight: 400; font-display: block; src: url(data:font/woff2;base64,"#));
    // Nothing is fetched: no links, scripts, or remote sources.
    for remote in ["<link", "<script", "src=\"http", "url(http", "@import"] {
        assert!(!page.contains(remote), "{remote} in the HTML");
    }
    let svgs: Vec<&str> = page
        .match_indices("<svg")
        .map(|(i, _)| &page[i..i + page[i..].find("</svg>").unwrap() + 6])
        .collect();
    // The coverage of the 10 pillars and elements, the 2 dated actions on the timeline, and the
    // knowledge of the 10 before and after the workshop.
    let marks: Vec<usize> = svgs.iter().map(|s| marks_in_svg(s)).collect();
    assert_eq!(marks, [10, 2, 10]);
    assert!(page.contains("ຍັງບໍ່ມີກົດໝາຍວ່າດ້ວຍການແບ່ງປັນຂໍ້ມູນລະຫວ່າງກະຊວງ"));
}

#[test]
fn markup_typed_into_a_note_is_shown_as_text_in_every_format() {
    let w = fixture::filled();
    let doc = report(&w, ReportLang::En);
    let page = html::render(&doc);
    assert!(
        page.contains("&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt;"),
        "escaped in the HTML"
    );
    assert!(!page.contains("<script"));
    // The only pictures are the groups' own, inside the page.
    assert!(
        page.match_indices("<img")
            .all(|(i, _)| page[i..].starts_with("<img src=\"data:image/")),
        "an <img> not of the workshop's pictures"
    );
    let md = markdown::render(&doc);
    assert!(md.contains(r"\<img src=x onerror=alert(1)\> \& \<script\>alert('x')\</script\>"));
    let xml = docx::document_xml(&doc);
    assert!(xml.contains("&lt;script&gt;") && !xml.contains("<script"));
}

#[test]
fn a_workshop_of_twenty_thousand_notes_gives_every_format() {
    let w = fixture::large(10, 2_000, false);
    let doc = report(&w, ReportLang::Both);
    let md = markdown::render(&doc);
    // Every note is in its group's part and in the annex.
    assert_eq!(
        md.matches("ການແບ່ງປັນຂໍ້ມູນລະຫວ່າງກະຊວງຍັງມີຂໍ້ຈຳກັດ").count(),
        10_000 * 2
    );
    let page = html::render(&doc);
    assert!(page.contains("ກຸ່ມ J ບັນທຶກ 1998"));
    let bytes = docx::render(&doc).unwrap();
    assert!(part(&bytes, "word/document.xml").contains("Group J note 1999"));
    assert_eq!(
        actions::rows(&w.dump, ReportLang::Lo).len(),
        w.dump.actions.len()
    );
    assert!(actions::xlsx(&w.dump, ReportLang::Lo).is_ok());
}

#[test]
fn a_workshop_with_only_lao_notes_reports_them_in_english_too() {
    let w = fixture::large(4, 30, true);
    let md = markdown::render(&report(&w, ReportLang::En));
    assert!(md.contains("## Breakout groups"));
    // Without a translation, a Lao note is reported as written.
    assert!(md.contains("ກຸ່ມ A ບັນທຶກ 0: ການແບ່ງປັນຂໍ້ມູນລະຫວ່າງກະຊວງຍັງມີຂໍ້ຈຳກັດ"));
    assert!(!md.contains("Group A note"));
}

#[test]
fn only_the_parts_asked_for_are_in_the_report() {
    let w = fixture::filled();
    let parts = sala_core::api::ReportParts {
        participation: false,
        annex: false,
        ..Default::default()
    };
    let md = markdown::render(&summary(Input {
        dump: &w.dump,
        tables: &w.tables,
        pictures: &w.pictures,
        lang: ReportLang::En,
        parts,
    }));
    assert!(md.contains("## Breakout groups") && md.contains("## Follow-up action plan"));
    assert!(!md.contains("## Participation") && !md.contains("## Annex"));
    // The same through `produce`, which the app and the CLI call; a wrong format is refused.
    let bytes = sala_report::produce(
        sala_report::Sources {
            dump: &w.dump,
            tables: &w.tables,
            pictures: &w.pictures,
        },
        sala_core::api::ReportKind::Summary,
        "md",
        "en",
        parts,
        None,
    )
    .unwrap();
    assert_eq!(String::from_utf8(bytes).unwrap(), md);
    let err = sala_report::produce(
        sala_report::Sources {
            dump: &w.dump,
            tables: &w.tables,
            pictures: &w.pictures,
        },
        sala_core::api::ReportKind::Brief,
        "xlsx",
        "en",
        parts,
        None,
    )
    .unwrap_err();
    assert_eq!(err.code, sala_core::ErrorCode::InvalidArgument);
    let err = sala_report::produce(
        sala_report::Sources {
            dump: &w.dump,
            tables: &w.tables,
            pictures: &w.pictures,
        },
        sala_core::api::ReportKind::Actions,
        "csv",
        "both",
        parts,
        None,
    )
    .unwrap_err();
    assert_eq!(err.code, sala_core::ErrorCode::InvalidArgument);
}

#[test]
fn the_participant_list_names_only_who_consented_and_only_when_asked() {
    let w = fixture::filled();
    let parts = sala_core::api::ReportParts {
        participant_list: true,
        ..Default::default()
    };
    let md = markdown::render(&summary(Input {
        dump: &w.dump,
        tables: &w.tables,
        pictures: &w.pictures,
        lang: ReportLang::Lo,
        parts,
    }));
    assert!(md.contains("### ຜູ້ເຂົ້າຮ່ວມທີ່ຍິນຍອມໃຫ້ລະບຸຊື່"));
    assert!(md.contains("| ສົມພອນ ແກ້ວມະນີ | MTC | ລັດຖະບານ |"), "{md}");
    // The others are not named; nobody's contact appears.
    for absent in ["ບຸນມີ", "ດາວວອນ", "Bounmy", "example.la"] {
        assert!(!md.contains(absent), "{absent} in the report");
    }
}

fn session_report(w: &fixture::Workshop, lang: ReportLang, by_session: bool) -> String {
    markdown::render(&summary(Input {
        dump: &w.dump,
        tables: &w.tables,
        pictures: &w.pictures,
        lang,
        parts: sala_core::api::ReportParts {
            participation: false,
            across: false,
            annex: false,
            surveys: false,
            by_session,
            ..Default::default()
        },
    }))
}

/// The text of the section under `heading` (up to the next heading of the same or a higher
/// level).
fn section<'a>(md: &'a str, heading: &str) -> &'a str {
    let start = md
        .find(heading)
        .unwrap_or_else(|| panic!("no {heading:?} in\n{md}"));
    let level = heading.chars().take_while(|c| *c == '#').count();
    let body = &md[start + heading.len()..];
    let end = body
        .match_indices("\n#")
        .find(|(i, _)| body[i + 1..].chars().take_while(|c| *c == '#').count() <= level)
        .map_or(body.len(), |(i, _)| i);
    &body[..end]
}

#[test]
fn the_report_session_by_session_puts_each_note_under_the_session_it_was_taken_in() {
    let w = fixture::in_sessions();
    let md = session_report(&w, ReportLang::En, true);
    insta::assert_snapshot!("summary_by_session_en", md);
    assert!(md.contains("## Session by session") && !md.contains("## Breakout groups"));
    let first = section(
        &md,
        "### Day 1, 13:30–15:00: Breakout focus groups: the four pillars",
    );
    assert!(first.contains("Ministries share data by letter"));
    assert!(first.contains("A national digital strategy"));
    assert!(!first.contains("ຕ້ອງມີຫ້ອງການຂໍ້ມູນໃນທຸກກະຊວງ"));
    let second = section(&md, "### Day 2, ");
    assert!(second.contains("ຕ້ອງມີຫ້ອງການຂໍ້ມູນໃນທຸກກະຊວງ"));
    assert!(second.contains("Staff leave for the private sector"));
    let outside = section(&md, "### Outside any session");
    assert!(outside.contains("Said over lunch: ask the provinces"));
    assert!(!outside.contains("Ministries share data by letter"));
    // In Lao too, under the Lao heading.
    let lo = session_report(&w, ReportLang::Lo, true);
    assert!(section(&lo, "### ນອກເວລາປະຊຸມ").contains("Said over lunch"));
}

#[test]
fn retired_questions_and_focus_areas_keep_their_work_in_the_report_marked_as_retired() {
    let w = fixture::in_sessions();
    let md = session_report(&w, ReportLang::En, false);
    insta::assert_snapshot!("summary_retired_en", md);
    let a = section(&md, "### Group A");
    let retired = a
        .lines()
        .find(|l| l.contains("(retired)"))
        .expect("the retired question is marked");
    assert!(
        retired.starts_with("#### Which approach should we follow"),
        "a retired question is named without a number: {retired}"
    );
    assert!(section(a, retired).contains("A question dropped after day one"));
    let b = section(&md, "### Group B");
    assert!(b.contains("(retired)") && b.contains("Staff leave for the private sector"));
    // The action on the retired focus area stays under it, not under "no focus area".
    let plan = section(&md, "## Follow-up action plan");
    assert!(plan.contains("### Institutions (retired)"), "{plan}");
    assert!(!plan.contains("Not tied to a focus area"), "{plan}");
    assert!(plan.contains("(retired)") && plan.contains("Keep data staff with a career path"));
}

#[test]
fn a_date_out_of_range_is_flagged_in_the_report_and_kept_as_text_in_the_xlsx() {
    // Received from another laptop: kept, written as it came, flagged, never drawn.
    let mut w = fixture::filled();
    let a = w.dump.actions.iter_mut().find(|a| !a.deleted).unwrap();
    a.start_date = Some("0001-12-09".into());
    a.due_date = Some("2023-12-31".into());
    let title = a.title.clone();
    for (lang, flag) in [
        (ReportLang::En, "0001-12-09 (date to check) → 2023-12-31"),
        (ReportLang::Lo, "0001-12-09 (ວັນທີທີ່ຕ້ອງກວດ) → 2023-12-31"),
    ] {
        let md = markdown::render(&report(&w, lang));
        assert!(md.contains(flag), "{lang:?}: {md}");
        assert!(!md.contains("Q4 1"), "no quarter of year 1 is drawn");
    }
    use calamine::{Data, Reader, Xlsx};
    let bytes = actions::xlsx(&w.dump, ReportLang::En).unwrap();
    let mut book: Xlsx<_> = calamine::open_workbook_from_rs(std::io::Cursor::new(bytes)).unwrap();
    let sheet = book.worksheet_range("Action plan").unwrap();
    let row = sheet
        .rows()
        .find(|r| r[1] == Data::String(title.clone()))
        .unwrap();
    assert_eq!(row[5], Data::String("0001-12-09".into()));
}

/// The pictures of a DOCX package: (name, bytes).
fn docx_media(docx: &[u8]) -> Vec<(String, Vec<u8>)> {
    let mut z = zip::ZipArchive::new(std::io::Cursor::new(docx)).unwrap();
    let names: Vec<String> = z
        .file_names()
        .filter_map(|n| n.ok().map(|n| n.into_owned()))
        .filter(|n| n.starts_with("word/media/picture"))
        .collect();
    let mut media: Vec<(String, Vec<u8>)> = names
        .into_iter()
        .map(|n| {
            let mut bytes = Vec::new();
            z.by_name(&n).unwrap().read_to_end(&mut bytes).unwrap();
            (n, bytes)
        })
        .collect();
    media.sort();
    media
}

fn request(
    anonymised: bool,
    checked: bool,
    pictures: bool,
    format: &str,
) -> sala_core::api::ReportRequest {
    sala_core::api::ReportRequest {
        kind: sala_core::api::ReportKind::Summary,
        format: format.into(),
        lang: "both".into(),
        parts: sala_core::api::ReportParts {
            pictures,
            ..Default::default()
        },
        path: String::new(),
        form: None,
        anonymised: Some(anonymised),
        pictures_checked: Some(checked),
    }
}

#[test]
fn the_groups_pictures_are_in_the_report_under_their_question_and_board_with_captions() {
    let w = fixture::filled();
    let docx = sala_report::produce_request(
        &w.dump,
        &w.tables,
        &w.pictures,
        &request(false, false, true, "docx"),
    )
    .unwrap();
    let media = docx_media(&docx);
    // The flipchart (JPEG) and the drawing (PNG), each once; not the one in the trash.
    assert_eq!(
        media.iter().map(|(n, _)| n.as_str()).collect::<Vec<_>>(),
        ["word/media/picture0.jpg", "word/media/picture1.png"]
    );
    let live: Vec<&sala_core::model::Picture> =
        w.dump.pictures.iter().filter(|p| !p.deleted).collect();
    assert_eq!(
        media[0].1.as_slice(),
        w.pictures[&live[0].content].as_slice(),
        "as stored"
    );
    let mut xml = String::new();
    zip::ZipArchive::new(std::io::Cursor::new(&docx))
        .unwrap()
        .by_name("word/document.xml")
        .unwrap()
        .read_to_string(&mut xml)
        .unwrap();
    // Under question 1 of group A, after its notes, with its caption (and the table).
    let q1 = xml.find("Each ministry keeps its own registry").unwrap();
    let flipchart = xml.find(r#"r:embed="rIdPicture0""#).unwrap();
    let q2 = xml.find("ຂາດບຸກຄະລາກອນດ້ານຂໍ້ມູນ").unwrap();
    assert!(
        q1 < flipchart && flipchart < q2,
        "between question 1's notes and question 2's"
    );
    assert!(xml.contains("ກະດານ: ກົດໝາຍວ່າດ້ວຍຂໍ້ມູນ — Table 1"));
    assert!(!xml.contains("Discarded photo"));
    // Portrait, 1200 × 1600: 11 cm high, in proportion.
    assert!(
        xml.contains(r#"<wp:extent cx="2970000" cy="3960000"/>"#),
        "{}",
        &xml[flipchart - 900..flipchart]
    );

    let page = String::from_utf8(
        sala_report::produce_request(
            &w.dump,
            &w.tables,
            &w.pictures,
            &request(false, false, true, "html"),
        )
        .unwrap(),
    )
    .unwrap();
    assert_eq!(
        page.matches("<img src=\"data:image/jpeg;base64,").count(),
        1
    );
    assert_eq!(page.matches("<img src=\"data:image/png;base64,").count(), 1);
    assert!(page.contains("alt=\"The SWOT grid as the table drew it — Table 1\""));
}

#[test]
fn pictures_are_left_out_when_asked_and_of_an_anonymised_report_unless_checked() {
    let w = fixture::filled();
    let count = |r: sala_core::api::ReportRequest| {
        docx_media(&sala_report::produce_request(&w.dump, &w.tables, &w.pictures, &r).unwrap())
            .len()
    };
    assert_eq!(count(request(false, false, false, "docx")), 0, "left out");
    assert_eq!(
        count(request(true, false, true, "docx")),
        0,
        "anonymised: a face could be in one"
    );
    assert_eq!(
        count(request(true, true, true, "docx")),
        2,
        "anonymised, checked"
    );
    // A picture that has not arrived on this laptop is left out, the rest is there.
    let mut fewer = w.pictures.clone();
    let first = fewer.keys().next().unwrap().clone();
    fewer.remove(&first);
    let docx = sala_report::produce_request(
        &w.dump,
        &w.tables,
        &fewer,
        &request(false, false, true, "docx"),
    )
    .unwrap();
    assert_eq!(docx_media(&docx).len(), 1);
}
