"""Bootstrap stability of a segmentation (Hennig 2007, as fpc::clusterboot).

Why: a segment that disappears when a few respondents are swapped is no basis for a persona.
Each bootstrap draws n respondents with replacement, re-runs the whole segmentation (a fresh
estimator from ``make_estimator``) and compares its labels with the full-data labels on the
respondents drawn (each drawn respondent counted once):

* ARI between the full-data labels and the bootstrap labels (mean and a percentile 95% interval);
* per full-data segment, Hennig's Jaccard: the largest Jaccard similarity of that segment with any
  bootstrap segment, averaged over the bootstraps; also how often it "dissolved" (Jaccard <= 0.5)
  and was "recovered" (Jaccard >= 0.75).

Verdicts follow Hennig (2007, Comput. Stat. Data Anal. 52, 258-271) and the clusterboot help:
mean Jaccard >= 0.85 "stable" (highly stable), >= 0.75 "moderately stable" (valid, stable), >= 0.6
"weak" (a pattern, but which respondents belong to it is doubtful), < 0.6 "unstable" (not to be
trusted). The overall verdict is the weakest segment's: a persona set is only as good as its
least stable persona.
"""
from __future__ import annotations

from typing import Any, Callable

import numpy as np
import pandas as pd
from sklearn.metrics import adjusted_rand_score

__all__ = ["segment_stability", "jaccard_verdict"]


def jaccard_verdict(j: float) -> str:
    """Hennig's reading of a mean bootstrap Jaccard similarity."""
    if not np.isfinite(j):
        return "unknown"
    if j >= 0.85:
        return "stable"
    if j >= 0.75:
        return "moderately stable"
    if j >= 0.6:
        return "weak"
    return "unstable"


_ORDER = ["unstable", "weak", "moderately stable", "stable"]


def _rows(X: Any, idx: np.ndarray) -> Any:
    if isinstance(X, (pd.DataFrame, pd.Series)):
        return X.iloc[idx].reset_index(drop=True)
    return np.asarray(X)[idx]


def _labels(est: Any) -> np.ndarray:
    if not hasattr(est, "labels_"):
        raise ValueError(f"make_estimator: {type(est).__name__} has no labels_ after fit")
    return np.asarray(est.labels_)


def segment_stability(X: Any, make_estimator: Callable[[], Any], *, n_boot: int = 50,
                      random_state: int | None = 0, labels: np.ndarray | None = None) -> dict[str, Any]:
    """Bootstrap the segmentation ``make_estimator().fit(X)`` ``n_boot`` times.

    ``labels``: the full-data labels if already fitted (saves one fit); label -1 (respondent not
    placed) is left out of every comparison. Returns a JSON-serialisable dict: ari_mean,
    ari_ci [2.5 %, 97.5 %], jaccard_mean (over segments), verdict, n_boot, random_state and
    segments [{segment, n, jaccard_mean, jaccard_min, dissolved, recovered, verdict}].
    Deterministic for a given random_state (the estimator's own seed is its business).
    """
    if not isinstance(n_boot, (int, np.integer)) or n_boot < 1:
        raise ValueError(f"n_boot: expected a positive integer, got {n_boot!r}")
    n = len(X)
    if n < 2:
        raise ValueError(f"X: need at least 2 respondents for a bootstrap, got {n}")
    full = np.asarray(labels) if labels is not None else _labels(make_estimator().fit(X))
    if len(full) != n:
        raise ValueError(f"labels: expected {n} labels (one per row of X), got {len(full)}")
    segs = np.unique(full[full >= 0])
    rng = np.random.default_rng(random_state)
    aris: list[float] = []
    jac = np.full((n_boot, len(segs)), np.nan)
    for b in range(n_boot):
        idx = rng.integers(0, n, n)
        boot = _labels(make_estimator().fit(_rows(X, idx)))
        # each drawn respondent once: a duplicate always lands in its twin's segment
        uniq, first = np.unique(idx, return_index=True)
        orig, new = full[uniq], boot[first]
        ok = (orig >= 0) & (new >= 0)
        orig, new = orig[ok], new[ok]
        if orig.size == 0:
            continue
        aris.append(float(adjusted_rand_score(orig, new)))
        new_segs = np.unique(new)
        # contingency table: rows full-data segments, columns bootstrap segments
        table = np.zeros((len(segs), len(new_segs)))
        np.add.at(table, (np.searchsorted(segs, orig), np.searchsorted(new_segs, new)), 1)
        a = table.sum(axis=1, keepdims=True)
        bsz = table.sum(axis=0, keepdims=True)
        with np.errstate(invalid="ignore", divide="ignore"):
            jj = table / (a + bsz - table)
        present = a[:, 0] > 0
        jac[b, present] = jj[present].max(axis=1)
    seg_rows = []
    for s_i, s in enumerate(segs):
        col = jac[:, s_i][~np.isnan(jac[:, s_i])]
        mean = float(col.mean()) if col.size else float("nan")
        seg_rows.append({"segment": int(s), "n": int(np.sum(full == s)),
                         "jaccard_mean": mean,
                         "jaccard_min": float(col.min()) if col.size else float("nan"),
                         "dissolved": int(np.sum(col <= 0.5)), "recovered": int(np.sum(col >= 0.75)),
                         "n_runs": int(col.size), "verdict": jaccard_verdict(mean)})
    verdicts = [r["verdict"] for r in seg_rows if r["verdict"] != "unknown"]
    ari = np.array(aris)
    means = np.array([r["jaccard_mean"] for r in seg_rows], float)

    def clean(v: float) -> float | None:
        return float(v) if np.isfinite(v) else None

    for r in seg_rows:
        r["jaccard_mean"], r["jaccard_min"] = clean(r["jaccard_mean"]), clean(r["jaccard_min"])
    return {"ari_mean": clean(ari.mean()) if ari.size else None,
            "ari_ci": [clean(np.percentile(ari, 2.5)), clean(np.percentile(ari, 97.5))]
            if ari.size else [None, None],
            "jaccard_mean": clean(np.nanmean(means)) if np.isfinite(means).any() else None,
            "verdict": min(verdicts, key=_ORDER.index) if verdicts else "unknown",
            "n_boot": int(n_boot), "random_state": random_state, "segments": seg_rows}
