//! The document as DOCX (Office Open XML), written directly: real heading styles (so Word's and
//! LibreOffice's navigation and table of contents work), a table of contents field filled with
//! the headings (Word refreshes it with page numbers on opening), page numbers in the footer,
//! tables with a repeated header row, bullets as a real list, charts as pictures, A4 pages, and
//! the fonts declared so that Lao — a complex script to Word — is set in Noto Sans Lao and
//! English in Noto Sans.

use std::fmt::Write as _;
use std::io::Write as _;

use sala_core::{ErrorCode, SalaError};

use crate::chart::Chart;
use crate::doc::{Block, Document, Figure, Table};

const LATIN_FONT: &str = "Noto Sans";
const LAO_FONT: &str = "Noto Sans Lao";

use crate::doc::escape as esc;

/// Runs for `text`: line breaks kept, `bold` if asked.
fn runs(text: &str, bold: bool) -> String {
    let props = if bold {
        "<w:rPr><w:b/><w:bCs/></w:rPr>"
    } else {
        ""
    };
    let mut out = String::new();
    for (i, line) in text.split('\n').enumerate() {
        if i > 0 {
            let _ = write!(out, "<w:r>{props}<w:br/></w:r>");
        }
        let _ = write!(
            out,
            r#"<w:r>{props}<w:t xml:space="preserve">{}</w:t></w:r>"#,
            esc(line)
        );
    }
    out
}

fn para(style: Option<&str>, body: &str) -> String {
    match style {
        Some(s) => format!(r#"<w:p><w:pPr><w:pStyle w:val="{s}"/></w:pPr>{body}</w:p>"#),
        None => format!("<w:p>{body}</w:p>"),
    }
}

fn bullet(text: &str) -> String {
    format!(
        r#"<w:p><w:pPr><w:pStyle w:val="ListBullet"/><w:numPr><w:ilvl w:val="0"/><w:numId w:val="1"/></w:numPr></w:pPr>{}</w:p>"#,
        runs(text, false)
    )
}

fn cell(content: &str, width_pct: u32, header: bool) -> String {
    let shade = if header {
        r#"<w:shd w:val="clear" w:color="auto" w:fill="E5E7EB"/>"#
    } else {
        ""
    };
    format!(
        r#"<w:tc><w:tcPr><w:tcW w:w="{}" w:type="pct"/>{shade}</w:tcPr>{content}</w:tc>"#,
        width_pct * 50
    )
}

/// Each column's share of the width (percent), by how much it holds: a column of notes gets
/// the room, a column of "A" or "Q1" little (never less than its longest word needs).
fn column_widths(t: &Table) -> Vec<u32> {
    let n = t.header.len().max(1);
    let weight = |i: usize| {
        let lengths = std::iter::once(t.header.get(i))
            .chain(t.rows.iter().map(|r| r.get(i)))
            .map(|c| c.map_or(0, |c| c.chars().count().min(80)));
        let (sum, count) = lengths.fold((0usize, 0usize), |(s, k), l| (s + l, k + 1));
        (sum / count.max(1)).max(4) as u32
    };
    // Never narrower than its longest word (a bold character is about 1.7% of the width at
    // 10 pt, and the cell has margins): "Question" is not broken into "Quest/ion". Lao has no
    // spaces and wraps between syllables: its runs set no floor.
    let floor = |i: usize| {
        let longest = std::iter::once(t.header.get(i))
            .chain(t.rows.iter().map(|r| r.get(i)))
            .flatten()
            .flat_map(|c| c.split_whitespace())
            .filter(|w| !w.chars().any(|c| ('\u{0E80}'..='\u{0EFF}').contains(&c)))
            .map(|w| w.chars().count())
            .max()
            .unwrap_or(0);
        ((longest as u32 * 17).div_ceil(10) + 2).clamp(8, 30)
    };
    let floors: Vec<u32> = (0..n).map(floor).collect();
    let weights: Vec<u32> = (0..n).map(weight).collect();
    let total: u32 = weights.iter().sum::<u32>().max(1);
    let mut pct: Vec<u32> = weights
        .iter()
        .zip(&floors)
        .map(|(w, f)| (w * 100 / total).max(*f))
        .collect();
    // Back to 100: what is over is taken from the room columns have above their floor, in
    // proportion to it (or from every column alike, when the floors alone are over).
    let sum: u32 = pct.iter().sum();
    let spare: u32 = pct.iter().zip(&floors).map(|(p, f)| p - f).sum();
    if sum > 100 && spare >= sum - 100 {
        let over = sum - 100;
        let cuts: Vec<u32> = pct
            .iter()
            .zip(&floors)
            .map(|(p, f)| (p - f) * over / spare.max(1))
            .collect();
        for (p, c) in pct.iter_mut().zip(cuts) {
            *p -= c;
        }
    } else if sum > 100 {
        pct = pct.iter().map(|p| p * 100 / sum).collect();
    }
    // Rounding: the widest column takes what is left.
    let sum: u32 = pct.iter().sum();
    if let Some(widest) = (0..n).max_by_key(|&i| pct[i]) {
        pct[widest] = (pct[widest] + 100).saturating_sub(sum);
    }
    pct
}

fn table(t: &Table) -> String {
    let n = t.header.len().max(1) as u32;
    let widths = column_widths(t);
    let width = |i: usize| widths.get(i).copied().unwrap_or(100 / n);
    let mut out = String::from(
        r#"<w:tbl><w:tblPr><w:tblStyle w:val="SalaTable"/><w:tblW w:w="5000" w:type="pct"/><w:tblLook w:val="04A0" w:firstRow="1" w:lastRow="0" w:firstColumn="0" w:lastColumn="0" w:noHBand="0" w:noVBand="1"/></w:tblPr><w:tblGrid>"#,
    );
    for i in 0..n as usize {
        let _ = write!(out, r#"<w:gridCol w:w="{}"/>"#, 9638 * width(i) / 100);
    }
    out.push_str("</w:tblGrid>");
    // The header row repeats on every page the table runs over.
    out.push_str(r#"<w:tr><w:trPr><w:tblHeader/><w:cantSplit/></w:trPr>"#);
    for (i, h) in t.header.iter().enumerate() {
        out.push_str(&cell(
            &para(Some("TableText"), &runs(h, true)),
            width(i),
            true,
        ));
    }
    out.push_str("</w:tr>");
    for r in &t.rows {
        out.push_str("<w:tr><w:trPr><w:cantSplit/></w:trPr>");
        for (i, c) in r.iter().enumerate() {
            out.push_str(&cell(
                &para(Some("TableText"), &runs(c, false)),
                width(i),
                false,
            ));
        }
        out.push_str("</w:tr>");
    }
    out.push_str("</w:tbl>");
    out.push_str(&para(None, ""));
    out
}

fn swot(g: &crate::doc::SwotGrid) -> String {
    let quadrant = |q: &crate::doc::Quadrant| {
        let mut c = para(Some("TableText"), &runs(&q.label, true));
        if q.items.is_empty() {
            c.push_str(&para(Some("TableText"), &runs("—", false)));
        }
        for i in &q.items {
            c.push_str(&bullet(i));
        }
        cell(&c, 50, false)
    };
    let [s, w, o, t] = &g.quadrants;
    let mut out = String::from(
        r#"<w:tbl><w:tblPr><w:tblStyle w:val="SalaTable"/><w:tblW w:w="5000" w:type="pct"/></w:tblPr><w:tblGrid><w:gridCol w:w="4819"/><w:gridCol w:w="4819"/></w:tblGrid>"#,
    );
    for (row, (a, b)) in [(s, w), (o, t)].into_iter().enumerate() {
        let mut cells = format!("{}{}", quadrant(a), quadrant(b));
        // The grid is one picture of the board: its top row keeps with its bottom row (Word and
        // LibreOffice keep a table together through "keep with next" on its paragraphs).
        if row == 0 {
            for style in ["TableText", "ListBullet"] {
                let tag = format!(r#"<w:pStyle w:val="{style}"/>"#);
                cells = cells.replace(&tag, &format!("{tag}<w:keepNext/>"));
            }
        }
        let _ = write!(out, "<w:tr><w:trPr><w:cantSplit/></w:trPr>{cells}</w:tr>");
    }
    out.push_str("</w:tbl>");
    out.push_str(&para(None, ""));
    out
}

/// EMUs (the unit of DrawingML sizes) per CSS pixel at 96 dpi.
const EMU_PER_PX: u64 = 9525;

/// A chart: its picture (`rIdChart{n}`, drawn by [`crate::picture`]) with its title as the
/// picture's description; its title and numbers as a table when it cannot be drawn.
fn chart(c: &Chart, n: usize, size: Option<(u32, u32)>) -> String {
    let Some((w, h)) = size else {
        let mut out = para(Some("Caption"), &runs(c.title(), true));
        out.push_str(&table(&c.as_table()));
        return out;
    };
    let (cx, cy) = (u64::from(w) * EMU_PER_PX, u64::from(h) * EMU_PER_PX);
    let id = n + 1;
    let title = esc(c.title());
    let mut out = format!(
        r#"<w:p><w:pPr><w:keepNext/></w:pPr><w:r><w:drawing><wp:inline distT="0" distB="0" distL="0" distR="0"><wp:extent cx="{cx}" cy="{cy}"/><wp:docPr id="{id}" name="Chart {id}" descr="{title}"/><wp:cNvGraphicFramePr><a:graphicFrameLocks noChangeAspect="1"/></wp:cNvGraphicFramePr><a:graphic><a:graphicData uri="http://schemas.openxmlformats.org/drawingml/2006/picture"><pic:pic><pic:nvPicPr><pic:cNvPr id="{id}" name="chart{id}.png" descr="{title}"/><pic:cNvPicPr/></pic:nvPicPr><pic:blipFill><a:blip r:embed="rIdChart{n}"/><a:stretch><a:fillRect/></a:stretch></pic:blipFill><pic:spPr><a:xfrm><a:off x="0" y="0"/><a:ext cx="{cx}" cy="{cy}"/></a:xfrm><a:prstGeom prst="rect"><a:avLst/></a:prstGeom></pic:spPr></pic:pic></a:graphicData></a:graphic></wp:inline></w:drawing></w:r></w:p>"#
    );
    // The picture holds its title; a blank line sets it off from what follows.
    out.push_str(&para(None, ""));
    out
}

/// The widest and tallest a picture is shown, in EMUs (15.5 cm × 11 cm: two to a page).
const PICTURE_MAX_W: u64 = 5_580_000;
const PICTURE_MAX_H: u64 = 3_960_000;

/// A picture (`rIdPicture{k}`, `k` its place among the document's distinct pictures) and its
/// caption under it, kept together.
fn picture(f: &Figure, k: usize, id: usize) -> String {
    let (cx, cy) = f.fitted(PICTURE_MAX_W, PICTURE_MAX_H);
    let caption = esc(&f.caption);
    let ext = f.format.extension();
    let mut out = format!(
        r#"<w:p><w:pPr><w:keepNext/><w:spacing w:before="120" w:after="60"/></w:pPr><w:r><w:drawing><wp:inline distT="0" distB="0" distL="0" distR="0"><wp:extent cx="{cx}" cy="{cy}"/><wp:docPr id="{id}" name="Picture {id}" descr="{caption}"/><wp:cNvGraphicFramePr><a:graphicFrameLocks noChangeAspect="1"/></wp:cNvGraphicFramePr><a:graphic><a:graphicData uri="http://schemas.openxmlformats.org/drawingml/2006/picture"><pic:pic><pic:nvPicPr><pic:cNvPr id="{id}" name="picture{k}.{ext}" descr="{caption}"/><pic:cNvPicPr/></pic:nvPicPr><pic:blipFill><a:blip r:embed="rIdPicture{k}"/><a:stretch><a:fillRect/></a:stretch></pic:blipFill><pic:spPr><a:xfrm><a:off x="0" y="0"/><a:ext cx="{cx}" cy="{cy}"/></a:xfrm><a:prstGeom prst="rect"><a:avLst/></a:prstGeom></pic:spPr></pic:pic></a:graphicData></a:graphic></wp:inline></w:drawing></w:r></w:p>"#
    );
    out.push_str(&para(Some("Caption"), &runs(&f.caption, false)));
    out
}

/// The document's distinct pictures, in the order they first appear (each embedded once).
fn distinct_pictures(doc: &Document) -> Vec<&Figure> {
    let mut seen = std::collections::BTreeSet::new();
    doc.blocks
        .iter()
        .filter_map(|b| match b {
            Block::Picture(f) if seen.insert(f.content.as_str()) => Some(f),
            _ => None,
        })
        .collect()
}

/// The bookmark of the `k`-th heading the contents list (levels 1–2).
fn toc_mark(k: usize) -> String {
    format!("_Toc{:08}", k + 1)
}

/// The table of contents: every heading of levels 1–2 (parts and groups) with its page, a
/// PAGEREF to the heading's bookmark, as a link to it. Not a TOC field: LibreOffice keeps a TOC
/// field's text as it was written (without pages) until someone updates it, while it lays out
/// a PAGEREF's page as it opens the file; Word updates both when it opens it (`updateFields`).
fn contents(doc: &Document) -> String {
    let mut out = para(Some("TOCHeading"), &runs(&doc.contents_label, false));
    let headings = doc
        .blocks
        .iter()
        .filter_map(|b| match b {
            Block::Heading { level, text } if *level <= 2 => Some((level, text)),
            _ => None,
        })
        .enumerate();
    for (k, (level, text)) in headings {
        let mark = toc_mark(k);
        let _ = write!(
            out,
            r#"<w:p><w:pPr><w:pStyle w:val="TOC{level}"/></w:pPr><w:hyperlink w:anchor="{mark}" w:history="1">{}<w:r><w:tab/></w:r><w:r><w:fldChar w:fldCharType="begin" w:dirty="true"/></w:r><w:r><w:instrText xml:space="preserve"> PAGEREF {mark} \h </w:instrText></w:r><w:r><w:fldChar w:fldCharType="separate"/></w:r><w:r><w:t></w:t></w:r><w:r><w:fldChar w:fldCharType="end"/></w:r></w:hyperlink></w:p>"#,
            runs(text, false)
        );
    }
    out
}

/// The body; `pictures[n]` is the size of the n-th chart's picture (`None`: not drawn).
fn body(doc: &Document, pictures: &[Option<(u32, u32)>]) -> String {
    let mut out = String::new();
    let mut charts = 0;
    let figures: Vec<&str> = distinct_pictures(doc)
        .iter()
        .map(|f| f.content.as_str())
        .collect();
    // Drawing ids after the charts' (which take 1..=charts).
    let mut drawings = 10_000;
    let mut marks = 0;
    out.push_str(&para(Some("Title"), &runs(&doc.title, false)));
    for line in &doc.subtitle {
        out.push_str(&para(Some("Subtitle"), &runs(line, false)));
    }
    for b in &doc.blocks {
        match b {
            Block::Heading { level, text } if *level <= 2 => {
                // Bookmarked, for the contents' page numbers.
                let mark = toc_mark(marks);
                let _ = write!(
                    out,
                    r#"<w:p><w:pPr><w:pStyle w:val="Heading{level}"/></w:pPr><w:bookmarkStart w:id="{marks}" w:name="{mark}"/>{}<w:bookmarkEnd w:id="{marks}"/></w:p>"#,
                    runs(text, false)
                );
                marks += 1;
            }
            Block::Heading { level, text } => {
                out.push_str(&para(Some(&format!("Heading{level}")), &runs(text, false)));
            }
            Block::Paragraph(p) => out.push_str(&para(None, &runs(p, false))),
            Block::Note(p) => out.push_str(&para(Some("Quiet"), &runs(p, false))),
            Block::Bullets(items) => items.iter().for_each(|i| out.push_str(&bullet(i))),
            Block::Table(t) => out.push_str(&table(t)),
            Block::Swot(g) => out.push_str(&swot(g)),
            Block::Chart(c) => {
                out.push_str(&chart(c, charts, pictures.get(charts).copied().flatten()));
                charts += 1;
            }
            Block::Picture(f) => {
                let k = figures.iter().position(|c| *c == f.content).unwrap_or(0);
                drawings += 1;
                out.push_str(&picture(f, k, drawings));
            }
            Block::Contents => out.push_str(&contents(doc)),
            Block::PageBreak => out.push_str(r#"<w:p><w:r><w:br w:type="page"/></w:r></w:p>"#),
        }
    }
    out
}

const NS: &str = r#"xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships" xmlns:wp="http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing" xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main" xmlns:pic="http://schemas.openxmlformats.org/drawingml/2006/picture""#;

/// `word/document.xml` with every chart as its table of numbers (the text a reader gets).
pub fn document_xml(doc: &Document) -> String {
    document_xml_with(doc, &[])
}

/// `word/document.xml`: the body and the A4 section with its footer.
fn document_xml_with(doc: &Document, pictures: &[Option<(u32, u32)>]) -> String {
    format!(
        r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<w:document {NS}><w:body>{}<w:sectPr><w:footerReference w:type="default" r:id="rIdFooter"/><w:pgSz w:w="11906" w:h="16838"/><w:pgMar w:top="1134" w:right="1134" w:bottom="1134" w:left="1134" w:header="567" w:footer="567" w:gutter="0"/></w:sectPr></w:body></w:document>"#,
        body(doc, pictures)
    )
}

fn footer_xml(doc: &Document) -> String {
    format!(
        r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<w:ftr {NS}><w:p><w:pPr><w:pStyle w:val="Footer"/><w:jc w:val="center"/></w:pPr>{}<w:r><w:fldChar w:fldCharType="begin"/></w:r><w:r><w:instrText xml:space="preserve"> PAGE </w:instrText></w:r><w:r><w:fldChar w:fldCharType="separate"/></w:r><w:r><w:t>1</w:t></w:r><w:r><w:fldChar w:fldCharType="end"/></w:r></w:p></w:ftr>"#,
        runs(&format!("{} ", doc.page_label), false)
    )
}

fn styles_xml() -> String {
    let fonts = format!(
        r#"<w:rFonts w:ascii="{LATIN_FONT}" w:hAnsi="{LATIN_FONT}" w:eastAsia="{LATIN_FONT}" w:cs="{LAO_FONT}"/>"#
    );
    let heading = |level: u8, size: u32, before: u32| {
        format!(
            r#"<w:style w:type="paragraph" w:styleId="Heading{level}"><w:name w:val="heading {level}"/><w:basedOn w:val="Normal"/><w:next w:val="Normal"/><w:uiPriority w:val="9"/><w:qFormat/><w:pPr><w:keepNext/><w:keepLines/><w:spacing w:before="{before}" w:after="120"/><w:outlineLvl w:val="{}"/></w:pPr><w:rPr><w:b/><w:bCs/><w:color w:val="1F3A5F"/><w:sz w:val="{size}"/><w:szCs w:val="{size}"/></w:rPr></w:style>"#,
            level - 1
        )
    };
    let toc = |level: u8| {
        format!(
            r#"<w:style w:type="paragraph" w:styleId="TOC{level}"><w:name w:val="toc {level}"/><w:basedOn w:val="Normal"/><w:next w:val="Normal"/><w:uiPriority w:val="39"/><w:pPr><w:tabs><w:tab w:val="right" w:leader="dot" w:pos="9628"/></w:tabs><w:spacing w:after="60"/><w:ind w:left="{}"/></w:pPr></w:style>"#,
            (u32::from(level) - 1) * 360
        )
    };
    format!(
        r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<w:styles xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:docDefaults><w:rPrDefault><w:rPr>{fonts}<w:sz w:val="22"/><w:szCs w:val="22"/><w:lang w:val="en-GB" w:eastAsia="en-GB" w:bidi="lo-LA"/></w:rPr></w:rPrDefault><w:pPrDefault><w:pPr><w:spacing w:after="120" w:line="300" w:lineRule="auto"/></w:pPr></w:pPrDefault></w:docDefaults><w:style w:type="paragraph" w:default="1" w:styleId="Normal"><w:name w:val="Normal"/><w:qFormat/></w:style><w:style w:type="paragraph" w:styleId="Title"><w:name w:val="Title"/><w:basedOn w:val="Normal"/><w:next w:val="Subtitle"/><w:qFormat/><w:pPr><w:spacing w:after="240"/></w:pPr><w:rPr><w:b/><w:bCs/><w:color w:val="1F3A5F"/><w:sz w:val="40"/><w:szCs w:val="40"/></w:rPr></w:style><w:style w:type="paragraph" w:styleId="Subtitle"><w:name w:val="Subtitle"/><w:basedOn w:val="Normal"/><w:qFormat/><w:pPr><w:spacing w:after="60"/></w:pPr><w:rPr><w:color w:val="4B5563"/></w:rPr></w:style>{}{}{}{}<w:style w:type="paragraph" w:styleId="TOCHeading"><w:name w:val="TOC Heading"/><w:basedOn w:val="Heading1"/><w:next w:val="Normal"/><w:uiPriority w:val="39"/><w:pPr><w:outlineLvl w:val="9"/></w:pPr></w:style>{}{}{}<w:style w:type="paragraph" w:styleId="Quiet"><w:name w:val="Quiet"/><w:basedOn w:val="Normal"/><w:rPr><w:i/><w:iCs/><w:color w:val="6B7280"/></w:rPr></w:style><w:style w:type="paragraph" w:styleId="Caption"><w:name w:val="caption"/><w:basedOn w:val="Normal"/><w:next w:val="Normal"/><w:qFormat/><w:pPr><w:keepNext/></w:pPr><w:rPr><w:color w:val="1F3A5F"/></w:rPr></w:style><w:style w:type="paragraph" w:styleId="ListBullet"><w:name w:val="List Bullet"/><w:basedOn w:val="Normal"/><w:pPr><w:spacing w:after="60"/></w:pPr></w:style><w:style w:type="paragraph" w:styleId="TableText"><w:name w:val="Table Text"/><w:basedOn w:val="Normal"/><w:pPr><w:spacing w:after="0"/></w:pPr><w:rPr><w:sz w:val="20"/><w:szCs w:val="20"/></w:rPr></w:style><w:style w:type="paragraph" w:styleId="Footer"><w:name w:val="footer"/><w:basedOn w:val="Normal"/><w:rPr><w:sz w:val="18"/><w:szCs w:val="18"/></w:rPr></w:style><w:style w:type="table" w:styleId="SalaTable"><w:name w:val="Sala Table"/><w:tblPr><w:tblBorders><w:top w:val="single" w:sz="4" w:space="0" w:color="9CA3AF"/><w:left w:val="single" w:sz="4" w:space="0" w:color="9CA3AF"/><w:bottom w:val="single" w:sz="4" w:space="0" w:color="9CA3AF"/><w:right w:val="single" w:sz="4" w:space="0" w:color="9CA3AF"/><w:insideH w:val="single" w:sz="4" w:space="0" w:color="9CA3AF"/><w:insideV w:val="single" w:sz="4" w:space="0" w:color="9CA3AF"/></w:tblBorders><w:tblCellMar><w:top w:w="57" w:type="dxa"/><w:left w:w="85" w:type="dxa"/><w:bottom w:w="57" w:type="dxa"/><w:right w:w="85" w:type="dxa"/></w:tblCellMar></w:tblPr></w:style></w:styles>"#,
        heading(1, 32, 360),
        heading(2, 28, 240),
        heading(3, 24, 180),
        heading(4, 22, 120),
        toc(1),
        toc(2),
        toc(3),
    )
}

const NUMBERING: &str = r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<w:numbering xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:abstractNum w:abstractNumId="0"><w:multiLevelType w:val="singleLevel"/><w:lvl w:ilvl="0"><w:start w:val="1"/><w:numFmt w:val="bullet"/><w:lvlText w:val="•"/><w:lvlJc w:val="left"/><w:pPr><w:ind w:left="360" w:hanging="360"/></w:pPr></w:lvl></w:abstractNum><w:num w:numId="1"><w:abstractNumId w:val="0"/></w:num></w:numbering>"#;

const SETTINGS: &str = r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<w:settings xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:updateFields w:val="true"/><w:defaultTabStop w:val="720"/><w:compat><w:compatSetting w:name="compatibilityMode" w:uri="http://schemas.microsoft.com/office/word" w:val="15"/></w:compat></w:settings>"#;

const FONT_TABLE: &str = r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<w:fonts xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:font w:name="Noto Sans"><w:charset w:val="00"/><w:family w:val="swiss"/><w:pitch w:val="variable"/></w:font><w:font w:name="Noto Sans Lao"><w:altName w:val="Phetsarath OT"/><w:charset w:val="00"/><w:family w:val="swiss"/><w:pitch w:val="variable"/></w:font></w:fonts>"#;

const CONTENT_TYPES: &str = r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Default Extension="png" ContentType="image/png"/><Default Extension="jpg" ContentType="image/jpeg"/><Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/><Override PartName="/word/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.styles+xml"/><Override PartName="/word/settings.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.settings+xml"/><Override PartName="/word/numbering.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.numbering+xml"/><Override PartName="/word/fontTable.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.fontTable+xml"/><Override PartName="/word/footer1.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.footer+xml"/><Override PartName="/docProps/core.xml" ContentType="application/vnd.openxmlformats-package.core-properties+xml"/><Override PartName="/docProps/app.xml" ContentType="application/vnd.openxmlformats-officedocument.extended-properties+xml"/></Types>"#;

const ROOT_RELS: &str = r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/><Relationship Id="rId2" Type="http://schemas.openxmlformats.org/package/2006/relationships/metadata/core-properties" Target="docProps/core.xml"/><Relationship Id="rId3" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/extended-properties" Target="docProps/app.xml"/></Relationships>"#;

/// `word/_rels/document.xml.rels`: the fixed parts, then one picture per drawn chart, then the
/// groups' pictures.
fn document_rels(pictures: &[Option<(u32, u32)>], figures: &[&Figure]) -> String {
    let mut charts = String::new();
    for (k, f) in figures.iter().enumerate() {
        let _ = write!(
            charts,
            r#"<Relationship Id="rIdPicture{k}" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/image" Target="media/picture{k}.{}"/>"#,
            f.format.extension()
        );
    }
    for (n, p) in pictures.iter().enumerate() {
        if p.is_some() {
            let _ = write!(
                charts,
                r#"<Relationship Id="rIdChart{n}" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/image" Target="media/chart{n}.png"/>"#
            );
        }
    }
    DOCUMENT_RELS.replace("</Relationships>", &format!("{charts}</Relationships>"))
}

const DOCUMENT_RELS: &str = r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rIdStyles" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles" Target="styles.xml"/><Relationship Id="rIdSettings" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/settings" Target="settings.xml"/><Relationship Id="rIdNumbering" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/numbering" Target="numbering.xml"/><Relationship Id="rIdFonts" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/fontTable" Target="fontTable.xml"/><Relationship Id="rIdFooter" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/footer" Target="footer1.xml"/></Relationships>"#;

const APP: &str = r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Properties xmlns="http://schemas.openxmlformats.org/officeDocument/2006/extended-properties"><Application>Sala</Application></Properties>"#;

fn core_xml(doc: &Document) -> String {
    format!(
        r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/core-properties" xmlns:dc="http://purl.org/dc/elements/1.1/"><dc:title>{}</dc:title><dc:creator>Sala</dc:creator></cp:coreProperties>"#,
        esc(&doc.title)
    )
}

fn zip_error(e: impl ToString) -> SalaError {
    SalaError::new(ErrorCode::Storage).with("detail", e.to_string())
}

/// The whole `.docx` file.
pub fn render(doc: &Document) -> Result<Vec<u8>, SalaError> {
    let drawn: Vec<Option<crate::picture::Picture>> = doc
        .blocks
        .iter()
        .filter_map(|b| match b {
            Block::Chart(c) => Some(crate::picture::png(c)),
            _ => None,
        })
        .collect();
    let pictures: Vec<Option<(u32, u32)>> = drawn
        .iter()
        .map(|d| d.as_ref().map(|(_, size)| *size))
        .collect();
    let figures = distinct_pictures(doc);
    let mut buf = std::io::Cursor::new(Vec::new());
    {
        let mut z = zip::ZipWriter::new(&mut buf);
        // A fixed date: the same document gives the same bytes.
        let opts = zip::write::SimpleFileOptions::default()
            .compression_method(zip::CompressionMethod::Deflated)
            .last_modified_time(zip::DateTime::default());
        let parts: [(&str, String); 11] = [
            ("[Content_Types].xml", CONTENT_TYPES.to_owned()),
            ("_rels/.rels", ROOT_RELS.to_owned()),
            ("docProps/core.xml", core_xml(doc)),
            ("docProps/app.xml", APP.to_owned()),
            (
                "word/_rels/document.xml.rels",
                document_rels(&pictures, &figures),
            ),
            ("word/document.xml", document_xml_with(doc, &pictures)),
            ("word/styles.xml", styles_xml()),
            ("word/settings.xml", SETTINGS.to_owned()),
            ("word/numbering.xml", NUMBERING.to_owned()),
            ("word/fontTable.xml", FONT_TABLE.to_owned()),
            ("word/footer1.xml", footer_xml(doc)),
        ];
        for (name, text) in parts {
            z.start_file(name, opts).map_err(zip_error)?;
            z.write_all(text.as_bytes()).map_err(zip_error)?;
        }
        for (n, d) in drawn.iter().enumerate() {
            if let Some((png, _)) = d {
                // Already compressed.
                let stored = opts.compression_method(zip::CompressionMethod::Stored);
                z.start_file(format!("word/media/chart{n}.png"), stored)
                    .map_err(zip_error)?;
                z.write_all(png).map_err(zip_error)?;
            }
        }
        for (k, f) in figures.iter().enumerate() {
            let stored = opts.compression_method(zip::CompressionMethod::Stored);
            z.start_file(
                format!("word/media/picture{k}.{}", f.format.extension()),
                stored,
            )
            .map_err(zip_error)?;
            z.write_all(&f.bytes).map_err(zip_error)?;
        }
        z.finish().map_err(zip_error)?;
    }
    Ok(buf.into_inner())
}

#[cfg(test)]
mod width_tests {
    use super::*;

    fn widths(header: &[&str], rows: &[&[&str]]) -> Vec<u32> {
        let t = Table {
            header: header.iter().map(|s| (*s).to_owned()).collect(),
            rows: rows
                .iter()
                .map(|r| r.iter().map(|s| (*s).to_owned()).collect())
                .collect(),
        };
        column_widths(&t)
    }

    #[test]
    fn the_column_that_holds_the_words_gets_the_room_and_no_header_word_is_broken() {
        let note = "ຍັງບໍ່ມີກົດໝາຍວ່າດ້ວຍການແບ່ງປັນຂໍ້ມູນລະຫວ່າງກະຊວງ ແລະ ພາກສ່ວນທີ່ກ່ຽວຂ້ອງ";
        let w = widths(
            &[
                "ກຸ່ມ / Group",
                "ຄຳຖາມ / Question",
                "ບັນທຶກ / Note",
                "ໂຕະ / Table",
            ],
            &[&["A", "ຂໍ້ 1 / Q1", note, "Laptop b022f8"][..]; 20],
        );
        assert_eq!(w.iter().sum::<u32>(), 100, "{w:?}");
        assert!(w[2] > w[0] + w[1] + w[3] - 10, "the note column: {w:?}");
        // "Question" (8 letters, bold) needs about 16% of the width.
        assert!(w[1] >= 15, "{w:?}");
        // Lao runs wrap between syllables: they never force a column wide.
        let w = widths(&["ໜ່ວຍງານຮັບຜິດຊອບ", "Title"], &[&["MTC", note][..]]);
        assert!(w[1] > w[0], "{w:?}");
        // Floors that do not fit share the page.
        let long = "Responsibility-and-accountability";
        let w = widths(&[long; 6], &[]);
        assert_eq!(w.iter().sum::<u32>(), 100, "{w:?}");
    }
}
