// The whole database in and out: `dump` reads every table in bulk (a constant number of
// queries, in one read transaction) into a `Backup`; `restore` writes one into an empty
// database in one transaction. Included by `backend.rs` once per backend, with `Db` and
// `DIALECT` in scope.

use crate::key::{Key, key};
use super::write::{Tx, insert_many, write_in};
use super::{DIALECT, Db};
use crate::convert::{instant, narrow, opt_instant, parse, parse_opt, secs};
use crate::error::{Result, StoreError};
use crate::rows::{DateRow, InteractionRow, KnowsRow, NoteRow, PersonRow, PersonValueRow, apply_value};
use jiff::Timestamp;
use kithkin_core::backup::{
    Backup, EventRecord, FacetWanted, FollowedUp, KnowsRecord, OrgMembership, PersonSource, Stamped,
};
use kithkin_core::circle::Circle;
use kithkin_core::collaboration::Collaboration;
use kithkin_core::event::{Event, EventAttendee};
use kithkin_core::exchange::{Favour, HelpItem};
use kithkin_core::follow_up::FollowUp;
use kithkin_core::goal::Goal;
use kithkin_core::introduction::Introduction;
use kithkin_core::life_event::LifeEvent;
use kithkin_core::organisation::Organisation;
use kithkin_core::person::Person;
use kithkin_core::{PersonId, text};
use sqlx::{Pool, QueryBuilder};
use std::collections::HashMap;

/// Every table of the database as a backup made at `exported_at`, in canonical order. The
/// queries run in one transaction; `snapshot` (PostgreSQL's `SET TRANSACTION ISOLATION LEVEL
/// REPEATABLE READ`) makes them all see the same moment where the backend needs asking.
pub(crate) async fn dump(pool: &Pool<Db>, snapshot: Option<&'static str>, exported_at: Timestamp) -> Result<Backup> {
    let mut tx = pool.begin().await?;
    if let Some(sql) = snapshot {
        sqlx::query(sql).execute(&mut *tx).await?;
    }
    let mut b = Backup::new(exported_at);

    // `me` names a person: an id like any other (`crate::key`), the other settings are text
    let me: Option<(Key,)> =
        sqlx::query_as("SELECT value FROM settings WHERE key = 'me'").fetch_optional(&mut *tx).await?;
    b.me = me.map(|(id,)| parse("settings", "value", &id)).transpose()?;
    let settings: Vec<(String, String)> =
        sqlx::query_as("SELECT key, value FROM settings WHERE key <> 'me' ORDER BY key").fetch_all(&mut *tx).await?;
    b.settings.extend(settings);

    let orgs: Vec<(Key, String, Option<String>, i64)> =
        sqlx::query_as("SELECT id, name, domain, created_at FROM organisations ORDER BY id")
            .fetch_all(&mut *tx)
            .await?;
    const O: &str = "organisations";
    b.organisations = orgs
        .into_iter()
        .map(|(id, name, domain, created)| {
            Ok(Stamped::new(
                Organisation { id: parse(O, "id", &id)?, name, domain },
                instant(O, "created_at", created)?,
            ))
        })
        .collect::<Result<_>>()?;

    let circles: Vec<(Key, String, Option<i64>, i64)> =
        sqlx::query_as("SELECT id, name, cadence_days, created_at FROM circles ORDER BY id")
            .fetch_all(&mut *tx)
            .await?;
    const C: &str = "circles";
    b.circles = circles
        .into_iter()
        .map(|(id, name, cadence, created)| {
            let cadence = cadence
                .map(|d| {
                    let days: u32 = narrow(C, "cadence_days", d)?;
                    kithkin_core::cadence::Cadence::from_days(days).map_err(|e| StoreError::Corrupt {
                        table: C,
                        column: "cadence_days",
                        value: d.to_string(),
                        reason: e.reason,
                    })
                })
                .transpose()?;
            Ok(Stamped::new(Circle { id: parse(C, "id", &id)?, name, cadence }, instant(C, "created_at", created)?))
        })
        .collect::<Result<_>>()?;

    b.people = people_in(&mut tx).await?;

    let notes: Vec<NoteRow> =
        sqlx::query_as("SELECT id, person_id, body, created_at FROM notes ORDER BY id").fetch_all(&mut *tx).await?;
    b.notes = notes.into_iter().map(NoteRow::into_note).collect::<Result<_>>()?;

    b.events = events_in(&mut tx).await?;
    b.interactions = interactions_in(&mut tx).await?;

    let knows: Vec<(Key, Key, f64, String, i64)> = sqlx::query_as(
        "SELECT person_a, person_b, strength, source, updated_at FROM knows ORDER BY person_a, person_b",
    )
    .fetch_all(&mut *tx)
    .await?;
    b.knows = knows
        .into_iter()
        .map(|(a, b, strength, source, updated)| {
            let link = KnowsRow { person_a: a, person_b: b, strength, source }.into_link()?;
            Ok(KnowsRecord { link, updated_at: instant("knows", "updated_at", updated)? })
        })
        .collect::<Result<_>>()?;

    type DateTuple = (Key, Key, String, Option<String>, i64, i64, Option<i64>, i64);
    let dates: Vec<DateTuple> = sqlx::query_as(
        "SELECT id, person_id, kind, label, month, day, year, created_at FROM important_dates ORDER BY id",
    )
    .fetch_all(&mut *tx)
    .await?;
    b.dates = dates
        .into_iter()
        .map(|(id, person_id, kind, label, month, day, year, created)| {
            let date = DateRow { id, person_id, kind, label, month, day, year }.into_date()?;
            Ok(Stamped::new(date, instant("important_dates", "created_at", created)?))
        })
        .collect::<Result<_>>()?;

    type LifeTuple = (Key, Key, String, String, Option<String>, Option<i64>, i64);
    let life: Vec<LifeTuple> = sqlx::query_as(
        "SELECT id, person_id, kind, happened_on, note, acknowledged_at, created_at FROM life_events ORDER BY id",
    )
    .fetch_all(&mut *tx)
    .await?;
    const L: &str = "life_events";
    b.life_events = life
        .into_iter()
        .map(|(id, person, kind, on, note, ack, created)| {
            let event = LifeEvent {
                id: parse(L, "id", &id)?,
                person: parse(L, "person_id", &person)?,
                kind: parse(L, "kind", &kind)?,
                on: parse(L, "happened_on", &on)?,
                note,
                acknowledged_at: opt_instant(L, "acknowledged_at", ack)?,
            };
            Ok(Stamped::new(event, instant(L, "created_at", created)?))
        })
        .collect::<Result<_>>()?;

    type HelpTuple = (Key, Key, String, String, String, String, i64, Option<i64>);
    let help: Vec<HelpTuple> = sqlx::query_as(
        "SELECT id, person_id, kind, text, tags, status, created_at, closed_at FROM help_items ORDER BY id",
    )
    .fetch_all(&mut *tx)
    .await?;
    const H: &str = "help_items";
    b.help_items = help
        .into_iter()
        .map(|(id, person, kind, text, tags, status, created, closed)| {
            Ok(HelpItem {
                id: parse(H, "id", &id)?,
                person: parse(H, "person_id", &person)?,
                kind: parse(H, "kind", &kind)?,
                text,
                tags: tags.split('\n').filter(|t| !t.is_empty()).map(str::to_owned).collect(),
                status: parse(H, "status", &status)?,
                created_at: instant(H, "created_at", created)?,
                closed_at: opt_instant(H, "closed_at", closed)?,
            })
        })
        .collect::<Result<_>>()?;

    type FavourTuple =
        (Key, Key, Key, String, String, i64, i64, Option<Key>, Option<i64>, Option<Key>, i64);
    let favours: Vec<FavourTuple> = sqlx::query_as(
        "SELECT id, giver_id, receiver_id, kind, text, weight, occurred_at, for_need_id, thanked_at, thanked_in, \
         created_at FROM favours ORDER BY id",
    )
    .fetch_all(&mut *tx)
    .await?;
    const F: &str = "favours";
    b.favours = favours
        .into_iter()
        .map(|(id, giver, receiver, kind, text, weight, at, need, thanked_at, thanked_in, created)| {
            let favour = Favour {
                id: parse(F, "id", &id)?,
                giver: parse(F, "giver_id", &giver)?,
                receiver: parse(F, "receiver_id", &receiver)?,
                kind: parse(F, "kind", &kind)?,
                text,
                weight: narrow(F, "weight", weight)?,
                occurred_at: instant(F, "occurred_at", at)?,
                for_need: parse_opt(F, "for_need_id", need.as_deref())?,
                thanked_at: opt_instant(F, "thanked_at", thanked_at)?,
                thanked_in: parse_opt(F, "thanked_in", thanked_in.as_deref())?,
            };
            Ok(Stamped::new(favour, instant(F, "created_at", created)?))
        })
        .collect::<Result<_>>()?;

    type IntroTuple = (
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
        i64,
    );
    let intros: Vec<IntroTuple> = sqlx::query_as(
        "SELECT id, person_a, person_b, reason, status, suggested_at, asked_a_at, asked_b_at, introduced_at, outcome, \
         outcome_at, declined_at, created_at FROM introductions ORDER BY id",
    )
    .fetch_all(&mut *tx)
    .await?;
    const I: &str = "introductions";
    b.introductions = intros
        .into_iter()
        .map(
            |(
                id,
                a,
                pb,
                reason,
                status,
                suggested,
                asked_a,
                asked_b,
                introduced,
                outcome,
                outcome_at,
                declined,
                created,
            )| {
                let intro = Introduction {
                    id: parse(I, "id", &id)?,
                    a: parse(I, "person_a", &a)?,
                    b: parse(I, "person_b", &pb)?,
                    reason,
                    status: parse(I, "status", &status)?,
                    suggested_at: instant(I, "suggested_at", suggested)?,
                    asked_a_at: opt_instant(I, "asked_a_at", asked_a)?,
                    asked_b_at: opt_instant(I, "asked_b_at", asked_b)?,
                    introduced_at: opt_instant(I, "introduced_at", introduced)?,
                    outcome: parse_opt(I, "outcome", outcome.as_deref())?,
                    outcome_at: opt_instant(I, "outcome_at", outcome_at)?,
                    declined_at: opt_instant(I, "declined_at", declined)?,
                };
                Ok(Stamped::new(intro, instant(I, "created_at", created)?))
            },
        )
        .collect::<Result<_>>()?;

    type CollabTuple = (Key, String, String, Option<String>, Option<String>, i64, i64);
    let collabs: Vec<CollabTuple> = sqlx::query_as(
        "SELECT id, name, status, outcome, note, created_at, updated_at FROM collaborations ORDER BY id",
    )
    .fetch_all(&mut *tx)
    .await?;
    let members: Vec<(Key, Key)> = sqlx::query_as(
        "SELECT collaboration_id, person_id FROM collaboration_members ORDER BY collaboration_id, person_id",
    )
    .fetch_all(&mut *tx)
    .await?;
    let mut by_collab: HashMap<Key, Vec<PersonId>> = HashMap::new();
    for (c, p) in members {
        by_collab.entry(c).or_default().push(parse("collaboration_members", "person_id", &p)?);
    }
    const K: &str = "collaborations";
    b.collaborations = collabs
        .into_iter()
        .map(|(id, name, status, outcome, note, created, updated)| {
            Ok(Collaboration {
                members: by_collab.remove(&id).unwrap_or_default(),
                id: parse(K, "id", &id)?,
                name,
                status: parse(K, "status", &status)?,
                outcome,
                note,
                created_at: instant(K, "created_at", created)?,
                updated_at: instant(K, "updated_at", updated)?,
            })
        })
        .collect::<Result<_>>()?;

    type GoalTuple = (Key, Key, String, String, i64, String, Option<String>, i64, Option<i64>);
    let goals: Vec<GoalTuple> = sqlx::query_as(
        "SELECT id, owner_id, title, metric, target, period, facet_filter, created_at, closed_at FROM goals ORDER BY id",
    )
    .fetch_all(&mut *tx)
    .await?;
    const G: &str = "goals";
    b.goals = goals
        .into_iter()
        .map(|(id, owner, title, metric, target, period, facet_filter, created, closed)| {
            Ok(Goal {
                id: parse(G, "id", &id)?,
                owner: parse(G, "owner_id", &owner)?,
                title,
                metric: parse(G, "metric", &metric)?,
                target: narrow(G, "target", target)?,
                period: parse(G, "period", &period)?,
                facet_filter,
                created_at: instant(G, "created_at", created)?,
                closed_at: opt_instant(G, "closed_at", closed)?,
            })
        })
        .collect::<Result<_>>()?;

    let follow_ups: Vec<(Key, Key, String, String, Option<i64>, i64)> =
        sqlx::query_as("SELECT id, person_id, due_on, text, done_at, created_at FROM follow_ups ORDER BY id")
            .fetch_all(&mut *tx)
            .await?;
    const U: &str = "follow_ups";
    b.follow_ups = follow_ups
        .into_iter()
        .map(|(id, person, due, text, done, created)| {
            Ok(FollowUp {
                id: parse(U, "id", &id)?,
                person: parse(U, "person_id", &person)?,
                due_on: parse(U, "due_on", &due)?,
                text,
                done_at: opt_instant(U, "done_at", done)?,
                created_at: instant(U, "created_at", created)?,
            })
        })
        .collect::<Result<_>>()?;

    let wanted: Vec<(String, String)> =
        sqlx::query_as("SELECT key, value FROM facet_wanted ORDER BY key, value").fetch_all(&mut *tx).await?;
    b.facet_wanted = wanted.into_iter().map(|(key, value)| FacetWanted { key, value }).collect();

    type MembershipTuple = (Key, Key, Option<String>, Option<String>, Option<String>, i64);
    let memberships: Vec<MembershipTuple> = sqlx::query_as(
        "SELECT organisation_id, person_id, role, since, until, created_at FROM org_memberships \
         ORDER BY organisation_id, person_id",
    )
    .fetch_all(&mut *tx)
    .await?;
    const M: &str = "org_memberships";
    b.org_memberships = memberships
        .into_iter()
        .map(|(org, person, role, since, until, created)| {
            Ok(OrgMembership {
                organisation: parse(M, "organisation_id", &org)?,
                person: parse(M, "person_id", &person)?,
                role,
                since: parse_opt(M, "since", since.as_deref())?,
                until: parse_opt(M, "until", until.as_deref())?,
                created_at: instant(M, "created_at", created)?,
            })
        })
        .collect::<Result<_>>()?;

    let sources: Vec<(String, String, Key)> =
        sqlx::query_as("SELECT source, key, person_id FROM person_sources ORDER BY source, key")
            .fetch_all(&mut *tx)
            .await?;
    b.person_sources = sources
        .into_iter()
        .map(|(source, key, person)| {
            Ok(PersonSource { source, key, person: parse("person_sources", "person_id", &person)? })
        })
        .collect::<Result<_>>()?;

    tx.rollback().await?;
    b.canonicalise();
    Ok(b)
}

/// Every person with their whole profile and circles, by id: five queries.
pub(crate) async fn people(pool: &Pool<Db>) -> Result<Vec<Person>> {
    let mut tx = pool.begin().await?;
    let people = people_in(&mut tx).await?;
    tx.rollback().await?;
    Ok(people)
}

async fn people_in(tx: &mut Tx<'_>) -> Result<Vec<Person>> {
    let rows: Vec<PersonRow> = sqlx::query_as(
        "SELECT p.id, p.name, p.nickname, o.name AS organisation, p.title, p.cadence_days, p.met_at, p.met_on, \
         p.introduced_by, p.summary, p.snoozed_until, p.archived_at, p.created_at, p.updated_at \
         FROM people p LEFT JOIN organisations o ON o.id = p.organisation_id ORDER BY p.id",
    )
    .fetch_all(&mut **tx)
    .await?;
    let mut people: Vec<Person> = rows.into_iter().map(PersonRow::into_person).collect::<Result<_>>()?;
    let index: HashMap<Key, usize> = people.iter().enumerate().map(|(i, p)| (key(p.id), i)).collect();
    let side: [(&'static str, &'static str); 4] = [
        ("person_contacts", "SELECT person_id, kind, value FROM person_contacts ORDER BY person_id, kind, position"),
        ("person_labels", "SELECT person_id, kind, value FROM person_labels ORDER BY person_id, kind, position"),
        ("person_facets", "SELECT person_id, key, value FROM person_facets ORDER BY person_id, key"),
        (
            "circle_members",
            "SELECT m.person_id, c.name_key, c.name FROM circle_members m JOIN circles c ON c.id = m.circle_id \
             ORDER BY m.person_id, c.name_key",
        ),
    ];
    for (table, sql) in side {
        let rows: Vec<(Key, String, String)> = sqlx::query_as(sql).fetch_all(&mut **tx).await?;
        for (person, kind, value) in rows {
            let Some(&i) = index.get(&person) else {
                return Err(StoreError::Corrupt {
                    table,
                    column: "person_id",
                    value: person.to_string(),
                    reason: "no such person".into(),
                });
            };
            apply_value(&mut people[i], table, PersonValueRow { kind, value })?;
        }
    }
    Ok(people)
}

/// id, name, kind, starts_at, ends_at, minutes, location, organisation name, note, attended,
/// created_at.
type EventTuple =
    (Key, String, String, i64, Option<i64>, Option<i64>, Option<String>, Option<String>, Option<String>, i64, i64);

async fn events_in(tx: &mut Tx<'_>) -> Result<Vec<EventRecord>> {
    let rows: Vec<EventTuple> = sqlx::query_as(
        "SELECT e.id, e.name, e.kind, e.starts_at, e.ends_at, e.minutes, e.location, o.name, e.note, e.attended, \
         e.created_at FROM events e LEFT JOIN organisations o ON o.id = e.organisation_id ORDER BY e.id",
    )
    .fetch_all(&mut **tx)
    .await?;
    let attendees: Vec<(Key, Key, i64, Option<i64>)> = sqlx::query_as(
        "SELECT event_id, person_id, met_there, followed_up_at FROM event_attendees ORDER BY event_id, person_id",
    )
    .fetch_all(&mut **tx)
    .await?;
    const A: &str = "event_attendees";
    let mut by_event: HashMap<Key, (Vec<EventAttendee>, Vec<FollowedUp>)> = HashMap::new();
    for (event, person, met, followed) in attendees {
        let person: PersonId = parse(A, "person_id", &person)?;
        let entry = by_event.entry(event).or_default();
        entry.0.push(EventAttendee { person, met_there: met != 0 });
        if let Some(at) = opt_instant(A, "followed_up_at", followed)? {
            entry.1.push(FollowedUp { person, at });
        }
    }
    const E: &str = "events";
    rows.into_iter()
        .map(|(id, name, kind, starts, ends, minutes, location, organisation, note, attended, created)| {
            let (attendees, followed_up) = by_event.remove(&id).unwrap_or_default();
            let event = Event {
                id: parse(E, "id", &id)?,
                name,
                kind: parse(E, "kind", &kind)?,
                starts_at: instant(E, "starts_at", starts)?,
                ends_at: opt_instant(E, "ends_at", ends)?,
                minutes: minutes.map(|m| narrow(E, "minutes", m)).transpose()?,
                location,
                organisation,
                note,
                attended: attended != 0,
                attendees,
            };
            Ok(EventRecord { event, created_at: instant(E, "created_at", created)?, followed_up })
        })
        .collect()
}

/// id, kind, occurred_at, minutes, direction, note, event_id, source_key, created_at.
type InteractionTuple = (Key, String, i64, Option<i64>, String, Option<String>, Option<Key>, Option<String>, i64);

async fn interactions_in(tx: &mut Tx<'_>) -> Result<Vec<Stamped<kithkin_core::interaction::Interaction>>> {
    let rows: Vec<InteractionTuple> = sqlx::query_as(
        "SELECT id, kind, occurred_at, minutes, direction, note, event_id, source_key, created_at \
         FROM interactions ORDER BY id",
    )
    .fetch_all(&mut **tx)
    .await?;
    let pairs: Vec<(Key, Key)> = sqlx::query_as(
        "SELECT interaction_id, person_id FROM interaction_participants ORDER BY interaction_id, person_id",
    )
    .fetch_all(&mut **tx)
    .await?;
    let mut by_interaction: HashMap<Key, Vec<PersonId>> = HashMap::new();
    for (i, p) in pairs {
        by_interaction.entry(i).or_default().push(parse("interaction_participants", "person_id", &p)?);
    }
    rows.into_iter()
        .map(|(id, kind, occurred_at, minutes, direction, note, event_id, source_key, created)| {
            let participants = by_interaction.remove(&id).unwrap_or_default();
            let row = InteractionRow { id, kind, occurred_at, minutes, direction, note, event_id, source_key };
            let interaction = row.into_interaction(participants)?;
            Ok(Stamped::new(interaction, instant("interactions", "created_at", created)?))
        })
        .collect()
}

/// The tables that hold records of their own (the others hang off people, events,
/// interactions or collaborations and are empty when these are).
const TOP_LEVEL: &str = "SELECT 'settings', COUNT(*) FROM settings \
    UNION ALL SELECT 'people', COUNT(*) FROM people \
    UNION ALL SELECT 'organisations', COUNT(*) FROM organisations \
    UNION ALL SELECT 'circles', COUNT(*) FROM circles \
    UNION ALL SELECT 'events', COUNT(*) FROM events \
    UNION ALL SELECT 'interactions', COUNT(*) FROM interactions \
    UNION ALL SELECT 'collaborations', COUNT(*) FROM collaborations \
    UNION ALL SELECT 'facet_wanted', COUNT(*) FROM facet_wanted";

/// Writes `backup` into an empty database (`location` names it in the refusal) in one
/// transaction; with `dry_run` everything is written and then rolled back, so the checks of
/// the database itself run too. Records the batch writer takes go through it (profiles,
/// search documents and participant rows are derived there); the instants it sets to "now"
/// are then put back, and the rest is inserted directly.
pub(crate) async fn restore(pool: &Pool<Db>, backup: &Backup, location: &str, dry_run: bool) -> Result<()> {
    let mut tx = pool.begin_with(DIALECT.begin_write).await?;
    let counts: Vec<(String, i64)> = sqlx::query_as(TOP_LEVEL).fetch_all(&mut *tx).await?;
    let held: Vec<String> = counts
        .iter()
        .filter(|(_, n)| *n > 0)
        .map(|(table, n)| {
            let (one, many) = match table.as_str() {
                "settings" => ("setting", "settings"),
                "people" => ("person", "people"),
                "organisations" => ("organisation", "organisations"),
                "circles" => ("circle", "circles"),
                "events" => ("event", "events"),
                "interactions" => ("interaction", "interactions"),
                "collaborations" => ("collaboration", "collaborations"),
                _ => ("wanted facet value", "wanted facet values"),
            };
            format!("{n} {}", if *n == 1 { one } else { many })
        })
        .collect();
    if !held.is_empty() {
        return Err(StoreError::Conflict(format!(
            "cannot restore into {location}: the database is not empty (it holds {}); a backup is restored into a new, \
             empty database only, so nothing in it is overwritten or mixed up",
            held.join(", ")
        )));
    }

    let orgs: Vec<(Key, String, String, Option<String>, i64)> = backup
        .organisations
        .iter()
        .map(|o| {
            let r = &o.record;
            (key(r.id), r.name.clone(), text::name_key(&r.name), r.domain.clone(), secs(o.created_at))
        })
        .collect();
    insert_many(
        &mut tx,
        "INSERT INTO organisations (id, name, name_key, domain, created_at)",
        "",
        5,
        &orgs,
        |b, (id, name, name_key, domain, created)| {
            b.push_bind(id)
                .push_bind(name.clone())
                .push_bind(name_key.clone())
                .push_bind(domain.clone())
                .push_bind(*created);
        },
    )
    .await?;

    write_in(&mut tx, &backup.batch(), backup.exported_at).await?;

    let stamp = |id: Key, at: Timestamp| (id, secs(at));
    set_instants(
        &mut tx,
        "circles",
        "created_at",
        backup.circles.iter().map(|c| stamp(key(c.record.id), c.created_at)).collect(),
    )
    .await?;
    set_instants(
        &mut tx,
        "events",
        "created_at",
        backup.events.iter().map(|e| stamp(key(e.event.id), e.created_at)).collect(),
    )
    .await?;
    set_instants(
        &mut tx,
        "interactions",
        "created_at",
        backup.interactions.iter().map(|i| stamp(key(i.record.id), i.created_at)).collect(),
    )
    .await?;
    set_instants(
        &mut tx,
        "important_dates",
        "created_at",
        backup.dates.iter().map(|d| stamp(key(d.record.id), d.created_at)).collect(),
    )
    .await?;
    set_instants(
        &mut tx,
        "life_events",
        "created_at",
        backup.life_events.iter().map(|e| stamp(key(e.record.id), e.created_at)).collect(),
    )
    .await?;
    set_instants(
        &mut tx,
        "favours",
        "created_at",
        backup.favours.iter().map(|f| stamp(key(f.record.id), f.created_at)).collect(),
    )
    .await?;
    set_instants(
        &mut tx,
        "introductions",
        "created_at",
        backup.introductions.iter().map(|i| stamp(key(i.record.id), i.created_at)).collect(),
    )
    .await?;
    let knows: Vec<(Key, Key, i64)> =
        backup.knows.iter().map(|k| (key(k.link.a), key(k.link.b), secs(k.updated_at))).collect();
    set_pair_instants(&mut tx, "knows", "person_a", "person_b", "updated_at", &knows).await?;
    let followed: Vec<(Key, Key, i64)> = backup
        .events
        .iter()
        .flat_map(|e| e.followed_up.iter().map(move |f| (key(e.event.id), key(f.person), secs(f.at))))
        .collect();
    set_pair_instants(&mut tx, "event_attendees", "event_id", "person_id", "followed_up_at", &followed).await?;

    let memberships: Vec<&OrgMembership> = backup.org_memberships.iter().collect();
    insert_many(
        &mut tx,
        "INSERT INTO org_memberships (organisation_id, person_id, role, since, until, created_at)",
        "",
        6,
        &memberships,
        |b, m| {
            b.push_bind(key(m.organisation))
                .push_bind(key(m.person))
                .push_bind(m.role.clone())
                .push_bind(m.since.map(|d| d.to_string()))
                .push_bind(m.until.map(|d| d.to_string()))
                .push_bind(secs(m.created_at));
        },
    )
    .await?;
    insert_many(
        &mut tx,
        "INSERT INTO person_sources (source, key, person_id)",
        "",
        3,
        &backup.person_sources,
        |b, s| {
            b.push_bind(s.source.clone()).push_bind(s.key.clone()).push_bind(key(s.person));
        },
    )
    .await?;
    insert_many(&mut tx, "INSERT INTO facet_wanted (key, value)", "", 2, &backup.facet_wanted, |b, f| {
        b.push_bind(f.key.clone()).push_bind(f.value.clone());
    })
    .await?;
    let settings: Vec<(&String, &String)> = backup.settings.iter().collect();
    insert_many(&mut tx, "INSERT INTO settings (key, value)", "", 2, &settings, |b, (k, v)| {
        b.push_bind(k.as_str()).push_bind(v.as_str());
    })
    .await?;
    if let Some(me) = backup.me {
        sqlx::query("INSERT INTO settings (key, value) VALUES ('me', $1)").bind(key(me)).execute(&mut *tx).await?;
    }

    if dry_run {
        tx.rollback().await?;
    } else {
        tx.commit().await?;
    }
    Ok(())
}

/// Sets `column` of each row of `table` named by its `id` (the instants the batch writer
/// sets to "now").
async fn set_instants(tx: &mut Tx<'_>, table: &'static str, column: &'static str, rows: Vec<(Key, i64)>) -> Result<()> {
    for chunk in rows.chunks(DIALECT.max_binds / 2) {
        // VALUES columns are called column1, column2 in both dialects
        let mut qb = QueryBuilder::<Db>::new(format!("UPDATE {table} SET {column} = v.column2 FROM ("));
        qb.push_values(chunk, |mut b, (id, at)| {
            b.push_bind(id.clone()).push_bind(*at);
        });
        qb.push(format!(") AS v WHERE {table}.id = v.column1"));
        qb.build().execute(&mut **tx).await?;
    }
    Ok(())
}

/// Sets `column` of each row of `table` named by a pair of keys.
async fn set_pair_instants(
    tx: &mut Tx<'_>,
    table: &'static str,
    first: &'static str,
    second: &'static str,
    column: &'static str,
    rows: &[(Key, Key, i64)],
) -> Result<()> {
    for chunk in rows.chunks(DIALECT.max_binds / 3) {
        let mut qb = QueryBuilder::<Db>::new(format!("UPDATE {table} SET {column} = v.column3 FROM ("));
        qb.push_values(chunk, |mut b, (x, y, at)| {
            b.push_bind(x.clone()).push_bind(y.clone()).push_bind(*at);
        });
        qb.push(format!(") AS v WHERE {table}.{first} = v.column1 AND {table}.{second} = v.column2"));
        qb.build().execute(&mut **tx).await?;
    }
    Ok(())
}
