// Inserting a batch of new records in one transaction. Included by `backend.rs` once per
// backend, with `Db` and `DIALECT` in scope.

use super::{DIALECT, Db};
use crate::convert::{day, join_labels, opt_secs, secs};
use crate::bulk::Row;
use crate::error::{Result, StoreError};
use crate::flatten::{self, Derived};
use crate::key::{Key, key, opt_key};
use jiff::Timestamp;
use kithkin_core::batch::Batch;
use kithkin_core::knows::KnowsLink;
use kithkin_core::text;
use sqlx::{Connection, Pool, QueryBuilder, Transaction};
use std::collections::HashMap;

/// An open transaction on this backend.
pub(crate) type Tx<'c> = Transaction<'c, Db>;

/// Rows from which a batch is large enough to leave copying the write-ahead log into the
/// database (SQLite's checkpoint) to another connection.
const LARGE_BATCH: usize = 1_000;

/// Writes every record of `batch` in one transaction: all or nothing.
///
/// A large batch on SQLite commits without the checkpoint SQLite would otherwise run inside
/// the commit, and starts one on another connection instead, so that copying the log into the
/// database (and syncing it) overlaps the caller's next batch instead of delaying it. A large
/// batch of people with their notes and dates only (a contact import) is also written with
/// SQLite's per-row foreign-key lookups off: every reference in such a batch is either made
/// by the store itself (a person's contacts, labels, search documents, organisation, circles)
/// or checked once for the whole batch by [`check_people_named`], inside the transaction.
pub(crate) async fn write_batch(pool: &Pool<Db>, batch: &Batch, derived: &Derived, now: Timestamp) -> Result<()> {
    let Some(checkpoints) = DIALECT.checkpoints.filter(|_| batch.len() >= LARGE_BATCH) else {
        let mut tx = pool.begin_with(DIALECT.begin_write).await?;
        write_derived(&mut tx, batch, derived, now).await?;
        tx.commit().await?;
        return Ok(());
    };
    // (statement run before the write, statement undoing it after)
    let mut settings = vec![(checkpoints.pause, checkpoints.resume)];
    if let Some(checks) = DIALECT.own_reference_checks.filter(|_| people_notes_and_dates_only(batch)) {
        settings.push((checks.off, checks.on));
    }
    let mut conn = pool.acquire().await?;
    let mut undo = Vec::new();
    let mut written = Ok(());
    for (set, unset) in settings {
        match sqlx::query(set).execute(&mut *conn).await {
            Ok(_) => undo.push(unset),
            Err(e) => {
                written = Err(e.into());
                break;
            }
        }
    }
    if written.is_ok() {
        written = async {
            let mut tx = conn.begin_with(DIALECT.begin_write).await?;
            write_derived(&mut tx, batch, derived, now).await?;
            tx.commit().await?;
            Ok::<_, StoreError>(())
        }
        .await;
    }
    for unset in undo.into_iter().rev() {
        if sqlx::query(unset).execute(&mut *conn).await.is_err() {
            // never hand a connection that skips checkpoints or checks back to the pool
            conn.close_on_drop();
        }
    }
    written?;
    let pool = pool.clone();
    tokio::spawn(async move {
        // best effort: a checkpoint that cannot run now (a reader holds the log) runs later,
        // at the next commit of an ordinary write
        let _ = sqlx::query(checkpoints.run).execute(&pool).await;
    });
    Ok(())
}

/// The ids of the people a batch creates.
type InBatch = std::collections::HashSet<kithkin_core::PersonId>;

/// Whether `batch` holds nothing but people, their notes and their important dates. (Counted
/// against the whole length, so a kind of record added to [`Batch`] later is not included.)
fn people_notes_and_dates_only(batch: &Batch) -> bool {
    batch.len() == batch.people.len() + batch.notes.len() + batch.dates.len()
}

/// Fails with [`StoreError::Missing`] unless every person the notes, dates and introducers of
/// `batch` name is in the batch or already stored. Run inside the write transaction, whose
/// write lock keeps anyone from deleting them before it commits.
async fn check_people_named(tx: &mut Tx<'_>, batch: &Batch, in_batch: &InBatch) -> Result<()> {
    let mut outside: Vec<kithkin_core::PersonId> = batch
        .notes
        .iter()
        .map(|n| n.person)
        .chain(batch.dates.iter().map(|d| d.person))
        .chain(batch.people.iter().filter_map(|p| p.profile.introduced_by))
        .filter(|id| !in_batch.contains(id))
        .collect();
    outside.sort();
    outside.dedup();
    for chunk in outside.chunks(DIALECT.max_binds) {
        let mut qb = QueryBuilder::<Db>::new("SELECT id FROM people WHERE id IN (");
        let mut sep = qb.separated(", ");
        for id in chunk {
            sep.push_bind(key(id));
        }
        qb.push(")");
        let found: std::collections::HashSet<Key> = qb.build_query_scalar().fetch_all(&mut **tx).await?.into_iter().collect();
        if let Some(missing) = chunk.iter().find(|id| !found.contains(&key(*id))) {
            return Err(StoreError::Missing { what: "person", id: missing.to_string() });
        }
    }
    Ok(())
}

/// Inserts `rows` the backend's fastest way (`crate::bulk`): `head` names the table and its
/// columns, `tail` follows the values (`ON CONFLICT …`), `bind` binds one row's `columns` values.
pub(crate) async fn insert_many<T>(
    tx: &mut Tx<'_>,
    head: &'static str,
    tail: &'static str,
    columns: usize,
    rows: &[T],
    bind: impl FnMut(&mut Row<'_, '_, Db>, &T),
) -> Result<()> {
    super::insert_rows(tx, head, tail, columns, rows, bind).await
}

/// Ids of organisations by folded name, creating those that do not exist yet; `named` gives
/// each organisation's folded name ([`text::name_key`]) and name.
pub(crate) async fn organisation_ids<'a>(
    tx: &mut Tx<'_>,
    named: impl Iterator<Item = (&'a str, &'a str)>,
    now: Timestamp,
) -> Result<HashMap<String, Key>> {
    let mut wanted: HashMap<&str, &str> = HashMap::new();
    for (key, name) in named {
        if !key.is_empty() {
            wanted.entry(key).or_insert(name);
        }
    }
    let mut ids: HashMap<String, Key> = HashMap::new();
    let keys: Vec<&str> = wanted.keys().copied().collect();
    for chunk in keys.chunks(DIALECT.max_binds - 1) {
        let mut qb = QueryBuilder::<Db>::new("SELECT id, name_key FROM organisations WHERE name_key IN (");
        let mut sep = qb.separated(", ");
        for k in chunk {
            sep.push_bind(k.to_string());
        }
        qb.push(")");
        let found: Vec<(Key, String)> = qb.build_query_as().fetch_all(&mut **tx).await?;
        for (id, key) in found {
            ids.insert(key, id);
        }
    }
    let missing: Vec<(Key, String, &str)> = wanted
        .iter()
        .filter(|(k, _)| !ids.contains_key(**k))
        .map(|(k, n)| (Key::new(uuid::Uuid::now_v7()), (*k).to_owned(), *n))
        .collect();
    let t = secs(now);
    insert_many(tx, "INSERT INTO organisations (id, name, name_key, created_at)", "", 4, &missing, |b, (id, key, name)| {
        b.push_bind(id).push_bind(name.to_string()).push_bind(key.clone()).push_bind(t);
    })
    .await?;
    for (id, key, _) in missing {
        ids.insert(key, id);
    }
    Ok(ids)
}

/// Ids of circles by folded name.
pub(crate) async fn circle_ids(tx: &mut Tx<'_>) -> Result<HashMap<String, Key>> {
    let rows: Vec<(Key, String)> =
        sqlx::query_as("SELECT id, name_key FROM circles").fetch_all(&mut **tx).await?;
    Ok(rows.into_iter().map(|(id, key)| (key, id)).collect())
}

/// Writes the side tables and search document of people already in `people`.
pub(crate) async fn write_profiles(
    tx: &mut Tx<'_>,
    people: &[kithkin_core::person::Person],
    circles: &HashMap<String, Key>,
) -> Result<()> {
    let derived = Derived::of(people, &[]);
    write_profile_rows(tx, people, &derived, circles).await?;
    insert_search_docs(tx, &profile_docs(&derived)).await
}

/// A search document: person, note (none for a profile), text shown with a hit, folded text.
type SearchDoc<'a> = (&'a Key, Option<&'a Key>, &'a str, &'a str);

/// The search documents of people's profiles. A profile hit shows the person, not the text it
/// was found by, so none is kept (only its folded words, for the full-text index).
fn profile_docs(derived: &Derived) -> Vec<SearchDoc<'_>> {
    derived
        .ids
        .iter()
        .zip(&derived.profile_docs)
        .map(|(id, folded)| (id, None, "", folded.as_str()))
        .collect()
}

/// Writes the side tables (contacts, labels, facets, circles) of people already in `people`,
/// whose rows are `derived`.
async fn write_profile_rows(
    tx: &mut Tx<'_>,
    people: &[kithkin_core::person::Person],
    derived: &Derived,
    circles: &HashMap<String, Key>,
) -> Result<()> {
    insert_many(
        tx,
        "INSERT INTO person_contacts (person_id, kind, value, value_key, position)",
        " ON CONFLICT DO NOTHING",
        5,
        &derived.contacts,
        |b, (i, kind, value, key, pos)| {
            b.push_bind(derived.ids.get(*i)).push_bind(*kind).push_bind(value.as_str()).push_bind(key.as_str()).push_bind(*pos);
        },
    )
    .await?;
    let labels: Vec<(&Key, flatten::LabelRow<'_>)> = people
        .iter()
        .zip(&derived.ids)
        .flat_map(|(p, id)| flatten::labels(p).into_iter().map(move |l| (id, l)))
        .collect();
    insert_many(
        tx,
        "INSERT INTO person_labels (person_id, kind, value, position)",
        " ON CONFLICT DO NOTHING",
        4,
        &labels,
        |b, (id, (kind, value, pos))| {
            b.push_bind(*id).push_bind(*kind).push_bind(*value).push_bind(*pos);
        },
    )
    .await?;
    let facets: Vec<(&Key, &String, &String)> = people
        .iter()
        .zip(&derived.ids)
        .flat_map(|(p, id)| p.profile.facets.iter().map(move |(k, v)| (id, k, v)))
        .collect();
    insert_many(tx, "INSERT INTO person_facets (person_id, key, value)", "", 3, &facets, |b, (id, k, v)| {
        b.push_bind(*id).push_bind(k.as_str()).push_bind(v.as_str());
    })
    .await?;
    let mut memberships: Vec<(&Key, &Key)> = Vec::new();
    for (p, id) in people.iter().zip(&derived.ids) {
        for name in &p.circles {
            let key = text::name_key(name);
            let Some(circle) = circles.get(&key) else {
                return Err(StoreError::Missing { what: "circle", id: name.clone() });
            };
            memberships.push((circle, id));
        }
    }
    insert_many(
        tx,
        "INSERT INTO circle_members (circle_id, person_id)",
        " ON CONFLICT DO NOTHING",
        2,
        &memberships,
        |b, (c, p)| {
            b.push_bind(*c).push_bind(*p);
        },
    )
    .await?;
    Ok(())
}

/// Inserts search documents and adds them to the full-text index (one statement for all).
async fn insert_search_docs(tx: &mut Tx<'_>, docs: &[SearchDoc<'_>]) -> Result<()> {
    if docs.is_empty() {
        return Ok(());
    }
    let indexed = match DIALECT.index_search_docs {
        Some(_) => sqlx::query_scalar::<_, i64>("SELECT COALESCE(MAX(doc_id), 0) FROM search_docs").fetch_one(&mut **tx).await?,
        None => 0,
    };
    insert_many(tx, "INSERT INTO search_docs (person_id, note_id, body, folded)", "", 4, docs, |b, (person, note, body, folded)| {
        b.push_bind(*person).push_bind(*note).push_bind(*body).push_bind(*folded);
    })
    .await?;
    if let Some(index) = DIALECT.index_search_docs {
        sqlx::query(index).bind(indexed).execute(&mut **tx).await?;
    }
    Ok(())
}

/// Sets `introduced_by` for people whose introducer is in the same batch, once all are in.
async fn set_introducers(tx: &mut Tx<'_>, people: &[kithkin_core::person::Person], in_batch: &InBatch) -> Result<()> {
    let pairs: Vec<(Key, Key)> = people
        .iter()
        .filter_map(|p| p.profile.introduced_by.filter(|i| in_batch.contains(i)).map(|i| (key(p.id), key(i))))
        .collect();
    for chunk in pairs.chunks(DIALECT.max_binds / 2) {
        // VALUES columns are called column1, column2 in both dialects
        let mut qb = QueryBuilder::<Db>::new("UPDATE people SET introduced_by = v.column2 FROM (");
        qb.push_values(chunk, |mut b, (person, introducer)| {
            b.push_bind(person).push_bind(introducer);
        });
        qb.push(") AS v WHERE people.id = v.column1");
        qb.build().execute(&mut **tx).await?;
    }
    Ok(())
}

/// How many different people an interaction names (a name given twice counts once).
fn distinct_count(people: &[kithkin_core::PersonId]) -> i64 {
    let mut v = people.to_vec();
    v.sort();
    v.dedup();
    i64::try_from(v.len()).unwrap_or(i64::MAX)
}

/// Keeps one link per pair, the strongest.
fn strongest_links(links: &[KnowsLink]) -> Vec<KnowsLink> {
    let mut by_pair: HashMap<(kithkin_core::PersonId, kithkin_core::PersonId), KnowsLink> = HashMap::new();
    for l in links {
        by_pair
            .entry((l.a, l.b))
            .and_modify(|old| {
                if l.strength > old.strength {
                    *old = *l;
                }
            })
            .or_insert(*l);
    }
    let mut out: Vec<KnowsLink> = by_pair.into_values().collect();
    out.sort_by_key(|l| (l.a, l.b));
    out
}

/// Writes a batch inside an open transaction.
pub(crate) async fn write_in(tx: &mut Tx<'_>, batch: &Batch, now: Timestamp) -> Result<()> {
    write_derived(tx, batch, &Derived::of(&batch.people, &batch.notes), now).await
}

/// Writes a batch whose rows are `derived` inside an open transaction.
async fn write_derived(tx: &mut Tx<'_>, batch: &Batch, derived: &Derived, now: Timestamp) -> Result<()> {
    let in_batch: InBatch = batch.people.iter().map(|p| p.id).collect();
    check_people_named(tx, batch, &in_batch).await?;
    let t = secs(now);
    insert_many(
        tx,
        "INSERT INTO circles (id, name, name_key, cadence_days, created_at)",
        "",
        5,
        &batch.circles,
        |b, c| {
            b.push_bind(key(c.id))
                .push_bind(c.name.clone())
                .push_bind(text::name_key(&c.name))
                .push_bind(c.cadence.map(|c| i64::from(c.days())))
                .push_bind(t);
        },
    )
    .await?;

    let event_org_keys: Vec<Option<String>> =
        batch.events.iter().map(|e| e.organisation.as_deref().map(text::name_key)).collect();
    let org_names = batch
        .people
        .iter()
        .zip(&derived.org_keys)
        .filter_map(|(p, key)| Some((key.as_deref()?, p.profile.organisation.as_deref()?)))
        .chain(
            batch
                .events
                .iter()
                .zip(&event_org_keys)
                .filter_map(|(e, key)| Some((key.as_deref()?, e.organisation.as_deref()?))),
        );
    let orgs = organisation_ids(tx, org_names, now).await?;
    let org_of = |key: Option<&String>| key.and_then(|k| orgs.get(k));

    // Introducers inside this batch may be inserted in a later chunk: link them afterwards.
    let people: Vec<(&kithkin_core::person::Person, &Key, &str, Option<&String>)> = batch
        .people
        .iter()
        .zip(&derived.ids)
        .zip(&derived.name_keys)
        .zip(&derived.org_keys)
        .map(|(((p, id), key), org)| (p, id, key.as_str(), org.as_ref()))
        .collect();
    insert_many(
        tx,
        "INSERT INTO people (id, name, name_key, nickname, organisation_id, title, cadence_days, met_at, met_on, \
         introduced_by, summary, snoozed_until, archived_at, created_at, updated_at)",
        "",
        15,
        &people,
        |b, (p, id, name_key, org_key)| {
            let pr = &p.profile;
            b.push_bind(*id)
                .push_bind(pr.name.as_str())
                .push_bind(*name_key)
                .push_bind(pr.nickname.clone())
                .push_bind(org_of(*org_key))
                .push_bind(pr.title.clone())
                .push_bind(pr.cadence.map(|c| i64::from(c.days())))
                .push_bind(pr.met_at.clone())
                .push_bind(pr.met_on.map(day))
                .push_bind(pr.introduced_by.filter(|i| !in_batch.contains(i)).map(key))
                .push_bind(pr.summary.clone())
                .push_bind(p.snoozed_until.map(day))
                .push_bind(opt_secs(p.archived_at))
                .push_bind(secs(p.created_at))
                .push_bind(secs(p.updated_at));
        },
    )
    .await?;
    set_introducers(tx, &batch.people, &in_batch).await?;
    let circles = if batch.people.iter().any(|p| !p.circles.is_empty()) {
        circle_ids(tx).await?
    } else {
        HashMap::new()
    };
    write_profile_rows(tx, &batch.people, derived, &circles).await?;
    insert_many(
        tx,
        "INSERT INTO circle_members (circle_id, person_id)",
        " ON CONFLICT DO NOTHING",
        2,
        &batch.memberships,
        |b, (c, p)| {
            b.push_bind(key(c)).push_bind(key(p));
        },
    )
    .await?;

    insert_many(tx, "INSERT INTO notes (id, person_id, body, created_at)", "", 4, &batch.notes, |b, n| {
        b.push_bind(key(n.id)).push_bind(key(n.person)).push_bind(n.body.as_str()).push_bind(secs(n.created_at));
    })
    .await?;
    // the profiles' and the notes' documents, indexed together once the notes are in
    let note_keys: Vec<(Key, Key)> = batch.notes.iter().map(|n| (key(n.person), key(n.id))).collect();
    let mut docs = profile_docs(derived);
    docs.extend(
        batch
            .notes
            .iter()
            .zip(&note_keys)
            .zip(&derived.note_folds)
            .map(|((n, (person, note)), folded)| (person, Some(note), n.body.as_str(), folded.as_str())),
    );
    insert_search_docs(tx, &docs).await?;

    let events: Vec<(&kithkin_core::event::Event, Option<&String>)> =
        batch.events.iter().zip(&event_org_keys).map(|(e, key)| (e, key.as_ref())).collect();
    insert_many(
        tx,
        "INSERT INTO events (id, name, starts_at, ends_at, location, organisation_id, note, attended, created_at, kind, \
         minutes)",
        "",
        11,
        &events,
        |b, (e, org_key)| {
            b.push_bind(key(e.id))
                .push_bind(e.name.clone())
                .push_bind(secs(e.starts_at))
                .push_bind(opt_secs(e.ends_at))
                .push_bind(e.location.clone())
                .push_bind(org_of(*org_key))
                .push_bind(e.note.clone())
                .push_bind(i64::from(e.attended))
                .push_bind(t)
                .push_bind(e.kind.as_str())
                .push_bind(e.minutes.map(i64::from));
        },
    )
    .await?;
    let attendees: Vec<(Key, Key, i64)> = batch
        .events
        .iter()
        .flat_map(|e| e.attendees.iter().map(move |a| (key(e.id), key(a.person), i64::from(a.met_there))))
        .collect();
    insert_many(tx, "INSERT INTO event_attendees (event_id, person_id, met_there)", "", 3, &attendees, |b, (e, p, m)| {
        b.push_bind(e).push_bind(p).push_bind(*m);
    })
    .await?;

    insert_many(
        tx,
        "INSERT INTO interactions (id, kind, occurred_at, minutes, direction, participants, note, event_id, source_key, \
         created_at)",
        "",
        10,
        &batch.interactions,
        |b, i| {
            b.push_bind(key(i.id))
                .push_bind(i.kind.as_str())
                .push_bind(secs(i.occurred_at))
                .push_bind(i.minutes.map(i64::from))
                .push_bind(i.direction.as_str())
                .push_bind(distinct_count(&i.participants))
                .push_bind(i.note.clone())
                .push_bind(opt_key(i.event))
                .push_bind(i.source_key.clone())
                .push_bind(t);
        },
    )
    .await?;
    let participants: Vec<(Key, Key, &kithkin_core::interaction::Interaction)> = batch
        .interactions
        .iter()
        .flat_map(|i| {
            let id = key(i.id);
            let mut people = i.participants.clone();
            people.sort();
            people.dedup();
            people.into_iter().map(move |p| (id.clone(), key(p), i))
        })
        .collect();
    insert_many(
        tx,
        "INSERT INTO interaction_participants (interaction_id, person_id, occurred_at, kind, direction, minutes, \
         participants)",
        " ON CONFLICT DO NOTHING",
        7,
        &participants,
        |b, (id, p, i)| {
            b.push_bind(id)
                .push_bind(p)
                .push_bind(secs(i.occurred_at))
                .push_bind(i.kind.as_str())
                .push_bind(i.direction.as_str())
                .push_bind(i.minutes.map(i64::from))
                .push_bind(distinct_count(&i.participants));
        },
    )
    .await?;

    let links = strongest_links(&batch.knows);
    insert_many(
        tx,
        "INSERT INTO knows (person_a, person_b, strength, source, updated_at)",
        DIALECT.knows_keep_stronger,
        5,
        &links,
        |b, l| {
            b.push_bind(key(l.a)).push_bind(key(l.b)).push_bind(l.strength).push_bind(l.source.as_str()).push_bind(t);
        },
    )
    .await?;

    insert_many(
        tx,
        "INSERT INTO important_dates (id, person_id, kind, label, month, day, year, created_at)",
        "",
        8,
        &batch.dates,
        |b, d| {
            let label = match &d.kind {
                kithkin_core::dates::DateKind::Other(l) => Some(l.clone()),
                _ => None,
            };
            b.push_bind(key(d.id))
                .push_bind(key(d.person))
                .push_bind(d.kind.code().to_owned())
                .push_bind(label)
                .push_bind(i64::from(d.day.month))
                .push_bind(i64::from(d.day.day))
                .push_bind(d.day.year.map(i64::from))
                .push_bind(t);
        },
    )
    .await?;
    insert_many(
        tx,
        "INSERT INTO life_events (id, person_id, kind, happened_on, note, acknowledged_at, created_at)",
        "",
        7,
        &batch.life_events,
        |b, e| {
            b.push_bind(key(e.id))
                .push_bind(key(e.person))
                .push_bind(e.kind.as_str())
                .push_bind(day(e.on))
                .push_bind(e.note.clone())
                .push_bind(opt_secs(e.acknowledged_at))
                .push_bind(t);
        },
    )
    .await?;
    insert_many(
        tx,
        "INSERT INTO help_items (id, person_id, kind, text, tags, status, created_at, closed_at)",
        "",
        8,
        &batch.help_items,
        |b, h| {
            b.push_bind(key(h.id))
                .push_bind(key(h.person))
                .push_bind(h.kind.as_str())
                .push_bind(h.text.clone())
                .push_bind(join_labels(&h.tags))
                .push_bind(h.status.as_str())
                .push_bind(secs(h.created_at))
                .push_bind(opt_secs(h.closed_at));
        },
    )
    .await?;
    insert_many(
        tx,
        "INSERT INTO favours (id, giver_id, receiver_id, kind, text, weight, occurred_at, for_need_id, thanked_at, \
         thanked_in, created_at)",
        "",
        11,
        &batch.favours,
        |b, f| {
            b.push_bind(key(f.id))
                .push_bind(key(f.giver))
                .push_bind(key(f.receiver))
                .push_bind(f.kind.as_str())
                .push_bind(f.text.clone())
                .push_bind(i64::from(f.weight))
                .push_bind(secs(f.occurred_at))
                .push_bind(opt_key(f.for_need))
                .push_bind(opt_secs(f.thanked_at))
                .push_bind(opt_key(f.thanked_in))
                .push_bind(t);
        },
    )
    .await?;
    insert_many(
        tx,
        "INSERT INTO introductions (id, person_a, person_b, reason, status, suggested_at, asked_a_at, asked_b_at, \
         introduced_at, outcome, outcome_at, declined_at, created_at)",
        "",
        13,
        &batch.introductions,
        |b, i| {
            b.push_bind(key(i.id))
                .push_bind(key(i.a))
                .push_bind(key(i.b))
                .push_bind(i.reason.clone())
                .push_bind(i.status.as_str())
                .push_bind(secs(i.suggested_at))
                .push_bind(opt_secs(i.asked_a_at))
                .push_bind(opt_secs(i.asked_b_at))
                .push_bind(opt_secs(i.introduced_at))
                .push_bind(i.outcome.map(|o| o.as_str()))
                .push_bind(opt_secs(i.outcome_at))
                .push_bind(opt_secs(i.declined_at))
                .push_bind(t);
        },
    )
    .await?;
    insert_many(
        tx,
        "INSERT INTO collaborations (id, name, status, outcome, note, created_at, updated_at)",
        "",
        7,
        &batch.collaborations,
        |b, c| {
            b.push_bind(key(c.id))
                .push_bind(c.name.clone())
                .push_bind(c.status.as_str())
                .push_bind(c.outcome.clone())
                .push_bind(c.note.clone())
                .push_bind(secs(c.created_at))
                .push_bind(secs(c.updated_at));
        },
    )
    .await?;
    let collab_members: Vec<(Key, Key)> = batch
        .collaborations
        .iter()
        .flat_map(|c| c.members.iter().map(move |m| (key(c.id), key(m))))
        .collect();
    insert_many(
        tx,
        "INSERT INTO collaboration_members (collaboration_id, person_id)",
        " ON CONFLICT DO NOTHING",
        2,
        &collab_members,
        |b, (c, p)| {
            b.push_bind(c).push_bind(p);
        },
    )
    .await?;
    insert_many(
        tx,
        "INSERT INTO goals (id, owner_id, title, metric, target, period, facet_filter, created_at, closed_at)",
        "",
        9,
        &batch.goals,
        |b, g| {
            b.push_bind(key(g.id))
                .push_bind(key(g.owner))
                .push_bind(g.title.clone())
                .push_bind(g.metric.as_str())
                .push_bind(i64::from(g.target))
                .push_bind(g.period.as_str())
                .push_bind(g.facet_filter.clone())
                .push_bind(secs(g.created_at))
                .push_bind(opt_secs(g.closed_at));
        },
    )
    .await?;
    insert_many(
        tx,
        "INSERT INTO follow_ups (id, person_id, due_on, text, done_at, created_at)",
        "",
        6,
        &batch.follow_ups,
        |b, f| {
            b.push_bind(key(f.id))
                .push_bind(key(f.person))
                .push_bind(day(f.due_on))
                .push_bind(f.text.clone())
                .push_bind(opt_secs(f.done_at))
                .push_bind(secs(f.created_at));
        },
    )
    .await?;
    Ok(())
}
