//! Rendering: JSON for scripts, aligned text for people, and the little formatting helpers
//! every verb shares.

use jiff::tz::TimeZone;
use jiff::{Timestamp, Zoned};
use serde::Serialize;
use std::io::Write;

/// A refusal that is the user's to fix (exit code 1), raised by the CLI itself.
#[derive(Debug)]
pub struct Refused(pub String);

impl std::fmt::Display for Refused {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.0)
    }
}

impl std::error::Error for Refused {}

/// Writes `value` as pretty JSON followed by a newline.
pub fn json<T: Serialize>(value: &T) -> anyhow::Result<()> {
    let mut out = std::io::stdout().lock();
    // As an io::Error, so that a closed pipe (`kithkin --json list | head`) is recognised and
    // ends quietly like text output does, instead of as a serde_json error (exit code 2).
    serde_json::to_writer_pretty(&mut out, value).map_err(std::io::Error::from)?;
    writeln!(out)?;
    out.flush()?;
    Ok(())
}

/// Writes lines of text.
pub fn lines<I: IntoIterator<Item = String>>(lines: I) -> anyhow::Result<()> {
    let mut out = std::io::stdout().lock();
    for l in lines {
        writeln!(out, "{l}")?;
    }
    out.flush()?;
    Ok(())
}

/// An instant as local date and time (`2026-03-01 14:30`).
pub fn when(t: Timestamp, tz: &TimeZone) -> String {
    t.to_zoned(tz.clone())
        .strftime("%Y-%m-%d %H:%M")
        .to_string()
}

/// An instant as a local date.
pub fn day(t: Timestamp, tz: &TimeZone) -> String {
    t.to_zoned(tz.clone()).date().to_string()
}

/// How long ago, in words (`today`, `3 days ago`, `5 months ago`).
pub fn ago(t: Timestamp, now: &Zoned) -> String {
    let days = (now.timestamp().as_second() - t.as_second()).div_euclid(86_400);
    match days {
        d if d < 0 => "in the future".to_owned(),
        0 => "today".to_owned(),
        1 => "yesterday".to_owned(),
        d if d < 60 => format!("{d} days ago"),
        d if d < 730 => format!("{} months ago", d / 30),
        d => format!("{} years ago", d / 365),
    }
}

/// A list joined with commas, or `-` when empty.
pub fn joined(items: &[String]) -> String {
    if items.is_empty() {
        "-".to_owned()
    } else {
        items.join(", ")
    }
}
