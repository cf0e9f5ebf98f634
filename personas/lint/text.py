"""Demographic and judgement wording checks on one piece of persona text.

How it works, and why it is fast: every lexicon form is compiled once into a single trie-shaped
regular expression that only matches whole words (Dutch compounds through their head). The C regex
engine finds the few candidate words; Python then looks at the words around each candidate to
apply the context rules of the policy in :mod:`personas.lint.lexicon` (job titles, products,
colour words only about people, BCG words only as labels). Age expressions and origin phrases are
two more precompiled expressions. Phrase rules (:mod:`personas.lint.rules`,
:mod:`personas.lint.wording`) run only in a short window around their trigger words; name
epithets, products named after a group and mobility aids are decided from the words around the
candidate, as the other context rules are.
"""
from __future__ import annotations

import re
from functools import lru_cache

from . import demonyms as D
from . import lexicon as L
from . import rules as R
from . import wording as W

LABEL_FIELDS = {"name", "value_label"}
_SEP = r"[\s\-]+"
_WORD = r"[^\W_]+(?:[-'’][^\W_]+)*"


_SEP_RUN = re.compile(r"[\s\-]+")


def normalise(words: str) -> str:
    """Lower case, one space for any run of spaces/hyphens, straight apostrophes."""
    low = words.lower()
    if low.isalpha():
        return low
    return _SEP_RUN.sub(" ", low.replace("’", "'")).strip()


def _trie_pattern(forms: list[str]) -> str:
    """One regex alternation shaped as a trie: shared prefixes are matched once, so the engine
    does not try hundreds of alternatives at every word start. Optional tails are greedy, so the
    longest form wins ("alleenstaande moeder" over "alleenstaande")."""
    trie: dict = {}
    for form in forms:
        node = trie
        for ch in form:
            node = node.setdefault(ch, {})
        node[""] = {}

    def esc(ch: str) -> str:
        if ch == " ":
            return _SEP
        if ch == "'":
            return "['’]"
        return re.escape(ch)

    def build(node: dict) -> str:
        branches = [esc(ch) + build(sub) for ch, sub in sorted(node.items()) if ch]
        if not branches:
            return ""
        body = branches[0] if len(branches) == 1 else "(?:" + "|".join(branches) + ")"
        return f"(?:{body})?" if "" in node else body

    return build(trie)


class _Lexicon:
    """The compiled lexicon: built once per process (see :func:`compiled`)."""

    def __init__(self) -> None:
        self.entries: dict[str, list[tuple[str, str]]] = {}

        def add(form: str, kind: str, code: str) -> None:
            lst = self.entries.setdefault(normalise(form), [])
            if (kind, code) not in lst:
                lst.append((kind, code))

        def add_new(form: str, kind: str, code: str) -> None:
            """Only forms the lexicon does not know yet (its own codes win)."""
            if normalise(form) not in self.entries:
                add(form, kind, code)

        for code, forms in L.ALWAYS.items():
            for f in forms:
                add(f, "always", code)
        for code, forms in L.PEOPLE_CONTEXT.items():
            for f in forms:
                add(f, "people", code)
        for code, forms in L.JUDGEMENT_CONTEXT.items():
            for f in forms:
                add(f, "judge", code)
        for f in L.LABEL_ALONE:
            if not any(k == "judge" for k, _ in self.entries.get(normalise(f), [])):
                add(f, "judge", "judgement.value_label")
        for f, code in L.BCG.items():
            add(f, "bcg", code)
        # the rule vocabularies (personas.lint.rules) and the country table (demonyms)
        for code, forms in R.ALWAYS.items():
            for f in forms:
                add_new(f, "always", code)
        for code, forms in R.PEOPLE_CONTEXT.items():
            for f in forms:
                add_new(f, "people", code)
        for code, forms in R.JUDGEMENT_CONTEXT.items():
            for f in forms:
                add_new(f, "judge", code)
        for f in R.LABEL_ALONE:
            if not any(k == "judge" for k, _ in self.entries.get(normalise(f), [])):
                add(f, "judge", "judgement.value_label")
        # second round (personas.lint.wording): value statements, epithets, gendered compounds
        for code, forms in W.ALWAYS.items():
            for f in forms:
                add_new(f, "always", code)
        for code, forms in W.JUDGEMENT_CONTEXT.items():
            for f in forms:
                add_new(f, "judge", code)
        for stems, heads in ((W.GENDERED_STEMS_EN, W.GENDERED_HEADS_EN),
                             (W.GENDERED_STEMS_NL, W.GENDERED_HEADS_NL)):
            for stem in stems:
                for head in heads:
                    add_new(stem + head, "gendered", W.GENDER_CODE)
        for pre, heads in W.DEMEANING_COMPOUNDS.items():
            for head in heads:
                add(pre + head, "always", W.DEMEANING_CODE)
        for f in W.MOBILITY_AIDS:
            add_new(f, "aid", "demographic.disability")
        # A listed compound whose head (Dutch) or first part (hyphenated English) names a ground
        # also reports that ground ("hangjongere": demeaning and an age label; "man-child").
        heads = sorted(L.COMPOUND_HEADS, key=len, reverse=True)
        gendered = {normalise(f) for f in L.ALWAYS["demographic.gender"] if " " not in f}
        for form, lst in self.entries.items():
            if any(c.startswith("demographic.") for _, c in lst) \
                    or not any(k == "always" for k, _ in lst):
                continue
            if " " in form:
                if form.split(" ", 1)[0] in gendered:
                    lst.append(("always", "demographic.gender"))
                continue
            head = next((h for h in heads if form.endswith(h) and len(form) - len(h) >= 2), None)
            if head and form not in L.COMPOUND_EXCEPTIONS:
                lst.append(("always", L.COMPOUND_HEADS[head]))
        self.label_alone = L.LABEL_ALONE | R.LABEL_ALONE
        regions = {normalise(f) for f in D.REGION_NOUNS_NL + D.REGION_NOUNS_EN
                   + D.REGION_ADJECTIVES_NL + D.REGION_ADJECTIVES_EN}
        adjectives = set(D.ADJECTIVES)
        for f in D.NOUNS:
            if f not in adjectives:
                add_new(f, "always", "demographic.origin" if normalise(f) in regions
                        else "demographic.nationality")
        for f in D.ADJECTIVES:
            add_new(f, "people", "demographic.origin" if normalise(f) in regions
                    else "demographic.nationality")
        for f in D.COUNTRY_HOMONYMS:
            add(f, "nounprep", "demographic.nationality")
        # Dutch closed compounds: demographic stem + people head ("moslimgezinnen"), ranking
        # modifier + customer head ("verliesklanten")
        for stem, code in R.COMPOUND_STEMS.items():
            for head in R.COMPOUND_PERSON_HEADS:
                add_new(stem + head, "always", code)
                add_new(stem + "-" + head, "always", code)   # "LHBTI-klanten"
        for pre, code in R.JUDGEMENT_COMPOUND_PREFIXES.items():
            for head in R.JUDGEMENT_COMPOUND_HEADS:
                add_new(pre + head, "always", code)
        # phrase rules, matched at their trigger words (found by the same trie scan)
        countries = _trie_pattern(sorted({normalise(c) for c in L.COUNTRIES + D.COUNTRIES}))
        self.triggers: dict[str, list[tuple[str, re.Pattern]]] = {}
        for code, words, pat in R.PHRASE_RULES + W.PHRASE_RULES:
            rx = re.compile(pat.replace("COUNTRY", countries))
            trigger_words = (sorted(set(L.COUNTRIES) | set(D.COUNTRIES))
                             if words == R.COUNTRY_TRIGGER else words.split())
            for w in trigger_words:
                self.triggers.setdefault(normalise(w), []).append((code, rx))
                self.entries.setdefault(normalise(w), [])
        self.people_adjectives = {normalise(f) for fs in L.PEOPLE_CONTEXT.values() for f in fs}
        self.people_adjectives |= {normalise(f) for fs in R.PEOPLE_CONTEXT.values() for f in fs}
        self.people_adjectives |= {normalise(f) for f in D.ADJECTIVES}
        self.always_adjectives = {"middle aged", "female", "male", "vrouwelijke", "mannelijke",
                                  "allochtone", "autochtone", "alleenstaande", "gehandicapte",
                                  "slechtziende", "slechthorende", "dark skinned", "gay",
                                  "lesbian", "lesbische", "christian", "muslim", "jewish",
                                  "christelijke", "joodse", "islamitische", "catholic",
                                  "katholieke", "disabled", "deaf", "elderly"}
        demographic_nouns = {normalise(f) for c, fs in L.ALWAYS.items()
                             if c.startswith("demographic.") for f in fs if " " not in f}
        self.judgement_targets = (L.JUDGEMENT_TARGETS | L.PERSON_NOUNS | demographic_nouns
                                  | W.PERSON_NOUNS
                                  | {"tail", "staart", "base", "bestand", "crowd", "bunch", "klantgroep",
                                     "klantgroepen", "klantsegment", "klantsegmenten"})
        # Longest head first, so "vrouwen" is reported as the head of "zakenvrouwen".
        self.heads = tuple(sorted(L.COMPOUND_HEADS, key=len, reverse=True))
        head_check = "(?:" + "|".join(f"(?<={h})" for h in self.heads) + ")"
        word_end = r"(?![^\W_]|-[^\W_]|['’](?:[^\W_s]|s[^\W_]))"
        # Matched against the lower-cased text (same offsets): case-insensitive matching of a
        # large trie is markedly slower. Possessive quantifiers keep the hyphen-prefix and
        # compound branches linear in the word length.
        self.candidates = re.compile(
            r"(?<![^\W_])(?<![^\W_]['’\-])"
            r"(?P<pre>(?:[^\W\d_]++-)*?)"
            r"(?:(?P<form>" + _trie_pattern(sorted(self.entries)) + r")"
            r"|(?P<comp>[^\W\d_]{4,}+)" + head_check + ")" + word_end)
        self.exceptions = re.compile(r"\b(?:" + "|".join(L.EXCEPTIONS) + r")\b")
        # an exception can only mask a candidate whose word it spells out
        self.exception_words = {w for e in L.EXCEPTIONS for w in re.findall(r"[^\W\d_]{2,}", e)}
        self.age = re.compile("|".join(f"(?:{p})" for p in L.AGE_PATTERNS
                                       + R.AGE_DIGIT_PATTERNS))
        self.age_brackets = re.compile(R.AGE_IN_BRACKETS)
        self.all_exceptions = re.compile(r"\b(?:" + "|".join(L.EXCEPTIONS) + r")")
        self.origin = re.compile(
            r"\b(?:" + "|".join(L.ORIGIN_VERBS) + r")\b[^.;:\n]{0,30}?\b(?:in|uit|from|van|op)\s+"
            r"(?:" + countries + r")\b|" + "|".join(L.ORIGIN_PATTERNS))
        # Cheap substring tests that decide whether the age and origin expressions can match.
        self.age_hint = re.compile(r"\d|tig|ties")
        self.origin_hint = re.compile(
            "born|geboren|grew|raised|opgegroeid|afkomstig|origin|oorspronkelijk|roots|wortels|"
            "migr|fled|gevlucht|came|moved|kwam|verhuisd")
        self.next_word = re.compile(r"[ \t\r\n]*[\"'“”‘’(]?[ \t]*(" + _WORD + ")")
        self.tokens = re.compile(_WORD + r"|[^\w\s]")


@lru_cache(maxsize=1)
def compiled() -> _Lexicon:
    """The compiled lexicon (compiled on first use, then shared)."""
    return _Lexicon()


# ---------------------------------------------------------------------------------------------
def _next_words(lex: _Lexicon, text: str, pos: int, n: int = 2,
                ends: list[int] | None = None) -> list[str | None]:
    """The next ``n`` words after ``pos`` in the same clause (None past punctuation); their end
    offsets are appended to ``ends`` when given."""
    out: list[str | None] = []
    for _ in range(n):
        m = lex.next_word.match(text, pos)
        if not m:
            out.append(None)
            break
        out.append(normalise(m.group(1)).replace(" ", "-"))
        pos = m.end()
        if ends is not None:
            ends.append(pos)
    while len(out) < n:
        out.append(None)
    return out


def _prev_tokens(lex: _Lexicon, text: str, pos: int, n: int = 3) -> list[str]:
    """The last ``n`` tokens before ``pos``, nearest first (punctuation kept as tokens)."""
    toks = lex.tokens.findall(text, max(0, pos - 60), pos)
    return [normalise(t).replace(" ", "-") for t in reversed(toks[-n:])]


_PERSONS = L.PERSON_NOUNS | R.PERSON_NOUNS | W.PERSON_NOUNS


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
        last.endswith(h) and len(last) - len(h) >= 3 for h in R.PERSON_HEADS)


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
    return None


_PLUS_AGE = re.compile(r"\d{2}\s?-?\s?(?:\+|plus)-?")
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
        for kind, code in lex.entries[key]:
            found = None
            if kind == "always":
                if _kin_after_possessive(key, prev) or _names_a_product(lex, text, end):
                    continue
                hits.append((start, end, code))   # a compound can name two things
                continue
            elif kind == "people":
                found = _people_context(lex, key, code, text, start, end, prev)
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
    if "(" in low:
        hits += [(m.start(), m.end(), "demographic.age") for m in lex.age_brackets.finditer(low)]
    if lex.origin_hint.search(low):
        for m in lex.origin.finditer(low):
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
    return [_finding(code, persona, field, s, e, text[s:e]) for s, e, code in kept]
