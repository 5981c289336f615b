//! The follow-up action plan by focus area, with its timeline.

use super::*;

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

pub(super) fn action_plan(cx: &Ctx<'_>, out: &mut Vec<Block>) {
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
    timeline(cx, &grouped, out);
}

/// The plan's timeline: every dated action across the quarters from the first to the last
/// (at most 40), in lanes by focus area.
fn timeline(cx: &Ctx<'_>, grouped: &[(Option<&FocusArea>, Vec<&Action>)], out: &mut Vec<Block>) {
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
