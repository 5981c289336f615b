//! A survey form for where Sala is not (issue 20): printed on paper, numbered question by
//! question as the app's paper entry asks them back ([`printable`], a DOCX through
//! [`crate::docx`]), and as an XLSForm ([`xlsform`]) — KoboToolbox's and ODK's format — whose
//! question names are Sala's question keys and whose choice names are Sala's option keys, so that
//! the data export of a form filled there reads back through Sala's survey import as it is.

use rust_xlsxwriter::{Format, Workbook};
use sala_core::SalaError;
use sala_core::model::Workshop;
use sala_core::survey::{QuestionKind, SurveyForm};

use crate::ReportLang;
use crate::actions::{sheet_name, xlsx_error};
use crate::doc::{Block, Document, Table};

/// The form on paper: its title and introduction, then each section and each question
/// numbered 1, 2, 3… in the order paper entry asks them, with a box per scale point or choice
/// and lines for writing.
pub fn printable(form: &SurveyForm, workshop: &Workshop, lang: ReportLang) -> Document {
    let mut blocks = Vec::new();
    let intro = lang.pick(&form.intro);
    if !intro.trim().is_empty() {
        blocks.push(Block::Paragraph(intro));
    }
    blocks.push(Block::Note(lang.t("survey.print.how", &[])));
    let mut number = 0;
    for section in &form.sections {
        let title = lang.pick(&section.title);
        if !title.trim().is_empty() {
            blocks.push(Block::Heading {
                level: 2,
                text: title,
            });
        }
        for q in &section.questions {
            number += 1;
            let required = if q.required { " *" } else { "" };
            blocks.push(Block::Heading {
                level: 3,
                text: format!("{number}. {}{required}", lang.pick(&q.text)),
            });
            match &q.kind {
                QuestionKind::Rating {
                    min,
                    max,
                    low,
                    high,
                } => {
                    blocks.push(Block::Table(Table {
                        header: (*min..=*max).map(|v| v.to_string()).collect(),
                        rows: vec![(*min..=*max).map(|_| "☐".to_owned()).collect()],
                    }));
                    blocks.push(Block::Note(format!(
                        "{min} = {} · {max} = {}",
                        lang.pick(low),
                        lang.pick(high)
                    )));
                }
                QuestionKind::Single { options } | QuestionKind::Multiple { options } => {
                    let one = matches!(q.kind, QuestionKind::Single { .. });
                    blocks.push(Block::Note(lang.t(
                        if one {
                            "survey.print.one"
                        } else {
                            "survey.print.many"
                        },
                        &[],
                    )));
                    blocks.push(Block::Bullets(
                        options
                            .iter()
                            .map(|o| format!("☐ {}", lang.pick(&o.label)))
                            .collect(),
                    ));
                }
                QuestionKind::ShortText => {
                    blocks.push(Block::Paragraph("_".repeat(60)));
                }
                QuestionKind::LongText => {
                    for _ in 0..4 {
                        blocks.push(Block::Paragraph("_".repeat(60)));
                    }
                }
            }
        }
    }
    blocks.push(Block::Note(lang.t("survey.print.thanks", &[])));
    Document {
        title: lang.pick(&form.title),
        subtitle: vec![
            lang.pick(&workshop.title),
            lang.t("survey.version", &[("n", &form.version.to_string())]),
        ],
        blocks,
        contents_label: String::new(),
        page_label: lang.t("report.page", &[]),
        lang_tag: match lang {
            ReportLang::En => "en".to_owned(),
            ReportLang::Lo | ReportLang::Both => "lo".to_owned(),
        },
    }
}

/// An XLSForm name (question, choice list): letters, digits, `_ . -`, not starting with a
/// digit, `.` or `-` (what ODK's validator takes).
fn xml_name(s: &str) -> String {
    let mut out: String = s
        .chars()
        .map(|c| {
            if c.is_ascii_alphanumeric() || matches!(c, '_' | '.' | '-') {
                c
            } else {
                '_'
            }
        })
        .collect();
    if !out.starts_with(|c: char| c.is_ascii_alphabetic() || c == '_') {
        out.insert(0, '_');
    }
    out
}

/// The form as an XLSForm: sheets `survey` (type, name, labels in both languages, required),
/// `choices` and `settings`. Section titles are notes (not groups, whose names would prefix
/// every column of the data export). A rating is a choice of its scale's numbers, so its data
/// is the number.
pub fn xlsform(form: &SurveyForm) -> Result<Vec<u8>, SalaError> {
    const LO: &str = "Lao (lo)";
    const EN: &str = "English (en)";
    let mut book = Workbook::new();
    let bold = Format::new().set_bold();
    let mut survey: Vec<[String; 5]> = Vec::new();
    let mut choices: Vec<[String; 4]> = Vec::new();
    for (s, section) in form.sections.iter().enumerate() {
        if !section.title.en.trim().is_empty() || !section.title.lo.trim().is_empty() {
            survey.push([
                "note".into(),
                format!("section_{}", s + 1),
                section.title.lo.clone(),
                section.title.en.clone(),
                String::new(),
            ]);
        }
        for q in &section.questions {
            let name = xml_name(&q.key);
            let list = format!("{name}_choices");
            let kind = match &q.kind {
                QuestionKind::Rating {
                    min,
                    max,
                    low,
                    high,
                } => {
                    for v in *min..=*max {
                        let (lo, en) = match v {
                            v if v == *min => {
                                (format!("{v} — {}", low.lo), format!("{v} — {}", low.en))
                            }
                            v if v == *max => {
                                (format!("{v} — {}", high.lo), format!("{v} — {}", high.en))
                            }
                            v => (v.to_string(), v.to_string()),
                        };
                        choices.push([list.clone(), v.to_string(), lo, en]);
                    }
                    format!("select_one {list}")
                }
                QuestionKind::Single { options } | QuestionKind::Multiple { options } => {
                    for o in options {
                        choices.push([
                            list.clone(),
                            xml_name(&o.key),
                            o.label.lo.clone(),
                            o.label.en.clone(),
                        ]);
                    }
                    let select = if matches!(q.kind, QuestionKind::Single { .. }) {
                        "select_one"
                    } else {
                        "select_multiple"
                    };
                    format!("{select} {list}")
                }
                QuestionKind::ShortText | QuestionKind::LongText => "text".into(),
            };
            survey.push([
                kind,
                name,
                q.text.lo.clone(),
                q.text.en.clone(),
                if q.required { "yes" } else { "" }.into(),
            ]);
        }
    }
    let mut write =
        |name: &str, header: &[String], rows: Vec<Vec<String>>| -> Result<(), SalaError> {
            let sheet = book.add_worksheet();
            sheet.set_name(sheet_name(name)).map_err(xlsx_error)?;
            for (c, h) in header.iter().enumerate() {
                sheet
                    .write_string_with_format(0, c as u16, h, &bold)
                    .map_err(xlsx_error)?;
                sheet.set_column_width(c as u16, 28).map_err(xlsx_error)?;
            }
            for (r, row) in rows.iter().enumerate() {
                for (c, v) in row.iter().enumerate() {
                    if !v.is_empty() {
                        sheet
                            .write_string(r as u32 + 1, c as u16, v)
                            .map_err(xlsx_error)?;
                    }
                }
            }
            Ok(())
        };
    let label = |lang: &str| format!("label::{lang}");
    write(
        "survey",
        &[
            "type".into(),
            "name".into(),
            label(LO),
            label(EN),
            "required".into(),
        ],
        survey.into_iter().map(Vec::from).collect(),
    )?;
    write(
        "choices",
        &["list_name".into(), "name".into(), label(LO), label(EN)],
        choices.into_iter().map(Vec::from).collect(),
    )?;
    write(
        "settings",
        &[
            "form_title".into(),
            "form_id".into(),
            "version".into(),
            "default_language".into(),
        ],
        vec![vec![
            if form.title.lo.trim().is_empty() {
                form.title.en.clone()
            } else {
                form.title.lo.clone()
            },
            xml_name(&form.form_id),
            form.version.to_string(),
            LO.into(),
        ]],
    )?;
    book.save_to_buffer().map_err(xlsx_error)
}
