//! Operations: the unit of change, and later of sync.
//!
//! Every change to the materialised tables is described by one [`Op`] and written in the same
//! transaction. A `Create` carries the whole new row as JSON; a `Set` one field's new value;
//! `Delete` and `Restore` move a row to and from the trash (rows are never removed).

use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::hlc::Hlc;

/// The tables an op can change.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum Entity {
    Workshop,
    AgendaItem,
    FocusArea,
    GuidingQuestion,
    Group,
    Note,
    SwotCard,
    Action,
    Participant,
    SwotBoard,
    SwotVote,
    Attendance,
    SurveyForm,
    SurveyResponse,
    Idea,
    Picture,
}

impl Entity {
    pub fn as_str(self) -> &'static str {
        match self {
            Entity::Workshop => "workshop",
            Entity::AgendaItem => "agenda_item",
            Entity::FocusArea => "focus_area",
            Entity::GuidingQuestion => "guiding_question",
            Entity::Group => "group",
            Entity::Note => "note",
            Entity::SwotCard => "swot_card",
            Entity::Action => "action",
            Entity::Participant => "participant",
            Entity::SwotBoard => "swot_board",
            Entity::SwotVote => "swot_vote",
            Entity::Attendance => "attendance",
            Entity::SurveyForm => "survey_form",
            Entity::SurveyResponse => "survey_response",
            Entity::Idea => "idea",
            Entity::Picture => "picture",
        }
    }

    pub fn parse(s: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|e| e.as_str() == s)
    }

    pub const ALL: [Entity; 16] = [
        Entity::Workshop,
        Entity::AgendaItem,
        Entity::FocusArea,
        Entity::GuidingQuestion,
        Entity::Group,
        Entity::Note,
        Entity::SwotCard,
        Entity::Action,
        Entity::Participant,
        Entity::SwotBoard,
        Entity::SwotVote,
        Entity::Attendance,
        Entity::SurveyForm,
        Entity::SurveyResponse,
        Entity::Idea,
        Entity::Picture,
    ];
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum OpKind {
    Create,
    Set,
    Delete,
    Restore,
}

impl OpKind {
    pub fn as_str(self) -> &'static str {
        match self {
            OpKind::Create => "create",
            OpKind::Set => "set",
            OpKind::Delete => "delete",
            OpKind::Restore => "restore",
        }
    }

    pub fn parse(s: &str) -> Option<Self> {
        [OpKind::Create, OpKind::Set, OpKind::Delete, OpKind::Restore]
            .into_iter()
            .find(|k| k.as_str() == s)
    }
}

/// One change.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Op {
    /// UUIDv7.
    pub id: String,
    pub hlc: Hlc,
    pub device: String,
    pub workshop_id: String,
    pub entity: Entity,
    pub entity_id: String,
    pub kind: OpKind,
    /// The field a `Set` changes; empty for the other kinds.
    pub field: String,
    /// The new row (`Create`), the new value (`Set`), or null.
    pub value: serde_json::Value,
    /// For a `Set`: the ops whose values of this field the editing device had when it made this
    /// one (the values it replaces). Values no op replaces are concurrent: all are kept (see
    /// [`crate::merge`]). Empty for the other kinds, and for a field's first `Set`.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub prev: Vec<String>,
    /// For a `Set` of a field that merges as text (a note's body): the same change as a Yjs
    /// update, base64 (see [`crate::text_merge`]).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub text_update: Option<String>,
}

/// A new UUIDv7 in text form.
pub fn new_id() -> String {
    uuid::Uuid::now_v7().to_string()
}
