//! What a workshop discusses and when: its focus areas (pillars and elements), its guiding
//! questions and its agenda — added, edited, moved and retired as ops (retired, never removed:
//! notes and cards point at them), and the sessions that overlap.

use sala_core::model::{AgendaItem, Bilingual, FocusArea, GuidingQuestion};
use sala_core::op::new_id;
use sala_core::template::{AgendaPlan, FocusAreaPlan, TemplateProblem, is_code, problems_error};
use sala_core::text::check_short_text;
use sala_core::{ErrorCode, SalaError};

use crate::error::not_found;
use crate::log::table;
use crate::workshop::agenda_items::AgendaItems;
use crate::workshop::focus_areas::FocusAreas;
use crate::workshop::guiding_questions::GuidingQuestions;
use crate::{Result, Store};

/// The `meta` key prefix marking a workshop archived on this laptop (never synced: archiving
/// tidies one laptop's list, it changes nothing of the workshop).
use super::setup::{check_bilingual, code_for, trimmed};

pub use sala_core::api::AgendaDraft;

impl Store {
    /// Every focus area of the current workshop, retired ones too (in display order).
    pub fn all_focus_areas(&self) -> Result<Vec<FocusArea>> {
        let w = self.current_workshop()?;
        let mut all = table::list::<FocusAreas>(self.read(), &w.id, false)?;
        all.extend(table::list::<FocusAreas>(self.read(), &w.id, true)?);
        Ok(all)
    }

    /// Adds a focus area at the end. Its code is the one given, or made from its name.
    pub fn add_focus_area(&mut self, plan: &FocusAreaPlan) -> Result<FocusArea> {
        check_bilingual("focus_area", &plan.name)?;
        check_short_text(&plan.description.en)?;
        check_short_text(&plan.description.lo)?;
        let w = self.current_workshop()?;
        let all = self.all_focus_areas()?;
        let taken: Vec<String> = all.iter().map(|a| a.code.clone()).collect();
        let code = if plan.code.trim().is_empty() {
            code_for(&plan.name, &taken)
        } else {
            plan.code.trim().to_owned()
        };
        if !is_code(&code) || taken.contains(&code) {
            return Err(problems_error(vec![TemplateProblem::FocusAreaCode {
                code,
            }]));
        }
        let row = FocusArea {
            id: new_id(),
            workshop_id: w.id.clone(),
            kind: plan.kind,
            code,
            position: all.iter().map(|a| a.position + 1).max().unwrap_or(0),
            name: trimmed(&plan.name),
            description: trimmed(&plan.description),
            deleted: false,
        };
        self.write(|wr| wr.create::<FocusAreas>(&w.id, &row).map(|_| ()))?;
        Ok(row)
    }

    fn focus_area_row(&self, id: &str) -> Result<FocusArea> {
        let w = self.current_workshop()?;
        table::get::<FocusAreas>(self.read(), id)?
            .filter(|a| a.workshop_id == w.id)
            .ok_or_else(|| not_found("focus_area", id))
    }

    /// Renames or describes a focus area, or changes whether it is a pillar or an element (its
    /// code stays: files and survey keys name it).
    pub fn update_focus_area(&mut self, id: &str, plan: &FocusAreaPlan) -> Result<FocusArea> {
        check_bilingual("focus_area", &plan.name)?;
        check_short_text(&plan.description.en)?;
        check_short_text(&plan.description.lo)?;
        let a = self.focus_area_row(id)?;
        let (name, description) = (trimmed(&plan.name), trimmed(&plan.description));
        self.write(|wr| {
            if a.name != name {
                wr.set::<FocusAreas>(&a.workshop_id, id, "name", &name)?;
            }
            if a.description != description {
                wr.set::<FocusAreas>(&a.workshop_id, id, "description", &description)?;
            }
            if a.kind != plan.kind {
                wr.set::<FocusAreas>(&a.workshop_id, id, "kind", plan.kind)?;
            }
            Ok(())
        })?;
        self.focus_area_row(id)
    }

    /// Moves a live focus area to place `to` (0-based) among the live ones; positions follow.
    pub fn move_focus_area(&mut self, id: &str, to: usize) -> Result<Vec<FocusArea>> {
        let w = self.current_workshop()?;
        let mut live = table::list::<FocusAreas>(self.read(), &w.id, false)?;
        let from = live
            .iter()
            .position(|a| a.id == id)
            .ok_or_else(|| not_found("focus_area", id))?;
        let moved = live.remove(from);
        live.insert(to.min(live.len()), moved);
        self.write(|wr| {
            for (i, a) in live.iter().enumerate() {
                if a.position != i as u32 {
                    wr.set::<FocusAreas>(&w.id, &a.id, "position", i as u32)?;
                }
            }
            Ok(())
        })?;
        table::list::<FocusAreas>(self.read(), &w.id, false)
    }

    /// Retires a focus area (its notes and cards keep it; reports name it as retired), or
    /// brings it back.
    pub fn retire_focus_area(&mut self, id: &str, retired: bool) -> Result<FocusArea> {
        let a = self.focus_area_row(id)?;
        if a.deleted != retired {
            self.write(|wr| {
                if retired {
                    wr.delete::<FocusAreas>(&a.workshop_id, id).map(|_| ())
                } else {
                    wr.restore::<FocusAreas>(&a.workshop_id, id).map(|_| ())
                }
            })?;
        }
        self.focus_area_row(id)
    }

    /// Every guiding question of the current workshop, retired ones too.
    pub fn all_questions(&self) -> Result<Vec<GuidingQuestion>> {
        let w = self.current_workshop()?;
        let mut all = table::list::<GuidingQuestions>(self.read(), &w.id, false)?;
        all.extend(table::list::<GuidingQuestions>(self.read(), &w.id, true)?);
        Ok(all)
    }

    fn question_row(&self, id: &str) -> Result<GuidingQuestion> {
        let w = self.current_workshop()?;
        table::get::<GuidingQuestions>(self.read(), id)?
            .filter(|q| q.workshop_id == w.id)
            .ok_or_else(|| not_found("guiding_question", id))
    }

    /// Numbers the live questions 1, 2, 3… in `order` (ids), writing only what changed.
    fn renumber(&mut self, workshop_id: &str, order: &[GuidingQuestion]) -> Result<()> {
        self.write(|wr| {
            for (i, q) in order.iter().enumerate() {
                let n = i as u32 + 1;
                if q.number != n {
                    wr.set::<GuidingQuestions>(workshop_id, &q.id, "number", n)?;
                }
            }
            Ok(())
        })
    }

    /// Adds a guiding question after the last one.
    pub fn add_question(&mut self, text: &Bilingual) -> Result<GuidingQuestion> {
        check_bilingual("guiding_question", text)?;
        let w = self.current_workshop()?;
        let live = table::list::<GuidingQuestions>(self.read(), &w.id, false)?;
        let row = GuidingQuestion {
            id: new_id(),
            workshop_id: w.id.clone(),
            number: live.iter().map(|q| q.number).max().unwrap_or(0) + 1,
            text: trimmed(text),
            deleted: false,
        };
        self.write(|wr| wr.create::<GuidingQuestions>(&w.id, &row).map(|_| ()))?;
        Ok(row)
    }

    /// Changes a guiding question's words (every laptop shows them after the next sync).
    pub fn update_question(&mut self, id: &str, text: &Bilingual) -> Result<GuidingQuestion> {
        check_bilingual("guiding_question", text)?;
        let q = self.question_row(id)?;
        let text = trimmed(text);
        if q.text != text {
            self.write(|wr| {
                wr.set::<GuidingQuestions>(&q.workshop_id, id, "text", &text)
                    .map(|_| ())
            })?;
        }
        self.question_row(id)
    }

    /// Moves a live question to place `to` (0-based); numbers follow the order.
    pub fn move_question(&mut self, id: &str, to: usize) -> Result<Vec<GuidingQuestion>> {
        let w = self.current_workshop()?;
        let mut live = table::list::<GuidingQuestions>(self.read(), &w.id, false)?;
        let from = live
            .iter()
            .position(|q| q.id == id)
            .ok_or_else(|| not_found("guiding_question", id))?;
        let moved = live.remove(from);
        live.insert(to.min(live.len()), moved);
        self.renumber(&w.id, &live)?;
        table::list::<GuidingQuestions>(self.read(), &w.id, false)
    }

    /// Retires a guiding question (its notes keep it; it is numbered no more) or brings it back
    /// as the last one.
    pub fn retire_question(&mut self, id: &str, retired: bool) -> Result<GuidingQuestion> {
        let q = self.question_row(id)?;
        let w = q.workshop_id.clone();
        if q.deleted == retired {
            return Ok(q);
        }
        let mut live = table::list::<GuidingQuestions>(self.read(), &w, false)?;
        self.write(|wr| {
            if retired {
                wr.delete::<GuidingQuestions>(&w, id).map(|_| ())
            } else {
                wr.restore::<GuidingQuestions>(&w, id).map(|_| ())
            }
        })?;
        if retired {
            live.retain(|x| x.id != id);
        } else {
            live.push(self.question_row(id)?);
        }
        self.renumber(&w, &live)?;
        self.question_row(id)
    }

    /// What is wrong with a session as planned: its day outside the workshop, its times, no
    /// title. Empty when it can be saved (lengths aside).
    pub fn agenda_problems(&self, plan: &AgendaPlan) -> Result<Vec<TemplateProblem>> {
        let w = self.current_workshop()?;
        let days = sala_core::template::days_between(&w.start_date, &w.end_date).max(1);
        let mut problems = Vec::new();
        sala_core::template::session_problems(
            plan.day,
            &plan.starts_at,
            &plan.ends_at,
            &plan.title,
            days,
            &mut problems,
        );
        Ok(problems)
    }

    fn check_agenda(&self, plan: &AgendaPlan) -> Result<()> {
        let problems = self.agenda_problems(plan)?;
        if !problems.is_empty() {
            return Err(problems_error(problems));
        }
        check_short_text(&plan.title.en)?;
        check_short_text(&plan.title.lo)?;
        check_short_text(&plan.room)
    }

    fn agenda_row(&self, id: &str) -> Result<AgendaItem> {
        let w = self.current_workshop()?;
        table::get::<AgendaItems>(self.read(), id)?
            .filter(|a| a.workshop_id == w.id)
            .ok_or_else(|| not_found("agenda_item", id))
    }

    /// Adds an agenda item.
    pub fn add_agenda_item(&mut self, plan: &AgendaPlan) -> Result<AgendaItem> {
        self.check_agenda(plan)?;
        let w = self.current_workshop()?;
        let all = table::list::<AgendaItems>(self.read(), &w.id, false)?;
        let row = AgendaItem {
            id: new_id(),
            workshop_id: w.id.clone(),
            day: plan.day,
            position: all.iter().map(|a| a.position + 1).max().unwrap_or(0),
            kind: plan.kind,
            title: trimmed(&plan.title),
            starts_at: plan.starts_at.clone(),
            ends_at: plan.ends_at.clone(),
            room: plan.room.trim().to_owned(),
            deleted: false,
        };
        self.write(|wr| wr.create::<AgendaItems>(&w.id, &row).map(|_| ()))?;
        Ok(row)
    }

    /// Changes an agenda item: its day, kind, times, title and room.
    pub fn update_agenda_plan(&mut self, id: &str, plan: &AgendaPlan) -> Result<AgendaItem> {
        self.check_agenda(plan)?;
        let a = self.agenda_row(id)?;
        let ws = a.workshop_id.clone();
        let (title, room) = (trimmed(&plan.title), plan.room.trim().to_owned());
        self.write(|wr| {
            if a.day != plan.day {
                wr.set::<AgendaItems>(&ws, id, "day", plan.day)?;
            }
            if a.kind != plan.kind {
                wr.set::<AgendaItems>(&ws, id, "kind", plan.kind)?;
            }
            if a.starts_at != plan.starts_at {
                wr.set::<AgendaItems>(&ws, id, "starts_at", &plan.starts_at)?;
            }
            if a.ends_at != plan.ends_at {
                wr.set::<AgendaItems>(&ws, id, "ends_at", &plan.ends_at)?;
            }
            if a.title != title {
                wr.set::<AgendaItems>(&ws, id, "title", &title)?;
            }
            if a.room != room {
                wr.set::<AgendaItems>(&ws, id, "room", &room)?;
            }
            Ok(())
        })?;
        self.agenda_row(id)
    }

    /// The session a note, card, vote or action is recorded in: `None`, or a live agenda item of
    /// the current workshop (anything else is refused with a translated error).
    pub fn session_of(&self, id: Option<&str>) -> Result<Option<String>> {
        match id.map(str::trim).filter(|i| !i.is_empty()) {
            None => Ok(None),
            Some(id) => {
                let a = self.agenda_row(id)?;
                if a.deleted {
                    return Err(not_found("agenda_item", id));
                }
                Ok(Some(a.id))
            }
        }
    }

    /// Removes an agenda item (to the trash: notes taken in it keep it), or brings it back.
    pub fn remove_agenda_item(&mut self, id: &str, removed: bool) -> Result<AgendaItem> {
        let a = self.agenda_row(id)?;
        if a.deleted != removed {
            self.write(|wr| {
                if removed {
                    wr.delete::<AgendaItems>(&a.workshop_id, id).map(|_| ())
                } else {
                    wr.restore::<AgendaItems>(&a.workshop_id, id).map(|_| ())
                }
            })?;
        }
        self.agenda_row(id)
    }

    /// Changes an agenda item's times, title and room; one op per field that changed.
    pub fn update_agenda_item(
        &mut self,
        id: &str,
        d: &AgendaDraft,
    ) -> Result<sala_core::model::AgendaItem> {
        use crate::workshop::agenda_items::AgendaItems;
        let item = table::get::<AgendaItems>(self.read(), id)?
            .ok_or_else(|| crate::error::not_found("agenda_item", id))?;
        for t in [&d.starts_at, &d.ends_at] {
            if !sala_core::template::is_time(t) {
                return Err(SalaError::new(ErrorCode::InvalidArgument)
                    .with("name", "HH:MM")
                    .with("value", t));
            }
        }
        if d.ends_at < d.starts_at {
            return Err(SalaError::new(ErrorCode::InvalidArgument)
                .with("name", "HH:MM")
                .with("value", format!("{}–{}", d.starts_at, d.ends_at)));
        }
        if d.title.en.trim().is_empty() && d.title.lo.trim().is_empty() {
            return Err(SalaError::new(ErrorCode::EmptyTitle));
        }
        check_short_text(&d.title.en)?;
        check_short_text(&d.title.lo)?;
        check_short_text(&d.room)?;
        let ws = item.workshop_id.clone();
        self.write(|w| {
            if item.starts_at != d.starts_at {
                w.set::<AgendaItems>(&ws, id, "starts_at", &d.starts_at)?;
            }
            if item.ends_at != d.ends_at {
                w.set::<AgendaItems>(&ws, id, "ends_at", &d.ends_at)?;
            }
            if item.title != d.title {
                w.set::<AgendaItems>(&ws, id, "title", &d.title)?;
            }
            if item.room != d.room {
                w.set::<AgendaItems>(&ws, id, "room", &d.room)?;
            }
            Ok(())
        })?;
        table::get::<AgendaItems>(self.read(), id)?
            .ok_or_else(|| crate::error::not_found("agenda_item", id))
    }
}

/// Pairs of agenda items of the same day whose times overlap (`sala_core::template`).
pub use sala_core::template::overlaps;
