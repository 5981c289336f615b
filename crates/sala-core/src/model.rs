//! The workshop's own words, as rows.
//!
//! Every row has an `id` (UUIDv7 text) and belongs to one workshop. Rows are never removed:
//! deleting sets `deleted`, and the row can be restored from the trash. Text that users type is
//! stored as entered (UTF-8, any script); bilingual facts carry an English and a Lao form.

use serde::{Deserialize, Serialize};
use ts_rs::TS;

/// The language of the interface (not of a note).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum UiLanguage {
    #[default]
    En,
    Lo,
}

impl UiLanguage {
    pub fn code(self) -> &'static str {
        match self {
            UiLanguage::En => "en",
            UiLanguage::Lo => "lo",
        }
    }

    pub fn parse(s: &str) -> Option<Self> {
        match s {
            "en" => Some(UiLanguage::En),
            "lo" => Some(UiLanguage::Lo),
            _ => None,
        }
    }
}

/// A UUIDv7 in its text form.
pub type Id = String;

/// A text in both languages of the workshop.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct Bilingual {
    pub en: String,
    pub lo: String,
}

impl Bilingual {
    pub fn new(en: impl Into<String>, lo: impl Into<String>) -> Self {
        Self {
            en: en.into(),
            lo: lo.into(),
        }
    }

    /// The text in `lang`, or in the other language where it has none in `lang`.
    pub fn in_lang(&self, lang: UiLanguage) -> &str {
        let (first, other) = match lang {
            UiLanguage::Lo => (&self.lo, &self.en),
            UiLanguage::En => (&self.en, &self.lo),
        };
        if first.trim().is_empty() {
            other
        } else {
            first
        }
    }
}

/// The language a note is written in.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum Language {
    Lo,
    En,
    Mixed,
}

impl Language {
    pub fn as_str(self) -> &'static str {
        match self {
            Language::Lo => "lo",
            Language::En => "en",
            Language::Mixed => "mixed",
        }
    }

    pub fn parse(s: &str) -> Option<Self> {
        match s {
            "lo" => Some(Language::Lo),
            "en" => Some(Language::En),
            "mixed" => Some(Language::Mixed),
            _ => None,
        }
    }
}

/// The workshop: the consultation as a whole.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct Workshop {
    pub id: Id,
    pub title: Bilingual,
    /// ISO dates, `YYYY-MM-DD`.
    pub start_date: String,
    pub end_date: String,
    pub venue: Bilingual,
    pub organisers: Bilingual,
    /// The template it was made from, by its id.
    pub template: String,
    pub is_demo: bool,
    /// What the workshop sets out to do (from the workshop file), in both languages.
    #[serde(default)]
    pub objectives: Vec<Bilingual>,
}

/// What kind of slot an agenda item is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum AgendaKind {
    Opening,
    Plenary,
    Breakout,
    ReportBack,
    NextSteps,
    Break,
    Closing,
}

/// One item of the agenda on one day.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct AgendaItem {
    pub id: Id,
    pub workshop_id: Id,
    /// 1 for the first day.
    pub day: u32,
    pub position: u32,
    pub kind: AgendaKind,
    pub title: Bilingual,
    /// `HH:MM`, local time of the venue.
    pub starts_at: String,
    pub ends_at: String,
    pub room: String,
    pub deleted: bool,
}

/// A pillar or an element of the framework.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum FocusAreaKind {
    Pillar,
    Element,
}

/// A focus area a group discusses: one of the pillars or one of the elements.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct FocusArea {
    pub id: Id,
    pub workshop_id: Id,
    pub kind: FocusAreaKind,
    /// Short stable code from the template, e.g. `policy` or `data-security`.
    pub code: String,
    pub position: u32,
    pub name: Bilingual,
    pub description: Bilingual,
    pub deleted: bool,
}

/// One of the guiding questions for the focus-group discussions.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct GuidingQuestion {
    pub id: Id,
    pub workshop_id: Id,
    /// 1-based, as printed in the concept note.
    pub number: u32,
    pub text: Bilingual,
    pub deleted: bool,
}

/// A breakout group (a table).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct Group {
    pub id: Id,
    pub workshop_id: Id,
    pub name: String,
    pub position: u32,
    pub focus_area_ids: Vec<Id>,
    pub facilitator: String,
    pub note_taker: String,
    pub deleted: bool,
}

/// The stakeholder categories of the concept note.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum Stakeholder {
    Government,
    PrivateSector,
    CivilSociety,
    Academia,
    DevelopmentPartner,
    InternationalExpert,
}

/// A note taken at a table under one guiding question.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct Note {
    pub id: Id,
    pub workshop_id: Id,
    pub group_id: Id,
    pub question_id: Id,
    pub agenda_item_id: Option<Id>,
    pub text: String,
    pub lang: Language,
    pub stakeholder: Option<Stakeholder>,
    pub key_point: bool,
    pub tags: Vec<String>,
    pub translation: Option<String>,
    /// The device that captured it.
    pub device_id: String,
    /// Hybrid-logical-clock timestamps of creation and of the last change.
    pub created_hlc: String,
    pub updated_hlc: String,
    pub deleted: bool,
    /// The participant's idea it was made from (sent from a phone, accepted by the table):
    /// shown as "from a participant".
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[ts(optional)]
    pub idea_id: Option<Id>,
}

impl Note {
    /// A note just captured by `device_id` at `hlc`, with no properties yet (no stakeholder,
    /// key point, tags or translation) and every id and its text empty: set them with
    /// `Note { id, text, .., ..Note::captured(device, hlc) }`.
    pub fn captured(device_id: &str, hlc: &str) -> Note {
        Note {
            id: String::new(),
            workshop_id: String::new(),
            group_id: String::new(),
            question_id: String::new(),
            agenda_item_id: None,
            text: String::new(),
            lang: Language::Mixed,
            stakeholder: None,
            key_point: false,
            tags: Vec::new(),
            translation: None,
            device_id: device_id.to_owned(),
            created_hlc: hlc.to_owned(),
            updated_hlc: hlc.to_owned(),
            deleted: false,
            idea_id: None,
        }
    }
}

/// What became of a participant's idea in the group's moderation queue.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum IdeaStatus {
    /// Waiting for the table to read it.
    Pending,
    /// Became a note of its own ([`Idea::note_id`]).
    Accepted,
    /// Added to a note already there ([`Idea::note_id`]).
    Merged,
    /// Not taken up; kept, and can be reconsidered.
    Rejected,
}

/// A short text a participant sent from a phone for a guiding question of a group (issue 20,
/// the room). It waits in the group's moderation queue — on every laptop, through sync — until
/// the table accepts it (as a note "from a participant", perhaps edited), merges it into a note,
/// or rejects it. Its text is kept as sent.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct Idea {
    pub id: Id,
    pub workshop_id: Id,
    pub group_id: Id,
    pub question_id: Id,
    /// As the participant typed it.
    pub text: String,
    pub lang: Language,
    /// The phone's anonymous id (made by the room's page; not a person).
    pub phone: String,
    /// The table label of the laptop whose room received it.
    pub via: String,
    /// When it arrived (hybrid logical clock): the queue's order.
    pub received_hlc: String,
    pub status: IdeaStatus,
    /// The note it became or was merged into.
    pub note_id: Option<Id>,
    pub deleted: bool,
}

/// How a picture is stored: JPEG for photos, PNG for drawings and screenshots.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum PictureFormat {
    Jpeg,
    Png,
}

impl PictureFormat {
    /// The file name extension (and the name of the format in the folder's file names).
    pub fn extension(self) -> &'static str {
        match self {
            PictureFormat::Jpeg => "jpg",
            PictureFormat::Png => "png",
        }
    }

    /// The media type (HTML `data:` addresses, DOCX content types).
    pub fn media_type(self) -> &'static str {
        match self {
            PictureFormat::Jpeg => "image/jpeg",
            PictureFormat::Png => "image/png",
        }
    }
}

/// A picture kept with a group's work (issue 21): a photo of a flipchart, a whiteboard, a
/// handout. The row travels as ops like a note; the picture itself is a content-addressed file
/// (`content`, the SHA-256 of the stored bytes) that travels beside them and may arrive later.
/// It belongs to a group and, within it, to a guiding question, a SWOT board (a focus area) or
/// a note — or to the group as a whole.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct Picture {
    pub id: Id,
    pub workshop_id: Id,
    pub group_id: Id,
    pub question_id: Option<Id>,
    /// The SWOT board (the group's board for this focus area).
    pub focus_area_id: Option<Id>,
    pub note_id: Option<Id>,
    /// In Lao or English, as typed; searchable like notes.
    pub caption: String,
    /// SHA-256 of the stored picture, lower-case hex: its name in the shared folder.
    pub content: String,
    pub format: PictureFormat,
    pub width: u32,
    pub height: u32,
    /// The stored picture's size.
    #[ts(type = "number")]
    pub bytes: u64,
    /// The laptop that added it (its table label is the picture's provenance).
    pub device: String,
    /// When it was added (hybrid logical clock).
    pub added_hlc: String,
    pub deleted: bool,
}

/// A SWOT quadrant.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum Quadrant {
    Strengths,
    Weaknesses,
    Opportunities,
    Threats,
}

/// A card on a group's SWOT board for one focus area. Its votes are [`SwotVote`] rows.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct SwotCard {
    pub id: Id,
    pub workshop_id: Id,
    pub group_id: Id,
    pub focus_area_id: Id,
    pub quadrant: Quadrant,
    pub text: String,
    pub stakeholder: Option<Stakeholder>,
    /// Order within the quadrant (ties broken by id).
    pub position: u32,
    /// Cards clustered as duplicates share the id of the cluster's lead card; every card keeps
    /// its own text.
    pub cluster_id: Option<Id>,
    /// The note it was made from, if any.
    pub source_note_id: Option<Id>,
    pub deleted: bool,
    /// The session of the agenda it was made in.
    #[serde(default)]
    pub agenda_item_id: Option<Id>,
}

/// The settings of one board (a group's SWOT for one focus area).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct SwotBoard {
    pub id: Id,
    pub workshop_id: Id,
    pub group_id: Id,
    pub focus_area_id: Id,
    /// Dots each person may place on this board.
    pub vote_limit: u32,
    pub deleted: bool,
}

/// One dot placed on a card by one person. Every vote is its own row, so votes cast on
/// different laptops all count when merged; taking a vote back moves it to the trash.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct SwotVote {
    pub id: Id,
    pub workshop_id: Id,
    pub card_id: Id,
    /// Who voted: a name or initials the facilitator enters.
    pub voter: String,
    pub deleted: bool,
    /// The session of the agenda it was cast in.
    #[serde(default)]
    pub agenda_item_id: Option<Id>,
}

/// Short, medium or long term, when an action has no dates.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum Horizon {
    Short,
    Medium,
    Long,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum Priority {
    High,
    Medium,
    Low,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum ActionStatus {
    Proposed,
    Agreed,
    InProgress,
    Done,
}

/// One line of the follow-up action plan.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct Action {
    pub id: Id,
    pub workshop_id: Id,
    pub title: String,
    pub description: String,
    pub focus_area_id: Option<Id>,
    pub responsible: String,
    pub partners: String,
    pub start_date: Option<String>,
    pub due_date: Option<String>,
    pub horizon: Option<Horizon>,
    pub priority: Priority,
    pub status: ActionStatus,
    /// The SWOT card or note it came from, if any.
    pub source_id: Option<Id>,
    pub deleted: bool,
    /// The session of the agenda it was proposed in.
    #[serde(default)]
    pub agenda_item_id: Option<Id>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum Gender {
    Female,
    Male,
    Other,
    Undisclosed,
}

/// A person invited to the workshop. Personal data: never leaves the device except through sync
/// and exports the user asks for.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct Participant {
    pub id: Id,
    pub workshop_id: Id,
    pub name: Bilingual,
    pub organisation: String,
    pub stakeholder: Option<Stakeholder>,
    pub gender: Gender,
    pub contact: String,
    /// Consents to be named in reports.
    pub consent: bool,
    pub group_id: Option<Id>,
    pub deleted: bool,
}

/// Whether a participant was at the workshop on one day (checked in at the door).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct Attendance {
    pub id: Id,
    pub workshop_id: Id,
    pub participant_id: Id,
    /// 1 for the first day.
    pub day: u32,
    pub present: bool,
    pub deleted: bool,
}
