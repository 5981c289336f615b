//! The action plan as a spreadsheet: UTF-8 CSV with a byte-order mark (Excel reads a CSV
//! without one in the system's code page, which turns Lao into mojibake), and XLSX with typed
//! date cells, a filter on every column and the header row frozen.

use rust_xlsxwriter::{ExcelDateTime, Format, Workbook, XlsxError};
use sala_core::api::Dump;
use sala_core::{ErrorCode, SalaError};

use crate::ReportLang;
use crate::summary::{actions_by_focus, code, focus_label};

/// The plan's columns, in order.
fn header(lang: ReportLang) -> Vec<String> {
    [
        "action.field.focus_area",
        "action.field.title",
        "action.field.description",
        "action.field.responsible",
        "action.field.partners",
        "action.field.start",
        "action.field.due",
        "action.field.horizon",
        "action.field.priority",
        "action.field.status",
    ]
    .iter()
    .map(|k| lang.t(k, &[]))
    .collect()
}

/// One row per live action, grouped by focus area as in the report. Dates stay `YYYY-MM-DD`
/// text here; [`xlsx`] writes them as dates.
pub fn rows(dump: &Dump, lang: ReportLang) -> Vec<Vec<String>> {
    let mut out = Vec::new();
    for (f, actions) in actions_by_focus(dump) {
        let focus = f.map_or_else(String::new, |f| focus_label(lang, f));
        for a in actions {
            out.push(vec![
                focus.clone(),
                a.title.clone(),
                a.description.clone(),
                a.responsible.clone(),
                a.partners.clone(),
                a.start_date.clone().unwrap_or_default(),
                a.due_date.clone().unwrap_or_default(),
                a.horizon
                    .map(|h| lang.t(&format!("action.horizon.{}", code(&h)), &[]))
                    .unwrap_or_default(),
                lang.t(&format!("action.priority.{}", code(&a.priority)), &[]),
                lang.t(&format!("action.status.{}", code(&a.status)), &[]),
            ]);
        }
    }
    out
}

/// Whether a spreadsheet could read a cell as a formula: it starts with = + - @ — also after
/// leading spaces, tabs or line breaks, which spreadsheets skip — or with a tab or a carriage
/// return (OWASP's list for CSV injection).
fn reads_as_formula(s: &str) -> bool {
    s.starts_with(['\t', '\r'])
        || s.trim_start_matches([' ', '\t', '\r', '\n'])
            .starts_with(['=', '+', '-', '@'])
}

fn csv_field(s: &str) -> String {
    // A cell a spreadsheet would read as a formula is written as text (a leading apostrophe).
    let guarded = if reads_as_formula(s) {
        format!("'{s}")
    } else {
        s.to_owned()
    };
    if guarded.contains([',', '"', '\n', '\r']) || guarded != guarded.trim() {
        format!("\"{}\"", guarded.replace('"', "\"\""))
    } else {
        guarded
    }
}

/// The plan as CSV.
pub fn csv(dump: &Dump, lang: ReportLang) -> Vec<u8> {
    csv_bytes(std::iter::once(header(lang)).chain(rows(dump, lang)))
}

/// Rows as CSV that Excel opens with Lao intact: a BOM, CRLF line ends, every field that needs
/// it quoted, formulas written as text.
pub(crate) fn csv_bytes(rows: impl Iterator<Item = Vec<String>>) -> Vec<u8> {
    let mut out = String::from("\u{feff}");
    for row in rows {
        let cells: Vec<String> = row.iter().map(|c| csv_field(c)).collect();
        out.push_str(&cells.join(","));
        out.push_str("\r\n");
    }
    out.into_bytes()
}

pub(crate) fn xlsx_error(e: XlsxError) -> SalaError {
    SalaError::new(ErrorCode::Storage).with("detail", e.to_string())
}

/// The plan as an XLSX workbook (one sheet).
pub fn xlsx(dump: &Dump, lang: ReportLang) -> Result<Vec<u8>, SalaError> {
    let mut book = Workbook::new();
    let sheet = book.add_worksheet();
    sheet
        .set_name(
            lang.t("action.title", &[])
                .chars()
                .take(31)
                .collect::<String>(),
        )
        .map_err(xlsx_error)?;
    let bold = Format::new().set_bold().set_text_wrap();
    let wrap = Format::new().set_text_wrap();
    let date = Format::new().set_num_format("yyyy-mm-dd");
    let head = header(lang);
    for (c, h) in head.iter().enumerate() {
        sheet
            .write_string_with_format(0, c as u16, h, &bold)
            .map_err(xlsx_error)?;
    }
    let rows = rows(dump, lang);
    for (r, row) in rows.iter().enumerate() {
        let r = r as u32 + 1;
        for (c, cell) in row.iter().enumerate() {
            let c = c as u16;
            // Start and due dates are real dates (sortable, filterable by month).
            // A date outside 2000–2100 (received from elsewhere) stays text, as it came.
            let parsed = ((c == 5 || c == 6) && sala_core::template::is_plausible_date(cell))
                .then(|| ExcelDateTime::parse_from_str(cell).ok())
                .flatten();
            match parsed {
                Some(d) => sheet.write_datetime_with_format(r, c, &d, &date),
                None if cell.is_empty() => Ok(&mut *sheet),
                None => sheet.write_string_with_format(r, c, cell, &wrap),
            }
            .map_err(xlsx_error)?;
        }
    }
    for (c, width) in [22.0, 36.0, 40.0, 22.0, 22.0, 12.0, 12.0, 14.0, 10.0, 12.0]
        .iter()
        .enumerate()
    {
        sheet
            .set_column_width(c as u16, *width)
            .map_err(xlsx_error)?;
    }
    filter_and_freeze(sheet, rows.len(), head.len())?;
    book.save_to_buffer().map_err(xlsx_error)
}

/// A filter on every column of a sheet of `rows` rows under a header, and the header frozen.
pub(crate) fn filter_and_freeze(
    sheet: &mut rust_xlsxwriter::Worksheet,
    rows: usize,
    columns: usize,
) -> Result<(), SalaError> {
    sheet
        .autofilter(0, 0, rows as u32, columns.max(1) as u16 - 1)
        .map_err(xlsx_error)?;
    sheet.set_freeze_panes(1, 0).map_err(xlsx_error)?;
    Ok(())
}

/// A sheet name Excel takes: none of `[]:*?/\`, at most 31 characters.
pub(crate) fn sheet_name(s: &str) -> String {
    s.chars()
        .filter(|c| !matches!(c, '[' | ']' | ':' | '*' | '?' | '/' | '\\'))
        .take(31)
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[track_caller]
    fn check(cell: &str, written: &str) {
        assert_eq!(csv_field(cell), written, "{cell:?}");
    }

    #[test]
    fn cells_a_spreadsheet_would_run_are_written_as_text() {
        check("=cmd|' /C calc'!A0", "'=cmd|' /C calc'!A0");
        check("+1", "'+1");
        check("-1", "'-1");
        check("@SUM(A1)", "'@SUM(A1)");
        check("\t=1+1", "'\t=1+1");
        check("\r=1+1", "\"'\r=1+1\"");
        check("\t", "\"'\t\"");
        check("  =1+1", "'  =1+1");
        check("\n@x", "\"'\n@x\"");
        check("ກະຊວງ", "ກະຊວງ");
        check("a=b", "a=b");
        check("2023-09-01", "2023-09-01");
        check("Lao \"MTC\", 2023", "\"Lao \"\"MTC\"\", 2023\"");
    }
}
