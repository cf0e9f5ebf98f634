"""Codebook suggestions: scales from item-name prefixes, reverse-keyed items from correlations."""
from __future__ import annotations

from pathlib import Path

import numpy as np
import pandas as pd
import pytest

from segmentation.suggest import item_rest_correlations, suggest_reversed, suggest_scales

BFI = Path(__file__).parent / "data" / "bfi.csv"


def test_prefix_grouping_for_common_naming_styles():
    columns = ["respondent", "c1", "c2", "c3", "c4", "c5", "c6", "ctrl_1", "ctrl_2", "ctrl_3",
               "Q3_1", "Q3_2", "Q3_10", "Q3_3", "Q3_5", "r1", "r2", "age", "postcode"]
    assert suggest_scales(columns) == {
        "c": ["c1", "c2", "c3", "c4", "c5", "c6"],
        "ctrl": ["ctrl_1", "ctrl_2", "ctrl_3"],
        "Q3": ["Q3_1", "Q3_2", "Q3_3", "Q3_5", "Q3_10"],  # by item number, not as text
    }


def test_with_data_only_rating_items_count():
    rng = np.random.default_rng(1)
    n = 50
    data = pd.DataFrame({
        "c1": rng.integers(1, 6, n), "c2": rng.integers(1, 6, n), "c3": rng.integers(1, 6, n).astype(float),
        "c4": rng.normal(size=n),                       # continuous: not an item
        "inc1": rng.integers(1000, 9000, n), "inc2": rng.integers(1000, 9000, n),
        "inc3": rng.integers(1000, 9000, n),             # too many distinct values
        "t1": ["a"] * n, "t2": ["b"] * n, "t3": ["c"] * n,  # text
        "k1": rng.integers(0, 11, n), "k2": rng.integers(0, 11, n),  # only two items
    })
    data.loc[3, "c3"] = np.nan  # a missing answer does not disqualify an item
    assert suggest_scales(list(data.columns) + ["c9"], data) == {"c": ["c1", "c2", "c3"]}


def test_bfi_scales_and_reverse_keyed_items_match_psych():
    """Reference: the bfi data of the R package psych (Revelle). Its help page keys the items as
    keys.list <- list(Agree=c(-1,2:5), Conscientious=c(6:8,-9,-10), Extraversion=c(-11,-12,13:15),
    Neuroticism=c(16:20), Openness=c(21,-22,23,24,-25)), i.e. reversed: A1, C4, C5, E1, E2, O2, O5
    (https://www.rdocumentation.org/packages/psych/versions/1.0-58/topics/bfi)."""
    bfi = pd.read_csv(BFI)
    scales = suggest_scales(list(bfi.columns), bfi)
    assert scales == {letter: [f"{letter}{i}" for i in range(1, 6)] for letter in "ACENO"}
    reversed_items = {name: suggest_reversed(bfi[items]) for name, items in scales.items()}
    assert reversed_items == {"A": ["A1"], "C": ["C4", "C5"], "E": ["E1", "E2"], "N": [],
                              "O": ["O2", "O5"]}


def test_planted_reversed_item_is_found_with_missing_answers():
    rng = np.random.default_rng(42)
    n = 400
    trait = rng.normal(size=n)
    items = {}
    for j in range(1, 7):
        raw = 3 + 1.1 * trait + rng.normal(scale=0.9, size=n)
        if j == 4:
            raw = 6 - raw  # planted reverse-keyed item
        items[f"x{j}"] = np.clip(np.rint(raw), 1, 5)
    frame = pd.DataFrame(items)
    frame = frame.mask(rng.random(frame.shape) < 0.1)  # 10 % missing answers
    assert suggest_reversed(frame) == ["x4"]
    r = item_rest_correlations(frame)
    assert r["x4"] < -0.3 and min(v for k, v in r.items() if k != "x4") > 0.3


def test_item_rest_correlation_equals_correlation_with_rest_sum_on_complete_data():
    """With no missing answers the mean of the other items is a linear function of their sum,
    so the value must equal psych's r.drop definition (item vs. sum of the other items)."""
    bfi = pd.read_csv(BFI)[["A1", "A2", "A3", "A4", "A5"]].dropna()
    r = item_rest_correlations(bfi)
    for column in bfi.columns:
        rest_sum = bfi.drop(columns=column).sum(axis=1)
        assert r[column] == pytest.approx(np.corrcoef(bfi[column], rest_sum)[0, 1], abs=1e-12)


def test_item_rest_uses_pairwise_complete_rows():
    items = pd.DataFrame({"a": [1, 2, 3, 4, np.nan], "b": [1, 2, 3, 5, 4], "c": [np.nan, 2, 2, 4, 4]})
    r = item_rest_correlations(items)
    rest_a = np.array([1, 2, 2.5, 4.5])  # rows 1-4: mean of b and c where present
    assert r["a"] == pytest.approx(np.corrcoef([1, 2, 3, 4], rest_a)[0, 1])
    assert np.isnan(item_rest_correlations(pd.DataFrame({"a": [1, 2, 3], "b": [2, 2, 2]}))["a"])


def test_bad_item_frames_are_value_errors():
    with pytest.raises(ValueError, match="at least 2 item columns"):
        item_rest_correlations(pd.DataFrame({"a": [1, 2, 3]}))
    with pytest.raises(ValueError, match="column 'b': expected numbers"):
        suggest_reversed(pd.DataFrame({"a": [1, 2, 3], "b": ["x", "y", "z"]}))
