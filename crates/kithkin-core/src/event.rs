//! Events and the people met there: conferences, meetups, dinners.

use crate::error::{ValidationError, check_text};
use crate::id::{EventId, PersonId};
use jiff::Timestamp;
use serde::{Deserialize, Serialize};

/// An event the user attended or plans to attend.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Event {
    /// Identity.
    pub id: EventId,
    /// Name ("RustConf 2026").
    pub name: String,
    /// When it starts.
    pub starts_at: Timestamp,
    /// When it ends.
    pub ends_at: Option<Timestamp>,
    /// Where.
    pub location: Option<String>,
    /// The organisation that runs it, by name.
    pub organisation: Option<String>,
    /// Notes.
    pub note: Option<String>,
    /// Whether the user went (false while upcoming or skipped).
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
    /// Checks the name and that it does not end before it starts.
    pub fn validate(&self) -> Result<(), ValidationError> {
        check_text("event", &self.name, 200)?;
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
