//! The iCalendar meeting reader on the shared corpus of real-world files
//! (`shared/corpus/ics`, see its `SOURCES.md`): every file reads without panicking and yields
//! meetings or errors, every meeting and error points at a `BEGIN:VEVENT` line (or line 1 for
//! the whole file), what is read is consistent, several files are checked for what they are
//! known to test, and a representative set is pinned by insta snapshots.
//!
//! Everything is read up to a fixed moment, so that the results do not change with the date.
//! Without the corpus the tests print "skipped: corpus not found" and pass, unless
//! `KITHKIN_REQUIRE_CORPUS=1`.
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod common;

use jiff::Timestamp;
use jiff::tz::TimeZone;
use kithkin_formats::ics_read::{Meeting, MeetingsRead, read_meetings};
use std::collections::HashSet;
use std::path::{Path, PathBuf};

/// The reading horizon of every test here.
const UNTIL: &str = "2027-01-01T00:00:00Z";
const MAX_PER_EVENT: usize = 5000;

fn corpus() -> Option<PathBuf> {
    common::corpus("ics")
}

fn files(dir: &Path) -> Vec<PathBuf> {
    common::files(dir, "ics")
}

fn until() -> Timestamp {
    UNTIL.parse().unwrap()
}

fn read_with(bytes: &[u8], tz: &TimeZone) -> MeetingsRead {
    read_meetings(bytes, until(), tz, MAX_PER_EVENT)
}

/// Reads a corpus file in UTC, or `None` without the corpus.
fn read_file(name: &str) -> Option<MeetingsRead> {
    let dir = corpus()?;
    let bytes = std::fs::read(dir.join(name)).expect("corpus file is readable");
    Some(read_with(&bytes, &TimeZone::UTC))
}

/// Whether line `n` (1-based, as the reader counts) of `bytes` is a `BEGIN:VEVENT`.
fn is_begin_line(bytes: &[u8], n: u64) -> bool {
    let sep = if bytes.contains(&b'\n') { b'\n' } else { b'\r' };
    let line = bytes
        .split(|&b| b == sep)
        .nth(n as usize - 1)
        .unwrap_or_default();
    String::from_utf8_lossy(line)
        .trim_start_matches('\u{feff}')
        .trim_end()
        .eq_ignore_ascii_case("BEGIN:VEVENT")
}

fn starts(read: &MeetingsRead) -> Vec<String> {
    read.meetings.iter().map(|m| m.start.to_string()).collect()
}

fn with_uid<'a>(read: &'a MeetingsRead, uid: &str) -> Vec<&'a Meeting> {
    read.meetings
        .iter()
        .filter(|m| m.uid.as_deref() == Some(uid))
        .collect()
}

/// `YYYYMMDD`, `YYYYMMDDTHHMMSS` or `YYYYMMDDTHHMMSSZ`.
fn is_rfc5545_start(id: &str) -> bool {
    let digits = |s: &str| !s.is_empty() && s.bytes().all(|b| b.is_ascii_digit());
    match id.len() {
        8 => digits(id),
        15 | 16 => {
            digits(&id[..8])
                && &id[8..9] == "T"
                && digits(&id[9..15])
                && (id.len() == 15 || &id[15..] == "Z")
        }
        _ => false,
    }
}

#[test]
fn every_corpus_file_yields_meetings_or_errors() {
    let Some(dir) = corpus() else { return };
    let files = files(&dir);
    assert!(
        files.len() >= 35,
        "only {} files in {}",
        files.len(),
        dir.display()
    );
    let (mut meetings, mut errors) = (0, 0);
    for path in files {
        let name = path.file_name().unwrap().to_string_lossy().into_owned();
        let bytes = std::fs::read(&path).expect("corpus file is readable");
        for tz in [TimeZone::UTC, TimeZone::get("Pacific/Auckland").unwrap()] {
            let read = read_with(&bytes, &tz);
            assert!(
                !read.meetings.is_empty() || !read.errors.is_empty(),
                "{name}: neither a meeting nor an error"
            );
            let mut keys = HashSet::new();
            for m in &read.meetings {
                assert!(
                    is_begin_line(&bytes, m.line),
                    "{name}: meeting line {}",
                    m.line
                );
                assert!(m.start <= until(), "{name}: {m:?} starts after the horizon");
                assert!(m.end.is_none_or(|end| end >= m.start), "{name}: {m:?}");
                if let Some(id) = &m.recurrence_id {
                    assert!(is_rfc5545_start(id), "{name}: recurrence id {id}");
                }
                for who in m.organizer.iter().chain(&m.attendees) {
                    assert!(who.email.contains('@'), "{name}: {who:?}");
                    assert_eq!(who.email, who.email.to_lowercase(), "{name}");
                    assert!(!who.email.contains("mailto:"), "{name}: {who:?}");
                }
                // (uid, recurrence id) identifies an occurrence.
                if m.uid.is_some() {
                    assert!(
                        keys.insert((m.uid.clone(), m.recurrence_id.clone())),
                        "{name}: two meetings are {:?} {:?}",
                        m.uid,
                        m.recurrence_id
                    );
                }
            }
            for error in &read.errors {
                assert!(
                    error.line == 1 || is_begin_line(&bytes, error.line),
                    "{name}: error line {}",
                    error.line
                );
                if tz == TimeZone::UTC {
                    println!("{name}:{}: {}", error.line, error.message);
                }
            }
            meetings += read.meetings.len();
            errors += read.errors.len();
        }
    }
    println!("corpus (twice): {meetings} meetings, {errors} errors");
}

#[test]
fn exdates_remove_their_occurrences() {
    // Apple iCal 2.0: DAILY;COUNT=7 from 1 January 2006, 3 and 4 January excluded, Brisbane.
    let Some(read) = read_file("ical4j__EXDATE.ics") else {
        return;
    };
    assert!(read.errors.is_empty(), "{:?}", read.errors);
    assert_eq!(
        starts(&read),
        [
            "2006-01-01T02:00:00Z",
            "2006-01-02T02:00:00Z",
            "2006-01-05T02:00:00Z",
            "2006-01-06T02:00:00Z",
            "2006-01-07T02:00:00Z",
        ]
    );

    // Tuesdays 27 March to 3 July 2012 in Vienna (15), five EXDATE lines.
    let read =
        read_file("icalendar__event_with_recurrence_exdates_on_different_lines.ics").unwrap();
    assert!(read.errors.is_empty(), "{:?}", read.errors);
    assert_eq!(read.meetings.len(), 10);
    let days: Vec<String> = read
        .meetings
        .iter()
        .map(|m| m.start.strftime("%m-%d").to_string())
        .collect();
    for excluded in ["04-03", "04-10", "04-17", "05-01", "05-29"] {
        assert!(
            !days.contains(&excluded.to_owned()),
            "{excluded} in {days:?}"
        );
    }
    // 10:00 in Vienna: summer time from 25 March.
    assert!(
        read.meetings
            .iter()
            .all(|m| m.start.strftime("%H:%M").to_string() == "08:00")
    );

    // Google: ten EXDATEs over the Christmas holidays on a weekday series in Budapest.
    let read = read_file("calcard__007.ics").unwrap();
    let series = with_uid(&read, "*Masked away*");
    let ids: Vec<&str> = series
        .iter()
        .filter_map(|m| m.recurrence_id.as_deref())
        .collect();
    assert!(ids.contains(&"20201218T062000Z"));
    for excluded in ["20201221", "20201224", "20201231", "20210101"] {
        assert!(
            !ids.iter().any(|id| id.starts_with(excluded)),
            "{excluded} not excluded"
        );
    }
    assert!(ids.contains(&"20210104T062000Z"));

    // Radicale/Thunderbird: nine EXDATEs and two cancelled overrides on a weekly course.
    let read = read_file("pyvobject__radicale-0827.ics").unwrap();
    assert_eq!(read.meetings.len(), 37 - 9 - 2);
    let ids: Vec<&str> = read
        .meetings
        .iter()
        .filter_map(|m| m.recurrence_id.as_deref())
        .collect();
    assert!(!ids.contains(&"20171023T183000Z"));
    assert!(!ids.contains(&"20180326T183000Z"));
}

#[test]
fn a_malformed_exdate_costs_only_itself() {
    let Some(read) = read_file("icalendar__parsing_error.ics") else {
        return;
    };
    assert_eq!(read.errors.len(), 1);
    assert_eq!(read.errors[0].line, 13);
    assert!(read.errors[0].message.contains("EXDATE"));
    // Both all-day series: 3 to 23 March 2008 (UNTIL 23:59:59Z), less 11 March.
    assert_eq!(read.meetings.len(), 2 * 20);
    assert!(read.meetings.iter().all(|m| m.all_day));
}

#[test]
fn non_ascii_and_eight_bit_tzids() {
    // "(UTC-03:00) Brasília" is no IANA name: its VTIMEZONE (-03:00 in May) places it.
    let Some(read) =
        read_file("icalendar__issue_237_fail_to_parse_timezone_with_non_ascii_tzid.ics")
    else {
        return;
    };
    assert!(read.errors.is_empty(), "{:?}", read.errors);
    assert_eq!(starts(&read), ["2017-05-11T16:30:00Z"]);
    assert_eq!(
        read.meetings[0].end,
        Some("2017-05-11T17:00:00Z".parse().unwrap())
    );

    // A Cyrillic TZID whose VTIMEZONE says +06:00 in summer.
    let read = read_file("pyvobject__tzid_8bit.ics").unwrap();
    assert!(read.errors.is_empty(), "{:?}", read.errors);
    assert_eq!(starts(&read), ["2008-05-30T09:00:00Z"]);
}

#[test]
fn a_latin1_calendar_is_decoded() {
    let Some(read) = read_file("thunderbird__importLatin1.ics") else {
        return;
    };
    assert!(read.errors.is_empty(), "{:?}", read.errors);
    let summaries: Vec<&str> = read
        .meetings
        .iter()
        .filter_map(|m| m.summary.as_deref())
        .collect();
    assert_eq!(
        summaries,
        ["Event One", "Event Four", "Event Three", "Event Två"]
    );
}

#[test]
fn outlook_meetings() {
    // Outlook 2010 meeting request: organiser and attendees, VTIMEZONE.
    let Some(read) = read_file("biweekly__outlook-2010.ics") else {
        return;
    };
    let m = &read.meetings[0];
    assert_eq!(m.organizer.as_ref().unwrap().email, "bobsmith@example.com");
    assert_eq!(m.attendees.len(), 2);

    // Exchange 2010 with a Windows TZID and no IANA name: 17:00 Eastern, still summer time.
    let read = read_file("icalendar__issue_836_do_not_quote_tzid.ics").unwrap();
    assert_eq!(starts(&read), ["2024-10-28T21:00:00Z"]);

    // Outlook 2007: 86 events; overrides replace their occurrences of a weekly series in
    // "(UTC+02:00) Athens, Bucharest, Istanbul" (16:00 local: 14:00Z in winter, 13:00Z in
    // summer).
    let read = read_file("ical4j__outlook12-large.ics").unwrap();
    assert!(read.errors.is_empty(), "{:?}", read.errors);
    let series = with_uid(
        &read,
        "040000008200E00074C5B7101A82E0080000000040D76F07BDCBCD0100000000000000001000000083E39564BB3D8D49AD2C623DDF5C06E5",
    );
    let at = |id: &str| {
        series
            .iter()
            .find(|m| m.recurrence_id.as_deref() == Some(id))
            .copied()
    };
    assert_eq!(at("20121207T140000Z").unwrap().line, 27);
    assert_eq!(at("20130322T140000Z").unwrap().line, 62);
    assert_eq!(at("20130329T140000Z").unwrap().line, 88);
    assert!(at("20130405T130000Z").is_some());
    for excluded in ["20130118T140000Z", "20130308T140000Z"] {
        assert!(at(excluded).is_none(), "{excluded}");
    }

    // Outlook 2013: an override moved from Thursday 08:00Z to Wednesday 04:30Z.
    let read = read_file("ical4j__outlook15-TZ-no-description.ics").unwrap();
    let series = with_uid(
        &read,
        "c4eb06fe-6c88-4432-85db-7c9075872a54.calendar.gmx.com",
    );
    assert_eq!(series[0].line, 178);
    assert_eq!(series[0].recurrence_id.as_deref(), Some("20150423T080000Z"));
    assert_eq!(series[0].start, "2015-04-22T04:30:00Z".parse().unwrap());
    assert_eq!(series[1].recurrence_id.as_deref(), Some("20150430T080000Z"));

    // Windows Live: weekdays, COUNT=99 less the EXDATE of the first, Pacific Standard Time.
    let read = read_file("ical4j__windowslive-outlook2.ics").unwrap();
    assert_eq!(read.meetings.len(), 98);
    assert_eq!(
        read.meetings[0].start,
        "2014-02-24T23:00:00Z".parse().unwrap()
    );
}

#[test]
fn participation_and_status_variants() {
    let Some(read) = read_file("calcard__026.ics") else {
        return;
    };
    let statuses: Vec<Option<&str>> = read.meetings.iter().map(|m| m.status.as_deref()).collect();
    assert_eq!(
        statuses,
        [
            Some("TENTATIVE"),
            Some("CONFIRMED"),
            Some("CANCELLED"),
            None
        ]
    );
}

#[test]
fn a_broken_event_costs_only_itself() {
    // Exchange: one DTSTART has its value inside the quoted TZID.
    let Some(read) = read_file("calcard__013.ics") else {
        return;
    };
    assert_eq!(read.errors.len(), 1);
    assert_eq!(read.errors[0].line, 145);
    assert!(read.errors[0].message.contains("DTSTART"));
    assert!(!read.meetings.is_empty());

    // A VFREEBUSY reply holds no event.
    let read =
        read_file("icalendar__issue_27_multiple_periods_in_freebusy_multiple_freebusies.ics")
            .unwrap();
    assert!(read.meetings.is_empty());
    assert_eq!(read.errors.len(), 1);
}

#[test]
fn a_blank_tzid_is_floating() {
    let Some(dir) = corpus() else { return };
    let bytes = std::fs::read(dir.join("ical4j__blankTzid.ics")).unwrap();
    let read = read_with(&bytes, &TimeZone::get("Africa/Johannesburg").unwrap());
    assert!(read.errors.is_empty(), "{:?}", read.errors);
    assert_eq!(starts(&read), ["2015-08-26T07:00:00Z"]);
}

/// One insta snapshot test per corpus file, named after the file.
macro_rules! snapshots {
    ($($test:ident => $file:literal,)*) => {$(
        #[test]
        fn $test() {
            if let Some(read) = read_file($file) {
                insta::assert_yaml_snapshot!($file.trim_end_matches(".ics"), read);
            }
        }
    )*};
}

snapshots! {
    outlook_2010_meeting_request => "biweekly__outlook-2010.ics",
    teams_invite_with_rrule => "calcard__047.ics",
    macos_partstat_variants => "calcard__026.ics",
    macos_all_day_and_attendees => "ical4j__apple-macosx-10.8.5.ics",
    exdates_and_cancelled_overrides => "pyvobject__radicale-0827.ics",
    lotus_rdate_periods_this_and_future => "icalendar__issue_156_RDATE_with_PERIOD_TZID_khal_2.ics",
    non_ascii_windows_tzid => "icalendar__issue_237_fail_to_parse_timezone_with_non_ascii_tzid.ics",
    latin1 => "thunderbird__importLatin1.ics",
}
