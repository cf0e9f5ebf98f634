"""Suggestions for the codebook: which columns form a scale, which items look reversed.

Why: writing a codebook by hand for a 60-column export is where users give up or make mistakes.
Survey tools name items of one question block with a shared prefix (c1..c6, ctrl_1..ctrl_6,
Q3_1..Q3_5), and a reverse-keyed item correlates negatively with the rest of its scale before it is
recoded. Both are only suggestions: the user confirms them in the codebook mapping.
"""
from __future__ import annotations

import re

import numpy as np
import pandas as pd

_ITEM_NAME = re.compile(r"(?P<prefix>.*?[A-Za-z].*?)[\s_.\-]*(?P<number>\d+)")
_MAX_LEVELS = 11  # 0-10 is the widest common rating scale


def _split_item_name(column: str) -> tuple[str, int] | None:
    match = _ITEM_NAME.fullmatch(str(column).strip())
    if not match:
        return None
    prefix = match.group("prefix").rstrip(" _.-")
    return (prefix, int(match.group("number"))) if prefix else None


def _is_rating_item(values: pd.Series) -> bool:
    """Numeric, whole numbers, at most 11 distinct values and at least 2: a Likert-type item."""
    if not pd.api.types.is_numeric_dtype(values) or pd.api.types.is_bool_dtype(values):
        return False
    present = values.dropna().astype(float)
    if present.empty or not np.all(np.mod(present, 1) == 0):
        return False
    return 2 <= present.nunique() <= _MAX_LEVELS


def suggest_scales(columns: list[str], data: pd.DataFrame | None = None) -> dict[str, list[str]]:
    """Group item columns by name prefix: {"c": ["c1", ..., "c6"], "Q3": ["Q3_1", ...]}.

    With `data`, only numeric columns with a small set of whole-number values count as items
    (so "age1"/"age2" or free-text columns never form a scale). A scale needs at least 3 items;
    items are ordered by their number, scales by where they first appear.
    """
    groups: dict[str, list[tuple[int, str]]] = {}
    for column in columns:
        split = _split_item_name(column)
        if split is None:
            continue
        if data is not None:
            if column not in data.columns or not _is_rating_item(data[column]):
                continue
        prefix, number = split
        groups.setdefault(prefix, []).append((number, column))
    return {prefix: [c for _, c in sorted(items)] for prefix, items in groups.items() if len(items) >= 3}


def _numeric_items(items: pd.DataFrame) -> pd.DataFrame:
    if items.shape[1] < 2:
        raise ValueError(f"items: expected at least 2 item columns, got {items.shape[1]}")
    if items.columns.duplicated().any():
        raise ValueError(f"items: duplicate column '{items.columns[items.columns.duplicated()][0]}'")
    for column in items.columns:
        if not pd.api.types.is_numeric_dtype(items[column]) or pd.api.types.is_bool_dtype(items[column]):
            raise ValueError(f"column '{column}': expected numbers, got {items[column].dtype} values")
    return items.astype(float)


def item_rest_correlations(items: pd.DataFrame) -> dict[str, float]:
    """Correlation of each item with the mean of the other items (pairwise complete).

    The rest score is the mean of the respondent's available other items, as a scale score is
    computed; rows where the item or the whole rest is missing are left out. NaN when the item or
    the rest does not vary.
    """
    values = _numeric_items(items)
    matrix = values.to_numpy()
    present = ~np.isnan(matrix)
    totals = np.nansum(matrix, axis=1)
    counts = present.sum(axis=1)
    result: dict[str, float] = {}
    for j, column in enumerate(values.columns):
        item = matrix[:, j]
        rest_n = counts - present[:, j]
        with np.errstate(invalid="ignore", divide="ignore"):
            rest = (totals - np.where(present[:, j], item, 0.0)) / rest_n
        use = present[:, j] & (rest_n > 0)
        x, y = item[use], rest[use]
        if len(x) < 3 or np.ptp(x) == 0 or np.ptp(y) == 0:
            result[str(column)] = float("nan")
            continue
        result[str(column)] = float(np.corrcoef(x, y)[0, 1])
    return result


def suggest_reversed(items: pd.DataFrame) -> list[str]:
    """Items that correlate negatively with the rest of their scale: likely reverse-keyed.

    Run on the raw (not yet recoded) items of one scale. One pass is not enough: with two
    reversed items out of five the rest score of every item is muddled (Big Five conscientiousness
    in psych's bfi gives negative item-rest correlations for four items). So the most negative item
    is reversed and the correlations recomputed, until no item is negative against the rest keyed
    so far. If that reverses more than half the items, the other half is returned (the scale's
    direction is then the majority's). Returned in column order.
    """
    values = _numeric_items(items)
    columns = [str(c) for c in values.columns]
    keyed = values.copy()
    keyed.columns = columns
    flipped: set[str] = set()
    for _ in range(len(columns)):
        correlations = item_rest_correlations(keyed)
        negative = {c: r for c, r in correlations.items() if not np.isnan(r) and r < 0}
        if not negative:
            break
        worst = min(negative, key=negative.get)
        keyed[worst] = -keyed[worst]
        flipped ^= {worst}
    if 2 * len(flipped) > len(columns):
        flipped = {c for c in columns if c not in flipped and not np.isnan(item_rest_correlations(keyed)[c])}
    return [c for c in columns if c in flipped]
