//! Opening a database: choosing the backend from the location, refusing what is not a
//! Kithkin database (without touching it) or was written by a newer Kithkin, and applying the
//! embedded migrations.

use crate::error::{Result, StoreError};
use sqlx::Connection;
use sqlx::migrate::Migrator;
use sqlx::postgres::{PgPool, PgPoolOptions};
use sqlx::sqlite::{
    SqliteConnectOptions, SqliteJournalMode, SqlitePool, SqlitePoolOptions, SqliteSynchronous,
};
use std::io::Read;
use std::path::{Path, PathBuf};
use std::time::Duration;

pub(crate) static SQLITE_MIGRATIONS: Migrator = sqlx::migrate!("./migrations/sqlite");
pub(crate) static POSTGRES_MIGRATIONS: Migrator = sqlx::migrate!("./migrations/postgres");

/// Where a database lives.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Location {
    /// An SQLite file.
    Sqlite(PathBuf),
    /// A PostgreSQL server, by URL.
    Postgres(String),
}

impl Location {
    /// `postgres://…` or `postgresql://…` is a server; anything else is an SQLite file path
    /// (an optional `sqlite://` prefix is dropped).
    pub fn parse(s: &str) -> Location {
        let t = s.trim();
        if t.starts_with("postgres://") || t.starts_with("postgresql://") {
            Location::Postgres(t.to_owned())
        } else {
            let path = t
                .strip_prefix("sqlite://")
                .or_else(|| t.strip_prefix("sqlite:"))
                .unwrap_or(t);
            Location::Sqlite(PathBuf::from(path))
        }
    }

    /// The location as shown to the user, without any password.
    pub fn display(&self) -> String {
        match self {
            Location::Sqlite(p) => p.display().to_string(),
            Location::Postgres(url) => redact(url),
        }
    }
}

/// Hides the password of a database URL.
pub fn redact(url: &str) -> String {
    match (url.find("://"), url.rfind('@')) {
        (Some(scheme), Some(at)) if at > scheme => {
            let creds = &url[scheme + 3..at];
            match creds.split_once(':') {
                Some((user, _)) => format!("{}{user}:***{}", &url[..scheme + 3], &url[at..]),
                None => url.to_owned(),
            }
        }
        _ => url.to_owned(),
    }
}

const SQLITE_MAGIC: &[u8; 16] = b"SQLite format 3\0";

/// Refuses a directory or a non-SQLite file before SQLite gets a chance to write to it.
fn check_sqlite_path(path: &Path) -> Result<()> {
    if path.is_dir() {
        return Err(StoreError::IsDirectory {
            path: path.to_owned(),
        });
    }
    if path.exists() {
        let open_err = |e: std::io::Error| StoreError::Open {
            location: path.display().to_string(),
            reason: e.to_string(),
        };
        let mut file = std::fs::File::open(path).map_err(open_err)?;
        let mut head = Vec::with_capacity(16);
        file.by_ref()
            .take(16)
            .read_to_end(&mut head)
            .map_err(open_err)?;
        if !head.is_empty() && head.as_slice() != SQLITE_MAGIC {
            return Err(StoreError::NotADatabase {
                path: path.to_owned(),
            });
        }
    } else if let Some(parent) = path.parent()
        && !parent.as_os_str().is_empty()
        && !parent.exists()
    {
        std::fs::create_dir_all(parent).map_err(|e| StoreError::Open {
            location: parent.display().to_string(),
            reason: e.to_string(),
        })?;
    }
    Ok(())
}

fn highest(m: &Migrator) -> i64 {
    m.iter().map(|m| m.version).max().unwrap_or(0)
}

/// The schema version recorded in an existing SQLite file, read without writing anything
/// (no journal, no lock files), so a database from a newer Kithkin is refused untouched.
/// Skipped when a write-ahead log is present: then the file alone is not the whole truth.
async fn recorded_version_untouched(path: &Path) -> Result<Option<i64>> {
    let mut wal = path.as_os_str().to_owned();
    wal.push("-wal");
    if std::fs::metadata(path).map(|m| m.len()).unwrap_or(0) == 0 || Path::new(&wal).exists() {
        return Ok(None);
    }
    let options = SqliteConnectOptions::new()
        .filename(path)
        .read_only(true)
        .immutable(true);
    let mut conn = sqlx::SqliteConnection::connect_with(&options)
        .await
        .map_err(|e| StoreError::Open {
            location: path.display().to_string(),
            reason: e.to_string(),
        })?;
    let version =
        match sqlx::query_as::<_, (Option<i64>,)>("SELECT MAX(version) FROM _sqlx_migrations")
            .fetch_one(&mut conn)
            .await
        {
            Ok((v,)) => v,
            Err(sqlx::Error::Database(d)) if d.message().contains("no such table") => None,
            Err(sqlx::Error::Database(d)) if d.message().contains("not a database") => {
                return Err(StoreError::NotADatabase {
                    path: path.to_owned(),
                });
            }
            Err(e) => return Err(e.into()),
        };
    let _ = conn.close().await;
    Ok(version)
}

/// Opens (creating if needed) an SQLite database in WAL mode with a busy timeout.
pub(crate) async fn sqlite(path: &Path) -> Result<SqlitePool> {
    check_sqlite_path(path)?;
    refuse_newer(
        recorded_version_untouched(path).await?,
        highest(&SQLITE_MIGRATIONS),
    )?;
    let options = SqliteConnectOptions::new()
        .filename(path)
        .create_if_missing(true)
        // a new file only (an existing one keeps its page size): bulk writes and their log
        // take about half the system calls and B-tree splits of the default 4 KiB pages
        .page_size(16384)
        .journal_mode(SqliteJournalMode::Wal)
        .synchronous(SqliteSynchronous::Normal)
        .busy_timeout(Duration::from_secs(10))
        .foreign_keys(true)
        .pragma("secure_delete", "ON")
        // rows cross from the SQLite worker thread in batches, not one wake-up per few rows
        .row_buffer_size(8192)
        .pragma("cache_size", "-131072")
        // reads map the file instead of copying pages through system calls
        .pragma("mmap_size", "2147418112");
    // Two processes may create the same new file at once: switching to WAL can fail with
    // SQLITE_BUSY without waiting, and SQLite has no migration lock. The one that loses the
    // race waits and retries, then finds the schema in place.
    let mut attempt: u64 = 0;
    let pool = loop {
        match SqlitePoolOptions::new()
            .max_connections(4)
            .connect_with(options.clone())
            .await
        {
            Ok(pool) => break pool,
            Err(sqlx::Error::Database(d)) if d.message().contains("not a database") => {
                return Err(StoreError::NotADatabase {
                    path: path.to_owned(),
                });
            }
            Err(sqlx::Error::Database(d)) if d.message().contains("locked") && attempt < 20 => {
                attempt += 1;
                tokio::time::sleep(Duration::from_millis(50 * attempt)).await;
            }
            Err(other) => {
                return Err(StoreError::Open {
                    location: path.display().to_string(),
                    reason: other.to_string(),
                });
            }
        }
    };
    loop {
        let recorded: Option<i64> =
            match sqlx::query_as::<_, (Option<i64>,)>("SELECT MAX(version) FROM _sqlx_migrations")
                .fetch_one(&pool)
                .await
            {
                Ok((v,)) => v,
                Err(sqlx::Error::Database(d)) if d.message().contains("no such table") => None,
                Err(e) => return Err(e.into()),
            };
        refuse_newer(recorded, highest(&SQLITE_MIGRATIONS))?;
        match SQLITE_MIGRATIONS.run(&pool).await {
            Ok(()) => return Ok(pool),
            Err(e) if attempt < 20 => {
                attempt += 1;
                let _ = e;
                tokio::time::sleep(Duration::from_millis(50 * attempt)).await;
            }
            Err(e) => return Err(e.into()),
        }
    }
}

/// Connects to PostgreSQL and brings the schema up to date.
pub(crate) async fn postgres(url: &str) -> Result<PgPool> {
    let pool = PgPoolOptions::new()
        .max_connections(8)
        .acquire_timeout(Duration::from_secs(10))
        .connect(url)
        .await
        .map_err(|e| StoreError::Open {
            location: redact(url),
            reason: e.to_string(),
        })?;
    let exists: (bool,) = sqlx::query_as("SELECT to_regclass('_sqlx_migrations') IS NOT NULL")
        .fetch_one(&pool)
        .await?;
    let recorded: Option<i64> = if exists.0 {
        sqlx::query_as::<_, (Option<i64>,)>("SELECT MAX(version) FROM _sqlx_migrations")
            .fetch_one(&pool)
            .await?
            .0
    } else {
        None
    };
    refuse_newer(recorded, highest(&POSTGRES_MIGRATIONS))?;
    POSTGRES_MIGRATIONS.run(&pool).await?;
    Ok(pool)
}

fn refuse_newer(recorded: Option<i64>, supported: i64) -> Result<()> {
    match recorded {
        Some(found) if found > supported => Err(StoreError::NewerSchema { found, supported }),
        _ => Ok(()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn locations() {
        assert_eq!(
            Location::parse("postgres://u@h/db"),
            Location::Postgres("postgres://u@h/db".into())
        );
        assert_eq!(
            Location::parse("sqlite:///tmp/x.db"),
            Location::Sqlite(PathBuf::from("/tmp/x.db"))
        );
        assert_eq!(
            Location::parse("k.db"),
            Location::Sqlite(PathBuf::from("k.db"))
        );
    }

    #[test]
    fn passwords_are_hidden() {
        assert_eq!(
            redact("postgres://bob:secret@host:5432/db"),
            "postgres://bob:***@host:5432/db"
        );
        assert_eq!(redact("postgres://bob@host/db"), "postgres://bob@host/db");
    }
}
