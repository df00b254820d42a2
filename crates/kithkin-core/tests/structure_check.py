#!/usr/bin/env python3
"""Compute Burt's structural-holes measures (and optionally modularity) with networkx, as the
oracle for kithkin_core::structure and kithkin_core::community.

Usage: structure_check.py EDGES.csv NODES [--unweighted] [--partition PARTITION.csv]

EDGES.csv has the header `source,target,weight` and one line per undirected edge (each pair
once, weights already summed). NODES is the node count: nodes are 0..NODES-1, so nodes without
edges are isolated nodes of the graph. With --unweighted the weights are ignored (networkx is
called with weight=None); otherwise weight="weight".

PARTITION.csv (header `node,community`) gives every node's community; its modularity is
computed with nx.community.modularity (same weight choice).

Prints one JSON object:
{"holes": {"<node>": [constraint, effective_size], ...}, "modularity": Q or null}
with null for NaN (isolated nodes). Exits 2 on bad usage or input, 3 if networkx is missing.
"""

import csv
import json
import math
import sys

try:
    import networkx as nx
except ImportError as err:  # pragma: no cover - reported to the Rust test
    print(f"networkx is not installed: {err}", file=sys.stderr)
    sys.exit(3)


def finite_or_none(x):
    return None if math.isnan(x) else x


def main(argv):
    args = list(argv[1:])
    unweighted = "--unweighted" in args
    if unweighted:
        args.remove("--unweighted")
    partition = None
    if "--partition" in args:
        at = args.index("--partition")
        if at + 1 >= len(args):
            print("--partition needs a file", file=sys.stderr)
            return 2
        partition = args[at + 1]
        del args[at : at + 2]
    if len(args) != 2:
        print(__doc__, file=sys.stderr)
        return 2
    path, nodes = args[0], int(args[1])

    G = nx.Graph()
    G.add_nodes_from(range(nodes))
    with open(path, newline="") as f:
        reader = csv.DictReader(f)
        for row in reader:
            u, v, w = int(row["source"]), int(row["target"]), float(row["weight"])
            if G.has_edge(u, v):
                print(f"edge {u},{v} listed twice", file=sys.stderr)
                return 2
            G.add_edge(u, v, weight=w)
    if G.number_of_nodes() != nodes:
        print(f"edges name nodes outside 0..{nodes}", file=sys.stderr)
        return 2

    weight = None if unweighted else "weight"
    constraint = nx.constraint(G, weight=weight)
    effective = nx.effective_size(G, weight=weight)
    holes = {
        str(v): [finite_or_none(constraint[v]), finite_or_none(effective[v])]
        for v in G.nodes
    }

    modularity = None
    if partition is not None:
        groups = {}
        with open(partition, newline="") as f:
            for row in csv.DictReader(f):
                groups.setdefault(row["community"], set()).add(int(row["node"]))
        modularity = nx.community.modularity(G, list(groups.values()), weight=weight)

    json.dump({"holes": holes, "modularity": modularity}, sys.stdout)
    print()
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
