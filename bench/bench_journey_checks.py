"""Benchmark: journey checks on a 10,000-node journey, as a ratio against networkx in the same run.

Target (issue 8): ``check_journey`` on 10,000 nodes in at most 1 s. Wall-clock time depends on the
machine, so the figure that matters is the ratio against a peer doing the least comparable work
with networkx itself: build the DiGraph, ``nx.descendants`` from every start node (reachability)
and ``nx.simple_cycles(G, length_bound=3)`` (bounce loops). Our checks do all of that and more
(dead ends, defaults, escalation and aftercare reachability, rules of play, messages).

Second figure: the gap check of a decision table with 10^6 input combinations (numpy
enumeration, target under 2 s), against the peer ``np.indices`` building the same 10^6-cell grid.

Run: .venv/bin/python bench/bench_journey_checks.py [--nodes 10000] [--repeat 3]
"""
from __future__ import annotations

import argparse
import random
import sys
import time
from pathlib import Path

import networkx as nx
import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from journeys.checks import check_journey  # noqa: E402
from journeys.model import DecisionTable, Journey  # noqa: E402
from journeys.rules import gap_report  # noqa: E402

LANES = ["customer", "frontline", "backoffice", "manager"]


def make_journey(n: int, seed: int = 7) -> Journey:
    """A long journey: a main path with branches, back edges (some bounce loops), decisions
    with rules, frontline/customer lanes and escalations with aftercare."""
    rng = random.Random(seed)
    nodes, edges, rules = [], [], {}
    kinds = ["step", "touchpoint", "step", "decision"]
    for i in range(n):
        kind = "start" if i % 2000 == 0 else "end" if i == n - 1 else kinds[i % 4]
        if i % 97 == 50:
            kind = "escalation"
        elif i % 97 == 51:
            kind = "aftercare"
        node = {"id": f"n{i}", "label": f"Step {i}", "kind": kind,
                "lane": LANES[i % 4] if kind not in ("escalation", "aftercare") else "manager",
                "discretion": kind == "decision" and i % 8 == 3}
        nodes.append(node)
        if node["discretion"]:
            rules[node["id"]] = {"hit_policy": "first", "inputs": [
                {"name": "behaviour", "basis": "behaviour", "values": ["calm", "rude"]},
                {"name": "wait_minutes", "basis": "context", "ranges": [[0, None]]}],
                "rows": [{"when": {"behaviour": "rude"}, "then": "escalate", "why": "safety"},
                         {"when": {"wait_minutes": ">=30"}, "then": "apologise", "why": "late",
                          "test": {"in_favour": True, "relevant": True, "opt_out": True,
                                   "open_to_all": True}},
                         {"when": {}, "then": "continue", "why": "standard"}]}
    seen = set()
    for i in range(n - 1):
        pairs = [(i, i + 1)]
        if nodes[i]["kind"] == "decision":
            pairs.append((i, min(n - 1, i + rng.randint(2, 40))))
        if rng.random() < 0.05:
            pairs.append((i, max(0, i - rng.randint(1, 2))))   # back edges: short loops
        for a, b in pairs:
            if (a, b) not in seen and a != b:
                seen.add((a, b))
                edges.append({"source": f"n{a}", "target": f"n{b}",
                              "default": b == a + 1 and nodes[a]["kind"] == "decision"})
    return Journey.model_validate({"name": "bench", "lanes": LANES, "nodes": nodes,
                                   "edges": edges, "rules": rules})


def peer(j: Journey) -> int:
    g = nx.DiGraph()
    g.add_nodes_from(n.id for n in j.nodes)
    g.add_edges_from((e.source, e.target) for e in j.edges)
    reached: set[str] = set()
    for s in (n.id for n in j.nodes if n.kind == "start"):
        reached |= nx.descendants(g, s) | {s}
    cycles = sum(1 for c in nx.simple_cycles(g, length_bound=3) if len(c) > 1)
    return len(reached) + cycles


def best(fn, repeat: int) -> float:
    times = []
    for _ in range(repeat):
        t0 = time.perf_counter()
        fn()
        times.append(time.perf_counter() - t0)
    return min(times)


def big_table() -> DecisionTable:
    values = [f"v{i}" for i in range(10)]
    inputs = [{"name": f"i{k}", "basis": "behaviour", "values": values} for k in range(6)]
    rows = [{"when": {f"i{k}": values[:9]}, "then": f"o{k}", "why": "w"} for k in range(6)]
    return DecisionTable(hit_policy="first", inputs=inputs, rows=rows)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--nodes", type=int, default=10_000)
    ap.add_argument("--repeat", type=int, default=3)
    args = ap.parse_args()
    j = make_journey(args.nodes)
    findings = check_journey(j)
    ours = best(lambda: check_journey(j), args.repeat)
    theirs = best(lambda: peer(j), args.repeat)
    print(f"journey: {len(j.nodes)} nodes, {len(j.edges)} edges, {len(j.rules)} rule tables, "
          f"{len(findings)} findings")
    print(f"check_journey           {ours * 1000:8.1f} ms  (target <= 1000 ms)")
    print(f"peer networkx           {theirs * 1000:8.1f} ms  (descendants from each start + "
          "simple_cycles length_bound=3)")
    print(f"ratio ours / peer       {ours / theirs:8.2f}")
    t = big_table()
    rep = gap_report(t)
    ours_gap = best(lambda: gap_report(t), args.repeat)
    peer_gap = best(lambda: np.indices([10] * 6).sum(), args.repeat)
    print(f"gap check, {rep['total']:,} combinations ({rep['method']}, {rep['count']} gap): "
          f"{ours_gap * 1000:.1f} ms (target < 2000 ms); peer np.indices grid "
          f"{peer_gap * 1000:.1f} ms; ratio {ours_gap / peer_gap:.2f}")


if __name__ == "__main__":
    main()
