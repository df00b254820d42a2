//! Parsing of the moments a user types: `2026-03-01`, `2026-03-01 14:30`, `yesterday`,
//! `3d ago`, `in 2w`. The current moment and time zone are parameters, never read here.

use crate::cadence::parse_days;
use crate::error::ValidationError;
use jiff::civil::{Date, DateTime, Time};
use jiff::{Timestamp, ToSpan, Zoned};

/// Parses WHEN relative to `now` (whose time zone also places plain dates and times).
///
/// Accepted: `now`, `today`, `yesterday`, `tomorrow`; `N{h,d,w,m,y} ago`; `in N{h,d,w,m,y}`;
/// an RFC 3339 instant (`2026-03-01T14:30:00Z`, `…+02:00`); a civil date-time
/// (`2026-03-01T14:30`, `2026-03-01 14:30`); a date (`2026-03-01`, placed at noon local time so
/// that it stays on the same day in any nearby zone).
///
/// The result is whole seconds: finer precision is not kept anywhere.
pub fn parse_when(input: &str, now: &Zoned) -> Result<Timestamp, ValidationError> {
    parse_when_exact(input, now).map(|t| Timestamp::from_second(t.as_second()).unwrap_or(t))
}

fn parse_when_exact(input: &str, now: &Zoned) -> Result<Timestamp, ValidationError> {
    let s = input.trim().to_lowercase();
    let bad = |why: &str| ValidationError::new("when", input, why.to_owned());
    let noon = |d: Date| -> Result<Timestamp, ValidationError> {
        d.to_datetime(Time::constant(12, 0, 0, 0))
            .to_zoned(now.time_zone().clone())
            .map(|z| z.timestamp())
            .map_err(|e| bad(&e.to_string()))
    };
    match s.as_str() {
        "" => return Err(bad("is empty")),
        "now" => return Ok(now.timestamp()),
        "today" => return Ok(now.timestamp()),
        "yesterday" => {
            return shift_days(now, -1)
                .map(|z| z.timestamp())
                .map_err(|e| bad(&e));
        }
        "tomorrow" => {
            return shift_days(now, 1)
                .map(|z| z.timestamp())
                .map_err(|e| bad(&e));
        }
        _ => {}
    }
    if let Some(rest) = s.strip_suffix(" ago").or_else(|| s.strip_suffix("ago")) {
        return relative(rest.trim(), now, -1).map_err(|why| bad(&why));
    }
    if let Some(rest) = s.strip_prefix("in ") {
        return relative(rest.trim(), now, 1).map_err(|why| bad(&why));
    }
    if let Ok(ts) = input.trim().parse::<Timestamp>() {
        return Ok(ts);
    }
    let is_plain_date = !input.trim().contains(['T', 't', ' ', ':']);
    if is_plain_date && let Ok(d) = input.trim().parse::<Date>() {
        return noon(d);
    }
    if let Ok(dt) = input.trim().replacen(' ', "T", 1).parse::<DateTime>() {
        return dt
            .to_zoned(now.time_zone().clone())
            .map(|z| z.timestamp())
            .map_err(|e| bad(&e.to_string()));
    }
    Err(bad(
        "is not a date or time; try 2026-03-01, \"2026-03-01 14:30\", yesterday, 3d ago, or in 2w",
    ))
}

/// Parses a calendar day: `today`, `yesterday`, `tomorrow`, `in 3d`, `3d ago` or `YYYY-MM-DD`.
pub fn parse_day(input: &str, now: &Zoned) -> Result<Date, ValidationError> {
    if let Ok(d) = input.trim().parse::<Date>() {
        return Ok(d);
    }
    let ts = parse_when(input, now)?;
    Ok(ts.to_zoned(now.time_zone().clone()).date())
}

fn shift_days(now: &Zoned, days: i64) -> Result<Zoned, String> {
    now.checked_add(days.days()).map_err(|e| e.to_string())
}

fn relative(amount: &str, now: &Zoned, sign: i64) -> Result<Timestamp, String> {
    let compact: String = amount.split_whitespace().collect();
    if let Some(h) = compact
        .strip_suffix('h')
        .or_else(|| compact.strip_suffix("hours"))
        .or_else(|| compact.strip_suffix("hour"))
    {
        let hours: i64 = h
            .parse()
            .map_err(|_| "expected a number of hours, like 3h ago".to_owned())?;
        return now
            .timestamp()
            .checked_add((sign * hours).hours())
            .map_err(|e| e.to_string());
    }
    let days = parse_days("when", &compact).map_err(|e| e.reason)?;
    shift_days(now, sign * i64::from(days)).map(|z| z.timestamp())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn now() -> Zoned {
        match "2026-03-10T09:00:00[Europe/Berlin]".parse::<Zoned>() {
            Ok(z) => z,
            Err(e) => panic!("bad fixture: {e}"),
        }
    }

    fn date(s: &str) -> Date {
        match s.parse() {
            Ok(d) => d,
            Err(e) => panic!("bad fixture {s}: {e}"),
        }
    }

    fn day_of(ts: Result<Timestamp, ValidationError>) -> Date {
        match ts {
            Ok(ts) => ts.to_zoned(now().time_zone().clone()).date(),
            Err(e) => panic!("did not parse: {e}"),
        }
    }

    #[test]
    fn relative_forms() {
        assert_eq!(day_of(parse_when("yesterday", &now())), date("2026-03-09"));
        assert_eq!(day_of(parse_when("3d ago", &now())), date("2026-03-07"));
        assert_eq!(day_of(parse_when("2w ago", &now())), date("2026-02-24"));
        assert_eq!(day_of(parse_when("in 1w", &now())), date("2026-03-17"));
        assert_eq!(day_of(parse_when("tomorrow", &now())), date("2026-03-11"));
    }

    #[test]
    fn absolute_forms() {
        assert_eq!(day_of(parse_when("2025-12-31", &now())), date("2025-12-31"));
        let t = parse_when("2025-12-31 23:30", &now());
        assert_eq!(
            t.map(|t| t.to_string()),
            Ok("2025-12-31T22:30:00Z".to_owned())
        );
        let t = parse_when("2025-12-31T23:30:00Z", &now());
        assert_eq!(
            t.map(|t| t.to_string()),
            Ok("2025-12-31T23:30:00Z".to_owned())
        );
    }

    #[test]
    fn a_plain_date_is_noon_local_time() {
        let t = parse_when("2026-03-01", &now());
        assert_eq!(
            t.map(|t| t.to_string()),
            Ok("2026-03-01T11:00:00Z".to_owned())
        );
    }

    #[test]
    fn refuses_malformed() {
        assert!(parse_when("2026-13-01", &now()).is_err());
        assert!(parse_when("last tuesday", &now()).is_err());
        assert!(parse_when("", &now()).is_err());
        assert!(parse_when("x ago", &now()).is_err());
    }
}
