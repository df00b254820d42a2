//! Scale test of introduction suggestions: on a generated network of 10 000 people, built the
//! way the app builds it, the fast path must agree exactly with the brute force.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use kithkin_core::suggest::{
    GeneratedNetwork, SuggestInput, SuggestWeights, generated_network, suggest, suggest_bruteforce,
};

fn network(people: usize, seed: u64) -> GeneratedNetwork {
    generated_network(people, seed)
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
