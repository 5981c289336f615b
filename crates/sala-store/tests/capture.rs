//! Capture at the table, as a spec: note properties, SWOT boards (moves, clusters, dot votes)
//! and the action plan's rules, through the store's API.

#![allow(clippy::unwrap_used, clippy::expect_used)]

use sala_core::ErrorCode;
use sala_core::api::{ActionDraft, NewCard, NewNote, NoteChange};
use sala_core::model::{Horizon, Priority, Quadrant, Stakeholder};
use sala_store::{Store, log::ops};
use tempfile::TempDir;

struct Table {
    _dir: TempDir,
    store: Store,
    group: String,
    focus: String,
}

fn table() -> Table {
    let (dir, store) = kit::demo();
    let group = store.find_group("A").unwrap().id;
    let focus = store.focus_area("policy").unwrap().id;
    Table {
        _dir: dir,
        store,
        group,
        focus,
    }
}

impl Table {
    fn card(&mut self, quadrant: Quadrant, text: &str) -> String {
        let new = NewCard {
            group_id: self.group.clone(),
            focus_area_id: self.focus.clone(),
            quadrant,
            text: text.into(),
            stakeholder: None,
            source_note_id: None,
            agenda_item_id: None,
        };
        self.store.add_card(&new).unwrap().id
    }

    /// The board as (quadrant, text, votes) in board order.
    fn board(&self) -> Vec<(Quadrant, String, u32)> {
        self.store
            .board(&self.group, &self.focus)
            .unwrap()
            .cards
            .into_iter()
            .map(|c| (c.card.quadrant, c.card.text, c.votes))
            .collect()
    }

    fn ops(&self) -> u64 {
        ops::count(self.store.read()).unwrap()
    }
}

use Quadrant::{Opportunities as O, Strengths as S, Threats as T, Weaknesses as W};

mod kit;

fn b(q: Quadrant, text: &str, votes: u32) -> (Quadrant, String, u32) {
    (q, text.into(), votes)
}

#[test]
fn cards_go_to_the_end_of_their_quadrant_and_the_board_is_in_swot_order() {
    let mut t = table();
    t.card(T, "Cyber attacks");
    t.card(S, "Digital economy strategy exists");
    t.card(S, "ມີຍຸດທະສາດເສດຖະກິດດິຈິຕອນ");
    t.card(W, "No data-sharing law");
    assert_eq!(
        t.board(),
        vec![
            b(S, "Digital economy strategy exists", 0),
            b(S, "ມີຍຸດທະສາດເສດຖະກິດດິຈິຕອນ", 0),
            b(W, "No data-sharing law", 0),
            b(T, "Cyber attacks", 0),
        ]
    );
}

#[test]
fn moving_a_card_changes_its_quadrant_and_order_with_few_ops() {
    let mut t = table();
    let a = t.card(S, "a");
    t.card(S, "b");
    let c = t.card(S, "c");
    t.card(T, "t1");
    // Reorder within the quadrant (the keyboard's "move up").
    let before = t.ops();
    t.store.move_card(&c, S, 0).unwrap();
    assert_eq!(
        t.board(),
        vec![b(S, "c", 0), b(S, "a", 0), b(S, "b", 0), b(T, "t1", 0)]
    );
    assert_eq!(t.ops() - before, 3, "three positions changed");
    // To another quadrant, between cards; an index past the end clamps.
    t.store.move_card(&a, T, 0).unwrap();
    assert_eq!(
        t.board(),
        vec![b(S, "c", 0), b(S, "b", 0), b(T, "a", 0), b(T, "t1", 0)]
    );
    t.store.move_card(&a, O, 99).unwrap();
    assert_eq!(
        t.board(),
        vec![b(S, "c", 0), b(S, "b", 0), b(O, "a", 0), b(T, "t1", 0)]
    );
}

#[test]
fn dot_votes_respect_the_per_person_limit() {
    let mut t = table();
    let x = t.card(S, "x");
    let y = t.card(W, "y");
    t.store
        .set_vote_limit(&t.group.clone(), &t.focus.clone(), 2)
        .unwrap();
    t.store.vote(&x, "Somsak").unwrap();
    t.store.vote(&x, " Somsak ").unwrap(); // the same person, however typed
    let err = t.store.vote(&y, "Somsak").unwrap_err();
    assert_eq!(err.code, ErrorCode::VoteLimitReached);
    assert_eq!(
        (err.params["voter"].as_str(), err.params["limit"].as_str()),
        ("Somsak", "2")
    );
    t.store.vote(&y, "Anna").unwrap(); // another person has their own dots
    assert_eq!(t.board(), vec![b(S, "x", 2), b(W, "y", 1)]);
    // Taking a dot back frees it.
    t.store.unvote(&x, "Somsak").unwrap();
    t.store.vote(&y, "Somsak").unwrap();
    assert_eq!(t.board(), vec![b(S, "x", 1), b(W, "y", 2)]);
    let board = t.store.board(&t.group, &t.focus).unwrap();
    assert_eq!(board.cards[1].voters, vec!["Anna", "Somsak"]);
    assert_eq!(
        t.store.vote(&x, "  ").unwrap_err().code,
        ErrorCode::InvalidArgument
    );
}

#[test]
fn a_cluster_keeps_every_cards_text_and_moves_together() {
    let mut t = table();
    let a = t.card(W, "No data law");
    let b2 = t.card(W, "ບໍ່ມີກົດໝາຍຂໍ້ມູນ");
    let c = t.card(W, "Data law missing");
    let s = t.card(S, "Strong leadership");
    t.store.cluster_cards(&a, &b2).unwrap();
    t.store.cluster_cards(&c, &a).unwrap(); // clusters merge: c leads, a's cluster joins
    let board = t.store.board(&t.group, &t.focus).unwrap();
    let keys: Vec<_> = board
        .cards
        .iter()
        .filter(|x| x.card.quadrant == W)
        .map(|x| x.card.cluster_id.clone())
        .collect();
    assert!(
        keys.iter().all(|k| k.as_deref() == Some(c.as_str())),
        "{keys:?}"
    );
    let texts: Vec<_> = board.cards.iter().map(|x| x.card.text.as_str()).collect();
    assert!(
        texts.contains(&"No data law")
            && texts.contains(&"ບໍ່ມີກົດໝາຍຂໍ້ມູນ")
            && texts.contains(&"Data law missing")
    );
    assert_eq!(
        t.store.cluster_cards(&a, &s).unwrap_err().code,
        ErrorCode::ClusterMismatch
    );
    // Moving one clustered card moves the whole cluster.
    t.store.move_card(&b2, T, 0).unwrap();
    assert!(t.board().iter().filter(|x| x.0 == T).count() == 3);
    t.store.uncluster_card(&b2).unwrap();
    assert_eq!(
        t.store
            .board(&t.group, &t.focus)
            .unwrap()
            .cards
            .iter()
            .filter(|x| x.card.cluster_id.is_none())
            .count(),
        2
    );
}

#[test]
fn a_note_becomes_a_card_with_the_link_kept() {
    let mut t = table();
    let q1 = t.store.question_by_number(1).unwrap();
    let note = t
        .store
        .add_note(&NewNote {
            group_id: t.group.clone(),
            question_id: q1.id,
            text: "ມີຍຸດທະສາດ".into(),
            lang: None,
            agenda_item_id: None,
        })
        .unwrap();
    t.store
        .change_note(
            &note.id,
            &NoteChange::Stakeholder(Some(Stakeholder::Government)),
        )
        .unwrap();
    let card = t
        .store
        .card_from_note(&note.id, &t.focus.clone(), S)
        .unwrap();
    assert_eq!(card.text, "ມີຍຸດທະສາດ");
    assert_eq!(card.stakeholder, Some(Stakeholder::Government));
    assert_eq!(card.source_note_id.as_deref(), Some(note.id.as_str()));
}

#[test]
fn cards_go_to_the_trash_and_back_with_their_votes() {
    let mut t = table();
    let x = t.card(O, "Regional cooperation");
    t.store.vote(&x, "A").unwrap();
    t.store.delete_card(&x).unwrap();
    assert!(t.board().is_empty());
    assert_eq!(t.store.vote(&x, "A").unwrap_err().code, ErrorCode::NotFound);
    t.store.restore_card(&x).unwrap();
    assert_eq!(t.board(), vec![b(O, "Regional cooperation", 1)]);
}

#[test]
fn note_properties_are_ops_and_tags_are_cleaned() {
    let mut t = table();
    let q = t.store.question_by_number(3).unwrap();
    let n = t
        .store
        .add_note(&NewNote {
            group_id: t.group.clone(),
            question_id: q.id,
            text: "x".into(),
            lang: None,
            agenda_item_id: None,
        })
        .unwrap();
    let before = t.ops();
    t.store
        .change_note(&n.id, &NoteChange::KeyPoint(true))
        .unwrap();
    t.store
        .change_note(
            &n.id,
            &NoteChange::Tags(vec![
                " law ".into(),
                "ກົດໝາຍ".into(),
                "law".into(),
                "".into(),
            ]),
        )
        .unwrap();
    let n2 = t
        .store
        .change_note(&n.id, &NoteChange::Translation(Some("ທົດລອງ".into())))
        .unwrap();
    assert!(n2.key_point);
    assert_eq!(n2.tags, vec!["law", "ກົດໝາຍ"]);
    assert_eq!(n2.translation.as_deref(), Some("ທົດລອງ"));
    assert_eq!(t.ops() - before, 3);
    let n3 = t
        .store
        .change_note(&n.id, &NoteChange::Translation(Some("  ".into())))
        .unwrap();
    assert_eq!(n3.translation, None);
}

#[track_caller]
fn check_refused(t: &mut Table, draft: ActionDraft, code: ErrorCode) {
    let before = t.ops();
    let err = t.store.add_action(&draft).unwrap_err();
    assert_eq!(err.code, code, "{draft:?}");
    assert_eq!(t.ops(), before, "a refused action writes nothing");
}

#[test]
fn actions_are_validated_with_clear_reasons() {
    let mut t = table();
    let dated = |start: &str, due: &str| ActionDraft {
        start_date: Some(start.into()),
        due_date: Some(due.into()),
        ..ActionDraft::titled("Draft the data policy")
    };
    check_refused(&mut t, ActionDraft::titled("   "), ErrorCode::EmptyTitle);
    check_refused(
        &mut t,
        dated("2023-09-01", "2023-06-30"),
        ErrorCode::DueBeforeStart,
    );
    check_refused(
        &mut t,
        dated("2023-02-30", "2023-06-30"),
        ErrorCode::InvalidDate,
    );
    check_refused(
        &mut t,
        dated("2023-06-01", "30/06/2023"),
        ErrorCode::InvalidDate,
    );
    // Real dates, but typing slips: what a US-order date field made of 2023-09-01, a
    // Buddhist-era year, a year past the range.
    for (start, due) in [
        ("0001-12-09", "0031-12-03"),
        ("2566-09-01", "2566-12-31"),
        ("1999-12-31", "2023-06-30"),
        ("2023-06-01", "2101-01-01"),
    ] {
        check_refused(&mut t, dated(start, due), ErrorCode::DateOutOfRange);
    }
    check_refused(
        &mut t,
        ActionDraft {
            focus_area_id: Some("astrology".into()),
            ..ActionDraft::titled("x")
        },
        ErrorCode::UnknownFocusArea,
    );
    check_refused(
        &mut t,
        ActionDraft {
            source_id: Some("nope".into()),
            ..ActionDraft::titled("x")
        },
        ErrorCode::NotFound,
    );

    let ok = t
        .store
        .add_action(&ActionDraft {
            focus_area_id: Some("Data security and protection".into()),
            horizon: Some(Horizon::Short),
            priority: Priority::High,
            ..dated("2023-06-01", "2023-06-01")
        })
        .unwrap();
    // The range's own edges are dates people plan with.
    t.store
        .add_action(&dated("2000-01-01", "2100-12-31"))
        .unwrap();
    assert_eq!(
        ok.focus_area_id,
        Some(t.store.focus_area("data-security").unwrap().id)
    );
}

#[test]
fn an_action_from_a_card_keeps_the_link_and_updates_write_only_what_changed() {
    let mut t = table();
    let card = t.card(W, "No data-sharing law");
    let a = t
        .store
        .add_action(&ActionDraft {
            source_id: Some(card.clone()),
            ..ActionDraft::titled("Draft a data-sharing decree")
        })
        .unwrap();
    assert_eq!(a.source_id.as_deref(), Some(card.as_str()));
    let before = t.ops();
    let mut d = ActionDraft {
        source_id: Some(card.clone()),
        ..ActionDraft::titled("Draft a data-sharing decree")
    };
    d.due_date = Some("2024-03-31".into());
    d.responsible = "MTC".into();
    let updated = t.store.update_action(&a.id, &d).unwrap();
    assert_eq!(t.ops() - before, 2);
    assert_eq!(
        (updated.due_date.as_deref(), updated.responsible.as_str()),
        (Some("2024-03-31"), "MTC")
    );
    t.store.delete_action(&a.id).unwrap();
    assert!(t.store.actions().unwrap().is_empty());
    t.store.restore_action(&a.id).unwrap();
    assert_eq!(t.store.actions().unwrap().len(), 1);
}

#[test]
fn a_received_action_with_a_date_out_of_range_is_kept_as_it_came() {
    // Another laptop (an older Sala, or one with a broken date field) set a start date this
    // one would refuse. Merge never drops an op: the date is kept, for the UI and the reports
    // to flag, and a person can correct it.
    let mut t = table();
    let action = t
        .store
        .add_action(&ActionDraft {
            start_date: Some("2023-09-01".into()),
            ..ActionDraft::titled("Draft the data policy")
        })
        .unwrap();
    let created = ops::all(t.store.read())
        .unwrap()
        .into_iter()
        .find(|o| o.entity_id == action.id)
        .unwrap();
    let mut hlc = created.hlc.clone();
    hlc.wall_ms += 1_000;
    let device = sala_core::op::new_id();
    hlc.device = device.clone();
    let received = sala_core::op::Op {
        id: sala_core::op::new_id(),
        hlc,
        device,
        kind: sala_core::op::OpKind::Set,
        field: "start_date".into(),
        value: serde_json::json!("0001-12-09"),
        prev: vec![],
        text_update: None,
        ..created
    };
    t.store.ingest(&[received], 0, |_| Ok(())).unwrap();
    assert_eq!(
        t.store.action(&action.id).unwrap().start_date.as_deref(),
        Some("0001-12-09")
    );
    assert!(!sala_core::template::is_plausible_date("0001-12-09"));
}
