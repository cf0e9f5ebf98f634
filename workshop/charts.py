"""Plotly figures of a noise-audit session (the facilitator's live view).

Pure functions: the texts come in as arguments, so the same figures serve any language and can be
tested without a page. The summary export draws its own SVG (workshop/summary.py) to stay offline.
"""
from __future__ import annotations

from typing import Any

import pandas as pd
import plotly.graph_objects as go

from workshop.sessions import BASES
from workshop.summary import BENCHMARK

__all__ = ["answer_figure", "bases_figure"]

BLUE, RED = "#4C78A8", "#E45756"


def answer_figure(case: dict[str, Any], values: pd.Series, *, count_label: str = "Participants",
                  answers_label: str = "Answers") -> go.Figure:
    """Answers to one case: a bar per offered answer (zeros shown), or a histogram of numbers."""
    if "answers" in case:
        counts = values.astype(str).value_counts()
        labels = list(case["answers"])
        fig = go.Figure(go.Bar(x=labels, y=[int(counts.get(a, 0)) for a in labels], marker_color=BLUE))
    else:
        numbers = pd.to_numeric(values, errors="coerce").dropna()
        fig = go.Figure(go.Histogram(x=numbers, marker_color=BLUE,
                                     xbins={"start": case["scale"]["min"], "end": case["scale"]["max"]}))
        fig.update_xaxes(range=[case["scale"]["min"], case["scale"]["max"]])
    fig.update_layout(height=220, margin={"l": 10, "r": 10, "t": 10, "b": 10}, showlegend=False,
                      yaxis_title=count_label, xaxis_title=answers_label, bargap=0.15)
    return fig


def bases_figure(bases: dict[str, float], *, labels: dict[str, str] | None = None, room: str = "this room",
                 benchmark: str = "organisation of 400") -> go.Figure:
    """Share of each basis in this room, beside the 400-person organisation's benchmark."""
    name = {k: (labels or {}).get(k, k) for k in BASES}
    keys = list(BASES)
    fig = go.Figure([
        go.Bar(name=room, y=[name[k] for k in keys], x=[bases.get(k, 0.0) for k in keys], orientation="h",
               marker_color=BLUE, text=[f"{bases.get(k, 0.0):.0%}" for k in keys], textposition="auto"),
        go.Scatter(name=benchmark, y=[name[k] for k in BENCHMARK], x=list(BENCHMARK.values()),
                   mode="markers", marker={"symbol": "line-ns", "size": 26, "line": {"width": 4, "color": RED}}),
    ])
    fig.update_layout(height=260, margin={"l": 10, "r": 10, "t": 10, "b": 10}, xaxis={"tickformat": ".0%",
                      "range": [0, 1]}, yaxis={"autorange": "reversed"},
                      legend={"orientation": "h", "y": -0.2})
    return fig
