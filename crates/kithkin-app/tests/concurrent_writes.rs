//! Writes from concurrent requests (the web server runs many at once over one SQLite pool):
//! none may fail with "database is locked". A transaction that reads before it writes must
//! take the write lock when it begins; a deferred one failed with SQLITE_BUSY_SNAPSHOT (517)
//! when another connection wrote in between (found by schemathesis on `POST /orgs/{name}/join`).
#![allow(clippy::unwrap_used, clippy::expect_used)]

use kithkin_app::people::ProfileChanges;
use kithkin_app::{App, FixedClock};
use std::sync::Arc;

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn concurrent_read_then_write_transactions_all_succeed() {
    let dir = tempfile::tempdir().unwrap();
    let now: jiff::Timestamp = "2026-03-10T09:00:00Z".parse().unwrap();
    let clock = FixedClock(now.to_zoned(jiff::tz::TimeZone::UTC));
    let app = App::open(
        &dir.path().join("k.db").display().to_string(),
        Box::new(clock),
    )
    .await
    .unwrap();
    app.init(Some("Me Myself")).await.unwrap();
    let app = Arc::new(app);
    let mut tasks = tokio::task::JoinSet::new();
    for i in 0..40 {
        let app = Arc::clone(&app);
        tasks.spawn(async move {
            if i % 2 == 0 {
                app.org_join(&format!("Org {}", i % 5), Some("member"), None)
                    .await
                    .map(|_| ())
            } else {
                let added = app
                    .add_person(&ProfileChanges {
                        name: Some(format!("Person {i}")),
                        organisation: Some(format!("Org {}", i % 5)),
                        ..ProfileChanges::default()
                    })
                    .await?;
                app.edit_person(
                    &added.person.id.to_string(),
                    &ProfileChanges {
                        tags: vec!["busy".into()],
                        ..ProfileChanges::default()
                    },
                )
                .await
                .map(|_| ())
            }
        });
    }
    while let Some(done) = tasks.join_next().await {
        done.unwrap().unwrap();
    }
    assert_eq!(app.org_list().await.unwrap().len(), 5);
}
