//! `sala`: the headless command line for the coordinator's jobs.
//!
//! Every message comes from the locale files (`--ui-lang lo|en`, else `SALA_LANG`/`LANG`).
//! Exit codes: 0 done, 1 a Sala error (printed translated on stderr), 2 bad arguments.

use std::io::Write;
use std::path::PathBuf;
use std::process::ExitCode;

use clap::{Parser, Subcommand};

mod args;
mod backup;
mod capture;
mod init;
mod notes;
mod picture;
mod programme;
mod report;
mod room;
mod survey;
mod sync;
mod workshop;
use sala_core::ErrorCode;
use sala_core::SalaError;
use sala_core::api::UiLanguage;
use sala_i18n::{error_message, message};
use sala_store::{MachineIdentity, Store, db::paths};

#[derive(Debug, Parser)]
// Help texts and headings are set from the locale files in `args::localized_command`.
#[command(
    name = "sala",
    version,
    disable_help_flag = true,
    disable_version_flag = true,
    disable_help_subcommand = true
)]
struct Cli {
    /// Data folder (default: the OS app-data folder; env SALA_DATA_DIR).
    #[arg(long, global = true, value_name = "DIR")]
    data: Option<PathBuf>,
    /// Language of messages: lo or en (default: SALA_LANG, then LANG).
    #[arg(long = "ui-lang", global = true, value_name = "lo|en")]
    ui_lang: Option<String>,
    #[command(subcommand)]
    command: Command,
}

#[derive(Debug, Subcommand)]
enum Command {
    /// Create a workshop: the demo, or one from a template and a workshop file.
    Init {
        /// The demo workshop (Lao PDR national data governance consultation, May 2023).
        #[arg(long, conflicts_with_all = ["template", "workshop"])]
        demo: bool,
        /// A template file (docs/templates.md); default: the built-in one.
        #[arg(long, value_name = "FILE", requires = "workshop")]
        template: Option<PathBuf>,
        /// A workshop file (docs/templates.md).
        #[arg(long, value_name = "FILE")]
        workshop: Option<PathBuf>,
    },
    /// Print the whole workshop state.
    Dump {
        /// As stable JSON (docs/cli.md).
        #[arg(long)]
        json: bool,
    },
    /// Check the database file (SQLite integrity check).
    Check,
    /// Notes taken at the tables.
    Note {
        #[command(subcommand)]
        command: notes::NoteCommand,
    },
    /// SWOT cards.
    Card {
        #[command(subcommand)]
        command: capture::CardCommand,
    },
    /// Search notes, cards, actions and participants (Lao or English).
    Search {
        query: String,
        /// Only in this group (name or id).
        #[arg(long)]
        group: Option<String>,
        #[arg(long)]
        json: bool,
    },
    /// The people invited.
    Participant {
        #[command(subcommand)]
        command: capture::ParticipantCommand,
    },
    /// The action plan.
    Action {
        #[command(subcommand)]
        command: capture::ActionCommand,
    },
    #[command(flatten)]
    Sync(sync::SyncCommand),
    /// The summary report, as DOCX, HTML or Markdown, in Lao, English or both.
    Report(report::ReportArgs),
    /// The action plan as XLSX or CSV.
    Actions(report::ActionsArgs),
    /// A policy-brief draft (DOCX) in Lao or English.
    Brief(report::BriefArgs),
    /// The room: participants answer surveys from their own phones over the local network.
    Room {
        #[command(subcommand)]
        command: room::RoomCommand,
    },
    /// Pictures kept with the groups' work: flipcharts, whiteboards, handouts.
    Picture {
        #[command(subcommand)]
        command: picture::PictureCommand,
    },
    /// The surveys: before, after and follow-up.
    Survey {
        #[command(subcommand)]
        command: survey::SurveyCommand,
    },
    /// The workshops on this laptop: make a new one, switch, duplicate, archive, export.
    Workshop {
        #[command(subcommand)]
        command: workshop::WorkshopCommand,
    },
    /// The current workshop's guiding questions.
    Question {
        #[command(subcommand)]
        command: programme::QuestionCommand,
    },
    /// The current workshop's focus areas (pillars and elements).
    Focus {
        #[command(subcommand)]
        command: programme::FocusCommand,
    },
    /// The current workshop's agenda.
    Agenda {
        #[command(subcommand)]
        command: programme::AgendaCommand,
    },
    /// Back up the database (SQLite's online backup, checked before it is kept): into the
    /// data folder's backups/, or to FILE.
    Backup {
        #[arg(long, value_name = "FILE")]
        out: Option<PathBuf>,
        /// List the backups kept in the data folder, newest first.
        #[arg(long, conflicts_with = "out")]
        list: bool,
    },
    /// Replace the database with a backup; the database replaced is backed up (or kept beside
    /// it when it cannot be read). Close the app first.
    Restore {
        /// A backup file; without it, the newest good backup in the data folder.
        file: Option<PathBuf>,
    },
}

fn main() -> ExitCode {
    let lang = args::language_from_argv(std::env::args());
    let cli = match args::parse(std::env::args_os(), lang) {
        Ok(cli) => cli,
        Err(code) => return code,
    };
    if let Some(code) = cli
        .ui_lang
        .as_deref()
        .filter(|c| UiLanguage::parse(c).is_none())
    {
        let err = SalaError::new(ErrorCode::InvalidArgument)
            .with("name", "--ui-lang")
            .with("value", code);
        err_out(&format!(
            "{}: {}",
            message(lang, "cli.error_prefix", &[]),
            error_message(lang, &err)
        ));
        return ExitCode::from(2);
    }
    match run(cli, lang) {
        Ok(()) => ExitCode::SUCCESS,
        Err(err) => {
            let prefix = message(lang, "cli.error_prefix", &[]);
            err_out(&format!("{prefix}: {}", error_message(lang, &err)));
            ExitCode::FAILURE
        }
    }
}

/// Prints a line on standard output. What Sala prints can hold text from elsewhere (a table
/// label, a file name from the shared folder, a note another laptop sent): characters that
/// would act on the terminal (escape sequences, bell, text-direction overrides) are left out.
pub(crate) fn out(text: &str) -> Result<(), SalaError> {
    let mut stdout = std::io::stdout().lock();
    // A closed pipe (`sala note list | head`) is not an error worth reporting.
    let _ = writeln!(stdout, "{}", sala_core::text::printable(text));
    Ok(())
}

/// Prints a line on standard error, as [`out`] does.
pub(crate) fn err_out(text: &str) {
    let mut stderr = std::io::stderr().lock();
    let _ = writeln!(stderr, "{}", sala_core::text::printable(text));
}

fn read_file(path: &PathBuf) -> Result<String, SalaError> {
    std::fs::read_to_string(path).map_err(|e| SalaError::io(path.display(), &e))
}

fn run(cli: Cli, lang: UiLanguage) -> Result<(), SalaError> {
    let data_dir = paths::data_dir(cli.data);
    // Backups work without opening the store: a restore replaces its file, and both must work
    // when the database is damaged.
    match cli.command {
        Command::Backup { out, list } => return backup::backup(&data_dir, lang, out, list),
        Command::Restore { file } => return backup::restore(&data_dir, lang, file),
        _ => {}
    }
    let mut store = Store::open_in(&data_dir, &MachineIdentity::detect())?;
    match cli.command {
        Command::Backup { .. } | Command::Restore { .. } => Ok(()),
        Command::Init {
            demo,
            template,
            workshop,
        } => init::init(&mut store, lang, &data_dir, demo, template, workshop),
        Command::Card { command } => capture::card(&mut store, lang, command),
        Command::Workshop { command } => workshop::workshop(&mut store, lang, command),
        Command::Question { command } => programme::question(&mut store, lang, command),
        Command::Focus { command } => programme::focus(&mut store, lang, command),
        Command::Agenda { command } => programme::agenda(&mut store, lang, command),
        Command::Sync(command) => sync::run(&mut store, lang, command),
        Command::Report(args) => report::report(&store, lang, args),
        Command::Actions(args) => report::actions(&store, lang, args),
        Command::Brief(args) => report::brief(&store, lang, args),
        Command::Survey { command } => survey::run(&mut store, lang, command),
        Command::Room { command } => room::run(store, lang, command),
        Command::Picture { command } => picture::run(&mut store, lang, command),
        Command::Note { command } => notes::run(&mut store, lang, command),
        Command::Search { query, group, json } => {
            capture::search(&store, lang, &query, group.as_deref(), json)
        }
        Command::Action { command } => capture::action(&mut store, lang, command),
        Command::Participant { command } => capture::participant(&mut store, lang, command),
        Command::Check => {
            let result = store.integrity_check()?;
            if result != "ok" {
                return Err(SalaError::new(ErrorCode::DatabaseCorrupt).with("detail", result));
            }
            out(&message(
                lang,
                "cli.check_ok",
                &[("path", &store.path().display().to_string())],
            ))
        }
        Command::Dump { json: _ } => {
            let dump = store.dump()?;
            let text = serde_json::to_string_pretty(&dump)
                .map_err(|e| SalaError::new(ErrorCode::Storage).with("detail", e.to_string()))?;
            out(&text)
        }
    }
}
