//! A survey's answers as a spreadsheet (issue 7): one row per response, one column per
//! question, as UTF-8 CSV with a byte-order mark or as XLSX with a second sheet of results per
//! question (counts, means, every choice). Answers read as the form's latest version does:
//! columns follow its questions, then any question only an older version asked; each response
//! says the version it answered.
//!
//! A response linked to a participant shows their name only if they consented to be named;
//! contacts are never written.

use rust_xlsxwriter::{Format, Workbook, Worksheet};
use sala_core::api::Dump;
use sala_core::survey::{
    Answer, QuestionKind, SurveyForm, SurveyQuestion, SurveyResponse, latest_versions, results,
};
use sala_core::{ErrorCode, SalaError};
use std::collections::BTreeMap;

use crate::ReportLang;
use crate::actions::{csv_bytes, filter_and_freeze, sheet_name, xlsx_error};

/// The form (by kind, form id or a version's id) and its live responses, oldest first.
fn form_and_responses<'d>(
    dump: &'d Dump,
    key: &str,
) -> Result<(&'d SurveyForm, Vec<&'d SurveyResponse>, Vec<&'d SurveyForm>), SalaError> {
    let versions: Vec<&SurveyForm> = dump.survey_forms.iter().filter(|f| !f.deleted).collect();
    let form_id = versions
        .iter()
        .find(|f| f.id == key || f.form_id == key || f.kind.as_str() == key)
        .map(|f| f.form_id.clone())
        .ok_or_else(|| {
            SalaError::new(ErrorCode::NotFound)
                .with("entity", "survey")
                .with("id", key)
        })?;
    let form = latest_versions(&dump.survey_forms)
        .into_iter()
        .find(|f| f.form_id == form_id)
        .ok_or_else(|| {
            SalaError::new(ErrorCode::NotFound)
                .with("entity", "survey")
                .with("id", key)
        })?;
    let mut responses: Vec<&SurveyResponse> = dump
        .survey_responses
        .iter()
        .filter(|r| !r.deleted && r.form_id == form_id)
        .collect();
    responses.sort_by(|a, b| (&a.created_hlc, &a.id).cmp(&(&b.created_hlc, &b.id)));
    responses.dedup_by(|a, b| a.id == b.id);
    let mut older: Vec<&SurveyForm> = versions
        .into_iter()
        .filter(|f| f.form_id == form_id && f.id != form.id)
        .collect();
    older.sort_by(|a, b| (b.version, &b.id).cmp(&(a.version, &a.id)));
    Ok((form, responses, older))
}

/// Every question a column is kept for: the latest version's, then those only older versions
/// asked (newest version first).
fn columns<'f>(form: &'f SurveyForm, older: &[&'f SurveyForm]) -> Vec<&'f SurveyQuestion> {
    let mut out: Vec<&SurveyQuestion> = form.questions().collect();
    for f in older {
        for q in f.questions() {
            if !out.iter().any(|c| c.key == q.key) {
                out.push(q);
            }
        }
    }
    out
}

/// One cell: a rating's number, a choice's label, choices' labels joined with "; ", a text.
fn cell(q: &SurveyQuestion, a: Option<&Answer>, lang: ReportLang) -> String {
    let label = |k: &str| match &q.kind {
        QuestionKind::Single { options } | QuestionKind::Multiple { options } => options
            .iter()
            .find(|o| o.key == k)
            .map_or_else(|| k.to_owned(), |o| lang.pick(&o.label)),
        _ => k.to_owned(),
    };
    match a {
        None => String::new(),
        Some(Answer::Rating(v)) => v.to_string(),
        Some(Answer::Choice(k)) => label(k),
        Some(Answer::Choices(ks)) => ks.iter().map(|k| label(k)).collect::<Vec<_>>().join("; "),
        Some(Answer::Text(t)) => t.trim().to_owned(),
    }
}

/// The answers as a table: a header and one row per response.
pub fn table(
    dump: &Dump,
    tables: &BTreeMap<String, String>,
    key: &str,
    lang: ReportLang,
) -> Result<(Vec<String>, Vec<Vec<String>>), SalaError> {
    sheet(dump, tables, key, lang).map(|s| (s.header, s.rows))
}

struct Sheet {
    header: Vec<String>,
    rows: Vec<Vec<String>>,
    /// Which columns hold numbers (the response's number, its version, ratings).
    numeric: Vec<bool>,
}

fn sheet(
    dump: &Dump,
    tables: &BTreeMap<String, String>,
    key: &str,
    lang: ReportLang,
) -> Result<Sheet, SalaError> {
    let (form, responses, older) = form_and_responses(dump, key)?;
    let cols = columns(form, &older);
    let linked = !form.anonymous
        || older.iter().any(|f| !f.anonymous)
        || responses.iter().any(|r| r.participant_id.is_some());
    let mut header = vec![
        lang.t("survey.export.number", &[]),
        lang.t("survey.export.version", &[]),
        lang.t("survey.export.table", &[]),
    ];
    if linked {
        header.push(lang.t("survey.export.participant", &[]));
    }
    header.extend(cols.iter().map(|q| lang.pick(&q.text)));
    let mut numeric = vec![true, true, false];
    if linked {
        numeric.push(false);
    }
    numeric.extend(
        cols.iter()
            .map(|q| matches!(q.kind, QuestionKind::Rating { .. })),
    );
    let rows = responses
        .iter()
        .enumerate()
        .map(|(i, r)| {
            let mut row = vec![
                (i + 1).to_string(),
                r.form_version.to_string(),
                crate::summary::table_name(tables, &r.device_id, lang),
            ];
            if linked {
                row.push(match &r.participant_id {
                    None => String::new(),
                    Some(p) => dump
                        .participants
                        .iter()
                        .find(|x| &x.id == p && x.consent && !x.deleted)
                        .map_or_else(
                            || lang.t("survey.export.not_named", &[]),
                            |x| lang.pick(&x.name),
                        ),
                });
            }
            row.extend(cols.iter().map(|q| cell(q, r.answers.get(&q.key), lang)));
            row
        })
        .collect();
    Ok(Sheet {
        header,
        rows,
        numeric,
    })
}

/// The answers as CSV: a BOM, CRLF line ends, every field that needs it quoted.
pub fn csv(
    dump: &Dump,
    tables: &BTreeMap<String, String>,
    key: &str,
    lang: ReportLang,
) -> Result<Vec<u8>, SalaError> {
    let (header, rows) = table(dump, tables, key, lang)?;
    Ok(csv_bytes(std::iter::once(header).chain(rows)))
}

/// The answers as XLSX: a sheet of responses (ratings and numbers as numbers, a filter, the
/// header frozen) and a sheet of results per question.
pub fn xlsx(
    dump: &Dump,
    tables: &BTreeMap<String, String>,
    key: &str,
    lang: ReportLang,
) -> Result<Vec<u8>, SalaError> {
    let Sheet {
        header,
        rows,
        numeric,
    } = sheet(dump, tables, key, lang)?;
    let (form, responses, _) = form_and_responses(dump, key)?;
    let mut book = Workbook::new();
    let bold = Format::new().set_bold().set_text_wrap();
    let wrap = Format::new().set_text_wrap();

    responses_sheet(&mut book, &header, &rows, &numeric, lang, &bold, &wrap)?;
    results_sheet(&mut book, form, &responses, lang, &bold, &wrap)?;
    book.save_to_buffer().map_err(xlsx_error)
}

/// The first sheet: one row per response, numbers as numbers.
fn responses_sheet(
    book: &mut Workbook,
    header: &[String],
    rows: &[Vec<String>],
    numeric: &[bool],
    lang: ReportLang,
    bold: &Format,
    wrap: &Format,
) -> Result<(), SalaError> {
    let sheet = book.add_worksheet();
    sheet
        .set_name(sheet_name(&lang.t("survey.export.responses", &[])))
        .map_err(xlsx_error)?;
    let widths = header
        .iter()
        .enumerate()
        .map(|(c, h)| (h.clone(), if c < 3 { 10.0 } else { 24.0 }));
    write_header(sheet, widths, bold)?;
    for (r, row) in rows.iter().enumerate() {
        let r = r as u32 + 1;
        for (c, value) in row.iter().enumerate() {
            let col = c as u16;
            // The number, the version and ratings are numbers (sortable, summable).
            let number = numeric[c].then(|| value.parse::<f64>().ok()).flatten();
            match number {
                Some(n) => sheet.write_number(r, col, n),
                None if value.is_empty() => Ok(&mut *sheet),
                None => sheet.write_string_with_format(r, col, value, wrap),
            }
            .map_err(xlsx_error)?;
        }
    }
    filter_and_freeze(sheet, rows.len(), header.len())?;

    Ok(())
}

/// The second sheet: each question's answered count, mean, and answers by choice.
fn results_sheet(
    book: &mut Workbook,
    form: &SurveyForm,
    responses: &[&SurveyResponse],
    lang: ReportLang,
    bold: &Format,
    wrap: &Format,
) -> Result<(), SalaError> {
    let summary = book.add_worksheet();
    summary
        .set_name(sheet_name(&lang.t("survey.results", &[])))
        .map_err(xlsx_error)?;
    let widths = [
        ("report.col_question", 48.0),
        ("survey.export.answer", 28.0),
        ("report.count", 10.0),
        ("report.mean", 10.0),
    ]
    .map(|(k, w)| (lang.t(k, &[]), w));
    write_header(summary, widths.into_iter(), bold)?;
    let owned: Vec<SurveyResponse> = responses.iter().map(|r| (*r).clone()).collect();
    let mut r = 1u32;
    for (q, res) in form.questions().zip(results(form, &owned)) {
        summary
            .write_string_with_format(r, 0, lang.pick(&q.text), wrap)
            .map_err(xlsx_error)?;
        summary
            .write_string(r, 1, lang.t("survey.export.answered", &[]))
            .map_err(xlsx_error)?;
        summary
            .write_number(r, 2, f64::from(res.answered))
            .map_err(xlsx_error)?;
        if let Some(m) = res.mean {
            summary
                .write_number_with_format(r, 3, m, &Format::new().set_num_format("0.00"))
                .map_err(xlsx_error)?;
        }
        r += 1;
        for (value, n) in &res.distribution {
            summary
                .write_string(r, 1, cell(q, Some(&answer_of(q, value)), lang))
                .map_err(xlsx_error)?;
            summary
                .write_number(r, 2, f64::from(*n))
                .map_err(xlsx_error)?;
            r += 1;
        }
    }
    summary.set_freeze_panes(1, 0).map_err(xlsx_error)?;
    Ok(())
}

/// A bold header row, each column as wide as asked.
fn write_header(
    sheet: &mut Worksheet,
    columns: impl Iterator<Item = (String, f64)>,
    bold: &Format,
) -> Result<(), SalaError> {
    for (c, (h, width)) in columns.enumerate() {
        let c = c as u16;
        sheet
            .write_string_with_format(0, c, h, bold)
            .map_err(xlsx_error)?;
        sheet.set_column_width(c, width).map_err(xlsx_error)?;
    }
    Ok(())
}

/// A distribution's value as the answer it counts, to label it like a cell.
fn answer_of(q: &SurveyQuestion, value: &str) -> Answer {
    match &q.kind {
        QuestionKind::Rating { .. } => value
            .parse()
            .map_or(Answer::Text(value.to_owned()), Answer::Rating),
        _ => Answer::Choice(value.to_owned()),
    }
}
