//! Store conformance suite: every case is written once and run on SQLite always, and on
//! PostgreSQL when `KITHKIN_TEST_PG_URL` is set (`KITHKIN_REQUIRE_PG=1` turns a missing URL
//! into a failure). Each test gets a fresh database (see `common/mod.rs`). Test names are
//! `<case>::sqlite` and `<case>::postgres`, so `cargo test -p kithkin-store postgres` runs one
//! backend.
// tests only: a failed unwrap is a failed test; no user input reaches this code
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod common;

use common::{Kind, TestDb, TestResult};
use jiff::Timestamp;
use jiff::civil::date;
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
use kithkin_core::strength::{FavourFlow, Touch};
use kithkin_core::{
    CircleId, CollaborationId, DateId, EventId, FavourId, FollowUpId, GoalId, HelpItemId,
    InteractionId, IntroductionId, LifeEventId, NoteId, PersonId,
};
use kithkin_store::{
    CheckinRow, ContactStats, Counts, Erasure, FollowUpView, Matched, PeopleFilter, PersonBasics,
    PersonSummary, Store, StoreError,
};
use std::collections::{BTreeMap, BTreeSet, HashMap};
use uuid::Uuid;

// ---------------------------------------------------------------------------------------------
// The macro: one module per case, with a `sqlite` and a `postgres` test.

macro_rules! conformance {
    ($($name:ident($arg:ty) => $case:ident $(, sqlite: #[$sqlite:meta])? $(, postgres: #[$postgres:meta])?;)*) => {$(
        mod $name {
            use super::*;

            fn case(x: &$arg) -> common::CaseFuture<'_> {
                Box::pin(super::$case(x))
            }

            #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
            $(#[$sqlite])?
            async fn sqlite() {
                <$arg as common::Runner>::run(stringify!($name), Kind::Sqlite, case).await
            }

            #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
            $(#[$postgres])?
            async fn postgres() {
                <$arg as common::Runner>::run(stringify!($name), Kind::Postgres, case).await
            }
        }
    )*};
}

conformance! {
    open_creates_schema_and_reopens(TestDb) => case_open_creates_schema_and_reopens;
    concurrent_first_open(TestDb) => case_concurrent_first_open;
    newer_schema_is_refused(TestDb) => case_newer_schema_is_refused;
    batch_roundtrip(Store) => case_batch_roundtrip;
    batch_is_all_or_nothing(Store) => case_batch_is_all_or_nothing;
    large_batch_failing_midway_writes_nothing(Store) => case_large_batch_failing_midway_writes_nothing;
    large_contact_batch_checks_the_people_it_names(Store) => case_large_contact_batch_checks_the_people_it_names;
    contacts_lookup(Store) => case_contacts_lookup;
    name_entries(Store) => case_name_entries;
    list_people_filters(Store) => case_list_people_filters;
    search(Store) => case_search;
    search_is_injection_safe(Store) => case_search_is_injection_safe;
    search_limit_counts_visible_people(Store) => case_search_limit_counts_visible_people;
    search_many_notes_do_not_hide_others(Store) => case_search_many_notes_do_not_hide_others;
    update_person(Store) => case_update_person;
    archive_and_restore(Store) => case_archive_and_restore;
    knows_links(Store) => case_knows_links;
    interactions_and_stats(Store) => case_interactions_and_stats;
    circle_members(Store) => case_circle_members;
    forget_person(Store) => case_forget_person;
    big_batch(Store) => case_big_batch;
    forward_reference_across_chunks(Store) => case_forward_reference_across_chunks;
    checkin_candidates(Store) => case_checkin_candidates;
    roles_basics_and_active_people(Store) => case_roles_basics_and_active_people;
    touches(Store) => case_touches;
    agenda_many_ids(Store) => case_agenda_many_ids;
    favour_flows(Store) => case_favour_flows;
    shared_contexts(Store) => case_shared_contexts;
    dates_and_life_events(Store) => case_dates_and_life_events;
    follow_ups(Store) => case_follow_ups;
    cadences(Store) => case_cadences;
    interactions_between(Store) => case_interactions_between;
    forget_person_agenda(Store) => case_forget_person_agenda;
    touches_count_each_participant_once(Store) => case_touches_count_each_participant_once;
    introductions(Store) => case_introductions;
    people_at(Store) => case_people_at;
    help_items(Store) => case_help_items;
    favours_ledger(Store) => case_favours_ledger;
    labels_and_goals(Store) => case_labels_and_goals;
    network_facets_and_shared_interactions(Store) => case_network_facets_and_shared_interactions;
}

// ---------------------------------------------------------------------------------------------
// Fixture: a small network using every kind of record.

/// 2026-01-01T00:00:00Z; stored instants have whole seconds.
const NOW: i64 = 1_767_225_600;
const DAY: i64 = 86_400;

fn at(days: i64) -> Timestamp {
    Timestamp::from_second(NOW + days * DAY).unwrap()
}

fn now() -> Timestamp {
    at(0)
}

fn new_id() -> Uuid {
    Uuid::now_v7()
}

fn person(name: &str) -> Person {
    Person {
        id: PersonId(new_id()),
        profile: PersonProfile::named(name),
        circles: Vec::new(),
        archived_at: None,
        snoozed_until: None,
        created_at: at(-100),
        updated_at: at(-50),
    }
}

fn strings(v: &[&str]) -> Vec<String> {
    v.iter().map(|s| (*s).to_owned()).collect()
}

fn facets(v: &[(&str, &str)]) -> BTreeMap<String, String> {
    v.iter()
        .map(|(k, v)| ((*k).to_owned(), (*v).to_owned()))
        .collect()
}

fn days(d: u32) -> Option<Cadence> {
    Some(Cadence::from_days(d).unwrap())
}

fn yearly(month: i32, day: i32, year: Option<i32>) -> YearlyDay {
    YearlyDay::new(month, day, year).unwrap()
}

fn link(x: PersonId, y: PersonId, strength: f64, source: KnowsSource) -> KnowsLink {
    KnowsLink::new(x, y, strength, source).unwrap()
}

#[allow(clippy::too_many_arguments)]
fn interaction(
    kind: InteractionKind,
    day: i64,
    minutes: Option<u32>,
    direction: Direction,
    with: &[PersonId],
    note: Option<&str>,
    event: Option<EventId>,
    source_key: Option<&str>,
) -> Interaction {
    let mut participants = with.to_vec();
    participants.sort();
    Interaction {
        id: InteractionId(new_id()),
        kind,
        occurred_at: at(day),
        minutes,
        direction,
        participants,
        note: note.map(str::to_owned),
        event,
        source_key: source_key.map(str::to_owned),
    }
}

/// The fixture network and the ids the cases look at.
struct World {
    batch: Batch,
    me: PersonId,
    zoe: PersonId,
    ben: PersonId,
    ana: PersonId,
    anabel: PersonId,
    dan: PersonId,
    percy: PersonId,
    climate: CircleId,
    old_team: CircleId,
    mentors: CircleId,
    empty: CircleId,
    /// zoe + ben, at -10d, at event `rustconf`.
    i_group: InteractionId,
    /// zoe alone, at -5d.
    i_zoe: InteractionId,
    /// ben alone, at -20d.
    i_ben: InteractionId,
    /// zoe + ana, at -1d.
    i_zoe_ana: InteractionId,
    /// ben + ana, at -30d.
    i_ben_ana: InteractionId,
    /// dan alone, at -3d.
    i_dan: InteractionId,
    note_zoe_old: NoteId,
    note_zoe_new: NoteId,
}

const ZOE_NOTE_OLD: &str = "Talked about ornithology and   Kubernetes operators.";
const ZOE_NOTE_NEW: &str = "Second note, deliberately long so that the excerpt is cut: she is moving the \
    whole team to a four-day week, wants feedback on the hiring plan, and asked for an intro to a seed fund.";

fn world() -> World {
    let climate = Circle {
        id: CircleId(new_id()),
        name: "Climate founders".into(),
        cadence: days(30),
    };
    let old_team = Circle {
        id: CircleId(new_id()),
        name: "Old team".into(),
        cadence: None,
    };
    let mentors = Circle {
        id: CircleId(new_id()),
        name: "Mentors & advisors".into(),
        cadence: days(90),
    };
    let empty = Circle {
        id: CircleId(new_id()),
        name: "Empty circle".into(),
        cadence: days(7),
    };

    let mut me = person("Sam Self");
    me.profile.tags = strings(&["climate"]);

    let mut ben = person("Ben Okoro");
    ben.profile.organisation = Some("Acme Corp".into());
    ben.profile.title = Some("Partner".into());
    ben.profile.emails = strings(&["ben@acme.example"]);
    ben.profile.phones = strings(&["0044 161 496 0000"]);
    ben.profile.tags = strings(&["investor"]);
    ben.profile.roles = vec![Role::Investor, Role::Advisor];
    ben.profile.facets = facets(&[("industry", "finance")]);
    ben.circles = strings(&["Climate founders", "Mentors & advisors"]);

    let mut zoe = person("Zoë Ångström");
    zoe.profile = PersonProfile {
        name: "Zoë Ångström".into(),
        nickname: Some("Zo".into()),
        emails: strings(&["Zoe@Example.com", "zoe.work@northwind.example"]),
        phones: strings(&["+44 20 7946 0958", "+1 (555) 010-1234"]),
        urls: strings(&["https://zoe.example", "https://linkedin.example/in/zoe"]),
        addresses: strings(&["1 Fjord Street, Oslo"]),
        organisation: Some("Northwind Software".into()),
        title: Some("CTO".into()),
        tags: strings(&["founder", "climate"]),
        interests: strings(&["sailing", "glaciers"]),
        expertise: strings(&["carbon accounting"]),
        values: strings(&["honesty"]),
        roles: vec![Role::Mentor, Role::Friend],
        facets: facets(&[("industry", "climate tech"), ("region", "nordics")]),
        cadence: days(30),
        met_at: Some("RustConf 2024, Montréal".into()),
        met_on: Some(date(2024, 9, 10)),
        introduced_by: Some(ben.id),
        summary: Some("Builds carbon accounting tools for shipping.".into()),
    };
    zoe.circles = strings(&["Climate founders", "Old team"]);
    zoe.snoozed_until = Some(date(2026, 2, 1));
    zoe.created_at = at(-400);
    zoe.updated_at = at(-3);

    let mut ana = person("Ana Lee");
    ana.profile.organisation = Some("ACME corp".into());
    ana.profile.emails = strings(&["ana@example.org"]);
    ana.profile.tags = strings(&["rust", "climate"]);
    ana.profile.roles = vec![Role::Peer];
    ana.profile.facets = facets(&[("industry", "climate tech"), ("region", "iberia")]);
    ana.profile.introduced_by = Some(zoe.id);
    ana.circles = strings(&["Old team"]);

    let mut anabel = person("Anabel Ruiz");
    anabel.profile.tags = strings(&["climate"]);
    anabel.profile.roles = vec![Role::Peer];
    anabel.profile.facets = facets(&[("industry", "climate tech")]);
    anabel.circles = strings(&["Climate founders"]);
    anabel.archived_at = Some(at(-30));

    let mut dan = person("Dan O'Brien");
    dan.profile.tags = strings(&["birds"]);
    dan.profile.roles = vec![Role::Friend];

    let percy = person("Percy 100% Real_Name");

    let n_zoe_old = Note {
        id: NoteId(new_id()),
        person: zoe.id,
        body: ZOE_NOTE_OLD.into(),
        created_at: at(-10),
    };
    let n_zoe_new = Note {
        id: NoteId(new_id()),
        person: zoe.id,
        body: ZOE_NOTE_NEW.into(),
        created_at: at(-2),
    };
    let n_dan = Note {
        id: NoteId(new_id()),
        person: dan.id,
        body: "Spotted a puffin colony near the harbour.".into(),
        created_at: at(-5),
    };
    let n_anabel = Note {
        id: NoteId(new_id()),
        person: anabel.id,
        body: "Anabel loves ornithology too.".into(),
        created_at: at(-40),
    };

    let rustconf = Event {
        id: EventId(new_id()),
        name: "RustConf 2026".into(),
        kind: EventKind::Conference,
        starts_at: at(-11),
        ends_at: Some(at(-9)),
        minutes: None,
        location: Some("Montréal".into()),
        organisation: Some("Rust Foundation".into()),
        note: Some("Great hallway track".into()),
        attended: true,
        attendees: vec![
            EventAttendee {
                person: zoe.id,
                met_there: true,
            },
            EventAttendee {
                person: ben.id,
                met_there: false,
            },
        ],
    };
    let meetup = Event {
        id: EventId(new_id()),
        name: "Climate meetup".into(),
        kind: EventKind::Meetup,
        starts_at: at(10),
        ends_at: None,
        minutes: Some(90),
        location: None,
        organisation: None,
        note: None,
        attended: false,
        attendees: vec![EventAttendee {
            person: ana.id,
            met_there: false,
        }],
    };

    use Direction::{Inbound, Mutual, Outbound};
    let i_group = interaction(
        InteractionKind::Meeting,
        -10,
        Some(60),
        Outbound,
        &[zoe.id, ben.id],
        Some("Planning the pilot"),
        Some(rustconf.id),
        None,
    );
    let i_zoe = interaction(
        InteractionKind::Call,
        -5,
        Some(30),
        Inbound,
        &[zoe.id],
        None,
        None,
        None,
    );
    let i_ben = interaction(
        InteractionKind::Email,
        -20,
        None,
        Outbound,
        &[ben.id],
        Some("Re: Fund II"),
        None,
        Some("msg-1@example"),
    );
    let i_zoe_ana = interaction(
        InteractionKind::Message,
        -1,
        None,
        Mutual,
        &[zoe.id, ana.id],
        None,
        None,
        None,
    );
    let i_ben_ana = interaction(
        InteractionKind::Meal,
        -30,
        Some(90),
        Mutual,
        &[ben.id, ana.id],
        Some("Dinner"),
        None,
        None,
    );
    let i_dan = interaction(
        InteractionKind::Video,
        -3,
        Some(15),
        Outbound,
        &[dan.id],
        None,
        None,
        Some("ics-42"),
    );

    let zoe_need = HelpItem {
        id: HelpItemId(new_id()),
        person: zoe.id,
        kind: HelpKind::Need,
        text: "a Rust mentor".into(),
        tags: strings(&["rust", "mentoring"]),
        status: HelpStatus::Open,
        created_at: at(-20),
        closed_at: None,
    };
    let ben_offer = HelpItem {
        id: HelpItemId(new_id()),
        person: ben.id,
        kind: HelpKind::Offer,
        text: "intros to climate VCs".into(),
        tags: strings(&["climate", "funding"]),
        status: HelpStatus::Fulfilled,
        created_at: at(-60),
        closed_at: Some(at(-6)),
    };

    let favour = |giver: PersonId, receiver: PersonId, kind: FavourKind, weight: u8| Favour {
        id: FavourId(new_id()),
        giver,
        receiver,
        kind,
        text: format!("{kind} favour"),
        weight,
        occurred_at: at(-7),
        for_need: None,
        thanked_at: None,
        thanked_in: None,
    };
    let mut ben_to_zoe = favour(ben.id, zoe.id, FavourKind::Advice, 2);
    ben_to_zoe.for_need = Some(zoe_need.id);
    ben_to_zoe.thanked_at = Some(at(-5));
    ben_to_zoe.thanked_in = Some(i_zoe.id);
    let me_to_ana = favour(me.id, ana.id, FavourKind::Time, 1);
    let mut ben_to_ana = favour(ben.id, ana.id, FavourKind::Referral, 3);
    ben_to_ana.thanked_in = Some(i_zoe.id);

    let batch = Batch {
        circles: vec![
            climate.clone(),
            old_team.clone(),
            mentors.clone(),
            empty.clone(),
        ],
        memberships: vec![(mentors.id, dan.id)],
        notes: vec![n_zoe_old.clone(), n_zoe_new.clone(), n_dan, n_anabel],
        interactions: vec![
            i_group.clone(),
            i_zoe.clone(),
            i_ben.clone(),
            i_zoe_ana.clone(),
            i_ben_ana.clone(),
            i_dan.clone(),
        ],
        knows: vec![
            link(zoe.id, ben.id, 0.8, KnowsSource::Explicit),
            link(ben.id, zoe.id, 0.4, KnowsSource::Derived),
            link(zoe.id, ana.id, 0.3, KnowsSource::Derived),
            link(ana.id, ben.id, 0.5, KnowsSource::Imported),
            link(ben.id, dan.id, 0.6, KnowsSource::Explicit),
        ],
        dates: vec![
            ImportantDate {
                id: DateId(new_id()),
                person: zoe.id,
                kind: DateKind::Anniversary,
                day: yearly(6, 1, None),
            },
            ImportantDate {
                id: DateId(new_id()),
                person: zoe.id,
                kind: DateKind::Birthday,
                day: yearly(4, 15, Some(1990)),
            },
            ImportantDate {
                id: DateId(new_id()),
                person: ben.id,
                kind: DateKind::Other("Name day".into()),
                day: yearly(2, 29, None),
            },
            ImportantDate {
                id: DateId(new_id()),
                person: ana.id,
                kind: DateKind::Birthday,
                day: yearly(2, 29, Some(2000)),
            },
        ],
        life_events: vec![
            LifeEvent {
                id: LifeEventId(new_id()),
                person: zoe.id,
                kind: LifeEventKind::NewJob,
                on: date(2025, 11, 1),
                note: Some("CTO at Northwind".into()),
                acknowledged_at: None,
            },
            LifeEvent {
                id: LifeEventId(new_id()),
                person: ben.id,
                kind: LifeEventKind::Move,
                on: date(2025, 6, 1),
                note: None,
                acknowledged_at: Some(at(-100)),
            },
        ],
        help_items: vec![zoe_need, ben_offer],
        favours: vec![ben_to_zoe, me_to_ana, ben_to_ana],
        introductions: vec![
            Introduction {
                id: IntroductionId(new_id()),
                a: zoe.id,
                b: ana.id,
                reason: Some("Both into glaciers".into()),
                status: IntroStatus::Suggested,
                suggested_at: at(-4),
                asked_a_at: None,
                asked_b_at: None,
                introduced_at: None,
                outcome: None,
                outcome_at: None,
                declined_at: None,
            },
            Introduction {
                id: IntroductionId(new_id()),
                a: ben.id,
                b: dan.id,
                reason: None,
                status: IntroStatus::Closed,
                suggested_at: at(-90),
                asked_a_at: Some(at(-89)),
                asked_b_at: Some(at(-88)),
                introduced_at: Some(at(-80)),
                outcome: Some(IntroOutcome::Met),
                outcome_at: Some(at(-60)),
                declined_at: None,
            },
        ],
        events: vec![rustconf, meetup],
        collaborations: vec![
            Collaboration {
                id: CollaborationId(new_id()),
                name: "Glacier app".into(),
                status: CollabStatus::Active,
                members: vec![zoe.id, ana.id],
                outcome: None,
                note: Some("Weekly sync".into()),
                created_at: at(-50),
                updated_at: at(-10),
            },
            Collaboration {
                id: CollaborationId(new_id()),
                name: "Fund II".into(),
                status: CollabStatus::Idea,
                members: vec![ben.id],
                outcome: None,
                note: None,
                created_at: at(-20),
                updated_at: at(-20),
            },
        ],
        goals: vec![
            Goal {
                id: GoalId(new_id()),
                owner: me.id,
                title: "5 check-ins a week".into(),
                metric: GoalMetric::CheckIns,
                target: 5,
                period: GoalPeriod::Week,
                facet_filter: Some("industry=!tech".into()),
                created_at: at(-30),
                closed_at: None,
            },
            Goal {
                id: GoalId(new_id()),
                owner: zoe.id,
                title: "Raise a seed round".into(),
                metric: GoalMetric::Freeform,
                target: 0,
                period: GoalPeriod::Year,
                facet_filter: None,
                created_at: at(-30),
                closed_at: None,
            },
        ],
        follow_ups: vec![
            FollowUp {
                id: FollowUpId(new_id()),
                person: zoe.id,
                due_on: date(2026, 1, 10),
                text: "Send the paper".into(),
                done_at: None,
                created_at: at(-2),
            },
            FollowUp {
                id: FollowUpId(new_id()),
                person: ben.id,
                due_on: date(2025, 12, 20),
                text: "Ask about Fund II".into(),
                done_at: Some(at(-3)),
                created_at: at(-20),
            },
        ],
        people: Vec::new(),
    };
    let ids = (me.id, zoe.id, ben.id, ana.id, anabel.id, dan.id, percy.id);
    let mut batch = batch;
    // ben before ana, so "Acme Corp" is the organisation's spelling.
    batch.people = vec![me, ben, zoe, ana, anabel, dan, percy];
    World {
        batch,
        me: ids.0,
        zoe: ids.1,
        ben: ids.2,
        ana: ids.3,
        anabel: ids.4,
        dan: ids.5,
        percy: ids.6,
        climate: climate.id,
        old_team: old_team.id,
        mentors: mentors.id,
        empty: empty.id,
        i_group: i_group.id,
        i_zoe: i_zoe.id,
        i_ben: i_ben.id,
        i_zoe_ana: i_zoe_ana.id,
        i_ben_ana: i_ben_ana.id,
        i_dan: i_dan.id,
        note_zoe_old: n_zoe_old.id,
        note_zoe_new: n_zoe_new.id,
    }
}

impl World {
    fn person(&self, id: PersonId) -> Person {
        self.batch
            .people
            .iter()
            .find(|p| p.id == id)
            .cloned()
            .unwrap()
    }

    fn interaction(&self, id: InteractionId) -> Interaction {
        self.batch
            .interactions
            .iter()
            .find(|i| i.id == id)
            .cloned()
            .unwrap()
    }
}

/// What `counts()` must say right after the fixture is written.
fn world_counts() -> Counts {
    Counts {
        people: 7,
        archived: 1,
        organisations: 3,
        circles: 4,
        notes: 4,
        interactions: 6,
        knows: 4,
        dates: 4,
        life_events: 2,
        help_items: 2,
        favours: 3,
        introductions: 2,
        events: 2,
        collaborations: 2,
        goals: 2,
        follow_ups: 2,
    }
}

/// Writes the fixture and records "me".
async fn seeded(store: &Store) -> Result<World, StoreError> {
    let w = world();
    store.write(&w.batch, now()).await?;
    store.set_me(w.me).await?;
    Ok(w)
}

/// The person as the store gives it back: circles by name.
fn as_stored(mut p: Person) -> Person {
    p.circles.sort_by_key(|c| kithkin_core::text::name_key(c));
    p
}

fn assert_same_person(got: &Person, want: &Person) {
    let (g, w) = (&got.profile, &want.profile);
    assert_eq!(got.id, want.id, "id");
    assert_eq!(g.name, w.name, "name");
    assert_eq!(g.nickname, w.nickname, "nickname");
    assert_eq!(g.emails, w.emails, "emails");
    assert_eq!(g.phones, w.phones, "phones");
    assert_eq!(g.urls, w.urls, "urls");
    assert_eq!(g.addresses, w.addresses, "addresses");
    assert_eq!(g.organisation, w.organisation, "organisation");
    assert_eq!(g.title, w.title, "title");
    assert_eq!(g.tags, w.tags, "tags");
    assert_eq!(g.interests, w.interests, "interests");
    assert_eq!(g.expertise, w.expertise, "expertise");
    assert_eq!(g.values, w.values, "values");
    assert_eq!(g.roles, w.roles, "roles");
    assert_eq!(g.facets, w.facets, "facets");
    assert_eq!(g.cadence, w.cadence, "cadence");
    assert_eq!(g.met_at, w.met_at, "met_at");
    assert_eq!(g.met_on, w.met_on, "met_on");
    assert_eq!(g.introduced_by, w.introduced_by, "introduced_by");
    assert_eq!(g.summary, w.summary, "summary");
    assert_eq!(got.circles, want.circles, "circles");
    assert_eq!(got.archived_at, want.archived_at, "archived_at");
    assert_eq!(got.snoozed_until, want.snoozed_until, "snoozed_until");
    assert_eq!(got.created_at, want.created_at, "created_at");
    assert_eq!(got.updated_at, want.updated_at, "updated_at");
    assert_eq!(got, want, "whole person");
}

fn ids_of(summaries: &[PersonSummary]) -> Vec<PersonId> {
    summaries.iter().map(|s| s.id).collect()
}

fn hit_set(hits: &[kithkin_store::SearchHit]) -> BTreeSet<PersonId> {
    hits.iter().map(|h| h.person).collect()
}

async fn expect_search(store: &Store, query: &str, want: &[PersonId]) -> TestResult {
    let hits = store.search(query, 20).await?;
    let want: BTreeSet<PersonId> = want.iter().copied().collect();
    assert_eq!(hit_set(&hits), want, "search {query:?} found {hits:?}");
    assert_eq!(
        hits.len(),
        want.len(),
        "search {query:?} gives one hit per person: {hits:?}"
    );
    Ok(())
}

// ---------------------------------------------------------------------------------------------
// 1. Opening, reopening, migrations.

async fn case_open_creates_schema_and_reopens(db: &TestDb) -> TestResult {
    let store = db.open().await?;
    assert_eq!(
        store.counts().await?,
        Counts::default(),
        "a new database is empty"
    );
    assert_eq!(store.me().await?, None);
    assert!(
        store
            .list_people(&PeopleFilter::default())
            .await?
            .is_empty()
    );
    assert!(store.circles().await?.is_empty());
    assert_eq!(
        store.backend_name(),
        if db.kind == Kind::Sqlite {
            "sqlite"
        } else {
            "postgres"
        }
    );
    let w = seeded(&store).await?;
    store.close().await;

    let migrations = db.scalar("SELECT COUNT(*) FROM _sqlx_migrations").await?;
    assert!(migrations >= 1, "migrations are recorded");
    assert_eq!(
        db.scalar("SELECT COUNT(*) FROM _sqlx_migrations WHERE success = TRUE")
            .await?,
        migrations
    );

    // Reopen several times: data kept, nothing migrated again.
    for _ in 0..3 {
        let store = db.open().await?;
        assert_eq!(store.counts().await?, world_counts());
        assert_eq!(store.me().await?, Some(w.me));
        let zoe = store.person(w.zoe).await?.expect("zoe kept");
        assert_same_person(&zoe, &as_stored(w.person(w.zoe)));
        store.close().await;
        assert_eq!(
            db.scalar("SELECT COUNT(*) FROM _sqlx_migrations").await?,
            migrations,
            "idempotent"
        );
    }

    // Two stores on one existing database at once.
    let (a, b) = tokio::join!(db.open(), db.open());
    let (a, b) = (a?, b?);
    assert_eq!(a.counts().await?, b.counts().await?);
    a.close().await;
    b.close().await;
    Ok(())
}

async fn case_concurrent_first_open(db: &TestDb) -> TestResult {
    // Two processes starting at once on a database that does not exist yet.
    let (a, b) = tokio::join!(db.open(), db.open());
    let (a, b) = match (a, b) {
        (Ok(a), Ok(b)) => (a, b),
        (a, b) => {
            let a_err = a.as_ref().err().map(ToString::to_string);
            let b_err = b.as_ref().err().map(ToString::to_string);
            if let Ok(s) = a {
                s.close().await;
            }
            if let Ok(s) = b {
                s.close().await;
            }
            panic!("concurrent first open failed: {a_err:?} / {b_err:?}");
        }
    };
    a.write(&world().batch, now()).await?;
    assert_eq!(b.counts().await?, world_counts());
    a.close().await;
    b.close().await;
    let migrations = db.scalar("SELECT COUNT(*) FROM _sqlx_migrations").await?;
    let store = db.open().await?;
    store.close().await;
    assert_eq!(
        db.scalar("SELECT COUNT(*) FROM _sqlx_migrations").await?,
        migrations
    );
    Ok(())
}

// 13. A database written by a newer Kithkin is refused, untouched.
async fn case_newer_schema_is_refused(db: &TestDb) -> TestResult {
    let store = db.open().await?;
    let w = seeded(&store).await?;
    store.close().await;
    let known = db
        .scalar("SELECT MAX(version) FROM _sqlx_migrations")
        .await?;

    let inserted = match db.kind {
        Kind::Sqlite => {
            db.execute(
                "INSERT INTO _sqlx_migrations (version, description, installed_on, success, checksum, execution_time) \
                 VALUES (9999, 'from the future', CURRENT_TIMESTAMP, TRUE, X'00', 0)",
            )
            .await?
        }
        Kind::Postgres => {
            db.execute(
                "INSERT INTO _sqlx_migrations (version, description, installed_on, success, checksum, execution_time) \
                 VALUES (9999, 'from the future', now(), TRUE, decode('00', 'hex'), 0)",
            )
            .await?
        }
    };
    assert_eq!(inserted, 1);
    let bytes_before = db.path.as_ref().map(|p| std::fs::read(p).unwrap());

    for _ in 0..2 {
        match db.open().await {
            Err(StoreError::NewerSchema { found, supported }) => {
                assert_eq!(found, 9999);
                assert_eq!(
                    supported, known,
                    "supported is the newest migration this build knows"
                );
            }
            Err(other) => panic!("expected NewerSchema, got {other:?}"),
            Ok(s) => {
                s.close().await;
                panic!("a database from a newer kithkin was opened");
            }
        }
    }
    // Untouched: the data, the migrations table, and (SQLite) the file itself.
    assert_eq!(db.scalar("SELECT COUNT(*) FROM people").await?, 7);
    assert_eq!(db.scalar("SELECT COUNT(*) FROM notes").await?, 4);
    assert_eq!(
        db.scalar("SELECT MAX(version) FROM _sqlx_migrations")
            .await?,
        9999
    );
    if let (Some(path), Some(before)) = (&db.path, bytes_before) {
        assert_eq!(
            std::fs::read(path)?,
            before,
            "the refused file's bytes are unchanged"
        );
        let dir = path.parent().ok_or("no parent directory")?;
        let mut names: Vec<String> = std::fs::read_dir(dir)?
            .map(|e| e.map(|e| e.file_name().to_string_lossy().into_owned()))
            .collect::<Result<_, _>>()?;
        names.sort();
        assert_eq!(
            names,
            vec!["kithkin.db".to_owned()],
            "no -wal or -shm left by the refusal"
        );
    }

    // Once the future row is gone, the database opens again with its data.
    assert_eq!(
        db.execute("DELETE FROM _sqlx_migrations WHERE version = 9999")
            .await?,
        1
    );
    let store = db.open().await?;
    assert_eq!(store.counts().await?, world_counts());
    assert!(store.person(w.zoe).await?.is_some());
    store.close().await;
    Ok(())
}

// ---------------------------------------------------------------------------------------------
// 2. A batch of every kind of record, read back.

async fn case_batch_roundtrip(store: &Store) -> TestResult {
    let w = seeded(store).await?;
    assert_eq!(store.counts().await?, world_counts());
    assert_eq!(store.me().await?, Some(w.me));

    // Every person, field by field; lists keep their order, circles come back by name.
    for p in &w.batch.people {
        let got = store
            .person(p.id)
            .await?
            .unwrap_or_else(|| panic!("{} missing", p.profile.name));
        let mut want = as_stored(p.clone());
        if p.id == w.ana {
            // One organisation per folded name: the first spelling written wins.
            want.profile.organisation = Some("Acme Corp".into());
        }
        if p.id == w.dan {
            // Joined through the batch's memberships.
            want.circles = strings(&["Mentors & advisors"]);
        }
        assert_same_person(&got, &want);
    }
    assert_eq!(store.person(PersonId(new_id())).await?, None);

    // Notes, newest first.
    let notes = store.notes_of(w.zoe, 10).await?;
    assert_eq!(
        notes.iter().map(|n| n.id).collect::<Vec<_>>(),
        vec![w.note_zoe_new, w.note_zoe_old]
    );
    assert_eq!(notes[1].body, ZOE_NOTE_OLD);
    assert_eq!(notes[1].created_at, at(-10));
    assert_eq!(store.notes_of(w.zoe, 1).await?.len(), 1);
    assert!(store.notes_of(w.percy, 10).await?.is_empty());

    // Dates, with and without a year, 29 February included, by day of the year.
    let zoe_dates = store.dates_of(w.zoe).await?;
    let summary: Vec<(DateKind, YearlyDay)> =
        zoe_dates.iter().map(|d| (d.kind.clone(), d.day)).collect();
    assert_eq!(
        summary,
        vec![
            (DateKind::Birthday, yearly(4, 15, Some(1990))),
            (DateKind::Anniversary, yearly(6, 1, None))
        ]
    );
    let want_ben: Vec<ImportantDate> = w
        .batch
        .dates
        .iter()
        .filter(|d| d.person == w.ben)
        .cloned()
        .collect();
    assert_eq!(store.dates_of(w.ben).await?, want_ben);
    let want_ana: Vec<ImportantDate> = w
        .batch
        .dates
        .iter()
        .filter(|d| d.person == w.ana)
        .cloned()
        .collect();
    assert_eq!(store.dates_of(w.ana).await?, want_ana);

    // Circles with their cadence.
    let circles = store.circles().await?;
    let names: Vec<&str> = circles.iter().map(|c| c.circle.name.as_str()).collect();
    assert_eq!(
        names,
        vec![
            "Climate founders",
            "Empty circle",
            "Mentors & advisors",
            "Old team"
        ]
    );
    let want_circles: Vec<Circle> = {
        let mut c = w.batch.circles.clone();
        c.sort_by_key(|c| c.name.to_lowercase());
        c
    };
    assert_eq!(
        circles.iter().map(|c| c.circle.clone()).collect::<Vec<_>>(),
        want_circles
    );
    assert_eq!(
        store.circle_by_name("OLD TEAM").await?.map(|c| c.id),
        Some(w.old_team)
    );
    assert_eq!(store.circle_by_name("nope").await?, None);

    // Interactions come back as written.
    let interactions = store.interactions_of(w.zoe, 100).await?;
    assert!(interactions.contains(&w.interaction(w.i_group)));
    Ok(())
}

async fn case_batch_is_all_or_nothing(store: &Store) -> TestResult {
    let w = seeded(store).await?;

    // A person in a circle that does not exist: nothing of the batch is written.
    let mut stray = person("Stray Person");
    stray.circles = strings(&["No such circle"]);
    let lone = person("Lone Person");
    let bad = Batch {
        people: vec![lone.clone(), stray],
        notes: vec![Note {
            id: NoteId(new_id()),
            person: lone.id,
            body: "x".into(),
            created_at: now(),
        }],
        ..Batch::default()
    };
    match store.write(&bad, now()).await {
        Err(StoreError::Missing { what, id }) => {
            assert_eq!(what, "circle");
            assert_eq!(id, "No such circle");
        }
        other => panic!("expected a missing circle, got {other:?}"),
    }
    assert_eq!(store.counts().await?, world_counts());
    assert_eq!(store.person(lone.id).await?, None);

    // A circle whose name is already taken (without case): refused, nothing written.
    let dup = Batch {
        circles: vec![Circle {
            id: CircleId(new_id()),
            name: "climate FOUNDERS".into(),
            cadence: None,
        }],
        people: vec![person("Another Person")],
        ..Batch::default()
    };
    assert!(
        store.write(&dup, now()).await.is_err(),
        "duplicate circle name accepted"
    );
    assert_eq!(store.counts().await?, world_counts());

    // An interaction with an unknown person: refused, nothing written.
    let ghost = Batch {
        people: vec![person("Real Person")],
        interactions: vec![interaction(
            InteractionKind::Call,
            -1,
            None,
            Direction::Mutual,
            &[PersonId(new_id())],
            None,
            None,
            None,
        )],
        ..Batch::default()
    };
    assert!(
        store.write(&ghost, now()).await.is_err(),
        "interaction with an unknown person accepted"
    );
    assert_eq!(store.counts().await?, world_counts());

    // An empty batch is fine.
    store.write(&Batch::default(), now()).await?;
    assert_eq!(store.counts().await?, world_counts());
    assert!(store.person(w.zoe).await?.is_some());
    Ok(())
}

// ---------------------------------------------------------------------------------------------
// 3. Contact lookups.

async fn case_contacts_lookup(store: &Store) -> TestResult {
    let w = seeded(store).await?;
    for q in [
        "Zoe@Example.com",
        "zoe@example.com",
        "ZOE@EXAMPLE.COM",
        "  zoe@example.com ",
        "ZOE.WORK@northwind.example",
    ] {
        assert_eq!(store.people_by_email(q).await?, vec![w.zoe], "email {q:?}");
    }
    assert_eq!(
        store.people_by_email("BEN@acme.example").await?,
        vec![w.ben]
    );
    assert!(
        store
            .people_by_email("nobody@example.com")
            .await?
            .is_empty()
    );
    assert!(store.people_by_email("zoe").await?.is_empty());

    for q in [
        "+44 20 7946 0958",
        "+442079460958",
        "0044 20 7946 0958",
        "+44 (20) 7946-0958",
        " +44.20.7946.0958 ",
    ] {
        assert_eq!(store.people_by_phone(q).await?, vec![w.zoe], "phone {q:?}");
    }
    assert_eq!(store.people_by_phone("+1 555 010 1234").await?, vec![w.zoe]);
    assert_eq!(store.people_by_phone("+44 161 4960000").await?, vec![w.ben]);
    assert!(store.people_by_phone("2079460958").await?.is_empty());
    assert!(store.people_by_phone("+44 20 7946 0959").await?.is_empty());

    // Two people sharing an address are both found, once each.
    let mut twin = person("Zoe Twin");
    twin.profile.emails = strings(&["zoe@EXAMPLE.com"]);
    store
        .write(
            &Batch {
                people: vec![twin.clone()],
                ..Batch::default()
            },
            now(),
        )
        .await?;
    let mut both = store.people_by_email("zoe@example.com").await?;
    both.sort();
    let mut want = vec![w.zoe, twin.id];
    want.sort();
    assert_eq!(both, want);
    Ok(())
}

// ---------------------------------------------------------------------------------------------
// 4. Name entries.

async fn case_name_entries(store: &Store) -> TestResult {
    let w = seeded(store).await?;
    let key_set = |entries: &[kithkin_core::resolve::NameEntry]| -> BTreeSet<PersonId> {
        entries.iter().map(|e| e.id).collect()
    };

    let all = store.name_entries(None).await?;
    assert_eq!(all.len(), 7, "everyone, me and archived included");
    let zoe = all.iter().find(|e| e.id == w.zoe).unwrap();
    assert_eq!(zoe.name, "Zoë Ångström");
    assert_eq!(zoe.key, "zoe angstrom");
    let percy = all.iter().find(|e| e.id == w.percy).unwrap();
    assert_eq!(percy.key, "percy 100 real name");

    let set = |ids: &[PersonId]| ids.iter().copied().collect::<BTreeSet<_>>();
    assert_eq!(
        key_set(&store.name_entries(Some("ana")).await?),
        set(&[w.ana, w.anabel])
    );
    assert_eq!(
        key_set(&store.name_entries(Some("ana l")).await?),
        set(&[w.ana])
    );
    assert_eq!(
        key_set(&store.name_entries(Some("lee")).await?),
        set(&[w.ana])
    );
    assert_eq!(
        key_set(&store.name_entries(Some("angstrom")).await?),
        set(&[w.zoe])
    );
    assert_eq!(
        key_set(&store.name_entries(Some("o brien")).await?),
        set(&[w.dan])
    );
    assert_eq!(
        key_set(&store.name_entries(Some("100 real")).await?),
        set(&[w.percy])
    );
    assert_eq!(key_set(&store.name_entries(Some("")).await?), key_set(&all));
    assert!(store.name_entries(Some("nobody")).await?.is_empty());

    // Folded names are lowercase, so the fragment is compared without case, on both backends.
    assert_eq!(
        key_set(&store.name_entries(Some("ZOE")).await?),
        set(&[w.zoe])
    );
    assert_eq!(
        key_set(&store.name_entries(Some("Ana L")).await?),
        set(&[w.ana])
    );

    // LIKE wildcards are literal.
    for fragment in [
        "%",
        "_",
        "%%",
        "a_e",
        "a%e",
        "100%",
        "real_name",
        "\\",
        "\\%",
        "_%_",
    ] {
        let got = store.name_entries(Some(fragment)).await?;
        assert!(got.is_empty(), "fragment {fragment:?} matched {got:?}");
    }
    // Someone whose folded name really contains a backslash cannot exist (fold drops it), but
    // a name with a `%` typed in it folds to a name without it.
    assert_eq!(
        key_set(&store.name_entries(Some("y 1")).await?),
        set(&[w.percy])
    );
    Ok(())
}

// ---------------------------------------------------------------------------------------------
// 5. Listing people.

async fn case_list_people_filters(store: &Store) -> TestResult {
    let w = seeded(store).await?;
    let list = |f: PeopleFilter| async move { store.list_people(&f).await.map(|v| ids_of(&v)) };

    // By folded name: "ana lee" < "anabel ruiz" < "ben okoro" < "dan o brien" < "percy…" <
    // "sam self" < "zoe angstrom".
    assert_eq!(
        list(PeopleFilter::default()).await?,
        vec![w.ana, w.ben, w.dan, w.percy, w.zoe]
    );
    assert_eq!(
        list(PeopleFilter {
            include_me: true,
            ..Default::default()
        })
        .await?,
        vec![w.ana, w.ben, w.dan, w.percy, w.me, w.zoe]
    );
    assert_eq!(
        list(PeopleFilter {
            include_archived: true,
            ..Default::default()
        })
        .await?,
        vec![w.ana, w.anabel, w.ben, w.dan, w.percy, w.zoe]
    );
    assert_eq!(
        list(PeopleFilter {
            include_archived: true,
            include_me: true,
            ..Default::default()
        })
        .await?,
        vec![w.ana, w.anabel, w.ben, w.dan, w.percy, w.me, w.zoe]
    );

    // Tags (normalised like stored labels; several tags mean any of them).
    let tags = |t: &[&str]| PeopleFilter {
        tags: strings(t),
        ..Default::default()
    };
    assert_eq!(list(tags(&["climate"])).await?, vec![w.ana, w.zoe]);
    assert_eq!(list(tags(&["  Climate "])).await?, vec![w.ana, w.zoe]);
    assert_eq!(
        list(tags(&["investor", "birds"])).await?,
        vec![w.ben, w.dan]
    );
    assert_eq!(
        list(PeopleFilter {
            include_me: true,
            ..tags(&["climate"])
        })
        .await?,
        vec![w.ana, w.me, w.zoe]
    );
    assert_eq!(
        list(PeopleFilter {
            include_me: true,
            include_archived: true,
            ..tags(&["climate"])
        })
        .await?,
        vec![w.ana, w.anabel, w.me, w.zoe]
    );
    assert!(list(tags(&["nope"])).await?.is_empty());

    // Circles by name, without case.
    let circles = |c: &[&str]| PeopleFilter {
        circles: strings(c),
        ..Default::default()
    };
    assert_eq!(
        list(circles(&["climate FOUNDERS"])).await?,
        vec![w.ben, w.zoe]
    );
    assert_eq!(
        list(PeopleFilter {
            include_archived: true,
            ..circles(&["Climate founders"])
        })
        .await?,
        vec![w.anabel, w.ben, w.zoe]
    );
    assert_eq!(
        list(circles(&["old team", "Mentors & Advisors"])).await?,
        vec![w.ana, w.ben, w.dan, w.zoe]
    );
    assert!(list(circles(&["Empty circle"])).await?.is_empty());
    assert!(list(circles(&["no such circle"])).await?.is_empty());

    // Facets: each pair must hold.
    let fac = |f: &[(&str, &str)]| PeopleFilter {
        facets: f
            .iter()
            .map(|(k, v)| ((*k).to_owned(), (*v).to_owned()))
            .collect(),
        ..Default::default()
    };
    assert_eq!(
        list(fac(&[("industry", "Climate Tech")])).await?,
        vec![w.ana, w.zoe]
    );
    assert_eq!(
        list(fac(&[("industry", "climate tech"), ("region", "nordics")])).await?,
        vec![w.zoe]
    );
    assert!(
        list(fac(&[("industry", "climate tech"), ("region", "mars")]))
            .await?
            .is_empty()
    );
    assert!(
        list(fac(&[("region", "finance")])).await?.is_empty(),
        "value of another key"
    );

    // Roles: any of them.
    let roles = |r: &[Role]| PeopleFilter {
        roles: r.to_vec(),
        ..Default::default()
    };
    assert_eq!(list(roles(&[Role::Peer])).await?, vec![w.ana]);
    assert_eq!(
        list(PeopleFilter {
            include_archived: true,
            ..roles(&[Role::Peer])
        })
        .await?,
        vec![w.ana, w.anabel]
    );
    assert_eq!(
        list(roles(&[Role::Mentor, Role::Investor])).await?,
        vec![w.ben, w.zoe]
    );
    assert!(list(roles(&[Role::Family])).await?.is_empty());

    // Combinations: AND between kinds.
    assert_eq!(
        list(PeopleFilter {
            circles: strings(&["old team"]),
            ..tags(&["climate"])
        })
        .await?,
        vec![w.ana, w.zoe]
    );
    assert_eq!(
        list(PeopleFilter {
            roles: vec![Role::Mentor],
            ..tags(&["climate"])
        })
        .await?,
        vec![w.zoe]
    );
    assert_eq!(
        list(PeopleFilter {
            facets: vec![("industry".into(), "finance".into())],
            ..circles(&["climate founders"])
        })
        .await?,
        vec![w.ben]
    );
    assert!(
        list(PeopleFilter {
            roles: vec![Role::Investor],
            ..tags(&["climate"])
        })
        .await?
        .is_empty()
    );
    assert_eq!(
        list(PeopleFilter {
            tags: strings(&["climate", "rust"]),
            circles: strings(&["Old team"]),
            facets: vec![("region".into(), "iberia".into())],
            roles: vec![Role::Peer],
            include_archived: true,
            include_me: true,
            limit: Some(10),
        })
        .await?,
        vec![w.ana]
    );

    // Limits.
    let limit = |n: usize| PeopleFilter {
        limit: Some(n),
        ..Default::default()
    };
    assert_eq!(list(limit(2)).await?, vec![w.ana, w.ben]);
    assert!(list(limit(0)).await?.is_empty());
    assert_eq!(
        list(limit(5000)).await?,
        vec![w.ana, w.ben, w.dan, w.percy, w.zoe]
    );
    assert_eq!(
        list(PeopleFilter {
            limit: Some(1),
            ..tags(&["climate"])
        })
        .await?,
        vec![w.ana]
    );

    // Summaries carry organisation, title, tags and roles (in order), with and without a limit.
    let want_ana = PersonSummary {
        id: w.ana,
        name: "Ana Lee".into(),
        organisation: Some("Acme Corp".into()),
        title: None,
        tags: strings(&["rust", "climate"]),
        roles: vec![Role::Peer],
        archived: false,
    };
    let want_zoe = PersonSummary {
        id: w.zoe,
        name: "Zoë Ångström".into(),
        organisation: Some("Northwind Software".into()),
        title: Some("CTO".into()),
        tags: strings(&["founder", "climate"]),
        roles: vec![Role::Mentor, Role::Friend],
        archived: false,
    };
    let want_anabel = PersonSummary {
        id: w.anabel,
        name: "Anabel Ruiz".into(),
        organisation: None,
        title: None,
        tags: strings(&["climate"]),
        roles: vec![Role::Peer],
        archived: true,
    };
    for lim in [None, Some(1), Some(3), Some(999), Some(1000), Some(100_000)] {
        let got = store
            .list_people(&PeopleFilter {
                include_archived: true,
                limit: lim,
                ..Default::default()
            })
            .await?;
        assert_eq!(got.first(), Some(&want_ana), "limit {lim:?}");
        if lim.is_none_or(|l| l >= 2) {
            assert_eq!(got.get(1), Some(&want_anabel), "limit {lim:?}");
        }
        if lim.is_none_or(|l| l >= 7) {
            assert_eq!(got.last(), Some(&want_zoe), "limit {lim:?}");
            let percy = got.iter().find(|s| s.id == w.percy).unwrap();
            assert!(percy.tags.is_empty() && percy.roles.is_empty());
        }
    }
    let got = store
        .list_people(&PeopleFilter {
            tags: strings(&["climate"]),
            limit: Some(5),
            ..Default::default()
        })
        .await?;
    assert_eq!(got, vec![want_ana.clone(), want_zoe.clone()]);
    Ok(())
}

// ---------------------------------------------------------------------------------------------
// 6. Search.

/// A batch large enough for the bulk path (rows bound into prepared statements on SQLite, its
/// checkpoint left to another connection) that fails after thousands of rows are in: nothing
/// of it stays, not even in the search index, and the store goes on working.
async fn case_large_batch_failing_midway_writes_nothing(store: &Store) -> TestResult {
    let w = seeded(store).await?;
    let people: Vec<Person> = (0..1500)
        .map(|i| {
            let mut p = person(&format!("Bulkperson {i:04}"));
            p.profile.emails = vec![format!("bulk{i}@example.org")];
            p
        })
        .collect();
    let mut notes: Vec<Note> = people
        .iter()
        .map(|p| Note {
            id: NoteId(new_id()),
            person: p.id,
            body: format!("zebrafinch talk with {}", p.profile.name),
            created_at: now(),
        })
        .collect();
    // the last note names nobody: the whole batch is refused, naming them
    let nobody = PersonId(new_id());
    notes.push(Note {
        id: NoteId(new_id()),
        person: nobody,
        body: "orphan".into(),
        created_at: now(),
    });
    let bad = Batch {
        people: people.clone(),
        notes,
        ..Batch::default()
    };
    match store.write(&bad, now()).await {
        Err(StoreError::Missing { what: "person", id }) if id == nobody.to_string() => {}
        other => panic!("expected the note naming nobody to be refused, got {other:?}"),
    }
    assert_eq!(store.counts().await?, world_counts());
    assert_eq!(store.person(people[0].id).await?, None);
    expect_search(store, "bulkperson", &[]).await?;
    expect_search(store, "zebrafinch", &[]).await?;

    // the same batch without the stray note is written whole, and found
    let good = Batch {
        notes: bad.notes[..1500].to_vec(),
        ..bad
    };
    store.write(&good, now()).await?;
    let mut want = world_counts();
    want.people += 1500;
    want.notes += 1500;
    assert_eq!(store.counts().await?, want);
    expect_search(store, "bulkperson 0007", &[people[7].id]).await?;
    expect_search(store, "zebrafinch 1499", &[people[1499].id]).await?;
    expect_search(store, "bulk1234@example.org", &[people[1234].id]).await?;
    // and the people written before it are still found
    expect_search(store, "okoro", &[w.ben]).await?;
    Ok(())
}

/// A large batch of people with notes and dates (what a contact import writes) is checked for
/// the people it names outside itself, all or nothing; other records stay checked by the
/// database, before and after such a batch.
async fn case_large_contact_batch_checks_the_people_it_names(store: &Store) -> TestResult {
    let w = seeded(store).await?;
    let people: Vec<Person> = (0..1200)
        .map(|i| person(&format!("Checkperson {i:04}")))
        .collect();
    let date = |person: PersonId| ImportantDate {
        id: DateId(new_id()),
        person,
        kind: DateKind::Birthday,
        day: yearly(3, 4, None),
    };
    let note = |person: PersonId| Note {
        id: NoteId(new_id()),
        person,
        body: "checked note".into(),
        created_at: now(),
    };
    let contacts = |extra: fn(&mut Batch, PersonId)| {
        let mut b = Batch {
            people: people.clone(),
            dates: people.iter().map(|p| date(p.id)).collect(),
            ..Batch::default()
        };
        extra(&mut b, PersonId(new_id()));
        b
    };
    let refused: [(&str, Batch); 3] = [
        (
            "a date",
            contacts(|b, nobody| {
                b.dates.push(ImportantDate {
                    person: nobody,
                    ..b.dates[0].clone()
                })
            }),
        ),
        (
            "a note",
            contacts(|b, nobody| {
                b.notes.push(Note {
                    id: NoteId(new_id()),
                    person: nobody,
                    body: "x".into(),
                    created_at: Timestamp::UNIX_EPOCH,
                })
            }),
        ),
        (
            "an introducer",
            contacts(|b, nobody| b.people[600].profile.introduced_by = Some(nobody)),
        ),
    ];
    for (what, batch) in refused {
        let named: Vec<PersonId> = batch
            .dates
            .iter()
            .map(|d| d.person)
            .chain(batch.notes.iter().map(|n| n.person))
            .chain(batch.people.iter().filter_map(|p| p.profile.introduced_by))
            .filter(|id| !people.iter().any(|p| p.id == *id))
            .collect();
        match store.write(&batch, now()).await {
            Err(StoreError::Missing { what: "person", id })
                if named.iter().any(|n| n.to_string() == id) => {}
            other => panic!("{what} naming nobody: expected the batch refused, got {other:?}"),
        }
        assert_eq!(
            store.counts().await?,
            world_counts(),
            "{what} naming nobody wrote something"
        );
    }
    // the database's own checks are on again for every connection: an interaction naming
    // nobody is refused by it, however many connections the pool hands out
    for _ in 0..8 {
        let stray = Batch {
            interactions: vec![interaction(
                InteractionKind::Call,
                -1,
                None,
                Direction::Outbound,
                &[w.ben, w.ghost()],
                None,
                None,
                None,
            )],
            ..Batch::default()
        };
        match store.write(&stray, now()).await {
            Err(StoreError::Database(_)) => {}
            other => panic!("expected the database to refuse the interaction, got {other:?}"),
        }
    }
    // people already stored may be named: notes and dates for them, an introducer among them
    let mut good = contacts(|_, _| {});
    good.people[7].profile.introduced_by = Some(w.ben);
    good.notes = vec![note(w.zoe), note(people[3].id)];
    good.dates.push(date(w.dan));
    store.write(&good, now()).await?;
    let mut want = world_counts();
    want.people += 1200;
    want.notes += 2;
    want.dates += 1201;
    assert_eq!(store.counts().await?, want);
    let introduced = store
        .person(people[7].id)
        .await?
        .map(|p| p.profile.introduced_by);
    assert_eq!(introduced, Some(Some(w.ben)));
    expect_search(store, "checkperson 0042", &[people[42].id]).await?;
    Ok(())
}

async fn case_search(store: &Store) -> TestResult {
    let w = seeded(store).await?;

    // Names, accents and case folded, from either side.
    for q in [
        "zoe",
        "Zoë",
        "ZOE",
        "angstrom",
        "Ångström",
        "zoë ångström",
        "ANGSTROM zoe",
    ] {
        let hits = store.search(q, 10).await?;
        assert_eq!(hit_set(&hits), [w.zoe].into(), "search {q:?}: {hits:?}");
        assert_eq!(hits[0].name, "Zoë Ångström");
        assert_eq!(hits[0].matched, Matched::Profile, "search {q:?}");
    }
    // Organisation, tag, interest, expertise, role, facet value, title, summary, how we met.
    expect_search(store, "northwind", &[w.zoe]).await?;
    expect_search(store, "acme", &[w.ben, w.ana]).await?;
    expect_search(store, "founder", &[w.zoe]).await?;
    expect_search(store, "sailing", &[w.zoe]).await?;
    expect_search(store, "carbon accounting", &[w.zoe]).await?;
    expect_search(store, "investor", &[w.ben]).await?;
    expect_search(store, "nordics", &[w.zoe]).await?;
    expect_search(store, "partner", &[w.ben]).await?;
    expect_search(store, "montreal", &[w.zoe]).await?;
    expect_search(store, "shipping", &[w.zoe]).await?;
    expect_search(store, "birds", &[w.dan]).await?;
    expect_search(store, "o'brien", &[w.dan]).await?;

    // A word in a note: the note is what matched, with the start of its text.
    let hits = store.search("ornithology", 10).await?;
    assert_eq!(
        hits.len(),
        1,
        "archived Anabel's note is not found: {hits:?}"
    );
    assert_eq!(hits[0].person, w.zoe);
    assert_eq!(
        hits[0].matched,
        Matched::Note {
            note: w.note_zoe_old,
            excerpt: "Talked about ornithology and Kubernetes operators.".into()
        }
    );
    let hits = store.search("hiring plan", 10).await?;
    assert_eq!(hits.len(), 1);
    match &hits[0].matched {
        Matched::Note { note, excerpt } => {
            assert_eq!(*note, w.note_zoe_new);
            assert!(
                excerpt.ends_with('…'),
                "long note excerpt is cut: {excerpt:?}"
            );
            assert_eq!(excerpt.chars().count(), 121);
            assert!(
                ZOE_NOTE_NEW
                    .split_whitespace()
                    .collect::<Vec<_>>()
                    .join(" ")
                    .starts_with(excerpt.trim_end_matches('…'))
            );
        }
        other => panic!("expected a note match, got {other:?}"),
    }
    expect_search(store, "puffin", &[w.dan]).await?;

    // Word prefixes.
    expect_search(store, "clim", &[w.zoe, w.ana, w.me]).await?;
    expect_search(store, "orni", &[w.zoe]).await?;
    expect_search(store, "north", &[w.zoe]).await?;
    expect_search(store, "kube", &[w.zoe]).await?;

    // Several words: all must match (in one document).
    expect_search(store, "zoe climate", &[w.zoe]).await?;
    expect_search(store, "acme rust", &[w.ana]).await?;
    expect_search(store, "acme investor", &[w.ben]).await?;
    expect_search(store, "zoe puffin", &[]).await?;
    expect_search(store, "ben nordics", &[]).await?;

    // Archived people are not found, by profile or note.
    expect_search(store, "anabel", &[]).await?;
    expect_search(store, "ruiz", &[]).await?;

    // Nothing to search for.
    for q in ["", "   ", "!!!", "... --- ...", "()[]{}", "\"'", "–—…"] {
        assert!(store.search(q, 10).await?.is_empty(), "{q:?}");
    }
    expect_search(store, "nonexistentword", &[]).await?;

    // Limits.
    assert_eq!(store.search("clim", 2).await?.len(), 2);
    assert!(store.search("clim", 0).await?.is_empty());

    // Email addresses are in the profile document.
    expect_search(store, "ben@acme.example", &[w.ben]).await?;
    Ok(())
}

async fn case_search_is_injection_safe(store: &Store) -> TestResult {
    let w = seeded(store).await?;
    let nasty = [
        "\"",
        "'",
        "''",
        "zoe\"",
        "\"zoe",
        "zoe' OR 1=1 --",
        "'; DROP TABLE people; --",
        "*",
        "zoe*",
        "*zoe",
        ":",
        "a:b",
        "folded:zoe",
        "zoe:*",
        "'zoe':*",
        "&",
        "zoe & ben",
        "zoe && ben",
        "|",
        "zoe | ben",
        "!zoe",
        "!",
        "(zoe",
        "zoe)",
        "NEAR(zoe ben)",
        "zoe NOT ben",
        "AND",
        "OR",
        "NOT",
        "zoe AND",
        "^zoe",
        "-zoe",
        "+zoe",
        "+",
        "#",
        "@",
        "@@",
        "c++",
        "c#",
        "a + b",
        "<->",
        "zoe <-> ben",
        "\\",
        "\\'",
        "zoe\\",
        "%",
        "_",
        "{zoe}",
        "zoe;",
        "$1",
        "?",
        "\0",
        "zoe\u{0}ben",
        "🙂",
        "王",
        "ﬁsh",
    ];
    for q in nasty {
        if let Err(e) = store.search(q, 10).await {
            panic!("search {q:?} failed: {e}");
        }
    }
    // Quotes, stars and operators are not operators: they are dropped like other punctuation.
    for q in [
        "\"zoe\"", "zoe*", "'zoe':*", "zoe;", "(zoe", "zoe)", "{zoe}", "^zoe", "-zoe",
    ] {
        expect_search(store, q, &[w.zoe]).await?;
    }
    expect_search(store, "zoe' OR 1=1 --", &[]).await?;
    expect_search(store, "zoe | ben", &[]).await?;
    // The store is still intact.
    assert_eq!(store.counts().await?, world_counts());
    Ok(())
}

async fn case_search_limit_counts_visible_people(store: &Store) -> TestResult {
    // Many archived people who match better (short documents) than the one who is not archived.
    let mut people: Vec<Person> = (0..120)
        .map(|i| {
            let mut p = person(&format!("Fenwick {i}"));
            p.archived_at = Some(at(-1));
            p
        })
        .collect();
    let mut active = person("Fenwick Visible");
    active.profile.tags = (0..40).map(|i| format!("padding{i}")).collect();
    active.profile.summary =
        Some("A long summary that makes this document rank below the others. ".repeat(10));
    people.push(active.clone());
    store
        .write(
            &Batch {
                people,
                ..Batch::default()
            },
            now(),
        )
        .await?;
    for limit in [1, 5, 10] {
        let hits = store.search("fenwick", limit).await?;
        assert_eq!(
            hit_set(&hits),
            [active.id].into(),
            "limit {limit}: {hits:?}"
        );
    }
    Ok(())
}

async fn case_search_many_notes_do_not_hide_others(store: &Store) -> TestResult {
    // One person with many short matching notes, another whose (long) profile matches.
    let chatty = person("Chatty Person");
    let mut quiet = person("Quiet Person");
    quiet.profile.summary = Some(format!(
        "{} cormorant",
        "Lots of unrelated words here. ".repeat(20)
    ));
    let notes: Vec<Note> = (0..100)
        .map(|i| Note {
            id: NoteId(new_id()),
            person: chatty.id,
            body: format!("cormorant {i}"),
            created_at: at(-i),
        })
        .collect();
    store
        .write(
            &Batch {
                people: vec![chatty.clone(), quiet.clone()],
                notes,
                ..Batch::default()
            },
            now(),
        )
        .await?;
    for limit in [2, 5, 10] {
        let hits = store.search("cormorant", limit).await?;
        assert_eq!(
            hit_set(&hits),
            [chatty.id, quiet.id].into(),
            "limit {limit}: {hits:?}"
        );
    }
    Ok(())
}

// ---------------------------------------------------------------------------------------------
// 7. Updating a person.

async fn case_update_person(store: &Store) -> TestResult {
    let w = seeded(store).await?;
    let mut zoe = store.person(w.zoe).await?.unwrap();
    zoe.profile.name = "Zoë Ångström-Berg".into();
    zoe.profile.nickname = None;
    zoe.profile.emails = strings(&["zoe@fjord.example"]);
    zoe.profile.phones = Vec::new();
    zoe.profile.urls = strings(&["https://fjord.example/zoe"]);
    zoe.profile.addresses = Vec::new();
    zoe.profile.organisation = Some("Fjord Labs".into());
    zoe.profile.title = None;
    zoe.profile.tags = strings(&["kayaking", "advisor"]);
    zoe.profile.interests = strings(&["glaciers"]);
    zoe.profile.expertise = Vec::new();
    zoe.profile.values = strings(&["curiosity", "honesty"]);
    zoe.profile.roles = vec![Role::Collaborator];
    zoe.profile.facets = facets(&[("industry", "robotics")]);
    zoe.profile.cadence = days(14);
    zoe.profile.met_at = None;
    zoe.profile.met_on = None;
    zoe.profile.introduced_by = Some(w.dan);
    zoe.profile.summary = Some("Now building underwater drones.".into());
    zoe.circles = strings(&["Mentors & advisors"]);
    zoe.snoozed_until = None;
    zoe.updated_at = at(1);
    store.update_person(&zoe).await?;

    let got = store.person(w.zoe).await?.unwrap();
    assert_same_person(&got, &zoe);
    assert_eq!(got.created_at, at(-400), "created_at kept");

    // New organisation, old one kept (others may use it).
    let mut want_counts = world_counts();
    want_counts.organisations += 1;
    assert_eq!(store.counts().await?, want_counts);

    // Contacts replaced.
    assert!(store.people_by_email("zoe@example.com").await?.is_empty());
    assert_eq!(
        store.people_by_email("ZOE@fjord.example").await?,
        vec![w.zoe]
    );
    assert!(store.people_by_phone("+442079460958").await?.is_empty());

    // Search document replaced; notes still found.
    expect_search(store, "founder", &[]).await?;
    expect_search(store, "northwind", &[]).await?;
    expect_search(store, "nordics", &[]).await?;
    expect_search(store, "kayaking", &[w.zoe]).await?;
    expect_search(store, "fjord", &[w.zoe]).await?;
    expect_search(store, "drones", &[w.zoe]).await?;
    expect_search(store, "berg", &[w.zoe]).await?;
    expect_search(store, "ornithology", &[w.zoe]).await?;
    assert_eq!(
        store.search("zoe", 10).await?.len(),
        1,
        "one profile document after the update"
    );

    // Labels, facets, circles replaced in lists.
    let list = |f: PeopleFilter| async move { store.list_people(&f).await.map(|v| ids_of(&v)) };
    assert_eq!(
        list(PeopleFilter {
            tags: strings(&["climate"]),
            ..Default::default()
        })
        .await?,
        vec![w.ana]
    );
    assert_eq!(
        list(PeopleFilter {
            tags: strings(&["kayaking"]),
            ..Default::default()
        })
        .await?,
        vec![w.zoe]
    );
    assert_eq!(
        list(PeopleFilter {
            roles: vec![Role::Mentor],
            ..Default::default()
        })
        .await?,
        Vec::<PersonId>::new()
    );
    assert_eq!(
        list(PeopleFilter {
            facets: vec![("industry".into(), "robotics".into())],
            ..Default::default()
        })
        .await?,
        vec![w.zoe]
    );
    assert!(
        list(PeopleFilter {
            facets: vec![("region".into(), "nordics".into())],
            ..Default::default()
        })
        .await?
        .is_empty()
    );
    assert_eq!(
        list(PeopleFilter {
            circles: strings(&["old team"]),
            ..Default::default()
        })
        .await?,
        vec![w.ana]
    );
    assert_eq!(
        list(PeopleFilter {
            circles: strings(&["mentors & advisors"]),
            ..Default::default()
        })
        .await?,
        vec![w.ben, w.dan, w.zoe]
    );
    let names = store.name_entries(Some("berg")).await?;
    assert_eq!(names.len(), 1);
    assert_eq!(names[0].key, "zoe angstrom berg");

    // An update to an unknown circle is refused and changes nothing.
    let mut bad = got.clone();
    bad.profile.tags = strings(&["changed"]);
    bad.circles = strings(&["No such circle"]);
    assert!(matches!(
        store.update_person(&bad).await,
        Err(StoreError::Missing { what: "circle", .. })
    ));
    assert_same_person(&store.person(w.zoe).await?.unwrap(), &zoe);

    // Updating someone who does not exist.
    let mut ghost = person("Ghost");
    ghost.profile.organisation = Some("Ghost Org".into());
    match store.update_person(&ghost).await {
        Err(StoreError::Missing { what, id }) => {
            assert_eq!(what, "person");
            assert_eq!(id, ghost.id.to_string());
        }
        other => panic!("expected Missing, got {other:?}"),
    }
    assert_eq!(
        store.counts().await?,
        want_counts,
        "a failed update creates no organisation"
    );
    assert_eq!(store.person(ghost.id).await?, None);
    Ok(())
}

// ---------------------------------------------------------------------------------------------
// 8. Archiving.

async fn case_archive_and_restore(store: &Store) -> TestResult {
    let w = seeded(store).await?;
    let members = |circles: Vec<kithkin_store::CircleSummary>, id: CircleId| {
        circles
            .iter()
            .find(|c| c.circle.id == id)
            .map(|c| c.members)
            .unwrap()
    };
    assert_eq!(members(store.circles().await?, w.climate), 2);

    store.set_archived(w.zoe, Some(at(-1)), now()).await?;
    let zoe = store.person(w.zoe).await?.unwrap();
    assert_eq!(zoe.archived_at, Some(at(-1)));
    assert_eq!(zoe.updated_at, now());
    assert_eq!(store.counts().await?.archived, 2);
    assert!(!ids_of(&store.list_people(&PeopleFilter::default()).await?).contains(&w.zoe));
    let all = store
        .list_people(&PeopleFilter {
            include_archived: true,
            ..Default::default()
        })
        .await?;
    assert!(all.iter().any(|s| s.id == w.zoe && s.archived));
    expect_search(store, "zoe", &[]).await?;
    expect_search(store, "ornithology", &[]).await?;
    assert_eq!(members(store.circles().await?, w.climate), 1);
    assert_eq!(members(store.circles().await?, w.old_team), 1);

    store.set_archived(w.zoe, None, at(1)).await?;
    let zoe = store.person(w.zoe).await?.unwrap();
    assert_eq!(zoe.archived_at, None);
    assert_eq!(zoe.updated_at, at(1));
    assert_eq!(store.counts().await?.archived, 1);
    assert!(ids_of(&store.list_people(&PeopleFilter::default()).await?).contains(&w.zoe));
    expect_search(store, "zoe", &[w.zoe]).await?;
    assert_eq!(members(store.circles().await?, w.climate), 2);

    // Restoring Anabel brings her (and her note) back.
    store.set_archived(w.anabel, None, now()).await?;
    expect_search(store, "anabel", &[w.anabel]).await?;
    expect_search(store, "ornithology", &[w.zoe, w.anabel]).await?;
    assert_eq!(members(store.circles().await?, w.climate), 3);

    let ghost = PersonId(new_id());
    assert!(matches!(
        store.set_archived(ghost, Some(now()), now()).await,
        Err(StoreError::Missing { what: "person", .. })
    ));
    Ok(())
}

// ---------------------------------------------------------------------------------------------
// 9. Knows links.

async fn case_knows_links(store: &Store) -> TestResult {
    let w = seeded(store).await?;
    let zoe_ben = link(w.zoe, w.ben, 0.8, KnowsSource::Explicit);
    let zoe_ana = link(w.zoe, w.ana, 0.3, KnowsSource::Derived);
    let ana_ben = link(w.ana, w.ben, 0.5, KnowsSource::Imported);
    let ben_dan = link(w.ben, w.dan, 0.6, KnowsSource::Explicit);

    // Twice in one batch: the stronger stays.
    assert_eq!(
        store.knows_of(w.zoe).await?,
        vec![zoe_ben, zoe_ana],
        "strongest first"
    );
    assert_eq!(
        store.knows_of(w.ben).await?,
        vec![zoe_ben, ben_dan, ana_ben]
    );
    assert!(store.knows_of(w.percy).await?.is_empty());
    let mut all = vec![zoe_ben, zoe_ana, ana_ben, ben_dan];
    all.sort_by_key(|l| (l.a, l.b));
    assert_eq!(store.all_knows().await?, all);

    // Again in later batches: a weaker link does not replace a stronger one, a stronger does.
    let later = Batch {
        knows: vec![
            link(w.ben, w.zoe, 0.2, KnowsSource::Derived),
            link(w.ana, w.zoe, 0.9, KnowsSource::Imported),
            link(w.ana, w.zoe, 0.7, KnowsSource::Explicit),
            link(w.percy, w.dan, 0.1, KnowsSource::Derived),
        ],
        ..Batch::default()
    };
    store.write(&later, now()).await?;
    let zoe_ana_strong = link(w.zoe, w.ana, 0.9, KnowsSource::Imported);
    let percy_dan = link(w.percy, w.dan, 0.1, KnowsSource::Derived);
    assert_eq!(store.knows_of(w.zoe).await?, vec![zoe_ana_strong, zoe_ben]);
    assert_eq!(store.knows_of(w.percy).await?, vec![percy_dan]);
    assert_eq!(store.counts().await?.knows, 5);

    // set_knows says exactly: weaker values and other sources overwrite.
    let weaker = link(w.ben, w.zoe, 0.1, KnowsSource::Explicit);
    store.set_knows(&weaker, now()).await?;
    assert_eq!(store.knows_of(w.zoe).await?, vec![zoe_ana_strong, weaker]);
    let zero = link(w.ana, w.ben, 0.0, KnowsSource::Explicit);
    store.set_knows(&zero, now()).await?;
    assert!(store.knows_of(w.ana).await?.contains(&zero));
    let new = link(w.me, w.percy, 1.0, KnowsSource::Explicit);
    store.set_knows(&new, now()).await?;
    assert_eq!(store.knows_of(w.me).await?, vec![new]);

    let mut all = vec![zoe_ana_strong, weaker, zero, ben_dan, percy_dan, new];
    all.sort_by_key(|l| (l.a, l.b));
    assert_eq!(store.all_knows().await?, all);
    assert_eq!(store.counts().await?.knows, 6);
    Ok(())
}

// ---------------------------------------------------------------------------------------------
// 10. Interactions and contact statistics.

async fn case_interactions_and_stats(store: &Store) -> TestResult {
    let w = seeded(store).await?;
    let get = |id| w.interaction(id);

    assert_eq!(
        store.interactions_of(w.zoe, 10).await?,
        vec![get(w.i_zoe_ana), get(w.i_zoe), get(w.i_group)]
    );
    assert_eq!(
        store.interactions_of(w.zoe, 2).await?,
        vec![get(w.i_zoe_ana), get(w.i_zoe)]
    );
    assert_eq!(
        store.interactions_of(w.ben, 10).await?,
        vec![get(w.i_group), get(w.i_ben), get(w.i_ben_ana)]
    );
    assert_eq!(
        store.interactions_of(w.ana, 10).await?,
        vec![get(w.i_zoe_ana), get(w.i_ben_ana)]
    );
    assert_eq!(store.interactions_of(w.dan, 10).await?, vec![get(w.i_dan)]);
    assert!(store.interactions_of(w.percy, 10).await?.is_empty());
    assert!(store.interactions_of(w.zoe, 0).await?.is_empty());
    let group = &store.interactions_of(w.ben, 1).await?[0];
    assert_eq!(
        group.participants.len(),
        2,
        "all participants, not just the one asked about"
    );

    let stats = |p, n, first, last| ContactStats {
        person: p,
        interactions: n,
        first_at: at(first),
        last_at: at(last),
    };
    assert_eq!(
        store.contact_stats_of(w.zoe).await?,
        Some(stats(w.zoe, 3, -10, -1))
    );
    assert_eq!(
        store.contact_stats_of(w.ben).await?,
        Some(stats(w.ben, 3, -30, -10))
    );
    assert_eq!(
        store.contact_stats_of(w.ana).await?,
        Some(stats(w.ana, 2, -30, -1))
    );
    assert_eq!(
        store.contact_stats_of(w.dan).await?,
        Some(stats(w.dan, 1, -3, -3))
    );
    assert_eq!(store.contact_stats_of(w.percy).await?, None);
    assert_eq!(store.contact_stats_of(PersonId(new_id())).await?, None);

    let mut all = store.contact_stats().await?;
    all.sort_by_key(|s| s.person);
    let mut want = vec![
        stats(w.zoe, 3, -10, -1),
        stats(w.ben, 3, -30, -10),
        stats(w.ana, 2, -30, -1),
        stats(w.dan, 1, -3, -3),
    ];
    want.sort_by_key(|s| s.person);
    assert_eq!(all, want);

    // A duplicate participant is recorded once.
    let dup = interaction(
        InteractionKind::Call,
        2,
        None,
        Direction::Inbound,
        &[w.percy, w.percy],
        None,
        None,
        None,
    );
    store
        .write(
            &Batch {
                interactions: vec![dup.clone()],
                ..Batch::default()
            },
            now(),
        )
        .await?;
    assert_eq!(
        store.contact_stats_of(w.percy).await?,
        Some(stats(w.percy, 1, 2, 2))
    );
    let got = store.interactions_of(w.percy, 10).await?;
    assert_eq!(got.len(), 1);
    assert_eq!(got[0].participants, vec![w.percy]);

    // Names of people, unknown ids left out.
    let ghost = PersonId(new_id());
    let names = store.names_of(&[w.zoe, w.ben, ghost, w.zoe]).await?;
    let want: HashMap<PersonId, String> = [
        (w.zoe, "Zoë Ångström".to_owned()),
        (w.ben, "Ben Okoro".to_owned()),
    ]
    .into_iter()
    .collect();
    assert_eq!(names, want);
    assert!(store.names_of(&[]).await?.is_empty());
    Ok(())
}

// ---------------------------------------------------------------------------------------------
// 11. Circle membership.

async fn case_circle_members(store: &Store) -> TestResult {
    let w = seeded(store).await?;
    let counts = || async {
        store.circles().await.map(|v| {
            v.into_iter()
                .map(|c| (c.circle.name, c.members))
                .collect::<Vec<_>>()
        })
    };
    let want = |c: i64, e: i64, m: i64, o: i64| {
        vec![
            ("Climate founders".to_owned(), c),
            ("Empty circle".to_owned(), e),
            ("Mentors & advisors".to_owned(), m),
            ("Old team".to_owned(), o),
        ]
    };
    // Anabel (archived) is in Climate founders but not counted; Dan joined Mentors through
    // the batch's memberships.
    assert_eq!(counts().await?, want(2, 0, 2, 2));

    assert_eq!(store.add_members(w.empty, &[w.zoe, w.ben]).await?, 2);
    assert_eq!(
        store.add_members(w.empty, &[w.zoe, w.dan]).await?,
        1,
        "zoe was already in"
    );
    assert_eq!(store.add_members(w.empty, &[w.dan, w.dan]).await?, 0);
    assert_eq!(store.add_members(w.empty, &[]).await?, 0);
    assert_eq!(counts().await?, want(2, 3, 2, 2));
    assert_eq!(
        store.add_members(w.empty, &[w.anabel]).await?,
        1,
        "archived people can be members"
    );
    assert_eq!(counts().await?, want(2, 3, 2, 2), "but are not counted");

    let zoe = store.person(w.zoe).await?.unwrap();
    assert_eq!(
        zoe.circles,
        strings(&["Climate founders", "Empty circle", "Old team"])
    );
    let listed = store
        .list_people(&PeopleFilter {
            circles: strings(&["empty circle"]),
            ..Default::default()
        })
        .await?;
    assert_eq!(ids_of(&listed), vec![w.ben, w.dan, w.zoe]);

    assert_eq!(
        store.remove_members(w.empty, &[w.zoe, w.ana]).await?,
        1,
        "ana was not a member"
    );
    assert_eq!(store.remove_members(w.empty, &[w.zoe]).await?, 0);
    assert_eq!(store.remove_members(w.empty, &[]).await?, 0);
    assert_eq!(
        store
            .remove_members(w.empty, &[w.ben, w.dan, w.anabel])
            .await?,
        3
    );
    assert_eq!(counts().await?, want(2, 0, 2, 2));
    assert_eq!(store.remove_members(w.climate, &[w.anabel]).await?, 1);
    assert_eq!(counts().await?, want(2, 0, 2, 2));
    assert_eq!(store.remove_members(w.mentors, &[w.dan]).await?, 1);
    assert_eq!(counts().await?, want(2, 0, 1, 2));

    // Unknown circles have no members to remove.
    assert_eq!(store.remove_members(CircleId(new_id()), &[w.zoe]).await?, 0);
    // Everyone's profile still lists only their circles.
    let ben = store.person(w.ben).await?.unwrap();
    assert_eq!(
        ben.circles,
        strings(&["Climate founders", "Mentors & advisors"])
    );
    Ok(())
}

// ---------------------------------------------------------------------------------------------
// 12. Forgetting a person.

async fn case_forget_person(store: &Store) -> TestResult {
    let w = seeded(store).await?;
    let ben_before = store.person(w.ben).await?.unwrap();
    let dan_before = store.person(w.dan).await?.unwrap();
    let dan_notes = store.notes_of(w.dan, 10).await?;
    let ben_dates = store.dates_of(w.ben).await?;

    let erasure = store.forget_person(w.zoe).await?;
    assert_eq!(
        erasure,
        Erasure {
            name: "Zoë Ångström".into(),
            notes: 2,
            interactions_deleted: 1,
            interactions_left: 2,
            dates: 2,
            life_events: 1,
            help_items: 1,
            favours: 1,
            introductions: 1,
            knows: 2,
            follow_ups: 1,
            goals: 1,
            // 2 circles, 1 event, 1 collaboration
            memberships: 4,
            // 2 emails, 2 phones, 2 urls, 1 address; 2 tags, 2 interests, 1 expertise, 1 value,
            // 2 roles; 2 facets
            profile_fields: 17,
        }
    );
    assert_eq!(
        store.counts().await?,
        Counts {
            people: 6,
            archived: 1,
            organisations: 3,
            circles: 4,
            notes: 2,
            interactions: 5,
            knows: 2,
            dates: 2,
            life_events: 1,
            help_items: 1,
            favours: 2,
            introductions: 1,
            events: 2,
            collaborations: 2,
            goals: 1,
            follow_ups: 1,
        }
    );

    // Nothing about her is left.
    assert_eq!(store.person(w.zoe).await?, None);
    assert!(store.notes_of(w.zoe, 10).await?.is_empty());
    assert!(store.interactions_of(w.zoe, 10).await?.is_empty());
    assert!(store.dates_of(w.zoe).await?.is_empty());
    assert!(store.knows_of(w.zoe).await?.is_empty());
    assert_eq!(store.contact_stats_of(w.zoe).await?, None);
    assert!(
        store
            .contact_stats()
            .await?
            .iter()
            .all(|s| s.person != w.zoe)
    );
    assert!(
        store
            .all_knows()
            .await?
            .iter()
            .all(|l| l.a != w.zoe && l.b != w.zoe)
    );
    assert!(store.people_by_email("zoe@example.com").await?.is_empty());
    assert!(store.people_by_phone("+442079460958").await?.is_empty());
    assert!(store.name_entries(Some("zoe")).await?.is_empty());
    assert!(store.names_of(&[w.zoe]).await?.is_empty());
    for q in [
        "zoe",
        "angstrom",
        "northwind",
        "founder",
        "sailing",
        "ornithology",
        "kubernetes",
        "hiring",
    ] {
        expect_search(store, q, &[]).await?;
    }

    // A group interaction keeps the others; the one with her alone is gone.
    let ben_interactions = store.interactions_of(w.ben, 10).await?;
    let mut group = w.interaction(w.i_group);
    group.participants = vec![w.ben];
    assert_eq!(
        ben_interactions,
        vec![group, w.interaction(w.i_ben), w.interaction(w.i_ben_ana)]
    );
    let mut zoe_ana = w.interaction(w.i_zoe_ana);
    zoe_ana.participants = vec![w.ana];
    assert_eq!(
        store.interactions_of(w.ana, 10).await?,
        vec![zoe_ana, w.interaction(w.i_ben_ana)]
    );
    assert_eq!(
        store.contact_stats_of(w.ben).await?.map(|s| s.interactions),
        Some(3)
    );

    // Others are untouched, except that she no longer introduced anyone.
    assert_eq!(store.person(w.ben).await?.unwrap(), ben_before);
    assert_eq!(store.person(w.dan).await?.unwrap(), dan_before);
    assert_eq!(store.notes_of(w.dan, 10).await?, dan_notes);
    assert_eq!(store.dates_of(w.ben).await?, ben_dates);
    let ana = store.person(w.ana).await?.unwrap();
    assert_eq!(ana.profile.introduced_by, None);
    assert_eq!(ana.profile.tags, strings(&["rust", "climate"]));
    assert_eq!(
        store.knows_of(w.ben).await?,
        vec![
            link(w.ben, w.dan, 0.6, KnowsSource::Explicit),
            link(w.ana, w.ben, 0.5, KnowsSource::Imported)
        ]
    );
    expect_search(store, "puffin", &[w.dan]).await?;
    expect_search(store, "acme", &[w.ben, w.ana]).await?;
    let circles: Vec<(String, i64)> = store
        .circles()
        .await?
        .into_iter()
        .map(|c| (c.circle.name, c.members))
        .collect();
    assert_eq!(
        circles,
        vec![
            ("Climate founders".to_owned(), 1),
            ("Empty circle".to_owned(), 0),
            ("Mentors & advisors".to_owned(), 2),
            ("Old team".to_owned(), 1)
        ]
    );
    assert_eq!(
        ids_of(&store.list_people(&PeopleFilter::default()).await?),
        vec![w.ana, w.ben, w.dan, w.percy]
    );

    // Forgetting again, or someone unknown.
    for id in [w.zoe, PersonId(new_id())] {
        match store.forget_person(id).await {
            Err(StoreError::Missing { what, id: got }) => {
                assert_eq!(what, "person");
                assert_eq!(got, id.to_string());
            }
            other => panic!("expected Missing, got {other:?}"),
        }
    }

    // Forgetting "me" clears the setting.
    store.forget_person(w.me).await?;
    assert_eq!(store.me().await?, None);
    assert_eq!(store.counts().await?.goals, 0);
    assert_eq!(store.counts().await?.favours, 1);
    Ok(())
}

// ---------------------------------------------------------------------------------------------
// 15. Big batches go through multi-row chunking.

const BIG_PEOPLE: usize = 3_000;
const BIG_INTERACTIONS: usize = 20_000;

async fn case_big_batch(store: &Store) -> TestResult {
    let started = std::time::Instant::now();
    let circles: Vec<Circle> = (0..10)
        .map(|i| Circle {
            id: CircleId(new_id()),
            name: format!("Circle {i}"),
            cadence: days(30 + i),
        })
        .collect();
    let mut people = Vec::with_capacity(BIG_PEOPLE);
    for i in 0..BIG_PEOPLE {
        let mut p = person(&format!("Person {i:05}"));
        p.profile.organisation = Some(format!("Org {}", i % 50));
        p.profile.emails = vec![format!("p{i}@example.com")];
        p.profile.phones = vec![format!("+1 555 {i:07}")];
        p.profile.tags = vec![
            format!("tag{}", i % 7),
            format!("group{}", i % 13),
            "everyone".to_owned(),
        ];
        p.profile.roles = vec![Role::ALL[i % Role::ALL.len()]];
        p.profile.facets = facets(&[("industry", ["tech", "health", "finance"][i % 3])]);
        p.circles = vec![format!("Circle {}", i % 10)];
        people.push(p);
    }
    let ids: Vec<PersonId> = people.iter().map(|p| p.id).collect();
    let mut interactions = Vec::with_capacity(BIG_INTERACTIONS);
    let mut participant_rows = 0usize;
    for i in 0..BIG_INTERACTIONS {
        let a = ids[i % BIG_PEOPLE];
        let b = ids[(i * 7 + 1) % BIG_PEOPLE];
        let with: Vec<PersonId> = if i % 3 == 0 || a == b {
            vec![a]
        } else {
            vec![a, b]
        };
        participant_rows += with.len();
        interactions.push(interaction(
            InteractionKind::ALL[i % InteractionKind::ALL.len()],
            -((i % 700) as i64),
            Some(15),
            Direction::Mutual,
            &with,
            None,
            None,
            Some(format!("src-{i}").as_str()),
        ));
    }
    let notes: Vec<Note> = (0..BIG_PEOPLE)
        .map(|i| Note {
            id: NoteId(new_id()),
            person: ids[i],
            body: format!("note number {i} about zanzibar{}", i % 10),
            created_at: at(-((i % 300) as i64)),
        })
        .collect();
    let mut knows = Vec::new();
    for i in 0..BIG_PEOPLE {
        for step in [1, 17] {
            knows.push(link(
                ids[i],
                ids[(i + step) % BIG_PEOPLE],
                0.5,
                KnowsSource::Derived,
            ));
        }
    }
    let dates: Vec<ImportantDate> = (0..BIG_PEOPLE)
        .map(|i| ImportantDate {
            id: DateId(new_id()),
            person: ids[i],
            kind: DateKind::Birthday,
            day: yearly((i % 12) as i32 + 1, (i % 28) as i32 + 1, None),
        })
        .collect();
    let batch = Batch {
        circles,
        people,
        notes,
        interactions,
        knows: knows.clone(),
        dates,
        ..Batch::default()
    };
    store.write(&batch, now()).await?;
    let written = started.elapsed();

    let counts = store.counts().await?;
    assert_eq!(
        counts,
        Counts {
            people: BIG_PEOPLE as i64,
            organisations: 50,
            circles: 10,
            notes: BIG_PEOPLE as i64,
            interactions: BIG_INTERACTIONS as i64,
            knows: (BIG_PEOPLE * 2) as i64,
            dates: BIG_PEOPLE as i64,
            ..Counts::default()
        }
    );
    let stats = store.contact_stats().await?;
    assert_eq!(
        stats.iter().map(|s| s.interactions).sum::<i64>(),
        participant_rows as i64
    );
    assert_eq!(store.all_knows().await?.len(), BIG_PEOPLE * 2);

    let everyone = store.list_people(&PeopleFilter::default()).await?;
    assert_eq!(everyone.len(), BIG_PEOPLE);
    assert_eq!(everyone[0].name, "Person 00000");
    assert!(
        everyone
            .iter()
            .all(|s| s.tags.len() == 3 && s.roles.len() == 1 && s.organisation.is_some())
    );
    let tagged = store
        .list_people(&PeopleFilter {
            tags: strings(&["tag3"]),
            ..Default::default()
        })
        .await?;
    assert_eq!(tagged.len(), (0..BIG_PEOPLE).filter(|i| i % 7 == 3).count());
    let in_circle = store
        .list_people(&PeopleFilter {
            circles: strings(&["circle 4"]),
            limit: Some(50),
            ..Default::default()
        })
        .await?;
    assert_eq!(in_circle.len(), 50);
    assert!(in_circle.iter().all(|s| s.tags.len() == 3));
    let circles = store.circles().await?;
    assert!(
        circles
            .iter()
            .all(|c| c.members == (BIG_PEOPLE / 10) as i64)
    );

    assert_eq!(store.names_of(&ids).await?.len(), BIG_PEOPLE);
    assert_eq!(store.name_entries(None).await?.len(), BIG_PEOPLE);
    assert_eq!(
        store.people_by_email("P2999@example.com").await?,
        vec![ids[2999]]
    );
    assert_eq!(
        store.search("zanzibar7", 1000).await?.len(),
        BIG_PEOPLE / 10
    );
    let last = store.person(ids[BIG_PEOPLE - 1]).await?.unwrap();
    assert_eq!(
        last.circles,
        vec![format!("Circle {}", (BIG_PEOPLE - 1) % 10)]
    );

    // Writing the same links again (weaker) changes nothing.
    let weaker: Vec<KnowsLink> = knows
        .iter()
        .map(|l| KnowsLink {
            strength: 0.1,
            ..*l
        })
        .collect();
    store
        .write(
            &Batch {
                knows: weaker,
                ..Batch::default()
            },
            now(),
        )
        .await?;
    assert!(store.all_knows().await?.iter().all(|l| l.strength == 0.5));

    eprintln!(
        "[{}] big batch: wrote {BIG_PEOPLE} people, {BIG_INTERACTIONS} interactions in {} ms",
        store.backend_name(),
        written.as_millis()
    );
    Ok(())
}

async fn case_forward_reference_across_chunks(store: &Store) -> TestResult {
    // More people than one multi-row statement holds on either backend (SQLite 2,133 and
    // PostgreSQL 4,333 rows of 15 columns), the first introduced by the last.
    const N: usize = 4_500;
    let mut people: Vec<Person> = (0..N).map(|i| person(&format!("Chunk {i:05}"))).collect();
    let last = people[N - 1].id;
    let first = people[0].id;
    people[0].profile.introduced_by = Some(last);
    people[N - 1].profile.introduced_by = Some(first);
    store
        .write(
            &Batch {
                people,
                ..Batch::default()
            },
            now(),
        )
        .await?;
    assert_eq!(store.counts().await?.people, N as i64);
    assert_eq!(
        store.person(first).await?.unwrap().profile.introduced_by,
        Some(last)
    );
    assert_eq!(
        store.person(last).await?.unwrap().profile.introduced_by,
        Some(first)
    );
    Ok(())
}

// ---------------------------------------------------------------------------------------------
// 14. SQLite only: what the file is, and that it is left alone when it is not ours.

mod sqlite_only {
    use super::*;
    use sqlx::sqlite::{SqliteConnectOptions, SqlitePoolOptions};
    use std::path::Path;

    fn siblings(path: &Path) -> Vec<String> {
        let dir = path.parent().unwrap();
        let mut names: Vec<String> = std::fs::read_dir(dir)
            .unwrap()
            .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
            .collect();
        names.sort();
        names
    }

    #[tokio::test]
    async fn directory_is_refused() {
        let dir = tempfile::tempdir().unwrap();
        match Store::open(&dir.path().display().to_string()).await {
            Err(StoreError::IsDirectory { path }) => assert_eq!(path, dir.path()),
            other => panic!("expected IsDirectory, got {other:?}"),
        }
        assert!(
            siblings(&dir.path().join("x")).is_empty(),
            "nothing created in the directory"
        );
    }

    #[tokio::test]
    async fn new_files_use_16_kib_pages() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("new.db");
        let store = Store::open(&path.display().to_string()).await.unwrap();
        store.close().await;
        let bytes = std::fs::read(&path).unwrap();
        // the header's page size: big-endian at offset 16
        assert_eq!(
            bytes.get(16..18),
            Some(&[0x40, 0x00][..]),
            "16,384-byte pages"
        );
    }

    #[tokio::test]
    async fn text_file_is_refused_untouched() {
        for content in [
            &b"hello\n"[..],
            b"SQLite",
            b"SQLite format 2\0 and more bytes",
            b"\0",
        ] {
            let dir = tempfile::tempdir().unwrap();
            let path = dir.path().join("notes.txt");
            std::fs::write(&path, content).unwrap();
            let modified = std::fs::metadata(&path).unwrap().modified().unwrap();
            match Store::open(&path.display().to_string()).await {
                Err(StoreError::NotADatabase { path: p }) => assert_eq!(p, path),
                other => panic!("expected NotADatabase for {content:?}, got {other:?}"),
            }
            assert_eq!(std::fs::read(&path).unwrap(), content, "bytes unchanged");
            assert_eq!(
                std::fs::metadata(&path).unwrap().modified().unwrap(),
                modified
            );
            assert_eq!(
                siblings(&path),
                vec!["notes.txt".to_owned()],
                "no -wal or -shm left"
            );
        }
    }

    #[tokio::test]
    async fn missing_directories_are_created() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("a").join("b c").join("kithkin.db");
        let store = Store::open(&path.display().to_string()).await.unwrap();
        store.write(&world().batch, now()).await.unwrap();
        store.close().await;
        assert!(path.is_file());
        // The `sqlite:` and `sqlite://` prefixes name the same file.
        for loc in [
            format!("sqlite:{}", path.display()),
            format!("sqlite://{}", path.display()),
        ] {
            let store = Store::open(&loc).await.unwrap();
            assert_eq!(store.counts().await.unwrap(), world_counts(), "{loc}");
            store.close().await;
        }
    }

    #[tokio::test]
    async fn empty_file_becomes_a_database() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("kithkin.db");
        std::fs::write(&path, b"").unwrap();
        let store = Store::open(&path.display().to_string()).await.unwrap();
        assert_eq!(store.counts().await.unwrap(), Counts::default());
        store.close().await;
        assert!(
            std::fs::read(&path)
                .unwrap()
                .starts_with(b"SQLite format 3\0")
        );
    }

    #[tokio::test]
    async fn database_is_in_wal_mode() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("kithkin.db");
        let store = Store::open(&path.display().to_string()).await.unwrap();
        store.write(&world().batch, now()).await.unwrap();
        store.close().await;

        // The file header says WAL (read and write format versions 2)…
        let bytes = std::fs::read(&path).unwrap();
        assert_eq!((bytes[18], bytes[19]), (2, 2), "header of a WAL database");
        // …and so does SQLite, on a connection that does not ask for any journal mode.
        let options = SqliteConnectOptions::new().filename(&path);
        let pool = SqlitePoolOptions::new()
            .max_connections(1)
            .connect_with(options)
            .await
            .unwrap();
        let (mode,): (String,) = sqlx::query_as("PRAGMA journal_mode")
            .fetch_one(&pool)
            .await
            .unwrap();
        pool.close().await;
        assert_eq!(mode, "wal");
        // Closing the store checkpointed and removed the write-ahead log.
        assert_eq!(siblings(&path), vec!["kithkin.db".to_owned()]);
    }

    /// Forgetting someone must leave no trace of them in the file, including the full-text
    /// index (the store sets `secure_delete` and checkpoints the WAL for this reason).
    #[tokio::test]
    async fn forget_leaves_no_trace_in_the_file() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("kithkin.db");
        let store = Store::open(&path.display().to_string()).await.unwrap();
        let w = world();
        store.write(&w.batch, now()).await.unwrap();
        let mut secret = person("Xavier Vortmannquist");
        secret.profile.tags = strings(&["qwertzuiopmarker"]);
        let note = Note {
            id: NoteId(new_id()),
            person: secret.id,
            body: "Told me about zyzzogetonblatt in confidence.".into(),
            created_at: now(),
        };
        store
            .write(
                &Batch {
                    people: vec![secret.clone()],
                    notes: vec![note],
                    ..Batch::default()
                },
                now(),
            )
            .await
            .unwrap();
        assert_eq!(store.search("zyzzogetonblatt", 5).await.unwrap().len(), 1);
        store.forget_person(secret.id).await.unwrap();
        assert!(store.search("zyzzogetonblatt", 5).await.unwrap().is_empty());
        store.close().await;

        let mut bytes = Vec::new();
        for name in siblings(&path) {
            bytes.extend(std::fs::read(dir.path().join(name)).unwrap());
        }
        let lower = bytes.to_ascii_lowercase();
        // Suffixes, so that the prefix compression of the index cannot hide them.
        for marker in ["rtmannquist", "ertzuiopmarker", "zzogetonblatt"] {
            let found = lower.windows(marker.len()).any(|w| w == marker.as_bytes());
            assert!(
                !found,
                "{marker:?} is still in the database file after forget_person"
            );
        }
    }
}

// ---------------------------------------------------------------------------------------------
// 16. Keeping in touch: the bulk questions behind `today`, `strength`, `reconnect` and the
// calendar, and the small changes they make.

/// Writes `batch` on top of what is there.
async fn add(store: &Store, batch: Batch) -> TestResult {
    store.write(&batch, now()).await?;
    Ok(())
}

/// The last 8 characters of an id, as `today` shows them.
fn tail(id: impl std::fmt::Display) -> String {
    let s = id.to_string();
    s[s.len() - 8..].to_owned()
}

/// Each person's touches sorted by time (ties by their debug form), for comparison.
fn sorted_touches(mut m: HashMap<PersonId, Vec<Touch>>) -> HashMap<PersonId, Vec<Touch>> {
    for v in m.values_mut() {
        v.sort_by_key(|t| (t.at, format!("{t:?}")));
    }
    m
}

/// What `touches` must return: every interaction up to `at`, per participant (each counted
/// once), optionally only for `only`.
fn expected_touches(
    interactions: &[Interaction],
    at: Timestamp,
    only: Option<&[PersonId]>,
) -> HashMap<PersonId, Vec<Touch>> {
    let mut out: HashMap<PersonId, Vec<Touch>> = HashMap::new();
    for i in interactions.iter().filter(|i| i.occurred_at <= at) {
        let who: BTreeSet<PersonId> = i.participants.iter().copied().collect();
        for p in &who {
            if only.is_some_and(|o| !o.contains(p)) {
                continue;
            }
            out.entry(*p).or_default().push(Touch {
                at: i.occurred_at,
                kind: i.kind,
                direction: i.direction,
                minutes: i.minutes,
                others: u16::try_from(who.len() - 1).unwrap(),
            });
        }
    }
    sorted_touches(out)
}

fn favour(giver: PersonId, receiver: PersonId, kind: FavourKind, weight: u8, day: i64) -> Favour {
    Favour {
        id: FavourId(new_id()),
        giver,
        receiver,
        kind,
        text: format!("{kind} favour"),
        weight,
        occurred_at: at(day),
        for_need: None,
        thanked_at: None,
        thanked_in: None,
    }
}

fn flows_sorted(mut m: HashMap<PersonId, Vec<FavourFlow>>) -> HashMap<PersonId, Vec<FavourFlow>> {
    for v in m.values_mut() {
        v.sort_by_key(|f| (f.at, f.weight, f.from_me));
    }
    m
}

fn flow(day: i64, weight: u8, from_me: bool) -> FavourFlow {
    FavourFlow {
        at: at(day),
        weight,
        from_me,
    }
}

fn life_event(
    person: PersonId,
    kind: LifeEventKind,
    on: jiff::civil::Date,
    note: Option<&str>,
) -> LifeEvent {
    LifeEvent {
        id: LifeEventId(new_id()),
        person,
        kind,
        on,
        note: note.map(str::to_owned),
        acknowledged_at: None,
    }
}

fn follow_up(person: PersonId, due_on: jiff::civil::Date, text: &str, created: i64) -> FollowUp {
    FollowUp {
        id: FollowUpId(new_id()),
        person,
        due_on,
        text: text.into(),
        done_at: None,
        created_at: at(created),
    }
}

fn view(f: &FollowUp, name: &str) -> FollowUpView {
    FollowUpView {
        follow_up: f.clone(),
        name: name.into(),
    }
}

fn checkin(
    person: PersonId,
    name: &str,
    own: Option<Cadence>,
    circle: Option<Cadence>,
    last: Option<i64>,
    snoozed: Option<jiff::civil::Date>,
) -> CheckinRow {
    CheckinRow {
        person,
        name: name.into(),
        own_cadence: own,
        circle_cadence: circle,
        last_contact: last.map(at),
        snoozed_until: snoozed,
    }
}

async fn candidates(store: &Store, when: Timestamp) -> Result<Vec<CheckinRow>, StoreError> {
    let mut rows = store.checkin_candidates(when).await?;
    rows.sort_by_key(|r| r.person);
    Ok(rows)
}

fn by_person(mut rows: Vec<CheckinRow>) -> Vec<CheckinRow> {
    rows.sort_by_key(|r| r.person);
    rows
}

fn expect_missing<T: std::fmt::Debug>(
    got: Result<T, StoreError>,
    what: &'static str,
    id: impl std::fmt::Display,
) {
    match got {
        Err(StoreError::Missing { what: w, id: i }) => {
            assert_eq!(w, what);
            assert_eq!(i, id.to_string());
        }
        other => panic!("expected Missing {what}, got {other:?}"),
    }
}

async fn case_checkin_candidates(store: &Store) -> TestResult {
    let w = seeded(store).await?;
    let zoe = "Zoë Ångström";
    let snoozed = Some(date(2026, 2, 1));

    // Zoe: own 30 and Climate founders (30) + Old team (none); Ben: no own, Climate founders
    // (30) and Mentors (90), the shorter counts; Dan: Mentors (90). Ana's only circle has no
    // cadence, Percy has none, Anabel is archived, me has none yet.
    let want_now = by_person(vec![
        checkin(w.zoe, zoe, days(30), days(30), Some(-1), snoozed),
        checkin(w.ben, "Ben Okoro", None, days(30), Some(-10), None),
        checkin(w.dan, "Dan O'Brien", None, days(90), Some(-3), None),
    ]);
    assert_eq!(candidates(store, now()).await?, want_now);

    // Me with an own cadence and in a circle with one is still never a candidate; an archived
    // person with a cadence neither.
    store.set_cadence(w.me, days(7), now()).await?;
    store.add_members(w.empty, &[w.me]).await?;
    store.set_cadence(w.anabel, days(10), now()).await?;
    assert_eq!(candidates(store, now()).await?, want_now);
    // Once someone else is me, Sam is a candidate (own 7, Empty circle 7) and Zoe is not.
    store.set_me(w.zoe).await?;
    let got = candidates(store, now()).await?;
    assert!(got.iter().all(|r| r.person != w.zoe));
    assert!(got.contains(&checkin(w.me, "Sam Self", days(7), days(7), None, None)));
    store.set_me(w.me).await?;

    // An own cadence alone is enough; no interaction gives no last contact.
    store.set_cadence(w.percy, days(14), now()).await?;
    let percy = checkin(w.percy, "Percy 100% Real_Name", days(14), None, None, None);
    let mut want = want_now.clone();
    want.push(percy.clone());
    assert_eq!(candidates(store, now()).await?, by_person(want.clone()));

    // An interaction after the moment asked about is ignored; one exactly at it counts.
    add(
        store,
        Batch {
            interactions: vec![interaction(
                InteractionKind::Call,
                2,
                Some(10),
                Direction::Inbound,
                &[w.zoe, w.percy],
                None,
                None,
                None,
            )],
            ..Batch::default()
        },
    )
    .await?;
    assert_eq!(candidates(store, now()).await?, by_person(want));
    assert_eq!(
        candidates(store, at(2)).await?,
        by_person(vec![
            checkin(w.zoe, zoe, days(30), days(30), Some(2), snoozed),
            checkin(w.ben, "Ben Okoro", None, days(30), Some(-10), None),
            checkin(w.dan, "Dan O'Brien", None, days(90), Some(-3), None),
            checkin(
                w.percy,
                "Percy 100% Real_Name",
                days(14),
                None,
                Some(2),
                None
            ),
        ])
    );
    // Earlier: Zoe's call at -5 is exactly the moment; Dan's only contact (-3) is later.
    assert_eq!(
        candidates(store, at(-5)).await?,
        by_person(vec![
            checkin(w.zoe, zoe, days(30), days(30), Some(-5), snoozed),
            checkin(w.ben, "Ben Okoro", None, days(30), Some(-10), None),
            checkin(w.dan, "Dan O'Brien", None, days(90), None, None),
            percy.clone(),
        ])
    );

    // Snoozes round-trip, and clear.
    store
        .set_snooze(w.ben, Some(date(2026, 3, 1)), at(1))
        .await?;
    store.set_snooze(w.zoe, None, at(1)).await?;
    let got = candidates(store, now()).await?;
    let row = |id| got.iter().find(|r| r.person == id).cloned().unwrap();
    assert_eq!(row(w.ben).snoozed_until, Some(date(2026, 3, 1)));
    assert_eq!(row(w.zoe).snoozed_until, None);
    let ben = store.person(w.ben).await?.unwrap();
    assert_eq!(ben.snoozed_until, Some(date(2026, 3, 1)));
    assert_eq!(ben.updated_at, at(1));
    assert_eq!(store.person(w.zoe).await?.unwrap().snoozed_until, None);
    let ghost = w.ghost();
    expect_missing(
        store.set_snooze(ghost, Some(date(2026, 3, 1)), now()).await,
        "person",
        ghost,
    );

    // Archiving removes a candidate, restoring brings them back.
    store.set_archived(w.dan, Some(now()), now()).await?;
    assert!(
        candidates(store, now())
            .await?
            .iter()
            .all(|r| r.person != w.dan)
    );
    store.set_archived(w.dan, None, now()).await?;
    assert!(
        candidates(store, now())
            .await?
            .iter()
            .any(|r| r.person == w.dan)
    );
    Ok(())
}

impl World {
    /// An id nobody has (a new one each call).
    fn ghost(&self) -> PersonId {
        PersonId(new_id())
    }

    /// Everyone of the world, and an id nobody has.
    fn everyone_and_a_ghost(&self) -> [PersonId; 8] {
        [
            self.me,
            self.zoe,
            self.ben,
            self.ana,
            self.anabel,
            self.dan,
            self.percy,
            self.ghost(),
        ]
    }

    fn basics(&self, id: PersonId) -> PersonBasics {
        let p = self.person(id);
        PersonBasics {
            person: id,
            name: p.profile.name,
            met_on: p.profile.met_on,
            created_at: p.created_at,
        }
    }
}

async fn case_roles_basics_and_active_people(store: &Store) -> TestResult {
    let w = seeded(store).await?;
    let ghost = w.ghost();

    // Roles in their order; people without roles and unknown ids are absent.
    let roles = store
        .roles_of(&[w.zoe, w.ben, w.percy, ghost, w.ana, w.anabel, w.zoe])
        .await?;
    let want: HashMap<PersonId, Vec<Role>> = [
        (w.zoe, vec![Role::Mentor, Role::Friend]),
        (w.ben, vec![Role::Investor, Role::Advisor]),
        (w.ana, vec![Role::Peer]),
        (w.anabel, vec![Role::Peer]),
    ]
    .into_iter()
    .collect();
    assert_eq!(roles, want);
    assert!(store.roles_of(&[]).await?.is_empty());
    assert!(store.roles_of(&[w.percy, ghost]).await?.is_empty());

    // Basics of the given people, archived and me included, unknown ids left out.
    let mut got = store.basics_of(&[w.zoe, w.anabel, ghost, w.me]).await?;
    got.sort_by_key(|b| b.person);
    let mut want = vec![w.basics(w.zoe), w.basics(w.anabel), w.basics(w.me)];
    want.sort_by_key(|b| b.person);
    assert_eq!(got, want);
    assert_eq!(
        store.basics_of(&[w.zoe]).await?,
        vec![PersonBasics {
            person: w.zoe,
            name: "Zoë Ångström".into(),
            met_on: Some(date(2024, 9, 10)),
            created_at: at(-400),
        }]
    );
    assert!(store.basics_of(&[]).await?.is_empty());
    assert!(store.basics_of(&[ghost]).await?.is_empty());

    // Everyone active, by folded name, without Anabel (archived) or Sam (me).
    let active = |ids: &[PersonId]| ids.iter().map(|id| w.basics(*id)).collect::<Vec<_>>();
    assert_eq!(
        store.active_people().await?,
        active(&[w.ana, w.ben, w.dan, w.percy, w.zoe])
    );
    // "Me" is whoever the setting says; archiving and restoring are followed.
    store.set_me(w.percy).await?;
    store.set_archived(w.dan, Some(now()), now()).await?;
    store.set_archived(w.anabel, None, now()).await?;
    assert_eq!(
        store.active_people().await?,
        active(&[w.ana, w.anabel, w.ben, w.me, w.zoe])
    );
    Ok(())
}

/// Interactions added to the fixture for the strength questions: a group of three, a
/// one-to-one without minutes, and one after `now`.
fn more_interactions(w: &World) -> Vec<Interaction> {
    vec![
        interaction(
            InteractionKind::Meal,
            -2,
            Some(120),
            Direction::Inbound,
            &[w.zoe, w.ben, w.dan],
            Some("Dinner for three"),
            None,
            None,
        ),
        interaction(
            InteractionKind::Email,
            -40,
            None,
            Direction::Outbound,
            &[w.zoe],
            None,
            None,
            None,
        ),
        interaction(
            InteractionKind::Call,
            2,
            Some(5),
            Direction::Outbound,
            &[w.zoe],
            None,
            None,
            None,
        ),
    ]
}

async fn case_touches(store: &Store) -> TestResult {
    let w = seeded(store).await?;
    let extra = more_interactions(&w);
    add(
        store,
        Batch {
            interactions: extra.clone(),
            ..Batch::default()
        },
    )
    .await?;
    let mut all = w.batch.interactions.clone();
    all.extend(extra);

    let everyone = sorted_touches(store.touches(None, now()).await?);
    assert_eq!(everyone, expected_touches(&all, now(), None));
    // Zoe: meeting (group of 2, outbound, 60), call (inbound, 30), message (mutual, no minutes,
    // 2), meal (group of 3, inbound, 120), email (outbound, no minutes); the call at +2 is later.
    let zoe = &everyone[&w.zoe];
    assert_eq!(zoe.len(), 5);
    assert_eq!(
        zoe[0],
        Touch {
            at: at(-40),
            kind: InteractionKind::Email,
            direction: Direction::Outbound,
            minutes: None,
            others: 0,
        }
    );
    assert_eq!(
        zoe[3],
        Touch {
            at: at(-2),
            kind: InteractionKind::Meal,
            direction: Direction::Inbound,
            minutes: Some(120),
            others: 2,
        }
    );
    assert_eq!(
        zoe[4],
        Touch {
            at: at(-1),
            kind: InteractionKind::Message,
            direction: Direction::Mutual,
            minutes: None,
            others: 1,
        }
    );
    // People without interactions are absent.
    for id in [w.me, w.percy, w.anabel] {
        assert!(!everyone.contains_key(&id));
    }
    assert_eq!(everyone.len(), 4);

    // Later, the call is in; earlier, the boundary is inclusive.
    let later = sorted_touches(store.touches(None, at(2)).await?);
    assert_eq!(later, expected_touches(&all, at(2), None));
    assert_eq!(later[&w.zoe].len(), 6);
    let earlier = sorted_touches(store.touches(None, at(-5)).await?);
    assert_eq!(earlier, expected_touches(&all, at(-5), None));
    assert_eq!(earlier[&w.zoe].last().unwrap().at, at(-5));
    assert!(
        !earlier.contains_key(&w.dan),
        "Dan's first contact is at -3"
    );
    assert!(store.touches(None, at(-100)).await?.is_empty());

    // Only some people: unknown ids and people without interactions are absent.
    let only = [w.zoe, w.percy, w.ghost(), w.dan];
    let some = sorted_touches(store.touches(Some(&only), now()).await?);
    assert_eq!(some, expected_touches(&all, now(), Some(&only)));
    assert_eq!(
        some.keys().collect::<BTreeSet<_>>(),
        [&w.zoe, &w.dan].into()
    );
    assert!(store.touches(Some(&[]), now()).await?.is_empty());
    assert!(store.touches(Some(&[w.percy]), now()).await?.is_empty());
    Ok(())
}

/// More ids than one statement may carry on either backend (SQLite 32,000 binds, PostgreSQL
/// 65,000), the real ones at the start, in the middle and at the end.
async fn case_agenda_many_ids(store: &Store) -> TestResult {
    const GHOSTS: usize = 66_000;
    let w = seeded(store).await?;
    let extra = more_interactions(&w);
    add(
        store,
        Batch {
            interactions: extra.clone(),
            ..Batch::default()
        },
    )
    .await?;
    let mut all = w.batch.interactions.clone();
    all.extend(extra);

    let real = [w.zoe, w.ben, w.dan, w.percy, w.ana];
    let mut ids: Vec<PersonId> = (0..GHOSTS).map(|_| w.ghost()).collect();
    ids.insert(0, real[0]);
    ids.insert(32_010, real[1]);
    ids.insert(40_000, real[2]);
    ids.insert(64_999, real[3]);
    ids.push(real[4]);

    let got = sorted_touches(store.touches(Some(&ids), now()).await?);
    assert_eq!(got, expected_touches(&all, now(), Some(&real)));
    assert_eq!(got.len(), 4, "Percy has no interactions");
    assert_eq!(
        sorted_touches(store.touches(Some(&ids), at(2)).await?),
        sorted_touches(store.touches(None, at(2)).await?),
        "everyone with an interaction is among the ids"
    );

    let roles = store.roles_of(&ids).await?;
    let want: HashMap<PersonId, Vec<Role>> = [
        (w.zoe, vec![Role::Mentor, Role::Friend]),
        (w.ben, vec![Role::Investor, Role::Advisor]),
        (w.dan, vec![Role::Friend]),
        (w.ana, vec![Role::Peer]),
    ]
    .into_iter()
    .collect();
    assert_eq!(roles, want);

    let mut basics = store.basics_of(&ids).await?;
    basics.sort_by_key(|b| b.person);
    let mut want: Vec<PersonBasics> = real.iter().map(|id| w.basics(*id)).collect();
    want.sort_by_key(|b| b.person);
    assert_eq!(basics, want);
    Ok(())
}

async fn case_favour_flows(store: &Store) -> TestResult {
    let w = seeded(store).await?;
    // Already there: Ben → Zoe (not me), me → Ana (time, 1, -7), Ben → Ana (not me).
    add(
        store,
        Batch {
            favours: vec![
                favour(w.zoe, w.me, FavourKind::Advice, 3, -2),
                favour(w.me, w.zoe, FavourKind::Introduction, 2, 0),
                favour(w.me, w.dan, FavourKind::Resource, 3, 1),
                favour(w.dan, w.percy, FavourKind::Feedback, 1, -1),
            ],
            ..Batch::default()
        },
    )
    .await?;

    let want: HashMap<PersonId, Vec<FavourFlow>> = [
        (w.ana, vec![flow(-7, 1, true)]),
        (w.zoe, vec![flow(-2, 3, false), flow(0, 2, true)]),
    ]
    .into_iter()
    .collect();
    assert_eq!(flows_sorted(store.favour_flows(w.me, now()).await?), want);

    // Later, the favour to Dan at +1 is in; earlier, the one at `now` is out.
    let later = flows_sorted(store.favour_flows(w.me, at(1)).await?);
    assert_eq!(later[&w.dan], vec![flow(1, 3, true)]);
    assert_eq!(later.len(), 3);
    let earlier = flows_sorted(store.favour_flows(w.me, at(-1)).await?);
    assert_eq!(earlier[&w.zoe], vec![flow(-2, 3, false)]);
    assert_eq!(earlier.len(), 2);
    assert!(store.favour_flows(w.me, at(-8)).await?.is_empty());

    // The "me" asked about is the one given, whatever the setting says.
    let from_zoe = flows_sorted(store.favour_flows(w.zoe, now()).await?);
    let want: HashMap<PersonId, Vec<FavourFlow>> = [
        (w.ben, vec![flow(-7, 2, false)]),
        (w.me, vec![flow(-2, 3, true), flow(0, 2, false)]),
    ]
    .into_iter()
    .collect();
    assert_eq!(from_zoe, want);
    assert!(store.favour_flows(w.ghost(), at(10)).await?.is_empty());

    // One person's favours are the whole answer's entry for them, in the same (time) order.
    let everyone = w.everyone_and_a_ghost();
    for t in [at(-8), at(-2), at(-1), now(), at(1), at(10)] {
        for me in [w.me, w.zoe, w.dan] {
            let whole = store.favour_flows(me, t).await?;
            for p in everyone {
                let want = whole.get(&p).cloned().unwrap_or_default();
                assert_eq!(store.favour_flows_with(me, p, t).await?, want, "{p} at {t}");
            }
        }
    }
    assert_eq!(
        store.favour_flows_with(w.me, w.zoe, now()).await?,
        vec![flow(-2, 3, false), flow(0, 2, true)]
    );
    assert!(
        store
            .favour_flows_with(w.me, w.ben, at(10))
            .await?
            .is_empty()
    );
    Ok(())
}

/// `shared_contexts_of` for each person is the whole answer's entry (0 without one).
async fn contexts_one_by_one(store: &Store, people: &[PersonId]) -> TestResult {
    let whole = store.shared_contexts().await?;
    for p in people {
        let want = whole.get(p).copied().unwrap_or(0);
        assert_eq!(store.shared_contexts_of(*p).await?, want, "{p}");
    }
    Ok(())
}

async fn case_shared_contexts(store: &Store) -> TestResult {
    let w = seeded(store).await?;
    // Circles: Zoe 2, Ben 2, Ana 1, Anabel 1, Dan 1. Events attended: RustConf (Zoe, Ben);
    // the meetup (Ana) was not attended. Collaborations: Zoe and Ana, Ben.
    let want = |v: &[(PersonId, u32)]| v.iter().copied().collect::<HashMap<_, _>>();
    assert_eq!(
        store.shared_contexts().await?,
        want(&[
            (w.zoe, 4),
            (w.ben, 4),
            (w.ana, 2),
            (w.anabel, 1),
            (w.dan, 1)
        ])
    );

    let everyone = w.everyone_and_a_ghost();
    contexts_one_by_one(store, &everyone).await?;
    assert_eq!(store.shared_contexts_of(w.zoe).await?, 4);
    assert_eq!(store.shared_contexts_of(w.percy).await?, 0);

    let event = |name: &str, attended: bool, who: &[PersonId]| Event {
        id: EventId(new_id()),
        name: name.into(),
        kind: EventKind::Other,
        starts_at: at(-3),
        ends_at: None,
        minutes: None,
        location: None,
        organisation: None,
        note: None,
        attended,
        attendees: who
            .iter()
            .map(|p| EventAttendee {
                person: *p,
                met_there: false,
            })
            .collect(),
    };
    add(
        store,
        Batch {
            events: vec![
                event("Board dinner", true, &[w.ana, w.dan]),
                event("Webinar", false, &[w.zoe, w.percy]),
            ],
            collaborations: vec![Collaboration {
                id: CollaborationId(new_id()),
                name: "Bird survey".into(),
                status: CollabStatus::Active,
                members: vec![w.dan],
                outcome: None,
                note: None,
                created_at: at(-5),
                updated_at: at(-5),
            }],
            ..Batch::default()
        },
    )
    .await?;
    store.add_members(w.empty, &[w.ana]).await?;
    assert_eq!(
        store.shared_contexts().await?,
        want(&[
            (w.zoe, 4),
            (w.ben, 4),
            (w.ana, 4),
            (w.anabel, 1),
            (w.dan, 3)
        ])
    );
    contexts_one_by_one(store, &everyone).await?;
    assert_eq!(store.shared_contexts_of(w.ana).await?, 4);
    Ok(())
}

async fn case_dates_and_life_events(store: &Store) -> TestResult {
    let w = seeded(store).await?;
    let date_of = |person: PersonId, kind: DateKind, day: YearlyDay| ImportantDate {
        id: DateId(new_id()),
        person,
        kind,
        day,
    };
    let dan_date = date_of(w.dan, DateKind::Birthday, yearly(1, 5, None));
    let anabel_date = date_of(w.anabel, DateKind::Birthday, yearly(1, 1, None));

    let zoe_promotion = life_event(
        w.zoe,
        LifeEventKind::Promotion,
        date(2025, 12, 15),
        Some("VP"),
    );
    let dan_baby = life_event(w.dan, LifeEventKind::Baby, date(2025, 12, 1), None);
    let percy_launch = life_event(w.percy, LifeEventKind::Launch, date(2025, 10, 1), None);
    let anabel_wedding = life_event(w.anabel, LifeEventKind::Wedding, date(2025, 9, 1), None);
    add(
        store,
        Batch {
            dates: vec![dan_date.clone(), anabel_date],
            life_events: vec![
                zoe_promotion.clone(),
                dan_baby.clone(),
                percy_launch.clone(),
                anabel_wedding,
            ],
            ..Batch::default()
        },
    )
    .await?;

    // Dates of everyone not archived, by day of the year then name.
    let name = |id| w.person(id).profile.name;
    let fixture_date = |person: PersonId, month: i8| {
        w.batch
            .dates
            .iter()
            .find(|d| d.person == person && d.day.month == month)
            .cloned()
            .unwrap()
    };
    assert_eq!(
        store.all_dates().await?,
        vec![
            (dan_date, name(w.dan)),
            (fixture_date(w.ana, 2), name(w.ana)),
            (fixture_date(w.ben, 2), name(w.ben)),
            (fixture_date(w.zoe, 4), name(w.zoe)),
            (fixture_date(w.zoe, 6), name(w.zoe)),
        ]
    );

    // Open life events: not acknowledged, not archived, with the last contact up to `at`.
    let zoe_new_job = w
        .batch
        .life_events
        .iter()
        .find(|e| e.person == w.zoe)
        .cloned()
        .unwrap();
    let ben_move = w
        .batch
        .life_events
        .iter()
        .find(|e| e.person == w.ben)
        .cloned()
        .unwrap();
    let open = |when| async move {
        let mut v = store.open_life_events(when).await?;
        v.sort_by_key(|(e, _, _)| e.id);
        Ok::<_, StoreError>(v)
    };
    let sorted = |mut v: Vec<(LifeEvent, String, Option<Timestamp>)>| {
        v.sort_by_key(|(e, _, _)| e.id);
        v
    };
    assert_eq!(
        open(at(-4)).await?,
        sorted(vec![
            (zoe_new_job.clone(), name(w.zoe), Some(at(-5))),
            (zoe_promotion.clone(), name(w.zoe), Some(at(-5))),
            (dan_baby.clone(), name(w.dan), None),
            (percy_launch.clone(), name(w.percy), None),
        ])
    );
    assert_eq!(
        open(now()).await?,
        sorted(vec![
            (zoe_new_job.clone(), name(w.zoe), Some(at(-1))),
            (zoe_promotion.clone(), name(w.zoe), Some(at(-1))),
            (dan_baby.clone(), name(w.dan), Some(at(-3))),
            (percy_launch.clone(), name(w.percy), None),
        ])
    );

    // Acknowledging removes it, once.
    assert!(store.acknowledge_life_event(zoe_new_job.id, at(1)).await?);
    assert!(!store.acknowledge_life_event(zoe_new_job.id, at(2)).await?);
    assert!(!store.acknowledge_life_event(ben_move.id, at(2)).await?);
    assert!(
        !store
            .acknowledge_life_event(LifeEventId(new_id()), at(2))
            .await?
    );
    assert_eq!(
        open(now()).await?,
        sorted(vec![
            (zoe_promotion.clone(), name(w.zoe), Some(at(-1))),
            (dan_baby.clone(), name(w.dan), Some(at(-3))),
            (percy_launch.clone(), name(w.percy), None),
        ])
    );

    // Life events of one person, newest first, acknowledged ones included.
    let acknowledged = LifeEvent {
        acknowledged_at: Some(at(1)),
        ..zoe_new_job.clone()
    };
    assert_eq!(
        store.life_events_of(w.zoe).await?,
        vec![zoe_promotion.clone(), acknowledged.clone()]
    );
    assert_eq!(store.life_events_of(w.ben).await?, vec![ben_move.clone()]);
    assert!(store.life_events_of(w.me).await?.is_empty());
    assert!(store.life_events_of(w.ghost()).await?.is_empty());

    // By the end of their id, in any case, or whole.
    for e in [&dan_baby, &acknowledged] {
        let want = vec![(e.clone(), name(e.person))];
        let id = e.id.to_string();
        for t in [
            tail(e.id),
            tail(e.id).to_uppercase(),
            id.clone(),
            id.to_uppercase(),
        ] {
            assert_eq!(store.life_events_by_tail(&t).await?, want, "tail {t:?}");
        }
    }
    assert!(store.life_events_by_tail("zzzzzzzz").await?.is_empty());
    Ok(())
}

async fn case_follow_ups(store: &Store) -> TestResult {
    let w = seeded(store).await?;
    let fixture = |person| {
        w.batch
            .follow_ups
            .iter()
            .find(|f| f.person == person)
            .cloned()
            .unwrap()
    };
    let zoe1 = fixture(w.zoe); // due 2026-01-10
    let ben_done = fixture(w.ben); // due 2025-12-20, done
    let dan = follow_up(w.dan, date(2025, 12, 31), "Return the book", -4);
    let ana = follow_up(w.ana, date(2026, 1, 1), "Intro to Ben", -3);
    let percy = follow_up(w.percy, date(2026, 1, 1), "Call back", -3);
    let anabel = follow_up(w.anabel, date(2025, 12, 1), "Old promise", -40);
    let zoe2 = follow_up(w.zoe, date(2026, 2, 1), "Check on the launch", -1);
    add(
        store,
        Batch {
            follow_ups: vec![
                zoe2.clone(),
                percy.clone(),
                anabel.clone(),
                ana.clone(),
                dan.clone(),
            ],
            ..Batch::default()
        },
    )
    .await?;
    let name = |id| w.person(id).profile.name;
    let v = |f: &FollowUp| view(f, &name(f.person));

    // Due on or before the day, open, of people not archived, soonest first (then by name).
    assert!(store.due_follow_ups(date(2025, 12, 30)).await?.is_empty());
    assert_eq!(
        store.due_follow_ups(date(2026, 1, 1)).await?,
        vec![v(&dan), v(&ana), v(&percy)]
    );
    assert_eq!(
        store.due_follow_ups(date(2026, 1, 10)).await?,
        vec![v(&dan), v(&ana), v(&percy), v(&zoe1)]
    );
    assert_eq!(
        store.open_follow_ups().await?,
        vec![v(&dan), v(&ana), v(&percy), v(&zoe1), v(&zoe2)]
    );
    assert_eq!(store.follow_ups_of(w.zoe).await?, vec![v(&zoe1), v(&zoe2)]);
    assert_eq!(store.follow_ups_of(w.ben).await?, vec![v(&ben_done)]);
    assert_eq!(store.follow_ups_of(w.anabel).await?, vec![v(&anabel)]);
    assert!(store.follow_ups_of(w.me).await?.is_empty());

    // By the end of their id, in any case, or whole.
    for f in [&zoe2, &ben_done, &dan] {
        let id = f.id.to_string();
        for t in [
            tail(f.id),
            tail(f.id).to_uppercase(),
            id.clone(),
            id.to_uppercase(),
        ] {
            assert_eq!(
                store.follow_ups_by_tail(&t).await?,
                vec![v(f)],
                "tail {t:?}"
            );
        }
    }
    assert!(store.follow_ups_by_tail("zzzzzzzz").await?.is_empty());

    // Done once; then no longer due or open, and listed after the open ones.
    assert!(store.complete_follow_up(ana.id, at(1)).await?);
    assert!(!store.complete_follow_up(ana.id, at(2)).await?);
    assert!(!store.complete_follow_up(ben_done.id, at(2)).await?);
    assert!(
        !store
            .complete_follow_up(FollowUpId(new_id()), at(2))
            .await?
    );
    assert!(store.complete_follow_up(zoe1.id, at(1)).await?);
    let done = |f: &FollowUp| {
        v(&FollowUp {
            done_at: Some(at(1)),
            ..f.clone()
        })
    };
    assert_eq!(
        store.due_follow_ups(date(2026, 1, 10)).await?,
        vec![v(&dan), v(&percy)]
    );
    assert_eq!(
        store.open_follow_ups().await?,
        vec![v(&dan), v(&percy), v(&zoe2)]
    );
    assert_eq!(store.follow_ups_of(w.ana).await?, vec![done(&ana)]);
    assert_eq!(
        store.follow_ups_of(w.zoe).await?,
        vec![v(&zoe2), done(&zoe1)]
    );
    assert_eq!(
        store.follow_ups_by_tail(&tail(ana.id)).await?,
        vec![done(&ana)]
    );

    // Archiving hides a person's follow-ups from the agenda.
    store.set_archived(w.dan, Some(now()), now()).await?;
    assert_eq!(
        store.due_follow_ups(date(2026, 1, 10)).await?,
        vec![v(&percy)]
    );
    assert_eq!(store.open_follow_ups().await?, vec![v(&percy), v(&zoe2)]);
    Ok(())
}

async fn case_cadences(store: &Store) -> TestResult {
    let w = seeded(store).await?;
    let cadence_of = |circles: Vec<kithkin_store::CircleSummary>, id: CircleId| {
        circles
            .into_iter()
            .find(|c| c.circle.id == id)
            .unwrap()
            .circle
            .cadence
    };

    // A person's own cadence: set, read back, cleared.
    store.set_cadence(w.percy, days(14), at(1)).await?;
    let percy = store.person(w.percy).await?.unwrap();
    assert_eq!(percy.profile.cadence, days(14));
    assert_eq!(percy.updated_at, at(1));
    let row = |rows: &[CheckinRow], id| rows.iter().find(|r| r.person == id).cloned();
    let rows = store.checkin_candidates(now()).await?;
    assert_eq!(row(&rows, w.percy).unwrap().own_cadence, days(14));
    store.set_cadence(w.percy, None, at(2)).await?;
    let percy = store.person(w.percy).await?.unwrap();
    assert_eq!(percy.profile.cadence, None);
    assert_eq!(percy.updated_at, at(2));
    assert_eq!(row(&store.checkin_candidates(now()).await?, w.percy), None);

    // Zoe without her own cadence still has her circle's.
    store.set_cadence(w.zoe, None, at(1)).await?;
    let rows = store.checkin_candidates(now()).await?;
    let zoe = row(&rows, w.zoe).unwrap();
    assert_eq!((zoe.own_cadence, zoe.circle_cadence), (None, days(30)));

    // A circle's cadence: set, read back, the shortest of a person's circles counts.
    store.set_circle_cadence(w.old_team, days(14)).await?;
    assert_eq!(cadence_of(store.circles().await?, w.old_team), days(14));
    let rows = store.checkin_candidates(now()).await?;
    assert_eq!(row(&rows, w.zoe).unwrap().circle_cadence, days(14));
    assert_eq!(row(&rows, w.ana).unwrap().circle_cadence, days(14));
    assert_eq!(row(&rows, w.ben).unwrap().circle_cadence, days(30));

    store.set_circle_cadence(w.climate, None).await?;
    assert_eq!(cadence_of(store.circles().await?, w.climate), None);
    let rows = store.checkin_candidates(now()).await?;
    assert_eq!(row(&rows, w.zoe).unwrap().circle_cadence, days(14));
    assert_eq!(row(&rows, w.ben).unwrap().circle_cadence, days(90));
    store.set_circle_cadence(w.mentors, None).await?;
    let rows = store.checkin_candidates(now()).await?;
    assert_eq!(row(&rows, w.ben), None, "no cadence left for Ben");
    assert_eq!(row(&rows, w.dan), None);
    assert_eq!(
        rows.iter().map(|r| r.person).collect::<BTreeSet<_>>(),
        [w.zoe, w.ana].into()
    );

    // Unknown ids.
    let ghost = w.ghost();
    expect_missing(
        store.set_cadence(ghost, days(7), now()).await,
        "person",
        ghost,
    );
    expect_missing(store.set_cadence(ghost, None, now()).await, "person", ghost);
    let circle = CircleId(new_id());
    expect_missing(
        store.set_circle_cadence(circle, days(7)).await,
        "circle",
        circle,
    );
    expect_missing(
        store.set_circle_cadence(circle, None).await,
        "circle",
        circle,
    );
    Ok(())
}

type Between = (String, PersonId, Timestamp, String);

fn expected_between(interactions: &[Interaction], from: i64, to: i64) -> Vec<Between> {
    let mut out: Vec<Between> = interactions
        .iter()
        .filter(|i| i.occurred_at >= at(from) && i.occurred_at < at(to))
        .flat_map(|i| {
            let who: BTreeSet<PersonId> = i.participants.iter().copied().collect();
            who.into_iter().map(|p| {
                (
                    i.id.to_string(),
                    p,
                    i.occurred_at,
                    i.kind.as_str().to_owned(),
                )
            })
        })
        .collect();
    out.sort_by(|a, b| (a.2, &a.0, a.1).cmp(&(b.2, &b.0, b.1)));
    out
}

async fn between(store: &Store, from: i64, to: i64) -> Result<Vec<Between>, StoreError> {
    let mut got = store.interactions_between(at(from), at(to)).await?;
    assert!(
        got.windows(2).all(|p| p[0].2 <= p[1].2),
        "oldest first: {got:?}"
    );
    got.sort_by(|a, b| (a.2, &a.0, a.1).cmp(&(b.2, &b.0, b.1)));
    Ok(got)
}

async fn case_interactions_between(store: &Store) -> TestResult {
    let w = seeded(store).await?;
    let extra = more_interactions(&w);
    add(
        store,
        Batch {
            interactions: extra.clone(),
            ..Batch::default()
        },
    )
    .await?;
    let mut all = w.batch.interactions.clone();
    all.extend(extra);

    // [-10, -3): the group meeting (two rows) and Zoe's call, not Dan's video at -3.
    let got = between(store, -10, -3).await?;
    assert_eq!(got, expected_between(&all, -10, -3));
    let group = w.i_group.to_string();
    let zoe_call = w.i_zoe.to_string();
    assert_eq!(
        got.iter().map(|r| r.0.as_str()).collect::<Vec<_>>(),
        vec![group.as_str(), group.as_str(), zoe_call.as_str()]
    );
    assert_eq!(got[2], (zoe_call.clone(), w.zoe, at(-5), "call".to_owned()));

    // Everything, one row per participant (the meal for three has three).
    for (from, to) in [(-100, 100), (-40, 2), (-40, 3), (-39, 0), (-3, -2)] {
        assert_eq!(
            between(store, from, to).await?,
            expected_between(&all, from, to),
            "[{from}, {to})"
        );
    }
    assert_eq!(between(store, -100, 100).await?.len(), 14);
    assert_eq!(
        between(store, -3, -2).await?,
        vec![(w.i_dan.to_string(), w.dan, at(-3), "video".to_owned())]
    );
    assert!(between(store, -3, -3).await?.is_empty());
    assert!(between(store, 5, 1).await?.is_empty());
    Ok(())
}

async fn case_forget_person_agenda(store: &Store) -> TestResult {
    let w = seeded(store).await?;
    let extra = more_interactions(&w);
    let zoe_event = life_event(w.zoe, LifeEventKind::Award, date(2025, 12, 24), None);
    let zoe_follow_up = follow_up(w.zoe, date(2025, 12, 28), "Send flowers", -5);
    let dan_follow_up = follow_up(w.dan, date(2025, 12, 29), "Lend the scope", -5);
    add(
        store,
        Batch {
            interactions: extra.clone(),
            life_events: vec![zoe_event.clone()],
            follow_ups: vec![zoe_follow_up.clone(), dan_follow_up.clone()],
            favours: vec![favour(w.zoe, w.me, FavourKind::Advice, 3, -2)],
            ..Batch::default()
        },
    )
    .await?;
    let zoe_fixture_follow_up = w
        .batch
        .follow_ups
        .iter()
        .find(|f| f.person == w.zoe)
        .cloned()
        .unwrap();
    let mut all = w.batch.interactions.clone();
    all.extend(extra);
    assert!(store.touches(None, at(10)).await?.contains_key(&w.zoe));

    let erasure = store.forget_person(w.zoe).await?;
    // Her own call, her email and her call at +2 went; the meeting, the message and the meal
    // for three keep their other participants.
    assert_eq!(
        (
            erasure.interactions_deleted,
            erasure.interactions_left,
            erasure.life_events,
            erasure.follow_ups,
            erasure.favours,
        ),
        (3, 3, 2, 2, 2)
    );
    let mut want = world_counts();
    want.people -= 1;
    want.notes -= 2;
    // interactions: 3 added, 3 erased
    want.knows -= 2;
    want.dates -= 2;
    want.life_events += 1 - 2;
    want.help_items -= 1;
    want.favours += 1 - 2;
    want.introductions -= 1;
    want.goals -= 1;
    // follow-ups: 2 added, 2 erased
    assert_eq!(store.counts().await?, want);

    // She is in no answer any more.
    for when in [now(), at(10)] {
        let touches = store.touches(None, when).await?;
        assert!(!touches.contains_key(&w.zoe));
        assert_eq!(
            touches.keys().copied().collect::<BTreeSet<_>>(),
            [w.ben, w.ana, w.dan].into()
        );
        assert!(store.touches(Some(&[w.zoe]), when).await?.is_empty());
    }
    // The others' histories keep every interaction they were in, each now one participant
    // smaller: nothing hints that she was there.
    let project = |m: HashMap<PersonId, Vec<Touch>>| {
        m.into_iter()
            .map(|(p, v)| {
                let mut v: Vec<_> = v
                    .into_iter()
                    .map(|t| {
                        (
                            t.at,
                            t.kind.as_str(),
                            t.direction.as_str(),
                            t.minutes,
                            t.others,
                        )
                    })
                    .collect();
                v.sort();
                (p, v)
            })
            .collect::<HashMap<_, _>>()
    };
    let without_her: Vec<_> = all
        .iter()
        .cloned()
        .map(|mut i| {
            i.participants.retain(|p| *p != w.zoe);
            i
        })
        .filter(|i| !i.participants.is_empty())
        .collect();
    let expected = expected_touches(&without_her, at(10), None);
    assert_eq!(
        project(store.touches(None, at(10)).await?),
        project(expected.clone())
    );
    // Touches of interactions she was not in are unchanged, `others` included.
    let ben = sorted_touches(store.touches(Some(&[w.ben]), now()).await?);
    for t in [at(-30), at(-20)] {
        assert_eq!(
            ben[&w.ben].iter().find(|x| x.at == t),
            expected[&w.ben].iter().find(|x| x.at == t)
        );
    }

    assert!(
        store
            .checkin_candidates(now())
            .await?
            .iter()
            .all(|r| r.person != w.zoe)
    );
    assert!(!store.shared_contexts().await?.contains_key(&w.zoe));
    assert!(!store.favour_flows(w.me, at(10)).await?.contains_key(&w.zoe));
    assert!(
        store
            .active_people()
            .await?
            .iter()
            .all(|b| b.person != w.zoe)
    );
    assert!(store.basics_of(&[w.zoe]).await?.is_empty());
    assert!(store.roles_of(&[w.zoe]).await?.is_empty());
    assert!(
        store
            .all_dates()
            .await?
            .iter()
            .all(|(d, _)| d.person != w.zoe)
    );
    assert!(
        store
            .open_life_events(at(10))
            .await?
            .iter()
            .all(|(e, _, _)| e.person != w.zoe)
    );
    assert!(store.life_events_of(w.zoe).await?.is_empty());
    assert!(
        store
            .life_events_by_tail(&tail(zoe_event.id))
            .await?
            .is_empty()
    );
    assert!(!store.acknowledge_life_event(zoe_event.id, at(1)).await?);
    assert_eq!(
        store.open_follow_ups().await?,
        vec![view(&dan_follow_up, "Dan O'Brien")]
    );
    assert_eq!(
        store.due_follow_ups(date(2026, 12, 31)).await?,
        vec![view(&dan_follow_up, "Dan O'Brien")]
    );
    assert!(store.follow_ups_of(w.zoe).await?.is_empty());
    for f in [&zoe_follow_up, &zoe_fixture_follow_up] {
        assert!(
            store
                .follow_ups_by_tail(&f.id.to_string())
                .await?
                .is_empty()
        );
        assert!(!store.complete_follow_up(f.id, at(1)).await?);
    }
    let rows = store.interactions_between(at(-100), at(100)).await?;
    assert!(rows.iter().all(|r| r.1 != w.zoe));
    assert_eq!(rows.len(), 14 - 6, "her six participant rows are gone");
    Ok(())
}

/// A participant named twice is recorded once (see `interactions_and_stats`), so the touch is
/// one-to-one. Fails today: the group size copied into `interactions.participants` and
/// `interaction_participants.participants` is `participants.len()`, duplicates included.
async fn case_touches_count_each_participant_once(store: &Store) -> TestResult {
    let w = seeded(store).await?;
    let dup = interaction(
        InteractionKind::Call,
        -2,
        None,
        Direction::Inbound,
        &[w.percy, w.percy],
        None,
        None,
        None,
    );
    add(
        store,
        Batch {
            interactions: vec![dup.clone()],
            ..Batch::default()
        },
    )
    .await?;
    assert_eq!(
        store.interactions_of(w.percy, 10).await?[0].participants,
        vec![w.percy]
    );
    let touches = store.touches(Some(&[w.percy]), now()).await?;
    assert_eq!(
        touches[&w.percy],
        vec![Touch {
            at: at(-2),
            kind: InteractionKind::Call,
            direction: Direction::Inbound,
            minutes: None,
            others: 0,
        }]
    );
    Ok(())
}

// ---------------------------------------------------------------------------------------------
// Building bridges and give and take: introductions, organisations, needs and offers, the
// favour ledger, labels and goals.

fn intro(a: PersonId, b: PersonId, status: IntroStatus, suggested: i64) -> Introduction {
    Introduction {
        id: IntroductionId(new_id()),
        a,
        b,
        reason: None,
        status,
        suggested_at: at(suggested),
        asked_a_at: None,
        asked_b_at: None,
        introduced_at: None,
        outcome: None,
        outcome_at: None,
        declined_at: None,
    }
}

fn help(
    person: PersonId,
    kind: HelpKind,
    text: &str,
    status: HelpStatus,
    created: i64,
) -> HelpItem {
    HelpItem {
        id: HelpItemId(new_id()),
        person,
        kind,
        text: text.into(),
        tags: strings(&["b-tag", "a-tag"]),
        status,
        created_at: at(created),
        closed_at: (status != HelpStatus::Open).then(|| at(created + 1)),
    }
}

async fn case_introductions(store: &Store) -> TestResult {
    let w = seeded(store).await?;
    let zoe_ana = w.batch.introductions[0].clone(); // suggested at -4
    let ben_dan = w.batch.introductions[1].clone(); // closed, suggested at -90
    let mut ana_percy = intro(w.ana, w.percy, IntroStatus::AskedA, -10);
    ana_percy.reason = Some("Both like   puzzles".into());
    ana_percy.asked_a_at = Some(at(-9));
    let dan_zoe = intro(w.dan, w.zoe, IntroStatus::Suggested, -4);
    add(
        store,
        Batch {
            introductions: vec![dan_zoe.clone(), ana_percy.clone()],
            ..Batch::default()
        },
    )
    .await?;

    // Newest first; the same day by id.
    let mut same_day = vec![zoe_ana.clone(), dan_zoe.clone()];
    same_day.sort_by_key(|i| i.id.to_string());
    let mut want = same_day.clone();
    want.push(ana_percy.clone());
    want.push(ben_dan.clone());
    assert_eq!(store.introductions(None).await?, want);
    assert_eq!(store.introductions(Some("suggested")).await?, same_day);
    assert_eq!(
        store.introductions(Some("asked_a")).await?,
        vec![ana_percy.clone()]
    );
    assert_eq!(
        store.introductions(Some("closed")).await?,
        vec![ben_dan.clone()]
    );
    assert!(store.introductions(Some("declined")).await?.is_empty());
    assert!(store.introductions(Some("bogus")).await?.is_empty());

    // By the end of the id, any case, or whole.
    for i in [&zoe_ana, &ben_dan, &ana_percy] {
        let id = i.id.to_string();
        for t in [tail(i.id), tail(i.id).to_uppercase(), id.clone()] {
            assert_eq!(
                store.introductions_by_tail(&t).await?,
                vec![i.clone()],
                "tail {t:?}"
            );
        }
    }
    assert!(store.introductions_by_tail("zzzzzzzz").await?.is_empty());
    assert!(store.introductions_by_tail("").await?.is_empty());

    // Saving keeps every date and field.
    let mut saved = ana_percy.clone();
    saved.status = IntroStatus::Closed;
    saved.reason = Some("Changed reason".into());
    saved.asked_b_at = Some(at(-8));
    saved.introduced_at = Some(at(-7));
    saved.outcome = Some(IntroOutcome::Hired);
    saved.outcome_at = Some(at(-1));
    saved.declined_at = Some(at(-2));
    store.save_introduction(&saved).await?;
    assert_eq!(
        store.introductions_by_tail(&tail(saved.id)).await?,
        vec![saved.clone()]
    );
    assert_eq!(
        store.introductions(Some("closed")).await?,
        vec![saved.clone(), ben_dan.clone()]
    );
    assert!(store.introductions(Some("asked_a")).await?.is_empty());
    // And clears dates set to none; suggested_at is never changed.
    let mut back = saved.clone();
    back.status = IntroStatus::Declined;
    back.reason = None;
    back.asked_b_at = None;
    back.introduced_at = None;
    back.outcome = Some(IntroOutcome::Declined);
    back.suggested_at = at(-50);
    store.save_introduction(&back).await?;
    let got = store.introductions_by_tail(&tail(back.id)).await?;
    assert_eq!(
        got,
        vec![Introduction {
            suggested_at: at(-10),
            ..back.clone()
        }]
    );

    let unknown = intro(w.zoe, w.ben, IntroStatus::AskedA, 0);
    expect_missing(
        store.save_introduction(&unknown).await,
        "introduction",
        unknown.id,
    );
    assert_eq!(store.introductions(None).await?.len(), 4);
    Ok(())
}

async fn case_people_at(store: &Store) -> TestResult {
    let w = seeded(store).await?;
    // ben and ana, "Acme Corp" / "ACME corp": one organisation, ordered by name.
    for name in [
        "Acme Corp",
        "acme corp",
        "ACME CORP",
        "  Acme Corp ",
        "Ácmé Corp",
    ] {
        assert_eq!(store.people_at(name).await?, vec![w.ana, w.ben], "{name:?}");
    }
    assert_eq!(store.people_at("northwind software").await?, vec![w.zoe]);
    assert!(store.people_at("Acme").await?.is_empty());
    assert!(store.people_at("").await?.is_empty());
    assert!(store.people_at("Nowhere Ltd").await?.is_empty());
    assert!(store.people_at("%").await?.is_empty());

    // Archived people are left out.
    let mut archived = person("Archie Acme");
    archived.profile.organisation = Some("acme CORP".into());
    archived.archived_at = Some(at(-1));
    let mut also = person("Aaron Acme");
    also.profile.organisation = Some("Acme Corp".into());
    add(
        store,
        Batch {
            people: vec![archived.clone(), also.clone()],
            ..Batch::default()
        },
    )
    .await?;
    assert_eq!(
        store.people_at("acme corp").await?,
        vec![also.id, w.ana, w.ben]
    );
    store.set_archived(w.ana, Some(now()), now()).await?;
    assert_eq!(store.people_at("acme corp").await?, vec![also.id, w.ben]);
    store.set_archived(archived.id, None, now()).await?;
    assert_eq!(
        store.people_at("acme corp").await?,
        vec![also.id, archived.id, w.ben]
    );
    Ok(())
}

async fn case_help_items(store: &Store) -> TestResult {
    let w = seeded(store).await?;
    let zoe_need = w.batch.help_items[0].clone(); // open need, -20
    let ben_offer = w.batch.help_items[1].clone(); // fulfilled offer, -60
    let zoe_offer = help(
        w.zoe,
        HelpKind::Offer,
        "sailing lessons",
        HelpStatus::Open,
        -2,
    );
    let zoe_old = help(
        w.zoe,
        HelpKind::Need,
        "a designer",
        HelpStatus::Withdrawn,
        -1,
    );
    let dan_offer = help(
        w.dan,
        HelpKind::Offer,
        "birding trips",
        HelpStatus::Open,
        -30,
    );
    let anabel_need = help(w.anabel, HelpKind::Need, "a flat", HelpStatus::Open, -5);
    add(
        store,
        Batch {
            help_items: vec![
                anabel_need.clone(),
                zoe_old.clone(),
                dan_offer.clone(),
                zoe_offer.clone(),
            ],
            ..Batch::default()
        },
    )
    .await?;

    // One person's: open first, then newest first.
    assert_eq!(
        store.help_items_of(w.zoe).await?,
        vec![zoe_offer.clone(), zoe_need.clone(), zoe_old.clone()]
    );
    assert_eq!(store.help_items_of(w.ben).await?, vec![ben_offer.clone()]);
    assert_eq!(
        store.help_items_of(w.anabel).await?,
        vec![anabel_need.clone()]
    );
    assert!(store.help_items_of(w.me).await?.is_empty());

    // Every open one of people not archived, oldest first.
    assert_eq!(
        store.open_help_items(None).await?,
        vec![dan_offer.clone(), zoe_need.clone(), zoe_offer.clone()]
    );
    assert_eq!(
        store.open_help_items(Some(HelpKind::Need)).await?,
        vec![zoe_need.clone()]
    );
    assert_eq!(
        store.open_help_items(Some(HelpKind::Offer)).await?,
        vec![dan_offer.clone(), zoe_offer.clone()]
    );
    // Some people's: the whole answer's items of theirs, in the same order.
    let whole = store.open_help_items(None).await?;
    let everyone = [w.me, w.zoe, w.ben, w.anabel, w.dan, w.ghost()];
    for a in everyone {
        for b in everyone {
            let want: Vec<HelpItem> = whole
                .iter()
                .filter(|h| h.person == a || h.person == b)
                .cloned()
                .collect();
            assert_eq!(store.open_help_items_of(&[a, b]).await?, want, "{a} {b}");
        }
    }
    assert!(store.open_help_items_of(&[]).await?.is_empty());

    for h in [&zoe_need, &ben_offer, &anabel_need] {
        for t in [tail(h.id), tail(h.id).to_uppercase(), h.id.to_string()] {
            assert_eq!(store.help_items_by_tail(&t).await?, vec![h.clone()], "{t}");
        }
    }
    assert!(store.help_items_by_tail("zzzzzzzz").await?.is_empty());

    // Closing and reopening.
    store
        .set_help_status(zoe_need.id, HelpStatus::Fulfilled, at(1))
        .await?;
    let closed = HelpItem {
        status: HelpStatus::Fulfilled,
        closed_at: Some(at(1)),
        ..zoe_need.clone()
    };
    assert_eq!(
        store.help_items_by_tail(&tail(zoe_need.id)).await?,
        vec![closed.clone()]
    );
    assert!(
        store
            .open_help_items(Some(HelpKind::Need))
            .await?
            .is_empty()
    );
    assert_eq!(
        store.help_items_of(w.zoe).await?,
        vec![zoe_offer.clone(), zoe_old.clone(), closed.clone()]
    );
    store
        .set_help_status(zoe_need.id, HelpStatus::Withdrawn, at(2))
        .await?;
    assert_eq!(
        store.help_items_by_tail(&tail(zoe_need.id)).await?[0].closed_at,
        Some(at(2))
    );
    store
        .set_help_status(zoe_need.id, HelpStatus::Open, at(3))
        .await?;
    assert_eq!(
        store.help_items_by_tail(&tail(zoe_need.id)).await?,
        vec![zoe_need.clone()]
    );
    let unknown = HelpItemId(new_id());
    expect_missing(
        store
            .set_help_status(unknown, HelpStatus::Fulfilled, at(1))
            .await,
        "need or offer",
        unknown,
    );

    // Archiving hides a person's open items; restoring shows them again.
    store.set_archived(w.dan, Some(now()), now()).await?;
    assert_eq!(
        store.open_help_items(Some(HelpKind::Offer)).await?,
        vec![zoe_offer.clone()]
    );
    store.set_archived(w.anabel, None, now()).await?;
    assert_eq!(
        store.open_help_items(Some(HelpKind::Need)).await?,
        vec![zoe_need.clone(), anabel_need.clone()]
    );
    Ok(())
}

async fn case_favours_ledger(store: &Store) -> TestResult {
    let w = seeded(store).await?;
    let zoe_to_me = favour(w.zoe, w.me, FavourKind::Advice, 3, -2);
    let me_to_dan = favour(w.me, w.dan, FavourKind::Introduction, 2, -10);
    let dan_to_me = favour(w.dan, w.me, FavourKind::Resource, 1, -1);
    add(
        store,
        Batch {
            favours: vec![dan_to_me.clone(), zoe_to_me.clone(), me_to_dan.clone()],
            ..Batch::default()
        },
    )
    .await?;
    let mut all: Vec<Favour> = w.batch.favours.clone();
    all.extend([zoe_to_me.clone(), me_to_dan.clone(), dan_to_me.clone()]);
    all.sort_by_key(|f| (f.occurred_at, f.id.to_string()));
    let involving = |p: PersonId, all: &[Favour]| -> Vec<Favour> {
        all.iter()
            .filter(|f| f.giver == p || f.receiver == p)
            .cloned()
            .collect()
    };

    // Oldest first, by id on the same instant; as giver or receiver.
    assert_eq!(store.favours(None).await?, all);
    assert_eq!(store.favours(Some(w.me)).await?, involving(w.me, &all));
    assert_eq!(
        store.favours(Some(w.me)).await?.len(),
        4,
        "me_to_dan, me_to_ana, zoe_to_me, dan_to_me"
    );
    assert_eq!(store.favours(Some(w.ana)).await?, involving(w.ana, &all));
    assert_eq!(store.favours(Some(w.ben)).await?.len(), 2);
    assert!(store.favours(Some(w.percy)).await?.is_empty());

    for f in &all {
        for t in [tail(f.id), tail(f.id).to_uppercase(), f.id.to_string()] {
            assert_eq!(store.favours_by_tail(&t).await?, vec![f.clone()], "{t}");
        }
    }
    assert!(store.favours_by_tail("zzzzzzzz").await?.is_empty());

    // Only favours not thanked yet change; unknown ids count nothing.
    let ben_to_zoe = w.batch.favours[0].clone(); // thanked at -5
    let ids = [
        zoe_to_me.id,
        ben_to_zoe.id,
        FavourId(new_id()),
        dan_to_me.id,
    ];
    assert_eq!(store.mark_thanked(&ids, at(1), Some(w.i_zoe)).await?, 2);
    assert_eq!(store.mark_thanked(&ids, at(2), None).await?, 0);
    assert_eq!(store.mark_thanked(&[], at(2), None).await?, 0);
    let thanked = |f: &Favour, via| Favour {
        thanked_at: Some(at(1)),
        thanked_in: via,
        ..f.clone()
    };
    assert_eq!(
        store.favours_by_tail(&tail(zoe_to_me.id)).await?,
        vec![thanked(&zoe_to_me, Some(w.i_zoe))]
    );
    assert_eq!(
        store.favours_by_tail(&tail(ben_to_zoe.id)).await?,
        vec![ben_to_zoe.clone()],
        "an earlier thanks is kept"
    );
    // Without an interaction.
    let me_to_ana = w.batch.favours[1].clone();
    assert_eq!(store.mark_thanked(&[me_to_ana.id], at(1), None).await?, 1);
    assert_eq!(
        store.favours_by_tail(&tail(me_to_ana.id)).await?,
        vec![thanked(&me_to_ana, None)]
    );
    Ok(())
}

async fn case_labels_and_goals(store: &Store) -> TestResult {
    let mut w = world();
    for p in &mut w.batch.people {
        if p.id == w.anabel {
            p.profile.expertise = strings(&["ornithology"]);
        }
        if p.id == w.dan {
            p.profile.expertise = strings(&["birds", "boats", "anchors"]);
            p.profile.interests = strings(&["puffins"]);
        }
    }
    store.write(&w.batch, now()).await?;
    store.set_me(w.me).await?;

    // Of people not archived, by person then in their order.
    let mut want = vec![
        (w.zoe, "carbon accounting".to_owned()),
        (w.dan, "birds".to_owned()),
        (w.dan, "boats".to_owned()),
        (w.dan, "anchors".to_owned()),
    ];
    want.sort_by_key(|(p, _)| p.to_string());
    assert_eq!(store.labels_of_kind("expertise").await?, want);
    let mut interests = vec![
        (w.zoe, "sailing".to_owned()),
        (w.zoe, "glaciers".to_owned()),
        (w.dan, "puffins".to_owned()),
    ];
    interests.sort_by_key(|(p, _)| p.to_string());
    assert_eq!(store.labels_of_kind("interest").await?, interests);
    assert!(store.labels_of_kind("nonsense").await?.is_empty());
    // Some people's: the whole answer's labels of theirs, in the same order.
    let everyone = [w.me, w.zoe, w.anabel, w.dan, w.ghost()];
    for kind in ["expertise", "interest"] {
        let whole = store.labels_of_kind(kind).await?;
        for a in everyone {
            for b in everyone {
                let want: Vec<(PersonId, String)> = whole
                    .iter()
                    .filter(|(p, _)| *p == a || *p == b)
                    .cloned()
                    .collect();
                assert_eq!(
                    store.labels_of_kind_for(kind, &[a, b]).await?,
                    want,
                    "{kind} {a} {b}"
                );
            }
        }
    }
    store.set_archived(w.dan, Some(now()), now()).await?;
    assert!(
        store
            .labels_of_kind_for("expertise", &[w.dan])
            .await?
            .is_empty()
    );
    assert_eq!(
        store.labels_of_kind("expertise").await?,
        vec![(w.zoe, "carbon accounting".to_owned())]
    );
    store.set_archived(w.anabel, None, now()).await?;
    let mut want = vec![
        (w.zoe, "carbon accounting".to_owned()),
        (w.anabel, "ornithology".to_owned()),
    ];
    want.sort_by_key(|(p, _)| p.to_string());
    assert_eq!(store.labels_of_kind("expertise").await?, want);

    // Open goals, oldest first.
    assert_eq!(
        store.open_goals_of(w.me).await?,
        strings(&["5 check-ins a week"])
    );
    assert_eq!(
        store.open_goals_of(w.zoe).await?,
        strings(&["Raise a seed round"])
    );
    assert!(store.open_goals_of(w.ben).await?.is_empty());
    let goal = |title: &str, created: i64, closed: Option<i64>| Goal {
        id: GoalId(new_id()),
        owner: w.me,
        title: title.into(),
        metric: GoalMetric::Freeform,
        target: 0,
        period: GoalPeriod::Month,
        facet_filter: None,
        created_at: at(created),
        closed_at: closed.map(at),
    };
    add(
        store,
        Batch {
            goals: vec![
                goal("Newer", -1, None),
                goal("Done", -40, Some(-2)),
                goal("Oldest", -60, None),
            ],
            ..Batch::default()
        },
    )
    .await?;
    assert_eq!(
        store.open_goals_of(w.me).await?,
        strings(&["Oldest", "5 check-ins a week", "Newer"])
    );
    Ok(())
}

async fn case_network_facets_and_shared_interactions(store: &Store) -> TestResult {
    let mut a = person("Ana");
    a.profile.facets = facets(&[("industry", "tech"), ("region", "europe")]);
    let mut b = person("Ben");
    b.profile.facets = facets(&[("industry", "tech")]);
    b.created_at = at(-300);
    let mut c = person("Cleo");
    c.profile.facets = facets(&[("industry", "health")]);
    let mut gone = person("Gone");
    gone.profile.facets = facets(&[("industry", "tech")]);
    gone.archived_at = Some(at(-1));
    let (ia, ib, ic) = (a.id, b.id, c.id);
    let mut batch = Batch::new();
    batch.people = vec![a, b, c, gone];
    use Direction::Mutual;
    use InteractionKind::{Call, Meeting};
    batch.interactions = vec![
        interaction(Meeting, -400, None, Mutual, &[ia, ib], None, None, None),
        interaction(Meeting, -5, None, Mutual, &[ia, ib, ic], None, None, None),
        interaction(Call, -2, None, Mutual, &[ic], None, None, None),
    ];
    store.write(&batch, now()).await?;

    let counts: Vec<(String, String, u64)> = store
        .facet_counts()
        .await?
        .into_iter()
        .map(|f| (f.key, f.value, f.people))
        .collect();
    let own = |k: &str, v: &str, n: u64| (k.to_owned(), v.to_owned(), n);
    assert_eq!(
        counts,
        vec![
            own("industry", "health", 1),
            own("industry", "tech", 2), // the archived one is not counted
            own("region", "europe", 1),
        ]
    );
    let mut values = store.active_facet_values("industry").await?;
    values.sort();
    let mut want = vec![
        (ia, "tech".to_owned()),
        (ib, "tech".to_owned()),
        (ic, "health".to_owned()),
    ];
    want.sort();
    assert_eq!(values, want);
    assert!(store.active_facet_values("nothing").await?.is_empty());

    assert!(
        store
            .set_facet_wanted("industry", "education", true)
            .await?
    );
    assert!(
        !store
            .set_facet_wanted("industry", "education", true)
            .await?
    );
    assert!(store.set_facet_wanted("region", "africa", true).await?);
    assert_eq!(
        store.wanted_facets().await?,
        vec![
            ("industry".to_owned(), "education".to_owned()),
            ("region".to_owned(), "africa".to_owned()),
        ]
    );
    assert!(store.set_facet_wanted("region", "africa", false).await?);
    assert!(!store.set_facet_wanted("region", "africa", false).await?);
    assert_eq!(store.wanted_facets().await?.len(), 1);

    // known since: the earlier of creation and first interaction; archived people left out
    let mut known = store.known_since().await?;
    known.sort();
    let mut want = vec![(ia, at(-400)), (ib, at(-400)), (ic, at(-100))];
    want.sort();
    assert_eq!(known, want);

    // shared interactions up to a moment, each pair once with its count
    let pair = |x: PersonId, y: PersonId| if x < y { (x, y) } else { (y, x) };
    let mut shared = store.shared_interactions(now()).await?;
    shared.sort();
    let mut want = vec![
        (pair(ia, ib).0, pair(ia, ib).1, 2),
        (pair(ia, ic).0, pair(ia, ic).1, 1),
        (pair(ib, ic).0, pair(ib, ic).1, 1),
    ];
    want.sort();
    assert_eq!(shared, want);
    let before = store.shared_interactions(at(-10)).await?;
    assert_eq!(before, vec![(pair(ia, ib).0, pair(ia, ib).1, 1)]);
    Ok(())
}
