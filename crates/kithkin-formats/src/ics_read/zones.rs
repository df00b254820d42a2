//! Time zones named by `TZID` parameters, resolved to jiff time zones.
//!
//! A `TZID` is looked up, in this order:
//!
//! 1. as an IANA name in jiff's time zone database (`Europe/Paris`);
//! 2. in the file's own `VTIMEZONE` of that `TZID` (what Outlook and Exchange send, with names
//!    such as `W. Europe Standard Time` or `(UTC-03:00) Brasília`): its `X-LIC-LOCATION` when
//!    that is an IANA name, else its rules. The rules are read as they stand today: the latest
//!    `STANDARD` and `DAYLIGHT` observances become a POSIX TZ rule (yearly, on the n-th or last
//!    weekday of a month, or on a fixed day), a zone without daylight time a fixed offset.
//!    Earlier observances (history) are not replayed;
//! 3. as a name calcard knows (Windows zone names, `/mozilla.org/…/Europe/Paris`,
//!    `(UTC+01:00) Amsterdam, Berlin…`), mapped to its IANA zone.
//!
//! An empty `TZID` names no zone and means floating time.

use calcard::Entry;
use calcard::common::PartialDateTime;
use calcard::icalendar::{
    ICalendarComponentType, ICalendarFrequency, ICalendarProperty, ICalendarRecurrenceRule,
    ICalendarValue, ICalendarWeekday,
};
use jiff::tz::TimeZone;
use std::collections::HashMap;
use std::str::FromStr;

/// What a `TZID` resolves to.
#[derive(Debug, Clone)]
pub(super) enum Resolved {
    /// A zone.
    Zone(TimeZone),
    /// No zone (an empty `TZID`): floating time.
    Floating,
}

/// The file's `VTIMEZONE`s by `TZID`, and a cache of the lookups made so far.
#[derive(Debug, Default)]
pub(super) struct Zones {
    defined: HashMap<String, Result<TimeZone, String>>,
    cache: HashMap<String, Result<Resolved, String>>,
}

impl Zones {
    /// Reads the `VTIMEZONE` blocks (each a calendar text holding one `VTIMEZONE`). One that
    /// cannot be read is simply not there: events naming it fall back to the other lookups.
    pub(super) fn new<'a>(blocks: impl IntoIterator<Item = &'a str>) -> Self {
        let mut zones = Zones::default();
        for text in blocks {
            let entry = std::panic::catch_unwind(|| calcard::Parser::new(text).entry());
            if let Ok(Entry::ICalendar(calendar)) = entry
                && let Some((tzid, zone)) = from_vtimezone(&calendar.components)
            {
                zones.defined.entry(tzid).or_insert(zone);
            }
        }
        zones
    }

    /// The zone a `TZID` names, or why it names none.
    pub(super) fn resolve(&mut self, tzid: &str) -> Result<Resolved, String> {
        if let Some(found) = self.cache.get(tzid) {
            return found.clone();
        }
        let found = self.lookup(tzid);
        self.cache.insert(tzid.to_owned(), found.clone());
        found
    }

    fn lookup(&self, tzid: &str) -> Result<Resolved, String> {
        let name = tzid.trim();
        if name.is_empty() {
            return Ok(Resolved::Floating);
        }
        if let Ok(zone) = TimeZone::get(name) {
            return Ok(Resolved::Zone(zone));
        }
        let defined = self.defined.get(tzid).or_else(|| self.defined.get(name));
        if let Some(Ok(zone)) = defined {
            return Ok(Resolved::Zone(zone.clone()));
        }
        if let Some(zone) = known_name(name) {
            return Ok(Resolved::Zone(zone));
        }
        Err(match defined {
            Some(Err(why)) => format!("time zone \"{name}\" cannot be read: {why}"),
            _ => format!("time zone \"{name}\" is unknown"),
        })
    }
}

/// A zone name calcard maps to an IANA zone (Windows names and the like), through jiff.
fn known_name(name: &str) -> Option<TimeZone> {
    let tz = calcard::common::timezone::Tz::from_str(name).ok()?;
    let iana = tz.name()?;
    TimeZone::get(&iana).ok()
}

/// One `STANDARD` or `DAYLIGHT` observance.
#[derive(Debug)]
struct Observance {
    daylight: bool,
    /// Its first onset, local time (in the offset before it).
    start: jiff::civil::DateTime,
    /// The offset it switches to, in seconds east of UTC.
    offset_to: i32,
    rule: Option<ICalendarRecurrenceRule>,
}

/// The `TZID` of the `VTIMEZONE` among `components`, and its zone.
fn from_vtimezone(
    components: &[calcard::icalendar::ICalendarComponent],
) -> Option<(String, Result<TimeZone, String>)> {
    let at = components
        .iter()
        .position(|c| c.component_type == ICalendarComponentType::VTimezone)?;
    let vtimezone = components.get(at)?;
    let mut tzid = None;
    let mut location = None;
    for entry in &vtimezone.entries {
        let text = entry.values.first().and_then(ICalendarValue::as_text);
        match &entry.name {
            ICalendarProperty::Tzid => tzid = text.map(str::to_owned),
            ICalendarProperty::Other(name) if name.eq_ignore_ascii_case("X-LIC-LOCATION") => {
                location = text.map(str::to_owned);
            }
            _ => {}
        }
    }
    let tzid = tzid?;
    if let Some(zone) = location.and_then(|l| TimeZone::get(l.trim()).ok()) {
        return Some((tzid, Ok(zone)));
    }
    let observances: Vec<Observance> = vtimezone
        .component_ids
        .iter()
        .filter_map(|&id| components.get(id as usize))
        .filter_map(observance)
        .collect();
    Some((tzid, zone_from_observances(&observances)))
}

fn observance(component: &calcard::icalendar::ICalendarComponent) -> Option<Observance> {
    let daylight = match component.component_type {
        ICalendarComponentType::Standard => false,
        ICalendarComponentType::Daylight => true,
        _ => return None,
    };
    let mut start = None;
    let mut offset_to = None;
    let mut rule = None;
    for entry in &component.entries {
        match (&entry.name, entry.values.first()) {
            (ICalendarProperty::Dtstart, Some(ICalendarValue::PartialDateTime(dt))) => {
                start = civil_date_time(dt);
            }
            (ICalendarProperty::Tzoffsetto, Some(ICalendarValue::PartialDateTime(dt))) => {
                offset_to = utc_offset(dt);
            }
            (ICalendarProperty::Rrule, Some(ICalendarValue::RecurrenceRule(r))) => {
                rule = Some((**r).clone());
            }
            _ => {}
        }
    }
    Some(Observance {
        daylight,
        start: start?,
        offset_to: offset_to?,
        rule,
    })
}

/// A date-time's civil part (midnight for a date), when it is a real date.
pub(super) fn civil_date_time(dt: &PartialDateTime) -> Option<jiff::civil::DateTime> {
    let date = jiff::civil::Date::new(
        i16::try_from(dt.year?).ok()?,
        i8::try_from(dt.month?).ok()?,
        i8::try_from(dt.day?).ok()?,
    )
    .ok()?;
    let hour = i8::try_from(dt.hour.unwrap_or(0)).ok()?;
    let minute = i8::try_from(dt.minute.unwrap_or(0)).ok()?;
    // A leap second (60) is read as the second before it.
    let second = i8::try_from(dt.second.unwrap_or(0).min(59)).ok()?;
    let time = jiff::civil::Time::new(hour, minute, second, 0).ok()?;
    Some(date.to_datetime(time))
}

/// A UTC offset value (`+0100`, `-0330`) in seconds east of UTC.
pub(super) fn utc_offset(dt: &PartialDateTime) -> Option<i32> {
    let seconds = i32::from(dt.tz_hour?) * 3600 + i32::from(dt.tz_minute.unwrap_or(0)) * 60;
    Some(if dt.tz_minus { -seconds } else { seconds })
}

/// The zone today's observances describe.
fn zone_from_observances(observances: &[Observance]) -> Result<TimeZone, String> {
    let latest = |daylight: bool| {
        observances
            .iter()
            .filter(|o| o.daylight == daylight)
            .max_by_key(|o| o.start)
    };
    let standard = latest(false);
    let daylight = latest(true);
    let fixed = |o: &Observance| {
        jiff::tz::Offset::from_seconds(o.offset_to)
            .map(TimeZone::fixed)
            .map_err(|_| format!("offset {} s is out of range", o.offset_to))
    };
    match (standard, daylight) {
        (None, None) => Err("it has no STANDARD or DAYLIGHT rule".to_owned()),
        (Some(only), None) | (None, Some(only)) => fixed(only),
        (Some(standard), Some(daylight)) => {
            let ongoing = |o: &Observance| o.rule.as_ref().is_some_and(|r| r.until.is_none());
            if standard.offset_to == daylight.offset_to {
                return fixed(standard);
            }
            if !ongoing(standard) || !ongoing(daylight) {
                // Daylight time was given up (or never recurred): the latest observance holds.
                return fixed(if daylight.start > standard.start {
                    daylight
                } else {
                    standard
                });
            }
            let posix = format!(
                "STD{}DST{},{}/{},{}/{}",
                posix_offset(standard.offset_to),
                posix_offset(daylight.offset_to),
                posix_day(daylight).ok_or("its DAYLIGHT rule is not a yearly day")?,
                posix_time(daylight.start.time()),
                posix_day(standard).ok_or("its STANDARD rule is not a yearly day")?,
                posix_time(standard.start.time()),
            );
            TimeZone::posix(&posix).map_err(|e| format!("its rules ({posix}) are not usable: {e}"))
        }
    }
}

/// A POSIX offset: hours west of UTC, so the sign is the other way round.
fn posix_offset(east: i32) -> String {
    let sign = if east > 0 { "-" } else { "+" };
    let west = east.unsigned_abs();
    format!(
        "{sign}{}:{:02}:{:02}",
        west / 3600,
        west % 3600 / 60,
        west % 60
    )
}

fn posix_time(time: jiff::civil::Time) -> String {
    format!("{}:{:02}:{:02}", time.hour(), time.minute(), time.second())
}

/// The day of the year an observance's rule falls on, in POSIX form: `Mm.w.d` (the w-th
/// weekday d of month m, 5 for the last) or `Jn` (a fixed day, February 29 never counted).
fn posix_day(observance: &Observance) -> Option<String> {
    let rule = observance.rule.as_ref()?;
    if rule.freq != ICalendarFrequency::Yearly || rule.interval.unwrap_or(1) != 1 {
        return None;
    }
    let month = match rule.bymonth.as_slice() {
        [] => observance.start.month(),
        [one] => i8::try_from(one.month()).ok()?,
        _ => return None,
    };
    match (rule.byday.as_slice(), rule.bymonthday.as_slice()) {
        ([day], []) => {
            let week = match day.ordwk? {
                n @ 1..=4 => n,
                -1 | 5 => 5,
                _ => return None,
            };
            Some(format!("M{month}.{week}.{}", weekday_number(day.weekday)))
        }
        // The old way of saying "the second Sunday": BYMONTHDAY=8,9,…,14;BYDAY=SU.
        ([day], days) if day.ordwk.is_none() && days.len() == 7 => {
            let first = *days.iter().min()?;
            let consecutive = days
                .iter()
                .all(|d| (i16::from(first)..i16::from(first) + 7).contains(&i16::from(*d)));
            let week = match first {
                1 | 8 | 15 | 22 if consecutive => (first - 1) / 7 + 1,
                -7 if consecutive => 5,
                _ => return None,
            };
            Some(format!("M{month}.{week}.{}", weekday_number(day.weekday)))
        }
        ([], [day]) if *day > 0 => fixed_day(month, *day),
        ([], []) => fixed_day(month, observance.start.day()),
        _ => None,
    }
}

/// `Jn` for a fixed day of a month (1 to 365, February 29 never counted).
fn fixed_day(month: i8, day: i8) -> Option<String> {
    const BEFORE: [i16; 12] = [0, 31, 59, 90, 120, 151, 181, 212, 243, 273, 304, 334];
    if !(1..=31).contains(&day) || (month == 2 && day == 29) {
        return None;
    }
    let before = BEFORE.get(usize::try_from(month - 1).ok()?)?;
    Some(format!("J{}", before + i16::from(day)))
}

fn weekday_number(day: ICalendarWeekday) -> u8 {
    match day {
        ICalendarWeekday::Sunday => 0,
        ICalendarWeekday::Monday => 1,
        ICalendarWeekday::Tuesday => 2,
        ICalendarWeekday::Wednesday => 3,
        ICalendarWeekday::Thursday => 4,
        ICalendarWeekday::Friday => 5,
        ICalendarWeekday::Saturday => 6,
    }
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used, clippy::expect_used)]

    use super::*;
    use jiff::civil::date;

    fn zone(body: &str) -> Result<TimeZone, String> {
        let mut text = String::from("BEGIN:VCALENDAR\r\nBEGIN:VTIMEZONE\r\nTZID:Test\r\n");
        for line in body.lines().map(str::trim).filter(|l| !l.is_empty()) {
            text.push_str(line);
            text.push_str("\r\n");
        }
        text.push_str("END:VTIMEZONE\r\nEND:VCALENDAR\r\n");
        let calcard::Entry::ICalendar(calendar) = calcard::Parser::new(&text).entry() else {
            panic!("not a calendar");
        };
        from_vtimezone(&calendar.components).unwrap().1
    }

    /// The UTC offset, in hours, at local noon on a day.
    fn hours_at(zone: &TimeZone, y: i16, m: i8, d: i8) -> f64 {
        let at = zone.to_ambiguous_timestamp(date(y, m, d).at(12, 0, 0, 0));
        let seconds = zone.to_offset(at.compatible().unwrap()).seconds();
        f64::from(seconds) / 3600.0
    }

    const US_EASTERN: &str = "BEGIN:STANDARD
        DTSTART:20071104T020000
        RRULE:FREQ=YEARLY;BYMONTH=11;BYDAY=1SU
        TZOFFSETFROM:-0400
        TZOFFSETTO:-0500
        END:STANDARD
        BEGIN:DAYLIGHT
        DTSTART:20070311T020000
        RRULE:FREQ=YEARLY;BYMONTH=3;BYDAY=2SU
        TZOFFSETFROM:-0500
        TZOFFSETTO:-0400
        END:DAYLIGHT";

    #[test]
    fn yearly_rules_become_a_posix_zone() {
        let z = zone(US_EASTERN).unwrap();
        assert_eq!(hours_at(&z, 2026, 3, 7), -5.0);
        assert_eq!(hours_at(&z, 2026, 3, 8), -4.0);
        assert_eq!(hours_at(&z, 2026, 10, 31), -4.0);
        assert_eq!(hours_at(&z, 2026, 11, 1), -5.0);
    }

    #[test]
    fn old_style_month_days_and_the_southern_hemisphere() {
        // Brazil before 2019: summer time from the third Sunday of October (written the old
        // way) to the third Sunday of February.
        let z = zone(
            "BEGIN:STANDARD
             DTSTART:19700215T000000
             RRULE:FREQ=YEARLY;BYMONTH=2;BYDAY=3SU
             TZOFFSETFROM:-0200
             TZOFFSETTO:-0300
             END:STANDARD
             BEGIN:DAYLIGHT
             DTSTART:19701018T000000
             RRULE:FREQ=YEARLY;BYMONTH=10;BYMONTHDAY=15,16,17,18,19,20,21;BYDAY=SU
             TZOFFSETFROM:-0300
             TZOFFSETTO:-0200
             END:DAYLIGHT",
        )
        .unwrap();
        assert_eq!(hours_at(&z, 2017, 1, 10), -2.0);
        assert_eq!(hours_at(&z, 2017, 5, 11), -3.0);
        assert_eq!(hours_at(&z, 2017, 10, 14), -3.0);
        assert_eq!(hours_at(&z, 2017, 10, 16), -2.0);
    }

    #[test]
    fn no_daylight_or_daylight_given_up_is_a_fixed_offset() {
        let z = zone(
            "BEGIN:STANDARD
             DTSTART:16010101T000000
             TZOFFSETFROM:+0530
             TZOFFSETTO:+0530
             END:STANDARD",
        )
        .unwrap();
        assert_eq!(hours_at(&z, 2026, 7, 1), 5.5);
        // Daylight time that ended in 2010: the latest observance, standard time, holds.
        let z = zone(
            "BEGIN:DAYLIGHT
             DTSTART:20000326T020000
             RRULE:FREQ=YEARLY;BYMONTH=3;BYDAY=-1SU;UNTIL=20100328T000000Z
             TZOFFSETFROM:+0300
             TZOFFSETTO:+0400
             END:DAYLIGHT
             BEGIN:STANDARD
             DTSTART:20101031T030000
             TZOFFSETFROM:+0400
             TZOFFSETTO:+0300
             END:STANDARD",
        )
        .unwrap();
        assert_eq!(hours_at(&z, 2026, 7, 1), 3.0);
        assert!(zone("").is_err());
    }

    #[test]
    fn lookups_in_order() {
        let text = format!(
            "BEGIN:VCALENDAR\r\nBEGIN:VTIMEZONE\r\nTZID:Eastern\r\n{}\r\nEND:VTIMEZONE\r\nEND:VCALENDAR\r\n",
            US_EASTERN
                .lines()
                .map(str::trim)
                .collect::<Vec<_>>()
                .join("\r\n")
        );
        let mut zones = Zones::new([text.as_str()]);
        let is_zone = |r: Result<Resolved, String>| matches!(r, Ok(Resolved::Zone(_)));
        assert!(is_zone(zones.resolve("Europe/Paris")));
        assert!(is_zone(zones.resolve("Eastern")));
        assert!(is_zone(zones.resolve("W. Europe Standard Time")));
        assert!(is_zone(
            zones.resolve("/mozilla.org/20050126_1/Europe/Paris")
        ));
        assert!(matches!(zones.resolve(" "), Ok(Resolved::Floating)));
        assert!(zones.resolve("Nowhere/Special").is_err());
    }
}
