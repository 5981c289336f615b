//! Notes: what the note-taker captures, per group and guiding question.

pub mod table;
