//! Notes: what the note-taker captures, per group and guiding question — added, edited (two
//! laptops' edits of one text merge), moved to the trash and back.

pub mod rows;

use sala_core::api::{NewNote, NoteChange};
use sala_core::model::Note;
use sala_core::op::new_id;
use sala_core::text::{check_note_text, check_short_text, detect_language};

use crate::error::not_found;
use crate::log::table;
use crate::workshop::guiding_questions::GuidingQuestions;
use crate::{Result, Store};
use rows::Notes;

impl Store {
    /// A note under a group (its name or id) and a guiding question (its number), as scripts
    /// and the command line name them; its language detected, no session.
    pub fn add_note_at(&mut self, group: &str, question: u32, text: &str) -> Result<Note> {
        let group_id = self.find_group(group)?.id;
        let question_id = self.question_by_number(question)?.id;
        self.add_note(&NewNote {
            group_id,
            question_id,
            text: text.into(),
            lang: None,
            agenda_item_id: None,
        })
    }

    /// Saves a new note durably and returns it.
    pub fn add_note(&mut self, new: &NewNote) -> Result<Note> {
        check_note_text(&new.text)?;
        let workshop = self.current_workshop()?;
        let group = self.find_group(&new.group_id)?;
        let question = table::get::<GuidingQuestions>(self.read(), &new.question_id)?
            .filter(|q| q.workshop_id == workshop.id && !q.deleted)
            .ok_or_else(|| not_found("guiding_question", &new.question_id))?;
        let session = self.session_of(new.agenda_item_id.as_deref())?;
        self.write(|w| {
            let hlc = w.tick();
            let note = Note {
                id: new_id(),
                workshop_id: workshop.id.clone(),
                group_id: group.id.clone(),
                question_id: question.id.clone(),
                agenda_item_id: session,
                text: new.text.clone(),
                lang: new.lang.unwrap_or_else(|| detect_language(&new.text)),
                ..Note::captured(w.device(), &hlc.to_string())
            };
            w.create_at::<Notes>(hlc, &workshop.id, &note)?;
            Ok(note)
        })
    }

    /// Replaces a note's text (and its detected language) durably.
    pub fn update_note_text(&mut self, id: &str, text: &str) -> Result<Note> {
        self.edit_note_text(id, None, text)
    }

    /// Saves an edit of a note's text made from `base` (the text the editor started from; the
    /// note's current text when `None`). Words other devices added meanwhile are kept: the
    /// returned note's text has them.
    pub fn edit_note_text(&mut self, id: &str, base: Option<&str>, text: &str) -> Result<Note> {
        check_note_text(text)?;
        let note = self.note(id)?;
        let base = base.unwrap_or(&note.text);
        if note.text == text || base == text {
            return Ok(note);
        }
        self.write(|w| {
            let op = w.set_text::<Notes>(&note.workshop_id, id, "text", base, text)?;
            let lang = detect_language(op.value.as_str().unwrap_or(text));
            if lang != note.lang {
                w.set::<Notes>(&note.workshop_id, id, "lang", lang)?;
            }
            Ok(())
        })?;
        self.note(id)
    }

    /// Changes one property of a note durably.
    pub fn change_note(&mut self, id: &str, change: &NoteChange) -> Result<Note> {
        let note = self.note(id)?;
        let ws = note.workshop_id.clone();
        match change {
            NoteChange::Text(text) => return self.update_note_text(id, text),
            NoteChange::Lang(lang) => {
                self.write(|w| w.set::<Notes>(&ws, id, "lang", lang).map(|_| ()))?
            }
            NoteChange::Stakeholder(s) => {
                self.write(|w| w.set::<Notes>(&ws, id, "stakeholder", s).map(|_| ()))?
            }
            NoteChange::KeyPoint(k) => {
                self.write(|w| w.set::<Notes>(&ws, id, "key_point", k).map(|_| ()))?
            }
            NoteChange::Tags(tags) => {
                let mut clean: Vec<String> = Vec::new();
                for tag in tags.iter().map(|t| t.trim()).filter(|t| !t.is_empty()) {
                    check_short_text(tag)?;
                    if !clean.iter().any(|c| c == tag) {
                        clean.push(tag.to_owned());
                    }
                }
                self.write(|w| w.set::<Notes>(&ws, id, "tags", &clean).map(|_| ()))?
            }
            NoteChange::Translation(t) => {
                let t = t.as_ref().map(|t| t.trim()).filter(|t| !t.is_empty());
                if let Some(t) = t {
                    check_note_text(t)?;
                }
                self.write(|w| w.set::<Notes>(&ws, id, "translation", t).map(|_| ()))?
            }
        }
        self.note(id)
    }

    /// Moves a note to the trash.
    pub fn delete_note(&mut self, id: &str) -> Result<Note> {
        let note = self.note(id)?;
        if !note.deleted {
            self.write(|w| w.delete::<Notes>(&note.workshop_id, id).map(|_| ()))?;
        }
        self.note(id)
    }

    /// Brings a note back from the trash.
    pub fn restore_note(&mut self, id: &str) -> Result<Note> {
        let note = self.note(id)?;
        if note.deleted {
            self.write(|w| w.restore::<Notes>(&note.workshop_id, id).map(|_| ()))?;
        }
        self.note(id)
    }

    /// The live notes under one group and question, oldest first.
    pub fn notes_for(&self, group_id: &str, question_id: &str) -> Result<Vec<Note>> {
        rows::for_question(self.read(), group_id, question_id)
    }

    /// Every live note of the current workshop, oldest first.
    pub fn all_notes(&self) -> Result<Vec<Note>> {
        let workshop = self.current_workshop()?;
        table::list::<Notes>(self.read(), &workshop.id, false)
    }

    /// The notes in the trash, oldest first.
    pub fn trash(&self) -> Result<Vec<Note>> {
        let workshop = self.current_workshop()?;
        table::list::<Notes>(self.read(), &workshop.id, true)
    }
}
