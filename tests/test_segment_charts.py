"""segmentation.charts: the figures the Segments page shows, checked without a browser."""
from __future__ import annotations

import numpy as np
import plotly.graph_objects as go
import pytest

from segmentation import charts


def _points(n: int, seed: int = 0):
    rng = np.random.default_rng(seed)
    x, y = rng.uniform(1, 5, n), rng.uniform(1, 5, n)
    labels = np.where(x >= 3, 0, 2) + np.where(y >= 3, 0, 1)
    return x, y, labels


def test_axis_map_switches_to_webgl_above_5000_points():
    small = charts.axis_map(*_points(5000))
    large = charts.axis_map(*_points(5001))
    respondents = lambda fig: [tr for tr in fig.data if tr.name != "segment centre"]  # noqa: E731
    assert all(isinstance(tr, go.Scatter) for tr in respondents(small))
    assert all(isinstance(tr, go.Scattergl) for tr in respondents(large))
    # the few centre markers stay SVG so their labels render the same either way
    assert [tr.name for tr in large.data if isinstance(tr, go.Scatter)] == ["segment centre"]


def test_axis_map_traces_one_per_segment_plus_centres_and_respondents_all_drawn():
    x, y, labels = _points(800)
    labels[:10] = -1  # not placed: left out
    fig = charts.axis_map(x, y, labels, names=["A", "B", "C", "D"], shares=[0.4, 0.3, 0.2, 0.1])
    assert len(fig.data) == 5  # 4 segments + centres; no cut lines or near-cut rings without cuts
    assert sum(len(tr.x) for tr in fig.data[:4]) == 790
    assert fig.data[0].name == "A (40%)"
    assert not fig.layout.shapes
    centre = fig.data[-1]
    assert np.allclose(centre.x[0], x[labels == 0].mean())
    assert [a.text for a in fig.layout.annotations] == ["<b>A</b> · 40%", "<b>B</b> · 30%", "<b>C</b> · 20%",
                                                        "<b>D</b> · 10%"]


def test_quadrant_axis_map_has_cut_lines_and_marks_near_cut_respondents():
    x = np.array([1.0, 2.9, 3.0, 3.2, 4.5, 4.9])
    y = np.array([1.0, 4.0, 2.0, 4.5, 1.5, 3.1])
    labels = np.where(x >= 3, 0, 2) + np.where(y >= 3, 0, 1)
    fig = charts.axis_map(x, y, labels, cuts=(3.0, 3.0), near=0.25)
    lines = [(s.type, s.x0, s.y0) for s in fig.layout.shapes]
    assert ("line", 3.0, 0) in lines and ("line", 0, 3.0) in lines  # vertical x=3, horizontal y=3
    near = next(tr for tr in fig.data if tr.name.startswith("near a cut"))
    assert sorted(near.x) == [2.9, 3.0, 3.2, 4.9]  # within 0.25 of x=3 or y=3
    assert near.name == "near a cut (4)"


def test_axis_map_rejects_mismatched_lengths():
    with pytest.raises(ValueError, match="one value per respondent"):
        charts.axis_map([1, 2], [1, 2, 3], [0, 0])


def test_k_selection_panels_follow_the_criteria_present_and_mark_the_chosen_k():
    gmm = [{"k": k, "bic": 100 - k, "silhouette": 0.3 + k / 100, "loglik": -k} for k in range(2, 6)]
    fig = charts.k_selection(gmm, 4)
    titles = [a.text for a in fig.layout.annotations]
    assert titles == ["BIC (lower is better)", "Silhouette (higher is better)"]
    lines = [tr for tr in fig.data if tr.mode == "lines+markers"]
    assert [list(tr.x) for tr in lines] == [[2, 3, 4, 5]] * 2
    stars = [tr for tr in fig.data if tr.name == "chosen k"]
    assert [list(tr.x) for tr in stars] == [[4], [4]]
    assert any(s.x0 == 4 and s.x1 == 4 for s in fig.layout.shapes)

    km = [{"k": 2, "inertia": 10.0, "silhouette": None}, {"k": 3, "inertia": 6.0, "silhouette": 0.4}]
    fig = charts.k_selection(km, 3)
    assert [a.text for a in fig.layout.annotations][:2] == ["Silhouette (higher is better)",
                                                            "Inertia (look for the elbow)"]
    with pytest.raises(ValueError):
        charts.k_selection([], 2)


def test_stability_chart_shows_the_three_verdict_thresholds_and_the_ari():
    stab = {"ari_mean": 0.81, "segments": [
        {"segment": 0, "jaccard_mean": 0.9, "jaccard_min": 0.7},
        {"segment": 1, "jaccard_mean": 0.55, "jaccard_min": 0.2}]}
    fig = charts.stability_chart(stab, names=["A", "B"])
    hlines = sorted(s.y0 for s in fig.layout.shapes if s.type == "line")
    assert hlines == [0.6, 0.75, 0.85]
    assert fig.layout.title.text == "ARI 0.81"
    bar = fig.data[0]
    assert list(bar.x) == ["A", "B"] and list(bar.y) == [0.9, 0.55]
    assert np.allclose(bar.error_y.arrayminus, [0.2, 0.35])


def test_confusion_heatmap_colours_by_row_share_and_prints_counts():
    fig = charts.confusion_heatmap([[8, 2], [1, 9]], names=["A", "B"])
    z = np.asarray(fig.data[0].z)
    assert np.allclose(z, [[0.8, 0.2], [0.1, 0.9]])
    assert fig.data[0].text[0][0] == "8<br>80%"
    with pytest.raises(ValueError, match="square"):
        charts.confusion_heatmap([[1, 2, 3]])


def test_axis_means_has_one_trace_per_segment_with_ci_error_bars():
    profiles = [{"segment": s, "axes": {"control": {"mean": 2 + s, "ci_low": 1.9 + s, "ci_high": 2.2 + s},
                                        "orientation": {"mean": 3.0, "ci_low": 2.8, "ci_high": 3.1}}}
                for s in range(3)]
    fig = charts.axis_means(profiles, names=["A", "B", "C"])
    assert [tr.name for tr in fig.data] == ["A", "B", "C"]
    assert np.allclose(fig.data[1].error_y.arrayminus, [0.1, 0.2])
    assert np.allclose(fig.data[1].error_y.array, [0.2, 0.1])
    assert list(fig.layout.xaxis.ticktext) == ["control", "orientation"]
