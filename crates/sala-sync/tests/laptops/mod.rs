//! Fixtures shared by the sync tests: a laptop is a real store in its own temporary folder.

#![allow(clippy::unwrap_used, dead_code)]

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

/// A laptop that joined the workshop in the shared folder `shared`, as machine `name`.
pub fn joined(name: &str, shared: &std::path::Path) -> Laptop {
    let mut l = laptop(name);
    sala_sync::transfer::join_folder(&mut l.store, shared, None, NOW, None).unwrap();
    l
}

/// A laptop, as machine `name`, that made the demo workshop and shared it in `shared`.
pub fn sharing_demo(name: &str, shared: &std::path::Path) -> Laptop {
    let mut l = laptop(name);
    l.store.ensure_demo().unwrap();
    sala_sync::sync_pass(&mut l.store, shared, NOW).unwrap();
    l
}

/// Adds a note to `group` under guiding question `question`; returns its id.
pub fn note_at(l: &mut Laptop, group: &str, question: u32, text: &str) -> String {
    l.store.add_note_at(group, question, text).unwrap().id
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

/// Every sync file (`*.sala-ops`) under a shared folder, in path order.
pub fn sync_files(root: &std::path::Path) -> Vec<std::path::PathBuf> {
    let mut out = Vec::new();
    let mut stack = vec![root.to_path_buf()];
    while let Some(dir) = stack.pop() {
        for e in std::fs::read_dir(&dir).unwrap().flatten() {
            let p = e.path();
            if p.is_dir() {
                stack.push(p);
            } else if p.extension().is_some_and(|x| x == "sala-ops") {
                out.push(p);
            }
        }
    }
    out.sort();
    out
}
