"""Bootstrap stability of segmentations (Hennig 2007, fpc::clusterboot)."""
from __future__ import annotations

import json
from pathlib import Path

import numpy as np
import pandas as pd
import pytest
from sklearn.datasets import make_blobs

from segmentation.cluster import KMeansSegmenter, QuadrantSegmenter
from segmentation.lca import LatentClassModel
from segmentation.stability import jaccard_verdict, segment_stability


def _km():
    return KMeansSegmenter(k=4, n_init=3)


@pytest.fixture(scope="module")
def clean():
    X, _ = make_blobs(400, centers=[[0, 0], [8, 0], [0, 8], [8, 8]], random_state=3)
    return X


def test_clean_blobs_are_stable(clean):
    """Four well-separated blobs: every segment is recovered in every bootstrap (Jaccard > 0.9,
    Hennig's "highly stable" >= 0.85), and the ARI with the full-data labels is ~1."""
    res = segment_stability(clean, _km, n_boot=20, random_state=0)
    assert len(res["segments"]) == 4
    for seg in res["segments"]:
        assert seg["jaccard_mean"] > 0.9
        assert seg["dissolved"] == 0 and seg["recovered"] == 20
        assert seg["verdict"] == "stable"
    assert res["verdict"] == "stable"
    assert res["ari_mean"] > 0.95
    json.dumps(res, allow_nan=False)


def test_noise_is_less_stable(clean):
    """Uniform noise in 5 dimensions has no segments: k-means with k=4 still cuts it, but the cuts
    move between bootstraps, so the Jaccard values fall (Hennig 2007: < 0.6 not to be trusted)."""
    noise = np.random.default_rng(0).uniform(size=(400, 5))
    res = segment_stability(noise, _km, n_boot=20, random_state=0)
    clean_res = segment_stability(clean, _km, n_boot=20, random_state=0)
    assert res["jaccard_mean"] < clean_res["jaccard_mean"] - 0.2
    assert min(s["jaccard_mean"] for s in res["segments"]) < 0.6
    assert res["verdict"] == "unstable"
    assert res["ari_mean"] < 0.6
    assert res["ari_ci"][0] <= res["ari_mean"] <= res["ari_ci"][1]


def test_deterministic_under_random_state(clean):
    noise = np.random.default_rng(1).uniform(size=(200, 4))
    a = segment_stability(noise, _km, n_boot=8, random_state=5)
    b = segment_stability(noise, _km, n_boot=8, random_state=5)
    c = segment_stability(noise, _km, n_boot=8, random_state=6)
    assert a == b
    assert a != c


def test_unplaced_respondents_and_dataframes():
    """Respondents with label -1 (missing axis) are left out; DataFrames are resampled by row."""
    rng = np.random.default_rng(2)
    scores = pd.DataFrame({"x": rng.uniform(1, 5, 300), "y": rng.uniform(1, 5, 300)})
    scores.loc[:9, "x"] = np.nan
    res = segment_stability(scores, lambda: QuadrantSegmenter("x", "y", midpoint=(3, 3)), n_boot=5)
    # fixed cuts: the quadrant model is perfectly reproducible
    assert res["ari_mean"] == 1.0 and res["verdict"] == "stable"
    assert sum(s["n"] for s in res["segments"]) == 290


def test_lca_stability_runs_on_categorical_frames():
    values = pd.read_csv(Path(__file__).parent / "data" / "poLCA_values.csv", comment="#")
    res = segment_stability(values, lambda: LatentClassModel(2, n_starts=2), n_boot=5)
    assert [s["segment"] for s in res["segments"]] == [0, 1]
    assert all(s["n_runs"] == 5 for s in res["segments"])


def test_verdict_thresholds_and_errors(clean):
    """Hennig (2007) / clusterboot help: >= .85 highly stable, >= .75 stable, .6-.75 doubtful,
    < .6 not to be trusted."""
    assert [jaccard_verdict(v) for v in (0.9, 0.8, 0.7, 0.5)] == [
        "stable", "moderately stable", "weak", "unstable"]
    with pytest.raises(ValueError, match="n_boot"):
        segment_stability(clean, _km, n_boot=0)
    with pytest.raises(ValueError, match="labels: expected 400"):
        segment_stability(clean, _km, labels=np.zeros(3))
