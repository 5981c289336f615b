//! Sala's desktop shell. It only registers commands, state and the window: every command is a
//! thin call into `sala-store` / `sala-i18n`, which are tested without a window.
//!
//! Data folder: `--data DIR`, else `SALA_DATA_DIR`, else the OS app-data folder (the same one
//! the `sala` CLI uses). On first start the demo workshop is created.

use std::collections::BTreeMap;
use std::path::PathBuf;
use std::sync::Mutex;

use sala_core::api::{
    ActionDraft, AgendaDraft, AppInfo, BoardView, Bootstrap, GroupDraft, ImportPreview, LaoCheck,
    NewCard, NewNote, NoteChange, ParticipantDraft, SearchHit, SearchQuery, SourceRef, UiLanguage,
    WorkshopOverview,
};
use sala_core::model::{Action, Attendance, Note, Participant, Quadrant, SwotCard};
use sala_core::{ErrorCode, SalaError, text};
use sala_store::{MachineIdentity, Store, db::paths};
use tauri::State;

mod backup_commands;
mod report_commands;
mod survey_commands;
mod sync_commands;
mod sync_task;
mod workshop_commands;

type Result<T> = std::result::Result<T, SalaError>;

/// Every message of one language, by key.
type Messages = BTreeMap<String, String>;

/// The app's state: the store, or why it could not be opened (shown in the window, translated).
pub(crate) struct AppState {
    store: Mutex<std::result::Result<Store, SalaError>>,
    data_dir: PathBuf,
}

impl AppState {
    pub(crate) fn with<T>(&self, f: impl FnOnce(&mut Store) -> Result<T>) -> Result<T> {
        let mut guard = self.store.lock().map_err(|_| {
            SalaError::new(ErrorCode::Storage).with("detail", "state lock poisoned")
        })?;
        match guard.as_mut() {
            Ok(store) => f(store),
            Err(e) => Err(e.clone()),
        }
    }

    /// Closes the store, runs `f` on the data folder (a restore), and opens the store again —
    /// whether `f` succeeded or not.
    pub(crate) fn replace_store(
        &self,
        f: impl FnOnce(&std::path::Path) -> Result<()>,
    ) -> Result<()> {
        let mut guard = self.store.lock().map_err(|_| {
            SalaError::new(ErrorCode::Storage).with("detail", "state lock poisoned")
        })?;
        // Dropping the store closes its connection before the file is replaced.
        *guard = Err(SalaError::new(ErrorCode::Storage).with("detail", "restoring"));
        let done = f(&self.data_dir);
        *guard = open_store(&self.data_dir);
        done?;
        guard.as_ref().map(|_| ()).map_err(Clone::clone)
    }
}

/// The files the page may name in a command that reads, opens or overwrites one: those the user
/// picked in a system dialog, and the reports the user saved. Any other path is refused — the
/// page cannot make Sala read or open a file the user did not choose.
#[derive(Debug, Default)]
pub(crate) struct Granted(Mutex<std::collections::BTreeSet<PathBuf>>);

impl Granted {
    pub(crate) fn grant(&self, path: &std::path::Path) {
        if let Ok(mut set) = self.0.lock() {
            set.insert(path.to_path_buf());
        }
    }

    pub(crate) fn check(&self, path: &str) -> Result<PathBuf> {
        let p = PathBuf::from(path);
        let granted = self.0.lock().map(|set| set.contains(&p)).unwrap_or(false);
        if granted {
            Ok(p)
        } else {
            Err(SalaError::new(ErrorCode::InvalidArgument)
                .with("name", "path")
                .with("value", path))
        }
    }
}

/// `--data DIR` or `--data=DIR` from the command line.
fn data_arg() -> Option<PathBuf> {
    let mut args = std::env::args();
    args.next(); // the program's own name
    while let Some(arg) = args.next() {
        if arg == "--data" {
            return args.next().map(PathBuf::from);
        }
        if let Some(dir) = arg.strip_prefix("--data=") {
            return Some(PathBuf::from(dir));
        }
    }
    None
}

fn open_store(data_dir: &std::path::Path) -> Result<Store> {
    let mut store = Store::open_in(data_dir, &MachineIdentity::detect())?;
    store.ensure_demo()?;
    Ok(store)
}

/// Every message of a language; available even when the store could not be opened, so that
/// the error itself can be shown translated.
#[tauri::command]
async fn messages(language: UiLanguage) -> Result<Messages> {
    Ok(sala_i18n::messages(language))
}

#[tauri::command]
async fn set_language(state: State<'_, AppState>, language: UiLanguage) -> Result<()> {
    state.with(|s| s.set_ui_language(language))
}

#[tauri::command]
async fn overview(state: State<'_, AppState>) -> Result<WorkshopOverview> {
    state.with(|s| s.overview())
}

#[tauri::command]
async fn notes_for(
    state: State<'_, AppState>,
    group_id: String,
    question_id: String,
) -> Result<Vec<Note>> {
    state.with(|s| s.notes_for(&group_id, &question_id))
}

#[tauri::command]
async fn add_note(state: State<'_, AppState>, note: NewNote) -> Result<Note> {
    state.with(|s| s.add_note(&note))
}

#[tauri::command]
async fn update_note(
    state: State<'_, AppState>,
    id: String,
    text: String,
    base: Option<String>,
) -> Result<Note> {
    state.with(|s| s.edit_note_text(&id, base.as_deref(), &text))
}

#[tauri::command]
async fn delete_note(state: State<'_, AppState>, id: String) -> Result<Note> {
    state.with(|s| s.delete_note(&id))
}

#[tauri::command]
async fn restore_note(state: State<'_, AppState>, id: String) -> Result<Note> {
    state.with(|s| s.restore_note(&id))
}

#[tauri::command]
async fn trash(state: State<'_, AppState>) -> Result<Vec<Note>> {
    state.with(|s| s.trash())
}

#[tauri::command]
async fn change_note(state: State<'_, AppState>, id: String, change: NoteChange) -> Result<Note> {
    state.with(|s| s.change_note(&id, &change))
}

/// Typing accidents in Lao text (Thai letters, zero-width spaces) and the offered fix.
#[tauri::command]
async fn lao_check(text: String) -> Result<LaoCheck> {
    Ok(LaoCheck {
        issues: text::lao_issues(&text),
        fixed: text::fix_lao(&text),
    })
}

#[tauri::command]
async fn board(
    state: State<'_, AppState>,
    group_id: String,
    focus_area_id: String,
) -> Result<BoardView> {
    state.with(|s| s.board(&group_id, &focus_area_id))
}

#[tauri::command]
async fn add_card(state: State<'_, AppState>, card: NewCard) -> Result<SwotCard> {
    state.with(|s| s.add_card(&card))
}

#[tauri::command]
async fn card_from_note(
    state: State<'_, AppState>,
    note_id: String,
    focus_area_id: String,
    quadrant: Quadrant,
) -> Result<SwotCard> {
    state.with(|s| s.card_from_note(&note_id, &focus_area_id, quadrant))
}

#[tauri::command]
async fn edit_card(state: State<'_, AppState>, id: String, text: String) -> Result<SwotCard> {
    state.with(|s| s.edit_card_text(&id, &text))
}

#[tauri::command]
async fn move_card(
    state: State<'_, AppState>,
    id: String,
    quadrant: Quadrant,
    index: u32,
) -> Result<BoardView> {
    state.with(|s| s.move_card(&id, quadrant, index as usize))
}

#[tauri::command]
async fn cluster_cards(
    state: State<'_, AppState>,
    lead_id: String,
    other_id: String,
) -> Result<BoardView> {
    state.with(|s| s.cluster_cards(&lead_id, &other_id))
}

#[tauri::command]
async fn uncluster_card(state: State<'_, AppState>, id: String) -> Result<BoardView> {
    state.with(|s| s.uncluster_card(&id))
}

#[tauri::command]
async fn vote(
    state: State<'_, AppState>,
    card_id: String,
    voter: String,
    session: Option<String>,
) -> Result<BoardView> {
    state.with(|s| s.vote_in(&card_id, &voter, session.as_deref()))
}

#[tauri::command]
async fn unvote(state: State<'_, AppState>, card_id: String, voter: String) -> Result<BoardView> {
    state.with(|s| s.unvote(&card_id, &voter))
}

#[tauri::command]
async fn set_vote_limit(
    state: State<'_, AppState>,
    group_id: String,
    focus_area_id: String,
    limit: u32,
) -> Result<BoardView> {
    state.with(|s| s.set_vote_limit(&group_id, &focus_area_id, limit))
}

#[tauri::command]
async fn delete_card(state: State<'_, AppState>, id: String) -> Result<SwotCard> {
    state.with(|s| s.delete_card(&id))
}

#[tauri::command]
async fn restore_card(state: State<'_, AppState>, id: String) -> Result<SwotCard> {
    state.with(|s| s.restore_card(&id))
}

#[tauri::command]
async fn actions(state: State<'_, AppState>) -> Result<Vec<Action>> {
    state.with(|s| s.actions())
}

#[tauri::command]
async fn add_action(state: State<'_, AppState>, draft: ActionDraft) -> Result<Action> {
    state.with(|s| s.add_action(&draft))
}

#[tauri::command]
async fn update_action(
    state: State<'_, AppState>,
    id: String,
    draft: ActionDraft,
) -> Result<Action> {
    state.with(|s| s.update_action(&id, &draft))
}

#[tauri::command]
async fn delete_action(state: State<'_, AppState>, id: String) -> Result<Action> {
    state.with(|s| s.delete_action(&id))
}

#[tauri::command]
async fn restore_action(state: State<'_, AppState>, id: String) -> Result<Action> {
    state.with(|s| s.restore_action(&id))
}

#[tauri::command]
async fn search(state: State<'_, AppState>, query: SearchQuery) -> Result<Vec<SearchHit>> {
    state.with(|s| s.search(&query))
}

#[tauri::command]
async fn participants(state: State<'_, AppState>) -> Result<Vec<Participant>> {
    state.with(|s| s.participants())
}

#[tauri::command]
async fn add_participant(
    state: State<'_, AppState>,
    draft: ParticipantDraft,
) -> Result<Participant> {
    state.with(|s| s.add_participant(&draft))
}

#[tauri::command]
async fn update_participant(
    state: State<'_, AppState>,
    id: String,
    draft: ParticipantDraft,
) -> Result<Participant> {
    state.with(|s| s.update_participant(&id, &draft))
}

#[tauri::command]
async fn delete_participant(state: State<'_, AppState>, id: String) -> Result<Participant> {
    state.with(|s| s.delete_participant(&id))
}

/// Reads a participant list (the file's bytes, as the user picked it) into a preview.
#[tauri::command]
async fn preview_participants(
    state: State<'_, AppState>,
    file_name: String,
    bytes: Vec<u8>,
) -> Result<ImportPreview> {
    check_import_size(&bytes)?;
    state.with(|s| s.preview_participants(&file_name, &bytes))
}

#[tauri::command]
async fn import_participants(
    state: State<'_, AppState>,
    file_name: String,
    bytes: Vec<u8>,
    skip_bad: bool,
) -> Result<u32> {
    check_import_size(&bytes)?;
    state.with(|s| s.import_participants(&file_name, &bytes, skip_bad))
}

/// An invitation list is kilobytes; refuse what is clearly not one before parsing it.
pub(crate) fn check_import_size(bytes: &[u8]) -> Result<()> {
    sala_store::sheet::check_size(bytes)
}

#[tauri::command]
async fn attendance(state: State<'_, AppState>, day: u32) -> Result<Vec<Attendance>> {
    state.with(|s| s.attendance(day))
}

#[tauri::command]
async fn set_attendance(
    state: State<'_, AppState>,
    participant_id: String,
    day: u32,
    present: bool,
) -> Result<Attendance> {
    state.with(|s| s.set_attendance(&participant_id, day, present))
}

#[tauri::command]
async fn create_group(state: State<'_, AppState>, draft: GroupDraft) -> Result<WorkshopOverview> {
    state.with(|s| {
        s.create_group(&draft)?;
        s.overview()
    })
}

#[tauri::command]
async fn update_group(
    state: State<'_, AppState>,
    id: String,
    draft: GroupDraft,
) -> Result<WorkshopOverview> {
    state.with(|s| {
        s.update_group(&id, &draft)?;
        s.overview()
    })
}

#[tauri::command]
async fn update_agenda_item(
    state: State<'_, AppState>,
    id: String,
    draft: AgendaDraft,
) -> Result<WorkshopOverview> {
    state.with(|s| {
        s.update_agenda_item(&id, &draft)?;
        s.overview()
    })
}

/// What each of these ids is (a note or a card) and its text, for showing links.
#[tauri::command]
async fn sources(state: State<'_, AppState>, ids: Vec<String>) -> Result<Vec<SourceRef>> {
    state.with(|s| s.sources(&ids))
}

/// The UI has painted a stage of start-up: `shell` (the frame with the workshop, its sections
/// and groups) or `workspace` (the group's notes under a guiding question). With
/// `SALA_STARTUP_REPORT` set, says so on stderr, so a harness can time start-up from the outside
/// (`cargo xtask bench`).
#[tauri::command]
async fn ui_ready(stage: String, since_navigation_ms: f64) -> Result<()> {
    if std::env::var_os("SALA_STARTUP_REPORT").is_some() {
        let marker = if stage == "shell" {
            "ui-ready"
        } else {
            "workspace-ready"
        };
        eprintln!("sala: {marker} ({since_navigation_ms:.0} ms after the page started loading)");
    }
    Ok(())
}

/// Everything the first screen needs, in one round trip: the language, its messages, and the
/// workshop (or why the store could not be opened).
#[tauri::command]
async fn bootstrap(state: State<'_, AppState>) -> Result<Bootstrap> {
    let language = state
        .with(|s| s.ui_language())
        .ok()
        .flatten()
        .unwrap_or_else(sala_i18n::language_from_env);
    let data_dir = state.data_dir.display().to_string();
    let loaded = state.with(|s| {
        Ok((
            s.overview()?,
            AppInfo {
                device_id: s.device_id().to_owned(),
                data_dir,
                language,
                version: env!("CARGO_PKG_VERSION").to_owned(),
            },
        ))
    });
    let messages = sala_i18n::messages(language);
    Ok(match loaded {
        Ok((overview, info)) => Bootstrap {
            language,
            messages,
            overview: Some(overview),
            info: Some(info),
            error: None,
        },
        Err(e) => Bootstrap {
            language,
            messages,
            overview: None,
            info: None,
            error: Some(e),
        },
    })
}

/// On Windows the window is drawn by Microsoft's WebView2 runtime. Where it is missing (an
/// older Windows 10 that never had it), Sala says so in both languages, naming what to
/// install, instead of failing without a word. `SALA_NO_MESSAGE_BOX` (unattended runs, tests)
/// keeps it to standard error.
#[cfg(windows)]
fn webview2_missing() -> bool {
    if tauri::webview_version().is_ok() {
        return false;
    }
    let say = |lang| sala_i18n::message(lang, "app.webview2_missing", &[]);
    let text = format!("{}\n\n{}", say(UiLanguage::Lo), say(UiLanguage::En));
    eprintln!("{text}");
    if std::env::var_os("SALA_NO_MESSAGE_BOX").is_none() {
        rfd::MessageDialog::new()
            .set_level(rfd::MessageLevel::Error)
            .set_title("Sala")
            .set_description(text)
            .set_buttons(rfd::MessageButtons::Ok)
            .show();
    }
    true
}

pub fn run() {
    #[cfg(windows)]
    if webview2_missing() {
        std::process::exit(1);
    }
    let data_dir = paths::data_dir(data_arg());
    let store = open_store(&data_dir);
    let app = tauri::Builder::default()
        .plugin(tauri_plugin_dialog::init())
        .plugin(tauri_plugin_opener::init())
        .setup(|app| {
            let control = sync_task::start(app.handle());
            backup_commands::start(app.handle());
            tauri::Manager::manage(app, control);
            Ok(())
        })
        .manage(Granted::default())
        .manage(AppState {
            store: Mutex::new(store),
            data_dir,
        })
        .invoke_handler(tauri::generate_handler![
            report_commands::report_folder,
            report_commands::pick_report_file,
            report_commands::save_report,
            report_commands::open_path,
            report_commands::reveal_path,
            sync_commands::workshop_key,
            sync_commands::set_workshop_key,
            sync_commands::withdraw_plain_files,
            backup_commands::backups,
            backup_commands::backup_now,
            backup_commands::restore_backup,
            survey_commands::survey_forms,
            survey_commands::answer_survey,
            survey_commands::survey_results,
            survey_commands::edit_survey_form,
            survey_commands::preview_survey_answers,
            survey_commands::import_survey_answers,
            messages,
            set_language,
            overview,
            notes_for,
            add_note,
            update_note,
            delete_note,
            restore_note,
            trash,
            ui_ready,
            bootstrap,
            change_note,
            lao_check,
            board,
            add_card,
            card_from_note,
            edit_card,
            move_card,
            cluster_cards,
            uncluster_card,
            vote,
            unvote,
            set_vote_limit,
            delete_card,
            restore_card,
            actions,
            add_action,
            update_action,
            delete_action,
            restore_action,
            sources,
            search,
            participants,
            add_participant,
            update_participant,
            delete_participant,
            preview_participants,
            import_participants,
            attendance,
            set_attendance,
            create_group,
            update_group,
            update_agenda_item,
            sync_commands::sync_settings,
            sync_commands::set_sync_settings,
            sync_commands::sync_status,
            sync_commands::sync_now,
            sync_commands::pick_folder,
            sync_commands::pick_export_file,
            sync_commands::pick_import_files,
            sync_commands::export_work,
            sync_commands::import_files,
            sync_commands::conflicts,
            sync_commands::resolve_conflict,
            sync_commands::workshops,
            sync_commands::folder_workshops,
            sync_commands::switch_workshop,
            sync_commands::join_folder,
            sync_commands::join_file,
            sync_commands::matrix,
            sync_commands::matrix_cell,
            sync_commands::provenance,
            workshop_commands::draft_from_template,
            workshop_commands::pick_template_file,
            workshop_commands::workshop_draft_problems,
            workshop_commands::new_workshop,
            workshop_commands::duplicate_workshop,
            workshop_commands::set_workshop_archived,
            workshop_commands::save_template,
            workshop_commands::workshop_settings,
            workshop_commands::update_workshop_facts,
            workshop_commands::add_focus_area,
            workshop_commands::update_focus_area,
            workshop_commands::move_focus_area,
            workshop_commands::retire_focus_area,
            workshop_commands::add_question,
            workshop_commands::update_question,
            workshop_commands::move_question,
            workshop_commands::retire_question,
            workshop_commands::add_session,
            workshop_commands::update_session,
            workshop_commands::remove_session,
        ])
        .run(tauri::generate_context!());
    if let Err(e) = app {
        let lang = sala_i18n::language_from_env();
        let detail = e.to_string();
        eprintln!(
            "{}",
            sala_i18n::message(lang, "app.window_failed", &[("detail", &detail)])
        );
        std::process::exit(1);
    }
}
