"""The persona set as JSON: write it, read it back with one-line errors, merge it into a set.

WHY a plain JSON list: it is what the Personas page downloads and what `python -m studio lint FILE`
already reads, so one file travels between the page, the CLI, a text editor and another project.
Reading accepts that list, or any object with a ``personas`` list (a ``*.studio.json`` project).

Merging is by persona ``id`` and per field: a field edited by hand carries a time stamp in the
persona's ``edited_at`` extra (:func:`personas.generate.mark_edited` sets it), and the newer edit
wins; a field nobody edited takes the file's value (importing is the newer act). Justified lint
findings are united, never dropped, so a decision made in one copy survives the merge; the
picture is a field like any other, so a photo chosen in the app is not undone by an older file.
"""
from __future__ import annotations

import json
from collections.abc import Sequence
from typing import Any

from pydantic import ValidationError

from .model import Persona

MAX_BYTES = 20 * 1024 * 1024  # a set of 8 personas with 2 MB photos fits; a runaway file does not
MAX_PERSONAS = 500
_SKIP = ("id", "justified", "edited", "edited_at")
_TYPES = {"string_type": "text", "float_type": "a number", "float_parsing": "a number", "int_type": "a whole number",
          "int_parsing": "a whole number", "list_type": "a list", "dict_type": "an object",
          "model_type": "an object", "literal_error": "one of the allowed values", "bool_type": "true or false"}


class PersonaFileError(ValueError):
    """A persona set file that cannot be read; the message is one line naming where and what."""


def personas_to_json(personas: Sequence[Persona | dict]) -> str:
    """The persona set file (UTF-8 JSON list, every field, indented): what the page downloads."""
    rows = [(p if isinstance(p, Persona) else Persona.model_validate(p)).model_dump(mode="json") for p in personas]
    return json.dumps(rows, ensure_ascii=False, indent=2)


def _kind(value: Any) -> str:
    return {dict: "an object", list: "a list", str: "text", bool: "true/false", type(None): "null"}.get(
        type(value), "a number" if isinstance(value, (int, float)) else type(value).__name__)


def _where(index: int, loc: tuple) -> str:
    out = f"personas[{index}]"
    for part in loc:
        out += f"[{part}]" if isinstance(part, int) else f".{part}"
    return out


def _one_line(index: int, error: ValidationError) -> str:
    first = error.errors(include_url=False)[0]
    loc = tuple(p for p in first.get("loc", ()) if p not in ("str", "dict", "list[str]"))
    where = _where(index, loc)
    if first.get("type") == "missing":
        return f"{where}: missing (expected {'the persona' + chr(39) + 's name as text' if loc == ('name',) else 'a value'})"
    expected = _TYPES.get(first.get("type", ""), first.get("msg", "a valid value").lower())
    if first.get("type") == "literal_error" and (first.get("ctx") or {}).get("expected"):
        expected = f"one of {first['ctx']['expected']}"
    got = first.get("input")
    shown = repr(got)[:40] if isinstance(got, (str, int, float)) else _kind(got)
    return f"{where}: expected {expected}, got {shown}"


def read_personas_json(data: bytes | str, *, max_bytes: int = MAX_BYTES) -> list[Persona]:
    """Personas from a persona set file (or a project file); :class:`PersonaFileError` on bad input.

    The caller prefixes the file name. Checks, in order: size, UTF-8, JSON, shape, each persona
    (first problem, with its index and field), unique ids."""
    raw = data.encode("utf-8") if isinstance(data, str) else bytes(data)
    if len(raw) > max_bytes:
        raise PersonaFileError(f"{len(raw) / 2**20:.1f} MB, larger than the {max_bytes / 2**20:.0f} MB limit "
                               "for a persona set")
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        raise PersonaFileError(f"not UTF-8 text (byte {error.start})") from None

    def no_constant(name: str) -> Any:
        raise ValueError(f"{name} is not a JSON number")

    try:
        doc = json.loads(text, parse_constant=no_constant)
    except json.JSONDecodeError as error:
        raise PersonaFileError(f"not JSON (line {error.lineno}, column {error.colno}: {error.msg})") from None
    except ValueError as error:
        raise PersonaFileError(f"not JSON ({error})") from None
    except RecursionError:
        raise PersonaFileError("not JSON this studio reads (nested too deeply)") from None
    rows = doc.get("personas") if isinstance(doc, dict) else doc
    if not isinstance(rows, list):
        what = "an object without a 'personas' list" if isinstance(doc, dict) else _kind(doc)
        raise PersonaFileError(f"expected a JSON list of personas (or an object with a 'personas' list), got {what}")
    if len(rows) > MAX_PERSONAS:
        raise PersonaFileError(f"{len(rows)} personas, more than the {MAX_PERSONAS} a set may hold")
    out: list[Persona] = []
    seen: dict[str, int] = {}
    for i, row in enumerate(rows):
        if not isinstance(row, dict):
            raise PersonaFileError(f"personas[{i}]: expected an object, got {_kind(row)}")
        try:
            persona = Persona.model_validate(row)
        except ValidationError as error:
            raise PersonaFileError(_one_line(i, error)) from None
        if not persona.name.strip():
            raise PersonaFileError(f"personas[{i}].name: empty (expected the persona's name as text)")
        stamps = (persona.model_extra or {}).get("edited_at")
        if stamps is not None and not (isinstance(stamps, dict) and all(isinstance(v, str) for v in stamps.values())):
            raise PersonaFileError(f"personas[{i}].edited_at: expected an object of field: time stamp text")
        if persona.id in seen:
            raise PersonaFileError(f"personas[{i}].id: {persona.id!r} is also personas[{seen[persona.id]}] "
                                   "(expected unique ids)")
        seen[persona.id] = i
        out.append(persona)
    return out


def _stamps(p: Persona) -> dict[str, str]:
    return dict((p.model_extra or {}).get("edited_at") or {})


def _fields(p: Persona) -> dict[str, Any]:
    return {k: v for k, v in p.model_dump(mode="json").items() if k not in _SKIP}


def merge_imported(current: Sequence[Persona], incoming: Sequence[Persona]) -> tuple[list[Persona], list[dict]]:
    """``current`` with ``incoming`` merged in by id (see the module docstring for the rule).

    Returns the merged set (current order, new personas at the end) and what happened:
    ``{persona, change: "added"|"updated"|"kept"|"unchanged", fields: {field: "file"|"project"}}``
    where ``fields`` lists each differing field and whose value was kept."""
    by_id = {p.id: i for i, p in enumerate(current)}
    merged = [p.model_copy(deep=True) for p in current]
    report: list[dict] = []
    touched: set[str] = set()
    for new in incoming:
        if new.id not in by_id:
            merged.append(new.model_copy(deep=True))
            report.append({"persona": new.id, "change": "added", "fields": {}})
            continue
        touched.add(new.id)
        old = merged[by_id[new.id]]
        a, b = _fields(old), _fields(new)
        ta, tb = _stamps(old), _stamps(new)
        data = dict(a)
        fields: dict[str, str] = {}
        for key in dict.fromkeys([*a, *b]):
            if a.get(key) == b.get(key):
                continue
            if key not in b:  # an extra only the project has (e.g. stale): keep it
                fields[key] = "project"
            elif (tb.get(key) or "") >= (ta.get(key) or ""):
                data[key] = b[key]
                fields[key] = "file"
            else:
                fields[key] = "project"
        justified = [j.model_dump(mode="json") for j in old.justified]
        keys = {(j["code"], j.get("field"), j.get("span")) for j in justified}
        for j in new.justified:
            if (j.code, j.field, j.span) not in keys:
                justified.append(j.model_dump(mode="json"))
        extra: dict[str, Any] = {}
        if "edited" in (old.model_extra or {}) or "edited" in (new.model_extra or {}):
            extra["edited"] = list(dict.fromkeys([*((old.model_extra or {}).get("edited") or []),
                                                  *((new.model_extra or {}).get("edited") or [])]))
        if ta or tb:
            extra["edited_at"] = {k: max(ta.get(k, ""), tb.get(k, "")) for k in dict.fromkeys([*ta, *tb])}
        merged[by_id[new.id]] = Persona.model_validate({**data, "id": old.id, "justified": justified, **extra})
        changed = bool(fields) or len(justified) > len(old.justified)
        report.append({"persona": new.id, "change": "updated" if changed else "unchanged", "fields": fields})
    report += [{"persona": p.id, "change": "kept", "fields": {}} for p in current if p.id not in touched
               and p.id not in {r["persona"] for r in report}]
    return merged, report
