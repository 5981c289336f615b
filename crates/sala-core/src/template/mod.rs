//! Workshop templates and workshop descriptions are data, not code.
//!
//! A **template** (`templates/*.toml`, format documented in `docs/templates.md`) gives the focus
//! areas, guiding questions and an agenda. A **workshop file** names a template and adds the
//! workshop's own facts and its breakout groups; the demo workshop is one. Both are parsed and
//! checked here; the store turns them into rows (as ops).

mod dates;
mod draft;

pub use dates::*;
pub use draft::*;

use std::collections::BTreeSet;

use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::error::{ErrorCode, Result, SalaError};
use crate::model::{AgendaKind, Bilingual, FocusAreaKind};

/// The template and workshop file format this Sala writes. Format 2 lets a bilingual text leave
/// one language empty (a coordinator often has only one at first); format 1 files, which have
/// both, are read as before.
pub const TEMPLATE_FORMAT: u32 = 2;
/// The oldest format this Sala reads.
pub const OLDEST_TEMPLATE_FORMAT: u32 = 1;

const BUILTIN_TEMPLATE: &str = include_str!("../../../../templates/national-data-governance.toml");
const BLANK_TEMPLATE: &str = include_str!("../../../../templates/blank.toml");
const DEMO_WORKSHOP: &str = include_str!("../../../../templates/demo-lao-pdr-2023.toml");

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Template {
    pub format: u32,
    pub id: String,
    pub name: Bilingual,
    pub days: u32,
    pub focus_areas: Vec<TemplateFocusArea>,
    pub guiding_questions: Vec<TemplateQuestion>,
    #[serde(default)]
    pub agenda: Vec<TemplateAgendaItem>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct TemplateFocusArea {
    pub kind: FocusAreaKind,
    pub code: String,
    pub name: Bilingual,
    #[serde(default)]
    pub description: Bilingual,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct TemplateQuestion {
    pub number: u32,
    pub text: Bilingual,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct TemplateAgendaItem {
    pub day: u32,
    pub starts_at: String,
    pub ends_at: String,
    pub kind: AgendaKind,
    pub title: Bilingual,
    #[serde(default)]
    pub room: String,
}

/// A workshop to create from a template: its facts and its groups.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct WorkshopSpec {
    pub format: u32,
    pub template: String,
    pub title: Bilingual,
    pub start_date: String,
    pub end_date: String,
    pub venue: Bilingual,
    pub organisers: Bilingual,
    #[serde(default)]
    pub objectives: Vec<Bilingual>,
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub demo: bool,
    #[serde(default)]
    pub groups: Vec<GroupSpec>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(deny_unknown_fields)]
pub struct GroupSpec {
    pub name: String,
    /// Focus-area codes of the template.
    pub focus_areas: Vec<String>,
    #[serde(default)]
    pub facilitator: String,
    #[serde(default)]
    pub note_taker: String,
}

/// What is wrong with a template, a workshop file or a workshop being set up — each said in
/// words where it is shown (`template.problem.<kind>` in the locale files).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum TemplateProblem {
    /// Not TOML, or a key or value that does not belong; `line` when the file says where.
    Syntax { line: Option<u32>, detail: String },
    /// A format this Sala does not read.
    Format { found: u32, known: u32 },
    /// The template has no name in either language.
    NoName,
    /// A template of zero days.
    NoDays,
    /// A focus area's code is empty, repeated, or not letters, digits and dashes.
    FocusAreaCode { code: String },
    /// A focus area has no name in either language.
    FocusAreaName { code: String },
    /// A guiding question has no text in either language.
    QuestionText { number: u32 },
    /// Guiding questions are not numbered 1, 2, 3… in order.
    QuestionOrder,
    /// An agenda item on a day the workshop does not have.
    AgendaDay { day: u32, days: u32 },
    /// An agenda item's times are not `HH:MM`, or it ends before it starts.
    AgendaTimes { starts_at: String, ends_at: String },
    /// An agenda item has no title in either language.
    AgendaTitle { day: u32, starts_at: String },
    /// The workshop has no title in either language.
    NoTitle,
    /// The dates are not real `YYYY-MM-DD` dates between 2000 and 2100, or it ends before it
    /// starts.
    Dates { start: String, end: String },
    /// A group's name is empty or repeated.
    GroupName { name: String },
    /// A group names a focus area the workshop does not have.
    GroupFocusArea { group: String, code: String },
    /// A workshop file for another template than the one given.
    WrongTemplate { wanted: String, found: String },
    /// A text is longer than a short field may be.
    TooLong { what: String, length: u32, max: u32 },
}

/// The line of byte `offset` in `source`, 1-based.
fn line_of(source: &str, offset: usize) -> u32 {
    let end = offset.min(source.len());
    let line = source.as_bytes()[..end]
        .iter()
        .filter(|&&b| b == b'\n')
        .count()
        + 1;
    u32::try_from(line).unwrap_or(u32::MAX)
}

/// Parses TOML into `T`, a syntax problem (with its line) when it is not one.
fn parse_toml<T: for<'de> Deserialize<'de>>(
    source: &str,
) -> std::result::Result<T, Vec<TemplateProblem>> {
    toml::from_str(source).map_err(|e| {
        let line = e.span().map(|s| line_of(source, s.start));
        vec![TemplateProblem::Syntax {
            line,
            detail: e.message().trim().to_owned(),
        }]
    })
}

fn check_format(found: u32, out: &mut Vec<TemplateProblem>) {
    if !(OLDEST_TEMPLATE_FORMAT..=TEMPLATE_FORMAT).contains(&found) {
        out.push(TemplateProblem::Format {
            found,
            known: TEMPLATE_FORMAT,
        });
    }
}

/// A bilingual text with something in at least one language.
fn has_text(b: &Bilingual) -> bool {
    !b.en.trim().is_empty() || !b.lo.trim().is_empty()
}

/// Whether a focus-area code is letters, digits and dashes (it names the area in files and
/// in survey keys).
pub fn is_code(code: &str) -> bool {
    !code.is_empty()
        && code.len() <= 64
        && code
            .chars()
            .all(|c| c.is_alphanumeric() || c == '-' || c == '_')
}

fn check_text_lengths(what: &str, b: &Bilingual, out: &mut Vec<TemplateProblem>) {
    for t in [&b.en, &b.lo] {
        let length = t.chars().count();
        if length > crate::text::MAX_SHORT_CHARS {
            out.push(TemplateProblem::TooLong {
                what: what.to_owned(),
                length: u32::try_from(length).unwrap_or(u32::MAX),
                max: crate::text::MAX_SHORT_CHARS as u32,
            });
        }
    }
}

impl Template {
    /// The built-in "National data governance framework" template.
    pub fn builtin() -> Template {
        // The built-in file is checked by a test; a failure here is a build defect.
        Template::read(BUILTIN_TEMPLATE).unwrap_or_else(|e| panic!("built-in template: {e:?}"))
    }

    /// The blank template: one day, nothing in it yet.
    pub fn blank() -> Template {
        Template::read(BLANK_TEMPLATE).unwrap_or_else(|e| panic!("blank template: {e:?}"))
    }

    /// Reads and checks a template file: the template, or every problem found.
    pub fn read(source: &str) -> std::result::Result<Template, Vec<TemplateProblem>> {
        let t: Template = parse_toml(source)?;
        let mut out = Vec::new();
        check_format(t.format, &mut out);
        if !has_text(&t.name) {
            out.push(TemplateProblem::NoName);
        }
        if t.days == 0 {
            out.push(TemplateProblem::NoDays);
        }
        check_structure(
            &t.focus_areas,
            &t.guiding_questions,
            &t.agenda,
            t.days,
            &mut out,
        );
        if out.is_empty() { Ok(t) } else { Err(out) }
    }

    /// [`Template::read`] as one error (`TemplateHasProblems`, with how many).
    pub fn parse(source: &str) -> Result<Template> {
        Template::read(source).map_err(problems_error)
    }

    /// The template as a file (format [`TEMPLATE_FORMAT`]).
    pub fn to_toml(&self) -> String {
        let mut t = self.clone();
        t.format = TEMPLATE_FORMAT;
        let body = toml::to_string(&t).unwrap_or_default();
        format!(
            "# Sala workshop template — format {TEMPLATE_FORMAT} (see docs/templates.md).\n{body}"
        )
    }
}

/// Problems as one error.
pub fn problems_error(problems: Vec<TemplateProblem>) -> SalaError {
    SalaError::new(ErrorCode::TemplateHasProblems).with("count", problems.len())
}

/// Pairs of agenda items (ids) of the same day whose times overlap — said, not refused: a
/// workshop may run two sessions at once in two rooms.
pub fn overlaps(agenda: &[crate::model::AgendaItem]) -> Vec<(String, String)> {
    let mut live: Vec<&crate::model::AgendaItem> = agenda.iter().filter(|a| !a.deleted).collect();
    live.sort_by(|a, b| (a.day, &a.starts_at, &a.id).cmp(&(b.day, &b.starts_at, &b.id)));
    let mut out = Vec::new();
    for (i, a) in live.iter().enumerate() {
        for b in &live[i + 1..] {
            if b.day != a.day || b.starts_at >= a.ends_at {
                continue;
            }
            if a.starts_at < b.ends_at {
                out.push((a.id.clone(), b.id.clone()));
            }
        }
    }
    out
}

/// What is wrong with one session of the agenda: a day outside the workshop's `days`, times
/// that are not times or run backwards, no title in either language.
pub fn session_problems(
    day: u32,
    starts_at: &str,
    ends_at: &str,
    title: &Bilingual,
    days: u32,
    out: &mut Vec<TemplateProblem>,
) {
    if day == 0 || day > days {
        out.push(TemplateProblem::AgendaDay { day, days });
    }
    if !is_time(starts_at) || !is_time(ends_at) || ends_at < starts_at {
        out.push(TemplateProblem::AgendaTimes {
            starts_at: starts_at.to_owned(),
            ends_at: ends_at.to_owned(),
        });
    }
    if !has_text(title) {
        out.push(TemplateProblem::AgendaTitle {
            day,
            starts_at: starts_at.to_owned(),
        });
    }
}

/// The checks a template and a workshop being set up share: focus areas, questions, agenda.
fn check_structure(
    focus_areas: &[TemplateFocusArea],
    questions: &[TemplateQuestion],
    agenda: &[TemplateAgendaItem],
    days: u32,
    out: &mut Vec<TemplateProblem>,
) {
    let mut codes = BTreeSet::new();
    for fa in focus_areas {
        if !is_code(&fa.code) || !codes.insert(fa.code.as_str()) {
            out.push(TemplateProblem::FocusAreaCode {
                code: fa.code.clone(),
            });
        }
        if !has_text(&fa.name) {
            out.push(TemplateProblem::FocusAreaName {
                code: fa.code.clone(),
            });
        }
        check_text_lengths(&fa.code, &fa.name, out);
    }
    for (i, q) in questions.iter().enumerate() {
        if !has_text(&q.text) {
            out.push(TemplateProblem::QuestionText { number: q.number });
        }
        if q.number as usize != i + 1 && !out.contains(&TemplateProblem::QuestionOrder) {
            out.push(TemplateProblem::QuestionOrder);
        }
        check_text_lengths(&q.number.to_string(), &q.text, out);
    }
    for item in agenda {
        session_problems(
            item.day,
            &item.starts_at,
            &item.ends_at,
            &item.title,
            days,
            out,
        );
        check_text_lengths(&item.starts_at, &item.title, out);
    }
}

impl WorkshopSpec {
    /// The demo workshop: the Lao PDR consultation of May 2023.
    pub fn demo() -> WorkshopSpec {
        WorkshopSpec::read(DEMO_WORKSHOP).unwrap_or_else(|e| panic!("built-in demo: {e:?}"))
    }

    /// Reads a workshop file: the workshop, or every problem found.
    pub fn read(source: &str) -> std::result::Result<WorkshopSpec, Vec<TemplateProblem>> {
        let w: WorkshopSpec = parse_toml(source)?;
        let mut out = Vec::new();
        check_format(w.format, &mut out);
        check_facts(&w.title, &w.start_date, &w.end_date, &mut out);
        if out.is_empty() { Ok(w) } else { Err(out) }
    }

    /// [`WorkshopSpec::read`] as one error.
    pub fn parse(source: &str) -> Result<WorkshopSpec> {
        WorkshopSpec::read(source).map_err(problems_error)
    }

    /// The problems of this workshop with `template`: its groups' names and focus areas.
    pub fn problems_with(&self, template: &Template) -> Vec<TemplateProblem> {
        let mut out = Vec::new();
        if self.template != template.id {
            out.push(TemplateProblem::WrongTemplate {
                wanted: self.template.clone(),
                found: template.id.clone(),
            });
        }
        check_groups(
            &self.groups,
            &template
                .focus_areas
                .iter()
                .map(|f| f.code.as_str())
                .collect::<Vec<_>>(),
            &mut out,
        );
        out
    }

    /// Checks that every group's focus areas exist in `template` (one error).
    pub fn check_against(&self, template: &Template) -> Result<()> {
        let problems = self.problems_with(template);
        if problems.is_empty() {
            Ok(())
        } else {
            Err(problems_error(problems))
        }
    }

    /// The workshop file (format [`TEMPLATE_FORMAT`]).
    pub fn to_toml(&self) -> String {
        let mut w = self.clone();
        w.format = TEMPLATE_FORMAT;
        let body = toml::to_string(&w).unwrap_or_default();
        format!("# Sala workshop file — format {TEMPLATE_FORMAT} (see docs/templates.md).\n{body}")
    }
}

fn check_facts(title: &Bilingual, start: &str, end: &str, out: &mut Vec<TemplateProblem>) {
    if !has_text(title) {
        out.push(TemplateProblem::NoTitle);
    }
    check_text_lengths("title", title, out);
    if !is_plausible_date(start) || !is_plausible_date(end) || end < start {
        out.push(TemplateProblem::Dates {
            start: start.to_owned(),
            end: end.to_owned(),
        });
    }
}

fn check_groups(groups: &[GroupSpec], codes: &[&str], out: &mut Vec<TemplateProblem>) {
    let mut names = BTreeSet::new();
    for g in groups {
        let name = g.name.trim().to_lowercase();
        if name.is_empty() || !names.insert(name) {
            out.push(TemplateProblem::GroupName {
                name: g.name.clone(),
            });
        }
        for code in &g.focus_areas {
            if !codes.contains(&code.as_str()) {
                out.push(TemplateProblem::GroupFocusArea {
                    group: g.name.clone(),
                    code: code.clone(),
                });
            }
        }
    }
}

#[cfg(test)]
mod tests;
