//! Fixtures shared by the sync tests: a laptop is a real store in its own temporary folder.

#![allow(clippy::unwrap_used, dead_code)]

use sala_core::api::NewNote;
use sala_store::{MachineIdentity, Store};

/// The wall clock every pass is given.
pub const NOW: u64 = 1_700_000_000_000;

pub struct Laptop {
    pub _dir: tempfile::TempDir,
    pub store: Store,
}

/// A laptop with an empty store, as machine `name`.
pub fn laptop(name: &str) -> Laptop {
    let dir = tempfile::tempdir().unwrap();
    let store = Store::open_in(dir.path(), &MachineIdentity(name.into())).unwrap();
    Laptop { _dir: dir, store }
}

/// Adds a note to `group` under guiding question `question`; returns its id.
pub fn note_at(l: &mut Laptop, group: &str, question: u32, text: &str) -> String {
    let g = l.store.find_group(group).unwrap();
    let q = l.store.question_by_number(question).unwrap();
    l.store
        .add_note(&NewNote {
            group_id: g.id,
            question_id: q.id,
            text: text.into(),
            lang: None,
            agenda_item_id: None,
        })
        .unwrap()
        .id
}

/// The sync files (`NNNNNNNN.sala-ops`) in a device folder, in order.
pub fn ops_files(dir: &std::path::Path) -> Vec<std::path::PathBuf> {
    let mut files: Vec<std::path::PathBuf> = std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|x| x == "sala-ops"))
        .collect();
    files.sort();
    files
}

/// The live notes' texts, sorted.
pub fn texts(l: &Laptop) -> Vec<String> {
    let mut t: Vec<String> = l
        .store
        .all_notes()
        .unwrap()
        .into_iter()
        .map(|n| n.text)
        .collect();
    t.sort();
    t
}
