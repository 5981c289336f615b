//! Search, as a spec: every Lao word a user types finds every item containing it — one- and
//! two-syllable words included — over notes built from real Lao words (tests/fixtures).

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::print_stdout)]

use std::collections::BTreeSet;

use sala_core::api::{NewCard, NewNote, NoteChange, SearchQuery};
use sala_core::model::Quadrant;
use sala_store::Store;

mod kit;

fn words() -> Vec<(String, String)> {
    let text = include_str!("../../../tests/fixtures/lao-words.tsv");
    text.lines()
        .filter(|l| !l.starts_with('#'))
        .map(|l| {
            let mut f = l.split('\t');
            let _id = f.next();
            (
                f.next().unwrap().to_owned(),
                f.next().unwrap_or("").to_owned(),
            )
        })
        .collect()
}

fn note(store: &mut Store, group: &str, q: u32, text: &str) -> String {
    let g = store.find_group(group).unwrap().id;
    let q = store.question_by_number(q).unwrap().id;
    store
        .add_note(&NewNote {
            group_id: g,
            question_id: q,
            text: text.into(),
            lang: None,
            agenda_item_id: None,
        })
        .unwrap()
        .id
}

fn find(store: &Store, text: &str) -> Vec<String> {
    store
        .search(&SearchQuery {
            text: text.into(),
            limit: 10_000,
            ..Default::default()
        })
        .unwrap()
        .into_iter()
        .map(|h| h.id)
        .collect()
}

// Long by design: one scenario step by step, each step using what the one before left.
#[test]
fn every_lao_word_finds_every_note_containing_it() {
    let (_dir, mut store) = kit::demo();
    let words = words();
    assert!(words.len() > 400);
    // Notes of four consecutive words, no spaces between them, as Lao is written; every fifth
    // note ends with the English gloss of its first word.
    let mut notes = Vec::new();
    for (i, chunk) in words.chunks(4).enumerate() {
        let mut text: String = chunk.iter().map(|(w, _)| w.as_str()).collect();
        if i % 5 == 0 {
            text.push(' ');
            text.push_str(&chunk[0].1);
        }
        let id = note(
            &mut store,
            ["A", "B", "C", "D"][i % 4],
            (i % 5) as u32 + 1,
            &text,
        );
        notes.push((id, sala_text::fold(&text)));
    }

    let (mut expected_total, mut found_total, mut returned_total, mut whole_first) =
        (0usize, 0usize, 0usize, 0usize);
    let queries: BTreeSet<&str> = words.iter().map(|(w, _)| w.as_str()).collect();
    for q in &queries {
        let folded = sala_text::fold(q);
        let expected: BTreeSet<&str> = notes
            .iter()
            .filter(|(_, body)| body.contains(&folded))
            .map(|(id, _)| id.as_str())
            .collect();
        let found = find(&store, q);
        let found_set: BTreeSet<&str> = found.iter().map(String::as_str).collect();
        let missing: Vec<_> = expected.difference(&found_set).collect();
        assert!(
            missing.is_empty(),
            "{q:?} missed {} of {} notes",
            missing.len(),
            expected.len()
        );
        let wrong: Vec<_> = found_set.difference(&expected).collect();
        assert!(
            wrong.is_empty(),
            "{q:?} returned {} notes without it",
            wrong.len()
        );
        expected_total += expected.len();
        found_total += expected.intersection(&found_set).count();
        returned_total += found.len();
        // Ranking: the first hit holds the word as a whole word whenever some hit does.
        if let Some(first) = found.first() {
            let body = &notes.iter().find(|(id, _)| id == first).unwrap().1;
            let bounds = sala_text::word_bounds(body);
            let whole = |b: &str| {
                let bb = sala_text::word_bounds(b);
                sala_text::find_all(b, &folded)
                    .iter()
                    .any(|(s, e)| bb.contains(s) && bb.contains(e))
            };
            let any_whole = found
                .iter()
                .any(|id| whole(&notes.iter().find(|(n, _)| n == id).unwrap().1));
            let first_whole = sala_text::find_all(body, &folded)
                .iter()
                .any(|(s, e)| bounds.contains(s) && bounds.contains(e));
            if !any_whole || first_whole {
                whole_first += 1;
            }
        }
    }
    let recall = found_total as f64 / expected_total as f64;
    let precision = found_total as f64 / returned_total as f64;
    println!(
        "search test set: {} queries over {} notes; recall {recall:.3}, precision {precision:.3}; \
         whole-word hit ranked first for {:.1}% of queries",
        queries.len(),
        notes.len(),
        100.0 * whole_first as f64 / queries.len() as f64
    );
    assert_eq!((recall, precision), (1.0, 1.0));
}

#[track_caller]
fn check(store: &Store, query: &str, expected: &[&str], texts: &[(&str, &str)]) {
    let found = find(store, query);
    let names: Vec<&str> = found
        .iter()
        .map(|id| {
            texts
                .iter()
                .find(|(i, _)| i == id)
                .map(|(_, n)| *n)
                .unwrap_or("?")
        })
        .collect();
    assert_eq!(names, expected, "search {query:?}");
}

#[test]
fn english_is_case_and_accent_insensitive_and_whole_words_rank_first() {
    let (_dir, mut store) = kit::demo();
    let a = note(&mut store, "A", 1, "Open DATA portal needs a legal basis");
    let b = note(&mut store, "A", 2, "Metadata standards; données ouvertes");
    let c = note(&mut store, "B", 1, "ຂໍ້ມູນເປີດ ແລະ open data ຂອງລັດ");
    let d = note(&mut store, "C", 3, "ການແບ່ງປັນຂໍ້ມູນລະຫວ່າງກະຊວງ");
    let names = [
        (a.as_str(), "a"),
        (b.as_str(), "b"),
        (c.as_str(), "c"),
        (d.as_str(), "d"),
    ];
    // Both whole-word hits (the shorter text first) before "metadata", which holds it inside a word.
    check(&store, "data", &["c", "a", "b"], &names);
    check(&store, "DONNEES", &["b"], &names);
    check(&store, "open data", &["c", "a"], &names);
    check(&store, "ຂໍ້ມູນ", &["d", "c"], &names); // in c it is inside the compound ຂໍ້ມູນເປີດ
    check(&store, "ລັດ", &["c"], &names); // a two-character word
    check(&store, "ກະຊວງ ຂໍ້ມູນ", &["d"], &names); // every term must be there
    check(&store, "nothing-like-this", &[], &names);
    check(&store, "   ", &[], &names);
}

#[test]
fn the_index_follows_edits_the_trash_and_filters() {
    let (_dir, mut store) = kit::demo();
    let n = note(&mut store, "A", 1, "ງົບປະມານບໍ່ພຽງພໍ");
    let other = note(&mut store, "B", 2, "ງົບປະມານ for training");
    assert_eq!(find(&store, "ງົບປະມານ").len(), 2);
    store.update_note_text(&n, "ບຸກຄະລາກອນບໍ່ພຽງພໍ").unwrap();
    assert_eq!(find(&store, "ງົບປະມານ"), vec![other.clone()]);
    assert_eq!(find(&store, "ບຸກຄະລາກອນ"), vec![n.clone()]);
    // Words below a trigram follow edits too: ງົ was only in the old text of `n`.
    assert_eq!(find(&store, "ງົ"), vec![other.clone()]);
    assert_eq!(find(&store, "ບຸ"), vec![n.clone()]);
    store.delete_note(&other).unwrap();
    assert!(find(&store, "ງົບປະມານ").is_empty());
    assert!(find(&store, "ງົ").is_empty());
    store.restore_note(&other).unwrap();
    assert_eq!(find(&store, "ງົບປະມານ"), vec![other.clone()]);
    assert_eq!(find(&store, "ງົ"), vec![other.clone()]);

    // Tags and translations are searchable; key points can be asked for alone.
    store
        .change_note(&n, &NoteChange::Tags(vec!["capacity".into()]))
        .unwrap();
    store.change_note(&n, &NoteChange::KeyPoint(true)).unwrap();
    assert_eq!(find(&store, "capacity"), vec![n.clone()]);
    let key = store
        .search(&SearchQuery {
            text: "ພໍ".into(),
            key_points_only: true,
            ..Default::default()
        })
        .unwrap();
    assert_eq!(
        key.iter().map(|h| h.id.clone()).collect::<Vec<_>>(),
        vec![n.clone()]
    );

    // Cards and actions too, and the group filter.
    let g = store.find_group("C").unwrap();
    let f = store.focus_area("policy").unwrap();
    let card = store
        .add_card(&NewCard {
            group_id: g.id.clone(),
            focus_area_id: f.id,
            quadrant: Quadrant::Threats,
            text: "ງົບປະມານຖືກຕັດ".into(),
            stakeholder: None,
            source_note_id: None,
            agenda_item_id: None,
        })
        .unwrap();
    let in_c = store
        .search(&SearchQuery {
            text: "ງົບປະມານ".into(),
            group_id: Some(g.id),
            ..Default::default()
        })
        .unwrap();
    assert_eq!(
        in_c.iter()
            .map(|h| (h.entity.as_str(), h.id.as_str()))
            .collect::<Vec<_>>(),
        vec![("swot_card", card.id.as_str())]
    );
}

#[test]
fn hits_carry_the_matching_pieces_of_the_text_as_typed() {
    let (_dir, mut store) = kit::demo();
    note(
        &mut store,
        "A",
        1,
        "Les DONNÉES ouvertes et les données fermées",
    );
    let hit = store
        .search(&SearchQuery {
            text: "donnees".into(),
            ..Default::default()
        })
        .unwrap()
        .remove(0);
    let pieces: Vec<(&str, bool)> = hit
        .snippets
        .iter()
        .map(|s| (s.text.as_str(), s.hit))
        .collect();
    assert_eq!(
        pieces,
        vec![
            ("Les ", false),
            ("DONNÉES", true),
            (" ouvertes et les ", false),
            ("données", true),
            (" fermées", false),
        ]
    );
}

#[test]
fn changes_made_together_in_one_transaction_leave_a_sound_index() {
    use sala_core::model::Note;
    use sala_store::notes::rows::Notes;
    let (_dir, mut store) = kit::demo();
    let keep = note(&mut store, "A", 1, "ງົບປະມານບໍ່ພຽງພໍ");
    let gone = note(&mut store, "A", 1, "ຈະຖືກລຶບ");
    let ov = store.overview().unwrap();
    let ws = ov.workshop.id.clone();
    // One transaction: a new note created and edited twice, another note moved to the trash,
    // a third edited: the search index is written once, at the end.
    store
        .write(|w| {
            let hlc = w.tick();
            let fresh = Note {
                id: "fresh-note".into(),
                workshop_id: ws.clone(),
                group_id: ov.groups[0].id.clone(),
                question_id: ov.questions[0].id.clone(),
                agenda_item_id: None,
                text: "first words".into(),
                lang: sala_core::model::Language::En,
                ..Note::captured(w.device(), &hlc.to_string())
            };
            w.create_at::<Notes>(hlc, &ws, &fresh)?;
            w.set_text::<Notes>(&ws, "fresh-note", "text", "first words", "second words")?;
            w.set_text::<Notes>(&ws, "fresh-note", "text", "second words", "ຄຳສຸດທ້າຍ")?;
            w.delete::<Notes>(&ws, &gone)?;
            w.set_text::<Notes>(&ws, &keep, "text", "ງົບປະມານບໍ່ພຽງພໍ", "ງົບປະມານພໍ")?;
            Ok(())
        })
        .unwrap();
    let check: String = store
        .read()
        .query_row(
            "INSERT INTO search_fts (search_fts) VALUES ('integrity-check') RETURNING 'ok'",
            [],
            |r| r.get(0),
        )
        .unwrap_or_else(|e| format!("{e}"));
    assert_eq!(check, "ok", "full-text index integrity");
    assert_eq!(find(&store, "ຄຳສຸດທ້າຍ"), ["fresh-note"]);
    assert!(find(&store, "first").is_empty() && find(&store, "second").is_empty());
    assert!(
        find(&store, "ຈະຖືກລຶບ").is_empty(),
        "a trashed note is not found"
    );
    assert_eq!(find(&store, "ງົບປະມານພໍ"), [keep]);
    assert!(find(&store, "ບໍ່ພຽງ").is_empty());
}

#[test]
fn a_huge_paste_into_the_search_box_is_refused_in_words() {
    let (_dir, mut store) = kit::demo();
    note(&mut store, "A", 1, "ກົດໝາຍ");
    let e = store
        .search(&sala_core::api::SearchQuery {
            text: "ກົດໝາຍ ".repeat(200),
            ..Default::default()
        })
        .unwrap_err();
    assert_eq!(e.code, sala_core::ErrorCode::TextTooLong);
    assert_eq!(
        find(&store, "ກົດໝາຍ").len(),
        1,
        "an ordinary query still works"
    );
}

#[test]
fn lao_marks_typed_in_either_order_find_each_other() {
    // ຂ + ້ + ໍ and ຂ + ໍ + ້ look the same on screen; a note-taker types either.
    let (_dir, mut store) = kit::demo();
    let wrong = note(
        &mut store,
        "A",
        1,
        "ການແບ່ງປັນຂ\u{0EC9}\u{0ECD}ມູນ ລະຫວ່າງກະຊວງ",
    );
    let right = note(&mut store, "B", 1, "ນະໂຍບາຍຂໍ້ມູນເປີດ");
    for query in ["ຂໍ້ມູນ", "ຂ\u{0EC9}\u{0ECD}ມູນ"] {
        let mut hits = find(&store, query);
        hits.sort();
        let mut both = vec![wrong.clone(), right.clone()];
        both.sort();
        assert_eq!(hits, both, "{query:?}");
    }
}

/// What the full-text tables say of themselves (FTS5's own check: every document indexed as its
/// body says, nothing else).
fn fts_sound(store: &Store) -> bool {
    let conn = store.read();
    conn.execute(
        "INSERT INTO search_fts (search_fts, rank) VALUES ('integrity-check', 1)",
        [],
    )
    .is_ok()
}

#[test]
fn a_search_index_left_for_after_a_join_is_built_then_or_at_the_next_start_and_edits_meanwhile_are_kept()
 {
    let dir = tempfile::tempdir().unwrap();
    let mut store = kit::demo_in(dir.path(), "m");
    let kept = note(&mut store, "A", 1, "ຂໍ້ມູນເກົ່າ kept before");
    // As a big join does: documents from here on are left out of the full-text tables…
    {
        let conn = store.read();
        let first = sala_store::search::index::next_rowid(conn).unwrap();
        sala_store::search::index::defer_from(conn, first).unwrap();
    }
    let edited = note(&mut store, "A", 1, "ການແບ່ງປັນ first words");
    let gone = note(&mut store, "B", 1, "ລຶບຖິ້ມ to the trash");
    // …and they are edited, trashed and added to meanwhile, the older one too.
    store
        .update_note_text(&edited, "ການແບ່ງປັນ second words")
        .unwrap();
    store.delete_note(&gone).unwrap();
    store
        .update_note_text(&kept, "ຂໍ້ມູນເກົ່າ kept, edited")
        .unwrap();
    assert!(find(&store, "second").is_empty(), "not indexed yet");
    assert_eq!(
        find(&store, "edited"),
        vec![kept.clone()],
        "below the mark: as always"
    );
    // The laptop stops before the index is built; at the next start it is.
    drop(store);
    let store = kit::demo_in(dir.path(), "m");
    assert_eq!(find(&store, "second"), vec![edited.clone()]);
    assert_eq!(find(&store, "ການແບ່ງປັນ"), vec![edited]);
    assert!(find(&store, "first").is_empty());
    assert!(find(&store, "trash").is_empty());
    assert_eq!(find(&store, "edited"), vec![kept]);
    assert!(fts_sound(&store));
    assert_eq!(
        sala_store::search::index::pending_from(store.read()).unwrap(),
        None
    );
}

#[test]
fn a_left_search_index_is_built_a_slice_at_a_time_with_saves_in_between() {
    let (_dir, mut store) = kit::demo();
    {
        let conn = store.read();
        let first = sala_store::search::index::next_rowid(conn).unwrap();
        sala_store::search::index::defer_from(conn, first).unwrap();
    }
    let ids: Vec<String> = (0..5)
        .map(|i| note(&mut store, "A", 1, &format!("ຂໍ້ມູນ slice{i} words")))
        .collect();
    assert!(store.index_is_pending().unwrap());
    assert!(store.index_pending_step(2).unwrap(), "three left");
    assert_eq!(find(&store, "slice0"), vec![ids[0].clone()]);
    assert!(find(&store, "slice2").is_empty());
    // Saves between the steps: one indexed already, one not yet, one new.
    store
        .update_note_text(&ids[1], "ຂໍ້ມູນ slice1 changed")
        .unwrap();
    store
        .update_note_text(&ids[3], "ຂໍ້ມູນ slice3 changed")
        .unwrap();
    let late = note(&mut store, "B", 1, "ມາຊ້າ late words");
    assert_eq!(find(&store, "changed"), vec![ids[1].clone()]);
    assert!(store.index_pending_step(2).unwrap());
    assert!(!store.index_pending_step(2).unwrap(), "all done");
    assert!(!store.index_is_pending().unwrap());
    let mut changed = find(&store, "changed");
    changed.sort();
    let mut expected = vec![ids[1].clone(), ids[3].clone()];
    expected.sort();
    assert_eq!(changed, expected);
    assert_eq!(find(&store, "late"), vec![late]);
    assert_eq!(find(&store, "slice").len(), 5);
    assert!(fts_sound(&store));
}
