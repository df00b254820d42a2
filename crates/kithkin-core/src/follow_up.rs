//! Follow-ups: things the user promised themselves to do for someone, on a day.

use crate::id::{FollowUpId, PersonId};
use jiff::Timestamp;
use jiff::civil::Date;
use serde::{Deserialize, Serialize};

/// A reminder about one person.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct FollowUp {
    /// Identity.
    pub id: FollowUpId,
    /// About whom.
    pub person: PersonId,
    /// On which day it is due.
    pub due_on: Date,
    /// What to do.
    pub text: String,
    /// When done.
    pub done_at: Option<Timestamp>,
    /// When created.
    pub created_at: Timestamp,
}
