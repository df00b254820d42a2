//! Give and take: what people need, what they offer, and the favours that pass between them.

use crate::error::{Problems, Validation, ValidationError, check_text};
use crate::id::{FavourId, HelpItemId, InteractionId, PersonId};
use jiff::Timestamp;
use serde::{Deserialize, Serialize};

named_enum! {
    /// A need (something they are looking for) or an offer (something they can help with).
    HelpKind, "help kind", {
        /// Looking for.
        Need => "need",
        /// Can help with.
        Offer => "offer",
    }
}

named_enum! {
    /// Whether a need or offer still stands.
    HelpStatus, "status", {
        /// Still wanted or available.
        Open => "open",
        /// Met.
        Fulfilled => "fulfilled",
        /// No longer relevant.
        Withdrawn => "withdrawn",
    }
}

/// A need or an offer of one person (the user included).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct HelpItem {
    /// Identity.
    pub id: HelpItemId,
    /// Whose.
    pub person: PersonId,
    /// Need or offer.
    pub kind: HelpKind,
    /// In their words ("a Rust mentor", "intros to climate VCs").
    pub text: String,
    /// Labels that help matching.
    pub tags: Vec<String>,
    /// Open, fulfilled or withdrawn.
    pub status: HelpStatus,
    /// When recorded.
    pub created_at: Timestamp,
    /// When fulfilled or withdrawn.
    pub closed_at: Option<Timestamp>,
}

impl HelpItem {
    /// Checks text and tags.
    pub fn validate(&self) -> Validation {
        let mut p = Problems::new();
        p.check(check_text(self.kind.as_str(), &self.text, 2000));
        for t in &self.tags {
            p.check(check_text("tag", t, 120));
        }
        p.finish()
    }
}

named_enum! {
    /// What kind of help a favour was.
    FavourKind, "favour kind", {
        /// Advice.
        Advice => "advice",
        /// An introduction.
        Introduction => "introduction",
        /// A referral (job, client).
        Referral => "referral",
        /// Feedback on work.
        Feedback => "feedback",
        /// A resource (document, tool, money).
        Resource => "resource",
        /// A public endorsement or recommendation.
        Endorsement => "endorsement",
        /// Time given.
        Time => "time",
        /// Anything else.
        Other => "other",
    }
}

/// A favour: help that went from one person to another. Either side may be the user.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Favour {
    /// Identity.
    pub id: FavourId,
    /// Who helped.
    pub giver: PersonId,
    /// Who was helped.
    pub receiver: PersonId,
    /// What kind of help.
    pub kind: FavourKind,
    /// What it was.
    pub text: String,
    /// How much it mattered, 1 (small) to 3 (large).
    pub weight: u8,
    /// When it happened.
    pub occurred_at: Timestamp,
    /// The need it answered.
    pub for_need: Option<HelpItemId>,
    /// When the receiver thanked the giver.
    pub thanked_at: Option<Timestamp>,
    /// The thank-you interaction.
    pub thanked_in: Option<InteractionId>,
}

impl Favour {
    /// Checks the text, the weight and that giver and receiver differ.
    pub fn validate(&self) -> Validation {
        let mut p = Problems::new();
        p.check(check_text("favour", &self.text, 2000));
        p.check(check_weight(self.weight));
        if self.giver == self.receiver {
            p.push(
                "favour",
                &self.text,
                "giver and receiver must be different people",
            );
        }
        p.finish()
    }
}

/// Weights run 1 to 3.
pub fn check_weight(weight: u8) -> Result<(), ValidationError> {
    if (1..=3).contains(&weight) {
        Ok(())
    } else {
        Err(ValidationError::new(
            "weight",
            weight.to_string(),
            "must be 1, 2 or 3",
        ))
    }
}
