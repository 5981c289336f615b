//! Measured harness for docs/benchmarks.md (`cargo run --release -p sala-sync --example
//! sync_load`): 15 devices × 20,000 ops in one shared folder; a new laptop joins replaying every
//! file (in bulk), writes a snapshot; one device sends one more file; another new laptop joins
//! from the snapshot and that file; then a pass with nothing new, and a pass with one new file.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::print_stdout)]

use std::time::Instant;

#[path = "../../sala-store/examples/common/bulk.rs"]
mod bulk;

use sala_store::{MachineIdentity, Store};
use sala_sync::pass::Load;
use sala_sync::{sync_pass, transfer};

/// Devices and ops per device: 15 × 20,000 by default; `SYNC_LOAD_DEVICES`, `SYNC_LOAD_OPS`
/// for a smaller run. `SYNC_LOAD_FOLDER=DIR` keeps the shared folder there and, when it is
/// already filled, measures only the join (for profiling the ingest without the set-up).
fn scale() -> (usize, usize) {
    let get = |k: &str, d: usize| {
        std::env::var(k)
            .ok()
            .and_then(|v| v.parse().ok())
            .unwrap_or(d)
    };
    (get("SYNC_LOAD_DEVICES", 15), get("SYNC_LOAD_OPS", 20_000))
}
use sala_core::hlc::wall_clock_ms as now_ms;

/// Words the varied notes are drawn from: the workshop's own, in Lao and English.
const WORDS: [&str; 48] = [
    "ຂໍ້ມູນ",
    "ການແບ່ງປັນ",
    "ກະຊວງ",
    "ກົດໝາຍ",
    "ນະໂຍບາຍ",
    "ຄວາມປອດໄພ",
    "ບຸກຄະລາກອນ",
    "ລັດຖະບານ",
    "ການຄຸ້ມຄອງ",
    "ມາດຕະຖານ",
    "ລະບົບ",
    "ເຕັກໂນໂລຊີ",
    "ການພັດທະນາ",
    "ຄວາມອາດສາມາດ",
    "ງົບປະມານ",
    "ແຂວງ",
    "ເມືອງ",
    "ສະຖິຕິ",
    "ການເຊື່ອມຕໍ່",
    "ຄວາມເປັນສ່ວນຕົວ",
    "ຍຸດທະສາດ",
    "ປະຊາຊົນ",
    "ທຸລະກິດ",
    "ພາກເອກະຊົນ",
    "data",
    "sharing",
    "ministries",
    "law",
    "privacy",
    "standards",
    "capacity",
    "budget",
    "province",
    "registry",
    "interoperability",
    "cloud",
    "security",
    "training",
    "open",
    "statistics",
    "quality",
    "catalogue",
    "consent",
    "cross-border",
    "decree",
    "audit",
    "portal",
    "metadata",
];

/// The note text of note `k` of device `tag`: the same sentence each time, or (with
/// `SYNC_LOAD_TEXT=varied`) 6 to 17 words drawn from [`WORDS`] — closer to what tables type,
/// and harder to compress.
fn note_text(tag: usize, k: usize) -> String {
    if std::env::var("SYNC_LOAD_TEXT").as_deref() != Ok("varied") {
        return format!("ການແບ່ງປັນຂໍ້ມູນ {tag}-{k}: data sharing between ministries needs a law");
    }
    let mut x = (tag as u64 + 1).wrapping_mul(0x9E37_79B9_7F4A_7C15) ^ (k as u64 + 1);
    let mut next = || {
        x ^= x << 13;
        x ^= x >> 7;
        x ^= x << 17;
        x
    };
    let n = 6 + next() % 12;
    let words: Vec<&str> = (0..n).map(|_| WORDS[(next() % 48) as usize]).collect();
    format!("{tag}-{k}: {}", words.join(" "))
}

fn add_notes(store: &mut Store, n: usize, tag: usize) {
    bulk::add_notes(store, n, |k| note_text(tag, k));
}

/// The size of the files under `p` whose names end with `ending`.
fn dir_size(p: &std::path::Path, ending: &str) -> u64 {
    let mut total = 0;
    for e in std::fs::read_dir(p).unwrap().flatten() {
        let m = e.metadata().unwrap();
        if m.is_dir() {
            total += dir_size(&e.path(), ending);
        } else if e.file_name().to_string_lossy().ends_with(ending) {
            total += m.len();
        }
    }
    total
}

// Long by design: a measured harness, its phases in the order a user meets them.
fn main() {
    let (devices, per_device) = scale();
    let kept = std::env::var_os("SYNC_LOAD_FOLDER").map(std::path::PathBuf::from);
    if let Some(dir) = kept
        .as_deref()
        .filter(|d| d.join(sala_sync::folder::ROOT).is_dir())
    {
        // As a user joins: from the folder's snapshot when it has one, else in bulk.
        let home = tempfile::tempdir().unwrap();
        let mut fresh = Store::open_in(home.path(), &MachineIdentity("fresh".into())).unwrap();
        let load = match std::env::var("SYNC_LOAD_JOIN").as_deref() {
            Ok("bulk") => Load::Bulk,
            _ => Load::Auto,
        };
        let t = Instant::now();
        transfer::join_folder_telling(&mut fresh, dir, None, now_ms(), None, load, &|_| {})
            .unwrap();
        let shown = t.elapsed();
        transfer::settle_join(&mut fresh, dir, now_ms(), &|_| {}).unwrap();
        let total = sala_store::log::ops::count(fresh.read()).unwrap();
        println!(
            "cold join ({load:?}) of {total} ops: shown {:.2} s, searchable {:.2} s",
            shown.as_secs_f64(),
            t.elapsed().as_secs_f64()
        );
        return;
    }
    let temp = tempfile::tempdir().unwrap();
    let shared = match &kept {
        Some(dir) => {
            std::fs::create_dir_all(dir).unwrap();
            dir.as_path()
        }
        None => temp.path(),
    };
    let homes: Vec<tempfile::TempDir> = (0..=devices)
        .map(|_| tempfile::tempdir().unwrap())
        .collect();
    let started = Instant::now();
    let mut first = Store::open_in(homes[0].path(), &MachineIdentity("m0".into())).unwrap();
    first.ensure_demo().unwrap();
    sync_pass(&mut first, shared, now_ms()).unwrap();
    drop(first);
    // The other devices start as copies of device 0's database with only the workshop in it (a
    // copied database takes its own device id), so that the set-up does not itself ingest
    // everything 15 times. Each writes its notes and sends them without reading the others'.
    let db = homes[0].path().join("sala.db");
    for home in &homes[1..devices] {
        std::fs::copy(&db, home.path().join("sala.db")).unwrap();
    }
    for (d, home) in homes[..devices].iter().enumerate() {
        let mut s = Store::open_in(home.path(), &MachineIdentity(format!("m{d}"))).unwrap();
        let held = sala_store::log::ops::count(s.read()).unwrap() as usize;
        add_notes(&mut s, per_device - if d == 0 { held } else { 0 }, d);
        sala_sync::pass::sync_pass_limited(&mut s, shared, now_ms(), 0).unwrap();
    }
    println!(
        "set-up: {devices} devices × {per_device} ops written in {:.1} s",
        started.elapsed().as_secs_f64()
    );

    let mut fresh =
        Store::open_in(homes[devices].path(), &MachineIdentity("fresh".into())).unwrap();
    let t = Instant::now();
    transfer::join_folder_telling(
        &mut fresh,
        shared,
        None,
        now_ms(),
        None,
        Load::Bulk,
        &|_| {},
    )
    .unwrap();
    // The workshop is committed (shown); then its search index is built.
    let cold_shown = t.elapsed();
    transfer::settle_join(&mut fresh, shared, now_ms(), &|_| {}).unwrap();
    let cold = t.elapsed();
    let total = sala_store::log::ops::count(fresh.read()).unwrap();
    let notes = fresh.all_notes().unwrap().len();

    // The joined laptop writes a snapshot of all of it.
    let workshop = fresh.current_workshop().unwrap();
    let mine = sala_sync::folder::workshop_dir(shared, &workshop.id)
        .unwrap()
        .join(fresh.device_id());
    let t = Instant::now();
    let name = sala_sync::snapshot::write_now(&fresh, &mine, &workshop, None).unwrap();
    let snapshot_write = t.elapsed();
    let snapshot_bytes = std::fs::metadata(mine.join(&name)).unwrap().len();

    // One device sends one more file after it; a second new laptop joins as a user does.
    let mut one = Store::open_in(homes[1].path(), &MachineIdentity("m1".into())).unwrap();
    add_notes(&mut one, 100, 98);
    sync_pass(&mut one, shared, now_ms()).unwrap();
    drop(one);
    let home = tempfile::tempdir().unwrap();
    let mut second = Store::open_in(home.path(), &MachineIdentity("second".into())).unwrap();
    let info = sala_sync::folder::workshops(shared).unwrap().remove(0);
    let t = Instant::now();
    let joined =
        sala_sync::pass::receive_workshop(&mut second, shared, &info, now_ms(), Load::Auto)
            .unwrap();
    let snapshot_shown = t.elapsed();
    second.index_pending().unwrap();
    let from_snapshot = t.elapsed();
    assert!(joined.snapshot.is_some(), "{joined:?}");
    assert_eq!(
        sala_store::log::ops::count(second.read()).unwrap(),
        total + 100
    );
    drop(second);
    // The first laptop reads that file too, before the passes are timed.
    sync_pass(&mut fresh, shared, now_ms()).unwrap();

    // The sync lock alone (taken and let go at every pass).
    let mut locks = Vec::new();
    for _ in 0..1_000 {
        let t = Instant::now();
        drop(sala_sync::lock::acquire_for(&fresh, std::time::Duration::ZERO).unwrap());
        locks.push(t.elapsed());
    }
    locks.sort();

    let mut idle = Vec::new();
    for _ in 0..20 {
        let t = Instant::now();
        let r = sync_pass(&mut fresh, shared, now_ms()).unwrap();
        idle.push(t.elapsed());
        assert_eq!(r.ops_received, 0);
    }
    idle.sort();

    // One more file from one device.
    let mut one = Store::open_in(homes[1].path(), &MachineIdentity("m1".into())).unwrap();
    add_notes(&mut one, 100, 99);
    sync_pass(&mut one, shared, now_ms()).unwrap();
    let t = Instant::now();
    let r = sync_pass(&mut fresh, shared, now_ms()).unwrap();
    let incremental = t.elapsed();
    assert_eq!(r.ops_received, 100);
    let folder_bytes = dir_size(shared, ".sala-ops");
    let snapshots_bytes = dir_size(shared, ".sala-snap");

    // As the app does: a snapshot written through its own connection while notes are saved
    // (the store let go); each save timed meanwhile. (Sent right after, as the app's next pass
    // would, so the snapshot after this one may be written.)
    let pending = sala_sync::snapshot::prepare(&fresh, &mine, &workshop, None);
    let writing = std::thread::spawn(move || {
        let t = Instant::now();
        let written = pending.write();
        (written, t.elapsed())
    });
    // Its read transaction begins first: a note saved and not yet sent before it would make
    // the writer give up (and wait for the next pass).
    std::thread::sleep(std::time::Duration::from_millis(300));
    let some_note = fresh.all_notes().unwrap()[0].id.clone();
    let mut saves = Vec::new();
    while !writing.is_finished() {
        let t = Instant::now();
        fresh
            .update_note_text(
                &some_note,
                &format!("ຂໍ້ມູນ saved while writing {}", saves.len()),
            )
            .unwrap();
        saves.push(t.elapsed());
    }
    let (written, beside_saves) = writing.join().unwrap();
    written.unwrap();
    saves.sort();
    sync_pass(&mut fresh, shared, now_ms()).unwrap();

    println!("| | value |");
    println!("|---|---|");
    println!(
        "| cold join replaying every file (bulk): {total} ops ({notes} notes) from {devices} devices — workshop shown / searchable | {:.2} s / {:.2} s |",
        cold_shown.as_secs_f64(),
        cold.as_secs_f64()
    );
    println!(
        "| snapshot of them written (time / size) | {:.2} s / {:.1} MB ({:.0} B per op) |",
        snapshot_write.as_secs_f64(),
        snapshot_bytes as f64 / 1e6,
        snapshot_bytes as f64 / total as f64
    );
    println!(
        "| snapshot written beside saves (the app): its time / saves made meanwhile, p50 / p99 / max | {:.2} s / {} saves, {:.1} / {:.1} / {:.1} ms |",
        beside_saves.as_secs_f64(),
        saves.len(),
        saves[saves.len() / 2].as_secs_f64() * 1e3,
        saves[saves.len() * 99 / 100].as_secs_f64() * 1e3,
        saves[saves.len() - 1].as_secs_f64() * 1e3
    );
    println!(
        "| cold join from the snapshot + one file after it — workshop shown / searchable | {:.2} s / {:.2} s |",
        snapshot_shown.as_secs_f64(),
        from_snapshot.as_secs_f64()
    );
    println!(
        "| idle pass, nothing new (median of 20 / max) | {:.1} ms / {:.1} ms |",
        idle[10].as_secs_f64() * 1e3,
        idle[19].as_secs_f64() * 1e3
    );
    println!(
        "| the sync lock: taken and let go (median of 1,000 / max) | {:.1} µs / {:.1} µs |",
        locks[500].as_secs_f64() * 1e6,
        locks[999].as_secs_f64() * 1e6
    );
    println!(
        "| pass with one new file (100 ops) | {:.1} ms |",
        incremental.as_secs_f64() * 1e3
    );
    println!(
        "| shared folder: op files | {:.1} MB ({:.0} B per op) |",
        folder_bytes as f64 / 1e6,
        folder_bytes as f64 / (total + 200) as f64
    );
    println!(
        "| shared folder: snapshots (every laptop's newest) | {:.1} MB |",
        snapshots_bytes as f64 / 1e6
    );
}
