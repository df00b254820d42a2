//! What the store's questions take and answer, beyond the core records themselves.

use jiff::Timestamp;
use jiff::civil::Date;
use kithkin_core::circle::Circle;
use kithkin_core::follow_up::FollowUp;
use kithkin_core::person::Role;
use kithkin_core::{NoteId, PersonId};
use serde::Serialize;

/// Which people `list_people` returns. Every given filter must hold (AND); within one kind,
/// several values mean any of them (a person tagged `rust` or `go`).
#[derive(Debug, Clone, Default)]
pub struct PeopleFilter {
    /// Has one of these tags.
    pub tags: Vec<String>,
    /// Is in one of these circles (by name, case-insensitive).
    pub circles: Vec<String>,
    /// Has each of these facet values (key, value).
    pub facets: Vec<(String, String)>,
    /// Holds one of these roles.
    pub roles: Vec<Role>,
    /// Include archived people.
    pub include_archived: bool,
    /// Include "me".
    pub include_me: bool,
    /// At most this many, by name.
    pub limit: Option<usize>,
}

/// One line of a people list.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct PersonSummary {
    /// Identity.
    pub id: PersonId,
    /// Name.
    pub name: String,
    /// Organisation name.
    pub organisation: Option<String>,
    /// Job title.
    pub title: Option<String>,
    /// Tags.
    pub tags: Vec<String>,
    /// Roles.
    pub roles: Vec<Role>,
    /// Whether archived.
    pub archived: bool,
}

/// Where a search matched.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(tag = "in", rename_all = "snake_case")]
pub enum Matched {
    /// The profile (name, organisation, tags, interests…).
    Profile,
    /// A note.
    Note {
        /// The note.
        note: NoteId,
        /// The start of the note's text.
        excerpt: String,
    },
}

/// A person found by a search, best first.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct SearchHit {
    /// Who.
    pub person: PersonId,
    /// Their name.
    pub name: String,
    /// The best-matching document.
    pub matched: Matched,
}

/// How many records of each kind the database holds.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct Counts {
    /// People (me included, archived included).
    pub people: i64,
    /// Archived people.
    pub archived: i64,
    /// Organisations.
    pub organisations: i64,
    /// Circles.
    pub circles: i64,
    /// Notes.
    pub notes: i64,
    /// Interactions.
    pub interactions: i64,
    /// Knows links.
    pub knows: i64,
    /// Important dates.
    pub dates: i64,
    /// Life events.
    pub life_events: i64,
    /// Needs and offers.
    pub help_items: i64,
    /// Favours.
    pub favours: i64,
    /// Introductions.
    pub introductions: i64,
    /// Events.
    pub events: i64,
    /// Collaborations.
    pub collaborations: i64,
    /// Goals.
    pub goals: i64,
    /// Follow-ups.
    pub follow_ups: i64,
}

/// What `forget_person` erased.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct Erasure {
    /// The person's name.
    pub name: String,
    /// Notes about them.
    pub notes: u64,
    /// Interactions that only involved them, deleted.
    pub interactions_deleted: u64,
    /// Group interactions they were removed from (the others keep them).
    pub interactions_left: u64,
    /// Important dates.
    pub dates: u64,
    /// Life events.
    pub life_events: u64,
    /// Needs and offers.
    pub help_items: u64,
    /// Favours given or received by them.
    pub favours: u64,
    /// Introductions involving them.
    pub introductions: u64,
    /// Knows links.
    pub knows: u64,
    /// Follow-ups.
    pub follow_ups: u64,
    /// Goals they held.
    pub goals: u64,
    /// Circle memberships, event attendances, collaboration and organisation memberships.
    pub memberships: u64,
    /// Contact details, labels and facets.
    pub profile_fields: u64,
}

/// A circle with its number of (non-archived) members.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct CircleSummary {
    /// The circle.
    pub circle: Circle,
    /// Members, archived people excluded.
    pub members: i64,
}

/// Interaction totals for one person, answered for everyone at once.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ContactStats {
    /// Who.
    pub person: PersonId,
    /// Number of interactions.
    pub interactions: i64,
    /// First interaction.
    pub first_at: Timestamp,
    /// Last interaction.
    pub last_at: Timestamp,
}

/// What the check-in rule needs from the store about one person with a cadence (the core
/// type, answered in bulk).
pub type CheckinRow = kithkin_core::agenda::CadenceFacts;

/// A person's identity and the dates strength needs.
#[derive(Debug, Clone, PartialEq)]
pub struct PersonBasics {
    /// Who.
    pub person: PersonId,
    /// Name.
    pub name: String,
    /// When the user met them.
    pub met_on: Option<Date>,
    /// When they were added.
    pub created_at: Timestamp,
}

/// A follow-up with the name of the person it is about.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct FollowUpView {
    /// The follow-up.
    #[serde(flatten)]
    pub follow_up: FollowUp,
    /// The person's name.
    pub name: String,
}
