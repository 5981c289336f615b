//! Commands for surveys: the forms (the built-in ones made on first use), answering one in the
//! kiosk, and the results. Each is a thin call into `sala-store`.

use std::collections::BTreeMap;

use sala_core::api::{NamedFile, ResponseFilesImport, SavedReport, SurveyResults};
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

/// Writes form `form` as the offline form (one HTML file that needs no network) to `path`,
/// whole or not at all.
#[tauri::command]
pub async fn save_offline_form(
    state: State<'_, AppState>,
    granted: State<'_, crate::Granted>,
    form: String,
    path: String,
) -> Result<SavedReport> {
    let html = state.with(|s| {
        let form = s.survey_form(&form)?;
        Ok(sala_room::offline::form_html(&form, &s.current_workshop()?))
    })?;
    write_whole(&granted, &path, "html", html.as_bytes())
}

/// Writes `bytes` to `path` (its extension made `extension`) whole or not at all, its folder
/// made if missing; the app may open it afterwards.
fn write_whole(
    granted: &crate::Granted,
    path: &str,
    extension: &str,
    bytes: &[u8],
) -> Result<SavedReport> {
    let (dir, name) = sala_report::report_target(path, extension)?;
    let path = dir.join(&name);
    std::fs::create_dir_all(&dir).map_err(|e| sala_core::SalaError::io(dir.display(), &e))?;
    sala_sync::folder::write_atomic(&dir, &name, bytes)
        .map_err(|e| sala_core::SalaError::io(path.display(), &e))?;
    granted.grant(&path);
    Ok(SavedReport {
        path: path.display().to_string(),
        bytes: bytes.len() as u64,
    })
}

/// Imports answer files saved by the offline form of `form`: each imported, counted once if
/// already here, or refused with why.
#[tauri::command]
pub async fn import_response_files(
    state: State<'_, AppState>,
    form: String,
    files: Vec<NamedFile>,
) -> Result<ResponseFilesImport> {
    let files: Vec<(String, Vec<u8>)> = files.into_iter().map(|f| (f.name, f.bytes)).collect();
    state.with(|s| s.import_response_files(Some(&form), &files))
}

/// Writes form `form` for where Sala is not to `path`: `docx` (printed, in `lang`, numbered as
/// the paper entry asks) or `xlsform` (KoboToolbox, ODK; both languages), whole or not at all.
#[tauri::command]
pub async fn save_survey_form(
    state: State<'_, AppState>,
    granted: State<'_, crate::Granted>,
    form: String,
    format: String,
    lang: String,
    path: String,
) -> Result<SavedReport> {
    let invalid = |name: &str, value: &str| {
        sala_core::SalaError::new(sala_core::ErrorCode::InvalidArgument)
            .with("name", name)
            .with("value", value)
    };
    let bytes = state.with(|s| {
        let form = s.survey_form(&form)?;
        match format.as_str() {
            "docx" => {
                let lang = sala_report::ReportLang::parse(&lang)
                    .filter(|l| *l != sala_report::ReportLang::Both)
                    .ok_or_else(|| invalid("lang", &lang))?;
                let doc = sala_report::survey_forms::printable(&form, &s.current_workshop()?, lang);
                sala_report::docx::render(&doc)
            }
            "xlsform" => sala_report::survey_forms::xlsform(&form),
            other => Err(invalid("format", other)),
        }
    })?;
    let extension = if format == "docx" { "docx" } else { "xlsx" };
    write_whole(&granted, &path, extension, &bytes)
}
