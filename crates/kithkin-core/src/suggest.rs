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
//! [`suggest`] never scores all N² pairs. Each contact's list (a *row*) is searched on its
//! own, rows in parallel:
//!
//! 1. partners two hops away in `knows` are scored exactly (the only pairs with Adamic–Adar
//!    above 0);
//! 2. the inverted indexes (offers probed with the row's needs, needs with its offers,
//!    interests with its interests) accumulate each partner's dot products; the interest
//!    index holds only each vector's All-Pairs suffix (Bayardo et al. 2007), since interests
//!    count only from `min_interest`;
//! 3. each partner reached gets an upper bound on its score, and partners are scored exactly
//!    in decreasing bound until the bound falls below the row's k-th score.
//!
//! Posting lists are sorted by decreasing vouch, and a list is left at the first partner
//! whose best case (an L2 / max-weight bound on the row's terms, bridging, its vouch) cannot
//! reach the k-th score found in step 1. The bounds are argued on [`RowSearch`].
//! [`suggest_bruteforce`] scores every pair. Both score with the same private function
//! (components, sums and explanation computed the same way, in the same order), so their
//! results are identical, bit for bit; the tests check it on random networks and on a
//! generated network of 10 000 people.
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
/// partner index. Only pairs with evidence are considered (see the module docs), and of
/// those only the ones whose score could still enter the list: the work is proportional to
/// the candidates the inverted indexes and the two-hop enumeration find, pruned by bounds,
/// not to N². Rows are searched in parallel on every available core.
pub fn suggest(input: &SuggestInput, weights: &SuggestWeights, k: usize) -> Vec<Vec<Suggestion>> {
    let threads = std::thread::available_parallelism().map_or(1, usize::from);
    suggest_threads(input, weights, k, threads)
}

/// [`suggest`] on at most `threads` threads (at least one); the result does not depend on it.
pub fn suggest_threads(
    input: &SuggestInput,
    weights: &SuggestWeights,
    k: usize,
    threads: usize,
) -> Vec<Vec<Suggestion>> {
    let ctx = Context::new(input);
    let n = input.contacts.len();
    if k == 0 {
        return finish(&ctx, vec![Vec::new(); n], k);
    }
    let search = RowSearch::new(&ctx, weights, k);
    let rows = parallel_rows(
        n,
        threads.max(1),
        || Scratch::new(n),
        |i, scratch| search.row(i, scratch),
    );
    finish(&ctx, rows, k)
}

/// Runs `row(i, scratch)` for every i in 0..n on `threads` threads, each with its own
/// scratch from `init`, and returns the rows in order.
fn parallel_rows<S, R: Send>(
    n: usize,
    threads: usize,
    init: impl Fn() -> S + Sync,
    row: impl Fn(usize, &mut S) -> R + Sync,
) -> Vec<R> {
    use std::sync::atomic::{AtomicUsize, Ordering};
    const CHUNK: usize = 64;
    let next = AtomicUsize::new(0);
    let work = || {
        let mut scratch = init();
        let mut done: Vec<(usize, Vec<R>)> = Vec::new();
        loop {
            let start = next.fetch_add(CHUNK, Ordering::Relaxed);
            if start >= n {
                break;
            }
            let end = (start + CHUNK).min(n);
            done.push((start, (start..end).map(|i| row(i, &mut scratch)).collect()));
        }
        done
    };
    let mut chunks: Vec<(usize, Vec<R>)> = if threads <= 1 || n <= CHUNK {
        work()
    } else {
        std::thread::scope(|s| {
            let handles: Vec<_> = (0..threads).map(|_| s.spawn(work)).collect();
            handles
                .into_iter()
                .flat_map(|h| h.join().unwrap_or_else(|e| std::panic::resume_unwind(e)))
                .collect()
        })
    };
    chunks.sort_unstable_by_key(|c| c.0);
    chunks.into_iter().flat_map(|c| c.1).collect()
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

/// A generated network ready for suggestions: contacts, vocabulary, knows pairs (me left
/// out) and excluded pairs (the knows pairs), built as the app's `intro_suggest` builds them.
/// For the scale test and the benchmark.
#[derive(Debug, Clone)]
pub struct GeneratedNetwork {
    /// The contacts.
    pub contacts: Vec<Contact>,
    /// Their vocabulary.
    pub vocab: Vocabulary,
    /// Knows pairs between contact indices.
    pub knows: Vec<(usize, usize)>,
    /// Pairs never to suggest.
    pub excluded: HashSet<(usize, usize)>,
}

/// `people` people generated by `synth` with `seed`, as of 2026-05-01.
pub fn generated_network(people: usize, seed: u64) -> GeneratedNetwork {
    let now = jiff::Timestamp::from_second(1_777_636_800).unwrap_or_default(); // 2026-05-01T12:00:00Z
    let mut generator =
        crate::synth::Generator::new(crate::synth::GenConfig::new(people, seed, now));
    let me = generator.me().id;
    let mut basics = Vec::new();
    let mut help = Vec::new();
    let mut expertise = Vec::new();
    let mut interests = Vec::new();
    let mut links = Vec::new();
    while let Some((batch, planted)) = generator.next_batch(1000) {
        for p in &batch.people {
            expertise.extend(p.profile.expertise.iter().map(|l| (p.id, l.clone())));
            interests.extend(p.profile.interests.iter().map(|l| (p.id, l.clone())));
        }
        basics.extend(planted.iter().map(|p| ContactBasics {
            person: p.person,
            vouch: p.closeness,
            community: Some(p.community),
        }));
        links.extend(batch.knows);
        help.extend(batch.help_items);
    }
    // the same construction as the app's `intro_suggest`
    let (contacts, vocab) = build_contacts(&basics, &help, &expertise, &interests);
    let index: HashMap<PersonId, usize> = basics
        .iter()
        .enumerate()
        .map(|(i, b)| (b.person, i))
        .collect();
    let pair = |a: PersonId, b: PersonId| -> Option<(usize, usize)> {
        let (x, y) = (*index.get(&a)?, *index.get(&b)?);
        Some(if x < y { (x, y) } else { (y, x) })
    };
    let knows: Vec<(usize, usize)> = links
        .iter()
        .filter(|l| l.a != me && l.b != me)
        .filter_map(|l| pair(l.a, l.b))
        .collect();
    let excluded: HashSet<(usize, usize)> = knows.iter().copied().collect();
    GeneratedNetwork {
        contacts,
        vocab,
        knows,
        excluded,
    }
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
        return finish(&ctx, lists.rows, k);
    }
    for i in 0..n {
        for j in i + 1..n {
            if let Some(p) = ctx.score_pair(i, j, weights) {
                lists.push(i, j, p);
            }
        }
    }
    finish(&ctx, lists.rows, k)
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

/// The input with a sorted, de-duplicated adjacency and exclusion lists.
struct Context<'a> {
    input: &'a SuggestInput<'a>,
    adj: Vec<Vec<usize>>,
    /// Per contact, the partners never to suggest (from `excluded`, both ways round).
    excluded: Vec<Vec<usize>>,
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
        let mut excluded = vec![Vec::new(); n];
        for &(x, y) in input.excluded {
            if x < n && y < n {
                excluded[x].push(y);
                excluded[y].push(x);
            }
        }
        for list in adj.iter_mut().chain(excluded.iter_mut()) {
            list.sort_unstable();
            list.dedup();
        }
        Context {
            input,
            adj,
            excluded,
        }
    }

    /// The one scoring function of both paths: `None` when the pair may not be suggested
    /// (same contact, excluded, already linked) or has no evidence.
    fn score_pair(&self, i: usize, j: usize, w: &SuggestWeights) -> Option<PairScore> {
        if i == j {
            return None;
        }
        let (i, j) = (i.min(j), i.max(j));
        if self.excluded[i].binary_search(&j).is_ok() || self.adj[i].binary_search(&j).is_ok() {
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
}

/// Rows of (partner, components), each sorted and cut to `k`, turned into suggestions.
fn finish(ctx: &Context, rows: Vec<Vec<(usize, PairScore)>>, k: usize) -> Vec<Vec<Suggestion>> {
    rows.into_iter()
        .enumerate()
        .map(|(a, mut row)| {
            row.sort_by(by_rank);
            row.truncate(k);
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

/// An inverted index over one kind of vector (needs, offers or interests): per term, the
/// contacts holding it with their weight, in decreasing vouch (then increasing index), and
/// the term's largest weight in the index.
struct Postings {
    lists: Vec<Vec<(usize, f64)>>,
    max_weight: Vec<f64>,
    /// Per contact, the norm of the part of its vector left out of the index (0 when whole).
    left_out: Vec<f64>,
}

impl Postings {
    /// Indexes every contact's whole vector; `order` lists the contacts in decreasing vouch.
    fn build<'v>(order: &[usize], vector: impl Fn(usize) -> &'v TermVector) -> Self {
        Self::build_suffixes(order, vector, 0.0)
    }

    /// Like [`Postings::build`], but each vector is indexed only from the first term at which
    /// the norm of the terms before it could reach `floor` (All-Pairs, Bayardo et al. 2007).
    /// A pair with a cosine of at least `floor` still shares an indexed term of the indexed
    /// side: if `‖x_prefix‖ < floor ≤ x·y` with `‖y‖ ≤ 1`, then `x_prefix·y < floor`, so
    /// `x_suffix·y > 0`. And `x·y ≤ x_suffix·y + ‖x_prefix‖`. Terms are in the vocabulary's id
    /// order, most frequent first (see `matcher`), so the popular terms are the ones left out.
    fn build_suffixes<'v>(
        order: &[usize],
        vector: impl Fn(usize) -> &'v TermVector,
        floor: f64,
    ) -> Self {
        // a little below the floor, so rounding can only index more, never less
        let limit = if floor > 0.0 && floor.is_finite() {
            floor * floor * (1.0 - 1e-9)
        } else {
            0.0
        };
        let mut lists: Vec<Vec<(usize, f64)>> = Vec::new();
        let mut max_weight: Vec<f64> = Vec::new();
        let mut left_out = vec![0.0; order.len()];
        for &j in order {
            let mut prefix = 0.0;
            let mut indexing = limit <= 0.0;
            for &(t, w) in vector(j).entries() {
                if !indexing {
                    if prefix + w * w < limit {
                        prefix += w * w;
                        continue;
                    }
                    indexing = true;
                }
                let t = t as usize;
                if lists.len() <= t {
                    lists.resize_with(t + 1, Vec::new);
                    max_weight.resize(t + 1, 0.0);
                }
                lists[t].push((j, w));
                max_weight[t] = max_weight[t].max(w);
            }
            if let Some(slot) = left_out.get_mut(j) {
                *slot = prefix.sqrt();
            }
        }
        Postings {
            lists,
            max_weight,
            left_out,
        }
    }
}

/// Numerical slack of the bounds: a pair is skipped only when its bound is below the list's
/// threshold by more than this, so rounding can never drop a pair the brute force keeps.
const SLACK: f64 = 1e-9;

/// The three channels a pair can share terms through, as the row's contact sees them; the
/// index of each in the accumulators.
#[derive(Debug, Clone, Copy, PartialEq)]
enum Channel {
    /// My needs against their offers.
    Needs = 0,
    /// My offers against their needs.
    Offers = 1,
    /// My interests against theirs.
    Interests = 2,
}

/// The top-`k` search of one contact's row.
///
/// 1. The two-hop partners (a common neighbour in `knows`) are scored exactly.
/// 2. The posting lists of the row's terms are walked and each partner's dot products are
///    accumulated per channel (needs→offers, offers→needs, interests). The interest index
///    holds only each vector's All-Pairs suffix, so what it accumulates plus the partner's
///    left-out norm bounds its interest, and a partner it never reaches has an interest
///    below the floor, counted as 0.
/// 3. Every partner reached gets an upper bound on its score (accumulated complement and
///    interest, its own bridging and vouch, Adamic–Adar 0 since two-hop partners are done);
///    partners are scored exactly in decreasing bound until the bound falls below the row's
///    k-th score.
///
/// Lists are in decreasing vouch, so step 2 stops a list at the first partner whose best case
/// (`terms_bound` of the row, bridging, its vouch) is below the k-th score of step 1.
/// A partner is skipped only when a bound is below that score by more than [`SLACK`], so it
/// could not have entered the list; the pairs kept are scored by the brute force's function.
struct RowSearch<'c> {
    ctx: &'c Context<'c>,
    weights: &'c SuggestWeights,
    k: usize,
    vouch: Vec<f64>,
    needs: Postings,
    offers: Postings,
    interests: Postings,
}

/// Per channel, what any partner can share with the row through its terms: Σ w·max_w over
/// the row's terms, and the row vector's norm (Cauchy–Schwarz against a unit vector).
#[derive(Debug, Clone, Copy, Default)]
struct Reach {
    dot: [f64; 3],
    square: [f64; 3],
}

impl<'c> RowSearch<'c> {
    fn new(ctx: &'c Context<'c>, weights: &'c SuggestWeights, k: usize) -> Self {
        let contacts = ctx.input.contacts;
        let vouch: Vec<f64> = contacts.iter().map(|c| clamp01(c.vouch)).collect();
        let mut order: Vec<usize> = (0..contacts.len()).collect();
        order.sort_by(|&x, &y| vouch[y].total_cmp(&vouch[x]).then(x.cmp(&y)));
        RowSearch {
            ctx,
            weights,
            k,
            needs: Postings::build(&order, |j| &contacts[j].needs),
            offers: Postings::build(&order, |j| &contacts[j].offers),
            interests: Postings::build_suffixes(
                &order,
                |j| &contacts[j].interests,
                weights.min_interest,
            ),
            vouch,
        }
    }

    /// The most the complement and interest components can add to any pair of this row
    /// outside the two-hop partners.
    fn terms_bound(&self, i: usize) -> f64 {
        let w = self.weights;
        let c = &self.ctx.input.contacts[i];
        let mut reach = Reach::default();
        for (channel, query, index) in self.channels(c) {
            for &(t, x) in query.entries() {
                let max = index.max_weight.get(t as usize).copied().unwrap_or(0.0);
                reach.dot[channel as usize] += x * max;
                reach.square[channel as usize] += x * x;
            }
        }
        let cosine = |c: Channel| {
            let c = c as usize;
            reach.dot[c].min(reach.square[c].sqrt()).min(1.0)
        };
        let complement = cosine(Channel::Needs).max(cosine(Channel::Offers));
        // a partner's left-out interest norm is below the floor
        let interest = (reach.dot[2] + w.min_interest)
            .min(reach.square[2].sqrt())
            .min(1.0);
        let interest = if interest + SLACK < w.min_interest {
            0.0
        } else {
            interest
        };
        w.complement * complement + w.interests * interest
    }

    /// The row's vectors, each with the index it is matched against.
    fn channels<'a>(&'a self, c: &'a Contact) -> [(Channel, &'a TermVector, &'a Postings); 3] {
        [
            (Channel::Needs, &c.needs, &self.offers),
            (Channel::Offers, &c.offers, &self.needs),
            (Channel::Interests, &c.interests, &self.interests),
        ]
    }

    /// Contact i's best `k` partners, best first.
    fn row(&self, i: usize, scratch: &mut Scratch) -> Vec<(usize, PairScore)> {
        let w = self.weights;
        let Scratch {
            stamp,
            acc,
            touched,
        } = scratch;
        let mut top: Vec<(usize, PairScore)> = Vec::with_capacity(self.k + 1);
        let consider = |j: usize, stamp: &mut [usize], top: &mut Vec<(usize, PairScore)>| {
            if j == i || stamp[j] == i {
                return;
            }
            stamp[j] = i;
            if let Some(p) = self.ctx.score_pair(i, j, w) {
                insert(top, self.k, (j, p));
            }
        };
        let threshold = |top: &Vec<(usize, PairScore)>| {
            if top.len() < self.k {
                f64::NEG_INFINITY
            } else {
                top.last().map_or(f64::NEG_INFINITY, |e| e.1.score) - SLACK
            }
        };
        // 1. two-hop partners
        for &z in &self.ctx.adj[i] {
            for &j in &self.ctx.adj[z] {
                consider(j, stamp, &mut top);
            }
        }
        // 2. accumulate along the posting lists
        let theta = threshold(&top);
        let base = self.terms_bound(i) + w.bridging;
        let mine = self.vouch[i];
        let c = &self.ctx.input.contacts[i];
        for (channel, query, index) in self.channels(c) {
            let channel = channel as usize;
            for &(t, x) in query.entries() {
                let Some(list) = index.lists.get(t as usize) else {
                    continue;
                };
                for &(j, y) in list {
                    if base + w.vouch * mine.min(self.vouch[j]) < theta {
                        break; // the rest of the list has no more vouch
                    }
                    if stamp[j] == i {
                        continue;
                    }
                    if acc[j] == [0.0; 3] {
                        touched.push(j);
                    }
                    acc[j][channel] += x * y;
                }
            }
        }
        // 3. bound each partner reached, and score them best bound first
        let mut ranked: Vec<(f64, usize)> = Vec::new();
        for &j in touched.iter() {
            let a = std::mem::take(&mut acc[j]);
            let interest = if a[2] > 0.0 {
                a[2] + self.interests.left_out[j]
            } else {
                0.0
            };
            let interest = if interest + SLACK < w.min_interest {
                0.0
            } else {
                interest.min(1.0)
            };
            let other = self.ctx.input.contacts[j].community;
            let bridging = matches!((c.community, other), (Some(x), Some(y)) if x != y);
            let bound = w.complement * a[0].max(a[1]).min(1.0)
                + w.interests * interest
                + if bridging { w.bridging } else { 0.0 }
                + w.vouch * mine.min(self.vouch[j]);
            if bound >= theta {
                ranked.push((bound, j));
            }
        }
        touched.clear();
        ranked.sort_by(|x, y| y.0.total_cmp(&x.0).then(x.1.cmp(&y.1)));
        for (bound, j) in ranked {
            if bound < threshold(&top) {
                break;
            }
            consider(j, stamp, &mut top);
        }
        top
    }
}

/// One thread's working memory for rows: which partners the row has considered, and the
/// accumulated dot products (by [`Channel`]) of the partners reached.
struct Scratch {
    stamp: Vec<usize>,
    acc: Vec<[f64; 3]>,
    touched: Vec<usize>,
}

impl Scratch {
    fn new(n: usize) -> Self {
        Scratch {
            stamp: vec![usize::MAX; n],
            acc: vec![[0.0; 3]; n],
            touched: Vec::new(),
        }
    }
}

/// Inserts `entry` into `top` (sorted by [`by_rank`], at most `k` long) if it ranks.
fn insert(top: &mut Vec<(usize, PairScore)>, k: usize, entry: (usize, PairScore)) {
    let at = top.partition_point(|e| by_rank(e, &entry) == std::cmp::Ordering::Less);
    if at < k {
        top.insert(at, entry);
        top.truncate(k);
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
    fn a_weak_match_across_communities_outranks_a_structural_one() {
        // Row 0: its two-hop partner 2 scores 0.2·aa/(1+aa) + 0.15 ≈ 0.268 and is the first
        // threshold; partner 3 shares one of fifteen offer terms with 0's need, but bridges
        // communities: 0.35·c + 0.1 + 0.15 is higher. The search must not leave 3's list early.
        let many: Vec<String> = (0..14).map(|t| format!("topic{t}")).collect();
        let mut offers: Vec<&str> = many.iter().map(String::as_str).collect();
        offers.push("rust");
        let (vocab, contacts) = build(&[
            (&["rust"], &[], &[], 1.0, Some(1)),
            (&[], &[], &[], 1.0, Some(1)),
            (&[], &[], &[], 1.0, Some(1)),
            (&[], &offers, &[], 1.0, Some(2)),
        ]);
        let knows = [(0, 1), (1, 2)];
        let out = run(&contacts, &vocab, &knows, &HashSet::new(), 1);
        let s = &out[0][0];
        assert_eq!(s.b, 3);
        assert!(s.bridging);
        assert!(s.complement > 0.1 && s.complement < 0.3, "{}", s.complement);
        let structural = find(&run(&contacts, &vocab, &knows, &HashSet::new(), 2), 0, 2)
            .map(|s| s.score)
            .unwrap();
        assert!(s.score > structural && structural > 0.25, "{structural}");
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

    /// A skewed network: Zipf-like term popularity (a few terms in most vectors), vouches
    /// mostly small, as in real networks; the bounds and the vouch order matter here.
    fn skewed_network(seed: u64, n: usize) -> Network {
        let mut rng = Lcg(seed);
        let zipf = |rng: &mut Lcg| -> usize {
            // P(rank r) ∝ 1/r over 200 terms, by inversion of the continuous approximation
            let u = (rng.below(1_000_000) as f64 + 0.5) / 1_000_000.0;
            (201f64.powf(u) as usize).saturating_sub(1).min(199)
        };
        let doc = |rng: &mut Lcg, max: usize| -> Vec<(String, f64)> {
            let len = rng.below(max + 1);
            (0..len).map(|_| (format!("z{}", zipf(rng)), 1.0)).collect()
        };
        let docs: Vec<[Vec<(String, f64)>; 3]> = (0..n)
            .map(|_| [doc(&mut rng, 2), doc(&mut rng, 3), doc(&mut rng, 6)])
            .collect();
        let vocab = Vocabulary::build(docs.iter().flat_map(|d| d.iter().map(Vec::as_slice)));
        let contacts = docs
            .iter()
            .enumerate()
            .map(|(i, d)| {
                let u = rng.below(1001) as f64 / 1000.0;
                Contact {
                    person: PersonId::from_uuid(Uuid::from_u128(i as u128 + 1)),
                    vouch: 0.01 + 0.99 * u.powi(4),
                    needs: vocab.vector(&d[0]),
                    offers: vocab.vector(&d[1]),
                    interests: vocab.vector(&d[2]),
                    community: Some(rng.below(8) as u32),
                }
            })
            .collect();
        let knows: Vec<(usize, usize)> = (0..2 * n)
            .map(|_| {
                let a = rng.below(n);
                (a, (a + 1 + rng.below(30)) % n)
            })
            .collect();
        let excluded: HashSet<(usize, usize)> =
            knows.iter().map(|&(x, y)| (x.min(y), x.max(y))).collect();
        (vocab, contacts, knows, excluded)
    }

    #[test]
    fn fast_equals_bruteforce_on_skewed_networks_whatever_the_threads() {
        for seed in [5, 77] {
            let (vocab, contacts, knows, excluded) = skewed_network(seed, 1200);
            let input = SuggestInput {
                contacts: &contacts,
                vocab: &vocab,
                knows: &knows,
                excluded: &excluded,
            };
            let w = SuggestWeights::default();
            for k in [1, 10] {
                let brute = suggest_bruteforce(&input, &w, k);
                for threads in [1, 3] {
                    let fast = suggest_threads(&input, &w, k, threads);
                    assert!(fast == brute, "seed {seed} k {k} threads {threads}");
                }
                let full = brute.iter().filter(|r| r.len() == k).count();
                assert!(full > 1000, "seed {seed} k {k}: only {full} full rows");
            }
        }
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
