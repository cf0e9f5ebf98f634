"""Rules of play: evaluation, explanations, gaps, overlaps, grounds and the differentiation test."""
from __future__ import annotations

import itertools

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from journeys import rules
from journeys.grounds import classify_input_name, split_words
from journeys.model import DecisionTable
from journeys.rules import (check_rules, evaluate, find_gaps, find_overlaps, gap_report,
                            nearest_differing_case)

OK = {"in_favour": True, "relevant": True, "opt_out": True, "open_to_all": True}


def table(rows, inputs, policy="unique", **kw) -> DecisionTable:
    return DecisionTable(hit_policy=policy, inputs=inputs, rows=rows, **kw)


LATE_CHANGE = table(policy="first", inputs=[
    {"name": "cost_impact", "basis": "need", "values": ["none", "small", "large"]},
    {"name": "aggressive", "basis": "behaviour", "values": [True, False]}], rows=[
    {"when": {"aggressive": True}, "then": "escalate", "why": "Staff safety first"},
    {"when": {"cost_impact": ["none", "small"]}, "then": "accept", "why": "Open to every buyer",
     "test": OK}])

COST = table(inputs=[{"name": "cost", "basis": "context", "ranges": [[0, None]]}], rows=[
    {"when": {"cost": "<5000"}, "then": "accept", "why": "small", "test": OK},
    {"when": {"cost": "[5000, 20000)"}, "then": "offer_alternative", "why": "medium", "test": OK},
    {"when": {"cost": ">=20000"}, "then": "escalate", "why": "large", "test": OK}])


# ------------------------------------------------------------------------------ evaluate

def test_first_policy_earlier_row_wins_and_explains_in_two_languages() -> None:
    res = evaluate(LATE_CHANGE, {"cost_impact": "small", "aggressive": True})
    assert res["matched"] == [0, 1] and res["outcome"] == "escalate" and res["row"] == 0
    assert res["why"] == "Staff safety first"
    assert res["explanation"]["en"].startswith("Rule 1 applies because aggressive is true")
    assert "Staff safety first" in res["explanation"]["en"]
    assert res["explanation"]["nl"].startswith("Regel 1 is van toepassing")
    res = evaluate(LATE_CHANGE, {"cost_impact": "small", "aggressive": False})
    assert (res["outcome"], res["row"]) == ("accept", 1)
    assert "cost_impact is one of none, small" in res["explanation"]["en"]


def test_no_rule_covers_a_case() -> None:
    res = evaluate(LATE_CHANGE, {"cost_impact": "large", "aggressive": False})
    assert res["matched"] == [] and res["outcome"] is None and res["status"] == "no_match"
    assert "No rule covers this case" in res["explanation"]["en"]
    assert "Geen regel" in res["explanation"]["nl"]


def test_unique_conflict_and_priority_and_any_and_collect() -> None:
    rows = [{"when": {"x": ["a", "b"]}, "then": "p", "why": "1"},
            {"when": {"x": ["b", "c"]}, "then": "q", "why": "2"}]
    inputs = [{"name": "x", "basis": "behaviour", "values": ["a", "b", "c"]}]
    assert evaluate(table(rows, inputs), {"x": "b"})["status"] == "conflict"
    prio = evaluate(table(rows, inputs, "priority", priorities=["q", "p"]), {"x": "b"})
    assert (prio["outcome"], prio["row"], prio["matched"]) == ("q", 1, [0, 1])
    assert evaluate(table(rows, inputs, "any"), {"x": "b"})["status"] == "conflict"
    same = [dict(rows[0]), dict(rows[1], then="p")]
    assert evaluate(table(same, inputs, "any"), {"x": "b"})["outcome"] == "p"
    coll = evaluate(table(rows, inputs, "collect"), {"x": "b"})
    assert coll["outcome"] == ["p", "q"] and coll["why"] == ["1", "2"] and coll["row"] is None
    assert evaluate(table(rows[:1], inputs, "collect"), {"x": "c"})["outcome"] == []


def test_numeric_comparisons_and_intervals() -> None:
    assert evaluate(COST, {"cost": 4999.99})["outcome"] == "accept"
    assert evaluate(COST, {"cost": 5000})["outcome"] == "offer_alternative"
    assert evaluate(COST, {"cost": 19999})["outcome"] == "offer_alternative"
    assert evaluate(COST, {"cost": 20000})["outcome"] == "escalate"
    assert evaluate(COST, {"cost": "7500"})["outcome"] == "offer_alternative"  # typed as text
    assert "cost is in [5000, 20000)" in evaluate(COST, {"cost": 6000})["explanation"]["en"]


def test_true_is_not_one() -> None:
    t = table([{"when": {"flag": True}, "then": "a", "why": "w"},
               {"when": {"flag": 1}, "then": "b", "why": "w"}],
              [{"name": "flag", "basis": "behaviour", "values": [True, 1]}])
    assert evaluate(t, {"flag": 1})["outcome"] == "b"
    assert evaluate(t, {"flag": True})["outcome"] == "a"


@pytest.mark.parametrize("case, message", [
    ({"nope": 1}, r"^case\.nope: no input 'nope'"),
    ({"cost_impact": "huge"}, r"^case\.cost_impact: 'huge' is not one of none, small, large"),
])
def test_bad_case_is_refused(case, message) -> None:
    with pytest.raises(ValueError, match=message):
        evaluate(LATE_CHANGE, case)
    with pytest.raises(ValueError, match=r"^case\.cost: -5 is outside the ranges of cost"):
        evaluate(COST, {"cost": -5})


@pytest.mark.parametrize("when, message", [
    ({"cost_impact": "huge"}, "rows[0].when.cost_impact: 'huge' is not one of none, small, large"),
    ({"costimpact": "none"}, "rows[0].when.costimpact: no input 'costimpact'"),
    ({"cost_impact": "<5"}, "rows[0].when.cost_impact: compares numbers"),
    ({"cost_impact": []}, "rows[0].when.cost_impact: empty list matches nothing"),
    ({"cost_impact": "<=five"}, "rows[0].when.cost_impact: cannot read comparison"),
])
def test_bad_table_is_refused(when, message) -> None:
    with pytest.raises(ValueError, match=message.replace("[", r"\[").replace("]", r"\]")):
        table([{"when": when, "then": "x"}], LATE_CHANGE.model_dump()["inputs"])


def test_priority_needs_every_outcome_listed() -> None:
    rows = [{"when": {}, "then": "a"}]
    with pytest.raises(ValueError, match="priorities"):
        table(rows, [], "priority")
    with pytest.raises(ValueError, match=r"rows\[0\]\.then: outcome 'a' is not in priorities"):
        table(rows, [], "priority", priorities=["b"])


# ------------------------------------------------------------------------------ nearest

def test_nearest_differing_case_numeric_takes_the_boundary() -> None:
    near = nearest_differing_case(COST, {"cost": 4000})
    assert (near["input"], near["from"], near["to"], near["outcome"]) == \
        ("cost", 4000, 5000, "offer_alternative")
    near = nearest_differing_case(COST, {"cost": 30000})
    assert (near["to"], near["outcome"]) == (19999, "offer_alternative")


def test_nearest_differing_case_categorical_and_none() -> None:
    near = nearest_differing_case(LATE_CHANGE, {"cost_impact": "none", "aggressive": False})
    assert (near["input"], near["to"], near["outcome"]) == ("aggressive", True, "escalate")
    everyone = table([{"when": {}, "then": "help", "why": "w"}],
                     [{"name": "x", "basis": "need", "values": ["a", "b"]}])
    assert nearest_differing_case(everyone, {"x": "a"}) is None


# ------------------------------------------------------------------------------ gaps, overlaps

def test_known_gaps_are_found_and_really_uncovered() -> None:
    rep = gap_report(LATE_CHANGE)
    assert rep["method"] == "enumerated" and rep["count"] == 1 and rep["total"] == 6
    assert rep["cases"] == [{"cost_impact": "large", "aggressive": False}]
    for case in find_gaps(COST):
        pytest.fail(f"COST is complete, got gap {case}")
    t = table([{"when": {"n": "<5"}, "then": "a"}, {"when": {"n": ">5"}, "then": "b"}],
              [{"name": "n", "basis": "context"}])
    assert find_gaps(t) == [{"n": 5}]
    assert evaluate(t, {"n": 5})["status"] == "no_match"


def test_gap_message_says_which_inputs_do_not_matter() -> None:
    t = table([{"when": {"a": "x"}, "then": "p", "why": "w"}],
              [{"name": "a", "basis": "behaviour", "values": ["x", "y"]},
               {"name": "b", "basis": "behaviour", "values": [1, 2, 3]}])
    (gap,) = [f for f in check_rules("n", t, "Node") if f["code"] == "rule_gap"]
    assert "give no answer when a = y (2 more combinations" in gap["message"]


def test_known_overlaps() -> None:
    rows = [{"when": {"a": ["x", "y"]}, "then": "p"}, {"when": {"a": "y", "b": ">2"}, "then": "q"},
            {"when": {"a": "z"}, "then": "p"}, {"when": {"b": "<=2"}, "then": "p"}]
    inputs = [{"name": "a", "basis": "behaviour", "values": ["x", "y", "z"]},
              {"name": "b", "basis": "behaviour"}]
    pairs = [(i, j) for i, j, _ in find_overlaps(table(rows, inputs))]
    assert pairs == [(0, 1), (0, 3), (2, 3)]
    (i, j, case) = find_overlaps(table(rows, inputs))[0]
    assert evaluate(table(rows, inputs, "collect"), case)["matched"][:2] == [0, 1]
    assert [(i, j) for i, j, _ in find_overlaps(table(rows, inputs, "any"))] == [(0, 1)]
    assert find_overlaps(table(rows, inputs, "first")) == []


def test_table_without_inputs() -> None:
    one = table([{"when": {}, "then": "help", "why": "w"}], [])
    assert gap_report(one)["count"] == 0 and find_overlaps(one) == []
    assert evaluate(one, {})["outcome"] == "help"
    assert gap_report(table([], []))["count"] == 1


def test_large_table_is_checked_exactly_by_cube_subtraction() -> None:
    values = [f"v{i}" for i in range(40)]
    inputs = [{"name": f"i{k}", "basis": "behaviour", "values": values} for k in range(4)]
    rows = [{"when": {"i0": values[:20]}, "then": "a", "why": "w"},
            {"when": {"i0": values[20:], "i1": values[:39]}, "then": "b", "why": "w"},
            {"when": {"i0": values[20:], "i1": "v39", "i2": values[1:]}, "then": "c", "why": "w"}]
    rep = gap_report(table(rows, inputs))
    assert rep["total"] == 40 ** 4 > rules.ENUMERATE_LIMIT and rep["method"] == "cubes"
    assert rep["count"] == 20 * 1 * 1 * 40
    (case,) = rep["cases"][:1]
    assert (case["i1"], case["i2"]) == ("v39", "v0")
    assert evaluate(table(rows, inputs), case)["status"] == "no_match"
    assert "whatever" not in rep["descriptions"][0] and "i3" not in rep["descriptions"][0]


def test_too_large_falls_back_to_a_flagged_sample(monkeypatch) -> None:
    monkeypatch.setattr(rules, "ENUMERATE_LIMIT", 1)
    monkeypatch.setattr(rules, "CUBE_BUDGET", -1)
    assert gap_report(LATE_CHANGE)["method"] == "sampled"
    codes = {f["code"]: f for f in check_rules("n", LATE_CHANGE)}
    assert "random sample" in codes["rule_gap"]["message"]
    complete = table([{"when": {}, "then": "a", "why": "w"}, {"when": {"x": 1}, "then": "b",
                                                            "why": "w"}],
                     [{"name": "x", "basis": "behaviour", "values": [1, 2]}], "first")
    (f,) = check_rules("n", complete)
    assert (f["code"], f["severity"]) == ("rule_check_sampled", "info")


# ------------------------------------------------------------------------------ findings

def test_check_rules_findings() -> None:
    t = table([{"when": {"klant_leeftijd": ">=65"}, "then": "discount", "test": OK},
               {"when": {"postcode": "1234"}, "then": "refuse", "why": "area",
                "test": dict(OK, in_favour=False)},
               {"when": {"cost": "<5"}, "then": "accept", "why": "cheap"}],
              [{"name": "klant_leeftijd", "basis": "relationship"},
               {"name": "postcode", "basis": "context"}, {"name": "cost", "basis": "need"}],
              "first")
    found = [(f["code"], f["severity"], f["field"]) for f in check_rules("n", t, "Node")]
    assert found == [
        ("rule_gap", "error", "rules.n.rows"),
        ("protected_basis", "error", "rules.n.inputs[0]"),
        ("proxy_basis", "warning", "rules.n.inputs[1]"),
        ("unexplained_rule", "warning", "rules.n.rows[0].why"),
        ("differentiation_test", "warning", "rules.n.rows[1].test"),
        ("differentiation_test", "info", "rules.n.rows[2].test")]
    msgs = [f["message"] for f in check_rules("n", t, "Node")]
    assert "is about age" in msgs[1] and '"Node" (n)' in msgs[1]
    assert "not in favour of the group" in msgs[4]


@pytest.mark.parametrize("name, expected", [
    ("customer_age", ("protected", "age")), ("klantLeeftijd", ("protected", "age")),
    ("AGE", ("protected", "age")), ("age-group", ("protected", "age")),
    ("damage", (None, None)), ("usage", (None, None)), ("stage", (None, None)),
    ("package", (None, None)), ("management", (None, None)), ("percentage", (None, None)),
    ("gender", ("protected", "gender")), ("Geslacht", ("protected", "gender")),
    ("skin colour", ("protected", "ethnicity")), ("huidskleur", ("protected", "ethnicity")),
    ("afkomst", ("protected", "ethnicity")), ("countryOfBirth", ("protected", "ethnicity")),
    ("religie", ("protected", "religion")), ("levensovertuiging", ("protected", "religion")),
    ("sexual_orientation", ("protected", "sexual orientation")),
    ("seksuele geaardheid", ("protected", "sexual orientation")),
    ("nationaliteit", ("protected", "nationality")), ("handicap", ("protected", "disability")),
    ("burgerlijke-staat", ("protected", "civil status")),
    ("maritalStatus", ("protected", "civil status")),
    ("political_opinion", ("protected", "political opinion")),
    ("zwangerschap", ("protected", "pregnancy")),
    ("postcode", ("proxy", "postcode")), ("ZIPCode", ("proxy", "postcode")),
    ("zip_code", ("proxy", "postcode")), ("wijk", ("proxy", "neighbourhood")),
    ("neighborhood", ("proxy", "neighbourhood")), ("first_name", ("proxy", "name")),
    ("achternaam", ("proxy", "name")), ("moedertaal", ("proxy", "language")),
    ("language", ("proxy", "language")), ("firstLanguage", ("proxy", "language")),
    ("dual_nationality", ("proxy", "dual nationality")),
    ("dubbele nationaliteit", ("proxy", "dual nationality")),
    ("nationality_postcode", ("protected", "nationality")),
    ("product_name", (None, None)), ("origin_channel", (None, None)),
    ("cost_impact", (None, None)), ("aggressive", (None, None)),
])
def test_classify_input_name(name: str, expected) -> None:
    assert classify_input_name(name) == expected


def test_split_words() -> None:
    assert split_words("klantLeeftijd") == ["klant", "leeftijd"]
    assert split_words("ZIPCode_area-2") == ["zip", "code", "area", "2"]
    assert split_words("Skin Colour") == ["skin", "colour"]


# ------------------------------------------------------------------------------ properties

CATS = ["a", "b", "c"]
GRID = [x / 2 for x in range(-4, 25)]   # concrete numbers -2 .. 12 in steps of 0.5


@st.composite
def conditions(draw, numeric: bool):
    if numeric:
        kind = draw(st.sampled_from(["any", "cmp", "ivl", "eq"]))
        x = draw(st.integers(0, 10))
        if kind == "cmp":
            return f"{draw(st.sampled_from(['<', '<=', '>', '>=', '!=']))}{x}"
        if kind == "ivl":
            y = draw(st.integers(x, 10))
            return f"{draw(st.sampled_from('[('))}{x},{y}{draw(st.sampled_from('])'))}"
        return x if kind == "eq" else "-"
    pick = draw(st.lists(st.sampled_from(CATS), min_size=0, max_size=3, unique=True))
    return "-" if not pick else (pick[0] if len(pick) == 1 else pick)


@st.composite
def random_tables(draw):
    n_rows = draw(st.integers(0, 6))
    rows = [{"when": {"c": draw(conditions(False)), "n": draw(conditions(True))},
             "then": draw(st.sampled_from("pqr")), "why": "w"} for _ in range(n_rows)]
    return table(rows, [{"name": "c", "basis": "behaviour", "values": CATS},
                        {"name": "n", "basis": "behaviour"}])


@settings(max_examples=50, deadline=None)
@given(random_tables())
def test_checker_agrees_with_brute_force_on_concrete_cases(t: DecisionTable) -> None:
    """Gaps and overlaps found on cells match row counts on a fine grid of real cases."""
    matches = {(c, x): evaluate(t, {"c": c, "n": x})["matched"]
               for c, x in itertools.product(CATS, GRID)}
    rep = gap_report(t, limit=1000)
    grid_gaps = [k for k, m in matches.items() if not m]
    if grid_gaps:  # the checker misses no gap
        assert rep["count"] > 0
    for case in rep["cases"]:  # every reported gap case is really uncovered
        assert evaluate(t, case)["matched"] == []
    overl = {(i, j) for i, j, _ in find_overlaps(t, limit=1000)}
    grid_overl = {(m[a], m[b]) for m in matches.values() for a in range(len(m))
                  for b in range(a + 1, len(m))}
    assert grid_overl <= overl
    for i, j, case in find_overlaps(t, limit=1000):
        assert {i, j} <= set(evaluate(t, case)["matched"])
    if rep["count"] == 0 and not overl:  # complete and exclusive: exactly one row everywhere
        assert all(len(m) == 1 for m in matches.values())


@st.composite
def partitions(draw):
    cuts = sorted(draw(st.sets(st.integers(0, 10), min_size=0, max_size=4)))
    closed_left = draw(st.booleans())
    edges = [None, *cuts, None]
    rows = []
    for c in CATS:
        for lo, hi in zip(edges, edges[1:]):
            left = "(" if lo is None or not closed_left else "["
            right = ")" if hi is None or closed_left else "]"
            cond = f"{left}{'-inf' if lo is None else lo},{'inf' if hi is None else hi}{right}"
            rows.append({"when": {"c": c, "n": cond}, "then": draw(st.sampled_from("pq")),
                         "why": "w"})
    return table(rows, [{"name": "c", "basis": "behaviour", "values": CATS},
                        {"name": "n", "basis": "behaviour"}])


@settings(max_examples=50, deadline=None)
@given(partitions())
def test_complete_exclusive_table_assigns_exactly_one_row(t: DecisionTable) -> None:
    """A table the checker calls complete and non-overlapping (unique) gives every case one row."""
    assert gap_report(t)["count"] == 0 and find_overlaps(t) == []
    for c, x in itertools.product(CATS, GRID):
        assert len(evaluate(t, {"c": c, "n": x})["matched"]) == 1


@settings(max_examples=50, deadline=None)
@given(random_tables())
def test_cube_subtraction_agrees_with_enumeration(t: DecisionTable) -> None:
    compiled = rules.compile_table(t)
    masks = compiled.masks()
    sizes = [len(d) for d in compiled.domains]
    counts = rules._coverage_counts(masks, sizes)
    cubes = rules._uncovered_cubes(masks, sizes)
    assert cubes is not None
    uncovered = np.zeros(sizes, dtype=bool)
    for cube in cubes:
        block = np.ix_(*[np.flatnonzero(m) for m in cube])
        assert not uncovered[block].any()       # disjoint
        uncovered[block] = True
    assert np.array_equal(uncovered, counts == 0)
