//! The DOCX opened by real office software: LibreOffice (headless) converts the report to PDF,
//! and the PDF's text holds the Lao headings and notes. `cargo xtask test` installs LibreOffice,
//! the Noto fonts and poppler's `pdftotext`.

#![allow(clippy::unwrap_used)]

mod fixture;

use std::path::Path;
use std::process::Command;

use sala_report::{Input, ReportLang, docx, summary};

/// Converts `file` to PDF with LibreOffice and returns the PDF's text.
fn pdf_text(dir: &Path, file: &Path) -> String {
    let pdf = to_pdf(dir, file);
    let text = Command::new("pdftotext")
        .args(["-enc", "UTF-8"])
        .arg(&pdf)
        .arg("-")
        .output()
        .expect(
            "pdftotext (poppler-utils) is needed for this test: `cargo xtask test` installs it",
        );
    assert!(text.status.success());
    String::from_utf8(text.stdout).unwrap()
}

/// Converts `file` to PDF with LibreOffice; the PDF's path.
fn to_pdf(dir: &Path, file: &Path) -> std::path::PathBuf {
    let profile = dir.join("lo-profile");
    let status = Command::new("soffice")
        .arg(format!(
            "-env:UserInstallation=file://{}",
            profile.display()
        ))
        .args([
            "--headless",
            "--norestore",
            "--convert-to",
            "pdf",
            "--outdir",
        ])
        .arg(dir)
        .arg(file)
        .env("HOME", dir)
        .output()
        .expect("LibreOffice (soffice) is needed for this test: `cargo xtask test` installs it");
    assert!(
        status.status.success(),
        "soffice failed: {}",
        String::from_utf8_lossy(&status.stderr)
    );
    let pdf = file.with_extension("pdf");
    assert!(
        pdf.exists(),
        "no PDF: {}",
        String::from_utf8_lossy(&status.stdout)
    );
    pdf
}

/// The whole fixture workshop, in Lao.
fn lao(w: &fixture::Workshop) -> Input<'_> {
    Input {
        dump: &w.dump,
        tables: &w.tables,
        pictures: &w.pictures,
        parts: Default::default(),
        lang: ReportLang::Lo,
    }
}

#[test]
fn libreoffice_lays_out_the_groups_pictures_in_the_report() {
    let w = fixture::filled();
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("report-pictures.docx");
    std::fs::write(&file, docx::render(&summary(lao(&w))).unwrap()).unwrap();
    let pdf = to_pdf(dir.path(), &file);
    // pdfimages lists the pictures the PDF holds: "page num type width height ...".
    let list = Command::new("pdfimages")
        .arg("-list")
        .arg(&pdf)
        .output()
        .expect(
            "pdfimages (poppler-utils) is needed for this test: `cargo xtask test` installs it",
        );
    assert!(list.status.success());
    let list = String::from_utf8(list.stdout).unwrap();
    let sizes: Vec<(u32, u32)> = list
        .lines()
        .skip_while(|l| !l.starts_with("---"))
        .filter_map(|l| {
            let cols: Vec<&str> = l.split_whitespace().collect();
            (cols.len() > 4 && cols[2] == "image")
                .then(|| (cols[3].parse().unwrap_or(0), cols[4].parse().unwrap_or(0)))
        })
        .collect();
    // The flipchart upright (3:4; LibreOffice brings it down to 300 dpi as laid out), and the
    // drawing (the charts are pictures too: they are the rest).
    assert!(
        sizes.iter().any(|(w, h)| w * 4 == h * 3 && *w >= 900),
        "{list}"
    );
    assert!(sizes.contains(&(900, 600)), "{list}");
    let text = pdf_text(dir.path(), &file);
    let flat: String = text.split_whitespace().collect::<Vec<_>>().join(" ");
    assert!(
        flat.contains("ກະດານ: ກົດໝາຍວ່າດ້ວຍຂໍ້ມູນ — ໂຕະ")
            || flat.contains("ກະດານ: ກົດໝາຍວ່າດ້ວຍຂໍ້ມູນ — Table 1"),
        "{text}"
    );
}

#[test]
fn the_policy_brief_is_about_two_pages_with_its_lao_headings() {
    let w = fixture::filled();
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("brief.docx");
    let doc = sala_report::brief::brief(lao(&w));
    std::fs::write(&file, docx::render(&doc).unwrap()).unwrap();
    let text = pdf_text(dir.path(), &file);
    for m in ["ສະພາບການ", "ຜົນທີ່ພົບຫຼັກຕາມເສົາຫຼັກ", "ຂໍ້ສະເໜີແນະທີ່ສຳຄັນ", "ບາດກ້າວຕໍ່ໄປ"]
    {
        assert!(text.contains(m), "{m} not in the brief's PDF:\n{text}");
    }
    let info = Command::new("pdfinfo")
        .arg(file.with_extension("pdf"))
        .output()
        .unwrap();
    let pages: u32 = String::from_utf8_lossy(&info.stdout)
        .lines()
        .find_map(|l| l.strip_prefix("Pages:").map(|n| n.trim().parse().unwrap()))
        .unwrap();
    assert!((1..=3).contains(&pages), "{pages} pages");
}

#[test]
fn libreoffice_opens_the_report_and_its_pdf_holds_the_lao_text() {
    let w = fixture::filled();
    let dir = tempfile::tempdir().unwrap();
    for (lang, must) in [
        (
            ReportLang::Lo,
            &[
                "ການມີສ່ວນຮ່ວມ",
                "ແຜນການຈັດຕັ້ງປະຕິບັດຕໍ່ໜ້າ",
                "ຍັງບໍ່ມີກົດໝາຍວ່າດ້ວຍການແບ່ງປັນຂໍ້ມູນລະຫວ່າງກະຊວງ",
                "ສາລະບານ",
            ][..],
        ),
        (
            ReportLang::En,
            &[
                "Participation",
                "Follow-up action plan",
                "Each ministry keeps its own registry",
                "Page",
            ][..],
        ),
    ] {
        let file = dir.path().join(format!("report-{lang:?}.docx"));
        std::fs::write(
            &file,
            docx::render(&summary(Input {
                dump: &w.dump,
                tables: &w.tables,
                pictures: &w.pictures,
                parts: Default::default(),
                lang,
            }))
            .unwrap(),
        )
        .unwrap();
        let text = pdf_text(dir.path(), &file);
        // pdftotext separates lines; compare without line breaks or spaces around them.
        let flat: String = text.split_whitespace().collect::<Vec<_>>().join(" ");
        for m in must {
            assert!(
                flat.contains(m),
                "{m:?} not in the PDF of the {lang:?} report:\n{text}"
            );
        }
        // The contents give each part its page (laid out by LibreOffice as it opened the file):
        // "Participation ........ 3", on the page after the cover.
        let contents = flat
            .split(must[0])
            .nth(1)
            .and_then(|after| after.trim_start_matches(['.', ' ']).split(' ').next())
            .unwrap_or_default();
        assert!(
            contents.parse::<u32>().is_ok_and(|p| p >= 3),
            "no page after {:?} in the contents of the {lang:?} report: {contents:?}\n{text}",
            must[0]
        );
    }
}
