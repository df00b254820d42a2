//! Organisations: where people work, and who runs events.

use crate::id::OrganisationId;
use serde::{Deserialize, Serialize};

/// An organisation, unique by name without case or accents.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Organisation {
    /// Identity.
    pub id: OrganisationId,
    /// Name.
    pub name: String,
    /// Web domain, used to match mail addresses.
    pub domain: Option<String>,
}
