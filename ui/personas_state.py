"""Glue between the Personas page and personas/: generate, edit, justify, choose per field.

Every change goes through `state.edit` (saved as a version at once). Widget callbacks work on
`state.shown()`, the project as the user saw it, so an edit never lands silently on top of a
colleague's newer version. Lint results and figures are pure functions of the personas, cached by
their JSON.
"""
from __future__ import annotations

import base64
import html
import json
import re
from typing import Any

import numpy as np
import pandas as pd
import plotly.graph_objects as go
import streamlit as st

from personas import charts
from personas.avatar import avatar_svg
from personas.generate import choose, mark_edited
from personas.lint import lint_personas
from personas.model import Justification, Persona, Picture
from personas.posters import clean_photo
from studio.personas_service import build_personas, import_personas
from studio.segmenting import chosen_run
from studio.schema import Project

from . import state
from . import strings_personas  # noqa: F401  (registers the page's strings)
from .i18n import current_lang, t

MAX_PHOTO_BYTES = 2 * 1024 * 1024
_MD_SPECIAL = re.compile(r"([\\`*_{}\[\]()#+\-.!|~<>$:])")


def safe(text: Any) -> str:
    """User text for st.markdown: HTML-escaped and markdown-escaped (no links, images or markup)."""
    return _MD_SPECIAL.sub(r"\\\1", html.escape(str(text), quote=False))


def personas_of(project: Project) -> list[Persona]:
    out = []
    for p in project.personas:
        try:
            out.append(Persona.model_validate(p))
        except Exception:  # noqa: BLE001 - a broken stored persona is skipped, not fatal for the page
            continue
    return out


def bounds(project: Project) -> dict[str, tuple[float, float]]:
    scales = (project.codebook or {}).get("scales") or {}
    out = {}
    for name, spec in scales.items():
        if isinstance(spec, dict) and isinstance(spec.get("min"), (int, float)) and isinstance(spec.get("max"), (int, float)):
            out[name] = (float(spec["min"]), float(spec["max"]))
    return out


def scale_title(project: Project, name: str, lang: str) -> str:
    spec = ((project.codebook or {}).get("scales") or {}).get(name) or {}
    label = spec.get("label") if isinstance(spec, dict) else None
    if isinstance(label, dict):
        return str(label.get(lang) or label.get("en") or name)
    return str(label or name)


# -- actions (widget callbacks) -------------------------------------------------------------------

MAX_SET_BYTES = 20 * 1024 * 1024  # the same limit as personas.io.MAX_BYTES


def generate(data: pd.DataFrame | None, lang_key: str | None = None) -> None:
    """Build or refresh the personas; names, taglines and lines in the language the user picked
    (``lang_key``'s widget), else the page language. A refresh keeps hand edits in any language."""
    lang = st.session_state.get(lang_key) if lang_key else None
    lang = lang if lang in ("en", "nl") else current_lang()
    project, _ = state.shown()
    run = chosen_run(project)
    state.edit(t("per.generated_note", run=(run or {}).get("id")), lambda p: build_personas(p, data, lang=lang))


def import_set(upload_key: str, mode_key: str) -> None:
    """Callback of the import button: read the uploaded persona set JSON and replace or merge.

    A bad file leaves the project untouched and shows one line (file name, persona, field)."""
    upload = st.session_state.get(upload_key)
    if upload is None:
        st.session_state["_per_error"] = t("per.import_none")
        return
    mode = st.session_state.get(mode_key) or "merge"
    if getattr(upload, "size", 0) > MAX_SET_BYTES:
        st.session_state["_per_error"] = f"{upload.name}: {t('per.import_too_big')}"
        return
    from personas.io import read_personas_json

    try:
        incoming = read_personas_json(upload.getvalue())
    except ValueError as error:
        st.session_state["_per_error"] = f"{upload.name}: {error}"
        return
    result: dict = {}
    saved = state.edit(t("per.import_note", n=len(incoming), name=upload.name, mode=mode),
                       lambda p: result.update(import_personas(p, incoming, mode=mode)))
    if saved and result:
        st.session_state["_per_imported"] = t("per.import_done", **{k: result.get(k, 0) for k in
                                                                    ("read", "added", "updated", "kept")})


def _update(pid: str, what: str, fn) -> None:
    def change(project: Project) -> None:
        for i, raw in enumerate(project.personas):
            if raw.get("id") == pid:
                persona = Persona.model_validate(raw)
                fn(persona)
                project.personas[i] = persona.model_dump(mode="json")

    state.edit(what, change)


def edit_field(pid: str, field: str, key: str) -> None:
    """Callback of a text widget: store the new value and mark the field as edited."""
    value = st.session_state.get(key, "")
    project, _ = state.shown()
    name = next((p.get("name") for p in project.personas if p.get("id") == pid), pid)
    if field == "quotes":
        old = {str(q.get("text") if isinstance(q, dict) else q): q
               for p in project.personas if p.get("id") == pid for q in p.get("quotes") or []}
        value = [old.get(line.strip(), {"text": line.strip(), "source": "edited"})
                 for line in str(value).splitlines() if line.strip()]
    _update(pid, t("per.edit_note", field=t(f"per.f.{field}"), name=name),
            lambda p: mark_edited(p, field, value))


def set_picture_kind(pid: str, key: str) -> None:
    kind = st.session_state.get(key)
    if kind == "avatar":
        _update(pid, t("per.edit_note", field=t("per.picture"), name=pid),
                lambda p: mark_edited(p, "picture", Picture(kind="avatar").model_dump()))


def upload_photo(pid: str, key: str) -> None:
    """Callback of the photo uploader: a PNG/JPEG/WebP up to 2 MB becomes the persona's picture."""
    upload = st.session_state.get(key)
    if upload is None:
        return
    raw = upload.getvalue()
    if len(raw) > MAX_PHOTO_BYTES:
        st.session_state["_per_error"] = f"{upload.name}: larger than 2 MB"
        return
    uri = clean_photo(raw)  # re-encoded from its pixels: nothing but the picture is stored
    if uri is None:
        st.session_state["_per_error"] = f"{upload.name}: expected a PNG, JPEG or WebP image"
        return
    _update(pid, t("per.edit_note", field=t("per.picture"), name=pid),
            lambda p: mark_edited(p, "picture", Picture(kind="photo", uri=uri).model_dump()))


def justify(pid: str, finding: dict, key: str) -> None:
    reason = str(st.session_state.get(key) or "").strip()
    if not reason:
        return
    j = Justification(code=finding["code"], field=finding.get("field"), span=finding.get("text"), reason=reason)
    _update(pid, t("per.justify_note", code=finding["code"], name=pid), lambda p: p.justified.append(j))


def pick_change(index: int, take: str) -> None:
    seen, _ = state.shown()
    pending = list((getattr(seen, "persona_changes", None) or {}).get("pending") or [])
    item = pending[index] if 0 <= index < len(pending) else {}
    name = next((p.get("name") for p in seen.personas if p.get("id") == item.get("persona")), item.get("persona"))

    def change(project: Project) -> None:
        info = dict(getattr(project, "persona_changes", None) or {})
        pending = list(info.get("pending") or [])
        if not 0 <= index < len(pending):
            return
        chosen = pending.pop(index)
        ps = choose([Persona.model_validate(p) for p in project.personas], chosen, take)
        project.personas = [p.model_dump(mode="json") for p in ps]
        info["pending"] = pending
        project.persona_changes = info

    state.edit(t("per.choose_note", take=take, field=item.get("field"), name=name), change)


def delete_persona(pid: str) -> None:
    def change(project: Project) -> None:
        project.personas = [p for p in project.personas if p.get("id") != pid]

    state.edit(t("per.delete") + f" {pid}", change)


# -- views ----------------------------------------------------------------------------------------

def avatar(project: Project, persona: Persona) -> str:
    axes = [a for a in ((chosen_run(project) or {}).get("inputs") or []) if a in persona.axes] or None
    return avatar_svg(persona, bounds=bounds(project), axes=axes)


def photo_bytes(persona: Persona) -> bytes | None:
    uri = persona.picture.uri if persona.picture else None
    if not uri or not uri.startswith("data:image/") or ";base64," not in uri:
        return None
    try:
        return base64.b64decode(uri.split(",", 1)[1])
    except ValueError:
        return None


@st.cache_data(show_spinner=False, max_entries=32)
def _lint(personas_json: str, labels: tuple | None, _demographics: pd.DataFrame | None,
          demo_key: str) -> list[dict]:
    personas = json.loads(personas_json)
    if labels is None or _demographics is None:
        return lint_personas(personas)
    lab = pd.Series(labels, name="segment")
    placed = (lab >= 0).to_numpy()
    return lint_personas(personas, segments=lab[placed].reset_index(drop=True),
                         demographics=_demographics.loc[placed].reset_index(drop=True))


def lint(project: Project, data: pd.DataFrame | None) -> list[dict]:
    """All lint findings, with the statistic family when the survey and the run are at hand."""
    run = chosen_run(project)
    demo_cols = [c for c in (project.codebook or {}).get("demographics") or []
                 if data is not None and c in data.columns]
    labels = run.get("labels") if run else None
    usable = bool(demo_cols) and isinstance(labels, list) and data is not None and len(labels) == len(data)
    personas = [p for p in project.personas]
    key = json.dumps(personas, sort_keys=True, default=str)
    if not usable:
        return _lint(key, None, None, "")
    demographics = data[demo_cols].reset_index(drop=True)
    return _lint(key, tuple(int(v) for v in labels), demographics,
                 f"{project.survey.table if project.survey else ''}:{','.join(demo_cols)}")


def highlight(text: str, span: list | None) -> str:
    """The field's text with the finding's span marked (all parts escaped)."""
    if not span or len(span) != 2:
        return safe(text)
    a, b = int(span[0]), int(span[1])
    return f"{safe(text[:a])}:orange-background[**{safe(text[a:b])}**]{safe(text[b:])}"


def field_text(persona: Persona, field: str | None) -> str:
    from personas.lint import persona_texts

    return dict(persona_texts(persona)).get(field or "", "")


@st.cache_resource(show_spinner=False, max_entries=16)
def _map(key: str, _personas: tuple, x: str, y: str, titles: tuple, ranges: tuple, share_label: str) -> go.Figure:
    return charts.persona_map(list(_personas), x, y, x_title=titles[0], y_title=titles[1],
                              x_range=ranges[0], y_range=ranges[1], share_label=share_label)


def persona_map(project: Project, personas: list[Persona], lang: str) -> go.Figure | None:
    axes = list(dict.fromkeys(a for p in personas for a in p.axes))
    run_axes = [a for a in ((chosen_run(project) or {}).get("inputs") or []) if a in axes]
    axes = (run_axes + [a for a in axes if a not in run_axes])[:2]
    if len(axes) < 2:
        return None
    b = bounds(project)
    ranges = tuple((b[a][0] - 0.2, b[a][1] + 0.2) if a in b else None for a in axes)
    key = json.dumps([p.model_dump(mode="json") for p in personas], sort_keys=True, default=str) + lang
    return _map(key, tuple(personas), axes[0], axes[1],
                (scale_title(project, axes[0], lang), scale_title(project, axes[1], lang)), ranges, t("per.share"))


def comparison(project: Project, personas: list[Persona], lang: str) -> pd.DataFrame:
    named = []
    seen: dict[str, int] = {}
    for p in personas:
        seen[p.name] = seen.get(p.name, 0) + 1
        copy = p.model_copy()
        if seen[p.name] > 1:
            copy.name = f"{p.name} ({seen[p.name]})"
        named.append(copy)
    titles = {a: scale_title(project, a, lang) for p in personas for a in p.axes}
    rows = charts.comparison_rows(named, axis_titles=titles,
                                  labels={"share": t("per.share"), "needs": t("per.needs"),
                                          "behaviours": t("per.behaviours")})
    return pd.DataFrame(rows).set_index("")


def evidence_frame(persona: Persona) -> pd.DataFrame:
    rows = [{t("per.ev.claim"): e.claim, t("per.ev.item"): e.item or "",
             t("per.ev.figure"): None if e.figure is None else float(np.round(e.figure, 3)),
             t("per.ev.n"): e.n, t("per.ev.kind"): e.kind} for e in persona.evidence]
    return pd.DataFrame(rows)
