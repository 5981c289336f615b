//! Sala for Windows, tested here under Wine: the CLI's scenarios, the installer (install,
//! upgrade, uninstall), and the app without WebView2.

use std::fs;
use std::path::{Path, PathBuf};

use anyhow::{Context, Result, bail};

use super::copy;
use crate::{cmd, must, root};

/// A Wine prefix and the built `sala.exe`, for the scenarios below.
struct Wine {
    prefix: PathBuf,
    dir: PathBuf,
}

impl Wine {
    /// A fresh prefix; `sala.exe` and (for the tests only) the `ProcessPrng` shim beside it.
    fn new(bin: &Path) -> Result<Self> {
        let base = root().join("target/windows/wine");
        if base.exists() {
            fs::remove_dir_all(&base)?;
        }
        let dir = base.join("bin");
        fs::create_dir_all(&dir)?;
        copy(&bin.join("sala.exe"), &dir.join("sala.exe"))?;
        let shim = root().join("tests/windows");
        let mut c = cmd("x86_64-w64-mingw32-gcc");
        c.args(["-shared", "-O2", "-o"])
            .arg(dir.join("bcryptprimitives.dll"))
            .arg(shim.join("bcryptprimitives.c"))
            .arg(shim.join("bcryptprimitives.def"))
            .arg("-ladvapi32");
        must(c)?;
        // Stand-ins, for the tests only: a program holding a file open, and one for .docx.
        for helper in ["hold", "viewer"] {
            let mut c = cmd("x86_64-w64-mingw32-gcc");
            c.args(["-municode", "-O2", "-o"])
                .arg(dir.join(format!("{helper}.exe")))
                .arg(shim.join(format!("{helper}.c")));
            must(c)?;
        }
        Ok(Self {
            prefix: base.join("prefix"),
            dir,
        })
    }

    /// `wine PROGRAM ARGS`, in this prefix, not yet started.
    fn command(&self, program: &Path, args: &[&str]) -> std::process::Command {
        let mut c = std::process::Command::new("wine");
        c.arg(program)
            .args(args)
            .env("WINEPREFIX", &self.prefix)
            .env("WINEDEBUG", "-all")
            // The shim first; no Mono or Gecko prompts in a fresh prefix.
            .env("WINEDLLOVERRIDES", "bcryptprimitives=n,b;mscoree,mshtml=")
            .env("SALA_LANG", "en");
        c
    }

    /// Runs `sala.exe ARGS` under Wine: (exit code, stdout, stderr).
    fn sala(&self, args: &[&str]) -> Result<(i32, String, String)> {
        let out = self
            .command(&self.dir.join("sala.exe"), args)
            .output()
            .context("wine (Debian's wine64) is needed for the Windows tests")?;
        Ok((
            out.status.code().unwrap_or(-1),
            String::from_utf8_lossy(&out.stdout).into_owned(),
            String::from_utf8_lossy(&out.stderr).into_owned(),
        ))
    }

    /// Runs and expects success; returns stdout.
    fn ok(&self, args: &[&str]) -> Result<String> {
        let (code, out, err) = self.sala(args)?;
        if code != 0 {
            bail!("sala.exe {args:?} failed ({code}): {err}");
        }
        Ok(out)
    }

    /// A path on the Wine prefix's C: drive, as Linux sees it.
    fn c(&self, path: &str) -> PathBuf {
        self.prefix.join("drive_c").join(path)
    }

    /// Holds the file `file` (a Windows path) open as Word does, for `ms` milliseconds, from
    /// another process; returns once it is held.
    fn hold(&self, file: &str, ms: u32) -> Result<std::process::Child> {
        let flag = self.c("held.flag");
        let _ = fs::remove_file(&flag);
        let child = self
            .command(
                &self.dir.join("hold.exe"),
                &[file, &ms.to_string(), "C:\\held.flag"],
            )
            .spawn()?;
        wait_for(&flag, "the file to be held")?;
        Ok(child)
    }

    /// Sets `name` (`S:`, or `unc/SERVER/SHARE`) in the prefix's devices to `target`: a mapped
    /// drive, or a share reached by its UNC path (`\\SERVER\SHARE`).
    fn device(&self, name: &str, target: &Path) -> Result<()> {
        let link = self.prefix.join("dosdevices").join(name);
        if let Some(parent) = link.parent() {
            fs::create_dir_all(parent)?;
        }
        std::os::unix::fs::symlink(target, &link)?;
        Ok(())
    }
}

/// Waits (at most 20 s) for `file` to appear.
fn wait_for(file: &Path, what: &str) -> Result<()> {
    for _ in 0..200 {
        if file.exists() {
            return Ok(());
        }
        std::thread::sleep(std::time::Duration::from_millis(100));
    }
    bail!("windows: waited 20 s for {what}")
}

/// Fails with `what` unless `cond`.
/// The id of the first picture `sala picture list --json` printed.
fn picture_id(listed: &str) -> Result<String> {
    let at = listed.find("\"id\": \"").context("no picture listed")? + 7;
    let id: String = listed[at..].chars().take_while(|c| *c != '"').collect();
    check(id.len() == 36, "a picture id")?;
    Ok(id)
}

pub(super) fn check(cond: bool, what: &str) -> Result<()> {
    if !cond {
        bail!("windows: {what}");
    }
    Ok(())
}

// Long by design: the Windows scenarios as a script, each step using what the one before made.
/// The CLI's scenarios under Wine: Sala's behaviour on Windows, tested here.
pub(crate) fn wine_scenarios(bin: &Path) -> Result<()> {
    let w = Wine::new(bin)?;
    let (a, b) = (["--data", "C:\\sala-a"], ["--data", "C:\\sala-b"]);
    fn with<'a>(d: [&'a str; 2], rest: &[&'a str]) -> Vec<&'a str> {
        d.iter().chain(rest).copied().collect()
    }
    // The demo, a Lao note, search in Lao.
    let made = w.ok(&with(a, &["--ui-lang", "lo", "init", "--demo"]))?;
    check(made.contains("ກອງປະຊຸມ"), "the demo is made, said in Lao")?;
    let note = w.ok(&with(
        a,
        &[
            "note",
            "add",
            "--group",
            "A",
            "--question",
            "1",
            "--text",
            "ຂໍ້ມູນສ່ວນບຸກຄົນ ຕ້ອງປອດໄພ",
        ],
    ))?;
    let id = note
        .split_whitespace()
        .find(|t| t.len() == 36 && t.matches('-').count() == 4)
        .context("no note id printed")?
        .to_owned();
    let hits = w.ok(&with(a, &["search", "ສ່ວນບຸກຄົນ"]))?;
    check(hits.contains(&id), "search finds the Lao note")?;

    // Two laptops through one shared folder on the Wine drive: join, then edits on both.
    fs::create_dir_all(w.c("share"))?;
    w.ok(&with(
        a,
        &["sync", "--folder", "C:\\share", "--label", "Table 1"],
    ))?;
    w.ok(&with(b, &["join", "--folder", "C:\\share"]))?;
    w.ok(&with(
        b,
        &["sync", "--folder", "C:\\share", "--label", "Table 2"],
    ))?;
    w.ok(&with(
        a,
        &["note", "edit", &id, "--text", "(ກະຊວງ) ຂໍ້ມູນສ່ວນບຸກຄົນ ຕ້ອງປອດໄພ"],
    ))?;
    w.ok(&with(
        b,
        &["note", "edit", &id, "--text", "ຂໍ້ມູນສ່ວນບຸກຄົນ ຕ້ອງປອດໄພ ສະເໝີ"],
    ))?;
    for _ in 0..2 {
        w.ok(&with(a, &["sync"]))?;
        w.ok(&with(b, &["sync"]))?;
    }
    for d in [a, b] {
        let dump = w.ok(&with(d, &["dump", "--json"]))?;
        check(
            dump.contains("(ກະຊວງ) ຂໍ້ມູນສ່ວນບຸກຄົນ ຕ້ອງປອດໄພ ສະເໝີ"),
            "both laptops hold both edits of the note",
        )?;
        let conflicts = w.ok(&with(d, &["conflicts", "--json"]))?;
        check(
            conflicts.contains("\"merged\""),
            "the merged text is listed to check",
        )?;
    }

    // A shared folder deeper than Windows' old 260-character limit.
    let deep = format!("C:\\{}", ["Sala ກອງປະຊຸມ ເອກະສານ ແລະ ຂໍ້ມູນ"; 8].join("\\"));
    check(deep.chars().count() > 260, "the deep folder is deep")?;
    fs::create_dir_all(w.c(&deep[3..].replace('\\', "/")))?;
    w.ok(&["--data", "C:\\sala-a", "sync", "--folder", &deep])?;

    // A network share: A reaches it as a mapped drive (S:), C by its UNC path; C joins and
    // has A's Lao note.
    let net = w.c("net-share");
    fs::create_dir_all(&net)?;
    w.device("s:", &net)?;
    w.device("unc/laohost/workshop", &net)?;
    w.ok(&with(a, &["sync", "--folder", "S:\\"]))?;
    let c = ["--data", "C:\\sala-unc"];
    w.ok(&with(c, &["join", "--folder", "\\\\laohost\\workshop"]))?;
    let dump = w.ok(&with(c, &["dump", "--json"]))?;
    check(
        dump.contains("ຂໍ້ມູນສ່ວນບຸກຄົນ ຕ້ອງປອດໄພ"),
        "a laptop joined through a UNC path has the note sent through a mapped drive",
    )?;
    let status = w.ok(&with(c, &["status"]))?;
    check(
        status.contains("\\\\laohost\\workshop"),
        "the UNC path is shown as typed",
    )?;
    w.ok(&with(a, &["sync", "--folder", "C:\\share"]))?;

    // An encrypted workshop: the key set on A, the files read on B with the passphrase.
    fs::write(w.c("pass.txt"), "ນະໂຍບາຍຂໍ້ມູນ 2026\n")?;
    w.ok(&with(
        a,
        &["key", "set", "--passphrase-file", "C:\\pass.txt"],
    ))?;
    w.ok(&with(a, &["sync", "--folder", "C:\\share"]))?;
    w.ok(&with(
        b,
        &["key", "set", "--passphrase-file", "C:\\pass.txt"],
    ))?;
    w.ok(&with(b, &["sync"]))?;

    // A phone's photo (sideways, with its location) from a folder with a Lao name: kept upright
    // and without its EXIF on A, encrypted through the folder, whole on B.
    fs::create_dir_all(w.c("ຮູບ"))?;
    fs::copy(
        "tests/fixtures/pictures/flipchart-sideways-gps.jpg",
        w.c("ຮູບ/flipchart.jpg"),
    )
    .context("the picture fixture (run from the workspace)")?;
    let added = w.ok(&with(
        a,
        &[
            "picture",
            "add",
            "C:\\ຮູບ\\flipchart.jpg",
            "--group",
            "A",
            "--question",
            "1",
            "--caption",
            "ເຈ້ຍຟລິບຊາດ",
        ],
    ))?;
    check(added.contains("1200 × 1600"), "the photo is kept upright")?;
    w.ok(&with(a, &["sync"]))?;
    w.ok(&with(b, &["sync"]))?;
    let on_b = w.ok(&with(b, &["picture", "list", "--json"]))?;
    check(
        on_b.contains("\"arrived\": true") && on_b.contains("ເຈ້ຍຟລິບຊາດ"),
        "the picture reached B through the folder, encrypted",
    )?;
    w.ok(&with(
        b,
        &[
            "picture",
            "export",
            &picture_id(&on_b)?,
            "--out",
            "C:\\ຮູບ\\from-b.jpg",
        ],
    ))?;
    let exported = fs::read(w.c("ຮູບ/from-b.jpg"))?;
    check(
        exported.starts_with(&[0xFF, 0xD8, 0xFF])
            && !exported.windows(13).any(|x| x == b"SalaTestPhone"),
        "the picture on B is a JPEG without the phone's EXIF",
    )?;

    // Every report format, under a folder with a Lao name.
    fs::create_dir_all(w.c("ລາຍງານ"))?;
    for out in [
        "C:\\ລາຍງານ\\report.docx",
        "C:\\ລາຍງານ\\report.html",
        "C:\\ລາຍງານ\\report.md",
    ] {
        w.ok(&["--data", "C:\\sala-a", "report", "--out", out])?;
    }
    w.ok(&[
        "--data",
        "C:\\sala-a",
        "actions",
        "--out",
        "C:\\ລາຍງານ\\plan.xlsx",
    ])?;
    w.ok(&[
        "--data",
        "C:\\sala-a",
        "brief",
        "--lang",
        "lo",
        "--out",
        "C:\\ລາຍງານ\\brief.docx",
    ])?;
    for f in [
        "report.docx",
        "report.html",
        "report.md",
        "plan.xlsx",
        "brief.docx",
    ] {
        let size = fs::metadata(w.c(&format!("ລາຍງານ/{f}")))?.len();
        check(size > 1000, &format!("{f} is written ({size} bytes)"))?;
    }
    // A report open in Word while it is written again: waited for while held a moment; held
    // on, refused with what to do, the old file whole and no temporary file left.
    let held = w.c("ລາຍງານ/held.docx");
    let held_win = "C:\\ລາຍງານ\\held.docx";
    fs::write(&held, "the report as it was")?;
    let mut holder = w.hold(held_win, 1500)?;
    w.ok(&["--data", "C:\\sala-a", "report", "--out", held_win])?;
    holder.wait()?;
    check(
        fs::read(&held)?.starts_with(b"PK"),
        "the report is written once the file is let go",
    )?;
    fs::write(&held, "the report as it was")?;
    let mut holder = w.hold(held_win, 9000)?;
    let (code, _, err) = w.sala(&["--data", "C:\\sala-a", "report", "--out", held_win])?;
    holder.wait()?;
    check(
        code == 1
            && err.contains("another program is using it")
            && err.contains("Close the program"),
        &format!("a file held open is said to be in use: {err}"),
    )?;
    check(
        fs::read_to_string(&held).is_ok_and(|t| t == "the report as it was"),
        "the held file is left whole",
    )?;
    let left: Vec<String> = fs::read_dir(w.c("ລາຍງານ"))?
        .filter_map(|e| e.ok())
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .filter(|n| n.starts_with('.') || n.contains("tmp"))
        .collect();
    check(
        left.is_empty(),
        &format!("no temporary file is left: {left:?}"),
    )?;

    // Opened through the Windows shell (as the app opens it): the program registered for
    // .docx is given the Lao path whole; a kind no program takes is said, the file kept.
    copy(&w.dir.join("viewer.exe"), &w.c("viewer.exe"))?;
    for (key, value) in [
        ("HKCR\\.docx", "SalaTest.Document"),
        (
            "HKCR\\SalaTest.Document\\shell\\open\\command",
            "\"C:\\viewer.exe\" \"%1\"",
        ),
    ] {
        let status = w
            .command(Path::new("reg"), &["add", key, "/ve", "/d", value, "/f"])
            .status()?;
        check(status.success(), "the stand-in for Word is registered")?;
    }
    let opened_win = "C:\\ລາຍງານ\\ລາຍງານ ກອງປະຊຸມ.docx";
    w.ok(&[
        "--data",
        "C:\\sala-a",
        "report",
        "--out",
        opened_win,
        "--open",
    ])?;
    wait_for(&w.c("opened.txt"), "the report to be opened")?;
    let opened = fs::read_to_string(w.c("opened.txt"))?;
    check(
        opened == opened_win,
        &format!("the shell opened the report by its Lao path: {opened}"),
    )?;
    let (code, _, err) = w.sala(&[
        "--data",
        "C:\\sala-a",
        "actions",
        "--out",
        "C:\\ລາຍງານ\\plan.xlsx",
        "--open",
    ])?;
    check(
        code == 1 && err.contains("is saved, but no program opened it"),
        &format!("no program for .xlsx is said: {err}"),
    )?;

    // A folder that is not there: said in the user's words, not Windows'.
    let (code, _, err) = w.sala(&[
        "--data",
        "C:\\sala-a",
        "report",
        "--out",
        "C:\\no-such-dir\\x.docx",
    ])?;
    check(
        code == 1 && err.contains("it does not exist") && !err.contains("os error"),
        "a missing folder is said in words",
    )?;

    // Backup and restore; a damaged database refused with the translated message.
    w.ok(&with(a, &["backup", "--out", "C:\\backup.db"]))?;
    w.ok(&with(
        a,
        &[
            "note",
            "add",
            "--group",
            "B",
            "--question",
            "1",
            "--text",
            "after the backup",
        ],
    ))?;
    w.ok(&with(a, &["restore", "C:\\backup.db"]))?;
    let dump = w.ok(&with(a, &["dump", "--json"]))?;
    check(
        !dump.contains("after the backup"),
        "the restore brings back the backup",
    )?;
    fs::create_dir_all(w.c("sala-c"))?;
    fs::write(w.c("sala-c/sala.db"), vec![0x5a; 64 * 1024])?;
    let (code, _, err) = w.sala(&["--data", "C:\\sala-c", "--ui-lang", "lo", "dump"])?;
    check(
        code != 0 && err.contains("ເສຍຫາຍ"),
        "a damaged database is refused, in Lao",
    )?;
    Ok(())
}

/// `sala-app.exe` where WebView2 is missing (Wine has none): it exits with the message, in both
/// languages, not with a crash.
pub(super) fn app_without_webview2(bin: &Path) -> Result<()> {
    let w = Wine::new(bin)?;
    for f in ["sala-app.exe", "WebView2Loader.dll"] {
        copy(&bin.join(f), &w.dir.join(f))?;
    }
    let out = std::process::Command::new("wine")
        .arg(w.dir.join("sala-app.exe"))
        .args(["--data", "C:\\sala-app"])
        .env("WINEPREFIX", &w.prefix)
        .env("WINEDEBUG", "-all")
        .env("WINEDLLOVERRIDES", "bcryptprimitives=n,b;mscoree,mshtml=")
        .env("SALA_NO_MESSAGE_BOX", "1")
        .output()?;
    let err = String::from_utf8_lossy(&out.stderr);
    check(
        out.status.code() == Some(1)
            && err.contains("WebView2 Runtime")
            && err.contains("ຕ້ອງການ Microsoft Edge WebView2"),
        &format!(
            "sala-app.exe without WebView2 says so ({:?}): {err}",
            out.status
        ),
    )
}
