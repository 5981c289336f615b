//! Groups (tables): create, rename, set focus areas, facilitator and note-taker — as ops.

use sala_core::model::Group;
use sala_core::op::new_id;
use sala_core::text::check_short_text;
use sala_core::{ErrorCode, SalaError};

use crate::log::table;
use crate::workshop::groups::Groups;
use crate::{Result, Store};

pub use sala_core::api::GroupDraft;

impl Store {
    fn check_group(&self, d: &GroupDraft, this: Option<&str>) -> Result<(String, Vec<String>)> {
        let name = d.name.trim().to_owned();
        if name.is_empty() {
            return Err(SalaError::new(ErrorCode::EmptyTitle));
        }
        check_short_text(&name)?;
        check_short_text(&d.facilitator)?;
        check_short_text(&d.note_taker)?;
        let workshop = self.current_workshop()?;
        let clash = table::list::<Groups>(self.read(), &workshop.id, false)?
            .into_iter()
            .any(|g| {
                g.name.trim().to_lowercase() == name.to_lowercase() && Some(g.id.as_str()) != this
            });
        if clash {
            return Err(SalaError::new(ErrorCode::InvalidArgument)
                .with("name", "group")
                .with("value", &name));
        }
        let mut areas = Vec::new();
        for f in &d.focus_areas {
            let id = self.focus_area(f)?.id;
            if !areas.contains(&id) {
                areas.push(id);
            }
        }
        Ok((name, areas))
    }

    pub fn create_group(&mut self, d: &GroupDraft) -> Result<Group> {
        let (name, focus_area_ids) = self.check_group(d, None)?;
        let workshop = self.current_workshop()?;
        let position = table::list::<Groups>(self.read(), &workshop.id, false)?
            .iter()
            .map(|g| g.position + 1)
            .max()
            .unwrap_or(0);
        let g = Group {
            id: new_id(),
            workshop_id: workshop.id.clone(),
            name,
            position,
            focus_area_ids,
            facilitator: d.facilitator.trim().to_owned(),
            note_taker: d.note_taker.trim().to_owned(),
            deleted: false,
        };
        self.write(|w| w.create::<Groups>(&workshop.id, &g).map(|_| ()))?;
        Ok(g)
    }

    /// Replaces a group's fields; one op per field that changed.
    pub fn update_group(&mut self, id: &str, d: &GroupDraft) -> Result<Group> {
        let g = self.find_group(id)?;
        let (name, focus_area_ids) = self.check_group(d, Some(&g.id))?;
        let (facilitator, note_taker) = (
            d.facilitator.trim().to_owned(),
            d.note_taker.trim().to_owned(),
        );
        let ws = g.workshop_id.clone();
        self.write(|w| {
            if g.name != name {
                w.set::<Groups>(&ws, &g.id, "name", &name)?;
            }
            if g.focus_area_ids != focus_area_ids {
                w.set::<Groups>(&ws, &g.id, "focus_area_ids", &focus_area_ids)?;
            }
            if g.facilitator != facilitator {
                w.set::<Groups>(&ws, &g.id, "facilitator", &facilitator)?;
            }
            if g.note_taker != note_taker {
                w.set::<Groups>(&ws, &g.id, "note_taker", &note_taker)?;
            }
            Ok(())
        })?;
        self.find_group(&g.id)
    }
}

/// The editable fields of an agenda item.
pub use sala_core::api::AgendaDraft;

impl Store {
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
