//! The report group by group, or session by session of the agenda: each group's focus areas,
//! its notes under each guiding question, its SWOT boards.

use super::*;

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
pub(super) fn swot_items_within(
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

pub(super) const QUADRANTS: [Quadrant; 4] = [
    Quadrant::Strengths,
    Quadrant::Weaknesses,
    Quadrant::Opportunities,
    Quadrant::Threats,
];

/// Which of a group's notes and cards a part of the report shows: all of them, or those taken
/// in one session of the agenda (`None`: those taken outside any session).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Within<'s> {
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
pub(super) fn retired_mark(l: ReportLang, name: String, retired: bool) -> String {
    if retired {
        l.t("report.retired", &[("name", &name)])
    } else {
        name
    }
}

pub(super) fn groups(cx: &Ctx<'_>, out: &mut Vec<Block>) {
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
pub(super) fn sessions(cx: &Ctx<'_>, out: &mut Vec<Block>) {
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
pub(super) fn has_cards(cx: &Ctx<'_>, group: &str, focus: &str, within: Within<'_>) -> bool {
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
pub(super) fn group_work(
    cx: &Ctx<'_>,
    g: &Group,
    notes: &[&Note],
    within: Within<'_>,
    out: &mut Vec<Block>,
) {
    let nested = within != Within::Anywhere;
    let here: Vec<&Note> = notes
        .iter()
        .copied()
        .filter(|n| n.group_id == g.id && cx.keeps(within, n.agenda_item_id.as_deref()))
        .collect();
    let title = |text: String| heading(level(within), text);
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
            let has_pictures = !nested && !cx.pictures_of(g, Place::Question(&q.id)).is_empty();
            if q.deleted || nested {
                has_notes
            } else {
                !here.is_empty() || has_pictures
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
        } else {
            notes_under(cx, &these, out);
        }
        if !nested {
            figures(cx, cx.pictures_of(g, Place::Question(&q.id)), out);
        }
    }
    boards(cx, g, within, out);
    if !nested {
        let rest = cx.pictures_of(g, Place::Elsewhere);
        if !rest.is_empty() {
            out.push(title(cx.t("report.pictures")));
            figures(cx, rest, out);
        }
    }
}

/// Where in a group's part of the report a picture goes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Place<'p> {
    /// Under a guiding question (attached to it, or to one of its notes).
    Question(&'p str),
    /// Under the SWOT board of a focus area.
    Board(&'p str),
    /// Under the group's own heading "Pictures" (the group's work as a whole, or a question
    /// or board the report does not show).
    Elsewhere,
}

impl Ctx<'_> {
    /// The group's live pictures that have arrived, in the order added, that go in `place`.
    pub(super) fn pictures_of(&self, g: &Group, place: Place<'_>) -> Vec<&Picture> {
        let Some(files) = self.pictures else {
            return Vec::new();
        };
        let question_of = |p: &Picture| -> Option<String> {
            p.question_id.clone().or_else(|| {
                let note = p.note_id.as_ref()?;
                let n = self
                    .dump
                    .notes
                    .iter()
                    .find(|n| &n.id == note && !n.deleted)?;
                Some(n.question_id.clone())
            })
        };
        let shown_question = |q: &str| {
            self.dump
                .guiding_questions
                .iter()
                .any(|x| x.id == q && !x.deleted)
        };
        let shown_board = |f: &str| g.focus_area_ids.iter().any(|x| x == f);
        self.dump
            .pictures
            .iter()
            .filter(|p| p.group_id == g.id && !p.deleted && files.contains_key(&p.content))
            .filter(|p| {
                let question = question_of(p).filter(|q| shown_question(q));
                let board = p.focus_area_id.as_deref().filter(|f| shown_board(f));
                match place {
                    Place::Question(q) => question.as_deref() == Some(q),
                    Place::Board(f) => question.is_none() && board == Some(f),
                    Place::Elsewhere => question.is_none() && board.is_none(),
                }
            })
            .collect()
    }
}

/// Pictures, each with its caption and the table that took it.
fn figures(cx: &Ctx<'_>, pictures: Vec<&Picture>, out: &mut Vec<Block>) {
    let Some(files) = cx.pictures else {
        return;
    };
    for p in pictures {
        let Some(bytes) = files.get(&p.content) else {
            continue;
        };
        let what = if p.caption.trim().is_empty() {
            cx.t("report.picture_untitled")
        } else {
            p.caption.trim().to_owned()
        };
        out.push(Block::Picture(Figure {
            content: p.content.clone(),
            format: p.format,
            width: p.width,
            height: p.height,
            caption: cx.tp(
                "report.picture_caption",
                &[("caption", &what), ("table", &cx.table_name(&p.device))],
            ),
            bytes: bytes.clone(),
        }));
    }
}

/// A question's notes: the key points first, then the others.
fn notes_under(cx: &Ctx<'_>, these: &[&Note], out: &mut Vec<Block>) {
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

/// The group's SWOT boards (those with cards within the part of the day reported).
fn boards(cx: &Ctx<'_>, g: &Group, within: Within<'_>, out: &mut Vec<Block>) {
    let title = |text: String| heading(level(within), text);
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
        let pictures = if within == Within::Anywhere {
            cx.pictures_of(g, Place::Board(fid))
        } else {
            Vec::new()
        };
        let no_cards = quadrants.iter().all(|q| q.items.is_empty());
        if no_cards && pictures.is_empty() {
            continue;
        }
        out.push(title(cx.lang.each(|l| {
            l.t(
                "report.swot",
                &[("focus", &retired_mark(l, l.pick(&f.name), f.deleted))],
            )
        })));
        if !no_cards {
            out.push(Block::Swot(SwotGrid { quadrants }));
        }
        figures(cx, pictures, out);
    }
}

/// The heading level of what a group did: under the group, or under a session within it.
fn level(within: Within<'_>) -> u8 {
    if within == Within::Anywhere { 3 } else { 4 }
}
