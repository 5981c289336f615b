//! Sync through a shared folder: a network share, a folder another program keeps in sync
//! (Syncthing, Dropbox, OneDrive, Nextcloud), or a USB stick carried by hand.
//!
//! - [`format`](mod@format): the sync file (header with format version, workshop, device, sequence number,
//!   op count, length and SHA-256 of the body; then one op per line, compressed since format 5,
//!   encrypted when the workshop has a key). Specified in
//!   `docs/sync-format.md`.
//! - [`names`]: which names in a device folder are sync files, copies made by sync programs, or
//!   temporary files.
//! - [`folder`]: the layout (`sala-sync/WORKSHOP/DEVICE/NNNNNNNN.sala-ops`) and atomic writes.
//! - [`pass`]: one pass — send this device's waiting ops, check no other laptop writes under its
//!   id, read the other devices' new files into the store (merged by `sala_core::merge`).
//! - [`snapshot`]: a device's snapshot of the workshop, written now and then into its own
//!   folder, which a joining laptop loads instead of replaying every file.
//! - [`transfer`]: the same files exported to and imported from any path, and joining a workshop.
//!
//! Invariants: a device writes only its own folder; a file is applied whole, in one transaction
//! with the record of it (several files may share one), or not at all; nothing absent from the folder is ever read as deleted.

pub mod folder;
pub mod format;
pub mod key;
pub mod lock;
pub mod names;
pub mod pass;
pub mod pictures;
pub mod snapshot;
pub mod transfer;

pub use pass::sync_pass;
