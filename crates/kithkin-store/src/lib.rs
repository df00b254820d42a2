//! Kithkin's storage: one async API, [`Store`], over two backends chosen by location —
//! an SQLite file (the default, zero set-up) or a PostgreSQL server (`postgres://…`).
//!
//! Each backend has its own migrations folder, embedded in the binary. Queries are written
//! once and compiled for each driver (see `backend.rs`); rows map to `kithkin-core` types at
//! this boundary, so nothing above the store sees SQL. Analytics ask in bulk: one query for
//! everyone, never one per person.
//!
//! ```no_run
//! # async fn demo() -> Result<(), kithkin_store::StoreError> {
//! let store = kithkin_store::Store::open("/tmp/kithkin-example.db").await?;
//! let people = store.list_people(&Default::default()).await?;
//! println!("{} people", people.len());
//! # Ok(()) }
//! ```
#![deny(missing_docs)]

mod backend;
mod convert;
mod error;
mod flatten;
mod model;
mod open;
mod rows;

pub use error::{Result, StoreError};
pub use model::{
    CircleSummary, ContactStats, Counts, Erasure, Matched, PeopleFilter, PersonSummary, SearchHit,
};
pub use open::{Location, redact};

use backend::{postgres, sqlite};
use jiff::Timestamp;
use kithkin_core::batch::Batch;
use kithkin_core::circle::Circle;
use kithkin_core::dates::ImportantDate;
use kithkin_core::interaction::Interaction;
use kithkin_core::knows::KnowsLink;
use kithkin_core::note::Note;
use kithkin_core::person::Person;
use kithkin_core::resolve::NameEntry;
use kithkin_core::{CircleId, PersonId};

enum Pool {
    Sqlite(sqlx::SqlitePool),
    Postgres(sqlx::PgPool),
}

/// A Kithkin database.
pub struct Store {
    pool: Pool,
    location: Location,
}

impl std::fmt::Debug for Store {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Store")
            .field("location", &self.location.display())
            .finish()
    }
}

/// Runs the same query module function on whichever backend the store uses.
macro_rules! on_backend {
    ($self:expr, $module:ident :: $func:ident ( $($arg:expr),* )) => {
        match &$self.pool {
            Pool::Sqlite(p) => sqlite::$module::$func(p $(, $arg)*).await,
            Pool::Postgres(p) => postgres::$module::$func(p $(, $arg)*).await,
        }
    };
}

impl Store {
    /// Opens the database at `location` (a file path or a `postgres://` URL), creating and
    /// migrating it as needed.
    pub async fn open(location: &str) -> Result<Store> {
        let location = Location::parse(location);
        let pool = match &location {
            Location::Sqlite(path) => Pool::Sqlite(open::sqlite(path).await?),
            Location::Postgres(url) => Pool::Postgres(open::postgres(url).await?),
        };
        Ok(Store { pool, location })
    }

    /// Where the database lives.
    pub fn location(&self) -> &Location {
        &self.location
    }

    /// `sqlite` or `postgres`.
    pub fn backend_name(&self) -> &'static str {
        match self.pool {
            Pool::Sqlite(_) => "sqlite",
            Pool::Postgres(_) => "postgres",
        }
    }

    /// Closes every connection (and checkpoints SQLite's write-ahead log).
    pub async fn close(self) {
        match self.pool {
            Pool::Sqlite(p) => p.close().await,
            Pool::Postgres(p) => p.close().await,
        }
    }

    /// Writes every record of `batch` in one transaction.
    pub async fn write(&self, batch: &Batch, now: Timestamp) -> Result<()> {
        on_backend!(self, write::write_batch(batch, now))
    }

    /// The id of "me", once `init` set it.
    pub async fn me(&self) -> Result<Option<PersonId>> {
        on_backend!(self, read::me())
    }

    /// Records who "me" is.
    pub async fn set_me(&self, id: PersonId) -> Result<()> {
        on_backend!(self, change::set_me(id))
    }

    /// One person with their whole profile and circles.
    pub async fn person(&self, id: PersonId) -> Result<Option<Person>> {
        on_backend!(self, read::person(id))
    }

    /// People with this email address (compared without case).
    pub async fn people_by_email(&self, email: &str) -> Result<Vec<PersonId>> {
        on_backend!(
            self,
            read::people_by_contact("email", &kithkin_core::text::email_key(email))
        )
    }

    /// People with this phone number (compared by digits).
    pub async fn people_by_phone(&self, phone: &str) -> Result<Vec<PersonId>> {
        on_backend!(
            self,
            read::people_by_contact("phone", &kithkin_core::text::phone_key(phone))
        )
    }

    /// Names for matching what a user typed; `containing` narrows to folded names that
    /// contain the fragment.
    pub async fn name_entries(&self, containing: Option<&str>) -> Result<Vec<NameEntry>> {
        on_backend!(self, read::name_entries(containing))
    }

    /// People matching `filter`, by name.
    pub async fn list_people(&self, filter: &PeopleFilter) -> Result<Vec<PersonSummary>> {
        on_backend!(self, read::list_people(filter))
    }

    /// Full-text search over names, organisations, tags, interests and notes.
    pub async fn search(&self, query: &str, limit: usize) -> Result<Vec<SearchHit>> {
        on_backend!(self, read::search(query, limit))
    }

    /// Notes about a person, newest first.
    pub async fn notes_of(&self, person: PersonId, limit: i64) -> Result<Vec<Note>> {
        on_backend!(self, read::notes_of(person, limit))
    }

    /// Interactions with a person, newest first.
    pub async fn interactions_of(&self, person: PersonId, limit: i64) -> Result<Vec<Interaction>> {
        on_backend!(self, read::interactions_of(person, limit))
    }

    /// Important dates of a person.
    pub async fn dates_of(&self, person: PersonId) -> Result<Vec<ImportantDate>> {
        on_backend!(self, read::dates_of(person))
    }

    /// Knows links of a person, strongest first.
    pub async fn knows_of(&self, person: PersonId) -> Result<Vec<KnowsLink>> {
        on_backend!(self, read::knows_of(person))
    }

    /// Every knows link.
    pub async fn all_knows(&self) -> Result<Vec<KnowsLink>> {
        on_backend!(self, read::all_knows())
    }

    /// Every circle with its member count.
    pub async fn circles(&self) -> Result<Vec<CircleSummary>> {
        on_backend!(self, read::circles())
    }

    /// A circle by name (compared without case or accents).
    pub async fn circle_by_name(&self, name: &str) -> Result<Option<Circle>> {
        let key = kithkin_core::text::name_key(name);
        let all = self.circles().await?;
        Ok(all
            .into_iter()
            .map(|c| c.circle)
            .find(|c| kithkin_core::text::name_key(&c.name) == key))
    }

    /// Names of the given people, in one query per 30,000 ids.
    pub async fn names_of(
        &self,
        ids: &[PersonId],
    ) -> Result<std::collections::HashMap<PersonId, String>> {
        on_backend!(self, read::names_of(ids))
    }

    /// Interaction totals for one person (`None` before the first interaction).
    pub async fn contact_stats_of(&self, person: PersonId) -> Result<Option<ContactStats>> {
        on_backend!(self, read::contact_stats_of(person))
    }

    /// Interaction totals for everyone, in one query.
    pub async fn contact_stats(&self) -> Result<Vec<ContactStats>> {
        on_backend!(self, read::contact_stats())
    }

    /// How many records of each kind exist.
    pub async fn counts(&self) -> Result<Counts> {
        on_backend!(self, read::counts())
    }

    /// Replaces a person's profile and circles (their circles must exist).
    pub async fn update_person(&self, person: &Person) -> Result<()> {
        on_backend!(self, change::update_person(person))
    }

    /// Archives a person at `at`, or restores them with `None`.
    pub async fn set_archived(
        &self,
        id: PersonId,
        at: Option<Timestamp>,
        now: Timestamp,
    ) -> Result<()> {
        on_backend!(self, change::set_archived(id, at, now))
    }

    /// Adds people to a circle; returns how many were new members.
    pub async fn add_members(&self, circle: CircleId, people: &[PersonId]) -> Result<u64> {
        on_backend!(self, change::add_members(circle, people))
    }

    /// Removes people from a circle; returns how many were members.
    pub async fn remove_members(&self, circle: CircleId, people: &[PersonId]) -> Result<u64> {
        on_backend!(self, change::remove_members(circle, people))
    }

    /// Sets a knows link to exactly this strength.
    pub async fn set_knows(&self, link: &KnowsLink, now: Timestamp) -> Result<()> {
        on_backend!(self, change::set_knows(link, now))
    }

    /// Erases a person and everything about them; says what went.
    pub async fn forget_person(&self, id: PersonId) -> Result<Erasure> {
        on_backend!(self, change::forget_person(id))
    }
}
