//! `swot_votes`: one row per dot placed on a card.

use rusqlite::Row;
use rusqlite::types::Value as Sql;
use sala_core::model::SwotVote;
use sala_core::op::Entity;

use crate::log::table::{Table, boolean, opt_text, text};

pub const MIGRATION: &str = "
CREATE TABLE swot_votes (
    id          TEXT PRIMARY KEY NOT NULL,
    workshop_id TEXT NOT NULL REFERENCES workshops (id),
    card_id     TEXT NOT NULL REFERENCES swot_cards (id),
    voter       TEXT NOT NULL,
    deleted     INTEGER NOT NULL DEFAULT 0
) STRICT;
CREATE INDEX swot_votes_by_card ON swot_votes (card_id, deleted);
";

#[derive(Debug)]
pub struct SwotVotes;

impl Table for SwotVotes {
    type Row = SwotVote;
    const ENTITY: Entity = Entity::SwotVote;
    const TABLE: &'static str = "swot_votes";
    const COLUMNS: &'static [&'static str] = &[
        "id",
        "workshop_id",
        "card_id",
        "voter",
        "deleted",
        "agenda_item_id",
    ];
    const SETTABLE: &'static [&'static str] = &["deleted"];
    const ORDER: &'static str = "card_id, id";

    fn to_sql(v: &SwotVote) -> Vec<Sql> {
        vec![
            text(&v.id),
            text(&v.workshop_id),
            text(&v.card_id),
            text(&v.voter),
            boolean(v.deleted),
            opt_text(&v.agenda_item_id),
        ]
    }

    fn from_sql(r: &Row<'_>) -> rusqlite::Result<SwotVote> {
        Ok(SwotVote {
            id: r.get(0)?,
            workshop_id: r.get(1)?,
            card_id: r.get(2)?,
            voter: r.get(3)?,
            deleted: r.get(4)?,
            agenda_item_id: r.get(5)?,
        })
    }

    fn id(row: &SwotVote) -> &str {
        &row.id
    }
}
