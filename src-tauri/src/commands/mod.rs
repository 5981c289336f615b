//! Every command the page can call, one module per part of the workshop. Each is a
//! `#[tauri::command]` function and nothing else declares it: the build script reads these
//! files for the handler list, and `ui/src/backend/commands.ts` (the typed client) is generated from
//! the same functions (see `crates/sala-commands`). A command is a thin call into the crates.

pub mod app;
pub mod backups;
pub mod groups;
pub mod notes;
pub mod people;
pub mod plan;
pub mod reports;
pub mod search;
pub mod surveys;
pub mod swot;
pub mod sync;
pub mod workshop;
