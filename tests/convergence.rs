//! Property-based convergence of real laptops (a real store each, a real shared folder): 2–15
//! laptops, some with clocks hours or a year wrong, make random edits — new notes, words typed
//! into and deleted from the same notes concurrently, a short field set to different values,
//! notes trashed and restored — and sync in a random order while the folder misbehaves: files
//! vanish for a while, arrive torn, are copied by sync programs under conflict names.
//!
//! At the end, with the folder whole again, every laptop passes twice. Then every laptop shows
//! exactly the same workshop (rows and open conflicts, compared whole), and every word anyone
//! typed is in its note unless someone deleted that word.
//!
//! `SALA_CONVERGENCE_CASES` sets the number of cases (CI: the default; `cargo xtask soak`: many).

#![allow(clippy::unwrap_used, clippy::expect_used)]

use std::collections::BTreeSet;
use std::fs;
use std::path::{Path, PathBuf};

use proptest::prelude::*;
use sala_core::api::NoteChange;
use sala_store::{MachineIdentity, Store};
use sala_sync::{sync_pass, transfer};

const NOW: u64 = 1_800_000_000_000;
const HOUR: i64 = 3_600_000;
/// Wrong clocks a laptop may have: right, hours behind or ahead, a year ahead, days behind.
const SKEWS: [i64; 5] = [0, -3 * HOUR, 5 * HOUR, 365 * 24 * HOUR, -2 * 24 * HOUR];

#[derive(Debug, Clone)]
enum Step {
    /// A new note with one word.
    AddNote {
        device: usize,
    },
    /// A new word typed into a note (chosen among those the laptop holds) between two words.
    Type {
        device: usize,
        note: usize,
        at: usize,
    },
    /// A word deleted from a note.
    Delete {
        device: usize,
        note: usize,
        at: usize,
    },
    /// A short field (the translation) set: concurrent values become a conflict.
    Translate {
        device: usize,
        note: usize,
        value: u8,
    },
    KeyPoint {
        device: usize,
        note: usize,
        on: bool,
    },
    Trash {
        device: usize,
        note: usize,
        restore: bool,
    },
    /// A conflict resolved on this laptop with one of its values.
    Resolve {
        device: usize,
        pick: usize,
    },
    Pass {
        device: usize,
    },
    /// The newest file in this laptop's folder disappears for a while (a sync program has not
    /// delivered it yet).
    Hide {
        device: usize,
    },
    /// The newest file in this laptop's folder is, for a while, only partly there.
    Tear {
        device: usize,
        keep: usize,
    },
    /// A sync program leaves a conflict copy of the newest file.
    ConflictCopy {
        device: usize,
    },
    /// Everything hidden or torn is whole again.
    Heal,
    /// This laptop writes a snapshot into its folder now (its unsent edits in it too).
    Snapshot {
        device: usize,
    },
    /// This laptop is replaced by a new one that joins from the folder — from a snapshot
    /// when one passes its checks (after a pass, and only when nothing of its own waits).
    Rejoin {
        device: usize,
    },
}

fn step(devices: usize) -> impl Strategy<Value = Step> {
    let d = 0..devices;
    prop_oneof![
        2 => d.clone().prop_map(|device| Step::AddNote { device }),
        6 => (d.clone(), any::<usize>(), any::<usize>()).prop_map(|(device, note, at)| Step::Type { device, note, at }),
        2 => (d.clone(), any::<usize>(), any::<usize>()).prop_map(|(device, note, at)| Step::Delete { device, note, at }),
        2 => (d.clone(), any::<usize>(), 0u8..3).prop_map(|(device, note, value)| Step::Translate { device, note, value }),
        1 => (d.clone(), any::<usize>(), any::<bool>()).prop_map(|(device, note, on)| Step::KeyPoint { device, note, on }),
        1 => (d.clone(), any::<usize>(), any::<bool>()).prop_map(|(device, note, restore)| Step::Trash { device, note, restore }),
        1 => (d.clone(), any::<usize>()).prop_map(|(device, pick)| Step::Resolve { device, pick }),
        6 => d.clone().prop_map(|device| Step::Pass { device }),
        1 => d.clone().prop_map(|device| Step::Hide { device }),
        1 => (d.clone(), 1usize..400).prop_map(|(device, keep)| Step::Tear { device, keep }),
        1 => d.clone().prop_map(|device| Step::ConflictCopy { device }),
        1 => Just(Step::Heal),
        1 => d.clone().prop_map(|device| Step::Snapshot { device }),
        1 => d.clone().prop_map(|device| Step::Rejoin { device }),
    ]
}

fn scenario() -> impl Strategy<Value = (Vec<usize>, Vec<Step>)> {
    (2usize..=15).prop_flat_map(|devices| {
        (
            proptest::collection::vec(0..SKEWS.len(), devices),
            proptest::collection::vec(step(devices), 10..60),
        )
    })
}

/// A new laptop's store in `dir`: a copy of an empty database migrated once per process (a
/// copied database takes a device id of its own when opened), so that cases do not spend
/// most of their time creating the same empty schema again.
fn new_store(dir: &Path, machine: &str) -> Store {
    static EMPTY: std::sync::OnceLock<(tempfile::TempDir, PathBuf)> = std::sync::OnceLock::new();
    let (_, empty) = EMPTY.get_or_init(|| {
        let home = tempfile::tempdir().unwrap();
        drop(Store::open_in(home.path(), &MachineIdentity("empty".into())).unwrap());
        let db = home.path().join(sala_store::DB_FILE);
        (home, db)
    });
    fs::copy(empty, dir.join(sala_store::DB_FILE)).unwrap();
    Store::open_in(dir, &MachineIdentity(machine.into())).unwrap()
}

struct Laptop {
    _dir: tempfile::TempDir,
    store: Store,
}

/// What the folder's misbehaviour put aside, to put back on `Heal`.
#[derive(Default)]
struct Aside {
    /// (where it belongs, its bytes)
    files: Vec<(PathBuf, Vec<u8>)>,
}

struct World {
    laptops: Vec<Laptop>,
    folder: tempfile::TempDir,
    aside: Aside,
    /// Every word typed, and every word deleted.
    typed: BTreeSet<String>,
    deleted: BTreeSet<String>,
    words: usize,
    /// Each laptop's clock skew (an index into `SKEWS`).
    skews: Vec<usize>,
}

impl World {
    fn new(skews: &[usize]) -> World {
        let folder = tempfile::tempdir().unwrap();
        let mut laptops: Vec<Laptop> = Vec::new();
        for (i, skew) in skews.iter().enumerate() {
            let dir = tempfile::tempdir().unwrap();
            let mut store = new_store(dir.path(), &format!("m{i}"));
            store.set_clock_skew(SKEWS[*skew]);
            if i == 0 {
                store.ensure_demo().unwrap();
                sync_pass(&mut store, folder.path(), NOW).unwrap();
            } else {
                transfer::join_folder(&mut store, folder.path(), None, NOW, None).unwrap();
            }
            laptops.push(Laptop { _dir: dir, store });
        }
        World {
            laptops,
            folder,
            aside: Aside::default(),
            typed: BTreeSet::new(),
            deleted: BTreeSet::new(),
            words: 0,
            skews: skews.to_vec(),
        }
    }

    /// A new word, unique, in Lao, bracketed so that no word is part of another.
    fn word(&mut self) -> String {
        self.words += 1;
        let w = format!("[ຄຳ{}]", self.words);
        self.typed.insert(w.clone());
        w
    }

    fn note_id(&self, device: usize, pick: usize) -> Option<(String, String)> {
        // Trashed notes too: they can be restored, and edited.
        let mut notes = self.laptops[device].store.dump().unwrap().notes;
        notes.sort_by(|a, b| a.id.cmp(&b.id));
        let n = notes.get(pick % notes.len().max(1))?;
        Some((n.id.clone(), n.text.clone()))
    }

    fn device_dir(&self, device: usize) -> PathBuf {
        let store = &self.laptops[device].store;
        let w = store.current_workshop().unwrap();
        sala_sync::folder::workshop_dir(self.folder.path(), &w.id)
            .unwrap()
            .join(store.device_id())
    }

    fn newest_file(&self, device: usize) -> Option<PathBuf> {
        let dir = self.device_dir(device);
        let mut names: Vec<String> = fs::read_dir(&dir)
            .ok()?
            .filter_map(|e| e.ok()?.file_name().into_string().ok())
            .filter(|n| {
                matches!(
                    sala_sync::names::classify(n),
                    sala_sync::names::FileKind::Ops(_)
                )
            })
            .collect();
        names.sort();
        names.pop().map(|n| dir.join(n))
    }

    fn run(&mut self, step: &Step) {
        match *step {
            Step::AddNote { device } => {
                let word = self.word();
                let store = &mut self.laptops[device].store;
                store.add_note_at("A", 1, &word).unwrap();
            }
            Step::Type { device, note, at } => {
                let Some((id, text)) = self.note_id(device, note) else {
                    return;
                };
                let word = self.word();
                let mut words: Vec<&str> = text.split(' ').collect();
                let at = at % (words.len() + 1);
                words.insert(at, &word);
                let new = words.join(" ");
                self.laptops[device]
                    .store
                    .edit_note_text(&id, Some(&text), &new)
                    .unwrap();
            }
            Step::Delete { device, note, at } => {
                let Some((id, text)) = self.note_id(device, note) else {
                    return;
                };
                let mut words: Vec<&str> = text.split(' ').collect();
                // Merged texts can hold empty "words" (two spaces); delete a real one.
                let real: Vec<usize> = (0..words.len()).filter(|i| !words[*i].is_empty()).collect();
                if real.len() < 2 {
                    return; // A note's text is never empty: the store refuses that.
                }
                let gone = words.remove(real[at % real.len()]).to_owned();
                let new = words.join(" ");
                self.laptops[device]
                    .store
                    .edit_note_text(&id, Some(&text), &new)
                    .unwrap();
                // Concurrent deletes of the spaces between words can glue words together; what
                // was deleted is every word in the piece removed.
                for word in gone.split_inclusive(']') {
                    self.deleted.insert(word.trim().to_owned());
                }
            }
            Step::Translate {
                device,
                note,
                value,
            } => {
                let Some((id, _)) = self.note_id(device, note) else {
                    return;
                };
                let value = ["Budget", "Law", "Skills"][usize::from(value)];
                self.laptops[device]
                    .store
                    .change_note(&id, &NoteChange::Translation(Some(value.into())))
                    .unwrap();
            }
            Step::KeyPoint { device, note, on } => {
                let Some((id, _)) = self.note_id(device, note) else {
                    return;
                };
                self.laptops[device]
                    .store
                    .change_note(&id, &NoteChange::KeyPoint(on))
                    .unwrap();
            }
            Step::Trash {
                device,
                note,
                restore,
            } => {
                let Some((id, _)) = self.note_id(device, note) else {
                    return;
                };
                let store = &mut self.laptops[device].store;
                if restore {
                    store.restore_note(&id).unwrap();
                } else {
                    store.delete_note(&id).unwrap();
                }
            }
            Step::Resolve { device, pick } => {
                let store = &mut self.laptops[device].store;
                let conflicts = store.conflicts().unwrap();
                if let Some(c) = conflicts.first() {
                    // A text two laptops edited at once is mostly accepted as merged; keeping one
                    // version instead is a person choosing to drop the other's words.
                    let empty_merge = c
                        .merged
                        .as_ref()
                        .and_then(|m| m.as_str())
                        .is_some_and(|t| t.trim().is_empty());
                    if empty_merge {
                        // Each laptop deleted the other's last words: a note is never empty, so
                        // the merge cannot be kept as it is — a version can.
                        let refused = store.resolve_conflict(
                            c.entity,
                            &c.entity_id,
                            &c.field,
                            c.merged.clone().unwrap(),
                        );
                        assert_eq!(refused.unwrap_err().code, sala_core::ErrorCode::EmptyText);
                    }
                    let value = match &c.merged {
                        Some(merged) if pick % 2 == 0 && !empty_merge => merged.clone(),
                        _ => c.values[pick % c.values.len()].value.clone(),
                    };
                    if let (Some(merged), Some(kept)) =
                        (c.merged.as_ref().and_then(|m| m.as_str()), value.as_str())
                    {
                        for word in merged.split_inclusive(']') {
                            let word = word.trim();
                            if !kept.contains(word) {
                                self.deleted.insert(word.to_owned());
                            }
                        }
                    }
                    store
                        .resolve_conflict(c.entity, &c.entity_id, &c.field, value)
                        .unwrap();
                }
            }
            Step::Pass { device } => {
                let folder = self.folder.path().to_owned();
                sync_pass(&mut self.laptops[device].store, &folder, NOW).unwrap();
            }
            Step::Hide { device } => {
                if let Some(path) = self.newest_file(device) {
                    let bytes = fs::read(&path).unwrap();
                    fs::remove_file(&path).unwrap();
                    self.aside.files.push((path, bytes));
                }
            }
            Step::Tear { device, keep } => {
                if let Some(path) = self.newest_file(device) {
                    let bytes = fs::read(&path).unwrap();
                    let keep = keep.min(bytes.len().saturating_sub(1));
                    fs::write(&path, &bytes[..keep]).unwrap();
                    self.aside.files.push((path, bytes));
                }
            }
            Step::ConflictCopy { device } => {
                if let Some(path) = self.newest_file(device) {
                    let name = path.file_name().unwrap().to_str().unwrap();
                    let copy = name.replace(
                        ".sala-ops",
                        ".sync-conflict-20261127-120000-ABCDEFG.sala-ops",
                    );
                    fs::copy(&path, path.with_file_name(copy)).unwrap();
                }
            }
            Step::Heal => self.heal(),
            Step::Snapshot { device } => {
                let store = &self.laptops[device].store;
                let workshop = store.current_workshop().unwrap();
                let mine = self.device_dir(device);
                fs::create_dir_all(&mine).unwrap();
                let written = sala_sync::snapshot::write_now(store, &mine, &workshop, None);
                // Never with an op of its own in no file yet (a laptop joining from it would
                // hold an op nobody else might ever get).
                if store.waiting().unwrap() > 0 {
                    assert!(written.is_err(), "{written:?}");
                } else {
                    written.unwrap();
                }
            }
            Step::Rejoin { device } => {
                let folder = self.folder.path().to_owned();
                let old = &mut self.laptops[device].store;
                sync_pass(old, &folder, NOW).unwrap();
                if old.waiting().unwrap() > 0 {
                    return;
                }
                let dir = tempfile::tempdir().unwrap();
                let mut store = new_store(dir.path(), &format!("r{}", self.words));
                store.set_clock_skew(SKEWS[self.skews[device]]);
                match transfer::join_folder(&mut store, &folder, None, NOW, None) {
                    Ok(_) => self.laptops[device] = Laptop { _dir: dir, store },
                    // The workshop's own file is hidden or torn just now: no join yet.
                    Err(e) if e.code == sala_core::ErrorCode::SyncNoWorkshop => {}
                    Err(e) => panic!("{e:?}"),
                }
            }
        }
    }

    fn heal(&mut self) {
        // Latest first: a file torn after it was hidden gets its whole bytes back last.
        for (path, bytes) in self.aside.files.drain(..).rev() {
            write_whole(&path, &bytes);
        }
    }

    fn state(&self, device: usize) -> String {
        state_of(&self.laptops[device].store)
    }
}

/// What a search for `word` finds (ids, sorted).
fn found(store: &Store, word: &str) -> Vec<String> {
    let q = sala_core::api::SearchQuery {
        text: word.trim_matches(['[', ']']).to_owned(),
        ..Default::default()
    };
    let mut ids: Vec<String> = store
        .search(&q)
        .unwrap()
        .into_iter()
        .map(|h| h.id)
        .collect();
    ids.sort();
    ids
}

/// Everything a user sees of the workshop, with what differs per laptop left out.
fn state_of(store: &Store) -> String {
    {
        let mut d = store.dump().unwrap();
        d.device_id = String::new();
        d.op_count = 0;
        let mut conflicts: Vec<String> = store
            .conflicts()
            .unwrap()
            .into_iter()
            .map(|c| {
                let mut values: Vec<String> = c.values.iter().map(|v| v.op_id.clone()).collect();
                values.sort();
                format!(
                    "{}/{}/{}:{values:?}",
                    c.entity.as_str(),
                    c.entity_id,
                    c.field
                )
            })
            .collect();
        conflicts.sort();
        format!("{}\n{conflicts:?}", serde_json::to_string(&d).unwrap())
    }
}

fn write_whole(path: &Path, bytes: &[u8]) {
    fs::write(path, bytes).unwrap();
}

fn converge(skews: &[usize], steps: &[Step]) -> Result<(), TestCaseError> {
    let mut world = World::new(skews);
    for s in steps {
        world.run(s);
    }
    world.heal();
    for _ in 0..2 {
        for device in 0..world.laptops.len() {
            world.run(&Step::Pass { device });
        }
    }
    let first = world.state(0);
    for device in 1..world.laptops.len() {
        prop_assert_eq!(
            &world.state(device),
            &first,
            "laptop {} differs from laptop 0",
            device
        );
    }
    // A laptop joining now sees the same workshop, whether it applies the folder row by row, in
    // bulk (indexes and search built once at the end), or loads a snapshot and the files after.
    for load in [
        sala_sync::pass::Load::RowByRow,
        sala_sync::pass::Load::Bulk,
        sala_sync::pass::Load::Auto,
    ] {
        let home = tempfile::tempdir().unwrap();
        let mut late = new_store(home.path(), "late");
        transfer::join_folder_as(&mut late, world.folder.path(), None, NOW, None, load).unwrap();
        prop_assert_eq!(
            &state_of(&late),
            &first,
            "a laptop joining {:?} differs",
            load
        );
        // And finds what laptop 0 finds.
        for word in world.typed.iter().take(6) {
            prop_assert_eq!(
                found(&late, word),
                found(&world.laptops[0].store, word),
                "{} ({:?})",
                word,
                load
            );
        }
    }
    // No typed word lost: every word not deleted is in some note, whole.
    let texts: Vec<String> = world.laptops[0]
        .store
        .dump()
        .unwrap()
        .notes
        .into_iter()
        .map(|n| n.text)
        .collect();
    let all = texts.join("\n");
    for word in world.typed.difference(&world.deleted) {
        prop_assert!(
            all.contains(word.as_str()),
            "{} was lost: {:?}",
            word,
            texts
        );
    }
    Ok(())
}

fn cases() -> u32 {
    std::env::var("SALA_CONVERGENCE_CASES")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(300)
}

proptest! {
    #![proptest_config(ProptestConfig { cases: cases(), ..ProptestConfig::default() })]

    #[test]
    fn laptops_converge_whatever_the_folder_and_the_clocks_do((skews, steps) in scenario()) {
        converge(&skews, &steps)?;
    }
}

/// Two laptops each delete the other's word of a two-word note: the merged text is empty, which
/// a note never is — keeping the merge is refused, a version is kept, and nothing else is lost
/// (found by the property in CI).
#[test]
fn a_merge_that_empties_a_note_is_refused_and_a_version_kept() {
    let steps = [
        Step::AddNote { device: 1 },
        Step::Type {
            device: 1,
            note: 0,
            at: 0,
        },
        Step::Pass { device: 1 },
        Step::Delete {
            device: 1,
            note: 0,
            at: 11_176_445_588_384_445_395,
        },
        Step::Pass { device: 0 },
        Step::Delete {
            device: 0,
            note: 0,
            at: 4_645_493_869_082_210_888,
        },
        Step::Pass { device: 1 },
        Step::Pass { device: 0 },
        Step::Resolve {
            device: 0,
            pick: 1_850_810_489_863_669_442,
        },
        Step::AddNote { device: 0 },
    ];
    converge(&[0, 0], &steps).unwrap();
}
