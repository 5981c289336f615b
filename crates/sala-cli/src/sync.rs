//! `sala sync | status | conflicts | export | import | join`: sync through a shared folder, and
//! the same files carried by hand.

use std::io::Write;
use std::path::PathBuf;

use clap::Subcommand;
use sala_core::api::{JoinProgressView, JoinStep, SyncReport, UiLanguage};
use sala_core::{ErrorCode, SalaError};
use sala_i18n::{error_message, message};
use sala_store::Store;
use sala_store::sync::SYNC_FOLDER;
use sala_sync::key::KeySource;
use sala_sync::{pass, sync_pass, transfer};

use crate::out;

/// The sync commands, flattened into the top level.
#[derive(Debug, Subcommand)]
pub enum SyncCommand {
    /// One sync pass with the shared folder.
    Sync {
        /// The shared folder (kept for next time; default: the one set before).
        #[arg(long, value_name = "DIR")]
        folder: Option<PathBuf>,
        /// This laptop's table label, shown to the others (kept).
        #[arg(long)]
        label: Option<String>,
    },
    /// Where sync stands: last sync, devices seen, changes waiting, conflicts, problems.
    Status {
        #[arg(long)]
        json: bool,
    },
    /// The fields edited on two laptops at once, with every value.
    Conflicts {
        #[arg(long)]
        json: bool,
    },
    /// Write everything this laptop knows of the workshop into one file.
    Export { file: PathBuf },
    /// Apply sync files (exported, or copied from a shared folder).
    Import {
        #[arg(required = true)]
        files: Vec<PathBuf>,
    },
    /// Join a workshop another laptop started: from a shared folder or an exported file.
    Join {
        /// An exported file.
        #[arg(conflicts_with = "folder", required_unless_present = "folder")]
        file: Option<PathBuf>,
        /// A shared folder.
        #[arg(long, value_name = "DIR")]
        folder: Option<PathBuf>,
        /// Which workshop in the folder (its id), when it holds several.
        #[arg(long, requires = "folder")]
        workshop: Option<String>,
        #[command(flatten)]
        key: KeyArgs,
    },
    /// The workshop's key: with one, every file written to the shared folder or exported is
    /// encrypted (age), and only files encrypted with it are read.
    Key {
        #[command(subcommand)]
        command: KeyCommand,
    },
}

#[derive(Debug, Subcommand)]
pub enum KeyCommand {
    /// Set the current workshop's key on this laptop (all its work goes out again, encrypted).
    Set {
        #[command(flatten)]
        key: KeyArgs,
    },
    /// Write a new random key file (give it to every laptop, then `sala key set --key-file`).
    New {
        #[arg(long, value_name = "FILE")]
        out: PathBuf,
    },
    /// Whether this laptop has the current workshop's key, and which (its public half).
    Show,
    /// Remove from the shared folder the files this laptop wrote before the workshop had a
    /// key (readable by anyone with the folder), once their contents went out again encrypted.
    Withdraw,
}

/// The workshop's key: a passphrase (in a file, never on the command line) or an age key file.
#[derive(Debug, clap::Args)]
pub struct KeyArgs {
    /// A file holding the workshop's passphrase (its first line).
    #[arg(long, value_name = "FILE", conflicts_with = "key_file")]
    pub passphrase_file: Option<PathBuf>,
    /// An age key file (`AGE-SECRET-KEY-1…`, as `age-keygen` or `sala key new` writes).
    #[arg(long, value_name = "FILE")]
    pub key_file: Option<PathBuf>,
}

impl KeyArgs {
    pub fn source(&self) -> Result<Option<KeySource>, SalaError> {
        // A passphrase or key file is a line or two: 64 KB is far more than one holds.
        let read = |p: &PathBuf| {
            let bytes = crate::capture::read_user_file(p, 64 * 1024)?;
            String::from_utf8(bytes).map_err(|_| SalaError::new(ErrorCode::NotAKeyFile))
        };
        Ok(match (&self.passphrase_file, &self.key_file) {
            (Some(p), _) => Some(KeySource::Passphrase(
                read(p)?.lines().next().unwrap_or("").to_owned(),
            )),
            (None, Some(k)) => Some(KeySource::IdentityFile(read(k)?)),
            (None, None) => None,
        })
    }
}

use sala_core::hlc::wall_clock_ms as now_ms;

fn json<T: serde::Serialize>(v: &T) -> Result<(), SalaError> {
    let text = serde_json::to_string_pretty(v)
        .map_err(|e| SalaError::new(ErrorCode::Storage).with("detail", e.to_string()))?;
    out(&text)
}

fn devices(lang: UiLanguage, r: &SyncReport) -> String {
    if r.devices.is_empty() {
        return message(lang, "cli.none", &[]);
    }
    r.devices
        .iter()
        .map(|d| {
            if d.label.is_empty() {
                d.device_id
                    .chars()
                    .rev()
                    .take(8)
                    .collect::<Vec<_>>()
                    .into_iter()
                    .rev()
                    .collect()
            } else {
                d.label.clone()
            }
        })
        .collect::<Vec<String>>()
        .join(", ")
}

/// Prints the status lines and every problem.
fn print_report(lang: UiLanguage, r: &SyncReport) -> Result<(), SalaError> {
    let last = r.last_sync_ms.map_or_else(
        || message(lang, "cli.never", &[]),
        |ms| {
            let minutes = (now_ms() as i64 - ms).max(0) / 60_000;
            message(lang, "cli.minutes_ago", &[("n", &minutes.to_string())])
        },
    );
    out(&message(
        lang,
        "cli.sync_status",
        &[
            ("folder", &r.folder),
            ("last", &last),
            ("waiting", &r.waiting.to_string()),
            ("conflicts", &r.conflicts.to_string()),
            ("devices", &devices(lang, r)),
        ],
    ))?;
    for d in r.devices.iter().filter(|d| d.clock_ahead_ms > 0) {
        let minutes = (d.clock_ahead_ms / 60_000).to_string();
        let name = if d.label.is_empty() {
            &d.device_id
        } else {
            &d.label
        };
        out(&message(
            lang,
            "cli.clock_ahead",
            &[("device", name), ("minutes", &minutes)],
        ))?;
    }
    if r.plain_files > 0 {
        out(&message(
            lang,
            "cli.plain_files",
            &[("n", &r.plain_files.to_string())],
        ))?;
    }
    if let Some(e) = &r.folder_error {
        out(&message(
            lang,
            "cli.sync_problem",
            &[("problem", &error_message(lang, e))],
        ))?;
    }
    for p in &r.problems {
        out(&message(
            lang,
            "cli.sync_problem",
            &[("problem", &error_message(lang, &p.error))],
        ))?;
    }
    Ok(())
}

/// "1 file", "3 files": a count with its noun, in `lang`.
fn counted(lang: UiLanguage, key: &str, n: impl ToString) -> String {
    message(lang, key, &[("n", &n.to_string())])
}

pub fn run(store: &mut Store, lang: UiLanguage, command: SyncCommand) -> Result<(), SalaError> {
    match command {
        SyncCommand::Sync { folder, label } => sync(store, lang, folder, label),
        SyncCommand::Status { json: as_json } => {
            let r = pass::status(store)?;
            if as_json {
                json(&r)
            } else {
                print_report(lang, &r)
            }
        }
        SyncCommand::Conflicts { json: as_json } => conflicts(store, lang, as_json),
        SyncCommand::Export { file } => {
            let t = transfer::export(store, &file)?;
            out(&message(
                lang,
                "cli.exported",
                &[
                    ("ops", &t.ops.to_string()),
                    ("file", &file.display().to_string()),
                ],
            ))
        }
        SyncCommand::Import { files } => import(store, lang, &files),
        SyncCommand::Key { command } => key(store, lang, command),
        SyncCommand::Join {
            file,
            folder,
            workshop,
            key,
        } => join(store, lang, file, folder, workshop, &key),
    }
}

/// `sala sync [FOLDER] [--label L]`: one pass, and what it did.
fn sync(
    store: &mut Store,
    lang: UiLanguage,
    folder: Option<PathBuf>,
    label: Option<String>,
) -> Result<(), SalaError> {
    if let Some(label) = label {
        store.set_table_label(&label)?;
    }
    let folder = match folder {
        Some(f) => {
            let f = sala_sync::folder::chosen_folder(&f.display().to_string(), false)?;
            store.set_setting(SYNC_FOLDER, &f.display().to_string())?;
            f
        }
        None => store
            .setting(SYNC_FOLDER)?
            .map(PathBuf::from)
            .ok_or_else(|| SalaError::new(ErrorCode::NoSyncFolder))?,
    };
    let r = sync_pass(store, &folder, now_ms())?;
    if let Some(id) = &r.new_device_id {
        out(&message(lang, "cli.new_device_id", &[("id", id)]))?;
    }
    out(&message(
        lang,
        "cli.synced",
        &[
            ("sent", &counted(lang, "count.changes", r.ops_sent)),
            ("files_out", &counted(lang, "count.files", r.files_written)),
            (
                "received",
                &counted(lang, "count.new_changes", r.ops_received),
            ),
            ("files_in", &counted(lang, "count.files", r.files_read)),
        ],
    ))?;
    print_report(lang, &r)
}

/// `sala conflicts [--json]`: every unresolved field with its values.
fn conflicts(store: &Store, lang: UiLanguage, as_json: bool) -> Result<(), SalaError> {
    let conflicts = store.conflicts()?;
    if as_json {
        let list: Vec<serde_json::Value> = conflicts
            .iter()
            .map(|c| {
                serde_json::json!({
                    "entity": c.entity,
                    "id": c.entity_id,
                    "field": c.field,
                    "merged": c.merged,
                    "values": c.values.iter().map(|v| serde_json::json!({
                        "op_id": v.op_id, "device": v.device, "hlc": v.hlc, "value": v.value,
                    })).collect::<Vec<_>>(),
                })
            })
            .collect();
        return json(&list);
    }
    if conflicts.is_empty() {
        return out(&message(lang, "cli.no_conflicts", &[]));
    }
    for c in conflicts {
        out(&message(
            lang,
            "cli.conflict",
            &[
                ("entity", c.entity.as_str()),
                ("id", &c.entity_id),
                ("field", &c.field),
            ],
        ))?;
        for (i, v) in c.values.iter().enumerate() {
            let value = v
                .value
                .as_str()
                .map_or_else(|| v.value.to_string(), str::to_owned);
            out(&format!("  [{}] {value} ({})", i + 1, v.device))?;
        }
    }
    Ok(())
}

/// `sala import FILE...`: files carried by hand.
fn import(store: &mut Store, lang: UiLanguage, files: &[PathBuf]) -> Result<(), SalaError> {
    let paths: Vec<&std::path::Path> = files.iter().map(PathBuf::as_path).collect();
    let t = transfer::import(store, &paths, now_ms())?;
    out(&message(
        lang,
        "cli.imported",
        &[
            ("files", &counted(lang, "count.files", t.files)),
            ("new", &counted(lang, "count.new_changes", t.new_ops)),
            ("ops", &t.ops.to_string()),
        ],
    ))
}

/// `sala join FILE | --folder DIR [--workshop ID]`.
fn join(
    store: &mut Store,
    lang: UiLanguage,
    file: Option<PathBuf>,
    folder: Option<PathBuf>,
    workshop: Option<String>,
    key: &KeyArgs,
) -> Result<(), SalaError> {
    let key = key.source()?;
    let w = match (file, folder) {
        (Some(f), _) => transfer::join_file(store, &f, now_ms(), key.as_ref())?,
        (None, Some(d)) => {
            let shown = Progress::new(lang);
            let w = transfer::join_folder_telling(
                store,
                &d,
                workshop.as_deref(),
                now_ms(),
                key.as_ref(),
                pass::Load::Auto,
                &|p| shown.tell(p),
            )
            .and_then(|w| {
                transfer::settle_join(store, &d, now_ms(), &|p| shown.tell(p))?;
                Ok(w)
            });
            shown.done();
            w?
        }
        (None, None) => {
            return Err(SalaError::new(ErrorCode::InvalidArgument)
                .with("name", "join")
                .with("value", "FILE | --folder DIR"));
        }
    };
    let title = w.title.in_lang(lang).to_owned();
    out(&message(lang, "cli.joined", &[("title", &title)]))
}

fn key(store: &mut Store, lang: UiLanguage, command: KeyCommand) -> Result<(), SalaError> {
    match command {
        KeyCommand::Set { key } => {
            let source = key.source()?.ok_or_else(|| {
                SalaError::new(ErrorCode::InvalidArgument)
                    .with("name", "key")
                    .with("value", "--passphrase-file FILE | --key-file FILE")
            })?;
            let workshop = store.current_workshop()?;
            let k = sala_sync::key::set_key(store, &workshop.id, &source)?;
            out(&message(lang, "cli.key_set", &[("public", &k.public())]))
        }
        KeyCommand::New { out: file } => {
            let k = sala_sync::key::Key::generate();
            let text = format!(
                "# {}\n# public key: {}\n{}\n",
                message(lang, "cli.key_file_comment", &[]),
                k.public(),
                k.secret()
            );
            let dir = file
                .parent()
                .filter(|p| !p.as_os_str().is_empty())
                .unwrap_or(std::path::Path::new("."));
            let name = file
                .file_name()
                .and_then(|n| n.to_str())
                .unwrap_or("sala.key");
            sala_sync::folder::write_atomic(dir, name, text.as_bytes())
                .map_err(|e| sala_sync::folder::folder_error(dir, &e))?;
            out(&message(
                lang,
                "cli.key_new",
                &[
                    ("file", &file.display().to_string()),
                    ("public", &k.public()),
                ],
            ))
        }
        KeyCommand::Show => {
            let workshop = store.current_workshop()?;
            match sala_sync::key::key_of(store, &workshop.id)? {
                Some(k) => out(&message(lang, "cli.key_show", &[("public", &k.public())])),
                None => out(&message(lang, "cli.key_none", &[])),
            }
        }
        KeyCommand::Withdraw => {
            let folder = store
                .setting(SYNC_FOLDER)?
                .filter(|f| !f.is_empty())
                .map(PathBuf::from)
                .ok_or_else(|| SalaError::new(ErrorCode::NoSyncFolder))?;
            let (removed, _) =
                pass::withdraw_plain(store, &folder, now_ms(), sala_sync::lock::CLI_WAIT)?;
            out(&message(
                lang,
                "cli.withdrawn",
                &[("n", &removed.to_string())],
            ))
        }
    }
}

/// A join's progress on a terminal: one line on standard error, rewritten as it goes (at most
/// ten times a second); nothing at all when standard error is not a terminal (piped, a script).
struct Progress {
    lang: UiLanguage,
    on: bool,
    started: std::time::Instant,
    last: std::cell::Cell<Option<std::time::Instant>>,
    shown: std::cell::Cell<bool>,
}

impl Progress {
    fn new(lang: UiLanguage) -> Progress {
        use std::io::IsTerminal;
        Progress {
            lang,
            on: std::io::stderr().is_terminal(),
            started: std::time::Instant::now(),
            last: std::cell::Cell::new(None),
            shown: std::cell::Cell::new(false),
        }
    }

    fn tell(&self, p: pass::JoinProgress) {
        if !self.on {
            return;
        }
        let now = std::time::Instant::now();
        let reading = p.phase == pass::JoinPhase::Reading;
        if reading
            && p.done < p.total
            && self
                .last
                .get()
                .is_some_and(|t| now - t < std::time::Duration::from_millis(100))
        {
            return;
        }
        self.last.set(Some(now));
        let line = progress_line(self.lang, &p.view(self.started.elapsed()));
        let mut stderr = std::io::stderr().lock();
        let _ = write!(stderr, "\r\x1b[K{}", sala_core::text::printable_line(&line));
        let _ = stderr.flush();
        self.shown.set(true);
    }

    /// Clears the line before what the command prints next.
    fn done(&self) {
        if self.shown.get() {
            let mut stderr = std::io::stderr().lock();
            let _ = write!(stderr, "\r\x1b[K");
            let _ = stderr.flush();
        }
    }
}

/// The line shown for a step of a join: while files are read, how many of how many, and (once a
/// few are read) about how long is left.
fn progress_line(lang: UiLanguage, p: &JoinProgressView) -> String {
    match p.step {
        JoinStep::Snapshot => message(lang, "cli.join_snapshot", &[]),
        JoinStep::Indexing => message(lang, "cli.join_indexing", &[]),
        JoinStep::Reading => {
            let line = message(
                lang,
                "cli.join_reading",
                &[
                    ("done", &p.done.to_string()),
                    ("total", &p.total.to_string()),
                    (
                        "percent",
                        &(u64::from(p.done) * 100 / u64::from(p.total.max(1))).to_string(),
                    ),
                ],
            );
            match p.seconds_left {
                Some(s) => message(
                    lang,
                    "cli.join_left",
                    &[("line", &line), ("seconds", &s.to_string())],
                ),
                None => line,
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn check(
        lang: UiLanguage,
        phase: pass::JoinPhase,
        done: u64,
        total: u64,
        secs: u64,
        shown: &str,
    ) {
        let p = pass::JoinProgress { phase, done, total };
        assert_eq!(
            progress_line(lang, &p.view(std::time::Duration::from_secs(secs))),
            shown,
            "{phase:?} {done}/{total}"
        );
    }

    #[test]
    fn a_join_says_what_it_does_and_about_how_long_is_left() {
        use pass::JoinPhase::*;
        let (en, lo) = (UiLanguage::En, UiLanguage::Lo);
        check(
            en,
            Snapshot,
            0,
            0,
            0,
            "Looking for a copy of the whole workshop to load…",
        );
        check(en, Reading, 1, 150, 0, "Reading files: 1 of 150 (0%)");
        check(
            en,
            Reading,
            50,
            150,
            10,
            "Reading files: 50 of 150 (33%) — about 20 s left",
        );
        check(
            lo,
            Reading,
            50,
            150,
            10,
            "ກຳລັງອ່ານໄຟລ໌: 50 ຈາກ 150 (33%) — ຍັງເຫຼືອປະມານ 20 ວິນາທີ",
        );
        check(
            en,
            Reading,
            150,
            150,
            30,
            "Reading files: 150 of 150 (100%)",
        );
        // More files than counted at the start (written meanwhile): never past 100%.
        check(
            en,
            Reading,
            152,
            150,
            30,
            "Reading files: 152 of 152 (100%)",
        );
        check(lo, Indexing, 0, 0, 31, "ກຳລັງສ້າງດັດຊະນີການຄົ້ນຫາ…");
    }
}
