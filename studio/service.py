"""Operations shared by the command line, the pages and the HTTP API.

Each is a plain function over a Store and a Project, so the CLI and the app do exactly the same
thing (datasette style: a small core, thin front ends).
"""
from __future__ import annotations

import copy
import json
import threading
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any

import pandas as pd
import sqlalchemy as sa

from segmentation.codebook import Codebook, parse_codebook
from segmentation.scoring import apply_missing_codes, item_frame, likert_bounds, straight_liners

from .schema import PersonalDataDecision, Project, SurveyRef, new_id, parse_project
from .store import Store, StoredProject

DEMO_NAME = "Demo: home buyers (construction company)"
PROJECT_FILE_SUFFIX = ".studio.json"


def check_codebook_columns(codebook: Codebook, columns: list[str], survey_name: str) -> None:
    """Every column the codebook names must be in the survey; say which one is not."""
    present = set(columns)
    if codebook.id and codebook.id not in present:
        raise ValueError(f"codebook: id column {codebook.id!r} is not a column of {survey_name}")
    for name, scale in codebook.scales.items():
        for item in scale.items:
            if item not in present:
                raise ValueError(f"codebook: scales.{name}.items: column {item!r} is not in {survey_name}")
    for key in ("categorical", "demographics"):
        for col in getattr(codebook, key):
            if col not in present:
                raise ValueError(f"codebook: {key}: column {col!r} is not in {survey_name}")


def clean_survey(data: pd.DataFrame, codebook: Codebook, source: str) -> pd.DataFrame:
    """Validate Likert items and ids against the codebook; missing codes become NaN."""
    from segmentation.importer import validate_survey

    check_codebook_columns(codebook, list(data.columns), source)
    return validate_survey(data, id_column=codebook.id, likert=likert_bounds(codebook),
                           missing=list(codebook.missing), source=source)


def reliability_report(data: pd.DataFrame, codebook: Codebook) -> dict[str, dict[str, Any]]:
    """Per scale the reliability figures of DESIGN.md (`reliability` command), on cleaned data."""
    from segmentation.reliability import scale_reliability

    cleaned = apply_missing_codes(data, codebook.missing, codebook.scale_items)
    return {name: scale_reliability(item_frame(cleaned, scale)) for name, scale in codebook.scales.items()}


def data_warnings(data: pd.DataFrame, codebook: Codebook) -> list[str]:
    """Things worth a look that do not stop the analysis."""
    notes = []
    flat = straight_liners(data, codebook)
    if flat.any():
        notes.append(f"{int(flat.sum())} respondents gave the same answer to every scale item (straight-lining)")
    return notes


# -- projects ---------------------------------------------------------------------------------

def attach_survey(store: Store, project: Project, data: pd.DataFrame, *, source: str, fmt: str = "csv",
                  value_labels: dict | None = None, column_labels: dict | None = None,
                  encoding: str | None = None, delimiter: str | None = None, decimal: str | None = None,
                  personal_data: list | None = None, warnings: list[str] | None = None) -> Project:
    """Store respondent data in its own table and point the project at it.

    The old table stays: earlier versions of the project point at it (restoring one must find its
    data), and the save of this change may still be refused as stale. `Store.drop_stray_surveys`
    removes tables no kept version points at."""
    table = store.write_survey(project.id, data)
    project.survey = SurveyRef(
        table=table, source=source, format=fmt, n_rows=len(data), columns=[str(c) for c in data.columns],
        encoding=encoding, delimiter=delimiter, decimal=decimal,
        value_labels={str(k): {str(a): str(b) for a, b in v.items()} for k, v in (value_labels or {}).items()},
        column_labels={str(k): str(v) for k, v in (column_labels or {}).items()},
        personal_data=[PersonalDataDecision(**flag) for flag in (personal_data or [])],
        warnings=list(warnings or []))
    return project


def survey_data(store: Store, project: Project) -> pd.DataFrame | None:
    return store.read_survey(project.survey.table) if project.survey else None


def project_codebook(project: Project) -> Codebook | None:
    return parse_codebook(project.codebook, "codebook") if project.codebook else None


@lru_cache(maxsize=2)
def _demo_bundle(n: int, seed: int):
    """Demo data plus its segmentation, computed once per process (pure, deterministic)."""
    from data.demo import generate_demo

    from .segmenting import run_segmentation

    demo = generate_demo(n=n, seed=seed)
    codebook = parse_codebook(demo.codebook, "demo codebook")
    # GMM with k=4 recovers the four planted profiles within 3 points of their shares (issue 5's
    # check in tests/test_personas_generate.py); the quadrant split does not, the profiles overlap.
    run = run_segmentation(demo.survey, codebook, "gmm", k=4, n_boot=10, seed=0)
    run["chosen"] = True
    return demo, run


def create_demo_project(store: Store, n: int = 1200, seed: int = 7, project_id: str | None = None) -> StoredProject:
    """The construction company's home buyers, ready to explore: survey, codebook, reliability,
    a chosen segmentation, personas with quotes, and the example journeys."""
    from .personas_service import build_personas

    demo, run = _demo_bundle(n, seed)
    project = Project(id=project_id or new_id(), name=DEMO_NAME, description=(
        "Home buyers of a large construction company on two axes: how much control they want over "
        "building their home, and whether they are process- or relationship-oriented."))
    codebook = parse_codebook(demo.codebook, "demo codebook")
    project.codebook = codebook.to_dict()
    project.quotes = list(demo.quotes)
    project.journeys = _example_journeys()
    attach_survey(store, project, demo.survey, source="demo survey.csv")
    project.reliability = reliability_report(demo.survey, codebook)
    project.segmentations = [copy.deepcopy(run)]
    build_personas(project, demo.survey, lang="en")
    try:
        return store.create(project, note="demo project")
    except sa.exc.IntegrityError:  # the fixed first-start id, taken by another process meanwhile
        store.drop_survey(project.survey.table)
        raise


def _example_journeys() -> list[dict]:
    folder = Path(__file__).resolve().parents[1] / "data" / "journeys"
    out = []
    for path in sorted(folder.glob("*.json")) if folder.is_dir() else []:
        try:
            out.append(json.loads(path.read_text(encoding="utf-8")))
        except (OSError, json.JSONDecodeError):
            continue
    return out


_DEMO_LOCK = threading.Lock()
FIRST_DEMO_ID = "demo"


def ensure_demo_project(store: Store) -> StoredProject:
    """The demo project, created on first start (the README's run command opens on it).

    Exactly one, even when several sessions or app processes start at once: one at a time per
    process (the lock), and across processes the first demo has a fixed id, so the loser of a
    race gets an IntegrityError and loads the winner's."""
    with _DEMO_LOCK:
        for row in store.list():
            if row["name"] == DEMO_NAME:
                return store.load(row["id"])
        try:
            return create_demo_project(store, project_id=FIRST_DEMO_ID)
        except sa.exc.IntegrityError:
            return store.load(FIRST_DEMO_ID)


def project_document(project: Project, data: pd.DataFrame | None) -> dict[str, Any]:
    """A self-contained `*.studio.json` document: the project plus its survey rows."""
    doc = json.loads(project.model_dump_json())
    if data is not None:
        doc["survey_data"] = json.loads(data.to_json(orient="split", index=False))
    return doc


def project_to_file(store: Store, project: Project) -> dict[str, Any]:
    """The project file of a stored project (its survey rows read from the store)."""
    return project_document(project, survey_data(store, project))


def open_project_file(store: Store, path: str | Path, owner: str | None = None) -> StoredProject:
    """Import a `*.studio.json` file into the store (a new id if the id is taken), owned by `owner`."""
    path = Path(path)
    project, frame = read_project_file(path)
    if store.exists(project.id):
        project.id = new_id()
    if frame is not None:
        ref = project.survey
        attach_survey(store, project, frame, source=ref.source if ref else path.name,
                      fmt=ref.format if ref else "csv",
                      value_labels=ref.value_labels if ref else None,
                      column_labels=ref.column_labels if ref else None,
                      personal_data=[p.model_dump() for p in ref.personal_data] if ref else None)
    elif project.survey is not None:
        project.survey = None  # the file named a table of another store; nothing to point at here
    return store.create(project, note=f"opened from {path.name}", owner=owner)


@dataclass
class ProjectHandle:
    """A project named on the command line: a `*.studio.json` file or an id in the store."""

    project: Project
    data: pd.DataFrame | None
    path: Path | None = None
    version: int | None = None

    def save(self, store: Store, note: str) -> None:
        if self.path is not None:
            doc = project_document(self.project, self.data)
            tmp = self.path.with_name(self.path.name + ".tmp")
            tmp.write_text(json.dumps(doc, ensure_ascii=False), encoding="utf-8")
            tmp.replace(self.path)  # atomic: a crash never leaves half a project file
        else:
            self.version = store.save(self.project, self.version, note=note)


def read_project_file(path: Path) -> tuple[Project, pd.DataFrame | None]:
    try:
        doc = json.loads(path.read_text(encoding="utf-8-sig"))
    except (OSError, UnicodeDecodeError) as error:
        raise ValueError(f"{path.name}: cannot read the file ({getattr(error, 'strerror', None) or error})") from None
    except json.JSONDecodeError as error:
        raise ValueError(f"{path.name}: line {error.lineno}, column {error.colno}: invalid JSON ({error.msg})") from None
    if not isinstance(doc, dict):
        raise ValueError(f"{path.name}: expected a JSON object (a Persona Studio project)")
    survey = doc.pop("survey_data", None)
    project = parse_project(doc, path.name)
    frame = None
    if survey is not None:
        try:
            frame = pd.DataFrame(survey["data"], columns=survey["columns"])
        except (KeyError, TypeError, ValueError):
            raise ValueError(f"{path.name}: survey_data: expected {{columns: [...], data: [[...], ...]}}") from None
    return project, frame


def load_project_arg(store: Store, arg: str, *, create: bool = False) -> ProjectHandle:
    """A CLI PROJECT argument: a `*.studio.json` file, or a project id in the store.

    With `create`, a path that does not exist yet becomes a new project file on save.
    """
    path = Path(arg)
    if path.is_file():
        project, frame = read_project_file(path)
        return ProjectHandle(project, frame, path=path)
    if not arg.endswith(PROJECT_FILE_SUFFIX) and "/" not in arg and store.exists(arg):
        stored = store.load(arg)
        return ProjectHandle(stored.project, survey_data(store, stored.project), version=stored.version)
    if create and arg.endswith(PROJECT_FILE_SUFFIX):
        return ProjectHandle(Project(name=path.name.removesuffix(PROJECT_FILE_SUFFIX)), None, path=path)
    raise ValueError(f"{arg}: no such project file (*.studio.json), and no project with that id in the store")
