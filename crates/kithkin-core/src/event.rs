//! Events and the people met there: conferences, meetups, dinners.

use crate::error::{ValidationError, check_text};
use crate::id::{EventId, PersonId};
use crate::interaction::MAX_MINUTES;
use jiff::Timestamp;
use serde::{Deserialize, Serialize};

named_enum! {
    /// What sort of event it is.
    EventKind, "event kind", {
        /// A conference: talks, a hallway track, many people.
        Conference => "conference",
        /// A meetup: an evening of talks or discussion.
        Meetup => "meetup",
        /// A dinner.
        Dinner => "dinner",
        /// A workshop or training.
        Workshop => "workshop",
        /// Anything else.
        Other => "other",
    }
}

impl Default for EventKind {
    /// `other`: what events written before kinds existed are.
    fn default() -> Self {
        EventKind::Other
    }
}

impl EventKind {
    /// The time an event of this kind is assumed to take when its minutes are not recorded,
    /// for the time-invested report: a conference day 480, a workshop 180, a meetup, a
    /// dinner or anything else 120.
    pub fn default_minutes(self) -> u32 {
        match self {
            EventKind::Conference => 480,
            EventKind::Workshop => 180,
            EventKind::Meetup | EventKind::Dinner | EventKind::Other => 120,
        }
    }
}

/// An event the user attended or plans to attend.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Event {
    /// Identity.
    pub id: EventId,
    /// Name ("RustConf 2026").
    pub name: String,
    /// Conference, meetup, dinner, workshop or other (`other` when absent from JSON).
    #[serde(default)]
    pub kind: EventKind,
    /// When it starts.
    pub starts_at: Timestamp,
    /// When it ends.
    pub ends_at: Option<Timestamp>,
    /// The time the user spent there, in minutes, when recorded.
    #[serde(default)]
    pub minutes: Option<u32>,
    /// Where.
    pub location: Option<String>,
    /// The organisation that runs it, by name.
    pub organisation: Option<String>,
    /// Notes.
    pub note: Option<String>,
    /// Whether the user goes or went (false: skipped). An attended event whose start is
    /// still ahead is upcoming.
    pub attended: bool,
    /// People seen there.
    pub attendees: Vec<EventAttendee>,
}

/// A person at an event.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct EventAttendee {
    /// Who.
    pub person: PersonId,
    /// Whether the user met them there for the first time.
    pub met_there: bool,
}

impl Event {
    /// Checks the name, the minutes, and that it does not end before it starts.
    pub fn validate(&self) -> Result<(), ValidationError> {
        check_text("event", &self.name, 200)?;
        if let Some(m) = self.minutes
            && (m == 0 || m > MAX_MINUTES)
        {
            return Err(ValidationError::new(
                "minutes",
                m.to_string(),
                format!("must be between 1 and {MAX_MINUTES}"),
            ));
        }
        if let Some(end) = self.ends_at
            && end < self.starts_at
        {
            return Err(ValidationError::new(
                "ends",
                end.to_string(),
                "is before the event starts",
            ));
        }
        Ok(())
    }
}

impl Event {
    /// When it is over: its end, else its start plus its minutes, else its start.
    pub fn over_at(&self) -> Timestamp {
        if let Some(end) = self.ends_at {
            return end;
        }
        let minutes = i64::from(self.minutes.unwrap_or(0));
        self.starts_at
            .checked_add(jiff::SignedDuration::from_mins(minutes))
            .unwrap_or(self.starts_at)
    }

    /// The minutes the user spent there and whether that is an estimate: as recorded, else
    /// the kind's [`EventKind::default_minutes`] for each day it spans (a three-day
    /// conference without minutes counts three conference days).
    pub fn minutes_spent(&self) -> (u32, bool) {
        if let Some(m) = self.minutes {
            return (m, false);
        }
        let days = match self.ends_at {
            Some(end) if end > self.starts_at => {
                let secs = end.as_second() - self.starts_at.as_second();
                u32::try_from((secs + 86_399) / 86_400)
                    .unwrap_or(7)
                    .clamp(1, 7)
            }
            _ => 1,
        };
        (self.kind.default_minutes().saturating_mul(days), true)
    }
}

/// How long after an event is over the people met there stay on the agenda, in hours.
pub const FOLLOW_UP_HOURS: i64 = 48;

/// Someone met at an event, with what the agenda needs to decide whether to remind the user
/// to follow up (answered by the store in bulk).
#[derive(Debug, Clone, PartialEq)]
pub struct MetAtEvent {
    /// The event.
    pub event: EventId,
    /// Its name.
    pub event_name: String,
    /// When it started.
    pub starts_at: Timestamp,
    /// When it was over ([`Event::over_at`]).
    pub over_at: Timestamp,
    /// Who was met there.
    pub person: PersonId,
    /// Their name.
    pub name: String,
    /// When the user dismissed the follow-up (`kithkin event done`).
    pub followed_up_at: Option<Timestamp>,
    /// The latest interaction with them after the event started, other than those logged at
    /// the event itself.
    pub contact_since: Option<Timestamp>,
}

/// A reminder to follow up with someone met at an event, on the agenda from the event until
/// [`FOLLOW_UP_HOURS`] after it.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct EventFollowUp {
    /// The event.
    pub event: EventId,
    /// Its name.
    pub event_name: String,
    /// Who to follow up with.
    pub person: PersonId,
    /// Their name.
    pub name: String,
    /// When the event started.
    pub met_at: Timestamp,
    /// When the reminder leaves the agenda: [`FOLLOW_UP_HOURS`] after the event is over.
    pub due_by: Timestamp,
    /// Whole hours left until `due_by`, from the moment asked about (0 when under an hour).
    pub hours_left: i64,
}

/// Follow-ups with people met at events, for the span `[from, to]` the agenda covers: a
/// person shows when the event started by `to`, its [`FOLLOW_UP_HOURS`] after the event are
/// not over at `from`, the user has not dismissed it, and no interaction with them came after
/// the event started (interactions logged at the event itself do not count). Soonest
/// deadline first, then by name.
pub fn event_follow_ups(met: &[MetAtEvent], from: Timestamp, to: Timestamp) -> Vec<EventFollowUp> {
    let window = jiff::SignedDuration::from_hours(FOLLOW_UP_HOURS);
    let mut out: Vec<EventFollowUp> = met
        .iter()
        .filter(|m| m.followed_up_at.is_none() && m.contact_since.is_none())
        .filter(|m| m.starts_at <= to)
        .filter_map(|m| {
            let due_by = m.over_at.checked_add(window).ok()?;
            (due_by >= from).then(|| EventFollowUp {
                event: m.event,
                event_name: m.event_name.clone(),
                person: m.person,
                name: m.name.clone(),
                met_at: m.starts_at,
                due_by,
                hours_left: (due_by.as_second() - from.as_second()).max(0) / 3600,
            })
        })
        .collect();
    out.sort_by(|a, b| a.due_by.cmp(&b.due_by).then_with(|| a.name.cmp(&b.name)));
    out
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;
    use uuid::Uuid;

    fn ts(s: &str) -> Timestamp {
        s.parse().unwrap()
    }

    fn event(kind: EventKind, minutes: Option<u32>, start: &str, end: Option<&str>) -> Event {
        Event {
            id: EventId(Uuid::from_u128(1)),
            name: "RustConf".into(),
            kind,
            starts_at: ts(start),
            ends_at: end.map(ts),
            minutes,
            location: None,
            organisation: None,
            note: None,
            attended: true,
            attendees: Vec::new(),
        }
    }

    #[test]
    fn minutes_spent_prefers_the_record_then_estimates_per_day() {
        let e = event(EventKind::Meetup, Some(95), "2026-03-10T18:00:00Z", None);
        assert_eq!(e.minutes_spent(), (95, false));
        let e = event(EventKind::Meetup, None, "2026-03-10T18:00:00Z", None);
        assert_eq!(e.minutes_spent(), (120, true));
        let e = event(
            EventKind::Conference,
            None,
            "2026-03-10T09:00:00Z",
            Some("2026-03-12T17:00:00Z"),
        );
        assert_eq!(e.minutes_spent(), (3 * 480, true));
    }

    #[test]
    fn over_at_uses_end_then_minutes_then_start() {
        let e = event(EventKind::Dinner, Some(90), "2026-03-10T18:00:00Z", None);
        assert_eq!(e.over_at(), ts("2026-03-10T19:30:00Z"));
        let e = event(
            EventKind::Dinner,
            Some(90),
            "2026-03-10T18:00:00Z",
            Some("2026-03-10T23:00:00Z"),
        );
        assert_eq!(e.over_at(), ts("2026-03-10T23:00:00Z"));
        let e = event(EventKind::Dinner, None, "2026-03-10T18:00:00Z", None);
        assert_eq!(e.over_at(), ts("2026-03-10T18:00:00Z"));
    }

    #[test]
    fn validation_refuses_bad_minutes_and_backwards_ends() {
        assert!(
            event(EventKind::Other, Some(0), "2026-03-10T18:00:00Z", None)
                .validate()
                .is_err()
        );
        assert!(
            event(
                EventKind::Other,
                Some(MAX_MINUTES + 1),
                "2026-03-10T18:00:00Z",
                None
            )
            .validate()
            .is_err()
        );
        assert!(
            event(
                EventKind::Other,
                None,
                "2026-03-10T18:00:00Z",
                Some("2026-03-10T17:00:00Z")
            )
            .validate()
            .is_err()
        );
        assert!(
            event(EventKind::Other, Some(60), "2026-03-10T18:00:00Z", None)
                .validate()
                .is_ok()
        );
        assert_eq!(
            "Workshop".parse::<EventKind>().unwrap(),
            EventKind::Workshop
        );
        assert!("party".parse::<EventKind>().is_err());
        // events serialised before kinds and minutes existed still read
        let mut old = serde_json::to_value(event(
            EventKind::Meetup,
            Some(5),
            "2026-03-10T18:00:00Z",
            None,
        ))
        .unwrap();
        let obj = old.as_object_mut().unwrap();
        obj.remove("kind");
        obj.remove("minutes");
        let back: Event = serde_json::from_value(old).unwrap();
        assert_eq!((back.kind, back.minutes), (EventKind::Other, None));
    }

    fn met(person: u128, over: &str) -> MetAtEvent {
        MetAtEvent {
            event: EventId(Uuid::from_u128(1)),
            event_name: "RustConf".into(),
            starts_at: ts("2026-03-10T09:00:00Z"),
            over_at: ts(over),
            person: PersonId(Uuid::from_u128(person)),
            name: format!("P{person}"),
            followed_up_at: None,
            contact_since: None,
        }
    }

    #[test]
    fn follow_ups_last_48_hours_after_the_event() {
        let m = [met(1, "2026-03-10T18:00:00Z")];
        // before the event started: nothing yet
        assert!(
            event_follow_ups(&m, ts("2026-03-09T00:00:00Z"), ts("2026-03-09T23:59:59Z")).is_empty()
        );
        // the day of the event
        let f = event_follow_ups(&m, ts("2026-03-10T00:00:00Z"), ts("2026-03-10T23:59:59Z"));
        assert_eq!(f.len(), 1);
        assert_eq!(f[0].due_by, ts("2026-03-12T18:00:00Z"));
        assert_eq!(f[0].hours_left, 66);
        // 47 hours after: still there; 48 h and one second after: gone
        let f = event_follow_ups(&m, ts("2026-03-12T17:00:00Z"), ts("2026-03-12T23:59:59Z"));
        assert_eq!(f[0].hours_left, 1);
        assert!(
            event_follow_ups(&m, ts("2026-03-12T18:00:01Z"), ts("2026-03-12T23:59:59Z")).is_empty()
        );
        assert!(
            event_follow_ups(&m, ts("2026-03-13T00:00:00Z"), ts("2026-03-13T23:59:59Z")).is_empty()
        );
    }

    #[test]
    fn contact_or_dismissal_ends_a_follow_up() {
        let mut contacted = met(1, "2026-03-10T18:00:00Z");
        contacted.contact_since = Some(ts("2026-03-11T10:00:00Z"));
        let mut dismissed = met(2, "2026-03-10T18:00:00Z");
        dismissed.followed_up_at = Some(ts("2026-03-11T08:00:00Z"));
        let open = met(3, "2026-03-10T12:00:00Z");
        let later = met(4, "2026-03-10T18:00:00Z");
        let f = event_follow_ups(
            &[later, contacted, dismissed, open],
            ts("2026-03-11T00:00:00Z"),
            ts("2026-03-11T23:59:59Z"),
        );
        let names: Vec<&str> = f.iter().map(|x| x.name.as_str()).collect();
        assert_eq!(names, ["P3", "P4"], "soonest deadline first");
    }
}
