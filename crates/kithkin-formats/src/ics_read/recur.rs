//! The dates an `RRULE` yields, by calcard's expansion (a port of python-dateutil's, with
//! `BYDAY` ordinals, `BYMONTHDAY`, `BYMONTH`, `BYSETPOS`, `BYYEARDAY`, `BYWEEKNO`, `WKST`).
//!
//! calcard's public expansion works on a whole calendar (`ICalendar::expand_dates`), with one
//! limit for all its events, and it compares a UTC `UNTIL` with local times as if both were
//! local. So it is given a calendar of one event built here: the start as a floating local
//! time, and the rule with its `UNTIL` already turned into the start's local time by the caller
//! and clamped to the reading horizon. What comes back are local times, which the caller places
//! in the event's zone. Everything around the rule (`RDATE`, `EXDATE`, overridden instances,
//! time zones) is the reader's, not calcard's.

use calcard::common::PartialDateTime;
use calcard::common::timezone::Tz;
use calcard::icalendar::{
    ICalendar, ICalendarComponent, ICalendarComponentType, ICalendarEntry, ICalendarFrequency,
    ICalendarProperty, ICalendarRecurrenceRule, ICalendarValue,
};
use jiff::civil::DateTime;

/// The local start times `rule` yields from `start` (included when the rule yields it), at
/// most `limit` of them, none after `until` (local time, inclusive). The rule's own `UNTIL` is
/// ignored: the caller folds it into `until`.
pub(super) fn occurrences(
    rule: &ICalendarRecurrenceRule,
    start: DateTime,
    until: DateTime,
    limit: usize,
) -> Result<Vec<DateTime>, String> {
    if matches!(
        rule.freq,
        ICalendarFrequency::Hourly | ICalendarFrequency::Minutely | ICalendarFrequency::Secondly
    ) {
        return Err(format!(
            "FREQ={} is not supported (only DAILY, WEEKLY, MONTHLY and YEARLY are)",
            rule.freq.as_str_upper()
        ));
    }
    if rule.interval == Some(0) {
        return Err("INTERVAL=0 is not a valid interval".to_owned());
    }
    if rule.rscale.is_some() || rule.skip.is_some() {
        return Err("RSCALE and SKIP (non-Gregorian calendars) are not supported".to_owned());
    }
    if until < start || limit == 0 {
        return Ok(Vec::new());
    }
    let mut rule = rule.clone();
    rule.until = Some(floating(until));
    let calendar = ICalendar {
        components: vec![
            ICalendarComponent {
                component_type: ICalendarComponentType::VCalendar,
                entries: Vec::new(),
                component_ids: vec![1],
            },
            ICalendarComponent {
                component_type: ICalendarComponentType::VEvent,
                entries: vec![
                    ICalendarEntry {
                        name: ICalendarProperty::Dtstart,
                        params: Vec::new(),
                        values: vec![ICalendarValue::PartialDateTime(Box::new(floating(start)))],
                    },
                    ICalendarEntry {
                        name: ICalendarProperty::Rrule,
                        params: Vec::new(),
                        values: vec![ICalendarValue::RecurrenceRule(Box::new(rule))],
                    },
                ],
                component_ids: Vec::new(),
            },
        ],
    };
    let expanded = std::panic::catch_unwind(|| calendar.expand_dates(Tz::Floating, limit))
        .map_err(|_| "the recurrence rule could not be expanded".to_owned())?;
    if let Some(error) = expanded.errors.first() {
        return Err(format!("the recurrence rule is not valid: {}", error.error));
    }
    let mut dates: Vec<DateTime> = expanded
        .events
        .iter()
        .filter_map(|event| {
            // The naive local time, read through a UTC timestamp: no chrono types needed here.
            let seconds = event.start.naive_local().and_utc().timestamp();
            let instant = jiff::Timestamp::from_second(seconds).ok()?;
            Some(jiff::tz::Offset::UTC.to_datetime(instant))
        })
        .collect();
    dates.sort();
    dates.dedup();
    Ok(dates)
}

/// A local date-time as a floating iCalendar date-time.
fn floating(dt: DateTime) -> PartialDateTime {
    PartialDateTime {
        year: u16::try_from(dt.year()).ok(),
        month: u8::try_from(dt.month()).ok(),
        day: u8::try_from(dt.day()).ok(),
        hour: u8::try_from(dt.hour()).ok(),
        minute: u8::try_from(dt.minute()).ok(),
        second: u8::try_from(dt.second()).ok(),
        tz_hour: None,
        tz_minute: None,
        tz_minus: false,
    }
}

/// How a frequency is written.
trait FrequencyName {
    fn as_str_upper(&self) -> &'static str;
}

impl FrequencyName for ICalendarFrequency {
    fn as_str_upper(&self) -> &'static str {
        match self {
            ICalendarFrequency::Yearly => "YEARLY",
            ICalendarFrequency::Monthly => "MONTHLY",
            ICalendarFrequency::Weekly => "WEEKLY",
            ICalendarFrequency::Daily => "DAILY",
            ICalendarFrequency::Hourly => "HOURLY",
            ICalendarFrequency::Minutely => "MINUTELY",
            ICalendarFrequency::Secondly => "SECONDLY",
        }
    }
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used, clippy::expect_used)]

    use super::*;
    use calcard::icalendar::{ICalendarDay, ICalendarWeekday};
    use jiff::civil::date;

    fn rule(freq: ICalendarFrequency) -> ICalendarRecurrenceRule {
        ICalendarRecurrenceRule {
            freq,
            ..Default::default()
        }
    }

    #[test]
    fn monthly_second_monday_and_last_friday() {
        let mut r = rule(ICalendarFrequency::Monthly);
        r.byday = vec![
            ICalendarDay {
                ordwk: Some(2),
                weekday: ICalendarWeekday::Monday,
            },
            ICalendarDay {
                ordwk: Some(-1),
                weekday: ICalendarWeekday::Friday,
            },
        ];
        let start = date(2026, 1, 1).at(9, 0, 0, 0);
        let got = occurrences(&r, start, date(2026, 3, 1).at(0, 0, 0, 0), 100).unwrap();
        let want = [
            date(2026, 1, 12),
            date(2026, 1, 30),
            date(2026, 2, 9),
            date(2026, 2, 27),
        ];
        assert_eq!(got, want.map(|d| d.at(9, 0, 0, 0)));
    }

    #[test]
    fn limit_and_until_bound_an_endless_rule() {
        let r = rule(ICalendarFrequency::Daily);
        let start = date(2000, 1, 1).at(9, 0, 0, 0);
        let far = date(2100, 1, 1).at(0, 0, 0, 0);
        assert_eq!(occurrences(&r, start, far, 50).unwrap().len(), 50);
        let near = date(2000, 1, 10).at(9, 0, 0, 0);
        assert_eq!(occurrences(&r, start, near, 5000).unwrap().len(), 10);
    }

    #[test]
    fn a_rule_that_never_matches_ends() {
        let mut r = rule(ICalendarFrequency::Yearly);
        r.bymonth = vec![calcard::icalendar::ICalendarMonth::new(2, false)];
        r.bymonthday = vec![30];
        let start = date(2020, 1, 1).at(9, 0, 0, 0);
        let got = occurrences(&r, start, date(2030, 1, 1).at(0, 0, 0, 0), 5000);
        assert_eq!(got.map(|v| v.len()).unwrap_or(0), 0);
    }

    #[test]
    fn hourly_is_refused() {
        let r = rule(ICalendarFrequency::Hourly);
        let start = date(2020, 1, 1).at(9, 0, 0, 0);
        assert!(occurrences(&r, start, start, 10).is_err());
    }
}
