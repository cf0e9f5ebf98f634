"""Journey formats: GraphML, Mermaid and CSV round trips keep what each format can hold."""
from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from journeys.checks import check_journey
from journeys.formats import (from_csv, from_graphml, from_mermaid, to_csv, to_graphml,
                              to_mermaid)
from journeys.model import NODE_KINDS, Journey, load_journey

ROOT = Path(__file__).resolve().parents[1]
EXAMPLES = sorted((ROOT / "data" / "journeys").glob("*.json"))

# XML 1.0 cannot hold control characters and normalises \r: leave them out of the text.
TEXT = st.text(st.characters(blacklist_categories=("Cs", "Cc")), min_size=1, max_size=12)
IDS = st.text(st.characters(blacklist_categories=("Cs", "Cc", "Zs")), min_size=1, max_size=8)


@st.composite
def journeys(draw) -> Journey:
    ids = draw(st.lists(IDS, min_size=1, max_size=8, unique=True))
    stages = draw(st.lists(TEXT, max_size=3, unique=True))
    lanes = draw(st.lists(TEXT, max_size=3, unique=True))
    personas = draw(st.lists(TEXT.filter(lambda p: p.strip() == p), max_size=3, unique=True))
    nodes = []
    for node_id in ids:
        node = {"id": node_id, "label": draw(TEXT), "kind": draw(st.sampled_from(NODE_KINDS)),
                "discretion": draw(st.booleans())}
        if stages and draw(st.booleans()):
            node["stage"] = draw(st.sampled_from(stages))
        if lanes and draw(st.booleans()):
            node["lane"] = draw(st.sampled_from(lanes))
        for key in ("channel", "who_decides", "notes"):
            if draw(st.booleans()):
                node[key] = draw(TEXT)
        if personas:
            node["emotion"] = draw(st.dictionaries(st.sampled_from(personas),
                                                   st.integers(-2, 2).map(float)))
        if draw(st.booleans()):
            node["label_nl"] = draw(st.one_of(TEXT, st.integers(), st.booleans(),
                                              st.just("5"), st.just("true"), st.just(" pad ")))
        nodes.append(node)
    pairs = draw(st.lists(st.tuples(st.sampled_from(ids), st.sampled_from(ids)), max_size=12,
                          unique=True))
    edges = []
    for s, t in pairs:
        edge = {"source": s, "target": t, "default": draw(st.booleans())}
        if personas:
            edge["personas"] = draw(st.lists(st.sampled_from(personas), unique=True))
        if draw(st.booleans()):
            edge["label"] = draw(TEXT)
        if draw(st.booleans()):
            edge["condition"] = draw(TEXT)
        edges.append(edge)
    return Journey.model_validate({"name": draw(TEXT), "stages": stages, "lanes": lanes,
                                   "personas": personas, "nodes": nodes, "edges": edges})


FAST = settings(max_examples=50, deadline=None, suppress_health_check=[HealthCheck.too_slow])


@FAST
@given(journeys())
def test_graphml_round_trip_keeps_everything(j: Journey) -> None:
    assert from_graphml(to_graphml(j)).model_dump() == j.model_dump()


@FAST
@given(journeys())
def test_csv_round_trip_keeps_nodes_and_edges(j: Journey) -> None:
    back = from_csv(*to_csv(j))
    assert [n.model_dump() for n in back.nodes] == [n.model_dump() for n in j.nodes]
    assert [e.model_dump() for e in back.edges] == [e.model_dump() for e in j.edges]


@FAST
@given(journeys())
def test_mermaid_round_trip_keeps_what_a_flowchart_holds(j: Journey) -> None:
    back = from_mermaid(to_mermaid(j))
    assert back.name == j.name
    keep = {"id", "label", "kind", "stage", "lane", "discretion"}
    assert [n.model_dump(include=keep) for n in back.nodes] == \
        [n.model_dump(include=keep) for n in j.nodes]
    assert [(e.source, e.target, e.default, e.label) for e in back.edges] == \
        [(e.source, e.target, e.default, e.label) for e in j.edges]
    used = [s for s in j.stages]
    assert back.stages == used and back.lanes == j.lanes


@pytest.mark.parametrize("path", EXAMPLES, ids=[p.stem for p in EXAMPLES])
def test_examples_round_trip_through_graphml_with_the_same_findings(path: Path) -> None:
    j = load_journey(path)
    back = from_graphml(to_graphml(j))
    assert back == j
    assert check_journey(back) == check_journey(j)


def test_mermaid_output_is_a_flowchart_with_stages_and_diamonds() -> None:
    text = to_mermaid(load_journey(ROOT / "data" / "journeys" / "home_buying.json"))
    assert text.startswith('---\ntitle: "Buying a new-build home"\n---\nflowchart LR\n')
    assert 'subgraph stage_0 ["Orientation"]' in text
    assert 'late_change{"Change request after the deadline"}' in text
    assert "late_change ==>|\"decline_explain\"| declined_explained" in text
    assert 'snags_ok{"Snags fixed before handover?"}' in text


def test_mermaid_escapes_labels_and_unsafe_ids() -> None:
    j = Journey.model_validate({"name": "n", "nodes": [
        {"id": "end", "label": 'Say "no" #1 <b>\nnext', "kind": "start"},
        {"id": "two words", "label": "x|y;z", "kind": "end"}],
        "edges": [{"source": "end", "target": "two words", "label": "a|b"}]})
    text = to_mermaid(j)
    assert '"Say #34;no#34; #35;1 #60;b#62;<br>next"' in text
    assert "\n    end[" not in text and "two words" not in text
    assert from_mermaid(text).model_dump() == j.model_dump()


def test_hand_written_mermaid() -> None:
    text = """graph TD
    %% a comment
    A[Visits the show home] --> B{Interested?}
    B -->|yes| C(Talks to sales) --> D([Moves in])
    B -- not now --> E[Leaves]
    C & B ==> F{{Manager}}
    subgraph Later
      F --> G[[Debrief]]
    end
    G --> D;
    """
    j = from_mermaid(text)
    kinds = {n.id: n.kind for n in j.nodes}
    assert kinds == {"A": "start", "B": "decision", "C": "touchpoint", "D": "end",
                     "E": "end", "F": "escalation", "G": "aftercare"}
    assert j.node("A").label == "Visits the show home"
    assert [(e.source, e.target, e.label, e.default) for e in j.edges] == [
        ("A", "B", None, False), ("B", "C", "yes", False), ("C", "D", None, False),
        ("B", "E", "not now", False), ("C", "F", None, True), ("B", "F", None, True),
        ("F", "G", None, False), ("G", "D", None, False)]
    assert j.stages == ["Later"] and j.node("G").stage == "Later"
    assert j.name == "Journey"


@pytest.mark.parametrize("text, message", [
    ("A --> B", "Mermaid line 1: expected 'flowchart' or 'graph'"),
    ("flowchart LR\n  A --> ", "Mermaid line 2: expected a node id"),
    ("flowchart LR\n  end", "Mermaid line 2: 'end' without 'subgraph'"),
    ("---\ntitle: x\nflowchart LR", "front matter"),
])
def test_bad_mermaid_is_refused(text: str, message: str) -> None:
    with pytest.raises(ValueError, match=message):
        from_mermaid(text)


BOMB = """<?xml version="1.0"?>
<!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;">]>
<graphml xmlns="http://graphml.graphdrawing.org/xmlns"><graph edgedefault="directed">
<node id="&lol2;"/></graph></graphml>"""


def test_graphml_refuses_entity_declarations() -> None:
    with pytest.raises(ValueError, match="^GraphML: DOCTYPE/ENTITY declarations are not allowed$"):
        from_graphml(BOMB)
    with pytest.raises(ValueError, match="DOCTYPE"):
        from_graphml(BOMB.encode())


def test_foreign_graphml_gets_labels_and_kinds() -> None:
    text = """<?xml version="1.0" encoding="UTF-8"?>
<graphml xmlns="http://graphml.graphdrawing.org/xmlns">
<key id="d0" for="node" attr.name="label" attr.type="string"/>
<key id="d1" for="node" attr.name="weight" attr.type="double"/>
<graph edgedefault="directed">
<node id="a"><data key="d0">Arrives</data><data key="d1">1.5</data></node>
<node id="b"/><node id="c"/>
<edge source="a" target="b"/><edge source="b" target="c"/>
</graph></graphml>"""
    j = from_graphml(text)
    assert [(n.id, n.label, n.kind) for n in j.nodes] == [
        ("a", "Arrives", "start"), ("b", "b", "step"), ("c", "c", "end")]
    assert j.node("a").extras() == {"weight": 1.5}


@pytest.mark.parametrize("text, message", [
    ("<graphml", "GraphML: cannot read"),
    ('<graphml xmlns="http://graphml.graphdrawing.org/xmlns"><graph edgedefault="undirected">'
     '<node id="a"/></graph></graphml>', "undirected"),
    ('<graphml xmlns="http://graphml.graphdrawing.org/xmlns"><key id="k" for="node" '
     'attr.name="kind" attr.type="string"/><graph edgedefault="directed"><node id="a">'
     '<data key="k">decison</data></node></graph></graphml>',
     r"GraphML: nodes\[0\]\.kind: expected one of"),
])
def test_bad_graphml_is_refused(text: str, message: str) -> None:
    with pytest.raises(ValueError, match=message):
        from_graphml(text)


def test_csv_from_a_dutch_spreadsheet() -> None:
    nodes = "\ufeffid;label;kind;lane;discretion;emotion:De Regisseur\n" \
            "a;Bezoek;start;customer;nee;1,5\nb;Klaar;end;customer;;\n"
    edges = "source;target;default;personas\na;b;ja;De Regisseur\n"
    j = from_csv(nodes, edges, name="Demo")
    assert j.name == "Demo" and j.node("a").emotion == {"De Regisseur": 1.5}
    assert j.edges[0].default and j.edges[0].personas == ["De Regisseur"]
    assert j.personas == ["De Regisseur"] and j.lanes == ["customer"]


@pytest.mark.parametrize("nodes, edges, message", [
    ("id,label,kind\na,A,decison\n", "source,target\n",
     r"^nodes.csv row 2: kind: expected one of"),
    ("id,label,kind,discretion\na,A,start,maybe\n", "source,target\n",
     r"^nodes.csv row 2, column discretion: expected true or false, got 'maybe'$"),
    ("id,label,kind\na,A,start\n", "source,target\na,b\n", r"^CSV: edges\[0\]\.target: no node 'b'"),
    ("id,label\na,A\n", "source,target\n", r"^nodes.csv: missing column 'kind'$"),
])
def test_bad_csv_is_refused(nodes: str, edges: str, message: str) -> None:
    with pytest.raises(ValueError, match=message):
        from_csv(nodes, edges)
