//! iCalendar files (`.ics`) read as meetings: [`read_meetings`] turns every `VEVENT`
//! occurrence up to a moment into a [`Meeting`] with its organiser and attendees, for
//! `kithkin import ics`. (The writer behind `kithkin export ics` is [`crate::ics`].)
//!
//! Parsing is calcard's; around it the reader adds what real calendars need:
//!
//! * **Events and lines.** Each `VEVENT` is parsed on its own, so one bad event never costs
//!   the others, and each meeting and error carries the line of its `BEGIN:VEVENT`. UTF-8,
//!   UTF-16 and Latin-1/Windows-1252 files are read; garbage gives one error, never a panic.
//! * **Time.** A `DTSTART` in UTC (`Z`) is that instant; one with a `TZID` is local time in
//!   that zone (an IANA name through jiff's time zone database, else the file's `VTIMEZONE`,
//!   else a Windows or other well-known name); one without either is floating and read in the
//!   caller's `default_tz`, and so is one whose zone is unknown (with an error saying so). An
//!   all-day event (`VALUE=DATE`) starts at midnight of its date in `default_tz`.
//! * **Recurrence.** `RRULE` (calcard's expansion: `FREQ` `DAILY`, `WEEKLY`, `MONTHLY` or
//!   `YEARLY` with `INTERVAL`, `COUNT`, `UNTIL`, `BYDAY` with ordinals such as `2MO` and `-1FR`,
//!   `BYMONTHDAY`, `BYMONTH`, `BYSETPOS`, `BYYEARDAY`, `BYWEEKNO`, `WKST`), `RDATE` (dates,
//!   date-times and periods) and `EXDATE` (any number of lines and values, each with its own
//!   `TZID`) are expanded up to `until`, at most `max_per_event` occurrences per event, so an
//!   endless rule ends. The event's `DTSTART` is always its first occurrence. A UTC `UNTIL` is
//!   compared as an instant (calcard alone would compare it as local time and, east of UTC,
//!   drop the last occurrence).
//! * **Overrides.** A `VEVENT` with the same `UID` and a `RECURRENCE-ID` replaces the
//!   occurrence it names with its own time, attendees and status (summary, organiser and
//!   attendees it leaves out are the series'); a cancelled one removes it. An override whose
//!   occurrence is not there stands alone (a cancelled one as a cancelled meeting, so that an
//!   importer can retract it); one carrying `RDATE`s or an `RRULE` of its own (Lotus Notes
//!   sends the rest of a series so) is expanded like a series. When a file holds several
//!   versions of one event or override, the latest (`SEQUENCE`, then `LAST-MODIFIED`) is read.
//! * **People.** `ORGANIZER` and `ATTENDEE` addresses lose `mailto:` (even twice, as Yahoo
//!   writes it) and are lowercased, with the `EMAIL` parameter used when the value is no
//!   address; a `CN` that only repeats the address is dropped; an address appears once.
//!
//! Not supported, each reported as an error for its event, whose other occurrences are still
//! read: `FREQ` `HOURLY`, `MINUTELY` and `SECONDLY`, `RSCALE`/`SKIP` (an event with such a
//! rule, or a rule calcard finds invalid, yields its `DTSTART` and `RDATE`s only); `EXRULE`
//! (ignored); `RANGE=THISANDFUTURE` (the override replaces only the occurrence it names).
//! Attendees without an e-mail address (`invalid:nomail`, `urn:uuid:…` with no `EMAIL`
//! parameter) are left out. A `VTIMEZONE` is read by its current rules (its latest
//! `STANDARD` and `DAYLIGHT` observances), not its history. An all-day event's `UNTIL` given
//! in UTC is read as that UTC date (as Google writes it). An empty `TZID` is floating time.
//! `METHOD` is not looked at: a cancellation must say `STATUS:CANCELLED`.
//!
//! ```
//! use kithkin_formats::ics_read::read_meetings;
//! let ics = "BEGIN:VCALENDAR\r\nBEGIN:VEVENT\r\nUID:standup\r\n\
//!            DTSTART;TZID=Europe/Paris:20260105T100000\r\nDURATION:PT15M\r\n\
//!            RRULE:FREQ=WEEKLY;COUNT=3\r\nSUMMARY:Stand-up\r\n\
//!            ATTENDEE;CN=Ana Lima;PARTSTAT=ACCEPTED:mailto:Ana@Example.org\r\n\
//!            END:VEVENT\r\nEND:VCALENDAR\r\n";
//! let until: jiff::Timestamp = "2026-12-31T00:00:00Z".parse().unwrap();
//! let read = read_meetings(ics.as_bytes(), until, &jiff::tz::TimeZone::UTC, 5000);
//! assert_eq!(read.meetings.len(), 3);
//! let first = &read.meetings[0];
//! assert_eq!(first.start.to_string(), "2026-01-05T09:00:00Z");
//! assert_eq!(first.recurrence_id.as_deref(), Some("20260105T090000Z"));
//! assert_eq!(first.attendees[0].email, "ana@example.org");
//! assert!(read.errors.is_empty());
//! ```

mod event;
mod recur;
mod series;
#[cfg(test)]
mod tests;
mod text;
mod zones;

use crate::edges::RecordError;
use jiff::Timestamp;
use jiff::tz::TimeZone;
use serde::Serialize;

/// Someone on a meeting: its organiser or an attendee.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Attendee {
    /// E-mail address, lowercased, without `mailto:`.
    pub email: String,
    /// Display name (`CN`), when given and not just the address again.
    pub name: Option<String>,
    /// Participation (`PARTSTAT`) as written in RFC 5545: `ACCEPTED`, `DECLINED`,
    /// `TENTATIVE`, `NEEDS-ACTION`, `DELEGATED`.
    pub partstat: Option<String>,
    /// Role (`ROLE`): `CHAIR`, `REQ-PARTICIPANT`, `OPT-PARTICIPANT`, `NON-PARTICIPANT`.
    pub role: Option<String>,
}

/// One occurrence of a calendar event.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Meeting {
    /// The line of the `BEGIN:VEVENT` it comes from (the override's, for a replaced
    /// occurrence).
    pub line: u64,
    /// The event's `UID`.
    pub uid: Option<String>,
    /// Which occurrence of a recurring event this is, as RFC 5545 text of the occurrence's
    /// original start: `20260105T090000Z` (UTC) for a timed event, `20260105T100000` (local
    /// time) for a floating one, `20260105` for an all-day one. It is the same for an
    /// occurrence an override moved, so `(uid, recurrence_id)` identifies an occurrence across
    /// imports. `None` for an event that does not recur.
    pub recurrence_id: Option<String>,
    /// When it starts.
    pub start: Timestamp,
    /// When it ends, when the event says (`DTEND` or `DURATION`; a day for an all-day event).
    pub end: Option<Timestamp>,
    /// Whether it is an all-day event (`start` is then midnight in the default time zone).
    pub all_day: bool,
    /// `SUMMARY`.
    pub summary: Option<String>,
    /// `ORGANIZER`.
    pub organizer: Option<Attendee>,
    /// `ATTENDEE`s, each address once, in file order.
    pub attendees: Vec<Attendee>,
    /// `STATUS` as written: `CONFIRMED`, `TENTATIVE`, `CANCELLED`.
    pub status: Option<String>,
    /// Whether it does not block time (`TRANSP:TRANSPARENT`).
    pub transparent: bool,
}

/// What [`read_meetings`] found: the meetings, and an error for each event (or part of one)
/// it could not read.
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct MeetingsRead {
    /// Meetings: events in file order, each event's occurrences by start.
    pub meetings: Vec<Meeting>,
    /// What could not be read, by line. An event with an error may still have meetings (an
    /// unsupported rule still yields the first occurrence; an unknown zone is read in the
    /// default one).
    pub errors: Vec<RecordError>,
}

/// Reads every `VEVENT` occurrence of an iCalendar file that starts at or before `until`,
/// never failing as a whole and never panicking.
///
/// `default_tz` places floating times and all-day dates. `max_per_event` caps the
/// occurrences of one event (its first ones are kept, with an error; at least one is kept):
/// 5000 is generous for meetings.
pub fn read_meetings(
    input: &[u8],
    until: Timestamp,
    default_tz: &TimeZone,
    max_per_event: usize,
) -> MeetingsRead {
    let found = text::blocks(input);
    let mut read = MeetingsRead::default();
    if found.events.is_empty() && found.has_text {
        let message = if found.has_calendar {
            "the calendar holds no event (VEVENT)"
        } else {
            "not an iCalendar file (no BEGIN:VCALENDAR or BEGIN:VEVENT line)"
        };
        read.errors.push(RecordError {
            line: 1,
            message: message.to_owned(),
        });
        return read;
    }
    let mut zones = zones::Zones::new(
        found
            .timezones
            .iter()
            .filter_map(|block| block.text.as_deref().ok()),
    );
    let mut events = Vec::new();
    for block in found.events {
        let parsed = block
            .text
            .and_then(|text| event::parse(&text, block.line, &mut zones, default_tz));
        match parsed {
            Ok(event) => events.push(event),
            Err(message) => read.errors.push(RecordError {
                line: block.line,
                message,
            }),
        }
    }
    let context = series::Context {
        until,
        default_tz,
        max_per_event: max_per_event.max(1),
    };
    series::expand(events, &context, &mut read);
    read.errors.sort_by_key(|e| e.line);
    read
}
