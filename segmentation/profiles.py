"""Segment profiles: what sets each segment apart, with effect sizes, as evidence for personas.

Why effect sizes and not p-values: with a thousand respondents everything is "significant";
what a persona writer needs is which answers differ *most* between this segment and the rest.
Numeric answers get Cohen's d (segment vs. the rest, pooled SD); each answer of a categorical
item gets Cohen's h for the two shares (2·asin√p1 − 2·asin√p2, the same 0.2/0.5/0.8 benchmarks
as d), the share difference and Haberman's adjusted standardized residual. Both lists are sorted
by |effect|.

Demographics are described (shares, means) under ``demographics_description_only`` and never
ranked: they must not become what a persona is "about" (see DOMAIN.md, the old boxes).
"""
from __future__ import annotations

from typing import Any

import numpy as np
import pandas as pd
from scipy import stats

__all__ = ["profile_segments"]


def _num(v: float) -> float | None:
    return float(v) if v is not None and np.isfinite(v) else None


def _is_numeric(s: pd.Series) -> bool:
    return pd.api.types.is_numeric_dtype(s) and not pd.api.types.is_bool_dtype(s)


def _group_stats(values: np.ndarray, codes: np.ndarray, k: int) -> tuple[np.ndarray, ...]:
    """Per-segment count, sum and sum of squares of each column, ignoring NaN (vectorised)."""
    ok = ~np.isnan(values)
    v = np.where(ok, values, 0.0)
    onehot = np.zeros((len(codes), k))
    onehot[np.arange(len(codes)), codes] = 1.0
    return onehot.T @ ok, onehot.T @ v, onehot.T @ (v * v)


def _mean_sd(n: np.ndarray, s: np.ndarray, ss: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    with np.errstate(invalid="ignore", divide="ignore"):
        mean = s / n
        var = (ss - n * mean * mean) / (n - 1)
    return mean, np.sqrt(np.maximum(var, 0.0))


def _numeric_effects(df: pd.DataFrame, codes: np.ndarray, k: int, source: str) -> list[list[dict]]:
    out: list[list[dict]] = [[] for _ in range(k)]
    cols = [c for c in df.columns if _is_numeric(df[c])]
    if not cols:
        return out
    vals = df[cols].to_numpy(dtype=float)
    n, s, ss = _group_stats(vals, codes, k)
    tn, ts, tss = n.sum(0), s.sum(0), ss.sum(0)
    rn, rs, rss = tn - n, ts - s, tss - ss
    m1, sd1 = _mean_sd(n, s, ss)
    m2, sd2 = _mean_sd(rn, rs, rss)
    with np.errstate(invalid="ignore", divide="ignore"):
        pooled = np.sqrt(((n - 1) * sd1 ** 2 + (rn - 1) * sd2 ** 2) / (n + rn - 2))
        d = (m1 - m2) / pooled
    for g in range(k):
        for j, c in enumerate(cols):
            out[g].append({"source": source, "column": str(c), "kind": "numeric",
                           "effect": _num(d[g, j]), "measure": "cohen_d",
                           "mean": _num(m1[g, j]), "mean_rest": _num(m2[g, j]),
                           "sd": _num(sd1[g, j]), "n": int(n[g, j])})
    return out


def _categorical_effects(df: pd.DataFrame, codes: np.ndarray, k: int, source: str) -> list[list[dict]]:
    out: list[list[dict]] = [[] for _ in range(k)]
    for c in df.columns:
        if _is_numeric(df[c]):
            continue
        col = df[c]
        ok = col.notna().to_numpy()
        if not ok.any():
            continue
        tab = pd.crosstab(codes[ok], col[ok].astype(str)).reindex(range(k), fill_value=0)
        t = tab.to_numpy(dtype=float)
        N = t.sum()
        row, colsum = t.sum(1, keepdims=True), t.sum(0, keepdims=True)
        exp = row * colsum / N
        with np.errstate(invalid="ignore", divide="ignore"):
            adj = (t - exp) / np.sqrt(exp * (1 - row / N) * (1 - colsum / N))
            p1 = t / row
            p2 = (colsum - t) / (N - row)
        h = 2 * np.arcsin(np.sqrt(p1)) - 2 * np.arcsin(np.sqrt(p2))
        for g in range(k):
            for j, level in enumerate(tab.columns):
                out[g].append({"source": source, "column": str(c), "kind": "categorical",
                               "level": str(level), "effect": _num(h[g, j]), "measure": "cohen_h",
                               "share": _num(p1[g, j]), "share_rest": _num(p2[g, j]),
                               "share_diff": _num(p1[g, j] - p2[g, j]),
                               "adj_residual": _num(adj[g, j]), "n": int(t[g, j])})
    return out


def _describe(df: pd.DataFrame, mask: np.ndarray) -> dict[str, Any]:
    desc: dict[str, Any] = {}
    for c in df.columns:
        col = df[c][mask]
        if _is_numeric(df[c]):
            v = col.to_numpy(dtype=float)
            v = v[~np.isnan(v)]
            desc[str(c)] = {"mean": _num(v.mean()) if v.size else None,
                            "sd": _num(v.std(ddof=1)) if v.size > 1 else None, "n": int(v.size)}
        else:
            counts = col.dropna().astype(str).value_counts()
            tot = counts.sum()
            desc[str(c)] = {"shares": {str(k): float(v / tot) for k, v in counts.items()} if tot else {},
                            "n": int(tot)}
    return desc


def _check(name: str, df: pd.DataFrame | None, n: int) -> pd.DataFrame | None:
    if df is None:
        return None
    if not isinstance(df, pd.DataFrame):
        raise ValueError(f"{name}: expected a DataFrame")
    if len(df) != n:
        raise ValueError(f"{name}: expected {n} rows (one per label), got {len(df)}")
    return df.reset_index(drop=True)


def profile_segments(labels: Any, scores: pd.DataFrame, items: pd.DataFrame | None = None,
                     behaviour: pd.DataFrame | None = None,
                     demographics: pd.DataFrame | None = None) -> list[dict[str, Any]]:
    """One profile per segment (label -1 = not placed, left out).

    Each profile: segment, n, share (of placed respondents), ``axes`` {column: mean, sd, n,
    ci_low, ci_high (95 % t interval)}, ``distinguishing`` (numeric and categorical items and
    behaviour, sorted by |effect|, each tagged with its source "item" or "behaviour") and
    ``demographics_description_only``. JSON-serialisable (NaN becomes None).
    """
    lab = np.asarray(labels)
    n = len(lab)
    scores = _check("scores", scores, n)
    items = _check("items", items, n)
    behaviour = _check("behaviour", behaviour, n)
    demographics = _check("demographics", demographics, n)
    if lab.dtype.kind in "iuf":
        placed = ~pd.isna(lab) & (lab != -1)
    else:
        placed = ~pd.isna(lab) & np.array([str(v) != "-1" for v in lab.tolist()], dtype=bool)
    segs = pd.unique(lab[placed])
    try:
        segs = np.array(sorted(segs))
    except TypeError:
        segs = np.array(sorted(segs, key=str), dtype=object)
    k = len(segs)
    if k == 0:
        return []
    codes = pd.Categorical(lab[placed], categories=segs).codes.astype(np.int64)

    def sub(df):
        return None if df is None else df[placed].reset_index(drop=True)

    sc, it, be, de = sub(scores), sub(items), sub(behaviour), sub(demographics)
    bad = [c for c in sc.columns if not _is_numeric(sc[c])]
    if bad:
        raise ValueError(f"scores column {bad[0]!r}: expected numeric scale scores")
    an, asum, ass = _group_stats(sc.to_numpy(dtype=float), codes, k)
    am, asd = _mean_sd(an, asum, ass)
    with np.errstate(invalid="ignore"):
        half = stats.t.ppf(0.975, np.maximum(an - 1, 1)) * asd / np.sqrt(an)
    effects: list[list[dict]] = [[] for _ in range(k)]
    for df, src in ((it, "item"), (be, "behaviour")):
        if df is None:
            continue
        for g, rows in enumerate(_numeric_effects(df, codes, k, src)):
            effects[g].extend(rows)
        for g, rows in enumerate(_categorical_effects(df, codes, k, src)):
            effects[g].extend(rows)
    sizes = np.bincount(codes, minlength=k)
    profiles = []
    for g, s in enumerate(segs.tolist()):
        axes = {str(c): {"mean": _num(am[g, j]), "sd": _num(asd[g, j]), "n": int(an[g, j]),
                         "ci_low": _num(am[g, j] - half[g, j]) if an[g, j] > 1 else None,
                         "ci_high": _num(am[g, j] + half[g, j]) if an[g, j] > 1 else None}
                for j, c in enumerate(sc.columns)}
        dist = sorted(effects[g], key=lambda r: -abs(r["effect"]) if r["effect"] is not None else 1.0)
        profiles.append({"segment": s.item() if isinstance(s, np.generic) else s,
                         "n": int(sizes[g]), "share": float(sizes[g] / codes.size), "axes": axes,
                         "distinguishing": dist,
                         "demographics_description_only":
                             _describe(de, codes == g) if de is not None else {}})
    return profiles
