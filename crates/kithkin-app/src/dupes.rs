//! Duplicates: people who are probably one person (after imports from several sources), and
//! merging two people into one without losing anything.

use crate::App;
use crate::error::{AppError, Result};
use crate::import::linkedin_key;
use kithkin_core::PersonId;
use kithkin_core::dupes::{Candidate, find_duplicates};
use kithkin_core::person::PersonProfile;
use serde::Serialize;
use std::collections::HashMap;

/// A person in a duplicate pair.
#[derive(Debug, Clone, Serialize)]
pub struct Named {
    /// Who.
    pub id: PersonId,
    /// Name.
    pub name: String,
}

/// Two people who are probably one.
#[derive(Debug, Clone, Serialize)]
pub struct DuplicatePair {
    /// One.
    pub a: Named,
    /// The other.
    pub b: Named,
    /// 0–1.
    pub score: f64,
    /// Why, strongest first.
    pub reasons: Vec<String>,
}

/// What `merge` did.
#[derive(Debug, Clone, Serialize)]
pub struct MergeReport {
    /// The person kept.
    pub kept: Named,
    /// The person merged into them (now gone).
    pub merged: Named,
    /// Records moved, by kind (only kinds with something moved).
    pub moved: Vec<(String, u64)>,
    /// Profile values the kept person gained.
    pub profile_gained: Vec<String>,
}

impl App {
    /// Likely duplicates, best first (at most `limit`).
    pub async fn dupes(&self, limit: usize) -> Result<Vec<DuplicatePair>> {
        let me = self.store.me().await?;
        let entries = self.store.name_entries(None).await?;
        let mut index: HashMap<PersonId, usize> = HashMap::new();
        let mut people: Vec<Candidate> = Vec::with_capacity(entries.len());
        let mut names = Vec::with_capacity(entries.len());
        for e in entries.into_iter().filter(|e| Some(e.id) != me) {
            index.insert(e.id, people.len());
            people.push(Candidate {
                person: e.id,
                name_key: e.key,
                emails: Vec::new(),
                phones: Vec::new(),
                linkedin: Vec::new(),
            });
            names.push(e.name);
        }
        for (kind, key, person) in self.store.contact_keys().await? {
            let Some(&i) = index.get(&person) else {
                continue;
            };
            match kind.as_str() {
                "email" => people[i].emails.push(key),
                "phone" if key.len() >= 6 => people[i].phones.push(key),
                "url" => people[i].linkedin.extend(linkedin_key(&key)),
                _ => {}
            }
        }
        let named = |i: usize| Named {
            id: people[i].person,
            name: names[i].clone(),
        };
        Ok(find_duplicates(&people)
            .into_iter()
            .take(limit)
            .map(|d| DuplicatePair {
                a: named(d.a),
                b: named(d.b),
                score: d.score,
                reasons: d.reasons,
            })
            .collect())
    }

    /// Merges `drop` into `keep`: interactions, notes, favours, needs and offers, links,
    /// dates, life events, introductions, memberships, follow-ups and goals move onto `keep`,
    /// whose profile gains what `drop`'s had and it lacked; then `drop` is deleted.
    pub async fn merge(&self, keep: &str, drop: &str) -> Result<MergeReport> {
        let keep_id = self.resolve(keep).await?;
        let drop_id = self.resolve(drop).await?;
        if keep_id == drop_id {
            return Err(AppError::Conflict(format!(
                "{keep:?} and {drop:?} are the same person"
            )));
        }
        if self.store.me().await? == Some(drop_id) {
            return Err(AppError::Conflict(
                "you cannot merge yourself into someone else; merge them into you (`merge me NAME`)"
                    .into(),
            ));
        }
        let mut kept = self.person(keep_id).await?;
        let gone = self.person(drop_id).await?;
        let mut gained = merge_profiles(&mut kept.profile, &gone.profile);
        // saving the kept person rewrites their circles: include the merged one's
        for c in &gone.circles {
            if !kept.circles.contains(c) {
                kept.circles.push(c.clone());
                gained.push(format!("circle: {c}"));
            }
        }
        let moved = self.store.merge_people(keep_id, drop_id).await?;
        kept.updated_at = self.timestamp();
        self.store.update_person(&kept).await?;
        Ok(MergeReport {
            kept: Named {
                id: keep_id,
                name: kept.profile.name.clone(),
            },
            merged: Named {
                id: drop_id,
                name: gone.profile.name.clone(),
            },
            moved: moved
                .into_iter()
                .filter(|(_, n)| *n > 0)
                .map(|(what, n)| (what.to_owned(), n))
                .collect(),
            profile_gained: gained,
        })
    }
}

/// Adds to `keep` what `other` has and `keep` lacks (single fields only when empty, lists
/// without duplicates, facets for keys `keep` has no value of); returns what was added.
pub(crate) fn merge_profiles(keep: &mut PersonProfile, other: &PersonProfile) -> Vec<String> {
    let mut gained = Vec::new();
    let mut fill = |label: &str, slot: &mut Option<String>, value: &Option<String>| {
        if slot.is_none()
            && let Some(v) = value
        {
            *slot = Some(v.clone());
            gained.push(format!("{label}: {v}"));
        }
    };
    fill("nickname", &mut keep.nickname, &other.nickname);
    fill("organisation", &mut keep.organisation, &other.organisation);
    fill("title", &mut keep.title, &other.title);
    fill("met at", &mut keep.met_at, &other.met_at);
    fill("summary", &mut keep.summary, &other.summary);
    let lists: [(&str, &mut Vec<String>, &Vec<String>); 8] = [
        ("email", &mut keep.emails, &other.emails),
        ("phone", &mut keep.phones, &other.phones),
        ("url", &mut keep.urls, &other.urls),
        ("address", &mut keep.addresses, &other.addresses),
        ("tag", &mut keep.tags, &other.tags),
        ("interest", &mut keep.interests, &other.interests),
        ("expertise", &mut keep.expertise, &other.expertise),
        ("value", &mut keep.values, &other.values),
    ];
    for (label, mine, theirs) in lists {
        for v in theirs {
            if !mine.iter().any(|m| m.eq_ignore_ascii_case(v)) {
                mine.push(v.clone());
                gained.push(format!("{label}: {v}"));
            }
        }
    }
    for r in &other.roles {
        if !keep.roles.contains(r) {
            keep.roles.push(*r);
            gained.push(format!("role: {r}"));
        }
    }
    for (k, v) in &other.facets {
        if !keep.facets.contains_key(k) {
            keep.facets.insert(k.clone(), v.clone());
            gained.push(format!("facet: {k}={v}"));
        }
    }
    if keep.cadence.is_none()
        && let Some(c) = other.cadence
    {
        keep.cadence = Some(c);
        gained.push(format!("cadence: {} days", c.days()));
    }
    if keep.met_on.is_none()
        && let Some(d) = other.met_on
    {
        keep.met_on = Some(d);
        gained.push(format!("met on: {d}"));
    }
    if keep.introduced_by.is_none() && other.introduced_by.is_some() {
        keep.introduced_by = other.introduced_by;
        gained.push("introduced by".into());
    }
    gained
}
