//! A spreadsheet a person gives Sala — an invitation list, survey answers typed in from paper —
//! read into a [`Sheet`]: CSV (UTF-8, with or without BOM; UTF-16 as Excel's "Unicode text";
//! Windows-1252 as a last resort) or XLSX.
//!
//! Such a file may be hostile: a 1.7 KB XLSX can claim a cell at XFD1048576 or unpack to
//! gigabytes. [`read_sheet`] measures before it allocates — the file's size, what its zip
//! entries really unpack to, the shared strings it declares — and reads cells one by one, so a
//! sheet is never laid out whole; anything beyond the limits is refused with a translated
//! message.

use std::io::Cursor;

use calamine::{Reader, Xlsx};
use sala_core::{ErrorCode, SalaError};

use crate::Result;

/// A file that cannot be read as a sheet; `detail` says why.
pub(crate) fn bad(detail: impl Into<String>) -> SalaError {
    SalaError::new(ErrorCode::BadImportFile).with("detail", detail.into())
}

/// The file as text, whatever Excel or another program saved it as.
fn decode(bytes: &[u8]) -> String {
    if let Some(rest) = bytes.strip_prefix(&[0xEF, 0xBB, 0xBF]) {
        return String::from_utf8_lossy(rest).into_owned();
    }
    if bytes.starts_with(&[0xFF, 0xFE]) {
        return encoding_rs::UTF_16LE
            .decode_with_bom_removal(bytes)
            .0
            .into_owned();
    }
    if bytes.starts_with(&[0xFE, 0xFF]) {
        return encoding_rs::UTF_16BE
            .decode_with_bom_removal(bytes)
            .0
            .into_owned();
    }
    match std::str::from_utf8(bytes) {
        Ok(s) => s.to_owned(),
        Err(_) => encoding_rs::WINDOWS_1252.decode(bytes).0.into_owned(),
    }
}

/// An import with `bad_rows` rows that have problems goes ahead only when told to skip them.
pub fn refuse_if_problems(bad_rows: usize, skip_bad: bool) -> Result<()> {
    if bad_rows > 0 && !skip_bad {
        return Err(SalaError::new(ErrorCode::ImportHasProblems).with("count", bad_rows));
    }
    Ok(())
}

/// A file read as a sheet: its header and its rows, each with its line number.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Sheet {
    pub header: Vec<String>,
    pub rows: Vec<(u32, Vec<String>)>,
}

/// The largest file imported (an invitation list is kilobytes).
pub const MAX_IMPORT_BYTES: usize = 20 << 20;
/// What all the entries of an XLSX may unpack to together, and its shared strings alone.
pub const MAX_UNPACKED_BYTES: u64 = 64 << 20;
pub const MAX_SHARED_STRINGS_BYTES: u64 = 16 << 20;
/// How many shared strings an XLSX may declare.
pub const MAX_SHARED_STRINGS: u64 = 200_000;
/// The rows and columns read, and the cells with something in them.
pub const MAX_ROWS: u32 = 100_000;
pub const MAX_COLUMNS: u32 = 1_000;
pub const MAX_CELLS: usize = 1_000_000;

fn too_large() -> SalaError {
    SalaError::new(ErrorCode::ImportTooLarge).with("max", MAX_IMPORT_BYTES >> 20)
}

/// Refuses a file larger than [`MAX_IMPORT_BYTES`] before anything reads it.
pub fn check_size(bytes: &[u8]) -> Result<()> {
    if bytes.len() > MAX_IMPORT_BYTES {
        return Err(too_large());
    }
    Ok(())
}

/// A cell's name as a spreadsheet shows it: column letters and row number (`XFD1048576`), from
/// 0-based row and column.
pub fn cell_name(row: u32, column: u32) -> String {
    let mut letters = Vec::new();
    let mut c = u64::from(column) + 1;
    while c > 0 {
        let rem = ((c - 1) % 26) as u8;
        letters.push(char::from(b'A' + rem));
        c = (c - 1) / 26;
    }
    letters.reverse();
    format!(
        "{}{}",
        letters.into_iter().collect::<String>(),
        u64::from(row) + 1
    )
}

fn sheet_too_large(row: u32, column: u32) -> SalaError {
    SalaError::new(ErrorCode::ImportSheetTooLarge)
        .with("cell", cell_name(row, column))
        .with("rows", MAX_ROWS)
        .with("columns", MAX_COLUMNS)
}

/// Measures an XLSX before calamine reads it: what each entry really unpacks to (not what its
/// header claims), in all, and how many shared strings it declares (calamine reserves room
/// for that many at once).
fn measure_xlsx(bytes: &[u8]) -> Result<()> {
    use std::io::Read;
    let mut zip = zip::ZipArchive::new(Cursor::new(bytes)).map_err(|e| bad(e.to_string()))?;
    let mut total: u64 = 0;
    let mut buf = vec![0u8; 64 * 1024];
    for i in 0..zip.len() {
        let mut entry = zip.by_index(i).map_err(|e| bad(e.to_string()))?;
        let strings = entry
            .name()
            .map_err(|e| bad(e.to_string()))?
            .to_ascii_lowercase()
            .ends_with("sharedstrings.xml");
        let mut head: Vec<u8> = Vec::new();
        let mut size: u64 = 0;
        loop {
            let n = entry.read(&mut buf).map_err(|e| bad(e.to_string()))?;
            if n == 0 {
                break;
            }
            if strings && head.len() < 4096 {
                head.extend_from_slice(&buf[..n.min(4096 - head.len())]);
            }
            size += n as u64;
            if total + size > MAX_UNPACKED_BYTES || (strings && size > MAX_SHARED_STRINGS_BYTES) {
                return Err(too_large());
            }
        }
        total += size;
        if strings {
            let head = String::from_utf8_lossy(&head);
            for attr in ["uniqueCount=\"", "count=\""] {
                let declared = head.find(attr).and_then(|at| {
                    let digits: String = head[at + attr.len()..]
                        .chars()
                        .take_while(char::is_ascii_digit)
                        .collect();
                    digits.parse::<u64>().ok().or(Some(u64::MAX))
                });
                if declared.is_some_and(|n| n > MAX_SHARED_STRINGS) {
                    return Err(too_large());
                }
            }
        }
    }
    Ok(())
}

/// The first sheet's rows, read cell by cell (never laid out whole), 1-based row numbers.
fn read_xlsx(bytes: &[u8]) -> Result<Vec<(u32, Vec<String>)>> {
    measure_xlsx(bytes)?;
    let mut book: Xlsx<_> = Xlsx::new(Cursor::new(bytes)).map_err(|e| bad(e.to_string()))?;
    let name = book
        .sheet_names()
        .first()
        .cloned()
        .ok_or_else(|| bad("the workbook has no sheet"))?;
    let mut cells = book
        .worksheet_cells_reader(&name)
        .map_err(|e| bad(e.to_string()))?;
    let mut by_row: std::collections::BTreeMap<u32, Vec<(u32, String)>> = Default::default();
    let mut count = 0;
    while let Some(cell) = cells.next_cell().map_err(|e| bad(e.to_string()))? {
        let (row, column) = cell.get_position();
        let text = calamine::Data::from(cell.get_value().clone()).to_string();
        let text = text.trim();
        if text.is_empty() {
            continue;
        }
        if row >= MAX_ROWS || column >= MAX_COLUMNS {
            return Err(sheet_too_large(row, column));
        }
        count += 1;
        if count > MAX_CELLS {
            return Err(too_large());
        }
        by_row
            .entry(row)
            .or_default()
            .push((column, text.to_owned()));
    }
    Ok(by_row
        .into_iter()
        .map(|(row, cells)| {
            let width = cells.iter().map(|(c, _)| *c + 1).max().unwrap_or(0);
            let mut out = vec![String::new(); width as usize];
            for (c, text) in cells {
                out[c as usize] = text;
            }
            (row + 1, out)
        })
        .collect())
}

/// The line on which a quotation mark that opens a field is never closed (the CSV reader
/// would take the rest of the file as that one cell), if any.
fn unclosed_quote(text: &str, delimiter: u8) -> Option<u32> {
    let delimiter = char::from(delimiter);
    let (mut line, mut opened) = (1u32, 0u32);
    let (mut field_start, mut quoted) = (true, false);
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        if quoted {
            match c {
                '"' if chars.peek() == Some(&'"') => {
                    chars.next();
                }
                '"' => quoted = false,
                '\n' => line += 1,
                _ => {}
            }
            continue;
        }
        match c {
            '"' if field_start => {
                quoted = true;
                opened = line;
                field_start = false;
            }
            '\n' => {
                line += 1;
                field_start = true;
            }
            '\r' => {}
            c if c == delimiter => field_start = true,
            _ => field_start = false,
        }
    }
    quoted.then_some(opened)
}

fn read_csv(bytes: &[u8]) -> Result<Vec<(u32, Vec<String>)>> {
    let text = decode(bytes);
    let first = text.lines().next().unwrap_or("");
    let delimiter = [b'\t', b';', b',']
        .into_iter()
        .max_by_key(|d| first.matches(*d as char).count())
        .unwrap_or(b',');
    if let Some(line) = unclosed_quote(&text, delimiter) {
        return Err(SalaError::new(ErrorCode::ImportUnclosedQuote).with("line", line));
    }
    let mut reader = csv::ReaderBuilder::new()
        .delimiter(delimiter)
        .flexible(true)
        .has_headers(false)
        .from_reader(text.as_bytes());
    let mut rows = Vec::new();
    for (i, record) in reader.records().enumerate() {
        let record = record.map_err(|e| bad(e.to_string()))?;
        let line = record.position().map_or(0, |p| p.line() as u32);
        if i as u32 >= MAX_ROWS {
            return Err(sheet_too_large(i as u32, 0));
        }
        if record.len() as u32 > MAX_COLUMNS {
            return Err(sheet_too_large(i as u32, record.len() as u32 - 1));
        }
        rows.push((line, record.iter().map(|c| c.trim().to_owned()).collect()));
    }
    Ok(rows)
}

/// The header and the rows (with their line numbers) of a CSV or XLSX file, within the
/// limits above.
pub fn read_sheet(file_name: &str, bytes: &[u8]) -> Result<Sheet> {
    check_size(bytes)?;
    let mut rows =
        if bytes.starts_with(b"PK\x03\x04") || file_name.to_lowercase().ends_with(".xlsx") {
            read_xlsx(bytes)?
        } else {
            read_csv(bytes)?
        };
    rows.retain(|(_, cells)| cells.iter().any(|c| !c.is_empty()));
    if rows.is_empty() {
        return Err(bad("the file is empty"));
    }
    let (_, header) = rows.remove(0);
    Ok(Sheet { header, rows })
}
