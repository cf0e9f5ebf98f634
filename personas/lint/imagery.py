"""Picture checks across personas (the ``imagery`` family).

Why: a supermarket chain drew six cartoon segments and only "city budget" had a darker skin
tone; and people shown photos of personas automatically look for gender, age and skin colour
(DOMAIN.md sections 2-3). So the lint flags (1) a persona with a ranking or value label that is
the *only* one drawn differently in skin tone, age or gender, and (2) every photo.

A persona counts as *ranked* when its name, tagline or value label carries a judgement word
(``budget``, ``dog``, ...), when its value label is a low rank (``low``, ``laag``, ``C``), or when
it has the strictly lowest numeric ``value`` (also read from ``value_score``,
``customer_value``, ``clv``) among personas that have one. ``share`` is not a value ranking (a
small segment is not a lesser one) and is not used.
"""
from __future__ import annotations

from collections.abc import Sequence

from ..model import Persona
from .text import lint_text

ATTRIBUTES = ("skin_tone", "age", "gender")
LOW_LABELS = {"low", "laag", "lowest", "laagste", "c", "d", "bottom", "basic", "budget",
              "low value", "low-value", "lage waarde", "tier 3", "tier 4"}
VALUE_FIELDS = ("value", "value_score", "customer_value", "clv")

# Ordinal skin tones (Fitzpatrick I-VI and common words, Dutch and English): lets the check see
# "drawn darker than all the others" even when the others differ among themselves.
SKIN_ORDER = {
    "i": 1, "1": 1, "type-1": 1, "very light": 1, "very fair": 1, "pale": 1, "zeer licht": 1,
    "ii": 2, "2": 2, "type-2": 2, "light": 2, "fair": 2, "licht": 2, "blank": 2, "white": 2,
    "iii": 3, "3": 3, "type-3": 3, "medium-light": 3, "light-medium": 3, "medium light": 3,
    "iv": 4, "4": 4, "type-4": 4, "medium": 4, "olive": 4, "tan": 4, "getint": 4, "middel": 4,
    "v": 5, "5": 5, "type-5": 5, "medium-dark": 5, "brown": 5, "dark": 5, "bruin": 5,
    "donker": 5, "vi": 6, "6": 6, "type-6": 6, "very dark": 6, "deep": 6, "black": 6,
    "zeer donker": 6, "zwart": 6,
}


def _norm(value: str) -> str:
    return " ".join(str(value).lower().replace("_", " ").split())


def _ranking_reason(p: Persona, lowest_value_id: str | None) -> str | None:
    for field in ("name", "tagline", "value_label"):
        text = getattr(p, field) or ""
        for f in lint_text(text, field=field, persona=p.id):
            if f["family"] == "judgement":
                return f"'{f['text']}' in its {field.replace('_', ' ')}"
    if p.value_label and _norm(p.value_label) in LOW_LABELS:
        return f"the value label '{p.value_label}'"
    if lowest_value_id == p.id:
        return "the lowest customer value"
    return None


def _value(p: Persona) -> float | None:
    extra = p.model_extra or {}
    for name in VALUE_FIELDS:
        v = extra.get(name)
        if isinstance(v, (int, float)) and not isinstance(v, bool):
            return float(v)
    return None


def _lowest_value_id(personas: Sequence[Persona]) -> str | None:
    vals = [(v, p.id) for p in personas if (v := _value(p)) is not None]
    if len(vals) < 2:
        return None
    vals.sort()
    return vals[0][1] if vals[0][0] < vals[1][0] else None


def _finding(code: str, severity: str, p: Persona, field: str, text: str | None,
             message: str, suggestion: str) -> dict:
    return {"code": code, "family": "imagery", "severity": severity, "persona": p.id,
            "field": field, "span": None, "text": text, "message": message,
            "suggestion": suggestion, "justified": False, "justification": None}


def imagery_findings(personas: Sequence[Persona]) -> list[dict]:
    """Photo warnings, and an error for each ranked persona drawn as the odd one out."""
    out: list[dict] = []
    for p in personas:
        if p.picture is not None and p.picture.kind == "photo":
            out.append(_finding(
                "imagery.photo", "warning", p, "picture.kind", "photo",
                f"Persona '{p.name}' uses a photo. Real-looking faces make readers look for "
                "gender, age and skin colour to hold on to, instead of shared drivers and "
                "behaviour.",
                "Use a behaviour-based avatar: an object or scene that stands for what this "
                "persona does or needs (a checklist, a toolbox, a phone with a chat open)."))
    pictured = [p for p in personas if p.picture is not None and p.picture.attributes]
    lowest = _lowest_value_id(personas)
    for p in pictured:
        reason = _ranking_reason(p, lowest)
        if reason is None:
            continue
        for attr in ATTRIBUTES:
            mine = p.picture.attributes.get(attr)
            if mine is None:
                continue
            others = [_norm(q.picture.attributes[attr]) for q in pictured
                      if q is not p and attr in q.picture.attributes]
            if len(others) < 2 or _norm(mine) in others:
                continue
            odd_one_out = len(set(others)) == 1
            darkest = attr == "skin_tone" and _norm(mine) in SKIN_ORDER and all(
                o in SKIN_ORDER for o in others) and SKIN_ORDER[_norm(mine)] > max(
                SKIN_ORDER[o] for o in others)
            if not (odd_one_out or darkest):
                continue
            how = (f"the only one drawn with {attr.replace('_', ' ')} '{mine}'"
                   + (" (darker than all the others)" if darkest and not odd_one_out else "")
                   + f"; the others: {', '.join(sorted(set(others)))}")
            out.append(_finding(
                "imagery.ranked_difference", "error", p, f"picture.attributes.{attr}", mine,
                f"Persona '{p.name}' is ranked by {reason} and is {how}. Readers map the "
                "picture onto the ranking: a 'city budget' segment drawn darker than the rest "
                "became a public scandal.",
                "Drop the ranking label (name what they do or need instead) and draw every "
                "persona from the same range of looks, or use behaviour-based avatars."))
    return out
