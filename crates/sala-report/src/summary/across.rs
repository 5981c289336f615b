//! Across the groups: the coverage of pillars and elements, the most-voted items per
//! quadrant, the recurring tags.

use super::*;

pub(super) fn across(cx: &Ctx<'_>, out: &mut Vec<Block>) {
    out.push(heading(1, cx.t("report.across")));
    let notes = live_notes(cx.dump);
    let groups = live_groups(cx.dump);
    coverage(cx, &notes, &groups, out);
    top_voted(cx, &groups, out);
    recurring_tags(cx, &notes, out);
}

/// Notes and cards per focus area (a note counts in every focus area of its group, as in the
/// coordinator's matrix).
fn coverage(cx: &Ctx<'_>, notes: &[&Note], groups: &[&Group], out: &mut Vec<Block>) {
    // Coverage: notes count in every focus area of their group (as the coordinator's matrix).
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
}

/// The five cards with most dots in each quadrant, across every group.
fn top_voted(cx: &Ctx<'_>, groups: &[&Group], out: &mut Vec<Block>) {
    out.push(heading(2, cx.t("report.top_voted")));
    for q in QUADRANTS {
        out.push(heading(3, cx.t(&format!("swot.quadrant.{}", code(&q)))));
        let mut all: Vec<(u32, String)> = Vec::new();
        for g in groups {
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
}

/// Tags used on more than one note, most used first.
fn recurring_tags(cx: &Ctx<'_>, notes: &[&Note], out: &mut Vec<Block>) {
    out.push(heading(2, cx.t("report.tags")));
    let mut tags: BTreeMap<String, usize> = BTreeMap::new();
    for n in notes {
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
