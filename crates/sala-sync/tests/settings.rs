//! Workshop settings edited on two laptops: a renamed question shows its new words on every
//! laptop after sync; two renames made apart wait in the Conflicts inbox; a focus area retired
//! on one laptop is retired on the other, its notes kept.

#![allow(clippy::unwrap_used)]

use sala_core::model::Bilingual;
use sala_sync::sync_pass;

mod laptops;
use laptops::{NOW, joined, note_at, sharing_demo};

// Long by design: one scenario step by step, each step using what the one before left.
#[test]
fn settings_edited_on_two_laptops_merge_like_everything_else() {
    let shared = tempfile::tempdir().unwrap();
    let mut a = sharing_demo("a", shared.path());
    let mut b = joined("b", shared.path());

    // A renamed question reaches the other laptop.
    let q1 = a.store.question_by_number(1).unwrap();
    a.store
        .update_question(
            &q1.id,
            &Bilingual::new("What works, what does not?", "ອັນໃດໄດ້ຜົນ?"),
        )
        .unwrap();
    sync_pass(&mut a.store, shared.path(), NOW).unwrap();
    sync_pass(&mut b.store, shared.path(), NOW).unwrap();
    assert_eq!(
        b.store.question_by_number(1).unwrap().text.en,
        "What works, what does not?"
    );

    // Both rename question 2 without seeing each other: a conflict, both words kept.
    let q2 = a.store.question_by_number(2).unwrap();
    a.store
        .update_question(&q2.id, &Bilingual::new("Opportunities?", ""))
        .unwrap();
    b.store
        .update_question(&q2.id, &Bilingual::new("Threats?", ""))
        .unwrap();
    for _ in 0..2 {
        sync_pass(&mut a.store, shared.path(), NOW).unwrap();
        sync_pass(&mut b.store, shared.path(), NOW).unwrap();
    }
    let conflicts = a.store.conflicts().unwrap();
    let c = conflicts
        .iter()
        .find(|c| c.entity_id == q2.id && c.field == "text")
        .expect("a conflict on the question's words");
    assert_eq!(c.values.len(), 2);
    // In the Conflicts inbox, as a guiding question with the words it shows now.
    let shown = a.store.question_by_number(2).unwrap().text.en;
    let inbox = a.store.conflict_views().unwrap();
    let view = inbox
        .iter()
        .find(|v| v.entity_id == q2.id)
        .expect("in the inbox");
    assert_eq!(
        (view.entity.as_str(), view.context.as_str()),
        ("guiding_question", shown.as_str())
    );
    assert_eq!(
        a.store.question_by_number(2).unwrap().text,
        b.store.question_by_number(2).unwrap().text,
        "both laptops show the same one meanwhile"
    );

    // A focus area retired on one laptop is retired on the other; its notes stay.
    let area = a.store.focus_area("policy").unwrap();
    note_at(&mut b, "A", 1, "ນະໂຍບາຍຍັງບໍ່ຄົບ");
    a.store.retire_focus_area(&area.id, true).unwrap();
    for _ in 0..2 {
        sync_pass(&mut a.store, shared.path(), NOW).unwrap();
        sync_pass(&mut b.store, shared.path(), NOW).unwrap();
    }
    assert!(
        b.store
            .overview()
            .unwrap()
            .focus_areas
            .iter()
            .all(|f| f.id != area.id)
    );
    assert!(
        b.store
            .all_focus_areas()
            .unwrap()
            .iter()
            .any(|f| f.id == area.id && f.deleted)
    );
    assert_eq!(a.store.all_notes().unwrap().len(), 1);
}
