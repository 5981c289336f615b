//! Commands for surveys: the forms (the built-in ones made on first use), answering one in the
//! kiosk, and the results. Each is a thin call into `sala-store`.

use std::collections::BTreeMap;

use sala_core::api::SurveyResults;
use sala_core::survey::{Answer, SurveyForm};
use tauri::State;

use crate::{AppState, Result};

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

#[tauri::command]
pub async fn survey_results(state: State<'_, AppState>, form: String) -> Result<SurveyResults> {
    state.with(|s| s.survey_results_view(&form))
}
