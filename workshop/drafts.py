"""Turn a workshop disagreement into a draft rules-of-play row for the case's decision point.

WHY: a noise audit shows that staff decide the same written case differently; the remedy is a rule
of play at that decision point. The workshop cannot know the condition that makes the case what it
is (that is the facilitator's judgement), so the draft names the answer most staff gave, says how
many, and leaves every condition as "-" (any) and the differentiation test unanswered: the draft is
a prompt on the Rules of play page, never a finished rule.
"""
from __future__ import annotations

import datetime as _dt
from collections import Counter
from typing import Any, Iterable

import pandas as pd

from journeys.model import TEST_QUESTIONS

__all__ = ["DISAGREEMENT", "WHY_TEMPLATE", "add_draft_row", "draft_rule_row", "find_decision_point",
           "is_disagreement"]

# A case counts as a disagreement when the most given answer is given by fewer than this share of
# the votes (with at least two votes): below 80 % the spread is more than a few outliers.
DISAGREEMENT = 0.8
WHY_TEMPLATE = ("Workshop {date}: {k} of {n} staff chose '{answer}' on case '{case}' ({share}); "
                "most said '{basis}'. Fill in the condition that makes this the rule.")


def _votes(votes_for_case: pd.DataFrame | Iterable[dict[str, Any]]) -> list[dict[str, Any]]:
    if isinstance(votes_for_case, pd.DataFrame):
        if "value" not in votes_for_case.columns:
            raise ValueError("votes: expected a 'value' column")
        return votes_for_case.to_dict("records")
    out = []
    for i, vote in enumerate(votes_for_case):
        if not isinstance(vote, dict) or "value" not in vote:
            raise ValueError(f"votes[{i}]: expected a mapping with a 'value'")
        out.append(vote)
    return out


def _label(value: Any) -> str:
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value).strip()


def _modal(labels: list[str]) -> tuple[str, int]:
    """The most given label; a tie goes to the alphabetically first (as agreement_report's mode)."""
    counts = Counter(labels)
    best = max(counts.values())
    return min(label for label, c in counts.items() if c == best), best


def _input_names(table: dict[str, Any] | None) -> list[str]:
    """The table's inputs: declared ones, else the ones its rows name (the engine infers those)."""
    if not table:
        return []
    names = [str(i.get("name")) for i in table.get("inputs") or [] if isinstance(i, dict) and i.get("name")]
    if names:
        return names
    for row in table.get("rows") or []:
        for key in (row.get("when") or {}) if isinstance(row, dict) else {}:
            if key not in names:
                names.append(str(key))
    return names


def draft_rule_row(case: dict[str, Any], votes_for_case: pd.DataFrame | Iterable[dict[str, Any]],
                   table: dict[str, Any] | None = None, *, date: str | _dt.date | None = None,
                   why_template: str = WHY_TEMPLATE) -> dict[str, Any]:
    """A RuleRow dict (DESIGN.md section 4): ``when`` "-" for every input of ``table``, ``then`` the
    modal answer, ``why`` the vote count behind it, ``test`` unanswered.

    ``votes_for_case``: this case's votes (a frame or dicts with ``value`` and optional ``basis``).
    ``why_template`` gets ``date, k, n, answer, case, share, basis`` (the page passes the user's
    language). Raises ValueError when there is no vote to draft from.
    """
    if not isinstance(case, dict) or not case.get("id"):
        raise ValueError("case: expected a mapping with an 'id'")
    rows = [v for v in _votes(votes_for_case) if v.get("value") is not None and _label(v["value"]) != ""
            and not (isinstance(v["value"], float) and pd.isna(v["value"]))]
    if not rows:
        raise ValueError(f"case {case['id']!r}: no votes to draft a rule from")
    labels = [_label(v["value"]) for v in rows]
    answer, k = _modal(labels)
    bases = [str(v.get("basis")) for v, label in zip(rows, labels)
             if label == answer and v.get("basis") not in (None, "") and not pd.isna(v.get("basis"))]
    basis = _modal(bases)[0] if bases else "-"
    when_date = date or _dt.date.today()
    why = why_template.format(date=str(when_date), k=k, n=len(rows), answer=answer, case=case["id"],
                              share=f"{k / len(rows):.0%}".replace("%", " %"), basis=basis)
    return {"when": {name: "-" for name in _input_names(table)}, "then": answer, "why": why,
            "test": {q: None for q in TEST_QUESTIONS}}


def is_disagreement(case_row: dict[str, Any], threshold: float = DISAGREEMENT) -> bool:
    """For a per-case row of agreement_report: at least two votes and the mode below ``threshold``."""
    share = case_row.get("share_mode")
    return int(case_row.get("n") or 0) >= 2 and share is not None and share < threshold


def find_decision_point(case: dict[str, Any], journeys: list[dict[str, Any]]) -> int | None:
    """The index of the project's journey that holds the case's ``decision_point`` node.

    A case naming its ``journey`` (by name, or by 1-based number) is looked up there only; else the
    first journey with a node of that id. None when the case has no decision point or none is found.
    """
    node = case.get("decision_point")
    if not node:
        return None

    def has_node(j: dict[str, Any]) -> bool:
        return any(isinstance(n, dict) and str(n.get("id")) == str(node) for n in j.get("nodes") or [])

    wanted = case.get("journey")
    for i, journey in enumerate(journeys):
        if not isinstance(journey, dict):
            continue
        if wanted not in (None, "") and str(wanted) not in (str(journey.get("name")), str(journey.get("id")),
                                                             str(i + 1)):
            continue
        if has_node(journey):
            return i
    return None


def add_draft_row(journey: dict[str, Any], node_id: str, row: dict[str, Any]) -> dict[str, Any]:
    """A copy of ``journey`` with ``row`` appended to ``rules[node_id]`` (a minimal table, hit
    policy first and no inputs, when the point has none yet)."""
    import copy

    out = copy.deepcopy(journey)
    rules = out.setdefault("rules", {}) or {}
    out["rules"] = rules
    table = rules.get(node_id)
    if table is None:
        table = {"hit_policy": "first", "inputs": [], "rows": []}
        rules[node_id] = table
    table.setdefault("rows", []).append(copy.deepcopy(row))
    return out
