//! Circles: named groups of people ("Climate founders", "Old team") with a default cadence.

use crate::cadence::Cadence;
use crate::error::{ValidationError, check_text};
use crate::id::CircleId;
use serde::{Deserialize, Serialize};

/// A named group of people.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Circle {
    /// Identity.
    pub id: CircleId,
    /// Unique name (compared without case).
    pub name: String,
    /// How often to be in touch with members who have no cadence of their own.
    pub cadence: Option<Cadence>,
}

impl Circle {
    /// Checks the name.
    pub fn validate(&self) -> Result<(), ValidationError> {
        check_text("circle", &self.name, 120)
    }
}
