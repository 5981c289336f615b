//! Surveys in the store (decision 15): the workshop's forms (each version a row), answering a
//! form (checked first; a response is written once and never edited), and the results.

pub mod forms;
pub mod responses;

use std::collections::BTreeMap;

use sala_core::op::new_id;
use sala_core::survey::{
    Answer, QuestionResult, ResponseSource, SurveyForm, SurveyFormEdit, SurveyKind, SurveyResponse,
    builtin_forms, check_answers, check_form, results,
};
use sala_core::{ErrorCode, SalaError};

use crate::error::not_found;
use crate::log::table;
use crate::surveys::forms::SurveyForms;
use crate::surveys::responses::SurveyResponses;
use crate::{Result, Store};
use crate::{workshop::agenda_items::AgendaItems, workshop::focus_areas::FocusAreas};

/// Writes one response to the latest version of `form` (already checked).
fn record_response(
    w: &mut crate::log::write::Writer<'_>,
    form: &SurveyForm,
    participant_id: Option<String>,
    answers: BTreeMap<String, Answer>,
    source: Option<ResponseSource>,
) -> Result<SurveyResponse> {
    record_response_as(w, new_id(), form, participant_id, answers, source)
}

/// [`record_response`] under a given id (an answer file's own: imported twice, it is one).
fn record_response_as(
    w: &mut crate::log::write::Writer<'_>,
    id: String,
    form: &SurveyForm,
    participant_id: Option<String>,
    answers: BTreeMap<String, Answer>,
    source: Option<ResponseSource>,
) -> Result<SurveyResponse> {
    let hlc = w.tick();
    let r = SurveyResponse {
        id,
        workshop_id: form.workshop_id.clone(),
        form_id: form.form_id.clone(),
        form_version: form.version,
        version_id: form.id.clone(),
        participant_id,
        answers,
        device_id: w.device().to_owned(),
        created_hlc: hlc.to_string(),
        deleted: false,
        source,
    };
    w.create_at::<SurveyResponses>(hlc, &form.workshop_id, &r)?;
    Ok(r)
}

/// A form's title as a phone shows it whichever language it is in: Lao · English.
fn both_titles(t: &sala_core::model::Bilingual) -> String {
    match (t.lo.trim(), t.en.trim()) {
        (lo, en) if lo.is_empty() || lo == en => en.to_owned(),
        (lo, "") => lo.to_owned(),
        (lo, en) => format!("{lo} · {en}"),
    }
}

/// A form's results: the version read (the latest), and how many responses each version had.
#[derive(Debug, Clone, PartialEq)]
pub struct FormResults {
    pub form: SurveyForm,
    pub responses: u32,
    /// (version, responses), oldest version first.
    pub by_version: Vec<(u32, u32)>,
    pub questions: Vec<QuestionResult>,
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
        let versions = self.survey_versions()?;
        Ok(sala_core::survey::latest_versions(&versions)
            .into_iter()
            .cloned()
            .collect())
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
                let form_id = format!("{}.survey.{}", workshop.id, f.kind.as_str());
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
            .find(|f| f.id == key || f.form_id == key || f.kind.as_str() == key)
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

    /// Changes a form (checked first by [`check_form`]; nothing is written when it fails). A
    /// form nobody has answered changes in place, field by field; once it has answers, the
    /// change is a new version and the answers keep the version they used. An edit that
    /// changes nothing writes nothing.
    pub fn edit_survey_form(&mut self, key: &str, edit: SurveyFormEdit) -> Result<SurveyForm> {
        check_form(&edit)?;
        let form = self.survey_form(key)?;
        let unchanged = form.title == edit.title
            && form.intro == edit.intro
            && form.anonymous == edit.anonymous
            && form.sections == edit.sections;
        if unchanged {
            return Ok(form);
        }
        let answered = self
            .survey_responses(&form.form_id)?
            .iter()
            .any(|r| r.version_id == form.id);
        let workshop_id = form.workshop_id.clone();
        if !answered {
            self.write(|w| {
                let id = &form.id;
                if form.title != edit.title {
                    w.set::<SurveyForms>(&workshop_id, id, "title", &edit.title)?;
                }
                if form.intro != edit.intro {
                    w.set::<SurveyForms>(&workshop_id, id, "intro", &edit.intro)?;
                }
                if form.anonymous != edit.anonymous {
                    w.set::<SurveyForms>(&workshop_id, id, "anonymous", &edit.anonymous)?;
                }
                if form.sections != edit.sections {
                    w.set::<SurveyForms>(&workshop_id, id, "sections", &edit.sections)?;
                }
                Ok(())
            })?;
            return table::get::<SurveyForms>(self.read(), &form.id)?
                .ok_or_else(|| not_found("survey", &form.id));
        }
        let next = SurveyForm {
            id: new_id(),
            version: form.version + 1,
            title: edit.title,
            intro: edit.intro,
            anonymous: edit.anonymous,
            sections: edit.sections,
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
        self.answer_survey_from(key, participant_id, answers, None)
    }

    /// [`Store::answer_survey`] for answers given on a participant's phone in the room: one
    /// response per form (any version) per phone — a second is refused
    /// (`SurveyAnsweredOnThisPhone`), whichever laptop's room the first went through, as far as
    /// this laptop has it. The response says where it came from.
    pub fn answer_survey_from_phone(
        &mut self,
        key: &str,
        participant_id: Option<&str>,
        answers: BTreeMap<String, Answer>,
        source: ResponseSource,
    ) -> Result<SurveyResponse> {
        self.answer_survey_from(key, participant_id, answers, Some(source))
    }

    /// Whether phone `phone` has answered form `key` (any version; trashed responses do not
    /// count: the coordinator removed that one).
    pub fn survey_answered_on_phone(&self, key: &str, phone: &str) -> Result<bool> {
        let form = self.survey_form(key)?;
        responses::answered_on_phone(self.read(), &form.workshop_id, &form.form_id, phone)
    }

    fn answer_survey_from(
        &mut self,
        key: &str,
        participant_id: Option<&str>,
        answers: BTreeMap<String, Answer>,
        source: Option<ResponseSource>,
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
            // Checked in the write's own transaction: two answers from one phone arriving at
            // once are one, then a refusal.
            if let Some(s) = &source
                && responses::answered_on_phone(
                    w.conn(),
                    &form.workshop_id,
                    &form.form_id,
                    &s.phone,
                )?
            {
                return Err(SalaError::new(ErrorCode::SurveyAnsweredOnThisPhone)
                    .with("form", both_titles(&form.title)));
            }
            record_response(w, &form, participant_id, answers, source)
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

pub use sala_core::survey::{AnswersPreview, ImportedAnswers};

/// The question a column stands for: by key, or by the question's text in either language
/// (case and surrounding spaces aside).
fn column_question<'f>(
    form: &'f SurveyForm,
    header: &str,
) -> Option<&'f sala_core::survey::SurveyQuestion> {
    let h = header.trim().to_lowercase();
    form.questions().find(|q| {
        q.key.to_lowercase() == h
            || q.text.en.trim().to_lowercase() == h
            || q.text.lo.trim().to_lowercase() == h
    })
}

/// A cell as the answer it holds for `q` (an option by key or label in either language; several
/// separated by `;` or `,`, or by spaces as KoboToolbox's exports write them), or the problem
/// with it. An empty cell is no answer.
fn cell_answer(
    q: &sala_core::survey::SurveyQuestion,
    cell: &str,
) -> std::result::Result<Option<Answer>, sala_core::survey::AnswerProblem> {
    use sala_core::survey::{AnswerProblem, QuestionKind, SurveyOption};
    let cell = cell.trim();
    if cell.is_empty() {
        return Ok(None);
    }
    let option = |options: &[SurveyOption], v: &str| {
        let v = v.trim().to_lowercase();
        options
            .iter()
            .find(|o| {
                o.key.to_lowercase() == v
                    || o.label.en.trim().to_lowercase() == v
                    || o.label.lo.trim().to_lowercase() == v
            })
            .map(|o| o.key.clone())
            .ok_or_else(|| AnswerProblem::UnknownOption {
                key: q.key.clone(),
                option: v.clone(),
            })
    };
    Ok(Some(match &q.kind {
        QuestionKind::Rating { .. } => match cell.parse::<u8>() {
            Ok(v) => Answer::Rating(v),
            Err(_) => return Err(AnswerProblem::WrongKind { key: q.key.clone() }),
        },
        QuestionKind::Single { options } => Answer::Choice(option(options, cell)?),
        QuestionKind::Multiple { options } => {
            let parts: Vec<&str> = cell
                .split([';', ','])
                .filter(|v| !v.trim().is_empty())
                .collect();
            match parts.iter().map(|v| option(options, v)).collect() {
                Ok(keys) => Answer::Choices(keys),
                // KoboToolbox and ODK write several choices as their names, spaces between.
                Err(problem) => match cell
                    .split_whitespace()
                    .map(|v| option(options, v).ok())
                    .collect::<Option<Vec<_>>>()
                {
                    Some(keys) if parts.len() == 1 => Answer::Choices(keys),
                    _ => return Err(problem),
                },
            }
        }
        QuestionKind::ShortText | QuestionKind::LongText => Answer::Text(cell.to_owned()),
    }))
}

impl Store {
    /// Reads a CSV or XLSX of answers to a form (a header row naming the questions by key or
    /// text, one row per response) into a preview. Writes nothing.
    pub fn preview_survey_answers(
        &self,
        key: &str,
        file_name: &str,
        bytes: &[u8],
    ) -> Result<AnswersPreview> {
        let form = self.survey_form(key)?;
        let sheet = crate::sheet::read_sheet(file_name, bytes)?;
        let columns: Vec<_> = sheet
            .header
            .iter()
            .map(|h| column_question(&form, h))
            .collect();
        let ignored_columns = sheet
            .header
            .iter()
            .zip(&columns)
            .filter(|(h, c)| c.is_none() && !h.trim().is_empty())
            .map(|(h, _)| h.clone())
            .collect();
        let rows = sheet
            .rows
            .into_iter()
            .filter(|(_, cells)| cells.iter().any(|c| !c.trim().is_empty()))
            .map(|(line, cells)| {
                let mut answers = BTreeMap::new();
                let mut problems = Vec::new();
                for (q, cell) in columns.iter().zip(&cells) {
                    let Some(q) = q else { continue };
                    match cell_answer(q, cell) {
                        Ok(Some(a)) => {
                            answers.insert(q.key.clone(), a);
                        }
                        Ok(None) => {}
                        Err(p) => problems.push(p),
                    }
                }
                // Whatever could be read is checked like an answer typed in the kiosk (a cell
                // already reported is not reported again as missing).
                let key_of = |p: &sala_core::survey::AnswerProblem| {
                    serde_json::to_value(p).unwrap_or_default()["key"].clone()
                };
                let reported: Vec<serde_json::Value> = problems.iter().map(key_of).collect();
                problems.extend(
                    check_answers(&form, &answers)
                        .into_iter()
                        .filter(|p| !reported.contains(&key_of(p))),
                );
                ImportedAnswers {
                    line,
                    answers,
                    problems,
                }
            })
            .collect();
        Ok(AnswersPreview {
            rows,
            ignored_columns,
        })
    }

    /// Imports a file of answers: every row, or with `skip_bad` the rows without problems, in
    /// one transaction; refused, writing nothing, when rows have problems and `skip_bad` is off.
    /// Returns how many responses were written.
    pub fn import_survey_answers(
        &mut self,
        key: &str,
        file_name: &str,
        bytes: &[u8],
        skip_bad: bool,
    ) -> Result<u32> {
        let form = self.survey_form(key)?;
        let preview = self.preview_survey_answers(key, file_name, bytes)?;
        crate::sheet::refuse_if_problems(
            preview
                .rows
                .iter()
                .filter(|r| !r.problems.is_empty())
                .count(),
            skip_bad,
        )?;
        self.write(|w| {
            let mut n = 0;
            for row in preview.rows.into_iter().filter(|r| r.problems.is_empty()) {
                record_response(w, &form, None, row.answers, None)?;
                n += 1;
            }
            Ok(n)
        })
    }
}

impl Store {
    /// Imports answer files saved by the offline form (`sala_core::survey::offline`), each on
    /// its own: a file that cannot be taken is named with why, and the others go in. A file
    /// (or a second save of the same answers) already imported counts once; a file of another
    /// workshop is refused by that workshop's name. Answers are checked against the version of
    /// the form they were given in. With `form` (a key or id), a file answering another form
    /// is refused by that form's name.
    pub fn import_response_files(
        &mut self,
        form: Option<&str>,
        files: &[(String, Vec<u8>)],
    ) -> Result<sala_core::api::ResponseFilesImport> {
        use sala_core::survey::offline::{ResponseFileError, read_response_file};
        let workshop = self.current_workshop()?;
        let expected = form.map(|k| self.survey_form(k)).transpose()?;
        let mut report = sala_core::api::ResponseFilesImport::default();
        for (name, bytes) in files {
            let refuse = |code: ErrorCode| SalaError::new(code).with("file", name);
            let outcome = (|| -> Result<bool> {
                let (file, body) = read_response_file(bytes).map_err(|e| match e {
                    ResponseFileError::Damaged => refuse(ErrorCode::ResponseFileDamaged),
                    ResponseFileError::Newer(_) => refuse(ErrorCode::ResponseFileNewer),
                    ResponseFileError::TooLarge { .. } | ResponseFileError::NotAnswerFile(_) => {
                        refuse(ErrorCode::ResponseFileInvalid)
                    }
                })?;
                if file.workshop_id != workshop.id {
                    return Err(refuse(ErrorCode::ResponseFileOtherWorkshop)
                        .with("workshop", both_titles(&file.workshop_title)));
                }
                if let Some(expected) = &expected
                    && expected.form_id != file.form_id
                {
                    let theirs = self
                        .survey_versions()?
                        .into_iter()
                        .find(|f| f.form_id == file.form_id)
                        .map_or_else(|| file.form_id.clone(), |f| both_titles(&f.title));
                    return Err(refuse(ErrorCode::ResponseFileOtherForm).with("form", theirs));
                }
                if !crate::log::incoming::is_uuid(&body.id) {
                    return Err(refuse(ErrorCode::ResponseFileInvalid));
                }
                let form = self
                    .survey_versions()?
                    .into_iter()
                    .find(|f| f.id == file.version_id && f.form_id == file.form_id)
                    .ok_or_else(|| refuse(ErrorCode::ResponseFileInvalid))?;
                if table::get::<SurveyResponses>(self.read(), &body.id)?.is_some() {
                    return Ok(false);
                }
                if let Some(problem) = check_answers(&form, &body.answers).into_iter().next() {
                    let detail = serde_json::to_value(&problem).unwrap_or_default();
                    return Err(SalaError::new(ErrorCode::InvalidArgument)
                        .with("name", detail["key"].as_str().unwrap_or("answers"))
                        .with("value", detail["problem"].as_str().unwrap_or("")));
                }
                self.write(|w| {
                    record_response_as(w, body.id.clone(), &form, None, body.answers.clone(), None)
                })?;
                Ok(true)
            })();
            match outcome {
                Ok(true) => report.imported += 1,
                Ok(false) => report.duplicates += 1,
                Err(error) => report.refused.push(sala_core::api::RefusedFile {
                    file: name.clone(),
                    error,
                }),
            }
        }
        Ok(report)
    }
}
