//! A workshop being made or edited as a whole (the New workshop steps, Duplicate, the
//! Workshop settings): a draft, checked, and its plans for focus areas and the agenda.

use super::*;

/// A workshop being set up — the New workshop steps' whole state, from a template's defaults
/// to what is created. One language of any text may be left empty.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct WorkshopDraft {
    /// The template it started from (its id).
    pub template: String,
    pub title: Bilingual,
    /// `YYYY-MM-DD`; the number of days follows from them.
    pub start_date: String,
    pub end_date: String,
    pub venue: Bilingual,
    pub organisers: Bilingual,
    pub objectives: Vec<Bilingual>,
    pub focus_areas: Vec<FocusAreaPlan>,
    /// The guiding questions, numbered in this order.
    pub questions: Vec<Bilingual>,
    pub agenda: Vec<AgendaPlan>,
    pub groups: Vec<GroupSpec>,
}

/// A focus area of a workshop being set up.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct FocusAreaPlan {
    pub kind: FocusAreaKind,
    pub code: String,
    pub name: Bilingual,
    pub description: Bilingual,
}

/// An agenda item of a workshop being set up.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct AgendaPlan {
    /// 1 for the first day.
    pub day: u32,
    pub starts_at: String,
    pub ends_at: String,
    pub kind: AgendaKind,
    pub title: Bilingual,
    pub room: String,
}

/// A session's six fields, from one of its forms to another: a template's, a workshop's (to
/// plan its next edition or a template from it), a plan's.
macro_rules! same_session {
    ($($from:ty => $to:ident),*) => {$(
        impl From<&$from> for $to {
            fn from(a: &$from) -> Self {
                $to {
                    day: a.day,
                    starts_at: a.starts_at.clone(),
                    ends_at: a.ends_at.clone(),
                    kind: a.kind,
                    title: a.title.clone(),
                    room: a.room.clone(),
                }
            }
        }
    )*};
}
same_session!(
    TemplateAgendaItem => AgendaPlan,
    crate::model::AgendaItem => AgendaPlan,
    AgendaPlan => TemplateAgendaItem
);

impl WorkshopDraft {
    /// A workshop to set up from `template`: its focus areas, questions and agenda; the facts
    /// left to fill in, the dates starting on `start_date` for the template's days.
    pub fn from_template(template: &Template, start_date: &str) -> WorkshopDraft {
        let end_date = days_since_epoch(start_date)
            .map(|d| date_from_days(d + i64::from(template.days.max(1)) - 1))
            .unwrap_or_else(|| start_date.to_owned());
        WorkshopDraft {
            template: template.id.clone(),
            start_date: start_date.to_owned(),
            end_date,
            focus_areas: template
                .focus_areas
                .iter()
                .map(|f| FocusAreaPlan {
                    kind: f.kind,
                    code: f.code.clone(),
                    name: f.name.clone(),
                    description: f.description.clone(),
                })
                .collect(),
            questions: template
                .guiding_questions
                .iter()
                .map(|q| q.text.clone())
                .collect(),
            agenda: template.agenda.iter().map(AgendaPlan::from).collect(),
            ..WorkshopDraft::default()
        }
    }

    /// Everything wrong with it, in the order of the steps (empty: it can be created).
    pub fn problems(&self) -> Vec<TemplateProblem> {
        let mut out = Vec::new();
        check_facts(&self.title, &self.start_date, &self.end_date, &mut out);
        for (what, b) in [("venue", &self.venue), ("organisers", &self.organisers)] {
            check_text_lengths(what, b, &mut out);
        }
        let (template, spec) = self.split();
        check_structure(
            &template.focus_areas,
            &template.guiding_questions,
            &template.agenda,
            template.days,
            &mut out,
        );
        check_groups(
            &spec.groups,
            &self
                .focus_areas
                .iter()
                .map(|f| f.code.as_str())
                .collect::<Vec<_>>(),
            &mut out,
        );
        out
    }

    /// The template and the workshop file it amounts to.
    pub fn split(&self) -> (Template, WorkshopSpec) {
        let template = Template {
            format: TEMPLATE_FORMAT,
            id: if self.template.trim().is_empty() {
                "blank".to_owned()
            } else {
                self.template.clone()
            },
            name: self.title.clone(),
            days: days_between(&self.start_date, &self.end_date).max(1),
            focus_areas: self
                .focus_areas
                .iter()
                .map(|f| TemplateFocusArea {
                    kind: f.kind,
                    code: f.code.trim().to_owned(),
                    name: f.name.clone(),
                    description: f.description.clone(),
                })
                .collect(),
            guiding_questions: self
                .questions
                .iter()
                .enumerate()
                .map(|(i, text)| TemplateQuestion {
                    number: i as u32 + 1,
                    text: text.clone(),
                })
                .collect(),
            agenda: self.agenda.iter().map(TemplateAgendaItem::from).collect(),
        };
        let spec = WorkshopSpec {
            format: TEMPLATE_FORMAT,
            template: template.id.clone(),
            title: self.title.clone(),
            start_date: self.start_date.clone(),
            end_date: self.end_date.clone(),
            venue: self.venue.clone(),
            organisers: self.organisers.clone(),
            objectives: self
                .objectives
                .iter()
                .filter(|o| has_text(o))
                .cloned()
                .collect(),
            demo: false,
            groups: self
                .groups
                .iter()
                .map(|g| GroupSpec {
                    name: g.name.trim().to_owned(),
                    focus_areas: g.focus_areas.clone(),
                    facilitator: g.facilitator.trim().to_owned(),
                    note_taker: g.note_taker.trim().to_owned(),
                })
                .collect(),
        };
        (template, spec)
    }
}
