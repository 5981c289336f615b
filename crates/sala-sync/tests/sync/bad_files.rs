//! Torn, foreign, duplicate and unappliable files, a full disk and a read-only folder: set
//! aside, said, retried — and nothing typed lost.

use super::*;

fn one_file(a: &mut Laptop) -> Vec<u8> {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("export.sala-ops");
    transfer::export(&a.store, &file).unwrap();
    std::fs::read(file).unwrap()
}

#[test]
fn a_torn_file_is_refused_at_every_byte_offset() {
    let (mut a, _shared) = start();
    note(&mut a, "A", "ຂໍ້ມູນ");
    let whole = one_file(&mut a);
    assert!(format::decode("f", &whole, None, None).is_ok());
    for cut in 0..whole.len() {
        let e = format::decode("f", &whole[..cut], None, None).unwrap_err();
        assert!(
            matches!(e.code, ErrorCode::SyncFileTorn | ErrorCode::SyncFileCorrupt),
            "cut at {cut}: {e:?}"
        );
    }
    // Any byte changed anywhere is caught too.
    for i in (0..whole.len()).step_by(97) {
        let mut bad = whole.clone();
        bad[i] ^= 0x20;
        assert!(
            format::decode("f", &bad, None, None).is_err(),
            "flipped byte {i}"
        );
    }
}

// Long by design: one scenario step by step, each step using what the one before left.
#[test]
fn bad_files_in_the_folder_are_set_aside_shown_and_retried() {
    let (mut a, shared) = start();
    note(&mut a, "A", "from a");
    pass(&mut a, shared.path());
    let mut b = joined("b", shared.path());
    let before = state(&b);

    let workshop = a.store.current_workshop().unwrap();
    let adir = sala_sync::folder::workshop_dir(shared.path(), &workshop.id)
        .unwrap()
        .join(a.store.device_id());
    let good = std::fs::read(adir.join("00000001.sala-ops")).unwrap();
    let put = |name: &str, bytes: &[u8]| std::fs::write(adir.join(name), bytes).unwrap();
    put("00000002.sala-ops", &good[..good.len() / 2]); // torn
    put("00000003.sala-ops", b""); // zero length
    put("00000004.sala-ops", &[0xde, 0xad, 0xbe, 0xef, 0x00, 0x13]); // random bytes
    put(
        "00000001.sync-conflict-20231201-101500-ABCDEF7.sala-ops",
        &good,
    ); // Syncthing
    put(
        "00000001 (Noy's conflicted copy 2023-12-01).sala-ops",
        &good,
    ); // Dropbox
    put("00000001-LAPTOP-7.sala-ops", &good); // OneDrive
    put(".00000005.sala-ops.tmp-1234", b"SALA-OPS\n{"); // being written
    // A newer Sala's file (the body is compressed: bytes, not text).
    let written = format!("\"format\":{}", sala_sync::format::FORMAT);
    let at = good
        .windows(written.len())
        .position(|w| w == written.as_bytes())
        .unwrap();
    let future = [&good[..at], b"\"format\":9", &good[at + written.len()..]].concat();
    put("00000006.sala-ops", &future);

    let r = pass(&mut b, shared.path());
    assert_eq!(state(&b), before, "nothing from a bad file was applied");
    let code = |file: &str| {
        r.problems
            .iter()
            .find(|p| p.file.ends_with(file))
            .map(|p| (p.error.code, p.retried))
    };
    assert_eq!(
        code("00000002.sala-ops"),
        Some((ErrorCode::SyncFileTorn, true))
    );
    assert_eq!(
        code("00000003.sala-ops"),
        Some((ErrorCode::SyncFileTorn, true))
    );
    assert_eq!(
        code("00000004.sala-ops"),
        Some((ErrorCode::SyncFileCorrupt, true))
    );
    assert_eq!(
        code("00000006.sala-ops"),
        Some((ErrorCode::SyncFutureFormat, true))
    );
    assert_eq!(
        code("ABCDEF7.sala-ops"),
        Some((ErrorCode::SyncConflictCopy, false))
    );
    assert_eq!(
        code("2023-12-01).sala-ops"),
        Some((ErrorCode::SyncConflictCopy, false))
    );
    assert_eq!(
        code("LAPTOP-7.sala-ops"),
        Some((ErrorCode::SyncConflictCopy, false))
    );
    assert_eq!(code(".tmp-1234"), None, "temporary files are not problems");

    // The torn file arrives whole (here: a real file of a's): the next pass applies it.
    note(&mut a, "A", "second from a");
    let a_dir_files = {
        // a writes its next file as 00000002 only if the name is free: make room as a sync tool would.
        std::fs::remove_file(adir.join("00000002.sala-ops")).unwrap();
        pass(&mut a, shared.path());
        std::fs::read_dir(&adir).unwrap().count()
    };
    assert!(a_dir_files > 0);
    let r = pass(&mut b, shared.path());
    assert!(texts(&b).contains(&"second from a".to_owned()), "{r:?}");

    // A conflict copy someone deletes is no longer listed; the others still are.
    std::fs::remove_file(adir.join("00000001.sync-conflict-20231201-101500-ABCDEF7.sala-ops"))
        .unwrap();
    let r = pass(&mut b, shared.path());
    assert!(
        !r.problems
            .iter()
            .any(|p| p.file.ends_with("ABCDEF7.sala-ops")),
        "{:?}",
        r.problems
    );
    assert!(
        r.problems
            .iter()
            .any(|p| p.file.ends_with("LAPTOP-7.sala-ops"))
    );
}

#[test]
fn a_file_from_another_workshop_is_refused_by_name() {
    let (mut a, _shared) = start();
    note(&mut a, "A", "x");
    let file_dir = tempfile::tempdir().unwrap();
    let file = file_dir.path().join("a.sala-ops");
    transfer::export(&a.store, &file).unwrap();

    // Another laptop's own demo workshop: same template, another workshop.
    let mut other = laptop("o");
    other.store.ensure_demo().unwrap();
    let before = state(&other);
    let e = transfer::import(&mut other.store, &[file.as_path()], NOW).unwrap_err();
    assert_eq!(e.code, ErrorCode::SyncOtherWorkshop);
    assert_eq!(
        e.params["other"],
        a.store.current_workshop().unwrap().title.en
    );
    assert_eq!(state(&other), before);

    // The same file joins a fresh laptop to its workshop.
    let mut fresh = laptop("f");
    let w = transfer::join_file(&mut fresh.store, &file, NOW, None).unwrap();
    assert_eq!(w.id, a.store.current_workshop().unwrap().id);
    assert_eq!(texts(&fresh), vec!["x"]);
}

#[test]
fn a_full_disk_or_a_read_only_folder_loses_nothing_and_sends_later() {
    use sala_sync::folder::faults::fail_writes;
    // (OS error on every write to the folder, the error the user reads)
    let check = |os_error: i32, expected: ErrorCode| {
        let (mut a, shared) = start();
        pass(&mut a, shared.path());
        let mut b = joined("b", shared.path());
        note(&mut b, "B", "ຈາກໂຕະ 2");
        pass(&mut b, shared.path());
        note(&mut a, "A", "ຂາດງົບປະມານ");

        fail_writes(Some(os_error));
        let r = pass(&mut a, shared.path());
        fail_writes(None);
        let e = r.folder_error.expect("the failure is reported");
        assert_eq!(e.code, expected, "OS error {os_error}");
        let shown = sala_i18n::error_message(sala_core::api::UiLanguage::Lo, &e);
        assert!(
            !shown.is_empty() && !shown.contains("%{") && !shown.contains("error."),
            "translated: {shown}"
        );
        assert_eq!(
            a.store.waiting().unwrap(),
            1,
            "the note waits on the laptop"
        );
        assert!(
            texts(&a).contains(&"ຈາກໂຕະ 2".to_owned()),
            "reading the others goes on"
        );
        let left: Vec<String> = std::fs::read_dir(shared.path().join("sala-sync"))
            .unwrap()
            .flat_map(|w| std::fs::read_dir(w.unwrap().path()).unwrap())
            .filter_map(|d| {
                let d = d.unwrap().path();
                d.is_dir().then(|| std::fs::read_dir(d).unwrap())
            })
            .flatten()
            .map(|f| f.unwrap().file_name().into_string().unwrap())
            .filter(|n| n.contains(".tmp-"))
            .collect();
        assert!(left.is_empty(), "no half-written file left: {left:?}");

        // Space again (or the folder writable): the next pass sends it, the other laptop has it.
        let r = pass(&mut a, shared.path());
        assert!(r.folder_error.is_none());
        assert_eq!(a.store.waiting().unwrap(), 0);
        pass(&mut b, shared.path());
        assert!(texts(&b).contains(&"ຂາດງົບປະມານ".to_owned()));
    };
    check(28, ErrorCode::DiskFull);
    check(30, ErrorCode::SyncFolderReadOnly);
    check(13, ErrorCode::SyncFolderReadOnly);
}

#[test]
fn duplicate_files_under_other_names_change_nothing() {
    let (mut a, shared) = start();
    pass(&mut a, shared.path());
    let mut b = joined("b", shared.path());
    note(&mut b, "B", "ບໍ່ມີມາດຕະຖານຂໍ້ມູນ");
    note(&mut b, "B", "No shared standards");
    pass(&mut b, shared.path());
    let (ida, idb) = (
        a.store.device_id().to_owned(),
        b.store.device_id().to_owned(),
    );
    let workshop = a.store.current_workshop().unwrap().id;
    let dir = sala_sync::folder::workshop_dir(shared.path(), &workshop).unwrap();
    let file = std::fs::read_dir(dir.join(&idb))
        .unwrap()
        .map(|e| e.unwrap().path())
        .find(|p| p.extension().is_some_and(|x| x == "sala-ops"))
        .unwrap();
    // The same file again under another number in its own folder, and in a's folder.
    std::fs::copy(&file, dir.join(&idb).join("00000007.sala-ops")).unwrap();
    std::fs::copy(&file, dir.join(&ida).join("00000050.sala-ops")).unwrap();

    for _ in 0..2 {
        pass(&mut a, shared.path());
        pass(&mut b, shared.path());
    }
    assert_eq!(
        a.store.device_id(),
        ida,
        "a stray copy is not a cloned laptop"
    );
    assert_eq!(b.store.device_id(), idb);
    assert_eq!(
        texts(&a),
        ["No shared standards", "ບໍ່ມີມາດຕະຖານຂໍ້ມູນ"],
        "each note once"
    );
    assert_eq!(state(&a), state(&b));
}

#[test]
fn a_file_whose_ops_cannot_be_applied_holds_back_no_file_read_with_it() {
    let (mut a, shared) = start();
    pass(&mut a, shared.path());
    let mut b = joined("b", shared.path());
    note(&mut a, "A", "ຂໍ້ມູນທີ່ຕ້ອງມາຮອດ");
    pass(&mut a, shared.path());
    // Then a well-formed, checksummed file from A's folder whose note cannot be a note (as a
    // buggy or tampered Sala could write): read in the same pass, after the good one.
    let workshop = a.store.current_workshop().unwrap();
    let mut bad = sala_store::log::ops::of_workshop(a.store.read(), &workshop.id)
        .unwrap()
        .into_iter()
        .rfind(|o| o.entity == Entity::Note)
        .unwrap();
    bad.id = sala_core::op::new_id();
    bad.entity_id = sala_core::op::new_id();
    bad.value = serde_json::json!({ "not": "a note" });
    let dir = sala_sync::folder::workshop_dir(shared.path(), &workshop.id)
        .unwrap()
        .join(a.store.device_id());
    let seq = ops_files(&dir).len() as u64 + 1;
    let (_, bytes) = format::encode(
        &workshop.id,
        &workshop.title,
        a.store.device_id(),
        seq,
        &[bad],
    );
    std::fs::write(dir.join(format!("{seq:08}.sala-ops")), bytes).unwrap();

    // The pass sets the bad file aside and goes on: the note read before it is applied.
    let r = sync_pass(&mut b.store, shared.path(), NOW).unwrap();
    assert!(
        r.problems
            .iter()
            .any(|p| p.error.code == ErrorCode::SyncBadOp),
        "{:?}",
        r.problems
    );
    assert!(
        texts(&b).contains(&"ຂໍ້ມູນທີ່ຕ້ອງມາຮອດ".to_owned()),
        "{:?}",
        texts(&b)
    );
}
