//! Ids, links, pipes, giant files, another workshop's rows, labels: nothing from the folder
//! leads outside it or reaches a person with control characters.

use super::*;

#[test]
fn ids_read_from_files_never_lead_outside_the_shared_folder() {
    let mut r = room();
    note_at(&mut r.a, "A", 1, "x");
    // An export whose workshop id is a path, checksum recomputed.
    let outer = tempfile::tempdir().unwrap();
    let share = outer.path().join("a").join("b").join("share");
    std::fs::create_dir_all(&share).unwrap();
    let w = r.a.store.current_workshop().unwrap();
    let mut ops = sala_store::log::ops::of_workshop(r.a.store.read(), &w.id).unwrap();
    for op in &mut ops {
        op.workshop_id = "../../../outside".into();
    }
    let (_, bytes) = format::encode("../../../outside", &w.title, r.a.store.device_id(), 0, &ops);
    let file = outer.path().join("evil.sala-ops");
    std::fs::write(&file, bytes).unwrap();

    let mut c = laptop("c");
    let e = transfer::join_file(&mut c.store, &file, NOW, None).unwrap_err();
    assert_eq!(e.code, ErrorCode::SyncFileCorrupt, "{e:?}");
    assert!(c.store.current_workshop().is_err(), "nothing was joined");
    // The same inside a folder: the workshop is not listed, nothing is written anywhere.
    let before: Vec<PathBuf> = all_paths(outer.path());
    let _ = sala_sync::folder::workshops(&share).unwrap();
    assert!(
        transfer::join_folder(&mut c.store, &share, Some("../../../outside"), NOW, None).is_err()
    );
    assert_eq!(all_paths(outer.path()), before, "nothing written");
}

#[cfg(unix)]
#[test]
fn links_pipes_and_giant_files_are_not_read_and_nothing_is_written_through_a_link() {
    use std::os::unix::fs::symlink;
    let mut r = room();
    note_at(&mut r.b, "B", 1, "ຍັງມາຮອດ");
    pass(&mut r.b, &r.folder);
    let bdir = r.device_dir(&r.b);
    // A link to /dev/zero, a pipe, and a 1 GiB file (sparse), named like op files.
    symlink("/dev/zero", bdir.join("00000101.sala-ops")).unwrap();
    let fifo = bdir.join("00000102.sala-ops");
    assert!(
        std::process::Command::new("mkfifo")
            .arg(&fifo)
            .status()
            .unwrap()
            .success()
    );
    let giant = std::fs::File::create(bdir.join("00000103.sala-ops")).unwrap();
    giant.set_len(1 << 30).unwrap();
    drop(giant);

    let started = std::time::Instant::now();
    let got = pass(&mut r.a, &r.folder);
    assert!(
        started.elapsed() < std::time::Duration::from_secs(20),
        "the pass did not hang"
    );
    assert!(texts(&r.a).contains(&"ຍັງມາຮອດ".to_owned()));
    let code = |n: &str| {
        got.problems
            .iter()
            .find(|p| p.file.ends_with(n))
            .map(|p| p.error.code)
    };
    assert_eq!(code("00000101.sala-ops"), Some(ErrorCode::SyncNotAFile));
    assert_eq!(code("00000102.sala-ops"), Some(ErrorCode::SyncNotAFile));
    assert_eq!(code("00000103.sala-ops"), Some(ErrorCode::SyncFileTooLarge));

    // b's own folder replaced by a link to somewhere else: b writes nothing through it.
    let elsewhere = tempfile::tempdir().unwrap();
    std::fs::remove_dir_all(&bdir).unwrap();
    symlink(elsewhere.path(), &bdir).unwrap();
    note_at(&mut r.b, "B", 1, "ລໍຖ້າ");
    let refused = pass(&mut r.b, &r.folder);
    assert_eq!(
        refused.folder_error.map(|e| e.code),
        Some(ErrorCode::SyncNotAFile)
    );
    assert_eq!(std::fs::read_dir(elsewhere.path()).unwrap().count(), 0);
    assert_eq!(
        r.b.store.waiting().unwrap(),
        1,
        "the note waits on the laptop"
    );
}

#[test]
fn an_op_in_one_workshops_folder_cannot_touch_another_workshops_row() {
    // The coordinator holds W1 (the demo, with a note) and W2 (joined from another folder).
    let mut r = room();
    let w1 = r.a.store.current_workshop().unwrap();
    let note = note_at(&mut r.a, "A", 1, "W1's own note");
    let other_share = tempfile::tempdir().unwrap();
    let mut o = laptop("o");
    o.store.ensure_demo().unwrap();
    pass(&mut o, other_share.path());
    let w2 = transfer::join_folder(&mut r.a.store, other_share.path(), None, NOW, None).unwrap();
    assert_ne!(w1.id, w2.id);
    // A file in W2's folder holding an op on W1's note.
    let device = o.store.device_id().to_owned();
    let op = Op {
        id: new_id(),
        hlc: Hlc {
            wall_ms: NOW + 1,
            counter: 0,
            device: device.clone(),
        },
        device: device.clone(),
        workshop_id: w2.id.clone(),
        entity: Entity::Note,
        entity_id: note,
        kind: OpKind::Delete,
        field: String::new(),
        value: json!(null),
        prev: Vec::new(),
        text_update: None,
    };
    let dir = sala_sync::folder::workshop_dir(other_share.path(), &w2.id)
        .unwrap()
        .join(&device);
    let (_, bytes) = format::encode(&w2.id, &w2.title, &device, 99, &[op]);
    std::fs::write(dir.join("00000099.sala-ops"), bytes).unwrap();
    let got = pass(&mut r.a, other_share.path());
    assert!(
        got.problems
            .iter()
            .any(|p| p.error.code == ErrorCode::SyncOtherWorkshopRow),
        "{:?}",
        got.problems
    );
    r.a.store.switch_workshop(&w1.id).unwrap();
    assert_eq!(texts(&r.a), ["W1's own note"], "the note was not deleted");
}

#[test]
fn labels_and_names_from_the_folder_reach_no_one_with_control_characters() {
    let mut r = room();
    r.b.store
        .set_setting(
            sala_store::sync::TABLE_LABEL,
            "\u{1b}[2J\u{1b}]0;owned\u{7}Table\u{202e} 2",
        )
        .unwrap();
    pass(&mut r.b, &r.folder);
    let bdir = r.device_dir(&r.b);
    std::fs::write(bdir.join("00000001\u{1b}[31m.sala-ops"), b"x").unwrap();
    let got = pass(&mut r.a, &r.folder);
    let shown = serde_json::to_string(&got).unwrap();
    for bad in ['\u{1b}', '\u{7}', '\u{202e}'] {
        assert!(
            !got.devices.iter().any(|d| d.label.contains(bad)),
            "{shown}"
        );
        assert!(
            !got.problems.iter().any(|p| p.file.contains(bad)
                || sala_i18n::error_message(sala_core::api::UiLanguage::En, &p.error)
                    .contains(bad)),
            "{shown}"
        );
    }
    assert!(
        got.devices.iter().any(|d| d.label.contains("Table 2")),
        "{shown}"
    );
}
