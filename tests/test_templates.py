"""The aggression-protocol template (DOMAIN.md section 5) and the starter table for a discretion
point: inserted into every example journey, the protocol brings its escalation and aftercare with
it and adds no graph findings, its ids never clash, and its rules look at behaviour only."""
from __future__ import annotations

import json
from pathlib import Path

import pytest

from journeys.checks import check_journey
from journeys.model import load_journey
from journeys.rules import check_rules
from journeys.templates import insert_aggression_protocol, protocol_decision_id, starter_table

EXAMPLES = sorted((Path(__file__).resolve().parents[1] / "data" / "journeys").glob("*.json"))
GRAPH_CODES = {"no_escalation", "no_aftercare", "dead_end", "unreachable", "no_default", "bounce_loop"}


def _load(path: Path) -> dict:
    return json.loads(path.read_text(encoding="utf-8"))


def _codes(data: dict) -> set[tuple[str, str]]:
    return {(f["code"], f["node"]) for f in check_journey(load_journey(data))}


@pytest.mark.parametrize("path", EXAMPLES, ids=lambda p: p.stem)
def test_inserted_protocol_adds_no_graph_findings(path):
    data = _load(path)
    before = _codes(data)
    for node in data["nodes"]:
        after = insert_aggression_protocol(data, node["id"])
        new = {(c, n) for c, n in _codes(after) - before if c in GRAPH_CODES}
        assert not new, (node["id"], new)


def test_protocol_on_a_bare_journey_has_escalation_aftercare_and_no_dead_end():
    bare = {"name": "Counter", "lanes": ["customer", "frontline"],
            "nodes": [{"id": "arrive", "label": "Arrives", "kind": "start", "lane": "customer"},
                      {"id": "counter", "label": "Counter talk", "kind": "touchpoint", "lane": "frontline"}],
            "edges": [{"source": "arrive", "target": "counter"}]}
    # the counter talk is a dead end and meets the customer without escalation
    assert {"dead_end", "no_escalation"} <= {c for c, _ in _codes(bare)}
    out = insert_aggression_protocol(bare, "counter")
    codes = {c for c, _ in _codes(out)}
    assert not codes & {"no_escalation", "no_aftercare", "dead_end", "unreachable"}, codes
    assert "manager" in out["lanes"] and bare["lanes"] == ["customer", "frontline"]  # input not mutated
    kinds = {n["kind"] for n in out["nodes"]}
    assert {"escalation", "aftercare", "decision", "end"} <= kinds


def test_ids_are_unique_when_inserted_twice():
    data = _load(EXAMPLES[0])
    once = insert_aggression_protocol(data, data["nodes"][0]["id"])
    twice = insert_aggression_protocol(once, data["nodes"][1]["id"])
    ids = [n["id"] for n in twice["nodes"]]
    assert len(ids) == len(set(ids))
    assert len(twice["nodes"]) - len(data["nodes"]) == 2 * (len(once["nodes"]) - len(data["nodes"]))
    first, second = protocol_decision_id(data, once), protocol_decision_id(once, twice)
    assert first != second and {first, second} <= set(twice["rules"])


def test_protocol_rules_are_on_behaviour_only_and_clean():
    data = _load(EXAMPLES[0])
    out = insert_aggression_protocol(data, data["nodes"][0]["id"])
    decision = protocol_decision_id(data, out)
    table = load_journey(out).rules[decision]
    assert {i.basis for i in table.inputs} == {"behaviour"}
    assert check_rules(decision, table) == []  # complete, no overlap, every row explained
    outcomes = {r.then for r in table.rows}
    labels = {e["label"] for e in out["edges"] if e["source"] == decision}
    assert outcomes <= labels  # every outcome is a way onward from the decision


def test_bad_step_is_refused_in_one_line():
    data = _load(EXAMPLES[0])
    with pytest.raises(ValueError, match=r"^after_node_id: no node 'nope'$"):
        insert_aggression_protocol(data, "nope")


def test_starter_table_is_valid_and_uses_the_ways_onward():
    data = _load(next(p for p in EXAMPLES if p.stem == "home_buying"))
    data["rules"].pop("late_change")
    table = starter_table(data, "late_change")
    data["rules"]["late_change"] = table
    model = load_journey(data).rules["late_change"]
    labels = {e.get("label") for e in data["edges"] if e["source"] == "late_change"}
    assert {r.then for r in model.rows} <= labels
    assert model.rows[-1].when == {} and all(r.why for r in model.rows)
    assert {f["code"] for f in check_rules("late_change", model)} <= {"differentiation_test"}
