// Events and organisations, time and goals: the questions behind `event`, `org`, `time` and
// `goal`. Included by `backend.rs` once per backend, with `Db` and `DIALECT` in scope.

use crate::key::{Key, key};
use super::Db;
use super::write::{Tx, write_in};
use crate::convert::{day, instant, narrow, opt_instant, parse, parse_opt, secs};
use crate::error::{Result, StoreError};
use crate::events_model::{Membership, OrgPerson, OrgSummary};
use crate::rows::InteractionRow;
use jiff::Timestamp;
use jiff::civil::Date;
use kithkin_core::batch::Batch;
use kithkin_core::event::{Event, EventAttendee, MetAtEvent};
use kithkin_core::goal::Goal;
use kithkin_core::interaction::Interaction;
use kithkin_core::organisation::Organisation;
use kithkin_core::person::Person;
use kithkin_core::{EventId, GoalId, OrganisationId, PersonId, text};
use sqlx::{Pool, QueryBuilder};
use std::collections::HashMap;

/// id, name, kind, starts_at, ends_at, minutes, location, organisation name, note, attended.
type EventRow = (Key, String, String, i64, Option<i64>, Option<i64>, Option<String>, Option<String>, Option<String>, i64);

const EVENT_COLUMNS: &str = "SELECT e.id, e.name, e.kind, e.starts_at, e.ends_at, e.minutes, e.location, o.name, e.note, \
    e.attended FROM events e LEFT JOIN organisations o ON o.id = e.organisation_id";

fn event(row: EventRow, attendees: Vec<EventAttendee>) -> Result<Event> {
    let (id, name, kind, starts, ends, minutes, location, organisation, note, attended) = row;
    const T: &str = "events";
    Ok(Event {
        id: parse(T, "id", &id)?,
        name,
        kind: parse(T, "kind", &kind)?,
        starts_at: instant(T, "starts_at", starts)?,
        ends_at: opt_instant(T, "ends_at", ends)?,
        minutes: minutes.map(|m| narrow(T, "minutes", m)).transpose()?,
        location,
        organisation,
        note,
        attended: attended != 0,
        attendees,
    })
}

/// Every event (or the one with `id`), newest first, with its attendees in person-id order.
pub(crate) async fn events(pool: &Pool<Db>, id: Option<EventId>) -> Result<Vec<Event>> {
    let mut qb = QueryBuilder::<Db>::new(EVENT_COLUMNS);
    let mut aq = QueryBuilder::<Db>::new("SELECT event_id, person_id, met_there FROM event_attendees");
    if let Some(id) = id {
        qb.push(" WHERE e.id = ");
        qb.push_bind(key(id));
        aq.push(" WHERE event_id = ");
        aq.push_bind(key(id));
    }
    qb.push(" ORDER BY e.starts_at DESC, e.id");
    aq.push(" ORDER BY event_id, person_id");
    let rows: Vec<EventRow> = qb.build_query_as().fetch_all(pool).await?;
    let pairs: Vec<(Key, Key, i64)> = aq.build_query_as().fetch_all(pool).await?;
    let mut by_event: HashMap<Key, Vec<EventAttendee>> = HashMap::new();
    for (e, p, met) in pairs {
        by_event
            .entry(e)
            .or_default()
            .push(EventAttendee { person: parse("event_attendees", "person_id", &p)?, met_there: met != 0 });
    }
    rows.into_iter()
        .map(|r| {
            let attendees = by_event.remove(&r.0).unwrap_or_default();
            event(r, attendees)
        })
        .collect()
}

/// Records people met at an event, in one transaction: writes `batch` (new people and the
/// interactions logged at the event), saves the `updated` profiles (how we met), makes each of
/// `met` an attendee met there, and marks the event attended.
pub(crate) async fn record_met(
    pool: &Pool<Db>,
    event: EventId,
    batch: &Batch,
    met: &[PersonId],
    updated: &[Person],
    now: Timestamp,
) -> Result<()> {
    let mut tx: Tx<'static> = pool.begin_with(super::DIALECT.begin_write).await?;
    let done = sqlx::query("UPDATE events SET attended = 1 WHERE id = $1").bind(key(event)).execute(&mut *tx).await?;
    if done.rows_affected() == 0 {
        return Err(StoreError::Missing { what: "event", id: event.to_string() });
    }
    write_in(&mut tx, batch, now).await?;
    for p in updated {
        super::change::update_person_in(&mut tx, p).await?;
    }
    for p in met {
        sqlx::query(
            "INSERT INTO event_attendees (event_id, person_id, met_there) VALUES ($1, $2, 1) \
             ON CONFLICT (event_id, person_id) DO UPDATE SET met_there = 1",
        )
        .bind(key(event))
        .bind(key(p))
        .execute(&mut *tx)
        .await?;
    }
    tx.commit().await?;
    Ok(())
}

/// Dismisses the follow-up with each of `people` met at `event`; returns how many were still
/// open.
pub(crate) async fn set_followed_up(pool: &Pool<Db>, event: EventId, people: &[PersonId], at: Timestamp) -> Result<u64> {
    let mut tx = pool.begin_with(super::DIALECT.begin_write).await?;
    let mut n = 0;
    for p in people {
        n += sqlx::query(
            "UPDATE event_attendees SET followed_up_at = $3 \
             WHERE event_id = $1 AND person_id = $2 AND met_there = 1 AND followed_up_at IS NULL",
        )
        .bind(key(event))
        .bind(key(p))
        .bind(secs(at))
        .execute(&mut *tx)
        .await?
        .rows_affected();
    }
    tx.commit().await?;
    Ok(n)
}

/// event id, event name, starts_at, ends_at, minutes, person id, person name, followed_up_at,
/// latest other contact.
type MetRow = (Key, String, i64, Option<i64>, Option<i64>, Key, String, Option<i64>, Option<i64>);

/// People (not archived) met at attended events that started by `to` and were over at or
/// after `over_since`, each with the latest interaction with them after the event started and
/// up to `to` that was not logged at the event itself.
pub(crate) async fn met_at_events(pool: &Pool<Db>, over_since: Timestamp, to: Timestamp) -> Result<Vec<MetAtEvent>> {
    let rows: Vec<MetRow> = sqlx::query_as(
        "SELECT e.id, e.name, e.starts_at, e.ends_at, e.minutes, a.person_id, p.name, a.followed_up_at, \
         (SELECT MAX(ip.occurred_at) FROM interaction_participants ip JOIN interactions i ON i.id = ip.interaction_id \
          WHERE ip.person_id = a.person_id AND ip.occurred_at >= e.starts_at AND ip.occurred_at <= $2 \
          AND (i.event_id IS NULL OR i.event_id <> e.id)) \
         FROM events e JOIN event_attendees a ON a.event_id = e.id JOIN people p ON p.id = a.person_id \
         WHERE a.met_there = 1 AND e.attended = 1 AND p.archived_at IS NULL AND e.starts_at <= $2 \
         AND COALESCE(e.ends_at, e.starts_at + COALESCE(e.minutes, 0) * 60) >= $1 \
         ORDER BY e.starts_at, p.name_key, p.id",
    )
    .bind(secs(over_since))
    .bind(secs(to))
    .fetch_all(pool)
    .await?;
    const T: &str = "events";
    rows.into_iter()
        .map(|(id, name, starts, ends, minutes, person, person_name, followed, contact)| {
            let starts_at = instant(T, "starts_at", starts)?;
            let over = ends.unwrap_or(starts + minutes.unwrap_or(0) * 60);
            Ok(MetAtEvent {
                event: parse(T, "id", &id)?,
                event_name: name,
                starts_at,
                over_at: instant(T, "ends_at", over)?,
                person: parse("event_attendees", "person_id", &person)?,
                name: person_name,
                followed_up_at: opt_instant("event_attendees", "followed_up_at", followed)?,
                contact_since: opt_instant("interactions", "occurred_at", contact)?,
            })
        })
        .collect()
}

/// Interactions in `[from, to)`, oldest first, each with all its participants (sorted).
pub(crate) async fn interactions_in(pool: &Pool<Db>, from: Timestamp, to: Timestamp) -> Result<Vec<Interaction>> {
    let rows: Vec<InteractionRow> = sqlx::query_as(
        "SELECT i.id, i.kind, i.occurred_at, i.minutes, i.direction, i.note, i.event_id, i.source_key \
         FROM interactions i WHERE i.occurred_at >= $1 AND i.occurred_at < $2 ORDER BY i.occurred_at, i.id",
    )
    .bind(secs(from))
    .bind(secs(to))
    .fetch_all(pool)
    .await?;
    let pairs: Vec<(Key, Key)> = sqlx::query_as(
        "SELECT ip.interaction_id, ip.person_id FROM interactions i \
         JOIN interaction_participants ip ON ip.interaction_id = i.id \
         WHERE i.occurred_at >= $1 AND i.occurred_at < $2",
    )
    .bind(secs(from))
    .bind(secs(to))
    .fetch_all(pool)
    .await?;
    let mut by_interaction: HashMap<Key, Vec<PersonId>> = HashMap::new();
    for (i, p) in pairs {
        by_interaction.entry(i).or_default().push(parse("interaction_participants", "person_id", &p)?);
    }
    rows.into_iter()
        .map(|r| {
            let mut ps = by_interaction.remove(&r.id).unwrap_or_default();
            ps.sort();
            r.into_interaction(ps)
        })
        .collect()
}

/// Each person's value of one facet key.
pub(crate) async fn facet_values(pool: &Pool<Db>, key: &str) -> Result<HashMap<PersonId, String>> {
    let rows: Vec<(Key, String)> = sqlx::query_as("SELECT person_id, value FROM person_facets WHERE key = $1")
        .bind(key.to_owned())
        .fetch_all(pool)
        .await?;
    rows.into_iter().map(|(p, v)| Ok((parse("person_facets", "person_id", &p)?, v))).collect()
}

/// organisation id, name, domain, role, since, until.
type MembershipRow = (Key, String, Option<String>, Option<String>, Option<String>, Option<String>);

fn membership(row: MembershipRow) -> Result<Membership> {
    let (id, name, domain, role, since, until) = row;
    const T: &str = "org_memberships";
    Ok(Membership {
        organisation: Organisation { id: parse("organisations", "id", &id)?, name, domain },
        role,
        since: parse_opt::<Date>(T, "since", since.as_deref())?,
        until: parse_opt::<Date>(T, "until", until.as_deref())?,
    })
}

/// Every organisation by name, with the people (not archived, not `me`) who work there, its
/// events and `me`'s membership.
pub(crate) async fn organisations(pool: &Pool<Db>, me: Option<PersonId>) -> Result<Vec<OrgSummary>> {
    type Row = (Key, String, Option<String>, i64, i64, Option<String>, Option<String>, Option<String>, Option<i64>);
    // nobody has the nil id: without a `me`, no one is left out
    let me = me.map(Key::from).unwrap_or_else(|| Key::new(uuid::Uuid::nil()));
    let rows: Vec<Row> = sqlx::query_as(
        "SELECT o.id, o.name, o.domain, \
         (SELECT COUNT(*) FROM people p WHERE p.organisation_id = o.id AND p.archived_at IS NULL AND p.id <> $1), \
         (SELECT COUNT(*) FROM events e WHERE e.organisation_id = o.id), \
         m.role, m.since, m.until, m.created_at \
         FROM organisations o LEFT JOIN org_memberships m ON m.organisation_id = o.id AND m.person_id = $1 \
         ORDER BY o.name_key",
    )
    .bind(me)
    .fetch_all(pool)
    .await?;
    rows.into_iter()
        .map(|(id, name, domain, people, events, role, since, until, member)| {
            let organisation = Organisation { id: parse("organisations", "id", &id)?, name, domain };
            let membership = match member {
                Some(_) => Some(membership((id, organisation.name.clone(), organisation.domain.clone(), role, since, until))?),
                None => None,
            };
            Ok(OrgSummary { organisation, people, events, membership })
        })
        .collect()
}

/// People (not archived) working at an organisation, by name.
pub(crate) async fn org_people(pool: &Pool<Db>, organisation: OrganisationId) -> Result<Vec<OrgPerson>> {
    let rows: Vec<(Key, String, Option<String>)> = sqlx::query_as(
        "SELECT id, name, title FROM people WHERE organisation_id = $1 AND archived_at IS NULL ORDER BY name_key, id",
    )
    .bind(key(organisation))
    .fetch_all(pool)
    .await?;
    rows.into_iter().map(|(id, name, title)| Ok(OrgPerson { id: parse("people", "id", &id)?, name, title })).collect()
}

/// A person's memberships, current first, then by organisation name.
pub(crate) async fn memberships_of(pool: &Pool<Db>, person: PersonId) -> Result<Vec<Membership>> {
    let rows: Vec<MembershipRow> = sqlx::query_as(
        "SELECT o.id, o.name, o.domain, m.role, m.since, m.until FROM org_memberships m \
         JOIN organisations o ON o.id = m.organisation_id WHERE m.person_id = $1 \
         ORDER BY CASE WHEN m.until IS NULL THEN 0 ELSE 1 END, o.name_key",
    )
    .bind(key(person))
    .fetch_all(pool)
    .await?;
    rows.into_iter().map(membership).collect()
}

/// Makes `person` a member of the organisation named `name` (created when no organisation has
/// that name, compared without case or accents). A past membership becomes current again;
/// a role or day not given keeps the one recorded. Returns the organisation and whether it
/// was created.
pub(crate) async fn join_org(
    pool: &Pool<Db>,
    name: &str,
    person: PersonId,
    role: Option<&str>,
    since: Option<Date>,
    now: Timestamp,
) -> Result<(Organisation, bool)> {
    let mut tx: Tx<'static> = pool.begin_with(super::DIALECT.begin_write).await?;
    let name_key = text::name_key(name);
    let found: Option<(Key, String, Option<String>)> =
        sqlx::query_as("SELECT id, name, domain FROM organisations WHERE name_key = $1")
            .bind(name_key.clone())
            .fetch_optional(&mut *tx)
            .await?;
    let (org, created) = match found {
        Some((id, name, domain)) => (Organisation { id: parse("organisations", "id", &id)?, name, domain }, false),
        None => {
            let id = OrganisationId(uuid::Uuid::now_v7());
            sqlx::query("INSERT INTO organisations (id, name, name_key, created_at) VALUES ($1, $2, $3, $4)")
                .bind(key(id))
                .bind(name.trim().to_owned())
                .bind(name_key)
                .bind(secs(now))
                .execute(&mut *tx)
                .await?;
            (Organisation { id, name: name.trim().to_owned(), domain: None }, true)
        }
    };
    sqlx::query(
        "INSERT INTO org_memberships (organisation_id, person_id, role, since, until, created_at) \
         VALUES ($1, $2, $3, $4, NULL, $5) ON CONFLICT (organisation_id, person_id) DO UPDATE SET \
         role = COALESCE(excluded.role, org_memberships.role), since = COALESCE(excluded.since, org_memberships.since), \
         until = NULL",
    )
    .bind(key(org.id))
    .bind(key(person))
    .bind(role.map(str::to_owned))
    .bind(since.map(day))
    .bind(secs(now))
    .execute(&mut *tx)
    .await?;
    tx.commit().await?;
    Ok((org, created))
}

/// Ends a current membership on `until`; false when there was none.
pub(crate) async fn leave_org(pool: &Pool<Db>, organisation: OrganisationId, person: PersonId, until: Date) -> Result<bool> {
    let done = sqlx::query(
        "UPDATE org_memberships SET until = $3 WHERE organisation_id = $1 AND person_id = $2 AND until IS NULL",
    )
    .bind(key(organisation))
    .bind(key(person))
    .bind(day(until))
    .execute(pool)
    .await?;
    Ok(done.rows_affected() > 0)
}

type GoalRow = (Key, Key, String, String, i64, String, Option<String>, i64, Option<i64>);

/// A person's goals, open ones only or all, oldest first.
pub(crate) async fn goals_of(pool: &Pool<Db>, owner: PersonId, open_only: bool) -> Result<Vec<Goal>> {
    let mut qb = QueryBuilder::<Db>::new(
        "SELECT id, owner_id, title, metric, target, period, facet_filter, created_at, closed_at FROM goals WHERE owner_id = ",
    );
    qb.push_bind(key(owner));
    if open_only {
        qb.push(" AND closed_at IS NULL");
    }
    qb.push(" ORDER BY created_at, id");
    let rows: Vec<GoalRow> = qb.build_query_as().fetch_all(pool).await?;
    const T: &str = "goals";
    rows.into_iter()
        .map(|(id, owner, title, metric, target, period, facet_filter, created, closed)| {
            Ok(Goal {
                id: parse(T, "id", &id)?,
                owner: parse(T, "owner_id", &owner)?,
                title,
                metric: parse(T, "metric", &metric)?,
                target: narrow(T, "target", target)?,
                period: parse(T, "period", &period)?,
                facet_filter,
                created_at: instant(T, "created_at", created)?,
                closed_at: opt_instant(T, "closed_at", closed)?,
            })
        })
        .collect()
}

/// Closes a goal; false when it was closed already or is unknown.
pub(crate) async fn close_goal(pool: &Pool<Db>, id: GoalId, at: Timestamp) -> Result<bool> {
    let done = sqlx::query("UPDATE goals SET closed_at = $2 WHERE id = $1 AND closed_at IS NULL")
        .bind(key(id))
        .bind(secs(at))
        .execute(pool)
        .await?;
    Ok(done.rows_affected() > 0)
}
