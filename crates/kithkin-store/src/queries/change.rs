// Changes to existing records. Included by `backend.rs` once per backend, with `Db` and
// `DIALECT` in scope.

use crate::key::{Key, key, opt_key};
use super::write::{circle_ids, insert_many, organisation_ids, write_profiles};
use super::{DIALECT, Db};
use crate::convert::{day, opt_secs, secs};
use crate::error::{Result, StoreError};
use crate::model::Erasure;
use jiff::Timestamp;
use kithkin_core::knows::KnowsLink;
use kithkin_core::person::Person;
use kithkin_core::{CircleId, PersonId, text};
use sqlx::Pool;

/// Records who "me" is.
pub(crate) async fn set_me(pool: &Pool<Db>, id: PersonId) -> Result<()> {
    sqlx::query("INSERT INTO settings (key, value) VALUES ('me', $1) ON CONFLICT (key) DO UPDATE SET value = excluded.value")
        .bind(key(id))
        .execute(pool)
        .await?;
    Ok(())
}

/// Replaces a person's profile, circles and search document.
pub(crate) async fn update_person(pool: &Pool<Db>, person: &Person) -> Result<()> {
    let mut tx = pool.begin_with(DIALECT.begin_write).await?;
    update_person_in(&mut tx, person).await?;
    tx.commit().await?;
    Ok(())
}

/// Replaces a person's profile, circles and search document inside an open transaction.
pub(crate) async fn update_person_in(tx: &mut super::write::Tx<'_>, person: &Person) -> Result<()> {
    let pr = &person.profile;
    let org_key = pr.organisation.as_deref().map(text::name_key);
    let named = org_key.as_deref().zip(pr.organisation.as_deref());
    let orgs = organisation_ids(tx, named.into_iter(), person.updated_at).await?;
    let org = org_key.and_then(|k| orgs.get(&k).cloned());
    let id = key(person.id);
    let done = sqlx::query(
        "UPDATE people SET name = $2, name_key = $3, nickname = $4, organisation_id = $5, title = $6, cadence_days = $7, \
         met_at = $8, met_on = $9, introduced_by = $10, summary = $11, snoozed_until = $12, archived_at = $13, \
         updated_at = $14 WHERE id = $1",
    )
    .bind(id.clone())
    .bind(pr.name.clone())
    .bind(text::name_key(&pr.name))
    .bind(pr.nickname.clone())
    .bind(org)
    .bind(pr.title.clone())
    .bind(pr.cadence.map(|c| i64::from(c.days())))
    .bind(pr.met_at.clone())
    .bind(pr.met_on.map(day))
    .bind(opt_key(pr.introduced_by))
    .bind(pr.summary.clone())
    .bind(person.snoozed_until.map(day))
    .bind(opt_secs(person.archived_at))
    .bind(secs(person.updated_at))
    .execute(&mut **tx)
    .await?;
    if done.rows_affected() == 0 {
        return Err(StoreError::Missing { what: "person", id: id.to_string() });
    }
    for sql in [
        "DELETE FROM person_contacts WHERE person_id = $1",
        "DELETE FROM person_labels WHERE person_id = $1",
        "DELETE FROM person_facets WHERE person_id = $1",
        "DELETE FROM circle_members WHERE person_id = $1",
        "DELETE FROM search_docs WHERE person_id = $1 AND note_id IS NULL",
    ] {
        sqlx::query(sql).bind(id.clone()).execute(&mut **tx).await?;
    }
    let circles = circle_ids(tx).await?;
    write_profiles(tx, std::slice::from_ref(person), &circles).await?;
    Ok(())
}

/// Archives (`Some`) or restores (`None`) a person.
pub(crate) async fn set_archived(pool: &Pool<Db>, id: PersonId, at: Option<Timestamp>, now: Timestamp) -> Result<()> {
    let done = sqlx::query("UPDATE people SET archived_at = $2, updated_at = $3 WHERE id = $1")
        .bind(key(id))
        .bind(opt_secs(at))
        .bind(secs(now))
        .execute(pool)
        .await?;
    if done.rows_affected() == 0 {
        return Err(StoreError::Missing { what: "person", id: id.to_string() });
    }
    Ok(())
}

/// Adds people to a circle; those already in it stay.
pub(crate) async fn add_members(pool: &Pool<Db>, circle: CircleId, people: &[PersonId]) -> Result<u64> {
    let mut tx = pool.begin_with(DIALECT.begin_write).await?;
    let before: (i64,) = sqlx::query_as("SELECT COUNT(*) FROM circle_members WHERE circle_id = $1")
        .bind(key(circle))
        .fetch_one(&mut *tx)
        .await?;
    let rows: Vec<(Key, Key)> = people.iter().map(|p| (key(circle), key(p))).collect();
    insert_many(&mut tx, "INSERT INTO circle_members (circle_id, person_id)", " ON CONFLICT DO NOTHING", 2, &rows, |b, (c, p)| {
        b.push_bind(c).push_bind(p);
    })
    .await?;
    let after: (i64,) = sqlx::query_as("SELECT COUNT(*) FROM circle_members WHERE circle_id = $1")
        .bind(key(circle))
        .fetch_one(&mut *tx)
        .await?;
    tx.commit().await?;
    Ok(u64::try_from(after.0 - before.0).unwrap_or(0))
}

/// Removes people from a circle; returns how many were members.
pub(crate) async fn remove_members(pool: &Pool<Db>, circle: CircleId, people: &[PersonId]) -> Result<u64> {
    let mut tx = pool.begin_with(DIALECT.begin_write).await?;
    let mut removed = 0;
    for p in people {
        removed += sqlx::query("DELETE FROM circle_members WHERE circle_id = $1 AND person_id = $2")
            .bind(key(circle))
            .bind(key(p))
            .execute(&mut *tx)
            .await?
            .rows_affected();
    }
    tx.commit().await?;
    Ok(removed)
}

/// Sets a knows link to exactly this strength and source (the user's word wins).
pub(crate) async fn set_knows(pool: &Pool<Db>, link: &KnowsLink, now: Timestamp) -> Result<()> {
    sqlx::query(
        "INSERT INTO knows (person_a, person_b, strength, source, updated_at) VALUES ($1, $2, $3, $4, $5) \
         ON CONFLICT (person_a, person_b) DO UPDATE SET strength = excluded.strength, source = excluded.source, \
         updated_at = excluded.updated_at",
    )
    .bind(key(link.a))
    .bind(key(link.b))
    .bind(link.strength)
    .bind(link.source.as_str())
    .bind(secs(now))
    .execute(pool)
    .await?;
    Ok(())
}

/// Erases a person and everything about them, in one transaction, and counts what went.
pub(crate) async fn forget_person(pool: &Pool<Db>, id: PersonId) -> Result<Erasure> {
    let pid = key(id);
    let mut tx = pool.begin_with(DIALECT.begin_write).await?;
    let name: Option<(String,)> =
        sqlx::query_as("SELECT name FROM people WHERE id = $1").bind(pid.clone()).fetch_optional(&mut *tx).await?;
    let Some((name,)) = name else {
        return Err(StoreError::Missing { what: "person", id: pid.to_string() });
    };
    let mut erasure = Erasure { name, ..Erasure::default() };
    macro_rules! erase {
        ($sql:expr) => {
            sqlx::query($sql).bind(pid.clone()).execute(&mut *tx).await?.rows_affected()
        };
    }
    erasure.interactions_deleted = erase!(
        "DELETE FROM interactions WHERE id IN (SELECT interaction_id FROM interaction_participants WHERE person_id = $1) \
         AND NOT EXISTS (SELECT 1 FROM interaction_participants o WHERE o.interaction_id = interactions.id AND o.person_id <> $1)"
    );
    // the group interactions they leave now have one participant fewer, with no trace of them
    erase!(
        "UPDATE interaction_participants SET participants = participants - 1 WHERE person_id <> $1 \
         AND interaction_id IN (SELECT interaction_id FROM interaction_participants WHERE person_id = $1)"
    );
    erase!(
        "UPDATE interactions SET participants = participants - 1 \
         WHERE id IN (SELECT interaction_id FROM interaction_participants WHERE person_id = $1)"
    );
    erasure.interactions_left = erase!("DELETE FROM interaction_participants WHERE person_id = $1");
    erase!("DELETE FROM search_docs WHERE person_id = $1");
    erasure.notes = erase!("DELETE FROM notes WHERE person_id = $1");
    erasure.dates = erase!("DELETE FROM important_dates WHERE person_id = $1");
    erasure.life_events = erase!("DELETE FROM life_events WHERE person_id = $1");
    erasure.favours = erase!("DELETE FROM favours WHERE giver_id = $1 OR receiver_id = $1");
    erasure.help_items = erase!("DELETE FROM help_items WHERE person_id = $1");
    erasure.introductions = erase!("DELETE FROM introductions WHERE person_a = $1 OR person_b = $1");
    erasure.knows = erase!("DELETE FROM knows WHERE person_a = $1 OR person_b = $1");
    erasure.follow_ups = erase!("DELETE FROM follow_ups WHERE person_id = $1");
    erasure.goals = erase!("DELETE FROM goals WHERE owner_id = $1");
    erasure.memberships = erase!("DELETE FROM circle_members WHERE person_id = $1")
        + erase!("DELETE FROM event_attendees WHERE person_id = $1")
        + erase!("DELETE FROM collaboration_members WHERE person_id = $1")
        + erase!("DELETE FROM org_memberships WHERE person_id = $1");
    erasure.profile_fields = erase!("DELETE FROM person_contacts WHERE person_id = $1")
        + erase!("DELETE FROM person_labels WHERE person_id = $1")
        + erase!("DELETE FROM person_facets WHERE person_id = $1");
    erase!("UPDATE people SET introduced_by = NULL WHERE introduced_by = $1");
    erase!("DELETE FROM settings WHERE key = 'me' AND value = $1");
    erase!("DELETE FROM people WHERE id = $1");
    tx.commit().await?;
    if let Some(sql) = DIALECT.after_erase {
        sqlx::query(sql).execute(pool).await?;
    }
    Ok(erasure)
}
