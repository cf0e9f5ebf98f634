"""Glue between the Present page and studio/export: the deck of the shown project, the slide in
the URL (`?slide=N`, so a reload or a second screen opens the same slide), chart images, exports.

The deck and its chart SVGs are cached per project id, version and language: moving between
slides never rebuilds the deck, and the app keeps one kaleido browser for all charts.
"""
from __future__ import annotations

import base64
import tempfile
from pathlib import Path
from typing import Any

import streamlit as st

from studio.export import build_deck, export_project, latest_audit
from studio.export.deck import Slide

from . import state
from . import strings_present  # noqa: F401  (registers the page's strings)
from .i18n import current_lang

MIME = {"pdf": "application/pdf", "html": "text/html",
        "pptx": "application/vnd.openxmlformats-officedocument.presentationml.presentation", "png": "application/zip"}


@st.cache_resource(max_entries=8, show_spinner=False)
def _deck(project_id: str, version: int, lang: str) -> list[Slide]:
    project = state.store().load(project_id).project
    return build_deck(project, audit=latest_audit(project_id), lang=lang)


def deck() -> list[Slide]:
    project, version = state.current()
    return _deck(project.id, version, current_lang())


@st.cache_resource(max_entries=64, show_spinner=False)
def _figure_uri(project_id: str, version: int, lang: str, index: int) -> str:
    from studio.export.images import keep_alive_svg

    slide = _deck(project_id, version, lang)[index]
    svg = keep_alive_svg(slide.figure, *slide.figure_size)
    return "data:image/svg+xml;base64," + base64.b64encode(svg).decode("ascii")


def figure_uri(index: int) -> str | None:
    """The chart of slide ``index`` as an SVG data URI (None when the slide has no chart)."""
    project, version = state.current()
    slides = deck()
    if slides[index].figure is None:
        return None
    return _figure_uri(project.id, version, current_lang(), index)


def slide_index(n: int) -> int:
    """The 0-based slide from ``?slide=`` (1-based in the URL), clamped to the deck."""
    raw = st.query_params.get("slide", "1")
    try:
        i = int(raw) - 1
    except (TypeError, ValueError):
        i = 0
    return max(0, min(n - 1, i))


def go(i: int, n: int) -> None:
    st.query_params["slide"] = str(max(0, min(n - 1, i)) + 1)


def presenter() -> bool:
    return st.query_params.get("presenter") == "1"


def set_presenter(on: bool) -> None:
    if on:
        st.query_params["presenter"] = "1"
    else:
        st.query_params.pop("presenter", None)


def run_export(what: str, fmt: str, size: str, progress) -> tuple[str, bytes, str, float]:
    """Export the shown project; (file name, bytes, mime, seconds). PNG cards come zipped in one download."""
    import io
    import zipfile

    project = state.project()
    with tempfile.TemporaryDirectory(prefix="studio-export-") as tmp:
        base = "".join(c if c.isalnum() else "-" for c in project.name).strip("-")[:40] or "project"
        out = Path(tmp) / (f"{base}-{what}" if fmt == "png" else f"{base}-{what}.{fmt}")
        result: dict[str, Any] = export_project(project, fmt, out, what=what, lang=current_lang(),
                                                audit=latest_audit(project.id) if what == "deck" else None,
                                                size=size, progress=progress)
        if fmt == "png":
            buffer = io.BytesIO()
            with zipfile.ZipFile(buffer, "w") as zf:
                for f in result["files"]:
                    zf.write(f, Path(f).name)
            return out.name + ".zip", buffer.getvalue(), MIME["png"], result["seconds"]
        return out.name, out.read_bytes(), MIME[fmt], result["seconds"]
