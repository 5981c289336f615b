//! Note bodies merge as text: two people editing one note offline both keep their words.
//!
//! The text CRDT is Yjs's (YATA), through `yrs` (decision 12). Each edit of a note's text is an
//! `Op` whose `value` is the new full text (what every reader shows) and whose `text_update` is
//! the same change as a Yjs update, written by a document whose client id is derived from the
//! op's id — so no two edits ever share a client id, not even on a cloned laptop.
//!
//! A note's text is a pure function of its ops ([`materialize`]):
//! 1. the `Create`'s text, then every `Set` of `text` *without* an update (written before this
//!    existed, or by a tool that cannot make one) in (timestamp, op id) order, each as the change
//!    from the text so far, written under its own op's client id;
//! 2. every update, in op-id order (Yjs gives the same result in any order; the order is fixed
//!    anyway so nothing depends on arrival).
//!
//! A local edit is diffed against the text the editor started from (its *base*), not against
//! whatever arrived meanwhile, so a remote edit that lands while someone types is kept.

use base64::Engine;
use base64::engine::general_purpose::STANDARD_NO_PAD as B64;
use yrs::updates::decoder::Decode;
use yrs::{Doc, GetString, ReadTxn, Text, TextRef, Transact, Update};

use crate::op::{Entity, Op, OpKind};

/// The name of the shared text inside each note's document.
const NAME: &str = "text";

/// Whether a field merges as text (a note's body) rather than as a register.
pub fn merges_as_text(entity: Entity, field: &str) -> bool {
    entity == Entity::Note && field == "text"
}

/// A stable 53-bit Yjs client id for an op (FNV-1a of its id).
pub fn client_id(op_id: &str) -> u64 {
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    for b in op_id.as_bytes() {
        h ^= u64::from(*b);
        h = h.wrapping_mul(0x0100_0000_01b3);
    }
    h & ((1 << 53) - 1)
}

/// One change to a text: the bytes `start..end` of the old text become `insert`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Splice {
    pub start: usize,
    pub end: usize,
    pub insert: String,
}

/// The smallest single change turning `old` into `new` (common prefix and suffix kept), on
/// character boundaries. A pure insertion or deletion that could sit at several places (text
/// repeats around it) is put where it starts a word, so the edit's characters stay together as
/// the words they were typed as — which is what keeps another laptop's concurrent words whole.
pub fn splice(old: &str, new: &str) -> Splice {
    let prefix: usize = old
        .chars()
        .zip(new.chars())
        .take_while(|(a, b)| a == b)
        .map(|(a, _)| a.len_utf8())
        .sum();
    let max_suffix = old.len().min(new.len()) - prefix;
    let suffix: usize = old[prefix..]
        .chars()
        .rev()
        .zip(new[prefix..].chars().rev())
        .take_while(|(a, b)| a == b)
        .map(|(a, _)| a.len_utf8())
        .scan(0, |total, n| {
            *total += n;
            (*total <= max_suffix).then_some(n)
        })
        .sum();
    let change = Splice {
        start: prefix,
        end: old.len() - suffix,
        insert: new[prefix..new.len() - suffix].to_owned(),
    };
    if change.insert.is_empty() {
        let (start, end) = slide(old, change.start, change.end);
        Splice {
            start,
            end,
            ..change
        }
    } else if change.start == change.end {
        // An insertion into `old` is a deletion from `new`: slide it there.
        let (start, end) = slide(new, change.start, change.start + change.insert.len());
        Splice {
            start,
            end: start,
            insert: new[start..end].to_owned(),
        }
    } else if old[change.start..change.end].contains(char::is_whitespace) {
        // A change that removes across words: its ends are put at word boundaries, so that a
        // word another laptop writes at one of those boundaries at the same time lands between
        // whole words, never inside one this change only half kept (`[ຄຳ8] …` → `[ຄຳ5] …`
        // keeps `[ຄຳ` otherwise). A change within a word (Lao runs without spaces) stays as
        // small as it is: no other laptop's word can land inside what it removes.
        let mut start = change.start;
        while let Some(c) = old[..start]
            .chars()
            .next_back()
            .filter(|c| !c.is_whitespace())
        {
            start -= c.len_utf8();
        }
        let mut end = change.end;
        while let Some(c) = old[end..].chars().next().filter(|c| !c.is_whitespace()) {
            end += c.len_utf8();
        }
        // What was moved over is common to both texts: the same bytes leave `new`'s ends.
        let new_end = new.len() - (old.len() - end);
        Splice {
            start,
            end,
            insert: new[start..new_end].to_owned(),
        }
    } else {
        change
    }
}

/// Moves the stretch `start..end` of `text` left while the same text would result (the
/// character before it equals its last), and returns the first place found where it begins a
/// word (at the start, or after white space); where there is none, the stretch as given.
fn slide(text: &str, mut start: usize, mut end: usize) -> (usize, usize) {
    let at_word = |start: usize| {
        text[..start]
            .chars()
            .next_back()
            .is_none_or(char::is_whitespace)
    };
    let given = (start, end);
    while start < end && !at_word(start) {
        match (
            text[..start].chars().next_back(),
            text[..end].chars().next_back(),
        ) {
            (Some(before), Some(last)) if before == last => {
                start -= before.len_utf8();
                end -= last.len_utf8();
            }
            _ => return given,
        }
    }
    if at_word(start) { (start, end) } else { given }
}

/// Where the editor's change (`base` → `new`) goes in `current` (which is `base` plus whatever
/// other devices changed meanwhile). When both changed the same stretch, nothing of theirs is
/// removed: the editor's words go in after theirs.
pub fn rebase(base: &str, new: &str, current: &str) -> Splice {
    let mine = splice(base, new);
    if base == current {
        return mine;
    }
    let theirs = splice(base, current);
    let grew = theirs.insert.len() as isize - (theirs.end - theirs.start) as isize;
    let shift = |at: usize| (at as isize + grew) as usize;
    if mine.end <= theirs.start {
        // Entirely before their change.
        mine
    } else if mine.start >= theirs.end {
        Splice {
            start: shift(mine.start),
            end: shift(mine.end),
            insert: mine.insert,
        }
    } else {
        // Overlapping: keep all of theirs, add mine after it.
        let at = theirs.start + theirs.insert.len();
        Splice {
            start: at,
            end: at,
            insert: mine.insert,
        }
    }
}

/// A note's text document.
#[derive(Debug)]
pub struct TextDoc {
    doc: Doc,
    text: TextRef,
}

impl TextDoc {
    fn with_client(client: u64) -> Self {
        let doc = Doc::with_client_id(client);
        let text = doc.get_or_insert_text(NAME);
        TextDoc { doc, text }
    }

    /// The current text.
    pub fn text(&self) -> String {
        self.text.get_string(&self.doc.transact())
    }

    fn apply(&self, update: &[u8]) -> bool {
        let Ok(update) = Update::decode_v1(update) else {
            return false;
        };
        self.doc.transact_mut().apply_update(update).is_ok()
    }

    /// A document from [`TextDoc::state`] (a cache of [`materialize`]); `None` when damaged.
    pub fn from_state(state: &[u8]) -> Option<Self> {
        let doc = TextDoc::with_client(0);
        doc.apply(state).then_some(doc)
    }

    /// Everything this document holds, as one update.
    pub fn state(&self) -> Vec<u8> {
        self.doc
            .transact()
            .encode_state_as_update_v1(&yrs::StateVector::default())
    }

    /// Makes `change` as the op `op_id` would, returns the update (and applies it here).
    fn write(&self, op_id: &str, change: &Splice) -> Vec<u8> {
        let writer = TextDoc::with_client(client_id(op_id));
        writer.apply(&self.state());
        let update = {
            let mut txn = writer.doc.transact_mut();
            let (start, end) = (as_u32(change.start), as_u32(change.end));
            if end > start {
                writer.text.remove_range(&mut txn, start, end - start);
            }
            if !change.insert.is_empty() {
                writer.text.insert(&mut txn, start, &change.insert);
            }
            txn.encode_update_v1()
        };
        self.apply(&update);
        update
    }
}

fn as_u32(n: usize) -> u32 {
    u32::try_from(n).unwrap_or(u32::MAX)
}

/// Decodes an op's `text_update`.
/// Whether a received op's `text_update` (base64) is a Yjs update this Sala can read.
pub fn update_is_readable(update: &str) -> bool {
    B64.decode(update)
        .ok()
        .is_some_and(|bytes| Update::decode_v1(&bytes).is_ok())
}

pub fn decode_update(op: &Op) -> Option<Vec<u8>> {
    op.text_update.as_deref().and_then(|u| B64.decode(u).ok())
}

pub fn encode_update(update: &[u8]) -> String {
    B64.encode(update)
}

/// Whether `op` changes a note's text.
fn is_text_edit(op: &Op) -> bool {
    op.kind == OpKind::Set && merges_as_text(op.entity, &op.field)
}

/// Builds a note's text from its ops (any order, duplicates allowed). See the module docs.
pub fn materialize(ops: &[&Op]) -> TextDoc {
    let doc = TextDoc::with_client(0);
    let mut plain: Vec<&Op> = ops
        .iter()
        .copied()
        .filter(|o| {
            (o.kind == OpKind::Create && o.entity == Entity::Note)
                || (is_text_edit(o) && o.text_update.is_none())
        })
        .collect();
    plain.sort_by(|a, b| (&a.hlc, &a.id).cmp(&(&b.hlc, &b.id)));
    plain.dedup_by(|a, b| a.id == b.id);
    for op in plain {
        let new = if op.kind == OpKind::Create {
            op.value.get(NAME).and_then(|t| t.as_str()).unwrap_or("")
        } else {
            op.value.as_str().unwrap_or("")
        };
        let old = doc.text();
        if old != new {
            doc.write(&op.id, &splice(&old, new));
        }
    }
    let mut updates: Vec<&Op> = ops
        .iter()
        .copied()
        .filter(|o| is_text_edit(o) && o.text_update.is_some())
        .collect();
    updates.sort_by(|a, b| a.id.cmp(&b.id));
    updates.dedup_by(|a, b| a.id == b.id);
    for op in updates {
        // A damaged update is skipped; the op's full text is still in the log.
        if let Some(bytes) = decode_update(op) {
            doc.apply(&bytes);
        }
    }
    doc
}

/// A local edit of a note's text: the editor went from `base` to `new`; `ops` are the note's
/// ops held here. Returns the update for the new op `op_id` and the text that results (which
/// includes other devices' edits that arrived while the editor was open).
pub fn edit(ops: &[&Op], op_id: &str, base: &str, new: &str) -> (String, String) {
    edit_doc(&materialize(ops), op_id, base, new)
}

/// [`edit`] on a document already built from the note's ops (which it then includes).
pub fn edit_doc(doc: &TextDoc, op_id: &str, base: &str, new: &str) -> (String, String) {
    let current = doc.text();
    let change = rebase(base, new, &current);
    let update = doc.write(op_id, &change);
    (encode_update(&update), doc.text())
}

#[cfg(test)]
mod tests {

    #![allow(clippy::unwrap_used)]
    use super::*;

    #[test]
    fn an_update_naming_a_client_id_past_53_bits_is_read_without_a_panic() {
        // One client's structs, its id 2^60 as a varint (a hostile or damaged sync file).
        let mut bytes = vec![1, 1];
        let mut id: u64 = 1 << 60;
        while id >= 0x80 {
            bytes.push((id as u8) | 0x80);
            id >>= 7;
        }
        bytes.push(id as u8);
        bytes.extend([0, 0]);
        let _ = update_is_readable(&encode_update(&bytes));
    }
    use crate::hlc::Hlc;
    use serde_json::json;

    fn create(text: &str) -> Op {
        Op {
            id: "0-create".into(),
            hlc: Hlc {
                wall_ms: 1,
                counter: 0,
                device: "a".into(),
            },
            device: "a".into(),
            workshop_id: "w".into(),
            entity: Entity::Note,
            entity_id: "n".into(),
            kind: OpKind::Create,
            field: String::new(),
            value: json!({"id": "n", "text": text}),
            prev: vec![],
            text_update: None,
        }
    }

    /// An edit made on a device that holds `seen`, from `base` to `new`.
    fn edited(seen: &[Op], id: &str, wall: u64, base: &str, new: &str) -> Op {
        let refs: Vec<&Op> = seen.iter().collect();
        let (update, _) = edit(&refs, id, base, new);
        Op {
            id: id.into(),
            hlc: Hlc {
                wall_ms: wall,
                counter: 0,
                device: id.into(),
            },
            device: id.into(),
            kind: OpKind::Set,
            field: "text".into(),
            value: json!(new),
            text_update: Some(update),
            ..create("")
        }
    }

    fn text_of(ops: &[Op]) -> String {
        materialize(&ops.iter().collect::<Vec<_>>()).text()
    }

    #[test]
    fn splices() {
        let check = |old: &str, new: &str, start: usize, end: usize, insert: &str| {
            assert_eq!(
                splice(old, new),
                Splice {
                    start,
                    end,
                    insert: insert.into()
                },
                "{old:?} → {new:?}"
            );
        };
        check("", "", 0, 0, "");
        check("abc", "abc", 3, 3, "");
        check("abc", "abXc", 2, 2, "X");
        check("abc", "ac", 1, 2, "");
        check("aaa", "aa", 0, 1, "");
        check("ສະບາຍດີ", "ສະບາຍດີ ທ່ານ", 21, 21, " ທ່ານ");
        check("ກາ", "ກິ", 3, 6, "ິ");
        // Repeated text: the deletion or insertion is a whole word, not a stretch across two.
        check("[ຄຳ1] [ຄຳ12]", "[ຄຳ12]", 0, 10, "");
        check("[a1] [a2]", "[a1] [a9] [a2]", 5, 5, "[a9] ");
        check("aa aa", "aa", 0, 3, "");
        // A change across words takes whole words (the convergence test found a word another
        // laptop wrote into such a stretch split by the half word kept); one inside a word
        // stays as small as it is.
        check(
            "[ຄຳ8] [ຄຳ5] [ຄຳ7] [ຄຳ9]",
            "[ຄຳ5] [ຄຳ1]",
            0,
            "[ຄຳ8] [ຄຳ5] [ຄຳ7] [ຄຳ9]".len(),
            "[ຄຳ5] [ຄຳ1]",
        );
        check("data law now", "data rule here now", 5, 8, "rule here");
        check("one two", "one 2", 4, 7, "2");
        check(
            "ຂາດບຸກຄະລາກອນດ້ານຂໍ້ມູນ",
            "ຂາດບຸກຄະລາກອນ (ກະຊວງ)",
            39,
            69,
            " (ກະຊວງ)",
        );
    }

    #[test]
    fn two_offline_edits_keep_both_words() {
        let c = create("data sharing law");
        let a = edited(
            std::slice::from_ref(&c),
            "a1",
            10,
            "data sharing law",
            "new data sharing law",
        );
        let b = edited(
            std::slice::from_ref(&c),
            "b1",
            11,
            "data sharing law",
            "data sharing law needed",
        );
        let merged = text_of(&[c.clone(), a.clone(), b.clone()]);
        assert_eq!(merged, "new data sharing law needed");
        // Any order, any duplicates.
        assert_eq!(
            text_of(&[b.clone(), a.clone(), c.clone(), b.clone()]),
            merged
        );
    }

    #[test]
    fn lao_edits_at_the_same_place_keep_both() {
        let c = create("ກົດໝາຍ");
        let a = edited(std::slice::from_ref(&c), "a1", 10, "ກົດໝາຍ", "ກົດໝາຍຂໍ້ມູນ");
        let b = edited(std::slice::from_ref(&c), "b1", 10, "ກົດໝາຍ", "ກົດໝາຍໃໝ່");
        let merged = text_of(&[c.clone(), a, b]);
        assert!(merged.starts_with("ກົດໝາຍ"), "{merged}");
        assert!(merged.contains("ຂໍ້ມູນ") && merged.contains("ໃໝ່"), "{merged}");
    }

    #[test]
    fn an_edit_made_while_another_arrived_keeps_the_other() {
        let c = create("one two");
        let theirs = edited(
            std::slice::from_ref(&c),
            "b1",
            10,
            "one two",
            "one two three",
        );
        // This device already holds theirs, but its editor started from "one two".
        let mine = edited(
            &[c.clone(), theirs.clone()],
            "a1",
            11,
            "one two",
            "zero one two",
        );
        assert_eq!(text_of(&[c, theirs, mine]), "zero one two three");
    }

    #[test]
    fn rebase_cases() {
        let check = |base: &str, new: &str, current: &str, result: &str| {
            let s = rebase(base, new, current);
            let mut out = current.to_owned();
            out.replace_range(s.start..s.end, &s.insert);
            assert_eq!(out, result, "{base:?} → {new:?} over {current:?}");
        };
        check("abc", "abcd", "abc", "abcd");
        check(
            "one two",
            "zero one two",
            "one two three",
            "zero one two three",
        );
        check(
            "one two",
            "one two three",
            "zero one two",
            "zero one two three",
        );
        check("one two", "one 2", "one TWO", "one TWO2");
        check("hello", "", "hello world", " world");
    }

    #[test]
    fn legacy_sets_without_updates_still_apply_in_order() {
        let c = create("a");
        let mut s = c.clone();
        s.id = "1-set".into();
        s.kind = OpKind::Set;
        s.field = "text".into();
        s.value = json!("ab");
        s.hlc.wall_ms = 5;
        assert_eq!(text_of(&[s.clone(), c.clone()]), "ab");
        // A later edit with an update, made on top of it.
        let e = edited(&[c.clone(), s.clone()], "2-e", 6, "ab", "abc");
        assert_eq!(text_of(&[e, s, c]), "abc");
    }
}
