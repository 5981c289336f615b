//! `sala report` and `sala actions`: the summary report and the action plan written to a file
//! (whole or not at all: a temporary file, flushed, then renamed).

use std::path::{Path, PathBuf};

use clap::Args;
use sala_core::api::{ReportKind, ReportParts, ReportRequest, UiLanguage};
use sala_core::{ErrorCode, SalaError};
use sala_i18n::message;
use sala_store::Store;

use crate::out;

#[derive(Debug, Args)]
pub struct ReportArgs {
    /// docx, html or md (default: from the --out file's extension).
    #[arg(long, value_name = "docx|html|md")]
    format: Option<String>,
    /// lo, en or both.
    #[arg(
        long,
        value_name = "lo|en|both",
        default_value = "both",
        hide_default_value = true
    )]
    lang: String,
    /// The file to write.
    #[arg(long, value_name = "FILE")]
    out: PathBuf,
    /// Also list the participants who agreed to be named (names and organisations only).
    #[arg(long, conflicts_with = "anonymised")]
    participant_list: bool,
    /// No one's name or contact anywhere in it (also taken out of notes, cards and actions).
    #[arg(long)]
    anonymised: bool,
    /// The groups' work session by session of the agenda rather than group by group.
    #[arg(long)]
    by_session: bool,
    /// Leave out the pictures kept with the groups' work.
    #[arg(long)]
    no_pictures: bool,
    /// With --anonymised: you checked that no picture shows a face or a name, so the pictures
    /// stay in the report (else an anonymised report has none).
    #[arg(long, requires = "anonymised")]
    pictures_checked: bool,
    /// Open the file, once written, in the program the system uses for it (Word, LibreOffice).
    #[arg(long)]
    open: bool,
}

/// One language (Lao by default) and the file to write.
#[derive(Debug, Args)]
pub struct BriefArgs {
    /// lo or en.
    #[arg(
        long,
        value_name = "lo|en",
        default_value = "lo",
        hide_default_value = true
    )]
    pub(crate) lang: String,
    #[arg(long, value_name = "FILE")]
    pub(crate) out: PathBuf,
    /// No one's name or contact anywhere in it (also taken out of notes, cards and actions).
    #[arg(long)]
    pub(crate) anonymised: bool,
    /// Open the file, once written, in the program the system uses for it (Word, LibreOffice,
    /// Excel).
    #[arg(long)]
    pub(crate) open: bool,
    /// The summary report's `--pictures-checked`.
    #[arg(skip)]
    pub(crate) pictures_checked: bool,
}

#[derive(Debug, Args)]
pub struct ActionsArgs {
    /// xlsx or csv (default: from the --out file's extension).
    #[arg(long, value_name = "xlsx|csv")]
    pub(crate) format: Option<String>,
    /// The language of the column names and the words in cells, and the file.
    #[command(flatten)]
    pub(crate) to: BriefArgs,
}

fn invalid(name: &str, value: &str) -> SalaError {
    SalaError::new(ErrorCode::InvalidArgument)
        .with("name", name)
        .with("value", value)
}

/// The format asked for, else the one the file's extension names (`x.docx` is DOCX).
fn format_of(given: Option<&str>, out: &Path) -> Result<String, SalaError> {
    given
        .map(str::to_owned)
        .or_else(|| {
            out.extension()
                .and_then(|e| e.to_str())
                .map(str::to_lowercase)
        })
        .ok_or_else(|| invalid("--format", ""))
}

/// Writes `bytes` to `path` whole, or leaves it as it was.
pub(crate) fn save(path: &Path, bytes: &[u8]) -> Result<(), SalaError> {
    let dir = path
        .parent()
        .filter(|p| !p.as_os_str().is_empty())
        .unwrap_or(Path::new("."));
    let name = path
        .file_name()
        .and_then(|n| n.to_str())
        .ok_or_else(|| invalid("--out", &path.display().to_string()))?;
    sala_sync::folder::write_atomic(dir, name, bytes).map_err(|e| SalaError::io(path.display(), &e))
}

fn wrote(lang: UiLanguage, path: &Path, bytes: usize) -> Result<(), SalaError> {
    out(&message(
        lang,
        "cli.wrote",
        &[
            ("file", &path.display().to_string()),
            ("kb", &bytes.div_ceil(1024).to_string()),
        ],
    ))
}

/// Produces `kind` in `format` and the language and file `to` names, and writes it whole.
pub(crate) fn write(
    store: &Store,
    lang: UiLanguage,
    kind: ReportKind,
    format: Option<&str>,
    to: &BriefArgs,
    parts: ReportParts,
    form: Option<&str>,
) -> Result<(), SalaError> {
    let request = ReportRequest {
        kind,
        format: format_of(format, &to.out)?,
        lang: to.lang.clone(),
        parts,
        path: to.out.display().to_string(),
        form: form.map(str::to_owned),
        anonymised: Some(to.anonymised),
        pictures_checked: Some(to.pictures_checked),
    };
    // One consistent state of the workshop, whatever the app saves meanwhile.
    let read = store.report_reading(request.shows_pictures())?;
    let bytes = sala_report::produce_request(&read.dump, &read.tables, &read.pictures, &request)?;
    save(&to.out, &bytes)?;
    wrote(lang, &to.out, bytes.len())?;
    if to.open {
        sala_core::fsio::open_in_program(&to.out)?;
    }
    Ok(())
}

pub fn report(store: &Store, lang: UiLanguage, a: ReportArgs) -> Result<(), SalaError> {
    let parts = ReportParts {
        participant_list: a.participant_list,
        by_session: a.by_session,
        pictures: !a.no_pictures,
        ..ReportParts::default()
    };
    let to = BriefArgs {
        lang: a.lang,
        out: a.out,
        anonymised: a.anonymised,
        open: a.open,
        pictures_checked: a.pictures_checked,
    };
    write(
        store,
        lang,
        ReportKind::Summary,
        a.format.as_deref(),
        &to,
        parts,
        None,
    )
}

pub fn brief(store: &Store, lang: UiLanguage, a: BriefArgs) -> Result<(), SalaError> {
    write(
        store,
        lang,
        ReportKind::Brief,
        Some("docx"),
        &a,
        ReportParts::default(),
        None,
    )
}

pub fn actions(store: &Store, lang: UiLanguage, a: ActionsArgs) -> Result<(), SalaError> {
    write(
        store,
        lang,
        ReportKind::Actions,
        a.format.as_deref(),
        &a.to,
        ReportParts::default(),
        None,
    )
}
