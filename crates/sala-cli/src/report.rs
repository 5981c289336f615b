//! `sala report` and `sala actions`: the summary report and the action plan written to a file
//! (whole or not at all: a temporary file, flushed, then renamed).

use std::path::{Path, PathBuf};

use clap::Args;
use sala_core::api::UiLanguage;
use sala_core::{ErrorCode, SalaError};
use sala_i18n::message;
use sala_report::{Input, ReportLang, actions, docx, html, markdown, summary};
use sala_store::Store;

use crate::out;

#[derive(Debug, Args)]
pub struct ReportArgs {
    /// docx, html or md.
    #[arg(long, value_name = "docx|html|md")]
    format: String,
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
    lang: String,
    #[arg(long, value_name = "FILE")]
    out: PathBuf,
}

#[derive(Debug, Args)]
pub struct ActionsArgs {
    /// xlsx or csv.
    #[arg(long, value_name = "xlsx|csv")]
    format: String,
    /// The language of the column names and the words in cells, and the file.
    #[command(flatten)]
    to: BriefArgs,
}

fn invalid(name: &str, value: &str) -> SalaError {
    SalaError::new(ErrorCode::InvalidArgument)
        .with("name", name)
        .with("value", value)
}

fn report_lang(code: &str, both: bool) -> Result<ReportLang, SalaError> {
    ReportLang::parse(code)
        .filter(|l| both || *l != ReportLang::Both)
        .ok_or_else(|| invalid("--lang", code))
}

/// Writes `bytes` to `path` whole, or leaves it as it was.
fn save(path: &Path, bytes: &[u8]) -> Result<(), SalaError> {
    let dir = path
        .parent()
        .filter(|p| !p.as_os_str().is_empty())
        .unwrap_or(Path::new("."));
    let name = path
        .file_name()
        .and_then(|n| n.to_str())
        .ok_or_else(|| invalid("--out", &path.display().to_string()))?;
    sala_sync::folder::write_atomic(dir, name, bytes).map_err(|e| {
        SalaError::new(ErrorCode::Io)
            .with("path", path.display())
            .with("detail", e)
    })
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

pub fn report(store: &Store, lang: UiLanguage, a: ReportArgs) -> Result<(), SalaError> {
    let report_lang = report_lang(&a.lang, true)?;
    let dump = store.dump()?;
    let tables = store.table_labels()?;
    let doc = summary(Input {
        dump: &dump,
        tables: &tables,
        lang: report_lang,
    });
    let bytes = match a.format.as_str() {
        "docx" => docx::render(&doc)?,
        "html" => html::render(&doc).into_bytes(),
        "md" => markdown::render(&doc).into_bytes(),
        other => return Err(invalid("--format", other)),
    };
    save(&a.out, &bytes)?;
    wrote(lang, &a.out, bytes.len())
}

pub fn brief(store: &Store, lang: UiLanguage, a: BriefArgs) -> Result<(), SalaError> {
    let report_lang = report_lang(&a.lang, false)?;
    let dump = store.dump()?;
    let tables = store.table_labels()?;
    let doc = sala_report::brief::brief(Input {
        dump: &dump,
        tables: &tables,
        lang: report_lang,
    });
    let bytes = docx::render(&doc)?;
    save(&a.out, &bytes)?;
    wrote(lang, &a.out, bytes.len())
}

pub fn actions(store: &Store, lang: UiLanguage, a: ActionsArgs) -> Result<(), SalaError> {
    let report_lang = report_lang(&a.to.lang, false)?;
    let dump = store.dump()?;
    let bytes = match a.format.as_str() {
        "xlsx" => actions::xlsx(&dump, report_lang)?,
        "csv" => actions::csv(&dump, report_lang),
        other => return Err(invalid("--format", other)),
    };
    save(&a.to.out, &bytes)?;
    wrote(lang, &a.to.out, bytes.len())
}
