//! Surveys in the store (decision 15): the workshop's forms (each version a row), answering a
//! form (checked first; a response is written once and never edited), and the results.

use std::collections::BTreeMap;

use sala_core::op::new_id;
use sala_core::survey::{
    Answer, QuestionResult, SurveyForm, SurveyKind, SurveyResponse, SurveySection, builtin_forms,
    check_answers, results,
};
use sala_core::{ErrorCode, SalaError};

use crate::error::not_found;
use crate::survey_forms::SurveyForms;
use crate::survey_responses::SurveyResponses;
use crate::table;
use crate::{Result, Store};
use crate::{agenda_items::AgendaItems, focus_areas::FocusAreas};

/// A form's results: the version read (the latest), and how many responses each version had.
#[derive(Debug, Clone, PartialEq)]
pub struct FormResults {
    pub form: SurveyForm,
    pub responses: u32,
    /// (version, responses), oldest version first.
    pub by_version: Vec<(u32, u32)>,
    pub questions: Vec<QuestionResult>,
}

fn kind_name(kind: SurveyKind) -> &'static str {
    match kind {
        SurveyKind::Pre => "pre",
        SurveyKind::Post => "post",
        SurveyKind::FollowUp => "follow_up",
    }
}

impl Store {
    /// Every live version of every form of the current workshop, in (kind, form, version) order.
    pub fn survey_versions(&self) -> Result<Vec<SurveyForm>> {
        let workshop = self.current_workshop()?;
        let mut forms = table::list::<SurveyForms>(self.read(), &workshop.id, false)?;
        // Before, after, follow-up (the table sorts kinds as text).
        forms.sort_by(|a, b| {
            (a.kind, &a.form_id, a.version, &a.id).cmp(&(b.kind, &b.form_id, b.version, &b.id))
        });
        Ok(forms)
    }

    /// The latest version of each form.
    pub fn survey_forms(&self) -> Result<Vec<SurveyForm>> {
        let mut latest: Vec<SurveyForm> = Vec::new();
        for f in self.survey_versions()? {
            match latest.iter_mut().find(|l| l.form_id == f.form_id) {
                Some(l) if (f.version, &f.id) > (l.version, &l.id) => *l = f,
                Some(_) => {}
                None => latest.push(f),
            }
        }
        Ok(latest)
    }

    /// Creates the workshop's three built-in forms (before, after, follow-up) unless it has
    /// forms already. Their ids are derived from the workshop's, so two laptops doing this at
    /// once make the same rows.
    pub fn ensure_builtin_surveys(&mut self) -> Result<Vec<SurveyForm>> {
        if !self.survey_versions()?.is_empty() {
            return self.survey_forms();
        }
        let workshop = self.current_workshop()?;
        let areas = table::list::<FocusAreas>(self.read(), &workshop.id, false)?;
        let agenda = table::list::<AgendaItems>(self.read(), &workshop.id, false)?;
        let forms = builtin_forms(&areas, &agenda)?;
        self.write(|w| {
            for f in forms {
                let form_id = format!("{}.survey.{}", workshop.id, kind_name(f.kind));
                let row = SurveyForm {
                    id: format!("{form_id}.v1"),
                    workshop_id: workshop.id.clone(),
                    form_id,
                    kind: f.kind,
                    title: f.title,
                    intro: f.intro,
                    version: 1,
                    anonymous: f.anonymous,
                    sections: f.sections,
                    deleted: false,
                };
                w.create::<SurveyForms>(&workshop.id, &row)?;
            }
            Ok(())
        })?;
        self.survey_forms()
    }

    /// The latest version of a form, by its kind (`pre`, `post`, `follow_up`), its form id or
    /// the id of any of its versions.
    pub fn survey_form(&self, key: &str) -> Result<SurveyForm> {
        let versions = self.survey_versions()?;
        let form_id = versions
            .iter()
            .find(|f| f.id == key || f.form_id == key || kind_name(f.kind) == key)
            .map(|f| f.form_id.clone())
            .ok_or_else(|| not_found("survey", key))?;
        self.survey_forms()?
            .into_iter()
            .find(|f| f.form_id == form_id)
            .ok_or_else(|| not_found("survey", key))
    }

    /// Every live response to any version of a form.
    pub fn survey_responses(&self, form_id: &str) -> Result<Vec<SurveyResponse>> {
        let workshop = self.current_workshop()?;
        Ok(
            table::list::<SurveyResponses>(self.read(), &workshop.id, false)?
                .into_iter()
                .filter(|r| r.form_id == form_id)
                .collect(),
        )
    }

    /// Changes a form's questions. A form nobody has answered changes in place; once it has
    /// answers, the change is a new version and the answers keep the version they used.
    pub fn edit_survey_form(
        &mut self,
        key: &str,
        sections: Vec<SurveySection>,
    ) -> Result<SurveyForm> {
        let form = self.survey_form(key)?;
        let answered = self
            .survey_responses(&form.form_id)?
            .iter()
            .any(|r| r.version_id == form.id);
        let workshop_id = form.workshop_id.clone();
        if !answered {
            self.write(|w| {
                w.set::<SurveyForms>(&workshop_id, &form.id, "sections", &sections)
                    .map(|_| ())
            })?;
            return table::get::<SurveyForms>(self.read(), &form.id)?
                .ok_or_else(|| not_found("survey", &form.id));
        }
        let next = SurveyForm {
            id: new_id(),
            version: form.version + 1,
            sections,
            ..form
        };
        self.write(|w| w.create::<SurveyForms>(&workshop_id, &next).map(|_| ()))?;
        Ok(next)
    }

    /// Records one person's answers to the latest version of a form, once they pass
    /// [`check_answers`]; otherwise nothing is written and the first problem is the error.
    pub fn answer_survey(
        &mut self,
        key: &str,
        participant_id: Option<&str>,
        answers: BTreeMap<String, Answer>,
    ) -> Result<SurveyResponse> {
        let form = self.survey_form(key)?;
        if let Some(problem) = check_answers(&form, &answers).into_iter().next() {
            let detail = serde_json::to_value(&problem).unwrap_or_default();
            return Err(SalaError::new(ErrorCode::InvalidArgument)
                .with("name", detail["key"].as_str().unwrap_or("answers"))
                .with("value", detail["problem"].as_str().unwrap_or("")));
        }
        let participant_id = match participant_id.filter(|_| !form.anonymous) {
            Some(p) => Some(self.participant(p)?.id),
            None => None,
        };
        self.write(|w| {
            let hlc = w.tick();
            let r = SurveyResponse {
                id: new_id(),
                workshop_id: form.workshop_id.clone(),
                form_id: form.form_id.clone(),
                form_version: form.version,
                version_id: form.id.clone(),
                participant_id,
                answers,
                device_id: w.device().to_owned(),
                created_hlc: hlc.to_string(),
                deleted: false,
            };
            w.create_at::<SurveyResponses>(hlc, &form.workshop_id, &r)?;
            Ok(r)
        })
    }

    /// What the app shows of a form's results: its own, and for the before and after forms the
    /// knowledge comparison per focus area.
    pub fn survey_results_view(&self, key: &str) -> Result<sala_core::api::SurveyResults> {
        let r = self.survey_results(key)?;
        let forms = self.survey_forms()?;
        let of = |k: SurveyKind| forms.iter().find(|f| f.kind == k);
        let knowledge = match (of(SurveyKind::Pre), of(SurveyKind::Post)) {
            (Some(pre), Some(post))
                if matches!(r.form.kind, SurveyKind::Pre | SurveyKind::Post) =>
            {
                sala_core::survey::knowledge_change(
                    pre,
                    &self.survey_responses(&pre.form_id)?,
                    post,
                    &self.survey_responses(&post.form_id)?,
                )
            }
            _ => Vec::new(),
        };
        Ok(sala_core::api::SurveyResults {
            form: r.form,
            responses: r.responses,
            by_version: r.by_version,
            questions: r.questions,
            knowledge,
        })
    }

    /// The results of a form over every live response to any of its versions.
    pub fn survey_results(&self, key: &str) -> Result<FormResults> {
        let form = self.survey_form(key)?;
        let responses = self.survey_responses(&form.form_id)?;
        let mut by_version: BTreeMap<u32, u32> = BTreeMap::new();
        for r in &responses {
            *by_version.entry(r.form_version).or_default() += 1;
        }
        Ok(FormResults {
            questions: results(&form, &responses),
            responses: responses.len() as u32,
            by_version: by_version.into_iter().collect(),
            form,
        })
    }
}
