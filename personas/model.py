"""The persona model: a model customer that stands for one segment, with its evidence.

Kept minimal and open (``extra="allow"``) on purpose: persona generation, cards, posters and the
lint all read this one shape, and a later feature can add fields without breaking older project
files. Everything a persona says about people should be traceable to ``evidence``; everything the
demographic-lean guard flags but the team keeps on purpose goes into ``justified``.
"""
from __future__ import annotations

from typing import Literal

from pydantic import BaseModel, ConfigDict, Field


class _Open(BaseModel):
    model_config = ConfigDict(extra="allow")


class Evidence(_Open):
    """One claim on the persona and where it comes from (a survey item, a figure, a story)."""

    claim: str
    item: str | None = None
    figure: float | None = None
    n: int | None = None
    kind: str = "item"


class Picture(_Open):
    """The persona's image. ``attributes`` are what the image shows, as described or annotated
    (e.g. ``{"skin_tone": "dark", "age": "young", "gender": "female"}``): the lint compares them
    across personas, because readers look for exactly these cues (DOMAIN.md section 2)."""

    kind: Literal["avatar", "photo", "illustration"] = "avatar"
    uri: str | None = None
    attributes: dict[str, str] = Field(default_factory=dict)


class Justification(_Open):
    """A lint finding the team keeps on purpose, with the reason (it stays visible as justified).

    ``code`` is a finding code (``demographic.age``) or a whole family (``demographic``);
    ``field`` and ``span`` narrow it to one field and/or one matched phrase."""

    code: str
    field: str | None = None
    span: str | None = None
    reason: str


class Persona(_Open):
    """A model customer for one segment: who they are in needs, behaviour and context."""

    id: str
    segment: int | str | None = None
    name: str
    tagline: str = ""
    description: str = ""
    share: float | None = None
    axes: dict[str, float] = Field(default_factory=dict)
    needs: list[str] = Field(default_factory=list)
    behaviours: list[str] = Field(default_factory=list)
    contexts: list[str] = Field(default_factory=list)
    quotes: list[str | dict] = Field(default_factory=list)
    evidence: list[Evidence] = Field(default_factory=list)
    picture: Picture | None = None
    value_label: str | None = None
    justified: list[Justification] = Field(default_factory=list)
