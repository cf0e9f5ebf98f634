"""One self-contained HTML file per export: the deck (16:9 slides), fans and PNG cards (posters: personas/posters.py).

WHY self-contained: the facilitator takes the deck home and opens it offline, on any laptop. So
CSS is inline, charts are static SVG and avatars SVG, both as ``data:`` URIs (no fetches, no
scripts from elsewhere; the only script is the inline keyboard handler), and every piece of user
text goes through ``html.escape``. The same markup prints to PDF (pdf.py) page by page.
"""
from __future__ import annotations

import base64
from collections.abc import Sequence
from html import escape
from typing import Any

from personas.avatar import avatar_svg
from personas.model import Persona
from personas.posters import photo_uri

from .deck import Slide, WORDS, clip

SLIDE_W, SLIDE_H = 1280, 720


def data_uri(data: bytes | str, mime: str) -> str:
    raw = data.encode("utf-8") if isinstance(data, str) else data
    return f"data:{mime};base64," + base64.b64encode(raw).decode("ascii")


def _e(text: Any) -> str:
    return escape(str(text if text is not None else ""), quote=True)


SLIDE_CSS = """
.slide,.slide *{box-sizing:border-box}
.slide{font-family:"DejaVu Sans","Liberation Sans",Arial,sans-serif;color:#1d2330;position:absolute;left:0;top:0;width:1280px;height:720px;background:#fff;padding:48px 64px 40px;
 overflow:hidden;display:none;transform-origin:0 0}
.slide.on{display:flex;flex-direction:column}
.slide h1{font-size:44px;line-height:1.15;margin:0 0 8px;color:#16324f}
.slide .sub{font-size:24px;color:#4a5568;margin:0 0 18px;line-height:1.3}
.slide.title{justify-content:center;background:linear-gradient(135deg,#16324f,#2b6777);color:#fff}
.slide.title h1{font-size:64px;color:#fff}.slide.title .sub{color:#dbe7f0;font-size:28px;max-width:1000px}
.slide .big{font-size:30px;font-weight:bold;margin-top:24px}
.fig{flex:1;min-height:0;display:flex;justify-content:center;align-items:center}
.fig img{max-width:100%;max-height:100%}
.slide ul{margin:6px 0 0;padding-left:28px}.slide li{font-size:22px;line-height:1.35;margin:0 0 6px}
.card{display:flex;gap:40px;flex:1;min-height:0}
.card .left{width:260px;flex:none;text-align:center}.card .left img{width:240px;height:240px}
.card .share{font-size:56px;font-weight:bold;color:#16324f;line-height:1}.card .share small{display:block;font-size:20px;color:#4a5568;font-weight:normal}
.card .right{flex:1;min-width:0;overflow:hidden}
.card h2{font-size:22px;margin:10px 0 2px;color:#2b6777;text-transform:uppercase;letter-spacing:.04em}
.card li{font-size:21px}
.jbul{display:flex;flex-wrap:wrap;gap:4px 28px;margin-top:8px}.jbul span{font-size:19px;color:#8e24aa}
.slide table{border-collapse:collapse;width:100%;font-size:19px;margin-top:8px}
.slide th{background:#16324f;color:#fff;text-align:left;padding:8px 10px}.slide td{border-bottom:1px solid #d5dce4;padding:7px 10px;vertical-align:top;white-space:pre-line}
.kpis{display:flex;gap:48px;margin:4px 0 8px}.kpis div{font-size:30px;font-weight:bold;color:#16324f}
"""
DECK_CSS = SLIDE_CSS + """
html,body{margin:0;background:#1d2330}
.notes{display:none}
body.presenter .notes{display:block;position:fixed;left:0;right:0;bottom:0;max-height:30vh;overflow:auto;
 background:#fffbe6;border-top:3px solid #e0a800;font-size:18px;padding:10px 18px;z-index:5}
.counter{position:fixed;right:14px;bottom:10px;color:#9aa5b1;font-size:14px;z-index:6}
@media print{
 @page{size:1280px 720px;margin:0}
 html,body{background:#fff}
 .slide{position:relative;display:flex!important;flex-direction:column;transform:none!important;page-break-after:always;break-after:page}
 .counter,.notes{display:none!important}
}
"""

DECK_JS = """
(function(){
 var s=document.querySelectorAll('.slide'),i=0,n=s.length;
 function fit(){var k=Math.min(window.innerWidth/1280,window.innerHeight/720);
  s.forEach(function(e){e.style.transform='translate('+((window.innerWidth-1280*k)/2)+'px,'+
   ((window.innerHeight-720*k)/2)+'px) scale('+k+')';});}
 function show(j){i=Math.max(0,Math.min(n-1,j));s.forEach(function(e,k){e.classList.toggle('on',k===i)});
  document.getElementById('counter').textContent=(i+1)+' / '+n;
  var nt=document.getElementById('notes');nt.textContent=s[i].getAttribute('data-notes')||'';
  if(history.replaceState){history.replaceState(null,'','#'+(i+1));}}
 document.addEventListener('keydown',function(ev){
  var k=ev.key;if(k==='ArrowRight'||k==='ArrowDown'||k===' '||k==='PageDown'){show(i+1);ev.preventDefault();}
  else if(k==='ArrowLeft'||k==='ArrowUp'||k==='PageUp'||k==='Backspace'){show(i-1);ev.preventDefault();}
  else if(k==='Home'){show(0);}else if(k==='End'){show(n-1);}
  else if(k==='n'||k==='N'){document.body.classList.toggle('presenter');}});
 document.addEventListener('click',function(ev){if(ev.target.closest('.notes'))return;show(ev.clientX>window.innerWidth/3?i+1:i-1);});
 window.addEventListener('resize',fit);fit();show((parseInt((location.hash||'#1').slice(1))||1)-1);
})();
"""


def slide_body(slide: Slide, figure_uri: str | None = None) -> str:
    """The inner markup of one slide (shared with the Present page)."""
    parts = [f"<h1>{_e(slide.title)}</h1>"]
    if slide.subtitle:
        parts.append(f'<p class="sub">{_e(slide.subtitle)}</p>')
    if slide.kind == "persona":
        left = ""
        if slide.avatar:
            left += f'<img alt="" src="{data_uri(slide.avatar, "image/svg+xml")}">'
        if slide.big:
            left += f'<div class="share">{_e(slide.big)}<small>{_e(slide.caption)}</small></div>'
        right = "".join(f"<h2>{_e(h)}</h2><ul>" + "".join(f"<li>{_e(b)}</li>" for b in items) + "</ul>"
                        for h, items in slide.sections if items)
        parts.append(f'<div class="card"><div class="left">{left}</div><div class="right">{right}</div></div>')
    else:
        if slide.big and slide.kind == "title":
            parts.append(f'<div class="big">{_e(slide.big)}</div>')
        if slide.kind == "audit" and slide.bullets:
            parts.append('<div class="kpis">' + "".join(f"<div>{_e(b)}</div>" for b in slide.bullets) + "</div>")
        if figure_uri:
            parts.append(f'<div class="fig"><img alt="" src="{figure_uri}"></div>')
        if slide.kind == "journey" and slide.bullets:
            parts.append('<div class="jbul">' + "".join(f"<span>{_e(b)}</span>" for b in slide.bullets) + "</div>")
        elif slide.bullets and slide.kind not in ("audit",):
            parts.append("<ul>" + "".join(f"<li>{_e(b)}</li>" for b in slide.bullets) + "</ul>")
        if slide.table:
            head, *rows = slide.table
            parts.append("<table><tr>" + "".join(f"<th>{_e(c)}</th>" for c in head) + "</tr>"
                         + "".join("<tr>" + "".join(f"<td>{_e(c)}</td>" for c in r) + "</tr>" for r in rows)
                         + "</table>")
    return "".join(parts)


def figure_uris(slides: Sequence[Slide], renderer, fmt: str = "svg") -> list[str | None]:
    """Each slide's chart as a data URI (None where a slide has no chart)."""
    out = []
    for s in slides:
        if s.figure is None:
            out.append(None)
        elif fmt == "svg":
            out.append(data_uri(renderer.svg(s.figure, *s.figure_size), "image/svg+xml"))
        else:
            out.append(data_uri(renderer.png(s.figure, *s.figure_size), "image/png"))
    return out


def deck_html(slides: Sequence[Slide], renderer, *, title: str = "Persona Studio", lang: str = "en",
              progress=None) -> str:
    """The whole deck as one HTML document: arrows/space/click to move, N for presenter notes."""
    step = progress or (lambda _f, _t: None)
    uris = []
    for k, s in enumerate(slides):
        uris.extend(figure_uris([s], renderer))
        step((k + 1) / max(len(slides), 1), s.title)
    body = "".join(f'<section class="slide {s.kind}" data-notes="{_e(s.notes)}">{slide_body(s, u)}</section>'
                   for s, u in zip(slides, uris))
    return (f'<!DOCTYPE html><html lang="{_e(lang)}"><head><meta charset="utf-8">'
            f'<meta name="viewport" content="width=device-width,initial-scale=1"><title>{_e(title)}</title>'
            f"<style>{DECK_CSS}</style></head><body>{body}"
            '<div class="notes" id="notes"></div><div class="counter" id="counter"></div>'
            f"<script>{DECK_JS}</script></body></html>")


# -- fans, cards -----------------------------------------------------------------------------------

PRINT_CSS = """
*{box-sizing:border-box}html,body{margin:0;font-family:"DejaVu Sans","Liberation Sans",Arial,sans-serif;color:#1d2330;
 -webkit-print-color-adjust:exact;print-color-adjust:exact}
.page{width:var(--pw);height:var(--ph);overflow:hidden;page-break-after:always;break-after:page;position:relative}
.fans{display:flex;gap:3mm;padding:5mm 9mm;flex-wrap:nowrap}
.fan{width:66mm;flex:none;height:200mm;border:0.3mm solid #9aa5b1;border-radius:3mm;padding:9mm 5mm 5mm;position:relative;
 overflow:hidden;font-size:8.5pt;display:flex;flex-direction:column;gap:.8em}
.fan .hole{position:absolute;left:3mm;top:3mm;width:5mm;height:5mm;border:0.4mm solid #666;border-radius:50%}
.fan>img{width:30mm;height:30mm;flex:none;align-self:center;object-fit:contain}
.fan h1{font-size:1.53em;margin:0;color:#16324f;text-align:center;line-height:1.15}
.fan .tag{font-size:1em;color:#4a5568;text-align:center;margin:0}
.fan .share{text-align:center;font-weight:bold;color:#2b6777;font-size:1.41em}
.fan h2{font-size:.94em;color:#2b6777;text-transform:uppercase;margin:.4em 0 .2em}
.fan ul{margin:0;padding-left:1.3em}.fan li{line-height:1.25;margin-bottom:.3em}
.fan blockquote{margin:0 0 .3em;font-style:italic;line-height:1.25}
.cardpng{width:800px;height:1100px;padding:40px;font-size:20px;display:flex;flex-direction:column;gap:.7em;overflow:hidden}
.cardpng>img{width:220px;height:220px;flex:none;align-self:center;object-fit:contain}
.cardpng h1{margin:0;text-align:center;font-size:1.9em;line-height:1.15;color:#16324f}
.cardpng .tag{text-align:center;color:#4a5568;margin:0;font-size:1.1em}.cardpng .share{text-align:center;font-size:1.5em;font-weight:bold;color:#2b6777}
.cardpng h2{font-size:.95em;color:#2b6777;text-transform:uppercase;margin:.3em 0 .1em}.cardpng ul{margin:0;padding-left:1.3em}
.cardpng blockquote{margin:0 0 .3em;font-style:italic}
.fan h1,.fan .tag,.fan li,.fan blockquote,.cardpng h1,.cardpng .tag,.cardpng li,.cardpng blockquote{overflow-wrap:anywhere}
"""

# Fans and cards have a fixed size, so long Dutch texts must shrink to fit, never be cut mid-line:
# per box, the largest font size between 70 % and 100 % of the design size at which everything fits
# (bisection); if even 70 % is too big, whole trailing quotes and list items are left out, last first.
FIT_JS = """
(function(){
 function fits(b){if(b.scrollHeight>b.clientHeight+1)return false;
  var w=b.querySelectorAll('h1,.tag,li,blockquote');
  for(var i=0;i<w.length;i++){if(w[i].scrollWidth>w[i].clientWidth+1)return false;}return true;}
 document.querySelectorAll('.fan,.cardpng').forEach(function(b){
  var base=parseFloat(getComputedStyle(b).fontSize),lo=base*0.7,hi=base,dropped=0;
  if(!fits(b)){for(var k=0;k<10;k++){var mid=(lo+hi)/2;b.style.fontSize=mid+'px';if(fits(b))lo=mid;else hi=mid;}
   b.style.fontSize=lo+'px';}
  while(!fits(b)){var items=b.querySelectorAll('section li,section blockquote');if(!items.length)break;
   var last=items[items.length-1],sec=last.closest('section');last.remove();dropped++;
   if(!sec.querySelector('li,blockquote'))sec.remove();}
  b.setAttribute('data-fs',(parseFloat(b.style.fontSize||base)/base).toFixed(3));
  b.setAttribute('data-dropped',dropped);});
 document.documentElement.setAttribute('data-fitted','1');
})();
"""

def _lists(p: Persona, lang: str, n: int, limit: int, quotes: int, qlimit: int) -> str:
    w = WORDS.get(lang, WORDS["en"])
    out = ""
    for head, items in ((w["needs"], p.needs), (w["behaviours"], p.behaviours)):
        if items:
            out += f"<section><h2>{_e(head)}</h2><ul>" + "".join(
                f"<li>{_e(clip(i, limit))}</li>" for i in items[:n]) + "</ul></section>"
    if p.contexts:
        out += "<section><h2>Context</h2><ul>" + "".join(
            f"<li>{_e(clip(i, limit))}</li>" for i in p.contexts[:max(1, n // 2)]) + "</ul></section>"
    qs = [q.get("text", "") if isinstance(q, dict) else str(q) for q in p.quotes]
    qs = [q for q in qs if q.strip()][:quotes]
    if qs:
        out += f"<section><h2>{_e(w['quotes'])}</h2>" + "".join(
            f"<blockquote>“{_e(clip(q, qlimit))}”</blockquote>" for q in qs) + "</section>"
    return out


def _doc(body: str, page_w: str, page_h: str, u: float = 1.0, lang: str = "en") -> str:
    return (f'<!DOCTYPE html><html lang="{_e(lang)}"><head><meta charset="utf-8"><style>'
            f"@page{{size:{page_w} {page_h};margin:0}}:root{{--pw:{page_w};--ph:{page_h};--u:{u}}}"
            f"{PRINT_CSS}</style></head><body>{body}<script>{FIT_JS}</script></body></html>")


def _picture(p: Persona, bounds: dict | None) -> str:
    """The ``<img>`` of a card or fan: the team's photo when one is chosen and checks out as a
    PNG/JPEG/WebP image (re-encoded, see :func:`personas.posters.photo_uri`), else the avatar."""
    photo = photo_uri(p)
    if photo:
        return f'<img class="photo" alt="" src="{photo}">'
    return f'<img class="avatar" alt="" src="{data_uri(avatar_svg(p, bounds=bounds, size=240), "image/svg+xml")}">'


def fans_html(personas: Sequence[Persona], *, bounds: dict | None = None, lang: str = "en") -> str:
    """Narrow cards (66 x 200 mm) four to an A4 landscape page, a hole mark at the top-left corner
    where the fan is bound."""
    w = WORDS.get(lang, WORDS["en"])
    cards = []
    for p in personas:
        share = f'<div class="share">{p.share:.0%} {_e(w["share"])}</div>' if p.share is not None else ""
        cards.append(f'<div class="fan" data-id="{_e(p.id)}"><div class="hole"></div>{_picture(p, bounds)}'
                     f'<h1>{_e(clip(p.name, 40))}</h1><p class="tag">{_e(clip(p.tagline, 110))}</p>{share}'
                     f'{_lists(p, lang, 3, 90, 2, 120)}</div>')
    pages = ["".join(cards[i:i + 4]) for i in range(0, len(cards), 4)] or [""]
    body = "".join(f'<div class="page fans">{p}</div>' for p in pages)
    return _doc(body, "297mm", "210mm", 1.0, lang)


def card_body(p: Persona, *, bounds: dict | None = None, lang: str = "en") -> str:
    """The markup of one 800 x 1100 px card (a ``<div class="cardpng">``), for :func:`card_html`
    and for png.py, which stacks several into one page."""
    w = WORDS.get(lang, WORDS["en"])
    share = f'<div class="share">{p.share:.0%} {_e(w["share"])}</div>' if p.share is not None else ""
    return (f'<div class="cardpng" data-id="{_e(p.id)}">{_picture(p, bounds)}<h1>{_e(clip(p.name, 50))}</h1>'
            f'<p class="tag">{_e(clip(p.tagline, 140))}</p>{share}{_lists(p, lang, 4, 120, 2, 170)}</div>')


def card_html(p: Persona, *, bounds: dict | None = None, lang: str = "en") -> str:
    """One persona card, 800 x 1100 px, for a PNG screenshot."""
    return _doc(card_body(p, bounds=bounds, lang=lang), "800px", "1100px", 1.0, lang)


def cards_html(personas: Sequence[Persona], *, bounds: dict | None = None, lang: str = "en") -> str:
    """Cards stacked top to bottom in one page, card i at y = i * 1100 px (one fit script for all)."""
    return _doc("".join(card_body(p, bounds=bounds, lang=lang) for p in personas), "800px",
                f"{1100 * max(len(personas), 1)}px", 1.0, lang)
