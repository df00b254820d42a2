//! What the store answers about organisations and memberships (events and goals are core
//! records and travel as such).

use jiff::civil::Date;
use kithkin_core::PersonId;
use kithkin_core::organisation::Organisation;
use serde::Serialize;

/// A person's membership of an organisation.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Membership {
    /// The organisation.
    pub organisation: Organisation,
    /// Their role there (`member`, `board`, `volunteer`…).
    pub role: Option<String>,
    /// Since when.
    pub since: Option<Date>,
    /// Until when, once they left.
    pub until: Option<Date>,
}

/// An organisation with how many people the user knows there and its events.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct OrgSummary {
    /// The organisation.
    pub organisation: Organisation,
    /// People (not archived, not the user) who work there.
    pub people: i64,
    /// Events it runs.
    pub events: i64,
    /// The user's membership, current or past.
    pub membership: Option<Membership>,
}

/// Someone who works at an organisation.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct OrgPerson {
    /// Who.
    pub id: PersonId,
    /// Name.
    pub name: String,
    /// Job title.
    pub title: Option<String>,
}
