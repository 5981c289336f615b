//! The document as one self-contained HTML file: the Lao and Latin fonts embedded (WOFF2, as
//! data), the charts inline as SVG, a print stylesheet for A4. It opens in any browser without a
//! network, and prints as the report. Everything from the workshop is escaped: a note that holds
//! `<script>` shows those characters.

use std::fmt::Write as _;

use base64::Engine as _;

use crate::doc::{Block, Document, Table};

pub use crate::doc::escape as esc;

/// Line breaks in a text kept as `<br>`.
fn text(s: &str) -> String {
    esc(s).replace('\n', "<br>")
}

struct Face {
    family: &'static str,
    weight: u16,
    range: &'static str,
    data: &'static [u8],
}

/// The characters each embedded subset holds (as fontsource cut them).
const LAO_RANGE: &str = "U+0E81-0EDF, U+200C-200D, U+25CC";
const LATIN_RANGE: &str = "U+0000-00FF, U+0131, U+0152-0153, U+02BB-02BC, U+02C6, U+02DA, U+02DC, U+2000-206F, U+20AC, U+2122, U+2190-2193, U+2212, U+2215";

const FACES: [Face; 4] = [
    Face {
        family: "Noto Sans Lao",
        weight: 400,
        range: LAO_RANGE,
        data: include_bytes!("../fonts/noto-sans-lao-lao-400-normal.woff2"),
    },
    Face {
        family: "Noto Sans Lao",
        weight: 700,
        range: LAO_RANGE,
        data: include_bytes!("../fonts/noto-sans-lao-lao-700-normal.woff2"),
    },
    Face {
        family: "Noto Sans",
        weight: 400,
        range: LATIN_RANGE,
        data: include_bytes!("../fonts/noto-sans-latin-400-normal.woff2"),
    },
    Face {
        family: "Noto Sans",
        weight: 700,
        range: LATIN_RANGE,
        data: include_bytes!("../fonts/noto-sans-latin-700-normal.woff2"),
    },
];

const STYLE: &str = r#"
:root { --ink: #111827; --muted: #6b7280; --line: #d1d5db; --accent: #1f3a5f; }
body { font-family: "Noto Sans", "Noto Sans Lao", sans-serif; color: var(--ink); line-height: 1.6;
       max-width: 52rem; margin: 2rem auto; padding: 0 1.5rem; }
h1.title { color: var(--accent); font-size: 1.9rem; line-height: 1.4; margin-bottom: 0.5rem; }
.subtitle { color: #4b5563; margin: 0.1rem 0; }
h2, h3, h4, h5 { color: var(--accent); line-height: 1.4; break-after: avoid; }
h2 { font-size: 1.45rem; margin-top: 2.2rem; border-bottom: 2px solid var(--accent); padding-bottom: 0.2rem; }
h3 { font-size: 1.2rem; margin-top: 1.6rem; }
h4 { font-size: 1.02rem; margin-top: 1.2rem; }
h5 { font-size: 0.95rem; margin-top: 1rem; }
p.quiet { color: var(--muted); font-style: italic; }
nav.contents ol { list-style: none; padding-left: 1.2rem; }
nav.contents > ol { padding-left: 0; }
nav.contents a { color: inherit; text-decoration: none; }
table { border-collapse: collapse; width: 100%; margin: 0.6rem 0 1.2rem; font-size: 0.92rem; }
th, td { border: 1px solid var(--line); padding: 0.3rem 0.45rem; text-align: left; vertical-align: top;
         overflow-wrap: anywhere; }
th { background: #e5e7eb; }
table.swot td { width: 50%; }
table.swot .label { font-weight: 700; display: block; margin-bottom: 0.2rem; }
table.swot ul { margin: 0; padding-left: 1.1rem; }
figure { margin: 1rem 0; }
figure svg { max-width: 100%; height: auto; }
figure.picture img { display: block; max-width: 100%; max-height: 80vh; width: auto; height: auto; }
figure.picture figcaption { color: #1f3a5f; margin-top: 0.3rem; }
@page { size: A4; margin: 18mm 16mm; }
@media print {
  body { max-width: none; margin: 0; padding: 0; font-size: 10.5pt; }
  h2 { break-before: auto; }
  .page-break { break-after: page; }
  tr, figure, table.swot { break-inside: avoid; }
  thead { display: table-header-group; }
  a { color: inherit; text-decoration: none; }
}
"#;

fn fonts() -> String {
    let mut out = String::new();
    for f in &FACES {
        let _ = writeln!(
            out,
            r#"@font-face {{ font-family: "{}"; font-style: normal; font-weight: {}; font-display: block; src: url(data:font/woff2;base64,{}) format("woff2"); unicode-range: {}; }}"#,
            f.family,
            f.weight,
            base64::engine::general_purpose::STANDARD.encode(f.data),
            f.range
        );
    }
    out
}

fn table(out: &mut String, t: &Table) {
    out.push_str("<table><thead><tr>");
    for h in &t.header {
        let _ = write!(out, "<th>{}</th>", text(h));
    }
    out.push_str("</tr></thead><tbody>");
    for r in &t.rows {
        out.push_str("<tr>");
        for c in r {
            let _ = write!(out, "<td>{}</td>", text(c));
        }
        out.push_str("</tr>");
    }
    out.push_str("</tbody></table>\n");
}

pub fn render(doc: &Document) -> String {
    let mut out = String::new();
    let _ = write!(
        out,
        "<!DOCTYPE html>\n<html lang=\"{}\">\n<head>\n<meta charset=\"utf-8\">\n<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n<meta name=\"generator\" content=\"Sala\">\n<title>{}</title>\n<style>\n{}{STYLE}</style>\n</head>\n<body>\n<header>\n<h1 class=\"title\">{}</h1>\n",
        esc(&doc.lang_tag),
        esc(&doc.title),
        fonts(),
        text(&doc.title)
    );
    for line in &doc.subtitle {
        let _ = writeln!(out, "<p class=\"subtitle\">{}</p>", text(line));
    }
    out.push_str("</header>\n<main>\n");
    let mut section = 0;
    for b in &doc.blocks {
        match b {
            Block::Heading { level, text: t } => {
                section += 1;
                let _ = writeln!(
                    out,
                    "<h{0} id=\"s{section}\">{1}</h{0}>",
                    level + 1,
                    text(t)
                );
            }
            Block::Paragraph(p) => {
                let _ = writeln!(out, "<p>{}</p>", text(p));
            }
            Block::Note(p) => {
                let _ = writeln!(out, "<p class=\"quiet\">{}</p>", text(p));
            }
            Block::Bullets(items) => {
                out.push_str("<ul>");
                for i in items {
                    let _ = write!(out, "<li>{}</li>", text(i));
                }
                out.push_str("</ul>\n");
            }
            Block::Table(t) => table(&mut out, t),
            Block::Swot(g) => {
                let cell = |q: &crate::doc::Quadrant| {
                    let mut c = format!("<td><span class=\"label\">{}</span>", text(&q.label));
                    if q.items.is_empty() {
                        c.push('—');
                    } else {
                        c.push_str("<ul>");
                        for i in &q.items {
                            let _ = write!(c, "<li>{}</li>", text(i));
                        }
                        c.push_str("</ul>");
                    }
                    c.push_str("</td>");
                    c
                };
                let [s, w, o, t] = &g.quadrants;
                let _ = writeln!(
                    out,
                    "<table class=\"swot\"><tr>{}{}</tr><tr>{}{}</tr></table>",
                    cell(s),
                    cell(w),
                    cell(o),
                    cell(t)
                );
            }
            Block::Chart(c) => {
                // The SVG holds its title (shown, and as its accessible name).
                let _ = writeln!(out, "<figure>{}</figure>", c.svg());
            }
            Block::Picture(f) => {
                let data = base64::engine::general_purpose::STANDARD.encode(f.bytes.as_slice());
                let _ = writeln!(
                    out,
                    "<figure class=\"picture\"><img src=\"data:{};base64,{data}\" width=\"{}\" height=\"{}\" alt=\"{}\"><figcaption>{}</figcaption></figure>",
                    f.format.media_type(),
                    f.width,
                    f.height,
                    esc(&f.caption),
                    esc(&f.caption)
                );
            }
            Block::Contents => contents(&mut out, doc),
            Block::PageBreak => out.push_str("<div class=\"page-break\"></div>\n"),
        }
    }
    out.push_str("</main>\n</body>\n</html>\n");
    out
}

/// The contents: links to the parts and their sections (levels 1–2).
fn contents(out: &mut String, doc: &Document) {
    let _ = write!(
        out,
        "<nav class=\"contents\"><h2>{}</h2><ol>",
        text(&doc.contents_label)
    );
    let mut section = 0;
    let mut open = false;
    for b in &doc.blocks {
        if let Block::Heading { level, text: t } = b {
            section += 1;
            match level {
                1 => {
                    if open {
                        out.push_str("</ol></li>");
                    }
                    let _ = write!(out, "<li><a href=\"#s{section}\">{}</a><ol>", text(t));
                    open = true;
                }
                2 => {
                    let _ = write!(out, "<li><a href=\"#s{section}\">{}</a></li>", text(t));
                }
                _ => {}
            }
        }
    }
    if open {
        out.push_str("</ol></li>");
    }
    out.push_str("</ol></nav>\n");
}
