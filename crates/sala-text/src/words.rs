//! The words of many short texts, counted — a word cloud that works in Lao (issue 20, the room's
//! live results). Lao is written without spaces between words: the words come from ICU4X's
//! dictionary segmenter, as search's boundaries do. Function words of either language (and,
//! of, the; ແລະ, ຂອງ, ທີ່, the nominalisers ການ and ຄວາມ…) are left out, as are numbers and
//! one-letter words. Counting is a pure function of the texts: the same texts in any order give
//! the same cloud.

use std::collections::BTreeMap;

use icu_segmenter::WordSegmenter;
use icu_segmenter::options::WordBreakInvariantOptions;

/// Words too common to say anything, in English (compared in lower case).
const STOP_EN: &[&str] = &[
    "a", "about", "all", "also", "an", "and", "any", "are", "as", "at", "be", "been", "but", "by",
    "can", "could", "do", "does", "for", "from", "had", "has", "have", "how", "if", "in", "into",
    "is", "it", "its", "more", "most", "much", "must", "need", "needs", "no", "not", "of", "on",
    "or", "other", "our", "should", "so", "some", "such", "than", "that", "the", "their", "them",
    "there", "these", "they", "this", "those", "to", "too", "very", "was", "we", "were", "what",
    "when", "which", "who", "will", "with", "would", "you", "your",
];

/// Lao function words: conjunctions, prepositions, particles, the copula, modal verbs, the
/// nominalisers ການ and ຄວາມ, demonstratives.
const STOP_LO: &[&str] = &[
    "ແລະ",
    "ຫຼື",
    "ຫລື",
    "ແຕ່",
    "ຂອງ",
    "ທີ່",
    "ໃນ",
    "ເປັນ",
    "ແມ່ນ",
    "ໃຫ້",
    "ມີ",
    "ຈະ",
    "ໄດ້",
    "ກັບ",
    "ນີ້",
    "ນັ້ນ",
    "ຢູ່",
    "ການ",
    "ຄວາມ",
    "ໂດຍ",
    "ເພື່ອ",
    "ຈາກ",
    "ກໍ່",
    "ກໍ",
    "ຍັງ",
    "ຕ້ອງ",
    "ຄວນ",
    "ເຊິ່ງ",
    "ຊຶ່ງ",
    "ດ້ວຍ",
    "ແລ້ວ",
    "ຫຼາຍ",
    "ທຸກ",
    "ອື່ນ",
    "ເຖິງ",
    "ສຳລັບ",
    "ຕໍ່",
    "ໄປ",
    "ມາ",
    "ຄື",
    "ຖ້າ",
    "ເມື່ອ",
    "ນັ້ນ",
    "ພວກ",
    "ເຮົາ",
    "ເຂົາ",
    "ລາວ",
    "ຂ້ອຍ",
    "ທ່ານ",
    "ອັນ",
    "ບໍ່",
    "ແນວ",
    "ໆ",
];

/// One word of the cloud and how many times it was written.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct WordCount {
    /// As most often written (the first such, in order of the texts, on a tie).
    pub word: String,
    pub count: u32,
}

/// One word's tally: how many texts have it, and each written form's count and first sighting.
#[derive(Default)]
struct Tally {
    texts: u32,
    forms: BTreeMap<String, (u32, usize)>,
}

fn stop(folded: &str) -> bool {
    STOP_EN.contains(&folded) || STOP_LO.contains(&folded)
}

/// The `max` most written words of `texts`, most written first (ties in the order of the
/// words' normal form). A word counts once per text it is in — one participant repeating a
/// word does not make it loud.
pub fn word_counts<'a>(texts: impl IntoIterator<Item = &'a str>, max: usize) -> Vec<WordCount> {
    let segmenter = WordSegmenter::new_dictionary(WordBreakInvariantOptions::default());
    // Per normal form: texts it is in, and how often each written form appears.
    let mut counts: BTreeMap<String, Tally> = BTreeMap::new();
    let mut seen_order = 0usize;
    for text in texts {
        let mut in_this: BTreeMap<String, String> = BTreeMap::new();
        let mut last = 0;
        for (end, kind) in segmenter.segment_str(text).iter_with_word_type() {
            let word = text[last..end].trim();
            last = end;
            if kind != icu_segmenter::options::WordType::Letter || word.chars().count() < 2 {
                continue;
            }
            let folded = crate::fold(word);
            if folded.chars().count() < 2 || stop(&folded) {
                continue;
            }
            in_this.entry(folded).or_insert_with(|| word.to_lowercase());
        }
        for (folded, written) in in_this {
            let entry = counts.entry(folded).or_default();
            entry.texts += 1;
            seen_order += 1;
            let form = entry.forms.entry(written).or_insert((0, seen_order));
            form.0 += 1;
        }
    }
    let mut words: Vec<(String, WordCount)> = counts
        .into_iter()
        .map(|(folded, tally)| {
            let count = tally.texts;
            let word = tally
                .forms
                .into_iter()
                .max_by(|a, b| a.1.0.cmp(&b.1.0).then(b.1.1.cmp(&a.1.1)))
                .map(|(w, _)| w)
                .unwrap_or_else(|| folded.clone());
            (folded, WordCount { word, count })
        })
        .collect();
    words.sort_by(|a, b| b.1.count.cmp(&a.1.count).then_with(|| a.0.cmp(&b.0)));
    words.into_iter().take(max).map(|(_, w)| w).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn cloud(texts: &[&str]) -> Vec<(String, u32)> {
        word_counts(texts.iter().copied(), 10)
            .into_iter()
            .map(|w| (w.word, w.count))
            .collect()
    }

    #[test]
    fn lao_words_are_found_without_spaces_and_function_words_left_out() {
        let got = cloud(&[
            "ຕ້ອງມີກົດໝາຍປົກປ້ອງຂໍ້ມູນ",
            "ກົດໝາຍ ແລະ ງົບປະມານ",
            "ການຝຶກອົບຮົມຂອງພະນັກງານ",
        ]);
        assert_eq!(got[0], ("ກົດໝາຍ".to_owned(), 2), "{got:?}");
        let words: Vec<&str> = got.iter().map(|(w, _)| w.as_str()).collect();
        for expected in ["ຂໍ້ມູນ", "ງົບປະມານ", "ພະນັກງານ"]
        {
            assert!(words.contains(&expected), "{expected} in {words:?}");
        }
        for function in ["ແລະ", "ຂອງ", "ການ", "ຕ້ອງ", "ມີ"] {
            assert!(!words.contains(&function), "{function} in {words:?}");
        }
    }

    #[test]
    fn english_words_count_once_per_text_whatever_their_case() {
        let got = cloud(&["Data law, data law, DATA!", "the data portal", "Open data."]);
        assert_eq!(got[0], ("data".to_owned(), 3));
        assert!(got.iter().all(|(w, _)| w != "the"));
        assert!(got.contains(&("law".to_owned(), 1)));
    }

    #[test]
    fn the_same_texts_in_any_order_give_the_same_cloud() {
        let texts = [
            "ກົດໝາຍ data",
            "open data ຂໍ້ມູນ",
            "ຂໍ້ມູນ ກົດໝາຍ law",
            "",
            "  123 !! ",
        ];
        let forward = cloud(&texts);
        let mut reversed = texts;
        reversed.reverse();
        assert_eq!(forward, cloud(&reversed));
        assert!(forward.iter().all(|(w, _)| w != "123"));
    }
}
