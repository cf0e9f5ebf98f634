"""PNG persona cards: time per card against one chromium screenshot of an empty page (same run).

The peer is the floor of any chromium-based export: start headless chromium, screenshot an empty
800 x 1100 page, quit. ``per card / peer`` below 1 means a card costs less than a bare chromium
start, i.e. the start-up is shared across the batch. Also printed: the old way (one chromium per
card) for the same cards. Each figure is the best of ``REPEAT`` runs (shared build machines).

    .venv/bin/python bench/bench_persona_cards.py
"""
from __future__ import annotations

import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from data.demo import generate_demo  # noqa: E402
from segmentation.codebook import parse_codebook  # noqa: E402
from studio.export.html import card_html  # noqa: E402
from studio.export.pdf import html_to_png  # noqa: E402
from studio.export.png import persona_pngs  # noqa: E402
from studio.personas_service import project_personas, build_personas  # noqa: E402
from studio.schema import Project  # noqa: E402
from studio.segmenting import run_segmentation  # noqa: E402

REPEAT = 2
EMPTY = '<!DOCTYPE html><html><head><meta charset="utf-8"></head><body></body></html>'


def best(fn) -> float:
    times = []
    for _ in range(REPEAT):
        t = time.perf_counter()
        fn()
        times.append(time.perf_counter() - t)
    return min(times)


def main() -> None:
    demo = generate_demo(n=400, seed=7)
    book = parse_codebook(demo.codebook, "codebook")
    project = Project(name="bench", codebook=book.to_dict(), quotes=list(demo.quotes))
    project.segmentations = [run_segmentation(demo.survey, book, "gmm", k=4, n_boot=0)]
    build_personas(project, demo.survey)
    four = project_personas(project)
    with tempfile.TemporaryDirectory() as tmp:
        out = Path(tmp)
        peer = best(lambda: html_to_png(EMPTY, out / "empty.png", 800, 1100))
        print(f"peer: chromium screenshot of an empty 800x1100 page: {peer:.2f} s")
        for n in (4, 12):
            cards = (four * 3)[:n]
            ours = best(lambda: persona_pngs(cards, out / f"new{n}"))
            print(f"{n:>2} cards, one chromium per batch: {ours:.2f} s, {ours / n:.2f} s per card, "
                  f"per card / peer = {ours / n / peer:.2f}")
        old = best(lambda: [html_to_png(card_html(p), out / f"old{i}.png", 800, 1100) for i, p in enumerate(four)])
        print(f" 4 cards, one chromium per card (before): {old:.2f} s, {old / 4:.2f} s per card, "
              f"per card / peer = {old / 4 / peer:.2f}")


if __name__ == "__main__":
    main()
