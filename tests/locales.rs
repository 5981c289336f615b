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
