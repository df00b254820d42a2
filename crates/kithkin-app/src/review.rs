//! The weekly review: what happened this week, who was reconnected with, who is overdue,
//! what is coming, and whose ties grew or faded. Later features add their own sections
//! (reciprocity, introductions, diversity, goals and time) as fields of [`Review`].

use crate::App;
use crate::error::Result;
use crate::keep_in_touch::end_of_day;
use jiff::civil::Date;
use jiff::{Timestamp, ToSpan};
use kithkin_core::PersonId;
use kithkin_core::agenda::{AgendaItem, DueCheckin, UpcomingDate, upcoming_dates};
use kithkin_core::when::parse_day;
use serde::Serialize;
use std::collections::{BTreeMap, HashMap, HashSet};

/// Silence after which a contact counts as reconnecting, in days.
pub const RECONNECT_AFTER_DAYS: i64 = 90;

/// Someone the user got back in touch with this week.
#[derive(Debug, Clone, Serialize)]
pub struct Reconnection {
    /// Who.
    pub person: PersonId,
    /// Name.
    pub name: String,
    /// Days of silence before this week's contact (`None`: first contact ever).
    pub silent_days: Option<i64>,
}

/// A change of strength over the week.
#[derive(Debug, Clone, Serialize)]
pub struct StrengthChange {
    /// Who.
    pub person: PersonId,
    /// Name.
    pub name: String,
    /// Score at the start of the week.
    pub before: f64,
    /// Score at the end of the week.
    pub after: f64,
    /// `after − before`.
    pub change: f64,
}

/// The weekly review.
#[derive(Debug, Clone, Serialize)]
pub struct Review {
    /// Monday of the week.
    pub week_start: Date,
    /// Sunday of the week.
    pub week_end: Date,
    /// Interactions that week.
    pub interactions: usize,
    /// Different people in them.
    pub people_contacted: usize,
    /// Interactions per channel.
    pub by_kind: BTreeMap<String, usize>,
    /// People contacted after a long silence (or for the first time).
    pub reconnected: Vec<Reconnection>,
    /// Check-ins overdue at the end of the week (due before its last day).
    pub overdue: Vec<DueCheckin>,
    /// Dates in the seven days after the week.
    pub upcoming: Vec<UpcomingDate>,
    /// Largest strength gains over the week.
    pub gains: Vec<StrengthChange>,
    /// Largest strength losses over the week.
    pub losses: Vec<StrengthChange>,
    /// Favours given during the week.
    pub favours_given: usize,
    /// Favours received during the week.
    pub favours_received: usize,
    /// Thanks still owed at the end of the week.
    pub thanks_owed: Vec<crate::exchange::OwedView>,
    /// One-sided relationships at the end of the week (flagged balances only).
    pub one_sided: Vec<crate::exchange::NamedBalance>,
    /// Each open goal as of the end of the week (its current period is the one containing
    /// the week's last day).
    pub goals: Vec<crate::goals::GoalStatus>,
    /// Minutes invested this week by kind, against the average of the four weeks before.
    pub time: crate::goals::TimeComparison,
}

/// How many weeks before the reviewed one its time is compared with.
pub const TIME_COMPARED_WEEKS: usize = 4;

/// How many gains and losses a review lists.
const TOP_CHANGES: usize = 5;

impl App {
    /// The review of the week (Monday to Sunday) containing `week_of` (default: today).
    pub async fn review(&self, week_of: Option<&str>) -> Result<Review> {
        let now = self.now();
        let day = match week_of {
            Some(s) => parse_day(s, &now)?,
            None => now.date(),
        };
        let offset = i64::from(day.weekday().to_monday_zero_offset());
        let week_start = day.checked_sub(offset.days()).unwrap_or(day);
        let week_end = week_start.checked_add(6.days()).unwrap_or(week_start);
        let before = week_start.checked_sub(1.days()).unwrap_or(week_start);
        let start = end_of_day(before, &now)?
            .checked_add(1.second())
            .unwrap_or(Timestamp::UNIX_EPOCH);
        let end = end_of_day(week_end, &now)?;
        let rows = self
            .store
            .interactions_between(start, end.checked_add(1.second()).unwrap_or(end))
            .await?;
        let interactions: HashSet<&str> = rows.iter().map(|r| r.0.as_str()).collect();
        let mut by_kind: BTreeMap<String, usize> = BTreeMap::new();
        let mut seen_interaction: HashSet<&str> = HashSet::new();
        for (id, _, _, kind) in &rows {
            if seen_interaction.insert(id.as_str()) {
                *by_kind.entry(kind.clone()).or_default() += 1;
            }
        }
        let mut contacted: Vec<PersonId> = rows.iter().map(|r| r.1).collect();
        contacted.sort();
        contacted.dedup();
        let names = self.store.names_of(&contacted).await?;
        let earlier = self
            .store
            .touches(
                Some(&contacted),
                start.checked_sub(1.second()).unwrap_or(start),
            )
            .await?;
        let first_this_week: HashMap<PersonId, Timestamp> =
            rows.iter().fold(HashMap::new(), |mut m, r| {
                m.entry(r.1).or_insert(r.2);
                m
            });
        let mut reconnected: Vec<Reconnection> = contacted
            .iter()
            .filter_map(|p| {
                let last_before = earlier.get(p).and_then(|t| t.iter().map(|t| t.at).max());
                let first = first_this_week.get(p)?;
                let silent_days = last_before.map(|l| (first.as_second() - l.as_second()) / 86_400);
                match silent_days {
                    Some(d) if d < RECONNECT_AFTER_DAYS => None,
                    _ => Some(Reconnection {
                        person: *p,
                        name: names.get(p).cloned().unwrap_or_default(),
                        silent_days,
                    }),
                }
            })
            .collect();
        reconnected.sort_by(|a, b| {
            b.silent_days
                .unwrap_or(i64::MAX)
                .cmp(&a.silent_days.unwrap_or(i64::MAX))
                .then_with(|| a.name.cmp(&b.name))
        });

        let agenda = self.today(Some(&week_end.to_string())).await?;
        let overdue = agenda
            .items
            .into_iter()
            .filter_map(|i| match i {
                AgendaItem::CheckIn(c) if c.days_overdue > 0 => Some(c),
                _ => None,
            })
            .collect();
        let next_monday = week_end.checked_add(1.days()).unwrap_or(week_end);
        let upcoming = upcoming_dates(&self.store.all_dates().await?, next_monday, 6);

        let at_start = self
            .strengths_of(None, start.checked_sub(1.second()).unwrap_or(start))
            .await?;
        let at_end = self.strengths_of(None, end).await?;
        let all_names: HashMap<PersonId, String> = self
            .store
            .active_people()
            .await?
            .into_iter()
            .map(|b| (b.person, b.name))
            .collect();
        let mut changes: Vec<StrengthChange> = at_end
            .iter()
            .filter_map(|(p, after)| {
                let before = at_start.get(p).map(|s| s.score).unwrap_or(0.0);
                let change = after.score - before;
                (change.abs() >= 0.5).then(|| StrengthChange {
                    person: *p,
                    name: all_names.get(p).cloned().unwrap_or_default(),
                    before,
                    after: after.score,
                    change,
                })
            })
            .collect();
        changes.sort_by(|a, b| {
            b.change
                .total_cmp(&a.change)
                .then_with(|| a.name.cmp(&b.name))
        });
        let gains: Vec<StrengthChange> = changes
            .iter()
            .filter(|c| c.change > 0.0)
            .take(TOP_CHANGES)
            .cloned()
            .collect();
        let losses: Vec<StrengthChange> = changes
            .iter()
            .rev()
            .filter(|c| c.change < 0.0)
            .take(TOP_CHANGES)
            .cloned()
            .collect();
        let me = self.store.me().await?;
        let favours = match me {
            Some(me) => self.store.favours(Some(me)).await?,
            None => Vec::new(),
        };
        let in_week = |t: Timestamp| t >= start && t <= end;
        let favours_given = favours
            .iter()
            .filter(|f| Some(f.giver) == me && in_week(f.occurred_at))
            .count();
        let favours_received = favours
            .iter()
            .filter(|f| Some(f.receiver) == me && in_week(f.occurred_at))
            .count();
        let thanks_owed = self
            .thanks_owed(end, kithkin_core::gratitude::THANKS_GRACE_DAYS)
            .await?;
        let one_sided = if me.is_some() {
            self.reciprocity_report(Some(&week_end.to_string()))
                .await?
                .people
                .into_iter()
                .filter(|b| b.balance.flag.is_some())
                .collect()
        } else {
            Vec::new()
        };
        let open_goals = self.goal_list(false).await?;
        let goals = self.statuses(&open_goals, week_end, end).await?;
        let time = self
            .time_comparison(week_end, end, TIME_COMPARED_WEEKS)
            .await?;
        Ok(Review {
            goals,
            time,
            favours_given,
            favours_received,
            thanks_owed,
            one_sided,
            week_start,
            week_end,
            interactions: interactions.len(),
            people_contacted: contacted.len(),
            by_kind,
            reconnected,
            overdue,
            upcoming,
            gains,
            losses,
        })
    }
}
