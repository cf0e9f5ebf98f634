"""Reading and checking noise-audit votes (DESIGN.md section 4, "Votes").

Votes arrive as a long table, one row per (case, rater): ``case,rater,value`` plus the optional
``basis`` (what the rater based the answer on, e.g. ``policy``) and ``reason`` (free text). A missing
rating is simply a missing row. The same table comes from a CSV upload (:func:`read_votes`) or from
the workshop store (:func:`normalise_votes` on a DataFrame), so both go through one checker and the
statistics in :mod:`workshop.agreement` can trust what they get.

Answers are either all numbers (a premium, a 1-7 score: the numeric statistics apply) or labels
(``evict``, ``mediate``: nominal statistics only). One non-number among numbers makes every answer a
label, because a half-numeric column has no defensible distance between its values.
"""
from __future__ import annotations

import csv
import io
import math
import os
import re
from collections.abc import Sequence
from pathlib import Path
from typing import IO, Any

import numpy as np
import pandas as pd

__all__ = ["VOTE_COLUMNS", "VotesError", "normalise_votes", "read_votes", "values_are_numeric"]

REQUIRED = ("case", "rater", "value")
OPTIONAL = ("basis", "reason")
VOTE_COLUMNS = REQUIRED + OPTIONAL

# A plain decimal number, with a decimal point or a decimal comma (Dutch exports), optional exponent.
# Deliberately not float(): that would accept "nan", "inf" and "1_000" as answers.
_NUMBER = re.compile(r"^[+-]?(?:\d+(?:[.,]\d*)?|[.,]\d+)(?:[eE][+-]?\d+)?$")


class VotesError(ValueError):
    """Bad votes input; the message is one line naming the file, row and column."""


def _fail(source: str | None, message: str) -> VotesError:
    return VotesError(f"{source}: {message}" if source else message)


# --------------------------------------------------------------------------------------------
# CSV
# --------------------------------------------------------------------------------------------

def _source_name(path_or_buffer: Any, filename: str | None) -> str:
    if filename:
        return filename
    if isinstance(path_or_buffer, (str, os.PathLike)):
        return Path(path_or_buffer).name
    name = getattr(path_or_buffer, "name", None)
    if isinstance(name, str) and name:
        return Path(name).name
    return "votes"


def _read_text(path_or_buffer: Any, source: str) -> str:
    """Return the decoded text. UTF-8 (a BOM is dropped); Latin-1 as a last resort, because a CSV
    saved by a Dutch Excel is often Windows-1252 and refusing it helps nobody."""
    if isinstance(path_or_buffer, (str, os.PathLike)):
        try:
            raw: bytes | str = Path(path_or_buffer).read_bytes()
        except OSError as exc:
            raise _fail(source, f"cannot read the file ({exc.strerror or exc})") from None
    elif isinstance(path_or_buffer, (bytes, bytearray, memoryview)):
        raw = bytes(path_or_buffer)
    elif hasattr(path_or_buffer, "read"):
        raw = path_or_buffer.read()
    else:
        raise _fail(source, f"expected a path or a file object, got {type(path_or_buffer).__name__}")
    if isinstance(raw, str):
        return raw.removeprefix("\ufeff")
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError:
        return raw.decode("latin-1")


def _sniff_delimiter(header_line: str) -> str:
    """Pick the delimiter that splits the header best: comma, semicolon or tab."""
    best, best_fields = ",", 0
    for delim in (",", ";", "\t"):
        fields = next(csv.reader([header_line], delimiter=delim), [])
        names = {f.strip().lower() for f in fields}
        score = len(fields) + 100 * len(names & set(VOTE_COLUMNS))
        if score > best_fields:
            best, best_fields = delim, score
    return best


def read_votes(path_or_buffer: str | os.PathLike | bytes | IO, filename: str | None = None) -> pd.DataFrame:
    """Read a long votes CSV ``case,rater,value[,basis][,reason]`` into a checked DataFrame.

    Comma, semicolon or tab separated; UTF-8 with or without BOM; column names in any case and
    order; other columns are ignored. Row numbers in messages are the line numbers an editor shows
    (the header is row 1). ``filename`` names the file in messages (an upload has no path).

    Returns the frame of :func:`normalise_votes`: columns ``case``, ``rater`` (str), ``value``
    (float64 when every answer is a number, else str), ``basis`` and ``reason`` (str or None).
    Raises :class:`VotesError` (a ``ValueError``) with a one-line message on bad input.
    """
    source = _source_name(path_or_buffer, filename)
    text = _read_text(path_or_buffer, source)
    lines = text.splitlines(keepends=True)
    first = next((i for i, line in enumerate(lines) if line.strip()), None)
    if first is None:
        raise _fail(source, "no header row (expected case,rater,value)")
    delim = _sniff_delimiter(lines[first])

    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delim)
    header: list[str] | None = None
    records: list[list[str]] = []
    rows: list[int] = []
    try:
        line_before = 0
        for fields in reader:
            row = line_before + 1           # the line on which this record starts
            line_before = reader.line_num
            if not fields or all(not f.strip() for f in fields):
                continue
            if header is None:
                header = [f.strip().lower() for f in fields]
                header_row = row
                continue
            if len(fields) > len(header) and any(f.strip() for f in fields[len(header):]):
                raise _fail(source, f"row {row}: {len(fields)} fields, expected {len(header)} "
                                    f"(a value with '{delim}' in it must be quoted)")
            records.append(fields[: len(header)] + [""] * (len(header) - len(fields)))
            rows.append(row)
    except csv.Error as exc:
        raise _fail(source, f"row {reader.line_num}: not valid CSV ({exc})") from None
    if header is None:
        raise _fail(source, "no header row (expected case,rater,value)")

    for name in REQUIRED:
        if name not in header:
            raise _fail(source, f"missing column {name!r} (expected case,rater,value)")
    for name in VOTE_COLUMNS:
        if header.count(name) > 1:
            raise _fail(source, f"row {header_row}: column {name!r} appears twice")
    keep = [name for name in VOTE_COLUMNS if name in header]
    positions = [header.index(name) for name in keep]
    frame = pd.DataFrame([[rec[p] for p in positions] for rec in records], columns=keep, dtype=object)
    return _normalise(frame, rows, source)


# --------------------------------------------------------------------------------------------
# Checking (shared by the CSV reader and the workshop store)
# --------------------------------------------------------------------------------------------

def _is_missing(v: Any) -> bool:
    if v is None or v is pd.NA or v is pd.NaT:
        return True
    return isinstance(v, float) and math.isnan(v)


def _as_text(v: Any) -> str:
    """A cell as the text the user would recognise (1.0 from a float column is '1')."""
    if _is_missing(v):
        return ""
    if isinstance(v, (float, np.floating)) and float(v).is_integer():
        return str(int(v))
    return str(v).strip()


def normalise_votes(votes: pd.DataFrame, *, source: str | None = None) -> pd.DataFrame:
    """Check a votes DataFrame (e.g. rows from the workshop store) and return it normalised.

    Same rules and output as :func:`read_votes`; row numbers in messages count the first record as
    row 1. ``source`` prefixes messages (e.g. a session code).
    """
    if not isinstance(votes, pd.DataFrame):
        raise _fail(source, f"expected a table of votes, got {type(votes).__name__}")
    frame = votes.rename(columns=lambda c: str(c).strip().lower())
    for name in REQUIRED:
        if name not in frame.columns:
            raise _fail(source, f"missing column {name!r} (expected case,rater,value)")
    if frame.columns.duplicated().any():
        dup = frame.columns[frame.columns.duplicated()][0]
        raise _fail(source, f"column {dup!r} appears twice")
    keep = [name for name in VOTE_COLUMNS if name in frame.columns]
    return _normalise(frame[keep], list(range(1, len(frame) + 1)), source)


def _texts(column: pd.Series | None, n: int) -> list[str]:
    """Cells as stripped text ('' when missing). Plain lists: pandas string ops cost more than
    they save at workshop sizes, and the live results screen re-checks on every refresh."""
    if column is None:
        return [""] * n
    return [v.strip() if type(v) is str else _as_text(v) for v in column.tolist()]


def _normalise(frame: pd.DataFrame, rows: Sequence[int], source: str | None) -> pd.DataFrame:
    n = len(frame)
    get = lambda name: frame[name] if name in frame.columns else None  # noqa: E731
    case, rater = _texts(get("case"), n), _texts(get("rater"), n)
    raw_value = frame["value"]
    numbers: np.ndarray | None = None
    if pd.api.types.is_float_dtype(raw_value) or (
            pd.api.types.is_integer_dtype(raw_value) and not pd.api.types.is_bool_dtype(raw_value)):
        x = raw_value.to_numpy(dtype=float, na_value=np.nan)
        if np.isfinite(x).all():
            numbers = x          # a numeric column without gaps: nothing to parse
    value = ["n"] * n if numbers is not None else _texts(raw_value, n)

    # Report the first bad row, whichever column it is in, as a user fixing the file top-down expects.
    seen: dict[tuple[str, str], int] = {}
    for i in range(n):
        for name, cells, expected in (("case", case, "a case id"), ("rater", rater, "a rater id"),
                                      ("value", value, "a number or an answer label")):
            if cells[i] == "":
                raise _fail(source, f"row {rows[i]}, column {name!r}: expected {expected}, got ''")
        first = seen.setdefault((case[i], rater[i]), i)
        if first != i:
            raise _fail(source, f"row {rows[i]} repeats case {case[i]!r} for rater {rater[i]!r} "
                                f"(first in row {rows[first]})")

    # Booleans arrive as "True"/"False" and stay labels, as YAML yes/no answers should.
    if numbers is None and n and all(_NUMBER.match(t) for t in value):
        numbers = np.array([float(t.replace(",", ".")) for t in value], dtype=float)
    basis = [t or None for t in _texts(get("basis"), n)]
    reason = [t or None for t in _texts(get("reason"), n)]
    return pd.DataFrame({
        "case": pd.Series(case, dtype=object),
        "rater": pd.Series(rater, dtype=object),
        "value": numbers if numbers is not None else pd.Series(value, dtype=object),
        "basis": pd.Series(basis, dtype=object),
        "reason": pd.Series(reason, dtype=object),
    })


def values_are_numeric(votes: pd.DataFrame) -> bool:
    """True when the (normalised) answers are numbers, so interval/ratio statistics apply."""
    column = votes["value"]
    return len(votes) > 0 and pd.api.types.is_numeric_dtype(column) and not pd.api.types.is_bool_dtype(column)
