"""The Data page's path for large surveys: a Parquet file, or a CSV above BULK_MIN_MB, streams
through `studio.bulk.import_large_survey` instead of being read whole into memory.

Why a worker thread: a 1,000,000-row import takes about a minute. Streamlit stops a page's script
at its next call into Streamlit whenever the user clicks anything, so an import run inside the
script would die half-way when the user opened another page. The import runs in a thread of its
own (one per project, shared by every session of this server process); the page only polls its
progress, and picks it up again when the user comes back. Other users are never held up: each
session has its own script thread.
"""
from __future__ import annotations

import os
import shutil
import tempfile
import threading
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pandas as pd
import streamlit as st

from segmentation.codebook import parse_codebook
from studio.bulk import import_large_survey, sample_survey
from studio.store import StaleProjectError, Store

from . import state
from .i18n import add_strings, t

BULK_MIN_MB = 20.0  # above this a CSV streams; STUDIO_BULK_MIN_MB overrides it (tests lower it)
SURVEY_MAX_MB = 500  # the survey uploader's own limit (.streamlit/config.toml must allow it)
BULK_SUFFIXES = {".csv", ".txt", ".tsv", ".parquet"}
PREVIEW_ROWS = 20

add_strings({
    "bulk.upload": {"en": "Survey file: CSV or Parquet up to {mb} MB (1,000,000+ respondents stream in), "
                          "XLSX or SPSS .sav up to {small} MB; one row per respondent",
                    "nl": "Enquêtebestand: CSV of Parquet tot {mb} MB (1.000.000+ respondenten worden "
                          "gestreamd), XLSX of SPSS .sav tot {small} MB; één rij per respondent"},
    "bulk.intro": {"en": "**{source}** ({mb:,.0f} MB) is imported as a large file: read in chunks with "
                         "bounded memory, every row checked before anything is stored.",
                   "nl": "**{source}** ({mb:,.0f} MB) wordt als groot bestand geïmporteerd: in stukken "
                         "gelezen met begrensd geheugen, elke rij gecontroleerd voordat er iets wordt opgeslagen."},
    "bulk.sample": {"en": "First rows: {cols} columns. The row count is known after the import.",
                    "nl": "Eerste rijen: {cols} kolommen. Het aantal rijen is bekend na de import."},
    "bulk.personal": {"en": "Personal data found in the first {rows:,} rows. Flagged columns are dropped "
                            "unless you keep them (a column flagged only further on in the file is dropped too).",
                      "nl": "Persoonsgegevens gevonden in de eerste {rows:_} rijen. Gemarkeerde kolommen worden "
                            "weggelaten tenzij je ze houdt (een kolom die pas verderop wordt gemarkeerd ook)."},
    "bulk.checking": {"en": "Checking: {done:,} rows read", "nl": "Controleren: {done:_} rijen gelezen"},
    "bulk.checking_of": {"en": "Checking: {done:,} of {total:,} rows", "nl": "Controleren: {done:_} van {total:_} rijen"},
    "bulk.writing": {"en": "Storing: {done:,} of {total:,} rows", "nl": "Opslaan: {done:_} van {total:_} rijen"},
    "bulk.reading": {"en": "Loading the survey for the analysis…", "nl": "Enquête laden voor de analyse…"},
    "bulk.starting": {"en": "Starting the import…", "nl": "Import starten…"},
    "bulk.running": {"en": "Importing **{source}**. You may leave this page: the import goes on, and this page "
                           "shows it again when you come back.",
                     "nl": "**{source}** wordt geïmporteerd. Je kunt deze pagina verlaten: de import gaat door en "
                           "deze pagina toont hem weer als je terugkomt."},
    "bulk.done": {"en": "Imported {rows:,} respondents from {source} in {seconds:.0f} s.",
                  "nl": "{rows:_} respondenten uit {source} geïmporteerd in {seconds:.0f} s."},
    "bulk.failed": {"en": "The import stopped, nothing was stored: {error}",
                    "nl": "De import is gestopt, er is niets opgeslagen: {error}"},
    "bulk.busy": {"en": "Another import into this project is still running.",
                  "nl": "Er loopt nog een andere import in dit project."},
})


def bulk_min_bytes() -> float:
    return float(os.environ.get("STUDIO_BULK_MIN_MB") or BULK_MIN_MB) * 2**20


def is_large(name: str, size: int) -> bool:
    """Parquet always (the normal importer does not read it); CSV/TSV/TXT above the threshold."""
    suffix = Path(name).suffix.lower()
    return suffix == ".parquet" or (suffix in BULK_SUFFIXES and size > bulk_min_bytes())


# -- the uploaded file on disk --------------------------------------------------------------------

def spooled(upload: Any) -> Path:
    """The upload copied to a temp file once per uploaded file (not on every rerun of the page)."""
    held = st.session_state.get("_bulk_file")
    if held and held["id"] == upload.file_id and Path(held["path"]).exists():
        return Path(held["path"])
    discard_spooled()
    folder = Path(tempfile.mkdtemp(prefix="studio-upload-"))
    path = folder / (Path(upload.name).name or "survey")
    upload.seek(0)
    with path.open("wb") as out:
        shutil.copyfileobj(upload, out, 8 * 2**20)
    st.session_state["_bulk_file"] = {"id": upload.file_id, "path": str(path)}
    return path


def discard_spooled() -> None:
    held = st.session_state.pop("_bulk_file", None)
    if held and not any(job.path == held["path"] for job in _JOBS.values()):
        shutil.rmtree(Path(held["path"]).parent, ignore_errors=True)


@dataclass
class Look:
    """What the page shows before a large import: the first rows, personal-data flags, or an error."""

    preview: pd.DataFrame | None = None
    flags: list = field(default_factory=list)
    sampled: int = 0
    error: str | None = None


@st.cache_data(show_spinner="Reading the first rows…", max_entries=4)
def look(path: str, file_id: str, name: str) -> Look:
    """The first chunk (the one the import judges personal data on); cached per uploaded file."""
    from segmentation.personal_data import detect_personal_data
    from studio.bulk import DEFAULT_CHUNK_ROWS

    try:
        sample = sample_survey(path, rows=DEFAULT_CHUNK_ROWS, filename=name)
    except ValueError as error:
        return Look(error=str(error).splitlines()[0])
    flags = detect_personal_data(sample) if len(sample) else []
    return Look(preview=sample.head(PREVIEW_ROWS), flags=flags, sampled=len(sample))


# -- the import in a worker thread ------------------------------------------------------------------

@dataclass
class Job:
    project: str
    source: str
    path: str
    phase: str = "start"  # start | checked | wrote | reading | done | failed
    done: int = 0
    total: int | None = None
    started: float = field(default_factory=time.perf_counter)
    result: dict | None = None
    error: str | None = None
    thread: threading.Thread | None = None

    @property
    def finished(self) -> bool:
        return self.phase in ("done", "failed")

    def fraction(self) -> float:
        """Checking is the first half of the bar, storing most of the second, loading the rest (a
        CSV's total is unknown while checking: the bar stays put and the text counts rows)."""
        if self.phase == "checked":
            return 0.5 * self.done / self.total if self.total else 0.0
        if self.phase == "wrote":
            return 0.5 + 0.45 * self.done / self.total if self.total else 0.5
        if self.phase == "reading":
            return 0.95
        return 1.0 if self.finished else 0.0

    def text(self) -> str:
        if self.phase == "checked":
            return t("bulk.checking_of", done=self.done, total=self.total) if self.total else \
                t("bulk.checking", done=self.done)
        if self.phase == "wrote":
            return t("bulk.writing", done=self.done, total=self.total or self.done)
        if self.phase == "reading":
            return t("bulk.reading")
        return t("bulk.starting")


_JOBS: dict[str, Job] = {}
_JOBS_LOCK = threading.Lock()


def job_for(project_id: str) -> Job | None:
    return _JOBS.get(project_id)


def start(store: Store, project_id: str, path: Path, source: str, keep: list[str]) -> Job | None:
    """Start the import of `path` into the project; None when one is already running there."""
    with _JOBS_LOCK:
        running = _JOBS.get(project_id)
        if running is not None and not running.finished:
            return None
        job = _JOBS[project_id] = Job(project=project_id, source=source, path=str(path))

    def progress(done: int, total: int | None, message: str) -> None:
        job.phase = "wrote" if message.startswith("wrote") else "checked"
        job.done, job.total = int(done), total

    def work() -> None:
        try:
            result = import_large_survey(store, project_id, path, keep_personal=keep, progress=progress,
                                         filename=source)
            draft_codebook(store, project_id, path, source)
            job.phase = "reading"  # into the shared survey cache, so the page is ready when the bar is full
            try:
                state.survey_table(result.table, store.url)
            except Exception:  # noqa: BLE001 - only a warm-up: the page reads it itself then
                pass
            job.result = result.summary()
            job.phase = "done"
        except ValueError as error:  # SurveyImportError and the other one-line input errors
            job.error, job.phase = str(error).splitlines()[0], "failed"
        except Exception as error:  # noqa: BLE001 - shown to the user; the import left nothing behind
            job.error, job.phase = f"{type(error).__name__}: {str(error).splitlines()[0] if str(error) else ''}", \
                "failed"
        finally:
            shutil.rmtree(Path(path).parent, ignore_errors=True)

    job.thread = threading.Thread(target=work, name=f"bulk-import-{project_id}", daemon=True)
    job.thread.start()
    return job


def draft_codebook(store: Store, project_id: str, path: Path, source: str, attempts: int = 5) -> None:
    """As the normal import does: when the project's codebook does not fit the new survey (the bulk
    import then left it as it was), draft one from the first rows (scales by item prefix)."""
    from .data_state import _guess_codebook

    for attempt in range(attempts):
        stored = store.load(project_id)
        project = stored.project
        columns = set(project.survey.columns if project.survey else [])
        try:
            codebook = parse_codebook(project.codebook, "codebook") if project.codebook else None
        except ValueError:
            codebook = None
        if codebook is not None and codebook.scales and not codebook.missing_in(sorted(columns)):
            return
        sample = sample_survey(path, rows=5_000, filename=source)
        project.codebook = _guess_codebook(sample[[c for c in sample.columns if c in columns]])
        project.reliability = {}
        try:
            store.save(project, stored.version, note=f"codebook drafted for {source}")
            return
        except StaleProjectError:
            if attempt == attempts - 1:
                raise


def finish(job: Job) -> None:
    """The page saw the job end: forget it (a new upload may start another)."""
    with _JOBS_LOCK:
        if _JOBS.get(job.project) is job:
            _JOBS.pop(job.project)


# -- the panel ------------------------------------------------------------------------------------

def progress_panel(job: Job, poll: float = 0.3) -> None:
    """Poll a running import until it ends, then report it (a rerun shows the new survey)."""
    st.info(t("bulk.running", source=job.source), icon=":material/hourglass_top:")
    bar = st.progress(job.fraction(), text=job.text())
    while not job.finished:
        time.sleep(poll)
        bar.progress(min(max(job.fraction(), 0.0), 1.0), text=job.text())
    finish(job)
    if job.error:
        bar.empty()
        st.session_state["_bulk_notice"] = ("error", t("bulk.failed", error=job.error))
    else:
        st.session_state["_bulk_notice"] = ("success", t("bulk.done", rows=job.result["n_rows"], source=job.source,
                                                           seconds=job.result["seconds"]))
        st.session_state["_uploads"] = st.session_state.get("_uploads", 0) + 1  # clear the uploader
    st.session_state.pop("_bulk_file", None)  # the worker removed the file
    st.rerun()


def notice() -> None:
    """The outcome of the last large import of this session, shown once."""
    shown = st.session_state.pop("_bulk_notice", None)
    if shown:
        kind, text = shown
        (st.error if kind == "error" else st.success)(text)


def upload_panel(upload: Any, project_id: str) -> None:
    """A large file was chosen: its first rows, personal-data choices, then the import button."""
    path = spooled(upload)
    seen = look(str(path), upload.file_id, upload.name)
    if seen.error:
        st.error(seen.error, icon=":material/error:")
        return
    st.markdown(t("bulk.intro", source=upload.name, mb=upload.size / 2**20))
    keep = []
    if seen.flags:
        st.warning(t("bulk.personal", rows=seen.sampled), icon=":material/privacy_tip:")
        for flag in seen.flags:
            if st.checkbox(t("data.keep", col=flag.column), value=False, key=f"keep_{flag.column}",
                           help=flag.reason):
                keep.append(flag.column)
    with st.expander(t("data.preview")):
        st.caption(t("bulk.sample", cols=seen.preview.shape[1]))
        preview = seen.preview.copy()
        for flag in seen.flags:
            if flag.column in preview:
                preview[flag.column] = "•••"
        st.dataframe(preview, hide_index=True)
    if st.button(t("data.do_import"), type="primary", key="do_import_bulk"):
        job = start(state.store(), project_id, path, upload.name, keep)
        if job is None:
            st.warning(t("bulk.busy"), icon=":material/hourglass_top:")
            return
        progress_panel(job)
