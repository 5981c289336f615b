//! What every CLI test binary needs: `sala` run as a coordinator runs it, on a named machine
//! (the machine id decides the device id), in English unless told otherwise.

#![allow(dead_code, clippy::unwrap_used, clippy::expect_used)]

use std::path::Path;
use std::process::{Command, Output};

/// `sala --data DATA ARGS…` on machine `machine`, not yet started.
pub fn command(data: &Path, machine: &str, args: &[&str]) -> Command {
    let mut c = Command::new(env!("CARGO_BIN_EXE_sala"));
    c.arg("--data")
        .arg(data)
        .args(args)
        .env_remove("SALA_LANG")
        .env("LANG", "C.UTF-8")
        .env("SALA_MACHINE_ID", machine);
    c
}

/// Runs it to the end.
pub fn run(data: &Path, machine: &str, args: &[&str]) -> Output {
    command(data, machine, args).output().expect("run sala")
}

/// Runs it, which must succeed; its standard output.
pub fn ok_on(data: &Path, machine: &str, args: &[&str]) -> String {
    let o = run(data, machine, args);
    assert!(
        o.status.success(),
        "sala {args:?}: {}",
        String::from_utf8_lossy(&o.stderr)
    );
    String::from_utf8(o.stdout).unwrap()
}
