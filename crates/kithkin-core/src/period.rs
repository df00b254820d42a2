//! Calendar periods for goals and the time report: ISO weeks (Monday to Sunday, numbered
//! by ISO 8601, so 2026-12-31 is in week 53 of 2026 and 2027-01-03 too), calendar months,
//! quarters and years. Periods are civil days in the user's time zone: the caller turns
//! instants into days with [`local_day`] and asks which period contains them.

use crate::goal::GoalPeriod;
use jiff::civil::{Date, Time};
use jiff::tz::TimeZone;
use jiff::{Timestamp, ToSpan};
use serde::Serialize;

/// One period: its first and last day (both included) and a label
/// (`2026-W11`, `2026-03`, `2026-Q1`, `2026`).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Period {
    /// Week, month, quarter or year.
    pub kind: GoalPeriod,
    /// Its first day.
    pub first: Date,
    /// Its last day.
    pub last: Date,
    /// How it is written.
    pub label: String,
}

impl Period {
    /// The period of `kind` that contains `day`; `None` only at the edges of the calendar
    /// (year -9999 or 9999).
    pub fn containing(kind: GoalPeriod, day: Date) -> Option<Period> {
        let (first, last, label) = match kind {
            GoalPeriod::Week => {
                let offset = i64::from(day.weekday().to_monday_zero_offset());
                let first = day.checked_sub(offset.days()).ok()?;
                let last = first.checked_add(6.days()).ok()?;
                let iso = first.iso_week_date();
                (first, last, format!("{}-W{:02}", iso.year(), iso.week()))
            }
            GoalPeriod::Month => (
                day.first_of_month(),
                day.last_of_month(),
                format!("{:04}-{:02}", day.year(), day.month()),
            ),
            GoalPeriod::Quarter => {
                let q = (day.month() - 1) / 3;
                let first = Date::new(day.year(), q * 3 + 1, 1).ok()?;
                let last = Date::new(day.year(), q * 3 + 3, 1).ok()?.last_of_month();
                (first, last, format!("{:04}-Q{}", day.year(), q + 1))
            }
            GoalPeriod::Year => (
                Date::new(day.year(), 1, 1).ok()?,
                Date::new(day.year(), 12, 31).ok()?,
                format!("{:04}", day.year()),
            ),
        };
        Some(Period {
            kind,
            first,
            last,
            label,
        })
    }

    /// The period just before this one.
    pub fn previous(&self) -> Option<Period> {
        Period::containing(self.kind, self.first.checked_sub(1.day()).ok()?)
    }

    /// The period just after this one.
    pub fn next(&self) -> Option<Period> {
        Period::containing(self.kind, self.last.checked_add(1.day()).ok()?)
    }

    /// Whether `day` falls in it.
    pub fn contains(&self, day: Date) -> bool {
        self.first <= day && day <= self.last
    }

    /// Its length in days.
    pub fn days(&self) -> i64 {
        i64::from((self.last - self.first).get_days()) + 1
    }

    /// The instants it covers in `tz`: from the start of its first day (included) to the
    /// start of the day after its last (excluded).
    pub fn bounds(&self, tz: &TimeZone) -> Option<(Timestamp, Timestamp)> {
        let start = start_of_day(self.first, tz)?;
        let end = start_of_day(self.last.checked_add(1.day()).ok()?, tz)?;
        Some((start, end))
    }

    /// This period and the `count - 1` before it, newest first.
    pub fn back(&self, count: usize) -> Vec<Period> {
        let mut out = Vec::with_capacity(count);
        let mut p = Some(self.clone());
        while out.len() < count {
            match p {
                Some(x) => {
                    p = x.previous();
                    out.push(x);
                }
                None => break,
            }
        }
        out
    }
}

/// The first instant of `day` in `tz` (its midnight, or the first moment after a gap).
pub fn start_of_day(day: Date, tz: &TimeZone) -> Option<Timestamp> {
    day.to_datetime(Time::midnight())
        .to_zoned(tz.clone())
        .ok()
        .map(|z| z.timestamp())
}

/// The day an instant falls on in `tz`.
pub fn local_day(t: Timestamp, tz: &TimeZone) -> Date {
    t.to_zoned(tz.clone()).date()
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;

    fn day(s: &str) -> Date {
        s.parse().unwrap()
    }

    fn p(kind: GoalPeriod, s: &str) -> Period {
        Period::containing(kind, day(s)).unwrap()
    }

    #[test]
    fn iso_weeks_run_monday_to_sunday() {
        let w = p(GoalPeriod::Week, "2026-03-10");
        assert_eq!((w.first, w.last), (day("2026-03-09"), day("2026-03-15")));
        assert_eq!(w.label, "2026-W11");
        assert_eq!(w.days(), 7);
        assert_eq!(p(GoalPeriod::Week, "2026-03-15"), w, "Sunday ends the week");
        assert_eq!(p(GoalPeriod::Week, "2026-03-16").label, "2026-W12");
    }

    #[test]
    fn iso_week_53_and_the_year_boundary() {
        // 2026 starts on a Thursday, so it has 53 ISO weeks; 1-3 January 2027 belong to it.
        let w = p(GoalPeriod::Week, "2026-12-31");
        assert_eq!(w.label, "2026-W53");
        assert_eq!((w.first, w.last), (day("2026-12-28"), day("2027-01-03")));
        assert_eq!(p(GoalPeriod::Week, "2027-01-03"), w);
        assert_eq!(p(GoalPeriod::Week, "2027-01-04").label, "2027-W01");
        assert_eq!(w.next().unwrap().label, "2027-W01");
        assert_eq!(w.previous().unwrap().label, "2026-W52");
        // 29 December 2025 is a Monday in week 1 of 2026.
        let w1 = p(GoalPeriod::Week, "2026-01-01");
        assert_eq!(w1.label, "2026-W01");
        assert_eq!(w1.first, day("2025-12-29"));
        assert_eq!(w1.previous().unwrap().label, "2025-W52");
        // 2020 (a leap year starting on a Wednesday) has a week 53 too.
        assert_eq!(p(GoalPeriod::Week, "2021-01-03").label, "2020-W53");
        // 2024-12-30 is already in 2025's first week.
        assert_eq!(p(GoalPeriod::Week, "2024-12-30").label, "2025-W01");
    }

    #[test]
    fn months_quarters_and_years() {
        let m = p(GoalPeriod::Month, "2028-02-10");
        assert_eq!(
            (m.first, m.last, m.label.as_str()),
            (day("2028-02-01"), day("2028-02-29"), "2028-02")
        );
        assert_eq!(m.previous().unwrap().label, "2028-01");
        assert_eq!(
            p(GoalPeriod::Month, "2026-01-15").previous().unwrap().label,
            "2025-12"
        );
        let q = p(GoalPeriod::Quarter, "2026-11-30");
        assert_eq!(
            (q.first, q.last, q.label.as_str()),
            (day("2026-10-01"), day("2026-12-31"), "2026-Q4")
        );
        assert_eq!(q.next().unwrap().label, "2027-Q1");
        assert_eq!(
            p(GoalPeriod::Quarter, "2026-01-01")
                .previous()
                .unwrap()
                .label,
            "2025-Q4"
        );
        assert_eq!(p(GoalPeriod::Quarter, "2026-06-30").label, "2026-Q2");
        let y = p(GoalPeriod::Year, "2026-07-01");
        assert_eq!(
            (y.first, y.last, y.label.as_str()),
            (day("2026-01-01"), day("2026-12-31"), "2026")
        );
        assert_eq!(y.days(), 365);
        assert_eq!(y.previous().unwrap().label, "2025");
    }

    #[test]
    fn back_lists_newest_first() {
        let labels: Vec<String> = p(GoalPeriod::Month, "2026-02-03")
            .back(4)
            .into_iter()
            .map(|x| x.label)
            .collect();
        assert_eq!(labels, ["2026-02", "2026-01", "2025-12", "2025-11"]);
    }

    #[test]
    fn bounds_and_local_days_follow_the_time_zone() {
        let berlin = TimeZone::get("Europe/Berlin").unwrap();
        let w = p(GoalPeriod::Week, "2026-03-10");
        let (start, end) = w.bounds(&berlin).unwrap();
        assert_eq!(start.to_string(), "2026-03-08T23:00:00Z");
        assert_eq!(end.to_string(), "2026-03-15T23:00:00Z");
        // Sunday 23:30 UTC is already Monday in Berlin: next week there.
        let t: Timestamp = "2026-03-15T23:30:00Z".parse().unwrap();
        assert_eq!(local_day(t, &berlin), day("2026-03-16"));
        assert_eq!(local_day(t, &TimeZone::UTC), day("2026-03-15"));
    }
}
