//! Introductions: the user connecting two people who should know each other, with the
//! consent of both (double opt-in).

use crate::id::{IntroductionId, PersonId};
use jiff::Timestamp;
use serde::{Deserialize, Serialize};

named_enum! {
    /// Where an introduction stands in the double-opt-in pipeline.
    IntroStatus, "introduction status", {
        /// Worth doing; nobody asked yet.
        Suggested => "suggested",
        /// The first person was asked.
        AskedA => "asked_a",
        /// The first agreed; the second was asked.
        AskedB => "asked_b",
        /// Both agreed and the user introduced them.
        Introduced => "introduced",
        /// An outcome was recorded.
        Closed => "closed",
        /// One of them said no.
        Declined => "declined",
    }
}

named_enum! {
    /// What came of an introduction.
    IntroOutcome, "outcome", {
        /// They met.
        Met => "met",
        /// They work together.
        Collaborating => "collaborating",
        /// One hired the other.
        Hired => "hired",
        /// Nothing was heard.
        NoResponse => "no_response",
        /// One declined.
        Declined => "declined",
    }
}

/// An introduction between two people, with the date of each step.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Introduction {
    /// Identity.
    pub id: IntroductionId,
    /// The person asked first.
    pub a: PersonId,
    /// The person asked second.
    pub b: PersonId,
    /// Why they should meet.
    pub reason: Option<String>,
    /// Current step.
    pub status: IntroStatus,
    /// When suggested or started.
    pub suggested_at: Timestamp,
    /// When A was asked.
    pub asked_a_at: Option<Timestamp>,
    /// When B was asked.
    pub asked_b_at: Option<Timestamp>,
    /// When they were introduced.
    pub introduced_at: Option<Timestamp>,
    /// What came of it.
    pub outcome: Option<IntroOutcome>,
    /// When the outcome was recorded.
    pub outcome_at: Option<Timestamp>,
    /// When someone declined.
    pub declined_at: Option<Timestamp>,
}
