"""Segmenters (quadrant, k-means, GMM) and segment profiles."""
from __future__ import annotations

import json

import numpy as np
import pandas as pd
import pytest
from scipy import stats
from sklearn.cluster import KMeans
from sklearn.datasets import make_blobs
from sklearn.metrics import adjusted_rand_score, silhouette_score
from sklearn.mixture import GaussianMixture
from sklearn.preprocessing import StandardScaler

from segmentation.cluster import GMMSegmenter, KMeansSegmenter, QuadrantSegmenter, sample_silhouettes
from segmentation.profiles import profile_segments


@pytest.fixture(scope="module")
def blobs():
    X, y = make_blobs(n_samples=800, centers=[[0, 0], [8, 0], [0, 8], [8, 8]], cluster_std=1.0,
                      random_state=3)
    return X, y


# -- quadrant -------------------------------------------------------------------------------------
def test_quadrant_hand_checked():
    """Cut at the scale midpoint 3 of two 1-5 scales; 0 = high/high, 1 = high x/low y,
    2 = low x/high y, 3 = low/low; on the cut counts as high; a missing axis gives -1."""
    scores = pd.DataFrame({"control": [4.0, 4.5, 2.0, 1.5, 3.0, np.nan, 3.2],
                           "orientation": [4.0, 2.0, 4.2, 1.0, 3.0, 4.0, 1.0]})
    q = QuadrantSegmenter("control", "orientation", midpoint=(3, 3), near=0.25,
                          poles=(("low control", "high control"), ("process", "relationship")))
    q.fit(scores)
    assert q.labels_.tolist() == [0, 1, 2, 3, 0, -1, 1]
    assert q.near_cut_.tolist() == [False, False, False, False, True, False, True]
    assert q.cuts_ == (3.0, 3.0)
    assert q.shares_ == pytest.approx([2 / 6, 2 / 6, 1 / 6, 1 / 6])
    assert q.names_[0] == "high control · relationship"
    assert q.names_[3] == "low control · process"
    assert q.n_missing_ == 1
    assert q.predict(scores).tolist() == q.labels_.tolist()
    assert json.loads(json.dumps(q.summary()))["n_near_cut"] == 2


def test_quadrant_midpoint_versus_median():
    """A sample that leans high on both axes: the midpoint keeps "high" meaning high on the
    scale (everyone in segment 0); the median splits the sample in halves."""
    scores = pd.DataFrame({"x": [3.5, 4.0, 4.5, 5.0], "y": [3.2, 4.8, 3.6, 4.0]})
    mid = QuadrantSegmenter("x", "y", midpoint=(3, 3)).fit(scores)
    assert mid.labels_.tolist() == [0, 0, 0, 0]
    med = QuadrantSegmenter("x", "y", cut="median").fit(scores)
    assert med.cuts_ == (4.25, 3.8)
    assert med.labels_.tolist() == [3, 2, 1, 0]
    assert med.shares_ == [0.25] * 4


def test_quadrant_bad_input():
    scores = pd.DataFrame({"x": [1.0], "y": [2.0]})
    with pytest.raises(ValueError, match="midpoint"):
        QuadrantSegmenter("x", "y").fit(scores)
    with pytest.raises(ValueError, match="column 'z'"):
        QuadrantSegmenter("x", "z", cut="median").fit(scores)
    with pytest.raises(ValueError, match="column 'y': expected numeric"):
        QuadrantSegmenter("x", "y", cut="median").fit(scores.assign(y=["a lot"]))


# -- k-means / GMM --------------------------------------------------------------------------------
def test_kmeans_equals_sklearn(blobs):
    """Same seed, same n_init: the wrapper's segments are sklearn's (up to renumbering)."""
    X, _ = blobs
    seg = KMeansSegmenter(k=4, n_init=5, random_state=7).fit(X)
    ref = KMeans(n_clusters=4, n_init=5, random_state=7).fit(StandardScaler().fit_transform(X))
    assert adjusted_rand_score(seg.labels_, ref.labels_) == 1.0
    raw = KMeansSegmenter(k=3, standardize=False, n_init=5, random_state=1).fit(X)
    assert adjusted_rand_score(raw.labels_, KMeans(3, n_init=5, random_state=1).fit_predict(X)) == 1.0
    # numbered by size, largest first
    assert raw.shares_ == sorted(raw.shares_, reverse=True)


def test_gmm_equals_sklearn(blobs):
    X, _ = blobs
    seg = GMMSegmenter(k=4, n_init=2, random_state=0).fit(X)
    Z = StandardScaler().fit_transform(X)
    ref = GaussianMixture(4, n_init=2, random_state=0).fit(Z)
    assert adjusted_rand_score(seg.labels_, ref.predict(Z)) == 1.0
    row = seg.selection_[0]
    assert row["bic"] == pytest.approx(ref.bic(Z))
    assert row["loglik"] == pytest.approx(ref.score(Z) * len(Z))
    proba = seg.predict_proba(X)
    assert (proba.argmax(axis=1) == seg.labels_).all()


def test_k_selection_finds_four_blobs(blobs):
    """Four well-separated blobs: silhouette (k-means) and BIC (GMM) both pick k = 4."""
    X, y = blobs
    km = KMeansSegmenter(k_range=(2, 8), n_init=3).fit(X)
    assert km.k_ == 4
    assert [r["k"] for r in km.selection_] == list(range(2, 9))
    assert adjusted_rand_score(km.labels_, y) > 0.99
    gm = GMMSegmenter(k_range=(2, 6), n_init=1).fit(X)
    assert gm.k_ == 4
    summary = json.loads(json.dumps(gm.summary(), allow_nan=False))
    assert summary["k"] == 4 and summary["bic"] == min(r["bic"] for r in gm.selection_)
    json.dumps(km.summary(), allow_nan=False)


def test_shared_sample_silhouette_equals_sklearn(blobs):
    """The one-pass silhouette equals sklearn.metrics.silhouette_score on the full data."""
    X, _ = blobs
    labs = [KMeans(k, n_init=2, random_state=0).fit_predict(X) for k in (2, 3, 5)]
    ours = sample_silhouettes(X, labs, sample_size=5000)
    assert ours == pytest.approx([silhouette_score(X, lab) for lab in labs], abs=1e-9)


def test_missing_rows_get_minus_one(blobs):
    X, _ = blobs
    df = pd.DataFrame(X, columns=["control", "orientation"])
    df.iloc[[0, 5], 1] = np.nan
    seg = KMeansSegmenter(k=4, n_init=2).fit(df)
    assert seg.labels_[[0, 5]].tolist() == [-1, -1]
    assert seg.n_missing_ == 2 and (seg.labels_[1:5] >= 0).all()
    assert sum(seg.shares_) == pytest.approx(1.0)
    assert (seg.predict(df) == seg.labels_).all()
    with pytest.raises(ValueError, match="column 'control': expected numeric"):
        KMeansSegmenter(k=2).fit(df.assign(control="high"))


# -- profiles -------------------------------------------------------------------------------------
def test_profiles_effect_sizes_and_cis():
    """Cohen's d (pooled SD, segment vs rest), the 95 % t interval of an axis mean, Cohen's h for
    answer shares (Cohen 1988, ch. 2 and 6) and Haberman's adjusted residual, by hand."""
    labels = np.array([0, 0, 0, 0, 1, 1, 1, 1, -1])
    scores = pd.DataFrame({"control": [4, 4.5, 5, 4.5, 2, 2.5, 2, 3, 3.0]})
    items = pd.DataFrame({"c1": [5, 4, 5, 4, 2, 2, 3, 1, 3], "c2": [3, 3, 4, 3, 3, 4, 3, 3, 1]})
    behaviour = pd.DataFrame({"channel": ["site", "site", "site", "web", "web", "web", "web",
                                          "site", "web"]})
    demo = pd.DataFrame({"age": [30, 40, 50, 60, 35, 45, 55, 65, 20]})
    prof = profile_segments(labels, scores, items=items, behaviour=behaviour, demographics=demo)
    assert [p["segment"] for p in prof] == [0, 1]
    p0 = prof[0]
    assert p0["n"] == 4 and p0["share"] == 0.5
    ctrl = np.array([4, 4.5, 5, 4.5])
    lo, hi = stats.t.interval(0.95, 3, loc=ctrl.mean(), scale=stats.sem(ctrl))
    assert p0["axes"]["control"]["ci_low"] == pytest.approx(lo)
    assert p0["axes"]["control"]["ci_high"] == pytest.approx(hi)
    a, b = np.array([5, 4, 5, 4.0]), np.array([2, 2, 3, 1.0])
    d = (a.mean() - b.mean()) / np.sqrt((3 * a.var(ddof=1) + 3 * b.var(ddof=1)) / 6)
    top = p0["distinguishing"][0]
    assert (top["column"], top["source"]) == ("c1", "item")
    assert top["effect"] == pytest.approx(d)
    site = next(r for r in p0["distinguishing"] if r.get("level") == "site")
    assert site["share"] == 0.75 and site["share_rest"] == 0.25
    assert site["effect"] == pytest.approx(2 * np.arcsin(np.sqrt(.75)) - 2 * np.arcsin(np.sqrt(.25)))
    # 2x2 table [[3,1],[1,3]]: expected 2, adjusted residual 1 / sqrt(2 * .5 * .5) = sqrt(2)
    assert site["adj_residual"] == pytest.approx(np.sqrt(2))
    effects = [abs(r["effect"]) for r in p0["distinguishing"]]
    assert effects == sorted(effects, reverse=True)
    assert {r["source"] for r in p0["distinguishing"]} == {"item", "behaviour"}
    assert p0["demographics_description_only"]["age"]["mean"] == 45
    assert all(r["column"] != "age" for r in p0["distinguishing"])
    json.dumps(prof, allow_nan=False)


def test_profiles_reject_misaligned_tables():
    with pytest.raises(ValueError, match="items: expected 3 rows"):
        profile_segments([0, 1, 1], pd.DataFrame({"x": [1.0, 2, 3]}), items=pd.DataFrame({"a": [1]}))
