//! Every command the page can call, one module per part of the workshop. Each is a
//! `#[tauri::command]` function and nothing else declares it: the build script reads these
//! files for the handler list, and `ui/src/backend/commands.ts` (the typed client) is generated from
//! the same functions (see `crates/sala-commands`). A command is a thin call into the crates.

pub mod app;
pub mod backups;
pub mod group_work;
pub mod people;
pub mod pictures;
pub mod reports;
pub mod room;
pub mod surveys;
pub mod sync;
pub mod workshop;
