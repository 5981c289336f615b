//! The committed client, `ui/src/backend/commands.ts`, matches the shell's commands, and every type
//! it names is one `bindings.ts` exports. Run `cargo xtask bindings` (or this test with
//! `UPDATE_BINDINGS=1`) to rewrite it.

#![allow(clippy::unwrap_used, clippy::expect_used)]

use std::path::Path;

const ROOT: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/../..");

fn shell_commands() -> Vec<sala_commands::Command> {
    sala_commands::scan(&Path::new(ROOT).join("src-tauri/src")).unwrap()
}

#[test]
fn the_client_is_current() {
    let path = Path::new(ROOT).join("ui/src/backend/commands.ts");
    let fresh = sala_commands::typescript(&shell_commands());
    if std::env::var_os("UPDATE_BINDINGS").is_some() {
        std::fs::write(&path, &fresh).unwrap();
        return;
    }
    let committed = std::fs::read_to_string(&path).unwrap_or_default();
    assert!(
        committed == fresh,
        "ui/src/backend/commands.ts is stale: run `cargo xtask bindings` and commit the result"
    );
}

#[test]
fn every_type_the_client_names_is_in_the_bindings() {
    let bindings =
        std::fs::read_to_string(Path::new(ROOT).join("ui/src/backend/bindings.ts")).unwrap();
    let commands = shell_commands();
    let missing: Vec<String> = sala_commands::named_types(&commands)
        .into_iter()
        .filter(|name| !bindings.contains(&format!("export type {name} ")))
        .collect();
    assert!(
        missing.is_empty(),
        "types a command uses but ts-rs does not export (add them to sala_core::bindings): {missing:?}"
    );
}

#[test]
fn the_shell_has_the_commands_the_ui_was_built_on() {
    // A sample, so that a scan finding nothing (a moved folder) cannot pass as "current".
    let names: Vec<String> = shell_commands().into_iter().map(|c| c.name).collect();
    for name in [
        "bootstrap",
        "add_note",
        "board",
        "sync_now",
        "save_report",
        "restore_backup",
    ] {
        assert!(
            names.iter().any(|n| n == name),
            "{name} missing from {names:?}"
        );
    }
    assert!(names.len() > 90, "only {} commands found", names.len());
}
