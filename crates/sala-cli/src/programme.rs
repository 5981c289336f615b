//! `sala question | focus | agenda`: a workshop's guiding questions, focus areas (pillars and
//! elements) and agenda, added, edited, moved and retired after it is made.

use clap::{Subcommand, ValueEnum};
use sala_core::api::UiLanguage;
use sala_core::model::{AgendaItem, AgendaKind, Bilingual, FocusAreaKind};
use sala_core::template::{AgendaPlan, FocusAreaPlan, TemplateProblem};
use sala_core::{ErrorCode, SalaError};
use sala_i18n::message;
use sala_store::Store;

use crate::out;
use crate::workshop::{TextArgs, or_problems};

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
    let said = |a: &AgendaItem| {
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
    // Refused: every problem said, as the store finds them.
    let with_problems = |store: &mut Store,
                         plan: &AgendaPlan,
                         f: &dyn Fn(&mut Store) -> Result<AgendaItem, SalaError>|
     -> Result<AgendaItem, SalaError> {
        let r = f(store);
        let problems = match &r {
            Err(_) => store.agenda_problems(plan)?,
            Ok(_) => Vec::new(),
        };
        or_problems(lang, move || problems, r)
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
