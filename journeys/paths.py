"""A persona's way through a journey: its path, its emotion curve and its moments of truth.

Why: a journey map is the organisation's process; what a customer lives through depends on who
they are (DOMAIN.md section 2: "the experience, seen through different personas, differs
greatly"). An edge with ``personas`` is taken only by those personas; an edge without is open to
everyone. A persona's *path* is what it can reach from its starts along the edges open to it.

Moments of truth are where the journey is won or lost for that persona: the lowest points of its
emotion curve, and the steps it cannot avoid - the nodes that dominate every end it can reach
(``networkx.immediate_dominators`` from the start), because whatever happens there happens to
every customer of that persona.
"""
from __future__ import annotations

from collections import deque
from dataclasses import dataclass, field
from typing import Any

import networkx as nx

from journeys.model import Journey

_ROOT = ("__journey_root__",)  # a virtual start joining several start nodes (never a node id)


def journey_personas(journey: Journey) -> list[str]:
    """The personas a journey knows: its ``personas`` list, else those named on edges or in
    emotions (in order of first appearance)."""
    if journey.personas:
        return list(journey.personas)
    names = [p for e in journey.edges for p in e.personas]
    names += [p for n in journey.nodes for p in n.emotion]
    return list(dict.fromkeys(names))


def open_to(edge_personas: list[str], persona: str | None) -> bool:
    """An edge without personas is open to everyone; with personas, only to those."""
    return persona is None or not edge_personas or persona in edge_personas


@dataclass
class PersonaPath:
    """The part of a journey one persona can walk (all of it for ``persona=None``).

    ``nodes`` and ``edges`` are in journey order; ``route`` is one walk from a start to an end
    (persona-specific edges first, then defaults, then the first edge), used for the emotion
    curve because a curve needs one order of steps even where the path branches."""

    persona: str | None
    nodes: list[str] = field(default_factory=list)
    edges: list[tuple[str, str]] = field(default_factory=list)
    route: list[str] = field(default_factory=list)
    starts: list[str] = field(default_factory=list)
    ends: list[str] = field(default_factory=list)


def _open_edges(journey: Journey, persona: str | None) -> list[tuple[str, str, bool, bool]]:
    """(source, target, specific, default) for the edges open to the persona."""
    return [(e.source, e.target, bool(e.personas) and persona in e.personas, e.default)
            for e in journey.edges if open_to(e.personas, persona)]


def persona_path(journey: Journey, persona: str | None = None) -> PersonaPath:
    """What the persona can reach from its starts along the edges open to it.

    A start counts for the persona when an edge open to it leaves that start (or the start has no
    edges at all); a persona no edge names still gets the shared path."""
    open_edges = _open_edges(journey, persona)
    succ: dict[str, list[tuple[str, bool, bool]]] = {n.id: [] for n in journey.nodes}
    for s, t, specific, default in open_edges:
        succ[s].append((t, specific, default))
    all_out = {n.id: 0 for n in journey.nodes}
    for e in journey.edges:
        all_out[e.source] += 1
    starts = [n.id for n in journey.nodes if n.kind == "start"
              and (succ[n.id] or all_out[n.id] == 0)]
    seen = set(starts)
    queue = deque(starts)
    while queue:
        for t, _, _ in succ[queue.popleft()]:
            if t not in seen:
                seen.add(t)
                queue.append(t)
    nodes = [n.id for n in journey.nodes if n.id in seen]
    edges = [(s, t) for s, t, _, _ in open_edges if s in seen]
    kind = {n.id: n.kind for n in journey.nodes}
    ends = [n for n in nodes if kind[n] == "end" or not succ[n]]
    return PersonaPath(persona, nodes, edges, _route(starts, succ), starts, ends)


def _route(starts: list[str], succ: dict[str, list[tuple[str, bool, bool]]]) -> list[str]:
    if not starts:
        return []
    # Prefer a start with an edge made for this persona (its own entry into the journey).
    start = next((s for s in starts if any(spec for _, spec, _ in succ[s])), starts[0])
    route, seen, here = [start], {start}, start
    while True:
        options = [o for o in succ[here] if o[0] not in seen]
        if not options:
            return route
        options.sort(key=lambda o: (not o[1], not o[2]))  # specific, then default, then order
        here = options[0][0]
        route.append(here)
        seen.add(here)


def unavoidable_steps(journey: Journey, persona: str | None = None) -> list[str]:
    """Nodes on every path from the persona's starts to every end it can reach (starts and ends
    themselves left out: they are trivially on the way), in journey order.

    Computed with ``networkx.immediate_dominators`` from a virtual root joined to the starts:
    a node that dominates every reachable end is a step no customer of this persona skips."""
    path = persona_path(journey, persona)
    if not path.starts or not path.ends:
        return []
    g = nx.DiGraph()
    g.add_nodes_from(path.nodes)
    g.add_edges_from(path.edges)
    g.add_edges_from((_ROOT, s) for s in path.starts)
    idom = nx.immediate_dominators(g, _ROOT)
    common: set[str] | None = None
    for end in path.ends:
        chain = set()
        node = end
        while node != _ROOT:
            chain.add(node)
            node = idom[node]
        common = chain if common is None else common & chain
    skip = set(path.starts) | set(path.ends)
    return [n for n in path.nodes if n in (common or set()) and n not in skip]


def emotion_curve(journey: Journey, persona: str) -> list[dict[str, Any]]:
    """The persona's route as steps ``{step, node, label, kind, emotion}``; ``emotion`` is the
    node's score for the persona (-2..+2) or None where the journey does not say."""
    path = persona_path(journey, persona)
    out = []
    for i, node_id in enumerate(path.route):
        node = journey.node(node_id)
        out.append({"step": i + 1, "node": node_id, "label": node.label, "kind": node.kind,
                    "emotion": node.emotion.get(persona)})
    return out


def lowest_points(curve: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """The steps at the curve's minimum (all of them when several share it); none when the curve
    has no scores or never drops below neutral's best (a flat +2 has no low point worth naming)."""
    scored = [s for s in curve if s["emotion"] is not None]
    if not scored:
        return []
    low = min(s["emotion"] for s in scored)
    if low == max(s["emotion"] for s in scored) and low > 0:
        return []
    return [s for s in scored if s["emotion"] == low]


def moments_of_truth(journey: Journey, persona: str | None) -> list[dict[str, Any]]:
    """Lowest points of the emotion curve and unavoidable steps, each once, in journey order:
    ``{node, label, emotion, lowest, unavoidable}``."""
    low = {s["node"] for s in lowest_points(emotion_curve(journey, persona))} if persona else set()
    must = set(unavoidable_steps(journey, persona))
    out = []
    for n in journey.nodes:
        if n.id in low or n.id in must:
            out.append({"node": n.id, "label": n.label,
                        "emotion": n.emotion.get(persona) if persona else None,
                        "lowest": n.id in low, "unavoidable": n.id in must})
    return out
