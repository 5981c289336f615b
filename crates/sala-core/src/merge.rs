//! Merge: the state of one row as a pure function of the *set* of its ops.
//!
//! Every device that holds the same ops computes the same row, whatever order the ops arrived in
//! and however often each arrived. The rules (DESIGN.md §4):
//!
//! - A row exists once its `Create` op is known (ops for a row whose creation has not arrived yet
//!   wait in the log; they take effect when it does).
//! - Each field is a multi-value register. A `Set` names, in [`Op::prev`], the values it replaces
//!   (what its device showed when the edit was made). The field's **heads** are the `Set`s no other
//!   `Set` replaces. One head: that is the value. Several heads: they were made without seeing each
//!   other — a **conflict**: all are kept; the one with the latest timestamp (then the greater op
//!   id) is shown; a later `Set` that names them all resolves it. A clock that is wrong can only
//!   change which concurrent value is shown first, never drop an edit made after seeing another.
//! - `Delete` and `Restore` move the row to and from the trash; the latest (timestamp, op id) wins.
//!   A delete never removes the row or its edits.
//!
//! Inputs are sorted explicitly; no wall clock and no hash-map order is read here.

use std::collections::{BTreeMap, BTreeSet};

use crate::hlc::Hlc;
use crate::op::{Op, OpKind};
use crate::text_merge;

/// One value of a field.
#[derive(Debug, Clone, PartialEq)]
pub struct Head {
    pub op_id: String,
    pub hlc: Hlc,
    pub device: String,
    pub value: serde_json::Value,
}

/// The merged state of one row.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Merged {
    /// The row (the `Create` op's row with every field's shown value, `deleted` and
    /// `updated_hlc` applied); `None` while no `Create` is known.
    pub row: Option<serde_json::Value>,
    /// For every field some `Set` changed: its heads, the shown one first.
    pub fields: BTreeMap<String, Vec<Head>>,
    /// The op that created the row, and the latest op that changed it (provenance).
    pub created: Option<(Hlc, String)>,
    pub last_changed: Option<(Hlc, String)>,
    /// For a note whose text was edited: its text document ([`text_merge::TextDoc::state`]),
    /// which the store keeps so the next edit need not replay every op.
    pub text_doc: Option<Vec<u8>>,
    /// For a text two laptops edited at once (their edits merged into the text shown, nobody
    /// has accepted it since): each laptop's own version, the newest first. Empty otherwise.
    pub text_versions: Vec<Head>,
}

impl Merged {
    /// The fields whose concurrent values are still unresolved (and differ: the same value
    /// set on two laptops is agreement).
    ///
    /// A text that merged concurrent edits is listed with each laptop's version (see
    /// [`Merged::text_versions`]).
    pub fn conflicts(&self) -> impl Iterator<Item = (&str, &[Head])> {
        self.fields.iter().filter_map(|(f, heads)| {
            // The text's heads are the versions' ops (its first shows the merge).
            let merged_text = !self.text_versions.is_empty()
                && heads.len() == self.text_versions.len()
                && heads
                    .iter()
                    .zip(&self.text_versions)
                    .all(|(h, v)| h.op_id == v.op_id);
            if merged_text {
                Some((f.as_str(), self.text_versions.as_slice()))
            } else if heads.iter().any(|h| h.value != heads[0].value) {
                Some((f.as_str(), heads.as_slice()))
            } else {
                None
            }
        })
    }
}

fn key(op: &Op) -> (&Hlc, &str) {
    (&op.hlc, op.id.as_str())
}

/// Merges the ops of one row (all with the same entity and entity id).
pub fn merge_row(ops: &[Op]) -> Merged {
    // Sort by (timestamp, op id) and drop duplicates: the same op may arrive many times.
    let mut ops: Vec<&Op> = ops.iter().collect();
    ops.sort_by(|a, b| key(a).cmp(&key(b)));
    ops.dedup_by(|a, b| a.id == b.id);

    let create = ops.iter().find(|o| o.kind == OpKind::Create).copied();
    let mut fields = field_heads(&ops);
    let (text_doc, text_versions) = merge_text(&ops, &mut fields);
    let trash = ops
        .iter()
        .filter(|o| matches!(o.kind, OpKind::Delete | OpKind::Restore))
        .max_by(|a, b| key(a).cmp(&key(b)));
    let changes = ops.iter().filter(|o| o.kind != OpKind::Create);
    let last = changes.max_by(|a, b| key(a).cmp(&key(b)));

    let row = create.map(|c| materialise(c, &fields, trash, last));
    Merged {
        row,
        fields,
        created: create.map(|c| (c.hlc.clone(), c.device.clone())),
        last_changed: last
            .or(create.as_ref())
            .map(|o| (o.hlc.clone(), o.device.clone())),
        text_doc,
        text_versions,
    }
}

/// Each field's heads: the values no later edit replaced, shown first the latest.
fn field_heads(ops: &[&Op]) -> BTreeMap<String, Vec<Head>> {
    let replaced: BTreeSet<&str> = ops
        .iter()
        .filter(|o| o.kind == OpKind::Set)
        .flat_map(|o| o.prev.iter().map(String::as_str))
        .collect();

    let mut fields: BTreeMap<String, Vec<Head>> = BTreeMap::new();
    for op in ops
        .iter()
        .filter(|o| o.kind == OpKind::Set && !replaced.contains(o.id.as_str()))
    {
        fields.entry(op.field.clone()).or_default().push(Head {
            op_id: op.id.clone(),
            hlc: op.hlc.clone(),
            device: op.device.clone(),
            value: op.value.clone(),
        });
    }
    for heads in fields.values_mut() {
        // Shown first: the latest timestamp, then the greater op id.
        heads.sort_by(|a, b| (&b.hlc, &b.op_id).cmp(&(&a.hlc, &a.op_id)));
    }
    fields
}

/// A note's body merges as text: one value, every edit's words in it. Returns the text
/// document, and each laptop's version when several edited at once; `fields` gets the merged
/// text as the field's shown value.
fn merge_text(
    ops: &[&Op],
    fields: &mut BTreeMap<String, Vec<Head>>,
) -> (Option<Vec<u8>>, Vec<Head>) {
    let text_edits: Vec<&Op> = ops
        .iter()
        .copied()
        .filter(|o| o.kind == OpKind::Set && text_merge::merges_as_text(o.entity, &o.field))
        .collect();
    let mut text_doc = None;
    let mut text_versions = Vec::new();
    if let Some(latest) = text_edits.iter().max_by(|a, b| key(a).cmp(&key(b))) {
        let doc = text_merge::materialize(ops);
        let text = doc.text();
        text_doc = Some(doc.state());
        // The edits no later edit saw: one is the normal case; several were made at once on
        // different laptops. All stay heads (an edit or an acceptance replaces them all); the
        // text shown is the merge of every edit, each laptop's own version kept beside it.
        let mut versions: Vec<Head> = fields.remove(&latest.field).unwrap_or_default();
        if versions.is_empty() {
            versions.push(Head {
                op_id: latest.id.clone(),
                hlc: latest.hlc.clone(),
                device: latest.device.clone(),
                value: latest.value.clone(),
            });
        }
        let mut shown = versions.clone();
        shown[0].value = serde_json::Value::String(text);
        fields.insert(latest.field.clone(), shown);
        if versions.len() > 1 && versions.iter().any(|v| v.value != versions[0].value) {
            text_versions = versions;
        }
    }
    (text_doc, text_versions)
}

/// The row as its creation wrote it, with each field's shown value, the trash state of the
/// latest delete or restore, and the time of the last change.
fn materialise(
    create: &Op,
    fields: &BTreeMap<String, Vec<Head>>,
    trash: Option<&&Op>,
    last: Option<&&Op>,
) -> serde_json::Value {
    let mut row = create.value.clone();
    if let Some(obj) = row.as_object_mut() {
        for (field, heads) in fields {
            // A field the row does not have (a newer Sala's) is kept in the log, not shown.
            if obj.contains_key(field) && field != "deleted" {
                obj.insert(field.clone(), heads[0].value.clone());
            }
        }
        if let Some(t) = trash {
            obj.insert(
                "deleted".into(),
                serde_json::Value::Bool(t.kind == OpKind::Delete),
            );
        }
        if let Some(last) = last
            && obj.contains_key("updated_hlc")
        {
            obj.insert(
                "updated_hlc".into(),
                serde_json::Value::String(last.hlc.to_string()),
            );
        }
    }
    row
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used)]
    use super::*;
    use crate::op::Entity;
    use proptest::prelude::*;
    use serde_json::json;

    fn hlc(wall: u64, device: &str) -> Hlc {
        Hlc {
            wall_ms: wall,
            counter: 0,
            device: device.into(),
        }
    }

    fn op(
        id: &str,
        wall: u64,
        device: &str,
        kind: OpKind,
        field: &str,
        value: serde_json::Value,
        prev: &[&str],
    ) -> Op {
        Op {
            id: id.into(),
            hlc: hlc(wall, device),
            device: device.into(),
            workshop_id: "w".into(),
            entity: Entity::SwotCard,
            entity_id: "card".into(),
            kind,
            field: field.into(),
            value,
            prev: prev.iter().map(|s| (*s).to_owned()).collect(),
            text_update: None,
        }
    }

    fn create(wall: u64) -> Op {
        op(
            "c",
            wall,
            "a",
            OpKind::Create,
            "",
            json!({"id": "card", "text": "first", "quadrant": "strengths", "deleted": false, "updated_hlc": ""}),
            &[],
        )
    }

    fn set(id: &str, wall: u64, device: &str, field: &str, v: &str, prev: &[&str]) -> Op {
        op(id, wall, device, OpKind::Set, field, json!(v), prev)
    }

    /// Merges `ops` and checks the shown row fields and the conflicting values of `text`.
    fn check(ops: &[Op], text: &str, quadrant: &str, deleted: bool, text_heads: &[&str]) {
        let m = merge_row(ops);
        let row = m.row.clone().unwrap();
        assert_eq!(row["text"], json!(text), "text");
        assert_eq!(row["quadrant"], json!(quadrant), "quadrant");
        assert_eq!(row["deleted"], json!(deleted), "deleted");
        let heads: Vec<String> = m
            .fields
            .get("text")
            .map(|h| {
                h.iter()
                    .map(|h| h.value.as_str().unwrap().to_owned())
                    .collect()
            })
            .unwrap_or_default();
        assert_eq!(heads, text_heads, "heads of text");
    }

    #[test]
    fn sequential_edits_keep_the_last() {
        check(
            &[
                create(1),
                set("s1", 2, "a", "text", "second", &[]),
                set("s2", 3, "b", "text", "third", &["s1"]),
            ],
            "third",
            "strengths",
            false,
            &["third"],
        );
    }

    #[test]
    fn concurrent_edits_are_all_kept_and_the_latest_is_shown() {
        check(
            &[
                create(1),
                set("s1", 5, "a", "text", "from a", &[]),
                set("s2", 3, "b", "text", "from b", &[]),
            ],
            "from a",
            "strengths",
            false,
            &["from a", "from b"],
        );
    }

    #[test]
    fn an_edit_made_after_seeing_another_wins_even_with_a_slow_clock() {
        // b's clock is an hour behind, but b saw a's value: b's edit replaces it.
        check(
            &[
                create(1),
                set("s1", 3_600_000, "a", "text", "a", &[]),
                set("s2", 10, "b", "text", "b after a", &["s1"]),
            ],
            "b after a",
            "strengths",
            false,
            &["b after a"],
        );
    }

    #[test]
    fn resolving_names_every_concurrent_value() {
        check(
            &[
                create(1),
                set("s1", 5, "a", "text", "x", &[]),
                set("s2", 6, "b", "text", "y", &[]),
                set("s3", 7, "c", "text", "x and y", &["s1", "s2"]),
            ],
            "x and y",
            "strengths",
            false,
            &["x and y"],
        );
    }

    #[test]
    fn fields_merge_independently_and_deletes_are_tombstones() {
        check(
            &[
                create(1),
                set("s1", 5, "a", "text", "edited", &[]),
                set("q1", 6, "b", "quadrant", "threats", &[]),
                op("d1", 7, "b", OpKind::Delete, "", json!(null), &[]),
            ],
            "edited",
            "threats",
            true,
            &["edited"],
        );
        let restored = [
            create(1),
            op("d1", 7, "b", OpKind::Delete, "", json!(null), &[]),
            op("r1", 9, "a", OpKind::Restore, "", json!(null), &[]),
        ];
        check(&restored, "first", "strengths", false, &[]);
    }

    #[test]
    fn edits_before_the_create_arrives_wait_for_it() {
        let early = [set("s1", 5, "b", "text", "edited", &[])];
        assert_eq!(merge_row(&early).row, None);
        check(
            &[early[0].clone(), create(1)],
            "edited",
            "strengths",
            false,
            &["edited"],
        );
    }

    #[test]
    fn provenance_names_the_creating_and_the_last_device() {
        let m = merge_row(&[create(1), set("s1", 5, "b", "text", "x", &[])]);
        assert_eq!(m.created.unwrap().1, "a");
        assert_eq!(m.last_changed.unwrap().1, "b");
        assert_eq!(
            m.row.unwrap()["updated_hlc"],
            json!(hlc(5, "b").to_string())
        );
    }

    /// Random histories of one card edited by several devices, each device seeing a random
    /// subset of the earlier edits of a field.
    fn history() -> impl Strategy<Value = Vec<Op>> {
        let edit = (
            0usize..4,
            0u64..50,
            0usize..3,
            prop::collection::vec(prop::bool::ANY, 0..12),
            0u8..4,
        );
        prop::collection::vec(edit, 0..12).prop_map(|edits| {
            let mut ops = vec![create(0)];
            let fields = ["text", "quadrant", "deleted"];
            for (i, (device, wall, field, sees, kind)) in edits.into_iter().enumerate() {
                let device = ["a", "b", "c", "d"][device];
                let id = format!("o{i:02}");
                let f = fields[field];
                let earlier: Vec<String> = ops
                    .iter()
                    .filter(|o| o.kind == OpKind::Set && o.field == f)
                    .zip(sees.iter().chain(std::iter::repeat(&false)))
                    .filter(|(_, s)| **s)
                    .map(|(o, _)| o.id.clone())
                    .collect();
                let o = match (f, kind) {
                    ("deleted", 0 | 1) => {
                        op(&id, wall, device, OpKind::Delete, "", json!(null), &[])
                    }
                    ("deleted", _) => op(&id, wall, device, OpKind::Restore, "", json!(null), &[]),
                    _ => Op {
                        prev: earlier,
                        ..op(
                            &id,
                            wall,
                            device,
                            OpKind::Set,
                            f,
                            json!(format!("{f} {i}")),
                            &[],
                        )
                    },
                };
                ops.push(o);
            }
            ops
        })
    }

    proptest! {
        #[test]
        fn order_and_duplicates_do_not_matter(ops in history(), seed in any::<u64>(), dup in 0usize..12) {
            let expected = merge_row(&ops);
            // A shuffled copy with some ops delivered twice.
            let mut other = ops.clone();
            let mut s = seed | 1;
            for i in (1..other.len()).rev() {
                s ^= s << 13; s ^= s >> 7; s ^= s << 17;
                other.swap(i, (s % (i as u64 + 1)) as usize);
            }
            let extra: Vec<Op> = other.iter().take(dup).cloned().collect();
            other.extend(extra);
            prop_assert_eq!(merge_row(&other), expected);
        }

        #[test]
        fn no_value_is_lost_unless_an_edit_replaced_it(ops in history()) {
            let m = merge_row(&ops);
            let replaced: BTreeSet<&str> = ops.iter().flat_map(|o| o.prev.iter().map(String::as_str)).collect();
            for o in ops.iter().filter(|o| o.kind == OpKind::Set && !replaced.contains(o.id.as_str())) {
                let heads = &m.fields[&o.field];
                prop_assert!(heads.iter().any(|h| h.op_id == o.id), "value of {} lost", o.id);
            }
        }
    }
}
