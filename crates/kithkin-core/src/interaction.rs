//! Interactions: the meetings, calls and messages through which relationships live. Every
//! interaction is the user's own, with one or more other participants.

use crate::error::{Problems, Validation, check_text};
use crate::id::{EventId, InteractionId, PersonId};
use jiff::Timestamp;
use serde::{Deserialize, Serialize};

named_enum! {
    /// The channel of an interaction; deeper channels build stronger ties.
    InteractionKind, "interaction kind", {
        /// Face to face.
        Meeting => "meeting",
        /// Voice call.
        Call => "call",
        /// Video call.
        Video => "video",
        /// Email.
        Email => "email",
        /// Chat or text message.
        Message => "message",
        /// A shared meal.
        Meal => "meal",
        /// Met at an event.
        Event => "event",
    }
}

named_enum! {
    /// Who reached out.
    Direction, "direction", {
        /// They reached out to the user.
        Inbound => "inbound",
        /// The user reached out.
        Outbound => "outbound",
        /// Both, or not recorded.
        Mutual => "mutual",
    }
}

/// The longest interaction accepted: a week, in minutes.
pub const MAX_MINUTES: u32 = 7 * 24 * 60;

/// One interaction.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Interaction {
    /// Identity.
    pub id: InteractionId,
    /// Channel.
    pub kind: InteractionKind,
    /// When it happened.
    pub occurred_at: Timestamp,
    /// How long it lasted.
    pub minutes: Option<u32>,
    /// Who reached out.
    pub direction: Direction,
    /// The other people present (never "me"); at least one.
    pub participants: Vec<PersonId>,
    /// What was said or agreed.
    pub note: Option<String>,
    /// The event it happened at, if any.
    pub event: Option<EventId>,
    /// Where it came from when imported (a Message-ID, an ICS UID), so re-imports add nothing.
    pub source_key: Option<String>,
}

impl Interaction {
    /// Checks participants, duration and note.
    pub fn validate(&self) -> Validation {
        let mut p = Problems::new();
        if self.participants.is_empty() {
            p.push("with", "", "an interaction needs at least one other person");
        }
        if let Some(m) = self.minutes
            && (m == 0 || m > MAX_MINUTES)
        {
            p.push(
                "minutes",
                &m.to_string(),
                format!("must be between 1 and {MAX_MINUTES}"),
            );
        }
        if let Some(n) = &self.note {
            p.check(check_text("note", n, crate::note::MAX_NOTE));
        }
        p.finish()
    }
}
