//! Community detection: modularity and deterministic Louvain (Blondel et al. 2008).
//!
//! The graph is undirected and weighted, given as a node count and an edge list. Louvain
//! alternates *local moving* (each node, visited in index order, joins the neighbouring
//! community that most increases modularity; ties go to the smallest community id) with
//! *aggregation* (each community becomes one node), until a level moves nothing. There is no
//! randomness, so the same graph always yields the same partition.
//!
//! ```
//! use kithkin_core::community::{louvain, modularity, WeightedGraph};
//! // Two triangles joined by one edge.
//! let g = WeightedGraph::new(6, &[
//!     (0, 1, 1.0), (1, 2, 1.0), (0, 2, 1.0),
//!     (3, 4, 1.0), (4, 5, 1.0), (3, 5, 1.0),
//!     (2, 3, 1.0),
//! ]);
//! let labels = louvain(&g);
//! assert_eq!(labels, vec![0, 0, 0, 1, 1, 1]);
//! assert!((modularity(&g, &labels) - 5.0 / 14.0).abs() < 1e-12);
//! ```

use std::collections::BTreeMap;

/// An undirected weighted graph over nodes 0..n (self-loops stripped, parallel edges summed,
/// non-positive, NaN or infinite weights ignored; edges naming a node ≥ n are ignored too).
///
/// Stored as a compressed adjacency list; every edge appears in both endpoints' lists.
#[derive(Debug, Clone, PartialEq)]
pub struct WeightedGraph {
    /// `offsets[i]..offsets[i + 1]` indexes node `i`'s neighbours.
    offsets: Vec<usize>,
    /// Neighbour ids, sorted ascending within each node.
    targets: Vec<usize>,
    /// Edge weights, parallel to `targets`.
    weights: Vec<f64>,
    /// Self-loop weight per node (always zero for public graphs; aggregation creates them).
    loops: Vec<f64>,
    /// Weighted degree per node: neighbour weights plus twice the self-loop.
    strength: Vec<f64>,
    /// Total edge weight `m` (each edge, and each self-loop, counted once).
    total: f64,
}

/// The undirected edges of a graph over nodes `0..n`, as both graph types read them:
/// `(u, v, w)` with `u < v`, sorted, parallel edges summed (in input order), self-loops,
/// out-of-range endpoints and weights that are not finite and positive dropped.
pub(crate) fn normalise_edges(n: usize, edges: &[(usize, usize, f64)]) -> Vec<(usize, usize, f64)> {
    let mut list: Vec<(usize, usize, f64)> = edges
        .iter()
        .filter(|&&(u, v, w)| u != v && u < n && v < n && w > 0.0 && w.is_finite())
        .map(|&(u, v, w)| if u < v { (u, v, w) } else { (v, u, w) })
        .collect();
    // stable, so parallel edges are summed in input order
    list.sort_by_key(|a| (a.0, a.1));
    let mut merged: Vec<(usize, usize, f64)> = Vec::with_capacity(list.len());
    for (u, v, w) in list {
        match merged.last_mut() {
            Some(last) if last.0 == u && last.1 == v => last.2 += w,
            _ => merged.push((u, v, w)),
        }
    }
    merged
}

impl WeightedGraph {
    /// Builds a graph over nodes `0..n` from `(u, v, weight)` edges.
    ///
    /// Self-loops, edges whose weight is zero, negative, NaN or infinite, and edges naming a
    /// node ≥ `n` are dropped; parallel edges (in either direction) have their weights summed.
    pub fn new(n: usize, edges: &[(usize, usize, f64)]) -> Self {
        let merged = normalise_edges(n, edges);
        Self::from_merged(n, &merged, vec![0.0; n])
    }

    /// Builds from deduplicated `u < v` edges sorted by `(u, v)`, plus per-node self-loops.
    fn from_merged(n: usize, edges: &[(usize, usize, f64)], loops: Vec<f64>) -> Self {
        let mut counts = vec![0usize; n + 1];
        for &(u, v, _) in edges {
            counts[u + 1] += 1;
            counts[v + 1] += 1;
        }
        for i in 0..n {
            counts[i + 1] += counts[i];
        }
        let offsets = counts;
        let mut fill = offsets.clone();
        let mut targets = vec![0usize; 2 * edges.len()];
        let mut weights = vec![0.0f64; 2 * edges.len()];
        // Sorted (u, v) input: for each node, neighbours smaller than it arrive (as `v`
        // entries of earlier `u`s) before larger ones, so lists come out sorted.
        for &(u, v, w) in edges {
            targets[fill[u]] = v;
            weights[fill[u]] = w;
            fill[u] += 1;
            targets[fill[v]] = u;
            weights[fill[v]] = w;
            fill[v] += 1;
        }
        Self::from_csr(offsets, targets, weights, loops)
    }

    /// Finishes construction from a ready adjacency structure, computing degrees and `m`.
    fn from_csr(
        offsets: Vec<usize>,
        targets: Vec<usize>,
        weights: Vec<f64>,
        loops: Vec<f64>,
    ) -> Self {
        let n = loops.len();
        let mut strength = vec![0.0f64; n];
        let mut total = 0.0;
        for i in 0..n {
            let s: f64 = weights[offsets[i]..offsets[i + 1]].iter().sum();
            strength[i] = s + 2.0 * loops[i];
            total += s / 2.0 + loops[i];
        }
        WeightedGraph {
            offsets,
            targets,
            weights,
            loops,
            strength,
            total,
        }
    }

    /// Number of nodes `n`.
    pub fn node_count(&self) -> usize {
        self.loops.len()
    }

    /// Total edge weight `m` (each undirected edge counted once).
    pub fn total_weight(&self) -> f64 {
        self.total
    }

    /// Neighbours of `i` with edge weights (self-loop excluded).
    fn neighbours(&self, i: usize) -> impl Iterator<Item = (usize, f64)> + '_ {
        let range = self.offsets[i]..self.offsets[i + 1];
        self.targets[range.clone()]
            .iter()
            .copied()
            .zip(self.weights[range].iter().copied())
    }
}

/// Modularity Q of a partition (community label per node), Newman–Girvan with resolution 1:
/// `Q = Σ_c [ L_c/m − (d_c/2m)² ]`, where `L_c` is the weight inside community `c`, `d_c` the
/// sum of its nodes' weighted degrees and `m` the total edge weight.
///
/// Labels are arbitrary `u32`s (only equality matters). Returns 0 for a graph with no edges
/// and NaN when `labels.len()` differs from the node count.
pub fn modularity(graph: &WeightedGraph, labels: &[u32]) -> f64 {
    let n = graph.node_count();
    if labels.len() != n {
        return f64::NAN;
    }
    let m = graph.total;
    if m <= 0.0 {
        return 0.0;
    }
    // Dense relabelling keeps the summation order (and so the result) deterministic.
    let mut dense: BTreeMap<u32, usize> = BTreeMap::new();
    let ids: Vec<usize> = labels
        .iter()
        .map(|&l| {
            let next = dense.len();
            *dense.entry(l).or_insert(next)
        })
        .collect();
    let k = dense.len();
    let mut inside = vec![0.0f64; k];
    let mut degree = vec![0.0f64; k];
    for i in 0..n {
        let c = ids[i];
        degree[c] += graph.strength[i];
        inside[c] += graph.loops[i];
        for (j, w) in graph.neighbours(i) {
            if j > i && ids[j] == c {
                inside[c] += w;
            }
        }
    }
    inside
        .iter()
        .zip(&degree)
        .map(|(&l, &d)| {
            let f = d / (2.0 * m);
            l / m - f * f
        })
        .sum()
}

/// Louvain: local moving in node order (deterministic: nodes visited 0..n, ties broken by the
/// smallest community id), then aggregation, repeated until no improvement; labels renumbered
/// 0.. by first appearance. Isolated nodes get their own community.
pub fn louvain(graph: &WeightedGraph) -> Vec<u32> {
    let n = graph.node_count();
    // `membership[v]` is the node of the current level that original node `v` belongs to.
    let mut membership: Vec<usize> = (0..n).collect();
    let mut level_owned: Option<WeightedGraph> = None;
    loop {
        let level = level_owned.as_ref().unwrap_or(graph);
        let Some((community, gain)) = local_moving(level) else {
            break;
        };
        let (count, community) = renumber(&community);
        for c in membership.iter_mut() {
            *c = community[*c];
        }
        if gain < MIN_GAIN {
            break;
        }
        let next = aggregate(level, &community, count);
        level_owned = Some(next);
    }
    renumber(&membership)
        .1
        .into_iter()
        .map(|c| c as u32)
        .collect()
}

/// Smallest modularity gain worth another local-moving pass or another level (the role of
/// the `-e` precision in Blondel et al.'s reference implementation, or networkx's
/// `threshold`). Without it, graphs with little structure spend a hundred passes moving a
/// handful of nodes each for a negligible gain (10⁻⁵ of Q per pass at most).
const MIN_GAIN: f64 = 1e-5;

/// One level of local moving. Returns each node's community and the modularity gained, or
/// `None` if no node moved.
fn local_moving(graph: &WeightedGraph) -> Option<(Vec<usize>, f64)> {
    let n = graph.node_count();
    let m = graph.total;
    if m <= 0.0 {
        return None;
    }
    let two_m = 2.0 * m;
    let mut community: Vec<usize> = (0..n).collect();
    let mut tot: Vec<f64> = graph.strength.clone();
    let mut link = vec![0.0f64; n];
    let mut touched: Vec<usize> = Vec::new();
    let mut moved_any = false;
    let mut level_gain = 0.0;
    loop {
        let mut moved = false;
        let mut pass_gain = 0.0;
        for i in 0..n {
            let k_i = graph.strength[i];
            if k_i <= 0.0 {
                continue;
            }
            let current = community[i];
            for (j, w) in graph.neighbours(i) {
                let c = community[j];
                if link[c] == 0.0 {
                    touched.push(c);
                }
                link[c] += w;
            }
            tot[current] -= k_i;
            let stay = link[current] - tot[current] * k_i / two_m;
            let mut best = current;
            let mut best_gain = f64::NEG_INFINITY;
            for &c in &touched {
                if c == current {
                    continue;
                }
                let gain = link[c] - tot[c] * k_i / two_m;
                if gain > best_gain || (gain == best_gain && c < best) {
                    best = c;
                    best_gain = gain;
                }
            }
            let tol = 1e-12 * (best_gain.abs() + stay.abs()).max(f64::MIN_POSITIVE);
            let target = if best != current && best_gain > stay + tol {
                best
            } else {
                current
            };
            tot[target] += k_i;
            if target != current {
                community[i] = target;
                pass_gain += (best_gain - stay) / m;
                moved = true;
                moved_any = true;
            }
            for &c in &touched {
                link[c] = 0.0;
            }
            touched.clear();
        }
        level_gain += pass_gain;
        if !moved || pass_gain < MIN_GAIN {
            break;
        }
    }
    moved_any.then_some((community, level_gain))
}

/// Renumbers arbitrary ids `0..` by first appearance; returns the count and the new ids.
fn renumber(ids: &[usize]) -> (usize, Vec<usize>) {
    let len = ids.iter().copied().max().map_or(0, |x| x + 1);
    let mut map = vec![usize::MAX; len];
    let mut next = 0;
    let out = ids
        .iter()
        .map(|&c| {
            if map[c] == usize::MAX {
                map[c] = next;
                next += 1;
            }
            map[c]
        })
        .collect();
    (next, out)
}

/// Collapses each community (ids `0..count`) into one node; internal weight becomes a self-loop.
fn aggregate(graph: &WeightedGraph, community: &[usize], count: usize) -> WeightedGraph {
    let n = graph.node_count();
    // Members of each community, in node order.
    let mut start = vec![0usize; count + 1];
    for &c in community {
        start[c + 1] += 1;
    }
    for c in 0..count {
        start[c + 1] += start[c];
    }
    let mut fill = start.clone();
    let mut members = vec![0usize; n];
    for (i, &c) in community.iter().enumerate() {
        members[fill[c]] = i;
        fill[c] += 1;
    }

    let mut loops = vec![0.0f64; count];
    let mut offsets = Vec::with_capacity(count + 1);
    offsets.push(0);
    let mut targets = Vec::new();
    let mut weights = Vec::new();
    let mut link = vec![0.0f64; count];
    let mut touched: Vec<usize> = Vec::new();
    for c in 0..count {
        for &i in &members[start[c]..start[c + 1]] {
            loops[c] += graph.loops[i];
            for (j, w) in graph.neighbours(i) {
                let d = community[j];
                if d == c {
                    // Each internal edge is seen from both ends.
                    loops[c] += w / 2.0;
                } else {
                    if link[d] == 0.0 {
                        touched.push(d);
                    }
                    link[d] += w;
                }
            }
        }
        touched.sort_unstable();
        for &d in &touched {
            targets.push(d);
            weights.push(link[d]);
            link[d] = 0.0;
        }
        touched.clear();
        offsets.push(targets.len());
    }
    WeightedGraph::from_csr(offsets, targets, weights, loops)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Zachary's karate club, as networkx `karate_club_graph()` (unweighted), 78 edges.
    use crate::fixtures::KARATE;

    fn karate() -> WeightedGraph {
        let edges: Vec<_> = KARATE.iter().map(|&(u, v)| (u, v, 1.0)).collect();
        WeightedGraph::new(34, &edges)
    }

    fn clique(nodes: std::ops::Range<usize>, w: f64, out: &mut Vec<(usize, usize, f64)>) {
        for u in nodes.clone() {
            for v in u + 1..nodes.end {
                out.push((u, v, w));
            }
        }
    }

    #[test]
    fn community_graph_construction_normalises_edges() {
        let g = WeightedGraph::new(
            4,
            &[
                (0, 1, 1.0),
                (1, 0, 2.0),
                (2, 2, 5.0),
                (1, 2, 0.0),
                (1, 2, -1.0),
                (1, 2, f64::NAN),
                (1, 3, f64::INFINITY),
                (2, 9, 1.0),
                (2, 3, 0.5),
            ],
        );
        assert_eq!(g.node_count(), 4);
        assert!((g.total_weight() - 3.5).abs() < 1e-12);
        assert_eq!(g.neighbours(0).collect::<Vec<_>>(), vec![(1, 3.0)]);
        assert_eq!(g.strength, vec![3.0, 3.0, 0.5, 0.5]);
    }

    #[test]
    fn community_karate_club_split_modularity() {
        let g = karate();
        assert_eq!(g.total_weight(), 78.0);
        let hi = [0, 1, 2, 3, 4, 5, 6, 7, 8, 10, 11, 12, 13, 16, 17, 19, 21];
        let labels: Vec<u32> = (0..34).map(|v| u32::from(!hi.contains(&v))).collect();
        let q = modularity(&g, &labels);
        assert!((q - 0.358235).abs() < 1e-6, "Q = {q}");
        // Labels are compared only for equality.
        let relabelled: Vec<u32> = labels
            .iter()
            .map(|&l| if l == 0 { 77 } else { 5 })
            .collect();
        assert_eq!(modularity(&g, &relabelled), q);
    }

    #[test]
    fn community_modularity_edge_cases() {
        let g = karate();
        assert!(modularity(&g, &[0; 34]).abs() < 1e-12);
        assert!(modularity(&g, &[0; 3]).is_nan());
        let empty = WeightedGraph::new(3, &[]);
        assert_eq!(modularity(&empty, &[0, 1, 2]), 0.0);
    }

    #[test]
    fn community_louvain_karate() {
        let g = karate();
        let labels = louvain(&g);
        let q = modularity(&g, &labels);
        assert!(q >= 0.41, "Q = {q}");
        assert_eq!(labels, louvain(&g));
        assert_eq!(labels[0], 0);
        let k = labels.iter().copied().max().map_or(0, |x| x + 1);
        assert!((3..=5).contains(&k), "{k} communities");
    }

    #[test]
    fn community_louvain_two_cliques() {
        let mut edges = Vec::new();
        clique(0..5, 1.0, &mut edges);
        clique(5..10, 1.0, &mut edges);
        let g = WeightedGraph::new(10, &edges);
        assert_eq!(louvain(&g), vec![0, 0, 0, 0, 0, 1, 1, 1, 1, 1]);
    }

    #[test]
    fn community_louvain_ring_of_cliques() {
        let (cliques, size) = (8, 5);
        let mut edges = Vec::new();
        for c in 0..cliques {
            clique(c * size..(c + 1) * size, 1.0, &mut edges);
            let next = (c + 1) % cliques;
            edges.push((c * size + size - 1, next * size, 1.0));
        }
        let g = WeightedGraph::new(cliques * size, &edges);
        let labels = louvain(&g);
        let expected: Vec<u32> = (0..cliques * size).map(|v| (v / size) as u32).collect();
        assert_eq!(labels, expected);
    }

    #[test]
    fn community_louvain_empty_and_isolated() {
        assert!(louvain(&WeightedGraph::new(0, &[])).is_empty());
        assert_eq!(louvain(&WeightedGraph::new(3, &[])), vec![0, 1, 2]);
        // A triangle plus two isolated nodes interleaved.
        let g = WeightedGraph::new(5, &[(0, 2, 1.0), (2, 4, 1.0), (0, 4, 1.0)]);
        assert_eq!(louvain(&g), vec![0, 1, 0, 2, 0]);
    }

    #[test]
    fn community_louvain_respects_weights() {
        // Path 0-1-2-3: unweighted it splits {0,1},{2,3}; a heavy 1-2 edge keeps 1 and 2
        // together.
        let light = WeightedGraph::new(4, &[(0, 1, 1.0), (1, 2, 1.0), (2, 3, 1.0)]);
        assert_eq!(louvain(&light), vec![0, 0, 1, 1]);
        let heavy = WeightedGraph::new(4, &[(0, 1, 1.0), (1, 2, 10.0), (2, 3, 1.0)]);
        let labels = louvain(&heavy);
        assert_eq!(labels[1], labels[2]);
        // Two weighted clusters joined by many light edges.
        let mut edges = Vec::new();
        clique(0..4, 5.0, &mut edges);
        clique(4..8, 5.0, &mut edges);
        for u in 0..4 {
            for v in 4..8 {
                edges.push((u, v, 0.1));
            }
        }
        let g = WeightedGraph::new(8, &edges);
        assert_eq!(louvain(&g), vec![0, 0, 0, 0, 1, 1, 1, 1]);
    }
}
