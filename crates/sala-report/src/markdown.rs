//! The document as Markdown (CommonMark with GitHub tables): for pasting into a wiki or an
//! e-mail, and the form the report's snapshot tests read. A chart becomes a table of its
//! numbers; the SWOT grid a 2×2 table.

use std::fmt::Write as _;

use crate::chart::Chart;
use crate::doc::{Block, Document, Table};

/// Escapes what Markdown would read as markup in running text.
fn text(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        // ESC, BEL and the other controls would act on a terminal that shows the file; the
        // direction overrides would make a note read otherwise than it is written.
        if c != '\n' && sala_core::text::is_unprintable(c) {
            continue;
        }
        if matches!(
            c,
            '\\' | '*' | '_' | '`' | '[' | ']' | '<' | '>' | '#' | '|' | '&'
        ) {
            out.push('\\');
        }
        if c == '\n' {
            out.push_str("<br>");
            continue;
        }
        out.push(c);
    }
    out
}

fn table(out: &mut String, t: &Table) {
    let row = |cells: &[String]| {
        let cells: Vec<String> = cells.iter().map(|c| text(c)).collect();
        format!("| {} |\n", cells.join(" | "))
    };
    out.push_str(&row(&t.header));
    let _ = writeln!(out, "|{}", "---|".repeat(t.header.len()));
    for r in &t.rows {
        out.push_str(&row(r));
    }
    out.push('\n');
}

pub fn render(doc: &Document) -> String {
    let mut out = String::new();
    let _ = writeln!(out, "# {}\n", text(&doc.title));
    for line in &doc.subtitle {
        let _ = writeln!(out, "{}  ", text(line));
    }
    out.push('\n');
    for b in &doc.blocks {
        match b {
            // The document's title is level 1 here: its parts go one level down.
            Block::Heading { level, text: t } => {
                let _ = writeln!(out, "{} {}\n", "#".repeat(usize::from(*level) + 1), text(t));
            }
            Block::Paragraph(p) => {
                let _ = writeln!(out, "{}\n", text(p));
            }
            Block::Note(p) => {
                let _ = writeln!(out, "*{}*\n", text(p));
            }
            Block::Bullets(items) => {
                for i in items {
                    let _ = writeln!(out, "- {}", text(i));
                }
                out.push('\n');
            }
            Block::Table(t) => table(&mut out, t),
            Block::Swot(g) => {
                let cell = |q: &crate::doc::Quadrant| {
                    if q.items.is_empty() {
                        "—".to_owned()
                    } else {
                        q.items
                            .iter()
                            .map(|i| format!("• {}", text(i)))
                            .collect::<Vec<_>>()
                            .join("<br>")
                    }
                };
                let [s, w, o, t] = &g.quadrants;
                let _ = writeln!(
                    out,
                    "| {} | {} |\n|---|---|",
                    text(&s.label),
                    text(&w.label)
                );
                let _ = writeln!(out, "| {} | {} |", cell(s), cell(w));
                let _ = writeln!(out, "| **{}** | **{}** |", text(&o.label), text(&t.label));
                let _ = writeln!(out, "| {} | {} |\n", cell(o), cell(t));
            }
            Block::Chart(c) => chart(&mut out, c),
            // A Markdown file holds no picture: its caption says one is there.
            Block::Picture(f) => {
                let _ = writeln!(out, "*{}*\n", text(&f.caption));
            }
            Block::Contents | Block::PageBreak => {}
        }
    }
    out
}

fn chart(out: &mut String, c: &Chart) {
    table(out, &c.as_table());
}
