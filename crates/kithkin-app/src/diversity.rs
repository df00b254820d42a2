//! Facets and the diversity of my network: which values each facet takes and how evenly my
//! contacts spread over them, by count or weighted by tie strength, as of any day, with the
//! trend against 3 and 12 months earlier and the values my network is thin in.
//!
//! Facet values are the current ones (their history is not kept); "as of a day" counts the
//! people known by then (added, or first interacted with, before the end of that day) and
//! their tie strength as of that day.

use crate::App;
use crate::error::{AppError, Result};
use crate::keep_in_touch::end_of_day;
use crate::network::STRONG_TIE;
use jiff::civil::Date;
use jiff::{Timestamp, ToSpan};
use kithkin_core::diversity::{DiversityStats, UnderRepresented, diversity, under_represented};
use kithkin_core::{PersonId, ValidationError, text};
use kithkin_store::FacetCount;
use serde::Serialize;
use std::collections::{BTreeMap, HashMap, HashSet};

/// A facet key with its values, their counts, and the values I want.
#[derive(Debug, Clone, Serialize)]
pub struct FacetSummary {
    /// The key.
    pub key: String,
    /// People holding some value of it.
    pub people: u64,
    /// Each value with its number of people, most first.
    pub values: Vec<FacetValue>,
}

/// One value of a facet.
#[derive(Debug, Clone, Serialize)]
pub struct FacetValue {
    /// The value.
    pub value: String,
    /// People holding it.
    pub people: u64,
    /// I marked it as wanted in my network.
    pub wanted: bool,
}

/// The headline numbers of a facet at an earlier date, for the trend.
#[derive(Debug, Clone, Serialize)]
pub struct TrendPoint {
    /// How long before the report's date: 3 or 12 months.
    pub months_before: i64,
    /// The day.
    pub at: Date,
    /// People counted then.
    pub people: usize,
    /// Normalised Blau then.
    pub blau_normalised: f64,
    /// Effective number of categories then.
    pub effective_number: f64,
    /// Evenness then.
    pub evenness: f64,
}

/// The diversity of one facet.
#[derive(Debug, Clone, Serialize)]
pub struct FacetDiversity {
    /// The facet key.
    pub key: String,
    /// Over all contacts known at the date.
    pub stats: DiversityStats,
    /// Over the strong ties only.
    pub strong: DiversityStats,
    /// Contacts known at the date without a value for this facet (not counted above).
    pub without_value: usize,
    /// The same numbers 3 and 12 months earlier.
    pub trend: Vec<TrendPoint>,
    /// Values the network is thin in: wanted ones below an even share, and ones absent
    /// among strong ties.
    pub under_represented: Vec<UnderRepresented>,
}

/// `kithkin report diversity`.
#[derive(Debug, Clone, Serialize)]
pub struct DiversityReport {
    /// The day the report is computed as of.
    pub at: Date,
    /// People weighted by tie strength (else counted).
    pub weighted: bool,
    /// The strength (0–100) a strong tie starts at.
    pub strong_from: f64,
    /// Contacts known at the date.
    pub contacts: usize,
    /// One entry per facet, by key.
    pub facets: Vec<FacetDiversity>,
}

/// Who counts at one date, and how much.
struct Population {
    /// Weight per person known then (1, or strength when weighted; people with weight 0 are
    /// left out when weighted).
    weight: HashMap<PersonId, f64>,
    /// People known then with a strong tie.
    strong: HashSet<PersonId>,
    /// People known then.
    known: usize,
}

impl App {
    /// Every facet key in use with its values and counts, and the wanted values (also those
    /// no one holds yet).
    pub async fn facets(&self) -> Result<Vec<FacetSummary>> {
        let counts = self.store.facet_counts().await?;
        let wanted: HashSet<(String, String)> =
            self.store.wanted_facets().await?.into_iter().collect();
        let mut keys: BTreeMap<String, Vec<FacetValue>> = BTreeMap::new();
        for FacetCount { key, value, people } in counts {
            let is_wanted = wanted.contains(&(key.clone(), value.clone()));
            keys.entry(key).or_default().push(FacetValue {
                value,
                people,
                wanted: is_wanted,
            });
        }
        for (key, value) in wanted {
            let values = keys.entry(key).or_default();
            if !values.iter().any(|v| v.value == value) {
                values.push(FacetValue {
                    value,
                    people: 0,
                    wanted: true,
                });
            }
        }
        Ok(keys
            .into_iter()
            .map(|(key, mut values)| {
                values.sort_by(|a, b| b.people.cmp(&a.people).then(a.value.cmp(&b.value)));
                FacetSummary {
                    people: values.iter().map(|v| v.people).sum(),
                    key,
                    values,
                }
            })
            .collect())
    }

    /// Marks a facet value as wanted in my network (or, with `wanted` false, unmarks it);
    /// says whether anything changed. Keys and values are stored as facets are.
    pub async fn want_facet(&self, key: &str, value: &str, wanted: bool) -> Result<bool> {
        if key.contains('=') {
            return Err(
                ValidationError::new("facet", key, "a facet key cannot contain '='").into(),
            );
        }
        let spec = format!("{key}={value}");
        let (key, value) = kithkin_core::person::parse_facet(&spec)?;
        Ok(self.store.set_facet_wanted(&key, &value, wanted).await?)
    }

    /// The diversity report of one facet (or every facet), as of a day (default today).
    pub async fn diversity_report(
        &self,
        facet: Option<&str>,
        weighted: bool,
        at: Option<&str>,
    ) -> Result<DiversityReport> {
        let (day, until) = self.as_of(at)?;
        let keys: Vec<String> = match facet {
            Some(f) => {
                let key = text::label(f).replace(' ', "_");
                let counts = self.store.facet_counts().await?;
                if !counts.iter().any(|c| c.key == key) {
                    let known: Vec<String> = {
                        let mut k: Vec<String> = counts.into_iter().map(|c| c.key).collect();
                        k.dedup();
                        k
                    };
                    return Err(AppError::NotFound(format!(
                        "no one has a facet {key:?}; facets in use: {}",
                        if known.is_empty() {
                            "none (add one with `kithkin edit PERSON --facet KEY=VALUE`)".into()
                        } else {
                            known.join(", ")
                        }
                    )));
                }
                vec![key]
            }
            None => {
                let mut k: Vec<String> = self
                    .store
                    .facet_counts()
                    .await?
                    .into_iter()
                    .map(|c| c.key)
                    .collect();
                k.dedup();
                k
            }
        };
        let now = self.now();
        let mut dates = vec![(0, day, until)];
        for months in [3, 12] {
            let earlier = day
                .checked_sub(months.months())
                .map_err(|e| ValidationError::new("date", day.to_string(), e.to_string()))?;
            dates.push((months, earlier, end_of_day(earlier, &now)?));
        }
        let known_since = self.store.known_since().await?;
        let mut populations = Vec::with_capacity(dates.len());
        for &(_, _, end) in &dates {
            populations.push(self.population(&known_since, end, weighted).await?);
        }
        let wanted = self.store.wanted_facets().await?;
        let mut facets = Vec::with_capacity(keys.len());
        for key in keys {
            let values = self.store.active_facet_values(&key).await?;
            let stats_at = |pop: &Population, strong_only: bool| {
                diversity(values.iter().filter_map(|(p, v)| {
                    let w = *pop.weight.get(p)?;
                    (!strong_only || pop.strong.contains(p)).then(|| (v.clone(), w))
                }))
            };
            let current = &populations[0];
            let stats = stats_at(current, false);
            let strong = stats_at(current, true);
            let with_value = values
                .iter()
                .filter(|(p, _)| current.weight.contains_key(p))
                .count();
            let wanted_here: Vec<String> = wanted
                .iter()
                .filter(|(k, _)| *k == key)
                .map(|(_, v)| v.clone())
                .collect();
            let trend = dates[1..]
                .iter()
                .zip(&populations[1..])
                .map(|(&(months, at, _), pop)| {
                    let s = stats_at(pop, false);
                    TrendPoint {
                        months_before: months,
                        at,
                        people: s.people,
                        blau_normalised: s.blau_normalised,
                        effective_number: s.effective_number,
                        evenness: s.evenness,
                    }
                })
                .collect();
            facets.push(FacetDiversity {
                under_represented: under_represented(&stats, &strong, &wanted_here),
                without_value: current.known.saturating_sub(with_value),
                key,
                stats,
                strong,
                trend,
            });
        }
        Ok(DiversityReport {
            at: day,
            weighted,
            strong_from: STRONG_TIE,
            contacts: populations[0].known,
            facets,
        })
    }

    /// The people known at `end`, their weights and strong ties.
    async fn population(
        &self,
        known_since: &[(PersonId, Timestamp)],
        end: Timestamp,
        weighted: bool,
    ) -> Result<Population> {
        let strengths = self.strengths_of(None, end).await?;
        let mut weight = HashMap::new();
        let mut strong = HashSet::new();
        let mut known = 0;
        for &(p, since) in known_since {
            if since > end {
                continue;
            }
            let Some(s) = strengths.get(&p) else {
                continue; // me, or archived
            };
            known += 1;
            if s.score >= STRONG_TIE {
                strong.insert(p);
            }
            let w = if weighted { s.score / 100.0 } else { 1.0 };
            if w > 0.0 {
                weight.insert(p, w);
            }
        }
        Ok(Population {
            weight,
            strong,
            known,
        })
    }
}
