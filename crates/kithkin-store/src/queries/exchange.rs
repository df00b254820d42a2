// Give and take: needs and offers, the favour ledger and thanks. Included by `backend.rs`
// once per backend, with `Db` and `DIALECT` in scope.

use crate::key::{Key, key, opt_key};
use super::{DIALECT, Db};
use crate::convert::{instant, narrow, opt_instant, parse, parse_opt, secs};
use crate::error::{Result, StoreError};
use jiff::Timestamp;
use kithkin_core::exchange::{Favour, HelpItem, HelpKind, HelpStatus};
use kithkin_core::{FavourId, HelpItemId, InteractionId, PersonId};
use sqlx::{Pool, QueryBuilder};

type HelpRow = (Key, Key, String, String, String, String, i64, Option<i64>);

const HELP_COLUMNS: &str =
    "SELECT h.id, h.person_id, h.kind, h.text, h.tags, h.status, h.created_at, h.closed_at FROM help_items h";

fn help_item(row: HelpRow) -> Result<HelpItem> {
    let (id, person, kind, text, tags, status, created, closed) = row;
    const T: &str = "help_items";
    Ok(HelpItem {
        id: parse(T, "id", &id)?,
        person: parse(T, "person_id", &person)?,
        kind: parse(T, "kind", &kind)?,
        text,
        tags: tags.split('\n').filter(|t| !t.is_empty()).map(str::to_owned).collect(),
        status: parse(T, "status", &status)?,
        created_at: instant(T, "created_at", created)?,
        closed_at: opt_instant(T, "closed_at", closed)?,
    })
}

/// Needs and offers of one person, open first, newest first.
pub(crate) async fn help_items_of(pool: &Pool<Db>, person: PersonId) -> Result<Vec<HelpItem>> {
    let mut qb = QueryBuilder::<Db>::new(HELP_COLUMNS);
    qb.push(" WHERE h.person_id = ");
    qb.push_bind(key(person));
    qb.push(" ORDER BY h.status <> 'open', h.created_at DESC, h.id");
    let rows: Vec<HelpRow> = qb.build_query_as().fetch_all(pool).await?;
    rows.into_iter().map(help_item).collect()
}

/// Every open need or offer (of a kind, or both) of people not archived.
pub(crate) async fn open_help_items(pool: &Pool<Db>, kind: Option<HelpKind>) -> Result<Vec<HelpItem>> {
    let mut qb = QueryBuilder::<Db>::new(HELP_COLUMNS);
    qb.push(" JOIN people p ON p.id = h.person_id WHERE h.status = 'open' AND p.archived_at IS NULL");
    if let Some(k) = kind {
        qb.push(" AND h.kind = ");
        qb.push_bind(k.as_str());
    }
    qb.push(" ORDER BY h.created_at, h.id");
    let rows: Vec<HelpRow> = qb.build_query_as().fetch_all(pool).await?;
    rows.into_iter().map(help_item).collect()
}

/// The open needs and offers of `people` only (not archived), in the order of
/// [`open_help_items`]: the person index instead of the whole table.
pub(crate) async fn open_help_items_of(pool: &Pool<Db>, people: &[PersonId]) -> Result<Vec<HelpItem>> {
    let mut out = Vec::new();
    for chunk in people.chunks(DIALECT.max_binds) {
        let mut qb = QueryBuilder::<Db>::new(HELP_COLUMNS);
        qb.push(" JOIN people p ON p.id = h.person_id WHERE h.status = 'open' AND p.archived_at IS NULL AND h.person_id IN (");
        let mut sep = qb.separated(", ");
        for person in chunk {
            sep.push_bind(key(person));
        }
        qb.push(") ORDER BY h.created_at, h.id");
        let rows: Vec<HelpRow> = qb.build_query_as().fetch_all(pool).await?;
        for row in rows {
            out.push(help_item(row)?);
        }
    }
    if people.len() > DIALECT.max_binds {
        // several queries: merge their answers into one order
        out.sort_by(|a, b| a.created_at.cmp(&b.created_at).then_with(|| a.id.to_string().cmp(&b.id.to_string())));
    }
    Ok(out)
}

/// Needs and offers whose id ends with `tail`.
pub(crate) async fn help_items_by_tail(pool: &Pool<Db>, tail: &str) -> Result<Vec<HelpItem>> {
    let Some(pattern) = super::agenda::tail_pattern(tail) else { return Ok(Vec::new()) };
    let mut qb = QueryBuilder::<Db>::new(HELP_COLUMNS);
    qb.push(format!(" WHERE {} LIKE ", (DIALECT.id_text)("h.id")));
    qb.push_bind(pattern);
    qb.push(" ORDER BY h.id LIMIT 10");
    let rows: Vec<HelpRow> = qb.build_query_as().fetch_all(pool).await?;
    rows.into_iter().map(help_item).collect()
}

/// Every label of one kind (expertise, interest…) of people not archived: (person, label).
pub(crate) async fn labels_of_kind(pool: &Pool<Db>, kind: &str) -> Result<Vec<(PersonId, String)>> {
    let rows: Vec<(Key, String)> = sqlx::query_as(
        "SELECT l.person_id, l.value FROM person_labels l JOIN people p ON p.id = l.person_id \
         WHERE l.kind = $1 AND p.archived_at IS NULL ORDER BY l.person_id, l.position",
    )
    .bind(kind.to_owned())
    .fetch_all(pool)
    .await?;
    rows.into_iter().map(|(p, v)| Ok((parse("person_labels", "person_id", &p)?, v))).collect()
}

/// The labels of one kind of `people` only (not archived), in the order of
/// [`labels_of_kind`].
pub(crate) async fn labels_of_kind_for(
    pool: &Pool<Db>,
    kind: &str,
    people: &[PersonId],
) -> Result<Vec<(PersonId, String)>> {
    let mut out = Vec::new();
    for chunk in people.chunks(DIALECT.max_binds - 1) {
        let mut qb = QueryBuilder::<Db>::new(
            "SELECT l.person_id, l.value FROM person_labels l JOIN people p ON p.id = l.person_id WHERE l.kind = ",
        );
        qb.push_bind(kind.to_owned());
        qb.push(" AND p.archived_at IS NULL AND l.person_id IN (");
        let mut sep = qb.separated(", ");
        for person in chunk {
            sep.push_bind(key(person));
        }
        qb.push(") ORDER BY l.person_id, l.position");
        let rows: Vec<(Key, String)> = qb.build_query_as().fetch_all(pool).await?;
        for (p, v) in rows {
            out.push((parse::<PersonId>("person_labels", "person_id", &p)?, v));
        }
    }
    if people.len() > DIALECT.max_binds - 1 {
        // several queries: merge their answers into one order (stable: positions kept)
        out.sort_by_key(|l| l.0.to_string());
    }
    Ok(out)
}

/// Open goals of one person (title, metric, target, period).
pub(crate) async fn open_goals_of(pool: &Pool<Db>, person: PersonId) -> Result<Vec<String>> {
    let rows: Vec<(String,)> = sqlx::query_as(
        "SELECT title FROM goals WHERE owner_id = $1 AND closed_at IS NULL ORDER BY created_at, id",
    )
    .bind(key(person))
    .fetch_all(pool)
    .await?;
    Ok(rows.into_iter().map(|(t,)| t).collect())
}

/// Closes (fulfilled, withdrawn) or reopens a need or offer.
pub(crate) async fn set_help_status(pool: &Pool<Db>, id: HelpItemId, status: HelpStatus, at: Timestamp) -> Result<()> {
    let closed = if status == HelpStatus::Open { None } else { Some(secs(at)) };
    let done = sqlx::query("UPDATE help_items SET status = $2, closed_at = $3 WHERE id = $1")
        .bind(key(id))
        .bind(status.as_str())
        .bind(closed)
        .execute(pool)
        .await?;
    if done.rows_affected() == 0 {
        return Err(StoreError::Missing { what: "need or offer", id: id.to_string() });
    }
    Ok(())
}

type FavourRow = (Key, Key, Key, String, String, i64, i64, Option<Key>, Option<i64>, Option<Key>);

const FAVOUR_COLUMNS: &str = "SELECT f.id, f.giver_id, f.receiver_id, f.kind, f.text, f.weight, f.occurred_at, \
    f.for_need_id, f.thanked_at, f.thanked_in FROM favours f";

fn favour(row: FavourRow) -> Result<Favour> {
    let (id, giver, receiver, kind, text, weight, at, need, thanked_at, thanked_in) = row;
    const T: &str = "favours";
    Ok(Favour {
        id: parse(T, "id", &id)?,
        giver: parse(T, "giver_id", &giver)?,
        receiver: parse(T, "receiver_id", &receiver)?,
        kind: parse(T, "kind", &kind)?,
        text,
        weight: narrow(T, "weight", weight)?,
        occurred_at: instant(T, "occurred_at", at)?,
        for_need: parse_opt(T, "for_need_id", need.as_deref())?,
        thanked_at: opt_instant(T, "thanked_at", thanked_at)?,
        thanked_in: parse_opt(T, "thanked_in", thanked_in.as_deref())?,
    })
}

/// Every favour involving `person` (as giver or receiver), oldest first; with `None`, every
/// favour in the ledger.
pub(crate) async fn favours(pool: &Pool<Db>, person: Option<PersonId>) -> Result<Vec<Favour>> {
    let mut qb = QueryBuilder::<Db>::new(FAVOUR_COLUMNS);
    if let Some(p) = person {
        qb.push(" WHERE f.giver_id = ");
        qb.push_bind(key(p));
        qb.push(" OR f.receiver_id = ");
        qb.push_bind(key(p));
    }
    qb.push(" ORDER BY f.occurred_at, f.id");
    let rows: Vec<FavourRow> = qb.build_query_as().fetch_all(pool).await?;
    rows.into_iter().map(favour).collect()
}

/// Favours whose id ends with `tail`.
pub(crate) async fn favours_by_tail(pool: &Pool<Db>, tail: &str) -> Result<Vec<Favour>> {
    let Some(pattern) = super::agenda::tail_pattern(tail) else { return Ok(Vec::new()) };
    let mut qb = QueryBuilder::<Db>::new(FAVOUR_COLUMNS);
    qb.push(format!(" WHERE {} LIKE ", (DIALECT.id_text)("f.id")));
    qb.push_bind(pattern);
    qb.push(" ORDER BY f.id LIMIT 10");
    let rows: Vec<FavourRow> = qb.build_query_as().fetch_all(pool).await?;
    rows.into_iter().map(favour).collect()
}

/// Marks favours as thanked at `at` by the interaction `via`; returns how many changed.
pub(crate) async fn mark_thanked(
    pool: &Pool<Db>,
    ids: &[FavourId],
    at: Timestamp,
    via: Option<InteractionId>,
) -> Result<u64> {
    let mut tx = pool.begin_with(super::DIALECT.begin_write).await?;
    let mut changed = 0;
    for id in ids {
        changed += sqlx::query("UPDATE favours SET thanked_at = $2, thanked_in = $3 WHERE id = $1 AND thanked_at IS NULL")
            .bind(key(id))
            .bind(secs(at))
            .bind(opt_key(via))
            .execute(&mut *tx)
            .await?
            .rows_affected();
    }
    tx.commit().await?;
    Ok(changed)
}
