//! Asking about a record that is not there (an id no one has, someone forgotten meanwhile) is
//! the user's "not found", never a failure of the system.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use jiff::Timestamp;
use kithkin_app::{App, AppError, FixedClock};

#[tokio::test]
async fn snoozing_someone_forgotten_is_not_found() {
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
