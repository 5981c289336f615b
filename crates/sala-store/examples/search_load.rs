//! Measured harness for docs/benchmarks.md: search over 100,000 mixed Lao/English notes
//! (`cargo run --release -p sala-store --example search_load`), beside a plain FTS5 trigram
//! query on the same index as the floor.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::print_stdout)]

use std::time::{Duration, Instant};

use sala_core::api::SearchQuery;
use sala_core::model::Note;
use sala_core::op::new_id;
use sala_store::notes::rows::Notes;
use sala_store::{MachineIdentity, Store};

const NOTES: usize = 100_000;

fn words() -> Vec<String> {
    include_str!("../../../tests/fixtures/lao-words.tsv")
        .lines()
        .filter(|l| !l.starts_with('#'))
        .filter_map(|l| l.split('\t').nth(1).map(str::to_owned))
        .collect()
}

fn pct(samples: &mut [Duration], p: f64) -> f64 {
    samples.sort();
    samples[((samples.len() as f64 - 1.0) * p).round() as usize].as_secs_f64() * 1e3
}

// Long by design: a measured harness, its phases in the order a user meets them.
fn main() {
    let dir = tempfile::tempdir().unwrap();
    let mut store = Store::open_in(dir.path(), &MachineIdentity("bench".into())).unwrap();
    let (workshop, _) = store.ensure_demo().unwrap();
    let ov = store.overview().unwrap();
    let words = words();
    let english = [
        "data",
        "sharing",
        "ministry",
        "law",
        "budget",
        "training",
        "cloud",
        "security",
        "standards",
        "portal",
    ];
    let started = Instant::now();
    // Deterministic pseudo-random notes: 3–8 Lao words run together, every third with English.
    let mut seed = 0x2545_F491_4F6C_DD1Du64;
    let mut next = move || {
        seed ^= seed << 13;
        seed ^= seed >> 7;
        seed ^= seed << 17;
        seed
    };
    for chunk in 0..(NOTES / 5_000) {
        store
            .write(|w| {
                for i in 0..5_000 {
                    let n = chunk * 5_000 + i;
                    let k = 3 + (next() % 6) as usize;
                    let mut text: String = (0..k)
                        .map(|_| words[(next() % words.len() as u64) as usize].as_str())
                        .collect();
                    if n % 3 == 0 {
                        text.push(' ');
                        text.push_str(english[(next() % english.len() as u64) as usize]);
                    }
                    let hlc = w.tick();
                    let g = &ov.groups[n % ov.groups.len()];
                    let q = &ov.questions[n % ov.questions.len()];
                    let note = Note {
                        id: new_id(),
                        workshop_id: workshop.id.clone(),
                        group_id: g.id.clone(),
                        question_id: q.id.clone(),
                        agenda_item_id: None,
                        lang: sala_core::text::detect_language(&text),
                        text,
                        key_point: n % 11 == 0,
                        ..Note::captured(w.device(), &hlc.to_string())
                    };
                    w.create_at::<Notes>(hlc, &workshop.id, &note)?;
                }
                Ok(())
            })
            .unwrap();
    }
    let load = started.elapsed().as_secs_f64();

    // Queries: every tenth fixture word, every word of one or two characters (the ones no
    // trigram serves), and the English words.
    let mut queries: Vec<String> = words.iter().step_by(10).cloned().collect();
    for w in &words {
        if sala_text::fold(w).chars().count() < 3 && !queries.contains(w) {
            queries.push(w.clone());
        }
    }
    queries.extend(english.iter().map(|s| (*s).to_owned()));
    let mut scan = Vec::new();
    let mut sala = Vec::new();
    let mut floor = Vec::new();
    let mut hits_total = 0usize;
    let mut timed: Vec<(Duration, String)> = Vec::new();
    let conn = store.read();
    for q in &queries {
        let t = Instant::now();
        hits_total += store
            .search(&SearchQuery {
                text: q.clone(),
                limit: 50,
                ..Default::default()
            })
            .unwrap()
            .len();
        sala.push(t.elapsed());
        timed.push((t.elapsed(), q.clone()));
        let folded = sala_text::fold(q);
        if folded.chars().count() >= 3 {
            let t = Instant::now();
            let mut stmt = conn
                .prepare_cached("SELECT rowid FROM search_fts WHERE search_fts MATCH ?1 LIMIT 50")
                .unwrap();
            let n = stmt
                .query_map([format!("\"{folded}\"")], |r| r.get::<_, i64>(0))
                .unwrap()
                .count();
            std::hint::black_box(n);
            floor.push(t.elapsed());
        } else {
            // The substring scan short terms used before the short-gram index.
            let t = Instant::now();
            let mut stmt = conn
                .prepare_cached("SELECT rowid FROM search_docs WHERE instr(body, ?1) > 0 LIMIT 50")
                .unwrap();
            let n = stmt
                .query_map([&folded], |r| r.get::<_, i64>(0))
                .unwrap()
                .count();
            std::hint::black_box(n);
            scan.push(t.elapsed());
        }
    }
    let mut long: Vec<Duration> = timed
        .iter()
        .filter(|(_, q)| sala_text::fold(q).chars().count() >= 3)
        .map(|(d, _)| *d)
        .collect();
    let mut short: Vec<Duration> = timed
        .iter()
        .filter(|(_, q)| sala_text::fold(q).chars().count() < 3)
        .map(|(d, _)| *d)
        .collect();
    timed.sort();
    let slowest: Vec<String> = timed
        .iter()
        .rev()
        .take(5)
        .map(|(d, q)| {
            format!(
                "{q} ({} chars) {:.0} ms",
                q.chars().count(),
                d.as_secs_f64() * 1e3
            )
        })
        .collect();
    let fts_bytes: i64 = conn
        .query_row(
            "SELECT coalesce(sum(length(block)), 0) FROM search_fts_data",
            [],
            |r| r.get(0),
        )
        .unwrap();
    let short_bytes: i64 = conn
        .query_row(
            "SELECT coalesce(sum(length(block)), 0) FROM search_short_data",
            [],
            |r| r.get(0),
        )
        .unwrap();
    let doc_bytes: i64 = conn
        .query_row(
            "SELECT coalesce(sum(length(body) + length(display)), 0) FROM search_docs",
            [],
            |r| r.get(0),
        )
        .unwrap();
    let db = std::fs::metadata(dir.path().join("sala.db"))
        .map(|m| m.len())
        .unwrap_or(0);
    println!("| | queries | p50 | p95 | max |");
    println!("|---|---|---|---|---|");
    let n_sala = sala.len();
    let max_sala = sala.iter().max().unwrap().as_secs_f64() * 1e3;
    println!(
        "| Sala search (rank + highlights, top 50) | {n_sala} | {:.1} ms | {:.1} ms | {max_sala:.1} ms |",
        pct(&mut sala, 0.5),
        pct(&mut sala, 0.95)
    );
    let n_floor = floor.len();
    let max_floor = floor.iter().max().unwrap().as_secs_f64() * 1e3;
    println!(
        "| plain FTS5 trigram MATCH, LIMIT 50 (3+ characters only) | {n_floor} | {:.1} ms | {:.1} ms | {max_floor:.1} ms |",
        pct(&mut floor, 0.5),
        pct(&mut floor, 0.95)
    );
    let n_scan = scan.len();
    let max_scan = scan.iter().max().unwrap().as_secs_f64() * 1e3;
    println!(
        "| plain substring scan (instr), LIMIT 50 (1–2 characters only) | {n_scan} | {:.1} ms | {:.1} ms | {max_scan:.1} ms |",
        pct(&mut scan, 0.5),
        pct(&mut scan, 0.95)
    );
    println!(
        "\n{NOTES} notes loaded in {load:.1} s; {hits_total} hits returned in all. Index: FTS5 trigram {:.1} MB + short grams {:.1} MB + documents {:.1} MB; whole database {:.1} MB.",
        fts_bytes as f64 / 1e6,
        short_bytes as f64 / 1e6,
        doc_bytes as f64 / 1e6,
        db as f64 / 1e6
    );
    println!(
        "Queries of 3+ characters: {} queries, p50 {:.1} ms, p95 {:.1} ms. Queries of 1–2 characters (short-gram index): {} queries, p50 {:.1} ms, p95 {:.1} ms.",
        long.len(),
        pct(&mut long, 0.5),
        pct(&mut long, 0.95),
        short.len(),
        pct(&mut short, 0.5),
        pct(&mut short, 0.95)
    );
    println!("Slowest queries: {}", slowest.join("; "));
}
