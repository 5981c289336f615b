//! The op log and what is built on it: every change is an op ([`ops`]), written through the write
//! handle ([`write`](mod@write)) and applied to the materialised tables ([`apply`], [`table`]) in one
//! transaction; the values no later edit replaced ([`heads`]), the note texts' merge documents
//! ([`text_docs`]), and the checks a received op passes first ([`incoming`]).

pub mod apply;
pub mod heads;
pub mod incoming;
pub mod ops;
pub mod table;
pub mod text_docs;
pub mod write;
