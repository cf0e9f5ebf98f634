"""Segmentation runs as the CLI and the Segments page make them: inputs, fit, stability, profiles.

A run is stored in `Project.segmentations` with its parameters, fit, shares, stability, profiles
and the segment of every respondent (in survey row order), so personas and the typing tool can be
built from it later without refitting.
"""
from __future__ import annotations

from typing import Any

import numpy as np
import pandas as pd

from segmentation.codebook import Codebook
from segmentation.scoring import apply_missing_codes, score_scales

from .schema import new_id, utcnow

METHODS = ("quadrant", "kmeans", "gmm", "lca")
# The stability bootstrap refits the model n_boot times; above this many respondents it runs on one
# seeded random sample of them (20 k-means refits on 1,000,000 rows took minutes, on 50,000 seconds;
# a sample this large still shows whether the segments come back, and is recorded as `sample`).
STABILITY_MAX_ROWS = 50_000


def demographic_inputs(columns: list[str], codebook: Codebook | None) -> list[str]:
    """Inputs that are demographics: listed as such in the codebook, or named after a protected ground."""
    from journeys.grounds import classify_input_name

    listed = set(codebook.demographics) if codebook else set()
    return [c for c in columns if c in listed or classify_input_name(c)[0] == "protected"]


def _ids(data: pd.DataFrame, codebook: Codebook | None) -> list[str]:
    if codebook and codebook.id and codebook.id in data.columns:
        return data[codebook.id].astype(str).tolist()
    return [str(i + 1) for i in range(len(data))]


def segmentation_inputs(data: pd.DataFrame, codebook: Codebook | None, method: str,
                        items: list[str] | None) -> pd.DataFrame:
    """The columns a method segments on: picked `items`, else the codebook's scale scores
    (quadrant, kmeans, gmm) or its scale items as categories (lca)."""
    if items:
        unknown = [c for c in items if c not in data.columns]
        if unknown:
            raise ValueError(f"--items: column {unknown[0]!r} is not in the survey")
        frame = data[items]
        if codebook and codebook.missing:
            frame = apply_missing_codes(frame, codebook.missing, items)
        if method != "lca":
            numeric = frame.apply(pd.to_numeric, errors="coerce")
            bad = [c for c in items if numeric[c].isna().sum() > frame[c].isna().sum()]
            if bad:
                raise ValueError(f"--items: column {bad[0]!r} has text answers; {method} needs numbers "
                                 "(use --method lca for categorical items)")
            frame = numeric
        return frame
    if codebook is None:
        raise ValueError("a codebook (--codebook) or --items is needed to know what to segment on")
    if method == "lca":
        cleaned = apply_missing_codes(data, codebook.missing, codebook.scale_items)
        return cleaned[codebook.scale_items]
    return score_scales(data, codebook).reset_index(drop=True)


def run_segmentation(data: pd.DataFrame, codebook: Codebook | None, method: str, *, k: int | None = 4,
                     k_range: tuple[int, int] | None = None, items: list[str] | None = None,
                     starts: int = 10, seed: int = 0, cut: str = "midpoint", n_boot: int = 20,
                     override_reason: str | None = None, progress=None) -> dict[str, Any]:
    """Fit one segmentation and describe it; a JSON-ready run record."""
    from segmentation.cluster import GMMSegmenter, KMeansSegmenter, QuadrantSegmenter
    from segmentation.lca import LatentClassModel
    from segmentation.profiles import profile_segments
    from segmentation.stability import segment_stability

    if method not in METHODS:
        raise ValueError(f"--method: expected one of {', '.join(METHODS)}, got {method!r}")
    step = progress or (lambda _fraction, _text: None)
    demographic = demographic_inputs(list(items or []), codebook)
    if demographic and not override_reason:
        raise ValueError(f"--items: {demographic[0]!r} is a demographic column; segments are formed on needs "
                         "and behaviour (give --override-reason to use it anyway)")
    X = segmentation_inputs(data, codebook, method, items)
    step(0.05, "fitting")
    if method == "quadrant":
        if X.shape[1] < 2:
            raise ValueError("quadrant needs two axes (two scales in the codebook, or two --items)")
        x, y = str(X.columns[0]), str(X.columns[1])
        midpoint = None
        if codebook and x in codebook.scales and y in codebook.scales:
            sx, sy = codebook.scales[x], codebook.scales[y]
            midpoint = ((sx.min + sx.max) / 2, (sy.min + sy.max) / 2)
        if midpoint is None and cut == "midpoint":
            cut = "median"

        def make():
            return QuadrantSegmenter(x, y, cut=cut, midpoint=midpoint)
    elif method in ("kmeans", "gmm"):
        cls = KMeansSegmenter if method == "kmeans" else GMMSegmenter

        def make():
            return cls(k=k or 4, k_range=k_range, random_state=seed)
    else:
        def make():
            return LatentClassModel(n_classes=k or 2, n_starts=starts, random_state=seed)
    model = make().fit(X)
    labels = np.asarray(model.labels_)
    summary = model.summary()
    step(0.5, "stability")
    stability_make = make
    if method in ("kmeans", "gmm"):
        chosen = model.k_

        def stability_make():  # the chosen k, fewer restarts: the bootstrap repeats the fit n_boot times
            return (KMeansSegmenter if method == "kmeans" else GMMSegmenter)(k=chosen, n_init=3, random_state=seed)
    boot_X, boot_labels = X, labels
    if n_boot > 0 and len(X) > STABILITY_MAX_ROWS:
        pick = np.sort(np.random.default_rng(seed).choice(len(X), STABILITY_MAX_ROWS, replace=False))
        boot_X, boot_labels = X.iloc[pick], labels[pick]
    stability = segment_stability(boot_X, stability_make, n_boot=n_boot, random_state=seed, labels=boot_labels) \
        if n_boot > 0 else None
    if stability is not None and boot_X is not X:
        stability["sample"] = int(len(boot_X))
    step(0.85, "profiles")
    scores = score_scales(data, codebook).reset_index(drop=True) if codebook else X.apply(
        pd.to_numeric, errors="coerce")
    items_frame = None
    behaviour = demographics = None
    if codebook:
        cleaned = apply_missing_codes(data, codebook.missing, codebook.scale_items).reset_index(drop=True)
        items_frame = cleaned[codebook.scale_items].apply(pd.to_numeric, errors="coerce")
        behaviour_cols = [c for c in codebook.categorical + list(codebook.model_extra.get("numeric") or [])
                          if c in data.columns]
        behaviour = data[behaviour_cols].reset_index(drop=True) if behaviour_cols else None
        demo_cols = [c for c in codebook.demographics if c in data.columns]
        demographics = data[demo_cols].reset_index(drop=True) if demo_cols else None
    profiles = profile_segments(labels, scores, items=items_frame, behaviour=behaviour, demographics=demographics)
    step(1.0, "done")
    k_final = int(summary.get("k") or len(summary.get("shares", [])))
    run = {
        "id": new_id(4), "created_at": utcnow(), "method": method, "k": k_final,
        "n": int(len(labels)), "n_placed": int((labels >= 0).sum()),
        "params": {"k": k, "k_range": list(k_range) if k_range else None, "items": items, "starts": starts,
                   "seed": seed, "cut": cut, "n_boot": n_boot},
        "inputs": [str(c) for c in X.columns], "override_reason": override_reason,
        "shares": summary.get("shares"), "loglik": summary.get("loglik"), "bic": summary.get("bic"),
        "aic": summary.get("aic"), "selection": summary.get("selection"),
        "stability_ari": stability["ari_mean"] if stability else None, "stability": stability,
        "fit": {key: value for key, value in summary.items() if key not in ("shares", "selection")},
        "profiles": profiles, "ids": _ids(data, codebook), "labels": [int(v) for v in labels],
    }
    return run


def chosen_run(project) -> dict[str, Any] | None:
    """The segmentation run marked as chosen, else the newest; None when the project has none."""
    runs = [r for r in project.segmentations if isinstance(r, dict)]
    if not runs:
        return None
    return next((r for r in runs if r.get("chosen")), runs[-1])


def assignments_frame(run: dict[str, Any], id_column: str = "id") -> pd.DataFrame:
    """`id,segment` for the CLI's --assignments (unplaced respondents get an empty segment)."""
    labels = pd.array([v if v >= 0 else None for v in run["labels"]], dtype="Int64")
    return pd.DataFrame({id_column: run["ids"], "segment": labels})


def public_run(run: dict[str, Any]) -> dict[str, Any]:
    """The run without per-respondent lists (what `segment --json` prints)."""
    return {key: value for key, value in run.items() if key not in ("ids", "labels")}
