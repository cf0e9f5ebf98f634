"""Presentation and export: one deck model (deck.py), rendered as HTML, PDF, PPTX and PNG.

``export_project`` is what the CLI (`python -m studio export`) and the Present page call.
"""
from __future__ import annotations

import time
from pathlib import Path
from typing import Any, Callable

from .deck import Slide, build_deck, latest_audit

FORMATS = ("pdf", "pptx", "png", "html")
WHATS = ("deck", "posters", "fans")

__all__ = ["FORMATS", "WHATS", "Slide", "build_deck", "export_project", "latest_audit"]


def _bounds(project: Any) -> dict[str, tuple[float, float]]:
    scales = (getattr(project, "codebook", None) or {}).get("scales") or {}
    return {k: (float(v.get("min", 1)), float(v.get("max", 5))) for k, v in scales.items()}


def export_project(project: Any, fmt: str, out: str | Path, *, what: str = "deck", lang: str = "en",
                   audit: dict[str, Any] | None = None, size: str = "A4",
                   progress: Callable[[float, str], None] | None = None) -> dict[str, Any]:
    """Write the project's deck, posters or fans as ``fmt`` to ``out``; a JSON-ready summary.

    - deck: html | pdf (16:9 pages) | pptx
    - posters: pdf (``size`` A4 or A3, one persona per page) | html | png (one card per persona,
      ``out`` is a folder)
    - fans: pdf | html (66 x 200 mm cards, four per A4 landscape page)
    """
    from personas.model import Persona
    from personas.posters import posters_html

    from .html import deck_html, fans_html
    from .images import FigureRenderer

    if fmt not in FORMATS:
        raise ValueError(f"--format: expected one of {', '.join(FORMATS)}, got {fmt!r}")
    if what not in WHATS:
        raise ValueError(f"--what: expected one of {', '.join(WHATS)}, got {what!r}")
    step = progress or (lambda _f, _t: None)
    started = time.perf_counter()
    out = Path(out)
    result: dict[str, Any] = {"format": fmt, "what": what, "out": str(out)}
    if what == "deck":
        if fmt == "png":
            raise ValueError("--format png: PNG is for persona cards; use --what posters (or pdf/pptx/html for the deck)")
        slides = build_deck(project, audit=audit, lang=lang)
        result["slides"] = len(slides)
        with FigureRenderer() as renderer:
            if fmt == "pptx":
                from .pptx import deck_pptx

                deck_pptx(slides, out, renderer, progress=lambda f, t: step(0.05 + 0.9 * f, t))
            else:
                html = deck_html(slides, renderer, title=getattr(project, "name", ""), lang=lang,
                                 progress=lambda f, t: step(0.05 + (0.6 if fmt == "pdf" else 0.9) * f, t))
                if fmt == "html":
                    out.parent.mkdir(parents=True, exist_ok=True)
                    out.write_text(html, encoding="utf-8")
                else:
                    from .pdf import html_to_pdf

                    step(0.7, "pdf")
                    html_to_pdf(html, out)
    else:
        personas = [Persona.model_validate(p) for p in getattr(project, "personas", []) or []]
        if not personas:
            raise ValueError("personas: the project has no personas yet; run `personas PROJECT` first")
        result["pages" if fmt != "png" else "files"] = len(personas) if what == "posters" else -(-len(personas) // 4)
        bounds = _bounds(project)
        if fmt == "png":
            if what != "posters":
                raise ValueError("--format png: PNG cards come with --what posters")
            from .png import persona_pngs

            paths = persona_pngs(personas, out, bounds=bounds, lang=lang, progress=step)
            result["files"] = [str(p) for p in paths]
        else:
            if fmt == "pptx":
                raise ValueError(f"--format pptx: {what} are print matter; use pdf or html")
            html = (posters_html(personas, size=size, bounds=bounds, lang=lang, project_name=getattr(project, "name", ""))
                    if what == "posters" else fans_html(personas, bounds=bounds, lang=lang))
            step(0.3, what)
            if fmt == "html":
                out.parent.mkdir(parents=True, exist_ok=True)
                out.write_text(html, encoding="utf-8")
            else:
                from .pdf import html_to_pdf

                html_to_pdf(html, out)
    step(1.0, "done")
    result["seconds"] = round(time.perf_counter() - started, 2)
    return result
