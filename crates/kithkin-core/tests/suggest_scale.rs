//! Scale test of introduction suggestions: on a generated network of 10 000 people, built the
//! way the app builds it, the fast path must agree exactly with the brute force.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use kithkin_core::PersonId;
use kithkin_core::exchange::{HelpKind, HelpStatus};
use kithkin_core::matcher::{Analyzer, Vocabulary};
use kithkin_core::suggest::{Contact, SuggestInput, SuggestWeights, suggest, suggest_bruteforce};
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
    let now: jiff::Timestamp = "2026-05-01T12:00:00Z".parse().unwrap();
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
        .map(|(i, p)| {
            assert_eq!(index[&p.person], i);
            Contact {
                person: p.person,
                vouch: p.closeness,
                needs: vocab.vector(&needs[i]),
                offers: vocab.vector(&offers[i]),
                interests: vocab.vector(&interests[i]),
                community: Some(p.community),
            }
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

#[test]
fn fast_suggestions_equal_bruteforce_on_ten_thousand_people() {
    let net = network(10_000, 7);
    assert_eq!(net.contacts.len(), 10_000);
    assert!(!net.knows.is_empty());
    let input = SuggestInput {
        contacts: &net.contacts,
        vocab: &net.vocab,
        knows: &net.knows,
        excluded: &net.excluded,
    };
    let weights = SuggestWeights::default();
    // Both paths score most of the 50 million pairs here (popular interest terms put most
    // pairs into the candidate set), so run them side by side.
    let (fast, brute) = std::thread::scope(|s| {
        let brute = s.spawn(|| suggest_bruteforce(&input, &weights, 10));
        let fast = suggest(&input, &weights, 10);
        (fast, brute.join().unwrap())
    });
    assert_eq!(fast.len(), 10_000);
    assert!(fast == brute, "fast and brute-force suggestions differ");
    let served = fast.iter().filter(|l| !l.is_empty()).count();
    let total: usize = fast.iter().map(Vec::len).sum();
    eprintln!("{served} of 10000 people have suggestions; {total} suggestions in all");
    // Seed 7 gives suggestions to all 10 000 people (100 000 in all).
    assert!(
        served >= 9_900,
        "only {served} of 10000 people have suggestions"
    );
}
