//! A workshop with a key (issue 8): two laptops with the passphrase sync through files no one
//! else can read; a laptop without the key sees the files and says it needs it, and one with a
//! wrong passphrase is told so — neither applies anything; a file changed after it was written
//! is refused; a plain file slipped into the folder is not applied; an export is encrypted too.

#![allow(clippy::unwrap_used)]

use std::path::Path;

use sala_core::ErrorCode;
use sala_sync::key::KeySource;
use sala_sync::{format, sync_pass, transfer};

mod laptops;
use laptops::{Laptop, NOW, laptop, note_at, sync_files};

const PASSPHRASE: &str = "ນະໂຍບາຍຂໍ້ມູນ 2026 Vientiane";
const SECRET_NOTE: &str = "ລາຍຊື່ຜູ້ໃຫ້ຂໍ້ມູນທີ່ບໍ່ຢາກເປີດເຜີຍ";

fn passphrase(p: &str) -> KeySource {
    KeySource::Passphrase(p.into())
}

fn notes(l: &Laptop, group: &str) -> Vec<String> {
    let g = l.store.find_group(group).unwrap();
    let q = l.store.question_by_number(1).unwrap();
    l.store
        .notes_for(&g.id, &q.id)
        .unwrap()
        .into_iter()
        .map(|n| n.text)
        .collect()
}

/// Laptop A starts the workshop with a key and shares it; B joins with the passphrase.
fn two_with_key(shared: &Path) -> (Laptop, Laptop) {
    let mut a = laptop("a");
    a.store.ensure_demo().unwrap();
    let workshop = a.store.current_workshop().unwrap();
    sala_sync::key::set_key(&mut a.store, &workshop.id, &passphrase(PASSPHRASE)).unwrap();
    note_at(&mut a, "A", 1, SECRET_NOTE);
    sync_pass(&mut a.store, shared, NOW).unwrap();
    let mut b = laptop("b");
    transfer::join_folder(
        &mut b.store,
        shared,
        None,
        NOW,
        Some(&passphrase(&format!("  {PASSPHRASE} "))),
    )
    .unwrap();
    (a, b)
}

#[test]
fn two_laptops_with_the_passphrase_sync_through_files_nobody_else_can_read() {
    let shared = tempfile::tempdir().unwrap();
    let (mut a, mut b) = two_with_key(shared.path());
    assert_eq!(notes(&b, "A"), [SECRET_NOTE]);
    note_at(&mut b, "B", 1, "Table 2 agrees");
    sync_pass(&mut b.store, shared.path(), NOW).unwrap();
    sync_pass(&mut a.store, shared.path(), NOW).unwrap();
    assert_eq!(notes(&a, "B"), ["Table 2 agrees"]);

    // What is in the folder: format 4, naming the key by its public half; no note, no
    // participant, no text in the clear.
    let files = sync_files(shared.path());
    assert!(files.len() >= 2);
    let public = sala_sync::key::key_of(&a.store, &a.store.current_workshop().unwrap().id)
        .unwrap()
        .unwrap()
        .public();
    for f in &files {
        let bytes = std::fs::read(f).unwrap();
        let h = format::header_of(&bytes).unwrap();
        assert_eq!(h.format, format::FORMAT);
        assert_eq!(h.key.as_deref(), Some(public.as_str()));
        for plain in [SECRET_NOTE, "Table 2 agrees", "ກົດໝາຍ"] {
            assert!(
                !bytes.windows(plain.len()).any(|w| w == plain.as_bytes()),
                "{plain} in {}",
                f.display()
            );
        }
    }
}

#[test]
fn without_the_key_or_with_a_wrong_one_nothing_is_applied() {
    let shared = tempfile::tempdir().unwrap();
    let (_a, _b) = two_with_key(shared.path());

    let mut c = laptop("c");
    let e = transfer::join_folder(&mut c.store, shared.path(), None, NOW, None).unwrap_err();
    assert_eq!(e.code, ErrorCode::SyncNeedsKey);
    let e = transfer::join_folder(
        &mut c.store,
        shared.path(),
        None,
        NOW,
        Some(&passphrase("another passphrase")),
    )
    .unwrap_err();
    assert_eq!(e.code, ErrorCode::SyncWrongKey);
    assert!(c.store.current_workshop().is_err(), "nothing joined");
    assert!(c.store.workshops().unwrap().is_empty());
    let e = transfer::join_folder(
        &mut c.store,
        shared.path(),
        None,
        NOW,
        Some(&passphrase("short")),
    )
    .unwrap_err();
    assert_eq!(e.code, ErrorCode::PassphraseTooShort);

    // A laptop already in the workshop, without the key (it joined before the key was set):
    // every encrypted file is set aside as needing the key, none applied; with the key, they
    // are read at the next pass.
    let shared2 = tempfile::tempdir().unwrap();
    let mut a = laptop("a2");
    a.store.ensure_demo().unwrap();
    sync_pass(&mut a.store, shared2.path(), NOW).unwrap();
    let mut d = laptop("d");
    transfer::join_folder(&mut d.store, shared2.path(), None, NOW, None).unwrap();
    let id = a.store.current_workshop().unwrap().id;
    sala_sync::key::set_key(&mut a.store, &id, &passphrase(PASSPHRASE)).unwrap();
    note_at(&mut a, "A", 1, SECRET_NOTE);
    sync_pass(&mut a.store, shared2.path(), NOW).unwrap();
    let r = sync_pass(&mut d.store, shared2.path(), NOW).unwrap();
    assert!(notes(&d, "A").is_empty());
    assert!(!r.problems.is_empty());
    assert!(
        r.problems
            .iter()
            .all(|p| p.error.code == ErrorCode::SyncNeedsKey),
        "{:?}",
        r.problems
    );
    sala_sync::key::set_key(&mut d.store, &id, &passphrase(PASSPHRASE)).unwrap();
    let r = sync_pass(&mut d.store, shared2.path(), NOW).unwrap();
    assert!(r.problems.is_empty(), "{:?}", r.problems);
    assert_eq!(notes(&d, "A"), [SECRET_NOTE]);
}

// Long by design: one scenario step by step, each step using what the one before left.
#[test]
fn a_changed_file_is_refused_and_a_plain_one_is_not_applied() {
    let shared = tempfile::tempdir().unwrap();
    let (mut a, mut b) = two_with_key(shared.path());
    note_at(&mut a, "C", 1, "first");
    sync_pass(&mut a.store, shared.path(), NOW).unwrap();
    let newest = sync_files(shared.path())
        .into_iter()
        .filter(|f| !f.to_string_lossy().contains(b.store.device_id()))
        .max()
        .unwrap();
    let good = std::fs::read(&newest).unwrap();

    // A flipped byte in the encrypted body: the checksum says so.
    let mut flipped = good.clone();
    let last = flipped.len() - 10;
    flipped[last] ^= 1;
    std::fs::write(&newest, &flipped).unwrap();
    let r = sync_pass(&mut b.store, shared.path(), NOW).unwrap();
    assert!(notes(&b, "C").is_empty());
    assert!(
        r.problems
            .iter()
            .any(|p| p.error.code == ErrorCode::SyncFileCorrupt)
    );

    // Someone who knows the format changes the body and writes a matching checksum: age's
    // authentication refuses it.
    let header = format::header_of(&flipped).unwrap();
    let body = &flipped[flipped.len() - header.body_bytes as usize..];
    let forged = forge(&header, body);
    std::fs::write(&newest, &forged).unwrap();
    let r = sync_pass(&mut b.store, shared.path(), NOW).unwrap();
    assert!(notes(&b, "C").is_empty());
    assert!(
        r.problems
            .iter()
            .any(|p| p.error.code == ErrorCode::SyncFileTampered),
        "{:?}",
        r.problems
    );

    // The same with the change in age's own header (the recipient stanza that names this
    // workshop's key): still "changed", not "another key" — the file names this laptop's key.
    let good_header = format::header_of(&good).unwrap();
    let mut body = good[good.len() - good_header.body_bytes as usize..].to_vec();
    let stanza = body.windows(6).position(|w| w == b"X25519").unwrap() + 10;
    body[stanza] = if body[stanza] == b'A' { b'B' } else { b'A' };
    std::fs::write(&newest, forge(&good_header, &body)).unwrap();
    let r = sync_pass(&mut b.store, shared.path(), NOW).unwrap();
    let code = r
        .problems
        .iter()
        .find(|p| {
            p.file
                .ends_with(&*newest.file_name().unwrap().to_string_lossy())
        })
        .map(|p| p.error.code);
    assert_eq!(code, Some(ErrorCode::SyncFileTampered), "{:?}", r.problems);

    // Restored, it is read.
    std::fs::write(&newest, &good).unwrap();
    sync_pass(&mut b.store, shared.path(), NOW).unwrap();
    assert_eq!(notes(&b, "C"), ["first"]);

    // A plain file slipped into a device folder: not applied.
    let mut intruder = laptop("intruder");
    intruder.store.ensure_demo().unwrap();
    let workshop = a.store.current_workshop().unwrap();
    let ops = sala_store::log::ops::of_workshop(a.store.read(), &workshop.id).unwrap();
    let intruder_device = sala_core::op::new_id();
    let (_, plain) = format::encode(
        &workshop.id,
        &workshop.title,
        &intruder_device,
        1,
        &ops[..1],
    );
    let dir = newest
        .parent()
        .unwrap()
        .parent()
        .unwrap()
        .join(&intruder_device);
    std::fs::create_dir_all(&dir).unwrap();
    std::fs::write(dir.join("00000001.sala-ops"), plain).unwrap();
    let r = sync_pass(&mut b.store, shared.path(), NOW).unwrap();
    assert!(
        r.problems
            .iter()
            .any(|p| p.error.code == ErrorCode::SyncNotEncrypted)
    );
}

/// A file with `body` in place of its own, and a checksum that matches it.
fn forge(header: &format::Header, body: &[u8]) -> Vec<u8> {
    // The checksum is SHA-256 over the header and body (docs/sync-format.md): anyone can
    // compute it.
    let mut h = header.clone();
    h.sha256 = format::checksum(header, body);
    let mut out = b"SALA-OPS\n".to_vec();
    out.extend(serde_json::to_vec(&h).unwrap());
    out.push(b'\n');
    out.extend(body);
    out
}

#[test]
fn an_export_is_encrypted_and_joins_only_with_the_passphrase() {
    let shared = tempfile::tempdir().unwrap();
    let (a, _b) = two_with_key(shared.path());
    let out = tempfile::tempdir().unwrap();
    let file = out.path().join("table-1.sala-ops");
    transfer::export(&a.store, &file).unwrap();
    let bytes = std::fs::read(&file).unwrap();
    assert!(format::header_of(&bytes).unwrap().key.is_some());
    assert!(
        !bytes
            .windows(SECRET_NOTE.len())
            .any(|w| w == SECRET_NOTE.as_bytes())
    );
    let mut e = laptop("e");
    let err = transfer::join_file(&mut e.store, &file, NOW, None).unwrap_err();
    assert_eq!(err.code, ErrorCode::SyncNeedsKey);
    let err = transfer::join_file(
        &mut e.store,
        &file,
        NOW,
        Some(&passphrase("wrong passphrase")),
    )
    .unwrap_err();
    assert_eq!(err.code, ErrorCode::SyncWrongKey);
    assert!(e.store.workshops().unwrap().is_empty());
    transfer::join_file(&mut e.store, &file, NOW, Some(&passphrase(PASSPHRASE))).unwrap();
    assert_eq!(notes(&e, "A"), [SECRET_NOTE]);
}

#[test]
fn files_sent_before_the_key_was_set_can_be_withdrawn_once_sent_again_encrypted() {
    let shared = tempfile::tempdir().unwrap();
    let mut a = laptop("a");
    a.store.ensure_demo().unwrap();
    note_at(&mut a, "A", 1, "ກ່ອນມີກະແຈ");
    let plain = sync_pass(&mut a.store, shared.path(), NOW).unwrap();
    assert_eq!(plain.plain_files, 0, "no key, nothing to say");
    let e = sala_sync::pass::withdraw_plain(
        &mut a.store,
        shared.path(),
        NOW,
        std::time::Duration::ZERO,
    )
    .unwrap_err();
    assert_eq!(e.code, ErrorCode::NoWorkshopKey);

    let id = a.store.current_workshop().unwrap().id;
    sala_sync::key::set_key(&mut a.store, &id, &passphrase(PASSPHRASE)).unwrap();
    let r = sync_pass(&mut a.store, shared.path(), NOW).unwrap();
    assert!(r.plain_files > 0, "the plain files are named: {r:?}");
    let mine = sala_sync::folder::workshop_dir(shared.path(), &id)
        .unwrap()
        .join(a.store.device_id());
    let plain_here = |dir: &std::path::Path| {
        std::fs::read_dir(dir)
            .unwrap()
            .filter_map(|e| {
                let bytes = std::fs::read(e.unwrap().path()).ok()?;
                format::header_of(&bytes).filter(|h| h.key.is_none())
            })
            .count()
    };
    assert_eq!(plain_here(&mine), r.plain_files as usize);

    let (removed, after) = sala_sync::pass::withdraw_plain(
        &mut a.store,
        shared.path(),
        NOW,
        std::time::Duration::ZERO,
    )
    .unwrap();
    assert_eq!(removed, r.plain_files);
    assert_eq!(after.plain_files, 0);
    assert_eq!(plain_here(&mine), 0, "no plain file of a's is left");
    // What they held is there, encrypted: a laptop with the key gets everything.
    let mut b = laptop("b");
    transfer::join_folder(
        &mut b.store,
        shared.path(),
        None,
        NOW,
        Some(&passphrase(PASSPHRASE)),
    )
    .unwrap();
    assert_eq!(notes(&b, "A"), ["ກ່ອນມີກະແຈ"]);
    // And nothing more is sent again on the next passes.
    let idle = sync_pass(&mut a.store, shared.path(), NOW).unwrap();
    assert_eq!((idle.files_written, idle.waiting), (0, 0));
}
