//! Pictures kept with a group's work (issue 21): attached to a group, a question, a board or a
//! note; captioned and found by the caption; to the trash and back; the same picture kept once;
//! a workshop's pictures bounded.

#![allow(clippy::unwrap_used)]

use sala_core::ErrorCode;
use sala_core::api::{PictureTarget, SearchQuery};
use sala_core::model::PictureFormat;
use sala_core::op::{Op, OpKind};
use sala_core::text::MAX_WORKSHOP_PICTURES_MB;
use sala_picture::Prepared;
use sala_store::Store;

mod kit;

/// A picture as `sala_picture::prepare` makes one: `seed` makes it differ.
fn photo(seed: u8) -> Prepared {
    sala_picture::prepare("photo.png", &image_of(seed)).unwrap()
}

/// A small PNG, each seed its own colour.
fn image_of(seed: u8) -> Vec<u8> {
    let picture = image::RgbImage::from_pixel(2, 1, image::Rgb([seed, 0, 0]));
    let mut png = std::io::Cursor::new(Vec::new());
    picture.write_to(&mut png, image::ImageFormat::Png).unwrap();
    png.into_inner()
}

fn group(s: &Store, name: &str) -> PictureTarget {
    PictureTarget {
        group_id: s.find_group(name).unwrap().id,
        ..PictureTarget::default()
    }
}

#[test]
fn a_picture_is_kept_under_its_group_and_question_with_its_caption_and_provenance() {
    let (_h, mut s) = kit::demo();
    let question = s.question_by_number(2).unwrap().id;
    let target = PictureTarget {
        question_id: Some(question.clone()),
        ..group(&s, "A")
    };
    let kept = photo(1);
    let p = s
        .add_picture(&target, "  ແຜນວາດກະດານ: ຈຸດແຂງ ", &kept)
        .unwrap();
    assert_eq!(p.caption, "ແຜນວາດກະດານ: ຈຸດແຂງ", "trimmed, else as typed");
    assert_eq!(p.question_id.as_deref(), Some(question.as_str()));
    assert_eq!((p.width, p.height, p.format), (2, 1, PictureFormat::Png));
    assert_eq!(p.content, kept.content);
    assert_eq!(p.device, s.device_id());
    assert_eq!(s.picture_data(&p).unwrap(), kept.bytes);

    // Listed under group A only, arrived, with its thumbnail.
    let items = s.picture_items(Some("A"), false).unwrap();
    assert_eq!(items.len(), 1);
    assert!(items[0].arrived);
    assert!(
        items[0]
            .thumbnail
            .as_deref()
            .unwrap()
            .starts_with("data:image/jpeg;base64,")
    );
    assert!(s.pictures(Some("B"), false).unwrap().is_empty());
    // Found by a word of its caption, under its group and question.
    let hits = s
        .search(&SearchQuery {
            text: "ກະດານ".into(),
            ..SearchQuery::default()
        })
        .unwrap();
    let hit = hits
        .iter()
        .find(|h| h.id == p.id)
        .expect("found by caption");
    assert_eq!(hit.entity, "picture");
    assert_eq!(hit.question_id.as_deref(), Some(question.as_str()));
    // In the dump, as a row (the picture itself is not in it).
    assert_eq!(s.dump().unwrap().pictures, vec![p.clone()]);
    // Found by the end of its id, as the CLI lists it.
    assert_eq!(s.picture(&p.id[p.id.len() - 8..]).unwrap(), p);
}

#[test]
fn the_same_picture_twice_is_one_picture_there_and_one_file_anywhere() {
    let (_h, mut s) = kit::demo();
    let a = group(&s, "A");
    let first = s.add_picture(&a, "flipchart", &photo(2)).unwrap();
    // Dropped twice on the same place: the one already there.
    let again = s.add_picture(&a, "flipchart again", &photo(2)).unwrap();
    assert_eq!(again, first);
    assert_eq!(s.pictures(None, false).unwrap().len(), 1);
    // On another group's work it is a picture of its own, the same file.
    let b = s.add_picture(&group(&s, "B"), "", &photo(2)).unwrap();
    assert_ne!(b.id, first.id);
    assert_eq!(b.content, first.content);
    assert_eq!(s.picture_contents().unwrap().len(), 1, "one file for both");
}

#[test]
fn a_picture_goes_to_the_trash_and_comes_back_and_its_caption_changes() {
    let (_h, mut s) = kit::demo();
    let p = s.add_picture(&group(&s, "A"), "before", &photo(3)).unwrap();
    let p = s.set_picture_caption(&p.id, "ກະດານຂາວ ກຸ່ມ A").unwrap();
    assert_eq!(p.caption, "ກະດານຂາວ ກຸ່ມ A");
    assert!(s.delete_picture(&p.id).unwrap().deleted);
    assert!(s.pictures(None, false).unwrap().is_empty());
    assert_eq!(s.pictures(None, true).unwrap().len(), 1);
    let found = |s: &Store| {
        s.search(&SearchQuery {
            text: "ກະດານຂາວ".into(),
            ..SearchQuery::default()
        })
        .unwrap()
        .len()
    };
    assert_eq!(found(&s), 0, "not found while in the trash");
    assert!(!s.restore_picture(&p.id).unwrap().deleted);
    assert_eq!(found(&s), 1);
    // A picture's file stays while it is in the trash.
    assert!(s.has_picture_file(&p.content).unwrap());
}

#[test]
fn a_notes_picture_is_under_the_notes_question() {
    let (_h, mut s) = kit::demo();
    let note = s.add_note_at("A", 3, "ກະດານສະແດງແຜນຜັງ").unwrap();
    let p = s
        .add_picture(
            &PictureTarget {
                note_id: Some(note.id.clone()),
                ..group(&s, "A")
            },
            "the note's flipchart",
            &photo(10),
        )
        .unwrap();
    assert_eq!(p.note_id.as_deref(), Some(note.id.as_str()));
    assert_eq!(p.question_id, Some(note.question_id));
}

#[test]
fn a_picture_is_attached_only_to_what_exists_in_the_group() {
    let (_h, mut s) = kit::demo();
    let check = |s: &mut Store, target: PictureTarget, code: ErrorCode| {
        assert_eq!(
            s.add_picture(&target, "", &photo(4)).unwrap_err().code,
            code
        );
    };
    check(
        &mut s,
        PictureTarget {
            group_id: "Z".into(),
            ..PictureTarget::default()
        },
        ErrorCode::UnknownGroup,
    );
    let a = group(&s, "A");
    check(
        &mut s,
        PictureTarget {
            question_id: Some("no-such-question".into()),
            ..a.clone()
        },
        ErrorCode::NotFound,
    );
    check(
        &mut s,
        PictureTarget {
            note_id: Some("no-such-note".into()),
            ..a.clone()
        },
        ErrorCode::NotFound,
    );
    check(
        &mut s,
        PictureTarget {
            focus_area_id: Some("nowhere".into()),
            ..a
        },
        ErrorCode::NotFound,
    );
    let long = "ກ".repeat(501);
    assert_eq!(
        s.add_picture(&group(&s, "A"), &long, &photo(4))
            .unwrap_err()
            .code,
        ErrorCode::TextTooLong
    );
    assert!(
        s.pictures(None, false).unwrap().is_empty(),
        "nothing half-added"
    );
}

#[test]
fn a_workshop_holding_its_most_pictures_refuses_one_more_in_words() {
    let (_h, mut s) = kit::demo();
    let first = s.add_picture(&group(&s, "A"), "", &photo(5)).unwrap();
    // Another laptop's picture, received: as big as a workshop's pictures may be together.
    let created = sala_store::log::ops::all(s.read())
        .unwrap()
        .into_iter()
        .find(|o| o.entity_id == first.id)
        .unwrap();
    let mut row = first.clone();
    row.id = sala_core::op::new_id();
    row.content = sala_picture::content_of(b"elsewhere");
    row.bytes = MAX_WORKSHOP_PICTURES_MB << 20;
    let device = sala_core::op::new_id();
    let mut hlc = created.hlc.clone();
    hlc.device = device.clone();
    hlc.wall_ms += 1;
    let received = Op {
        id: sala_core::op::new_id(),
        hlc,
        device,
        kind: OpKind::Create,
        entity_id: row.id.clone(),
        value: serde_json::to_value(&row).unwrap(),
        ..created
    };
    s.ingest(&[received], 0, |_| Ok(())).unwrap();
    let e = s.add_picture(&group(&s, "B"), "", &photo(6)).unwrap_err();
    assert_eq!(e.code, ErrorCode::WorkshopPicturesFull);
    assert_eq!(e.params["max"], MAX_WORKSHOP_PICTURES_MB.to_string());
    // A picture already kept takes nothing more: attaching it elsewhere still works.
    s.add_picture(&group(&s, "B"), "", &photo(5)).unwrap();
    // The received row has not arrived as a picture: listed as such, and its data said so.
    let waiting = s.picture(&row.id).unwrap();
    assert_eq!(
        s.picture_data(&waiting).unwrap_err().code,
        ErrorCode::PictureNotArrived
    );
    let items = s.picture_items(Some("A"), false).unwrap();
    let item = items.iter().find(|i| i.picture.id == row.id).unwrap();
    assert!(!item.arrived && item.thumbnail.is_none());
}

#[test]
fn the_coordinators_matrix_counts_a_groups_pictures_where_they_belong() {
    let (_h, mut s) = kit::demo();
    let a = s.find_group("A").unwrap();
    let (first, second) = (a.focus_area_ids[0].clone(), a.focus_area_ids[1].clone());
    // A board's picture counts on its focus area; a question's on every focus area of the group.
    let board = PictureTarget {
        focus_area_id: Some(first.clone()),
        ..group(&s, "A")
    };
    let question = PictureTarget {
        question_id: Some(s.question_by_number(1).unwrap().id),
        ..group(&s, "A")
    };
    s.add_picture(&board, "board", &photo(7)).unwrap();
    s.add_picture(&question, "flipchart", &photo(8)).unwrap();
    let gone = s.add_picture(&question, "discarded", &photo(9)).unwrap();
    s.delete_picture(&gone.id).unwrap();
    let matrix = s.matrix(&sala_core::api::MatrixFilter::default()).unwrap();
    let count = |fa: &str| {
        matrix
            .cells
            .iter()
            .find(|c| c.group_id == a.id && c.focus_area_id == fa)
            .map_or(0, |c| c.pictures)
    };
    assert_eq!((count(&first), count(&second)), (2, 1));
    let items = s
        .matrix_cell(&a.id, &first, &sala_core::api::MatrixFilter::default())
        .unwrap();
    let mut captions: Vec<&str> = items.pictures.iter().map(|p| p.caption.as_str()).collect();
    captions.sort_unstable();
    assert_eq!(captions, ["board", "flipchart"]);
    // Another table's view has none of them.
    let other = sala_core::api::MatrixFilter {
        device: Some("someone-else".into()),
        ..Default::default()
    };
    assert!(
        s.matrix(&other)
            .unwrap()
            .cells
            .iter()
            .all(|c| c.pictures == 0)
    );
}

#[test]
fn a_picture_is_a_file_in_the_data_folder_not_in_the_database_its_backups_copy() {
    let (home, mut s) = kit::demo();
    let big = sala_picture::prepare(
        "flipchart.jpg",
        include_bytes!("../../../tests/fixtures/pictures/flipchart-sideways-gps.jpg"),
    )
    .unwrap();
    let p = s.add_picture(&group(&s, "A"), "", &big).unwrap();
    let file = home
        .path()
        .join("pictures")
        .join(format!("{}.jpg", p.content));
    assert_eq!(
        std::fs::read(&file).unwrap(),
        big.bytes,
        "the stored picture, whole"
    );
    // The database holds the row and the thumbnail only.
    let holds = |s: &Store| -> i64 {
        s.read()
            .query_row(
                "SELECT coalesce(sum(length(thumbnail)), 0) FROM picture_files",
                [],
                |r| r.get(0),
            )
            .unwrap()
    };
    assert!(holds(&s) < big.bytes.len() as i64 / 2);
    // A file removed by hand is a picture not arrived (sync brings it again), never an error.
    std::fs::remove_file(&file).unwrap();
    assert!(!s.has_picture_file(&p.content).unwrap());
    assert_eq!(
        s.picture_data(&p).unwrap_err().code,
        ErrorCode::PictureNotArrived
    );
    s.keep_picture_file(&p.content, p.format, &big.bytes, &big.thumbnail)
        .unwrap();
    assert_eq!(s.picture_data(&p).unwrap(), big.bytes);
}
