//! Locale parity: both files carry the same keys, and every key the Rust code names exists.

use sala_core::api::UiLanguage;
use sala_tests::{message_keys_used, rust_files, workspace_root};

#[test]
fn english_and_lao_have_the_same_keys_and_parameters() {
    let en = sala_i18n::messages(UiLanguage::En);
    let lo = sala_i18n::messages(UiLanguage::Lo);
    let only_en: Vec<_> = en.keys().filter(|k| !lo.contains_key(*k)).collect();
    let only_lo: Vec<_> = lo.keys().filter(|k| !en.contains_key(*k)).collect();
    assert!(
        only_en.is_empty() && only_lo.is_empty(),
        "only en: {only_en:?}; only lo: {only_lo:?}"
    );
    let params = |s: &str| {
        // Every `%{name}`: what follows each opening, up to its closing brace.
        let mut p: Vec<String> = s
            .match_indices("%{")
            .filter_map(|(i, _)| s[i + 2..].split_once('}'))
            .map(|(n, _)| n.to_owned())
            .collect();
        p.sort();
        p
    };
    for (key, text) in &en {
        assert_eq!(params(text), params(&lo[key]), "parameters of {key}");
    }
}

#[test]
fn every_key_the_rust_code_uses_exists_in_both_languages() {
    let root = workspace_root();
    let mut used = Vec::new();
    for dir in ["crates", "src-tauri/src", "xtask/src"] {
        for file in rust_files(&root.join(dir)) {
            let source = std::fs::read_to_string(&file).unwrap_or_default();
            used.extend(message_keys_used(&source));
        }
    }
    assert!(used.len() >= 5, "found only {used:?}");
    for key in used {
        for lang in [UiLanguage::En, UiLanguage::Lo] {
            assert!(
                sala_i18n::has_key(lang, &key),
                "{key} is used in code but missing in {lang:?}"
            );
        }
    }
}

#[test]
fn the_key_scanner_finds_keys_and_ignores_other_calls() {
    let src = r#"message(lang, "cli.note_added", &[]); message(UiLanguage::En, "cli.error_prefix", &[]); message(x, y);"#;
    assert_eq!(
        message_keys_used(src),
        ["cli.note_added", "cli.error_prefix"]
    );
}

#[test]
fn the_error_scanner_reads_chains_of_parameters() {
    let src = r#"
        let e = SalaError::new(ErrorCode::SyncFileTorn)
            .with("file", format!("{}/{}", a, b))
            .with("have", 0)
            .with("need", "?");
        return Err(SalaError::new(ErrorCode::NoBackup));
    "#;
    let made = sala_tests::errors_made("x.rs", src);
    assert_eq!(made.len(), 2);
    assert_eq!(made[0].code, "sync_file_torn");
    assert_eq!(made[0].params, ["file", "have", "need"]);
    assert_eq!(made[1].code, "no_backup");
    assert!(made[1].params.is_empty());
}

/// Every parameter an error's message names (`%{found}`) is given where the error is made —
/// "schema %{found}; this Sala knows %{known}" is never shown with its holes. Errors whose
/// parameters are added after they are made are listed here with where they get them.
#[test]
fn every_error_is_made_with_every_parameter_its_message_names() {
    // (code, the parameters given later, and by what)
    let completed_later: &[(&str, &[&str])] = &[
        // `pass::file_refused` / `set_aside(... .with("table", …))` name the file and table.
        ("sync_bad_op", &["file", "table"]),
        ("sync_impossible_time", &["file", "table"]),
        ("sync_other_workshop_row", &["file", "table"]),
    ];
    let en = sala_i18n::messages(UiLanguage::En);
    let root = workspace_root();
    let mut missing = Vec::new();
    for dir in ["crates", "src-tauri/src"] {
        for file in rust_files(&root.join(dir)) {
            let rel = file
                .strip_prefix(&root)
                .unwrap_or(&file)
                .display()
                .to_string();
            if rel.contains("/tests/") {
                continue;
            }
            let source = std::fs::read_to_string(&file).unwrap_or_default();
            // A file's own unit tests make incomplete errors on purpose.
            let source = source
                .split("#[cfg(test)]\nmod tests")
                .next()
                .unwrap_or_default();
            for made in sala_tests::errors_made(&rel, source) {
                let Some(text) = en.get(&format!("error.{}", made.code)) else {
                    continue;
                };
                let later = completed_later
                    .iter()
                    .find(|(c, _)| *c == made.code)
                    .map_or(&[][..], |(_, p)| *p);
                for (i, _) in text.match_indices("%{") {
                    let Some((name, _)) = text[i + 2..].split_once('}') else {
                        continue;
                    };
                    if !made.params.iter().any(|p| p == name) && !later.contains(&name) {
                        missing.push(format!("{}: {} lacks %{{{name}}}", made.at, made.code));
                    }
                }
            }
        }
    }
    assert!(missing.is_empty(), "{}", missing.join("\n"));
}

#[test]
fn every_field_that_can_conflict_has_a_label_in_both_languages() {
    // The Conflicts inbox names the field two laptops changed; never its column name.
    for entity in sala_core::op::Entity::ALL {
        for field in sala_store::log::apply::settable_fields(entity) {
            for lang in [UiLanguage::En, UiLanguage::Lo] {
                assert!(
                    sala_i18n::has_key(lang, &format!("field.{field}")),
                    "field.{field} ({entity:?}) is missing in {lang:?}"
                );
            }
        }
    }
}
