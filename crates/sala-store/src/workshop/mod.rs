//! The workshop: made from a template, its overview, its groups and guiding questions found by
//! name or number, the interface language, and the dump of everything. Its tables are beside
//! this module; setting a workshop up is [`setup`], the coordinator's merged view [`merged`].

pub mod agenda_items;
pub mod focus_areas;
pub mod groups;
pub mod guiding_questions;
pub mod merged;
pub mod programme;
pub mod setup;
pub mod workshops;

use rusqlite::OptionalExtension;
use sala_core::api::{DUMP_FORMAT, Dump, UiLanguage, WorkshopOverview};
use sala_core::model::{AgendaItem, FocusArea, Group, GuidingQuestion, Note, Workshop};
use sala_core::op::{Entity, new_id};
use sala_core::template::{Template, WorkshopSpec};
use sala_core::text::check_short_text;
use sala_core::{ErrorCode, SalaError};

use crate::log::table::{self, Table};
use crate::{
    Result, Store, db::meta, log::ops, notes::rows::Notes, people::participants::Participants,
    plan::actions::Actions, swot::boards::SwotBoards, swot::cards::SwotCards,
    swot::votes::SwotVotes, workshop::agenda_items::AgendaItems, workshop::focus_areas::FocusAreas,
    workshop::groups::Groups, workshop::guiding_questions::GuidingQuestions,
    workshop::workshops::Workshops,
};

pub use sala_core::api::GroupDraft;

impl Store {
    /// Creates a workshop from a template and a workshop file, every row as an op, in one
    /// transaction, and makes it the current workshop.
    pub fn create_workshop(
        &mut self,
        template: &Template,
        spec: &WorkshopSpec,
    ) -> Result<Workshop> {
        spec.check_against(template)?;
        let workshop = self.write(|w| {
            let id = new_id();
            let workshop = Workshop {
                id: id.clone(),
                title: spec.title.clone(),
                start_date: spec.start_date.clone(),
                end_date: spec.end_date.clone(),
                venue: spec.venue.clone(),
                organisers: spec.organisers.clone(),
                template: template.id.clone(),
                is_demo: spec.demo,
                objectives: spec.objectives.clone(),
            };
            w.create::<Workshops>(&id, &workshop)?;
            for (i, item) in template.agenda.iter().enumerate() {
                let row = AgendaItem {
                    id: new_id(),
                    workshop_id: id.clone(),
                    day: item.day,
                    position: i as u32,
                    kind: item.kind,
                    title: item.title.clone(),
                    starts_at: item.starts_at.clone(),
                    ends_at: item.ends_at.clone(),
                    room: item.room.clone(),
                    deleted: false,
                };
                w.create::<AgendaItems>(&id, &row)?;
            }
            let mut by_code = std::collections::BTreeMap::new();
            for (i, fa) in template.focus_areas.iter().enumerate() {
                let row = FocusArea {
                    id: new_id(),
                    workshop_id: id.clone(),
                    kind: fa.kind,
                    code: fa.code.clone(),
                    position: i as u32,
                    name: fa.name.clone(),
                    description: fa.description.clone(),
                    deleted: false,
                };
                by_code.insert(fa.code.clone(), row.id.clone());
                w.create::<FocusAreas>(&id, &row)?;
            }
            for q in &template.guiding_questions {
                let row = GuidingQuestion {
                    id: new_id(),
                    workshop_id: id.clone(),
                    number: q.number,
                    text: q.text.clone(),
                    deleted: false,
                };
                w.create::<GuidingQuestions>(&id, &row)?;
            }
            for (i, g) in spec.groups.iter().enumerate() {
                let row = Group {
                    id: new_id(),
                    workshop_id: id.clone(),
                    name: g.name.clone(),
                    position: i as u32,
                    focus_area_ids: g
                        .focus_areas
                        .iter()
                        .filter_map(|c| by_code.get(c).cloned())
                        .collect(),
                    facilitator: g.facilitator.clone(),
                    note_taker: g.note_taker.clone(),
                    deleted: false,
                };
                w.create::<Groups>(&id, &row)?;
            }
            meta::set(w.conn(), meta::CURRENT_WORKSHOP, &id)?;
            Ok(workshop)
        })?;
        Ok(workshop)
    }

    /// Opens the demo workshop when the store has none. Returns the workshop and whether it
    /// was created now.
    pub fn ensure_demo(&mut self) -> Result<(Workshop, bool)> {
        match self.current_workshop() {
            Ok(w) => Ok((w, false)),
            Err(e) if e.code == ErrorCode::NoWorkshop => {
                let w = self.create_workshop(&Template::builtin(), &WorkshopSpec::demo())?;
                Ok((w, true))
            }
            Err(e) => Err(e),
        }
    }

    /// The workshop this installation works on.
    pub fn current_workshop(&self) -> Result<Workshop> {
        let conn = self.read();
        if let Some(id) = meta::get(conn, meta::CURRENT_WORKSHOP)?
            && let Some(w) = table::get::<Workshops>(conn, &id)?
        {
            return Ok(w);
        }
        // Fall back to the first workshop in the file, if any.
        let first: Option<String> = conn
            .query_row(
                "SELECT id FROM workshops ORDER BY start_date, id LIMIT 1",
                [],
                |r| r.get(0),
            )
            .optional()
            .map_err(crate::error::from_sqlite)?;
        match first {
            Some(id) => table::get::<Workshops>(conn, &id)?
                .ok_or_else(|| SalaError::new(ErrorCode::NoWorkshop)),
            None => Err(SalaError::new(ErrorCode::NoWorkshop)),
        }
    }

    pub fn overview(&self) -> Result<WorkshopOverview> {
        let workshop = self.current_workshop()?;
        let conn = self.read();
        Ok(WorkshopOverview {
            agenda: table::list::<AgendaItems>(conn, &workshop.id, false)?,
            focus_areas: table::list::<FocusAreas>(conn, &workshop.id, false)?,
            questions: table::list::<GuidingQuestions>(conn, &workshop.id, false)?,
            groups: table::list::<Groups>(conn, &workshop.id, false)?,
            workshop,
        })
    }

    /// Finds a group by id or by name (ignoring case and surrounding spaces).
    pub fn find_group(&self, name_or_id: &str) -> Result<Group> {
        let workshop = self.current_workshop()?;
        let groups = table::list::<Groups>(self.read(), &workshop.id, false)?;
        let wanted = name_or_id.trim().to_lowercase();
        groups
            .iter()
            .find(|g| g.id == name_or_id || g.name.trim().to_lowercase() == wanted)
            .cloned()
            .ok_or_else(|| {
                let known: Vec<&str> = groups.iter().map(|g| g.name.as_str()).collect();
                SalaError::new(ErrorCode::UnknownGroup)
                    .with("group", name_or_id)
                    .with("known", known.join(", "))
            })
    }

    /// The guiding question with this number (1-based).
    pub fn question_by_number(&self, number: u32) -> Result<GuidingQuestion> {
        let workshop = self.current_workshop()?;
        let questions = table::list::<GuidingQuestions>(self.read(), &workshop.id, false)?;
        let max = questions.len();
        questions
            .into_iter()
            .find(|q| q.number == number)
            .ok_or_else(|| {
                SalaError::new(ErrorCode::UnknownQuestion)
                    .with("number", number)
                    .with("max", max)
            })
    }

    /// Finds a focus area by id, code (`data-security`) or name in either language, ignoring case.
    pub fn focus_area(&self, key: &str) -> Result<FocusArea> {
        let workshop = self.current_workshop()?;
        let areas = table::list::<FocusAreas>(self.read(), &workshop.id, false)?;
        let wanted = key.trim().to_lowercase();
        areas
            .iter()
            .find(|f| {
                f.id == key
                    || f.code == wanted
                    || f.name.en.to_lowercase() == wanted
                    || f.name.lo.trim() == key.trim()
            })
            .cloned()
            .ok_or_else(|| {
                let known: Vec<&str> = areas.iter().map(|f| f.code.as_str()).collect();
                SalaError::new(ErrorCode::UnknownFocusArea)
                    .with("focus", key)
                    .with("known", known.join(", "))
            })
    }

    pub(crate) fn note(&self, id: &str) -> Result<Note> {
        table::get::<Notes>(self.read(), id)?
            .ok_or_else(|| SalaError::new(ErrorCode::UnknownNote).with("id", id))
    }

    pub fn ui_language(&self) -> Result<Option<UiLanguage>> {
        Ok(meta::get(self.read(), meta::UI_LANGUAGE)?.and_then(|s| UiLanguage::parse(&s)))
    }

    pub fn set_ui_language(&mut self, lang: UiLanguage) -> Result<()> {
        meta::set(self.read(), meta::UI_LANGUAGE, lang.code())
    }

    /// The whole state of the current workshop (see `docs/cli.md`).
    pub fn dump(&self) -> Result<Dump> {
        let conn = self.read();
        let workshop = match self.current_workshop() {
            Ok(w) => Some(w),
            Err(e) if e.code == ErrorCode::NoWorkshop => None,
            Err(e) => return Err(e),
        };
        let id = workshop.as_ref().map(|w| w.id.clone()).unwrap_or_default();
        fn both<T: Table>(conn: &rusqlite::Connection, id: &str) -> Result<Vec<T::Row>> {
            let mut rows = table::list::<T>(conn, id, false)?;
            rows.extend(table::list::<T>(conn, id, true)?);
            Ok(rows)
        }
        let mut notes = both::<Notes>(conn, &id)?;
        notes.sort_by(|a, b| (&a.created_hlc, &a.id).cmp(&(&b.created_hlc, &b.id)));
        let cards = both::<SwotCards>(conn, &id)?;
        let actions = both::<Actions>(conn, &id)?;
        Ok(Dump {
            dump_format: DUMP_FORMAT,
            device_id: self.device_id().to_owned(),
            agenda: both::<AgendaItems>(conn, &id)?,
            focus_areas: both::<FocusAreas>(conn, &id)?,
            guiding_questions: both::<GuidingQuestions>(conn, &id)?,
            groups: both::<Groups>(conn, &id)?,
            notes: notes.clone(),
            swot_boards: both::<SwotBoards>(conn, &id)?,
            swot_cards: cards.clone(),
            swot_votes: both::<SwotVotes>(conn, &id)?,
            actions: actions.clone(),
            participants: both::<Participants>(conn, &id)?,
            attendance: both::<crate::people::attendance::AttendanceTable>(conn, &id)?,
            survey_forms: both::<crate::surveys::forms::SurveyForms>(conn, &id)?,
            survey_responses: both::<crate::surveys::responses::SurveyResponses>(conn, &id)?,
            ideas: {
                let mut ideas = both::<crate::ideas::rows::Ideas>(conn, &id)?;
                ideas.sort_by(|a, b| (&a.received_hlc, &a.id).cmp(&(&b.received_hlc, &b.id)));
                ideas
            },
            pictures: {
                let mut pictures = both::<crate::pictures::rows::Pictures>(conn, &id)?;
                pictures.sort_by(|a, b| (&a.added_hlc, &a.id).cmp(&(&b.added_hlc, &b.id)));
                pictures
            },
            provenance: {
                let mut all = crate::workshop::merged::provenance_of_workshop(
                    conn,
                    &id,
                    &[Entity::Note, Entity::SwotCard, Entity::Action],
                )?;
                let mut ids: Vec<&String> = notes.iter().map(|n| &n.id).collect();
                ids.extend(cards.iter().map(|c| &c.id));
                ids.extend(actions.iter().map(|a| &a.id));
                ids.sort();
                ids.iter().filter_map(|i| all.remove(*i)).collect()
            },
            op_count: ops::count(conn)?,
            workshop,
        })
    }

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
