//! The store, as a spec: round trips, ops in the same transaction, device identity, bad files.

#![allow(clippy::unwrap_used, clippy::expect_used)]

use sala_core::ErrorCode;
use sala_core::api::NewNote;
use sala_core::model::*;
use sala_core::op::{Entity, OpKind, new_id};
use sala_store::log::table::{self, Table};
use sala_store::{Store, log::ops};
use tempfile::TempDir;

mod kit;

const LAO_NOTE: &str = "ການແບ່ງປັນຂໍ້ມູນລະຫວ່າງກະຊວງຍັງມີຂໍ້ຈຳກັດ";

fn op_count(store: &Store) -> u64 {
    ops::count(store.read()).unwrap()
}

/// Creates `row` through the writer, reads it back, and checks it is identical and logged.
#[track_caller]
fn check_round_trip<T: Table>(store: &mut Store, workshop_id: &str, row: T::Row)
where
    T::Row: PartialEq + std::fmt::Debug,
{
    let before = op_count(store);
    store
        .write(|w| w.create::<T>(workshop_id, &row).map(|_| ()))
        .unwrap();
    let back = table::get::<T>(store.read(), T::id(&row)).unwrap();
    assert_eq!(back.as_ref(), Some(&row), "{} round trip", T::TABLE);
    assert_eq!(
        op_count(store),
        before + 1,
        "{} create wrote one op",
        T::TABLE
    );
    let logged = ops::for_entity(store.read(), T::ENTITY, T::id(&row)).unwrap();
    assert_eq!(logged.len(), 1);
    assert_eq!(logged[0].kind, OpKind::Create);
    assert_eq!(logged[0].device, store.device_id());
}

// Long by design: one scenario step by step, each step using what the one before left.
#[test]
fn every_table_round_trips_lao_and_english_text() {
    let dir = TempDir::new().unwrap();
    let mut store = kit::demo_in(dir.path(), "laptop-1");
    let ov = store.overview().unwrap();
    let ws = ov.workshop.id.clone();
    let group = ov.groups[0].id.clone();
    let fa = ov.focus_areas[0].id.clone();
    let q = ov.questions[0].id.clone();

    check_round_trip::<sala_store::workshop::workshops::Workshops>(
        &mut store,
        &ws,
        Workshop {
            id: new_id(),
            title: Bilingual::new("Second workshop", "ກອງປະຊຸມສຳມະນາທີສອງ"),
            start_date: "2024-01-02".into(),
            end_date: "2024-01-03".into(),
            venue: Bilingual::new("Luang Prabang", "ຫຼວງພະບາງ"),
            organisers: Bilingual::new("MTC", "ກະຊວງເຕັກໂນໂລຊີ ແລະ ການສື່ສານ"),
            template: "national-data-governance".into(),
            is_demo: false,
            objectives: Vec::new(),
        },
    );
    check_round_trip::<sala_store::workshop::agenda_items::AgendaItems>(
        &mut store,
        &ws,
        AgendaItem {
            id: new_id(),
            workshop_id: ws.clone(),
            day: 2,
            position: 9,
            kind: AgendaKind::ReportBack,
            title: Bilingual::new("Report-back", "ລາຍງານຜົນ"),
            starts_at: "16:00".into(),
            ends_at: "16:30".into(),
            room: "ຫ້ອງ 2".into(),
            deleted: false,
        },
    );
    check_round_trip::<sala_store::workshop::focus_areas::FocusAreas>(
        &mut store,
        &ws,
        FocusArea {
            id: new_id(),
            workshop_id: ws.clone(),
            kind: FocusAreaKind::Element,
            code: "x".into(),
            position: 10,
            name: Bilingual::new("Open data", "ຂໍ້ມູນເປີດ"),
            description: Bilingual::default(),
            deleted: false,
        },
    );
    check_round_trip::<sala_store::workshop::guiding_questions::GuidingQuestions>(
        &mut store,
        &ws,
        GuidingQuestion {
            id: new_id(),
            workshop_id: ws.clone(),
            number: 6,
            text: Bilingual::new("What next?", "ຕໍ່ໄປແມ່ນຫຍັງ?"),
            deleted: false,
        },
    );
    check_round_trip::<sala_store::workshop::groups::Groups>(
        &mut store,
        &ws,
        Group {
            id: new_id(),
            workshop_id: ws.clone(),
            name: "ກຸ່ມ E".into(),
            position: 5,
            focus_area_ids: vec![fa.clone()],
            facilitator: "ສົມພອນ".into(),
            note_taker: "Anna".into(),
            deleted: false,
        },
    );
    check_round_trip::<sala_store::notes::rows::Notes>(
        &mut store,
        &ws,
        Note {
            id: new_id(),
            workshop_id: ws.clone(),
            group_id: group.clone(),
            question_id: q.clone(),
            agenda_item_id: None,
            text: format!("{LAO_NOTE}\nline two \u{200B} zero-width"),
            lang: Language::Lo,
            stakeholder: Some(Stakeholder::CivilSociety),
            key_point: true,
            tags: vec!["ກົດໝາຍ".into(), "law".into()],
            translation: Some("Data sharing is limited".into()),
            device_id: "d".into(),
            created_hlc: "000000000000001-0000000000-d".into(),
            updated_hlc: "000000000000001-0000000000-d".into(),
            deleted: false,
            idea_id: Some(new_id()),
        },
    );
    check_round_trip::<sala_store::ideas::rows::Ideas>(
        &mut store,
        &ws,
        sala_core::model::Idea {
            id: new_id(),
            workshop_id: ws.clone(),
            group_id: group.clone(),
            question_id: q.clone(),
            text: format!("{LAO_NOTE} \u{200B}<script>alert(1)</script>"),
            lang: Language::Mixed,
            phone: "0f3a9c".into(),
            via: "ໂຕະ 3".into(),
            received_hlc: "000000000000001-0000000000-d".into(),
            status: sala_core::model::IdeaStatus::Merged,
            note_id: Some(new_id()),
            deleted: false,
        },
    );
    check_round_trip::<sala_store::swot::cards::SwotCards>(
        &mut store,
        &ws,
        SwotCard {
            id: new_id(),
            workshop_id: ws.clone(),
            group_id: group.clone(),
            focus_area_id: fa.clone(),
            quadrant: Quadrant::Threats,
            text: "ງົບປະມານຈຳກັດ".into(),
            stakeholder: None,
            position: 0,
            cluster_id: None,
            source_note_id: None,
            deleted: false,
            agenda_item_id: None,
        },
    );
    check_round_trip::<sala_store::plan::actions::Actions>(
        &mut store,
        &ws,
        Action {
            id: new_id(),
            workshop_id: ws.clone(),
            title: "ຮ່າງນະໂຍບາຍຂໍ້ມູນ".into(),
            description: "Draft the national data policy".into(),
            focus_area_id: Some(fa.clone()),
            responsible: "MTC".into(),
            partners: "UN DESA".into(),
            start_date: Some("2023-06-01".into()),
            due_date: Some("2023-12-31".into()),
            horizon: None,
            priority: Priority::High,
            status: ActionStatus::Agreed,
            source_id: None,
            deleted: false,
            agenda_item_id: None,
        },
    );
    check_round_trip::<sala_store::people::participants::Participants>(
        &mut store,
        &ws,
        Participant {
            id: new_id(),
            workshop_id: ws.clone(),
            name: Bilingual::new("Souksavanh", "ສຸກສະຫວັນ"),
            organisation: "ກະຊວງ".into(),
            stakeholder: Some(Stakeholder::Government),
            gender: Gender::Female,
            contact: "s@example.la".into(),
            consent: true,
            group_id: Some(group.clone()),
            deleted: false,
        },
    );
}

#[test]
fn a_note_is_saved_with_its_op_and_reads_back_exactly() {
    let dir = TempDir::new().unwrap();
    let mut store = kit::demo_in(dir.path(), "laptop-1");
    let group = store.find_group("A").unwrap();
    let q1 = store.question_by_number(1).unwrap();
    let before = op_count(&store);
    let note = store
        .add_note(&NewNote {
            group_id: group.id.clone(),
            question_id: q1.id.clone(),
            text: LAO_NOTE.into(),
            lang: None,
            agenda_item_id: None,
        })
        .unwrap();
    assert_eq!(note.lang, Language::Lo);
    assert_eq!(op_count(&store), before + 1);
    drop(store);

    let store = Store::open_in(dir.path(), &kit::machine("laptop-1")).unwrap();
    let notes = store.notes_for(&group.id, &q1.id).unwrap();
    assert_eq!(notes.len(), 1);
    assert_eq!(notes[0].text.as_bytes(), LAO_NOTE.as_bytes());
}

#[test]
fn edits_deletes_and_restores_are_ops_and_the_trash_keeps_the_note() {
    let dir = TempDir::new().unwrap();
    let mut store = kit::demo_in(dir.path(), "laptop-1");
    let group = store.find_group("b").unwrap();
    let q2 = store.question_by_number(2).unwrap();
    let note = store
        .add_note(&NewNote {
            group_id: group.id.clone(),
            question_id: q2.id.clone(),
            text: "first".into(),
            lang: None,
            agenda_item_id: None,
        })
        .unwrap();
    let edited = store
        .update_note_text(&note.id, "first, then ການແກ້ໄຂ ແລະ ການປັບປຸງຂໍ້ມູນ")
        .unwrap();
    assert_eq!(edited.lang, Language::Mixed);
    assert!(edited.updated_hlc > note.updated_hlc);

    store.delete_note(&note.id).unwrap();
    assert!(store.notes_for(&group.id, &q2.id).unwrap().is_empty());
    assert_eq!(store.trash().unwrap().len(), 1);
    store.restore_note(&note.id).unwrap();
    assert_eq!(
        store.notes_for(&group.id, &q2.id).unwrap()[0].text,
        edited.text
    );
    assert!(store.trash().unwrap().is_empty());

    let kinds: Vec<(OpKind, String)> = ops::for_entity(store.read(), Entity::Note, &note.id)
        .unwrap()
        .into_iter()
        .map(|o| (o.kind, o.field))
        .collect();
    assert_eq!(
        kinds,
        vec![
            (OpKind::Create, String::new()),
            (OpKind::Set, "text".into()),
            (OpKind::Set, "lang".into()),
            (OpKind::Delete, String::new()),
            (OpKind::Restore, String::new()),
        ]
    );
}

#[test]
fn a_failed_change_writes_neither_row_nor_op() {
    let dir = TempDir::new().unwrap();
    let mut store = kit::demo_in(dir.path(), "laptop-1");
    let group = store.find_group("A").unwrap();
    let q1 = store.question_by_number(1).unwrap();
    let note = store
        .add_note(&NewNote {
            group_id: group.id.clone(),
            question_id: q1.id.clone(),
            text: "kept".into(),
            lang: None,
            agenda_item_id: None,
        })
        .unwrap();
    let before = op_count(&store);

    // The first op of the transaction succeeds, the second fails: both are rolled back.
    let err = store
        .write(|w| {
            w.set::<sala_store::notes::rows::Notes>(&note.workshop_id, &note.id, "text", "lost")?;
            w.set::<sala_store::notes::rows::Notes>(
                &note.workshop_id,
                &note.id,
                "no_such_field",
                1,
            )?;
            Ok(())
        })
        .unwrap_err();
    assert_eq!(err.code, ErrorCode::InvalidArgument);
    assert_eq!(op_count(&store), before);
    assert_eq!(store.notes_for(&group.id, &q1.id).unwrap()[0].text, "kept");

    // A value of the wrong type is refused the same way.
    let err = store
        .write(|w| {
            w.set::<sala_store::notes::rows::Notes>(&note.workshop_id, &note.id, "key_point", "yes")
                .map(|_| ())
        })
        .unwrap_err();
    assert_eq!(err.code, ErrorCode::InvalidArgument);
    assert_eq!(op_count(&store), before);
}

#[test]
fn overlong_and_blank_notes_are_refused_and_nothing_is_written() {
    let dir = TempDir::new().unwrap();
    let mut store = kit::demo_in(dir.path(), "laptop-1");
    let group = store.find_group("A").unwrap();
    let q1 = store.question_by_number(1).unwrap();
    let before = op_count(&store);
    for (text, code) in [
        ("ກ".repeat(20_001), ErrorCode::TextTooLong),
        ("   ".into(), ErrorCode::EmptyText),
    ] {
        let err = store
            .add_note(&NewNote {
                group_id: group.id.clone(),
                question_id: q1.id.clone(),
                text,
                lang: None,
                agenda_item_id: None,
            })
            .unwrap_err();
        assert_eq!(err.code, code);
    }
    assert_eq!(op_count(&store), before);
}

#[test]
fn the_demo_is_created_once_with_every_row_as_an_op() {
    let dir = TempDir::new().unwrap();
    let mut store = Store::open_in(dir.path(), &kit::machine("m")).unwrap();
    let (w, created) = store.ensure_demo().unwrap();
    assert!(created && w.is_demo);
    let ov = store.overview().unwrap();
    let rows = 1 + ov.agenda.len() + ov.focus_areas.len() + ov.questions.len() + ov.groups.len();
    assert_eq!(op_count(&store), rows as u64);
    assert_eq!((ov.focus_areas.len(), ov.questions.len()), (10, 5));
    let (_, again) = store.ensure_demo().unwrap();
    assert!(!again);
    assert_eq!(op_count(&store), rows as u64);
}

#[test]
fn the_database_is_wal_with_full_sync() {
    let dir = TempDir::new().unwrap();
    let store = kit::demo_in(dir.path(), "laptop-1");
    let mode: String = store
        .read()
        .query_row("PRAGMA journal_mode", [], |r| r.get(0))
        .unwrap();
    let sync: i64 = store
        .read()
        .query_row("PRAGMA synchronous", [], |r| r.get(0))
        .unwrap();
    assert_eq!((mode.as_str(), sync), ("wal", 2));
}

#[test]
fn device_id_is_kept_on_reopen_and_renewed_for_a_copy() {
    let dir = TempDir::new().unwrap();
    let first = kit::demo_in(dir.path(), "laptop-1").device_id().to_owned();
    let again = Store::open_in(dir.path(), &kit::machine("laptop-1"))
        .unwrap()
        .device_id()
        .to_owned();
    assert_eq!(first, again, "same machine, same file: same device");

    // The file carried to another machine (same path there).
    let other_machine = Store::open_in(dir.path(), &kit::machine("laptop-2")).unwrap();
    let second = other_machine.device_id().to_owned();
    assert_ne!(first, second);
    drop(other_machine);

    // A copy to another folder on the same machine.
    let copy_dir = TempDir::new().unwrap();
    std::fs::copy(dir.path().join("sala.db"), copy_dir.path().join("sala.db")).unwrap();
    let copy = Store::open_in(copy_dir.path(), &kit::machine("laptop-2")).unwrap();
    assert_ne!(copy.device_id(), second);
    assert_ne!(copy.device_id(), first);
    let previous =
        sala_store::db::meta::get(copy.read(), sala_store::db::meta::PREVIOUS_DEVICE_IDS)
            .unwrap()
            .unwrap();
    assert!(
        previous.contains(&first) && previous.contains(&second),
        "{previous}"
    );
    // New notes on the copy carry the new id.
    let mut copy = copy;
    let g = copy.find_group("A").unwrap();
    let q = copy.question_by_number(1).unwrap();
    let n = copy
        .add_note(&NewNote {
            group_id: g.id,
            question_id: q.id,
            text: "x".into(),
            lang: None,
            agenda_item_id: None,
        })
        .unwrap();
    assert_eq!(n.device_id, copy.device_id());
}

#[test]
fn a_file_that_is_not_a_database_is_reported_as_corrupt_and_left_alone() {
    let dir = TempDir::new().unwrap();
    let path = dir.path().join("sala.db");
    let garbage = b"this is not a database, it is a shopping list\n".repeat(200);
    std::fs::write(&path, &garbage).unwrap();
    let err = Store::open(&path, &kit::machine("m")).unwrap_err();
    assert_eq!(err.code, ErrorCode::DatabaseCorrupt);
    assert_eq!(std::fs::read(&path).unwrap(), garbage);
}

#[test]
fn a_database_from_a_newer_sala_is_refused() {
    let dir = TempDir::new().unwrap();
    drop(kit::demo_in(dir.path(), "laptop-1"));
    let conn = rusqlite::Connection::open(dir.path().join("sala.db")).unwrap();
    conn.pragma_update(None, "user_version", 999).unwrap();
    drop(conn);
    let err = Store::open_in(dir.path(), &kit::machine("laptop-1")).unwrap_err();
    assert_eq!(err.code, ErrorCode::DatabaseTooNew);
    assert_eq!(err.params["found"], "999");
}

#[test]
fn unknown_group_lists_the_groups_there_are() {
    let dir = TempDir::new().unwrap();
    let store = kit::demo_in(dir.path(), "laptop-1");
    let err = store.find_group("Z").unwrap_err();
    assert_eq!(err.code, ErrorCode::UnknownGroup);
    assert_eq!(err.params["known"], "A, B, C, D");
    assert_eq!(
        store.question_by_number(6).unwrap_err().code,
        ErrorCode::UnknownQuestion
    );
}

#[test]
fn the_clock_continues_after_a_restart_even_if_the_wall_clock_went_back() {
    let dir = TempDir::new().unwrap();
    let store = kit::demo_in(dir.path(), "laptop-1");
    let last = ops::last_hlc(store.read()).unwrap().unwrap();
    drop(store);
    // Forge a log entry from the far future (a laptop whose clock was years ahead).
    let conn = rusqlite::Connection::open(dir.path().join("sala.db")).unwrap();
    let future = format!(
        "{:015}-0000000000-{}",
        last.wall_ms + 10 * 365 * 86_400_000,
        last.device
    );
    conn.execute(
        "UPDATE ops SET hlc = ?1 WHERE rowid = (SELECT max(rowid) FROM ops)",
        [&future],
    )
    .unwrap();
    drop(conn);
    let mut store = Store::open_in(dir.path(), &kit::machine("laptop-1")).unwrap();
    let g = store.find_group("A").unwrap();
    let q = store.question_by_number(1).unwrap();
    let n = store
        .add_note(&NewNote {
            group_id: g.id,
            question_id: q.id,
            text: "after".into(),
            lang: None,
            agenda_item_id: None,
        })
        .unwrap();
    assert!(
        n.created_hlc > future,
        "{} should sort after {future}",
        n.created_hlc
    );
}

fn add(store: &mut Store, text: &str) -> Note {
    store.add_note_at("A", 1, text).unwrap()
}

#[test]
fn a_long_read_sees_one_state_while_saves_go_on() {
    let dir = TempDir::new().unwrap();
    let mut store = kit::demo_in(dir.path(), "laptop-1");
    add(&mut store, "ກ່ອນລາຍງານ");
    let reader = store.reader().unwrap();
    reader
        .read_snapshot(|r| {
            let before = r.all_notes()?.len();
            // The app saves while the report reads: not held up, and not seen half-way.
            let t = std::time::Instant::now();
            add(&mut store, "ໃນລະຫວ່າງລາຍງານ");
            assert!(
                t.elapsed() < sala_store::BUSY_TIMEOUT,
                "the save did not wait"
            );
            assert_eq!(r.all_notes()?.len(), before);
            assert_eq!(r.dump()?.notes.len(), before);
            Ok(())
        })
        .unwrap();
    assert_eq!(reader.all_notes().unwrap().len(), 2);
    // Nothing is written through a read handle.
    let mut reader = reader;
    let g = reader.find_group("A").unwrap();
    let q = reader.question_by_number(1).unwrap();
    let e = reader
        .add_note(&NewNote {
            group_id: g.id,
            question_id: q.id,
            text: "x".into(),
            lang: None,
            agenda_item_id: None,
        })
        .unwrap_err();
    assert_eq!(e.code, ErrorCode::ReadOnly);
}

#[test]
fn the_dumps_provenance_is_each_items_first_and_latest_change() {
    let dir = TempDir::new().unwrap();
    let mut store = kit::demo_in(dir.path(), "laptop-1");
    let mut ids = Vec::new();
    for i in 0..30 {
        let n = add(&mut store, &format!("ບັນທຶກ {i}"));
        if i % 3 == 0 {
            store
                .change_note(&n.id, &sala_core::api::NoteChange::KeyPoint(true))
                .unwrap();
        }
        ids.push(n.id);
    }
    let dump = store.dump().unwrap();
    ids.sort();
    let one_by_one = store.provenance(&ids).unwrap();
    let in_dump: Vec<_> = dump
        .provenance
        .iter()
        .filter(|p| ids.contains(&p.id))
        .cloned()
        .collect();
    assert_eq!(in_dump, one_by_one);
    assert!(in_dump.iter().any(|p| p.edited_hlc > p.created_hlc));
}
