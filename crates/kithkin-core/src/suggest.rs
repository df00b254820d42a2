//! Introduction suggestions between my contacts: who among the people I know should meet whom.
//!
//! A pair (a, b) of contacts is scored from five components, each in [0, 1]:
//!
//! | component    | meaning                                                              |
//! |--------------|----------------------------------------------------------------------|
//! | `complement` | `max(cos(needs_a, offers_b), cos(needs_b, offers_a))`: one can help the other |
//! | `interests`  | `cos(interests_a, interests_b)`, counted as 0 below [`SuggestWeights::min_interest`] |
//! | `structure`  | Adamic–Adar `aa = Σ_z 1/ln|Γ(z)|` over their common neighbours z in `knows` (me left out), normalised as `aa / (1 + aa)` |
//! | `bridging`   | 1 when both communities are known and differ (an introduction across groups) |
//! | `vouch`      | `min(vouch_a, vouch_b)`: I can vouch for an introduction only as well as I know the weaker side |
//!
//! and `score = w_c·complement + w_i·interests + w_s·structure + w_b·bridging + w_v·vouch`
//! ([`SuggestWeights`]), summed in that order.
//!
//! # Evidence is required
//!
//! Bridging and vouch say something about *any* pair, so they only rank pairs that have a
//! reason to meet. A pair is a candidate only with **evidence**: a need of one sharing a term
//! with an offer of the other (`complement > 0`), shared interests at or above
//! `min_interest`, or at least one common neighbour in `knows` (`aa > 0`). A pair without
//! evidence has score 0 and is never suggested, whatever its communities and vouches.
//!
//! Never suggested either: a contact with itself, a pair in `excluded`, and a pair joined by
//! an edge of `knows` (they already know each other, even if the caller left it out of
//! `excluded`).
//!
//! # Fast path and brute force
//!
//! [`suggest`] never looks at all N² pairs: candidates come only from inverted indexes over
//! the term vectors (offers probed with needs and needs with offers, interests with
//! interests — that index pruned with the All-Pairs prefix bound, since interests only count
//! from `min_interest`) and from enumerating two-hop pairs in `knows`, which is exactly the evidence
//! above. [`suggest_bruteforce`] tries every pair. Both score each pair with the same private
//! function (components, sums and explanation computed the same way, in the same order), so
//! their results are identical, bit for bit; the tests check it on random networks.
//!
//! ```
//! use std::collections::{HashMap, HashSet};
//! use kithkin_core::matcher::Vocabulary;
//! use kithkin_core::suggest::{suggest, Contact, SuggestInput, SuggestWeights};
//! use kithkin_core::PersonId;
//! let raw = |t: &[&str]| t.iter().map(|s| (s.to_string(), 1.0)).collect::<Vec<_>>();
//! let docs = [raw(&["rust"]), raw(&["rust", "mentor"])];
//! let vocab = Vocabulary::build(docs.iter().map(Vec::as_slice));
//! let contact = |needs: &[&str], offers: &[&str]| Contact {
//!     person: PersonId::from_uuid(uuid::Uuid::nil()),
//!     vouch: 0.8,
//!     needs: vocab.vector(&raw(needs)),
//!     offers: vocab.vector(&raw(offers)),
//!     interests: Default::default(),
//!     community: None,
//! };
//! let contacts = [contact(&["rust"], &[]), contact(&[], &["rust", "mentor"])];
//! let excluded = HashSet::new();
//! let input = SuggestInput { contacts: &contacts, vocab: &vocab, knows: &[], excluded: &excluded };
//! let found = suggest(&input, &SuggestWeights::default(), 3);
//! assert_eq!(found[0].len(), 1);
//! assert_eq!((found[0][0].a, found[0][0].b), (0, 1));
//! assert_eq!(found[0][0].shared, vec!["rust".to_string()]);
//! ```

use crate::id::PersonId;
use crate::matcher::{SHARED_TERMS, TermVector, Vocabulary};
use serde::Serialize;
use std::collections::{HashMap, HashSet};

/// One of my contacts, as the suggester sees it. Vectors are made against one
/// [`Vocabulary`] built over every needs, offers and interests document of the contacts.
#[derive(Debug, Clone)]
pub struct Contact {
    /// Who this is.
    pub person: PersonId,
    /// My tie strength to them, in [0, 1] (outside values are clamped, NaN counts as 0).
    pub vouch: f64,
    /// Their open needs.
    pub needs: TermVector,
    /// What they offer.
    pub offers: TermVector,
    /// Their interests.
    pub interests: TermVector,
    /// The community (cluster of my network) they belong to, if known.
    pub community: Option<u32>,
}

/// Everything [`suggest`] needs, as plain data.
#[derive(Debug, Clone, Copy)]
pub struct SuggestInput<'a> {
    /// My contacts; suggestions refer to them by index.
    pub contacts: &'a [Contact],
    /// The vocabulary the vectors were made with, for explanations.
    pub vocab: &'a Vocabulary,
    /// Undirected "knows each other" edges between contact indices, me excluded. Duplicates,
    /// self-loops and out-of-range indices are ignored.
    pub knows: &'a [(usize, usize)],
    /// Pairs `(i, j)`, `i < j`, never to suggest: already know each other, met in the same
    /// interaction, already introduced or declined. (A pair given as `(j, i)` is honoured too.)
    pub excluded: &'a HashSet<(usize, usize)>,
}

/// The weights of the score's components, and the interest floor.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct SuggestWeights {
    /// Weight of need↔offer complementarity (default 0.35).
    pub complement: f64,
    /// Weight of shared interests (default 0.2).
    pub interests: f64,
    /// Weight of the normalised Adamic–Adar structure score (default 0.2).
    pub structure: f64,
    /// Weight of bridging two different communities (default 0.1).
    pub bridging: f64,
    /// Weight of the weaker vouch (default 0.15).
    pub vouch: f64,
    /// Interest cosine below this counts as 0, and is no evidence (default 0.2).
    pub min_interest: f64,
}

impl Default for SuggestWeights {
    /// 0.35 complement, 0.2 interests, 0.2 structure, 0.1 bridging, 0.15 vouch (summing to
    /// 1, so a score is in [0, 1]); interests from a cosine of 0.2.
    fn default() -> Self {
        SuggestWeights {
            complement: 0.35,
            interests: 0.2,
            structure: 0.2,
            bridging: 0.1,
            vouch: 0.15,
            min_interest: 0.2,
        }
    }
}

/// A suggested introduction of contact `a` to contact `b`, with its components.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Suggestion {
    /// The contact the suggestion is listed under.
    pub a: usize,
    /// The partner to introduce them to.
    pub b: usize,
    /// The weighted sum of the components.
    pub score: f64,
    /// `max(cos(needs_a, offers_b), cos(needs_b, offers_a))`.
    pub complement: f64,
    /// The interest cosine as counted: 0 when below `min_interest`.
    pub interests: f64,
    /// Adamic–Adar over common neighbours (not normalised; the score uses `aa / (1 + aa)`).
    pub adamic_adar: f64,
    /// Both communities known and different.
    pub bridging: bool,
    /// `min(vouch_a, vouch_b)`, each clamped to [0, 1].
    pub vouch: f64,
    /// Explanation terms, at most [`SHARED_TERMS`]: those of the stronger need→offer direction
    /// first, then shared interests (when they count), largest contribution first, no
    /// duplicates. Tag terms start with `#`.
    pub shared: Vec<String>,
}

/// For each contact i, its best `k` partners (`a = i`), best first: score descending, then
/// partner index. Only pairs with evidence are considered (see the module docs); the work is
/// proportional to the candidate pairs found through the inverted indexes and the two-hop
/// enumeration, not to N².
pub fn suggest(input: &SuggestInput, weights: &SuggestWeights, k: usize) -> Vec<Vec<Suggestion>> {
    let ctx = Context::new(input);
    let n = input.contacts.len();
    let mut lists = TopLists::new(n, k);
    if k == 0 {
        return lists.finish(&ctx);
    }
    let needs = Index::build(input.contacts.iter().map(|c| &c.needs));
    let offers = Index::build(input.contacts.iter().map(|c| &c.offers));
    // Interests only count from a floor, so each vector's prefix that cannot reach it on its
    // own is left out of the index (All-Pairs, Bayardo et al. 2007): popular terms come first
    // in the vocabulary's order, and they are what would otherwise pair almost everyone.
    let interests = Index::build_suffixes(
        input.contacts.iter().map(|c| &c.interests),
        weights.min_interest,
    );
    let mut seen = vec![usize::MAX; n];
    let mut candidates: Vec<usize> = Vec::new();
    for i in 0..n {
        candidates.clear();
        let mut add = |j: usize| {
            if j > i && seen[j] != i {
                seen[j] = i;
                candidates.push(j);
            }
        };
        let c = &input.contacts[i];
        offers.each_sharing(&c.needs, &mut add);
        needs.each_sharing(&c.offers, &mut add);
        interests.each_sharing(&c.interests, &mut add);
        for &z in &ctx.adj[i] {
            for &j in &ctx.adj[z] {
                add(j);
            }
        }
        candidates.sort_unstable();
        for &j in &candidates {
            if let Some(p) = ctx.score_pair(i, j, weights) {
                lists.push(i, j, p);
            }
        }
    }
    lists.finish(&ctx)
}

/// Who a contact is to suggestions before their documents are read: identity, my tie strength
/// to them (0–1) and their community, if known.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct ContactBasics {
    /// Who.
    pub person: PersonId,
    /// My tie strength to them, 0–1.
    pub vouch: f64,
    /// Their community in my network.
    pub community: Option<u32>,
}

/// Builds the contacts and their shared vocabulary the one way every caller uses (the app,
/// the scale test, the benchmark): open needs are needs; open offers and expertise labels
/// are offers; interest labels are interests; duplicate terms are summed. Items, labels and
/// help of people not in `people` are ignored; closed needs and offers too.
pub fn build_contacts(
    people: &[ContactBasics],
    help: &[crate::exchange::HelpItem],
    expertise: &[(PersonId, String)],
    interests: &[(PersonId, String)],
) -> (Vec<Contact>, Vocabulary) {
    use crate::exchange::{HelpKind, HelpStatus};
    type Terms = Vec<(String, f64)>;
    let analyzer = crate::matcher::Analyzer::default();
    let index: HashMap<PersonId, usize> = people
        .iter()
        .enumerate()
        .map(|(i, p)| (p.person, i))
        .collect();
    let mut needs: Vec<Terms> = vec![Vec::new(); people.len()];
    let mut offers: Vec<Terms> = vec![Vec::new(); people.len()];
    let mut likes: Vec<Terms> = vec![Vec::new(); people.len()];
    for h in help.iter().filter(|h| h.status == HelpStatus::Open) {
        if let Some(&i) = index.get(&h.person) {
            let list = if h.kind == HelpKind::Need {
                &mut needs[i]
            } else {
                &mut offers[i]
            };
            list.extend(analyzer.help_item_terms(h));
        }
    }
    for (list, labels) in [(&mut offers, expertise), (&mut likes, interests)] {
        for (p, label) in labels {
            if let Some(&i) = index.get(p) {
                list[i].extend(analyzer.terms("", std::slice::from_ref(label)));
            }
        }
    }
    let merge = |v: &mut Terms| {
        v.sort_by(|a, b| a.0.cmp(&b.0));
        let mut out: Terms = Vec::with_capacity(v.len());
        for (t, w) in v.drain(..) {
            match out.last_mut() {
                Some(last) if last.0 == t => last.1 += w,
                _ => out.push((t, w)),
            }
        }
        *v = out;
    };
    needs
        .iter_mut()
        .chain(offers.iter_mut())
        .chain(likes.iter_mut())
        .for_each(merge);
    let vocab = Vocabulary::build(
        needs
            .iter()
            .chain(offers.iter())
            .chain(likes.iter())
            .map(Vec::as_slice),
    );
    let contacts = people
        .iter()
        .enumerate()
        .map(|(i, p)| Contact {
            person: p.person,
            vouch: p.vouch,
            needs: vocab.vector(&needs[i]),
            offers: vocab.vector(&offers[i]),
            interests: vocab.vector(&likes[i]),
            community: p.community,
        })
        .collect();
    (contacts, vocab)
}

/// The same as [`suggest`], trying every pair (O(N²)): for verification.
pub fn suggest_bruteforce(
    input: &SuggestInput,
    weights: &SuggestWeights,
    k: usize,
) -> Vec<Vec<Suggestion>> {
    let ctx = Context::new(input);
    let n = input.contacts.len();
    let mut lists = TopLists::new(n, k);
    if k == 0 {
        return lists.finish(&ctx);
    }
    for i in 0..n {
        for j in i + 1..n {
            if let Some(p) = ctx.score_pair(i, j, weights) {
                lists.push(i, j, p);
            }
        }
    }
    lists.finish(&ctx)
}

/// The components of one pair, before explanation.
#[derive(Debug, Clone, Copy)]
struct PairScore {
    score: f64,
    complement: f64,
    /// Which need→offer direction gave `complement`: true when b's needs against a's offers.
    reverse: bool,
    interests: f64,
    adamic_adar: f64,
    bridging: bool,
    vouch: f64,
}

/// The input with a sorted, de-duplicated adjacency.
struct Context<'a> {
    input: &'a SuggestInput<'a>,
    adj: Vec<Vec<usize>>,
}

impl<'a> Context<'a> {
    fn new(input: &'a SuggestInput<'a>) -> Self {
        let n = input.contacts.len();
        let mut adj = vec![Vec::new(); n];
        for &(x, y) in input.knows {
            if x != y && x < n && y < n {
                adj[x].push(y);
                adj[y].push(x);
            }
        }
        for list in &mut adj {
            list.sort_unstable();
            list.dedup();
        }
        Context { input, adj }
    }

    /// The one scoring function of both paths: `None` when the pair may not be suggested
    /// (same contact, excluded, already linked) or has no evidence.
    fn score_pair(&self, i: usize, j: usize, w: &SuggestWeights) -> Option<PairScore> {
        if i == j {
            return None;
        }
        let (i, j) = (i.min(j), i.max(j));
        if self.input.excluded.contains(&(i, j))
            || self.input.excluded.contains(&(j, i))
            || self.adj[i].binary_search(&j).is_ok()
        {
            return None;
        }
        let (a, b) = (&self.input.contacts[i], &self.input.contacts[j]);
        let forward = a.needs.cosine(&b.offers);
        let backward = b.needs.cosine(&a.offers);
        let reverse = backward > forward;
        let complement = if reverse { backward } else { forward };
        let raw_interest = a.interests.cosine(&b.interests);
        let interests = if raw_interest > 0.0 && raw_interest >= w.min_interest {
            raw_interest
        } else {
            0.0
        };
        let adamic_adar = self.adamic_adar(i, j);
        if !(complement > 0.0 || interests > 0.0 || adamic_adar > 0.0) {
            return None;
        }
        let bridging = matches!((a.community, b.community), (Some(x), Some(y)) if x != y);
        let vouch = clamp01(a.vouch).min(clamp01(b.vouch));
        let structure = adamic_adar / (1.0 + adamic_adar);
        let score = w.complement * complement
            + w.interests * interests
            + w.structure * structure
            + w.bridging * if bridging { 1.0 } else { 0.0 }
            + w.vouch * vouch;
        Some(PairScore {
            score,
            complement,
            reverse,
            interests,
            adamic_adar,
            bridging,
            vouch,
        })
    }

    /// `Σ 1/ln|Γ(z)|` over common neighbours z in increasing order (a merge of the sorted
    /// lists; every common neighbour has at least the two of them, so `|Γ(z)| > 1`).
    fn adamic_adar(&self, i: usize, j: usize) -> f64 {
        let (x, y) = (&self.adj[i], &self.adj[j]);
        let (mut p, mut q) = (0, 0);
        let mut sum = 0.0;
        while p < x.len() && q < y.len() {
            match x[p].cmp(&y[q]) {
                std::cmp::Ordering::Less => p += 1,
                std::cmp::Ordering::Greater => q += 1,
                std::cmp::Ordering::Equal => {
                    let degree = self.adj[x[p]].len();
                    if degree > 1 {
                        sum += 1.0 / (degree as f64).ln();
                    }
                    p += 1;
                    q += 1;
                }
            }
        }
        sum
    }

    /// The explanation terms of a kept pair (i < j).
    fn explain(&self, i: usize, j: usize, p: &PairScore) -> Vec<String> {
        let (a, b) = (&self.input.contacts[i], &self.input.contacts[j]);
        let vocab = self.input.vocab;
        let mut out: Vec<String> = Vec::new();
        if p.complement > 0.0 {
            let terms = if p.reverse {
                b.needs.shared_terms(&a.offers, vocab, SHARED_TERMS)
            } else {
                a.needs.shared_terms(&b.offers, vocab, SHARED_TERMS)
            };
            out.extend(terms.into_iter().map(|(t, _)| t));
        }
        if p.interests > 0.0 {
            for (t, _) in a.interests.shared_terms(&b.interests, vocab, SHARED_TERMS) {
                if out.len() >= SHARED_TERMS {
                    break;
                }
                if !out.contains(&t) {
                    out.push(t);
                }
            }
        }
        out.truncate(SHARED_TERMS);
        out
    }
}

fn clamp01(x: f64) -> f64 {
    if x.is_nan() { 0.0 } else { x.clamp(0.0, 1.0) }
}

/// The ordering of a contact's list: score descending, then partner index.
fn by_rank(x: &(usize, PairScore), y: &(usize, PairScore)) -> std::cmp::Ordering {
    y.1.score.total_cmp(&x.1.score).then(x.0.cmp(&y.0))
}

/// Per contact, the best `k` partners so far (kept to at most `2k` between compactions).
struct TopLists {
    k: usize,
    rows: Vec<Vec<(usize, PairScore)>>,
}

impl TopLists {
    fn new(n: usize, k: usize) -> Self {
        TopLists {
            k,
            rows: vec![Vec::new(); n],
        }
    }

    /// Lists pair (i, j) under both.
    fn push(&mut self, i: usize, j: usize, p: PairScore) {
        for (x, y) in [(i, j), (j, i)] {
            let row = &mut self.rows[x];
            row.push((y, p));
            if row.len() >= 2 * self.k.max(1) + 16 {
                row.sort_by(by_rank);
                row.truncate(self.k);
            }
        }
    }

    fn finish(self, ctx: &Context) -> Vec<Vec<Suggestion>> {
        self.rows
            .into_iter()
            .enumerate()
            .map(|(a, mut row)| {
                row.sort_by(by_rank);
                row.truncate(self.k);
                row.into_iter()
                    .map(|(b, p)| Suggestion {
                        a,
                        b,
                        score: p.score,
                        complement: p.complement,
                        interests: p.interests,
                        adamic_adar: p.adamic_adar,
                        bridging: p.bridging,
                        vouch: p.vouch,
                        shared: ctx.explain(a.min(b), a.max(b), &p),
                    })
                    .collect()
            })
            .collect()
    }
}

/// An inverted index: for each term, the contacts whose vector holds it (increasing).
struct Index {
    postings: Vec<Vec<usize>>,
}

impl Index {
    fn build<'v>(vectors: impl Iterator<Item = &'v TermVector>) -> Self {
        let mut postings: Vec<Vec<usize>> = Vec::new();
        for (j, v) in vectors.enumerate() {
            for &(t, _) in v.entries() {
                let t = t as usize;
                if postings.len() <= t {
                    postings.resize_with(t + 1, Vec::new);
                }
                postings[t].push(j);
            }
        }
        Index { postings }
    }

    /// Like [`Index::build`], but each vector is indexed only from the first term at which
    /// the L2 norm of the terms before it could reach `floor`. Any pair with a cosine of at
    /// least `floor` still shares an indexed term: if `‖x_prefix‖ < floor ≤ x·y` with
    /// `‖y‖ ≤ 1`, then `x_prefix·y < floor`, so `x_suffix·y > 0`. Terms are in the vocabulary's
    /// id order, most frequent first (see `matcher`). A floor of 0 or less indexes everything.
    fn build_suffixes<'v>(vectors: impl Iterator<Item = &'v TermVector>, floor: f64) -> Self {
        // a little below the floor, so rounding can only index more, never less
        let limit = if floor > 0.0 && floor.is_finite() {
            floor * floor * (1.0 - 1e-9)
        } else {
            0.0
        };
        let mut postings: Vec<Vec<usize>> = Vec::new();
        for (j, v) in vectors.enumerate() {
            let mut prefix = 0.0;
            let mut indexing = limit <= 0.0;
            for &(t, w) in v.entries() {
                if !indexing {
                    prefix += w * w;
                    if prefix < limit {
                        continue;
                    }
                    indexing = true;
                }
                let t = t as usize;
                if postings.len() <= t {
                    postings.resize_with(t + 1, Vec::new);
                }
                postings[t].push(j);
            }
        }
        Index { postings }
    }

    /// Calls `f(j)` for every indexed document sharing a term with `x` (with repeats).
    fn each_sharing(&self, x: &TermVector, f: &mut impl FnMut(usize)) {
        for &(t, _) in x.entries() {
            if let Some(list) = self.postings.get(t as usize) {
                for &j in list {
                    f(j);
                }
            }
        }
    }
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;
    use uuid::Uuid;

    fn raw(terms: &[&str]) -> Vec<(String, f64)> {
        terms.iter().map(|t| ((*t).to_owned(), 1.0)).collect()
    }

    /// (needs, offers, interests, vouch, community) per contact.
    type Spec<'s> = (
        &'s [&'s str],
        &'s [&'s str],
        &'s [&'s str],
        f64,
        Option<u32>,
    );

    fn build(specs: &[Spec]) -> (Vocabulary, Vec<Contact>) {
        let docs: Vec<Vec<(String, f64)>> = specs
            .iter()
            .flat_map(|s| [raw(s.0), raw(s.1), raw(s.2)])
            .collect();
        let vocab = Vocabulary::build(docs.iter().map(Vec::as_slice));
        let contacts = specs
            .iter()
            .enumerate()
            .map(|(i, s)| Contact {
                person: PersonId::from_uuid(Uuid::from_u128(i as u128 + 1)),
                vouch: s.3,
                needs: vocab.vector(&raw(s.0)),
                offers: vocab.vector(&raw(s.1)),
                interests: vocab.vector(&raw(s.2)),
                community: s.4,
            })
            .collect();
        (vocab, contacts)
    }

    fn run(
        contacts: &[Contact],
        vocab: &Vocabulary,
        knows: &[(usize, usize)],
        excluded: &HashSet<(usize, usize)>,
        k: usize,
    ) -> Vec<Vec<Suggestion>> {
        let input = SuggestInput {
            contacts,
            vocab,
            knows,
            excluded,
        };
        let w = SuggestWeights::default();
        let fast = suggest(&input, &w, k);
        let brute = suggest_bruteforce(&input, &w, k);
        assert_eq!(fast, brute);
        fast
    }

    fn find(lists: &[Vec<Suggestion>], a: usize, b: usize) -> Option<&Suggestion> {
        lists[a].iter().find(|s| s.b == b)
    }

    #[test]
    fn need_offer_both_directions() {
        let (vocab, contacts) = build(&[
            (&["rust"], &[], &[], 0.9, None),
            (&[], &["rust"], &[], 0.5, None),
            (&[], &["design"], &[], 0.7, None),
            (&["design"], &[], &[], 0.4, None),
        ]);
        let out = run(&contacts, &vocab, &[], &HashSet::new(), 5);
        let s01 = find(&out, 0, 1).unwrap();
        assert!((s01.complement - 1.0).abs() < 1e-12);
        assert_eq!(s01.shared, vec!["rust".to_owned()]);
        assert_eq!(s01.vouch, 0.5); // min
        let w = SuggestWeights::default();
        assert_eq!(s01.score, w.complement * s01.complement + w.vouch * 0.5);
        // Listed under both, with a = the owner of the list.
        let s10 = find(&out, 1, 0).unwrap();
        assert_eq!((s10.a, s10.b, s10.score), (1, 0, s01.score));
        // The need is on the higher index: found too.
        let s23 = find(&out, 2, 3).unwrap();
        assert!((s23.complement - 1.0).abs() < 1e-12);
        assert_eq!(s23.shared, vec!["design".to_owned()]);
        assert_eq!(s23.vouch, 0.4);
        // No evidence between the two groups.
        assert!(find(&out, 0, 2).is_none());
        assert_eq!(out[0].len(), 1);
    }

    #[test]
    fn interests_count_from_the_floor() {
        let (vocab, contacts) = build(&[
            (&[], &[], &["climate", "sail"], 0.6, None),
            (&[], &[], &["climate", "sail"], 0.8, None),
            (
                &[],
                &[],
                &["climate", "a", "b", "c", "d", "e", "f", "g"],
                0.8,
                None,
            ),
        ]);
        let out = run(&contacts, &vocab, &[], &HashSet::new(), 5);
        let s = find(&out, 0, 1).unwrap();
        assert!((s.interests - 1.0).abs() < 1e-12);
        assert_eq!(s.complement, 0.0);
        assert!(s.shared.contains(&"climate".to_owned()));
        // Contact 2 shares only a small part: below 0.2, so no evidence.
        let c = contacts[0].interests.cosine(&contacts[2].interests);
        assert!(c > 0.0 && c < 0.2, "{c}");
        assert!(find(&out, 0, 2).is_none());
        assert!(out[2].is_empty());
    }

    #[test]
    fn adamic_adar_by_hand() {
        let none: Spec = (&[], &[], &[], 1.0, None);
        let (vocab, contacts) = build(&[none, none, none, none, none]);
        // Γ(2) = {0, 1, 4}, Γ(3) = {0, 1}; 0 and 1 share 2 and 3.
        let knows = [(0, 2), (1, 2), (2, 4), (0, 3), (3, 1), (3, 0)];
        let out = run(&contacts, &vocab, &knows, &HashSet::new(), 5);
        let s = find(&out, 0, 1).unwrap();
        let aa = 1.0 / 3f64.ln() + 1.0 / 2f64.ln();
        assert!((s.adamic_adar - aa).abs() < 1e-12);
        assert!((s.adamic_adar - 2.3529).abs() < 1e-3);
        let w = SuggestWeights::default();
        let expected = w.structure * (aa / (1.0 + aa)) + w.vouch;
        assert!((s.score - expected).abs() < 1e-12);
        // (0, 4) and (1, 4) via 2 only.
        let s04 = find(&out, 0, 4).unwrap();
        assert!((s04.adamic_adar - 1.0 / 3f64.ln()).abs() < 1e-12);
        assert!(s04.shared.is_empty());
        // Linked pairs are never suggested; (2, 3) share 0 and 1.
        assert!(find(&out, 0, 2).is_none());
        assert!(find(&out, 0, 3).is_none());
        let s23 = find(&out, 2, 3).unwrap();
        assert!((s23.adamic_adar - 2.0 / 2f64.ln()).abs() < 1e-12);
        // Ordering: score desc.
        assert_eq!(out[0].iter().map(|s| s.b).collect::<Vec<_>>(), vec![1, 4]);
    }

    #[test]
    fn excluded_pairs_never_suggested() {
        let (vocab, contacts) = build(&[
            (&["rust"], &[], &[], 0.9, None),
            (&[], &["rust"], &[], 0.9, None),
            (&[], &["rust"], &[], 0.9, None),
        ]);
        let excluded: HashSet<_> = [(0, 1)].into_iter().collect();
        let out = run(&contacts, &vocab, &[], &excluded, 5);
        assert!(find(&out, 0, 1).is_none());
        assert!(find(&out, 1, 0).is_none());
        assert!(find(&out, 0, 2).is_some());
        // Given the other way round, still honoured.
        let excluded: HashSet<_> = [(2, 0)].into_iter().collect();
        let out = run(&contacts, &vocab, &[], &excluded, 5);
        assert!(find(&out, 0, 2).is_none());
        assert!(find(&out, 0, 1).is_some());
        // k = 0 gives empty lists.
        let out = run(&contacts, &vocab, &[], &HashSet::new(), 0);
        assert!(out.iter().all(Vec::is_empty));
        assert_eq!(out.len(), 3);
    }

    #[test]
    fn bridging_needs_different_known_communities_and_evidence() {
        let (vocab, contacts) = build(&[
            (&["rust"], &[], &[], 0.9, Some(1)),
            (&[], &["rust"], &[], 0.3, Some(2)),
            (&[], &["rust"], &[], 0.9, Some(1)),
            (&[], &["rust"], &[], 0.9, None),
            (&[], &[], &[], 0.9, Some(3)),
        ]);
        let out = run(&contacts, &vocab, &[], &HashSet::new(), 5);
        let w = SuggestWeights::default();
        let s01 = find(&out, 0, 1).unwrap();
        assert!(s01.bridging);
        assert_eq!(s01.vouch, 0.3);
        let expected = w.complement * s01.complement + w.bridging + w.vouch * 0.3;
        assert_eq!(s01.score, expected);
        assert!(!find(&out, 0, 2).unwrap().bridging);
        assert!(!find(&out, 0, 3).unwrap().bridging);
        // Contact 4 is in another community from everyone but has no evidence with anyone.
        assert!(out[4].is_empty());
        // Bridging outranks the same complement in one community despite a weaker vouch:
        // 0.35 + 0.1 + 0.045 = 0.495 vs 0.35 + 0.135 = 0.485.
        assert_eq!(
            out[0].iter().map(|s| s.b).collect::<Vec<_>>(),
            vec![1, 2, 3]
        );
    }

    #[test]
    fn serializes() {
        let (vocab, contacts) = build(&[
            (&["rust"], &[], &[], 0.9, None),
            (&[], &["rust"], &[], 0.5, None),
        ]);
        let out = run(&contacts, &vocab, &[], &HashSet::new(), 1);
        let json = serde_json::to_value(&out[0][0]).unwrap();
        assert_eq!(json["b"], 1);
        assert_eq!(json["shared"][0], "rust");
    }

    /// A tiny linear congruential generator, so the tests need no dependency.
    struct Lcg(u64);

    impl Lcg {
        fn next(&mut self) -> u64 {
            self.0 = self
                .0
                .wrapping_mul(6_364_136_223_846_793_005)
                .wrapping_add(1_442_695_040_888_963_407);
            self.0 >> 33
        }
        fn below(&mut self, n: usize) -> usize {
            (self.next() % n as u64) as usize
        }
    }

    type Network = (
        Vocabulary,
        Vec<Contact>,
        Vec<(usize, usize)>,
        HashSet<(usize, usize)>,
    );

    fn random_network(seed: u64, n: usize, terms: usize, edges: usize) -> Network {
        let mut rng = Lcg(seed);
        let doc = |rng: &mut Lcg| -> Vec<(String, f64)> {
            let len = rng.below(4);
            (0..len)
                .map(|_| (format!("t{}", rng.below(terms)), 1.0 + rng.below(2) as f64))
                .collect()
        };
        let docs: Vec<[Vec<(String, f64)>; 3]> = (0..n)
            .map(|_| [doc(&mut rng), doc(&mut rng), doc(&mut rng)])
            .collect();
        let vocab = Vocabulary::build(docs.iter().flat_map(|d| d.iter().map(Vec::as_slice)));
        let contacts = docs
            .iter()
            .enumerate()
            .map(|(i, d)| Contact {
                person: PersonId::from_uuid(Uuid::from_u128(i as u128 + 1)),
                vouch: rng.below(1001) as f64 / 1000.0,
                needs: vocab.vector(&d[0]),
                offers: vocab.vector(&d[1]),
                interests: vocab.vector(&d[2]),
                community: match rng.below(5) {
                    0 => None,
                    c => Some(c as u32),
                },
            })
            .collect();
        let knows: Vec<(usize, usize)> = (0..edges).map(|_| (rng.below(n), rng.below(n))).collect();
        let excluded: HashSet<(usize, usize)> = (0..n)
            .filter_map(|_| {
                let (x, y) = (rng.below(n), rng.below(n));
                (x != y).then(|| (x.min(y), x.max(y)))
            })
            .collect();
        (vocab, contacts, knows, excluded)
    }

    #[test]
    fn fast_equals_bruteforce_on_random_networks() {
        for seed in [1, 2, 3, 42, 2024] {
            let (vocab, contacts, knows, excluded) = random_network(seed, 300, 60, 600);
            let input = SuggestInput {
                contacts: &contacts,
                vocab: &vocab,
                knows: &knows,
                excluded: &excluded,
            };
            for k in [1, 5, 20] {
                for w in [
                    SuggestWeights::default(),
                    SuggestWeights {
                        min_interest: 0.0,
                        ..SuggestWeights::default()
                    },
                ] {
                    let fast = suggest(&input, &w, k);
                    let brute = suggest_bruteforce(&input, &w, k);
                    assert_eq!(fast, brute, "seed {seed} k {k}");
                    for (a, row) in fast.iter().enumerate() {
                        assert!(row.len() <= k);
                        for s in row {
                            assert_eq!(s.a, a);
                            assert_ne!(s.b, a);
                            assert!(!excluded.contains(&(a.min(s.b), a.max(s.b))));
                        }
                    }
                    assert!(fast.iter().any(|r| !r.is_empty()));
                }
            }
        }
    }
}
