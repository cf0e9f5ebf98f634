"""Codebooks (DESIGN.md section 4): load YAML/JSON, clear one-line errors, safe YAML, scoring rules."""
from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from segmentation.codebook import dump_codebook, load_codebook
from segmentation.scoring import apply_missing_codes, score_scales, straight_liners

REFERENCE = """
id: respondent
scales:
  control:     {items: [c1, c2, c3, c4, c5, c6], reverse: [c3, c6], min: 1, max: 5,
                label: {nl: Regie, en: Control}}
  orientation: {items: [r1, r2, r3, r4, r5, r6], reverse: [r2], min: 1, max: 5,
                label: {nl: "Proces of relatie", en: "Process or relationship"}}
categorical: [channel, stage]
demographics: [age, gender, household]
missing: [-9, "weet niet", "don't know"]
"""


def test_the_design_example_loads_and_round_trips_through_yaml_and_json():
    codebook = load_codebook(text=REFERENCE)
    assert codebook.scales["control"].reverse == ["c3", "c6"]
    assert codebook.scales["orientation"].title("nl") == "Proces of relatie"
    for fmt in ("yaml", "json"):
        again = load_codebook(text=dump_codebook(codebook, fmt))
        assert again.to_dict() == codebook.to_dict()


def test_only_scales_is_required():
    codebook = load_codebook(text="scales:\n  s: {items: [a, b]}\n")
    assert codebook.id is None and codebook.scales["s"].min == 1 and codebook.scales["s"].max == 5


@pytest.mark.parametrize("text, expected", [
    ("{}", "missing key 'scales'"),
    ("scales:\n  s: {items: [a, b], reverse: [c]}\n", "reverse item 'c'"),
    ("scales:\n  s: {items: [a, b], min: 5, max: 1}\n", "min (5.0) must be below max"),
    ("scales:\n  s: {items: [a]}\n  t: {items: [a]}\n", "'a' is in scale 's' and in scale 't'"),
    ("scales: [unclosed\n", "line 2"),
    ('{"scales": }', "invalid JSON"),
    ("scales:\n  s: {items: []}\n", "scales.s.items"),
])
def test_bad_codebooks_name_the_field(text, expected):
    with pytest.raises(ValueError) as info:
        load_codebook(text=text, source="cb.yaml")
    message = str(info.value)
    assert message.startswith("cb.yaml:") and expected in message and "\n" not in message


def test_yaml_alias_bomb_is_refused_before_it_expands():
    bomb = "a: &a [x, x, x, x, x, x, x, x, x]\n" + "".join(
        f"{chr(98 + i)}: &{chr(98 + i)} [" + ", ".join([f"*{chr(97 + i)}"] * 9) + "]\n" for i in range(12))
    with pytest.raises(ValueError, match="aliases"):
        load_codebook(text=bomb + "scales: {s: {items: [a, b]}}\n")


def test_scale_score_is_the_mean_of_available_reversed_items():
    """A reversed item scores min + max - x; a missing item leaves the mean of the rest (as R psych
    scoreItems with impute="none")."""
    codebook = load_codebook(text=REFERENCE)
    row = {"respondent": "R1", "c1": 5, "c2": 4, "c3": 1, "c4": np.nan, "c5": -9, "c6": 2,
           "r1": 1, "r2": 5, "r3": 1, "r4": 1, "r5": 1, "r6": 1}
    scores = score_scales(pd.DataFrame([row]), codebook)
    assert scores.loc["R1", "control"] == pytest.approx((5 + 4 + 5 + 4) / 4)
    assert scores.loc["R1", "orientation"] == pytest.approx(1.0)


def test_text_missing_codes_match_case_insensitively():
    frame = pd.DataFrame({"q": ["Weet niet", "3", "don't know "]})
    cleaned = apply_missing_codes(frame, ["weet niet", "don't know"])
    assert cleaned["q"].isna().tolist() == [True, False, True]


def test_straight_liners_are_flagged():
    codebook = load_codebook(text="scales:\n  s: {items: [a, b, c, d, e, f]}\n")
    frame = pd.DataFrame({c: [3, 3] for c in "abcdef"})
    frame.loc[1, "a"] = 4
    assert straight_liners(frame, codebook).tolist() == [True, False]
