//! Shared by the measured harnesses (`#[path]`-included): many notes written through the real
//! store's writer, 5,000 per transaction, across the workshop's groups and guiding questions.

use sala_core::model::Note;
use sala_core::op::new_id;
use sala_store::Store;
use sala_store::notes::rows::Notes;

/// Writes `n` notes, the `k`-th with `text(k)`, in group `k % groups` and question
/// `k % questions`, taken in agenda session `k % sessions` (one in eight outside any session);
/// returns their ids.
pub fn add_notes(store: &mut Store, n: usize, text: impl Fn(usize) -> String) -> Vec<String> {
    let ov = store.overview().expect("the workshop");
    let workshop = ov.workshop.id.clone();
    let mut ids = Vec::with_capacity(n);
    for chunk in 0..n.div_ceil(5_000) {
        store
            .write(|w| {
                for k in chunk * 5_000..n.min((chunk + 1) * 5_000) {
                    let hlc = w.tick();
                    let text = text(k);
                    let note = Note {
                        id: new_id(),
                        workshop_id: workshop.clone(),
                        group_id: ov.groups[k % ov.groups.len()].id.clone(),
                        question_id: ov.questions[k % ov.questions.len()].id.clone(),
                        agenda_item_id: (k % 8 != 0 && !ov.agenda.is_empty())
                            .then(|| ov.agenda[k % ov.agenda.len()].id.clone()),
                        lang: sala_core::text::detect_language(&text),
                        text,
                        ..Note::captured(w.device(), &hlc.to_string())
                    };
                    ids.push(note.id.clone());
                    w.create_at::<Notes>(hlc, &workshop, &note)?;
                }
                Ok(())
            })
            .expect("notes written");
    }
    ids
}
