//! `sala workshop …`: making a workshop (from a template or a workshop file), duplicating it for
//! its next edition, archiving, switching, its facts — the coordinator's Workshop settings, from
//! a terminal. Its questions, focus areas and agenda are `programme.rs`.

use std::path::{Path, PathBuf};

use clap::Subcommand;
use sala_core::api::{DuplicateRequest, TemplateSource, UiLanguage};
use sala_core::model::Bilingual;
use sala_core::template::TemplateProblem;
use sala_core::{ErrorCode, SalaError};
use sala_i18n::message;
use sala_store::Store;

use crate::out;

/// The languages of a text given as two options.
#[derive(Debug, clap::Args)]
pub struct TextArgs {
    /// The text in English.
    #[arg(long = "text-en", default_value = "")]
    pub en: String,
    /// The text in Lao.
    #[arg(long = "text-lo", default_value = "")]
    pub lo: String,
}

impl TextArgs {
    pub(crate) fn text(&self) -> Bilingual {
        Bilingual::new(self.en.trim(), self.lo.trim())
    }
}

/// A workshop's title and dates.
#[derive(Debug, clap::Args)]
pub struct FactsArgs {
    #[arg(long = "title-en", default_value = "")]
    pub title_en: String,
    #[arg(long = "title-lo", default_value = "")]
    pub title_lo: String,
    /// YYYY-MM-DD.
    #[arg(long)]
    pub start: String,
    /// YYYY-MM-DD (default: as many days as the template has).
    #[arg(long)]
    pub end: Option<String>,
}

#[derive(Debug, Subcommand)]
pub enum WorkshopCommand {
    /// Make a new workshop from a template and make it the current one.
    New {
        /// builtin, blank, or a template file.
        #[arg(long, value_name = "builtin|blank|FILE", default_value = "builtin")]
        template: String,
        #[command(flatten)]
        facts: FactsArgs,
    },
    /// The workshops this laptop holds.
    List {
        /// Archived ones too.
        #[arg(long)]
        all: bool,
        #[arg(long)]
        json: bool,
    },
    /// Work on another workshop held here.
    Switch { id: String },
    /// Make the next edition of the current workshop: its structure, participants and forms.
    Duplicate {
        #[command(flatten)]
        facts: FactsArgs,
    },
    /// Hide a workshop from this laptop's list (never deleted).
    Archive { id: String },
    /// Bring an archived workshop back to the list.
    Restore { id: String },
    /// Write the current workshop as a workshop file and its template beside it.
    Export {
        #[arg(long, value_name = "FILE")]
        out: PathBuf,
    },
}

/// Every problem on standard error, in words, then one error saying how many.
fn refused(lang: UiLanguage, problems: &[TemplateProblem]) -> SalaError {
    for p in problems {
        crate::err_out(&sala_i18n::template_problem(lang, p));
    }
    sala_core::template::problems_error(problems.to_vec())
}

/// A store error whose problems are listed (a template or a new workshop) is printed
/// problem by problem first.
pub(crate) fn or_problems<T>(
    lang: UiLanguage,
    problems: impl FnOnce() -> Vec<TemplateProblem>,
    r: Result<T, SalaError>,
) -> Result<T, SalaError> {
    match r {
        Err(e) if e.code == ErrorCode::TemplateHasProblems => Err(refused(lang, &problems())),
        other => other,
    }
}

fn source_of(template: &str) -> Result<TemplateSource, SalaError> {
    Ok(match template {
        "builtin" => TemplateSource::Builtin,
        "blank" => TemplateSource::Blank,
        path => TemplateSource::File {
            text: String::from_utf8(crate::capture::read_user_file(Path::new(path), 1 << 20)?)
                .map_err(|_| {
                    SalaError::new(ErrorCode::BadTemplate).with("detail", "not UTF-8 text")
                })?,
        },
    })
}

pub fn workshop(
    store: &mut Store,
    lang: UiLanguage,
    command: WorkshopCommand,
) -> Result<(), SalaError> {
    match command {
        WorkshopCommand::New { template, facts } => new(store, lang, &template, &facts),
        WorkshopCommand::List { all, json } => list(store, lang, all, json),
        WorkshopCommand::Switch { id } => {
            let w = store.switch_workshop(&id)?;
            out(&message(
                lang,
                "cli.workshop_switched",
                &[("title", w.title.in_lang(lang))],
            ))
        }
        WorkshopCommand::Duplicate { facts } => duplicate(store, lang, &facts),
        WorkshopCommand::Archive { id } => {
            store.set_archived(&id, true)?;
            out(&message(lang, "cli.workshop_archived", &[("id", &id)]))
        }
        WorkshopCommand::Restore { id } => {
            store.set_archived(&id, false)?;
            out(&message(lang, "cli.workshop_restored", &[("id", &id)]))
        }
        WorkshopCommand::Export { out: file } => export(store, lang, &file),
    }
}

/// `sala workshop new`: a workshop from a template, refused with every problem of the draft.
fn new(
    store: &mut Store,
    lang: UiLanguage,
    template: &str,
    facts: &FactsArgs,
) -> Result<(), SalaError> {
    let got = store.draft_from(&source_of(template)?, facts.start.trim());
    let Some(mut draft) = got.draft else {
        return Err(refused(lang, &got.problems));
    };
    draft.title = Bilingual::new(facts.title_en.trim(), facts.title_lo.trim());
    if let Some(end) = &facts.end {
        draft.end_date = end.trim().to_owned();
    }
    let problems = draft.problems();
    if !problems.is_empty() {
        return Err(refused(lang, &problems));
    }
    let w = store.new_workshop(&draft)?;
    out(&message(
        lang,
        "cli.workshop_made",
        &[("title", w.title.in_lang(lang)), ("id", &w.id)],
    ))
}

/// `sala workshop list [--all] [--json]`: the current one starred, archived ones said.
fn list(store: &Store, lang: UiLanguage, all: bool, json: bool) -> Result<(), SalaError> {
    let list: Vec<_> = store
        .workshops()?
        .into_iter()
        .filter(|w| all || !w.archived)
        .collect();
    if json {
        let text = serde_json::to_string_pretty(&list)
            .map_err(|e| SalaError::new(ErrorCode::Storage).with("detail", e))?;
        return out(&text);
    }
    for w in list {
        let mut line = format!(
            "{} {}  {} – {}  {}",
            if w.current { "*" } else { " " },
            w.workshop_id,
            w.start_date,
            w.end_date,
            w.title.in_lang(lang)
        );
        if w.archived {
            line.push_str(&format!("  ({})", message(lang, "cli.archived", &[])));
        }
        out(&line)?;
    }
    Ok(())
}

/// `sala workshop duplicate`: the current workshop's next edition, as long as it was unless said.
fn duplicate(store: &mut Store, lang: UiLanguage, facts: &FactsArgs) -> Result<(), SalaError> {
    let current = store.current_workshop()?;
    let days = sala_core::template::days_between(&current.start_date, &current.end_date).max(1);
    let end = facts.end.clone().unwrap_or_else(|| {
        sala_core::template::days_since_epoch(facts.start.trim())
            .map(|d| sala_core::template::date_from_days(d + i64::from(days) - 1))
            .unwrap_or_default()
    });
    let req = DuplicateRequest {
        title: Bilingual::new(facts.title_en.trim(), facts.title_lo.trim()),
        start_date: facts.start.trim().to_owned(),
        end_date: end.trim().to_owned(),
    };
    let problems = || {
        sala_core::template::WorkshopDraft {
            title: req.title.clone(),
            start_date: req.start_date.clone(),
            end_date: req.end_date.clone(),
            ..Default::default()
        }
        .problems()
    };
    let w = or_problems(lang, problems, store.duplicate_workshop(&req))?;
    out(&message(
        lang,
        "cli.workshop_made",
        &[("title", w.title.in_lang(lang)), ("id", &w.id)],
    ))
}

/// `sala workshop export FILE`: the workshop file and its template beside it.
fn export(store: &Store, lang: UiLanguage, file: &Path) -> Result<(), SalaError> {
    let (template, spec) = store.workshop_files()?;
    let dir = file
        .parent()
        .filter(|p| !p.as_os_str().is_empty())
        .unwrap_or(Path::new("."));
    let name = file
        .file_name()
        .and_then(|n| n.to_str())
        .unwrap_or("workshop.toml");
    let stem = name.strip_suffix(".toml").unwrap_or(name);
    let template_name = format!("{stem}.template.toml");
    for (n, text) in [
        (name.to_owned(), spec.to_toml()),
        (template_name.clone(), template.to_toml()),
    ] {
        sala_sync::folder::write_atomic(dir, &n, text.as_bytes())
            .map_err(|e| sala_sync::folder::folder_error(dir, &e))?;
    }
    out(&message(
        lang,
        "cli.workshop_exported",
        &[
            ("file", &file.display().to_string()),
            ("template", &dir.join(template_name).display().to_string()),
        ],
    ))
}
