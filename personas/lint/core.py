"""The persona lint as a whole: all families over a list of personas, justifications applied.

Kept apart from the family modules so that each family stays a small pure function and this file
only orchestrates: validate the personas, collect findings, mark the justified ones.
"""
from __future__ import annotations

import json
from collections.abc import Sequence
from pathlib import Path

import pandas as pd
from pydantic import ValidationError

from ..model import Persona
from .imagery import imagery_findings
from .inputs import input_findings
from .statistic import statistic_findings
from .text import lint_text

FINDING_KEYS = ("code", "family", "severity", "persona", "field", "span", "text", "message",
                "suggestion", "justified", "justification")


def _where(loc: tuple) -> str:
    out = ""
    for part in loc:
        out += f"[{part}]" if isinstance(part, int) else (f".{part}" if out else str(part))
    return out


def _persona(obj, i: int, prefix: str = "personas") -> Persona:
    if isinstance(obj, Persona):
        return obj
    if not isinstance(obj, dict):
        raise ValueError(f"{prefix}[{i}]: expected a persona object, got {type(obj).__name__}")
    try:
        return Persona.model_validate(obj)
    except ValidationError as exc:
        err = exc.errors()[0]
        where = _where(tuple(err.get("loc", ())))
        raise ValueError(f"{prefix}[{i}]{'.' + where if where else ''}: {err['msg']}") from None


def persona_texts(p: Persona) -> list[tuple[str, str]]:
    """(field, text) pairs the text checks read: everything a card or poster shows."""
    out = [("name", p.name), ("tagline", p.tagline), ("description", p.description)]
    if p.value_label:
        out.append(("value_label", p.value_label))
    for name in ("needs", "behaviours", "contexts"):
        out += [(f"{name}[{i}]", t) for i, t in enumerate(getattr(p, name)) if isinstance(t, str)]
    for i, q in enumerate(p.quotes):
        if isinstance(q, str):
            out.append((f"quotes[{i}]", q))
        elif isinstance(q, dict):
            for key in ("text", "quote"):
                if isinstance(q.get(key), str):
                    out.append((f"quotes[{i}].{key}", q[key]))
    out += [(f"evidence[{i}].claim", e.claim) for i, e in enumerate(p.evidence)]
    return [(f, t) for f, t in out if t]


def _field_matches(wanted: str | None, field: str | None) -> bool:
    if wanted is None:
        return True
    field = field or ""
    return field == wanted or field.startswith(wanted + "[") or field.startswith(wanted + ".")


def apply_justifications(findings: list[dict], personas: Sequence[Persona]) -> list[dict]:
    """Mark findings the team justified on the persona (code or family, optional field and
    span). Justified findings stay in the list: visible, but no longer failing a check."""
    by_id = {p.id: p for p in personas}
    for f in findings:
        p = by_id.get(f["persona"])
        for j in (p.justified if p else []):
            if not (j.code in (f["code"], f["family"]) or f["code"].startswith(j.code + ".")):
                continue
            if not _field_matches(j.field, f["field"]):
                continue
            if j.span is not None and j.span.lower() not in str(f.get("text") or "").lower():
                continue
            f["justified"], f["justification"] = True, j.reason
            break
    return findings


def lint_personas(personas: list[Persona | dict], *, segments: pd.Series | None = None,
                  demographics: pd.DataFrame | None = None,
                  segmentation_inputs: list[str] | None = None,
                  demographic_columns: list[str] | None = None,
                  v_threshold: float = 0.3, random_state: int = 0) -> list[dict]:
    """All lint families over a list of personas; findings in persona order, then imagery,
    statistic and input findings.

    ``segments`` (one segment label per respondent, matching ``Persona.segment``) and
    ``demographics`` (one row per respondent) enable the statistic family; ``demographic_columns``
    limits it to those columns and also feeds the input family with ``segmentation_inputs``.
    """
    if not isinstance(personas, (list, tuple)):
        raise ValueError("personas: expected a list of personas")
    if not isinstance(v_threshold, (int, float)) or not 0 < v_threshold <= 1:
        raise ValueError(f"v_threshold: expected a number in (0, 1], got {v_threshold!r}")
    ps = [_persona(p, i) for i, p in enumerate(personas)]
    seen: set[str] = set()
    for i, p in enumerate(ps):
        if p.id in seen:
            raise ValueError(f"personas[{i}].id: duplicate persona id '{p.id}'")
        seen.add(p.id)
    findings: list[dict] = []
    for p in ps:
        for field, text in persona_texts(p):
            findings += lint_text(text, field=field, persona=p.id)
    findings += imagery_findings(ps)
    if segments is not None and demographics is not None:
        findings += statistic_findings(ps, segments, demographics, columns=demographic_columns,
                                       v_threshold=v_threshold, random_state=random_state)
    if segmentation_inputs:
        findings += input_findings(segmentation_inputs, demographic_columns)
    return apply_justifications(findings, ps)


# ------------------------------------------------------------------------------------------
def _str_list(value, where: str) -> list[str]:
    if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
        raise ValueError(f"{where}: expected a list of column names")
    return value


def _segmentation_info(data: dict) -> dict:
    info: dict = {}
    seg = data.get("segmentation")
    runs = data.get("segmentations")
    if seg is None and isinstance(runs, list) and runs:  # studio project: the chosen run, else the newest
        seg = next((r for r in runs if isinstance(r, dict) and r.get("chosen")), runs[-1])
    if isinstance(seg, list):          # a list of runs: the last one is the current one
        seg = seg[-1] if seg else None
    if seg is not None and not isinstance(seg, dict):
        raise ValueError("segmentation: expected an object")
    seg = seg or {}
    for key in ("inputs", "items", "columns"):
        if key in seg:
            info["segmentation_inputs"] = _str_list(seg[key], f"segmentation.{key}")
            break
    codebook = data.get("codebook")
    if isinstance(codebook, dict) and "demographics" in codebook:
        info["demographic_columns"] = _str_list(codebook["demographics"], "codebook.demographics")
    elif "demographics" in seg:
        info["demographic_columns"] = _str_list(seg["demographics"], "segmentation.demographics")
    rows = seg.get("respondents")
    survey = data.get("survey_data")
    if rows is None and isinstance(seg.get("labels"), list) and isinstance(survey, dict):
        # studio project file: labels in survey row order beside the survey rows themselves
        try:
            table = pd.DataFrame(survey["data"], columns=survey["columns"])
        except (KeyError, TypeError, ValueError):
            raise ValueError("survey_data: expected {columns: [...], data: [[...], ...]}") from None
        demo_cols = [c for c in info.get("demographic_columns", []) if c in table.columns]
        if len(table) == len(seg["labels"]) and demo_cols:
            labels = pd.Series(seg["labels"], name="segment")
            placed = labels >= 0
            info["segments"] = labels[placed].reset_index(drop=True)
            info["demographics"] = table.loc[placed.to_numpy(), demo_cols].reset_index(drop=True)
    if rows is not None:
        if not isinstance(rows, list) or not all(isinstance(r, dict) for r in rows):
            raise ValueError("segmentation.respondents: expected a list of objects")
        frame = pd.DataFrame(rows)
        if "segment" not in frame.columns:
            raise ValueError("segmentation.respondents: expected a 'segment' in every row")
        if "id" in frame.columns:
            frame = frame.set_index("id")
        info["segments"] = frame.pop("segment")
        info["demographics"] = frame
    return info


def load_lint_input(path) -> tuple[list[Persona], dict]:
    """Personas and lint options from a JSON list of personas or a ``*.studio.json`` project.

    A project contributes ``segmentation_inputs`` (``segmentation.inputs``/``items``),
    ``demographic_columns`` (``codebook.demographics``) and, when it carries
    ``segmentation.respondents`` (rows with ``segment`` and demographic columns), ``segments``
    and ``demographics``: pass the dict on as ``lint_personas(personas, **options)``.
    Bad input raises ``ValueError`` with one line naming the file and the field.
    """
    path = Path(path)
    try:
        raw = path.read_text(encoding="utf-8-sig")
    except OSError as exc:
        raise ValueError(f"{path}: cannot read file ({exc.strerror or exc})") from None
    except UnicodeDecodeError:
        raise ValueError(f"{path}: expected UTF-8 JSON text") from None
    try:
        data = json.loads(raw)
    except json.JSONDecodeError as exc:
        raise ValueError(f"{path}: not valid JSON (line {exc.lineno}, column {exc.colno}: "
                         f"{exc.msg})") from None
    try:
        if isinstance(data, list):
            items, info = data, {}
        elif isinstance(data, dict) and isinstance(data.get("personas"), list):
            items, info = data["personas"], _segmentation_info(data)
        else:
            raise ValueError("personas: expected a JSON list of personas or a project object "
                             "with a 'personas' list")
        personas = [_persona(p, i) for i, p in enumerate(items)]
    except ValueError as exc:
        raise ValueError(f"{path}: {exc}") from None
    return personas, info
