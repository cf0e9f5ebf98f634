"""Plotly figures of a segmentation run: axis map, k choice, axis profiles, stability, typing tool.

Pure builders (numbers and already-translated texts in, `go.Figure` out) so the Segments page can
cache them per run and tests can inspect them without a browser. Every segment keeps one colour in
every figure (`segment_colour`), so a reader can follow "the orange segment" from map to profile.
"""
from __future__ import annotations

from typing import Any, Sequence

import numpy as np
import plotly.graph_objects as go
from plotly.subplots import make_subplots

__all__ = ["PALETTE", "WEBGL_ABOVE", "segment_colour", "axis_map", "k_selection", "axis_means",
           "stability_chart", "confusion_heatmap", "accuracy_by_questions"]

# Okabe & Ito (2008): distinguishable with the common colour-vision deficiencies; black left out
# because it is the colour of cut lines and centres.
PALETTE = ["#E69F00", "#56B4E9", "#009E73", "#CC79A7", "#0072B2", "#D55E00", "#F0E442", "#999999"]
WEBGL_ABOVE = 5000  # SVG scatter gets sluggish in the browser beyond a few thousand points
_FONT = dict(family="Source Sans Pro, sans-serif")


def segment_colour(i: int) -> str:
    """The colour of segment `i` in every figure (cycles after 8 segments)."""
    return PALETTE[int(i) % len(PALETTE)]


def _name(names: Sequence[str] | None, i: int) -> str:
    return names[i] if names is not None and i < len(names) else f"Segment {i + 1}"


def _layout(fig: go.Figure, **extra: Any) -> go.Figure:
    fig.update_layout(template="plotly_white", font=_FONT, margin=dict(l=10, r=10, t=40, b=10), **extra)
    return fig


def axis_map(x: Sequence[float], y: Sequence[float], labels: Sequence[int], *,
             names: Sequence[str] | None = None, shares: Sequence[float] | None = None,
             cuts: tuple[float, float] | None = None, near: float | None = None,
             x_title: str = "", y_title: str = "", x_range: tuple[float, float] | None = None,
             y_range: tuple[float, float] | None = None, near_label: str = "near a cut",
             centre_label: str = "segment centre", webgl_above: int = WEBGL_ABOVE) -> go.Figure:
    """Respondents on the two axes, one colour per segment, with segment centres and shares.

    Traces: one per segment (label -1, not placed, is left out), then, for a quadrant run
    (`cuts` given), one trace of open rings over respondents within `near` of a cut (their
    quadrant is fragile), then one trace of segment centres labelled with their share. Cut lines
    are layout shapes. Above `webgl_above` points the respondents are drawn with WebGL
    (`go.Scattergl`), which keeps panning smooth for large surveys.
    """
    xv = np.asarray(x, dtype=float)
    yv = np.asarray(y, dtype=float)
    lab = np.asarray(labels, dtype=int)
    if not (len(xv) == len(yv) == len(lab)):
        raise ValueError(f"axis_map: x, y and labels must have one value per respondent "
                         f"(got {len(xv)}, {len(yv)}, {len(lab)})")
    ok = (lab >= 0) & np.isfinite(xv) & np.isfinite(yv)
    Scatter = go.Scattergl if int(ok.sum()) > webgl_above else go.Scatter
    segments = sorted(int(s) for s in np.unique(lab[lab >= 0]))
    fig = go.Figure()
    for s in segments:
        m = ok & (lab == s)
        share = f" ({shares[s]:.0%})" if shares is not None and s < len(shares) else ""
        fig.add_trace(Scatter(
            x=xv[m], y=yv[m], mode="markers", name=f"{_name(names, s)}{share}", legendgroup=str(s),
            marker=dict(color=segment_colour(s), size=6, opacity=0.55, line=dict(width=0)),
            hovertemplate=f"{_name(names, s)}<br>{x_title}: %{{x:.2f}}<br>{y_title}: %{{y:.2f}}<extra></extra>"))
    if cuts is not None:
        cx, cy = float(cuts[0]), float(cuts[1])
        line = dict(color="#222", width=1.5, dash="dash")
        fig.add_vline(x=cx, line=line)
        fig.add_hline(y=cy, line=line)
        if near:
            with np.errstate(invalid="ignore"):
                m = ok & ((np.abs(xv - cx) <= near) | (np.abs(yv - cy) <= near))
            fig.add_trace(Scatter(
                x=xv[m], y=yv[m], mode="markers", name=f"{near_label} ({int(m.sum())})",
                marker=dict(symbol="circle-open", color="#333", size=9, opacity=0.35, line=dict(width=1)),
                hoverinfo="skip", visible="legendonly" if m.sum() > 2000 else True))
    if segments:
        cxs = [float(np.mean(xv[ok & (lab == s)])) if (ok & (lab == s)).any() else np.nan for s in segments]
        cys = [float(np.mean(yv[ok & (lab == s)])) if (ok & (lab == s)).any() else np.nan for s in segments]
        text = [f"<b>{_name(names, s)}</b> · {shares[s]:.0%}" if shares is not None and s < len(shares)
                else f"<b>{_name(names, s)}</b>" for s in segments]
        fig.add_trace(go.Scatter(
            x=cxs, y=cys, mode="markers", name=centre_label, text=text, showlegend=False,
            marker=dict(symbol="diamond", size=16, color=[segment_colour(s) for s in segments],
                        line=dict(color="#111", width=2)),
            hovertemplate="%{text}<extra></extra>"))
        for s, cx_, cy_, label in zip(segments, cxs, cys, text):  # labels on a white card, readable over dots
            if np.isfinite(cx_) and np.isfinite(cy_):
                fig.add_annotation(x=cx_, y=cy_, text=label, showarrow=False, yshift=24,
                                   font=dict(size=13, color="#111"), bgcolor="rgba(255,255,255,0.85)",
                                   bordercolor=segment_colour(s), borderwidth=1.5, borderpad=3)
    fig.update_xaxes(title=x_title, range=list(x_range) if x_range else None, zeroline=False)
    fig.update_yaxes(title=y_title, range=list(y_range) if y_range else None, zeroline=False)
    return _layout(fig, height=560, legend=dict(orientation="h", yanchor="bottom", y=1.01, x=0))


_METRICS = (("bic", "BIC", "lower is better"), ("silhouette", "Silhouette", "higher is better"),
            ("inertia", "Inertia", "look for the elbow"))


def k_selection(selection: Sequence[dict[str, Any]], chosen_k: int | None, *,
                titles: dict[str, str] | None = None, chosen_label: str = "chosen k") -> go.Figure:
    """One panel per criterion present in the run's selection table (BIC, silhouette, inertia).

    `selection`: rows {k, bic?, silhouette?, inertia?} as `run["selection"]`; a None value
    (e.g. the silhouette of k=1) leaves a gap. `titles` overrides the panel titles by key.
    The chosen k is a dashed vertical line across all panels plus a highlighted point.
    """
    rows = [r for r in selection if isinstance(r, dict) and "k" in r]
    if not rows:
        raise ValueError("k_selection: the selection table is empty (a run with a k range has one row per k)")
    metrics = [(key, (titles or {}).get(key, f"{label} ({hint})")) for key, label, hint in _METRICS
               if any(r.get(key) is not None for r in rows)]
    if not metrics:
        raise ValueError("k_selection: no criterion (bic, silhouette, inertia) in the selection table")
    ks = [int(r["k"]) for r in rows]
    fig = make_subplots(rows=len(metrics), cols=1, shared_xaxes=True, vertical_spacing=0.14,
                        subplot_titles=[title for _, title in metrics])
    for i, (key, title) in enumerate(metrics, start=1):
        vals = [r.get(key) for r in rows]
        fig.add_trace(go.Scatter(x=ks, y=[np.nan if v is None else v for v in vals], mode="lines+markers",
                                 name=title, showlegend=False, line=dict(color="#0072B2", width=2),
                                 marker=dict(size=8)), row=i, col=1)
        if chosen_k in ks:
            v = vals[ks.index(chosen_k)]
            if v is not None:
                fig.add_trace(go.Scatter(x=[chosen_k], y=[v], mode="markers", name=chosen_label, showlegend=i == 1,
                                         marker=dict(size=15, color="#D55E00", symbol="star")), row=i, col=1)
    if chosen_k in ks:
        fig.add_vline(x=chosen_k, line=dict(color="#D55E00", dash="dash", width=1.5), row="all", col=1)
    fig.update_xaxes(tickmode="array", tickvals=ks, title_text="k", row=len(metrics), col=1)
    return _layout(fig, height=170 + 170 * len(metrics), legend=dict(orientation="h", y=1.08, x=1,
                                                                     xanchor="right"))


def axis_means(profiles: Sequence[dict[str, Any]], *, names: Sequence[str] | None = None,
               axes: Sequence[str] | None = None, axis_titles: dict[str, str] | None = None,
               value_range: tuple[float, float] | None = None) -> go.Figure:
    """Per segment the mean of each axis with its 95 % confidence interval (error bars).

    One trace per segment, dodged side by side within each axis, so overlapping intervals (no
    real difference on that axis) are visible at a glance.
    """
    if not profiles:
        raise ValueError("axis_means: no profiles (the run placed no respondents)")
    axes = list(axes or profiles[0].get("axes", {}).keys())
    k = len(profiles)
    width = 0.7
    fig = go.Figure()
    for i, prof in enumerate(profiles):
        seg = int(prof.get("segment", i))
        offset = -width / 2 + width * (i + 0.5) / k
        xs, ys, lo, hi = [], [], [], []
        for j, axis in enumerate(axes):
            a = prof.get("axes", {}).get(axis) or {}
            mean = a.get("mean")
            xs.append(j + offset)
            ys.append(np.nan if mean is None else mean)
            lo.append(0.0 if mean is None or a.get("ci_low") is None else mean - a["ci_low"])
            hi.append(0.0 if mean is None or a.get("ci_high") is None else a["ci_high"] - mean)
        fig.add_trace(go.Scatter(
            x=xs, y=ys, mode="markers", name=_name(names, seg),
            marker=dict(color=segment_colour(seg), size=12, line=dict(color="#111", width=1)),
            error_y=dict(type="data", symmetric=False, array=hi, arrayminus=lo, color=segment_colour(seg),
                         thickness=2, width=6),
            hovertemplate="%{y:.2f}<extra>" + _name(names, seg) + "</extra>"))
    fig.update_xaxes(tickmode="array", tickvals=list(range(len(axes))),
                     ticktext=[(axis_titles or {}).get(a, a) for a in axes], range=[-0.6, len(axes) - 0.4])
    fig.update_yaxes(range=list(value_range) if value_range else None, title="mean (95% CI)")
    return _layout(fig, height=400, legend=dict(orientation="h", yanchor="top", y=-0.12, x=0))


VERDICT_THRESHOLDS = ((0.6, "weak"), (0.75, "moderately stable"), (0.85, "stable"))


def stability_chart(stability: dict[str, Any], *, names: Sequence[str] | None = None,
                    threshold_labels: dict[str, str] | None = None, title: str | None = None,
                    y_title: str = "Jaccard (bootstrap mean)") -> go.Figure:
    """Per segment Hennig's mean bootstrap Jaccard (bar, whisker down to the worst run), with the
    verdict thresholds 0.6 / 0.75 / 0.85 as lines and bands; the title carries the overall ARI."""
    segs = stability.get("segments") or []
    if not segs:
        raise ValueError("stability_chart: no per-segment results in the stability record")
    xs = [_name(names, int(r["segment"])) for r in segs]
    ys = [np.nan if r.get("jaccard_mean") is None else r["jaccard_mean"] for r in segs]
    lows = [0.0 if r.get("jaccard_min") is None or r.get("jaccard_mean") is None
            else r["jaccard_mean"] - r["jaccard_min"] for r in segs]
    fig = go.Figure()
    bands = ((0.0, 0.6, "#D55E00"), (0.6, 0.75, "#E69F00"), (0.75, 0.85, "#56B4E9"), (0.85, 1.0, "#009E73"))
    for lo, hi, colour in bands:
        fig.add_hrect(y0=lo, y1=hi, fillcolor=colour, opacity=0.08, line_width=0, layer="below")
    for value, key in VERDICT_THRESHOLDS:
        label = (threshold_labels or {}).get(key, key)
        fig.add_hline(y=value, line=dict(color="#555", dash="dot", width=1),
                      annotation_text=f"{label} ≥ {value:g}", annotation_position="right",
                      annotation_font=dict(size=11, color="#555"))
    fig.add_trace(go.Bar(
        x=xs, y=ys, marker_color=[segment_colour(int(r["segment"])) for r in segs],
        error_y=dict(type="data", symmetric=False, array=[0.0] * len(ys), arrayminus=lows, color="#333"),
        text=[f"{v:.2f}" if np.isfinite(v) else "–" for v in ys], textposition="inside", insidetextanchor="middle",
        textfont=dict(size=14),
        hovertemplate="%{x}: %{y:.2f}<extra></extra>", showlegend=False))
    fig.update_yaxes(range=[0, 1.02], title=y_title)
    if title is None:
        ari = stability.get("ari_mean")
        title = f"ARI {ari:.2f}" if ari is not None else ""
    _layout(fig, height=380, title=dict(text=title, x=0, font=dict(size=14)))
    fig.update_layout(margin=dict(r=140))  # room for the threshold labels right of the plot
    return fig


def confusion_heatmap(confusion: Sequence[Sequence[int]], *, names: Sequence[str] | None = None,
                      x_title: str = "typed as", y_title: str = "segment") -> go.Figure:
    """Cross-validated confusion matrix: colour = share of the row (true segment), text = count."""
    m = np.asarray(confusion, dtype=float)
    if m.ndim != 2 or m.shape[0] != m.shape[1] or m.size == 0:
        raise ValueError(f"confusion_heatmap: expected a square matrix, got shape {m.shape}")
    rows = m.sum(axis=1, keepdims=True)
    share = np.divide(m, rows, out=np.zeros_like(m), where=rows > 0)
    labels = [_name(names, i).replace(" · ", "<br>") for i in range(m.shape[0])]
    text = [[f"{int(m[i, j])}<br>{share[i, j]:.0%}" for j in range(m.shape[1])] for i in range(m.shape[0])]
    fig = go.Figure(go.Heatmap(z=share, x=labels, y=labels, text=text, texttemplate="%{text}",
                               colorscale="Blues", zmin=0, zmax=1, showscale=False,
                               hovertemplate=f"{y_title}: %{{y}}<br>{x_title}: %{{x}}<br>%{{text}}<extra></extra>"))
    fig.update_xaxes(title=x_title, side="bottom")
    fig.update_yaxes(title=y_title, autorange="reversed")
    return _layout(fig, height=120 + 60 * m.shape[0])


def accuracy_by_questions(accuracy_by_n: Sequence[float], *, x_title: str = "questions asked",
                          y_title: str = "accuracy (cross-validated)") -> go.Figure:
    """How much each extra golden question adds: helps pick the shortest useful tool."""
    if not accuracy_by_n:
        raise ValueError("accuracy_by_questions: no accuracies (only the greedy method reports them)")
    n = list(range(1, len(accuracy_by_n) + 1))
    fig = go.Figure(go.Scatter(x=n, y=list(accuracy_by_n), mode="lines+markers",
                               line=dict(color="#0072B2", width=2), hovertemplate="%{x}: %{y:.1%}<extra></extra>"))
    fig.update_xaxes(title=x_title, tickmode="array", tickvals=n)
    fig.update_yaxes(title=y_title, tickformat=".0%", range=[0, 1.02])
    return _layout(fig, height=300)
