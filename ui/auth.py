"""Signing in: Streamlit's OIDC login for teams, a password for one person, or nobody at all.

The mode follows the deployment (studio/access.py explains the three): an ``[auth]`` section in
Streamlit's secrets means OIDC, ``STUDIO_PASSWORD_HASH`` means the single-user password, neither
means a personal studio on 127.0.0.1 without accounts. Every page except the participants' vote
page calls `require_user()` before it reads a project.
"""
from __future__ import annotations

import os

import streamlit as st

from studio import access

from . import strings_access  # noqa: F401  (registers the strings)
from .i18n import read_cookie, t, write_cookie

COOKIE = "studio_session"
USER_KEY = "_user"


def auth_mode() -> str:
    try:
        if "auth" in st.secrets:
            return "oidc"
    except Exception:  # no secrets file at all: Streamlit raises rather than returning empty
        pass
    return "password" if os.environ.get("STUDIO_PASSWORD_HASH") else "none"


def _oidc_provider() -> str | None:
    """The provider to send people to: STUDIO_AUTH_PROVIDER, else the first named one, else [auth] itself."""
    named = os.environ.get("STUDIO_AUTH_PROVIDER")
    if named:
        return named
    section = st.secrets["auth"]
    if "client_id" in section:
        return None
    return next((key for key, value in section.items() if hasattr(value, "keys")), None)


def _password_key() -> bytes:
    return access.session_key(os.environ["STUDIO_PASSWORD_HASH"], os.environ.get("STUDIO_SECRET"))


def _password_user() -> str:
    return access.normalise_user(os.environ.get("STUDIO_USER") or "owner")


def _sign_in_screen() -> None:
    st.title(t("auth.title"))
    st.write(t("auth.intro"))
    if auth_mode() == "oidc":
        if st.button(t("auth.sign_in"), key="_sign_in", type="primary"):
            st.login(_oidc_provider())
        return
    with st.form("_password_form"):
        password = st.text_input(t("auth.password"), type="password", key="_password")
        if st.form_submit_button(t("auth.sign_in"), type="primary"):
            if access.verify_password(password, os.environ["STUDIO_PASSWORD_HASH"]):
                user = _password_user()
                st.session_state[USER_KEY] = user
                st.session_state.pop("_signed_out", None)
                st.session_state["_cookie_write"] = (access.sign_session(user, _password_key()), 12 * 3600)
                st.rerun()
            st.error(t("auth.wrong_password"))


def signed_in_user() -> str | None:
    """The signed-in person's id, or None when nobody is signed in (or accounts are off)."""
    mode = auth_mode()
    if mode == "oidc":
        if not getattr(st.user, "is_logged_in", False):
            return None
        identity = st.user.get("email") or st.user.get("sub")
        return access.normalise_user(identity) if identity else None
    if mode == "password":
        user = st.session_state.get(USER_KEY)
        if user is None and not st.session_state.get("_signed_out"):
            user = access.read_session(read_cookie(COOKIE), _password_key())
        return user
    return None


def require_user() -> str | None:
    """The person using this session: their id, or None in a studio without accounts.

    When the deployment requires signing in and nobody is, this draws the sign-in screen and stops
    the script: no project is read, nothing else is shown.
    """
    mode = auth_mode()
    user = signed_in_user()
    pending = st.session_state.pop("_cookie_write", None)  # written on the run after the click
    if pending:
        write_cookie(COOKIE, *pending, same_site="Strict")  # kept off cross-site requests
    if mode != "none" and user is None:
        if mode == "oidc" and getattr(st.user, "is_logged_in", False):
            st.error(t("auth.no_identity"))
            st.stop()
        _sign_in_screen()
        st.stop()
    st.session_state[USER_KEY] = user
    return user


def sign_out_control(user: str | None) -> None:
    """Who is signed in, and the way out (sidebar)."""
    if user is None:
        return
    st.sidebar.caption(t("auth.signed_in_as", user=f"`{user}`"))  # a code span: no mailto link
    if st.sidebar.button(t("auth.sign_out"), key="_sign_out"):
        st.session_state.pop(USER_KEY, None)
        if auth_mode() == "oidc":
            # Streamlit sends the browser to its logout route (and the provider's), which comes back
            # as a new page and a new session: nothing of this one may be drawn meanwhile.
            st.logout()
            st.stop()
        st.session_state["_signed_out"] = True
        st.session_state["_cookie_write"] = ("", 0)
        st.rerun()
