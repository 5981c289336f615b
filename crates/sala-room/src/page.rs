//! The page the phones load: plain HTML, one script and one style sheet, small and without any
//! framework, so that it loads quickly over a crowded venue Wi-Fi on an old phone. Every word it
//! shows comes from the locale files (`room.phone.*`, fetched in the phone's language).

pub const HTML: &str = include_str!("../page/index.html");
pub const JS: &str = include_str!("../page/app.js");
pub const CSS: &str = include_str!("../page/app.css");

/// Lao in Noto Sans Lao (fontsource's Lao subset, 9 KB a weight; the same files the reports
/// embed): some phones have no Lao font at all, and show boxes without it.
pub const LAO_400: &[u8] =
    include_bytes!("../../sala-report/fonts/noto-sans-lao-lao-400-normal.woff2");
pub const LAO_700: &[u8] =
    include_bytes!("../../sala-report/fonts/noto-sans-lao-lao-700-normal.woff2");
