"""The open project in a browser session: loaded from the store, every edit saved at once.

The project id is in the URL (`?project=ID`), so a reload, a new tab or a server restart reopens
the same project. The session remembers which version it showed; an edit is saved against that
version, and when someone else saved in between (another tab, a colleague) the save is refused and
the user chooses: apply their change on top of the newest version, or reload. Nothing typed is lost.
"""
from __future__ import annotations

from typing import Callable

import pandas as pd
import streamlit as st

from studio.schema import Project
from studio.service import ensure_demo_project
from studio.store import ProjectNotFound, StaleProjectError, Store, default_url

from .i18n import t

Edit = Callable[[Project], None]


@st.cache_resource
def _store(url: str) -> Store:
    return Store(url)


def store() -> Store:
    """The store named by STUDIO_DB_URL / STUDIO_HOME (resolved on each call, cached per URL)."""
    return _store(default_url())


@st.cache_data(show_spinner=False, max_entries=8)
def survey_table(table: str, _store_url: str) -> pd.DataFrame:
    """Survey tables never change once written (a new import writes a new table), so cache by name."""
    return store().read_survey(table)


def project_id() -> str:
    """The project in the URL; the demo project when there is none (first start)."""
    pid = st.query_params.get("project")
    if pid and store().exists(pid):
        return pid
    shown = st.session_state.get("_project")
    if not pid and shown is not None and store().exists(shown.id):
        st.query_params["project"] = shown.id  # page switches may drop the query string
        return shown.id
    if pid:
        st.session_state["_notice"] = t("project.not_found", id=pid)
    stored = ensure_demo_project(store())
    st.query_params["project"] = stored.project.id
    return stored.project.id


def open_project(pid: str) -> None:
    st.query_params["project"] = pid
    for key in ("_project", "_version", "_conflict"):
        st.session_state.pop(key, None)


def current() -> tuple[Project, int]:
    """The project as this session shows it (refreshed from the store when nothing is pending)."""
    pid = project_id()
    cached: Project | None = st.session_state.get("_project")
    if cached is not None and cached.id == pid and st.session_state.get("_conflict"):
        return cached, st.session_state["_version"]
    try:
        stored = store().load(pid)
    except ProjectNotFound:
        st.query_params.pop("project", None)
        return current()
    if cached is None or cached.id != pid or stored.version != st.session_state.get("_version"):
        st.session_state["_project"] = stored.project
        st.session_state["_version"] = stored.version
    return st.session_state["_project"], st.session_state["_version"]


def project() -> Project:
    return current()[0]


def shown() -> tuple[Project, int]:
    """The project and version this session last showed, without refreshing from the store.

    Widget callbacks run before the page and must work on what the user saw: refreshing first
    would silently apply their edit on top of someone else's newer version.
    """
    cached = st.session_state.get("_project")
    if cached is None or cached.id != project_id():
        return current()
    return cached, st.session_state["_version"]


def edit(what: str, change: Edit) -> bool:
    """Apply `change` to a copy of the shown project and save it as a new version.

    Returns False when the save was refused because the project moved on; the change is kept
    in the session so the user can re-apply it to the newest version.
    """
    seen, version = shown()
    updated = seen.model_copy(deep=True)
    change(updated)
    try:
        new_version = store().save(updated, version, note=what)
    except StaleProjectError as error:
        st.session_state["_conflict"] = {"what": what, "change": change, "expected": error.expected,
                                         "current": error.current}
        return False
    st.session_state["_project"] = updated
    st.session_state["_version"] = new_version
    return True


def conflict_banner() -> None:
    """Shown on every page while an edit waits for the user's decision."""
    conflict = st.session_state.get("_conflict")
    if not conflict:
        return
    box = st.container(border=True)
    box.error(t("conflict.title", what=conflict["what"]))
    box.write(t("conflict.body", current=conflict["current"], expected=conflict["expected"]))
    left, right = box.columns(2)
    if left.button(t("conflict.reapply"), key="_conflict_reapply", type="primary"):
        st.session_state.pop("_conflict")
        st.session_state.pop("_project", None)
        current()
        edit(conflict["what"], conflict["change"])
        st.rerun()
    if right.button(t("conflict.reload"), key="_conflict_reload"):
        st.session_state.pop("_conflict")
        st.session_state.pop("_project", None)
        st.rerun()


def survey(project: Project) -> pd.DataFrame | None:
    if project.survey is None:
        return None
    return survey_table(project.survey.table, store().url)


def saved_badge() -> None:
    _, version = current()
    st.sidebar.caption(t("project.saved", version=version))
