//! Important dates: birthdays, anniversaries and other yearly days. The year is optional
//! (many people share their birthday without it), and 29 February is a valid day.

use crate::error::{ValidationError, check_text};
use crate::id::{DateId, PersonId};
use jiff::civil::Date;
use serde::{Deserialize, Serialize};
use std::fmt;

/// What the day marks: a birthday, an anniversary, or anything the user names.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case", tag = "kind", content = "label")]
pub enum DateKind {
    /// Birthday.
    Birthday,
    /// Anniversary (wedding, work…).
    Anniversary,
    /// A day the user names ("Name day", "Sobriety").
    Other(String),
}

impl DateKind {
    /// `birthday`, `anniversary`, or anything else as a label.
    pub fn parse(input: &str) -> Result<Self, ValidationError> {
        let t = input.trim();
        match t.to_lowercase().as_str() {
            "birthday" | "bday" => Ok(DateKind::Birthday),
            "anniversary" => Ok(DateKind::Anniversary),
            _ => {
                check_text("date label", t, 80)?;
                Ok(DateKind::Other(t.to_owned()))
            }
        }
    }

    /// `birthday`, `anniversary` or `other`, as stored.
    pub fn code(&self) -> &str {
        match self {
            DateKind::Birthday => "birthday",
            DateKind::Anniversary => "anniversary",
            DateKind::Other(_) => "other",
        }
    }

    /// What a person reads.
    pub fn label(&self) -> &str {
        match self {
            DateKind::Birthday => "birthday",
            DateKind::Anniversary => "anniversary",
            DateKind::Other(l) => l,
        }
    }
}

/// A day of the year, with the year when known.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct YearlyDay {
    /// 1–12.
    pub month: i8,
    /// 1–31, valid for the month (29 February allowed without a year).
    pub day: i8,
    /// The year it first happened, when known.
    pub year: Option<i16>,
}

impl YearlyDay {
    /// Accepts `MM-DD`, `YYYY-MM-DD`, and vCard's `--MMDD` / `--MM-DD` (no year).
    pub fn parse(input: &str) -> Result<Self, ValidationError> {
        let s = input.trim();
        let bad = |why: &str| ValidationError::new("date", input, why.to_owned());
        let no_year = s.strip_prefix("--").unwrap_or(s);
        let parts: Vec<&str> = no_year.split('-').collect();
        let num = |p: &str, what: &str| -> Result<i32, ValidationError> {
            if p.is_empty() || !p.chars().all(|c| c.is_ascii_digit()) {
                return Err(bad(&format!(
                    "{what} {p:?} is not a number; expected MM-DD or YYYY-MM-DD"
                )));
            }
            p.parse::<i32>().map_err(|_| bad("number out of range"))
        };
        let (year, month, day) = match parts.as_slice() {
            [y, m, d] if !s.starts_with("--") => {
                (Some(num(y, "year")?), num(m, "month")?, num(d, "day")?)
            }
            [m, d] => (None, num(m, "month")?, num(d, "day")?),
            [md] if s.starts_with("--") && md.len() == 4 => {
                (None, num(&md[..2], "month")?, num(&md[2..], "day")?)
            }
            _ => return Err(bad("expected MM-DD or YYYY-MM-DD")),
        };
        Self::new(month, day, year).map_err(|e| ValidationError::new("date", input, e.reason))
    }

    /// Checks month and day (against the year when given).
    pub fn new(month: i32, day: i32, year: Option<i32>) -> Result<Self, ValidationError> {
        let shown = match year {
            Some(y) => format!("{y:04}-{month:02}-{day:02}"),
            None => format!("{month:02}-{day:02}"),
        };
        if !(1..=12).contains(&month) {
            return Err(ValidationError::new(
                "date",
                shown,
                format!("month {month} is not 1-12"),
            ));
        }
        if let Some(y) = year
            && !(1..=9999).contains(&y)
        {
            return Err(ValidationError::new(
                "date",
                shown,
                format!("year {y} is out of range"),
            ));
        }
        // 2000 is a leap year: without a year, 29 February is allowed.
        let check_year = year.unwrap_or(2000);
        // range-checked before narrowing, so 257 cannot wrap to 1
        let valid =
            (1..=31).contains(&day) && Date::new(check_year as i16, month as i8, day as i8).is_ok();
        if !valid {
            return Err(ValidationError::new(
                "date",
                shown,
                format!("day {day} does not exist in month {month}"),
            ));
        }
        Ok(Self {
            month: month as i8,
            day: day as i8,
            year: year.map(|y| y as i16),
        })
    }

    /// This day in `year`; 29 February becomes 28 February in a common year.
    pub fn in_year(&self, year: i16) -> Option<Date> {
        Date::new(year, self.month, self.day).ok().or_else(|| {
            if self.month == 2 && self.day == 29 {
                Date::new(year, 2, 28).ok()
            } else {
                None
            }
        })
    }
}

impl fmt::Display for YearlyDay {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.year {
            Some(y) => write!(f, "{y:04}-{:02}-{:02}", self.month, self.day),
            None => write!(f, "--{:02}-{:02}", self.month, self.day),
        }
    }
}

/// A yearly day that matters for a person.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ImportantDate {
    /// Identity.
    pub id: DateId,
    /// Whose day it is.
    pub person: PersonId,
    /// What it marks (`"kind"`, plus `"label"` for other days, at the top level in JSON).
    #[serde(flatten)]
    pub kind: DateKind,
    /// The day.
    pub day: YearlyDay,
}

#[cfg(test)]
mod tests {

    #[test]
    fn days_out_of_range_never_wrap() {
        assert!(YearlyDay::new(1, 257, None).is_err());
        assert!(YearlyDay::new(1, 0, None).is_err());
        assert!(YearlyDay::new(1, -255, Some(2000)).is_err());
        assert!(YearlyDay::new(1, 31, None).is_ok());
    }

    use super::*;

    #[test]
    fn parses_the_accepted_forms() {
        assert_eq!(
            YearlyDay::parse("04-15").map(|d| (d.month, d.day, d.year)),
            Ok((4, 15, None))
        );
        assert_eq!(
            YearlyDay::parse("1990-04-15").map(|d| (d.month, d.day, d.year)),
            Ok((4, 15, Some(1990)))
        );
        assert_eq!(
            YearlyDay::parse("--0415").map(|d| (d.month, d.day, d.year)),
            Ok((4, 15, None))
        );
        assert_eq!(
            YearlyDay::parse("--04-15").map(|d| (d.month, d.day, d.year)),
            Ok((4, 15, None))
        );
        assert!(YearlyDay::parse("02-29").is_ok());
        assert!(YearlyDay::parse("2000-02-29").is_ok());
    }

    #[test]
    fn refuses_impossible_days() {
        assert!(YearlyDay::parse("1990-13-01").is_err());
        assert!(YearlyDay::parse("1991-02-29").is_err());
        assert!(YearlyDay::parse("04-31").is_err());
        assert!(YearlyDay::parse("00-10").is_err());
        assert!(YearlyDay::parse("april 4").is_err());
        assert!(YearlyDay::parse("").is_err());
    }

    #[test]
    fn leap_day_falls_on_28_february_in_common_years() {
        let d = YearlyDay::parse("02-29").ok();
        assert_eq!(
            d.and_then(|d| d.in_year(2027)).map(|d| d.to_string()),
            Some("2027-02-28".to_owned())
        );
        assert_eq!(
            d.and_then(|d| d.in_year(2028)).map(|d| d.to_string()),
            Some("2028-02-29".to_owned())
        );
    }
}
