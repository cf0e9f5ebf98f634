"""Persona lint: Cramér's V (statistic), pictures (imagery) and segmentation inputs (input)."""
from __future__ import annotations

import numpy as np
import pandas as pd
import pytest
from scipy.stats.contingency import association

from personas.lint import (FINDING_KEYS, adjusted_residuals, contingency, cramers_v, cramers_v_ci,
                           demographic_attribute, lint_personas)


def _from_table(table) -> tuple[np.ndarray, np.ndarray]:
    """Respondent-level data that reproduces a contingency table."""
    t = np.asarray(table)
    rows, cols = np.indices(t.shape)
    return np.repeat(rows.ravel(), t.ravel()), np.repeat(cols.ravel(), t.ravel())


# ------------------------------------------------------------------------------ Cramér's V
def test_plain_v_matches_scipy_and_its_documented_example():
    """scipy.stats.contingency.association docstring: the 4x2 table
    [[100, 150], [203, 322], [420, 700], [320, 210]] has Cramér's V 0.18617813077483678."""
    table = [[100, 150], [203, 322], [420, 700], [320, 210]]
    x, y = _from_table(table)
    assert cramers_v(x, y, bias_correction=False) == pytest.approx(0.18617813077483678, abs=1e-12)
    rng = np.random.default_rng(3)
    a, b = rng.integers(0, 5, 400), rng.integers(0, 3, 400)
    assert cramers_v(a, b, bias_correction=False) == pytest.approx(
        association(contingency(a, b).to_numpy(), method="cramer"), abs=1e-12)


def test_bias_corrected_v_matches_published_reference():
    """ClickHouse documentation, cramersVBiasCorrected (Bergsma 2013 correction): for
    number % 10 against number % 4 over numbers(150), cramersV = 0.5798088336225178 and
    cramersVBiasCorrected = 0.5305112825189074
    (https://clickhouse.com/docs/reference/functions/aggregate-functions/cramersVBiasCorrected)."""
    n = np.arange(150)
    assert cramers_v(n % 10, n % 4, bias_correction=False) == pytest.approx(0.5798088336225178,
                                                                           abs=1e-12)
    assert cramers_v(n % 10, n % 4) == pytest.approx(0.5305112825189074, abs=1e-12)


def test_bias_correction_removes_small_sample_inflation():
    rng = np.random.default_rng(11)
    seg, age = rng.integers(0, 6, 200), rng.integers(0, 5, 200)
    assert cramers_v(seg, age, bias_correction=False) > 0.1
    assert cramers_v(seg, age) < 0.1


def test_v_edge_cases_and_missing_values():
    assert cramers_v([1, 1, 1], ["a", "b", "c"]) == 0.0
    assert cramers_v(["a", "b", "a", "b"], ["x", "y", "x", "y"], bias_correction=False) == 1.0
    assert cramers_v(["a", "b", None, "b"], ["x", "y", "x", np.nan]) == cramers_v(
        ["a", "b"], ["x", "y"])
    with pytest.raises(ValueError, match="length"):
        cramers_v([1, 2], [1])
    with pytest.raises(ValueError, match="n_boot"):
        cramers_v_ci([1, 2], [1, 2], n_boot=0)


def _planted(n=1200, lean=0.6, seed=5):
    """Four segments; in segment 2 the share of 'female' is pushed up by ``lean``."""
    rng = np.random.default_rng(seed)
    seg = rng.integers(0, 4, n)
    gender = np.where(rng.random(n) < 0.5, "female", "male")
    pushed = (seg == 2) & (rng.random(n) < lean)
    gender[pushed] = "female"
    gender[(seg == 0) & (rng.random(n) < lean)] = "male"
    hh = rng.choice(["single", "couple", "family"], n)
    return pd.Series(seg), pd.DataFrame({"gender": gender, "household": hh})


def test_bootstrap_interval_brackets_v_and_is_reproducible():
    seg, demo = _planted()
    v, lo, hi = cramers_v_ci(seg, demo["gender"], n_boot=300, random_state=1)
    assert lo < v < hi and 0.3 < v < 0.8
    assert cramers_v_ci(seg, demo["gender"], n_boot=300, random_state=1) == (v, lo, hi)
    v0, lo0, hi0 = cramers_v_ci(seg, demo["household"], n_boot=300, random_state=1)
    assert v0 < 0.1 and lo0 <= v0 <= hi0


def test_adjusted_residuals_reference():
    """Agresti (2007), An Introduction to Categorical Data Analysis, 2nd ed., Table 2.10:
    party identification by gender (GSS); the standardized (adjusted) residuals for females are
    4.50 (Democrat), 0.70 (Independent), -5.32 (Republican), and their negatives for males."""
    table = pd.DataFrame([[762, 327, 468], [484, 239, 477]], index=["F", "M"],
                         columns=["Dem", "Ind", "Rep"])
    res = adjusted_residuals(table)
    assert res.loc["F", "Dem"] == pytest.approx(4.50, abs=0.01)
    assert res.loc["M", "Dem"] == pytest.approx(-4.50, abs=0.01)
    assert res.loc["F", "Ind"] == pytest.approx(0.70, abs=0.01)
    assert res.loc["F", "Rep"] == pytest.approx(-5.32, abs=0.01)
    assert res.loc["M", "Rep"] == pytest.approx(5.32, abs=0.01)


def _personas4(**extra):
    ps = [{"id": f"p{i}", "segment": i, "name": n, "description": "Plant alles vooruit."}
          for i, n in enumerate(["De Regisseur", "De Delegeerder", "De Relatiezoeker",
                                 "De Zakelijke"])]
    for p in ps:
        p.update(extra.get(p["id"], {}))
    return ps


def test_statistic_finding_names_figure_threshold_interval_and_persona():
    seg, demo = _planted()
    fs = lint_personas(_personas4(), segments=seg, demographics=demo, v_threshold=0.3)
    assert [f["code"] for f in fs] == ["statistic.cramers_v"]
    f = fs[0]
    assert tuple(f) == FINDING_KEYS and f["severity"] == "warning" and f["family"] == "statistic"
    v, lo, hi = cramers_v_ci(seg, demo["gender"], n_boot=500, random_state=0)
    assert f"{v:.2f}" in f["message"] and "0.30" in f["message"]
    assert f"{lo:.2f}-{hi:.2f}" in f["message"] and "gender" in f["message"]
    # segments 0 and 2 both deviate; the larger adjusted residual decides
    res = adjusted_residuals(contingency(seg, demo["gender"]))
    seg_max = res.abs().stack().idxmax()[0]
    assert f["persona"] == f"p{seg_max}"
    assert "behaviour" in f["suggestion"]


def test_no_statistic_finding_on_independent_data_or_below_threshold():
    rng = np.random.default_rng(8)
    seg = pd.Series(rng.integers(0, 4, 800))
    demo = pd.DataFrame({"gender": rng.choice(["f", "m"], 800),
                         "age": rng.integers(18, 90, 800)})     # numeric: binned to quintiles
    assert lint_personas(_personas4(), segments=seg, demographics=demo) == []
    seg2, demo2 = _planted()
    assert lint_personas(_personas4(), segments=seg2, demographics=demo2, v_threshold=0.9) == []
    with pytest.raises(ValueError, match="segments: expected one segment per respondent"):
        lint_personas(_personas4(), segments=seg2[:10], demographics=demo2)
    with pytest.raises(ValueError, match="v_threshold"):
        lint_personas(_personas4(), v_threshold=0)


# ------------------------------------------------------------------------------ imagery
def _pic(skin, age="middle", gender="female", kind="avatar"):
    return {"kind": kind, "attributes": {"skin_tone": skin, "age": age, "gender": gender}}


def test_budget_persona_the_only_dark_skinned_one_is_an_error():
    ps = _personas4(p0={"picture": _pic("light")}, p1={"picture": _pic("light")},
                    p2={"picture": _pic("light")},
                    p3={"name": "City Budget", "picture": _pic("dark")})
    fs = [f for f in lint_personas(ps) if f["family"] == "imagery"]
    assert [(f["code"], f["persona"], f["field"], f["severity"]) for f in fs] == [
        ("imagery.ranked_difference", "p3", "picture.attributes.skin_tone", "error")]
    assert "Budget" in fs[0]["message"] and "dark" in fs[0]["message"]


def test_varied_pictures_or_unranked_odd_one_out_give_no_imagery_error():
    varied = _personas4(p0={"picture": _pic("light", "young", "male")},
                        p1={"picture": _pic("dark", "old", "female")},
                        p2={"picture": _pic("medium", "middle", "male")},
                        p3={"name": "City Budget", "picture": _pic("medium", "young", "female")})
    assert [f for f in lint_personas(varied) if f["family"] == "imagery"] == []
    unranked = _personas4(p0={"picture": _pic("light")}, p1={"picture": _pic("light")},
                          p2={"picture": _pic("light")}, p3={"picture": _pic("dark")})
    assert [f for f in lint_personas(unranked) if f["family"] == "imagery"] == []


def test_darkest_ranked_persona_and_lowest_value_field_are_caught():
    ps = _personas4(p0={"picture": _pic("light"), "value": 3.0},
                    p1={"picture": _pic("medium"), "value": 2.0},
                    p2={"picture": _pic("light"), "value": 2.5},
                    p3={"picture": _pic("very dark"), "value": 0.5})
    fs = [f for f in lint_personas(ps) if f["code"] == "imagery.ranked_difference"]
    assert [(f["persona"], f["text"]) for f in fs] == [("p3", "very dark")]
    assert "darker than all the others" in fs[0]["message"]
    assert "lowest customer value" in fs[0]["message"]


def test_photo_is_a_warning_and_can_be_justified():
    ps = _personas4(p1={"picture": _pic("light", kind="photo"),
                        "justified": [{"code": "imagery.photo",
                                       "reason": "Consented photo of a real customer panel."}]},
                    p2={"picture": _pic("light", kind="photo")})
    fs = [f for f in lint_personas(ps) if f["code"] == "imagery.photo"]
    assert [(f["persona"], f["severity"], f["justified"]) for f in fs] == [
        ("p1", "warning", True), ("p2", "warning", False)]
    assert "avatar" in fs[1]["suggestion"]


# ------------------------------------------------------------------------------ inputs
@pytest.mark.parametrize("name, attr", [
    ("age", "age"), ("customer_age", "age"), ("customerAge", "age"), ("Leeftijd", "age"),
    ("leeftijdsgroep", "age"), ("AGE_BAND", "age"), ("geslacht", "gender"), ("Gender", "gender"),
    ("sexual-orientation", "sexual orientation"), ("burgerlijke staat", "family status"),
    ("household", "family status"), ("nationaliteit", "nationality"), ("religie", "religion"),
])
def test_demographic_column_names(name, attr):
    assert demographic_attribute(name) == attr


@pytest.mark.parametrize("name", ["damage", "stage", "usage", "orientation", "control",
                                  "c1", "channel", "page_views", "agent_id", "sextant"])
def test_ordinary_column_names_are_not_demographic(name):
    assert demographic_attribute(name) is None


def test_input_findings_by_codebook_and_by_name():
    fs = lint_personas(_personas4(), segmentation_inputs=["c1", "r2", "income_band", "leeftijd"],
                       demographic_columns=["income_band"])
    assert [(f["code"], f["severity"], f["text"], f["field"]) for f in fs] == [
        ("input.demographic_column", "error", "income_band", "segmentation_inputs[2]"),
        ("input.demographic_column", "error", "leeftijd", "segmentation_inputs[3]")]
    assert "codebook" in fs[0]["message"] and "age" in fs[1]["message"]
    assert lint_personas(_personas4(), segmentation_inputs=["control", "orientation"]) == []
