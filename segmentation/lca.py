"""Latent class analysis (LCA) of categorical survey items, fitted by EM as R poLCA does.

Why our own EM and not a dependency: the model is small (class shares plus one multinomial per
item and class), poLCA's behaviour is the reference users know (random starts, log-likelihood,
AIC/BIC with poLCA's parameter count, missing answers dropping out of a respondent's likelihood
as with ``na.rm = FALSE``), and numpy gives it fast:

* respondents with the same answer pattern are collapsed into one weighted row (exact);
* answers are one-hot encoded once; the E-step is one matmul in log space and the M-step two;
* all random starts are iterated together as one batch (``starts x classes`` columns), each until
  its own convergence, so every start is run to convergence as poLCA does. Optionally
  (``n_keep``) all starts are first screened for ``screen_iter`` iterations and only the best
  ``n_keep`` are continued; ``best_start_count_`` then counts only those continued starts.
* BLAS runs single-threaded inside the EM loop: the matmuls are thin, and on a shared machine
  OpenBLAS threads made them ~10x slower.
"""
from __future__ import annotations

from typing import Any

import numpy as np
import pandas as pd
from threadpoolctl import threadpool_limits  # ships with scikit-learn

__all__ = ["LatentClassModel", "latent_class_loglik"]

_FLOOR = 1e-300  # log(0) guard: 0 * log(0) must stay 0 in the matmul, not NaN


def _categories(col: pd.Series) -> list[Any]:
    """Sorted distinct non-missing answers of one column (sorted as text if types are mixed)."""
    vals = pd.unique(col.dropna())
    try:
        cats = sorted(vals)
    except TypeError:
        cats = sorted(vals, key=str)
    return [v.item() if isinstance(v, np.generic) else v for v in cats]


def _as_frame(X: Any) -> pd.DataFrame:
    if isinstance(X, pd.DataFrame):
        return X
    arr = np.asarray(X, dtype=object)
    if arr.ndim != 2:
        raise ValueError(f"X: expected a 2-D table of answers, got {arr.ndim} dimension(s)")
    return pd.DataFrame(arr, columns=[f"x{j}" for j in range(arr.shape[1])])


def _encode(X: pd.DataFrame, categories: dict[str, list[Any]]) -> np.ndarray:
    """Integer codes (n x J), -1 for a missing answer; unknown answers are a ValueError."""
    codes = np.empty((len(X), len(categories)), dtype=np.int64)
    for j, (item, cats) in enumerate(categories.items()):
        if item not in X.columns:
            raise ValueError(f"column {item!r}: missing, the model was fitted on it")
        col = X[item]
        c = pd.Index(cats).get_indexer(col.to_numpy()).astype(np.int64)
        bad = (c < 0) & col.notna().to_numpy()
        if bad.any():
            row = int(np.flatnonzero(bad)[0])
            raise ValueError(f"row {row}, column {item!r}: answer {col.iloc[row]!r} was not seen "
                             f"when fitting (expected one of {cats})")
        codes[:, j] = c
    return codes


def _one_hot(codes: np.ndarray, sizes: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """One-hot answers (n x sum(sizes)) and the observed-item indicator (n x J)."""
    offsets = np.concatenate([[0], np.cumsum(sizes)[:-1]])
    n, J = codes.shape
    Y = np.zeros((n, int(sizes.sum())))
    obs = codes >= 0
    rows, items = np.nonzero(obs)
    Y[rows, offsets[items] + codes[rows, items]] = 1.0
    return Y, obs.astype(float)


def _loglik_rows(Y: np.ndarray, log_w: np.ndarray, log_theta: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Per-row joint log densities (n x S x K) and row log-likelihoods (n x S).

    log_w: (S, K); log_theta: (S, K, C).
    """
    S, K, C = log_theta.shape
    L = (Y @ log_theta.reshape(S * K, C).T).reshape(len(Y), S, K) + log_w[None]
    m = L.max(axis=2, keepdims=True)
    ll = m[..., 0] + np.log(np.exp(L - m).sum(axis=2))
    return L, ll


def latent_class_loglik(X: Any, weights: np.ndarray, item_probs: dict[str, np.ndarray],
                        categories: dict[str, list[Any]]) -> float:
    """Log-likelihood of data X under given LCA parameters (missing answers drop out).

    Useful to compare a fit against known (e.g. simulated) parameters.
    """
    X = _as_frame(X)
    codes = _encode(X, categories)
    sizes = np.array([len(c) for c in categories.values()])
    Y, _ = _one_hot(codes, sizes)
    theta = np.concatenate([np.asarray(item_probs[i], float) for i in categories], axis=1)
    w = np.asarray(weights, float)
    _, ll = _loglik_rows(Y, np.log(np.maximum(w, _FLOOR))[None],
                         np.log(np.maximum(theta, _FLOOR))[None])
    return float(ll[:, 0].sum())


class LatentClassModel:
    """Latent class model for categorical items (poLCA without covariates).

    Parameters
    ----------
    n_classes : number of latent classes K.
    n_starts : random starts (poLCA ``nrep``); the start with the highest log-likelihood wins.
    max_iter : EM iterations per start (poLCA ``maxiter``).
    tol : stop a start when its total log-likelihood changes by less than this (poLCA ``tol``,
        an absolute change of the summed log-likelihood).
    random_state : seed for the random starting probabilities.
    n_keep : None (default) runs every start to convergence, as poLCA does. An integer screens
        all starts for ``screen_iter`` iterations and continues only the best ``n_keep``.
    screen_iter : iterations of the screening phase when ``n_keep`` is set.

    Attributes (after fit)
    ----------------------
    loglik_, aic_, bic_, n_params_ (poLCA's count: K * sum(categories - 1) + K - 1), n_obs_,
    weights_ (class shares, largest class first), item_probs_ {item: K x categories array},
    categories_ {item: [answers]}, posterior_ (n x K), labels_ (modal class), n_iter_,
    converged_, start_logliks_ (final log-likelihood of each start, NaN for screened-out
    starts), start_n_iter_ (EM iterations of each continued start), best_start_count_
    (continued starts within 1e-4 of the best log-likelihood), n_full_starts_ (starts run to
    convergence).
    """

    def __init__(self, n_classes: int = 2, n_starts: int = 10, max_iter: int = 1000,
                 tol: float = 1e-6, random_state: int | None = 0, n_keep: int | None = None,
                 screen_iter: int = 50) -> None:
        self.n_classes = n_classes
        self.n_starts = n_starts
        self.max_iter = max_iter
        self.tol = tol
        self.random_state = random_state
        self.n_keep = n_keep
        self.screen_iter = screen_iter

    # -- fitting -----------------------------------------------------------------------------
    def _check_params(self) -> None:
        for name in ("n_classes", "n_starts", "max_iter"):
            v = getattr(self, name)
            if not isinstance(v, (int, np.integer)) or v < 1:
                raise ValueError(f"{name}: expected a positive integer, got {v!r}")
        if self.n_keep is not None and (not isinstance(self.n_keep, (int, np.integer)) or self.n_keep < 1):
            raise ValueError(f"n_keep: expected None or a positive integer, got {self.n_keep!r}")
        if not self.tol > 0:
            raise ValueError(f"tol: expected a positive number, got {self.tol!r}")

    def fit(self, X: Any) -> "LatentClassModel":
        """Fit by EM from ``n_starts`` random starts; every column is one categorical item."""
        self._check_params()
        X = _as_frame(X)
        if X.shape[1] == 0 or len(X) == 0:
            raise ValueError("X: expected at least one row and one item column")
        cats: dict[str, list[Any]] = {}
        for item in X.columns:
            c = _categories(X[item])
            if not c:
                raise ValueError(f"column {item!r}: every answer is missing")
            cats[str(item)] = c
        X = X.set_axis([str(c) for c in X.columns], axis=1)
        self.categories_ = cats
        sizes = np.array([len(c) for c in cats.values()])
        codes = _encode(X, cats)
        # Collapse identical answer patterns into weighted rows (exact, and much faster).
        patterns, inverse, counts = np.unique(codes, axis=0, return_inverse=True, return_counts=True)
        Y, obs = _one_hot(patterns, sizes)
        freq = counts.astype(float)
        K, S, C = self.n_classes, self.n_starts, int(sizes.sum())
        item_of_col = np.repeat(np.arange(len(sizes)), sizes)
        offsets = np.concatenate([[0], np.cumsum(sizes)[:-1]])

        rng = np.random.default_rng(self.random_state)
        theta = rng.uniform(size=(S, K, C))
        theta /= np.add.reduceat(theta, offsets, axis=2)[..., item_of_col]
        w = np.full((S, K), 1.0 / K)
        n = freq.sum()

        YT = np.ascontiguousarray(Y.T)  # (C, n): class x row layout keeps reductions contiguous

        def run(theta, w, iters):
            """EM on a batch of starts; each stops on its own tolerance. Returns the state."""
            s = len(w)
            ll_prev = np.full(s, -np.inf)
            ll_cur = np.full(s, -np.inf)
            done = np.zeros(s, bool)
            n_iter = np.zeros(s, int)
            for _ in range(iters):
                act = np.flatnonzero(~done)
                if act.size == 0:
                    break
                a = act.size
                # E-step in log space: L[s, k, i] = log w_sk + sum of log theta over i's answers
                L = (np.log(np.maximum(theta[act], _FLOOR)).reshape(a * K, C) @ YT).reshape(a, K, -1)
                L += np.log(np.maximum(w[act], _FLOOR))[:, :, None]
                m = L.max(axis=1)
                np.subtract(L, m[:, None, :], out=L)
                np.exp(L, out=L)
                tot = L.sum(axis=1)
                ll = np.log(tot) + m  # (a, n) row log-likelihoods
                ll_tot = ll @ freq
                ll_cur[act] = ll_tot
                conv = np.abs(ll_tot - ll_prev[act]) < self.tol
                done[act[conv]] = True
                ll_prev[act] = ll_tot
                keep = ~conv
                upd = act[keep]
                if upd.size:
                    # M-step: expected answer counts per class, two matmuls
                    post = L[keep] * (freq / tot[keep])[:, None, :]
                    P = post.reshape(upd.size * K, -1)
                    num = (P @ Y).reshape(upd.size, K, C)
                    den = (P @ obs).reshape(upd.size, K, -1)[..., item_of_col]
                    theta[upd] = num / np.maximum(den, _FLOOR)
                    w[upd] = post.sum(axis=2) / n
                    n_iter[upd] += 1
            return theta, w, ll_cur, done, n_iter

        start_ll = np.full(S, np.nan)
        with threadpool_limits(limits=1, user_api="blas"):
            # the matmuls are thin (classes x answers): BLAS threads only add contention
            if self.n_keep is not None and self.n_keep < S:
                n_screen = min(self.screen_iter, self.max_iter)
                theta, w, ll_s, _, it_s = run(theta, w, n_screen)
                keep = np.sort(np.argsort(-ll_s, kind="stable")[: self.n_keep])
                theta_k, w_k, ll_k, done_k, it_k = run(theta[keep].copy(), w[keep].copy(),
                                                       self.max_iter - n_screen)
                # a start that converged while screening keeps its screening log-likelihood
                ll_k = np.where(np.isfinite(ll_k), ll_k, ll_s[keep])
                it_k = it_k + it_s[keep]
                start_ll[keep] = ll_k
                idx = keep
            else:
                theta_k, w_k, ll_k, done_k, it_k = run(theta, w, self.max_iter)
                start_ll[:] = ll_k
                idx = np.arange(S)
        best = int(np.argmax(ll_k))
        self.start_logliks_ = [None if np.isnan(v) else float(v) for v in start_ll]
        self.best_start_count_ = int(np.sum(ll_k >= ll_k[best] - 1e-4))
        self.n_full_starts_ = int(len(idx))
        self.start_n_iter_ = [int(v) for v in it_k]
        self.n_iter_ = int(it_k[best])
        self.converged_ = bool(done_k[best])

        th, wb = theta_k[best], w_k[best]
        order = np.argsort(-wb, kind="stable")  # largest class first, deterministic labels
        th, wb = th[order], wb[order]
        self._theta = th
        self._log_w = np.log(np.maximum(wb, _FLOOR))
        self._sizes = sizes
        L, llr = _loglik_rows(Y, self._log_w[None], np.log(np.maximum(th, _FLOOR))[None])
        post = np.exp(L[:, 0] - llr[:, 0, None])
        self.loglik_ = float(freq @ llr[:, 0])
        self.posterior_ = post[inverse.ravel()]
        self.weights_ = self.posterior_.mean(axis=0)  # as poLCA: P = colMeans(posterior)
        self.labels_ = np.argmax(self.posterior_, axis=1)
        self.item_probs_ = {item: th[:, o:o + s].copy()
                            for item, o, s in zip(cats, offsets, sizes)}
        self.n_obs_ = int(n)
        self.n_params_ = int(K * int((sizes - 1).sum()) + K - 1)
        self.aic_ = -2 * self.loglik_ + 2 * self.n_params_
        self.bic_ = -2 * self.loglik_ + np.log(n) * self.n_params_
        return self

    # -- prediction --------------------------------------------------------------------------
    def predict_proba(self, X: Any) -> np.ndarray:
        """Posterior class probabilities (n x K) for new respondents (missing answers allowed)."""
        if not hasattr(self, "item_probs_"):
            raise ValueError("LatentClassModel: call fit before predict")
        X = _as_frame(X)
        X = X.set_axis([str(c) for c in X.columns], axis=1)
        Y, _ = _one_hot(_encode(X, self.categories_), self._sizes)
        L, llr = _loglik_rows(Y, self._log_w[None], np.log(np.maximum(self._theta, _FLOOR))[None])
        return np.exp(L[:, 0] - llr[:, 0, None])

    def predict(self, X: Any) -> np.ndarray:
        """Modal class (0 = largest class) for each respondent."""
        return np.argmax(self.predict_proba(X), axis=1)

    def summary(self) -> dict[str, Any]:
        """JSON-ready fit summary (the CLI's `segment --method lca` fields)."""
        return {"k": self.n_classes, "loglik": self.loglik_, "aic": self.aic_, "bic": self.bic_,
                "n_params": self.n_params_, "n_obs": self.n_obs_,
                "shares": [float(v) for v in self.weights_],
                "item_probs": {i: {str(c): [float(v) for v in p[:, j]]
                                   for j, c in enumerate(self.categories_[i])}
                               for i, p in self.item_probs_.items()},
                "best_start_count": self.best_start_count_, "n_starts": self.n_starts,
                "n_full_starts": self.n_full_starts_, "converged": self.converged_}
