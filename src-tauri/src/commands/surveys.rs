//! Commands for surveys: the forms (the built-in ones made on first use), answering one in the
//! kiosk, and the results. Each is a thin call into `sala-store`.

use std::collections::BTreeMap;

use sala_core::api::SurveyResults;
use sala_core::survey::{Answer, AnswersPreview, SurveyForm, SurveyFormEdit};
use tauri::State;

use crate::commands::people::check_import_size;
use crate::{AppState, Result};

/// The workshop's survey forms (the built-in ones made on first use).
#[tauri::command]
pub async fn survey_forms(state: State<'_, AppState>) -> Result<Vec<SurveyForm>> {
    state.with(|s| s.ensure_builtin_surveys())
}

/// Records one person's answers (checked first; nothing is written when one is wrong). The
/// kiosk gets back only the response's id, never anyone's answers.
#[tauri::command]
pub async fn answer_survey(
    state: State<'_, AppState>,
    form: String,
    participant_id: Option<String>,
    answers: BTreeMap<String, Answer>,
) -> Result<String> {
    state
        .with(|s| s.answer_survey(&form, participant_id.as_deref(), answers))
        .map(|r| r.id)
}

/// A form's results: responses per version, each question's answers, and the change in
/// self-assessed knowledge for the before/after forms.
#[tauri::command]
pub async fn survey_results(state: State<'_, AppState>, form: String) -> Result<SurveyResults> {
    state.with(|s| s.survey_results_view(&form))
}

/// Saves the coordinator's changes to a form: in place while nobody has answered it, else as
/// its next version.
#[tauri::command]
pub async fn edit_survey_form(
    state: State<'_, AppState>,
    form: String,
    edit: SurveyFormEdit,
) -> Result<SurveyForm> {
    state.with(|s| s.edit_survey_form(&form, edit))
}

/// Reads a file of answers collected elsewhere into a preview; writes nothing.
#[tauri::command]
pub async fn preview_survey_answers(
    state: State<'_, AppState>,
    form: String,
    file_name: String,
    bytes: Vec<u8>,
) -> Result<AnswersPreview> {
    check_import_size(&bytes)?;
    state.with(|s| s.preview_survey_answers(&form, &file_name, &bytes))
}

/// Imports a file of answers: every row, or with `skip_bad` the good ones.
#[tauri::command]
pub async fn import_survey_answers(
    state: State<'_, AppState>,
    form: String,
    file_name: String,
    bytes: Vec<u8>,
    skip_bad: bool,
) -> Result<u32> {
    check_import_size(&bytes)?;
    state.with(|s| s.import_survey_answers(&form, &file_name, &bytes, skip_bad))
}
