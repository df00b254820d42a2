//! One person's strength reads only that person's rows: the per-person store reads answer
//! exactly what the whole-table reads answer for that person, and `strength_of`, `show` and
//! `strengths_of` for one person give what the bulk reads give. On the demo network, on
//! SQLite and, with `KITHKIN_TEST_PG_URL`, on PostgreSQL (test names `<case>::sqlite` and
//! `<case>::postgres`).
#![allow(clippy::unwrap_used, clippy::expect_used)]

#[path = "../../kithkin-store/tests/common/mod.rs"]
mod common;

use common::{Kind, TestDb, TestResult};
use jiff::{Timestamp, ToSpan};
use kithkin_app::people::ProfileChanges;
use kithkin_app::{App, FixedClock};
use kithkin_core::PersonId;
use kithkin_core::strength::{Strength, StrengthInput, StrengthModel, strength};

const NOW: &str = "2026-03-10T09:00:00Z";

macro_rules! on_both_backends {
    ($($name:ident => $case:ident;)*) => {$(
        mod $name {
            use super::*;

            fn case(x: &TestDb) -> common::CaseFuture<'_> {
                Box::pin(super::$case(x))
            }

            #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
            async fn sqlite() {
                <TestDb as common::Runner>::run(stringify!($name), Kind::Sqlite, case).await
            }

            #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
            async fn postgres() {
                <TestDb as common::Runner>::run(stringify!($name), Kind::Postgres, case).await
            }
        }
    )*};
}

on_both_backends! {
    per_person_reads_match_the_whole_table => case_per_person_reads;
    one_person_strength_is_unchanged => case_one_person_strength;
}

/// The demo network at [`NOW`], plus one person with no history at all; returns the app,
/// "me" and everyone.
async fn demo(
    db: &TestDb,
) -> Result<(App, PersonId, Vec<PersonId>), Box<dyn std::error::Error + Send + Sync>> {
    let now: Timestamp = NOW.parse()?;
    let clock = FixedClock(now.to_zoned(jiff::tz::TimeZone::UTC));
    let app = App::open(&db.location, Box::new(clock)).await?;
    app.demo().await?;
    let changes = ProfileChanges {
        name: Some("Nobody Atall".to_owned()),
        ..ProfileChanges::default()
    };
    app.add_person(&changes).await?;
    let me = app.store().me().await?.ok_or("the demo sets me")?;
    let mut people: Vec<PersonId> = app
        .store()
        .name_entries(None)
        .await?
        .into_iter()
        .map(|e| e.id)
        .collect();
    people.sort();
    Ok((app, me, people))
}

/// The same strength up to rounding: the bulk read of touches (everyone's) and the one for a
/// few people may list a person's touches in another order on PostgreSQL, which moves the
/// sums in their last bits.
fn assert_close(got: Strength, want: Strength, what: &str) {
    let c = |s: Strength| {
        let c = s.components;
        [
            s.score / 100.0,
            c.recency,
            c.intensity,
            c.reciprocity,
            c.depth,
            c.duration,
            c.contexts,
        ]
    };
    for (g, w) in c(got).into_iter().zip(c(want)) {
        assert!((g - w).abs() < 1e-9, "{what}: {got:?} != {want:?}");
    }
}

async fn case_per_person_reads(db: &TestDb) -> TestResult {
    let (app, me, people) = demo(db).await?;
    let store = app.store();
    let now: Timestamp = NOW.parse()?;
    assert!(people.contains(&me) && people.len() > 50);
    let ghost = PersonId(uuid::Uuid::now_v7());
    let everyone: Vec<PersonId> = people.iter().copied().chain([ghost]).collect();

    let contexts = store.shared_contexts().await?;
    let (mut with_contexts, mut without) = (0, 0);
    for &p in &everyone {
        let want = contexts.get(&p).copied().unwrap_or(0);
        assert_eq!(store.shared_contexts_of(p).await?, want, "contexts of {p}");
        if want > 0 {
            with_contexts += 1
        } else {
            without += 1
        }
    }
    assert!(
        with_contexts > 5 && without > 1,
        "{with_contexts} with contexts, {without} without"
    );

    // now, and earlier times that leave some favours out
    for days_ago in [0, 30, 200, 2000] {
        let at = now.checked_sub((days_ago * 24).hours())?;
        let whole = store.favour_flows(me, at).await?;
        let mut with_favours = 0;
        for &p in &everyone {
            let want = whole.get(&p).cloned().unwrap_or_default();
            assert_eq!(
                store.favour_flows_with(me, p, at).await?,
                want,
                "favours with {p}, {days_ago} days ago"
            );
            with_favours += usize::from(!want.is_empty());
        }
        if days_ago == 0 {
            assert!(with_favours > 3, "{with_favours} people with favours");
        }
        // seen from someone else, as the whole-table read allows
        let other = *whole.keys().next().unwrap_or(&people[0]);
        let theirs = store.favour_flows(other, at).await?;
        for &p in &everyone {
            let want = theirs.get(&p).cloned().unwrap_or_default();
            assert_eq!(store.favour_flows_with(other, p, at).await?, want);
        }
    }
    app.close().await;
    Ok(())
}

async fn case_one_person_strength(db: &TestDb) -> TestResult {
    let (app, me, people) = demo(db).await?;
    let store = app.store();
    let model = StrengthModel::default();
    // `strength_of` is as of the end of today
    let today_end =
        Timestamp::from_second(NOW.parse::<Timestamp>()?.as_second() / 86_400 * 86_400 + 86_399)?;
    let favours = store.favour_flows(me, today_end).await?;
    let contexts = store.shared_contexts().await?;
    let listed = app.strength_list(None).await?;
    let mut checked = 0;
    for &p in &people {
        // what `strength_of` computed from the whole-table reads of favours and contexts
        let touches = store.touches(Some(&[p]), today_end).await?;
        let met_on = app.person(p).await?.profile.met_on;
        let input = StrengthInput {
            touches: touches.get(&p).map(Vec::as_slice).unwrap_or(&[]),
            favours: favours.get(&p).map(Vec::as_slice).unwrap_or(&[]),
            known_since: met_on
                .and_then(|d| d.to_zoned(jiff::tz::TimeZone::UTC).ok())
                .map(|z| z.timestamp()),
            shared_contexts: contexts.get(&p).copied().unwrap_or(0),
        };
        let want = strength(&input, today_end, &model);
        let want_lines = want.explain(&input, today_end);
        let (got, lines) = app.strength_of(p).await?;
        assert_eq!((got, &lines), (want, &want_lines), "strength of {p}");
        let view = app.show(&p.to_string()).await?;
        if p == me {
            assert_eq!(view.strength, None);
        } else {
            assert_eq!(view.strength, Some(want), "show {p}");
            assert_eq!(view.strength_explained, want_lines);
            if view.person.archived_at.is_none() {
                let in_list = listed.iter().find(|s| s.person == p).ok_or("listed")?;
                assert_close(in_list.strength, want, &format!("strength list, {p}"));
            }
            checked += 1;
        }
    }
    assert!(checked > 50);

    // `strengths_of` for one person, now and earlier, is the bulk answer's entry
    for days_ago in [0, 45, 400] {
        let at = today_end.checked_sub((days_ago * 24).hours())?;
        let bulk = app.strengths_of(None, at).await?;
        for &p in &people {
            let one = app.strengths_of(Some(&[p]), at).await?;
            assert_eq!(one.len(), 1);
            // the bulk answer leaves out me and archived people
            if let Some(&want) = bulk.get(&p) {
                let got = *one.get(&p).ok_or("asked for")?;
                assert_close(got, want, &format!("{p}, {days_ago} days ago"));
            }
        }
        assert!(bulk.len() > 50);
    }
    app.close().await;
    Ok(())
}
