// Questions to the store. Included by `backend.rs` once per backend, with `Db` and
// `DIALECT` in scope. Bulk questions answer for everyone in a constant number of queries.

use crate::key::{Key, key};
use super::{DIALECT, Db};
use crate::convert::{instant, parse};
use crate::error::Result;
use crate::model::{CircleSummary, ContactStats, Counts, Matched, PeopleFilter, PersonSummary, SearchHit};
use crate::rows::{
    CircleRow, DateRow, InteractionRow, KnowsRow, NoteRow, PersonRow, PersonValueRow, apply_value,
};
use kithkin_core::dates::ImportantDate;
use kithkin_core::interaction::Interaction;
use kithkin_core::knows::KnowsLink;
use kithkin_core::note::Note;
use kithkin_core::person::Person;
use kithkin_core::resolve::NameEntry;
use kithkin_core::{PersonId, text};
use sqlx::{Pool, QueryBuilder};
use std::collections::HashMap;

/// The id of "me", if set.
pub(crate) async fn me(pool: &Pool<Db>) -> Result<Option<PersonId>> {
    let v: Option<(Key,)> =
        sqlx::query_as("SELECT value FROM settings WHERE key = 'me'").fetch_optional(pool).await?;
    v.map(|(s,)| parse("settings", "value", &s)).transpose()
}

/// One person with every profile field and circle.
pub(crate) async fn person(pool: &Pool<Db>, id: PersonId) -> Result<Option<Person>> {
    let row: Option<PersonRow> =
        sqlx::query_as(PERSON_BY_ID).bind(key(id)).fetch_optional(pool).await?;
    let Some(row) = row else { return Ok(None) };
    let mut person = row.into_person()?;
    let id = key(id);
    let side: [(&'static str, &'static str); 4] = [
        ("person_contacts", "SELECT kind, value FROM person_contacts WHERE person_id = $1 ORDER BY kind, position"),
        ("person_labels", "SELECT kind, value FROM person_labels WHERE person_id = $1 ORDER BY kind, position"),
        ("person_facets", "SELECT key AS kind, value FROM person_facets WHERE person_id = $1 ORDER BY key"),
        (
            "circle_members",
            "SELECT 'circle' AS kind, c.name AS value FROM circle_members m \
             JOIN circles c ON c.id = m.circle_id WHERE m.person_id = $1 ORDER BY c.name_key",
        ),
    ];
    for (table, sql) in side {
        let rows: Vec<PersonValueRow> = sqlx::query_as(sql).bind(id.clone()).fetch_all(pool).await?;
        for r in rows {
            apply_value(&mut person, table, r)?;
        }
    }
    Ok(Some(person))
}

const PERSON_BY_ID: &str = "SELECT p.id, p.name, p.nickname, o.name AS organisation, p.title, p.cadence_days, \
    p.met_at, p.met_on, p.introduced_by, p.summary, p.snoozed_until, p.archived_at, p.created_at, p.updated_at \
    FROM people p LEFT JOIN organisations o ON o.id = p.organisation_id WHERE p.id = $1";

/// People whose contact point of `kind` has the normalised `key`.
pub(crate) async fn people_by_contact(pool: &Pool<Db>, kind: &str, key: &str) -> Result<Vec<PersonId>> {
    let rows: Vec<(Key,)> =
        sqlx::query_as("SELECT DISTINCT person_id FROM person_contacts WHERE kind = $1 AND value_key = $2")
            .bind(kind.to_owned())
            .bind(key.to_owned())
            .fetch_all(pool)
            .await?;
    rows.iter().map(|(s,)| parse("person_contacts", "person_id", s)).collect()
}

/// Name entries for matching; with `containing`, only names whose folded form contains it.
pub(crate) async fn name_entries(pool: &Pool<Db>, containing: Option<&str>) -> Result<Vec<NameEntry>> {
    let rows: Vec<(Key, String, String)> = match containing {
        Some(fragment) => {
            // Folded names are lowercase; lowercasing the fragment makes the match the same on
            // both backends (SQLite's LIKE ignores ASCII case, PostgreSQL's does not).
            let escaped =
                fragment.to_lowercase().replace('\\', "\\\\").replace('%', "\\%").replace('_', "\\_");
            sqlx::query_as("SELECT id, name, name_key FROM people WHERE name_key LIKE $1 ESCAPE '\\'")
                .bind(format!("%{escaped}%"))
                .fetch_all(pool)
                .await?
        }
        None => sqlx::query_as("SELECT id, name, name_key FROM people").fetch_all(pool).await?,
    };
    rows.into_iter()
        .map(|(id, name, key)| Ok(NameEntry { id: parse("people", "id", &id)?, name, key }))
        .collect()
}

/// id, name, organisation, title, archived_at.
type SummaryRow = (Key, String, Option<String>, Option<String>, Option<i64>);

/// People matching `filter`, sorted by name, with tags and roles: three queries in all.
pub(crate) async fn list_people(pool: &Pool<Db>, filter: &PeopleFilter) -> Result<Vec<PersonSummary>> {
    let mut qb = QueryBuilder::<Db>::new(
        "SELECT p.id, p.name, o.name, p.title, p.archived_at FROM people p \
         LEFT JOIN organisations o ON o.id = p.organisation_id WHERE 1 = 1",
    );
    if !filter.include_archived {
        qb.push(" AND p.archived_at IS NULL");
    }
    if !filter.include_me {
        qb.push(" AND p.id NOT IN (SELECT value FROM settings WHERE key = 'me')");
    }
    let label_filter = |qb: &mut QueryBuilder<Db>, kind: &'static str, values: Vec<String>| {
        if values.is_empty() {
            return;
        }
        qb.push(" AND p.id IN (SELECT l.person_id FROM person_labels l WHERE l.kind = ");
        qb.push_bind(kind);
        qb.push(" AND l.value IN (");
        let mut sep = qb.separated(", ");
        for v in values {
            sep.push_bind(v);
        }
        qb.push("))");
    };
    label_filter(&mut qb, "tag", filter.tags.iter().map(|t| text::label(t)).collect());
    label_filter(&mut qb, "role", filter.roles.iter().map(|r| r.as_str().to_owned()).collect());
    if !filter.circles.is_empty() {
        qb.push(
            " AND p.id IN (SELECT m.person_id FROM circle_members m JOIN circles c ON c.id = m.circle_id \
             WHERE c.name_key IN (",
        );
        let mut sep = qb.separated(", ");
        for c in &filter.circles {
            sep.push_bind(text::name_key(c));
        }
        qb.push("))");
    }
    for (k, v) in &filter.facets {
        qb.push(" AND p.id IN (SELECT f.person_id FROM person_facets f WHERE f.key = ");
        qb.push_bind(k.clone());
        qb.push(" AND f.value = ");
        qb.push_bind(text::label(v));
        qb.push(")");
    }
    qb.push(" ORDER BY p.name_key, p.id");
    if let Some(limit) = filter.limit {
        qb.push(" LIMIT ");
        qb.push_bind(i64::try_from(limit).unwrap_or(i64::MAX));
    }
    let rows: Vec<SummaryRow> = qb.build_query_as().fetch_all(pool).await?;

    let wanted_labels = filter.limit.is_some_and(|l| l < 1000);
    let labels: Vec<(Key, String, String)> = if wanted_labels {
        let mut qb = QueryBuilder::<Db>::new(
            "SELECT person_id, kind, value FROM person_labels WHERE kind IN ('tag', 'role') AND person_id IN (",
        );
        let mut sep = qb.separated(", ");
        for r in &rows {
            sep.push_bind(r.0.clone());
        }
        qb.push(") ORDER BY person_id, kind, position");
        if rows.is_empty() { Vec::new() } else { qb.build_query_as().fetch_all(pool).await? }
    } else {
        sqlx::query_as(
            "SELECT person_id, kind, value FROM person_labels WHERE kind IN ('tag', 'role') ORDER BY person_id, kind, position",
        )
        .fetch_all(pool)
        .await?
    };
    let mut by_person: HashMap<Key, (Vec<String>, Vec<String>)> = HashMap::new();
    for (pid, kind, value) in labels {
        let entry = by_person.entry(pid).or_default();
        if kind == "tag" { entry.0.push(value) } else { entry.1.push(value) }
    }
    rows.into_iter()
        .map(|(id, name, organisation, title, archived_at)| {
            let (tags, roles) = by_person.remove(&id).unwrap_or_default();
            Ok(PersonSummary {
                id: parse("people", "id", &id)?,
                name,
                organisation,
                title,
                tags,
                roles: roles.iter().map(|r| parse("person_labels", "value", r)).collect::<Result<_>>()?,
                archived: archived_at.is_some(),
            })
        })
        .collect()
}

/// Full-text search over profiles and notes; one hit per person, best first.
pub(crate) async fn search(pool: &Pool<Db>, query: &str, limit: usize) -> Result<Vec<SearchHit>> {
    let words = text::tokens(query);
    if words.is_empty() {
        return Ok(Vec::new());
    }
    let fts = (DIALECT.fts_query)(&words);
    // Documents are fetched best first and folded into one hit per visible person; when one
    // person's many notes or archived people use up the documents fetched, fetch more.
    let mut documents = limit.saturating_mul(8).max(50);
    loop {
        let rows: Vec<SearchRow> = sqlx::query_as(DIALECT.search_sql)
            .bind(fts.clone())
            .bind(i64::try_from(documents).unwrap_or(i64::MAX))
            .fetch_all(pool)
            .await?;
        let exhausted = rows.len() < documents;
        let mut seen = std::collections::HashSet::new();
        let mut hits = Vec::new();
        for (pid, name, note, body, archived_at) in rows {
            if hits.len() >= limit {
                break;
            }
            if archived_at.is_some() || !seen.insert(pid.clone()) {
                continue;
            }
            let matched = match note {
                None => Matched::Profile,
                Some(n) => Matched::Note { note: parse("search_docs", "note_id", &n)?, excerpt: excerpt(&body, 120) },
            };
            hits.push(SearchHit { person: parse("search_docs", "person_id", &pid)?, name, matched });
        }
        if hits.len() >= limit || exhausted {
            return Ok(hits);
        }
        documents = documents.saturating_mul(4);
    }
}

/// person_id, name, note_id, body, archived_at.
type SearchRow = (Key, String, Option<Key>, String, Option<i64>);

fn excerpt(body: &str, max: usize) -> String {
    let flat: String = body.split_whitespace().collect::<Vec<_>>().join(" ");
    if flat.chars().count() <= max {
        flat
    } else {
        let cut: String = flat.chars().take(max).collect();
        format!("{cut}…")
    }
}

/// Notes about a person, newest first.
pub(crate) async fn notes_of(pool: &Pool<Db>, person: PersonId, limit: i64) -> Result<Vec<Note>> {
    let rows: Vec<NoteRow> = sqlx::query_as(
        "SELECT id, person_id, body, created_at FROM notes WHERE person_id = $1 ORDER BY created_at DESC, id DESC LIMIT $2",
    )
    .bind(key(person))
    .bind(limit)
    .fetch_all(pool)
    .await?;
    rows.into_iter().map(NoteRow::into_note).collect()
}

/// Interactions with a person, newest first, each with all its participants.
pub(crate) async fn interactions_of(pool: &Pool<Db>, person: PersonId, limit: i64) -> Result<Vec<Interaction>> {
    let rows: Vec<InteractionRow> = sqlx::query_as(
        "SELECT i.id, i.kind, i.occurred_at, i.minutes, i.direction, i.note, i.event_id, i.source_key \
         FROM interaction_participants ip JOIN interactions i ON i.id = ip.interaction_id \
         WHERE ip.person_id = $1 ORDER BY ip.occurred_at DESC, i.id DESC LIMIT $2",
    )
    .bind(key(person))
    .bind(limit)
    .fetch_all(pool)
    .await?;
    if rows.is_empty() {
        return Ok(Vec::new());
    }
    let mut qb = QueryBuilder::<Db>::new("SELECT interaction_id, person_id FROM interaction_participants WHERE interaction_id IN (");
    let mut sep = qb.separated(", ");
    for r in &rows {
        sep.push_bind(r.id.clone());
    }
    qb.push(")");
    let pairs: Vec<(Key, Key)> = qb.build_query_as().fetch_all(pool).await?;
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

/// Important dates of a person.
pub(crate) async fn dates_of(pool: &Pool<Db>, person: PersonId) -> Result<Vec<ImportantDate>> {
    let rows: Vec<DateRow> = sqlx::query_as(
        "SELECT id, person_id, kind, label, month, day, year FROM important_dates WHERE person_id = $1 ORDER BY month, day, id",
    )
    .bind(key(person))
    .fetch_all(pool)
    .await?;
    rows.into_iter().map(DateRow::into_date).collect()
}

/// Knows links of a person.
pub(crate) async fn knows_of(pool: &Pool<Db>, person: PersonId) -> Result<Vec<KnowsLink>> {
    let rows: Vec<KnowsRow> = sqlx::query_as(
        "SELECT person_a, person_b, strength, source FROM knows WHERE person_a = $1 OR person_b = $1 ORDER BY strength DESC",
    )
    .bind(key(person))
    .fetch_all(pool)
    .await?;
    rows.into_iter().map(KnowsRow::into_link).collect()
}

/// Every knows link, for graph analytics.
pub(crate) async fn all_knows(pool: &Pool<Db>) -> Result<Vec<KnowsLink>> {
    let rows: Vec<KnowsRow> =
        sqlx::query_as("SELECT person_a, person_b, strength, source FROM knows ORDER BY person_a, person_b")
            .fetch_all(pool)
            .await?;
    rows.into_iter().map(KnowsRow::into_link).collect()
}

/// Every circle with its number of members who are not archived.
pub(crate) async fn circles(pool: &Pool<Db>) -> Result<Vec<CircleSummary>> {
    let rows: Vec<CircleRow> = sqlx::query_as(
        "SELECT c.id, c.name, c.cadence_days, \
         (SELECT COUNT(*) FROM circle_members m JOIN people p ON p.id = m.person_id \
          WHERE m.circle_id = c.id AND p.archived_at IS NULL) AS members \
         FROM circles c ORDER BY c.name_key",
    )
    .fetch_all(pool)
    .await?;
    rows.into_iter()
        .map(|r| r.into_circle().map(|(circle, members)| CircleSummary { circle, members }))
        .collect()
}

/// Names of the given people (unknown ids are left out).
pub(crate) async fn names_of(pool: &Pool<Db>, ids: &[PersonId]) -> Result<HashMap<PersonId, String>> {
    let mut out = HashMap::new();
    for chunk in ids.chunks(DIALECT.max_binds - 1) {
        let mut qb = QueryBuilder::<Db>::new("SELECT id, name FROM people WHERE id IN (");
        let mut sep = qb.separated(", ");
        for id in chunk {
            sep.push_bind(key(id));
        }
        qb.push(")");
        let rows: Vec<(Key, String)> = qb.build_query_as().fetch_all(pool).await?;
        for (id, name) in rows {
            out.insert(parse("people", "id", &id)?, name);
        }
    }
    Ok(out)
}

/// Interaction totals for one person.
pub(crate) async fn contact_stats_of(pool: &Pool<Db>, person: PersonId) -> Result<Option<ContactStats>> {
    let row: (i64, Option<i64>, Option<i64>) = sqlx::query_as(
        "SELECT COUNT(*), MIN(occurred_at), MAX(occurred_at) FROM interaction_participants WHERE person_id = $1",
    )
    .bind(key(person))
    .fetch_one(pool)
    .await?;
    match row {
        (n, Some(first), Some(last)) if n > 0 => Ok(Some(ContactStats {
            person,
            interactions: n,
            first_at: instant("interaction_participants", "occurred_at", first)?,
            last_at: instant("interaction_participants", "occurred_at", last)?,
        })),
        _ => Ok(None),
    }
}

/// Interaction totals for everyone who has any: one query.
pub(crate) async fn contact_stats(pool: &Pool<Db>) -> Result<Vec<ContactStats>> {
    let rows: Vec<(Key, i64, i64, i64)> = sqlx::query_as(
        "SELECT person_id, COUNT(*), MIN(occurred_at), MAX(occurred_at) FROM interaction_participants GROUP BY person_id",
    )
    .fetch_all(pool)
    .await?;
    rows.into_iter()
        .map(|(p, n, first, last)| {
            Ok(ContactStats {
                person: parse("interaction_participants", "person_id", &p)?,
                interactions: n,
                first_at: instant("interaction_participants", "occurred_at", first)?,
                last_at: instant("interaction_participants", "occurred_at", last)?,
            })
        })
        .collect()
}

/// How many records of each kind exist.
pub(crate) async fn counts(pool: &Pool<Db>) -> Result<Counts> {
    let row: (i64, i64, i64, i64, i64, i64, i64, i64) = sqlx::query_as(
        "SELECT (SELECT COUNT(*) FROM people), (SELECT COUNT(*) FROM people WHERE archived_at IS NOT NULL), \
         (SELECT COUNT(*) FROM organisations), (SELECT COUNT(*) FROM circles), (SELECT COUNT(*) FROM notes), \
         (SELECT COUNT(*) FROM interactions), (SELECT COUNT(*) FROM knows), (SELECT COUNT(*) FROM important_dates)",
    )
    .fetch_one(pool)
    .await?;
    let more: (i64, i64, i64, i64, i64, i64, i64, i64) = sqlx::query_as(
        "SELECT (SELECT COUNT(*) FROM life_events), (SELECT COUNT(*) FROM help_items), (SELECT COUNT(*) FROM favours), \
         (SELECT COUNT(*) FROM introductions), (SELECT COUNT(*) FROM events), (SELECT COUNT(*) FROM collaborations), \
         (SELECT COUNT(*) FROM goals), (SELECT COUNT(*) FROM follow_ups)",
    )
    .fetch_one(pool)
    .await?;
    Ok(Counts {
        people: row.0,
        archived: row.1,
        organisations: row.2,
        circles: row.3,
        notes: row.4,
        interactions: row.5,
        knows: row.6,
        dates: row.7,
        life_events: more.0,
        help_items: more.1,
        favours: more.2,
        introductions: more.3,
        events: more.4,
        collaborations: more.5,
        goals: more.6,
        follow_ups: more.7,
    })
}
