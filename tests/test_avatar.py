"""The behaviour-based avatar: deterministic, driven by axes and channels, never a face."""
from __future__ import annotations

import base64
import re
import xml.etree.ElementTree as ET

from personas.avatar import HUES, avatar_data_uri, avatar_svg
from personas.lint import lint_personas
from personas.model import Persona, Picture

BOUNDS = {"control": (1.0, 5.0), "orientation": (1.0, 5.0)}


def _persona(control: float, orientation: float, name: str = "P", **extra) -> Persona:
    return Persona(id=name, name=name, axes={"control": control, "orientation": orientation},
                   picture=Picture(kind="avatar"), **extra)


def test_valid_svg_and_deterministic():
    p = _persona(4.0, 2.2, channels={"email": 0.4, "app": 0.35, "site": 0.25})
    svg = avatar_svg(p, bounds=BOUNDS)
    root = ET.fromstring(svg)
    assert root.tag.endswith("svg") and root.get("data-kind") == "behaviour-avatar"
    assert svg == avatar_svg(p.model_copy(deep=True), bounds=BOUNDS)
    assert base64.b64decode(avatar_data_uri(p, bounds=BOUNDS).split(",", 1)[1]).decode() == svg


def test_axes_and_channels_change_the_picture():
    low = avatar_svg(_persona(1.5, 1.5), bounds=BOUNDS)
    high = avatar_svg(_persona(4.5, 4.5), bounds=BOUNDS)
    assert low != high
    # more control, more blocks; relationship end draws a linked path instead of a process line
    assert high.count("<rect") > low.count("<rect")
    assert "<line" in low and "<line" not in high
    ring = avatar_svg(_persona(3, 3, channels={"site": 0.6, "phone": 0.4}), bounds=BOUNDS)
    assert len(re.findall(r"<path d=\"M[^\"]+A", ring)) == 2
    assert "site: 60%" in ring


def test_no_face_no_skin_tones():
    """Colours stay in blue/green/violet hues (120-290 degrees), far from skin tones (about 0-50)."""
    for c in (1.2, 2.5, 3.5, 4.8):
        for o in (1.2, 2.5, 3.5, 4.8):
            svg = avatar_svg(_persona(c, o), bounds=BOUNDS)
            hues = [float(h) for h in re.findall(r"hsl\((\d+(?:\.\d+)?),", svg)]
            assert hues and all(120 <= h <= 290 for h in hues)
            for word in ("eye", "mouth", "face", "skin", "hair", "ellipse"):
                assert word not in svg.lower()
    assert all(120 <= h <= 290 for h in HUES)


def test_user_text_is_escaped():
    evil = _persona(3, 3, name='<script>alert(1)</script>', channels={"<b>x</b>": 1.0})
    svg = avatar_svg(evil, bounds=BOUNDS)
    assert "<script>" not in svg and "<b>" not in svg
    ET.fromstring(svg)  # still well-formed


def test_avatars_raise_no_imagery_finding():
    ps = [_persona(c, o, name=f"p{i}") for i, (c, o) in enumerate([(4, 2), (4, 4), (2, 2), (2, 4)])]
    for p in ps:
        p.picture.uri = avatar_data_uri(p, bounds=BOUNDS)
    assert [f for f in lint_personas(ps) if f["family"] == "imagery"] == []
