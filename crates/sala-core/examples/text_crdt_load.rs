//! Measured harness for docs/benchmarks.md (`cargo run --release -p sala-core --example
//! text_crdt_load`): the cost of merging note bodies as text with `yrs`.
//!
//! 1. One note typed the way the autosave saves it: 500 saves, each a few characters longer.
//! 2. Two laptops editing one note offline, 250 saves each, then merged from all 501 ops.
//! 3. A trace shaped like the B4 editing trace Yjs is usually measured with (182,315 one-character
//!    insertions and 77,463 deletions, 259,778 operations) in one document.

#![allow(
    clippy::unwrap_used,
    clippy::print_stdout,
    clippy::cast_possible_truncation
)]

use std::time::{Duration, Instant};

use sala_core::hlc::Hlc;
use sala_core::op::{Entity, Op, OpKind, new_id};
use sala_core::text_merge::{TextDoc, edit_doc, materialize};
use serde_json::json;
use yrs::{Doc, GetString, ReadTxn, Text, Transact};

fn op(id: String, wall: u64, kind: OpKind, value: serde_json::Value, update: Option<String>) -> Op {
    Op {
        id,
        hlc: Hlc {
            wall_ms: wall,
            counter: 0,
            device: "d".into(),
        },
        device: "d".into(),
        workshop_id: "w".into(),
        entity: Entity::Note,
        entity_id: "n".into(),
        kind,
        field: if kind == OpKind::Set {
            "text".into()
        } else {
            String::new()
        },
        value,
        prev: vec![],
        text_update: update,
    }
}

fn pct(mut v: Vec<Duration>, p: f64) -> f64 {
    v.sort();
    let i = ((v.len() as f64 - 1.0) * p).round() as usize;
    v[i].as_secs_f64() * 1000.0
}

/// `saves` saves of a note typed in Lao on one laptop, offline. Returns the ops.
fn typing(saves: usize, start_wall: u64, create: &Op, word: &str) -> Vec<Op> {
    let doc = materialize(&[create]);
    let mut text = doc.text();
    let mut ops = Vec::new();
    for i in 0..saves {
        let base = text.clone();
        text.push_str(if i % 2 == 0 { word } else { "ກັນ " });
        let id = new_id();
        let (update, _) = edit_doc(&doc, &id, &base, &text);
        ops.push(op(
            id,
            start_wall + i as u64,
            OpKind::Set,
            json!(text),
            Some(update),
        ));
    }
    ops
}

// Long by design: a measured harness, its phases in the order a user meets them.
fn main() {
    let create = op(
        new_id(),
        1,
        OpKind::Create,
        json!({"id": "n", "text": "ຂໍ້ມູນ "}),
        None,
    );

    // 1. One laptop typing.
    let doc = materialize(&[&create]);
    let mut text = doc.text();
    let mut ops = vec![create.clone()];
    let mut times = Vec::new();
    let mut update_bytes = 0;
    for i in 0..500 {
        let base = text.clone();
        text.push_str(if i % 2 == 0 {
            "ການແບ່ງ"
        } else {
            "ປັນ "
        });
        let id = new_id();
        let t = Instant::now();
        let (update, _) = edit_doc(&doc, &id, &base, &text);
        times.push(t.elapsed());
        update_bytes += update.len();
        ops.push(op(id, 2 + i, OpKind::Set, json!(text), Some(update)));
    }
    println!(
        "typing: 500 saves of one note (final {} chars): edit p50 {:.3} ms, p99 {:.3} ms; updates {} bytes in all (base64), document state {} bytes",
        text.chars().count(),
        pct(times.clone(), 0.5),
        pct(times, 0.99),
        update_bytes,
        doc.state().len()
    );
    let refs: Vec<&Op> = ops.iter().collect();
    let t = Instant::now();
    let rebuilt = materialize(&refs);
    println!(
        "rebuild one note from its 501 ops: {:.2} ms (text equal: {})",
        t.elapsed().as_secs_f64() * 1000.0,
        rebuilt.text() == text
    );

    // 2. Two laptops offline, 250 saves each, then merged.
    let a = typing(250, 10, &create, "ກົດໝາຍ");
    let b = typing(250, 10, &create, "ງົບປະມານ");
    let mut all: Vec<&Op> = vec![&create];
    all.extend(a.iter());
    all.extend(b.iter());
    let t = Instant::now();
    let merged = materialize(&all);
    let took = t.elapsed();
    let merged_text = merged.text();
    println!(
        "two laptops × 250 offline saves, merged from 501 ops: {:.2} ms; merged text {} chars, both laptops' words kept: {}",
        took.as_secs_f64() * 1000.0,
        merged_text.chars().count(),
        merged_text.contains("ກົດໝາຍ") && merged_text.contains("ງົບປະມານ")
    );

    // 3. A B4-shaped trace in one yrs document.
    let doc = Doc::with_client_id(1);
    let t_text = doc.get_or_insert_text("t");
    let mut rng: u64 = 0x2545_f491_4f6c_dd1d;
    let mut next = || {
        rng ^= rng << 13;
        rng ^= rng >> 7;
        rng ^= rng << 17;
        rng
    };
    let mut len: u32 = 0;
    let mut cursor: u32 = 0;
    let (mut inserts, mut deletes) = (0u32, 0u32);
    let t = Instant::now();
    while inserts < 182_315 || deletes < 77_463 {
        let mut txn = doc.transact_mut();
        // Typing: the cursor moves on after each character, now and then jumps elsewhere, and
        // backspace removes the character before it — the shape of a real editing session.
        if next() % 100 < 2 {
            cursor = (next() % (u64::from(len) + 1)) as u32;
        }
        let delete = deletes < 77_463 && cursor > 0 && (inserts >= 182_315 || next() % 100 < 30);
        if delete {
            t_text.remove_range(&mut txn, cursor - 1, 1);
            cursor -= 1;
            len -= 1;
            deletes += 1;
        } else {
            t_text.insert(&mut txn, cursor, "a");
            cursor += 1;
            len += 1;
            inserts += 1;
        }
    }
    let apply = t.elapsed();
    let txn = doc.transact();
    let state = txn.encode_state_as_update_v1(&yrs::StateVector::default());
    let t = Instant::now();
    let copy = TextDoc::from_state(&state).unwrap();
    let load = t.elapsed();
    println!(
        "B4-shaped trace (182,315 inserts + 77,463 deletes = 259,778 ops, one transaction each): {:.0} ms; encoded document {} bytes; loading it {:.1} ms; {} chars left",
        apply.as_secs_f64() * 1000.0,
        state.len(),
        load.as_secs_f64() * 1000.0,
        t_text.get_string(&txn).chars().count(),
    );
    drop(copy);
}
