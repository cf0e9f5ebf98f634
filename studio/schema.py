"""The project: one pydantic model holding everything a team builds in the studio.

Stored as JSON in the project store (one row per project plus a numbered version per save) and
exchanged as `*.studio.json` files. `schema_version` is stored with it; `migrate` lifts older
documents to the current version on load instead of dropping what it does not know
(every model allows extra keys, so fields from a newer studio survive a round trip too).
"""
from __future__ import annotations

import secrets
from datetime import datetime, timezone
from typing import Any

from pydantic import BaseModel, ConfigDict, Field, ValidationError

SCHEMA_VERSION = 1


def new_id(nbytes: int = 6) -> str:
    """A short, URL-safe, unguessable id (12 hex characters by default)."""
    return secrets.token_hex(nbytes)


def utcnow() -> str:
    return datetime.now(timezone.utc).isoformat(timespec="seconds")


class _Open(BaseModel):
    model_config = ConfigDict(extra="allow")


class PersonalDataDecision(_Open):
    """A column flagged as personal data on import, and what the user decided."""

    column: str
    kind: str
    reason: str = ""
    decision: str = "undecided"  # undecided | drop | keep


class SurveyRef(_Open):
    """Where the respondent-level data lives (a table in the store) and how it was read."""

    table: str
    source: str
    format: str = "csv"
    n_rows: int = 0
    columns: list[str] = []
    imported_at: str = Field(default_factory=utcnow)
    encoding: str | None = None
    delimiter: str | None = None
    decimal: str | None = None
    value_labels: dict[str, dict[str, str]] = {}
    column_labels: dict[str, str] = {}
    personal_data: list[PersonalDataDecision] = []
    warnings: list[str] = []


class Project(_Open):
    schema_version: int = SCHEMA_VERSION
    id: str = Field(default_factory=new_id)
    name: str = "Untitled project"
    description: str = ""
    created_at: str = Field(default_factory=utcnow)
    survey: SurveyRef | None = None
    codebook: dict[str, Any] | None = None
    reliability: dict[str, dict[str, Any]] = {}
    segmentations: list[dict[str, Any]] = []
    personas: list[dict[str, Any]] = []
    quotes: list[dict[str, Any]] = []
    journeys: list[dict[str, Any]] = []
    workshops: list[dict[str, Any]] = []
    justified: list[dict[str, Any]] = []


def migrate(data: dict[str, Any]) -> dict[str, Any]:
    """Lift a stored project document to SCHEMA_VERSION (each step a small pure function)."""
    version = data.get("schema_version", 0)
    if not isinstance(version, int) or version < 0:
        raise ValueError(f"schema_version: expected a whole number, got {version!r}")
    if version > SCHEMA_VERSION:
        raise ValueError(
            f"schema_version: this project was saved by a newer studio (version {version}; "
            f"this one reads up to {SCHEMA_VERSION}): update the studio"
        )
    data = dict(data)
    if version < 1:
        # Version 0: drafts written before the schema was versioned; same shape, no version key.
        data["schema_version"] = 1
    return data


def parse_project(data: Any, source: str = "project") -> Project:
    """Validate a project document (after migration); ValueError with one line naming the field."""
    if not isinstance(data, dict):
        raise ValueError(f"{source}: expected a JSON object (a Persona Studio project), got {type(data).__name__}")
    try:
        return Project.model_validate(migrate(data))
    except ValidationError as error:
        first = error.errors()[0]
        where = ".".join(str(p) for p in first["loc"]) or "(top level)"
        raise ValueError(f"{source}: {where}: {first['msg']}") from None
