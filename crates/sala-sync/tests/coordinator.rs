//! The coordinator's view after two tables synced: the matrix of focus areas × groups, filtered
//! by table and by session; a cell's drill-down; who created and last changed each item; the workshops a
//! laptop holds and switching between them.

#![allow(clippy::unwrap_used, clippy::expect_used)]

use sala_core::api::{ActionDraft, MatrixFilter, NewCard, SessionFilter};
use sala_core::model::Quadrant;
use sala_sync::sync_pass;

mod laptops;
use laptops::{Laptop, NOW, joined, note_at, sharing_demo};

/// The id of the demo agenda's first breakout session.
fn first_breakout(l: &Laptop) -> String {
    let mut breakouts: Vec<_> = l
        .store
        .dump()
        .unwrap()
        .agenda
        .into_iter()
        .filter(|a| a.kind == sala_core::model::AgendaKind::Breakout)
        .collect();
    breakouts.sort_by(|a, b| (a.day, &a.starts_at).cmp(&(b.day, &b.starts_at)));
    breakouts[0].id.clone()
}

fn note(l: &mut Laptop, group: &str, text: &str) -> String {
    note_at(l, group, 2, text)
}

/// The coordinator (a) and table 2 (b), each with work in group A; b also has a card (taken in
/// the first breakout session) and an action (outside any session) on group B's first focus
/// area. Returns them synced, and the ids of b's card and a's first note.
fn workshop() -> (Laptop, Laptop, String, String) {
    let shared = tempfile::tempdir().unwrap();
    let mut a = sharing_demo("a", shared.path());
    let mut b = joined("b", shared.path());

    let first = note(&mut a, "A", "ຍັງບໍ່ມີກົດໝາຍ");
    note(&mut a, "A", "No data standards");
    note(&mut b, "A", "ບຸກຄະລາກອນຂາດແຄນ");
    let group_b = b.store.find_group("B").unwrap();
    let card = b
        .store
        .add_card(&NewCard {
            group_id: group_b.id.clone(),
            focus_area_id: group_b.focus_area_ids[0].clone(),
            quadrant: Quadrant::Weaknesses,
            text: "ງົບປະມານ".into(),
            stakeholder: None,
            source_note_id: None,
            agenda_item_id: Some(first_breakout(&b)),
        })
        .unwrap();
    b.store
        .add_action(&ActionDraft {
            focus_area_id: Some(group_b.focus_area_ids[0].clone()),
            source_id: Some(card.id.clone()),
            ..ActionDraft::titled("Draft the data-sharing decree")
        })
        .unwrap();
    // b edits a's note: provenance shows both.
    for _ in 0..2 {
        sync_pass(&mut a.store, shared.path(), NOW).unwrap();
        sync_pass(&mut b.store, shared.path(), NOW).unwrap();
    }
    b.store
        .update_note_text(&first, "ຍັງບໍ່ມີກົດໝາຍວ່າດ້ວຍຂໍ້ມູນ")
        .unwrap();
    sync_pass(&mut b.store, shared.path(), NOW).unwrap();
    sync_pass(&mut a.store, shared.path(), NOW).unwrap();
    (a, b, card.id, first)
}

// Long by design: one scenario step by step, each step using what the one before left.
#[test]
fn the_matrix_counts_every_tables_work_and_filters_by_table_and_session() {
    let (a, b, _, _) = workshop();
    let group_a = a.store.find_group("A").unwrap();
    let group_b = a.store.find_group("B").unwrap();
    let (da, db) = (
        a.store.device_id().to_owned(),
        b.store.device_id().to_owned(),
    );

    let session = SessionFilter::Session(first_breakout(&a));
    // (table, session, group, focus area, (notes, cards, actions))
    let check = |device: Option<&str>,
                 session: &SessionFilter,
                 group: &str,
                 focus: &str,
                 want: (u32, u32, u32)| {
        let filter = MatrixFilter {
            device: device.map(str::to_owned),
            session: session.clone(),
        };
        let m = a.store.matrix(&filter).unwrap();
        let got = m
            .cells
            .iter()
            .find(|c| c.group_id == group && c.focus_area_id == focus)
            .map_or((0, 0, 0), |c| (c.notes, c.cards, c.actions));
        assert_eq!(
            got, want,
            "table {device:?}, session {session:?}, group {group}, focus area {focus}"
        );
    };
    let any = SessionFilter::Any;
    let outside = SessionFilter::Outside;
    for fa in &group_a.focus_area_ids {
        check(None, &any, &group_a.id, fa, (3, 0, 0));
        check(Some(&da), &any, &group_a.id, fa, (2, 0, 0));
        check(Some(&db), &any, &group_a.id, fa, (1, 0, 0));
        check(None, &outside, &group_a.id, fa, (3, 0, 0));
        check(None, &session, &group_a.id, fa, (0, 0, 0));
    }
    let fa_b = &group_b.focus_area_ids[0];
    check(None, &any, &group_b.id, fa_b, (0, 1, 1));
    check(Some(&da), &any, &group_b.id, fa_b, (0, 0, 0));
    check(Some(&db), &any, &group_b.id, fa_b, (0, 1, 1));
    // The card was made in the first breakout; the action outside any session.
    check(None, &session, &group_b.id, fa_b, (0, 1, 0));
    check(Some(&db), &session, &group_b.id, fa_b, (0, 1, 0));
    check(Some(&da), &session, &group_b.id, fa_b, (0, 0, 0));
    check(None, &outside, &group_b.id, fa_b, (0, 0, 1));

    let m = a.store.matrix(&MatrixFilter::default()).unwrap();
    assert_eq!(m.devices, {
        let mut d = vec![da.clone(), db.clone()];
        d.sort();
        d
    });

    // The drill-down holds exactly what the cell counts.
    let cell = a
        .store
        .matrix_cell(
            &group_a.id,
            &group_a.focus_area_ids[0],
            &MatrixFilter {
                device: Some(db.clone()),
                ..MatrixFilter::default()
            },
        )
        .unwrap();
    let texts: Vec<&str> = cell.notes.iter().map(|n| n.text.as_str()).collect();
    assert_eq!(texts, ["ບຸກຄະລາກອນຂາດແຄນ"]);
    let cell = a
        .store
        .matrix_cell(&group_b.id, fa_b, &MatrixFilter::default())
        .unwrap();
    assert_eq!(cell.cards[0].text, "ງົບປະມານ");
    assert_eq!(cell.actions[0].title, "Draft the data-sharing decree");
    let cell = a
        .store
        .matrix_cell(
            &group_b.id,
            fa_b,
            &MatrixFilter {
                session: session.clone(),
                ..MatrixFilter::default()
            },
        )
        .unwrap();
    assert_eq!((cell.cards.len(), cell.actions.len()), (1, 0));
}

#[test]
fn search_narrowed_to_one_table_finds_only_what_it_created() {
    let (a, b, _, _) = workshop();
    let search = |text: &str, device: Option<&str>| -> Vec<String> {
        let mut hits: Vec<String> = a
            .store
            .search(&sala_core::api::SearchQuery {
                text: text.into(),
                device: device.map(str::to_owned),
                ..Default::default()
            })
            .unwrap()
            .into_iter()
            .map(|h| h.snippets.iter().map(|s| s.text.as_str()).collect())
            .collect();
        hits.sort();
        hits
    };
    let (da, db) = (a.store.device_id(), b.store.device_id());
    // "ຂໍ້ມູນ" is in a's first note (b edited it; a created it); "ງົບ" in b's card.
    assert_eq!(search("ຂໍ້ມູນ", None), ["ຍັງບໍ່ມີກົດໝາຍວ່າດ້ວຍຂໍ້ມູນ"]);
    assert_eq!(search("ຂໍ້ມູນ", Some(da)), ["ຍັງບໍ່ມີກົດໝາຍວ່າດ້ວຍຂໍ້ມູນ"]);
    assert!(search("ຂໍ້ມູນ", Some(db)).is_empty());
    assert_eq!(search("ງົບ", Some(db)), ["ງົບປະມານ"]);
    assert!(search("ງົບ", Some(da)).is_empty());
    assert_eq!(search("data", Some(db)), ["Draft the data-sharing decree"]);
    assert!(search("data", Some("no-such-device")).is_empty());
}

#[test]
fn provenance_names_the_creating_and_the_last_changing_table() {
    let (a, b, card, first) = workshop();
    let (da, db) = (
        a.store.device_id().to_owned(),
        b.store.device_id().to_owned(),
    );
    let p = a.store.provenance(&[first.clone(), card.clone()]).unwrap();
    let by = |id: &str| p.iter().find(|x| x.id == id).unwrap();
    assert_eq!((&by(&first).created_by, &by(&first).edited_by), (&da, &db));
    assert_eq!((&by(&card).created_by, &by(&card).edited_by), (&db, &db));
    assert!(by(&first).edited_hlc > by(&first).created_hlc);
    // The same on both laptops, and in `sala dump --json`.
    assert_eq!(
        b.store.provenance(std::slice::from_ref(&first)).unwrap()[0],
        *by(&first)
    );
    let dump = a.store.dump().unwrap();
    assert!(dump.provenance.iter().any(|x| x == by(&first)));
    assert_eq!(
        dump.provenance.len(),
        dump.notes.len() + dump.swot_cards.len() + dump.actions.len()
    );
}

#[test]
fn a_laptop_holds_several_workshops_and_switches_between_them() {
    let (_a, mut b, _, _) = workshop();
    // b started with no workshop and joined a's: one workshop. A demo of its own makes two.
    assert_eq!(b.store.workshops().unwrap().len(), 1);
    let joined = b.store.current_workshop().unwrap();
    let own = b
        .store
        .create_workshop(
            &sala_core::template::Template::builtin(),
            &sala_core::template::WorkshopSpec::demo(),
        )
        .unwrap();
    let list = b.store.workshops().unwrap();
    assert_eq!(list.len(), 2);
    assert!(list.iter().any(|w| w.workshop_id == own.id && w.current));
    b.store.switch_workshop(&joined.id).unwrap();
    assert_eq!(b.store.current_workshop().unwrap().id, joined.id);
    assert_eq!(
        b.store.all_notes().unwrap().len(),
        3,
        "the joined workshop's notes"
    );
    assert!(b.store.switch_workshop("no-such-workshop").is_err());
}
