//! Sala's outputs for the coordinator: the summary report, the action plan and the policy-brief
//! draft, in Lao, English or both.
//!
//! Everything here is a pure function of a workshop's merged state (a [`sala_core::api::Dump`])
//! and the locale files: no database, no clock, no randomness, so the same workshop gives the
//! same bytes.
//!
//! - [`doc`]: the report as a format-neutral document (headings, paragraphs, tables, SWOT grids,
//!   charts).
//! - [`summary`](mod@summary): the summary report built from a workshop; [`brief`]: the policy-brief draft.
//! - [`chart`]: the charts drawn as SVG (coverage of pillars × elements, the action timeline);
//!   [`picture`] turns them into PNG pictures with the bundled fonts (for the DOCX).
//! - [`markdown`], [`html`], [`docx`]: the document written out in each format.
//! - [`actions`]: the action plan as CSV (UTF-8 with a BOM, so Excel keeps Lao) and XLSX.
//!
//! Every label and heading comes from `locales/*.yml` (`report.*` and the UI's own words).

pub mod actions;
pub mod anonymise;
pub mod brief;
pub mod chart;
pub mod doc;
pub mod docx;
pub mod html;
pub mod markdown;
pub mod participants;
pub mod picture;
pub mod summary;
pub mod survey_export;
pub mod survey_forms;

pub use summary::{Input, PictureFiles, summary};

use std::collections::BTreeMap;

use sala_core::api::{Dump, ReportKind, ReportParts, UiLanguage};
use sala_core::{ErrorCode, SalaError};

/// Where a report asked for at `path` (as typed) in `format` goes: its folder and file name.
/// The path must be absolute and its name end in the format's extension (`.docx`), so a report
/// never overwrites a file of another kind (a script, a configuration file).
pub fn report_target(path: &str, format: &str) -> Result<(std::path::PathBuf, String), SalaError> {
    let typed = std::path::Path::new(path.trim());
    let extension = format!(".{}", format.to_lowercase());
    let dir = typed.parent().filter(|p| p.is_absolute());
    let name = typed
        .file_name()
        .and_then(|n| n.to_str())
        .filter(|n| n.to_lowercase().ends_with(&extension) && n.len() > extension.len());
    match (dir, name) {
        (Some(dir), Some(name)) => Ok((dir.to_path_buf(), name.to_owned())),
        _ => Err(invalid("path", path)),
    }
}

fn invalid(name: &str, value: &str) -> SalaError {
    SalaError::new(ErrorCode::InvalidArgument)
        .with("name", name)
        .with("value", value)
}

/// What every output is made from: the merged workshop, the table labels by device id, and the
/// pictures that have arrived.
#[derive(Debug, Clone, Copy)]
pub struct Sources<'a> {
    pub dump: &'a Dump,
    pub tables: &'a BTreeMap<String, String>,
    pub pictures: &'a PictureFiles,
}

/// The bytes of one output: `kind` in `format` (`docx`, `html`, `md` for the summary; `docx`
/// for the brief; `xlsx`, `csv` for the action plan) and `lang` (`lo`, `en`; `both` for the
/// summary). What the CLI and the app both call.
pub fn produce(
    from: Sources<'_>,
    kind: ReportKind,
    format: &str,
    lang: &str,
    parts: ReportParts,
    form: Option<&str>,
) -> Result<Vec<u8>, SalaError> {
    let report_lang = ReportLang::parse(lang)
        .filter(|l| kind == ReportKind::Summary || *l != ReportLang::Both)
        .ok_or_else(|| invalid("--lang", lang))?;
    let Sources {
        dump,
        tables,
        pictures,
    } = from;
    let input = Input {
        dump,
        tables,
        lang: report_lang,
        parts,
        pictures,
    };
    match (kind, format) {
        (ReportKind::Summary, "docx") => docx::render(&summary(input)),
        (ReportKind::Summary, "html") => Ok(html::render(&summary(input)).into_bytes()),
        (ReportKind::Summary, "md") => Ok(markdown::render(&summary(input)).into_bytes()),
        (ReportKind::Brief, "docx") => docx::render(&brief::brief(input)),
        (ReportKind::Actions, "xlsx") => actions::xlsx(dump, report_lang),
        (ReportKind::Actions, "csv") => Ok(actions::csv(dump, report_lang)),
        (ReportKind::Participants, "xlsx") => participants::xlsx(dump, report_lang),
        (ReportKind::Participants, "csv") => Ok(participants::csv(dump, report_lang)),
        (ReportKind::Survey, "xlsx" | "csv") => {
            let form = form.ok_or_else(|| invalid("form", ""))?;
            if format == "xlsx" {
                survey_export::xlsx(dump, tables, form, report_lang)
            } else {
                survey_export::csv(dump, tables, form, report_lang)
            }
        }
        (_, other) => Err(invalid("--format", other)),
    }
}

/// What the app and the CLI ask for, produced: anonymised first when asked (no participant
/// list then, whatever the parts say, and no pictures unless the person asking checked that
/// none shows a face or a name).
pub fn produce_request(
    dump: &Dump,
    tables: &BTreeMap<String, String>,
    pictures: &PictureFiles,
    request: &sala_core::api::ReportRequest,
) -> Result<Vec<u8>, SalaError> {
    let mut parts = request.parts;
    parts.pictures = request.shows_pictures();
    let anonymised;
    let dump = if request.anonymised == Some(true) {
        if request.kind == ReportKind::Participants {
            return Err(participants::refuse_anonymised());
        }
        parts.participant_list = false;
        anonymised = anonymise::anonymise(dump);
        &anonymised
    } else {
        dump
    };
    produce(
        Sources {
            dump,
            tables,
            pictures,
        },
        request.kind,
        &request.format,
        &request.lang,
        parts,
        request.form.as_deref(),
    )
}

/// The language of a report: one of the two, or both side by side.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ReportLang {
    Lo,
    En,
    /// Lao first, English beside it; a note's original beside its translation.
    Both,
}

impl ReportLang {
    pub fn parse(s: &str) -> Option<ReportLang> {
        match s {
            "lo" => Some(ReportLang::Lo),
            "en" => Some(ReportLang::En),
            "both" => Some(ReportLang::Both),
            _ => None,
        }
    }

    /// A label from the locale files in this language (both: Lao / English).
    pub fn t(self, key: &str, params: &[(&str, &str)]) -> String {
        let lo = || sala_i18n::message(UiLanguage::Lo, key, params);
        let en = || sala_i18n::message(UiLanguage::En, key, params);
        match self {
            ReportLang::Lo => lo(),
            ReportLang::En => en(),
            ReportLang::Both => {
                let (lo, en) = (lo(), en());
                if lo == en { lo } else { format!("{lo} / {en}") }
            }
        }
    }

    /// `f` in this language; in a bilingual report, in Lao then English (once when they agree).
    /// For labels whose parameters are themselves in a language (a focus area's name).
    pub fn each(self, f: impl Fn(ReportLang) -> String) -> String {
        match self {
            ReportLang::Both => {
                let (lo, en) = (f(ReportLang::Lo), f(ReportLang::En));
                if lo == en { lo } else { format!("{lo} / {en}") }
            }
            one => f(one),
        }
    }

    /// A text the workshop holds in both languages (a title, a focus area's name).
    pub fn pick(self, b: &sala_core::model::Bilingual) -> String {
        match self {
            ReportLang::Lo | ReportLang::En => b.in_lang(self.ui()).to_owned(),
            ReportLang::Both if b.lo.trim().is_empty() || b.lo == b.en => b.en.clone(),
            ReportLang::Both if b.en.trim().is_empty() => b.lo.clone(),
            ReportLang::Both => format!("{} / {}", b.lo, b.en),
        }
    }

    /// The language dates and numbers are written for (Lao for both).
    pub fn ui(self) -> UiLanguage {
        match self {
            ReportLang::En => UiLanguage::En,
            ReportLang::Lo | ReportLang::Both => UiLanguage::Lo,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Where `path` in `format` goes, as "folder | name", or "refused".
    fn check(path: &str, format: &str, expected: &str) {
        let got = match report_target(path, format) {
            Ok((dir, name)) => format!("{} | {name}", dir.display()),
            Err(e) => {
                assert_eq!(e.code, ErrorCode::InvalidArgument);
                "refused".to_owned()
            }
        };
        assert_eq!(got, expected, "{path:?} as {format}");
    }

    #[test]
    fn a_report_goes_only_to_an_absolute_path_named_for_its_format() {
        check(
            "/home/noy/Sala/ລາຍງານ.docx",
            "docx",
            "/home/noy/Sala | ລາຍງານ.docx",
        );
        check(
            "  /home/noy/Report.DOCX ",
            "docx",
            "/home/noy | Report.DOCX",
        );
        check("/tmp/plan.csv", "CSV", "/tmp | plan.csv");
        check("/tmp/plan.xlsx", "csv", "refused"); // another kind of file
        check("/home/noy/.bashrc", "docx", "refused");
        check("/home/noy/.docx", "docx", "refused"); // a name that is only the extension
        check("/tmp/docx", "docx", "refused"); // no extension at all
        check("report.docx", "docx", "refused"); // relative: where would it go?
        check("", "docx", "refused");
        check("/", "docx", "refused");
    }
}
