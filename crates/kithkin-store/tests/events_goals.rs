//! Store conformance for events, organisations, memberships, time and goals: every case runs
//! on SQLite and, with `KITHKIN_TEST_PG_URL`, on PostgreSQL (see `common/mod.rs`). Test names
//! are `<case>::sqlite` and `<case>::postgres`.
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod common;

use common::{Kind, TestResult};
use jiff::Timestamp;
use jiff::civil::date;
use kithkin_core::batch::Batch;
use kithkin_core::event::{Event, EventAttendee, EventKind, MetAtEvent};
use kithkin_core::goal::{Goal, GoalMetric, GoalPeriod};
use kithkin_core::interaction::{Direction, Interaction, InteractionKind};
use kithkin_core::person::{Person, PersonProfile};
use kithkin_core::{EventId, GoalId, InteractionId, PersonId};
use kithkin_store::{OrgPerson, Store, StoreError};
use std::collections::HashMap;
use uuid::Uuid;

macro_rules! conformance {
    ($($name:ident => $case:ident;)*) => {$(
        mod $name {
            use super::*;

            fn case(x: &Store) -> common::CaseFuture<'_> {
                Box::pin(super::$case(x))
            }

            #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
            async fn sqlite() {
                <Store as common::Runner>::run(stringify!($name), Kind::Sqlite, case).await
            }

            #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
            async fn postgres() {
                <Store as common::Runner>::run(stringify!($name), Kind::Postgres, case).await
            }
        }
    )*};
}

conformance! {
    events_roundtrip => case_events_roundtrip;
    record_met => case_record_met;
    met_at_events => case_met_at_events;
    interactions_in_and_facets => case_interactions_in_and_facets;
    organisations_and_memberships => case_organisations_and_memberships;
    goals => case_goals;
}

/// 2026-01-01T00:00:00Z.
const NOW: i64 = 1_767_225_600;
const HOUR: i64 = 3_600;
const DAY: i64 = 86_400;

fn at(secs: i64) -> Timestamp {
    Timestamp::from_second(NOW + secs).unwrap()
}

fn person(name: &str) -> Person {
    Person {
        id: PersonId(Uuid::now_v7()),
        profile: PersonProfile::named(name),
        circles: Vec::new(),
        archived_at: None,
        snoozed_until: None,
        created_at: at(-100 * DAY),
        updated_at: at(-100 * DAY),
    }
}

fn event(
    name: &str,
    kind: EventKind,
    starts: i64,
    minutes: Option<u32>,
    org: Option<&str>,
) -> Event {
    Event {
        id: EventId(Uuid::now_v7()),
        name: name.into(),
        kind,
        starts_at: at(starts),
        ends_at: None,
        minutes,
        location: None,
        organisation: org.map(str::to_owned),
        note: None,
        attended: true,
        attendees: Vec::new(),
    }
}

fn interaction(
    with: &[PersonId],
    secs: i64,
    minutes: Option<u32>,
    event: Option<EventId>,
) -> Interaction {
    let mut participants = with.to_vec();
    participants.sort();
    Interaction {
        id: InteractionId(Uuid::now_v7()),
        kind: if event.is_some() {
            InteractionKind::Event
        } else {
            InteractionKind::Call
        },
        occurred_at: at(secs),
        minutes,
        direction: Direction::Mutual,
        participants,
        note: None,
        event,
        source_key: None,
    }
}

async fn case_events_roundtrip(store: &Store) -> TestResult {
    let (ana, ben) = (person("Ana Lee"), person("Ben Okoro"));
    let mut conf = event(
        "RustConf",
        EventKind::Conference,
        -10 * DAY,
        None,
        Some("Rust Foundation"),
    );
    conf.ends_at = Some(at(-8 * DAY));
    conf.location = Some("Montréal".into());
    conf.note = Some("hallway track".into());
    conf.attendees = vec![
        EventAttendee {
            person: ana.id,
            met_there: true,
        },
        EventAttendee {
            person: ben.id,
            met_there: false,
        },
    ];
    conf.attendees.sort_by_key(|a| a.person);
    let mut dinner = event(
        "Founders dinner",
        EventKind::Dinner,
        -2 * DAY,
        Some(150),
        None,
    );
    dinner.attended = false;
    store
        .write(
            &Batch {
                people: vec![ana, ben],
                events: vec![conf.clone(), dinner.clone()],
                ..Batch::default()
            },
            at(0),
        )
        .await?;
    // newest first, every field back as written
    assert_eq!(store.events().await?, vec![dinner.clone(), conf.clone()]);
    assert_eq!(store.event(conf.id).await?, Some(conf.clone()));
    assert_eq!(store.event(EventId(Uuid::now_v7())).await?, None);
    // the organisation was created and counts the event
    let orgs = store.organisations(None).await?;
    assert_eq!(orgs.len(), 1);
    assert_eq!(orgs[0].organisation.name, "Rust Foundation");
    assert_eq!((orgs[0].events, orgs[0].people), (1, 0));
    assert_eq!(orgs[0].membership, None);
    Ok(())
}

async fn case_record_met(store: &Store) -> TestResult {
    let me = person("Sam Self");
    let mut known = person("Ana Lee");
    let met_before = person("Ben Okoro");
    let mut conf = event("RustConf", EventKind::Conference, -DAY, Some(480), None);
    conf.attended = false;
    conf.attendees = vec![EventAttendee {
        person: met_before.id,
        met_there: false,
    }];
    store
        .write(
            &Batch {
                people: vec![me.clone(), known.clone(), met_before.clone()],
                events: vec![conf.clone()],
                ..Batch::default()
            },
            at(0),
        )
        .await?;
    store.set_me(me.id).await?;

    // a new person, a known one whose how-we-met gets set, one already an attendee
    let mut new = person("Chen Wu");
    new.profile.met_at = Some("RustConf".into());
    new.profile.met_on = Some(date(2025, 12, 31));
    known.profile.met_at = Some("RustConf".into());
    known.updated_at = at(0);
    let logged: Vec<Interaction> = [new.id, known.id, met_before.id]
        .iter()
        .map(|p| interaction(&[*p], -DAY, None, Some(conf.id)))
        .collect();
    let batch = Batch {
        people: vec![new.clone()],
        interactions: logged.clone(),
        ..Batch::default()
    };
    store
        .record_met(
            conf.id,
            &batch,
            &[new.id, known.id, met_before.id],
            std::slice::from_ref(&known),
            at(0),
        )
        .await?;

    let got = store.event(conf.id).await?.expect("event");
    assert!(got.attended, "meeting people there means the user went");
    let mut want: Vec<EventAttendee> = [new.id, known.id, met_before.id]
        .iter()
        .map(|p| EventAttendee {
            person: *p,
            met_there: true,
        })
        .collect();
    want.sort_by_key(|a| a.person);
    assert_eq!(got.attendees, want);
    let stored_new = store.person(new.id).await?.expect("created");
    assert_eq!(stored_new.profile.met_at.as_deref(), Some("RustConf"));
    assert_eq!(stored_new.profile.met_on, Some(date(2025, 12, 31)));
    assert_eq!(
        store
            .person(known.id)
            .await?
            .expect("kept")
            .profile
            .met_at
            .as_deref(),
        Some("RustConf")
    );
    // how we met is searchable
    let hits = store.search("rustconf", 10).await?;
    assert!(hits.iter().any(|h| h.person == known.id), "{hits:?}");
    let i = store.interactions_of(known.id, 5).await?;
    assert_eq!(i.len(), 1);
    assert_eq!(
        (i[0].event, i[0].kind),
        (Some(conf.id), InteractionKind::Event)
    );

    // again: nothing doubles
    store
        .record_met(conf.id, &Batch::default(), &[known.id], &[], at(0))
        .await?;
    assert_eq!(
        store.event(conf.id).await?.expect("event").attendees.len(),
        3
    );

    // an unknown event writes nothing at all
    let ghost = person("Ghost");
    let err = store
        .record_met(
            EventId(Uuid::now_v7()),
            &Batch {
                people: vec![ghost.clone()],
                ..Batch::default()
            },
            &[ghost.id],
            &[],
            at(0),
        )
        .await;
    assert!(
        matches!(err, Err(StoreError::Missing { what: "event", .. })),
        "{err:?}"
    );
    assert_eq!(store.person(ghost.id).await?, None, "rolled back");
    Ok(())
}

async fn case_met_at_events(store: &Store) -> TestResult {
    let (ana, ben, cy, dee) = (
        person("Ana Lee"),
        person("Ben Okoro"),
        person("Cy Twombly"),
        person("Dee Dee"),
    );
    let mut archived = person("Old Friend");
    archived.archived_at = Some(at(-DAY));
    // a meetup that started 2 hours ago and lasted 2 hours; an older conference
    let mut meetup = event("Meetup", EventKind::Meetup, -2 * HOUR, Some(120), None);
    let mut old = event("Old conf", EventKind::Conference, -10 * DAY, None, None);
    old.ends_at = Some(at(-9 * DAY));
    let mut skipped = event("Skipped", EventKind::Other, -HOUR, None, None);
    skipped.attended = false;
    let met = |p: &Person| EventAttendee {
        person: p.id,
        met_there: true,
    };
    meetup.attendees = vec![
        met(&ana),
        met(&ben),
        met(&cy),
        met(&archived),
        EventAttendee {
            person: dee.id,
            met_there: false,
        },
    ];
    old.attendees = vec![met(&dee)];
    skipped.attendees = vec![met(&dee)];
    let batch = Batch {
        people: vec![
            ana.clone(),
            ben.clone(),
            cy.clone(),
            dee.clone(),
            archived.clone(),
        ],
        interactions: vec![
            // logged at the meetup: does not end the follow-up
            interaction(&[ana.id, ben.id], -2 * HOUR, None, Some(meetup.id)),
            // a call with ben before the meetup: does not count either
            interaction(&[ben.id], -3 * DAY, Some(10), None),
            // a call with cy after the meetup started: follow-up done
            interaction(&[cy.id], -HOUR, Some(10), None),
        ],
        events: vec![meetup.clone(), old.clone(), skipped.clone()],
        ..Batch::default()
    };
    store.write(&batch, at(0)).await?;

    let rows = store.met_at_events(at(-48 * HOUR), at(0)).await?;
    let mut want: Vec<MetAtEvent> = [&ana, &ben, &cy]
        .iter()
        .map(|p| MetAtEvent {
            event: meetup.id,
            event_name: "Meetup".into(),
            starts_at: at(-2 * HOUR),
            over_at: at(0),
            person: p.id,
            name: p.profile.name.clone(),
            followed_up_at: None,
            contact_since: if p.id == cy.id { Some(at(-HOUR)) } else { None },
        })
        .collect();
    assert_eq!(
        rows, want,
        "by event start then name; archived, not-met and skipped left out"
    );

    // the old conference is in a wider window; its end counts, not its start
    let wide = store.met_at_events(at(-9 * DAY), at(0)).await?;
    assert_eq!(wide.len(), 4);
    assert_eq!(
        (wide[0].name.as_str(), wide[0].over_at),
        ("Dee Dee", at(-9 * DAY))
    );
    assert!(
        store
            .met_at_events(at(-9 * DAY + 1), at(0))
            .await?
            .iter()
            .all(|m| m.event == meetup.id)
    );
    // not started yet as of `to`
    assert!(
        store
            .met_at_events(at(-48 * HOUR), at(-3 * HOUR))
            .await?
            .is_empty()
    );
    // contact is counted up to `to` only
    let before_call = store.met_at_events(at(-48 * HOUR), at(-HOUR - 1)).await?;
    assert!(before_call.iter().all(|m| m.contact_since.is_none()));

    // dismissing: only open follow-ups of people met there
    assert_eq!(
        store
            .set_followed_up(meetup.id, &[ana.id, dee.id], at(60))
            .await?,
        1
    );
    assert_eq!(
        store.set_followed_up(meetup.id, &[ana.id], at(120)).await?,
        0
    );
    want[0].followed_up_at = Some(at(60));
    assert_eq!(store.met_at_events(at(-48 * HOUR), at(0)).await?, want);
    Ok(())
}

async fn case_interactions_in_and_facets(store: &Store) -> TestResult {
    let (mut ana, ben) = (person("Ana Lee"), person("Ben Okoro"));
    ana.profile
        .facets
        .insert("industry".into(), "climate".into());
    let a = interaction(&[ana.id, ben.id], -DAY, Some(30), None);
    let b = interaction(&[ben.id], 0, None, None);
    let c = interaction(&[ana.id], DAY, Some(5), None);
    store
        .write(
            &Batch {
                people: vec![ana.clone(), ben.clone()],
                interactions: vec![b.clone(), a.clone(), c.clone()],
                ..Batch::default()
            },
            at(0),
        )
        .await?;
    // [from, to): oldest first, all participants
    assert_eq!(
        store.interactions_in(at(-DAY), at(DAY)).await?,
        vec![a.clone(), b.clone()]
    );
    assert_eq!(
        store.interactions_in(at(-DAY + 1), at(DAY + 1)).await?,
        vec![b, c]
    );
    assert!(
        store
            .interactions_in(at(5 * DAY), at(6 * DAY))
            .await?
            .is_empty()
    );
    let facets = store.facet_values("industry").await?;
    assert_eq!(facets, HashMap::from([(ana.id, "climate".to_owned())]));
    assert!(store.facet_values("region").await?.is_empty());
    Ok(())
}

async fn case_organisations_and_memberships(store: &Store) -> TestResult {
    let me = person("Sam Self");
    let mut ana = person("Ana Lee");
    ana.profile.organisation = Some("Acme Corp".into());
    ana.profile.title = Some("CTO".into());
    let mut bea = person("Bea Zed");
    bea.profile.organisation = Some("ACME corp".into());
    let mut gone = person("Gone Person");
    gone.profile.organisation = Some("Acme Corp".into());
    gone.archived_at = Some(at(0));
    let mut me_at = me.clone();
    me_at.profile.organisation = Some("Acme Corp".into());
    store
        .write(
            &Batch {
                people: vec![me_at.clone(), ana.clone(), bea.clone(), gone.clone()],
                events: vec![event(
                    "Acme offsite",
                    EventKind::Workshop,
                    -DAY,
                    None,
                    Some("acme corp"),
                )],
                ..Batch::default()
            },
            at(0),
        )
        .await?;
    store.set_me(me.id).await?;

    // joining an organisation that exists, by another spelling
    let (acme, created) = store
        .join_org(
            "ACME CORP",
            me.id,
            Some("alumni"),
            Some(date(2020, 1, 1)),
            at(0),
        )
        .await?;
    assert!(!created);
    assert_eq!(acme.name, "Acme Corp");
    // and one that does not
    let (club, created) = store
        .join_org("  Rust Club ", me.id, None, None, at(0))
        .await?;
    assert!(created);
    assert_eq!(club.name, "Rust Club");

    let orgs = store.organisations(Some(me.id)).await?;
    let names: Vec<&str> = orgs.iter().map(|o| o.organisation.name.as_str()).collect();
    assert_eq!(names, ["Acme Corp", "Rust Club"]);
    assert_eq!(
        (orgs[0].people, orgs[0].events),
        (2, 1),
        "archived people and me left out"
    );
    let m = orgs[0].membership.clone().expect("member");
    assert_eq!(
        (m.role.as_deref(), m.since, m.until),
        (Some("alumni"), Some(date(2020, 1, 1)), None)
    );
    assert_eq!((orgs[1].people, orgs[1].events), (0, 0));
    assert!(
        store
            .organisations(None)
            .await?
            .iter()
            .all(|o| o.membership.is_none())
    );
    assert_eq!(
        store.org_people(acme.id).await?,
        vec![
            OrgPerson {
                id: ana.id,
                name: "Ana Lee".into(),
                title: Some("CTO".into())
            },
            OrgPerson {
                id: bea.id,
                name: "Bea Zed".into(),
                title: None
            },
            OrgPerson {
                id: me.id,
                name: "Sam Self".into(),
                title: None
            },
        ]
    );

    // leaving keeps the membership with its end; current ones first
    assert!(store.leave_org(acme.id, me.id, date(2026, 1, 1)).await?);
    assert!(
        !store.leave_org(acme.id, me.id, date(2026, 1, 2)).await?,
        "already left"
    );
    assert!(
        !store.leave_org(club.id, ana.id, date(2026, 1, 2)).await?,
        "never joined"
    );
    let mine = store.memberships_of(me.id).await?;
    let summary: Vec<(&str, Option<jiff::civil::Date>)> = mine
        .iter()
        .map(|m| (m.organisation.name.as_str(), m.until))
        .collect();
    assert_eq!(
        summary,
        [("Rust Club", None), ("Acme Corp", Some(date(2026, 1, 1)))]
    );
    // joining again: current again, role and day kept when not given
    store
        .join_org("acme corp", me.id, None, None, at(10))
        .await?;
    let again = store.memberships_of(me.id).await?;
    let acme_m = again
        .iter()
        .find(|m| m.organisation.id == acme.id)
        .expect("acme");
    assert_eq!(
        (acme_m.role.as_deref(), acme_m.since, acme_m.until),
        (Some("alumni"), Some(date(2020, 1, 1)), None)
    );

    // forgetting a person erases their memberships too
    store
        .join_org("Rust Club", ana.id, Some("organiser"), None, at(0))
        .await?;
    let erased = store.forget_person(ana.id).await?;
    assert_eq!(erased.memberships, 1);
    assert!(store.memberships_of(ana.id).await?.is_empty());
    Ok(())
}

async fn case_goals(store: &Store) -> TestResult {
    let me = person("Sam Self");
    let other = person("Zoe");
    let goal = |owner: PersonId, title: &str, metric, created: i64, closed: Option<i64>| Goal {
        id: GoalId(Uuid::now_v7()),
        owner,
        title: title.into(),
        metric,
        target: 3,
        period: GoalPeriod::Quarter,
        facet_filter: Some("industry=!tech".into()),
        created_at: at(created),
        closed_at: closed.map(at),
    };
    let events = goal(me.id, "Events", GoalMetric::Events, -DAY, None);
    let intros = goal(me.id, "Intros", GoalMetric::Introductions, -3 * DAY, None);
    let done = goal(me.id, "Done", GoalMetric::Thanks, -5 * DAY, Some(-DAY));
    let theirs = goal(other.id, "Theirs", GoalMetric::Freeform, -DAY, None);
    store
        .write(
            &Batch {
                people: vec![me.clone(), other],
                goals: vec![events.clone(), intros.clone(), done.clone(), theirs],
                ..Batch::default()
            },
            at(0),
        )
        .await?;
    assert_eq!(
        store.goals_of(me.id, true).await?,
        vec![intros.clone(), events.clone()]
    );
    assert_eq!(
        store.goals_of(me.id, false).await?,
        vec![done.clone(), intros.clone(), events.clone()]
    );
    assert!(store.close_goal(events.id, at(5)).await?);
    assert!(!store.close_goal(events.id, at(6)).await?, "closed already");
    assert!(!store.close_goal(GoalId(Uuid::now_v7()), at(6)).await?);
    assert_eq!(store.goals_of(me.id, true).await?, vec![intros]);
    let all = store.goals_of(me.id, false).await?;
    assert_eq!(
        all.iter()
            .find(|g| g.id == events.id)
            .and_then(|g| g.closed_at),
        Some(at(5))
    );
    Ok(())
}
