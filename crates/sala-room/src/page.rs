//! The page the phones load: plain HTML, one script and one style sheet, small and without any
//! framework, so that it loads quickly over a crowded venue Wi-Fi on an old phone. Every word it
//! shows comes from the locale files (`room.phone.*`, fetched in the phone's language).

pub const HTML: &str = include_str!("../page/index.html");
pub const JS: &str = include_str!("../page/app.js");
pub const CSS: &str = include_str!("../page/app.css");
