//! What users type: limits and language detection.
//!
//! Text is stored exactly as typed (no normalisation on write), so a note reads back byte for
//! byte; search and sort normalise their own copies.

use crate::error::{ErrorCode, Result, SalaError};
use crate::model::Language;

/// The longest note accepted, in characters (Unicode scalar values). Longer text is refused with
/// a clear message, never cut.
pub const MAX_NOTE_CHARS: usize = 20_000;

/// The longest short field (a name, a title), in characters.
pub const MAX_SHORT_CHARS: usize = 500;

fn is_lao(c: char) -> bool {
    ('\u{0E80}'..='\u{0EFF}').contains(&c)
}

/// Guesses the language of a text from its letters: Lao script, Latin script, or both.
///
/// A text is `Mixed` when the smaller script has at least a fifth of the letters. Latin words in
/// capitals only ("ICT", "MTC") are acronyms and do not count, so a Lao sentence naming a
/// ministry stays Lao. A text with no letters is `En`.
pub fn detect_language(text: &str) -> Language {
    let lao = text
        .chars()
        .filter(|&c| is_lao(c) && c.is_alphabetic())
        .count();
    let latin: usize = text
        .split(|c: char| !c.is_alphabetic() || is_lao(c))
        .filter(|word| word.chars().any(char::is_lowercase))
        .map(|word| word.chars().count())
        .sum();
    let total = lao + latin;
    if total == 0 {
        return Language::En;
    }
    if lao.min(latin) * 5 >= total {
        Language::Mixed
    } else if lao > latin {
        Language::Lo
    } else {
        Language::En
    }
}

/// Checks a note's text: not blank, not longer than [`MAX_NOTE_CHARS`].
pub fn check_note_text(text: &str) -> Result<()> {
    if text.trim().is_empty() {
        return Err(SalaError::new(ErrorCode::EmptyText));
    }
    let length = text.chars().count();
    if length > MAX_NOTE_CHARS {
        return Err(SalaError::new(ErrorCode::TextTooLong)
            .with("length", length)
            .with("max", MAX_NOTE_CHARS));
    }
    Ok(())
}

/// Checks a short field (a name or title): not longer than [`MAX_SHORT_CHARS`].
pub fn check_short_text(text: &str) -> Result<()> {
    let length = text.chars().count();
    if length > MAX_SHORT_CHARS {
        return Err(SalaError::new(ErrorCode::TextTooLong)
            .with("length", length)
            .with("max", MAX_SHORT_CHARS));
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[track_caller]
    fn check(text: &str, expected: Language) {
        assert_eq!(detect_language(text), expected, "language of {text:?}");
    }

    #[test]
    fn detects_the_language_of_a_note() {
        check("ການແບ່ງປັນຂໍ້ມູນລະຫວ່າງກະຊວງຍັງມີຂໍ້ຈຳກັດ", Language::Lo);
        check(
            "Data sharing between ministries is still limited",
            Language::En,
        );
        check("ກະຊວງ MTC ຕ້ອງການ ICT", Language::Lo);
        check("ການແບ່ງປັນຂໍ້ມູນ needs a legal basis first", Language::Mixed);
        check("2023-05-11 !!", Language::En);
        check("", Language::En);
    }

    #[test]
    fn refuses_blank_and_overlong_notes_but_accepts_the_limit() {
        assert_eq!(
            check_note_text("  \n ").unwrap_err().code,
            ErrorCode::EmptyText
        );
        let at_limit = "ກ".repeat(MAX_NOTE_CHARS);
        assert!(check_note_text(&at_limit).is_ok());
        let err = check_note_text(&format!("{at_limit}ຂ")).unwrap_err();
        assert_eq!(err.code, ErrorCode::TextTooLong);
        assert_eq!(err.params["length"], (MAX_NOTE_CHARS + 1).to_string());
    }
}
