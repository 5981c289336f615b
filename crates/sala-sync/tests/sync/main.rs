//! Two and three laptops syncing through one real folder (here), and every kind of bad file in
//! it (bad_files.rs).

#![allow(clippy::unwrap_used, clippy::expect_used)]

use std::path::{Path, PathBuf};

use sala_core::api::NoteChange;
use sala_core::op::Entity;
use sala_core::{ErrorCode, SalaError};
use sala_store::{MachineIdentity, Store};
use sala_sync::key::KeySource;
use sala_sync::pass::Load;
use sala_sync::{format, sync_pass, transfer};

#[path = "../laptops/mod.rs"]
mod laptops;

mod bad_files;
mod bulk;
mod old_formats;
mod snapshots;
use laptops::{Laptop, NOW, joined, laptop, note_at, ops_files, texts};

/// The coordinator's laptop with the demo workshop, and a shared folder.
fn start() -> (Laptop, tempfile::TempDir) {
    let mut a = laptop("a");
    a.store.ensure_demo().unwrap();
    (a, tempfile::tempdir().unwrap())
}

fn note(l: &mut Laptop, group: &str, text: &str) -> String {
    note_at(l, group, 1, text)
}

/// The workshop's state with what differs per device (its id, its op count) left out.
fn state(l: &Laptop) -> String {
    let mut d = l.store.dump().unwrap();
    d.device_id = String::new();
    d.op_count = 0;
    serde_json::to_string(&d).unwrap()
}

fn pass(l: &mut Laptop, folder: &Path) -> sala_core::api::SyncReport {
    sync_pass(&mut l.store, folder, NOW).unwrap()
}

#[test]
fn a_lao_note_typed_on_one_laptop_reaches_the_other_and_back() {
    let (mut a, shared) = start();
    note(&mut a, "A", "ຍັງບໍ່ມີກົດໝາຍວ່າດ້ວຍການແບ່ງປັນຂໍ້ມູນ");
    let sent = pass(&mut a, shared.path());
    assert!(
        sent.reached && sent.ops_sent > 0 && sent.waiting == 0,
        "{sent:?}"
    );

    let mut b = laptop("b");
    let joined = transfer::join_folder(&mut b.store, shared.path(), None, NOW, None).unwrap();
    assert_eq!(joined.id, a.store.current_workshop().unwrap().id);
    assert_eq!(texts(&b), vec!["ຍັງບໍ່ມີກົດໝາຍວ່າດ້ວຍການແບ່ງປັນຂໍ້ມູນ"]);

    note(&mut b, "B", "Data-sharing law is missing");
    assert_eq!(b.store.waiting().unwrap(), 1);
    pass(&mut b, shared.path());
    let got = pass(&mut a, shared.path());
    assert_eq!(got.ops_received, 1);
    assert_eq!(texts(&a), texts(&b));
    assert_eq!(state(&a), state(&b));
    // A pass with nothing new changes nothing.
    let idle = pass(&mut a, shared.path());
    assert_eq!(
        (idle.files_read, idle.files_written, idle.ops_received),
        (0, 0, 0)
    );
    assert_eq!(idle.devices.len(), 1);
}

// Long by design: one scenario step by step, each step using what the one before left.
#[test]
fn two_offline_edits_of_one_note_merge_and_a_conflicting_field_can_be_resolved() {
    let (mut a, shared) = start();
    let id = note(&mut a, "A", "ງົບປະມານບໍ່ພຽງພໍ");
    pass(&mut a, shared.path());
    let mut b = joined("b", shared.path());

    // Both edit the note offline: one adds words at the end, the other at the start.
    a.store
        .update_note_text(&id, "ງົບປະມານບໍ່ພຽງພໍ ສຳລັບການຝຶກອົບຮົມ")
        .unwrap();
    b.store
        .update_note_text(&id, "(ກະຊວງ) ງົບປະມານບໍ່ພຽງພໍ")
        .unwrap();
    // And both translate it differently: a short field, kept as a conflict.
    a.store
        .change_note(
            &id,
            &NoteChange::Translation(Some("Budget is short".into())),
        )
        .unwrap();
    b.store
        .change_note(
            &id,
            &NoteChange::Translation(Some("Not enough budget".into())),
        )
        .unwrap();
    b.store
        .change_note(&id, &NoteChange::KeyPoint(true))
        .unwrap();
    for _ in 0..2 {
        pass(&mut a, shared.path());
        pass(&mut b, shared.path());
    }
    assert_eq!(state(&a), state(&b), "both laptops show the same");
    assert_eq!(
        texts(&a),
        vec!["(ກະຊວງ) ງົບປະມານບໍ່ພຽງພໍ ສຳລັບການຝຶກອົບຮົມ"],
        "both edits' words, merged as text"
    );
    let sorted = |c: &sala_store::sync::Conflict| {
        let mut v: Vec<String> = c
            .values
            .iter()
            .map(|v| v.value.as_str().unwrap().to_owned())
            .collect();
        v.sort_unstable();
        v
    };
    for l in [&a, &b] {
        let c = l.store.conflicts().unwrap();
        assert_eq!(c.len(), 2, "the translation, and the text to check: {c:?}");
        let translation = c.iter().find(|c| c.field == "translation").unwrap();
        assert_eq!(translation.entity, Entity::Note);
        assert_eq!(
            sorted(translation),
            ["Budget is short", "Not enough budget"]
        );
        assert_eq!(translation.merged, None);
        // The text merged both edits, and says so until someone accepts it: each laptop's own
        // version beside the merge.
        let text = c.iter().find(|c| c.field == "text").unwrap();
        assert_eq!(
            text.merged,
            Some(serde_json::json!("(ກະຊວງ) ງົບປະມານບໍ່ພຽງພໍ ສຳລັບການຝຶກອົບຮົມ"))
        );
        assert_eq!(
            sorted(text),
            ["(ກະຊວງ) ງົບປະມານບໍ່ພຽງພໍ", "ງົບປະມານບໍ່ພຽງພໍ ສຳລັບການຝຶກອົບຮົມ"]
        );
        let devices: std::collections::BTreeSet<&str> =
            text.values.iter().map(|v| v.device.as_str()).collect();
        assert_eq!(devices.len(), 2, "one version from each laptop");
        // Fields edited on one side only merge without a conflict.
        assert!(l.store.all_notes().unwrap()[0].key_point);
    }
    // Laptop b accepts the merged text as it is: nothing changes but the check is done, there
    // and, once synced, on laptop a.
    let merged = "(ກະຊວງ) ງົບປະມານບໍ່ພຽງພໍ ສຳລັບການຝຶກອົບຮົມ";
    b.store
        .resolve_conflict(Entity::Note, &id, "text", serde_json::json!(merged))
        .unwrap();
    assert_eq!(texts(&b), vec![merged]);
    pass(&mut b, shared.path());
    pass(&mut a, shared.path());
    for l in [&a, &b] {
        let c = l.store.conflicts().unwrap();
        assert_eq!(c.len(), 1, "only the translation is left: {c:?}");
        assert_eq!(texts(l), vec![merged]);
    }

    // Resolved on one laptop (combining both), the resolution syncs.
    let combined = "Budget is short / not enough";
    a.store
        .resolve_conflict(
            Entity::Note,
            &id,
            "translation",
            serde_json::json!(combined),
        )
        .unwrap();
    pass(&mut a, shared.path());
    pass(&mut b, shared.path());
    assert!(b.store.conflicts().unwrap().is_empty());
    assert_eq!(
        b.store.all_notes().unwrap()[0].translation.as_deref(),
        Some(combined)
    );
    assert_eq!(state(&a), state(&b));
}

#[test]
fn one_laptops_version_of_a_text_edited_on_two_at_once_can_be_kept_instead_of_the_merge() {
    let (mut a, shared) = start();
    let id = note(&mut a, "A", "ຂໍ້ມູນສ່ວນບຸກຄົນ");
    pass(&mut a, shared.path());
    let mut b = joined("b", shared.path());
    a.store.update_note_text(&id, "ຂໍ້ມູນ (ຮ່າງຢູ່)").unwrap();
    b.store
        .update_note_text(&id, "ຂໍ້ມູນສ່ວນບຸກຄົນ ແລະ ຄວາມປອດໄພ")
        .unwrap();
    for _ in 0..2 {
        pass(&mut a, shared.path());
        pass(&mut b, shared.path());
    }
    let conflict = a.store.conflicts().unwrap().remove(0);
    assert_eq!(conflict.field, "text");
    let from_b = conflict
        .values
        .iter()
        .find(|v| v.device == b.store.device_id())
        .unwrap()
        .value
        .clone();
    a.store
        .resolve_conflict(Entity::Note, &id, "text", from_b)
        .unwrap();
    pass(&mut a, shared.path());
    pass(&mut b, shared.path());
    for l in [&a, &b] {
        assert_eq!(texts(l), vec!["ຂໍ້ມູນສ່ວນບຸກຄົນ ແລະ ຄວາມປອດໄພ"]);
        assert!(l.store.conflicts().unwrap().is_empty());
    }
}

#[test]
fn an_edit_saved_while_another_laptops_words_arrived_keeps_them() {
    let (mut a, shared) = start();
    let id = note(&mut a, "A", "one two");
    pass(&mut a, shared.path());
    let mut b = joined("b", shared.path());
    b.store.update_note_text(&id, "one two three").unwrap();
    pass(&mut b, shared.path());
    // Laptop a receives b's words while its editor is open on "one two".
    pass(&mut a, shared.path());
    let saved = a
        .store
        .edit_note_text(&id, Some("one two"), "zero one two")
        .unwrap();
    assert_eq!(saved.text, "zero one two three");
    pass(&mut a, shared.path());
    pass(&mut b, shared.path());
    assert_eq!(texts(&b), vec!["zero one two three"]);
}

#[test]
fn deletes_are_tombstones_and_a_vanished_folder_deletes_nothing() {
    let (mut a, shared) = start();
    let id = note(&mut a, "A", "keep me");
    pass(&mut a, shared.path());
    let mut b = joined("b", shared.path());
    b.store.delete_note(&id).unwrap();
    pass(&mut b, shared.path());
    pass(&mut a, shared.path());
    assert_eq!(
        a.store.trash().unwrap().len(),
        1,
        "in the trash, restorable"
    );
    a.store.restore_note(&id).unwrap();
    pass(&mut a, shared.path());
    pass(&mut b, shared.path());
    assert_eq!(texts(&b), vec!["keep me"]);

    // The share goes away: the pass says so and nothing here changes.
    let before = state(&b);
    let gone: PathBuf = shared.path().join("unplugged");
    let r = pass(&mut b, &gone);
    assert!(!r.reached);
    assert_eq!(
        r.folder_error.unwrap().code,
        ErrorCode::SyncFolderUnreachable
    );
    std::fs::remove_dir_all(shared.path().join("sala-sync")).unwrap();
    let r = pass(&mut b, shared.path());
    assert!(r.reached);
    assert_eq!(state(&b), before, "an emptied folder is not a deletion");
}

#[test]
fn a_cloned_laptop_takes_a_new_id_and_loses_nothing() {
    let (mut a, shared) = start();
    note(&mut a, "A", "before the clone");
    pass(&mut a, shared.path());
    // A second laptop from the same disk image: same device id.
    let clone_dir = tempfile::tempdir().unwrap();
    // A disk image holds the database and its write-ahead log.
    for suffix in ["", "-wal"] {
        let from = PathBuf::from(format!("{}{suffix}", a.store.path().display()));
        if from.exists() {
            std::fs::copy(
                &from,
                clone_dir
                    .path()
                    .join(format!("{}{suffix}", sala_store::DB_FILE)),
            )
            .unwrap();
        }
    }
    let machine = MachineIdentity("a".into());
    let path = clone_dir.path().join(sala_store::DB_FILE);
    {
        let s = Store::open(&path, &machine).unwrap();
        let conn = s.read();
        conn.execute(
            "UPDATE meta SET value = ?1 WHERE key = 'device_id'",
            [a.store.device_id()],
        )
        .unwrap();
    }
    let mut c = Laptop {
        _dir: clone_dir,
        store: Store::open(&path, &machine).unwrap(),
    };
    assert_eq!(c.store.device_id(), a.store.device_id());

    note(&mut a, "A", "typed on the original");
    note(&mut c, "C", "typed on the clone");
    pass(&mut a, shared.path());
    let r = pass(&mut c, shared.path());
    assert!(
        r.new_device_id.is_some(),
        "the clone noticed and took a new id"
    );
    assert_ne!(c.store.device_id(), a.store.device_id());
    pass(&mut a, shared.path());
    pass(&mut c, shared.path());
    let all = [
        "before the clone",
        "typed on the clone",
        "typed on the original",
    ];
    assert_eq!(texts(&a), all);
    assert_eq!(texts(&c), all);
}

#[test]
fn a_phone_s_survey_answer_travels_with_where_it_came_from_and_counts_once_on_every_laptop() {
    use sala_core::survey::{Answer, QuestionKind, ResponseSource};
    let (mut a, shared) = start();
    let pre = a.store.ensure_builtin_surveys().unwrap().remove(0);
    let answers: std::collections::BTreeMap<String, Answer> = pre
        .questions()
        .filter(|q| q.required)
        .map(|q| match q.kind {
            QuestionKind::Rating { .. } => (q.key.clone(), Answer::Rating(3)),
            _ => (q.key.clone(), Answer::Text("ok".into())),
        })
        .collect();
    let from = |via: &str| ResponseSource {
        phone: "phone-7f3a".into(),
        via: via.into(),
    };
    a.store
        .answer_survey_from_phone("pre", None, answers.clone(), from("Table 1"))
        .unwrap();
    pass(&mut a, shared.path());
    let mut b = joined("b", shared.path());
    let got = b.store.survey_responses(&pre.form_id).unwrap();
    assert_eq!(got.len(), 1);
    assert_eq!(got[0].source, Some(from("Table 1")));
    // The same phone in the room of another table's laptop: refused there too.
    let again = b
        .store
        .answer_survey_from_phone("pre", None, answers, from("Table 2"))
        .unwrap_err();
    assert_eq!(again.code, ErrorCode::SurveyAnsweredOnThisPhone);
    assert_eq!(state(&a), state(&b));
}

#[test]
fn ideas_received_by_the_coordinators_room_wait_in_the_groups_queue_on_the_groups_laptop() {
    use sala_core::model::IdeaStatus;
    // The coordinator's laptop runs the room; group A's laptop moderates.
    let (mut room, shared) = start();
    pass(&mut room, shared.path());
    let mut table = joined("table", shared.path());
    let group = room.store.find_group("A").unwrap().id;
    let question = room.store.question_by_number(2).unwrap().id;
    let idea = room
        .store
        .send_idea(
            &group,
            &question,
            "ຄວນມີກົດໝາຍປົກປ້ອງຂໍ້ມູນ",
            "ab12cd34",
            "Coordinator",
        )
        .unwrap();
    room.store
        .send_idea(&group, &question, "off topic", "ab12cd34", "Coordinator")
        .unwrap();
    pass(&mut room, shared.path());
    pass(&mut table, shared.path());
    let queue = table.store.pending_ideas(&group, &question).unwrap();
    assert_eq!(queue.len(), 2);
    assert_eq!(queue[0].via, "Coordinator");

    let note = table.store.accept_idea(&idea.id, None, None).unwrap();
    table.store.reject_idea(&queue[1].id).unwrap();
    pass(&mut table, shared.path());
    pass(&mut room, shared.path());
    // Back on the coordinator's laptop: the queue is empty, the note is from a participant.
    assert!(
        room.store
            .pending_ideas(&group, &question)
            .unwrap()
            .is_empty()
    );
    let there = room.store.idea(&idea.id).unwrap();
    assert_eq!(
        (there.status, there.note_id),
        (IdeaStatus::Accepted, Some(note.id.clone()))
    );
    let notes = room.store.notes_for(&group, &question).unwrap();
    assert_eq!(notes.len(), 1);
    assert_eq!(notes[0].idea_id.as_deref(), Some(idea.id.as_str()));
    assert_eq!(state(&room), state(&table));
}
