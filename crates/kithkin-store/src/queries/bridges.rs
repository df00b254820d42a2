// Building bridges: introductions between the user's contacts and organisation lookups for
// warm paths. Included by `backend.rs` once per backend, with `Db` and `DIALECT` in scope.

use crate::key::{Key, key};
use super::Db;
use crate::convert::{instant, opt_instant, opt_secs, parse, parse_opt};
use crate::error::{Result, StoreError};
use kithkin_core::introduction::Introduction;
use kithkin_core::{PersonId, text};
use sqlx::{Pool, QueryBuilder};

type IntroRow = (
    Key,
    Key,
    Key,
    Option<String>,
    String,
    i64,
    Option<i64>,
    Option<i64>,
    Option<i64>,
    Option<String>,
    Option<i64>,
    Option<i64>,
);

const INTRO_COLUMNS: &str = "SELECT i.id, i.person_a, i.person_b, i.reason, i.status, i.suggested_at, i.asked_a_at, \
    i.asked_b_at, i.introduced_at, i.outcome, i.outcome_at, i.declined_at FROM introductions i";

fn introduction(row: IntroRow) -> Result<Introduction> {
    let (id, a, b, reason, status, suggested, asked_a, asked_b, introduced, outcome, outcome_at, declined) = row;
    const T: &str = "introductions";
    Ok(Introduction {
        id: parse(T, "id", &id)?,
        a: parse(T, "person_a", &a)?,
        b: parse(T, "person_b", &b)?,
        reason,
        status: parse(T, "status", &status)?,
        suggested_at: instant(T, "suggested_at", suggested)?,
        asked_a_at: opt_instant(T, "asked_a_at", asked_a)?,
        asked_b_at: opt_instant(T, "asked_b_at", asked_b)?,
        introduced_at: opt_instant(T, "introduced_at", introduced)?,
        outcome: parse_opt(T, "outcome", outcome.as_deref())?,
        outcome_at: opt_instant(T, "outcome_at", outcome_at)?,
        declined_at: opt_instant(T, "declined_at", declined)?,
    })
}

/// Every introduction (or those in one status), newest first.
pub(crate) async fn introductions(pool: &Pool<Db>, status: Option<&str>) -> Result<Vec<Introduction>> {
    let mut qb = QueryBuilder::<Db>::new(INTRO_COLUMNS);
    if let Some(s) = status {
        qb.push(" WHERE i.status = ");
        qb.push_bind(s.to_owned());
    }
    qb.push(" ORDER BY i.suggested_at DESC, i.id");
    let rows: Vec<IntroRow> = qb.build_query_as().fetch_all(pool).await?;
    rows.into_iter().map(introduction).collect()
}

/// Introductions whose id ends with `tail`.
pub(crate) async fn introductions_by_tail(pool: &Pool<Db>, tail: &str) -> Result<Vec<Introduction>> {
    let Some(pattern) = super::agenda::tail_pattern(tail) else { return Ok(Vec::new()) };
    let mut qb = QueryBuilder::<Db>::new(INTRO_COLUMNS);
    qb.push(format!(" WHERE {} LIKE ", (super::DIALECT.id_text)("i.id")));
    qb.push_bind(pattern);
    qb.push(" ORDER BY i.id LIMIT 10");
    let rows: Vec<IntroRow> = qb.build_query_as().fetch_all(pool).await?;
    rows.into_iter().map(introduction).collect()
}

/// Saves an introduction's state and dates.
pub(crate) async fn save_introduction(pool: &Pool<Db>, i: &Introduction) -> Result<()> {
    let done = sqlx::query(
        "UPDATE introductions SET reason = $2, status = $3, asked_a_at = $4, asked_b_at = $5, introduced_at = $6, \
         outcome = $7, outcome_at = $8, declined_at = $9 WHERE id = $1",
    )
    .bind(key(i.id))
    .bind(i.reason.clone())
    .bind(i.status.as_str())
    .bind(opt_secs(i.asked_a_at))
    .bind(opt_secs(i.asked_b_at))
    .bind(opt_secs(i.introduced_at))
    .bind(i.outcome.map(|o| o.as_str()))
    .bind(opt_secs(i.outcome_at))
    .bind(opt_secs(i.declined_at))
    .execute(pool)
    .await?;
    if done.rows_affected() == 0 {
        return Err(StoreError::Missing { what: "introduction", id: i.id.to_string() });
    }
    Ok(())
}

/// Pairs of people who took part in the same interaction (each pair once, smaller id first).
pub(crate) async fn met_together(pool: &Pool<Db>) -> Result<Vec<(PersonId, PersonId)>> {
    let rows: Vec<(Key, Key)> = sqlx::query_as(
        "SELECT DISTINCT x.person_id, y.person_id FROM interaction_participants x \
         JOIN interaction_participants y ON y.interaction_id = x.interaction_id AND x.person_id < y.person_id \
         WHERE x.participants > 1",
    )
    .fetch_all(pool)
    .await?;
    rows.iter()
        .map(|(a, b)| Ok((parse("interaction_participants", "person_id", a)?, parse("interaction_participants", "person_id", b)?)))
        .collect()
}

/// People (not archived) working at the organisation with this name (compared without case
/// or accents).
pub(crate) async fn people_at(pool: &Pool<Db>, organisation: &str) -> Result<Vec<PersonId>> {
    let rows: Vec<(Key,)> = sqlx::query_as(
        "SELECT p.id FROM people p JOIN organisations o ON o.id = p.organisation_id \
         WHERE o.name_key = $1 AND p.archived_at IS NULL ORDER BY p.name_key",
    )
    .bind(text::name_key(organisation))
    .fetch_all(pool)
    .await?;
    rows.iter().map(|(id,)| parse("people", "id", id)).collect()
}

type CollabRow = (Key, String, String, Option<String>, Option<String>, i64, i64);

/// Every collaboration (or those in one status) with its members, most recently changed first.
pub(crate) async fn collaborations(
    pool: &Pool<Db>,
    status: Option<&str>,
) -> Result<Vec<kithkin_core::collaboration::Collaboration>> {
    let mut qb = QueryBuilder::<Db>::new(
        "SELECT c.id, c.name, c.status, c.outcome, c.note, c.created_at, c.updated_at FROM collaborations c",
    );
    if let Some(s) = status {
        qb.push(" WHERE c.status = ");
        qb.push_bind(s.to_owned());
    }
    qb.push(" ORDER BY c.updated_at DESC, c.id");
    let rows: Vec<CollabRow> = qb.build_query_as().fetch_all(pool).await?;
    let members: Vec<(Key, Key)> =
        sqlx::query_as("SELECT collaboration_id, person_id FROM collaboration_members ORDER BY collaboration_id, person_id")
            .fetch_all(pool)
            .await?;
    let mut by_collab: std::collections::HashMap<Key, Vec<PersonId>> = std::collections::HashMap::new();
    for (c, p) in members {
        by_collab.entry(c).or_default().push(parse("collaboration_members", "person_id", &p)?);
    }
    const T: &str = "collaborations";
    rows.into_iter()
        .map(|(id, name, status, outcome, note, created, updated)| {
            Ok(kithkin_core::collaboration::Collaboration {
                members: by_collab.remove(&id).unwrap_or_default(),
                id: parse(T, "id", &id)?,
                name,
                status: parse(T, "status", &status)?,
                outcome,
                note,
                created_at: instant(T, "created_at", created)?,
                updated_at: instant(T, "updated_at", updated)?,
            })
        })
        .collect()
}

/// Saves a collaboration's name, status, outcome and note, and adds members not yet in it.
pub(crate) async fn save_collaboration(pool: &Pool<Db>, c: &kithkin_core::collaboration::Collaboration) -> Result<()> {
    let mut tx = pool.begin_with(super::DIALECT.begin_write).await?;
    let done = sqlx::query(
        "UPDATE collaborations SET name = $2, status = $3, outcome = $4, note = $5, updated_at = $6 WHERE id = $1",
    )
    .bind(key(c.id))
    .bind(c.name.clone())
    .bind(c.status.as_str())
    .bind(c.outcome.clone())
    .bind(c.note.clone())
    .bind(crate::convert::secs(c.updated_at))
    .execute(&mut *tx)
    .await?;
    if done.rows_affected() == 0 {
        return Err(StoreError::Missing { what: "collaboration", id: c.id.to_string() });
    }
    for m in &c.members {
        sqlx::query("INSERT INTO collaboration_members (collaboration_id, person_id) VALUES ($1, $2) ON CONFLICT DO NOTHING")
            .bind(key(c.id))
            .bind(key(m))
            .execute(&mut *tx)
            .await?;
    }
    tx.commit().await?;
    Ok(())
}
