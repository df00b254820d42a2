//! Structural holes (Burt 1992): whose contacts are redundant with each other, and who bridges
//! otherwise separate groups. Used to show the user where their network is closed and who
//! spans it.
//!
//! On an undirected weighted graph with edge weights `a_ij` (symmetric), every formula equals
//! networkx 3.x `nx.constraint(G, weight="weight")` and `nx.effective_size(G, weight="weight")`
//! (`tests/structure_networkx.rs` checks this against networkx itself):
//!
//! - proportional tie `p_ij = (a_ij + a_ji) / Σ_k (a_ik + a_ki)`, i.e. `a_ij / s_i` with `s_i`
//!   the weighted degree;
//! - constraint `c_i = Σ_{j∈N(i)} (p_ij + Σ_{q∈N(i)} p_iq p_qj)²`: high when `i`'s contacts are
//!   few or tied to each other;
//! - effective size `Σ_{j∈N(i)} (1 − Σ_{q∈N(i)} p_iq m_jq)` with
//!   `m_jq = (a_jq + a_qj) / max_k (a_jk + a_kj)`: the number of contacts, less their
//!   redundancy. With all weights 1 it is `n − 2t/n` for `n` contacts sharing `t` ties.
//!
//! Isolated nodes have neither measure (`None`; networkx gives NaN).
//!
//! ```
//! use kithkin_core::structure::{Graph, constraint, effective_size};
//! // A star: the centre's three contacts do not know each other.
//! let g = Graph::new(4, &[(0, 1, 1.0), (0, 2, 1.0), (0, 3, 1.0)]);
//! assert_eq!(effective_size(&g)[0], Some(3.0));
//! assert!((constraint(&g)[0].unwrap_or_default() - 1.0 / 3.0).abs() < 1e-12);
//! assert_eq!(constraint(&g)[1], Some(1.0));
//! ```

use std::collections::BTreeMap;

use serde::Serialize;

/// An undirected weighted graph over nodes `0..n`, for the structural-holes measures.
///
/// Built from `(u, v, weight)` edges: parallel edges (in either direction) have their weights
/// SUMMED; self-loops, edges whose weight is zero, negative, NaN or infinite, and edges naming a
/// node ≥ `n` are dropped. Stored as a compressed adjacency list, neighbours sorted ascending.
#[derive(Debug, Clone, PartialEq)]
pub struct Graph {
    /// `offsets[i]..offsets[i + 1]` indexes node `i`'s neighbours.
    offsets: Vec<usize>,
    /// Neighbour ids, sorted ascending within each node.
    targets: Vec<usize>,
    /// Edge weights, parallel to `targets`.
    weights: Vec<f64>,
    /// Weighted degree (sum of neighbour weights) per node.
    strength: Vec<f64>,
    /// Largest neighbour weight per node (0 when isolated).
    max_weight: Vec<f64>,
}

impl Graph {
    /// Builds a graph over nodes `0..n` from `(u, v, weight)` edges (see the type's docs for
    /// what is dropped and merged).
    pub fn new(n: usize, edges: &[(usize, usize, f64)]) -> Self {
        let merged = crate::community::normalise_edges(n, edges);
        let mut offsets = vec![0usize; n + 1];
        for &(u, v, _) in &merged {
            offsets[u + 1] += 1;
            offsets[v + 1] += 1;
        }
        for i in 0..n {
            offsets[i + 1] += offsets[i];
        }
        let mut fill = offsets.clone();
        let mut targets = vec![0usize; 2 * merged.len()];
        let mut weights = vec![0.0f64; 2 * merged.len()];
        // Sorted (u, v) input: each node receives its smaller neighbours (as the `v` of earlier
        // `u`s) before its larger ones, so every list comes out sorted.
        for &(u, v, w) in &merged {
            targets[fill[u]] = v;
            weights[fill[u]] = w;
            fill[u] += 1;
            targets[fill[v]] = u;
            weights[fill[v]] = w;
            fill[v] += 1;
        }
        let mut strength = vec![0.0f64; n];
        let mut max_weight = vec![0.0f64; n];
        for i in 0..n {
            let ws = &weights[offsets[i]..offsets[i + 1]];
            strength[i] = ws.iter().sum();
            max_weight[i] = ws.iter().copied().fold(0.0, f64::max);
        }
        Graph {
            offsets,
            targets,
            weights,
            strength,
            max_weight,
        }
    }

    /// Number of nodes `n`.
    pub fn node_count(&self) -> usize {
        self.strength.len()
    }

    /// Number of distinct undirected edges kept.
    pub fn edge_count(&self) -> usize {
        self.targets.len() / 2
    }

    /// Number of distinct neighbours of `i` (0 for a node outside the graph).
    pub fn degree(&self, i: usize) -> usize {
        self.adjacency(i).0.len()
    }

    /// Sum of `i`'s edge weights (0 for a node outside the graph).
    pub fn weighted_degree(&self, i: usize) -> f64 {
        self.strength.get(i).copied().unwrap_or(0.0)
    }

    /// Neighbours of `i` in ascending order, with the (summed) edge weights.
    pub fn neighbours(&self, i: usize) -> impl Iterator<Item = (usize, f64)> + '_ {
        let (t, w) = self.adjacency(i);
        t.iter().copied().zip(w.iter().copied())
    }

    /// Neighbour ids and weights of `i`, empty slices when `i` is out of range.
    fn adjacency(&self, i: usize) -> (&[usize], &[f64]) {
        match (self.offsets.get(i), self.offsets.get(i + 1)) {
            (Some(&a), Some(&b)) => (&self.targets[a..b], &self.weights[a..b]),
            _ => (&[], &[]),
        }
    }
}

/// A node's structural-holes measures.
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
pub struct Holes {
    /// Burt's constraint `c_i`: low for brokers, up to 1 (or a little more) in closed groups.
    pub constraint: f64,
    /// Burt's effective size: contacts less their redundancy, between 1 and `degree`.
    pub effective_size: f64,
    /// Number of distinct neighbours.
    pub degree: usize,
    /// Sum of edge weights.
    pub weighted_degree: f64,
}

/// Burt's constraint per node (`None` for isolated nodes). See [`structural_holes`].
pub fn constraint(g: &Graph) -> Vec<Option<f64>> {
    structural_holes(g)
        .into_iter()
        .map(|h| h.map(|h| h.constraint))
        .collect()
}

/// Burt's effective size per node (`None` for isolated nodes). See [`structural_holes`].
pub fn effective_size(g: &Graph) -> Vec<Option<f64>> {
    structural_holes(g)
        .into_iter()
        .map(|h| h.map(|h| h.effective_size))
        .collect()
}

/// Constraint, effective size and degrees of every node in one pass (`None` for isolated
/// nodes).
///
/// For each node `i` and each contact `q`, the ties `q–j` to `i`'s other contacts `j` are
/// found by walking the shorter side: `q`'s list against a marker array of `i`'s contacts, or,
/// when `q` is a hub, `i`'s list by binary search in `q`'s. The work is about
/// `Σ_{edges iq} min(deg i, deg q · log)`, so a node tied to everyone (the user's own node)
/// costs no more than a pass over the edges. Results do not depend on the walk chosen: every
/// sum is accumulated in the same order.
pub fn structural_holes(g: &Graph) -> Vec<Option<Holes>> {
    let n = g.node_count();
    let mut slot = vec![NO_SLOT; n];
    let mut via_sum: Vec<f64> = Vec::new();
    let mut via_max: Vec<f64> = Vec::new();
    (0..n)
        .map(|i| node_holes(g, i, &mut slot, &mut via_sum, &mut via_max))
        .collect()
}

/// The measures of one node (`None` when isolated or out of range), without computing the
/// others: `O(n)` for scratch space plus the node's share of [`structural_holes`]' work. Useful
/// for the user's own node, tied to everyone. Equal to `structural_holes(g)[node]`.
pub fn holes_of(g: &Graph, node: usize) -> Option<Holes> {
    if node >= g.node_count() {
        return None;
    }
    let mut slot = vec![NO_SLOT; g.node_count()];
    node_holes(g, node, &mut slot, &mut Vec::new(), &mut Vec::new())
}

/// Marks a node that is not a contact of the node being measured.
const NO_SLOT: u32 = u32::MAX;

/// One node's measures. `slot` is all [`NO_SLOT`] on entry and on return; the two buffers are
/// scratch space reused between nodes.
fn node_holes(
    g: &Graph,
    i: usize,
    slot: &mut [u32],
    via_sum: &mut Vec<f64>,
    via_max: &mut Vec<f64>,
) -> Option<Holes> {
    let (contacts, ties) = g.adjacency(i);
    let degree = contacts.len();
    if degree == 0 {
        return None;
    }
    let s_i = g.strength[i];
    // Per contact j (by position): Σ_q p_iq a_qj / s_q, and Σ_q p_iq a_qj (divided by j's
    // largest weight at the end).
    via_sum.clear();
    via_sum.resize(degree, 0.0);
    via_max.clear();
    via_max.resize(degree, 0.0);
    for (pos, &j) in contacts.iter().enumerate() {
        // Degrees above u32::MAX - 1 cannot occur in memory-sized graphs; such a contact
        // would simply not be found by the marker walk.
        slot[j] = u32::try_from(pos).unwrap_or(NO_SLOT);
    }
    for (&q, &a_iq) in contacts.iter().zip(ties) {
        let p_iq = a_iq / s_i;
        let by_sum = p_iq / g.strength[q];
        let (q_contacts, q_ties) = g.adjacency(q);
        if q_contacts.len() <= 4 * degree {
            for (&j, &a_qj) in q_contacts.iter().zip(q_ties) {
                let pos = slot[j];
                if pos != NO_SLOT {
                    let pos = pos as usize;
                    via_sum[pos] += by_sum * a_qj;
                    via_max[pos] += p_iq * a_qj;
                }
            }
        } else {
            for (pos, &j) in contacts.iter().enumerate() {
                if let Ok(at) = q_contacts.binary_search(&j) {
                    let a_qj = q_ties[at];
                    via_sum[pos] += by_sum * a_qj;
                    via_max[pos] += p_iq * a_qj;
                }
            }
        }
    }
    let mut constraint = 0.0;
    let mut effective_size = 0.0;
    for (pos, (&j, &a_ij)) in contacts.iter().zip(ties).enumerate() {
        let local = a_ij / s_i + via_sum[pos];
        constraint += local * local;
        effective_size += 1.0 - via_max[pos] / g.max_weight[j];
        slot[j] = NO_SLOT;
    }
    Some(Holes {
        constraint,
        effective_size,
        degree,
        weighted_degree: s_i,
    })
}

/// A node whose contacts span communities: a candidate broker or introducer.
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
pub struct Broker {
    /// The node.
    pub node: usize,
    /// Distinct communities among its neighbours, other than its own.
    pub communities_reached: usize,
    /// Neighbours in a community other than its own.
    pub neighbours_outside: usize,
    /// Its constraint (lower spans more).
    pub constraint: f64,
}

/// Nodes whose neighbours reach at least one community other than their own, ranked by the
/// number of other communities reached (most first), then by constraint (lowest first), then
/// by node id; at most `limit` of them.
///
/// `community[i]` is node `i`'s community (as from [`crate::community::louvain`]) and
/// `holes[i]` its measures (from [`structural_holes`]). Nodes without a community or without
/// measures (slices too short, or `None`) are left out, and neighbours without a community are
/// not counted.
pub fn brokers(g: &Graph, community: &[u32], holes: &[Option<Holes>], limit: usize) -> Vec<Broker> {
    let mut out = Vec::new();
    let mut reached: Vec<u32> = Vec::new();
    for i in 0..g.node_count() {
        let (Some(&own), Some(Some(h))) = (community.get(i), holes.get(i)) else {
            continue;
        };
        reached.clear();
        reached.extend(
            g.adjacency(i)
                .0
                .iter()
                .filter_map(|&j| community.get(j).copied())
                .filter(|&c| c != own),
        );
        if reached.is_empty() {
            continue;
        }
        let neighbours_outside = reached.len();
        reached.sort_unstable();
        reached.dedup();
        out.push(Broker {
            node: i,
            communities_reached: reached.len(),
            neighbours_outside,
            constraint: h.constraint,
        });
    }
    out.sort_by(|a, b| {
        b.communities_reached
            .cmp(&a.communities_reached)
            .then_with(|| a.constraint.total_cmp(&b.constraint))
            .then_with(|| a.node.cmp(&b.node))
    });
    out.truncate(limit);
    out
}

/// How concentrated the strong ties are: among ties `(community, strength)` with strength ≥
/// `strong_from`, the community holding the most of them and its share of their NUMBER (ties
/// between communities go to the smallest id). `None` when no tie is strong enough (NaN
/// strengths never are).
pub fn strong_tie_concentration(strengths: &[(u32, f64)], strong_from: f64) -> Option<(u32, f64)> {
    let mut counts: BTreeMap<u32, usize> = BTreeMap::new();
    let mut total = 0usize;
    for &(c, s) in strengths {
        if s >= strong_from {
            *counts.entry(c).or_insert(0) += 1;
            total += 1;
        }
    }
    let mut best: Option<(u32, usize)> = None;
    for (c, k) in counts {
        if best.is_none_or(|(_, b)| k > b) {
            best = Some((c, k));
        }
    }
    best.map(|(c, k)| (c, k as f64 / total as f64))
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Zachary's karate club, as networkx `karate_club_graph()` (unweighted), 78 edges.
    use crate::fixtures::KARATE;

    fn karate() -> Graph {
        let edges: Vec<_> = KARATE.iter().map(|&(u, v)| (u, v, 1.0)).collect();
        Graph::new(34, &edges)
    }

    fn value(x: Option<f64>) -> f64 {
        x.unwrap_or(f64::NAN)
    }

    /// Triangle 0–1 (1), 0–2 (2), 1–2 (1) with a pendant 2–3 (1), computed by hand.
    fn small() -> Graph {
        Graph::new(4, &[(0, 1, 1.0), (0, 2, 2.0), (1, 2, 1.0), (2, 3, 1.0)])
    }

    #[test]
    fn structure_karate_matches_networkx() {
        let g = karate();
        assert_eq!((g.node_count(), g.edge_count()), (34, 78));
        let c = constraint(&g);
        let e = effective_size(&g);
        let want_c = [0.155423, 0.279535, 0.185177, 0.396660, 0.529417];
        let want_e = [13.75, 6.3333, 7.8, 2.6667, 1.6667];
        for i in 0..5 {
            assert!(
                (value(c[i]) - want_c[i]).abs() < 5e-7,
                "c[{i}] = {:?}",
                c[i]
            );
            assert!(
                (value(e[i]) - want_e[i]).abs() < 5e-5,
                "e[{i}] = {:?}",
                e[i]
            );
        }
        // More digits, from networkx 3.6.
        assert!((value(c[0]) - 0.155423297647).abs() < 1e-12);
        assert!((value(e[1]) - 19.0 / 3.0).abs() < 1e-12);
    }

    #[test]
    fn structure_unweighted_effective_size_is_n_minus_2t_over_n() {
        // With all weights 1, effective size = n − 2t/n (t ties among the n contacts).
        let g = karate();
        for (i, got) in effective_size(&g).into_iter().enumerate() {
            let contacts: Vec<usize> = g.neighbours(i).map(|(j, _)| j).collect();
            let n = contacts.len() as f64;
            let t = contacts
                .iter()
                .map(|&j| {
                    g.neighbours(j)
                        .filter(|(q, _)| contacts.contains(q))
                        .count()
                })
                .sum::<usize>() as f64
                / 2.0;
            assert!((value(got) - (n - 2.0 * t / n)).abs() < 1e-12, "node {i}");
        }
    }

    #[test]
    fn structure_small_weighted_by_hand() {
        let h = structural_holes(&small());
        let c: Vec<f64> = h
            .iter()
            .map(|x| x.map_or(f64::NAN, |h| h.constraint))
            .collect();
        let e: Vec<f64> = h
            .iter()
            .map(|x| x.map_or(f64::NAN, |h| h.effective_size))
            .collect();
        let want_c = [17.0 / 18.0, 181.0 / 144.0, 361.0 / 576.0, 1.0];
        let want_e = [7.0 / 6.0, 1.0, 19.0 / 8.0, 1.0];
        for i in 0..4 {
            assert!((c[i] - want_c[i]).abs() < 1e-12, "c[{i}] = {}", c[i]);
            assert!((e[i] - want_e[i]).abs() < 1e-12, "e[{i}] = {}", e[i]);
        }
        let two = h[2].unwrap_or(Holes {
            constraint: 0.0,
            effective_size: 0.0,
            degree: 0,
            weighted_degree: 0.0,
        });
        assert_eq!((two.degree, two.weighted_degree), (3, 4.0));
    }

    #[test]
    fn structure_holes_of_one_node_equals_all() {
        let g = karate();
        let all = structural_holes(&g);
        for (i, h) in all.iter().enumerate() {
            assert_eq!(holes_of(&g, i), *h, "node {i}");
        }
        assert_eq!(holes_of(&g, 34), None);
        assert_eq!(holes_of(&Graph::new(2, &[]), 1), None);
    }

    #[test]
    fn structure_isolated_nodes_have_none() {
        let g = Graph::new(4, &[(0, 1, 1.0)]);
        let h = structural_holes(&g);
        assert!(h[2].is_none() && h[3].is_none());
        assert_eq!(constraint(&g), vec![Some(1.0), Some(1.0), None, None]);
        assert_eq!(effective_size(&g), vec![Some(1.0), Some(1.0), None, None]);
        assert!(structural_holes(&Graph::new(0, &[])).is_empty());
    }

    #[test]
    fn structure_graph_drops_loops_and_bad_edges_and_sums_duplicates() {
        let noisy = Graph::new(
            4,
            &[
                (0, 1, 1.0),
                (2, 2, 5.0),
                (0, 2, 0.5),
                (2, 0, 1.5),
                (1, 2, 1.0),
                (1, 2, 0.0),
                (1, 3, -1.0),
                (1, 3, f64::NAN),
                (1, 3, f64::INFINITY),
                (3, 9, 1.0),
                (3, 2, 1.0),
                (0, 0, 1.0),
            ],
        );
        assert_eq!(noisy, small());
        assert_eq!(
            noisy.neighbours(0).collect::<Vec<_>>(),
            vec![(1, 1.0), (2, 2.0)]
        );
        assert_eq!(noisy.degree(2), 3);
        assert_eq!(noisy.weighted_degree(2), 4.0);
        assert_eq!((noisy.degree(99), noisy.weighted_degree(99)), (0, 0.0));
        assert_eq!(noisy.neighbours(99).count(), 0);
        assert_eq!(structural_holes(&noisy), structural_holes(&small()));
    }

    #[test]
    fn structure_hub_walk_agrees_with_marker_walk() {
        // Node 0 is tied to everyone (its list is walked by binary search from the others);
        // the result must equal the plain definition computed naively.
        let n = 40;
        let mut edges = Vec::new();
        for v in 1..n {
            edges.push((0, v, 1.0 + (v % 3) as f64));
            if v + 1 < n {
                edges.push((v, v + 1, 0.5));
            }
            if v + 7 < n {
                edges.push((v, v + 7, 2.0));
            }
        }
        let g = Graph::new(n, &edges);
        let w = |a: usize, b: usize| {
            g.neighbours(a)
                .find(|&(j, _)| j == b)
                .map_or(0.0, |(_, x)| x)
        };
        for (i, got) in structural_holes(&g).into_iter().enumerate() {
            let s_i = g.weighted_degree(i);
            let contacts: Vec<usize> = g.neighbours(i).map(|(j, _)| j).collect();
            let (mut c, mut e) = (0.0, 0.0);
            for &j in &contacts {
                let max_j = g.neighbours(j).map(|(_, x)| x).fold(0.0, f64::max);
                let mut local = w(i, j) / s_i;
                let mut red = 0.0;
                for &q in &contacts {
                    local += w(i, q) / s_i * w(q, j) / g.weighted_degree(q);
                    red += w(i, q) / s_i * w(j, q) / max_j;
                }
                c += local * local;
                e += 1.0 - red;
            }
            let got = got.unwrap_or(Holes {
                constraint: f64::NAN,
                effective_size: f64::NAN,
                degree: 0,
                weighted_degree: 0.0,
            });
            assert!((got.constraint - c).abs() < 1e-12, "c[{i}]");
            assert!((got.effective_size - e).abs() < 1e-12, "e[{i}]");
        }
    }

    #[test]
    fn structure_brokers_ranked() {
        // Three triangles {0,1,2}, {3,4,5}, {6,7,8}, one per community; 2 is tied to 3 and
        // 6, and 4 to 7.
        let g = Graph::new(
            9,
            &[
                (0, 1, 1.0),
                (1, 2, 1.0),
                (0, 2, 1.0),
                (3, 4, 1.0),
                (4, 5, 1.0),
                (3, 5, 1.0),
                (6, 7, 1.0),
                (7, 8, 1.0),
                (6, 8, 1.0),
                (2, 3, 1.0),
                (2, 6, 1.0),
                (4, 7, 1.0),
            ],
        );
        let community = [0, 0, 0, 1, 1, 1, 2, 2, 2];
        let holes = structural_holes(&g);
        let b = brokers(&g, &community, &holes, 10);
        let nodes: Vec<usize> = b.iter().map(|b| b.node).collect();
        // 2 reaches two communities; 3, 4, 6, 7 one each, ordered by constraint then id.
        assert_eq!(nodes[0], 2);
        assert_eq!(b[0].communities_reached, 2);
        assert_eq!(b[0].neighbours_outside, 2);
        assert_eq!(nodes.len(), 5);
        for w in b[1..].windows(2) {
            assert!(
                w[0].constraint < w[1].constraint
                    || (w[0].constraint == w[1].constraint && w[0].node < w[1].node)
            );
        }
        assert!(b[1..].iter().all(|b| b.communities_reached == 1));
        assert_eq!(brokers(&g, &community, &holes, 1).len(), 1);
        assert!(brokers(&g, &[0; 9], &holes, 10).is_empty());
        // Missing labels or measures: those nodes are left out.
        assert!(brokers(&g, &community[..2], &holes, 10).is_empty());
        assert!(brokers(&g, &community, &[], 10).is_empty());
    }

    #[test]
    fn structure_strong_tie_concentration() {
        let ties = [
            (3, 0.9),
            (1, 0.8),
            (3, 0.7),
            (1, 0.1),
            (2, 0.95),
            (1, f64::NAN),
        ];
        assert_eq!(strong_tie_concentration(&ties, 0.5), Some((3, 0.5)));
        // A tie between communities goes to the smallest id.
        assert_eq!(
            strong_tie_concentration(&[(5, 1.0), (4, 1.0)], 0.5),
            Some((4, 0.5))
        );
        assert_eq!(strong_tie_concentration(&ties, 0.99), None);
        assert_eq!(strong_tie_concentration(&[], 0.0), None);
        assert_eq!(strong_tie_concentration(&ties, f64::NAN), None);
    }
}
