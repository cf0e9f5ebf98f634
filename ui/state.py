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

from studio import access
from studio.schema import Project
from studio.service import ensure_demo_project
from studio.store import ProjectNotFound, StaleProjectError, Store, default_url

from . import strings_access  # noqa: F401  (registers the access strings)
from .i18n import t

Edit = Callable[[Project], None]


@st.cache_resource
def _store(url: str) -> Store:
    return Store(url)


def store() -> Store:
    """The store named by STUDIO_DB_URL / STUDIO_HOME (resolved on each call, cached per URL)."""
    return _store(default_url())


@st.cache_resource(show_spinner=False, max_entries=4)
def survey_table(table: str, _store_url: str) -> pd.DataFrame:
    """Survey tables never change once written (a new import writes a new table), so cache by name.

    One shared frame per table (st.cache_resource), not a copy per call as st.cache_data gives:
    a 1,000,000-row survey is ~250 MB, and copying it on every rerun of every page made a rerun
    take seconds. So callers must NEVER mutate the frame (no `data[col] = ...`, no inplace=True,
    no `.loc[...] =`): take `data.copy()` or derive a new frame (`data[cols]`, `assign`, ...).
    tests/test_big_survey_app.py checks that the pages leave it equal to the stored table."""
    return store().read_survey(table)


def user() -> str | None:
    """The signed-in person (ui/auth.require_user ran first), None in a studio without accounts."""
    return st.session_state.get("_user")


def role(pid: str | None = None) -> str | None:
    """This person's role on the project (owner, editor, viewer; None: not shared with them)."""
    try:
        return access.role_for(store(), pid or project_id(), user())
    except ProjectNotFound:
        return None


def can_edit() -> bool:
    return access.can_edit(role())


def _may_open(pid: str) -> bool:
    return store().exists(pid) and role(pid) is not None


def project_id() -> str:
    """The project in the URL; else the last one shown; else the person's newest project or the demo."""
    pid = st.query_params.get("project")
    if pid and _may_open(pid):
        return pid
    shown = st.session_state.get("_project")
    if not pid and shown is not None and _may_open(shown.id):
        st.query_params["project"] = shown.id  # page switches may drop the query string
        return shown.id
    if pid:
        key = "access.not_shared" if store().exists(pid) else "project.not_found"
        st.session_state["_notice"] = t(key, id=pid)
        for stale in ("_project", "_version", "_conflict"):
            st.session_state.pop(stale, None)
    own = access.visible_projects(store(), user())
    if own and user() is not None:
        fallback = own[0]["id"]
    else:
        with st.spinner(t("project.preparing_demo")):  # the first start builds it (about 10 s)
            fallback = ensure_demo_project(store()).project.id
    st.query_params["project"] = fallback
    return fallback


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
    if not can_edit():
        refuse()
        return False
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


def user_text(user: str) -> str:
    """A user id for markdown: a code span, so an e-mail address is not turned into a mailto link
    (user ids never contain backticks: access.normalise_user refuses them)."""
    return f"`{user}`"


def owner_text(pid: str) -> str:
    owners = [m["user_id"] for m in access.members(store(), pid) if m["role"] == "owner"]
    return user_text(owners[0]) if owners else t("access.owner_unknown")


def refuse() -> None:
    """Say a change was not saved: the project is read-only for this person."""
    st.session_state["_notice"] = t("access.refused", owner=owner_text(project_id()))


def read_only_banner() -> None:
    """Shown on every page of a project shared with this person to view."""
    if role() == "viewer":
        st.info(t("access.read_only", owner=owner_text(project_id())), icon=":material/visibility:")


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
    """The project's survey: a shared, read-only frame (see `survey_table`: never mutate it)."""
    if project.survey is None:
        return None
    return survey_table(project.survey.table, store().url)


def saved_badge() -> None:
    _, version = current()
    st.sidebar.caption(t("project.saved", version=version))
