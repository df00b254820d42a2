//! The store's side of imports: the identity index and source keys.

use crate::backend::{postgres, sqlite};
use crate::{Pool, Result, Store};
use kithkin_core::PersonId;

impl Store {
    /// Every contact key: (kind — email, phone, url, address —, normalised value, person),
    /// archived people included.
    pub async fn contact_keys(&self) -> Result<Vec<(String, String, PersonId)>> {
        on_backend!(self, import::contact_keys())
    }

    /// Every source key imports recorded: (source, key, person).
    pub async fn source_keys(&self) -> Result<Vec<(String, String, PersonId)>> {
        on_backend!(self, import::source_keys())
    }

    /// Records source keys; a key already recorded keeps the person it had.
    pub async fn add_source_keys(&self, keys: &[(String, String, PersonId)]) -> Result<()> {
        if keys.is_empty() {
            return Ok(());
        }
        on_backend!(self, import::add_source_keys(keys))
    }

    /// Moves every source key of one person to another; says how many moved.
    pub async fn move_source_keys(&self, from: PersonId, to: PersonId) -> Result<u64> {
        on_backend!(self, import::move_source_keys(from, to))
    }

    /// Moves everything recorded about `drop` onto `keep` and deletes `drop`, in one
    /// transaction; returns what moved. Contact details, labels and facets are not moved:
    /// save `keep`'s merged profile with [`Store::update_person`] after.
    pub async fn merge_people(
        &self,
        keep: PersonId,
        drop: PersonId,
    ) -> Result<Vec<(&'static str, u64)>> {
        on_backend!(self, merge::merge_people(keep, drop))
    }

    /// The source keys of imported interactions (Message-ID threads, ICS UIDs…) that start
    /// with `prefix`.
    pub async fn interaction_source_keys(&self, prefix: &str) -> Result<Vec<String>> {
        on_backend!(self, import::interaction_source_keys(prefix))
    }

    /// (person, kind) of every important date.
    pub async fn date_kinds(&self) -> Result<Vec<(PersonId, String)>> {
        on_backend!(self, import::date_kinds())
    }

    /// (person, body) of every note.
    pub async fn note_bodies(&self) -> Result<Vec<(PersonId, String)>> {
        on_backend!(self, import::note_bodies())
    }
}
