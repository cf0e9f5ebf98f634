"""Pure builders for the Personas page: all personas on the axis map, and a comparison table.

WHY one trace: every persona is one marker of a single scatter trace, sized by share (area, so
a persona with twice the customers looks twice as big), so the map stays fast and the legend
does not pretend personas are separate series.
"""
from __future__ import annotations

import math
from collections.abc import Sequence

import plotly.graph_objects as go

from .model import Persona

MAX_MARKER = 90  # px diameter of a persona with share 1


def persona_map(personas: Sequence[Persona], x: str, y: str, *, x_title: str | None = None,
                y_title: str | None = None, x_range: tuple[float, float] | None = None,
                y_range: tuple[float, float] | None = None, cut: tuple[float, float] | None = None,
                share_label: str = "share") -> go.Figure:
    """Personas at their axis means, marker area proportional to share of customers."""
    shown = [p for p in personas if x in p.axes and y in p.axes]
    sizes = [max(12.0, MAX_MARKER * math.sqrt(p.share or 0.0)) for p in shown]
    fig = go.Figure(go.Scatter(
        x=[p.axes[x] for p in shown], y=[p.axes[y] for p in shown], mode="markers+text",
        text=[p.name for p in shown], textposition="bottom center",
        customdata=[[f"{(p.share or 0):.0%}"] for p in shown],
        hovertemplate="%{text}<br>" + share_label + " %{customdata[0]}<extra></extra>",
        marker={"size": sizes, "sizemode": "diameter", "color": list(range(len(shown))),
                "colorscale": "Viridis", "opacity": 0.75, "line": {"width": 1, "color": "#333"}},
        showlegend=False))
    if cut is not None:
        fig.add_vline(x=cut[0], line_dash="dot", line_color="#888")
        fig.add_hline(y=cut[1], line_dash="dot", line_color="#888")
    fig.update_layout(xaxis_title=x_title or x, yaxis_title=y_title or y, height=480,
                      margin={"l": 40, "r": 20, "t": 20, "b": 40})
    if x_range:
        fig.update_xaxes(range=list(x_range))
    if y_range:
        fig.update_yaxes(range=list(y_range))
    return fig


def comparison_rows(personas: Sequence[Persona], axis_titles: dict[str, str] | None = None,
                    labels: dict[str, str] | None = None, top: int = 2) -> list[dict[str, str]]:
    """One row per attribute, one column per persona: share, axes, top needs and behaviours."""
    labels = {"share": "share", "needs": "needs", "behaviours": "behaviours", **(labels or {})}
    axis_titles = axis_titles or {}
    axes = list(dict.fromkeys(a for p in personas for a in p.axes))
    names = [p.name for p in personas]
    rows = [{"": labels["share"], **{n: f"{(p.share or 0):.0%}" for n, p in zip(names, personas)}}]
    for a in axes:
        rows.append({"": axis_titles.get(a, a),
                     **{n: f"{p.axes[a]:.2f}" if a in p.axes else "–" for n, p in zip(names, personas)}})
    for key in ("needs", "behaviours"):
        rows.append({"": labels[key], **{n: "; ".join(getattr(p, key)[:top]) for n, p in zip(names, personas)}})
    return rows
