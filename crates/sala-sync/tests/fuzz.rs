//! A bounded fuzz run (proptest) of what a shared folder hands Sala: the sync-file reader and
//! its header on random bytes and on real files changed anywhere, and received ops of every
//! shape through a real store. Whatever comes in: an answer (ops or a refusal), never a panic,
//! and a store that stays whole and applies nothing it refused.

#![allow(clippy::unwrap_used, clippy::expect_used)]

use proptest::prelude::*;
use sala_core::ErrorCode;
use sala_core::hlc::Hlc;
use sala_core::op::{Entity, Op, OpKind, new_id};
use sala_sync::{format, transfer};
use serde_json::json;

mod laptops;
use laptops::{NOW, laptop, note_at};

/// A real exported file of the demo workshop with one Lao note.
fn real_file() -> Vec<u8> {
    let mut a = laptop("a");
    a.store.ensure_demo().unwrap();
    note_at(&mut a, "A", 1, "ການແບ່ງປັນຂໍ້ມູນ");
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("export.sala-ops");
    transfer::export(&a.store, &file).unwrap();
    std::fs::read(file).unwrap()
}

fn edited(base: Vec<u8>) -> impl Strategy<Value = Vec<u8>> {
    let len = base.len();
    (
        proptest::collection::vec((0..len, any::<u8>()), 0..8),
        0..=len,
    )
        .prop_map(move |(edits, cut)| {
            let mut b = base.clone();
            for (at, byte) in edits {
                b[at] = byte;
            }
            b.truncate(cut);
            b
        })
}

fn decoded(bytes: &[u8]) {
    let _ = format::header_of(bytes);
    let _ = format::checked_header("f", bytes);
    if let Err(e) = format::decode("f", bytes, None, None) {
        assert!(
            matches!(
                e.code,
                ErrorCode::SyncFileCorrupt
                    | ErrorCode::SyncFileTorn
                    | ErrorCode::SyncFutureFormat
                    | ErrorCode::SyncNeedsKey
            ),
            "{e:?}"
        );
    }
}

/// An id: a real one, or something that is not.
fn an_id() -> impl Strategy<Value = String> {
    prop_oneof![
        4 => Just(()).prop_map(|()| new_id()),
        1 => Just("../../outside".to_owned()),
        1 => "[a-z0-9./-]{0,40}",
    ]
}

fn a_value() -> impl Strategy<Value = serde_json::Value> {
    let leaf = prop_oneof![
        Just(json!(null)),
        any::<bool>().prop_map(|b| json!(b)),
        any::<i64>().prop_map(|n| json!(n)),
        "\\PC{0,20}".prop_map(|s| json!(s)),
    ];
    leaf.prop_recursive(4, 24, 4, |inner| {
        prop_oneof![
            proptest::collection::vec(inner.clone(), 0..4).prop_map(serde_json::Value::Array),
            proptest::collection::btree_map(
                prop_oneof![
                    Just("id".to_owned()),
                    Just("workshop_id".to_owned()),
                    Just("text".to_owned()),
                    Just("name".to_owned()),
                    "[a-z_]{1,12}"
                ],
                inner,
                0..5
            )
            .prop_map(|m| serde_json::Value::Object(m.into_iter().collect())),
        ]
    })
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 256, ..ProptestConfig::default() })]

    #[test]
    fn random_bytes_are_read_or_refused(bytes in proptest::collection::vec(any::<u8>(), 0..1024)) {
        decoded(&bytes);
        let mut with_magic = b"SALA-OPS\n".to_vec();
        with_magic.extend_from_slice(&bytes);
        decoded(&with_magic);
    }

    #[test]
    fn a_real_file_changed_anywhere_is_read_or_refused(bytes in edited(real_file())) {
        decoded(&bytes);
    }
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 64, ..ProptestConfig::default() })]

    #[test]
    fn received_ops_of_any_shape_are_applied_or_refused_whole(
        ops in proptest::collection::vec(
            (
                prop_oneof![Just(Entity::Note), Just(Entity::Group), Just(Entity::Workshop),
                            Just(Entity::SwotVote), Just(Entity::Attendance)],
                prop_oneof![Just(OpKind::Create), Just(OpKind::Set), Just(OpKind::Delete)],
                an_id(),
                prop_oneof![Just(String::new()), Just("text".to_owned()), Just("name".to_owned()),
                            "[a-z_]{1,10}"],
                a_value(),
                (0u64..5_000_000_000_000, any::<u32>()),
                proptest::option::of("[A-Za-z0-9+/]{0,24}"),
            ),
            1..6,
        )
    ) {
        let mut l = laptop("f");
        l.store.ensure_demo().unwrap();
        let workshop = l.store.current_workshop().unwrap().id;
        let before = l.store.dump().unwrap();
        let device = new_id();
        let ops: Vec<Op> = ops
            .into_iter()
            .map(|(entity, kind, entity_id, field, value, (wall_ms, counter), text_update)| Op {
                id: new_id(),
                hlc: Hlc { wall_ms, counter, device: device.clone() },
                device: device.clone(),
                workshop_id: workshop.clone(),
                entity,
                entity_id,
                kind,
                field,
                value,
                prev: Vec::new(),
                text_update,
            })
            .collect();
        match l.store.ingest(&ops, NOW, |_| Ok(())) {
            Ok(_) => {}
            Err(_) => {
                // Refused whole: nothing of it is here.
                let after = l.store.dump().unwrap();
                prop_assert_eq!(after.op_count, before.op_count);
            }
        }
        prop_assert_eq!(l.store.integrity_check().unwrap(), "ok");
        // The store still takes an edit, and what it shows still reads.
        note_at(&mut l, "A", 1, "ຫຼັງຈາກນັ້ນ");
        l.store.dump().unwrap();
    }
}

/// An op as `device` makes it, of any kind; a creation's row holds, or not, each field a
/// format-5 line may leave out, with the op's own value or another.
fn any_op(workshop: String, device: String) -> impl Strategy<Value = Op> {
    let implied = proptest::collection::vec((0u8..3, any::<bool>()), 6);
    (
        prop_oneof![
            Just(Entity::Note),
            Just(Entity::SwotCard),
            Just(Entity::SwotVote)
        ],
        prop_oneof![
            Just(OpKind::Create),
            Just(OpKind::Set),
            Just(OpKind::Delete)
        ],
        any::<bool>(),
        a_value(),
        implied,
        (1u64..4_000_000_000_000, any::<u32>()),
        proptest::collection::vec(Just(()).prop_map(|()| new_id()), 0..3),
        proptest::option::of("[A-Za-z0-9+/]{0,24}"),
    )
        .prop_map(
            move |(entity, kind, own, value, implied, (wall_ms, counter), prev, text_update)| {
                let by = if own { device.clone() } else { new_id() };
                let hlc = Hlc {
                    wall_ms,
                    counter,
                    device: by.clone(),
                };
                let entity_id = new_id();
                let mut value = value;
                if kind == OpKind::Create {
                    let mut row = value.as_object().cloned().unwrap_or_default();
                    let fields = [
                        "id",
                        "workshop_id",
                        "device_id",
                        "created_hlc",
                        "updated_hlc",
                        "deleted",
                    ];
                    let own = [
                        json!(entity_id),
                        json!(workshop),
                        json!(by),
                        json!(hlc.to_string()),
                        json!(hlc.to_string()),
                        json!(false),
                    ];
                    for ((field, own), (how, _)) in fields.iter().zip(own).zip(&implied) {
                        match how {
                            0 => {}
                            1 => {
                                row.insert((*field).to_owned(), own);
                            }
                            _ => {
                                row.insert((*field).to_owned(), json!(true));
                            }
                        }
                    }
                    value = serde_json::Value::Object(row);
                }
                Op {
                    id: new_id(),
                    hlc,
                    device: by,
                    workshop_id: workshop.clone(),
                    entity,
                    entity_id,
                    kind,
                    field: if kind == OpKind::Set {
                        "text".into()
                    } else {
                        String::new()
                    },
                    value,
                    prev,
                    text_update,
                }
            },
        )
}

const WORKSHOP: &str = "01a24812-0a8f-732a-a1cb-30ef10e63812";
const DEVICE: &str = "01a24812-0a8c-7091-a9ab-ea02090b4efd";

fn title() -> sala_core::model::Bilingual {
    sala_core::model::Bilingual {
        en: "Workshop".into(),
        lo: "ກອງປະຊຸມ".into(),
    }
}

/// A file as a hostile writer would make it: any body, the header's sizes and checksum made to
/// match it, so nothing but the reader's own checks stand between it and the store.
/// `plain_bytes`: the body is compressed and says this; `None`: the lines as they are.
fn resealed(body: &[u8], plain_bytes: Option<u64>, op_count: u64) -> Vec<u8> {
    let mut header = format::Header {
        format: format::FORMAT,
        workshop_id: WORKSHOP.into(),
        workshop_title: title(),
        device_id: DEVICE.into(),
        seq: 1,
        op_count,
        body_bytes: body.len() as u64,
        sha256: String::new(),
        key: None,
        compression: plain_bytes.map(|_| format::lines::ZSTD.into()),
        plain_bytes,
    };
    header.sha256 = format::checksum(&header, body);
    let mut out = format!(
        "{}\n{}\n",
        format::MAGIC,
        serde_json::to_string(&header).unwrap()
    )
    .into_bytes();
    out.extend_from_slice(body);
    out
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 256, ..ProptestConfig::default() })]

    /// Format 5 leaves out what the op says, and reads back exactly the ops written.
    #[test]
    fn a_format5_file_reads_back_the_ops_written(
        ops in proptest::collection::vec(any_op(WORKSHOP.into(), DEVICE.into()), 1..12)
    ) {
        let (header, bytes) = format::encode(WORKSHOP, &title(), DEVICE, 1, &ops);
        prop_assert_eq!(header.format, format::FORMAT);
        let (_, back) = format::decode("f", &bytes, None, None).unwrap();
        prop_assert_eq!(&back, &ops);
        // Lines written uncompressed (what a writer does if compressing fails) read the same.
        let lines = format::lines::compact_lines(&ops, DEVICE);
        let (_, back) = format::decode("f", &resealed(&lines, None, ops.len() as u64), None, None).unwrap();
        prop_assert_eq!(back, ops);
    }

    /// A hostile writer's body — its lines changed anywhere, or its compressed bytes, the
    /// checksum made to match — is read or refused, never a panic or an unbounded buffer.
    #[test]
    fn a_format5_body_changed_anywhere_is_read_or_refused(
        ops in proptest::collection::vec(any_op(WORKSHOP.into(), DEVICE.into()), 1..6),
        line_edits in proptest::collection::vec((any::<prop::sample::Index>(), any::<u8>()), 0..6),
        packed_edits in proptest::collection::vec((any::<prop::sample::Index>(), any::<u8>()), 0..3),
        claimed in prop_oneof![Just(None), Just(Some(0u64)), Just(Some(u64::MAX)), (0u64..100_000).prop_map(Some)],
    ) {
        let mut plain = format::lines::compact_lines(&ops, DEVICE);
        for (at, byte) in line_edits {
            let i = at.index(plain.len());
            plain[i] = byte;
        }
        let mut packed = format::lines::compress(&plain).unwrap();
        for (at, byte) in packed_edits {
            let i = at.index(packed.len());
            packed[i] = byte;
        }
        let size = claimed.unwrap_or(plain.len() as u64);
        decoded(&resealed(&packed, Some(size), ops.len() as u64));
    }
}
