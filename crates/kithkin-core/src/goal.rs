//! Goals: intentions about the user's networking ("5 check-ins a week") and the goals of the
//! people they know ("raise a seed round").

use crate::id::{GoalId, PersonId};
use jiff::Timestamp;
use serde::{Deserialize, Serialize};

named_enum! {
    /// What a measurable goal counts.
    GoalMetric, "goal metric", {
        /// Interactions with people who were due.
        CheckIns => "check_ins",
        /// Any interactions.
        Interactions => "interactions",
        /// Introductions made.
        Introductions => "introductions",
        /// People met for the first time.
        NewPeople => "new_people",
        /// Favours given.
        FavoursGiven => "favours_given",
        /// Thank-yous sent.
        Thanks => "thanks",
        /// Not counted automatically (a person's own goal, in words).
        Freeform => "freeform",
    }
}

named_enum! {
    /// The period a goal's target applies to.
    GoalPeriod, "goal period", {
        /// Per ISO week.
        Week => "week",
        /// Per calendar month.
        Month => "month",
        /// Per calendar quarter.
        Quarter => "quarter",
        /// Per calendar year.
        Year => "year",
    }
}

/// A goal held by a person (the user's own, or a contact's).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Goal {
    /// Identity.
    pub id: GoalId,
    /// Whose goal.
    pub owner: PersonId,
    /// In words.
    pub title: String,
    /// What is counted.
    pub metric: GoalMetric,
    /// How many per period (0 for freeform goals).
    pub target: u32,
    /// The period.
    pub period: GoalPeriod,
    /// Only count people with this facet value (`industry=tech`); `!` before the value
    /// means "outside" (`industry=!tech`).
    pub facet_filter: Option<String>,
    /// When created.
    pub created_at: Timestamp,
    /// When achieved or abandoned.
    pub closed_at: Option<Timestamp>,
}
