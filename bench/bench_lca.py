"""Bench: latent class analysis, 20,000 respondents x 10 items x 4 categories, 4 classes, 20 starts.

Prints time, best log-likelihood and how many starts reached it for:
  * LatentClassModel, every start run to convergence (poLCA's way);
  * LatentClassModel with screening (all starts 50 iterations, best 5 to convergence);
  * StepMix (PyPI ``stepmix``, MIT) with the same starts/tolerance, if installed; else skipped.
Ratios are StepMix time / ours. Data: simulated from known parameters, 5 % answers missing.

    .venv/bin/python bench/bench_lca.py
"""
from __future__ import annotations

import sys
import time
from pathlib import Path

import numpy as np
import pandas as pd

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from segmentation.lca import LatentClassModel, latent_class_loglik  # noqa: E402

N, J, C, K, STARTS, TOL, SEED = 20_000, 10, 4, 4, 20, 1e-6, 0


def simulate(seed: int = SEED):
    rng = np.random.default_rng(seed)
    weights = np.array([0.4, 0.3, 0.2, 0.1])
    probs = rng.dirichlet(np.full(C, 0.6), size=(J, K))  # J x K x C
    z = rng.choice(K, N, p=weights)
    u = rng.random((N, J))
    cum = np.cumsum(probs[np.arange(J)[None, :], z[:, None]], axis=2)  # N x J x C
    ans = (u[..., None] > cum).sum(axis=2).astype(float)
    ans[rng.random(ans.shape) < 0.05] = np.nan
    X = pd.DataFrame(ans, columns=[f"i{j}" for j in range(J)])
    truth = {f"i{j}": probs[j] for j in range(J)}
    return X, weights, truth


def run_ours(X, **kw):
    t = time.perf_counter()
    m = LatentClassModel(K, n_starts=STARTS, tol=TOL, max_iter=1000, random_state=SEED, **kw).fit(X)
    return time.perf_counter() - t, m


def run_stepmix(X):
    try:
        from stepmix.stepmix import StepMix
    except ImportError:
        return None
    codes = X.to_numpy()  # categories 0..C-1, NaN missing
    measurement = "categorical_nan" if np.isnan(codes).any() else "categorical"
    t = time.perf_counter()
    sm = StepMix(n_components=K, measurement=measurement, n_init=STARTS, max_iter=1000,
                 abs_tol=TOL, rel_tol=0.0, random_state=SEED, verbose=0, progress_bar=0)
    sm.fit(codes)
    dt = time.perf_counter() - t
    # sklearn convention: score() is the mean log-likelihood per respondent
    return dt, float(sm.score(codes)) * len(codes)


def main() -> None:
    X, weights, truth = simulate()
    ll_true = latent_class_loglik(X, weights, truth, {c: [0.0, 1.0, 2.0, 3.0] for c in X.columns})
    print(f"respondents={N} items={J} categories={C} classes={K} starts={STARTS} tol={TOL}")
    print(f"log-likelihood at the true parameters: {ll_true:.3f}")
    t_full, m = run_ours(X)
    print(f"ours, all starts to convergence: {t_full:6.2f} s  loglik={m.loglik_:.3f}  "
          f"best reached by {m.best_start_count_}/{m.n_full_starts_} starts, {m.n_iter_} iterations")
    t_scr, ms = run_ours(X, n_keep=5, screen_iter=50)
    print(f"ours, screen 50 it. + best 5:    {t_scr:6.2f} s  loglik={ms.loglik_:.3f}  "
          f"best reached by {ms.best_start_count_}/{ms.n_full_starts_} continued starts")
    res = run_stepmix(X)
    if res is None:
        print("stepmix not installed: comparison skipped (pip install stepmix, MIT licence)")
        return
    t_sm, ll_sm = res
    print(f"stepmix:                         {t_sm:6.2f} s  loglik={ll_sm:.3f}")
    print(f"ratio stepmix/ours (full) = {t_sm / t_full:.2f}; loglik ours - stepmix = {m.loglik_ - ll_sm:+.4f}")


if __name__ == "__main__":
    main()
