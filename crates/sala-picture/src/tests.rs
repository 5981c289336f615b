//! What a note-taker's pictures become: each case is a file as a phone or a laptop makes it.

use super::*;
use image::{ImageBuffer, Rgb, Rgba};

/// A JPEG of `w`×`h`: its left half red, its right half blue.
pub(crate) fn halves_jpeg(w: u32, h: u32) -> Vec<u8> {
    let picture = ImageBuffer::from_fn(w, h, |x, _| {
        if x < w / 2 {
            Rgb([220u8, 20, 20])
        } else {
            Rgb([20u8, 20, 220])
        }
    });
    let mut out = Vec::new();
    DynamicImage::ImageRgb8(picture)
        .write_with_encoder(JpegEncoder::new_with_quality(&mut out, 90))
        .unwrap();
    out
}

/// An EXIF block (APP1) as a phone writes one: the camera's make, an orientation, and where
/// the photo was taken (GPS latitude 17° 58' N — Vientiane).
pub(crate) fn phone_exif(orientation: u16) -> Vec<u8> {
    let mut tiff = Vec::new();
    tiff.extend_from_slice(b"II\x2a\x00");
    tiff.extend_from_slice(&8u32.to_le_bytes());
    // IFD0 at 8: three entries.
    let entries: u16 = 3;
    let ifd0_len = 2 + 12 * u32::from(entries) + 4;
    let make_at = 8 + ifd0_len;
    let make = b"SalaTestCam\0";
    let gps_at = make_at + make.len() as u32;
    let gps_entries: u16 = 2;
    let gps_len = 2 + 12 * u32::from(gps_entries) + 4;
    let lat_at = gps_at + gps_len;
    tiff.extend_from_slice(&entries.to_le_bytes());
    // Make (ASCII).
    tiff.extend_from_slice(&0x010Fu16.to_le_bytes());
    tiff.extend_from_slice(&2u16.to_le_bytes());
    tiff.extend_from_slice(&(make.len() as u32).to_le_bytes());
    tiff.extend_from_slice(&make_at.to_le_bytes());
    // Orientation (SHORT).
    tiff.extend_from_slice(&0x0112u16.to_le_bytes());
    tiff.extend_from_slice(&3u16.to_le_bytes());
    tiff.extend_from_slice(&1u32.to_le_bytes());
    tiff.extend_from_slice(&u32::from(orientation).to_le_bytes());
    // GPS IFD pointer (LONG).
    tiff.extend_from_slice(&0x8825u16.to_le_bytes());
    tiff.extend_from_slice(&4u16.to_le_bytes());
    tiff.extend_from_slice(&1u32.to_le_bytes());
    tiff.extend_from_slice(&gps_at.to_le_bytes());
    tiff.extend_from_slice(&0u32.to_le_bytes());
    tiff.extend_from_slice(make);
    // The GPS IFD: latitude reference and latitude.
    tiff.extend_from_slice(&gps_entries.to_le_bytes());
    tiff.extend_from_slice(&0x0001u16.to_le_bytes());
    tiff.extend_from_slice(&2u16.to_le_bytes());
    tiff.extend_from_slice(&2u32.to_le_bytes());
    tiff.extend_from_slice(b"N\0\0\0");
    tiff.extend_from_slice(&0x0002u16.to_le_bytes());
    tiff.extend_from_slice(&5u16.to_le_bytes());
    tiff.extend_from_slice(&3u32.to_le_bytes());
    tiff.extend_from_slice(&lat_at.to_le_bytes());
    tiff.extend_from_slice(&0u32.to_le_bytes());
    for (n, d) in [(17u32, 1u32), (58, 1), (1234, 100)] {
        tiff.extend_from_slice(&n.to_le_bytes());
        tiff.extend_from_slice(&d.to_le_bytes());
    }
    let mut app1 = vec![0xFF, 0xE1];
    app1.extend_from_slice(&((2 + 6 + tiff.len()) as u16).to_be_bytes());
    app1.extend_from_slice(b"Exif\0\0");
    app1.extend_from_slice(&tiff);
    app1
}

/// `jpeg` with `exif` put right after its start marker, as a camera writes it.
pub(crate) fn with_exif(jpeg: &[u8], exif: &[u8]) -> Vec<u8> {
    let mut out = jpeg[..2].to_vec();
    out.extend_from_slice(exif);
    out.extend_from_slice(&jpeg[2..]);
    out
}

fn png_of(picture: DynamicImage) -> Vec<u8> {
    let mut out = Vec::new();
    picture
        .write_with_encoder(PngEncoder::new(&mut out))
        .unwrap();
    out
}

fn rgb_at(p: &Prepared, x: u32, y: u32) -> [u8; 3] {
    let picture = image::load_from_memory(&p.bytes).unwrap().to_rgb8();
    picture.get_pixel(x, y).0
}

fn contains(haystack: &[u8], needle: &[u8]) -> bool {
    haystack.windows(needle.len()).any(|w| w == needle)
}

#[test]
fn a_phone_photo_taken_sideways_stands_up_and_keeps_nothing_of_where_it_was_taken() {
    // 60×40, the camera saying "turn 90° clockwise to show" (EXIF orientation 6).
    let photo = with_exif(&halves_jpeg(60, 40), &phone_exif(6));
    assert!(
        contains(&photo, b"SalaTestCam"),
        "the fixture carries its EXIF"
    );
    let kept = prepare("IMG_0042.JPG", &photo).unwrap();
    assert_eq!((kept.width, kept.height), (40, 60), "upright");
    assert_eq!(kept.format, PictureFormat::Jpeg);
    // The left half (red) is now at the top, the right half (blue) at the bottom.
    let top = rgb_at(&kept, 20, 5);
    let bottom = rgb_at(&kept, 20, 55);
    assert!(top[0] > 150 && top[2] < 100, "top is red: {top:?}");
    assert!(
        bottom[2] > 150 && bottom[0] < 100,
        "bottom is blue: {bottom:?}"
    );
    // Nothing of the EXIF block is left: no camera, no location, no block at all.
    assert!(!contains(&kept.bytes, b"Exif"));
    assert!(!contains(&kept.bytes, b"SalaTestCam"));
    assert!(!contains(&kept.bytes, &1234u32.to_le_bytes()));
    let mut decoder = ImageReader::with_format(Cursor::new(&kept.bytes), ImageFormat::Jpeg)
        .into_decoder()
        .unwrap();
    assert_eq!(decoder.exif_metadata().unwrap(), None);
    assert_eq!(kept.content, content_of(&kept.bytes));
    assert!(is_stored(&kept.bytes, kept.format, &kept.content));
}

#[test]
fn each_orientation_a_camera_writes_gives_an_upright_picture() {
    // (EXIF orientation, the size shown): 1–4 keep the sides, 5–8 swap them.
    for (orientation, size) in [
        (1, (60, 40)),
        (2, (60, 40)),
        (3, (60, 40)),
        (4, (60, 40)),
        (5, (40, 60)),
        (6, (40, 60)),
        (7, (40, 60)),
        (8, (40, 60)),
    ] {
        let kept = prepare(
            "p.jpg",
            &with_exif(&halves_jpeg(60, 40), &phone_exif(orientation)),
        )
        .unwrap();
        assert_eq!((kept.width, kept.height), size, "orientation {orientation}");
    }
}

#[test]
fn a_twelve_megapixel_photo_is_kept_at_2560_pixels_with_a_small_thumbnail() {
    let kept = prepare("big.jpg", &halves_jpeg(4000, 3000)).unwrap();
    assert_eq!((kept.width, kept.height), (2560, 1920));
    let thumb = image::load_from_memory(&kept.thumbnail).unwrap();
    assert_eq!((thumb.width(), thumb.height()), (400, 300));
    assert!(kept.bytes.len() < 2 << 20, "{} bytes", kept.bytes.len());
}

#[test]
fn a_small_picture_is_not_enlarged_and_the_same_picture_gives_the_same_content() {
    let photo = halves_jpeg(300, 200);
    let a = prepare("a.jpg", &photo).unwrap();
    let b = prepare("copy of a.jpg", &photo).unwrap();
    assert_eq!((a.width, a.height), (300, 200));
    assert_eq!(a.content, b.content);
    assert_eq!(a.bytes, b.bytes);
    assert_ne!(
        a.content,
        prepare("c.jpg", &halves_jpeg(301, 200)).unwrap().content
    );
}

#[test]
fn a_drawing_stays_png_and_keeps_its_transparency_and_none_of_its_text_chunks() {
    let drawing = ImageBuffer::from_fn(120, 80, |x, _| {
        if x < 60 {
            Rgba([0u8, 0, 0, 0])
        } else {
            Rgba([10u8, 120, 10, 255])
        }
    });
    let mut png = png_of(DynamicImage::ImageRgba8(drawing));
    // A tEXt chunk after the header, as some programs write (here: where it was made).
    let chunk_data = b"Location\0Vientiane 17.97N";
    let mut chunk = (chunk_data.len() as u32).to_be_bytes().to_vec();
    chunk.extend_from_slice(b"tEXt");
    chunk.extend_from_slice(chunk_data);
    chunk.extend_from_slice(&crc32(b"tEXt", chunk_data).to_be_bytes());
    png.splice(33..33, chunk);
    assert!(
        image::load_from_memory(&png).is_ok(),
        "the fixture is a valid PNG"
    );
    let kept = prepare("board.png", &png).unwrap();
    assert_eq!(kept.format, PictureFormat::Png);
    assert!(!contains(&kept.bytes, b"Vientiane"));
    let back = image::load_from_memory(&kept.bytes).unwrap().to_rgba8();
    assert_eq!(
        back.get_pixel(10, 10).0[3],
        0,
        "transparent stays transparent"
    );
    assert_eq!(back.get_pixel(100, 10).0, [10, 120, 10, 255]);
}

#[test]
fn a_photo_saved_as_png_is_kept_as_jpeg() {
    // Noise compresses badly: a photo's worth of PNG.
    let mut seed = 7u32;
    let noise = ImageBuffer::from_fn(1600, 1200, |_, _| {
        seed = seed.wrapping_mul(1_103_515_245).wrapping_add(12345);
        let v = seed.to_le_bytes();
        Rgb([v[1], v[2], v[3]])
    });
    let kept = prepare("scan.png", &png_of(DynamicImage::ImageRgb8(noise))).unwrap();
    assert_eq!(kept.format, PictureFormat::Jpeg);
    assert_eq!((kept.width, kept.height), (1600, 1200));
}

/// Each file a person might give, and what Sala says of it.
fn check(file: &str, bytes: &[u8], expected: ErrorCode) {
    let e = prepare(file, bytes).expect_err(file);
    assert_eq!(e.code, expected, "{file}");
    assert_eq!(
        e.params.get("file").map(String::as_str),
        Some(file),
        "{file}"
    );
}

#[test]
fn files_that_are_not_pictures_sala_keeps_are_refused_in_words() {
    let mut heic = vec![0, 0, 0, 0x18];
    heic.extend_from_slice(b"ftypheic\0\0\0\0mif1heic");
    check("IMG_1234.HEIC", &heic, ErrorCode::PictureHeic);
    check(
        "notes.docx",
        b"PK\x03\x04 a document",
        ErrorCode::PictureUnsupported,
    );
    check("handout.pdf", b"%PDF-1.7\n", ErrorCode::PictureUnsupported);
    check("empty.jpg", b"", ErrorCode::PictureUnsupported);
    // A photo cut short in the copy: its header only.
    let photo = halves_jpeg(640, 480);
    check("cut.jpg", &photo[..200], ErrorCode::PictureDamaged);
    // Cut in the middle of the picture's data (a copy that stopped): it would decode, half grey.
    check(
        "half.jpg",
        &SIDEWAYS[..SIDEWAYS.len() / 2],
        ErrorCode::PictureDamaged,
    );
    check(
        "almost.jpg",
        &SIDEWAYS[..SIDEWAYS.len() - 2],
        ErrorCode::PictureDamaged,
    );
    // Data a phone adds after the end is no damage.
    let mut trailer = SIDEWAYS.to_vec();
    trailer.extend_from_slice(b"\0\0SEFHtrailer of a phone");
    assert!(prepare("trailer.jpg", &trailer).is_ok());
    let png = png_of(DynamicImage::ImageRgb8(ImageBuffer::from_pixel(
        64,
        64,
        Rgb([1u8, 2, 3]),
    )));
    check("cut.png", &png[..60], ErrorCode::PictureDamaged);
}

#[test]
fn a_file_too_big_is_refused_before_it_is_read() {
    let mut big = vec![0u8; (MAX_PICTURE_FILE_MB << 20) as usize + 1];
    big[..3].copy_from_slice(&[0xFF, 0xD8, 0xFF]);
    let e = prepare("huge.jpg", &big).unwrap_err();
    assert_eq!(e.code, ErrorCode::PictureTooLarge);
    assert_eq!(e.params["max"], MAX_PICTURE_FILE_MB.to_string());
    assert_eq!(e.params["size"], "40.0");
}

#[test]
fn a_picture_claiming_more_pixels_than_sala_decodes_is_refused_from_its_header() {
    // A PNG header saying 20,000 × 20,000 (400 megapixels), and no pixels after it.
    let png = png_header(20_000, 20_000);
    let e = prepare("bomb.png", &png).unwrap_err();
    assert_eq!(e.code, ErrorCode::PictureTooManyPixels);
    assert_eq!(e.params["width"], "20000");
}

#[test]
fn a_thumbnail_is_made_again_from_the_stored_picture() {
    let kept = prepare("a.jpg", &halves_jpeg(1200, 900)).unwrap();
    let again = thumbnail(&kept.bytes).unwrap();
    let t = image::load_from_memory(&again).unwrap();
    assert_eq!((t.width(), t.height()), (400, 300));
    assert_eq!(
        thumbnail(b"not a picture").unwrap_err().code,
        ErrorCode::PictureDamaged
    );
}

#[test]
fn only_content_addresses_become_file_names() {
    let content = content_of(b"x");
    assert!(is_content(&content));
    for bad in [
        "",
        "../etc/passwd",
        &content.to_uppercase(),
        &content[1..],
        &format!("{content}0"),
    ] {
        assert!(!is_content(bad), "{bad}");
    }
    assert!(!is_stored(b"\xFF\xD8\xFFx", PictureFormat::Jpeg, &content));
}

/// A PNG's header saying `width` × `height`, and an empty first data chunk: no pixels at all.
fn png_header(width: u32, height: u32) -> Vec<u8> {
    let mut png = b"\x89PNG\r\n\x1a\n".to_vec();
    let mut ihdr = width.to_be_bytes().to_vec();
    ihdr.extend_from_slice(&height.to_be_bytes());
    ihdr.extend_from_slice(&[8, 2, 0, 0, 0]);
    for (kind, data) in [(&b"IHDR"[..], &ihdr[..]), (b"IDAT", &[][..])] {
        png.extend_from_slice(&(data.len() as u32).to_be_bytes());
        png.extend_from_slice(kind);
        png.extend_from_slice(data);
        png.extend_from_slice(&crc32(kind, data).to_be_bytes());
    }
    png
}

/// The CRC of a PNG chunk (its type and data).
fn crc32(kind: &[u8], data: &[u8]) -> u32 {
    let mut crc = 0xFFFF_FFFFu32;
    for &b in kind.iter().chain(data) {
        crc ^= u32::from(b);
        for _ in 0..8 {
            crc = if crc & 1 == 1 {
                (crc >> 1) ^ 0xEDB8_8320
            } else {
                crc >> 1
            };
        }
    }
    !crc
}

const SIDEWAYS: &[u8] =
    include_bytes!("../../../tests/fixtures/pictures/flipchart-sideways-gps.jpg");
const DRAWING: &[u8] = include_bytes!("../../../tests/fixtures/pictures/swot-drawing.png");

#[test]
fn a_real_phone_photo_with_its_location_is_kept_upright_and_without_it() {
    assert!(
        contains(SIDEWAYS, b"SalaTestPhone"),
        "the fixture carries its EXIF"
    );
    let kept = prepare("flipchart-sideways-gps.jpg", SIDEWAYS).unwrap();
    assert_eq!((kept.width, kept.height), (1200, 1600), "upright");
    // The red bar of the stored picture's left edge is along the top.
    let top = rgb_at(&kept, 600, 20);
    assert!(top[0] > 150 && top[1] < 80, "red along the top: {top:?}");
    let left = rgb_at(&kept, 20, 800);
    assert!(
        left[0] > 200 && left[1] > 200,
        "paper at the left: {left:?}"
    );
    for gone in [&b"Exif"[..], b"SalaTestPhone", b"Model X", b"2026:12:04"] {
        assert!(
            !contains(&kept.bytes, gone),
            "{}",
            String::from_utf8_lossy(gone)
        );
    }
}

#[test]
fn a_drawing_with_transparency_is_kept_as_png() {
    let kept = prepare("swot-drawing.png", DRAWING).unwrap();
    assert_eq!(
        (kept.format, kept.width, kept.height),
        (PictureFormat::Png, 900, 600)
    );
    let back = image::load_from_memory(&kept.bytes).unwrap().to_rgba8();
    assert_eq!(back.get_pixel(5, 5).0[3], 0);
    assert_eq!(back.get_pixel(200, 200).0, [255, 255, 255, 255]);
}

#[test]
fn a_report_gets_a_photo_at_1600_pixels_and_a_drawing_as_it_is() {
    let kept = prepare("big.jpg", &halves_jpeg(4000, 3000)).unwrap();
    let small = for_report(&kept.bytes).unwrap();
    let shown = image::load_from_memory(&small).unwrap();
    assert_eq!((shown.width(), shown.height()), (1600, 1200));
    assert!(small.len() < kept.bytes.len());
    let drawing = prepare("d.png", DRAWING).unwrap();
    assert_eq!(for_report(&drawing.bytes).unwrap(), drawing.bytes);
    let little = prepare("s.jpg", &halves_jpeg(800, 600)).unwrap();
    assert_eq!(for_report(&little.bytes).unwrap(), little.bytes);
}

#[test]
fn a_panorama_too_wide_is_refused_naming_its_size() {
    // 40,000 × 10 pixels: few pixels, but a side longer than Sala decodes.
    let png = png_header(40_000, 10);
    let e = prepare("panorama.png", &png).unwrap_err();
    assert_eq!(e.code, ErrorCode::PictureTooManyPixels);
    assert_eq!(
        (e.params["width"].as_str(), e.params["height"].as_str()),
        ("40000", "10")
    );
}
