//! Snoozing an id no one has is the user's "not found" (exit 1, 404), never a failure of the
//! system. (A record gone between lookup and write, as when a concurrent request forgets the
//! person, is mapped the same way: `error.rs`'s unit test.)
// tests only: a failed unwrap is a failed test; no user input reaches this code
#![allow(clippy::unwrap_used, clippy::expect_used)]

use jiff::Timestamp;
use kithkin_app::{App, AppError, FixedClock};

#[tokio::test]
async fn snoozing_an_unknown_id_is_not_found() {
    let dir = tempfile::tempdir().unwrap();
    let now: Timestamp = "2026-03-10T09:00:00Z".parse().unwrap();
    let clock = FixedClock(now.to_zoned(jiff::tz::TimeZone::UTC));
    let path = dir.path().join("k.db");
    let app = App::open(&path.display().to_string(), Box::new(clock))
        .await
        .unwrap();
    let nobody = "01a21712-6728-7702-b0ca-0688a3fde12a";
    for span in [None, Some("1w")] {
        let e = app.snooze(nobody, span).await.unwrap_err();
        assert!(
            matches!(e, AppError::NotFound(_) | AppError::UnknownPerson { .. }),
            "{e:?}"
        );
        assert!(e.is_user_error(), "{e}");
    }
}
