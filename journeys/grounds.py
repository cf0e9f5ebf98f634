"""Protected grounds and their proxies, as words in decision-table input names (Dutch and English).

Why whole words: a substring search calls ``damage``, ``usage``, ``stage`` and ``package`` "age"
and ``management`` "man"; that noise teaches people to ignore the warning. Names are split into
words first (snake_case, kebab-case, camelCase, spaced, dotted), then phrases are matched longest
first, so ``dual_nationality`` is the proxy phrase "dual nationality" and not the protected ground
"nationality", while ``nationality_and_postcode`` is protected (a protected ground wins over a
proxy elsewhere in the same name).

Sources for the grounds: Article 1 of the Dutch constitution and the AWGB (religion, belief,
political opinion, race, sex, nationality, sexual orientation, civil status, disability, chronic
illness, age) and EU Charter article 21; proxies from DESIGN.md section 5.
"""
from __future__ import annotations

import re

# ground -> phrases (lower case, words separated by one space)
PROTECTED: dict[str, tuple[str, ...]] = {
    "gender": ("gender", "genders", "geslacht", "sex", "sekse", "gender identity",
               "genderidentiteit", "male", "female", "man of vrouw"),
    "age": ("age", "ages", "leeftijd", "leeftijden", "age group", "leeftijdsgroep",
            "leeftijdscategorie", "date of birth", "birth date", "birthdate", "dob",
            "geboortedatum", "birth year", "year of birth", "geboortejaar", "elderly"),
    "ethnicity": ("ethnicity", "ethnic", "ethnic origin", "ethnic background", "etniciteit",
                  "etnisch", "etnische", "afkomst", "origin", "herkomst", "ras", "race",
                  "skin colour", "skin color", "skin tone", "huidskleur",
                  "migration background", "migratieachtergrond", "allochtoon", "autochtoon",
                  "country of birth", "birth country", "geboorteland"),
    "religion": ("religion", "religions", "religious", "religie", "religieus", "geloof",
                 "godsdienst", "levensovertuiging", "belief", "beliefs", "faith"),
    "sexual orientation": ("sexual orientation", "seksuele geaardheid", "geaardheid",
                           "seksuele gerichtheid", "sexual preference", "seksuele voorkeur"),
    "nationality": ("nationality", "nationalities", "nationaliteit", "nationaliteiten",
                    "citizenship", "staatsburgerschap"),
    "disability": ("disability", "disabilities", "disabled", "handicap", "gehandicapt",
                   "beperking", "beperkingen", "chronic illness", "chronische ziekte",
                   "impairment"),
    "civil status": ("civil status", "burgerlijke staat", "marital status", "married",
                     "gehuwd", "getrouwd", "burgerlijke stand"),
    "political opinion": ("political opinion", "politieke gezindheid", "political preference",
                          "politieke voorkeur", "party preference", "partijvoorkeur",
                          "political affiliation"),
    "pregnancy": ("pregnancy", "pregnant", "zwangerschap", "zwanger"),
}

PROXIES: dict[str, tuple[str, ...]] = {
    "postcode": ("postcode", "postcodes", "post code", "postal code", "postalcode", "zip",
                 "zip code", "zipcode", "pc4", "pc6", "postcodegebied"),
    "neighbourhood": ("wijk", "buurt", "neighbourhood", "neighborhood", "woonwijk"),
    "name": ("name", "names", "naam", "namen", "first name", "firstname", "given name",
             "voornaam", "achternaam", "surname", "last name", "lastname", "family name",
             "familienaam", "full name", "fullname"),
    "language": ("mother tongue", "moedertaal", "language", "languages", "taal", "talen",
                 "first language", "native language", "thuistaal", "home language", "accent"),
    "dual nationality": ("dual nationality", "dubbele nationaliteit",
                         "double nationality"),
}

# Phrases that contain a ground word but are not about a person (matched, then ignored).
NEUTRAL: tuple[str, ...] = (
    "product name", "company name", "file name", "street name", "project name", "user name",
    "brand name", "step name", "stage name", "case name", "programming language",
    "contract language", "page age", "cache age", "data origin", "lead origin",
    "order origin", "traffic origin", "origin channel", "budget beperking",
)

_SPLIT = re.compile(r"[^0-9A-Za-zÀ-ÖØ-öø-ÿ]+")
_CAMEL = re.compile(r"[A-ZÀ-ÖØ-Þ]+(?=[A-ZÀ-ÖØ-Þ][a-zß-öø-ÿ])|[A-ZÀ-ÖØ-Þ]?[a-zß-öø-ÿ]+|"
                    r"[A-ZÀ-ÖØ-Þ]+|[0-9]+")


def split_words(name: str) -> list[str]:
    """``klantLeeftijd`` -> [klant, leeftijd]; ``ZIPCode`` -> [zip, code]; ``customer-age`` ->
    [customer, age]; ``Skin Colour`` -> [skin, colour]."""
    words: list[str] = []
    for chunk in _SPLIT.split(name):
        words.extend(w.lower() for w in _CAMEL.findall(chunk))
    return words


def _index() -> tuple[dict[tuple[str, ...], tuple[str | None, str | None]], int]:
    table: dict[tuple[str, ...], tuple[str | None, str | None]] = {}
    for family, lexicon in (("proxy", PROXIES), ("protected", PROTECTED)):
        for ground, phrases in lexicon.items():
            for phrase in phrases:
                table[tuple(phrase.split())] = (family, ground)
    for phrase in NEUTRAL:
        table[tuple(phrase.split())] = (None, None)
    return table, max(len(k) for k in table)


_PHRASES, _LONGEST = _index()


def matches(name: str) -> list[tuple[str, str, str]]:
    """All (family, ground, matched phrase) in a name, longest phrase first at each position."""
    words = split_words(name)
    found: list[tuple[str, str, str]] = []
    i = 0
    while i < len(words):
        for size in range(min(_LONGEST, len(words) - i), 0, -1):
            key = tuple(words[i:i + size])
            if key in _PHRASES:
                family, ground = _PHRASES[key]
                if family is not None and ground is not None:
                    found.append((family, ground, " ".join(key)))
                i += size
                break
        else:
            i += 1
    return found


def classify_input_name(name: str) -> tuple[str | None, str | None]:
    """("protected"|"proxy"|None, ground): a protected ground anywhere in the name wins."""
    found = matches(name)
    for family, ground, _ in found:
        if family == "protected":
            return family, ground
    for family, ground, _ in found:
        return family, ground
    return None, None
