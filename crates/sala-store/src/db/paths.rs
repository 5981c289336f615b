//! Where the data folder is: `--data DIR`, else `SALA_DATA_DIR`, else the OS app-data folder
//! (`~/.local/share/org.sala.desktop` on Linux, `~/Library/Application Support/org.sala.desktop` on
//! macOS, `%APPDATA%\org.sala.desktop` on Windows) — the same folder Tauri gives the app, so the
//! app and the CLI share one store.

use std::path::PathBuf;

/// The app identifier; also the Tauri bundle identifier.
pub const APP_ID: &str = "org.sala.desktop";

/// Resolves the data folder from an explicit choice, the environment, or the OS default.
pub fn data_dir(explicit: Option<PathBuf>) -> PathBuf {
    if let Some(dir) = explicit {
        return dir;
    }
    if let Some(dir) = std::env::var_os("SALA_DATA_DIR").filter(|v| !v.is_empty()) {
        return PathBuf::from(dir);
    }
    dirs::data_dir()
        .unwrap_or_else(|| PathBuf::from("."))
        .join(APP_ID)
}
