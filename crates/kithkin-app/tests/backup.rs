//! Backups through the app: the demo network exported, imported into an empty database and
//! exported again is the same backup; what `import_json` refuses, and the spreadsheet view.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use jiff::Timestamp;
use kithkin_app::{App, AppError, FixedClock};
use kithkin_core::PersonId;
use kithkin_core::backup::{Backup, FORMAT};
use std::path::Path;
use tempfile::TempDir;

const NOW: &str = "2026-03-10T09:00:00Z";

async fn app(dir: &TempDir, name: &str) -> App {
    let path = dir.path().join(name);
    open(&path).await
}

async fn open(path: &Path) -> App {
    let now: Timestamp = NOW.parse().unwrap();
    let clock = FixedClock(now.to_zoned(jiff::tz::TimeZone::UTC));
    App::open(&path.display().to_string(), Box::new(clock))
        .await
        .unwrap()
}

/// The demo network, exported.
async fn demo_backup(dir: &TempDir) -> Backup {
    let a = app(dir, "demo.db").await;
    a.demo().await.unwrap();
    let backup = a.export_json().await.unwrap();
    a.close().await;
    backup
}

#[tokio::test]
async fn export_import_export_gives_the_same_backup() {
    let dir = tempfile::tempdir().unwrap();
    let first = demo_backup(&dir).await;
    assert_eq!(first.format, FORMAT);
    assert_eq!(first.exported_at, NOW.parse::<Timestamp>().unwrap());
    assert!(first.people.len() > 50, "the demo has about 60 people");
    assert!(!first.interactions.is_empty() && !first.events.is_empty());
    assert_eq!(first.org_memberships.len(), 1);

    let b = app(&dir, "restored.db").await;
    let report = b.import_json(&first, false).await.unwrap();
    assert!(!report.dry_run);
    assert_eq!(report.version, 1);
    assert_eq!(report.restored, first.counts());
    let second = b.export_json().await.unwrap();
    assert_eq!(second, first);

    // the restored database answers like the original: same agenda, same strengths
    let original = app(&dir, "demo.db").await;
    assert_eq!(
        format!("{:?}", b.today(None).await.unwrap()),
        format!("{:?}", original.today(None).await.unwrap())
    );
    assert_eq!(
        b.spreadsheet().await.unwrap(),
        original.spreadsheet().await.unwrap()
    );
    original.close().await;
    b.close().await;
}

#[tokio::test]
async fn a_dry_run_checks_everything_and_writes_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let backup = demo_backup(&dir).await;
    let b = app(&dir, "empty.db").await;
    let report = b.import_json(&backup, true).await.unwrap();
    assert!(report.dry_run);
    assert_eq!(report.restored.people, backup.people.len());
    assert_eq!(b.store().counts().await.unwrap().people, 0);
    assert_eq!(b.store().me().await.unwrap(), None);
    // and the real one still works after it
    b.import_json(&backup, false).await.unwrap();
    assert_eq!(b.store().me().await.unwrap(), backup.me);
    b.close().await;
}

#[tokio::test]
async fn a_database_that_is_not_empty_is_refused() {
    let dir = tempfile::tempdir().unwrap();
    let backup = demo_backup(&dir).await;
    let a = app(&dir, "demo.db").await;
    let before = a.store().counts().await.unwrap();
    let err = a.import_json(&backup, false).await.unwrap_err();
    assert!(matches!(err, AppError::Conflict(_)), "{err:?}");
    assert!(err.is_user_error());
    let msg = err.to_string();
    assert!(msg.contains("not empty"), "{msg}");
    assert!(msg.contains("demo.db"), "{msg}");
    assert!(msg.contains("63 people"), "{msg}");
    assert_eq!(a.store().counts().await.unwrap(), before);
    // a dry run says the same
    assert!(matches!(
        a.import_json(&backup, true).await,
        Err(AppError::Conflict(_))
    ));
    a.close().await;

    // only "me" (after `kithkin init`) is not empty either
    let b = app(&dir, "init.db").await;
    b.init(Some("Sam Rivers")).await.unwrap();
    let err = b.import_json(&backup, false).await.unwrap_err();
    assert!(err.to_string().contains("1 person"), "{err}");
    b.close().await;
}

#[tokio::test]
async fn other_formats_and_newer_versions_are_refused() {
    let dir = tempfile::tempdir().unwrap();
    let b = app(&dir, "empty.db").await;
    let mut newer = Backup::new(NOW.parse().unwrap());
    newer.version = 2;
    let err = b.import_json(&newer, false).await.unwrap_err();
    let AppError::Invalid(problems) = &err else {
        panic!("expected a refusal, got {err:?}")
    };
    assert_eq!(problems[0].field, "backup version");
    assert!(err.to_string().contains("newer than this kithkin"), "{err}");

    let mut other = Backup::new(NOW.parse().unwrap());
    other.format = "vcard".into();
    let err = b.import_json(&other, false).await.unwrap_err();
    assert!(err.to_string().contains("not a Kithkin backup"), "{err}");
    assert_eq!(b.store().counts().await.unwrap().people, 0);
    b.close().await;
}

#[tokio::test]
async fn a_backup_that_is_not_whole_is_refused_with_what_is_missing() {
    let dir = tempfile::tempdir().unwrap();
    let mut backup = demo_backup(&dir).await;
    let stranger = PersonId(uuid::Uuid::from_u128(7));
    backup.notes[0].person = stranger;
    let b = app(&dir, "empty.db").await;
    let err = b.import_json(&backup, false).await.unwrap_err();
    let msg = err.to_string();
    assert!(
        msg.contains(&format!("notes[0].person \"{stranger}\": is not in people")),
        "{msg}"
    );
    // many problems: the first twenty, then a count
    for n in &mut backup.notes {
        n.person = stranger;
    }
    let Err(AppError::Invalid(problems)) = b.import_json(&backup, false).await else {
        panic!("expected a refusal")
    };
    assert_eq!(problems.len(), kithkin_app::backup::PROBLEMS_SHOWN + 1);
    assert!(
        problems[kithkin_app::backup::PROBLEMS_SHOWN]
            .reason
            .contains("more problems"),
        "{problems:?}"
    );
    assert_eq!(b.store().counts().await.unwrap().people, 0);
    b.close().await;
}

#[tokio::test]
async fn the_spreadsheet_has_everyone_but_me_by_name() {
    let dir = tempfile::tempdir().unwrap();
    let backup = demo_backup(&dir).await;
    let a = app(&dir, "demo.db").await;
    let rows = a.spreadsheet().await.unwrap();
    assert_eq!(rows.len(), backup.people.len() - 1);
    assert!(rows.iter().all(|r| Some(r.id) != backup.me));
    let keys: Vec<String> = rows
        .iter()
        .map(|r| kithkin_core::text::name_key(&r.name))
        .collect();
    let mut sorted = keys.clone();
    sorted.sort();
    assert_eq!(keys, sorted);
    for r in &rows {
        let person = backup.people.iter().find(|p| p.id == r.id).unwrap();
        assert_eq!(r.emails, person.profile.emails);
        assert_eq!(r.circles, person.circles);
        assert_eq!(r.cadence_days, person.profile.cadence.map(|c| c.days()));
        assert_eq!(r.archived_at.is_some(), r.strength.is_none(), "{}", r.name);
        let last = backup
            .interactions
            .iter()
            .filter(|i| i.record.participants.contains(&r.id))
            .map(|i| i.record.occurred_at)
            .max();
        assert_eq!(r.last_contact, last, "{}", r.name);
    }
    a.close().await;
}
