//! What a hostile or unlucky shared folder holds (issue 14), against real stores and a real
//! folder: files whose checksum is right but whose ops are not, ids that would become paths,
//! timestamps no clock makes, links, pipes and giant files, a device's own files replaced or
//! gone, control characters in labels. In every case: nothing typed is lost, one bad file
//! halts nothing, and nothing is read or written outside the shared folder. Bad ops and
//! lost files here; paths.rs what would lead outside the folder; clocks.rs times and numbering.

#![allow(clippy::unwrap_used, clippy::expect_used)]

use std::path::{Path, PathBuf};

use sala_core::ErrorCode;
use sala_core::api::SyncReport;
use sala_core::hlc::Hlc;
use sala_core::op::{Entity, Op, OpKind, new_id};
use sala_sync::{format, sync_pass, transfer};
use serde_json::json;

#[path = "../laptops/mod.rs"]
mod laptops;

mod clocks;
mod paths;
use laptops::{Laptop, NOW, joined, laptop, note_at, ops_files, texts};

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
    let mut b = joined("b", shared.path());
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
    let mut c = joined("c", shared.path());
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

#[test]
fn a_vanished_files_number_is_never_given_to_another_file() {
    let mut r = room();
    note_at(&mut r.b, "B", 1, "ກ່ອນ first");
    pass(&mut r.b, &r.folder);
    pass(&mut r.a, &r.folder);
    let bdir = r.device_dir(&r.b);
    let names = |dir: &Path| -> Vec<String> {
        ops_files(dir)
            .iter()
            .map(|p| p.file_name().unwrap().to_string_lossy().into_owned())
            .collect()
    };
    let before = names(&bdir);
    // B's newest file goes from the share (someone tidies it), after A has applied it; B
    // writes more, sent together with what went.
    std::fs::remove_file(bdir.join(before.last().unwrap())).unwrap();
    note_at(&mut r.b, "B", 1, "ຫຼັງ after");
    pass(&mut r.b, &r.folder);
    let after = names(&bdir);
    assert!(
        after.iter().all(|n| !before.contains(n)),
        "a number reused: {before:?} then {after:?}"
    );
    // A, which applied the vanished file by that name, still gets what came after.
    pass(&mut r.a, &r.folder);
    assert!(
        texts(&r.a).contains(&"ຫຼັງ after".to_owned()),
        "{:?}",
        texts(&r.a)
    );
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
