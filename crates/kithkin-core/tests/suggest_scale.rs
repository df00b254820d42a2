//! Scale test of introduction suggestions: on a generated network of 10 000 people, built the
//! way the app builds it, the fast path must agree exactly with the brute force.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use kithkin_core::PersonId;
use kithkin_core::matcher::Vocabulary;
use kithkin_core::suggest::{
    Contact, ContactBasics, SuggestInput, SuggestWeights, build_contacts, suggest,
    suggest_bruteforce,
};
use kithkin_core::synth::{GenConfig, Generator};
use std::collections::{HashMap, HashSet};

/// Contacts, vocabulary, knows pairs and excluded pairs, as `intro_suggest` builds them.
struct Network {
    contacts: Vec<Contact>,
    vocab: Vocabulary,
    knows: Vec<(usize, usize)>,
    excluded: HashSet<(usize, usize)>,
}

fn network(people: usize, seed: u64) -> Network {
    let now: jiff::Timestamp = "2026-05-01T12:00:00Z".parse().unwrap_or_default();
    let mut generator = Generator::new(GenConfig::new(people, seed, now));
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
