"""Agreement statistics of the noise audit (workshop/agreement.py) against published worked examples."""
from __future__ import annotations

import json

import numpy as np
import pandas as pd
import pytest

from workshop.agreement import (
    LEVELS,
    agreement_report,
    coincidence_matrix,
    count_matrix,
    fleiss_kappa,
    fleiss_kappa_ci,
    krippendorff_alpha,
    noise_index,
    percent_agreement,
)

NAN = np.nan

# Wikipedia, "Fleiss' kappa", section "Worked example": 10 subjects, 14 raters, 5 categories.
WIKI_FLEISS = np.array([
    [0, 0, 0, 0, 14], [0, 2, 6, 4, 2], [0, 0, 3, 5, 6], [0, 3, 9, 2, 0], [2, 2, 8, 1, 1],
    [7, 7, 0, 0, 0], [3, 2, 6, 3, 0], [2, 5, 3, 2, 2], [6, 5, 2, 1, 0], [0, 2, 2, 3, 7],
])

# Krippendorff (2011), "Computing Krippendorff's Alpha-Reliability", Annenberg School for
# Communication Departmental Papers 43, section C: 4 observers x 12 units with missing data.
# Matrix as in the `krippendorff` package's tests (pln-fing-udelar/fast-krippendorff,
# tests/test_krippendorff.py, test_ordinal_metric) and its README doctest.
KRIPP_2011 = {
    "A": [1, 2, 3, 3, 2, 1, 4, 1, 2, NAN, NAN, NAN],
    "B": [1, 2, 3, 3, 2, 2, 4, 1, 2, 5, NAN, 3],
    "C": [NAN, 3, 3, 3, 2, 3, 4, 2, 2, 5, 1, NAN],
    "D": [1, 2, 3, 3, 2, 4, 4, 1, 2, 5, 1, NAN],
}

# Wikipedia, "Krippendorff's alpha", section "A computational example": 3 coders x 15 units.
WIKI_KRIPP = {
    "A": [NAN, NAN, NAN, NAN, NAN, 3, 4, 1, 2, 1, 1, 3, 3, NAN, 3],
    "B": [1, NAN, 2, 1, 3, 3, 4, 3, NAN, NAN, NAN, NAN, NAN, NAN, NAN],
    "C": [NAN, NAN, 2, 1, 3, 4, 4, NAN, 2, 1, 1, 3, 3, NAN, 4],
}


def long_votes(matrix: dict[str, list[float]]) -> pd.DataFrame:
    """Raters x units reliability matrix -> long votes; a NaN is a missing row."""
    rows = [(f"u{j + 1}", rater, value)
            for rater, values in matrix.items() for j, value in enumerate(values) if value == value]
    return pd.DataFrame(rows, columns=["case", "rater", "value"])


def votes_from_counts(counts: np.ndarray, labels: list[str] | None = None) -> pd.DataFrame:
    """Cases x categories counts -> long votes with one rater id per vote within a case."""
    rows = []
    for i, row in enumerate(counts):
        r = 0
        for j, k in enumerate(row):
            for _ in range(int(k)):
                rows.append((f"s{i + 1}", f"r{r}", labels[j] if labels else j + 1))
                r += 1
    return pd.DataFrame(rows, columns=["case", "rater", "value"])


def simulated(n_cases: int, n_raters: int, seed: int) -> pd.DataFrame:
    """Raters pick the case's 'right' answer with probability 0.6, else any of 4 answers."""
    rng = np.random.default_rng(seed)
    truth = rng.integers(0, 4, n_cases)
    rows = []
    for c in range(n_cases):
        for r in range(n_raters):
            answer = truth[c] if rng.random() < 0.6 else rng.integers(0, 4)
            rows.append((f"c{c}", f"r{r}", "abcd"[answer]))
    return pd.DataFrame(rows, columns=["case", "rater", "value"])


# --------------------------------------------------------------------------------------------
# Fleiss' kappa
# --------------------------------------------------------------------------------------------

def test_fleiss_kappa_wikipedia_worked_example():
    """Wikipedia "Fleiss' kappa", worked example (10 subjects, 14 raters, 5 categories):
    P-bar = 0.378, P-bar_e = 0.213, kappa = 0.210."""
    assert fleiss_kappa(WIKI_FLEISS) == pytest.approx(0.210, abs=5e-4)
    votes = votes_from_counts(WIKI_FLEISS)
    # With equal raters per case percent agreement is Fleiss' P-bar.
    assert percent_agreement(votes) == pytest.approx(0.378, abs=5e-4)
    assert count_matrix(votes).to_numpy().tolist() == WIKI_FLEISS.tolist()
    assert fleiss_kappa_ci(votes, n_boot=200)["value"] == pytest.approx(0.210, abs=5e-4)


@pytest.mark.parametrize("seed", [0, 1, 2, 3])
def test_fleiss_kappa_equals_statsmodels_on_random_tables(seed):
    """statsmodels.stats.inter_rater.fleiss_kappa (Fleiss 1971, equal raters per subject) is the
    reference implementation for complete data."""
    from statsmodels.stats.inter_rater import aggregate_raters
    from statsmodels.stats.inter_rater import fleiss_kappa as sm_fleiss

    rng = np.random.default_rng(seed)
    n_cases, n_raters, k = rng.integers(5, 40), rng.integers(2, 30), rng.integers(2, 7)
    ratings = rng.integers(0, k, size=(n_cases, n_raters))
    ratings[:, 0] = rng.integers(0, k, size=n_cases)      # not all one category
    table, _ = aggregate_raters(ratings)
    assert fleiss_kappa(table) == pytest.approx(sm_fleiss(table, method="fleiss"), abs=1e-12)


def test_fleiss_kappa_unequal_raters_uses_gwet_generalisation():
    """Unequal votes per case: Gwet (2014), Handbook of Inter-Rater Reliability 4th ed., as in
    irrCAC::fleiss.kappa.raw. Hand computation for cases [2,0], [1,1], [2,1]:
    P_i = 1, 0, 1/3 -> p_a = 4/9; pi = mean(n_ij/n_i) = (13/18, 5/18) -> p_e = 97/162;
    kappa = (4/9 - 97/162) / (1 - 97/162) = -5/13. A case without votes changes nothing."""
    counts = np.array([[2, 0], [1, 1], [2, 1]])
    assert fleiss_kappa(counts) == pytest.approx(-5 / 13, abs=1e-12)
    assert fleiss_kappa(np.vstack([counts, [0, 0]])) == pytest.approx(-5 / 13, abs=1e-12)


def test_fleiss_kappa_undefined_and_bad_input():
    """All raters give one answer: chance agreement is 1, kappa is 0/0 (NaN), not 1 or 0."""
    assert np.isnan(fleiss_kappa(np.array([[3, 0], [4, 0]])))
    assert np.isnan(fleiss_kappa(np.array([[1, 0], [0, 1]])))   # no case with two votes
    with pytest.raises(ValueError, match="counts"):
        fleiss_kappa(np.array([1, 2, 3]))
    with pytest.raises(ValueError, match="counts"):
        fleiss_kappa(np.array([[1, -1], [2, 0]]))


# --------------------------------------------------------------------------------------------
# Bootstrap interval
# --------------------------------------------------------------------------------------------

def test_bootstrap_ci_contains_estimate_and_is_deterministic():
    """Percentile bootstrap over cases: the interval brackets the estimate, and a fixed
    random_state gives the same interval (a facilitator reloading the page sees the same numbers)."""
    votes = simulated(30, 12, seed=5)
    ci = fleiss_kappa_ci(votes, n_boot=500, random_state=7)
    assert ci["ci_low"] < ci["value"] < ci["ci_high"]
    assert ci["value"] == pytest.approx(fleiss_kappa(count_matrix(votes).to_numpy()))
    assert fleiss_kappa_ci(votes, n_boot=500, random_state=7) == ci
    assert fleiss_kappa_ci(votes, n_boot=500, random_state=8) != ci


def test_bootstrap_ci_narrows_with_more_cases():
    """More cases judged -> a tighter interval for the same rating process."""
    few = fleiss_kappa_ci(simulated(10, 10, seed=1), n_boot=400)
    many = fleiss_kappa_ci(simulated(160, 10, seed=1), n_boot=400)
    assert (many["ci_high"] - many["ci_low"]) < 0.5 * (few["ci_high"] - few["ci_low"])


def test_bootstrap_ci_needs_two_cases_and_checks_arguments():
    one_case = pd.DataFrame({"case": ["c1"] * 3, "rater": ["a", "b", "c"], "value": ["x", "x", "y"]})
    assert fleiss_kappa_ci(one_case) == {"value": pytest.approx(-0.5), "ci_low": None, "ci_high": None}
    with pytest.raises(ValueError, match="n_boot"):
        fleiss_kappa_ci(one_case, n_boot=0)
    with pytest.raises(ValueError, match="level"):
        fleiss_kappa_ci(one_case, level=95)


# --------------------------------------------------------------------------------------------
# Krippendorff's alpha
# --------------------------------------------------------------------------------------------

@pytest.mark.parametrize("level,expected", [
    ("nominal", 0.743), ("ordinal", 0.815), ("interval", 0.849), ("ratio", 0.797)])
def test_krippendorff_alpha_2011_worked_example(level, expected):
    """Krippendorff (2011), "Computing Krippendorff's Alpha-Reliability", section C (4 observers,
    12 units, missing data): nominal alpha = 0.743, interval alpha = 0.849. Ordinal 0.815 and
    ratio 0.797 on the same data are asserted in the `krippendorff` package's tests
    (pln-fing-udelar/fast-krippendorff, tests/test_krippendorff.py: test_ordinal_metric,
    test_ratio_metric)."""
    assert round(krippendorff_alpha(long_votes(KRIPP_2011), level), 3) == expected


def test_coincidence_matrix_margins_2011_example():
    """Krippendorff (2011), section C: the coincidence matrix of the example has margins
    n_1..n_5 = 9, 13, 10, 5, 3 and n = 40 pairable values (unit 12 has a single value)."""
    o = coincidence_matrix(long_votes(KRIPP_2011))
    assert o.sum(axis=1).round(9).tolist() == [9, 13, 10, 5, 3]
    assert o.to_numpy().sum() == pytest.approx(40)
    assert np.allclose(o.to_numpy(), o.to_numpy().T)


def test_krippendorff_alpha_wikipedia_example():
    """Wikipedia "Krippendorff's alpha", "A computational example" (3 coders, 15 units):
    nominal alpha = 0.691; interval alpha = 0.810845 per the `krippendorff` package's
    test_interval_metric on the same data."""
    votes = long_votes(WIKI_KRIPP)
    assert krippendorff_alpha(votes, "nominal") == pytest.approx(0.691358, abs=1e-6)
    assert krippendorff_alpha(votes, "interval") == pytest.approx(0.810845, abs=1e-6)


def test_krippendorff_alpha_labels_and_levels():
    """Label answers give the same nominal alpha as their numeric codes (Krippendorff 2011
    example, 0.743); ordinal/interval/ratio on labels, or ratio on negative numbers, are refused."""
    votes = long_votes(KRIPP_2011)
    labels = votes.assign(value=votes["value"].map({1: "evict", 2: "mediate", 3: "warn", 4: "wait", 5: "help"}))
    assert round(krippendorff_alpha(labels, "nominal"), 3) == 0.743
    with pytest.raises(ValueError, match="numeric answers"):
        krippendorff_alpha(labels, "ordinal")
    with pytest.raises(ValueError, match="level"):
        krippendorff_alpha(votes, "cardinal")
    with pytest.raises(ValueError, match="ratio"):
        krippendorff_alpha(votes.assign(value=votes["value"] - 3), "ratio")
    # Interval alpha depends on differences only: shifting every answer changes nothing.
    assert krippendorff_alpha(votes.assign(value=votes["value"] - 3), "interval") == pytest.approx(0.849, abs=5e-4)


def test_krippendorff_alpha_ignores_unpairable_votes_and_handles_degenerate_data():
    """A case with a single vote (everyone else skipped it) carries no agreement information;
    all raters giving one answer leaves alpha undefined (NaN), as in Krippendorff (2011)."""
    votes = long_votes(KRIPP_2011)
    extra = pd.concat([votes, pd.DataFrame([{"case": "late", "rater": "A", "value": 5}])])
    for level in LEVELS:
        assert krippendorff_alpha(extra, level) == pytest.approx(krippendorff_alpha(votes, level))
    same = pd.DataFrame({"case": ["c1", "c1", "c2", "c2"], "rater": list("abab"), "value": [2, 2, 2, 2]})
    assert np.isnan(krippendorff_alpha(same, "interval"))


# --------------------------------------------------------------------------------------------
# Percent agreement and noise index
# --------------------------------------------------------------------------------------------

def test_percent_agreement_hand_computed():
    """Case 1: evict, evict, mediate -> 1 of 3 pairs agree; case 2: two evicts -> 1 of 1;
    case 3 has one vote and no pair. Mean over cases with a pair = (1/3 + 1) / 2 = 2/3."""
    votes = pd.DataFrame({
        "case": ["c1", "c1", "c1", "c2", "c2", "c3"],
        "rater": ["ann", "bob", "cem", "ann", "bob", "ann"],
        "value": ["evict", "evict", "mediate", "evict", "evict", "mediate"],
    })
    assert percent_agreement(votes) == pytest.approx(2 / 3)


def test_noise_index_hbr_example():
    """Kahneman, Rosenfield, Gandhi & Kirby, "Noise", HBR October 2016: quotes of $9,500 and
    $16,700 differ by 7,200 / 13,100 = 55% of their average."""
    votes = pd.DataFrame({"case": ["q1", "q1"], "rater": ["u1", "u2"], "value": [9500, 16700]})
    assert noise_index(votes) == pytest.approx(7200 / 13100)
    assert round(noise_index(votes), 2) == 0.55


def test_noise_index_averages_pairs_then_cases():
    """Case A: 100, 100, 200 -> pairs 0, 2/3, 2/3 -> 4/9; case B: 50, 50 -> 0; mean 2/9.
    Labels have no relative difference: None."""
    votes = pd.DataFrame({
        "case": ["A", "A", "A", "B", "B"], "rater": ["a", "b", "c", "a", "b"],
        "value": [100, 100, 200, 50, 50]})
    assert noise_index(votes) == pytest.approx(2 / 9)
    labels = votes.assign(value=["x", "y", "x", "x", "x"])
    assert noise_index(labels) is None


# --------------------------------------------------------------------------------------------
# The report
# --------------------------------------------------------------------------------------------

REPORT_KEYS = {"fleiss_kappa", "krippendorff_alpha", "percent_agreement", "noise_index", "n_votes",
               "n_cases", "n_raters", "level", "cases", "bases"}


def test_report_numeric_shape_and_json():
    """DESIGN.md section 5 `agreement`: the JSON shape the CLI and the results endpoint return,
    on Krippendorff's (2011) example (alpha values as published)."""
    report = agreement_report(long_votes(KRIPP_2011), n_boot=200)
    json.dumps(report, allow_nan=False)
    assert set(report) == REPORT_KEYS
    assert set(report["fleiss_kappa"]) == {"value", "ci_low", "ci_high"}
    alphas = report["krippendorff_alpha"]
    assert {k: round(v, 3) for k, v in alphas.items()} == {
        "nominal": 0.743, "ordinal": 0.815, "interval": 0.849, "ratio": 0.797}
    assert report["level"] == "interval"
    assert (report["n_votes"], report["n_cases"], report["n_raters"]) == (41, 12, 4)
    assert report["bases"] == {}
    first = report["cases"][0]
    # Unit 6 (1, 2, 3, 4: everyone differs) is the most disputed case; unit 12 (one vote) is last.
    assert first["case"] == "u6" and first["n"] == 4 and first["share_mode"] == 0.25
    assert (first["min"], first["max"], first["mean"]) == (1, 4, 2.5)
    assert {"mode", "entropy", "sd", "noise_index"} <= set(first)
    assert report["cases"][-1]["case"] == "u12" and report["cases"][-1]["noise_index"] is None
    noise = [c["noise_index"] for c in report["cases"][:-1]]
    assert noise == sorted(noise, reverse=True)
    assert "-0.0" not in json.dumps(report)


def test_report_labels_bases_and_level():
    """Label answers: only nominal statistics; `bases` is the share of each stated basis
    (e.g. the social organisation in DOMAIN.md, where policy decided for over 80% of staff)."""
    votes = pd.DataFrame({
        "case": ["c1"] * 5 + ["c2"] * 5,
        "rater": list("abcde") * 2,
        "value": ["evict", "evict", "mediate", "evict", "mediate", "wait", "wait", "wait", "wait", "wait"],
        "basis": ["policy", "policy", "own_fairness", "policy", None, "policy", "policy", "policy", "policy", "need"],
    })
    report = agreement_report(votes, n_boot=100)
    json.dumps(report, allow_nan=False)
    assert report["level"] == "nominal"
    assert report["noise_index"] is None
    assert {k: v for k, v in report["krippendorff_alpha"].items() if k != "nominal"} == {
        "ordinal": None, "interval": None, "ratio": None}
    assert report["bases"] == {"policy": pytest.approx(7 / 9), "need": pytest.approx(1 / 9),
                               "own_fairness": pytest.approx(1 / 9)}
    assert [c["case"] for c in report["cases"]] == ["c1", "c2"]
    assert report["cases"][0]["mode"] == "evict" and report["cases"][0]["share_mode"] == pytest.approx(0.6)
    with pytest.raises(ValueError, match="numeric answers"):
        agreement_report(votes, "interval")
    assert agreement_report(long_votes(KRIPP_2011), "ordinal", n_boot=10)["level"] == "ordinal"


def test_report_before_and_at_full_agreement():
    """A session that has no votes yet, or where everyone agrees, still gives a report (the live
    results screen polls from the first second): kappa/alpha undefined -> None, never NaN."""
    empty = pd.DataFrame(columns=["case", "rater", "value"])
    report = agreement_report(empty)
    json.dumps(report, allow_nan=False)
    assert report["n_votes"] == 0 and report["cases"] == [] and report["fleiss_kappa"]["value"] is None
    same = pd.DataFrame({"case": ["c1", "c1", "c2", "c2"], "rater": list("abab"), "value": [3, 3, 3, 3]})
    report = agreement_report(same)
    json.dumps(report, allow_nan=False)
    assert report["percent_agreement"] == 1.0 and report["noise_index"] == 0.0
    assert report["fleiss_kappa"] == {"value": None, "ci_low": None, "ci_high": None}
    assert report["krippendorff_alpha"]["interval"] is None


def test_report_ratio_none_for_negative_answers():
    """A scale with negative answers has no true zero: ratio alpha is None, interval still given."""
    votes = long_votes(KRIPP_2011)
    report = agreement_report(votes.assign(value=votes["value"] - 3), n_boot=10)
    assert report["krippendorff_alpha"]["ratio"] is None
    assert round(report["krippendorff_alpha"]["interval"], 3) == 0.849


def test_report_rejects_duplicate_votes():
    """Two votes by one rater on one case would count a person twice: refused with the rows."""
    votes = pd.DataFrame({"case": ["c1", "c1", "c1"], "rater": ["ann", "bob", "ann"], "value": [1, 2, 3]})
    with pytest.raises(ValueError, match=r"row 3 repeats case 'c1' for rater 'ann' \(first in row 1\)"):
        agreement_report(votes)
