//! The annex (every note and which table took it) and the surveys' results.

use super::*;

pub(super) fn annex(cx: &Ctx<'_>, out: &mut Vec<Block>) {
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
pub(super) fn surveys(cx: &Ctx<'_>, out: &mut Vec<Block>) {
    use sala_core::survey::{SurveyForm, SurveyKind, latest_versions};
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
        knowledge(cx, pre, post, out);
    }
    for f in answered {
        form_results(cx, f, out);
    }
}

/// Self-assessed knowledge per focus area, before and after the workshop.
fn knowledge(
    cx: &Ctx<'_>,
    pre: &sala_core::survey::SurveyForm,
    post: &sala_core::survey::SurveyForm,
    out: &mut Vec<Block>,
) {
    use sala_core::survey::{QuestionKind, knowledge_change};
    let d = cx.dump;
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

/// One form's results: how many answered, each choice question's answers, the ratings' means.
fn form_results(cx: &Ctx<'_>, f: &sala_core::survey::SurveyForm, out: &mut Vec<Block>) {
    use sala_core::survey::{QuestionKind, results};
    let d = cx.dump;
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
