//! The offline survey form (issue 20, "circulate the survey"): the room's own page saved as one
//! HTML file with the form, every word in both languages and the Lao font inside it. It opens in
//! any browser without a network; "Save my answers" saves an answer file
//! (`sala_core::survey::offline`) that the participant e-mails back.
//!
//! The file allows nothing but its own script and style (a content security policy naming their
//! hashes), no network at all, and fonts only from itself.

use base64::Engine;
use base64::engine::general_purpose::STANDARD;
use sala_core::api::UiLanguage;
use sala_core::model::Workshop;
use sala_core::survey::SurveyForm;
use serde_json::json;
use sha2::{Digest, Sha256};

use crate::page;

fn csp_hash(text: &str) -> String {
    format!(
        "'sha256-{}'",
        STANDARD.encode(Sha256::digest(text.as_bytes()))
    )
}

fn escape_html(text: &str) -> String {
    text.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
        .replace('"', "&quot;")
}

/// The page's words in `lang`: the room's (`room.phone.*`, which include the offline form's).
fn words(lang: UiLanguage) -> serde_json::Map<String, serde_json::Value> {
    sala_i18n::messages(lang)
        .into_iter()
        .filter(|(k, _)| k.starts_with("room.phone."))
        .map(|(k, v)| (k, serde_json::Value::String(v)))
        .collect()
}

/// The whole offline form for `form` (its latest version) of `workshop`, as one HTML file.
pub fn form_html(form: &SurveyForm, workshop: &Workshop) -> String {
    let key = serde_json::to_value(form.kind)
        .ok()
        .and_then(|v| v.as_str().map(str::to_owned))
        .unwrap_or_else(|| form.form_id.clone());
    let data = json!({
        "form": {
            "key": key,
            "form_id": form.form_id,
            "version_id": form.id,
            "version": form.version,
            "title": form.title,
            "intro": form.intro,
            "sections": form.sections,
        },
        "workshop": { "id": workshop.id, "title": workshop.title },
        "words": { "lo": words(UiLanguage::Lo), "en": words(UiLanguage::En) },
    });
    // A data block, never run; `<` escaped so no text in it can close the element.
    let data = data.to_string().replace('<', "\\u003c");
    let font = |bytes: &[u8]| format!("url(\"data:font/woff2;base64,{}\")", STANDARD.encode(bytes));
    let style = page::CSS
        .replace("url(\"lao-400.woff2\")", &font(page::LAO_400))
        .replace("url(\"lao-700.woff2\")", &font(page::LAO_700));
    let script = page::JS;
    let title = escape_html(&format!("{} · {}", form.title.lo, form.title.en));
    format!(
        "<!doctype html>\n<html lang=\"lo\">\n<head>\n<meta charset=\"utf-8\">\n\
         <meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n\
         <meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; script-src {}; style-src {}; font-src data:; img-src data:; connect-src 'none'; base-uri 'none'; form-action 'none'\">\n\
         <title>{title}</title>\n<style>{style}</style>\n</head>\n<body>\n<header>\n  <strong>Sala</strong>\n  \
         <nav><button type=\"button\" id=\"lang-lo\" lang=\"lo\">ລາວ</button><button type=\"button\" id=\"lang-en\" lang=\"en\">English</button></nav>\n\
         </header>\n<main id=\"main\" aria-live=\"polite\"></main>\n\
         <script type=\"application/json\" id=\"sala-offline\">{data}</script>\n<script>{script}</script>\n</body>\n</html>\n",
        csp_hash(script),
        csp_hash(&style),
    )
}
