"""Glue between the Rules of play page and the rules engine: tables <-> editor frames, saving.

A decision table is edited as two frames (inputs, rows). Every edit rebuilds the table dict from
both, validates it with ``journeys.model`` (the table alone, then the whole journey) and saves it
through ``ui.journeys_state.save_journey`` -> ``state.edit`` (a new project version). A refused
edit is not saved; the editors keep the user's cells (their own widget state, and a copy in
session state) and the page shows the model's one-line reason.
"""
from __future__ import annotations

import hashlib
import json
import math
import re
from typing import Any

import pandas as pd
import streamlit as st
from pydantic import ValidationError

from journeys.model import BASES, TEST_QUESTIONS, DecisionTable, Journey, validation_message
from journeys.rules import RULE_CODES, compile_table, evaluate, fmt, gap_report, nearest_differing_case
from journeys.templates import insert_aggression_protocol, protocol_decision_id, starter_table

from . import journeys_state as js
from . import state
from .safe import md  # noqa: F401  (pages call rs.md)
from . import strings_rules  # noqa: F401  (registers the page's strings)
from .i18n import t

PENDING = "_ru_pending"
COND_PREFIX = "if:"
TEST_COLUMNS = tuple(f"test:{q}" for q in TEST_QUESTIONS)
_NUM = re.compile(r"^[-+]?(?:\d+(?:\.\d*)?|\.\d+)(?:[eE][-+]?\d+)?$")
_COMPARISON = re.compile(r"^\s*(<=|>=|<|>|==|=|!=|[\[\(\]])")


class Incomplete(ValueError):
    """A new row without an outcome yet: nothing to save, not an error."""


# -- reading ----------------------------------------------------------------------------------------

def decision_nodes(journey: Journey) -> list[str]:
    """Decision points, discretion ones first (those are where rules of play matter most)."""
    decisions = [n for n in journey.nodes if n.kind == "decision"]
    return [n.id for n in decisions if n.discretion] + [n.id for n in decisions if not n.discretion]


def node_option(journey: Journey, node_id: str) -> str:
    node = journey.node(node_id)
    marks = []
    if node.discretion:
        marks.append(t("ru.discretion"))
    if node_id not in journey.rules:
        marks.append(t("ru.no_rules_mark"))
    label = js.label_of(journey, node_id)
    return ("★ " if node.discretion else "") + label + (f" · {', '.join(marks)}" if marks else "")


def table_of(data: dict, node_id: str) -> dict | None:
    return (data.get("rules") or {}).get(node_id)


@st.cache_resource(show_spinner=False, max_entries=64)
def node_findings(text: str, node_id: str) -> list[dict]:
    """The rules findings of one decision point, with the journey's justifications applied."""
    return [f for f in js.findings(text) if f.get("node") == node_id and f["code"] in RULE_CODES]


@st.cache_data(show_spinner=False, max_entries=64)
def gap_cases(table_text: str, limit: int = 5) -> list[dict]:
    table = DecisionTable.model_validate(json.loads(table_text))
    if table.hit_policy == "collect":
        return []
    return gap_report(table, limit=limit)["cases"]


# -- cells <-> values -------------------------------------------------------------------------------

def _blank(value: Any) -> bool:
    return value is None or value is pd.NA or (isinstance(value, float) and math.isnan(value)) or \
        (isinstance(value, str) and not value.strip())


def _text(value: Any) -> str | None:
    return None if _blank(value) else str(value).strip()


def scalar(token: str) -> Any:
    """'true' -> True, '5' -> 5, '2.5' -> 2.5, anything else stays text."""
    low = token.strip().lower()
    if low == "true":
        return True
    if low == "false":
        return False
    if _NUM.match(token.strip()):
        number = float(token)
        return int(number) if number.is_integer() and "." not in token and "e" not in low else number
    return token.strip()


def values_text(values: list | None) -> str | None:
    return None if values is None else ", ".join(fmt(v) for v in values)


def parse_values(text: Any, where: str) -> list | None:
    raw = _text(text)
    if raw is None:
        return None
    out = [scalar(part) for part in raw.split(",") if part.strip()]
    if not out:
        raise ValueError(f"{where}: expected values separated by commas")
    return out


def ranges_text(ranges: list | None) -> str | None:
    if ranges is None:
        return None
    return ", ".join(f"{'' if lo is None else fmt(lo)}..{'' if hi is None else fmt(hi)}" for lo, hi in ranges)


def parse_ranges(text: Any, where: str) -> list | None:
    raw = _text(text)
    if raw is None:
        return None
    out = []
    for part in raw.split(","):
        part = part.strip()
        if not part:
            continue
        if ".." not in part:
            raise ValueError(f"{where}: expected ranges like 0..5, 5..10, 10.. (got {part!r})")
        lo, hi = (p.strip() for p in part.split("..", 1))
        try:
            out.append([None if not lo else float(lo), None if not hi else float(hi)])
        except ValueError:
            raise ValueError(f"{where}: expected numbers in {part!r}") from None
    return out or None


def cond_text(raw: Any) -> str:
    if raw is None:
        return "-"
    if isinstance(raw, list):
        return "|".join(fmt(v) for v in raw)
    return fmt(raw)


def parse_cond(text: Any, spec: dict | None) -> Any:
    """A cell -> a ``when`` value (None for any): declared values are matched by their text."""
    raw = _text(text)
    if raw is None or raw == "-":
        return None
    declared = (spec or {}).get("values")

    def one(token: str) -> Any:
        token = token.strip()
        if declared:
            for v in declared:
                if fmt(v).lower() == token.lower():
                    return v
        if _COMPARISON.match(token):
            return token
        return scalar(token)

    if "|" in raw and not _COMPARISON.match(raw):
        parts = [p for p in raw.split("|") if p.strip()]
        return [one(p) for p in parts] if len(parts) > 1 else one(parts[0]) if parts else None
    return one(raw)


def _answer(value: Any) -> bool | None:
    text = _text(value)
    if text is None:
        return None
    if text.lower() in ("yes", "ja", "true"):
        return True
    if text.lower() in ("no", "nee", "false"):
        return False
    return None


def _answer_text(value: bool | None, yes: str = "yes", no: str = "no") -> str | None:
    return None if value is None else (yes if value else no)


# -- frames -----------------------------------------------------------------------------------------

def inputs_frame(table: dict) -> pd.DataFrame:
    rows = [{"_row": float(i), "name": spec.get("name"), "basis": spec.get("basis"),
             "values": values_text(spec.get("values")), "ranges": ranges_text(spec.get("ranges")),
             "integer": bool(spec.get("integer", False))} for i, spec in enumerate(table.get("inputs", []))]
    frame = pd.DataFrame(rows, columns=["_row", "name", "basis", "values", "ranges", "integer"])
    for col in ("name", "basis", "values", "ranges"):
        frame[col] = frame[col].astype(object)
    frame["_row"] = frame["_row"].astype("float64")
    frame["integer"] = frame["integer"].astype(bool)
    return frame


def input_names(table: dict) -> list[str]:
    names = [str(i.get("name")) for i in table.get("inputs", [])]
    if not names:
        for row in table.get("rows", []):
            names.extend(k for k in row.get("when", {}) if k not in names)
    return names


def rows_frame(table: dict, yes: str = "yes", no: str = "no") -> pd.DataFrame:
    """One row per rule: a condition column per input (``if:<name>``), then, why, the four test
    answers as ``yes``/``no`` texts in the user's language (blank: not answered)."""
    names = input_names(table)
    rows = []
    for i, row in enumerate(table.get("rows", [])):
        out: dict[str, Any] = {"_row": float(i)}
        for name in names:
            out[COND_PREFIX + name] = cond_text(row.get("when", {}).get(name))
        out["then"] = row.get("then")
        out["why"] = row.get("why")
        test = row.get("test") or {}
        for q, col in zip(TEST_QUESTIONS, TEST_COLUMNS):
            out[col] = _answer_text(test.get(q), yes, no)
        rows.append(out)
    columns = ["_row"] + [COND_PREFIX + n for n in names] + ["then", "why", *TEST_COLUMNS]
    frame = pd.DataFrame(rows, columns=columns)
    for col in columns[1:]:
        frame[col] = frame[col].astype(object)
    frame["_row"] = frame["_row"].astype("float64")
    return frame


def table_from_frames(table: dict, inputs: pd.DataFrame, rows: pd.DataFrame) -> dict:
    """The table with its inputs and rows replaced by the editors' frames. A renamed input is
    renamed in the rows' conditions; a removed input's conditions go. ValueError (one line,
    naming the row and field) when a cell cannot be read; Incomplete for a row still being typed."""
    old_inputs = table.get("inputs", [])
    specs, renames, kept = [], {}, set()
    for k, rec in enumerate(inputs.to_dict("records")):
        name = _text(rec.get("name"))
        pos = _text(rec.get("_row"))
        base = dict(old_inputs[int(float(pos))]) if pos is not None and \
            0 <= int(float(pos)) < len(old_inputs) else {}
        if name is None:
            if base:
                raise ValueError(f"inputs[{len(specs)}].name: expected a name")
            continue
        if base:
            kept.add(base["name"])
            if base["name"] != name:
                renames[base["name"]] = name
        where = f"inputs[{len(specs)}]"
        spec: dict[str, Any] = {"name": name}
        basis = _text(rec.get("basis"))
        if basis is not None:
            spec["basis"] = basis
        values = parse_values(rec.get("values"), f"{where}.values")
        ranges = parse_ranges(rec.get("ranges"), f"{where}.ranges")
        if values is not None:
            spec["values"] = values
        if ranges is not None:
            spec["ranges"] = ranges
        if not _blank(rec.get("integer")) and bool(rec.get("integer")):
            spec["integer"] = True
        specs.append(spec)
    removed = {i.get("name") for i in old_inputs} - kept
    by_name = {s["name"]: s for s in specs}
    old_rows = table.get("rows", [])
    out_rows, incomplete = [], False
    cond_cols = [c for c in rows.columns if str(c).startswith(COND_PREFIX)]
    for rec in rows.to_dict("records"):
        pos = _text(rec.get("_row"))
        base = old_rows[int(float(pos))] if pos is not None and 0 <= int(float(pos)) < len(old_rows) else None
        then = _text(rec.get("then"))
        if then is None:
            if base is not None:
                raise ValueError(f"rows[{len(out_rows)}].then: expected an outcome (a next step or a treatment)")
            filled = [c for c in cond_cols if _text(rec.get(c)) not in (None, "-")]
            if filled or _text(rec.get("why")) or any(_text(rec.get(c)) for c in TEST_COLUMNS):
                incomplete = True
            continue
        when: dict[str, Any] = {}
        for col in cond_cols:
            old_name = str(col)[len(COND_PREFIX):]
            if old_name in removed:
                continue
            name = renames.get(old_name, old_name)
            value = parse_cond(rec.get(col), by_name.get(name))
            if value is not None:
                when[name] = value
        row: dict[str, Any] = {"when": when, "then": then}
        why = _text(rec.get("why"))
        if why is not None:
            row["why"] = why
        answers = {q: _answer(rec.get(col)) for q, col in zip(TEST_QUESTIONS, TEST_COLUMNS)}
        if any(a is not None for a in answers.values()) or (base is not None and base.get("test") is not None):
            row["test"] = answers
        out_rows.append(row)
    new = json.loads(json.dumps(table))
    new["inputs"] = specs
    new["rows"] = out_rows
    if incomplete:
        raise Incomplete("incomplete row")
    return new


def validate_table(table: dict) -> DecisionTable:
    """The model's verdict on a table, as ValueError with one line."""
    try:
        return DecisionTable.model_validate(table)
    except ValidationError as error:
        raise ValueError(validation_message(error)) from None


# -- saving -----------------------------------------------------------------------------------------

def save_table(index: int, node_id: str, table: dict | None, what: str) -> bool:
    """Put (or with None remove) the table of a decision point and save the journey."""
    if table is not None:
        try:
            validate_table(table)
        except ValueError as error:
            raise ValueError(f"rules.{node_id}.{error}") from None
    project, _ = state.shown()
    data = json.loads(json.dumps(project.journeys[index]))
    rules = dict(data.get("rules") or {})
    if table is None:
        rules.pop(node_id, None)
    else:
        rules[node_id] = table
    data["rules"] = rules
    return js.save_journey(index, data, f"rules of play at {node_id}: {what}")


def pending(index: int, node_id: str) -> dict | None:
    return (st.session_state.get(PENDING) or {}).get((index, node_id))


def set_pending(index: int, node_id: str, frames: tuple[pd.DataFrame, pd.DataFrame] | None,
                error: str | None, version: int) -> None:
    store = dict(st.session_state.get(PENDING) or {})
    if frames is None:
        store.pop((index, node_id), None)
    else:
        store[(index, node_id)] = {"inputs": frames[0].copy(), "rows": frames[1].copy(), "error": error,
                                   "version": version}
    st.session_state[PENDING] = store


def discard_pending(index: int, node_id: str) -> None:
    set_pending(index, node_id, None, None, 0)
    st.session_state["_ru_reset"] = st.session_state.get("_ru_reset", 0) + 1


def apply_frames(index: int, node_id: str, table: dict, inputs: pd.DataFrame, rows: pd.DataFrame,
                 version: int) -> tuple[str, str | None]:
    """("saved"|"same"|"incomplete"|"refused", message): validate and save the edited table."""
    try:
        new = table_from_frames(table, inputs, rows)
        validate_table(new)
    except Incomplete:
        set_pending(index, node_id, (inputs, rows), None, version)
        return "incomplete", None
    except ValueError as error:
        message = f"rules.{node_id}.{str(error).splitlines()[0]}"
        set_pending(index, node_id, (inputs, rows), message, version)
        return "refused", message
    if js.to_text(new) == js.to_text(table):
        return "same", None
    try:
        saved = save_table(index, node_id, new, "table edited")
    except ValueError as error:
        message = str(error).splitlines()[0]
        set_pending(index, node_id, (inputs, rows), message, version)
        return "refused", message
    if saved:
        set_pending(index, node_id, None, None, version)
        st.rerun()
    return "saved", None


def _callback_save(index: int, node_id: str, mutate, what: str) -> None:
    """For widget callbacks: change a copy of the shown table and save it, or show why not."""
    project, _ = state.shown()
    table = json.loads(json.dumps(table_of(project.journeys[index], node_id) or {}))
    try:
        mutate(table)
        save_table(index, node_id, table, what)
    except ValueError as error:
        st.session_state["_notice"] = t("ru.refused", error=str(error).splitlines()[0])


def set_hit_policy(index: int, node_id: str, widget: str) -> None:
    policy = st.session_state.get(widget)

    def mutate(table: dict) -> None:
        table["hit_policy"] = policy
        if policy == "priority" and not table.get("priorities"):
            table["priorities"] = list(dict.fromkeys(str(r["then"]) for r in table.get("rows", [])))

    _callback_save(index, node_id, mutate, f"hit policy {policy}")


def set_priorities(index: int, node_id: str, widget: str) -> None:
    text = str(st.session_state.get(widget) or "")

    def mutate(table: dict) -> None:
        table["priorities"] = [p.strip() for p in text.split(",") if p.strip()]

    _callback_save(index, node_id, mutate, "priorities changed")


def create_table(index: int, node_id: str) -> None:
    project, _ = state.shown()
    data = project.journeys[index]
    try:
        table = starter_table(data, node_id)
        if save_table(index, node_id, table, "table created"):
            st.session_state["_ru_toast"] = t("ru.created", node=node_id)
    except ValueError as error:
        st.session_state["_notice"] = t("ru.refused", error=str(error).splitlines()[0])


def delete_table(index: int, node_id: str) -> None:
    try:
        save_table(index, node_id, None, "table removed")
    except ValueError as error:
        st.session_state["_notice"] = t("ru.refused", error=str(error).splitlines()[0])


def insert_protocol(index: int, widget: str) -> None:
    project, _ = state.shown()
    after = st.session_state.get(widget)
    data = project.journeys[index]
    try:
        new = insert_aggression_protocol(data, str(after))
        if js.save_journey(index, new, f"aggression protocol inserted after {after}"):
            st.session_state["_ru_node_next"] = protocol_decision_id(data, new)
            st.session_state["_ru_toast"] = t("ru.protocol_done", node=after)
    except ValueError as error:
        st.session_state["_notice"] = t("ru.refused", error=str(error).splitlines()[0])


# -- tracing ----------------------------------------------------------------------------------------

def trace_domains(table: DecisionTable) -> list[tuple[str, bool, list]]:
    """(input, numeric, options) per input: declared or inferred values, or numeric cells' values."""
    compiled = compile_table(table)
    return [(n, d.numeric, list(d.reps)) for n, d in zip(compiled.names, compiled.domains)]


def trace_key(index: int, node_id: str, table_text: str, name: str) -> str:
    """Widget key of one trace input; changes with the table, so stale values never linger."""
    digest = hashlib.sha1(table_text.encode()).hexdigest()[:8]
    return f"_ru_tr_{index}_{node_id}_{digest}_{name}"


def set_trace_case(index: int, node_id: str, table_text: str, case: dict) -> None:
    for name, value in case.items():
        if isinstance(value, (int, float)) and not isinstance(value, bool):
            value = float(value)  # number inputs keep one numeric type
        st.session_state[trace_key(index, node_id, table_text, name)] = value


def trace(table: DecisionTable, case: dict) -> tuple[dict, dict | None]:
    """evaluate + nearest_differing_case (ValueError with one line for a case outside the domain)."""
    result = evaluate(table, case)
    nearest = nearest_differing_case(table, case) if result["status"] == "ok" and \
        table.hit_policy != "collect" else None
    return result, nearest


BASIS_OPTIONS = list(BASES)


