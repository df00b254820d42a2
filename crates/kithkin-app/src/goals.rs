//! Time and goals: minutes invested per week, and the user's goals ("5 check-ins a week",
//! "1 event a month", "3 new people outside tech a quarter") with progress and streaks.

use crate::error::{AppError, Result};
use crate::{App, new_uuid};
use jiff::civil::{Date, Time};
use jiff::{Timestamp, ToSpan};
use kithkin_core::agenda::effective_cadence;
use kithkin_core::batch::Batch;
use kithkin_core::error::check_text;
use kithkin_core::goal::{
    FacetFilter, Goal, GoalMetric, GoalPeriod, GoalProgress, Occurrence, checkin_occurrences,
    counted_days, parse_metric, progress,
};
use kithkin_core::period::Period;
use kithkin_core::time_invested::{WeekTime, time_by_week};
use kithkin_core::{GoalId, PersonId, ValidationError, text};
use serde::Serialize;
use std::collections::{BTreeMap, HashMap};

/// How many periods before the current one `goal status` lists.
pub const GOAL_HISTORY: usize = 4;

/// How far back a streak is followed, in periods (two years of weeks); a longer streak shows
/// as this many.
pub const STREAK_LOOKBACK: usize = 104;

/// A goal and where it stands.
#[derive(Debug, Clone, Serialize)]
pub struct GoalStatus {
    /// The goal.
    pub goal: Goal,
    /// How it is typed (`checkins`, `new-people`…).
    pub metric: &'static str,
    /// Progress in the current period, the periods before, the streak.
    pub progress: GoalProgress,
}

/// Minutes of a week against the weeks before it.
#[derive(Debug, Clone, Serialize)]
pub struct TimeComparison {
    /// The week.
    pub week: WeekTime,
    /// How many weeks the averages cover.
    pub weeks_compared: usize,
    /// Average minutes per kind over those weeks (kinds of either side).
    pub average_by_kind: BTreeMap<String, f64>,
    /// Average event minutes over those weeks.
    pub average_events: f64,
    /// Average total minutes over those weeks.
    pub average_total: f64,
}

/// The time report.
#[derive(Debug, Clone, Serialize)]
pub struct TimeReport {
    /// Weeks, newest first.
    pub weeks: Vec<WeekTime>,
    /// Minutes assumed per interaction kind when none were recorded.
    pub default_minutes: BTreeMap<String, u32>,
    /// Minutes assumed per event kind (for each day an event spans) when none were recorded.
    pub default_event_minutes: BTreeMap<String, u32>,
}

/// A typed target: a whole number of at least 1.
fn parse_target(input: &str) -> Result<u32> {
    let n: i64 = input
        .trim()
        .parse()
        .map_err(|_| ValidationError::new("target", input, "must be a whole number, like 5"))?;
    if n < 1 {
        return Err(ValidationError::new("target", input, "must be at least 1").into());
    }
    u32::try_from(n)
        .ok()
        .filter(|n| *n <= 10_000)
        .ok_or_else(|| ValidationError::new("target", input, "must be at most 10000").into())
}

/// The title a goal gets when none is given: "5 check-ins a week (industry=!tech)".
fn default_title(
    metric: GoalMetric,
    target: u32,
    period: GoalPeriod,
    facet: Option<&FacetFilter>,
) -> String {
    let facet = facet.map(|f| format!(" ({f})")).unwrap_or_default();
    format!(
        "{target} {} a {}{facet}",
        metric.noun(target),
        period.as_str()
    )
}

impl App {
    /// Adds a goal for the user: `METRIC TARGET PERIOD`, optionally only counting people with
    /// a facet value (`industry=climate`, or `industry=!tech` for everything else). The same
    /// open goal twice is refused.
    pub async fn goal_add(
        &self,
        metric: &str,
        target: &str,
        period: &str,
        facet: Option<&str>,
        title: Option<&str>,
    ) -> Result<Goal> {
        let metric = parse_metric(metric)?;
        let target = parse_target(target)?;
        let period: GoalPeriod = period.parse()?;
        let facet = facet.map(FacetFilter::parse).transpose()?;
        let title = match title.map(str::trim).filter(|t| !t.is_empty()) {
            Some(t) => {
                check_text("title", t, 200)?;
                t.to_owned()
            }
            None => default_title(metric, target, period, facet.as_ref()),
        };
        let me = self.me().await?;
        let facet_filter = facet.map(|f| f.to_string());
        if let Some(twin) = self.store.goals_of(me, true).await?.into_iter().find(|g| {
            g.metric == metric
                && g.period == period
                && g.facet_filter == facet_filter
                && g.target == target
        }) {
            return Err(AppError::Conflict(format!(
                "you already have this goal: \"{}\"; `kithkin goal close` it first to replace it",
                twin.title
            )));
        }
        let now = self.timestamp();
        let goal = Goal {
            id: GoalId(new_uuid()),
            owner: me,
            title,
            metric,
            target,
            period,
            facet_filter,
            created_at: now,
            closed_at: None,
        };
        self.store
            .write(
                &Batch {
                    goals: vec![goal.clone()],
                    ..Batch::new()
                },
                now,
            )
            .await?;
        Ok(goal)
    }

    /// The user's goals: open ones, or all with `all` (closed ones after).
    pub async fn goal_list(&self, all: bool) -> Result<Vec<Goal>> {
        let Some(me) = self.store.me().await? else {
            return Ok(Vec::new());
        };
        let mut goals = self.store.goals_of(me, !all).await?;
        goals.sort_by_key(|g| (g.closed_at.is_some(), g.created_at));
        Ok(goals)
    }

    /// Closes an open goal named by its id's last characters or by its title.
    pub async fn goal_close(&self, query: &str) -> Result<Goal> {
        let q = query.trim();
        if q.is_empty() {
            return Err(ValidationError::new("goal", query, "is empty").into());
        }
        let open = self.goal_list(false).await?;
        let tail: String = q
            .chars()
            .filter(|c| *c != '-')
            .collect::<String>()
            .to_lowercase();
        let by_id: Vec<&Goal> = if tail.len() >= 4 && tail.chars().all(|c| c.is_ascii_hexdigit()) {
            open.iter()
                .filter(|g| g.id.to_string().replace('-', "").ends_with(&tail))
                .collect()
        } else {
            Vec::new()
        };
        let key = text::name_key(q);
        let exact: Vec<&Goal> = open
            .iter()
            .filter(|g| text::name_key(&g.title) == key)
            .collect();
        let found = if !by_id.is_empty() {
            by_id
        } else if !exact.is_empty() {
            exact
        } else {
            open.iter()
                .filter(|g| kithkin_core::resolve::words_match(q, &g.title))
                .collect()
        };
        let mut goal = match found.as_slice() {
            [one] => (*one).clone(),
            [] => {
                return Err(AppError::NotFound(format!(
                    "no open goal matches {q:?}; `kithkin goal list` shows them"
                )));
            }
            many => {
                return Err(AppError::Conflict(format!(
                    "{q:?} matches {} goals: {}; give more of the title or the id",
                    many.len(),
                    many.iter()
                        .map(|g| format!("\"{}\"", g.title))
                        .collect::<Vec<_>>()
                        .join(", ")
                )));
            }
        };
        let now = self.timestamp();
        self.store.close_goal(goal.id, now).await?;
        goal.closed_at = Some(now);
        Ok(goal)
    }

    /// Where each open goal stands as of a day (default today).
    pub async fn goal_status(&self, at: Option<&str>) -> Result<Vec<GoalStatus>> {
        let (day, until) = self.as_of(at)?;
        let goals = self.goal_list(false).await?;
        self.statuses(&goals, day, until).await
    }

    /// Progress of `goals` as of `day` (whose end is `until`).
    pub(crate) async fn statuses(
        &self,
        goals: &[Goal],
        day: Date,
        until: Timestamp,
    ) -> Result<Vec<GoalStatus>> {
        let tz = self.now().time_zone().clone();
        let mut occurrences: HashMap<GoalMetric, Vec<Occurrence>> = HashMap::new();
        let mut facets: HashMap<String, HashMap<PersonId, String>> = HashMap::new();
        let mut out = Vec::with_capacity(goals.len());
        for g in goals {
            if let std::collections::hash_map::Entry::Vacant(slot) = occurrences.entry(g.metric) {
                // as far back as the longest streak any goal on this metric may need
                let from = goals
                    .iter()
                    .filter(|x| x.metric == g.metric)
                    .filter_map(|x| {
                        Period::containing(x.period, day)?
                            .back(STREAK_LOOKBACK + 1)
                            .pop()?
                            .bounds(&tz)
                    })
                    .map(|(s, _)| s)
                    .min()
                    .unwrap_or(Timestamp::UNIX_EPOCH);
                slot.insert(self.occurrences(g.metric, from, until).await?);
            }
            let filter = g
                .facet_filter
                .as_deref()
                .map(FacetFilter::parse)
                .transpose()?;
            if let Some(f) = &filter
                && !facets.contains_key(&f.key)
            {
                facets.insert(f.key.clone(), self.store.facet_values(&f.key).await?);
            }
            let empty = HashMap::new();
            let values = filter
                .as_ref()
                .and_then(|f| facets.get(&f.key))
                .unwrap_or(&empty);
            let occ = occurrences.get(&g.metric).map(Vec::as_slice).unwrap_or(&[]);
            let days = counted_days(occ, filter.as_ref(), values, &tz);
            let p = progress(g.target, g.period, &days, day, GOAL_HISTORY).ok_or_else(|| {
                ValidationError::new("date", day.to_string(), "is at the edge of the calendar")
            })?;
            out.push(GoalStatus {
                metric: g.metric.user_name(),
                goal: g.clone(),
                progress: p,
            });
        }
        Ok(out)
    }

    /// What a metric counts, from `from` up to `until`.
    async fn occurrences(
        &self,
        metric: GoalMetric,
        from: Timestamp,
        until: Timestamp,
    ) -> Result<Vec<Occurrence>> {
        let tz = self.now().time_zone().clone();
        let me = self.store.me().await?;
        let within = |t: Timestamp| t >= from && t <= until;
        let out = match metric {
            GoalMetric::Interactions => self
                .store
                .interactions_in(from, until.checked_add(1.second()).unwrap_or(until))
                .await?
                .into_iter()
                .map(|i| Occurrence {
                    at: i.occurred_at,
                    people: i.participants,
                })
                .collect(),
            GoalMetric::CheckIns => {
                let history: HashMap<PersonId, Vec<Timestamp>> = self
                    .store
                    .touches(None, until)
                    .await?
                    .into_iter()
                    .map(|(p, t)| {
                        (
                            p,
                            t.into_iter()
                                .map(|t| t.at)
                                .filter(|t| *t <= until)
                                .collect(),
                        )
                    })
                    .collect();
                let cadences = self
                    .store
                    .checkin_candidates(until)
                    .await?
                    .into_iter()
                    .filter_map(|c| {
                        Some((
                            c.person,
                            effective_cadence(c.own_cadence, c.circle_cadence)?.0,
                        ))
                    })
                    .collect();
                checkin_occurrences(&history, &cadences, &tz)
                    .into_iter()
                    .filter(|o| within(o.at))
                    .collect()
            }
            GoalMetric::Introductions => self
                .store
                .introductions(None)
                .await?
                .into_iter()
                .filter_map(|i| {
                    Some(Occurrence {
                        at: i.introduced_at.filter(|t| within(*t))?,
                        people: vec![i.a, i.b],
                    })
                })
                .collect(),
            GoalMetric::Events => self
                .store
                .events()
                .await?
                .into_iter()
                .filter(|e| e.attended && within(e.starts_at))
                .map(|e| Occurrence {
                    at: e.starts_at,
                    people: e.attendees.iter().map(|a| a.person).collect(),
                })
                .collect(),
            GoalMetric::NewPeople => {
                let first: HashMap<PersonId, Timestamp> = self
                    .store
                    .contact_stats()
                    .await?
                    .into_iter()
                    .map(|s| (s.person, s.first_at))
                    .collect();
                self.store
                    .active_people()
                    .await?
                    .into_iter()
                    .filter_map(|b| {
                        let at = match b.met_on {
                            Some(d) => d
                                .to_datetime(Time::constant(12, 0, 0, 0))
                                .to_zoned(tz.clone())
                                .ok()?
                                .timestamp(),
                            None => *first.get(&b.person)?,
                        };
                        within(at).then(|| Occurrence {
                            at,
                            people: vec![b.person],
                        })
                    })
                    .collect()
            }
            GoalMetric::FavoursGiven => match me {
                Some(me) => self
                    .store
                    .favours(Some(me))
                    .await?
                    .into_iter()
                    .filter(|f| f.giver == me && within(f.occurred_at))
                    .map(|f| Occurrence {
                        at: f.occurred_at,
                        people: vec![f.receiver],
                    })
                    .collect(),
                None => Vec::new(),
            },
            GoalMetric::Thanks => match me {
                Some(me) => {
                    let mut seen = std::collections::HashSet::new();
                    self.store
                        .favours(Some(me))
                        .await?
                        .into_iter()
                        .filter(|f| f.receiver == me)
                        .filter_map(|f| {
                            let at = f.thanked_at.filter(|t| within(*t))?;
                            // one thank-you may cover several favours of the same person
                            seen.insert((f.giver, at)).then(|| Occurrence {
                                at,
                                people: vec![f.giver],
                            })
                        })
                        .collect()
                }
                None => Vec::new(),
            },
            GoalMetric::Freeform => Vec::new(),
        };
        Ok(out)
    }

    /// Minutes invested per ISO week for the `weeks` weeks ending with the one containing
    /// the day `at` names (default today), newest first; nothing after that day's end counts.
    pub async fn time_report(&self, weeks: usize, at: Option<&str>) -> Result<TimeReport> {
        if weeks == 0 || weeks > 520 {
            return Err(ValidationError::new(
                "weeks",
                weeks.to_string(),
                "must be between 1 and 520",
            )
            .into());
        }
        let (day, until) = self.as_of(at)?;
        let list = self.weeks_of_time(day, until, weeks).await?;
        Ok(TimeReport {
            weeks: list,
            default_minutes: kithkin_core::interaction::InteractionKind::ALL
                .iter()
                .map(|k| {
                    (
                        k.as_str().to_owned(),
                        kithkin_core::time_invested::default_minutes(*k),
                    )
                })
                .collect(),
            default_event_minutes: kithkin_core::event::EventKind::ALL
                .iter()
                .map(|k| (k.as_str().to_owned(), k.default_minutes()))
                .collect(),
        })
    }

    /// The `count` weeks ending with the one containing `day`, newest first, up to `until`.
    pub(crate) async fn weeks_of_time(
        &self,
        day: Date,
        until: Timestamp,
        count: usize,
    ) -> Result<Vec<WeekTime>> {
        let tz = self.now().time_zone().clone();
        let this = Period::containing(GoalPeriod::Week, day).ok_or_else(|| {
            ValidationError::new("date", day.to_string(), "is at the edge of the calendar")
        })?;
        let weeks = this.back(count);
        let start = weeks
            .last()
            .and_then(|w| w.bounds(&tz))
            .map(|(s, _)| s)
            .unwrap_or(Timestamp::UNIX_EPOCH);
        let end = until.checked_add(1.second()).unwrap_or(until);
        let interactions = self.store.interactions_in(start, end).await?;
        let events: Vec<_> = self
            .store
            .events()
            .await?
            .into_iter()
            .filter(|e| e.starts_at >= start && e.starts_at <= until)
            .collect();
        Ok(time_by_week(&interactions, &events, &weeks, &tz))
    }

    /// The week containing `day` against the `compare` weeks before it.
    pub(crate) async fn time_comparison(
        &self,
        day: Date,
        until: Timestamp,
        compare: usize,
    ) -> Result<TimeComparison> {
        let mut weeks = self.weeks_of_time(day, until, compare + 1).await?;
        if weeks.is_empty() {
            return Err(ValidationError::new("date", day.to_string(), "has no week").into());
        }
        let week = weeks.remove(0);
        let n = weeks.len().max(1) as f64;
        let mut average_by_kind: BTreeMap<String, f64> =
            week.by_kind.keys().map(|k| (k.clone(), 0.0)).collect();
        for w in &weeks {
            for (k, m) in &w.by_kind {
                *average_by_kind.entry(k.clone()).or_default() += f64::from(*m) / n;
            }
        }
        Ok(TimeComparison {
            weeks_compared: weeks.len(),
            average_events: weeks.iter().map(|w| f64::from(w.events)).sum::<f64>() / n,
            average_total: weeks.iter().map(|w| f64::from(w.total)).sum::<f64>() / n,
            average_by_kind,
            week,
        })
    }
}
