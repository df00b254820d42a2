//! The day's agenda: whom to check in with, whose birthday is coming, which life events
//! still deserve a word, which follow-ups are due. Each kind of item is computed from plain
//! inputs by its own function, and [`AgendaItem`] is an open list of kinds: later features
//! add a variant without touching the others.
//!
//! Every function takes the day (and the user's time zone where instants are turned into
//! days), so "today as of 2026-03-01" is the same computation as today.

use crate::cadence::Cadence;
use crate::dates::{DateKind, ImportantDate};
use crate::id::{FollowUpId, LifeEventId, PersonId};
use crate::life_event::{LifeEvent, LifeEventKind, Valence};
use crate::person::Role;
use jiff::civil::Date;
use jiff::tz::TimeZone;
use jiff::{Timestamp, ToSpan};
use serde::Serialize;

/// Where a person's cadence comes from.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum CadenceSource {
    /// Set on the person.
    Own,
    /// The shortest cadence of their circles.
    Circle,
}

/// What the store knows about one person's rhythm: their cadences, last contact and snooze.
#[derive(Debug, Clone, PartialEq)]
pub struct CadenceFacts {
    /// Who.
    pub person: PersonId,
    /// Their name.
    pub name: String,
    /// Their own cadence, which wins.
    pub own_cadence: Option<Cadence>,
    /// The shortest cadence among their circles.
    pub circle_cadence: Option<Cadence>,
    /// Their latest interaction (inbound ones count too), up to the day asked about.
    pub last_contact: Option<Timestamp>,
    /// No reminder before this day.
    pub snoozed_until: Option<Date>,
}

/// What the check-in ranking needs about one person: their rhythm, roles and strength.
#[derive(Debug, Clone)]
pub struct CheckinInput {
    /// Cadences, last contact, snooze.
    pub facts: CadenceFacts,
    /// What they are to the user.
    pub roles: Vec<Role>,
    /// Relationship strength, 0–100.
    pub strength: f64,
}

/// A check-in that is due.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct DueCheckin {
    /// Who.
    pub person: PersonId,
    /// Their name.
    pub name: String,
    /// The cadence in force.
    pub cadence: Cadence,
    /// Whether it is theirs or a circle's.
    pub cadence_source: CadenceSource,
    /// Their latest interaction.
    pub last_contact: Option<Timestamp>,
    /// The day the check-in fell due.
    pub due_on: Date,
    /// Days past `due_on` (0 on the day).
    pub days_overdue: i64,
    /// Relationship strength, 0–100.
    pub strength: f64,
    /// Ranking key, higher first (see [`checkin_priority`]).
    pub priority: f64,
}

/// The cadence in force: the person's own, else the shortest of their circles'.
pub fn effective_cadence(
    own: Option<Cadence>,
    circle: Option<Cadence>,
) -> Option<(Cadence, CadenceSource)> {
    match (own, circle) {
        (Some(c), _) => Some((c, CadenceSource::Own)),
        (None, Some(c)) => Some((c, CadenceSource::Circle)),
        (None, None) => None,
    }
}

/// How much a role raises a check-in's priority: the people who shape a career (mentors,
/// sponsors, advisors) first, then family and friends, then working relationships.
pub fn role_weight(roles: &[Role]) -> f64 {
    roles
        .iter()
        .map(|r| match r {
            Role::Mentor | Role::Sponsor | Role::Advisor => 1.3,
            Role::Family | Role::Friend => 1.2,
            Role::Collaborator | Role::Client | Role::Investor => 1.15,
            Role::Peer | Role::Mentee | Role::Manager | Role::Report | Role::Colleague => 1.1,
        })
        .fold(1.0, f64::max)
}

/// The documented ranking of overdue check-ins:
/// `(1 + days_overdue / cadence_days) × (0.5 + strength / 100) × role_weight`.
/// Being overdue by a whole cadence doubles the base; a strength of 100 counts three times as
/// much as a strength of 0; roles weigh as in [`role_weight`].
pub fn checkin_priority(days_overdue: i64, cadence: Cadence, strength: f64, roles: &[Role]) -> f64 {
    let ratio = days_overdue.max(0) as f64 / f64::from(cadence.days());
    (1.0 + ratio) * (0.5 + strength.clamp(0.0, 100.0) / 100.0) * role_weight(roles)
}

/// When a person's next check-in falls due, with the cadence in force: the day after their
/// last contact (read in `tz`) plus the cadence, or `today` without any contact; a snooze
/// moves it to the snooze's end. `None` without a cadence.
pub fn checkin_due_on(
    p: &CadenceFacts,
    today: Date,
    tz: &TimeZone,
) -> Option<(Date, Cadence, CadenceSource)> {
    let (cadence, source) = effective_cadence(p.own_cadence, p.circle_cadence)?;
    let due_on = match p.last_contact {
        Some(t) => t
            .to_zoned(tz.clone())
            .date()
            .checked_add(i64::from(cadence.days()).days())
            .ok()?,
        None => today,
    };
    let due_on = match p.snoozed_until {
        Some(s) if s > due_on => s,
        _ => due_on,
    };
    Some((due_on, cadence, source))
}

/// Check-ins due on `today`, most pressing first. People without any cadence never appear;
/// someone with a cadence and no interaction yet is due at once; a snooze hides a person
/// until its day; the last contact's day is read in `tz` (the user's zone).
pub fn due_checkins(inputs: &[CheckinInput], today: Date, tz: &TimeZone) -> Vec<DueCheckin> {
    let mut due: Vec<DueCheckin> = inputs
        .iter()
        .filter_map(|input| {
            let p = &input.facts;
            if p.snoozed_until.is_some_and(|s| s > today) {
                return None;
            }
            let (due_on, cadence, source) = checkin_due_on(p, today, tz)?;
            if due_on > today {
                return None;
            }
            let days_overdue = (today - due_on).get_days().into();
            Some(DueCheckin {
                person: p.person,
                name: p.name.clone(),
                cadence,
                cadence_source: source,
                last_contact: p.last_contact,
                due_on,
                days_overdue,
                strength: input.strength,
                priority: checkin_priority(days_overdue, cadence, input.strength, &input.roles),
            })
        })
        .collect();
    due.sort_by(|a, b| {
        b.priority
            .total_cmp(&a.priority)
            .then_with(|| a.name.cmp(&b.name))
    });
    due
}

/// An important date coming up.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct UpcomingDate {
    /// Whose.
    pub person: PersonId,
    /// Their name.
    pub name: String,
    /// Birthday, anniversary or a label.
    pub kind: String,
    /// The day it falls on this time (29 February falls on 28 February in common years).
    pub on: Date,
    /// Days from today (0 = today).
    pub in_days: i64,
    /// How many years it marks (their age, years married), when the year is known.
    pub years: Option<i16>,
}

/// Dates falling within `days` days from `today` (today included), soonest first.
pub fn upcoming_dates(
    dates: &[(ImportantDate, String)],
    today: Date,
    days: i64,
) -> Vec<UpcomingDate> {
    let mut out: Vec<UpcomingDate> = dates
        .iter()
        .filter_map(|(d, name)| {
            let this_year = d.day.in_year(today.year())?;
            let on = if this_year >= today {
                this_year
            } else {
                d.day.in_year(today.year().checked_add(1)?)?
            };
            let in_days: i64 = (on - today).get_days().into();
            if in_days > days {
                return None;
            }
            let years = d.day.year.map(|y| on.year() - y).filter(|n| *n > 0);
            let kind = match &d.kind {
                DateKind::Other(l) => l.clone(),
                k => k.label().to_owned(),
            };
            Some(UpcomingDate {
                person: d.person,
                name: name.clone(),
                kind,
                on,
                in_days,
                years,
            })
        })
        .collect();
    out.sort_by(|a, b| a.in_days.cmp(&b.in_days).then_with(|| a.name.cmp(&b.name)));
    out
}

/// A life event that still deserves a word.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct PendingLifeEvent {
    /// The event.
    pub id: LifeEventId,
    /// Whose.
    pub person: PersonId,
    /// Their name.
    pub name: String,
    /// What happened.
    pub kind: LifeEventKind,
    /// Congratulate or support.
    pub valence: Valence,
    /// When.
    pub on: Date,
    /// Details.
    pub note: Option<String>,
    /// Days since it happened.
    pub days_ago: i64,
}

/// How long a life event stays on the agenda unacknowledged, in days: after three months a
/// congratulation or a word of support has lost its moment.
pub const LIFE_EVENT_WINDOW_DAYS: i64 = 90;

/// Life events from the last [`LIFE_EVENT_WINDOW_DAYS`] days not yet acknowledged, neither
/// explicitly nor by an interaction with the person on or after the event's day (read in
/// `tz`). Each input carries the person's name and last contact up to `today`.
pub fn pending_life_events(
    events: &[(LifeEvent, String, Option<Timestamp>)],
    today: Date,
    tz: &TimeZone,
) -> Vec<PendingLifeEvent> {
    let mut out: Vec<PendingLifeEvent> = events
        .iter()
        .filter(|(e, _, last)| {
            e.acknowledged_at.is_none()
                && e.on <= today
                && !last.is_some_and(|t| t.to_zoned(tz.clone()).date() >= e.on)
        })
        .filter_map(|(e, name, _)| {
            let days_ago: i64 = (today - e.on).get_days().into();
            (days_ago <= LIFE_EVENT_WINDOW_DAYS).then(|| PendingLifeEvent {
                id: e.id,
                person: e.person,
                name: name.clone(),
                kind: e.kind,
                valence: e.kind.valence(),
                on: e.on,
                note: e.note.clone(),
                days_ago,
            })
        })
        .collect();
    // support before celebration, then the most recent first
    out.sort_by(|a, b| {
        let rank = |v: Valence| if v == Valence::Support { 0 } else { 1 };
        rank(a.valence)
            .cmp(&rank(b.valence))
            .then(a.days_ago.cmp(&b.days_ago))
            .then_with(|| a.name.cmp(&b.name))
    });
    out
}

/// A follow-up that is due.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct DueFollowUp {
    /// The follow-up.
    pub id: FollowUpId,
    /// About whom.
    pub person: PersonId,
    /// Their name.
    pub name: String,
    /// What to do.
    pub text: String,
    /// When it is due.
    pub due_on: Date,
    /// Days past due (0 on the day).
    pub days_overdue: i64,
}

/// Thanks the user owes, with the giver's name.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct PendingThanks {
    /// The favour and how long it has waited.
    #[serde(flatten)]
    pub owed: crate::gratitude::ThanksOwed,
    /// The giver's name.
    pub name: String,
}

/// An introduction waiting for an answer or an outcome.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct WaitingIntroduction {
    /// The introduction.
    pub id: crate::id::IntroductionId,
    /// A's name.
    pub a_name: String,
    /// B's name.
    pub b_name: String,
    /// Where it stands.
    pub status: crate::introduction::IntroStatus,
    /// Days since it reached that step.
    pub days_waiting: i64,
}

/// One thing on the day's agenda.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(tag = "type", rename_all = "snake_case")]
pub enum AgendaItem {
    /// Someone is due a check-in.
    CheckIn(DueCheckin),
    /// A birthday, anniversary or other date is coming.
    Date(UpcomingDate),
    /// A life event deserves congratulations or support.
    LifeEvent(PendingLifeEvent),
    /// A follow-up is due.
    FollowUp(DueFollowUp),
    /// Someone helped and has not been thanked for more than
    /// [`THANKS_GRACE_DAYS`](crate::gratitude::THANKS_GRACE_DAYS) days.
    ThanksOwed(PendingThanks),
    /// An introduction has waited for an answer or an outcome for more than five days.
    Introduction(WaitingIntroduction),
    /// Someone met at an event, to follow up with within
    /// [`FOLLOW_UP_HOURS`](crate::event::FOLLOW_UP_HOURS) hours of it.
    EventFollowUp(crate::event::EventFollowUp),
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;
    use crate::dates::YearlyDay;
    use crate::id::DateId;
    use uuid::Uuid;

    fn pid(n: u128) -> PersonId {
        PersonId(Uuid::from_u128(n))
    }

    fn day(s: &str) -> Date {
        s.parse().unwrap()
    }

    fn input(n: u128, own: Option<u32>, circle: Option<u32>, last: Option<&str>) -> CheckinInput {
        CheckinInput {
            facts: CadenceFacts {
                person: pid(n),
                name: format!("P{n}"),
                own_cadence: own.map(|d| Cadence::from_days(d).unwrap()),
                circle_cadence: circle.map(|d| Cadence::from_days(d).unwrap()),
                last_contact: last.map(|s| s.parse().unwrap()),
                snoozed_until: None,
            },
            roles: Vec::new(),
            strength: 50.0,
        }
    }

    #[test]
    fn no_cadence_means_no_reminder_and_no_history_means_due_now() {
        let today = day("2026-03-10");
        let due = due_checkins(
            &[input(1, None, None, None), input(2, Some(30), None, None)],
            today,
            &TimeZone::UTC,
        );
        assert_eq!(due.len(), 1);
        assert_eq!(due[0].person, pid(2));
        assert_eq!(due[0].due_on, today);
        assert_eq!(due[0].days_overdue, 0);
    }

    #[test]
    fn own_cadence_wins_over_the_circle() {
        let today = day("2026-03-10");
        // last contact 20 days ago: due under a 14-day circle cadence, not under own 30 days
        let p = input(1, Some(30), Some(14), Some("2026-02-18T12:00:00Z"));
        assert!(due_checkins(std::slice::from_ref(&p), today, &TimeZone::UTC).is_empty());
        let q = input(2, None, Some(14), Some("2026-02-18T12:00:00Z"));
        let due = due_checkins(&[q], today, &TimeZone::UTC);
        assert_eq!(due[0].cadence_source, CadenceSource::Circle);
        assert_eq!(due[0].due_on, day("2026-03-04"));
        assert_eq!(due[0].days_overdue, 6);
    }

    #[test]
    fn snooze_hides_until_its_day() {
        let today = day("2026-03-10");
        let mut p = input(1, Some(7), None, None);
        p.facts.snoozed_until = Some(day("2026-03-11"));
        assert!(due_checkins(std::slice::from_ref(&p), today, &TimeZone::UTC).is_empty());
        p.facts.snoozed_until = Some(today);
        assert_eq!(due_checkins(&[p], today, &TimeZone::UTC).len(), 1);
    }

    #[test]
    fn the_last_contact_day_is_read_in_the_users_zone() {
        // 23:30 UTC on 28 Feb is already 1 March in Berlin
        let p = input(1, Some(7), None, Some("2026-02-28T23:30:00Z"));
        let berlin = TimeZone::get("Europe/Berlin").unwrap();
        assert!(due_checkins(std::slice::from_ref(&p), day("2026-03-07"), &berlin).is_empty());
        assert_eq!(
            due_checkins(std::slice::from_ref(&p), day("2026-03-08"), &berlin).len(),
            1
        );
        assert_eq!(
            due_checkins(std::slice::from_ref(&p), day("2026-03-07"), &TimeZone::UTC).len(),
            1
        );
    }

    #[test]
    fn priority_grows_with_overdue_strength_and_role() {
        let c = Cadence::from_days(30).unwrap();
        assert!(checkin_priority(30, c, 50.0, &[]) > checkin_priority(0, c, 50.0, &[]));
        assert!(checkin_priority(10, c, 90.0, &[]) > checkin_priority(10, c, 10.0, &[]));
        assert!(
            checkin_priority(10, c, 50.0, &[Role::Mentor])
                > checkin_priority(10, c, 50.0, &[Role::Peer])
        );
        assert!((checkin_priority(30, c, 0.0, &[]) - 1.0).abs() < 1e-12);
    }

    fn date(n: u128, kind: DateKind, s: &str) -> (ImportantDate, String) {
        (
            ImportantDate {
                id: DateId(Uuid::from_u128(n)),
                person: pid(n),
                kind,
                day: YearlyDay::parse(s).unwrap(),
            },
            format!("P{n}"),
        )
    }

    #[test]
    fn upcoming_dates_wrap_the_year_and_count_years() {
        let dates = [
            date(1, DateKind::Birthday, "1990-01-02"),
            date(2, DateKind::Anniversary, "12-31"),
        ];
        let up = upcoming_dates(&dates, day("2026-12-30"), 7);
        assert_eq!(up.len(), 2);
        assert_eq!(
            (up[0].on, up[0].in_days, up[0].years),
            (day("2026-12-31"), 1, None)
        );
        assert_eq!(
            (up[1].on, up[1].in_days, up[1].years),
            (day("2027-01-02"), 3, Some(37))
        );
        assert!(upcoming_dates(&dates, day("2026-06-01"), 7).is_empty());
    }

    #[test]
    fn leap_day_birthdays_show_on_28_february_in_common_years() {
        let dates = [date(1, DateKind::Birthday, "2000-02-29")];
        let up = upcoming_dates(&dates, day("2027-02-25"), 7);
        assert_eq!(up[0].on, day("2027-02-28"));
        let up = upcoming_dates(&dates, day("2028-02-25"), 7);
        assert_eq!(up[0].on, day("2028-02-29"));
        assert_eq!(up[0].years, Some(28));
    }

    #[test]
    fn life_events_are_pending_until_contact_or_acknowledgement() {
        let ev = LifeEvent {
            id: LifeEventId(Uuid::from_u128(9)),
            person: pid(1),
            kind: LifeEventKind::Loss,
            on: day("2026-03-01"),
            note: None,
            acknowledged_at: None,
        };
        let today = day("2026-03-10");
        let before: Option<Timestamp> = Some("2026-02-27T10:00:00Z".parse().unwrap());
        let after: Option<Timestamp> = Some("2026-03-02T10:00:00Z".parse().unwrap());
        assert_eq!(
            pending_life_events(&[(ev.clone(), "A".into(), before)], today, &TimeZone::UTC).len(),
            1
        );
        assert!(
            pending_life_events(&[(ev.clone(), "A".into(), after)], today, &TimeZone::UTC)
                .is_empty()
        );
        let mut acked = ev.clone();
        acked.acknowledged_at = Some("2026-03-05T10:00:00Z".parse().unwrap());
        assert!(
            pending_life_events(&[(acked, "A".into(), None)], today, &TimeZone::UTC).is_empty()
        );
        let p = pending_life_events(&[(ev.clone(), "A".into(), None)], today, &TimeZone::UTC);
        assert_eq!(p[0].valence, Valence::Support);
        assert!(
            pending_life_events(&[(ev, "A".into(), None)], day("2026-07-01"), &TimeZone::UTC)
                .is_empty()
        );
    }
}
