//! Participants, as a spec: Lao alphabetical order, validation, group assignment as ops.

#![allow(clippy::unwrap_used, clippy::expect_used)]

use sala_core::ErrorCode;
use sala_core::api::ParticipantDraft;
use sala_core::model::{Bilingual, Gender, Stakeholder};
use sala_store::log::ops;

mod kit;

fn draft(lo: &str, en: &str) -> ParticipantDraft {
    ParticipantDraft {
        name: Bilingual::new(en, lo),
        organisation: "MTC".into(),
        stakeholder: Some(Stakeholder::Government),
        gender: Gender::Undisclosed,
        contact: String::new(),
        consent: false,
        group_id: None,
    }
}

#[test]
fn participants_list_in_lao_order_with_latin_names_last() {
    let (_dir, mut store) = kit::demo();
    for (lo, en) in [
        ("ແສງດາວ", "Sengdao"),
        ("", "Anna Berg"),
        ("ກິດຕິ", "Kitti"),
        ("ໂຄສະນາ", "Khosana"),
        ("ສົມພອນ", "Somphone"),
        ("ເກດສະໜາ", "Ketsana"),
    ] {
        store.add_participant(&draft(lo, en)).unwrap();
    }
    let names: Vec<String> = store
        .participants()
        .unwrap()
        .into_iter()
        .map(|p| p.name.in_lang(sala_core::api::UiLanguage::Lo).to_owned())
        .collect();
    assert_eq!(
        names,
        ["ກິດຕິ", "ເກດສະໜາ", "ໂຄສະນາ", "ສົມພອນ", "ແສງດາວ", "Anna Berg"]
    );
}

#[test]
fn a_participant_needs_a_name_and_group_changes_are_ops() {
    let (_dir, mut store) = kit::demo();
    let err = store.add_participant(&draft("  ", " ")).unwrap_err();
    assert_eq!(err.code, ErrorCode::InvalidArgument);
    let p = store
        .add_participant(&draft("ສຸກສະຫວັນ", "Souksavanh"))
        .unwrap();
    let before = ops::count(store.read()).unwrap();
    let mut d = draft("ສຸກສະຫວັນ", "Souksavanh");
    d.group_id = Some("b".into()); // by name, as typed
    d.consent = true;
    let q = store.update_participant(&p.id, &d).unwrap();
    assert_eq!(q.group_id, Some(store.find_group("B").unwrap().id));
    assert!(q.consent);
    assert_eq!(ops::count(store.read()).unwrap() - before, 2);
    d.group_id = Some("Z".into());
    assert_eq!(
        store.update_participant(&p.id, &d).unwrap_err().code,
        ErrorCode::UnknownGroup
    );
    store.delete_participant(&p.id).unwrap();
    assert!(store.participants().unwrap().is_empty());
    // Undone: back in the list as it was, by one more op (synced like the delete).
    let before = ops::count(store.read()).unwrap();
    let back = store.restore_participant(&p.id).unwrap();
    assert!(!back.deleted);
    assert_eq!(store.participants().unwrap(), vec![back]);
    assert_eq!(ops::count(store.read()).unwrap() - before, 1);
    // Restoring what is not deleted writes nothing.
    store.restore_participant(&p.id).unwrap();
    assert_eq!(ops::count(store.read()).unwrap() - before, 1);
}

#[test]
fn check_in_is_per_day_and_can_be_taken_back() {
    let (_dir, mut store) = kit::demo(); // 11–12 May 2023: two days
    let p = store.add_participant(&draft("ກິດຕິ", "Kitti")).unwrap();
    store.set_attendance(&p.id, 1, true).unwrap();
    let before = ops::count(store.read()).unwrap();
    store.set_attendance(&p.id, 1, true).unwrap(); // already in: nothing to write
    assert_eq!(ops::count(store.read()).unwrap(), before);
    assert_eq!(
        store
            .attendance(1)
            .unwrap()
            .iter()
            .filter(|a| a.present)
            .count(),
        1
    );
    assert!(store.attendance(2).unwrap().is_empty());
    store.set_attendance(&p.id, 1, false).unwrap();
    assert_eq!(
        store
            .attendance(1)
            .unwrap()
            .iter()
            .filter(|a| a.present)
            .count(),
        0
    );
    for day in [0, 3] {
        assert_eq!(
            store.set_attendance(&p.id, day, true).unwrap_err().code,
            ErrorCode::InvalidArgument,
            "day {day}"
        );
    }
}

#[test]
fn groups_are_created_renamed_and_given_focus_areas_as_ops() {
    use sala_store::workshop::GroupDraft;
    let (_dir, mut store) = kit::demo();
    let draft = |name: &str, areas: &[&str]| GroupDraft {
        name: name.into(),
        focus_areas: areas.iter().map(|s| (*s).to_owned()).collect(),
        facilitator: "ສົມພອນ".into(),
        note_taker: String::new(),
    };
    let e = store
        .create_group(&draft("E", &["policy", "Data privacy and ethics"]))
        .unwrap();
    assert_eq!(e.position, 4);
    assert_eq!(e.focus_area_ids.len(), 2);
    assert_eq!(
        store.create_group(&draft("a", &[])).unwrap_err().code,
        ErrorCode::InvalidArgument,
        "names are unique"
    );
    assert_eq!(
        store.create_group(&draft(" ", &[])).unwrap_err().code,
        ErrorCode::EmptyTitle
    );
    assert_eq!(
        store
            .create_group(&draft("F", &["astrology"]))
            .unwrap_err()
            .code,
        ErrorCode::UnknownFocusArea
    );
    let before = ops::count(store.read()).unwrap();
    let renamed = store
        .update_group(
            &e.id,
            &draft("ກຸ່ມ ອີ", &["policy", "Data privacy and ethics"]),
        )
        .unwrap();
    assert_eq!(renamed.name, "ກຸ່ມ ອີ");
    assert_eq!(
        ops::count(store.read()).unwrap() - before,
        1,
        "only the name changed"
    );
    assert_eq!(store.find_group("ກຸ່ມ ອີ").unwrap().id, e.id);
}

#[test]
fn agenda_items_are_edited_as_ops_with_their_times_checked() {
    use sala_core::api::AgendaDraft;
    let (_dir, mut store) = kit::demo();
    let item = store.overview().unwrap().agenda[0].clone();
    let mut d = AgendaDraft {
        starts_at: "08:45".into(),
        ends_at: item.ends_at.clone(),
        title: item.title.clone(),
        room: "Ballroom".into(),
    };
    let before = ops::count(store.read()).unwrap();
    let edited = store.update_agenda_item(&item.id, &d).unwrap();
    assert_eq!(
        (edited.starts_at.as_str(), edited.room.as_str()),
        ("08:45", "Ballroom")
    );
    assert_eq!(ops::count(store.read()).unwrap() - before, 2);
    d.starts_at = "25:00".into();
    assert_eq!(
        store.update_agenda_item(&item.id, &d).unwrap_err().code,
        ErrorCode::InvalidArgument
    );
    d.starts_at = "10:00".into();
    d.ends_at = "09:00".into();
    assert_eq!(
        store.update_agenda_item(&item.id, &d).unwrap_err().code,
        ErrorCode::InvalidArgument
    );
}
