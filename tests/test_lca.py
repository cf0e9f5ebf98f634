"""Latent class analysis: checked against R poLCA on the Stouffer-Toby `values` data."""
from __future__ import annotations

import itertools
import json
from pathlib import Path

import numpy as np
import pandas as pd
import pytest

from segmentation.lca import LatentClassModel, latent_class_loglik

VALUES = Path(__file__).parent / "data" / "poLCA_values.csv"


@pytest.fixture(scope="module")
def values() -> pd.DataFrame:
    return pd.read_csv(VALUES, comment="#")


def test_values_data_is_the_published_table(values):
    """216 respondents; marginals as in Stouffer & Toby (1951) / Goodman (2002, Table 4)."""
    assert values.shape == (216, 4)
    assert (values == 1).sum().to_dict() == {"A": 45, "B": 108, "C": 105, "D": 149}
    assert len(values.drop_duplicates()) == 16


def test_two_classes_match_polca(values):
    """poLCA reference manual, data(values): `poLCA(cbind(A,B,C,D)~1, values, nclass=2)`
    gives log-likelihood -504.4677 (Linzer & Lewis 2011, J. Stat. Softw. 42(10); man/values.Rd).
    poLCA's printed fit (as reproduced in the broom package's poLCA tidier example): AIC 1026.935,
    BIC 1057.313, 9 parameters, class shares 0.7208 / 0.2792, Pr(1) by item for the two classes
    A .2864/.0068, B .6704/.0602, C .6460/.0735, D .8676/.2309, modal class shares .6713/.3287.
    poLCA's default tol is 1e-10."""
    m = LatentClassModel(n_classes=2, n_starts=10, tol=1e-10, random_state=1).fit(values)
    assert m.loglik_ == pytest.approx(-504.4677, abs=5e-5)
    assert m.aic_ == pytest.approx(1026.935, abs=5e-4)
    assert m.bic_ == pytest.approx(1057.313, abs=5e-4)
    assert m.n_params_ == 9
    np.testing.assert_allclose(m.weights_, [0.7208, 0.2792], atol=6e-5)
    expected = {"A": [0.2864, 0.0068], "B": [0.6704, 0.0602], "C": [0.6460, 0.0735],
                "D": [0.8676, 0.2309]}
    for item, pr1 in expected.items():
        assert m.categories_[item] == [1, 2]
        np.testing.assert_allclose(m.item_probs_[item][:, 0], pr1, atol=6e-5)
        np.testing.assert_allclose(m.item_probs_[item].sum(axis=1), 1.0)
    np.testing.assert_allclose(np.bincount(m.labels_) / 216, [0.6713, 0.3287], atol=5e-5)
    assert m.best_start_count_ == 10
    assert m.posterior_.shape == (216, 2)


def test_one_and_three_classes_match_polca(values):
    """poLCA man/values.Rd: nclass=1 log-likelihood -543.6498; nclass=3 (maxiter=8000)
    -503.3011 (Goodman 2002, Tables 5b-6; the 3-class model is not identified, but its maximum
    log-likelihood is)."""
    assert LatentClassModel(1).fit(values).loglik_ == pytest.approx(-543.6498, abs=5e-5)
    m3 = LatentClassModel(3, n_starts=6, max_iter=8000, tol=1e-10, random_state=0).fit(values)
    assert m3.loglik_ == pytest.approx(-503.3011, abs=5e-5)
    assert m3.n_params_ == 14


def test_screening_finds_the_same_optimum(values):
    """Short screening runs then full runs for the best starts reach poLCA's optimum too, and
    best_start_count_ only counts the starts that were run to convergence."""
    m = LatentClassModel(2, n_starts=12, n_keep=3, screen_iter=10, tol=1e-10).fit(values)
    assert m.loglik_ == pytest.approx(-504.4677, abs=5e-5)
    assert m.n_full_starts_ == 3
    assert 1 <= m.best_start_count_ <= 3
    assert sum(v is not None for v in m.start_logliks_) == 3


def _simulate(rng, n, weights, probs):
    z = rng.choice(len(weights), size=n, p=weights)
    cols = {}
    for j, p in enumerate(probs):
        u = rng.random(n)[:, None]
        cols[f"q{j}"] = (u > np.cumsum(p[z], axis=1)).sum(axis=1) + 1
    return pd.DataFrame(cols).astype(float)


def test_missing_answers_full_information():
    """Missing answers drop out of a respondent's likelihood (poLCA with na.rm = FALSE). On data
    simulated from known parameters with 10 % of the answers deleted, the fitted maximum
    likelihood is at least that of the true parameters, and the item probabilities are
    recovered within 0.05."""
    rng = np.random.default_rng(42)
    weights = np.array([0.5, 0.3, 0.2])
    probs = [np.array(p) for p in (
        [[.8, .1, .1], [.1, .8, .1], [.1, .1, .8]], [[.7, .2, .1], [.2, .7, .1], [.1, .2, .7]],
        [[.8, .1, .1], [.1, .1, .8], [.1, .8, .1]], [[.6, .3, .1], [.1, .3, .6], [.3, .6, .1]],
        [[.9, .05, .05], [.2, .6, .2], [.05, .05, .9]], [[.1, .8, .1], [.8, .1, .1], [.1, .1, .8]])]
    X = _simulate(rng, 4000, weights, probs)
    X = X.mask(rng.random(X.shape) < 0.10)
    assert 0.09 < X.isna().to_numpy().mean() < 0.11
    m = LatentClassModel(3, n_starts=8, random_state=0).fit(X)
    truth = {f"q{j}": p for j, p in enumerate(probs)}
    ll_true = latent_class_loglik(X, weights, truth, {c: [1.0, 2.0, 3.0] for c in X.columns})
    assert m.loglik_ >= ll_true - 1e-6
    perm = min(itertools.permutations(range(3)),
               key=lambda p: sum(np.abs(m.item_probs_[c][list(p)] - truth[c]).sum() for c in truth))
    for c in truth:
        np.testing.assert_allclose(m.item_probs_[c][list(perm)], truth[c], atol=0.05)
    np.testing.assert_allclose(m.weights_[list(perm)], weights, atol=0.05)
    # a respondent with every answer missing is placed by the class shares alone
    proba = m.predict_proba(pd.DataFrame({c: [np.nan] for c in X.columns}))
    np.testing.assert_allclose(proba[0], m.weights_, atol=1e-4)


def test_any_labels_predict_and_json(values):
    """Categories may be text; predict_proba on the training rows equals posterior_."""
    text = values.replace({1: "particularistic", 2: "universalistic"})
    m = LatentClassModel(2, random_state=3).fit(text)
    assert m.categories_["A"] == ["particularistic", "universalistic"]
    np.testing.assert_allclose(m.predict_proba(text), m.posterior_, atol=1e-12)
    assert (m.predict(text) == m.labels_).all()
    assert m.loglik_ == pytest.approx(-504.4677, abs=1e-3)
    json.dumps(m.summary(), allow_nan=False)
    again = LatentClassModel(2, random_state=3).fit(text)
    assert again.start_logliks_ == m.start_logliks_


def test_bad_input_is_a_value_error(values):
    m = LatentClassModel(2).fit(values)
    with pytest.raises(ValueError, match=r"row 0, column 'A'.*not seen"):
        m.predict(values.assign(A=[9] + [1] * 215))
    with pytest.raises(ValueError, match="column 'D': missing"):
        m.predict(values.drop(columns="D"))
    with pytest.raises(ValueError, match="column 'E': every answer is missing"):
        LatentClassModel(2).fit(values.assign(E=np.nan))
    with pytest.raises(ValueError, match="n_classes"):
        LatentClassModel(0).fit(values)
