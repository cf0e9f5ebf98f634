"""Persona posters (A4/A3 portrait, one persona per page) as one self-contained HTML document.

WHY this layout: a poster hangs on a wall and is read from two metres, so it must use the whole
sheet. A fixed font size cannot do that: a persona with two short needs leaves half the page empty,
one with long Dutch sentences overflows. So the page is three bands (header with avatar, name,
tagline and share; a two-column body with needs, behaviour, context, description and quotes; a
footer), and a small inline script sizes the body text per page by bisection: the largest size at
which everything fits (between 9 pt and 30 pt on A4, x1.41 on A3). Headless chromium runs the script
before printing (pdf.py), a browser does the same when the HTML is opened. Without the script the
page still prints at the middle size. All user text is escaped; the only image is the avatar (SVG)
or the photo the team chose, both as ``data:`` URIs, so the file works offline.

A photo is embedded only after :func:`photo_uri` has checked it: its bytes must be a PNG, JPEG or
WebP image that Pillow decodes (whatever the URI claims), and it is re-encoded from its pixels, so
nothing else rides along (no SVG with a script, no HTML, no trailing payload, no EXIF with the
place the photo was taken). Cards and fans (studio/export/html.py) use the same function.

Pure: no streamlit, no studio imports (labels are local), so the CLI, the app and tests share it.
"""
from __future__ import annotations

import base64
import binascii
import io
import re
from collections.abc import Sequence
import hashlib
import threading
from collections import OrderedDict
from html import escape
from typing import Any

from .avatar import avatar_svg
from .model import Persona

SIZES = {"A4": ("210mm", "297mm", 1.0), "A3": ("297mm", "420mm", 1.41)}
LABELS = {
    "en": {"share": "of customers", "needs": "Needs", "behaviours": "Behaviour", "contexts": "Context",
           "quotes": "In their words", "about": "Who they are", "lean": "Differentiate, never discriminate"},
    "nl": {"share": "van de klanten", "needs": "Behoeften", "behaviours": "Gedrag", "contexts": "Context",
           "quotes": "In hun woorden", "about": "Wie ze zijn", "lean": "Onderscheiden, nooit discrimineren"},
}
# Hard caps that keep one page one persona even for pasted essays (the fit script does the rest).
NAME_CHARS, TAGLINE_CHARS, LINE_CHARS, DESC_CHARS, QUOTE_CHARS = 90, 320, 220, 900, 360
MAX_LINES, MAX_QUOTES = 6, 3
_PHOTO = re.compile(r"^data:image/(png|jpeg|jpg|webp);base64,([A-Za-z0-9+/=\s]+)$")
PHOTO_FORMATS = {"PNG": "image/png", "JPEG": "image/jpeg", "WEBP": "image/webp"}
PHOTO_MAX_BYTES = 8 * 1024 * 1024  # the page takes 2 MB uploads; an imported set may carry larger ones
PHOTO_MAX_PIXELS = 40_000_000  # a decompression bomb is refused before its pixels are decoded
PHOTO_SIDE = 1024  # longest side embedded: 87 mm on an A3 poster at 300 dpi; a card shows 220 px

CSS = """
*{box-sizing:border-box}html,body{margin:0;padding:0}
body{font-family:"DejaVu Sans","Liberation Sans",Arial,sans-serif;color:#1d2330;
 -webkit-print-color-adjust:exact;print-color-adjust:exact}
.poster{width:var(--pw);height:var(--ph);overflow:hidden;display:flex;flex-direction:column;
 page-break-after:always;break-after:page;position:relative;--fs:calc(var(--u)*14pt)}
.poster:last-child{page-break-after:auto;break-after:auto}
.poster .top{background:#16324f;color:#fff;display:flex;align-items:center;gap:calc(var(--u)*9mm);
 padding:calc(var(--u)*12mm) calc(var(--u)*14mm) calc(var(--u)*10mm)}
.poster .pic{flex:none;width:calc(var(--u)*62mm);height:calc(var(--u)*62mm);background:#fff;
 border-radius:calc(var(--u)*6mm);padding:calc(var(--u)*3mm);display:flex;align-items:center;justify-content:center}
.poster .pic img{max-width:100%;max-height:100%;border-radius:calc(var(--u)*4mm)}
.poster .who{flex:1;min-width:0}
.poster h1{margin:0;font-size:calc(var(--fs)*2.3);line-height:1.08;overflow-wrap:anywhere}
.poster .tag{margin:calc(var(--u)*4mm) 0 0;font-size:calc(var(--fs)*1.2);line-height:1.3;color:#dbe7f0}
.poster .share{margin-top:calc(var(--u)*5mm);font-size:calc(var(--fs)*1.1);color:#b2dfdb}
.poster .share b{font-size:calc(var(--fs)*2.6);color:#fff;margin-right:.25em;line-height:1}
.poster .body{flex:1;min-height:0;overflow:hidden;padding:calc(var(--u)*9mm) calc(var(--u)*14mm) calc(var(--u)*6mm);
 display:flex;flex-direction:column;gap:calc(var(--fs)*0.9);font-size:var(--fs);line-height:1.35}
.poster .cols{display:flex;gap:calc(var(--u)*10mm)}
.poster .cols>div{flex:1;min-width:0;display:flex;flex-direction:column;gap:calc(var(--fs)*0.9)}
.poster h2{margin:0 0 calc(var(--fs)*0.3);font-size:calc(var(--fs)*0.95);color:#2b6777;text-transform:uppercase;
 letter-spacing:.06em;border-bottom:calc(var(--u)*0.6mm) solid #b2dfdb;padding-bottom:calc(var(--fs)*0.15)}
.poster ul{margin:0;padding-left:1.2em}.poster li{margin:0 0 calc(var(--fs)*0.35);overflow-wrap:anywhere}
.poster .desc{margin:0;overflow-wrap:anywhere}
.poster blockquote{margin:0 0 calc(var(--fs)*0.5);padding:0 0 0 calc(var(--u)*4mm);border-left:calc(var(--u)*1.2mm) solid #2b6777;
 font-style:italic;overflow-wrap:anywhere}
.poster .foot{flex:none;display:flex;justify-content:space-between;gap:8mm;background:#eef3f6;color:#4a5568;
 padding:calc(var(--u)*4mm) calc(var(--u)*14mm);font-size:calc(var(--u)*9pt)}
"""

# Bisection on the body font size per page: the largest size at which body and header fit.
FIT_JS = """
(function(){
 function fits(p){var b=p.querySelector('.body');var ok=b.scrollHeight<=b.clientHeight+1&&p.scrollHeight<=p.clientHeight+1;
  var w=p.querySelectorAll('.body li,.body p,.body blockquote,h1,.tag');
  for(var i=0;i<w.length&&ok;i++){if(w[i].scrollWidth>w[i].clientWidth+1)ok=false;}return ok;}
 document.querySelectorAll('.poster').forEach(function(p){
  var u=parseFloat(p.getAttribute('data-u'))||1,lo=8*u,hi=30*u;
  for(var k=0;k<14;k++){var mid=(lo+hi)/2;p.style.setProperty('--fs',mid+'pt');if(fits(p))lo=mid;else hi=mid;}
  p.style.setProperty('--fs',lo+'pt');p.setAttribute('data-fs',lo.toFixed(2));});
 document.documentElement.setAttribute('data-fitted','1');
})();
"""


def _e(text: Any) -> str:
    return escape(str(text if text is not None else ""), quote=True)


def clip(text: Any, limit: int) -> str:
    """Text on one line of whitespace, at most ``limit`` characters (an ellipsis marks a cut)."""
    s = " ".join(str(text if text is not None else "").split())
    return s if len(s) <= limit else s[: limit - 1].rstrip() + "…"


def _magic(raw: bytes) -> str | None:
    """The image type the bytes really are (not what a file name or URI claims)."""
    if raw[:8] == b"\x89PNG\r\n\x1a\n":
        return "PNG"
    if raw[:3] == b"\xff\xd8\xff":
        return "JPEG"
    if raw[:4] == b"RIFF" and raw[8:12] == b"WEBP":
        return "WEBP"
    return None


_CACHE: OrderedDict[bytes, str | None] = OrderedDict()  # by digest: a fan and a card of one export decode once
_CACHE_LOCK = threading.Lock()


def _clean_photo(b64: str) -> str | None:
    key = hashlib.sha256(b64.encode("ascii")).digest()
    with _CACHE_LOCK:
        if key in _CACHE:
            _CACHE.move_to_end(key)
            return _CACHE[key]
    uri = _decode_photo(b64)
    with _CACHE_LOCK:
        _CACHE[key] = uri
        while len(_CACHE) > 32:
            _CACHE.popitem(last=False)
    return uri


def _decode_photo(b64: str) -> str | None:
    from PIL import Image, ImageOps

    try:
        raw = base64.b64decode("".join(b64.split()), validate=True)
    except (binascii.Error, ValueError):
        return None
    kind = _magic(raw)
    if kind is None or len(raw) > PHOTO_MAX_BYTES:
        return None
    try:
        with Image.open(io.BytesIO(raw), formats=[kind]) as image:
            if image.width * image.height > PHOTO_MAX_PIXELS:
                return None
            if kind == "JPEG":
                image.draft(image.mode, (PHOTO_SIDE, PHOTO_SIDE))  # decode at 1/2..1/8 scale: fast, same result
            image.load()
            image = ImageOps.exif_transpose(image)  # phones store "rotate me" in EXIF, which is dropped
            alpha = image.mode in ("RGBA", "LA", "PA") or "transparency" in image.info
            image = image.convert("RGBA" if alpha else "RGB")
            image.thumbnail((PHOTO_SIDE, PHOTO_SIDE))
            out = io.BytesIO()
            if alpha:
                image.save(out, "PNG", optimize=False)
            else:
                image.save(out, "JPEG", quality=88)
    except (OSError, ValueError, SyntaxError, Image.DecompressionBombError):
        return None
    mime = "image/png" if alpha else "image/jpeg"
    return f"data:{mime};base64," + base64.b64encode(out.getvalue()).decode("ascii")


def clean_photo(raw: bytes) -> str | None:
    """An uploaded photo as the studio keeps it: a PNG/JPEG/WebP (judged by its bytes) re-encoded
    from its pixels at most 1024 px (no metadata, nothing appended), as a ``data:`` URI; None when
    the bytes are not such an image. Stored this way a phone photo costs ~100 KB per project
    version instead of megabytes."""
    return _clean_photo(base64.b64encode(raw).decode("ascii"))


def photo_uri(p: Persona) -> str | None:
    """The team's chosen photo as a clean ``data:`` URI (PNG or JPEG, at most 1024 px), or None.

    None when the persona has no photo, or when its URI is not a base64 ``data:image/png|jpeg|webp``
    URI whose bytes decode as one of those images (checked by content, not by the claimed type);
    the card, fan or poster then shows the behaviour-based avatar instead."""
    pic = p.picture
    if pic is None or pic.kind != "photo" or not isinstance(pic.uri, str):
        return None
    match = _PHOTO.match(pic.uri.strip())
    return _clean_photo(match.group(2)) if match else None


def picture_uri(p: Persona, bounds: dict | None = None, size: int = 240) -> str:
    """The team's chosen photo (checked, see :func:`photo_uri`), else the behaviour-based avatar."""
    return photo_uri(p) or ("data:image/svg+xml;base64,"
                            + base64.b64encode(avatar_svg(p, bounds=bounds, size=size).encode("utf-8")).decode("ascii"))


def _section(head: str, lines: Sequence[str]) -> str:
    items = [clip(x, LINE_CHARS) for x in lines if str(x).strip()][:MAX_LINES]
    if not items:
        return ""
    return f"<section><h2>{_e(head)}</h2><ul>" + "".join(f"<li>{_e(x)}</li>" for x in items) + "</ul></section>"


def poster_page(p: Persona, *, size: str = "A4", bounds: dict | None = None, lang: str = "en",
                project_name: str = "") -> str:
    """The markup of one poster page (a ``<div class="poster">``)."""
    if size not in SIZES:
        raise ValueError(f"size: expected A4 or A3, got {size!r}")
    w = LABELS.get(lang, LABELS["en"])
    u = SIZES[size][2]
    share = (f'<div class="share"><b>{p.share:.0%}</b>{_e(w["share"])}</div>'
             if isinstance(p.share, (int, float)) else "")
    tagline = f'<p class="tag">{_e(clip(p.tagline, TAGLINE_CHARS))}</p>' if p.tagline.strip() else ""
    left = _section(w["needs"], p.needs) + _section(w["contexts"], p.contexts)
    right = _section(w["behaviours"], p.behaviours)
    quotes = [q.get("text", "") if isinstance(q, dict) else str(q) for q in p.quotes]
    quotes = [clip(q, QUOTE_CHARS) for q in quotes if str(q).strip()][:MAX_QUOTES]
    if quotes:
        right += f"<section><h2>{_e(w['quotes'])}</h2>" + "".join(
            f"<blockquote>“{_e(q)}”</blockquote>" for q in quotes) + "</section>"
    desc = (f"<section><h2>{_e(w['about'])}</h2><p class=\"desc\">{_e(clip(p.description, DESC_CHARS))}</p></section>"
            if p.description.strip() else "")
    foot_left = " · ".join(x for x in (_e(project_name), "Persona Studio") if x)
    return (f'<div class="poster" data-u="{u}" data-id="{_e(p.id)}">'
            f'<div class="top"><div class="pic"><img alt="" src="{picture_uri(p, bounds)}"></div>'
            f'<div class="who"><h1>{_e(clip(p.name, NAME_CHARS))}</h1>{tagline}{share}</div></div>'
            f'<div class="body">{desc}<div class="cols"><div>{left}</div><div>{right}</div></div></div>'
            f'<div class="foot"><span>{foot_left}</span><span>{_e(w["lean"])}</span></div></div>')


def posters_html(personas: Sequence[Persona], *, size: str = "A4", bounds: dict | None = None,
                 lang: str = "en", project_name: str = "") -> str:
    """One persona per page, A4 or A3 portrait, print-ready (no printer margins: the page box is
    the poster; bands bleed to the edge, text keeps 14 mm (x1.41 on A3) clear of it)."""
    if size not in SIZES:
        raise ValueError(f"size: expected A4 or A3, got {size!r}")
    pw, ph, u = SIZES[size]
    personas = [p if isinstance(p, Persona) else Persona.model_validate(p) for p in personas]
    pages = "".join(poster_page(p, size=size, bounds=bounds, lang=lang, project_name=project_name)
                    for p in personas)
    return (f'<!DOCTYPE html><html lang="{_e(lang)}"><head><meta charset="utf-8"><title>{_e(project_name)}</title>'
            f"<style>@page{{size:{pw} {ph};margin:0}}:root{{--pw:{pw};--ph:{ph};--u:{u}}}{CSS}</style></head>"
            f"<body>{pages}<script>{FIT_JS}</script></body></html>")
