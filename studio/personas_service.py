"""Personas for a project: generated from its segmentation, regenerated without losing edits.

Shared by `python -m studio personas PROJECT` and the Personas page, so both do the same thing.
The run used is the one marked ``chosen`` on the Segments page, else the newest. Pending field
changes of a regeneration (edited fields the new run would change) are kept in the project's
``persona_changes`` so the user can pick per field later.
"""
from __future__ import annotations

from pathlib import Path
from typing import Any

import pandas as pd

from personas.generate import merge_regenerated, personas_from_run
from personas.io import merge_imported, personas_to_json, read_personas_json
from personas.model import Persona

from .schema import Project
from .segmenting import chosen_run


def project_personas(project: Project) -> list[Persona]:
    out = []
    for i, p in enumerate(project.personas):
        try:
            out.append(Persona.model_validate(p))
        except Exception as error:  # pydantic ValidationError: one line naming the persona
            raise ValueError(f"personas[{i}]: not a valid persona ({str(error).splitlines()[0]})") from None
    return out


def build_personas(project: Project, data: pd.DataFrame | None = None, lang: str = "en") -> Project:
    """Build (or refresh) the project's personas from its chosen/newest segmentation run.

    ``data`` (the survey) is only checked against the run: a run whose labels do not match the
    survey's rows was made on other data and would give personas that describe someone else.
    Existing personas are merged (:func:`personas.generate.merge_regenerated`): manual edits stay.
    """
    run = chosen_run(project)
    if run is None:
        raise ValueError("segmentations: the project has no segmentation yet; run `segment ... --out "
                         "PROJECT` or use the Segments page first")
    labels = run.get("labels")
    if data is not None and isinstance(labels, list) and len(labels) != len(data):
        raise ValueError(f"segmentations[{run.get('id')}]: {len(labels)} labels for {len(data)} survey rows; "
                         "segment the current survey again")
    new = personas_from_run(run, project.codebook or {}, project.quotes, lang=lang)
    old = project_personas(project)
    merged, changes = merge_regenerated(old, new) if old else (new, [])
    project.personas = [p.model_dump(mode="json") for p in merged]
    pending = [c for c in changes if c.get("field") and c.get("edited")]
    setattr(project, "persona_changes", {"run": run.get("id"), "changes": changes, "pending": pending})
    return project


IMPORT_MODES = ("merge", "replace")


def import_personas(project: Project, source: bytes | str | list[Persona], mode: str = "merge") -> dict[str, Any]:
    """Put a persona set file (its bytes/text, or personas already read) into the project.

    ``replace``: the file's personas become the set. ``merge``: by id, newest hand edit per field
    wins, justified findings are united, personas only the project has stay
    (:func:`personas.io.merge_imported`). Pending regeneration choices for fields the import set
    are dropped (they compared values that are gone). Returns a JSON-ready account of the import;
    bad files raise :class:`personas.io.PersonaFileError` (one line, the caller adds the file name).
    """
    if mode not in IMPORT_MODES:
        raise ValueError(f"mode: expected one of {', '.join(IMPORT_MODES)}, got {mode!r}")
    incoming = source if isinstance(source, list) else read_personas_json(source)
    current = project_personas(project)
    if mode == "replace" or not current:
        merged = [p.model_copy(deep=True) for p in incoming]
        before = {p.id: p.model_dump(mode="json") for p in current}
        report = [{"persona": p.id, "fields": {},
                   "change": ("added" if p.id not in before else
                              "unchanged" if before[p.id] == p.model_dump(mode="json") else "updated")}
                  for p in incoming]
        report += [{"persona": p.id, "change": "removed", "fields": {}} for p in current
                   if p.id not in {q.id for q in incoming}]
    else:
        merged, report = merge_imported(current, incoming)
    project.personas = [p.model_dump(mode="json") for p in merged]
    info = dict(getattr(project, "persona_changes", None) or {})
    if mode == "replace":
        info["pending"] = []
    else:
        taken = {(r["persona"], f) for r in report for f, side in r["fields"].items() if side == "file"}
        info["pending"] = [c for c in info.get("pending") or [] if (c.get("persona"), c.get("field")) not in taken]
    info["changes"] = []
    setattr(project, "persona_changes", info)
    counts = {k: sum(1 for r in report if r["change"] == k) for k in ("added", "updated", "unchanged", "kept", "removed")}
    return {"mode": mode, "read": len(incoming), "personas": len(merged), **counts,
            "fields_kept_from_project": sorted({f"{r['persona']}.{f}" for r in report
                                                for f, side in r["fields"].items() if side == "project"})}


def export_personas_json(project: Project, out: str | Path) -> dict[str, Any]:
    """Write the project's persona set file (the very file the Personas page downloads, so it
    reads back with ``personas PROJECT --from-json FILE``); a JSON-ready account of what was written.

    Refuses a project without personas: an empty set file would, imported with ``--replace``,
    wipe another project's personas."""
    personas = project_personas(project)
    if not personas:
        raise ValueError("personas: the project has no personas yet; run `personas PROJECT` first")
    out = Path(out)
    if out.is_dir():
        raise ValueError(f"{out}: is a folder, expected a file name for the persona set JSON")
    text = personas_to_json(personas)
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(text, encoding="utf-8")
    return {"format": "json", "what": "personas", "out": str(out), "personas": len(personas),
            "ids": [p.id for p in personas], "bytes": out.stat().st_size}


def summary(project: Project) -> dict[str, Any]:
    """What the CLI prints: per persona its id, name, tagline, share and evidence count."""
    info = getattr(project, "persona_changes", None) or {}
    return {"project": project.id, "run": info.get("run"),
            "personas": [{"id": p.get("id"), "segment": p.get("segment"), "name": p.get("name"),
                          "tagline": p.get("tagline"), "share": p.get("share"), "axes": p.get("axes"),
                          "quotes": len(p.get("quotes") or []), "evidence": len(p.get("evidence") or [])}
                         for p in project.personas],
            "changes": [{k: v for k, v in c.items() if k in ("persona", "field", "change", "kept", "edited")}
                        for c in info.get("changes", [])]}
