"""The Sharing panel of the Project page: who owns the project, who may view or edit it."""
from __future__ import annotations

from typing import Any

import streamlit as st

from studio import access

from . import state
from .i18n import t


def visible_projects() -> list[dict[str, Any]]:
    return access.visible_projects(state.store(), state.user())


def _apply(pid: str, member: str, role: str | None) -> bool:
    """Give `member` the role (None removes them); a refusal is shown above the panel."""
    try:
        access.share(state.store(), pid, member, role, by=state.user())
    except (ValueError, access.AccessError) as error:
        st.session_state["_share_error"] = str(error)
        return False
    return True


def _share(pid: str) -> None:
    user = st.session_state.get("share_user", "")
    role = st.session_state.get("share_role", "viewer")
    if _apply(pid, user, role):
        st.session_state["share_user"] = ""
        st.session_state["_share_done"] = t("share.added", user=state.user_text(access.normalise_user(user)),
                                            role=t("role." + role))


def _remove(pid: str, member: str) -> None:
    _apply(pid, member, None)


def _change(pid: str, member: str) -> None:
    _apply(pid, member, st.session_state.get(f"share_role_{member}"))


def sharing_panel(pid: str) -> None:
    """Owners share by e-mail address or user name; everyone else sees the owner and their role."""
    st.subheader(t("share.title"))
    user = state.user()
    if user is None:
        st.caption(t("share.single_user"))
        return
    people = access.members(state.store(), pid)
    owner = next((m["user_id"] for m in people if m["role"] == "owner"), None)
    role = state.role(pid)
    if owner is None:
        st.caption(t("share.open"))
    else:
        st.caption(t("share.owner", owner=state.user_text(owner), role=t("role." + (role or "viewer"))))
    for key, show in (("_share_error", st.error), ("_share_done", st.success)):
        message = st.session_state.pop(key, None)
        if message:
            show(message)
    if role != "owner":
        return
    roles = ["viewer", "editor"]
    with st.form("share_form", clear_on_submit=False, border=False):
        left, middle = st.columns([3, 2])
        left.text_input(t("share.user"), key="share_user", max_chars=200)
        middle.selectbox(t("share.role"), roles, key="share_role", format_func=lambda r: t("role." + r))
        st.form_submit_button(t("share.add"), on_click=_share, args=(pid,))
    others = [m for m in people if m["role"] != "owner"]
    st.markdown(f"**{t('share.members')}**")
    if not others:
        st.caption(t("share.nobody"))
    for member in others:
        name, choice, drop = st.columns([5, 3, 1], vertical_alignment="center")
        name.markdown(state.user_text(member["user_id"]))
        choice.selectbox(t("share.role"), roles, index=roles.index(member["role"]), key=f"share_role_{member['user_id']}",
                         format_func=lambda r: t("role." + r), label_visibility="collapsed",
                         on_change=_change, args=(pid, member["user_id"]))
        drop.button("", icon=":material/person_remove:", help=t("share.remove"),
                    key=f"share_remove_{member['user_id']}", on_click=_remove, args=(pid, member["user_id"]))
