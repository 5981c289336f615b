//! Text as Sala searches it. Pure: no I/O.
//!
//! - [`normalize`]: one form for the index and the query alike — NFKC, lower case, Latin accents
//!   removed, zero-width characters dropped — while Lao vowel and tone marks, which carry
//!   meaning, are kept. Each normalised character remembers where it came from, so a match found
//!   in the normalised text can be highlighted in the original.
//! - [`word_bounds`]: Lao has no spaces between words; ICU4X's dictionary segmenter finds the
//!   word boundaries, used to rank a match that is a whole word above one inside a longer word.
//! - [`LaoOrder`]: names in real Lao alphabetical order (ICU4X collation, locale `lo`): a
//!   pre-posed vowel (ເ ແ ໂ ໃ ໄ) sorts by the consonant after it, ໜ and ຫນ sort together, and
//!   Latin names come after Lao ones. The UI, the CLI and exports all sort with it.

pub mod words;

use sala_core::text::lao_mark_rank;
use std::cmp::Ordering;

use icu_collator::options::CollatorOptions;
use icu_collator::{Collator, CollatorBorrowed};
use icu_locale_core::locale;
use icu_segmenter::WordSegmenter;
use icu_segmenter::options::WordBreakInvariantOptions;
use unicode_normalization::UnicodeNormalization;
use unicode_normalization::char::is_combining_mark;

/// Text in normal form, with the byte offset in the original of every normalised character.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Normalized {
    pub text: String,
    /// For each `char` of `text`: the byte range it came from in the original.
    pub origin: Vec<(usize, usize)>,
}

fn is_lao(c: char) -> bool {
    ('\u{0E80}'..='\u{0EFF}').contains(&c)
}

fn is_zero_width(c: char) -> bool {
    matches!(
        c,
        '\u{200B}' | '\u{200C}' | '\u{200D}' | '\u{2060}' | '\u{FEFF}' | '\u{00AD}'
    )
}

/// Normalises `input` for search (see the crate docs).
pub fn normalize(input: &str) -> Normalized {
    let mut text = String::with_capacity(input.len());
    let mut origin = Vec::with_capacity(input.len());
    // The marks of the Lao letter being read, put in the order Lao writes them before they go
    // out: ຂ + ້ + ໍ and ຂ + ໍ + ້ look the same and must find each other.
    let mut marks: Vec<(char, (usize, usize))> = Vec::new();
    let flush = |marks: &mut Vec<(char, (usize, usize))>,
                 text: &mut String,
                 origin: &mut Vec<(usize, usize)>| {
        marks.sort_by_key(|(m, _)| lao_mark_rank(*m));
        for (m, range) in marks.drain(..) {
            text.push(m);
            origin.push(range);
        }
    };
    for (start, c) in input.char_indices() {
        let end = start + c.len_utf8();
        if is_zero_width(c) {
            continue;
        }
        if lao_mark_rank(c).is_some() {
            marks.push((c, (start, end)));
            continue;
        }
        flush(&mut marks, &mut text, &mut origin);
        if is_lao(c) {
            // NFKC maps ຳ (U+0EB3) to ໍ + າ; keep Lao as NFC so both spellings meet below.
            for n in std::iter::once(c).nfkc() {
                text.push(n);
                origin.push((start, end));
            }
            continue;
        }
        // Latin and the rest: compatibility forms, then accents off (NFKD + drop marks), then case.
        for d in std::iter::once(c).nfkd() {
            if is_combining_mark(d) {
                continue;
            }
            for l in d.to_lowercase() {
                text.push(l);
                origin.push((start, end));
            }
        }
    }
    flush(&mut marks, &mut text, &mut origin);
    Normalized { text, origin }
}

/// The normalised form alone.
pub fn fold(input: &str) -> String {
    normalize(input).text
}

/// Byte offsets of the word boundaries of `text` (ICU4X dictionary segmentation, which knows
/// Lao, Thai, Khmer and Burmese words), including 0 and `text.len()`.
pub fn word_bounds(text: &str) -> Vec<usize> {
    let segmenter = WordSegmenter::new_dictionary(WordBreakInvariantOptions::default());
    segmenter.segment_str(text).collect()
}

/// Where `query` (already normalised) occurs in `haystack` (normalised): byte ranges in the
/// normalised text, non-overlapping, in order.
pub fn find_all(haystack: &str, query: &str) -> Vec<(usize, usize)> {
    if query.is_empty() {
        return Vec::new();
    }
    haystack
        .match_indices(query)
        .map(|(i, m)| (i, i + m.len()))
        .collect()
}

/// Maps a byte range of the normalised text back to a byte range of the original.
pub fn to_original(n: &Normalized, range: (usize, usize)) -> Option<(usize, usize)> {
    let first = n.text[..range.0].chars().count();
    let last = first + n.text[range.0..range.1].chars().count();
    let start = n.origin.get(first)?.0;
    let end = n.origin.get(last.checked_sub(1)?)?.1;
    Some((start, end))
}

/// Lao alphabetical order.
#[derive(Debug)]
pub struct LaoOrder {
    collator: CollatorBorrowed<'static>,
}

impl Default for LaoOrder {
    fn default() -> Self {
        Self::new()
    }
}

impl LaoOrder {
    pub fn new() -> Self {
        // Compiled data for `lo` is part of the build, so this cannot fail at run time; should
        // it ever, the root order (which already handles Lao pre-posed vowels) is used.
        let collator = Collator::try_new(locale!("lo").into(), CollatorOptions::default())
            .or_else(|_| Collator::try_new(Default::default(), CollatorOptions::default()))
            .unwrap_or_else(|e| panic!("ICU4X collation data is missing from the build: {e}"));
        Self { collator }
    }

    pub fn compare(&self, a: &str, b: &str) -> Ordering {
        self.collator.compare(a, b)
    }

    /// Sorts `items` by the key in Lao order (stable).
    pub fn sort_by_key<T>(&self, items: &mut [T], key: impl Fn(&T) -> &str) {
        items.sort_by(|a, b| self.compare(key(a), key(b)));
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[track_caller]
    fn check(input: &str, expected: &str) {
        assert_eq!(fold(input), expected, "fold({input:?})");
    }

    #[test]
    fn folds_case_accents_and_invisible_characters_but_not_lao_marks() {
        check("Données PUBLIQUES", "donnees publiques");
        check("ﬁle №5", "file no5");
        check("ການ\u{200B}ແບ່ງປັນ", "ການແບ່ງປັນ");
        // Lao tone and vowel marks are meaning, not accents.
        check("ແບ່ງ", "ແບ່ງ");
        check("ຂໍ້ມູນ", "ຂໍ້ມູນ");
        // ຳ typed as one character or as ໍ + າ meets in one form.
        assert_eq!(fold("ຈຳກັດ"), fold("ຈໍາກັດ"));
        // Marks typed in another order (ຂ + ້ + ໍ) meet the order Lao writes them in.
        check("ຂ\u{0EC9}\u{0ECD}ມູນ", "ຂໍ້ມູນ");
        check("ເບ\u{0EC8}\u{0EB4}ງ", "ເບິ່ງ");
    }

    #[test]
    fn a_lao_word_typed_with_its_marks_out_of_order_is_found_and_shown_where_it_is() {
        let original = "ການແບ່ງປັນຂ\u{0EC9}\u{0ECD}ມູນ";
        let n = normalize(original);
        let hits = find_all(&n.text, &fold("ຂໍ້ມູນ"));
        assert_eq!(hits.len(), 1);
        let (s, e) = to_original(&n, hits[0]).unwrap();
        assert_eq!(&original[s..e], "ຂ\u{0EC9}\u{0ECD}ມູນ");
    }

    #[test]
    fn a_match_in_the_normal_form_maps_back_to_the_original() {
        let original = "Les DONNÉES\u{200B} ouvertes";
        let n = normalize(original);
        let hits = find_all(
            &n.text,
            "données"
                .nfd()
                .filter(|c| !is_combining_mark(*c))
                .collect::<String>()
                .as_str(),
        );
        assert_eq!(hits.len(), 1);
        let (s, e) = to_original(&n, hits[0]).unwrap();
        assert_eq!(&original[s..e], "DONNÉES");
    }

    #[test]
    fn lao_text_is_cut_into_words() {
        let text = "ການແບ່ງປັນຂໍ້ມູນລະຫວ່າງກະຊວງ";
        let bounds = word_bounds(text);
        let words: Vec<&str> = bounds.windows(2).map(|w| &text[w[0]..w[1]]).collect();
        assert!(words.len() >= 4, "{words:?}");
        assert!(words.contains(&"ຂໍ້ມູນ"), "{words:?}");
        assert!(words.contains(&"ກະຊວງ"), "{words:?}");
        assert_eq!(words.concat(), text);
    }

    #[test]
    fn lao_names_sort_in_lao_alphabetical_order() {
        // The expected order, stated explicitly: consonants in alphabet order (ກ ຂ ຄ ງ ຈ …);
        // a pre-posed vowel sorts by the consonant after it (ເກ with ກ, ໄຂ with ຂ, ແສ with ສ),
        // and among vowels after the same consonant in dictionary order (ະ ັ າ ິ … ເ ແ ໂ ໃ ໄ), so
        // ກິດຕິ comes before ເກດສະໜາ; ຫນ/ໜ and ຫມ/ໝ sort together (the spelled-out form first);
        // Latin names after every Lao one.
        let expected = [
            "ກະຊວງ",
            "ກິດຕິ",
            "ເກດສະໜາ",
            "ໄຂ່ມຸກ",
            "ຄຳພອນ",
            "ໂຄສະນາ",
            "ຈັນທອນ",
            "ສົມພອນ",
            "ແສງດາວ",
            "ໃສ",
            "ຫນູ",
            "ໜູ",
            "ຫມາກ",
            "ໝາກ",
            "ອານຸສອນ",
            "Anna",
            "Zoë",
        ];
        let order = LaoOrder::new();
        let mut shuffled: Vec<&str> = expected.iter().rev().copied().collect();
        shuffled.swap(0, 5);
        order.sort_by_key(&mut shuffled, |s| s);
        assert_eq!(shuffled, expected);
    }
}
