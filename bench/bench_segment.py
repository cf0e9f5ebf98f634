"""Bench: the segment pipeline vs. scikit-learn KMeans alone (issue 4: ratio <= 3).

100,000 respondents x 30 Likert items (two 15-item scales, 2 % missing answers).
Ours: scale scoring (numpy mean of the available items) + KMeansSegmenter over k = 2..8
(standardising, silhouette on a 5000-respondent sample, size-ordered labels) + profile_segments
with all 30 items. Peer: sklearn KMeans over the same k range with the same n_init on the scores.
Each side runs twice; the best time counts (the machine is shared). Prints the ratio.

    .venv/bin/python bench/bench_segment.py
"""
from __future__ import annotations

import sys
import time
from pathlib import Path

import numpy as np
import pandas as pd
from sklearn.cluster import KMeans

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from segmentation.cluster import KMeansSegmenter  # noqa: E402
from segmentation.profiles import profile_segments  # noqa: E402

N, ITEMS, K_RANGE, N_INIT, SEED = 100_000, 30, (2, 8), 10, 0


def make_survey(seed: int = SEED) -> pd.DataFrame:
    rng = np.random.default_rng(seed)
    seg = rng.integers(0, 4, N)
    centre = np.array([[4.0, 4.0], [4.0, 2.0], [2.0, 4.0], [2.0, 2.0]])[seg]
    latent = np.repeat(centre, ITEMS // 2, axis=1) + rng.normal(0, 1.0, (N, ITEMS))
    answers = np.clip(np.round(latent), 1, 5)
    answers[rng.random(answers.shape) < 0.02] = np.nan
    return pd.DataFrame(answers, columns=[f"c{i}" for i in range(15)] + [f"r{i}" for i in range(15)])


def score(items: pd.DataFrame) -> pd.DataFrame:
    a = items.to_numpy(dtype=float)
    out = {}
    for name, sl in (("control", slice(0, 15)), ("orientation", slice(15, 30))):
        block = a[:, sl]
        seen = ~np.isnan(block)
        n = seen.sum(axis=1)
        s = np.where(seen, block, 0.0).sum(axis=1)
        out[name] = np.divide(s, n, out=np.full(len(a), np.nan), where=n > 0)
    return pd.DataFrame(out)


def ours(items: pd.DataFrame) -> float:
    t = time.perf_counter()
    scores = score(items)
    seg = KMeansSegmenter(k_range=K_RANGE, n_init=N_INIT, random_state=SEED).fit(scores)
    profile_segments(seg.labels_, scores, items=items)
    return time.perf_counter() - t, seg


def peer(items: pd.DataFrame) -> float:
    X = score(items).dropna().to_numpy()  # scoring not timed for the peer
    t = time.perf_counter()
    for k in range(K_RANGE[0], K_RANGE[1] + 1):
        KMeans(n_clusters=k, n_init=N_INIT, random_state=SEED).fit(X)
    return time.perf_counter() - t


def main() -> None:
    items = make_survey()
    t_ours, t_peer, seg = [], [], None
    for _ in range(2):
        t_peer.append(peer(items))
        dt, seg = ours(items)
        t_ours.append(dt)
    a, b = min(t_ours), min(t_peer)
    print(f"respondents={N} items={ITEMS} k={K_RANGE[0]}..{K_RANGE[1]} n_init={N_INIT}")
    print(f"chosen k={seg.k_} shares={[round(s, 3) for s in seg.shares_]}")
    print(f"ours (score + kmeans k-range + silhouette + profiles): {a:.2f} s")
    print(f"sklearn KMeans alone over the k range:                 {b:.2f} s")
    print(f"ratio ours/sklearn = {a / b:.2f}  (target <= 3)")


if __name__ == "__main__":
    main()
