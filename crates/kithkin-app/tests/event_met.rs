//! `event_met` with `create`: names that match nobody become new people, but an id or an
//! email always means someone already known (regression: an id was made a person's name).
#![allow(clippy::unwrap_used, clippy::expect_used)]

use jiff::Timestamp;
use kithkin_app::events::EventRequest;
use kithkin_app::people::ProfileChanges;
use kithkin_app::{App, AppError, FixedClock};

async fn app(dir: &tempfile::TempDir) -> App {
    let now: Timestamp = "2026-03-10T09:00:00Z".parse().unwrap();
    let clock = FixedClock(now.to_zoned(jiff::tz::TimeZone::UTC));
    App::open(
        &dir.path().join("k.db").display().to_string(),
        Box::new(clock),
    )
    .await
    .unwrap()
}

#[tokio::test]
async fn create_still_resolves_ids_and_emails() {
    let dir = tempfile::tempdir().unwrap();
    let app = app(&dir).await;
    app.init(Some("Me Myself")).await.unwrap();
    let ana = app
        .add_person(&ProfileChanges {
            name: Some("Ana Known".into()),
            emails: vec!["ana@example.com".into()],
            ..ProfileChanges::default()
        })
        .await
        .unwrap()
        .person
        .id;
    let bo = app
        .add_person(&ProfileChanges {
            name: Some("Bo Known".into()),
            emails: vec!["bo@example.com".into()],
            ..ProfileChanges::default()
        })
        .await
        .unwrap()
        .person
        .id;
    let (event, _) = app
        .event_add(&EventRequest {
            name: "Meetup".into(),
            on: "2026-03-01".into(),
            org: None,
            kind: None,
            minutes: None,
            location: None,
            note: None,
        })
        .await
        .unwrap();
    let id = event.id.to_string();
    let people = vec![
        ana.to_string(),
        "bo@example.com".to_owned(),
        "Cy New".to_owned(),
    ];
    let outcome = app.event_met(&id, &people, true).await.unwrap();
    let names: Vec<&str> = outcome.people.iter().map(|p| p.name.as_str()).collect();
    assert_eq!(names, ["Ana Known", "Bo Known", "Cy New"]);
    let created: Vec<bool> = outcome.people.iter().map(|p| p.created).collect();
    assert_eq!(created, [false, false, true]);
    assert_eq!(outcome.people[0].person, ana);
    assert_eq!(outcome.people[1].person, bo);

    // an unknown id is an unknown person, not a new one
    let unknown = vec!["01a21587-3cd3-777b-a825-d8ff850a54fa".to_owned()];
    let e = app.event_met(&id, &unknown, true).await.unwrap_err();
    assert!(matches!(e, AppError::UnknownPerson { .. }), "{e:?}");
    app.close().await;
}
