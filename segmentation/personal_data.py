"""Find personal data in an uploaded survey, so the user can drop it before it is stored.

Why: segmentation needs answers, not identities. Survey exports often carry e-mail addresses,
phone numbers, names, addresses, birth dates, IBANs or BSNs along with the answers; the studio
flags them on import and the user decides to drop or keep each column (DESIGN.md section 3).

Detection looks at the column name (Dutch and English) AND at the values: patterns with checksums
where they exist (IBAN mod-97, BSN elfproef), so that a column of 9-digit ids is not a BSN column.
A 4-digit postcode alone, Likert items, numbers and short categorical columns (channel, stage) are
never flagged: they are what the analysis needs. Examples shown to the user are always masked.
"""
from __future__ import annotations

import datetime as _dt
import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field

import numpy as np
import pandas as pd

KINDS = ("email", "phone", "full_name", "address", "postcode_house_number", "birth_date", "iban", "bsn")

_DESCRIPTION = {
    "email": "e-mail addresses",
    "phone": "phone numbers",
    "full_name": "full names",
    "address": "street addresses",
    "postcode_house_number": "postcodes with a house number",
    "birth_date": "birth dates",
    "iban": "bank account numbers (IBAN)",
    "bsn": "citizen service numbers (BSN)",
}
_NAME_DESCRIPTION = {**_DESCRIPTION, "full_name": "names"}
_SINGULAR = {"email": "an e-mail address", "phone": "a phone number"}

# share of sampled values that must match before values alone flag a column
_THRESHOLD = {"email": 0.5, "phone": 0.5, "full_name": 0.6, "address": 0.5,
              "postcode_house_number": 0.5, "birth_date": 0.8, "iban": 0.5, "bsn": 0.8}

# ---------------------------------------------------------------- column names

_NAME_TOKENS: dict[str, set[str]] = {
    "email": {"email", "mail", "emailadres", "mailadres", "emailaddress", "mailaddress"},
    "phone": {"telefoon", "telefoonnummer", "telnr", "tel", "phone", "phonenumber", "telephone",
              "mobiel", "mobile", "mobielnummer", "gsm", "cell", "cellphone", "whatsapp"},
    "full_name": {"naam", "name", "voornaam", "achternaam", "firstname", "lastname", "surname",
                  "fullname", "familienaam", "tussenvoegsel", "voorletters", "initials",
                  "roepnaam", "contactpersoon"},
    "address": {"adres", "address", "straat", "straatnaam", "street", "streetname", "huisnummer",
                "housenumber", "woonadres", "postadres", "huisnr"},
    "birth_date": {"geboortedatum", "birthdate", "dateofbirth", "dob", "birthday", "geboortedag",
                   "gebdatum"},
    "iban": {"iban", "rekeningnummer", "bankrekening", "bankrekeningnummer", "accountnumber",
             "bankaccount"},
    "bsn": {"bsn", "burgerservicenummer", "sofinummer", "sofi", "citizenservicenumber"},
}
# "name" next to one of these words names a thing, not a person ("product_name", "kanaal naam")
_THING_WORDS = {"product", "channel", "kanaal", "company", "bedrijf", "organisation", "organization",
                "organisatie", "file", "bestand", "segment", "persona", "brand", "merk", "project",
                "stage", "fase", "scale", "schaal", "item", "variable", "variabele", "city", "plaats",
                "woonplaats", "street", "straat", "campaign", "campagne"}


_WEAK_NAMES = {"name", "naam", "mail", "tel", "cell", "mobile", "gsm", "street", "straat", "dob"}


def _name_tokens(column: str) -> list[str]:
    spaced = re.sub(r"(?<=[a-z])(?=[A-Z])", " ", str(column))
    return [t for t in re.split(r"[^0-9a-zA-ZÀ-ÿ]+", spaced.lower()) if t]


def _kind_from_name(column: str) -> tuple[str, bool] | None:
    """(kind, strong): a strong name ("voornaam", "e-mail") flags even a column with few values."""
    tokens = _name_tokens(column)
    joined = "".join(tokens)
    words = set(tokens) | {joined}
    # adjacent pairs catch "e mail", "first name", "date of birth", "house number"
    words |= {a + b for a, b in zip(tokens, tokens[1:])}
    words |= {a + b + c for a, b, c in zip(tokens, tokens[1:], tokens[2:])}
    for kind in ("email", "bsn", "iban", "birth_date", "phone", "address", "full_name"):
        hits = words & _NAME_TOKENS[kind]
        if not hits:
            continue
        if kind == "full_name" and hits <= {"name", "naam"} and set(tokens) & _THING_WORDS:
            continue
        return kind, not hits <= _WEAK_NAMES
    return None


# ---------------------------------------------------------------- value patterns

_EMAIL = r"[A-Za-z0-9._%+'\-]+@[A-Za-z0-9\-]+(?:\.[A-Za-z0-9\-]+)*\.[A-Za-z]{2,}"
_EMAIL_FULL = re.compile(_EMAIL)
_EMAIL_IN_TEXT = re.compile(rf"(?<![\w.@]){_EMAIL}")
_PHONE_CHARS = re.compile(r"[\d\s\-./()+]+")
_PHONE_COMPACT = re.compile(r"(?:\+|00)[1-9]\d{7,13}|0[1-9]\d{8}")
_PHONE_IN_TEXT = re.compile(
    r"(?<![\w+])(?:(?:\+|00)31[\s\-]?(?:\(0\)[\s\-]?)?|0)"
    r"(?:6[\s\-]?(?:\d[\s\-]?){7}\d|[1-9]\d{1,2}[\s\-](?:\d[\s\-]?){5,6}\d)(?![\d])")
_POSTCODE_HOUSE = re.compile(
    r"[1-9]\d{3}\s?(?!(?:SA|SD|SS)\b)[A-Za-z]{2}[\s,]*\d{1,5}\s*[A-Za-z]?(?:\s*[-/]\s*[0-9A-Za-z]{1,4})?")
_STREET_SUFFIX = (r"straat|weg|laan|plein|gracht|kade|dijk|singel|hof|pad|steeg|markt|dreef|baan|"
                  r"ring|wal|burg|veld|haven|park|street|road|avenue|lane|drive|way|boulevard|square|"
                  r"st\.?|rd\.?|ave\.?")
_STREET_NUMBER = re.compile(rf"\b[A-Za-zÀ-ÿ'’.\-]*(?:{_STREET_SUFFIX})\s+\d{{1,5}}\s*[A-Za-z]?\b", re.IGNORECASE)
_IBAN = re.compile(r"[A-Z]{2}\d{2}[A-Z0-9]{10,30}")
_BSN = re.compile(r"\d{8,9}")
_NAME_WORD = r"[A-ZÀ-ÖØ-Þ][a-zà-öø-ÿ'’]+(?:-[A-ZÀ-ÖØ-Þ][a-zà-öø-ÿ'’]+)?"
_PARTICLE = r"(?:van|de|der|den|het|ter|ten|te|'t|von|vom|zu|du|da|di|del|della|la|le|el|al|bin|ben|op|in|'s|d')"
_FULL_NAME = re.compile(
    rf"(?:{_NAME_WORD}|(?:[A-Z]\.){{1,4}})(?:\s+(?:{_PARTICLE}\s+)*{_NAME_WORD}){{1,3}}")
_DATE_PATTERNS = (
    (re.compile(r"(\d{1,2})[-/.](\d{1,2})[-/.](\d{4})"), (0, 1, 2)),  # 31-12-1980 (d-m-y)
    (re.compile(r"(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})(?:[ T]00:00(?::00)?)?"), (2, 1, 0)),  # 1980-12-31
)


def _is_phone(value: str) -> bool:
    if not _PHONE_CHARS.fullmatch(value):
        return False
    return bool(_PHONE_COMPACT.fullmatch(re.sub(r"[\s\-./()]", "", value)))


def _iban_ok(value: str) -> bool:
    compact = re.sub(r"\s", "", value).upper()
    if not _IBAN.fullmatch(compact):
        return False
    moved = compact[4:] + compact[:4]
    digits = "".join(str(int(ch, 36)) for ch in moved)
    return int(digits) % 97 == 1


def _bsn_ok(value: str) -> bool:
    """The elfproef: 9*d1 + 8*d2 + ... + 2*d8 - 1*d9 is a multiple of 11 (and not all zeros)."""
    compact = re.sub(r"[\s.\-]", "", value)
    if not _BSN.fullmatch(compact):
        return False
    compact = compact.zfill(9)
    if compact == "000000000":
        return False
    total = sum(int(d) * w for d, w in zip(compact, (9, 8, 7, 6, 5, 4, 3, 2, -1)))
    return total % 11 == 0


def _birth_year(value: str) -> int | None:
    for pattern, (d, m, y) in _DATE_PATTERNS:
        match = pattern.fullmatch(value)
        if match:
            parts = match.groups()
            try:
                date = _dt.date(int(parts[y]), int(parts[m]), int(parts[d]))
            except ValueError:
                return None
            return date.year if 1900 <= date.year <= _dt.date.today().year else None
    return None


_FULL_CHECKS: dict[str, Callable[[str], bool]] = {
    "email": lambda v: bool(_EMAIL_FULL.fullmatch(v)),
    "phone": _is_phone,
    "iban": _iban_ok,
    "bsn": _bsn_ok,
    "postcode_house_number": lambda v: bool(_POSTCODE_HOUSE.fullmatch(v)),
    "address": lambda v: bool(_STREET_NUMBER.search(v)),
    "full_name": lambda v: bool(_FULL_NAME.fullmatch(v)),
    "birth_date": lambda v: _birth_year(v) is not None,
}
_IN_TEXT = {"email": _EMAIL_IN_TEXT, "phone": _PHONE_IN_TEXT}


# ---------------------------------------------------------------- masks

def _mask_word(word: str) -> str:
    alnum = [i for i, ch in enumerate(word) if ch.isalnum()]
    if len(alnum) <= 1:
        return re.sub(r"[0-9A-Za-zÀ-ÿ]", "*", word)
    first = alnum[0]
    return word[: first + 1] + re.sub(r"[0-9A-Za-zÀ-ÿ]", "*", word[first + 1:])


def mask_value(value: str, kind: str) -> str:
    """A masked example: enough to recognise the kind, never the full value."""
    value = str(value).strip()
    if kind == "email" and "@" in value:
        local, _, domain = value.rpartition("@")
        masked = f"{local[:1]}***@{domain}"
    elif kind in ("phone", "iban", "bsn"):
        compact = re.sub(r"[\s\-./()]", "", value)
        keep_head = {"phone": 3 if compact.startswith("+") else 2, "iban": 4, "bsn": 0}[kind]
        keep_tail = 2
        middle = max(len(compact) - keep_head - keep_tail, 1)
        masked = compact[:keep_head] + "*" * middle + compact[keep_head + middle:]
    elif kind == "birth_date":
        masked = re.sub(r"\d", "*", value)
        year = re.search(r"(?<!\d)(19|20)(\d)\d(?!\d)", value)
        if year:
            start = year.start()
            masked = masked[:start] + value[start:start + 3] + masked[start + 3:]
    else:  # names, addresses: first letter of each word
        masked = " ".join(_mask_word(w) for w in value.split())
    if masked == value or not masked:
        masked = "*" * max(len(value), 3)
    return masked


# ---------------------------------------------------------------- detection

@dataclass
class PersonalDataFlag:
    """One column that looks like personal data, with the evidence to show the user."""

    column: str
    kind: str
    share: float
    examples: list[str] = field(default_factory=list)
    reason: str = ""


def _as_text(values: pd.Series) -> list[str]:
    if pd.api.types.is_datetime64_any_dtype(values):
        return [v.strftime("%Y-%m-%d") for v in values]
    out = []
    for v in values:
        if isinstance(v, (float, np.floating)) and float(v).is_integer():
            out.append(str(int(v)))
        elif isinstance(v, (_dt.date, pd.Timestamp)):
            out.append(v.strftime("%Y-%m-%d"))
        else:
            out.append(str(v).strip())
    return [v for v in out if v]


def _percent(share: float) -> str:
    return f"{share * 100:.0f} %" if share >= 0.01 or share == 0 else "<1 %"


def _examples(values: Iterable[str], kind: str, n: int = 3) -> list[str]:
    seen: list[str] = []
    for v in values:
        masked = mask_value(v, kind)
        if masked not in seen:
            seen.append(masked)
        if len(seen) >= n:
            break
    return seen


def _looks_like_birth_dates(years: list[int], name_kind: str | None) -> bool:
    if name_kind == "birth_date":
        return True
    if not years:
        return False
    this_year = _dt.date.today().year
    adults = sum(1 for y in years if this_year - 100 <= y <= this_year - 12)
    return adults / len(years) >= 0.9 and len(set(years)) >= min(5, max(2, len(years) // 2))


def _flag_column(column: str, series: pd.Series, sample: int) -> PersonalDataFlag | None:
    name_hint = _kind_from_name(column)
    name_kind, strong_name = name_hint if name_hint else (None, False)
    values = series.dropna()
    if values.empty or pd.api.types.is_bool_dtype(values):
        return None
    if len(values) > sample:
        values = values.sample(n=sample, random_state=0)
    numeric = pd.api.types.is_numeric_dtype(values)
    if numeric:
        finite = values.astype(float)
        integral = bool(np.all(np.mod(finite, 1) == 0))
        if integral and finite.nunique() <= 11:
            return None  # Likert items and codes, whatever the column is called
    texts = _as_text(values)
    if not texts:
        return None
    n = len(texts)
    distinct = len(set(texts))
    categorical = distinct <= 20 and distinct / n < 0.5

    kinds = ("bsn", "phone") if numeric else ("email", "iban", "bsn", "phone", "postcode_house_number",
                                              "birth_date", "address", "full_name")
    shares: dict[str, float] = {}
    matched: dict[str, list[str]] = {}
    for kind in kinds:
        if kind == "full_name" and (categorical or distinct / n < 0.5):
            continue
        if kind == "phone" and numeric:  # a number column lost the leading 0: 612345678
            hits = [t for t in texts if re.fullmatch(r"6\d{8}", t)]
        else:
            hits = [t for t in texts if _FULL_CHECKS[kind](t)]
        shares[kind] = len(hits) / n
        matched[kind] = hits
    if "birth_date" in matched:
        years = [y for y in (_birth_year(t) for t in matched["birth_date"]) if y is not None]
        if not _looks_like_birth_dates(years, name_kind):
            shares["birth_date"] = 0.0
    candidates = [k for k in kinds if shares.get(k, 0.0) >= _THRESHOLD[k]]
    if candidates:
        kind = max(candidates, key=lambda k: (shares[k] >= 0.8 and k == "bsn", shares[k]))
        share = shares[kind]
        what = _DESCRIPTION[kind]
        if kind == "phone" and numeric:
            what = "mobile numbers that lost their leading 0"
        return PersonalDataFlag(column, kind, round(share, 4), _examples(matched[kind], kind),
                                f"{_percent(share)} of values look like {what}")
    if not numeric:
        for kind, pattern in _IN_TEXT.items():
            found = [m.group(0) for t in texts for m in [pattern.search(t)] if m]
            if found:
                share = len(found) / n
                return PersonalDataFlag(
                    column, kind, round(share, 4), _examples(found, kind),
                    f"{len(found)} value{'s' if len(found) != 1 else ''} ({_percent(share)}) "
                    f"contain{'s' if len(found) == 1 else ''} {_SINGULAR[kind]}")
    if name_kind is not None and (strong_name or not categorical):
        share = shares.get(name_kind, 0.0)
        return PersonalDataFlag(column, name_kind, round(share, 4), _examples(texts, name_kind),
                                f"the column name '{column}' suggests {_NAME_DESCRIPTION[name_kind]}")
    return None


def detect_personal_data(data: pd.DataFrame, *, sample: int = 2000) -> list[PersonalDataFlag]:
    """Flag columns that hold personal data, one flag per column, in column order.

    Up to `sample` non-empty values per column are checked (a fixed random sample, so the result
    is repeatable). `share` is the share of those values that match the flagged kind.
    """
    if sample < 1:
        raise ValueError(f"sample: expected a positive number of values, got {sample}")
    flags = []
    for column in data.columns:
        series = data[column]
        if isinstance(series, pd.DataFrame):  # duplicate column names: check each copy
            series = series.iloc[:, 0]
        flag = _flag_column(str(column), series, sample)
        if flag is not None:
            flags.append(flag)
    return flags


def drop_personal_data(data: pd.DataFrame, flags: Iterable[PersonalDataFlag],
                       keep: Iterable[str] = ()) -> pd.DataFrame:
    """A copy without the flagged columns, except those the user chose to keep."""
    keep_set = set(keep)
    flagged = {f.column for f in flags} - keep_set
    return data.drop(columns=[c for c in data.columns if str(c) in flagged]).copy()
