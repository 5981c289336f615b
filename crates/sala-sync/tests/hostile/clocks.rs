//! Timestamps no clock makes, a clock a year ahead, a failed join, planted file numbers, and
//! names that differ only in case.

use super::*;

#[test]
fn a_timestamp_no_clock_makes_is_refused_and_the_clock_keeps_going() {
    let mut r = room();
    let g = r.b.store.find_group("B").unwrap();
    let mut op = r.op(
        Entity::Group,
        &g.id,
        OpKind::Set,
        "facilitator",
        json!("frozen"),
    );
    op.hlc.wall_ms = 253_402_300_799_999;
    op.hlc.counter = u32::MAX;
    r.plant(&[op]);
    let got = pass(&mut r.a, &r.folder);
    assert!(
        got.problems
            .iter()
            .any(|p| p.error.code == ErrorCode::SyncImpossibleTime),
        "{:?}",
        got.problems
    );
    // a's edits still go after each other, and after b's real edits.
    let n = note_at(&mut r.a, "A", 1, "one");
    let first =
        r.a.store
            .change_note(&n, &sala_core::api::NoteChange::KeyPoint(true))
            .unwrap();
    let second =
        r.a.store
            .change_note(&n, &sala_core::api::NoteChange::KeyPoint(false))
            .unwrap();
    assert!(second.updated_hlc > first.updated_hlc);
    assert!(second.updated_hlc.as_str() < "004102444800001");
}

#[test]
fn a_join_that_fails_leaves_the_laptop_as_it_was() {
    // The folder holds a table's files but not the coordinator's (the workshop itself): the
    // join is refused and nothing of it stays — no half-joined workshop.
    let mut r = room();
    note_at(&mut r.b, "B", 1, "ຈາກໂຕະ 2");
    pass(&mut r.b, &r.folder);
    std::fs::remove_dir_all(r.device_dir(&r.a)).unwrap();
    let mut c = laptop("c");
    c.store.ensure_demo().unwrap();
    let own = c.store.current_workshop().unwrap();
    let before = c.store.dump().unwrap();
    let e = transfer::join_folder(&mut c.store, &r.folder, None, NOW, None).unwrap_err();
    assert_eq!(e.code, ErrorCode::SyncNoWorkshop, "{e:?}");
    assert_eq!(c.store.current_workshop().unwrap().id, own.id);
    let after = c.store.dump().unwrap();
    assert_eq!(
        after.op_count, before.op_count,
        "nothing of the join stayed"
    );
    assert_eq!(c.store.workshops().unwrap().len(), 1);
}

#[test]
fn a_laptop_whose_clock_is_a_year_ahead_still_merges_as_today() {
    let mut r = room();
    r.b.store.set_clock_skew(365 * 86_400_000);
    let id = note_at(&mut r.b, "B", 1, "ໂມງໄວໄປໜຶ່ງປີ");
    pass(&mut r.b, &r.folder);
    let got = pass(&mut r.a, &r.folder);
    assert!(got.problems.is_empty(), "{:?}", got.problems);
    assert!(texts(&r.a).contains(&"ໂມງໄວໄປໜຶ່ງປີ".to_owned()));
    // An edit on a, made after it saw b's, replaces b's value whatever the clocks say.
    r.a.store
        .change_note(&id, &sala_core::api::NoteChange::KeyPoint(true))
        .unwrap();
    pass(&mut r.a, &r.folder);
    pass(&mut r.b, &r.folder);
    assert!(
        r.b.store
            .all_notes()
            .unwrap()
            .iter()
            .any(|n| n.id == id && n.key_point)
    );
    // The clock ahead is reported, named.
    assert!(
        got.devices
            .iter()
            .any(|d| d.clock_ahead_ms > 0 && d.label == "Table 2")
    );
}

#[test]
fn files_planted_where_a_laptop_numbers_its_next_ones_hide_nothing() {
    let mut r = room();
    let bdir = r.device_dir(&r.b);
    let next = ops_files(&bdir).len() + 1;
    // Junk at the next 150 numbers, and one far away.
    for seq in next..next + 150 {
        std::fs::write(bdir.join(format!("{seq:08}.sala-ops")), b"junk").unwrap();
    }
    std::fs::write(bdir.join("99999999.sala-ops"), b"junk").unwrap();
    note_at(&mut r.b, "B", 1, "ຫຼັງໄຟລ໌ຂີ້ເຫຍື້ອ");
    let sent = pass(&mut r.b, &r.folder);
    assert_eq!((sent.waiting, &sent.new_device_id), (0, &None), "{sent:?}");
    pass(&mut r.a, &r.folder);
    assert!(texts(&r.a).contains(&"ຫຼັງໄຟລ໌ຂີ້ເຫຍື້ອ".to_owned()));
    // Nothing planted was replaced.
    assert_eq!(
        std::fs::read(bdir.join("99999999.sala-ops")).unwrap(),
        b"junk"
    );
}

/// Copies the folder `from` to `to`, files and all.
fn copy_tree(from: &Path, to: &Path) {
    std::fs::create_dir_all(to).unwrap();
    for e in std::fs::read_dir(from).unwrap() {
        let e = e.unwrap();
        if e.file_type().unwrap().is_dir() {
            copy_tree(&e.path(), &to.join(e.file_name()));
        } else {
            std::fs::copy(e.path(), to.join(e.file_name())).unwrap();
        }
    }
}

#[test]
fn names_that_differ_only_in_case_are_one_name_as_on_windows() {
    // Windows, macOS and a FAT USB stick see `01A2…` and `01a2…` as one name; a Linux share
    // (Samba over ext4) as two. Everything Sala writes is lower case, and only that is read.
    let mut r = room();
    note_at(&mut r.a, "A", 1, "ຂໍ້ມູນ");
    pass(&mut r.a, &r.folder.clone());
    for p in all_paths(&r.folder) {
        let name = p.file_name().unwrap().to_str().unwrap();
        assert_eq!(name, name.to_lowercase(), "Sala wrote {}", p.display());
    }
    // A twin of a's folder and of the workshop's folder, in upper case, as a copy made on a
    // case-sensitive share would leave them.
    let a_dir = r.device_dir(&r.a);
    let twin = a_dir.with_file_name(r.a.store.device_id().to_uppercase());
    copy_tree(&a_dir, &twin);
    let ws_dir = a_dir.parent().unwrap().to_path_buf();
    copy_tree(
        &ws_dir,
        &ws_dir.with_file_name(ws_dir.file_name().unwrap().to_str().unwrap().to_uppercase()),
    );

    let report = pass(&mut r.b, &r.folder.clone());
    let seen: Vec<&str> = report
        .devices
        .iter()
        .map(|d| d.device_id.as_str())
        .collect();
    assert_eq!(
        seen,
        [r.a.store.device_id()],
        "the twin is not another laptop"
    );
    assert!(report.problems.is_empty(), "{:?}", report.problems);
    assert!(
        texts(&r.b).contains(&"ຂໍ້ມູນ".to_owned()),
        "a's note arrived once"
    );
    let listed = sala_sync::folder::workshops(&r.folder).unwrap();
    assert_eq!(listed.len(), 1, "the workshop is listed once");
    // An id in other case read from a file never becomes a folder name.
    let upper = r.a.store.current_workshop().unwrap().id.to_uppercase();
    assert!(sala_sync::folder::workshop_dir(&r.folder, &upper).is_err());
}
