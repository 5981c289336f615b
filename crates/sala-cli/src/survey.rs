//! `sala survey list | import | export | results | html`: the workshop's survey forms, answers
//! collected elsewhere (a sheet, or the offline form's answer files), the results, and the
//! offline form itself.

use clap::Subcommand;
use sala_core::SalaError;
use sala_core::api::UiLanguage;
use sala_core::survey::{AnswerProblem, QuestionKind};
use sala_i18n::message;
use sala_store::Store;

use crate::out;

#[derive(Debug, Subcommand)]
pub enum SurveyCommand {
    /// The workshop's survey forms (the built-in ones are made the first time).
    List,
    /// Answers collected elsewhere: a CSV or XLSX (a header row naming the questions by key or
    /// text, one row per response; every row's problems are shown before anything is written),
    /// or any number of answer files saved by the offline form (`sala survey html`).
    Import {
        /// pre, post, follow_up, or a form id.
        form: String,
        #[arg(required = true, num_args = 1..)]
        files: Vec<std::path::PathBuf>,
        /// Only show what would be imported.
        #[arg(long)]
        dry_run: bool,
        /// Import the rows without problems, leave the others.
        #[arg(long)]
        skip_bad: bool,
    },
    /// Every response of a form as a spreadsheet (one row each, one column per question) —
    /// XLSX with a second sheet of results, or CSV.
    Export {
        /// pre, post, follow_up, or a form id.
        form: String,
        #[command(flatten)]
        to: crate::report::ActionsArgs,
    },
    /// Counts, means and distributions of a form's answers, every version counted.
    Results {
        /// pre, post, follow_up, or a form id.
        form: String,
        #[arg(long)]
        json: bool,
    },
    /// The form for where Sala is not: printed on paper (DOCX, numbered as the paper entry
    /// asks), or as an XLSForm for KoboToolbox or ODK (whose data export `survey import` reads).
    Form {
        /// pre, post, follow_up, or a form id.
        form: String,
        /// docx or xlsform.
        #[arg(long)]
        format: String,
        /// lo or en (the printed form; an XLSForm has both).
        #[arg(long, default_value = "lo")]
        lang: String,
        /// The file to write.
        #[arg(long)]
        out: std::path::PathBuf,
    },
    /// The form as one HTML file that works without a network, to circulate before the
    /// workshop: participants answer and save an answer file to send back.
    Html {
        /// pre, post, follow_up, or a form id.
        form: String,
        /// The file to write.
        #[arg(long)]
        out: std::path::PathBuf,
    },
}

/// One problem of an imported row, as a sentence.
fn problem(lang: UiLanguage, p: &AnswerProblem) -> String {
    let (key, params): (&str, Vec<(&str, String)>) = match p {
        AnswerProblem::Required { key } => ("required", vec![("question", key.clone())]),
        AnswerProblem::OutOfRange {
            key,
            value,
            min,
            max,
        } => (
            "out_of_range",
            vec![
                ("question", key.clone()),
                ("value", value.to_string()),
                ("min", min.to_string()),
                ("max", max.to_string()),
            ],
        ),
        AnswerProblem::UnknownOption { key, option } => (
            "unknown_option",
            vec![("question", key.clone()), ("value", option.clone())],
        ),
        AnswerProblem::WrongKind { key } => ("wrong_kind", vec![("question", key.clone())]),
        AnswerProblem::TooLong { key, max } => (
            "too_long",
            vec![("question", key.clone()), ("max", max.to_string())],
        ),
        AnswerProblem::UnknownQuestion { key } => {
            ("unknown_question", vec![("question", key.clone())])
        }
    };
    let params: Vec<(&str, &str)> = params.iter().map(|(k, v)| (*k, v.as_str())).collect();
    message(lang, &format!("survey_problem.{key}"), &params)
}

pub fn run(store: &mut Store, lang: UiLanguage, command: SurveyCommand) -> Result<(), SalaError> {
    // A workshop without forms gets the built-in ones the first time they are asked for.
    let forms = store.ensure_builtin_surveys()?;
    match command {
        SurveyCommand::List => {
            for f in forms {
                let n = store.survey_responses(&f.form_id)?.len();
                out(&message(
                    lang,
                    "cli.survey_line",
                    &[
                        ("kind", f.kind.as_str()),
                        ("version", &f.version.to_string()),
                        ("title", f.title.in_lang(lang)),
                        ("questions", &f.questions().count().to_string()),
                        ("responses", &n.to_string()),
                    ],
                ))?;
            }
            Ok(())
        }
        SurveyCommand::Import {
            form,
            files,
            dry_run,
            skip_bad,
        } => {
            let read = files
                .iter()
                .map(|f| crate::capture::read_input(f))
                .collect::<Result<Vec<_>, _>>()?;
            if read.iter().any(|(_, bytes)| is_answer_file(bytes)) {
                return import_answer_files(store, lang, &form, &read);
            }
            match read.as_slice() {
                [(name, bytes)] => import(store, lang, &form, name, bytes, dry_run, skip_bad),
                _ => Err(SalaError::new(sala_core::ErrorCode::InvalidArgument)
                    .with("name", "FILE")
                    .with("value", message(lang, "cli.survey_one_sheet", &[]))),
            }
        }
        SurveyCommand::Form {
            form,
            format,
            lang: form_lang,
            out: path,
        } => {
            let form = store.survey_form(&form)?;
            let invalid = |name: &str, value: &str| {
                SalaError::new(sala_core::ErrorCode::InvalidArgument)
                    .with("name", name)
                    .with("value", value)
            };
            let bytes = match format.as_str() {
                "docx" => {
                    let report_lang = sala_report::ReportLang::parse(&form_lang)
                        .filter(|l| *l != sala_report::ReportLang::Both)
                        .ok_or_else(|| invalid("--lang", &form_lang))?;
                    let workshop = store.current_workshop()?;
                    sala_report::docx::render(&sala_report::survey_forms::printable(
                        &form,
                        &workshop,
                        report_lang,
                    ))?
                }
                "xlsform" => sala_report::survey_forms::xlsform(&form)?,
                other => return Err(invalid("--format", other)),
            };
            crate::report::save(&path, &bytes)?;
            out(&message(
                lang,
                "cli.wrote",
                &[
                    ("file", &path.display().to_string()),
                    ("kb", &bytes.len().div_ceil(1024).to_string()),
                ],
            ))
        }
        SurveyCommand::Html { form, out: path } => {
            let form = store.survey_form(&form)?;
            let workshop = store.current_workshop()?;
            let html = sala_room::offline::form_html(&form, &workshop);
            crate::report::save(&path, html.as_bytes())?;
            out(&message(
                lang,
                "cli.survey_html",
                &[("file", &path.display().to_string())],
            ))
        }
        SurveyCommand::Export { form, to } => crate::report::write(
            store,
            lang,
            sala_core::api::ReportKind::Survey,
            to.format.as_deref(),
            &to.to,
            sala_core::api::ReportParts::default(),
            Some(&form),
        ),
        SurveyCommand::Results { form, json } => results(store, lang, &form, json),
    }
}

/// Whether a file is (meant to be) an answer file of the offline form rather than a sheet.
fn is_answer_file(bytes: &[u8]) -> bool {
    let start = &bytes[..bytes.len().min(64)];
    String::from_utf8_lossy(start)
        .trim_start_matches('\u{feff}')
        .trim_start()
        .starts_with('{')
}

/// `sala survey import FORM ANSWER-FILE…`: each file imported or refused with why.
fn import_answer_files(
    store: &mut Store,
    lang: UiLanguage,
    form: &str,
    files: &[(String, Vec<u8>)],
) -> Result<(), SalaError> {
    let report = store.import_response_files(Some(form), files)?;
    for refused in &report.refused {
        crate::err_out(&sala_i18n::error_message(lang, &refused.error));
    }
    out(&message(
        lang,
        "cli.survey_answer_files",
        &[
            ("imported", &report.imported.to_string()),
            ("duplicates", &report.duplicates.to_string()),
            ("refused", &report.refused.len().to_string()),
        ],
    ))?;
    if report.refused.is_empty() {
        Ok(())
    } else {
        Err(SalaError::new(sala_core::ErrorCode::NotAllSaved)
            .with("count", report.refused.len())
            .with(
                "lines",
                report
                    .refused
                    .iter()
                    .map(|r| r.file.as_str())
                    .collect::<Vec<_>>()
                    .join(", "),
            ))
    }
}

/// `sala survey import FORM FILE [--dry-run] [--skip-bad]`: the preview, then the import.
fn import(
    store: &mut Store,
    lang: UiLanguage,
    form: &str,
    name: &str,
    bytes: &[u8],
    dry_run: bool,
    skip_bad: bool,
) -> Result<(), SalaError> {
    let (name, bytes) = (name.to_owned(), bytes.to_vec());
    let preview = store.preview_survey_answers(form, &name, &bytes)?;
    if !preview.ignored_columns.is_empty() {
        crate::err_out(&message(
            lang,
            "cli.survey_ignored",
            &[("columns", &preview.ignored_columns.join(", "))],
        ));
    }
    crate::capture::show_preview(
        lang,
        preview.rows.len(),
        preview.rows.iter().map(|r| {
            (
                r.line,
                r.problems.iter().map(|p| problem(lang, p)).collect(),
            )
        }),
    )?;
    if dry_run {
        return Ok(());
    }
    let n = store.import_survey_answers(form, &name, &bytes, skip_bad)?;
    out(&message(
        lang,
        "cli.survey_imported",
        &[("n", &n.to_string())],
    ))
}

/// `sala survey results FORM [--json]`: the counts, means and texts, question by question.
fn results(store: &Store, lang: UiLanguage, form: &str, json: bool) -> Result<(), SalaError> {
    let r = store.survey_results(form)?;
    if json {
        let value = serde_json::json!({
            "form_id": r.form.form_id,
            "kind": r.form.kind.as_str(),
            "version": r.form.version,
            "responses": r.responses,
            "by_version": r.by_version,
            "questions": r.questions,
        });
        let text = serde_json::to_string_pretty(&value).map_err(|e| {
            SalaError::new(sala_core::ErrorCode::Storage).with("detail", e.to_string())
        })?;
        return out(&text);
    }
    let versions: Vec<String> = r
        .by_version
        .iter()
        .map(|(v, n)| format!("v{v}: {n}"))
        .collect();
    out(&message(
        lang,
        "cli.survey_results",
        &[
            ("title", r.form.title.in_lang(lang)),
            ("responses", &r.responses.to_string()),
            ("versions", &versions.join(", ")),
        ],
    ))?;
    for (q, res) in r.form.questions().zip(&r.questions) {
        let mut line = format!(
            "\n{}\n  {}",
            q.text.in_lang(lang),
            message(
                lang,
                "cli.survey_answered",
                &[("n", &res.answered.to_string())]
            )
        );
        if let Some(mean) = res.mean {
            line.push_str(&format!(
                " · {}",
                message(lang, "cli.survey_mean", &[("mean", &format!("{mean:.2}"))])
            ));
        }
        let label = |key: &str| match &q.kind {
            QuestionKind::Single { options } | QuestionKind::Multiple { options } => options
                .iter()
                .find(|o| o.key == key)
                .map_or_else(|| key.to_owned(), |o| o.label.in_lang(lang).to_owned()),
            _ => key.to_owned(),
        };
        for (value, n) in &res.distribution {
            line.push_str(&format!("\n  {}: {n}", label(value)));
        }
        for t in &res.texts {
            line.push_str(&format!("\n  « {t} »"));
        }
        out(&line)?;
    }
    Ok(())
}
