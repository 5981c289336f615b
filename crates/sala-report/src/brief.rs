//! A policy-brief draft, about two pages, from the same merged workshop: the context, key
//! findings per pillar (the groups' key points and most-voted SWOT items on it), priority
//! recommendations taken from the highest-priority actions, and the next steps with their
//! dates. A draft for people to rewrite, never a finished text: it says so.

use sala_core::model::{Action, FocusAreaKind, Priority, Quadrant};

use crate::doc::{Block, Document};
use crate::summary::{
    Ctx, Input, action_when, heading, live_focus_areas, live_groups, live_notes, swot_items,
};

/// At most this many findings per pillar, recommendations, and next steps: the brief stays short.
const FINDINGS: usize = 5;
const RECOMMENDATIONS: usize = 6;
const NEXT_STEPS: usize = 8;

pub fn brief(input: Input<'_>) -> Document {
    let cx = Ctx::new(input);
    let lang = cx.lang;
    let title = cx
        .dump
        .workshop
        .as_ref()
        .map_or_else(|| cx.t("brief.title"), |w| lang.pick(&w.title));
    let mut blocks = Vec::new();
    context(&cx, &mut blocks);
    findings(&cx, &mut blocks);
    let live: Vec<&Action> = cx.dump.actions.iter().filter(|a| !a.deleted).collect();
    recommendations(&cx, &live, &mut blocks);
    next_steps(&cx, &live, &mut blocks);
    blocks.push(Block::Note(cx.t("brief.draft_note")));
    Document {
        title,
        subtitle: vec![cx.t("brief.title")],
        blocks,
        contents_label: cx.t("report.contents"),
        page_label: cx.t("report.page"),
        lang_tag: lang.ui().code().to_owned(),
    }
}

/// What the workshop was: its title, dates, venue, organisers, participants and groups.
fn context(cx: &Ctx<'_>, out: &mut Vec<Block>) {
    let d = cx.dump;
    out.push(heading(1, cx.t("brief.context")));
    let Some(w) = &d.workshop else { return };
    let people = d
        .participants
        .iter()
        .filter(|p| !p.deleted)
        .count()
        .to_string();
    let groups = live_groups(d).len().to_string();
    out.push(Block::Paragraph(cx.lang.each(|l| {
        l.t(
            "brief.context_text",
            &[
                ("title", &l.pick(&w.title)),
                ("start", &w.start_date),
                ("end", &w.end_date),
                ("venue", &l.pick(&w.venue)),
                ("organisers", &l.pick(&w.organisers)),
                ("n", &people),
                ("groups", &groups),
            ],
        )
    })));
}

/// Per pillar: the key points of the groups on it, then its boards' most-voted SWOT items.
fn findings(cx: &Ctx<'_>, out: &mut Vec<Block>) {
    let d = cx.dump;
    out.push(heading(1, cx.t("brief.findings")));
    let notes = live_notes(d);
    let groups = live_groups(d);
    for pillar in live_focus_areas(d)
        .into_iter()
        .filter(|f| f.kind == FocusAreaKind::Pillar)
    {
        out.push(heading(2, cx.lang.pick(&pillar.name)));
        let on_it: Vec<_> = groups
            .iter()
            .filter(|g| g.focus_area_ids.contains(&pillar.id))
            .collect();
        let mut found: Vec<String> = notes
            .iter()
            .filter(|n| n.key_point && on_it.iter().any(|g| g.id == n.group_id))
            .map(|n| cx.note_text(n))
            .collect();
        // The most-voted weaknesses and opportunities on this pillar's boards.
        for q in [
            Quadrant::Weaknesses,
            Quadrant::Opportunities,
            Quadrant::Strengths,
            Quadrant::Threats,
        ] {
            let mut items: Vec<(u32, String)> = on_it
                .iter()
                .flat_map(|g| swot_items(cx, &g.id, &pillar.id, q))
                .filter(|(v, _)| *v > 0)
                .collect();
            items.sort_by(|a, b| b.0.cmp(&a.0).then(a.1.cmp(&b.1)));
            let quadrant = cx.t(&format!("swot.quadrant.{}", crate::summary::code(&q)));
            found.extend(
                items
                    .into_iter()
                    .take(2)
                    .map(|(_, t)| format!("{quadrant}: {t}")),
            );
        }
        found.truncate(FINDINGS);
        if found.is_empty() {
            out.push(Block::Note(cx.t("brief.no_findings")));
        } else {
            out.push(Block::Bullets(found));
        }
    }
}

/// The high- and medium-priority actions, the highest and soonest first, with who leads them.
fn recommendations(cx: &Ctx<'_>, live: &[&Action], out: &mut Vec<Block>) {
    out.push(heading(1, cx.t("brief.recommendations")));
    let rank = |p: Priority| match p {
        Priority::High => 0,
        Priority::Medium => 1,
        Priority::Low => 2,
    };
    let mut by_priority = live.to_vec();
    by_priority.sort_by_key(|a| {
        (
            rank(a.priority),
            a.due_date.clone().unwrap_or_else(|| "9999".into()),
            a.title.clone(),
            a.id.clone(),
        )
    });
    let recommended: Vec<String> = by_priority
        .iter()
        .filter(|a| a.priority != Priority::Low)
        .take(RECOMMENDATIONS)
        .map(|a| {
            let mut s = a.title.clone();
            if !a.description.trim().is_empty() {
                s.push_str(&format!(": {}", a.description));
            }
            if !a.responsible.trim().is_empty() {
                s.push_str(&format!(
                    " ({})",
                    cx.tp("brief.lead", &[("who", &a.responsible)])
                ));
            }
            s
        })
        .collect();
    if recommended.is_empty() {
        out.push(Block::Note(cx.t("brief.no_recommendations")));
    } else {
        out.push(Block::Bullets(recommended));
    }
}

/// The dated actions in the order they start (or are due), with who is responsible.
fn next_steps(cx: &Ctx<'_>, live: &[&Action], out: &mut Vec<Block>) {
    out.push(heading(1, cx.t("brief.next_steps")));
    let mut dated: Vec<&Action> = live
        .iter()
        .copied()
        .filter(|a| a.start_date.is_some() || a.due_date.is_some())
        .collect();
    dated.sort_by_key(|a| {
        (
            a.start_date.clone().or_else(|| a.due_date.clone()),
            a.title.clone(),
            a.id.clone(),
        )
    });
    if dated.is_empty() {
        out.push(Block::Note(cx.t("brief.no_next_steps")));
        return;
    }
    out.push(Block::Bullets(
        dated
            .iter()
            .take(NEXT_STEPS)
            .map(|a| {
                let who = if a.responsible.trim().is_empty() {
                    String::new()
                } else {
                    format!(" — {}", a.responsible)
                };
                format!("{}: {}{who}", action_when(cx.lang, a), a.title)
            })
            .collect(),
    ));
}
