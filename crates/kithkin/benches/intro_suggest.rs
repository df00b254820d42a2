//! Introduction suggestions at scale: `suggest` (top 10 for every person) and
//! `suggest_bruteforce` on generated networks of 10k and 20k people, checking that both agree.
//! `KITHKIN_BENCH_SUGGEST_SIZES=10000,20000,100000` overrides the sizes (the brute force runs
//! on sizes up to 20 000). 100k is left out by default: until the interest join prunes with
//! prefix/L2 bounds, popular interest terms make the fast path nearly quadratic (see
//! docs/benchmarks.md). Contacts are built as the app's `intro_suggest` does.

use std::time::{Duration, Instant};

use kithkin_core::PersonId;
use kithkin_core::exchange::{HelpKind, HelpStatus};
use kithkin_core::matcher::{Analyzer, Vocabulary};
use kithkin_core::suggest::{
    Contact, SuggestInput, SuggestWeights, Suggestion, suggest, suggest_bruteforce,
};
use kithkin_core::synth::{GenConfig, Generator};
use std::collections::{HashMap, HashSet};

type Terms = Vec<(String, f64)>;

/// Contacts, vocabulary, knows pairs and excluded pairs, as `intro_suggest` builds them.
struct Network {
    contacts: Vec<Contact>,
    vocab: Vocabulary,
    knows: Vec<(usize, usize)>,
    excluded: HashSet<(usize, usize)>,
}

/// Merges duplicate terms by summing their weights, sorted by term.
fn merge(v: &mut Terms) {
    v.sort_by(|a, b| a.0.cmp(&b.0));
    let mut out: Terms = Vec::with_capacity(v.len());
    for (t, w) in v.drain(..) {
        match out.last_mut() {
            Some(last) if last.0 == t => last.1 += w,
            _ => out.push((t, w)),
        }
    }
    *v = out;
}

fn network(people: usize, seed: u64) -> Network {
    let now: jiff::Timestamp = "2026-05-01T12:00:00Z".parse().unwrap_or_default();
    let mut generator = Generator::new(GenConfig::new(people, seed, now));
    let me = generator.me().id;
    let analyzer = Analyzer::default();
    let mut index: HashMap<PersonId, usize> = HashMap::new();
    let mut planted = Vec::new();
    let mut needs: Vec<Terms> = Vec::new();
    let mut offers: Vec<Terms> = Vec::new();
    let mut interests: Vec<Terms> = Vec::new();
    let mut links = Vec::new();
    let mut items = Vec::new();
    while let Some((batch, batch_planted)) = generator.next_batch(1000) {
        for p in &batch.people {
            index.insert(p.id, needs.len());
            let mut exp = Terms::new();
            for label in &p.profile.expertise {
                exp.extend(analyzer.terms("", std::slice::from_ref(label)));
            }
            let mut int = Terms::new();
            for label in &p.profile.interests {
                int.extend(analyzer.terms("", std::slice::from_ref(label)));
            }
            needs.push(Terms::new());
            offers.push(exp);
            interests.push(int);
        }
        planted.extend(batch_planted);
        links.extend(batch.knows);
        items.extend(batch.help_items);
    }
    for h in items.iter().filter(|h| h.status == HelpStatus::Open) {
        if let Some(&i) = index.get(&h.person) {
            let terms = analyzer.help_item_terms(h);
            if h.kind == HelpKind::Need {
                needs[i].extend(terms);
            } else {
                offers[i].extend(terms);
            }
        }
    }
    needs
        .iter_mut()
        .chain(offers.iter_mut())
        .chain(interests.iter_mut())
        .for_each(merge);
    let vocab = Vocabulary::build(
        needs
            .iter()
            .chain(offers.iter())
            .chain(interests.iter())
            .map(Vec::as_slice),
    );
    let contacts: Vec<Contact> = planted
        .iter()
        .enumerate()
        .map(|(i, p)| Contact {
            person: p.person,
            vouch: p.closeness,
            needs: vocab.vector(&needs[i]),
            offers: vocab.vector(&offers[i]),
            interests: vocab.vector(&interests[i]),
            community: Some(p.community),
        })
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
    Network {
        contacts,
        vocab,
        knows,
        excluded,
    }
}

const BRUTE_MAX: usize = 20_000;

fn count(lists: &[Vec<Suggestion>]) -> usize {
    lists.iter().map(Vec::len).sum()
}

fn main() {
    let sizes: Vec<usize> = std::env::var("KITHKIN_BENCH_SUGGEST_SIZES")
        .ok()
        .map(|s| {
            s.split(',')
                .filter_map(|x| x.trim().replace('_', "").parse().ok())
                .collect()
        })
        .filter(|v: &Vec<usize>| !v.is_empty())
        .unwrap_or_else(|| vec![10_000, 20_000]);
    let weights = SuggestWeights::default();
    for n in sizes {
        let t = Instant::now();
        let net = network(n, 7);
        let built = t.elapsed();
        let input = SuggestInput {
            contacts: &net.contacts,
            vocab: &net.vocab,
            knows: &net.knows,
            excluded: &net.excluded,
        };
        println!(
            "n={n}: built {} contacts, {} knows pairs in {}",
            net.contacts.len(),
            net.knows.len(),
            ms(built)
        );
        let t = Instant::now();
        let fast = suggest(&input, &weights, 10);
        let fast_time = t.elapsed();
        let served = fast.iter().filter(|l| !l.is_empty()).count();
        println!(
            "n={n}: suggest            {:>12}  {} suggestions, {served} people served",
            ms(fast_time),
            count(&fast)
        );
        if n <= BRUTE_MAX {
            let t = Instant::now();
            let brute = suggest_bruteforce(&input, &weights, 10);
            let brute_time = t.elapsed();
            println!(
                "n={n}: suggest_bruteforce {:>12}  {} suggestions",
                ms(brute_time),
                count(&brute)
            );
            assert!(
                fast == brute,
                "n={n}: fast and brute-force suggestions differ"
            );
            println!(
                "n={n}: brute/fast = {:.2}x (results identical)",
                brute_time.as_secs_f64() / fast_time.as_secs_f64()
            );
        }
    }
}

fn ms(d: Duration) -> String {
    format!("{:.1} ms", d.as_secs_f64() * 1000.0)
}
