//! The search index: every change to a note, a SWOT card, an action, a participant or a written
//! survey answer re-indexes that item in the same transaction ([`reindex`], called from
//! [`crate::log::apply`]; the writes gathered in [`Pending`] until the transaction ends). The
//! trigram table and the short-gram table (characters and pairs, for one- and two-character Lao
//! words) and their migrations are here.

use rusqlite::{Connection, OptionalExtension, params};
use sala_core::op::Entity;

use crate::Result;
use crate::error::from_sqlite;
use crate::log::table::{self, enum_sql};
use crate::surveys::responses::SurveyResponses;
use crate::{
    notes::rows::Notes, people::participants::Participants, plan::actions::Actions,
    swot::cards::SwotCards,
};

pub const MIGRATION: &str = "
CREATE TABLE search_docs (
    rowid         INTEGER PRIMARY KEY,
    entity        TEXT NOT NULL,
    entity_id     TEXT NOT NULL UNIQUE,
    workshop_id   TEXT NOT NULL,
    group_id      TEXT,
    question_id   TEXT,
    focus_area_id TEXT,
    stakeholder   TEXT,
    lang          TEXT,
    key_point     INTEGER NOT NULL DEFAULT 0,
    display       TEXT NOT NULL,  -- the text as typed, for showing the hit
    body          TEXT NOT NULL   -- the same in search normal form
);
CREATE VIRTUAL TABLE search_fts USING fts5(body, content='search_docs', content_rowid='rowid', tokenize='trigram');
CREATE TRIGGER search_docs_ai AFTER INSERT ON search_docs BEGIN
    INSERT INTO search_fts (rowid, body) VALUES (new.rowid, new.body);
END;
CREATE TRIGGER search_docs_ad AFTER DELETE ON search_docs BEGIN
    INSERT INTO search_fts (search_fts, rowid, body) VALUES ('delete', old.rowid, old.body);
END;
CREATE TRIGGER search_docs_au AFTER UPDATE ON search_docs BEGIN
    INSERT INTO search_fts (search_fts, rowid, body) VALUES ('delete', old.rowid, old.body);
    INSERT INTO search_fts (rowid, body) VALUES (new.rowid, new.body);
END;
";

/// The index of one- and two-character substrings: one ASCII token per distinct character and
/// per distinct pair of adjacent non-space characters of an item's normal form (see
/// [`gram_token`]). Contentless and rowid-only (`detail=none`), so it stays small; its rowids are
/// those of `search_docs`.
pub const SHORT_MIGRATION: &str = "
CREATE VIRTUAL TABLE search_short USING fts5(grams, content='', contentless_delete=1, detail=none, tokenize='ascii');
";

/// Indexes the written answers of the survey responses already in the database (they became
/// searchable after they were written).
pub fn index_survey_responses(tx: &rusqlite::Transaction<'_>) -> Result<()> {
    let ids: Vec<String> = tx
        .prepare("SELECT id FROM survey_responses")
        .and_then(|mut st| {
            st.query_map([], |r| r.get(0))?
                .collect::<rusqlite::Result<Vec<String>>>()
        })
        .map_err(from_sqlite)?;
    let mut pending = Pending::default();
    for id in ids {
        reindex(tx, Entity::SurveyResponse, &id, &mut pending)?;
    }
    pending.flush(tx)
}

/// Indexes again the items whose text has Lao marks in another order than Lao writes them: the
/// normal form puts them in order since issue 16, so that both spellings find each other.
pub fn refold_lao_marks(tx: &rusqlite::Transaction<'_>) -> Result<()> {
    let docs: Vec<(String, String, String)> = tx
        .prepare("SELECT entity, entity_id, display FROM search_docs")
        .and_then(|mut st| {
            st.query_map([], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))?
                .collect::<rusqlite::Result<Vec<_>>>()
        })
        .map_err(from_sqlite)?;
    let mut pending = Pending::default();
    for (entity, id, display) in docs {
        let reordered = sala_core::text::order_lao_marks(&display);
        if let (std::borrow::Cow::Owned(_), Some(entity)) = (reordered, Entity::parse(&entity)) {
            reindex(tx, entity, &id, &mut pending)?;
        }
    }
    pending.flush(tx)
}

/// `reindex` keeps the full-text tables itself (see there): the triggers go.
pub const NO_TRIGGERS_MIGRATION: &str = "
DROP TRIGGER search_docs_ai;
DROP TRIGGER search_docs_ad;
DROP TRIGGER search_docs_au;
";

/// FTS5 writes its in-memory index out as a new segment whenever it passes `hashsize` (1 MiB by
/// default), and merges segments as they pile up: a received batch of 20,000 notes made dozens of
/// segments and merged them again and again. At 32 MiB a batch is one segment.
pub const HASHSIZE_MIGRATION: &str = "
INSERT INTO search_fts (search_fts, rank) VALUES ('hashsize', 33554432);
INSERT INTO search_short (search_short, rank) VALUES ('hashsize', 33554432);
";

/// Where the documents not in the full-text tables yet begin, if any are ([`defer_from`]).
pub fn pending_from(conn: &Connection) -> Result<Option<i64>> {
    Ok(
        crate::db::meta::get(conn, crate::db::meta::SEARCH_PENDING_FROM)?
            .and_then(|v| v.parse().ok()),
    )
}

/// Leaves every search document from rowid `first` on out of the full-text tables, in this
/// transaction and after, until [`build_pending_step`] indexes them: a big join commits
/// the workshop first and builds its search index right after, out of the join's way. Holds
/// whatever happens meanwhile: a document from `first` on, new or changed, is indexed by the
/// build as it then is; one below it is kept as always.
pub fn defer_from(conn: &Connection, first: i64) -> Result<()> {
    let from = pending_from(conn)?.map_or(first, |f| f.min(first));
    crate::db::meta::set(
        conn,
        crate::db::meta::SEARCH_PENDING_FROM,
        &from.to_string(),
    )
}

/// The rowid the next search document will get (the first a load defers).
pub fn next_rowid(conn: &Connection) -> Result<i64> {
    conn.query_row(
        "SELECT coalesce(max(rowid), 0) + 1 FROM search_docs",
        [],
        |r| r.get(0),
    )
    .map_err(from_sqlite)
}

/// Indexes up to `max` of the documents [`defer_from`] left out, the oldest first, in the
/// caller's transaction; true when some are still left (the mark moves past those indexed;
/// documents written meanwhile have higher rowids and wait for a later step).
pub fn build_pending_step(conn: &Connection, max: i64) -> Result<bool> {
    let Some(from) = pending_from(conn)? else {
        return Ok(false);
    };
    let slice: Vec<(i64, String)> = cached(
        conn,
        "SELECT rowid, body FROM search_docs WHERE rowid >= ?1 ORDER BY rowid LIMIT ?2",
    )?
    .query_map(params![from, max], |r| Ok((r.get(0)?, r.get(1)?)))
    .and_then(|rows| rows.collect::<rusqlite::Result<Vec<(i64, String)>>>())
    .map_err(from_sqlite)?;
    let done = |conn: &Connection| {
        conn.execute(
            "DELETE FROM meta WHERE key = ?1",
            [crate::db::meta::SEARCH_PENDING_FROM],
        )
        .map_err(from_sqlite)
    };
    let Some(&(last, _)) = slice.last() else {
        done(conn)?;
        return Ok(false);
    };
    cached(
        conn,
        "INSERT INTO search_fts (rowid, body) SELECT value ->> 0, value ->> 1 FROM json_each(?1)",
    )?
    .execute([serde_json::to_string(&slice).unwrap_or_default()])
    .map_err(from_sqlite)?;
    index_short(
        conn,
        slice.iter().map(|(rowid, body)| (*rowid, body.as_str())),
    )?;
    let more: bool = conn
        .query_row(
            "SELECT EXISTS (SELECT 1 FROM search_docs WHERE rowid > ?1)",
            [last],
            |r| r.get(0),
        )
        .map_err(from_sqlite)?;
    if more {
        crate::db::meta::set(
            conn,
            crate::db::meta::SEARCH_PENDING_FROM,
            &(last + 1).to_string(),
        )?;
    } else {
        done(conn)?;
    }
    Ok(more)
}

/// Fills [`SHORT_MIGRATION`]'s table for the items indexed before it existed.
pub fn fill_short(tx: &rusqlite::Transaction<'_>) -> rusqlite::Result<()> {
    let mut read = tx.prepare("SELECT rowid, body FROM search_docs")?;
    let mut write = tx.prepare("INSERT INTO search_short (rowid, grams) VALUES (?1, ?2)")?;
    let rows = read.query_map([], |r| Ok((r.get::<_, i64>(0)?, r.get::<_, String>(1)?)))?;
    for row in rows {
        let (rowid, body) = row?;
        write.execute(params![rowid, short_grams(&body)])?;
    }
    Ok(())
}

/// The token standing for a one- or two-character term: each character's code point as six hex
/// digits (so `ມີ` is `000ea1000eb5`). Tokens of one and two characters never collide.
pub fn gram_token(term: &str) -> String {
    term.chars()
        .map(|c| format!("{:06x}", u32::from(c)))
        .collect()
}

/// Every distinct character and adjacent pair of characters of `body` (pairs across a space are
/// left out: a query term never holds a space), as [`gram_token`]s separated by spaces, sorted.
pub fn short_grams(body: &str) -> String {
    let chars: Vec<char> = body.chars().collect();
    let mut grams: Vec<u64> = Vec::with_capacity(chars.len() * 2);
    for (i, &c) in chars.iter().enumerate() {
        if c.is_whitespace() {
            continue;
        }
        grams.push(u64::from(u32::from(c)));
        if let Some(&n) = chars.get(i + 1).filter(|n| !n.is_whitespace()) {
            // A pair sorts above every single character (bit 42 set).
            grams.push((1 << 42) | (u64::from(u32::from(c)) << 21) | u64::from(u32::from(n)));
        }
    }
    grams.sort_unstable();
    grams.dedup();
    let mut out = String::with_capacity(grams.len() * 13);
    for g in grams {
        if !out.is_empty() {
            out.push(' ');
        }
        if g >> 42 == 1 {
            push_hex6(&mut out, (g >> 21) & 0x1F_FFFF);
        }
        push_hex6(&mut out, g & 0x1F_FFFF);
    }
    out
}

/// `v` as six lowercase hex digits (as `format!("{v:06x}")`, without its cost: this runs for
/// every character of every item indexed).
fn push_hex6(out: &mut String, v: u64) {
    const HEX: &[u8; 16] = b"0123456789abcdef";
    for shift in (0..6).rev() {
        out.push(char::from(HEX[((v >> (shift * 4)) & 0xF) as usize]));
    }
}

struct Doc {
    workshop_id: String,
    group_id: Option<String>,
    question_id: Option<String>,
    focus_area_id: Option<String>,
    stakeholder: Option<String>,
    lang: Option<String>,
    key_point: bool,
    display: String,
}

fn opt_enum<T: serde::Serialize>(v: &Option<T>) -> Option<String> {
    v.as_ref().and_then(|v| match enum_sql(v) {
        rusqlite::types::Value::Text(s) => Some(s),
        _ => None,
    })
}

fn join(parts: &[&str]) -> String {
    parts
        .iter()
        .filter(|p| !p.trim().is_empty())
        .copied()
        .collect::<Vec<_>>()
        .join(" · ")
}

/// The searchable document of one row, or `None` when it is in the trash (or not searchable).
fn doc(conn: &Connection, entity: Entity, id: &str) -> Result<Option<Doc>> {
    Ok(match entity {
        Entity::Note => table::get::<Notes>(conn, id)?
            .filter(|n| !n.deleted)
            .map(|n| {
                let tags = n.tags.join(" ");
                Doc {
                    display: join(&[&n.text, n.translation.as_deref().unwrap_or(""), &tags]),
                    workshop_id: n.workshop_id,
                    group_id: Some(n.group_id),
                    question_id: Some(n.question_id),
                    focus_area_id: None,
                    stakeholder: opt_enum(&n.stakeholder),
                    lang: opt_enum(&Some(n.lang)),
                    key_point: n.key_point,
                }
            }),
        Entity::SwotCard => table::get::<SwotCards>(conn, id)?
            .filter(|c| !c.deleted)
            .map(|c| Doc {
                display: c.text,
                workshop_id: c.workshop_id,
                group_id: Some(c.group_id),
                question_id: None,
                focus_area_id: Some(c.focus_area_id),
                stakeholder: opt_enum(&c.stakeholder),
                lang: None,
                key_point: false,
            }),
        Entity::Action => table::get::<Actions>(conn, id)?
            .filter(|a| !a.deleted)
            .map(|a| Doc {
                display: join(&[&a.title, &a.description, &a.responsible, &a.partners]),
                workshop_id: a.workshop_id,
                group_id: None,
                question_id: None,
                focus_area_id: a.focus_area_id,
                stakeholder: None,
                lang: None,
                key_point: false,
            }),
        // A survey response by its written answers (none written: nothing to find).
        Entity::SurveyResponse => table::get::<SurveyResponses>(conn, id)?
            .filter(|r| !r.deleted)
            .and_then(|r| {
                let texts: Vec<&str> = r
                    .answers
                    .values()
                    .filter_map(|a| match a {
                        sala_core::survey::Answer::Text(t) if !t.trim().is_empty() => {
                            Some(t.trim())
                        }
                        _ => None,
                    })
                    .collect();
                (!texts.is_empty()).then(|| Doc {
                    display: join(&texts),
                    workshop_id: r.workshop_id,
                    group_id: None,
                    question_id: None,
                    focus_area_id: None,
                    stakeholder: None,
                    lang: None,
                    key_point: false,
                })
            }),
        Entity::Participant => table::get::<Participants>(conn, id)?
            .filter(|p| !p.deleted)
            .map(|p| Doc {
                display: join(&[&p.name.lo, &p.name.en, &p.organisation]),
                workshop_id: p.workshop_id,
                group_id: p.group_id,
                question_id: None,
                focus_area_id: None,
                stakeholder: opt_enum(&p.stakeholder),
                lang: None,
                key_point: false,
            }),
        // A picture by its caption (no caption: nothing to find).
        Entity::Picture => table::get::<crate::pictures::rows::Pictures>(conn, id)?
            .filter(|p| !p.deleted && !p.caption.trim().is_empty())
            .map(|p| Doc {
                display: p.caption,
                workshop_id: p.workshop_id,
                group_id: Some(p.group_id),
                question_id: p.question_id,
                focus_area_id: p.focus_area_id,
                stakeholder: None,
                lang: None,
                key_point: false,
            }),
        _ => None,
    })
}

pub(super) fn cached<'c>(conn: &'c Connection, sql: &str) -> Result<rusqlite::CachedStatement<'c>> {
    conn.prepare_cached(sql).map_err(from_sqlite)
}

/// Full-text work gathered over a transaction and written at its end, one statement per table.
///
/// FTS5 writes its pending index to disk whenever a statement opens a savepoint — and every
/// insert into a table with constraints does, once a full-text table has been written in the
/// transaction. Row by row, that made one tiny segment per row, merged over and over: three
/// quarters of the time of a large sync. Gathered, a whole received file is one segment.
#[derive(Debug, Default)]
pub struct Pending {
    /// (rowid, body) to index.
    add: Vec<(i64, String)>,
    /// (rowid, old body) to take out.
    remove: Vec<(i64, String)>,
}

impl Pending {
    /// Takes `rowid`'s indexed `body` out: a row indexed earlier in this transaction is simply
    /// not added (FTS5 must never be asked to delete what it does not hold).
    fn take_out(&mut self, rowid: i64, body: String) {
        match self.add.iter().position(|(r, _)| *r == rowid) {
            Some(i) => {
                self.add.remove(i);
            }
            None => self.remove.push((rowid, body)),
        }
    }

    /// Writes the gathered work to the full-text tables — but for documents not indexed yet
    /// ([`defer_from`]): they are indexed as they then are, by [`build_pending_step`].
    pub fn flush(mut self, conn: &Connection) -> Result<()> {
        if let Some(from) = pending_from(conn)? {
            self.remove.retain(|(rowid, _)| *rowid < from);
            self.add.retain(|(rowid, _)| *rowid < from);
        }
        if !self.remove.is_empty() {
            let rows = serde_json::to_string(&self.remove).unwrap_or_default();
            cached(
                conn,
                "INSERT INTO search_fts (search_fts, rowid, body)
                 SELECT 'delete', value ->> 0, value ->> 1 FROM json_each(?1)",
            )?
            .execute([&rows])
            .map_err(from_sqlite)?;
            cached(
                conn,
                "DELETE FROM search_short WHERE rowid IN (SELECT value ->> 0 FROM json_each(?1))",
            )?
            .execute([&rows])
            .map_err(from_sqlite)?;
        }
        if !self.add.is_empty() {
            let rows = serde_json::to_string(&self.add).unwrap_or_default();
            cached(
                conn,
                "INSERT INTO search_fts (rowid, body) SELECT value ->> 0, value ->> 1 FROM json_each(?1)",
            )?
            .execute([&rows])
            .map_err(from_sqlite)?;
            index_short(
                conn,
                self.add.iter().map(|(rowid, body)| (*rowid, body.as_str())),
            )?;
        }
        Ok(())
    }
}

/// Adds the short grams of each (rowid, body) to the short-gram index, in one statement.
fn index_short<'b>(conn: &Connection, docs: impl Iterator<Item = (i64, &'b str)>) -> Result<()> {
    let grams: Vec<(i64, String)> = docs
        .map(|(rowid, body)| (rowid, short_grams(body)))
        .collect();
    cached(
        conn,
        "INSERT INTO search_short (rowid, grams) SELECT value ->> 0, value ->> 1 FROM json_each(?1)",
    )?
    .execute([serde_json::to_string(&grams).unwrap_or_default()])
    .map_err(from_sqlite)?;
    Ok(())
}

/// Brings one row's search document up to date (removing it when the row is in the trash), in
/// the same transaction; a body that did not change is not re-indexed. The full-text writes are
/// gathered in `pending` (flush it before the transaction ends).
pub fn reindex(conn: &Connection, entity: Entity, id: &str, pending: &mut Pending) -> Result<()> {
    if !matches!(
        entity,
        Entity::Note
            | Entity::SwotCard
            | Entity::Action
            | Entity::Participant
            | Entity::SurveyResponse
            | Entity::Picture
    ) {
        return Ok(());
    }
    let old: Option<(i64, String)> = cached(
        conn,
        "SELECT rowid, body FROM search_docs WHERE entity_id = ?1",
    )?
    .query_row([id], |r| Ok((r.get(0)?, r.get(1)?)))
    .optional()
    .map_err(from_sqlite)?;
    match (doc(conn, entity, id)?, old) {
        (None, None) => {}
        (None, Some((rowid, body))) => {
            pending.take_out(rowid, body);
            cached(conn, "DELETE FROM search_docs WHERE rowid = ?1")?
                .execute([rowid])
                .map_err(from_sqlite)?;
        }
        (Some(d), old) => {
            let body = sala_text::fold(&d.display);
            let values = params![
                entity.as_str(),
                id,
                d.workshop_id,
                d.group_id,
                d.question_id,
                d.focus_area_id,
                d.stakeholder,
                d.lang,
                d.key_point,
                d.display,
                body
            ];
            match old {
                None => {
                    let rowid: i64 = cached(
                        conn,
                        "INSERT INTO search_docs (entity, entity_id, workshop_id, group_id, question_id,
                                                  focus_area_id, stakeholder, lang, key_point, display, body)
                         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11) RETURNING rowid",
                    )?
                    .query_row(values, |r| r.get(0))
                    .map_err(from_sqlite)?;
                    pending.add.push((rowid, body));
                }
                Some((rowid, old_body)) => {
                    cached(
                        conn,
                        "UPDATE search_docs SET entity = ?1, workshop_id = ?3, group_id = ?4,
                            question_id = ?5, focus_area_id = ?6, stakeholder = ?7, lang = ?8,
                            key_point = ?9, display = ?10, body = ?11
                         WHERE entity_id = ?2",
                    )?
                    .execute(values)
                    .map_err(from_sqlite)?;
                    if old_body != body {
                        pending.take_out(rowid, old_body);
                        pending.add.push((rowid, body));
                    }
                }
            }
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used)]
    use super::*;

    /// `body` indexes `term` exactly when the body (in normal form) contains it.
    fn check(body: &str, term: &str, found: bool) {
        let grams = short_grams(body);
        let token = gram_token(term);
        assert_eq!(
            grams.split(' ').any(|g| g == token),
            found,
            "{term:?} in {body:?} (grams {grams})"
        );
    }

    #[test]
    fn every_character_and_pair_is_a_gram_and_nothing_else() {
        check("ມີນໍ້າ", "ມ", true);
        check("ມີນໍ້າ", "ມີ", true);
        check("ມີນໍ້າ", "ໍ້", true);
        check("ມີນໍ້າ", "າ", true);
        check("ມີນໍ້າ", "ີນ", true);
        check("ມີນໍ້າ", "ນມ", false);
        check("ມີນໍ້າ", "ກ", false);
        check("a", "a", true);
        check("ab cd", "ab", true);
        check("ab cd", "bc", false);
        check("ok 😀!", "😀", true);
        check("ok 😀!", "😀!", true);
        check("ok 😀!", "k😀", false);
        check("ab cd", "b ", false);
        check("ab\ncd", "cd", true);
        check("", "a", false);
        check("𝔸x", "𝔸x", true);
    }

    #[test]
    fn tokens_of_one_and_two_characters_never_collide() {
        assert_eq!(gram_token("ມີ"), "000ea1000eb5");
        assert_eq!(gram_token("a"), "000061");
        assert_ne!(gram_token("\u{61}\u{61}"), gram_token("a"));
        // Sorted and distinct, so re-indexing the same text writes the same tokens.
        assert_eq!(
            short_grams("abab"),
            "000061 000062 000061000062 000062000061"
        );
    }

    #[test]
    fn the_short_index_is_filled_for_items_indexed_before_it_existed() {
        let mut conn = Connection::open_in_memory().unwrap();
        crate::db::migrations::all()
            .to_version(&mut conn, 15)
            .unwrap();
        conn.execute(
            "INSERT INTO search_docs (rowid, entity, entity_id, workshop_id, display, body)
             VALUES (7, 'note', 'n1', 'w1', 'ມີ ບັນຫາ', 'ມີ ບັນຫາ')",
            [],
        )
        .unwrap();
        crate::db::migrations::migrate(&mut conn).unwrap();
        let found: Vec<i64> = conn
            .prepare("SELECT rowid FROM search_short WHERE search_short MATCH ?1")
            .unwrap()
            .query_map([gram_token("ມີ")], |r| r.get(0))
            .unwrap()
            .collect::<rusqlite::Result<_>>()
            .unwrap();
        assert_eq!(found, vec![7]);
    }
}
