"""Swimlane map and emotion figure (journeys/charts.py): one trace for all edges, nodes inside
their stage x lane cell, persona path lit up, findings ringed, collapsed stages."""
from __future__ import annotations

import random
from pathlib import Path

import pytest

from journeys.charts import (DISCRETION_COLOUR, KIND_STYLE, emotion_figure, swimlane_figure,
                             swimlane_layout)
from journeys.checks import check_journey
from journeys.model import load_journey
from journeys.paths import persona_path

ROOT = Path(__file__).resolve().parents[1]


@pytest.fixture(scope="module")
def home():
    return load_journey(ROOT / "data" / "journeys" / "home_buying.json")


def big_journey(n: int = 300, seed: int = 3):
    """A random layered journey: 6 stages x 5 lanes, a chain plus random forward edges."""
    rng = random.Random(seed)
    stages = [f"S{i}" for i in range(6)]
    lanes = ["customer", "frontline", "backoffice", "manager", "partner"]
    nodes = [{"id": f"n{i}", "label": f"Step {i}", "kind": "start" if i == 0 else
              ("end" if i == n - 1 else rng.choice(["step", "touchpoint", "decision"])),
              "stage": stages[min(5, i * 6 // n)], "lane": rng.choice(lanes)} for i in range(n)]
    edges = {(f"n{i}", f"n{i + 1}") for i in range(n - 1)}
    while len(edges) < int(n * 1.4):
        a = rng.randrange(n - 1)
        b = rng.randrange(a + 1, min(n, a + 12))
        edges.add((f"n{a}", f"n{b}"))
    return load_journey({"name": "big", "stages": stages, "lanes": lanes, "nodes": nodes,
                         "edges": [{"source": a, "target": b} for a, b in sorted(edges)]})


def _trace(fig, name):
    found = [t for t in fig.data if t.name == name]
    assert len(found) == 1, f"expected one {name!r} trace, got {len(found)}"
    return found[0]


def test_all_edges_are_one_trace(home):
    fig = swimlane_figure(home)
    edges = _trace(fig, "edges")
    assert sum(v is None for v in edges.x) == len(home.edges) == 36
    # no other trace draws lines
    assert [t.name for t in fig.data if t.mode and "lines" in t.mode] == ["edges"]
    # one arrowhead per edge, on the segment's last point, turned along it
    assert edges.marker.symbol == "arrow" and edges.marker.angleref == "previous"
    assert sum(1 for s in edges.marker.size if s) == len(home.edges)


def test_trace_count_does_not_grow_with_the_graph(home):
    big = big_journey()
    small_fig, big_fig = swimlane_figure(home), swimlane_figure(big)
    assert len(big_fig.data) == len(swimlane_figure(big, findings=[]).data) <= len(small_fig.data) + 1
    edges = _trace(big_fig, "edges")
    assert sum(v is None for v in edges.x) == len(big.edges)
    assert len(big_fig.data) <= 4


def test_nodes_sit_inside_their_stage_and_lane_cell(home):
    layout = swimlane_layout(home)
    seen = set()
    for n in home.nodes:
        x, y = layout.pos[n.id]
        x0, x1 = layout.columns[n.stage or "—"]
        y0, y1 = layout.rows[n.lane or "—"]
        assert x0 < x < x1 and y0 < y < y1, n.id
        assert (round(x, 6), round(y, 6)) not in seen  # spread when several share a cell
        seen.add((round(x, 6), round(y, 6)))
    assert list(layout.columns) == home.stages + ["—"]  # debrief and case_closed have no stage
    assert list(layout.rows) == home.lanes


def test_nodes_inside_cells_at_300_nodes():
    big = big_journey()
    layout = swimlane_layout(big)
    for n in big.nodes:
        x, y = layout.pos[n.id]
        assert layout.columns[n.stage][0] < x < layout.columns[n.stage][1]
        assert layout.rows[n.lane][0] < y < layout.rows[n.lane][1]


def test_symbols_discretion_and_hover(home):
    nodes = _trace(swimlane_figure(home), "nodes")
    ids = list(nodes.customdata)
    k = ids.index("late_change")
    assert nodes.marker.symbol[k] == "diamond"
    assert nodes.marker.color[k] == DISCRETION_COLOUR  # discretion decision stands out
    assert "who decides" in nodes.text[k]
    assert "rules of play: first" in nodes.hovertext[k]
    assert nodes.marker.symbol[ids.index("snags_ok")] == "diamond"
    assert nodes.marker.color[ids.index("snags_ok")] == KIND_STYLE["decision"][1]
    assert nodes.marker.symbol[ids.index("escalate_change")] == KIND_STYLE["escalation"][0]
    assert nodes.marker.symbol[ids.index("debrief")] == KIND_STYLE["aftercare"][0]


def test_persona_path_lights_up_and_the_rest_fades(home):
    fig = swimlane_figure(home, persona="De Ontzorgde")
    path = persona_path(home, "De Ontzorgde")
    lit = _trace(fig, "persona path")
    assert sum(v is None for v in lit.x) == len(path.edges)
    assert sum(v is None for v in _trace(fig, "edges").x) == len(home.edges)
    nodes = _trace(fig, "nodes")
    opacity = dict(zip(nodes.customdata, nodes.marker.opacity))
    assert opacity["standard_package"] == 1.0 and opacity["late_change"] < 0.5


def test_findings_and_highlight_ring_their_node(home):
    data = home.model_dump(mode="json")
    data["edges"] = [e for e in data["edges"] if e["source"] != "debrief"]
    broken = load_journey(data)
    findings = [f for f in check_journey(broken) if f["code"] == "dead_end"]
    fig = swimlane_figure(broken, findings=findings, highlight="debrief")
    layout = swimlane_layout(broken)
    ring = _trace(fig, "findings")
    assert (ring.x[0], ring.y[0]) == layout.pos["debrief"]
    hl = _trace(fig, "highlight")
    assert (hl.x[0], hl.y[0]) == layout.pos["debrief"]


def test_collapsed_stage_folds_each_cell_into_one_box(home):
    fig = swimlane_figure(home, collapsed_stages=["Build"])
    nodes = _trace(fig, "nodes")
    build = [n for n in home.nodes if n.stage == "Build"]
    lanes = {n.lane for n in build}
    assert len(nodes.x) == len(home.nodes) - len(build) + len(lanes)
    assert any(str(c).startswith("@Build|") for c in nodes.customdata)
    assert sum(v is None for v in _trace(fig, "edges").x) < len(home.edges)


def test_edge_counts_draw_frequency_classes(home):
    counts = {(e.source, e.target): 10 * (i + 1) for i, e in enumerate(home.edges[:30])}
    fig = swimlane_figure(home, edge_counts=counts)
    names = {t.name for t in fig.data}
    assert {"never", "rare", "regular", "frequent", "counts"} <= names
    assert sum(v is None for v in _trace(fig, "never").x) == 6


def test_emotion_figure_follows_the_route_and_names_the_lowest(home):
    fig = emotion_figure(home, "De Regisseur")
    route = persona_path(home, "De Regisseur").route
    line = fig.data[0]
    assert list(line.x) == list(range(1, len(route) + 1))
    by_id = {n.id: n for n in home.nodes}
    assert list(line.y) == [by_id[r].emotion.get("De Regisseur") for r in route]
    assert [a.text for a in fig.layout.annotations] == ["Change request after<br>the deadline"]
    assert "Wijzigingsverzoek" in emotion_figure(home, "De Regisseur", lang="nl").layout.annotations[0].text


@pytest.mark.skipif(not __import__("os").path.exists("/usr/bin/chromium"), reason="needs Debian's chromium")
def test_the_map_exports_as_svg():
    """The Journeys page's "Map as SVG" download: the swimlane figure rendered by kaleido."""
    import json
    from pathlib import Path

    from journeys.charts import swimlane_figure
    from journeys.model import load_journey
    from studio.export.images import keep_alive_svg

    journey = load_journey(json.loads((Path(__file__).resolve().parents[1] / "data" / "journeys"
                                       / "home_buying.json").read_text(encoding="utf-8")))
    svg = keep_alive_svg(swimlane_figure(journey), 1200, 800)
    text = svg.decode("utf-8") if isinstance(svg, bytes) else svg
    assert text.lstrip().startswith("<svg") and "Visits" in text and "Handover" in text
