//! Sala's desktop shell. It only registers commands, state and the window: every command is a
//! thin call into `sala-store` / `sala-i18n`, which are tested without a window.
//!
//! Data folder: `--data DIR`, else `SALA_DATA_DIR`, else the OS app-data folder (the same one
//! the `sala` CLI uses). On first start the demo workshop is created.

use std::path::PathBuf;
use std::sync::Mutex;

use sala_core::{ErrorCode, SalaError};
use sala_store::{MachineIdentity, Store, db::paths};

mod backup_task;
mod commands;
mod room_task;
mod sync_task;

type Result<T> = std::result::Result<T, SalaError>;

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
    let text = format!(
        "{}\n\n{}",
        say(sala_core::api::UiLanguage::Lo),
        say(sala_core::api::UiLanguage::En)
    );
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
            backup_task::start(app.handle());
            tauri::Manager::manage(app, control);
            Ok(())
        })
        .manage(Granted::default())
        .manage(room_task::RoomState::default())
        .manage(AppState {
            store: Mutex::new(store),
            data_dir,
        })
        // Every #[tauri::command] under src/, listed by build.rs.
        .invoke_handler(include!(concat!(env!("OUT_DIR"), "/commands.rs")))
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
