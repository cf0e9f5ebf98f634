"""Persona paths, emotion curves and moments of truth (journeys/paths.py) on hand-made graphs."""
from __future__ import annotations

from pathlib import Path

from journeys.model import load_journey
from journeys.paths import (emotion_curve, journey_personas, lowest_points, moments_of_truth,
                            persona_path, unavoidable_steps)

ROOT = Path(__file__).resolve().parents[1]


def _journey(edges, kinds=None, emotion=None, personas=("P", "Q")):
    ids = list(dict.fromkeys([s for s, _, _ in edges] + [t for _, t, _ in edges]))
    kinds = kinds or {}
    emotion = emotion or {}
    return load_journey({
        "name": "hand-made", "personas": list(personas),
        "nodes": [{"id": i, "label": i.upper(), "kind": kinds.get(i, "step"),
                   "emotion": emotion.get(i, {})} for i in ids],
        "edges": [{"source": s, "target": t, "personas": list(p)} for s, t, p in edges]})


# s -> a -> b -> c -> e ; b -> d -> e ; a -> x -> e only for P
DIAMOND = [("s", "a", ()), ("a", "b", ()), ("b", "c", ()), ("b", "d", ()), ("c", "e", ()),
           ("d", "e", ()), ("a", "x", ("P",)), ("x", "e", ("P",))]
KINDS = {"s": "start", "e": "end"}


def test_persona_path_keeps_edges_open_to_the_persona():
    j = _journey(DIAMOND, KINDS)
    q = persona_path(j, "Q")
    assert "x" not in q.nodes and ("a", "x") not in q.edges
    assert set(q.edges) == {("s", "a"), ("a", "b"), ("b", "c"), ("b", "d"), ("c", "e"), ("d", "e")}
    p = persona_path(j, "P")
    assert {("a", "x"), ("x", "e")} <= set(p.edges)
    assert p.ends == ["e"]


def test_route_prefers_the_personas_own_edge_then_the_default():
    j = _journey(DIAMOND, KINDS)
    assert persona_path(j, "P").route == ["s", "a", "x", "e"]
    assert persona_path(j, "Q").route == ["s", "a", "b", "c", "e"]


def test_start_of_another_persona_is_not_on_the_path():
    j = _journey([("s1", "m", ("P",)), ("s2", "m", ("Q",)), ("m", "e", ())],
                 {"s1": "start", "s2": "start", "e": "end"})
    assert persona_path(j, "P").starts == ["s1"]
    assert "s2" not in persona_path(j, "P").nodes


def test_unavoidable_steps_are_the_dominators_of_every_end():
    j = _journey(DIAMOND, KINDS)
    # Q cannot skip a or b (both branches after b meet again at e); P can skip b through x.
    assert unavoidable_steps(j, "Q") == ["a", "b"]
    assert unavoidable_steps(j, "P") == ["a"]
    assert unavoidable_steps(j, None) == ["a"]


def test_unavoidable_steps_with_two_ends_and_two_starts():
    j = _journey([("s1", "m", ()), ("s2", "m", ()), ("m", "k", ()), ("k", "e1", ()),
                  ("k", "n", ()), ("n", "e2", ())],
                 {"s1": "start", "s2": "start", "e1": "end", "e2": "end"})
    assert unavoidable_steps(j, None) == ["m", "k"]  # n only leads to e2


def test_emotion_curve_and_lowest_points_are_named():
    j = _journey(DIAMOND, KINDS, emotion={"s": {"Q": 1}, "a": {"Q": -1}, "b": {"Q": -2},
                                          "c": {"Q": -2}, "e": {"Q": 2}})
    curve = emotion_curve(j, "Q")
    assert [s["node"] for s in curve] == ["s", "a", "b", "c", "e"]
    assert [s["emotion"] for s in curve] == [1, -1, -2, -2, 2]
    assert [s["label"] for s in lowest_points(curve)] == ["B", "C"]
    moments = {m["node"]: m for m in moments_of_truth(j, "Q")}
    assert moments["b"]["lowest"] and moments["b"]["unavoidable"]
    assert moments["c"]["lowest"] and not moments["c"]["unavoidable"]
    assert moments["a"]["unavoidable"] and not moments["a"]["lowest"]


def test_home_buying_persona_paths_differ():
    j = load_journey(ROOT / "data" / "journeys" / "home_buying.json")
    assert journey_personas(j) == ["De Regisseur", "De Bouwpartner", "De Ontzorgde", "De Vertrouwer"]
    regisseur = persona_path(j, "De Regisseur")
    ontzorgde = persona_path(j, "De Ontzorgde")
    assert "late_change" in regisseur.nodes and "late_change" not in ontzorgde.nodes
    assert "standard_package" in ontzorgde.route
    low = lowest_points(emotion_curve(j, "De Regisseur"))
    assert [s["node"] for s in low] == ["late_change"]
