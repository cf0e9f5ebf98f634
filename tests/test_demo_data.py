"""Tests of the seeded demo data generator (issue 3): the planted reference model of home buyers.

The statistics are computed here with small local formulas, checked first against reference
values, so the test does not lean on the segmentation package it is meant to feed.
"""
from __future__ import annotations

import json
import re

import numpy as np
import pandas as pd
import pyreadstat
import pytest
import yaml
from scipy.stats.contingency import association
from sklearn.cluster import KMeans
from sklearn.metrics import adjusted_rand_score

from data import demo as demo_module
from data.demo import DemoData, generate_demo, write_demo

CONTROL = [f"c{i}" for i in range(1, 7)]
ORIENTATION = [f"r{i}" for i in range(1, 7)]
ITEMS = CONTROL + ORIENTATION
REVERSED = ["c3", "c6", "r2"]


@pytest.fixture(scope="module")
def demo() -> DemoData:
    return generate_demo(1200, seed=7)


@pytest.fixture(scope="module")
def written(tmp_path_factory):
    out = tmp_path_factory.mktemp("demo")
    return out, write_demo(out, n=1200, seed=7)


def cronbach_alpha(items: pd.DataFrame) -> float:
    """Raw alpha, Cronbach (1951): k/(k-1) * (1 - sum of item variances / variance of the sum)."""
    items = items.dropna()
    k = items.shape[1]
    return k / (k - 1) * (1 - items.var(ddof=1).sum() / items.sum(axis=1).var(ddof=1))


def cramers_v(a: pd.Series, b: pd.Series | None = None, table: np.ndarray | None = None) -> float:
    """Cramér's V (Cramér 1946): sqrt(chi2 / (n * (min(rows, cols) - 1))), no continuity fix."""
    t = pd.crosstab(a, b).to_numpy(float) if table is None else np.asarray(table, float)
    n = t.sum()
    expected = t.sum(axis=1, keepdims=True) * t.sum(axis=0, keepdims=True) / n
    chi2 = ((t - expected) ** 2 / expected).sum()
    return float(np.sqrt(chi2 / (n * (min(t.shape) - 1))))


def scored(survey: pd.DataFrame) -> pd.DataFrame:
    """Likert items as floats, -9 as missing, reversed items scored min + max - x."""
    x = survey[ITEMS].astype("Float64").to_numpy(dtype=float, na_value=np.nan)
    x = pd.DataFrame(x, columns=ITEMS)
    x[x == -9] = np.nan
    for col in REVERSED:
        x[col] = 1 + 5 - x[col]
    return x


# --- the local formulas against reference values ------------------------------------------------

def test_local_alpha_matches_definitional_values():
    """Cronbach (1951): identical items give alpha 1, uncorrelated items give alpha 0."""
    assert cronbach_alpha(pd.DataFrame({"a": [1, 2, 3, 4], "b": [1, 2, 3, 4]})) == pytest.approx(1)
    assert cronbach_alpha(pd.DataFrame({"a": [1, 2, 1, 2], "b": [1, 1, 2, 2]})) == pytest.approx(0)


def test_local_cramers_v_matches_scipy_reference():
    """SciPy docs, scipy.stats.contingency.association example: the 4x2 table has V = 0.18618."""
    obs = np.array([[100, 150], [203, 322], [420, 700], [320, 210]])
    assert cramers_v(None, table=obs) == pytest.approx(0.18617813077483678, abs=1e-12)


# --- shape, determinism, shares -------------------------------------------------------------------

def test_survey_has_one_row_per_respondent_and_documented_columns(demo):
    s = demo.survey
    assert len(s) == 1200 and s["respondent"].is_unique
    assert s["respondent"].iloc[0] == "R0001"
    expected = {"respondent", *ITEMS, "change_requests", "site_visits", "upgrade_spend",
                "channel", "complaint", "stage", "age_band", "gender", "household", "postcode"}
    assert set(s.columns) == expected
    assert "profile" not in s.columns  # the truth is kept apart
    assert demo.truth.index.equals(s.index) and len(demo.profiles) == 4


def test_codebook_keeps_the_design_format(demo):
    cb = demo.codebook
    assert cb["id"] == "respondent" and cb["missing"] == [-9]
    assert cb["scales"]["control"]["items"] == CONTROL
    assert cb["scales"]["control"]["reverse"] == ["c3", "c6"]
    assert cb["scales"]["orientation"]["reverse"] == ["r2"]
    assert set(cb["categorical"]) == {"channel", "stage", "complaint"}
    assert set(cb["demographics"]) == {"age_band", "gender", "household", "postcode"}
    assert all(set(cb["items"][i]) == {"nl", "en"} for i in ITEMS)


def test_same_seed_same_data_other_seed_other_data(demo):
    again = generate_demo(1200, seed=7)
    pd.testing.assert_frame_equal(demo.survey, again.survey)
    pd.testing.assert_series_equal(demo.truth, again.truth)
    other = generate_demo(1200, seed=8)
    assert not demo.survey[ITEMS].equals(other.survey[ITEMS])


def test_shares_match_the_planted_shares(demo):
    shares = demo.truth.value_counts(normalize=True)
    for name, spec in demo.profiles.items():
        assert abs(shares[name] - spec["share"]) <= 0.03, name
    assert sorted(spec["share"] for spec in demo.profiles.values()) != [0.25] * 4


@pytest.mark.parametrize("n", [0, 5, 2.5, "many"])
def test_bad_n_is_a_value_error(n):
    with pytest.raises(ValueError, match="n"):
        generate_demo(n)


# --- item quality ---------------------------------------------------------------------------------

def test_likert_answers_are_integers_1_to_5_or_missing(demo):
    for col in ITEMS:
        values = demo.survey[col].dropna()
        assert set(values.unique()) <= {-9, 1, 2, 3, 4, 5}, col
        assert set(values.unique()) >= {1, 2, 3, 4, 5}, col


def test_missing_rates(demo):
    block = demo.survey[ITEMS]
    empty = block.isna().to_numpy().mean()
    coded = (block == -9).fillna(False).to_numpy().mean()
    assert 0.04 <= empty <= 0.06
    assert 0.002 <= coded <= 0.01


def test_both_scales_reliable(demo):
    x = scored(demo.survey)
    a_control, a_orientation = cronbach_alpha(x[CONTROL]), cronbach_alpha(x[ORIENTATION])
    print(f"alpha control={a_control:.3f} orientation={a_orientation:.3f}")
    assert a_control >= 0.75 and a_orientation >= 0.75
    assert a_control < 0.95 and a_orientation < 0.95  # realistic, not redundant items


def test_reversed_items_run_against_their_scale_before_reversing(demo):
    x = demo.survey[ITEMS].astype(float).replace(-9, np.nan)
    for col in REVERSED:
        scale = CONTROL if col.startswith("c") else ORIENTATION
        rest = x[[c for c in scale if c not in REVERSED]].mean(axis=1)
        assert x[col].corr(rest) < -0.3, col


def test_straight_liners_present(demo):
    x = demo.survey[ITEMS].astype(float).replace(-9, np.nan)
    answered = x.notna().sum(axis=1)
    flat = (x.nunique(axis=1) == 1) & (answered >= 10)
    assert 0.008 <= flat.mean() <= 0.025


# --- structure: overlap, behaviour, confound ------------------------------------------------------

def test_profiles_separable_but_overlapping(demo):
    x = scored(demo.survey)
    means = np.column_stack([x[CONTROL].mean(axis=1), x[ORIENTATION].mean(axis=1)])
    labels = KMeans(n_clusters=4, n_init=10, random_state=0).fit_predict(means)
    ari = adjusted_rand_score(demo.truth, labels)
    print(f"ARI k-means(4) on scale means vs truth = {ari:.3f}")
    assert 0.4 <= ari <= 0.95


def test_behaviour_follows_the_axes(demo):
    s, profiles = demo.survey, demo.profiles
    high = demo.truth.map(lambda p: profiles[p]["control"] == "high")
    rel = demo.truth.map(lambda p: profiles[p]["orientation"] == "relationship")
    assert s.loc[high, "change_requests"].mean() > 1.5 * s.loc[~high, "change_requests"].mean()
    personal = s["channel"].isin(["site", "phone"])
    assert personal[rel].mean() > personal[~rel].mean() + 0.3
    assert set(s["channel"]) == {"site", "phone", "email", "app", "showroom"}
    assert set(s["complaint"]) == {0, 1}
    assert set(s["stage"]) == {"orientation", "purchase", "build", "handover"}


def test_demographic_confound_is_mild(demo):
    s = demo.survey
    v_age = cramers_v(demo.truth, s["age_band"])
    v_gender = cramers_v(demo.truth, s["gender"])
    print(f"Cramer's V profile x age_band={v_age:.3f}, x gender={v_gender:.3f}")
    assert 0.1 <= v_age <= 0.3
    assert v_gender < 0.1
    assert s["postcode"].str.fullmatch(r"[1-9]\d{3}").all()


# --- quotes ---------------------------------------------------------------------------------------

# Words the demographic-lean guard and the judgement lint look for (DOMAIN.md 1 and 3), nl + en.
_OLD_BOXES = re.compile(
    r"\b(man|men|vrouw\w*|wom[ae]n|male|female|jong\w*|young\w*|oud|oude\w*|old|older|elderly|"
    r"senior\w*|junior|leeftijd|age|pensioen\w*|retired|kind\w*|kids?|children|gezin\w*|famil\w*|"
    r"getrouwd|married|single|wife|husband|echtgeno\w*|religi\w*|geloof|church|kerk|moskee|"
    r"afkomst|origin|allochto\w*|buitenland\w*|foreign\w*|dutch|budget|goedkoop|cheap|"
    r"probleem\w*|problem|kneus|zeur\w*|lastig\w*|difficult)\b", re.IGNORECASE)


def test_quotes_cover_every_profile_in_both_languages(demo):
    for name in demo.profiles:
        for lang in ("nl", "en"):
            found = [q for q in demo.quotes if q["profile"] == name and q["lang"] == lang]
            assert len(found) >= 6, (name, lang)
            assert {q["source"] for q in found} == {"customer", "staff"}
    assert len({q["id"] for q in demo.quotes}) == len(demo.quotes)
    assert all(set(q) == {"id", "profile", "lang", "text", "source"} for q in demo.quotes)


def test_quotes_are_short_and_never_about_old_boxes(demo):
    for q in demo.quotes:
        assert len(q["text"]) <= 160 and q["text"].count(".") <= 2, q["id"]
        assert not _OLD_BOXES.search(q["text"]), (q["id"], _OLD_BOXES.search(q["text"]))


# --- files ----------------------------------------------------------------------------------------

def test_write_demo_writes_every_file(written, demo):
    out, paths = written
    names = {p.name for p in paths}
    assert {"survey.csv", "codebook.yaml", "quotes.json", "truth.csv", "survey.xlsx",
            "survey.sav"} <= names
    assert all(p.is_file() for p in paths) and (out / "journeys").is_dir()

    csv = pd.read_csv(out / "survey.csv", dtype={"postcode": str})
    assert len(csv) == 1200 and list(csv.columns) == list(demo.survey.columns)
    assert csv[ITEMS].isna().any().any() and (csv[ITEMS] == -9).any().any()
    assert (csv[ITEMS].dropna() % 1 == 0).all().all()  # whole numbers, "." decimals never needed
    assert ",," in (out / "survey.csv").read_text(encoding="utf-8")  # missing = empty cell
    assert yaml.safe_load((out / "codebook.yaml").read_text(encoding="utf-8")) == demo.codebook
    assert json.loads((out / "quotes.json").read_text(encoding="utf-8")) == demo.quotes
    truth = pd.read_csv(out / "truth.csv")
    assert list(truth.columns) == ["respondent", "profile"]
    assert (truth["profile"] == demo.truth).all()
    xlsx = pd.read_excel(out / "survey.xlsx")
    assert len(xlsx) == 1200 and xlsx["c1"].sum() == csv["c1"].sum()


def test_sav_carries_dutch_value_labels_and_the_same_data(written, demo):
    out, _ = written
    frame, meta = pyreadstat.read_sav(str(out / "survey.sav"), user_missing=True)
    labels = meta.variable_value_labels["c1"]
    assert {k: labels[k] for k in (1, 2, 3, 4, 5)} == {
        1: "Helemaal oneens", 2: "Oneens", 3: "Neutraal", 4: "Eens", 5: "Helemaal eens"}
    channel = frame["channel"].map(meta.variable_value_labels["channel"])
    assert (channel == demo.survey["channel"]).all()
    assert (frame["c1"].fillna(0) == demo.survey["c1"].fillna(0).astype(float)).all()
    assert meta.missing_ranges["c1"] == [{"lo": -9.0, "hi": -9.0}]


def test_text_outputs_are_byte_identical_for_a_seed(written, tmp_path):
    out, _ = written
    write_demo(tmp_path, n=1200, seed=7)
    for name in ("survey.csv", "codebook.yaml", "quotes.json", "truth.csv"):
        assert (out / name).read_bytes() == (tmp_path / name).read_bytes(), name


def test_example_journeys_are_copied_when_present(tmp_path, monkeypatch):
    source = tmp_path / "journeys_src"
    monkeypatch.setattr(demo_module, "JOURNEYS_DIR", source)  # absent folder: nothing to copy
    paths = write_demo(tmp_path / "a", n=100, seed=1)
    assert list((tmp_path / "a" / "journeys").iterdir()) == [] and len(paths) == 6

    source.mkdir()
    (source / "buying.json").write_text('{"name": "Buying"}', encoding="utf-8")
    (source / "notes.txt").write_text("not a journey", encoding="utf-8")
    paths = write_demo(tmp_path / "b", n=100, seed=1)
    copied = [p.name for p in (tmp_path / "b" / "journeys").iterdir()]
    assert copied == ["buying.json"] and tmp_path / "b" / "journeys" / "buying.json" in paths


def test_out_dir_that_is_a_file_is_a_value_error(tmp_path):
    blocker = tmp_path / "file"
    blocker.write_text("x", encoding="utf-8")
    with pytest.raises(ValueError, match="writable directory"):
        write_demo(blocker, n=100)
