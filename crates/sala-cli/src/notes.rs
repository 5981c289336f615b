//! `sala note …`: the notes taken at the tables — added (one, or one per line from standard
//! input, each acknowledged once on disk), edited, moved to the trash and back, listed.

use clap::Subcommand;
use sala_core::api::{NewNote, UiLanguage};
use sala_core::model::Language;
use sala_core::{ErrorCode, SalaError};
use sala_i18n::message;
use sala_store::Store;

use crate::{err_out, out};

/// `sala note add`'s arguments.
#[derive(Debug, clap::Args)]
pub struct AddNote {
    /// Group name or id.
    #[arg(long)]
    pub group: String,
    /// Guiding question number (1-based).
    #[arg(long)]
    pub question: u32,
    /// The note's text.
    #[arg(long, required_unless_present = "stdin", conflicts_with = "stdin")]
    pub text: Option<String>,
    /// Read notes from standard input, one per line, acknowledging each once it is on disk.
    #[arg(long)]
    pub stdin: bool,
    /// lo, en or mixed (default: detected from the text).
    #[arg(long)]
    pub lang: Option<String>,
    /// Replace Thai letters and remove zero-width spaces in Lao text before saving.
    #[arg(long)]
    pub fix_lao: bool,
    /// The session of the agenda it was taken in (its id, as `sala agenda list` shows).
    #[arg(long)]
    pub session: Option<String>,
}

#[derive(Debug, Subcommand)]
pub enum NoteCommand {
    /// Add a note under a group and a guiding question.
    Add(AddNote),
    /// Change a note's text.
    Edit {
        id: String,
        #[arg(long)]
        text: String,
    },
    /// Move a note to the trash.
    Delete { id: String },
    /// Bring a note back from the trash.
    Restore { id: String },
    /// List the live notes, oldest first.
    List {
        #[arg(long)]
        group: Option<String>,
        #[arg(long)]
        question: Option<u32>,
        #[arg(long)]
        json: bool,
    },
}

fn issue_key(issue: sala_core::LaoIssue) -> &'static str {
    match issue {
        sala_core::LaoIssue::ThaiCharacter => "thai_character",
        sala_core::LaoIssue::ZeroWidth => "zero_width",
        sala_core::LaoIssue::MarkOrder => "mark_order",
    }
}

pub fn run(store: &mut Store, lang: UiLanguage, command: NoteCommand) -> Result<(), SalaError> {
    match command {
        NoteCommand::Add(args) => add(store, lang, args),
        NoteCommand::Delete { id } => {
            let n = store.delete_note(&id)?;
            out(&message(lang, "cli.note_deleted", &[("id", &n.id)]))
        }
        NoteCommand::Restore { id } => {
            let n = store.restore_note(&id)?;
            out(&message(lang, "cli.note_restored", &[("id", &n.id)]))
        }
        NoteCommand::List {
            group,
            question,
            json,
        } => list(store, lang, group, question, json),
        NoteCommand::Edit { id, text } => {
            let n = store.update_note_text(&id, &text)?;
            out(&message(lang, "cli.note_edited", &[("id", &n.id)]))
        }
    }
}

/// `sala note list [--group G] [--question N] [--json]`: the live notes, oldest first.
fn list(
    store: &Store,
    lang: UiLanguage,
    group: Option<String>,
    question: Option<u32>,
    json: bool,
) -> Result<(), SalaError> {
    let ov = store.overview()?;
    let group_filter = group.map(|g| store.find_group(&g)).transpose()?;
    let question_filter = question.map(|n| store.question_by_number(n)).transpose()?;
    let notes: Vec<_> = store
        .all_notes()?
        .into_iter()
        .filter(|n| group_filter.as_ref().is_none_or(|g| g.id == n.group_id))
        .filter(|n| {
            question_filter
                .as_ref()
                .is_none_or(|q| q.id == n.question_id)
        })
        .collect();
    if json {
        let text = serde_json::to_string_pretty(&notes)
            .map_err(|e| SalaError::new(ErrorCode::Storage).with("detail", e.to_string()))?;
        return out(&text);
    }
    if notes.is_empty() {
        return out(&message(lang, "cli.no_notes", &[]));
    }
    for n in notes {
        let g = ov
            .groups
            .iter()
            .find(|g| g.id == n.group_id)
            .map_or("?", |g| g.name.as_str());
        let q = ov
            .questions
            .iter()
            .find(|q| q.id == n.question_id)
            .map_or(0, |q| q.number);
        let label = message(lang, "group.label", &[("name", g)]);
        let short = message(lang, "question.short", &[("n", &q.to_string())]);
        out(&format!("{} [{label} · {short}] {}", n.id, n.text))?;
    }
    Ok(())
}

/// `sala note add`: one note, or one per line of standard input, each said once it is on disk.
fn add(store: &mut Store, lang: UiLanguage, args: AddNote) -> Result<(), SalaError> {
    let AddNote {
        group,
        question,
        text,
        stdin,
        lang: note_lang,
        fix_lao,
        session,
    } = args;
    let note_lang = match note_lang.as_deref() {
        None => None,
        Some(code) => Some(
            Language::parse(code)
                .ok_or_else(|| SalaError::new(ErrorCode::UnknownLanguage).with("value", code))?,
        ),
    };
    let g = store.find_group(&group)?;
    let q = store.question_by_number(question)?;
    let mut add = |text: String| -> Result<(), SalaError> {
        let issues = sala_core::text::lao_issues(&text);
        let text = if fix_lao {
            sala_core::text::fix_lao(&text)
        } else {
            text
        };
        if !issues.is_empty() && !fix_lao {
            let named: Vec<String> = issues
                .iter()
                .map(|i| message(lang, &format!("note.issue.{}", issue_key(*i)), &[]))
                .collect();
            err_out(&message(
                lang,
                "cli.lao_warning",
                &[("issues", &named.join(", "))],
            ));
        }
        let new = NewNote {
            group_id: g.id.clone(),
            question_id: q.id.clone(),
            text,
            lang: note_lang,
            agenda_item_id: session.clone(),
        };
        let note = store.add_note(&new)?;
        out(&message(
            lang,
            "cli.note_added",
            &[
                ("id", &note.id),
                ("group", &g.name),
                ("number", &question.to_string()),
            ],
        ))
    };
    if stdin {
        add_lines(lang, std::io::stdin().lock(), &mut add)
    } else {
        add(text.unwrap_or_default())
    }
}

/// How long one line of `note add --stdin` keeps trying while the database is busy (the app or
/// a sync holding it) before it is reported as not saved.
const BUSY_RETRY: std::time::Duration = std::time::Duration::from_secs(60);

/// Runs `f` again while the database is busy (the app or a sync holding it), for up to
/// [`BUSY_RETRY`]: a note typed in a terminal is saved once the other writer lets go.
fn while_busy<T>(mut f: impl FnMut() -> Result<T, SalaError>) -> Result<T, SalaError> {
    let started = std::time::Instant::now();
    loop {
        match f() {
            Err(e) if e.code == ErrorCode::DatabaseLocked && started.elapsed() < BUSY_RETRY => {
                std::thread::sleep(std::time::Duration::from_millis(200));
            }
            other => return other,
        }
    }
}

/// `note add --stdin`: one note per line, each acknowledged once it is on disk. A busy
/// database is waited for; a line that cannot be saved (too long, not UTF-8, …) is named on
/// standard error and the next lines go on; at the end, the lines not saved are listed and the
/// command fails, so that no line is lost without a word.
fn add_lines(
    lang: UiLanguage,
    input: impl std::io::BufRead,
    add: &mut dyn FnMut(String) -> Result<(), SalaError>,
) -> Result<(), SalaError> {
    let mut not_saved: Vec<usize> = Vec::new();
    for (i, raw) in input.split(b'\n').enumerate() {
        let n = i + 1;
        let raw = raw.map_err(|e| SalaError::io("stdin", &e))?;
        let result = match String::from_utf8(raw) {
            Err(_) => Err(SalaError::new(ErrorCode::InvalidArgument)
                .with("name", "stdin")
                .with("value", message(lang, "cli.not_utf8", &[]))),
            Ok(line) => {
                let line = line.strip_suffix('\r').unwrap_or(&line).to_owned();
                if line.trim().is_empty() {
                    continue;
                }
                while_busy(|| add(line.clone()))
            }
        };
        if let Err(e) = result {
            not_saved.push(n);
            err_out(&message(
                lang,
                "cli.line_not_saved",
                &[
                    ("n", &n.to_string()),
                    ("error", &sala_i18n::error_message(lang, &e)),
                ],
            ));
        }
    }
    if not_saved.is_empty() {
        return Ok(());
    }
    let lines: Vec<String> = not_saved.iter().map(ToString::to_string).collect();
    Err(SalaError::new(ErrorCode::NotAllSaved)
        .with("count", not_saved.len())
        .with("lines", lines.join(", ")))
}
