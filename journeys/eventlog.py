"""Designed versus actual: what an event log says customers really did, against the journey.

Why: a journey map is a design; the systems record what happened. Counting the directly-follows
transitions of an event log (one row per event: ``case_id, activity, timestamp[, persona]``)
shows per designed edge how often it is really taken, which transitions the design does not have
(the customer sent somewhere nobody drew), and how many cases follow the design from start to
finish. Counting is vectorised (factorised codes, one lexsort, ``np.unique`` on pair codes), so a
log of 1,000,000 events takes about a second (bench/bench_journeys_page.py).

A case *follows the design* when every one of its activities is mapped to a node and every
transition between consecutive events is an edge of the journey. Events with the same case and
timestamp keep the file's order. Activities that map to no node stay in the transitions under
their own name (prefixed ``?``), so a deviation through an unknown step is never hidden.
"""
from __future__ import annotations

import io
import os
import re
from dataclasses import dataclass, field
from typing import Any, BinaryIO

import numpy as np
import pandas as pd

from journeys.model import Journey

REQUIRED = ("case_id", "activity", "timestamp")
UNMAPPED = "?"


def _sniff(first_line: str) -> str:
    counts = {d: first_line.count(d) for d in (",", ";", "\t")}
    return max(counts, key=lambda d: (counts[d], d == ","))


def read_event_log(source: str | os.PathLike[str] | bytes | BinaryIO,
                   filename: str | None = None) -> pd.DataFrame:
    """Read an event log CSV (comma, semicolon or tab separated, UTF-8 with or without BOM).

    Returns columns ``case_id``, ``activity`` (text), ``timestamp`` (datetime, or numbers when the
    column holds plain numbers) and ``persona`` when present. ValueError with one line naming the
    file, row and column on bad input."""
    name = filename or (str(source) if isinstance(source, (str, os.PathLike)) else "event log")
    if isinstance(source, (str, os.PathLike)):
        with open(source, "rb") as fh:
            raw = fh.read()
    elif isinstance(source, bytes):
        raw = source
    else:
        raw = source.read()
    try:
        text_head = raw[:4096].decode("utf-8-sig")
    except UnicodeDecodeError:
        text_head = raw[:4096].decode("latin-1")
    if not text_head.strip():
        raise ValueError(f"{name}: empty file (expected a header row case_id,activity,timestamp)")
    sep = _sniff(text_head.splitlines()[0])
    try:
        frame = pd.read_csv(io.BytesIO(raw), sep=sep, dtype=str, keep_default_na=False,
                            encoding="utf-8-sig", encoding_errors="replace")
    except (pd.errors.ParserError, ValueError) as exc:
        raise ValueError(f"{name}: not a readable CSV ({str(exc).splitlines()[0]})") from None
    frame.columns = [str(c).strip().lower() for c in frame.columns]
    for col in REQUIRED:
        if col not in frame.columns:
            raise ValueError(f"{name}: missing column {col!r} (expected case_id, activity, "
                             "timestamp and optionally persona)")
    keep = list(REQUIRED) + (["persona"] if "persona" in frame.columns else [])
    frame = frame[keep]
    for col in ("case_id", "activity"):
        blank = frame[col].str.strip() == ""
        if blank.any():
            row = int(np.flatnonzero(blank.to_numpy())[0]) + 2
            raise ValueError(f"{name}: row {row}, column {col}: empty (expected a value)")
    frame["activity"] = frame["activity"].str.strip()
    frame["timestamp"] = _timestamps(frame["timestamp"], name)
    return frame


def _timestamps(col: pd.Series, name: str) -> pd.Series:
    text = col.str.strip()
    if len(text) and pd.to_numeric(text.head(50), errors="coerce").notna().all():
        numbers = pd.to_numeric(text, errors="coerce")
        if numbers.notna().all():
            return numbers
    parsed = pd.to_datetime(text, format="ISO8601", errors="coerce", utc=True)
    if parsed.isna().any():
        # dd-mm-yyyy and friends, as Dutch exports write them
        retry = pd.to_datetime(text[parsed.isna()], format="mixed", dayfirst=True,
                               errors="coerce", utc=True)
        parsed = parsed.where(parsed.notna(), retry)
    if parsed.isna().any():
        row = int(np.flatnonzero(parsed.isna().to_numpy())[0])
        raise ValueError(f"{name}: row {row + 2}, column timestamp: cannot read "
                         f"{text.iloc[row]!r} as a date and time (expected e.g. "
                         "2025-03-01T14:30:00)")
    return parsed


def _norm(text: Any) -> str:
    return re.sub(r"[\s_\-]+", " ", str(text)).strip().casefold()


def auto_mapping(activities: list[str], journey: Journey) -> dict[str, str | None]:
    """Each activity mapped to the node whose id or label (in any language: ``label_nl``...)
    matches it, ignoring case, spaces, underscores and hyphens; None when nothing matches."""
    index: dict[str, str] = {}
    for n in journey.nodes:
        names = [n.id, n.label] + [v for k, v in n.extras().items()
                                   if k.startswith("label_") and isinstance(v, str)]
        for nm in names:
            index.setdefault(_norm(nm), n.id)
    return {a: index.get(_norm(a)) for a in activities}


@dataclass
class Comparison:
    """Designed versus actual for one journey and one event log (optionally one persona)."""

    n_events: int = 0
    n_cases: int = 0
    share_following: float = 0.0
    edge_counts: dict[tuple[str, str], int] = field(default_factory=dict)
    edges: pd.DataFrame = field(default_factory=pd.DataFrame)  # designed edges with counts
    extra: pd.DataFrame = field(default_factory=pd.DataFrame)  # transitions not designed
    unmapped: list[str] = field(default_factory=list)


@dataclass
class _Codes:
    """The log as integer codes, sorted by case then time (file order breaks ties)."""

    names: list[str]          # node id, or ?activity when unmapped, by code
    cases: np.ndarray         # case code per sorted event
    codes: np.ndarray         # name code per sorted event
    pairs: np.ndarray         # pair code (source * k + target) per transition
    pair_cases: np.ndarray    # case code per transition


def _encode(log: pd.DataFrame, mapping: dict[str, str | None]) -> _Codes:
    act_codes, act_names = pd.factorize(log["activity"], sort=False)
    names = [mapping.get(a) or f"{UNMAPPED}{a}" for a in act_names]
    # activities mapped to the same node become one code
    node_codes, node_names = pd.factorize(pd.Index(names, dtype=object), sort=False)
    codes = node_codes[act_codes]
    case_codes, _ = pd.factorize(log["case_id"], sort=False)
    ts = log["timestamp"]
    ts_key = ts.to_numpy(dtype="int64") if pd.api.types.is_datetime64_any_dtype(ts) \
        else ts.to_numpy(dtype="float64")
    order = np.lexsort((np.arange(len(log)), ts_key, case_codes))
    c = case_codes[order]
    a = codes[order]
    same = c[1:] == c[:-1]
    k = max(len(node_names), 1)
    pairs = a[:-1][same].astype(np.int64) * k + a[1:][same]
    return _Codes(list(node_names), c, a, pairs, c[:-1][same])


def directly_follows(log: pd.DataFrame, mapping: dict[str, str | None] | None = None
                     ) -> pd.DataFrame:
    """Directly-follows counts: ``source, target, count, cases`` (one row per distinct
    transition, most frequent first; names after mapping, unmapped activities as ``?activity``;
    ``cases`` counts the cases with that transition at least once)."""
    if log.empty:
        return _empty_frame()
    enc = _encode(log, mapping or {})
    return _frame(enc)


def _distinct(values: np.ndarray) -> np.ndarray:
    """Sorted distinct values (a plain sort: faster here than numpy's hash-based unique)."""
    if not len(values):
        return values
    ordered = np.sort(values, kind="stable")
    return ordered[np.r_[True, ordered[1:] != ordered[:-1]]]


def _unique_counts(values: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    if not len(values):
        return values, np.zeros(0, dtype=np.int64)
    ordered = np.sort(values)
    starts = np.flatnonzero(np.r_[True, ordered[1:] != ordered[:-1]])
    return ordered[starts], np.diff(np.r_[starts, len(ordered)])


def _frame(enc: _Codes) -> pd.DataFrame:
    k = max(len(enc.names), 1)
    uniq, counts = _unique_counts(enc.pairs)
    case_pair = _distinct(enc.pair_cases.astype(np.int64) * (k * k) + enc.pairs)
    cases = np.bincount(np.searchsorted(uniq, case_pair % (k * k)), minlength=len(uniq))
    frame = pd.DataFrame({"source": [enc.names[u // k] for u in uniq],
                          "target": [enc.names[u % k] for u in uniq],
                          "count": counts.astype(int), "cases": cases.astype(int)})
    return frame.sort_values("count", ascending=False, kind="stable").reset_index(drop=True)


def compare(journey: Journey, log: pd.DataFrame, mapping: dict[str, str | None],
            persona: str | None = None) -> Comparison:
    """Per designed edge how often it happened, the transitions the design lacks, and the share
    of cases that follow the design. ``persona`` keeps only that persona's cases (when the log
    has a persona column). Mapped activities naming no node of the journey count as unmapped."""
    if persona is not None and "persona" in log.columns:
        log = log[log["persona"] == persona]
    if log.empty:
        return Comparison(edges=_designed_frame(journey, {}), extra=_empty_frame())
    node_ids = {n.id for n in journey.nodes}
    mapping = {a: (m if m in node_ids else None) for a, m in mapping.items()}
    enc = _encode(log, mapping)
    frame = _frame(enc)
    designed = {(e.source, e.target) for e in journey.edges}
    ok = np.array([(s, t) in designed for s, t in zip(frame["source"], frame["target"])],
                  dtype=bool)
    counts = {(s, t): int(n) for s, t, n, good in
              zip(frame["source"], frame["target"], frame["count"], ok) if good}
    k = max(len(enc.names), 1)
    where = {nm: i for i, nm in enumerate(enc.names)}
    bad_codes = [where[s] * k + where[t]
                 for s, t in zip(frame["source"][~ok], frame["target"][~ok])]
    n_cases = int(enc.cases.max()) + 1
    bad = np.zeros(n_cases, dtype=bool)
    bad[enc.pair_cases[np.isin(enc.pairs, bad_codes)]] = True
    unmapped_code = np.array([nm not in node_ids for nm in enc.names], dtype=bool)
    bad[enc.cases[unmapped_code[enc.codes]]] = True
    unmapped = sorted({a for a in pd.unique(log["activity"]) if mapping.get(a) is None})
    return Comparison(n_events=len(log), n_cases=n_cases,
                      share_following=float((~bad).sum() / n_cases),
                      edge_counts=counts, edges=_designed_frame(journey, counts, frame),
                      extra=frame[~ok].reset_index(drop=True), unmapped=unmapped)


def _designed_frame(journey: Journey, counts: dict[tuple[str, str], int],
                    frame: pd.DataFrame | None = None) -> pd.DataFrame:
    cases = {}
    if frame is not None:
        cases = {(s, t): int(c) for s, t, c in zip(frame["source"], frame["target"],
                                                     frame["cases"])}
    return pd.DataFrame({"source": [e.source for e in journey.edges],
                         "target": [e.target for e in journey.edges],
                         "count": [counts.get((e.source, e.target), 0) for e in journey.edges],
                         "cases": [cases.get((e.source, e.target), 0) for e in journey.edges]})


def _empty_frame() -> pd.DataFrame:
    return pd.DataFrame({"source": pd.Series([], dtype=object), "target": pd.Series([], dtype=object),
                         "count": pd.Series([], dtype=int), "cases": pd.Series([], dtype=int)})


# --------------------------------------------------------------------------------------------
# The compact summary kept in the project

SUMMARY_KEY = "event_log"  # the journey's optional key holding the summary (DESIGN.md section 4)
MAX_TRANSITIONS = 2000
MAX_NAMES = 500


def design_fingerprint(journey: Journey) -> str:
    """A short hash of the journey's nodes and edges: a summary whose fingerprint differs was
    computed against another design (its share of cases following the design may be stale)."""
    import hashlib

    parts = sorted(n.id for n in journey.nodes) + ["|"] + sorted(f"{e.source}>{e.target}" for e in journey.edges)
    return hashlib.sha1("\n".join(parts).encode("utf-8")).hexdigest()[:12]


def _stamp(value: Any) -> Any:
    if isinstance(value, pd.Timestamp):
        return value.isoformat()
    if isinstance(value, (np.integer, np.floating)):
        return value.item()
    return value


def summarise(journey: Journey, log: pd.DataFrame, mapping: dict[str, str | None], filename: str,
              digest: str | None = None, result: Comparison | None = None) -> dict[str, Any]:
    """What the project keeps of an event log compared with ``journey``: the observed transitions
    (after mapping; node ids, unmapped activities as ``?activity``) with their counts and cases, the
    file name, row and case counts, the date range, the share of cases following the design, the
    mapping and the unmapped activities. Never the events themselves: a log can hold millions of
    rows and names of customers, the summary stays a few kilobytes (the most frequent
    ``MAX_TRANSITIONS`` transitions; ``n_transitions`` says how many there were). ``result``:
    ``compare(journey, log, mapping)`` when the caller has it already (a big log is counted once)."""
    if result is None:
        result = compare(journey, log, mapping, None)
    observed = pd.concat([result.edges[result.edges["count"] > 0], result.extra], ignore_index=True)
    observed = observed.sort_values("count", ascending=False, kind="stable")
    node_ids = {n.id for n in journey.nodes}
    ts = log["timestamp"] if len(log) else pd.Series([], dtype=float)
    kept_mapping = {str(a): m for a, m in mapping.items() if m in node_ids}
    return {
        "file": str(filename)[:300], "digest": digest, "rows": int(len(log)), "cases": int(result.n_cases),
        "first": _stamp(ts.min()) if len(ts) else None, "last": _stamp(ts.max()) if len(ts) else None,
        "share_following": round(float(result.share_following), 6),
        "transitions": [[str(s), str(t), int(c), int(k)] for s, t, c, k in
                        observed[["source", "target", "count", "cases"]].head(MAX_TRANSITIONS)
                        .itertuples(index=False)],
        "n_transitions": int(len(observed)),
        "mapping": dict(list(kept_mapping.items())[:MAX_NAMES]),
        "unmapped": [str(a) for a in result.unmapped[:MAX_NAMES]], "n_unmapped": len(result.unmapped),
        "design": design_fingerprint(journey),
    }


def _summary_field(summary: dict[str, Any], key: str, kind: type | tuple[type, ...]) -> Any:
    value = summary.get(key)
    if not isinstance(value, kind) or isinstance(value, bool):
        expected = kind.__name__ if isinstance(kind, type) else " or ".join(k.__name__ for k in kind)
        raise ValueError(f"{SUMMARY_KEY}.{key}: expected {expected}, got {value!r}"[:200])
    return value


def from_summary(journey: Journey, summary: Any) -> Comparison:
    """The comparison again from a stored summary (designed edges get their counts, the rest are
    the transitions the design lacks). ValueError with one line naming the field when the summary
    is not one (a hand-edited project file)."""
    if not isinstance(summary, dict):
        raise ValueError(f"{SUMMARY_KEY}: expected an object, got {type(summary).__name__}")
    rows = _summary_field(summary, "rows", int)
    cases = _summary_field(summary, "cases", int)
    share = _summary_field(summary, "share_following", (int, float))
    observed = _summary_field(summary, "transitions", list)
    counts: dict[tuple[str, str], tuple[int, int]] = {}
    for i, item in enumerate(observed):
        if (not isinstance(item, list) or len(item) != 4 or not all(isinstance(x, str) for x in item[:2])
                or not all(isinstance(x, int) and not isinstance(x, bool) for x in item[2:])):
            raise ValueError(f"{SUMMARY_KEY}.transitions[{i}]: expected [source, target, count, cases]")
        counts[(item[0], item[1])] = (item[2], item[3])
    designed = {(e.source, e.target) for e in journey.edges}
    edge_counts = {pair: c for pair, (c, _) in counts.items() if pair in designed}
    frame = pd.DataFrame([[s, t, c, k] for (s, t), (c, k) in counts.items()],
                         columns=["source", "target", "count", "cases"])
    for col in ("count", "cases"):
        frame[col] = frame[col].astype(int)
    extra = frame[[(s, t) not in designed for s, t in zip(frame["source"], frame["target"])]]
    unmapped = summary.get("unmapped") if isinstance(summary.get("unmapped"), list) else []
    return Comparison(n_events=rows, n_cases=cases, share_following=float(share), edge_counts=edge_counts,
                      edges=_designed_frame(journey, edge_counts, frame),
                      extra=extra.reset_index(drop=True) if len(extra) else _empty_frame(),
                      unmapped=[str(a) for a in unmapped])
