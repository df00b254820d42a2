//! Notes: timestamped, searchable things the user wants to remember about a person.

use crate::error::{ValidationError, check_text};
use crate::id::{NoteId, PersonId};
use jiff::Timestamp;
use serde::{Deserialize, Serialize};

/// Longest accepted note, in characters.
pub const MAX_NOTE: usize = 100_000;

/// A note about one person.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Note {
    /// Identity.
    pub id: NoteId,
    /// Whom it is about.
    pub person: PersonId,
    /// The text.
    pub body: String,
    /// When it was written.
    pub created_at: Timestamp,
}

impl Note {
    /// Checks the body.
    pub fn validate(&self) -> Result<(), ValidationError> {
        check_text("note", &self.body, MAX_NOTE)
    }
}
