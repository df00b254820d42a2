//! The whole database in and out, for backups: [`Store::dump`] reads every table into a
//! [`Backup`], [`Store::restore`] writes one into an empty database.

use crate::backend::{postgres, sqlite};
use crate::{Pool, Result, Store};
use jiff::Timestamp;
use kithkin_core::backup::Backup;
use kithkin_core::person::Person;

/// Makes every query of a PostgreSQL dump see the same moment (SQLite's read transaction
/// does so by itself).
const PG_SNAPSHOT: &str = "SET TRANSACTION ISOLATION LEVEL REPEATABLE READ, READ ONLY";

impl Store {
    /// Everything in the database as a backup made at `exported_at`: every table read in
    /// bulk (a constant number of queries, in one transaction, so the backup is one
    /// consistent moment), every list in canonical order.
    pub async fn dump(&self, exported_at: Timestamp) -> Result<Backup> {
        match &self.pool {
            Pool::Sqlite(p) => sqlite::dump::dump(p, None, exported_at).await,
            Pool::Postgres(p) => postgres::dump::dump(p, Some(PG_SNAPSHOT), exported_at).await,
        }
    }

    /// Every person ("me" and archived people included) with their whole profile and
    /// circles, by id, in a constant number of queries.
    pub async fn all_people(&self) -> Result<Vec<Person>> {
        on_backend!(self, dump::people())
    }

    /// Writes `backup` into this database, which must be empty (no settings, people,
    /// organisations, circles, events, interactions, collaborations or wanted facet values:
    /// anything else is refused with [`crate::StoreError::Conflict`]), in one transaction.
    /// Ids and every recorded instant are kept, so dumping afterwards gives `backup` back.
    /// With `dry_run` everything is written and then rolled back: the database's own checks
    /// run, nothing stays. Check the backup with [`Backup::check`] first: a reference to a
    /// record it does not hold fails on the database's constraints, with less to say.
    pub async fn restore(&self, backup: &Backup, dry_run: bool) -> Result<()> {
        let location = self.location.display();
        on_backend!(self, dump::restore(backup, &location, dry_run))
    }
}
