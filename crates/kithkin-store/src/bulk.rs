//! Inserting many rows of one table inside an open transaction, the fastest way each backend
//! offers.
//!
//! - PostgreSQL: multi-row `INSERT … VALUES (…), (…)` statements, as many rows per statement
//!   as the bind limit allows (one round trip per statement).
//! - SQLite: one prepared single-row `INSERT` run once per row, on the transaction's own
//!   connection. SQLite is in-process, so a statement per row costs no round trip, and a
//!   single-row `INSERT` is cheaper for SQLite than a multi-row one: no coroutine copying every
//!   row, no statement journal, and no search of every child table for rows pointing at the
//!   new parent row (SQLite does that for multi-row inserts into a table others reference).
//!   The rows are bound straight from the caller's values; sqlx's driver would first copy
//!   every value into an argument buffer and hand it to its worker thread.
//!
//! Callers describe a row once, with [`Row::push_bind`], whichever backend runs it.

use crate::error::{Result, StoreError};
use sqlx::query_builder::Separated;
use sqlx::{Database, Encode, Postgres, QueryBuilder, Sqlite, Transaction, Type};

/// One row being bound: into a multi-row statement being built, or into a prepared statement.
pub(crate) enum Row<'r, 's, DB: Database> {
    /// A row of a multi-row `VALUES` list (PostgreSQL).
    Built(Separated<'r, DB, &'static str>),
    /// The parameters of a prepared single-row statement (SQLite).
    Prepared {
        /// The statement.
        statement: &'r mut rusqlite::Statement<'s>,
        /// Index of the next parameter (from 1).
        next: usize,
        /// The first binding that failed.
        failed: Option<rusqlite::Error>,
    },
}

impl<DB: Database> Row<'_, '_, DB> {
    /// Binds the next column's value.
    pub(crate) fn push_bind<'t, T>(&mut self, value: T) -> &mut Self
    where
        T: Encode<'t, DB> + Type<DB> + rusqlite::ToSql,
    {
        match self {
            Row::Built(values) => {
                values.push_bind(value);
            }
            Row::Prepared {
                statement,
                next,
                failed,
            } => {
                if failed.is_none()
                    && let Err(e) = statement.raw_bind_parameter(*next, value)
                {
                    *failed = Some(e);
                }
                *next += 1;
            }
        }
        self
    }
}

/// Inserts `rows` (PostgreSQL): `head` names the table and columns, `tail` follows the values
/// (`ON CONFLICT …`); `columns` values per row, as many rows per statement as the bind limit
/// allows.
pub(crate) async fn postgres_insert_many<T>(
    tx: &mut Transaction<'_, Postgres>,
    head: &'static str,
    tail: &'static str,
    columns: usize,
    rows: &[T],
    mut bind: impl FnMut(&mut Row<'_, '_, Postgres>, &T),
) -> Result<()> {
    let per_statement = (crate::backend::POSTGRES.max_binds / columns).max(1);
    for chunk in rows.chunks(per_statement) {
        let mut qb = QueryBuilder::<Postgres>::new(head);
        qb.push(" ");
        qb.push_values(chunk, |b, row| bind(&mut Row::Built(b), row));
        qb.push(tail);
        qb.build().execute(&mut **tx).await?;
    }
    Ok(())
}

/// Inserts `rows` (SQLite): the same arguments as [`postgres_insert_many`], run as one
/// prepared single-row statement per row.
pub(crate) async fn sqlite_insert_many<T>(
    tx: &mut Transaction<'_, Sqlite>,
    head: &'static str,
    tail: &'static str,
    columns: usize,
    rows: &[T],
    mut bind: impl FnMut(&mut Row<'_, '_, Sqlite>, &T),
) -> Result<()> {
    if rows.is_empty() {
        return Ok(());
    }
    let placeholders = vec!["?"; columns].join(", ");
    let sql = format!("{head} VALUES ({placeholders}){tail}");
    let mut locked = tx.lock_handle().await?;
    let handle = locked.as_raw_handle();
    // SAFETY: `locked` gives this thread the transaction's connection alone until it is
    // dropped (sqlx's worker waits for it), and `conn` — which does not own the handle, so
    // dropping it neither closes the connection nor ends the transaction — is dropped first,
    // with every statement it prepared, in the block below. Both drivers use the one SQLite
    // library linked into the binary (`libsqlite3-sys`, which allows a single copy).
    #[allow(unsafe_code)]
    let conn =
        unsafe { rusqlite::Connection::from_handle(handle.as_ptr()) }.map_err(sqlite_error)?;
    let written = insert_each(&conn, &sql, columns, rows, &mut bind);
    drop(conn);
    drop(locked);
    written
}

/// Runs `sql` once per row, binding each row with `bind`.
fn insert_each<T>(
    conn: &rusqlite::Connection,
    sql: &str,
    columns: usize,
    rows: &[T],
    bind: &mut impl FnMut(&mut Row<'_, '_, Sqlite>, &T),
) -> Result<()> {
    let mut statement = conn.prepare(sql).map_err(sqlite_error)?;
    for row in rows {
        let mut values = Row::Prepared {
            statement: &mut statement,
            next: 1,
            failed: None,
        };
        bind(&mut values, row);
        if let Row::Prepared { next, failed, .. } = values {
            if let Some(e) = failed {
                return Err(sqlite_error(e));
            }
            debug_assert_eq!(next, columns + 1, "{sql}: bound {} values", next - 1);
        }
        statement.raw_execute().map_err(sqlite_error)?;
    }
    Ok(())
}

/// A failure of a statement run through the raw connection, carried as sqlx's would be.
fn sqlite_error(e: rusqlite::Error) -> StoreError {
    StoreError::Database(sqlx::Error::Database(Box::new(RawError {
        code: e.sqlite_error().map(|f| f.extended_code),
        message: e.to_string(),
    })))
}

/// An SQLite error from the raw connection, in sqlx's error type.
#[derive(Debug)]
struct RawError {
    /// SQLite's extended result code, when SQLite gave one.
    code: Option<i32>,
    message: String,
}

impl std::fmt::Display for RawError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.message)
    }
}

impl std::error::Error for RawError {}

impl sqlx::error::DatabaseError for RawError {
    fn message(&self) -> &str {
        &self.message
    }
    fn code(&self) -> Option<std::borrow::Cow<'_, str>> {
        self.code.map(|c| c.to_string().into())
    }
    fn as_error(&self) -> &(dyn std::error::Error + Send + Sync + 'static) {
        self
    }
    fn as_error_mut(&mut self) -> &mut (dyn std::error::Error + Send + Sync + 'static) {
        self
    }
    fn into_error(self: Box<Self>) -> Box<dyn std::error::Error + Send + Sync + 'static> {
        self
    }
    fn kind(&self) -> sqlx::error::ErrorKind {
        use rusqlite::ffi;
        use sqlx::error::ErrorKind;
        match self.code {
            Some(ffi::SQLITE_CONSTRAINT_UNIQUE | ffi::SQLITE_CONSTRAINT_PRIMARYKEY) => {
                ErrorKind::UniqueViolation
            }
            Some(ffi::SQLITE_CONSTRAINT_FOREIGNKEY) => ErrorKind::ForeignKeyViolation,
            Some(ffi::SQLITE_CONSTRAINT_NOTNULL) => ErrorKind::NotNullViolation,
            Some(ffi::SQLITE_CONSTRAINT_CHECK) => ErrorKind::CheckViolation,
            _ => ErrorKind::Other,
        }
    }
}
