"""Project page: name, the projects in this studio, version history, project files."""
from __future__ import annotations

import json

import streamlit as st

from studio.schema import Project
from studio.service import create_demo_project, open_project_file, project_to_file

from ui import sharing, state
from ui.safe import md
from ui.i18n import t

project, version = state.current()
store = state.store()
user = state.user()
editable = state.can_edit()

st.title(f"{t('nav.project')}: {project.name}")


def _rename(widget: str, key: str) -> None:
    value = st.session_state.get(widget, "")
    state.edit(f"{key} changed", lambda p: setattr(p, key, value))


st.text_input(t("project.name"), value=project.name, key=f"pname_{version}", on_change=_rename,
              args=(f"pname_{version}", "name"), max_chars=200, disabled=not editable)
st.text_area(t("project.description"), value=project.description, key=f"pdesc_{version}", on_change=_rename,
             args=(f"pdesc_{version}", "description"), max_chars=5000, disabled=not editable)

left, right = st.columns(2)
with left:
    st.subheader(t("project.list"))
    for row in sharing.visible_projects():
        c1, c2 = st.columns([4, 1])
        role = f" · {t('role.' + row['role'])}" if user is not None else ""
        c1.markdown(f"**{md(row['name'])}**  \n`{row['id']}` · v{row['version']} · {row['updated_at'][:16]}{role}")
        if row["id"] != project.id and c2.button(t("project.open"), key=f"open_{row['id']}"):
            state.open_project(row["id"])
            st.rerun()
    with st.form("new_project", clear_on_submit=True):
        name = st.text_input(t("project.new_name"), max_chars=200)
        if st.form_submit_button(t("project.create")) and name.strip():
            stored = store.create(Project(name=name.strip()), owner=user)
            state.open_project(stored.project.id)
            st.rerun()
    sharing.sharing_panel(project.id)
    if st.button(t("project.reset_demo"), key="fresh_demo"):
        with st.spinner("…"):
            stored = create_demo_project(store)
        state.open_project(stored.project.id)
        st.rerun()

with right:
    st.subheader(t("project.history"))
    st.caption(t("project.history_help"))
    for entry in store.history(project.id)[:50]:
        c1, c2 = st.columns([4, 2])
        c1.markdown(f"v{entry['version']} · {entry['saved_at'][:19].replace('T', ' ')} · {entry['note']}")
        if editable and entry["version"] != version and c2.button(t("project.restore", version=entry["version"]),
                                                                  key=f"restore_{entry['version']}"):
            new = store.restore(project.id, entry["version"], version)
            st.session_state.pop("_project", None)
            st.toast(t("project.restored", old=entry["version"], new=new))
            st.rerun()
    st.download_button(t("project.download"), json.dumps(project_to_file(store, project), ensure_ascii=False),
                       file_name=f"{project.name[:40] or 'project'}.studio.json", mime="application/json",
                       key="dl_project", on_click="ignore")
    upload = st.file_uploader(t("project.upload"), type=["json"], key="project_upload", max_upload_size=50)
    if upload is not None and st.button(t("project.open"), key="open_upload"):
        import tempfile
        from pathlib import Path

        with tempfile.TemporaryDirectory() as folder:
            path = Path(folder) / (upload.name or "project.studio.json")
            path.write_bytes(upload.getvalue())
            try:
                stored = open_project_file(store, path, owner=user)
            except ValueError as error:
                st.error(str(error))
            else:
                state.open_project(stored.project.id)
                st.rerun()
