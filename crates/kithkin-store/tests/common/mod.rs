//! Harness for the store conformance suite: a fresh database per test, on SQLite (a file in a
//! temporary directory) and, when `KITHKIN_TEST_PG_URL` is set, on PostgreSQL (a database
//! `kithkin_test_<uuid>` created for the test and dropped after it, even when it fails).
//!
//! Each case is written once and run on both backends by the `conformance!` macro of the test
//! file. A case runs in its own task, so a failed assertion still lets the harness close the
//! store and drop the PostgreSQL database before the failure is reported.

#![allow(dead_code)]

use kithkin_store::Store;
use sqlx::postgres::PgPoolOptions;
use sqlx::sqlite::{SqliteConnectOptions, SqlitePoolOptions};
use std::future::Future;
use std::path::PathBuf;
use std::pin::Pin;
use std::time::Instant;

/// What a case returns; store errors travel with `?`.
pub type TestResult = Result<(), Box<dyn std::error::Error + Send + Sync>>;

/// A boxed case future borrowing its store or database.
pub type CaseFuture<'a> = Pin<Box<dyn Future<Output = TestResult> + Send + 'a>>;

/// A case that gets a freshly opened store.
pub type StoreCase = for<'a> fn(&'a Store) -> CaseFuture<'a>;

/// A case that gets the database location and opens it itself (reopening, raw SQL…).
pub type DbCase = for<'a> fn(&'a TestDb) -> CaseFuture<'a>;

/// The environment variable naming the PostgreSQL server to test against.
pub const PG_URL_VAR: &str = "KITHKIN_TEST_PG_URL";
/// When `1`, a missing `KITHKIN_TEST_PG_URL` fails the PostgreSQL tests instead of skipping them.
pub const REQUIRE_PG_VAR: &str = "KITHKIN_REQUIRE_PG";

/// Which backend a test database lives on.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    /// An SQLite file.
    Sqlite,
    /// A PostgreSQL database.
    Postgres,
}

/// A fresh, empty database for one test.
#[derive(Debug, Clone)]
pub struct TestDb {
    /// The backend.
    pub kind: Kind,
    /// What `Store::open` is given: the file path, or the URL of the test database.
    pub location: String,
    /// The SQLite file (SQLite only).
    pub path: Option<PathBuf>,
}

impl TestDb {
    /// Opens (creating and migrating on first use) the store.
    pub async fn open(&self) -> Result<Store, kithkin_store::StoreError> {
        Store::open(&self.location).await
    }

    /// Runs one statement directly on the database, bypassing the store.
    pub async fn execute(&self, sql: &'static str) -> Result<u64, sqlx::Error> {
        match self.kind {
            Kind::Sqlite => {
                let pool = self.raw_sqlite().await?;
                let done = sqlx::query(sql).execute(&pool).await;
                pool.close().await;
                Ok(done?.rows_affected())
            }
            Kind::Postgres => {
                let pool = PgPoolOptions::new()
                    .max_connections(1)
                    .connect(&self.location)
                    .await?;
                let done = sqlx::query(sql).execute(&pool).await;
                pool.close().await;
                Ok(done?.rows_affected())
            }
        }
    }

    /// Reads one integer (a `COUNT(*)`…) directly from the database.
    pub async fn scalar(&self, sql: &'static str) -> Result<i64, sqlx::Error> {
        match self.kind {
            Kind::Sqlite => {
                let pool = self.raw_sqlite().await?;
                let v = sqlx::query_as::<_, (i64,)>(sql).fetch_one(&pool).await;
                pool.close().await;
                Ok(v?.0)
            }
            Kind::Postgres => {
                let pool = PgPoolOptions::new()
                    .max_connections(1)
                    .connect(&self.location)
                    .await?;
                let v = sqlx::query_as::<_, (i64,)>(sql).fetch_one(&pool).await;
                pool.close().await;
                Ok(v?.0)
            }
        }
    }

    async fn raw_sqlite(&self) -> Result<sqlx::SqlitePool, sqlx::Error> {
        let path = self.path.clone().unwrap_or_default();
        let options = SqliteConnectOptions::new()
            .filename(path)
            .create_if_missing(false)
            .foreign_keys(true);
        SqlitePoolOptions::new()
            .max_connections(1)
            .connect_with(options)
            .await
    }
}

/// What must be undone after a test: the temporary directory, or the PostgreSQL database.
#[derive(Debug)]
pub struct Guard {
    dir: Option<tempfile::TempDir>,
    pg: Option<(String, String)>,
}

impl Guard {
    /// Removes the test database.
    async fn cleanup(self) {
        if let Some((admin_url, name)) = self.pg {
            match PgPoolOptions::new()
                .max_connections(1)
                .connect(&admin_url)
                .await
            {
                Ok(pool) => {
                    let sql = format!("DROP DATABASE IF EXISTS \"{name}\" WITH (FORCE)");
                    if let Err(e) = sqlx::query(sqlx::AssertSqlSafe(sql)).execute(&pool).await {
                        eprintln!("warning: could not drop test database {name}: {e}");
                    }
                    pool.close().await;
                }
                Err(e) => eprintln!("warning: could not connect to drop test database {name}: {e}"),
            }
        }
        drop(self.dir);
    }
}

/// A fresh SQLite database file in a new temporary directory (the file does not exist yet).
pub fn sqlite() -> (TestDb, Guard) {
    let dir = match tempfile::tempdir() {
        Ok(d) => d,
        Err(e) => panic!("cannot create a temporary directory: {e}"),
    };
    let path = dir.path().join("kithkin.db");
    let db = TestDb {
        kind: Kind::Sqlite,
        location: path.display().to_string(),
        path: Some(path),
    };
    (
        db,
        Guard {
            dir: Some(dir),
            pg: None,
        },
    )
}

/// The PostgreSQL server URL, or `None` (after saying so) when the tests are to be skipped.
/// Panics when `KITHKIN_REQUIRE_PG=1` and no URL is given.
pub fn pg_url() -> Option<String> {
    match std::env::var(PG_URL_VAR) {
        Ok(url) if !url.trim().is_empty() => Some(url.trim().to_owned()),
        _ => {
            if std::env::var(REQUIRE_PG_VAR).is_ok_and(|v| v.trim() == "1") {
                panic!(
                    "{PG_URL_VAR} is not set but {REQUIRE_PG_VAR}=1 requires the PostgreSQL tests to run"
                );
            }
            eprintln!("skipped: {PG_URL_VAR} not set");
            None
        }
    }
}

/// `url` with its database name replaced by `db` (query parameters kept).
pub fn with_database(url: &str, db: &str) -> String {
    let (base, query) = match url.split_once('?') {
        Some((b, q)) => (b, Some(q)),
        None => (url, None),
    };
    let authority = base.find("://").map_or(0, |i| i + 3);
    let path = base[authority..]
        .find('/')
        .map_or(base.len(), |i| authority + i);
    let mut out = format!("{}/{db}", &base[..path]);
    if let Some(q) = query {
        out.push('?');
        out.push_str(q);
    }
    out
}

/// A fresh, empty PostgreSQL database on the server named by `KITHKIN_TEST_PG_URL`.
pub async fn postgres(admin_url: &str) -> (TestDb, Guard) {
    let name = format!("kithkin_test_{}", uuid::Uuid::now_v7().simple());
    let pool = match PgPoolOptions::new()
        .max_connections(1)
        .connect(admin_url)
        .await
    {
        Ok(p) => p,
        Err(e) => panic!(
            "cannot connect to {}: {e}",
            kithkin_store::redact(admin_url)
        ),
    };
    let sql = format!("CREATE DATABASE \"{name}\"");
    // Concurrent CREATE DATABASE can briefly collide on the template; try a few times.
    let mut attempt = 0;
    loop {
        match sqlx::query(sqlx::AssertSqlSafe(sql.clone()))
            .execute(&pool)
            .await
        {
            Ok(_) => break,
            Err(e) if attempt < 5 => {
                attempt += 1;
                eprintln!("retrying CREATE DATABASE {name}: {e}");
                std::thread::sleep(std::time::Duration::from_millis(200 * attempt));
            }
            Err(e) => panic!("cannot create test database {name}: {e}"),
        }
    }
    pool.close().await;
    let db = TestDb {
        kind: Kind::Postgres,
        location: with_database(admin_url, &name),
        path: None,
    };
    (
        db,
        Guard {
            dir: None,
            pg: Some((admin_url.to_owned(), name)),
        },
    )
}

/// A fresh database of `kind`, or `None` when PostgreSQL is not configured (skip).
pub async fn fresh(kind: Kind) -> Option<(TestDb, Guard)> {
    match kind {
        Kind::Sqlite => Some(sqlite()),
        Kind::Postgres => {
            let url = pg_url()?;
            Some(postgres(&url).await)
        }
    }
}

/// Runs `case` in its own task, cleans up, then reports the failure (error or panic), if any.
async fn supervise<F>(name: &str, kind: Kind, guard: Guard, task: F)
where
    F: Future<Output = TestResult> + Send + 'static,
{
    let started = Instant::now();
    let outcome = tokio::spawn(task).await;
    let elapsed = started.elapsed();
    guard.cleanup().await;
    eprintln!("[{kind:?}] {name}: {} ms", elapsed.as_millis());
    match outcome {
        Ok(Ok(())) => {}
        Ok(Err(e)) => panic!("[{kind:?}] {name} failed: {e} ({e:?})"),
        Err(join) if join.is_panic() => std::panic::resume_unwind(join.into_panic()),
        Err(join) => panic!("[{kind:?}] {name}: task ended abnormally: {join}"),
    }
}

/// How a case gets what it works on: a freshly opened store, or the bare test database.
pub trait Runner {
    /// Runs `case` on a fresh database of `kind`, reporting its failure after cleaning up.
    fn run(
        name: &'static str,
        kind: Kind,
        case: for<'a> fn(&'a Self) -> CaseFuture<'a>,
    ) -> impl Future<Output = ()>;
}

impl Runner for Store {
    /// The store is opened before the case and closed after it.
    async fn run(name: &'static str, kind: Kind, case: StoreCase) {
        let Some((db, guard)) = fresh(kind).await else {
            return;
        };
        supervise(name, kind, guard, async move {
            let store = db.open().await?;
            let result = case(&store).await;
            store.close().await;
            result
        })
        .await;
    }
}

impl Runner for TestDb {
    /// The case opens (and reopens) the database itself.
    async fn run(name: &'static str, kind: Kind, case: DbCase) {
        let Some((db, guard)) = fresh(kind).await else {
            return;
        };
        supervise(name, kind, guard, async move { case(&db).await }).await;
    }
}

#[cfg(test)]
mod tests {
    use super::with_database;

    #[test]
    fn database_name_is_replaced() {
        assert_eq!(
            with_database("postgres://u@h:5432/postgres", "x"),
            "postgres://u@h:5432/x"
        );
        assert_eq!(with_database("postgres://u@h", "x"), "postgres://u@h/x");
        assert_eq!(
            with_database("postgresql://u:p@h/db?sslmode=disable", "x"),
            "postgresql://u:p@h/x?sslmode=disable"
        );
    }
}
