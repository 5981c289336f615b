//! `cargo xtask bundle --windows`: Sala for Windows, built on this Linux machine (decision 20).
//!
//! The GNU target (mingw-w64) builds the CLI and the app (`sala-app.exe`, with
//! `WebView2Loader.dll` beside it); wixl (Debian's msitools) makes a per-user MSI from
//! `packaging/windows/sala.wxs`, and `zip` a portable folder. Both land in `target/windows/`.

use std::fs;
use std::path::{Path, PathBuf};

use anyhow::{Context, Result, bail};

use crate::{apt_install, cmd, must, not_installed, root, tauri_cli};

mod msi;
mod wine;
use msi::msi_scenarios;
use wine::{app_without_webview2, wine_scenarios};

/// What building for Windows needs besides what the Linux build does.
const PACKAGES: &[&str] = &["mingw-w64", "wixl", "msitools", "zip"];
pub(crate) const TARGET: &str = "x86_64-pc-windows-gnu";

/// The workspace's version (`[workspace.package] version`).
pub(crate) fn version() -> Result<String> {
    let toml = fs::read_to_string(root().join("Cargo.toml"))?;
    toml.lines()
        .find_map(|l| l.strip_prefix("version = \""))
        .and_then(|v| v.strip_suffix('"'))
        .map(str::to_owned)
        .context("no version in Cargo.toml")
}

/// Installs the Windows target and the packages (`extra`: more of them).
fn prepare(extra: &[&'static str]) -> Result<()> {
    apt_install(&not_installed(PACKAGES.iter().chain(extra).copied()))?;
    let installed = std::process::Command::new("rustup")
        .args(["target", "list", "--installed"])
        .output()
        .map(|o| String::from_utf8_lossy(&o.stdout).contains(TARGET))
        .unwrap_or(false);
    if !installed {
        let mut c = cmd("rustup");
        c.args(["target", "add", TARGET]);
        must(c)?;
    }
    Ok(())
}

/// Builds the CLI and the app for Windows (`release`, or debug: quicker to build, for the
/// tests); returns the folder they are in.
fn build_for(release: bool) -> Result<PathBuf> {
    let mut c = cmd("cargo");
    c.args(["build", "--bin", "sala", "--target", TARGET]);
    if release {
        c.arg("--release");
    }
    must(c)?;
    let mut c = tauri_cli();
    c.args(["build", "--no-bundle", "--target", TARGET]);
    if !release {
        c.arg("--debug");
    }
    must(c)?;
    let profile = if release { "release" } else { "debug" };
    Ok(root().join("target").join(TARGET).join(profile))
}

/// `cargo xtask test-windows`: the CLI and the app built for Windows; the CLI's scenarios and
/// the installer's run under Wine, and the app without WebView2 says so.
pub(crate) fn test() -> Result<()> {
    let started = std::time::Instant::now();
    prepare(&["wine64", "wine"])?;
    let bin = build_for(false)?;
    let built = started.elapsed();
    wine_scenarios(&bin)?;
    msi_scenarios(&bin)?;
    app_without_webview2(&bin)?;
    eprintln!(
        "xtask: windows: built in {built:.0?}, the scenarios under Wine passed in {:.0?}",
        started.elapsed() - built
    );
    Ok(())
}

/// Installs what is needed, then builds the CLI and the app for Windows. Returns the folder
/// the executables are in.
pub(crate) fn build() -> Result<PathBuf> {
    prepare(&[])?;
    build_for(true)
}

/// Copies `from` to `to`, naming what is missing.
fn copy(from: &Path, to: &Path) -> Result<()> {
    fs::copy(from, to).with_context(|| format!("copying {}", from.display()))?;
    Ok(())
}

/// Makes the MSI of the files in `stage` as version `version` (wixl takes sources relative to
/// where it runs, so it runs in a folder of its own).
fn make_msi(stage: &Path, version: &str, msi: &Path) -> Result<()> {
    let msi_dir = stage.with_extension("msi-build");
    if msi_dir.exists() {
        fs::remove_dir_all(&msi_dir)?;
    }
    fs::create_dir_all(&msi_dir)?;
    for file in fs::read_dir(stage)? {
        let file = file?;
        copy(&file.path(), &msi_dir.join(file.file_name()))?;
    }
    let packaging = root().join("packaging/windows");
    copy(&packaging.join("sala.cmd"), &msi_dir.join("sala.cmd"))?;
    copy(&packaging.join("sala.wxs"), &msi_dir.join("sala.wxs"))?;
    copy(
        &root().join("src-tauri/icons/icon.ico"),
        &msi_dir.join("sala.ico"),
    )?;
    let mut c = cmd("wixl");
    c.current_dir(&msi_dir)
        .args(["-a", "x64", "-D"])
        .arg(format!("Version={version}"))
        .args(["-D", "Bin=.", "-D", "Icon=sala.ico", "-o"])
        .arg(msi)
        .arg("sala.wxs");
    must(c)?;
    fs::remove_dir_all(&msi_dir)?;
    Ok(())
}

/// Stages the built files (`bin`) as `Sala-<version>-x64/` in `dir`; returns the folder.
fn stage(bin: &Path, version: &str, dir: &Path) -> Result<PathBuf> {
    let stage = dir.join(format!("Sala-{version}-x64"));
    if stage.exists() {
        fs::remove_dir_all(&stage)?;
    }
    fs::create_dir_all(&stage)?;
    for file in ["sala-app.exe", "sala.exe", "WebView2Loader.dll"] {
        copy(&bin.join(file), &stage.join(file))?;
    }
    copy(
        &root().join("packaging/windows/README.txt"),
        &stage.join("README.txt"),
    )?;
    Ok(stage)
}

pub(crate) fn bundle() -> Result<()> {
    let bin = build()?;
    let version = version()?;
    let out = root().join("target/windows");
    let name = format!("Sala-{version}-x64");
    let stage = stage(&bin, &version, &out)?;
    // The portable zip: the folder as it is.
    let zip = out.join(format!("{name}.zip"));
    let _ = fs::remove_file(&zip);
    let mut c = cmd("zip");
    c.current_dir(&out)
        .args(["-q", "-r", "-X"])
        .arg(&zip)
        .arg(&name);
    must(c)?;

    let msi = out.join(format!("{name}.msi"));
    make_msi(&stage, &version, &msi)?;
    for f in [&msi, &zip] {
        let size = fs::metadata(f)?.len();
        if size == 0 {
            bail!("{} is empty", f.display());
        }
        eprintln!("xtask: {} ({} KB)", f.display(), size / 1024);
    }
    Ok(())
}
