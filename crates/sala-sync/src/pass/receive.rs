//! Receiving: the other laptops' files read, checked and applied in batches, a bad file set
//! aside with its reason and never stopping the others.

use super::*;

/// What a received file is read against.
pub(super) struct Ctx<'a> {
    pub(super) folder: &'a Path,
    pub(super) dir: &'a Path,
    pub(super) workshop: &'a Workshop,
    /// This laptop's device id: its own folder is not read.
    pub(super) device: &'a str,
    pub(super) key: Option<&'a Key>,
    pub(super) now_ms: u64,
    /// Told after each file read (a join's progress).
    pub(super) progress: Option<&'a dyn Fn(JoinProgress)>,
}

/// Where received files are applied: the store with each batch in a transaction of its own (a
/// pass — saves get in between), or one transaction for a whole join (all or nothing).
pub(super) trait Sink {
    fn conn(&self) -> &Connection;
    fn bookkeeping(&mut self, f: &mut dyn FnMut(&Connection) -> Result<()>) -> Result<()>;
    fn ingest(
        &mut self,
        ops: &[Op],
        now_ms: u64,
        record: &mut dyn FnMut(&Connection) -> Result<()>,
    ) -> Result<Ingested>;
}

/// A pass's sink: every batch of files committed on its own.
pub(super) struct EachBatch<'s>(pub(super) &'s mut Store);

impl Sink for EachBatch<'_> {
    fn conn(&self) -> &Connection {
        self.0.read()
    }
    fn bookkeeping(&mut self, f: &mut dyn FnMut(&Connection) -> Result<()>) -> Result<()> {
        self.0.bookkeeping(|c| f(c))
    }
    fn ingest(
        &mut self,
        ops: &[Op],
        now_ms: u64,
        record: &mut dyn FnMut(&Connection) -> Result<()>,
    ) -> Result<Ingested> {
        self.0.ingest(ops, now_ms, |c| record(c))
    }
}

impl Sink for Receiving<'_> {
    fn conn(&self) -> &Connection {
        Receiving::conn(self)
    }
    fn bookkeeping(&mut self, f: &mut dyn FnMut(&Connection) -> Result<()>) -> Result<()> {
        Receiving::bookkeeping(self, |c| f(c))
    }
    fn ingest(
        &mut self,
        ops: &[Op],
        now_ms: u64,
        record: &mut dyn FnMut(&Connection) -> Result<()>,
    ) -> Result<Ingested> {
        Receiving::ingest(self, ops, now_ms, |c| record(c))
    }
}

/// A file of a batch.
pub(super) struct BatchFile {
    pub(super) device: String,
    /// The device's table label, or the end of its id.
    pub(super) table: String,
    pub(super) name: String,
    pub(super) seq: u64,
    pub(super) header: Header,
    /// Where its ops end in `Batch::ops`.
    pub(super) end: usize,
}

/// Files read and checked, applied together in one transaction (see [`BATCH_OPS`]).
#[derive(Default)]
pub(super) struct Batch {
    pub(super) ops: Vec<Op>,
    pub(super) files: Vec<BatchFile>,
}

/// Files are applied together until they hold this many ops: one transaction (one commit, one
/// full-text segment) per ten full files instead of per file, when a laptop joins or comes back
/// after a long time away. The background task reads one file per step, so this never holds the
/// store longer than a step would.
pub const BATCH_OPS: usize = 20_000;

/// Whether an error is this laptop's own store failing (then the pass stops and says so), not
/// a file that cannot be applied (then the file is set aside and the pass goes on).
pub(super) fn is_local_failure(e: &SalaError) -> bool {
    matches!(
        e.code,
        ErrorCode::DatabaseLocked
            | ErrorCode::DatabaseCorrupt
            | ErrorCode::DiskFull
            | ErrorCode::ReadOnly
    )
}

/// How a device is named in messages: its table label, or the end of its id.
pub(super) fn table_name(label: Option<&str>, device: &str) -> String {
    match label.filter(|l| !l.trim().is_empty()) {
        Some(l) => l.to_owned(),
        None => device
            .get(device.len().saturating_sub(8)..)
            .unwrap_or(device)
            .to_owned(),
    }
}

/// The error a file that could not be applied is set aside with: it names the file and its
/// table. An error that is not about an op (it should not happen) is told as a bad op.
pub(crate) fn file_refused(e: &SalaError, file: &str, table: &str) -> SalaError {
    let named = match e.code {
        ErrorCode::SyncBadOp | ErrorCode::SyncImpossibleTime | ErrorCode::SyncOtherWorkshopRow => {
            e.clone()
        }
        _ => SalaError::new(ErrorCode::SyncBadOp)
            .with("op", "–")
            .with("entity", "–")
            .with(
                "detail",
                e.params
                    .get("detail")
                    .cloned()
                    .unwrap_or_else(|| format!("{:?}", e.code)),
            ),
    };
    named.with("file", file).with("table", table)
}

impl Batch {
    fn apply(&mut self, sink: &mut dyn Sink, ctx: &Ctx<'_>, report: &mut SyncReport) -> Result<()> {
        let files = std::mem::take(&mut self.files);
        let ops = std::mem::take(&mut self.ops);
        if files.is_empty() {
            return Ok(());
        }
        let record = |conn: &Connection, files: &[BatchFile]| {
            files.iter().try_for_each(|f| {
                sync_files::done(
                    conn,
                    &ctx.workshop.id,
                    &done_file(&f.device, &f.name, f.seq, "in", &f.header),
                    ctx.now_ms as i64,
                )
            })
        };
        if files.len() > 1 {
            match sink.ingest(&ops, ctx.now_ms, &mut |conn| record(conn, &files)) {
                Ok(got) => {
                    report.ops_received += got.new_ops;
                    return Ok(());
                }
                Err(e) if is_local_failure(&e) => return Err(e),
                Err(_) => {}
            }
        }
        // One file at a time (a batch of one, or a batch with a file that cannot be applied):
        // one bad file holds back no other; it is set aside and retried.
        let mut start = 0;
        for (i, f) in files.iter().enumerate() {
            let one = &files[i..=i];
            match sink.ingest(&ops[start..f.end], ctx.now_ms, &mut |conn| {
                record(conn, one)
            }) {
                Ok(got) => report.ops_received += got.new_ops,
                Err(e) if is_local_failure(&e) => return Err(e),
                Err(e) => {
                    let shown = printable_line(&format!("{}/{}", f.device, f.name));
                    let e = file_refused(&e, &shown, &f.table);
                    set_aside(sink, ctx, &f.device, &f.name, "problem", &e)?;
                }
            }
            start = f.end;
        }
        Ok(())
    }
}

/// Reads every other device's folder and applies its new files.
pub(super) fn receive(
    sink: &mut dyn Sink,
    ctx: &Ctx<'_>,
    max_files: usize,
    report: &mut SyncReport,
) -> Result<()> {
    let mut batch = Batch::default();
    receive_into(sink, ctx, max_files, report, &mut batch)?;
    // What was read before the folder went away (or the step ended) is applied all the same.
    batch.apply(sink, ctx, report)
}

/// A problem shown for this pass only (a folder that is a link): nothing to retry by name.
pub(super) fn passing_problem(error: SalaError) -> SyncProblem {
    SyncProblem {
        file: error.params.get("file").cloned().unwrap_or_default(),
        error,
        tries: 1,
        retried: true,
    }
}

pub(super) fn receive_into(
    sink: &mut dyn Sink,
    ctx: &Ctx<'_>,
    max_files: usize,
    report: &mut SyncReport,
    batch: &mut Batch,
) -> Result<()> {
    let shown_dir = || printable_line(&ctx.dir.display().to_string());
    if std::fs::symlink_metadata(ctx.dir).is_ok() && !folder::is_real_dir(ctx.dir) {
        report.problems.push(passing_problem(
            SalaError::new(ErrorCode::SyncNotAFile).with("file", shown_dir()),
        ));
        return Ok(());
    }
    let devices = match folder::names(ctx.dir) {
        Ok(d) => d,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => Vec::new(),
        Err(e) => {
            report.folder_error = Some(folder::folder_error(ctx.folder, &e));
            return Ok(());
        }
    };
    let expect = Expect {
        workshop_id: &ctx.workshop.id,
        workshop_title: &ctx.workshop.title,
    };
    for device in devices {
        // Only device folders, named by a device id (not workshop.json, desktop.ini, …).
        if device == ctx.device || !names::is_id(&device) {
            continue;
        }
        if !receive_device(sink, ctx, &device, expect, max_files, report, batch)? {
            return Ok(());
        }
    }
    Ok(())
}

/// One other device's folder: its new files read (up to `max_files` in the pass), files set
/// aside before and gone since forgotten. False when the pass stops here (the folder went away,
/// or enough files were read).
fn receive_device(
    sink: &mut dyn Sink,
    ctx: &Ctx<'_>,
    device: &str,
    expect: Expect<'_>,
    max_files: usize,
    report: &mut SyncReport,
    batch: &mut Batch,
) -> Result<bool> {
    let path = ctx.dir.join(device);
    if !folder::is_real_dir(&path) {
        if std::fs::symlink_metadata(&path).is_ok_and(|m| !m.file_type().is_file()) {
            report.problems.push(passing_problem(
                SalaError::new(ErrorCode::SyncNotAFile).with("file", device),
            ));
        }
        return Ok(true);
    }
    let label = folder::device_label(&path, device);
    let table = table_name(label.as_deref(), device);
    let now = ctx.now_ms as i64;
    sink.bookkeeping(&mut |conn| {
        sync_peers::saw_peer(conn, &ctx.workshop.id, device, label.as_deref(), now)
    })?;
    let files = match folder::names(&path) {
        Ok(f) => f,
        // The folder went away mid-pass: nothing more to read now.
        Err(e) => {
            report.folder_error = Some(folder::folder_error(ctx.folder, &e));
            return Ok(false);
        }
    };
    let done = sync_files::done_names(sink.conn(), &ctx.workshop.id, device)?;
    // A file set aside that has since gone (a conflict copy deleted, a temporary name
    // replaced) is no longer a problem.
    let gone: Vec<String> = sync_files::not_done(sink.conn(), &ctx.workshop.id)?
        .into_iter()
        .filter(|f| f.device == *device && !files.contains(&f.name))
        .map(|f| f.name)
        .collect();
    if !gone.is_empty() {
        sink.bookkeeping(&mut |conn| {
            gone.iter()
                .try_for_each(|name| sync_files::forget(conn, &ctx.workshop.id, device, name))
        })?;
    }
    for name in files {
        if done.contains_key(&name) {
            continue;
        }
        match names::classify(&name) {
            // Snapshots are for joining (crate::snapshot), not read in a pass.
            FileKind::Temporary | FileKind::Other | FileKind::Snapshot(_) => {}
            FileKind::ConflictCopy => {
                let e = SalaError::new(ErrorCode::SyncConflictCopy)
                    .with("file", printable_line(&format!("{device}/{name}")));
                set_aside(sink, ctx, device, &name, "ignored", &e)?;
            }
            FileKind::Ops(_) if report.files_read as usize >= max_files => {
                report.more = true;
                return Ok(false);
            }
            FileKind::Ops(seq) => {
                let file = FileRef {
                    device,
                    table: &table,
                    name: &name,
                    seq,
                };
                read_one(sink, ctx, &path, expect, &file, report, batch)?;
                if batch.ops.len() >= BATCH_OPS {
                    batch.apply(sink, ctx, report)?;
                }
            }
        }
    }
    Ok(true)
}

/// A file in another device's folder.
pub(super) struct FileRef<'a> {
    pub(super) device: &'a str,
    pub(super) table: &'a str,
    pub(super) name: &'a str,
    pub(super) seq: u64,
}

pub(super) fn read_one(
    sink: &mut dyn Sink,
    ctx: &Ctx<'_>,
    path: &Path,
    expect: Expect<'_>,
    file: &FileRef<'_>,
    report: &mut SyncReport,
    batch: &mut Batch,
) -> Result<()> {
    let shown = printable_line(&format!("{}/{}", file.device, file.name));
    let bytes = match folder::read_regular(&path.join(file.name), folder::MAX_SYNC_FILE) {
        Ok(b) => b,
        Err(Unreadable::Missing) => return Ok(()),
        Err(u) => {
            let e = u
                .error(path, &shown, folder::MAX_SYNC_FILE)
                .with("table", file.table);
            return set_aside(sink, ctx, file.device, file.name, "problem", &e);
        }
    };
    match format::decode(&shown, &bytes, Some(expect), ctx.key) {
        Ok((header, file_ops)) => {
            batch.ops.extend(file_ops);
            batch.files.push(BatchFile {
                device: file.device.to_owned(),
                table: file.table.to_owned(),
                name: file.name.to_owned(),
                seq: file.seq,
                header,
                end: batch.ops.len(),
            });
            report.files_read += 1;
            if let Some(tell) = ctx.progress {
                tell(JoinProgress {
                    phase: JoinPhase::Reading,
                    done: u64::from(report.files_read),
                    total: 0,
                });
            }
            Ok(())
        }
        Err(e) => set_aside(
            sink,
            ctx,
            file.device,
            file.name,
            "problem",
            &e.with("table", file.table),
        ),
    }
}

pub(super) fn set_aside(
    sink: &mut dyn Sink,
    ctx: &Ctx<'_>,
    device: &str,
    name: &str,
    status: &str,
    e: &SalaError,
) -> Result<()> {
    let detail = serde_json::to_string(e).unwrap_or_default();
    let problem = e.code.locale_key();
    let problem = problem.trim_start_matches("error.");
    let now = ctx.now_ms as i64;
    sink.bookkeeping(&mut |conn| {
        sync_files::set_aside(
            conn,
            &ctx.workshop.id,
            device,
            name,
            status,
            problem,
            &detail,
            now,
        )
    })
}
