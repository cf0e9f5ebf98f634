"""Scale reliability (Cronbach's alpha, Guttman's lambda 6, omega total) as R psych reports it.

Why this module exists: a persona built on a scale score is only as good as the scale. Before a
scale is averaged into a score and used to form segments, the user should see whether its items
hang together (alpha, G6, omega), which item drags it down (alpha if dropped, item-rest r) and
which item looks keyed the wrong way (a negative item-rest correlation).

The numbers follow R ``psych::alpha`` (Revelle), so a researcher can check them in R:

* covariances are pairwise-complete (R ``cov(x, use="pairwise")``, pandas ``DataFrame.cov``);
* the correlation matrix is ``cov2cor`` of that covariance matrix (each item's variance from all
  its answers), *not* the pairwise ``DataFrame.corr`` - that is what psych does, and it is what
  reproduces its ``std.alpha`` to the last digit;
* the scale score is each respondent's mean over the items they answered (psych ``rowMeans(x,
  na.rm=TRUE)``); ``mean`` and ``sd`` describe that score;
* ``item_rest_r`` is psych's ``r.drop``: the item's correlation with the sum of the other items,
  computed from the covariance matrix.

Items must arrive already reverse-scored (``min + max - x``) by the caller.
"""
from __future__ import annotations

import math
from typing import Any

import numpy as np
import pandas as pd
from scipy.optimize import least_squares

__all__ = [
    "ReliabilityError",
    "alpha_from_cov",
    "guttman_lambda6",
    "average_r",
    "smc",
    "pairwise_cov",
    "cov_to_corr",
    "item_rest_correlations",
    "fit_one_factor",
    "omega_total",
    "verdict_label",
    "verdict",
    "scale_reliability",
]

# Conventional bands for alpha (George & Mallery). Checked from the top; below .5 is unacceptable.
VERDICT_BANDS: tuple[tuple[float, str], ...] = (
    (0.9, "excellent"),
    (0.8, "good"),
    (0.7, "acceptable"),
    (0.6, "questionable"),
    (0.5, "poor"),
)
UNACCEPTABLE = "unacceptable"


class ReliabilityError(ValueError):
    """Items that cannot give a reliability estimate (constant, empty, never answered together)."""


# --------------------------------------------------------------------------- matrix statistics


def alpha_from_cov(cov: np.ndarray) -> float | None:
    """Cronbach's alpha from a covariance (raw alpha) or correlation matrix (standardised alpha).

    alpha = k/(k-1) * (1 - tr(C) / sum(C)). None when alpha is undefined: fewer than two items,
    or a total-score variance sum(C) that is not positive (possible only with pairwise deletion
    on pathological data).
    """
    c = np.asarray(cov, dtype=float)
    k = c.shape[0]
    total = float(c.sum())
    if k < 2 or not math.isfinite(total) or total <= 0:
        return None
    return k / (k - 1) * (1.0 - float(np.trace(c)) / total)


def smc(corr: np.ndarray) -> np.ndarray:
    """Squared multiple correlation of each item with all the others: 1 - 1/diag(R^-1).

    As psych::smc: a singular matrix (an item that is an exact combination of others) gives 1 for
    every item, and values above 1 (a non positive-definite pairwise matrix) are set to 1.
    """
    r = np.asarray(corr, dtype=float)
    try:
        inv = np.linalg.inv(r)
    except np.linalg.LinAlgError:
        return np.ones(r.shape[0])
    if not np.all(np.isfinite(inv)) or np.linalg.cond(r) > 1e12:
        return np.ones(r.shape[0])
    with np.errstate(divide="ignore"):
        out = 1.0 - 1.0 / np.diag(inv)
    out[~np.isfinite(out)] = 1.0
    return np.clip(out, 0.0, 1.0)


def guttman_lambda6(corr: np.ndarray) -> float | None:
    """Guttman's lambda 6 on the correlation matrix, psych's ``G6(smc)``: 1 - sum(1 - smc)/sum(R).

    Unlike alpha it does not assume equal loadings: each item's error is what its smc leaves over.
    """
    r = np.asarray(corr, dtype=float)
    k = r.shape[0]
    total = float(r.sum())
    if k < 2 or total <= 0:
        return None
    return 1.0 - float(np.sum(1.0 - smc(r))) / total


def average_r(corr: np.ndarray) -> float | None:
    """Mean off-diagonal correlation (psych ``average_r``)."""
    r = np.asarray(corr, dtype=float)
    k = r.shape[0]
    if k < 2:
        return None
    return (float(r.sum()) - float(np.trace(r))) / (k * (k - 1))


def pairwise_cov(items: pd.DataFrame) -> np.ndarray:
    """Pairwise-complete sample covariance matrix (ddof 1), as R ``cov(use="pairwise")``.

    Each covariance uses the respondents who answered both items, with means over those
    respondents; each variance uses every answer to that item.
    """
    return items.cov().to_numpy(dtype=float)


def cov_to_corr(cov: np.ndarray) -> np.ndarray:
    """R's ``cov2cor``: divide by the item standard deviations taken from the diagonal."""
    c = np.asarray(cov, dtype=float)
    sd = np.sqrt(np.diag(c))
    r = c / np.outer(sd, sd)
    np.fill_diagonal(r, 1.0)
    return r


def item_rest_correlations(cov: np.ndarray) -> list[float | None]:
    """Corrected item-total correlation of each item with the sum of the *other* items.

    psych's ``r.drop``, from the covariance matrix:
    (sum_j C_ij - C_ii) / sqrt(C_ii * sum(C[-i,-i])).
    None for a single item (there is no rest) or when the rest has no variance.
    """
    c = np.asarray(cov, dtype=float)
    k = c.shape[0]
    if k < 2:
        return [None] * k
    out: list[float | None] = []
    for i in range(k):
        keep = np.arange(k) != i
        rest_var = float(c[np.ix_(keep, keep)].sum())
        denom = float(c[i, i]) * rest_var
        if denom <= 0 or not math.isfinite(denom):
            out.append(None)
            continue
        out.append((float(c[i].sum()) - float(c[i, i])) / math.sqrt(denom))
    return out


# --------------------------------------------------------------------------- one-factor model


def fit_one_factor(corr: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """One-factor minres (unweighted least squares) factor analysis of a correlation matrix.

    Minimises sum_{i<j} (r_ij - l_i l_j)^2 over loadings bounded to [-1, 1] (no Heywood cases),
    starting from the first principal axis with smc communalities - what psych's ``fa(r, 1,
    fm="minres")`` estimates. Returns (loadings, uniquenesses = 1 - loadings^2); loadings are
    signed so that they sum to >= 0. Items are NOT flipped: a negative loading stays negative.

    Two items do not identify one factor (one correlation, two loadings); both then load
    sqrt(max(r, 0)), the equal-loadings solution.
    """
    r = np.asarray(corr, dtype=float)
    k = r.shape[0]
    if k < 2:
        raise ReliabilityError("a one-factor model needs at least two items")
    if k == 2:
        lam = np.full(2, math.sqrt(max(float(r[0, 1]), 0.0)))
        return lam, 1.0 - lam**2
    reduced = r.copy()
    np.fill_diagonal(reduced, smc(r))
    values, vectors = np.linalg.eigh(reduced)
    start = vectors[:, -1] * math.sqrt(max(float(values[-1]), 1e-6))
    if start.sum() < 0:
        start = -start
    start = np.clip(start, -0.99, 0.99)
    iu, ju = np.triu_indices(k, 1)
    target = r[iu, ju]
    rows = np.arange(iu.size)

    def residuals(lam: np.ndarray) -> np.ndarray:
        return target - lam[iu] * lam[ju]

    def jacobian(lam: np.ndarray) -> np.ndarray:
        jac = np.zeros((iu.size, k))
        jac[rows, iu] = -lam[ju]
        jac[rows, ju] = -lam[iu]
        return jac

    fit = least_squares(residuals, start, jac=jacobian, bounds=(-1.0, 1.0),
                        xtol=1e-12, ftol=1e-12, gtol=1e-12, max_nfev=2000)
    lam = fit.x
    if lam.sum() < 0:
        lam = -lam
    return lam, 1.0 - lam**2


def omega_total(corr: np.ndarray, observed: bool = True) -> float | None:
    """McDonald's omega total from a one-factor (unidimensional) minres model.

    This is the unidimensional omega: what R ``psych::omega(x, nfactors=1)`` reports as
    ``omega.tot`` (psych's default of 3 Schmid-Leiman group factors is too fragile for a short
    scale). With ``observed=True`` (psych's definition) the denominator is the observed variance
    of the standardised total, omega_t = 1 - sum(psi) / sum(R); with ``observed=False`` it is the
    model-implied variance, omega_t = (sum l)^2 / ((sum l)^2 + sum(psi)). The two agree when one
    factor fits; on the bfi scales they differ by less than 0.0004.

    Unlike psych (``flip=TRUE``) items are not re-keyed by the sign of their loading: the caller
    has keyed them, and omega should describe the score as keyed.
    """
    r = np.asarray(corr, dtype=float)
    if r.shape[0] < 2:
        return None
    lam, psi = fit_one_factor(r)
    if observed:
        total = float(r.sum())
        return None if total <= 0 else 1.0 - float(psi.sum()) / total
    common = float(lam.sum()) ** 2
    denom = common + float(psi.sum())
    return None if denom <= 0 else common / denom


# --------------------------------------------------------------------------- verdicts

_SENTENCES = {
    "en": {
        "excellent": "excellent internal consistency; the items clearly measure one thing "
                     "(above .95 some may be near-duplicates).",
        "good": "good internal consistency; the items can be averaged into one score.",
        "acceptable": "acceptable internal consistency; fine for segmenting groups, "
                      "too weak to judge individuals.",
        "questionable": "questionable internal consistency; check the item-rest correlations "
                        "and the reversed items before using this score.",
        "poor": "poor internal consistency; the items hardly measure the same thing.",
        "unacceptable": "unacceptable internal consistency; do not average these items into "
                        "one score.",
        "prefix": "Cronbach's alpha is {a}: ",
        "none": "Cronbach's alpha cannot be computed: a scale needs at least two items that vary.",
    },
    "nl": {
        "excellent": "uitstekende interne consistentie; de items meten duidelijk één ding "
                     "(boven ,95 zijn sommige mogelijk bijna dubbel).",
        "good": "goede interne consistentie; de items mogen tot één score worden gemiddeld.",
        "acceptable": "acceptabele interne consistentie; goed genoeg om groepen te "
                      "segmenteren, te zwak om individuen te beoordelen.",
        "questionable": "twijfelachtige interne consistentie; bekijk de item-restcorrelaties "
                        "en de omgepoolde items voordat u deze score gebruikt.",
        "poor": "zwakke interne consistentie; de items meten nauwelijks hetzelfde.",
        "unacceptable": "onvoldoende interne consistentie; middel deze items niet tot één score.",
        "prefix": "Cronbachs alfa is {a}: ",
        "none": "Cronbachs alfa is niet te berekenen: een schaal heeft minstens twee items "
                "nodig die variëren.",
    },
}


def verdict_label(alpha: float | None) -> str | None:
    """The band an alpha falls in: excellent (>= .9) ... poor (>= .5), else unacceptable."""
    if alpha is None or not math.isfinite(alpha):
        return None
    for threshold, label in VERDICT_BANDS:
        if alpha >= threshold:
            return label
    return UNACCEPTABLE


def verdict(alpha: float | None, lang: str = "en") -> str:
    """One plain-language sentence on an alpha, in English (``en``) or Dutch (``nl``)."""
    if lang not in _SENTENCES:
        raise ValueError(f"lang: expected one of {sorted(_SENTENCES)}, got {lang!r}")
    words = _SENTENCES[lang]
    label = verdict_label(alpha)
    if label is None:
        return words["none"]
    shown = f"{alpha:.2f}"
    if lang == "nl":
        shown = shown.replace(".", ",")
    return words["prefix"].format(a=shown) + words[label]


# --------------------------------------------------------------------------- the report


def _num(x: Any) -> float | None:
    """A plain float for JSON, or None where the value is undefined (never NaN/inf)."""
    if x is None:
        return None
    x = float(x)
    return x if math.isfinite(x) else None


def _clean_items(items: pd.DataFrame) -> pd.DataFrame:
    """Numeric float copy of ``items``; raises a one-line ReliabilityError for unusable input."""
    if not isinstance(items, pd.DataFrame):
        raise ReliabilityError(f"items: expected a pandas DataFrame, got {type(items).__name__}")
    if items.shape[1] == 0:
        raise ReliabilityError("items: no item columns; a scale needs at least one item")
    names = [str(c) for c in items.columns]
    dupes = sorted({n for n in names if names.count(n) > 1})
    if dupes:
        raise ReliabilityError(f"column {dupes[0]!r}: appears more than once in the scale")
    out = {}
    for col, name in zip(items.columns, names):
        raw = items[col]
        values = pd.to_numeric(raw, errors="coerce").astype("float64")
        bad = values.isna() & raw.notna()
        if bad.any():
            row = bad.to_numpy().nonzero()[0][0]
            raise ReliabilityError(
                f"column {name!r}, row {row + 1}: expected a number, got {raw.iloc[row]!r}")
        if np.isinf(values.to_numpy()).any():
            row = np.isinf(values.to_numpy()).nonzero()[0][0]
            raise ReliabilityError(f"column {name!r}, row {row + 1}: expected a finite number")
        answered = values.dropna()
        if answered.empty:
            raise ReliabilityError(f"column {name!r}: no answers at all; drop it from the scale")
        if answered.size < 2:
            raise ReliabilityError(
                f"column {name!r}: only 1 answer; need at least 2 to estimate its variance")
        if answered.nunique() == 1:
            raise ReliabilityError(
                f"column {name!r}: every answer is {answered.iloc[0]:g} (no variance); "
                "a constant item says nothing about the scale, drop it")
        out[name] = values.to_numpy()
    return pd.DataFrame(out, index=items.index)


def _check_pairs(cov: np.ndarray, names: list[str]) -> None:
    bad = np.argwhere(~np.isfinite(cov))
    if bad.size:
        i, j = bad[0]
        raise ReliabilityError(
            f"columns {names[i]!r} and {names[j]!r}: fewer than 2 respondents answered both, "
            "so their covariance is unknown")


def scale_reliability(items: pd.DataFrame) -> dict:
    """Reliability report for one scale; a plain JSON-serialisable dict (DESIGN.md section 5).

    ``items``: one column per item, already reverse-scored, one row per respondent, NaN =
    missing. Keys: ``n`` (respondents with at least one answer), ``n_items``, ``alpha_raw``,
    ``alpha_std``, ``g6``, ``avg_r``, ``omega_total``, ``mean``, ``sd`` (of the scale score,
    each respondent's mean over answered items), ``alpha_if_dropped`` ``{item: {raw, std}}``,
    ``item_rest_r`` ``{item: r}``, ``verdict`` (band of ``alpha_raw``) and ``suspect_reversed``
    (items with a negative item-rest correlation: probably keyed the wrong way).

    Undefined values are None, never NaN: with one item every reliability figure is None
    (alpha needs two items); with two items ``alpha_if_dropped`` is None (one item is left).
    psych reports the inter-item r there; we do not, because that is not an alpha.
    Raises ReliabilityError (a ValueError) naming the column for a non-numeric, empty,
    single-answer or constant item, or a pair of items never answered together (psych would
    silently drop a constant item; we make the user decide).
    """
    data = _clean_items(items)
    names = list(data.columns)
    k = len(names)
    score = data.mean(axis=1, skipna=True)
    answered = score.notna()
    n = int(answered.sum())
    mean = _num(score[answered].mean()) if n else None
    sd = _num(score[answered].std(ddof=1)) if n > 1 else None

    cov = pairwise_cov(data)
    _check_pairs(cov, names)
    corr = cov_to_corr(cov)

    if k < 2:
        return {
            "n": n, "n_items": k, "alpha_raw": None, "alpha_std": None, "g6": None,
            "avg_r": None, "omega_total": None, "mean": mean, "sd": sd,
            "alpha_if_dropped": {names[0]: {"raw": None, "std": None}},
            "item_rest_r": {names[0]: None}, "verdict": None, "suspect_reversed": [],
        }

    alpha_raw = _num(alpha_from_cov(cov))
    dropped: dict[str, dict[str, float | None]] = {}
    for i, name in enumerate(names):
        keep = np.arange(k) != i
        if k > 2:
            sub = np.ix_(keep, keep)
            dropped[name] = {"raw": _num(alpha_from_cov(cov[sub])),
                             "std": _num(alpha_from_cov(corr[sub]))}
        else:
            dropped[name] = {"raw": None, "std": None}
    rest = [_num(r) for r in item_rest_correlations(cov)]
    return {
        "n": n,
        "n_items": k,
        "alpha_raw": alpha_raw,
        "alpha_std": _num(alpha_from_cov(corr)),
        "g6": _num(guttman_lambda6(corr)),
        "avg_r": _num(average_r(corr)),
        "omega_total": _num(omega_total(corr)),
        "mean": mean,
        "sd": sd,
        "alpha_if_dropped": dropped,
        "item_rest_r": dict(zip(names, rest)),
        "verdict": verdict_label(alpha_raw),
        "suspect_reversed": [nm for nm, r in zip(names, rest) if r is not None and r < 0],
    }
