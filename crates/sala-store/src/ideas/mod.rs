//! Participants' ideas (issue 20): short texts sent from phones through the room for a guiding
//! question of a group. They wait in the group's moderation queue — on every laptop, since they
//! sync like notes — until the table accepts one (it becomes a note "from a participant", as
//! sent or edited), merges it into a note already there (its text added to the note's), or
//! rejects it (kept, and can be reconsidered). A government consultation reads what it publishes.
//!
//! What a participant sent is never changed: the idea keeps its text whatever the note becomes.

pub mod rows;

use sala_core::model::{Idea, IdeaStatus, Note};
use sala_core::op::new_id;
use sala_core::text::{
    MAX_IDEA_CHARS, MAX_IDEAS_PER_PHONE, check_note_text, detect_language, printable_line,
};
use sala_core::{ErrorCode, SalaError};

use crate::error::not_found;
use crate::log::table;
use crate::notes::rows::Notes;
use crate::workshop::guiding_questions::GuidingQuestions;
use crate::{Result, Store};
use rows::Ideas;

/// Checks an idea's text: not blank, at most [`MAX_IDEA_CHARS`].
fn check_idea_text(text: &str) -> Result<()> {
    if text.trim().is_empty() {
        return Err(SalaError::new(ErrorCode::EmptyText));
    }
    let length = text.chars().count();
    if length > MAX_IDEA_CHARS {
        return Err(SalaError::new(ErrorCode::TextTooLong)
            .with("length", length)
            .with("max", MAX_IDEA_CHARS));
    }
    Ok(())
}

impl Store {
    /// Saves an idea `phone` sent for a question of a group, received by the laptop labelled
    /// `via`, into the group's queue. A phone sends at most [`MAX_IDEAS_PER_PHONE`] ideas per
    /// question: the queue is read by people.
    pub fn send_idea(
        &mut self,
        group_id: &str,
        question_id: &str,
        text: &str,
        phone: &str,
        via: &str,
    ) -> Result<Idea> {
        let text = text.trim();
        check_idea_text(text)?;
        let workshop = self.current_workshop()?;
        let group = self.find_group(group_id)?;
        let question = self.live_question(&workshop.id, question_id)?;
        self.write(|w| {
            // Counted in the write's own transaction: two rooms on one data folder (the app and
            // `sala room open`) never let a phone past its limit together.
            if rows::sent_by(w.conn(), phone, &group.id, &question.id)? >= MAX_IDEAS_PER_PHONE {
                return Err(
                    SalaError::new(ErrorCode::IdeaLimitReached).with("max", MAX_IDEAS_PER_PHONE)
                );
            }
            let hlc = w.tick();
            let idea = Idea {
                id: new_id(),
                workshop_id: workshop.id.clone(),
                group_id: group.id.clone(),
                question_id: question.id.clone(),
                text: text.to_owned(),
                lang: detect_language(text),
                phone: phone.to_owned(),
                via: printable_line(via),
                received_hlc: hlc.to_string(),
                status: IdeaStatus::Pending,
                note_id: None,
                deleted: false,
            };
            w.create_at::<Ideas>(hlc, &workshop.id, &idea)?;
            Ok(idea)
        })
    }

    /// The current workshop's ideas, oldest first: of one group (its name or id) or of every
    /// group; only those waiting, or all.
    pub fn ideas(&self, group: Option<&str>, pending_only: bool) -> Result<Vec<Idea>> {
        let workshop = self.current_workshop()?;
        let group_id = group.map(|g| self.find_group(g)).transpose()?.map(|g| g.id);
        rows::listed(self.read(), &workshop.id, group_id.as_deref(), pending_only)
    }

    /// The ideas waiting under one group (its id) and question, oldest first: the queue the
    /// table reads beside its notes.
    pub fn pending_ideas(&self, group_id: &str, question_id: &str) -> Result<Vec<Idea>> {
        let mut ideas = self.ideas(Some(group_id), true)?;
        ideas.retain(|i| i.question_id == question_id);
        Ok(ideas)
    }

    /// The ideas one phone sent for a question of a group, oldest first (what the phone shows
    /// as "sent").
    pub fn ideas_of_phone(
        &self,
        group_id: &str,
        question_id: &str,
        phone: &str,
    ) -> Result<Vec<Idea>> {
        let mut ideas = self.ideas(Some(group_id), false)?;
        ideas.retain(|i| i.question_id == question_id && i.phone == phone);
        Ok(ideas)
    }

    /// One idea, by its id, or by its start or end (at least 6 characters; the CLI lists the last
    /// 8, the random part of a UUIDv7) when only one idea has it.
    pub fn idea(&self, id: &str) -> Result<Idea> {
        let id = id.trim();
        if let Some(idea) = table::get::<Ideas>(self.read(), id)? {
            return Ok(idea);
        }
        if id.len() >= 6 {
            let workshop = self.current_workshop()?;
            let mut found = table::list::<Ideas>(self.read(), &workshop.id, false)?;
            found.retain(|i| i.id.starts_with(id) || i.id.ends_with(id));
            if found.len() == 1 {
                return Ok(found.remove(0));
            }
        }
        Err(not_found("idea", id))
    }

    /// Accepts a waiting idea: it becomes a note of its group and question (its text as sent,
    /// or `text` as the table edited it), marked as from a participant, in the session given.
    pub fn accept_idea(
        &mut self,
        id: &str,
        text: Option<&str>,
        agenda_item_id: Option<&str>,
    ) -> Result<Note> {
        let idea = self.pending_idea(id)?;
        let text = text.map(str::trim).unwrap_or(&idea.text).to_owned();
        check_note_text(&text)?;
        let question = self.live_question(&idea.workshop_id, &idea.question_id)?;
        let group = self.find_group(&idea.group_id)?;
        let session = self.session_of(agenda_item_id)?;
        self.write(|w| {
            still_pending(w, &idea.id)?;
            let hlc = w.tick();
            let note = Note {
                id: new_id(),
                workshop_id: idea.workshop_id.clone(),
                group_id: group.id.clone(),
                question_id: question.id.clone(),
                agenda_item_id: session,
                lang: detect_language(&text),
                text,
                idea_id: Some(idea.id.clone()),
                ..Note::captured(w.device(), &hlc.to_string())
            };
            w.create_at::<Notes>(hlc, &idea.workshop_id, &note)?;
            w.set::<Ideas>(&idea.workshop_id, &idea.id, "status", IdeaStatus::Accepted)?;
            w.set::<Ideas>(&idea.workshop_id, &idea.id, "note_id", &note.id)?;
            Ok(note)
        })
    }

    /// Merges a waiting idea into a note of the same group and question: the idea's text is
    /// added to the note's, as a paragraph of its own (two laptops' edits of the note merge as
    /// any edit does).
    pub fn merge_idea(&mut self, id: &str, note_id: &str) -> Result<Note> {
        let idea = self.pending_idea(id)?;
        let note = self.note(note_id)?;
        if note.deleted || note.group_id != idea.group_id || note.question_id != idea.question_id {
            return Err(SalaError::new(ErrorCode::InvalidArgument)
                .with("name", "note")
                .with("value", note_id));
        }
        let merged = format!("{}\n\n{}", note.text.trim_end(), idea.text);
        check_note_text(&merged)?;
        self.write(|w| {
            still_pending(w, &idea.id)?;
            let op =
                w.set_text::<Notes>(&note.workshop_id, &note.id, "text", &note.text, &merged)?;
            let lang = detect_language(op.value.as_str().unwrap_or(&merged));
            if lang != note.lang {
                w.set::<Notes>(&note.workshop_id, &note.id, "lang", lang)?;
            }
            w.set::<Ideas>(&idea.workshop_id, &idea.id, "status", IdeaStatus::Merged)?;
            w.set::<Ideas>(&idea.workshop_id, &idea.id, "note_id", &note.id)?;
            Ok(())
        })?;
        self.note(&note.id)
    }

    /// Rejects a waiting idea: it leaves the queue, kept (it can be reconsidered).
    pub fn reject_idea(&mut self, id: &str) -> Result<Idea> {
        let idea = self.pending_idea(id)?;
        self.write(|w| {
            still_pending(w, &idea.id)?;
            w.set::<Ideas>(&idea.workshop_id, &idea.id, "status", IdeaStatus::Rejected)
                .map(|_| ())
        })?;
        self.idea(&idea.id)
    }

    /// Puts a rejected idea back in the queue (undoing a rejection).
    pub fn reconsider_idea(&mut self, id: &str) -> Result<Idea> {
        let idea = self.idea(id)?;
        match idea.status {
            IdeaStatus::Pending => return Ok(idea),
            IdeaStatus::Rejected => {}
            IdeaStatus::Accepted | IdeaStatus::Merged => return Err(moderated(&idea)),
        }
        self.write(|w| {
            w.set::<Ideas>(&idea.workshop_id, &idea.id, "status", IdeaStatus::Pending)
                .map(|_| ())
        })?;
        self.idea(&idea.id)
    }

    fn pending_idea(&self, id: &str) -> Result<Idea> {
        let idea = self.idea(id)?;
        if idea.deleted || idea.status != IdeaStatus::Pending {
            return Err(moderated(&idea));
        }
        Ok(idea)
    }

    fn live_question(
        &self,
        workshop_id: &str,
        question_id: &str,
    ) -> Result<sala_core::model::GuidingQuestion> {
        table::get::<GuidingQuestions>(self.read(), question_id)?
            .filter(|q| q.workshop_id == workshop_id && !q.deleted)
            .ok_or_else(|| not_found("guiding_question", question_id))
    }
}

/// Inside a write's own (immediate) transaction: the idea is still waiting. Two copies of Sala
/// moderating at once (the app and `sala room accept`) see each other here, never both.
fn still_pending(w: &crate::log::write::Writer<'_>, id: &str) -> Result<()> {
    match table::get::<Ideas>(w.conn(), id)? {
        Some(idea) if idea.status == IdeaStatus::Pending && !idea.deleted => Ok(()),
        Some(idea) => Err(moderated(&idea)),
        None => Err(not_found("idea", id)),
    }
}

fn moderated(idea: &Idea) -> SalaError {
    let status = serde_json::to_value(idea.status)
        .ok()
        .and_then(|v| v.as_str().map(str::to_owned))
        .unwrap_or_default();
    SalaError::new(ErrorCode::IdeaAlreadyModerated).with("status", status)
}
