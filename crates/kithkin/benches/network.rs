//! The network algorithms alone, in process, on an exported graph: Louvain with modularity,
//! and constraint with effective size for every node — what `kithkin report network` computes
//! after reading the database. `network_vs_networkx.py` runs it on the graph it exports
//! (`KITHKIN_BENCH_GRAPH=graph.csv cargo bench -p kithkin --bench network`), to compare the
//! algorithms with networkx's and igraph's without the database read. Without the variable it
//! times a random graph of 100k nodes and 500k edges.

use kithkin_core::community::{WeightedGraph, louvain, modularity};
use kithkin_core::structure::{Graph, structural_holes};
use std::collections::HashMap;
use std::time::Instant;

fn main() {
    let (n, edges) = match std::env::var("KITHKIN_BENCH_GRAPH") {
        Ok(path) if !path.is_empty() => read(&path),
        _ => random(100_000, 500_000),
    };
    let t = Instant::now();
    let weighted = WeightedGraph::new(n, &edges);
    let labels = louvain(&weighted);
    let q = modularity(&weighted, &labels);
    let louvain_s = t.elapsed().as_secs_f64();
    let communities = labels.iter().max().map_or(0, |&m| m + 1);
    let t = Instant::now();
    let graph = Graph::new(n, &edges);
    let holes = structural_holes(&graph);
    let holes_s = t.elapsed().as_secs_f64();
    let measured = holes.iter().flatten().count();
    println!(
        "{{\"nodes\": {n}, \"edges\": {}, \"louvain_seconds\": {louvain_s:.4}, \"communities\": {communities}, \"modularity\": {q:.6}, \"holes_seconds\": {holes_s:.4}, \"measured\": {measured}}}",
        edges.len()
    );
}

/// Reads `source_id,target_id,weight` from an exported CSV (the ids are the 4th and 5th
/// columns; names may contain commas, so the csv crate reads it).
fn read(path: &str) -> (usize, Vec<(usize, usize, f64)>) {
    let mut reader = match csv::Reader::from_path(path) {
        Ok(r) => r,
        Err(e) => {
            eprintln!("cannot read {path}: {e}");
            std::process::exit(2);
        }
    };
    let mut index: HashMap<String, usize> = HashMap::new();
    let mut edges = Vec::new();
    for record in reader.records() {
        let Ok(r) = record else { continue };
        let (Some(w), Some(a), Some(b)) = (r.get(2), r.get(3), r.get(4)) else {
            continue;
        };
        let Ok(w) = w.parse::<f64>() else { continue };
        let next = index.len();
        let a = *index.entry(a.to_owned()).or_insert(next);
        let next = index.len();
        let b = *index.entry(b.to_owned()).or_insert(next);
        edges.push((a, b, w));
    }
    (index.len(), edges)
}

/// A seeded random graph (xorshift), weights in (0, 1].
fn random(n: usize, m: usize) -> (usize, Vec<(usize, usize, f64)>) {
    let mut s: u64 = 0x9E37_79B9_7F4A_7C15;
    let mut next = move || {
        s ^= s << 13;
        s ^= s >> 7;
        s ^= s << 17;
        s
    };
    let edges = (0..m)
        .map(|_| {
            let a = (next() % n as u64) as usize;
            let b = (next() % n as u64) as usize;
            let w = ((next() % 1000) + 1) as f64 / 1000.0;
            (a, b, w)
        })
        .collect();
    (n, edges)
}
