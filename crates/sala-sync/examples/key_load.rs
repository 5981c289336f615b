//! Measured harness for docs/benchmarks.md (`cargo run --release -p sala-sync --example
//! key_load`): what a workshop key costs — deriving it from a passphrase (once per laptop), and
//! writing and reading one full sync file (2,000 ops, the most a file holds) plain and encrypted.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::print_stdout)]

use std::time::{Duration, Instant};

use sala_core::api::NewNote;
use sala_store::{MachineIdentity, Store};
use sala_sync::format;
use sala_sync::key::Key;

fn median(mut v: Vec<Duration>) -> Duration {
    v.sort();
    v[v.len() / 2]
}

fn time<T>(runs: usize, mut f: impl FnMut() -> T) -> Duration {
    median(
        (0..runs)
            .map(|_| {
                let t = Instant::now();
                std::hint::black_box(f());
                t.elapsed()
            })
            .collect(),
    )
}

fn main() {
    let dir = tempfile::tempdir().unwrap();
    let mut store = Store::open_in(dir.path(), &MachineIdentity("bench".into())).unwrap();
    store.ensure_demo().unwrap();
    let ov = store.overview().unwrap();
    for i in 0..2_000 {
        store
            .add_note(&NewNote {
                group_id: ov.groups[i % ov.groups.len()].id.clone(),
                question_id: ov.questions[i % ov.questions.len()].id.clone(),
                text: format!("ການແບ່ງປັນຂໍ້ມູນ {i}: data sharing between ministries needs a law"),
                lang: None,
                agenda_item_id: None,
            })
            .unwrap();
    }
    let w = store.current_workshop().unwrap();
    let ops: Vec<_> = sala_store::log::ops::of_workshop(store.read(), &w.id).unwrap();
    let ops = &ops[ops.len() - 2_000..];
    let derive = time(5, || {
        Key::from_passphrase("ນະໂຍບາຍຂໍ້ມູນ 2026 Vientiane", &w.id).unwrap()
    });
    let key = Key::from_passphrase("ນະໂຍບາຍຂໍ້ມູນ 2026 Vientiane", &w.id).unwrap();
    let (_, plain) = format::encode_for(None, &w.id, &w.title, "d", 1, ops);
    let (_, sealed) = format::encode_for(Some(&key), &w.id, &w.title, "d", 1, ops);
    let write_plain = time(21, || {
        format::encode_for(None, &w.id, &w.title, "d", 1, ops)
    });
    let write_sealed = time(21, || {
        format::encode_for(Some(&key), &w.id, &w.title, "d", 1, ops)
    });
    let read_plain = time(21, || format::decode("f", &plain, None, None).unwrap());
    let read_sealed = time(21, || {
        format::decode("f", &sealed, None, Some(&key)).unwrap()
    });
    println!("key from passphrase (scrypt N=2^15): {derive:?} (median of 5)");
    println!(
        "file of 2,000 ops: plain {} KB, encrypted {} KB",
        plain.len() / 1024,
        sealed.len() / 1024
    );
    println!("write: plain {write_plain:?}, encrypted {write_sealed:?} (median of 21)");
    println!("read:  plain {read_plain:?}, encrypted {read_sealed:?} (median of 21)");
}
