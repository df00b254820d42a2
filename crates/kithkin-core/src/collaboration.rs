//! Collaborations: projects the user does with people.

use crate::id::{CollaborationId, PersonId};
use jiff::Timestamp;
use serde::{Deserialize, Serialize};

named_enum! {
    /// Where a collaboration stands.
    CollabStatus, "collaboration status", {
        /// An idea not yet started.
        Idea => "idea",
        /// Under way.
        Active => "active",
        /// Finished.
        Done => "done",
        /// Abandoned.
        Dropped => "dropped",
    }
}

/// A project with people.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Collaboration {
    /// Identity.
    pub id: CollaborationId,
    /// Name.
    pub name: String,
    /// Status.
    pub status: CollabStatus,
    /// Who is in it with the user.
    pub members: Vec<PersonId>,
    /// What came of it.
    pub outcome: Option<String>,
    /// Notes.
    pub note: Option<String>,
    /// When created.
    pub created_at: Timestamp,
    /// When the status last changed.
    pub updated_at: Timestamp,
}
