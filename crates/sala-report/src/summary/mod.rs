//! The summary report of a workshop, as the concept note asks: "the outputs of each of the
//! sessions and a follow up action plan will be captured in the summary report".
//!
//! Parts: the workshop's facts; participation in numbers (never names); each breakout group
//! with its focus areas, each guiding question's key points and notes, and its SWOT boards;
//! across the groups, the coverage of pillars and elements, the most-voted items per quadrant and
//! the recurring tags; the follow-up action plan by focus area with a timeline; an annex with
//! every note and which table took it.

use std::collections::BTreeMap;

use sala_core::api::{Dump, ReportParts};
use sala_core::model::{
    Action, AgendaItem, AgendaKind, FocusArea, FocusAreaKind, Group, GuidingQuestion, Language,
    Note, Picture, Quadrant,
};
use serde::Serialize;

mod across;
mod annex;
mod by_group;
mod plan;

use across::*;
use annex::*;
use by_group::*;
pub(crate) use by_group::{focus_label, swot_items};
use plan::*;
pub(crate) use plan::{action_when, actions_by_focus};

use crate::ReportLang;
use crate::chart::{BarRow, Chart, Span};
use crate::doc::{Block, Document, Figure, SwotGrid, Table};

/// What a report is made from.
#[derive(Debug, Clone, Copy)]
pub struct Input<'a> {
    /// The merged workshop (every table's work).
    pub dump: &'a Dump,
    /// Table labels by device id ("Table 3"); a device without one is named by its id's end.
    pub tables: &'a BTreeMap<String, String>,
    pub lang: ReportLang,
    /// The parts of the summary report to include.
    pub parts: ReportParts,
    /// The pictures of the groups' work that have arrived, by content (issue 21); a picture
    /// not here is left out of the report.
    pub pictures: &'a PictureFiles,
}

/// Stored pictures by their content (SHA-256): what a report embeds.
pub type PictureFiles = BTreeMap<String, std::sync::Arc<Vec<u8>>>;

/// A value's snake-case name (`private_sector`), as the locale keys spell it.
pub(crate) fn code<T: Serialize>(v: &T) -> String {
    match serde_json::to_value(v) {
        Ok(serde_json::Value::String(s)) => s,
        _ => String::new(),
    }
}

/// What every part of a report reads: the workshop, the language, the table names, the votes.
pub(crate) struct Ctx<'a> {
    pub(crate) dump: &'a Dump,
    pub(crate) lang: ReportLang,
    tables: &'a BTreeMap<String, String>,
    /// Live votes by card id.
    votes: BTreeMap<&'a str, u32>,
    /// The pictures to show (none when the report leaves them out).
    pictures: Option<&'a PictureFiles>,
}

impl<'a> Ctx<'a> {
    pub(crate) fn new(input: Input<'a>) -> Ctx<'a> {
        let mut votes: BTreeMap<&str, u32> = BTreeMap::new();
        for v in input.dump.swot_votes.iter().filter(|v| !v.deleted) {
            *votes.entry(v.card_id.as_str()).or_default() += 1;
        }
        Ctx {
            dump: input.dump,
            lang: input.lang,
            tables: input.tables,
            votes,
            pictures: input.parts.pictures.then_some(input.pictures),
        }
    }

    pub(crate) fn t(&self, key: &str) -> String {
        self.lang.t(key, &[])
    }

    pub(crate) fn tp(&self, key: &str, params: &[(&str, &str)]) -> String {
        self.lang.t(key, params)
    }

    fn focus(&self, id: &str) -> Option<&FocusArea> {
        self.dump.focus_areas.iter().find(|f| f.id == id)
    }

    fn table_name(&self, device: &str) -> String {
        table_name(self.tables, device, self.lang)
    }

    /// A note's text in the report's language: the original when it is in that language (or
    /// there is no translation), else its translation; both side by side in a bilingual report.
    pub(crate) fn note_text(&self, n: &Note) -> String {
        let translation = n.translation.as_deref().filter(|t| !t.trim().is_empty());
        let wanted = match self.lang {
            ReportLang::Lo => Some(Language::Lo),
            ReportLang::En => Some(Language::En),
            ReportLang::Both => None,
        };
        match (wanted, translation) {
            (Some(w), Some(t)) if n.lang != w && n.lang != Language::Mixed => t.to_owned(),
            // Bilingual: the words as said, then their translation.
            (None, Some(t)) => format!("{} — {t}", n.text),
            _ => n.text.clone(),
        }
    }
}

/// A device's table label ("Table 3"), or its id's end when it has none.
pub(crate) fn table_name(
    tables: &BTreeMap<String, String>,
    device: &str,
    lang: ReportLang,
) -> String {
    match tables.get(device).filter(|l| !l.trim().is_empty()) {
        Some(label) => label.clone(),
        None => {
            let tail: String = device
                .chars()
                .rev()
                .take(6)
                .collect::<Vec<_>>()
                .into_iter()
                .rev()
                .collect();
            lang.t("report.device", &[("id", &tail)])
        }
    }
}

pub(crate) fn live_groups(d: &Dump) -> Vec<&Group> {
    let mut g: Vec<&Group> = d.groups.iter().filter(|g| !g.deleted).collect();
    g.sort_by(|a, b| (a.position, &a.name, &a.id).cmp(&(b.position, &b.name, &b.id)));
    g
}

pub(crate) fn live_notes(d: &Dump) -> Vec<&Note> {
    let mut n: Vec<&Note> = d.notes.iter().filter(|n| !n.deleted).collect();
    // The order they were taken in (their creation timestamps), then id.
    n.sort_by(|a, b| (&a.created_hlc, &a.id).cmp(&(&b.created_hlc, &b.id)));
    n
}

pub(crate) fn live_focus_areas(d: &Dump) -> Vec<&FocusArea> {
    in_order(d.focus_areas.iter().filter(|f| !f.deleted).collect())
}

/// The live focus areas and the retired ones that still hold SWOT cards or actions (reports
/// name those as retired), pillars then elements, each in its order.
pub(crate) fn reported_focus_areas(d: &Dump) -> Vec<&FocusArea> {
    let used = |id: &str| {
        d.swot_cards
            .iter()
            .any(|c| !c.deleted && c.focus_area_id == id)
            || d.actions
                .iter()
                .any(|a| !a.deleted && a.focus_area_id.as_deref() == Some(id))
    };
    in_order(
        d.focus_areas
            .iter()
            .filter(|f| !f.deleted || used(&f.id))
            .collect(),
    )
}

fn in_order(mut f: Vec<&FocusArea>) -> Vec<&FocusArea> {
    let kind = |k: FocusAreaKind| match k {
        FocusAreaKind::Pillar => 0,
        FocusAreaKind::Element => 1,
    };
    f.sort_by(|a, b| (kind(a.kind), a.position, &a.id).cmp(&(kind(b.kind), b.position, &b.id)));
    f
}

/// One part of the summary report, written at the end of the blocks.
type Part = fn(&Ctx<'_>, &mut Vec<Block>);

/// The summary report of `input.dump`'s workshop.
pub fn summary(input: Input<'_>) -> Document {
    let d = input.dump;
    let cx = Ctx::new(input);
    let lang = input.lang;
    let (title, subtitle) = match &d.workshop {
        Some(w) => (
            lang.pick(&w.title),
            vec![
                cx.t("report.title"),
                cx.tp(
                    "report.dates",
                    &[("start", &w.start_date), ("end", &w.end_date)],
                ),
                lang.each(|l| l.t("report.venue", &[("venue", &l.pick(&w.venue))])),
                lang.each(|l| {
                    l.t(
                        "report.organisers",
                        &[("organisers", &l.pick(&w.organisers))],
                    )
                }),
            ],
        ),
        None => (cx.t("report.title"), Vec::new()),
        // (A dump always has its workshop; an empty store has nothing to report but the title.)
    };
    // A cover (the title and the facts), the contents on their own page, then the report: a long
    // title or many groups never leave a page nearly empty between them.
    let mut blocks = vec![Block::PageBreak, Block::Contents, Block::PageBreak];
    if let Some(w) = d.workshop.as_ref().filter(|w| !w.objectives.is_empty()) {
        blocks.push(heading(1, cx.t("report.facts")));
        blocks.push(Block::Paragraph(cx.t("report.objectives")));
        blocks.push(Block::Bullets(
            w.objectives.iter().map(|o| lang.pick(o)).collect(),
        ));
    }
    let parts = input.parts;
    let chosen: [(bool, Part); 8] = [
        (parts.participation, participation),
        (
            parts.participation && parts.participant_list,
            participant_list,
        ),
        (parts.groups && !parts.by_session, groups),
        (parts.groups && parts.by_session, sessions),
        (parts.across, across),
        (parts.actions, action_plan),
        (parts.surveys, surveys),
        (parts.annex, annex),
    ];
    for (on, part) in chosen {
        if on {
            part(&cx, &mut blocks);
        }
    }
    Document {
        title,
        subtitle,
        blocks,
        contents_label: cx.t("report.contents"),
        page_label: cx.t("report.page"),
        lang_tag: lang.ui().code().to_owned(),
    }
}

pub(crate) fn heading(level: u8, text: String) -> Block {
    Block::Heading { level, text }
}

fn participation(cx: &Ctx<'_>, out: &mut Vec<Block>) {
    out.push(heading(1, cx.t("report.participation")));
    let people: Vec<_> = cx.dump.participants.iter().filter(|p| !p.deleted).collect();
    if people.is_empty() {
        out.push(Block::Note(cx.t("report.no_participants")));
        return;
    }
    out.push(Block::Paragraph(cx.tp(
        "report.participants_total",
        &[("n", &people.len().to_string())],
    )));
    // Counts only: a participant's name is personal data and stays out of the report.
    let count_table = |label: String, counts: BTreeMap<(usize, String), usize>| {
        Block::Table(Table {
            header: vec![label, cx.t("report.count")],
            rows: counts
                .into_iter()
                .map(|((_, name), n)| vec![name, n.to_string()])
                .collect(),
        })
    };
    let mut by_stakeholder = BTreeMap::new();
    for p in &people {
        let (rank, key) = match &p.stakeholder {
            Some(s) => (*s as usize, format!("stakeholder.{}", code(s))),
            None => (usize::MAX, "stakeholder.none".to_owned()),
        };
        *by_stakeholder.entry((rank, cx.t(&key))).or_default() += 1;
    }
    out.push(heading(2, cx.t("report.by_stakeholder")));
    out.push(count_table(cx.t("report.category"), by_stakeholder));
    let mut by_gender = BTreeMap::new();
    for p in &people {
        *by_gender
            .entry((
                p.gender as usize,
                cx.t(&format!("people.genders.{}", code(&p.gender))),
            ))
            .or_default() += 1;
    }
    out.push(heading(2, cx.t("report.by_gender")));
    out.push(count_table(cx.t("people.gender"), by_gender));
    let mut by_day: BTreeMap<(usize, String), usize> = BTreeMap::new();
    let live: std::collections::BTreeSet<&str> = people.iter().map(|p| p.id.as_str()).collect();
    for a in cx
        .dump
        .attendance
        .iter()
        .filter(|a| !a.deleted && a.present && live.contains(a.participant_id.as_str()))
    {
        let day = a.day.to_string();
        *by_day
            .entry((a.day as usize, cx.tp("report.day", &[("n", &day)])))
            .or_default() += 1;
    }
    if !by_day.is_empty() {
        out.push(heading(2, cx.t("report.by_day")));
        out.push(count_table(cx.t("report.when"), by_day));
    }
}

/// The participants who consented to be named, in Lao alphabetical order (as everywhere):
/// name, organisation, category. Only when the user asks for the list; never a contact.
fn participant_list(cx: &Ctx<'_>, out: &mut Vec<Block>) {
    let mut named: Vec<_> = cx
        .dump
        .participants
        .iter()
        .filter(|p| !p.deleted && p.consent)
        .collect();
    let order = sala_text::LaoOrder::new();
    named.sort_by(|a, b| {
        order
            .compare(&cx.lang.pick(&a.name), &cx.lang.pick(&b.name))
            .then(a.id.cmp(&b.id))
    });
    out.push(heading(2, cx.t("report.participant_list")));
    out.push(Block::Note(cx.tp(
        "report.participant_list_hint",
        &[("n", &named.len().to_string())],
    )));
    if named.is_empty() {
        return;
    }
    out.push(Block::Table(Table {
        header: vec![
            cx.t("people.name"),
            cx.t("people.organisation"),
            cx.t("report.category"),
        ],
        rows: named
            .iter()
            .map(|p| {
                vec![
                    cx.lang.pick(&p.name),
                    p.organisation.clone(),
                    p.stakeholder.as_ref().map_or_else(
                        || cx.t("stakeholder.none"),
                        |s| cx.t(&format!("stakeholder.{}", code(s))),
                    ),
                ]
            })
            .collect(),
    }));
}
