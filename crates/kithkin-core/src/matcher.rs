//! One matcher for the whole product: TF-IDF-weighted terms from tags and free text, compared
//! by cosine similarity, each match explained by the shared terms that contributed most.
//!
//! It answers "ways to add value" (my offers and expertise against their open needs, their
//! offers against my needs) and, unchanged, introduction suggestions between contacts (a need
//! against an offer, or shared interests within one set).
//!
//! # Pipeline
//!
//! 1. An [`Analyzer`] turns a text and its tags into terms with raw frequencies. A tag
//!    ("Machine Learning") gives a *tag term* `#machine learning` of weight
//!    [`DEFAULT_TAG_WEIGHT`], and each of its words counts as a word term like a word of the
//!    text. Everything is folded with [`text::fold`] ("Zoë" = "zoe", "Rust" = "rust"), stop
//!    words are dropped and words are lightly stemmed ([`stem`]: plurals, `-ing`).
//! 2. A [`Vocabulary`] counts, over a corpus, in how many documents each term appears, and
//!    gives every term an id. Build it once over *every* document that will be compared (both
//!    sides of a join), then make vectors against it.
//! 3. [`Vocabulary::vector`] weighs each term by `tf · idf` and scales the result to unit
//!    length, so the cosine of two vectors is their dot product ([`TermVector::cosine`]).
//! 4. [`match_sets`], [`top_k_per_left`] and [`match_within`] find the pairs above a threshold,
//!    best first, each a [`Match`] with the shared terms that contributed most to its score.
//!
//! ```
//! use kithkin_core::matcher::{match_sets, Analyzer, Vocabulary};
//! let an = Analyzer::default();
//! let tags = |t: &[&str]| t.iter().map(|s| s.to_string()).collect::<Vec<_>>();
//! // Their open needs; my offers.
//! let needs = [an.terms("Looking for a Rust mentor", &tags(&["rust"])),
//!              an.terms("Intros to climate VCs", &[])];
//! let offers = [an.terms("Happy to do code reviews and mentoring", &tags(&["Rust", "mentoring"])),
//!               an.terms("I can help with sourdough baking", &[])];
//! let vocab = Vocabulary::build(needs.iter().chain(&offers).map(Vec::as_slice));
//! let needs: Vec<_> = needs.iter().map(|d| vocab.vector(d)).collect();
//! let offers: Vec<_> = offers.iter().map(|d| vocab.vector(d)).collect();
//! let found = match_sets(&needs, &offers, 0.1, &vocab);
//! assert_eq!(found.len(), 1);
//! assert_eq!((found[0].left, found[0].right), (0, 0));
//! assert!(found[0].shared.contains(&"#rust".to_string()));
//! assert!(found[0].shared.contains(&"mentor".to_string()));
//! ```
//!
//! # Scale
//!
//! The joins are exact and never score a pair that shares no term. The right-hand side is put
//! in an inverted index (for each term, the documents holding it and their weights); each
//! left-hand vector walks the posting lists of its own terms and accumulates partial dot
//! products, then every candidate is verified with the exact [`TermVector::cosine`], so scores
//! do not depend on how they were found. The work is proportional to the number of shared-term
//! postings, `Σ_t df_left(t) · df_right(t)`, not to `|left| · |right|`; for short needs and
//! offers over 100k people that is a small fraction of all pairs.
//!
//! What remains is dominated by the few very common terms, whose posting lists are long. The
//! All-Pairs prefix filter (Bayardo, Ma & Srikant 2007) and its L2 refinement (L2AP, Anastasiu
//! & Karypis 2014) remove most of that on top of these same vectors (planned for issue 5):
//! because the vectors have unit length, the features of an indexed vector before some
//! position `p` can contribute at most `Σ_{t<p} w_t · max_t` (`max_t` the largest weight of
//! `t` on the probing side) or, L2AP, the norm of that prefix, to any cosine; while that bound
//! stays below the threshold they need not be indexed. Every pair at or above the threshold
//! then still shares an indexed term, so it is still found, and is verified in full. Term ids
//! are therefore assigned in a global order, by decreasing document frequency
//! ([`Vocabulary::build`]), and every vector is sorted by id, so the un-indexed prefix is
//! exactly the common terms with the long lists. Candidates are always verified, so adding the
//! filter changes where the indexing of each vector starts, not the results.
//!
//! [`match_sets`] returns every pair above the threshold; with a low threshold over two large
//! sets that is a lot of matches, so use [`top_k_per_left`] there (its memory is bounded by `k`
//! per left item).

use crate::exchange::HelpItem;
use crate::text;
use serde::Serialize;
use std::collections::{HashMap, HashSet};

/// The id of a term in a [`Vocabulary`]. Ids follow decreasing document frequency (id 0 is the
/// most common term), the global feature order the All-Pairs pruning needs.
pub type TermId = u32;

/// Raw weight of a whole tag as a term, against 1 for a word: a tag is a label someone chose
/// on purpose, so sharing one says more than sharing a word of free text.
pub const DEFAULT_TAG_WEIGHT: f64 = 2.0;

/// How many shared terms a [`Match`] lists as its reason.
pub const SHARED_TERMS: usize = 5;

/// Slack when comparing an accumulated dot product with the threshold before the exact
/// verification, so a pair is never lost to the rounding of a different summation order.
const SLACK: f64 = 1e-9;

/// Words dropped from text and from the words of tags (a whole tag is always kept). Common
/// English function words, the pieces contractions fold into ("don't" → "don", "t"), and the
/// words every need or offer is phrased with ("looking for", "can help with", "happy to",
/// "someone who knows", "advice on"), which would otherwise match every need with every offer.
/// "advice" is one of them: it is the kind of help, not its subject ("advice on fundraising"
/// should match on "fundraising"). "it" and "us" are dropped too, so "IT" and "US" in free text
/// are lost; as tags they are kept. Stored as lines of space-separated words.
const STOP_WORDS: &[&str] = &[
    // English function words.
    "a about above after again against all also am an and any anybody anyone anything are",
    "around as at be because been before being below between both but by could did do does",
    "doing down during each either else etc even ever every everyone everything few for",
    "from further had has have having he her here hers herself him himself his how i if in",
    "into is it its itself just least less let like many may maybe me might more most much",
    "must my myself neither no nor not nothing now of off often on once one only or other",
    "others our ours ourselves out over own per perhaps please quite rather really same she",
    "should so some somebody something still such than that the their theirs them",
    "themselves then there these they thing things this those though through thus to too",
    "under until up upon us very via was we well were what whatever when where whether",
    "which while who whom whose why will with within without would yet you your yours",
    "yourself yourselves",
    // Pieces of contractions after folding.
    "aren couldn d didn doesn don hasn haven isn ll m re s shouldn t ve wasn won wouldn",
    // How needs and offers are phrased.
    "able advice available can currently especially find finding get gets getting glad good",
    "got great happy help helped helping helps interested keen know knows look looking",
    "looks lot lots make making need needed needing needs new offer offered offering offers",
    "seek seeking seeks someone sought want wanted wanting wants willing",
];

/// Words [`stem`] leaves alone: they end like a plural but are not one.
const NO_STEM: &[&str] = &[
    "aws",
    "iaas",
    "ios",
    "kubernetes",
    "macos",
    "news",
    "paas",
    "saas",
    "series",
    "species",
];

/// Folds a word's inflections so "mentors", "mentoring" and "mentor" are one term.
///
/// Deliberately light (explanations show these keys, and over-eager stemming makes false
/// matches); it touches only words of ASCII letters (so "c++", "2024" and non-Latin words are
/// kept as they are) and not the few in a small exception list ("saas", "news", "series", …):
///
/// 1. Plurals: "-ies" → "-y" in words of five or more letters ("companies" → "company");
///    "-sses", "-xes", "-ches", "-shes" lose "es" ("classes" → "class", "taxes" → "tax",
///    "coaches" → "coach"); words ending in "ss", "us" or "is" are kept ("business", "status",
///    "analysis"); otherwise a final "s" is dropped from words of four or more letters
///    ("mentors" → "mentor", "jobs" → "job", "sales" → "sale"), but "vcs" or "ads" are kept.
/// 2. Then "-ing" is dropped when at least four letters, one of them a vowel, remain
///    ("mentoring" → "mentor", "meetings" → "meet"); a doubled final consonant other than
///    l, s, z or f is undoubled ("planning" → "plan", but "selling" → "sell", "staffing" →
///    "staff"). Shorter words are kept ("hiring", "coding", "string"), and an "-ing" whose
///    base ends in a silent e is not linked to it ("pricing" → "pric", "price" stays): tags
///    carry those links.
pub fn stem(word: &str) -> String {
    if word.is_empty() || !word.bytes().all(|b| b.is_ascii_lowercase()) || NO_STEM.contains(&word) {
        return word.to_owned();
    }
    let mut w = word.to_owned();
    let len = w.len();
    if len >= 5 && w.ends_with("ies") {
        w.truncate(len - 3);
        w.push('y');
    } else if ["sses", "xes", "ches", "shes"]
        .iter()
        .any(|e| w.ends_with(e))
    {
        w.truncate(len - 2);
    } else if ["ss", "us", "is"].iter().any(|e| w.ends_with(e)) {
        // not a plural
    } else if len >= 4 && w.ends_with('s') {
        w.truncate(len - 1);
    }
    if let Some(base) = w.strip_suffix("ing")
        && base.len() >= 4
        && base.bytes().any(|b| b"aeiouy".contains(&b))
    {
        let bytes = base.as_bytes();
        let n = bytes.len();
        let last = bytes[n - 1];
        let undouble = last == bytes[n - 2] && !b"aeiouylszf".contains(&last);
        let keep = if undouble { n - 1 } else { n };
        w = base[..keep].to_owned();
    }
    w
}

/// How a piece of text and its tags become terms: which words are dropped (stop words) and
/// how much a whole tag weighs against a word.
///
/// The default drops a built-in list of about 200 words: common English function words and
/// the phrasing every need and offer shares ("looking for", "can help with", "advice on"), and
/// gives a whole tag [`DEFAULT_TAG_WEIGHT`].
#[derive(Debug, Clone)]
pub struct Analyzer {
    stop_words: HashSet<String>,
    tag_weight: f64,
}

impl Default for Analyzer {
    fn default() -> Self {
        Analyzer {
            stop_words: STOP_WORDS
                .iter()
                .flat_map(|line| line.split_whitespace())
                .map(str::to_owned)
                .collect(),
            tag_weight: DEFAULT_TAG_WEIGHT,
        }
    }
}

impl Analyzer {
    /// Sets the raw weight of a whole tag (words count 1). Zero leaves whole tags out, so tags
    /// count only by their words; a negative or non-finite weight is ignored.
    pub fn with_tag_weight(mut self, weight: f64) -> Self {
        if weight.is_finite() && weight >= 0.0 {
            self.tag_weight = weight;
        }
        self
    }

    /// Adds stop words (folded like text, so "Zoë" drops "zoe"), for a user's own filler words.
    pub fn with_stop_words<I, S>(mut self, words: I) -> Self
    where
        I: IntoIterator<Item = S>,
        S: AsRef<str>,
    {
        for word in words {
            self.stop_words.extend(text::tokens(word.as_ref()));
        }
        self
    }

    /// The raw weight of a whole tag.
    pub fn tag_weight(&self) -> f64 {
        self.tag_weight
    }

    /// Whether a word (folded first) is dropped from text.
    pub fn is_stop_word(&self, word: &str) -> bool {
        self.stop_words.contains(&text::fold(word))
    }

    /// The terms of a text and its tags with their raw frequencies, sorted by term.
    ///
    /// Words of the text: [`text::tokens`], a leading `#` removed (a hashtag in text is a word,
    /// so `#` marks only tag terms), tokens without a letter or digit and stop words dropped,
    /// the rest [`stem`]med; each occurrence counts 1. Tags: folded, a leading `#` removed,
    /// duplicates ignored; each gives the tag term `#label` (unstemmed, as the user wrote it,
    /// folded) with the tag weight, even if it is a stop word (it was chosen on purpose), and
    /// its words count as words of the text.
    pub fn terms(&self, text: &str, tags: &[String]) -> Vec<(String, f64)> {
        let mut found: Vec<(String, f64)> = Vec::new();
        self.push_words(text, &mut found);
        let mut seen = HashSet::new();
        for tag in tags {
            let folded = text::fold(tag);
            let label = folded.trim_start_matches('#').trim();
            if label.is_empty() || !seen.insert(label.to_owned()) {
                continue;
            }
            if self.tag_weight > 0.0 {
                found.push((format!("#{label}"), self.tag_weight));
            }
            self.push_words(label, &mut found);
        }
        found.sort_by(|a, b| a.0.cmp(&b.0));
        let mut out: Vec<(String, f64)> = Vec::with_capacity(found.len());
        for (term, weight) in found {
            match out.last_mut() {
                Some(last) if last.0 == term => last.1 += weight,
                _ => out.push((term, weight)),
            }
        }
        out
    }

    /// The terms of a need or an offer: its text and its tags.
    pub fn help_item_terms(&self, item: &HelpItem) -> Vec<(String, f64)> {
        self.terms(&item.text, &item.tags)
    }

    fn push_words(&self, text: &str, out: &mut Vec<(String, f64)>) {
        for token in text::tokens(text) {
            let word = token.trim_start_matches('#');
            if word.chars().any(char::is_alphanumeric) && !self.stop_words.contains(word) {
                out.push((stem(word), 1.0));
            }
        }
    }
}

/// Document frequencies over a corpus, and the id of every term: built once over all the
/// documents that will be compared, then vectors are made against it.
#[derive(Debug, Clone, Default)]
pub struct Vocabulary {
    ids: HashMap<String, TermId>,
    terms: Vec<String>,
    df: Vec<u32>,
    documents: usize,
}

impl Vocabulary {
    /// Counts in how many documents each term appears (a term counts once per document; terms
    /// with a weight that is not positive are not there). Ids go by decreasing document
    /// frequency, ties by term, so they do not depend on the order of the documents.
    pub fn build<'a>(docs: impl IntoIterator<Item = &'a [(String, f64)]>) -> Self {
        let mut counts: HashMap<&'a str, u32> = HashMap::new();
        let mut documents = 0;
        let mut seen: HashSet<&'a str> = HashSet::new();
        for doc in docs {
            documents += 1;
            seen.clear();
            for (term, weight) in doc {
                if *weight > 0.0 && seen.insert(term.as_str()) {
                    *counts.entry(term.as_str()).or_default() += 1;
                }
            }
        }
        let mut entries: Vec<(&str, u32)> = counts.into_iter().collect();
        entries.sort_by(|a, b| b.1.cmp(&a.1).then_with(|| a.0.cmp(b.0)));
        entries.truncate(TermId::MAX as usize);
        let mut vocab = Vocabulary {
            ids: HashMap::with_capacity(entries.len()),
            terms: Vec::with_capacity(entries.len()),
            df: Vec::with_capacity(entries.len()),
            documents,
        };
        for (id, (term, df)) in (0..).zip(entries) {
            vocab.ids.insert(term.to_owned(), id);
            vocab.terms.push(term.to_owned());
            vocab.df.push(df);
        }
        vocab
    }

    /// The smoothed inverse document frequency `ln((1 + N) / (1 + df)) + 1`, N documents, the
    /// term in df of them (0 if unknown). As if one extra document held every term once: never
    /// divides by zero, and a term in every document still weighs 1 rather than vanishing, so
    /// two documents that share only common terms are still a (weak) match.
    pub fn idf(&self, term: &str) -> f64 {
        self.idf_of(self.df(term))
    }

    fn idf_of(&self, df: usize) -> f64 {
        ((1.0 + self.documents as f64) / (1.0 + df as f64)).ln() + 1.0
    }

    /// In how many documents a term appears (0 if unknown).
    pub fn df(&self, term: &str) -> usize {
        self.id(term)
            .and_then(|id| self.df.get(id as usize))
            .map_or(0, |&df| df as usize)
    }

    /// The id of a term, if the corpus has it.
    pub fn id(&self, term: &str) -> Option<TermId> {
        self.ids.get(term).copied()
    }

    /// The term with an id, for explanations.
    pub fn term(&self, id: TermId) -> Option<&str> {
        self.terms.get(id as usize).map(String::as_str)
    }

    /// The TF-IDF vector of a document's terms: each term weighs its raw frequency times its
    /// [`idf`](Self::idf) (duplicates are summed; non-positive weights ignored), scaled to unit
    /// length, entries sorted by term id.
    ///
    /// A term the vocabulary has never seen has no id, so it cannot be shared with anything;
    /// it still counts in the length (with the idf of a term in no document), so a document
    /// of mostly unseen words is not mistaken for a close match on the one known word it has.
    /// Such a vector is shorter than 1 and its cosine with itself below 1.
    pub fn vector(&self, terms: &[(String, f64)]) -> TermVector {
        let mut sorted: Vec<(&str, f64)> = terms
            .iter()
            .filter(|(_, tf)| tf.is_finite() && *tf > 0.0)
            .map(|(t, tf)| (t.as_str(), *tf))
            .collect();
        sorted.sort_by(|a, b| a.0.cmp(b.0));
        let mut entries: Vec<(TermId, f64)> = Vec::with_capacity(sorted.len());
        let mut sum_sq = 0.0;
        let mut i = 0;
        while i < sorted.len() {
            let term = sorted[i].0;
            let mut tf = 0.0;
            while i < sorted.len() && sorted[i].0 == term {
                tf += sorted[i].1;
                i += 1;
            }
            let w = tf * self.idf(term);
            sum_sq += w * w;
            if let Some(id) = self.id(term) {
                entries.push((id, w));
            }
        }
        let norm = sum_sq.sqrt();
        if norm > 0.0 && norm.is_finite() {
            for e in &mut entries {
                e.1 /= norm;
            }
        } else {
            entries.clear();
        }
        entries.sort_by_key(|e| e.0);
        TermVector { entries }
    }

    /// Number of distinct terms.
    pub fn len(&self) -> usize {
        self.terms.len()
    }

    /// Whether the corpus had no terms at all.
    pub fn is_empty(&self) -> bool {
        self.terms.is_empty()
    }

    /// Number of documents the vocabulary was built from (N in the idf).
    pub fn documents(&self) -> usize {
        self.documents
    }
}

/// A sparse TF-IDF vector of unit length (shorter only for unseen terms, see
/// [`Vocabulary::vector`]): (term id, weight) pairs sorted by term id, every weight positive.
/// The term strings live in the [`Vocabulary`], which explanations take as a parameter, so a
/// vector stays small at 100k documents.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct TermVector {
    entries: Vec<(TermId, f64)>,
}

impl TermVector {
    /// Whether the vector has no terms (empty text, only stop words): it matches nothing.
    pub fn is_empty(&self) -> bool {
        self.entries.is_empty()
    }

    /// Number of terms.
    pub fn len(&self) -> usize {
        self.entries.len()
    }

    /// The (term id, weight) pairs, sorted by term id.
    pub fn entries(&self) -> &[(TermId, f64)] {
        &self.entries
    }

    /// The Euclidean length: 1, less only with unseen terms, 0 when empty.
    pub fn norm(&self) -> f64 {
        self.entries.iter().map(|e| e.1 * e.1).sum::<f64>().sqrt()
    }

    /// Cosine similarity, in [0, 1]: the dot product, since both have unit length (a rounding
    /// excess over 1 is clipped). 0 when no term is shared. Symmetric.
    pub fn cosine(&self, other: &TermVector) -> f64 {
        let mut dot = 0.0;
        self.for_shared(other, |_, w| dot += w);
        dot.min(1.0)
    }

    /// Each shared term with its contribution to the cosine (the product of the two weights),
    /// largest first (ties by term id), at most `max`: the reason two documents match.
    pub fn shared_terms(
        &self,
        other: &TermVector,
        vocab: &Vocabulary,
        max: usize,
    ) -> Vec<(String, f64)> {
        let mut shared: Vec<(TermId, f64)> = Vec::new();
        self.for_shared(other, |id, w| shared.push((id, w)));
        shared.sort_by(|a, b| b.1.total_cmp(&a.1).then(a.0.cmp(&b.0)));
        shared
            .into_iter()
            .take(max)
            .filter_map(|(id, w)| vocab.term(id).map(|t| (t.to_owned(), w)))
            .collect()
    }

    /// Calls `f(term, product of weights)` for each shared term, in id order (a merge of the
    /// two sorted lists).
    fn for_shared(&self, other: &TermVector, mut f: impl FnMut(TermId, f64)) {
        let (a, b) = (&self.entries, &other.entries);
        let (mut i, mut j) = (0, 0);
        while i < a.len() && j < b.len() {
            match a[i].0.cmp(&b[j].0) {
                std::cmp::Ordering::Less => i += 1,
                std::cmp::Ordering::Greater => j += 1,
                std::cmp::Ordering::Equal => {
                    f(a[i].0, a[i].1 * b[j].1);
                    i += 1;
                    j += 1;
                }
            }
        }
    }
}

/// A scored pair with its reason: `left` and `right` index the slices given to the join.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Match {
    /// Index in the left slice (for "ways to add value", their need).
    pub left: usize,
    /// Index in the right slice (my offer).
    pub right: usize,
    /// Cosine similarity, in (0, 1].
    pub score: f64,
    /// The shared terms that contributed most, largest first, at most [`SHARED_TERMS`]; tag
    /// terms start with `#`.
    pub shared: Vec<String>,
}

/// All pairs (left i, right j) with cosine ≥ `threshold`, best first (score descending, then
/// left, then right). Exact, via an inverted index over `right`: only pairs that share a term
/// are ever scored or reported, even with a threshold of 0 (a negative or NaN threshold counts
/// as 0). See the module docs for the cost.
pub fn match_sets(
    left: &[TermVector],
    right: &[TermVector],
    threshold: f64,
    vocab: &Vocabulary,
) -> Vec<Match> {
    join(left, right, threshold, vocab, Join::All)
}

/// Like [`match_sets`], keeping only the best `k` matches of each left item (ties by right
/// index), in the same order.
pub fn top_k_per_left(
    left: &[TermVector],
    right: &[TermVector],
    k: usize,
    threshold: f64,
    vocab: &Vocabulary,
) -> Vec<Match> {
    if k == 0 {
        return Vec::new();
    }
    join(left, right, threshold, vocab, Join::TopK(k))
}

/// The self-join: all pairs i < j of one set with cosine ≥ `threshold`, in the order of
/// [`match_sets`] (`left` = i, `right` = j). For shared interests between contacts; each
/// unordered pair once, and no document with itself.
pub fn match_within(docs: &[TermVector], threshold: f64, vocab: &Vocabulary) -> Vec<Match> {
    join(docs, docs, threshold, vocab, Join::Within)
}

/// Which pairs a join keeps.
#[derive(Debug, Clone, Copy, PartialEq)]
enum Join {
    /// Every pair above the threshold.
    All,
    /// The best k per left item.
    TopK(usize),
    /// Pairs i < j of one set.
    Within,
}

/// An inverted index in compressed rows: the postings of term `t` are
/// `docs[starts[t]..starts[t + 1]]` with their `weights`, in increasing document order.
///
/// Every term of every vector is indexed. The All-Pairs / L2AP prefix filter would index each
/// vector only from the first term where its prefix bound reaches the threshold; the verify
/// step in [`join`] already makes that safe.
#[derive(Debug)]
struct Postings {
    starts: Vec<usize>,
    docs: Vec<usize>,
    weights: Vec<f64>,
}

impl Postings {
    fn build(vectors: &[TermVector]) -> Self {
        let terms = vectors
            .iter()
            .filter_map(|v| v.entries.last())
            .map(|e| e.0 as usize + 1)
            .max()
            .unwrap_or(0);
        let mut starts = vec![0usize; terms + 1];
        for v in vectors {
            for &(t, _) in &v.entries {
                starts[t as usize + 1] += 1;
            }
        }
        for t in 0..terms {
            starts[t + 1] += starts[t];
        }
        let total = starts[terms];
        let mut next = starts.clone();
        let mut docs = vec![0usize; total];
        let mut weights = vec![0.0; total];
        for (j, v) in vectors.iter().enumerate() {
            for &(t, w) in &v.entries {
                let slot = &mut next[t as usize];
                docs[*slot] = j;
                weights[*slot] = w;
                *slot += 1;
            }
        }
        Postings {
            starts,
            docs,
            weights,
        }
    }

    /// The postings of a term: documents (increasing) and weights.
    fn list(&self, t: TermId) -> (&[usize], &[f64]) {
        let t = t as usize;
        match (self.starts.get(t), self.starts.get(t + 1)) {
            (Some(&a), Some(&b)) => (&self.docs[a..b], &self.weights[a..b]),
            _ => (&[], &[]),
        }
    }
}

/// Dense partial dot products for one probe, with the list of documents touched so resetting
/// costs only what was used.
#[derive(Debug)]
struct Accumulator {
    dots: Vec<f64>,
    touched: Vec<usize>,
}

impl Accumulator {
    fn new(size: usize) -> Self {
        Accumulator {
            dots: vec![0.0; size],
            touched: Vec::new(),
        }
    }

    /// Accumulates `x · y` for every indexed `y` (index ≥ `from`) sharing a term with `x`.
    fn probe(&mut self, index: &Postings, x: &TermVector, from: usize) {
        for &(t, wx) in &x.entries {
            let (docs, weights) = index.list(t);
            let skip = docs.partition_point(|&j| j < from);
            for (&j, &wy) in docs[skip..].iter().zip(&weights[skip..]) {
                let dot = &mut self.dots[j];
                if *dot == 0.0 {
                    self.touched.push(j);
                }
                *dot += wx * wy;
            }
        }
    }

    /// Moves the touched documents and their partial dots into `out`, resetting.
    fn take(&mut self, out: &mut Vec<(usize, f64)>) {
        for j in self.touched.drain(..) {
            out.push((j, self.dots[j]));
            self.dots[j] = 0.0;
        }
    }
}

fn join(
    left: &[TermVector],
    right: &[TermVector],
    threshold: f64,
    vocab: &Vocabulary,
    kind: Join,
) -> Vec<Match> {
    let threshold = threshold.max(0.0);
    let index = Postings::build(right);
    let mut acc = Accumulator::new(right.len());
    let mut candidates: Vec<(usize, f64)> = Vec::new();
    let mut row: Vec<(f64, usize)> = Vec::new();
    let mut found: Vec<(f64, usize, usize)> = Vec::new();
    for (i, x) in left.iter().enumerate() {
        let from = if kind == Join::Within { i + 1 } else { 0 };
        acc.probe(&index, x, from);
        candidates.clear();
        acc.take(&mut candidates);
        row.clear();
        for &(j, partial) in &candidates {
            if partial + SLACK < threshold {
                continue;
            }
            // Verify: the exact cosine, the same number whichever way the pair was found.
            let score = x.cosine(&right[j]);
            if score > 0.0 && score >= threshold {
                row.push((score, j));
            }
        }
        if let Join::TopK(k) = kind {
            row.sort_by(|a, b| b.0.total_cmp(&a.0).then(a.1.cmp(&b.1)));
            row.truncate(k);
        }
        found.extend(row.iter().map(|&(s, j)| (s, i, j)));
    }
    found.sort_by(|a, b| b.0.total_cmp(&a.0).then(a.1.cmp(&b.1)).then(a.2.cmp(&b.2)));
    found
        .into_iter()
        .map(|(score, i, j)| Match {
            left: i,
            right: j,
            score,
            shared: left[i]
                .shared_terms(&right[j], vocab, SHARED_TERMS)
                .into_iter()
                .map(|(t, _)| t)
                .collect(),
        })
        .collect()
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;

    const EPS: f64 = 1e-12;

    fn tags(t: &[&str]) -> Vec<String> {
        t.iter().map(|s| (*s).to_owned()).collect()
    }

    fn term_map(terms: &[(String, f64)]) -> HashMap<&str, f64> {
        terms.iter().map(|(t, w)| (t.as_str(), *w)).collect()
    }

    /// Analyzes, builds the vocabulary over all docs, returns it and the vectors.
    fn corpus(docs: &[(&str, &[&str])]) -> (Vocabulary, Vec<TermVector>) {
        let an = Analyzer::default();
        let terms: Vec<_> = docs.iter().map(|(t, g)| an.terms(t, &tags(g))).collect();
        let vocab = Vocabulary::build(terms.iter().map(Vec::as_slice));
        let vectors = terms.iter().map(|d| vocab.vector(d)).collect();
        (vocab, vectors)
    }

    fn raw(terms: &[&str]) -> Vec<(String, f64)> {
        terms.iter().map(|t| ((*t).to_owned(), 1.0)).collect()
    }

    #[test]
    fn stemming_rules() {
        for (word, stemmed) in [
            ("mentors", "mentor"),
            ("mentoring", "mentor"),
            ("mentor", "mentor"),
            ("sales", "sale"),
            ("jobs", "job"),
            ("vcs", "vcs"),
            ("business", "business"),
            ("classes", "class"),
            ("taxes", "tax"),
            ("coaches", "coach"),
            ("companies", "company"),
            ("ties", "tie"),
            ("status", "status"),
            ("analysis", "analysis"),
            ("saas", "saas"),
            ("news", "news"),
            ("meetings", "meet"),
            ("planning", "plan"),
            ("selling", "sell"),
            ("staffing", "staff"),
            ("engineering", "engineer"),
            ("hiring", "hiring"),
            ("coding", "coding"),
            ("string", "string"),
            ("c++", "c++"),
            ("2024s", "2024s"),
            ("", ""),
        ] {
            assert_eq!(stem(word), stemmed, "{word}");
        }
    }

    #[test]
    fn terms_from_text_and_tags() {
        let an = Analyzer::default();
        let t = an.terms(
            "Looking for someone who knows Machine-Learning, #rust and mentors",
            &tags(&["Machine  Learning", "rust", "RUST", "#Rust", "help"]),
        );
        let m = term_map(&t);
        assert_eq!(m["#machine learning"], 2.0);
        assert_eq!(m["#rust"], 2.0); // duplicates of a tag count once
        assert_eq!(m["#help"], 2.0); // a whole tag is kept even if a stop word
        assert_eq!(m["machine"], 2.0); // once in text, once from the tag
        assert_eq!(m["learn"], 2.0);
        assert_eq!(m["rust"], 2.0); // "#rust" in text is the word rust
        assert_eq!(m["mentor"], 1.0);
        for dropped in ["looking", "for", "someone", "who", "knows", "help", "and"] {
            assert!(!m.contains_key(dropped), "{dropped}");
        }
        assert_eq!(t.len(), 7);
        let sorted: Vec<&String> = t.iter().map(|(s, _)| s).collect();
        let mut again = sorted.clone();
        again.sort();
        assert_eq!(sorted, again);

        let no_tags = Analyzer::default().with_tag_weight(0.0);
        assert_eq!(
            no_tags.terms("", &tags(&["Rust"])),
            vec![("rust".to_owned(), 1.0)]
        );
        let heavy = Analyzer::default()
            .with_tag_weight(3.0)
            .with_tag_weight(f64::NAN);
        assert_eq!(heavy.tag_weight(), 3.0);
        let own = Analyzer::default().with_stop_words(["Zoë"]);
        assert!(own.is_stop_word("ZOE"));
        assert!(own.terms("zoe", &[]).is_empty());
        assert!(an.terms("  -- ", &[]).is_empty());
    }

    #[test]
    fn accents_and_case_fold() {
        let an = Analyzer::default();
        assert_eq!(
            an.terms("Zoë RUST Café", &tags(&["Café"])),
            an.terms("zoe rust cafe", &tags(&["CAFE"]))
        );
        let (_, v) = corpus(&[("Zoë's Rust café", &[]), ("zoe rust CAFE", &[]), ("x", &[])]);
        assert!((v[0].cosine(&v[1]) - 1.0).abs() < EPS);
    }

    #[test]
    fn idf_is_smoothed() {
        let docs = [raw(&["a", "b"]), raw(&["b"]), raw(&["b", "c", "c"])];
        let vocab = Vocabulary::build(docs.iter().map(Vec::as_slice));
        assert_eq!(vocab.documents(), 3);
        assert_eq!(vocab.len(), 3);
        assert!(!vocab.is_empty());
        // ln((1 + 3) / (1 + df)) + 1
        assert!((vocab.idf("b") - 1.0).abs() < EPS);
        assert!((vocab.idf("a") - (2f64.ln() + 1.0)).abs() < EPS);
        assert!((vocab.idf("c") - (2f64.ln() + 1.0)).abs() < EPS);
        assert!((vocab.idf("unknown") - (4f64.ln() + 1.0)).abs() < EPS);
        assert_eq!(vocab.df("b"), 3);
        assert_eq!(vocab.df("c"), 1); // once per document
        // ids by decreasing df, ties by term
        assert_eq!(vocab.id("b"), Some(0));
        assert_eq!(vocab.id("a"), Some(1));
        assert_eq!(vocab.id("c"), Some(2));
        assert_eq!(vocab.term(2), Some("c"));
        assert_eq!(vocab.term(3), None);
        let empty = Vocabulary::build(std::iter::empty());
        assert!(empty.is_empty());
        assert_eq!(empty.documents(), 0);
        assert!((empty.idf("x") - 1.0).abs() < EPS);
    }

    #[test]
    fn vectors_are_tf_idf_unit_norm_sorted() {
        let docs = [raw(&["a", "b"]), raw(&["b"]), raw(&["b", "c", "c"])];
        let vocab = Vocabulary::build(docs.iter().map(Vec::as_slice));
        let v = vocab.vector(&docs[2]);
        // c: tf 2 · (1 + ln 2); b: tf 1 · 1
        let wc = 2.0 * (1.0 + 2f64.ln());
        let n = (wc * wc + 1.0).sqrt();
        assert_eq!(v.len(), 2);
        assert_eq!(v.entries()[0].0, 0);
        assert!((v.entries()[0].1 - 1.0 / n).abs() < EPS);
        assert_eq!(v.entries()[1].0, 2);
        assert!((v.entries()[1].1 - wc / n).abs() < EPS);
        for d in &docs {
            assert!((vocab.vector(d).norm() - 1.0).abs() < EPS);
        }
        // An unseen term counts in the length but has no entry.
        let partly = vocab.vector(&raw(&["b", "zzz"]));
        let unseen = 4f64.ln() + 1.0;
        assert_eq!(partly.len(), 1);
        assert!((partly.norm() - 1.0 / (1.0 + unseen * unseen).sqrt()).abs() < EPS);
        assert!(vocab.vector(&[]).is_empty());
        assert!(vocab.vector(&[("a".to_owned(), 0.0)]).is_empty());
        assert_eq!(vocab.vector(&[]).norm(), 0.0);
    }

    #[test]
    fn cosine_identical_disjoint_symmetric_and_hand_computed() {
        let (_, v) = corpus(&[
            ("rust mentor", &[]),
            ("rust", &[]),
            ("pottery", &[]),
            ("", &[]),
        ]);
        assert!((v[0].cosine(&v[0]) - 1.0).abs() < EPS);
        assert!(v[0].cosine(&v[0]) <= 1.0);
        assert_eq!(v[0].cosine(&v[2]), 0.0);
        assert_eq!(v[0].cosine(&v[3]), 0.0);
        assert_eq!(v[3].cosine(&v[3]), 0.0);
        assert_eq!(v[0].cosine(&v[1]), v[1].cosine(&v[0]));
        // N = 4; rust in 2 docs, mentor in 1
        let w_rust = (5f64 / 3.0).ln() + 1.0;
        let w_mentor = (5f64 / 2.0).ln() + 1.0;
        let expected = w_rust / (w_rust * w_rust + w_mentor * w_mentor).sqrt();
        assert!((v[0].cosine(&v[1]) - expected).abs() < EPS);
    }

    #[test]
    fn rust_mentor_need_meets_rust_mentoring_offer() {
        let (vocab, v) = corpus(&[
            ("A Rust mentor", &[]),
            ("Rust code reviews and mentoring", &["rust", "mentoring"]),
            ("A Rust mentor", &["Rust", "Mentoring"]),
            ("Help with my garden", &["gardening"]),
        ]);
        let needs = [v[0].clone(), v[2].clone()];
        let offers = [v[1].clone(), v[3].clone()];
        let found = match_sets(&needs, &offers, 0.05, &vocab);
        assert_eq!(found.len(), 2);
        assert!(found.iter().all(|m| m.right == 0));
        let untagged = found.iter().find(|m| m.left == 0).unwrap();
        assert!(untagged.shared.contains(&"rust".to_owned()));
        assert!(untagged.shared.contains(&"mentor".to_owned())); // mentor ~ mentoring
        let tagged = found.iter().find(|m| m.left == 1).unwrap();
        for t in ["#rust", "#mentoring", "rust", "mentor"] {
            assert!(tagged.shared.contains(&t.to_owned()), "{t}");
        }
        assert!(tagged.score > untagged.score); // tags say more
        let shared = v[2].shared_terms(&v[1], &vocab, 10);
        assert_eq!(shared.len(), 4);
        let sum: f64 = shared.iter().map(|s| s.1).sum();
        assert!((sum - v[2].cosine(&v[1])).abs() < EPS);
        assert!(shared.windows(2).all(|w| w[0].1 >= w[1].1));
        assert_eq!(v[2].shared_terms(&v[1], &vocab, 1).len(), 1);
    }

    #[test]
    fn stop_words_never_match() {
        let (vocab, v) = corpus(&[
            ("Looking for a designer", &[]),
            ("I can help for a while with the taxes", &[]),
            ("looking for a", &[]),
            ("for a", &[]),
        ]);
        assert_eq!(v[0].cosine(&v[1]), 0.0);
        assert!(v[2].is_empty() && v[3].is_empty());
        assert_eq!(v[2].cosine(&v[3]), 0.0);
        assert!(
            match_sets(&v, &v, 0.0, &vocab)
                .iter()
                .all(|m| m.left == m.right)
        );
    }

    #[test]
    fn rare_shared_term_outweighs_common_one() {
        let (vocab, v) = corpus(&[
            ("python haskell", &[]),
            ("python", &[]),
            ("haskell", &[]),
            ("python django", &[]),
            ("python flask", &[]),
            ("python numpy", &[]),
        ]);
        assert!(vocab.idf("haskell") > vocab.idf("python"));
        assert!(v[0].cosine(&v[2]) > v[0].cosine(&v[1]));
        let found = match_sets(&v[..1], &v[1..3], 0.0, &vocab);
        assert_eq!(found.len(), 2);
        assert_eq!(found[0].right, 1); // "haskell" first
        assert_eq!(found[0].shared, vec!["haskell".to_owned()]);
    }

    /// A tiny LCG (Knuth's MMIX constants), so the random corpus is the same on every run.
    struct Lcg(u64);

    impl Lcg {
        fn next(&mut self, n: usize) -> usize {
            self.0 = self
                .0
                .wrapping_mul(6364136223846793005)
                .wrapping_add(1442695040888963407);
            ((self.0 >> 33) as usize) % n
        }
    }

    fn random_docs(rng: &mut Lcg, count: usize) -> Vec<(String, Vec<String>)> {
        const WORDS: &[&str] = &[
            "rust",
            "python",
            "design",
            "sales",
            "climate",
            "investors",
            "hiring",
            "mentoring",
            "marketing",
            "fundraising",
            "pottery",
            "sourdough",
            "legal",
            "tax",
            "kubernetes",
            "haskell",
            "writing",
            "editing",
            "podcast",
            "music",
            "piano",
            "running",
            "cycling",
            "chess",
            "spanish",
            "french",
            "housing",
            "berlin",
            "london",
            "startups",
            "for",
            "a",
            "looking",
            "the",
        ];
        const TAGS: &[&str] = &[
            "rust",
            "machine learning",
            "design",
            "climate",
            "Zoë",
            "sales",
        ];
        (0..count)
            .map(|_| {
                let words = 1 + rng.next(5);
                // Skewed towards the front of the list, so some terms are common.
                let text: Vec<&str> = (0..words)
                    .map(|_| WORDS[rng.next(WORDS.len()) * rng.next(WORDS.len()) / WORDS.len()])
                    .collect();
                let tags: Vec<String> = (0..rng.next(3))
                    .map(|_| TAGS[rng.next(TAGS.len())].to_owned())
                    .collect();
                (text.join(" "), tags)
            })
            .collect()
    }

    fn random_sets(seed: u64) -> (Vocabulary, Vec<TermVector>, Vec<TermVector>) {
        let mut rng = Lcg(seed);
        let left = random_docs(&mut rng, 200);
        let right = random_docs(&mut rng, 200);
        let an = Analyzer::default();
        let lt: Vec<_> = left.iter().map(|(t, g)| an.terms(t, g)).collect();
        let rt: Vec<_> = right.iter().map(|(t, g)| an.terms(t, g)).collect();
        let vocab = Vocabulary::build(lt.iter().chain(&rt).map(Vec::as_slice));
        let lv = lt.iter().map(|d| vocab.vector(d)).collect();
        let rv = rt.iter().map(|d| vocab.vector(d)).collect();
        (vocab, lv, rv)
    }

    fn brute_force(
        left: &[TermVector],
        right: &[TermVector],
        threshold: f64,
        within: bool,
    ) -> Vec<(f64, usize, usize)> {
        let mut out = Vec::new();
        for (i, x) in left.iter().enumerate() {
            for (j, y) in right.iter().enumerate() {
                if within && j <= i {
                    continue;
                }
                let s = x.cosine(y);
                if s > 0.0 && s >= threshold {
                    out.push((s, i, j));
                }
            }
        }
        out.sort_by(|a, b| b.0.total_cmp(&a.0).then(a.1.cmp(&b.1)).then(a.2.cmp(&b.2)));
        out
    }

    fn triples(found: &[Match]) -> Vec<(f64, usize, usize)> {
        found.iter().map(|m| (m.score, m.left, m.right)).collect()
    }

    const THRESHOLDS: [f64; 7] = [-1.0, 0.0, 0.05, 0.2, 0.5, 0.9, 1.0];

    #[test]
    fn match_sets_equals_brute_force() {
        for seed in [1, 42, 2024] {
            let (vocab, left, right) = random_sets(seed);
            let mut sizes = Vec::new();
            for t in THRESHOLDS {
                let found = match_sets(&left, &right, t, &vocab);
                assert_eq!(triples(&found), brute_force(&left, &right, t, false), "{t}");
                for m in &found {
                    assert!(!m.shared.is_empty() && m.shared.len() <= SHARED_TERMS);
                    let first = left[m.left].shared_terms(&right[m.right], &vocab, 1);
                    assert_eq!(m.shared[0], first[0].0);
                }
                sizes.push(found.len());
            }
            // The random sets exercise the thresholds: many pairs at 0, fewer above.
            assert!(sizes[1] > 1000, "{sizes:?}");
            assert!(sizes[1] < 200 * 200, "{sizes:?}");
            assert!(sizes[4] > 0 && sizes[4] < sizes[1], "{sizes:?}");
        }
    }

    #[test]
    fn match_within_equals_brute_force() {
        let (vocab, left, _) = random_sets(7);
        for t in THRESHOLDS {
            let found = match_within(&left, t, &vocab);
            assert_eq!(triples(&found), brute_force(&left, &left, t, true), "{t}");
            assert!(found.iter().all(|m| m.left < m.right));
        }
    }

    #[test]
    fn top_k_per_left_keeps_the_best_k() {
        let (vocab, left, right) = random_sets(99);
        for k in [0, 1, 3, 10] {
            for t in [0.0, 0.3] {
                let found = top_k_per_left(&left, &right, k, t, &vocab);
                let mut expected = Vec::new();
                let all = brute_force(&left, &right, t, false);
                for i in 0..left.len() {
                    let mut row: Vec<_> = all.iter().filter(|m| m.1 == i).copied().collect();
                    row.truncate(k); // already score desc, then right
                    expected.extend(row);
                }
                expected
                    .sort_by(|a, b| b.0.total_cmp(&a.0).then(a.1.cmp(&b.1)).then(a.2.cmp(&b.2)));
                assert_eq!(triples(&found), expected, "k {k} t {t}");
                let mut per_left: HashMap<usize, usize> = HashMap::new();
                for m in &found {
                    *per_left.entry(m.left).or_default() += 1;
                }
                assert!(per_left.values().all(|&n| n <= k));
                assert!(found.windows(2).all(|w| w[0].score >= w[1].score));
            }
        }
    }

    #[test]
    fn output_is_deterministic_and_ties_go_by_index() {
        let (vocab, v) = corpus(&[
            ("rust", &[]),
            ("rust", &[]),
            ("rust", &[]),
            ("pottery", &[]),
        ]);
        let found = match_sets(&v, &v, 0.5, &vocab);
        let pairs: Vec<(usize, usize)> = found.iter().map(|m| (m.left, m.right)).collect();
        let mut expected = Vec::new();
        for i in 0..3 {
            for j in 0..3 {
                expected.push((i, j));
            }
        }
        expected.push((3, 3));
        assert_eq!(pairs, expected);
        assert_eq!(found, match_sets(&v, &v, 0.5, &vocab));
        let (vocab, left, right) = random_sets(5);
        let a = match_sets(&left, &right, 0.1, &vocab);
        let b = match_sets(&left, &right, 0.1, &vocab);
        assert_eq!(a, b);
        // The vocabulary does not depend on document order.
        let an = Analyzer::default();
        let docs = [an.terms("rust mentor", &[]), an.terms("pottery rust", &[])];
        let one = Vocabulary::build(docs.iter().map(Vec::as_slice));
        let two = Vocabulary::build(docs.iter().rev().map(Vec::as_slice));
        for t in ["rust", "mentor", "pottery"] {
            assert_eq!(one.id(t), two.id(t));
        }
    }

    #[test]
    fn empty_inputs_match_nothing() {
        let vocab = Vocabulary::default();
        assert!(match_sets(&[], &[], 0.0, &vocab).is_empty());
        let (vocab, v) = corpus(&[("rust", &[]), ("", &[])]);
        assert!(match_sets(&v, &[], 0.0, &vocab).is_empty());
        assert!(match_sets(&[], &v, 0.0, &vocab).is_empty());
        assert!(match_sets(&v[1..], &v, 0.0, &vocab).is_empty());
        assert!(match_sets(&v, &v, f64::NAN, &vocab).len() == 1);
        assert!(match_sets(&v, &v, 1.5, &vocab).is_empty());
    }

    #[test]
    fn matches_serialize() {
        let m = Match {
            left: 1,
            right: 2,
            score: 0.5,
            shared: vec!["#rust".to_owned()],
        };
        assert_eq!(
            serde_json::to_string(&m).unwrap(),
            r##"{"left":1,"right":2,"score":0.5,"shared":["#rust"]}"##
        );
    }
}
