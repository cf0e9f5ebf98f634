"""The typing tool of a project: golden questions fitted on the project's latest segmentation."""
from __future__ import annotations

from typing import Any

import numpy as np
import pandas as pd

from segmentation.codebook import parse_codebook
from segmentation.scoring import apply_missing_codes

from .schema import Project
from .segmenting import chosen_run


def current_segmentation(project: Project) -> dict[str, Any]:
    run = chosen_run(project)
    if run is None:
        raise ValueError(f"project {project.name!r}: no segmentation yet "
                         "(run `python -m studio segment SURVEY ... --out PROJECT` first)")
    return run


def build_typing_tool(project: Project, data: pd.DataFrame | None, *, max_questions: int = 6,
                      sql: str | None = None, table: str = "survey", method: str = "greedy",
                      random_state: int = 0) -> dict[str, Any]:
    """Fit the golden questions on the scale items (raw answers, as a new customer gives them)."""
    from segmentation.typing_tool import TypingTool

    run = current_segmentation(project)
    if data is None:
        raise ValueError(f"project {project.name!r}: has no survey data to fit the typing tool on")
    if len(data) != len(run["labels"]):
        raise ValueError(f"project {project.name!r}: the survey has {len(data)} rows but the segmentation "
                         f"labelled {len(run['labels'])}; segment again on this survey")
    if not project.codebook:
        raise ValueError(f"project {project.name!r}: no codebook, so no survey items to ask")
    codebook = parse_codebook(project.codebook, "codebook")
    items = apply_missing_codes(data, codebook.missing, codebook.scale_items)[codebook.scale_items]
    items = items.apply(pd.to_numeric, errors="coerce").reset_index(drop=True)
    labels = np.asarray(run["labels"])
    placed = labels >= 0
    tool = TypingTool(max_questions=max_questions, method=method, random_state=random_state)
    tool.fit(items[placed].reset_index(drop=True), labels[placed])
    result: dict[str, Any] = {
        "segmentation": run["id"], "method": method, "questions": list(tool.questions_),
        "accuracy": float(tool.accuracy_), "confusion": np.asarray(tool.confusion_).tolist(),
        "classes": [int(c) if isinstance(c, (int, np.integer)) else c for c in tool.classes_],
        "accuracy_by_n": getattr(tool, "accuracy_by_n_", None), "rule": tool.to_rule()}
    if sql:
        result["sql"] = tool.to_sql(sql, table=table, id_column=codebook.id or "respondent")
    return result
