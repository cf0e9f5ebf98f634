"""Journey checks against a corpus of small journeys, each listing exactly the findings it must raise.

Every file in tests/data/journeys/ has a top-level "expect": [{"code", "node"}, ...] (optionally
"justified" and "severity"); the expectations were written by hand from the table of journey
check codes in DESIGN.md section 5, not by running the checker.
"""
from __future__ import annotations

import json
from collections import Counter
from pathlib import Path

import networkx as nx
import pytest

from journeys.checks import check_journey, failing
from journeys.model import NODE_KINDS, load_journey, to_networkx

ROOT = Path(__file__).resolve().parents[1]
CORPUS = sorted((ROOT / "tests" / "data" / "journeys").glob("*.json"))
EXAMPLES = sorted((ROOT / "data" / "journeys").glob("*.json"))
CODES = {"unreachable", "dead_end", "no_default", "bounce_loop", "no_escalation", "no_aftercare",
         "discretion_without_rules", "rule_gap", "rule_overlap", "protected_basis", "proxy_basis",
         "unexplained_rule"}
FIELDS = {"code", "family", "severity", "node", "field", "span", "message", "suggestion",
          "justified", "justification"}


@pytest.mark.parametrize("path", CORPUS, ids=[p.stem for p in CORPUS])
def test_corpus_raises_exactly_the_expected_findings(path: Path) -> None:
    expect = json.loads(path.read_text(encoding="utf-8"))["expect"]
    findings = check_journey(load_journey(path))
    got = Counter((f["code"], f["node"]) for f in findings)
    want = Counter((e["code"], e["node"]) for e in expect)
    assert got == want, [f["message"] for f in findings]
    for e in expect:
        match = [f for f in findings if (f["code"], f["node"]) == (e["code"], e["node"])]
        if "justified" in e:
            assert all(f["justified"] is e["justified"] for f in match)
        if "severity" in e:
            assert all(f["severity"] == e["severity"] for f in match)


def test_corpus_covers_every_code_with_true_and_false_cases() -> None:
    raised = Counter()
    clean = 0
    for path in CORPUS:
        expect = json.loads(path.read_text(encoding="utf-8"))["expect"]
        raised.update(e["code"] for e in expect)
        clean += not expect
    assert len(CORPUS) >= 40
    assert CODES <= set(raised), CODES - set(raised)
    assert clean >= 15


@pytest.mark.parametrize("path", EXAMPLES, ids=[p.stem for p in EXAMPLES])
def test_examples_have_no_unjustified_findings(path: Path) -> None:
    findings = check_journey(load_journey(path))
    assert [f["message"] for f in findings if not f["justified"]] == []


def test_four_examples_are_shipped() -> None:
    assert {p.stem for p in EXAMPLES} >= {"home_buying", "collector_tenant",
                                         "water_disconnection", "aggression_protocol"}


def test_home_buying_gives_personas_different_paths_and_emotions() -> None:
    j = load_journey(ROOT / "data" / "journeys" / "home_buying.json")
    assert j.personas == ["De Regisseur", "De Bouwpartner", "De Ontzorgde", "De Vertrouwer"]
    g = to_networkx(j)
    for persona in j.personas:  # each persona has a path from a start to the home
        sub = nx.DiGraph([(u, v) for u, v, d in g.edges(data=True)
                          if not d["personas"] or persona in d["personas"]])
        starts = [n for n in sub if g.nodes[n]["kind"] == "start"]
        assert any(nx.has_path(sub, s, "settled_in") for s in starts), persona
    assert len({tuple(sorted(n.emotion.items())) for n in j.nodes if n.emotion}) > 5
    assert all(-2 <= v <= 2 for n in j.nodes for v in n.emotion.values())
    assert j.node("late_change").discretion and "late_change" in j.rules


def test_finding_shape_and_justification() -> None:
    findings = check_journey(load_journey(ROOT / "data" / "journeys" / "home_buying.json"))
    assert findings and all(set(f) == FIELDS for f in findings)
    f = findings[0]
    assert (f["code"], f["node"], f["family"], f["severity"]) == \
        ("protected_basis", "late_change", "rules", "error")
    assert f["justified"] and "step-free access" in f["justification"]
    assert failing(findings, "warning") == []


def test_message_names_node_by_label_and_id() -> None:
    path = ROOT / "tests" / "data" / "journeys" / "dead_end_step.json"
    (f,) = check_journey(load_journey(path))
    assert '"Stuck" (stuck)' in f["message"] and f["suggestion"]
    assert failing([f], "error") == [f] and failing([f], "warning") == [f]


def test_rule_gap_message_names_an_uncovered_case() -> None:
    path = ROOT / "tests" / "data" / "journeys" / "rule_gap_unique.json"
    (f,) = check_journey(load_journey(path))
    assert "behaviour = threatening" in f["message"]


def test_bounce_loop_message_shows_the_loop() -> None:
    path = ROOT / "tests" / "data" / "journeys" / "bounce_two.json"
    msgs = {f["node"]: f["message"] for f in check_journey(load_journey(path))}
    assert "a -> b -> a" in msgs["a"] and "b -> a -> b" in msgs["b"]


@pytest.mark.parametrize("mutate, message", [
    (lambda d: d["nodes"][1].update(kind="decison"),
     "j.json: nodes[1].kind: expected one of " + ", ".join(NODE_KINDS) + ", got 'decison'"),
    (lambda d: d["edges"][2].update(target="escalte"), "j.json: edges[2].target: no node 'escalte'"),
    (lambda d: d["nodes"][2].update(id="start"), "j.json: nodes[2].id: duplicate node id 'start'"),
    (lambda d: d["edges"][0].update(defualt=True), "j.json: edges[0].defualt: unknown field"),
    (lambda d: d["nodes"][0].pop("label"), "j.json: nodes[0].label: missing"),
    (lambda d: d["nodes"][0].update(lane="kitchen"), "j.json: nodes[0].lane: no lane 'kitchen'"),
    (lambda d: d["justified"].append({"code": "dead_end", "node": "nope", "reason": "x"}),
     "j.json: justified[0].node: no node 'nope'"),
])
def test_bad_journey_is_refused_in_one_line(mutate, message: str) -> None:
    data = json.loads((ROOT / "tests" / "data" / "journeys" / "clean_minimal.json").read_text())
    data.setdefault("justified", [])
    mutate(data)
    with pytest.raises(ValueError) as err:
        load_journey(json.dumps(data), filename="j.json")
    assert str(err.value).startswith(message) and "\n" not in str(err.value)


def test_bad_rules_are_refused_with_their_path(tmp_path: Path) -> None:
    data = json.loads((ROOT / "tests" / "data" / "journeys" / "rule_gap_unique.json").read_text())
    data["rules"]["dec"]["rows"][1]["when"]["behaviour"] = "rud"
    path = tmp_path / "journey.json"
    path.write_text(json.dumps(data))
    with pytest.raises(ValueError, match=r"^.*journey.json: rules\.dec\.rows\[1\]\.when\.behaviour: "
                                         r"'rud' is not one of calm, rude, threatening$"):
        load_journey(path)


@pytest.mark.parametrize("text, message", [
    ("[1, 2]", "expected a JSON object"), ('{"name": 1,', "line 1, column 12: invalid JSON"),
    ('{"name": "x", "nodes": [{"id": "a", "label": "A", "kind": "start", "emotion": {"p": NaN}}]}',
     "NaN is not allowed"),
])
def test_bad_json_is_refused(text: str, message: str) -> None:
    with pytest.raises(ValueError, match=message):
        load_journey(text)


def test_missing_file_names_the_file() -> None:
    with pytest.raises(ValueError, match=r"^nope\.json: cannot read file"):
        load_journey("nope.json")


def test_to_networkx_keeps_fields_and_extras() -> None:
    j = load_journey(ROOT / "data" / "journeys" / "home_buying.json")
    g = to_networkx(j)
    assert g.number_of_nodes() == len(j.nodes) and g.number_of_edges() == len(j.edges)
    assert g.nodes["visit_show_home"]["label_nl"] == "Bezoekt de modelwoning"
    assert g.nodes["late_change"]["discretion"] is True
    assert g.edges["late_change", "declined_explained"]["default"] is True
    assert g.graph["stages"] == j.stages


def test_bounce_loops_match_networkx_on_random_graphs() -> None:
    """The candidate pre-filter loses no short cycle: compare with nx.simple_cycles on the
    whole graph."""
    import random
    rng = random.Random(3)
    for _ in range(30):
        n = rng.randint(2, 25)
        pairs = {(rng.randrange(n), rng.randrange(n)) for _ in range(rng.randint(1, 3 * n))}
        j = load_journey({"name": "r", "nodes": [{"id": f"n{i}", "label": f"N{i}", "kind":
                                                  "start" if i == 0 else "step"}
                                                 for i in range(n)],
                          "edges": [{"source": f"n{a}", "target": f"n{b}"} for a, b in pairs]})
        want = {v for c in nx.simple_cycles(to_networkx(j), length_bound=3) if len(c) > 1
                for v in c}
        got = {f["node"] for f in check_journey(j) if f["code"] == "bounce_loop"}
        assert got == want
