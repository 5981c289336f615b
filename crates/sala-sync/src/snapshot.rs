//! Snapshots in the shared folder (issue 19, decision 22): a joining laptop loads one instead
//! of replaying every op file.
//!
//! ```text
//! SALA-SNAPSHOT\n
//! {"format":1,"workshop_id":…,"device_id":…,"ops":300000,"files":150,"schema":31,"merge":1,
//!  "body_bytes":…,"sha256":"…","compression":"zstd","plain_bytes":…,"key":"age1…"}\n
//! the body: the snapshot database (`sala_store::sync::snapshot`), zstd-compressed, then
//! encrypted with the workshop's key when it has one
//! ```
//!
//! **Writing** ([`write_if_due`], at the end of a pass that changed something): a laptop
//! writes a snapshot into its own folder, named by how many ops it holds
//! (`snapshot-000000300000.sala-snap`), once it holds at least [`MIN_OPS`] ops and at least
//! twice as many as the largest snapshot in the folder, whoever wrote it — what was applied
//! since outweighs it. So snapshots are written at 20,000, 40,000, 80,000… ops, by whichever
//! laptop passes the mark first (a few may, at once), and all ever written add up to about
//! twice the last. Only when none of its own ops waits to go out. Its older snapshots are
//! removed after; nobody else's is ever touched.
//!
//! **Loading** ([`choose`]): a laptop joining a workshop it holds nothing of takes the
//! snapshot covering the most ops among those that pass every check — whole (length and
//! SHA-256), its format, schema and merge versions this Sala's, its key this laptop's, its
//! workshop and device the folder's, and every file it covers present in the folder with
//! the same checksum — then `sala_store` checks the database itself as it loads it. Any doubt
//! sets that snapshot aside (the next one, or the op files, are used): the op files stay the
//! truth, and a snapshot only saves replaying them.

use std::io::{Read, Write};
use std::path::{Path, PathBuf};

use sala_core::model::Workshop;
use sala_core::{ErrorCode, SalaError};
use sala_store::Store;
use sala_store::sync::snapshot::{self as stored, Info, MERGE_VERSION, SnapshotWriter};
use serde::{Deserialize, Serialize};

use crate::folder;
use crate::format;
use crate::key::Key;
use crate::names::{self, FileKind};

type Result<T> = std::result::Result<T, SalaError>;

/// The first line of every snapshot file.
pub const MAGIC: &str = "SALA-SNAPSHOT";
/// The snapshot file's format (its own numbering: the op files' is [`format::FORMAT`]).
pub const SNAPSHOT_FORMAT: u32 = 1;
/// A laptop writes no snapshot before it holds this many ops: below it, replaying the files
/// takes about a second.
pub const MIN_OPS: u64 = 20_000;
/// The largest snapshot file read (compressed), and the most its body may decompress to.
pub const MAX_SNAPSHOT_FILE: u64 = 1 << 30;
pub const MAX_SNAPSHOT_PLAIN: u64 = 16 << 30;

/// What a snapshot file says about itself.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SnapshotHeader {
    pub format: u32,
    pub workshop_id: String,
    pub device_id: String,
    pub ops: u64,
    pub files: u64,
    pub schema: i64,
    pub merge: u32,
    pub body_bytes: u64,
    /// Over the header (with this field empty), a newline, and the body.
    pub sha256: String,
    pub compression: String,
    pub plain_bytes: u64,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub key: Option<String>,
}

/// A snapshot's file name: by how many ops it holds.
pub fn snapshot_name(ops: u64) -> String {
    format!("snapshot-{ops:012}{}", names::SNAPSHOT_EXTENSION)
}

fn checksum(header: &SnapshotHeader, body: &[u8]) -> String {
    let mut unsigned = header.clone();
    unsigned.sha256 = String::new();
    format::sha256_of(&unsigned, body)
}

fn storage(e: impl std::fmt::Display) -> SalaError {
    SalaError::new(ErrorCode::Storage).with("detail", e.to_string())
}

/// A temporary file in `data_dir`, beside the database (personal data stays on this
/// laptop's own disk), removed when dropped.
fn scratch(data_dir: &Path) -> Result<tempfile::TempPath> {
    tempfile::Builder::new()
        .prefix(".snapshot-")
        .suffix(".tmp")
        .tempfile_in(data_dir)
        .map(tempfile::NamedTempFile::into_temp_path)
        .map_err(|e| SalaError::io(data_dir.display().to_string(), &e))
}

/// The ops count of each snapshot in device folder `dir`, with its name, most ops first.
fn snapshots_in(dir: &Path) -> Vec<(u64, String)> {
    let mut found: Vec<(u64, String)> = folder::names(dir)
        .unwrap_or_default()
        .into_iter()
        .filter_map(|n| match names::classify(&n) {
            FileKind::Snapshot(ops) => Some((ops, n)),
            _ => None,
        })
        .collect();
    found.sort_by(|a, b| b.cmp(a));
    found
}

/// Writes a snapshot of `workshop` into this laptop's folder `mine` when one is due (see the
/// module's docs); returns its name. Nothing is written while ops of this laptop wait to go out.
pub fn write_if_due(
    store: &Store,
    mine: &Path,
    workshop: &Workshop,
    key: Option<&Key>,
) -> Result<Option<String>> {
    pending(store, mine, workshop, key)?
        .map(Pending::write)
        .transpose()
}

/// A snapshot that is due, to be written with the store let go (the app's background task:
/// writing one takes seconds at 300,000 ops, and saves go on meanwhile).
#[derive(Debug)]
pub struct Pending {
    writer: SnapshotWriter,
    mine: PathBuf,
    workshop: Workshop,
    key: Option<Key>,
}

impl Pending {
    /// Writes it through a connection of its own; returns its name.
    pub fn write(self) -> Result<String> {
        write_with(&self.writer, &self.mine, &self.workshop, self.key.as_ref())
    }
}

/// The snapshot of `workshop` due in this laptop's folder `mine` (see [`write_if_due`]), if
/// one is: a count of the ops held and a look at the snapshots' headers, nothing written.
pub fn pending(
    store: &Store,
    mine: &Path,
    workshop: &Workshop,
    key: Option<&Key>,
) -> Result<Option<Pending>> {
    if store.waiting()? > 0 {
        return Ok(None);
    }
    let held = sala_store::log::ops::count_of_workshop(store.read(), &workshop.id)?;
    let largest = largest_in(mine.parent().unwrap_or(mine), &workshop.id);
    if !due(held, largest) {
        return Ok(None);
    }
    Ok(Some(prepare(store, mine, workshop, key)))
}

/// A snapshot of `workshop` for this laptop's folder `mine`, due or not, to be written later
/// ([`Pending::write`]; [`write_now`] writes it at once).
pub fn prepare(store: &Store, mine: &Path, workshop: &Workshop, key: Option<&Key>) -> Pending {
    Pending {
        writer: store.snapshot_writer(),
        mine: mine.to_path_buf(),
        workshop: workshop.clone(),
        key: key.cloned(),
    }
}

/// How many ops the largest snapshot in workshop folder `dir` holds, whoever wrote it, as its
/// header says: a name alone (`snapshot-999999999999…`) would stop every laptop writing one.
pub fn largest_in(dir: &Path, workshop_id: &str) -> u64 {
    folder::names(dir)
        .unwrap_or_default()
        .iter()
        .filter(|d| names::is_id(d))
        .filter_map(|d| {
            snapshots_in(&dir.join(d))
                .into_iter()
                .find(|(ops, name)| {
                    folder::read_prefix(&dir.join(d).join(name), crate::pass::HEADER_BYTES)
                        .and_then(|p| header_of(&p))
                        .is_some_and(|h| {
                            h.ops == *ops && h.workshop_id == workshop_id && h.device_id == *d
                        })
                })
                .map(|(ops, _)| ops)
        })
        .max()
        .unwrap_or(0)
}

/// Whether a laptop holding `held` ops writes a snapshot, the largest in the folder holding
/// `largest`: from [`MIN_OPS`] on, once it holds twice as many.
pub fn due(held: u64, largest: u64) -> bool {
    held >= MIN_OPS && held >= largest.saturating_mul(2)
}

/// Writes a snapshot of `workshop` into this laptop's folder `mine` now, and removes its older
/// ones; returns the new one's name.
pub fn write_now(
    store: &Store,
    mine: &Path,
    workshop: &Workshop,
    key: Option<&Key>,
) -> Result<String> {
    prepare(store, mine, workshop, key).write()
}

fn write_with(
    writer: &SnapshotWriter,
    mine: &Path,
    workshop: &Workshop,
    key: Option<&Key>,
) -> Result<String> {
    let db = scratch(writer.data_dir())?;
    std::fs::remove_file(&db).map_err(storage)?;
    let info = writer.write(&workshop.id, &db)?;
    let bytes = encode(&info, &db, key)?;
    drop(db);
    let name = snapshot_name(info.ops);
    folder::write_new(mine, &name, &bytes).map_err(|e| folder::folder_error(mine, &e))?;
    for (ops, old) in snapshots_in(mine) {
        if ops < info.ops {
            let _ = std::fs::remove_file(mine.join(old));
        }
    }
    Ok(name)
}

/// The snapshot file of the database at `db` (which says `info` of itself), compressed, and
/// encrypted with `key` when the workshop has one. The database is read as a stream: it is
/// many times the size of the file made of it (632 MB for 40 MB at 300,000 ops).
pub fn encode(info: &Info, db: &Path, key: Option<&Key>) -> Result<Vec<u8>> {
    let plain_bytes = std::fs::metadata(db).map_err(storage)?.len();
    let file = std::fs::File::open(db).map_err(storage)?;
    let compressed = zstd::stream::encode_all(std::io::BufReader::new(file), 3).map_err(storage)?;
    let body = match key {
        Some(k) => k.encrypt(&compressed),
        None => compressed,
    };
    let mut header = SnapshotHeader {
        format: SNAPSHOT_FORMAT,
        workshop_id: info.workshop_id.clone(),
        device_id: info.device.clone(),
        ops: info.ops,
        files: info.files.len() as u64,
        schema: info.schema,
        merge: info.merge,
        body_bytes: body.len() as u64,
        sha256: String::new(),
        compression: format::lines::ZSTD.to_owned(),
        plain_bytes,
        key: key.map(Key::public),
    };
    header.sha256 = checksum(&header, &body);
    let mut bytes = Vec::with_capacity(body.len() + 1024);
    bytes.extend_from_slice(MAGIC.as_bytes());
    bytes.push(b'\n');
    bytes.extend_from_slice(&serde_json::to_vec(&header).unwrap_or_default());
    bytes.push(b'\n');
    bytes.extend_from_slice(&body);
    Ok(bytes)
}

/// A snapshot chosen for loading: its database, unpacked beside this laptop's (removed when
/// dropped), and what it covers.
#[derive(Debug)]
pub struct Chosen {
    pub db: tempfile::TempPath,
    pub info: Info,
    /// `DEVICE/NAME` of the file it came from.
    pub file: String,
}

/// The snapshot a laptop joining workshop folder `dir` may load (see the module's docs), or
/// `None`: none there, or none passes every check. Each refused one is said in `refused`.
pub fn choose(
    store: &Store,
    dir: &Path,
    workshop_id: &str,
    key: Option<&Key>,
    refused: &mut Vec<(String, SalaError)>,
) -> Result<Option<Chosen>> {
    let own = store.device_id().to_owned();
    let mut candidates: Vec<(u64, String, String)> = Vec::new();
    for device in folder::names(dir).unwrap_or_default() {
        let path = dir.join(&device);
        if device == own || !names::is_id(&device) || !folder::is_real_dir(&path) {
            continue;
        }
        for (ops, name) in snapshots_in(&path) {
            candidates.push((ops, device.clone(), name));
        }
    }
    candidates.sort_by(|a, b| b.cmp(a));
    let schema = store.schema_version()?;
    for (_, device, name) in candidates {
        let shown = format!("{device}/{name}");
        match unpack(store, dir, &device, &name, workshop_id, schema, key) {
            Ok(chosen) => return Ok(Some(chosen)),
            Err(e) => refused.push((shown, e)),
        }
    }
    Ok(None)
}

/// One snapshot file checked and unpacked.
fn unpack(
    store: &Store,
    dir: &Path,
    device: &str,
    name: &str,
    workshop_id: &str,
    schema: i64,
    key: Option<&Key>,
) -> Result<Chosen> {
    let shown = format!("{device}/{name}");
    let corrupt = |detail: &str| {
        SalaError::new(ErrorCode::SyncFileCorrupt)
            .with("file", shown.as_str())
            .with("detail", detail)
    };
    let bytes = folder::read_regular(&dir.join(device).join(name), MAX_SNAPSHOT_FILE)
        .map_err(|u| u.error(dir, &shown, MAX_SNAPSHOT_FILE))?;
    let (header, body) = parse(&bytes).ok_or_else(|| corrupt("not a whole snapshot"))?;
    if header.format != SNAPSHOT_FORMAT
        || header.schema != schema
        || header.merge != MERGE_VERSION
        || header.compression != format::lines::ZSTD
    {
        return Err(corrupt("written by another version of Sala"));
    }
    if header.workshop_id != workshop_id || header.device_id != device {
        return Err(corrupt("of another workshop or device"));
    }
    if checksum(&header, body) != header.sha256 {
        return Err(corrupt("checksum does not match"));
    }
    let compressed: std::borrow::Cow<'_, [u8]> = match (&header.key, key) {
        (None, _) => body.into(),
        (Some(_), None) => {
            return Err(SalaError::new(ErrorCode::SyncNeedsKey).with("file", shown.as_str()));
        }
        (Some(named), Some(k)) if *named == k.public() => k
            .decrypt(body)
            .map_err(|_| corrupt("its encryption does not open"))?
            .into(),
        (Some(_), Some(_)) => {
            return Err(SalaError::new(ErrorCode::SyncWrongKey).with("file", shown.as_str()));
        }
    };
    if header.plain_bytes > MAX_SNAPSHOT_PLAIN {
        return Err(corrupt("larger than a snapshot may be"));
    }
    let db = scratch(store.path().parent().unwrap_or(Path::new(".")))?;
    {
        let mut out = std::fs::File::create(&db).map_err(storage)?;
        let mut decoder = zstd::stream::read::Decoder::new(&compressed[..])
            .map_err(|e| corrupt(&e.to_string()))?;
        let written = std::io::copy(&mut (&mut decoder).take(header.plain_bytes + 1), &mut out)
            .map_err(|e| corrupt(&e.to_string()))?;
        if written != header.plain_bytes {
            return Err(corrupt("holds another size than its header says"));
        }
        out.flush().map_err(storage)?;
    }
    let info = stored::read_info(&db).map_err(|_| corrupt("not a snapshot database"))?;
    if info.workshop_id != workshop_id || info.device != device || info.ops != header.ops {
        return Err(corrupt("says other things inside than outside"));
    }
    // Every file it covers is in the folder, the very one it covered.
    for f in &info.files {
        let path = dir.join(&f.device).join(&f.name);
        let same = names::is_id(&f.device)
            && f.device != store.device_id()
            && names::classify(&f.name) == FileKind::Ops(f.seq)
            && folder::read_prefix(&path, crate::pass::HEADER_BYTES)
                .and_then(|p| format::header_of(&p))
                .is_some_and(|h| h.sha256 == f.checksum);
        if !same {
            return Err(corrupt(&format!(
                "covers {}/{}, which the folder does not hold as it was",
                f.device, f.name
            )));
        }
    }
    Ok(Chosen {
        db,
        info,
        file: shown,
    })
}

/// The header of a snapshot file from its first bytes (`None`: no whole header there).
fn header_of(prefix: &[u8]) -> Option<SnapshotHeader> {
    let rest = prefix.strip_prefix(MAGIC.as_bytes())?.strip_prefix(b"\n")?;
    let end = rest.iter().position(|&b| b == b'\n')?;
    serde_json::from_slice(&rest[..end]).ok()
}

/// The header and body of a whole snapshot file (`None`: not one, or cut short).
fn parse(bytes: &[u8]) -> Option<(SnapshotHeader, &[u8])> {
    let header = header_of(bytes)?;
    let rest = bytes.strip_prefix(MAGIC.as_bytes())?.strip_prefix(b"\n")?;
    let end = rest.iter().position(|&b| b == b'\n')?;
    let body = &rest[end + 1..];
    (body.len() as u64 == header.body_bytes).then_some((header, body))
}
