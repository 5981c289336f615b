//! What a hostile or unlucky shared folder holds (issue 14), against real stores and a real
//! folder: files whose checksum is right but whose ops are not, ids that would become paths,
//! timestamps no clock makes, links, pipes and giant files, a device's own files replaced or
//! gone, control characters in labels. In every case: nothing typed is lost, one bad file
//! halts nothing, and nothing is read or written outside the shared folder.

#![allow(clippy::unwrap_used, clippy::expect_used)]

use std::path::{Path, PathBuf};

use sala_core::ErrorCode;
use sala_core::api::SyncReport;
use sala_core::hlc::Hlc;
use sala_core::op::{Entity, Op, OpKind, new_id};
use sala_sync::{format, sync_pass, transfer};
use serde_json::json;

mod laptops;
use laptops::{Laptop, NOW, laptop, note_at, ops_files, texts};

fn pass(l: &mut Laptop, folder: &Path) -> SyncReport {
    sync_pass(&mut l.store, folder, NOW).unwrap()
}

/// The coordinator (a, with the demo workshop), table 2 (b, labelled) and a shared folder.
struct Room {
    _shared: tempfile::TempDir,
    folder: PathBuf,
    a: Laptop,
    b: Laptop,
}

fn room() -> Room {
    let shared = tempfile::tempdir().unwrap();
    let mut a = laptop("a");
    a.store.ensure_demo().unwrap();
    pass(&mut a, shared.path());
    let mut b = laptop("b");
    transfer::join_folder(&mut b.store, shared.path(), None, NOW, None).unwrap();
    b.store
        .set_setting(sala_store::sync::TABLE_LABEL, "Table 2")
        .unwrap();
    pass(&mut b, shared.path());
    Room {
        folder: shared.path().to_path_buf(),
        _shared: shared,
        a,
        b,
    }
}

impl Room {
    fn device_dir(&self, l: &Laptop) -> PathBuf {
        let w = l.store.current_workshop().unwrap();
        sala_sync::folder::workshop_dir(&self.folder, &w.id)
            .unwrap()
            .join(l.store.device_id())
    }

    /// Writes `ops` into b's folder as its next numbered file, as a buggy or hostile Sala
    /// would: well formed, checksummed.
    fn plant(&self, ops: &[Op]) -> String {
        let w = self.b.store.current_workshop().unwrap();
        let dir = self.device_dir(&self.b);
        let seq = ops_files(&dir).len() as u64 + 1;
        let (_, bytes) = format::encode(&w.id, &w.title, self.b.store.device_id(), seq, ops);
        let name = format!("{seq:08}.sala-ops");
        std::fs::write(dir.join(&name), bytes).unwrap();
        name
    }

    /// An op of b's, as b's Sala would make it, for `entity`/`id`.
    fn op(
        &self,
        entity: Entity,
        id: &str,
        kind: OpKind,
        field: &str,
        value: serde_json::Value,
    ) -> Op {
        let device = self.b.store.device_id().to_owned();
        Op {
            id: new_id(),
            hlc: Hlc {
                wall_ms: NOW,
                counter: 0,
                device: device.clone(),
            },
            device,
            workshop_id: self.b.store.current_workshop().unwrap().id,
            entity,
            entity_id: id.to_owned(),
            kind,
            field: field.to_owned(),
            value,
            prev: Vec::new(),
            text_update: None,
        }
    }
}

/// A row field nested `depth` arrays deep.
fn nested(depth: usize) -> serde_json::Value {
    let mut v = json!("x");
    for _ in 0..depth {
        v = json!([v]);
    }
    v
}

/// One bad op in a file of b's, between two good files: the coordinator's pass and a fresh
/// laptop's join both succeed, the bad file is set aside with `code` naming "Table 2", every
/// note before and after it arrives, and the file is retried at the next pass.
fn check(case: &str, code: ErrorCode, bad: impl FnOnce(&Room) -> Vec<Op>) {
    let mut r = room();
    note_at(&mut r.b, "B", 1, "before the bad file");
    pass(&mut r.b, &r.folder);
    let ops = bad(&r);
    let name = r.plant(&ops);
    note_at(&mut r.b, "B", 1, "after the bad file");
    pass(&mut r.b, &r.folder);

    let before_a = r.a.store.dump().unwrap();
    let got = sync_pass(&mut r.a.store, &r.folder, NOW)
        .unwrap_or_else(|e| panic!("{case}: the pass must not fail: {e:?}"));
    assert_eq!(
        texts(&r.a),
        ["after the bad file", "before the bad file"],
        "{case}"
    );
    let problem = got
        .problems
        .iter()
        .find(|p| p.file.ends_with(&name))
        .unwrap_or_else(|| panic!("{case}: no problem listed: {:?}", got.problems));
    assert_eq!(problem.error.code, code, "{case}: {:?}", problem.error);
    assert!(problem.retried, "{case}");
    assert_eq!(
        problem.error.params.get("table").map(String::as_str),
        Some("Table 2"),
        "{case}"
    );
    for lang in [
        sala_core::api::UiLanguage::En,
        sala_core::api::UiLanguage::Lo,
    ] {
        let shown = sala_i18n::error_message(lang, &problem.error);
        assert!(
            shown.contains("Table 2") && shown.contains(&name) && !shown.contains("%{"),
            "{case}: {shown}"
        );
    }
    // Nothing of it was applied: only the two notes changed anything.
    let after_a = r.a.store.dump().unwrap();
    assert_eq!(after_a.groups, before_a.groups, "{case}");
    assert_eq!(after_a.workshop, before_a.workshop, "{case}");

    // Retried at the next pass (a newer Sala may read it), without failing it.
    let again = pass(&mut r.a, &r.folder);
    let tries = again
        .problems
        .iter()
        .find(|p| p.file.ends_with(&name))
        .map(|p| p.tries);
    assert_eq!(tries, Some(2), "{case}");

    // A laptop joining now gets everything else.
    let mut c = laptop("c");
    transfer::join_folder(&mut c.store, &r.folder, None, NOW, None)
        .unwrap_or_else(|e| panic!("{case}: join failed: {e:?}"));
    assert_eq!(texts(&c), texts(&r.a), "{case}");
}

#[test]
fn one_bad_file_halts_nothing_and_is_shown_with_its_table() {
    check("a note that is not a note", ErrorCode::SyncBadOp, |r| {
        let id = new_id();
        vec![r.op(
            Entity::Note,
            &id,
            OpKind::Create,
            "",
            json!({"id": id, "hello": "x"}),
        )]
    });
    check("a row field nested 100 deep", ErrorCode::SyncBadOp, |r| {
        let id = new_id();
        let mut row = serde_json::to_value(r.b.store.all_notes().unwrap().pop().unwrap()).unwrap();
        row["id"] = json!(id);
        row["text"] = nested(100);
        vec![r.op(Entity::Note, &id, OpKind::Create, "", row)]
    });
    check(
        "a known field given a value of the wrong kind",
        ErrorCode::SyncBadOp,
        |r| {
            let g = r.b.store.find_group("B").unwrap();
            vec![r.op(Entity::Group, &g.id, OpKind::Set, "name", nested(100))]
        },
    );
    check(
        "a timestamp at the counter's limit",
        ErrorCode::SyncImpossibleTime,
        |r| {
            let g = r.b.store.find_group("B").unwrap();
            let mut op = r.op(Entity::Group, &g.id, OpKind::Set, "facilitator", json!("x"));
            op.hlc.wall_ms = 253_402_300_799_999;
            op.hlc.counter = u32::MAX;
            vec![op]
        },
    );
    check("a row id that is a path", ErrorCode::SyncBadOp, |r| {
        vec![r.op(
            Entity::Note,
            "../../etc/passwd",
            OpKind::Delete,
            "",
            json!(null),
        )]
    });
    check("a device id that is a path", ErrorCode::SyncBadOp, |r| {
        let g = r.b.store.find_group("B").unwrap();
        let mut op = r.op(Entity::Group, &g.id, OpKind::Set, "facilitator", json!("x"));
        op.device = "../../outside".into();
        vec![op]
    });
    check("a text update that is not one", ErrorCode::SyncBadOp, |r| {
        let n = r.b.store.all_notes().unwrap().pop().unwrap();
        let mut op = r.op(Entity::Note, &n.id, OpKind::Set, "text", json!("x"));
        op.text_update = Some("////not yjs////".into());
        vec![op]
    });
    check(
        "a note created for another workshop",
        ErrorCode::SyncOtherWorkshopRow,
        |r| {
            let id = new_id();
            let g = r.b.store.find_group("B").unwrap();
            let q = r.b.store.question_by_number(1).unwrap();
            let mut row =
                serde_json::to_value(r.b.store.all_notes().unwrap().pop().unwrap()).unwrap();
            row["id"] = json!(id);
            row["workshop_id"] = json!(new_id());
            row["group_id"] = json!(g.id);
            row["question_id"] = json!(q.id);
            vec![r.op(Entity::Note, &id, OpKind::Create, "", row)]
        },
    );
}

#[test]
fn a_note_arriving_before_the_group_made_for_it_waits_and_sync_goes_on() {
    // b's laptop was set up before the coordinator's, so its folder is read first; the app
    // reads one file per step. A note in a group b received from a arrives before the group.
    let mut b = laptop("b");
    std::thread::sleep(std::time::Duration::from_millis(3));
    let shared = tempfile::tempdir().unwrap();
    let mut a = laptop("a");
    a.store.ensure_demo().unwrap();
    assert!(b.store.device_id() < a.store.device_id());
    pass(&mut a, shared.path());
    transfer::join_folder(&mut b.store, shared.path(), None, NOW, None).unwrap();
    let mut c = laptop("c");
    transfer::join_folder(&mut c.store, shared.path(), None, NOW, None).unwrap();
    a.store
        .create_group(&sala_core::api::GroupDraft {
            name: "G".into(),
            focus_areas: vec![],
            facilitator: String::new(),
            note_taker: String::new(),
        })
        .unwrap();
    pass(&mut a, shared.path());
    pass(&mut b, shared.path());
    note_at(&mut b, "G", 1, "ໃນກຸ່ມ G");
    pass(&mut b, shared.path());
    for _ in 0..3 {
        let r = sala_sync::pass::sync_pass_limited(&mut c.store, shared.path(), NOW, 1).unwrap();
        assert!(r.problems.is_empty(), "{:?}", r.problems);
    }
    assert_eq!(texts(&c), ["ໃນກຸ່ມ G"]);
    assert_eq!(
        c.store.find_group("G").unwrap().id,
        a.store.find_group("G").unwrap().id
    );
}

#[test]
fn two_passes_on_one_data_folder_at_once_lose_no_note() {
    // The app's background sync and `sala sync` in terminals: stores on one data folder,
    // each typing notes and passing as fast as it can, all at once.
    let mut r = room();
    let data = r.b._dir.path().to_path_buf();
    let folder = r.folder.clone();
    let machine = sala_store::MachineIdentity("b".into());
    let threads: Vec<_> = (0..4)
        .map(|t| {
            let (data, folder, machine) = (data.clone(), folder.clone(), machine.clone());
            std::thread::spawn(move || {
                let mut s = sala_store::Store::open_in(&data, &machine).unwrap();
                let g = s.find_group("B").unwrap();
                let q = s.question_by_number(1).unwrap();
                let mut typed = Vec::new();
                for i in 0..25 {
                    let text = format!("thread {t} note {i}");
                    // A busy database is not an acknowledged note: typed again.
                    let new = sala_core::api::NewNote {
                        group_id: g.id.clone(),
                        question_id: q.id.clone(),
                        text: text.clone(),
                        lang: None,
                        agenda_item_id: None,
                    };
                    while s.add_note(&new).is_err() {}
                    typed.push(text);
                    match sala_sync::pass::sync_pass_limited(&mut s, &folder, NOW, usize::MAX) {
                        Ok(report) => assert_eq!(report.new_device_id, None, "no clone here"),
                        Err(e) => assert!(
                            matches!(e.code, ErrorCode::SyncBusy | ErrorCode::DatabaseLocked),
                            "{e:?}"
                        ),
                    }
                }
                typed
            })
        })
        .collect();
    let typed: Vec<String> = threads
        .into_iter()
        .flat_map(|t| t.join().unwrap())
        .collect();
    let b = &mut r.b;
    sync_pass(&mut b.store, &r.folder, NOW).unwrap();
    assert_eq!(b.store.waiting().unwrap(), 0);
    pass(&mut r.a, &r.folder);
    let got = texts(&r.a);
    let lost: Vec<&String> = typed.iter().filter(|t| !got.contains(t)).collect();
    assert!(
        lost.is_empty(),
        "{} notes never reached the coordinator: {lost:?}",
        lost.len()
    );
    // Every file in b's folder is whole and b's own.
    for p in ops_files(&r.device_dir(&r.b)) {
        let bytes = std::fs::read(&p).unwrap();
        let (h, _) = format::decode("f", &bytes, None, None).unwrap();
        assert_eq!(h.device_id, r.b.store.device_id());
    }
}

#[test]
fn a_devices_own_file_replaced_or_removed_is_sent_again() {
    let mut r = room();
    note_at(&mut r.b, "B", 1, "ຈະຖືກແທນທີ່");
    pass(&mut r.b, &r.folder);
    let bdir = r.device_dir(&r.b);
    let adir = r.device_dir(&r.a);
    let newest = |dir: &Path| ops_files(dir).pop().unwrap();
    // A sync program puts a's file where b's newest was, before a has read it.
    let replaced = newest(&bdir);
    std::fs::copy(newest(&adir), &replaced).unwrap();
    let again = pass(&mut r.b, &r.folder);
    assert!(again.ops_sent > 0, "{again:?}");
    assert_eq!(again.new_device_id, None, "a stray copy is not a clone");
    pass(&mut r.a, &r.folder);
    assert!(texts(&r.a).contains(&"ຈະຖືກແທນທີ່".to_owned()));

    // Someone tidies the share and deletes b's files: they are written again.
    note_at(&mut r.b, "B", 1, "ຈະຖືກລຶບ");
    pass(&mut r.b, &r.folder);
    for p in ops_files(&bdir) {
        std::fs::remove_file(p).unwrap();
    }
    let resent = pass(&mut r.b, &r.folder);
    assert!(resent.ops_sent > 0 && resent.waiting == 0, "{resent:?}");
    let mut c = laptop("c");
    transfer::join_folder(&mut c.store, &r.folder, None, NOW, None).unwrap();
    assert_eq!(texts(&c), ["ຈະຖືກລຶບ", "ຈະຖືກແທນທີ່"]);
}

/// Every path under `dir`.
fn all_paths(dir: &Path) -> Vec<PathBuf> {
    let mut out = Vec::new();
    for e in std::fs::read_dir(dir).unwrap() {
        let p = e.unwrap().path();
        if std::fs::symlink_metadata(&p).unwrap().is_dir() {
            out.extend(all_paths(&p));
        }
        out.push(p);
    }
    out
}

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
