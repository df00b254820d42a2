//! Time invested in relationships: minutes per ISO week, by interaction kind, plus events.
//!
//! An interaction counts its recorded minutes once, however many people were in it. One
//! without minutes counts the documented default of its kind ([`default_minutes`]) and those
//! minutes are reported as estimated, so the user sees how much of a week is a guess.
//! Interactions logged at an event (`event_id` set, as `kithkin event met` logs them) count
//! nothing themselves: the time is the event's ([`Event::minutes_spent`]), counted in the week
//! it started.

use crate::event::Event;
use crate::interaction::{Interaction, InteractionKind};
use crate::period::{Period, local_day};
use jiff::tz::TimeZone;
use serde::Serialize;
use std::collections::BTreeMap;

/// Minutes assumed for an interaction whose length was not recorded: meeting 60, call 30,
/// video 45, email 5, message 5, meal 90, event 60.
pub fn default_minutes(kind: InteractionKind) -> u32 {
    match kind {
        InteractionKind::Meeting => 60,
        InteractionKind::Call => 30,
        InteractionKind::Video => 45,
        InteractionKind::Email => 5,
        InteractionKind::Message => 5,
        InteractionKind::Meal => 90,
        InteractionKind::Event => 60,
    }
}

/// The minutes of one week.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct WeekTime {
    /// The ISO week.
    pub week: Period,
    /// Minutes per interaction kind (kinds with none are left out).
    pub by_kind: BTreeMap<String, u32>,
    /// Minutes at events that started that week.
    pub events: u32,
    /// Everything: interactions and events.
    pub total: u32,
    /// The part of `total` that is estimated from defaults.
    pub estimated: u32,
    /// Interactions counted.
    pub interactions: u32,
    /// Events counted.
    pub event_count: u32,
}

/// Minutes per week for each of `weeks`, from the interactions and the events attended
/// (days read in `tz`). Interactions and events outside every week are ignored.
pub fn time_by_week(
    interactions: &[Interaction],
    events: &[Event],
    weeks: &[Period],
    tz: &TimeZone,
) -> Vec<WeekTime> {
    let mut out: Vec<WeekTime> = weeks
        .iter()
        .map(|w| WeekTime {
            week: w.clone(),
            by_kind: BTreeMap::new(),
            events: 0,
            total: 0,
            estimated: 0,
            interactions: 0,
            event_count: 0,
        })
        .collect();
    let slot = |out: &mut Vec<WeekTime>, t: jiff::Timestamp| -> Option<usize> {
        let day = local_day(t, tz);
        out.iter().position(|w| w.week.contains(day))
    };
    for i in interactions.iter().filter(|i| i.event.is_none()) {
        let Some(k) = slot(&mut out, i.occurred_at) else {
            continue;
        };
        let (minutes, estimated) = match i.minutes {
            Some(m) => (m, false),
            None => (default_minutes(i.kind), true),
        };
        let w = &mut out[k];
        *w.by_kind.entry(i.kind.as_str().to_owned()).or_default() += minutes;
        w.total += minutes;
        w.interactions += 1;
        if estimated {
            w.estimated += minutes;
        }
    }
    for e in events.iter().filter(|e| e.attended) {
        let Some(k) = slot(&mut out, e.starts_at) else {
            continue;
        };
        let (minutes, estimated) = e.minutes_spent();
        let w = &mut out[k];
        w.events += minutes;
        w.total += minutes;
        w.event_count += 1;
        if estimated {
            w.estimated += minutes;
        }
    }
    out
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;
    use crate::event::EventKind;
    use crate::goal::GoalPeriod;
    use crate::id::{EventId, InteractionId, PersonId};
    use crate::interaction::Direction;
    use uuid::Uuid;

    fn interaction(
        n: u128,
        kind: InteractionKind,
        at: &str,
        minutes: Option<u32>,
        event: Option<EventId>,
    ) -> Interaction {
        Interaction {
            id: InteractionId(Uuid::from_u128(n)),
            kind,
            occurred_at: at.parse().unwrap(),
            minutes,
            direction: Direction::Mutual,
            participants: vec![
                PersonId(Uuid::from_u128(100)),
                PersonId(Uuid::from_u128(101)),
            ],
            note: None,
            event,
            source_key: None,
        }
    }

    #[test]
    fn minutes_per_week_by_kind_with_estimates_and_events() {
        let this = Period::containing(GoalPeriod::Week, "2026-03-10".parse().unwrap()).unwrap();
        let weeks = this.back(2);
        let ev = Event {
            id: EventId(Uuid::from_u128(9)),
            name: "Meetup".into(),
            kind: EventKind::Meetup,
            starts_at: "2026-03-11T18:00:00Z".parse().unwrap(),
            ends_at: None,
            minutes: None,
            location: None,
            organisation: None,
            note: None,
            attended: true,
            attendees: Vec::new(),
        };
        let mut skipped = ev.clone();
        skipped.attended = false;
        let list = [
            interaction(
                1,
                InteractionKind::Call,
                "2026-03-09T10:00:00Z",
                Some(25),
                None,
            ),
            interaction(2, InteractionKind::Call, "2026-03-10T10:00:00Z", None, None),
            interaction(
                3,
                InteractionKind::Email,
                "2026-03-15T23:30:00Z",
                None,
                None,
            ),
            interaction(
                4,
                InteractionKind::Meal,
                "2026-03-03T12:00:00Z",
                Some(100),
                None,
            ),
            // logged at the event: the event's time covers it
            interaction(
                5,
                InteractionKind::Event,
                "2026-03-11T18:00:00Z",
                Some(50),
                Some(ev.id),
            ),
            // outside both weeks
            interaction(
                6,
                InteractionKind::Call,
                "2026-02-01T10:00:00Z",
                Some(30),
                None,
            ),
        ];
        let t = time_by_week(&list, &[ev, skipped], &weeks, &TimeZone::UTC);
        assert_eq!(t.len(), 2);
        let w = &t[0];
        assert_eq!(w.week.label, "2026-W11");
        assert_eq!(w.by_kind.get("call"), Some(&55));
        assert_eq!(w.by_kind.get("email"), Some(&5));
        assert_eq!(w.by_kind.get("event"), None);
        assert_eq!(w.events, 120, "a meetup without minutes counts 120");
        assert_eq!(w.total, 55 + 5 + 120);
        assert_eq!(w.estimated, 30 + 5 + 120);
        assert_eq!((w.interactions, w.event_count), (3, 1));
        assert_eq!(t[1].week.label, "2026-W10");
        assert_eq!((t[1].total, t[1].estimated), (100, 0));
        // the same email late on Sunday UTC is Monday in Berlin: next week there
        let berlin = TimeZone::get("Europe/Berlin").unwrap();
        let t = time_by_week(&list[2..3], &[], &weeks, &berlin);
        assert_eq!(t[0].total, 0);
    }
}
