"""A neutral slide list built from a project: the one model behind the Present page, PPTX, HTML and PDF.

WHY one model: the facilitator presents live from the studio and takes the same deck home, so the
page and every export must show the same slides in the same order with the same notes. Renderers
only lay out what is here; nothing here knows about pixels, files or streamlit.
Text is cut to a length that fits a 16:9 slide in large type (`clip`), so no renderer overflows.
"""
from __future__ import annotations

import math
from dataclasses import dataclass, field
from typing import Any

import plotly.graph_objects as go

from journeys.model import Journey
from personas.avatar import avatar_svg
from personas.charts import persona_map
from personas.model import Persona

WORDS = {
    "en": {"personas": "personas", "journeys": "journeys", "axes": "Our customers on two axes",
           "axes_sub": "Each circle is a persona, its size the share of customers",
           "share": "of customers", "needs": "Needs", "behaviours": "Behaviour", "quotes": "In their words",
           "discretion": "Discretion points", "no_discretion": "No discretion points marked",
           "rules": "Rules of play", "who": "decides", "no_rules": "no rules of play yet",
           "audit": "Same case, different answer?", "kappa": "Fleiss' kappa", "noise": "Noise index",
           "votes": "votes", "case": "Case", "mode": "Most given answer", "agree": "Agreement",
           "rows": "rows", "inputs": "looks at", "policy": "hit policy", "else": "more rows",
           "lean": "Differentiate, never discriminate"},
    "nl": {"personas": "persona's", "journeys": "klantreizen", "axes": "Onze klanten op twee assen",
           "axes_sub": "Elke cirkel is een persona, de grootte het aandeel klanten",
           "share": "van de klanten", "needs": "Behoeften", "behaviours": "Gedrag", "quotes": "In hun woorden",
           "discretion": "Beslisruimte", "no_discretion": "Geen beslisruimte gemarkeerd",
           "rules": "Spelregels", "who": "beslist", "no_rules": "nog geen spelregels",
           "audit": "Zelfde geval, ander antwoord?", "kappa": "Fleiss' kappa", "noise": "Ruisindex",
           "votes": "stemmen", "case": "Geval", "mode": "Meest gegeven antwoord", "agree": "Overeenstemming",
           "rows": "regels", "inputs": "kijkt naar", "policy": "hit policy", "else": "meer regels",
           "lean": "Onderscheiden, nooit discrimineren"},
}
MAX_BULLETS = 6


def clip(text: Any, limit: int = 120) -> str:
    """One line of slide text, never longer than ``limit`` characters (an ellipsis marks the cut)."""
    s = " ".join(str(text if text is not None else "").split())
    return s if len(s) <= limit else s[: limit - 1].rstrip() + "…"


@dataclass
class Slide:
    """One slide. ``figure`` is a plotly figure drawn at ``figure_size`` (px); ``avatar`` an SVG
    document; ``table`` rows of cells, the first row the header; ``notes`` for the presenter only."""

    kind: str
    title: str
    subtitle: str = ""
    bullets: list[str] = field(default_factory=list)
    sections: list[tuple[str, list[str]]] = field(default_factory=list)
    notes: str = ""
    figure: go.Figure | None = None
    figure_size: tuple[int, int] = (1100, 520)
    avatar: str | None = None
    big: str = ""
    caption: str = ""
    table: list[list[str]] | None = None


def _w(lang: str, key: str) -> str:
    return WORDS.get(lang, WORDS["en"])[key]


def _personas(project: Any) -> list[Persona]:
    out = []
    for i, p in enumerate(getattr(project, "personas", []) or []):
        try:
            out.append(Persona.model_validate(p))
        except Exception:  # pydantic ValidationError; say which persona, one line
            raise ValueError(f"personas[{i}]: not a valid persona") from None
    return out


def _journeys(project: Any) -> list[Journey]:
    out = []
    for i, j in enumerate(getattr(project, "journeys", []) or []):
        try:
            out.append(Journey.model_validate(j))
        except Exception:
            raise ValueError(f"journeys[{i}]: not a valid journey") from None
    return out


def _label(scale: dict, lang: str, name: str) -> str:
    lab = scale.get("label")
    if isinstance(lab, dict):
        return str(lab.get(lang) or lab.get("en") or next(iter(lab.values()), name))
    return str(lab or name)


def _quote_text(q: Any) -> str:
    return str(q.get("text", "")) if isinstance(q, dict) else str(q)


def _node_label(node: Any, lang: str) -> str:
    extra = node.model_extra or {}
    return str(extra.get(f"label_{lang}") or node.label)


def axes_slide(personas: list[Persona], project: Any, lang: str) -> Slide | None:
    scales = (getattr(project, "codebook", None) or {}).get("scales") or {}
    names = list(dict.fromkeys(a for p in personas for a in p.axes))
    if len(names) < 2:
        return None
    x, y = names[:2]
    sx, sy = scales.get(x, {}), scales.get(y, {})
    xr = (float(sx.get("min", 1)), float(sx.get("max", 5))) if sx else None
    yr = (float(sy.get("min", 1)), float(sy.get("max", 5))) if sy else None
    cut = ((xr[0] + xr[1]) / 2, (yr[0] + yr[1]) / 2) if xr and yr else None
    pad = lambda r: (r[0] - 0.25, r[1] + 0.25) if r else None  # noqa: E731
    fig = persona_map(personas, x, y, x_title=_label(sx, lang, x), y_title=_label(sy, lang, y),
                      x_range=pad(xr), y_range=pad(yr), cut=cut, share_label=_w(lang, "share"))
    fig.update_traces(textfont={"size": 15}, marker={"sizeref": 0.7})
    fig.update_layout(height=None, font={"size": 15}, margin={"l": 70, "r": 30, "t": 20, "b": 60},
                      plot_bgcolor="white", paper_bgcolor="white")
    fig.update_xaxes(showgrid=True, gridcolor="#eee", zeroline=False)
    fig.update_yaxes(showgrid=True, gridcolor="#eee", zeroline=False)
    notes = "; ".join(f"{p.name}: {(p.share or 0):.0%}" for p in personas)
    return Slide("axes", _w(lang, "axes"), _w(lang, "axes_sub"), figure=fig, figure_size=(1100, 500),
                 notes=f"Shares: {notes}. Axes are survey scales ({_label(sx, lang, x)}, {_label(sy, lang, y)}); "
                       "the dotted lines are the scale midpoints.")


def persona_slide(p: Persona, bounds: dict[str, tuple[float, float]], lang: str) -> Slide:
    axes = list(p.axes)[:2]
    quotes = [f"“{clip(_quote_text(q), 150)}”" for q in p.quotes[:2] if _quote_text(q).strip()]
    sections = [(_w(lang, "needs"), [clip(n, 110) for n in p.needs[:3]]),
                (_w(lang, "behaviours"), [clip(b, 110) for b in p.behaviours[:3]])]
    if quotes:
        sections.append((_w(lang, "quotes"), quotes))
    ev = [e for e in p.evidence if e.kind != "share"][:4]
    ev_notes = "; ".join(f"{clip(e.claim, 80)} ({e.item or '-'}, {e.figure if e.figure is not None else '-'}, "
                         f"n={e.n if e.n is not None else '-'})" for e in ev)
    share = f"{(p.share or 0):.0%}" if p.share is not None else ""
    return Slide("persona", clip(p.name, 60), clip(p.tagline, 140), sections=sections,
                 avatar=avatar_svg(p, bounds=bounds, axes=axes or None, size=240),
                 big=share, caption=_w(lang, "share") if share else "", notes=clip(p.description, 400) + (f" Evidence: {ev_notes}." if ev_notes else ""))


def journey_slide(j: Journey, lang: str) -> Slide:
    from journeys.charts import swimlane_figure

    fig = swimlane_figure(j, lang=lang, width_px=1200)
    height = int(max(420, min(900, fig.layout.height or 420)))
    fig.update_layout(height=None, width=None, margin={"l": 10, "r": 10, "t": 40, "b": 10})
    points = [n for n in j.nodes if n.kind == "decision" and n.discretion]
    bullets = []
    for n in points[:4]:
        who = f" ({n.who_decides} {_w(lang, 'who')})" if n.who_decides else ""
        rules = "" if n.id in j.rules else f" · {_w(lang, 'no_rules')}"
        bullets.append(clip(f"◆ {_node_label(n, lang)}{who}{rules}", 110))
    if not bullets:
        bullets = [_w(lang, "no_discretion")]
    lanes = ", ".join(j.lanes) if j.lanes else "-"
    return Slide("journey", clip(j.name, 70), f"{_w(lang, 'discretion')}: {len(points)}", bullets=bullets,
                 figure=fig, figure_size=(1200, height),
                 notes=f"{len(j.nodes)} steps over stages {', '.join(j.stages) or '-'} and lanes {lanes}. "
                       "Walk the path of each persona; stop at every diamond (a discretion point) and ask "
                       "who decides there and on what basis.")


def rules_slide(j: Journey, lang: str) -> Slide | None:
    if not j.rules:
        return None
    by_id = {n.id: n for n in j.nodes}
    rows = [[_w(lang, "discretion"), _w(lang, "inputs"), _w(lang, "rules")]]
    notes = []
    for node_id, table in list(j.rules.items())[:4]:
        name = _node_label(by_id[node_id], lang) if node_id in by_id else node_id
        inputs = ", ".join(f"{i.name}" + (f" ({i.basis})" if i.basis else "") for i in table.inputs[:4])
        shown = []
        for row in table.rows[:3]:
            when = ", ".join(f"{k}={'/'.join(map(str, v)) if isinstance(v, list) else v}"
                             for k, v in row.when.items()) or "-"
            shown.append(clip(f"{when} → {row.then}", 70))
        more = len(table.rows) - len(shown)
        if more > 0:
            shown.append(f"+{more} {_w(lang, 'else')}")
        rows.append([clip(name, 50), clip(inputs, 80), "\n".join(shown)])
        whys = "; ".join(clip(r.why, 80) for r in table.rows if r.why)
        notes.append(f"{name} ({table.hit_policy}, {len(table.rows)} {_w(lang, 'rows')}): {whys}")
    return Slide("rules", f"{_w(lang, 'rules')}: {clip(j.name, 60)}", "", table=rows, notes=" | ".join(notes))


def audit_slide(audit: dict[str, Any], lang: str) -> Slide:
    kappa = (audit.get("fleiss_kappa") or {}).get("value")
    noise = audit.get("noise_index")
    if noise is None:
        noise = audit.get("scale_noise_index")
    fmt = lambda v: "–" if v is None or (isinstance(v, float) and math.isnan(v)) else f"{v:.2f}"  # noqa: E731
    rows = [[_w(lang, "case"), "n", _w(lang, "mode"), _w(lang, "agree")]]
    for c in (audit.get("cases") or [])[:6]:
        share = c.get("share_mode")
        rows.append([clip(c.get("case"), 40), str(c.get("n", "")), clip(c.get("mode"), 40),
                     f"{share:.0%}" if isinstance(share, (int, float)) else "–"])
    title = clip(audit.get("title") or _w(lang, "audit"), 70)
    return Slide("audit", title, f"{audit.get('n_votes', 0)} {_w(lang, 'votes')}",
                 bullets=[f"{_w(lang, 'kappa')}: {fmt(kappa)}", f"{_w(lang, 'noise')}: {fmt(noise)}"], table=rows,
                 notes="Kappa near 0 means the answers agree no more than chance; the noise index is the spread "
                       "of answers to the same case. Ask the room which rule of play would have closed the gap.")


def build_deck(project: Any, *, audit: dict[str, Any] | None = None, lang: str = "en") -> list[Slide]:
    """The deck: title, the two axes, a card per persona, each journey map and its rules of play,
    and the last noise-audit results (``audit``, the agreement report of a session) if given."""
    lang = lang if lang in WORDS else "en"
    personas = _personas(project)
    journeys = _journeys(project)
    scales = (getattr(project, "codebook", None) or {}).get("scales") or {}
    bounds = {k: (float(v.get("min", 1)), float(v.get("max", 5))) for k, v in scales.items()}
    slides = [Slide("title", clip(getattr(project, "name", "") or "Persona Studio", 80),
                    clip(getattr(project, "description", ""), 200),
                    big=f"{len(personas)} {_w(lang, 'personas')} · {len(journeys)} {_w(lang, 'journeys')}",
                    notes=f"Persona Studio · {_w(lang, 'lean')}. Personas are built from needs and behaviour, "
                          "never from age, gender or origin.")]
    axes = axes_slide(personas, project, lang)
    if axes is not None:
        slides.append(axes)
    slides.extend(persona_slide(p, bounds, lang) for p in personas)
    for j in journeys:
        slides.append(journey_slide(j, lang))
        rules = rules_slide(j, lang)
        if rules is not None:
            slides.append(rules)
    if audit:
        slides.append(audit_slide(audit, lang))
    return slides


def latest_audit(project_id: str, *, n_boot: int = 200) -> dict[str, Any] | None:
    """The agreement report of the project's newest noise-audit session with votes (None if none).

    Reads the workshop store directly (the facilitator presents their own project); any store error
    means "no results" rather than no deck."""
    try:
        from studio import workshops as ws

        for row in ws.list_sessions(project_id):
            if row.get("n_votes", 0) >= 2:
                frame = ws.votes_frame(row["code"])
                report = ws.session_report(frame, ws.get_session(row["code"])["cases"], n_boot=n_boot)
                report["title"] = row.get("title")
                return report
    except Exception:  # noqa: BLE001 - an unreadable workshop store must not stop a presentation
        return None
    return None
