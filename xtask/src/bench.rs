//! `cargo xtask bench`: start-up, idle memory and size of Sala beside a bare Tauri v2 app built
//! the same way (`benches/bare-tauri`), on this machine. Prints the table for docs/benchmarks.md.
//!
//! Start-up is timed from outside: from spawning the release binary to the line the UI makes
//! the shell print once its first screen is painted (`SALA_STARTUP_REPORT`). Memory is the PSS
//! of the app and every process it started (WebKit's web and network processes), 3 s after
//! that paint.

use std::io::{BufRead, BufReader};
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use anyhow::{Context, Result, bail};

use crate::{cmd, has_display, must, root, setup};

const RUNS: usize = 7;

struct App {
    name: &'static str,
    binary: PathBuf,
    deb_dir: PathBuf,
    args: Vec<String>,
}

fn build(dir: &Path) -> Result<()> {
    let mut c = cmd(root()
        .join("ui/node_modules/.bin/tauri")
        .to_str()
        .unwrap_or("tauri"));
    c.current_dir(dir).args(["build", "--bundles", "deb"]);
    must(c)
}

fn pss_kib(pid: u32) -> u64 {
    std::fs::read_to_string(format!("/proc/{pid}/smaps_rollup"))
        .ok()
        .and_then(|s| {
            s.lines()
                .find(|l| l.starts_with("Pss:"))
                .and_then(|l| l.split_whitespace().nth(1))
                .and_then(|n| n.parse().ok())
        })
        .unwrap_or(0)
}

fn children(pid: u32) -> Vec<u32> {
    let mut out = Vec::new();
    let Ok(entries) = std::fs::read_dir("/proc") else {
        return out;
    };
    for e in entries.flatten() {
        let Some(child) = e.file_name().to_str().and_then(|n| n.parse::<u32>().ok()) else {
            continue;
        };
        let Ok(stat) = std::fs::read_to_string(format!("/proc/{child}/stat")) else {
            continue;
        };
        // The command name is in parentheses and may hold spaces: the fields after it are fixed.
        let Some(after) = stat.rfind(')').map(|i| &stat[i + 2..]) else {
            continue;
        };
        if after
            .split_whitespace()
            .nth(1)
            .and_then(|p| p.parse::<u32>().ok())
            == Some(pid)
        {
            out.push(child);
        }
    }
    out
}

fn tree_pss_kib(pid: u32) -> u64 {
    let mut total = pss_kib(pid);
    for c in children(pid) {
        total += tree_pss_kib(c);
    }
    total
}

/// One start: (ms to first paint, ms to the workspace when the app reports it, PSS in KiB of
/// the whole process tree when idle).
fn one_run(app: &App, home: &Path) -> Result<(f64, Option<f64>, u64)> {
    let started = Instant::now();
    let mut child = Command::new(&app.binary)
        .args(&app.args)
        .env("SALA_STARTUP_REPORT", "1")
        .env("XDG_DATA_HOME", home.join("data"))
        .env("XDG_CACHE_HOME", home.join("cache"))
        .env("XDG_CONFIG_HOME", home.join("config"))
        .stderr(Stdio::piped())
        .stdout(Stdio::null())
        .spawn()
        .with_context(|| format!("start {}", app.binary.display()))?;
    let stderr = child.stderr.take().context("stderr")?;
    let (tx, rx) = std::sync::mpsc::channel();
    std::thread::spawn(move || {
        for line in BufReader::new(stderr).lines().map_while(Result::ok) {
            if line.contains("sala: ui-ready") {
                let _ = tx.send((false, started.elapsed()));
            } else if line.contains("sala: workspace-ready") {
                let _ = tx.send((true, started.elapsed()));
            }
        }
    });
    let Ok((_, first)) = rx.recv_timeout(Duration::from_secs(30)) else {
        let _ = child.kill();
        bail!("{} never reported its first paint", app.name);
    };
    let ms = first.as_secs_f64() * 1000.0;
    let workspace = rx
        .recv_timeout(Duration::from_secs(3))
        .ok()
        .map(|(_, t)| t.as_secs_f64() * 1000.0);
    std::thread::sleep(Duration::from_secs(3));
    let pss = tree_pss_kib(child.id());
    let _ = Command::new("kill")
        .args(["-TERM", &child.id().to_string()])
        .status();
    let deadline = Instant::now() + Duration::from_secs(5);
    while Instant::now() < deadline {
        if child.try_wait()?.is_some() {
            break;
        }
        std::thread::sleep(Duration::from_millis(50));
    }
    let _ = child.kill();
    let _ = child.wait();
    Ok((ms, workspace, pss))
}

fn median(mut v: Vec<f64>) -> f64 {
    v.sort_by(f64::total_cmp);
    v[v.len() / 2]
}

fn size_of(path: &Path) -> u64 {
    path.metadata().map(|m| m.len()).unwrap_or(0)
}

fn deb_in(dir: &Path) -> Option<PathBuf> {
    std::fs::read_dir(dir)
        .ok()?
        .flatten()
        .map(|e| e.path())
        .find(|p| p.extension().is_some_and(|e| e == "deb"))
}

// Long by design: every measured harness in turn, with where its numbers go.
pub fn bench() -> Result<()> {
    if !has_display() {
        // Re-run under a virtual display.
        let me = std::env::current_exe()?;
        let mut c = cmd("xvfb-run");
        c.args(["-a", "-s", "-screen 0 1366x768x24"])
            .arg(me)
            .arg("bench");
        return must(c);
    }
    setup(false)?;
    build(&root().join("src-tauri"))?;
    build(&root().join("benches/bare-tauri"))?;
    let scratch = std::env::temp_dir().join(format!("sala-bench-{}", std::process::id()));
    let data = scratch.join("sala-data");
    let apps = [
        App {
            name: "bare Tauri v2",
            binary: root().join("benches/bare-tauri/target/release/bare-tauri"),
            deb_dir: root().join("benches/bare-tauri/target/release/bundle/deb"),
            args: vec![],
        },
        App {
            name: "Sala",
            binary: root().join("target/release/sala-app"),
            deb_dir: root().join("target/release/bundle/deb"),
            args: vec!["--data".into(), data.display().to_string()],
        },
    ];
    // Sala's first start creates the demo workshop; time it once, apart.
    let first = one_run(&apps[1], &scratch.join("home-first"))?;
    let mut rows = Vec::new();
    let mut workspace_times = Vec::new();
    for app in &apps {
        let mut times = Vec::new();
        let mut mem = Vec::new();
        // One warm-up start, not counted (page cache, font cache).
        one_run(app, &scratch.join("home"))?;
        for _ in 0..RUNS {
            let (ms, workspace, pss) = one_run(app, &scratch.join("home"))?;
            times.push(ms);
            mem.push(pss as f64);
            workspace_times.extend(workspace);
        }
        let deb = deb_in(&app.deb_dir).map(|p| size_of(&p)).unwrap_or(0);
        rows.push((
            app.name,
            median(times),
            median(mem) / 1024.0,
            size_of(&app.binary) as f64 / 1e6,
            deb as f64 / 1e6,
        ));
    }
    let _ = std::fs::remove_dir_all(&scratch);
    let (bare, sala) = (rows[0], rows[1]);
    println!(
        "| | start to first paint (median of {RUNS}) | idle PSS, all processes | release binary | .deb |"
    );
    println!("|---|---|---|---|---|");
    for (name, ms, mib, bin, deb) in &rows {
        println!("| {name} | {ms:.0} ms | {mib:.0} MiB | {bin:.1} MB | {deb:.1} MB |");
    }
    println!(
        "| **Sala ÷ bare** | **{:.2}×** | **{:.2}×** | {:.2}× | {:.2}× |",
        sala.1 / bare.1,
        sala.2 / bare.2,
        sala.3 / bare.3,
        sala.4 / bare.4
    );
    if !workspace_times.is_empty() {
        println!(
            "\nSala paints the group's workspace (notes under a guiding question) the frame after: {:.0} ms after start (median).",
            median(workspace_times)
        );
    }
    println!(
        "Sala's very first start (creates the demo workshop): first paint {:.0} ms, {:.0} MiB",
        first.0,
        first.2 as f64 / 1024.0
    );
    Ok(())
}
