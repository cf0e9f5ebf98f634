"""Noise-audit sessions without storage: the cases file and what counts as a valid vote.

A session is a set of written cases (vignettes), each judged by every participant. A case either
offers fixed answers (a decision point's outcomes: ``answers: [evict, mediate]``) or asks for a
number on a scale (an amount, a number of days, a 1-7 score: ``scale: {min, max}``). The same
checks run for the API, the vote page and the CLI, so a phone can never store an answer the
statistics would later choke on. Messages are one line naming the field, as the API returns them.
"""
from __future__ import annotations

import json
import math
import re
from typing import Any

import yaml

from segmentation.codebook import safe_yaml_load  # the one YAML loader with an alias limit

__all__ = ["BASES", "CasesError", "parse_cases", "validate_cases", "validate_vote", "VoteError"]

# What decided it for you (the DOMAIN.md bases of a frontline decision), in display order.
BASES = ("policy", "fairness", "situation", "colleague", "other")
MAX_CASES = 100
MAX_TEXT = 4000
MAX_REASON = 1000
_ID = re.compile(r"^[A-Za-z0-9_.:-]{1,64}$")
_CASE_KEYS = {"id", "text", "answers", "scale", "decision_point", "journey", "title"}


class CasesError(ValueError):
    """A cases file that cannot become a session; the message names the case and field."""


class VoteError(ValueError):
    """A vote the session cannot accept; ``field`` names the offending field (for HTTP 422)."""

    def __init__(self, field: str, message: str):
        self.field = field
        super().__init__(f"{field}: {message}")


def _number(x: Any) -> float | None:
    if isinstance(x, bool):
        return None
    if isinstance(x, (int, float)) and math.isfinite(x):
        return float(x)
    if isinstance(x, str):
        try:
            value = float(x.strip().replace(",", "."))
        except ValueError:
            return None
        return value if math.isfinite(value) else None
    return None


def _plain(x: float) -> int | float:
    return int(x) if float(x).is_integer() else float(x)


def _case(raw: Any, i: int, seen: set[str]) -> dict[str, Any]:
    where = f"case {i + 1}"
    if not isinstance(raw, dict):
        raise CasesError(f"{where}: expected a mapping with id, text and answers or scale, got {type(raw).__name__}")
    unknown = sorted(set(map(str, raw)) - _CASE_KEYS)
    if unknown:
        raise CasesError(f"{where}, field {unknown[0]!r}: unknown field (expected {', '.join(sorted(_CASE_KEYS))})")
    case_id = str(raw.get("id", "")).strip()
    if not _ID.match(case_id):
        raise CasesError(f"{where}, field 'id': expected 1-64 letters, digits or _.:- , got {raw.get('id')!r}")
    where = f"case {case_id!r}"
    if case_id in seen:
        raise CasesError(f"{where}, field 'id': appears twice")
    seen.add(case_id)
    text = raw.get("text")
    if not isinstance(text, str) or not text.strip():
        raise CasesError(f"{where}, field 'text': expected the written case, got {text!r}")
    if len(text) > MAX_TEXT:
        raise CasesError(f"{where}, field 'text': expected at most {MAX_TEXT} characters, got {len(text)}")
    case: dict[str, Any] = {"id": case_id, "text": text.strip()}
    if "answers" in raw and "scale" in raw:
        raise CasesError(f"{where}: expected either 'answers' or 'scale', not both")
    if "answers" in raw:
        answers = raw["answers"]
        if not isinstance(answers, list) or len(answers) < 2:
            raise CasesError(f"{where}, field 'answers': expected a list of at least 2 answers, got {answers!r}")
        labels = []
        for a in answers:
            if a is None or isinstance(a, (dict, list)) or not str(a).strip():
                raise CasesError(f"{where}, field 'answers': expected plain answer labels, got {a!r}")
            # YAML 1.1 reads a bare yes/no as a boolean; the author meant the words.
            labels.append({True: "yes", False: "no"}[a] if isinstance(a, bool) else str(a).strip())
        if len(set(labels)) != len(labels):
            raise CasesError(f"{where}, field 'answers': an answer appears twice")
        case["answers"] = labels
    elif "scale" in raw:
        scale = raw["scale"]
        if not isinstance(scale, dict):
            raise CasesError(f"{where}, field 'scale': expected {{min, max}}, got {scale!r}")
        lo, hi = _number(scale.get("min")), _number(scale.get("max"))
        if lo is None or hi is None or lo >= hi:
            raise CasesError(f"{where}, field 'scale': expected numbers min < max, got {scale!r}")
        case["scale"] = {"min": _plain(lo), "max": _plain(hi)}
    else:
        raise CasesError(f"{where}: expected 'answers' (a list) or 'scale' ({{min, max}})")
    for key in ("decision_point", "journey", "title"):
        if raw.get(key) not in (None, ""):
            case[key] = str(raw[key]).strip()
    return case


def validate_cases(data: Any) -> list[dict[str, Any]]:
    """Check parsed cases (a list, or a mapping with ``cases``) and return them normalised."""
    if isinstance(data, dict) and "cases" in data:
        data = data["cases"]
    if not isinstance(data, list) or not data:
        raise CasesError("expected a non-empty list of cases ({id, text, answers} or {id, text, scale})")
    if len(data) > MAX_CASES:
        raise CasesError(f"expected at most {MAX_CASES} cases, got {len(data)}")
    seen: set[str] = set()
    return [_case(raw, i, seen) for i, raw in enumerate(data)]


def parse_cases(content: str | bytes, filename: str | None = None) -> list[dict[str, Any]]:
    """Read a cases file (YAML or JSON text). JSON is tried first for clearer messages on .json files."""
    if isinstance(content, bytes):
        try:
            content = content.decode("utf-8-sig")
        except UnicodeDecodeError:
            raise CasesError("expected UTF-8 text") from None
    try:
        if (filename or "").lower().endswith(".json"):
            data = json.loads(content)
        else:
            data = safe_yaml_load(content, "cases")
    except (json.JSONDecodeError, yaml.YAMLError) as error:
        first = str(error).splitlines()[0] if str(error) else type(error).__name__
        raise CasesError(f"not valid {'JSON' if (filename or '').lower().endswith('.json') else 'YAML/JSON'}: "
                         f"{first}") from None
    return validate_cases(data)


def _text(vote: dict[str, Any], field: str, limit: int, required: bool) -> str | None:
    value = vote.get(field)
    if value is None or (isinstance(value, str) and not value.strip()):
        if required:
            raise VoteError(field, "required")
        return None
    if not isinstance(value, (str, int)) or isinstance(value, bool):
        raise VoteError(field, f"expected text, got {type(value).__name__}")
    value = str(value).strip()
    if len(value) > limit:
        raise VoteError(field, f"expected at most {limit} characters, got {len(value)}")
    return value


def validate_vote(vote: Any, cases: list[dict[str, Any]]) -> dict[str, Any]:
    """Check one vote against the session's cases; returns {vote_id, participant, case, value, basis, reason}.

    ``value`` comes back as text: an answer label exactly as the case spells it, or the number in
    plain form ("3", "2.5"), which is what the store keeps and the statistics read back.
    """
    if not isinstance(vote, dict):
        raise VoteError("body", "expected a JSON object")
    vote_id = _text(vote, "vote_id", 64, True)
    if not _ID.match(vote_id):
        raise VoteError("vote_id", "expected 1-64 letters, digits or _.:-")
    participant = _text(vote, "participant", 64, True)
    case_id = _text(vote, "case", 64, True)
    case = next((c for c in cases if c["id"] == case_id), None)
    if case is None:
        raise VoteError("case", f"no case {case_id!r} in this session")
    raw = vote.get("value")
    if "answers" in case:
        label = None if raw is None or isinstance(raw, (dict, list)) else str(raw).strip()
        if label not in case["answers"]:
            raise VoteError("value", f"expected one of {', '.join(case['answers'])}, got {raw!r}")
        value = label
    else:
        number = _number(raw)
        lo, hi = case["scale"]["min"], case["scale"]["max"]
        if number is None or not lo <= number <= hi:
            raise VoteError("value", f"expected a number from {lo} to {hi}, got {raw!r}")
        value = str(_plain(number))
    basis = _text(vote, "basis", 40, False)
    if basis is not None and basis not in BASES:
        raise VoteError("basis", f"expected one of {', '.join(BASES)}, got {basis!r}")
    reason = _text(vote, "reason", MAX_REASON, False)
    return {"vote_id": vote_id, "participant": participant, "case": case_id, "value": value,
            "basis": basis, "reason": reason}
