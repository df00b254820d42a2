//! Diversity of one facet (industry, region, career stage…) over the people you know, and the
//! values that are missing or thin, so the user can see how varied their network is.
//!
//! Each person contributes one category value with a weight: 1 to count people, or the tie's
//! strength to weigh people by how close they are. With `p_k` the share of category `k` in the
//! total weight:
//!
//! - Blau's index `1 − Σ p_k²`: the chance two people drawn at random (by weight) differ;
//! - normalised Blau `Blau / (1 − 1/K)`: 1 when every category has the same share;
//! - Shannon entropy `H = −Σ p_k ln p_k` (natural log);
//! - evenness `H / ln K` (Pielou): 1 when every category has the same share;
//! - effective number of categories `e^H`: how many equally common categories would give
//!   the same entropy.
//!
//! `K` is the number of *observed* categories for [`diversity`], or the number of *possible*
//! categories (never fewer than observed) for [`diversity_with_possible`]; the result carries
//! the `k` it used. With `K < 2`, normalised Blau and evenness are 0 (not NaN): one category is
//! no spread at all.
//!
//! ```
//! use kithkin_core::diversity::diversity;
//! let people = [("tech", 1.0), ("tech", 1.0), ("health", 1.0), ("law", 1.0)];
//! let stats = diversity(people.iter().map(|&(v, w)| (v.to_owned(), w)));
//! assert_eq!(stats.observed, 3);
//! assert!((stats.blau - 0.625).abs() < 1e-12);
//! assert!((stats.effective_number - 2f64.powf(1.5)).abs() < 1e-12);
//! ```

use std::collections::{BTreeMap, BTreeSet, HashMap};

use serde::Serialize;

/// One category's part of a facet: how many people hold it, their weight and its share.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct CategoryShare {
    /// The category value, as first spelled (trimmed).
    pub value: String,
    /// People holding this value (counted once per input entry kept).
    pub people: usize,
    /// Total weight of those people (their count when weighing by count).
    pub weight: f64,
    /// `weight / total_weight`, in `(0, 1]`.
    pub share: f64,
}

/// How varied one facet is over a set of people: each category's share and the diversity
/// indices computed from those shares (see the [module docs](self) for the formulas).
///
/// With no usable input every number is 0 and `categories` is empty.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct DiversityStats {
    /// People counted (entries with a non-blank value and a positive, finite weight).
    pub people: usize,
    /// Sum of their weights.
    pub total_weight: f64,
    /// Categories by share, largest first, then by value.
    pub categories: Vec<CategoryShare>,
    /// Number of observed categories.
    pub observed: usize,
    /// The `K` used by normalised Blau and evenness: `observed`, or the number of possible
    /// categories when the caller gave it (never less than `observed`).
    pub k: usize,
    /// Blau's index `1 − Σ p²`, in `[0, 1 − 1/K]`.
    pub blau: f64,
    /// `blau / (1 − 1/K)`, in `[0, 1]`; 0 when `K < 2`.
    pub blau_normalised: f64,
    /// Shannon entropy `−Σ p ln p` (nats).
    pub shannon: f64,
    /// Pielou's evenness `H / ln K`, in `[0, 1]`; 0 when `K < 2`.
    pub evenness: f64,
    /// Effective number of categories `e^H`; 0 when there is no one at all.
    pub effective_number: f64,
    /// The largest share (0 when empty).
    pub largest_share: f64,
}

/// Diversity of one facet with `K` = the number of observed categories.
///
/// `values` holds one `(category value, weight)` per person: weight 1.0 to count people, the
/// tie strength to weigh them. Values are compared after trimming surrounding whitespace and
/// keep the first spelling seen; blank values and weights that are zero, negative, NaN or
/// infinite are skipped.
pub fn diversity(values: impl IntoIterator<Item = (String, f64)>) -> DiversityStats {
    compute(values, None)
}

/// Diversity of one facet with `K` = the number of possible categories, when the caller knows
/// how many values the facet can take (e.g. the 7 continents). If `possible` is smaller than
/// the number of observed categories, the observed number is used. Otherwise as
/// [`diversity`].
pub fn diversity_with_possible(
    values: impl IntoIterator<Item = (String, f64)>,
    possible: usize,
) -> DiversityStats {
    compute(values, Some(possible))
}

fn compute(
    values: impl IntoIterator<Item = (String, f64)>,
    possible: Option<usize>,
) -> DiversityStats {
    // Categories in first-seen order, so sums run in a deterministic order.
    let mut index: HashMap<String, usize> = HashMap::new();
    let mut cats: Vec<(String, usize, f64)> = Vec::new();
    for (value, weight) in values {
        if !(weight.is_finite() && weight > 0.0) {
            continue;
        }
        let value = value.trim();
        if value.is_empty() {
            continue;
        }
        match index.get(value) {
            Some(&i) => {
                cats[i].1 += 1;
                cats[i].2 += weight;
            }
            None => {
                index.insert(value.to_owned(), cats.len());
                cats.push((value.to_owned(), 1, weight));
            }
        }
    }
    let people = cats.iter().map(|c| c.1).sum();
    let total_weight: f64 = cats.iter().map(|c| c.2).sum();
    let observed = cats.len();
    let k = possible.map_or(observed, |p| p.max(observed));
    let mut categories: Vec<CategoryShare> = cats
        .into_iter()
        .map(|(value, people, weight)| CategoryShare {
            value,
            people,
            weight,
            share: weight / total_weight,
        })
        .collect();
    categories.sort_by(|a, b| {
        b.share
            .total_cmp(&a.share)
            .then_with(|| a.value.cmp(&b.value))
    });
    if observed == 0 {
        return DiversityStats {
            people,
            total_weight: 0.0,
            categories,
            observed,
            k,
            blau: 0.0,
            blau_normalised: 0.0,
            shannon: 0.0,
            evenness: 0.0,
            effective_number: 0.0,
            largest_share: 0.0,
        };
    }
    let sum_sq: f64 = categories.iter().map(|c| c.share * c.share).sum();
    // Rounding can push a zero just below 0 (one category: shares sum to 1 ± ε).
    let blau = (1.0 - sum_sq).max(0.0);
    let shannon = categories
        .iter()
        .map(|c| -c.share * c.share.ln())
        .sum::<f64>()
        .max(0.0);
    let (blau_normalised, evenness) = if k >= 2 {
        let kf = k as f64;
        (blau / (1.0 - 1.0 / kf), shannon / kf.ln())
    } else {
        (0.0, 0.0)
    };
    let largest_share = categories.first().map_or(0.0, |c| c.share);
    DiversityStats {
        people,
        total_weight,
        categories,
        observed,
        k,
        blau,
        blau_normalised,
        shannon,
        evenness,
        effective_number: shannon.exp(),
        largest_share,
    }
}

/// Why a facet value is flagged as under-represented.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Reason {
    /// The user wants this value and its share among all contacts is below the even share
    /// `1/K` (K = observed categories plus wanted values not observed).
    Wanted,
    /// Some contacts hold this value, but none of the strong ties do.
    AbsentAmongStrongTies,
}

/// A facet value the network is thin in, with every reason it was flagged.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct UnderRepresented {
    /// The value (as spelled in `all`, or in `wanted` when no contact holds it).
    pub value: String,
    /// Its share among all contacts (0 when no contact holds it).
    pub share: f64,
    /// Why it was flagged, in [`Reason`] order; never empty.
    pub reasons: Vec<Reason>,
}

/// Facet values the network is thin in: wanted values below the even share, and values held by
/// some contacts but by none of the strong ties.
///
/// `all` is the facet over all contacts, `strong` over the strong ties only (computed the same
/// way, by count or by strength). A wanted value is flagged [`Reason::Wanted`] when its share in
/// `all` is below `1/K`, where `K` counts the categories observed in `all` plus the wanted
/// values no contact holds (those have share 0, so they are always flagged). A value observed
/// in `all` but not in `strong` is flagged [`Reason::AbsentAmongStrongTies`], unless `strong`
/// is empty (no strong ties: nothing to compare with). Wanted values are compared after
/// trimming; blank ones are ignored.
///
/// Sorted by share ascending (the thinnest first), then by value.
pub fn under_represented(
    all: &DiversityStats,
    strong: &DiversityStats,
    wanted: &[String],
) -> Vec<UnderRepresented> {
    let observed: HashMap<&str, f64> = all
        .categories
        .iter()
        .map(|c| (c.value.as_str(), c.share))
        .collect();
    let wanted: BTreeSet<&str> = wanted
        .iter()
        .map(|w| w.trim())
        .filter(|w| !w.is_empty())
        .collect();
    let missing = wanted.iter().filter(|w| !observed.contains_key(*w)).count();
    let k = all.observed + missing;
    let even = if k == 0 { 0.0 } else { 1.0 / k as f64 };

    let mut flagged: BTreeMap<&str, (f64, Vec<Reason>)> = BTreeMap::new();
    for &w in &wanted {
        let share = observed.get(w).copied().unwrap_or(0.0);
        if share < even {
            flagged
                .entry(w)
                .or_insert((share, Vec::new()))
                .1
                .push(Reason::Wanted);
        }
    }
    if strong.observed > 0 {
        let in_strong: BTreeSet<&str> =
            strong.categories.iter().map(|c| c.value.as_str()).collect();
        for c in &all.categories {
            if !in_strong.contains(c.value.as_str()) {
                flagged
                    .entry(c.value.as_str())
                    .or_insert((c.share, Vec::new()))
                    .1
                    .push(Reason::AbsentAmongStrongTies);
            }
        }
    }
    let mut out: Vec<UnderRepresented> = flagged
        .into_iter()
        .map(|(value, (share, mut reasons))| {
            reasons.sort_unstable();
            reasons.dedup();
            UnderRepresented {
                value: value.to_owned(),
                share,
                reasons,
            }
        })
        .collect();
    out.sort_by(|a, b| {
        a.share
            .total_cmp(&b.share)
            .then_with(|| a.value.cmp(&b.value))
    });
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn counted(values: &[&str]) -> DiversityStats {
        diversity(values.iter().map(|v| ((*v).to_owned(), 1.0)))
    }

    fn close(a: f64, b: f64) -> bool {
        (a - b).abs() < 1e-12
    }

    fn owned(values: &[&str]) -> Vec<String> {
        values.iter().map(|v| (*v).to_owned()).collect()
    }

    #[test]
    fn diversity_half_quarter_quarter() {
        let s = counted(&["tech", "law", "tech", "health"]);
        assert_eq!(s.people, 4);
        assert_eq!(s.total_weight, 4.0);
        assert_eq!((s.observed, s.k), (3, 3));
        let shares: Vec<(&str, usize, f64)> = s
            .categories
            .iter()
            .map(|c| (c.value.as_str(), c.people, c.share))
            .collect();
        assert_eq!(
            shares,
            vec![("tech", 2, 0.5), ("health", 1, 0.25), ("law", 1, 0.25)]
        );
        assert!(close(s.blau, 0.625));
        assert!(close(s.blau_normalised, 0.9375));
        let h = 1.5 * std::f64::consts::LN_2;
        assert!(close(s.shannon, h));
        assert!(close(s.evenness, h / 3f64.ln()));
        assert!(close(s.effective_number, 2f64.powf(1.5)));
        assert!(close(s.effective_number, 2.828_427_124_746_19));
        assert_eq!(s.largest_share, 0.5);
    }

    #[test]
    fn diversity_even_split_is_maximal() {
        let s = counted(&["a", "b", "c", "d"]);
        assert!(close(s.blau, 0.75));
        assert!(close(s.blau_normalised, 1.0));
        assert!(close(s.evenness, 1.0));
        assert!(close(s.effective_number, 4.0));
    }

    #[test]
    fn diversity_single_category() {
        let s = counted(&["tech", " tech ", "tech"]);
        assert_eq!((s.people, s.observed, s.k), (3, 1, 1));
        assert_eq!(s.categories.len(), 1);
        assert_eq!(s.categories[0].value, "tech");
        assert_eq!(s.blau, 0.0);
        assert_eq!(s.blau_normalised, 0.0);
        assert_eq!(s.shannon, 0.0);
        assert_eq!(s.evenness, 0.0);
        assert_eq!(s.effective_number, 1.0);
        assert_eq!(s.largest_share, 1.0);
    }

    #[test]
    fn diversity_empty_and_unusable_input() {
        let empty = diversity(Vec::new());
        let zero = diversity(vec![
            ("tech".to_owned(), 0.0),
            ("law".to_owned(), -1.0),
            ("law".to_owned(), f64::NAN),
            ("law".to_owned(), f64::INFINITY),
            ("   ".to_owned(), 1.0),
        ]);
        for s in [empty, zero] {
            assert_eq!(s.people, 0);
            assert_eq!(s.total_weight, 0.0);
            assert!(s.categories.is_empty());
            assert_eq!((s.observed, s.k), (0, 0));
            for x in [
                s.blau,
                s.blau_normalised,
                s.shannon,
                s.evenness,
                s.effective_number,
                s.largest_share,
            ] {
                assert_eq!(x, 0.0);
            }
        }
        let possible = diversity_with_possible(Vec::new(), 5);
        assert_eq!((possible.observed, possible.k), (0, 5));
        assert_eq!(possible.evenness, 0.0);
    }

    #[test]
    fn diversity_weighted_by_strength() {
        // Shares 0.5, 0.25, 0.25 by weight although the counts are 1, 2, 1.
        let s = diversity(vec![
            ("  Tech".to_owned(), 2.0),
            ("law".to_owned(), 0.5),
            ("law".to_owned(), 0.5),
            ("Tech ".to_owned(), 0.0),
            ("health".to_owned(), 1.0),
        ]);
        assert_eq!(s.people, 4);
        assert_eq!(s.total_weight, 4.0);
        let got: Vec<(&str, usize, f64, f64)> = s
            .categories
            .iter()
            .map(|c| (c.value.as_str(), c.people, c.weight, c.share))
            .collect();
        assert_eq!(
            got,
            vec![
                ("Tech", 1, 2.0, 0.5),
                ("health", 1, 1.0, 0.25),
                ("law", 2, 1.0, 0.25)
            ]
        );
        assert!(close(s.blau, 0.625));
        assert!(close(s.shannon, 1.5 * std::f64::consts::LN_2));
    }

    #[test]
    fn diversity_first_spelling_kept() {
        let s = counted(&[" Law firm", "Law firm  ", "Law firm"]);
        assert_eq!(s.categories[0].value, "Law firm");
        assert_eq!(s.categories[0].people, 3);
    }

    #[test]
    fn diversity_with_possible_categories() {
        let values = || {
            ["tech", "law", "tech", "health"]
                .into_iter()
                .map(|v| (v.to_owned(), 1.0))
        };
        let s = diversity_with_possible(values(), 4);
        assert_eq!((s.observed, s.k), (3, 4));
        assert!(close(s.blau, 0.625));
        assert!(close(s.blau_normalised, 0.625 / 0.75));
        assert!(close(s.evenness, 1.5 * std::f64::consts::LN_2 / 4f64.ln()));
        // Fewer possible than observed: the observed count wins.
        let s = diversity_with_possible(values(), 2);
        assert_eq!(s.k, 3);
        assert!(close(s.blau_normalised, 0.9375));
        // One observed of many possible: still no spread, but no longer undefined.
        let one = diversity_with_possible([("tech".to_owned(), 1.0)], 3);
        assert_eq!((one.observed, one.k), (1, 3));
        assert_eq!((one.blau_normalised, one.evenness), (0.0, 0.0));
    }

    #[test]
    fn diversity_serialises() {
        let s = counted(&["a", "b"]);
        let json = serde_json::to_value(&s).unwrap_or_default();
        assert_eq!(json["observed"], 2);
        assert_eq!(json["categories"][0]["value"], "a");
        let r = serde_json::to_value(Reason::AbsentAmongStrongTies).unwrap_or_default();
        assert_eq!(r, "absent_among_strong_ties");
    }

    #[test]
    fn under_represented_wanted_and_strong_ties() {
        // All: tech 1/2, health 1/4, law 1/4. Strong: tech and health only.
        let all = counted(&["tech", "tech", "health", "law"]);
        let strong = counted(&["tech", "health"]);
        // K = 3 observed + "arts" (wanted, absent) = 4, even share 1/4: "law" at exactly 1/4
        // is not below it.
        let got = under_represented(&all, &strong, &owned(&["arts", " law", "tech", ""]));
        assert_eq!(
            got,
            vec![
                UnderRepresented {
                    value: "arts".into(),
                    share: 0.0,
                    reasons: vec![Reason::Wanted],
                },
                UnderRepresented {
                    value: "law".into(),
                    share: 0.25,
                    reasons: vec![Reason::AbsentAmongStrongTies],
                },
            ]
        );
        // Without "arts", K = 3 and "law" (1/4 < 1/3) is wanted and missing from strong ties.
        let got = under_represented(&all, &strong, &owned(&["law", "law"]));
        assert_eq!(got.len(), 1);
        assert_eq!(got[0].value, "law");
        assert_eq!(
            got[0].reasons,
            vec![Reason::Wanted, Reason::AbsentAmongStrongTies]
        );
    }

    #[test]
    fn under_represented_edge_cases() {
        let all = counted(&["tech", "law"]);
        let empty = counted(&[]);
        // No strong ties at all: nothing to compare with.
        assert!(under_represented(&all, &empty, &[]).is_empty());
        // Nothing observed: every wanted value has share 0 < 1/K.
        let got = under_represented(&empty, &empty, &owned(&["b", "a"]));
        let values: Vec<&str> = got.iter().map(|u| u.value.as_str()).collect();
        assert_eq!(values, vec!["a", "b"]);
        assert!(got.iter().all(|u| u.reasons == vec![Reason::Wanted]));
        assert!(under_represented(&empty, &empty, &[]).is_empty());
        // Same share: ordered by value.
        let strong = counted(&["other"]);
        let got = under_represented(&all, &strong, &[]);
        let values: Vec<&str> = got.iter().map(|u| u.value.as_str()).collect();
        assert_eq!(values, vec!["law", "tech"]);
    }
}
