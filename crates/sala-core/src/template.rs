//! Workshop templates and workshop descriptions are data, not code.
//!
//! A **template** (`templates/*.toml`, format documented in `docs/templates.md`) gives the focus
//! areas, guiding questions and an agenda. A **workshop file** names a template and adds the
//! workshop's own facts and its breakout groups; the demo workshop is one. Both are parsed and
//! checked here; the store turns them into rows (as ops).

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

const BUILTIN_TEMPLATE: &str = include_str!("../../../templates/national-data-governance.toml");
const BLANK_TEMPLATE: &str = include_str!("../../../templates/blank.toml");
const DEMO_WORKSHOP: &str = include_str!("../../../templates/demo-lao-pdr-2023.toml");

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

/// `HH:MM`, a real time of day.
pub fn is_time(s: &str) -> bool {
    let b = s.as_bytes();
    b.len() == 5
        && b[2] == b':'
        && s[..2].parse::<u32>().is_ok_and(|h| h < 24)
        && s[3..].parse::<u32>().is_ok_and(|m| m < 60)
}

/// `YYYY-MM-DD` with a real month and day (leap years included).
pub fn is_iso_date(s: &str) -> bool {
    let parts: Vec<&str> = s.split('-').collect();
    let [y, m, d] = parts.as_slice() else {
        return false;
    };
    if y.len() != 4 || m.len() != 2 || d.len() != 2 {
        return false;
    }
    let (Ok(y), Ok(m), Ok(d)) = (y.parse::<u32>(), m.parse::<u32>(), d.parse::<u32>()) else {
        return false;
    };
    let leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
    let days = match m {
        1 | 3 | 5 | 7 | 8 | 10 | 12 => 31,
        4 | 6 | 9 | 11 => 30,
        2 if leap => 29,
        2 => 28,
        _ => return false,
    };
    (1..=days).contains(&d)
}

/// The years a workshop, an action or any date Sala accepts can fall in. A date outside them
/// is a typing slip (`0001-12-09`, a Buddhist-era `2566`), never a plan.
pub const DATE_YEARS: std::ops::RangeInclusive<u32> = 2000..=2100;

/// A real date Sala accepts from a person (app, CLI, import): `YYYY-MM-DD` in [`DATE_YEARS`].
/// A date received from another laptop is kept whatever it is (merge never drops an op) and
/// flagged where it is shown: see [`is_iso_date`] and this together.
pub fn is_plausible_date(s: &str) -> bool {
    is_iso_date(s) && s[..4].parse::<u32>().is_ok_and(|y| DATE_YEARS.contains(&y))
}

/// Days from 1970-01-01 to a `YYYY-MM-DD` date (a valid one).
pub fn days_since_epoch(iso: &str) -> Option<i64> {
    if !is_iso_date(iso) {
        return None;
    }
    let y: i64 = iso[..4].parse().ok()?;
    let m: i64 = iso[5..7].parse().ok()?;
    let d: i64 = iso[8..10].parse().ok()?;
    // H. Hinnant's days_from_civil.
    let y = if m <= 2 { y - 1 } else { y };
    let era = y.div_euclid(400);
    let yoe = y.rem_euclid(400);
    let mp = if m > 2 { m - 3 } else { m + 9 };
    let doy = (153 * mp + 2) / 5 + d - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    Some(era * 146_097 + doe - 719_468)
}

/// The `YYYY-MM-DD` date `days` after 1970-01-01.
pub fn date_from_days(days: i64) -> String {
    let z = days + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z.rem_euclid(146_097);
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let d = doy - (153 * mp + 2) / 5 + 1;
    let m = if mp < 10 { mp + 3 } else { mp - 9 };
    let y = yoe + era * 400 + i64::from(m <= 2);
    format!("{y:04}-{m:02}-{d:02}")
}

/// How many days a workshop from `start` to `end` has (0 when the dates are not real).
pub fn days_between(start: &str, end: &str) -> u32 {
    match (days_since_epoch(start), days_since_epoch(end)) {
        (Some(s), Some(e)) if e >= s => u32::try_from(e - s + 1).unwrap_or(0),
        _ => 0,
    }
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
        if item.day == 0 || item.day > days {
            out.push(TemplateProblem::AgendaDay {
                day: item.day,
                days,
            });
        }
        if !is_time(&item.starts_at) || !is_time(&item.ends_at) || item.ends_at < item.starts_at {
            out.push(TemplateProblem::AgendaTimes {
                starts_at: item.starts_at.clone(),
                ends_at: item.ends_at.clone(),
            });
        }
        if !has_text(&item.title) {
            out.push(TemplateProblem::AgendaTitle {
                day: item.day,
                starts_at: item.starts_at.clone(),
            });
        }
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

/// A workshop being set up — the New workshop steps' whole state, from a template's defaults
/// to what is created. One language of any text may be left empty.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct WorkshopDraft {
    /// The template it started from (its id).
    pub template: String,
    pub title: Bilingual,
    /// `YYYY-MM-DD`; the number of days follows from them.
    pub start_date: String,
    pub end_date: String,
    pub venue: Bilingual,
    pub organisers: Bilingual,
    pub objectives: Vec<Bilingual>,
    pub focus_areas: Vec<FocusAreaPlan>,
    /// The guiding questions, numbered in this order.
    pub questions: Vec<Bilingual>,
    pub agenda: Vec<AgendaPlan>,
    pub groups: Vec<GroupSpec>,
}

/// A focus area of a workshop being set up.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct FocusAreaPlan {
    pub kind: FocusAreaKind,
    pub code: String,
    pub name: Bilingual,
    pub description: Bilingual,
}

/// An agenda item of a workshop being set up.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct AgendaPlan {
    /// 1 for the first day.
    pub day: u32,
    pub starts_at: String,
    pub ends_at: String,
    pub kind: AgendaKind,
    pub title: Bilingual,
    pub room: String,
}

impl WorkshopDraft {
    /// A workshop to set up from `template`: its focus areas, questions and agenda; the facts
    /// left to fill in, the dates starting on `start_date` for the template's days.
    pub fn from_template(template: &Template, start_date: &str) -> WorkshopDraft {
        let end_date = days_since_epoch(start_date)
            .map(|d| date_from_days(d + i64::from(template.days.max(1)) - 1))
            .unwrap_or_else(|| start_date.to_owned());
        WorkshopDraft {
            template: template.id.clone(),
            start_date: start_date.to_owned(),
            end_date,
            focus_areas: template
                .focus_areas
                .iter()
                .map(|f| FocusAreaPlan {
                    kind: f.kind,
                    code: f.code.clone(),
                    name: f.name.clone(),
                    description: f.description.clone(),
                })
                .collect(),
            questions: template
                .guiding_questions
                .iter()
                .map(|q| q.text.clone())
                .collect(),
            agenda: template
                .agenda
                .iter()
                .map(|a| AgendaPlan {
                    day: a.day,
                    starts_at: a.starts_at.clone(),
                    ends_at: a.ends_at.clone(),
                    kind: a.kind,
                    title: a.title.clone(),
                    room: a.room.clone(),
                })
                .collect(),
            ..WorkshopDraft::default()
        }
    }

    /// Everything wrong with it, in the order of the steps (empty: it can be created).
    pub fn problems(&self) -> Vec<TemplateProblem> {
        let mut out = Vec::new();
        check_facts(&self.title, &self.start_date, &self.end_date, &mut out);
        for (what, b) in [("venue", &self.venue), ("organisers", &self.organisers)] {
            check_text_lengths(what, b, &mut out);
        }
        let (template, spec) = self.split();
        check_structure(
            &template.focus_areas,
            &template.guiding_questions,
            &template.agenda,
            template.days,
            &mut out,
        );
        check_groups(
            &spec.groups,
            &self
                .focus_areas
                .iter()
                .map(|f| f.code.as_str())
                .collect::<Vec<_>>(),
            &mut out,
        );
        out
    }

    /// The template and the workshop file it amounts to.
    pub fn split(&self) -> (Template, WorkshopSpec) {
        let template = Template {
            format: TEMPLATE_FORMAT,
            id: if self.template.trim().is_empty() {
                "blank".to_owned()
            } else {
                self.template.clone()
            },
            name: self.title.clone(),
            days: days_between(&self.start_date, &self.end_date).max(1),
            focus_areas: self
                .focus_areas
                .iter()
                .map(|f| TemplateFocusArea {
                    kind: f.kind,
                    code: f.code.trim().to_owned(),
                    name: f.name.clone(),
                    description: f.description.clone(),
                })
                .collect(),
            guiding_questions: self
                .questions
                .iter()
                .enumerate()
                .map(|(i, text)| TemplateQuestion {
                    number: i as u32 + 1,
                    text: text.clone(),
                })
                .collect(),
            agenda: self
                .agenda
                .iter()
                .map(|a| TemplateAgendaItem {
                    day: a.day,
                    starts_at: a.starts_at.clone(),
                    ends_at: a.ends_at.clone(),
                    kind: a.kind,
                    title: a.title.clone(),
                    room: a.room.clone(),
                })
                .collect(),
        };
        let spec = WorkshopSpec {
            format: TEMPLATE_FORMAT,
            template: template.id.clone(),
            title: self.title.clone(),
            start_date: self.start_date.clone(),
            end_date: self.end_date.clone(),
            venue: self.venue.clone(),
            organisers: self.organisers.clone(),
            objectives: self
                .objectives
                .iter()
                .filter(|o| has_text(o))
                .cloned()
                .collect(),
            demo: false,
            groups: self
                .groups
                .iter()
                .map(|g| GroupSpec {
                    name: g.name.trim().to_owned(),
                    focus_areas: g.focus_areas.clone(),
                    facilitator: g.facilitator.trim().to_owned(),
                    note_taker: g.note_taker.trim().to_owned(),
                })
                .collect(),
        };
        (template, spec)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn builtin_template_has_the_concept_notes_framework() {
        let t = Template::builtin();
        let pillars = t
            .focus_areas
            .iter()
            .filter(|f| f.kind == FocusAreaKind::Pillar)
            .count();
        let elements = t
            .focus_areas
            .iter()
            .filter(|f| f.kind == FocusAreaKind::Element)
            .count();
        assert_eq!((pillars, elements), (4, 6));
        assert_eq!(t.guiding_questions.len(), 5);
        assert_eq!(t.days, 2);
        let kinds: BTreeSet<_> = t.agenda.iter().map(|a| format!("{:?}", a.kind)).collect();
        for k in [
            "Opening",
            "Plenary",
            "Breakout",
            "ReportBack",
            "NextSteps",
            "Closing",
        ] {
            assert!(kinds.contains(k), "agenda lacks {k}");
        }
        // Every Lao text is in Lao script.
        for fa in &t.focus_areas {
            assert!(
                fa.name
                    .lo
                    .chars()
                    .any(|c| ('\u{0E80}'..='\u{0EFF}').contains(&c)),
                "{}",
                fa.code
            );
        }
    }

    #[test]
    fn demo_workshop_is_the_may_2023_consultation_in_vientiane() {
        let w = WorkshopSpec::demo();
        assert_eq!(
            (w.start_date.as_str(), w.end_date.as_str()),
            ("2023-05-11", "2023-05-12")
        );
        assert!(w.venue.en.contains("Vientiane"));
        assert!(w.organisers.en.contains("UN DESA"));
        assert!(
            w.organisers
                .en
                .contains("Ministry of Technology and Communications")
        );
        assert!(w.groups.len() >= 3);
        assert!(w.groups.iter().any(|g| g.focus_areas.len() > 1));
        w.check_against(&Template::builtin()).unwrap();
    }

    #[track_caller]
    fn check_problems(source: &str, expected: &[TemplateProblem]) {
        match Template::read(source) {
            Ok(_) => assert!(expected.is_empty(), "accepted, expected {expected:?}"),
            Err(found) => assert_eq!(found, expected, "{source}"),
        }
    }

    fn base(extra: &str) -> String {
        format!(
            "format = 2\nid = \"t\"\nname = {{ en = \"T\", lo = \"ທ\" }}\ndays = 1\n\
             focus_areas = []\nguiding_questions = []\n{extra}"
        )
    }

    fn agenda(day: u32, starts: &str, ends: &str, title: &str) -> String {
        format!(
            "[[agenda]]\nday = {day}\nstarts_at = \"{starts}\"\nends_at = \"{ends}\"\nkind = \"opening\"\ntitle = {{ en = \"{title}\", lo = \"\" }}\n"
        )
    }

    #[test]
    fn bad_templates_are_refused_with_every_problem_named() {
        use TemplateProblem as P;
        check_problems(&base(""), &[]);
        // Format 1 files (both languages everywhere) are still read.
        check_problems(&base("").replace("format = 2", "format = 1"), &[]);
        check_problems(
            &base("").replace("format = 2", "format = 9"),
            &[P::Format {
                found: 9,
                known: TEMPLATE_FORMAT,
            }],
        );
        // One language may be empty; none may not.
        check_problems(&base("").replace("lo = \"ທ\"", "lo = \"\""), &[]);
        check_problems(
            &base("").replace("{ en = \"T\", lo = \"ທ\" }", "{ en = \"\", lo = \" \" }"),
            &[P::NoName],
        );
        // Several problems at once, each named.
        check_problems(
            &base(&(agenda(2, "09:00", "10:00", "Opening") + &agenda(1, "25:00", "10:00", ""))),
            &[
                P::AgendaDay { day: 2, days: 1 },
                P::AgendaTimes {
                    starts_at: "25:00".into(),
                    ends_at: "10:00".into(),
                },
                P::AgendaTitle {
                    day: 1,
                    starts_at: "25:00".into(),
                },
            ],
        );
        let focus =
            "[[focus_areas]]\nkind = \"pillar\"\ncode = \"a b\"\nname = { en = \"\", lo = \"\" }\n";
        check_problems(
            &(base("").replace("focus_areas = []\n", "") + focus),
            &[
                P::FocusAreaCode { code: "a b".into() },
                P::FocusAreaName { code: "a b".into() },
            ],
        );
    }

    #[test]
    fn a_syntax_error_says_its_line() {
        let source = base("surprise = 1");
        assert_eq!(
            Template::read(&source).unwrap_err(),
            [TemplateProblem::Syntax {
                line: Some(7),
                detail: "unknown field `surprise`, expected one of `format`, `id`, `name`, `days`, `focus_areas`, `guiding_questions`, `agenda`".into()
            }]
        );
        let Err(problems) = Template::read("format = 2\nid = = \"x\"\n") else {
            panic!("accepted");
        };
        assert!(
            matches!(problems[0], TemplateProblem::Syntax { line: Some(2), .. }),
            "{problems:?}"
        );
    }

    #[test]
    fn a_workshop_set_up_from_a_template_is_that_template_with_its_facts() {
        let t = Template::builtin();
        let mut draft = WorkshopDraft::from_template(&t, "2027-03-01");
        assert_eq!(draft.end_date, "2027-03-02", "the template's two days");
        assert_eq!(draft.focus_areas.len(), 10);
        assert_eq!(draft.questions.len(), 5);
        // Nothing but a title (in one language) is needed.
        assert_eq!(draft.problems(), [TemplateProblem::NoTitle]);
        draft.title.lo = "ກອງປະຊຸມ 2027".into();
        assert_eq!(draft.problems(), []);
        let (template, spec) = draft.split();
        assert_eq!(template.focus_areas, t.focus_areas);
        assert_eq!(template.guiding_questions, t.guiding_questions);
        assert_eq!(template.agenda, t.agenda);
        assert!(spec.problems_with(&template).is_empty());
        // Written out and read back, both files are the same.
        assert_eq!(Template::read(&template.to_toml()).unwrap(), template);
        assert_eq!(WorkshopSpec::read(&spec.to_toml()).unwrap(), spec);
    }

    #[test]
    fn a_workshop_being_set_up_names_what_is_wrong() {
        use TemplateProblem as P;
        let mut d = WorkshopDraft::from_template(&Template::blank(), "2027-03-01");
        d.title.en = "Next".into();
        assert_eq!(d.end_date, "2027-03-01");
        d.start_date = "2027-03-02".into();
        d.questions = vec![Bilingual::new("", "")];
        d.groups = vec![
            GroupSpec {
                name: "A".into(),
                focus_areas: vec!["nowhere".into()],
                facilitator: String::new(),
                note_taker: String::new(),
            },
            GroupSpec {
                name: " a ".into(),
                focus_areas: vec![],
                facilitator: String::new(),
                note_taker: String::new(),
            },
        ];
        assert_eq!(
            d.problems(),
            [
                P::Dates {
                    start: "2027-03-02".into(),
                    end: "2027-03-01".into()
                },
                P::QuestionText { number: 1 },
                P::GroupFocusArea {
                    group: "A".into(),
                    code: "nowhere".into()
                },
                P::GroupName { name: "a".into() },
            ]
        );
        for (start, ok) in [
            ("1999-12-31", false),
            ("2000-01-01", true),
            ("2101-01-01", false),
        ] {
            let mut d = WorkshopDraft::from_template(&Template::blank(), start);
            d.title.en = "x".into();
            assert_eq!(d.problems().is_empty(), ok, "{start}");
        }
    }

    #[test]
    fn dates_count_days_across_months_and_leap_years() {
        for (start, end, days) in [
            ("2023-05-11", "2023-05-12", 2),
            ("2024-02-28", "2024-03-01", 3),
            ("2023-12-31", "2024-01-01", 2),
            ("2023-05-12", "2023-05-11", 0),
        ] {
            assert_eq!(days_between(start, end), days, "{start}..{end}");
        }
        for d in ["1970-01-01", "2000-02-29", "2023-05-11", "2100-12-31"] {
            assert_eq!(date_from_days(days_since_epoch(d).unwrap()), d);
        }
    }

    #[test]
    fn iso_dates_are_checked_for_real() {
        for (s, ok) in [
            ("2023-05-11", true),
            ("2024-02-29", true),
            ("2023-02-29", false),
            ("2023-13-01", false),
            ("11/05/2023", false),
            ("2023-5-1", false),
        ] {
            assert_eq!(is_iso_date(s), ok, "{s}");
        }
    }
}
