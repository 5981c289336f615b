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
