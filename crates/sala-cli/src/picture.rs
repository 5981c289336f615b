//! `sala picture`: pictures kept with a group's work (issue 21) — add a photo of a flipchart,
//! list them, export one as it is stored and synced, delete to the trash and restore.

use std::path::PathBuf;

use clap::Subcommand;
use sala_core::api::{PictureTarget, UiLanguage};
use sala_core::model::Picture;
use sala_core::text::MAX_PICTURE_FILE_MB;
use sala_core::{ErrorCode, SalaError};
use sala_i18n::message;
use sala_store::Store;

use crate::out;

#[derive(Debug, Subcommand)]
pub enum PictureCommand {
    /// Keep a picture (JPEG or PNG) with a group's work: upright, at most 2,560 px, without its
    /// location or any other metadata.
    Add {
        /// The picture file.
        file: PathBuf,
        /// The group (its name).
        #[arg(long)]
        group: String,
        /// Under this guiding question (its number).
        #[arg(long)]
        question: Option<u32>,
        /// On the group's SWOT board of this focus area (its code).
        #[arg(long)]
        focus: Option<String>,
        /// A caption, in Lao or English.
        #[arg(long, default_value = "")]
        caption: String,
    },
    /// The current workshop's pictures, in the order added.
    List {
        /// Only this group's (its name).
        #[arg(long)]
        group: Option<String>,
        /// Those in the trash instead.
        #[arg(long)]
        trash: bool,
        #[arg(long)]
        json: bool,
    },
    /// Write a picture as it is stored and synced.
    Export {
        /// The picture (the id `sala picture list` shows).
        id: String,
        /// The file to write.
        #[arg(long)]
        out: PathBuf,
    },
    /// Change a picture's caption.
    Caption {
        /// The picture (the id `sala picture list` shows).
        id: String,
        /// The new caption.
        text: String,
    },
    /// Put a picture in the trash.
    Delete {
        /// The picture (the id `sala picture list` shows).
        id: String,
    },
    /// Bring a picture back from the trash.
    Restore {
        /// The picture (the id `sala picture list` shows).
        id: String,
    },
}

pub fn run(store: &mut Store, lang: UiLanguage, command: PictureCommand) -> Result<(), SalaError> {
    let say =
        |key: &str, params: &[(&str, &str)]| message(lang, &format!("picture.cli.{key}"), params);
    match command {
        PictureCommand::Add {
            file,
            group,
            question,
            focus,
            caption,
        } => {
            let name = file
                .file_name()
                .map(|n| n.to_string_lossy().into_owned())
                .unwrap_or_default();
            let max = MAX_PICTURE_FILE_MB << 20;
            let size = std::fs::metadata(&file)
                .map_err(|e| SalaError::io(file.display(), &e))?
                .len();
            if size > max {
                return Err(SalaError::new(ErrorCode::PictureTooLarge)
                    .with("file", &name)
                    .with("size", format!("{:.1}", size as f64 / 1_048_576.0))
                    .with("max", MAX_PICTURE_FILE_MB));
            }
            let bytes = crate::capture::read_user_file(&file, max)?;
            let prepared = sala_picture::prepare(&name, &bytes)?;
            let target = PictureTarget {
                group_id: store.find_group(&group)?.id,
                question_id: question
                    .map(|n| store.question_by_number(n).map(|q| q.id))
                    .transpose()?,
                focus_area_id: focus
                    .map(|f| store.focus_area(&f).map(|f| f.id))
                    .transpose()?,
                note_id: None,
            };
            let picture = store.add_picture(&target, &caption, &prepared)?;
            out(&say(
                "added",
                &[
                    ("id", short_id(&picture)),
                    ("width", &picture.width.to_string()),
                    ("height", &picture.height.to_string()),
                    ("kb", &kilobytes(picture.bytes)),
                ],
            ))
        }
        PictureCommand::List { group, trash, json } => {
            let items = store.picture_items(group.as_deref(), trash)?;
            if json {
                let pictures: Vec<serde_json::Value> = items
                    .iter()
                    .map(|i| {
                        let mut v = serde_json::to_value(&i.picture).unwrap_or_default();
                        v["arrived"] = serde_json::Value::Bool(i.arrived);
                        v
                    })
                    .collect();
                let text = serde_json::to_string_pretty(&pictures).map_err(|e| {
                    SalaError::new(ErrorCode::Storage).with("detail", e.to_string())
                })?;
                return out(&text);
            }
            if items.is_empty() {
                return out(&say("none", &[]));
            }
            let overview = store.overview()?;
            for item in &items {
                let p = &item.picture;
                let group = overview
                    .groups
                    .iter()
                    .find(|g| g.id == p.group_id)
                    .map_or("?", |g| g.name.as_str());
                let question = p
                    .question_id
                    .as_ref()
                    .and_then(|q| overview.questions.iter().find(|g| &g.id == q))
                    .map_or_else(String::new, |q| format!(" Q{}", q.number));
                let state = if item.arrived {
                    format!("{}×{}, {} KB", p.width, p.height, kilobytes(p.bytes))
                } else {
                    say("not_arrived", &[])
                };
                out(&format!(
                    "{}  {group}{question}  {state}  {}",
                    short_id(p),
                    sala_core::text::printable_line(&p.caption)
                ))?;
            }
            Ok(())
        }
        PictureCommand::Export { id, out: path } => {
            let picture = store.picture(&id)?;
            let bytes = store.picture_data(&picture)?;
            crate::report::save(&path, &bytes)?;
            out(&message(
                lang,
                "cli.wrote",
                &[
                    ("file", &path.display().to_string()),
                    ("kb", &kilobytes(bytes.len() as u64)),
                ],
            ))
        }
        PictureCommand::Caption { id, text } => {
            store.set_picture_caption(&id, &text)?;
            out(&say("captioned", &[]))
        }
        PictureCommand::Delete { id } => {
            let picture = store.delete_picture(&id)?;
            out(&say("deleted", &[("id", short_id(&picture))]))
        }
        PictureCommand::Restore { id } => {
            store.restore_picture(&id)?;
            out(&say("restored", &[]))
        }
    }
}

/// The last 8 characters of a picture's id: its random part, what the other commands take.
fn short_id(picture: &Picture) -> &str {
    &picture.id[picture.id.len().saturating_sub(8)..]
}

fn kilobytes(bytes: u64) -> String {
    bytes.div_ceil(1024).to_string()
}
