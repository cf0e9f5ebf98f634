"""Typing tool ("golden questions"): a few survey items that assign a new customer to a segment.

Two models, both chosen because SQL can evaluate them *exactly* like ``predict`` does:

* ``method="greedy"``: forward stepwise discriminant analysis (the classic typing-tool recipe):
  questions are added one at a time, each time the one that most lowers Wilks' lambda
  det(W)/det(T) on the chosen set, then a linear discriminant (LDA, pooled covariance, class
  priors) scores every segment: score_k = b_k + sum_j w_kj * x_j; the segment is the first one
  with the highest score (numpy's argmax tie-break, repeated in SQL by strict/non-strict
  comparisons in a CASE chain).
* ``method="tree"``: a depth-limited decision tree on the most important questions, written as
  nested CASE expressions.

Missing answers are replaced by the training mean of the item (COALESCE in SQL).

Exactness: the weights, intercepts, means and thresholds are rounded to multiples of 2**-10
after fitting (weights first rescaled so the largest is 512, which leaves the argmax unchanged).
Such numbers have short exact decimal forms, so every SQL engine parses them to the very same
double, and with whole-number answers every product and sum is exact, in any order. Python then
evaluates the same expression term by term in the same order as the SQL text. ``accuracy_`` is
that of the rounded model, i.e. of exactly what the SQL does.

Cross-validation: question selection happens *inside* each fold, on the fold's training rows
only, so ``accuracy_`` is an honest estimate for held-out respondents.
"""
from __future__ import annotations

import math
from typing import Any, Literal

import numpy as np
import pandas as pd
from sklearn.model_selection import StratifiedKFold
from sklearn.tree import DecisionTreeClassifier

__all__ = ["TypingTool"]

_Q = 1024.0  # grid 2**-10
_TYPES = {"postgres": "DOUBLE PRECISION", "duckdb": "DOUBLE", "sqlite": "REAL"}


def _grid(v: Any) -> Any:
    return np.round(np.asarray(v, dtype=float) * _Q) / _Q


def _py(v: Any) -> Any:
    return v.item() if isinstance(v, np.generic) else v


# -- model fitting (pure functions on arrays) -----------------------------------------------------
def _wilks_forward(X: np.ndarray, y: np.ndarray, k: int, max_q: int) -> list[int]:
    """Forward selection by Wilks' lambda: indices of the chosen columns, best first."""
    Xc = X - X.mean(axis=0)
    T = Xc.T @ Xc
    W = np.zeros_like(T)
    for g in range(k):
        Xg = X[y == g]
        if len(Xg):
            D = Xg - Xg.mean(axis=0)
            W += D.T @ D
    chosen: list[int] = []
    logdet_t = 0.0  # log det of T on the chosen set
    for _ in range(min(max_q, X.shape[1])):
        best, best_val, best_lt = None, np.inf, 0.0
        for j in range(X.shape[1]):
            if j in chosen:
                continue
            S = chosen + [j]
            sw, lw = np.linalg.slogdet(W[np.ix_(S, S)])
            st, lt = np.linalg.slogdet(T[np.ix_(S, S)])
            # det(T_S+j) / det(T_S) is j's variance left after the chosen questions: skip
            # constant or collinear candidates, they add nothing
            if sw <= 0 or st <= 0 or lt - logdet_t < np.log(1e-10 * T[j, j] + 1e-300):
                continue
            val = lw - lt  # log Wilks' lambda
            if val < best_val - 1e-12:
                best, best_val, best_lt = j, val, lt
        if best is None:
            break
        chosen.append(best)
        logdet_t = best_lt
    return chosen


def _lda(X: np.ndarray, y: np.ndarray, k: int) -> tuple[np.ndarray, np.ndarray]:
    """Linear discriminant weights (k x p) and intercepts (k), rounded to the 2**-10 grid."""
    n = len(X)
    means = np.vstack([X[y == g].mean(axis=0) for g in range(k)])
    resid = X - means[y]
    cov = resid.T @ resid / max(n - k, 1)
    prec = np.linalg.pinv(cov)
    w = means @ prec
    b = -0.5 * np.einsum("kp,kp->k", w, means) + np.log(np.bincount(y, minlength=k) / n)
    b = b - b.mean()
    scale = 512.0 / max(np.abs(w).max(), np.abs(b).max() / 64.0, 1e-12)
    return _grid(w * scale), _grid(b * scale)


def _lda_scores(X: np.ndarray, w: np.ndarray, b: np.ndarray) -> np.ndarray:
    """Scores evaluated term by term, left to right, exactly as the SQL text does."""
    out = np.empty((len(X), len(b)))
    for g in range(len(b)):
        s = np.full(len(X), b[g])
        for j in range(X.shape[1]):
            s = s + w[g, j] * X[:, j]
        out[:, g] = s
    return out


def _tree(X: np.ndarray, y: np.ndarray, max_q: int, depth: int, seed: int | None) -> tuple[list[int], dict]:
    """Decision tree on the <= max_q most important columns; nested-dict form on the grid."""
    def fit(cols):
        return DecisionTreeClassifier(max_depth=depth, random_state=seed).fit(X[:, cols], y)

    cols = list(range(X.shape[1]))
    t = fit(cols)
    imp = t.feature_importances_
    order = [c for c in np.argsort(-imp, kind="stable") if imp[c] > 0][:max_q] or [0]
    cols = sorted(int(c) for c in order)
    t = fit(cols).tree_

    def node(i: int) -> dict:
        if t.children_left[i] == -1:
            return {"segment": int(np.argmax(t.value[i][0]))}
        return {"q": cols[int(t.feature[i])], "le": float(_grid(t.threshold[i])),
                "then": node(int(t.children_left[i])), "else": node(int(t.children_right[i]))}

    used = sorted({n["q"] for n in _walk(node(0))})
    return used or cols[:1], node(0)


def _walk(n: dict):
    if "q" in n:
        yield n
        yield from _walk(n["then"])
        yield from _walk(n["else"])


def _tree_predict(X: np.ndarray, n: dict, rows: np.ndarray | None = None, out=None) -> np.ndarray:
    if out is None:
        out = np.empty(len(X), dtype=int)
        rows = np.arange(len(X))
    if "segment" in n:
        out[rows] = n["segment"]
        return out
    go_left = X[rows, n["q"]] <= n["le"]
    _tree_predict(X, n["then"], rows[go_left], out)
    _tree_predict(X, n["else"], rows[~go_left], out)
    return out


class TypingTool:
    """Golden questions that type a respondent into a segment; exportable as one SQL SELECT.

    Parameters: max_questions, method ("greedy" = stepwise LDA, "tree" = decision tree),
    cv (folds), random_state, max_depth (tree only).

    Attributes after fit: questions_ (in order of selection for greedy), classes_ (segment
    labels), accuracy_ (cross-validated, selection redone in every fold), confusion_ (rows =
    true segment, columns = typed segment, in classes_ order, from the CV predictions),
    accuracy_by_n_ (greedy: CV accuracy using the first 1, 2, ... selected questions of each
    fold), selection_frequency_ {question: share of folds that picked it}, n_folds_, impute_
    {question: training mean used for a missing answer}, model_ (JSON-ready internal model).
    """

    def __init__(self, max_questions: int = 6, method: Literal["greedy", "tree"] = "greedy",
                 cv: int = 5, random_state: int | None = 0, max_depth: int = 4) -> None:
        self.max_questions = max_questions
        self.method = method
        self.cv = cv
        self.random_state = random_state
        self.max_depth = max_depth

    # -- input checks ---------------------------------------------------------------------
    @staticmethod
    def _numeric(items: pd.DataFrame, cols: list[str] | None = None) -> np.ndarray:
        if not isinstance(items, pd.DataFrame):
            raise ValueError("items: expected a DataFrame with one column per question")
        cols = list(items.columns) if cols is None else cols
        out = np.empty((len(items), len(cols)))
        for j, c in enumerate(cols):
            if c not in items.columns:
                raise ValueError(f"column {c!r}: missing, the typing tool asks this question")
            s = items[c]
            if pd.api.types.is_bool_dtype(s):
                s = s.astype(float)
            conv = pd.to_numeric(s, errors="coerce")
            bad = conv.isna() & s.notna()
            if bad.any():
                row = int(np.flatnonzero(bad.to_numpy())[0])
                raise ValueError(f"row {row}, column {c!r}: expected a numeric answer, "
                                 f"got {s.iloc[row]!r}")
            out[:, j] = conv.to_numpy(dtype=float)
        return out

    def _fit_model(self, X: np.ndarray, y: np.ndarray, k: int) -> dict:
        seen = ~np.isnan(X)
        sums = np.where(seen, X, 0.0).sum(axis=0)
        means = _grid(np.divide(sums, seen.sum(axis=0), out=np.zeros(X.shape[1]),
                                where=seen.sum(axis=0) > 0))
        Xf = np.where(np.isnan(X), means, X)
        if self.method == "greedy":
            q = _wilks_forward(Xf, y, k, self.max_questions) or [0]
            w, b = _lda(Xf[:, q], y, k)
            return {"q": q, "impute": means, "w": w, "b": b}
        q, tree = _tree(Xf, y, self.max_questions, self.max_depth, self.random_state)
        return {"q": q, "impute": means, "tree": tree}

    @staticmethod
    def _predict_model(m: dict, X: np.ndarray, n_q: int | None = None) -> np.ndarray:
        Xf = np.where(np.isnan(X), m["impute"], X)
        if "tree" in m:
            return _tree_predict(Xf, m["tree"])
        q = m["q"][:n_q] if n_q else m["q"]
        return np.argmax(_lda_scores(Xf[:, q], m["w"], m["b"]), axis=1)

    # -- public API -----------------------------------------------------------------------
    def fit(self, items: pd.DataFrame, labels: Any) -> "TypingTool":
        """Select the questions, cross-validate (selection inside each fold), refit on all rows."""
        if self.method not in ("greedy", "tree"):
            raise ValueError(f"method: expected 'greedy' or 'tree', got {self.method!r}")
        if not isinstance(self.max_questions, (int, np.integer)) or self.max_questions < 1:
            raise ValueError(f"max_questions: expected a positive integer, got {self.max_questions!r}")
        X = self._numeric(items)
        lab = np.asarray(labels, dtype=object)
        if lab.ndim != 1 or len(lab) != len(X):
            raise ValueError(f"labels: expected {len(X)} labels (one per row of items), got {len(lab)}")
        keep = np.array([not (v is None or (isinstance(v, float) and math.isnan(v)) or
                              (isinstance(v, (int, np.integer)) and v == -1)) for v in lab], bool)
        X, lab = X[keep], lab[keep]
        vals = [_py(v) for v in lab]
        try:
            classes = sorted(set(vals))
        except TypeError:
            raise ValueError("labels: expected segment labels of one type (all numbers or all text)") from None
        if len(classes) < 2:
            raise ValueError(f"labels: need at least 2 segments to type, got {len(classes)}")
        self.feature_names_ = [str(c) for c in items.columns]
        self.classes_ = classes
        pos = {c: i for i, c in enumerate(classes)}
        y = np.array([pos[v] for v in vals])
        k = len(classes)
        counts = np.bincount(y, minlength=k)
        n_folds = int(min(self.cv, counts.min()))
        if n_folds < 2:
            raise ValueError(f"labels: segment {classes[int(np.argmin(counts))]!r} has "
                             f"{counts.min()} respondent(s); cross-validation needs at least 2")
        folds = StratifiedKFold(n_folds, shuffle=True, random_state=self.random_state)
        pred = np.empty(len(y), dtype=int)
        n_max = min(self.max_questions, X.shape[1])
        by_n = np.zeros(n_max)
        picked: dict[int, int] = {}
        for tr, te in folds.split(X, y):
            m = self._fit_model(X[tr], y[tr], k)
            pred[te] = self._predict_model(m, X[te])
            for j in m["q"]:
                picked[j] = picked.get(j, 0) + 1
            if "w" in m:  # accuracy with the fold's first 1, 2, ... questions
                q = m["q"]
                Xtr = X[np.ix_(tr, q)]
                Xtr = np.where(np.isnan(Xtr), m["impute"][q], Xtr)
                Xte = X[np.ix_(te, q)]
                Xte = np.where(np.isnan(Xte), m["impute"][q], Xte)
                for i in range(n_max):
                    n_q = min(i + 1, len(q))
                    w, b = _lda(Xtr[:, :n_q], y[tr], k)
                    by_n[i] += np.sum(np.argmax(_lda_scores(Xte[:, :n_q], w, b), axis=1) == y[te])
        self.n_folds_ = n_folds
        self.accuracy_ = float(np.mean(pred == y))
        conf = np.zeros((k, k), dtype=int)
        np.add.at(conf, (y, pred), 1)
        self.confusion_ = conf.tolist()
        self.accuracy_by_n_ = [float(v / len(y)) for v in by_n] if self.method == "greedy" else None
        self.model_ = self._fit_model(X, y, k)
        self.questions_ = [self.feature_names_[j] for j in self.model_["q"]]
        self.selection_frequency_ = {self.feature_names_[j]: c / n_folds
                                     for j, c in sorted(picked.items(), key=lambda t: -t[1])}
        self.impute_ = {self.feature_names_[j]: float(self.model_["impute"][j]) for j in self.model_["q"]}
        return self

    def _check_fitted(self) -> None:
        if not hasattr(self, "model_"):
            raise ValueError("TypingTool: call fit before predict/to_rule/to_sql")

    def predict(self, items: pd.DataFrame) -> np.ndarray:
        """Segment label per row (as in classes_); only the golden questions are read."""
        self._check_fitted()
        X = np.full((len(items), len(self.feature_names_)), np.nan)
        q = self.model_["q"]
        X[:, q] = self._numeric(items, self.questions_)
        idx = self._predict_model(self.model_, X)
        return np.array(self.classes_, dtype=object)[idx] if any(
            isinstance(c, str) for c in self.classes_) else np.array(self.classes_)[idx]

    def to_rule(self) -> dict[str, Any]:
        """The scoring rule as JSON: weights per segment (greedy) or nested conditions (tree)."""
        self._check_fitted()
        m, names = self.model_, self.feature_names_
        rule: dict[str, Any] = {"questions": self.questions_, "segments": self.classes_,
                                "impute_missing_with": self.impute_,
                                "accuracy_cv": self.accuracy_}
        if "w" in m:
            rule["method"] = "linear_discriminant"
            rule["formula"] = ("score[segment] = intercept + sum(weight[q] * answer[q]); a missing "
                               "answer counts as impute_missing_with[q]; the segment is the first "
                               "in 'scores' order with the highest score")
            rule["scores"] = [{"segment": c, "intercept": float(m["b"][g]),
                               "weights": {names[j]: float(m["w"][g, i]) for i, j in enumerate(m["q"])}}
                              for g, c in enumerate(self.classes_)]
        else:
            rule["method"] = "decision_tree"
            rule["formula"] = ("follow 'tree': if answer[question] <= le take 'then', else 'else'; "
                               "a missing answer counts as impute_missing_with[question]")

            def conv(n: dict) -> dict:
                if "segment" in n:
                    return {"segment": self.classes_[n["segment"]]}
                return {"question": names[n["q"]], "le": n["le"], "then": conv(n["then"]),
                        "else": conv(n["else"])}
            rule["tree"] = conv(m["tree"])
        return rule

    def to_sql(self, dialect: Literal["postgres", "duckdb", "sqlite"] = "duckdb",
               table: str = "survey", id_column: str = "respondent") -> str:
        """One SELECT over the raw survey table returning ``id_column`` and ``segment``."""
        self._check_fitted()
        if dialect not in _TYPES:
            raise ValueError(f"dialect: expected one of {sorted(_TYPES)}, got {dialect!r}")
        typ = _TYPES[dialect]

        def ident(name: str) -> str:
            return '"' + str(name).replace('"', '""') + '"'

        def num(v: float) -> str:
            return f"CAST({float(v)!r} AS {typ})"

        def seg(c: Any) -> str:
            if isinstance(c, str):
                return "'" + c.replace("'", "''") + "'"
            return repr(int(c)) if float(c).is_integer() else repr(float(c))

        m, names = self.model_, self.feature_names_

        def answer(j: int) -> str:
            return f"COALESCE(CAST({ident(names[j])} AS {typ}), {num(m['impute'][j])})"

        tab = ".".join(ident(p) for p in table.split("."))
        if "w" in m:
            k = len(self.classes_)
            score_cols = []
            for g in range(k):
                expr = num(m["b"][g]) + "".join(f"\n      + {num(m['w'][g, i])} * {answer(j)}"
                                               for i, j in enumerate(m["q"]))
                score_cols.append(f"    {expr} AS s{g}")
            whens = []
            for g in range(k - 1):  # first maximum wins, as numpy.argmax
                conds = [f"s{g} > s{h}" for h in range(g)] + [f"s{g} >= s{h}" for h in range(g + 1, k)]
                whens.append(f"    WHEN {' AND '.join(conds)} THEN {seg(self.classes_[g])}")
            return (f"SELECT {ident(id_column)},\n  CASE\n" + "\n".join(whens) +
                    f"\n    ELSE {seg(self.classes_[-1])}\n  END AS segment\n"
                    f"FROM (\n  SELECT {ident(id_column)},\n" + ",\n".join(score_cols) +
                    f"\n  FROM {tab}\n) AS typed")

        def case(n: dict, depth: int) -> str:
            if "segment" in n:
                return seg(self.classes_[n["segment"]])
            pad = "  " * depth
            return (f"CASE WHEN {answer(n['q'])} <= {num(n['le'])}\n{pad}  THEN {case(n['then'], depth + 1)}"
                    f"\n{pad}  ELSE {case(n['else'], depth + 1)} END")
        return f"SELECT {ident(id_column)},\n  {case(m['tree'], 1)} AS segment\nFROM {tab}"
