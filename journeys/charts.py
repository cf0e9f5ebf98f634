"""Plotly figures of a journey: the swimlane map (stage columns x lane rows) and a persona's
emotion curve. Pure functions returning ``go.Figure``; no streamlit.

Why the map is built this way: a CX team reads a journey as "who does what, when", so columns are
the stages and rows the lanes (customer, frontline, back office, manager...). Graphs of 300 nodes
must stay fast in the browser, so the number of traces never grows with the graph (DESIGN.md
section 6): ALL edges are one scatter trace (segments separated by ``None``), with the arrowhead
drawn as an ``arrow`` marker on each segment's last point (``angleref="previous"`` turns it along
the segment), and all nodes are one trace with per-point symbols and colours. Extra layers (a
persona's path, findings, a highlighted node, edge frequencies) are each one more trace.
"""
from __future__ import annotations

import math
from dataclasses import dataclass, field
from typing import Any, Iterable

import plotly.graph_objects as go

from journeys.model import Journey, Node
from journeys.paths import emotion_curve, lowest_points, persona_path

NO_STAGE = "—"
NO_LANE = "—"

KIND_STYLE: dict[str, tuple[str, str]] = {  # kind -> (marker symbol, colour)
    "start": ("circle", "#2e7d32"),
    "step": ("circle", "#78909c"),
    "touchpoint": ("square", "#1e88e5"),
    "decision": ("diamond", "#f9a825"),
    "escalation": ("triangle-up", "#c62828"),
    "aftercare": ("star", "#00897b"),
    "end": ("octagon", "#37474f"),
}
DISCRETION_COLOUR = "#8e24aa"
PATH_COLOUR = "#d81b60"
EDGE_COLOUR = "#9e9e9e"
FINDING_COLOUR = "#d50000"
HIGHLIGHT_COLOUR = "#ffab00"
COUNT_COLOUR = "#1565c0"

LABEL_LIMIT = 90  # above this many nodes, names show on hover only
_WORDS = {
    "en": {"kind": "kind", "lane": "lane", "stage": "stage", "channel": "channel",
           "discretion": "staff discretion", "who": "who decides", "rules": "rules of play",
           "inputs": "inputs", "rows": "rows", "none": "none", "steps": "steps",
           "emotion": "emotion", "step": "step", "yes": "yes", "collapsed": "collapsed stage",
           "times": "times", "never": "never taken", "lowest": "lowest point"},
    "nl": {"kind": "soort", "lane": "baan", "stage": "fase", "channel": "kanaal",
           "discretion": "ruimte voor medewerker", "who": "wie beslist", "rules": "spelregels",
           "inputs": "invoer", "rows": "regels", "none": "geen", "steps": "stappen",
           "emotion": "emotie", "step": "stap", "yes": "ja", "collapsed": "ingeklapte fase",
           "times": "keer", "never": "nooit genomen", "lowest": "laagste punt"},
}


def _w(lang: str, key: str) -> str:
    return _WORDS.get(lang, _WORDS["en"])[key]


def node_label(node: Node, lang: str = "en") -> str:
    """The node's label in the language (``label_nl`` etc. when the journey has one)."""
    extra = node.extras().get(f"label_{lang}")
    return str(extra) if isinstance(extra, str) and extra.strip() else node.label


# --------------------------------------------------------------------------------------------
# Layout

@dataclass
class Layout:
    """Where everything sits on the map. x grows to the right, y grows downwards (lane 0 on
    top). ``columns``/``rows`` map a stage/lane name to its ``(lo, hi)`` band; ``pos`` maps a
    drawn node id (a journey node, or ``"@stage|lane"`` for a collapsed cell) to ``(x, y)``."""

    columns: dict[str, tuple[float, float]] = field(default_factory=dict)
    rows: dict[str, tuple[float, float]] = field(default_factory=dict)
    pos: dict[str, tuple[float, float]] = field(default_factory=dict)
    drawn: dict[str, str] = field(default_factory=dict)  # journey node id -> drawn node id
    groups: dict[str, list[str]] = field(default_factory=dict)  # collapsed cell -> node ids
    slot: dict[str, float] = field(default_factory=dict)  # drawn id -> width of its sub-cell
    width: float = 1.0
    height: float = 1.0


def _ranks(journey: Journey) -> dict[str, int]:
    """Breadth-first distance from the starts: orders nodes inside a cell along the flow."""
    succ: dict[str, list[str]] = {n.id: [] for n in journey.nodes}
    for e in journey.edges:
        succ[e.source].append(e.target)
    rank = {n.id: 0 for n in journey.nodes if n.kind == "start"}
    frontier = list(rank)
    while frontier:
        nxt = []
        for u in frontier:
            for v in succ[u]:
                if v not in rank:
                    rank[v] = rank[u] + 1
                    nxt.append(v)
        frontier = nxt
    top = max(rank.values(), default=0) + 1
    return {n.id: rank.get(n.id, top) for n in journey.nodes}


def swimlane_layout(journey: Journey, collapsed_stages: Iterable[str] = (),
                    compact: bool | None = None) -> Layout:
    """Columns as wide as the busiest cell of the stage needs, rows as tall as the busiest cell
    of the lane needs; nodes spread over their cell in flow order (row by row).

    With labels (``compact`` false; the default up to LABEL_LIMIT nodes) a cell holds at most two
    or three nodes side by side, so each name gets room; compact cells are closer to square."""
    collapsed = set(collapsed_stages)
    stages = list(journey.stages)
    lanes = list(journey.lanes)
    if any(n.stage is None or n.stage not in stages for n in journey.nodes):
        stages.append(NO_STAGE)
    if any(n.lane is None or n.lane not in lanes for n in journey.nodes):
        lanes.append(NO_LANE)
    if not stages:
        stages = [NO_STAGE]
    if not lanes:
        lanes = [NO_LANE]
    rank = _ranks(journey)
    order = {n.id: i for i, n in enumerate(journey.nodes)}
    cells: dict[tuple[str, str], list[str]] = {}
    for n in journey.nodes:
        stage = n.stage if n.stage in stages else NO_STAGE
        lane = n.lane if n.lane in lanes else NO_LANE
        cells.setdefault((stage, lane), []).append(n.id)
    if compact is None:
        compact = len(journey.nodes) > LABEL_LIMIT
    layout = Layout()
    shape: dict[tuple[str, str], tuple[int, int]] = {}
    for (stage, lane), ids in cells.items():
        ids.sort(key=lambda i: (rank[i], order[i]))
        if stage in collapsed:
            group = f"@{stage}|{lane}"
            layout.groups[group] = ids
            for i in ids:
                layout.drawn[i] = group
            cells[(stage, lane)] = [group]
            shape[(stage, lane)] = (1, 1)
            continue
        for i in ids:
            layout.drawn[i] = i
        k = len(ids)
        if compact:
            cols = min(k, max(4, math.ceil(math.sqrt(k))))
        else:
            cols = min(k, 2 if k <= 6 else 3)
        shape[(stage, lane)] = (cols, math.ceil(k / cols))
    x = 0.0
    for stage in stages:
        w = 0.6 if stage in collapsed else max([shape[c][0] for c in shape if c[0] == stage] or [1])
        layout.columns[stage] = (x, x + w)
        x += w
    y = 0.0
    for lane in lanes:
        h = max([shape[c][1] for c in shape if c[1] == lane] or [1])
        layout.rows[lane] = (y, y + h)
        y += h
    layout.width, layout.height = x, y
    for (stage, lane), ids in cells.items():
        cols, nrows = shape[(stage, lane)]
        x0, x1 = layout.columns[stage]
        y0, y1 = layout.rows[lane]
        for k, drawn_id in enumerate(ids):
            r, c = divmod(k, cols)
            layout.pos[drawn_id] = (x0 + (c + 0.5) * (x1 - x0) / cols,
                                    y0 + (r + 0.5) * (y1 - y0) / nrows)
            layout.slot[drawn_id] = (x1 - x0) / cols
    return layout


# --------------------------------------------------------------------------------------------
# Edge geometry

@dataclass
class _Scale:
    """Approximate pixels per data unit, so arrows stop at the node's rim and curves look even."""

    px: float
    py: float


def _segment(a: tuple[float, float], b: tuple[float, float], sc: _Scale,
             gap_px: float = 11.0) -> list[tuple[float, float]]:
    """Points of one edge from a to b, ending ``gap_px`` before b. Backward and vertical edges
    bend, so they do not hide under the forward edges between the same rows."""
    ax, ay = a[0] * sc.px, a[1] * sc.py
    bx, by = b[0] * sc.px, b[1] * sc.py
    dx, dy = bx - ax, by - ay
    length = math.hypot(dx, dy) or 1.0
    bend = 0.0
    if dx < -1.0:
        bend = 0.22
    elif abs(dx) <= 1.0 and abs(dy) > 1.0:
        bend = 0.08
    if bend:
        cx, cy = (ax + bx) / 2 - dy * bend, (ay + by) / 2 + dx * bend
        pts = []
        for i in range(7):
            t = i / 6
            pts.append(((1 - t) ** 2 * ax + 2 * (1 - t) * t * cx + t * t * bx,
                        (1 - t) ** 2 * ay + 2 * (1 - t) * t * cy + t * t * by))
        # pull the last point back along the final piece
        (px_, py_), (qx, qy) = pts[-2], pts[-1]
        seg = math.hypot(qx - px_, qy - py_) or 1.0
        cut = min(gap_px, seg * 0.9)
        pts[-1] = (qx - (qx - px_) * cut / seg, qy - (qy - py_) * cut / seg)
    else:
        cut = min(gap_px, length * 0.45)
        pts = [(ax, ay), (bx - dx * cut / length, by - dy * cut / length)]
    return [(px_ / sc.px, py_ / sc.py) for px_, py_ in pts]


def _edge_trace(pairs: list[tuple[str, str]], layout: Layout, sc: _Scale, *, name: str,
                colour: str, width: float, arrow: float, dash: str | None = None,
                opacity: float = 1.0) -> go.Scatter:
    """ONE trace holding every edge of ``pairs``: segments separated by None, an arrow marker on
    each segment's last point and no marker elsewhere (size 0)."""
    xs: list[float | None] = []
    ys: list[float | None] = []
    sizes: list[float] = []
    for s, t in pairs:
        pts = _segment(layout.pos[s], layout.pos[t], sc)
        for k, (x, y) in enumerate(pts):
            xs.append(x)
            ys.append(y)
            sizes.append(arrow if k == len(pts) - 1 else 0)
        xs.append(None)
        ys.append(None)
        sizes.append(0)
    return go.Scatter(
        x=xs, y=ys, mode="lines+markers", name=name, hoverinfo="skip", showlegend=False,
        opacity=opacity, line=dict(color=colour, width=width, dash=dash),
        marker=dict(symbol="arrow", size=sizes, angleref="previous", color=colour,
                    line=dict(width=0)))


# --------------------------------------------------------------------------------------------
# Swimlane figure

def _wrap(text: str, width: int, lines: int = 2) -> str:
    words, out, cur = text.split(), [], ""
    for word in words:
        if len(word) > width:
            word = word[:max(1, width - 1)] + "…"
        if cur and len(cur) + 1 + len(word) > width:
            out.append(cur)
            cur = word
        else:
            cur = f"{cur} {word}".strip()
    if cur:
        out.append(cur)
    if len(out) > lines:
        out = out[:lines]
        out[-1] = out[-1][:max(1, width - 1)].rstrip() + "…"
    return "<br>".join(out)


def _esc(text: Any) -> str:
    return str(text).replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def _hover(journey: Journey, node: Node, lang: str) -> str:
    w = lambda k: _w(lang, k)  # noqa: E731
    lines = [f"<b>{_esc(node_label(node, lang))}</b> ({_esc(node.id)})",
             f"{w('kind')}: {node.kind} · {w('lane')}: {_esc(node.lane or '—')} · "
             f"{w('stage')}: {_esc(node.stage or '—')}"]
    if node.channel:
        lines.append(f"{w('channel')}: {_esc(node.channel)}")
    if node.discretion:
        lines.append(f"{w('discretion')}: {w('yes')}"
                     + (f" · {w('who')}: {_wrap(_esc(node.who_decides), 60, 3)}"
                        if node.who_decides else ""))
    table = journey.rules.get(node.id)
    if table is not None:
        lines.append(f"{w('rules')}: {table.hit_policy}, {len(table.inputs)} {w('inputs')}, "
                     f"{len(table.rows)} {w('rows')}")
    elif node.kind == "decision":
        lines.append(f"{w('rules')}: {w('none')}")
    if node.emotion:
        lines.append(f"{w('emotion')}: " + ", ".join(f"{_esc(p)} {v:+g}"
                                                     for p, v in node.emotion.items()))
    return "<br>".join(lines)


def swimlane_figure(journey: Journey, persona: str | None = None, highlight: str | None = None,
                    collapsed_stages: Iterable[str] = (), *, findings: Iterable[dict] = (),
                    edge_counts: dict[tuple[str, str], int] | None = None, lang: str = "en",
                    show_labels: bool | None = None, width_px: float = 900.0) -> go.Figure:
    """The swimlane map.

    ``persona`` lights up its path (one extra trace) and fades the rest; ``highlight`` rings one
    node; ``findings`` ring the nodes they name (justified ones in grey); ``edge_counts`` (from an
    event log) draws edges by how often they happened, in three width classes plus "never";
    ``collapsed_stages`` folds each cell of those stages into one box. ``width_px`` is the width
    the map is drawn for (it sizes label wrapping and arrow gaps, not the figure)."""
    n_shown = len(journey.nodes)
    labels = n_shown <= LABEL_LIMIT if show_labels is None else show_labels
    layout = swimlane_layout(journey, collapsed_stages, compact=not labels)
    n_drawn = len(layout.pos)
    row_px = 100.0 if labels else (70.0 if n_drawn <= 200 else 56.0)
    plot_w = max(width_px - 140.0, 200.0)
    sc = _Scale(px=plot_w / max(layout.width, 1e-9), py=row_px)
    drawn = layout.drawn

    def dpairs(pairs: Iterable[tuple[str, str]]) -> list[tuple[str, str]]:
        out = dict.fromkeys((drawn[s], drawn[t]) for s, t in pairs)
        return [p for p in out if p[0] != p[1]]

    all_pairs = dpairs((e.source, e.target) for e in journey.edges)
    traces: list[go.BaseTraceType] = []
    fade = persona is not None
    traces.append(_edge_trace(all_pairs, layout, sc, name="edges",
                              colour=EDGE_COLOUR, width=1.3, arrow=8,
                              opacity=0.35 if (fade or edge_counts is not None) else 0.9))
    on_path: set[str] | None = None
    if persona is not None:
        path = persona_path(journey, persona)
        on_path = {drawn[n] for n in path.nodes}
        traces.append(_edge_trace(dpairs(path.edges), layout, sc, name="persona path",
                                  colour=PATH_COLOUR, width=3.2, arrow=12))
    if edge_counts is not None:
        traces.extend(_count_traces(journey, layout, sc, edge_counts, dpairs, lang))

    # nodes: one trace, per-point symbol/colour/opacity
    xs, ys, symbols, colours, sizes, texts, hovers, opac, tcolours, ids = ([] for _ in range(10))
    by_id = {n.id: n for n in journey.nodes}
    for did, (x, y) in layout.pos.items():
        xs.append(x)
        ys.append(y)
        ids.append(did)
        if did in layout.groups:
            members = layout.groups[did]
            stage = did[1:].split("|", 1)[0]
            symbols.append("square")
            colours.append("#b0bec5")
            sizes.append(26)
            texts.append(f"{len(members)} {_w(lang, 'steps')}")
            hovers.append(f"<b>{_esc(stage)}</b> ({_w(lang, 'collapsed')})<br>"
                          + "<br>".join(_esc(node_label(by_id[m], lang)) for m in members[:12])
                          + ("<br>…" if len(members) > 12 else ""))
        else:
            node = by_id[did]
            symbol, colour = KIND_STYLE[node.kind]
            if node.kind == "decision" and node.discretion:
                colour = DISCRETION_COLOUR
            symbols.append(symbol)
            colours.append(colour)
            sizes.append(22 if node.kind == "decision" else 16)
            hovers.append(_hover(journey, node, lang))
            chars = max(8, int(layout.slot[did] * sc.px / 6.3))
            who_line = node.discretion and node.who_decides
            text = _wrap(_esc(node_label(node, lang)), chars, 3 if chars >= 10 and not who_line else 2)
            if who_line:
                who = _wrap(_esc(f"{_w(lang, 'who')}: {node.who_decides}"), chars, 1)
                text += "".join(f"<br><i>{line}</i>" for line in who.split("<br>"))
            texts.append(text)
        dim = on_path is not None and did not in on_path
        opac.append(0.22 if dim else 1.0)
        tcolours.append("rgba(60,60,60,0.3)" if dim else
                        (DISCRETION_COLOUR if colours[-1] == DISCRETION_COLOUR else "#263238"))
    traces.append(go.Scatter(
        x=xs, y=ys, mode="markers+text" if labels else "markers", name="nodes",
        text=texts if labels else None, textposition="bottom center",
        textfont=dict(size=10, color=tcolours), hovertext=hovers, hoverinfo="text",
        customdata=ids, showlegend=False,
        marker=dict(symbol=symbols, color=colours, size=sizes, opacity=opac,
                    line=dict(color="white", width=1.2))))

    ring_x, ring_y, ring_c, ring_h = [], [], [], []
    for f in findings:
        did = drawn.get(f.get("node"))
        if did is None or did not in layout.pos:
            continue
        ring_x.append(layout.pos[did][0])
        ring_y.append(layout.pos[did][1])
        ring_c.append("#9e9e9e" if f.get("justified") else FINDING_COLOUR)
        ring_h.append(f"{f.get('code')}: {_esc(f.get('message', ''))}")
    if ring_x:
        traces.append(go.Scatter(
            x=ring_x, y=ring_y, mode="markers", name="findings", hovertext=ring_h,
            hoverinfo="text", showlegend=False,
            marker=dict(symbol="circle-open", size=32, color=ring_c, line=dict(width=2.5))))
    if highlight is not None and drawn.get(highlight) in layout.pos:
        hx, hy = layout.pos[drawn[highlight]]
        traces.append(go.Scatter(
            x=[hx], y=[hy], mode="markers", name="highlight", hoverinfo="skip",
            showlegend=False, marker=dict(symbol="circle-open", size=46,
                                          color=HIGHLIGHT_COLOUR, line=dict(width=4))))

    fig = go.Figure(traces)
    _grid(fig, layout, labels, row_px)
    return fig


def _count_traces(journey: Journey, layout: Layout, sc: _Scale,
                  counts: dict[tuple[str, str], int], dpairs, lang: str) -> list[go.Scatter]:
    """Edges by observed frequency: "never" (dashed), then three width classes split at the
    terciles of the observed counts; and one text trace with the counts at the edge middles."""
    designed = [(e.source, e.target) for e in journey.edges]
    seen = sorted(c for p in designed if (c := counts.get(p, 0)) > 0)
    out = []
    never = dpairs(p for p in designed if counts.get(p, 0) == 0)
    if never:
        out.append(_edge_trace(never, layout, sc, name="never", colour="#e53935", width=1.3,
                               arrow=7, dash="dot"))
    if seen:
        lo, hi = seen[len(seen) // 3], seen[(2 * len(seen)) // 3]
        bands = [("rare", lambda c: 0 < c < lo, 1.8, 0.55), ("regular", lambda c: lo <= c < hi, 3.2, 0.75),
                 ("frequent", lambda c: c >= hi, 5.0, 0.95)]
        for name, test, width, opacity in bands:
            pairs = dpairs(p for p in designed if test(counts.get(p, 0)))
            if pairs:
                out.append(_edge_trace(pairs, layout, sc, name=name, colour=COUNT_COLOUR,
                                       width=width, arrow=7 + width, opacity=opacity))
    tx, ty, tt = [], [], []
    for s, t in designed:
        a, b = layout.pos[layout.drawn[s]], layout.pos[layout.drawn[t]]
        if layout.drawn[s] == layout.drawn[t]:
            continue
        tx.append((a[0] + b[0]) / 2)
        ty.append((a[1] + b[1]) / 2)
        c = counts.get((s, t), 0)
        tt.append(f"{c:,}".replace(",", " ") if c else "0")
    out.append(go.Scatter(x=tx, y=ty, mode="text", text=tt, name="counts", hoverinfo="skip",
                          showlegend=False, textfont=dict(size=10, color=COUNT_COLOUR)))
    return out


def _grid(fig: go.Figure, layout: Layout, labels: bool, row_px: float) -> None:
    shapes = []
    for i, (lane, (y0, y1)) in enumerate(layout.rows.items()):
        if i % 2 == 0:
            shapes.append(dict(type="rect", xref="x", yref="y", x0=0, x1=layout.width, y0=y0,
                               y1=y1, fillcolor="rgba(236,239,241,0.55)", line=dict(width=0),
                               layer="below"))
        shapes.append(dict(type="line", xref="x", yref="y", x0=0, x1=layout.width, y0=y1, y1=y1,
                           line=dict(color="#cfd8dc", width=1), layer="below"))
    for stage, (x0, x1) in layout.columns.items():
        shapes.append(dict(type="line", xref="x", yref="y", x0=x1, x1=x1, y0=0,
                           y1=layout.height, line=dict(color="#b0bec5", width=1, dash="dot"),
                           layer="below"))
    col_mid = [(a + b) / 2 for a, b in layout.columns.values()]
    row_mid = [(a + b) / 2 for a, b in layout.rows.values()]
    fig.update_layout(
        shapes=shapes, showlegend=False, hovermode="closest", dragmode="pan",
        plot_bgcolor="white", paper_bgcolor="white",
        height=int(layout.height * row_px + 70), margin=dict(l=10, r=10, t=50, b=10),
        hoverlabel=dict(align="left", font_size=12),
        xaxis=dict(range=[-0.02 * layout.width, layout.width * 1.02], side="top",
                   tickvals=col_mid, ticktext=[f"<b>{_esc(s)}</b>" for s in layout.columns],
                   showgrid=False, zeroline=False, fixedrange=False, tickfont=dict(size=12)),
        yaxis=dict(range=[layout.height + 0.05, -0.05], tickvals=row_mid,
                   ticktext=[_esc(lane) for lane in layout.rows], showgrid=False, zeroline=False,
                   automargin=True, tickfont=dict(size=12)),
    )


# --------------------------------------------------------------------------------------------
# Emotion curve

def emotion_figure(journey: Journey, persona: str, lang: str = "en") -> go.Figure:
    """The persona's emotion (-2..+2) along its route; steps the journey gives no score for are
    gaps, the lowest points are red and named."""
    curve = emotion_curve(journey, persona)
    low = {s["node"] for s in lowest_points(curve)}
    by_id = {n.id: n for n in journey.nodes}
    xs = [s["step"] for s in curve]
    ys = [s["emotion"] for s in curve]
    names = [node_label(by_id[s["node"]], lang) for s in curve]
    colours = [("#d50000" if s["node"] in low else _emotion_colour(s["emotion"]))
               for s in curve]
    fig = go.Figure()
    fig.add_hrect(y0=-3.9, y1=0, fillcolor="rgba(229,57,53,0.06)", line_width=0, layer="below")
    fig.add_hline(y=0, line=dict(color="#90a4ae", width=1))
    fig.add_trace(go.Scatter(
        x=xs, y=ys, mode="lines+markers", name=persona, connectgaps=True, showlegend=False,
        line=dict(color="#546e7a", width=2),
        marker=dict(size=[14 if s["node"] in low else 9 for s in curve], color=colours,
                    line=dict(color="white", width=1)),
        hovertext=[f"{_w(lang, 'step')} {s['step']}: {_esc(n)}<br>{_w(lang, 'emotion')}: "
                   + ("—" if s["emotion"] is None else f"{s['emotion']:+g}")
                   for s, n in zip(curve, names)], hoverinfo="text"))
    named = [(s, n) for s, n in zip(curve, names) if s["node"] in low]
    for k, (s, n) in enumerate(named):  # alternate the depth so neighbouring names do not overlap
        fig.add_annotation(x=s["step"], y=s["emotion"], text=_wrap(_esc(n), 22), ay=22 + 30 * (k % 2),
                           ax=0, showarrow=True, arrowhead=0, arrowcolor="#d50000",
                           font=dict(size=11, color="#b71c1c"), yanchor="top")
    fig.update_layout(
        height=360, margin=dict(l=40, r=10, t=20, b=10), showlegend=False, plot_bgcolor="white",
        xaxis=dict(tickvals=xs, ticktext=[_wrap(_esc(n), 14, 1) for n in names], tickangle=-45,
                   showgrid=False, tickfont=dict(size=10), automargin=True),
        yaxis=dict(range=[-3.9, 2.5], tickvals=[-2, -1, 0, 1, 2], automargin=True,
                   ticktext=["−2", "−1", "0", "+1", "+2"], gridcolor="#eceff1", zeroline=False))
    return fig


def _emotion_colour(value: float | None) -> str:
    if value is None:
        return "#b0bec5"
    return {-2: "#e53935", -1: "#fb8c00", 0: "#9e9e9e", 1: "#7cb342", 2: "#2e7d32"}.get(
        int(round(max(-2, min(2, value)))), "#9e9e9e")
