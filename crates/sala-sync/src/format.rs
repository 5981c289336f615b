//! The sync file, format version [`FORMAT`] (docs/sync-format.md):
//!
//! ```text
//! SALA-OPS\n
//! {"format":2,"workshop_id":…,"workshop_title":{…},"device_id":…,"seq":3,"op_count":2,
//!  "body_bytes":512,"sha256":"…"}\n
//! {one op as JSON}\n
//! {one op as JSON}\n
//! ```
//!
//! The header says how long the body is, and `sha256` is the SHA-256 of the header line written
//! with `sha256` empty, a newline, and the body — so a file cut short (torn) and a file damaged
//! anywhere, header included, are both told apart from a good one before anything is applied.

use sala_core::model::Bilingual;
use sala_core::op::Op;
use sala_core::{ErrorCode, SalaError};
use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};

/// The format this Sala writes and the newest it reads (3: survey forms and responses).
pub const FORMAT: u32 = 3;
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
}

/// The checksum of a file with `header` and `body`.
fn checksum(header: &Header, body: &[u8]) -> String {
    let mut unsigned = header.clone();
    unsigned.sha256 = String::new();
    let mut h = Sha256::new();
    h.update(serde_json::to_vec(&unsigned).unwrap_or_default());
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
    let mut body = Vec::with_capacity(ops.len() * 400);
    for op in ops {
        // An op always serialises (strings, numbers and JSON values only).
        if let Ok(line) = serde_json::to_vec(op) {
            body.extend_from_slice(&line);
            body.push(b'\n');
        }
    }
    let mut header = Header {
        format: FORMAT,
        workshop_id: workshop_id.to_owned(),
        workshop_title: workshop_title.clone(),
        device_id: device_id.to_owned(),
        seq,
        op_count: ops.len() as u64,
        body_bytes: body.len() as u64,
        sha256: String::new(),
    };
    header.sha256 = checksum(&header, &body);
    let mut out = Vec::with_capacity(body.len() + 512);
    out.extend_from_slice(MAGIC.as_bytes());
    out.push(b'\n');
    out.extend_from_slice(&serde_json::to_vec(&header).unwrap_or_default());
    out.push(b'\n');
    out.extend_from_slice(&body);
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
/// errors. With `expect`, a file of another workshop is refused.
pub fn decode(
    file: &str,
    bytes: &[u8],
    expect: Option<Expect<'_>>,
) -> Result<(Header, Vec<Op>), SalaError> {
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
    if let Some(expect) = expect {
        if header.workshop_id != expect.workshop_id {
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
    let mut ops = Vec::with_capacity(usize::try_from(header.op_count).unwrap_or(0).min(1 << 20));
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
    if ops.len() as u64 != header.op_count {
        return Err(corrupt(
            file,
            format!("{} ops, the header says {}", ops.len(), header.op_count),
        ));
    }
    Ok((header, ops))
}
