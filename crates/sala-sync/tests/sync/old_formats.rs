//! Shared folders written by an older Sala (format 3, and format 4 with a workshop key; kept
//! byte for byte in `tests/fixtures`) are still joined and read; a laptop with this version
//! writes the current format beside them, and a third laptop reading the mixed folder sees the same
//! workshop.

use super::*;

const PASSPHRASE: &str = "ນະໂຍບາຍຂໍ້ມູນ 2026 Vientiane";
/// What the older Sala's table wrote: a Lao note edited once, a note deleted, a Lao note.
const OLD_NOTES: [&str; 2] = [
    "ກົດໝາຍວ່າດ້ວຍຂໍ້ມູນເອເລັກໂຕຣນິກ ຍັງບໍ່ທັນມີ — need a data-sharing law",
    "ຂາດບຸກຄະລາກອນດ້ານໄອທີ",
];

/// A copy of fixture folder `name` to sync in (a pass writes into it).
fn old_folder(name: &str) -> tempfile::TempDir {
    fn copy(from: &Path, to: &Path) {
        std::fs::create_dir_all(to).unwrap();
        for e in std::fs::read_dir(from).unwrap() {
            let e = e.unwrap();
            if e.file_type().unwrap().is_dir() {
                copy(&e.path(), &to.join(e.file_name()));
            } else {
                std::fs::copy(e.path(), to.join(e.file_name())).unwrap();
            }
        }
    }
    let dir = tempfile::tempdir().unwrap();
    copy(
        &Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("tests/fixtures")
            .join(name),
        dir.path(),
    );
    dir
}

/// The format of every op file under `root`.
fn formats(root: &Path) -> Vec<u32> {
    let mut out: Vec<u32> = laptops::sync_files(root)
        .iter()
        .map(|p| {
            format::header_of(&std::fs::read(p).unwrap())
                .unwrap()
                .format
        })
        .collect();
    out.sort_unstable();
    out
}

fn sorted(mut v: Vec<String>) -> Vec<String> {
    v.sort();
    v
}

fn check(fixture: &str, old_format: u32, key: Option<&KeySource>) {
    let shared = old_folder(fixture);
    assert_eq!(formats(shared.path()), [old_format], "{fixture}");

    let mut b = laptop("b");
    transfer::join_folder(&mut b.store, shared.path(), None, NOW, key).unwrap();
    assert_eq!(
        texts(&b),
        sorted(OLD_NOTES.map(String::from).to_vec()),
        "{fixture}"
    );
    let trash: Vec<String> = b
        .store
        .trash()
        .unwrap()
        .into_iter()
        .map(|n| n.text)
        .collect();
    assert_eq!(trash, ["Ministries keep their own registers"], "{fixture}");

    // This version adds its work beside the old files, in its own format.
    note_at(&mut b, "C", 2, "ການເຊື່ອມຕໍ່ຂໍ້ມູນລະຫວ່າງກະຊວງ");
    pass(&mut b, shared.path());
    assert_eq!(
        formats(shared.path()),
        [old_format, format::FORMAT],
        "{fixture}"
    );

    // A third laptop reads both kinds and sees what b sees.
    let mut c = laptop("c");
    transfer::join_folder(&mut c.store, shared.path(), None, NOW, key).unwrap();
    assert_eq!(state(&c), state(&b), "{fixture}");
    assert_eq!(texts(&c).len(), 3, "{fixture}");
}

#[test]
fn a_folder_of_format_3_is_joined_and_read_beside_format_5() {
    check("format3", 3, None);
}

#[test]
fn a_folder_of_format_4_with_a_key_is_joined_and_read_beside_format_5() {
    let key = KeySource::Passphrase(PASSPHRASE.into());
    check("format4", 4, Some(&key));
    // Without the passphrase: asked for, nothing joined.
    let shared = old_folder("format4");
    let mut d = laptop("d");
    let e = transfer::join_folder(&mut d.store, shared.path(), None, NOW, None).unwrap_err();
    assert_eq!(e.code, ErrorCode::SyncNeedsKey);
}
