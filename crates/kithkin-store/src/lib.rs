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
mod bulk;
mod convert;
mod error;
mod events_model;
mod flatten;
mod key;
mod model;
mod open;
mod rows;

pub use error::{Result, StoreError};
pub use events_model::{Membership, OrgPerson, OrgSummary};
pub use model::{
    CheckinRow, CircleSummary, ContactStats, Counts, Erasure, FollowUpView, Matched, PeopleFilter,
    PersonBasics, PersonSummary, SearchHit,
};
pub use open::{Location, redact};

use backend::{postgres, sqlite};
use jiff::Timestamp;
use jiff::civil::Date;
use kithkin_core::batch::Batch;
use kithkin_core::cadence::Cadence;
use kithkin_core::circle::Circle;
use kithkin_core::collaboration::Collaboration;
use kithkin_core::dates::ImportantDate;
use kithkin_core::exchange::{Favour, HelpItem, HelpKind, HelpStatus};
use kithkin_core::interaction::Interaction;
use kithkin_core::introduction::Introduction;
use kithkin_core::knows::KnowsLink;
use kithkin_core::life_event::LifeEvent;
use kithkin_core::note::Note;
use kithkin_core::person::Person;
use kithkin_core::person::Role;
use kithkin_core::resolve::NameEntry;
use kithkin_core::strength::{FavourFlow, Touch};
use kithkin_core::{
    CircleId, FavourId, FollowUpId, HelpItemId, InteractionId, LifeEventId, PersonId,
};
use std::collections::HashMap;

#[derive(Clone)]
enum Pool {
    Sqlite(sqlx::SqlitePool),
    Postgres(sqlx::PgPool),
}

/// A Kithkin database. Clones share the same connection pool (a writer task can hold one).
#[derive(Clone)]
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

mod dump;
mod import;
mod network;
pub use network::FacetCount;

/// A batch with the rows its write needs beyond its records (ids as text, keys, contact rows,
/// folded search text) computed: pure CPU work, done by [`PreparedBatch::new`] on the thread
/// that calls it, so that [`Store::write_prepared`] spends its time in the database. An
/// import prepares its next batch while the store writes the previous one.
#[derive(Debug)]
pub struct PreparedBatch {
    batch: Batch,
    derived: flatten::Derived,
}

impl PreparedBatch {
    /// Prepares `batch` for writing.
    pub fn new(batch: Batch) -> PreparedBatch {
        let derived = flatten::Derived::of(&batch.people, &batch.notes);
        PreparedBatch { batch, derived }
    }

    /// The batch.
    pub fn batch(&self) -> &Batch {
        &self.batch
    }

    /// The batch, given back.
    pub fn into_batch(self) -> Batch {
        self.batch
    }
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
        let derived = flatten::Derived::of(&batch.people, &batch.notes);
        on_backend!(self, write::write_batch(batch, &derived, now))
    }

    /// Writes a batch prepared beforehand ([`PreparedBatch::new`]) in one transaction, as
    /// [`Store::write`] does.
    pub async fn write_prepared(&self, prepared: &PreparedBatch, now: Timestamp) -> Result<()> {
        on_backend!(
            self,
            write::write_batch(&prepared.batch, &prepared.derived, now)
        )
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

    /// People with a cadence (own or circle), not archived, with their last contact up to `at`.
    pub async fn checkin_candidates(&self, at: Timestamp) -> Result<Vec<CheckinRow>> {
        on_backend!(self, agenda::checkin_candidates(at))
    }

    /// Roles of the given people.
    pub async fn roles_of(&self, ids: &[PersonId]) -> Result<HashMap<PersonId, Vec<Role>>> {
        on_backend!(self, agenda::roles_of(ids))
    }

    /// Everyone not archived, except me.
    pub async fn active_people(&self) -> Result<Vec<PersonBasics>> {
        on_backend!(self, agenda::active_people())
    }

    /// Identity and dates of the given people.
    pub async fn basics_of(&self, ids: &[PersonId]) -> Result<Vec<PersonBasics>> {
        on_backend!(self, agenda::basics_of(ids))
    }

    /// Interactions up to `at` per person, for strength: everyone's, or only `people`'s.
    pub async fn touches(
        &self,
        people: Option<&[PersonId]>,
        at: Timestamp,
    ) -> Result<HashMap<PersonId, Vec<Touch>>> {
        on_backend!(self, agenda::touches(people, at))
    }

    /// Favours between `me` and each person, up to `at`, each person's in time order.
    pub async fn favour_flows(
        &self,
        me: PersonId,
        at: Timestamp,
    ) -> Result<HashMap<PersonId, Vec<FavourFlow>>> {
        on_backend!(self, agenda::favour_flows(me, at))
    }

    /// The favours between `me` and `person` up to `at`: what [`Store::favour_flows`] answers
    /// for `person` (an empty list when it has no entry), reading only the person's favours.
    pub async fn favour_flows_with(
        &self,
        me: PersonId,
        person: PersonId,
        at: Timestamp,
    ) -> Result<Vec<FavourFlow>> {
        on_backend!(self, agenda::favour_flows_with(me, person, at))
    }

    /// Contexts (circles, events attended, collaborations) each person shares with the user.
    pub async fn shared_contexts(&self) -> Result<HashMap<PersonId, u32>> {
        on_backend!(self, agenda::shared_contexts())
    }

    /// The contexts one person shares with the user: what [`Store::shared_contexts`] answers
    /// for `person` (0 when it has no entry), reading only the person's rows.
    pub async fn shared_contexts_of(&self, person: PersonId) -> Result<u32> {
        on_backend!(self, agenda::shared_contexts_of(person))
    }

    /// Important dates of everyone not archived, with names.
    pub async fn all_dates(&self) -> Result<Vec<(ImportantDate, String)>> {
        on_backend!(self, agenda::all_dates())
    }

    /// Life events not acknowledged explicitly, with name and last contact up to `at`.
    pub async fn open_life_events(
        &self,
        at: Timestamp,
    ) -> Result<Vec<(LifeEvent, String, Option<Timestamp>)>> {
        on_backend!(self, agenda::open_life_events(at))
    }

    /// Life events of one person, newest first.
    pub async fn life_events_of(&self, person: PersonId) -> Result<Vec<LifeEvent>> {
        on_backend!(self, agenda::life_events_of(person))
    }

    /// Life events whose id ends with `tail` (a full id, or its last characters).
    pub async fn life_events_by_tail(&self, tail: &str) -> Result<Vec<(LifeEvent, String)>> {
        on_backend!(self, agenda::life_events_by_tail(tail))
    }

    /// Acknowledges a life event; false when it was already acknowledged or is unknown.
    pub async fn acknowledge_life_event(&self, id: LifeEventId, at: Timestamp) -> Result<bool> {
        on_backend!(self, agenda::acknowledge_life_event(id, at))
    }

    /// Open follow-ups due on or before `on`.
    pub async fn due_follow_ups(&self, on: Date) -> Result<Vec<FollowUpView>> {
        on_backend!(self, agenda::due_follow_ups(on))
    }

    /// Every open follow-up.
    pub async fn open_follow_ups(&self) -> Result<Vec<FollowUpView>> {
        on_backend!(self, agenda::open_follow_ups())
    }

    /// Follow-ups of one person, open first.
    pub async fn follow_ups_of(&self, person: PersonId) -> Result<Vec<FollowUpView>> {
        on_backend!(self, agenda::follow_ups_of(person))
    }

    /// Follow-ups whose id ends with `tail` (a full id, or its last characters).
    pub async fn follow_ups_by_tail(&self, tail: &str) -> Result<Vec<FollowUpView>> {
        on_backend!(self, agenda::follow_ups_by_tail(tail))
    }

    /// Marks a follow-up done; false when it was done already or is unknown.
    pub async fn complete_follow_up(&self, id: FollowUpId, at: Timestamp) -> Result<bool> {
        on_backend!(self, agenda::complete_follow_up(id, at))
    }

    /// Snoozes a person's check-ins until a day, or clears the snooze.
    pub async fn set_snooze(
        &self,
        person: PersonId,
        until: Option<Date>,
        now: Timestamp,
    ) -> Result<()> {
        on_backend!(self, agenda::set_snooze(person, until, now))
    }

    /// Sets or clears a person's own cadence.
    pub async fn set_cadence(
        &self,
        person: PersonId,
        cadence: Option<Cadence>,
        now: Timestamp,
    ) -> Result<()> {
        on_backend!(self, agenda::set_cadence(person, cadence, now))
    }

    /// Sets or clears a circle's cadence.
    pub async fn set_circle_cadence(
        &self,
        circle: CircleId,
        cadence: Option<Cadence>,
    ) -> Result<()> {
        on_backend!(self, agenda::set_circle_cadence(circle, cadence))
    }

    /// Every (interaction id, participant, when, kind) in `[from, to)`, oldest first.
    pub async fn interactions_between(
        &self,
        from: Timestamp,
        to: Timestamp,
    ) -> Result<Vec<(String, PersonId, Timestamp, String)>> {
        on_backend!(self, agenda::interactions_between(from, to))
    }

    /// Needs and offers of one person, open first.
    pub async fn help_items_of(&self, person: PersonId) -> Result<Vec<HelpItem>> {
        on_backend!(self, exchange::help_items_of(person))
    }

    /// Every open need or offer (of one kind, or both) of people not archived.
    pub async fn open_help_items(&self, kind: Option<HelpKind>) -> Result<Vec<HelpItem>> {
        on_backend!(self, exchange::open_help_items(kind))
    }

    /// Needs and offers whose id ends with `tail` (a full id, or its last characters).
    pub async fn help_items_by_tail(&self, tail: &str) -> Result<Vec<HelpItem>> {
        on_backend!(self, exchange::help_items_by_tail(tail))
    }

    /// Every label of one kind (`expertise`, `interest`, `tag`…) of people not archived.
    pub async fn labels_of_kind(&self, kind: &str) -> Result<Vec<(PersonId, String)>> {
        on_backend!(self, exchange::labels_of_kind(kind))
    }

    /// What [`Store::labels_of_kind`] answers, for `people` only (through the person index).
    pub async fn labels_of_kind_for(
        &self,
        kind: &str,
        people: &[PersonId],
    ) -> Result<Vec<(PersonId, String)>> {
        on_backend!(self, exchange::labels_of_kind_for(kind, people))
    }

    /// What [`Store::open_help_items`] answers without a kind, for `people` only (through the
    /// person index).
    pub async fn open_help_items_of(&self, people: &[PersonId]) -> Result<Vec<HelpItem>> {
        on_backend!(self, exchange::open_help_items_of(people))
    }

    /// Titles of a person's open goals.
    pub async fn open_goals_of(&self, person: PersonId) -> Result<Vec<String>> {
        on_backend!(self, exchange::open_goals_of(person))
    }

    /// Closes or reopens a need or offer.
    pub async fn set_help_status(
        &self,
        id: HelpItemId,
        status: HelpStatus,
        at: Timestamp,
    ) -> Result<()> {
        on_backend!(self, exchange::set_help_status(id, status, at))
    }

    /// Favours involving `person`, or every favour with `None`, oldest first.
    pub async fn favours(&self, person: Option<PersonId>) -> Result<Vec<Favour>> {
        on_backend!(self, exchange::favours(person))
    }

    /// Favours whose id ends with `tail` (a full id, or its last characters).
    pub async fn favours_by_tail(&self, tail: &str) -> Result<Vec<Favour>> {
        on_backend!(self, exchange::favours_by_tail(tail))
    }

    /// Marks favours thanked by an interaction; returns how many were still unthanked.
    pub async fn mark_thanked(
        &self,
        ids: &[FavourId],
        at: Timestamp,
        via: Option<InteractionId>,
    ) -> Result<u64> {
        on_backend!(self, exchange::mark_thanked(ids, at, via))
    }

    /// Every introduction, or those in one status (`asked_a`, `introduced`…), newest first.
    pub async fn introductions(&self, status: Option<&str>) -> Result<Vec<Introduction>> {
        on_backend!(self, bridges::introductions(status))
    }

    /// Introductions whose id ends with `tail` (a full id, or its last characters).
    pub async fn introductions_by_tail(&self, tail: &str) -> Result<Vec<Introduction>> {
        on_backend!(self, bridges::introductions_by_tail(tail))
    }

    /// Saves an introduction's state and dates.
    pub async fn save_introduction(&self, introduction: &Introduction) -> Result<()> {
        on_backend!(self, bridges::save_introduction(introduction))
    }

    /// People working at an organisation (by name, without case or accents).
    pub async fn people_at(&self, organisation: &str) -> Result<Vec<PersonId>> {
        on_backend!(self, bridges::people_at(organisation))
    }

    /// Every collaboration (or those in one status) with its members.
    pub async fn collaborations(&self, status: Option<&str>) -> Result<Vec<Collaboration>> {
        on_backend!(self, bridges::collaborations(status))
    }

    /// Saves a collaboration and adds its new members.
    pub async fn save_collaboration(&self, collaboration: &Collaboration) -> Result<()> {
        on_backend!(self, bridges::save_collaboration(collaboration))
    }

    /// Pairs of people who took part in the same interaction.
    pub async fn met_together(&self) -> Result<Vec<(PersonId, PersonId)>> {
        on_backend!(self, bridges::met_together())
    }

    /// Every event (newest first), with its attendees.
    pub async fn events(&self) -> Result<Vec<kithkin_core::event::Event>> {
        on_backend!(self, events::events(None))
    }

    /// One event with its attendees.
    pub async fn event(
        &self,
        id: kithkin_core::EventId,
    ) -> Result<Option<kithkin_core::event::Event>> {
        Ok(on_backend!(self, events::events(Some(id)))?
            .into_iter()
            .next())
    }

    /// Records people met at an event in one transaction: the new records of `batch` (new
    /// people, the interactions logged at the event), the `updated` profiles, each of `met`
    /// as an attendee met there, and the event as attended.
    pub async fn record_met(
        &self,
        event: kithkin_core::EventId,
        batch: &Batch,
        met: &[PersonId],
        updated: &[Person],
        now: Timestamp,
    ) -> Result<()> {
        on_backend!(self, events::record_met(event, batch, met, updated, now))
    }

    /// Dismisses the follow-ups with people met at an event; returns how many were open.
    pub async fn set_followed_up(
        &self,
        event: kithkin_core::EventId,
        people: &[PersonId],
        at: Timestamp,
    ) -> Result<u64> {
        on_backend!(self, events::set_followed_up(event, people, at))
    }

    /// People met at attended events that started by `to` and were over at or after
    /// `over_since`, with their latest other contact since the event (for the agenda).
    pub async fn met_at_events(
        &self,
        over_since: Timestamp,
        to: Timestamp,
    ) -> Result<Vec<kithkin_core::event::MetAtEvent>> {
        on_backend!(self, events::met_at_events(over_since, to))
    }

    /// Interactions in `[from, to)`, oldest first, with their participants.
    pub async fn interactions_in(
        &self,
        from: Timestamp,
        to: Timestamp,
    ) -> Result<Vec<Interaction>> {
        on_backend!(self, events::interactions_in(from, to))
    }

    /// Each person's value of one facet key.
    pub async fn facet_values(&self, key: &str) -> Result<HashMap<PersonId, String>> {
        on_backend!(self, events::facet_values(key))
    }

    /// Every organisation with its people, events and `me`'s membership, by name.
    pub async fn organisations(&self, me: Option<PersonId>) -> Result<Vec<OrgSummary>> {
        on_backend!(self, events::organisations(me))
    }

    /// People (not archived) working at an organisation, by name.
    pub async fn org_people(
        &self,
        organisation: kithkin_core::OrganisationId,
    ) -> Result<Vec<OrgPerson>> {
        on_backend!(self, events::org_people(organisation))
    }

    /// A person's organisation memberships, current first.
    pub async fn memberships_of(&self, person: PersonId) -> Result<Vec<Membership>> {
        on_backend!(self, events::memberships_of(person))
    }

    /// Makes a person a member of the organisation with this name (created when missing);
    /// returns it and whether it was created.
    pub async fn join_org(
        &self,
        name: &str,
        person: PersonId,
        role: Option<&str>,
        since: Option<Date>,
        now: Timestamp,
    ) -> Result<(kithkin_core::organisation::Organisation, bool)> {
        on_backend!(self, events::join_org(name, person, role, since, now))
    }

    /// Ends a current membership on a day; false when there was none.
    pub async fn leave_org(
        &self,
        organisation: kithkin_core::OrganisationId,
        person: PersonId,
        until: Date,
    ) -> Result<bool> {
        on_backend!(self, events::leave_org(organisation, person, until))
    }

    /// A person's goals (open ones only, or all), oldest first.
    pub async fn goals_of(
        &self,
        owner: PersonId,
        open_only: bool,
    ) -> Result<Vec<kithkin_core::goal::Goal>> {
        on_backend!(self, events::goals_of(owner, open_only))
    }

    /// Closes a goal; false when it was closed already or is unknown.
    pub async fn close_goal(&self, id: kithkin_core::GoalId, at: Timestamp) -> Result<bool> {
        on_backend!(self, events::close_goal(id, at))
    }
}
