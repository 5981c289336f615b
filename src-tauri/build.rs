//! Tauri's build step, and the handler list: every `#[tauri::command]` under `src/` (read by
//! `sala-commands`), so a command is declared once — the function — and registered by being
//! written. `lib.rs` includes the list from `OUT_DIR`.

fn main() {
    println!("cargo:rerun-if-changed=src");
    let commands = match sala_commands::scan(std::path::Path::new("src")) {
        Ok(commands) => commands,
        Err(e) => {
            // Said by cargo as the build script's output: a command the client could not call.
            eprintln!("the shell's commands: {e}");
            std::process::exit(1);
        }
    };
    let out = std::path::PathBuf::from(std::env::var_os("OUT_DIR").unwrap_or_default());
    if let Err(e) = std::fs::write(
        out.join("commands.rs"),
        sala_commands::handler_list(&commands),
    ) {
        eprintln!("cannot write the handler list: {e}");
        std::process::exit(1);
    }
    tauri_build::build();
}
