//! `sala init`: the first workshop in a data folder — the demo, or one from a workshop file
//! (and a template file), every problem of the files listed first.

use std::path::{Path, PathBuf};

use sala_core::api::UiLanguage;
use sala_core::template::{Template, WorkshopSpec};
use sala_core::{ErrorCode, SalaError};
use sala_i18n::message;
use sala_store::Store;

use crate::{err_out, out, read_file};

pub fn init(
    store: &mut Store,
    lang: UiLanguage,
    data_dir: &Path,
    demo: bool,
    template: Option<PathBuf>,
    workshop: Option<PathBuf>,
) -> Result<(), SalaError> {
    if let Ok(existing) = store.current_workshop() {
        let title = if lang == UiLanguage::Lo {
            existing.title.lo
        } else {
            existing.title.en
        };
        return out(&message(lang, "cli.already", &[("title", &title)]));
    }
    let listed = |problems: Vec<sala_core::template::TemplateProblem>| {
        for p in &problems {
            err_out(&sala_i18n::template_problem(lang, p));
        }
        sala_core::template::problems_error(problems)
    };
    let (template, spec) = match (demo, workshop) {
        (_, Some(file)) => {
            let template = match template {
                Some(t) => Template::read(&read_file(&t)?).map_err(listed)?,
                None => Template::builtin(),
            };
            let spec = WorkshopSpec::read(&read_file(&file)?).map_err(listed)?;
            let problems = spec.problems_with(&template);
            if !problems.is_empty() {
                return Err(listed(problems));
            }
            (template, spec)
        }
        (true, None) => (Template::builtin(), WorkshopSpec::demo()),
        (false, None) => {
            return Err(SalaError::new(ErrorCode::InvalidArgument)
                .with("name", "init")
                .with("value", "--demo | --workshop FILE"));
        }
    };
    let w = store.create_workshop(&template, &spec)?;
    let title = if lang == UiLanguage::Lo {
        w.title.lo
    } else {
        w.title.en
    };
    out(&message(
        lang,
        "cli.initialised",
        &[("title", &title), ("dir", &data_dir.display().to_string())],
    ))
}
