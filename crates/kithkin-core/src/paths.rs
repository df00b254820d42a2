//! Warm introduction paths: the strongest chains of people from "me" to someone I want to
//! reach, or to anyone at an organisation I want to reach.
//!
//! The network is an undirected weighted graph whose nodes are people, "me" included. My own
//! ties (me → each contact, with my relationship strength scaled to 0..1) and the "knows" links
//! between contacts (with their strength in 0..1) are its edges.
//!
//! # Cost
//!
//! A hop of strength `s` costs `−ln(s) + hop_cost`, so the cost of a path is
//! `−ln(Π s) + hops · hop_cost`: the cheapest path is the one with the strongest product of
//! strengths, nudged towards fewer hops (every extra person asked is a favour). Strengths are
//! clamped to `[1e-6, 1]`; ties of strength 0 (or negative, or NaN) are not edges at all.
//!
//! # Search
//!
//! [`warm_paths`] runs a hop-limited Dijkstra (a state is a node *and* the number of hops used
//! to reach it, so a cheap long detour never hides a dearer short route when the hop budget is
//! tight) and finds alternatives with Yen's k-shortest loopless paths (Yen 1971). Targets are
//! terminal: a path ends at the first target it reaches, so when the targets are everyone at
//! an organisation, no path runs *through* one colleague to reach another.
//!
//! ```
//! use kithkin_core::paths::{warm_paths, Graph, PathOptions};
//! use kithkin_core::PersonId;
//! let id = |n| PersonId(uuid::Uuid::from_u128(n));
//! let (me, ana, bo, target) = (id(1), id(2), id(3), id(4));
//! let mut graph = Graph::new(me);
//! graph.add_tie(me, target, 0.1); // I barely know the target
//! graph.add_tie(me, ana, 0.9); // but Ana is a close friend
//! graph.add_tie(ana, target, 0.8); // who knows the target well
//! graph.add_tie(me, bo, 0.5);
//! let paths = warm_paths(&graph, &[target], &PathOptions::default());
//! assert_eq!(paths.len(), 2);
//! assert_eq!(paths[0].people, vec![me, ana, target]);
//! assert!((paths[0].strength - 0.72).abs() < 1e-12);
//! assert_eq!(paths[1].people, vec![me, target]);
//! ```

use crate::id::PersonId;
use serde::Serialize;
use std::cmp::Ordering;
use std::collections::{BinaryHeap, HashMap, HashSet};

/// The weakest strength a tie can have; weaker (but positive) strengths are raised to it.
pub const MIN_STRENGTH: f64 = 1e-6;

/// No label / no node.
const NONE: u32 = u32::MAX;

/// The network: people as nodes ("me" included) and undirected ties with a strength in
/// `(0, 1]`.
///
/// Internally nodes are dense `u32` indices with adjacency lists, so a graph of 100 000 people
/// and 500 000 ties is searched in milliseconds.
#[derive(Debug, Clone)]
pub struct Graph {
    me: u32,
    index: HashMap<PersonId, u32>,
    ids: Vec<PersonId>,
    /// For each node, its neighbours and the strength of the tie.
    adjacency: Vec<Vec<(u32, f64)>>,
    /// For each tie `(lo, hi)`, its position in `adjacency[lo]` and in `adjacency[hi]`.
    edges: HashMap<(u32, u32), (u32, u32)>,
}

impl Graph {
    /// A graph holding only me.
    pub fn new(me: PersonId) -> Self {
        let mut graph = Self {
            me: 0,
            index: HashMap::new(),
            ids: Vec::new(),
            adjacency: Vec::new(),
            edges: HashMap::new(),
        };
        graph.me = graph.node(me);
        graph
    }

    /// The person the paths start from.
    pub fn me(&self) -> PersonId {
        self.ids[self.me as usize]
    }

    /// Adds the undirected tie `a — b` with a strength in 0..1, adding either person as a node
    /// if new. Strengths above 1 count as 1, positive strengths below [`MIN_STRENGTH`] as
    /// [`MIN_STRENGTH`]. A tie given twice keeps the stronger strength. A tie of strength 0
    /// (or negative, or NaN) and a tie of a person to themselves are ignored and add nothing.
    pub fn add_tie(&mut self, a: PersonId, b: PersonId, strength: f64) {
        if a == b || strength.is_nan() || strength <= 0.0 {
            return;
        }
        let strength = strength.clamp(MIN_STRENGTH, 1.0);
        let (x, y) = (self.node(a), self.node(b));
        let (lo, hi) = if x < y { (x, y) } else { (y, x) };
        if let Some(&(at_lo, at_hi)) = self.edges.get(&(lo, hi)) {
            let current = &mut self.adjacency[lo as usize][at_lo as usize].1;
            if strength > *current {
                *current = strength;
                self.adjacency[hi as usize][at_hi as usize].1 = strength;
            }
            return;
        }
        let at_lo = self.adjacency[lo as usize].len() as u32;
        let at_hi = self.adjacency[hi as usize].len() as u32;
        self.adjacency[lo as usize].push((hi, strength));
        self.adjacency[hi as usize].push((lo, strength));
        self.edges.insert((lo, hi), (at_lo, at_hi));
    }

    /// How many people are in the graph, me included.
    pub fn node_count(&self) -> usize {
        self.ids.len()
    }

    /// How many distinct ties the graph holds.
    pub fn edge_count(&self) -> usize {
        self.edges.len()
    }

    /// The strength of the tie `a — b`, if there is one.
    pub fn tie(&self, a: PersonId, b: PersonId) -> Option<f64> {
        let (x, y) = (*self.index.get(&a)?, *self.index.get(&b)?);
        self.strength_between(x, y)
    }

    fn node(&mut self, id: PersonId) -> u32 {
        if let Some(&n) = self.index.get(&id) {
            return n;
        }
        let n = self.ids.len() as u32;
        self.index.insert(id, n);
        self.ids.push(id);
        self.adjacency.push(Vec::new());
        n
    }

    fn strength_between(&self, x: u32, y: u32) -> Option<f64> {
        let key = if x < y { (x, y) } else { (y, x) };
        let &(at_lo, _) = self.edges.get(&key)?;
        Some(self.adjacency[key.0 as usize][at_lo as usize].1)
    }
}

/// How [`warm_paths`] searches.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct PathOptions {
    /// The most hops a path may have (me → contact is one hop). Default 3.
    pub max_hops: usize,
    /// The cost added per hop on top of `−ln(strength)`. Default 0.1. Negative or NaN counts
    /// as 0.
    pub hop_cost: f64,
    /// How many paths to return at most. Default 3.
    pub k: usize,
}

impl Default for PathOptions {
    fn default() -> Self {
        Self {
            max_hops: 3,
            hop_cost: 0.1,
            k: 3,
        }
    }
}

/// One hop of a path: `from` would introduce me onwards to `to`.
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
pub struct Hop {
    /// Who asks.
    pub from: PersonId,
    /// Who is asked.
    pub to: PersonId,
    /// The strength of their tie, in `[1e-6, 1]`.
    pub strength: f64,
}

/// A chain of people from me to a target.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct WarmPath {
    /// Me first, the target last.
    pub people: Vec<PersonId>,
    /// The hops, in order; one fewer than `people`.
    pub hops: Vec<Hop>,
    /// `Σ (−ln(strength) + hop_cost)` over the hops; lower is warmer.
    pub cost: f64,
    /// The product of the hop strengths.
    pub strength: f64,
}

/// The `k` cheapest loopless paths from me to any of `targets` (a person, or everyone at an
/// organisation) with at most `max_hops` hops, cheapest first; a target that is my direct
/// contact yields the 1-hop path. Empty when no target is reachable.
///
/// Targets are terminal: a path ends at the first target it meets. Targets that are not in the
/// graph, and me, are ignored. Paths of equal cost are ordered by their sequence of ids, and
/// the search breaks ties independently of the order ties were added in.
pub fn warm_paths(graph: &Graph, targets: &[PersonId], options: &PathOptions) -> Vec<WarmPath> {
    let n = graph.node_count();
    let hop_cost = if options.hop_cost.is_nan() {
        0.0
    } else {
        options.hop_cost.max(0.0)
    };
    // A loopless path has at most n − 1 hops.
    let max_hops = options
        .max_hops
        .min(n.saturating_sub(1))
        .min(u32::MAX as usize - 1) as u32;
    if options.k == 0 || max_hops == 0 {
        return Vec::new();
    }
    let mut is_target = vec![false; n];
    let mut any_target = false;
    for t in targets {
        if let Some(&i) = graph.index.get(t)
            && i != graph.me
            && !graph.adjacency[i as usize].is_empty()
        {
            is_target[i as usize] = true;
            any_target = true;
        }
    }
    if !any_target {
        return Vec::new();
    }

    let mut search = Search::new(graph, &is_target, hop_cost);
    let Some(first) = search.run(graph.me, max_hops, &[]) else {
        return Vec::new();
    };
    let cost_of = |path: &[u32]| path_cost(graph, path, hop_cost);
    let mut seen: HashSet<Vec<u32>> = HashSet::new();
    seen.insert(first.clone());
    let mut found: Vec<(f64, Vec<u32>)> = vec![(cost_of(&first), first)];
    let mut candidates: Vec<(f64, Vec<u32>)> = Vec::new();
    // Where each found path / candidate left its parent (Lawler 1972): spurring a new path
    // before that node would only regenerate its parent's candidates.
    let mut last_deviation = 0;
    let mut candidate_deviation: Vec<usize> = Vec::new();

    // Yen: each new path deviates from the last one found at some spur node, avoiding the
    // root's nodes and every next hop already taken by a found path with the same root.
    while found.len() < options.k {
        let Some((_, last)) = found.last() else { break };
        let last = last.clone();
        for i in last_deviation..last.len() - 1 {
            let root = &last[..=i];
            let spur = last[i];
            let mut banned_next: Vec<u32> = found
                .iter()
                .filter(|(_, p)| p.len() > i + 1 && &p[..=i] == root)
                .map(|(_, p)| p[i + 1])
                .collect();
            banned_next.sort_unstable();
            banned_next.dedup();
            for &r in &root[..i] {
                search.banned[r as usize] = true;
            }
            let spur_path = search.run(spur, max_hops - i as u32, &banned_next);
            for &r in &root[..i] {
                search.banned[r as usize] = false;
            }
            if let Some(spur_path) = spur_path {
                let mut path = root[..i].to_vec();
                path.extend_from_slice(&spur_path);
                if seen.insert(path.clone()) {
                    candidates.push((cost_of(&path), path));
                    candidate_deviation.push(i);
                }
            }
        }
        let best = candidates
            .iter()
            .enumerate()
            .min_by(|(_, a), (_, b)| compare_paths(graph, a, b))
            .map(|(at, _)| at);
        let Some(best) = best else { break };
        last_deviation = candidate_deviation.swap_remove(best);
        found.push(candidates.swap_remove(best));
    }

    // Equal costs can come out of the search in either order; settle them by ids.
    found.sort_by(|a, b| compare_paths(graph, a, b));
    found
        .into_iter()
        .map(|(cost, path)| to_warm_path(graph, &path, cost))
        .collect()
}

/// Orders paths by cost, then by their sequence of ids.
fn compare_paths(graph: &Graph, a: &(f64, Vec<u32>), b: &(f64, Vec<u32>)) -> Ordering {
    a.0.total_cmp(&b.0).then_with(|| {
        let ids =
            |p: &[u32]| -> Vec<PersonId> { p.iter().map(|&i| graph.ids[i as usize]).collect() };
        ids(&a.1).cmp(&ids(&b.1))
    })
}

fn hop_weight(strength: f64, hop_cost: f64) -> f64 {
    -strength.max(MIN_STRENGTH).ln() + hop_cost
}

/// The cost of a path, summed hop by hop from the start (the same way for every path, so equal
/// paths have bit-identical costs).
fn path_cost(graph: &Graph, path: &[u32], hop_cost: f64) -> f64 {
    path.windows(2)
        .map(|w| {
            hop_weight(
                graph.strength_between(w[0], w[1]).unwrap_or(MIN_STRENGTH),
                hop_cost,
            )
        })
        .sum()
}

fn to_warm_path(graph: &Graph, path: &[u32], cost: f64) -> WarmPath {
    let hops: Vec<Hop> = path
        .windows(2)
        .map(|w| Hop {
            from: graph.ids[w[0] as usize],
            to: graph.ids[w[1] as usize],
            strength: graph.strength_between(w[0], w[1]).unwrap_or(MIN_STRENGTH),
        })
        .collect();
    WarmPath {
        people: path.iter().map(|&i| graph.ids[i as usize]).collect(),
        strength: hops.iter().map(|h| h.strength).product(),
        hops,
        cost,
    }
}

/// A partial path in the search: it reaches `node` in `hops` hops at `cost`, coming from the
/// label `parent`.
#[derive(Debug, Clone, Copy)]
struct Label {
    node: u32,
    hops: u32,
    parent: u32,
    cost: f64,
}

/// A heap entry; the heap pops the cheapest, then the smallest id, then the fewest hops, then
/// the earliest label.
#[derive(Debug, Clone, Copy)]
struct Entry {
    cost: f64,
    id: PersonId,
    hops: u32,
    label: u32,
}

impl Entry {
    fn key(&self, other: &Self) -> Ordering {
        self.cost
            .total_cmp(&other.cost)
            .then_with(|| self.id.cmp(&other.id))
            .then_with(|| self.hops.cmp(&other.hops))
            .then_with(|| self.label.cmp(&other.label))
    }
}

impl PartialEq for Entry {
    fn eq(&self, other: &Self) -> bool {
        self.key(other) == Ordering::Equal
    }
}
impl Eq for Entry {}
impl PartialOrd for Entry {
    fn partial_cmp(&self, other: &Self) -> Option<Ordering> {
        Some(self.cmp(other))
    }
}
impl Ord for Entry {
    /// Reversed, so that std's max-heap pops the smallest key.
    fn cmp(&self, other: &Self) -> Ordering {
        other.key(self)
    }
}

/// A reusable hop-limited Dijkstra. Its per-node state is reset only where it was touched, so
/// the many spur searches of Yen cost what they explore, not the size of the graph.
#[derive(Debug)]
struct Search<'g> {
    graph: &'g Graph,
    is_target: &'g [bool],
    hop_cost: f64,
    /// Nodes a search must not enter (Yen's root path).
    banned: Vec<bool>,
    /// The fewest hops with which each node was settled (`NONE`: not yet).
    settled: Vec<u32>,
    /// The cheapest label pushed for each node (`NONE`: none).
    best: Vec<u32>,
    touched: Vec<u32>,
    labels: Vec<Label>,
    heap: BinaryHeap<Entry>,
}

impl<'g> Search<'g> {
    fn new(graph: &'g Graph, is_target: &'g [bool], hop_cost: f64) -> Self {
        let n = graph.node_count();
        Self {
            graph,
            is_target,
            hop_cost,
            banned: vec![false; n],
            settled: vec![NONE; n],
            best: vec![NONE; n],
            touched: Vec::new(),
            labels: Vec::new(),
            heap: BinaryHeap::new(),
        }
    }

    fn reset(&mut self) {
        for &v in &self.touched {
            self.settled[v as usize] = NONE;
            self.best[v as usize] = NONE;
        }
        self.touched.clear();
        self.labels.clear();
        self.heap.clear();
    }

    /// The node sequence of a label's path, from the search's source.
    fn trace(&self, mut label: u32) -> Vec<u32> {
        let mut path = Vec::new();
        while label != NONE {
            let l = self.labels[label as usize];
            path.push(l.node);
            label = l.parent;
        }
        path.reverse();
        path
    }

    fn trace_ids(&self, label: u32) -> Vec<PersonId> {
        self.trace(label)
            .into_iter()
            .map(|i| self.graph.ids[i as usize])
            .collect()
    }

    fn push(&mut self, node: u32, hops: u32, parent: u32, cost: f64) {
        let label = self.labels.len() as u32;
        self.labels.push(Label {
            node,
            hops,
            parent,
            cost,
        });
        if self.best[node as usize] == NONE {
            self.touched.push(node);
        }
        let best = self.best[node as usize];
        if best == NONE || cost < self.labels[best as usize].cost {
            self.best[node as usize] = label;
        }
        self.heap.push(Entry {
            cost,
            id: self.graph.ids[node as usize],
            hops,
            label,
        });
    }

    /// The cheapest path from `source` to a target with at most `budget` hops, avoiding banned
    /// nodes and, as first hop, the nodes in `banned_next` (sorted).
    fn run(&mut self, source: u32, budget: u32, banned_next: &[u32]) -> Option<Vec<u32>> {
        self.reset();
        self.push(source, 0, NONE, 0.0);
        while let Some(entry) = self.heap.pop() {
            let label = self.labels[entry.label as usize];
            let v = label.node as usize;
            // Dominated by a label settled earlier: no dearer and no longer.
            if self.settled[v] <= label.hops {
                continue;
            }
            self.settled[v] = label.hops;
            if self.is_target[v] && label.node != source {
                return Some(self.trace(entry.label));
            }
            if label.hops >= budget {
                continue;
            }
            let hops = label.hops + 1;
            let graph = self.graph;
            for &(w, strength) in &graph.adjacency[v] {
                let wi = w as usize;
                if self.banned[wi] || self.settled[wi] <= hops {
                    continue;
                }
                if hops == budget && !self.is_target[wi] {
                    continue;
                }
                if label.node == source && banned_next.binary_search(&w).is_ok() {
                    continue;
                }
                let cost = label.cost + hop_weight(strength, self.hop_cost);
                let best = self.best[wi];
                if best != NONE {
                    let b = self.labels[best as usize];
                    if b.cost <= cost && b.hops <= hops {
                        // Dominated by a pending label. On an exact tie, keep the path whose ids
                        // come first, whatever order the ties were added in.
                        if b.cost == cost && b.hops == hops {
                            let mine = {
                                let mut p = self.trace_ids(entry.label);
                                p.push(graph.ids[wi]);
                                p
                            };
                            if mine < self.trace_ids(best) {
                                self.labels[best as usize].parent = entry.label;
                            }
                        }
                        continue;
                    }
                }
                self.push(w, hops, entry.label, cost);
            }
        }
        None
    }
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;
    use uuid::Uuid;

    fn pid(n: u128) -> PersonId {
        PersonId(Uuid::from_u128(n))
    }

    const ME: u128 = 1;

    fn graph(ties: &[(u128, u128, f64)]) -> Graph {
        let mut g = Graph::new(pid(ME));
        for &(a, b, s) in ties {
            g.add_tie(pid(a), pid(b), s);
        }
        g
    }

    fn people(path: &WarmPath) -> Vec<u128> {
        path.people.iter().map(|p| p.0.as_u128()).collect()
    }

    fn close(a: f64, b: f64) -> bool {
        (a - b).abs() < 1e-9
    }

    /// Every loopless path from me to a target within `max_hops`, stopping at the first target,
    /// with its cost, cheapest first (ties by ids).
    fn brute_force(g: &Graph, targets: &[PersonId], opts: &PathOptions) -> Vec<(f64, Vec<u32>)> {
        fn walk(
            g: &Graph,
            targets: &[u32],
            opts: &PathOptions,
            path: &mut Vec<u32>,
            out: &mut Vec<(f64, Vec<u32>)>,
        ) {
            let v = *path.last().unwrap();
            if path.len() > 1 && targets.contains(&v) {
                out.push((path_cost(g, path, opts.hop_cost), path.clone()));
                return;
            }
            if path.len() > opts.max_hops {
                return;
            }
            for &(w, _) in &g.adjacency[v as usize] {
                if !path.contains(&w) {
                    path.push(w);
                    walk(g, targets, opts, path, out);
                    path.pop();
                }
            }
        }
        let t: Vec<u32> = targets.iter().map(|t| g.index[t]).collect();
        let mut out = Vec::new();
        walk(g, &t, opts, &mut vec![g.me], &mut out);
        out.sort_by(|a, b| compare_paths(g, a, b));
        out
    }

    #[test]
    fn paths_direct_contact_gives_one_hop() {
        let g = graph(&[(ME, 2, 0.7), (ME, 3, 0.9)]);
        let found = warm_paths(&g, &[pid(2)], &PathOptions::default());
        assert_eq!(found.len(), 1);
        assert_eq!(people(&found[0]), vec![ME, 2]);
        assert_eq!(
            found[0].hops,
            vec![Hop {
                from: pid(ME),
                to: pid(2),
                strength: 0.7
            }]
        );
        assert!(close(found[0].cost, -(0.7f64).ln() + 0.1));
        assert!(close(found[0].strength, 0.7));
    }

    #[test]
    fn paths_strong_two_hops_beat_weak_direct_tie() {
        // Direct 0.1: −ln 0.1 + 0.1 = 2.402585. Via 2: (−ln 0.9 + 0.1) + (−ln 0.8 + 0.1)
        // = 0.205361 + 0.323144 = 0.528504.
        let g = graph(&[(ME, 9, 0.1), (ME, 2, 0.9), (2, 9, 0.8)]);
        let found = warm_paths(&g, &[pid(9)], &PathOptions::default());
        assert_eq!(found.len(), 2);
        assert_eq!(people(&found[0]), vec![ME, 2, 9]);
        assert!((found[0].cost - 0.528504).abs() < 1e-6);
        assert!(close(found[0].strength, 0.72));
        assert_eq!(people(&found[1]), vec![ME, 9]);
        assert!((found[1].cost - 2.402585).abs() < 1e-6);

        // Direct 0.6: 0.510826 + 0.1 = 0.610826. Via 2 at 0.8 · 0.8 = 0.64 (stronger product):
        // 2 · (0.223144 + 0.1) = 0.646287, so the hop cost makes the direct tie win.
        let g = graph(&[(ME, 9, 0.6), (ME, 2, 0.8), (2, 9, 0.8)]);
        let found = warm_paths(&g, &[pid(9)], &PathOptions::default());
        assert_eq!(people(&found[0]), vec![ME, 9]);
        assert!((found[0].cost - 0.610826).abs() < 1e-6);
        assert_eq!(people(&found[1]), vec![ME, 2, 9]);
        assert!((found[1].cost - 0.646287).abs() < 1e-6);
        // Without the hop cost, the stronger product wins.
        let opts = PathOptions {
            hop_cost: 0.0,
            ..PathOptions::default()
        };
        let found = warm_paths(&g, &[pid(9)], &opts);
        assert_eq!(people(&found[0]), vec![ME, 2, 9]);
    }

    #[test]
    fn paths_max_hops_cuts_longer_paths() {
        // A strong 4-hop chain and a weak 2-hop route.
        let g = graph(&[
            (ME, 2, 1.0),
            (2, 3, 1.0),
            (3, 4, 1.0),
            (4, 9, 1.0),
            (ME, 5, 0.2),
            (5, 9, 0.2),
        ]);
        let opts = |max_hops| PathOptions {
            max_hops,
            ..PathOptions::default()
        };
        let four = warm_paths(&g, &[pid(9)], &opts(4));
        assert_eq!(people(&four[0]), vec![ME, 2, 3, 4, 9]);
        assert_eq!(people(&four[1]), vec![ME, 5, 9]);
        let three = warm_paths(&g, &[pid(9)], &opts(3));
        assert_eq!(three.len(), 1);
        assert_eq!(people(&three[0]), vec![ME, 5, 9]);
        assert!(warm_paths(&g, &[pid(9)], &opts(1)).is_empty());
        assert!(warm_paths(&g, &[pid(9)], &opts(0)).is_empty());
    }

    #[test]
    fn paths_hop_limit_prefers_short_route_over_cheap_detour_to_a_node() {
        // Node 4 is reached cheaply in 3 hops (me-2-3-4) or dearly in 1 (me-4). With 2 hops
        // allowed, the target 9 behind 4 is only reachable through the direct tie.
        let g = graph(&[
            (ME, 2, 1.0),
            (2, 3, 1.0),
            (3, 4, 1.0),
            (ME, 4, 0.3),
            (4, 9, 0.9),
        ]);
        let opts = PathOptions {
            max_hops: 2,
            ..PathOptions::default()
        };
        let found = warm_paths(&g, &[pid(9)], &opts);
        assert_eq!(found.len(), 1);
        assert_eq!(people(&found[0]), vec![ME, 4, 9]);
    }

    #[test]
    fn paths_yen_matches_brute_force_on_a_diamond() {
        // Two diamonds in a row, with a cross link and a direct tie.
        let ties = [
            (ME, 2, 0.9),
            (ME, 3, 0.6),
            (2, 3, 0.5),
            (2, 4, 0.7),
            (3, 4, 0.8),
            (4, 5, 0.9),
            (4, 6, 0.4),
            (5, 9, 0.6),
            (6, 9, 0.95),
            (5, 6, 0.3),
            (3, 9, 0.05),
            (ME, 9, 0.02),
        ];
        let g = graph(&ties);
        for max_hops in 1..=6 {
            for k in 1..=40 {
                let opts = PathOptions {
                    max_hops,
                    hop_cost: 0.1,
                    k,
                };
                let found = warm_paths(&g, &[pid(9)], &opts);
                let all = brute_force(&g, &[pid(9)], &opts);
                assert_eq!(found.len(), k.min(all.len()), "max_hops {max_hops} k {k}");
                for (f, (cost, path)) in found.iter().zip(&all) {
                    assert!(close(f.cost, *cost));
                    assert_eq!(f.people, to_warm_path(&g, path, *cost).people);
                    assert!(f.hops.len() <= max_hops);
                    let distinct: HashSet<_> = f.people.iter().collect();
                    assert_eq!(distinct.len(), f.people.len(), "loopless");
                }
            }
        }
        // The full diamond has this many loopless me → 9 paths; Yen finds them all.
        let opts = PathOptions {
            max_hops: 10,
            hop_cost: 0.1,
            k: 1000,
        };
        assert_eq!(
            warm_paths(&g, &[pid(9)], &opts).len(),
            brute_force(&g, &[pid(9)], &opts).len()
        );
    }

    #[test]
    fn paths_yen_matches_brute_force_on_random_small_graphs() {
        let mut seed = 0x2545_f491_4f6c_dd1d_u64;
        let mut next = move || {
            seed ^= seed << 13;
            seed ^= seed >> 7;
            seed ^= seed << 17;
            seed
        };
        for round in 0..60 {
            let n = 3 + (next() % 7) as u128;
            let mut ties = Vec::new();
            for a in 1..=n {
                for b in a + 1..=n {
                    if next() % 100 < 45 {
                        // Coarse strengths, so that equal costs happen.
                        ties.push((a, b, (1 + next() % 5) as f64 / 5.0));
                    }
                }
            }
            let g = graph(&ties);
            let targets: Vec<PersonId> = (2..=n)
                .filter(|_| next() % 3 == 0)
                .map(pid)
                .filter(|t| g.index.contains_key(t))
                .collect();
            let opts = PathOptions {
                max_hops: 1 + (next() % 5) as usize,
                hop_cost: (next() % 3) as f64 * 0.1,
                k: 1 + (next() % 12) as usize,
            };
            let all = brute_force(&g, &targets, &opts);
            let found = warm_paths(&g, &targets, &opts);
            assert_eq!(found.len(), opts.k.min(all.len()), "round {round}");
            for (f, (cost, _)) in found.iter().zip(&all) {
                assert!(close(f.cost, *cost), "round {round}");
                assert!(f.hops.len() <= opts.max_hops);
            }
        }
    }

    #[test]
    fn paths_organisation_picks_cheapest_member_and_stops_at_members() {
        // 7 and 8 work at the organisation; 8 is reached through 7 more cheaply than directly
        // through 3, but a path through a colleague is not a path to the organisation.
        let g = graph(&[
            (ME, 2, 0.9),
            (2, 7, 0.5),
            (7, 8, 1.0),
            (ME, 3, 0.4),
            (3, 8, 0.4),
        ]);
        let found = warm_paths(&g, &[pid(7), pid(8)], &PathOptions::default());
        assert_eq!(found.len(), 2);
        assert_eq!(people(&found[0]), vec![ME, 2, 7]);
        assert_eq!(people(&found[1]), vec![ME, 3, 8]);
        let opts = PathOptions {
            max_hops: 5,
            hop_cost: 0.1,
            k: 10,
        };
        let targets = [pid(7), pid(8)];
        let all = brute_force(&g, &targets, &opts);
        let found = warm_paths(&g, &targets, &opts);
        assert_eq!(found.len(), all.len());
        for (f, (cost, _)) in found.iter().zip(&all) {
            assert!(close(f.cost, *cost));
        }
    }

    #[test]
    fn paths_unreachable_and_unknown_targets_give_nothing() {
        let g = graph(&[(ME, 2, 0.9), (3, 4, 0.9)]);
        let opts = PathOptions::default();
        assert!(warm_paths(&g, &[pid(4)], &opts).is_empty());
        assert!(warm_paths(&g, &[pid(99)], &opts).is_empty());
        assert!(warm_paths(&g, &[pid(ME)], &opts).is_empty());
        assert!(warm_paths(&g, &[], &opts).is_empty());
        let none = PathOptions {
            k: 0,
            ..PathOptions::default()
        };
        assert!(warm_paths(&g, &[pid(2)], &none).is_empty());
    }

    #[test]
    fn paths_zero_strength_ties_are_ignored() {
        let g = graph(&[
            (ME, 2, 0.0),
            (ME, 3, 0.5),
            (3, 2, f64::NAN),
            (3, 4, -1.0),
            (ME, ME, 1.0),
        ]);
        assert_eq!(g.edge_count(), 1);
        assert_eq!(g.node_count(), 2);
        assert!(warm_paths(&g, &[pid(2)], &PathOptions::default()).is_empty());

        // Repeats keep the stronger; strengths are clamped into [1e-6, 1].
        let mut g = graph(&[(ME, 2, 0.3), (2, ME, 0.8), (ME, 2, 0.5), (ME, 3, 5.0)]);
        g.add_tie(pid(2), pid(4), 1e-12);
        assert_eq!(g.edge_count(), 3);
        assert_eq!(g.tie(pid(ME), pid(2)), Some(0.8));
        assert_eq!(g.tie(pid(ME), pid(3)), Some(1.0));
        assert_eq!(g.tie(pid(4), pid(2)), Some(MIN_STRENGTH));
        assert_eq!(g.me(), pid(ME));
    }

    #[test]
    fn paths_are_deterministic_whatever_the_insertion_order() {
        // A grid of equal-strength ties: many paths of exactly equal cost.
        let mut ties = Vec::new();
        for a in 2..12u128 {
            ties.push((ME, a, 0.5));
            for b in 20..24u128 {
                ties.push((a, b, 0.5));
                ties.push((b, 99, 0.5));
            }
        }
        let opts = PathOptions {
            max_hops: 3,
            hop_cost: 0.1,
            k: 7,
        };
        let first = warm_paths(&graph(&ties), &[pid(99)], &opts);
        assert_eq!(first.len(), 7);
        // Equal costs come ordered by ids: me, 2, 20, 99 first.
        assert_eq!(people(&first[0]), vec![ME, 2, 20, 99]);
        for w in first.windows(2) {
            assert!(w[0].cost <= w[1].cost);
        }
        let mut reversed = ties.clone();
        reversed.reverse();
        let mut shuffled = ties.clone();
        // A fixed permutation.
        let len = shuffled.len();
        for i in 0..len {
            shuffled.swap(i, (i * 7919 + 13) % len);
        }
        for order in [&ties, &reversed, &shuffled] {
            let again = warm_paths(&graph(order), &[pid(99)], &opts);
            assert_eq!(again, first);
        }
    }

    #[test]
    fn paths_serialize() {
        let g = graph(&[(ME, 2, 0.5)]);
        let found = warm_paths(&g, &[pid(2)], &PathOptions::default());
        let json = serde_json::to_value(&found[0]).unwrap();
        assert_eq!(json["hops"][0]["strength"], 0.5);
        assert_eq!(json["people"].as_array().unwrap().len(), 2);
    }
}
