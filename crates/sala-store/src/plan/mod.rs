//! The follow-up action plan: actions, validated, as ops.

pub mod actions;

use sala_core::api::{ActionDraft, SourceRef};
use sala_core::model::Action;
use sala_core::op::new_id;
use sala_core::template::{DATE_YEARS, is_iso_date, is_plausible_date};
use sala_core::text::{check_note_text, check_short_text};
use sala_core::{ErrorCode, SalaError};

use crate::error::not_found;
use crate::log::table;
use crate::notes::rows::Notes;
use crate::plan::actions::Actions;
use crate::swot::cards::SwotCards;
use crate::{Result, Store};

impl Store {
    /// Checks a draft and returns it cleaned (trimmed, focus area resolved to its id).
    fn check_action(&self, draft: &ActionDraft) -> Result<ActionDraft> {
        let mut d = draft.clone();
        d.title = d.title.trim().to_owned();
        if d.title.is_empty() {
            return Err(SalaError::new(ErrorCode::EmptyTitle));
        }
        check_short_text(&d.title)?;
        check_short_text(&d.responsible)?;
        check_short_text(&d.partners)?;
        if !d.description.trim().is_empty() {
            check_note_text(&d.description)?;
        }
        for date in [&mut d.start_date, &mut d.due_date] {
            *date = date
                .as_ref()
                .map(|s| s.trim().to_owned())
                .filter(|s| !s.is_empty());
            if let Some(value) = date.as_deref()
                && !is_iso_date(value)
            {
                return Err(SalaError::new(ErrorCode::InvalidDate).with("value", value));
            }
            if let Some(value) = date.as_deref()
                && !is_plausible_date(value)
            {
                return Err(SalaError::new(ErrorCode::DateOutOfRange)
                    .with("value", value)
                    .with("from", DATE_YEARS.start())
                    .with("to", DATE_YEARS.end()));
            }
        }
        if let (Some(start), Some(due)) = (&d.start_date, &d.due_date)
            && due < start
        {
            return Err(SalaError::new(ErrorCode::DueBeforeStart)
                .with("start", start)
                .with("due", due));
        }
        if let Some(focus) = d.focus_area_id.as_deref().filter(|f| !f.trim().is_empty()) {
            d.focus_area_id = Some(self.focus_area(focus)?.id);
        } else {
            d.focus_area_id = None;
        }
        if let Some(source) = &d.source_id {
            let conn = self.read();
            if table::get::<SwotCards>(conn, source)?.is_none()
                && table::get::<Notes>(conn, source)?.is_none()
            {
                return Err(not_found("source", source));
            }
        }
        Ok(d)
    }

    pub fn action(&self, id: &str) -> Result<Action> {
        table::get::<Actions>(self.read(), id)?.ok_or_else(|| not_found("action", id))
    }

    /// Adds an action to the plan.
    pub fn add_action(&mut self, draft: &ActionDraft) -> Result<Action> {
        let d = self.check_action(draft)?;
        let session = self.session_of(draft.agenda_item_id.as_deref())?;
        let workshop = self.current_workshop()?;
        let action = Action {
            id: new_id(),
            workshop_id: workshop.id.clone(),
            title: d.title,
            description: d.description,
            focus_area_id: d.focus_area_id,
            responsible: d.responsible,
            partners: d.partners,
            start_date: d.start_date,
            due_date: d.due_date,
            horizon: d.horizon,
            priority: d.priority,
            status: d.status,
            source_id: d.source_id,
            deleted: false,
            agenda_item_id: session,
        };
        self.write(|w| w.create::<Actions>(&workshop.id, &action).map(|_| ()))?;
        Ok(action)
    }

    /// Replaces an action's fields with the draft's; one op per field that changed.
    pub fn update_action(&mut self, id: &str, draft: &ActionDraft) -> Result<Action> {
        let d = self.check_action(draft)?;
        let a = self.action(id)?;
        let ws = a.workshop_id.clone();
        self.write(|w| {
            macro_rules! sync {
                ($field:ident) => {
                    if a.$field != d.$field {
                        w.set::<Actions>(&ws, id, stringify!($field), &d.$field)?;
                    }
                };
            }
            sync!(title);
            sync!(description);
            sync!(focus_area_id);
            sync!(responsible);
            sync!(partners);
            sync!(start_date);
            sync!(due_date);
            sync!(horizon);
            sync!(priority);
            sync!(status);
            sync!(source_id);
            Ok(())
        })?;
        self.action(id)
    }

    pub fn delete_action(&mut self, id: &str) -> Result<Action> {
        let a = self.action(id)?;
        if !a.deleted {
            self.write(|w| w.delete::<Actions>(&a.workshop_id, id).map(|_| ()))?;
        }
        self.action(id)
    }

    pub fn restore_action(&mut self, id: &str) -> Result<Action> {
        let a = self.action(id)?;
        if a.deleted {
            self.write(|w| w.restore::<Actions>(&a.workshop_id, id).map(|_| ()))?;
        }
        self.action(id)
    }

    /// What each id is (a note or a SWOT card) and its text; unknown ids are left out.
    pub fn sources(&self, ids: &[String]) -> Result<Vec<SourceRef>> {
        let conn = self.read();
        let mut out = Vec::new();
        for id in ids {
            if let Some(card) = table::get::<SwotCards>(conn, id)? {
                out.push(SourceRef {
                    id: id.clone(),
                    kind: "card".into(),
                    text: card.text,
                });
            } else if let Some(note) = table::get::<Notes>(conn, id)? {
                out.push(SourceRef {
                    id: id.clone(),
                    kind: "note".into(),
                    text: note.text,
                });
            }
        }
        Ok(out)
    }

    /// The live actions of the current workshop, by due date (undated last), then title.
    pub fn actions(&self) -> Result<Vec<Action>> {
        let workshop = self.current_workshop()?;
        let mut all = table::list::<Actions>(self.read(), &workshop.id, false)?;
        all.sort_by(|a, b| {
            (a.due_date.is_none(), &a.due_date, &a.title, &a.id).cmp(&(
                b.due_date.is_none(),
                &b.due_date,
                &b.title,
                &b.id,
            ))
        });
        Ok(all)
    }
}
