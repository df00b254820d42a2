//! Opaque identifiers. Every record is named by a time-ordered UUID (version 7), which sorts by
//! creation time and travels between devices and databases without collisions.
//!
//! Core never makes an identifier from the clock or from randomness itself: callers pass a
//! [`uuid::Uuid`] (the app makes one with `Uuid::now_v7()`, the generator derives one from its
//! seed).

use serde::{Deserialize, Serialize};
use std::fmt;
use std::str::FromStr;
use uuid::Uuid;

macro_rules! define_id {
    ($(#[$doc:meta] $name:ident),* $(,)?) => {$(
        #[$doc]
        #[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
        #[serde(transparent)]
        pub struct $name(pub Uuid);

        impl $name {
            /// Wraps a UUID made by the caller.
            pub const fn from_uuid(uuid: Uuid) -> Self {
                Self(uuid)
            }

            /// The UUID inside.
            pub const fn uuid(&self) -> Uuid {
                self.0
            }
        }

        impl fmt::Display for $name {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                self.0.hyphenated().fmt(f)
            }
        }

        impl FromStr for $name {
            type Err = uuid::Error;
            fn from_str(s: &str) -> Result<Self, Self::Err> {
                Uuid::parse_str(s).map(Self)
            }
        }
    )*};
}

define_id! {
    /// Names a person (a contact, or "me").
    PersonId,
    /// Names a circle (a named group with a default cadence).
    CircleId,
    /// Names an organisation.
    OrganisationId,
    /// Names a note about a person.
    NoteId,
    /// Names an interaction (meeting, call, email thread, …).
    InteractionId,
    /// Names an important date (birthday, anniversary, …).
    DateId,
    /// Names a life event (new job, move, loss, …).
    LifeEventId,
    /// Names a need or an offer.
    HelpItemId,
    /// Names a favour in the reciprocity ledger.
    FavourId,
    /// Names an introduction between two people.
    IntroductionId,
    /// Names an event (conference, meetup, dinner).
    EventId,
    /// Names a collaboration (a project with people).
    CollaborationId,
    /// Names a personal goal.
    GoalId,
    /// Names a follow-up reminder.
    FollowUpId,
}
