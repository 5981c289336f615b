//! `field_heads`: for every field some `Set` changed, the values no later edit replaced (see
//! [`sala_core::merge`]). One head is the normal case; several are a conflict, listed in the
//! Conflicts inbox until someone resolves them. Kept in the same transaction as the ops.

use rusqlite::{Connection, params};
use sala_core::hlc::Hlc;
use sala_core::merge::Head;
use sala_core::op::Entity;

use crate::Result;
use crate::error::from_sqlite;

/// The table, filled from the op log of a store made before it existed (every earlier change was
/// made on this device, one after another: the latest `Set` of each field is its head).
pub const MIGRATION: &str = "
CREATE TABLE field_heads (
    entity    TEXT NOT NULL,
    entity_id TEXT NOT NULL,
    field     TEXT NOT NULL,
    op_id     TEXT NOT NULL,
    hlc       TEXT NOT NULL,
    PRIMARY KEY (entity_id, field, op_id)
) STRICT, WITHOUT ROWID;
INSERT INTO field_heads (entity, entity_id, field, op_id, hlc)
SELECT o.entity, o.entity_id, o.field, o.id, o.hlc FROM ops o
WHERE o.kind = 'set' AND NOT EXISTS (
    SELECT 1 FROM ops p WHERE p.kind = 'set' AND p.entity_id = o.entity_id AND p.field = o.field
    AND (p.hlc > o.hlc OR (p.hlc = o.hlc AND p.id > o.id)));
";

/// The ids of a field's heads, the shown one first.
pub fn of(conn: &Connection, entity_id: &str, field: &str) -> Result<Vec<String>> {
    let mut stmt = conn
        .prepare_cached(
            "SELECT op_id FROM field_heads WHERE entity_id = ?1 AND field = ?2 ORDER BY hlc DESC, op_id DESC",
        )
        .map_err(from_sqlite)?;
    let rows = stmt
        .query_map(params![entity_id, field], |r| r.get(0))
        .map_err(from_sqlite)?;
    rows.collect::<rusqlite::Result<Vec<_>>>()
        .map_err(from_sqlite)
}

/// A local edit: `op` replaces the heads named in `replaced`.
pub fn advance(
    conn: &Connection,
    entity: Entity,
    entity_id: &str,
    field: &str,
    replaced: &[String],
    op_id: &str,
    hlc: &Hlc,
) -> Result<()> {
    let mut del = conn
        .prepare_cached(
            "DELETE FROM field_heads WHERE entity_id = ?1 AND field = ?2 AND op_id = ?3",
        )
        .map_err(from_sqlite)?;
    for r in replaced {
        del.execute(params![entity_id, field, r])
            .map_err(from_sqlite)?;
    }
    conn.prepare_cached(
        "INSERT INTO field_heads (entity, entity_id, field, op_id, hlc) VALUES (?1, ?2, ?3, ?4, ?5)
         ON CONFLICT DO NOTHING",
    )
    .map_err(from_sqlite)?
    .execute(params![
        entity.as_str(),
        entity_id,
        field,
        op_id,
        hlc.to_string()
    ])
    .map_err(from_sqlite)?;
    Ok(())
}

/// Replaces a row's heads with a merge result.
pub fn replace_all<'a>(
    conn: &Connection,
    entity: Entity,
    entity_id: &str,
    fields: impl IntoIterator<Item = (&'a String, &'a Vec<Head>)>,
) -> Result<()> {
    conn.prepare_cached("DELETE FROM field_heads WHERE entity_id = ?1")
        .map_err(from_sqlite)?
        .execute([entity_id])
        .map_err(from_sqlite)?;
    let mut ins = conn
        .prepare_cached(
            "INSERT INTO field_heads (entity, entity_id, field, op_id, hlc) VALUES (?1, ?2, ?3, ?4, ?5)",
        )
        .map_err(from_sqlite)?;
    for (field, heads) in fields {
        for h in heads {
            ins.execute(params![
                entity.as_str(),
                entity_id,
                field,
                h.op_id,
                h.hlc.to_string()
            ])
            .map_err(from_sqlite)?;
        }
    }
    Ok(())
}

/// One unresolved field: which row, which field.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Open {
    pub entity: Entity,
    pub entity_id: String,
    pub field: String,
}

/// Every field of a workshop with more than one head, in a stable order.
pub fn conflicts(conn: &Connection, workshop_id: &str) -> Result<Vec<Open>> {
    let mut stmt = conn
        .prepare_cached(
            "SELECT h.entity, h.entity_id, h.field FROM field_heads h JOIN ops o ON o.id = h.op_id
             WHERE o.workshop_id = ?1
             GROUP BY h.entity_id, h.field HAVING count(*) > 1
             ORDER BY h.entity, h.entity_id, h.field",
        )
        .map_err(from_sqlite)?;
    let rows = stmt
        .query_map([workshop_id], |r| {
            Ok((
                r.get::<_, String>(0)?,
                r.get::<_, String>(1)?,
                r.get::<_, String>(2)?,
            ))
        })
        .map_err(from_sqlite)?;
    let mut out = Vec::new();
    for row in rows {
        let (entity, entity_id, field) = row.map_err(from_sqlite)?;
        if let Some(entity) = Entity::parse(&entity) {
            out.push(Open {
                entity,
                entity_id,
                field,
            });
        }
    }
    Ok(out)
}
