//! The database file itself: where it lives ([`paths`]), its schema versions ([`migrations`]),
//! this installation's own settings ([`meta`]), the device id ([`identity`]) and the backups
//! ([`backup`]).

pub mod backup;
pub mod identity;
pub mod meta;
pub mod migrations;
pub mod paths;
