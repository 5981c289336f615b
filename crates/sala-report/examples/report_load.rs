//! Measured harness for docs/benchmarks.md: time and peak memory to produce each output.
//!
//! `cargo run --release -p sala-report --example report_load -- FORMAT SCALE` where FORMAT is
//! docx, html, md, brief (DOCX), xlsx or csv and SCALE is `demo` (the fixture workshop of the
//! tests) or `large` (10 groups × 2,000 notes). One format per process, so the peak resident set
//! (`VmHWM`) belongs to that format alone; the time is the median of 5 runs.

#![allow(clippy::unwrap_used, clippy::print_stdout)]

#[path = "../tests/fixture/mod.rs"]
mod fixture;

use std::time::{Duration, Instant};

use sala_report::{Input, ReportLang, actions, brief, docx, html, markdown, summary};

#[path = "../../sala-store/examples/common/memory.rs"]
mod memory;
use memory::status_kb;

fn main() {
    let args: Vec<String> = std::env::args().collect();
    let format = args.get(1).map_or("docx", String::as_str).to_owned();
    let scale = args.get(2).map_or("large", String::as_str).to_owned();
    let w = match scale.as_str() {
        "demo" => fixture::filled(),
        _ => fixture::large(10, 2_000, false),
    };
    let before = status_kb("VmRSS:");
    let lang = ReportLang::Both;
    let input = Input {
        dump: &w.dump,
        tables: &w.tables,
        pictures: &w.pictures,
        parts: Default::default(),
        lang,
    };
    let mut times: Vec<Duration> = Vec::new();
    let mut size = 0;
    for _ in 0..5 {
        let t = Instant::now();
        let bytes = match format.as_str() {
            "docx" => docx::render(&summary(input)).unwrap(),
            "html" => html::render(&summary(input)).into_bytes(),
            "md" => markdown::render(&summary(input)).into_bytes(),
            "brief" => docx::render(&brief::brief(Input {
                lang: ReportLang::Lo,
                ..input
            }))
            .unwrap(),
            "xlsx" => actions::xlsx(&w.dump, ReportLang::Lo).unwrap(),
            "csv" => actions::csv(&w.dump, ReportLang::Lo),
            other => panic!("unknown format {other}"),
        };
        times.push(t.elapsed());
        size = bytes.len();
    }
    times.sort();
    println!(
        "| {format} | {scale} ({} notes) | {:.1} ms | {:.2} MB | {:.1} MB | {:.1} MB |",
        w.dump.notes.len(),
        times[2].as_secs_f64() * 1e3,
        size as f64 / 1e6,
        status_kb("VmHWM:") as f64 / 1024.0,
        (status_kb("VmHWM:").saturating_sub(before)) as f64 / 1024.0,
    );
}
