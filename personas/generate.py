"""Personas from a segmentation run: one per segment, every claim backed by evidence.

WHY this shape: a persona is only useful when the team trusts it, so each line on a card comes
from the run's profile (share, axis means with their interval, the distinguishing items and
behaviours with their effect sizes) and carries an ``Evidence(item, figure, n)``. Names and
taglines are built from what sets a segment apart, its position on the axes and the survey item
it agrees with most, never from demographics: ``demographics_description_only`` is not read here.

Quotes are matched to segments by **keyword overlap**: each quote's words are compared with the
wording of the segment's distinguishing items and behaviour answers, weighted by the signed effect
size; quotes that name a ``profile`` are matched as a group (one profile per segment, the best
one-to-one assignment), so a persona quotes one coherent set of stories. When a quote carries an
``axes`` position (``{"control": 4.2, ...}``) the distance to the segment's axis means is used
instead.

Regenerating keeps manual edits: a field the user edited is listed in the persona's
``edited`` extra and :func:`merge_regenerated` keeps it, listing what the new run would change.
"""
from __future__ import annotations

import re
from collections.abc import Sequence
from typing import Any

import numpy as np

from .model import Evidence, Persona, Picture

LANGS = ("en", "nl")
# Fields a regeneration may change (and the user may edit): merge compares these.
GENERATED_FIELDS = ("name", "tagline", "description", "share", "axes", "needs", "behaviours",
                    "contexts", "quotes", "evidence", "picture", "channels", "segment")
CONTEXT_COLUMNS = {"stage", "phase", "fase", "situation", "situatie", "context", "moment"}
CHANNEL_COLUMNS = {"channel", "kanaal", "channels", "kanalen"}
_STOP = set("""a an the and or of to in on at for with by from as is are be it i me my we our you
your they them their this that these those so than then but not no do does did have has had
just very more most less all any every one what when if about into over also am was were ll
de het een en of te in op aan voor met door van als is zijn ben wordt ik mij me mijn wij we ons
onze jij je jullie u uw ze zij hun dit dat die deze dan maar niet geen wel ook heel meer meest
minder alle elke elk wat wanneer als om over er even gaat""".split())

TEXT = {
    "en": {"high": "Much {label}", "low": "Little {label}", "oriented": "{pole}-oriented",
           "less_agrees": "Agrees less than others: “{text}”", "agrees": "Agrees: “{text}”",
           "more": "More than others: {text}", "fewer": "Less than others: {text}",
           "level": "{question}: {level}", "share_claim": "Share of customers",
           "axis_claim": "Position on {label}", "desc": "{share} of customers. {tagline}",
           "quote_claim": "Story-catching quote matched by {how}"},
    "nl": {"high": "Veel {label}", "low": "Weinig {label}", "oriented": "{pole}gericht",
           "less_agrees": "Is het minder dan anderen eens met: “{text}”",
           "agrees": "Is het eens met: “{text}”",
           "more": "Meer dan anderen: {text}", "fewer": "Minder dan anderen: {text}",
           "level": "{question}: {level}", "share_claim": "Aandeel klanten",
           "axis_claim": "Positie op {label}", "desc": "{share} van de klanten. {tagline}",
           "quote_claim": "Verhaal uit story catching, gekoppeld op {how}"},
}
HOW = {"keywords": {"en": "keyword overlap", "nl": "overeenkomst in woorden"},
       "axes": {"en": "axis position", "nl": "positie op de assen"}}


# -- small helpers ----------------------------------------------------------------------------

def _lang(lang: str) -> str:
    if lang not in LANGS:
        raise ValueError(f"lang: expected one of {', '.join(LANGS)}, got {lang!r}")
    return lang


def _scales(codebook: dict) -> dict[str, dict]:
    scales = codebook.get("scales") if isinstance(codebook, dict) else None
    return scales if isinstance(scales, dict) else {}


def _scale_label(codebook: dict, name: str, lang: str) -> str:
    label = (_scales(codebook).get(name) or {}).get("label")
    if isinstance(label, dict):
        return str(label.get(lang) or label.get("en") or label.get("nl") or name)
    return str(label or name)


def _bounds(codebook: dict, name: str, profiles: list[dict]) -> tuple[float, float]:
    """The scale's min/max from the codebook, else the range of the segment means."""
    scale = _scales(codebook).get(name) or {}
    if isinstance(scale.get("min"), (int, float)) and isinstance(scale.get("max"), (int, float)):
        return float(scale["min"]), float(scale["max"])
    means = [p["axes"][name]["mean"] for p in profiles if (p["axes"].get(name) or {}).get("mean") is not None]
    return (min(means), max(means)) if means else (0.0, 1.0)


def item_wording(codebook: dict, column: str, lang: str) -> str:
    """The item's wording from the codebook's optional ``items`` key, else the column name."""
    items = codebook.get("items") if isinstance(codebook, dict) else None
    entry = items.get(column) if isinstance(items, dict) else None
    if isinstance(entry, dict):
        text = entry.get(lang) or entry.get("en") or entry.get("nl")
        if text:
            return str(text).strip()
    if isinstance(entry, str) and entry.strip():
        return entry.strip()
    return column


_NL_IRREGULAR = {"wil": "wil", "kan": "kan", "zal": "zal", "ben": "is", "heb": "heeft",
                 "mag": "mag", "moet": "moet", "zou": "zou", "kom": "komt", "ga": "gaat"}
_EN_IRREGULAR = {"am": "is", "have": "has", "do": "does", "go": "goes", "can": "can",
                 "will": "will", "must": "must", "would": "would", "should": "should"}
_PRONOUNS = {"en": [(r"\bmy\b", "their"), (r"\bme\b", "them"), (r"\bmyself\b", "themselves"),
                    (r"\bI\b", "they"), (r"\bI'm\b", "they're")],
             "nl": [(r"\bmijn\b", "hun"), (r"\bmij\b", "hen"), (r"\bme\b", "hen"), (r"\bik\b", "ze")]}


def third_person(text: str, lang: str) -> str | None:
    """"I want a say in every choice." -> "Wants a say in every choice" (None when the item is
    not a first-person statement). A card speaks about the segment, not as it."""
    text = text.strip().rstrip(".")
    m = re.match(r"^(I|Ik)\s+(\w+)\b(.*)$", text)
    if not m or (m.group(1) == "I") != (lang == "en"):
        return None
    verb, rest = m.group(2), m.group(3)
    if lang == "en":
        low = verb.lower()
        if low in _EN_IRREGULAR:
            verb = _EN_IRREGULAR[low]
        elif low.endswith("y") and low[-2:-1] not in "aeiou":
            verb = low[:-1] + "ies"
        else:
            verb = low + ("es" if low.endswith(("s", "sh", "ch", "x", "o")) else "s")
    else:
        low = verb.lower()
        verb = _NL_IRREGULAR.get(low, low if low.endswith("t") else low + "t")
    for pattern, repl in _PRONOUNS[lang]:
        rest = re.sub(pattern, repl, rest, flags=re.IGNORECASE)
    return (verb[:1].upper() + verb[1:] + rest).strip()


def _words(text: str) -> set[str]:
    """Content words, cut to a 5-letter stem: enough to match "schedule" with "schedules"."""
    return {w[:5] for w in re.findall(r"[a-zà-ÿ]+", text.lower()) if len(w) > 2 and w not in _STOP}


def _pct(share: float) -> str:
    return f"{share:.0%}"


# -- one persona --------------------------------------------------------------------------------

def _row_text(row: dict, codebook: dict, lang: str) -> str:
    """A distinguishing row as a sentence the card can show."""
    T = TEXT[lang]
    wording = item_wording(codebook, row["column"], lang)
    if row.get("kind") == "categorical":
        question = wording.rstrip("?.").strip()
        return T["level"].format(question=question, level=row.get("level"))
    if row.get("source") == "item":
        if (row.get("effect") or 0) > 0:
            return third_person(wording, lang) or T["agrees"].format(text=wording.rstrip("."))
        return T["less_agrees"].format(text=wording.rstrip("."))
    key = "more" if (row.get("effect") or 0) > 0 else "fewer"
    text = wording.rstrip(".")
    return T[key].format(text=text[:1].lower() + text[1:])


def _row_evidence(claim: str, row: dict) -> Evidence:
    extra = {k: row.get(k) for k in ("measure", "mean", "mean_rest", "share", "share_rest", "level",
                                       "source") if row.get(k) is not None}
    return Evidence(claim=claim, item=row["column"], figure=round(float(row["effect"]), 3),
                    n=int(row.get("n") or 0), kind=row.get("source") or "item", **extra)


MIN_EFFECT = 0.1  # below this |d| or |h| a difference is too small to put on a card (0.2 = small)


def _usable(rows: list[dict], demographics: set[str]) -> list[dict]:
    return [r for r in rows if r.get("effect") is not None and abs(r["effect"]) >= MIN_EFFECT
            and r.get("column") not in demographics]


def _name(profile: dict, axes: list[str], codebook: dict, profiles: list[dict], lang: str) -> str:
    """Axis poles: "Much control, relationship-oriented" (a bipolar label "A or B" gives A/B)."""
    T = TEXT[lang]
    parts = []
    for a in axes[:2]:
        mean = (profile["axes"].get(a) or {}).get("mean")
        if mean is None:
            continue
        lo, hi = _bounds(codebook, a, profiles)
        high = mean >= (lo + hi) / 2
        label = _scale_label(codebook, a, lang)
        poles = re.split(r"\s+(?:or|of|vs\.?|versus)\s+", label, maxsplit=1)
        if len(poles) == 2:
            pole = poles[1] if high else poles[0]
            pole = pole.strip().lower() if lang == "nl" else pole.strip().lower()
            parts.append(T["oriented"].format(pole=pole))
        else:
            parts.append(T["high" if high else "low"].format(label=label.lower()))
    name = ", ".join(parts) or f"Segment {profile['segment']}"
    return name[:1].upper() + name[1:]


def _tagline(items: list[dict], codebook: dict, lang: str, used: list[dict]) -> str:
    """The item the segment agrees with most, per axis-scale where possible (two clauses)."""
    scales = _scales(codebook)
    scale_of = {it: s for s, spec in scales.items() for it in (spec.get("items") or [])}
    best: dict[str, tuple[dict, str]] = {}
    for row in items:  # sorted by |effect|: the first positive first-person item per scale wins
        scale = scale_of.get(row["column"], row["column"])
        if (row.get("effect") or 0) <= 0 or scale in best:
            continue
        sentence = third_person(item_wording(codebook, row["column"], lang), lang)
        if sentence:
            best[scale] = (row, sentence)
    order = [s for s in scales if s in best] + [s for s in best if s not in scales]
    clauses = []
    for scale in order[:2]:  # in axis order, so every tagline reads the same way round
        row, sentence = best[scale]
        clauses.append(sentence)
        used.append(row)
    if not clauses:
        return ""
    first = clauses[0]
    rest = [c[:1].lower() + c[1:] for c in clauses[1:]]
    return "; ".join([first, *rest]) + "."


def _channels(rows: list[dict]) -> dict[str, float]:
    return {str(r["level"]): round(float(r["share"]), 4) for r in rows
            if r.get("kind") == "categorical" and str(r.get("column", "")).lower() in CHANNEL_COLUMNS
            and r.get("share") is not None}


def persona_from_profile(profile: dict, run: dict, codebook: dict, profiles: list[dict],
                         lang: str = "en", top: int = 3) -> Persona:
    """One persona from one segment profile (quotes are added by :func:`personas_from_run`)."""
    T = TEXT[_lang(lang)]
    demographics = set(codebook.get("demographics") or []) if isinstance(codebook, dict) else set()
    rows = _usable(profile.get("distinguishing") or [], demographics)
    items = [r for r in rows if r.get("source") == "item"]
    context_cols = CONTEXT_COLUMNS | set((codebook or {}).get("context") or [])
    behaviour = [r for r in rows if r.get("source") == "behaviour"
                 and str(r["column"]).lower() not in context_cols
                 and not (r.get("kind") == "categorical" and (r.get("effect") or 0) < 0)]
    contexts = [r for r in rows if r.get("source") == "behaviour" and str(r["column"]).lower() in context_cols
                and (r.get("effect") or 0) > 0]
    axes = [a for a in (run.get("inputs") or []) if a in profile.get("axes", {})] or list(profile.get("axes", {}))
    evidence: list[Evidence] = []
    n_seg = int(profile.get("n") or 0)
    share = float(profile.get("share") or 0.0)
    evidence.append(Evidence(claim=T["share_claim"], item=None, figure=round(share, 4), n=n_seg,
                             kind="share"))
    axis_pos = {}
    for a, spec in profile.get("axes", {}).items():
        if spec.get("mean") is None:
            continue
        axis_pos[a] = round(float(spec["mean"]), 3)
        evidence.append(Evidence(claim=T["axis_claim"].format(label=_scale_label(codebook, a, lang)),
                                 item=a, figure=axis_pos[a], n=int(spec.get("n") or n_seg), kind="axis",
                                 ci_low=spec.get("ci_low"), ci_high=spec.get("ci_high")))
    used: list[dict] = []
    tagline = _tagline(items, codebook, lang, used)
    name = _name(profile, axes, codebook, profiles, lang)
    sections = {}
    for key, source in (("needs", items), ("behaviours", behaviour), ("contexts", contexts)):
        lines = []
        for row in source[:top]:
            text = _row_text(row, codebook, lang)
            lines.append(text)
            evidence.append(_row_evidence(text, row))
        sections[key] = lines
    for row in used:  # the tagline's own sources, when not already listed as needs
        text = _row_text(row, codebook, lang)
        if text not in sections["needs"]:
            evidence.append(_row_evidence(text, row))
    seg = profile["segment"]
    persona = Persona(
        id=f"seg-{seg}", segment=seg, name=name, tagline=tagline,
        description=T["desc"].format(share=_pct(share), tagline=tagline).strip(),
        share=round(share, 4), axes=axis_pos, evidence=evidence,
        picture=Picture(kind="avatar", attributes={}), **sections)
    persona.__pydantic_extra__.update({"run": run.get("id"), "n": n_seg, "lang": lang,
                                       "channels": _channels(profile.get("distinguishing") or []), "edited": []})
    return persona


# -- quotes ---------------------------------------------------------------------------------------

def _quote_text(q: dict) -> str:
    return str(q.get("text") or q.get("quote") or "")


def _segment_terms(profile: dict, codebook: dict, lang: str, demographics: set[str]) -> dict[str, float]:
    """Stem -> signed weight: words of the items a segment agrees with (+d) or rejects (-d)."""
    weights: dict[str, float] = {}
    for row in _usable(profile.get("distinguishing") or [], demographics):
        effect = float(row["effect"])
        text = item_wording(codebook, row["column"], lang)
        if row.get("kind") == "categorical":
            text = str(row.get("level"))
        for w in _words(text):
            weights[w] = weights.get(w, 0.0) + effect
    return weights


def _keyword_score(text: str, terms: dict[str, float]) -> float:
    return float(sum(terms.get(w, 0.0) for w in _words(text)))


def match_quotes(profiles: list[dict], codebook: dict, quotes: list[dict], lang: str = "en",
                 per_segment: int = 3) -> tuple[list[list[dict]], str]:
    """2-3 quotes per segment, and how they were matched ("axes" or "keywords")."""
    from scipy.optimize import linear_sum_assignment

    pool = [q for q in quotes if isinstance(q, dict) and _quote_text(q)
            and q.get("lang", lang) == lang]
    if not pool or not profiles:
        return [[] for _ in profiles], "keywords"
    demographics = set(codebook.get("demographics") or []) if isinstance(codebook, dict) else set()
    positioned = all(isinstance(q.get("axes"), dict) for q in pool)
    if positioned:
        how = "axes"

        def score(g: int, q: dict) -> float:
            ax = profiles[g]["axes"]
            common = [a for a in q["axes"] if a in ax and ax[a].get("mean") is not None]
            if not common:
                return -np.inf
            return -float(np.sqrt(sum((float(q["axes"][a]) - ax[a]["mean"]) ** 2 for a in common)))
    else:
        how = "keywords"
        terms = [_segment_terms(p, codebook, lang, demographics) for p in profiles]

        def score(g: int, q: dict) -> float:
            return _keyword_score(_quote_text(q), terms[g])
    groups: dict[str, list[dict]] = {}
    for i, q in enumerate(pool):
        groups.setdefault(str(q.get("profile") or f"#{i}"), []).append(q)
    names = list(groups)
    S = np.array([[np.mean([score(g, q) for q in groups[name]]) for name in names]
                  for g in range(len(profiles))])
    S = np.where(np.isfinite(S), S, -1e9)
    out: list[list[dict]] = [[] for _ in profiles]
    if len(names) >= len(profiles) and all(not name.startswith("#") for name in names):
        rows, cols = linear_sum_assignment(-S)
        for g, c in zip(rows, cols):
            ranked = sorted(groups[names[c]], key=lambda q: -score(g, q))
            out[g] = ranked[:per_segment]
    else:  # loose quotes: each goes to the segment it fits best
        for name in names:
            for q in groups[name]:
                g = int(np.argmax([score(g, q) for g in range(len(profiles))]))
                out[g].append(q)
        out = [sorted(qs, key=lambda q, g=g: -score(g, q))[:per_segment] for g, qs in enumerate(out)]
    return out, how


# -- the public entry points ---------------------------------------------------------------------

def personas_from_run(run: dict, codebook: dict, quotes: list[dict], lang: str = "en") -> list[Persona]:
    """One persona per segment of a segmentation run (see the module docstring for the rules)."""
    _lang(lang)
    if not isinstance(run, dict):
        raise ValueError("run: expected a segmentation run object")
    profiles = run.get("profiles")
    if not isinstance(profiles, list) or not profiles:
        raise ValueError("run.profiles: expected a non-empty list of segment profiles")
    for i, p in enumerate(profiles):
        if not isinstance(p, dict) or "segment" not in p or not isinstance(p.get("axes"), dict):
            raise ValueError(f"run.profiles[{i}]: expected an object with 'segment' and 'axes'")
    codebook = codebook if isinstance(codebook, dict) else {}
    personas = [persona_from_profile(p, run, codebook, profiles, lang) for p in profiles]
    _dedupe_names(personas)
    matched, how = match_quotes(profiles, codebook, list(quotes or []), lang)
    for persona, qs in zip(personas, matched):
        claim = TEXT[lang]["quote_claim"].format(how=HOW[how][lang])
        persona.quotes = [{"text": _quote_text(q), "id": q.get("id"), "source": q.get("source"),
                           "matched_by": how} for q in qs]
        persona.evidence += [Evidence(claim=claim, item=q.get("id"), figure=None, n=1, kind="quote",
                                      matched_by=how) for q in qs]
    return personas


def _dedupe_names(personas: list[Persona]) -> None:
    """Two segments on the same side of both axes (k-means k=6) get a numbered name."""
    seen: dict[str, int] = {}
    for p in personas:
        seen[p.name] = seen.get(p.name, 0) + 1
    count: dict[str, int] = {}
    for p in personas:
        if seen[p.name] > 1:
            count[p.name] = count.get(p.name, 0) + 1
            p.name = f"{p.name} ({count[p.name]})"


def _dump(value: Any) -> Any:
    if hasattr(value, "model_dump"):
        return value.model_dump()
    if isinstance(value, list):
        return [_dump(v) for v in value]
    return value


def _get(p: Persona, field: str) -> Any:
    if field in type(p).model_fields:
        return _dump(getattr(p, field))
    return _dump((p.model_extra or {}).get(field))


def _set(p: Persona, field: str, value: Any) -> None:
    if field in type(p).model_fields:
        setattr(p, field, type(p).model_validate({**p.model_dump(), field: value}).__dict__[field])
    else:
        p.__pydantic_extra__[field] = value


def _pairs(old: Sequence[Persona], new: Sequence[Persona]) -> list[tuple[int | None, int | None]]:
    """Old and new personas paired by axis position (nearest, one-to-one), else by id."""
    from scipy.optimize import linear_sum_assignment

    if not old or not new:
        return [(i, None) for i in range(len(old))] + [(None, j) for j in range(len(new))]
    cost = np.zeros((len(old), len(new)))
    for i, o in enumerate(old):
        for j, n in enumerate(new):
            common = [a for a in o.axes if a in n.axes]
            if common:
                cost[i, j] = float(np.sqrt(sum((o.axes[a] - n.axes[a]) ** 2 for a in common)))
            else:
                cost[i, j] = 0.0 if o.id == n.id else 1e6
    rows, cols = linear_sum_assignment(cost)
    pairs = [(int(i), int(j)) for i, j in zip(rows, cols) if cost[i, j] < 1e6]
    done_o, done_n = {i for i, _ in pairs}, {j for _, j in pairs}
    pairs += [(i, None) for i in range(len(old)) if i not in done_o]
    pairs += [(None, j) for j in range(len(new)) if j not in done_n]
    return pairs


def merge_regenerated(old: list[Persona], new: list[Persona]) -> tuple[list[Persona], list[dict]]:
    """Personas of a new run that keep the user's manual edits, and what changed per field.

    A field named in the old persona's ``edited`` list keeps the user's value; any other field
    takes the new value. ``changes`` lists every field whose value differs:
    ``{persona, field, old, new, kept: "old"|"new", edited}``, plus ``{persona, field: None,
    change: "added"|"removed"}`` for personas without a partner; :func:`choose` applies the user's
    pick. The old persona's id, ``justified`` and ``edited`` carry over so lint decisions survive.
    """
    old = [p if isinstance(p, Persona) else Persona.model_validate(p) for p in old]
    new = [p if isinstance(p, Persona) else Persona.model_validate(p) for p in new]
    merged: list[Persona] = []
    changes: list[dict] = []
    taken_ids = {o.id for o in old}
    for i, j in _pairs(old, new):
        if j is None:
            o = old[i]
            edited = list((o.model_extra or {}).get("edited") or [])
            changes.append({"persona": o.id, "field": None, "change": "removed", "edited": bool(edited)})
            if edited:  # never drop what a person wrote; mark it so the page can offer to delete it
                kept = o.model_copy(deep=True)
                kept.__pydantic_extra__["stale"] = True
                merged.append(kept)
            continue
        n = new[j].model_copy(deep=True)
        if i is None:
            if n.id in taken_ids:
                n.id = f"{n.id}-new"
            changes.append({"persona": n.id, "field": None, "change": "added", "edited": False})
            merged.append(n)
            continue
        o = old[i]
        edited = list((o.model_extra or {}).get("edited") or [])
        out = n
        out.id = o.id
        out.justified = [x.model_copy() for x in o.justified]
        out.__pydantic_extra__["edited"] = edited
        if (o.model_extra or {}).get("edited_at"):
            out.__pydantic_extra__["edited_at"] = dict(o.model_extra["edited_at"])
        for field in GENERATED_FIELDS:
            before, after = _get(o, field), _get(n, field)
            if field in edited:
                _set(out, field, before)
            if before != after:
                changes.append({"persona": o.id, "field": field, "old": before, "new": after,
                                "kept": "old" if field in edited else "new", "edited": field in edited})
        merged.append(out)
    return merged, changes


def choose(personas: list[Persona], change: dict, take: str) -> list[Persona]:
    """Apply the user's pick for one listed change: ``take`` is "old" or "new"."""
    if take not in ("old", "new"):
        raise ValueError(f"take: expected 'old' or 'new', got {take!r}")
    if not change.get("field"):
        return personas
    for p in personas:
        if p.id == change["persona"]:
            _set(p, change["field"], change[take])
            edited = list((p.model_extra or {}).get("edited") or [])
            if take == "old" and change["field"] not in edited:
                edited.append(change["field"])
            if take == "old":
                _stamp(p, change["field"])
            if take == "new" and change["field"] in edited:
                edited.remove(change["field"])
            p.__pydantic_extra__["edited"] = edited
    return personas


def _stamp(persona: Persona, field: str) -> None:
    """When a field was last edited by hand (UTC, ISO 8601 with microseconds, so the text sorts in
    time order): an import merges per field and keeps the newer edit (personas/io.py)."""
    from datetime import datetime, timezone

    stamps = dict((persona.model_extra or {}).get("edited_at") or {})
    stamps[field] = datetime.now(timezone.utc).isoformat(timespec="microseconds")
    persona.__pydantic_extra__["edited_at"] = stamps


def mark_edited(persona: Persona, field: str, value: Any) -> Persona:
    """Set a field by hand and remember it was edited (so a regeneration keeps it), and when."""
    _set(persona, field, value)
    edited = list((persona.model_extra or {}).get("edited") or [])
    if field not in edited:
        edited.append(field)
    persona.__pydantic_extra__["edited"] = edited
    _stamp(persona, field)
    return persona
