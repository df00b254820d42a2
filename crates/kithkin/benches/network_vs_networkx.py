#!/usr/bin/env python3
"""Benchmark: `kithkin report network` against networkx (and igraph, when installed) on the
same graph, plus `kithkin report diversity`, on a generated network.

    cargo build --release -p kithkin
    python3 -m pip install networkx igraph
    python3 crates/kithkin/benches/network_vs_networkx.py --people 100000

Steps: generate a database with `kithkin gen` (kept between runs with --db), export the
contact graph with `kithkin network export` (the graph `report network` analyses: explicit
links plus links derived from shared interactions), time the whole `kithkin --json report
network` command (database read, strengths for the ego network, Louvain, constraint and
effective size for every contact, JSON out), then time networkx on the exported CSV: Louvain
(`louvain_communities`, weight="weight", seed 1) and constraint (`nx.constraint`,
weight="weight"). networkx's constraint takes hours on 100k nodes, so by default it is
timed on a random sample of nodes (--sample) and scaled to all nodes (it is a per-node sum,
so its cost is additive over nodes); --full times every node. The sampled values are also
checked against Kithkin's (equal within 1e-9: same graph, same definition).

The ratio is networkx (Louvain + constraint, graph already loaded) over Kithkin's whole
command. igraph (C core) is timed the same way when importable.
"""

import argparse
import json
import os
import random
import subprocess
import sys
import tempfile
import time


def run(cmd, out=None):
    t = time.perf_counter()
    res = subprocess.run(cmd, stdout=out or subprocess.PIPE, stderr=subprocess.PIPE)
    dt = time.perf_counter() - t
    if res.returncode != 0:
        sys.exit(f"{' '.join(cmd)} failed ({res.returncode}):\n{res.stderr.decode()}")
    return dt, res


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--people", type=int, default=100_000)
    ap.add_argument("--db", default=None, help="database to (re)use [default: a temp file]")
    ap.add_argument("--kithkin", default=None, help="the kithkin binary")
    ap.add_argument("--sample", type=int, default=2000, help="nodes for networkx constraint")
    ap.add_argument("--full", action="store_true", help="networkx constraint on every node")
    args = ap.parse_args()

    target = os.environ.get("CARGO_TARGET_DIR", "target")
    kithkin = args.kithkin or os.path.join(target, "release", "kithkin")
    if not os.path.exists(kithkin):
        sys.exit(f"{kithkin} not found: cargo build --release -p kithkin (or --kithkin PATH)")
    work = tempfile.mkdtemp(prefix="kithkin-net-")
    db = args.db or os.path.join(work, "net.db")
    base = [kithkin, "--db", db]
    if not os.path.exists(db):
        dt, _ = run(base + ["gen", "--people", str(args.people)])
        print(f"gen {args.people}: {dt:.1f} s")

    csv_path = os.path.join(work, "graph.csv")
    dt, _ = run(base + ["-q", "network", "export", "-o", csv_path])
    print(f"kithkin network export: {dt:.2f} s")

    dt_report, res = run(base + ["--json", "report", "network"])
    report = json.loads(res.stdout)
    people = report["people"]
    print(
        f"kithkin report network: {dt_report:.2f} s  ({len(people)} contacts, "
        f"{report['links']} links, {report['communities']} communities, Q = {report['modularity']:.4f})"
    )
    for flags in ([], ["--weighted"]):
        dt, res = run(base + ["--json", "report", "diversity"] + flags)
        facets = json.loads(res.stdout)["facets"]
        print(
            f"kithkin report diversity {' '.join(flags)}: {dt:.2f} s  "
            f"({len(facets)} facets, {json.loads(res.stdout)['contacts']} contacts, with trend)"
        )

    import networkx as nx

    t = time.perf_counter()
    G = nx.Graph()
    ids = {}
    with open(csv_path, newline="", encoding="utf-8") as f:
        import csv

        for row in csv.DictReader(f):
            G.add_edge(row["source_id"], row["target_id"], weight=float(row["weight"]))
    for p in people:
        G.add_node(p["id"])
        ids[p["id"]] = p
    print(f"networkx: read {G.number_of_nodes()} nodes, {G.number_of_edges()} edges in {time.perf_counter() - t:.1f} s (not counted)")
    assert G.number_of_edges() == report["links"], "the export and the report see different graphs"

    t = time.perf_counter()
    communities = nx.community.louvain_communities(G, weight="weight", seed=1)
    dt_louvain = time.perf_counter() - t
    q = nx.community.modularity(G, communities, weight="weight")
    print(f"networkx louvain: {dt_louvain:.1f} s  ({len(communities)} communities, Q = {q:.4f})")

    nodes = list(G.nodes())
    sample = nodes if args.full else random.Random(1).sample(nodes, min(args.sample, len(nodes)))
    t = time.perf_counter()
    cons = nx.constraint(G, nodes=sample, weight="weight")
    dt_sample = time.perf_counter() - t
    dt_constraint = dt_sample * len(nodes) / len(sample)
    worst = 0.0
    for n in sample:
        ours = ids[n]["constraint"]
        theirs = cons[n]
        if ours is None:
            assert theirs != theirs, (n, theirs)  # nan for isolated nodes
            continue
        worst = max(worst, abs(ours - theirs))
    assert worst < 1e-9, f"constraint differs from networkx by {worst}"
    how = "all nodes" if args.full else f"{len(sample)} nodes, scaled to {len(nodes)}"
    print(f"networkx constraint: {dt_constraint:.1f} s  ({how}; max |difference| with kithkin {worst:.1e})")
    nx_total = dt_louvain + dt_constraint
    print(f"networkx louvain + constraint: {nx_total:.1f} s")
    print(f"RATIO networkx / kithkin report network (whole command) = {nx_total / dt_report:.1f}x")

    # the algorithms alone, in process, on the same exported graph
    env = dict(os.environ, KITHKIN_BENCH_GRAPH=csv_path)
    res = subprocess.run(
        ["cargo", "bench", "-q", "-p", "kithkin", "--bench", "network"],
        env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
    )
    algo = None
    if res.returncode == 0:
        algo = json.loads(res.stdout.decode().strip().splitlines()[-1])
        algo_total = algo["louvain_seconds"] + algo["holes_seconds"]
        print(
            f"kithkin algorithms alone: louvain {algo['louvain_seconds']:.3f} s "
            f"(Q = {algo['modularity']:.4f}), constraint + effective size {algo['holes_seconds']:.3f} s"
        )
        print(f"RATIO networkx / kithkin algorithms = {nx_total / algo_total:.0f}x")
    else:
        print(f"cargo bench --bench network failed: {res.stderr.decode()[-500:]}")

    try:
        import igraph as ig
    except ImportError:
        print("igraph: not installed (pip install igraph) — skipped")
        return
    index = {n: i for i, n in enumerate(nodes)}
    t = time.perf_counter()
    edges = [(index[u], index[v]) for u, v in G.edges()]
    weights = [w for _, _, w in G.edges(data="weight")]
    g = ig.Graph(n=len(nodes), edges=edges)
    print(f"igraph: built in {time.perf_counter() - t:.1f} s (not counted)")
    t = time.perf_counter()
    parts = g.community_multilevel(weights=weights)
    dt_ig_louvain = time.perf_counter() - t
    t = time.perf_counter()
    g.constraint(weights=weights)
    dt_ig_constraint = time.perf_counter() - t
    ig_total = dt_ig_louvain + dt_ig_constraint
    print(
        f"igraph multilevel: {dt_ig_louvain:.2f} s (Q = {parts.modularity:.4f}), "
        f"constraint: {dt_ig_constraint:.2f} s, total {ig_total:.2f} s"
    )
    print(f"RATIO igraph / kithkin report network (whole command) = {ig_total / dt_report:.2f}x")
    if algo:
        algo_total = algo["louvain_seconds"] + algo["holes_seconds"]
        print(f"RATIO igraph / kithkin algorithms = {ig_total / algo_total:.2f}x")


if __name__ == "__main__":
    main()
