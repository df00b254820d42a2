//! Goals: intentions about the user's networking ("5 check-ins a week") and the goals of the
//! people they know ("raise a seed round").

use crate::cadence::Cadence;
use crate::error::ValidationError;
use crate::id::{GoalId, PersonId};
use crate::period::{Period, local_day};
use jiff::civil::Date;
use jiff::tz::TimeZone;
use jiff::{Timestamp, ToSpan};
use serde::{Deserialize, Serialize};
use std::collections::HashMap;

named_enum! {
    /// What a measurable goal counts.
    GoalMetric, "goal metric", {
        /// Interactions with people who were due.
        CheckIns => "check_ins",
        /// Any interactions.
        Interactions => "interactions",
        /// Introductions made.
        Introductions => "introductions",
        /// Events attended.
        Events => "events",
        /// People met for the first time.
        NewPeople => "new_people",
        /// Favours given.
        FavoursGiven => "favours_given",
        /// Thank-yous sent.
        Thanks => "thanks",
        /// Not counted automatically (a person's own goal, in words).
        Freeform => "freeform",
    }
}

named_enum! {
    /// The period a goal's target applies to.
    GoalPeriod, "goal period", {
        /// Per ISO week.
        Week => "week",
        /// Per calendar month.
        Month => "month",
        /// Per calendar quarter.
        Quarter => "quarter",
        /// Per calendar year.
        Year => "year",
    }
}

/// A goal held by a person (the user's own, or a contact's).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Goal {
    /// Identity.
    pub id: GoalId,
    /// Whose goal.
    pub owner: PersonId,
    /// In words.
    pub title: String,
    /// What is counted.
    pub metric: GoalMetric,
    /// How many per period (0 for freeform goals).
    pub target: u32,
    /// The period.
    pub period: GoalPeriod,
    /// Only count people with this facet value (`industry=tech`); `!` before the value
    /// means "outside" (`industry=!tech`).
    pub facet_filter: Option<String>,
    /// When created.
    pub created_at: Timestamp,
    /// When achieved or abandoned.
    pub closed_at: Option<Timestamp>,
}

/// The metrics a user can set a goal on, as typed: `checkins`, `intros`, `events`,
/// `new-people`, `interactions`, `favours`, `thanks` (the stored names and a few other
/// spellings are accepted too).
pub fn parse_metric(input: &str) -> Result<GoalMetric, ValidationError> {
    let key = input.trim().to_lowercase().replace(['-', ' ', '_'], "");
    let metric = match key.as_str() {
        "checkins" | "checkin" => GoalMetric::CheckIns,
        "intros" | "intro" | "introductions" | "introduction" => GoalMetric::Introductions,
        "events" | "event" => GoalMetric::Events,
        "newpeople" | "people" | "newcontacts" => GoalMetric::NewPeople,
        "interactions" | "interaction" => GoalMetric::Interactions,
        "favours" | "favors" | "favoursgiven" | "favorsgiven" => GoalMetric::FavoursGiven,
        "thanks" | "thankyous" => GoalMetric::Thanks,
        _ => {
            return Err(ValidationError::new(
                "goal metric",
                input,
                "is not a known goal metric; use one of checkins, intros, events, new-people, \
                 interactions, favours, thanks",
            ));
        }
    };
    Ok(metric)
}

impl GoalMetric {
    /// The spelling a user types and reads (`checkins`, `new-people`…).
    pub fn user_name(self) -> &'static str {
        match self {
            GoalMetric::CheckIns => "checkins",
            GoalMetric::Interactions => "interactions",
            GoalMetric::Introductions => "intros",
            GoalMetric::Events => "events",
            GoalMetric::NewPeople => "new-people",
            GoalMetric::FavoursGiven => "favours",
            GoalMetric::Thanks => "thanks",
            GoalMetric::Freeform => "freeform",
        }
    }

    /// What one unit is called, singular and plural (`check-in`, `check-ins`).
    pub fn noun(self, n: u32) -> &'static str {
        let (one, many) = match self {
            GoalMetric::CheckIns => ("check-in", "check-ins"),
            GoalMetric::Interactions => ("interaction", "interactions"),
            GoalMetric::Introductions => ("introduction", "introductions"),
            GoalMetric::Events => ("event", "events"),
            GoalMetric::NewPeople => ("new person", "new people"),
            GoalMetric::FavoursGiven => ("favour given", "favours given"),
            GoalMetric::Thanks => ("thank-you", "thank-yous"),
            GoalMetric::Freeform => ("step", "steps"),
        };
        if n == 1 { one } else { many }
    }
}

/// A goal's facet condition: count only what involves people whose facet `key` is `value`
/// (`industry=climate`) or, with `outside`, is recorded and is not `value`
/// (`industry=!tech`: someone whose industry is unknown is not counted as outside it).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct FacetFilter {
    /// The facet key (`industry`).
    pub key: String,
    /// The value.
    pub value: String,
    /// True for "anything but `value`".
    pub outside: bool,
}

impl FacetFilter {
    /// Parses `KEY=VALUE` or `KEY=!VALUE`, normalised like facets on people.
    pub fn parse(input: &str) -> Result<FacetFilter, ValidationError> {
        let (k, v) = input.split_once('=').ok_or_else(|| {
            ValidationError::new(
                "facet",
                input,
                "expected KEY=VALUE or KEY=!VALUE, e.g. industry=climate or industry=!tech",
            )
        })?;
        let (outside, v) = match v.trim().strip_prefix('!') {
            Some(rest) => (true, rest),
            None => (false, v),
        };
        let (key, value) = crate::person::parse_facet(&format!("{k}={v}"))
            .map_err(|e| ValidationError::new("facet", input, e.reason))?;
        if value.is_empty() {
            return Err(ValidationError::new("facet", input, "the value is empty"));
        }
        Ok(FacetFilter {
            key,
            value,
            outside,
        })
    }

    /// Whether a person with this value of the key (`None`: not recorded) is counted.
    pub fn matches(&self, value: Option<&str>) -> bool {
        match value {
            None => false,
            Some(v) => (crate::text::label(v) == self.value) != self.outside,
        }
    }
}

impl std::fmt::Display for FacetFilter {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let bang = if self.outside { "!" } else { "" };
        write!(f, "{}={bang}{}", self.key, self.value)
    }
}

/// Something a goal counts: when it happened and the people it involved (for the facet
/// condition).
#[derive(Debug, Clone, PartialEq)]
pub struct Occurrence {
    /// When.
    pub at: Timestamp,
    /// Who was involved (other than the user).
    pub people: Vec<PersonId>,
}

/// The days (in `tz`) of the occurrences that count: all of them without a filter, else
/// those involving at least one person the filter matches (`facet` gives each person's value
/// of the filter's key).
pub fn counted_days(
    occurrences: &[Occurrence],
    filter: Option<&FacetFilter>,
    facet: &HashMap<PersonId, String>,
    tz: &TimeZone,
) -> Vec<Date> {
    let mut days: Vec<Date> = occurrences
        .iter()
        .filter(|o| {
            filter.is_none_or(|f| {
                o.people
                    .iter()
                    .any(|p| f.matches(facet.get(p).map(String::as_str)))
            })
        })
        .map(|o| local_day(o.at, tz))
        .collect();
    days.sort();
    days
}

/// Check-ins among contacts: each contact with a person who has a cadence and was due at the
/// time (the first contact ever, or one on or after the day of the previous contact plus the
/// cadence, days read in `tz`). `history` is every contact time per person; `cadences` the
/// cadence in force per person (people without one never make check-ins).
pub fn checkin_occurrences(
    history: &HashMap<PersonId, Vec<Timestamp>>,
    cadences: &HashMap<PersonId, Cadence>,
    tz: &TimeZone,
) -> Vec<Occurrence> {
    let mut out = Vec::new();
    for (person, times) in history {
        let Some(cadence) = cadences.get(person) else {
            continue;
        };
        let mut sorted = times.clone();
        sorted.sort();
        let mut previous: Option<Date> = None;
        for t in sorted {
            let day = local_day(t, tz);
            let due = match previous {
                None => true,
                Some(p) => p
                    .checked_add(i64::from(cadence.days()).days())
                    .is_ok_and(|due_on| day >= due_on),
            };
            if due {
                out.push(Occurrence {
                    at: t,
                    people: vec![*person],
                });
            }
            previous = Some(day);
        }
    }
    out.sort_by_key(|o| o.at);
    out
}

/// A period with how much was done in it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct PeriodCount {
    /// The period.
    pub period: Period,
    /// How many counted things fell in it.
    pub count: u32,
    /// Whether the count reached the target.
    pub met: bool,
}

/// Where a goal stands on a day.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct GoalProgress {
    /// The period containing the day, counted up to the day.
    pub current: PeriodCount,
    /// How many more are needed this period (0 once met).
    pub remaining: u32,
    /// Days left in the current period after the day.
    pub days_left: i64,
    /// The periods before, newest first.
    pub previous: Vec<PeriodCount>,
    /// Consecutive met periods ending with the last complete one, plus the current one
    /// when it is met already.
    pub streak: u32,
}

/// Counts `days` (sorted or not) per period of `kind` for a goal of `target` per period, as
/// of `today`: the current period (up to `today`), the `history` periods before it, and the
/// streak, which looks back as far as there are met periods. A target of 0 is never met
/// (goals need at least 1).
pub fn progress(
    target: u32,
    kind: GoalPeriod,
    days: &[Date],
    today: Date,
    history: usize,
) -> Option<GoalProgress> {
    let mut sorted: Vec<Date> = days.iter().copied().filter(|d| *d <= today).collect();
    sorted.sort();
    let count_in = |p: &Period| -> u32 {
        let from = sorted.partition_point(|d| *d < p.first);
        let to = sorted.partition_point(|d| *d <= p.last);
        u32::try_from(to - from).unwrap_or(u32::MAX)
    };
    let met = |n: u32| target > 0 && n >= target;
    let period = Period::containing(kind, today)?;
    let now_count = count_in(&period);
    let previous: Vec<PeriodCount> = period
        .back(history + 1)
        .into_iter()
        .skip(1)
        .map(|p| {
            let count = count_in(&p);
            PeriodCount {
                period: p,
                count,
                met: met(count),
            }
        })
        .collect();
    let mut streak = 0u32;
    if let Some(earliest) = sorted.first().copied() {
        let mut p = period.previous();
        while let Some(x) = p {
            if x.last < earliest || !met(count_in(&x)) {
                break;
            }
            streak += 1;
            p = x.previous();
        }
    }
    if met(now_count) {
        streak += 1;
    }
    Some(GoalProgress {
        remaining: target.saturating_sub(now_count),
        days_left: i64::from((period.last - today).get_days()),
        current: PeriodCount {
            period,
            count: now_count,
            met: met(now_count),
        },
        previous,
        streak,
    })
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;
    use uuid::Uuid;

    fn day(s: &str) -> Date {
        s.parse().unwrap()
    }

    fn days(v: &[&str]) -> Vec<Date> {
        v.iter().map(|s| day(s)).collect()
    }

    #[test]
    fn metric_spellings() {
        assert_eq!(parse_metric("checkins").unwrap(), GoalMetric::CheckIns);
        assert_eq!(parse_metric("Check-ins").unwrap(), GoalMetric::CheckIns);
        assert_eq!(parse_metric("intros").unwrap(), GoalMetric::Introductions);
        assert_eq!(parse_metric("events").unwrap(), GoalMetric::Events);
        assert_eq!(parse_metric("new-people").unwrap(), GoalMetric::NewPeople);
        assert_eq!(parse_metric("new_people").unwrap(), GoalMetric::NewPeople);
        assert_eq!(
            parse_metric("interactions").unwrap(),
            GoalMetric::Interactions
        );
        assert_eq!(parse_metric("favours").unwrap(), GoalMetric::FavoursGiven);
        assert_eq!(parse_metric("thanks").unwrap(), GoalMetric::Thanks);
        let e = parse_metric("hugs").unwrap_err();
        assert!(e.to_string().contains("checkins, intros, events"), "{e}");
        assert!(
            parse_metric("freeform").is_err(),
            "freeform goals are not counted"
        );
        for m in GoalMetric::ALL
            .iter()
            .filter(|m| **m != GoalMetric::Freeform)
        {
            assert_eq!(parse_metric(m.user_name()).unwrap(), *m);
            assert_eq!(parse_metric(m.as_str()).unwrap(), *m, "stored name {m}");
        }
        assert_eq!("events".parse::<GoalMetric>().unwrap(), GoalMetric::Events);
    }

    #[test]
    fn facet_filters_inside_and_outside() {
        let f = FacetFilter::parse("Industry = Climate Tech").unwrap();
        assert_eq!(f.to_string(), "industry=climate tech");
        assert!(f.matches(Some("climate tech")));
        assert!(f.matches(Some("Climate  Tech")));
        assert!(!f.matches(Some("fintech")));
        assert!(!f.matches(None));
        let out = FacetFilter::parse("industry=!tech").unwrap();
        assert!(out.outside);
        assert_eq!(out.to_string(), "industry=!tech");
        assert!(out.matches(Some("health")));
        assert!(!out.matches(Some("tech")));
        assert!(!out.matches(None), "unknown is not outside");
        assert!(FacetFilter::parse("industry").is_err());
        assert!(FacetFilter::parse("industry=").is_err());
        assert!(FacetFilter::parse("=tech").is_err());
    }

    #[test]
    fn counted_days_apply_the_facet_to_anyone_involved() {
        let (a, b) = (PersonId(Uuid::from_u128(1)), PersonId(Uuid::from_u128(2)));
        let facet: HashMap<PersonId, String> = [(a, "climate".to_owned())].into();
        let occ = vec![
            Occurrence {
                at: "2026-03-10T23:30:00Z".parse().unwrap(),
                people: vec![b, a],
            },
            Occurrence {
                at: "2026-03-09T10:00:00Z".parse().unwrap(),
                people: vec![b],
            },
        ];
        let f = FacetFilter::parse("industry=climate").unwrap();
        assert_eq!(
            counted_days(&occ, Some(&f), &facet, &TimeZone::UTC),
            days(&["2026-03-10"])
        );
        let berlin = TimeZone::get("Europe/Berlin").unwrap();
        assert_eq!(
            counted_days(&occ, None, &facet, &berlin),
            days(&["2026-03-09", "2026-03-11"])
        );
    }

    #[test]
    fn checkins_are_contacts_with_people_who_were_due() {
        let (a, b) = (PersonId(Uuid::from_u128(1)), PersonId(Uuid::from_u128(2)));
        let t = |s: &str| -> Timestamp { s.parse().unwrap() };
        let history: HashMap<PersonId, Vec<Timestamp>> = [
            (
                a,
                vec![
                    t("2026-03-01T10:00:00Z"),
                    t("2026-03-05T10:00:00Z"),
                    t("2026-03-08T10:00:00Z"),
                    t("2026-03-08T12:00:00Z"),
                ],
            ),
            (b, vec![t("2026-03-02T10:00:00Z")]),
        ]
        .into();
        let cadences: HashMap<PersonId, Cadence> = [(a, Cadence::from_days(7).unwrap())].into();
        let occ = checkin_occurrences(&history, &cadences, &TimeZone::UTC);
        let at: Vec<String> = occ.iter().map(|o| o.at.to_string()).collect();
        // the first contact, then only the one a whole cadence after the previous contact;
        // b has no cadence
        assert_eq!(at, ["2026-03-01T10:00:00Z"]);
        let cadences: HashMap<PersonId, Cadence> = [(a, Cadence::from_days(3).unwrap())].into();
        let occ = checkin_occurrences(&history, &cadences, &TimeZone::UTC);
        let at: Vec<String> = occ.iter().map(|o| o.at.to_string()).collect();
        assert_eq!(
            at,
            [
                "2026-03-01T10:00:00Z",
                "2026-03-05T10:00:00Z",
                "2026-03-08T10:00:00Z"
            ]
        );
    }

    #[test]
    fn weekly_progress_history_and_streak() {
        // Tuesday 2026-03-10 is in W11 (9-15 March).
        let done = days(&[
            "2026-02-16",
            "2026-02-17", // W08: 2
            "2026-02-23",
            "2026-02-24",
            "2026-02-25", // W09: 3
            "2026-03-02",
            "2026-03-08", // W10: 2
            "2026-03-09", // W11 so far: 1
            "2026-03-12", // after today: not counted yet
        ]);
        let p = progress(2, GoalPeriod::Week, &done, day("2026-03-10"), 3).unwrap();
        assert_eq!(p.current.period.label, "2026-W11");
        assert_eq!((p.current.count, p.current.met, p.remaining), (1, false, 1));
        assert_eq!(p.days_left, 5);
        let prev: Vec<(String, u32, bool)> = p
            .previous
            .iter()
            .map(|c| (c.period.label.clone(), c.count, c.met))
            .collect();
        assert_eq!(
            prev,
            [
                ("2026-W10".to_owned(), 2, true),
                ("2026-W09".to_owned(), 3, true),
                ("2026-W08".to_owned(), 2, true),
            ]
        );
        assert_eq!(p.streak, 3, "W08 to W10; W07 had none");
        // Once the current week is met, it joins the streak.
        let mut more = done.clone();
        more.push(day("2026-03-10"));
        let p = progress(2, GoalPeriod::Week, &more, day("2026-03-10"), 3).unwrap();
        assert_eq!(
            (p.current.count, p.current.met, p.remaining, p.streak),
            (2, true, 0, 4)
        );
        // A miss last week breaks the streak even if earlier weeks were met.
        let p = progress(3, GoalPeriod::Week, &done, day("2026-03-10"), 3).unwrap();
        assert_eq!(p.streak, 0);
    }

    #[test]
    fn streaks_cross_week_53_and_year_boundaries() {
        // weekly: W52 2026, W53 2026 (28 Dec - 3 Jan), then today in 2027-W01
        let done = days(&["2026-12-22", "2027-01-02", "2027-01-05"]);
        let p = progress(1, GoalPeriod::Week, &done, day("2027-01-06"), 2).unwrap();
        assert_eq!(p.current.period.label, "2027-W01");
        assert_eq!(p.previous[0].period.label, "2026-W53");
        assert_eq!(p.previous[0].count, 1);
        assert_eq!(p.previous[1].period.label, "2026-W52");
        assert_eq!(p.streak, 3);
        // monthly across the new year
        let done = days(&["2025-11-03", "2025-12-31", "2026-01-01"]);
        let p = progress(1, GoalPeriod::Month, &done, day("2026-01-20"), 2).unwrap();
        assert_eq!((p.current.period.label.as_str(), p.streak), ("2026-01", 3));
        // quarterly: Q4 2025 met, Q1 2026 not yet
        let done = days(&["2025-10-01", "2025-12-31", "2026-02-01"]);
        let p = progress(2, GoalPeriod::Quarter, &done, day("2026-03-31"), 1).unwrap();
        assert_eq!(p.current.count, 1);
        assert_eq!(p.previous[0].period.label, "2025-Q4");
        assert_eq!(p.previous[0].count, 2);
        assert_eq!(p.streak, 1);
        assert_eq!(p.days_left, 0);
        // yearly
        let done = days(&["2024-05-05", "2025-05-05"]);
        let p = progress(1, GoalPeriod::Year, &done, day("2026-01-01"), 2).unwrap();
        assert_eq!((p.current.count, p.streak), (0, 2));
    }

    #[test]
    fn nothing_done_means_no_streak() {
        let p = progress(1, GoalPeriod::Month, &[], day("2026-03-10"), 2).unwrap();
        assert_eq!((p.current.count, p.streak, p.remaining), (0, 0, 1));
        assert_eq!(p.previous.len(), 2);
        assert!(p.previous.iter().all(|c| c.count == 0 && !c.met));
        let p = progress(
            0,
            GoalPeriod::Month,
            &days(&["2026-03-01"]),
            day("2026-03-10"),
            0,
        )
        .unwrap();
        assert!(!p.current.met, "a target of 0 is never met");
    }
}
