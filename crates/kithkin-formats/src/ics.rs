//! An RFC 5545 iCalendar writer for Kithkin's keeping-in-touch reminders.
//!
//! `kithkin export ics` writes a file with it, and the web server serves the same bytes as a
//! subscribable feed, so the writer takes plain data and an `impl Write`: it knows nothing of
//! the database and never reads the clock (the `DTSTAMP` comes from
//! [`Calendar::generated_at`]).
//!
//! What the output looks like:
//!
//! * Lines end in CRLF and are folded so that no line is longer than 75 octets (the CRLF not
//!   counted). Folding counts bytes, never splits a UTF-8 sequence, and starts each
//!   continuation line with one space.
//! * TEXT values (`SUMMARY`, `DESCRIPTION`, `UID`, `PRODID`, the calendar name) are escaped:
//!   backslash, semicolon and comma get a backslash, and a line break (`\n`, `\r\n` or a lone
//!   `\r`) becomes `\n`. Other ASCII control characters except tab are not allowed in TEXT and
//!   are dropped.
//! * The calendar carries `VERSION:2.0`, `PRODID`, `CALSCALE:GREGORIAN`, `METHOD:PUBLISH`, and
//!   its name as both `X-WR-CALNAME` (what Apple, Google and Outlook read) and RFC 7986 `NAME`.
//! * Every component has `UID`, `DTSTAMP` (UTC, `YYYYMMDDTHHMMSSZ`) and `SUMMARY`, plus
//!   `DESCRIPTION` when one is given. UIDs come from the caller (see [`uid`]) and are never
//!   invented here, so a calendar app re-importing or refreshing the feed updates events
//!   instead of duplicating them.
//! * Events are all-day and `TRANSP:TRANSPARENT`: a birthday does not make the user busy.
//! * Output is deterministic: the same input gives the same bytes, entries in the given order.
//!
//! With no entries the writer still emits an (empty) `VCALENDAR`. RFC 5545's grammar asks for
//! at least one component, but mainstream clients accept an empty calendar, and an empty feed
//! must stay subscribable.

use std::fmt::{Display, Write as _};
use std::io::{self, Write};

use jiff::Timestamp;
use jiff::civil::Date;
use jiff::tz::TimeZone;

/// Longest content line, in octets, not counting the CRLF (RFC 5545 §3.1).
const MAX_LINE_OCTETS: usize = 75;

/// Calendar-wide properties.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Calendar<'a> {
    /// The calendar's display name, written as `X-WR-CALNAME` and `NAME`.
    pub name: &'a str,
    /// The product identifier written as `PRODID`, e.g. `"-//Kithkin//Kithkin 0.1//EN"`.
    pub product: &'a str,
    /// When the export was made; every component's `DTSTAMP` (in UTC).
    pub generated_at: Timestamp,
}

/// One calendar component.
///
/// Every variant carries a caller-chosen `uid` that must stay the same from one export to the
/// next (build it with [`uid`]), a `summary` (the title) and an optional `description`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Entry {
    /// A yearly all-day event (birthday, anniversary): a `VEVENT` with `DTSTART;VALUE=DATE`,
    /// `DTEND;VALUE=DATE` (the next day) and `RRULE:FREQ=YEARLY`.
    ///
    /// A 29 February date would, under RFC 5545 semantics, recur on leap years only. Kithkin
    /// wants the reminder every year, so for 29 February the rule is
    /// `RRULE:FREQ=YEARLY;BYMONTH=2;BYMONTHDAY=-1` (the last day of February): the event falls
    /// on 28 February in common years and on 29 February in leap years.
    Yearly {
        /// Stable identifier, e.g. `uid("birthday", &date_id)`.
        uid: String,
        /// Title, e.g. "Ana Lee's birthday".
        summary: String,
        /// Optional longer text.
        description: Option<String>,
        /// The first occurrence, written as `DTSTART`. The caller picks the birth year when it
        /// is known, else a recent year.
        first: Date,
    },
    /// A one-day to-do (a due check-in or a follow-up): a `VTODO` with `DUE;VALUE=DATE`,
    /// `STATUS:NEEDS-ACTION` and an optional `PRIORITY`.
    Todo {
        /// Stable identifier, e.g. `uid("checkin", &person_id)`.
        uid: String,
        /// Title, e.g. "Check in with Ana Lee".
        summary: String,
        /// Optional longer text.
        description: Option<String>,
        /// The day the to-do is due.
        due: Date,
        /// RFC 5545 priority, 1 (highest) to 9 (lowest); `None` writes no `PRIORITY`. Any other
        /// value makes [`write_calendar`] fail with [`io::ErrorKind::InvalidInput`].
        priority: Option<u8>,
    },
    /// An all-day event on one day (life events, or follow-ups when the caller prefers events
    /// to to-dos): a `VEVENT` with `DTSTART;VALUE=DATE` and `DTEND;VALUE=DATE` (the next day).
    Day {
        /// Stable identifier, e.g. `uid("event", &event_id)`.
        uid: String,
        /// Title.
        summary: String,
        /// Optional longer text.
        description: Option<String>,
        /// The day of the event.
        on: Date,
    },
}

/// A stable UID from a kind and a record id: `"<kind>-<id>@kithkin"`; the caller passes e.g.
/// `("birthday", date_id)`. The same record gives the same UID in every export.
pub fn uid(kind: &str, id: &impl Display) -> String {
    format!("{kind}-{id}@kithkin")
}

/// Writes `calendar` with `entries`, in the given order, as an RFC 5545 `VCALENDAR` to `out`,
/// then flushes it.
///
/// The whole calendar is checked and rendered before anything is written, so invalid input
/// writes nothing. It fails with [`io::ErrorKind::InvalidInput`] for a date or timestamp
/// before year 0 (iCalendar years have four digits), a day event on 9999-12-31 (no next day
/// for `DTEND`), or a priority outside 1..=9; otherwise only with `out`'s own errors.
pub fn write_calendar<W: Write>(
    mut out: W,
    calendar: &Calendar<'_>,
    entries: &[Entry],
) -> io::Result<()> {
    let text = render(calendar, entries)?;
    out.write_all(text.as_bytes())?;
    out.flush()
}

fn render(calendar: &Calendar<'_>, entries: &[Entry]) -> io::Result<String> {
    let stamp = utc_stamp(calendar.generated_at)?;
    let mut buf = String::new();
    push_line(&mut buf, "BEGIN:VCALENDAR");
    push_line(&mut buf, "VERSION:2.0");
    push_text(&mut buf, "PRODID", calendar.product);
    push_line(&mut buf, "CALSCALE:GREGORIAN");
    push_line(&mut buf, "METHOD:PUBLISH");
    push_text(&mut buf, "X-WR-CALNAME", calendar.name);
    push_text(&mut buf, "NAME", calendar.name);
    for entry in entries {
        push_entry(&mut buf, entry, &stamp)?;
    }
    push_line(&mut buf, "END:VCALENDAR");
    Ok(buf)
}

fn push_entry(buf: &mut String, entry: &Entry, stamp: &str) -> io::Result<()> {
    match entry {
        Entry::Yearly {
            uid,
            summary,
            description,
            first,
        } => {
            let start = date_value(*first)?;
            let end = date_value(next_day(*first)?)?;
            push_line(buf, "BEGIN:VEVENT");
            push_common(buf, uid, stamp);
            push_line(buf, &format!("DTSTART;VALUE=DATE:{start}"));
            push_line(buf, &format!("DTEND;VALUE=DATE:{end}"));
            push_line(buf, yearly_rule(*first));
            push_texts(buf, summary, description.as_deref());
            push_line(buf, "TRANSP:TRANSPARENT");
            push_line(buf, "END:VEVENT");
        }
        Entry::Todo {
            uid,
            summary,
            description,
            due,
            priority,
        } => {
            let due = date_value(*due)?;
            let priority = match priority {
                None => None,
                Some(p @ 1..=9) => Some(*p),
                Some(p) => {
                    return Err(invalid(format!(
                        "to-do {uid}: PRIORITY must be 1..=9 (None for no priority), got {p}"
                    )));
                }
            };
            push_line(buf, "BEGIN:VTODO");
            push_common(buf, uid, stamp);
            push_line(buf, &format!("DUE;VALUE=DATE:{due}"));
            push_texts(buf, summary, description.as_deref());
            push_line(buf, "STATUS:NEEDS-ACTION");
            if let Some(p) = priority {
                push_line(buf, &format!("PRIORITY:{p}"));
            }
            push_line(buf, "END:VTODO");
        }
        Entry::Day {
            uid,
            summary,
            description,
            on,
        } => {
            let start = date_value(*on)?;
            let end = date_value(next_day(*on)?)?;
            push_line(buf, "BEGIN:VEVENT");
            push_common(buf, uid, stamp);
            push_line(buf, &format!("DTSTART;VALUE=DATE:{start}"));
            push_line(buf, &format!("DTEND;VALUE=DATE:{end}"));
            push_texts(buf, summary, description.as_deref());
            push_line(buf, "TRANSP:TRANSPARENT");
            push_line(buf, "END:VEVENT");
        }
    }
    Ok(())
}

/// The recurrence rule of a yearly event starting on `first`; see [`Entry::Yearly`] for 29 February.
fn yearly_rule(first: Date) -> &'static str {
    if first.month() == 2 && first.day() == 29 {
        "RRULE:FREQ=YEARLY;BYMONTH=2;BYMONTHDAY=-1"
    } else {
        "RRULE:FREQ=YEARLY"
    }
}

fn push_common(buf: &mut String, uid: &str, stamp: &str) {
    push_text(buf, "UID", uid);
    push_line(buf, &format!("DTSTAMP:{stamp}"));
}

fn push_texts(buf: &mut String, summary: &str, description: Option<&str>) {
    push_text(buf, "SUMMARY", summary);
    if let Some(description) = description {
        push_text(buf, "DESCRIPTION", description);
    }
}

fn push_text(buf: &mut String, name: &str, value: &str) {
    push_line(buf, &format!("{name}:{}", escape_text(value)));
}

/// Appends one content line, folded at 75 octets, with its CRLF.
fn push_line(buf: &mut String, line: &str) {
    let mut used = 0;
    for c in line.chars() {
        let len = c.len_utf8();
        if used + len > MAX_LINE_OCTETS {
            // The leading space of a continuation line counts towards its 75 octets.
            buf.push_str("\r\n ");
            used = 1;
        }
        buf.push(c);
        used += len;
    }
    buf.push_str("\r\n");
}

/// Escapes a TEXT value (RFC 5545 §3.3.11).
fn escape_text(value: &str) -> String {
    let mut out = String::with_capacity(value.len());
    let mut chars = value.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '\\' => out.push_str("\\\\"),
            ';' => out.push_str("\\;"),
            ',' => out.push_str("\\,"),
            '\n' => out.push_str("\\n"),
            '\r' => {
                chars.next_if_eq(&'\n');
                out.push_str("\\n");
            }
            '\t' => out.push('\t'),
            c if c.is_ascii_control() => {}
            c => out.push(c),
        }
    }
    out
}

/// `YYYYMMDD`, the iCalendar DATE form.
fn date_value(date: Date) -> io::Result<String> {
    if date.year() < 0 {
        return Err(invalid(format!(
            "date {date} is before year 0; iCalendar years have four digits"
        )));
    }
    Ok(format!(
        "{:04}{:02}{:02}",
        date.year(),
        date.month(),
        date.day()
    ))
}

fn next_day(date: Date) -> io::Result<Date> {
    date.tomorrow()
        .map_err(|e| invalid(format!("no day after {date} for DTEND: {e}")))
}

/// `YYYYMMDDTHHMMSSZ`, the iCalendar UTC DATE-TIME form.
fn utc_stamp(at: Timestamp) -> io::Result<String> {
    let dt = TimeZone::UTC.to_datetime(at);
    let mut out =
        date_value(dt.date()).map_err(|_| invalid(format!("timestamp {at} is before year 0")))?;
    // Writing to a String cannot fail.
    let _ = write!(
        out,
        "T{:02}{:02}{:02}Z",
        dt.hour(),
        dt.minute(),
        dt.second()
    );
    Ok(out)
}

fn invalid(message: String) -> io::Error {
    io::Error::new(io::ErrorKind::InvalidInput, message)
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used, clippy::expect_used)]

    use super::*;
    use jiff::civil::date;

    fn cal() -> Calendar<'static> {
        Calendar {
            name: "Kithkin reminders",
            product: "-//Kithkin//Kithkin 0.1//EN",
            generated_at: "2026-03-14T09:26:53.589Z".parse().unwrap(),
        }
    }

    fn write(entries: &[Entry]) -> String {
        let mut buf = Vec::new();
        write_calendar(&mut buf, &cal(), entries).unwrap();
        String::from_utf8(buf).unwrap()
    }

    /// The content lines with folding undone.
    fn unfolded(text: &str) -> Vec<String> {
        let mut lines: Vec<String> = Vec::new();
        for physical in text.split_terminator("\r\n") {
            match physical.strip_prefix(' ') {
                Some(rest) => lines.last_mut().unwrap().push_str(rest),
                None => lines.push(physical.to_owned()),
            }
        }
        lines
    }

    fn day(summary: &str, description: Option<&str>) -> Entry {
        Entry::Day {
            uid: uid("event", &7),
            summary: summary.to_owned(),
            description: description.map(str::to_owned),
            on: date(2026, 5, 1),
        }
    }

    #[test]
    fn uid_is_kind_id_at_kithkin() {
        assert_eq!(uid("birthday", &42), "birthday-42@kithkin");
        assert_eq!(uid("checkin", &"0190-ab"), "checkin-0190-ab@kithkin");
    }

    #[test]
    fn writes_calendar_envelope_and_all_kinds() {
        let text = write(&[
            Entry::Yearly {
                uid: uid("birthday", &1),
                summary: "Ana's birthday".into(),
                description: None,
                first: date(1990, 7, 4),
            },
            Entry::Todo {
                uid: uid("checkin", &2),
                summary: "Check in with Bo".into(),
                description: Some("Last talked in May".into()),
                due: date(2026, 3, 20),
                priority: Some(5),
            },
            day("Moved to Lisbon", None),
        ]);
        let expected = "BEGIN:VCALENDAR\r\n\
VERSION:2.0\r\n\
PRODID:-//Kithkin//Kithkin 0.1//EN\r\n\
CALSCALE:GREGORIAN\r\n\
METHOD:PUBLISH\r\n\
X-WR-CALNAME:Kithkin reminders\r\n\
NAME:Kithkin reminders\r\n\
BEGIN:VEVENT\r\n\
UID:birthday-1@kithkin\r\n\
DTSTAMP:20260314T092653Z\r\n\
DTSTART;VALUE=DATE:19900704\r\n\
DTEND;VALUE=DATE:19900705\r\n\
RRULE:FREQ=YEARLY\r\n\
SUMMARY:Ana's birthday\r\n\
TRANSP:TRANSPARENT\r\n\
END:VEVENT\r\n\
BEGIN:VTODO\r\n\
UID:checkin-2@kithkin\r\n\
DTSTAMP:20260314T092653Z\r\n\
DUE;VALUE=DATE:20260320\r\n\
SUMMARY:Check in with Bo\r\n\
DESCRIPTION:Last talked in May\r\n\
STATUS:NEEDS-ACTION\r\n\
PRIORITY:5\r\n\
END:VTODO\r\n\
BEGIN:VEVENT\r\n\
UID:event-7@kithkin\r\n\
DTSTAMP:20260314T092653Z\r\n\
DTSTART;VALUE=DATE:20260501\r\n\
DTEND;VALUE=DATE:20260502\r\n\
SUMMARY:Moved to Lisbon\r\n\
TRANSP:TRANSPARENT\r\n\
END:VEVENT\r\n\
END:VCALENDAR\r\n";
        assert_eq!(text, expected);
    }

    #[test]
    fn folds_at_75_octets_without_splitting_utf8() {
        let summary = "é".repeat(80); // 160 octets
        let text = write(&[day(&summary, None)]);
        let physical: Vec<&str> = text.split_terminator("\r\n").collect();
        let start = physical
            .iter()
            .position(|l| l.starts_with("SUMMARY:"))
            .unwrap();
        // "SUMMARY:" is 8 octets, then 33 "é" (66 octets) = 74; a 34th would make 76.
        assert_eq!(physical[start], format!("SUMMARY:{}", "é".repeat(33)));
        assert_eq!(physical[start].len(), 74);
        // Continuations: one space + 37 "é" = 75 octets, then the remaining 10.
        assert_eq!(physical[start + 1], format!(" {}", "é".repeat(37)));
        assert_eq!(physical[start + 1].len(), 75);
        assert_eq!(physical[start + 2], format!(" {}", "é".repeat(10)));
        assert!(physical.iter().all(|l| l.len() <= 75));
        assert!(unfolded(&text).contains(&format!("SUMMARY:{summary}")));
    }

    #[test]
    fn folds_ascii_at_exactly_75_and_keeps_4_byte_chars_whole() {
        let ascii = "a".repeat(200);
        let emoji = "🎂".repeat(40);
        let text = write(&[day(&ascii, Some(&emoji))]);
        for line in text.split_terminator("\r\n") {
            assert!(line.len() <= 75, "{line:?} is {} octets", line.len());
        }
        let physical: Vec<&str> = text.split_terminator("\r\n").collect();
        let start = physical
            .iter()
            .position(|l| l.starts_with("SUMMARY:"))
            .unwrap();
        assert_eq!(physical[start].len(), 75);
        assert_eq!(physical[start + 1].len(), 75);
        let lines = unfolded(&text);
        assert!(lines.contains(&format!("SUMMARY:{ascii}")));
        assert!(lines.contains(&format!("DESCRIPTION:{emoji}")));
        // A line of exactly 75 octets is not folded.
        let exact = "b".repeat(75 - "SUMMARY:".len());
        let text = write(&[day(&exact, None)]);
        assert!(text.contains(&format!("\r\nSUMMARY:{exact}\r\nTRANSP")));
    }

    #[test]
    fn escapes_text() {
        let text = write(&[day(
            r"Lee, Bo; C:\temp",
            Some("line one\nline two\r\nline three\rend\u{7}\tx"),
        )]);
        let lines = unfolded(&text);
        assert!(lines.contains(&r"SUMMARY:Lee\, Bo\; C:\\temp".to_owned()));
        assert!(
            lines.contains(&"DESCRIPTION:line one\\nline two\\nline three\\nend\tx".to_owned())
        );
        assert!(!text.contains('\u{7}'));
    }

    #[test]
    fn escapes_calendar_name_product_and_uid() {
        let calendar = Calendar {
            name: "Ana, Bo; friends",
            ..cal()
        };
        let mut buf = Vec::new();
        let entry = Entry::Day {
            uid: "a,b;c@kithkin".into(),
            summary: "x".into(),
            description: None,
            on: date(2026, 1, 1),
        };
        write_calendar(&mut buf, &calendar, &[entry]).unwrap();
        let text = String::from_utf8(buf).unwrap();
        assert!(text.contains("\r\nX-WR-CALNAME:Ana\\, Bo\\; friends\r\n"));
        assert!(text.contains("\r\nUID:a\\,b\\;c@kithkin\r\n"));
    }

    #[test]
    fn feb_29_recurs_on_last_day_of_february() {
        let text = write(&[
            Entry::Yearly {
                uid: uid("birthday", &1),
                summary: "Leap".into(),
                description: None,
                first: date(2000, 2, 29),
            },
            Entry::Yearly {
                uid: uid("birthday", &2),
                summary: "Not leap".into(),
                description: None,
                first: date(2001, 2, 28),
            },
        ]);
        let lines = unfolded(&text);
        let rules: Vec<&String> = lines.iter().filter(|l| l.starts_with("RRULE")).collect();
        assert_eq!(
            rules,
            [
                "RRULE:FREQ=YEARLY;BYMONTH=2;BYMONTHDAY=-1",
                "RRULE:FREQ=YEARLY"
            ]
        );
        assert!(text.contains("DTSTART;VALUE=DATE:20000229\r\nDTEND;VALUE=DATE:20000301\r\n"));
    }

    #[test]
    fn crlf_everywhere() {
        let text = write(&[
            day("multi\nline", Some(&"long text ".repeat(30))),
            Entry::Todo {
                uid: uid("followup", &3),
                summary: "é".repeat(80),
                description: Some("a\r\nb\rc".into()),
                due: date(2026, 12, 31),
                priority: None,
            },
        ]);
        assert!(text.ends_with("END:VCALENDAR\r\n"));
        let bytes = text.as_bytes();
        for (i, b) in bytes.iter().enumerate() {
            if *b == b'\n' {
                assert_eq!(bytes[i - 1], b'\r', "bare LF at byte {i}");
            }
            if *b == b'\r' {
                assert_eq!(bytes.get(i + 1), Some(&b'\n'), "bare CR at byte {i}");
            }
        }
        assert!(!text.contains("PRIORITY"));
    }

    #[test]
    fn deterministic_and_in_given_order() {
        let entries = vec![
            day("first", None),
            Entry::Todo {
                uid: uid("checkin", &1),
                summary: "second".into(),
                description: None,
                due: date(2020, 1, 1),
                priority: Some(1),
            },
            day("third", Some("x")),
        ];
        let a = write(&entries);
        let b = write(&entries);
        assert_eq!(a, b);
        let first = a.find("SUMMARY:first").unwrap();
        let second = a.find("SUMMARY:second").unwrap();
        let third = a.find("SUMMARY:third").unwrap();
        assert!(first < second && second < third);
    }

    #[test]
    fn day_end_crosses_year_and_stamp_is_utc() {
        let calendar = Calendar {
            generated_at: "2026-01-01T00:30:00+02:00".parse().unwrap(),
            ..cal()
        };
        let mut buf = Vec::new();
        let entry = Entry::Day {
            uid: uid("event", &1),
            summary: "NYE".into(),
            description: None,
            on: date(2025, 12, 31),
        };
        write_calendar(&mut buf, &calendar, &[entry]).unwrap();
        let text = String::from_utf8(buf).unwrap();
        assert!(text.contains("\r\nDTSTAMP:20251231T223000Z\r\n"));
        assert!(text.contains("DTSTART;VALUE=DATE:20251231\r\nDTEND;VALUE=DATE:20260101\r\n"));
    }

    #[test]
    fn rejects_bad_input_without_writing() {
        let bad_priority = Entry::Todo {
            uid: uid("checkin", &1),
            summary: "x".into(),
            description: None,
            due: date(2026, 1, 1),
            priority: Some(10),
        };
        let last_day = Entry::Day {
            uid: uid("event", &1),
            summary: "x".into(),
            description: None,
            on: date(9999, 12, 31),
        };
        let negative = Entry::Yearly {
            uid: uid("birthday", &1),
            summary: "x".into(),
            description: None,
            first: date(-5, 1, 1),
        };
        for entry in [bad_priority, last_day, negative] {
            let mut buf = Vec::new();
            let err = write_calendar(&mut buf, &cal(), &[day("ok", None), entry]).unwrap_err();
            assert_eq!(err.kind(), io::ErrorKind::InvalidInput);
            assert!(buf.is_empty());
        }
    }

    #[test]
    fn empty_calendar() {
        let text = write(&[]);
        assert!(text.starts_with("BEGIN:VCALENDAR\r\n"));
        assert!(text.ends_with("NAME:Kithkin reminders\r\nEND:VCALENDAR\r\n"));
    }
}
