//! Measured harness for docs/benchmarks.md, "Pictures" (issue 21): the path a note-taker's
//! photo takes, through the real store on a real file and a real shared folder.
//!
//! ```text
//! cargo run --release -p sala-cli --example picture_load
//! ```
//!
//! 1. A 12-megapixel phone photo (4000 × 3000, taken sideways: EXIF orientation 6, with GPS;
//!    the scene drawn with fine detail and sensor noise, JPEG quality 92 as phones save) is
//!    attached five times over as the app does it: the file's bytes prepared
//!    (`sala_store::pictures::prepare_file`, from base64 as the page sends them) and saved
//!    (`Store::add_picture`) — the time of each, median and slowest, and the peak memory.
//! 2. What one picture costs the shared folder: a sync pass writes it (plain, then encrypted
//!    with a workshop key), and the file's bytes are read back from the folder.
//! 3. A summary report with 50 pictures (ten per group question, each its own photo), as the
//!    CLI and the app make it: read through `Store::report_pictures`, produced as DOCX and HTML
//!    — the time and the file's size.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::print_stdout)]

use std::time::{Duration, Instant};

use base64::Engine as _;
use image::codecs::jpeg::JpegEncoder;
use image::{ImageEncoder, Rgb, RgbImage};
use sala_core::api::{PictureFile, PictureTarget, ReportKind, ReportParts, ReportRequest};
use sala_store::{MachineIdentity, Store};

#[path = "../../sala-store/examples/common/memory.rs"]
mod memory;
use memory::status_kb;

/// A photo of `w` × `h`: a flipchart's lines on paper, a gradient of light, sensor noise.
fn photo(w: u32, h: u32, seed: u32, quality: u8) -> Vec<u8> {
    let mut state = seed.wrapping_mul(2_654_435_761).wrapping_add(1);
    let picture = RgbImage::from_fn(w, h, |x, y| {
        state = state.wrapping_mul(1_103_515_245).wrapping_add(12_345);
        let noise = (state >> 24) as i32 % 9 - 4;
        let light = 200 + (x * 40 / w) as i32 - (y * 30 / h) as i32;
        let line = (x + y / 7 + seed * 13) % 97 < 4 || (y + seed) % 151 < 3;
        let (r, g, b) = if line {
            (30, 40, 150)
        } else {
            (light, light - 4, light - 12)
        };
        let c = |v: i32| (v + noise).clamp(0, 255) as u8;
        Rgb([c(r), c(g), c(b)])
    });
    let mut out = Vec::new();
    JpegEncoder::new_with_quality(&mut out, quality)
        .write_image(picture.as_raw(), w, h, image::ExtendedColorType::Rgb8)
        .unwrap();
    out
}

/// `jpeg` with a phone's EXIF block (orientation 6, a GPS latitude) after its start marker.
fn with_phone_exif(jpeg: &[u8]) -> Vec<u8> {
    let mut tiff = b"II\x2a\x00\x08\x00\x00\x00".to_vec();
    tiff.extend_from_slice(&2u16.to_le_bytes());
    tiff.extend_from_slice(&[0x12, 0x01, 3, 0, 1, 0, 0, 0, 6, 0, 0, 0]);
    tiff.extend_from_slice(&[0x25, 0x88, 4, 0, 1, 0, 0, 0, 38, 0, 0, 0]);
    tiff.extend_from_slice(&0u32.to_le_bytes());
    tiff.extend_from_slice(&1u16.to_le_bytes());
    tiff.extend_from_slice(&[0x01, 0x00, 2, 0, 2, 0, 0, 0, b'N', 0, 0, 0]);
    tiff.extend_from_slice(&0u32.to_le_bytes());
    let mut out = jpeg[..2].to_vec();
    out.extend_from_slice(&[0xFF, 0xE1]);
    out.extend_from_slice(&((2 + 6 + tiff.len()) as u16).to_be_bytes());
    out.extend_from_slice(b"Exif\0\0");
    out.extend_from_slice(&tiff);
    out.extend_from_slice(&jpeg[2..]);
    out
}

fn ms(d: Duration) -> f64 {
    d.as_secs_f64() * 1_000.0
}

fn main() {
    let home = tempfile::tempdir().unwrap();
    let mut store = Store::open_in(home.path(), &MachineIdentity("bench".into())).unwrap();
    store.ensure_demo().unwrap();
    let groups = store.overview().unwrap().groups;
    let question = store.question_by_number(1).unwrap().id;
    let target = |g: usize| PictureTarget {
        group_id: groups[g % groups.len()].id.clone(),
        question_id: Some(question.clone()),
        ..PictureTarget::default()
    };

    // 1. A 12-megapixel photo, attached as the app does it.
    let made = Instant::now();
    let originals: Vec<Vec<u8>> = (0..5)
        .map(|i| with_phone_exif(&photo(4000, 3000, i, 92)))
        .collect();
    println!(
        "12 MP photos made in {:.1} s: {:.1} MB each (JPEG quality 92)",
        made.elapsed().as_secs_f64(),
        originals[0].len() as f64 / 1_048_576.0
    );
    let before = status_kb("VmHWM:");
    let mut times = Vec::new();
    let mut kept = Vec::new();
    for (i, original) in originals.iter().enumerate() {
        let file = PictureFile {
            name: format!("IMG_{i:04}.JPG"),
            base64: base64::engine::general_purpose::STANDARD.encode(original),
        };
        let t = Instant::now();
        let prepared = sala_store::pictures::prepare_file(&file).unwrap();
        let prep = t.elapsed();
        let picture = store
            .add_picture(&target(i), "flipchart", &prepared)
            .unwrap();
        times.push((t.elapsed(), prep));
        kept.push(picture);
    }
    let mut total: Vec<Duration> = times.iter().map(|t| t.0).collect();
    total.sort();
    let mut prep: Vec<Duration> = times.iter().map(|t| t.1).collect();
    prep.sort();
    println!(
        "import of a 12 MP photo: median {:.0} ms (prepare {:.0} ms, save {:.1} ms), slowest {:.0} ms; \
         kept {} × {}, {:.0} KB (from {:.1} MB); peak memory {} MB (was {} MB)",
        ms(total[2]),
        ms(prep[2]),
        ms(total[2]) - ms(prep[2]),
        ms(total[4]),
        kept[0].width,
        kept[0].height,
        kept[0].bytes as f64 / 1024.0,
        originals[0].len() as f64 / 1_048_576.0,
        status_kb("VmHWM:") / 1024,
        before / 1024,
    );

    // 2. Folder bytes per picture, plain and encrypted.
    let shared = tempfile::tempdir().unwrap();
    let t = Instant::now();
    let report = sala_sync::sync_pass(&mut store, shared.path(), 0).unwrap();
    let pass = t.elapsed();
    let folder_bytes = |root: &std::path::Path| -> Vec<u64> {
        let mut sizes = Vec::new();
        for w in std::fs::read_dir(root.join("sala-sync")).unwrap().flatten() {
            for d in std::fs::read_dir(w.path()).unwrap().flatten() {
                if let Ok(files) =
                    std::fs::read_dir(d.path().join(sala_sync::pictures::PICTURES_DIR))
                {
                    sizes.extend(files.flatten().map(|f| f.metadata().unwrap().len()));
                }
            }
        }
        sizes
    };
    let plain = folder_bytes(shared.path());
    println!(
        "shared folder: {} pictures written in {:.0} ms (the pass, with the workshop's ops); {:.0} KB per picture \
         (stored {:.0} KB: the folder holds the stored picture, no more)",
        report.pictures_sent,
        ms(pass),
        plain.iter().sum::<u64>() as f64 / plain.len() as f64 / 1024.0,
        kept.iter().map(|p| p.bytes).sum::<u64>() as f64 / kept.len() as f64 / 1024.0,
    );
    let workshop = store.current_workshop().unwrap();
    let keyed = tempfile::tempdir().unwrap();
    sala_sync::key::set_key(
        &mut store,
        &workshop.id,
        &sala_sync::key::KeySource::Passphrase("ຮູບພາບ benchmark 2026".into()),
    )
    .unwrap();
    sala_sync::sync_pass(&mut store, keyed.path(), 0).unwrap();
    let encrypted = folder_bytes(keyed.path());
    println!(
        "encrypted: {:.0} KB per picture ({} files)",
        encrypted.iter().sum::<u64>() as f64 / encrypted.len() as f64 / 1024.0,
        encrypted.len()
    );

    // 3. A summary report with 50 pictures.
    for i in 5..50u32 {
        // Phone photos of 4 MP, as most workshop phones take them: each its own.
        let prepared = sala_picture::prepare("p.jpg", &photo(2304, 1728, i, 90)).unwrap();
        store
            .add_picture(&target(i as usize), &format!("flipchart {i}"), &prepared)
            .unwrap();
    }
    for (format, name) in [("docx", "report.docx"), ("html", "report.html")] {
        let out = home.path().join(name);
        let t = Instant::now();
        let sala_store::pictures::ReportReading {
            dump,
            tables,
            pictures,
        } = store.report_reading(true).unwrap();
        let request = ReportRequest {
            kind: ReportKind::Summary,
            format: format.into(),
            lang: "both".into(),
            parts: ReportParts::default(),
            path: out.display().to_string(),
            form: None,
            anonymised: Some(false),
            pictures_checked: None,
        };
        let bytes = sala_report::produce_request(&dump, &tables, &pictures, &request).unwrap();
        std::fs::write(&out, &bytes).unwrap();
        let stored: u64 = pictures.values().map(|p| p.len() as u64).sum();
        println!(
            "summary report ({format}) with {} pictures: {:.1} MB in {:.0} ms (the pictures in it: {:.1} MB)",
            pictures.len(),
            bytes.len() as f64 / 1_048_576.0,
            ms(t.elapsed()),
            stored as f64 / 1_048_576.0
        );
    }
}
