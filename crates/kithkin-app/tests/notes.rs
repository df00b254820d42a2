//! `notes`: every note about a person, newest first, beyond the ten `show` holds.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use kithkin_app::{App, AppError, FixedClock};

#[tokio::test]
async fn notes_newest_first_with_a_limit() {
    let dir = tempfile::tempdir().unwrap();
    let now: jiff::Timestamp = "2026-03-10T09:00:00Z".parse().unwrap();
    let app = App::open(
        &dir.path().join("k.db").display().to_string(),
        Box::new(FixedClock(now.to_zoned(jiff::tz::TimeZone::UTC))),
    )
    .await
    .unwrap();
    app.init(Some("Me Myself")).await.unwrap();
    let ana = app
        .add_person(&kithkin_app::people::ProfileChanges {
            name: Some("Ana Notes".into()),
            ..Default::default()
        })
        .await
        .unwrap()
        .person
        .id;
    for i in 0..12 {
        app.note("Ana Notes", &format!("note {i}")).await.unwrap();
    }
    let all = app.notes(&ana.to_string(), 100).await.unwrap();
    assert_eq!(all.len(), 12);
    assert!(all.iter().all(|n| n.person == ana));
    assert_eq!(app.notes("Ana Notes", 3).await.unwrap().len(), 3);
    let e = app.notes("Nobody Atall", 3).await.unwrap_err();
    assert!(matches!(e, AppError::UnknownPerson { .. }), "{e:?}");
    app.close().await;
}
