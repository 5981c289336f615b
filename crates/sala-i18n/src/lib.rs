//! The one source of every user-visible string.
//!
//! `locales/en.yml` and `locales/lo.yml` are compiled in by rust-i18n. The CLI and error messages
//! use [`message`]; the UI receives the whole table once through [`messages`] and looks keys up
//! itself, so a language switch changes every string at once without a round trip per label.
//! Parameters are written `%{name}` in the YAML, in Rust and in the UI alike.

use std::collections::BTreeMap;

use sala_core::SalaError;
use sala_core::api::UiLanguage;

rust_i18n::i18n!("../../locales", fallback = "en");

/// The message for `key` in `lang`, with `%{name}` parameters filled in.
/// A missing key yields the key itself, which the locale-parity test forbids.
///
/// A count of one (`n` or `count` is "1") takes the key's `_one` form where it has one ("1
/// file", not "1 files"); Lao has one form, so its `_one` keys repeat the other.
pub fn message(lang: UiLanguage, key: &str, params: &[(&str, &str)]) -> String {
    let one = params
        .iter()
        .any(|(k, v)| (*k == "n" || *k == "count") && *v == "1");
    let singular = format!("{key}_one");
    let key = if one && has_key(lang, &singular) {
        singular.as_str()
    } else {
        key
    };
    fill(&_rust_i18n_translate(lang.code(), key), params)
}

/// Fills `%{name}` parameters into a message.
pub fn fill(template: &str, params: &[(&str, &str)]) -> String {
    let mut out = template.to_owned();
    for (name, value) in params {
        out = out.replace(&format!("%{{{name}}}"), value);
    }
    out
}

/// Whether `key` exists in `lang` (no fallback).
pub fn has_key(lang: UiLanguage, key: &str) -> bool {
    _rust_i18n_backend().translate(lang.code(), key).is_some()
}

/// Every message of `lang`, by flattened key (`nav.agenda`), sorted.
pub fn messages(lang: UiLanguage) -> BTreeMap<String, String> {
    _rust_i18n_backend()
        .messages_for_locale(lang.code())
        .unwrap_or_default()
        .into_iter()
        .map(|(k, v)| (k.into_owned(), v.into_owned()))
        .collect()
}

/// A typed error as a sentence in `lang`. A parameter the error does not carry (a bug the
/// workspace test `every_error_is_made_with_every_parameter_its_message_names` looks for) is
/// shown as "…", never as `%{name}`.
///
/// An error from the operating system (`reason` set, see [`SalaError::with_io`]) is said in
/// the user's language: the OS's English words give way to `io_reason.<reason>`, and
/// `io_advice.<reason>` follows, saying what to do (where the sentence names what the OS said).
pub fn error_message(lang: UiLanguage, err: &SalaError) -> String {
    let key = err.code.locale_key();
    // Only where the sentence has room for what the OS said (not "The disk is full.").
    let reason = err
        .params
        .get("reason")
        .map(String::as_str)
        .filter(|r| *r != "other" && has_key(lang, &format!("io_reason.{r}")))
        .filter(|_| message(lang, &key, &[]).contains("%{detail}"));
    let said = reason.map(|r| message(lang, &format!("io_reason.{r}"), &[]));
    let params: Vec<(&str, &str)> = err
        .params
        .iter()
        .map(|(k, v)| match (&said, k.as_str()) {
            (Some(said), "detail") => (k.as_str(), said.as_str()),
            _ => (k.as_str(), v.as_str()),
        })
        .collect();
    let text = unfilled_as_ellipsis(&message(lang, &key, &params));
    match reason {
        Some(r) => format!("{text} {}", message(lang, &format!("io_advice.{r}"), &[])),
        None => text,
    }
}

/// `%{name}` left in a filled message, as "…".
fn unfilled_as_ellipsis(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while let Some(i) = rest.find("%{") {
        out.push_str(&rest[..i]);
        match rest[i..].find('}') {
            Some(end) => {
                out.push('…');
                rest = &rest[i + end + 1..];
            }
            None => {
                out.push_str(&rest[i..]);
                rest = "";
            }
        }
    }
    out.push_str(rest);
    out
}

/// A problem of a template, a workshop file or a workshop being set up, as a sentence.
pub fn template_problem(lang: UiLanguage, p: &sala_core::template::TemplateProblem) -> String {
    use sala_core::template::TemplateProblem as P;
    let key = |k: &str| format!("template.problem.{k}");
    let n = |v: u32| v.to_string();
    match p {
        P::Syntax {
            line: Some(line),
            detail,
        } => message(
            lang,
            &key("syntax_line"),
            &[("line", &n(*line)), ("detail", detail)],
        ),
        P::Syntax { line: None, detail } => message(lang, &key("syntax"), &[("detail", detail)]),
        P::Format { found, known } => message(
            lang,
            &key("format"),
            &[("found", &n(*found)), ("known", &n(*known))],
        ),
        P::NoName => message(lang, &key("no_name"), &[]),
        P::NoDays => message(lang, &key("no_days"), &[]),
        P::FocusAreaCode { code } => message(lang, &key("focus_area_code"), &[("code", code)]),
        P::FocusAreaName { code } => message(lang, &key("focus_area_name"), &[("code", code)]),
        P::QuestionText { number } => {
            message(lang, &key("question_text"), &[("number", &n(*number))])
        }
        P::QuestionOrder => message(lang, &key("question_order"), &[]),
        P::AgendaDay { day, days } => message(
            lang,
            &key("agenda_day"),
            &[("day", &n(*day)), ("days", &n(*days))],
        ),
        P::AgendaTimes { starts_at, ends_at } => message(
            lang,
            &key("agenda_times"),
            &[("starts_at", starts_at), ("ends_at", ends_at)],
        ),
        P::AgendaTitle { day, starts_at } => message(
            lang,
            &key("agenda_title"),
            &[("day", &n(*day)), ("starts_at", starts_at)],
        ),
        P::NoTitle => message(lang, &key("no_title"), &[]),
        P::Dates { start, end } => message(lang, &key("dates"), &[("start", start), ("end", end)]),
        P::GroupName { name } => message(lang, &key("group_name"), &[("name", name)]),
        P::GroupFocusArea { group, code } => message(
            lang,
            &key("group_focus_area"),
            &[("group", group), ("code", code)],
        ),
        P::WrongTemplate { wanted, found } => message(
            lang,
            &key("wrong_template"),
            &[("wanted", wanted), ("found", found)],
        ),
        P::TooLong { what, length, max } => message(
            lang,
            &key("too_long"),
            &[("what", what), ("length", &n(*length)), ("max", &n(*max))],
        ),
    }
}

/// The interface language from the environment: `SALA_LANG`, then `LC_ALL`/`LC_MESSAGES`/`LANG`
/// (`lo_LA.UTF-8` gives Lao); English otherwise.
pub fn language_from_env() -> UiLanguage {
    for var in ["SALA_LANG", "LC_ALL", "LC_MESSAGES", "LANG"] {
        if let Ok(value) = std::env::var(var) {
            if value.is_empty() {
                continue;
            }
            return if value.starts_with("lo") {
                UiLanguage::Lo
            } else {
                UiLanguage::En
            };
        }
    }
    UiLanguage::En
}

#[cfg(test)]
mod tests {
    use super::*;
    use sala_core::ErrorCode;

    #[test]
    fn both_languages_have_the_same_keys() {
        let en: Vec<String> = messages(UiLanguage::En).into_keys().collect();
        let lo: Vec<String> = messages(UiLanguage::Lo).into_keys().collect();
        assert!(en.len() > 50, "only {} keys loaded", en.len());
        assert_eq!(en, lo);
    }

    #[test]
    fn every_error_code_has_a_message_in_both_languages() {
        for code in ErrorCode::ALL {
            for lang in [UiLanguage::En, UiLanguage::Lo] {
                assert!(
                    has_key(lang, &code.locale_key()),
                    "{lang:?} lacks {}",
                    code.locale_key()
                );
            }
        }
    }

    #[test]
    fn a_parameter_an_error_lacks_is_never_shown_as_a_placeholder() {
        let err = SalaError::new(ErrorCode::DatabaseTooNew).with("found", 40);
        for lang in [UiLanguage::En, UiLanguage::Lo] {
            let shown = error_message(lang, &err);
            assert!(shown.contains("40") && shown.contains('…'), "{shown}");
            assert!(!shown.contains("%{"), "{shown}");
        }
    }

    #[test]
    fn errors_are_rendered_with_their_parameters() {
        let err = SalaError::new(ErrorCode::UnknownGroup)
            .with("group", "Z")
            .with("known", "A, B");
        let en = error_message(UiLanguage::En, &err);
        let lo = error_message(UiLanguage::Lo, &err);
        assert!(en.contains('Z') && lo.contains('Z'));
        assert_ne!(en, lo);
        assert!(!en.contains("%{"), "{en}");
    }

    /// What the operating system says, as it comes in each case Sala words for itself.
    fn os_error(reason: sala_core::IoReason) -> std::io::Error {
        use sala_core::IoReason as R;
        use std::io::{Error, ErrorKind as K};
        match reason {
            R::NotFound => Error::from(K::NotFound),
            R::PermissionDenied => Error::from(K::PermissionDenied),
            R::ReadOnly => Error::from(K::ReadOnlyFilesystem),
            R::DiskFull => Error::from(K::StorageFull),
            R::InUse => Error::from(K::ResourceBusy),
            // A real one: the OS refuses a name longer than 255 bytes.
            R::PathTooLong => std::fs::File::open("x".repeat(300)).unwrap_err(),
            R::NameNotAllowed => Error::from(K::InvalidFilename),
            R::Other => Error::other("the network name cannot be found"),
        }
    }

    #[test]
    fn every_os_error_is_said_in_its_own_words_with_what_to_do() {
        use sala_core::IoReason;
        let mut seen = std::collections::BTreeSet::new();
        for reason in IoReason::ALL {
            let e = os_error(reason);
            assert_eq!(IoReason::of(&e), reason, "{e}");
            for lang in [UiLanguage::En, UiLanguage::Lo] {
                // Inside a sentence that has room for it (the report's file, the shared folder).
                for err in [
                    SalaError::io("/no-such-dir/x.docx", &e),
                    SalaError::new(ErrorCode::SyncFolderUnreachable)
                        .with("folder", "E:\\share")
                        .with_io(&e),
                ] {
                    let shown = error_message(lang, &err);
                    assert!(!shown.contains('…') && !shown.contains("%{"), "{shown}");
                    if reason == IoReason::Other {
                        assert!(shown.contains("network name"), "{shown}");
                        continue;
                    }
                    let code = reason.code();
                    assert!(
                        shown.contains(&message(lang, &format!("io_reason.{code}"), &[]))
                            && shown.contains(&message(lang, &format!("io_advice.{code}"), &[])),
                        "{lang:?} {code}: {shown}"
                    );
                    assert!(!shown.contains("os error"), "{shown}");
                    seen.insert(shown);
                }
            }
        }
        assert_eq!(
            seen.len(),
            (IoReason::ALL.len() - 1) * 4,
            "each reason has its own sentence"
        );
        // A sentence with no room for the OS's words ("The disk is full.") gets no advice twice.
        let full = SalaError::new(ErrorCode::DiskFull).with_io(&os_error(IoReason::DiskFull));
        assert_eq!(
            error_message(UiLanguage::En, &full),
            message(UiLanguage::En, "error.disk_full", &[])
        );
    }
}
