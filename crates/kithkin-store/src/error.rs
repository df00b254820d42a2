//! What can go wrong in the store, said so a user can act on it.

use std::path::PathBuf;

/// A store failure.
#[derive(Debug, thiserror::Error)]
pub enum StoreError {
    /// `--db` names a directory.
    #[error("{path}: is a directory; give the path of a database file (e.g. {path}/kithkin.db)")]
    IsDirectory {
        /// The path given.
        path: PathBuf,
    },
    /// `--db` names a file that is not an SQLite database. It was not touched.
    #[error("{path}: is not a Kithkin database (not an SQLite file); it was left untouched")]
    NotADatabase {
        /// The path given.
        path: PathBuf,
    },
    /// The database was written by a newer Kithkin.
    #[error(
        "the database uses schema version {found}, newer than this kithkin supports ({supported}); upgrade kithkin to open it"
    )]
    NewerSchema {
        /// Highest version recorded in the database.
        found: i64,
        /// Highest version this build knows.
        supported: i64,
    },
    /// The database location could not be used.
    #[error("cannot open database {location}: {reason}")]
    Open {
        /// Path or URL (password removed).
        location: String,
        /// Why.
        reason: String,
    },
    /// A value read back from the database is not what Kithkin writes.
    #[error("damaged record in {table}.{column}: {value:?} ({reason})")]
    Corrupt {
        /// Table.
        table: &'static str,
        /// Column.
        column: &'static str,
        /// Value found.
        value: String,
        /// Why it is unusable.
        reason: String,
    },
    /// A record that must exist does not.
    #[error("no {what} with id {id}")]
    Missing {
        /// Kind of record.
        what: &'static str,
        /// The id looked for.
        id: String,
    },
    /// A uniqueness rule was broken (two circles with one name…).
    #[error("{0}")]
    Conflict(String),
    /// Migration failed.
    #[error("could not update the database schema: {0}")]
    Migrate(#[from] sqlx::migrate::MigrateError),
    /// Any other database error.
    #[error("database error: {0}")]
    Database(#[from] sqlx::Error),
}

/// Store results.
pub type Result<T, E = StoreError> = std::result::Result<T, E>;
