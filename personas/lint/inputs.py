"""Segmentation inputs that are demographic columns (the ``input`` family).

Why: demographics are profiled and checked, never used to form segments (DESIGN.md section 4):
segments formed on age or gender are demographic boxes by construction, whatever the personas
say. A column counts as demographic when the codebook lists it under ``demographics`` or when
its name says so, matched as whole words in snake, kebab, camel or spaced case, Dutch and
English (``customer_age`` and ``leeftijdsgroep`` are about age; ``damage``, ``stage`` and the
reference model's ``orientation`` axis are not).
"""
from __future__ import annotations

import re
from collections.abc import Sequence

# whole name words -> attribute
NAME_WORDS = {
    "age": "age", "ages": "age", "leeftijd": "age", "agegroup": "age", "ageband": "age",
    "agecat": "age", "birthyear": "age", "dob": "age", "geboortejaar": "age",
    "geboortedatum": "age", "gender": "gender", "sex": "gender", "geslacht": "gender",
    "sekse": "gender", "ethnicity": "origin", "ethnic": "origin", "etniciteit": "origin",
    "afkomst": "origin", "herkomst": "origin", "migration": "origin",
    "migratieachtergrond": "origin", "race": "origin", "skin": "origin", "huidskleur": "origin",
    "nationality": "nationality", "nationaliteit": "nationality", "citizenship": "nationality",
    "religion": "religion", "religie": "religion", "geloof": "religion", "faith": "religion",
    "levensbeschouwing": "religion", "denomination": "religion", "disability": "disability",
    "handicap": "disability", "beperking": "disability", "disabled": "disability",
    "marital": "family status", "huwelijkse": "family status", "household": "family status",
    "huishouden": "family status", "huishoudsamenstelling": "family status",
    "gezinssituatie": "family status", "gezinssamenstelling": "family status",
    "gezinsgrootte": "family status", "geaardheid": "sexual orientation",
}
# multi-word names
NAME_PHRASES = {
    ("sexual", "orientation"): "sexual orientation", ("burgerlijke", "staat"): "family status",
    ("civil", "status"): "family status", ("birth", "year"): "age", ("year", "of", "birth"): "age",
    ("date", "of", "birth"): "age", ("birth", "date"): "age", ("marital", "status"): "family status",
    ("country", "of", "birth"): "origin", ("geboorte", "land"): "origin",
    ("family", "status"): "family status", ("country", "of", "origin"): "origin",
    ("ethnic", "origin"): "origin", ("migration", "background"): "origin",
}
# Dutch compounds start with their stem: leeftijdsgroep, geslachtcode, herkomstland
DUTCH_STEMS = {
    "leeftijd": "age", "geboorte": "age", "geslacht": "gender", "herkomst": "origin",
    "afkomst": "origin", "etnici": "origin", "nationaliteit": "nationality", "religi": "religion",
    "huishoud": "family status", "gezinssituatie": "family status", "migratie": "origin",
}

_SPLIT = re.compile(r"[A-Z]?[a-z\u00C0-\u024F]+|[A-Z]+(?![a-z])|\d+")


def name_words(column: str) -> list[str]:
    """Words of a column name in any case style: 'customerAge' -> ['customer', 'age']."""
    return [w.lower() for w in _SPLIT.findall(str(column))]


def demographic_attribute(column: str) -> str | None:
    """The protected attribute a column name is about, or None."""
    words = name_words(column)
    for phrase, attr in NAME_PHRASES.items():
        n = len(phrase)
        if any(tuple(words[i:i + n]) == phrase for i in range(len(words) - n + 1)):
            return attr
    for w in words:
        if w in NAME_WORDS:
            return NAME_WORDS[w]
        for stem, attr in DUTCH_STEMS.items():
            if w.startswith(stem):
                return attr
    return None


def input_findings(segmentation_inputs: Sequence[str],
                   demographic_columns: Sequence[str] | None = None) -> list[dict]:
    """An error for every segmentation input that is a demographic column."""
    if isinstance(segmentation_inputs, str) or not all(
            isinstance(c, str) for c in segmentation_inputs):
        raise ValueError("segmentation_inputs: expected a list of column names")
    listed = {str(c).lower() for c in (demographic_columns or [])}
    out = []
    for i, col in enumerate(segmentation_inputs):
        if col.lower() in listed:
            why = "listed under demographics in the codebook"
        else:
            attr = demographic_attribute(col)
            if attr is None:
                continue
            why = f"its name says {attr}"
        out.append({
            "code": "input.demographic_column", "family": "input", "severity": "error",
            "persona": None, "field": f"segmentation_inputs[{i}]", "span": None, "text": col,
            "message": (f"'{col}' is a demographic column ({why}) used as a segmentation "
                        "input: segments formed on it are demographic boxes by construction."),
            "suggestion": ("Remove it from the segmentation inputs and segment on needs, "
                           "behaviour and context items; profile the segments on it afterwards "
                           "(the statistic check then shows any lean)."),
            "justified": False, "justification": None,
        })
    return out
