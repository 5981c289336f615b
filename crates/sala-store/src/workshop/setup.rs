//! A workshop of one's own (issue 15): making one from a template (the New workshop steps),
//! duplicating one for its next edition, archiving, the workshops held on this laptop and
//! switching between them, and the Workshop settings' facts — each edit an op like any other,
//! so two laptops' edits merge and conflict the usual way. Its focus areas, questions and
//! agenda are [`super::programme`].

use sala_core::api::{
    DraftFromTemplate, DuplicateRequest, TemplateSource, WorkshopChoice, WorkshopFacts,
    WorkshopSettings,
};
use sala_core::model::{Bilingual, Participant, Workshop};
use sala_core::op::new_id;
use sala_core::template::{
    AgendaPlan, FocusAreaPlan, GroupSpec, Template, TemplateProblem, WorkshopDraft, WorkshopSpec,
    problems_error,
};
use sala_core::text::check_short_text;
use sala_core::{ErrorCode, SalaError};

use crate::error::from_sqlite;
use crate::error::not_found;
use crate::log::table;
use crate::people::participants::Participants;
use crate::workshop::agenda_items::AgendaItems;
use crate::workshop::focus_areas::FocusAreas;
use crate::workshop::groups::Groups;
use crate::workshop::guiding_questions::GuidingQuestions;
use crate::workshop::workshops::Workshops;
use crate::{Result, Store, db::meta};
use sala_core::template::overlaps;

/// The `meta` key prefix marking a workshop archived on this laptop (never synced: archiving
/// tidies one laptop's list, it changes nothing of the workshop).
pub const ARCHIVED: &str = "archived:";

pub(super) fn check_bilingual(what: &str, b: &Bilingual) -> Result<()> {
    if b.en.trim().is_empty() && b.lo.trim().is_empty() {
        return Err(SalaError::new(ErrorCode::InvalidArgument)
            .with("name", what)
            .with("value", ""));
    }
    check_short_text(&b.en)?;
    check_short_text(&b.lo)
}

pub(super) fn trimmed(b: &Bilingual) -> Bilingual {
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
            agenda: agenda.iter().map(AgendaPlan::from).collect(),
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

    /// Every workshop on this laptop, the current one marked.
    pub fn workshops(&self) -> Result<Vec<WorkshopChoice>> {
        let current = self.current_workshop().ok().map(|w| w.id);
        let conn = self.read();
        let mut stmt = conn
            .prepare("SELECT id FROM workshops ORDER BY start_date, id")
            .map_err(from_sqlite)?;
        let ids: Vec<String> = stmt
            .query_map([], |r| r.get(0))
            .map_err(from_sqlite)?
            .collect::<rusqlite::Result<_>>()
            .map_err(from_sqlite)?;
        let mut out = Vec::new();
        for id in ids {
            if let Some(w) = table::get::<Workshops>(conn, &id)? {
                let mut c = choice(&w, true, current.as_deref() == Some(w.id.as_str()));
                c.archived = self.is_archived(&w.id)?;
                out.push(c);
            }
        }
        Ok(out)
    }

    /// Works on another workshop held here from now on.
    pub fn switch_workshop(&mut self, workshop_id: &str) -> Result<Workshop> {
        let w = table::get::<Workshops>(self.read(), workshop_id)?.ok_or_else(|| {
            SalaError::new(ErrorCode::NotFound)
                .with("entity", "workshop")
                .with("id", workshop_id)
        })?;
        meta::set(self.read(), meta::CURRENT_WORKSHOP, workshop_id)?;
        Ok(w)
    }
}

/// A workshop as a choice in a list.
pub fn choice(w: &Workshop, here: bool, current: bool) -> WorkshopChoice {
    WorkshopChoice {
        workshop_id: w.id.clone(),
        title: w.title.clone(),
        start_date: w.start_date.clone(),
        end_date: w.end_date.clone(),
        here,
        current,
        archived: false,
    }
}
