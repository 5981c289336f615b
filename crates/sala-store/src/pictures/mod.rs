//! Pictures kept with a group's work (issue 21): flipcharts, whiteboards, handouts. A picture
//! belongs to a group and, within it, to a guiding question, a SWOT board or a note; it has a
//! caption (searchable like a note), the laptop and time it was added as its provenance, and it
//! goes to the trash and comes back like a note.
//!
//! The row ([`rows`]) syncs as ops. The picture itself is kept by its content in [`files`],
//! made fit to keep by `sala_picture::prepare` (upright, at most 2,560 px, no metadata) before
//! it reaches the store — so the store's lock is never held while a photo is decoded. A row
//! whose picture has not arrived from the shared folder yet is listed as such, never an error.

pub mod files;
pub mod rows;

use sala_core::api::{PictureFile, PictureItem, PictureTarget};
use sala_core::model::Picture;
use sala_core::op::new_id;
use sala_core::text::{MAX_PICTURE_FILE_MB, MAX_WORKSHOP_PICTURES_MB, check_short_text};
use sala_core::{ErrorCode, SalaError};
use sala_picture::Prepared;

use crate::error::not_found;
use crate::log::table;
use crate::notes::rows::Notes;
use crate::workshop::focus_areas::FocusAreas;
use crate::workshop::guiding_questions::GuidingQuestions;
use crate::{Result, Store};
use rows::Pictures;

impl Store {
    /// Keeps a picture (as `sala_picture::prepare` made it) with `target`'s work, captioned.
    /// Attaching the same picture to the same place again gives the picture already there.
    /// Refused when the workshop's pictures would take more than [`MAX_WORKSHOP_PICTURES_MB`].
    pub fn add_picture(
        &mut self,
        target: &PictureTarget,
        caption: &str,
        prepared: &Prepared,
    ) -> Result<Picture> {
        let caption = caption.trim();
        check_short_text(caption)?;
        let workshop = self.current_workshop()?;
        let target = self.checked_target(&workshop.id, target)?;
        let device = self.device_id().to_owned();
        let data_dir = self.data_dir().to_path_buf();
        self.write(|w| {
            let conn = w.conn();
            let same = rows::with_content(conn, &workshop.id, &prepared.content)?;
            if let Some(there) = same.iter().find(|p| {
                !p.deleted
                    && p.group_id == target.group_id
                    && p.question_id == target.question_id
                    && p.focus_area_id == target.focus_area_id
                    && p.note_id == target.note_id
            }) {
                return Ok(there.clone());
            }
            let known = !same.is_empty();
            // A picture already kept (elsewhere in the workshop) takes nothing more.
            let held = rows::workshop_bytes(conn, &workshop.id)?;
            if !known && held + prepared.bytes.len() as u64 > MAX_WORKSHOP_PICTURES_MB << 20 {
                return Err(SalaError::new(ErrorCode::WorkshopPicturesFull)
                    .with("max", MAX_WORKSHOP_PICTURES_MB));
            }
            files::keep(
                conn,
                &data_dir,
                &prepared.content,
                prepared.format,
                &prepared.bytes,
                &prepared.thumbnail,
            )?;
            let hlc = w.tick();
            let picture = Picture {
                id: new_id(),
                workshop_id: workshop.id.clone(),
                group_id: target.group_id.clone(),
                question_id: target.question_id.clone(),
                focus_area_id: target.focus_area_id.clone(),
                note_id: target.note_id.clone(),
                caption: caption.to_owned(),
                content: prepared.content.clone(),
                format: prepared.format,
                width: prepared.width,
                height: prepared.height,
                bytes: prepared.bytes.len() as u64,
                device,
                added_hlc: hlc.to_string(),
                deleted: false,
            };
            w.create_at::<Pictures>(hlc, &workshop.id, &picture)?;
            Ok(picture)
        })
    }

    /// The current workshop's pictures, in the order added: of one group (its name or id) or of
    /// all; live, or those in the trash.
    pub fn pictures(&self, group: Option<&str>, in_trash: bool) -> Result<Vec<Picture>> {
        let workshop = self.current_workshop()?;
        let group_id = group.map(|g| self.find_group(g)).transpose()?.map(|g| g.id);
        let mut all = table::list::<Pictures>(self.read(), &workshop.id, in_trash)?;
        all.retain(|p| group_id.as_ref().is_none_or(|g| &p.group_id == g));
        Ok(all)
    }

    /// [`Store::pictures`] with, for each, whether it has arrived and its thumbnail.
    pub fn picture_items(&self, group: Option<&str>, in_trash: bool) -> Result<Vec<PictureItem>> {
        self.pictures(group, in_trash)?
            .into_iter()
            .map(|picture| {
                let thumbnail = files::thumbnail(self.read(), self.data_dir(), &picture.content)?;
                Ok(PictureItem {
                    arrived: thumbnail.is_some(),
                    thumbnail: thumbnail.map(|t| data_address("image/jpeg", &t)),
                    picture,
                })
            })
            .collect()
    }

    /// One picture, by its id, or by its start or end (at least 6 characters) when only one
    /// picture has it.
    pub fn picture(&self, id: &str) -> Result<Picture> {
        let id = id.trim();
        if let Some(picture) = table::get::<Pictures>(self.read(), id)? {
            return Ok(picture);
        }
        if id.len() >= 6 {
            let workshop = self.current_workshop()?;
            let conn = self.read();
            let mut found = table::list::<Pictures>(conn, &workshop.id, false)?;
            found.extend(table::list::<Pictures>(conn, &workshop.id, true)?);
            found.retain(|p| p.id.starts_with(id) || p.id.ends_with(id));
            if found.len() == 1 {
                return Ok(found.remove(0));
            }
        }
        Err(not_found("picture", id))
    }

    /// The stored picture of `picture` (its bytes as synced), or `PictureNotArrived`.
    pub fn picture_data(&self, picture: &Picture) -> Result<Vec<u8>> {
        files::data(self.read(), self.data_dir(), &picture.content)?.ok_or_else(|| {
            SalaError::new(ErrorCode::PictureNotArrived)
                .with("caption", sala_core::text::printable_line(&picture.caption))
        })
    }

    /// Changes a picture's caption.
    pub fn set_picture_caption(&mut self, id: &str, caption: &str) -> Result<Picture> {
        let caption = caption.trim();
        check_short_text(caption)?;
        let picture = self.picture(id)?;
        if picture.caption != caption {
            self.write(|w| {
                w.set::<Pictures>(&picture.workshop_id, &picture.id, "caption", caption)
                    .map(|_| ())
            })?;
        }
        self.picture(&picture.id)
    }

    /// Puts a picture in the trash (it stays on every laptop, and comes back with
    /// [`Store::restore_picture`]).
    pub fn delete_picture(&mut self, id: &str) -> Result<Picture> {
        let picture = self.picture(id)?;
        if !picture.deleted {
            self.write(|w| {
                w.delete::<Pictures>(&picture.workshop_id, &picture.id)
                    .map(|_| ())
            })?;
        }
        self.picture(&picture.id)
    }

    /// Brings a picture back from the trash.
    pub fn restore_picture(&mut self, id: &str) -> Result<Picture> {
        let picture = self.picture(id)?;
        if picture.deleted {
            self.write(|w| {
                w.restore::<Pictures>(&picture.workshop_id, &picture.id)
                    .map(|_| ())
            })?;
        }
        self.picture(&picture.id)
    }

    /// Whether this laptop holds the picture `content`.
    pub fn has_picture_file(&self, content: &str) -> Result<bool> {
        files::has(self.read(), self.data_dir(), content)
    }

    /// The stored picture `content`, if this laptop holds it.
    pub fn picture_file(&self, content: &str) -> Result<Option<Vec<u8>>> {
        files::data(self.read(), self.data_dir(), content)
    }

    /// Keeps a picture that arrived from the shared folder: the caller checked its content and
    /// made its thumbnail.
    pub fn keep_picture_file(
        &mut self,
        content: &str,
        format: sala_core::model::PictureFormat,
        data: &[u8],
        thumbnail: &[u8],
    ) -> Result<()> {
        files::keep(
            self.read(),
            self.data_dir(),
            content,
            format,
            data,
            thumbnail,
        )
    }

    /// The pictures of the current workshop (live or in the trash), one per content, in the
    /// order added: what sync sends and fetches.
    pub fn picture_contents(&self) -> Result<Vec<Picture>> {
        let workshop = self.current_workshop()?;
        let conn = self.read();
        let mut all = table::list::<Pictures>(conn, &workshop.id, false)?;
        all.extend(table::list::<Pictures>(conn, &workshop.id, true)?);
        all.sort_by(|a, b| (a.deleted, &a.added_hlc, &a.id).cmp(&(b.deleted, &b.added_hlc, &b.id)));
        let mut seen = std::collections::BTreeSet::new();
        all.retain(|p| seen.insert(p.content.clone()));
        Ok(all)
    }

    /// What a report is made from, read from one snapshot of the database (saves go on
    /// meanwhile): the workshop, the table labels, and — when asked (a summary report that
    /// shows them) — the pictures ([`Store::report_pictures`]).
    pub fn report_reading(&self, with_pictures: bool) -> Result<ReportReading> {
        self.read_snapshot(|s| {
            let dump = s.dump()?;
            let pictures = if with_pictures {
                s.report_pictures(&dump)?
            } else {
                std::collections::BTreeMap::new()
            };
            Ok(ReportReading {
                tables: s.table_labels()?,
                dump,
                pictures,
            })
        })
    }

    /// The live pictures of `dump` that have arrived, by content, the size a report needs
    /// (`sala_picture::for_report`: photos at most 1,600 px — a report of fifty photos stays
    /// small enough to send), made on every core.
    pub fn report_pictures(
        &self,
        dump: &sala_core::api::Dump,
    ) -> Result<std::collections::BTreeMap<String, std::sync::Arc<Vec<u8>>>> {
        let mut stored = std::collections::BTreeMap::new();
        for p in dump.pictures.iter().filter(|p| !p.deleted) {
            if stored.contains_key(&p.content) {
                continue;
            }
            if let Some(data) = files::data(self.read(), self.data_dir(), &p.content)? {
                stored.insert(p.content.clone(), data);
            }
        }
        let stored: Vec<(String, Vec<u8>)> = stored.into_iter().collect();
        let threads = std::thread::available_parallelism().map_or(2, |n| n.get());
        let chunk = stored.len().div_ceil(threads).max(1);
        let made: Vec<Result<Vec<ReportPicture>>> = std::thread::scope(|scope| {
            let workers: Vec<_> = stored
                .chunks(chunk)
                .map(|part| scope.spawn(move || part.iter().map(for_report).collect()))
                .collect();
            workers.into_iter().map(joined).collect()
        });
        let mut out = std::collections::BTreeMap::new();
        for part in made {
            out.extend(part?);
        }
        Ok(out)
    }

    /// The group, question, board or note a picture is attached to, checked: each exists in
    /// this workshop, lives, and belongs to the group.
    fn checked_target(&self, workshop_id: &str, target: &PictureTarget) -> Result<PictureTarget> {
        let group = self.find_group(&target.group_id)?;
        let conn = self.read();
        if let Some(q) = &target.question_id {
            table::get::<GuidingQuestions>(conn, q)?
                .filter(|q| q.workshop_id == workshop_id && !q.deleted)
                .ok_or_else(|| not_found("guiding_question", q))?;
        }
        if let Some(f) = &target.focus_area_id {
            table::get::<FocusAreas>(conn, f)?
                .filter(|f| f.workshop_id == workshop_id && !f.deleted)
                .ok_or_else(|| not_found("focus_area", f))?;
        }
        // A note's picture is also under the note's question (where the note is shown).
        let mut question_id = target.question_id.clone();
        if let Some(n) = &target.note_id {
            let note = table::get::<Notes>(conn, n)?
                .filter(|n| n.group_id == group.id && !n.deleted)
                .ok_or_else(|| not_found("note", n))?;
            question_id = Some(note.question_id);
        }
        Ok(PictureTarget {
            group_id: group.id,
            question_id,
            ..target.clone()
        })
    }
}

/// What a report is made from ([`Store::report_reading`]).
#[derive(Debug)]
pub struct ReportReading {
    pub dump: sala_core::api::Dump,
    /// Table labels by device id.
    pub tables: std::collections::BTreeMap<String, String>,
    /// The pictures a report embeds, by content.
    pub pictures: std::collections::BTreeMap<String, std::sync::Arc<Vec<u8>>>,
}

/// A picture the size a report needs, by its content.
type ReportPicture = (String, std::sync::Arc<Vec<u8>>);

fn for_report((content, data): &(String, Vec<u8>)) -> Result<ReportPicture> {
    let small = sala_picture::for_report(data)?;
    Ok((content.clone(), std::sync::Arc::new(small)))
}

/// A worker's pictures; a worker that panicked is a storage error, not a crash.
fn joined(
    worker: std::thread::ScopedJoinHandle<'_, Result<Vec<ReportPicture>>>,
) -> Result<Vec<ReportPicture>> {
    worker
        .join()
        .unwrap_or_else(|_| Err(SalaError::new(ErrorCode::Storage).with("detail", "picture")))
}

/// A picture file the user gave the app (its bytes in base64), made fit to keep
/// (`sala_picture::prepare`): a file bigger than Sala takes is refused before it is decoded.
/// Seconds for a big photo: called away from the store's lock.
pub fn prepare_file(file: &PictureFile) -> Result<Prepared> {
    use base64::Engine;
    let name = sala_core::text::printable_line(&file.name);
    let max = MAX_PICTURE_FILE_MB << 20;
    // Base64 is 4 characters for 3 bytes.
    let size = file.base64.trim().len() as u64 / 4 * 3;
    if size > max {
        return Err(SalaError::new(ErrorCode::PictureTooLarge)
            .with("file", &name)
            .with("size", format!("{:.1}", size as f64 / 1_048_576.0))
            .with("max", MAX_PICTURE_FILE_MB));
    }
    let bytes = base64::engine::general_purpose::STANDARD
        .decode(file.base64.trim())
        .map_err(|_| SalaError::new(ErrorCode::PictureDamaged).with("file", &name))?;
    sala_picture::prepare(&name, &bytes)
}

/// `bytes` as a `data:` address of `media_type`.
pub fn data_address(media_type: &str, bytes: &[u8]) -> String {
    use base64::Engine;
    format!(
        "data:{media_type};base64,{}",
        base64::engine::general_purpose::STANDARD.encode(bytes)
    )
}
