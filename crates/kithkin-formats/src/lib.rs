//! Kithkin's exchange formats. Readers take `impl Read`/`BufRead` and turn outside records into
//! core records; writers take core records and an `impl Write`. No database here.
//!
//! This release holds the JSON lines writer that the CLI's `--json` output and the generator's
//! truth file build on, and the iCalendar writer behind `kithkin export ics` and the calendar
//! feed; vCard, CSV, iCalendar and mail readers arrive with the import work.
#![deny(missing_docs)]

pub mod contact;
pub mod contacts_csv;
pub mod edges;
pub mod ics;
pub mod ics_read;
pub mod linkedin;
pub mod mail;
pub mod truth;
pub mod vcard;
