// Keeping in touch: the bulk questions behind `today`, `strength`, `reconnect` and the
// calendar, and the small changes they need (snooze, done, acknowledge). Included by
// `backend.rs` once per backend, with `Db` and `DIALECT` in scope.

use crate::key::{Key, key};
use super::{DIALECT, Db};
use crate::convert::{day, instant, narrow, opt_instant, parse, parse_opt, secs};
use crate::error::{Result, StoreError};
use crate::model::{CheckinRow, FollowUpView, PersonBasics};
use crate::rows::DateRow;
use jiff::Timestamp;
use jiff::civil::Date;
use kithkin_core::cadence::Cadence;
use kithkin_core::dates::ImportantDate;
use kithkin_core::follow_up::FollowUp;
use kithkin_core::life_event::LifeEvent;
use kithkin_core::person::Role;
use kithkin_core::strength::{FavourFlow, Touch};
use kithkin_core::{CircleId, FollowUpId, LifeEventId, PersonId};
use sqlx::{Pool, QueryBuilder};
use std::collections::HashMap;

fn cadence(table: &'static str, days: Option<i64>) -> Result<Option<Cadence>> {
    days.map(|d| {
        let d: u32 = narrow(table, "cadence_days", d)?;
        Cadence::from_days(d).map_err(|e| StoreError::Corrupt { table, column: "cadence_days", value: d.to_string(), reason: e.reason })
    })
    .transpose()
}

/// id, name, own cadence, circle cadence, last contact, snoozed until.
type CandidateRow = (Key, String, Option<i64>, Option<i64>, Option<i64>, Option<String>);

/// People who have a cadence (their own or a circle's), not archived, not me, with their
/// last contact up to `at`.
pub(crate) async fn checkin_candidates(pool: &Pool<Db>, at: Timestamp) -> Result<Vec<CheckinRow>> {
    let rows: Vec<CandidateRow> = sqlx::query_as(
        "SELECT p.id, p.name, p.cadence_days, \
           (SELECT MIN(c.cadence_days) FROM circle_members m JOIN circles c ON c.id = m.circle_id \
            WHERE m.person_id = p.id) AS circle_cadence, \
           (SELECT MAX(ip.occurred_at) FROM interaction_participants ip \
            WHERE ip.person_id = p.id AND ip.occurred_at <= $1) AS last_contact, \
           p.snoozed_until \
         FROM people p \
         WHERE p.archived_at IS NULL \
           AND p.id NOT IN (SELECT value FROM settings WHERE key = 'me') \
           AND (p.cadence_days IS NOT NULL OR p.id IN (SELECT m.person_id FROM circle_members m \
                JOIN circles c ON c.id = m.circle_id WHERE c.cadence_days IS NOT NULL))",
    )
    .bind(secs(at))
    .fetch_all(pool)
    .await?;
    rows.into_iter()
        .map(|(id, name, own, circle, last, snoozed)| {
            Ok(CheckinRow {
                person: parse("people", "id", &id)?,
                name,
                own_cadence: cadence("people", own)?,
                circle_cadence: cadence("circles", circle)?,
                last_contact: opt_instant("interaction_participants", "occurred_at", last)?,
                snoozed_until: parse_opt("people", "snoozed_until", snoozed.as_deref())?,
            })
        })
        .collect()
}

/// Roles of the given people.
pub(crate) async fn roles_of(pool: &Pool<Db>, ids: &[PersonId]) -> Result<HashMap<PersonId, Vec<Role>>> {
    let mut out: HashMap<PersonId, Vec<Role>> = HashMap::new();
    for chunk in ids.chunks(DIALECT.max_binds - 1) {
        let mut qb = QueryBuilder::<Db>::new("SELECT person_id, value FROM person_labels WHERE kind = 'role' AND person_id IN (");
        let mut sep = qb.separated(", ");
        for id in chunk {
            sep.push_bind(key(id));
        }
        qb.push(") ORDER BY person_id, position");
        let rows: Vec<(Key, String)> = qb.build_query_as().fetch_all(pool).await?;
        for (p, r) in rows {
            out.entry(parse("person_labels", "person_id", &p)?).or_default().push(parse("person_labels", "value", &r)?);
        }
    }
    Ok(out)
}

/// Everyone who is not archived (and not me): id, name, when met, when added.
pub(crate) async fn active_people(pool: &Pool<Db>) -> Result<Vec<PersonBasics>> {
    let rows: Vec<(Key, String, Option<String>, i64)> = sqlx::query_as(
        "SELECT id, name, met_on, created_at FROM people WHERE archived_at IS NULL \
         AND id NOT IN (SELECT value FROM settings WHERE key = 'me') ORDER BY name_key, id",
    )
    .fetch_all(pool)
    .await?;
    rows.into_iter()
        .map(|(id, name, met_on, created)| {
            Ok(PersonBasics {
                person: parse("people", "id", &id)?,
                name,
                met_on: parse_opt("people", "met_on", met_on.as_deref())?,
                created_at: instant("people", "created_at", created)?,
            })
        })
        .collect()
}

/// The same as [`active_people`] for the given ids only (archived ones included).
pub(crate) async fn basics_of(pool: &Pool<Db>, ids: &[PersonId]) -> Result<Vec<PersonBasics>> {
    let mut out = Vec::with_capacity(ids.len());
    for chunk in ids.chunks(DIALECT.max_binds - 1) {
        let mut qb = QueryBuilder::<Db>::new("SELECT id, name, met_on, created_at FROM people WHERE id IN (");
        let mut sep = qb.separated(", ");
        for id in chunk {
            sep.push_bind(key(id));
        }
        qb.push(")");
        let rows: Vec<(Key, String, Option<String>, i64)> = qb.build_query_as().fetch_all(pool).await?;
        for (id, name, met_on, created) in rows {
            out.push(PersonBasics {
                person: parse("people", "id", &id)?,
                name,
                met_on: parse_opt("people", "met_on", met_on.as_deref())?,
                created_at: instant("people", "created_at", created)?,
            });
        }
    }
    Ok(out)
}

/// Interactions up to `at` as strength reads them, per person: everyone's with `None`, or
/// only the given people's. Each person's history comes back as one packed text row
/// (`at,kind,direction,minutes,participants;…`): millions of one-touch rows cost far more to
/// move out of the database than a hundred thousand long ones.
pub(crate) async fn touches(
    pool: &Pool<Db>,
    people: Option<&[PersonId]>,
    at: Timestamp,
) -> Result<HashMap<PersonId, Vec<Touch>>> {
    let select = format!(
        "SELECT person_id, {}(occurred_at || ',' || kind || ',' || direction || ',' || COALESCE(minutes, -1) \
         || ',' || participants, ';') FROM interaction_participants WHERE occurred_at <= ",
        DIALECT.string_agg
    );
    let mut rows: Vec<(Key, String)> = Vec::new();
    match people {
        None => {
            let mut qb = QueryBuilder::<Db>::new(select);
            qb.push_bind(secs(at));
            qb.push(" GROUP BY person_id");
            rows = qb.build_query_as().fetch_all(pool).await?;
        }
        Some(ids) => {
            for chunk in ids.chunks(DIALECT.max_binds - 2) {
                let mut qb = QueryBuilder::<Db>::new(select.clone());
                qb.push_bind(secs(at));
                qb.push(" AND person_id IN (");
                let mut sep = qb.separated(", ");
                for id in chunk {
                    sep.push_bind(key(id));
                }
                qb.push(") GROUP BY person_id");
                let mut part: Vec<(Key, String)> = qb.build_query_as().fetch_all(pool).await?;
                rows.append(&mut part);
            }
        }
    }
    let mut out: HashMap<PersonId, Vec<Touch>> = HashMap::with_capacity(rows.len());
    for (pid, packed) in rows {
        let person: PersonId = parse("interaction_participants", "person_id", &pid)?;
        let touches = packed.split(';').map(unpack_touch).collect::<Result<Vec<Touch>>>()?;
        out.insert(person, touches);
    }
    Ok(out)
}

/// One `at,kind,direction,minutes,participants` entry of a packed history.
fn unpack_touch(entry: &str) -> Result<Touch> {
    const T: &str = "interaction_participants";
    let bad = |why: &str| StoreError::Corrupt { table: T, column: "*", value: entry.to_owned(), reason: why.to_owned() };
    let mut f = entry.split(',');
    let (Some(at), Some(kind), Some(direction), Some(minutes), Some(participants)) = (f.next(), f.next(), f.next(), f.next(), f.next())
    else {
        return Err(bad("expected five fields"));
    };
    let at: i64 = at.parse().map_err(|_| bad("time is not a number"))?;
    let minutes: i64 = minutes.parse().map_err(|_| bad("minutes is not a number"))?;
    let participants: i64 = participants.parse().map_err(|_| bad("participants is not a number"))?;
    Ok(Touch {
        at: instant(T, "occurred_at", at)?,
        kind: parse(T, "kind", kind)?,
        direction: parse(T, "direction", direction)?,
        minutes: if minutes < 0 { None } else { Some(narrow(T, "minutes", minutes)?) },
        others: u16::try_from((participants - 1).max(0)).unwrap_or(u16::MAX),
    })
}

/// giver, receiver, weight, occurred_at.
type FavourRow = (Key, Key, i64, i64);

/// The favours of `who` (given or received) up to `at`, in time order.
async fn favours_of(pool: &Pool<Db>, who: PersonId, at: Timestamp) -> Result<Vec<FavourRow>> {
    Ok(sqlx::query_as(
        "SELECT giver_id, receiver_id, weight, occurred_at FROM favours \
         WHERE (giver_id = $1 OR receiver_id = $1) AND occurred_at <= $2 ORDER BY occurred_at, id",
    )
    .bind(key(who))
    .bind(secs(at))
    .fetch_all(pool)
    .await?)
}

/// A favour as `me` sees it: the other side and the flow; `None` when `me` is on neither side.
fn favour_flow(me: PersonId, (giver, receiver, weight, at): FavourRow) -> Result<Option<(PersonId, FavourFlow)>> {
    let giver: PersonId = parse("favours", "giver_id", &giver)?;
    let receiver: PersonId = parse("favours", "receiver_id", &receiver)?;
    let (other, from_me) = if giver == me {
        (receiver, true)
    } else if receiver == me {
        (giver, false)
    } else {
        return Ok(None);
    };
    let flow = FavourFlow { at: instant("favours", "occurred_at", at)?, weight: narrow("favours", "weight", weight)?, from_me };
    Ok(Some((other, flow)))
}

/// Favours between `me` and each other person, up to `at`, each person's in time order.
pub(crate) async fn favour_flows(pool: &Pool<Db>, me: PersonId, at: Timestamp) -> Result<HashMap<PersonId, Vec<FavourFlow>>> {
    let mut out: HashMap<PersonId, Vec<FavourFlow>> = HashMap::new();
    for row in favours_of(pool, me, at).await? {
        if let Some((other, flow)) = favour_flow(me, row)? {
            out.entry(other).or_default().push(flow);
        }
    }
    Ok(out)
}

/// What [`favour_flows`] answers for `person` alone (empty when it has no entry), read from
/// the person's own favours instead of all of mine: the person's side is the only one in the
/// query, so SQLite, which has no statistics, cannot drive it from my (much larger) index.
pub(crate) async fn favour_flows_with(pool: &Pool<Db>, me: PersonId, person: PersonId, at: Timestamp) -> Result<Vec<FavourFlow>> {
    let mut out = Vec::new();
    for row in favours_of(pool, person, at).await? {
        if let Some((other, flow)) = favour_flow(me, row)?
            && other == person
        {
            out.push(flow);
        }
    }
    Ok(out)
}

/// How many contexts each person shares with the user: circles, events attended and
/// collaborations.
pub(crate) async fn shared_contexts(pool: &Pool<Db>) -> Result<HashMap<PersonId, u32>> {
    let rows: Vec<(Key, i64)> = sqlx::query_as(
        "SELECT person_id, COUNT(*) FROM ( \
           SELECT person_id FROM circle_members \
           UNION ALL SELECT a.person_id FROM event_attendees a JOIN events e ON e.id = a.event_id WHERE e.attended = 1 \
           UNION ALL SELECT person_id FROM collaboration_members) AS contexts \
         GROUP BY person_id",
    )
    .fetch_all(pool)
    .await?;
    rows.into_iter()
        .map(|(p, n)| Ok((parse("shared_contexts", "person_id", &p)?, narrow("shared_contexts", "count", n)?)))
        .collect()
}

/// What [`shared_contexts`] answers for `person` alone (0 when it has no entry), from the
/// person indexes of the three tables.
pub(crate) async fn shared_contexts_of(pool: &Pool<Db>, person: PersonId) -> Result<u32> {
    let (n,): (i64,) = sqlx::query_as(
        "SELECT (SELECT COUNT(*) FROM circle_members WHERE person_id = $1) \
           + (SELECT COUNT(*) FROM event_attendees a JOIN events e ON e.id = a.event_id \
              WHERE a.person_id = $1 AND e.attended = 1) \
           + (SELECT COUNT(*) FROM collaboration_members WHERE person_id = $1)",
    )
    .bind(key(person))
    .fetch_one(pool)
    .await?;
    narrow("shared_contexts", "count", n)
}

/// Important dates of everyone not archived, with names.
pub(crate) async fn all_dates(pool: &Pool<Db>) -> Result<Vec<(ImportantDate, String)>> {
    #[derive(sqlx::FromRow)]
    struct Row {
        #[sqlx(flatten)]
        date: DateRow,
        name: String,
    }
    let rows: Vec<Row> = sqlx::query_as(
        "SELECT d.id, d.person_id, d.kind, d.label, d.month, d.day, d.year, p.name FROM important_dates d \
         JOIN people p ON p.id = d.person_id WHERE p.archived_at IS NULL ORDER BY d.month, d.day, p.name_key",
    )
    .fetch_all(pool)
    .await?;
    rows.into_iter().map(|r| Ok((r.date.into_date()?, r.name))).collect()
}

type LifeEventRow = (Key, Key, String, String, Option<String>, Option<i64>, String, Option<i64>);

fn life_event(row: LifeEventRow) -> Result<(LifeEvent, String, Option<Timestamp>)> {
    let (id, person, kind, on, note, ack, name, last) = row;
    const T: &str = "life_events";
    Ok((
        LifeEvent {
            id: parse(T, "id", &id)?,
            person: parse(T, "person_id", &person)?,
            kind: parse(T, "kind", &kind)?,
            on: parse(T, "happened_on", &on)?,
            note,
            acknowledged_at: opt_instant(T, "acknowledged_at", ack)?,
        },
        name,
        opt_instant("interaction_participants", "occurred_at", last)?,
    ))
}

/// Life events not acknowledged explicitly, of people not archived, each with the person's
/// name and last contact up to `at`.
pub(crate) async fn open_life_events(pool: &Pool<Db>, at: Timestamp) -> Result<Vec<(LifeEvent, String, Option<Timestamp>)>> {
    let rows: Vec<LifeEventRow> = sqlx::query_as(
        "SELECT e.id, e.person_id, e.kind, e.happened_on, e.note, e.acknowledged_at, p.name, \
           (SELECT MAX(ip.occurred_at) FROM interaction_participants ip \
            WHERE ip.person_id = e.person_id AND ip.occurred_at <= $1) \
         FROM life_events e JOIN people p ON p.id = e.person_id \
         WHERE e.acknowledged_at IS NULL AND p.archived_at IS NULL",
    )
    .bind(secs(at))
    .fetch_all(pool)
    .await?;
    rows.into_iter().map(life_event).collect()
}

/// Life events of one person, newest first.
pub(crate) async fn life_events_of(pool: &Pool<Db>, person: PersonId) -> Result<Vec<LifeEvent>> {
    let rows: Vec<LifeEventRow> = sqlx::query_as(
        "SELECT e.id, e.person_id, e.kind, e.happened_on, e.note, e.acknowledged_at, p.name, CAST(NULL AS BIGINT) \
         FROM life_events e JOIN people p ON p.id = e.person_id WHERE e.person_id = $1 ORDER BY e.happened_on DESC",
    )
    .bind(key(person))
    .fetch_all(pool)
    .await?;
    rows.into_iter().map(|r| life_event(r).map(|(e, _, _)| e)).collect()
}

type FollowUpRow = (Key, Key, String, String, Option<i64>, i64, String);

fn follow_up(row: FollowUpRow) -> Result<FollowUpView> {
    let (id, person, due, text, done, created, name) = row;
    const T: &str = "follow_ups";
    Ok(FollowUpView {
        follow_up: FollowUp {
            id: parse(T, "id", &id)?,
            person: parse(T, "person_id", &person)?,
            due_on: parse(T, "due_on", &due)?,
            text,
            done_at: opt_instant(T, "done_at", done)?,
            created_at: instant(T, "created_at", created)?,
        },
        name,
    })
}

const FOLLOW_UP_COLUMNS: &str = "SELECT f.id, f.person_id, f.due_on, f.text, f.done_at, f.created_at, p.name \
    FROM follow_ups f JOIN people p ON p.id = f.person_id";

/// Open follow-ups due on or before `on`, of people not archived, soonest first.
pub(crate) async fn due_follow_ups(pool: &Pool<Db>, on: Date) -> Result<Vec<FollowUpView>> {
    let mut qb = QueryBuilder::<Db>::new(FOLLOW_UP_COLUMNS);
    qb.push(" WHERE f.done_at IS NULL AND p.archived_at IS NULL AND f.due_on <= ");
    qb.push_bind(day(on));
    qb.push(" ORDER BY f.due_on, p.name_key");
    let rows: Vec<FollowUpRow> = qb.build_query_as().fetch_all(pool).await?;
    rows.into_iter().map(follow_up).collect()
}

/// Open follow-ups of everyone not archived, soonest first (for the calendar).
pub(crate) async fn open_follow_ups(pool: &Pool<Db>) -> Result<Vec<FollowUpView>> {
    let mut qb = QueryBuilder::<Db>::new(FOLLOW_UP_COLUMNS);
    qb.push(" WHERE f.done_at IS NULL AND p.archived_at IS NULL ORDER BY f.due_on, p.name_key");
    let rows: Vec<FollowUpRow> = qb.build_query_as().fetch_all(pool).await?;
    rows.into_iter().map(follow_up).collect()
}

/// Follow-ups of one person, open first.
pub(crate) async fn follow_ups_of(pool: &Pool<Db>, person: PersonId) -> Result<Vec<FollowUpView>> {
    let mut qb = QueryBuilder::<Db>::new(FOLLOW_UP_COLUMNS);
    qb.push(" WHERE f.person_id = ");
    qb.push_bind(key(person));
    qb.push(" ORDER BY f.done_at IS NOT NULL, f.due_on");
    let rows: Vec<FollowUpRow> = qb.build_query_as().fetch_all(pool).await?;
    rows.into_iter().map(follow_up).collect()
}

/// Follow-ups whose id ends with `tail` (a full id, or its last characters as `today` shows).
pub(crate) async fn follow_ups_by_tail(pool: &Pool<Db>, tail: &str) -> Result<Vec<FollowUpView>> {
    let Some(pattern) = tail_pattern(tail) else { return Ok(Vec::new()) };
    let mut qb = QueryBuilder::<Db>::new(FOLLOW_UP_COLUMNS);
    qb.push(format!(" WHERE {} LIKE ", (DIALECT.id_text)("f.id")));
    qb.push_bind(pattern);
    qb.push(" ORDER BY f.id LIMIT 10");
    let rows: Vec<FollowUpRow> = qb.build_query_as().fetch_all(pool).await?;
    rows.into_iter().map(follow_up).collect()
}

/// A `LIKE` pattern for ids ending with `tail`; `None` unless `tail` holds at least four id
/// characters (hex digits and dashes), so a stray `%` can never match everything.
pub(crate) fn tail_pattern(tail: &str) -> Option<String> {
    let t = tail.trim().to_lowercase();
    (t.len() >= 4 && t.chars().all(|c| c.is_ascii_hexdigit() || c == '-')).then(|| format!("%{t}"))
}

/// Marks a follow-up done; false when there is none open with that id.
pub(crate) async fn complete_follow_up(pool: &Pool<Db>, id: FollowUpId, at: Timestamp) -> Result<bool> {
    let done = sqlx::query("UPDATE follow_ups SET done_at = $2 WHERE id = $1 AND done_at IS NULL")
        .bind(key(id))
        .bind(secs(at))
        .execute(pool)
        .await?;
    Ok(done.rows_affected() > 0)
}

/// Life events whose id ends with `tail` (a full id, or its last characters).
pub(crate) async fn life_events_by_tail(pool: &Pool<Db>, tail: &str) -> Result<Vec<(LifeEvent, String)>> {
    let Some(pattern) = tail_pattern(tail) else { return Ok(Vec::new()) };
    let sql = format!(
        "SELECT e.id, e.person_id, e.kind, e.happened_on, e.note, e.acknowledged_at, p.name, CAST(NULL AS BIGINT) \
         FROM life_events e JOIN people p ON p.id = e.person_id WHERE {} LIKE $1 ORDER BY e.id LIMIT 10",
        (DIALECT.id_text)("e.id")
    );
    let rows: Vec<LifeEventRow> = sqlx::query_as(sqlx::AssertSqlSafe(sql))
    .bind(pattern)
    .fetch_all(pool)
    .await?;
    rows.into_iter().map(|r| life_event(r).map(|(e, n, _)| (e, n))).collect()
}

/// Acknowledges a life event explicitly.
pub(crate) async fn acknowledge_life_event(pool: &Pool<Db>, id: LifeEventId, at: Timestamp) -> Result<bool> {
    let done = sqlx::query("UPDATE life_events SET acknowledged_at = $2 WHERE id = $1 AND acknowledged_at IS NULL")
        .bind(key(id))
        .bind(secs(at))
        .execute(pool)
        .await?;
    Ok(done.rows_affected() > 0)
}

/// Sets or clears a person's snooze.
pub(crate) async fn set_snooze(pool: &Pool<Db>, person: PersonId, until: Option<Date>, now: Timestamp) -> Result<()> {
    let done = sqlx::query("UPDATE people SET snoozed_until = $2, updated_at = $3 WHERE id = $1")
        .bind(key(person))
        .bind(until.map(day))
        .bind(secs(now))
        .execute(pool)
        .await?;
    if done.rows_affected() == 0 {
        return Err(StoreError::Missing { what: "person", id: person.to_string() });
    }
    Ok(())
}

/// Sets or clears a person's own cadence.
pub(crate) async fn set_cadence(pool: &Pool<Db>, person: PersonId, cadence: Option<Cadence>, now: Timestamp) -> Result<()> {
    let done = sqlx::query("UPDATE people SET cadence_days = $2, updated_at = $3 WHERE id = $1")
        .bind(key(person))
        .bind(cadence.map(|c| i64::from(c.days())))
        .bind(secs(now))
        .execute(pool)
        .await?;
    if done.rows_affected() == 0 {
        return Err(StoreError::Missing { what: "person", id: person.to_string() });
    }
    Ok(())
}

/// Sets or clears a circle's cadence.
pub(crate) async fn set_circle_cadence(pool: &Pool<Db>, circle: CircleId, cadence: Option<Cadence>) -> Result<()> {
    let done = sqlx::query("UPDATE circles SET cadence_days = $2 WHERE id = $1")
        .bind(key(circle))
        .bind(cadence.map(|c| i64::from(c.days())))
        .execute(pool)
        .await?;
    if done.rows_affected() == 0 {
        return Err(StoreError::Missing { what: "circle", id: circle.to_string() });
    }
    Ok(())
}

/// Interactions that happened in `[from, to)`, with every participant: (interaction id,
/// person, when, kind).
pub(crate) async fn interactions_between(
    pool: &Pool<Db>,
    from: Timestamp,
    to: Timestamp,
) -> Result<Vec<(String, PersonId, Timestamp, String)>> {
    let rows: Vec<(Key, Key, i64, String)> = sqlx::query_as(
        "SELECT ip.interaction_id, ip.person_id, i.occurred_at, i.kind FROM interactions i \
         JOIN interaction_participants ip ON ip.interaction_id = i.id \
         WHERE i.occurred_at >= $1 AND i.occurred_at < $2 ORDER BY i.occurred_at",
    )
    .bind(secs(from))
    .bind(secs(to))
    .fetch_all(pool)
    .await?;
    rows.into_iter()
        .map(|(i, p, at, kind)| {
            Ok((i.to_string(), parse("interaction_participants", "person_id", &p)?, instant("interaction_participants", "occurred_at", at)?, kind))
        })
        .collect()
}
