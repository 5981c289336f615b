//! What the coordinator reads and writes out: the matrix, provenance, reports, survey results,
//! backups.

use serde::{Deserialize, Serialize};
use ts_rs::TS;

/// One cell of the coordinator's matrix: what one group produced on one focus area.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct MatrixCell {
    pub group_id: String,
    pub focus_area_id: String,
    pub notes: u32,
    pub cards: u32,
    pub actions: u32,
    /// Pictures of the group's work there (a board's on its focus area; a question's, a note's
    /// or the group's on every focus area of the group, as notes count) (issue 21).
    #[serde(default)]
    pub pictures: u32,
}

/// The coordinator's merged view: focus areas × groups, optionally only one table's work.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct Matrix {
    /// Only cells with something in them.
    pub cells: Vec<MatrixCell>,
    /// The devices (tables) whose work is in the workshop, for the filter.
    pub devices: Vec<String>,
}

/// Which session's work a view shows: all of it, what was taken outside any session of the
/// agenda, or what was taken in one session (its agenda item's id).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(tag = "kind", content = "id", rename_all = "snake_case")]
pub enum SessionFilter {
    #[default]
    Any,
    Outside,
    Session(String),
}

impl SessionFilter {
    /// Whether an item taken in `session` is shown.
    pub fn keeps(&self, session: Option<&str>) -> bool {
        match self {
            SessionFilter::Any => true,
            SessionFilter::Outside => session.is_none(),
            SessionFilter::Session(id) => session == Some(id.as_str()),
        }
    }
}

/// The coordinator's matrix narrowed: to one table's work (a device id), to one session's.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct MatrixFilter {
    #[serde(default)]
    pub device: Option<String>,
    #[serde(default)]
    pub session: SessionFilter,
}

/// What one cell of the matrix holds (the drill-down).
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, TS)]
pub struct MatrixItems {
    pub notes: Vec<crate::model::Note>,
    pub cards: Vec<crate::model::SwotCard>,
    pub actions: Vec<crate::model::Action>,
    #[serde(default)]
    pub pictures: Vec<crate::model::Picture>,
}

/// Which device (table) created an item and which changed it last, with the timestamps.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct Provenance {
    pub id: String,
    pub created_by: String,
    /// The creating op's hybrid-logical-clock timestamp.
    pub created_hlc: String,
    pub edited_by: String,
    pub edited_hlc: String,
}

/// Which output to produce.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum ReportKind {
    /// The summary report (DOCX, HTML or Markdown).
    Summary,
    /// The policy-brief draft (DOCX).
    Brief,
    /// The action plan (XLSX or CSV).
    Actions,
    /// A survey's answers and results (XLSX or CSV); `ReportRequest::form` names it.
    Survey,
    /// The participant list, with names and contacts (XLSX or CSV): personal data, its own
    /// action, never anonymised.
    Participants,
}

/// The parts of the summary report to include (all by default, but the participant list).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct ReportParts {
    pub participation: bool,
    pub groups: bool,
    pub across: bool,
    pub actions: bool,
    pub annex: bool,
    /// The names and organisations of the participants who consented to be named (never
    /// their contacts); off unless asked for.
    pub participant_list: bool,
    /// The surveys' results (before/after knowledge, the ratings, the choices).
    pub surveys: bool,
    /// The groups' work session by session of the agenda rather than group by group.
    #[serde(default)]
    pub by_session: bool,
    /// The pictures kept with the groups' work (flipcharts, whiteboards), with their captions
    /// (issue 21).
    #[serde(default = "yes")]
    pub pictures: bool,
}

fn yes() -> bool {
    true
}

impl Default for ReportParts {
    fn default() -> Self {
        ReportParts {
            participation: true,
            groups: true,
            across: true,
            actions: true,
            annex: true,
            participant_list: false,
            surveys: true,
            by_session: false,
            pictures: true,
        }
    }
}

/// An output asked for from the UI: what, in which format (`docx`, `html`, `md`, `xlsx`,
/// `csv`) and language (`lo`, `en`, `both`), which parts, and the file to write.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct ReportRequest {
    pub kind: ReportKind,
    pub format: String,
    pub lang: String,
    pub parts: ReportParts,
    pub path: String,
    /// The survey form (kind, form id or a version's id) of a `Survey` export.
    #[serde(default)]
    #[ts(optional)]
    pub form: Option<String>,
    /// No one's name or contact anywhere in it (`sala_report::anonymise`).
    #[serde(default)]
    #[ts(optional)]
    pub anonymised: Option<bool>,
    /// For an anonymised report: the person asking checked that no picture shows a face or a
    /// name, so the pictures may stay in it (off: an anonymised report has no pictures).
    #[serde(default)]
    #[ts(optional)]
    pub pictures_checked: Option<bool>,
}

impl ReportRequest {
    /// Whether the output shows the groups' pictures: a summary report with them among its parts
    /// — and, when anonymised, only if the person asking checked that none shows a face or a name.
    pub fn shows_pictures(&self) -> bool {
        self.kind == ReportKind::Summary
            && self.parts.pictures
            && (self.anonymised != Some(true) || self.pictures_checked == Some(true))
    }
}

/// A file written.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct SavedReport {
    pub path: String,
    #[ts(type = "number")]
    pub bytes: u64,
}

/// A survey form's results, as the app shows them.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct SurveyResults {
    /// The latest version (whose questions the results follow).
    pub form: crate::survey::SurveyForm,
    pub responses: u32,
    /// (version, responses), oldest version first.
    pub by_version: Vec<(u32, u32)>,
    pub questions: Vec<crate::survey::QuestionResult>,
    /// Self-assessed knowledge per focus area, before (the pre-workshop form) and after (the
    /// post-workshop form); empty for other forms.
    pub knowledge: Vec<crate::survey::KnowledgeChange>,
}

/// Why a backup of the database was made.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum BackupReason {
    /// On the app's schedule, when something changed.
    Auto,
    /// Before a newer Sala migrated the database.
    BeforeMigration,
    /// The database a restore replaced.
    BeforeRestore,
    /// Asked for (`sala backup`, the app's "Back up now").
    Manual,
}

/// One backup in the data folder's `backups/`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct BackupInfo {
    /// Its file name (`sala-000042-20261128-011832-auto.db`: number, UTC time, reason) and
    /// full path.
    pub file: String,
    pub path: String,
    /// When it was made (UTC, ms since 1970), as its name says — by the laptop's clock then,
    /// which may have been wrong: the list is in the order they were made.
    #[ts(type = "number")]
    pub created_ms: i64,
    pub reason: BackupReason,
    #[ts(type = "number")]
    pub bytes: u64,
}

/// What importing answer files from the offline form did (issue 20).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct ResponseFilesImport {
    /// New responses.
    pub imported: u32,
    /// Files whose answers were already here (imported before, or saved twice).
    pub duplicates: u32,
    /// Files not taken, each with why.
    pub refused: Vec<RefusedFile>,
}

/// A file not imported, and why.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct RefusedFile {
    pub file: String,
    pub error: crate::error::SalaError,
}

/// A file the user gave (its name, its bytes), to import.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct NamedFile {
    pub name: String,
    pub bytes: Vec<u8>,
}
