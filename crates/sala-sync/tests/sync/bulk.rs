//! Bulk mode (a laptop joining a big workshop): the same workshop as row by row, and all or
//! nothing — a load that fails part-way leaves the database exactly as it was, its dropped
//! indexes included.

use super::*;

/// The indexes of the database (name and definition), sorted.
fn indexes(l: &Laptop) -> Vec<(String, String)> {
    l.store
        .read()
        .prepare("SELECT name, sql FROM sqlite_master WHERE type = 'index' AND sql IS NOT NULL ORDER BY name")
        .unwrap()
        .query_map([], |r| Ok((r.get(0)?, r.get(1)?)))
        .unwrap()
        .collect::<Result<_, _>>()
        .unwrap()
}

/// A folder with the demo workshop and notes (one edited, one trashed) from two tables.
fn busy_folder() -> (Laptop, Laptop, tempfile::TempDir) {
    let (mut a, shared) = start();
    let id = note(&mut a, "A", "ກົດໝາຍວ່າດ້ວຍຂໍ້ມູນ");
    a.store
        .update_note_text(&id, "ກົດໝາຍວ່າດ້ວຍຂໍ້ມູນ ແລະ ການແບ່ງປັນ")
        .unwrap();
    pass(&mut a, shared.path());
    let mut b = joined("b", shared.path());
    for i in 0..30 {
        note(
            &mut b,
            "B",
            &format!("Registry {i}: ministries keep their own"),
        );
    }
    let gone = note(&mut b, "C", "to the trash");
    b.store.delete_note(&gone).unwrap();
    pass(&mut b, shared.path());
    pass(&mut a, shared.path());
    (a, b, shared)
}

#[test]
fn a_join_in_bulk_gives_the_workshop_row_by_row_gives() {
    let (_a, b, shared) = busy_folder();
    let mut by_row = laptop("r");
    transfer::join_folder_as(
        &mut by_row.store,
        shared.path(),
        None,
        NOW,
        None,
        Load::RowByRow,
    )
    .unwrap();
    let mut in_bulk = laptop("k");
    let before = indexes(&in_bulk);
    transfer::join_folder_as(
        &mut in_bulk.store,
        shared.path(),
        None,
        NOW,
        None,
        Load::Bulk,
    )
    .unwrap();
    assert_eq!(state(&in_bulk), state(&by_row));
    assert_eq!(state(&in_bulk), state(&b));
    assert_eq!(indexes(&in_bulk), before, "every index built again");
    assert_eq!(in_bulk.store.integrity_check().unwrap(), "ok");
    // Search finds what was received, and not what is in the trash.
    let found = |l: &Laptop, text: &str| {
        let q = sala_core::api::SearchQuery {
            text: text.into(),
            ..Default::default()
        };
        l.store.search(&q).unwrap().len()
    };
    for text in ["ແບ່ງປັນ", "Registry 17", "trash"] {
        assert_eq!(found(&in_bulk, text), found(&by_row, text), "{text}");
    }
    assert_eq!(found(&in_bulk, "Registry"), 30);
}

#[test]
fn a_bulk_load_that_fails_part_way_leaves_the_database_as_it_was() {
    let (a, _b, _shared) = busy_folder();
    let workshop = a.store.current_workshop().unwrap().id;
    let all = sala_store::log::ops::of_workshop(a.store.read(), &workshop).unwrap();
    let mut c = laptop("c");
    c.store.ensure_demo().unwrap(); // another workshop already here
    let dump = serde_json::to_string(&c.store.dump().unwrap()).unwrap();
    let before = indexes(&c);
    let e = c
        .store
        .receiving_bulk(&workshop, |r| {
            let half = all.len() / 2;
            r.ingest(&all[..half], NOW, |_| Ok(()))?;
            r.ingest(&all[half..], NOW, |_| Ok(()))?;
            // The disk fills up before the end: nothing of it may stay.
            Err::<(), _>(SalaError::new(ErrorCode::DiskFull))
        })
        .unwrap_err();
    assert_eq!(e.code, ErrorCode::DiskFull);
    assert_eq!(
        serde_json::to_string(&c.store.dump().unwrap()).unwrap(),
        dump
    );
    assert_eq!(indexes(&c), before, "the dropped indexes are back");
    assert_eq!(c.store.integrity_check().unwrap(), "ok");
    assert_eq!(
        sala_store::log::ops::of_workshop(c.store.read(), &workshop)
            .unwrap()
            .len(),
        0
    );
    // And the store goes on: a note is saved and found.
    note(&mut c, "A", "ຫຼັງຈາກນັ້ນ");
    let q = sala_core::api::SearchQuery {
        text: "ຫຼັງຈາກ".into(),
        ..Default::default()
    };
    assert_eq!(c.store.search(&q).unwrap().len(), 1);
}

/// The child process of the test below: joins `SALA_BULK_FOLDER` into `SALA_BULK_DATA` in bulk
/// mode, to be killed part-way.
fn join_as_child() -> bool {
    let (Ok(data), Ok(folder)) = (
        std::env::var("SALA_BULK_DATA"),
        std::env::var("SALA_BULK_FOLDER"),
    ) else {
        return false;
    };
    let mut store = Store::open_in(Path::new(&data), &MachineIdentity("killed".into())).unwrap();
    transfer::join_folder_as(&mut store, Path::new(&folder), None, NOW, None, Load::Bulk).unwrap();
    true
}

/// The demo workshop and `n` notes written by one table, in its shared folder.
fn folder_with_notes(n: usize) -> (Laptop, tempfile::TempDir) {
    let (mut a, shared) = start();
    many_notes(&mut a, n);
    pass(&mut a, shared.path());
    (a, shared)
}

/// `n` notes written on `a` at once (one transaction), not sent yet.
pub(super) fn many_notes(a: &mut Laptop, n: usize) {
    let ov = a.store.overview().unwrap();
    let workshop = ov.workshop.id.clone();
    a.store
        .write(|w| {
            for k in 0..n {
                let hlc = w.tick();
                let note = sala_core::model::Note {
                    id: sala_core::op::new_id(),
                    workshop_id: workshop.clone(),
                    group_id: ov.groups[k % ov.groups.len()].id.clone(),
                    question_id: ov.questions[k % ov.questions.len()].id.clone(),
                    text: format!("ຂໍ້ມູນ {k}: data sharing between ministries"),
                    ..sala_core::model::Note::captured(w.device(), &hlc.to_string())
                };
                w.create_at::<sala_store::notes::rows::Notes>(hlc, &workshop, &note)?;
            }
            Ok(())
        })
        .unwrap();
}

/// A real crash: a process joining in bulk is killed at moments spread over its join. After
/// each, the database opens whole, with every index, and holds either nothing of the workshop
/// or all of it — never a part.
#[test]
fn a_bulk_join_killed_at_any_moment_leaves_nothing_or_everything() {
    if join_as_child() {
        return;
    }
    let (a, shared) = folder_with_notes(4_000);
    let reference = laptop("ref");
    let all_indexes = indexes(&reference);
    let child = |data: &Path| {
        std::process::Command::new(std::env::current_exe().unwrap())
            .args([
                "--exact",
                "bulk::a_bulk_join_killed_at_any_moment_leaves_nothing_or_everything",
                "--nocapture",
            ])
            .env("SALA_BULK_DATA", data)
            .env("SALA_BULK_FOLDER", shared.path())
            .stdout(std::process::Stdio::null())
            .stderr(std::process::Stdio::null())
            .spawn()
            .unwrap()
    };
    // How long a whole join takes here.
    let whole = tempfile::tempdir().unwrap();
    let t = std::time::Instant::now();
    assert!(child(whole.path()).wait().unwrap().success());
    let took = t.elapsed();
    let mut killed_mid_way = 0;
    for tenth in 1..=9 {
        let data = tempfile::tempdir().unwrap();
        let mut c = child(data.path());
        std::thread::sleep(took * tenth / 10);
        let finished = c.try_wait().unwrap().is_some();
        c.kill().ok();
        c.wait().unwrap();
        let l = Laptop {
            store: Store::open_in(data.path(), &MachineIdentity("killed".into())).unwrap(),
            _dir: data,
        };
        assert_eq!(
            l.store.integrity_check().unwrap(),
            "ok",
            "killed at {tenth}/10"
        );
        assert_eq!(indexes(&l), all_indexes, "killed at {tenth}/10");
        match l.store.current_workshop() {
            Ok(_) => assert_eq!(state(&l), state(&a), "killed at {tenth}/10: a part of it"),
            Err(_) => {
                assert_eq!(
                    l.store
                        .read()
                        .query_row("SELECT count(*) FROM ops", [], |r| r.get::<_, i64>(0))
                        .unwrap(),
                    0
                );
                killed_mid_way += usize::from(!finished);
            }
        }
    }
    assert!(
        killed_mid_way > 0,
        "no kill landed before the join's end ({took:?})"
    );
}
