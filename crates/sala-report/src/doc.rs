//! A report as a format-neutral document: what it says, not how a format lays it out. Each
//! writer ([`crate::markdown`], [`crate::docx`]) turns the same document into its format, so the
//! formats cannot drift apart.

use crate::chart::Chart;

#[derive(Debug, Clone, PartialEq)]
pub struct Document {
    pub title: String,
    /// Lines under the title (dates, venue, organisers).
    pub subtitle: Vec<String>,
    pub blocks: Vec<Block>,
    /// The heading of the table of contents (formats that have one).
    pub contents_label: String,
    /// "Page" in the footer (formats with pages).
    pub page_label: String,
    /// The BCP 47 tag of the document's main language (`lo`, `en`).
    pub lang_tag: String,
}

#[derive(Debug, Clone, PartialEq)]
pub enum Block {
    /// Level 1 (a part of the report) to 4.
    Heading {
        level: u8,
        text: String,
    },
    Paragraph(String),
    /// A paragraph in small, muted type (an empty section, a source).
    Note(String),
    Bullets(Vec<String>),
    Table(Table),
    Swot(SwotGrid),
    Chart(Chart),
    /// A picture kept with a group's work, with its caption.
    Picture(Figure),
    /// The table of contents (DOCX builds it from the headings).
    Contents,
    PageBreak,
}

/// A picture in a report: the stored picture (as synced: upright, without metadata) and its
/// caption.
#[derive(Debug, Clone, PartialEq)]
pub struct Figure {
    /// SHA-256 of `bytes`: the same picture twice is embedded once.
    pub content: String,
    pub format: sala_core::model::PictureFormat,
    pub width: u32,
    pub height: u32,
    /// What it shows, and which table took it.
    pub caption: String,
    pub bytes: std::sync::Arc<Vec<u8>>,
}

impl Figure {
    /// Its size in a document: as large as fits in `max_w` × `max_h`, in proportion.
    pub fn fitted(&self, max_w: u64, max_h: u64) -> (u64, u64) {
        let (w, h) = (u64::from(self.width.max(1)), u64::from(self.height.max(1)));
        // The larger of the two ratios decides.
        if w * max_h >= h * max_w {
            (max_w, (max_w * h / w).max(1))
        } else {
            ((max_h * w / h).max(1), max_h)
        }
    }
}

#[derive(Debug, Clone, PartialEq)]
pub struct Table {
    pub header: Vec<String>,
    pub rows: Vec<Vec<String>>,
}

/// A SWOT board as its 2×2 grid: strengths, weaknesses (top), opportunities, threats (bottom).
#[derive(Debug, Clone, PartialEq)]
pub struct SwotGrid {
    pub quadrants: [Quadrant; 4],
}

#[derive(Debug, Clone, PartialEq)]
pub struct Quadrant {
    pub label: String,
    /// Items, most votes first; a cluster is one item with its variants.
    pub items: Vec<String>,
}

/// Text as XML/HTML character data or attribute value: `& < > " '` escaped, and the characters
/// XML 1.0 cannot hold (control characters, U+FFFE, U+FFFF — a paste can bring them) dropped.
pub fn escape(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            '\t' | '\n' | '\r' => out.push(c),
            // Control characters (C0, DEL, C1) and the direction overrides that could make a
            // note read otherwise than it is written.
            c if sala_core::text::is_unprintable(c) || c == '\u{FFFE}' || c == '\u{FFFF}' => {}
            c => out.push(c),
        }
    }
    out
}
