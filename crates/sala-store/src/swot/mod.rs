//! SWOT boards: cards, moves, clusters and dot votes, as ops.

pub mod boards;
pub mod cards;
pub mod votes;

use sala_core::api::{BoardView, CardView, NewCard};
use sala_core::model::{Quadrant, SwotBoard, SwotCard, SwotVote};
use sala_core::op::new_id;
use sala_core::text::{check_note_text, check_short_text};
use sala_core::{ErrorCode, SalaError};

use crate::error::{from_sqlite, not_found};
use crate::log::table::{self, Table};
use crate::swot::boards::SwotBoards;
use crate::swot::cards::SwotCards;
use crate::swot::votes::SwotVotes;
use crate::{Result, Store};

pub use sala_core::text::DEFAULT_VOTE_LIMIT;

impl Store {
    fn card(&self, id: &str) -> Result<SwotCard> {
        table::get::<SwotCards>(self.read(), id)?.ok_or_else(|| not_found("swot_card", id))
    }

    fn board_row(&self, group_id: &str, focus_area_id: &str) -> Result<Option<SwotBoard>> {
        let sql = format!(
            "SELECT {} FROM swot_boards WHERE group_id = ?1 AND focus_area_id = ?2 AND deleted = 0 ORDER BY id LIMIT 1",
            SwotBoards::COLUMNS.join(", ")
        );
        let mut stmt = self.read().prepare_cached(&sql).map_err(from_sqlite)?;
        let mut rows = stmt
            .query_map([group_id, focus_area_id], SwotBoards::from_sql)
            .map_err(from_sqlite)?;
        rows.next().transpose().map_err(from_sqlite)
    }

    /// The live cards of one board, in board order.
    fn board_cards(&self, group_id: &str, focus_area_id: &str) -> Result<Vec<SwotCard>> {
        let sql = format!(
            "SELECT {} FROM swot_cards WHERE group_id = ?1 AND focus_area_id = ?2 AND deleted = 0
             ORDER BY CASE quadrant WHEN 'strengths' THEN 0 WHEN 'weaknesses' THEN 1
                      WHEN 'opportunities' THEN 2 ELSE 3 END, position, id",
            SwotCards::COLUMNS.join(", ")
        );
        let mut stmt = self.read().prepare_cached(&sql).map_err(from_sqlite)?;
        let rows = stmt
            .query_map([group_id, focus_area_id], SwotCards::from_sql)
            .map_err(from_sqlite)?;
        rows.collect::<rusqlite::Result<Vec<_>>>()
            .map_err(from_sqlite)
    }

    /// Live votes on the cards of one board.
    fn board_votes(&self, group_id: &str, focus_area_id: &str) -> Result<Vec<SwotVote>> {
        let cols: Vec<String> = SwotVotes::COLUMNS
            .iter()
            .map(|c| format!("v.{c}"))
            .collect();
        let sql = format!(
            "SELECT {} FROM swot_votes v JOIN swot_cards c ON c.id = v.card_id
             WHERE c.group_id = ?1 AND c.focus_area_id = ?2 AND c.deleted = 0 AND v.deleted = 0
             ORDER BY v.card_id, v.voter, v.id",
            cols.join(", ")
        );
        let mut stmt = self.read().prepare_cached(&sql).map_err(from_sqlite)?;
        let rows = stmt
            .query_map([group_id, focus_area_id], SwotVotes::from_sql)
            .map_err(from_sqlite)?;
        rows.collect::<rusqlite::Result<Vec<_>>>()
            .map_err(from_sqlite)
    }

    /// A group's board for one focus area.
    pub fn board(&self, group_id: &str, focus_area_id: &str) -> Result<BoardView> {
        let vote_limit = self
            .board_row(group_id, focus_area_id)?
            .map_or(DEFAULT_VOTE_LIMIT, |b| b.vote_limit);
        let votes = self.board_votes(group_id, focus_area_id)?;
        let cards = self
            .board_cards(group_id, focus_area_id)?
            .into_iter()
            .map(|card| {
                let voters: Vec<String> = votes
                    .iter()
                    .filter(|v| v.card_id == card.id)
                    .map(|v| v.voter.clone())
                    .collect();
                CardView {
                    votes: voters.len() as u32,
                    voters,
                    card,
                }
            })
            .collect();
        Ok(BoardView {
            group_id: group_id.to_owned(),
            focus_area_id: focus_area_id.to_owned(),
            vote_limit,
            cards,
        })
    }

    /// Sets how many dots each person may place on a board.
    pub fn set_vote_limit(
        &mut self,
        group_id: &str,
        focus_area_id: &str,
        limit: u32,
    ) -> Result<BoardView> {
        if limit > 100 {
            return Err(SalaError::new(ErrorCode::InvalidArgument)
                .with("name", "vote_limit")
                .with("value", limit));
        }
        let workshop = self.current_workshop()?;
        self.find_group(group_id)?;
        self.focus_area(focus_area_id)?;
        let existing = self.board_row(group_id, focus_area_id)?;
        self.write(|w| {
            match existing {
                Some(b) => w.set::<SwotBoards>(&workshop.id, &b.id, "vote_limit", limit)?,
                None => {
                    let row = SwotBoard {
                        id: new_id(),
                        workshop_id: workshop.id.clone(),
                        group_id: group_id.to_owned(),
                        focus_area_id: focus_area_id.to_owned(),
                        vote_limit: limit,
                        deleted: false,
                    };
                    w.create::<SwotBoards>(&workshop.id, &row)?
                }
            };
            Ok(())
        })?;
        self.board(group_id, focus_area_id)
    }

    /// Adds a card at the end of its quadrant.
    pub fn add_card(&mut self, new: &NewCard) -> Result<SwotCard> {
        check_note_text(&new.text)?;
        let workshop = self.current_workshop()?;
        let group = self.find_group(&new.group_id)?;
        let focus = self.focus_area(&new.focus_area_id)?;
        if let Some(note_id) = &new.source_note_id {
            self.note(note_id)?;
        }
        let session = self.session_of(new.agenda_item_id.as_deref())?;
        let position = self
            .board_cards(&group.id, &focus.id)?
            .iter()
            .filter(|c| c.quadrant == new.quadrant)
            .map(|c| c.position + 1)
            .max()
            .unwrap_or(0);
        let card = SwotCard {
            id: new_id(),
            workshop_id: workshop.id.clone(),
            group_id: group.id,
            focus_area_id: focus.id,
            quadrant: new.quadrant,
            text: new.text.clone(),
            stakeholder: new.stakeholder,
            position,
            cluster_id: None,
            source_note_id: new.source_note_id.clone(),
            deleted: false,
            agenda_item_id: session,
        };
        self.write(|w| w.create::<SwotCards>(&workshop.id, &card).map(|_| ()))?;
        Ok(card)
    }

    /// Turns a note into a card (its text and speaker's category), keeping the link.
    pub fn card_from_note(
        &mut self,
        note_id: &str,
        focus_area_id: &str,
        quadrant: Quadrant,
    ) -> Result<SwotCard> {
        let note = self.note(note_id)?;
        // Made in the note's session, while that session is still on the agenda.
        let session = self
            .session_of(note.agenda_item_id.as_deref())
            .ok()
            .flatten();
        self.add_card(&NewCard {
            group_id: note.group_id.clone(),
            focus_area_id: focus_area_id.to_owned(),
            quadrant,
            text: note.text.clone(),
            stakeholder: note.stakeholder,
            source_note_id: Some(note.id),
            agenda_item_id: session,
        })
    }

    pub fn edit_card_text(&mut self, id: &str, text: &str) -> Result<SwotCard> {
        check_note_text(text)?;
        let card = self.card(id)?;
        if card.text != text {
            self.write(|w| {
                w.set::<SwotCards>(&card.workshop_id, id, "text", text)
                    .map(|_| ())
            })?;
        }
        self.card(id)
    }

    /// Moves a card (with its cluster) to `quadrant`, at `index` among that quadrant's other
    /// cards (clamped), renumbering only the cards whose position changes.
    pub fn move_card(&mut self, id: &str, quadrant: Quadrant, index: usize) -> Result<BoardView> {
        let card = self.card(id)?;
        let board = self.board_cards(&card.group_id, &card.focus_area_id)?;
        let cluster = card.cluster_id.clone();
        let moving: Vec<&SwotCard> = board
            .iter()
            .filter(|c| c.id == card.id || (cluster.is_some() && c.cluster_id == cluster))
            .collect();
        let mut order: Vec<&SwotCard> = board
            .iter()
            .filter(|c| c.quadrant == quadrant && !moving.iter().any(|m| m.id == c.id))
            .collect();
        let at = index.min(order.len());
        for (i, m) in moving.iter().enumerate() {
            order.insert(at + i, m);
        }
        self.write(|w| {
            for (position, c) in order.iter().enumerate() {
                if c.quadrant != quadrant {
                    w.set::<SwotCards>(&c.workshop_id, &c.id, "quadrant", quadrant)?;
                }
                if c.position != position as u32 {
                    w.set::<SwotCards>(&c.workshop_id, &c.id, "position", position as u32)?;
                }
            }
            Ok(())
        })?;
        self.board(&card.group_id, &card.focus_area_id)
    }

    /// Clusters `other` (and its cluster) into `lead`'s cluster. Every card keeps its text.
    pub fn cluster_cards(&mut self, lead_id: &str, other_id: &str) -> Result<BoardView> {
        let lead = self.card(lead_id)?;
        let other = self.card(other_id)?;
        if lead.id == other.id
            || lead.group_id != other.group_id
            || lead.focus_area_id != other.focus_area_id
            || lead.quadrant != other.quadrant
        {
            return Err(SalaError::new(ErrorCode::ClusterMismatch));
        }
        let key = lead.cluster_id.clone().unwrap_or_else(|| lead.id.clone());
        let board = self.board_cards(&lead.group_id, &lead.focus_area_id)?;
        self.write(|w| {
            if lead.cluster_id.is_none() {
                w.set::<SwotCards>(&lead.workshop_id, &lead.id, "cluster_id", &key)?;
            }
            for c in &board {
                let joins = c.id == other.id
                    || (other.cluster_id.is_some() && c.cluster_id == other.cluster_id);
                if joins && c.cluster_id.as_deref() != Some(key.as_str()) {
                    w.set::<SwotCards>(&c.workshop_id, &c.id, "cluster_id", &key)?;
                }
            }
            Ok(())
        })?;
        self.board(&lead.group_id, &lead.focus_area_id)
    }

    /// Takes one card out of its cluster.
    pub fn uncluster_card(&mut self, id: &str) -> Result<BoardView> {
        let card = self.card(id)?;
        if card.cluster_id.is_some() {
            self.write(|w| {
                w.set::<SwotCards>(&card.workshop_id, id, "cluster_id", Option::<String>::None)
                    .map(|_| ())
            })?;
        }
        self.board(&card.group_id, &card.focus_area_id)
    }

    /// Places one of `voter`'s dots on a card, within the board's vote limit.
    pub fn vote(&mut self, card_id: &str, voter: &str) -> Result<BoardView> {
        self.vote_in(card_id, voter, None)
    }

    /// [`Store::vote`], recording the session it is cast in.
    pub fn vote_in(
        &mut self,
        card_id: &str,
        voter: &str,
        session: Option<&str>,
    ) -> Result<BoardView> {
        let session = self.session_of(session)?;
        let voter = voter.trim();
        if voter.is_empty() {
            return Err(SalaError::new(ErrorCode::InvalidArgument)
                .with("name", "voter")
                .with("value", ""));
        }
        check_short_text(voter)?;
        let card = self.card(card_id)?;
        if card.deleted {
            return Err(not_found("swot_card", card_id));
        }
        let board = self.board(&card.group_id, &card.focus_area_id)?;
        let used = board
            .cards
            .iter()
            .flat_map(|c| &c.voters)
            .filter(|v| v.as_str() == voter)
            .count();
        if used as u32 >= board.vote_limit {
            return Err(SalaError::new(ErrorCode::VoteLimitReached)
                .with("voter", voter)
                .with("limit", board.vote_limit));
        }
        let vote = SwotVote {
            id: new_id(),
            workshop_id: card.workshop_id.clone(),
            card_id: card.id.clone(),
            voter: voter.to_owned(),
            deleted: false,
            agenda_item_id: session,
        };
        self.write(|w| w.create::<SwotVotes>(&card.workshop_id, &vote).map(|_| ()))?;
        self.board(&card.group_id, &card.focus_area_id)
    }

    /// Takes back one of `voter`'s dots from a card (nothing happens if there is none).
    pub fn unvote(&mut self, card_id: &str, voter: &str) -> Result<BoardView> {
        let card = self.card(card_id)?;
        let votes = self.board_votes(&card.group_id, &card.focus_area_id)?;
        if let Some(vote) = votes
            .iter()
            .rev()
            .find(|v| v.card_id == card_id && v.voter == voter.trim())
        {
            self.write(|w| {
                w.delete::<SwotVotes>(&vote.workshop_id, &vote.id)
                    .map(|_| ())
            })?;
        }
        self.board(&card.group_id, &card.focus_area_id)
    }

    pub fn delete_card(&mut self, id: &str) -> Result<SwotCard> {
        let card = self.card(id)?;
        if !card.deleted {
            self.write(|w| w.delete::<SwotCards>(&card.workshop_id, id).map(|_| ()))?;
        }
        self.card(id)
    }

    pub fn restore_card(&mut self, id: &str) -> Result<SwotCard> {
        let card = self.card(id)?;
        if card.deleted {
            self.write(|w| w.restore::<SwotCards>(&card.workshop_id, id).map(|_| ()))?;
        }
        self.card(id)
    }
}
