//! Kithkin's use cases: what a user can do, over a [`Store`], with the time taken from a
//! [`Clock`]. No command-line parsing and no HTTP here; the CLI and the web server are thin
//! layers over [`App`].
#![deny(missing_docs)]

pub mod activity;
pub mod backup;
pub mod bridges;
pub mod brief;
pub mod calendar;
pub mod circles;
pub mod collab;
pub mod contacts_export;
pub mod demo;
pub mod diversity;
pub mod dupes;
mod error;
pub mod events;
pub mod exchange;
pub mod generate;
pub mod goals;
pub mod ics_import;
pub mod import;
pub mod keep_in_touch;
pub mod linkedin_import;
pub mod mail_import;
pub mod network;
pub mod people;
pub mod review;
pub mod support;
pub mod value;

pub use error::{AppError, Result};
pub use kithkin_store::Store;

use jiff::{Timestamp, Zoned};

/// Where "now" comes from. The CLI uses the system clock (or a fixed one for `--at` and
/// tests); nothing below the app reads the clock.
pub trait Clock: Send + Sync + std::fmt::Debug {
    /// The current moment in the user's time zone.
    fn now(&self) -> Zoned;
}

/// The computer's clock and time zone.
#[derive(Debug, Clone, Copy, Default)]
pub struct SystemClock;

impl Clock for SystemClock {
    fn now(&self) -> Zoned {
        Zoned::now()
    }
}

/// A clock stopped at one moment (tests, `KITHKIN_NOW`).
#[derive(Debug, Clone)]
pub struct FixedClock(pub Zoned);

impl Clock for FixedClock {
    fn now(&self) -> Zoned {
        self.0.clone()
    }
}

/// The application: a store and a clock.
#[derive(Debug)]
pub struct App {
    store: Store,
    clock: Box<dyn Clock>,
}

impl App {
    /// An app over an open store.
    pub fn new(store: Store, clock: Box<dyn Clock>) -> Self {
        Self { store, clock }
    }

    /// Opens the database at `location` (path or `postgres://` URL).
    pub async fn open(location: &str, clock: Box<dyn Clock>) -> Result<Self> {
        Ok(Self::new(Store::open(location).await?, clock))
    }

    /// The store, for questions the app has no use case for yet.
    pub fn store(&self) -> &Store {
        &self.store
    }

    /// The current moment.
    pub fn now(&self) -> Zoned {
        self.clock.now()
    }

    /// The current instant, to the second (what the store keeps).
    pub fn timestamp(&self) -> Timestamp {
        let now = self.clock.now().timestamp();
        Timestamp::from_second(now.as_second()).unwrap_or(now)
    }

    /// Closes the database cleanly.
    pub async fn close(self) {
        self.store.close().await;
    }
}

impl App {
    /// Refuses a database that holds anyone but "me" (`why` says what needs it empty);
    /// returns "me" when already set.
    pub(crate) async fn require_empty(&self, why: &str) -> Result<Option<kithkin_core::PersonId>> {
        let me = self.store.me().await?;
        let others = self.store.counts().await?.people - i64::from(me.is_some());
        if others > 0 {
            let people = if others == 1 { "person" } else { "people" };
            return Err(AppError::Conflict(format!(
                "the database already holds {others} {people}; {why}"
            )));
        }
        Ok(me)
    }
}

/// A new time-ordered id.
pub(crate) fn new_uuid() -> uuid::Uuid {
    uuid::Uuid::now_v7()
}
