//! Cross-checks `kithkin_core::structure` (Burt's constraint and effective size) and
//! `kithkin_core::community::modularity` against networkx: generates graphs, writes them as CSV,
//! runs `tests/structure_check.py` (networkx 3.x) and compares every node within 1e-9.
//!
//! Without `python3` + `networkx` the tests print "skipped: python networkx not installed" and
//! pass, unless `KITHKIN_REQUIRE_PYTHON=1` is set (CI sets it after `pip install networkx`).
#![allow(clippy::unwrap_used, clippy::expect_used)]

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::process::Command;

use kithkin_core::community::{WeightedGraph, louvain, modularity};
use kithkin_core::structure::{Graph, structural_holes};
use serde_json::Value;

const TOLERANCE: f64 = 1e-9;

/// True when the checker can run; false (after saying so) when the test should be skipped.
fn python_ready() -> bool {
    let ok = Command::new("python3")
        .args(["-c", "import networkx"])
        .output()
        .map(|o| o.status.success())
        .unwrap_or(false);
    if ok {
        return true;
    }
    if std::env::var("KITHKIN_REQUIRE_PYTHON").as_deref() == Ok("1") {
        panic!(
            "KITHKIN_REQUIRE_PYTHON=1 but `python3 -c \"import networkx\"` fails; \
             run `pip install networkx`"
        );
    }
    println!("skipped: python networkx not installed");
    false
}

fn checker() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/structure_check.py")
}

/// A scratch directory removed on drop (the core crate has no `tempfile`).
struct Scratch(PathBuf);

impl Scratch {
    fn new(name: &str) -> Self {
        let dir =
            std::env::temp_dir().join(format!("kithkin-structure-{}-{name}", std::process::id()));
        let _ = std::fs::remove_dir_all(&dir);
        std::fs::create_dir_all(&dir).unwrap();
        Scratch(dir)
    }
}

impl Drop for Scratch {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.0);
    }
}

/// SplitMix64: a small seeded generator, so the graphs are the same on every run.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    fn below(&mut self, n: usize) -> usize {
        (self.next() % n as u64) as usize
    }

    /// An integer weight 1..=5 or a fractional one in (0, 3).
    fn weight(&mut self) -> f64 {
        if self.next().is_multiple_of(2) {
            (1 + self.below(5)) as f64
        } else {
            (1 + self.below(2999)) as f64 / 1000.0
        }
    }
}

/// The graph as networkx must see it: each pair once, `u < v`, with parallel weights summed in
/// input order (as `Graph::new` sums them), self-loops and out-of-range nodes left out.
fn summed(n: usize, edges: &[(usize, usize, f64)]) -> BTreeMap<(usize, usize), f64> {
    let mut pairs = BTreeMap::new();
    for &(u, v, w) in edges {
        if u == v || u >= n || v >= n || !(w > 0.0 && w.is_finite()) {
            continue;
        }
        *pairs.entry((u.min(v), u.max(v))).or_insert(0.0) += w;
    }
    pairs
}

/// Writes the graph and the Louvain partition, runs networkx, and compares every node and Q.
fn check(name: &str, n: usize, edges: &[(usize, usize, f64)], unweighted: bool) {
    let scratch = Scratch::new(name);
    let mut csv = String::from("source,target,weight\n");
    for ((u, v), w) in summed(n, edges) {
        csv.push_str(&format!("{u},{v},{w}\n"));
    }
    let edges_path = scratch.0.join("edges.csv");
    std::fs::write(&edges_path, csv).unwrap();

    let communities = louvain(&WeightedGraph::new(n, edges));
    let mut part = String::from("node,community\n");
    for (v, c) in communities.iter().enumerate() {
        part.push_str(&format!("{v},{c}\n"));
    }
    let part_path = scratch.0.join("partition.csv");
    std::fs::write(&part_path, part).unwrap();

    let mut cmd = Command::new("python3");
    cmd.arg(checker()).arg(&edges_path).arg(n.to_string());
    if unweighted {
        cmd.arg("--unweighted");
    }
    let out = cmd.arg("--partition").arg(&part_path).output().unwrap();
    assert!(
        out.status.success(),
        "structure_check.py failed on {name} ({}):\n{}",
        out.status,
        String::from_utf8_lossy(&out.stderr)
    );
    let json: Value = serde_json::from_slice(&out.stdout).unwrap();

    let g = Graph::new(n, edges);
    let holes = structural_holes(&g);
    let theirs = json["holes"].as_object().unwrap();
    assert_eq!(theirs.len(), n, "{name}: networkx saw another node count");
    let mut isolated = 0;
    let mut worst = 0.0f64;
    for (v, ours) in holes.iter().enumerate() {
        let pair = theirs[&v.to_string()].as_array().unwrap();
        match ours {
            None => {
                assert!(
                    pair[0].is_null() && pair[1].is_null(),
                    "{name}: node {v} is isolated here, networkx gives {pair:?}"
                );
                isolated += 1;
            }
            Some(h) => {
                let (c, e) = (pair[0].as_f64().unwrap(), pair[1].as_f64().unwrap());
                worst = worst
                    .max((h.constraint - c).abs())
                    .max((h.effective_size - e).abs());
                assert!(
                    (h.constraint - c).abs() <= TOLERANCE,
                    "{name}: node {v} constraint {} vs networkx {c}",
                    h.constraint
                );
                assert!(
                    (h.effective_size - e).abs() <= TOLERANCE,
                    "{name}: node {v} effective size {} vs networkx {e}",
                    h.effective_size
                );
            }
        }
    }
    let expected_isolated = (0..n).filter(|&v| g.degree(v) == 0).count();
    assert_eq!(isolated, expected_isolated);

    let q = modularity(&WeightedGraph::new(n, edges), &communities);
    let theirs_q = json["modularity"].as_f64().unwrap();
    assert!(
        (q - theirs_q).abs() <= TOLERANCE,
        "{name}: modularity {q} vs networkx {theirs_q}"
    );
    println!(
        "{name}: {n} nodes, {} edges, {isolated} isolated, Q = {q:.6}; largest \
         difference from networkx {worst:.1e}",
        g.edge_count()
    );
}

/// `m` random edges over `n` nodes (parallel edges and self-loops possible).
fn random_edges(rng: &mut Rng, n: usize, m: usize, weighted: bool) -> Vec<(usize, usize, f64)> {
    (0..m)
        .map(|_| {
            let (u, v) = (rng.below(n), rng.below(n));
            let w = if weighted { rng.weight() } else { 1.0 };
            (u, v, w)
        })
        .collect()
}

#[test]
fn networkx_random_weighted_graph() {
    if !python_ready() {
        return;
    }
    let mut rng = Rng(0x5EED_0001);
    let edges = random_edges(&mut rng, 300, 1500, true);
    check("random-weighted", 300, &edges, false);
}

#[test]
fn networkx_random_unweighted_graph() {
    if !python_ready() {
        return;
    }
    let mut rng = Rng(0x5EED_0002);
    let mut edges = random_edges(&mut rng, 250, 1200, false);
    // Keep each pair once, so "weights all 1" and networkx's weight=None agree.
    let mut seen = std::collections::BTreeSet::new();
    edges.retain(|&(u, v, _)| seen.insert((u.min(v), u.max(v))));
    // networkx with weight=None (its ego-graph formula), and with the weight column (all 1).
    check("random-unweighted", 250, &edges, true);
    check("random-unit-weights", 250, &edges, false);
}

#[test]
fn networkx_isolated_nodes_duplicates_and_loops() {
    if !python_ready() {
        return;
    }
    let mut rng = Rng(0x5EED_0003);
    // Nodes 0..80 get edges except every 7th; 80..100 stay isolated.
    let mut edges: Vec<(usize, usize, f64)> = random_edges(&mut rng, 80, 400, true)
        .into_iter()
        .filter(|&(u, v, _)| u % 7 != 0 && v % 7 != 0)
        .collect();
    // Parallel edges in both directions, self-loops and unusable weights.
    let repeats: Vec<_> = edges.iter().step_by(5).copied().collect();
    for (u, v, w) in repeats {
        edges.push((v, u, w / 2.0 + 0.25));
    }
    edges.extend([
        (3, 3, 2.0),
        (5, 5, 1.0),
        (1, 2, 0.0),
        (1, 2, -3.0),
        (1, 2, f64::NAN),
        (4, 8, f64::INFINITY),
        (2, 150, 1.0),
    ]);
    check("isolated-duplicates", 100, &edges, false);
}

#[test]
fn networkx_hub_tied_to_everyone() {
    if !python_ready() {
        return;
    }
    // Node 0 is "me", tied to everyone: exercises the binary-search walk of the hub's list.
    // (Kept small: networkx's pure-Python effective size costs about deg³ at the hub.)
    let mut rng = Rng(0x5EED_0004);
    let mut edges = random_edges(&mut rng, 100, 400, true);
    for v in 1..100 {
        edges.push((0, v, rng.weight()));
    }
    check("hub", 100, &edges, false);
}
