//! Life events: what happens to people that deserves a word from the user — congratulations
//! for a new job, support after a loss.

use crate::id::{LifeEventId, PersonId};
use jiff::Timestamp;
use jiff::civil::Date;
use serde::{Deserialize, Serialize};

named_enum! {
    /// What happened.
    LifeEventKind, "life event kind", {
        /// Started a new job.
        NewJob => "new_job",
        /// Was promoted.
        Promotion => "promotion",
        /// Launched something.
        Launch => "launch",
        /// Won an award.
        Award => "award",
        /// Moved home or city.
        Move => "move",
        /// Married.
        Wedding => "wedding",
        /// Had a baby.
        Baby => "baby",
        /// Lost someone.
        Loss => "loss",
        /// Fell ill.
        Illness => "illness",
        /// Was laid off.
        Layoff => "layoff",
        /// Anything else.
        Other => "other",
    }
}

/// Whether an event calls for celebration or for support.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Valence {
    /// Congratulate.
    Celebrate,
    /// Offer support.
    Support,
}

impl LifeEventKind {
    /// Celebrate or support.
    pub fn valence(&self) -> Valence {
        match self {
            LifeEventKind::Loss | LifeEventKind::Illness | LifeEventKind::Layoff => {
                Valence::Support
            }
            _ => Valence::Celebrate,
        }
    }
}

/// Something that happened to a person.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct LifeEvent {
    /// Identity.
    pub id: LifeEventId,
    /// To whom.
    pub person: PersonId,
    /// What.
    pub kind: LifeEventKind,
    /// When.
    pub on: Date,
    /// Details.
    pub note: Option<String>,
    /// When the user acknowledged it explicitly.
    pub acknowledged_at: Option<Timestamp>,
}
