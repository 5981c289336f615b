//! The anonymised export (issue 8): a copy of the workshop with no one's name or contact in it,
//! from which any report, brief or spreadsheet can be produced.
//!
//! - Participants keep what is counted (stakeholder category, gender, organisation, group,
//!   attendance) and lose their names and contacts; survey answers lose the participant they
//!   were linked to; groups lose their facilitator and note-taker.
//! - Every free text (notes and their translations and tags, SWOT cards, actions, written survey
//!   answers) has each known name — a participant's, a facilitator's or note-taker's, whole or
//!   any part of four letters or more — replaced by [`REMOVED`]. Latin names are matched as
//!   whole words, ignoring case; Lao names wherever they occur (Lao is written without spaces).
//!   A name that is on no list cannot be recognised: `docs/security.md` says so.
//!
//! Pure: the same workshop gives the same copy.

use sala_core::api::Dump;
use sala_core::survey::Answer;

/// What a removed name becomes.
pub const REMOVED: &str = "[…]";

/// The shortest part of a name removed on its own, in characters.
const MIN_PART: usize = 4;

/// Every name to remove, longest first (so a full name goes before its parts).
fn names(dump: &Dump) -> Vec<Vec<char>> {
    let mut out: Vec<String> = Vec::new();
    let mut add = |name: &str| {
        let name = name.trim();
        if name.is_empty() {
            return;
        }
        out.push(name.to_owned());
        for part in name.split_whitespace() {
            if part.chars().count() >= MIN_PART {
                out.push(part.to_owned());
            }
        }
    };
    for p in &dump.participants {
        add(&p.name.en);
        add(&p.name.lo);
        add(&p.contact);
    }
    for g in &dump.groups {
        add(&g.facilitator);
        add(&g.note_taker);
    }
    let mut chars: Vec<Vec<char>> = out.iter().map(|n| lower(n)).collect();
    chars.sort_by(|a, b| b.len().cmp(&a.len()).then_with(|| a.cmp(b)));
    chars.dedup();
    chars
}

/// One char per char, lowercased (a char whose lowercase is several keeps its first).
fn lower(s: &str) -> Vec<char> {
    s.chars()
        .map(|c| c.to_lowercase().next().unwrap_or(c))
        .collect()
}

fn is_word(c: char) -> bool {
    c.is_alphanumeric() && !('\u{0E80}'..='\u{0EFF}').contains(&c)
}

/// `text` with every name in `names` replaced by [`REMOVED`].
pub fn scrub(text: &str, names: &[Vec<char>]) -> String {
    let original: Vec<char> = text.chars().collect();
    let low = lower(text);
    let mut removed = vec![false; original.len()];
    for name in names {
        if name.is_empty() || name.len() > low.len() {
            continue;
        }
        // Latin names as whole words; Lao (no spaces between words) wherever they occur.
        let latin_start = name.first().is_some_and(|c| is_word(*c));
        let latin_end = name.last().is_some_and(|c| is_word(*c));
        let mut i = 0;
        while i + name.len() <= low.len() {
            let fits = low[i..i + name.len()] == name[..]
                && !removed[i..i + name.len()].iter().any(|r| *r)
                && !(latin_start && i > 0 && is_word(low[i - 1]))
                && !(latin_end && i + name.len() < low.len() && is_word(low[i + name.len()]));
            if fits {
                removed[i..i + name.len()]
                    .iter_mut()
                    .for_each(|r| *r = true);
                i += name.len();
            } else {
                i += 1;
            }
        }
    }
    let mut out = String::with_capacity(text.len());
    let mut i = 0;
    while i < original.len() {
        if removed[i] {
            out.push_str(REMOVED);
            while i < original.len() && removed[i] {
                i += 1;
            }
        } else {
            out.push(original[i]);
            i += 1;
        }
    }
    out
}

/// The workshop with no one's name or contact in it (see the module's docs).
pub fn anonymise(dump: &Dump) -> Dump {
    let names = names(dump);
    let s = |t: &str| scrub(t, &names);
    let mut d = dump.clone();
    for p in &mut d.participants {
        p.name = Default::default();
        p.contact = String::new();
    }
    for g in &mut d.groups {
        g.facilitator = String::new();
        g.note_taker = String::new();
    }
    for n in &mut d.notes {
        n.text = s(&n.text);
        n.translation = n.translation.as_deref().map(s);
        n.tags = n.tags.iter().map(|t| s(t)).collect();
    }
    for c in &mut d.swot_cards {
        c.text = s(&c.text);
    }
    for a in &mut d.actions {
        a.title = s(&a.title);
        a.description = s(&a.description);
        a.responsible = s(&a.responsible);
        a.partners = s(&a.partners);
    }
    for r in &mut d.survey_responses {
        r.participant_id = None;
        for a in r.answers.values_mut() {
            if let Answer::Text(t) = a {
                *t = s(t);
            }
        }
    }
    d
}

#[cfg(test)]
mod tests {
    use super::*;

    fn check(text: &str, names: &[&str], expected: &str) {
        let names: Vec<Vec<char>> = names.iter().map(|n| lower(n)).collect();
        assert_eq!(scrub(text, &names), expected, "{text}");
    }

    #[test]
    fn names_are_removed_as_words_in_latin_and_anywhere_in_lao() {
        check("Keomany said so", &["keomany"], "[…] said so");
        check("KEOMANY and keomany", &["keomany"], "[…] and […]");
        check(
            "Keomanyvong is someone else",
            &["keomany"],
            "Keomanyvong is someone else",
        );
        check("ທ່ານແກ້ວມະນີເວົ້າວ່າ", &["ແກ້ວມະນີ"], "ທ່ານ[…]ເວົ້າວ່າ");
        check(
            "mail keo@example.la now",
            &["keo@example.la"],
            "mail […] now",
        );
        check("nothing here", &["keomany"], "nothing here");
        check("", &["keomany"], "");
    }
}
