//! How often the user wants to be in touch with someone: "every 30 days", "every 2 weeks".

use crate::error::ValidationError;
use serde::{Deserialize, Serialize};
use std::fmt;
use std::str::FromStr;

/// A keep-in-touch interval, kept in days. Months count 30 days and years 365, so "3m" is
/// a 90-day rhythm: a rhythm, not a calendar rule.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(transparent)]
pub struct Cadence {
    days: u32,
}

/// The longest cadence accepted: ten years.
pub const MAX_CADENCE_DAYS: u32 = 3650;

impl Cadence {
    /// A cadence of `days` days (1 to [`MAX_CADENCE_DAYS`]).
    pub fn from_days(days: u32) -> Result<Self, ValidationError> {
        if days == 0 || days > MAX_CADENCE_DAYS {
            return Err(ValidationError::new(
                "cadence",
                days.to_string(),
                format!("must be between 1 day and {MAX_CADENCE_DAYS} days"),
            ));
        }
        Ok(Self { days })
    }

    /// The interval in days.
    pub fn days(&self) -> u32 {
        self.days
    }
}

/// Parses a span like `30d`, `2w`, `3m`, `1y` (or `30 days`, `2 weeks`) into days.
pub fn parse_days(field: &str, input: &str) -> Result<u32, ValidationError> {
    let s = input.trim().to_lowercase();
    let split = s.find(|c: char| !c.is_ascii_digit()).unwrap_or(s.len());
    let (num, unit) = s.split_at(split);
    let bad = || {
        ValidationError::new(
            field,
            input,
            "expected a number and a unit: d, w, m or y (e.g. 30d, 2w, 3m, 1y)",
        )
    };
    let n: u32 = num.parse().map_err(|_| bad())?;
    let per = match unit.trim() {
        "d" | "day" | "days" => 1,
        "w" | "wk" | "week" | "weeks" => 7,
        "m" | "mo" | "month" | "months" => 30,
        "y" | "yr" | "year" | "years" => 365,
        _ => return Err(bad()),
    };
    n.checked_mul(per).ok_or_else(bad)
}

impl FromStr for Cadence {
    type Err = ValidationError;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        let days = parse_days("cadence", s)?;
        Cadence::from_days(days).map_err(|e| ValidationError::new("cadence", s, e.reason))
    }
}

impl fmt::Display for Cadence {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let d = self.days;
        if d.is_multiple_of(365) {
            write!(f, "{}y", d / 365)
        } else if d.is_multiple_of(30) {
            write!(f, "{}m", d / 30)
        } else if d.is_multiple_of(7) {
            write!(f, "{}w", d / 7)
        } else {
            write!(f, "{d}d")
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_units() {
        assert_eq!("30d".parse::<Cadence>().map(|c| c.days()), Ok(30));
        assert_eq!("2w".parse::<Cadence>().map(|c| c.days()), Ok(14));
        assert_eq!("3m".parse::<Cadence>().map(|c| c.days()), Ok(90));
        assert_eq!("1y".parse::<Cadence>().map(|c| c.days()), Ok(365));
        assert_eq!("2 weeks".parse::<Cadence>().map(|c| c.days()), Ok(14));
    }

    #[test]
    fn refuses_nonsense() {
        assert!("0d".parse::<Cadence>().is_err());
        assert!("fortnight".parse::<Cadence>().is_err());
        assert!("3x".parse::<Cadence>().is_err());
        assert!("99999y".parse::<Cadence>().is_err());
    }

    #[test]
    fn displays_in_the_largest_whole_unit() {
        assert_eq!(
            Cadence::from_days(90).map(|c| c.to_string()),
            Ok("3m".to_owned())
        );
        assert_eq!(
            Cadence::from_days(14).map(|c| c.to_string()),
            Ok("2w".to_owned())
        );
        assert_eq!(
            Cadence::from_days(10).map(|c| c.to_string()),
            Ok("10d".to_owned())
        );
    }
}
