"""Agreement statistics for the live noise audit (DESIGN.md section 5, ``agreement``).

Staff judge the same written cases; how much they disagree measures arbitrariness (DOMAIN.md 4).
Every statistic here reads the long votes table of :mod:`workshop.votes` (``case, rater, value``),
in which a missing rating is a missing row, so a phone that dropped out never breaks the numbers.

- :func:`fleiss_kappa`: chance-corrected agreement on the answers as categories (Fleiss 1971; for
  an unequal number of votes per case, Gwet's generalisation, see the function).
- :func:`fleiss_kappa_ci`: the same with a bootstrap interval over cases, because a workshop has few
  cases and a bare point estimate overstates what we know.
- :func:`krippendorff_alpha`: Krippendorff's alpha for nominal, ordinal, interval and ratio answers
  with missing ratings, by the coincidence-matrix method (Krippendorff 2011).
- :func:`percent_agreement`: the share of rater pairs that gave the same answer (no chance
  correction: the number a room understands at once).
- :func:`noise_index`: for numeric answers, the mean relative difference between two raters
  ``|a - b| / mean(a, b)`` as in the noise audit of Kahneman, Rosenfield, Gandhi & Kirby,
  "Noise", Harvard Business Review, October 2016.
- :func:`agreement_report`: all of the above plus per-case detail, as JSON-ready plain Python.

Undefined statistics (no case with two votes; everyone gave the same single answer, so chance
agreement is 1 and kappa/alpha are 0/0) are NaN from the functions and ``None`` in the report.
"""
from __future__ import annotations

import math
from collections.abc import Callable
from typing import Any

import numpy as np
import pandas as pd

from workshop.votes import normalise_votes, values_are_numeric

__all__ = [
    "LEVELS",
    "agreement_report",
    "coincidence_matrix",
    "count_matrix",
    "fleiss_kappa",
    "fleiss_kappa_ci",
    "krippendorff_alpha",
    "noise_index",
    "percent_agreement",
]

LEVELS = ("nominal", "ordinal", "interval", "ratio")
_PAIR_BLOCK = 2_000_000   # max array cells per vectorised block (keeps memory flat for big sessions)


# --------------------------------------------------------------------------------------------
# Preparing the votes
# --------------------------------------------------------------------------------------------

# Each public function checks its votes (normalise_votes); the private cores (_name) take votes
# already checked, so agreement_report checks once and not once per statistic.


def _codes(votes: pd.DataFrame) -> tuple[np.ndarray, list[str], np.ndarray, np.ndarray]:
    """Case codes (order of first appearance), case ids, value codes (sorted), category values."""
    case_codes, cases = pd.factorize(votes["case"], sort=False)
    value_codes, categories = pd.factorize(votes["value"], sort=True)
    return case_codes, [str(c) for c in cases], value_codes, np.asarray(categories)


def count_matrix(votes: pd.DataFrame) -> pd.DataFrame:
    """Cases x answers table of how many raters gave each answer (the input of Fleiss' kappa).

    Rows follow the order in which cases first appear; columns are the answers, sorted.
    """
    return _count_matrix(normalise_votes(votes))


def _count_matrix(votes: pd.DataFrame) -> pd.DataFrame:
    case_codes, cases, value_codes, categories = _codes(votes)
    counts = np.zeros((len(cases), len(categories)), dtype=np.int64)
    np.add.at(counts, (case_codes, value_codes), 1)
    return pd.DataFrame(counts, index=pd.Index(cases, name="case"), columns=list(categories))


# --------------------------------------------------------------------------------------------
# Fleiss' kappa
# --------------------------------------------------------------------------------------------

def _check_counts(counts: Any) -> np.ndarray:
    try:
        arr = np.asarray(counts, dtype=float)
    except (TypeError, ValueError):
        raise ValueError("counts: expected a cases x categories table of numbers") from None
    if arr.ndim != 2:
        raise ValueError(f"counts: expected a 2-D cases x categories table, got {arr.ndim} dimension(s)")
    if not np.all(np.isfinite(arr)) or np.any(arr < 0):
        raise ValueError("counts: every cell must be a finite count >= 0")
    return arr


def _fleiss_parts(counts: np.ndarray) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Per case: the agreement P_i (share of agreeing rater pairs), whether it counts (n_i >= 2),
    and the answer proportions n_ij / n_i. Cases without votes are dropped."""
    n_i = counts.sum(axis=1)
    counts, n_i = counts[n_i > 0], n_i[n_i > 0]
    valid = n_i >= 2
    pairs = np.where(valid, n_i * (n_i - 1), 1.0)
    p_i = np.where(valid, (counts * (counts - 1)).sum(axis=1) / pairs, 0.0)
    props = counts / n_i[:, None]
    return p_i, valid.astype(float), props


def _kappa_from_parts(p_sum: Any, n_valid: Any, pi: np.ndarray) -> Any:
    with np.errstate(invalid="ignore", divide="ignore"):
        pa = p_sum / n_valid
        pe = (pi ** 2).sum(axis=-1)
        return np.where((n_valid > 0) & (pe < 1 - 1e-12), (pa - pe) / (1 - pe), np.nan)


def fleiss_kappa(counts: np.ndarray | pd.DataFrame) -> float:
    """Fleiss' kappa from a cases x categories count matrix.

    With the same number of raters n for every case this is Fleiss (1971) exactly (and equals
    ``statsmodels.stats.inter_rater.fleiss_kappa``): P_i = sum_j n_ij (n_ij - 1) / (n (n - 1)),
    P-bar = mean P_i, p_j = share of all votes in category j, P_e = sum p_j^2,
    kappa = (P-bar - P_e) / (1 - P_e).

    In a live workshop raters skip cases, so n_i varies. Then we use Gwet's generalisation for
    missing ratings (Gwet 2014, Handbook of Inter-Rater Reliability, 4th ed.; R package irrCAC,
    ``fleiss.kappa.raw``): P_i uses the case's own n_i, P-bar averages P_i over cases with n_i >= 2
    (a lone vote has no pair to agree with), and p_j is the mean over cases of n_ij / n_i, so a
    case judged by many raters does not dominate chance agreement. For equal n both reduce to
    Fleiss. NaN when undefined (no case with two votes, or a single category used).
    """
    arr = _check_counts(counts)
    p_i, valid, props = _fleiss_parts(arr)
    if len(p_i) == 0:
        return float("nan")
    return float(_kappa_from_parts(p_i.sum(), valid.sum(), props.mean(axis=0)))


def _rng(random_state: Any) -> np.random.Generator:
    if isinstance(random_state, np.random.Generator):
        return random_state
    return np.random.default_rng(random_state)


def _num(x: Any) -> float | None:
    """A JSON-safe float: NaN/inf become None, numpy scalars plain floats."""
    if x is None:
        return None
    x = float(x) + 0.0          # + 0.0 turns -0.0 into 0.0
    return x if math.isfinite(x) else None


def fleiss_kappa_ci(votes: pd.DataFrame, *, n_boot: int = 1000, level: float = 0.95,
                    random_state: Any = 0) -> dict[str, float | None]:
    """Fleiss' kappa with a percentile bootstrap interval, resampling cases.

    Cases, not votes, are resampled: the cases are the sample the audit generalises from (other
    written cases would give another kappa), and votes within a case are not independent.
    The bootstrap is vectorised: the per-case agreement and answer proportions are computed once,
    and each replicate only needs how often each case was drawn (a n_boot x cases matrix).
    Returns ``{"value", "ci_low", "ci_high"}``; None where undefined (an interval needs at least
    two cases with two votes). Deterministic for a given ``random_state``.
    With many distinct answers (free amounts rather than choices) kappa is not meaningful and the
    resampled cases inflate chance agreement, so the interval can miss the estimate; use
    Krippendorff's interval alpha and the noise index for such answers.
    """
    return _fleiss_kappa_ci(normalise_votes(votes), n_boot=n_boot, level=level, random_state=random_state)


def _fleiss_kappa_ci(votes: pd.DataFrame, *, n_boot: int, level: float,
                     random_state: Any) -> dict[str, float | None]:
    if not isinstance(n_boot, (int, np.integer)) or isinstance(n_boot, bool) or n_boot < 1:
        raise ValueError(f"n_boot: expected a whole number >= 1, got {n_boot!r}")
    if not 0 < float(level) < 1:
        raise ValueError(f"level: expected a confidence level between 0 and 1, got {level!r}")
    counts = _count_matrix(votes).to_numpy(dtype=float)
    p_i, valid, props = _fleiss_parts(counts)
    value = _num(fleiss_kappa(counts)) if len(p_i) else None
    result: dict[str, float | None] = {"value": value, "ci_low": None, "ci_high": None}
    if value is None or valid.sum() < 2:
        return result
    n = len(p_i)
    rng = _rng(random_state)
    draws = rng.integers(0, n, size=(int(n_boot), n))
    flat = (draws + np.arange(int(n_boot))[:, None] * n).ravel()
    times = np.bincount(flat, minlength=int(n_boot) * n).reshape(int(n_boot), n).astype(float)
    kappas = _kappa_from_parts(times @ p_i, times @ valid, (times @ props) / n)
    kappas = kappas[np.isfinite(kappas)]
    if kappas.size:
        tail = (1 - float(level)) / 2
        low, high = np.quantile(kappas, [tail, 1 - tail])
        result["ci_low"], result["ci_high"] = _num(low), _num(high)
    return result


# --------------------------------------------------------------------------------------------
# Pairs within cases (Krippendorff's observed disagreement, the noise index)
# --------------------------------------------------------------------------------------------

def _unit_pair_sums(unit: np.ndarray, x: np.ndarray, n_units: int,
                    func: Callable[[np.ndarray, np.ndarray], np.ndarray]) -> np.ndarray:
    """For each unit, the sum of ``func(a, b)`` over ordered pairs of its values (a != b positions).

    ``func(v, v)`` must be 0. Units of equal size are stacked into a units x m matrix so all pairs
    are one broadcast, in blocks to bound memory.
    """
    order = np.argsort(unit, kind="stable")
    xs = x[order]
    sizes = np.bincount(unit, minlength=n_units)
    starts = np.concatenate(([0], np.cumsum(sizes)[:-1]))
    sums = np.zeros(n_units)
    for m in np.unique(sizes[sizes >= 2]):
        units = np.flatnonzero(sizes == m)
        step = max(1, _PAIR_BLOCK // int(m * m))
        for lo in range(0, len(units), step):
            block = units[lo:lo + step]
            values = xs[starts[block][:, None] + np.arange(m)]
            sums[block] = func(values[:, :, None], values[:, None, :]).sum(axis=(1, 2))
    return sums


def _nominal_delta(a: np.ndarray, b: np.ndarray) -> np.ndarray:
    return (a != b).astype(float)


def _interval_delta(a: np.ndarray, b: np.ndarray) -> np.ndarray:
    return (a - b) ** 2


def _ratio_delta(a: np.ndarray, b: np.ndarray) -> np.ndarray:
    total = a + b
    with np.errstate(invalid="ignore", divide="ignore"):
        return np.where(total != 0, ((a - b) / np.where(total != 0, total, 1.0)) ** 2, 0.0)


def _relative_difference(a: np.ndarray, b: np.ndarray) -> np.ndarray:
    scale = (np.abs(a) + np.abs(b)) / 2
    with np.errstate(invalid="ignore", divide="ignore"):
        return np.where(scale > 0, np.abs(a - b) / np.where(scale > 0, scale, 1.0), 0.0)


# --------------------------------------------------------------------------------------------
# Krippendorff's alpha
# --------------------------------------------------------------------------------------------

def _check_level(level: Any) -> str:
    name = str(level).strip().lower() if level is not None else ""
    if name not in LEVELS:
        raise ValueError(f"level: expected one of {', '.join(LEVELS)}, got {level!r}")
    return name


def _pairable(votes: pd.DataFrame) -> tuple[np.ndarray, np.ndarray, int]:
    """Unit codes and value codes of the votes in cases with two or more votes."""
    case_codes, cases, value_codes, _ = _codes(votes)
    sizes = np.bincount(case_codes, minlength=len(cases))
    keep = sizes[case_codes] >= 2
    return case_codes[keep], value_codes[keep], len(cases)


def coincidence_matrix(votes: pd.DataFrame) -> pd.DataFrame:
    """Krippendorff's coincidence matrix o_ck over the answers (pairable votes only).

    o_ck = sum over cases u of (number of ordered pairs of votes in u valued c and k) / (m_u - 1).
    Its margins n_c count the pairable votes per answer; it sums to n, the number of pairable votes.
    Shown for transparency; :func:`krippendorff_alpha` evaluates the same sums without building it.
    """
    votes = normalise_votes(votes)
    unit, value, n_units = _pairable(votes)
    categories = np.asarray(pd.factorize(votes["value"], sort=True)[1])
    k = len(categories)
    counts = np.zeros((n_units, k))
    np.add.at(counts, (unit, value), 1)
    m = counts.sum(axis=1)
    weight = np.where(m >= 2, 1 / np.where(m >= 2, m - 1, 1), 0.0)
    o = (counts * weight[:, None]).T @ counts - np.diag((counts * weight[:, None]).sum(axis=0))
    return pd.DataFrame(o, index=list(categories), columns=list(categories))


def krippendorff_alpha(votes: pd.DataFrame, level: str = "nominal") -> float:
    """Krippendorff's alpha = 1 - D_o / D_e, for ``nominal``, ``ordinal``, ``interval`` or ``ratio``.

    Coincidence-matrix method (Krippendorff, "Computing Krippendorff's Alpha-Reliability", 2011):
    only cases with at least two votes are pairable; n is the number of pairable votes and n_c the
    number of them with answer c (the margins of the coincidence matrix o_ck).
    D_o = (1/n) sum_ck o_ck delta2_ck and D_e = sum_ck n_c n_k delta2_ck / (n (n - 1)), with
    delta2 = [c != k] (nominal), (c - k)^2 (interval), ((c - k)/(c + k))^2 (ratio) and, for ordinal,
    (sum_{g=c..k} n_g - (n_c + n_k)/2)^2, which is the interval distance between the answers'
    mid-ranks among the pairable votes, so ordinal alpha is computed as interval alpha on mid-ranks.
    The sums are evaluated pair by pair within cases (D_o) and over distinct answers (D_e) rather
    than through a K x K matrix, so thousands of distinct numeric answers cost no memory.
    Missing ratings are simply absent rows. NaN when undefined (no pairable case, or one answer).
    Raises ValueError for a non-nominal level on label answers, or ratio with negative numbers.
    """
    return _krippendorff_alpha(normalise_votes(votes), _check_level(level))


def _krippendorff_alpha(votes: pd.DataFrame, level: str) -> float:
    numeric = values_are_numeric(votes)
    if level != "nominal" and not numeric:
        raise ValueError(f"level {level!r} needs numeric answers; these answers are labels, use 'nominal'")
    unit, codes, n_units = _pairable(votes)
    n = len(codes)
    if n == 0:
        return float("nan")
    categories = np.asarray(pd.factorize(votes["value"], sort=True)[1])
    n_c = np.bincount(codes, minlength=len(categories)).astype(float)
    present = n_c > 0
    if level == "nominal":
        x, delta = codes.astype(float), _nominal_delta
        points = np.arange(len(categories), dtype=float)
    elif level == "ordinal":
        midrank = np.cumsum(n_c) - n_c / 2           # sum_{g<c} n_g + n_c / 2
        x, delta, points = midrank[codes], _interval_delta, midrank
    else:
        points = categories.astype(float)
        if level == "ratio" and np.any(points[present] < 0):
            raise ValueError("level 'ratio' needs answers >= 0 (a ratio scale has a true zero)")
        x, delta = points[codes], (_interval_delta if level == "interval" else _ratio_delta)

    m = np.bincount(unit, minlength=n_units).astype(float)
    pair_sums = _unit_pair_sums(unit, x, n_units, delta)
    d_o = float((pair_sums[m >= 2] / (m[m >= 2] - 1)).sum() / n)

    points, weights = points[present], n_c[present]
    expected = 0.0
    step = max(1, _PAIR_BLOCK // max(1, len(points)))
    for lo in range(0, len(points), step):
        block = delta(points[lo:lo + step, None], points[None, :])
        expected += float(weights[lo:lo + step] @ block @ weights)
    d_e = expected / (n * (n - 1)) if n > 1 else 0.0
    if d_e <= 0:
        return float("nan")
    return float(1 - d_o / d_e)


# --------------------------------------------------------------------------------------------
# Percent agreement and the noise index
# --------------------------------------------------------------------------------------------

def percent_agreement(votes: pd.DataFrame) -> float:
    """Mean over cases (with two or more votes) of the share of rater pairs giving the same answer.

    No correction for chance: it is the plain "how often do two colleagues agree" a room reads at
    once. Numeric answers agree only when equal. NaN when no case has two votes.
    """
    return _percent_agreement(normalise_votes(votes))


def _percent_agreement(votes: pd.DataFrame) -> float:
    counts = _count_matrix(votes).to_numpy(dtype=float)
    p_i, valid, _ = _fleiss_parts(counts)
    if valid.sum() == 0:
        return float("nan")
    return float(p_i[valid > 0].mean())


def _case_noise(votes: pd.DataFrame) -> tuple[list[str], np.ndarray]:
    case_codes, cases, _, _ = _codes(votes)
    x = votes["value"].to_numpy(dtype=float)
    m = np.bincount(case_codes, minlength=len(cases)).astype(float)
    sums = _unit_pair_sums(case_codes, x, len(cases), _relative_difference)
    with np.errstate(invalid="ignore", divide="ignore"):
        per_case = np.where(m >= 2, sums / (m * (m - 1)), np.nan)
    return cases, per_case


def noise_index(votes: pd.DataFrame) -> float | None:
    """The noise audit's index for numeric answers: per case, the mean over rater pairs of
    ``|a - b| / mean(a, b)``, then averaged over cases (with two or more votes).

    Kahneman, Rosenfield, Gandhi & Kirby ("Noise: How to overcome the high, hidden cost of
    inconsistent decision making", HBR, October 2016) express the difference between two
    professionals' judgements of the same case relative to their average: quotes of 9,500 and
    16,700 differ by 7,200 / 13,100 = 55%. The mean uses |a| and |b| so a scale with negative
    values cannot divide by zero; two zeros count as agreement. None when the answers are labels
    or no case has two votes.
    """
    return _noise_index(normalise_votes(votes))


def _noise_index(votes: pd.DataFrame) -> float | None:
    if not values_are_numeric(votes):
        return None
    _, per_case = _case_noise(votes)
    per_case = per_case[np.isfinite(per_case)]
    return float(per_case.mean()) if per_case.size else None


# --------------------------------------------------------------------------------------------
# The report
# --------------------------------------------------------------------------------------------

def _answer(x: Any, numeric: bool) -> Any:
    if not numeric:
        return str(x)
    x = float(x)
    return int(x) if x.is_integer() and abs(x) < 2**53 else x


def _case_rows(votes: pd.DataFrame, numeric: bool) -> list[dict[str, Any]]:
    counts_df = _count_matrix(votes)
    counts = counts_df.to_numpy(dtype=float)
    categories = list(counts_df.columns)
    n_i = counts.sum(axis=1)
    with np.errstate(invalid="ignore", divide="ignore"):
        share = counts / n_i[:, None]
        entropy = -(np.where(share > 0, share * np.log2(np.where(share > 0, share, 1.0)), 0.0)).sum(axis=1)
        agreement = np.where(n_i >= 2, (counts * (counts - 1)).sum(axis=1) / (n_i * (n_i - 1)), np.nan)
    mode_idx = counts.argmax(axis=1)
    rows: list[dict[str, Any]] = []
    if numeric:
        case_codes = pd.factorize(votes["case"], sort=False)[0]
        x = votes["value"].to_numpy(dtype=float)
        stats = pd.DataFrame({"c": case_codes, "x": x}).groupby("c")["x"].agg(["mean", "std", "min", "max"])
        _, noise = _case_noise(votes)
    for i, case in enumerate(counts_df.index):
        row: dict[str, Any] = {
            "case": str(case),
            "n": int(n_i[i]),
            "mode": _answer(categories[mode_idx[i]], numeric),
            "share_mode": _num(counts[i, mode_idx[i]] / n_i[i]),
            "entropy": _num(entropy[i]) if n_i[i] else None,
            "agreement": _num(agreement[i]),
        }
        if numeric:
            row.update(mean=_num(stats.at[i, "mean"]), sd=_num(stats.at[i, "std"]),
                       min=_answer(stats.at[i, "min"], True), max=_answer(stats.at[i, "max"], True),
                       noise_index=_num(noise[i]))
        rows.append(row)

    def disagreement(row: dict[str, Any]) -> tuple:
        spread = row["noise_index"] if numeric else (None if row["agreement"] is None else 1 - row["agreement"])
        second = (row.get("sd") or 0.0) if numeric else (row["entropy"] or 0.0)
        return (spread is None, -(spread or 0.0), -second, row["case"])

    return sorted(rows, key=disagreement)


def _bases(votes: pd.DataFrame) -> dict[str, float]:
    stated = votes["basis"].dropna()
    stated = stated[stated.astype(str).str.len() > 0]
    if stated.empty:
        return {}
    shares = stated.astype(str).value_counts(normalize=True, sort=False)
    ordered = sorted(shares.items(), key=lambda kv: (-kv[1], kv[0]))
    return {str(k): float(v) for k, v in ordered}


def agreement_report(votes: pd.DataFrame, level: str | None = None, *, n_boot: int = 1000,
                     random_state: Any = 0) -> dict[str, Any]:
    """Everything the results screen and ``python -m studio agreement --json`` show, JSON-ready.

    Keys: ``fleiss_kappa`` {value, ci_low, ci_high} (answers as categories, bootstrap over cases),
    ``krippendorff_alpha`` {nominal, ordinal, interval, ratio} (the last three None for label
    answers; ratio None when an answer is negative), ``percent_agreement``, ``noise_index`` (None
    for labels), ``n_votes``, ``n_cases``, ``n_raters``, ``level`` (the headline level: the one
    asked for, else interval for numbers and nominal for labels), ``cases`` (most disagreement
    first: by noise index for numbers, by share of disagreeing pairs for labels; cases with a
    single vote last) with per case ``case, n, mode`` (the most given answer; a tie goes to the
    lowest / alphabetically first), ``share_mode``, ``entropy`` (bits), ``agreement``
    (share of agreeing pairs) and for numbers ``mean, sd, min, max, noise_index``, and ``bases``
    (share of each stated basis among the votes that state one; {} when none does).
    Plain floats, ints, strings and None only: ``json.dumps(..., allow_nan=False)`` works.
    A session without votes yet gives a report of zeros and Nones, not an error.
    """
    votes = normalise_votes(votes)
    numeric = values_are_numeric(votes)
    if level is None:
        level = "interval" if numeric else "nominal"
    level = _check_level(level)
    if level != "nominal" and not numeric and len(votes):
        raise ValueError(f"level {level!r} needs numeric answers; these answers are labels, use 'nominal'")

    alphas: dict[str, float | None] = {}
    for name in LEVELS:
        if name != "nominal" and not numeric:
            alphas[name] = None
            continue
        try:
            alphas[name] = _num(_krippendorff_alpha(votes, name)) if len(votes) else None
        except ValueError:      # ratio with negative answers: not a ratio scale
            alphas[name] = None

    return {
        "fleiss_kappa": _fleiss_kappa_ci(votes, n_boot=n_boot, level=0.95, random_state=random_state),
        "krippendorff_alpha": alphas,
        "percent_agreement": _num(_percent_agreement(votes)) if len(votes) else None,
        "noise_index": _num(_noise_index(votes)),
        "n_votes": int(len(votes)),
        "n_cases": int(votes["case"].nunique()),
        "n_raters": int(votes["rater"].nunique()),
        "level": level,
        "cases": _case_rows(votes, numeric) if len(votes) else [],
        "bases": _bases(votes),
    }
