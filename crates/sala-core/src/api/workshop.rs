//! The workshops on a laptop and a workshop's settings: choosing, making from a template,
//! duplicating, its facts.

use serde::{Deserialize, Serialize};
use ts_rs::TS;

/// A workshop found in a shared folder, or held on this laptop.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct WorkshopChoice {
    pub workshop_id: String,
    pub title: crate::model::Bilingual,
    pub start_date: String,
    pub end_date: String,
    /// Already on this laptop.
    pub here: bool,
    /// The one this laptop works on now.
    pub current: bool,
    /// Put away on this laptop (hidden from the list, never deleted; it can be brought back).
    #[serde(default)]
    pub archived: bool,
}

/// A workshop's own facts, as the coordinator edits them (Workshop settings). One language of a
/// text may be left empty.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct WorkshopFacts {
    pub title: crate::model::Bilingual,
    pub start_date: String,
    pub end_date: String,
    pub venue: crate::model::Bilingual,
    pub organisers: crate::model::Bilingual,
    pub objectives: Vec<crate::model::Bilingual>,
}

/// The coordinator's Workshop settings: the workshop's facts and every focus area, guiding
/// question and agenda item — retired and removed ones too, to bring back — with the sessions
/// of one day whose times overlap (said, not refused).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct WorkshopSettings {
    pub workshop: crate::model::Workshop,
    /// Pillars then elements, each in order; retired ones after.
    pub focus_areas: Vec<crate::model::FocusArea>,
    /// Live questions by number, then retired ones.
    pub questions: Vec<crate::model::GuidingQuestion>,
    /// By day and start time; removed ones are marked `deleted`.
    pub agenda: Vec<crate::model::AgendaItem>,
    /// Pairs of agenda item ids whose times overlap on one day.
    pub overlaps: Vec<(String, String)>,
    /// How many days the workshop's dates span.
    pub days: u32,
}

/// The next edition of a workshop: its structure, participants and survey forms copied under
/// new facts; no notes, cards, actions, votes, answers or check-ins.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct DuplicateRequest {
    pub title: crate::model::Bilingual,
    pub start_date: String,
    pub end_date: String,
}

/// Where the New workshop steps start from.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum TemplateSource {
    /// The built-in national data governance framework.
    Builtin,
    /// Nothing yet: one day, no focus areas, questions or agenda.
    Blank,
    /// A template file's text (read by Rust; the page never reads files).
    File { text: String },
}

/// A template read for the New workshop steps: the workshop it sets up, or every problem.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct DraftFromTemplate {
    pub draft: Option<crate::template::WorkshopDraft>,
    pub problems: Vec<crate::template::TemplateProblem>,
}
