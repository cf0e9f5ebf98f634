"""The compiled lexicon and the tokenising helpers of the text lint.

Why one compiled object: every lexicon form (:mod:`personas.lint.lexicon`, :mod:`~.rules`,
:mod:`~.wording`, :mod:`~.demonyms`) goes into a single trie-shaped regular expression that only
matches whole words (Dutch compounds through their head), built once per process. The C regex
engine then finds the few candidate words in a text; the context rules
(:mod:`personas.lint.context`) look only at the words around each candidate, using the small
tokenising helpers here (:func:`next_words`, :func:`prev_tokens`).
"""
from __future__ import annotations

import re
from functools import lru_cache

from . import demonyms as D
from . import descriptors as X
from . import lexicon as L
from . import rules as R
from . import wording as W

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

        # (vocabulary, kind, first come): the lexicon's own codes win over the rule vocabularies of
        # personas.lint.rules, .wording (value statements, epithets) and .descriptors (round 3)
        sources = [(L.ALWAYS, "always", add), (L.PEOPLE_CONTEXT, "people", add),
                   (L.JUDGEMENT_CONTEXT, "judge", add), (R.ALWAYS, "always", add_new),
                   (R.PEOPLE_CONTEXT, "people", add_new), (R.JUDGEMENT_CONTEXT, "judge", add_new),
                   (W.ALWAYS, "always", add_new), (X.ALWAYS, "always", add_new),
                   (W.JUDGEMENT_CONTEXT, "judge", add_new)]
        for vocabulary, kind, adder in sources:
            for code, forms in vocabulary.items():
                for f in forms:
                    adder(f, kind, code)
            if vocabulary is L.JUDGEMENT_CONTEXT:  # labels that rank on their own, after the lexicon's
                for label in L.LABEL_ALONE:
                    if not any(k == "judge" for k, _ in self.entries.get(normalise(label), [])):
                        add(label, "judge", "judgement.value_label")
                for f, code in L.BCG.items():
                    add(f, "bcg", code)
            if vocabulary is R.JUDGEMENT_CONTEXT:
                for label in R.LABEL_ALONE:
                    if not any(k == "judge" for k, _ in self.entries.get(normalise(label), [])):
                        add(label, "judge", "judgement.value_label")
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
        persons = _trie_pattern(sorted(
            {normalise(p) for p in L.PERSON_NOUNS | R.PERSON_NOUNS | W.PERSON_NOUNS
             | X.PERSON_NOUNS if p not in L.CHILD_NOUNS}))
        persons = (persons + r"|[^\W\d_]{2,}(?:"
                   + "|".join(sorted(set(R.PERSON_HEADS + X.PERSON_HEADS), key=len,
                                     reverse=True)) + ")")
        demonyms = _trie_pattern(sorted(
            {normalise(a) for a in D.ADJECTIVES} | {normalise(a) for a in
                                                   L.PEOPLE_CONTEXT["demographic.nationality"]}))
        self.triggers: dict[str, list[tuple[str, re.Pattern]]] = {}
        for code, words, pat in R.PHRASE_RULES + W.PHRASE_RULES + X.PHRASE_RULES:
            rx = re.compile(pat.replace("COUNTRY", countries).replace("PERSON", persons)
                            .replace("DEMONYM", demonyms))
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
        exceptions = L.EXCEPTIONS + X.EXCEPTIONS
        self.exceptions = re.compile(r"\b(?:" + "|".join(exceptions) + r")\b")
        # an exception can only mask a candidate whose word it spells out
        self.exception_words = {w for e in exceptions for w in re.findall(r"[^\W\d_]{2,}", e)}
        self.age = re.compile("|".join(f"(?:{p})" for p in L.AGE_PATTERNS
                                       + R.AGE_DIGIT_PATTERNS + X.AGE_PATTERNS))
        self.age_brackets = re.compile(R.AGE_IN_BRACKETS)
        self.all_exceptions = re.compile(r"\b(?:" + "|".join(exceptions) + r")")
        self.origin = re.compile(
            r"\b(?:" + "|".join(L.ORIGIN_VERBS) + r")\b[^.;:\n]{0,30}?\b(?:in|uit|from|van|op)\s+"
            r"(?:" + countries + r")\b|" + "|".join(L.ORIGIN_PATTERNS))
        # Cheap substring tests that decide whether the age and origin expressions can match.
        self.age_hint = re.compile(r"\d|tig|ties|(?:twen|thir|for|fif|six|seven|eigh|nine)ty")
        self.age_after_name = re.compile(X.AGE_AFTER_NAME)
        self.sport = re.compile(X.SPORT_CUES)
        self.demonym_words = ({normalise(a) for a in D.ADJECTIVES + D.NOUNS}
                              | {normalise(a) for a in L.PEOPLE_CONTEXT["demographic.nationality"]}
                              | {normalise(a) for a in L.ALWAYS["demographic.nationality"]})
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


