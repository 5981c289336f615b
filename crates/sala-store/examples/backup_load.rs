//! Measured harness for docs/benchmarks.md (`cargo run --release -p sala-store --example
//! backup_load`): how long a backup of a large workshop's database takes (SQLite's online
//! backup from a connection of its own, checked, renamed) and how long a restore takes.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::print_stdout)]

use std::time::Instant;

use sala_core::api::{BackupReason, NewNote};
use sala_store::{MachineIdentity, Store, db::backup};

fn main() {
    let n: usize = std::env::var("BACKUP_LOAD_NOTES")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(50_000);
    let dir = tempfile::tempdir().unwrap();
    let mut store = Store::open_in(dir.path(), &MachineIdentity("bench".into())).unwrap();
    store.ensure_demo().unwrap();
    let ov = store.overview().unwrap();
    for i in 0..n {
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
    let size = std::fs::metadata(dir.path().join(sala_store::DB_FILE))
        .map(|m| m.len())
        .unwrap_or(0);
    let t = Instant::now();
    let b = backup::make(dir.path(), BackupReason::Manual, 1_795_828_712_000).unwrap();
    let made = t.elapsed();
    drop(store);
    let t = Instant::now();
    backup::restore(dir.path(), std::path::Path::new(&b.path), 1_795_828_772_000).unwrap();
    let restored = t.elapsed();
    println!(
        "{n} notes: database {} MB, backup {} MB made in {made:?}, restored in {restored:?}",
        size / 1_000_000,
        b.bytes / 1_000_000
    );
}
