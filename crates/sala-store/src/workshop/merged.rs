//! The coordinator's merged view: every group's work on every focus area, filterable by the
//! table (device) that captured it and by the session of the agenda it was taken in; the
//! Conflicts inbox as the UI shows it; where each item came from (provenance); the table labels.
//!
//! A note belongs to a group, not to a focus area: it counts in every focus area its group works
//! on. A card belongs to one board (group × focus area). An action counts in its focus area and
//! in the group of the note or card it came from (none when it was written in plenary). A
//! picture on a board counts there; any other picture of a group counts as its notes do. A
//! picture names no session: a session's view leaves pictures out (as the work outside any
//! session shows them).

use std::collections::{BTreeMap, BTreeSet};

use rusqlite::{Connection, OptionalExtension, params};
use sala_core::api::{
    ConflictValue, ConflictView, Matrix, MatrixCell, MatrixFilter, MatrixItems, Provenance,
};
use sala_core::model::{Action, Group, Note, Picture, SwotCard};

use crate::error::from_sqlite;
use crate::log::table;
use crate::notes::rows::Notes;
use crate::plan::actions::Actions;
use crate::swot::cards::SwotCards;
use crate::workshop::groups::Groups;
use crate::{Result, Store};

/// Which device created each row of `entity` (from its `create` op).
fn creators(
    conn: &Connection,
    workshop_id: &str,
    entity: &str,
) -> Result<BTreeMap<String, String>> {
    let mut stmt = conn
        .prepare_cached(
            "SELECT entity_id, device FROM ops
             WHERE workshop_id = ?1 AND entity = ?2 AND kind = 'create'",
        )
        .map_err(from_sqlite)?;
    let rows = stmt
        .query_map(params![workshop_id, entity], |r| Ok((r.get(0)?, r.get(1)?)))
        .map_err(from_sqlite)?;
    rows.collect::<rusqlite::Result<_>>().map_err(from_sqlite)
}

struct Everything {
    groups: Vec<Group>,
    notes: Vec<Note>,
    cards: Vec<SwotCard>,
    actions: Vec<Action>,
    pictures: Vec<Picture>,
    card_device: BTreeMap<String, String>,
    action_device: BTreeMap<String, String>,
}

impl Everything {
    fn load(conn: &Connection, workshop_id: &str) -> Result<Self> {
        Ok(Everything {
            groups: table::list::<Groups>(conn, workshop_id, false)?,
            notes: table::list::<Notes>(conn, workshop_id, false)?,
            cards: table::list::<SwotCards>(conn, workshop_id, false)?,
            actions: table::list::<Actions>(conn, workshop_id, false)?,
            pictures: table::list::<crate::pictures::rows::Pictures>(conn, workshop_id, false)?,
            card_device: creators(conn, workshop_id, "swot_card")?,
            action_device: creators(conn, workshop_id, "action")?,
        })
    }

    fn devices(&self) -> Vec<String> {
        let mut all: BTreeSet<&str> = self.notes.iter().map(|n| n.device_id.as_str()).collect();
        all.extend(self.card_device.values().map(String::as_str));
        all.extend(self.action_device.values().map(String::as_str));
        all.extend(self.pictures.iter().map(|p| p.device.as_str()));
        all.into_iter().map(str::to_owned).collect()
    }

    /// The group an action came from (through its source note or card).
    fn action_group(&self, a: &Action) -> Option<String> {
        let source = a.source_id.as_deref()?;
        self.notes
            .iter()
            .find(|n| n.id == source)
            .map(|n| n.group_id.clone())
            .or_else(|| {
                self.cards
                    .iter()
                    .find(|c| c.id == source)
                    .map(|c| c.group_id.clone())
            })
    }

    /// Every (group, focus area) an item falls in, with the item, for the table and session
    /// `filter` names (or all).
    fn cells(&self, filter: &MatrixFilter) -> BTreeMap<(String, String), MatrixItems> {
        let device = filter.device.as_deref();
        let by = |d: Option<&String>| device.is_none_or(|want| d.is_some_and(|d| d == want));
        let then = |s: &Option<String>| filter.session.keeps(s.as_deref());
        let focus_of: BTreeMap<&str, &[String]> = self
            .groups
            .iter()
            .map(|g| (g.id.as_str(), g.focus_area_ids.as_slice()))
            .collect();
        let mut cells: BTreeMap<(String, String), MatrixItems> = BTreeMap::new();
        for n in self
            .notes
            .iter()
            .filter(|n| by(Some(&n.device_id)) && then(&n.agenda_item_id))
        {
            for fa in focus_of
                .get(n.group_id.as_str())
                .copied()
                .unwrap_or_default()
            {
                cells
                    .entry((n.group_id.clone(), fa.clone()))
                    .or_default()
                    .notes
                    .push(n.clone());
            }
        }
        for c in self
            .cards
            .iter()
            .filter(|c| by(self.card_device.get(&c.id)) && then(&c.agenda_item_id))
        {
            cells
                .entry((c.group_id.clone(), c.focus_area_id.clone()))
                .or_default()
                .cards
                .push(c.clone());
        }
        for a in self
            .actions
            .iter()
            .filter(|a| by(self.action_device.get(&a.id)) && then(&a.agenda_item_id))
        {
            let Some(fa) = a.focus_area_id.clone() else {
                continue;
            };
            let group = self.action_group(a).unwrap_or_default();
            cells
                .entry((group, fa))
                .or_default()
                .actions
                .push(a.clone());
        }
        for p in self
            .pictures
            .iter()
            .filter(|p| by(Some(&p.device)) && then(&None))
        {
            let areas: Vec<&String> = match &p.focus_area_id {
                Some(fa) => vec![fa],
                None => focus_of
                    .get(p.group_id.as_str())
                    .copied()
                    .unwrap_or_default()
                    .iter()
                    .collect(),
            };
            for fa in areas {
                cells
                    .entry((p.group_id.clone(), fa.clone()))
                    .or_default()
                    .pictures
                    .push(p.clone());
            }
        }
        cells
    }
}

impl Store {
    /// Focus areas × groups with counts of notes, cards and actions; only one table's work, or
    /// one session's, when `filter` says so. Actions written in plenary have an empty group id.
    pub fn matrix(&self, filter: &MatrixFilter) -> Result<Matrix> {
        let workshop = self.current_workshop()?;
        let all = Everything::load(self.read(), &workshop.id)?;
        let count = |n: usize| u32::try_from(n).unwrap_or(u32::MAX);
        Ok(Matrix {
            cells: all
                .cells(filter)
                .into_iter()
                .map(|((group_id, focus_area_id), items)| MatrixCell {
                    group_id,
                    focus_area_id,
                    notes: count(items.notes.len()),
                    cards: count(items.cards.len()),
                    actions: count(items.actions.len()),
                    pictures: count(items.pictures.len()),
                })
                .collect(),
            devices: all.devices(),
        })
    }

    /// What one cell of the matrix holds.
    pub fn matrix_cell(
        &self,
        group_id: &str,
        focus_area_id: &str,
        filter: &MatrixFilter,
    ) -> Result<MatrixItems> {
        let workshop = self.current_workshop()?;
        let all = Everything::load(self.read(), &workshop.id)?;
        Ok(all
            .cells(filter)
            .remove(&(group_id.to_owned(), focus_area_id.to_owned()))
            .unwrap_or_default())
    }

    /// The Conflicts inbox: every unresolved field, with the item it belongs to.
    pub fn conflict_views(&self) -> Result<Vec<ConflictView>> {
        let conn = self.read();
        let mut out = Vec::new();
        for c in self.conflicts()? {
            let table = c.entity.as_str();
            let (context, group_id) = context_of(conn, table, &c.entity_id)?;
            out.push(ConflictView {
                entity: table.to_owned(),
                entity_id: c.entity_id,
                field: c.field,
                context,
                group_id,
                merged: c
                    .merged
                    .map(|v| v.as_str().map_or_else(|| v.to_string(), str::to_owned)),
                values: c
                    .values
                    .into_iter()
                    .map(|h| ConflictValue {
                        text: h
                            .value
                            .as_str()
                            .map_or_else(|| h.value.to_string(), str::to_owned),
                        json: h.value.to_string(),
                        op_id: h.op_id,
                        device: h.device,
                        at_ms: i64::try_from(h.hlc.wall_ms).unwrap_or(i64::MAX),
                    })
                    .collect(),
            });
        }
        Ok(out)
    }

    /// The table label of every laptop seen in this workshop, this one's own included (for
    /// reports: "Table 3" rather than a device id). Laptops without a label are left out.
    pub fn table_labels(&self) -> Result<std::collections::BTreeMap<String, String>> {
        let workshop = self.current_workshop()?;
        let mut labels: std::collections::BTreeMap<String, String> =
            crate::sync::peers::peers(self.read(), &workshop.id)?
                .into_iter()
                .filter(|p| !p.label.trim().is_empty())
                .map(|p| (p.device, p.label))
                .collect();
        if let Some(own) = self
            .setting(crate::sync::TABLE_LABEL)?
            .filter(|l| !l.trim().is_empty())
        {
            labels.insert(self.device_id().to_owned(), own);
        }
        Ok(labels)
    }

    /// Who created and last changed each of these items (ids unknown here are left out).
    pub fn provenance(&self, ids: &[String]) -> Result<Vec<Provenance>> {
        let conn = self.read();
        let mut out = Vec::new();
        for id in ids {
            if let Some(p) = provenance_of(conn, id)? {
                out.push(p);
            }
        }
        Ok(out)
    }
}

/// The first and the latest op of every item of `entities` in a workshop, by item id — one
/// pass over the workshop's ops (a dump of 20,000 notes asked item by item read the whole log
/// 20,000 times).
pub fn provenance_of_workshop(
    conn: &Connection,
    workshop_id: &str,
    entities: &[sala_core::op::Entity],
) -> Result<std::collections::BTreeMap<String, Provenance>> {
    /// (hlc, op id, device) of an item's first and latest op.
    type End = (String, String, String);
    let mut ends: std::collections::BTreeMap<String, (End, End)> = Default::default();
    for entity in entities {
        let mut stmt = conn
            .prepare_cached(
                "SELECT entity_id, hlc, id, device FROM ops WHERE entity = ?1 AND workshop_id = ?2",
            )
            .map_err(from_sqlite)?;
        let rows = stmt
            .query_map([entity.as_str(), workshop_id], |r| {
                Ok((r.get::<_, String>(0)?, (r.get(1)?, r.get(2)?, r.get(3)?)))
            })
            .map_err(from_sqlite)?;
        for row in rows {
            let (item, op): (String, End) = row.map_err(from_sqlite)?;
            match ends.get_mut(&item) {
                None => {
                    ends.insert(item, (op.clone(), op));
                }
                Some((first, last)) => {
                    if (&op.0, &op.1) < (&first.0, &first.1) {
                        *first = op.clone();
                    }
                    if (&op.0, &op.1) > (&last.0, &last.1) {
                        *last = op;
                    }
                }
            }
        }
    }
    Ok(ends
        .into_iter()
        .map(|(id, (first, last))| {
            let p = Provenance {
                id: id.clone(),
                created_by: first.2,
                created_hlc: first.0,
                edited_by: last.2,
                edited_hlc: last.0,
            };
            (id, p)
        })
        .collect())
}

/// The first and the latest op of an item.
pub fn provenance_of(conn: &Connection, id: &str) -> Result<Option<Provenance>> {
    // Through the (entity, entity_id) index: one probe per kind of row.
    let kinds: Vec<String> = sala_core::op::Entity::ALL
        .iter()
        .map(|e| format!("'{}'", e.as_str()))
        .collect();
    let ends = |order: &str| -> Result<Option<(String, String)>> {
        conn.prepare_cached(&format!(
            "SELECT device, hlc FROM ops WHERE entity IN ({}) AND entity_id = ?1 ORDER BY hlc {order}, id {order} LIMIT 1",
            kinds.join(", ")
        ))
        .map_err(from_sqlite)?
        .query_row([id], |r| Ok((r.get(0)?, r.get(1)?)))
        .optional()
        .map_err(from_sqlite)
    };
    let (Some((created_by, created_hlc)), Some((edited_by, edited_hlc))) =
        (ends("ASC")?, ends("DESC")?)
    else {
        return Ok(None);
    };
    Ok(Some(Provenance {
        id: id.to_owned(),
        created_by,
        created_hlc,
        edited_by,
        edited_hlc,
    }))
}

/// The text a person recognises an item by, and its group.
fn context_of(conn: &Connection, table: &str, id: &str) -> Result<(String, Option<String>)> {
    let sql = match table {
        "note" => "SELECT text, group_id FROM notes WHERE id = ?1",
        "swot_card" => "SELECT text, group_id FROM swot_cards WHERE id = ?1",
        "action" => "SELECT title, NULL FROM actions WHERE id = ?1",
        "group" => "SELECT name, id FROM groups WHERE id = ?1",
        "participant" => "SELECT name_en || ' ' || name_lo, NULL FROM participants WHERE id = ?1",
        // The Workshop settings: what the row says now, in Lao when it has Lao.
        "guiding_question" => {
            "SELECT COALESCE(NULLIF(text_lo, ''), text_en), NULL FROM guiding_questions WHERE id = ?1"
        }
        "focus_area" => {
            "SELECT COALESCE(NULLIF(name_lo, ''), name_en), NULL FROM focus_areas WHERE id = ?1"
        }
        "agenda_item" => {
            "SELECT COALESCE(NULLIF(title_lo, ''), title_en), NULL FROM agenda_items WHERE id = ?1"
        }
        "workshop" => {
            "SELECT COALESCE(NULLIF(title_lo, ''), title_en), NULL FROM workshops WHERE id = ?1"
        }
        _ => return Ok((String::new(), None)),
    };
    Ok(conn
        .query_row(sql, [id], |r| Ok((r.get(0)?, r.get(1)?)))
        .optional()
        .map_err(from_sqlite)?
        .unwrap_or_default())
}
