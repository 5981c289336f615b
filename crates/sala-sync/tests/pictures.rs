//! Pictures between laptops through a real shared folder (issue 21): the row with the ops, the
//! picture as a content-addressed file in the adding laptop's folder; a missing or torn file is
//! "not arrived yet" and never stops the text; with a workshop key the files are encrypted and
//! plain ones refused; a laptop that joins gets the text first and the pictures after.

#![allow(clippy::unwrap_used)]

use std::path::{Path, PathBuf};

use sala_core::api::PictureTarget;
use sala_sync::key::KeySource;
use sala_sync::pass::{Load, sync_pass_limited};
use sala_sync::pictures::{PICTURES_DIR, PICTURES_PER_PASS};
use sala_sync::{sync_pass, transfer};

mod laptops;
use laptops::{Laptop, NOW, laptop, note_at, texts};

const SIDEWAYS: &[u8] =
    include_bytes!("../../../tests/fixtures/pictures/flipchart-sideways-gps.jpg");
const DRAWING: &[u8] = include_bytes!("../../../tests/fixtures/pictures/swot-drawing.png");

fn attach(l: &mut Laptop, group: &str, file: &[u8], caption: &str) -> sala_core::model::Picture {
    let target = PictureTarget {
        group_id: l.store.find_group(group).unwrap().id,
        question_id: Some(l.store.question_by_number(1).unwrap().id),
        ..PictureTarget::default()
    };
    let prepared = sala_picture::prepare("photo", file).unwrap();
    l.store.add_picture(&target, caption, &prepared).unwrap()
}

/// Every picture file in the shared folder.
fn picture_files(shared: &Path) -> Vec<PathBuf> {
    let mut found = Vec::new();
    let root = shared.join("sala-sync");
    for workshop in std::fs::read_dir(root).unwrap().flatten() {
        for device in std::fs::read_dir(workshop.path()).unwrap().flatten() {
            let dir = device.path().join(PICTURES_DIR);
            if let Ok(files) = std::fs::read_dir(dir) {
                found.extend(files.flatten().map(|f| f.path()));
            }
        }
    }
    found.sort();
    found
}

fn arrived(l: &Laptop) -> Vec<(String, bool)> {
    l.store
        .picture_items(None, false)
        .unwrap()
        .into_iter()
        .map(|i| (i.picture.caption, i.arrived))
        .collect()
}

fn demo_laptop(name: &str) -> Laptop {
    let mut l = laptop(name);
    l.store.ensure_demo().unwrap();
    l
}

#[test]
fn a_picture_taken_at_one_table_is_seen_on_the_other_laptop_as_it_was_kept() {
    let shared = tempfile::tempdir().unwrap();
    let mut a = demo_laptop("a");
    let p = attach(&mut a, "A", SIDEWAYS, "ກະດານ SWOT ກຸ່ມ A");
    let sent = sync_pass(&mut a.store, shared.path(), NOW).unwrap();
    assert_eq!(sent.pictures_sent, 1, "{sent:?}");
    // One file, named by its content, in A's own folder.
    let files = picture_files(shared.path());
    assert_eq!(files.len(), 1);
    let name = files[0].file_name().unwrap().to_str().unwrap();
    assert_eq!(name, format!("{}.jpg", p.content));
    assert!(
        files[0].starts_with(
            shared
                .path()
                .join("sala-sync")
                .join(&p.workshop_id)
                .join(a.store.device_id())
        )
    );

    // Joining from a terminal (`sala sync join`) ends with a full pass: the picture comes
    // after the text, within the join.
    let mut b = laptop("b");
    transfer::join_folder(&mut b.store, shared.path(), None, NOW, None).unwrap();
    let on_b = b.store.picture(&p.id).unwrap();
    assert_eq!(on_b, p, "the same row");
    assert_eq!(
        b.store.picture_data(&on_b).unwrap(),
        a.store.picture_data(&p).unwrap()
    );
    assert_eq!(arrived(&b), [("ກະດານ SWOT ກຸ່ມ A".to_owned(), true)]);
    // B does not write it again: the folder holds it once.
    let again = sync_pass(&mut b.store, shared.path(), NOW).unwrap();
    assert_eq!(again.pictures_sent, 0);
    assert_eq!(picture_files(shared.path()).len(), 1);

    // The same picture attached on B to another group is a row of its own and no new file.
    attach(&mut b, "B", SIDEWAYS, "the same flipchart");
    sync_pass(&mut b.store, shared.path(), NOW).unwrap();
    assert_eq!(picture_files(shared.path()).len(), 1);
    // A caption changed on B reaches A; the picture is put in the trash on A, and it is on B.
    b.store
        .set_picture_caption(&p.id, "SWOT A (ວັນທີ 1)")
        .unwrap();
    sync_pass(&mut b.store, shared.path(), NOW).unwrap();
    sync_pass(&mut a.store, shared.path(), NOW).unwrap();
    assert_eq!(a.store.picture(&p.id).unwrap().caption, "SWOT A (ວັນທີ 1)");
    a.store.delete_picture(&p.id).unwrap();
    sync_pass(&mut a.store, shared.path(), NOW).unwrap();
    sync_pass(&mut b.store, shared.path(), NOW).unwrap();
    assert!(b.store.picture(&p.id).unwrap().deleted);
}

#[test]
fn a_missing_or_torn_picture_file_waits_and_the_notes_arrive_all_the_same() {
    let shared = tempfile::tempdir().unwrap();
    let mut a = demo_laptop("a");
    let flipchart = attach(&mut a, "A", SIDEWAYS, "flipchart");
    let drawing = attach(&mut a, "A", DRAWING, "drawing");
    note_at(&mut a, "A", 1, "ບັນທຶກທີ່ຕ້ອງມາຮອດ");
    sync_pass(&mut a.store, shared.path(), NOW).unwrap();
    let files = picture_files(shared.path());
    assert_eq!(files.len(), 2);
    let flipchart_file = files
        .iter()
        .find(|f| f.to_string_lossy().contains(&flipchart.content))
        .unwrap()
        .clone();
    let drawing_file = files
        .iter()
        .find(|f| **f != flipchart_file)
        .unwrap()
        .clone();
    // The flipchart's file is cut short (a sync program still copying it); the drawing's is
    // not there yet at all.
    let whole = std::fs::read(&flipchart_file).unwrap();
    std::fs::write(&flipchart_file, &whole[..whole.len() / 2]).unwrap();
    let drawing_bytes = std::fs::read(&drawing_file).unwrap();
    std::fs::remove_file(&drawing_file).unwrap();

    let mut b = laptop("b");
    transfer::join_folder(&mut b.store, shared.path(), None, NOW, None).unwrap();
    let got = sync_pass(&mut b.store, shared.path(), NOW).unwrap();
    assert!(
        got.folder_error.is_none() && got.problems.is_empty(),
        "{got:?}"
    );
    assert_eq!((got.pictures_received, got.pictures_waiting), (0, 2));
    assert_eq!(texts(&b), ["ບັນທຶກທີ່ຕ້ອງມາຮອດ"], "the text arrived");
    assert_eq!(
        arrived(&b),
        [
            ("flipchart".to_owned(), false),
            ("drawing".to_owned(), false)
        ]
    );
    assert!(
        !b.store.has_picture_file(&flipchart.content).unwrap(),
        "nothing torn kept"
    );

    // The copy finishes, the other file arrives: the next pass has both.
    std::fs::write(&flipchart_file, &whole).unwrap();
    std::fs::write(&drawing_file, &drawing_bytes).unwrap();
    let later = sync_pass(&mut b.store, shared.path(), NOW).unwrap();
    assert_eq!((later.pictures_received, later.pictures_waiting), (2, 0));
    assert_eq!(
        b.store.picture_data(&drawing).unwrap(),
        a.store.picture_data(&drawing).unwrap()
    );
}

#[test]
fn a_picture_file_vanished_from_the_folder_is_written_again_by_a_laptop_that_has_it() {
    let shared = tempfile::tempdir().unwrap();
    let mut a = demo_laptop("a");
    let p = attach(&mut a, "A", DRAWING, "");
    sync_pass(&mut a.store, shared.path(), NOW).unwrap();
    let mut b = laptop("b");
    transfer::join_folder(&mut b.store, shared.path(), None, NOW, None).unwrap();
    sync_pass(&mut b.store, shared.path(), NOW).unwrap();
    // A's folder is lost (the stick was wiped; A is away): B writes the picture into its own.
    std::fs::remove_dir_all(
        shared
            .path()
            .join("sala-sync")
            .join(&p.workshop_id)
            .join(a.store.device_id())
            .join(PICTURES_DIR),
    )
    .unwrap();
    let resent = sync_pass(&mut b.store, shared.path(), NOW).unwrap();
    assert_eq!(resent.pictures_sent, 1);
    let mut c = laptop("c");
    transfer::join_folder(&mut c.store, shared.path(), None, NOW, None).unwrap();
    sync_pass(&mut c.store, shared.path(), NOW).unwrap();
    assert!(c.store.has_picture_file(&p.content).unwrap());
}

#[test]
fn a_hostile_file_under_a_pictures_name_is_never_kept() {
    let shared = tempfile::tempdir().unwrap();
    let mut a = demo_laptop("a");
    let p = attach(&mut a, "A", DRAWING, "");
    let q = attach(&mut a, "A", SIDEWAYS, "");
    sync_pass(&mut a.store, shared.path(), NOW).unwrap();
    let files = picture_files(shared.path());
    let p_file = files
        .iter()
        .find(|f| f.to_string_lossy().contains(&p.content))
        .unwrap();
    let q_file = files
        .iter()
        .find(|f| f.to_string_lossy().contains(&q.content))
        .unwrap();
    // Another picture put under P's name.
    let other = sala_picture::prepare("x", &image_of(7)).unwrap();
    std::fs::write(p_file, &other.bytes).unwrap();
    // Q's file swapped for a link to a file outside the shared folder (with Q's very bytes).
    let outside = tempfile::tempdir().unwrap();
    let target = outside.path().join("q.jpg");
    std::fs::copy(q_file, &target).unwrap();
    std::fs::remove_file(q_file).unwrap();
    #[cfg(unix)]
    std::os::unix::fs::symlink(&target, q_file).unwrap();

    let mut b = laptop("b");
    transfer::join_folder(&mut b.store, shared.path(), None, NOW, None).unwrap();
    let got = sync_pass(&mut b.store, shared.path(), NOW).unwrap();
    assert_eq!((got.pictures_received, got.pictures_waiting), (0, 2));
    for content in [&p.content, &q.content, &other.content] {
        assert!(!b.store.has_picture_file(content).unwrap());
    }
}

#[test]
fn with_a_workshop_key_pictures_travel_encrypted_and_plain_ones_are_refused() {
    let shared = tempfile::tempdir().unwrap();
    let pass = KeySource::Passphrase("ຮູບພາບ ປອດໄພ 2026".into());
    let mut a = demo_laptop("a");
    let workshop = a.store.current_workshop().unwrap();
    sala_sync::key::set_key(&mut a.store, &workshop.id, &pass).unwrap();
    let p = attach(&mut a, "A", SIDEWAYS, "");
    sync_pass(&mut a.store, shared.path(), NOW).unwrap();
    let files = picture_files(shared.path());
    assert_eq!(files.len(), 1);
    assert!(files[0].to_string_lossy().ends_with(".jpg.age"));
    let cipher = std::fs::read(&files[0]).unwrap();
    let plain = a.store.picture_data(&p).unwrap();
    assert!(
        !cipher
            .windows(64)
            .any(|w| plain.windows(64).next() == Some(w)),
        "not in the clear"
    );
    assert!(cipher.starts_with(b"age-encryption.org/v1"));

    let mut b = laptop("b");
    transfer::join_folder(&mut b.store, shared.path(), None, NOW, Some(&pass)).unwrap();
    assert_eq!(b.store.picture_data(&p).unwrap(), plain);

    // A plain picture slipped in under the name a plain file would have: not read by C.
    let plain_name = files[0].with_file_name(format!("{}.jpg", p.content));
    std::fs::remove_file(&files[0]).unwrap();
    std::fs::write(&plain_name, &plain).unwrap();
    let mut c = laptop("c");
    transfer::join_folder(&mut c.store, shared.path(), None, NOW, Some(&pass)).unwrap();
    let refused = sync_pass(&mut c.store, shared.path(), NOW).unwrap();
    assert_eq!(refused.pictures_received, 0, "{refused:?}");
    assert!(!c.store.has_picture_file(&p.content).unwrap());
}

#[test]
fn pictures_sent_before_the_key_was_set_are_withdrawn_once_sent_again_encrypted() {
    let shared = tempfile::tempdir().unwrap();
    let pass = KeySource::Passphrase("ຮູບພາບ ປອດໄພ 2026".into());
    let mut a = demo_laptop("a");
    let p = attach(&mut a, "A", DRAWING, "before the key");
    sync_pass(&mut a.store, shared.path(), NOW).unwrap();
    let workshop = a.store.current_workshop().unwrap();
    sala_sync::key::set_key(&mut a.store, &workshop.id, &pass).unwrap();
    let keyed = sync_pass(&mut a.store, shared.path(), NOW).unwrap();
    assert_eq!(keyed.pictures_sent, 1, "the encrypted copy: {keyed:?}");
    let names = || -> Vec<String> {
        picture_files(shared.path())
            .iter()
            .map(|f| f.file_name().unwrap().to_string_lossy().into_owned())
            .collect()
    };
    assert_eq!(
        names(),
        [
            format!("{}.png", p.content),
            format!("{}.png.age", p.content)
        ]
    );
    assert!(
        keyed.plain_files >= 1,
        "the plain picture is counted: {keyed:?}"
    );
    let (removed, after) = sala_sync::pass::withdraw_plain(
        &mut a.store,
        shared.path(),
        NOW,
        std::time::Duration::ZERO,
    )
    .unwrap();
    assert!(removed >= 2, "the op files and the picture: {removed}");
    assert_eq!(after.plain_files, 0);
    assert_eq!(names(), [format!("{}.png.age", p.content)]);
    let mut b = laptop("b");
    transfer::join_folder(&mut b.store, shared.path(), None, NOW, Some(&pass)).unwrap();
    assert!(b.store.has_picture_file(&p.content).unwrap());
}

#[test]
fn a_laptop_joining_gets_the_text_first_and_the_pictures_a_few_at_a_time() {
    let shared = tempfile::tempdir().unwrap();
    let mut a = demo_laptop("a");
    // Ten different pictures.
    for i in 0..10u32 {
        let img = image_of(i);
        attach(&mut a, "A", &img, &format!("picture {i}"));
    }
    note_at(&mut a, "A", 1, "text first");
    sync_pass(&mut a.store, shared.path(), NOW).unwrap();
    // The app joins as this does, and leaves the rest to its background passes.
    let mut b = laptop("b");
    transfer::join_folder_telling(
        &mut b.store,
        shared.path(),
        None,
        NOW,
        None,
        Load::Auto,
        &|_| {},
    )
    .unwrap();
    assert_eq!(texts(&b), ["text first"]);
    assert!(
        arrived(&b).iter().all(|(_, here)| !here),
        "the join brings the text only"
    );
    let mut passes = 0;
    loop {
        let r = sync_pass_limited(&mut b.store, shared.path(), NOW, 50).unwrap();
        passes += 1;
        assert!(r.pictures_received as usize <= PICTURES_PER_PASS);
        if !r.more {
            break;
        }
    }
    assert_eq!(passes, 3, "4 + 4 + 2");
    assert!(arrived(&b).iter().all(|(_, here)| *here));
}

/// A small picture of its own for each `i` (a colour of its own).
fn image_of(i: u32) -> Vec<u8> {
    let colour = image::Rgb([(i * 20) as u8, 100, 200]);
    let picture = image::RgbImage::from_pixel(64, 48, colour);
    let mut png = std::io::Cursor::new(Vec::new());
    picture.write_to(&mut png, image::ImageFormat::Png).unwrap();
    png.into_inner()
}
