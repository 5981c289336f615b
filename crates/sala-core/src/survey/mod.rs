//! Surveys as data: the pre-workshop survey, the post-workshop evaluation and the follow-up
//! questionnaire (issue 7). Pure — forms, the answers a response may hold, and the results
//! arithmetic; the store keeps them as ops like everything else.
//!
//! - A [`SurveyForm`] has sections of [`SurveyQuestion`]s: a rating scale, single or multiple
//!   choice, short or long text; each required or optional, each with a stable `key` that
//!   survives edits, and optionally the focus area it is about (`topic`: self-assessed knowledge
//!   of a pillar or element).
//! - A form that has answers is never changed in place: an edit makes a new `version`, and every
//!   [`SurveyResponse`] records the version it answered.
//! - [`check_answers`] says what is wrong with a response before anything is written;
//!   [`results`] counts, averages and distributes the answers of a form (every version, matched
//!   by question key); [`knowledge_change`] compares self-assessed knowledge before and after.
//! - [`builtin_forms`] makes the data-governance workshop's three forms from `templates/surveys.toml`
//!   and the workshop's own focus areas and agenda.

mod builtin;
pub mod offline;
mod results;

pub use builtin::*;
pub use results::*;

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::model::{AgendaItem, AgendaKind, Bilingual, FocusArea, FocusAreaKind, Id};
use crate::{ErrorCode, SalaError};

/// Which of the workshop's surveys a form is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum SurveyKind {
    /// Before the workshop (expectations, knowledge before).
    Pre,
    /// At the end (knowledge after, usefulness of each session, what next).
    Post,
    /// Weeks later.
    FollowUp,
}

impl SurveyKind {
    /// Its name in files, the CLI and the ids of the built-in forms: `pre`, `post`, `follow_up`.
    pub fn as_str(self) -> &'static str {
        match self {
            SurveyKind::Pre => "pre",
            SurveyKind::Post => "post",
            SurveyKind::FollowUp => "follow_up",
        }
    }
}

/// The latest version of each form among `versions` (live ones only), in (kind, form) order.
pub fn latest_versions(versions: &[SurveyForm]) -> Vec<&SurveyForm> {
    let mut latest: Vec<&SurveyForm> = Vec::new();
    for f in versions.iter().filter(|f| !f.deleted) {
        match latest.iter_mut().find(|l| l.form_id == f.form_id) {
            Some(l) if (f.version, &f.id) > (l.version, &l.id) => *l = f,
            Some(_) => {}
            None => latest.push(f),
        }
    }
    latest.sort_by(|a, b| (a.kind, &a.form_id).cmp(&(b.kind, &b.form_id)));
    latest
}

/// A survey form, one version of it (each version is a row of its own).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct SurveyForm {
    /// This version's row.
    pub id: Id,
    pub workshop_id: Id,
    /// The form every version of it shares.
    pub form_id: Id,
    pub kind: SurveyKind,
    pub title: Bilingual,
    pub intro: Bilingual,
    /// 1 for the first; an edit of a form that has answers makes the next.
    pub version: u32,
    /// No response is linked to a participant.
    pub anonymous: bool,
    pub sections: Vec<SurveySection>,
    pub deleted: bool,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct SurveySection {
    pub title: Bilingual,
    pub questions: Vec<SurveyQuestion>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct SurveyQuestion {
    /// Stable across versions (`knowledge.policy`, `usefulness.<agenda item id>`, `next_steps`).
    pub key: String,
    pub text: Bilingual,
    pub kind: QuestionKind,
    pub required: bool,
    /// The focus area (its code) a knowledge question is about.
    pub topic: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(tag = "type", rename_all = "snake_case")]
pub enum QuestionKind {
    /// A whole number from `min` to `max`, the ends labelled.
    Rating {
        min: u8,
        max: u8,
        low: Bilingual,
        high: Bilingual,
    },
    Single {
        options: Vec<SurveyOption>,
    },
    Multiple {
        options: Vec<SurveyOption>,
    },
    ShortText,
    LongText,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct SurveyOption {
    pub key: String,
    pub label: Bilingual,
}

/// One answer to one question.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(tag = "type", content = "value", rename_all = "snake_case")]
pub enum Answer {
    Rating(u8),
    Choice(String),
    Choices(Vec<String>),
    Text(String),
}

/// A participant's (or an anonymous person's) answers to one version of a form.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct SurveyResponse {
    pub id: Id,
    pub workshop_id: Id,
    /// The form (every version of it shares this id), and the version answered: its number and
    /// its row.
    pub form_id: Id,
    pub form_version: u32,
    pub version_id: Id,
    /// `None` when the form is anonymous or the person did not say.
    pub participant_id: Option<Id>,
    /// By question key.
    pub answers: BTreeMap<String, Answer>,
    /// The device that took the answers.
    pub device_id: String,
    pub created_hlc: String,
    pub deleted: bool,
    /// Where the answers came from when not typed on a laptop: a participant's phone in the
    /// room (issue 20). `None` for the kiosk, paper entry and imports. (Left out of a response's
    /// op when `None`, so a Sala before it reads every response as before.)
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[ts(optional)]
    pub source: Option<ResponseSource>,
}

/// A response given on a participant's own phone, through the room a laptop opened.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct ResponseSource {
    /// The phone's anonymous id (random, kept by its browser): one response per form per phone.
    pub phone: String,
    /// The table label of the laptop whose room took it ("phone, via Table 3").
    pub via: String,
}

/// The longest answer to a short-text question, and to a long-text one.
pub const MAX_SHORT_TEXT: usize = 500;
pub const MAX_LONG_TEXT: usize = 20_000;

/// One row of answers read from a file, with what is wrong with it (nothing: it can be written).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct ImportedAnswers {
    /// The row's line in the file (the header is line 1).
    pub line: u32,
    pub answers: BTreeMap<String, Answer>,
    pub problems: Vec<AnswerProblem>,
}

/// What a file of answers would import: its rows, and the columns that match no question.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct AnswersPreview {
    pub rows: Vec<ImportedAnswers>,
    pub ignored_columns: Vec<String>,
}

/// What is wrong with one answer (or a missing one).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(tag = "problem", rename_all = "snake_case")]
pub enum AnswerProblem {
    Required {
        key: String,
    },
    OutOfRange {
        key: String,
        value: u8,
        min: u8,
        max: u8,
    },
    UnknownOption {
        key: String,
        option: String,
    },
    /// An answer of another kind than the question asks (a text for a rating).
    WrongKind {
        key: String,
    },
    TooLong {
        key: String,
        max: u32,
    },
    UnknownQuestion {
        key: String,
    },
}

impl SurveyForm {
    pub fn questions(&self) -> impl Iterator<Item = &SurveyQuestion> {
        self.sections.iter().flat_map(|s| s.questions.iter())
    }

    pub fn question(&self, key: &str) -> Option<&SurveyQuestion> {
        self.questions().find(|q| q.key == key)
    }
}

/// What the coordinator may change of a form: everything but its identity and kind. An edit of
/// a form that has answers becomes its next version.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct SurveyFormEdit {
    pub title: Bilingual,
    pub intro: Bilingual,
    pub anonymous: bool,
    pub sections: Vec<SurveySection>,
}

fn blank(b: &Bilingual) -> bool {
    b.lo.trim().is_empty() && b.en.trim().is_empty()
}

/// The most questions a form may have, and choices a question.
pub const MAX_QUESTIONS: usize = 200;
pub const MAX_OPTIONS: usize = 50;

/// Checks a form as the coordinator left it: a title; at least one question; every question
/// with text and a key of its own; choice questions with at least two labelled choices of
/// distinct keys; rating scales from 0 or 1 to at most 10. The first problem is the error;
/// `number` counts questions from 1 across the sections.
pub fn check_form(edit: &SurveyFormEdit) -> Result<(), SalaError> {
    if blank(&edit.title) {
        return Err(SalaError::new(ErrorCode::SurveyNoTitle));
    }
    if let Some(e) = too_long(&edit.title, MAX_SHORT_TEXT) {
        return Err(e);
    }
    if let Some(e) = too_long(&edit.intro, MAX_LONG_TEXT) {
        return Err(e);
    }
    let questions: Vec<&SurveyQuestion> = edit
        .sections
        .iter()
        .flat_map(|s| s.questions.iter())
        .collect();
    if questions.is_empty() {
        return Err(SalaError::new(ErrorCode::SurveyNoQuestions));
    }
    if questions.len() > MAX_QUESTIONS {
        return Err(SalaError::new(ErrorCode::InvalidArgument)
            .with("name", "questions")
            .with("value", questions.len()));
    }
    for s in &edit.sections {
        if let Some(e) = too_long(&s.title, MAX_SHORT_TEXT) {
            return Err(e);
        }
    }
    let mut keys = std::collections::BTreeSet::new();
    for (i, q) in questions.iter().enumerate() {
        let number = i + 1;
        let key_ok =
            !q.key.trim().is_empty() && q.key.len() <= 200 && !q.key.chars().any(char::is_control);
        if !key_ok || !keys.insert(q.key.as_str()) {
            return Err(SalaError::new(ErrorCode::InvalidArgument)
                .with("name", "key")
                .with("value", &q.key));
        }
        if blank(&q.text) {
            return Err(SalaError::new(ErrorCode::SurveyQuestionNoText).with("number", number));
        }
        if let Some(e) = too_long(&q.text, MAX_SHORT_TEXT) {
            return Err(e);
        }
        check_kind(&q.kind, number)?;
    }
    Ok(())
}

/// The first of a text's two languages over `max` characters, as the error said for it.
fn too_long(b: &Bilingual, max: usize) -> Option<SalaError> {
    [&b.lo, &b.en]
        .into_iter()
        .map(|t| t.chars().count())
        .find(|n| *n > max)
        .map(|n| {
            SalaError::new(ErrorCode::TextTooLong)
                .with("length", n)
                .with("max", max)
        })
}

/// A question's answers as its kind defines them: a scale within 0/1–10 with its end labels,
/// or two to [`MAX_OPTIONS`] options with labels and distinct keys.
fn check_kind(kind: &QuestionKind, number: usize) -> Result<(), SalaError> {
    match kind {
        QuestionKind::Rating {
            min,
            max,
            low,
            high,
        } => {
            if *min > 1 || *max > 10 || max <= min {
                return Err(SalaError::new(ErrorCode::SurveyBadScale).with("number", number));
            }
            for b in [low, high] {
                if let Some(e) = too_long(b, MAX_SHORT_TEXT) {
                    return Err(e);
                }
            }
        }
        QuestionKind::Single { options } | QuestionKind::Multiple { options } => {
            if options.len() < 2 {
                return Err(SalaError::new(ErrorCode::SurveyTooFewOptions).with("number", number));
            }
            if options.len() > MAX_OPTIONS {
                return Err(SalaError::new(ErrorCode::InvalidArgument)
                    .with("name", "options")
                    .with("value", options.len()));
            }
            let mut seen = std::collections::BTreeSet::new();
            for o in options {
                if blank(&o.label) {
                    return Err(
                        SalaError::new(ErrorCode::SurveyOptionNoLabel).with("number", number)
                    );
                }
                if let Some(e) = too_long(&o.label, MAX_SHORT_TEXT) {
                    return Err(e);
                }
                if o.key.trim().is_empty() || !seen.insert(o.key.as_str()) {
                    return Err(SalaError::new(ErrorCode::InvalidArgument)
                        .with("name", "option")
                        .with("value", &o.key));
                }
            }
        }
        QuestionKind::ShortText | QuestionKind::LongText => {}
    }
    Ok(())
}

fn is_blank(a: &Answer) -> bool {
    match a {
        Answer::Text(t) => t.trim().is_empty(),
        Answer::Choices(c) => c.is_empty(),
        Answer::Choice(c) => c.is_empty(),
        Answer::Rating(_) => false,
    }
}

/// Every problem of `answers` for `form`, in the form's question order (then unknown keys):
/// empty when the response can be saved.
pub fn check_answers(form: &SurveyForm, answers: &BTreeMap<String, Answer>) -> Vec<AnswerProblem> {
    let mut out = Vec::new();
    for q in form.questions() {
        let key = || q.key.clone();
        let Some(a) = answers.get(&q.key).filter(|a| !is_blank(a)) else {
            if q.required {
                out.push(AnswerProblem::Required { key: key() });
            }
            continue;
        };
        let known = |options: &[SurveyOption], o: &str| options.iter().any(|x| x.key == o);
        match (&q.kind, a) {
            (QuestionKind::Rating { min, max, .. }, Answer::Rating(v)) => {
                if v < min || v > max {
                    out.push(AnswerProblem::OutOfRange {
                        key: key(),
                        value: *v,
                        min: *min,
                        max: *max,
                    });
                }
            }
            (QuestionKind::Single { options }, Answer::Choice(o)) => {
                if !known(options, o) {
                    out.push(AnswerProblem::UnknownOption {
                        key: key(),
                        option: o.clone(),
                    });
                }
            }
            (QuestionKind::Multiple { options }, Answer::Choices(chosen)) => {
                for o in chosen.iter().filter(|o| !known(options, o)) {
                    out.push(AnswerProblem::UnknownOption {
                        key: key(),
                        option: o.clone(),
                    });
                }
            }
            (QuestionKind::ShortText, Answer::Text(t))
            | (QuestionKind::LongText, Answer::Text(t)) => {
                let max = if q.kind == QuestionKind::ShortText {
                    MAX_SHORT_TEXT
                } else {
                    MAX_LONG_TEXT
                };
                if t.chars().count() > max {
                    out.push(AnswerProblem::TooLong {
                        key: key(),
                        max: max as u32,
                    });
                }
            }
            _ => out.push(AnswerProblem::WrongKind { key: key() }),
        }
    }
    for k in answers.keys().filter(|k| form.question(k).is_none()) {
        out.push(AnswerProblem::UnknownQuestion { key: k.clone() });
    }
    out
}
