"""The deck as PowerPoint (python-pptx): real, editable text boxes; charts and avatars as pictures.

WHY text boxes on a blank layout: the team edits the deck after the workshop, so every title,
bullet and table cell is text they can change; only the plotly charts (kaleido PNG) and the
avatars (SVG rendered to PNG by the same kaleido/chromium) are images. Presenter notes go into
the slide notes.
"""
from __future__ import annotations

import io
from collections.abc import Sequence
from pathlib import Path

from pptx import Presentation
from pptx.dml.color import RGBColor
from pptx.util import Emu, Inches, Pt

from .deck import Slide

NAVY = RGBColor(0x16, 0x32, 0x4F)
TEAL = RGBColor(0x2B, 0x67, 0x77)
GREY = RGBColor(0x4A, 0x55, 0x68)
WHITE = RGBColor(0xFF, 0xFF, 0xFF)
W, H = Inches(13.333), Inches(7.5)


def _text(slide, left, top, width, height, lines, size=20, bold=False, colour=GREY, bullet=""):
    box = slide.shapes.add_textbox(left, top, width, height)
    frame = box.text_frame
    frame.word_wrap = True
    for k, line in enumerate(lines):
        para = frame.paragraphs[0] if k == 0 else frame.add_paragraph()
        run = para.add_run()
        run.text = f"{bullet}{line}"
        run.font.size = Pt(size)
        run.font.bold = bold
        run.font.color.rgb = colour
    return box


def _picture(slide, png: bytes, left, top, max_w, max_h, px: tuple[int, int]):
    ratio = px[0] / px[1]
    w, h = max_w, int(max_w / ratio)
    if h > max_h:
        h, w = max_h, int(max_h * ratio)
    slide.shapes.add_picture(io.BytesIO(png), left + (max_w - w) // 2, top, Emu(w), Emu(h))


def _svg_png(renderer, svg: str, size: int = 240) -> bytes:
    """An SVG document as PNG via the same kaleido browser (a plotly layout image of the SVG)."""
    import base64

    import plotly.graph_objects as go

    uri = "data:image/svg+xml;base64," + base64.b64encode(svg.encode("utf-8")).decode("ascii")
    fig = go.Figure()
    fig.add_layout_image(source=uri, xref="paper", yref="paper", x=0, y=1, sizex=1, sizey=1,
                         xanchor="left", yanchor="top", layer="above")
    fig.update_layout(width=size, height=size, margin={"l": 0, "r": 0, "t": 0, "b": 0},
                      xaxis={"visible": False}, yaxis={"visible": False}, paper_bgcolor="rgba(0,0,0,0)",
                      plot_bgcolor="rgba(0,0,0,0)")
    return renderer.png(fig, size, size)


def deck_pptx(slides: Sequence[Slide], out: str | Path, renderer, progress=None) -> Path:
    """Write the deck to ``out`` (.pptx), one PowerPoint slide per deck slide, in order."""
    prs = Presentation()
    prs.slide_width, prs.slide_height = W, H
    blank = prs.slide_layouts[6]
    margin = Inches(0.6)
    inner = W - 2 * margin
    for k, s in enumerate(slides):
        page = prs.slides.add_slide(blank)
        if s.kind == "title":
            bg = page.background.fill
            bg.solid()
            bg.fore_color.rgb = NAVY
            _text(page, margin, Inches(2.2), inner, Inches(1.4), [s.title], 48, True, WHITE)
            if s.subtitle:
                _text(page, margin, Inches(3.6), inner, Inches(1.4), [s.subtitle], 22, False, WHITE)
            if s.big:
                _text(page, margin, Inches(5.2), inner, Inches(0.8), [s.big], 26, True, WHITE)
        else:
            _text(page, margin, Inches(0.35), inner, Inches(0.9), [s.title], 34, True, NAVY)
            top = Inches(1.2)
            if s.subtitle:
                _text(page, margin, Inches(1.15), inner, Inches(0.6), [s.subtitle], 18, False, GREY)
                top = Inches(1.8)
            if s.kind == "persona":
                if s.avatar:
                    _picture(page, _svg_png(renderer, s.avatar), margin, top, Inches(2.6), Inches(2.6), (1, 1))
                if s.big:
                    _text(page, margin, top + Inches(2.7), Inches(2.6), Inches(1.2), [s.big, s.caption], 32, True, TEAL)
                y = top
                box = page.shapes.add_textbox(margin + Inches(3.0), y, inner - Inches(3.0), H - y - Inches(0.4))
                frame = box.text_frame
                frame.word_wrap = True
                first = True
                for head, items in s.sections:
                    for text, size, bold, colour in [(head.upper(), 16, True, TEAL)] + [
                            (f"• {i}", 17, False, GREY) for i in items]:
                        para = frame.paragraphs[0] if first else frame.add_paragraph()
                        first = False
                        run = para.add_run()
                        run.text = text
                        run.font.size, run.font.bold, run.font.color.rgb = Pt(size), bold, colour
            else:
                if s.kind == "audit" and s.bullets:
                    _text(page, margin, top, inner, Inches(0.6), ["     ".join(s.bullets)], 24, True, NAVY)
                    top += Inches(0.7)
                if s.figure is not None:
                    max_h = Inches(4.3 if s.bullets else 5.3)
                    _picture(page, renderer.png(s.figure, *s.figure_size), margin, top, inner, max_h,
                             s.figure_size)
                    top += max_h + Inches(0.1)
                if s.bullets and s.kind != "audit":
                    _text(page, margin, top, inner, H - top - Inches(0.2), s.bullets, 16, False,
                          RGBColor(0x8E, 0x24, 0xAA) if s.kind == "journey" else GREY)
                if s.table:
                    rows, cols = len(s.table), len(s.table[0])
                    shape = page.shapes.add_table(rows, cols, margin, top, inner, Inches(0.4) * rows)
                    for r, row in enumerate(s.table):
                        for c, cell in enumerate(row):
                            tc = shape.table.cell(r, c)
                            tc.text = str(cell)
                            for para in tc.text_frame.paragraphs:
                                for run in para.runs:
                                    run.font.size = Pt(14)
        if s.notes:
            page.notes_slide.notes_text_frame.text = s.notes
        if progress:
            progress((k + 1) / len(slides), s.title)
    out = Path(out)
    out.parent.mkdir(parents=True, exist_ok=True)
    prs.save(out)
    return out
