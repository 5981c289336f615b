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
    Note, Quadrant,
};
use serde::Serialize;

use crate::ReportLang;
use crate::chart::{BarRow, Chart, Span};
use crate::doc::{Block, Document, SwotGrid, Table};

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
}

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

/// A SWOT board's items: single cards and clusters (one item, its variants after), most votes
/// first, then board order.
pub(crate) fn swot_items(
    cx: &Ctx<'_>,
    group: &str,
    focus: &str,
    q: Quadrant,
) -> Vec<(u32, String)> {
    swot_items_within(cx, group, focus, q, Within::Anywhere)
}

/// [`swot_items`] of the cards made `within` a session.
fn swot_items_within(
    cx: &Ctx<'_>,
    group: &str,
    focus: &str,
    q: Quadrant,
    within: Within<'_>,
) -> Vec<(u32, String)> {
    let mut cards: Vec<_> = cx
        .dump
        .swot_cards
        .iter()
        .filter(|c| {
            !c.deleted
                && c.group_id == group
                && c.focus_area_id == focus
                && c.quadrant == q
                && cx.keeps(within, c.agenda_item_id.as_deref())
        })
        .collect();
    cards.sort_by(|a, b| (a.position, &a.id).cmp(&(b.position, &b.id)));
    // (lead position, key) → (votes, lead text, variants)
    let mut items: Vec<(String, u32, u32, String, Vec<String>)> = Vec::new();
    for c in &cards {
        let key = c.cluster_id.clone().unwrap_or_else(|| c.id.clone());
        let v = cx.votes.get(c.id.as_str()).copied().unwrap_or(0);
        match items.iter_mut().find(|i| i.0 == key) {
            Some(item) => {
                item.1 += v;
                if c.id == key {
                    let was = std::mem::replace(&mut item.3, c.text.clone());
                    item.4.insert(0, was);
                } else {
                    item.4.push(c.text.clone());
                }
            }
            None => items.push((key.clone(), v, c.position, c.text.clone(), Vec::new())),
        }
    }
    items.sort_by(|a, b| b.1.cmp(&a.1).then(a.2.cmp(&b.2)).then(a.0.cmp(&b.0)));
    items
        .into_iter()
        .map(|(_, votes, _, lead, variants)| {
            let mut text = match votes {
                0 => lead,
                1 => format!("{lead} ({})", cx.t("report.vote_one")),
                n => format!(
                    "{lead} ({})",
                    cx.tp("report.votes", &[("n", &n.to_string())])
                ),
            };
            if !variants.is_empty() {
                let list = variants.join("; ");
                text.push_str(&format!(" — {} {list}", cx.t("report.variants")));
            }
            (votes, text)
        })
        .collect()
}

const QUADRANTS: [Quadrant; 4] = [
    Quadrant::Strengths,
    Quadrant::Weaknesses,
    Quadrant::Opportunities,
    Quadrant::Threats,
];

/// Which of a group's notes and cards a part of the report shows: all of them, or those taken
/// in one session of the agenda (`None`: those taken outside any session).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Within<'s> {
    Anywhere,
    Session(Option<&'s str>),
}

impl Ctx<'_> {
    /// The session of the agenda an item was taken in, when the agenda knows it.
    fn session_of<'b>(&self, id: Option<&'b str>) -> Option<&'b str> {
        id.filter(|id| self.dump.agenda.iter().any(|a| a.id == *id))
    }

    fn keeps(&self, within: Within<'_>, session: Option<&str>) -> bool {
        match within {
            Within::Anywhere => true,
            Within::Session(s) => self.session_of(session) == s,
        }
    }

    /// A focus area's name, marked when it has been retired.
    pub(crate) fn focus_label(&self, f: &FocusArea) -> String {
        focus_label(self.lang, f)
    }
}

/// A focus area's name in `lang`, marked when it has been retired.
pub(crate) fn focus_label(lang: ReportLang, f: &FocusArea) -> String {
    lang.each(|l| retired_mark(l, l.pick(&f.name), f.deleted))
}

/// `name`, followed by "(retired)" when it is.
fn retired_mark(l: ReportLang, name: String, retired: bool) -> String {
    if retired {
        l.t("report.retired", &[("name", &name)])
    } else {
        name
    }
}

fn groups(cx: &Ctx<'_>, out: &mut Vec<Block>) {
    out.push(heading(1, cx.t("report.groups")));
    let notes = live_notes(cx.dump);
    for g in live_groups(cx.dump) {
        out.push(heading(2, cx.tp("group.label", &[("name", &g.name)])));
        let focus: Vec<&FocusArea> = g
            .focus_area_ids
            .iter()
            .filter_map(|id| cx.focus(id))
            .filter(|f| !f.deleted || has_cards(cx, &g.id, &f.id, Within::Anywhere))
            .collect();
        if !focus.is_empty() {
            out.push(Block::Paragraph(cx.lang.each(|l| {
                let names: Vec<String> = focus
                    .iter()
                    .map(|f| retired_mark(l, l.pick(&f.name), f.deleted))
                    .collect();
                l.t("report.focus_areas", &[("list", &names.join(", "))])
            })));
        }
        group_work(cx, g, &notes, Within::Anywhere, out);
    }
}

/// The summary session by session: each session of the agenda in time order, the groups that
/// worked in it, and what they said and put on their boards then; last, what was taken outside
/// any session. A session removed from the agenda keeps what was taken in it, marked as removed.
fn sessions(cx: &Ctx<'_>, out: &mut Vec<Block>) {
    out.push(heading(1, cx.t("report.sessions")));
    let notes = live_notes(cx.dump);
    let groups = live_groups(cx.dump);
    let mut agenda: Vec<&AgendaItem> = cx.dump.agenda.iter().collect();
    agenda.sort_by(|a, b| {
        (a.day, &a.starts_at, a.position, &a.id).cmp(&(b.day, &b.starts_at, b.position, &b.id))
    });
    let mut sessions: Vec<(String, Within<'_>)> = agenda
        .iter()
        .map(|a| {
            let title = cx.lang.each(|l| {
                let item = l.t(
                    "report.session",
                    &[
                        ("day", &a.day.to_string()),
                        ("start", &a.starts_at),
                        ("end", &a.ends_at),
                        ("title", &l.pick(&a.title)),
                    ],
                );
                if a.deleted {
                    l.t("report.session_removed", &[("session", &item)])
                } else {
                    item
                }
            });
            (title, Within::Session(Some(a.id.as_str())))
        })
        .collect();
    sessions.push((cx.t("session.none"), Within::Session(None)));
    for (i, (title, within)) in sessions.into_iter().enumerate() {
        let worked: Vec<&&Group> = groups
            .iter()
            .filter(|g| {
                notes
                    .iter()
                    .any(|n| n.group_id == g.id && cx.keeps(within, n.agenda_item_id.as_deref()))
                    || g.focus_area_ids
                        .iter()
                        .any(|f| has_cards(cx, &g.id, f, within))
            })
            .collect();
        // A breakout on the agenda is listed even when nothing was taken in it (the reader
        // sees the gap); any other session, and "outside any session", only with work in it.
        let breakout = agenda
            .get(i)
            .is_some_and(|a| !a.deleted && a.kind == AgendaKind::Breakout);
        if worked.is_empty() && !breakout {
            continue;
        }
        out.push(heading(2, title));
        if worked.is_empty() {
            out.push(Block::Note(cx.t("report.no_notes")));
        }
        for g in worked {
            out.push(heading(3, cx.tp("group.label", &[("name", &g.name)])));
            group_work(cx, g, &notes, within, out);
        }
    }
}

/// Whether a group's board for a focus area has cards `within`.
fn has_cards(cx: &Ctx<'_>, group: &str, focus: &str, within: Within<'_>) -> bool {
    cx.dump.swot_cards.iter().any(|c| {
        !c.deleted
            && c.group_id == group
            && c.focus_area_id == focus
            && cx.keeps(within, c.agenda_item_id.as_deref())
    })
}

/// A group's notes by guiding question (key points first) and its SWOT boards, `within` a
/// session or all of them: each question and board a heading under the group's (one level
/// further down session by session, where only the questions with notes then are named).
fn group_work(cx: &Ctx<'_>, g: &Group, notes: &[&Note], within: Within<'_>, out: &mut Vec<Block>) {
    let nested = within != Within::Anywhere;
    let here: Vec<&Note> = notes
        .iter()
        .copied()
        .filter(|n| n.group_id == g.id && cx.keeps(within, n.agenda_item_id.as_deref()))
        .collect();
    let title = |text: String| heading(if nested { 4 } else { 3 }, text);
    if here.is_empty() && !nested {
        out.push(Block::Note(cx.t("report.no_notes")));
    }
    // Live questions in their order, then retired ones that have notes here.
    let mut questions: Vec<&GuidingQuestion> = cx
        .dump
        .guiding_questions
        .iter()
        .filter(|q| {
            let has_notes = here.iter().any(|n| n.question_id == q.id);
            if q.deleted || nested {
                has_notes
            } else {
                !here.is_empty()
            }
        })
        .collect();
    questions.sort_by_key(|q| (q.deleted, q.number, q.id.clone()));
    for q in questions {
        out.push(title(cx.lang.each(|l| {
            if q.deleted {
                retired_mark(l, l.pick(&q.text), true)
            } else {
                format!(
                    "{} {}",
                    l.t("question.short", &[("n", &q.number.to_string())]),
                    l.pick(&q.text)
                )
            }
        })));
        let these: Vec<&Note> = here
            .iter()
            .copied()
            .filter(|n| n.question_id == q.id)
            .collect();
        if these.is_empty() {
            out.push(Block::Note(cx.t("report.no_notes")));
            continue;
        }
        let (key, other): (Vec<&Note>, Vec<&Note>) = these.iter().partition(|n| n.key_point);
        if !key.is_empty() {
            out.push(Block::Paragraph(cx.t("report.key_points")));
            out.push(Block::Bullets(
                key.iter().map(|n| cx.note_text(n)).collect(),
            ));
        }
        if !other.is_empty() {
            if !key.is_empty() {
                out.push(Block::Paragraph(cx.t("report.other_notes")));
            }
            out.push(Block::Bullets(
                other.iter().map(|n| cx.note_text(n)).collect(),
            ));
        }
    }
    for fid in &g.focus_area_ids {
        let Some(f) = cx.focus(fid) else {
            continue;
        };
        let quadrants = QUADRANTS.map(|q| crate::doc::Quadrant {
            label: cx.t(&format!("swot.quadrant.{}", code(&q))),
            items: swot_items_within(cx, &g.id, fid, q, within)
                .into_iter()
                .map(|(_, t)| t)
                .collect(),
        });
        if quadrants.iter().all(|q| q.items.is_empty()) {
            continue;
        }
        out.push(title(cx.lang.each(|l| {
            l.t(
                "report.swot",
                &[("focus", &retired_mark(l, l.pick(&f.name), f.deleted))],
            )
        })));
        out.push(Block::Swot(SwotGrid { quadrants }));
    }
}

fn across(cx: &Ctx<'_>, out: &mut Vec<Block>) {
    out.push(heading(1, cx.t("report.across")));
    // Coverage: notes count in every focus area of their group (as the coordinator's matrix).
    let notes = live_notes(cx.dump);
    let groups = live_groups(cx.dump);
    let rows: Vec<BarRow> = reported_focus_areas(cx.dump)
        .into_iter()
        .map(|f| {
            let in_groups: Vec<&str> = groups
                .iter()
                .filter(|g| g.focus_area_ids.contains(&f.id))
                .map(|g| g.id.as_str())
                .collect();
            let n = notes
                .iter()
                .filter(|n| in_groups.contains(&n.group_id.as_str()))
                .count();
            let c = cx
                .dump
                .swot_cards
                .iter()
                .filter(|c| !c.deleted && c.focus_area_id == f.id)
                .count();
            let kind = cx.t(match f.kind {
                FocusAreaKind::Pillar => "focus.pillar",
                FocusAreaKind::Element => "focus.element",
            });
            BarRow {
                label: format!("{kind}: {}", cx.focus_label(f)),
                values: [n as u32, c as u32],
            }
        })
        .collect();
    out.push(heading(2, cx.t("report.coverage")));
    out.push(Block::Note(cx.t("report.coverage_hint")));
    if !rows.is_empty() {
        out.push(Block::Chart(Chart::Bars {
            title: cx.t("report.coverage"),
            series: [cx.t("report.series_notes"), cx.t("report.series_cards")],
            rows,
        }));
    }

    out.push(heading(2, cx.t("report.top_voted")));
    for q in QUADRANTS {
        out.push(heading(3, cx.t(&format!("swot.quadrant.{}", code(&q)))));
        let mut all: Vec<(u32, String)> = Vec::new();
        for g in &groups {
            for fid in &g.focus_area_ids {
                for (v, text) in swot_items(cx, &g.id, fid, q) {
                    if v > 0 {
                        all.push((
                            v,
                            format!("{text} · {}", cx.tp("group.label", &[("name", &g.name)])),
                        ));
                    }
                }
            }
        }
        all.sort_by(|a, b| b.0.cmp(&a.0).then(a.1.cmp(&b.1)));
        all.truncate(5);
        if all.is_empty() {
            out.push(Block::Note(cx.t("report.none_yet")));
        } else {
            out.push(Block::Bullets(all.into_iter().map(|(_, t)| t).collect()));
        }
    }

    out.push(heading(2, cx.t("report.tags")));
    let mut tags: BTreeMap<String, usize> = BTreeMap::new();
    for n in &notes {
        for t in &n.tags {
            let t = t.trim();
            if !t.is_empty() {
                *tags.entry(t.to_lowercase()).or_default() += 1;
            }
        }
    }
    let mut recurring: Vec<(String, usize)> = tags.into_iter().filter(|(_, n)| *n > 1).collect();
    recurring.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(&b.0)));
    if recurring.is_empty() {
        out.push(Block::Note(cx.t("report.no_tags")));
    } else {
        out.push(Block::Bullets(
            recurring
                .into_iter()
                .map(|(t, n)| cx.tp("report.tag_count", &[("tag", &t), ("n", &n.to_string())]))
                .collect(),
        ));
    }
}

/// A date's quarter as (year, 1–4), from `YYYY-MM-DD`.
/// A date outside the years Sala accepts (one received from elsewhere) has none: it is
/// flagged where it is written, never drawn.
pub(crate) fn quarter(date: &str) -> Option<(u32, u32)> {
    if !sala_core::template::is_plausible_date(date) {
        return None;
    }
    let year: u32 = date.get(0..4)?.parse().ok()?;
    let month: u32 = date.get(5..7)?.parse().ok()?;
    (1..=12)
        .contains(&month)
        .then_some((year, (month - 1) / 3 + 1))
}

/// Live actions grouped by focus area (pillars, elements, then those tied to none), each group
/// in plan order: due date, then title.
pub(crate) fn actions_by_focus(d: &Dump) -> Vec<(Option<&FocusArea>, Vec<&Action>)> {
    let mut out: Vec<(Option<&FocusArea>, Vec<&Action>)> = Vec::new();
    let live: Vec<&Action> = d.actions.iter().filter(|a| !a.deleted).collect();
    let order = |a: &&Action| {
        (
            a.due_date.clone().unwrap_or_else(|| "9999".into()),
            a.title.clone(),
            a.id.clone(),
        )
    };
    for f in reported_focus_areas(d) {
        let mut here: Vec<&Action> = live
            .iter()
            .copied()
            .filter(|a| a.focus_area_id.as_deref() == Some(&f.id))
            .collect();
        here.sort_by_key(order);
        if !here.is_empty() {
            out.push((Some(f), here));
        }
    }
    let known: Vec<&str> = reported_focus_areas(d)
        .iter()
        .map(|f| f.id.as_str())
        .collect();
    let mut rest: Vec<&Action> = live
        .iter()
        .copied()
        .filter(|a| {
            a.focus_area_id
                .as_deref()
                .is_none_or(|f| !known.contains(&f))
        })
        .collect();
    rest.sort_by_key(order);
    if !rest.is_empty() {
        out.push((None, rest));
    }
    out
}

/// "2023-07-01 → 2023-12-31", or the horizon, or a dash.
/// A date outside 2000–2100 (received from another laptop) is written as it is, flagged.
pub(crate) fn action_when(lang: ReportLang, a: &Action) -> String {
    let shown = |iso: &String| {
        if sala_core::template::is_plausible_date(iso) {
            iso.clone()
        } else {
            format!("{iso} ({})", lang.t("report.date_to_check", &[]))
        }
    };
    let (start, due) = (
        a.start_date.as_ref().map(shown),
        a.due_date.as_ref().map(shown),
    );
    match (&start, &due, &a.horizon) {
        (Some(s), Some(e), _) => format!("{s} → {e}"),
        (None, Some(e), _) => format!("→ {e}"),
        (Some(s), None, _) => format!("{s} →"),
        (None, None, Some(h)) => lang.t(&format!("action.horizon.{}", code(h)), &[]),
        (None, None, None) => lang.t("action.none", &[]),
    }
}

fn action_plan(cx: &Ctx<'_>, out: &mut Vec<Block>) {
    out.push(Block::PageBreak);
    out.push(heading(1, cx.t("report.actions")));
    let grouped = actions_by_focus(cx.dump);
    if grouped.is_empty() {
        out.push(Block::Note(cx.t("report.no_actions")));
        return;
    }
    let header = vec![
        cx.t("action.field.title"),
        cx.t("action.field.responsible"),
        cx.t("action.field.partners"),
        cx.t("report.when"),
        cx.t("action.field.priority"),
        cx.t("action.field.status"),
    ];
    for (f, actions) in &grouped {
        let name = f.map_or_else(|| cx.t("report.no_focus"), |f| cx.focus_label(f));
        out.push(heading(2, name));
        out.push(Block::Table(Table {
            header: header.clone(),
            rows: actions
                .iter()
                .map(|a| {
                    vec![
                        if a.description.trim().is_empty() {
                            a.title.clone()
                        } else {
                            format!("{} — {}", a.title, a.description)
                        },
                        a.responsible.clone(),
                        a.partners.clone(),
                        action_when(cx.lang, a),
                        cx.t(&format!("action.priority.{}", code(&a.priority))),
                        cx.t(&format!("action.status.{}", code(&a.status))),
                    ]
                })
                .collect(),
        }));
    }
    // The timeline: every dated action across the quarters from the first to the last.
    // (lane, action, first quarter, last quarter)
    type Dated<'a> = (String, &'a Action, (u32, u32), (u32, u32));
    let dated: Vec<Dated<'_>> = grouped
        .iter()
        .flat_map(|(f, actions)| {
            let lane = f.map_or_else(|| cx.t("report.no_focus"), |f| cx.focus_label(f));
            actions.iter().filter_map(move |a| {
                let due = a.due_date.as_deref().and_then(quarter);
                let start = a.start_date.as_deref().and_then(quarter).or(due)?;
                Some((lane.clone(), *a, start, due.unwrap_or(start)))
            })
        })
        .collect();
    let (Some(first), Some(last)) = (
        dated.iter().map(|d| d.2.min(d.3)).min(),
        dated.iter().map(|d| d.3.max(d.2)).max(),
    ) else {
        return;
    };
    let mut periods = Vec::new();
    let mut q = first;
    while q <= last && periods.len() < 40 {
        periods.push(q);
        q = if q.1 == 4 {
            (q.0 + 1, 1)
        } else {
            (q.0, q.1 + 1)
        };
    }
    let index = |q: (u32, u32)| {
        periods
            .iter()
            .position(|p| *p == q)
            .unwrap_or(periods.len().saturating_sub(1))
    };
    let rows: Vec<Span> = dated
        .iter()
        .map(|(lane, a, s, e)| Span {
            label: a.title.clone(),
            lane: lane.clone(),
            from: index(*s.min(e)),
            to: index(*s.max(e)),
        })
        .collect();
    let title = cx.t("report.timeline");
    out.push(heading(2, title.clone()));
    out.push(Block::Chart(Chart::Timeline {
        title,
        columns: [
            cx.t("action.field.focus_area"),
            cx.t("action.field.title"),
            cx.t("report.when"),
        ],
        periods: periods
            .iter()
            .map(|(y, q)| {
                cx.tp(
                    "action.quarter",
                    &[("q", &q.to_string()), ("year", &y.to_string())],
                )
            })
            .collect(),
        rows,
    }));
}

fn annex(cx: &Ctx<'_>, out: &mut Vec<Block>) {
    out.push(Block::PageBreak);
    out.push(heading(1, cx.t("report.annex")));
    let notes = live_notes(cx.dump);
    if notes.is_empty() {
        out.push(Block::Note(cx.t("report.no_notes")));
        return;
    }
    let group = |id: &str| {
        cx.dump
            .groups
            .iter()
            .find(|g| g.id == id)
            .map_or_else(String::new, |g| g.name.clone())
    };
    let question = |id: &str| {
        cx.dump
            .guiding_questions
            .iter()
            .find(|q| q.id == id)
            .map_or_else(String::new, |q| {
                cx.tp("question.short", &[("n", &q.number.to_string())])
            })
    };
    // Looked up once per note: a workshop of 20,000 notes must not read 20,000 × 20,000.
    let provenance: std::collections::BTreeMap<&str, &sala_core::api::Provenance> = cx
        .dump
        .provenance
        .iter()
        .map(|p| (p.id.as_str(), p))
        .collect();
    let by = |n: &Note| {
        let p = provenance.get(n.id.as_str()).copied();
        let created = cx.table_name(p.map_or(n.device_id.as_str(), |p| p.created_by.as_str()));
        match p {
            Some(p) if p.edited_by != p.created_by => cx.tp(
                "report.edited_by",
                &[
                    ("created", &created),
                    ("edited", &cx.table_name(&p.edited_by)),
                ],
            ),
            _ => created,
        }
    };
    // By group, then question, then the order they were taken in.
    let mut rows: Vec<(String, u32, &Note)> = notes
        .iter()
        .map(|n| {
            let number = cx
                .dump
                .guiding_questions
                .iter()
                .find(|q| q.id == n.question_id)
                .map_or(0, |q| q.number);
            (group(&n.group_id), number, *n)
        })
        .collect();
    rows.sort_by(|a, b| (&a.0, a.1).cmp(&(&b.0, b.1)));
    out.push(Block::Table(Table {
        header: vec![
            cx.t("report.col_group"),
            cx.t("report.col_question"),
            cx.t("report.col_note"),
            cx.t("report.col_table"),
        ],
        rows: rows
            .into_iter()
            .map(|(g, _, n)| vec![g, question(&n.question_id), cx.note_text(n), by(n)])
            .collect(),
    }));
}

/// The surveys that have answers: for each, how many responded; the knowledge before and after
/// per pillar and element; each rating's mean; each choice question's counts. Free-text answers
/// stay out of the report (they can name people); they are in the app and the export.
fn surveys(cx: &Ctx<'_>, out: &mut Vec<Block>) {
    use sala_core::survey::{
        QuestionKind, SurveyForm, SurveyKind, knowledge_change, latest_versions, results,
    };
    let d = cx.dump;
    let answered: Vec<&SurveyForm> = latest_versions(&d.survey_forms)
        .into_iter()
        .filter(|f| {
            d.survey_responses
                .iter()
                .any(|r| !r.deleted && r.form_id == f.form_id)
        })
        .collect();
    if answered.is_empty() {
        return;
    }
    out.push(heading(1, cx.t("report.surveys")));
    let of = |k: SurveyKind| answered.iter().copied().find(|f| f.kind == k);
    if let (Some(pre), Some(post)) = (of(SurveyKind::Pre), of(SurveyKind::Post)) {
        let change = knowledge_change(pre, &d.survey_responses, post, &d.survey_responses);
        let name = |code: &str| {
            d.focus_areas
                .iter()
                .find(|f| f.code == code)
                .map_or_else(|| code.to_owned(), |f| cx.lang.pick(&f.name))
        };
        out.push(heading(2, cx.t("report.knowledge")));
        out.push(Block::Chart(crate::chart::Chart::Compare {
            title: cx.t("report.knowledge"),
            rows_are: cx.t("action.field.focus_area"),
            series: [cx.t("survey.before"), cx.t("survey.after")],
            // The top of the knowledge scales (5 on the built-in forms).
            max: [pre, post]
                .iter()
                .flat_map(|f| f.questions())
                .filter(|q| q.topic.is_some())
                .filter_map(|q| match q.kind {
                    QuestionKind::Rating { max, .. } => Some(f64::from(max)),
                    _ => None,
                })
                .fold(0.0, f64::max)
                .max(1.0),
            rows: change
                .iter()
                .map(|c| crate::chart::CompareRow {
                    label: name(&c.topic),
                    values: [c.before, c.after],
                    counts: [c.before_n, c.after_n],
                })
                .collect(),
        }));
    }
    for f in answered {
        let responses: Vec<_> = d
            .survey_responses
            .iter()
            .filter(|r| r.form_id == f.form_id)
            .cloned()
            .collect();
        let res = results(f, &responses);
        let count = responses.iter().filter(|r| !r.deleted).count();
        out.push(heading(2, cx.lang.pick(&f.title)));
        out.push(Block::Paragraph(
            cx.tp("survey.responses", &[("n", &count.to_string())]),
        ));
        let mut ratings = Vec::new();
        for (q, r) in f.questions().zip(&res) {
            match &q.kind {
                QuestionKind::Rating { min, max, .. } if q.topic.is_none() => ratings.push(vec![
                    cx.lang.pick(&q.text),
                    r.mean
                        .map_or_else(|| "—".to_owned(), |m| format!("{m:.2} ({min}–{max})")),
                    r.answered.to_string(),
                ]),
                QuestionKind::Single { options } | QuestionKind::Multiple { options }
                    if r.answered > 0 =>
                {
                    out.push(Block::Paragraph(cx.lang.pick(&q.text)));
                    out.push(Block::Bullets(
                        r.distribution
                            .iter()
                            .map(|(k, n)| {
                                let label = options
                                    .iter()
                                    .find(|o| &o.key == k)
                                    .map_or_else(|| k.clone(), |o| cx.lang.pick(&o.label));
                                format!("{label}: {n}")
                            })
                            .collect(),
                    ));
                }
                _ => {}
            }
        }
        if !ratings.is_empty() {
            out.push(Block::Table(Table {
                header: vec![
                    cx.t("report.col_question"),
                    cx.t("report.mean"),
                    cx.t("report.count"),
                ],
                rows: ratings,
            }));
        }
    }
}
