//! Workshop templates and workshop descriptions are data, not code.
//!
//! A **template** (`templates/*.toml`, format documented in `docs/templates.md`) gives the focus
//! areas, guiding questions and an agenda. A **workshop file** names a template and adds the
//! workshop's own facts and its breakout groups; the demo workshop is one. Both are parsed and
//! checked here; the store turns them into rows (as ops).

use std::collections::BTreeSet;

use serde::Deserialize;

use crate::error::{ErrorCode, Result, SalaError};
use crate::model::{AgendaKind, Bilingual, FocusAreaKind};

/// The template file format this Sala reads.
pub const TEMPLATE_FORMAT: u32 = 1;

const BUILTIN_TEMPLATE: &str = include_str!("../../../templates/national-data-governance.toml");
const DEMO_WORKSHOP: &str = include_str!("../../../templates/demo-lao-pdr-2023.toml");

#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
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

#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct TemplateFocusArea {
    pub kind: FocusAreaKind,
    pub code: String,
    pub name: Bilingual,
    #[serde(default)]
    pub description: Bilingual,
}

#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct TemplateQuestion {
    pub number: u32,
    pub text: Bilingual,
}

#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
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
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
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
    #[serde(default)]
    pub demo: bool,
    #[serde(default)]
    pub groups: Vec<GroupSpec>,
}

#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
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

fn bad(detail: impl Into<String>) -> SalaError {
    SalaError::new(ErrorCode::BadTemplate).with("detail", detail.into())
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

fn check_bilingual(what: &str, b: &Bilingual) -> Result<()> {
    if b.en.trim().is_empty() || b.lo.trim().is_empty() {
        return Err(bad(format!("{what} needs both an English and a Lao text")));
    }
    Ok(())
}

impl Template {
    /// The built-in "National data governance framework" template.
    pub fn builtin() -> Template {
        // The built-in file is checked by a test; a failure here is a build defect.
        Template::parse(BUILTIN_TEMPLATE).unwrap_or_else(|e| panic!("built-in template: {e}"))
    }

    /// Parses and checks a template file.
    pub fn parse(source: &str) -> Result<Template> {
        let t: Template = toml::from_str(source).map_err(|e| bad(e.to_string()))?;
        if t.format != TEMPLATE_FORMAT {
            return Err(bad(format!(
                "format {} is not supported (expected {TEMPLATE_FORMAT})",
                t.format
            )));
        }
        check_bilingual("the template name", &t.name)?;
        if t.days == 0 {
            return Err(bad("days must be at least 1"));
        }
        let mut codes = BTreeSet::new();
        for fa in &t.focus_areas {
            check_bilingual(&format!("focus area {}", fa.code), &fa.name)?;
            if fa.code.is_empty() || !codes.insert(fa.code.as_str()) {
                return Err(bad(format!(
                    "focus area code {:?} is empty or repeated",
                    fa.code
                )));
            }
        }
        for (i, q) in t.guiding_questions.iter().enumerate() {
            check_bilingual(&format!("guiding question {}", q.number), &q.text)?;
            if q.number as usize != i + 1 {
                return Err(bad("guiding questions must be numbered 1, 2, 3… in order"));
            }
        }
        for item in &t.agenda {
            check_bilingual("an agenda item", &item.title)?;
            if item.day == 0 || item.day > t.days {
                return Err(bad(format!(
                    "agenda day {} is outside 1..={}",
                    item.day, t.days
                )));
            }
            if !is_time(&item.starts_at) || !is_time(&item.ends_at) || item.ends_at < item.starts_at
            {
                return Err(bad(format!(
                    "agenda times {}–{} must be HH:MM, start before end",
                    item.starts_at, item.ends_at
                )));
            }
        }
        Ok(t)
    }
}

impl WorkshopSpec {
    /// The demo workshop: the Lao PDR consultation of May 2023.
    pub fn demo() -> WorkshopSpec {
        WorkshopSpec::parse(DEMO_WORKSHOP).unwrap_or_else(|e| panic!("built-in demo: {e}"))
    }

    /// Parses a workshop file and checks it against its template.
    pub fn parse(source: &str) -> Result<WorkshopSpec> {
        let w: WorkshopSpec = toml::from_str(source).map_err(|e| bad(e.to_string()))?;
        if w.format != TEMPLATE_FORMAT {
            return Err(bad(format!(
                "format {} is not supported (expected {TEMPLATE_FORMAT})",
                w.format
            )));
        }
        check_bilingual("the workshop title", &w.title)?;
        if !is_iso_date(&w.start_date) || !is_iso_date(&w.end_date) || w.end_date < w.start_date {
            return Err(bad(
                "dates must be YYYY-MM-DD, the start no later than the end",
            ));
        }
        Ok(w)
    }

    /// Checks that every group's focus areas exist in `template`.
    pub fn check_against(&self, template: &Template) -> Result<()> {
        if self.template != template.id {
            return Err(bad(format!(
                "workshop wants template {:?}, got {:?}",
                self.template, template.id
            )));
        }
        let mut names = BTreeSet::new();
        for g in &self.groups {
            if g.name.trim().is_empty() || !names.insert(g.name.as_str()) {
                return Err(bad(format!("group name {:?} is empty or repeated", g.name)));
            }
            for code in &g.focus_areas {
                if !template.focus_areas.iter().any(|f| &f.code == code) {
                    return Err(bad(format!(
                        "group {} names unknown focus area {code:?}",
                        g.name
                    )));
                }
            }
        }
        Ok(())
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
    fn check_rejected(source: &str, needle: &str) {
        let err = Template::parse(source).unwrap_err();
        assert_eq!(err.code, ErrorCode::BadTemplate);
        assert!(
            err.params["detail"].contains(needle),
            "{:?} should mention {needle:?}",
            err.params
        );
    }

    #[test]
    fn bad_templates_are_refused_with_a_reason() {
        let base = |extra: &str| {
            format!(
                "format = 1\nid = \"t\"\nname = {{ en = \"T\", lo = \"ທ\" }}\ndays = 1\n\
                 focus_areas = []\nguiding_questions = []\n{extra}"
            )
        };
        assert!(Template::parse(&base("")).is_ok());
        check_rejected(&base("").replace("format = 1", "format = 9"), "format 9");
        check_rejected(
            &base(
                "[[agenda]]\nday = 2\nstarts_at = \"09:00\"\nends_at = \"10:00\"\nkind = \"opening\"\ntitle = { en = \"O\", lo = \"ເປີດ\" }",
            ),
            "day 2",
        );
        check_rejected(
            &base(
                "[[agenda]]\nday = 1\nstarts_at = \"25:00\"\nends_at = \"10:00\"\nkind = \"opening\"\ntitle = { en = \"O\", lo = \"ເປີດ\" }",
            ),
            "HH:MM",
        );
        check_rejected(&base("surprise = 1"), "surprise");
        check_rejected("not toml at all = = =", "");
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
