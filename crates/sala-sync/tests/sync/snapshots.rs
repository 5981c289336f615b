//! Snapshots: a laptop joining loads one and then only the files after it, and sees what a
//! laptop replaying every file sees; a snapshot in any doubt is set aside and the files read.

use sala_sync::pass::{self, Joined};
use sala_sync::snapshot;

use super::*;

/// Laptop A's notes, a snapshot A wrote of them, then more notes from B and an edit of one of
/// A's notes after it (the files a joining laptop applies after the snapshot).
fn folder_with_snapshot() -> (Laptop, Laptop, tempfile::TempDir, PathBuf) {
    let (mut a, shared) = start();
    let edited = note(&mut a, "A", "ກົດໝາຍວ່າດ້ວຍຂໍ້ມູນ");
    for i in 0..20 {
        note(
            &mut a,
            "B",
            &format!("Registry {i}: ministries keep their own"),
        );
    }
    pass(&mut a, shared.path());
    let mut b = joined("b", shared.path());
    note(&mut b, "B", "ກ່ອນ before the snapshot");
    pass(&mut b, shared.path());
    pass(&mut a, shared.path());
    let workshop = a.store.current_workshop().unwrap();
    let mine = sala_sync::folder::workshop_dir(shared.path(), &workshop.id)
        .unwrap()
        .join(a.store.device_id());
    let name = snapshot::write_now(&a.store, &mine, &workshop, None).unwrap();
    // After the snapshot: B's notes, and A's first note edited on B.
    pass(&mut b, shared.path());
    note(&mut b, "C", "ຂໍ້ມູນເປີດ open data");
    b.store
        .update_note_text(&edited, "ກົດໝາຍວ່າດ້ວຍຂໍ້ມູນ ແລະ ການແບ່ງປັນ")
        .unwrap();
    pass(&mut b, shared.path());
    pass(&mut a, shared.path());
    (a, b, shared, mine.join(name))
}

/// A laptop joining `shared` as a user does (`Load::Auto`): what the join did.
fn join(name: &str, shared: &Path) -> (Laptop, Joined) {
    let mut l = laptop(name);
    let info = sala_sync::folder::workshops(shared).unwrap().remove(0);
    let joined = pass::receive_workshop(&mut l.store, shared, &info, NOW, Load::Auto).unwrap();
    // The search index and a first pass, as after any join.
    transfer::settle_join(&mut l.store, shared, NOW, &|_| {}).unwrap();
    (l, joined)
}

fn found(l: &Laptop, text: &str) -> usize {
    let q = sala_core::api::SearchQuery {
        text: text.into(),
        ..Default::default()
    };
    l.store.search(&q).unwrap().len()
}

#[test]
fn a_laptop_joins_from_a_snapshot_then_the_files_after_it_and_sees_what_the_others_see() {
    let (mut a, b, shared, written) = folder_with_snapshot();
    let (mut c, joined) = join("c", shared.path());
    let name = written.file_name().unwrap().to_str().unwrap();
    assert!(
        joined
            .snapshot
            .as_deref()
            .is_some_and(|s| s.ends_with(name)),
        "{joined:?}"
    );
    assert!(joined.refused.is_empty(), "{joined:?}");
    assert_eq!(state(&c), state(&a));
    assert_eq!(state(&c), state(&b));
    for text in ["ແບ່ງປັນ", "Registry 17", "open data", "ຂໍ້ມູນ"] {
        assert_eq!(found(&c, text), found(&a, text), "{text}");
    }
    // The files the snapshot covers are not read again, and the laptop goes on like any other:
    // its edit of a note that came in the snapshot reaches A.
    let again = pass(&mut c, shared.path());
    assert_eq!(again.ops_received, 0, "{again:?}");
    let first = c.store.dump().unwrap().notes[0].id.clone();
    c.store.update_note_text(&first, "ຂຽນໃໝ່ on C").unwrap();
    pass(&mut c, shared.path());
    pass(&mut a, shared.path());
    assert_eq!(state(&c), state(&a));
    assert!(texts(&a).contains(&"ຂຽນໃໝ່ on C".to_owned()));
    // Later edits on C come after everything the snapshot held, whatever C's clock says.
    let newest_seen = a
        .store
        .dump()
        .unwrap()
        .notes
        .iter()
        .map(|n| n.updated_hlc.clone())
        .max();
    let mine = c.store.dump().unwrap();
    let edited = mine.notes.iter().find(|n| n.id == first).unwrap();
    assert!(Some(edited.updated_hlc.clone()) >= newest_seen);
}

/// Spoils the snapshot at `path` (or the folder) with `spoil`, joins, and checks the snapshot
/// was set aside with `why` (its error code) and the laptop holds exactly what replaying the
/// files gives.
fn check(spoil: impl FnOnce(&Path), why: ErrorCode) {
    let (_a, _b, shared, written) = folder_with_snapshot();
    spoil(&written);
    let (c, joined) = join("c", shared.path());
    assert_eq!(joined.snapshot, None, "{joined:?}");
    assert!(
        joined.refused.iter().any(|(_, e)| e.code == why),
        "{why:?} expected: {:?}",
        joined.refused
    );
    let mut replay = laptop("r");
    transfer::join_folder_as(
        &mut replay.store,
        shared.path(),
        None,
        NOW,
        None,
        Load::RowByRow,
    )
    .unwrap();
    assert_eq!(state(&c), state(&replay));
    assert_eq!(found(&c, "Registry 17"), found(&replay, "Registry 17"));
}

/// The other laptop's (B's) first file, which the snapshot covers.
fn covered_file(snap: &Path) -> PathBuf {
    let workshop_dir = snap.parent().unwrap().parent().unwrap();
    let a = snap.parent().unwrap().file_name().unwrap();
    let b = std::fs::read_dir(workshop_dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .find(|p| p.is_dir() && p.file_name() != Some(a))
        .unwrap();
    ops_files(&b).remove(0)
}

fn rewrite(path: &Path, f: impl FnOnce(Vec<u8>) -> Vec<u8>) {
    let bytes = std::fs::read(path).unwrap();
    std::fs::write(path, f(bytes)).unwrap();
}

/// The database inside snapshot `path`, changed by `sql`, packed again with a right checksum
/// (a hostile or buggy writer, not damage).
fn forge(path: &Path, sql: &str) {
    let bytes = std::fs::read(path).unwrap();
    let start = bytes.iter().position(|&b| b == b'\n').unwrap() + 1;
    let end = start + bytes[start..].iter().position(|&b| b == b'\n').unwrap() + 1;
    let plain = zstd::decode_all(&bytes[end..]).unwrap();
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("snap.db");
    std::fs::write(&db, plain).unwrap();
    {
        let conn = rusqlite::Connection::open(&db).unwrap();
        conn.execute_batch(&format!("PRAGMA foreign_keys=OFF; {sql}"))
            .unwrap();
    }
    let info = sala_store::sync::snapshot::read_info(&db).unwrap();
    let packed = snapshot::encode(&info, &db, None).unwrap();
    std::fs::write(path, packed).unwrap();
}

#[test]
fn a_snapshot_in_any_doubt_is_set_aside_and_the_files_read_instead() {
    // Damage: cut short, a byte changed, not a snapshot at all.
    check(
        |p| rewrite(p, |b| b[..b.len() / 2].to_vec()),
        ErrorCode::SyncFileCorrupt,
    );
    check(
        |p| {
            rewrite(p, |mut b| {
                let at = b.len() - 100;
                b[at] ^= 0x55;
                b
            })
        },
        ErrorCode::SyncFileCorrupt,
    );
    check(
        |p| std::fs::write(p, "SALA-SNAPSHOT\n{}\n").unwrap(),
        ErrorCode::SyncFileCorrupt,
    );
    // A newer Sala's snapshot.
    check(
        |p| {
            rewrite(p, |b| {
                String::from_utf8_lossy(&b)
                    .replacen("\"format\":1", "\"format\":2", 1)
                    .into_bytes()
            })
        },
        ErrorCode::SyncFileCorrupt,
    );
    // A file it covers is gone from the folder, or is another file by the same name.
    check(
        |snap| std::fs::remove_file(covered_file(snap)).unwrap(),
        ErrorCode::SyncFileCorrupt,
    );
    check(
        |snap| {
            let first = covered_file(snap);
            let bytes = std::fs::read(&first).unwrap();
            let other =
                String::from_utf8_lossy(&bytes).replacen("\"sha256\":\"", "\"sha256\":\"0", 1);
            std::fs::write(first, other).unwrap();
        },
        ErrorCode::SyncFileCorrupt,
    );
    // A whole, well-packed snapshot whose database is not what this Sala writes.
    check(
        |p| {
            forge(
                p,
                "CREATE TRIGGER t AFTER INSERT ON notes BEGIN SELECT 1; END;",
            )
        },
        ErrorCode::SyncFileCorrupt,
    );
    check(
        |p| forge(p, "CREATE TABLE extra (x)"),
        ErrorCode::SyncFileCorrupt,
    );
    check(
        |p| {
            forge(
                p,
                "UPDATE snapshot_info SET value = '99' WHERE key = 'merge'",
            )
        },
        ErrorCode::SyncFileCorrupt,
    );
    // Rows of another workshop slipped in.
    check(
        |p| {
            forge(
                p,
                "UPDATE notes SET workshop_id = '01a24884-c272-778e-8ecf-8fad66fd10c8'
                 WHERE rowid = (SELECT min(rowid) FROM notes)",
            )
        },
        ErrorCode::SyncFileCorrupt,
    );
}

#[test]
fn a_snapshot_never_loads_over_rows_of_another_workshop_held_here() {
    let (_a, _b, shared, written) = folder_with_snapshot();
    // This laptop holds a workshop of its own; the snapshot's ops claim one of its notes.
    let mut c = laptop("c");
    c.store.ensure_demo().unwrap();
    let mine = note(&mut c, "A", "ຂອງຂ້ອຍ mine");
    forge(
        &written,
        &format!(
            "UPDATE ops SET entity_id = '{mine}' WHERE rowid = (SELECT max(rowid) FROM ops WHERE entity = 'note')"
        ),
    );
    let before = c
        .store
        .dump()
        .unwrap()
        .notes
        .into_iter()
        .find(|n| n.id == mine)
        .unwrap();
    let info = sala_sync::folder::workshops(shared.path())
        .unwrap()
        .remove(0);
    let joined =
        pass::receive_workshop(&mut c.store, shared.path(), &info, NOW, Load::Auto).unwrap();
    assert_eq!(joined.snapshot, None, "{joined:?}");
    assert!(
        joined
            .refused
            .iter()
            .any(|(_, e)| e.code == ErrorCode::SyncOtherWorkshopRow),
        "{:?}",
        joined.refused
    );
    c.store.switch_workshop(&before.workshop_id).unwrap();
    let dump = c.store.dump().unwrap();
    assert_eq!(dump.notes.iter().find(|n| n.id == mine), Some(&before));
}

#[test]
fn an_encrypted_workshop_s_snapshot_is_encrypted_and_opens_only_with_its_key() {
    let (mut a, shared) = start();
    let source = KeySource::Passphrase("ນະໂຍບາຍຂໍ້ມູນ 2026 Vientiane".into());
    let id = a.store.current_workshop().unwrap().id;
    sala_sync::key::set_key(&mut a.store, &id, &source).unwrap();
    note(&mut a, "A", "ຄວາມລັບ secret words");
    pass(&mut a, shared.path());
    let workshop = a.store.current_workshop().unwrap();
    let mine = sala_sync::folder::workshop_dir(shared.path(), &id)
        .unwrap()
        .join(a.store.device_id());
    let key = sala_sync::key::key_of(&a.store, &id).unwrap();
    let name = snapshot::write_now(&a.store, &mine, &workshop, key.as_ref()).unwrap();
    let bytes = std::fs::read(mine.join(&name)).unwrap();
    assert!(!String::from_utf8_lossy(&bytes).contains("secret words"));
    assert!(
        zstd::decode_all(&bytes[bytes.len() / 2..]).is_err(),
        "the body is encrypted, not only compressed"
    );
    let mut c = laptop("c");
    transfer::join_folder(&mut c.store, shared.path(), None, NOW, Some(&source)).unwrap();
    assert_eq!(state(&c), state(&a));
    assert!(texts(&c).contains(&"ຄວາມລັບ secret words".to_owned()));
}

#[test]
fn snapshots_are_written_from_twenty_thousand_ops_each_twice_the_last() {
    fn check(held: u64, largest: u64, due: bool) {
        assert_eq!(
            snapshot::due(held, largest),
            due,
            "{held} held, {largest} largest"
        );
    }
    check(0, 0, false);
    check(19_999, 0, false);
    check(20_000, 0, true);
    check(39_999, 20_000, false);
    check(40_000, 20_000, true);
    check(300_000, 160_000, false);
    check(320_000, 160_000, true);
    // A laptop behind the folder's largest snapshot writes none.
    check(50_000, 160_000, false);
}

#[test]
fn after_a_join_the_app_s_background_passes_build_the_search_index() {
    let (a, _b, shared, _written) = folder_with_snapshot();
    let mut c = laptop("c");
    let info = sala_sync::folder::workshops(shared.path())
        .unwrap()
        .remove(0);
    pass::receive_workshop(&mut c.store, shared.path(), &info, NOW, Load::Auto).unwrap();
    // Committed and shown; its search index is left for the passes after.
    assert!(c.store.index_is_pending().unwrap());
    assert_eq!(found(&c, "Registry 17"), 0);
    // The app's background task: a limited pass builds it (a slice per pass), then syncs.
    let r = pass::sync_pass_limited(&mut c.store, shared.path(), NOW, 8).unwrap();
    assert!(r.reached, "{r:?}");
    assert!(!c.store.index_is_pending().unwrap());
    assert_eq!(found(&c, "Registry 17"), found(&a, "Registry 17"));
    assert_eq!(found(&c, "ແບ່ງປັນ"), found(&a, "ແບ່ງປັນ"));
}

#[test]
fn the_largest_snapshot_is_read_from_its_header_not_its_name() {
    let (_a, b, _shared, written) = folder_with_snapshot();
    let dir = written.parent().unwrap().parent().unwrap().to_path_buf();
    let real = snapshot::largest_in(&dir, &b.store.current_workshop().unwrap().id);
    let name = written.file_name().unwrap().to_str().unwrap();
    assert_eq!(
        snapshot::snapshot_name(real),
        name,
        "the one written counts"
    );
    // A file in B's folder named as a huge snapshot, but not one: it would stop every laptop
    // writing snapshots if its name were believed.
    let bdir = dir.join(b.store.device_id());
    std::fs::write(
        bdir.join("snapshot-999999999999.sala-snap"),
        "SALA-SNAPSHOT\n{}\n",
    )
    .unwrap();
    let workshop = b.store.current_workshop().unwrap().id;
    assert_eq!(snapshot::largest_in(&dir, &workshop), real);
}

/// The snapshot files in device folder `mine`.
fn snapshot_files(mine: &Path) -> Vec<String> {
    let mut names: Vec<String> = std::fs::read_dir(mine)
        .map(|d| {
            d.filter_map(|e| e.ok()?.file_name().into_string().ok())
                .filter(|n| n.ends_with(".sala-snap"))
                .collect()
        })
        .unwrap_or_default();
    names.sort();
    names
}

#[test]
fn the_app_s_passes_leave_a_due_snapshot_to_be_written_with_the_store_let_go() {
    let (mut a, shared) = start();
    // Enough for a snapshot, and more notes than the search index builds in one slice.
    let notes = snapshot::MIN_OPS.max(sala_store::search::INDEX_SLICE as u64) + 100;
    super::bulk::many_notes(&mut a, notes as usize);
    // The app's background task: limited passes until the folder has everything.
    while pass::sync_pass_limited(&mut a.store, shared.path(), NOW, 1)
        .unwrap()
        .more
    {}
    let workshop = a.store.current_workshop().unwrap();
    let mine = sala_sync::folder::workshop_dir(shared.path(), &workshop.id)
        .unwrap()
        .join(a.store.device_id());
    assert!(!ops_files(&mine).is_empty());
    // Writing one takes seconds at 300,000 ops: no limited pass does it with the store held.
    assert_eq!(snapshot_files(&mine), Vec::<String>::new());
    let due = pass::snapshot_due(&a.store, shared.path())
        .unwrap()
        .expect("a snapshot is due");
    // Written while another connection holds the database's write lock (a save under way):
    // it only reads the database, through a connection of its own.
    let saving = rusqlite::Connection::open(a.store.path()).unwrap();
    saving.execute_batch("BEGIN IMMEDIATE").unwrap();
    let name = due.write().unwrap();
    saving.execute_batch("ROLLBACK").unwrap();
    assert_eq!(snapshot_files(&mine), vec![name.clone()]);
    assert!(
        pass::snapshot_due(&a.store, shared.path())
            .unwrap()
            .is_none()
    );
    let (c, joined) = join("c", shared.path());
    assert!(
        joined
            .snapshot
            .as_deref()
            .is_some_and(|s| s.ends_with(&name)),
        "{joined:?}"
    );
    assert_eq!(state(&c), state(&a));
    // A laptop joining as the app does: its passes build the search index a slice at a time,
    // and say so (the search view tells the user results may be missing meanwhile).
    let mut d = laptop("d");
    let info = sala_sync::folder::workshops(shared.path())
        .unwrap()
        .remove(0);
    pass::receive_workshop(&mut d.store, shared.path(), &info, NOW, Load::Auto).unwrap();
    let mut reports = vec![];
    loop {
        let r = pass::sync_pass_limited(&mut d.store, shared.path(), NOW, 1).unwrap();
        reports.push((r.indexing, r.more));
        if !r.more {
            break;
        }
    }
    assert_eq!(reports, vec![(true, true), (false, false)]);
    assert_eq!(found(&d, "ministries"), found(&a, "ministries"));
}

#[test]
fn a_snapshot_holds_no_note_typed_after_it_was_found_due_and_not_yet_sent() {
    let (mut a, _b, shared, written) = folder_with_snapshot();
    let workshop = a.store.current_workshop().unwrap();
    let mine = written.parent().unwrap().to_path_buf();
    let before = snapshot_files(&mine);
    let due = snapshot::prepare(&a.store, &mine, &workshop, None);
    let typed = note(&mut a, "A", "ພິມ typed while the snapshot waited");
    // A snapshot with it would give a joining laptop a note that is in no file (and that it
    // would never send): refused, nothing written.
    assert!(due.write().is_err());
    assert_eq!(snapshot_files(&mine), before);
    // Once it has gone out, the next one holds it.
    pass(&mut a, shared.path());
    let name = snapshot::prepare(&a.store, &mine, &workshop, None)
        .write()
        .unwrap();
    assert_eq!(snapshot_files(&mine), vec![name]);
    let (c, joined) = join("c", shared.path());
    assert!(joined.snapshot.is_some(), "{joined:?}");
    assert!(
        texts(&c).iter().any(|t| t.contains("typed while")),
        "{typed}"
    );
    assert_eq!(state(&c), state(&a));
}
