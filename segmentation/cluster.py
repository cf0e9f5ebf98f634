"""Segmenters on scale scores: the two-axis quadrant model, k-means and Gaussian mixtures.

All three follow scikit-learn conventions (parameters in ``__init__``, ``fit`` returns self,
results end in ``_``) and share the same result shape: ``labels_`` (int, -1 for a respondent who
cannot be placed because an input is missing), ``k_`` and ``shares_`` (list, one share per
segment, over the placed respondents). Segments of k-means/GMM are numbered by size (0 =
largest) so a re-run with another seed does not reshuffle the persona names.
"""
from __future__ import annotations

from typing import Any, Literal

import numpy as np
import pandas as pd
from sklearn.cluster import KMeans
from sklearn.mixture import GaussianMixture
from sklearn.preprocessing import StandardScaler

__all__ = ["QuadrantSegmenter", "KMeansSegmenter", "GMMSegmenter", "sample_silhouettes"]


def _shares(labels: np.ndarray, k: int) -> list[float]:
    placed = labels[labels >= 0]
    if placed.size == 0:
        return [0.0] * k
    return [float(v) for v in np.bincount(placed, minlength=k) / placed.size]


class QuadrantSegmenter:
    """The reference model: two axes, each split at the scale midpoint or at the median.

    Segment numbering is fixed: 0 = high x / high y, 1 = high x / low y, 2 = low x / high y,
    3 = low x / low y. "High" means at or above the cut (a respondent exactly on the midpoint
    counts as high, and is flagged in ``near_cut_``). Rows with a missing axis get -1.

    Parameters
    ----------
    x, y : column names of the two axes in the scores table.
    cut : "midpoint" (the scale's theoretical middle, (min + max) / 2, which keeps the meaning of
        "high" fixed across surveys) or "median" (equal halves in this sample).
    midpoint : (mx, my), required for cut="midpoint" since the scale range lives in the codebook.
    near : respondents within this distance of a cut are flagged (their segment is fragile).
    poles : optional ((low x, high x), (low y, high y)) names, e.g.
        (("low control", "high control"), ("process", "relationship")); names_ then read
        "high control · relationship". Default: "high x · low y" with the column names.

    Attributes: labels_, cuts_ (cx, cy), near_cut_ (bool per row), shares_ (4 floats),
    names_ (4 strings), k_ (4), n_missing_.
    """

    def __init__(self, x: str, y: str, cut: Literal["midpoint", "median"] = "midpoint",
                 midpoint: tuple[float, float] | None = None, near: float = 0.25,
                 poles: tuple[tuple[str, str], tuple[str, str]] | None = None) -> None:
        self.x = x
        self.y = y
        self.cut = cut
        self.midpoint = midpoint
        self.near = near
        self.poles = poles

    def _axes(self, scores: pd.DataFrame) -> tuple[np.ndarray, np.ndarray]:
        if not isinstance(scores, pd.DataFrame):
            raise ValueError("scores: expected a DataFrame with one column per axis")
        out = []
        for name in (self.x, self.y):
            if name not in scores.columns:
                raise ValueError(f"column {name!r}: not found in the scores "
                                 f"(have {list(scores.columns)})")
            try:
                out.append(pd.to_numeric(scores[name]).to_numpy(dtype=float))
            except (ValueError, TypeError):
                raise ValueError(f"column {name!r}: expected numeric scale scores") from None
        return out[0], out[1]

    def fit(self, scores: pd.DataFrame) -> "QuadrantSegmenter":
        """Compute the cuts and assign every respondent to a quadrant."""
        if self.cut not in ("midpoint", "median"):
            raise ValueError(f"cut: expected 'midpoint' or 'median', got {self.cut!r}")
        xv, yv = self._axes(scores)
        if self.cut == "midpoint":
            if self.midpoint is None or len(self.midpoint) != 2:
                raise ValueError("midpoint: cut='midpoint' needs midpoint=(mx, my), e.g. "
                                 "((min + max) / 2) of each scale from the codebook")
            self.cuts_ = (float(self.midpoint[0]), float(self.midpoint[1]))
        else:
            if np.all(np.isnan(xv)) or np.all(np.isnan(yv)):
                raise ValueError(f"columns {self.x!r}/{self.y!r}: no scores to take a median of")
            self.cuts_ = (float(np.nanmedian(xv)), float(np.nanmedian(yv)))
        (lx, hx), (ly, hy) = self.poles or ((f"low {self.x}", f"high {self.x}"),
                                            (f"low {self.y}", f"high {self.y}"))
        self.names_ = [f"{hx} · {hy}", f"{hx} · {ly}", f"{lx} · {hy}", f"{lx} · {ly}"]
        self.k_ = 4
        self.labels_, self.near_cut_ = self._assign(xv, yv)
        self.n_missing_ = int(np.sum(self.labels_ < 0))
        self.shares_ = _shares(self.labels_, 4)
        return self

    def _assign(self, xv: np.ndarray, yv: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        cx, cy = self.cuts_
        hx, hy = xv >= cx, yv >= cy
        labels = np.where(hx, 0, 2) + np.where(hy, 0, 1)
        ok = ~(np.isnan(xv) | np.isnan(yv))
        labels = np.where(ok, labels, -1).astype(int)
        with np.errstate(invalid="ignore"):
            near = ok & ((np.abs(xv - cx) <= self.near) | (np.abs(yv - cy) <= self.near))
        return labels, near

    def summary(self) -> dict[str, Any]:
        """JSON-ready fit summary (the CLI's `segment --method quadrant` fields)."""
        return {"method": "quadrant", "k": 4, "cut": self.cut, "cuts": list(self.cuts_),
                "shares": self.shares_, "names": self.names_, "n_missing": self.n_missing_,
                "n_near_cut": int(self.near_cut_.sum())}

    def predict(self, scores: pd.DataFrame) -> np.ndarray:
        """Quadrant of new respondents with the fitted cuts."""
        if not hasattr(self, "cuts_"):
            raise ValueError("QuadrantSegmenter: call fit before predict")
        return self._assign(*self._axes(scores))[0]


def _matrix(X: Any) -> tuple[np.ndarray, list[str]]:
    if isinstance(X, pd.DataFrame):
        cols = [str(c) for c in X.columns]
        try:
            arr = X.apply(pd.to_numeric).to_numpy(dtype=float)
        except (ValueError, TypeError):
            bad = next(c for c in X.columns if not pd.api.types.is_numeric_dtype(X[c]))
            raise ValueError(f"column {bad!r}: expected numeric scores") from None
    else:
        try:
            arr = np.asarray(X, dtype=float)
        except (ValueError, TypeError):
            raise ValueError("X: expected a numeric 2-D array") from None
        if arr.ndim != 2:
            raise ValueError(f"X: expected a 2-D array, got {arr.ndim} dimension(s)")
        cols = [f"x{j}" for j in range(arr.shape[1])]
    return arr, cols


def sample_silhouettes(Z: np.ndarray, labelings: list[np.ndarray], sample_size: int = 5000,
                       random_state: int | None = 0, chunk: int = 1000) -> list[float]:
    """Mean silhouette of several labelings of the same points, on one shared random sample.

    Why not sklearn.metrics.silhouette_score per k: the pairwise distances of the sample are the
    expensive part and do not depend on the labels, so computing them once per chunk and
    multiplying by each labeling's one-hot matrix scores every k for the price of one.
    """
    n = len(Z)
    rng = np.random.default_rng(random_state)
    idx = np.sort(rng.choice(n, sample_size, replace=False)) if n > sample_size else np.arange(n)
    S = Z[idx]
    labs = [np.asarray(lab)[idx] for lab in labelings]
    onehots, offs = [], [0]
    for lab in labs:
        k = int(lab.max()) + 1
        oh = np.zeros((len(idx), k))
        oh[np.arange(len(idx)), lab] = 1.0
        onehots.append(oh)
        offs.append(offs[-1] + k)
    H = np.hstack(onehots)
    sums = np.empty((len(idx), H.shape[1]))
    sq = (S * S).sum(axis=1)
    for a in range(0, len(idx), chunk):
        b = min(a + chunk, len(idx))
        d2 = sq[a:b, None] + sq[None, :] - 2.0 * (S[a:b] @ S.T)
        sums[a:b] = np.sqrt(np.maximum(d2, 0.0)) @ H
    out = []
    for lab, (o0, o1) in zip(labs, zip(offs[:-1], offs[1:])):
        counts = np.bincount(lab, minlength=o1 - o0).astype(float)
        block = sums[:, o0:o1]
        own = counts[lab]
        with np.errstate(divide="ignore", invalid="ignore"):
            a_ = block[np.arange(len(lab)), lab] / np.maximum(own - 1, 1)
            mean_other = block / counts[None, :]
        mean_other[np.arange(len(lab)), lab] = np.inf
        mean_other[:, counts == 0] = np.inf
        b_ = mean_other.min(axis=1)
        with np.errstate(divide="ignore", invalid="ignore"):
            s = (b_ - a_) / np.maximum(a_, b_)
        s = np.where(own > 1, np.nan_to_num(s), 0.0)  # sklearn: 0 for singleton clusters
        out.append(float(s.mean()) if (counts > 0).sum() > 1 else float("nan"))
    return out


class _SklearnSegmenter:
    """Shared fit logic: complete rows only, optional standardisation, k chosen over a range."""

    criterion = "silhouette"

    def __init__(self, k: int = 4, k_range: tuple[int, int] | None = None, standardize: bool = True,
                 n_init: int = 10, random_state: int | None = 0) -> None:
        self.k = k
        self.k_range = k_range
        self.standardize = standardize
        self.n_init = n_init
        self.random_state = random_state

    def _make(self, k: int):  # pragma: no cover - overridden
        raise NotImplementedError

    def _row(self, model, Z: np.ndarray, k: int) -> dict[str, float]:  # pragma: no cover
        raise NotImplementedError

    def _ks(self, n: int) -> list[int]:
        if self.k_range is None:
            ks = [self.k]
        else:
            try:
                lo, hi = (int(v) for v in self.k_range)
            except (TypeError, ValueError):
                raise ValueError(f"k_range: expected (low, high), got {self.k_range!r}") from None
            ks = list(range(lo, hi + 1))
        if not ks or min(ks) < 1:
            raise ValueError(f"k: expected k >= 1, got {self.k_range or self.k!r}")
        if max(ks) > n:
            raise ValueError(f"k: {max(ks)} segments need at least {max(ks)} complete rows, got {n}")
        return ks

    def fit(self, X: Any) -> "_SklearnSegmenter":
        """Fit on rows without missing values; incomplete rows get label -1."""
        arr, self.feature_names_ = _matrix(X)
        ok = ~np.isnan(arr).any(axis=1)
        Xc = arr[ok]
        ks = self._ks(len(Xc))
        self.scaler_ = StandardScaler().fit(Xc) if self.standardize else None
        Z = self.scaler_.transform(Xc) if self.scaler_ is not None else Xc
        models, rows = {}, []
        for k in ks:
            models[k] = self._make(k).fit(Z)
            rows.append({"k": k, **self._row(models[k], Z, k)})
        if len(ks) > 1:
            sils = sample_silhouettes(Z, [models[k].predict(Z) for k in ks],
                                      random_state=self.random_state)
        else:
            sils = [float("nan")]
        for row, s in zip(rows, sils):
            row["silhouette"] = s
        self.selection_ = rows
        if len(ks) == 1:
            self.k_ = ks[0]
        elif self.criterion == "bic":
            self.k_ = min(rows, key=lambda r: r["bic"])["k"]
        else:
            valid = [r for r in rows if r["k"] > 1 and np.isfinite(r["silhouette"])]
            self.k_ = max(valid, key=lambda r: r["silhouette"])["k"] if valid else ks[0]
        self.model_ = models[self.k_]
        raw = self.model_.predict(Z)
        sizes = np.bincount(raw, minlength=self.k_)
        order = np.argsort(-sizes, kind="stable")
        self._relabel = np.empty(self.k_, dtype=int)
        self._relabel[order] = np.arange(self.k_)
        labels = np.full(len(arr), -1, dtype=int)
        labels[ok] = self._relabel[raw]
        self.labels_ = labels
        self.n_missing_ = int((~ok).sum())
        self.shares_ = _shares(labels, self.k_)
        return self

    def summary(self) -> dict[str, Any]:
        """JSON-ready fit summary: k, shares, per-k selection table and (GMM) loglik/bic/aic."""
        out: dict[str, Any] = {"method": "gmm" if self.criterion == "bic" else "kmeans",
                               "k": self.k_, "shares": self.shares_, "n_missing": self.n_missing_,
                               "selection": [{key: (None if isinstance(v, float) and not np.isfinite(v)
                                                    else v) for key, v in row.items()}
                                             for row in self.selection_]}
        chosen = next(r for r in self.selection_ if r["k"] == self.k_)
        for key in ("loglik", "bic", "aic"):
            if key in chosen:
                out[key] = chosen[key]
        return out

    def predict(self, X: Any) -> np.ndarray:
        """Segment of new rows (-1 where an input is missing)."""
        if not hasattr(self, "model_"):
            raise ValueError(f"{type(self).__name__}: call fit before predict")
        arr, _ = _matrix(X)
        if arr.shape[1] != len(self.feature_names_):
            raise ValueError(f"X: expected {len(self.feature_names_)} columns "
                             f"{self.feature_names_}, got {arr.shape[1]}")
        ok = ~np.isnan(arr).any(axis=1)
        out = np.full(len(arr), -1, dtype=int)
        if ok.any():
            Z = self.scaler_.transform(arr[ok]) if self.scaler_ is not None else arr[ok]
            out[ok] = self._relabel[self.model_.predict(Z)]
        return out


class KMeansSegmenter(_SklearnSegmenter):
    """k-means on (standardised) scores; with k_range, k maximises the silhouette.

    ``selection_`` holds one row per k: inertia and silhouette (on a random sample of at most
    5000 respondents, the same sample for every k).
    """

    criterion = "silhouette"

    def _make(self, k: int) -> KMeans:
        return KMeans(n_clusters=k, n_init=self.n_init, random_state=self.random_state)

    def _row(self, model: KMeans, Z: np.ndarray, k: int) -> dict[str, float]:
        return {"inertia": float(model.inertia_)}


class GMMSegmenter(_SklearnSegmenter):
    """Gaussian mixture (full covariances) on (standardised) scores; with k_range, min BIC.

    ``selection_`` rows: loglik, bic, aic (sklearn's, on the standardised data), inertia-free,
    and the silhouette of the modal assignment for comparison with k-means.
    """

    criterion = "bic"

    def _make(self, k: int) -> GaussianMixture:
        return GaussianMixture(n_components=k, n_init=self.n_init, random_state=self.random_state)

    def _row(self, model: GaussianMixture, Z: np.ndarray, k: int) -> dict[str, float]:
        return {"loglik": float(model.score(Z) * len(Z)), "bic": float(model.bic(Z)),
                "aic": float(model.aic(Z)), "converged": bool(model.converged_)}

    def predict_proba(self, X: Any) -> np.ndarray:
        """Posterior segment probabilities (columns in segment order; NaN rows for missing)."""
        arr, _ = _matrix(X)
        ok = ~np.isnan(arr).any(axis=1)
        out = np.full((len(arr), self.k_), np.nan)
        if ok.any():
            Z = self.scaler_.transform(arr[ok]) if self.scaler_ is not None else arr[ok]
            p = self.model_.predict_proba(Z)
            out[np.ix_(ok, self._relabel)] = p
        return out
