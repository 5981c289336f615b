//! Sala's domain, with no I/O and no Tauri.
//!
//! - [`model`]: the workshop's own words — workshop, agenda item, focus area (pillar or element),
//!   guiding question, group, note, SWOT card, action, participant.
//! - [`op`]: every change is an [`op::Op`] (UUIDv7 id, [`hlc::Hlc`] timestamp, device id, entity,
//!   field, value). The store writes the op and the row it changes in one transaction.
//! - [`merge`]: a row's state as a pure function of the set of its ops, whatever their order or
//!   duplication; concurrent values of a field are all kept (a conflict) with one shown.
//! - [`hlc`]: the hybrid logical clock that orders ops even when a laptop's clock is wrong.
//! - [`template`]: workshop templates and the demo workshop are data (TOML), parsed and checked here.
//! - [`survey`]: survey forms, answers and results arithmetic (the built-in forms are TOML too).
//! - [`text`]: language detection and the limits on what users type.
//! - [`api`]: the shapes that cross to the UI (TypeScript bindings are generated from them).
//! - [`error`]: the one typed error (`code` + parameters) the UI and CLI translate.

pub mod api;
pub mod bindings;
pub mod error;
pub mod fsio;
pub mod hlc;
pub mod merge;
pub mod model;
pub mod op;
pub mod survey;
pub mod template;
pub mod text;
pub mod text_merge;

pub use error::{ErrorCode, IoReason, SalaError};
pub use text::LaoIssue;
