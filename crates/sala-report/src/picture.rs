//! A chart as a PNG picture, for formats that cannot hold SVG everywhere (DOCX: Word needs a
//! bitmap beside any SVG, LibreOffice shows the bitmap). Drawn by resvg with the fonts bundled
//! here — Noto Sans Lao shaped by HarfRust — never the system's, so the picture is the same on
//! every laptop and Lao is never drawn as boxes.

use std::sync::{Arc, OnceLock};

use resvg::{tiny_skia, usvg};

use crate::chart::Chart;

/// Pixels per SVG unit: 2 for a sharp picture at the chart's printed size.
const SCALE: f32 = 2.0;

fn fonts() -> Arc<usvg::fontdb::Database> {
    static DB: OnceLock<Arc<usvg::fontdb::Database>> = OnceLock::new();
    DB.get_or_init(|| {
        let mut db = usvg::fontdb::Database::new();
        for data in [
            &include_bytes!("../fonts/NotoSansLao-Regular.ttf")[..],
            &include_bytes!("../fonts/NotoSansLao-Bold.ttf")[..],
            &include_bytes!("../fonts/NotoSans-Regular.ttf")[..],
        ] {
            db.load_font_data(data.to_vec());
        }
        db.set_sans_serif_family("Noto Sans");
        Arc::new(db)
    })
    .clone()
}

/// PNG bytes and the picture's size in SVG units (CSS px at 96 dpi).
pub type Picture = (Vec<u8>, (u32, u32));

/// The chart as a PNG picture; `None` if it cannot be drawn (the caller then shows the chart's
/// numbers instead).
pub fn png(chart: &Chart) -> Option<Picture> {
    let options = usvg::Options {
        fontdb: fonts(),
        ..usvg::Options::default()
    };
    let tree = usvg::Tree::from_str(&chart.svg(), &options).ok()?;
    let size = tree.size().to_int_size();
    let mut pixmap = tiny_skia::Pixmap::new(
        (size.width() as f32 * SCALE).ceil() as u32,
        (size.height() as f32 * SCALE).ceil() as u32,
    )?;
    resvg::render(
        &tree,
        tiny_skia::Transform::from_scale(SCALE, SCALE),
        &mut pixmap.as_mut(),
    );
    Some((pixmap.encode_png().ok()?, (size.width(), size.height())))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::chart::BarRow;

    #[test]
    fn a_chart_with_lao_labels_becomes_a_picture_with_ink_where_the_labels_are() {
        let chart = Chart::Bars {
            title: "ການກວມເອົາເສົາຫຼັກ".into(),
            series: ["ບັນທຶກ".into(), "ບັດ SWOT".into()],
            rows: vec![BarRow {
                label: "ນະໂຍບາຍ".into(),
                values: [3, 2],
            }],
        };
        let (png, (w, h)) = png(&chart).expect("drawn");
        assert!(png.starts_with(b"\x89PNG"));
        assert_eq!((w, h), chart.size());
        // The label column of the first row holds dark pixels: the Lao text was drawn, with a
        // bundled font (no system font is loaded).
        let pixmap = tiny_skia::Pixmap::decode_png(&png).unwrap();
        let row_y = (44.0 * SCALE) as u32..(66.0 * SCALE) as u32;
        let dark = row_y
            .flat_map(|y| (0..(200.0 * SCALE) as u32).map(move |x| (x, y)))
            .filter(|&(x, y)| {
                pixmap
                    .pixel(x, y)
                    .is_some_and(|p| p.red() < 100 && p.green() < 100)
            })
            .count();
        assert!(dark > 50, "the Lao label left {dark} dark pixels");
    }
}
