// Network insight: facets and their wanted values, when each person became known, and the
// links derived from shared interactions. Included by `backend.rs` once per backend, with
// `Db` and `DIALECT` in scope.

use crate::key::Key;
use super::Db;
use crate::convert::{parse, secs};
use crate::error::Result;
use jiff::Timestamp;
use kithkin_core::PersonId;
use sqlx::Pool;

/// Every facet (key, value) of people not archived, with how many people hold it, by key
/// then value.
pub(crate) async fn facet_counts(pool: &Pool<Db>) -> Result<Vec<(String, String, i64)>> {
    let rows: Vec<(String, String, i64)> = sqlx::query_as(
        "SELECT f.key, f.value, COUNT(*) FROM person_facets f JOIN people p ON p.id = f.person_id \
         WHERE p.archived_at IS NULL GROUP BY f.key, f.value ORDER BY f.key, f.value",
    )
    .fetch_all(pool)
    .await?;
    Ok(rows)
}

/// The value of facet `key` for every person not archived who has it.
pub(crate) async fn facet_values(pool: &Pool<Db>, key: &str) -> Result<Vec<(PersonId, String)>> {
    let rows: Vec<(Key, String)> = sqlx::query_as(
        "SELECT f.person_id, f.value FROM person_facets f JOIN people p ON p.id = f.person_id \
         WHERE p.archived_at IS NULL AND f.key = $1 ORDER BY f.person_id",
    )
    .bind(key)
    .fetch_all(pool)
    .await?;
    rows.iter()
        .map(|(id, v)| Ok((parse("person_facets", "person_id", id)?, v.clone())))
        .collect()
}

/// The facet values the user wants represented, by key then value.
pub(crate) async fn wanted_facets(pool: &Pool<Db>) -> Result<Vec<(String, String)>> {
    let rows: Vec<(String, String)> = sqlx::query_as("SELECT key, value FROM facet_wanted ORDER BY key, value")
        .fetch_all(pool)
        .await?;
    Ok(rows)
}

/// Marks (or unmarks) a facet value as wanted; says whether anything changed.
pub(crate) async fn set_facet_wanted(pool: &Pool<Db>, key: &str, value: &str, wanted: bool) -> Result<bool> {
    let done = if wanted {
        sqlx::query("INSERT INTO facet_wanted (key, value) VALUES ($1, $2) ON CONFLICT (key, value) DO NOTHING")
            .bind(key)
            .bind(value)
            .execute(pool)
            .await?
    } else {
        sqlx::query("DELETE FROM facet_wanted WHERE key = $1 AND value = $2")
            .bind(key)
            .bind(value)
            .execute(pool)
            .await?
    };
    Ok(done.rows_affected() > 0)
}

/// For every person not archived: when the database learned of them, and their first
/// interaction (if any) — the earlier is when they became part of the network.
pub(crate) async fn known_since(pool: &Pool<Db>) -> Result<Vec<(PersonId, i64, Option<i64>)>> {
    let rows: Vec<(Key, i64, Option<i64>)> = sqlx::query_as(
        "SELECT p.id, p.created_at, f.first FROM people p LEFT JOIN \
         (SELECT person_id, MIN(occurred_at) AS first FROM interaction_participants GROUP BY person_id) f \
         ON f.person_id = p.id WHERE p.archived_at IS NULL",
    )
    .fetch_all(pool)
    .await?;
    rows.iter()
        .map(|(id, created, first)| Ok((parse("people", "id", id)?, *created, *first)))
        .collect()
}

/// Pairs of people (smaller id first) who took part in the same interactions up to `at`,
/// with how many; interactions with only one other person do not link anyone.
pub(crate) async fn shared_interactions(pool: &Pool<Db>, at: Timestamp) -> Result<Vec<(PersonId, PersonId, i64)>> {
    let rows: Vec<(Key, Key, i64)> = sqlx::query_as(
        "SELECT x.person_id, y.person_id, COUNT(*) FROM interaction_participants x \
         JOIN interaction_participants y ON y.interaction_id = x.interaction_id AND x.person_id < y.person_id \
         WHERE x.participants > 1 AND x.occurred_at <= $1 GROUP BY x.person_id, y.person_id",
    )
    .bind(secs(at))
    .fetch_all(pool)
    .await?;
    rows.iter()
        .map(|(a, b, n)| {
            Ok((
                parse("interaction_participants", "person_id", a)?,
                parse("interaction_participants", "person_id", b)?,
                *n,
            ))
        })
        .collect()
}
