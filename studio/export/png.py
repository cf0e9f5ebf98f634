"""PNG persona cards (800 x 1100 px), one file per persona, from ONE chromium run per batch.

WHY batches: starting headless chromium costs about a second, more than drawing a card. So the
cards are stacked in one HTML page (each card a fixed 800 x 1100 box), chromium screenshots the
whole column once and Pillow cuts it into cards. Chromium's screenshot stops at 16,384 px, so a
batch holds at most ``BATCH`` cards (13,200 px); 12 cards take one chromium start, 13-24 two.
"""
from __future__ import annotations

import re
import tempfile
from collections.abc import Sequence
from pathlib import Path

from personas.model import Persona

from .html import cards_html
from .pdf import ExportError, html_to_png

CARD_W, CARD_H = 800, 1100
BATCH = 12  # 12 x 1100 px = 13,200 px, under chromium's 16,384 px screenshot limit


def slug(text: str) -> str:
    """A file-name-safe form of a persona name (letters, digits, dashes)."""
    s = re.sub(r"[^0-9A-Za-z]+", "-", text).strip("-").lower()
    return s[:50] or "persona"


def cards_document(personas: Sequence[Persona], *, bounds: dict | None = None, lang: str = "en") -> str:
    """One HTML page with the cards stacked top to bottom, card i at y = i * 1100 px."""
    if not personas:
        raise ValueError("personas: expected at least one persona for PNG cards")
    return cards_html(personas, bounds=bounds, lang=lang)


def persona_pngs(personas: Sequence[Persona], out_dir: str | Path, *, bounds: dict | None = None,
                 lang: str = "en", progress=None) -> list[Path]:
    """Write ``NN-name.png`` per persona into ``out_dir``; returns the paths in persona order."""
    from PIL import Image

    out_dir = Path(out_dir)
    out_dir.mkdir(parents=True, exist_ok=True)
    personas = list(personas)
    paths: list[Path] = []
    for start in range(0, len(personas), BATCH):
        batch = personas[start:start + BATCH]
        with tempfile.TemporaryDirectory(prefix="studio-cards-") as tmp:
            sheet = html_to_png(cards_document(batch, bounds=bounds, lang=lang), Path(tmp) / "cards.png",
                                CARD_W, CARD_H * len(batch))
            with Image.open(sheet) as image:
                if image.size != (CARD_W, CARD_H * len(batch)):
                    raise ExportError(f"export: chromium drew {image.size[0]} x {image.size[1]} px, expected "
                                      f"{CARD_W} x {CARD_H * len(batch)}")
                image.load()
                for k, p in enumerate(batch):
                    i = start + k
                    path = out_dir / f"{i + 1:02d}-{slug(p.name)}.png"
                    image.crop((0, k * CARD_H, CARD_W, (k + 1) * CARD_H)).save(path, compress_level=3)
                    paths.append(path)
                    if progress:
                        progress((i + 1) / len(personas), p.name)
    return paths
