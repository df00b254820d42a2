//! Imports bigger than one batch: batches are written while the next is matched, and a
//! record matching someone created in an earlier batch updates them (it is neither lost nor
//! a duplicate).
// tests only: a failed unwrap is a failed test; no user input reaches this code
#![allow(clippy::unwrap_used, clippy::expect_used)]

use jiff::Timestamp;
use kithkin_app::import::{BATCH, ImportReport};
use kithkin_app::{App, FixedClock};
use kithkin_formats::contact::ContactRecord;

async fn app(dir: &tempfile::TempDir) -> App {
    let now: Timestamp = "2026-03-10T09:00:00Z".parse().unwrap();
    let clock = FixedClock(now.to_zoned(jiff::tz::TimeZone::UTC));
    let path = dir.path().join("k.db");
    App::open(&path.display().to_string(), Box::new(clock))
        .await
        .unwrap()
}

fn record(line: u64, name: &str, email: &str) -> ContactRecord {
    ContactRecord {
        line,
        name: name.to_owned(),
        emails: vec![email.to_owned()],
        ..ContactRecord::default()
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_record_matching_someone_from_an_earlier_batch_updates_them() {
    let dir = tempfile::tempdir().unwrap();
    let app = app(&dir).await;
    let people = BATCH + 5;
    let mut records: Vec<ContactRecord> = (0..people)
        .map(|i| {
            record(
                u64::try_from(i).unwrap() + 1,
                &format!("Person {i}"),
                &format!("p{i}@example.org"),
            )
        })
        .collect();
    // after the first batch is written: the first person again, with a phone
    let mut again = record(99_999, "Person 0", "p0@example.org");
    again.phones = vec!["+1 555 0100".to_owned()];
    records.push(again);
    let mut report = ImportReport::new("vcard", false);
    app.import_contacts(records, Vec::new(), "big.vcf", &mut report)
        .await
        .unwrap();
    assert_eq!(report.created, people);
    assert_eq!(report.updated, 1);
    assert!(report.failed.is_empty(), "{:?}", report.failed);

    let first = app.resolve("p0@example.org").await.unwrap();
    let first = app.person(first).await.unwrap();
    assert_eq!(first.profile.phones, vec!["+1 555 0100".to_owned()]);
    let last = app
        .resolve(&format!("p{}@example.org", people - 1))
        .await
        .unwrap();
    assert_eq!(
        app.person(last).await.unwrap().profile.name,
        format!("Person {}", people - 1)
    );

    // importing the same records again changes nothing
    let records: Vec<ContactRecord> = (0..people)
        .map(|i| record(1, &format!("Person {i}"), &format!("p{i}@example.org")))
        .collect();
    let mut again = ImportReport::new("vcard", false);
    app.import_contacts(records, Vec::new(), "big.vcf", &mut again)
        .await
        .unwrap();
    assert_eq!(
        (again.created, again.updated, again.unchanged),
        (0, 0, people)
    );
}
