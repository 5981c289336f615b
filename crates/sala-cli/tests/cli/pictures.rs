//! `sala picture`: a coordinator keeps the photo of a flipchart with a group's work, lists it,
//! exports it as stored (upright, without the phone's location), and sends it to the trash and
//! back; files that are not pictures are refused in the user's language.

use super::*;

const SIDEWAYS: &str = concat!(
    env!("CARGO_MANIFEST_DIR"),
    "/../../tests/fixtures/pictures/flipchart-sideways-gps.jpg"
);

fn ok(data: &Path, args: &[&str]) -> String {
    let o = sala(data, args);
    assert!(o.status.success(), "{args:?}: {}", stderr(&o));
    stdout(&o)
}

#[test]
fn a_flipchart_photo_is_kept_listed_exported_without_its_location_and_restored() {
    let data = demo();
    let d = data.path();
    let added = ok(
        d,
        &[
            "picture",
            "add",
            SIDEWAYS,
            "--group",
            "A",
            "--question",
            "2",
            "--caption",
            "ກະດານ SWOT ກຸ່ມ A",
        ],
    );
    assert!(added.contains("1200 × 1600"), "{added}");
    let listed: serde_json::Value =
        serde_json::from_str(&ok(d, &["picture", "list", "--json"])).unwrap();
    let picture = &listed[0];
    assert_eq!(picture["caption"], "ກະດານ SWOT ກຸ່ມ A");
    assert_eq!(picture["arrived"], true);
    let id = picture["id"].as_str().unwrap();
    let short = &id[id.len() - 8..];
    assert!(ok(d, &["picture", "list"]).contains(&format!("{short}  A Q2  1200×1600")));
    // Found by its caption, and in the dump as a row.
    let found = ok(d, &["search", "ກະດານ"]);
    assert!(
        found.contains("[Picture · Group A] «ກະດານ» SWOT"),
        "{found}"
    );
    assert_eq!(dump(d)["pictures"][0]["id"], id);

    let out = data.path().join("exported.jpg");
    ok(
        d,
        &["picture", "export", short, "--out", out.to_str().unwrap()],
    );
    let bytes = std::fs::read(&out).unwrap();
    assert!(bytes.starts_with(&[0xFF, 0xD8, 0xFF]));
    let original = std::fs::read(SIDEWAYS).unwrap();
    let has = |b: &[u8], needle: &[u8]| b.windows(needle.len()).any(|w| w == needle);
    assert!(has(&original, b"SalaTestPhone"));
    assert!(!has(&bytes, b"SalaTestPhone") && !has(&bytes, b"Exif"));

    let deleted = ok(d, &["--ui-lang", "lo", "picture", "delete", short]);
    assert!(deleted.contains("ຖັງຂີ້ເຫຍື້ອ"), "{deleted}");
    assert!(ok(d, &["picture", "list"]).contains("No picture."));
    assert!(ok(d, &["picture", "list", "--trash"]).contains(short));
    ok(d, &["picture", "restore", short]);
    ok(d, &["picture", "caption", short, "Flipchart, group A"]);
    assert!(ok(d, &["picture", "list", "--group", "A"]).contains("Flipchart, group A"));
}

#[test]
fn files_that_are_not_pictures_are_refused_and_nothing_is_kept() {
    let data = demo();
    let d = data.path();
    let dir = data.path();
    let heic = dir.join("IMG_0001.HEIC");
    let mut bytes = vec![0, 0, 0, 0x18];
    bytes.extend_from_slice(b"ftypheic\0\0\0\0mif1heic");
    std::fs::write(&heic, bytes).unwrap();
    let text = dir.join("notes.txt");
    std::fs::write(&text, "not a picture").unwrap();
    let cut = dir.join("cut.jpg");
    std::fs::write(&cut, &std::fs::read(SIDEWAYS).unwrap()[..3000]).unwrap();
    let huge = dir.join("huge.jpg");
    let file = std::fs::File::create(&huge).unwrap();
    file.set_len(41 << 20).unwrap();

    check(
        d,
        &["picture", "add", heic.to_str().unwrap(), "--group", "A"],
        1,
        "HEIC",
    );
    check(
        d,
        &[
            "--ui-lang",
            "lo",
            "picture",
            "add",
            heic.to_str().unwrap(),
            "--group",
            "A",
        ],
        1,
        "iPhone",
    );
    check(
        d,
        &["picture", "add", text.to_str().unwrap(), "--group", "A"],
        1,
        "not a picture Sala can keep",
    );
    check(
        d,
        &["picture", "add", cut.to_str().unwrap(), "--group", "A"],
        1,
        "damaged or was cut short",
    );
    check(
        d,
        &["picture", "add", huge.to_str().unwrap(), "--group", "A"],
        1,
        "is 41.0 MB",
    );
    check(
        d,
        &["picture", "add", SIDEWAYS, "--group", "Nobody"],
        1,
        "Nobody",
    );
    check(
        d,
        &["picture", "export", "nosuchid", "--out", "/tmp/x.jpg"],
        1,
        "nosuchid",
    );
    assert!(ok(d, &["picture", "list"]).contains("No picture."));
}
