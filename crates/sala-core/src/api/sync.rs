//! What sync shows: the report of a pass, the devices seen, problems, conflicts, settings, and
//! what an export or an import moved.

use serde::{Deserialize, Serialize};
use ts_rs::TS;

/// Another device seen in the shared folder.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct PeerView {
    pub device_id: String,
    /// Its table label ("Table 3"), empty when it has none.
    pub label: String,
    /// Wall-clock ms when its folder was last read.
    #[ts(type = "number")]
    pub last_seen_ms: i64,
    /// How far ahead of this laptop's clock its timestamps were (0 when not noticeably).
    #[ts(type = "number")]
    pub clock_ahead_ms: i64,
}

/// A file set aside by sync (or never to be applied), with why, in the user's language.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct SyncProblem {
    /// The device folder and file name, e.g. `0190…/00000003.sala-ops`.
    pub file: String,
    pub error: crate::SalaError,
    /// How many passes have tried it.
    pub tries: u32,
    /// `false` for a file that is never applied (a conflict copy); `true` when it is retried.
    pub retried: bool,
}

/// What a laptop joining a workshop is doing, for the window's progress bar (the `join-progress`
/// event).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum JoinStep {
    /// Looking for a snapshot of the whole workshop, checking and loading it.
    Snapshot,
    /// Reading files: `done` of `total`.
    Reading,
    /// Building the search index of what arrived.
    Indexing,
}

/// A step of a join's progress, with the seconds left when they can be told.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct JoinProgressView {
    pub step: JoinStep,
    pub done: u32,
    pub total: u32,
    /// About how many seconds are left (while reading, once a few files are read).
    pub seconds_left: Option<u32>,
}

/// What a sync pass did and where things stand: the status bar's source.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct SyncReport {
    pub folder: String,
    /// The folder could be read this time.
    pub reached: bool,
    /// Why not, when it could not (or could not be written).
    pub folder_error: Option<crate::SalaError>,
    pub files_written: u32,
    #[ts(type = "number")]
    pub ops_sent: u64,
    pub files_read: u32,
    #[ts(type = "number")]
    pub ops_received: u64,
    /// This device's changes not yet in the folder.
    #[ts(type = "number")]
    pub waiting: u64,
    pub conflicts: u32,
    pub devices: Vec<PeerView>,
    pub problems: Vec<SyncProblem>,
    /// Set when this laptop found another writing under its device id and took a new one.
    pub new_device_id: Option<String>,
    /// Wall-clock ms of the last pass that reached the folder.
    #[ts(type = "number | null")]
    pub last_sync_ms: Option<i64>,
    /// The pass stopped early to let other work in; more files are ready to read.
    #[serde(default)]
    pub more: bool,
    /// Files this laptop wrote to the folder before the workshop had a key: anyone with the
    /// folder can still read them (`sala_sync::pass::withdraw_plain` removes them).
    #[serde(default)]
    pub plain_files: u32,
    /// The search index of a workshop that arrived in a big join is still being built (a
    /// slice per pass): a search may miss some of it for a moment.
    #[serde(default)]
    pub indexing: bool,
    /// Pictures this pass wrote to the folder, fetched from it, and still waiting for (their
    /// files not in the folder yet, or not whole yet) (issue 21).
    #[serde(default)]
    pub pictures_sent: u32,
    #[serde(default)]
    pub pictures_received: u32,
    #[serde(default)]
    pub pictures_waiting: u32,
}

/// What removing this laptop's plain files from the shared folder did.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct Withdrawn {
    /// Files removed.
    pub removed: u32,
    /// Where sync stands afterwards.
    pub report: SyncReport,
}

/// Where this laptop syncs, and the table label the other laptops see.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct SyncSettings {
    /// The shared folder; empty when none is chosen.
    pub folder: String,
    pub label: String,
}

/// One value of a field in conflict.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct ConflictValue {
    /// The op that wrote it.
    pub op_id: String,
    /// The device that wrote it (its table label is in the sync status).
    pub device: String,
    /// The value as text, for showing.
    pub text: String,
    /// The value as JSON, for choosing it.
    pub json: String,
    /// When it was written, by the writing device's clock.
    #[ts(type = "number")]
    pub at_ms: i64,
}

/// A field two or more devices changed at the same time: every value is kept, one is shown
/// until someone picks or combines them.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct ConflictView {
    /// `note`, `swot_card`, `action`, …
    pub entity: String,
    pub entity_id: String,
    pub field: String,
    /// The item's own text or title, to recognise it by.
    pub context: String,
    /// The group it belongs to, when it belongs to one.
    pub group_id: Option<String>,
    /// The shown value first; for a text two laptops edited at once, each one's own version.
    pub values: Vec<ConflictValue>,
    /// For a text two laptops edited at once: the text shown, both edits merged in it, to be
    /// checked and accepted (or one version kept instead).
    pub merged: Option<String>,
}

/// What an export or an import moved.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct TransferView {
    pub files: u32,
    #[ts(type = "number")]
    pub ops: u64,
    /// Ops this laptop did not hold before (import).
    #[ts(type = "number")]
    pub new_ops: u64,
}

/// One activity the room offers the phones (issue 20).
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize, TS)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum RoomOffer {
    /// A survey form, by its key (`pre`, `post`, `follow_up`, or a form id).
    Survey { key: String },
    /// Ideas for a guiding question of a group, into the group's moderation queue.
    Ideas {
        group_id: String,
        question_id: String,
    },
    /// Dot voting on a group's SWOT board for one focus area: each phone has the board's dots.
    Vote {
        group_id: String,
        focus_area_id: String,
    },
    /// Pictures a facilitator or note-taker sends from a phone to their group's work (issue 21).
    Pictures { group_id: String },
}

/// What the room's offers have gathered so far, for the projector (issue 20): one entry per
/// offer, in the room's order.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, TS)]
pub struct RoomResults {
    pub offers: Vec<OfferResults>,
}

/// What one offer has gathered.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum OfferResults {
    /// A survey's results as they come in (every response, phones' and laptops').
    Survey {
        key: String,
        results: Box<super::SurveyResults>,
        /// How many of the responses came from phones.
        from_phones: u32,
    },
    /// Ideas for a question: how many came and what became of them; the words of those the
    /// table accepted (as accepted, edited or not), most written first.
    Ideas {
        group_id: String,
        question_id: String,
        received: u32,
        waiting: u32,
        accepted: u32,
        words: Vec<WordCount>,
    },
    /// A board's dots per card, most first.
    Vote {
        group_id: String,
        focus_area_id: String,
        cards: Vec<CardTally>,
        /// How many voters (phones and people) placed dots.
        voters: u32,
    },
    /// Pictures of a group: how many it has (from phones and laptops).
    Pictures { group_id: String, pictures: u32 },
}

/// One word of a word cloud and how many texts have it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct WordCount {
    pub word: String,
    pub count: u32,
}

/// A card's dots.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct CardTally {
    pub card_id: String,
    pub quadrant: crate::model::Quadrant,
    pub text: String,
    pub votes: u32,
}

/// Something a phone sent that the laptop now holds: the `room-arrival` event the app's window
/// hears, to show it at once.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum RoomArrival {
    SurveyAnswer {
        key: String,
    },
    Idea {
        group_id: String,
        question_id: String,
    },
    Vote {
        group_id: String,
        focus_area_id: String,
    },
    Picture {
        group_id: String,
    },
}

/// The room as the laptop that opened it shows it (issue 20): where phones reach it, its code,
/// what it offers, and a QR code of its address for the projector.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct RoomView {
    pub open: bool,
    /// `http://ADDRESS:PORT/CODE/` — what the QR code holds.
    pub address: String,
    pub code: String,
    /// What the room offers the phones now.
    pub offers: Vec<RoomOffer>,
    /// No local network was found: only this laptop can reach the room.
    pub local_only: bool,
    /// The address as a QR code, an SVG image.
    pub qr_svg: String,
}
