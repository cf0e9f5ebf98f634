"""Scale scoring: reverse the reversed items, apply missing codes, average the available items.

A scale score is the mean of the respondent's available items, as R psych's scoreItems does
(impute="none"), so a respondent who skipped one of six items still gets a score.
"""
from __future__ import annotations

import pandas as pd

from .codebook import Codebook, Scale


def apply_missing_codes(data: pd.DataFrame, missing: list, columns: list[str] | None = None) -> pd.DataFrame:
    """Replace the codebook's missing-value codes by NaN (numbers numerically, text case-insensitively)."""
    if not missing:
        return data
    out = data.copy()
    numbers = []
    texts = set()
    for code in missing:
        if isinstance(code, bool):
            continue
        if isinstance(code, (int, float)):
            numbers.append(float(code))
            texts.add(str(code).strip().lower())
        else:
            texts.add(str(code).strip().lower())
            try:
                numbers.append(float(str(code).replace(",", ".")))
            except ValueError:
                pass
    for col in columns if columns is not None else list(out.columns):
        series = out[col]
        if pd.api.types.is_numeric_dtype(series):
            if numbers:
                out[col] = series.mask(series.isin(numbers))
        else:
            lowered = series.astype("string").str.strip().str.lower()
            out[col] = series.mask(lowered.isin(texts).fillna(False).astype(bool))
    return out


def item_frame(data: pd.DataFrame, scale: Scale, *, reverse: bool = True) -> pd.DataFrame:
    """The scale's items as floats, reversed items scored min + max - x."""
    items = data[scale.items].apply(pd.to_numeric, errors="coerce").astype(float)
    if reverse:
        for item in scale.reverse:
            items[item] = scale.min + scale.max - items[item]
    return items


def score_scales(data: pd.DataFrame, codebook: Codebook) -> pd.DataFrame:
    """One column per scale: the mean of each respondent's available (reversed) items."""
    cleaned = apply_missing_codes(data, codebook.missing, codebook.scale_items)
    scores = {}
    for name, scale in codebook.scales.items():
        items = item_frame(cleaned, scale)
        scores[name] = items.mean(axis=1, skipna=True)
    frame = pd.DataFrame(scores, index=data.index)
    if codebook.id and codebook.id in data.columns:
        frame.index = pd.Index(data[codebook.id].astype(str), name=codebook.id)
    return frame


def straight_liners(data: pd.DataFrame, codebook: Codebook, min_items: int = 6) -> pd.Series:
    """Respondents who gave the same answer to every scale item (before reversal).

    Straight-lining answers contradict themselves on reversed items, so they are worth a flag in
    the data check; they are not removed automatically.
    """
    items = apply_missing_codes(data, codebook.missing, codebook.scale_items)[codebook.scale_items]
    items = items.apply(pd.to_numeric, errors="coerce")
    answered = items.notna().sum(axis=1)
    same = items.max(axis=1) == items.min(axis=1)  # = nunique(axis=1) == 1, vectorised (that loops per row)
    return (same & (answered >= min(min_items, len(codebook.scale_items)))).rename("straight_liner")


def likert_bounds(codebook: Codebook) -> dict[str, tuple[float, float]]:
    """{item: (min, max)} for validation of the raw survey."""
    return {item: (scale.min, scale.max) for scale in codebook.scales.values() for item in scale.items}


__all__ = ["apply_missing_codes", "item_frame", "score_scales", "straight_liners", "likert_bounds"]
