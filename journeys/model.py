"""The journey model: pydantic classes mirroring the journey JSON of DESIGN.md section 4.

Why pydantic: a journey comes from users (files, the editor, other formats), so every field is
validated once, here, and a bad file is refused with ONE line naming the JSON path of the bad field
(``nodes[3].kind: expected one of start, step, ..., got 'decison'``). Cross-field problems that
would silently break the checks (an edge to a node that does not exist, a duplicate node id, a rule
row naming an input the table does not declare) are refused the same way.

Nodes and the journey itself keep unknown keys (``label_nl``, a test corpus' ``expect``...), so
nothing a user wrote is lost on a round trip; edges, rule tables and justifications are strict,
because a typo there (``"defualt": true``) would change what the checks say.
"""
from __future__ import annotations

import json
import math
import os
from pathlib import Path
from typing import Any, Literal

import networkx as nx
from pydantic import (BaseModel, ConfigDict, Field, ValidationError, field_validator,
                      model_validator)

NODE_KINDS = ("start", "step", "touchpoint", "decision", "escalation", "aftercare", "end")
BASES = ("need", "behaviour", "context", "relationship", "protected", "proxy")
HIT_POLICIES = ("unique", "first", "priority", "any", "collect")
TEST_QUESTIONS = ("in_favour", "relevant", "opt_out", "open_to_all")

NodeKind = Literal["start", "step", "touchpoint", "decision", "escalation", "aftercare", "end"]
Basis = Literal["need", "behaviour", "context", "relationship", "protected", "proxy"]
HitPolicy = Literal["unique", "first", "priority", "any", "collect"]


class FieldError(ValueError):
    """A validation error that knows the JSON path (relative to the model raising it)."""

    def __init__(self, path: str, text: str):
        super().__init__(f"{path}: {text}" if path else text)
        self.path = path
        self.text = text


def _blank_to_none(value: Any) -> Any:
    """Empty strings mean "not set": CSV and forms cannot tell "" from missing."""
    if isinstance(value, str) and not value.strip():
        return None
    return value


class Node(BaseModel):
    """One step of a journey. Unknown keys (e.g. ``label_nl``) are kept as they are."""

    model_config = ConfigDict(extra="allow", coerce_numbers_to_str=True)

    id: str = Field(min_length=1)
    label: str = Field(min_length=1)
    kind: NodeKind
    stage: str | None = None
    lane: str | None = None
    channel: str | None = None
    discretion: bool = False
    emotion: dict[str, float] = {}
    who_decides: str | None = None
    notes: str | None = None

    _blank = field_validator("stage", "lane", "channel", "who_decides", "notes",
                             mode="before")(_blank_to_none)

    @field_validator("emotion")
    @classmethod
    def _finite(cls, value: dict[str, float]) -> dict[str, float]:
        for persona, score in value.items():
            if not math.isfinite(score):
                raise FieldError(persona, f"expected a finite number, got {score!r}")
        return value

    def extras(self) -> dict[str, Any]:
        """The unknown keys the user added (kept on every round trip)."""
        return dict(self.model_extra or {})


class Edge(BaseModel):
    """A directed move from one node to the next, optionally only for some personas."""

    model_config = ConfigDict(extra="forbid", coerce_numbers_to_str=True)

    source: str = Field(min_length=1)
    target: str = Field(min_length=1)
    personas: list[str] = []
    default: bool = False
    condition: str | None = None
    label: str | None = None

    _blank = field_validator("condition", "label", mode="before")(_blank_to_none)


class RuleInput(BaseModel):
    """An input column of a decision table.

    ``values`` gives a finite domain; ``ranges`` a numeric domain as ``[lo, hi)`` pairs (``null``
    for an open end); with neither, the domain is inferred from the rows (numbers compared in rows:
    the whole number line; otherwise the values the rows name plus "any other value").
    ``integer`` (extension) says a numeric input only takes whole numbers.
    """

    model_config = ConfigDict(extra="forbid")

    name: str = Field(min_length=1)
    basis: Basis | None = None
    values: list[Any] | None = None
    ranges: list[list[float | None]] | None = None
    integer: bool = False

    @field_validator("ranges")
    @classmethod
    def _ranges(cls, value: list[list[float | None]] | None) -> list[list[float | None]] | None:
        if value is None:
            return None
        for i, pair in enumerate(value):
            if len(pair) != 2:
                raise FieldError(f"[{i}]", f"expected a pair [lo, hi), got {pair!r}")
            lo, hi = pair
            if any(v is not None and not math.isfinite(v) for v in pair):
                raise FieldError(f"[{i}]", "use null for an open end, not infinity")
            if lo is not None and hi is not None and not lo < hi:
                raise FieldError(f"[{i}]", f"expected lo < hi, got {pair!r}")
        return value

    @field_validator("values")
    @classmethod
    def _values(cls, value: list[Any] | None) -> list[Any] | None:
        if value is None:
            return None
        if not value:
            raise FieldError("", "expected at least one value (or leave values out)")
        seen: list[Any] = []
        for i, v in enumerate(value):
            if isinstance(v, (dict, list)) or v is None:
                raise FieldError(f"[{i}]", f"expected a text, number or true/false, got {v!r}")
            if any(_same(v, s) for s in seen):
                raise FieldError(f"[{i}]", f"duplicate value {v!r}")
            seen.append(v)
        return value


def _same(a: Any, b: Any) -> bool:
    """Equality that keeps true apart from 1 (JSON users mean different things by them)."""
    if isinstance(a, bool) != isinstance(b, bool):
        return False
    return a == b


class RuleRow(BaseModel):
    """One row of rules of play: conditions (``when``), outcome (``then``), reason (``why``) and
    the answers to the differentiation test (``in_favour``, ``relevant``, ``opt_out``,
    ``open_to_all``: true, false or null for not answered)."""

    model_config = ConfigDict(extra="forbid")

    when: dict[str, Any] = {}
    then: str
    why: str | None = None
    test: dict[str, bool | None] | None = None

    _blank = field_validator("why", mode="before")(_blank_to_none)

    @field_validator("test")
    @classmethod
    def _test_keys(cls, value: dict[str, bool | None] | None) -> dict[str, bool | None] | None:
        for key in value or {}:
            if key not in TEST_QUESTIONS:
                raise FieldError(key, "unknown question, expected one of "
                                 + ", ".join(TEST_QUESTIONS))
        return value


class DecisionTable(BaseModel):
    """Rules of play for one decision point, with a DMN hit policy."""

    model_config = ConfigDict(extra="forbid")

    hit_policy: HitPolicy = "unique"
    inputs: list[RuleInput] = []
    rows: list[RuleRow]
    priorities: list[str] | None = None

    @model_validator(mode="after")
    def _consistent(self) -> "DecisionTable":
        # Imported here: rules.py builds on this module.
        from journeys.rules import validate_table
        validate_table(self)
        return self


class Justification(BaseModel):
    """Why a finding is accepted (it stays visible, marked justified)."""

    model_config = ConfigDict(extra="forbid", coerce_numbers_to_str=True)

    code: str = Field(min_length=1)
    node: str = Field(min_length=1)
    reason: str = Field(min_length=1)
    by: str | None = None
    at: str | None = None


class Journey(BaseModel):
    """A journey: a directed graph of nodes and edges, with rules of play per decision point."""

    model_config = ConfigDict(extra="allow")

    name: str
    stages: list[str] = []
    lanes: list[str] = []
    nodes: list[Node]
    edges: list[Edge] = []
    rules: dict[str, DecisionTable] = {}
    justified: list[Justification] = []
    personas: list[str] = []

    @model_validator(mode="after")
    def _graph_consistent(self) -> "Journey":
        _check_graph(self)
        return self

    def node(self, node_id: str) -> Node:
        """The node with this id (KeyError if none: callers pass ids from the journey)."""
        for n in self.nodes:
            if n.id == node_id:
                return n
        raise KeyError(node_id)


def _check_graph(j: Journey) -> None:
    """Refuse what would make the checks silently wrong; the first problem wins."""
    ids: dict[str, int] = {}
    for i, n in enumerate(j.nodes):
        if n.id in ids:
            raise FieldError(f"nodes[{i}].id", f"duplicate node id {n.id!r} "
                             f"(also nodes[{ids[n.id]}])")
        ids[n.id] = i
        if j.stages and n.stage is not None and n.stage not in j.stages:
            raise FieldError(f"nodes[{i}].stage", f"no stage {n.stage!r} (stages: "
                             + ", ".join(j.stages) + ")")
        if j.lanes and n.lane is not None and n.lane not in j.lanes:
            raise FieldError(f"nodes[{i}].lane", f"no lane {n.lane!r} (lanes: "
                             + ", ".join(j.lanes) + ")")
    for name, seq in (("stages", j.stages), ("lanes", j.lanes), ("personas", j.personas)):
        dup = _first_duplicate(seq)
        if dup is not None:
            raise FieldError(f"{name}[{dup}]", f"duplicate {seq[dup]!r}")
    pairs: dict[tuple[str, str], int] = {}
    for i, e in enumerate(j.edges):
        for end in ("source", "target"):
            if getattr(e, end) not in ids:
                raise FieldError(f"edges[{i}].{end}", f"no node {getattr(e, end)!r}")
        key = (e.source, e.target)
        if key in pairs:
            raise FieldError(f"edges[{i}]", f"duplicate edge {e.source} -> {e.target} (also "
                             f"edges[{pairs[key]}]; merge their personas)")
        pairs[key] = i
        if j.personas:
            for k, p in enumerate(e.personas):
                if p not in j.personas:
                    raise FieldError(f"edges[{i}].personas[{k}]", f"no persona {p!r} "
                                     "(personas: " + ", ".join(j.personas) + ")")
    for key in j.rules:
        if key not in ids:
            raise FieldError(f"rules.{key}", f"no node {key!r}")
    for i, just in enumerate(j.justified):
        if just.node not in ids:
            raise FieldError(f"justified[{i}].node", f"no node {just.node!r}")


def _first_duplicate(seq: list[str]) -> int | None:
    seen: set[str] = set()
    for i, item in enumerate(seq):
        if item in seen:
            return i
        seen.add(item)
    return None


# --------------------------------------------------------------------------------------------
# Loading

def format_loc(loc: tuple[Any, ...]) -> str:
    """('nodes', 3, 'kind') -> 'nodes[3].kind'."""
    out = ""
    for part in loc:
        if isinstance(part, int):
            out += f"[{part}]"
        elif part:
            out += ("." if out else "") + str(part)
    return out


def validation_message(exc: ValidationError) -> str:
    """One line for the first error of a pydantic ValidationError: JSON path and what was wrong."""
    err = exc.errors(include_url=False)[0]
    loc = format_loc(tuple(p for p in err["loc"] if not _is_tag(p)))
    typ = err["type"]
    got = err.get("input")
    cause = (err.get("ctx") or {}).get("error")
    if isinstance(cause, FieldError):
        path = loc
        if cause.path:
            path = loc + ("" if cause.path.startswith("[") or not loc else ".") + cause.path
        return f"{path}: {cause.text}" if path else cause.text
    if typ == "literal_error":
        expected = str(err["ctx"]["expected"]).replace("'", "").replace(" or ", ", ")
        text = f"expected one of {expected}, got {got!r}"
    elif typ == "missing":
        text = "missing (required)"
    elif typ == "extra_forbidden":
        text = "unknown field"
    elif typ in ("value_error", "assertion_error"):
        text = err["msg"].removeprefix("Value error, ").removeprefix("Assertion failed, ")
    else:
        text = f"{err['msg'][0].lower()}{err['msg'][1:]}, got {_short(got)}"
    return f"{loc}: {text}" if loc else text


def _is_tag(part: Any) -> bool:
    # pydantic puts union member tags like 'float' or 'none' in loc for `float | None`.
    return part in ("float", "none", "bool", "function-after[_finite(), dict[str,float]]")


def _short(value: Any) -> str:
    text = repr(value)
    return text if len(text) <= 60 else text[:57] + "..."


def _reject_constant(name: str) -> float:
    raise ValueError(f"{name} is not allowed in a journey file")


def load_journey(source: str | os.PathLike[str] | bytes | dict[str, Any],
                 filename: str | None = None) -> Journey:
    """Load a journey from a path, JSON text or a dict; ValueError with one line on bad input.

    The message starts with the file name when one is known (the path, or ``filename``)."""
    prefix = f"{filename}: " if filename else ""
    data: Any
    if isinstance(source, dict):
        data = source
    else:
        if isinstance(source, bytes):
            text = source.decode("utf-8-sig", errors="replace")
        elif isinstance(source, str) and source.lstrip().startswith(("{", "[")):
            text = source
        else:
            path = Path(source)
            prefix = f"{filename or source}: "
            try:
                text = path.read_text(encoding="utf-8-sig")
            except (OSError, UnicodeDecodeError) as exc:
                raise ValueError(f"{prefix}cannot read file ({exc.__class__.__name__}: "
                                 f"{getattr(exc, 'strerror', None) or exc})") from None
        try:
            data = json.loads(text, parse_constant=_reject_constant)
        except json.JSONDecodeError as exc:
            raise ValueError(f"{prefix}line {exc.lineno}, column {exc.colno}: invalid JSON "
                             f"({exc.msg})") from None
        except ValueError as exc:
            raise ValueError(f"{prefix}{exc}") from None
    if not isinstance(data, dict):
        raise ValueError(f"{prefix}expected a JSON object at the top level, "
                         f"got {type(data).__name__}")
    try:
        return Journey.model_validate(data)
    except ValidationError as exc:
        raise ValueError(prefix + validation_message(exc)) from None


def to_networkx(journey: Journey) -> nx.DiGraph:
    """The journey as a networkx DiGraph: node attributes are the node fields (extras included),
    edge attributes the edge fields; graph attributes hold name, stages, lanes, personas."""
    g = nx.DiGraph(name=journey.name, stages=list(journey.stages), lanes=list(journey.lanes),
                   personas=list(journey.personas))
    for n in journey.nodes:
        attrs = n.model_dump()
        attrs.pop("id")
        g.add_node(n.id, **attrs)
    for e in journey.edges:
        attrs = e.model_dump()
        g.add_edge(attrs.pop("source"), attrs.pop("target"), **attrs)
    return g
