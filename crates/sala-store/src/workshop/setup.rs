//! A workshop of one's own (issue 15): making one from a template (the New workshop steps),
//! duplicating one for its next edition, archiving, and the coordinator's Workshop settings —
//! its facts, focus areas, guiding questions and agenda — each edit an op like any other, so
//! two laptops' edits merge and conflict the usual way.
//!
//! Nothing is removed: a focus area or a guiding question is *retired* (moved to the trash; its
//! notes and cards keep it, and reports name it as retired) and can be brought back; an agenda
//! item is removed the same way.

use sala_core::api::{
    DraftFromTemplate, DuplicateRequest, TemplateSource, WorkshopFacts, WorkshopSettings,
};
use sala_core::model::{AgendaItem, Bilingual, FocusArea, GuidingQuestion, Participant, Workshop};
use sala_core::op::new_id;
use sala_core::template::{
    AgendaPlan, FocusAreaPlan, GroupSpec, Template, TemplateProblem, WorkshopDraft, WorkshopSpec,
    is_code, is_time, problems_error,
};
use sala_core::text::check_short_text;
use sala_core::{ErrorCode, SalaError};

use crate::error::not_found;
use crate::log::table;
use crate::people::participants::Participants;
use crate::workshop::agenda_items::AgendaItems;
use crate::workshop::focus_areas::FocusAreas;
use crate::workshop::groups::Groups;
use crate::workshop::guiding_questions::GuidingQuestions;
use crate::workshop::workshops::Workshops;
use crate::{Result, Store, db::meta};

/// The `meta` key prefix marking a workshop archived on this laptop (never synced: archiving
/// tidies one laptop's list, it changes nothing of the workshop).
pub const ARCHIVED: &str = "archived:";

fn check_bilingual(what: &str, b: &Bilingual) -> Result<()> {
    if b.en.trim().is_empty() && b.lo.trim().is_empty() {
        return Err(SalaError::new(ErrorCode::InvalidArgument)
            .with("name", what)
            .with("value", ""));
    }
    check_short_text(&b.en)?;
    check_short_text(&b.lo)
}

fn trimmed(b: &Bilingual) -> Bilingual {
    Bilingual::new(b.en.trim(), b.lo.trim())
}

/// A code for a new focus area from its name: lower-case letters, digits and dashes (from the
/// English name, else the Lao one kept as it is written), unique among `taken`.
pub fn code_for(name: &Bilingual, taken: &[String]) -> String {
    let source = if name.en.trim().is_empty() {
        name.lo.trim()
    } else {
        name.en.trim()
    };
    let mut code = String::new();
    for c in source.chars().flat_map(char::to_lowercase) {
        if c.is_alphanumeric() {
            code.push(c);
        } else if !code.ends_with('-') && !code.is_empty() {
            code.push('-');
        }
    }
    let base: String = code.trim_end_matches('-').chars().take(40).collect();
    let base = if base.is_empty() {
        "area".to_owned()
    } else {
        base
    };
    let mut candidate = base.clone();
    let mut n = 2;
    while taken.contains(&candidate) {
        candidate = format!("{base}-{n}");
        n += 1;
    }
    candidate
}

impl Store {
    /// A workshop to set up from a template: its defaults, starting on `start_date`; a template
    /// file that cannot be read gives its problems instead.
    pub fn draft_from(&self, source: &TemplateSource, start_date: &str) -> DraftFromTemplate {
        let template = match source {
            TemplateSource::Builtin => Ok(Template::builtin()),
            TemplateSource::Blank => Ok(Template::blank()),
            TemplateSource::File { text } => Template::read(text),
        };
        match template {
            Ok(t) => DraftFromTemplate {
                draft: Some(WorkshopDraft::from_template(&t, start_date)),
                problems: Vec::new(),
            },
            Err(problems) => DraftFromTemplate {
                draft: None,
                problems,
            },
        }
    }

    /// Makes the workshop a coordinator set up (every row an op, in one transaction) and makes
    /// it the current one. Refused, writing nothing, while it has problems
    /// ([`WorkshopDraft::problems`]).
    pub fn new_workshop(&mut self, draft: &WorkshopDraft) -> Result<Workshop> {
        let problems = draft.problems();
        if !problems.is_empty() {
            return Err(problems_error(problems));
        }
        let (template, spec) = draft.split();
        self.create_workshop(&template, &spec)
    }

    /// The current workshop as a template and a workshop file (Save as template, `sala
    /// workshop export`): `init --workshop` reads them back to the same structure.
    pub fn workshop_files(&self) -> Result<(Template, WorkshopSpec)> {
        let draft = self.draft_of_current()?;
        let (mut template, spec) = draft.split();
        template.id = spec.template.clone();
        Ok((template, spec))
    }

    /// The current workshop's structure and facts as a workshop being set up.
    pub fn draft_of_current(&self) -> Result<WorkshopDraft> {
        let w = self.current_workshop()?;
        let conn = self.read();
        let areas = table::list::<FocusAreas>(conn, &w.id, false)?;
        let questions = table::list::<GuidingQuestions>(conn, &w.id, false)?;
        let mut agenda = table::list::<AgendaItems>(conn, &w.id, false)?;
        agenda.sort_by(|a, b| {
            (a.day, &a.starts_at, a.position).cmp(&(b.day, &b.starts_at, b.position))
        });
        let groups = table::list::<Groups>(conn, &w.id, false)?;
        let code_of = |id: &String| areas.iter().find(|a| &a.id == id).map(|a| a.code.clone());
        Ok(WorkshopDraft {
            template: if w.template.is_empty() {
                "blank".into()
            } else {
                w.template.clone()
            },
            title: w.title.clone(),
            start_date: w.start_date.clone(),
            end_date: w.end_date.clone(),
            venue: w.venue.clone(),
            organisers: w.organisers.clone(),
            objectives: w.objectives.clone(),
            focus_areas: areas
                .iter()
                .map(|a| FocusAreaPlan {
                    kind: a.kind,
                    code: a.code.clone(),
                    name: a.name.clone(),
                    description: a.description.clone(),
                })
                .collect(),
            questions: questions.iter().map(|q| q.text.clone()).collect(),
            agenda: agenda
                .iter()
                .map(|a| AgendaPlan {
                    day: a.day,
                    starts_at: a.starts_at.clone(),
                    ends_at: a.ends_at.clone(),
                    kind: a.kind,
                    title: a.title.clone(),
                    room: a.room.clone(),
                })
                .collect(),
            groups: groups
                .iter()
                .map(|g| GroupSpec {
                    name: g.name.clone(),
                    focus_areas: g.focus_area_ids.iter().filter_map(code_of).collect(),
                    facilitator: g.facilitator.clone(),
                    note_taker: g.note_taker.clone(),
                })
                .collect(),
        })
    }

    /// The next edition of the current workshop: its structure, participants (without their
    /// check-ins) and survey forms under new facts; nothing typed at the tables. It becomes the
    /// current workshop.
    pub fn duplicate_workshop(&mut self, req: &DuplicateRequest) -> Result<Workshop> {
        let from = self.current_workshop()?;
        let mut draft = self.draft_of_current()?;
        draft.title = trimmed(&req.title);
        draft.start_date = req.start_date.trim().to_owned();
        draft.end_date = req.end_date.trim().to_owned();
        // The agenda keeps only the days the new dates have.
        let days = sala_core::template::days_between(&draft.start_date, &draft.end_date);
        draft.agenda.retain(|a| a.day <= days);
        let people = table::list::<Participants>(self.read(), &from.id, false)?;
        let groups_before = table::list::<Groups>(self.read(), &from.id, false)?;
        let forms = self.survey_forms()?;
        let created = self.new_workshop(&draft)?;
        let groups_now = table::list::<Groups>(self.read(), &created.id, false)?;
        let group_named = |old: &Option<String>| {
            let name = groups_before
                .iter()
                .find(|g| Some(&g.id) == old.as_ref())
                .map(|g| g.name.clone())?;
            groups_now
                .iter()
                .find(|g| g.name == name)
                .map(|g| g.id.clone())
        };
        self.write(|w| {
            for p in &people {
                let copy = Participant {
                    id: new_id(),
                    workshop_id: created.id.clone(),
                    group_id: group_named(&p.group_id),
                    deleted: false,
                    ..p.clone()
                };
                w.create::<Participants>(&created.id, &copy)?;
            }
            for f in &forms {
                let form_id = format!("{}.survey.{}", created.id, f.kind.as_str());
                let copy = sala_core::survey::SurveyForm {
                    id: format!("{form_id}.v1"),
                    workshop_id: created.id.clone(),
                    form_id,
                    version: 1,
                    deleted: false,
                    ..f.clone()
                };
                w.create::<crate::surveys::forms::SurveyForms>(&created.id, &copy)?;
            }
            Ok(())
        })?;
        Ok(created)
    }

    /// Puts a workshop away on this laptop (hidden from the list), or brings it back. The
    /// current workshop cannot be archived: switch to another first.
    pub fn set_archived(&mut self, workshop_id: &str, archived: bool) -> Result<()> {
        table::get::<Workshops>(self.read(), workshop_id)?
            .ok_or_else(|| not_found("workshop", workshop_id))?;
        let key = format!("{ARCHIVED}{workshop_id}");
        if archived {
            if self.current_workshop()?.id == workshop_id {
                return Err(SalaError::new(ErrorCode::InvalidArgument)
                    .with("name", "workshop")
                    .with("value", workshop_id));
            }
            meta::set(self.read(), &key, "1")
        } else {
            self.read()
                .execute("DELETE FROM meta WHERE key = ?1", [&key])
                .map_err(crate::error::from_sqlite)?;
            Ok(())
        }
    }

    /// Whether a workshop is archived on this laptop.
    pub fn is_archived(&self, workshop_id: &str) -> Result<bool> {
        Ok(meta::get(self.read(), &format!("{ARCHIVED}{workshop_id}"))?.is_some())
    }

    /// Changes the current workshop's facts and objectives; one op per field that changed.
    pub fn update_workshop_facts(&mut self, f: &WorkshopFacts) -> Result<Workshop> {
        let w = self.current_workshop()?;
        let mut problems: Vec<TemplateProblem> = WorkshopDraft {
            title: f.title.clone(),
            start_date: f.start_date.trim().to_owned(),
            end_date: f.end_date.trim().to_owned(),
            venue: f.venue.clone(),
            organisers: f.organisers.clone(),
            ..WorkshopDraft::default()
        }
        .problems();
        for o in &f.objectives {
            if o.en.chars().count() > sala_core::text::MAX_NOTE_CHARS
                || o.lo.chars().count() > sala_core::text::MAX_NOTE_CHARS
            {
                problems.push(TemplateProblem::TooLong {
                    what: "objective".into(),
                    length: o.en.chars().count().max(o.lo.chars().count()) as u32,
                    max: sala_core::text::MAX_NOTE_CHARS as u32,
                });
            }
        }
        if !problems.is_empty() {
            return Err(problems_error(problems));
        }
        let objectives: Vec<Bilingual> = f
            .objectives
            .iter()
            .map(trimmed)
            .filter(|o| !o.en.is_empty() || !o.lo.is_empty())
            .collect();
        let (title, venue, organisers) =
            (trimmed(&f.title), trimmed(&f.venue), trimmed(&f.organisers));
        let (start, end) = (f.start_date.trim().to_owned(), f.end_date.trim().to_owned());
        self.write(|wr| {
            let id = w.id.as_str();
            if w.title != title {
                wr.set::<Workshops>(id, id, "title", &title)?;
            }
            if w.start_date != start {
                wr.set::<Workshops>(id, id, "start_date", &start)?;
            }
            if w.end_date != end {
                wr.set::<Workshops>(id, id, "end_date", &end)?;
            }
            if w.venue != venue {
                wr.set::<Workshops>(id, id, "venue", &venue)?;
            }
            if w.organisers != organisers {
                wr.set::<Workshops>(id, id, "organisers", &organisers)?;
            }
            if w.objectives != objectives {
                wr.set::<Workshops>(id, id, "objectives", &objectives)?;
            }
            Ok(())
        })?;
        self.current_workshop()
    }

    /// What the Workshop settings view shows: the facts, every focus area, question and agenda
    /// item (retired and removed ones too), and the sessions whose times overlap.
    pub fn workshop_settings(&self) -> Result<WorkshopSettings> {
        let workshop = self.current_workshop()?;
        let mut questions = self.all_questions()?;
        questions.sort_by(|a, b| (a.deleted, a.number, &a.id).cmp(&(b.deleted, b.number, &b.id)));
        let conn = self.read();
        let mut agenda = table::list::<AgendaItems>(conn, &workshop.id, false)?;
        agenda.extend(table::list::<AgendaItems>(conn, &workshop.id, true)?);
        agenda.sort_by(|a, b| {
            (a.day, &a.starts_at, a.position, &a.id).cmp(&(b.day, &b.starts_at, b.position, &b.id))
        });
        let days = sala_core::template::days_between(&workshop.start_date, &workshop.end_date);
        Ok(WorkshopSettings {
            focus_areas: self.all_focus_areas()?,
            questions,
            overlaps: overlaps(&agenda),
            agenda,
            days,
            workshop,
        })
    }

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

    fn check_agenda(&self, plan: &AgendaPlan) -> Result<()> {
        let w = self.current_workshop()?;
        let days = sala_core::template::days_between(&w.start_date, &w.end_date).max(1);
        let mut problems = Vec::new();
        if plan.day == 0 || plan.day > days {
            problems.push(TemplateProblem::AgendaDay {
                day: plan.day,
                days,
            });
        }
        if !is_time(&plan.starts_at) || !is_time(&plan.ends_at) || plan.ends_at < plan.starts_at {
            problems.push(TemplateProblem::AgendaTimes {
                starts_at: plan.starts_at.clone(),
                ends_at: plan.ends_at.clone(),
            });
        }
        if plan.title.en.trim().is_empty() && plan.title.lo.trim().is_empty() {
            problems.push(TemplateProblem::AgendaTitle {
                day: plan.day,
                starts_at: plan.starts_at.clone(),
            });
        }
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
}

/// Pairs of agenda items (ids) of the same day whose times overlap — said, not refused: a
/// workshop may run two sessions at once in two rooms.
pub fn overlaps(agenda: &[AgendaItem]) -> Vec<(String, String)> {
    let mut live: Vec<&AgendaItem> = agenda.iter().filter(|a| !a.deleted).collect();
    live.sort_by(|a, b| (a.day, &a.starts_at, &a.id).cmp(&(b.day, &b.starts_at, &b.id)));
    let mut out = Vec::new();
    for (i, a) in live.iter().enumerate() {
        for b in &live[i + 1..] {
            if b.day != a.day || b.starts_at >= a.ends_at {
                continue;
            }
            if a.starts_at < b.ends_at {
                out.push((a.id.clone(), b.id.clone()));
            }
        }
    }
    out
}
