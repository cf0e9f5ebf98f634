"""An abstract, behaviour-based avatar: shapes and colours from what a segment wants and does.

WHY no face: shown photos of personas, people automatically look for gender, age and skin colour
(DOMAIN.md sections 2-3), and a supermarket chain's one darker-skinned "budget" cartoon became a
public scandal. So the studio draws what distinguishes a persona instead:

* the first axis (e.g. control) sets the *structure*: how many blocks the motif has and how
  tightly they are aligned (more say = more, crisper parts);
* the second axis (e.g. process vs relationship) sets the *shape*: square, aligned blocks at the
  process end, round, overlapping and linked circles at the relationship end;
* channel habits form a ring of arcs around the motif, one arc per channel, its length the share
  of the segment that prefers that channel.

Colours come from a fixed palette of blues, greens and purples, far from any skin tone, and the
hue follows the axis position only (never a value ranking). The same persona always gives the
same SVG (no randomness), and no user text goes into it except as escaped ``<title>`` text.
"""
from __future__ import annotations

import math
from html import escape

from .model import Persona

# Non-skin hues (HSL degrees): teal, blue, indigo, violet, green. Never reds/oranges/browns.
HUES = (175, 205, 232, 265, 140)
CHANNEL_COLOURS = ("#1f77b4", "#2ca02c", "#9467bd", "#17becf", "#3b4cc0", "#5e8c31", "#7b4fa0",
                   "#0f6e7a")
SIZE = 200


def _unit(value: float | None, lo: float, hi: float) -> float:
    """Position on a scale as 0..1 (0.5 when unknown)."""
    if value is None or not math.isfinite(float(value)) or hi <= lo:
        return 0.5
    return min(1.0, max(0.0, (float(value) - lo) / (hi - lo)))


def _hsl(h: float, s: float, lum: float) -> str:
    return f"hsl({h:.0f},{s:.0f}%,{lum:.0f}%)"


def avatar_svg(persona: Persona | dict, bounds: dict[str, tuple[float, float]] | None = None,
               axes: list[str] | None = None, size: int = SIZE) -> str:
    """The persona's avatar as a standalone SVG document (UTF-8 text).

    ``bounds`` gives each axis its scale (min, max) (default 1..5); ``axes`` the two axes in order
    (default: the persona's first two). Deterministic: same persona, same SVG.
    """
    p = persona if isinstance(persona, Persona) else Persona.model_validate(persona)
    bounds = bounds or {}
    names = list(axes or p.axes)[:2]
    pos = [_unit(p.axes.get(a), *bounds.get(a, (1.0, 5.0))) for a in names]
    while len(pos) < 2:
        pos.append(0.5)
    x, y = pos
    quadrant = (2 if x >= 0.5 else 0) + (1 if y >= 0.5 else 0)
    hue = HUES[quadrant] + 20 * (y - 0.5)
    bg = _hsl(hue, 35, 94)
    fg = _hsl(hue, 55, 38 + 10 * (1 - x))
    accent = _hsl(hue + 25 if hue <= 240 else hue - 25, 50, 55)  # stays in the blue-violet band
    c = size / 2
    parts = [f'<rect x="0" y="0" width="{size}" height="{size}" rx="{size * 0.12:.1f}" fill="{bg}"/>']

    # Channel ring: arcs around the motif, length = share of the segment preferring the channel.
    channels = dict(sorted(((str(k), float(v)) for k, v in ((p.model_extra or {}).get("channels") or {}).items()
                            if isinstance(v, (int, float)) and v > 0), key=lambda kv: kv[0]))
    total = sum(channels.values())
    r_ring, start = size * 0.44, -math.pi / 2
    for i, (name, share) in enumerate(channels.items()):
        sweep = 2 * math.pi * share / total if total else 0
        if sweep <= 0.02:
            continue
        end = start + sweep - 0.04
        x1, y1 = c + r_ring * math.cos(start), c + r_ring * math.sin(start)
        x2, y2 = c + r_ring * math.cos(end), c + r_ring * math.sin(end)
        large = 1 if end - start > math.pi else 0
        parts.append(f'<path d="M{x1:.1f},{y1:.1f} A{r_ring:.1f},{r_ring:.1f} 0 {large} 1 {x2:.1f},{y2:.1f}" '
                     f'stroke="{CHANNEL_COLOURS[i % len(CHANNEL_COLOURS)]}" stroke-width="{size * 0.045:.1f}" '
                     f'fill="none" stroke-linecap="round"><title>{escape(name)}: {share:.0%}</title></path>')
        start += sweep

    # Motif: n blocks (3..7 from the first axis), square-aligned to round-linked (second axis).
    n = 3 + round(4 * x)
    radius = size * 0.24
    corner = size * 0.075 * y * 1.0
    block = size * (0.13 - 0.03 * x)
    jitter = 0.35 * y  # relationship end: blocks drift together and overlap
    points = []
    for k in range(n):
        a = -math.pi / 2 + 2 * math.pi * k / n
        rr = radius * (1 - jitter * (0.5 + 0.5 * math.cos(3 * a)))
        points.append((c + rr * math.cos(a), c + rr * math.sin(a)))
    if y >= 0.5:  # links between neighbours: relationship
        d = " ".join(f"{'M' if k == 0 else 'L'}{px:.1f},{py:.1f}" for k, (px, py) in enumerate(points)) + " Z"
        parts.append(f'<path d="{d}" stroke="{accent}" stroke-width="{size * 0.02:.1f}" fill="none"/>')
    else:  # a straight process line through the blocks
        parts.append(f'<line x1="{c - radius:.1f}" y1="{c:.1f}" x2="{c + radius:.1f}" y2="{c:.1f}" '
                     f'stroke="{accent}" stroke-width="{size * 0.02:.1f}"/>')
    for px, py in points:
        parts.append(f'<rect x="{px - block / 2:.1f}" y="{py - block / 2:.1f}" width="{block:.1f}" '
                     f'height="{block:.1f}" rx="{min(corner, block / 2):.1f}" fill="{fg}" fill-opacity="0.85"/>')
    parts.append(f'<circle cx="{c:.1f}" cy="{c:.1f}" r="{size * 0.05:.1f}" fill="{accent}"/>')
    title = escape(f"{p.name}: abstract avatar from axis position and channel habits")
    return (f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {size} {size}" width="{size}" '
            f'height="{size}" role="img" data-kind="behaviour-avatar"><title>{title}</title>'
            + "".join(parts) + "</svg>")


def avatar_data_uri(persona: Persona | dict, **kwargs) -> str:
    """The avatar as a ``data:image/svg+xml;base64,...`` URI (safe to put in an ``<img src>``)."""
    import base64

    svg = avatar_svg(persona, **kwargs)
    return "data:image/svg+xml;base64," + base64.b64encode(svg.encode("utf-8")).decode("ascii")
