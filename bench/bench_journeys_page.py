"""Benchmark: the Journeys page and designed-vs-actual, as ratios against peers in the same run.

1. Event log: read a 1,000,000-event CSV and compare it with the home-buying journey
   (``read_event_log`` + ``compare``: directly-follows counts, undesigned transitions, share of
   cases following the design). Target (issue 7): under 10 s. Peer: the same counting in plain
   Python (``csv`` module, sort per case, ``collections.Counter``), the textbook implementation.
2. Page rerun: the Journeys page (streamlit.testing AppTest) with a 300-node journey selected,
   against the same page with a 2-node journey (every widget there, nearly no data). Target (issue 7): at most 2x. Also the
   swimlane figure alone for 300 nodes, and its trace count.

Run: .venv/bin/python bench/bench_journeys_page.py [--events 1000000] [--runs 5]
"""
from __future__ import annotations

import argparse
import csv
import io
import os
import sys
import tempfile
import time
from collections import Counter, defaultdict
from pathlib import Path

import numpy as np
import pandas as pd

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from journeys.charts import swimlane_figure  # noqa: E402
from journeys.eventlog import auto_mapping, compare, read_event_log  # noqa: E402
from journeys.model import load_journey  # noqa: E402
from journeys.paths import journey_personas, persona_path  # noqa: E402


def make_log(n_events: int, seed: int = 1) -> bytes:
    """Cases walking the persona routes of the home-buying journey; one in ten makes a phone
    call the design does not have, one in twenty skips a step. Rows shuffled."""
    journey = load_journey(ROOT / "data" / "journeys" / "home_buying.json")
    rng = np.random.default_rng(seed)
    routes = [persona_path(journey, p).route for p in journey_personas(journey)]
    cases, acts, steps, personas = [], [], [], []
    c = 0
    while len(acts) < n_events:
        route = list(routes[c % len(routes)])
        if c % 10 == 0:
            route.insert(3, "Phone call")
        if c % 20 == 5:
            del route[5]
        cases += [f"case{c}"] * len(route)
        acts += route
        steps += list(range(len(route)))
        personas += [journey_personas(journey)[c % len(routes)]] * len(route)
        c += 1
    frame = pd.DataFrame({"case_id": cases, "activity": acts, "step": steps, "persona": personas}).head(n_events)
    day = rng.integers(0, 300, c)  # one start day per case
    case_no = frame["case_id"].str.slice(4).astype(int).to_numpy()
    start = pd.Timestamp("2025-01-01") + pd.to_timedelta(day[case_no], unit="D")
    frame["timestamp"] = (start + pd.to_timedelta(frame["step"] * 3600, unit="s")).dt.strftime("%Y-%m-%dT%H:%M:%S")
    frame = frame.drop(columns="step").sample(frac=1.0, random_state=seed)
    return frame[["case_id", "activity", "timestamp", "persona"]].to_csv(index=False).encode()


def ours(raw: bytes, journey) -> tuple[float, float]:
    t0 = time.perf_counter()
    log = read_event_log(raw, "bench.csv")
    result = compare(journey, log, auto_mapping(list(log["activity"].unique()), journey))
    return time.perf_counter() - t0, result.share_following


def peer(raw: bytes, journey) -> tuple[float, float]:
    t0 = time.perf_counter()
    mapping = auto_mapping(sorted({r["activity"] for r in csv.DictReader(io.StringIO(raw.decode()))}), journey)
    by_case: dict[str, list[tuple[str, int, str]]] = defaultdict(list)
    for i, row in enumerate(csv.DictReader(io.StringIO(raw.decode()))):
        by_case[row["case_id"]].append((row["timestamp"], i, row["activity"]))
    designed = {(e.source, e.target) for e in journey.edges}
    counts: Counter = Counter()
    following = 0
    for events in by_case.values():
        events.sort()
        names = [mapping.get(a) or "?" + a for _, _, a in events]
        pairs = list(zip(names, names[1:]))
        counts.update(pairs)
        following += all(p in designed for p in pairs) and all(mapping.get(a) for _, _, a in events)
    return time.perf_counter() - t0, following / len(by_case)


def big_journey(n: int = 300) -> dict:
    import random

    rng = random.Random(3)
    stages = [f"Stage {i + 1}" for i in range(6)]
    lanes = ["customer", "frontline", "backoffice", "manager", "partner"]
    nodes = [{"id": f"n{i}", "label": f"Step number {i}", "stage": stages[min(5, i * 6 // n)],
              "lane": rng.choice(lanes), "kind": "start" if i == 0 else ("end" if i == n - 1 else
                                                                         rng.choice(["step", "touchpoint", "decision"])),
              "emotion": {"A": rng.randint(-2, 2)}} for i in range(n)]
    edges = {(i, i + 1) for i in range(n - 1)}
    while len(edges) < int(n * 1.4):
        a = rng.randrange(n - 1)
        edges.add((a, rng.randrange(a + 1, min(n, a + 12))))
    return {"name": "Big journey", "stages": stages, "lanes": lanes, "personas": ["A"], "nodes": nodes,
            "edges": [{"source": f"n{a}", "target": f"n{b}", "personas": ["A"] if (a + b) % 3 == 0 else []}
                      for a, b in sorted(edges)]}


def page_rerun(runs: int) -> tuple[float, float]:
    """Best rerun time of the Journeys page: (2-node journey, 300-node journey)."""
    os.environ["STUDIO_HOME"] = tempfile.mkdtemp(prefix="bench-journeys-")
    os.environ.pop("STUDIO_DB_URL", None)
    from streamlit.testing.v1 import AppTest

    from studio.schema import Project
    from studio.store import Store

    store = Store()
    small = {"name": "Small", "stages": ["Stage 1"], "lanes": ["customer"], "nodes": [
        {"id": "start", "label": "Start", "kind": "start", "stage": "Stage 1", "lane": "customer"},
        {"id": "end", "label": "End", "kind": "end", "stage": "Stage 1", "lane": "customer"}],
        "edges": [{"source": "start", "target": "end"}]}
    empty = store.create(Project(name="small", journeys=[small])).project.id
    big = store.create(Project(name="big", journeys=[big_journey()])).project.id

    def timed(pid: str) -> float:
        at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=120)
        at.query_params["project"] = pid
        at.run()
        at.switch_page("app_pages/journeys.py")
        at.run()
        assert not at.exception, at.exception
        best = float("inf")
        for _ in range(runs):
            t0 = time.perf_counter()
            at.run()
            best = min(best, time.perf_counter() - t0)
        return best

    return timed(empty), timed(big)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--events", type=int, default=1_000_000)
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args()
    journey = load_journey(ROOT / "data" / "journeys" / "home_buying.json")
    raw = make_log(args.events)
    print(f"event log: {args.events:,} events, {len(raw) / 1e6:.1f} MB")
    t_ours, share = min(ours(raw, journey) for _ in range(2))
    t_peer, share_peer = peer(raw, journey)
    print(f"  ours (read + compare): {t_ours:.2f} s   share following {share:.3f}   target < 10 s")
    print(f"  peer (csv + Counter):  {t_peer:.2f} s   share following {share_peer:.3f}")
    print(f"  ratio ours/peer = {t_ours / t_peer:.2f}")

    big = load_journey(big_journey())
    t0 = time.perf_counter()
    fig = swimlane_figure(big, persona="A")
    print(f"swimlane figure, 300 nodes / {len(big.edges)} edges: {time.perf_counter() - t0:.3f} s, "
          f"{len(fig.data)} traces")
    t_empty, t_big = page_rerun(args.runs)
    print(f"page rerun (best of {args.runs}): 2-node journey {t_empty:.3f} s, 300-node journey {t_big:.3f} s, "
          f"ratio {t_big / t_empty:.2f} (target <= 2)")


if __name__ == "__main__":
    main()
