//! Facets: the dimensions the user describes their network by (industry, region, career
//! stage, background…). Values live on people; this is what the user says about a key.

use serde::{Deserialize, Serialize};

/// A facet key with the values the user wants more of (for diversity suggestions).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct FacetDefinition {
    /// Key (`industry`).
    pub key: String,
    /// Values the user wants represented in their network.
    pub wanted: Vec<String>,
}
