//! The installer under Wine: installed per user without rights, upgraded in place (the
//! command line's choice kept), uninstalled leaving the data.

use std::fs;
use std::path::{Path, PathBuf};

use anyhow::{Context, Result, bail};

use super::wine::check;
use super::{make_msi, stage, version};
use crate::root;

/// The version after `v` (its last number plus one): an upgrade's.
fn next_version(v: &str) -> String {
    let mut parts: Vec<u64> = v.split('.').filter_map(|p| p.parse().ok()).collect();
    if let Some(last) = parts.last_mut() {
        *last += 1;
    }
    parts
        .iter()
        .map(u64::to_string)
        .collect::<Vec<_>>()
        .join(".")
}

// Long by design: install, upgrade and uninstall as a script, each step checking the last.
/// The installer under Wine: installed for the user without asking for rights, the files, the
/// Start-menu shortcut, the command on the PATH and the uninstall entry; a newer MSI replaces
/// it keeping the data; uninstalled, the data is still there.
pub(crate) fn msi_scenarios(bin: &Path) -> Result<()> {
    let version = version()?;
    let next = next_version(&version);
    let out = root().join("target/windows/msi-test");
    if out.exists() {
        fs::remove_dir_all(&out)?;
    }
    fs::create_dir_all(&out)?;
    // Staged apart: the test's debug build never lands in the bundle's folder.
    let stage = stage(bin, &version, &out)?;
    let (first, second) = (out.join("first.msi"), out.join("second.msi"));
    make_msi(&stage, &version, &first)?;
    make_msi(&stage, &next, &second)?;
    let prefix = out.join("prefix");
    let wine = |args: &[&std::ffi::OsStr]| -> Result<()> {
        let status = std::process::Command::new("wine")
            .args(args)
            .env("WINEPREFIX", &prefix)
            .env("WINEDEBUG", "-all")
            .env("WINEDLLOVERRIDES", "mscoree,mshtml=")
            .status()
            .context("wine (Debian's wine64) is needed for the Windows tests")?;
        // The registry is written when the Wine server ends.
        let _ = std::process::Command::new("wineserver")
            .arg("-w")
            .env("WINEPREFIX", &prefix)
            .status();
        if !status.success() {
            bail!("wine {args:?} failed");
        }
        Ok(())
    };
    let msiexec_with = |flag: &str, msi: &Path, property: &str| {
        let mut args: Vec<&std::ffi::OsStr> = vec![
            "msiexec".as_ref(),
            flag.as_ref(),
            msi.as_os_str(),
            "/qn".as_ref(),
        ];
        if !property.is_empty() {
            args.push(property.as_ref());
        }
        wine(&args)
    };
    let msiexec = |flag: &str, msi: &Path| msiexec_with(flag, msi, "");
    let user = |prefix: &Path| -> Result<PathBuf> {
        let users = prefix.join("drive_c/users");
        let name = fs::read_dir(&users)?
            .filter_map(|e| e.ok())
            .map(|e| e.file_name().to_string_lossy().into_owned())
            .find(|n| n != "Public")
            .context("no Wine user")?;
        Ok(users.join(name))
    };
    let registry = || -> String {
        ["system.reg", "user.reg"]
            .iter()
            .map(|f| fs::read_to_string(prefix.join(f)).unwrap_or_default())
            .collect()
    };

    // The prefix made first, on its own: msiexec as the first program of a fresh prefix
    // has failed while Wine was still setting the prefix up (seen in CI).
    wine(&["wineboot".as_ref(), "--init".as_ref()])?;
    msiexec("/i", &first)?;
    let home = user(&prefix)?;
    let programs = home.join("AppData/Local/Programs/Sala");
    for f in [
        "sala-app.exe",
        "sala.exe",
        "WebView2Loader.dll",
        "README.txt",
    ] {
        check(
            programs.join(f).is_file(),
            &format!("{f} is installed for the user"),
        )?;
    }
    let cmd_shim = home.join("AppData/Local/Microsoft/WindowsApps/sala.cmd");
    check(cmd_shim.is_file(), "sala.cmd puts the command on the PATH")?;
    let shortcut = home.join("AppData/Roaming/Microsoft/Windows/Start Menu/Programs/Sala.lnk");
    check(shortcut.is_file(), "the Start-menu shortcut")?;
    let reg = registry();
    check(
        reg.contains("\"DisplayName\"=\"Sala\"")
            && reg.contains(&format!("\"DisplayVersion\"=\"{version}\"")),
        "the uninstall entry names Sala and its version",
    )?;
    check(
        reg.contains("\"Comments\"=\"Offline-first consultation workshops. The window needs the Microsoft Edge WebView2 Runtime"),
        "the uninstall entry says what the window needs",
    )?;
    // The user's data, which no install, upgrade or uninstall may touch.
    let data = home.join("AppData/Roaming/org.sala.desktop");
    fs::create_dir_all(&data)?;
    fs::write(data.join("sala.db"), "the workshop")?;

    msiexec("/i", &second)?;
    let reg = registry();
    check(
        reg.contains(&format!("\"DisplayVersion\"=\"{next}\"")),
        "the newer MSI is installed",
    )?;
    check(
        !reg.contains(&format!("\"DisplayVersion\"=\"{version}\"")),
        "the newer MSI replaced the older one",
    )?;
    check(
        programs.join("sala.exe").is_file(),
        "the program is there after the upgrade",
    )?;
    check(
        data.join("sala.db").is_file(),
        "the data is kept by the upgrade",
    )?;

    msiexec("/x", &second)?;
    check(
        !programs.join("sala.exe").exists(),
        "the program is removed",
    )?;
    check(
        !cmd_shim.exists() && !shortcut.exists(),
        "the shortcut and the command are removed",
    )?;
    check(
        fs::read_to_string(data.join("sala.db")).is_ok_and(|t| t == "the workshop"),
        "the data is kept by the uninstall",
    )?;

    // The command line is a choice: left off, it is not installed. An upgrade keeps the choice
    // through Windows Installer's MigrateFeatureStates, which Wine 8 does not perform ("unhandled
    // msi action"): what is checked is that the MSI asks for it (the upgrade row's
    // msidbUpgradeAttributesMigrateFeatures).
    msiexec_with("/i", &first, "ADDLOCAL=Main")?;
    check(
        programs.join("sala-app.exe").is_file() && !cmd_shim.exists(),
        "installed without the command on the PATH",
    )?;
    msiexec("/x", &first)?;
    let out = std::process::Command::new("msiinfo")
        .args(["export"])
        .arg(&second)
        .arg("Upgrade")
        .output()
        .context("msiinfo (Debian's msitools)")?;
    let table = String::from_utf8_lossy(&out.stdout);
    let migrates = table
        .lines()
        .filter(|l| l.contains("WIX_UPGRADE_DETECTED"))
        .any(|l| {
            l.split('\t')
                .nth(4)
                .and_then(|a| a.parse::<u32>().ok())
                .is_some_and(|a| a & 1 == 1)
        });
    check(migrates, "an upgrade carries the features chosen before")?;
    Ok(())
}
