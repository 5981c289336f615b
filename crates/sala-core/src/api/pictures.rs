//! Pictures as the UI and the CLI see them (issue 21).

use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::model::Picture;

/// What a picture is attached to: a group and, within it, a guiding question, a SWOT board (the
/// group's board of a focus area) or a note — or none of these (the group's work as a whole).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct PictureTarget {
    pub group_id: String,
    #[serde(default)]
    #[ts(optional)]
    pub question_id: Option<String>,
    #[serde(default)]
    #[ts(optional)]
    pub focus_area_id: Option<String>,
    #[serde(default)]
    #[ts(optional)]
    pub note_id: Option<String>,
}

/// A picture as listed: whether it has arrived on this laptop, and its thumbnail when it has.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct PictureItem {
    pub picture: Picture,
    /// Its file is on this laptop (else it has not arrived from the shared folder yet).
    pub arrived: bool,
    /// The thumbnail as a `data:` address (JPEG), when it has arrived.
    #[ts(optional)]
    pub thumbnail: Option<String>,
}

/// A file a person gave the app as a picture: its name and its bytes (base64), from a paste, a
/// drop or the file input.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct PictureFile {
    pub name: String,
    pub base64: String,
}
