"""Context rules of the text lint: is a candidate word used about the persona?

Why apart from the scan: the scan (:mod:`personas.lint.scanner`) only finds words; whether
"German", "budget" or "star" describes or ranks a *person* depends on the words around it (a
people noun ahead, a possessive before a relative, a product after a possessive, a label cue).
Each function here answers one such question for one candidate and is pure.
"""
from __future__ import annotations

import re
from functools import lru_cache

from . import descriptors as X
from . import lexicon as L
from . import rules as R
from . import wording as W
from .scanner import _WORD, _Lexicon, _next_words, normalise

_PERSONS = L.PERSON_NOUNS | R.PERSON_NOUNS | W.PERSON_NOUNS | X.PERSON_NOUNS
_PERSON_HEADS = R.PERSON_HEADS + X.PERSON_HEADS


@lru_cache(maxsize=8192)
def _is_person(word: str | None) -> bool:
    """A people noun, also as the head of a compound ('bouwvakkers', 'homebuyers')."""
    if not word:
        return False
    last = word.rsplit("-", 1)[-1]
    if last in L.CHILD_NOUNS:
        return False
    if word in _PERSONS or last in _PERSONS:
        return True
    return last not in R.NOT_PERSON and any(
        last.endswith(h) and len(last) - len(h) >= 3 for h in _PERSON_HEADS)


def _person_ahead(words: list[str | None]) -> bool:
    """A people noun within the next three words of a noun phrase ("Polish construction
    workers", "German second-home buyers"); function words and things end the phrase."""
    for i, w in enumerate(words):
        if w is None:
            return False
        if _is_person(w):
            return True
        if i == 2 or w in R.STOP_WORDS or w in R.THING_NOUNS or any(c.isdigit() for c in w):
            return False
    return False


def _people_context(lex: _Lexicon, key: str, code: str, text: str, start: int, end: int,
                    prev: list[str]) -> str | None:
    """The code to report when an about-people adjective is used about people, else None."""
    w1, w2, w3 = _next_words(lex, text, end, 3)
    if w1 and (w1 in L.BACKGROUND_NOUNS or w1.rsplit("-", 1)[-1] in L.BACKGROUND_NOUNS):
        if code in ("demographic.nationality", "demographic.origin"):
            return L.BACKGROUND_CODE
        return code
    if key in L.SKIN_ONLY:
        return None
    if key in _GRADES:   # job grades: only the lexicon's own people nouns make them an age
        if w1 in L.PERSON_NOUNS or (w1 in L.MODIFIERS and w2 in L.PERSON_NOUNS):
            return code
    elif _is_person(w1):
        return code
    if key not in _GRADES and w1 and (w1 in L.MODIFIERS or normalise(w1) in lex.people_adjectives
                                      or normalise(w1) in lex.always_adjectives) \
            and _is_person(w2):
        return code
    if key not in R.COLOUR_WORDS and key not in _GRADES and _person_ahead([w1, w2, w3]):
        return code
    if code in ("demographic.nationality", "demographic.origin") and prev \
            and prev[0] in L.ARTICLES and w1 in ("who", "die", "wie", "that"):
        return code   # "a Nigerian who ...": the adjective is the person
    clause_end = w1 is None or w1 in L.CLAUSE_WORDS
    if prev and clause_end and (prev[0] in _BEING or (
            prev[0] in L.ARTICLES and len(prev) > 1 and prev[1] in ("as", "als"))):
        return code   # "Being American, he ...", "As an American, ...": the ground explains
    if key in _AGE_PREDICATES and clause_end and (not prev or prev[0] in _SENTENCE_MARKS):
        return code   # "Young and impatient: ...": the persona described by age
    if key not in _GRADES and _coordinated_person(lex, text, end):
        return code   # "White, middle-class homeowner"
    if code != "demographic.age" and clause_end and len(prev) >= 2 \
            and prev[0] in L.COPULAS and prev[1] in L.SUBJECT_PRONOUNS:
        return code
    if key in ("senior", "junior", "medior", "elderly") and clause_end and prev \
            and prev[0] in L.ARTICLES:
        return code
    if code in X.STANDALONE_STATUS_CODES and _standalone_status(w1, prev):
        return code   # "Gescheiden, twee kinderen ...", "Single, 34, ...", "net gescheiden"
    return None


def _standalone_status(w1: str | None, prev: list[str]) -> bool:
    """A family-status adjective as a descriptor of its own: it ends its clause and opens it
    (after a sentence mark, a leading 'Name,' or '34,', a bare copula) or follows a time adverb
    ('net gescheiden'). 'Houdt werk en privé gescheiden' and 'gescheiden afval' stay clean."""
    if not (w1 is None or w1 in L.CLAUSE_WORDS or w1 in X.STATUS_ENDS) or w1 in ("or", "of"):
        return False
    if not prev or prev[0] in _SENTENCE_MARKS:
        return True
    if prev[0] == ",":
        return len(prev) < 3 or prev[2] in _SENTENCE_MARKS or any(c.isdigit() for c in prev[1])
    if prev[0] in L.COPULAS:   # "Is gescheiden en woont alleen", not "Het afval is gescheiden"
        return len(prev) < 2 or prev[1] in _SENTENCE_MARKS
    return prev[0] in X.STATUS_ADVERBS or prev[0].isdigit() \
        or any(p in X.STATUS_SINCE for p in prev[:3])



_BEING = {"being", "zijnde"}
_DETERMINERS = {"a", "an", "the", "een", "de", "het", "this", "that", "deze", "die"}
_OBJECT_PRONOUNS = {"him", "her", "them", "us", "me", "it", "hem", "haar", "ze", "ons", "'s"}
_AGE_PREDICATES = {"young", "old", "older", "younger", "jong", "oud", "ouder", "jonger",
                   "elderly", "ageing", "aging"}
_SENTENCE_MARKS = {".", ":", ";", "!", "?", "\u2013", "\u2014"}
_COORD = re.compile(r"[ \t]*(?:,|and\b|en\b|&)[ \t]*")


def _coordinated_person(lex: _Lexicon, text: str, end: int) -> bool:
    """The adjective is one of a list before a people noun: 'white, middle-class homeowner',
    'jonge en alleenstaande moeder'."""
    m = _COORD.match(text, end)
    if not m:
        return False
    w1, w2, w3 = _next_words(lex, text, m.end(), 3)
    if not w1 or not (w1 in L.MODIFIERS or w1 in lex.people_adjectives
                      or w1 in lex.always_adjectives):
        return False
    return _is_person(w2) or (w2 in L.MODIFIERS and _is_person(w3))


def _judgement_context(lex: _Lexicon, key: str, text: str, end: int,
                       label_mode: bool) -> int | None:
    """Where a ranking label ends ('budget' + 'shoppers'), or None when the word is not used
    as a label for people ('a budget of', 'premium finishes')."""
    if label_mode and key in lex.label_alone:
        return end
    ends: list[int] = []
    w1, w2 = _next_words(lex, text, end, 2, ends)
    if w1 in lex.judgement_targets:
        if w2 in _SERVICE_NOUNS:   # "bad customer experience" is not a bad customer
            return None
        return ends[0]
    if w1 and (w1 in L.MODIFIERS or normalise(w1) in lex.people_adjectives
               or normalise(w1) in lex.always_adjectives) and w2 in lex.judgement_targets:
        return ends[1]
    return None


def _kin_after_possessive(word: str, prev: list[str]) -> bool:
    """'her mother', 'haar buurvrouw', 'his elderly father': someone in the persona's social
    context (with whom), not the persona."""
    if word not in L.KIN_NOUNS and not word.endswith(("vrouw", "moeder", "vader")):
        return False
    if prev and prev[0] in L.POSSESSIVES:
        return True
    return len(prev) >= 2 and prev[1] in L.POSSESSIVES and prev[0][:1].isalpha()


def _about_kin(lex: _Lexicon, text: str, end: int, prev: list[str]) -> bool:
    """A demographic adjective between a possessive and a kin noun ('haar dementerende
    vader') describes that relative."""
    if not prev or prev[0] not in L.POSSESSIVES:
        return False
    w1 = _next_words(lex, text, end, 1)[0]
    return bool(w1) and (w1 in L.KIN_NOUNS or w1.endswith(("vrouw", "moeder", "vader")))


_GRADES = {"senior", "junior", "medior"}
_SERVICE_NOUNS = {"service", "experience", "journey", "contact", "care", "support",
                  "satisfaction", "reviews", "review", "feedback", "portal", "data", "ervaring",
                  "reis", "tevredenheid", "dienst", "panel", "relations", "relationship"}
_PREPOSITIONS = {"in", "uit", "naar", "van", "via", "door", "met", "from", "to", "tussen", "over",
                 "binnen", "buiten", "rond", "op", "bij", "voor", "of", "across", "around"}
_QUOTES = "'\"‘’“”„‚«»"
_LEAD_WORDS = {"", "the", "de", "het", "our", "onze", "ons", "a", "an", "een", "my", "mijn"}
_BCG_CONCEPT = {"dog": "dog", "dogs": "dog", "hond": "dog", "honden": "dog", "star": "star",
                "stars": "star", "ster": "star", "sterren": "star", "question mark": "qm",
                "question marks": "qm", "vraagteken": "qm", "vraagtekens": "qm",
                "cash cow": "cow", "cash cows": "cow", "melkkoe": "cow", "melkkoeien": "cow",
                "poor dog": "dog", "poor dogs": "dog"}


def _bcg_label(lex: _Lexicon, text: str, start: int, end: int, prev: list[str],
               label_mode: bool, n_concepts: int, has_cue: bool) -> bool:
    """A BCG word ranks a person only when it is used as a label (see the lexicon policy)."""
    # "walks the dog ... five stars" is two BCG words by chance; three, or any next to
    # "cash cow", is the matrix.
    if label_mode or n_concepts >= 3 or has_cue:
        return True
    before = text[start - 1] if start > 0 else ""
    after = text[end] if end < len(text) else ""
    if before in _QUOTES and after in _QUOTES:
        return True
    if any(p in L.LABEL_CUES for p in prev):
        return True
    w1, _ = _next_words(lex, text, end)
    sentence = text[max(text.rfind(".", 0, start), text.rfind("\n", 0, start)) + 1:start]
    if w1 in ("who", "die") and sentence.strip(" \t" + _QUOTES).lower() in ("", "the", "de", "our",
                                                                           "onze"):
        return True   # "Whales who spend ten times the average."
    if w1 in L.JUDGEMENT_TARGETS or w1 in {"segment", "kwadrant", "quadrant", "label"}:
        return True
    line_start = text.rfind("\n", 0, start) + 1
    lead = text[line_start:start].strip(" \t" + _QUOTES).lower()
    return lead in _LEAD_WORDS and text[end:end + 1] == ":"   # "The whale: ..."


_NAME_TAIL = re.compile(r"[ \t]+(" + _WORD
                        + r")[ \t]*(?:$|[,:;(\-\u2013]|[ \t](?:de|the|het|van)\b)")
_POSSESSIVE = re.compile(r"(?:['’]s?|s['’])(?=\s)")


def _before_first_name(text: str, end: int) -> bool:
    """In a persona name, the word is followed by one capitalised last word: an epithet before a
    first name ('Moaning Myrtle', 'Blinde Bert', 'Belgische Bart')."""
    m = _NAME_TAIL.match(text, end)
    return bool(m) and m.group(1)[:1].isupper()


def _names_a_product(lex: _Lexicon, text: str, end: int) -> bool:
    """A group noun in the possessive before a product or service: 'the women's health clinic',
    'men's department' name a service, not the persona."""
    m = _POSSESSIVE.match(text, end)
    if not m:
        return False
    w1, w2 = _next_words(lex, text, m.end(), 2)
    return _is_product(w1) or (w1 is not None and not _is_person(w1) and _is_product(w2))


@lru_cache(maxsize=4096)
def _is_product(word: str | None) -> bool:
    """A product/service noun, also as the head of a Dutch compound ('seniorenwoningen')."""
    if not word:
        return False
    last = word.rsplit("-", 1)[-1]
    return last in W.PRODUCT_NOUNS or any(
        last.endswith(p) and len(last) - len(p) >= 3 for p in _PRODUCT_HEADS)


_PRODUCT_HEADS = ("woning", "woningen", "appartement", "appartementen", "korting", "pas",
                  "kaart", "abonnement", "rekening", "verzekering", "afdeling", "kliniek")



_NEXT_CHAR = re.compile(r"(?:['’][sS])?[ \t]*(\S)")
_PREV_WORD = re.compile(r"([^\W\d_]+)[ \t]+$")


def _is_brand(lex: _Lexicon, text: str, start: int, end: int, prev: list[str]) -> bool:
    """A lexicon word written in capitals inside ordinary text, before a capitalised word, '&'
    or a number, or after a preposition, names a company ('MAN Truck & Bus', 'werkt bij MAN');
    acronyms of a ground ('LHBTI', 'ADHD') are not brands (see descriptors.ACRONYMS)."""
    word = text[start:end]
    if len(word) < 2 or not word.isupper() or not any(c.islower() for c in text):
        return False
    if prev and prev[0] in X.BRAND_PREPOSITIONS:
        return True
    before = _PREV_WORD.search(text, max(0, start - 40), start)
    if before and len(before.group(1)) >= 2 and before.group(1).isupper():
        return True   # "ZARA MAN": a run of capitals
    m = _NEXT_CHAR.match(text, end)
    if m and (m.group(1) in "&+" or m.group(1).isupper() or m.group(1).isdigit()):
        return True
    w1 = _next_words(lex, text, end, 1)[0]   # "the MAN plant", "een MAN-dealer"
    return bool(w1) and (w1 in X.BRAND_NOUNS or w1 in R.THING_NOUNS or _is_product(w1))


def _generation_is_origin(lex: _Lexicon, text: str, end: int) -> bool:
    """'tweede generatie' is about origin before a demonym or an origin noun, or on its own
    ('Ze is tweede generatie.'); not before a product ('tweede generatie warmtepomp') or in a
    family business ('second generation in the family firm')."""
    w1 = _next_words(lex, text, end, 1)[0]
    if w1 == "of":   # "the third generation of the hybrid"
        return False
    if w1 is None or w1 in L.CLAUSE_WORDS or w1 in X.GENERATION_ORIGIN_WORDS:
        return True
    return any(part in lex.demonym_words for part in (w1, *w1.split("-")))


def _is_sport_handicap(lex: _Lexicon, low: str, start: int, end: int) -> bool:
    """'handicap 12 op de golfbaan', 'a golf handicap of 18': a sport score, not a disability."""
    return bool(lex.sport.search(low, max(0, start - 80), end + 80))


def _partial_origin(pre: str, prev: list[str]) -> bool:
    """'Half-Indonesian', 'half Marokkaans', 'quarter-Chinese', 'voor de helft Surinaams'."""
    glued = pre.rstrip("-").rsplit("-", 1)[-1].lower() if pre else ""
    return glued in X.PARTIAL_ORIGIN or bool(prev and prev[0] in X.PARTIAL_ORIGIN)


def _names_a_thing(lex: _Lexicon, text: str, end: int) -> bool:
    """The next word is a thing or a product ('Italian-born design', 'Dutch-born brand')."""
    w1 = _next_words(lex, text, end, 1)[0]
    return bool(w1) and (w1 in R.THING_NOUNS or _is_product(w1) or w1 in _THING_EXTRA)


_THING_EXTRA = {"brand", "brands", "merk", "label", "company", "bedrijf", "firm", "classic",
                "classics", "klassiekers", "dish", "gerecht", "recipe", "recept", "style"}
