//! `cargo xtask run|test|bundle|bindings` — the set-up and the commands the README names.
//!
//! Each command first installs what is missing on a Debian/Ubuntu machine (system packages,
//! npm packages, tauri-driver), so a fresh clone needs nothing else.

use std::path::{Path, PathBuf};
use std::process::{Command, ExitCode};
use std::sync::atomic::{AtomicBool, Ordering};
use std::time::Instant;

use anyhow::{Context, Result, bail};

mod bench;
mod windows;

/// Debian packages the build and the end-to-end tests need (DESIGN.md §8).
const SYSTEM_PACKAGES: &[&str] = &[
    "libwebkit2gtk-4.1-dev",
    "build-essential",
    "file",
    "libxdo-dev",
    "libssl-dev",
    "libayatana-appindicator3-dev",
    "librsvg2-dev",
    "pkg-config",
    "xvfb",
    "xauth",
    "webkit2gtk-driver",
];

/// What the tests need besides: LibreOffice (headless) opens every DOCX Sala writes and turns
/// it into a PDF, whose text `pdftotext` reads back; the Noto fonts give it Lao to shape with;
/// Chromium and its driver load the room's page as Android's browser engine does (mobile
/// emulation), beside WebKit.
const TEST_PACKAGES: &[&str] = &[
    "libreoffice-writer-nogui",
    "fonts-noto-core",
    "poppler-utils",
    "chromium",
    "chromium-driver",
];

pub(crate) fn root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .parent()
        .expect("workspace root")
        .to_path_buf()
}

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().collect();
    let result = match args.get(1).map(String::as_str) {
        Some("run") => run(),
        Some("test") => test(),
        Some("bundle") => bundle(),
        Some("test-windows") => setup(false).and_then(|()| windows::test()),
        Some("bindings") => bindings(),
        Some("setup") => setup(true),
        Some("bench") => bench::bench(),
        Some("soak") => soak(args.get(2).map(String::as_str)),
        _ => {
            eprintln!("usage: cargo xtask <run|test|bundle|bindings|bench|soak [CASES]|setup>");
            return ExitCode::from(2);
        }
    };
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("xtask: {e:#}");
            ExitCode::FAILURE
        }
    }
}

/// The sync convergence property (tests/convergence.rs) at soak length: `cases` (default
/// 100,000) split over one release-built process per core, each with its own random seed. A
/// failure stops with proptest's minimal case, saved to tests/convergence.proptest-regressions.
fn soak(cases: Option<&str>) -> Result<()> {
    let cases: u64 = match cases {
        Some(n) => n
            .parse()
            .with_context(|| format!("not a number of cases: {n}"))?,
        None => 100_000,
    };
    let jobs = std::thread::available_parallelism().map_or(1, |n| n.get() as u64);
    let mut c = cmd("cargo");
    c.args([
        "test",
        "--release",
        "-p",
        "sala-tests",
        "--test",
        "convergence",
        "--no-run",
    ]);
    if !status(c)? {
        bail!("building the convergence test failed");
    }
    // The soak checks that laptops converge, not that a power cut loses nothing (the kill
    // tests do, on a real disk): its stores live in memory (tmpfs) when there is one, where a
    // commit's fsync costs nothing.
    let shm = Path::new("/dev/shm");
    let tmp = (std::env::var_os("TMPDIR").is_none() && shm.is_dir()).then_some(shm);
    let started = std::time::Instant::now();
    let children: Vec<_> = (0..jobs)
        .map(|i| {
            let share = cases / jobs + u64::from(i < cases % jobs);
            let mut c = cmd("cargo");
            c.args([
                "test",
                "-q",
                "--release",
                "-p",
                "sala-tests",
                "--test",
                "convergence",
            ])
            .env("SALA_CONVERGENCE_CASES", share.to_string());
            if let Some(t) = tmp {
                c.env("TMPDIR", t);
            }
            eprintln!("$ SALA_CONVERGENCE_CASES={share} {c:?}");
            c.spawn().with_context(|| format!("could not start {c:?}"))
        })
        .collect::<Result<_>>()?;
    let mut failed = 0;
    for mut child in children {
        if !child.wait()?.success() {
            failed += 1;
        }
    }
    eprintln!(
        "xtask soak: {cases} cases in {jobs} processes, {:.0?}",
        started.elapsed()
    );
    if failed > 0 {
        bail!("{failed} of {jobs} soak processes found a case that does not converge");
    }
    Ok(())
}

/// Set by `test`: a test run builds from scratch once (CI's clean clone), where incremental
/// compilation only adds gigabytes to `target/` (about a third of it) and saves nothing.
static NOT_INCREMENTAL: AtomicBool = AtomicBool::new(false);

pub(crate) fn cmd(program: &str) -> Command {
    let mut c = Command::new(program);
    c.current_dir(root());
    if NOT_INCREMENTAL.load(Ordering::Relaxed) && std::env::var_os("CARGO_INCREMENTAL").is_none() {
        c.env("CARGO_INCREMENTAL", "0");
    }
    c
}

fn status(mut c: Command) -> Result<bool> {
    eprintln!("$ {c:?}");
    Ok(c.status()
        .with_context(|| format!("could not start {c:?}"))?
        .success())
}

pub(crate) fn must(c: Command) -> Result<()> {
    let shown = format!("{c:?}");
    if !status(c)? {
        bail!("failed: {shown}");
    }
    Ok(())
}

pub(crate) fn have(program: &str) -> bool {
    Command::new("sh")
        .args(["-c", &format!("command -v {program} >/dev/null 2>&1")])
        .status()
        .is_ok_and(|s| s.success())
}

fn is_root() -> bool {
    Command::new("id")
        .arg("-u")
        .output()
        .is_ok_and(|o| String::from_utf8_lossy(&o.stdout).trim() == "0")
}

fn missing_packages(for_tests: bool) -> Vec<&'static str> {
    let tests: &[&str] = if for_tests { TEST_PACKAGES } else { &[] };
    not_installed(SYSTEM_PACKAGES.iter().chain(tests).copied())
}

/// The Debian packages of `wanted` that are not installed.
pub(crate) fn not_installed<'a>(wanted: impl Iterator<Item = &'a str>) -> Vec<&'a str> {
    wanted
        .filter(|p| {
            !Command::new("dpkg-query")
                .args(["-W", "-f=${Status}", p])
                .output()
                .is_ok_and(|o| String::from_utf8_lossy(&o.stdout).contains("install ok installed"))
        })
        .collect()
}

/// Installs Debian packages (through sudo when not root); nothing when `missing` is empty.
pub(crate) fn apt_install(missing: &[&str]) -> Result<()> {
    if missing.is_empty() {
        return Ok(());
    }
    eprintln!("xtask: installing system packages: {}", missing.join(" "));
    let sudo = !is_root() && have("sudo");
    let apt = |args: &[&str]| {
        let mut c = if sudo { cmd("sudo") } else { cmd("apt-get") };
        if sudo {
            c.arg("apt-get");
        }
        c.env("DEBIAN_FRONTEND", "noninteractive").args(args);
        c
    };
    must(apt(&["update", "-qq"]))?;
    let mut install = apt(&["install", "-y", "-qq", "--no-install-recommends"]);
    install.args(missing);
    must(install)
}

/// Installs missing system packages, npm packages and (for tests) tauri-driver.
pub(crate) fn setup(for_tests: bool) -> Result<()> {
    let started = Instant::now();
    if have("apt-get") && have("dpkg-query") {
        apt_install(&missing_packages(for_tests))?;
    } else {
        eprintln!("xtask: not a Debian/Ubuntu machine; see README.md for the packages to install");
    }
    if !have("npm") {
        bail!(
            "npm (Node.js 20 or later) is needed: install it with your package manager (e.g. apt-get install nodejs npm)"
        );
    }
    let mut dirs = vec!["ui"];
    if for_tests {
        dirs.push("tests/e2e");
    }
    for dir in dirs {
        let lock = root().join(dir).join("package-lock.json");
        let stamp = root().join(dir).join("node_modules/.package-lock.json");
        let fresh = match (
            lock.metadata().and_then(|m| m.modified()),
            stamp.metadata().and_then(|m| m.modified()),
        ) {
            (Ok(l), Ok(s)) => s >= l,
            _ => false,
        };
        if !fresh {
            let mut c = cmd("npm");
            c.current_dir(root().join(dir))
                .args(["ci", "--no-audit", "--no-fund"]);
            must(c)?;
        }
    }
    if for_tests && !have("tauri-driver") && !cargo_bin("tauri-driver").exists() {
        let mut c = cmd("cargo");
        c.args(["install", "tauri-driver", "--locked", "--version", "^2"]);
        must(c)?;
    }
    eprintln!("xtask: set-up done in {:.0?}", started.elapsed());
    Ok(())
}

fn cargo_bin(name: &str) -> PathBuf {
    let home = std::env::var_os("CARGO_HOME")
        .map(PathBuf::from)
        .or_else(|| std::env::var_os("HOME").map(|h| PathBuf::from(h).join(".cargo")))
        .unwrap_or_default();
    home.join("bin").join(name)
}

pub(crate) fn tauri_cli() -> Command {
    let mut c = cmd(root()
        .join("ui/node_modules/.bin/tauri")
        .to_str()
        .unwrap_or("tauri"));
    c.current_dir(root().join("src-tauri"));
    c
}

/// Builds the app with its UI embedded (a plain `cargo build` would load the dev server).
fn build_app(release: bool) -> Result<PathBuf> {
    let mut c = tauri_cli();
    c.arg("build");
    if !release {
        c.arg("--debug");
    }
    c.arg("--no-bundle");
    must(c)?;
    let app = root()
        .join("target")
        .join(if release { "release" } else { "debug" })
        .join("sala-app");
    if !app.exists() {
        bail!("the build did not produce {}", app.display());
    }
    Ok(app)
}

pub(crate) fn has_display() -> bool {
    std::env::var_os("DISPLAY").is_some_and(|v| !v.is_empty())
        || std::env::var_os("WAYLAND_DISPLAY").is_some_and(|v| !v.is_empty())
}

fn run() -> Result<()> {
    setup(false)?;
    let app = build_app(false)?;
    if !has_display() {
        let lang = sala_i18n::language_from_env();
        let app = app.display().to_string();
        bail!(
            "{}",
            sala_i18n::message(lang, "xtask.no_display", &[("app", &app)])
        );
    }
    // The demo workshop is created on first start.
    let mut c = Command::new(&app);
    // Anything after `cargo xtask run` goes to the app (e.g. `--data DIR`).
    c.args(
        std::env::args()
            .collect::<Vec<_>>()
            .get(2..)
            .unwrap_or_default(),
    );
    must(c)
}

fn bundle() -> Result<()> {
    setup(false)?;
    if std::env::args().any(|a| a == "--windows") {
        return windows::bundle();
    }
    let mut c = tauri_cli();
    c.args(["build", "--bundles", "deb"]);
    must(c)?;
    eprintln!("xtask: the .deb is in target/release/bundle/deb/");
    Ok(())
}

/// Rewrites what the UI is generated from Rust: the types (`bindings.ts`, ts-rs) and the
/// commands' client (`commands.ts`, from the #[tauri::command] functions).
fn bindings() -> Result<()> {
    for (package, test, file) in [
        ("sala-core", "bindings", "bindings.ts"),
        ("sala-commands", "client", "commands.ts"),
    ] {
        let mut c = cmd("cargo");
        c.args(["test", "-q", "-p", package, "--test", test])
            .env("UPDATE_BINDINGS", "1");
        must(c)?;
        eprintln!("xtask: wrote ui/src/backend/{file}");
    }
    Ok(())
}

// Long by design: the README's test command as its steps, in the order CI runs them.
fn test() -> Result<()> {
    let started = Instant::now();
    NOT_INCREMENTAL.store(true, Ordering::Relaxed);
    setup(true)?;
    let mut results: Vec<(&str, bool)> = Vec::new();
    let step =
        |results: &mut Vec<(&'static str, bool)>, name: &'static str, c: Command| -> Result<bool> {
            let t = Instant::now();
            let ok = status(c)?;
            eprintln!(
                "xtask: {name}: {} in {:.0?}",
                if ok { "ok" } else { "FAILED" },
                t.elapsed()
            );
            results.push((name, ok));
            Ok(ok)
        };

    let mut c = cmd("cargo");
    c.args(["fmt", "--all", "--check"]);
    step(&mut results, "rustfmt", c)?;

    let mut c = cmd("cargo");
    c.args([
        "clippy",
        "--workspace",
        "--all-targets",
        "--",
        "-D",
        "warnings",
    ]);
    step(&mut results, "clippy", c)?;

    // Rust tests, the bindings check among them. The shell has no tests of its own.
    let mut c = cmd("cargo");
    c.args(["test", "--workspace", "--exclude", "sala-app"]);
    step(&mut results, "rust tests", c)?;

    let npm = |script: &str| {
        let mut c = cmd("npm");
        c.current_dir(root().join("ui"))
            .args(["run", "--silent", script]);
        c
    };
    step(&mut results, "vitest", npm("test"))?;
    step(&mut results, "svelte-check", npm("check"))?;
    step(&mut results, "eslint", npm("lint"))?;

    let built = match build_app(false) {
        Ok(_) => true,
        Err(e) => {
            eprintln!("xtask: {e:#}");
            false
        }
    };
    results.push(("tauri build", built));
    if built {
        let mut c = cmd("cargo");
        c.args(["build", "-q", "-p", "sala-cli"]);
        step(&mut results, "sala cli build", c)?;
        let mut c = cmd("xvfb-run");
        c.args([
            "-a",
            "-s",
            "-screen 0 1366x768x24",
            "node",
            "--test",
            "--test-concurrency=1",
            "tests/e2e/",
        ]);
        if let Some(driver) = Some(cargo_bin("tauri-driver")).filter(|p| p.exists()) {
            c.env("TAURI_DRIVER", driver);
        }
        step(&mut results, "end-to-end", c)?;
    }

    // Sala for Windows, cross-built here: the CLI's scenarios, the installer and the app
    // without WebView2, under Wine (decision 20).
    let mut c = cmd("cargo");
    c.args(["xtask", "test-windows"]);
    step(&mut results, "windows (wine)", c)?;

    eprintln!("\nxtask test summary ({:.0?}):", started.elapsed());
    for (name, ok) in &results {
        eprintln!("  {:<16} {}", name, if *ok { "ok" } else { "FAILED" });
    }
    let failed = results.iter().filter(|(_, ok)| !ok).count();
    if failed > 0 {
        bail!("{failed} step(s) failed");
    }
    Ok(())
}
