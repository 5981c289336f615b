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

/// The longest idea a participant may send from a phone (issue 20): a point, not an essay.
pub const MAX_IDEA_CHARS: usize = 1_000;

/// The most ideas one phone may send for one question of one group: the queue is read by people.
pub const MAX_IDEAS_PER_PHONE: u32 = 20;

/// The largest file taken as a picture (a phone's photo is 2–12 MB), in megabytes.
pub const MAX_PICTURE_FILE_MB: u64 = 40;

/// The most pixels decoded from one picture (a 100-megapixel camera's photo).
pub const MAX_PICTURE_PIXELS: u64 = 100_000_000;

/// The longest side of a stored picture, in pixels: sharp on a projector, small in the folder.
pub const MAX_PICTURE_SIDE: u32 = 2_560;

/// The longest side of a picture's thumbnail, in pixels.
pub const THUMBNAIL_SIDE: u32 = 400;

/// The most a workshop's pictures may take together, in megabytes (every laptop keeps them
/// all, and the shared folder may be a USB stick).
pub const MAX_WORKSHOP_PICTURES_MB: u64 = 1_024;

/// The longest table label (the name a laptop shows the others), in characters: it is shown in
/// every other laptop's status bar.
pub const MAX_TABLE_LABEL_CHARS: usize = 60;

/// Dots per person on a SWOT board when the facilitator has not set a limit.
pub const DEFAULT_VOTE_LIMIT: u32 = 3;

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

/// Whether a character would act on a terminal or reorder text around it instead of being
/// shown: C0 and C1 controls (ESC, BEL, CSI…), DEL, and the bidirectional embeddings,
/// overrides and isolates (U+202A–U+202E, U+2066–U+2069). Newline and tab are not.
pub fn is_unprintable(c: char) -> bool {
    (c.is_control() && c != '\n' && c != '\t')
        || ('\u{202A}'..='\u{202E}').contains(&c)
        || ('\u{2066}'..='\u{2069}').contains(&c)
}

/// `text` without the characters of [`is_unprintable`] — for what comes from outside (a table
/// label, a file name, a workshop title read from the shared folder) before a terminal or a
/// window shows it. Text is otherwise stored as typed; this is for showing.
pub fn printable(text: &str) -> std::borrow::Cow<'_, str> {
    if text.chars().any(is_unprintable) {
        text.chars()
            .filter(|c| !is_unprintable(*c))
            .collect::<String>()
            .into()
    } else {
        text.into()
    }
}

/// [`printable`] on one line: newlines and tabs become spaces too (a label, a file name).
pub fn printable_line(text: &str) -> String {
    printable(text)
        .chars()
        .map(|c| if c == '\n' || c == '\t' { ' ' } else { c })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn what_would_act_on_a_terminal_is_not_shown() {
        let cases = [
            ("Table 3", "Table 3"),
            ("ໂຕະ 3", "ໂຕະ 3"),
            ("\u{1b}[2JTable", "[2JTable"),
            ("\u{1b}]0;owned\u{7}x", "]0;ownedx"),
            ("a\u{7f}b\u{85}c\u{9b}d", "abcd"),
            ("evil\u{202E}txt.exe", "eviltxt.exe"),
            ("\u{2066}x\u{2069}", "x"),
            ("line\nnext\tcol\r", "line\nnext\tcol"),
        ];
        for (raw, shown) in cases {
            assert_eq!(printable(raw), shown, "{raw:?}");
        }
        assert_eq!(printable_line("a\nb\tc"), "a b c");
    }

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

/// Something in Lao text that is probably a typing accident.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize, serde::Deserialize, ts_rs::TS)]
#[serde(rename_all = "snake_case")]
pub enum LaoIssue {
    /// A Thai-script character (Thai and Lao keyboards sit side by side; fonts make them look alike).
    ThaiCharacter,
    /// A zero-width space or joiner, invisible but breaking search and sorting.
    ZeroWidth,
    /// Marks of one letter typed in another order than Lao writes them (ຂ + ້ + ໍ for ຂ + ໍ +
    /// ້): the same on screen, a different text to search.
    MarkOrder,
}

/// Where a combining Lao mark stands among the marks of one letter, in the order Lao writes
/// them: the subscript ລ (ຼ), then vowel signs above and below (ັ ິ ີ ຶ ື ຸ ູ ົ ໍ), then the
/// tone mark (່ ້ ໊ ໋), then the cancellation mark (໌). Unicode gives most of these the
/// combining class 0, so normalisation (NFC) never puts them in order.
pub fn lao_mark_rank(c: char) -> Option<u8> {
    match c as u32 {
        0x0EBC => Some(0),
        0x0EB1 | 0x0EB4..=0x0EB9 | 0x0EBB | 0x0ECD => Some(1),
        0x0EC8..=0x0ECB => Some(2),
        0x0ECC => Some(3),
        _ => None,
    }
}

/// `text` with the marks of each Lao letter in the order Lao writes them (a stable sort of each
/// run of marks); the text itself when they already are. Search and the Lao fix both use it.
pub fn order_lao_marks(text: &str) -> std::borrow::Cow<'_, str> {
    if !lao_marks_out_of_order(text) {
        return std::borrow::Cow::Borrowed(text);
    }
    let mut out = String::with_capacity(text.len());
    let mut run: Vec<char> = Vec::new();
    for c in text.chars() {
        if lao_mark_rank(c).is_some() {
            run.push(c);
            continue;
        }
        run.sort_by_key(|&m| lao_mark_rank(m));
        out.extend(run.drain(..));
        out.push(c);
    }
    run.sort_by_key(|&m| lao_mark_rank(m));
    out.extend(run);
    std::borrow::Cow::Owned(out)
}

fn lao_marks_out_of_order(text: &str) -> bool {
    let mut previous: Option<u8> = None;
    for c in text.chars() {
        let rank = lao_mark_rank(c);
        if let (Some(p), Some(r)) = (previous, rank)
            && r < p
        {
            return true;
        }
        previous = rank;
    }
    false
}

/// The Lao letters and marks that existed before Unicode 12 (the ones Lao keyboards type).
/// Thai characters 0x80 below one of these are the same key on the other layout.
fn is_classic_lao(c: char) -> bool {
    matches!(c as u32,
        0x0E81 | 0x0E82 | 0x0E84 | 0x0E87 | 0x0E88 | 0x0E8A | 0x0E8D | 0x0E94..=0x0E97
        | 0x0E99..=0x0E9F | 0x0EA1..=0x0EA3 | 0x0EA5 | 0x0EA7 | 0x0EAA | 0x0EAB
        | 0x0EAD..=0x0EB9 | 0x0EBB..=0x0EBD | 0x0EC0..=0x0EC4 | 0x0EC6 | 0x0EC8..=0x0ECD
        | 0x0ED0..=0x0ED9)
}

fn is_thai(c: char) -> bool {
    ('\u{0E01}'..='\u{0E5B}').contains(&c)
}

fn is_zero_width(c: char) -> bool {
    matches!(
        c,
        '\u{200B}' | '\u{200C}' | '\u{200D}' | '\u{2060}' | '\u{FEFF}'
    )
}

/// The Lao character a Thai one was probably meant to be, when there is a clear one.
fn thai_to_lao(c: char) -> Option<char> {
    if !is_thai(c) {
        return None;
    }
    char::from_u32(c as u32 + 0x80).filter(|&l| is_classic_lao(l))
}

/// Typing accidents in a text that contains Lao, each kind once, in a stable order.
/// Text without Lao letters is left alone (a Thai quotation in an English note is no accident).
pub fn lao_issues(text: &str) -> Vec<LaoIssue> {
    if !text.chars().any(|c| is_lao(c) && c.is_alphabetic()) {
        return Vec::new();
    }
    let mut issues = Vec::new();
    if text.chars().any(is_thai) {
        issues.push(LaoIssue::ThaiCharacter);
    }
    if text.chars().any(is_zero_width) {
        issues.push(LaoIssue::ZeroWidth);
    }
    if lao_marks_out_of_order(text) {
        issues.push(LaoIssue::MarkOrder);
    }
    issues
}

/// The offered fix: zero-width characters removed, Thai characters that have a clear Lao
/// counterpart replaced by it, the marks of each letter put in order. Thai characters without
/// a counterpart are kept (and still flagged).
pub fn fix_lao(text: &str) -> String {
    if lao_issues(text).is_empty() {
        return text.to_owned();
    }
    let swapped: String = text
        .chars()
        .filter(|&c| !is_zero_width(c))
        .map(|c| thai_to_lao(c).unwrap_or(c))
        .collect();
    order_lao_marks(&swapped).into_owned()
}

#[cfg(test)]
mod lao_tests {
    use super::*;

    #[track_caller]
    fn check(text: &str, issues: &[LaoIssue], fixed: &str) {
        assert_eq!(lao_issues(text), issues, "issues of {text:?}");
        assert_eq!(fix_lao(text), fixed, "fix of {text:?}");
        assert!(
            lao_issues(&fix_lao(text))
                .iter()
                .all(|i| *i != LaoIssue::ZeroWidth)
        );
    }

    #[test]
    fn flags_and_fixes_thai_letters_and_zero_width_spaces_in_lao() {
        check("ການແບ່ງປັນຂໍ້ມູນ", &[], "ການແບ່ງປັນຂໍ້ມູນ");
        // Thai อ (U+0E2D) typed for Lao ອ (U+0EAD); Thai ่ (U+0E48) for Lao ່.
        check(
            "ຂໍ້ມູນເປີດ\u{0E2D}ອນໄລນ໌",
            &[LaoIssue::ThaiCharacter],
            "ຂໍ້ມູນເປີດອອນໄລນ໌",
        );
        check("ແບ\u{0E48}ງປັນ", &[LaoIssue::ThaiCharacter], "ແບ່ງປັນ");
        check("ການ\u{200B}ແບ່ງປັນ", &[LaoIssue::ZeroWidth], "ການແບ່ງປັນ");
        check(
            "ກ\u{200B}ຂ\u{0E32}",
            &[LaoIssue::ThaiCharacter, LaoIssue::ZeroWidth],
            "ກຂາ",
        );
        // Thai ฮ (U+0E2E) → U+0EAE ຮ; Thai ฆ (U+0E06) has no classic Lao twin: kept, still flagged.
        check("ກ\u{0E06}", &[LaoIssue::ThaiCharacter], "ກ\u{0E06}");
        // Marks typed in another order than Lao writes them: the same on screen.
        check("ຂ\u{0EC9}\u{0ECD}ມູນ", &[LaoIssue::MarkOrder], "ຂໍ້ມູນ");
        check("ເບ\u{0EC8}\u{0EB4}ງ", &[LaoIssue::MarkOrder], "ເບິ່ງ");
        check("ຫ\u{0EC9}\u{0EBC}າຍ", &[LaoIssue::MarkOrder], "ຫຼ້າຍ");
        check("ນ\u{0EC9}\u{0EB3}", &[], "ນ\u{0EC9}\u{0EB3}");
        check(
            "ຂ\u{200B}\u{0EC9}\u{0ECD}",
            &[LaoIssue::ZeroWidth, LaoIssue::MarkOrder],
            "ຂໍ້",
        );
        // No Lao at all: a Thai or English text is nobody's accident.
        check("ภาษาไทย", &[], "ภาษาไทย");
        check("zero\u{200B}width", &[], "zero\u{200B}width");
    }
}
