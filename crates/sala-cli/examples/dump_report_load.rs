//! Measured harness for docs/benchmarks.md: `sala dump --json` and `sala report --format docx`
//! on a workshop of N notes, through the real store on a real file — the path a coordinator
//! takes (issue 14: it grew quadratically while a benchmark built its workshop in memory).
//!
//! ```text
//! cargo run --release -p sala-cli --example dump_report_load -- setup DIR NOTES
//! cargo run --release -p sala-cli --example dump_report_load -- dump DIR
//! cargo run --release -p sala-cli --example dump_report_load -- docx DIR
//! cargo run --release -p sala-cli --example dump_report_load -- docx-sessions DIR
//! cargo run --release -p sala-cli --example dump_report_load -- matrix DIR
//! cargo run --release -p sala-cli --example dump_report_load -- matrix-session DIR
//! ```
//!
//! `setup` writes the demo workshop with NOTES notes across its groups and questions (one in
//! ten marked a key point, so it has been changed after it was made; each taken in a session
//! of the agenda, one in eight outside any) into DIR. `dump`, `docx` and `docx-sessions` (the
//! summary session by session, `sala report --by-session`) do what the CLI does; `matrix` and
//! `matrix-session` what the coordinator's matrix does (every session, or the first one) — open the store, read the workshop from one snapshot, write
//! the JSON or the DOCX — one per process, so the peak resident set (`VmHWM`) is theirs; the
//! time is the median of 3 runs, each opening the store anew.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::print_stdout)]

use std::path::Path;
use std::time::{Duration, Instant};

#[path = "../../sala-store/examples/common/bulk.rs"]
mod bulk;

use sala_core::api::{
    MatrixFilter, NoteChange, ReportKind, ReportParts, ReportRequest, SessionFilter,
};
use sala_store::{MachineIdentity, Store};

#[path = "../../sala-store/examples/common/memory.rs"]
mod memory;
use memory::status_kb;

fn machine() -> MachineIdentity {
    MachineIdentity("bench".into())
}

fn setup(dir: &Path, n: usize) {
    let mut store = Store::open_in(dir, &machine()).unwrap();
    store.ensure_demo().unwrap();
    let ids = bulk::add_notes(&mut store, n, |k| {
        format!("ການແບ່ງປັນຂໍ້ມູນລະຫວ່າງກະຊວງ {k}: data sharing between ministries needs a law")
    });
    for id in ids.iter().step_by(10) {
        store.change_note(id, &NoteChange::KeyPoint(true)).unwrap();
    }
    println!(
        "set up {n} notes in {}",
        dir.join(sala_store::DB_FILE).display()
    );
}

fn main() {
    let args: Vec<String> = std::env::args().collect();
    let mode = args.get(1).map_or("dump", String::as_str);
    let dir = Path::new(args.get(2).expect("DIR"));
    if mode == "setup" {
        let n = args.get(3).and_then(|v| v.parse().ok()).unwrap_or(1_000);
        setup(dir, n);
        return;
    }
    let out_dir = tempfile::tempdir().unwrap();
    let before = status_kb("VmRSS:");
    let mut times: Vec<Duration> = Vec::new();
    let mut size = 0;
    let mut notes = 0;
    for _ in 0..3 {
        let t = Instant::now();
        let store = Store::open_in(dir, &machine()).unwrap();
        if let Some(session) = match mode {
            "matrix" => Some(SessionFilter::Any),
            "matrix-session" => Some(SessionFilter::Session(
                store.overview().unwrap().agenda[0].id.clone(),
            )),
            _ => None,
        } {
            // The coordinator's matrix: what the view asks for, nothing else read.
            let m = store
                .matrix(&MatrixFilter {
                    device: None,
                    session,
                })
                .unwrap();
            notes = m.cells.iter().map(|c| c.notes as usize).max().unwrap_or(0);
            size = serde_json::to_vec(&m).unwrap().len();
            times.push(t.elapsed());
            continue;
        }
        // As the app and the CLI read them: the workshop, the table labels, the pictures.
        let sala_store::pictures::ReportReading {
            dump,
            tables,
            pictures,
        } = store.report_reading(true).unwrap();
        notes = dump.notes.len();
        let bytes = match mode {
            "dump" => serde_json::to_string_pretty(&dump).unwrap().into_bytes(),
            "docx" | "docx-sessions" => {
                let out = out_dir.path().join("report.docx");
                let request = ReportRequest {
                    kind: ReportKind::Summary,
                    format: "docx".into(),
                    lang: "both".into(),
                    parts: ReportParts {
                        by_session: mode == "docx-sessions",
                        ..ReportParts::default()
                    },
                    path: out.display().to_string(),
                    form: None,
                    anonymised: Some(false),
                    pictures_checked: None,
                };
                sala_report::produce_request(&dump, &tables, &pictures, &request).unwrap()
            }
            other => panic!("unknown mode {other}"),
        };
        let written = out_dir.path().join("out");
        std::fs::write(&written, &bytes).unwrap();
        times.push(t.elapsed());
        size = bytes.len();
    }
    times.sort();
    // (For the matrix: the most notes one cell counts.)
    println!(
        "| {mode} | {notes} notes | {:.2} s | {:.1} MB | {:.0} MB |",
        times[1].as_secs_f64(),
        size as f64 / 1e6,
        (status_kb("VmHWM:").saturating_sub(before)) as f64 / 1024.0,
    );
}
