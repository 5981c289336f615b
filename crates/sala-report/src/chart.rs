//! Charts, drawn as SVG: the coverage of each pillar and element (how much was said about it),
//! and the action plan's timeline. Every item is one mark (`class="mark"`), labelled in the
//! report's language; the fonts named are those Sala bundles, so Lao shapes where the SVG is
//! shown with them (the HTML report embeds them).

use std::fmt::Write as _;

use crate::doc::escape as esc;

#[derive(Debug, Clone, PartialEq)]
pub enum Chart {
    /// One horizontal stacked bar per row: the first value, then the second.
    Bars {
        title: String,
        /// What the two values count (shown in the legend).
        series: [String; 2],
        rows: Vec<BarRow>,
    },
    /// Two bars per row, side by side in one scale: a value before and after (a mean of
    /// self-assessed knowledge); a missing value draws no bar and reads "—".
    Compare {
        title: String,
        /// What the rows are (the first column where the chart is written as a table).
        rows_are: String,
        /// What the two values are (shown in the legend).
        series: [String; 2],
        /// The scale's top (5 for a 1–5 rating).
        max: f64,
        rows: Vec<CompareRow>,
    },
    /// One bar per item across the periods it spans, in lanes.
    Timeline {
        title: String,
        /// What the lanes, the items and their periods are (a table's header, where the chart is
        /// written as one).
        columns: [String; 3],
        periods: Vec<String>,
        rows: Vec<Span>,
    },
}

#[derive(Debug, Clone, PartialEq)]
pub struct BarRow {
    pub label: String,
    pub values: [u32; 2],
}

#[derive(Debug, Clone, PartialEq)]
pub struct CompareRow {
    pub label: String,
    pub values: [Option<f64>; 2],
    /// How many answers each value is the mean of.
    pub counts: [u32; 2],
}

fn value(v: Option<f64>, n: u32) -> String {
    v.map_or_else(|| "—".to_owned(), |v| format!("{v:.2} ({n})"))
}

#[derive(Debug, Clone, PartialEq)]
pub struct Span {
    pub label: String,
    /// The lane it is drawn in (its focus area), shown before the first item of the lane.
    pub lane: String,
    /// Indexes into `periods`, inclusive.
    pub from: usize,
    pub to: usize,
}

impl Chart {
    pub fn title(&self) -> &str {
        match self {
            Chart::Bars { title, .. }
            | Chart::Compare { title, .. }
            | Chart::Timeline { title, .. } => title,
        }
    }

    /// The chart's numbers as a table (where a format cannot draw it, and for screen readers).
    pub fn as_table(&self) -> crate::doc::Table {
        match self {
            Chart::Bars { series, rows, .. } => crate::doc::Table {
                header: vec![String::new(), series[0].clone(), series[1].clone()],
                rows: rows
                    .iter()
                    .map(|r| {
                        vec![
                            r.label.clone(),
                            r.values[0].to_string(),
                            r.values[1].to_string(),
                        ]
                    })
                    .collect(),
            },
            Chart::Compare {
                rows_are,
                series,
                rows,
                ..
            } => crate::doc::Table {
                header: vec![rows_are.clone(), series[0].clone(), series[1].clone()],
                rows: rows
                    .iter()
                    .map(|r| {
                        vec![
                            r.label.clone(),
                            value(r.values[0], r.counts[0]),
                            value(r.values[1], r.counts[1]),
                        ]
                    })
                    .collect(),
            },
            Chart::Timeline {
                columns,
                periods,
                rows,
                ..
            } => crate::doc::Table {
                header: columns.to_vec(),
                rows: rows
                    .iter()
                    .map(|r| {
                        let p = |i: usize| periods.get(i).cloned().unwrap_or_default();
                        let when = if r.from == r.to {
                            p(r.from)
                        } else {
                            format!("{} – {}", p(r.from), p(r.to))
                        };
                        vec![r.lane.clone(), r.label.clone(), when]
                    })
                    .collect(),
            },
        }
    }

    /// How many items (marks) the chart draws.
    pub fn items(&self) -> usize {
        match self {
            Chart::Bars { rows, .. } => rows.len(),
            Chart::Compare { rows, .. } => rows.len(),
            Chart::Timeline { rows, .. } => rows.len(),
        }
    }

    /// Width and height in px (at 96 dpi: the A4 text width is about 640 px).
    pub fn size(&self) -> (u32, u32) {
        match self {
            Chart::Bars { rows, .. } => (WIDTH, TOP + ROW * rows.len() as u32 + 30),
            Chart::Compare { rows, .. } => (WIDTH, TOP + ROW * rows.len() as u32 + 10),
            Chart::Timeline { rows, .. } => {
                let lanes = lanes(rows);
                (WIDTH, TOP + ROW * (rows.len() + lanes) as u32 + 10)
            }
        }
    }

    pub fn svg(&self) -> String {
        let (w, h) = self.size();
        let mut s = String::new();
        let _ = write!(
            s,
            r#"<svg xmlns="http://www.w3.org/2000/svg" width="{w}" height="{h}" viewBox="0 0 {w} {h}" font-family="'Noto Sans', 'Noto Sans Lao', sans-serif" font-size="12" role="img">"#
        );
        let _ = write!(s, "<title>{}</title>", esc(self.title()));
        let _ = write!(
            s,
            r##"<rect width="{w}" height="{h}" fill="#ffffff"/><text x="0" y="16" font-size="14" font-weight="bold" fill="#1f2937">{}</text>"##,
            runs(self.title())
        );
        match self {
            Chart::Bars { series, rows, .. } => bars(&mut s, series, rows),
            Chart::Compare {
                series, max, rows, ..
            } => compare(&mut s, series, *max, rows),
            Chart::Timeline { periods, rows, .. } => timeline(&mut s, periods, rows),
        }
        s.push_str("</svg>");
        s
    }
}

const WIDTH: u32 = 640;
const LABEL: u32 = 230;
const TOP: u32 = 44;
const ROW: u32 = 22;
const COLOURS: [&str; 2] = ["#2563eb", "#f59e0b"];

/// Text as runs of one script each, every run naming its own font: Lao in Noto Sans Lao, the
/// rest in Noto Sans. A renderer then never has to fall back from one font to the other inside
/// a run (resvg's fallback drew a label mixing Lao and a colon as boxes).
fn runs(text: &str) -> String {
    let lao = |c: char| ('\u{0E80}'..='\u{0EFF}').contains(&c);
    let mut out = String::new();
    let mut current: Option<bool> = None;
    let mut run = String::new();
    let flush = |run: &mut String, is_lao: Option<bool>, out: &mut String| {
        if run.is_empty() {
            return;
        }
        let family = if is_lao == Some(true) {
            "Noto Sans Lao"
        } else {
            "Noto Sans"
        };
        let _ = write!(out, "<tspan font-family=\"{family}\">{}</tspan>", esc(run));
        run.clear();
    };
    for c in text.chars() {
        // Spaces and marks stay in the run they are in.
        let kind = if c.is_whitespace() || is_mark(c) {
            current
        } else {
            Some(lao(c))
        };
        if kind != current && current.is_some() {
            flush(&mut run, current, &mut out);
        }
        current = kind;
        run.push(c);
    }
    flush(&mut run, current, &mut out);
    out
}

/// A label cut to fit its column (about 34 characters at 12 px): at the last word boundary that
/// fits (ICU4X's dictionary knows where Lao words end), else between syllables — never between
/// a consonant and the vowel or tone mark written with it.
fn fit(s: &str, max: usize) -> String {
    let chars: Vec<(usize, char)> = s.char_indices().collect();
    if chars.len() <= max {
        return s.to_owned();
    }
    let limit = max.saturating_sub(1);
    let limit_byte = chars[limit].0;
    let word = sala_text::word_bounds(s)
        .into_iter()
        .filter(|b| *b <= limit_byte)
        .max()
        .filter(|b| *b * 2 >= limit_byte);
    let cut = word.unwrap_or_else(|| {
        let mut keep = limit;
        while keep > 0 && is_mark(chars[keep].1) {
            keep -= 1;
        }
        chars[keep].0
    });
    let mut out = s[..cut].trim_end().to_owned();
    out.push('…');
    out
}

/// A character that belongs to the one before it: Lao vowel signs above and below, ຳ, tone
/// marks, and Latin accents.
fn is_mark(c: char) -> bool {
    matches!(c, '\u{0EB1}' | '\u{0EB3}'..='\u{0EBC}' | '\u{0EC8}'..='\u{0ECE}' | '\u{0300}'..='\u{036F}')
}

fn bars(s: &mut String, series: &[String; 2], rows: &[BarRow]) {
    let max = rows
        .iter()
        .map(|r| r.values[0] + r.values[1])
        .max()
        .unwrap_or(0)
        .max(1);
    let span = WIDTH - LABEL - 40;
    legend(s, series);
    for (i, r) in rows.iter().enumerate() {
        let y = TOP + ROW * i as u32;
        open_mark(s, y, &r.label);
        let mut x = LABEL;
        for (v, colour) in r.values.iter().zip(COLOURS) {
            let w = v * span / max;
            if w > 0 {
                let _ = write!(
                    s,
                    r#"<rect x="{x}" y="{}" width="{w}" height="16" fill="{colour}"/>"#,
                    y + 2
                );
            }
            x += w;
        }
        let _ = write!(
            s,
            r##"<text x="{}" y="{}" fill="#374151">{}</text></g>"##,
            x + 4,
            y + 14,
            r.values[0] + r.values[1]
        );
    }
}

/// Starts row `y`'s mark (closed by the caller) with its label.
fn open_mark(s: &mut String, y: u32, label: &str) {
    let _ = write!(
        s,
        r##"<g class="mark"><text x="0" y="{}" fill="#111827">{}</text>"##,
        y + 14,
        runs(&fit(label, 34))
    );
}

fn legend(s: &mut String, series: &[String; 2]) {
    for (i, (name, colour)) in series.iter().zip(COLOURS).enumerate() {
        let x = LABEL + i as u32 * 150;
        let _ = write!(
            s,
            r##"<rect x="{x}" y="24" width="10" height="10" fill="{colour}"/><text x="{}" y="33" fill="#374151">{}</text>"##,
            x + 14,
            runs(name)
        );
    }
}

fn compare(s: &mut String, series: &[String; 2], max: f64, rows: &[CompareRow]) {
    legend(s, series);
    let span = f64::from(WIDTH - LABEL - 50);
    let max = if max > 0.0 { max } else { 1.0 };
    for (i, r) in rows.iter().enumerate() {
        let y = TOP + ROW * i as u32;
        open_mark(s, y, &r.label);
        for (k, ((v, n), colour)) in r.values.iter().zip(r.counts).zip(COLOURS).enumerate() {
            let top = y + 2 + 9 * k as u32;
            let w = v.map_or(0.0, |v| (v.clamp(0.0, max) / max * span).round());
            if w > 0.0 {
                let _ = write!(
                    s,
                    r#"<rect x="{LABEL}" y="{top}" width="{w}" height="8" fill="{colour}"/>"#
                );
            }
            let _ = write!(
                s,
                r##"<text x="{}" y="{}" font-size="9" fill="#374151">{}</text>"##,
                f64::from(LABEL) + w + 4.0,
                top + 8,
                value(*v, n)
            );
        }
        s.push_str("</g>");
    }
}

fn lanes(rows: &[Span]) -> usize {
    let mut n = 0;
    let mut last: Option<&str> = None;
    for r in rows {
        if last != Some(r.lane.as_str()) {
            n += 1;
            last = Some(&r.lane);
        }
    }
    n
}

fn timeline(s: &mut String, periods: &[String], rows: &[Span]) {
    let cols = periods.len().max(1) as u32;
    let col = (WIDTH - LABEL) / cols;
    for (i, p) in periods.iter().enumerate() {
        let x = LABEL + col * i as u32;
        let _ = write!(
            s,
            r##"<line x1="{x}" y1="24" x2="{x}" y2="10000" stroke="#e5e7eb"/><text x="{}" y="36" fill="#374151" font-size="11">{}</text>"##,
            x + 3,
            runs(&fit(p, (col / 7).max(4) as usize))
        );
    }
    let mut y = TOP;
    let mut last: Option<&str> = None;
    for r in rows {
        if last != Some(r.lane.as_str()) {
            let _ = write!(
                s,
                r##"<text x="0" y="{}" font-weight="bold" fill="#1f2937">{}</text>"##,
                y + 14,
                runs(&fit(&r.lane, 60))
            );
            y += ROW;
            last = Some(&r.lane);
        }
        let from = r.from.min(periods.len().saturating_sub(1)) as u32;
        let to = r.to.max(r.from).min(periods.len().saturating_sub(1)) as u32;
        let _ = write!(
            s,
            r##"<g class="mark"><text x="8" y="{}" fill="#111827">{}</text><rect x="{}" y="{}" width="{}" height="16" rx="3" fill="{}"/></g>"##,
            y + 14,
            runs(&fit(&r.label, 32)),
            LABEL + col * from + 2,
            y + 2,
            col * (to - from + 1) - 4,
            COLOURS[0]
        );
        y += ROW;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_cut_label_keeps_whole_lao_syllables() {
        let check =
            |s: &str, max: usize, want: &str| assert_eq!(fit(s, max), want, "{s:?} in {max}");
        check("short", 10, "short");
        // ກີ is a consonant and a vowel above it: never split.
        check(&"ກີ".repeat(40), 10, &format!("{}…", "ກີ".repeat(4)));
        check(&"ກີ".repeat(40), 9, &format!("{}…", "ກີ".repeat(4)));
        // ນ້ຳ: consonant, tone mark, vowel.
        check("ນ້ຳນ້ຳນ້ຳນ້ຳ", 6, "ນ້ຳ…");
        check("data governance framework", 10, "data…");
        check("data governance", 6, "data…");
        // Lao words: ການແບ່ງປັນ ຂໍ້ມູນ — cut after a whole word.
        check("ການແບ່ງປັນຂໍ້ມູນລະຫວ່າງກະຊວງ", 12, "ການແບ່ງປັນ…");
    }

    #[test]
    fn mixed_text_is_split_into_runs_of_one_script_and_font() {
        let lo = |t: &str| format!(r#"<tspan font-family="Noto Sans Lao">{t}</tspan>"#);
        let en = |t: &str| format!(r#"<tspan font-family="Noto Sans">{t}</tspan>"#);
        // A colon after ຂໍ້ມູນ was drawn as a box when one run held both scripts.
        assert_eq!(runs("ຂໍ້ມູນ: ກ"), [lo("ຂໍ້ມູນ"), en(": "), lo("ກ")].concat());
        assert_eq!(runs("Q3 2023"), en("Q3 2023"));
        assert_eq!(
            runs("ໄຕມາດ 3 <2023>"),
            [lo("ໄຕມາດ "), en("3 &lt;2023&gt;")].concat()
        );
    }

    #[test]
    fn every_item_is_one_mark_and_the_svg_is_well_formed() {
        let bars = Chart::Bars {
            title: "ການຄຸ້ມຄອງ <coverage> & more".into(),
            series: ["Notes".into(), "Cards".into()],
            rows: (0..7)
                .map(|i| BarRow {
                    label: format!("ນະໂຍບາຍ {i}"),
                    values: [i, 7 - i],
                })
                .collect(),
        };
        let timeline = Chart::Timeline {
            title: "Timeline".into(),
            columns: ["Focus area".into(), "Action".into(), "When".into()],
            periods: vec!["Q3 2023".into(), "Q4 2023".into(), "Q1 2024".into()],
            rows: vec![
                Span {
                    label: "Decree".into(),
                    lane: "Policy".into(),
                    from: 0,
                    to: 1,
                },
                Span {
                    label: "Law".into(),
                    lane: "Policy".into(),
                    from: 2,
                    to: 2,
                },
                Span {
                    label: "Stewards".into(),
                    lane: "People".into(),
                    from: 1,
                    to: 2,
                },
            ],
        };
        for (chart, n) in [(&bars, 7), (&timeline, 3)] {
            let svg = chart.svg();
            assert_eq!(svg.matches(r#"class="mark""#).count(), n);
            assert_eq!(chart.items(), n);
            assert!(svg.starts_with("<svg") && svg.ends_with("</svg>"));
            assert!(!svg.contains("<coverage>"), "text is escaped");
        }
    }
}
