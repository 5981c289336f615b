//! The sync file, format version [`FORMAT`] (docs/sync-format.md):
//!
//! ```text
//! SALA-OPS\n
//! {"format":7,"workshop_id":…,"workshop_title":{…},"device_id":…,"seq":3,"op_count":2,
//!  "body_bytes":512,"sha256":"…","compression":"zstd","plain_bytes":1900}\n
//! the body: one op per line, compressed (formats 2–4: one whole op per line, as JSON)
//! ```
//!
//! The header says how long the body is, and `sha256` is the SHA-256 of the header line written
//! with `sha256` empty, a newline, and the body — so a file cut short (torn) and a file damaged
//! anywhere, header included, are both told apart from a good one before anything is applied.
//! The lines themselves are [`lines`].

use std::borrow::Cow;

use sala_core::model::Bilingual;
use sala_core::op::Op;
use sala_core::{ErrorCode, SalaError};
use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};

use crate::folder::{MAX_EXPORT_FILE, MAX_SYNC_FILE};
use crate::key::{Key, KeyError};

pub mod lines;

/// The newest format this Sala reads, and the one it writes (7: as 6, with pictures kept with
/// the groups' work, `picture`, whose files travel beside the ops — `crate::pictures`). It reads
/// every format since 2: 3 added survey forms and responses, 4 a body encrypted with the
/// workshop's key, 5 the body compressed, each op without what the file already says, 6
/// participants' ideas from the room (`idea`, a note's `idea_id`).
pub const FORMAT: u32 = 7;
/// The first line of every sync file.
pub const MAGIC: &str = "SALA-OPS";

/// What a file says about itself.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Header {
    pub format: u32,
    pub workshop_id: String,
    /// So a file from another workshop can be refused by name.
    pub workshop_title: Bilingual,
    /// The device folder it belongs in.
    pub device_id: String,
    /// Its number in that folder; 0 for an exported file.
    pub seq: u64,
    pub op_count: u64,
    pub body_bytes: u64,
    /// Over the header (with this field empty), a newline, and the body.
    pub sha256: String,
    /// Format 4: the public half (`age1…`) of the workshop key the body is encrypted to. The
    /// body is then an age file holding a whole plain sync file with the same workshop,
    /// device and sequence number.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub key: Option<String>,
    /// Format 5: how the body is compressed (`zstd`), before any encryption.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub compression: Option<String>,
    /// Format 5, compressed: the body's size once decompressed (a reader never makes more).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub plain_bytes: Option<u64>,
}

/// The checksum of a file with `header` and `body` (not a secret: anyone can compute it; it
/// tells damage apart, age's authentication tells changes apart).
pub fn checksum(header: &Header, body: &[u8]) -> String {
    let mut unsigned = header.clone();
    unsigned.sha256 = String::new();
    sha256_of(&unsigned, body)
}

/// The SHA-256 (hex) of `unsigned` as JSON, a newline, and `body`: the checksum of Sala's
/// files (op files and snapshots), computed with the header's own checksum field empty.
pub fn sha256_of(unsigned: &impl Serialize, body: &[u8]) -> String {
    let mut h = Sha256::new();
    h.update(serde_json::to_vec(unsigned).unwrap_or_default());
    h.update(b"\n");
    h.update(body);
    h.finalize().iter().map(|b| format!("{b:02x}")).collect()
}

/// A sync file holding `ops`.
pub fn encode(
    workshop_id: &str,
    workshop_title: &Bilingual,
    device_id: &str,
    seq: u64,
    ops: &[Op],
) -> (Header, Vec<u8>) {
    let plain = lines::compact_lines(ops, device_id);
    let (body, compression, plain_bytes) = match lines::compress(&plain) {
        Some(packed) => (
            packed,
            Some(lines::ZSTD.to_owned()),
            Some(plain.len() as u64),
        ),
        None => (plain, None, None),
    };
    let mut header = Header {
        format: FORMAT,
        workshop_id: workshop_id.to_owned(),
        workshop_title: workshop_title.clone(),
        device_id: device_id.to_owned(),
        seq,
        op_count: ops.len() as u64,
        body_bytes: body.len() as u64,
        sha256: String::new(),
        key: None,
        compression,
        plain_bytes,
    };
    header.sha256 = checksum(&header, &body);
    let out = assemble(&header, &body);
    (header, out)
}

fn assemble(header: &Header, body: &[u8]) -> Vec<u8> {
    let mut out = Vec::with_capacity(body.len() + 512);
    out.extend_from_slice(MAGIC.as_bytes());
    out.push(b'\n');
    out.extend_from_slice(&serde_json::to_vec(header).unwrap_or_default());
    out.push(b'\n');
    out.extend_from_slice(body);
    out
}

/// A sync file holding `ops`, encrypted with `key` when there is one (its body a whole
/// compressed file, encrypted), else plain.
pub fn encode_for(
    key: Option<&Key>,
    workshop_id: &str,
    workshop_title: &Bilingual,
    device_id: &str,
    seq: u64,
    ops: &[Op],
) -> (Header, Vec<u8>) {
    let (plain_header, plain) = encode(workshop_id, workshop_title, device_id, seq, ops);
    let Some(key) = key else {
        return (plain_header, plain);
    };
    let body = key.encrypt(&plain);
    let mut header = Header {
        body_bytes: body.len() as u64,
        sha256: String::new(),
        key: Some(key.public()),
        compression: None,
        plain_bytes: None,
        ..plain_header
    };
    header.sha256 = checksum(&header, &body);
    let out = assemble(&header, &body);
    (header, out)
}

/// The header of a file from its first bytes (`None` when they hold no complete header) —
/// enough to see whether a file is the one recorded, without reading or checking its body.
pub fn header_of(prefix: &[u8]) -> Option<Header> {
    let rest = prefix.strip_prefix(MAGIC.as_bytes())?.strip_prefix(b"\n")?;
    let end = rest.iter().position(|&b| b == b'\n')?;
    serde_json::from_slice(&rest[..end]).ok()
}

/// Which workshop a file must belong to.
#[derive(Debug, Clone, Copy)]
pub struct Expect<'a> {
    pub workshop_id: &'a str,
    pub workshop_title: &'a Bilingual,
}

fn corrupt(file: &str, detail: impl ToString) -> SalaError {
    SalaError::new(ErrorCode::SyncFileCorrupt)
        .with("file", file)
        .with("detail", detail)
}

fn torn(file: &str, have: usize, need: impl ToString) -> SalaError {
    SalaError::new(ErrorCode::SyncFileTorn)
        .with("file", file)
        .with("have", have)
        .with("need", need)
}

/// Reads a sync file, checking everything before returning a single op. `file` names it in
/// errors. With `expect`, a file of another workshop is refused. With `key` (the workshop has
/// one), only files encrypted with it are read; without, an encrypted file is refused as
/// needing the key. The header returned is the file's own (with `key` when encrypted).
pub fn decode(
    file: &str,
    bytes: &[u8],
    expect: Option<Expect<'_>>,
    key: Option<&Key>,
) -> Result<(Header, Vec<Op>), SalaError> {
    let (header, body) = checked(file, bytes, expect)?;
    match (&header.key, key) {
        (None, None) => {
            let ops = ops_of(file, &header, body)?;
            Ok((header, ops))
        }
        (Some(_), None) => Err(SalaError::new(ErrorCode::SyncNeedsKey).with("file", file)),
        (None, Some(_)) => Err(SalaError::new(ErrorCode::SyncNotEncrypted).with("file", file)),
        (Some(named), Some(key)) => {
            let ours = *named == key.public();
            let plain = key.decrypt(body).map_err(|e| match e {
                // The header names this laptop's key, yet the key does not open the file: its
                // encryption header was changed (the checksum recomputed), not another key.
                KeyError::WrongKey if ours => SalaError::new(ErrorCode::SyncFileTampered)
                    .with("file", file)
                    .with("detail", "its encryption header was changed"),
                KeyError::WrongKey => SalaError::new(ErrorCode::SyncWrongKey).with("file", file),
                other => SalaError::new(ErrorCode::SyncFileTampered)
                    .with("file", file)
                    .with("detail", other),
            })?;
            if !ours {
                // Opened with this laptop's key, yet the header names another: changed.
                return Err(SalaError::new(ErrorCode::SyncFileTampered)
                    .with("file", file)
                    .with("detail", "the header names another key"));
            }
            let (inner, inner_body) = checked(file, &plain, expect)?;
            let same = inner.key.is_none()
                && inner.workshop_id == header.workshop_id
                && inner.device_id == header.device_id
                && inner.seq == header.seq
                && inner.op_count == header.op_count;
            if !same {
                return Err(SalaError::new(ErrorCode::SyncFileTampered)
                    .with("file", file)
                    .with("detail", "the header does not match what is encrypted"));
            }
            let ops = ops_of(file, &inner, inner_body)?;
            Ok((header, ops))
        }
    }
}

/// The header of a whole, undamaged file (length, checksum and ids checked; the ops are not
/// read and an encrypted body is not opened).
pub fn checked_header(file: &str, bytes: &[u8]) -> Result<Header, SalaError> {
    checked(file, bytes, None).map(|(h, _)| h)
}

/// The header and body of a file whose length and checksum are right.
fn checked<'b>(
    file: &str,
    bytes: &'b [u8],
    expect: Option<Expect<'_>>,
) -> Result<(Header, &'b [u8]), SalaError> {
    let Some(magic_end) = bytes.iter().position(|&b| b == b'\n') else {
        // Nothing but (part of) the first line: still being written, or cut short.
        return if MAGIC.as_bytes().starts_with(bytes) {
            Err(torn(file, bytes.len(), "?"))
        } else {
            Err(corrupt(file, "not a Sala sync file"))
        };
    };
    if &bytes[..magic_end] != MAGIC.as_bytes() {
        return Err(corrupt(file, "not a Sala sync file"));
    }
    let rest = &bytes[magic_end + 1..];
    let Some(header_end) = rest.iter().position(|&b| b == b'\n') else {
        return Err(torn(file, bytes.len(), "?"));
    };
    let header_json: serde_json::Value = serde_json::from_slice(&rest[..header_end])
        .map_err(|e| corrupt(file, format!("header: {e}")))?;
    // The version first: a newer Sala's header may not parse as this one's.
    let format = header_json
        .get("format")
        .and_then(serde_json::Value::as_u64);
    match format {
        Some(f) if f > u64::from(FORMAT) => {
            return Err(SalaError::new(ErrorCode::SyncFutureFormat)
                .with("file", file)
                .with("found", f)
                .with("known", FORMAT));
        }
        Some(_) => {}
        None => return Err(corrupt(file, "header has no format version")),
    }
    let header: Header =
        serde_json::from_value(header_json).map_err(|e| corrupt(file, format!("header: {e}")))?;
    // These ids become folder names: a file naming `../../outside` is damage, not a workshop.
    if !crate::names::is_id(&header.workshop_id) {
        return Err(corrupt(file, "header: workshop_id is not a UUID"));
    }
    if !crate::names::is_id(&header.device_id) {
        return Err(corrupt(file, "header: device_id is not a UUID"));
    }
    if let Some(expect) = expect
        && header.workshop_id != expect.workshop_id
    {
        let other = if header.workshop_title.en.is_empty() {
            &header.workshop_title.lo
        } else {
            &header.workshop_title.en
        };
        let this = if expect.workshop_title.en.is_empty() {
            &expect.workshop_title.lo
        } else {
            &expect.workshop_title.en
        };
        return Err(SalaError::new(ErrorCode::SyncOtherWorkshop)
            .with("file", file)
            .with("other", other)
            .with("workshop", this));
    }
    let body = &rest[header_end + 1..];
    let need = usize::try_from(header.body_bytes).unwrap_or(usize::MAX);
    if body.len() < need {
        return Err(torn(file, bytes.len(), bytes.len() - body.len() + need));
    }
    if body.len() > need {
        return Err(corrupt(file, "longer than its header says"));
    }
    if checksum(&header, body) != header.sha256 {
        return Err(corrupt(file, "checksum does not match"));
    }
    Ok((header, body))
}

/// The most a file's body may hold once decompressed: what the largest file of its kind may
/// (an exported file, numbered 0, holds a whole workshop).
fn plain_limit(header: &Header) -> u64 {
    if header.seq == 0 {
        MAX_EXPORT_FILE
    } else {
        MAX_SYNC_FILE
    }
}

/// The ops of a plain file's checked body.
fn ops_of(file: &str, header: &Header, body: &[u8]) -> Result<Vec<Op>, SalaError> {
    if header.format < 5 {
        if header.compression.is_some() {
            return Err(corrupt(file, "a compressed body in a format before 5"));
        }
        return whole_ops(file, header, body);
    }
    let plain = match (header.compression.as_deref(), header.plain_bytes) {
        (Some(lines::ZSTD), Some(size)) => Cow::Owned(
            lines::decompress(body, size, plain_limit(header)).map_err(|e| corrupt(file, e))?,
        ),
        (Some(lines::ZSTD), None) => return Err(corrupt(file, "header: no plain_bytes")),
        (Some(other), _) => return Err(corrupt(file, format!("unknown compression {other}"))),
        (None, _) => Cow::Borrowed(body),
    };
    let ops = lines::parse_compact(
        &plain,
        &header.workshop_id,
        &header.device_id,
        capacity(header, plain.len()),
    )
    .map_err(|(line, e)| corrupt(file, format!("op {line}: {e}")))?;
    counted(file, header, ops)
}

/// Room for what the header claims, but never more than the body could hold (an op is well
/// over fifty bytes): a header claiming a billion ops reserves nothing absurd.
fn capacity(header: &Header, body_len: usize) -> usize {
    usize::try_from(header.op_count)
        .unwrap_or(0)
        .min(body_len / 50 + 1)
}

fn counted(file: &str, header: &Header, ops: Vec<Op>) -> Result<Vec<Op>, SalaError> {
    if ops.len() as u64 != header.op_count {
        return Err(corrupt(
            file,
            format!("{} ops, the header says {}", ops.len(), header.op_count),
        ));
    }
    Ok(ops)
}

/// The ops of a body of formats 2–4: one whole op per line.
fn whole_ops(file: &str, header: &Header, body: &[u8]) -> Result<Vec<Op>, SalaError> {
    let mut ops = Vec::with_capacity(capacity(header, body.len()));
    for (i, line) in body.split(|&b| b == b'\n').enumerate() {
        if line.is_empty() {
            continue;
        }
        let op: Op = serde_json::from_slice(line)
            .map_err(|e| corrupt(file, format!("op {}: {e}", i + 1)))?;
        if op.workshop_id != header.workshop_id {
            return Err(corrupt(
                file,
                format!("op {} belongs to another workshop", i + 1),
            ));
        }
        ops.push(op);
    }
    counted(file, header, ops)
}
