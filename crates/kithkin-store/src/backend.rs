//! The two backends. Every query is written once, in the files under `queries/`, and compiled
//! twice: once with `Db = sqlx::Sqlite` and once with `Db = sqlx::Postgres`. Each compilation
//! is fully typed against its own driver (no `Any` driver), and the few places where the SQL
//! dialects differ are the fields of [`Dialect`]; rows are inserted in bulk by each backend's
//! own function (`crate::bulk`).

/// What differs between the SQL dialects.
pub(crate) struct Dialect {
    /// Most bind parameters one statement may carry.
    pub max_binds: usize,
    /// `ON CONFLICT` clause for `knows`: keep the stronger link.
    pub knows_keep_stronger: &'static str,
    /// Full-text query returning (person_id, name, note_id, body, archived_at) for the best
    /// `$2` matching documents, best first; `$1` is the query made by `fts_query`.
    pub search_sql: &'static str,
    /// Turns folded search words into the backend's full-text query syntax.
    pub fts_query: fn(&[String]) -> String,
    /// The aggregate that joins text rows with a separator (`group_concat` / `string_agg`).
    pub string_agg: &'static str,
    /// An SQL expression for the hyphenated text of the id in a column (`crate::key`), for
    /// finding records by the last characters of their id.
    pub id_text: fn(&str) -> String,
    /// Run after erasing a person so deleted data leaves the write-ahead log too.
    pub after_erase: Option<&'static str>,
    /// Adds the search documents whose `doc_id` is above `$1` to the full-text index, once
    /// they are inserted; `None` where the index follows the table by itself (PostgreSQL's
    /// generated `tsvector`). SQLite's FTS5 index is filled this way, one statement per write,
    /// rather than by a trigger per row: FTS5 flushes its pending terms at the end of every
    /// statement that touches it, so a trigger fired by single-row inserts would write one
    /// index segment per document.
    pub index_search_docs: Option<&'static str>,
    /// How a large write leaves its checkpoint to another connection; `None` where the
    /// database has no such step in its commit (PostgreSQL).
    pub checkpoints: Option<Checkpoints>,
    /// Statements that stop and restart the database's own foreign-key checks on one
    /// connection, for a large write of people and their notes and dates whose every
    /// reference the store has checked itself (`queries/write.rs`); `None` where the checks
    /// stay on (PostgreSQL, whose checks cost little beside its other work).
    pub own_reference_checks: Option<ReferenceChecks>,
    /// Begins a transaction that will write. SQLite's default (deferred) one takes the write
    /// lock only at its first write, and fails at once with "database is locked" when
    /// another connection wrote since it read (concurrent requests of the web server);
    /// `BEGIN IMMEDIATE` takes the lock first, waiting for it up to the busy timeout.
    pub begin_write: &'static str,
}

/// Statements moving SQLite's checkpoint (copying the write-ahead log into the database file)
/// out of a large write's commit.
#[derive(Clone, Copy)]
pub(crate) struct Checkpoints {
    /// Run before the write: its commit will not checkpoint.
    pub pause: &'static str,
    /// Run after it: the connection checkpoints as usual again.
    pub resume: &'static str,
    /// Run on another connection after the commit.
    pub run: &'static str,
}

/// Statements switching SQLite's foreign-key enforcement, which can only change outside a
/// transaction.
#[derive(Clone, Copy)]
pub(crate) struct ReferenceChecks {
    /// Run before the write.
    pub off: &'static str,
    /// Run after it.
    pub on: &'static str,
}

fn sqlite_fts_query(words: &[String]) -> String {
    words
        .iter()
        .map(|w| format!("\"{}\"*", w.replace('"', "")))
        .collect::<Vec<_>>()
        .join(" ")
}

/// SQLite stores an id as 16 bytes: its text is their hexadecimal digits, lowercase, in groups
/// of 8-4-4-4-12.
fn sqlite_id_text(column: &str) -> String {
    let hex = format!("hex({column})");
    format!(
        "lower(substr({hex}, 1, 8) || '-' || substr({hex}, 9, 4) || '-' || substr({hex}, 13, 4) || '-' || \
         substr({hex}, 17, 4) || '-' || substr({hex}, 21, 12))"
    )
}

/// PostgreSQL stores the text.
fn postgres_id_text(column: &str) -> String {
    column.to_owned()
}

fn postgres_fts_query(words: &[String]) -> String {
    words
        .iter()
        .map(|w| format!("'{}':*", w.replace(['\'', '\\'], "")))
        .collect::<Vec<_>>()
        .join(" & ")
}

pub(crate) const SQLITE: Dialect = Dialect {
    max_binds: 32_000,
    knows_keep_stronger: " ON CONFLICT (person_a, person_b) DO UPDATE SET \
        source = CASE WHEN excluded.strength >= knows.strength THEN excluded.source ELSE knows.source END, \
        strength = max(knows.strength, excluded.strength), updated_at = excluded.updated_at",
    // FTS5 answers `ORDER BY rank LIMIT n` inside the index, without ranking every match
    search_sql: "WITH hits AS (SELECT rowid, rank FROM search_fts WHERE search_fts MATCH $1 ORDER BY rank LIMIT $2) \
        SELECT d.person_id, p.name, d.note_id, d.body, p.archived_at \
        FROM hits JOIN search_docs d ON d.doc_id = hits.rowid JOIN people p ON p.id = d.person_id \
        ORDER BY hits.rank, p.name_key",
    fts_query: sqlite_fts_query,
    string_agg: "group_concat",
    id_text: sqlite_id_text,
    after_erase: Some("PRAGMA wal_checkpoint(TRUNCATE)"),
    checkpoints: Some(Checkpoints {
        pause: "PRAGMA wal_autocheckpoint = 0",
        // SQLite's default
        resume: "PRAGMA wal_autocheckpoint = 1000",
        run: "PRAGMA wal_checkpoint(PASSIVE)",
    }),
    own_reference_checks: Some(ReferenceChecks {
        off: "PRAGMA foreign_keys = OFF",
        on: "PRAGMA foreign_keys = ON",
    }),
    index_search_docs: Some(
        "INSERT INTO search_fts(rowid, folded) SELECT doc_id, folded FROM search_docs WHERE doc_id > $1",
    ),
    begin_write: "BEGIN IMMEDIATE",
};

pub(crate) const POSTGRES: Dialect = Dialect {
    max_binds: 65_000,
    knows_keep_stronger: " ON CONFLICT (person_a, person_b) DO UPDATE SET \
        source = CASE WHEN excluded.strength >= knows.strength THEN excluded.source ELSE knows.source END, \
        strength = GREATEST(knows.strength, excluded.strength), updated_at = excluded.updated_at",
    search_sql: "SELECT d.person_id, p.name, d.note_id, d.body, p.archived_at \
        FROM search_docs d JOIN people p ON p.id = d.person_id \
        WHERE d.tsv @@ to_tsquery('simple', $1) \
        ORDER BY ts_rank(d.tsv, to_tsquery('simple', $1)) DESC, p.name_key LIMIT $2",
    fts_query: postgres_fts_query,
    string_agg: "string_agg",
    id_text: postgres_id_text,
    after_erase: None,
    checkpoints: None,
    own_reference_checks: None,
    index_search_docs: None,
    begin_write: "BEGIN",
};

macro_rules! backend {
    ($name:ident, $db:ty, $dialect:expr, $insert_rows:path) => {
        pub(crate) mod $name {
            pub(crate) type Db = $db;
            pub(crate) const DIALECT: &super::Dialect = &$dialect;
            pub(crate) use $insert_rows as insert_rows;
            pub(crate) mod write {
                include!("queries/write.rs");
            }
            pub(crate) mod read {
                include!("queries/read.rs");
            }
            pub(crate) mod change {
                include!("queries/change.rs");
            }
            pub(crate) mod agenda {
                include!("queries/agenda.rs");
            }
            pub(crate) mod exchange {
                include!("queries/exchange.rs");
            }
            pub(crate) mod bridges {
                include!("queries/bridges.rs");
            }
            pub(crate) mod events {
                include!("queries/events.rs");
            }
            pub(crate) mod network {
                include!("queries/network.rs");
            }
            pub(crate) mod import {
                include!("queries/import.rs");
            }
            pub(crate) mod merge {
                include!("queries/merge.rs");
            }
            pub(crate) mod dump {
                include!("queries/dump.rs");
            }
        }
    };
}

backend!(
    sqlite,
    sqlx::Sqlite,
    super::SQLITE,
    crate::bulk::sqlite_insert_many
);
backend!(
    postgres,
    sqlx::Postgres,
    super::POSTGRES,
    crate::bulk::postgres_insert_many
);
