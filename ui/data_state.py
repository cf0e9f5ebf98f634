"""Glue between the Data page and the domain: reading uploads, codebook edits, reliability.

Every edit goes through `state.edit`, so it is saved as a version at once. Pure work (reading a
file, computing reliability) is cached with st.cache_data on its inputs.
"""
from __future__ import annotations

import json
from dataclasses import dataclass, field
from typing import Any

import pandas as pd
import streamlit as st

from segmentation.codebook import dump_codebook, load_codebook, parse_codebook
from segmentation.importer import MAX_UPLOAD_BYTES, SurveyImport, read_survey
from segmentation.personal_data import detect_personal_data, drop_personal_data
from segmentation.reliability import verdict, verdict_label
from segmentation.suggest import item_rest_correlations, suggest_reversed, suggest_scales
from studio.schema import Project
from studio.service import attach_survey, clean_survey, data_warnings, reliability_report

from . import state
from .i18n import current_lang, t

MAX_MB = MAX_UPLOAD_BYTES // (1024 * 1024)


@dataclass
class ReadResult:
    imported: SurveyImport | None = None
    flags: list = field(default_factory=list)
    error: str | None = None


@st.cache_data(show_spinner="Reading the file…", max_entries=4)
def read_upload(content: bytes, filename: str) -> ReadResult:
    try:
        imported = read_survey(content, filename)
    except ValueError as error:
        return ReadResult(error=str(error).splitlines()[0])
    return ReadResult(imported=imported, flags=detect_personal_data(imported.data))


def codebook_mismatch(project: Project, imported: SurveyImport) -> str | None:
    """Why the new file does not fit the current codebook (shown before importing), or None."""
    if not project.codebook or not project.codebook.get("scales"):
        return None
    try:
        codebook = parse_codebook(project.codebook, "codebook")
        if codebook.missing_in([str(c) for c in imported.data.columns]):
            return None  # a different survey: a new codebook is drafted on import
        clean_survey(imported.data, codebook, imported.source)
    except ValueError as error:
        return str(error)
    return None


def masked_preview(data: pd.DataFrame, flags: list, rows: int = 20) -> pd.DataFrame:
    """The first rows, with personal data columns masked (never shown in full)."""
    preview = data.head(rows).copy()
    for flag in flags:
        if flag.column in preview:
            preview[flag.column] = "•••"
    return preview


def _guess_codebook(data: pd.DataFrame) -> dict:
    columns = [str(c) for c in data.columns]
    scales = suggest_scales(columns, data)
    id_col = next((c for c in columns if c.lower() in {"id", "respondent", "respondent_id", "respondentnummer",
                                                          "resp_id", "case", "caseid"}
                   and not data[c].duplicated().any()), None)
    return {"id": id_col, "scales": {name: dict(zip(("min", "max"), _answer_range(data, items)),
                                             items=items, reverse=[]) for name, items in scales.items()}}


def _answer_range(data: pd.DataFrame, items: list[str]) -> tuple[float, float]:
    """Lowest and highest answer given to the items (negative missing codes left out of the low)."""
    values = pd.to_numeric(data[items].stack(), errors="coerce").dropna()
    valid = values[values >= 0]
    return (float(valid.min()) if len(valid) else 1.0, float(values.max()) if len(values) else 5.0)


def _with_reliability(project: Project, data: pd.DataFrame, cached: bool = False) -> None:
    """Recompute and store reliability after a codebook change (cleared when it cannot be computed).

    `cached`: `data` is the project's stored survey, so go through `_checked`, which the page's
    rerun then finds in its cache (on 1,000,000 rows each pass takes about ten seconds)."""
    if cached and project.survey is not None:
        view = _checked(project.survey.table, json.dumps(project.codebook or {"scales": {}}, sort_keys=True,
                                                         default=str), project.survey.source, data)
        project.reliability = {} if view.error else view.scales
        return
    try:
        codebook = parse_codebook(project.codebook or {"scales": {}}, "codebook")
        cleaned = clean_survey(data, codebook, project.survey.source if project.survey else "survey")
        project.reliability = reliability_report(cleaned, codebook)
    except ValueError:
        project.reliability = {}


def import_into_project(imported: SurveyImport, flags: list, keep: dict[str, bool]) -> bool:
    kept = {col for col, yes in keep.items() if yes}
    data = drop_personal_data(imported.data, flags, keep=kept)
    decisions = [{"column": f.column, "kind": f.kind, "reason": f.reason,
                  "decision": "keep" if f.column in kept else "drop"} for f in flags]

    def change(project: Project) -> None:
        attach_survey(state.store(), project, data, source=imported.source, fmt=imported.format,
                      value_labels=imported.value_labels, column_labels=imported.column_labels,
                      encoding=imported.encoding, delimiter=imported.delimiter, decimal=imported.decimal,
                      personal_data=decisions, warnings=imported.warnings)
        codebook = project.codebook or {}
        wanted = [c for s in (codebook.get("scales") or {}).values() for c in s.get("items", [])]
        if not codebook or any(c not in data.columns for c in wanted):
            project.codebook = _guess_codebook(data)
        _with_reliability(project, data)

    return state.edit(f"imported {imported.source}", change)


# -- codebook edits (widget callbacks) ------------------------------------------------------------

def _edit_codebook(what: str, mutate) -> None:
    project, _ = state.shown()
    data = state.survey(project)

    def change(p: Project) -> None:
        codebook = dict(p.codebook or {"scales": {}})
        codebook["scales"] = {k: dict(v) for k, v in (codebook.get("scales") or {}).items()}
        mutate(codebook)
        parse_codebook(codebook, "codebook")  # refuse an edit that makes the codebook invalid
        p.codebook = codebook
        if data is not None:
            _with_reliability(p, data, cached=True)

    try:
        state.edit(what, change)
    except ValueError as error:
        st.session_state["_notice"] = str(error)


def set_codebook_key(key: str, widget: str) -> None:
    value = st.session_state.get(widget)
    _edit_codebook(f"codebook {key}", lambda cb: cb.__setitem__(key, value))


def set_missing_codes(widget: str) -> None:
    codes: list[Any] = []
    for part in str(st.session_state.get(widget, "")).split(","):
        part = part.strip()
        if not part:
            continue
        try:
            number = float(part)
            codes.append(int(number) if number.is_integer() else number)
        except ValueError:
            codes.append(part)
    _edit_codebook("missing codes", lambda cb: cb.__setitem__("missing", codes))


def set_scale_field(scale: str, key: str, widget: str) -> None:
    value = st.session_state.get(widget)

    def mutate(cb: dict) -> None:
        cb["scales"][scale][key] = value
        if key == "items":
            cb["scales"][scale]["reverse"] = [i for i in cb["scales"][scale].get("reverse", []) if i in value]

    _edit_codebook(f"scale {scale}: {key}", mutate)


def set_scale_label(scale: str, lang: str, widget: str) -> None:
    value = st.session_state.get(widget, "")

    def mutate(cb: dict) -> None:
        label = dict(cb["scales"][scale].get("label") or {})
        label[lang] = value
        cb["scales"][scale]["label"] = label

    _edit_codebook(f"scale {scale}: label", mutate)


def add_scale(name: str, items: list[str]) -> None:
    data = state.survey(state.shown()[0])
    low, high = _answer_range(data, items) if data is not None else (1.0, 5.0)
    _edit_codebook(f"added scale {name}", lambda cb: cb["scales"].__setitem__(
        name, {"items": list(items), "reverse": [], "min": low, "max": high}))


def add_scale_from_widgets(name_widget: str, items_widget: str) -> None:
    name = str(st.session_state.get(name_widget, "")).strip()
    items = list(st.session_state.get(items_widget) or [])
    if name and items:
        add_scale(name, items)


def remove_scale(name: str) -> None:
    _edit_codebook(f"removed scale {name}", lambda cb: cb["scales"].pop(name, None))


def mark_reversed(scale: str, item: str) -> None:
    def mutate(cb: dict) -> None:
        reverse = list(cb["scales"][scale].get("reverse", []))
        if item not in reverse:
            reverse.append(item)
        cb["scales"][scale]["reverse"] = reverse

    _edit_codebook(f"scale {scale}: {item} reversed", mutate)


def load_codebook_upload(content: bytes, filename: str, columns: list[str]) -> str | None:
    """Replace the codebook by an uploaded one; returns an error line or None."""
    try:
        text = content.decode("utf-8-sig")
    except UnicodeDecodeError:
        return f"{filename}: not a UTF-8 text file (expected YAML or JSON)"
    try:
        codebook = load_codebook(text=text, source=filename)
    except ValueError as error:
        return str(error)
    missing = codebook.missing_in(columns)
    if missing:
        return f"{filename}: column {missing[0]!r} is not in the survey"
    _edit_codebook(f"codebook loaded from {filename}", lambda cb: (cb.clear(), cb.update(codebook.to_dict())))
    return None


def codebook_yaml(codebook: dict) -> str:
    try:
        return dump_codebook(parse_codebook(codebook, "codebook"))
    except ValueError:
        return ""


def suggested_scales(columns: list[str], data: pd.DataFrame, used: set[str],
                     table: str | None = None) -> dict[str, list[str]]:
    """Prefix groups not yet covered by a scale. With `table` (survey tables never change) the cache
    is keyed on its name: hashing a 1,000,000-row frame on every rerun took seconds."""
    found = _suggest_table(table, tuple(columns), data) if table else _suggest(tuple(columns), data)
    return {name: items for name, items in found.items() if not used & set(items)}


@st.cache_data(show_spinner=False, max_entries=4)
def _suggest(columns: tuple[str, ...], data: pd.DataFrame) -> dict[str, list[str]]:
    return suggest_scales(list(columns), data)


@st.cache_data(show_spinner=False, max_entries=8)
def _suggest_table(table: str, columns: tuple[str, ...], _data: pd.DataFrame) -> dict[str, list[str]]:
    return suggest_scales(list(columns), _data)


def reversal_hints(data: pd.DataFrame, codebook: dict, scale: str, table: str | None = None) -> dict[str, float]:
    """Items that look reversed (psych-style keying on the raw answers) but are not marked so.

    Returns {item: its item-rest r on the raw answers}. With `table` cached per survey table and
    scale definition (a 1,000,000-row survey took about a second per scale on every rerun).
    """
    if table:
        spec = codebook["scales"][scale]
        key = json.dumps({"scale": spec, "missing": codebook.get("missing", [])}, sort_keys=True, default=str)
        return _reversal_hints_table(table, key, scale, data, codebook)
    return _reversal_hints(data, codebook, scale)


@st.cache_data(show_spinner=False, max_entries=64)
def _reversal_hints_table(table: str, key: str, scale: str, _data: pd.DataFrame, _codebook: dict) -> dict[str, float]:
    return _reversal_hints(_data, _codebook, scale)


def _reversal_hints(data: pd.DataFrame, codebook: dict, scale: str) -> dict[str, float]:
    spec = codebook["scales"][scale]
    items = [i for i in spec.get("items", []) if i in data.columns]
    if len(items) < 3:
        return {}
    frame = data[items].apply(pd.to_numeric, errors="coerce")
    missing = [m for m in codebook.get("missing", []) if isinstance(m, (int, float))]
    if missing:
        frame = frame.mask(frame.isin(missing))
    try:
        keyed = set(suggest_reversed(frame))
        raw_r = item_rest_correlations(frame)
    except ValueError:
        return {}
    marked = set(spec.get("reverse", []))
    if len(keyed) > len(items) / 2:  # keying is relative: the smaller side is the reversed one
        keyed = set(items) - keyed
    return {item: raw_r.get(item) or 0.0 for item in items if item in keyed and item not in marked}


@dataclass
class ReliabilityView:
    scales: dict[str, dict] = field(default_factory=dict)
    warnings: list[str] = field(default_factory=list)
    error: str | None = None


def reliability(project: Project, data: pd.DataFrame) -> ReliabilityView:
    codebook_dict = project.codebook or {"scales": {}}
    if not codebook_dict.get("scales"):
        return ReliabilityView()
    source = project.survey.source if project.survey else "survey"
    table = project.survey.table if project.survey else ""
    view = _checked(table, json.dumps(codebook_dict, sort_keys=True, default=str), source, data)
    if view.scales and project.reliability:
        view = ReliabilityView(scales=project.reliability, warnings=view.warnings)
    return view


@st.cache_data(show_spinner=False, max_entries=16)
def _checked(table: str, codebook_json: str, source: str, _data: pd.DataFrame) -> ReliabilityView:
    """Validate the survey against the codebook and compute reliability, once per survey table and
    codebook (survey tables never change once written, so the table name stands for the data)."""
    try:
        codebook = parse_codebook(json.loads(codebook_json), "codebook")
        cleaned = clean_survey(_data, codebook, source)
        return ReliabilityView(scales=reliability_report(cleaned, codebook),
                               warnings=data_warnings(cleaned, codebook))
    except ValueError as error:
        return ReliabilityView(error=str(error))


def reliability_table(scales: dict[str, dict], codebook: dict, lang: str) -> pd.DataFrame:
    rows = []
    for name, r in scales.items():
        rows.append({"scale": scale_label(codebook, name, lang), "n": r["n"], "items": r.get("n_items"), "alpha": r["alpha_raw"],
                     "alpha std": r["alpha_std"], "G6": r["g6"], "avg r": r["avg_r"], "omega t": r["omega_total"],
                     "mean": r["mean"], "sd": r["sd"], "verdict": t(f"verdict.{verdict_label(r['alpha_raw'])}")})
    return pd.DataFrame(rows).round(3)


def verdict_sentences(scales: dict[str, dict], codebook: dict, lang: str) -> list[str]:
    """One plain-language sentence per scale, e.g. "Control: Cronbach's alpha is 0.84: good ..."."""
    return [f"**{scale_label(codebook, name, lang)}**: {verdict(r['alpha_raw'], lang)}" for name, r in scales.items()]


def scale_label(codebook: dict, name: str, lang: str) -> str:
    return ((codebook.get("scales", {}).get(name) or {}).get("label") or {}).get(lang) or name


def dropped_table(result: dict) -> pd.DataFrame:
    rest = result.get("item_rest_r") or {}
    rows = [{"item": item, "alpha raw": v["raw"], "alpha std": v["std"], "item-rest r": rest.get(item)}
            for item, v in (result.get("alpha_if_dropped") or {}).items()]
    return pd.DataFrame(rows).round(3)
