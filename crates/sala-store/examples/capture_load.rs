//! Measured harness for docs/benchmarks.md (`cargo xtask bench`, or
//! `cargo run --release -p sala-store --example capture_load`): a workshop of 10 groups ×
//! 2,000 notes, 500 SWOT cards and 200 actions in a real SQLite file (WAL, synchronous=FULL),
//! then the latency of what a table does most: a keystroke's save, opening a question's notes,
//! opening a full board.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::print_stdout)]

use std::time::{Duration, Instant};

use sala_core::api::{ActionDraft, NewCard, NewNote};
use sala_core::model::{Group, Quadrant};
use sala_core::op::new_id;
use sala_store::workshop::groups::Groups;
use sala_store::{MachineIdentity, Store};

const GROUPS: usize = 10;
const NOTES_PER_GROUP: usize = 2_000;
const CARDS: usize = 500;
const ACTIONS: usize = 200;

fn percentile(samples: &mut [Duration], p: f64) -> Duration {
    samples.sort();
    let i = ((samples.len() as f64 - 1.0) * p).round() as usize;
    samples[i]
}

fn report(name: &str, mut samples: Vec<Duration>) {
    let p50 = percentile(&mut samples, 0.50);
    let p99 = percentile(&mut samples, 0.99);
    let max = *samples.last().unwrap();
    println!(
        "| {name} | {} | {:.2} ms | {:.2} ms | {:.2} ms |",
        samples.len(),
        p50.as_secs_f64() * 1e3,
        p99.as_secs_f64() * 1e3,
        max.as_secs_f64() * 1e3
    );
}

fn status_kib(field: &str) -> u64 {
    std::fs::read_to_string("/proc/self/status")
        .ok()
        .and_then(|s| {
            s.lines()
                .find(|l| l.starts_with(field))
                .and_then(|l| l.split_whitespace().nth(1))
                .and_then(|n| n.parse().ok())
        })
        .unwrap_or(0)
}

// Long by design: a measured harness, its phases in the order a user meets them.
fn main() {
    let dir = tempfile::tempdir().unwrap();
    let mut store = Store::open_in(dir.path(), &MachineIdentity("bench".into())).unwrap();
    let (workshop, _) = store.ensure_demo().unwrap();
    let ov = store.overview().unwrap();
    let started = Instant::now();

    // Ten groups: the demo's four and six more, each on two focus areas.
    store
        .write(|w| {
            for i in ov.groups.len()..GROUPS {
                let g = Group {
                    id: new_id(),
                    workshop_id: workshop.id.clone(),
                    name: format!("T{i}"),
                    position: i as u32,
                    focus_area_ids: vec![
                        ov.focus_areas[i % 10].id.clone(),
                        ov.focus_areas[(i + 3) % 10].id.clone(),
                    ],
                    facilitator: String::new(),
                    note_taker: String::new(),
                    deleted: false,
                };
                w.create::<Groups>(&workshop.id, &g)?;
            }
            Ok(())
        })
        .unwrap();
    let groups = store.overview().unwrap().groups;
    let lao = "ການແບ່ງປັນຂໍ້ມູນລະຫວ່າງກະຊວງຍັງມີຂໍ້ຈຳກັດ ເນື່ອງຈາກບໍ່ມີກົດໝາຍ ແລະ ມາດຕະຖານຮ່ວມ";
    for g in &groups {
        for n in 0..NOTES_PER_GROUP {
            let q = &ov.questions[n % ov.questions.len()];
            let text = if n % 2 == 0 {
                format!("{lao} #{n}")
            } else {
                format!("Data sharing needs a legal basis, note {n}")
            };
            store
                .add_note(&NewNote {
                    group_id: g.id.clone(),
                    question_id: q.id.clone(),
                    text,
                    lang: None,
                    agenda_item_id: None,
                })
                .unwrap();
        }
    }
    let mut cards = Vec::new();
    for i in 0..CARDS {
        let g = &groups[i % GROUPS];
        let quadrant = [
            Quadrant::Strengths,
            Quadrant::Weaknesses,
            Quadrant::Opportunities,
            Quadrant::Threats,
        ][i % 4];
        let card = store
            .add_card(&NewCard {
                group_id: g.id.clone(),
                focus_area_id: g.focus_area_ids[0].clone(),
                quadrant,
                text: format!("ບັດ {i}: data governance point"),
                stakeholder: None,
                source_note_id: None,
                agenda_item_id: None,
            })
            .unwrap();
        if i % 3 == 0 {
            store.vote(&card.id, &format!("voter{}", i % 7)).unwrap();
        }
        cards.push(card);
    }
    for (i, card) in cards.iter().take(ACTIONS).enumerate() {
        let mut d = ActionDraft::titled(format!("Action {i}"));
        d.due_date = Some(format!("2024-{:02}-15", i % 12 + 1));
        d.source_id = Some(card.id.clone());
        store.add_action(&d).unwrap();
    }
    let load_secs = started.elapsed().as_secs_f64();

    println!("| operation | runs | p50 | p99 | max |");
    println!("|---|---|---|---|---|");

    // A keystroke's save: the autosave's `update_note` on a note of a busy question.
    let g0 = &groups[0];
    let q0 = &ov.questions[0];
    let note = store
        .add_note(&NewNote {
            group_id: g0.id.clone(),
            question_id: q0.id.clone(),
            text: "ກ".into(),
            lang: None,
            agenda_item_id: None,
        })
        .unwrap();
    let mut text = String::from("ກ");
    let mut saves = Vec::new();
    for i in 0..500 {
        text.push(if i % 2 == 0 { 'າ' } else { 'ນ' });
        let t = Instant::now();
        store.update_note_text(&note.id, &text).unwrap();
        saves.push(t.elapsed());
    }
    report("keystroke to durable (update note, fsync)", saves);

    let mut adds = Vec::new();
    for i in 0..300 {
        let t = Instant::now();
        store
            .add_note(&NewNote {
                group_id: g0.id.clone(),
                question_id: q0.id.clone(),
                text: format!("new {i}"),
                lang: None,
                agenda_item_id: None,
            })
            .unwrap();
        adds.push(t.elapsed());
    }
    report("new note (Enter, fsync)", adds);

    let mut opens = Vec::new();
    let mut listed = 0;
    for i in 0..200 {
        let g = &groups[i % GROUPS];
        let t = Instant::now();
        listed = store.notes_for(&g.id, &q0.id).unwrap().len();
        opens.push(t.elapsed());
    }
    report(&format!("open a question's notes ({listed} notes)"), opens);

    let mut boards = Vec::new();
    let mut on_board = 0;
    for i in 0..200 {
        let g = &groups[i % GROUPS];
        let t = Instant::now();
        on_board = store
            .board(&g.id, &g.focus_area_ids[0])
            .unwrap()
            .cards
            .len();
        boards.push(t.elapsed());
    }
    report(
        &format!("open a full board ({on_board} cards with votes)"),
        boards,
    );

    let mut plans = Vec::new();
    for _ in 0..100 {
        let t = Instant::now();
        store.actions().unwrap();
        plans.push(t.elapsed());
    }
    report(&format!("open the action plan ({ACTIONS} actions)"), plans);

    let db = std::fs::metadata(dir.path().join("sala.db"))
        .map(|m| m.len())
        .unwrap_or(0);
    println!(
        "\nLoad of {} notes, {CARDS} cards, {ACTIONS} actions: {load_secs:.1} s (each its own durable transaction). \
         Database {:.1} MB. Process memory: RSS {:.0} MiB (peak {:.0} MiB).",
        GROUPS * NOTES_PER_GROUP,
        db as f64 / 1e6,
        status_kib("VmRSS:") as f64 / 1024.0,
        status_kib("VmHWM:") as f64 / 1024.0,
    );
}
