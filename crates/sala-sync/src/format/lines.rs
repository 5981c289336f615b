//! The body of an op file: one op per line, as JSON.
//!
//! - Formats 2–4: each line is a whole [`Op`].
//! - Format 5: the lines are compressed together with zstd (before any encryption), and each
//!   line leaves out what the file or the op already says — the op's `workshop_id` (the file's),
//!   its `device` when it is the file's, and in a `create` the row's `id`, `workshop_id`,
//!   `device_id`, `created_hlc`, `updated_hlc` and `deleted: false` when they are the op's own.
//!   `implied` (a bit per left-out row field, [`IMPLIED`]) says which to put back, so a reader
//!   gets exactly the op that was written: the merge sees the same rows as from a format-4 file.
//!
//! The body's size once decompressed is in the header (`plain_bytes`); a reader never makes
//! more than that, nor more than the limit for the file's kind, so a compression bomb costs
//! nothing but the bytes read.

use std::borrow::Cow;
use std::io::Read;

use sala_core::hlc::Hlc;
use sala_core::op::{Entity, Op, OpKind};
use serde::{Deserialize, Serialize};
use serde_json::Value;

/// The compression of a format-5 body.
pub const ZSTD: &str = "zstd";
/// zstd's level: 3 (its default) — measured ~20× smaller on op files at ~300 MB/s.
const LEVEL: i32 = 3;

/// A `create`'s row fields a format-5 line may leave out, each with its bit in `implied`, in
/// the order they are put back.
pub const IMPLIED: [(&str, u8); 6] = [
    ("id", 1),
    ("workshop_id", 2),
    ("device_id", 4),
    ("created_hlc", 8),
    ("updated_hlc", 16),
    ("deleted", 32),
];
const ALL_IMPLIED: u8 = 63;

/// What a left-out row field was: what the op itself says.
fn implied_value(op: &Op, hlc: &str, field: &str) -> Value {
    match field {
        "id" => Value::String(op.entity_id.clone()),
        "workshop_id" => Value::String(op.workshop_id.clone()),
        "device_id" => Value::String(op.device.clone()),
        "created_hlc" | "updated_hlc" => Value::String(hlc.to_owned()),
        _ => Value::Bool(false),
    }
}

fn is_zero(n: &u8) -> bool {
    *n == 0
}

/// A format-5 line as written.
#[derive(Serialize)]
struct LineOut<'a> {
    id: &'a str,
    hlc: &'a Hlc,
    #[serde(skip_serializing_if = "Option::is_none")]
    device: Option<&'a str>,
    entity: Entity,
    entity_id: &'a str,
    kind: OpKind,
    #[serde(skip_serializing_if = "str::is_empty")]
    field: &'a str,
    #[serde(skip_serializing_if = "Value::is_null")]
    value: Cow<'a, Value>,
    #[serde(skip_serializing_if = "<[String]>::is_empty")]
    prev: &'a [String],
    #[serde(skip_serializing_if = "Option::is_none")]
    text_update: Option<&'a str>,
    #[serde(skip_serializing_if = "is_zero")]
    implied: u8,
}

/// A format-5 line as read (a field a newer Sala adds is ignored: the format number says
/// when one must not be).
#[derive(Deserialize)]
struct LineIn {
    id: String,
    hlc: Hlc,
    #[serde(default)]
    device: Option<String>,
    entity: Entity,
    entity_id: String,
    kind: OpKind,
    #[serde(default)]
    field: String,
    #[serde(default)]
    value: Value,
    #[serde(default)]
    prev: Vec<String>,
    #[serde(default)]
    text_update: Option<String>,
    #[serde(default)]
    implied: u8,
}

/// `op` as a format-5 line, in a file of `device`.
fn compact<'a>(op: &'a Op, device: &str) -> LineOut<'a> {
    let mut implied = 0;
    let value = match (&op.value, op.kind) {
        (Value::Object(row), OpKind::Create) => {
            let hlc = op.hlc.to_string();
            let mut row = row.clone();
            for (field, bit) in IMPLIED {
                if row
                    .get(field)
                    .is_some_and(|v| *v == implied_value(op, &hlc, field))
                {
                    row.shift_remove(field);
                    implied |= bit;
                }
            }
            Cow::Owned(Value::Object(row))
        }
        (value, _) => Cow::Borrowed(value),
    };
    LineOut {
        id: &op.id,
        hlc: &op.hlc,
        device: (op.device != device).then_some(op.device.as_str()),
        entity: op.entity,
        entity_id: &op.entity_id,
        kind: op.kind,
        field: &op.field,
        value,
        prev: &op.prev,
        text_update: op.text_update.as_deref(),
        implied,
    }
}

/// The op a format-5 line says, in a file of `workshop_id` and `device`; `Err` names what is
/// wrong with the line.
fn expand(line: LineIn, workshop_id: &str, device: &str) -> Result<Op, String> {
    let mut op = Op {
        id: line.id,
        hlc: line.hlc,
        device: line.device.unwrap_or_else(|| device.to_owned()),
        workshop_id: workshop_id.to_owned(),
        entity: line.entity,
        entity_id: line.entity_id,
        kind: line.kind,
        field: line.field,
        value: line.value,
        prev: line.prev,
        text_update: line.text_update,
    };
    if line.implied == 0 {
        return Ok(op);
    }
    if line.implied & !ALL_IMPLIED != 0 {
        return Err(format!("implied {} names unknown fields", line.implied));
    }
    let hlc = op.hlc.to_string();
    let put_back: Vec<(&str, Value)> = IMPLIED
        .iter()
        .filter(|(_, bit)| line.implied & bit != 0)
        .map(|(field, _)| (*field, implied_value(&op, &hlc, field)))
        .collect();
    let (OpKind::Create, Value::Object(row)) = (op.kind, &mut op.value) else {
        return Err("implied fields on an op that is not a row's creation".into());
    };
    // The row's own fields first, where a row's struct has them; the others after.
    let mut front = 0;
    for (field, value) in put_back {
        if row.contains_key(field) {
            return Err(format!("{field} both implied and written"));
        }
        if matches!(field, "id" | "workshop_id") {
            row.shift_insert(front, field.to_owned(), value);
            front += 1;
        } else {
            row.insert(field.to_owned(), value);
        }
    }
    Ok(op)
}

/// The lines of format 5 for a file of `device`, uncompressed.
pub fn compact_lines(ops: &[Op], device: &str) -> Vec<u8> {
    let mut body = Vec::with_capacity(ops.len() * 200);
    for op in ops {
        if serde_json::to_writer(&mut body, &compact(op, device)).is_ok() {
            body.push(b'\n');
        }
    }
    body
}

/// `plain` compressed; `None` in the one case zstd fails on a buffer in memory (no memory for
/// its context) — the writer then writes the lines uncompressed, never a body it cannot read.
pub fn compress(plain: &[u8]) -> Option<Vec<u8>> {
    zstd::bulk::compress(plain, LEVEL).ok()
}

/// A compressed body, decompressed to exactly `plain_bytes` (at most `limit`); `Err` says why
/// not (damaged, or saying more or less than the header).
pub fn decompress(body: &[u8], plain_bytes: u64, limit: u64) -> Result<Vec<u8>, String> {
    if plain_bytes > limit {
        return Err(format!(
            "says it holds {plain_bytes} bytes, more than a sync file may ({limit})"
        ));
    }
    let mut decoder = zstd::stream::read::Decoder::new(body).map_err(|e| e.to_string())?;
    // Grows with what the stream really holds; never past what the header said (plus one
    // byte, to tell "more" apart).
    let mut out = Vec::with_capacity(usize::try_from(plain_bytes.min(1 << 20)).unwrap_or(0));
    (&mut decoder)
        .take(plain_bytes + 1)
        .read_to_end(&mut out)
        .map_err(|e| format!("compressed body: {e}"))?;
    if out.len() as u64 > plain_bytes {
        return Err(format!(
            "compressed body holds more than the {plain_bytes} bytes its header says"
        ));
    }
    if (out.len() as u64) < plain_bytes {
        return Err(format!(
            "compressed body holds {} bytes, its header says {plain_bytes}",
            out.len()
        ));
    }
    Ok(out)
}

/// The ops of a decompressed format-5 body, each checked to parse; `Err((line, detail))`.
pub fn parse_compact(
    body: &[u8],
    workshop_id: &str,
    device: &str,
    capacity: usize,
) -> Result<Vec<Op>, (usize, String)> {
    let mut ops = Vec::with_capacity(capacity);
    for (i, line) in body.split(|&b| b == b'\n').enumerate() {
        if line.is_empty() {
            continue;
        }
        let read: LineIn = serde_json::from_slice(line).map_err(|e| (i + 1, e.to_string()))?;
        ops.push(expand(read, workshop_id, device).map_err(|e| (i + 1, e))?);
    }
    Ok(ops)
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used)]

    use super::*;
    use serde_json::json;

    const W: &str = "01a24812-0a8f-732a-a1cb-30ef10e63812";
    const D: &str = "01a24812-0a8c-7091-a9ab-ea02090b4efd";
    const OTHER: &str = "01a24812-0bd0-7787-a302-42cb81a6baa8";

    fn op(kind: OpKind, device: &str, value: Value) -> Op {
        Op {
            id: "01a24812-1111-7000-8000-000000000001".into(),
            hlc: Hlc {
                wall_ms: 1_796_499_830_971,
                counter: 2,
                device: device.into(),
            },
            device: device.into(),
            workshop_id: W.into(),
            entity: Entity::Note,
            entity_id: "01a24812-2222-7000-8000-000000000002".into(),
            kind,
            field: if kind == OpKind::Set {
                "text".into()
            } else {
                String::new()
            },
            value,
            prev: vec![],
            text_update: None,
        }
    }

    fn round_trip(op: &Op) -> (String, Op) {
        let line = compact_lines(std::slice::from_ref(op), D);
        let back = parse_compact(&line, W, D, 1).unwrap();
        (
            String::from_utf8(line).unwrap(),
            back.into_iter().next().unwrap(),
        )
    }

    /// What a line leaves out, and that reading it gives the op written.
    fn check(op: Op, left_out: &[&str], kept: &[&str]) {
        let (line, back) = round_trip(&op);
        assert_eq!(back, op, "{line}");
        let written: Value = serde_json::from_str(line.trim_end()).unwrap();
        for key in left_out {
            let at_row = written.get("value").and_then(|v| v.get(key));
            assert!(
                written.get(key).is_none() && at_row.is_none(),
                "{key} still in {line}"
            );
        }
        for key in kept {
            let at_row = written.get("value").and_then(|v| v.get(key));
            assert!(
                written.get(key).is_some() || at_row.is_some(),
                "{key} lost from {line}"
            );
        }
    }

    fn row(device: &str, hlc: &str, deleted: bool) -> Value {
        json!({"id": "01a24812-2222-7000-8000-000000000002", "workshop_id": W,
               "group_id": "g", "text": "ກົດໝາຍ", "device_id": device,
               "created_hlc": hlc, "updated_hlc": hlc, "deleted": deleted})
    }

    #[test]
    fn a_creation_leaves_out_what_the_op_says_and_reads_back_whole() {
        let hlc = format!("001796499830971-0000000002-{D}");
        check(
            op(OpKind::Create, D, row(D, &hlc, false)),
            &[
                "workshop_id",
                "device",
                "device_id",
                "created_hlc",
                "updated_hlc",
                "deleted",
            ],
            &["group_id", "text", "implied"],
        );
        // Put back in the row's own order: id and workshop_id first.
        let (_, back) = round_trip(&op(OpKind::Create, D, row(D, &hlc, false)));
        let keys: Vec<&String> = back.value.as_object().unwrap().keys().collect();
        assert_eq!(keys[..2], ["id", "workshop_id"]);
    }

    #[test]
    fn what_differs_from_the_op_is_kept() {
        let hlc = format!("001796499830971-0000000002-{D}");
        // Another device's op in this file (an export), a row made deleted, an older hlc.
        check(
            op(
                OpKind::Create,
                OTHER,
                row(D, "001796499830000-0000000000-x", true),
            ),
            &["workshop_id"],
            &[
                "device",
                "device_id",
                "created_hlc",
                "updated_hlc",
                "deleted",
            ],
        );
        // A row without some of the fields: nothing is invented for it.
        let bare = json!({"id": "01a24812-2222-7000-8000-000000000002", "voter": "Noy"});
        let (_, back) = round_trip(&op(OpKind::Create, D, bare.clone()));
        assert_eq!(back.value, bare);
        // A set whose value happens to look like a row keeps it whole.
        check(
            op(OpKind::Set, D, row(D, &hlc, false)),
            &["device"],
            &["value", "field"],
        );
        check(
            op(OpKind::Delete, D, Value::Null),
            &["value", "field", "implied"],
            &["kind"],
        );
    }

    #[test]
    fn a_line_claiming_what_cannot_be_is_refused() {
        let cases = [
            (r#"{"implied":64}"#, "unknown fields"),
            (
                r#"{"implied":1,"kind":"set","field":"text","value":{}}"#,
                "not a row's creation",
            ),
            (
                r#"{"implied":1,"value":{"id":"x"}}"#,
                "both implied and written",
            ),
            (r#"{"implied":1,"value":"text"}"#, "not a row's creation"),
        ];
        for (extra, said) in cases {
            let mut line: Value = serde_json::from_str(
                r#"{"id":"i","hlc":"001796499830971-0000000002-d","entity":"note","entity_id":"e","kind":"create","value":{}}"#,
            )
            .unwrap();
            for (k, v) in serde_json::from_str::<serde_json::Map<String, Value>>(extra).unwrap() {
                line[k] = v;
            }
            let e = parse_compact(line.to_string().as_bytes(), W, D, 1).unwrap_err();
            assert!(e.1.contains(said), "{extra}: {}", e.1);
        }
    }

    #[test]
    fn a_bomb_or_a_lie_about_size_is_refused_without_making_it() {
        let plain = vec![b'{'; 4 << 20];
        let packed = compress(&plain).unwrap();
        assert!(packed.len() < 4096, "{}", packed.len());
        assert_eq!(
            decompress(&packed, plain.len() as u64, 64 << 20).unwrap(),
            plain
        );
        // Saying less than the stream holds: stopped one byte past what was said.
        let e = decompress(&packed, 1000, 64 << 20).unwrap_err();
        assert!(e.contains("more than"), "{e}");
        let e = decompress(&packed, 5 << 20, 64 << 20).unwrap_err();
        assert!(e.contains("its header says"), "{e}");
        let e = decompress(&packed, plain.len() as u64, 1 << 20).unwrap_err();
        assert!(e.contains("more than a sync file may"), "{e}");
        assert!(decompress(b"not zstd at all", 10, 100).is_err());
    }
}
