//! The store's side of network insight: facets, wanted values, when people became known, and
//! links derived from shared interactions.

use crate::backend::{postgres, sqlite};
use crate::convert::instant;
use crate::{Pool, Result, Store};
use jiff::Timestamp;
use kithkin_core::PersonId;

/// A facet value and how many people (not archived) hold it.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct FacetCount {
    /// The key (`industry`).
    pub key: String,
    /// The value (`fintech`).
    pub value: String,
    /// How many people have it.
    pub people: u64,
}

impl Store {
    /// Every facet value in use, with its number of people, by key then value.
    pub async fn facet_counts(&self) -> Result<Vec<FacetCount>> {
        let rows = on_backend!(self, network::facet_counts())?;
        Ok(rows
            .into_iter()
            .map(|(key, value, n)| FacetCount {
                key,
                value,
                people: u64::try_from(n).unwrap_or(0),
            })
            .collect())
    }

    /// The value of one facet for everyone (not archived) who has it.
    pub async fn active_facet_values(&self, key: &str) -> Result<Vec<(PersonId, String)>> {
        on_backend!(self, network::facet_values(key))
    }

    /// The facet values the user wants represented, as (key, value).
    pub async fn wanted_facets(&self) -> Result<Vec<(String, String)>> {
        on_backend!(self, network::wanted_facets())
    }

    /// Marks (`wanted`) or unmarks a facet value as wanted; says whether it changed anything.
    pub async fn set_facet_wanted(&self, key: &str, value: &str, wanted: bool) -> Result<bool> {
        on_backend!(self, network::set_facet_wanted(key, value, wanted))
    }

    /// For everyone not archived, when they became part of the network: the earlier of when
    /// the database learned of them and their first interaction.
    pub async fn known_since(&self) -> Result<Vec<(PersonId, Timestamp)>> {
        let rows = on_backend!(self, network::known_since())?;
        rows.into_iter()
            .map(|(id, created, first)| {
                let earliest = first.map_or(created, |f| f.min(created));
                Ok((id, instant("people", "created_at", earliest)?))
            })
            .collect()
    }

    /// Pairs of people (smaller id first) who took part in the same interactions up to `at`,
    /// with how many.
    pub async fn shared_interactions(
        &self,
        at: Timestamp,
    ) -> Result<Vec<(PersonId, PersonId, u32)>> {
        let rows = on_backend!(self, network::shared_interactions(at))?;
        Ok(rows
            .into_iter()
            .map(|(a, b, n)| (a, b, u32::try_from(n).unwrap_or(u32::MAX)))
            .collect())
    }
}
