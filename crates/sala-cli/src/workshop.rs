//! `sala workshop | question | focus | agenda`: setting up any workshop and editing it after it
//! is made — the coordinator's Workshop settings, from a terminal.

use std::path::{Path, PathBuf};

use clap::{Subcommand, ValueEnum};
use sala_core::api::{DuplicateRequest, TemplateSource, UiLanguage};
use sala_core::model::{AgendaKind, Bilingual, FocusAreaKind};
use sala_core::template::{AgendaPlan, FocusAreaPlan, TemplateProblem};
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
    fn text(&self) -> Bilingual {
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

#[derive(Debug, Clone, Copy, ValueEnum)]
pub enum KindArg {
    Pillar,
    Element,
}

impl From<KindArg> for FocusAreaKind {
    fn from(k: KindArg) -> Self {
        match k {
            KindArg::Pillar => FocusAreaKind::Pillar,
            KindArg::Element => FocusAreaKind::Element,
        }
    }
}

#[derive(Debug, Clone, Copy, ValueEnum)]
pub enum SessionKind {
    Opening,
    Plenary,
    Breakout,
    ReportBack,
    NextSteps,
    Break,
    Closing,
}

impl From<SessionKind> for AgendaKind {
    fn from(k: SessionKind) -> Self {
        match k {
            SessionKind::Opening => AgendaKind::Opening,
            SessionKind::Plenary => AgendaKind::Plenary,
            SessionKind::Breakout => AgendaKind::Breakout,
            SessionKind::ReportBack => AgendaKind::ReportBack,
            SessionKind::NextSteps => AgendaKind::NextSteps,
            SessionKind::Break => AgendaKind::Break,
            SessionKind::Closing => AgendaKind::Closing,
        }
    }
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

#[derive(Debug, Subcommand)]
pub enum QuestionCommand {
    /// Add a guiding question after the last one.
    Add {
        #[command(flatten)]
        text: TextArgs,
    },
    /// Change a guiding question's words.
    Edit {
        number: u32,
        #[command(flatten)]
        text: TextArgs,
    },
    /// Move a guiding question to another number (the others follow).
    Move { number: u32, to: u32 },
    /// Retire a guiding question (its notes keep it), or with --back bring it back.
    Retire {
        /// The question's number, or its id to bring it back.
        question: String,
        #[arg(long)]
        back: bool,
    },
}

#[derive(Debug, Subcommand)]
pub enum FocusCommand {
    /// Add a focus area (its code made from its name unless given).
    Add {
        #[arg(long, value_enum, default_value = "element")]
        kind: KindArg,
        #[arg(long, default_value = "")]
        code: String,
        #[command(flatten)]
        name: TextArgs,
    },
    /// Rename a focus area (by code, name or id).
    Edit {
        area: String,
        #[arg(long, value_enum)]
        kind: Option<KindArg>,
        #[command(flatten)]
        name: TextArgs,
    },
    /// Retire a focus area (its notes and cards keep it), or with --back bring it back.
    Retire {
        area: String,
        #[arg(long)]
        back: bool,
    },
}

/// A session's day, kind, times, title and room.
#[derive(Debug, clap::Args)]
pub struct SessionArgs {
    #[arg(long)]
    pub day: u32,
    #[arg(long, value_enum)]
    pub kind: SessionKind,
    /// HH:MM.
    #[arg(long)]
    pub start: String,
    /// HH:MM.
    #[arg(long)]
    pub end: String,
    #[arg(long = "title-en", default_value = "")]
    pub title_en: String,
    #[arg(long = "title-lo", default_value = "")]
    pub title_lo: String,
    #[arg(long, default_value = "")]
    pub room: String,
}

impl SessionArgs {
    fn plan(&self) -> AgendaPlan {
        AgendaPlan {
            day: self.day,
            starts_at: self.start.trim().to_owned(),
            ends_at: self.end.trim().to_owned(),
            kind: self.kind.into(),
            title: Bilingual::new(self.title_en.trim(), self.title_lo.trim()),
            room: self.room.trim().to_owned(),
        }
    }
}

#[derive(Debug, Subcommand)]
pub enum AgendaCommand {
    /// Add a session to the agenda.
    Add {
        #[command(flatten)]
        session: SessionArgs,
    },
    /// Change a session (by id).
    Edit {
        id: String,
        #[command(flatten)]
        session: SessionArgs,
    },
    /// Remove a session (to the trash), or with --back bring it back.
    Remove {
        id: String,
        #[arg(long)]
        back: bool,
    },
    /// The agenda, with overlapping sessions named.
    List {
        #[arg(long)]
        json: bool,
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
fn or_problems<T>(
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
        WorkshopCommand::New { template, facts } => {
            let got = store.draft_from(&source_of(&template)?, facts.start.trim());
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
        WorkshopCommand::List { all, json } => {
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
        WorkshopCommand::Switch { id } => {
            let w = store.switch_workshop(&id)?;
            out(&message(
                lang,
                "cli.workshop_switched",
                &[("title", w.title.in_lang(lang))],
            ))
        }
        WorkshopCommand::Duplicate { facts } => {
            let current = store.current_workshop()?;
            let days =
                sala_core::template::days_between(&current.start_date, &current.end_date).max(1);
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
        WorkshopCommand::Archive { id } => {
            store.set_archived(&id, true)?;
            out(&message(lang, "cli.workshop_archived", &[("id", &id)]))
        }
        WorkshopCommand::Restore { id } => {
            store.set_archived(&id, false)?;
            out(&message(lang, "cli.workshop_restored", &[("id", &id)]))
        }
        WorkshopCommand::Export { out: file } => {
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
    }
}

pub fn question(
    store: &mut Store,
    lang: UiLanguage,
    command: QuestionCommand,
) -> Result<(), SalaError> {
    let said = |q: &sala_core::model::GuidingQuestion| {
        out(&message(
            lang,
            "cli.question_saved",
            &[
                ("number", &q.number.to_string()),
                ("text", q.text.in_lang(lang)),
            ],
        ))
    };
    match command {
        QuestionCommand::Add { text } => said(&store.add_question(&text.text())?),
        QuestionCommand::Edit { number, text } => {
            let q = store.question_by_number(number)?;
            said(&store.update_question(&q.id, &text.text())?)
        }
        QuestionCommand::Move { number, to } => {
            let q = store.question_by_number(number)?;
            store.move_question(&q.id, to.saturating_sub(1) as usize)?;
            said(&store.question_by_number(to.max(1))?)
        }
        QuestionCommand::Retire { question, back } => {
            let q = match question.parse::<u32>() {
                Ok(n) => store.question_by_number(n)?,
                Err(_) => store
                    .all_questions()?
                    .into_iter()
                    .find(|q| q.id == question)
                    .ok_or_else(|| {
                        SalaError::new(ErrorCode::NotFound)
                            .with("entity", "guiding_question")
                            .with("id", &question)
                    })?,
            };
            let q = store.retire_question(&q.id, !back)?;
            out(&message(
                lang,
                if back {
                    "cli.question_back"
                } else {
                    "cli.question_retired"
                },
                &[("text", q.text.in_lang(lang)), ("id", &q.id)],
            ))
        }
    }
}

fn area_of(store: &Store, key: &str) -> Result<sala_core::model::FocusArea, SalaError> {
    let all = store.all_focus_areas()?;
    let folded = key.trim().to_lowercase();
    all.into_iter()
        .find(|a| {
            a.id == key
                || a.code == key
                || a.name.en.trim().to_lowercase() == folded
                || a.name.lo.trim() == key.trim()
        })
        .ok_or_else(|| {
            SalaError::new(ErrorCode::UnknownFocusArea)
                .with("focus", key)
                .with(
                    "known",
                    store
                        .all_focus_areas()
                        .map(|a| {
                            a.iter()
                                .map(|x| x.code.as_str())
                                .collect::<Vec<_>>()
                                .join(", ")
                        })
                        .unwrap_or_default(),
                )
        })
}

pub fn focus(store: &mut Store, lang: UiLanguage, command: FocusCommand) -> Result<(), SalaError> {
    let said = |a: &sala_core::model::FocusArea, key: &str| {
        out(&message(
            lang,
            key,
            &[("code", &a.code), ("name", a.name.in_lang(lang))],
        ))
    };
    match command {
        FocusCommand::Add { kind, code, name } => {
            let plan = FocusAreaPlan {
                kind: kind.into(),
                code: code.trim().to_owned(),
                name: name.text(),
                description: Bilingual::default(),
            };
            let problems = || {
                vec![TemplateProblem::FocusAreaCode {
                    code: plan.code.clone(),
                }]
            };
            let a = or_problems(lang, problems, store.add_focus_area(&plan))?;
            said(&a, "cli.focus_saved")
        }
        FocusCommand::Edit { area, kind, name } => {
            let a = area_of(store, &area)?;
            let plan = FocusAreaPlan {
                kind: kind.map_or(a.kind, Into::into),
                code: a.code.clone(),
                name: name.text(),
                description: a.description.clone(),
            };
            said(&store.update_focus_area(&a.id, &plan)?, "cli.focus_saved")
        }
        FocusCommand::Retire { area, back } => {
            let a = area_of(store, &area)?;
            let a = store.retire_focus_area(&a.id, !back)?;
            said(
                &a,
                if back {
                    "cli.focus_back"
                } else {
                    "cli.focus_retired"
                },
            )
        }
    }
}

pub fn agenda(
    store: &mut Store,
    lang: UiLanguage,
    command: AgendaCommand,
) -> Result<(), SalaError> {
    let said = |a: &sala_core::model::AgendaItem| {
        out(&message(
            lang,
            "cli.session_saved",
            &[
                ("id", &a.id),
                ("day", &a.day.to_string()),
                ("start", &a.starts_at),
                ("end", &a.ends_at),
                ("title", a.title.in_lang(lang)),
            ],
        ))
    };
    let with_problems =
        |store: &mut Store,
         plan: &AgendaPlan,
         f: &dyn Fn(&mut Store) -> Result<sala_core::model::AgendaItem, SalaError>|
         -> Result<sala_core::model::AgendaItem, SalaError> {
            let r = f(store);
            let w = store.current_workshop()?;
            let days = sala_core::template::days_between(&w.start_date, &w.end_date).max(1);
            let plan = plan.clone();
            or_problems(
                lang,
                move || {
                    let mut out = Vec::new();
                    if plan.day == 0 || plan.day > days {
                        out.push(TemplateProblem::AgendaDay {
                            day: plan.day,
                            days,
                        });
                    }
                    if !sala_core::template::is_time(&plan.starts_at)
                        || !sala_core::template::is_time(&plan.ends_at)
                        || plan.ends_at < plan.starts_at
                    {
                        out.push(TemplateProblem::AgendaTimes {
                            starts_at: plan.starts_at.clone(),
                            ends_at: plan.ends_at.clone(),
                        });
                    }
                    if plan.title.en.is_empty() && plan.title.lo.is_empty() {
                        out.push(TemplateProblem::AgendaTitle {
                            day: plan.day,
                            starts_at: plan.starts_at.clone(),
                        });
                    }
                    out
                },
                r,
            )
        };
    match command {
        AgendaCommand::Add { session } => {
            let plan = session.plan();
            let a = with_problems(store, &plan, &|s| s.add_agenda_item(&plan))?;
            said(&a)
        }
        AgendaCommand::Edit { id, session } => {
            let plan = session.plan();
            let a = with_problems(store, &plan, &|s| s.update_agenda_plan(&id, &plan))?;
            said(&a)
        }
        AgendaCommand::Remove { id, back } => {
            let a = store.remove_agenda_item(&id, !back)?;
            said(&a)
        }
        AgendaCommand::List { json } => {
            let agenda = store.overview()?.agenda;
            if json {
                let text = serde_json::to_string_pretty(&agenda)
                    .map_err(|e| SalaError::new(ErrorCode::Storage).with("detail", e))?;
                return out(&text);
            }
            for a in &agenda {
                said(a)?;
            }
            for (x, y) in sala_store::workshop::programme::overlaps(&agenda) {
                out(&message(
                    lang,
                    "cli.sessions_overlap",
                    &[("first", &x), ("second", &y)],
                ))?;
            }
            Ok(())
        }
    }
}
