//! Backups at the store: a database with a row in every table and a value in every column is
//! dumped, restored into an empty database and dumped again, on SQLite and (with
//! `KITHKIN_TEST_PG_URL`) PostgreSQL. Both dumps must be equal and every table must hold the
//! same rows, column by column, read straight from the schema, so a column a migration adds
//! and the backup forgets fails here. Test names are `<case>::sqlite` and `<case>::postgres`.
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod common;

use common::{Kind, TestDb, TestResult};
use jiff::Timestamp;
use jiff::civil::date;
use kithkin_core::backup::Backup;
use kithkin_core::batch::Batch;
use kithkin_core::cadence::Cadence;
use kithkin_core::circle::Circle;
use kithkin_core::collaboration::{CollabStatus, Collaboration};
use kithkin_core::dates::{DateKind, ImportantDate, YearlyDay};
use kithkin_core::event::{Event, EventAttendee, EventKind};
use kithkin_core::exchange::{Favour, FavourKind, HelpItem, HelpKind, HelpStatus};
use kithkin_core::follow_up::FollowUp;
use kithkin_core::goal::{Goal, GoalMetric, GoalPeriod};
use kithkin_core::interaction::{Direction, Interaction, InteractionKind};
use kithkin_core::introduction::{IntroOutcome, IntroStatus, Introduction};
use kithkin_core::knows::{KnowsLink, KnowsSource};
use kithkin_core::life_event::{LifeEvent, LifeEventKind};
use kithkin_core::note::Note;
use kithkin_core::person::{Person, PersonProfile, Role};
use kithkin_core::{
    CircleId, CollaborationId, DateId, EventId, FavourId, FollowUpId, GoalId, HelpItemId,
    InteractionId, IntroductionId, LifeEventId, NoteId, PersonId,
};
use kithkin_store::{Store, StoreError};
use sqlx::Row;
use sqlx::postgres::PgPoolOptions;
use sqlx::sqlite::{SqliteConnectOptions, SqlitePoolOptions};
use std::collections::{BTreeMap, BTreeSet};
use std::future::Future;
use uuid::Uuid;

/// Every table of the schema and where the backup keeps it. A table missing here fails
/// `every_table_and_column_survives`: add it to `Store::dump` and `Store::restore` first.
const COVERED: &[(&str, &str)] = &[
    ("settings", "me, settings"),
    ("organisations", "organisations"),
    ("people", "people"),
    (
        "person_contacts",
        "people[].profile emails, phones, urls, addresses",
    ),
    (
        "person_labels",
        "people[].profile tags, interests, expertise, values, roles",
    ),
    ("person_facets", "people[].profile.facets"),
    ("facet_wanted", "facet_wanted"),
    ("circles", "circles"),
    ("circle_members", "people[].circles"),
    ("notes", "notes"),
    ("events", "events"),
    (
        "event_attendees",
        "events[].attendees, events[].followed_up",
    ),
    ("interactions", "interactions"),
    (
        "interaction_participants",
        "interactions[].participants (the rest is copied from the interaction)",
    ),
    ("important_dates", "dates"),
    ("life_events", "life_events"),
    ("help_items", "help_items"),
    ("favours", "favours"),
    ("introductions", "introductions"),
    ("knows", "knows"),
    ("collaborations", "collaborations"),
    ("collaboration_members", "collaborations[].members"),
    ("goals", "goals"),
    ("follow_ups", "follow_ups"),
    ("org_memberships", "org_memberships"),
    ("person_sources", "person_sources"),
    (
        "search_docs",
        "derived: rebuilt from people and notes (doc_id is a row counter)",
    ),
];

/// Columns whose values are not data: row counters.
const NOT_COMPARED: &[(&str, &str)] = &[("search_docs", "doc_id")];

/// Tables that are not data: migrations bookkeeping and SQLite's full-text index over
/// `search_docs` (kept by triggers).
fn is_internal(table: &str) -> bool {
    table == "_sqlx_migrations" || table.starts_with("search_fts") || table.starts_with("sqlite_")
}

/// 2026-01-01T00:00:00Z.
const NOW: i64 = 1_767_225_600;
const DAY: i64 = 86_400;

fn at(secs: i64) -> Timestamp {
    Timestamp::from_second(NOW + secs).unwrap()
}

fn new_id() -> Uuid {
    Uuid::now_v7()
}

/// Runs `case` with two fresh databases of `kind` (the second stays empty for the restore),
/// then drops them, even when the case fails.
async fn with_two<F, Fut>(name: &str, kind: Kind, case: F)
where
    F: FnOnce(TestDb, TestDb) -> Fut,
    Fut: Future<Output = TestResult> + Send + 'static,
{
    let Some((a, guard_a)) = common::fresh(kind).await else {
        return;
    };
    let Some((b, guard_b)) = common::fresh(kind).await else {
        return;
    };
    let (la, lb) = (a.location.clone(), b.location.clone());
    let outcome = tokio::spawn(case(a, b)).await;
    if kind == Kind::Postgres
        && let Some(admin) = common::pg_url()
    {
        for location in [la, lb] {
            drop_pg(&admin, &location).await;
        }
    }
    drop((guard_a, guard_b));
    match outcome {
        Ok(Ok(())) => {}
        Ok(Err(e)) => panic!("[{kind:?}] {name} failed: {e} ({e:?})"),
        Err(join) if join.is_panic() => std::panic::resume_unwind(join.into_panic()),
        Err(join) => panic!("[{kind:?}] {name}: task ended abnormally: {join}"),
    }
}

/// Drops the test database at `location` (its name is the last part of the URL's path).
async fn drop_pg(admin: &str, location: &str) {
    let base = location.split('?').next().unwrap_or(location);
    let Some(name) = base
        .rsplit('/')
        .next()
        .filter(|n| n.starts_with("kithkin_test_"))
    else {
        return;
    };
    if let Ok(pool) = PgPoolOptions::new().max_connections(1).connect(admin).await {
        let sql = format!("DROP DATABASE IF EXISTS \"{name}\" WITH (FORCE)");
        if let Err(e) = sqlx::query(sqlx::AssertSqlSafe(sql)).execute(&pool).await {
            eprintln!("warning: could not drop test database {name}: {e}");
        }
        pool.close().await;
    }
}

macro_rules! both {
    ($($name:ident => $case:ident;)*) => {$(
        mod $name {
            #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
            async fn sqlite() {
                super::with_two(stringify!($name), super::Kind::Sqlite, super::$case).await
            }

            #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
            async fn postgres() {
                super::with_two(stringify!($name), super::Kind::Postgres, super::$case).await
            }
        }
    )*};
}

both! {
    dump_restore_dump => case_dump_restore_dump;
    every_table_and_column_survives => case_every_table_and_column_survives;
    restore_refuses_a_database_that_is_not_empty => case_refuses_non_empty;
    a_failed_restore_leaves_nothing => case_failed_restore_leaves_nothing;
}

/// A database written before ids were stored as bytes (schema version 4, ids as hyphenated
/// text) opens, is migrated, and reads back exactly as it was: the same dump, every id now 16
/// bytes, and still found by id, by email and by search.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_database_with_text_ids_is_migrated_to_bytes() {
    let (db, _guard) = common::sqlite();
    let original = seed(&db).await.unwrap();
    let before = original.dump(exported()).await.unwrap();
    original.close().await;

    // turn every id back into the text version 4 wrote, and forget migration 5
    let pool = sqlite_pool(&db).await.unwrap();
    sqlx::query("PRAGMA foreign_keys = OFF")
        .execute(&pool)
        .await
        .unwrap();
    let tables: Vec<(String,)> =
        sqlx::query_as("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name")
            .fetch_all(&pool)
            .await
            .unwrap();
    let mut converted = 0;
    for (table,) in tables {
        if is_internal(&table) {
            continue;
        }
        let sql = format!("SELECT name FROM pragma_table_info('{table}')");
        let cols: Vec<(String,)> = sqlx::query_as(sqlx::AssertSqlSafe(sql))
            .fetch_all(&pool)
            .await
            .unwrap();
        let set: Vec<String> = cols
            .iter()
            .map(|(c,)| {
                let hex = format!("lower(hex({c}))");
                format!(
                    "{c} = CASE WHEN typeof({c}) = 'blob' AND length({c}) = 16 THEN substr({hex}, 1, 8) || '-' || \
                     substr({hex}, 9, 4) || '-' || substr({hex}, 13, 4) || '-' || substr({hex}, 17, 4) || '-' || \
                     substr({hex}, 21, 12) ELSE {c} END"
                )
            })
            .collect();
        let sql = format!("UPDATE {table} SET {}", set.join(", "));
        sqlx::query(sqlx::AssertSqlSafe(sql))
            .execute(&pool)
            .await
            .unwrap();
        let blobs = cols
            .iter()
            .map(|(c,)| format!("(typeof({c}) = 'blob')"))
            .collect::<Vec<_>>()
            .join(" + ");
        let sql = format!("SELECT COALESCE(SUM({blobs}), 0) FROM {table}");
        let (left,): (i64,) = sqlx::query_as(sqlx::AssertSqlSafe(sql))
            .fetch_one(&pool)
            .await
            .unwrap();
        assert_eq!(left, 0, "{table} still holds bytes");
        converted += 1;
    }
    assert!(converted >= 25, "only {converted} tables");
    let (text_ids,): (i64,) =
        sqlx::query_as("SELECT COUNT(*) FROM people WHERE typeof(id) = 'text' AND length(id) = 36")
            .fetch_one(&pool)
            .await
            .unwrap();
    assert_eq!(text_ids, 4);
    sqlx::query("DELETE FROM _sqlx_migrations WHERE version = 5")
        .execute(&pool)
        .await
        .unwrap();
    pool.close().await;

    let migrated = db.open().await.unwrap();
    let after = migrated.dump(exported()).await.unwrap();
    assert_eq!(after, before);
    for p in &before.people {
        assert_eq!(migrated.person(p.id).await.unwrap().as_ref(), Some(p));
    }
    assert_eq!(migrated.me().await.unwrap(), before.me);
    assert_eq!(migrated.search("bouldering", 5).await.unwrap().len(), 1);
    migrated.close().await;

    let pool = sqlite_pool(&db).await.unwrap();
    let (bytes, all): (i64, i64) =
        sqlx::query_as("SELECT SUM(typeof(person_id) = 'blob' AND length(person_id) = 16), COUNT(*) FROM person_contacts")
            .fetch_one(&pool)
            .await
            .unwrap();
    assert_eq!((bytes, all > 0), (all, true));
    let (me_bytes,): (i64,) =
        sqlx::query_as("SELECT COUNT(*) FROM settings WHERE key = 'me' AND typeof(value) = 'blob'")
            .fetch_one(&pool)
            .await
            .unwrap();
    assert_eq!(me_bytes, 1);
    let (broken,): (i64,) = sqlx::query_as("SELECT COUNT(*) FROM pragma_foreign_key_check")
        .fetch_one(&pool)
        .await
        .unwrap();
    assert_eq!(broken, 0);
    pool.close().await;
}

fn person(name: &str) -> Person {
    Person {
        id: PersonId(new_id()),
        profile: PersonProfile::named(name),
        circles: Vec::new(),
        archived_at: None,
        snoozed_until: None,
        created_at: at(-300 * DAY),
        updated_at: at(-200 * DAY),
    }
}

/// Fills every table, with a value in every column somewhere, through the store's own
/// writers (three batches at three different moments, so the instants the batch writer
/// sets differ from each other and from the restore's), plus two raw statements where no
/// writer exists yet (an organisation's domain, a setting other than "me").
async fn seed(db: &TestDb) -> Result<Store, Box<dyn std::error::Error + Send + Sync>> {
    let store = db.open().await?;
    let mut me = person("Sam Rivers");
    me.profile.emails = vec!["sam@example.com".into()];
    let mut ana = person("Ana Lima");
    {
        let p = &mut ana.profile;
        p.nickname = Some("Aninha".into());
        p.emails = vec![
            "ana@northwind.example".into(),
            "ana.lima@example.org".into(),
        ];
        p.phones = vec!["+1 555 0100".into()];
        p.urls = vec!["https://www.linkedin.com/in/ana-lima".into()];
        p.addresses = vec!["1 Harbour St, Lisbon".into()];
        p.organisation = Some("Northwind".into());
        p.title = Some("Engineering Manager".into());
        p.tags = vec!["rust".into(), "climbing".into()];
        p.interests = vec!["climate".into()];
        p.expertise = vec!["hiring".into()];
        p.values = vec!["candour".into()];
        p.roles = vec![Role::Mentor, Role::Friend];
        p.facets.insert("industry".into(), "tech".into());
        p.facets.insert("region".into(), "europe".into());
        p.cadence = Some(Cadence::from_days(30)?);
        p.met_at = Some("RustConf".into());
        p.met_on = Some(date(2024, 9, 10));
        p.summary = Some("Runs the platform team.".into());
    }
    ana.circles = vec!["Close friends".into(), "Work".into()];
    ana.snoozed_until = Some(date(2026, 2, 1));
    let mut ben = person("Ben Okoro");
    ben.profile.introduced_by = Some(ana.id);
    ben.profile.organisation = Some("Southwind".into());
    ben.archived_at = Some(at(-10 * DAY));
    let cleo = person("Cléo Durand");

    let mut first = Batch::new();
    first.circles = vec![
        Circle {
            id: CircleId(new_id()),
            name: "Close friends".into(),
            cadence: Some(Cadence::from_days(14)?),
        },
        Circle {
            id: CircleId(new_id()),
            name: "Work".into(),
            cadence: None,
        },
    ];
    first.people = vec![me.clone(), ana.clone(), ben.clone(), cleo.clone()];
    first.notes = vec![Note {
        id: NoteId(new_id()),
        person: ana.id,
        body: "Loves bouldering; ask about the new gym.".into(),
        created_at: at(-100 * DAY),
    }];
    store.write(&first, at(-250 * DAY)).await?;
    store.set_me(me.id).await?;

    let meetup = EventId(new_id());
    let call = InteractionId(new_id());
    let need = HelpItemId(new_id());
    let mut second = Batch::new();
    second.events = vec![Event {
        id: meetup,
        name: "Rust Lisbon".into(),
        kind: EventKind::Meetup,
        starts_at: at(-20 * DAY),
        ends_at: Some(at(-20 * DAY + 3 * 3600)),
        minutes: Some(150),
        location: Some("LX Factory".into()),
        organisation: Some("Rust Lisbon Association".into()),
        note: Some("Talk on async".into()),
        attended: true,
        attendees: vec![
            EventAttendee {
                person: cleo.id,
                met_there: true,
            },
            EventAttendee {
                person: ana.id,
                met_there: false,
            },
        ],
    }];
    second.interactions = vec![
        Interaction {
            id: call,
            kind: InteractionKind::Call,
            occurred_at: at(-15 * DAY),
            minutes: Some(40),
            direction: Direction::Outbound,
            participants: vec![ana.id, cleo.id],
            note: Some("Planned the workshop".into()),
            event: Some(meetup),
            source_key: Some("ics:uid-123@example".into()),
        },
        Interaction {
            id: InteractionId(new_id()),
            kind: InteractionKind::Email,
            occurred_at: at(-2 * DAY),
            minutes: None,
            direction: Direction::Inbound,
            participants: vec![ben.id],
            note: None,
            event: None,
            source_key: None,
        },
    ];
    second.knows = vec![KnowsLink::new(
        ana.id,
        cleo.id,
        0.1 + 0.2,
        KnowsSource::Explicit,
    )?];
    second.dates = vec![
        ImportantDate {
            id: DateId(new_id()),
            person: ana.id,
            kind: DateKind::Birthday,
            day: YearlyDay::new(4, 15, Some(1988))?,
        },
        ImportantDate {
            id: DateId(new_id()),
            person: cleo.id,
            kind: DateKind::Other("Name day".into()),
            day: YearlyDay::new(2, 29, None)?,
        },
    ];
    second.life_events = vec![LifeEvent {
        id: LifeEventId(new_id()),
        person: ana.id,
        kind: LifeEventKind::Promotion,
        on: date(2025, 12, 1),
        note: Some("Director now".into()),
        acknowledged_at: Some(at(-25 * DAY)),
    }];
    second.help_items = vec![
        HelpItem {
            id: need,
            person: me.id,
            kind: HelpKind::Need,
            text: "A Rust mentor".into(),
            tags: vec!["rust".into(), "mentoring".into()],
            status: HelpStatus::Fulfilled,
            created_at: at(-60 * DAY),
            closed_at: Some(at(-14 * DAY)),
        },
        HelpItem {
            id: HelpItemId(new_id()),
            person: cleo.id,
            kind: HelpKind::Offer,
            text: "Intros to climate VCs".into(),
            tags: Vec::new(),
            status: HelpStatus::Open,
            created_at: at(-5 * DAY),
            closed_at: None,
        },
    ];
    second.favours = vec![Favour {
        id: FavourId(new_id()),
        giver: ana.id,
        receiver: me.id,
        kind: FavourKind::Introduction,
        text: "Introduced me to Cléo".into(),
        weight: 3,
        occurred_at: at(-16 * DAY),
        for_need: Some(need),
        thanked_at: Some(at(-15 * DAY)),
        thanked_in: Some(call),
    }];
    second.introductions = vec![Introduction {
        id: IntroductionId(new_id()),
        a: ana.id,
        b: ben.id,
        reason: Some("Both hire Rust people".into()),
        status: IntroStatus::Closed,
        suggested_at: at(-40 * DAY),
        asked_a_at: Some(at(-39 * DAY)),
        asked_b_at: Some(at(-38 * DAY)),
        introduced_at: Some(at(-37 * DAY)),
        outcome: Some(IntroOutcome::Collaborating),
        outcome_at: Some(at(-30 * DAY)),
        declined_at: Some(at(-36 * DAY)),
    }];
    second.collaborations = vec![Collaboration {
        id: CollaborationId(new_id()),
        name: "Async workshop".into(),
        status: CollabStatus::Done,
        members: vec![cleo.id, ana.id],
        outcome: Some("Ran it twice".into()),
        note: Some("Slides in the shared drive".into()),
        created_at: at(-50 * DAY),
        updated_at: at(-3 * DAY),
    }];
    second.goals = vec![Goal {
        id: GoalId(new_id()),
        owner: me.id,
        title: "Meet climate people".into(),
        metric: GoalMetric::Interactions,
        target: 3,
        period: GoalPeriod::Month,
        facet_filter: Some("industry=climate".into()),
        created_at: at(-90 * DAY),
        closed_at: Some(at(-DAY)),
    }];
    second.follow_ups = vec![FollowUp {
        id: FollowUpId(new_id()),
        person: cleo.id,
        due_on: date(2026, 1, 5),
        text: "Send the slides".into(),
        done_at: Some(at(-12 * DAY)),
        created_at: at(-19 * DAY),
    }];
    store.write(&second, at(-18 * DAY)).await?;

    let mut third = Batch::new();
    third.knows = vec![KnowsLink::new(
        ben.id,
        cleo.id,
        0.45,
        KnowsSource::Imported,
    )?];
    third.interactions = vec![Interaction {
        id: InteractionId(new_id()),
        kind: InteractionKind::Meal,
        occurred_at: at(-DAY),
        minutes: Some(90),
        direction: Direction::Mutual,
        participants: vec![cleo.id],
        note: None,
        event: None,
        source_key: None,
    }];
    store.write(&third, at(-DAY)).await?;

    assert_eq!(
        store
            .set_followed_up(meetup, &[cleo.id], at(-19 * DAY))
            .await?,
        1
    );
    let (club, _) = store
        .join_org(
            "Climbing Club",
            me.id,
            Some("treasurer"),
            Some(date(2023, 3, 1)),
            at(-7 * DAY),
        )
        .await?;
    store
        .join_org("Northwind", ana.id, None, None, at(-6 * DAY))
        .await?;
    assert!(store.leave_org(club.id, me.id, date(2025, 11, 30)).await?);
    assert!(store.set_facet_wanted("industry", "climate", true).await?);
    store
        .add_source_keys(&[
            ("vcard-uid".into(), "urn:uuid:ana".into(), ana.id),
            (
                "linkedin".into(),
                "www.linkedin.com/in/ana-lima".into(),
                ana.id,
            ),
        ])
        .await?;
    db.execute(
        "UPDATE organisations SET domain = 'northwind.example' WHERE name_key = 'northwind'",
    )
    .await?;
    db.execute("INSERT INTO settings (key, value) VALUES ('calendar.token', 'x1y2z3')")
        .await?;
    Ok(store)
}

/// 2026-01-01T12:00:00Z, when the backups of these tests are made.
fn exported() -> Timestamp {
    at(12 * 3600)
}

async fn case_dump_restore_dump(a: TestDb, b: TestDb) -> TestResult {
    let original = seed(&a).await?;
    let dump = original.dump(exported()).await?;
    assert_eq!(dump.check(), Ok(()));
    assert_eq!(dump.format, "kithkin-backup");
    assert_eq!(dump.exported_at, exported());
    let counts = dump.counts();
    assert_eq!(counts.people, 4);
    assert_eq!(counts.organisations, 4, "{:?}", dump.organisations);
    assert_eq!(counts.interactions, 3);
    assert_eq!(counts.knows, 2);
    assert_eq!(counts.event_attendees, 2);
    assert_eq!(counts.circle_members, 2);
    assert_eq!(counts.org_memberships, 2);
    assert_eq!(counts.person_sources, 2);
    assert_eq!(counts.settings, 2);
    assert_eq!(
        dump.settings.get("calendar.token").map(String::as_str),
        Some("x1y2z3")
    );
    // the dump reads people as the one-person reader does, and as `all_people` does
    for p in &dump.people {
        assert_eq!(original.person(p.id).await?.as_ref(), Some(p));
    }
    assert_eq!(original.all_people().await?, dump.people);
    // the instants the batch writer set, not the restore's
    let call = dump
        .interactions
        .iter()
        .find(|i| i.record.minutes == Some(40))
        .unwrap();
    assert_eq!(call.created_at, at(-18 * DAY));
    assert_eq!(
        dump.knows
            .iter()
            .map(|k| k.updated_at)
            .collect::<Vec<_>>()
            .len(),
        2
    );
    assert!(dump.knows.iter().any(|k| k.link.strength == 0.1 + 0.2));
    assert_eq!(dump.events[0].followed_up.len(), 1);
    assert_eq!(dump.events[0].followed_up[0].at, at(-19 * DAY));

    let restored = b.open().await?;
    restored.restore(&dump, false).await?;
    let again = restored.dump(exported()).await?;
    assert_eq!(again, dump);
    // what the app reads through other paths agrees too
    assert_eq!(restored.counts().await?, original.counts().await?);
    assert_eq!(restored.me().await?, dump.me);
    let hits = restored.search("bouldering", 5).await?;
    assert_eq!(hits.len(), 1, "the note is searchable after a restore");
    original.close().await;
    restored.close().await;
    Ok(())
}

async fn case_every_table_and_column_survives(a: TestDb, b: TestDb) -> TestResult {
    let original = seed(&a).await?;
    let dump = original.dump(exported()).await?;
    original.close().await;
    let restored = b.open().await?;
    restored.restore(&dump, false).await?;
    restored.close().await;

    let schema = schema(&a).await?;
    let tables: BTreeSet<&str> = schema.keys().map(String::as_str).collect();
    let covered: BTreeSet<&str> = COVERED.iter().map(|(t, _)| *t).collect();
    let missing: Vec<&&str> = tables.difference(&covered).collect();
    assert!(
        missing.is_empty(),
        "tables the backup does not cover: {missing:?}; add them to Store::dump and Store::restore, then to COVERED"
    );
    let gone: Vec<&&str> = covered.difference(&tables).collect();
    assert!(
        gone.is_empty(),
        "COVERED names tables the schema does not have: {gone:?}"
    );

    for (table, columns) in &schema {
        let rows_a = rows(&a, table, columns).await?;
        assert!(!rows_a.is_empty(), "the seed leaves {table} empty");
        for (i, column) in columns.iter().enumerate() {
            if NOT_COMPARED.contains(&(table.as_str(), column.name.as_str())) {
                continue;
            }
            assert!(
                rows_a.iter().any(|r| r[i].is_some()),
                "the seed never sets {table}.{column}, so the test cannot tell whether the backup keeps it",
                column = column.name
            );
        }
        let rows_b = rows(&b, table, columns).await?;
        assert_eq!(rows_a, rows_b, "{table} differs after dump and restore");
    }
    Ok(())
}

async fn case_refuses_non_empty(a: TestDb, b: TestDb) -> TestResult {
    let original = seed(&a).await?;
    let dump = original.dump(exported()).await?;
    let before = original.counts().await?;
    let err = original.restore(&dump, false).await.unwrap_err();
    let StoreError::Conflict(msg) = &err else {
        panic!("expected a conflict, got {err:?}");
    };
    assert!(msg.contains("not empty"), "{msg}");
    assert!(msg.contains("4 people"), "{msg}");
    assert!(msg.contains(&original.location().display()), "{msg}");
    assert_eq!(original.counts().await?, before, "nothing was written");
    // so is a dry run
    assert!(original.restore(&dump, true).await.is_err());
    original.close().await;

    // a database holding only "me" (after `kithkin init`) is not empty either
    let other = b.open().await?;
    let mut me = Batch::new();
    me.people = vec![person("Someone Else")];
    other.write(&me, at(0)).await?;
    let err = other.restore(&dump, false).await.unwrap_err();
    assert!(err.to_string().contains("(it holds 1 person)"), "{err}");
    other.close().await;
    Ok(())
}

async fn case_failed_restore_leaves_nothing(a: TestDb, b: TestDb) -> TestResult {
    let original = seed(&a).await?;
    let dump = original.dump(exported()).await?;
    original.close().await;
    let target = b.open().await?;

    // a dry run writes everything, runs the database's checks, and keeps nothing
    target.restore(&dump, true).await?;
    assert_eq!(target.dump(exported()).await?, Backup::new(exported()));

    // a backup whose note names nobody fails on the constraints, and nothing stays
    let mut broken = dump.clone();
    broken.notes[0].person = PersonId(new_id());
    assert!(broken.check().is_err());
    assert!(target.restore(&broken, false).await.is_err());
    assert_eq!(target.dump(exported()).await?, Backup::new(exported()));

    // the whole one still restores afterwards
    target.restore(&dump, false).await?;
    assert_eq!(target.dump(exported()).await?, dump);
    target.close().await;
    Ok(())
}

/// A column of the schema.
#[derive(Debug, Clone)]
struct Column {
    name: String,
    /// Read as a double (compared exactly), else as text.
    double: bool,
}

/// Every data table with its columns, from the database's own catalogue.
async fn schema(db: &TestDb) -> Result<BTreeMap<String, Vec<Column>>, sqlx::Error> {
    let mut out = BTreeMap::new();
    match db.kind {
        Kind::Sqlite => {
            let pool = sqlite_pool(db).await?;
            let tables: Vec<(String,)> =
                sqlx::query_as("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name")
                    .fetch_all(&pool)
                    .await?;
            for (table,) in tables {
                if is_internal(&table) {
                    continue;
                }
                let sql =
                    format!("SELECT name, type FROM pragma_table_info('{table}') ORDER BY cid");
                let cols: Vec<(String, String)> = sqlx::query_as(sqlx::AssertSqlSafe(sql))
                    .fetch_all(&pool)
                    .await?;
                let cols = cols
                    .into_iter()
                    .map(|(name, ty)| Column {
                        name,
                        double: ty.eq_ignore_ascii_case("REAL"),
                    })
                    .collect();
                out.insert(table, cols);
            }
            pool.close().await;
        }
        Kind::Postgres => {
            let pool = PgPoolOptions::new()
                .max_connections(1)
                .connect(&db.location)
                .await?;
            let cols: Vec<(String, String, String)> = sqlx::query_as(
                "SELECT table_name::text, column_name::text, data_type::text FROM information_schema.columns \
                 WHERE table_schema = 'public' ORDER BY table_name, ordinal_position",
            )
            .fetch_all(&pool)
            .await?;
            for (table, name, ty) in cols {
                if is_internal(&table) {
                    continue;
                }
                out.entry(table).or_insert_with(Vec::new).push(Column {
                    name,
                    double: ty == "double precision",
                });
            }
            pool.close().await;
        }
    }
    Ok(out)
}

/// Every row of `table`, each column as text (doubles by their exact value), sorted.
async fn rows(
    db: &TestDb,
    table: &str,
    columns: &[Column],
) -> Result<Vec<Vec<Option<String>>>, sqlx::Error> {
    let select: Vec<String> = columns
        .iter()
        .map(|c| {
            if c.double {
                c.name.clone()
            } else if db.kind == Kind::Sqlite {
                // SQLite keeps ids as 16 bytes (src/key.rs): compare their digits
                let n = &c.name;
                format!("CASE WHEN typeof({n}) = 'blob' THEN hex({n}) ELSE CAST({n} AS TEXT) END")
            } else {
                format!("CAST({} AS TEXT)", c.name)
            }
        })
        .collect();
    let sql = format!("SELECT {} FROM {table}", select.join(", "));
    let mut out: Vec<Vec<Option<String>>> = match db.kind {
        Kind::Sqlite => {
            let pool = sqlite_pool(db).await?;
            let rows = sqlx::query(sqlx::AssertSqlSafe(sql))
                .fetch_all(&pool)
                .await?;
            pool.close().await;
            rows.iter()
                .map(|r| {
                    (0..columns.len())
                        .map(|i| {
                            cell(
                                columns,
                                i,
                                || r.try_get::<Option<f64>, _>(i),
                                || r.try_get(i),
                            )
                        })
                        .collect()
                })
                .collect::<Result<_, sqlx::Error>>()?
        }
        Kind::Postgres => {
            let pool = PgPoolOptions::new()
                .max_connections(1)
                .connect(&db.location)
                .await?;
            let rows = sqlx::query(sqlx::AssertSqlSafe(sql))
                .fetch_all(&pool)
                .await?;
            pool.close().await;
            rows.iter()
                .map(|r| {
                    (0..columns.len())
                        .map(|i| {
                            cell(
                                columns,
                                i,
                                || r.try_get::<Option<f64>, _>(i),
                                || r.try_get(i),
                            )
                        })
                        .collect()
                })
                .collect::<Result<_, sqlx::Error>>()?
        }
    };
    let skip: Vec<usize> = columns
        .iter()
        .enumerate()
        .filter(|(_, c)| NOT_COMPARED.contains(&(table, c.name.as_str())))
        .map(|(i, _)| i)
        .collect();
    for row in &mut out {
        for &i in &skip {
            row[i] = Some("(not compared)".into());
        }
    }
    out.sort();
    Ok(out)
}

/// One cell as text: a double by its exact value, anything else as the database casts it.
fn cell(
    columns: &[Column],
    i: usize,
    double: impl FnOnce() -> Result<Option<f64>, sqlx::Error>,
    text: impl FnOnce() -> Result<Option<String>, sqlx::Error>,
) -> Result<Option<String>, sqlx::Error> {
    if columns[i].double {
        Ok(double()?.map(|v| format!("{v:?}")))
    } else {
        text()
    }
}

async fn sqlite_pool(db: &TestDb) -> Result<sqlx::SqlitePool, sqlx::Error> {
    let options = SqliteConnectOptions::new()
        .filename(db.path.clone().unwrap_or_default())
        .create_if_missing(false);
    SqlitePoolOptions::new()
        .max_connections(1)
        .connect_with(options)
        .await
}
