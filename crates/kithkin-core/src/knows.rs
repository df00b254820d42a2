//! "Knows" links: who among the user's contacts knows whom. They carry a strength in 0..1
//! and say where they came from.

use crate::error::ValidationError;
use crate::id::PersonId;
use serde::{Deserialize, Serialize};

named_enum! {
    /// Where a link came from.
    KnowsSource, "link source", {
        /// The user said so.
        Explicit => "explicit",
        /// Seen together in interactions or mail threads.
        Derived => "derived",
        /// Read from an imported file.
        Imported => "imported",
    }
}

/// An undirected link between two people; `a < b` always, so each pair is stored once.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
pub struct KnowsLink {
    /// The smaller id of the pair.
    pub a: PersonId,
    /// The larger id of the pair.
    pub b: PersonId,
    /// How well they know each other, 0 to 1.
    pub strength: f64,
    /// Where the link came from.
    pub source: KnowsSource,
}

impl KnowsLink {
    /// A link between two different people, ordered, with a strength in 0..=1.
    pub fn new(
        x: PersonId,
        y: PersonId,
        strength: f64,
        source: KnowsSource,
    ) -> Result<Self, ValidationError> {
        if x == y {
            return Err(ValidationError::new(
                "knows",
                x.to_string(),
                "a person cannot be linked to themselves",
            ));
        }
        if !(0.0..=1.0).contains(&strength) || strength.is_nan() {
            return Err(ValidationError::new(
                "strength",
                strength.to_string(),
                "must be between 0 and 1",
            ));
        }
        let (a, b) = if x < y { (x, y) } else { (y, x) };
        Ok(Self {
            a,
            b,
            strength,
            source,
        })
    }
}
