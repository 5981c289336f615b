//! Participants' ideas in the store (issue 20): sent from phones into a group's moderation
//! queue, then accepted (as sent or edited), merged into a note, or rejected — each once.

#![allow(clippy::unwrap_used)]

use sala_core::ErrorCode;
use sala_core::model::{IdeaStatus, Language};
use sala_core::text::{MAX_IDEA_CHARS, MAX_IDEAS_PER_PHONE};
use sala_store::Store;

mod kit;

const PHONE: &str = "4f1c0a9e2b7d4c3e8a6f1b2c3d4e5f60";

/// Group A's id and the id of its question 2.
fn target(s: &Store) -> (String, String) {
    (
        s.find_group("A").unwrap().id,
        s.question_by_number(2).unwrap().id,
    )
}

#[test]
fn an_idea_waits_in_its_groups_queue_until_accepted_as_a_note_from_a_participant() {
    let (_h, mut s) = kit::demo();
    let (group, question) = target(&s);
    let idea = s
        .send_idea(
            &group,
            &question,
            "  ຄວນມີກົດໝາຍປົກປ້ອງຂໍ້ມູນສ່ວນບຸກຄົນ  ",
            PHONE,
            "ໂຕະ 1",
        )
        .unwrap();
    assert_eq!(
        idea.text, "ຄວນມີກົດໝາຍປົກປ້ອງຂໍ້ມູນສ່ວນບຸກຄົນ",
        "trimmed, else as sent"
    );
    assert_eq!(
        (idea.status, idea.lang),
        (IdeaStatus::Pending, Language::Lo)
    );
    assert_eq!(idea.via, "ໂຕະ 1");
    // Queued for group A only, and not yet a note.
    assert_eq!(
        s.ideas(Some("A"), true).unwrap(),
        std::slice::from_ref(&idea)
    );
    assert!(s.ideas(Some("B"), true).unwrap().is_empty());
    assert!(s.notes_for(&group, &question).unwrap().is_empty());

    let note = s.accept_idea(&idea.id, None, None).unwrap();
    assert_eq!(note.text, idea.text);
    assert_eq!(note.idea_id.as_deref(), Some(idea.id.as_str()));
    assert_eq!(
        (note.group_id.as_str(), note.question_id.as_str()),
        (group.as_str(), question.as_str())
    );
    assert_eq!(
        s.notes_for(&group, &question).unwrap(),
        std::slice::from_ref(&note)
    );
    // Out of the queue; the idea remembers what it became, its text untouched.
    assert!(s.ideas(Some("A"), true).unwrap().is_empty());
    let done = s.idea(&idea.id).unwrap();
    assert_eq!(
        (done.status, done.note_id.as_deref()),
        (IdeaStatus::Accepted, Some(note.id.as_str()))
    );
    // Accepting twice (a second laptop, a double click) makes no second note.
    let again = s.accept_idea(&idea.id, None, None).unwrap_err();
    assert_eq!(again.code, ErrorCode::IdeaAlreadyModerated);
    assert_eq!(s.notes_for(&group, &question).unwrap().len(), 1);
    // In the dump, with the note.
    let dump = s.dump().unwrap();
    assert_eq!(dump.ideas, [done]);
}

#[test]
fn an_idea_edited_on_acceptance_keeps_what_the_participant_sent() {
    let (_h, mut s) = kit::demo();
    let (group, question) = target(&s);
    let idea = s
        .send_idea(&group, &question, "data law pls!!", PHONE, "t")
        .unwrap();
    let note = s
        .accept_idea(&idea.id, Some(" A data protection law is needed. "), None)
        .unwrap();
    assert_eq!(note.text, "A data protection law is needed.");
    assert_eq!(note.lang, Language::En);
    assert_eq!(s.idea(&idea.id).unwrap().text, "data law pls!!");
    // An edit to nothing is refused, and the idea still waits.
    let other = s
        .send_idea(&group, &question, "another", PHONE, "t")
        .unwrap();
    assert_eq!(
        s.accept_idea(&other.id, Some("   "), None)
            .unwrap_err()
            .code,
        ErrorCode::EmptyText
    );
    assert_eq!(s.idea(&other.id).unwrap().status, IdeaStatus::Pending);
}

#[test]
fn a_merged_idea_adds_its_text_to_the_note_as_a_paragraph() {
    let (_h, mut s) = kit::demo();
    let (group, question) = target(&s);
    let note = s
        .add_note_at("A", 2, "Ministries do not share data.")
        .unwrap();
    let idea = s
        .send_idea(&group, &question, "ກະຊວງບໍ່ແບ່ງປັນຂໍ້ມູນກັນ", PHONE, "t")
        .unwrap();
    let merged = s.merge_idea(&idea.id, &note.id).unwrap();
    assert_eq!(
        merged.text,
        "Ministries do not share data.\n\nກະຊວງບໍ່ແບ່ງປັນຂໍ້ມູນກັນ"
    );
    assert_eq!(merged.lang, Language::Mixed);
    let done = s.idea(&idea.id).unwrap();
    assert_eq!(
        (done.status, done.note_id),
        (IdeaStatus::Merged, Some(note.id.clone()))
    );
    assert_eq!(
        s.notes_for(&group, &question).unwrap().len(),
        1,
        "no new note"
    );

    // Only into a live note of the same group and question.
    let elsewhere = s.add_note_at("A", 3, "question three").unwrap();
    let idea = s.send_idea(&group, &question, "x", PHONE, "t").unwrap();
    assert_eq!(
        s.merge_idea(&idea.id, &elsewhere.id).unwrap_err().code,
        ErrorCode::InvalidArgument
    );
    assert_eq!(s.idea(&idea.id).unwrap().status, IdeaStatus::Pending);
}

#[test]
fn a_rejected_idea_leaves_the_queue_and_can_be_reconsidered() {
    let (_h, mut s) = kit::demo();
    let (group, question) = target(&s);
    let idea = s
        .send_idea(&group, &question, "off topic", PHONE, "t")
        .unwrap();
    assert_eq!(
        s.reject_idea(&idea.id).unwrap().status,
        IdeaStatus::Rejected
    );
    assert!(s.ideas(Some("A"), true).unwrap().is_empty());
    assert_eq!(s.ideas(Some("A"), false).unwrap().len(), 1, "kept");
    assert_eq!(
        s.reject_idea(&idea.id).unwrap_err().code,
        ErrorCode::IdeaAlreadyModerated
    );
    assert_eq!(
        s.reconsider_idea(&idea.id).unwrap().status,
        IdeaStatus::Pending
    );
    assert_eq!(s.ideas(Some("A"), true).unwrap().len(), 1);
    // An accepted idea cannot go back to the queue: its note exists.
    s.accept_idea(&idea.id, None, None).unwrap();
    assert_eq!(
        s.reconsider_idea(&idea.id).unwrap_err().code,
        ErrorCode::IdeaAlreadyModerated
    );
}

#[test]
fn what_a_phone_may_send_is_bounded() {
    let (_h, mut s) = kit::demo();
    let (group, question) = target(&s);
    let check = |s: &mut Store, text: &str, code: Option<ErrorCode>| {
        let got = s
            .send_idea(&group, &question, text, PHONE, "t")
            .err()
            .map(|e| e.code);
        assert_eq!(got, code, "{:?}", text.chars().take(20).collect::<String>());
    };
    check(&mut s, "", Some(ErrorCode::EmptyText));
    check(&mut s, " \n\t ", Some(ErrorCode::EmptyText));
    check(
        &mut s,
        &"ກ".repeat(MAX_IDEA_CHARS + 1),
        Some(ErrorCode::TextTooLong),
    );
    check(&mut s, &"ກ".repeat(MAX_IDEA_CHARS), None);
    for i in 1..MAX_IDEAS_PER_PHONE {
        check(&mut s, &format!("idea {i}"), None);
    }
    check(&mut s, "one too many", Some(ErrorCode::IdeaLimitReached));
    // Another phone, or the same phone on another question, is not held back.
    s.send_idea(&group, &question, "other phone", "ab12", "t")
        .unwrap();
    let q3 = s.question_by_number(3).unwrap().id;
    s.send_idea(&group, &q3, "other question", PHONE, "t")
        .unwrap();
    // Nothing but real groups and questions.
    let unknown = s
        .send_idea("no such group", &question, "x", "cd34", "t")
        .unwrap_err();
    assert_eq!(unknown.code, ErrorCode::UnknownGroup);
    let unknown = s
        .send_idea(&group, "no-such-question", "x", "cd34", "t")
        .unwrap_err();
    assert_eq!(unknown.code, ErrorCode::NotFound);
    assert_eq!(
        s.ideas_of_phone(&group, &question, PHONE).unwrap().len(),
        MAX_IDEAS_PER_PHONE as usize
    );
}

#[test]
fn ideas_are_found_by_the_start_or_end_of_their_id() {
    let (_h, mut s) = kit::demo();
    let (group, question) = target(&s);
    let idea = s.send_idea(&group, &question, "x", PHONE, "t").unwrap();
    assert_eq!(s.idea(&idea.id[..13]).unwrap().id, idea.id);
    assert_eq!(s.idea(&idea.id[28..]).unwrap().id, idea.id);
    assert_eq!(s.idea("abc").unwrap_err().code, ErrorCode::NotFound);
}

#[test]
fn two_copies_of_sala_accepting_the_same_ideas_at_once_make_one_note_each() {
    let (dir, mut s) = kit::demo();
    let (group, question) = target(&s);
    let ideas: Vec<String> = (0..20)
        .map(|n| {
            s.send_idea(&group, &question, &format!("idea {n}"), PHONE, "t")
                .unwrap()
                .id
        })
        .collect();
    drop(s);
    // The app and `sala room accept` in a terminal, on one data folder, racing idea by idea.
    let racers: Vec<_> = (0..2)
        .map(|_| {
            let (path, ideas) = (dir.path().to_owned(), ideas.clone());
            std::thread::spawn(move || {
                let mut store = Store::open_in(&path, &kit::machine("m")).unwrap();
                ideas
                    .iter()
                    .map(|id| match store.accept_idea(id, None, None) {
                        Ok(_) => true,
                        Err(e) if e.code == ErrorCode::IdeaAlreadyModerated => false,
                        Err(e) => panic!("{e:?}"),
                    })
                    .collect::<Vec<bool>>()
            })
        })
        .collect();
    let won: Vec<Vec<bool>> = racers.into_iter().map(|r| r.join().unwrap()).collect();
    for (n, (first, second)) in won[0].iter().zip(&won[1]).enumerate() {
        assert!(first != second, "idea {n}: exactly one copy accepted it");
    }
    let s = Store::open_in(dir.path(), &kit::machine("m")).unwrap();
    assert_eq!(s.notes_for(&group, &question).unwrap().len(), ideas.len());
}
