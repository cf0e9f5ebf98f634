"""PNG persona cards (800 x 1100 px), one file per persona, screenshotted by headless chromium."""
from __future__ import annotations

import re
from collections.abc import Sequence
from pathlib import Path

from personas.model import Persona

from .html import card_html
from .pdf import html_to_png


def slug(text: str) -> str:
    """A file-name-safe form of a persona name (letters, digits, dashes)."""
    s = re.sub(r"[^0-9A-Za-z]+", "-", text).strip("-").lower()
    return s[:50] or "persona"


def persona_pngs(personas: Sequence[Persona], out_dir: str | Path, *, bounds: dict | None = None,
                 lang: str = "en", progress=None) -> list[Path]:
    """Write ``NN-name.png`` per persona into ``out_dir``; returns the paths in persona order."""
    out_dir = Path(out_dir)
    out_dir.mkdir(parents=True, exist_ok=True)
    paths = []
    for i, p in enumerate(personas):
        path = out_dir / f"{i + 1:02d}-{slug(p.name)}.png"
        html_to_png(card_html(p, bounds=bounds, lang=lang), path, 800, 1100)
        paths.append(path)
        if progress:
            progress((i + 1) / len(personas), p.name)
    return paths
