//! The store's test kit: a real store in a temporary data folder, empty or holding the demo
//! workshop (the Lao PDR consultation), as every store test starts from.

#![allow(dead_code, clippy::unwrap_used)]

use std::path::Path;

use sala_store::{MachineIdentity, Store};
use tempfile::TempDir;

/// The machine called `name` (a second name plays a second laptop).
pub fn machine(name: &str) -> MachineIdentity {
    MachineIdentity(name.into())
}

/// A store with no workshop yet, and its data folder.
pub fn empty() -> (TempDir, Store) {
    let dir = TempDir::new().unwrap();
    let store = Store::open_in(dir.path(), &machine("m")).unwrap();
    (dir, store)
}

/// A store holding the demo workshop, and its data folder.
pub fn demo() -> (TempDir, Store) {
    let dir = TempDir::new().unwrap();
    let store = demo_in(dir.path(), "m");
    (dir, store)
}

/// The demo workshop in the data folder `dir`, opened as the machine `name`.
pub fn demo_in(dir: &Path, name: &str) -> Store {
    let mut store = Store::open_in(dir, &machine(name)).unwrap();
    store.ensure_demo().unwrap();
    store
}
