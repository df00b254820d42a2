// Imports: the identity index (every contact key and source key of every person) and the
// source keys imports record. Included by `backend.rs` once per backend, with `Db` and
// `DIALECT` in scope.

use crate::key::{Key, key};
use super::{DIALECT, Db};
use crate::convert::parse;
use crate::error::Result;
use kithkin_core::PersonId;
use sqlx::{Pool, QueryBuilder};

/// Every (kind, normalised value, person) of `person_contacts`.
pub(crate) async fn contact_keys(pool: &Pool<Db>) -> Result<Vec<(String, String, PersonId)>> {
    let rows: Vec<(String, String, Key)> =
        sqlx::query_as("SELECT kind, value_key, person_id FROM person_contacts ORDER BY person_id, kind, position")
            .fetch_all(pool)
            .await?;
    rows.into_iter()
        .map(|(k, v, p)| Ok((k, v, parse("person_contacts", "person_id", &p)?)))
        .collect()
}

/// Every (source, key, person) of `person_sources`.
pub(crate) async fn source_keys(pool: &Pool<Db>) -> Result<Vec<(String, String, PersonId)>> {
    let rows: Vec<(String, String, Key)> =
        sqlx::query_as("SELECT source, key, person_id FROM person_sources ORDER BY source, key")
            .fetch_all(pool)
            .await?;
    rows.into_iter()
        .map(|(s, k, p)| Ok((s, k, parse("person_sources", "person_id", &p)?)))
        .collect()
}

/// Records source keys (a key already recorded keeps its person).
pub(crate) async fn add_source_keys(pool: &Pool<Db>, keys: &[(String, String, PersonId)]) -> Result<()> {
    let per_row = 3;
    for chunk in keys.chunks((DIALECT.max_binds / per_row).max(1)) {
        let mut qb = QueryBuilder::<Db>::new("INSERT INTO person_sources (source, key, person_id) ");
        qb.push_values(chunk, |mut b, (s, k, p)| {
            b.push_bind(s.clone()).push_bind(k.clone()).push_bind(key(p));
        });
        qb.push(" ON CONFLICT (source, key) DO NOTHING");
        qb.build().execute(pool).await?;
    }
    Ok(())
}

/// Moves every source key of `from` to `to` (for merges).
pub(crate) async fn move_source_keys(pool: &Pool<Db>, from: PersonId, to: PersonId) -> Result<u64> {
    let done = sqlx::query("UPDATE person_sources SET person_id = $1 WHERE person_id = $2")
        .bind(key(to))
        .bind(key(from))
        .execute(pool)
        .await?;
    Ok(done.rows_affected())
}

/// The source keys of imported interactions starting with `prefix`.
pub(crate) async fn interaction_source_keys(pool: &Pool<Db>, prefix: &str) -> Result<Vec<String>> {
    let rows: Vec<(String,)> = sqlx::query_as(
        "SELECT source_key FROM interactions WHERE source_key IS NOT NULL AND substr(source_key, 1, length($1)) = $1",
    )
    .bind(prefix.to_owned())
    .fetch_all(pool)
    .await?;
    Ok(rows.into_iter().map(|(k,)| k).collect())
}

/// (person, kind) of every important date: what a bulk import needs to know who already
/// has a birthday or an anniversary.
pub(crate) async fn date_kinds(pool: &Pool<Db>) -> Result<Vec<(PersonId, String)>> {
    let rows: Vec<(Key, String)> = sqlx::query_as("SELECT person_id, kind FROM important_dates")
        .fetch_all(pool)
        .await?;
    rows.into_iter()
        .map(|(p, k)| Ok((parse("important_dates", "person_id", &p)?, k)))
        .collect()
}

/// (person, body) of every note.
pub(crate) async fn note_bodies(pool: &Pool<Db>) -> Result<Vec<(PersonId, String)>> {
    let rows: Vec<(Key, String)> = sqlx::query_as("SELECT person_id, body FROM notes")
        .fetch_all(pool)
        .await?;
    rows.into_iter()
        .map(|(p, b)| Ok((parse("notes", "person_id", &p)?, b)))
        .collect()
}
