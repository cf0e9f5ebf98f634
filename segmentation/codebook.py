"""The codebook: which survey columns form which scale, which are reversed, which are demographics.

The format is fixed in DESIGN.md section 4 (YAML or JSON). Only `scales` is required. Demographic
columns are profiled and checked but never used to form segments, which is why the codebook keeps
them apart from the behaviour and context items in `categorical`.
"""
from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import yaml
from pydantic import BaseModel, ConfigDict, Field, ValidationError, model_validator


class Scale(BaseModel):
    """A scale scored as the mean of its (reversed where needed) items."""

    model_config = ConfigDict(extra="allow")

    items: list[str] = Field(min_length=1)
    reverse: list[str] = []
    min: float = 1
    max: float = 5
    label: dict[str, str] = {}

    @model_validator(mode="after")
    def _check(self) -> "Scale":
        unknown = [item for item in self.reverse if item not in self.items]
        if unknown:
            raise ValueError(f"reverse item {unknown[0]!r} is not one of the scale's items {self.items}")
        if len(set(self.items)) != len(self.items):
            dup = next(i for i in self.items if self.items.count(i) > 1)
            raise ValueError(f"item {dup!r} is listed twice")
        if not self.min < self.max:
            raise ValueError(f"min ({self.min}) must be below max ({self.max})")
        return self

    def title(self, lang: str = "en", default: str = "") -> str:
        return self.label.get(lang) or self.label.get("en") or self.label.get("nl") or default


class Codebook(BaseModel):
    """Maps survey columns to scales, categorical behaviour/context items and demographics."""

    model_config = ConfigDict(extra="allow")

    id: str | None = None
    scales: dict[str, Scale]
    categorical: list[str] = []
    demographics: list[str] = []
    missing: list[Any] = []

    @model_validator(mode="after")
    def _check(self) -> "Codebook":
        seen: dict[str, str] = {}
        for name, scale in self.scales.items():
            for item in scale.items:
                if item in seen:
                    raise ValueError(f"item {item!r} is in scale {seen[item]!r} and in scale {name!r}")
                seen[item] = name
        for col in self.demographics:
            if col in seen:
                raise ValueError(f"demographic column {col!r} is also an item of scale {seen[col]!r}")
        return self

    @property
    def scale_items(self) -> list[str]:
        """All scale items, in scale order (`items` is left free for the optional item wording key)."""
        return [item for scale in self.scales.values() for item in scale.items]

    def columns(self) -> list[str]:
        """Every column the codebook refers to (id first)."""
        cols = ([self.id] if self.id else []) + self.scale_items + self.categorical + self.demographics
        return list(dict.fromkeys(cols))

    def missing_in(self, columns: list[str]) -> list[str]:
        """Columns the codebook names that the survey does not have."""
        present = set(columns)
        return [c for c in self.columns() if c not in present]

    def to_dict(self) -> dict:
        return self.model_dump(mode="json", exclude_defaults=False)


def _one_line(error: ValidationError) -> str:
    first = error.errors()[0]
    where = ".".join(str(p) for p in first["loc"]) or "(top level)"
    msg = first["msg"].removeprefix("Value error, ")
    return f"{where}: {msg}"


MAX_YAML_ALIASES = 100


def safe_yaml_load(text: str, source: str = "file") -> Any:
    """yaml.safe_load that refuses alias bombs ("billion laughs") before building anything.

    safe_load never runs code, but a few nested aliases expand into billions of nodes once the
    result is walked or serialised; counting alias events first keeps that out.
    """
    aliases = 0
    for event in yaml.parse(text, Loader=yaml.SafeLoader):
        if isinstance(event, yaml.AliasEvent):
            aliases += 1
            if aliases > MAX_YAML_ALIASES:
                raise ValueError(f"{source}: more than {MAX_YAML_ALIASES} YAML aliases (refused as unsafe)")
    return yaml.safe_load(text)


def parse_codebook(data: Any, source: str = "codebook") -> Codebook:
    """Validate a codebook given as a dict; raise ValueError with one line naming the field."""
    if not isinstance(data, dict):
        raise ValueError(f"{source}: expected a mapping with at least 'scales', got {type(data).__name__}")
    if "scales" not in data:
        raise ValueError(f"{source}: missing key 'scales' (expected scales: {{name: {{items: [...]}}}})")
    try:
        return Codebook.model_validate(data)
    except ValidationError as error:
        raise ValueError(f"{source}: {_one_line(error)}") from None


def load_codebook(path: str | Path | None = None, *, text: str | None = None, source: str | None = None) -> Codebook:
    """Read a YAML or JSON codebook (JSON is valid YAML, but JSON errors read better from json)."""
    if text is None:
        if path is None:
            raise ValueError("load_codebook needs a path or text")
        p = Path(path)
        source = source or p.name
        try:
            raw = p.read_bytes()
        except OSError as error:
            raise ValueError(f"{source}: cannot read the file ({error.strerror})") from None
        if len(raw) > 5_000_000:
            raise ValueError(f"{source}: a codebook of {len(raw) / 1e6:.1f} MB is too large (limit 5 MB)")
        try:
            text = raw.decode("utf-8-sig")
        except UnicodeDecodeError:
            raise ValueError(f"{source}: not a UTF-8 text file (expected YAML or JSON)") from None
    source = source or "codebook"
    stripped = text.lstrip()
    try:
        if stripped.startswith("{"):
            data = json.loads(text)
        else:
            data = safe_yaml_load(text, source)
    except json.JSONDecodeError as error:
        raise ValueError(f"{source}: line {error.lineno}, column {error.colno}: invalid JSON ({error.msg})") from None
    except yaml.YAMLError as error:
        mark = getattr(error, "problem_mark", None)
        where = f"line {mark.line + 1}, column {mark.column + 1}: " if mark else ""
        problem = getattr(error, "problem", None) or "invalid YAML"
        raise ValueError(f"{source}: {where}{problem}") from None
    return parse_codebook(data, source)


def dump_codebook(codebook: Codebook, fmt: str = "yaml") -> str:
    """Serialise a codebook as YAML (default) or JSON, omitting empty optional keys."""
    data = codebook.model_dump(mode="json")
    data = {k: v for k, v in data.items() if v not in (None, [], {})}
    if fmt == "json":
        return json.dumps(data, ensure_ascii=False, indent=2)
    return yaml.safe_dump(data, allow_unicode=True, sort_keys=False)
