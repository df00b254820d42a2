//! Introduction suggestions at scale: `suggest` (top 10 for every person) and
//! `suggest_bruteforce` on generated networks of 10k and 20k people, checking that both agree.
//! Sizes default to 10 000, 20 000 and 100 000; `KITHKIN_BENCH_SUGGEST_SIZES=10000,20000`
//! overrides them. Up to 20 000 people the fast path is also timed on one thread and the
//! brute force (one thread) runs, so the ratio compares like with like. Contacts are built as
//! the app's `intro_suggest` does.

use std::time::{Duration, Instant};

use kithkin_core::suggest::{
    GeneratedNetwork, SuggestInput, SuggestWeights, Suggestion, generated_network, suggest,
    suggest_bruteforce, suggest_threads,
};

fn network(people: usize, seed: u64) -> GeneratedNetwork {
    generated_network(people, seed)
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
        .unwrap_or_else(|| vec![10_000, 20_000, 100_000]);
    let threads = std::thread::available_parallelism().map_or(1, usize::from);
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
            "n={n}: suggest ({threads} threads) {:>12}  {} suggestions, {served} people served",
            ms(fast_time),
            count(&fast)
        );
        if n <= BRUTE_MAX {
            let t = Instant::now();
            let single = suggest_threads(&input, &weights, 10, 1);
            let single_time = t.elapsed();
            println!("n={n}: suggest (1 thread)   {:>12}", ms(single_time));
            assert!(fast == single, "n={n}: thread counts disagree");
            let t = Instant::now();
            let brute = suggest_bruteforce(&input, &weights, 10);
            let brute_time = t.elapsed();
            println!(
                "n={n}: suggest_bruteforce (1 thread) {:>12}  {} suggestions",
                ms(brute_time),
                count(&brute)
            );
            assert!(
                fast == brute,
                "n={n}: fast and brute-force suggestions differ"
            );
            println!(
                "n={n}: brute/fast = {:.1}x on one thread, {:.1}x against {threads} threads (results identical)",
                brute_time.as_secs_f64() / single_time.as_secs_f64(),
                brute_time.as_secs_f64() / fast_time.as_secs_f64()
            );
        }
    }
}

fn ms(d: Duration) -> String {
    format!("{:.1} ms", d.as_secs_f64() * 1000.0)
}
