//! Unit tests of the iCalendar reader, on small inline calendars.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use super::*;

fn ts(text: &str) -> Timestamp {
    text.parse().unwrap()
}

fn paris() -> TimeZone {
    TimeZone::get("Europe/Paris").unwrap()
}

/// A calendar around `body` (lines joined by CRLF, leading spaces of each line trimmed so the
/// tests can indent; a line starting with `|` is a folded continuation).
fn calendar(body: &str) -> String {
    let mut out = String::from("BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//test//EN\r\n");
    for line in body.lines().map(str::trim).filter(|l| !l.is_empty()) {
        match line.strip_prefix('|') {
            Some(rest) => out.push_str(&format!(" {rest}\r\n")),
            None => out.push_str(&format!("{line}\r\n")),
        }
    }
    out.push_str("END:VCALENDAR\r\n");
    out
}

fn read_until(body: &str, until: &str, tz: &TimeZone) -> MeetingsRead {
    read_meetings(calendar(body).as_bytes(), ts(until), tz, 5000)
}

fn read(body: &str) -> MeetingsRead {
    read_until(body, "2030-01-01T00:00:00Z", &TimeZone::UTC)
}

fn starts(read: &MeetingsRead) -> Vec<String> {
    read.meetings.iter().map(|m| m.start.to_string()).collect()
}

fn ids(read: &MeetingsRead) -> Vec<&str> {
    read.meetings
        .iter()
        .map(|m| m.recurrence_id.as_deref().unwrap_or("-"))
        .collect()
}

#[test]
fn weekly_with_exdate_a_moved_and_a_cancelled_override() {
    let read = read(
        "BEGIN:VEVENT
         UID:weekly-1
         SUMMARY:Weekly sync
         DTSTART:20260105T100000Z
         DTEND:20260105T110000Z
         RRULE:FREQ=WEEKLY;COUNT=6
         EXDATE:20260112T100000Z
         ORGANIZER;CN=Ana:mailto:ana@example.org
         ATTENDEE;PARTSTAT=ACCEPTED:mailto:ben@example.org
         END:VEVENT
         BEGIN:VEVENT
         UID:weekly-1
         RECURRENCE-ID:20260119T100000Z
         SUMMARY:Weekly sync (moved)
         DTSTART:20260120T150000Z
         DTEND:20260120T153000Z
         ATTENDEE;PARTSTAT=ACCEPTED:mailto:cleo@example.org
         END:VEVENT
         BEGIN:VEVENT
         UID:weekly-1
         RECURRENCE-ID:20260126T100000Z
         STATUS:CANCELLED
         DTSTART:20260126T100000Z
         END:VEVENT",
    );
    assert!(read.errors.is_empty(), "{:?}", read.errors);
    assert_eq!(
        starts(&read),
        [
            "2026-01-05T10:00:00Z",
            "2026-01-20T15:00:00Z",
            "2026-02-02T10:00:00Z",
            "2026-02-09T10:00:00Z",
        ]
    );
    // The moved occurrence keeps the id of the one it replaces, and its own details.
    assert_eq!(
        ids(&read),
        [
            "20260105T100000Z",
            "20260119T100000Z",
            "20260202T100000Z",
            "20260209T100000Z"
        ]
    );
    let moved = &read.meetings[1];
    assert_eq!(moved.line, 14);
    assert_eq!(moved.summary.as_deref(), Some("Weekly sync (moved)"));
    assert_eq!(moved.end, Some(ts("2026-01-20T15:30:00Z")));
    assert_eq!(moved.attendees[0].email, "cleo@example.org");
    // The organiser the override leaves out is the series'.
    assert_eq!(moved.organizer.as_ref().unwrap().email, "ana@example.org");
    let first = &read.meetings[0];
    assert_eq!(first.line, 4);
    assert_eq!(first.uid.as_deref(), Some("weekly-1"));
    assert_eq!(first.end, Some(ts("2026-01-05T11:00:00Z")));
    assert_eq!(first.attendees[0].email, "ben@example.org");
}

#[test]
fn paris_across_the_dst_change() {
    let read = read(
        "BEGIN:VEVENT
         UID:paris
         DTSTART;TZID=Europe/Paris:20260323T093000
         DTEND;TZID=Europe/Paris:20260323T103000
         RRULE:FREQ=WEEKLY;COUNT=3
         END:VEVENT",
    );
    // Summer time starts on 29 March 2026: 09:30 is 08:30Z before, 07:30Z after.
    assert_eq!(
        starts(&read),
        [
            "2026-03-23T08:30:00Z",
            "2026-03-30T07:30:00Z",
            "2026-04-06T07:30:00Z"
        ]
    );
    assert_eq!(read.meetings[1].end, Some(ts("2026-03-30T08:30:00Z")));
    assert_eq!(
        read.meetings[1].recurrence_id.as_deref(),
        Some("20260330T073000Z")
    );
}

#[test]
fn utc_until_on_a_zoned_event_keeps_its_last_occurrence() {
    // UNTIL is the last start in UTC (as Outlook writes it); east of UTC the local time is
    // later than the UTC one, which a naive local comparison would cut off.
    let read = read(
        "BEGIN:VEVENT
         UID:until
         DTSTART;TZID=Europe/Paris:20260105T100000
         RRULE:FREQ=DAILY;UNTIL=20260107T090000Z
         END:VEVENT",
    );
    assert_eq!(
        starts(&read),
        [
            "2026-01-05T09:00:00Z",
            "2026-01-06T09:00:00Z",
            "2026-01-07T09:00:00Z"
        ]
    );
}

#[test]
fn all_day_events_start_at_midnight_in_the_default_zone() {
    let read = read_until(
        "BEGIN:VEVENT
         UID:holiday
         SUMMARY:Holiday
         DTSTART;VALUE=DATE:20260714
         DTEND;VALUE=DATE:20260716
         END:VEVENT
         BEGIN:VEVENT
         UID:birthday
         DTSTART;VALUE=DATE:20260301
         RRULE:FREQ=YEARLY;COUNT=2
         END:VEVENT
         BEGIN:VEVENT
         UID:google-style
         DTSTART;VALUE=DATE:20260302
         DTEND;VALUE=DATE:20260303
         RRULE:FREQ=DAILY;UNTIL=20260304T235959Z
         EXDATE;VALUE=DATE:20260303
         END:VEVENT",
        "2030-01-01T00:00:00Z",
        &paris(),
    );
    assert!(read.errors.is_empty(), "{:?}", read.errors);
    let holiday = &read.meetings[0];
    assert!(holiday.all_day);
    assert_eq!(holiday.start, ts("2026-07-13T22:00:00Z"));
    assert_eq!(holiday.end, Some(ts("2026-07-15T22:00:00Z")));
    assert_eq!(holiday.recurrence_id, None);
    let birthdays: Vec<_> = read.meetings[1..3].iter().collect();
    assert_eq!(birthdays[0].start, ts("2026-02-28T23:00:00Z"));
    assert_eq!(birthdays[0].end, Some(ts("2026-03-01T23:00:00Z")));
    assert_eq!(birthdays[1].recurrence_id.as_deref(), Some("20270301"));
    // UNTIL in UTC on an all-day event is its UTC date; the EXDATE removes the 3rd.
    assert_eq!(ids(&read)[3..], ["20260302", "20260304"]);
}

#[test]
fn floating_times_are_read_in_the_default_zone() {
    let body = "BEGIN:VEVENT
                UID:floating
                DTSTART:20260105T100000
                DTEND:20260105T110000
                RRULE:FREQ=DAILY;COUNT=2
                EXDATE:20260106T100000
                RDATE:20260110T120000
                END:VEVENT";
    let read = read_until(body, "2030-01-01T00:00:00Z", &paris());
    assert_eq!(
        starts(&read),
        ["2026-01-05T09:00:00Z", "2026-01-10T11:00:00Z"]
    );
    // The id of a floating occurrence is its local time, so it does not depend on the zone.
    assert_eq!(ids(&read), ["20260105T100000", "20260110T120000"]);
    assert_eq!(read.meetings[0].end, Some(ts("2026-01-05T10:00:00Z")));
    let utc = read_until(body, "2030-01-01T00:00:00Z", &TimeZone::UTC);
    assert_eq!(utc.meetings[0].start, ts("2026-01-05T10:00:00Z"));
    assert_eq!(ids(&utc), ids(&read));
}

#[test]
fn count_and_until() {
    let read = read(
        "BEGIN:VEVENT
         UID:count
         DTSTART:20260105T100000Z
         RRULE:FREQ=WEEKLY;INTERVAL=2;COUNT=3
         END:VEVENT
         BEGIN:VEVENT
         UID:until
         DTSTART:20260101T080000Z
         RRULE:FREQ=MONTHLY;UNTIL=20260401T080000Z
         END:VEVENT",
    );
    assert_eq!(
        starts(&read),
        [
            "2026-01-05T10:00:00Z",
            "2026-01-19T10:00:00Z",
            "2026-02-02T10:00:00Z",
            "2026-01-01T08:00:00Z",
            "2026-02-01T08:00:00Z",
            "2026-03-01T08:00:00Z",
            "2026-04-01T08:00:00Z",
        ]
    );
}

#[test]
fn byday_ordinals_bymonthday_and_bymonth() {
    let read = read_until(
        "BEGIN:VEVENT
         UID:second-monday
         DTSTART:20260112T090000Z
         RRULE:FREQ=MONTHLY;BYDAY=2MO;COUNT=3
         END:VEVENT
         BEGIN:VEVENT
         UID:last-friday
         DTSTART:20260130T090000Z
         RRULE:FREQ=MONTHLY;BYDAY=-1FR;COUNT=2
         END:VEVENT
         BEGIN:VEVENT
         UID:fifteenth
         DTSTART:20260115T090000Z
         RRULE:FREQ=MONTHLY;BYMONTHDAY=15,-1;COUNT=3
         END:VEVENT
         BEGIN:VEVENT
         UID:june-and-december
         DTSTART:20260601T090000Z
         RRULE:FREQ=YEARLY;BYMONTH=6,12;BYMONTHDAY=1
         END:VEVENT",
        "2027-07-01T00:00:00Z",
        &TimeZone::UTC,
    );
    let days: Vec<String> = read
        .meetings
        .iter()
        .map(|m| m.start.strftime("%Y-%m-%d").to_string())
        .collect();
    assert_eq!(
        days,
        [
            "2026-01-12",
            "2026-02-09",
            "2026-03-09",
            "2026-01-30",
            "2026-02-27",
            "2026-01-15",
            "2026-01-31",
            "2026-02-15",
            "2026-06-01",
            "2026-12-01",
            "2027-06-01",
        ]
    );
}

#[test]
fn declined_and_other_participation_is_reported() {
    let read = read(
        "BEGIN:VEVENT
         UID:people
         DTSTART:20260105T100000Z
         ORGANIZER;CN=\"Lima, Ana\":MAILTO:Ana.Lima@Example.org
         ATTENDEE;CN=Ben;PARTSTAT=DECLINED;ROLE=REQ-PARTICIPANT:mailto:ben@example.org
         ATTENDEE;PARTSTAT=TENTATIVE;ROLE=OPT-PARTICIPANT:mailto:mailto:cleo@example.org
         ATTENDEE;PARTSTAT=NEEDS-ACTION:mailto:BEN@example.org
         ATTENDEE;CN=Room 1;CUTYPE=ROOM:urn:uuid:1234
         ATTENDEE;CN=No Mail:invalid:nomail
         ATTENDEE;EMAIL=dan@example.org;PARTSTAT=ACCEPTED:urn:uuid:5678
         END:VEVENT",
    );
    let m = &read.meetings[0];
    let organizer = m.organizer.as_ref().unwrap();
    assert_eq!(organizer.email, "ana.lima@example.org");
    assert_eq!(organizer.name.as_deref(), Some("Lima, Ana"));
    let people: Vec<(&str, Option<&str>, Option<&str>)> = m
        .attendees
        .iter()
        .map(|a| (a.email.as_str(), a.partstat.as_deref(), a.role.as_deref()))
        .collect();
    assert_eq!(
        people,
        [
            ("ben@example.org", Some("DECLINED"), Some("REQ-PARTICIPANT")),
            (
                "cleo@example.org",
                Some("TENTATIVE"),
                Some("OPT-PARTICIPANT")
            ),
            ("dan@example.org", Some("ACCEPTED"), None),
        ]
    );
    assert_eq!(m.attendees[0].name.as_deref(), Some("Ben"));
}

#[test]
fn events_after_until_are_left_out_and_endless_rules_end_there() {
    let read = read_until(
        "BEGIN:VEVENT
         UID:past
         DTSTART:20260105T100000Z
         END:VEVENT
         BEGIN:VEVENT
         UID:future
         DTSTART:20260301T100000Z
         END:VEVENT
         BEGIN:VEVENT
         UID:endless
         DTSTART:20260101T100000Z
         RRULE:FREQ=DAILY
         END:VEVENT",
        "2026-01-10T10:00:00Z",
        &TimeZone::UTC,
    );
    let uids: Vec<_> = read
        .meetings
        .iter()
        .filter_map(|m| m.uid.as_deref())
        .collect();
    assert!(!uids.contains(&"future"));
    assert_eq!(uids.iter().filter(|u| **u == "endless").count(), 10);
    assert_eq!(
        read.meetings.last().unwrap().start,
        ts("2026-01-10T10:00:00Z")
    );
    assert!(read.errors.is_empty());
}

#[test]
fn occurrences_are_capped_per_event() {
    let read = read_meetings(
        calendar(
            "BEGIN:VEVENT
             UID:daily
             DTSTART:20000101T090000Z
             RRULE:FREQ=DAILY
             END:VEVENT
             BEGIN:VEVENT
             UID:other
             DTSTART:20000101T090000Z
             RRULE:FREQ=DAILY;COUNT=3
             END:VEVENT",
        )
        .as_bytes(),
        ts("2026-01-01T00:00:00Z"),
        &TimeZone::UTC,
        100,
    );
    assert_eq!(read.meetings.len(), 103);
    assert_eq!(read.meetings[99].start, ts("2000-04-09T09:00:00Z"));
    assert_eq!(read.errors.len(), 1);
    assert_eq!(read.errors[0].line, 4);
    assert!(read.errors[0].message.contains("more than 100 occurrences"));
}

#[test]
fn rdate_periods_and_exdate_lists_with_their_own_zones() {
    let read = read(
        "BEGIN:VEVENT
         UID:mixed
         DTSTART;TZID=Europe/Paris:20260105T100000
         DURATION:PT1H
         RRULE:FREQ=DAILY;COUNT=5
         EXDATE;TZID=America/New_York:20260106T040000,20260107T040000
         EXDATE:20260108T090000Z
         RDATE;VALUE=PERIOD:20260120T120000Z/20260120T140000Z
         RDATE;TZID=Europe/Paris:20260121T100000
         END:VEVENT",
    );
    assert!(read.errors.is_empty(), "{:?}", read.errors);
    assert_eq!(
        starts(&read),
        [
            "2026-01-05T09:00:00Z",
            "2026-01-09T09:00:00Z",
            "2026-01-20T12:00:00Z",
            "2026-01-21T09:00:00Z",
        ]
    );
    assert_eq!(read.meetings[2].end, Some(ts("2026-01-20T14:00:00Z")));
    assert_eq!(read.meetings[3].end, Some(ts("2026-01-21T10:00:00Z")));
}

#[test]
fn an_outlook_vtimezone_with_a_windows_name() {
    let read = read(
        "BEGIN:VTIMEZONE
         TZID:Customized Time Zone
         BEGIN:STANDARD
         DTSTART:16010101T030000
         TZOFFSETFROM:+0200
         TZOFFSETTO:+0100
         RRULE:FREQ=YEARLY;INTERVAL=1;BYDAY=-1SU;BYMONTH=10
         END:STANDARD
         BEGIN:DAYLIGHT
         DTSTART:16010101T020000
         TZOFFSETFROM:+0100
         TZOFFSETTO:+0200
         RRULE:FREQ=YEARLY;INTERVAL=1;BYDAY=-1SU;BYMONTH=3
         END:DAYLIGHT
         END:VTIMEZONE
         BEGIN:VEVENT
         UID:custom
         DTSTART;TZID=Customized Time Zone:20260327T100000
         RRULE:FREQ=DAILY;COUNT=3
         END:VEVENT
         BEGIN:VEVENT
         UID:windows
         DTSTART;TZID=W. Europe Standard Time:20260327T100000
         END:VEVENT
         BEGIN:VEVENT
         UID:unknown
         DTSTART;TZID=Mars/Olympus_Mons:20260327T100000
         END:VEVENT",
    );
    assert_eq!(
        starts(&read),
        [
            "2026-03-27T09:00:00Z",
            "2026-03-28T09:00:00Z",
            "2026-03-29T08:00:00Z",
            "2026-03-27T09:00:00Z",
            "2026-03-27T10:00:00Z",
        ]
    );
    assert_eq!(read.errors.len(), 1);
    assert_eq!(read.errors[0].line, 28);
    assert!(
        read.errors[0]
            .message
            .contains("\"Mars/Olympus_Mons\" is unknown")
    );
    // An unknown zone is read as floating time: its id is local time.
    assert_eq!(read.meetings[4].recurrence_id, None);
}

#[test]
fn overrides_without_their_series_and_with_a_floating_recurrence_id() {
    let read = read(
        "BEGIN:VEVENT
         UID:exception-only
         RECURRENCE-ID:20260110T100000Z
         DTSTART:20260110T120000Z
         SUMMARY:Moved
         END:VEVENT
         BEGIN:VEVENT
         UID:cancel-only
         RECURRENCE-ID:20260111T100000Z
         STATUS:CANCELLED
         END:VEVENT
         BEGIN:VEVENT
         UID:zoned
         DTSTART;TZID=Europe/Paris:20260105T100000
         RRULE:FREQ=DAILY;COUNT=2
         END:VEVENT
         BEGIN:VEVENT
         UID:zoned
         RECURRENCE-ID:20260106T100000
         DTSTART;TZID=Europe/Paris:20260106T180000
         END:VEVENT",
    );
    assert!(read.errors.is_empty(), "{:?}", read.errors);
    let moved = &read.meetings[0];
    assert_eq!(moved.start, ts("2026-01-10T12:00:00Z"));
    assert_eq!(moved.recurrence_id.as_deref(), Some("20260110T100000Z"));
    // A cancelled instance with no series in the file is kept, as cancelled.
    let cancelled = &read.meetings[1];
    assert_eq!(cancelled.status.as_deref(), Some("CANCELLED"));
    assert_eq!(cancelled.start, ts("2026-01-11T10:00:00Z"));
    // A RECURRENCE-ID without its TZID is in the series' zone.
    assert_eq!(
        starts(&read)[2..],
        ["2026-01-05T09:00:00Z", "2026-01-06T17:00:00Z"]
    );
    assert_eq!(ids(&read)[3], "20260106T090000Z");
}

#[test]
fn unsupported_rules_keep_the_first_occurrence() {
    let read = read(
        "BEGIN:VEVENT
         UID:hourly
         DTSTART:20260105T100000Z
         RRULE:FREQ=HOURLY;COUNT=5
         END:VEVENT
         BEGIN:VEVENT
         UID:garbled
         DTSTART:20260106T100000Z
         RRULE:FREQ=SOMETIMES
         END:VEVENT",
    );
    assert_eq!(
        starts(&read),
        ["2026-01-05T10:00:00Z", "2026-01-06T10:00:00Z"]
    );
    let lines: Vec<u64> = read.errors.iter().map(|e| e.line).collect();
    assert_eq!(lines, [4, 9]);
    assert!(
        read.errors[0]
            .message
            .contains("FREQ=HOURLY is not supported")
    );
    assert!(read.errors[1].message.contains("RRULE"));
}

#[test]
fn a_bad_event_does_not_cost_the_others() {
    let read = read(
        "BEGIN:VEVENT
         UID:no-start
         SUMMARY:No start
         END:VEVENT
         BEGIN:VEVENT
         UID:bad-start
         DTSTART:2026-13-45
         END:VEVENT
         BEGIN:VEVENT
         UID:good
         DTSTART:20260105T100000Z
         END:VEVENT
         BEGIN:VEVENT
         UID:never-ends
         DTSTART:20260105T100000Z",
    );
    assert_eq!(read.meetings.len(), 1);
    assert_eq!(read.meetings[0].uid.as_deref(), Some("good"));
    let lines: Vec<u64> = read.errors.iter().map(|e| e.line).collect();
    assert_eq!(lines, [4, 8, 16]);
    assert!(read.errors[0].message.contains("no DTSTART"));
    assert!(read.errors[1].message.contains("2026-13-45"));
    assert!(read.errors[2].message.contains("no END:VEVENT"));
}

#[test]
fn garbage_and_calendars_without_events_give_one_error() {
    let until = ts("2030-01-01T00:00:00Z");
    let read = read_meetings(b"\x00\xff garbage\nmore", until, &TimeZone::UTC, 10);
    assert!(read.meetings.is_empty());
    assert_eq!(read.errors.len(), 1);
    assert_eq!(read.errors[0].line, 1);
    assert!(read.errors[0].message.contains("not an iCalendar file"));
    assert_eq!(
        read_meetings(b" \r\n", until, &TimeZone::UTC, 10),
        MeetingsRead::default()
    );
    let empty = calendar("BEGIN:VTODO\nDTSTART:20260105T100000Z\nEND:VTODO");
    let read = read_meetings(empty.as_bytes(), until, &TimeZone::UTC, 10);
    assert!(read.meetings.is_empty());
    assert_eq!(
        read.errors[0].message,
        "the calendar holds no event (VEVENT)"
    );
}

#[test]
fn never_panics_on_a_truncated_or_mangled_calendar() {
    let full = calendar(
        "BEGIN:VTIMEZONE
         TZID:Custom
         BEGIN:STANDARD
         DTSTART:16010101T030000
         TZOFFSETFROM:+0200
         TZOFFSETTO:+0100
         RRULE:FREQ=YEARLY;BYDAY=-1SU;BYMONTH=10
         END:STANDARD
         BEGIN:DAYLIGHT
         DTSTART:16010101T020000
         TZOFFSETFROM:+0100
         TZOFFSETTO:+0200
         RRULE:FREQ=YEARLY;BYDAY=-1SU;BYMONTH=3
         END:DAYLIGHT
         END:VTIMEZONE
         BEGIN:VEVENT
         UID:x
         DTSTART;TZID=Custom:20260105T100000
         DURATION:P1DT2H
         RRULE:FREQ=MONTHLY;BYDAY=-1FR;BYSETPOS=1;UNTIL=20270101T000000Z
         EXDATE;TZID=Custom:20260130T100000
         RDATE;VALUE=PERIOD:20260301T100000Z/PT1H
         ATTENDEE;CN=\"A\";PARTSTAT=DECLINED:mailto:a@example.org
         BEGIN:VALARM
         TRIGGER:-PT15M
         END:VALARM
         END:VEVENT
         BEGIN:VEVENT
         UID:x
         RECURRENCE-ID;TZID=Custom:20260227T100000
         DTSTART;VALUE=DATE:20260228
         END:VEVENT",
    );
    let until = ts("2027-01-01T00:00:00Z");
    let bytes = full.as_bytes();
    assert!(
        !read_meetings(bytes, until, &paris(), 50)
            .meetings
            .is_empty()
    );
    for cut in 0..bytes.len() {
        let _ = read_meetings(&bytes[..cut], until, &paris(), 50);
    }
    for at in (0..bytes.len()).step_by(3) {
        for byte in [b':', b';', b'\n', b'0', b'"', 0xff] {
            let mut mangled = bytes.to_vec();
            mangled[at] = byte;
            let _ = read_meetings(&mangled, until, &paris(), 50);
        }
    }
}

#[test]
fn extreme_values_do_not_overflow() {
    let read = read_until(
        "BEGIN:VEVENT
         UID:far
         DTSTART:99991231T235959Z
         DTEND:00010101T000000Z
         RRULE:FREQ=YEARLY;INTERVAL=65535;COUNT=4294967295
         END:VEVENT
         BEGIN:VEVENT
         UID:early
         DTSTART;VALUE=DATE:00010101
         DURATION:P4294967295W
         RRULE:FREQ=DAILY;BYMONTH=2;BYMONTHDAY=30
         END:VEVENT",
        "9999-12-30T00:00:00Z",
        &paris(),
    );
    assert!(read.meetings.len() <= 2);
}
