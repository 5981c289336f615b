//! Search over notes, SWOT cards, actions, participants and written survey answers, in Lao and English.
//!
//! Every change to one of those rows re-indexes it in the same transaction ([`index::reindex`],
//! called from [`crate::log::apply`]). The index keeps each item's text in the search normal form of
//! `sala-text` (the query is normalised the same way) in an FTS5 **trigram** table: any query
//! term of three or more characters is found wherever it occurs, inside Lao words too. Shorter
//! terms (one- and two-character Lao words such as ນໍ້າ's parts, ໄດ້, ມີ) are below a trigram: a
//! second, rowid-only FTS5 table ([`index::SHORT_MIGRATION`]) holds every distinct character and
//! character pair of each item as a token ([`index::short_grams`]), so they are found without reading
//! every item. Results are ranked:
//! whole words (ICU4X word boundaries) above fragments, more occurrences, key points, shorter
//! texts.

pub mod index;

use rusqlite::{Connection, OptionalExtension};
use sala_core::api::{SearchHit, SearchQuery, Snippet};

use crate::error::from_sqlite;
use crate::{Result, Store};

use index::gram_token;

impl Store {
    /// Builds the search index a big join left to be built after it ([`index::defer_from`]),
    /// a slice at a time, each in a transaction of its own; also at start, after a crash
    /// between the join and the build. True when it did any.
    pub fn index_pending(&mut self) -> Result<bool> {
        let mut built = false;
        while index::pending_from(&self.conn)?.is_some() {
            self.index_pending_step(INDEX_SLICE)?;
            built = true;
        }
        Ok(built)
    }

    /// Indexes up to `max` documents a big join left for after it, in one transaction (the
    /// app's background task: saves get in between); true when some are still left.
    pub fn index_pending_step(&mut self, max: i64) -> Result<bool> {
        let tx = self
            .conn
            .transaction_with_behavior(rusqlite::TransactionBehavior::Immediate)
            .map_err(from_sqlite)?;
        let more = index::build_pending_step(&tx, max)?;
        tx.commit().map_err(from_sqlite)?;
        Ok(more)
    }

    /// Whether a big join's documents still wait to be indexed.
    pub fn index_is_pending(&self) -> Result<bool> {
        Ok(index::pending_from(&self.conn)?.is_some())
    }
}

/// How many documents a step of [`Store::index_pending_step`] indexes (a fraction of a second
/// of the store held).
pub const INDEX_SLICE: i64 = 20_000;

/// An FTS5 phrase for one term (quotes doubled).
fn phrase(term: &str) -> String {
    format!("\"{}\"", term.replace('"', "\"\""))
}

/// A matching document before ranking: just what the cheap score needs.
struct Candidate {
    rowid: i64,
    key_point: bool,
    body: String,
}

/// What a hit shows, fetched for the final few only.
struct Shown {
    entity: String,
    id: String,
    group_id: Option<String>,
    question_id: Option<String>,
    focus_area_id: Option<String>,
    display: String,
}

/// Splits the query into normalised terms (spaces separate terms; Lao without spaces is one term).
pub fn terms(query: &str) -> Vec<String> {
    sala_text::fold(query)
        .split_whitespace()
        .map(str::to_owned)
        .collect()
}

/// A cheap score: how often the terms occur (every term must), key points first, shorter
/// texts first among equals. `None` when a term is missing.
fn rough_score(body: &str, terms: &[String], key_point: bool) -> Option<f64> {
    let mut score = 0.0;
    for t in terms {
        let n = body.matches(t.as_str()).count();
        if n == 0 {
            return None;
        }
        score += n as f64;
    }
    if key_point {
        score += 1.0;
    }
    Some(score + 1.0 / (1.0 + body.len() as f64 / 600.0))
}

/// The final score: occurrences that are whole words (ICU4X word boundaries) count double.
fn word_score(body: &str, terms: &[String], key_point: bool) -> f64 {
    let bounds = sala_text::word_bounds(body);
    let mut score = 0.0;
    for t in terms {
        for (s, e) in sala_text::find_all(body, t) {
            let whole = bounds.binary_search(&s).is_ok() && bounds.binary_search(&e).is_ok();
            score += if whole { 2.0 } else { 1.0 };
        }
    }
    if key_point {
        score += 1.0;
    }
    score + 1.0 / (1.0 + body.chars().count() as f64 / 200.0)
}

/// The display text cut into plain and matching pieces (for highlighting).
fn snippets(display: &str, terms: &[String]) -> Vec<Snippet> {
    let n = sala_text::normalize(display);
    let mut ranges: Vec<(usize, usize)> = terms
        .iter()
        .flat_map(|t| sala_text::find_all(&n.text, t))
        .filter_map(|r| sala_text::to_original(&n, r))
        .collect();
    ranges.sort_unstable();
    let mut out = Vec::new();
    let mut at = 0;
    for (s, e) in ranges {
        if s < at {
            continue;
        }
        if s > at {
            out.push(Snippet {
                text: display[at..s].to_owned(),
                hit: false,
            });
        }
        out.push(Snippet {
            text: display[s..e].to_owned(),
            hit: true,
        });
        at = e;
    }
    if at < display.len() {
        out.push(Snippet {
            text: display[at..].to_owned(),
            hit: false,
        });
    }
    out
}

impl Store {
    /// Searches the current workshop. Every item containing every term is found; the best first.
    ///
    /// Candidates come from the trigram index (or, when every term is shorter than three
    /// characters, the short-gram index); all of them are checked and scored cheaply, and only the
    /// best few are cut into words with ICU4X for the final order, so a common word in a large
    /// workshop stays fast.
    pub fn search(&self, q: &SearchQuery) -> Result<Vec<SearchHit>> {
        // A query is a few words: a huge paste into the search box is refused, not scanned.
        sala_core::text::check_short_text(&q.text)?;
        let workshop = self.current_workshop()?;
        let terms = terms(&q.text);
        if terms.is_empty() {
            return Ok(Vec::new());
        }
        let limit = if q.limit == 0 { 50 } else { q.limit as usize };
        let found = candidates(self.read(), &workshop.id, q, &terms, limit)?;
        let ranked = rank(found, &terms, limit);
        hydrate(self.read(), ranked, &terms)
    }

    /// How many items the index holds (for diagnostics and benchmarks).
    pub fn search_docs(&self) -> Result<u64> {
        let n: Option<i64> = self
            .read()
            .query_row("SELECT count(*) FROM search_docs", [], |r| r.get(0))
            .optional()
            .map_err(from_sqlite)?;
        Ok(n.unwrap_or(0).unsigned_abs())
    }
}

/// The items of `workshop_id` the index says hold every term of three or more characters (or,
/// when every term is shorter, every term's characters), within `q`'s filters: at most a few
/// thousand, read without their display text.
fn candidates(
    conn: &Connection,
    workshop_id: &str,
    q: &SearchQuery,
    terms: &[String],
    limit: usize,
) -> Result<Vec<Candidate>> {
    let mut filters = vec!["d.workshop_id = ?1".to_owned()];
    let mut args: Vec<rusqlite::types::Value> = vec![workshop_id.to_owned().into()];
    let mut add = |sql: &str, v: Option<&String>| {
        if let Some(v) = v {
            args.push(v.clone().into());
            filters.push(format!("{sql} = ?{}", args.len()));
        }
    };
    add("d.entity", q.entity.as_ref());
    add("d.group_id", q.group_id.as_ref());
    add("d.question_id", q.question_id.as_ref());
    add("d.focus_area_id", q.focus_area_id.as_ref());
    add("d.stakeholder", q.stakeholder.as_ref());
    add("d.lang", q.lang.as_ref());
    if q.key_points_only {
        filters.push("d.key_point = 1".into());
    }
    if let Some(device) = &q.device {
        args.push(device.clone().into());
        filters.push(format!(
            "EXISTS (SELECT 1 FROM ops o WHERE o.entity = d.entity AND o.entity_id = d.entity_id
                     AND o.kind = 'create' AND o.device = ?{})",
            args.len()
        ));
    }
    // A one-letter query can match most of a workshop: rank within the first `cap` matches
    // rather than read them all (every match is still found when the caller asks for that many).
    let cap = (limit * 20).max(2_000);
    let long: Vec<&String> = terms.iter().filter(|t| t.chars().count() >= 3).collect();
    let sql = if long.is_empty() {
        // Every term is a character or two: the short-gram index holds them all.
        let tokens: Vec<String> = terms.iter().map(|t| gram_token(t)).collect();
        args.push(tokens.join(" ").into());
        format!(
            "SELECT d.rowid, d.key_point, d.body FROM search_short s JOIN search_docs d ON d.rowid = s.rowid
             WHERE s.search_short MATCH ?{} AND {} LIMIT {cap}",
            args.len(),
            filters.join(" AND ")
        )
    } else {
        let fts = long
            .iter()
            .map(|t| phrase(t))
            .collect::<Vec<_>>()
            .join(" AND ");
        args.push(fts.into());
        format!(
            "SELECT d.rowid, d.key_point, d.body FROM search_fts f JOIN search_docs d ON d.rowid = f.rowid
             WHERE f.body MATCH ?{} AND {} LIMIT {cap}",
            args.len(),
            filters.join(" AND ")
        )
    };
    let mut stmt = conn.prepare_cached(&sql).map_err(from_sqlite)?;
    let rows = stmt
        .query_map(rusqlite::params_from_iter(args.iter()), |r| {
            Ok(Candidate {
                rowid: r.get(0)?,
                key_point: r.get(1)?,
                body: r.get(2)?,
            })
        })
        .map_err(from_sqlite)?;
    rows.collect::<rusqlite::Result<_>>().map_err(from_sqlite)
}

/// The best `limit` candidates, best first: every candidate scored cheaply (terms shorter than a
/// trigram, and every term's presence, are checked here), and only the best few cut into words
/// with ICU4X for the final order.
fn rank(found: Vec<Candidate>, terms: &[String], limit: usize) -> Vec<(f64, Candidate)> {
    let mut rough: Vec<(f64, Candidate)> = found
        .into_iter()
        .filter_map(|c| rough_score(&c.body, terms, c.key_point).map(|s| (s, c)))
        .collect();
    rough.sort_by(|a, b| b.0.total_cmp(&a.0).then_with(|| a.1.rowid.cmp(&b.1.rowid)));
    rough.truncate((limit * 4).max(200));
    let mut ranked: Vec<(f64, Candidate)> = rough
        .into_iter()
        .map(|(_, c)| (word_score(&c.body, terms, c.key_point), c))
        .collect();
    ranked.sort_by(|a, b| b.0.total_cmp(&a.0).then_with(|| a.1.rowid.cmp(&b.1.rowid)));
    ranked.truncate(limit);
    ranked
}

/// The hits as shown: what each ranked item is, where it is, and its text cut around the terms.
fn hydrate(
    conn: &Connection,
    ranked: Vec<(f64, Candidate)>,
    terms: &[String],
) -> Result<Vec<SearchHit>> {
    let mut show = conn
        .prepare_cached(
            "SELECT entity, entity_id, group_id, question_id, focus_area_id, display FROM search_docs WHERE rowid = ?1",
        )
        .map_err(from_sqlite)?;
    let mut hits = Vec::with_capacity(ranked.len());
    for (score, c) in ranked {
        let s = show
            .query_row([c.rowid], |r| {
                Ok(Shown {
                    entity: r.get(0)?,
                    id: r.get(1)?,
                    group_id: r.get(2)?,
                    question_id: r.get(3)?,
                    focus_area_id: r.get(4)?,
                    display: r.get(5)?,
                })
            })
            .map_err(from_sqlite)?;
        hits.push(SearchHit {
            snippets: snippets(&s.display, terms),
            entity: s.entity,
            id: s.id,
            group_id: s.group_id,
            question_id: s.question_id,
            focus_area_id: s.focus_area_id,
            key_point: c.key_point,
            score,
        });
    }
    Ok(hits)
}
