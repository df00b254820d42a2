//! Conversions between core types and the column values both backends store: ids as text,
//! instants as seconds, days as `YYYY-MM-DD`.

use crate::error::StoreError;
use jiff::Timestamp;
use jiff::civil::Date;
use std::str::FromStr;

/// Seconds since the epoch.
pub(crate) fn secs(t: Timestamp) -> i64 {
    t.as_second()
}

/// Optional seconds since the epoch.
pub(crate) fn opt_secs(t: Option<Timestamp>) -> Option<i64> {
    t.map(secs)
}

/// An instant from stored seconds.
pub(crate) fn instant(
    table: &'static str,
    column: &'static str,
    s: i64,
) -> Result<Timestamp, StoreError> {
    Timestamp::from_second(s).map_err(|e| StoreError::Corrupt {
        table,
        column,
        value: s.to_string(),
        reason: e.to_string(),
    })
}

/// An optional instant from stored seconds.
pub(crate) fn opt_instant(
    table: &'static str,
    column: &'static str,
    s: Option<i64>,
) -> Result<Option<Timestamp>, StoreError> {
    s.map(|s| instant(table, column, s)).transpose()
}

/// Any value parsed from a stored string (ids, kinds, dates).
pub(crate) fn parse<T: FromStr>(
    table: &'static str,
    column: &'static str,
    s: &str,
) -> Result<T, StoreError>
where
    T::Err: std::fmt::Display,
{
    s.parse::<T>().map_err(|e| StoreError::Corrupt {
        table,
        column,
        value: s.to_owned(),
        reason: e.to_string(),
    })
}

/// An optional value parsed from a stored string.
pub(crate) fn parse_opt<T: FromStr>(
    table: &'static str,
    column: &'static str,
    s: Option<&str>,
) -> Result<Option<T>, StoreError>
where
    T::Err: std::fmt::Display,
{
    s.map(|s| parse(table, column, s)).transpose()
}

/// A day as stored.
pub(crate) fn day(d: Date) -> String {
    d.to_string()
}

/// A small integer column read back into a narrower type.
pub(crate) fn narrow<T: TryFrom<i64>>(
    table: &'static str,
    column: &'static str,
    v: i64,
) -> Result<T, StoreError> {
    T::try_from(v).map_err(|_| StoreError::Corrupt {
        table,
        column,
        value: v.to_string(),
        reason: "out of range".to_owned(),
    })
}

/// Labels joined for a single text column (help item tags).
pub(crate) fn join_labels(labels: &[String]) -> String {
    labels.join("\n")
}
