"""Demographic and judgement wording checks on one piece of persona text.

How it works, and why it is fast: every lexicon form is compiled once into a single trie-shaped
regular expression that only matches whole words (Dutch compounds through their head): see
:mod:`personas.lint.scanner`. The C regex engine finds the few candidate words; Python then looks
at the words around each candidate to apply the context rules of the policy in
:mod:`personas.lint.lexicon` (job titles, products, colour words only about people, BCG words only
as labels): see :mod:`personas.lint.context`. Age expressions and origin phrases are two more
precompiled expressions. Phrase rules (:mod:`personas.lint.rules`, :mod:`personas.lint.wording`,
:mod:`personas.lint.descriptors`) run only in a short window around their trigger words; name
epithets, products named after a group, mobility aids, brand names in capitals and standalone
descriptors are decided from the words around the candidate, as the other context rules are.
This module turns the hits into findings (one per code and place, spans into the text).
"""
from __future__ import annotations

import re

from . import demonyms as D
from . import lexicon as L
from . import rules as R
from . import wording as W
from . import descriptors as X
from .context import (_BCG_CONCEPT, _DETERMINERS, _OBJECT_PRONOUNS, _PREPOSITIONS, _QUOTES,
                      _SENTENCE_MARKS, _about_kin, _bcg_label, _before_first_name,
                      _generation_is_origin, _is_brand, _is_person, _is_product,
                      _is_sport_handicap, _judgement_context, _kin_after_possessive,
                      _names_a_product, _names_a_thing, _partial_origin, _people_context)
from .scanner import _Lexicon, _next_words, _prev_tokens, compiled, normalise

__all__ = ["LABEL_FIELDS", "compiled", "lint_text", "normalise"]

LABEL_FIELDS = {"name", "value_label"}
_ORIGIN_CODES = {"demographic.nationality", "demographic.origin"}
# In a persona name, a hyphen before a capitalised word joins an epithet to a first name
# ("Rolstoel-Riet", "Budget-Bert"): matched as two words (same offsets). Not when the second
# part is a lexicon word itself ("Marokkaans-Nederlandse", "Surinaams-Hindoestaans").
_NAME_HYPHEN = re.compile(r"(?<=[^\W\d_])-(?=([A-Z][^\W\d_]*))")


def _split_name_epithets(lex: _Lexicon, text: str) -> str:
    """'Rolstoel-Riet' -> 'Rolstoel Riet' (same length, so spans stay valid)."""
    return _NAME_HYPHEN.sub(
        lambda m: "-" if normalise(m.group(1)) in lex.entries else " ", text)


_PLUS_AGE = re.compile(r"\d{2}\s?-?\s?(?:\+|plus)-?")


def _finding(code: str, persona: str | None, field: str, start: int, end: int, words: str,
             ) -> dict:
    family = code.split(".", 1)[0]
    if family == "demographic":
        severity = "warning"
        message = (f"'{words}' describes the persona by {L.ATTRIBUTE[code]}, an old box that "
                   "is rarely a relevant basis; differentiate on needs, behaviour, context or "
                   "relationship.")
    else:
        severity = "error"
        message = (f"'{words}' is a label that ranks or judges people; nobody wants to be "
                   f"called '{words}', and such labels leak.")
    return {"code": code, "family": family, "severity": severity, "persona": persona,
            "field": field, "span": [start, end], "text": words, "message": message,
            "suggestion": L.SUGGESTION[code], "justified": False, "justification": None}

def _word_hits(lex: _Lexicon, text: str, low: str, label_mode: bool, name_mode: bool = False
               ) -> tuple[list[tuple[int, int, str]], list[tuple[int, int, str]]]:
    """(start, end, code) for lexicon words after the context rules, and for phrase rules
    matched at their trigger words."""
    hits: list[tuple[int, int, str]] = []
    phrase_hits: list[tuple[int, int, str]] = []
    cands = []
    keys = []
    for m in lex.candidates.finditer(low):
        key = normalise(m.group("form")) if m.group("form") is not None else None
        if key is not None and key in lex.triggers:
            lo, hi = max(0, m.start() - 80), min(len(low), m.end() + 80)
            for code, rx in lex.triggers[key]:
                for pm in rx.finditer(low, lo, hi):
                    if pm.start() <= m.start() and m.end() <= pm.end():   # around the trigger
                        phrase_hits.append((pm.start(), pm.end(), code))
            if not lex.entries[key]:
                continue
        cands.append(m)
        keys.append(key)
    if not cands:
        return hits, phrase_hits
    # exceptions only matter around a candidate: search a window, not the whole text
    masked: list[tuple[int, int]] = []
    for m, key in zip(cands, keys):
        if key is not None and not lex.exception_words.isdisjoint(key.split()):
            masked += [x.span() for x in lex.exceptions.finditer(
                low, max(0, m.start() - 40), m.end() + 40)]
    concepts = {_BCG_CONCEPT[k] for k in keys if k in _BCG_CONCEPT}
    n_concepts = len(concepts) + (1 if "cow" in concepts and len(concepts) >= 2 else 0)
    has_cue = any(c in low for c in L.BCG_CUES) or (
        bool(concepts) and any(c in low for c in R.BCG_CUES))
    for m, key in zip(cands, keys):
        start, end = m.span()
        if any(a < end and start < b for a, b in masked):
            continue
        prev = _prev_tokens(lex, text, start)
        quoted = (start > 0 and text[start - 1] in _QUOTES and end < len(text)
                  and text[end] in _QUOTES
                  and (any(p in L.LABEL_CUES for p in prev[1:])
                       or _next_words(lex, text, end + 1, 1)[0] in L.LABEL_NOUNS))
        if _about_kin(lex, text, end, prev):
            continue
        if key is None:   # a Dutch compound through its head
            word = normalise(m.group(0))
            head = next(h for h in lex.heads if word.endswith(h))
            if len(m.group("comp")) - len(head) < 2 or word in L.COMPOUND_EXCEPTIONS \
                    or _kin_after_possessive(word, prev):
                continue
            hits.append((start, end, L.COMPOUND_HEADS[head]))
            continue
        first = text[m.start("form")] if m.group("form") else ""
        if key in D.CAPITALISED_ONLY and (not first.isupper() or (
                (not prev or prev[0] in _SENTENCE_MARKS)
                and _next_words(lex, text, end, 1)[0] in _OBJECT_PRONOUNS)):
            continue   # "polish", "pool": not a nationality in lower case; "Let him ..."
        if key in R.FIRST_NAMES and first.isupper() and not (prev and prev[0] in L.COPULAS) \
                and not _is_person(_next_words(lex, text, end, 1)[0]) \
                and not (name_mode and prev and prev[0][:1].isalpha()
                         and _before_first_name(text, end)):
            continue   # "Christian, a site manager": a first name ("Gadget Guy Gary": not)
        if first.isupper() and key not in X.ACRONYMS and _is_brand(lex, text, m.start("form"),
                                                                   end, prev):
            continue   # "MAN Truck & Bus", "werkt bij MAN": a company in capitals
        for kind, code in lex.entries[key]:
            found = None
            if kind == "always":
                if _kin_after_possessive(key, prev) or _names_a_product(lex, text, end):
                    continue
                if key in X.GENERATION_FORMS and not _generation_is_origin(lex, text, end):
                    continue   # "tweede generatie warmtepomp"
                if key in X.HANDICAP_FORMS and _is_sport_handicap(lex, low, start, end):
                    continue   # "handicap 12 op de golfbaan"
                if code in _ORIGIN_CODES and _partial_origin(m.group("pre"), prev):
                    code = "demographic.origin"   # "halve Turk"
                hits.append((start, end, code))   # a compound can name two things
                continue
            elif kind == "people":
                found = _people_context(lex, key, code, text, start, end, prev)
                if code in _ORIGIN_CODES and _partial_origin(m.group("pre"), prev):
                    found = "demographic.origin"   # "Half-Indonesian", "half Marokkaans"
                if found is None and name_mode and key not in L.SKIN_ONLY \
                        and _before_first_name(text, end):
                    found = code   # "Belgische Bart", "Blinde Bert"
            elif kind == "judge":
                label_end = _judgement_context(lex, key, text, end, label_mode or quoted)
                if label_end is not None:
                    found, end = code, label_end
                elif name_mode and _before_first_name(text, end):
                    found = code   # "Moaning Myrtle"
            elif kind == "gendered":   # "Salesman who ...", not "asked the chairman"
                other = (len(prev) >= 2 and (prev[0] in _DETERMINERS or prev[0] in L.POSSESSIVES)
                         and prev[1][:1].isalpha() and prev[1] not in W.ROLE_WORDS)
                found = None if other or _names_a_product(lex, text, end) else code
            elif kind == "aid":   # "in een rolstoel" labels; "heeft een scootmobiel" is a need
                found = code if label_mode or any(p in W.AID_LABEL_WORDS for p in prev[:2]) \
                    else None
            elif kind == "nounprep":   # "Polen" the people, not "in Polen" the country
                found = None if prev and prev[0] in _PREPOSITIONS else code
            elif kind == "bcg":
                found = code if _bcg_label(lex, text, start, end, prev, label_mode,
                                           n_concepts, has_cue) else None
            if found:
                hits.append((start, end, found))
                break
    return hits, phrase_hits


def lint_text(text: str, *, field: str = "description", persona: str | None = None) -> list[dict]:
    """Demographic and judgement findings in one text, with character spans into ``text``.

    ``field`` matters: in a persona's ``name`` or ``value_label`` (or a tagline of three words or
    fewer) the text *is* a label, so ranking words such as ``budget`` or ``star`` fire alone.
    """
    if not isinstance(text, str):
        raise ValueError(f"{field}: expected text, got {type(text).__name__}")
    if not text:
        return []
    lex = compiled()
    source = text
    if field == "name" and "-" in text:
        text = _split_name_epithets(lex, text)
    label_mode = field in LABEL_FIELDS or (
        field == "tagline" and len(text.split()) <= 3)
    low = text.lower()
    if len(low) != len(text):   # a few characters lower-case to two: keep offsets aligned
        low = "".join(c if len(c.lower()) != 1 else c.lower() for c in text)

    hits, phrase_hits = _word_hits(lex, text, low, label_mode, field == "name")
    if lex.age_hint.search(low):
        for m in lex.age.finditer(low):
            if _PLUS_AGE.fullmatch(m.group()) \
                    and _is_product(_next_words(lex, text, m.end(), 1)[0]):
                continue   # "55-plus apartments", "65+ pas": a product named after an age
            hits.append((m.start(), m.end(), "demographic.age"))
        for m in lex.age_after_name.finditer(text):   # "Marco, 34, ..."
            hits.append((m.start(1), m.end(1), "demographic.age"))
    if "(" in low:
        hits += [(m.start(), m.end(), "demographic.age") for m in lex.age_brackets.finditer(low)]
    if lex.origin_hint.search(low):
        for m in lex.origin.finditer(low):
            if m.group().endswith("born") and _names_a_thing(lex, text, m.end()):
                continue   # "Italian-born design classics"
            hits.append((m.start(), m.end(), "demographic.origin"))
    if phrase_hits:   # phrase hits inside a masked phrase ("Black Friday") go
        masked = [x.span() for x in lex.all_exceptions.finditer(low)]
        hits += [h for h in phrase_hits if not any(a <= h[0] and h[1] <= b for a, b in masked)]

    # one finding per code and place: drop hits inside a longer hit of the same code
    hits.sort(key=lambda h: (h[0], -(h[1] - h[0])))
    kept: list[tuple[int, int, str]] = []
    for h in hits:
        if any(k[2] == h[2] and k[0] <= h[0] and h[1] <= k[1] for k in kept):
            continue
        kept.append(h)
    return [_finding(code, persona, field, s, e, source[s:e]) for s, e, code in kept]
