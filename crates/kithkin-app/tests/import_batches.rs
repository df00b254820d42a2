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

/// `BATCH * 2 + 5` people, with the phone of three of them added by later records: one for
/// someone whose batch is being written, one for someone whose batch was written, one for
/// someone of the second batch.
fn records_with_updates() -> (usize, Vec<ContactRecord>, [usize; 3]) {
    let people = BATCH * 2 + 5;
    let person = |i: usize| {
        record(
            u64::try_from(i).unwrap() + 1,
            &format!("Person {i}"),
            &format!("p{i}@example.org"),
        )
    };
    let with_phone = |i: usize| {
        let mut again = record(99_999, &format!("Person {i}"), &format!("p{i}@example.org"));
        again.phones = vec![format!("+1 555 01{i:02}")];
        again
    };
    let updated = [0, 1, BATCH + 3];
    let mut records: Vec<ContactRecord> = (0..BATCH).map(person).collect();
    // the first batch is being written
    records.push(with_phone(updated[0]));
    records.extend((BATCH..people).map(person));
    // the first batch is written, the second being written
    records.push(with_phone(updated[1]));
    records.push(with_phone(updated[2]));
    (people, records, updated)
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_record_matching_someone_from_an_earlier_batch_updates_them() {
    let dir = tempfile::tempdir().unwrap();
    let app = app(&dir).await;
    let (people, records, updated) = records_with_updates();

    let mut dry = ImportReport::new("vcard", true);
    app.import_contacts(records.clone(), Vec::new(), "big.vcf", &mut dry)
        .await
        .unwrap();
    assert_eq!((dry.created, dry.updated), (people, 3), "dry run");
    assert!(
        app.resolve("p0@example.org").await.is_err(),
        "a dry run writes nothing"
    );

    let mut report = ImportReport::new("vcard", false);
    app.import_contacts(records, Vec::new(), "big.vcf", &mut report)
        .await
        .unwrap();
    assert_eq!(report.created, people);
    assert_eq!(report.updated, 3);
    assert!(report.failed.is_empty(), "{:?}", report.failed);

    for i in updated {
        let id = app.resolve(&format!("p{i}@example.org")).await.unwrap();
        let person = app.person(id).await.unwrap();
        assert_eq!(
            person.profile.phones,
            vec![format!("+1 555 01{i:02}")],
            "person {i}"
        );
    }
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
