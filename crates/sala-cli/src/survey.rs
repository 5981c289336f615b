//! `sala survey list | results`: the workshop's survey forms and their results.

use clap::Subcommand;
use sala_core::SalaError;
use sala_core::api::UiLanguage;
use sala_core::model::Bilingual;
use sala_core::survey::{QuestionKind, SurveyKind};
use sala_i18n::message;
use sala_store::Store;

use crate::out;

#[derive(Debug, Subcommand)]
pub enum SurveyCommand {
    /// The workshop's survey forms (the built-in ones are made the first time).
    List,
    /// Counts, means and distributions of a form's answers, every version counted.
    Results {
        /// pre, post, follow_up, or a form id.
        form: String,
        #[arg(long)]
        json: bool,
    },
}

fn pick(lang: UiLanguage, b: &Bilingual) -> String {
    let (first, second) = match lang {
        UiLanguage::Lo => (&b.lo, &b.en),
        UiLanguage::En => (&b.en, &b.lo),
    };
    if first.trim().is_empty() {
        second.clone()
    } else {
        first.clone()
    }
}

fn kind(k: SurveyKind) -> &'static str {
    match k {
        SurveyKind::Pre => "pre",
        SurveyKind::Post => "post",
        SurveyKind::FollowUp => "follow_up",
    }
}

pub fn run(store: &mut Store, lang: UiLanguage, command: SurveyCommand) -> Result<(), SalaError> {
    match command {
        SurveyCommand::List => {
            for f in store.ensure_builtin_surveys()? {
                let n = store.survey_responses(&f.form_id)?.len();
                out(&message(
                    lang,
                    "cli.survey_line",
                    &[
                        ("kind", kind(f.kind)),
                        ("version", &f.version.to_string()),
                        ("title", &pick(lang, &f.title)),
                        ("questions", &f.questions().count().to_string()),
                        ("responses", &n.to_string()),
                    ],
                ))?;
            }
            Ok(())
        }
        SurveyCommand::Results { form, json } => {
            let r = store.survey_results(&form)?;
            if json {
                let value = serde_json::json!({
                    "form_id": r.form.form_id,
                    "kind": kind(r.form.kind),
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
                    ("title", &pick(lang, &r.form.title)),
                    ("responses", &r.responses.to_string()),
                    ("versions", &versions.join(", ")),
                ],
            ))?;
            for (q, res) in r.form.questions().zip(&r.questions) {
                let mut line = format!(
                    "\n{}\n  {}",
                    pick(lang, &q.text),
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
                    QuestionKind::Single { options } | QuestionKind::Multiple { options } => {
                        options
                            .iter()
                            .find(|o| o.key == key)
                            .map_or_else(|| key.to_owned(), |o| pick(lang, &o.label))
                    }
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
    }
}
